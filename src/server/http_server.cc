// HTTP glue: translates cpp-httplib requests into EventService::Handle calls and serves the
// dashboard folder as static files. No API logic lives here.
#include "server/http_server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <system_error>

#include "entente/pipeline.h"

namespace entente::server {

namespace fs = std::filesystem;

std::string FindWebRoot() {
  std::error_code ec;
  const fs::path root = FindResourceRoot();
  for (const fs::path& p : {root / "web", root / "src" / "web" / "static"}) {
    if (fs::exists(p / "index.html", ec)) return p.string();
  }
  return "";
}

struct HttpServer::Impl {
  const EventService* service;
  HttpOptions options;
  httplib::Server http;
  int port = 0;
  std::atomic<bool> stop_requested{false}, run_started{false}, run_done{false};
};

namespace {

// The URL's query parameters with one value each; a parameter given twice is an error. (Not
// req.params: httplib adds the fields of a form-encoded body there, and a POST body is text.)
bool CollectParams(const httplib::Request& req, Params* out, std::string* twice) {
  httplib::Params query;
  const size_t mark = req.target.find('?');
  if (mark != std::string::npos) httplib::detail::parse_query_text(req.target.substr(mark + 1), query);
  for (const auto& [name, value] : query) {
    if (!out->emplace(name, value).second) {
      *twice = name;
      return false;
    }
  }
  return true;
}

}  // namespace

HttpServer::HttpServer(const EventService* service, const HttpOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->service = service;
  impl_->options = options;
  httplib::Server& http = impl_->http;
  auto api = [this](const httplib::Request& req, httplib::Response& res) {
    Params params;
    std::string twice;
    Reply reply;
    if (!CollectParams(req, &params, &twice)) {
      nlohmann::json j = {{"error", "parameter '" + twice + "' is given more than once"}, {"parameter", twice}};
      reply = Reply{400, "application/json", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    } else {
      reply = impl_->service->Handle(req.method, req.path, params, req.body, req.get_header_value("Content-Type"));
    }
    res.status = reply.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(reply.body, reply.content_type.c_str());
  };
  for (const char* pattern : {R"(/api(/.*)?)", "/healthz"}) {
    http.Get(pattern, api);
    http.Post(pattern, api);
    http.Put(pattern, api);
    http.Delete(pattern, api);
    http.Patch(pattern, api);
  }
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("{\"error\":\"internal error\"}", "application/json");
  });
  // httplib's own refusals (404 for files, 413, 414, 400 for malformed requests) get a body.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string reason = res.status == 404   ? "not found"
                               : res.status == 413 ? "the request body is too large"
                               : res.status == 414 ? "the URL is too long"
                               : res.status == 400 ? "malformed request"
                                                   : "HTTP error " + std::to_string(res.status);
    if (req.path.rfind("/api/", 0) == 0) {
      res.set_content(nlohmann::json({{"error", reason}}).dump(), "application/json");
    } else {
      res.set_content(reason + "\n", "text/plain");
    }
  });
  // httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and
  // silently share its connections; SO_REUSEADDR alone still allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_timeout(options.keep_alive_seconds);  // idle browser connections do not hold Stop() up
  http.set_read_timeout(options.read_timeout_ms / 1000, (options.read_timeout_ms % 1000) * 1000);
  http.set_write_timeout(options.write_timeout_ms / 1000, (options.write_timeout_ms % 1000) * 1000);
  if (options.access_log) {
    auto log = options.access_log;
    http.set_logger([log](const httplib::Request& req, const httplib::Response& res) {
      log(req.method + " " + req.path + " " + std::to_string(res.status));
    });
  }
}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Bind() {
  const HttpOptions& o = impl_->options;
  if (!o.web_root.empty()) {
    std::error_code ec;
    if (!fs::is_directory(o.web_root, ec)) return Status::NotFound(o.web_root + ": no such folder for the web files");
    if (!impl_->http.set_mount_point("/", o.web_root))
      return Status::IOError(o.web_root + ": cannot serve files from this folder");
  }
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("port must be from 0 to 65535");
  if (o.port == 0) {
    int p = impl_->http.bind_to_any_port(o.host);
    if (p <= 0) return Status::IOError("cannot listen on " + o.host + " (any port)");
    impl_->port = p;
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port))
      return Status::IOError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
    impl_->port = o.port;
  }
  return Status::OK();
}

int HttpServer::port() const { return impl_->port; }

Status HttpServer::Run() {
  if (impl_->port == 0) return Status::Internal("HttpServer::Run before Bind");
  impl_->run_started = true;
  bool ok = impl_->stop_requested || impl_->http.listen_after_bind();
  impl_->run_done = true;
  return ok ? Status::OK() : Status::IOError("the server stopped accepting connections");
}

void HttpServer::Stop() {
  impl_->stop_requested = true;
  // A Run() that has started but not yet begun listening cannot be stopped by httplib: wait
  // (briefly) until it listens.
  if (impl_->run_started && !impl_->run_done) {
    for (int i = 0; i < 400 && !impl_->http.is_running() && !impl_->run_done; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->http.stop();
}

}  // namespace entente::server
