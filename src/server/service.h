// The HTTP API's logic without sockets: EventService owns the Store (and a Pipeline for
// POST /api/code) and answers one request at a time as a Reply. src/server/http_server.h puts
// it behind a socket; docs/api.md documents every endpoint, parameter and JSON shape.
#ifndef ENTENTE_SERVER_SERVICE_H_
#define ENTENTE_SERVER_SERVICE_H_

#include <map>
#include <memory>
#include <string>

#include "entente/pipeline.h"
#include "entente/status.h"
#include "entente/store.h"

namespace entente::server {

struct ServiceOptions {
  std::string db;                // Store URL: SQLite path or postgresql://...; opened read-only
  PipelineOptions pipeline;      // for POST /api/code (fast mode loads in well under a second)
  bool enable_code = true;       // false: no Pipeline is loaded and POST /api/code answers 503
  // Loaded event tables and computed analysis replies are reused for this long, so a store
  // that another process is filling shows new events after at most this delay. 0: no reuse.
  int cache_seconds = 60;
  size_t max_body_bytes = 1 << 20;  // POST /api/code bodies above this get 413
};

// One answer: an HTTP status, a content type and the body.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Query parameters, already URL-decoded (one value per name).
using Params = std::map<std::string, std::string>;

// Thread-safe: Handle may be called from many threads at once. Store access is serialised by
// a mutex (a Store is not thread-safe); analyses run on shared immutable event tables, and
// those that find blocs (igraph's global random generator) are serialised as well.
class EventService {
 public:
  // Opens the store read-only (it must exist) and, when enabled, the pipeline.
  static Result<std::unique_ptr<EventService>> Open(const ServiceOptions& options);
  ~EventService();
  EventService(const EventService&) = delete;
  EventService& operator=(const EventService&) = delete;

  // Answers `method` on `path` ("/api/events/ID", "/healthz"). Never throws: a bad parameter
  // gives 400 with {"error": ..., "parameter": NAME}, an unknown event id or path 404, a wrong
  // method 405, a store failure 500. `content_type` matters for POST /api/code only.
  Reply Handle(const std::string& method, const std::string& path, const Params& params,
               const std::string& body = "", const std::string& content_type = "") const;

 private:
  struct Impl;
  explicit EventService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::server

#endif  // ENTENTE_SERVER_SERVICE_H_
