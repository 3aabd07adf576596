// Behaviour of the Store interface, run against both engines: SQLite (a temp file) and
// PostgreSQL (ENTENTE_PG_URL, each test in a fresh schema; skipped when unset). Engine-specific
// cases (file handling, two writers on one file) follow the shared suite.
#include "entente/store.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "base/testutil.h"
#include "store/store_internal.h"

#if ENTENTE_HAVE_POSTGRES
#include <libpq-fe.h>
#endif

namespace entente {
namespace {

namespace fs = std::filesystem;
using store_internal::kSchemaVersion;

// ---- test data -------------------------------------------------------------------------

// Imports as one row per event (schema v5 behaviour), for the tests of row imports and of the
// rows' SQL layout; the default stores imports in chunks.
const StoreOptions kRowImports{.chunked_imports = false};

const char* const kCountries[] = {"USA", "CHN", "PRK", "RUS", "UKR", ""};
const char* const kCodes[] = {"010", "036", "040", "042", "043", "057", "112", "190", "0311"};

Document MakeDoc(int i) {
  Document d;
  d.id = "doc" + std::to_string(i);
  d.title = "Title " + std::to_string(i);
  d.source = "wire";
  d.url = "https://example.org/" + std::to_string(i);
  d.path = "/in/doc" + std::to_string(i) + ".json";
  if (i % 4 != 3) d.date = Date{2024, 1 + i % 12, 1 + i % 28};
  std::string s1 = "North Korean leader Kim Jong Un met officials number " + std::to_string(i) + ".";
  std::string s2 = i % 2 ? "The missile test drew protests in Seoul." : "Talks on trade resumed in Geneva.";
  std::string s3 = "Unique marker word zq" + std::to_string(i) + "x appears here.";
  d.text = s1 + " " + s2 + " " + s3;
  uint32_t b = 0;
  for (const std::string* s : {&s1, &s2, &s3}) {
    Sentence sent;
    sent.span = Span{b, b + static_cast<uint32_t>(s->size())};
    d.sentences.push_back(sent);
    b += static_cast<uint32_t>(s->size()) + 1;
  }
  d.hash = ContentHash(d.title, d.text);
  return d;
}

// A varied event; `k` selects the values, `doc` (optional) ties it to a document.
Event MakeEvent(int k, const Document* doc) {
  Event e;
  e.id = (doc ? doc->hash.substr(0, 8) : std::string("imp")) + "-" + std::to_string(k);
  if (doc) {
    e.doc_id = doc->id;
    e.doc_hash = doc->hash;
    e.sentence = k % 3;
    e.doc_date = doc->date ? doc->date->ToString() : "";
    e.text = std::string(doc->Text(doc->sentences[k % 3].span));
  } else {
    e.doc_id = "gdelt:" + std::to_string(k);
    e.text = k % 5 ? "" : "imported \"quoted\"\ttab\nnewline \\ backslash é 한국";
    e.origin = k % 2 ? "gdelt" : "icews";
  }
  if (k % 13 != 0) e.date = Date{2023 + k % 3, 1 + k % 12, 1 + k % 27}.ToString();
  e.source = ActorRef{std::string(kCountries[k % 6]) + (k % 2 ? "GOV" : ""), kCountries[k % 6],
                      k % 2 ? "GOV" : "", k % 7 == 0 ? "Kim Jong Un" : "", "the leader",
                      doc ? Span{0, 10} : Span{}};
  if (k % 4 != 1)
    e.target = ActorRef{kCountries[(k + 2) % 6], kCountries[(k + 2) % 6], "", "", "Beijing officials",
                        doc ? Span{20, 37} : Span{}};
  e.cameo = kCodes[k % 9];
  e.root = e.cameo.substr(0, 2);
  e.plover = "CONSULT";
  e.goldstein = (k % 20) / 3.0 - 3.1;
  e.quad_class = 1 + k % 4;
  e.modality = static_cast<Modality>(k % 4);
  if (k % 3 == 0) e.location = Location{"Pyongyang", "PRK", 39.0392 + k * 1e-9, 125.7625, Span{3, 9}, ""};
  e.why.verb = Span{11, 14};
  e.why.pattern = "data/coder/verbs.txt:" + std::to_string(k) + ": SRC meet TGT";
  e.why.entries = {"person KIM_JONG_UN", "country PRK"};
  e.why.modality_cue = k % 4 ? "plans to" : "";
  e.why.note = "k=" + std::to_string(k);
  return e;
}

std::vector<Event> DocEvents(const Document& d, int n, int first_k) {
  std::vector<Event> v;
  for (int i = 0; i < n; ++i) v.push_back(MakeEvent(first_k + i, &d));
  return v;
}

// The filter semantics, written independently of the SQL.
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Matches(const Event& e, const EventFilter& f) {
  auto has = [&](const std::string& s) { return Lower(s).find(Lower(f.actor)) != std::string::npos; };
  const std::string tc = e.target ? e.target->country : "";
  if (!f.actor.empty() && !has(e.source.code) && !has(e.source.name) &&
      !(e.target && (has(e.target->code) || has(e.target->name))))
    return false;
  if (!f.country.empty() && e.source.country != f.country && !(e.target && tc == f.country)) return false;
  if (f.dyad && !(e.target && ((e.source.country == f.dyad->first && tc == f.dyad->second) ||
                               (e.source.country == f.dyad->second && tc == f.dyad->first))))
    return false;
  if (!f.code.empty() && e.cameo.rfind(f.code, 0) != 0) return false;
  if (!f.root.empty() && e.root != f.root) return false;
  if (f.since && (e.date.empty() || e.date < f.since->ToString())) return false;
  if (f.until && (e.date.empty() || e.date > f.until->ToString())) return false;
  if (f.modality && e.modality != *f.modality) return false;
  if (!f.origin.empty() && e.origin != f.origin) return false;
  return true;
}

// An EventFilter with the fields `set` assigns.
template <class F>
EventFilter Filter(F set) {
  EventFilter f;
  set(f);
  return f;
}

std::vector<std::string> ExpectedIds(std::vector<Event> all, const EventFilter& f) {
  std::sort(all.begin(), all.end(), [](const Event& a, const Event& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  });
  std::vector<std::string> ids;
  for (const Event& e : all)
    if (Matches(e, f) && (f.limit < 0 || static_cast<int64_t>(ids.size()) < f.limit)) ids.push_back(e.id);
  return ids;
}

// ---- fixture -----------------------------------------------------------------------------

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool pg() const { return GetParam() == "postgres"; }

  void SetUp() override {
    if (!pg()) {
      url_ = testing::TempDir() + "/store.db";
      return;
    }
#if ENTENTE_HAVE_POSTGRES
    const char* base = std::getenv("ENTENTE_PG_URL");
    if (!base || !*base)
      GTEST_SKIP() << "ENTENTE_PG_URL not set; skipping PostgreSQL tests "
                      "(run: eval \"$(bash .ci/postgres.sh)\")";
    static int counter = 0;
    schema_ = "entente_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    conn_ = PQconnectdb(base);
    ASSERT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    Sql("CREATE SCHEMA " + schema_);
    std::string b = base;
    url_ = b + (b.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
#else
    GTEST_SKIP() << "built without ENTENTE_POSTGRES";
#endif
  }

  void TearDown() override {
#if ENTENTE_HAVE_POSTGRES
    if (conn_) {
      Sql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      PQfinish(conn_);
    }
#endif
  }

  std::unique_ptr<Store> OpenStore(StoreOptions options = {}) {
    auto s = Store::Open(url_, options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // Runs raw SQL on the engine behind the store and returns the first column of the first
  // row ("" when none); used to inspect and tamper with the schema.
  std::string Sql(const std::string& sql) {
    if (!pg()) {
      sqlite3* db = nullptr;
      EXPECT_EQ(sqlite3_open(url_.c_str(), &db), SQLITE_OK);
      sqlite3_busy_timeout(db, 10000);
      sqlite3_stmt* s = nullptr;
      std::string out;
      EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
      if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      sqlite3_finalize(s);
      sqlite3_close(db);
      return out;
    }
#if ENTENTE_HAVE_POSTGRES
    std::string full = schema_.empty() ? sql : "SET search_path TO " + schema_ + "; " + sql;
    PGresult* r = PQexec(conn_, full.c_str());
    EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(r);
    std::string out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    return out;
#else
    return "";
#endif
  }

  bool HasIndex(const std::string& name) {
    return pg() ? Sql("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema_ +
                      "' AND indexname = '" + name + "'") == "1"
                : Sql("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + name + "'") == "1";
  }

  std::string url_;
  std::string schema_;
#if ENTENTE_HAVE_POSTGRES
  PGconn* conn_ = nullptr;
#endif
};

std::vector<Event> Collect(Store& s, const EventFilter& f) {
  std::vector<Event> out;
  Status st = s.ForEachEvent(f, [&](const Event& e) {
    out.push_back(e);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

std::vector<std::string> Ids(const std::vector<Event>& v) {
  std::vector<std::string> ids;
  for (const Event& e : v) ids.push_back(e.id);
  return ids;
}

// ---- shared suite ------------------------------------------------------------------------

TEST_P(StoreTest, AddDocumentDeduplicatesByContentHash) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  Document d = MakeDoc(1);
  auto a = store->AddDocument(d, DocEvents(d, 4, 0));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(*a);
  // Same content, different id and events: nothing changes.
  Document again = d;
  again.id = "other-id";
  again.hash.clear();  // recomputed from title and text
  auto b = store->AddDocument(again, DocEvents(d, 2, 100));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_FALSE(*b);
  ASSERT_TRUE(store->Flush().ok());
  auto st = store->Stats();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->documents, 1);
  EXPECT_EQ(st->sentences, 3);
  EXPECT_EQ(st->events, 4);
  // A different document is added.
  Document d2 = MakeDoc(2);
  auto c = store->AddDocument(d2, {});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(*c);
  EXPECT_EQ(store->Stats()->documents, 2);
}

TEST_P(StoreTest, EventsRoundTripFieldByField) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  Document d = MakeDoc(7);
  std::vector<Event> doc_events = DocEvents(d, 12, 0);
  ASSERT_TRUE(store->AddDocument(d, doc_events).ok());
  std::vector<Event> imported;
  for (int k = 0; k < 12; ++k) imported.push_back(MakeEvent(k, nullptr));
  auto added = store->AddEvents(imported);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 12);
  ASSERT_TRUE(store->Flush().ok());
  for (const auto* set : {&doc_events, &imported}) {
    for (const Event& e : *set) {
      auto back = store->GetEvent(e.id);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(ToJson(*back), ToJson(e));
      EXPECT_EQ(back->doc_hash, e.doc_hash);
      EXPECT_EQ(back->goldstein, e.goldstein);  // exact, not just as printed
      if (e.location) {
        EXPECT_EQ(back->location->lat, e.location->lat);
      }
    }
  }
  // ForEachEvent returns the same events.
  std::map<std::string, std::string> want;
  for (const auto* set : {&doc_events, &imported})
    for (const Event& e : *set) want[e.id] = ToJson(e);
  std::map<std::string, std::string> got;
  for (const Event& e : Collect(*store, {})) got[e.id] = ToJson(e);
  EXPECT_EQ(got, want);
  auto missing = store->GetEvent("no-such-id");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, DocumentEventsTakeTheDocumentHash) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  Document d = MakeDoc(3);
  Event e = MakeEvent(1, &d);
  e.doc_hash.clear();
  ASSERT_TRUE(store->AddDocument(d, {e}).ok());
  EXPECT_EQ(store->GetEvent(e.id)->doc_hash, d.hash);
  Document d2 = MakeDoc(4);
  Event wrong = MakeEvent(1, &d2);
  wrong.doc_hash = "0123";
  auto r = store->AddDocument(d2, {wrong});
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  Event no_id = MakeEvent(2, &d2);
  no_id.id.clear();
  EXPECT_EQ(store->AddDocument(d2, {no_id}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store->AddEvents({no_id}).status().code(), Status::Code::kInvalidArgument);
  // The refused document left nothing behind.
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(store->Stats()->documents, 1);
}

TEST_P(StoreTest, AddEventsSkipsExistingIds) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  std::vector<Event> v;
  for (int k = 0; k < 25000; ++k) v.push_back(MakeEvent(k, nullptr));  // > one 10k batch
  auto a = store->AddEvents(v);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(*a, 25000);
  auto b = store->AddEvents(v);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, 0);
  std::vector<Event> mixed(v.begin(), v.begin() + 10);
  for (int k = 30000; k < 30005; ++k) mixed.push_back(MakeEvent(k, nullptr));
  mixed.push_back(MakeEvent(30000, nullptr));  // duplicate inside one call
  auto c = store->AddEvents(mixed);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, 5);
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(store->Stats()->events, 25005);
}

TEST_P(StoreTest, EveryFilterDateOrderAndLimit) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  std::vector<Event> all;
  for (int i = 0; i < 6; ++i) {
    Document d = MakeDoc(i);
    auto ev = DocEvents(d, 10, i * 10);
    ASSERT_TRUE(store->AddDocument(d, ev).ok());
    all.insert(all.end(), ev.begin(), ev.end());
  }
  std::vector<Event> imported;
  for (int k = 0; k < 150; ++k) imported.push_back(MakeEvent(k, nullptr));
  ASSERT_TRUE(store->AddEvents(imported).ok());
  all.insert(all.end(), imported.begin(), imported.end());
  ASSERT_TRUE(store->Flush().ok());

  std::vector<std::pair<std::string, EventFilter>> filters;
  auto add = [&](std::string name, auto set) {
    EventFilter f;
    set(f);
    filters.emplace_back(std::move(name), f);
  };
  add("none", [](EventFilter&) {});
  add("actor name, other case", [](EventFilter& f) { f.actor = "kim jong"; });
  add("actor code", [](EventFilter& f) { f.actor = "rusgov"; });
  add("actor target code", [](EventFilter& f) { f.actor = "UKR"; });
  add("country", [](EventFilter& f) { f.country = "CHN"; });
  add("dyad", [](EventFilter& f) { f.dyad = std::pair<std::string, std::string>("USA", "PRK"); });
  add("dyad reversed", [](EventFilter& f) { f.dyad = std::pair<std::string, std::string>("PRK", "USA"); });
  add("code prefix 04", [](EventFilter& f) { f.code = "04"; });
  add("code 042", [](EventFilter& f) { f.code = "042"; });
  add("code 031", [](EventFilter& f) { f.code = "031"; });
  add("root", [](EventFilter& f) { f.root = "05"; });
  add("since", [](EventFilter& f) { f.since = Date{2024, 6, 1}; });
  add("until", [](EventFilter& f) { f.until = Date{2023, 12, 31}; });
  add("since+until", [](EventFilter& f) { f.since = Date{2024, 2, 1}, f.until = Date{2024, 8, 15}; });
  add("modality", [](EventFilter& f) { f.modality = Modality::kNegated; });
  add("modality actual", [](EventFilter& f) { f.modality = Modality::kActual; });
  add("origin", [](EventFilter& f) { f.origin = "gdelt"; });
  add("origin entente", [](EventFilter& f) { f.origin = "entente"; });
  add("limit", [](EventFilter& f) { f.limit = 7; });
  add("limit 0", [](EventFilter& f) { f.limit = 0; });
  add("combined", [](EventFilter& f) { f.country = "PRK", f.root = "04", f.limit = 3; });
  add("no match", [](EventFilter& f) { f.actor = "nobody'; DROP TABLE events; --"; });
  for (const auto& [name, f] : filters) {
    std::vector<std::string> want = ExpectedIds(all, f);
    std::vector<std::string> got = Ids(Collect(*store, f));
    EXPECT_EQ(got, want) << "filter: " << name;
    if (name != "no match" && name != "limit 0") {
      EXPECT_FALSE(want.empty()) << "filter: " << name;
    }
  }
  // Early stop.
  int n = 0;
  ASSERT_TRUE(store->ForEachEvent({}, [&](const Event&) { return ++n < 5; }).ok());
  EXPECT_EQ(n, 5);
  // The store is usable after an early stop.
  EXPECT_EQ(store->Stats()->events, static_cast<int64_t>(all.size()));
}

TEST_P(StoreTest, Stats) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  std::vector<Event> all;
  int sentences = 0;
  for (int i = 0; i < 4; ++i) {
    Document d = MakeDoc(i);
    auto ev = DocEvents(d, 9, i * 9);
    ASSERT_TRUE(store->AddDocument(d, ev).ok());
    all.insert(all.end(), ev.begin(), ev.end());
    sentences += static_cast<int>(d.sentences.size());
  }
  std::vector<Event> imported;
  for (int k = 0; k < 40; ++k) imported.push_back(MakeEvent(k, nullptr));
  ASSERT_TRUE(store->AddEvents(imported).ok());
  all.insert(all.end(), imported.begin(), imported.end());
  auto st = store->Stats();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->documents, 4);
  EXPECT_EQ(st->sentences, sentences);
  EXPECT_EQ(st->events, static_cast<int64_t>(all.size()));
  EXPECT_EQ(st->event_groups, 0);

  std::string first = "9999", last;
  std::map<std::string, int64_t> origin, root, modality, actors;
  for (const Event& e : all) {
    if (!e.date.empty()) {
      first = std::min(first, e.date);
      last = std::max(last, e.date);
    }
    ++origin[e.origin];
    ++root[e.root];
    ++modality[std::string(ModalityName(e.modality))];
    if (!e.source.code.empty()) ++actors[e.source.code];
    if (e.target && !e.target->code.empty()) ++actors[e.target->code];
  }
  auto ranked = [](const std::map<std::string, int64_t>& m, size_t top) {
    std::vector<std::pair<std::string, int64_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (v.size() > top) v.resize(top);
    return v;
  };
  ASSERT_TRUE(st->first_date && st->last_date);
  EXPECT_EQ(st->first_date->ToString(), first);
  EXPECT_EQ(st->last_date->ToString(), last);
  EXPECT_EQ(st->by_origin, ranked(origin, 100));
  EXPECT_EQ(st->by_root, ranked(root, 100));
  EXPECT_EQ(st->by_modality, ranked(modality, 100));
  EXPECT_EQ(st->top_actors, ranked(actors, 10));
}

TEST_P(StoreTest, EventGroups) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  Document d = MakeDoc(5);
  auto ev = DocEvents(d, 5, 0);
  ASSERT_TRUE(store->AddDocument(d, ev).ok());
  ASSERT_TRUE(store->SetEventGroups({{ev[0].id, "g1"}, {ev[1].id, "g1"}, {ev[2].id, "g2"}, {"nope", "g3"}}).ok());
  EXPECT_EQ(store->GetEvent(ev[0].id)->group, "g1");
  EXPECT_EQ(store->GetEvent(ev[2].id)->group, "g2");
  EXPECT_EQ(store->GetEvent(ev[3].id)->group, "");
  EXPECT_EQ(store->Stats()->event_groups, 2);
  ASSERT_TRUE(store->SetEventGroups({{ev[2].id, ""}}).ok());
  EXPECT_EQ(store->GetEvent(ev[2].id)->group, "");
  EXPECT_EQ(store->Stats()->event_groups, 1);
  ev[0].group = "g1";
  EXPECT_EQ(ToJson(store->GetEvent(ev[0].id).value()), ToJson(ev[0]));
}

TEST_P(StoreTest, SearchSentences) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  std::vector<Document> docs;
  for (int i = 0; i < 6; ++i) {
    docs.push_back(MakeDoc(i));
    ASSERT_TRUE(store->AddDocument(docs.back(), {}).ok());
  }
  ASSERT_TRUE(store->Flush().ok());
  std::set<std::pair<std::string, int>> got, want;
  for (const Document& d : docs)
    for (size_t i = 0; i < d.sentences.size(); ++i)
      if (d.Text(d.sentences[i].span).find("missile") != std::string_view::npos) want.emplace(d.id, i);
  ASSERT_FALSE(want.empty());
  Status s = store->SearchSentences("missile", -1, [&](const std::string& id, int idx, const std::string& text) {
    got.emplace(id, idx);
    EXPECT_NE(text.find("missile"), std::string::npos);
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(got, want);
  // Several words: all must occur; unique marker finds one sentence.
  got.clear();
  ASSERT_TRUE(store->SearchSentences("marker zq4x", 10, [&](const std::string& id, int idx, const std::string&) {
    got.emplace(id, idx);
    return true;
  }).ok());
  EXPECT_EQ(got, (std::set<std::pair<std::string, int>>{{"doc4", 2}}));
  int n = 0;
  ASSERT_TRUE(store->SearchSentences("officials", 2, [&](auto&, int, auto&) { return ++n, true; }).ok());
  EXPECT_EQ(n, 2);
  n = 0;
  ASSERT_TRUE(store->SearchSentences("xylophone", -1, [&](auto&, int, auto&) { return ++n, true; }).ok());
  EXPECT_EQ(n, 0);
  for (const char* bad : {"\"unterminated phrase", "missile)", "(missile", "   "}) {
    Status b = store->SearchSentences(bad, 10, [](auto&, int, auto&) { return true; });
    EXPECT_EQ(b.code(), Status::Code::kInvalidArgument) << bad << ": " << b.ToString();
  }
  Status b = store->SearchSentences("\"unterminated phrase", 10, [](auto&, int, auto&) { return true; });
  EXPECT_NE(b.message().find("unterminated phrase"), std::string::npos) << b.ToString();
  if (!pg()) {  // FTS5 operators: a dangling AND is a syntax error reported by FTS5
    Status f = store->SearchSentences("missile AND", 10, [](auto&, int, auto&) { return true; });
    EXPECT_EQ(f.code(), Status::Code::kInvalidArgument) << f.ToString();
    EXPECT_NE(f.message().find("missile AND"), std::string::npos) << f.ToString();
  }
}

TEST_P(StoreTest, ReopenPersistsAndReadOnly) {
  Document d = MakeDoc(9);
  auto ev = DocEvents(d, 3, 0);
  {
    auto store = OpenStore({.read_only = false, .batch_documents = 100});
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->AddDocument(d, ev).ok());
    // no Flush: the destructor commits
  }
  {
    auto store = OpenStore({.read_only = true});
    ASSERT_TRUE(store);
    EXPECT_EQ(store->Stats()->documents, 1);
    EXPECT_EQ(ToJson(store->GetEvent(ev[1].id).value()), ToJson(ev[1]));
    auto w = store->AddDocument(MakeDoc(10), {});
    EXPECT_EQ(w.status().code(), Status::Code::kInvalidArgument) << w.status().ToString();
    EXPECT_FALSE(store->AddEvents({MakeEvent(1, nullptr)}).ok());
  }
  auto store = OpenStore();
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->AddDocument(d, ev).value());
}

// A writer killed mid-batch: every document is either complete or absent.
TEST_P(StoreTest, CrashLeavesOnlyWholeDocuments) {
  { auto init = OpenStore(); ASSERT_TRUE(init); }  // schema exists before the child starts
  constexpr int kDocs = 8, kEvents = 5;
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = Store::Open(url_, {.read_only = false, .batch_documents = 3});
    if (!s.ok()) _exit(2);
    for (int i = 0; i < kDocs; ++i) {
      Document d = MakeDoc(100 + i);
      if (!(*s)->AddDocument(d, DocEvents(d, kEvents, 0)).ok()) _exit(3);
    }
    kill(getpid(), SIGKILL);  // no Flush, no destructor
    _exit(4);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child failed with exit status " << WEXITSTATUS(status);
  auto store = OpenStore();
  ASSERT_TRUE(store);
  int present = 0;
  for (int i = 0; i < kDocs; ++i) {
    Document d = MakeDoc(100 + i);
    auto ev = DocEvents(d, kEvents, 0);
    int found = 0;
    for (const Event& e : ev) found += store->GetEvent(e.id).ok();
    EXPECT_TRUE(found == 0 || found == kEvents) << d.id << ": " << found << " events";
    present += found == kEvents;
  }
  auto st = store->Stats();
  EXPECT_EQ(st->documents, present);
  EXPECT_EQ(st->sentences, present * 3);
  EXPECT_EQ(st->events, present * kEvents);
  // SQLite commits whole batches of 3 (the open batch of 2 is lost); PostgreSQL commits each
  // document when AddDocument returns.
  EXPECT_EQ(present, pg() ? kDocs : kDocs / 3 * 3);
}

TEST_P(StoreTest, NewerSchemaVersionRefused) {
  { auto s = OpenStore(); ASSERT_TRUE(s); }
  Sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  for (bool ro : {false, true}) {
    auto s = Store::Open(url_, {.read_only = ro});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
    EXPECT_NE(s.status().message().find("schema version 99 is newer"), std::string::npos) << s.status().ToString();
  }
}

TEST_P(StoreTest, MigratesVersion1To2) {
  Document d = MakeDoc(11);
  auto ev = DocEvents(d, 3, 0);
  {
    auto v1 = pg() ? store_internal::OpenPostgres(url_, {}, 1) : store_internal::OpenSqlite(url_, {}, 1);
    ASSERT_TRUE(v1.ok()) << v1.status().ToString();
    ASSERT_TRUE((*v1)->AddDocument(d, ev).ok());
  }
  EXPECT_EQ(Sql("SELECT value FROM meta WHERE key = 'schema_version'"), "1");
  EXPECT_FALSE(HasIndex("events_group"));
  EXPECT_TRUE(HasIndex("events_date"));
  {
    auto ro = Store::Open(url_, {.read_only = true});  // older versions stay readable
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->Stats()->events, 3);
  }
  auto store = OpenStore();
  ASSERT_TRUE(store);
  EXPECT_EQ(Sql("SELECT value FROM meta WHERE key = 'schema_version'"), std::to_string(kSchemaVersion));
  EXPECT_TRUE(HasIndex("events_group"));
  EXPECT_EQ(ToJson(store->GetEvent(ev[2].id).value()), ToJson(ev[2]));
  EXPECT_FALSE(store->AddDocument(d, ev).value());
}

// Date precision (schema v5) round-trips through every write path: a document's events, a
// small AddEvents, and a larger import (a chunked one on SQLite).
// A location's kind round-trips through both engines, in document events and imports (the
// shared MakeEvent leaves it empty: the migration tests write layouts that cannot hold it).
TEST_P(StoreTest, LocationKindRoundTrips) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  const char* const kinds[] = {"country", "region", "city", "site", ""};
  auto with_kind = [&kinds](std::vector<Event> v) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].location) v[i].location = Location{"Malta", "MLT", 35.9, 14.4, Span{}, ""};
      v[i].location->kind = kinds[i % 5];
    }
    return v;
  };
  Document d = MakeDoc(4);
  std::vector<Event> all = with_kind(DocEvents(d, 6, 0));
  ASSERT_TRUE(store->AddDocument(d, all).ok());
  std::vector<Event> many;
  for (int k = 100; k < 1100; ++k) many.push_back(MakeEvent(k, nullptr));
  many = with_kind(many);
  ASSERT_EQ(store->AddEvents(many).value(), 1000);
  ASSERT_TRUE(store->Flush().ok());
  all.insert(all.end(), many.begin(), many.end());
  std::map<std::string, std::string> want, got;
  std::map<std::string, int> counts;
  for (const Event& e : all) want[e.id] = ToJson(e);
  for (const Event& e : Collect(*store, {})) {
    got[e.id] = ToJson(e);
    ASSERT_TRUE(e.location) << e.id;
    ++counts[e.location->kind];
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(counts["country"], 202);
  EXPECT_EQ(counts[""], 201);
  EXPECT_EQ(store->GetEvent(all[0].id)->location->kind, "country");
  if (pg()) {
    EXPECT_EQ(Sql("SELECT count(*) FROM events WHERE location_kind IS NULL"), "201");
  }
}

TEST_P(StoreTest, DatePrecisionRoundTrips) {
  auto store = OpenStore();
  ASSERT_TRUE(store);
  auto with_precision = [](std::vector<Event> v) {
    for (size_t i = 0; i < v.size(); ++i) v[i].date_precision = static_cast<DatePrecision>(i % 3);
    return v;
  };
  Document d = MakeDoc(3);
  std::vector<Event> all = with_precision(DocEvents(d, 6, 0));
  ASSERT_TRUE(store->AddDocument(d, all).ok());
  std::vector<Event> few, many;
  for (int k = 0; k < 9; ++k) few.push_back(MakeEvent(k, nullptr));
  for (int k = 100; k < 1300; ++k) many.push_back(MakeEvent(k, nullptr));
  few = with_precision(few);
  many = with_precision(many);
  ASSERT_EQ(store->AddEvents(many).value(), 1200);
  ASSERT_EQ(store->AddEvents(few).value(), 9);
  ASSERT_TRUE(store->Flush().ok());
  all.insert(all.end(), few.begin(), few.end());
  all.insert(all.end(), many.begin(), many.end());
  std::map<std::string, std::string> want, got;
  std::map<DatePrecision, int> counts;
  for (const Event& e : all) want[e.id] = ToJson(e);
  for (const Event& e : Collect(*store, {})) {
    got[e.id] = ToJson(e);
    ++counts[e.date_precision];
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(counts[DatePrecision::kDay], 405);
  EXPECT_EQ(counts[DatePrecision::kMonth], 405);
  EXPECT_EQ(counts[DatePrecision::kYear], 405);
  // Stats gives each end of the date range the finest precision of the events on that date.
  std::string first = "9999", last;
  for (const Event& e : all)
    if (!e.date.empty()) first = std::min(first, e.date), last = std::max(last, e.date);
  auto finest_on = [&all](const std::string& date) {
    DatePrecision p = DatePrecision::kYear;
    for (const Event& e : all)
      if (e.date == date) p = std::min(p, e.date_precision);
    return p;
  };
  auto st = store->Stats();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->first_date_precision, finest_on(first));
  EXPECT_EQ(st->last_date_precision, finest_on(last));
  // An end known only to its year: one more event before all others.
  Event early = MakeEvent(5000, nullptr);
  early.date = "1990-01-01";
  early.date_precision = DatePrecision::kYear;
  ASSERT_EQ(store->AddEvents({early}).value(), 1);
  ASSERT_TRUE(store->Flush().ok());
  st = store->Stats();
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->first_date->ToString(), "1990-01-01");
  EXPECT_EQ(st->first_date_precision, DatePrecision::kYear);
  EXPECT_EQ(store->GetEvent(all[2].id)->date_precision, DatePrecision::kYear);
  EXPECT_EQ(store->GetEvent(all[1].id)->date_precision, DatePrecision::kMonth);
  // The column is plain text for readers of the database.
  EXPECT_EQ(Sql("SELECT date_precision FROM events WHERE id = '" + all[2].id + "'"), "year");
  // (SQLite: only the document's events are rows; the imports are in chunks.)
  EXPECT_EQ(Sql("SELECT count(*) FROM events WHERE date_precision = 'month'"), pg() ? "405" : "2");
}

// Version 4 -> 5 adds events.date_precision with default 'day': a version 4 store opens (read
// only: as it is, precision day), migrates, reads its old events back with day precision and
// round-trips month and year precision for new ones.
TEST_P(StoreTest, MigratesVersion4To5) {
  Document d = MakeDoc(5);
  std::vector<Event> old_doc = DocEvents(d, 4, 0), old_imported;
  for (int k = 0; k < 1100; ++k) old_imported.push_back(MakeEvent(k, nullptr));
  {
    auto v4 = pg() ? store_internal::OpenPostgres(url_, {}, 4) : store_internal::OpenSqlite(url_, {}, 4);
    ASSERT_TRUE(v4.ok()) << v4.status().ToString();
    ASSERT_TRUE((*v4)->AddDocument(d, old_doc).ok());
    ASSERT_EQ((*v4)->AddEvents(old_imported).value(), 1100);
    // Written by a version 4 program: the field does not exist there.
    ASSERT_TRUE((*v4)->Flush().ok());
  }
  EXPECT_EQ(Sql("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  std::vector<Event> old_all = old_doc;
  old_all.insert(old_all.end(), old_imported.begin(), old_imported.end());
  auto by_id = [](const std::vector<Event>& v) {
    std::map<std::string, std::string> m;
    for (const Event& e : v) m[e.id] = ToJson(e);
    return m;
  };
  {
    auto ro = Store::Open(url_, {.read_only = true});
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ(by_id(Collect(**ro, {})), by_id(old_all));
    EXPECT_EQ((*ro)->GetEvent(old_doc[1].id)->date_precision, DatePrecision::kDay);
  }
  EXPECT_EQ(Sql("SELECT value FROM meta WHERE key = 'schema_version'"), "4");
  auto store = OpenStore();
  ASSERT_TRUE(store);
  EXPECT_EQ(Sql("SELECT value FROM meta WHERE key = 'schema_version'"), std::to_string(kSchemaVersion));
  EXPECT_EQ(Sql("SELECT count(*) FROM events WHERE date_precision = 'day'"), "1104");
  for (const Event& e : Collect(*store, {})) EXPECT_EQ(e.date_precision, DatePrecision::kDay) << e.id;
  EXPECT_EQ(by_id(Collect(*store, {})), by_id(old_all));
  Document d2 = MakeDoc(6);
  std::vector<Event> fresh = DocEvents(d2, 3, 0);
  fresh[0].date_precision = DatePrecision::kYear;
  fresh[1].date_precision = DatePrecision::kMonth;
  ASSERT_TRUE(store->AddDocument(d2, fresh).ok());
  Event imp = MakeEvent(5000, nullptr);
  imp.date_precision = DatePrecision::kYear;
  ASSERT_EQ(store->AddEvents({imp}).value(), 1);
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(store->GetEvent(fresh[0].id)->date_precision, DatePrecision::kYear);
  EXPECT_EQ(store->GetEvent(fresh[1].id)->date_precision, DatePrecision::kMonth);
  EXPECT_EQ(store->GetEvent(fresh[2].id)->date_precision, DatePrecision::kDay);
  EXPECT_EQ(store->GetEvent(imp.id)->date_precision, DatePrecision::kYear);
  EXPECT_EQ(ToJson(store->GetEvent(fresh[1].id).value()), ToJson(fresh[1]));
  EXPECT_FALSE(store->AddDocument(d, old_doc).value());
}

// A root that is not the prefix of its cameo code, an id that does not start with its origin,
// empty countries (schema v4 answers root and origin filters through the cameo and id indexes
// plus partial indexes for such rows, and its country indexes leave out ''): root, origin,
// country, dyad, code and combined filters match the reference semantics, for row-by-row
// writes and for a larger import into an empty file.
TEST_P(StoreTest, RootAndOriginFiltersWhenNotPrefixes) {
  std::vector<Event> v;  // every event in the store
  for (int n : {60, 1500}) {
    SCOPED_TRACE("events: " + std::to_string(n));
    if (!pg()) {  // SQLite: the second round is a larger import into an empty file
      std::filesystem::remove(url_);
      v.clear();
    }
    auto store = OpenStore();
    ASSERT_TRUE(store);
    for (int k = 0; k < n; ++k) {
      Event e = MakeEvent(k, nullptr);
      // Ids that start with the origin and ':' as imports' do, with another origin, or neither.
      const std::string other = e.origin == "gdelt" ? "icews" : "gdelt";
      const std::string prefix = k % 3 == 0 ? e.origin + ":" : k % 3 == 1 ? other + ":" : "";
      e.id = prefix + "root-" + std::to_string(n) + "-" + std::to_string(k);
      if (k % 19 == 6) e.origin = "entente";
      if (k % 5 == 2) e.source.country = "";  // SQLite's country indexes leave out ''
      if (k % 8 == 0 && e.target) e.target->country = "";
      if (k % 7 == 3) e.root = "19";            // not a prefix of cameo
      if (k % 11 == 4) e.root = e.cameo;        // a full code as root (a longer prefix)
      if (k % 17 == 8) e.cameo = "19" + e.cameo.substr(2);
      v.push_back(e);
    }
    ASSERT_EQ(store->AddEvents(std::vector<Event>(v.end() - n, v.end())).value(), n);
    ASSERT_TRUE(store->Flush().ok());
    for (const char* origin : {"gdelt", "icews", "entente", "gdelt:", "gde"}) {
      EventFilter f;
      f.origin = origin;
      EXPECT_EQ(Ids(Collect(*store, f)), ExpectedIds(v, f)) << "origin " << origin;
      f.country = "PRK";
      EXPECT_EQ(Ids(Collect(*store, f)), ExpectedIds(v, f)) << "origin " << origin << " country PRK";
    }
    for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
             {"", "PRK"}, {"PRK", ""}, {"", ""}, {"USA", "PRK"}, {"PRK", "PRK"}}) {
      EventFilter f;
      f.dyad = std::pair(a, b);
      EXPECT_EQ(Ids(Collect(*store, f)), ExpectedIds(v, f)) << "dyad '" << a << "' '" << b << "'";
      EXPECT_FALSE(ExpectedIds(v, f).empty() && a != b) << "dyad '" << a << "' '" << b << "'";
      f = EventFilter();
      f.country = a.empty() ? b : a;
      EXPECT_EQ(Ids(Collect(*store, f)), ExpectedIds(v, f)) << "country " << f.country;
    }
    for (const char* root : {"19", "04", "05", "042", "1", "999"}) {
      for (const char* code : {"", "04", "19"}) {
        EventFilter f;
        f.root = root;
        f.code = code;
        std::vector<std::string> want = ExpectedIds(v, f);
        EXPECT_EQ(Ids(Collect(*store, f)), want) << "root " << root << " code " << code;
      }
    }
    EXPECT_FALSE(ExpectedIds(v, Filter([](EventFilter& f) { f.root = "19"; })).empty());
  }
}

// Several writers add the same documents at once: each is stored once, and exactly one
// AddDocument call per document returns true.
TEST_P(StoreTest, ConcurrentWritersDoNotDuplicate) {
  { auto init = OpenStore(); ASSERT_TRUE(init); }
  constexpr int kWriters = 3, kDocs = 12;
  std::atomic<int> added[kDocs] = {};
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto s = Store::Open(url_, {.read_only = false, .batch_documents = 2});
      if (!s.ok()) {
        ++failures;
        ADD_FAILURE() << "writer " << w << ": " << s.status().ToString();
        return;
      }
      for (int j = 0; j < kDocs; ++j) {
        int i = (j + w * 5) % kDocs;  // different orders
        Document d = MakeDoc(200 + i);
        auto r = (*s)->AddDocument(d, DocEvents(d, 3, 0));
        if (!r.ok()) {
          ++failures;
          ADD_FAILURE() << r.status().ToString();
        } else if (*r) {
          ++added[i];
        }
      }
      if (Status st = (*s)->Flush(); !st.ok()) {
        ++failures;
        ADD_FAILURE() << "writer " << w << " flush: " << st.ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  for (int i = 0; i < kDocs; ++i) EXPECT_EQ(added[i], 1) << "doc " << i;
  auto store = OpenStore();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Stats()->documents, kDocs);
  EXPECT_EQ(store->Stats()->events, kDocs * 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---- SQLite files ------------------------------------------------------------------------

std::set<std::string> Listing(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

TEST(SqliteStoreTest, ReadOnlyOpenOfMissingFileCreatesNothing) {
  std::string dir = testing::TempDir();
  auto s = Store::Open(dir + "/missing.db", {.read_only = true});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
  EXPECT_NE(s.status().message().find(dir + "/missing.db"), std::string::npos);
  EXPECT_TRUE(Listing(dir).empty());
}

TEST(SqliteStoreTest, ReadOnlyOpenOfExistingStoreCreatesNoFiles) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/s.db";
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    Document d = MakeDoc(1);
    ASSERT_TRUE((*s)->AddDocument(d, DocEvents(d, 2, 0)).ok());
  }
  std::set<std::string> before = Listing(dir);
  {
    auto s = Store::Open(path, {.read_only = true});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->Stats()->events, 2);
  }
  EXPECT_EQ(Listing(dir), before);
}

TEST(SqliteStoreTest, MissingDirectoryAndUnwritableLocation) {
  std::string dir = testing::TempDir();
  auto a = Store::Open(dir + "/no/such/dir/s.db", {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kIOError);
  EXPECT_NE(a.status().message().find("does not exist"), std::string::npos) << a.status().ToString();
  std::ofstream(dir + "/plain") << "x";
  auto b = Store::Open(dir + "/plain/s.db", {});  // parent is a file
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find(dir + "/plain/s.db"), std::string::npos) << b.status().ToString();
  auto c = Store::Open(dir, {});  // a directory
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("directory"), std::string::npos) << c.status().ToString();
  auto d = Store::Open("/proc/entente-store-test.db", {});  // cannot be created, even by root
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("/proc/entente-store-test.db"), std::string::npos) << d.status().ToString();
}

TEST(SqliteStoreTest, CorruptFileIsAClearError) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/garbage.db";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 8192; ++i) out.put(static_cast<char>((i * 7919) & 0xff));
  }
  for (bool ro : {false, true}) {
    auto s = Store::Open(path, {.read_only = ro});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kCorruption) << s.status().ToString();
    EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().ToString();
  }
  // A real SQLite database that is not an entente store is refused, not modified.
  std::string other = dir + "/other.db";
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::Open(other, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not an entente store"), std::string::npos) << s.status().ToString();
  // A truncated store.
  std::string trunc = dir + "/trunc.db";
  {
    auto t = Store::Open(trunc, {});
    ASSERT_TRUE(t.ok());
    Document d = MakeDoc(1);
    ASSERT_TRUE((*t)->AddDocument(d, DocEvents(d, 20, 0)).ok());
  }
  fs::resize_file(trunc, 1500);
  auto t = Store::Open(trunc, {});
  if (t.ok()) {
    EXPECT_FALSE((*t)->Stats().ok());  // damage found on first read, as an error
  } else {
    EXPECT_NE(t.status().message().find(trunc), std::string::npos) << t.status().ToString();
  }
}

TEST(SqliteStoreTest, SecondWriterWaitsForTheFirst) {
  std::string path = testing::TempDir() + "/shared.db";
  auto a = Store::Open(path, {.read_only = false, .batch_documents = 1000});
  ASSERT_TRUE(a.ok());
  Document d1 = MakeDoc(1), d2 = MakeDoc(2);
  ASSERT_TRUE((*a)->AddDocument(d1, DocEvents(d1, 3, 0)).value());  // holds the write lock
  std::atomic<bool> done = false;
  Status b_status;
  std::thread writer([&] {
    auto b = Store::Open(path, {.read_only = false, .batch_documents = 1});
    if (!b.ok()) {
      b_status = b.status();
    } else {
      auto r = (*b)->AddDocument(d2, DocEvents(d2, 3, 0));
      b_status = r.ok() ? Status::OK() : r.status();
    }
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(done) << "second writer did not wait";
  ASSERT_TRUE((*a)->Flush().ok());
  writer.join();
  EXPECT_TRUE(b_status.ok()) << b_status.ToString();
  EXPECT_EQ((*a)->Stats()->documents, 2);
  EXPECT_EQ((*a)->Stats()->events, 6);
  a->reset();
  EXPECT_EQ(testing::TempDir().empty(), false);
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "ok");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

int CountIndexes(const std::string& path) {
  sqlite3* db;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'",
                               -1, &s, nullptr), SQLITE_OK);
  sqlite3_step(s);
  int n = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

std::string MetaValue(const std::string& path, const std::string& key) {
  sqlite3* db;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s;
  std::string out = "<none>";
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &s, nullptr), SQLITE_OK);
  sqlite3_bind_text(s, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// Row imports (chunked_imports = false) are plain batched inserts: duplicates inside a call and
// across calls are skipped, every index stays in place, and another connection may read at the
// same time.
TEST(SqliteStoreTest, RowImportsDeduplicateAndKeepIndexes) {
  std::string path = testing::TempDir() + "/rows.db";
  auto other = Store::Open(path, kRowImports);
  ASSERT_TRUE(other.ok());
  const int full = CountIndexes(path);
  ASSERT_GE(full, 10);
  std::vector<Event> v;
  for (int k = 0; k < 12000; ++k) v.push_back(MakeEvent(k, nullptr));
  auto s = Store::Open(path, kRowImports);
  ASSERT_TRUE(s.ok());
  std::vector<Event> first(v.begin(), v.begin() + 5000);
  first.push_back(v[17]);                 // a duplicate inside the call
  first.insert(first.begin() + 10, v[3]);  // one whose first copy is not yet written
  ASSERT_EQ((*s)->AddEvents(first).value(), 5000);
  ASSERT_EQ((*s)->AddEvents(v).value(), 7000);  // 5,000 seen already
  ASSERT_TRUE((*s)->Flush().ok());
  EXPECT_EQ(CountIndexes(path), full);
  EXPECT_EQ(MetaValue(path, "bulk_load"), "<none>");
  EXPECT_EQ((*other)->Stats()->events, 12000);  // the other connection was never locked out
  for (int k : {0, 17, 4999, 11999}) EXPECT_EQ(ToJson((*s)->GetEvent(v[k].id).value()), ToJson(v[k]));
  for (const EventFilter& f : {Filter([](EventFilter& f) { f.country = "CHN"; }),
                               Filter([](EventFilter& f) { f.root = "04"; }),
                               Filter([](EventFilter& f) { f.modality = Modality::kPlanned; }),
                               Filter([](EventFilter& f) { f.code = "04", f.limit = 100; })})
    EXPECT_EQ(Ids(Collect(**other, f)), ExpectedIds(v, f));
}

// A crash during a row import keeps the documents and every committed batch.
TEST(SqliteStoreTest, RowImportCrashKeepsDocumentsAndCommittedBatches) {
  std::string path = testing::TempDir() + "/docs_bulk.db";
  Document d = MakeDoc(1);
  {
    auto s = Store::Open(path, kRowImports);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->AddDocument(d, {}).value());  // a document, but no events yet
  }
  std::vector<Event> v;
  for (int k = 0; k < 15000; ++k) v.push_back(MakeEvent(k, nullptr));
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = Store::Open(path, kRowImports);
    if (!s.ok() || !(*s)->AddEvents(v).ok()) _exit(2);  // commits 10,000, leaves 5,000 open
    kill(getpid(), SIGKILL);
    _exit(3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit status " << WEXITSTATUS(status);
  auto s = Store::Open(path, kRowImports);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->Stats()->documents, 1);
  EXPECT_EQ((*s)->Stats()->events, 10000);
  EXPECT_FALSE((*s)->AddDocument(d, {}).value());
}

// Writes `v` into a new row store at `path` and leaves it as an interrupted fast bulk import of
// an earlier version left it: the bulk_load flag set and the indexes it dropped missing.
void FlagAsInterruptedImport(const std::string& path, const std::vector<Event>& v) {
  std::filesystem::remove(path);
  {
    auto s = Store::Open(path, kRowImports);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ((*s)->AddEvents(v).value(), static_cast<int64_t>(v.size()));
    ASSERT_TRUE((*s)->Flush().ok());
  }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX events_id; DROP INDEX events_date; "
                             "INSERT OR REPLACE INTO meta(key, value) VALUES ('bulk_load', 'empty-store')",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(MetaValue(path, "bulk_load"), "empty-store");
}

// After an interrupted import: a read-write open of `path` leaves an empty, unflagged store
// with every index, in which the same import runs again to completion.
void ExpectEmptyAndReimportable(const std::string& path, const std::vector<Event>& v) {
  auto s = Store::Open(path, kRowImports);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(MetaValue(path, "bulk_load"), "<none>");
  EXPECT_EQ((*s)->Stats()->events, 0);
  EXPECT_GE(CountIndexes(path), 10);
  ASSERT_EQ((*s)->AddEvents(v).value(), static_cast<int64_t>(v.size()));
  ASSERT_TRUE((*s)->Flush().ok());
  EventFilter prk = Filter([](EventFilter& f) { f.country = "PRK"; });
  EXPECT_EQ(Ids(Collect(**s, prk)), ExpectedIds(v, prk));
}

// A file an interrupted fast bulk import of an earlier version left: a read-only open refuses
// it, a read-write open discards the partial import (the store was empty before it).
TEST(SqliteStoreTest, InterruptedBulkImportOfEarlierVersionIsRepaired) {
  std::string path = testing::TempDir() + "/crash.db";
  std::vector<Event> v;
  for (int k = 0; k < 25000; ++k) v.push_back(MakeEvent(k, nullptr));
  FlagAsInterruptedImport(path, v);
  auto ro = Store::Open(path, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), Status::Code::kCorruption);
  EXPECT_NE(ro.status().message().find("interrupted"), std::string::npos) << ro.status().ToString();
  ExpectEmptyAndReimportable(path, v);
}

// With the journal off such a crash could leave the import's pages half-written. Here the back
// half of a flagged file (the import's pages) is overwritten with garbage: the next read-write
// open cannot drop the damaged tables, and since the store held nothing but the import it
// starts afresh.
TEST(SqliteStoreTest, DamagedFileAfterInterruptedBulkImportStartsAfresh) {
  std::string path = testing::TempDir() + "/crash_damaged.db";
  std::vector<Event> v;
  for (int k = 0; k < 25000; ++k) v.push_back(MakeEvent(k, nullptr));
  FlagAsInterruptedImport(path, v);
  const auto size = std::filesystem::file_size(path);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    std::string junk(size - size / 2, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  ExpectEmptyAndReimportable(path, v);
}

// A version 2 file (the wide 36-column events table) is readable read-only as it is, and a
// read-write open migrates it to version 3 with every field intact.
TEST(SqliteStoreTest, MigratesVersion2To3) {
  std::string path = testing::TempDir() + "/v2.db";
  Document d = MakeDoc(5);
  std::vector<Event> all = DocEvents(d, 6, 0);
  std::vector<Event> imported;
  for (int k = 0; k < 40; ++k) imported.push_back(MakeEvent(k, nullptr));
  imported[3].why = Provenance();  // no provenance: why was NULL in v2
  {
    auto v2 = store_internal::OpenSqlite(path, {}, 2);
    ASSERT_TRUE(v2.ok()) << v2.status().ToString();
    ASSERT_TRUE((*v2)->AddDocument(d, all).ok());
    ASSERT_EQ((*v2)->AddEvents(imported).value(), 40);
    ASSERT_TRUE((*v2)->SetEventGroups({{imported[0].id, "g1"}, {all[0].id, "g1"}}).ok());
  }
  imported[0].group = all[0].group = "g1";
  all.insert(all.end(), imported.begin(), imported.end());
  EXPECT_EQ(MetaValue(path, "schema_version"), "2");
  auto by_id = [](const std::vector<Event>& v) {
    std::map<std::string, std::string> m;
    for (const Event& e : v) m[e.id] = ToJson(e);
    return m;
  };
  {
    auto ro = Store::Open(path, {.read_only = true});
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ(by_id(Collect(**ro, {})), by_id(all));
    EXPECT_EQ(ToJson((*ro)->GetEvent(imported[5].id).value()), ToJson(imported[5]));
  }
  EXPECT_EQ(MetaValue(path, "schema_version"), "2");  // read-only did not migrate
  auto s = Store::Open(path, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(MetaValue(path, "schema_version"), std::to_string(store_internal::kSchemaVersion));
  EXPECT_EQ(by_id(Collect(**s, {})), by_id(all));
  for (const Event& e : all) {
    Event back = (*s)->GetEvent(e.id).value();
    EXPECT_EQ(back.goldstein, e.goldstein);
    if (e.location) {
      EXPECT_EQ(back.location->lat, e.location->lat);
    }
  }
  EventFilter prk = Filter([](EventFilter& f) { f.country = "PRK"; });
  EXPECT_EQ(Ids(Collect(**s, prk)), ExpectedIds(all, prk));
  EXPECT_EQ((*s)->Stats()->event_groups, 1);
  EXPECT_FALSE((*s)->AddDocument(d, {}).value());
  EXPECT_EQ((*s)->AddEvents(imported).value(), 0);
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'events_v2'", -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// The filters that have an index are answered through it (never a full scan of events).
TEST(SqliteStoreTest, FiltersUseIndexes) {
  std::string path = testing::TempDir() + "/plan.db";
  { auto s = Store::Open(path, {}); ASSERT_TRUE(s.ok()); }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::vector<EventFilter> filters = {
      Filter([](EventFilter& f) { f.country = "PRK"; }),
      Filter([](EventFilter& f) { f.dyad = std::pair<std::string, std::string>("USA", "CHN"); }),
      Filter([](EventFilter& f) { f.code = "04"; }),
      Filter([](EventFilter& f) { f.root = "04"; }),
      Filter([](EventFilter& f) { f.since = Date{2024, 1, 1}; }),
      Filter([](EventFilter& f) { f.modality = Modality::kNegated; }),
      Filter([](EventFilter& f) { f.origin = "icews"; })};
  for (const EventFilter& f : filters) {
    auto q = store_internal::BuildEventQuery(f, store_internal::Dialect::kSqlite, "seq");
    sqlite3_stmt* st;
    ASSERT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + q.sql).c_str(), -1, &st, nullptr), SQLITE_OK)
        << q.sql << ": " << sqlite3_errmsg(db);
    std::string plan;
    while (sqlite3_step(st) == SQLITE_ROW) plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 3))) + "; ";
    sqlite3_finalize(st);
    EXPECT_NE(plan.find("USING INDEX"), std::string::npos) << q.sql << " -> " << plan;
    EXPECT_EQ(plan.find("SCAN events;"), std::string::npos) << q.sql << " -> " << plan;
  }
  sqlite3_close(db);
}

// A version 3 file (full root index) is migrated to version 4 on a read-write open: no event
// changes, the root index becomes partial, and root filters give the same answers. A read-only
// open reads it without migrating.
TEST(SqliteStoreTest, MigratesVersion3To4) {
  std::string path = testing::TempDir() + "/v3.db";
  std::filesystem::remove(path);
  Document d = MakeDoc(7);
  std::vector<Event> all = DocEvents(d, 5, 0);
  std::vector<Event> imported;
  for (int k = 0; k < 1200; ++k) {
    imported.push_back(MakeEvent(k, nullptr));
    if (k % 9 == 2) imported.back().root = "17";
  }
  {
    auto v3 = store_internal::OpenSqlite(path, {}, 3);
    ASSERT_TRUE(v3.ok()) << v3.status().ToString();
    ASSERT_TRUE((*v3)->AddDocument(d, all).ok());
    ASSERT_EQ((*v3)->AddEvents(imported).value(), 1200);
    ASSERT_TRUE((*v3)->SetEventGroups({{imported[0].id, "g1"}, {all[0].id, "g1"}}).ok());
  }
  imported[0].group = all[0].group = "g1";
  all.insert(all.end(), imported.begin(), imported.end());
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // The index exactly as version 3 created it.
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX IF EXISTS events_root; CREATE INDEX events_root ON events(root)",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  auto index_sql = [db]() {
    sqlite3_stmt* st;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = 'events_root'", -1, &st, nullptr),
              SQLITE_OK);
    std::string sql = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
    sqlite3_finalize(st);
    return sql;
  };
  EXPECT_EQ(index_sql().find("WHERE"), std::string::npos);
  EXPECT_EQ(MetaValue(path, "schema_version"), "3");
  auto by_id = [](const std::vector<Event>& v) {
    std::map<std::string, std::string> m;
    for (const Event& e : v) m[e.id] = ToJson(e);
    return m;
  };
  std::vector<EventFilter> roots;
  for (const char* r : {"17", "04", "05"}) roots.push_back(Filter([r](EventFilter& f) { f.root = r; }));
  {
    auto ro = Store::Open(path, {.read_only = true});
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ(by_id(Collect(**ro, {})), by_id(all));
    for (const EventFilter& f : roots) EXPECT_EQ(Ids(Collect(**ro, f)), ExpectedIds(all, f)) << f.root;
  }
  EXPECT_EQ(MetaValue(path, "schema_version"), "3");
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(MetaValue(path, "schema_version"), std::to_string(store_internal::kSchemaVersion));
    EXPECT_EQ(by_id(Collect(**s, {})), by_id(all));
    EXPECT_EQ(Ids(Collect(**s, {})), ExpectedIds(all, {}));
    for (const EventFilter& f : roots) EXPECT_EQ(Ids(Collect(**s, f)), ExpectedIds(all, f)) << f.root;
    EXPECT_EQ((*s)->Stats()->event_groups, 1);
    EXPECT_EQ((*s)->AddEvents(imported).value(), 0);
  }
  EXPECT_NE(index_sql().find("WHERE substr(cameo, 1, length(root)) <> root"), std::string::npos) << index_sql();
  sqlite3_close(db);
}

// The detail column: exact round trip of awkward strings, and any valid JSON of that shape.
TEST(SqliteStoreTest, DetailJson) {
  Event e = MakeEvent(3, nullptr);
  e.sentence = 4;
  e.sentence_span = Span{10, 99};
  e.text = std::string("ctl \x01\x1f \"q\" \\ / \n\t\r\b\f é 한국 😀") + '\0' + "after nul";
  e.why.entries = {"a\"b", "", "c"};
  e.location = Location{"", "", -0.0, 1e-300, Span{}, ""};
  std::string json;
  store_internal::AppendEventDetail(e, &json);
  Event back;
  back.target = ActorRef{};
  ASSERT_TRUE(store_internal::ParseEventDetail(json, &back)) << json;
  EXPECT_EQ(back.text, e.text);
  EXPECT_EQ(back.sentence, 4);
  EXPECT_EQ(back.sentence_span.end, 99u);
  EXPECT_EQ(back.why.entries, e.why.entries);
  EXPECT_EQ(back.why.pattern, e.why.pattern);
  EXPECT_EQ(back.location->lon, 1e-300);
  EXPECT_EQ(back.target->text, e.target->text);
  // Escapes at every position around the writer's 16-byte blocks.
  for (size_t len = 1; len <= 40; ++len)
    for (char special : {'"', '\\', '\n', '\x01', '\x7f'}) {
      Event p;
      p.text = std::string(len, 'a') + special + std::string(40 - len, 'b');
      p.text[len / 2] = special;
      std::string j;
      store_internal::AppendEventDetail(p, &j);
      Event q;
      ASSERT_TRUE(store_internal::ParseEventDetail(j, &q)) << j;
      ASSERT_EQ(q.text, p.text) << j;
      if (special == '\n' || special == '\x01') {
        EXPECT_EQ(j.find(special), std::string::npos) << j;
      }
    }
  // Written by other tools: whitespace, \u escapes (a surrogate pair), unknown keys, nulls.
  Event o;
  o.target = ActorRef{};
  ASSERT_TRUE(store_internal::ParseEventDetail(
      R"( { "extra" : [1, {"x": null}, "s"], "text" : "caf\u00e9 \ud83d\ude00",
            "target": {"sector": "GOV", "span": [3, 5]}, "location": null,
            "why": {"note": null, "verb": [1, 2]}, "sentence": 7 } )", &o));
  EXPECT_EQ(o.text, "café 😀");
  EXPECT_EQ(o.target->sector, "GOV");
  EXPECT_EQ(o.target->span.end, 5u);
  EXPECT_FALSE(o.location);
  EXPECT_EQ(o.why.verb.begin, 1u);
  EXPECT_EQ(o.sentence, 7);
  for (const char* bad : {"", "[]", "{", R"({"text": "unterminated})", R"({"sentence": "x"})",
                          R"({"text": "a"} trailing)", R"({"location": {"lat": "north"}})"}) {
    Event b;
    EXPECT_FALSE(store_internal::ParseEventDetail(bad, &b)) << bad;
  }
}

// A damaged detail column is reported, not silently dropped.
TEST(SqliteStoreTest, DamagedDetailIsAnError) {
  std::string path = testing::TempDir() + "/damaged.db";
  Event e = MakeEvent(1, nullptr);
  {
    auto s = Store::Open(path, kRowImports);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ((*s)->AddEvents({e}).value(), 1);
  }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE event_details SET detail = '{\"text\": '", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::Open(path, kRowImports);
  ASSERT_TRUE(s.ok());
  auto g = (*s)->GetEvent(e.id);
  EXPECT_EQ(g.status().code(), Status::Code::kCorruption);
  EXPECT_NE(g.status().message().find(e.id), std::string::npos) << g.status().ToString();
  Status f = (*s)->ForEachEvent({}, [](const Event&) { return true; });
  EXPECT_EQ(f.code(), Status::Code::kCorruption);
}

TEST(SqliteStoreTest, BadOptionsAndEmptyPath) {
  EXPECT_EQ(Store::Open("", {}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Store::Open(testing::TempDir() + "/x.db", {.read_only = false, .batch_documents = 0}).status().code(),
            Status::Code::kInvalidArgument);
  StoreOptions negative;
  negative.lock_timeout_ms = -1;
  EXPECT_EQ(Store::Open(testing::TempDir() + "/x.db", negative).status().code(), Status::Code::kInvalidArgument);
}

// A store of `docs` documents (20 events each) at `path`; returns its bytes.
std::string SmallStore(const std::string& path, int docs) {
  {
    auto s = Store::Open(path, {});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    for (int i = 1; i <= docs; ++i) {
      Document d = MakeDoc(i);
      EXPECT_TRUE((*s)->AddDocument(d, DocEvents(d, 20, 0)).ok());
    }
  }
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(path + suffix);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A file with damaged pages is read as far as it is sound, but never written into: the
// read-write open runs quick_check and names the file and the problem.
TEST(SqliteStoreTest, DamagedPagesAreNotWrittenInto) {
  const std::string path = testing::TempDir() + "/zeroed.db";
  std::string bytes = SmallStore(path, 30);
  const size_t page = 16384;
  ASSERT_GT(bytes.size(), 6 * page);
  std::fill(bytes.begin() + 4 * page, bytes.begin() + 5 * page, '\0');
  WriteBytes(path, bytes);
  auto rw = Store::Open(path, {});
  ASSERT_FALSE(rw.ok());
  EXPECT_EQ(rw.status().code(), Status::Code::kCorruption) << rw.status().ToString();
  EXPECT_NE(rw.status().message().find(path + ": damaged store file, not writing into it (quick_check: "),
            std::string::npos)
      << rw.status().ToString();
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(std::string(std::istreambuf_iterator<char>(in), {}) == bytes);  // untouched
  auto ro = Store::Open(path, {.read_only = true});
  EXPECT_TRUE(ro.ok()) << ro.status().ToString();
}

// Header bytes 18-19 (file format write/read version) beyond 2: SQLite would open the file
// read-only and every write would fail as "readonly database"; the store says what is wrong.
TEST(SqliteStoreTest, UnknownFileFormatVersionInTheHeader) {
  const std::string path = testing::TempDir() + "/header18.db";
  std::string bytes = SmallStore(path, 2);
  bytes[18] = 3;
  WriteBytes(path, bytes);
  auto rw = Store::Open(path, {});
  ASSERT_FALSE(rw.ok());
  EXPECT_NE(rw.status().message().find(path + ": bytes 18-19 of the SQLite header"), std::string::npos)
      << rw.status().ToString();
  auto ro = Store::Open(path, {.read_only = true});
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_TRUE((*ro)->Stats().ok());
}

TEST(SqliteStoreTest, EmptyFileReadOnly) {
  const std::string path = testing::TempDir() + "/empty.db";
  WriteBytes(path, "");
  auto ro = Store::Open(path, {.read_only = true});
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().message(), path + ": empty file (0 bytes), not an entente store");
  EXPECT_TRUE(Store::Open(path, {}).ok());  // an empty file is an empty database: a new store
}

// Another connection holds an exclusive lock: the open waits lock_timeout_ms, then fails with
// an IOError that names the file and the lock.
TEST(SqliteStoreTest, LockHeldPastTheTimeout) {
  const std::string path = testing::TempDir() + "/locked.db";
  SmallStore(path, 1);
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('k', 'v')", nullptr, nullptr, nullptr), SQLITE_OK);
  for (bool read_only : {true, false}) {
    StoreOptions o;
    o.read_only = read_only;
    o.lock_timeout_ms = 200;
    auto s = Store::Open(path, o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kIOError);
    EXPECT_NE(s.status().message().find(path + ": "), std::string::npos) << s.status().ToString();
    EXPECT_NE(s.status().message().find("database is locked (another connection holds a lock on the file; waited 0.2 s)"),
              std::string::npos)
        << s.status().ToString();
  }
  sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  EXPECT_TRUE(Store::Open(path, {}).ok());
}

}  // namespace
}  // namespace entente
