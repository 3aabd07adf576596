// import: GDELT and ICEWS event files into the store.
#include <iostream>

#include "cli/common.h"
#include "cli/progress.h"

namespace entente::cli {

int RunImport(const Command& self, const Flags& flags) {
  const auto& args = flags.positional();
  if (args.size() < 2 || (args[0] != "gdelt" && args[0] != "icews")) {
    PrintError(self.name, "say what to import and from where\nusage: " + self.usage);
    return 2;
  }
  EventSource source = args[0] == "gdelt" ? EventSource::kGdelt : EventSource::kIcews;
  std::vector<std::string> files(args.begin() + 1, args.end());
  DiagnosticCounter diag;
  KnowledgeOptions ko;
  ko.root = flags.Get("home");
  auto kb = KnowledgeBase::Load(ko, diag.Sink(/*quiet_warnings=*/true));
  if (!kb.ok()) {
    PrintError(self.name, kb.status().ToString());
    return 1;
  }
  auto store = Store::Open(DbUrl(flags), CliStoreOptions(/*read_only=*/false));
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  ImportOptions io;
  io.root = flags.Get("home");
  io.kb = kb->get();
  // Bad rows are listed on stderr, at most the first 20, then counted.
  auto shown = std::make_shared<int64_t>(0);
  io.sink = [shown](const Diagnostic& d) {
    if ((*shown)++ < 20) std::cerr << d.ToString() << "\n";
  };
  const bool quiet = flags.Has("quiet");
  Progress progress(!quiet && StderrIsTerminal(), 0);
  int64_t added = 0;
  ImportStats stats;
  Status st = ImportEvents(source, files, io, [&](std::vector<Event>& batch) -> Status {
    auto n = (*store)->AddEvents(batch);
    if (!n.ok()) return n.status();
    added += *n;
    progress.Update(stats.rows, added, 0);
    return Status::OK();
  }, &stats);
  Status flushed = (*store)->Flush();
  progress.Done();
  if (*shown > 20) std::cerr << "... and " << (*shown - 20) << " more malformed rows\n";
  for (const auto& r : stats.rejected) PrintError(self.name, "rejected input: " + r);
  if (!st.ok() || !flushed.ok()) {
    PrintError(self.name, (!st.ok() ? st : flushed).ToString());
    return 1;
  }
  if (!quiet)
    std::cout << "imported " << added << " new " << args[0] << " events from " << stats.rows << " rows in "
              << stats.files << " file" << (stats.files == 1 ? "" : "s") << " (" << stats.malformed
              << " malformed, " << (stats.events - added) << " already stored) into " << DbUrl(flags) << "\n";
  return stats.malformed == 0 && stats.rejected.empty() ? 0 : 1;
}

}  // namespace entente::cli
