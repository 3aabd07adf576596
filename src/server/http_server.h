// The socket side of `entente serve`: an HTTP/1.1 server (cpp-httplib) that passes /api/* and
// /healthz to an EventService and serves the dashboard's static files from a folder.
#ifndef ENTENTE_SERVER_HTTP_SERVER_H_
#define ENTENTE_SERVER_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "entente/status.h"
#include "server/service.h"

namespace entente::server {

struct HttpOptions {
  std::string host = "127.0.0.1";  // the address to listen on; loopback by default
  int port = 8080;                 // 0: any free port (see HttpServer::port())
  std::string web_root;            // the dashboard's static files; empty: the API only
  // Socket limits (docs/api.md, "Limits"). A request whose next bytes do not arrive within
  // read_timeout_ms (a header without its end, a body shorter than its Content-Length) is
  // dropped; so is a client that does not take the reply within write_timeout_ms. An
  // idle kept-alive connection is closed after keep_alive_seconds. A body over max_body_bytes
  // gets 413 before it is read (EventService refuses /api/code bodies over 1 MiB itself).
  // cpp-httplib's own limits: request line and each header line 8 KiB (414 / 400), at most
  // 8 worker threads (more connections wait in the accept queue).
  int read_timeout_ms = 10000;
  int write_timeout_ms = 10000;
  int keep_alive_seconds = 2;
  size_t max_body_bytes = 2u << 20;
  // Called once per request after it is answered ("GET /api/stats 200 3 ms"); may be empty.
  // Called from the server's worker threads.
  std::function<void(const std::string&)> access_log;
};

// The dashboard folder: <resource root>/web when installed (share/entente/web), else
// <resource root>/src/web/static in a build tree. "" when neither exists.
std::string FindWebRoot();

// Owns the listening socket; the EventService must outlive it. Bind() once, then Run() on one
// thread; Stop() may be called from any thread (or before Run(), which then returns at once).
class HttpServer {
 public:
  HttpServer(const EventService* service, const HttpOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens on host:port. Errors: the address is in use or not local, the web root
  // is not a folder.
  Status Bind();
  // The bound port (the chosen one when HttpOptions::port was 0); 0 before Bind().
  int port() const;
  // Serves until Stop(). Returns an error when the server fails.
  Status Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::server

#endif  // ENTENTE_SERVER_HTTP_SERVER_H_
