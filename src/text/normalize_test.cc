#include "text/normalize.h"

#include <gtest/gtest.h>

namespace entente::text {
namespace {

TEST(Abbreviations, Classes) {
  EXPECT_EQ(ClassifyAbbreviation("Mr."), AbbreviationClass::kNeverFinal);
  EXPECT_EQ(ClassifyAbbreviation("MR."), AbbreviationClass::kNeverFinal);
  EXPECT_EQ(ClassifyAbbreviation("mr."), AbbreviationClass::kNone);
  EXPECT_EQ(ClassifyAbbreviation("Gen."), AbbreviationClass::kNeverFinal);
  EXPECT_EQ(ClassifyAbbreviation("e.g."), AbbreviationClass::kNeverFinal);
  EXPECT_EQ(ClassifyAbbreviation("U.S."), AbbreviationClass::kRarelyFinal);
  EXPECT_EQ(ClassifyAbbreviation("Sept."), AbbreviationClass::kRarelyFinal);
  EXPECT_EQ(ClassifyAbbreviation("J."), AbbreviationClass::kRarelyFinal);
  EXPECT_EQ(ClassifyAbbreviation("a.m."), AbbreviationClass::kOftenFinal);
  EXPECT_EQ(ClassifyAbbreviation("P.M."), AbbreviationClass::kOftenFinal);
  EXPECT_EQ(ClassifyAbbreviation("etc."), AbbreviationClass::kOftenFinal);
  EXPECT_EQ(ClassifyAbbreviation("Inc."), AbbreviationClass::kOftenFinal);
  EXPECT_EQ(ClassifyAbbreviation("said."), AbbreviationClass::kNone);
  EXPECT_EQ(ClassifyAbbreviation("U.S"), AbbreviationClass::kNone);
  EXPECT_TRUE(IsSentenceFinalAbbreviation("U.S."));
  EXPECT_TRUE(IsSentenceFinalAbbreviation("etc."));
  EXPECT_FALSE(IsSentenceFinalAbbreviation("Mr."));
}

TEST(Abbreviations, StartersAndMonths) {
  for (const char* w : {"The", "He", "But", "However", "Meanwhile", "You", "A"})
    EXPECT_TRUE(IsSentenceStarter(w)) << w;
  for (const char* w : {"the", "THE", "President", "Congress", ""})
    EXPECT_FALSE(IsSentenceStarter(w)) << w;
  for (const char* w : {"Monday", "Sept.", "sept", "Dec", "thursday", "May"})
    EXPECT_TRUE(IsMonthOrWeekday(w)) << w;
  for (const char* w : {"Mon.day", "Kim", "Se"}) EXPECT_FALSE(IsMonthOrWeekday(w)) << w;
  EXPECT_EQ(MonthNumber("March"), 3);
  EXPECT_EQ(MonthNumber("Sept."), 9);
  EXPECT_EQ(MonthNumber("SEP"), 9);
  EXPECT_EQ(MonthNumber("dec"), 12);
  EXPECT_EQ(MonthNumber("Monday"), 0);
  EXPECT_EQ(MonthNumber("Ma"), 0);
  EXPECT_EQ(MonthNumber("Mayor"), 0);
}

}  // namespace
}  // namespace entente::text
