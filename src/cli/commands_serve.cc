// serve: the HTTP API and dashboard over a store (src/server/, docs/api.md).
//
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "cli/common.h"
#include "server/http_server.h"
#include "server/service.h"

namespace entente::cli {

namespace {

bool ParseRange(const Flags& flags, const std::string& name, int lo, int hi, int* out, std::string* error) {
  if (!flags.Has(name)) return true;
  const std::string v = flags.Get(name);
  if (!v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos) {
    int n = std::stoi(v);
    if (n >= lo && n <= hi) {
      *out = n;
      return true;
    }
  }
  *error = "--" + name + " wants a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
           ", got '" + v + "'";
  return false;
}

}  // namespace

int RunServe(const Command& self, const Flags& flags) {
  if (!flags.positional().empty()) {
    PrintError(self.name, "unexpected argument '" + flags.positional()[0] + "'\nusage: " + self.usage);
    return 2;
  }
  server::ServiceOptions so;
  so.db = DbUrl(flags);
  so.enable_code = !flags.Has("no-code");
  server::HttpOptions ho;
  ho.host = flags.Get("host", "127.0.0.1");
  std::string error;
  if (!ParseRange(flags, "port", 0, 65535, &ho.port, &error) ||
      !ParseRange(flags, "cache-seconds", 0, 86400, &so.cache_seconds, &error)) {
    PrintError(self.name, error);
    return 2;
  }
  DiagnosticCounter diag;
  MakePipelineOptions(flags, diag.Sink(/*quiet_warnings=*/true), &so.pipeline, &error);
  ho.web_root = flags.Has("web") ? flags.Get("web") : server::FindWebRoot();
  if (ho.web_root.empty()) std::cerr << "entente serve: dashboard files not found; serving the API only\n";
  const bool quiet = flags.Has("quiet");
  if (!quiet) {
    ho.access_log = [](const std::string& line) {
      static std::mutex mu;
      std::lock_guard<std::mutex> lock(mu);
      std::cerr << line << "\n";
    };
  }

  auto service = server::EventService::Open(so);
  if (!service.ok()) {
    PrintError(self.name, service.status().ToString());
    return 1;
  }
  // SIGINT and SIGTERM are taken by one thread (blocked everywhere else, including the server's
  // workers, which inherit this mask) and turned into a clean Stop().
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::HttpServer http(service->get(), ho);
  Status st = http.Bind();
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    http.Stop();
  });
  const bool ipv6 = ho.host.find(':') != std::string::npos;
  std::cout << "entente serve: listening on http://" << (ipv6 ? "[" + ho.host + "]" : ho.host) << ":"
            << http.port() << "/ (store " << so.db << ")" << std::endl;
  if (ho.host != "127.0.0.1" && ho.host != "localhost" && ho.host != "::1")
    std::cerr << "entente serve: note: listening on " << ho.host << " exposes the store beyond this machine\n";
  st = http.Run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when Run ended on its own
  waiter.join();
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  if (!quiet) std::cerr << "entente serve: stopped\n";
  return 0;
}

}  // namespace entente::cli
