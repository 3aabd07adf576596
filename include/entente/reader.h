// Readers for the ways news arrives: plain text with optional headers, JSON Lines, saved HTML
// pages, RSS 2.0 and Atom feeds. Bad input never stops a read: it is reported through the
// diagnostic sink with the file and line or byte, and the rest is still read.
#ifndef ENTENTE_READER_H_
#define ENTENTE_READER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/date.h"
#include "entente/document.h"
#include "entente/status.h"

namespace entente {

struct Diagnostic {
  enum class Level { kInfo, kWarning, kError };
  Level level = Level::kWarning;
  std::string file;
  int64_t line = 0;   // 1-based; 0 when not applicable
  int64_t byte = -1;  // 0-based offset; -1 when not applicable
  std::string message;
  // "file:line: warning: message" or "file: byte N: error: message".
  std::string ToString() const;
};
using DiagnosticSink = std::function<void(const Diagnostic&)>;

enum class InputFormat { kAuto, kText, kJsonl, kHtml, kFeed };
std::optional<InputFormat> ParseInputFormat(std::string_view name);  // "auto","text","jsonl","html","feed"

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: by extension, then by content
  std::optional<Date> default_date;         // for documents without a date (--date)
  // Plain-text inputs larger than this are read as consecutive parts of at most this size,
  // cut at a paragraph or sentence boundary, so memory stays bounded on huge files.
  size_t max_document_bytes = 4u << 20;
  DiagnosticSink sink;                      // may be empty: diagnostics are then dropped
};

struct ReadStats {
  int64_t inputs = 0;          // files (and stdin) opened
  int64_t documents = 0;       // documents passed to the consumer
  int64_t bytes = 0;
  int64_t errors = 0;          // records or lines rejected (e.g. malformed JSON lines)
  int64_t cut_short = 0;       // inputs whose reading failed part way (a truncated .gz, an I/O
                               // error), reported as errors; what came before was read
  std::vector<std::string> rejected;  // inputs rejected whole (binary, unreadable, unknown)
};

// Calls `consume` for every document in `inputs` (files, directories read recursively in
// sorted order, or "-" for stdin). Returns the first non-OK status `consume` returns (and stops
// reading then); bad input is never a returned error but a diagnostic and a count in `stats`.
// Details (src/text/reader.cc): hidden entries (".git") in directories are skipped; a text or
// HTML file without a date of its own takes a YYYY-MM-DD found in its file name; the parts of a
// plain-text file longer than max_document_bytes have ids "<name>#part1", "#part2", ...;
// `stats` may be null.
Status ReadDocuments(const std::vector<std::string>& inputs, const ReadOptions& options,
                     const std::function<Status(Document&)>& consume, ReadStats* stats);

// The same for bytes already in memory; `name` is used in diagnostics and Document::path.
Status ReadBuffer(std::string_view data, const std::string& name, const ReadOptions& options,
                  const std::function<Status(Document&)>& consume, ReadStats* stats);

}  // namespace entente

#endif  // ENTENTE_READER_H_
