// Interoperability with existing event data: import GDELT 1.0/2.0 and ICEWS event files into
// entente events, and write events as GDELT 2.0 rows or PLOVER JSON.
#ifndef ENTENTE_INTEROP_H_
#define ENTENTE_INTEROP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/event.h"
#include "entente/knowledge.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente {

enum class EventSource { kGdelt, kIcews };

struct ImportOptions {
  std::string root;                  // folder holding data/ (for data/interop/); empty = locate
  const KnowledgeBase* kb = nullptr; // optional: PLOVER categories and ICEWS country names
  // Events per call of the consumer. The default keeps a batch (about 1 MB of Event objects)
  // in the CPU cache from the importer filling it to the consumer reading it: a SQLite import
  // runs ~1.2x faster than with 20,000 (docs/benchmarks.md, "Import"). A consumer with a high
  // cost per call (PostgreSQL commits each AddEvents call) may want larger batches. At least
  // 1,000 lets a row import into an empty SQLite store take the bulk path (docs/schema.md).
  size_t batch_size = 1024;
  DiagnosticSink sink;               // malformed rows: file:line: reason
};

struct ImportStats {
  int64_t files = 0;
  int64_t rows = 0;       // data rows seen (headers excluded)
  int64_t events = 0;     // events passed to the consumer
  int64_t malformed = 0;  // rows rejected, each reported with file and line
  std::vector<std::string> rejected;  // files that could not be read at all
};

// Reads GDELT exports (1.0 with 57 or 58 columns, 2.0 with 61; with or without header; extra
// leading index columns; tab- or comma-separated; plain, .gz or .zip) or ICEWS event tables
// (tab-separated with a header) and passes batches of events to `consume`. Bad rows are
// counted and reported, the rest is imported; a non-OK status from `consume` stops the import.
Status ImportEvents(EventSource source, const std::vector<std::string>& files,
                    const ImportOptions& options,
                    const std::function<Status(std::vector<Event>&)>& consume, ImportStats* stats);

// Writes events in the formats other tools read.
class EventExporter {
 public:
  // `root` as in ImportOptions (the FIPS table for GDELT geography).
  static Result<std::unique_ptr<EventExporter>> Create(const std::string& root);
  virtual ~EventExporter() = default;
  // One GDELT 2.0 event row: 61 tab-separated columns in the official order, newline-ended.
  virtual void WriteGdelt(const Event& e, std::ostream& out) const = 0;
  // One PLOVER JSON object on one line, newline-ended.
  virtual void WritePlover(const Event& e, std::ostream& out) const = 0;
};

}  // namespace entente

#endif  // ENTENTE_INTEROP_H_
