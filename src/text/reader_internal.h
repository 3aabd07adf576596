// Internal pieces shared by the readers (reader.cc, html_reader.cc, feed_reader.cc).
#ifndef ENTENTE_TEXT_READER_INTERNAL_H_
#define ENTENTE_TEXT_READER_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "entente/document.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::text {

// Largest HTML page or feed file read (they are parsed whole).
inline constexpr size_t kMaxMarkupBytes = 64u << 20;

// One input being read: where diagnostics go and how documents leave.
struct InputContext {
  std::string path;  // Document::path and the file named in diagnostics
  std::string name;  // base of document ids (the file name, "stdin")
  const ReadOptions* options = nullptr;
  ReadStats* stats = nullptr;
  const std::function<Status(Document&)>* consume = nullptr;
  int64_t undated = 0;  // documents emitted without a date of their own

  void Report(Diagnostic::Level level, int64_t line, int64_t byte, std::string message) const;
  // Fills path, hash and the default date, counts, and passes the document on.
  Status Emit(Document& doc);
};

// What is extracted from a saved news page.
struct HtmlArticle {
  std::string title;
  std::string url;
  std::string source;  // og:site_name
  std::optional<Date> date;
  std::string text;    // paragraphs joined with blank lines
};

// Extracts title, date and body text from an HTML page (valid UTF-8).
HtmlArticle ExtractHtml(std::string_view html);

// The text of an HTML fragment (a feed item's description): tags stripped, entities decoded,
// white space collapsed, block elements as paragraphs joined with blank lines.
std::string HtmlFragmentToText(std::string_view html);

// Reads an RSS 2.0 / RSS 1.0 / Atom feed (valid UTF-8) and emits one document per item or
// entry. XML errors are reported with line and byte; the items before the error are kept.
Status ReadFeed(std::string_view data, InputContext* ctx);

// A date of the form YYYY-MM-DD inside a file name ("000_founding_2025-08-28.txt").
std::optional<Date> DateFromFileName(std::string_view name);

}  // namespace entente::text

#endif  // ENTENTE_TEXT_READER_INTERNAL_H_
