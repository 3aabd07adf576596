// Fuzz target: the whole pipeline from raw text to events (readers, text, nlp, actors, coder)
// in fast and syntax mode, with the repository's knowledge and models. Contract under test:
// any input codes to events whose spans lie inside their document and sentence, without a
// crash, a hang or a sanitizer report. The first byte picks the mode and the input format
// (plain text with optional headers, or JSON Lines); the rest is the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/pipeline.h"
#include "entente/reader.h"

namespace {

std::unique_ptr<entente::Pipeline> OpenOrDie(bool fast) {
  entente::PipelineOptions options;
  options.fast = fast;
  auto p = entente::Pipeline::Open(options);
  if (!p.ok()) {
    std::fprintf(stderr, "fuzz_pipeline: %s\n", p.status().ToString().c_str());
    std::abort();
  }
  return std::move(p).value();
}

void CheckSpan(const entente::Span& s, size_t size) {
  if (s.begin > s.end || s.end > size) __builtin_trap();
}

std::unique_ptr<entente::Pipeline> fast, syntax;

}  // namespace

// Loading knowledge and models takes seconds (tens under ASan on a busy machine): done here,
// outside libFuzzer's per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fast = OpenOrDie(true);
  syntax = OpenOrDie(false);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 20000) return 0;
  const entente::Pipeline& p = (data[0] & 1) ? *syntax : *fast;
  entente::ReadOptions options;
  options.format = (data[0] & 2) ? entente::InputFormat::kJsonl : entente::InputFormat::kText;
  options.default_date = entente::Date::Parse("2020-05-01");
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)entente::ReadBuffer(
      input, "fuzz.input", options,
      [&](entente::Document& doc) {
        std::vector<entente::Event> events;
        (void)p.Process(&doc, &events);
        for (const auto& e : events) {
          CheckSpan(e.sentence_span, doc.text.size());
          CheckSpan(e.source.span, doc.text.size());
          if (e.target) CheckSpan(e.target->span, doc.text.size());
          CheckSpan(e.why.verb, doc.text.size());
          if (e.cameo.empty() || e.root.size() != 2 || e.cameo.compare(0, 2, e.root) != 0) __builtin_trap();
        }
        return entente::Status::OK();
      },
      nullptr);
  return 0;
}
