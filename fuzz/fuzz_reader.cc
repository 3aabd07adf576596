// Fuzz target: the news readers (plain text with headers, JSON Lines, HTML, RSS/Atom) and the
// text stage behind them. Contract under test: any bytes give documents and diagnostics, never
// a crash, a hang or a sanitizer report. The first byte picks the input format.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "entente/pipeline.h"
#include "entente/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const entente::InputFormat kFormats[] = {entente::InputFormat::kAuto, entente::InputFormat::kText,
                                                  entente::InputFormat::kJsonl, entente::InputFormat::kHtml,
                                                  entente::InputFormat::kFeed};
  entente::ReadOptions options;
  options.format = kFormats[data[0] % 5];
  options.max_document_bytes = 1 + data[0] * 16;  // small parts: the splitter is exercised too
  int64_t diagnostics = 0;
  options.sink = [&](const entente::Diagnostic& d) { diagnostics += !d.ToString().empty(); };
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  entente::ReadStats stats;
  (void)entente::ReadBuffer(
      text, "fuzz.input", options,
      [](entente::Document& doc) {
        // Segmented, every sentence and token span lies inside the text, in order.
        entente::SegmentDocument(&doc);
        for (const auto& s : doc.sentences) {
          if (s.span.begin > s.span.end || s.span.end > doc.text.size()) __builtin_trap();
          if (s.first_token > s.end_token || s.end_token > doc.tokens.size()) __builtin_trap();
        }
        for (const auto& t : doc.tokens)
          if (t.span.begin > t.span.end || t.span.end > doc.text.size()) __builtin_trap();
        return entente::Status::OK();
      },
      &stats);
  return 0;
}
