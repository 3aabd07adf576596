// Writers for what the CLI prints: aligned tables for people, JSON Lines, CSV (RFC 4180) and
// tab-separated values for programs.
#ifndef ENTENTE_CLI_OUTPUT_H_
#define ENTENTE_CLI_OUTPUT_H_

#include <ostream>
#include <string>
#include <vector>

#include "entente/event.h"
#include "entente/interop.h"

namespace entente::cli {

enum class OutputFormat { kTable, kJsonl, kCsv, kTsv, kGdelt, kPlover };
// "table", "jsonl", "csv", "tsv", "gdelt", "plover"; false if unknown.
bool ParseOutputFormat(const std::string& s, OutputFormat* out);

// Collects rows and prints them as an aligned table (cells cut at `max_width` characters).
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }
  void Print(std::ostream& out, size_t max_width = 40) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

std::string CsvEscape(const std::string& field);
std::string TsvEscape(const std::string& field);
void WriteDelimited(std::ostream& out, const std::vector<std::string>& fields, OutputFormat f);

// The event date as a person should read it: the ISO day for day precision, "2000-10 (month)"
// or "2000 (year)" when the text gave only a month or year; "" when unknown.
std::string ShownDate(const Event& e);

// Writes events one by one in the chosen format; tables are buffered until Finish().
class EventWriter {
 public:
  // `exporter` is required for the gdelt and plover formats (see MakeEventWriter).
  EventWriter(std::ostream& out, OutputFormat format, const EventExporter* exporter = nullptr)
      : out_(out), format_(format), exporter_(exporter) {}
  void Write(const Event& e);
  void Finish();
  int64_t count() const { return count_; }

 private:
  std::ostream& out_;
  OutputFormat format_;
  const EventExporter* exporter_;
  bool header_done_ = false;
  int64_t count_ = 0;
  Table table_{{"id", "date", "source", "target", "cameo", "plover", "gold", "modality", "text"}};
};

// A readable account of one event: fields, the sentence with source, verb and target marked
// (ANSI colours when `color`), and the provenance.
void ExplainEvent(std::ostream& out, const Event& e, bool color);

}  // namespace entente::cli

#endif  // ENTENTE_CLI_OUTPUT_H_
