// Grouping mentions into events: the demo corpus stories, by hand, and (when the coder works)
// the corpus itself.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/test_events.h"
#include "base/testutil.h"
#include "entente/analysis.h"

namespace entente {
namespace {

using testing::MakeEvent;

TEST(GroupingTest, SingaporeSummitReportsCollapse) {
  // 010 (wire, 06-12), 011 (Seoul reaction, 06-12), 012 (KCNA account, dated 06-13).
  std::vector<Event> ev = {
      MakeEvent("010a", "2018-06-12", "USA", "PRK", "043", 2.8, 1,
                "Trump and Kim pledged new relations at a historic summit in Singapore"),
      MakeEvent("011a", "2018-06-12", "PRK", "USA", "042", 1.9, 1,
                "Kim met Trump in Singapore and the two signed a joint statement"),
      MakeEvent("012a", "2018-06-13", "PRK", "USA", "042", 1.9, 1,
                "North Korean media hailed the meeting of the leader with the U.S. president"),
      MakeEvent("010b", "2018-06-12", "USA", "PRK", "057", 8.0, 2,
                "The two leaders signed a joint statement", Modality::kActual, "Singapore"),
      MakeEvent("011b", "2018-06-12", "PRK", "USA", "057", 8.0, 2,
                "Kim and Trump signed a document committing to denuclearization", Modality::kActual,
                "Singapore"),
  };
  auto g = GroupMentions(ev);
  EXPECT_EQ(g[0], "010a");
  EXPECT_EQ(g[1], "010a");  // 042 visit mirrors 043 host: one meeting
  EXPECT_EQ(g[2], "010a");  // next day, same code
  EXPECT_EQ(g[3], "010b");  // the signing is its own event (root 05)
  EXPECT_EQ(g[4], "010b");
}

TEST(GroupingTest, PyongyangSummitAndHospitalStrikeCollapse) {
  std::vector<Event> ev = {
      MakeEvent("076", "2024-06-19", "RUS", "PRK", "042", 1.9, 1, "Putin arrived in Pyongyang"),
      MakeEvent("077", "2024-06-19", "PRK", "RUS", "043", 2.8, 1, "Kim hosted Putin in Pyongyang"),
      MakeEvent("078", "2024-06-20", "RUS", "PRK", "042", 1.9, 1, "the visit of Putin to Pyongyang"),
      MakeEvent("081", "2024-07-08", "RUS", "UKR", "195", -10, 4,
                "A Russian missile strike hit the Okhmatdyt children's hospital in Kyiv"),
      MakeEvent("082", "2024-07-09", "RUS", "UKR", "195", -10, 4,
                "Kyiv mourned as the toll from the Russian strike on the children's hospital rose"),
  };
  auto g = GroupMentions(ev);
  EXPECT_EQ(g[1], "076");
  EXPECT_EQ(g[2], "076");
  EXPECT_EQ(g[4], "081");
}

TEST(GroupingTest, DistinctSameDayEventsStayApart) {
  std::vector<Event> ev = {
      // 2018-05-24: demolition of Punggye-ri vs Trump cancelling the summit: different dyads.
      MakeEvent("007", "2018-05-24", "PRK", "USA", "030", 4, 1, "North Korea demolished its test site"),
      MakeEvent("008", "2018-05-24", "USA", "PRK", "161", -4, 3, "Trump called off the summit"),
      // 2021-09-15: PRK missile launch threatening JPN vs KOR SLBM test and PRK criticism of KOR.
      MakeEvent("031", "2021-09-15", "PRK", "KOR", "138", -7, 3, "North Korea fired two ballistic missiles"),
      MakeEvent("032", "2021-09-15", "PRK", "KOR", "111", -2, 3,
                "Kim Yo Jong criticised Moon over the submarine missile test"),
      // 2025-09-03: the parade (RUS visits CHN) vs Putin-Kim talks (RUS meets PRK).
      MakeEvent("103", "2025-09-03", "RUS", "CHN", "042", 1.9, 1, "Putin attended the parade in Beijing"),
      MakeEvent("105", "2025-09-03", "RUS", "PRK", "040", 1, 1, "Putin and Kim held talks in Beijing"),
      // Planned vs actual: a different claim, never merged.
      MakeEvent("000", "2025-09-03", "PRK", "CHN", "042", 1.9, 1, "Kim will attend the parade",
                Modality::kPlanned),
      MakeEvent("103b", "2025-09-03", "PRK", "CHN", "042", 1.9, 1, "Kim attended the parade"),
      // Same dyad and root, different code, a week apart: two visits.
      MakeEvent("v1", "2024-01-01", "CHN", "RUS", "042", 1.9, 1, "a visit"),
      MakeEvent("v2", "2024-01-08", "CHN", "RUS", "042", 1.9, 1, "a visit"),
  };
  auto g = GroupMentions(ev);
  std::set<std::string> distinct(g.begin(), g.end());
  EXPECT_EQ(distinct.size(), ev.size());
}

TEST(GroupingTest, SameRootNeedsSimilarWordingOrPlace) {
  std::vector<Event> ev = {
      MakeEvent("a", "2023-03-16", "KOR", "JPN", "036", 4, 1, "Yoon and Kishida agreed to restore ties"),
      MakeEvent("b", "2023-03-16", "KOR", "JPN", "031", 5.2, 1, "Seoul and Tokyo resumed military ties"),
      MakeEvent("c", "2023-03-16", "KOR", "JPN", "030", 4, 1, "Yoon and Kishida agreed to restore ties fully"),
      MakeEvent("d", "2023-03-17", "KOR", "JPN", "033", 4, 1, "unrelated words", Modality::kActual, "Tokyo"),
      MakeEvent("e", "2023-03-17", "KOR", "JPN", "034", 4, 1, "other words", Modality::kActual, "Tokyo"),
  };
  auto g = GroupMentions(ev);
  EXPECT_EQ(g[0], "a");
  EXPECT_EQ(g[1], "b");  // same root 03 but different code and wording
  EXPECT_EQ(g[2], "a");  // same root, similar wording
  EXPECT_EQ(g[4], g[3]); // same root, same place
}

TEST(GroupingTest, ImportedEventsAreTheirOwnGroups) {
  auto a = MakeEvent("g1", "2012-01-01", "RUS", "GEO", "190", -10, 4, "");
  auto b = MakeEvent("g2", "2012-01-01", "RUS", "GEO", "190", -10, 4, "");
  a.origin = b.origin = "gdelt";
  auto g = GroupMentions({a, b});
  EXPECT_EQ(g[0], "g1");
  EXPECT_EQ(g[1], "g2");
}

// "Putin last visited Pyongyang in 2000" is dated 2000-01-01 with year precision: it is not a
// mention of an event on that day, so it never joins a day's group and the event table (which
// bins by day) leaves it out, counted as having no day.
TEST(GroupingTest, YearOrMonthDatesAreNotDays) {
  auto day = MakeEvent("d1", "2000-01-01", "RUS", "PRK", "042", 1.9, 1, "Putin arrived in Pyongyang");
  auto year = MakeEvent("y1", "2000-01-01", "RUS", "PRK", "042", 1.9, 1, "Putin last visited Pyongyang in 2000");
  year.date_precision = DatePrecision::kYear;
  auto month = MakeEvent("m1", "2000-01-01", "RUS", "PRK", "042", 1.9, 1, "Putin visited Pyongyang in January");
  month.date_precision = DatePrecision::kMonth;
  auto g = GroupMentions({day, year, month});
  EXPECT_EQ(g[0], "d1");
  EXPECT_EQ(g[1], "y1");
  EXPECT_EQ(g[2], "m1");
  EventTable t = TableFromEvents({day, year, month});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.id(0), "d1");
  EXPECT_EQ(t.skipped().imprecise_date, 2);
  EXPECT_EQ(t.skipped().no_date, 0);
}

TEST(GroupingTest, TableCountsEventsNotMentions) {
  std::vector<Event> ev = {
      MakeEvent("076", "2024-06-19", "RUS", "PRK", "042", 1.9, 1, "Putin arrived in Pyongyang"),
      MakeEvent("077", "2024-06-19", "PRK", "RUS", "043", 2.8, 1, "Kim hosted Putin in Pyongyang"),
      MakeEvent("078", "2024-06-20", "RUS", "PRK", "042", 1.9, 1, "the visit of Putin"),
  };
  EventTable t = TableFromEvents(ev);
  ASSERT_EQ(t.size(), 3u);
  int primaries = 0;
  for (size_t i = 0; i < t.size(); ++i) primaries += t.primary(i);
  EXPECT_EQ(primaries, 1);
}

}  // namespace
}  // namespace entente
