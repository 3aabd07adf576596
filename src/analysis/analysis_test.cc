// Dyads, alignment, S-score, bootstrap, blocs, shifts, forecasts, briefing and bad input.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "analysis/internal.h"
#include "analysis/test_events.h"
#include "base/testutil.h"
#include "entente/analysis.h"

namespace entente {
namespace {

using testing::MakeEvent;

const PairAlignment* FindPair(const WindowAlignment& w, const std::string& x, const std::string& y) {
  for (const PairAlignment& p : w.pairs) {
    if ((w.states[p.a] == x && w.states[p.b] == y) || (w.states[p.a] == y && w.states[p.b] == x)) return &p;
  }
  return nullptr;
}

AnalysisOptions Yearly() {
  AnalysisOptions o;
  o.window = WindowUnit::kYear;
  return o;
}

AlignmentOptions NoBootstrap() {
  AlignmentOptions a;
  a.bootstrap = 0;
  return a;
}

TEST(WindowTest, LabelsAndStarts) {
  int64_t d = Date{2024, 6, 19}.Days();
  EXPECT_EQ(WindowLabel(WindowOf(d, WindowUnit::kQuarter), WindowUnit::kQuarter), "2024Q2");
  EXPECT_EQ(WindowLabel(WindowOf(d, WindowUnit::kMonth), WindowUnit::kMonth), "2024-06");
  EXPECT_EQ(WindowLabel(WindowOf(d, WindowUnit::kYear), WindowUnit::kYear), "2024");
  EXPECT_EQ(WindowLabel(WindowOf(d, WindowUnit::kWeek), WindowUnit::kWeek), "2024-W25");
  EXPECT_EQ(WindowLabel(WindowOf(d, WindowUnit::kDay), WindowUnit::kDay), "2024-06-19");
  EXPECT_EQ(Date::FromDays(WindowStartDay(WindowOf(d, WindowUnit::kWeek), WindowUnit::kWeek)).ToString(),
            "2024-06-17");
  EXPECT_EQ(Date::FromDays(WindowStartDay(WindowOf(d, WindowUnit::kQuarter), WindowUnit::kQuarter)).ToString(),
            "2024-04-01");
  EXPECT_FALSE(ParseWindowUnit("fortnight"));
}

TEST(DyadTest, CountsByQuadAndModalityKeptApart) {
  std::vector<Event> ev = {
      MakeEvent("e1", "2024-03-01", "CHN", "RUS", "042", 1.9, 1, "visit one"),
      MakeEvent("e2", "2024-05-01", "CHN", "RUS", "061", 6.4, 2, "trade deal"),
      MakeEvent("e3", "2024-07-01", "CHN", "RUS", "112", -2, 3, "accused"),
      MakeEvent("e4", "2024-08-01", "CHN", "RUS", "042", 1.9, 1, "will visit", Modality::kPlanned),
      MakeEvent("e5", "2024-09-01", "CHN", "RUS", "057", 8, 2, "did not sign", Modality::kNegated),
      MakeEvent("e6", "2024-09-01", "RUS", "CHN", "190", -10, 4, "fought"),
      MakeEvent("e7", "2024-09-01", "CHN", "CHN", "042", 1.9, 1, "domestic"),
  };
  EventTable t = TableFromEvents(ev);
  EXPECT_EQ(t.skipped().domestic, 1);
  auto rows = ComputeDyads(t, Yearly());
  ASSERT_EQ(rows.size(), 2u);
  const DyadRow& r = rows[0];
  EXPECT_EQ(r.source, "CHN");
  EXPECT_EQ(r.target, "RUS");
  EXPECT_EQ(r.label, "2024");
  EXPECT_EQ(r.quad[0], 1);
  EXPECT_EQ(r.quad[1], 1);
  EXPECT_EQ(r.quad[2], 1);
  EXPECT_EQ(r.quad[3], 0);
  EXPECT_NEAR(r.goldstein_sum, 1.9 + 6.4 - 2, 1e-5);
  EXPECT_NEAR(r.goldstein_mean, (1.9 + 6.4 - 2) / 3, 1e-5);
  EXPECT_EQ(r.by_modality[0], 3);
  EXPECT_EQ(r.by_modality[1], 1);
  EXPECT_EQ(r.by_modality[3], 1);
  EXPECT_EQ(r.top_events.front(), "e2");
  EXPECT_EQ(rows[1].quad[3], 1);
  // The planned view counts only the planned visit.
  AnalysisOptions planned = Yearly();
  planned.modality = Modality::kPlanned;
  auto prow = ComputeDyads(t, planned);
  EXPECT_EQ(prow[0].quad[0], 1);
  EXPECT_EQ(prow[0].quad[1], 0);
}

TEST(DyadTest, EventsVersusMentions) {
  std::vector<Event> ev = {
      MakeEvent("a", "2024-06-19", "RUS", "PRK", "042", 1.9, 1, "Putin visits Pyongyang"),
      MakeEvent("b", "2024-06-20", "RUS", "PRK", "042", 1.9, 1, "Putin in Pyongyang"),
  };
  EventTable t = TableFromEvents(ev);
  EXPECT_EQ(ComputeDyads(t, Yearly())[0].quad[0], 1);
  AnalysisOptions m = Yearly();
  m.count_mentions = true;
  EXPECT_EQ(ComputeDyads(t, m)[0].quad[0], 2);
}

TEST(SScoreTest, Properties) {
  std::vector<double> x = {0.5, -0.2, 1.0, 0.0}, y = {-0.5, 0.2, -1.0, 0.0};
  EXPECT_DOUBLE_EQ(SScore(x, x), 1.0);
  EXPECT_DOUBLE_EQ(SScore(x, y), SScore(y, x));
  EXPECT_DOUBLE_EQ(SScore({1, 1}, {-1, -1}), -1.0);
  EXPECT_DOUBLE_EQ(SScore({}, {}), 0.0);
  EXPECT_NEAR(SScore({1, 0}, {0, 0}), 0.5, 1e-12);  // d = 1, dmax = 4
  double s = SScore(x, y);
  EXPECT_GE(s, -1.0);
  EXPECT_LE(s, 1.0);
}

TEST(AlignmentTest, HandComputedComponents) {
  std::vector<Event> ev = {
      MakeEvent("ab", "2020-01-10", "AAA", "BBB", "061", 5, 2, "x1"),
      MakeEvent("ac", "2020-02-10", "AAA", "CCC", "061", 5, 2, "x2"),
      MakeEvent("bc", "2020-03-10", "BBB", "CCC", "061", 5, 2, "x3"),
  };
  EventTable t = TableFromEvents(ev);
  auto w = ComputeAlignment(t, Yearly(), NoBootstrap());
  ASSERT_EQ(w.size(), 1u);
  const PairAlignment* ab = FindPair(w[0], "AAA", "BBB");
  ASSERT_NE(ab, nullptr);
  EXPECT_NEAR(ab->affinity, 5.0 / (5 + 5), 1e-9);
  // Portfolios over (AAA, BBB, CCC): AAA (1, 0.5, 0.5), BBB (0.5, 1, 0.5). The entries of AAA
  // and BBB (|1 - 0.5| each) weigh 5, CCC's (0) weighs 1: S = 1 - 5 / 11.
  EXPECT_EQ(ab->third_states, 1);
  EXPECT_NEAR(ab->similarity, 6.0 / 11, 1e-9);
  EXPECT_NEAR(ab->copart, 0, 1e-12);
  EXPECT_NEAR(ab->score, ab->similarity, 1e-6);  // default weights: the score is S
  EXPECT_NEAR(ab->tie, 0.5 * 0.5 / 0.7, 1e-9);  // (0.5 A + 0.2 P) / 0.7 with P = 0
}

// Two states that never meet are similar when they treat third states alike, dissimilar when
// they treat them oppositely.
TEST(AlignmentTest, SimilarityComesFromRelationsToThirdStates) {
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const char* s, const char* t, bool coop) {
    ev.push_back(MakeEvent("s" + std::to_string(n), "2022-03-1" + std::to_string(n % 10), s, t, coop ? "057" : "190",
                           coop ? 8 : -10, coop ? 2 : 4, "s" + std::to_string(n)));
    ++n;
  };
  // AAA and BBB both cooperate with XXX and fight YYY; CCC does the opposite. None of AAA, BBB,
  // CCC has events with another.
  for (const char* s : {"AAA", "BBB"}) add(s, "XXX", true), add(s, "YYY", false);
  add("CCC", "XXX", false), add("CCC", "YYY", true);
  auto w = ComputeAlignment(TableFromEvents(ev), Yearly(), NoBootstrap());
  ASSERT_EQ(w.size(), 1u);
  const PairAlignment* ab = FindPair(w[0], "AAA", "BBB");
  const PairAlignment* ac = FindPair(w[0], "AAA", "CCC");
  ASSERT_NE(ab, nullptr);
  ASSERT_NE(ac, nullptr);
  EXPECT_EQ(ab->events, 0);
  EXPECT_EQ(ab->third_states, 2);
  EXPECT_GT(ab->similarity, ac->similarity + 0.1);
  EXPECT_GT(ab->score, ac->score + 0.1);
  // By hand: affinities c = 8 / 13 and k = -10 / 15. Portfolios over (AAA, BBB, CCC, XXX, YYY):
  // AAA (1, 0, 0, c, k), BBB (0, 1, 0, c, k), CCC (0, 0, 1, k, c); no events is 0. The pair's
  // own entries weigh 5 (total weight 13).
  const double c = 8.0 / 13, k = -10.0 / 15;
  const double d_ab = 5 + 5, d_ac = 5 + 5 + 2 * (c - k);
  EXPECT_NEAR(ac->similarity, 1 - d_ac / 13, 1e-6);
  EXPECT_NEAR(ab->similarity, 1 - d_ab / 13, 1e-6);
}

TEST(AlignmentTest, ConflictAndCoParticipation) {
  std::vector<Event> ev = {
      MakeEvent("p1", "2025-09-03", "PRK", "CHN", "042", 1.9, 1, "Kim at parade", Modality::kActual, "Beijing"),
      MakeEvent("p2", "2025-09-03", "RUS", "CHN", "042", 1.9, 1, "Putin at parade", Modality::kActual, "Beijing"),
      MakeEvent("c1", "2025-05-01", "USA", "RUS", "190", -10, 4, "fighting"),
  };
  EventTable t = TableFromEvents(ev);
  auto w = ComputeAlignment(t, Yearly(), NoBootstrap());
  const PairAlignment* pr = FindPair(w[0], "PRK", "RUS");
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->occasions, 1);
  EXPECT_NEAR(pr->copart, 0.5, 1e-12);
  EXPECT_EQ(pr->events, 0);
  const PairAlignment* ur = FindPair(w[0], "USA", "RUS");
  ASSERT_NE(ur, nullptr);
  EXPECT_NEAR(ur->affinity, -10.0 / 15.0, 1e-9);
  // USA (0, 0, -2/3, 1) and RUS (0, 0.275, 1, -2/3) over (PRK, CHN, RUS, USA), their own
  // entries weighing 5: S = 1 - (0.275 + 10 * 5/3) / 12 < 0.
  EXPECT_NEAR(ur->similarity, 1 - (1.9 / 6.9 + 10 * 5.0 / 3) / 12, 1e-6);
  EXPECT_LT(ur->score, 0);
  EXPECT_LT(ur->score, pr->score - 0.2);
  EXPECT_LT(ur->tie, 0);
}

TEST(AlignmentTest, BootstrapIsDeterministicWithSeedAndBracketsScore) {
  std::vector<Event> ev;
  for (int i = 0; i < 30; ++i) {
    ev.push_back(MakeEvent("e" + std::to_string(i), "2021-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10),
                           i % 3 ? "CHN" : "USA", i % 2 ? "RUS" : "JPN", i % 4 ? "042" : "112",
                           i % 4 ? 1.9 : -2, i % 4 ? 1 : 3, "w" + std::to_string(i)));
  }
  EventTable t = TableFromEvents(ev);
  AlignmentOptions a;
  a.bootstrap = 50;
  auto x = ComputeAlignment(t, Yearly(), a);
  auto y = ComputeAlignment(t, Yearly(), a);
  ASSERT_EQ(x[0].pairs.size(), y[0].pairs.size());
  bool some_width = false;
  for (size_t p = 0; p < x[0].pairs.size(); ++p) {
    EXPECT_EQ(x[0].pairs[p].low, y[0].pairs[p].low);
    EXPECT_EQ(x[0].pairs[p].high, y[0].pairs[p].high);
    EXPECT_LE(x[0].pairs[p].low, x[0].pairs[p].score);
    EXPECT_GE(x[0].pairs[p].high, x[0].pairs[p].score);
    some_width |= x[0].pairs[p].high - x[0].pairs[p].low > 1e-3;
  }
  EXPECT_TRUE(some_width);
  AnalysisOptions other = Yearly();
  other.seed = 7;
  auto z = ComputeAlignment(t, other, a);
  bool differs = false;
  for (size_t p = 0; p < x[0].pairs.size(); ++p) differs |= x[0].pairs[p].low != z[0].pairs[p].low;
  EXPECT_TRUE(differs);
}

// Two camps: cooperation inside, conflict across.
// With `grow`, each pair has one event more every year (the camps tighten).
std::vector<Event> TwoCamps(int years, int per_pair, bool grow = true) {
  const std::vector<std::string> east = {"CHN", "RUS", "PRK", "IRN"}, west = {"USA", "JPN", "KOR", "GBR"};
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const std::string& s, const std::string& t, int year, bool coop, int k) {
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + (k * 5 + n) % 12, 1 + (n * 7) % 28);
    ev.push_back(MakeEvent("ev" + std::to_string(n), date, s, t, coop ? "042" : "112", coop ? 1.9 : -2,
                           coop ? 1 : 3, "story " + std::to_string(n)));
    ++n;
  };
  for (int y = 0; y < years; ++y) {
    for (const auto* camp : {&east, &west}) {
      for (size_t i = 0; i < camp->size(); ++i) {
        for (size_t j = i + 1; j < camp->size(); ++j) {
          for (int k = 0; k < per_pair + (grow ? y : 0); ++k) add((*camp)[i], (*camp)[j], 2018 + y, true, k);
        }
      }
    }
    for (size_t i = 0; i < east.size(); ++i) add(east[i], west[(i + y) % west.size()], 2018 + y, false, 0);
  }
  return ev;
}

TEST(BlocTest, PlantedTwoCamps) {
  EventTable t = TableFromEvents(TwoCamps(3, 2));
  AlignmentOptions a;
  a.bootstrap = 30;
  a.keep_replicates = true;
  auto w = ComputeAlignment(t, Yearly(), a);
  auto blocs = ComputeBlocs(w, Yearly());
  ASSERT_EQ(blocs.size(), 3u);
  for (const WindowBlocs& wb : blocs) {
    ASSERT_EQ(wb.blocs.size(), 2u) << wb.label;
    std::set<std::string> b0(wb.blocs[0].members.begin(), wb.blocs[0].members.end());
    std::set<std::string> b1(wb.blocs[1].members.begin(), wb.blocs[1].members.end());
    std::set<std::string> east = {"CHN", "RUS", "PRK", "IRN"}, west = {"USA", "JPN", "KOR", "GBR"};
    EXPECT_TRUE((b0 == east && b1 == west) || (b0 == west && b1 == east));
    EXPECT_GT(wb.modularity, 0.2);
    EXPECT_GT(wb.bootstrap_ari, 0.8);
    EXPECT_GT(wb.blocs[0].stability, 0.8);
    EXPECT_GT(wb.blocs[0].cohesion, 0);
    EXPECT_EQ(wb.blocs[0].name.size(), 11u);  // three members: "AAA-BBB-CCC"
  }
  EXPECT_EQ(blocs[0].previous_ari, -2);
  EXPECT_NEAR(blocs[1].previous_ari, 1.0, 1e-9);
}

// Each bloc member carries its direct events and shared occasions with the rest of the bloc; a
// state that joins a camp on one event is marked thin. A window sharing only two states with
// the previous one gets no ARI (over two states it is 1 or undefined, whatever happened).
TEST(BlocTest, ThinMembersAndTooFewCommonStates) {
  std::vector<Event> ev = TwoCamps(1, 3);
  ev.push_back(MakeEvent("ukr", "2018-06-01", "UKR", "RUS", "042", 1.9, 1, "one visit"));
  ev.push_back(MakeEvent("y1", "2019-03-01", "USA", "PRK", "042", 1.9, 1, "talks"));
  ev.push_back(MakeEvent("y2", "2019-04-01", "PRK", "USA", "042", 1.9, 1, "talks"));
  auto blocs = ComputeBlocs(ComputeAlignment(TableFromEvents(ev), Yearly(), NoBootstrap()), Yearly());
  ASSERT_EQ(blocs.size(), 2u);
  bool ukr_seen = false;
  for (const Bloc& b : blocs[0].blocs) {
    ASSERT_EQ(b.evidence.size(), b.members.size());
    int64_t sum = 0;
    for (size_t i = 0; i < b.members.size(); ++i) {
      const BlocMember& m = b.evidence[i];
      EXPECT_EQ(m.state, b.members[i]);
      sum += m.events;
      if (m.state == "UKR") {
        ukr_seen = true;
        EXPECT_EQ(m.events, 1);
        EXPECT_TRUE(m.thin);
      } else {
        EXPECT_GE(m.events, 9) << m.state;  // 3 events with each of 3 camp partners
        EXPECT_FALSE(m.thin) << m.state;
      }
    }
    EXPECT_EQ(sum, 2 * b.events);  // each event ties two members
  }
  EXPECT_TRUE(ukr_seen) << "UKR should join the camp of its only partner";
  EXPECT_EQ(blocs[0].previous_common, 0);
  EXPECT_EQ(blocs[1].previous_common, 2);
  EXPECT_EQ(blocs[1].previous_ari, -2);
  BlocOptions two;
  two.min_common_states = 2;
  auto loose = ComputeBlocs(ComputeAlignment(TableFromEvents(ev), Yearly(), NoBootstrap()), Yearly(), two);
  EXPECT_GT(loose[1].previous_ari, -1.5);  // computed when allowed: the degenerate value
}

TEST(BlocTest, SignedMethodPlantedCampsAndNegativeTies) {
  EventTable t = TableFromEvents(TwoCamps(3, 2));
  BlocOptions signed_options;
  signed_options.method = BlocMethod::kSigned;
  auto w = ComputeAlignment(t, Yearly(), NoBootstrap());
  auto blocs = ComputeBlocs(w, Yearly(), signed_options);
  ASSERT_EQ(blocs.size(), 3u);
  for (const WindowBlocs& wb : blocs) {
    ASSERT_EQ(wb.blocs.size(), 2u) << wb.label;
    std::set<std::string> b0(wb.blocs[0].members.begin(), wb.blocs[0].members.end());
    std::set<std::string> east = {"CHN", "RUS", "PRK", "IRN"}, west = {"USA", "JPN", "KOR", "GBR"};
    EXPECT_TRUE(b0 == east || b0 == west) << wb.label;
    EXPECT_GT(wb.modularity, 0.2);
  }
  // A triangle A-B-C of cooperation plus D tied to A and B by cooperation but in conflict with
  // C: the signed method keeps C and D apart (the negative tie repels), whatever else happens.
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const char* s, const char* d, bool coop, int times) {
    for (int k = 0; k < times; ++k, ++n) {
      ev.push_back(MakeEvent("e" + std::to_string(n), "2020-0" + std::to_string(1 + n % 9) + "-10", s, d,
                             coop ? "057" : "190", coop ? 8 : -10, coop ? 2 : 4, "s" + std::to_string(n)));
    }
  };
  add("AAA", "BBB", true, 5), add("BBB", "CCC", true, 5), add("AAA", "CCC", true, 5);
  add("DDD", "AAA", true, 1), add("DDD", "BBB", true, 1), add("DDD", "CCC", false, 5);
  auto w2 = ComputeAlignment(TableFromEvents(ev), Yearly(), NoBootstrap());
  auto b2 = ComputeBlocs(w2, Yearly(), signed_options);
  ASSERT_EQ(b2.size(), 1u);
  for (const Bloc& b : b2[0].blocs) {
    std::set<std::string> m(b.members.begin(), b.members.end());
    EXPECT_FALSE(m.count("CCC") && m.count("DDD"));
    for (double v : {b.cohesion, b.stability}) EXPECT_TRUE(std::isfinite(v));
  }
}

TEST(BlocTest, AdjustedRandIndex) {
  EXPECT_NEAR(AdjustedRandIndex({0, 0, 1, 1}, {5, 5, 7, 7}), 1.0, 1e-12);
  EXPECT_LT(AdjustedRandIndex({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0);
}

TEST(ShiftTest, LargestChangeWithDrivers) {
  std::vector<Event> ev = {
      MakeEvent("coop1", "2020-03-01", "PRK", "RUS", "042", 1.9, 1, "a"),
      MakeEvent("conf1", "2021-03-01", "PRK", "RUS", "112", -2, 3, "b"),
      MakeEvent("coop2", "2021-05-01", "PRK", "RUS", "057", 8, 2, "c"),
      MakeEvent("coop3", "2021-06-01", "PRK", "RUS", "061", 6.4, 2, "d"),
      MakeEvent("usa", "2020-03-01", "USA", "JPN", "042", 1.9, 1, "e"),
      MakeEvent("usa2", "2021-03-01", "USA", "JPN", "042", 1.9, 1, "f"),
  };
  EventTable t = TableFromEvents(ev);
  auto w = ComputeAlignment(t, Yearly(), NoBootstrap());
  auto shifts = ComputeShifts(t, w, Yearly(), 5);
  ASSERT_FALSE(shifts.empty());
  EXPECT_EQ(shifts[0].a, "PRK");
  EXPECT_EQ(shifts[0].b, "RUS");
  EXPECT_GT(shifts[0].delta, 0);
  EXPECT_EQ(shifts[0].drivers.front(), "coop2");
  // Without a bootstrap the change is shown but not worded as a rise (shifts_test.cc).
  EXPECT_FALSE(shifts[0].supported);
  EXPECT_NE(shifts[0].summary.find("PRK-RUS "), std::string::npos);
  EXPECT_NE(shifts[0].summary.find("in 2020"), std::string::npos);
  EXPECT_NE(shifts[0].summary.find("in 2021"), std::string::npos);
  EXPECT_NE(shifts[0].summary.find("1 -> 3 events"), std::string::npos) << shifts[0].summary;
}

TEST(ForecastTest, BeatsOrMatchesBaselinesOnPoissonData) {
  // 60 dyads with rates from 0.2 to 12 per window, 16 yearly windows, stationary Poisson.
  EventTable t;
  Rng rng(42);
  int n = 0;
  for (int d = 0; d < 60; ++d) {
    std::string s = "S" + std::to_string(10 + d / 6), g = "T" + std::to_string(10 + d % 6);
    double rate = 0.2 * std::pow(60.0, d / 59.0);
    for (int y = 0; y < 16; ++y) {
      // Knuth's Poisson sampler.
      for (int kind = 0; kind < 2; ++kind) {
        double l = std::exp(-rate), p = 1;
        int k = 0;
        do {
          ++k;
          p *= rng.Uniform();
        } while (p > l);
        for (int e = 0; e < k - 1; ++e) {
          t.AddRaw("x" + std::to_string(n++), s, g, Date{2000 + y, 1 + e % 12, 1 + e % 28}.Days(),
                   kind ? "112" : "042", kind ? -2 : 1.9, kind ? 3 : 1, Modality::kActual, "", true);
        }
      }
    }
  }
  ForecastOptions f;
  f.backtest_windows = 5;
  auto r = ComputeForecast(t, Yearly(), f);
  ASSERT_EQ(r.backtest.size(), 3u) << r.note;
  const BacktestScore& model = r.backtest[0];
  const BacktestScore& persist = r.backtest[1];
  const BacktestScore& freq = r.backtest[2];
  EXPECT_EQ(model.model, "poisson-regression");
  EXPECT_GT(model.cases, 100);
  EXPECT_GT(model.loglik, persist.loglik);
  EXPECT_LT(model.mae, persist.mae);
  EXPECT_LT(model.brier, persist.brier);
  EXPECT_GT(model.loglik, freq.loglik - 0.05);
  EXPECT_LT(model.mae, freq.mae + 0.1);
  EXPECT_EQ(r.window_label, "2016");
  ASSERT_FALSE(r.dyads.empty());
  EXPECT_GT(r.dyads[0].coop + r.dyads[0].conflict, 10);
  EXPECT_FALSE(r.dyads[0].evidence.empty());
}

// Twelve dyads, each with the same counts every year 2000-2011 (1 to 6 cooperative events,
// half as many conflictual, a meeting every year for the even dyads, never for the odd), and a
// one-year burst of 5 extra events in 2009 for every third dyad. The mean since the first event
// is the best rate a stable dyad has: the frequency baseline must win the backtest.
EventTable StableDyads() {
  EventTable t;
  int n = 0;
  for (int d = 0; d < 12; ++d) {
    std::string s = "S" + std::to_string(10 + d / 4), g = "T" + std::to_string(10 + d % 4);
    for (int y = 0; y < 12; ++y) {
      int coop = 1 + d % 6 + (y == 9 && d % 3 == 0 ? 5 : 0), conflict = (1 + d % 6) / 2;
      for (int e = 0; e < coop + conflict; ++e) {
        const bool c = e < coop;
        const char* code = !c ? "112" : d % 2 == 0 ? "042" : "061";
        t.AddRaw("s" + std::to_string(n++), s, g, Date{2000 + y, 1 + e % 12, 1 + e % 28}.Days(), code,
                 c ? 1.9 : -2, c ? (d % 2 == 0 ? 1 : 2) : 3, Modality::kActual, "", true);
      }
    }
  }
  return t;
}

// Twelve dyads that alternate: 2 + d cooperative events (meetings) in even years and none in
// odd years (the odd dyads the other way round), 2000-2011. Last year's count predicts the
// opposite of this year's: persistence and the mean both fail, the regression's lag feature
// captures the swing.
EventTable AlternatingDyads() {
  EventTable t;
  int n = 0;
  for (int d = 0; d < 12; ++d) {
    std::string s = "A" + std::to_string(10 + d / 4), g = "B" + std::to_string(10 + d % 4);
    for (int y = 0; y < 12; ++y) {
      int coop = (y + d) % 2 == 0 ? 2 + d : 0;
      for (int e = 0; e < coop; ++e) {
        t.AddRaw("a" + std::to_string(n++), s, g, Date{2000 + y, 1 + e % 12, 1 + e % 28}.Days(), "042", 1.9,
                 1, Modality::kActual, "", true);
      }
    }
  }
  return t;
}

TEST(ForecastTest, StableDyadsForecastFromTheFrequencyBaseline) {
  auto r = ComputeForecast(StableDyads(), Yearly());
  ASSERT_EQ(r.backtest.size(), 3u) << r.note;
  const BacktestScore &model = r.backtest[0], &persist = r.backtest[1], &freq = r.backtest[2];
  EXPECT_GT(freq.loglik, model.loglik);
  EXPECT_GT(freq.loglik, persist.loglik);
  EXPECT_EQ(r.model, "frequency") << r.model_reason;
  EXPECT_LE(freq.brier, model.brier);
  EXPECT_EQ(r.meeting_model, "frequency") << r.model_reason;
  EXPECT_NE(r.model_reason.find("Counts from the frequency baseline: it backtested best (log-lik"),
            std::string::npos) << r.model_reason;
  EXPECT_NE(r.model_reason.find("persistence"), std::string::npos);
  EXPECT_TRUE(r.note.empty()) << r.note;
  // The forecast is the mean since the first event, shrunk toward the twelve dyads' typical
  // rate (higher: 1 to 6 events a year): S10->T10 had 1 + 5/12 cooperative events a year (the
  // 2009 burst), 0 conflictual, a meeting every year. Without shrinkage, exactly those.
  ASSERT_EQ(r.dyads.size(), 12u);
  ForecastOptions raw;
  raw.shrink = false;
  auto r_raw = ComputeForecast(StableDyads(), Yearly(), raw);
  int found = 0;
  for (const auto* result : {&r, &r_raw}) {
    for (const DyadForecast& d : result->dyads) {
      if (d.source != "S10" || d.target != "T10") continue;
      ++found;
      if (result == &r_raw) {
        EXPECT_NEAR(d.coop, 1 + 5.0 / 12, 1e-9);
        EXPECT_NEAR(d.conflict, 0, 1e-9);
        EXPECT_NEAR(d.p_meeting, 1, 1e-9);
      } else {
        EXPECT_GT(d.coop, 1 + 5.0 / 12);
        EXPECT_LT(d.coop, 1 + 5.0 / 12 + 0.3);
        EXPECT_GT(d.conflict, 0);
        EXPECT_LT(d.conflict, 0.3);
        EXPECT_GT(d.p_meeting, 0.8);
        EXPECT_LE(d.p_meeting, 1);
      }
    }
  }
  EXPECT_EQ(found, 2);
}

TEST(ForecastTest, AlternatingDyadsForecastFromTheRegression) {
  auto r = ComputeForecast(AlternatingDyads(), Yearly());
  ASSERT_EQ(r.backtest.size(), 3u) << r.note;
  const BacktestScore &model = r.backtest[0], &persist = r.backtest[1], &freq = r.backtest[2];
  EXPECT_GT(model.loglik, freq.loglik);
  EXPECT_GT(model.loglik, persist.loglik);
  EXPECT_EQ(r.model, "poisson-regression") << r.model_reason;
  EXPECT_EQ(r.meeting_model, "poisson-regression") << r.model_reason;
  EXPECT_NE(r.model_reason.find("Counts from the Poisson regression: it backtested best"), std::string::npos)
      << r.model_reason;
  // 2011 was active for the odd dyads, so 2012 is the even dyads' turn.
  ASSERT_FALSE(r.dyads.empty());
  const DyadForecast& top = r.dyads[0];
  EXPECT_EQ(top.source, "A12");
  EXPECT_EQ(top.target, "B12");  // dyad 10: 12 events in even years, the largest due next
  EXPECT_GT(top.coop, 6);
  EXPECT_GT(top.p_meeting, 0.9);
}

TEST(ForecastTest, ForcedModelAndUnknownModel) {
  EventTable t = StableDyads();
  ForecastOptions f;
  f.model = "persistence";
  auto r = ComputeForecast(t, Yearly(), f);
  EXPECT_EQ(r.model, "persistence");
  EXPECT_EQ(r.meeting_model, "persistence");
  EXPECT_NE(r.model_reason.find("as requested (model=persistence)"), std::string::npos) << r.model_reason;
  // The backtest's own preference for counts, flagged when it is a close call (window-clustered
  // error: these dyads are stable, so persistence is not far behind).
  EXPECT_NE(r.model_reason.find("would choose the frequency baseline"), std::string::npos) << r.model_reason;
  EXPECT_EQ(r.model_reason.find("(not distinguishable from the persistence baseline) for counts") !=
                std::string::npos,
            !r.model_clear)
      << r.model_reason;
  ASSERT_EQ(r.backtest.size(), 3u);  // the backtest is reported whatever the choice
  for (const DyadForecast& d : r.dyads) {
    EXPECT_TRUE(d.p_meeting == 0 || d.p_meeting == 1) << d.p_meeting;
    if (d.source == "S10" && d.target == "T10") {
      EXPECT_NEAR(d.coop, 1, 1e-9);  // 2011's count
    }
  }
  f.model = "regression";
  r = ComputeForecast(t, Yearly(), f);
  EXPECT_EQ(r.model, "poisson-regression");
  EXPECT_EQ(r.meeting_model, "poisson-regression");
  f.model = "oracle";
  r = ComputeForecast(t, Yearly(), f);
  EXPECT_TRUE(r.dyads.empty());
  EXPECT_NE(r.note.find("unknown forecast model 'oracle'"), std::string::npos) << r.note;
}

TEST(ForecastTest, TooFewWindowsKeepsTheRegressionAndSaysSo) {
  std::vector<Event> ev = {
      MakeEvent("x1", "2023-03-01", "CHN", "RUS", "042", 1.9, 1, "visit"),
      MakeEvent("x2", "2024-03-01", "CHN", "RUS", "042", 1.9, 1, "visit"),
  };
  auto r = ComputeForecast(TableFromEvents(ev), Yearly());
  EXPECT_TRUE(r.backtest.empty());
  EXPECT_EQ(r.model, "poisson-regression");
  EXPECT_NE(r.note.find("no backtest"), std::string::npos) << r.note;
  EXPECT_NE(r.model_reason.find("too few windows"), std::string::npos) << r.model_reason;
}

TEST(BriefTest, ForecastSectionNamesTheModelAndWhy) {
  Briefing b = MakeBriefing(StableDyads(), Yearly(), NoBootstrap());
  size_t section = b.markdown.find("## Forecast for 2012");
  ASSERT_NE(section, std::string::npos) << b.markdown;
  size_t line = b.markdown.find("Model: Counts from the frequency baseline: it backtested best (log-lik ", section);
  EXPECT_NE(line, std::string::npos) << b.markdown.substr(section);
  EXPECT_LT(line, b.markdown.find("- S", section));  // before the forecasts it explains
  auto j = nlohmann::json::parse(b.json);
  EXPECT_EQ(j["forecast_model"], "frequency");
  EXPECT_EQ(j["forecast_meeting_model"], "frequency");
  EXPECT_NE(j["forecast_model_reason"].get<std::string>().find("frequency baseline"), std::string::npos);
}

bool AllFinite(const std::string& s) {
  return s.find("nan") == std::string::npos && s.find("inf") == std::string::npos;
}

TEST(BriefTest, LinksClaimsToEventIds) {
  EventTable t = TableFromEvents(TwoCamps(4, 1));
  AlignmentOptions a;
  a.bootstrap = 20;
  Briefing b = MakeBriefing(t, Yearly(), a);
  EXPECT_NE(b.markdown.find("# Alignment briefing"), std::string::npos);
  EXPECT_NE(b.markdown.find("## Blocs"), std::string::npos);
  EXPECT_NE(b.markdown.find("[events: ev"), std::string::npos);
  EXPECT_NE(b.markdown.find("tightened"), std::string::npos);  // more events per pair each year
  EXPECT_NE(b.json.find("\"events\""), std::string::npos);
  EXPECT_TRUE(AllFinite(b.markdown)) << b.markdown;
  EXPECT_TRUE(AllFinite(b.json));
}

// What an analyst compares the briefing with: its blocs are of the whole period (not the last
// window, as `entente blocs` shows them), mentions dated only to a year are said to be left out
// (the store's date range starts with them), and a forecast whose dyad had no events in the
// last window says so instead of ending without the ids every other claim has.
TEST(BriefTest, SaysWhatItCoversAndWhyAForecastHasNoIds) {
  std::vector<Event> ev;
  int n = 0;
  for (int y = 2018; y <= 2023; ++y) {
    for (int m = 1; m <= 3; ++m) {
      const std::string d = std::to_string(y) + "-0" + std::to_string(m) + "-10";
      ev.push_back(MakeEvent("ab" + std::to_string(n++), d, "AAA", "BBB", "042", 1.9, 1));
      if (y <= 2021) ev.push_back(MakeEvent("cd" + std::to_string(n++), d, "CCC", "DDD", "042", 1.9, 1));
    }
  }
  Event year_only = MakeEvent("old", "2000-01-01", "AAA", "BBB", "042", 1.9, 1, "visited in 2000");
  year_only.date_precision = DatePrecision::kYear;
  ev.push_back(year_only);
  Briefing b = MakeBriefing(TableFromEvents(ev), Yearly(), NoBootstrap());
  EXPECT_NE(b.markdown.find("1 mention dated only to a month or year is left out."), std::string::npos)
      << b.markdown;
  EXPECT_NE(b.markdown.find("## Blocs over the whole period\n\nAll windows as one;"), std::string::npos)
      << b.markdown;
  const size_t cd = b.markdown.find("- CCC -> DDD: ");
  ASSERT_NE(cd, std::string::npos) << b.markdown;
  const std::string line = b.markdown.substr(cd, b.markdown.find('\n', cd) - cd);
  EXPECT_NE(line.find("(no events of the dyad in the last window)"), std::string::npos) << line;
  const size_t ab = b.markdown.find("- AAA -> BBB: ");
  ASSERT_NE(ab, std::string::npos) << b.markdown;
  EXPECT_NE(b.markdown.substr(ab, b.markdown.find('\n', ab) - ab).find("[events: ab"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(b.json)["imprecise_date_mentions"], 1);
}

// The same relations every year: no direction is claimed from window-to-window noise.
TEST(BriefTest, SteadyBlocIsNotSaidToTightenOrLoosen) {
  AlignmentOptions a;
  a.bootstrap = 20;
  Briefing b = MakeBriefing(TableFromEvents(TwoCamps(4, 2, /*grow=*/false)), Yearly(), a);
  EXPECT_NE(b.markdown.find("showed no clear change"), std::string::npos) << b.markdown;
  EXPECT_EQ(b.markdown.find("tightened"), std::string::npos) << b.markdown;
  EXPECT_EQ(b.markdown.find("loosened"), std::string::npos) << b.markdown;
}

// Two states that never deal with each other but both cooperate with a third are aligned
// through it: the briefing names that partner and one event of each with it.
// The briefing names the members held in a bloc by thin evidence, with their counts.
TEST(BriefTest, SaysWhichBlocMembersRestOnThinEvidence) {
  std::vector<Event> ev = TwoCamps(2, 3, /*grow=*/false);
  ev.push_back(MakeEvent("ukr", "2019-06-01", "UKR", "RUS", "042", 1.9, 1, "one visit"));
  Briefing b = MakeBriefing(TableFromEvents(ev), Yearly(), NoBootstrap());
  EXPECT_NE(b.markdown.find("Members (direct events with the other members): "), std::string::npos) << b.markdown;
  EXPECT_NE(b.markdown.find("Weak: UKR on 1 event with the other members."), std::string::npos) << b.markdown;
  auto j = nlohmann::json::parse(b.json);
  bool thin = false;
  for (const auto& bloc : j["blocs"])
    for (const auto& m : bloc["member_evidence"]) thin |= m["state"] == "UKR" && m["thin"] == true && m["events"] == 1;
  EXPECT_TRUE(thin) << b.json;
}

TEST(BriefTest, AlignmentWithoutDirectEventsNamesTheSharedPartner) {
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const std::string& s, const std::string& g, int year, bool coop) {
    const std::string id = "e" + std::to_string(n), date = std::to_string(year) + "-03-0" + std::to_string(1 + n % 9);
    ++n;
    ev.push_back(MakeEvent(id, date, s, g, coop ? "042" : "190", coop ? 1.9 : -10, coop ? 1 : 4));
  };
  for (int y = 2020; y <= 2023; ++y) {
    for (const char* s : {"AAA", "BBB"}) add(s, "HUB", y, true);   // AAA and BBB never meet
    for (const char* s : {"XXX", "YYY"}) add(s, "HUB", y, false);  // the other camp fights HUB
    add("XXX", "YYY", y, true);
  }
  AlignmentOptions a;
  a.bootstrap = 0;
  Briefing b = MakeBriefing(TableFromEvents(ev), Yearly(), a);
  auto j = nlohmann::json::parse(b.json);
  bool found = false;
  for (const auto& bloc : j["blocs"])
    for (const auto& tie : bloc["ties"]) {
      if (tie["pair"] != "AAA-BBB") continue;
      found = true;
      EXPECT_TRUE(tie["events"].empty());
      EXPECT_EQ(tie["via"], "HUB");
      EXPECT_EQ(tie["via_sign"], 1);
      ASSERT_EQ(tie["via_events"].size(), 2u);
      // Cooperative events with HUB, one of AAA's and one of BBB's.
      std::set<std::string> sources;
      for (const auto& id : tie["via_events"]) {
        const Event* e = nullptr;
        for (const Event& x : ev)
          if (x.id == id.get<std::string>()) e = &x;
        ASSERT_NE(e, nullptr) << id;
        EXPECT_EQ(e->target->country, "HUB");
        EXPECT_GT(e->goldstein, 0);
        sources.insert(e->source.country);
      }
      EXPECT_EQ(sources, (std::set<std::string>{"AAA", "BBB"}));
    }
  ASSERT_TRUE(found) << b.markdown;
  EXPECT_NE(b.markdown.find("AAA-BBB alignment"), std::string::npos);
  EXPECT_NE(b.markdown.find("(no events between them; both cooperate with HUB [events: "), std::string::npos)
      << b.markdown;
  // A pair with events of its own cites those, not a partner.
  for (const auto& bloc : j["blocs"])
    for (const auto& tie : bloc["ties"])
      if (!tie["events"].empty()) {
        EXPECT_FALSE(tie.contains("via")) << tie.dump();
      }
}

TEST(BadInputTest, EmptyTable) {
  EventTable t;
  EXPECT_TRUE(ComputeDyads(t, Yearly()).empty());
  auto w = ComputeAlignment(t, Yearly());
  EXPECT_TRUE(w.empty());
  EXPECT_TRUE(ComputeBlocs(w, Yearly()).empty());
  EXPECT_TRUE(ComputeShifts(t, w, Yearly()).empty());
  auto f = ComputeForecast(t, Yearly());
  EXPECT_FALSE(f.note.empty());
  EXPECT_TRUE(f.dyads.empty());
  Briefing b = MakeBriefing(t, Yearly());
  EXPECT_NE(b.markdown.find("Nothing to brief"), std::string::npos);
}

TEST(BadInputTest, SingleEventAndNonDyadicEvents) {
  std::vector<Event> ev = {
      MakeEvent("only", "2022-02-24", "RUS", "UKR", "190", -10, 4, "invasion"),
      MakeEvent("nostate", "2022-02-24", "RUS", "", "010", 0, 1, "statement"),
      MakeEvent("nodate", "", "RUS", "UKR", "010", 0, 1, "statement"),
  };
  EventTable t = TableFromEvents(ev);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.skipped().no_country, 1);
  EXPECT_EQ(t.skipped().no_date, 1);
  AlignmentOptions a;
  a.bootstrap = 20;
  a.keep_replicates = true;
  auto w = ComputeAlignment(t, Yearly(), a);
  ASSERT_EQ(w.size(), 1u);
  ASSERT_EQ(w[0].pairs.size(), 1u);
  EXPECT_TRUE(std::isfinite(w[0].pairs[0].score));
  EXPECT_TRUE(std::isfinite(w[0].pairs[0].low));
  auto blocs = ComputeBlocs(w, Yearly());
  ASSERT_EQ(blocs.size(), 1u);
  EXPECT_TRUE(blocs[0].blocs.empty());
  EXPECT_EQ(blocs[0].unaligned.size(), 2u);
  auto f = ComputeForecast(t, Yearly());
  EXPECT_FALSE(f.note.empty());
  for (const auto& d : f.dyads) EXPECT_TRUE(std::isfinite(d.coop) && std::isfinite(d.p_meeting));
  Briefing b = MakeBriefing(t, Yearly(), a);
  EXPECT_TRUE(AllFinite(b.markdown)) << b.markdown;
  // A range with no events.
  AnalysisOptions later = Yearly();
  later.since = Date{2030, 1, 1};
  EXPECT_TRUE(ComputeAlignment(t, later).empty());
  EXPECT_NE(MakeBriefing(t, later).markdown.find("Nothing to brief"), std::string::npos);
}

TEST(BadInputTest, OnlyImportedEvents) {
  std::vector<Event> ev;
  for (int i = 0; i < 5; ++i) {
    Event e = MakeEvent("g" + std::to_string(i), "2012-0" + std::to_string(i + 1) + "-01", "RUS", "GEO",
                        "190", -10, 4, "");
    e.origin = "gdelt";
    ev.push_back(e);
  }
  EventTable t = TableFromEvents(ev);
  EXPECT_EQ(t.origins_imported(), 5);
  auto rows = ComputeDyads(t, Yearly());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].quad[3], 5);  // imported records are events already: none merged
  Briefing b = MakeBriefing(t, Yearly());
  EXPECT_TRUE(AllFinite(b.markdown));
  EXPECT_NE(b.markdown.find("No bloc"), std::string::npos);
}

TEST(BadInputTest, SignedBlocsShiftsForecastNeverNaN) {
  BlocOptions signed_options;
  signed_options.method = BlocMethod::kSigned;
  // Empty, one event, and a window of conflict only (every tie negative).
  EXPECT_TRUE(ComputeBlocs({}, Yearly(), signed_options).empty());
  std::vector<Event> ev = {MakeEvent("x1", "2022-02-24", "RUS", "UKR", "190", -10, 4, "a"),
                           MakeEvent("x2", "2022-03-01", "RUS", "GEO", "112", -2, 3, "b"),
                           MakeEvent("x3", "2022-03-02", "UKR", "GEO", "112", -2, 3, "c")};
  for (size_t n : {size_t{1}, size_t{3}}) {
    EventTable t = TableFromEvents(std::vector<Event>(ev.begin(), ev.begin() + n));
    AlignmentOptions a;
    a.bootstrap = 10;
    a.keep_replicates = true;
    auto w = ComputeAlignment(t, Yearly(), a);
    ASSERT_EQ(w.size(), 1u);
    for (const PairAlignment& p : w[0].pairs) EXPECT_TRUE(std::isfinite(p.tie) && std::isfinite(p.score));
    auto blocs = ComputeBlocs(w, Yearly(), signed_options);
    ASSERT_EQ(blocs.size(), 1u);
    EXPECT_TRUE(blocs[0].blocs.empty()) << "negative ties make no bloc";
    EXPECT_TRUE(std::isfinite(blocs[0].modularity));
    EXPECT_TRUE(ComputeShifts(t, w, Yearly()).empty());
    ForecastOptions fo;
    fo.max_fit_rows = 1;
    auto f = ComputeForecast(t, Yearly(), fo);
    for (const auto& d : f.dyads) EXPECT_TRUE(std::isfinite(d.coop) && std::isfinite(d.conflict));
  }
}

// The table's order does not matter: a table in day order (one sequential pass) and the same
// events shuffled (counting sort) give the same dyads, alignment, shifts and forecasts.
TEST(ScaleTest, DayOrderAndShuffledTablesAgree) {
  std::vector<Event> ev = TwoCamps(4, 2);
  EventTable sorted = TableFromEvents(ev);  // TableFromEvents adds in date order
  EventTable shuffled;
  std::vector<size_t> order(sorted.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = (i * 7919) % order.size();
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  ASSERT_EQ(order.size(), sorted.size());  // 7919 is prime and larger than the table
  for (size_t k = 0; k < sorted.size(); ++k) {
    size_t i = (k * 7919) % sorted.size();
    shuffled.AddRaw(sorted.id(i), sorted.countries()[sorted.source(i)], sorted.countries()[sorted.target(i)],
                    sorted.day(i), sorted.codes()[sorted.code(i)], sorted.goldstein(i), sorted.quad(i),
                    sorted.modality(i), "", sorted.primary(i));
  }
  auto d1 = ComputeDyads(sorted, Yearly()), d2 = ComputeDyads(shuffled, Yearly());
  ASSERT_EQ(d1.size(), d2.size());
  size_t streamed = 0;
  ForEachDyad(sorted, Yearly(), [&](const DyadRow& r) {
    EXPECT_EQ(r.source + r.target + r.label, d1[streamed].source + d1[streamed].target + d1[streamed].label);
    ++streamed;
  });
  EXPECT_EQ(streamed, d1.size());
  for (size_t k = 0; k < d1.size(); ++k) {
    EXPECT_EQ(d1[k].source + d1[k].target + d1[k].label, d2[k].source + d2[k].target + d2[k].label);
    EXPECT_NEAR(d1[k].goldstein_sum, d2[k].goldstein_sum, 1e-6);
  }
  auto w1 = ComputeAlignment(sorted, Yearly(), NoBootstrap()), w2 = ComputeAlignment(shuffled, Yearly(), NoBootstrap());
  ASSERT_EQ(w1.size(), w2.size());
  for (size_t k = 0; k < w1.size(); ++k) {
    std::map<std::string, double> s1, s2;
    for (const auto& p : w1[k].pairs) s1[PairName(w1[k].states[p.a], w1[k].states[p.b])] = p.score;
    for (const auto& p : w2[k].pairs) s2[PairName(w2[k].states[p.a], w2[k].states[p.b])] = p.score;
    ASSERT_EQ(s1.size(), s2.size());
    for (const auto& [name, v] : s1) EXPECT_NEAR(v, s2[name], 1e-9) << name;
  }
  auto f1 = ComputeForecast(sorted, Yearly()), f2 = ComputeForecast(shuffled, Yearly());
  ASSERT_EQ(f1.backtest.size(), f2.backtest.size());
  for (size_t k = 0; k < f1.backtest.size(); ++k) EXPECT_NEAR(f1.backtest[k].loglik, f2.backtest[k].loglik, 1e-9);
}

}  // namespace
}  // namespace entente
