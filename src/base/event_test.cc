#include "entente/event.h"

#include <gtest/gtest.h>

namespace entente {
namespace {

TEST(EventTest, JsonRoundTrip) {
  Event e;
  e.id = "abc";
  e.doc_id = "doc1";
  e.sentence = 2;
  e.doc_date = "2025-08-28";
  e.date = "2025-09-03";
  e.source = {"PRKGOV", "PRK", "GOV", "Kim Jong Un", "North Korean leader Kim Jong Un", {10, 40}};
  e.target = ActorRef{"CHN", "CHN", "", "", "China", {50, 55}};
  e.cameo = "042";
  e.root = "04";
  e.plover = "CONSULT";
  e.goldstein = 1.9;
  e.quad_class = 1;
  e.modality = Modality::kPlanned;
  e.location = Location{"Beijing", "CHN", 39.9, 116.4, {60, 67}};
  e.why.pattern = "data/coder/verbs.txt:12: SRC visit TGT";
  e.why.entries = {"person KIM_JONG_UN"};
  std::string j = ToJson(e);
  EXPECT_EQ(j.find('\n'), std::string::npos);
  Event back;
  std::string err;
  ASSERT_TRUE(FromJson(j, &back, &err)) << err;
  EXPECT_EQ(ToJson(back), j);
  EXPECT_EQ(back.modality, Modality::kPlanned);
  EXPECT_EQ(back.target->country, "CHN");
  EXPECT_EQ(back.location->name, "Beijing");
}

TEST(EventTest, NullTargetAndBadJson) {
  Event e;
  e.source.code = "USA";
  std::string j = ToJson(e);
  EXPECT_NE(j.find("\"target\":null"), std::string::npos);
  Event back;
  std::string err;
  EXPECT_FALSE(FromJson("{not json", &back, &err));
  EXPECT_FALSE(err.empty());
}

TEST(EventTest, CsvFieldsMatchHeader) {
  Event e;
  EXPECT_EQ(CsvFields(e).size(), CsvHeader().size());
}

}  // namespace
}  // namespace entente
