// Forecast: empirical-Bayes shrinkage of short histories, close calls in the model choice, and
// the backtest on real event data (ICEWS, GDELT; skipped without ../shared/data).
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/gdelt_tsv.h"
#include "analysis/internal.h"
#include "analysis/validation_data.h"
#include "base/testutil.h"
#include "entente/analysis.h"
#include "entente/knowledge.h"

namespace entente {
namespace {

AnalysisOptions Yearly() {
  AnalysisOptions o;
  o.window = WindowUnit::kYear;
  return o;
}

void Add(EventTable* t, int* n, const std::string& s, const std::string& g, int year, int e, bool meeting) {
  t->AddRaw("f" + std::to_string((*n)++), s, g, Date{year, 1 + e % 12, 1 + e % 28}.Days(),
            meeting ? "042" : "061", meeting ? 1.9 : 6.4, meeting ? 1 : 2, Modality::kActual, "", true);
}

// Twenty dyads seen every year 2000-2011 with Poisson counts of cooperative events at rates
// spread from 1 to 10 a year and a meeting each year with a probability from 0.1 to 0.9, and one
// dyad, NEW->ONE, seen only in 2011 with 14 events, a meeting among them (a parade: one window
// of history). Deterministic (seeded).
EventTable ShortAndLongHistories() {
  EventTable t;
  Rng rng(11);
  int n = 0;
  for (int d = 0; d < 20; ++d) {
    const std::string s = "L" + std::to_string(10 + d / 5), g = "M" + std::to_string(10 + d % 5);
    const double rate = 1 + 9.0 * d / 19, p_meet = 0.1 + 0.8 * ((d * 7) % 20) / 19.0;
    for (int y = 2000; y <= 2011; ++y) {
      double l = std::exp(-rate), p = 1;
      int k = -1;
      do {
        ++k;
        p *= rng.Uniform();
      } while (p > l);
      for (int e = 0; e < k; ++e) Add(&t, &n, s, g, y, e, false);
      if (rng.Uniform() < p_meet) Add(&t, &n, s, g, y, 11, true);
    }
  }
  for (int e = 0; e < 14; ++e) Add(&t, &n, "NEW", "ONE", 2011, e, e == 0);
  return t;
}

const DyadForecast* Find(const ForecastResult& r, const std::string& s, const std::string& g) {
  for (const DyadForecast& d : r.dyads) {
    if (d.source == s && d.target == g) return &d;
  }
  return nullptr;
}

TEST(ForecastShrinkTest, OneWindowDyadIsPulledToThePriorLongHistoryBarelyMoves) {
  EventTable t = ShortAndLongHistories();
  ForecastOptions f;
  f.model = "frequency";
  f.top = -1;
  ForecastOptions raw_options = f;
  raw_options.shrink = false;
  auto shrunk = ComputeForecast(t, Yearly(), f);
  auto raw = ComputeForecast(t, Yearly(), raw_options);
  ASSERT_EQ(shrunk.dyads.size(), 21u) << shrunk.note;
  ASSERT_EQ(raw.dyads.size(), 21u);
  // Without shrinkage the baseline is the raw mean and share of windows with a meeting.
  const DyadForecast* new_raw = Find(raw, "NEW", "ONE");
  const DyadForecast* new_shrunk = Find(shrunk, "NEW", "ONE");
  ASSERT_NE(new_raw, nullptr);
  ASSERT_NE(new_shrunk, nullptr);
  EXPECT_EQ(new_shrunk->history_windows, 1);
  EXPECT_NEAR(new_raw->coop, 14, 1e-12);
  EXPECT_NEAR(new_raw->p_meeting, 1, 1e-12);
  // Each shrunk value is (S + b m) / (n + b) for one prior (m, b) of the window: solve m and b
  // from the new dyad and one long dyad, then every other dyad must follow the same formula.
  // For the rates x = coop; for the meeting shares x = p_meeting.
  for (bool share : {false, true}) {
    auto x = [&](const DyadForecast& d) { return share ? d.p_meeting : d.coop; };
    const DyadForecast* ref_raw = Find(raw, "L13", "M14");
    const DyadForecast* ref = Find(shrunk, "L13", "M14");
    ASSERT_NE(ref, nullptr);
    const double n_ref = ref->history_windows;
    const double s1 = x(*new_shrunk), s_ref = x(*ref), sum1 = x(*new_raw), sum_ref = x(*ref_raw) * n_ref;
    // s1 (1 + b) = sum1 + b m and s_ref (n_ref + b) = sum_ref + b m.
    const double b = (sum1 - sum_ref - s1 + s_ref * n_ref) / (s1 - s_ref);
    const double m = (s1 * (1 + b) - sum1) / b;
    EXPECT_GT(b, 0.3) << (share ? "share" : "rate");  // one window moves at least a quarter of the way
    EXPECT_LT(b, 50) << (share ? "share" : "rate");
    EXPECT_LT(m, x(*new_raw));  // the prior lies below the parade's window
    const double moved_new = b / (1 + b);
    for (const DyadForecast& r : raw.dyads) {
      if (r.source == "NEW") continue;
      const DyadForecast* sd = Find(shrunk, r.source, r.target);
      ASSERT_NE(sd, nullptr);
      const int n = sd->history_windows;
      EXPECT_GE(n, 10);
      EXPECT_NEAR(x(*sd), (x(r) * n + b * m) / (n + b), 1e-6) << r.source << r.target;
      // Ten or more windows: the dyad moves a small part of its distance to the prior, far less
      // than the one-window dyad.
      EXPECT_LT(b / (n + b), moved_new / 2.5) << r.source << r.target;
      if (!share) {
        EXPECT_LT(b / (n + b), 0.15) << r.source << r.target;
      }
    }
  }
  // The shrunk baseline is what the backtest scores as "frequency".
  ASSERT_EQ(shrunk.backtest.size(), 3u);
  ASSERT_EQ(raw.backtest.size(), 3u);
  EXPECT_EQ(shrunk.backtest[2].model, "frequency");
  EXPECT_NE(shrunk.backtest[2].loglik, raw.backtest[2].loglik);
}

TEST(ForecastShrinkTest, DeterministicAndRegressionUsesTheShrunkMean) {
  EventTable t = ShortAndLongHistories();
  ForecastOptions f;
  f.model = "regression";
  auto a = ComputeForecast(t, Yearly(), f);
  auto b = ComputeForecast(t, Yearly(), f);
  ASSERT_EQ(a.dyads.size(), b.dyads.size());
  for (size_t i = 0; i < a.dyads.size(); ++i) {
    EXPECT_EQ(a.dyads[i].coop, b.dyads[i].coop);
    EXPECT_EQ(a.dyads[i].p_meeting, b.dyads[i].p_meeting);
  }
  f.shrink = false;
  auto c = ComputeForecast(t, Yearly(), f);
  // The regression's mean-rate feature differs, so its backtest does.
  ASSERT_EQ(a.backtest.size(), 3u);
  ASSERT_EQ(c.backtest.size(), 3u);
  EXPECT_NE(a.backtest[0].loglik, c.backtest[0].loglik);
}

// Forty dyads with the same stationary Poisson rate (1.5 cooperative events a year, a meeting
// with probability 0.5): for the counts, the regression's intercept and the pooled frequency
// baseline estimate the same rate, so the backtest cannot separate them.
EventTable Exchangeable() {
  EventTable t;
  Rng rng(7);
  int n = 0;
  for (int d = 0; d < 40; ++d) {
    const std::string s = "P" + std::to_string(10 + d / 8), g = "Q" + std::to_string(10 + d % 8);
    for (int y = 2000; y <= 2011; ++y) {
      double l = std::exp(-1.5), p = 1;
      int k = -1;
      do {
        ++k;
        p *= rng.Uniform();
      } while (p > l);
      const bool meet = rng.Uniform() < 0.5;
      for (int e = 0; e < k; ++e) Add(&t, &n, s, g, y, e, false);
      if (meet) Add(&t, &n, s, g, y, 11, true);
    }
  }
  return t;
}

void ExpectConsistent(const ForecastResult& r) {
  EXPECT_EQ(r.model_clear, r.model_margin > 0 && r.model_margin >= 2 * r.model_margin_se);
  EXPECT_EQ(r.meeting_model_clear, r.meeting_margin > 0 && r.meeting_margin >= 2 * r.meeting_margin_se);
  EXPECT_NE(r.model_runner_up, r.model);
  EXPECT_NE(r.meeting_runner_up, r.meeting_model);
  EXPECT_FALSE(r.model_runner_up.empty());
  EXPECT_FALSE(r.meeting_runner_up.empty());
  size_t meeting_part = r.model_reason.find("P(meeting) from");
  ASSERT_NE(meeting_part, std::string::npos) << r.model_reason;
  const std::string counts = r.model_reason.substr(0, meeting_part), meeting = r.model_reason.substr(meeting_part);
  EXPECT_EQ(counts.find("not distinguishable from") != std::string::npos, !r.model_clear) << counts;
  EXPECT_EQ(meeting.find("not distinguishable from") != std::string::npos, !r.meeting_model_clear) << meeting;
}

TEST(ForecastCloseCallTest, EqualModelsAreFlaggedAsNotDistinguishable) {
  auto r = ComputeForecast(Exchangeable(), Yearly());
  ASSERT_EQ(r.backtest.size(), 3u) << r.note;
  const BacktestScore &model = r.backtest[0], &freq = r.backtest[2];
  // Counts: the regression's intercept and the pooled mean are the same rate.
  EXPECT_NEAR(model.loglik, freq.loglik, 0.02) << r.model_reason;
  EXPECT_FALSE(r.model_clear) << r.model_reason;
  EXPECT_LT(std::fabs(r.model_margin), 2 * r.model_margin_se);
  EXPECT_GT(r.model_margin_se, 0);
  const std::string counts = r.model_reason.substr(0, r.model_reason.find("P(meeting)"));
  EXPECT_NE(counts.find("but not distinguishable from the "), std::string::npos) << r.model_reason;
  EXPECT_NE(counts.find("\u00b1"), std::string::npos) << r.model_reason;
  ExpectConsistent(r);
  // A forced model's reason still says the backtest's own preference is a toss-up.
  ForecastOptions forced;
  forced.model = "persistence";
  auto p = ComputeForecast(Exchangeable(), Yearly(), forced);
  EXPECT_FALSE(p.model_clear);
  EXPECT_NE(p.model_reason.find(" (not distinguishable from the "), std::string::npos) << p.model_reason;
  // The briefing quotes it.
  AlignmentOptions a;
  a.bootstrap = 0;
  Briefing b = MakeBriefing(Exchangeable(), Yearly(), a);
  EXPECT_NE(b.markdown.find("not distinguishable from"), std::string::npos);
  auto j = nlohmann::json::parse(b.json);
  EXPECT_FALSE(j["forecast_model_clear"].get<bool>());
}

// Alternating dyads (busy one year, silent the next): the regression's lag feature wins by far.
TEST(ForecastCloseCallTest, ClearWinnerIsNotFlagged) {
  EventTable t;
  int n = 0;
  for (int d = 0; d < 12; ++d) {
    const std::string s = "A" + std::to_string(10 + d / 4), g = "B" + std::to_string(10 + d % 4);
    for (int y = 2000; y <= 2011; ++y) {
      if ((y + d) % 2 != 0) continue;
      for (int e = 0; e < 2 + d; ++e) Add(&t, &n, s, g, y, e, true);
    }
  }
  auto r = ComputeForecast(t, Yearly());
  ASSERT_EQ(r.backtest.size(), 3u) << r.note;
  EXPECT_EQ(r.model, "poisson-regression") << r.model_reason;
  EXPECT_TRUE(r.model_clear) << r.model_reason;
  EXPECT_GT(r.model_margin, 2 * r.model_margin_se);
  EXPECT_TRUE(r.meeting_model_clear) << r.model_reason;
  EXPECT_NE(r.model_reason.find("ahead of"), std::string::npos) << r.model_reason;
  EXPECT_EQ(r.model_reason.find("not distinguishable"), std::string::npos) << r.model_reason;
  ExpectConsistent(r);
}

TEST(ForecastCloseCallTest, NoBacktestNothingIsClear) {
  EventTable t;
  int n = 0;
  Add(&t, &n, "CHN", "RUS", 2023, 0, true);
  Add(&t, &n, "CHN", "RUS", 2024, 0, true);
  auto r = ComputeForecast(t, Yearly());
  EXPECT_TRUE(r.backtest.empty());
  EXPECT_FALSE(r.model_clear);
  EXPECT_FALSE(r.meeting_model_clear);
  EXPECT_TRUE(r.model_runner_up.empty());
}

// ---------------------------------------------------------------------------------------------
// The backtest on real data, raw against shrunk baseline (numbers in docs/analysis.md).

void Report(const std::string& tag, const EventTable& t, const AnalysisOptions& o) {
  for (bool shrink : {false, true}) {
    ForecastOptions f;
    f.shrink = shrink;
    f.top = 0;
    auto r = ComputeForecast(t, o, f);
    ASSERT_EQ(r.backtest.size(), 3u) << tag << ": " << r.note;
    std::cout << "[ forecast ] " << tag << (shrink ? " shrunk" : " raw   ");
    for (const BacktestScore& b : r.backtest) {
      std::cout << " | " << b.model << " loglik " << Fixed(b.loglik, 3) << " mae " << Fixed(b.mae, 3)
                << " brier " << Fixed(b.brier, 4);
    }
    std::cout << " | cases " << r.backtest[0].cases << "\n[ forecast ]   " << r.model_reason << "\n";
    // Sanity floors: every score finite, the chosen models named.
    for (const BacktestScore& b : r.backtest) {
      EXPECT_TRUE(std::isfinite(b.loglik) && std::isfinite(b.brier)) << tag;
      EXPECT_GT(b.cases, 100) << tag;
    }
    EXPECT_FALSE(r.model.empty());
  }
}

TEST(ForecastRealDataTest, GdeltGeorgiaMonthly) {
  ENTENTE_REQUIRE_SHARED(data);
  auto rows = testing::ReadGdeltTsv(data + "/gdelt1-georgia-2011-2013/gdelt1_georgia_201106-201305.normalized.tsv.gz");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EventTable t;
  testing::AddGdeltRows(*rows, &t);
  AnalysisOptions o;
  o.window = WindowUnit::kMonth;
  Report("GDELT Georgia monthly", t, o);
}

TEST(ForecastRealDataTest, IcewsMonthlyAndWeekly) {
  ENTENTE_REQUIRE_SHARED(data);
  KnowledgeOptions ko;
  ko.root = testing::SourceDir();
  auto kb = KnowledgeBase::Load(ko, {});
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  struct Set {
    std::string name;
    std::vector<std::string> files;
    Date epoch;
    int per_day;
  };
  for (const Set& set : {Set{"ICEWS14", {"train.txt", "valid.txt", "test.txt"}, Date{2014, 1, 1}, 24},
                         Set{"ICEWS05-15", {"valid.txt", "test.txt"}, Date{2005, 1, 1}, 1}}) {
    const std::string dir = data + "/icews/tkg/" + set.name;
    auto ents = testing::ReadIdFile(dir + "/entity2id.txt");
    auto rels = testing::MapRelations(data, testing::ReadIdFile(dir + "/relation2id.txt"));
    testing::EntityResolver resolver(**kb, ents);
    EventTable t;
    int64_t n = 0;
    for (const std::string& file : set.files) {
      for (const testing::Quad& q : testing::ReadQuads(dir + "/" + file)) {
        ++n;
        if (q.r < 0 || static_cast<size_t>(q.r) >= rels.size() || rels[q.r].code.empty()) continue;
        Date d = Date::FromDays(set.epoch.Days() + q.t / set.per_day);
        t.AddRaw(set.name + ":" + std::to_string(n), resolver.Country(q.s, d), resolver.Country(q.o, d), d.Days(),
                 rels[q.r].code, rels[q.r].goldstein, rels[q.r].quad, Modality::kActual, "", true);
      }
    }
    ASSERT_GT(t.size(), 10000u) << set.name;
    AnalysisOptions o;
    o.window = WindowUnit::kMonth;
    Report(set.name + " monthly", t, o);
    o.window = WindowUnit::kWeek;
    Report(set.name + " weekly", t, o);
  }
}

// The margin's error: cases of one backtest window move together, so the clustered error
// counts each window once; it never goes below the independent-cases error.
TEST(ForecastCloseCallTest, PairedMarginClustersByWindow) {
  const std::vector<double> zero(8, 0.0);
  // Window 0: every case +2; window 1: every case 0. Mean 1; independent se sqrt(1/7);
  // clustered: per-window sums of deviations +4 and -4, sqrt(2 / 1 * 32) / 8 = 1.
  const std::vector<double> a = {2, 2, 2, 2, 0, 0, 0, 0};
  PairedMargin m = Paired(a, zero, {0, 0, 0, 0, 1, 1, 1, 1});
  EXPECT_DOUBLE_EQ(m.mean, 1.0);
  EXPECT_NEAR(m.se, 1.0, 1e-12);
  // One window: nothing to cluster over, the independent error stands.
  m = Paired(a, zero, std::vector<int64_t>(8, 5));
  EXPECT_NEAR(m.se, std::sqrt(1.0 / 7), 1e-12);
  // Deviations that cancel inside each window: the clustered error is 0, the independent stays.
  m = Paired({0, 2, 0, 2}, {0, 0, 0, 0}, {0, 0, 1, 1});
  EXPECT_DOUBLE_EQ(m.mean, 1.0);
  EXPECT_NEAR(m.se, std::sqrt(4.0 / 3 / 4), 1e-12);
  // Paired subtracts b: the same cases as a difference.
  m = Paired({5, 5, 5, 5}, {3, 3, 5, 5}, {0, 0, 1, 1});
  EXPECT_DOUBLE_EQ(m.mean, 1.0);
  EXPECT_NEAR(m.se, std::sqrt(2.0 / 1 * 8) / 4, 1e-12);  // sums +2 and -2
}

}  // namespace
}  // namespace entente
