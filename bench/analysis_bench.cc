// Analysis speed: dyads, alignment and blocs over 10 million events (quarterly windows, no
// bootstrap), plus alignment with a 20-replicate bootstrap over the first year.
//
// The events: the real GDELT Georgia sample (105,438 rows, ../shared/data; the dyadic rows
// between two different countries) scaled up. Copy c of the sample is shifted by
// (c mod 10) * 2 years (2011-2031, 80 quarters) and has its countries renamed by a random
// permutation seeded with c / 10, so the copies are distinct dyads with the real shape of
// GDELT activity. The table is filled in day order, as LoadEvents fills it from a store.
// Without the shared data a synthetic sample of the same size is drawn.
// ENTENTE_BENCH_EVENTS overrides the 10,000,000. Results: docs/benchmarks.md ("Analysis").
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <random>

#include "analysis/gdelt_tsv.h"
#include "bench_util.h"
#include "entente/analysis.h"

namespace {

using namespace entente;

size_t Target() {
  const char* env = std::getenv("ENTENTE_BENCH_EVENTS");
  return env ? static_cast<size_t>(std::atoll(env)) : 10'000'000;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

const EventTable& Table() {
  static EventTable* table = [] {
    auto* t = new EventTable;
    std::vector<testing::GdeltRow> rows;
    std::string path = bench::SharedDataDir() +
                       "/gdelt1-georgia-2011-2013/gdelt1_georgia_201106-201305.normalized.tsv.gz";
    auto r = testing::ReadGdeltTsv(path);
    if (r.ok()) {
      for (auto& row : *r) {
        if (!row.source.empty() && !row.target.empty() && row.source != row.target) rows.push_back(row);
      }
    }
    std::vector<std::string> countries;
    if (rows.empty()) {
      std::fprintf(stderr, "%s: synthetic events\n",
                   r.ok() ? (path + ": no dyadic rows").c_str() : r.status().ToString().c_str());
      std::mt19937_64 rng(7);
      for (int i = 0; i < 200; ++i) countries.push_back({char('A' + i / 26 % 26), char('A' + i % 26), 'X'});
      for (int i = 0; i < 50000; ++i) {
        testing::GdeltRow g;
        g.source = countries[rng() % 40], g.target = countries[rng() % 200];
        if (g.source == g.target) continue;
        g.day = 15000 + static_cast<int64_t>(rng() % 730);
        g.cameo = (rng() % 3) ? "042" : "112";
        g.goldstein = g.cameo == "042" ? 1.9 : -2;
        g.quad = g.cameo == "042" ? 1 : 3;
        rows.push_back(g);
      }
    }
    std::map<std::string, int> index;
    for (const auto& r : rows) {
      for (const std::string* c : {&r.source, &r.target}) {
        if (!index.count(*c)) index[*c] = static_cast<int>(countries.size()), countries.push_back(*c);
      }
    }
    const size_t n = Target();
    t->Reserve(n);
    // Copy c: shift (c mod 10) x 731 days, countries permuted by a permutation seeded with
    // c / 10. Events are added in day order, as LoadEvents fills a table from a store: the
    // shifts are disjoint 2-year spans, so shift by shift, rows by day, copies in turn.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const testing::GdeltRow& x, const testing::GdeltRow& y) { return x.day < y.day; });
    std::vector<int> src(rows.size()), tgt(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) src[i] = index[rows[i].source], tgt[i] = index[rows[i].target];
    const size_t copies = (n + rows.size() - 1) / rows.size();
    std::vector<std::vector<int>> perms;  // per permutation seed c / 10
    for (size_t g = 0; g * 10 < copies; ++g) {
      std::vector<int> perm(countries.size());
      std::iota(perm.begin(), perm.end(), 0);
      std::mt19937_64 rng(g);
      if (g > 0) std::shuffle(perm.begin(), perm.end(), rng);
      perms.push_back(std::move(perm));
    }
    char id[32];
    size_t added = 0;
    for (size_t shift = 0; shift < 10 && added < n; ++shift) {
      for (size_t i = 0; i < rows.size() && added < n; ++i) {
        for (size_t c = shift; c < copies && added < n; c += 10, ++added) {
          const std::vector<int>& perm = perms[c / 10];
          std::snprintf(id, sizeof id, "b%zu", added);
          t->AddRaw(id, countries[perm[src[i]]], countries[perm[tgt[i]]],
                    rows[i].day + static_cast<int64_t>(shift) * 731, rows[i].cameo, rows[i].goldstein, rows[i].quad,
                    Modality::kActual, rows[i].location, true);
        }
      }
    }
    std::fprintf(stderr, "table: %zu events, %zu countries, peak RSS %.0f MB after loading\n", t->size(),
                 t->countries().size(), PeakRssMb());
    return t;
  }();
  return *table;
}

AnalysisOptions Quarterly() {
  AnalysisOptions o;
  o.window = WindowUnit::kQuarter;
  return o;
}

void BM_Dyads(benchmark::State& state) {
  const EventTable& t = Table();
  size_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    ForEachDyad(t, Quarterly(), [&](const DyadRow&) { ++rows; });
  }
  state.counters["events"] = static_cast<double>(t.size());
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_Dyads)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Alignment(benchmark::State& state) {
  const EventTable& t = Table();
  AlignmentOptions a;
  a.bootstrap = 0;
  size_t pairs = 0;
  for (auto _ : state) {
    auto w = ComputeAlignment(t, Quarterly(), a);
    pairs = 0;
    for (const auto& x : w) pairs += x.pairs.size();
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_Alignment)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Blocs(benchmark::State& state) {
  const EventTable& t = Table();
  AlignmentOptions a;
  a.bootstrap = 0;
  auto w = ComputeAlignment(t, Quarterly(), a);
  size_t blocs = 0;
  for (auto _ : state) {
    blocs = 0;
    for (const auto& wb : ComputeBlocs(w, Quarterly())) blocs += wb.blocs.size();
  }
  state.counters["blocs"] = static_cast<double>(blocs);
}
BENCHMARK(BM_Blocs)->Unit(benchmark::kMillisecond)->Iterations(1);

// The three in sequence, as `entente dyads`, `align` and `blocs` run them (dyad rows streamed
// to the output, as the CLI does, not collected).
void BM_DyadsAlignBlocs(benchmark::State& state) {
  const EventTable& t = Table();
  AlignmentOptions a;
  a.bootstrap = 0;
  for (auto _ : state) {
    size_t rows = 0;
    ForEachDyad(t, Quarterly(), [&](const DyadRow& r) { rows += r.quad[0] >= 0; });
    benchmark::DoNotOptimize(rows);
    auto w = ComputeAlignment(t, Quarterly(), a);
    benchmark::DoNotOptimize(ComputeBlocs(w, Quarterly()).size());
  }
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_DyadsAlignBlocs)->Unit(benchmark::kMillisecond)->Iterations(1);

// Shifts between consecutive quarters (alignment computed outside the timing), drivers included.
void BM_Shifts(benchmark::State& state) {
  const EventTable& t = Table();
  AlignmentOptions a;
  a.bootstrap = 0;
  auto w = ComputeAlignment(t, Quarterly(), a);
  size_t n = 0;
  for (auto _ : state) n = ComputeShifts(t, w, Quarterly(), 10).size();
  state.counters["shifts"] = static_cast<double>(n);
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_Shifts)->Unit(benchmark::kMillisecond)->Iterations(1);

// Forecast of the next quarter with the 4-window backtest.
void BM_Forecast(benchmark::State& state) {
  const EventTable& t = Table();
  size_t n = 0;
  for (auto _ : state) n = ComputeForecast(t, Quarterly()).backtest.size();
  state.counters["backtest_models"] = static_cast<double>(n);
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_Forecast)->Unit(benchmark::kMillisecond)->Iterations(1);

// Dyad rows collected in memory (ComputeDyads, as the server does) rather than streamed; last,
// because its peak memory would otherwise show in every later counter.
void BM_DyadsCollected(benchmark::State& state) {
  const EventTable& t = Table();
  size_t rows = 0;
  for (auto _ : state) rows = ComputeDyads(t, Quarterly()).size();
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

// Bootstrap cost: 20 replicates over one year of events (about 1/20 of the table).
void BM_AlignmentBootstrap20OneYear(benchmark::State& state) {
  const EventTable& t = Table();
  AlignmentOptions a;
  a.bootstrap = 20;
  AnalysisOptions o = Quarterly();
  o.since = Date{2012, 1, 1};
  o.until = Date{2012, 12, 31};
  for (auto _ : state) benchmark::DoNotOptimize(ComputeAlignment(t, o, a).size());
}
BENCHMARK(BM_AlignmentBootstrap20OneYear)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_DyadsCollected)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
