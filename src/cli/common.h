// Helpers shared by the commands: building options from flags and reporting diagnostics.
#ifndef ENTENTE_CLI_COMMON_H_
#define ENTENTE_CLI_COMMON_H_

#include <atomic>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"
#include "entente/entente.h"
#include "entente/interop.h"

namespace entente::cli {

// Counts diagnostics by level while printing them to stderr.
struct DiagnosticCounter {
  std::shared_ptr<std::atomic<int64_t>> errors = std::make_shared<std::atomic<int64_t>>(0);
  std::shared_ptr<std::atomic<int64_t>> warnings = std::make_shared<std::atomic<int64_t>>(0);
  DiagnosticSink Sink(bool quiet_warnings = false) const;
};

// Fills knowledge/pipeline options from --home, --dict, --no-builtin-actors, --fast. Returns
// false on a usage error (--no-builtin-actors without --dict), with `error` set.
bool MakePipelineOptions(const Flags& flags, const DiagnosticSink& sink, PipelineOptions* out,
                         std::string* error);
// Reads --home, --dict, --no-builtin-actors, --fast (or forces syntax with `need_syntax`), --input-format (or
// --format when `format_is_input`) and --date, fills `read` and opens the pipeline. On failure
// prints the reason and returns nullptr with *exit_status 2 (usage) or 1 (loading failed).
std::unique_ptr<Pipeline> OpenPipeline(const Command& self, const Flags& flags, bool format_is_input,
                                       bool need_syntax, ReadOptions* read, int* exit_status);
// --db or "entente.db".
std::string DbUrl(const Flags& flags);
// Store options for a command: `read_only`, and the lock timeout from $ENTENTE_LOCK_TIMEOUT
// (seconds; default 60) - how long to wait for another process's lock on a SQLite store.
StoreOptions CliStoreOptions(bool read_only);
bool StderrIsTerminal();
// Parses --format for event output (`allowed` lists the accepted names, e.g. {"jsonl","csv"})
// and creates the exporter the gdelt/plover formats need. Prints the error and returns false.
bool EventOutputFormat(const Command& self, const Flags& flags, const std::string& def,
                       const std::vector<std::string>& allowed, OutputFormat* format,
                       std::unique_ptr<EventExporter>* exporter);
bool StdoutIsTerminal();

}  // namespace entente::cli

#endif  // ENTENTE_CLI_COMMON_H_
