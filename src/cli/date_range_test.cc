#include "cli/date_range.h"

#include <gtest/gtest.h>

#include "base/testutil.h"

namespace entente::cli {
namespace {

Event Dated(const std::string& id, const std::string& date, DatePrecision p) {
  Event e;
  e.id = id;
  e.date = date;
  e.date_precision = p;
  e.source.code = "USA";
  e.source.country = "USA";
  e.cameo = "042";
  e.root = "04";
  e.origin = "gdelt";
  return e;
}

// A fresh SQLite store holding `events`, and the range `stats` would show for it.
ShownDateRange RangeOf(const std::vector<Event>& events) {
  auto store = Store::Open(testing::TempDir() + "/s.db", StoreOptions{});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return {};
  if (!events.empty()) {
    auto added = (*store)->AddEvents(events);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    EXPECT_TRUE((*store)->Flush().ok());
  }
  auto stats = (*store)->Stats();
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return stats.ok() ? StoredDateRange(*stats) : ShownDateRange{};
}

TEST(DateRangeTest, DateAtPrecision) {
  Date d{2000, 3, 1};
  EXPECT_EQ(DateAtPrecision(d, DatePrecision::kDay), "2000-03-01");
  EXPECT_EQ(DateAtPrecision(d, DatePrecision::kMonth), "2000-03 (month)");
  EXPECT_EQ(DateAtPrecision(d, DatePrecision::kYear), "2000 (year)");
}

// Regression: `entente stats` printed "dates: 2000-01-01 .." for a store whose first event
// stands for the whole year 2000.
TEST(DateRangeTest, YearAndMonthPrecisionEndsAreShownAsSuch) {
  ShownDateRange r = RangeOf({Dated("a", "2000-01-01", DatePrecision::kYear),
                              Dated("b", "2011-06-03", DatePrecision::kDay),
                              Dated("c", "2013-05-01", DatePrecision::kMonth)});
  EXPECT_EQ(r.first, "2000 (year)");
  EXPECT_EQ(r.first_precision, DatePrecision::kYear);
  EXPECT_EQ(r.last, "2013-05 (month)");
  EXPECT_EQ(r.last_precision, DatePrecision::kMonth);
}

TEST(DateRangeTest, OneDayPreciseEventOnTheDateMakesItADay) {
  ShownDateRange r = RangeOf({Dated("a", "2000-01-01", DatePrecision::kYear),
                              Dated("b", "2000-01-01", DatePrecision::kMonth),
                              Dated("c", "2000-01-01", DatePrecision::kDay),
                              Dated("d", "2011-06-03", DatePrecision::kDay)});
  EXPECT_EQ(r.first, "2000-01-01");
  EXPECT_EQ(r.first_precision, DatePrecision::kDay);
  EXPECT_EQ(r.last, "2011-06-03");
}

TEST(DateRangeTest, EmptyStoreShowsDashes) {
  ShownDateRange r = RangeOf({});
  EXPECT_EQ(r.first, "-");
  EXPECT_EQ(r.last, "-");
}

}  // namespace
}  // namespace entente::cli
