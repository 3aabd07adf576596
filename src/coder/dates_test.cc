#include "coder/dates.h"

#include <gtest/gtest.h>

#include "base/testutil.h"
#include "coder/lemmatizer.h"

namespace entente::coder {
namespace {

class DatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string text = testing::ReadFileOrDie(testing::SourceDir() + "/data/coder/dates.txt");
    ASSERT_EQ(lex_.LoadDates(text, "data/coder/dates.txt", [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); }), 0);
    std::string cues = testing::ReadFileOrDie(testing::SourceDir() + "/data/coder/modality.txt");
    ASSERT_EQ(lex_.LoadModality(cues, "data/coder/modality.txt", [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); }), 0);
  }
  // Resolves the first date expression in `words` (space-separated tokens) against `doc`.
  std::string Resolve(const std::string& words, const std::optional<Date>& doc, bool future, std::string* cue = nullptr,
                      char* precision = nullptr) {
    std::vector<std::string> lower;
    DateTokens t;
    size_t pos = 0;
    std::vector<std::string> raw;
    while (pos < words.size()) {
      size_t sp = words.find(' ', pos);
      if (sp == std::string::npos) sp = words.size();
      raw.push_back(words.substr(pos, sp - pos));
      pos = sp + 1;
    }
    for (auto& w : raw) {
      std::string l = LowerWord(w);
      if (l.size() > 1 && l.back() == '.') l.pop_back();
      lower.push_back(l);
      t.capitalized.push_back(!w.empty() && w[0] >= 'A' && w[0] <= 'Z');
      t.number.push_back(!w.empty() && w[0] >= '0' && w[0] <= '9');
    }
    t.lower = &lower;
    auto exprs = FindDateExpressions(t, lex_);
    if (exprs.empty()) return "none";
    if (cue) {
      cue->clear();
      for (int i = exprs[0].first; i < exprs[0].end; ++i) *cue += (i > exprs[0].first ? " " : "") + raw[i];
    }
    if (precision) *precision = DatePrecision(exprs[0]);
    auto d = ResolveDate(exprs[0], doc, future);
    return d ? d->ToString() : "unresolved";
  }
  Lexicon lex_;
  const std::optional<Date> doc_ = Date{2025, 8, 28};  // a Thursday
};

// A day or month after a planned cue is an occasion set in advance: the nearest one of that
// name to the document date, whatever the verb's tense (dates30: "cancelled his planned June
// 12 summit" in an article of 2018-05-24 is 2018-06-12, not 2017-06-12).
TEST_F(DatesTest, ScheduledDayOrMonthIsTheNearest) {
  const std::optional<Date> may24 = Date{2018, 5, 24}, jul2 = Date{2018, 7, 2}, dec20 = Date{2018, 12, 20};
  EXPECT_EQ(Resolve("cancelled his planned June 12 summit", may24, false), "2018-06-12");
  EXPECT_EQ(Resolve("praised the planned June 12 summit", jul2, false), "2018-06-12");
  EXPECT_EQ(Resolve("prepared for the upcoming Jan. 5 talks", dec20, false), "2019-01-05");
  EXPECT_EQ(Resolve("a summit scheduled for Jan. 5", dec20, false), "2019-01-05");
  EXPECT_EQ(Resolve("postponed the planned January summit", dec20, false), "2019-01-01");
  // Without the cue the tense decides, as before.
  EXPECT_EQ(Resolve("cancelled the June 12 summit", may24, false), "2017-06-12");
  EXPECT_EQ(Resolve("met on Dec. 28", Date{2019, 1, 4}, false), "2018-12-28");
  // A future act still looks forward only.
  EXPECT_EQ(Resolve("will hold the planned June 12 summit", jul2, true), "2019-06-12");
}

TEST_F(DatesTest, Weekdays) {
  EXPECT_EQ(Resolve("met on Saturday", doc_, false), "2025-08-23");
  EXPECT_EQ(Resolve("will meet on Saturday", doc_, true), "2025-08-30");
  EXPECT_EQ(Resolve("on Thursday", doc_, false), "2025-08-28");
  EXPECT_EQ(Resolve("last Thursday", doc_, false), "2025-08-21");
  EXPECT_EQ(Resolve("next Thursday", doc_, true), "2025-09-04");
}

TEST_F(DatesTest, MonthsAndDays) {
  std::string cue;
  EXPECT_EQ(Resolve("on Sept. 3", doc_, true, &cue), "2025-09-03");
  EXPECT_EQ(cue, "Sept. 3");
  EXPECT_EQ(Resolve("on September 3 , 2025", doc_, false), "2025-09-03");
  EXPECT_EQ(Resolve("on 3 September 2024", doc_, false), "2024-09-03");
  EXPECT_EQ(Resolve("on Sept. 3", doc_, false), "2024-09-03");  // past: the last one before
  EXPECT_EQ(Resolve("in October", doc_, true), "2025-10-01");
  EXPECT_EQ(Resolve("in October", doc_, false), "2024-10-01");
  EXPECT_EQ(Resolve("in August", doc_, false), "2025-08-01");
  EXPECT_EQ(Resolve("in October 2019", doc_, false), "2019-10-01");
  EXPECT_EQ(Resolve("in early October", doc_, true), "2025-10-01");
  EXPECT_EQ(Resolve("in late October", doc_, true), "2025-10-21");
  EXPECT_EQ(Resolve("In May 2019", doc_, false), "2019-05-01");
  EXPECT_EQ(Resolve("officials may meet", doc_, true), "none");
  // Day before month, as British and UN texts write it; "March" and "May" after a day number.
  EXPECT_EQ(Resolve("met on 3 March", doc_, false), "2025-03-03");
  EXPECT_EQ(Resolve("on 2 May 2016", doc_, false), "2016-05-02");
  EXPECT_EQ(Resolve("the 3 may march", doc_, false), "none");
}

TEST_F(DatesTest, RelativePeriods) {
  EXPECT_EQ(Resolve("yesterday", doc_, false), "2025-08-27");
  EXPECT_EQ(Resolve("today", doc_, false), "2025-08-28");
  EXPECT_EQ(Resolve("tomorrow", doc_, true), "2025-08-29");
  EXPECT_EQ(Resolve("last month", doc_, false), "2025-07-01");
  EXPECT_EQ(Resolve("next week", doc_, true), "2025-09-01");
  EXPECT_EQ(Resolve("last year", doc_, false), "2024-01-01");
  EXPECT_EQ(Resolve("early next year", doc_, true), "2026-01-01");
  EXPECT_EQ(Resolve("late next year", doc_, true), "2026-10-01");
  EXPECT_EQ(Resolve("six years ago", doc_, false), "2019-01-01");
  EXPECT_EQ(Resolve("two months ago", doc_, false), "2025-06-01");
  EXPECT_EQ(Resolve("3 weeks ago", doc_, false), "2025-08-07");
}

TEST_F(DatesTest, YearsAndRanges) {
  std::string cue;
  EXPECT_EQ(Resolve("between 2018 and 2019", doc_, false, &cue), "2018-01-01");
  EXPECT_EQ(cue, "between 2018 and 2019");
  EXPECT_EQ(Resolve("in 2018", doc_, false), "2018-01-01");
  EXPECT_EQ(Resolve("sent 2000 troops", doc_, false), "none");
}

// A year or month resolves to a day that stands for the whole period; the precision says so.
TEST_F(DatesTest, PrecisionOfYearsMonthsAndDays) {
  char p = 0;
  EXPECT_EQ(Resolve("last visited Pyongyang in 2000 ,", doc_, false, nullptr, &p), "2000-01-01");
  EXPECT_EQ(p, 'y');
  EXPECT_EQ(Resolve("late 2018", doc_, false, nullptr, &p), "2018-10-01");
  EXPECT_EQ(p, 'y');
  EXPECT_EQ(Resolve("last year", doc_, false, nullptr, &p), "2024-01-01");
  EXPECT_EQ(p, 'y');
  EXPECT_EQ(Resolve("six years ago", doc_, false, nullptr, &p), "2019-01-01");
  EXPECT_EQ(p, 'y');
  EXPECT_EQ(Resolve("in October 2019", doc_, false, nullptr, &p), "2019-10-01");
  EXPECT_EQ(p, 'm');
  EXPECT_EQ(Resolve("last month", doc_, false, nullptr, &p), "2025-07-01");
  EXPECT_EQ(p, 'm');
  EXPECT_EQ(Resolve("on September 3 , 2025", doc_, false, nullptr, &p), "2025-09-03");
  EXPECT_EQ(p, 'd');
  EXPECT_EQ(Resolve("last week", doc_, false, nullptr, &p), "2025-08-18");
  EXPECT_EQ(p, 'd');
  EXPECT_EQ(Resolve("yesterday", doc_, false, nullptr, &p), "2025-08-27");
  EXPECT_EQ(p, 'd');
}

TEST_F(DatesTest, UndatedDocumentsResolveOnlyAbsoluteDates) {
  EXPECT_EQ(Resolve("on Saturday", std::nullopt, false), "unresolved");
  EXPECT_EQ(Resolve("last month", std::nullopt, false), "unresolved");
  EXPECT_EQ(Resolve("on September 3 , 2025", std::nullopt, false), "2025-09-03");
  EXPECT_EQ(Resolve("in 2018", std::nullopt, false), "2018-01-01");
}

}  // namespace
}  // namespace entente::coder
