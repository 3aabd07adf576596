// Coder benchmarks: KnowledgeBase load time, fast-mode coding throughput (sentences/s) on the
// first ~20,000 sentences of the UN General Debate corpus (text::kUngdCorpusFile under the
// shared data), and peak RSS. Documents are segmented once before timing (BM_CodeUngdc measures coding: actor lookup, patterns, modality, dates,
// places); BM_SegmentAndCodeUngdc includes segmentation. BM_SyntaxPipelineUngdc measures the
// syntax mode end to end (raw text -> segmentation -> nlp annotator -> dependency argument
// finder -> events) on the first ~2,000 sentences, parsing only the sentences where a pattern
// can match (the default); BM_SyntaxPipelineUngdcAnnotateAll the same annotating every sentence
// (PipelineOptions::annotate_all). Run each alone (--benchmark_filter) for its own peak RSS.
// Results: docs/benchmarks.md ("Coder").
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_util.h"
#include "entente/pipeline.h"
#include "text/ungd_reader.h"

namespace {

using namespace entente;

std::string Root() { return bench::SourceDir(); }

double PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

// The first speeches of the corpus, whole, until ~20,000 sentences, segmented once (loaded on
// first use). They are coded without a speaker, as in the recorded results. Null after
// skipping `state` with the error when the corpus cannot be read.
const std::vector<Document>* UngdcDocs(benchmark::State& state) {
  static const Result<std::vector<Document>> docs = [] {
    auto r = text::ReadUngdDocuments(bench::SharedDataDir() + "/" + std::string(text::kUngdCorpusFile),
                                     20000);
    if (r.ok())
      for (Document& d : r.value()) d.speaker.clear();
    return r;
  }();
  if (!docs.ok()) {
    state.SkipWithError(docs.status().ToString().c_str());
    return nullptr;
  }
  return &docs.value();
}

std::unique_ptr<Pipeline> OpenFast() {
  PipelineOptions o;
  o.fast = true;
  o.knowledge.root = Root();
  auto p = Pipeline::Open(o);
  return p.ok() ? std::move(p).value() : nullptr;
}

void BM_KnowledgeLoad(benchmark::State& state) {
  KnowledgeOptions o;
  o.root = Root();
  for (auto _ : state) {
    auto kb = KnowledgeBase::Load(o, nullptr);
    if (!kb.ok()) {
      state.SkipWithError(kb.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(kb.value().get());
  }
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_KnowledgeLoad)->Unit(benchmark::kMillisecond);

// Runs `p` over `docs` once per benchmark iteration. `raw`: each document is passed as raw text
// (segmentation timed), else as segmented. Sets the sentences, events, sentences_per_s and
// peak_rss_mb counters; a failed Process ends the benchmark with its error.
void RunPipeline(benchmark::State& state, Pipeline& p, const std::vector<const Document*>& docs,
                 bool raw) {
  size_t sentences = 0, events = 0;
  std::vector<Event> out;
  for (auto _ : state) {
    sentences = events = 0;
    for (const Document* d : docs) {
      Document copy;  // Process annotates; keep the input pristine
      if (raw) {
        copy.id = d->id;
        copy.text = d->text;
        copy.date = d->date;
      } else {
        copy = *d;
      }
      out.clear();
      if (Status st = p.Process(&copy, &out); !st.ok()) {
        state.SkipWithError(("pipeline failed on " + d->id + ": " + st.ToString()).c_str());
        return;
      }
      sentences += copy.sentences.size();
      events += out.size();
    }
  }
  state.counters["sentences"] = sentences;
  state.counters["events"] = events;
  state.counters["sentences_per_s"] = benchmark::Counter(
      static_cast<double>(sentences * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

std::vector<const Document*> Pointers(const std::vector<Document>& docs, size_t max_sentences) {
  std::vector<const Document*> out;
  size_t n = 0;
  for (const auto& d : docs) {
    if (n >= max_sentences) break;
    out.push_back(&d);
    n += d.sentences.size();
  }
  return out;
}

// Fast mode over the corpus sample; `raw` as in RunPipeline.
void CodeUngdc(benchmark::State& state, bool raw) {
  const std::vector<Document>* docs = UngdcDocs(state);
  if (!docs) return;
  auto p = OpenFast();
  if (!p) {
    state.SkipWithError("cannot open pipeline");
    return;
  }
  RunPipeline(state, *p, Pointers(*docs, SIZE_MAX), raw);
}

void BM_CodeUngdc(benchmark::State& state) { CodeUngdc(state, /*raw=*/false); }
BENCHMARK(BM_CodeUngdc)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_SegmentAndCodeUngdc(benchmark::State& state) { CodeUngdc(state, /*raw=*/true); }
BENCHMARK(BM_SegmentAndCodeUngdc)->Unit(benchmark::kMillisecond)->Iterations(2);

// Syntax mode end to end; `annotate_all` as PipelineOptions::annotate_all (false: only the
// sentences where a pattern can match are parsed and entity-tagged, the default); `accurate` as
// PipelineOptions::accurate (the beam-search parser).
void RunSyntaxPipeline(benchmark::State& state, bool annotate_all, bool accurate = false) {
  const std::vector<Document>* all = UngdcDocs(state);
  if (!all) return;
  PipelineOptions o;
  o.fast = false;
  o.annotate_all = annotate_all;
  o.accurate = accurate;
  o.knowledge.root = Root();
  auto opened = Pipeline::Open(o);
  if (!opened.ok()) {
    state.SkipWithError(("syntax mode unavailable: " + opened.status().ToString()).c_str());
    return;
  }
  auto p = std::move(opened).value();
  RunPipeline(state, *p, Pointers(*all, 2000), /*raw=*/true);
}

void BM_SyntaxPipelineUngdc(benchmark::State& state) { RunSyntaxPipeline(state, false); }
BENCHMARK(BM_SyntaxPipelineUngdc)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntaxPipelineUngdcAnnotateAll(benchmark::State& state) { RunSyntaxPipeline(state, true); }
BENCHMARK(BM_SyntaxPipelineUngdcAnnotateAll)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntaxPipelineUngdcAccurate(benchmark::State& state) { RunSyntaxPipeline(state, false, true); }
BENCHMARK(BM_SyntaxPipelineUngdcAccurate)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntaxPipelineUngdcAccurateAnnotateAll(benchmark::State& state) { RunSyntaxPipeline(state, true, true); }
BENCHMARK(BM_SyntaxPipelineUngdcAccurateAnnotateAll)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
