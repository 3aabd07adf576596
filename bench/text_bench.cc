// Text-layer throughput on real speeches: the UN General Debate corpus (first N MB of text,
// N = $ENTENTE_BENCH_MB or 50), read from the shared data with text::UngdReader.
//   BM_SegmentTokenize: SegmentDocument over the texts (MB/s of text, sentences/s, tokens/s).
//   BM_ReadJsonl:       ReadBuffer over the same records as JSON Lines (parse + UTF-8 check).
// Skips with a message when the corpus is absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "bench_util.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "text/ungd_reader.h"

namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::string jsonl;  // the same records, as read from the file
  size_t text_bytes = 0;
  std::string error;
};

// The first speeches until their text reaches the limit (loaded on first use).
const Corpus& LoadCorpus() {
  static Corpus c = [] {
    Corpus c;
    size_t limit = 50;
    if (const char* mb = std::getenv("ENTENTE_BENCH_MB"); mb && std::atoi(mb) > 0) limit = std::atoi(mb);
    limit <<= 20;
    const std::string path =
        entente::bench::SharedDataDir() + "/" + std::string(entente::text::kUngdCorpusFile);
    auto reader = entente::text::UngdReader::Open(path);
    if (!reader.ok()) {
      c.error = reader.status().ToString() + "; skipping";
      return c;
    }
    entente::text::UngdSpeech speech;
    while (c.text_bytes < limit && (*reader)->Next(&speech)) {
      c.jsonl.append((*reader)->line()).push_back('\n');
      c.text_bytes += speech.text.size();
      c.texts.push_back(std::move(speech.text));
    }
    if (!(*reader)->status().ok()) c.error = (*reader)->status().ToString();
    else if (c.texts.empty()) c.error = path + ": no records read";
    return c;
  }();
  return c;
}

// The corpus, or null after skipping `state` with the reason it could not be read.
const Corpus* CorpusOrSkip(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.error.empty()) return &c;
  state.SkipWithError(c.error.c_str());
  return nullptr;
}

void BM_SegmentTokenize(benchmark::State& state) {
  const Corpus* corpus = CorpusOrSkip(state);
  if (!corpus) return;
  const Corpus& c = *corpus;
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
  const Corpus* corpus = CorpusOrSkip(state);
  if (!corpus) return;
  const Corpus& c = *corpus;
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
