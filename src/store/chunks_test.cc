// Chunked events (schema v6): the chunk format on its own, and stores whose imports are chunked
// compared query by query, event by event, with stores that hold the same events as rows
// (synthetic events everywhere; the real GDELT samples when ../shared/data is present).
#include "store/chunks.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "base/testutil.h"
#include "entente/interop.h"
#include "entente/store.h"
#include "store/store_internal.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using store_internal::ChunkBuilder;
using store_internal::ChunkReader;
using store_internal::ChunkSummary;
using store_internal::EventMatcher;

const StoreOptions kRows{.chunked_imports = false};
const StoreOptions kChunks{};

// Events that use every field and the corners of the encoding: ids without digits, with
// leading zeros, with more digits than a tail holds; empty and non-ISO dates; absent and
// present targets and locations; actor text unlike the name; provenance; preset groups.
std::vector<Event> OddEvents(int n, uint64_t seed, int first) {
  static const char* kCountries[] = {"USA", "CHN", "RUS", "GEO", "", "UKR"};
  static const char* kCodes[] = {"010", "036", "040", "042", "0431", "057", "112", "190", "20", "1"};
  std::mt19937_64 rng(seed);
  std::vector<Event> v;
  for (int i = 0; i < n; ++i) {
    const int k = first + i;
    Event e;
    switch (k % 7) {
      case 0: e.id = "gdelt:" + std::to_string(100000 + k * 7); break;
      case 1: e.id = "icews:" + std::to_string(k); break;
      case 2: e.id = "gdelt:000" + std::to_string(k); break;                       // leading zeros
      case 3: e.id = "x" + std::to_string(k) + "12345678901234567890123"; break;   // long tail
      case 4: e.id = "hash-" + std::to_string(k) + "-z"; break;                   // no tail
      case 5: e.id = std::to_string(k); break;                                    // digits only
      default: e.id = "gdelt:" + std::to_string(k) + "\xc3\xa9"; break;
    }
    e.origin = k % 3 == 0 ? "icews" : k % 11 == 0 ? "entente" : "gdelt";
    if (rng() % 17 == 0) e.date = "";
    else if (rng() % 29 == 0) e.date = "2020-1-5";
    else e.date = Date{2019, 1, 1}.AddDays(static_cast<int64_t>(rng() % 900)).ToString();
    e.doc_date = rng() % 5 == 0 ? "2018-03-04" : e.date;
    e.date_precision = static_cast<DatePrecision>(rng() % 3);
    const char* s = kCountries[rng() % 6];
    e.source = ActorRef{std::string(s) + (rng() % 2 ? "GOV" : ""), s, rng() % 2 ? "GOV" : "",
                        rng() % 4 == 0 ? "Kim Jong Un" : "", "", {}};
    e.source.text = rng() % 3 == 0 ? "the leader" : e.source.name;
    if (rng() % 4 != 0) {
      const char* t = kCountries[rng() % 6];
      e.target = ActorRef{t, t, "", rng() % 3 == 0 ? "Tbilisi" : "", "", {}};
      e.target->text = rng() % 2 ? "officials" : e.target->name;
      if (k % 5 == 0) e.target->span = Span{20, 29};
    }
    e.cameo = kCodes[rng() % 10];
    e.root = rng() % 13 == 0 ? "19" : e.cameo.substr(0, 2);
    e.plover = rng() % 2 ? "CONSULT" : "";
    e.goldstein = static_cast<double>(rng() % 200) / 10.0 - 10.0 + 1e-9 * static_cast<double>(k);
    e.quad_class = static_cast<int>(rng() % 5) - 1;
    e.modality = static_cast<Modality>(rng() % 4);
    if (rng() % 3 == 0) {
      e.location = Location{"Gori", "GEO", 41.98 + k * 1e-7, 44.11, Span{}, ""};
      // The kind is optional in the format (flag 64): some with, some without.
      const int kind = static_cast<int>(rng() % 3);
      e.location->kind = kind == 0 ? "" : kind == 1 ? "city" : "country";
    }
    e.why.pattern = rng() % 2 ? "gdelt 1.0 row" : "data/coder/verbs.txt:" + std::to_string(k % 50);
    e.why.note = "gdelt IsRootEvent=1 AvgTone=" + std::to_string(k % 97) + " tab\there \"q\" \\";
    e.doc_id = rng() % 2 ? "https://example.org/" + std::to_string(k) : "";
    e.text = k % 9 == 0 ? "imported \"quoted\"\ttab\nnewline \\ é 한국" : "";
    if (k % 10 == 0) e.group = "g" + std::to_string(k % 30);
    if (k % 6 == 0) {  // provenance a coded event would have
      e.doc_hash = "";
      e.sentence = k % 4;
      e.sentence_span = Span{5, 50};
      e.source.span = Span{0, 10};
      if (e.location) e.location->span = Span{3, 9};
      e.why.verb = Span{11, 14};
      e.why.entries = {"person KIM_JONG_UN", "country PRK"};
      e.why.modality_cue = "plans to";
      e.why.date_cue = "on Monday";
      e.why.speaker = "Lavrov";
    }
    v.push_back(std::move(e));
  }
  return v;
}

// Every field of two events equal (ToJson shows them when not: it writes every field).
bool SameEvent(const Event& a, const Event& b) {
  auto same_actor = [](const ActorRef& x, const ActorRef& y) {
    return x.code == y.code && x.country == y.country && x.sector == y.sector && x.name == y.name &&
           x.text == y.text && x.span.begin == y.span.begin && x.span.end == y.span.end;
  };
  auto same_span = [](const Span& x, const Span& y) { return x.begin == y.begin && x.end == y.end; };
  if (a.target.has_value() != b.target.has_value() || a.location.has_value() != b.location.has_value())
    return false;
  if (a.target && !same_actor(*a.target, *b.target)) return false;
  if (a.location && !(a.location->name == b.location->name && a.location->country == b.location->country &&
                      a.location->lat == b.location->lat && a.location->lon == b.location->lon &&
                      same_span(a.location->span, b.location->span) && a.location->kind == b.location->kind))
    return false;
  const Provenance &w = a.why, &v = b.why;
  return a.id == b.id && a.doc_id == b.doc_id && a.doc_hash == b.doc_hash && a.sentence == b.sentence &&
         same_span(a.sentence_span, b.sentence_span) && a.doc_date == b.doc_date && a.date == b.date &&
         a.date_precision == b.date_precision && same_actor(a.source, b.source) && a.cameo == b.cameo &&
         a.root == b.root && a.plover == b.plover && a.goldstein == b.goldstein && a.quad_class == b.quad_class &&
         a.modality == b.modality && a.text == b.text && same_span(w.verb, v.verb) && w.pattern == v.pattern &&
         w.entries == v.entries && w.modality_cue == v.modality_cue && w.date_cue == v.date_cue &&
         w.speaker == v.speaker && w.note == v.note && a.origin == b.origin && a.group == b.group;
}

std::vector<Event> Dump(Store& s, const EventFilter& f) {
  std::vector<Event> out;
  Status st = s.ForEachEvent(f, [&](const Event& e) {
    out.push_back(e);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

template <class F>
EventFilter Filter(F set) {
  EventFilter f;
  set(f);
  return f;
}

std::vector<EventFilter> Filters(const std::vector<std::string>& countries, const std::vector<std::string>& codes) {
  std::vector<EventFilter> v;
  v.push_back({});
  for (int limit : {0, 1, 7, 100, 5000}) v.push_back(Filter([&](EventFilter& f) { f.limit = limit; }));
  for (const char* a : {"gov", "KIM", "tbil", "x", "GEOGOV"}) v.push_back(Filter([&](EventFilter& f) { f.actor = a; }));
  for (const auto& c : countries) {
    v.push_back(Filter([&](EventFilter& f) { f.country = c; }));
    for (const auto& d : countries) v.push_back(Filter([&](EventFilter& f) { f.dyad = std::pair{c, d}; }));
  }
  v.push_back(Filter([&](EventFilter& f) { f.dyad = std::pair{std::string(), std::string("USA")}; }));
  for (const auto& c : codes) {
    v.push_back(Filter([&](EventFilter& f) { f.code = c; }));
    if (c.size() <= 2) v.push_back(Filter([&](EventFilter& f) { f.root = c; }));
  }
  v.push_back(Filter([](EventFilter& f) { f.code = "\xff"; }));
  v.push_back(Filter([](EventFilter& f) { f.root = "19"; }));
  v.push_back(Filter([](EventFilter& f) { f.since = Date{2019, 6, 1}; }));
  v.push_back(Filter([](EventFilter& f) { f.until = Date{2011, 9, 1}; }));
  v.push_back(Filter([](EventFilter& f) {
    f.since = Date{2012, 1, 1};
    f.until = Date{2012, 1, 31};
  }));
  v.push_back(Filter([](EventFilter& f) {
    f.since = Date{2020, 1, 1};
    f.until = Date{2020, 3, 1};
    f.limit = 3;
  }));
  for (int m = 0; m < 4; ++m) v.push_back(Filter([&](EventFilter& f) { f.modality = static_cast<Modality>(m); }));
  for (const char* o : {"gdelt", "icews", "entente", "none"}) v.push_back(Filter([&](EventFilter& f) { f.origin = o; }));
  v.push_back(Filter([](EventFilter& f) {
    f.origin = "gdelt";
    f.country = "GEO";
    f.root = "04";
    f.modality = Modality::kActual;
    f.limit = 50;
  }));
  return v;
}

// Compares every query of `rows` and `chunks`, event by event.
void ExpectSameAnswers(Store& rows, Store& chunks, const std::vector<EventFilter>& filters,
                       const std::vector<std::string>& ids) {
  for (size_t i = 0; i < filters.size(); ++i) {
    auto a = Dump(rows, filters[i]), b = Dump(chunks, filters[i]);
    ASSERT_EQ(a.size(), b.size()) << "filter " << i;
    for (size_t k = 0; k < a.size(); ++k)
      ASSERT_TRUE(SameEvent(a[k], b[k])) << "filter " << i << ", event " << k << "\n" << ToJson(a[k]) << "\n"
                                         << ToJson(b[k]);
  }
  for (const auto& id : ids) {
    auto a = rows.GetEvent(id), b = chunks.GetEvent(id);
    ASSERT_EQ(a.ok(), b.ok()) << id;
    if (a.ok()) ASSERT_TRUE(SameEvent(*a, *b)) << ToJson(*a) << "\n" << ToJson(*b);
    else EXPECT_EQ(b.status().code(), Status::Code::kNotFound) << id;
  }
  auto sa = rows.Stats(), sb = chunks.Stats();
  ASSERT_TRUE(sa.ok() && sb.ok());
  EXPECT_EQ(sa->documents, sb->documents);
  EXPECT_EQ(sa->sentences, sb->sentences);
  EXPECT_EQ(sa->events, sb->events);
  EXPECT_EQ(sa->event_groups, sb->event_groups);
  EXPECT_EQ(sa->first_date, sb->first_date);
  EXPECT_EQ(sa->last_date, sb->last_date);
  EXPECT_EQ(sa->by_origin, sb->by_origin);
  EXPECT_EQ(sa->by_root, sb->by_root);
  EXPECT_EQ(sa->by_modality, sb->by_modality);
  EXPECT_EQ(sa->top_actors, sb->top_actors);
}

int64_t CountChunks(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM event_chunks", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return n;
}

Document MakeDoc(int i) {
  Document d;
  d.id = "doc" + std::to_string(i);
  d.title = "Title " + std::to_string(i);
  d.text = "Kim met Putin in Moscow on Monday number " + std::to_string(i) + ". Talks resumed.";
  Sentence s;
  s.span = Span{0, static_cast<uint32_t>(d.text.find('.') + 1)};
  d.sentences.push_back(s);
  d.hash = ContentHash(d.title, d.text);
  d.date = Date{2019, 5, 1 + i % 28};
  return d;
}

std::vector<Event> DocEvents(const Document& d, int n, uint64_t seed) {
  std::vector<Event> v = OddEvents(n, seed, 50000);
  for (size_t i = 0; i < v.size(); ++i) {
    v[i].id = d.hash.substr(0, 12) + "-" + std::to_string(i);
    v[i].doc_hash = d.hash;
    v[i].origin = "entente";
  }
  return v;
}

// ---- the format alone ----------------------------------------------------------------------

// One chunk of `v`, as ChunkBuilder seals it.
struct Sealed {
  std::string blob;
  ChunkSummary summary;
  std::vector<uint32_t> order;  // order[k]: the position in v of the chunk's k-th event
};
Sealed Seal(const std::vector<Event>& v) {
  ChunkBuilder b;
  for (const Event& e : v) b.Add(e);
  Sealed out;
  b.Seal(&out.blob, &out.summary, &out.order);
  EXPECT_EQ(b.size(), 0u);  // Seal empties the builder
  return out;
}

TEST(ChunkFormat, RoundTripsEveryFieldInDateIdOrder) {
  std::vector<Event> v = OddEvents(3000, 1, 0);
  const Sealed sealed = Seal(v);
  const std::string& blob = sealed.blob;
  const ChunkSummary& cs = sealed.summary;
  const std::vector<uint32_t>& order = sealed.order;
  ASSERT_EQ(order.size(), v.size());
  ChunkReader r;
  std::string error;
  ASSERT_TRUE(r.Open(blob, &error)) << error;
  ASSERT_EQ(r.size(), v.size());
  Event e;
  std::vector<std::string> ids;
  ASSERT_TRUE(ChunkReader::Ids(blob, &ids, &error)) << error;
  for (size_t k = 0; k < v.size(); ++k) {
    ASSERT_TRUE(r.Next(&e)) << r.error();
    const Event& want = v[order[k]];
    ASSERT_TRUE(SameEvent(e, want)) << k << "\n" << ToJson(e) << "\n" << ToJson(want);
    if (k < 50) {
      ASSERT_EQ(ToJson(e), ToJson(want));  // and the same JSON, for a few
    }
    EXPECT_EQ(ids[k], want.id);
    if (k > 0) {
      const Event& prev = v[order[k - 1]];
      EXPECT_TRUE(store_internal::EventKeyLess(prev.date, prev.id, want.date, want.id)) << k;
    }
  }
  EXPECT_FALSE(r.Next(&e));
  EXPECT_TRUE(r.error().empty());
  // The summary holds exactly the values of the chunk.
  std::set<std::string> origins, countries;
  std::string min_date = "9", max_date;
  for (const Event& x : v) {
    origins.insert(x.origin);
    countries.insert(x.source.country);
    if (x.target) countries.insert(x.target->country);
    if (!x.date.empty()) {
      min_date = std::min(min_date, x.date);
      max_date = std::max(max_date, x.date);
    }
  }
  EXPECT_EQ(std::set<std::string>(cs.origins.begin(), cs.origins.end()), origins);
  EXPECT_EQ(std::set<std::string>(cs.countries.begin(), cs.countries.end()), countries);
  EXPECT_EQ(cs.min_date, min_date);
  EXPECT_EQ(cs.max_date, max_date);
  ChunkSummary back;
  ASSERT_TRUE(store_internal::DecodeSummarySets(store_internal::EncodeSummarySets(cs), &back));
  EXPECT_EQ(back.countries, cs.countries);
  EXPECT_EQ(back.modalities, cs.modalities);
}

// Notes are split into a dictionary skeleton and raw values, with a fast path for a note shaped
// like the previous one; every shape, in an order that makes the fast path hit and miss, comes
// back byte for byte.
TEST(ChunkFormat, NotesOfEveryShapeRoundTrip) {
  const std::vector<std::string> notes = {
      "gdelt IsRootEvent=1 NumMentions=4 AvgTone=-2.5",
      "gdelt IsRootEvent=0 NumMentions=10 AvgTone=3",      // same skeleton
      "gdelt IsRootEvent= NumMentions= AvgTone=",          // empty values
      "gdelt IsRootEvent=1 NumMentions=4 AvgTone=-2.5 x",  // trailing token without '='
      "gdelt IsRootEvent=1 NumMentions=4 AvgTone=-2.5",    // back, after the longer one
      "gdelt IsRootEvent=1 NumMentions=4",                 // a prefix of the skeleton
      "gdelt IsRootEvent=a=b NumMentions=c==d",            // '=' inside values
      "gdelt IsRootEvent=a=b NumMentions=c==d",
      "gdelt IsRootEvent=1  NumMentions=2",                // two spaces
      "gdelt IsRootEvent=1 NumMentions=2 ",                // trailing space
      "gdelt IsRootEvent=1 NumMentions=2 ",
      "",
      "",
      "no values at all",
      "no values at all",
      "no values at all!",
      "=",
      "==",
      "k=v",
      "k=v w",
      "k=vw",
      "gdelt IsRootEvent=1 NumMentionsX=2",
      "gdelt IsRootEvent=1 NumMentions=2",
  };
  std::vector<Event> v;
  for (size_t i = 0; i < notes.size(); ++i) {
    Event e;
    e.id = "gdelt:" + std::to_string(1000 + i);
    e.date = "2020-01-01";
    e.doc_date = e.date;
    e.origin = "gdelt";
    e.cameo = "042";
    e.root = "04";
    e.why.note = notes[i];
    v.push_back(std::move(e));
  }
  const Sealed sealed = Seal(v);
  ChunkReader r;
  std::string error;
  ASSERT_TRUE(r.Open(sealed.blob, &error)) << error;
  Event e;
  for (size_t k = 0; k < v.size(); ++k) {
    ASSERT_TRUE(r.Next(&e)) << r.error();
    EXPECT_EQ(e.why.note, v[sealed.order[k]].why.note) << k;
  }
}

TEST(ChunkFormat, DamagedBlobsAreErrorsNotCrashes) {
  const std::string blob = Seal(OddEvents(200, 2, 0)).blob;
  std::mt19937 rng(3);
  int failures = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string bad = blob;
    if (trial % 3 == 0) bad.resize(rng() % bad.size());
    else
      for (int i = 0; i < 4; ++i) bad[rng() % bad.size()] = static_cast<char>(rng());
    ChunkReader r;
    std::string error;
    if (!r.Open(bad, &error)) {
      EXPECT_FALSE(error.empty());
      ++failures;
      continue;
    }
    Event e;
    size_t n = 0;
    while (r.Next(&e)) ++n;
    EXPECT_LE(n, r.size());
    if (!r.error().empty()) ++failures;
    std::vector<std::string> ids;
    ChunkReader::Ids(bad, &ids, &error);
  }
  EXPECT_GT(failures, 100);  // truncations are always caught
}

TEST(ChunkFormat, MatcherFollowsTheSqlFilters) {
  Event e;
  e.id = "gdelt:1";
  e.date = "2020-02-03";
  e.source = ActorRef{"GEOGOV", "GEO", "GOV", "Mikheil", "", {}};
  e.cameo = "0431";
  e.root = "04";
  e.origin = "gdelt";
  auto match = [&](const EventFilter& f) { return EventMatcher(f).Matches(e); };
  EXPECT_TRUE(match(Filter([](EventFilter& f) { f.actor = "mIKH"; })));
  EXPECT_FALSE(match(Filter([](EventFilter& f) { f.actor = "x"; })));
  EXPECT_TRUE(match(Filter([](EventFilter& f) { f.code = "043"; })));
  EXPECT_FALSE(match(Filter([](EventFilter& f) { f.code = "0432"; })));
  EXPECT_FALSE(match(Filter([](EventFilter& f) { f.dyad = std::pair{std::string("GEO"), std::string()}; })));
  EXPECT_TRUE(match(Filter([](EventFilter& f) { f.until = Date{2020, 2, 3}; })));
  EXPECT_FALSE(match(Filter([](EventFilter& f) { f.since = Date{2020, 2, 4}; })));
  e.date.clear();
  EXPECT_FALSE(match(Filter([](EventFilter& f) { f.until = Date{2030, 1, 1}; })));
}

// ---- stores: chunks against rows ---------------------------------------------------------------

TEST(ChunkedStore, AnswersEveryQueryLikeRows) {
  const std::string dir = testing::TempDir();
  const std::string rows_path = dir + "/rows.db", chunks_path = dir + "/chunks.db";
  std::vector<std::string> ids;
  std::vector<Event> big = OddEvents(9000, 7, 0), small = OddEvents(12, 8, 20000),
                     again = OddEvents(3000, 9, 7500);  // ids 7500..8999 repeat `big`
  for (auto path_opts : {std::pair{&rows_path, &kRows}, std::pair{&chunks_path, &kChunks}}) {
    auto s = Store::Open(*path_opts.first, *path_opts.second);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    Document d = MakeDoc(1);
    ASSERT_TRUE((*s)->AddDocument(d, DocEvents(d, 40, 5)).value());
    EXPECT_EQ((*s)->AddEvents(big).value(), 9000);
    EXPECT_EQ((*s)->AddEvents(small).value(), 12);
    // Half repeats (of stored events and of events still in the open chunk), half new.
    EXPECT_EQ((*s)->AddEvents(again).value(), 1500);
    Document d2 = MakeDoc(2);
    ASSERT_TRUE((*s)->AddDocument(d2, DocEvents(d2, 30, 6)).value());
    ASSERT_TRUE((*s)->Flush().ok());
  }
  EXPECT_EQ(CountChunks(rows_path), 0);
  EXPECT_GE(CountChunks(chunks_path), 3);
  for (size_t i = 0; i < big.size(); i += 5) ids.push_back(big[i].id);
  for (const auto& e : small) ids.push_back(e.id);
  ids.push_back("gdelt:nope");
  ids.push_back("gdelt:100000");
  auto rows = Store::Open(rows_path, kRows), chunks = Store::Open(chunks_path, kChunks);
  ASSERT_TRUE(rows.ok() && chunks.ok());
  std::vector<EventFilter> filters =
      Filters({"USA", "GEO", "RUS", ""}, {"0", "04", "043", "0431", "1", "19", "20", "2"});
  {
    SCOPED_TRACE("as written");
    ExpectSameAnswers(**rows, **chunks, filters, ids);
  }
  // Groups: rows update in place, chunked events through chunk_groups; "" clears a group.
  std::vector<std::pair<std::string, std::string>> groups;
  for (size_t i = 0; i < big.size(); i += 3) groups.emplace_back(big[i].id, i % 2 ? "grp" + std::to_string(i % 40) : "");
  groups.emplace_back("unknown-id", "g1");
  ASSERT_TRUE((*rows)->SetEventGroups(groups).ok());
  ASSERT_TRUE((*chunks)->SetEventGroups(groups).ok());
  {
    SCOPED_TRACE("after SetEventGroups");
    ExpectSameAnswers(**rows, **chunks, filters, ids);
  }
  // Re-adding everything adds nothing, in a new session too.
  EXPECT_EQ((*chunks)->AddEvents(big).value(), 0);
  chunks->reset();
  auto again_chunks = Store::Open(chunks_path, kChunks);
  ASSERT_TRUE(again_chunks.ok());
  EXPECT_EQ((*again_chunks)->AddEvents(big).value(), 0);
  EXPECT_EQ((*again_chunks)->AddEvents(small).value(), 0);
  // A row may not repeat a chunked id: a document event with an imported id is skipped.
  Document d3 = MakeDoc(3);
  std::vector<Event> clash = DocEvents(d3, 2, 4);
  clash[0].id = big[5].id;
  ASSERT_TRUE((*again_chunks)->AddDocument(d3, clash).value());
  ASSERT_TRUE((*rows)->AddDocument(d3, clash).value());
  ASSERT_TRUE((*again_chunks)->Flush().ok());
  ASSERT_TRUE((*rows)->Flush().ok());
  again_chunks->reset();
  rows->reset();
  // Read-only opens answer the same.
  auto ro_rows = Store::Open(rows_path, {.read_only = true});
  auto ro_chunks = Store::Open(chunks_path, {.read_only = true});
  ASSERT_TRUE(ro_rows.ok() && ro_chunks.ok());
  SCOPED_TRACE("read-only, after re-imports");
  ExpectSameAnswers(**ro_rows, **ro_chunks, filters, ids);
}

// A crash (SIGKILL) during a chunked import loses at most the open batch: what was committed
// reads back whole, the file is sound, and importing again completes the set.
TEST(ChunkedStore, CrashLosesOnlyTheOpenBatch) {
  const std::string path = testing::TempDir() + "/crash.db";
  std::vector<Event> v = OddEvents(100000, 11, 0);
  {
    auto s = Store::Open(path, kChunks);
    ASSERT_TRUE(s.ok());
    Document d = MakeDoc(9);
    ASSERT_TRUE((*s)->AddDocument(d, DocEvents(d, 3, 1)).value());
  }
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = Store::Open(path, kChunks);
    // 16 chunks (65,536 events) commit; the rest stays in the open batch.
    if (!s.ok() || !(*s)->AddEvents(v).ok()) _exit(2);
    kill(getpid(), SIGKILL);
    _exit(3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  {
    auto s = Store::Open(path, {.read_only = true});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto st = (*s)->Stats();
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    EXPECT_EQ(st->events, 3 + 65536);
    EXPECT_EQ(st->documents, 1);
  }
  auto s = Store::Open(path, kChunks);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->AddEvents(v).value(), 100000 - 65536);
  ASSERT_TRUE((*s)->Flush().ok());
  std::map<std::string, std::string> want, got;
  for (const Event& e : v) want[e.id] = ToJson(e);
  ASSERT_TRUE((*s)->ForEachEvent(Filter([](EventFilter& f) { f.origin = "icews"; }), [&](const Event& e) {
    got[e.id] = ToJson(e);
    return true;
  }).ok());
  std::map<std::string, std::string> want_icews;
  for (const auto& [id, j] : want)
    if (j.find("\"origin\":\"icews\"") != std::string::npos) want_icews[id] = j;
  EXPECT_EQ(got, want_icews);
}

// Version 5 stores open and migrate: their rows stay rows, new imports go to chunks, and the
// answers are those of a store that holds everything as rows.
TEST(ChunkedStore, MigratesVersion5To6) {
  const std::string dir = testing::TempDir();
  const std::string v5 = dir + "/v5.db", rows_path = dir + "/v5rows.db";
  std::vector<Event> old_events = OddEvents(2500, 21, 0), new_events = OddEvents(5000, 22, 1000);
  {
    auto s = store_internal::OpenSqlite(v5, kRows, 5);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->AddEvents(old_events).value(), 2500);
  }
  {
    auto ro = Store::Open(v5, {.read_only = true});
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->Stats()->events, 2500);
  }
  auto s = Store::Open(v5, kChunks), r = Store::Open(rows_path, kRows);
  ASSERT_TRUE(s.ok() && r.ok());
  EXPECT_EQ((*r)->AddEvents(old_events).value(), 2500);
  // new_events repeats old_events 1000..2499.
  EXPECT_EQ((*s)->AddEvents(new_events).value(), 3500);
  EXPECT_EQ((*r)->AddEvents(new_events).value(), 3500);
  ASSERT_TRUE((*s)->Flush().ok() && (*r)->Flush().ok());
  EXPECT_GE(CountChunks(v5), 1);
  std::vector<std::string> ids;
  for (const auto& e : new_events) ids.push_back(e.id);
  ExpectSameAnswers(**r, **s, Filters({"GEO", "USA"}, {"04", "19"}), ids);
}

// The real GDELT samples (1.0 and 2.0 layouts, ~130,000 rows), imported into a row store and a
// chunked store: every query gives the same events, field by field.
TEST(ChunkedStore, RealGdeltSamplesAnswerLikeRows) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::vector<std::string> files = {
      shared + "/gdelt1-georgia-2011-2013/gdelt1_georgia_201106-201305.normalized.tsv.gz",
      shared + "/gdelt2-export-samples/gdelt1_dailyupdate_20160728_sample.tsv",
      shared + "/gdelt2-export-samples/gdelt2_subset_20201113.csv",
      shared + "/gdelt2-export-samples/20191024143000.export.CSV"};
  const std::string dir = testing::TempDir();
  const std::string rows_path = dir + "/g_rows.db", chunks_path = dir + "/g_chunks.db";
  ImportOptions io;
  io.root = testing::SourceDir();
  std::vector<std::string> ids;
  int64_t imported[2] = {0, 0};
  int which = 0;
  for (auto path_opts : {std::pair{&rows_path, &kRows}, std::pair{&chunks_path, &kChunks}}) {
    auto s = Store::Open(*path_opts.first, *path_opts.second);
    ASSERT_TRUE(s.ok());
    ImportStats stats;
    Status st = ImportEvents(EventSource::kGdelt, files, io, [&](std::vector<Event>& b) -> Status {
      if (which == 0)
        for (size_t i = 0; i < b.size(); i += 97) ids.push_back(b[i].id);
      auto n = (*s)->AddEvents(b);
      if (!n.ok()) return n.status();
      imported[which] += *n;
      return Status::OK();
    }, &stats);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_TRUE((*s)->Flush().ok());
    ++which;
  }
  EXPECT_GT(imported[0], 100000);
  EXPECT_EQ(imported[0], imported[1]);
  ids.push_back("gdelt:0");
  auto rows = Store::Open(rows_path, {.read_only = true}), chunks = Store::Open(chunks_path, {.read_only = true});
  ASSERT_TRUE(rows.ok() && chunks.ok());
  std::vector<EventFilter> filters = Filters({"GEO", "RUS", "USA"}, {"0", "04", "042", "19"});
  filters.push_back(Filter([](EventFilter& f) { f.actor = "tbilisi"; }));
  ExpectSameAnswers(**rows, **chunks, filters, ids);
}

}  // namespace
}  // namespace entente
