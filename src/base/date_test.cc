#include "entente/date.h"

#include <gtest/gtest.h>

namespace entente {
namespace {

TEST(DateTest, ParsesIsoAndRoundTrips) {
  auto d = Date::Parse("2025-08-28");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->ToString(), "2025-08-28");
  EXPECT_EQ(Date::FromDays(d->Days()), *d);
  EXPECT_EQ(Date::Parse("2025-08-28T10:00:00Z")->ToString(), "2025-08-28");
  EXPECT_EQ(Date::Parse("20190630")->ToString(), "2019-06-30");
}

TEST(DateTest, ParsesRfc822) {
  EXPECT_EQ(Date::Parse("Wed, 03 Sep 2025 08:00:00 GMT")->ToString(), "2025-09-03");
  EXPECT_EQ(Date::Parse("3 Sep 2025")->ToString(), "2025-09-03");
}

TEST(DateTest, RejectsInvalid) {
  EXPECT_FALSE(Date::Parse("2025-02-30").has_value());
  EXPECT_FALSE(Date::Parse("yesterday").has_value());
  EXPECT_FALSE(Date::Parse("").has_value());
  EXPECT_FALSE(Date::Parse("2025-13-01").has_value());
}

TEST(DateTest, ArithmeticAndWeekday) {
  EXPECT_EQ(Date::FromDays(0).ToString(), "1970-01-01");
  EXPECT_EQ(Date::Parse("2024-02-28")->AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(Date::Parse("2025-09-03")->Weekday(), 2);  // a Wednesday
  EXPECT_LT(*Date::Parse("2018-03-26"), *Date::Parse("2019-01-08"));
}

}  // namespace
}  // namespace entente
