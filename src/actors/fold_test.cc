#include "actors/fold.h"

#include <gtest/gtest.h>

namespace entente::actors {
namespace {

TEST(FoldTest, CaseAccentsAndPeriods) {
  EXPECT_EQ(FoldJoined("North Korea"), "north korea");
  EXPECT_EQ(FoldJoined("U.S."), "us");
  EXPECT_EQ(FoldJoined("U.S"), "us");
  EXPECT_EQ(FoldJoined("US"), "us");
  EXPECT_EQ(FoldJoined("N. Korea"), "n korea");
  EXPECT_EQ(FoldJoined("Côte d'Ivoire"), "cote d ' ivoire");
  EXPECT_EQ(FoldJoined("ŁÓDŹ"), "lodz");
  EXPECT_EQ(FoldJoined("Straße"), "strasse");
  EXPECT_EQ(FoldJoined("..."), ". . .");
}

TEST(FoldTest, HyphensSeparateParts) {
  EXPECT_EQ(FoldJoined("Kim Jong-un"), FoldJoined("Kim Jong Un"));
  EXPECT_EQ(FoldJoined("Jong\u2011un"), "jong un");  // non-breaking hyphen
  EXPECT_EQ(FoldJoined("-"), "");
  EXPECT_EQ(FoldJoined("U.S.-led"), "us led");
}

TEST(FoldTest, ApostrophesAreOwnPartsWhateverTheTokenization) {
  // "Workers' Party" written in a file, and the same in text with a curly apostrophe, split
  // or not by the tokenizer, give the same parts.
  EXPECT_EQ(FoldJoined("Workers' Party"), "workers ' party");
  EXPECT_EQ(FoldJoined("Workers\u2019 Party"), "workers ' party");
  EXPECT_EQ(FoldJoined("Workers \u2019 Party"), "workers ' party");
  EXPECT_EQ(FoldJoined("Korea's"), "korea ' s");
  EXPECT_EQ(FoldJoined("Korea 's"), "korea ' s");
  EXPECT_EQ(FoldJoined("People\u2019s"), "people ' s");
}

TEST(FoldTest, PunctuationAndSourceRanges) {
  EXPECT_EQ(FoldJoined("Washington, D.C."), "washington , dc");
  std::string scratch;
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  FoldParts("Kim\u2019s U.S.", scratch, [&](std::string_view, uint32_t b, uint32_t e) { ranges.push_back({b, e}); });
  // kim [0,3) ’ [3,6) s [6,7) us [8,12)
  ASSERT_EQ(ranges.size(), 4u);
  EXPECT_EQ(ranges[0], (std::pair<uint32_t, uint32_t>{0, 3}));
  EXPECT_EQ(ranges[1], (std::pair<uint32_t, uint32_t>{3, 6}));
  EXPECT_EQ(ranges[2], (std::pair<uint32_t, uint32_t>{6, 7}));
  EXPECT_EQ(ranges[3], (std::pair<uint32_t, uint32_t>{8, 12}));
}

}  // namespace
}  // namespace entente::actors
