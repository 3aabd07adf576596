// The real HTTP server on 127.0.0.1 (an ephemeral port) in a thread, queried with httplib's
// client: status codes, content types, JSON shapes, static files. Every client call has a
// timeout and the server is stopped at the end of each test.
#include "server/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
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

// ---- the socket layer on raw bytes ----
//
// The real server (read timeout 0.3 s) receives bytes no HTTP client would send; after each case
// a normal request must still be answered. Every socket read is bounded (SO_RCVTIMEO), so a
// server that hangs fails the test instead of hanging it; nothing asserts how fast it is.

// Sends `bytes` on a new connection (then half-closes when `close_write`) and reads until the
// server closes or `wait_seconds` pass. `closed`: the server closed the connection.
struct RawReply {
  std::string bytes;
  bool closed = false;    // the server closed the connection
  bool complete = false;  // a whole reply (headers and Content-Length bytes) arrived
  int status() const {
    return bytes.rfind("HTTP/1.", 0) == 0 && bytes.size() >= 12 ? std::atoi(bytes.substr(9, 3).c_str()) : 0;
  }
};

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  return fd;
}

RawReply ReadReply(int fd, int wait_seconds) {
  timeval tv{wait_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  RawReply r;
  char buf[8192];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      r.bytes.append(buf, static_cast<size_t>(n));
      // A kept-alive connection stays open after its reply: stop at the reply's end.
      const size_t end = r.bytes.find("\r\n\r\n");
      const size_t length = r.bytes.find("Content-Length: ");
      if (end != std::string::npos && length != std::string::npos && length < end &&
          r.bytes.size() >= end + 4 + std::strtoull(r.bytes.c_str() + length + 16, nullptr, 10)) {
        r.complete = true;
        break;
      }
      continue;
    }
    r.closed = n == 0 || (n < 0 && errno == ECONNRESET);
    break;
  }
  return r;
}

// The write side stays open: cpp-httplib 0.11 drops a connection whose client half-closed it
// (shutdown(SHUT_WR)) without answering, even after a whole request.
RawReply SendRaw(int port, const std::string& bytes, bool close_write = false, int wait_seconds = 5) {
  int fd = Connect(port);
  if (fd < 0) return RawReply{};
  signal(SIGPIPE, SIG_IGN);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (a refused header): read what it said
    sent += static_cast<size_t>(n);
  }
  if (close_write) shutdown(fd, SHUT_WR);
  RawReply r = ReadReply(fd, wait_seconds);
  close(fd);
  return r;
}

class RawSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ReadOnlyService();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(s).value();
    HttpOptions ho;
    ho.port = 0;
    ho.read_timeout_ms = 300;
    ho.write_timeout_ms = 1000;
    ho.keep_alive_seconds = 1;
    server_ = std::make_unique<HttpServer>(service_.get(), ho);
    ASSERT_TRUE(server_->Bind().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.ToString();
  }
  // A normal request on a fresh connection gets its answer.
  void ExpectServing(const std::string& after) {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(5);
    auto res = c.Get("/api/stats");
    ASSERT_TRUE(res) << "after " << after << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200) << "after " << after;
    EXPECT_FALSE(json::parse(res->body, nullptr, false).is_discarded()) << "after " << after;
  }
  // The reply to one request: an HTTP status in `allowed` (0: the connection closed without
  // one), JSON when it is an API answer, never 500.
  void ExpectHandled(const std::string& label, const std::string& request, const std::vector<int>& allowed) {
    RawReply r = SendRaw(port_, request);
    EXPECT_TRUE(r.closed || r.complete) << label << ": neither a reply nor a closed connection";
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), r.status()), allowed.end())
        << label << ": status " << r.status() << "\n" << r.bytes.substr(0, 300);
    const size_t body = r.bytes.find("\r\n\r\n");
    if (r.status() != 0 && body != std::string::npos &&
        r.bytes.find("application/json") != std::string::npos && r.bytes.find("chunked") == std::string::npos) {
      EXPECT_FALSE(json::parse(r.bytes.substr(body + 4), nullptr, false).is_discarded())
          << label << ": not JSON: " << r.bytes.substr(body + 4, 200);
    }
    ExpectServing(label);
  }

  std::unique_ptr<EventService> service_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  Status run_status_;
  int port_ = 0;
};

TEST_F(RawSocketTest, MalformedRequestLines) {
  ExpectHandled("a normal request", "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200});
  ExpectHandled("garbage", "GARBAGE\r\n\r\n", {0, 400});
  ExpectHandled("no path", "GET\r\n\r\n", {0, 400});
  ExpectHandled("no version", "GET /api/stats\r\n\r\n", {0, 400});
  ExpectHandled("unknown version", "GET /api/stats HTTP/9.9\r\n\r\n", {0, 400, 505});
  ExpectHandled("only CRLFs", "\r\n\r\n\r\n", {0, 400});
  ExpectHandled("NUL bytes", std::string("GET /api/st\0ats HTTP/1.1\r\nHost: \0\r\n\r\n", 36), {0, 400, 404});
  ExpectHandled("binary", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), {0, 400});
  ExpectHandled("no CRLF at all", "GET /api/stats HTTP/1.1", {0, 400});
  ExpectHandled("LF only", "GET /api/stats HTTP/1.1\nHost: x\nConnection: close\n\n", {0, 200, 400});
  ExpectHandled("header without colon", "GET /api/stats HTTP/1.1\r\nHost x\r\nConnection: close\r\n\r\n",
                {0, 200, 400});
  ExpectHandled("bad chunked body",
                "POST /api/code HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n"
                "Connection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                {0, 400, 503});
  ExpectHandled("huge Content-Length",
                "POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n"
                "Connection: close\r\n\r\nabc",
                {0, 400, 413});
  ExpectHandled("negative Content-Length",
                "POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\nabc",
                {0, 400, 413, 503});
}

TEST_F(RawSocketTest, HugeHeadersAndLongUrls) {
  ExpectHandled("a 100 KB header line",
                "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n", {0, 400, 431});
  std::string many = "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 0; i < 20000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  ExpectHandled("20,000 header lines (400 KB)", many + "\r\n", {0, 200, 400, 431});
  ExpectHandled("a 9 KB URL", "GET /api/events?actor=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
                {0, 414});
  ExpectHandled("a 1 MB URL", "GET /api/events?actor=" + std::string(1u << 20, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
                {0, 414});
}

TEST_F(RawSocketTest, ParametersOutsideTheRules) {
  const std::vector<std::string> queries = {
      "country=%ZZ", "country=%", "country=%4", "actor=%00%00", "actor=%C3%28", "actor=%FF%FE%FD",
      "actor=\xff\xfe", "actor=caf\xc3", "dyad=%E2%82,%AC", "limit=99999999999999999999", "limit=-1",
      "limit=0", "offset=-1", "offset=9223372036854775807", "offset=1e308", "limit=1e3",
      "since=9999-99-99", "until=0000-00-00", "code=%27%3B%20DROP%20TABLE%20events%3B--",
      "actor=" + std::string(3000, '%'), "=&=&&&", "limit=1&limit=2"};
  for (const auto& q : queries) {
    ExpectHandled("GET /api/events?" + q.substr(0, 60),
                  "GET /api/events?" + q + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200, 400});
  }
  ExpectHandled("event id with bad escapes", "GET /api/events/%ZZ%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                {400, 404});
  ExpectHandled("dyads with absurd window",
                "GET /api/dyads?window=" + std::string(500, 'y') + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                {400});
}

// A request that never ends holds one worker only until the read timeout: the server closes
// the connection, and serves others meanwhile.
TEST_F(RawSocketTest, UnfinishedRequestsTimeOut) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a header with no end", "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Unfinished: "},
      {"a body shorter than Content-Length",
       "POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nshort"},
      {"nothing at all", ""}};
  for (const auto& [label, bytes] : cases) {
    int fd = Connect(port_);
    ASSERT_GE(fd, 0);
    if (!bytes.empty()) {
      ASSERT_EQ(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL), static_cast<ssize_t>(bytes.size()));
    }
    ExpectServing(label + " (while it is open)");
    RawReply r = ReadReply(fd, 10);  // the server's read timeout is 0.3 s
    close(fd);
    EXPECT_TRUE(r.closed || r.complete) << label << ": the server neither answered nor closed the connection";
    EXPECT_TRUE(r.status() == 0 || r.status() == 400 || r.status() == 408) << label << ": " << r.bytes.substr(0, 200);
    ExpectServing(label);
  }
}

TEST_F(RawSocketTest, ManyConcurrentConnections) {
  // 48 connections at once: 16 that send half a request and stall (each holds one of the 8
  // workers until the read timeout), then 32 normal requests, which wait their turn.
  std::vector<int> stalled;
  for (int i = 0; i < 16; ++i) {
    int fd = Connect(port_);
    ASSERT_GE(fd, 0);
    const std::string half = "GET /api/stats HTTP/1.1\r\nHo";
    send(fd, half.data(), half.size(), MSG_NOSIGNAL);
    stalled.push_back(fd);
  }
  std::vector<std::thread> clients;
  std::atomic<int> answered{0};
  for (int i = 0; i < 32; ++i) {
    clients.emplace_back([this, &answered] {
      RawReply r = SendRaw(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false, 20);
      if (r.status() == 200) ++answered;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(answered.load(), 32);
  for (int fd : stalled) close(fd);
  ExpectServing("48 concurrent connections");
}

}  // namespace
}  // namespace entente::server
