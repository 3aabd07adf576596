// ingest and code: read news, run the pipeline, store or print events.
#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "cli/common.h"
#include "cli/output.h"
#include "cli/progress.h"

namespace entente::cli {

namespace {

int64_t InputBytes(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  int64_t total = 0;
  std::error_code ec;
  for (const auto& in : inputs) {
    if (in == "-") return 0;  // unknown
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
    } else if (fs::is_regular_file(in, ec)) {
      total += static_cast<int64_t>(fs::file_size(in, ec));
    }
  }
  return total;
}

void PrintRejected(const std::string& cmd, const ReadStats& stats) {
  for (const auto& r : stats.rejected) PrintError(cmd, "rejected input: " + r);
}

}  // namespace

int RunIngest(const Command& self, const Flags& flags) {
  if (flags.positional().empty()) {
    PrintError(self.name, "no input given\nusage: " + self.usage);
    return 2;
  }
  ReadOptions ropts;
  int exit_status = 0;
  auto pipeline = OpenPipeline(self, flags, /*format_is_input=*/true, /*need_syntax=*/false, &ropts, &exit_status);
  if (!pipeline) return exit_status;
  auto store = Store::Open(DbUrl(flags), CliStoreOptions(/*read_only=*/false));
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  const bool quiet = flags.Has("quiet");
  Progress progress(!quiet && StderrIsTerminal(), InputBytes(flags.positional()));
  int64_t docs = 0, added = 0, sentences = 0, events = 0, bytes = 0, failed = 0;
  std::vector<Event> batch;
  ReadStats stats;
  Status st = ReadDocuments(flags.positional(), ropts, [&](Document& doc) -> Status {
    batch.clear();
    ++docs;
    bytes += static_cast<int64_t>(doc.text.size());
    Status s = pipeline->Process(&doc, &batch);
    if (!s.ok()) {
      // A document the pipeline cannot code is reported and skipped; the rest goes on.
      ++failed;
      PrintError(self.name, doc.path + " (" + doc.id + "): " + s.ToString());
      return Status::OK();
    }
    auto r = (*store)->AddDocument(doc, batch);
    if (!r.ok()) return r.status();  // the store failing is fatal: stop, keep what is stored
    if (*r) {
      ++added;
      sentences += static_cast<int64_t>(doc.sentences.size());
      events += static_cast<int64_t>(batch.size());
    }
    progress.Update(docs, events, bytes);
    return Status::OK();
  }, &stats);
  Status flushed = (*store)->Flush();
  progress.Done();
  PrintRejected(self.name, stats);
  if (!st.ok() || !flushed.ok()) {
    PrintError(self.name, (!st.ok() ? st : flushed).ToString());
    return 1;
  }
  if (!quiet) {
    // Inputs rejected whole are counted by the reader among its inputs; none of them was read.
    const int64_t read_inputs = stats.inputs - static_cast<int64_t>(stats.rejected.size());
    std::cout << "read " << docs << " document" << (docs == 1 ? "" : "s") << " from " << read_inputs
              << " input" << (read_inputs == 1 ? "" : "s") << ": " << added << " new, "
              << (docs - added - failed) << " already stored";
    if (failed) std::cout << ", " << failed << " failed";
    std::cout << "; stored " << sentences << " sentences and " << events << " events in "
              << DbUrl(flags) << "\n";
    if (!stats.rejected.empty() || stats.errors > 0 || stats.cut_short > 0) {
      std::cout << stats.rejected.size() << " input(s) rejected, " << stats.errors << " record(s) with errors";
      if (stats.cut_short > 0)
        std::cout << ", " << stats.cut_short << " input(s) cut short by a read error (what came before is stored)";
      std::cout << " (see stderr)\n";
    }
  }
  return (stats.rejected.empty() && stats.errors == 0 && failed == 0 && stats.cut_short == 0) ? 0 : 1;
}

int RunCode(const Command& self, const Flags& flags) {
  OutputFormat format;
  std::unique_ptr<EventExporter> exporter;
  if (!EventOutputFormat(self, flags, "jsonl", {"jsonl", "csv", "tsv", "gdelt", "plover"}, &format, &exporter))
    return 2;
  ReadOptions ropts;
  int exit_status = 0;
  auto pipeline = OpenPipeline(self, flags, /*format_is_input=*/false, /*need_syntax=*/false, &ropts, &exit_status);
  if (!pipeline) return exit_status;
  std::vector<std::string> inputs = flags.positional();
  if (inputs.empty()) inputs.push_back("-");
  const bool explain = flags.Has("explain");
  const bool color = explain && StdoutIsTerminal();
  EventWriter writer(std::cout, format, exporter.get());
  std::vector<Event> events;
  int64_t failed = 0;
  ReadStats stats;
  Status st = ReadDocuments(inputs, ropts, [&](Document& doc) -> Status {
    events.clear();
    Status s = pipeline->Process(&doc, &events);
    if (!s.ok()) {
      ++failed;
      PrintError(self.name, doc.path + " (" + doc.id + "): " + s.ToString());
      return Status::OK();
    }
    for (const auto& e : events) {
      if (explain) {
        ExplainEvent(std::cout, e, color);
        std::cout << "\n";
      } else {
        writer.Write(e);
      }
    }
    return Status::OK();
  }, &stats);
  if (!explain) writer.Finish();
  PrintRejected(self.name, stats);
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  return (stats.rejected.empty() && stats.errors == 0 && failed == 0 && stats.cut_short == 0) ? 0 : 1;
}

}  // namespace entente::cli
