#include "entente/event.h"

#include <gtest/gtest.h>

#include <algorithm>

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
  e.location = Location{"Beijing", "CHN", 39.9, 116.4, {60, 67}, ""};
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

// Date precision: written only when not "day" (older JSON and day events read the same), read
// back exactly, and a bad value is an error naming the field.
TEST(EventTest, DatePrecisionJson) {
  Event e;
  e.id = "p1";
  e.date = "2000-01-01";
  std::string day = ToJson(e);
  EXPECT_EQ(day.find("date_precision"), std::string::npos) << day;
  for (DatePrecision p : {DatePrecision::kMonth, DatePrecision::kYear}) {
    e.date_precision = p;
    std::string j = ToJson(e);
    EXPECT_NE(j.find("\"date_precision\":\"" + std::string(DatePrecisionName(p)) + "\""), std::string::npos) << j;
    Event back;
    std::string err;
    ASSERT_TRUE(FromJson(j, &back, &err)) << err;
    EXPECT_EQ(back.date_precision, p);
    EXPECT_EQ(ToJson(back), j);
  }
  Event back;
  std::string err;
  ASSERT_TRUE(FromJson(day, &back, &err)) << err;
  EXPECT_EQ(back.date_precision, DatePrecision::kDay);
  back.date_precision = DatePrecision::kYear;  // FromJson resets every field
  ASSERT_TRUE(FromJson(R"({"id":"x","date":"2001-05-01","date_precision":"day"})", &back, &err)) << err;
  EXPECT_EQ(back.date_precision, DatePrecision::kDay);
  ASSERT_TRUE(FromJson(R"({"id":"x","date_precision":null})", &back, &err)) << err;
  EXPECT_EQ(back.date_precision, DatePrecision::kDay);
  EXPECT_FALSE(FromJson(R"({"id":"x","date_precision":"week"})", &back, &err));
  EXPECT_NE(err.find("date_precision"), std::string::npos) << err;
  EXPECT_FALSE(FromJson(R"({"id":"x","date_precision":3})", &back, &err));
}

TEST(EventTest, DatePrecisionNamesAndLetters) {
  for (DatePrecision p : {DatePrecision::kDay, DatePrecision::kMonth, DatePrecision::kYear})
    EXPECT_EQ(ParseDatePrecision(DatePrecisionName(p)), p);
  EXPECT_FALSE(ParseDatePrecision("Year").has_value());
  EXPECT_EQ(DatePrecisionFromLetter('y'), DatePrecision::kYear);
  EXPECT_EQ(DatePrecisionFromLetter('m'), DatePrecision::kMonth);
  EXPECT_EQ(DatePrecisionFromLetter('d'), DatePrecision::kDay);
  EXPECT_EQ(DatePrecisionFromLetter('?'), DatePrecision::kDay);
}

TEST(EventTest, CsvHasDatePrecisionAfterDate) {
  Event e;
  e.date = "2019-10-01";
  e.date_precision = DatePrecision::kMonth;
  const auto& h = CsvHeader();
  auto f = CsvFields(e);
  auto it = std::find(h.begin(), h.end(), "date_precision");
  ASSERT_NE(it, h.end());
  size_t i = static_cast<size_t>(it - h.begin());
  EXPECT_EQ(h[i - 1], "date");
  EXPECT_EQ(f[i - 1], "2019-10-01");
  EXPECT_EQ(f[i], "month");
  e.date_precision = DatePrecision::kDay;
  EXPECT_EQ(CsvFields(e)[i], "day");
}

}  // namespace
}  // namespace entente
