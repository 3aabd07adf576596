// Store throughput: AddEvents (imports) rows/s, AddDocument docs/s and ForEachEvent rows/s
// into/out of a SQLite file in a temp dir; the same for PostgreSQL when ENTENTE_PG_URL is set.
// Results and the command line are kept in docs/benchmarks.md ("Store").
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "entente/store.h"

namespace {

using namespace entente;
namespace fs = std::filesystem;

// Events shaped like a GDELT import: hex ids in random order, both actors, a location.
std::vector<Event> SyntheticEvents(size_t n, uint64_t seed) {
  static const char* kCountries[] = {"USA", "CHN", "RUS", "PRK", "KOR", "JPN", "UKR", "IRN", "ISR", "DEU"};
  static const char* kCodes[] = {"010", "020", "036", "040", "042", "043", "051", "057", "112", "190"};
  std::mt19937_64 rng(seed);
  std::vector<Event> v(n);
  char buf[40];
  for (size_t i = 0; i < n; ++i) {
    Event& e = v[i];
    std::snprintf(buf, sizeof buf, "g%016llx", static_cast<unsigned long long>(rng()));
    e.id = buf;
    e.doc_id = "gdelt:" + std::to_string(i);
    Date d = Date{2015, 1, 1}.AddDays(static_cast<int64_t>(rng() % 3650));
    e.date = d.ToString();
    const char* s = kCountries[rng() % 10];
    const char* t = kCountries[rng() % 10];
    e.source = ActorRef{std::string(s) + "GOV", s, "GOV", "", "", {}};
    e.target = ActorRef{t, t, "", "", "", {}};
    e.cameo = kCodes[rng() % 10];
    e.root = e.cameo.substr(0, 2);
    e.plover = "CONSULT";
    e.goldstein = static_cast<double>(rng() % 200) / 10.0 - 10.0;
    e.quad_class = 1 + static_cast<int>(rng() % 4);
    e.location = Location{"Somewhere", s, 12.5, 45.25, {}, ""};
    e.origin = "gdelt";
  }
  return v;
}

std::string TempPath(const char* name) {
  fs::path dir = fs::temp_directory_path() / ("entente_store_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p.string();
}

std::unique_ptr<Store> OpenOrDie(const std::string& url, StoreOptions o = {}) {
  auto s = Store::Open(url, o);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(s).value();
}

// Rows/s of AddEvents into a fresh store, in calls of 10,000 events.
void AddEventsInto(benchmark::State& state, const std::function<std::string()>& fresh_url) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<Event> events = SyntheticEvents(n, 42);
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenOrDie(fresh_url());
    state.ResumeTiming();
    for (size_t i = 0; i < n; i += 10000) {
      std::vector<Event> chunk(events.begin() + i, events.begin() + std::min(n, i + 10000));
      auto r = store->AddEvents(chunk);
      if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
    }
    if (!store->Flush().ok()) state.SkipWithError("flush failed");
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}

void BM_SqliteAddEvents(benchmark::State& state) {
  AddEventsInto(state, [] { return TempPath("add_events.db"); });
}
BENCHMARK(BM_SqliteAddEvents)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Documents of ~2 KB with 12 sentences and 4 events each, default batch (64 per transaction).
void BM_SqliteAddDocument(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<Document> docs(n);
  std::vector<std::vector<Event>> events(n);
  for (int i = 0; i < n; ++i) {
    Document& d = docs[i];
    d.id = "doc" + std::to_string(i);
    d.title = "Title " + std::to_string(i);
    d.date = Date{2024, 1 + i % 12, 1 + i % 28};
    for (int s = 0; s < 12; ++s) {
      std::string sent = "Sentence " + std::to_string(s) + " of document " + std::to_string(i) +
                         " says that the foreign minister met his counterpart to discuss trade. ";
      Sentence st;
      st.span = Span{static_cast<uint32_t>(d.text.size()), static_cast<uint32_t>(d.text.size() + sent.size() - 1)};
      d.text += sent;
      d.sentences.push_back(st);
    }
    d.hash = ContentHash(d.title, d.text);
    events[i] = SyntheticEvents(4, static_cast<uint64_t>(i) + 1000);
    for (Event& e : events[i]) {
      e.doc_id = d.id;
      e.doc_hash = d.hash;
      e.origin = "entente";
      e.sentence = 1;
      e.text = std::string(d.Text(d.sentences[1].span));
    }
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenOrDie(TempPath("add_docs.db"));
    state.ResumeTiming();
    for (int i = 0; i < n; ++i)
      if (!store->AddDocument(docs[i], events[i]).ok()) state.SkipWithError("AddDocument failed");
    if (!store->Flush().ok()) state.SkipWithError("flush failed");
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_SqliteAddDocument)->Arg(5000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Rows/s reading every event back (date order), and a filtered read (one country).
void BM_SqliteForEachEvent(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::string path = TempPath("read.db");
  {
    auto store = OpenOrDie(path);
    (void)store->AddEvents(SyntheticEvents(n, 7));
  }
  auto store = OpenOrDie(path, {.read_only = true});
  EventFilter f;
  if (state.range(1)) f.country = "PRK";
  int64_t rows = 0;
  for (auto _ : state) {
    Status st = store->ForEachEvent(f, [&](const Event& e) {
      benchmark::DoNotOptimize(e.id.data());
      ++rows;
      return true;
    });
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.SetItemsProcessed(rows);
}
BENCHMARK(BM_SqliteForEachEvent)->Args({200000, 0})->Args({200000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

// PostgreSQL: each iteration in a fresh schema of the ENTENTE_PG_URL database.
void BM_PostgresAddEvents(benchmark::State& state) {
  const char* base = std::getenv("ENTENTE_PG_URL");
  if (!base || !*base) {
    state.SkipWithError("ENTENTE_PG_URL not set");
    for (auto _ : state) {
    }
    return;
  }
  static int counter = 0;
  AddEventsInto(state, [base] {
    // A fresh, empty schema per run, named in the connection's search_path.
    std::string b = base;
    std::string schema = "bench_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    std::string cmd = "psql -q '" + b + "' -c 'DROP SCHEMA IF EXISTS " + schema +
                      " CASCADE; CREATE SCHEMA " + schema + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "cannot create schema %s\n", schema.c_str());
    return b + (b.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  });
}
BENCHMARK(BM_PostgresAddEvents)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
