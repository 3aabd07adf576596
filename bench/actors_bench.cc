// Actor index benchmarks: loading data/actors/ and finding actors in the sentences of the demo
// corpus (corpus/demo/, else the founding article in ../shared/seed).
//
//   build-actors/bench/actors_bench --benchmark_min_time=1
//
// Targets: Load well under 100 ms; Find a few microseconds per sentence (the whole coder aims at
// >= 20,000 sentences/s on one core). Results are recorded in bench/README.md by the lead.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "actors/actor_index.h"
#include "actors/record_reader.h"
#include "entente/pipeline.h"

namespace {

using entente::actors::ActorIndex;

std::unique_ptr<ActorIndex> LoadOrDie(const std::string& root) {
  auto r = ActorIndex::Load(root, nullptr);
  if (!r.ok()) {
    std::fprintf(stderr, "actors_bench: %s\n", r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(r.value());
}

std::vector<entente::Document> CorpusDocuments(const std::string& root) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& de : fs::directory_iterator(fs::path(root) / "corpus" / "demo", ec))
    if (de.path().extension() == ".txt") paths.push_back(de.path().string());
  if (paths.empty()) paths.push_back(root + "/../shared/seed/000_881ff68d8f0366df.txt");
  std::sort(paths.begin(), paths.end());
  std::vector<entente::Document> docs;
  for (const std::string& p : paths) {
    auto text = entente::actors::ReadTextFile(p);
    if (!text.ok()) continue;
    entente::Document d;
    d.text = std::move(text.value());
    d.date = entente::Date{2025, 9, 1};
    entente::SegmentDocument(&d);
    docs.push_back(std::move(d));
  }
  return docs;
}

void BM_LoadActors(benchmark::State& state) {
  std::string root = entente::FindResourceRoot();
  for (auto _ : state) {
    auto index = LoadOrDie(root);
    benchmark::DoNotOptimize(index.get());
  }
}
BENCHMARK(BM_LoadActors)->Unit(benchmark::kMillisecond);

void BM_FindCorpus(benchmark::State& state) {
  std::string root = entente::FindResourceRoot();
  auto index = LoadOrDie(root);
  std::vector<entente::Document> docs = CorpusDocuments(root);
  int64_t sentences = 0, mentions = 0;
  for (auto _ : state) {
    for (const entente::Document& d : docs) {
      entente::actors::DocContext ctx;
      ctx.date = d.date;
      for (const entente::Sentence& s : d.sentences) {
        auto m = index->Find(d, s, &ctx);
        mentions += static_cast<int64_t>(m.size());
        ++sentences;
      }
    }
  }
  state.SetItemsProcessed(sentences);
  state.counters["mentions_per_sentence"] = sentences ? static_cast<double>(mentions) / sentences : 0;
}
BENCHMARK(BM_FindCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
