// Fuzz target: the HTTP API's logic (server/service.h, EventService::Handle) over a real SQLite
// store coded from part of the demo corpus. Contract under test: any method, path, query
// parameters and body give a Reply with a documented status (200, 400, 404, 405, 413, 503; never
// 500 on a healthy store) whose JSON body parses, without a crash, a hang or a sanitizer report.
// Input: byte 0 picks the endpoint (or byte 0 >= 200: the first line is the raw path); then
// "name=value" lines are the parameters; after an empty line, the rest is the POST body.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/store.h"
#include "server/service.h"

namespace {

std::unique_ptr<entente::server::EventService> service;

void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz_service: %s\n", what.c_str());
  std::abort();
}

}  // namespace

// Codes every tenth demo article into a fresh store and opens the service over it.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const std::string db = "/tmp/entente-fuzz-service-" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(db);
  {
    auto store = entente::Store::Open(db, entente::StoreOptions{});
    if (!store.ok()) Die(store.status().ToString());
    entente::PipelineOptions po;
    po.fast = true;
    auto pipeline = entente::Pipeline::Open(po);
    if (!pipeline.ok()) Die(pipeline.status().ToString());
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(std::string(ENTENTE_FUZZ_SOURCE_DIR) + "/corpus/demo"))
      files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::vector<std::string> some;
    for (size_t i = 0; i < files.size(); i += 10) some.push_back(files[i]);
    entente::Status st = entente::ReadDocuments(
        some, entente::ReadOptions{},
        [&](entente::Document& doc) {
          std::vector<entente::Event> events;
          ENTENTE_RETURN_IF_ERROR((*pipeline)->Process(&doc, &events));
          auto r = (*store)->AddDocument(doc, events);
          return r.ok() ? entente::Status::OK() : r.status();
        },
        nullptr);
    if (!st.ok()) Die(st.ToString());
  }
  entente::server::ServiceOptions o;
  o.db = db;
  o.pipeline.fast = true;
  o.max_body_bytes = 2000;
  auto s = entente::server::EventService::Open(o);
  if (!s.ok()) Die(s.status().ToString());
  service = std::move(s).value();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4000) return 0;
  static const char* const kPaths[] = {"/healthz",    "/api/stats",  "/api/events",   "/api/events/",
                                       "/api/dyads",  "/api/align",  "/api/blocs",    "/api/shifts",
                                       "/api/forecast", "/api/brief", "/api/code",    "/",
                                       "/api/nothing"};
  constexpr size_t kCount = sizeof(kPaths) / sizeof(kPaths[0]);
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto next_line = [&in]() {
    size_t n = in.find('\n');
    std::string_view line = in.substr(0, n);
    in = n == std::string_view::npos ? std::string_view() : in.substr(n + 1);
    return line;
  };
  std::string path;
  if (data[0] >= 200) {
    path = std::string(next_line());
  } else {
    path = kPaths[data[0] % kCount];
    if (path == "/api/events/") path += std::string(next_line());
  }
  const std::string method = (data[0] % kCount == 10 || data[0] % 7 == 3) ? "POST" : "GET";
  entente::server::Params params;
  while (!in.empty()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    size_t eq = line.find('=');
    params[std::string(line.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(line.substr(eq + 1));
  }
  entente::server::Reply r = service->Handle(method, path, params, std::string(in),
                                             (data[0] & 1) ? "text/plain" : "application/json");
  switch (r.status) {
    case 200: case 400: case 404: case 405: case 413: case 415: case 503: break;
    default:
      std::fprintf(stderr, "status %d for %s %s: %s\n", r.status, method.c_str(), path.c_str(), r.body.c_str());
      __builtin_trap();
  }
  if (r.content_type == "application/json" && nlohmann::json::parse(r.body, nullptr, false).is_discarded()) {
    std::fprintf(stderr, "not JSON for %s %s: %.200s\n", method.c_str(), path.c_str(), r.body.c_str());
    __builtin_trap();
  }
  return 0;
}
