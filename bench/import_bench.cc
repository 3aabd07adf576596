// End-to-end import throughput: the real GDELT Georgia sample (105,438 GDELT 1.0 rows,
// ../shared/data) read through ImportEvents and written into a fresh SQLite store with
// Store::AddEvents + Flush, the way `entente import gdelt FILE... --db` does. The file is read
// kRepeats times (ids shifted by rep * 10^10 so every repetition adds new rows) to reach ~1M
// rows. Three measurements, rows/s over CPU time of the benchmark thread (items_per_second)
// and wall time (the Time column):
//   BM_ImportParse  parsing only (ImportEvents into a consumer that counts): read, gunzip, split,
//                   build the events
//   BM_ImportStore  store only (pre-parsed batches of 20,000 events; copying them is untimed)
//   BM_ImportBoth   end to end: read, parse and store, including the index build at Flush
// The store benchmarks also report, from the thread's CPU clock, the part before Flush and the
// index build at Flush separately: *_cpu_s in seconds, rows_per_s_no_index (rows / CPU seconds
// before Flush) and rows_per_s_total (rows / all CPU seconds, index build included). Since
// schema v6 imports are chunked (docs/schema.md, "event_chunks") and Flush only writes the last
// chunk; ENTENTE_BENCH_ROWS=1 measures the row storage instead (chunked_imports = false: plain
// batched INSERTs, every index maintained row by row; much slower).
// Skips with a message when the shared data is absent. Results: docs/benchmarks.md ("Import").
// Run: build/bench/import_bench --benchmark_filter=Import
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "entente/interop.h"
#include "entente/store.h"

namespace {

using namespace entente;
namespace fs = std::filesystem;

// ENTENTE_BENCH_REPEATS=N reads the file N times instead (1-9; for profiling under valgrind).
int Repeats() {
  const char* r = std::getenv("ENTENTE_BENCH_REPEATS");
  return r && *r >= '1' && *r <= '9' && !r[1] ? *r - '0' : 10;
}
const int kRepeats = Repeats();

std::string SamplePath() {
  return std::string(ENTENTE_BENCH_SOURCE_DIR) +
         "/../shared/data/gdelt1-georgia-2011-2013/gdelt1_georgia_201106-201305.normalized.tsv.gz";
}

bool HaveSample(benchmark::State& state) {
  if (fs::exists(SamplePath())) return true;
  state.SkipWithError(("shared GDELT sample not found (" + SamplePath() + "): skipped").c_str());
  return false;
}

ImportOptions Options() {
  ImportOptions o;
  o.root = ENTENTE_BENCH_SOURCE_DIR;
  return o;
}

// "gdelt:125489286" -> "gdelt:<125489286 + rep * 10^10>" (rep < 10, ids < 10^10): distinct
// from every real id. Written digit by digit so the timed loop spends little on it.
void ShiftId(Event* e, int rep) {
  if (rep == 0) return;
  size_t digits = e->id.size() - (e->id.find(':') + 1);
  if (digits > 10) std::abort();
  char prefix[11];
  prefix[0] = static_cast<char>('0' + rep);
  std::fill(prefix + 1, prefix + 11 - digits, '0');
  e->id.insert(e->id.size() - digits, prefix, 11 - digits);
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string FreshDb() {
  fs::path dir = fs::temp_directory_path() / ("entente_import_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path p = dir / "import.db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(p.string() + suffix);
  return p.string();
}

void RemoveDb() {
  fs::remove_all(fs::temp_directory_path() / ("entente_import_bench_" + std::to_string(getpid())));
}

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  StoreOptions o;
  const char* rows = std::getenv("ENTENTE_BENCH_ROWS");
  if (rows && *rows == '1') o.chunked_imports = false;
  auto s = Store::Open(path, o);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(s).value();
}

void BM_ImportParse(benchmark::State& state) {
  if (!HaveSample(state)) return;
  std::vector<std::string> files(kRepeats, SamplePath());
  int64_t rows = 0;
  for (auto _ : state) {
    ImportStats stats;
    Status st = ImportEvents(EventSource::kGdelt, files, Options(), [&](std::vector<Event>& b) {
      benchmark::DoNotOptimize(b.data());
      return Status::OK();
    }, &stats);
    if (!st.ok() || stats.malformed != 0) state.SkipWithError(("import failed: " + st.ToString()).c_str());
    rows += stats.events;
  }
  state.SetItemsProcessed(rows);
}
BENCHMARK(BM_ImportParse)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ImportStore(benchmark::State& state) {
  if (!HaveSample(state)) return;
  std::vector<std::vector<Event>> base;
  ImportStats stats;
  Status st = ImportEvents(EventSource::kGdelt, {SamplePath()}, Options(), [&](std::vector<Event>& b) {
    base.push_back(std::move(b));
    return Status::OK();
  }, &stats);
  if (!st.ok()) {
    state.SkipWithError(st.ToString().c_str());
    return;
  }
  int64_t rows = 0;
  double add_cpu = 0, flush_cpu = 0;  // CPU seconds in AddEvents and in the final Flush
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenOrDie(FreshDb());
    state.ResumeTiming();
    for (int rep = 0; rep < kRepeats; ++rep) {
      for (const auto& b : base) {
        state.PauseTiming();
        std::vector<Event> batch = b;
        for (Event& e : batch) ShiftId(&e, rep);
        state.ResumeTiming();
        double t0 = ThreadCpuSeconds();
        auto r = store->AddEvents(batch);
        add_cpu += ThreadCpuSeconds() - t0;
        if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
        else rows += *r;
      }
    }
    double t0 = ThreadCpuSeconds();
    if (Status f = store->Flush(); !f.ok()) state.SkipWithError(f.ToString().c_str());
    flush_cpu += ThreadCpuSeconds() - t0;
    state.PauseTiming();
    store.reset();
    RemoveDb();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(rows);
  state.counters["add_cpu_s"] = add_cpu / static_cast<double>(state.iterations());
  state.counters["flush_cpu_s"] = flush_cpu / static_cast<double>(state.iterations());
  state.counters["rows_per_s_no_index"] = static_cast<double>(rows) / add_cpu;
  state.counters["rows_per_s_total"] = static_cast<double>(rows) / (add_cpu + flush_cpu);
}
BENCHMARK(BM_ImportStore)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ImportBoth(benchmark::State& state) {
  if (!HaveSample(state)) return;
  std::vector<std::string> files(kRepeats, SamplePath());
  int64_t rows = 0;
  double import_cpu = 0, flush_cpu = 0;  // CPU seconds before Flush, and in Flush and close
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = FreshDb();
    state.ResumeTiming();
    double t0 = ThreadCpuSeconds();
    auto store = OpenOrDie(path);
    int64_t seen = 0, per_file = -1;
    ImportStats stats;
    Status st = ImportEvents(EventSource::kGdelt, files, Options(), [&](std::vector<Event>& b) -> Status {
      // Batches never span files, so the repetition is known from the rows seen before.
      if (per_file < 0 && stats.files > 1) per_file = seen;
      int rep = per_file > 0 ? static_cast<int>(seen / per_file) : 0;
      seen += static_cast<int64_t>(b.size());
      for (Event& e : b) ShiftId(&e, rep);
      auto r = store->AddEvents(b);
      if (!r.ok()) return r.status();
      rows += *r;
      return Status::OK();
    }, &stats);
    double t1 = ThreadCpuSeconds();
    if (st.ok()) st = store->Flush();
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
    store.reset();
    double t2 = ThreadCpuSeconds();
    import_cpu += t1 - t0;
    flush_cpu += t2 - t1;
    state.PauseTiming();
    RemoveDb();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(rows);
  state.counters["import_cpu_s"] = import_cpu / static_cast<double>(state.iterations());
  state.counters["flush_cpu_s"] = flush_cpu / static_cast<double>(state.iterations());
  state.counters["rows_per_s_no_index"] = static_cast<double>(rows) / import_cpu;
  state.counters["rows_per_s_total"] = static_cast<double>(rows) / (import_cpu + flush_cpu);
}
BENCHMARK(BM_ImportBoth)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
