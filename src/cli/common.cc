#include "cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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
  out->knowledge.own_actors = !flags.Has("no-builtin-actors");
  if (!out->knowledge.own_actors && out->knowledge.dicts.empty()) {
    *error = "--no-builtin-actors needs --dict with an actor or agent dictionary";
    return false;
  }
  out->fast = flags.Has("fast");
  out->accurate = flags.Has("accurate");
  if (out->fast && out->accurate) {
    *error = "--fast and --accurate exclude each other (--accurate chooses the slower parser of syntax mode)";
    return false;
  }
  out->parse_roles = !flags.Has("window-roles");
  out->sink = sink;
  return true;
}

std::unique_ptr<Pipeline> OpenPipeline(const Command& self, const Flags& flags, bool format_is_input,
                                       bool need_syntax, ReadOptions* read, int* exit_status) {
  DiagnosticCounter diag;
  std::string fmt = flags.Get("input-format");
  if (fmt.empty() && format_is_input) fmt = flags.Get("format");
  if (!fmt.empty()) {
    auto f = ParseInputFormat(fmt);
    if (!f) {
      PrintError(self.name, "unknown input format '" + fmt + "' (auto, text, jsonl, html, feed)");
      *exit_status = 2;
      return nullptr;
    }
    read->format = *f;
  }
  if (flags.Has("date")) {
    auto d = Date::Parse(flags.Get("date"));
    if (!d) {
      PrintError(self.name, "--date wants YYYY-MM-DD, got '" + flags.Get("date") + "'");
      *exit_status = 2;
      return nullptr;
    }
    read->default_date = d;
  }
  read->sink = diag.Sink();
  PipelineOptions popts;
  std::string error;
  if (!MakePipelineOptions(flags, diag.Sink(), &popts, &error)) {
    PrintError(self.name, error);
    *exit_status = 2;
    return nullptr;
  }
  // Syntax consumers (`entente parse`) read every token, so every sentence is annotated.
  if (need_syntax) {
    popts.fast = false;
    popts.annotate_all = true;
  }
  auto pipeline = Pipeline::Open(popts);
  if (!pipeline.ok()) {
    PrintError(self.name, pipeline.status().ToString());
    *exit_status = 1;
    return nullptr;
  }
  return std::move(pipeline).value();
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

StoreOptions CliStoreOptions(bool read_only) {
  StoreOptions o;
  o.read_only = read_only;
  if (const char* t = std::getenv("ENTENTE_LOCK_TIMEOUT")) {
    char* end = nullptr;
    const double seconds = std::strtod(t, &end);
    if (end != t && *end == '\0' && seconds >= 0 && seconds <= 86400)
      o.lock_timeout_ms = static_cast<int>(seconds * 1000);
    else
      std::cerr << "entente: ignoring ENTENTE_LOCK_TIMEOUT='" << t << "' (seconds from 0 to 86400 expected)\n";
  }
  return o;
}
bool StderrIsTerminal() { return isatty(2) == 1; }
bool StdoutIsTerminal() { return isatty(1) == 1; }

}  // namespace entente::cli
