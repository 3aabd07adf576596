#include "cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <mutex>

namespace entente::cli {

DiagnosticSink DiagnosticCounter::Sink(bool quiet_warnings) const {
  auto e = errors;
  auto w = warnings;
  return [e, w, quiet_warnings](const Diagnostic& d) {
    static std::mutex mu;
    if (d.level == Diagnostic::Level::kError) ++*e;
    if (d.level == Diagnostic::Level::kWarning) ++*w;
    if (quiet_warnings && d.level != Diagnostic::Level::kError) return;
    std::lock_guard<std::mutex> lock(mu);
    std::cerr << d.ToString() << "\n";
  };
}

bool MakePipelineOptions(const Flags& flags, const DiagnosticSink& sink, PipelineOptions* out,
                         std::string* error) {
  out->knowledge.root = flags.Get("home");
  out->knowledge.dicts = flags.GetAll("dict");
  out->fast = flags.Has("fast");
  out->sink = sink;
  return true;
}

bool MakeReadOptions(const Flags& flags, bool format_is_input, const DiagnosticSink& sink,
                     ReadOptions* out, std::string* error) {
  std::string fmt = flags.Get("input-format");
  if (fmt.empty() && format_is_input) fmt = flags.Get("format");
  if (!fmt.empty()) {
    auto f = ParseInputFormat(fmt);
    if (!f) {
      *error = "unknown input format '" + fmt + "' (auto, text, jsonl, html, feed)";
      return false;
    }
    out->format = *f;
  }
  if (flags.Has("date")) {
    auto d = Date::Parse(flags.Get("date"));
    if (!d) {
      *error = "--date wants YYYY-MM-DD, got '" + flags.Get("date") + "'";
      return false;
    }
    out->default_date = d;
  }
  out->sink = sink;
  return true;
}

bool EventOutputFormat(const Command& self, const Flags& flags, const std::string& def,
                       const std::vector<std::string>& allowed, OutputFormat* format,
                       std::unique_ptr<EventExporter>* exporter) {
  std::string name = flags.Get("format", def);
  bool ok = std::find(allowed.begin(), allowed.end(), name) != allowed.end() && ParseOutputFormat(name, format);
  if (!ok) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    PrintError(self.name, "--format must be one of " + list);
    return false;
  }
  if (*format == OutputFormat::kGdelt || *format == OutputFormat::kPlover) {
    auto ex = EventExporter::Create(flags.Get("home"));
    if (!ex.ok()) {
      PrintError(self.name, ex.status().ToString());
      return false;
    }
    *exporter = std::move(ex).value();
  }
  return true;
}

std::string DbUrl(const Flags& flags) { return flags.Get("db", "entente.db"); }
bool StderrIsTerminal() { return isatty(2) == 1; }
bool StdoutIsTerminal() { return isatty(1) == 1; }

}  // namespace entente::cli
