// Reader for the two shapes of knowledge file (docs/knowledge-format.md): record files
// (`[KIND ID]` headers followed by `key = value` lines) and `|`-separated tables. It knows the
// common syntax only (comments, trimming, lists, dates, intervals); what the kinds and keys
// mean is up to the caller, which validates fields and reports its own errors with the field's
// line. Malformed lines are reported to the sink as `file:line: reason` and skipped; parsing
// never stops early. Shared by the actors stage and the coder (verb patterns, gazetteer).
#ifndef ENTENTE_ACTORS_RECORD_READER_H_
#define ENTENTE_ACTORS_RECORD_READER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/date.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::actors {

// One `key = value` line of a record (value trimmed; may be empty only if the line said so).
struct RecordField {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line number in the file
  // The value split into list items at `|`, each trimmed, empty items dropped.
  std::vector<std::string> Items() const;
};

// One `[KIND ID]` record with its fields in file order (keys may repeat).
struct Record {
  std::string kind;
  std::string id;
  std::string file;  // the name given to the parser (used in diagnostics and provenance)
  int line = 0;      // line of the header
  std::vector<RecordField> fields;

  // Fields with `key`, in order.
  std::vector<const RecordField*> All(std::string_view key) const;
  // The first field with `key`, or nullptr.
  const RecordField* First(std::string_view key) const;
  // "file:line" of the header.
  std::string Where() const { return file + ":" + std::to_string(line); }
};

// One table row: columns split at `|` and trimmed (so an empty last column is allowed).
struct TableRow {
  std::string file;
  int line = 0;
  std::vector<std::string> columns;
};

// Parses record-shaped `text`. Each well-formed record goes to `on_record` (in file order)
// once its last field is read. Malformed lines (text outside a record, a bad header, a line
// without ` = `, an empty key) go to `sink` as errors and are skipped; a bad header also skips
// the fields under it. Returns the number of errors reported. `sink` may be empty.
int ParseRecords(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                 const std::function<void(Record&&)>& on_record);

// Parses table-shaped `text`. The first comment line names the columns (`# a | b | c`);
// `header`, when not null, receives those names. Rows whose column count differs from
// `columns` (0 = the number of names in the header comment; if there is none, any count) are
// reported as errors and skipped. Returns the number of errors reported.
int ParseTable(std::string_view text, const std::string& file, size_t columns,
               const DiagnosticSink& sink, const std::function<void(TableRow&&)>& on_row,
               std::vector<std::string>* header = nullptr);

// Reads a whole file. NotFound / IOError name the path.
Result<std::string> ReadTextFile(const std::string& path);

// Sends an error (or warning) diagnostic `file:line: message` to `sink` (no-op when empty).
void ReportError(const DiagnosticSink& sink, const std::string& file, int line, std::string message);
void ReportWarning(const DiagnosticSink& sink, const std::string& file, int line, std::string message);

// Common syntax helpers.
std::string_view Trim(std::string_view s);
// Removes a comment: `#` when it is the first non-blank character or follows a space or tab.
std::string_view StripComment(std::string_view line);
// Splits at `|`, trims each item, drops empty items.
std::vector<std::string> SplitList(std::string_view value);
// Splits at runs of spaces and tabs.
std::vector<std::string_view> SplitWords(std::string_view s);
// True for `[A-Z0-9_]+`.
bool IsUpperSnakeId(std::string_view s);

// A knowledge date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A partial date means its first day when
// `closing` is false and its last day when true. nullopt when malformed or invalid.
std::optional<Date> ParseKnowledgeDate(std::string_view s, bool closing);

// `FROM..TO`, either end may be empty (open).
struct DateInterval {
  std::optional<Date> from;
  std::optional<Date> to;
  bool Contains(const Date& d) const { return (!from || *from <= d) && (!to || d <= *to); }
  // True when the whole interval lies before `d`.
  bool EndsBefore(const Date& d) const { return to && *to < d; }
};
// Parses `FROM..TO` into `out`; on failure returns false and sets `error` ("bad date 'x'",
// "FROM 2020 is after TO 2019", "expected FROM..TO").
bool ParseInterval(std::string_view s, DateInterval* out, std::string* error);
// A knowledge phrase that may end in an interval ("Soviet Union ..1991-12-25", a historical or
// former state's name): *phrase is the words before it, *interval the interval and *dated true;
// without one (no ".." in the last word), *phrase is `item` and *dated false. A malformed
// interval returns false and sets `error` as ParseInterval does. *phrase views `item`.
bool SplitDatedPhrase(std::string_view item, std::string_view* phrase, DateInterval* interval,
                      bool* dated, std::string* error);

// The words of `item` before its interval, if any (a malformed interval is the caller's to
// report through SplitDatedPhrase). Views `item`.
std::string_view UndatedPhrase(std::string_view item);

}  // namespace entente::actors

#endif  // ENTENTE_ACTORS_RECORD_READER_H_
