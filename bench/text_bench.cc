// Text-layer throughput on real speeches: the UN General Debate corpus (first N MB of text,
// N = $ENTENTE_BENCH_MB or 50), read from ../shared/data with zlib.
//   BM_SegmentTokenize: SegmentDocument over the texts (MB/s of text, sentences/s, tokens/s).
//   BM_ReadJsonl:       ReadBuffer over the same records as JSON Lines (parse + UTF-8 check).
// Skips with a message when the corpus is absent.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "entente/pipeline.h"
#include "entente/reader.h"

namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::string jsonl;  // the same records, as read from the file
  size_t text_bytes = 0;
  std::string error;
};

std::string CorpusPath() {
  namespace fs = std::filesystem;
  const char* rel = "data/un-general-debate-corpus/ungdc_1946-2024.jsonl.gz";
  if (const char* s = std::getenv("ENTENTE_SHARED"); s && *s) return (fs::path(s) / rel).string();
  return (fs::path(ENTENTE_BENCH_SOURCE_DIR).parent_path() / "shared" / rel).string();
}

const Corpus& LoadCorpus() {
  static Corpus c = [] {
    Corpus c;
    size_t limit = 50;
    if (const char* mb = std::getenv("ENTENTE_BENCH_MB"); mb && std::atoi(mb) > 0) limit = std::atoi(mb);
    limit <<= 20;
    const std::string path = CorpusPath();
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) {
      c.error = path + " not found; skipping";
      return c;
    }
    gzbuffer(f, 1 << 20);
    std::string line;
    std::vector<char> buf(1 << 20);
    while (c.text_bytes < limit) {
      line.clear();
      // Read one (possibly very long) line.
      for (;;) {
        if (!gzgets(f, buf.data(), static_cast<int>(buf.size()))) break;
        line += buf.data();
        if (!line.empty() && line.back() == '\n') break;
      }
      if (line.empty()) break;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
      c.texts.push_back(j["text"].get<std::string>());
      c.text_bytes += c.texts.back().size();
      c.jsonl += line;
    }
    gzclose(f);
    if (c.texts.empty()) c.error = path + ": no records read";
    return c;
  }();
  return c;
}

void BM_SegmentTokenize(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  entente::Document doc;
  int64_t sentences = 0, tokens = 0;
  for (auto _ : state) {
    for (const std::string& t : c.texts) {
      doc.text.assign(t);
      entente::SegmentDocument(&doc);
      sentences += static_cast<int64_t>(doc.sentences.size());
      tokens += static_cast<int64_t>(doc.tokens.size());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.counters["sentences"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["tokens"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(c.texts.size());
  state.counters["text_MB"] = static_cast<double>(c.text_bytes) / (1 << 20);
}
BENCHMARK(BM_SegmentTokenize)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReadJsonl(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return;
  }
  entente::ReadOptions opts;
  opts.max_document_bytes = 64u << 20;
  int64_t docs = 0;
  for (auto _ : state) {
    entente::Status st = entente::ReadBuffer(c.jsonl, "ungdc.jsonl", opts,
                                             [&](entente::Document& d) {
                                               ++docs;
                                               benchmark::DoNotOptimize(d.text.data());
                                               return entente::Status::OK();
                                             },
                                             nullptr);
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.jsonl.size()));
  state.counters["docs"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadJsonl)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
