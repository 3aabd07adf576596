// A small real store for the server tests: hand-made events between two camps over three years
// (known counts, so the tests can check what the API reports) and a few demo articles coded by
// the Pipeline in fast mode (real sentences and spans for provenance).
#ifndef ENTENTE_SERVER_SERVER_TESTING_H_
#define ENTENTE_SERVER_SERVER_TESTING_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/testutil.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "entente/store.h"

namespace entente::testing {

struct ServerFixture {
  std::string db;                         // SQLite file
  int64_t hand_events = 0;                // events added with AddEvents
  std::vector<Event> coded;               // events the Pipeline coded and the store holds
  int64_t documents = 0;
  std::string first_date, last_date;     // over all stored events with a date
  // Hand-made events per (unordered pair "A,B" with A < B, year): {cooperation, conflict}.
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> counts;
};

inline std::string PairKey(std::string a, std::string b) { return a < b ? a + "," + b : b + "," + a; }

// Two camps, {CHN, PRK, RUS} and {JPN, KOR, USA}: cooperation inside each camp, conflict across,
// over 2022-2024, with PRK-RUS cooperation growing every year (a shift to find).
inline std::vector<Event> CampEvents(ServerFixture* f) {
  const std::vector<std::string> east = {"CHN", "PRK", "RUS"}, west = {"JPN", "KOR", "USA"};
  std::vector<Event> out;
  int n = 0;
  auto add = [&](const std::string& src, const std::string& tgt, int year, int k, bool coop) {
    Event e;
    e.id = "hand-" + std::to_string(++n);
    char date[16];
    std::snprintf(date, sizeof date, "%d-%02d-%02d", year, 1 + (k * 5) % 12, 1 + (k * 7) % 28);
    e.date = e.doc_date = date;
    e.source.code = e.source.country = src;
    e.target = ActorRef{};
    e.target->code = e.target->country = tgt;
    e.cameo = coop ? (k % 2 ? "042" : "057") : (k % 2 ? "112" : "190");
    e.root = e.cameo.substr(0, 2);
    e.goldstein = coop ? (k % 2 ? 1.9 : 8.0) : (k % 2 ? -2.0 : -10.0);
    e.quad_class = coop ? (k % 2 ? 1 : 2) : (k % 2 ? 3 : 4);
    e.text = src + " and " + tgt + (coop ? " cooperated." : " clashed.");
    e.origin = "entente";
    auto& c = f->counts[{PairKey(src, tgt), std::to_string(year)}];
    (coop ? c.first : c.second) += 1;
    out.push_back(std::move(e));
  };
  for (int year = 2022; year <= 2024; ++year) {
    for (const auto* camp : {&east, &west}) {
      for (size_t i = 0; i < camp->size(); ++i) {
        for (size_t j = i + 1; j < camp->size(); ++j) {
          int k = ((*camp)[i] == "PRK" && (*camp)[j] == "RUS") ? 2 * (year - 2021) : 3;
          for (int x = 0; x < k; ++x) add((*camp)[x % 2 ? j : i], (*camp)[x % 2 ? i : j], year, x, true);
        }
      }
    }
    for (const auto& a : east)
      for (const auto& b : west)
        for (int x = 0; x < 2; ++x) add(x ? a : b, x ? b : a, year, x + year, false);
  }
  f->hand_events = static_cast<int64_t>(out.size());
  return out;
}

// Builds the fixture once per process under a temporary folder.
inline const ServerFixture& Fixture() {
  static const ServerFixture* fixture = [] {
    auto* f = new ServerFixture;
    f->db = TempDir() + "/server_test.db";
    auto store = Store::Open(f->db, StoreOptions{});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    std::vector<Event> hand = CampEvents(f);
    auto added = (*store)->AddEvents(hand);
    EXPECT_TRUE(added.ok() && *added == f->hand_events);
    PipelineOptions po;
    po.fast = true;
    auto pipeline = Pipeline::Open(po);
    EXPECT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    ReadOptions ro;
    for (const char* name : {"021_putin-kim-vladivostok-summit.txt", "006_kim-xi-dalian.txt"}) {
      ReadStats read;
      Status st = ReadDocuments({SourceDir() + "/corpus/demo/" + name}, ro, [&](Document& doc) {
        std::vector<Event> events;
        ENTENTE_RETURN_IF_ERROR((*pipeline)->Process(&doc, &events));
        auto r = (*store)->AddDocument(doc, events);
        if (!r.ok()) return r.status();
        ++f->documents;
        f->coded.insert(f->coded.end(), events.begin(), events.end());
        return Status::OK();
      }, &read);
      EXPECT_TRUE(st.ok()) << st.ToString();
      // A missing file is a diagnostic, not an error: run from the source tree (ctest does).
      EXPECT_EQ(read.documents, 1) << SourceDir() << "/corpus/demo/" << name << " was not read";
    }
    EXPECT_TRUE((*store)->Flush().ok());
    for (const auto* events : {&hand, &f->coded}) {
      for (const Event& e : *events) {
        if (e.date.empty()) continue;
        if (f->first_date.empty() || e.date < f->first_date) f->first_date = e.date;
        if (f->last_date.empty() || e.date > f->last_date) f->last_date = e.date;
      }
    }
    return f;
  }();
  return *fixture;
}

}  // namespace entente::testing

#endif  // ENTENTE_SERVER_SERVER_TESTING_H_
