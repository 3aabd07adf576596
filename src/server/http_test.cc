// The real HTTP server on 127.0.0.1 (an ephemeral port) in a thread, queried with httplib's
// client: status codes, content types, JSON shapes, static files. Every client call has a
// timeout and the server is stopped at the end of each test.
#include "server/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "server/server_testing.h"

namespace entente::server {
namespace {

using nlohmann::json;

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceOptions so;
    so.db = testing::Fixture().db;
    so.pipeline.fast = true;
    auto s = EventService::Open(so);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(s).value();
    HttpOptions ho;
    ho.port = 0;
    ho.web_root = FindWebRoot();
    ASSERT_FALSE(ho.web_root.empty()) << "src/web/static not found";
    server_ = std::make_unique<HttpServer>(service_.get(), ho);
    Status st = server_->Bind();
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_GT(server_->port(), 0);
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_connection_timeout(5);
    client_->set_read_timeout(60);
    client_->set_write_timeout(5);
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.ToString();
  }

  // GET and parse; expects `status` and a JSON body.
  json GetJson(const std::string& path, int status) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    json j = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body.substr(0, 200);
    return j;
  }

  std::unique_ptr<EventService> service_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  Status run_status_;
};

TEST_F(HttpTest, ApiOverHttp) {
  EXPECT_EQ(GetJson("/healthz", 200)["status"], "ok");
  json stats = GetJson("/api/stats", 200);
  EXPECT_EQ(stats["documents"].get<int64_t>(), testing::Fixture().documents);

  json events = GetJson("/api/events?limit=3&country=prk", 200);
  ASSERT_EQ(events["events"].size(), 3u);
  const std::string id = events["events"][0]["id"];
  json one = GetJson("/api/events/" + id, 200);
  EXPECT_EQ(one["id"], id);
  EXPECT_TRUE(one["segments"].is_array());

  json bad = GetJson("/api/events?limit=many", 400);
  EXPECT_EQ(bad["parameter"], "limit");
  json twice = GetJson("/api/events?limit=1&limit=2", 400);
  EXPECT_EQ(twice["parameter"], "limit");
  json dyad = GetJson("/api/dyads?dyad=PRK%2CRUS&window=quarter", 200);
  EXPECT_FALSE(dyad["rows"].empty());
  EXPECT_EQ(GetJson("/api/events/not-an-id", 404)["error"].is_string(), true);
  GetJson("/api/unknown", 404);
  GetJson("/api/blocs?bootstrap=5", 200);

  auto del = client_->Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
}

TEST_F(HttpTest, CodeOverHttp) {
  auto res = client_->Post("/api/code?date=2019-04-25",
                           "Vladimir Putin met Kim Jong Un in Vladivostok on Thursday.", "text/plain");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  ASSERT_FALSE(j["events"].empty());
  EXPECT_EQ(j["events"][0]["date"], "2019-04-25");

  auto js = client_->Post("/api/code", R"({"text": "Xi Jinping visited Moscow.", "date": "2023-03-20"})",
                          "application/json");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200) << js->body;
  // A form-encoded body (curl --data-binary's default) is still the article text.
  auto form = client_->Post("/api/code?date=2019-04-25", "Vladimir Putin met Kim Jong Un in Vladivostok on Thursday.",
                            "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200) << form->body;
  EXPECT_FALSE(json::parse(form->body, nullptr, false)["events"].empty()) << form->body;
  auto bad = client_->Post("/api/code", "{oops", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto big = client_->Post("/api/code", std::string(3u << 20, 'a'), "text/plain");
  // Refused either with 413 or by closing the connection; never served.
  if (big) {
    EXPECT_EQ(big->status, 413);
  }
  EXPECT_EQ(GetJson("/healthz", 200)["status"], "ok");  // still serving
}

TEST_F(HttpTest, StaticFiles) {
  auto index = client_->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_NE(index->body.find("<html"), std::string::npos);
  auto js = client_->Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  auto css = client_->Get("/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css");
  auto missing = client_->Get("/no-such-file.txt");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto long_url = client_->Get(("/api/events?" + std::string(20000, 'a') + "=1").c_str());
  ASSERT_TRUE(long_url);
  EXPECT_EQ(long_url->status, 414);
  EXPECT_NE(long_url->body.find("too long"), std::string::npos);
  auto escape = client_->Get("/../../CMakeLists.txt");
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->status, 200);
}

// A service over the fixture store that only reads (no pipeline), for the tests of the server
// itself.
Result<std::unique_ptr<EventService>> ReadOnlyService() {
  ServiceOptions so;
  so.db = testing::Fixture().db;
  so.enable_code = false;
  return EventService::Open(so);
}

TEST(HttpServerTest, StopBeforeRunReturns) {
  auto s = ReadOnlyService();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  HttpOptions ho;
  ho.port = 0;
  HttpServer server(s->get(), ho);
  ASSERT_TRUE(server.Bind().ok());
  server.Stop();
  EXPECT_TRUE(server.Run().ok());
}

TEST(HttpServerTest, BindErrors) {
  auto s = ReadOnlyService();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  HttpOptions a;
  a.port = 0;
  HttpServer first(s->get(), a);
  ASSERT_TRUE(first.Bind().ok());
  HttpOptions b;
  b.port = first.port();  // already taken
  HttpServer second(s->get(), b);
  EXPECT_FALSE(second.Bind().ok());
  HttpOptions c;
  c.port = 0;
  c.web_root = testing::TempDir() + "/no-such-folder";
  HttpServer third(s->get(), c);
  EXPECT_EQ(third.Bind().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace entente::server
