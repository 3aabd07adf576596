// Shifts: which changes the evidence supports (non-overlapping bootstrap intervals and enough
// direct events), how they are worded, and how the briefing shows both kinds.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/test_events.h"
#include "base/testutil.h"
#include "entente/analysis.h"

namespace entente {
namespace {

using testing::MakeEvent;

AnalysisOptions Yearly() {
  AnalysisOptions o;
  o.window = WindowUnit::kYear;
  return o;
}

AlignmentOptions Boot(int replicates) {
  AlignmentOptions a;
  a.bootstrap = replicates;
  return a;
}

// Two years. PRK-RUS turns from conflict (6 events in 2020) to cooperation (8 events in 2021):
// a change carried by many consistent events. RUS-UKR have no events with each other in 2020
// and one cooperative event in 2021 (a unilateral ceasefire): no evidence in 2020, so no
// change to compare, only a pair new in 2021.
// IND-PAK go from five clashes to one talk: enough events in all, one in the later window.
// Each side also deals with third states so that both years have a few states. Dates are a
// month apart so that no two mentions are grouped into one event.
std::vector<Event> ShiftEvents() {
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](int year, int month, const std::string& s, const std::string& t, const std::string& code,
                 double g, int quad) {
    char date[16];
    std::snprintf(date, sizeof(date), "%04d-%02d-15", year, month);
    const std::string id = std::to_string(n++);
    ev.push_back(MakeEvent("ev" + id, date, s, t, code, g, quad, "text " + id));
  };
  for (int m = 1; m <= 6; ++m) add(2020, m, m % 2 ? "PRK" : "RUS", m % 2 ? "RUS" : "PRK", "173", -5, 4);
  for (int m = 1; m <= 8; ++m) add(2021, m, m % 2 ? "PRK" : "RUS", m % 2 ? "RUS" : "PRK", "057", 8, 2);
  add(2021, 10, "RUS", "UKR", "0871", 5, 2);  // the lone ceasefire
  // IND-PAK: five clashes in 2020, one talk in 2021 (what a gap in coverage looks like).
  for (int m = 1; m <= 5; ++m) add(2020, m + 2, "IND", "PAK", "190", -10, 4);
  add(2021, 11, "PAK", "IND", "046", 3, 1);
  for (int year : {2020, 2021}) {
    for (int m = 1; m <= 3; ++m) {
      add(year, m + 1, "IND", "JPN", "042", 1.9, 1);
      add(year, m + 4, "PAK", "CHN", "042", 1.9, 1);
      add(year, m, "UKR", "POL", "042", 1.9, 1);
      add(year, m + 3, "RUS", "CHN", "042", 1.9, 1);
      add(year, m + 6, "USA", "JPN", "042", 1.9, 1);
    }
  }
  return ev;
}

const Shift* Find(const std::vector<Shift>& shifts, const std::string& a, const std::string& b) {
  for (const Shift& s : shifts) {
    if (s.a == a && s.b == b) return &s;
  }
  return nullptr;
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(ShiftSupportTest, ManyConsistentEventsSupportedOneEventNot) {
  EventTable t = TableFromEvents(ShiftEvents());
  auto w = ComputeAlignment(t, Yearly(), Boot(100));
  ASSERT_EQ(w.size(), 2u);
  auto shifts = ComputeShifts(t, w, Yearly());
  const Shift* prk = Find(shifts, "PRK", "RUS");
  ASSERT_NE(prk, nullptr);
  // A pair without evidence in one window is no change: not listed by default.
  EXPECT_EQ(Find(shifts, "RUS", "UKR"), nullptr);
  ShiftOptions with_one_sided;
  with_one_sided.top_one_sided = 10;
  const std::vector<Shift> all = ComputeShifts(t, w, Yearly(), with_one_sided);
  const Shift* ukr = Find(all, "RUS", "UKR");
  ASSERT_NE(ukr, nullptr);

  EXPECT_TRUE(prk->bootstrapped);
  EXPECT_TRUE(prk->supported) << prk->summary;
  EXPECT_TRUE(prk->caveat.empty());
  EXPECT_EQ(prk->from_events, 6);
  EXPECT_EQ(prk->to_events, 8);
  EXPECT_GT(prk->delta, 0);
  // The intervals contain their scores and lie apart.
  EXPECT_LE(prk->from_low, prk->from);
  EXPECT_GE(prk->from_high, prk->from);
  EXPECT_LE(prk->to_low, prk->to);
  EXPECT_GE(prk->to_high, prk->to);
  EXPECT_LT(prk->from_high, prk->to_low);
  EXPECT_LT(prk->from_low, prk->from_high);  // a real interval, not a point
  EXPECT_TRUE(Contains(prk->summary, "PRK-RUS rose from ")) << prk->summary;
  EXPECT_TRUE(Contains(prk->summary, "6 -> 8 events")) << prk->summary;
  EXPECT_TRUE(Contains(prk->summary, "[")) << prk->summary;

  EXPECT_FALSE(ukr->supported) << ukr->summary;
  EXPECT_TRUE(ukr->one_sided) << ukr->summary;
  EXPECT_EQ(ukr->from_events, 0);
  EXPECT_EQ(ukr->to_events, 1);
  EXPECT_EQ(ukr->caveat, "no direct events or shared occasions in 2020, so no alignment to compare");
  EXPECT_TRUE(Contains(ukr->summary, "RUS-UKR new in 2021: 0 -> 1 events between 2020 and 2021")) << ukr->summary;
  EXPECT_FALSE(Contains(ukr->summary, "rose")) << ukr->summary;
  EXPECT_FALSE(Contains(ukr->summary, "fell")) << ukr->summary;
  EXPECT_FALSE(Contains(ukr->summary, "shift")) << ukr->summary;
  // One-sided pairs come after every change; every change has evidence in both windows.
  bool seen_one_sided = false;
  for (const Shift& s : all) {
    seen_one_sided |= s.one_sided;
    EXPECT_EQ(s.one_sided, seen_one_sided) << s.summary;
    EXPECT_EQ(s.one_sided, s.from_events + s.from_occasions == 0 || s.to_events + s.to_occasions == 0)
        << s.summary;
  }

  // IND-PAK: six events in all and intervals apart, but the 2021 score rests on one event.
  const Shift* ind = Find(shifts, "IND", "PAK");
  ASSERT_NE(ind, nullptr);
  EXPECT_FALSE(ind->supported) << ind->summary;
  EXPECT_LT(ind->from_high, ind->to_low) << ind->summary;
  EXPECT_EQ(ind->caveat, "only 1 event or occasion in 2021, 2 needed in each window");
  ShiftOptions lenient;
  lenient.min_window_evidence = 1;
  const std::vector<Shift> lenient_shifts = ComputeShifts(t, w, Yearly(), lenient);
  const Shift* ind1 = Find(lenient_shifts, "IND", "PAK");
  ASSERT_NE(ind1, nullptr);
  EXPECT_TRUE(ind1->supported) << ind1->summary;

  // Supported first, each group by |delta|.
  bool seen_unsupported = false;
  double last = 1e9;
  for (const Shift& s : shifts) {
    if (!s.supported && !seen_unsupported) seen_unsupported = true, last = 1e9;
    EXPECT_FALSE(s.supported && seen_unsupported) << s.summary;
    EXPECT_LE(std::abs(s.delta), last + 1e-12);
    last = std::abs(s.delta);
    // The rule, checked on the returned fields.
    const bool apart = s.from_high < s.to_low || s.to_high < s.from_low;
    const int64_t evidence = s.from_events + s.to_events + s.from_occasions + s.to_occasions;
    const bool each = s.from_events + s.from_occasions >= 2 && s.to_events + s.to_occasions >= 2;
    EXPECT_EQ(s.supported, s.bootstrapped && apart && evidence >= 3 && each) << s.summary;
    EXPECT_EQ(s.supported, s.caveat.empty()) << s.summary;
    EXPECT_FALSE(s.one_sided) << s.summary;
    EXPECT_GT(s.from_events + s.from_occasions, 0) << s.summary;
    EXPECT_GT(s.to_events + s.to_occasions, 0) << s.summary;
  }
}

// The demo's "PRK-RUS 0.00 [0.00, 0.00] in 2021 ... 0 -> 2 events" and "ARG-BRA ... 1 -> 0
// events": a pair absent from a window, and a pair present there only through third states
// (KOR-RUS: both deal with CHN in 2020, no event between them), are never changes.
// Pairs new in or absent from a window are listed by their evidence, not by |change| (which
// measures nothing for them): a relation that begins with six events comes before a pair of two
// states absent from the earlier window, whose two events move the score most.
TEST(ShiftSupportTest, NewPairsComeByEvidenceNotByChange) {
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const std::string& date, const std::string& s, const std::string& t,
                 const std::string& code = "042", double g = 1.9, int quad = 1) {
    const std::string id = "n" + std::to_string(n++);
    ev.push_back(MakeEvent(id, date, s, t, code, g, quad, "text " + id));
  };
  for (int m = 1; m <= 6; ++m) {
    const std::string mm = "0" + std::to_string(m);
    add("2024-" + mm + "-10", "CHN", "RUS");
    add("2024-" + mm + "-12", "PRK", "RUS");
    add("2025-" + mm + "-10", "CHN", "RUS");
    add("2025-" + mm + "-12", "PRK", "RUS");
    add("2025-" + mm + "-14", "PRK", "CHN");  // new in 2025, both states there in 2024
  }
  add("2025-07-01", "ARG", "BRA", "057", 8, 2);  // new in 2025, neither state there in 2024
  add("2025-07-02", "BRA", "ARG", "057", 8, 2);
  EventTable t = TableFromEvents(ev);
  auto w = ComputeAlignment(t, Yearly(), Boot(50));
  ShiftOptions so;
  so.top_one_sided = 100;
  auto all = ComputeShifts(t, w, Yearly(), so);
  const Shift* prk = Find(all, "CHN", "PRK");
  const Shift* arg = Find(all, "ARG", "BRA");
  ASSERT_NE(prk, nullptr);
  ASSERT_NE(arg, nullptr);
  ASSERT_TRUE(prk->one_sided && arg->one_sided);
  ASSERT_GT(std::fabs(arg->delta), std::fabs(prk->delta));  // what the old order went by
  so.top_one_sided = 1;
  auto top = ComputeShifts(t, w, Yearly(), so);
  ASSERT_NE(Find(top, "CHN", "PRK"), nullptr);
  EXPECT_EQ(Find(top, "ARG", "BRA"), nullptr);
}

TEST(ShiftSupportTest, ZeroEvidencePairsAreNotChanges) {
  std::vector<Event> ev;
  int n = 0;
  auto add = [&](const std::string& date, const std::string& s, const std::string& t, const std::string& code,
                 double g, int quad) {
    const std::string id = "z" + std::to_string(n++);
    ev.push_back(MakeEvent(id, date, s, t, code, g, quad, "text " + id));
  };
  for (int m = 1; m <= 4; ++m) {
    add("2020-0" + std::to_string(m) + "-10", "CHN", "KOR", "042", 1.9, 1);
    add("2020-0" + std::to_string(m) + "-12", "CHN", "RUS", "042", 1.9, 1);
    add("2021-0" + std::to_string(m) + "-10", "CHN", "KOR", "112", -2, 3);
    add("2021-0" + std::to_string(m) + "-12", "CHN", "RUS", "042", 1.9, 1);
    add("2021-0" + std::to_string(m) + "-14", "KOR", "RUS", "057", 8, 2);  // new in 2021
    add("2020-0" + std::to_string(m) + "-16", "ARG", "BRA", "057", 8, 2);  // absent from 2021
  }
  add("2021-05-01", "ARG", "CHN", "042", 1.9, 1);
  add("2021-05-03", "BRA", "CHN", "042", 1.9, 1);
  EventTable t = TableFromEvents(ev);
  auto w = ComputeAlignment(t, Yearly(), Boot(100));
  ASSERT_EQ(w.size(), 2u);
  ShiftOptions so;
  so.top = so.top_unsupported = 100;
  auto shifts = ComputeShifts(t, w, Yearly(), so);
  EXPECT_EQ(Find(shifts, "KOR", "RUS"), nullptr);
  EXPECT_EQ(Find(shifts, "ARG", "BRA"), nullptr);
  for (const Shift& s : shifts) {
    EXPECT_GT(s.from_events + s.from_occasions, 0) << s.summary;
    EXPECT_GT(s.to_events + s.to_occasions, 0) << s.summary;
  }
  EXPECT_NE(Find(shifts, "CHN", "KOR"), nullptr);  // a real change: evidence in both years
  so.top_one_sided = 100;
  auto with = ComputeShifts(t, w, Yearly(), so);
  const Shift* kor = Find(with, "KOR", "RUS");
  const Shift* arg = Find(with, "ARG", "BRA");
  ASSERT_NE(kor, nullptr);
  ASSERT_NE(arg, nullptr);
  EXPECT_TRUE(kor->one_sided && arg->one_sided);
  EXPECT_FALSE(kor->supported || arg->supported);
  EXPECT_TRUE(Contains(kor->summary, "KOR-RUS new in 2021: 0 -> 4 events")) << kor->summary;
  EXPECT_TRUE(Contains(arg->summary, "ARG-BRA absent from 2021: 4 -> 0 events")) << arg->summary;
  EXPECT_FALSE(kor->drivers.empty());
  // The briefing lists them under their own heading, not as unsupported changes.
  Briefing b = MakeBriefing(t, Yearly(), Boot(100));
  const size_t heading = b.markdown.find("Pairs new or absent in a window");
  ASSERT_NE(heading, std::string::npos) << b.markdown;
  const size_t kor_line = b.markdown.find("- KOR-RUS new in 2021");
  ASSERT_NE(kor_line, std::string::npos) << b.markdown;
  EXPECT_GT(kor_line, heading);
  EXPECT_LT(kor_line, b.markdown.find("## Forecast"));
  nlohmann::json j = nlohmann::json::parse(b.json);
  for (const auto& s : j["unsupported_shifts"]) EXPECT_NE(s["pair"], "KOR-RUS");
  bool listed = false;
  for (const auto& s : j["new_or_absent_pairs"]) listed |= s["pair"] == "KOR-RUS";
  EXPECT_TRUE(listed) << j["new_or_absent_pairs"].dump();
}

TEST(ShiftSupportTest, OptionsCapAndRaiseTheBar) {
  EventTable t = TableFromEvents(ShiftEvents());
  auto w = ComputeAlignment(t, Yearly(), Boot(100));
  ShiftOptions only;
  only.top_unsupported = 0;
  auto supported = ComputeShifts(t, w, Yearly(), only);
  ASSERT_FALSE(supported.empty());
  for (const Shift& s : supported) EXPECT_TRUE(s.supported);
  EXPECT_EQ(Find(supported, "RUS", "UKR"), nullptr);

  ShiftOptions strict;
  strict.min_evidence = 15;  // PRK-RUS has 14
  const std::vector<Shift> strict_shifts = ComputeShifts(t, w, Yearly(), strict);
  const Shift* prk = Find(strict_shifts, "PRK", "RUS");
  ASSERT_NE(prk, nullptr);
  EXPECT_FALSE(prk->supported);
  EXPECT_TRUE(Contains(prk->caveat, "14 events or occasions in all, 15 needed")) << prk->caveat;
  EXPECT_FALSE(Contains(prk->caveat, "overlap")) << prk->caveat;  // the intervals are still apart

  ShiftOptions one;
  one.top = 1;
  one.top_unsupported = 1;
  EXPECT_LE(ComputeShifts(t, w, Yearly(), one).size(), 2u);
}

TEST(ShiftSupportTest, WithoutBootstrapNothingIsSupported) {
  EventTable t = TableFromEvents(ShiftEvents());
  auto w = ComputeAlignment(t, Yearly(), Boot(0));
  auto shifts = ComputeShifts(t, w, Yearly());
  ASSERT_FALSE(shifts.empty());
  for (const Shift& s : shifts) {
    EXPECT_FALSE(s.bootstrapped);
    EXPECT_FALSE(s.supported);
    EXPECT_DOUBLE_EQ(s.from_low, s.from);
    EXPECT_DOUBLE_EQ(s.from_high, s.from);
    EXPECT_DOUBLE_EQ(s.to_low, s.to);
    EXPECT_DOUBLE_EQ(s.to_high, s.to);
    EXPECT_TRUE(Contains(s.caveat, "no bootstrap")) << s.caveat;
    EXPECT_FALSE(Contains(s.summary, "rose") || Contains(s.summary, "fell")) << s.summary;
    EXPECT_FALSE(Contains(s.summary, "[")) << s.summary;  // no interval is pretended
  }
}

// The part of the markdown between two headings (or to the end).
std::string Section(const std::string& md, const std::string& heading) {
  size_t b = md.find(heading);
  if (b == std::string::npos) return "";
  size_t e = md.find("\n## ", b + heading.size());
  return md.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

// The markdown line starting with `prefix`, or "".
std::string Line(const std::string& text, const std::string& prefix) {
  size_t b = text.find("\n" + prefix);
  if (b == std::string::npos) return "";
  size_t e = text.find('\n', b + 1);
  return text.substr(b + 1, e == std::string::npos ? std::string::npos : e - b - 1);
}

TEST(ShiftBriefTest, SupportedAsClaimsUnsupportedApart) {
  EventTable t = TableFromEvents(ShiftEvents());
  Briefing b = MakeBriefing(t, Yearly(), Boot(100));
  const std::string shifts = Section(b.markdown, "## Largest shifts");
  ASSERT_FALSE(shifts.empty()) << b.markdown;
  EXPECT_TRUE(Contains(shifts, "90% bootstrap intervals")) << shifts;
  const size_t apart = shifts.find("Changes the evidence does not support");
  ASSERT_NE(apart, std::string::npos) << shifts;
  const std::string prk = Line(shifts, "- PRK-RUS rose from ");
  ASSERT_FALSE(prk.empty()) << shifts;
  EXPECT_LT(shifts.find(prk), apart);
  EXPECT_TRUE(Contains(prk, "6 -> 8 events")) << prk;
  EXPECT_TRUE(Contains(prk, "[events: ev")) << prk;
  const std::string ind = Line(shifts, "- IND-PAK ");
  ASSERT_FALSE(ind.empty()) << shifts;
  EXPECT_GT(shifts.find(ind), apart);
  EXPECT_TRUE(Contains(ind, "5 -> 1 events")) << ind;
  EXPECT_FALSE(Contains(ind, "rose") || Contains(ind, "fell")) << ind;
  // RUS-UKR (0 -> 1) has nothing to compare in 2020: apart again, after the changes.
  const size_t one_sided = shifts.find("Pairs new or absent in a window");
  ASSERT_NE(one_sided, std::string::npos) << shifts;
  EXPECT_GT(one_sided, apart);
  const std::string ukr = Line(shifts, "- RUS-UKR ");
  ASSERT_FALSE(ukr.empty()) << shifts;
  EXPECT_GT(shifts.find(ukr), one_sided);
  EXPECT_TRUE(Contains(ukr, "0 -> 1 events")) << ukr;
  EXPECT_FALSE(Contains(ukr, "rose") || Contains(ukr, "fell")) << ukr;

  nlohmann::json j = nlohmann::json::parse(b.json);
  ASSERT_TRUE(j["shifts"].is_array());
  ASSERT_TRUE(j["unsupported_shifts"].is_array());
  bool found_prk = false, found_ukr = false, found_ind = false;
  for (const auto& s : j["shifts"]) {
    EXPECT_TRUE(s["supported"].get<bool>());
    if (s["pair"] == "PRK-RUS") {
      found_prk = true;
      EXPECT_EQ(s["from_events"], 6);
      EXPECT_EQ(s["to_events"], 8);
      EXPECT_LT(s["from_high"].get<double>(), s["to_low"].get<double>());
    }
  }
  for (const auto& s : j["unsupported_shifts"]) {
    EXPECT_FALSE(s["supported"].get<bool>());
    EXPECT_FALSE(s["caveat"].get<std::string>().empty());
    EXPECT_NE(s["pair"], "RUS-UKR");
    found_ind |= s["pair"] == "IND-PAK";
  }
  for (const auto& s : j["new_or_absent_pairs"]) {
    EXPECT_FALSE(s["supported"].get<bool>());
    EXPECT_TRUE(s["one_sided"].get<bool>());
    if (s["pair"] == "RUS-UKR") {
      found_ukr = true;
      EXPECT_EQ(s["to_events"], 1);
    }
  }
  EXPECT_TRUE(found_ind) << b.json;
  EXPECT_TRUE(found_prk) << b.json;
  EXPECT_TRUE(found_ukr) << b.json;
}

TEST(ShiftBriefTest, WithoutBootstrapSaysSo) {
  EventTable t = TableFromEvents(ShiftEvents());
  Briefing b = MakeBriefing(t, Yearly(), Boot(0));
  const std::string shifts = Section(b.markdown, "## Largest shifts");
  EXPECT_TRUE(Contains(shifts, "No shift can be tested")) << shifts;
  EXPECT_FALSE(Contains(shifts, " rose from ") || Contains(shifts, " fell from ")) << shifts;
  nlohmann::json j = nlohmann::json::parse(b.json);
  EXPECT_TRUE(j["shifts"].empty());
  EXPECT_FALSE(j["unsupported_shifts"].empty());
}

}  // namespace
}  // namespace entente
