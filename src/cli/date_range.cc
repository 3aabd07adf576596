#include "cli/date_range.h"

#include <cstdio>

namespace entente::cli {
namespace {

// The finest precision among the events dated `date` (kYear when there are none).
Result<DatePrecision> FinestPrecisionOn(Store& store, const Date& date) {
  EventFilter f;
  f.since = date;
  f.until = date;
  DatePrecision finest = DatePrecision::kYear;
  Status st = store.ForEachEvent(f, [&finest](const Event& e) {
    if (e.date_precision < finest) finest = e.date_precision;  // kDay < kMonth < kYear
    return finest != DatePrecision::kDay;
  });
  if (!st.ok()) return st;
  return finest;
}

}  // namespace

std::string DateAtPrecision(const Date& date, DatePrecision precision) {
  char buf[48];
  switch (precision) {
    case DatePrecision::kDay: return date.ToString();
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d (month)", date.year, date.month);
      return buf;
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d (year)", date.year);
      return buf;
  }
  return date.ToString();
}

Result<ShownDateRange> StoredDateRange(Store& store, const StoreStats& stats) {
  ShownDateRange r;
  if (stats.first_date) {
    auto p = FinestPrecisionOn(store, *stats.first_date);
    if (!p.ok()) return p.status();
    r.first_precision = *p;
    r.first = DateAtPrecision(*stats.first_date, r.first_precision);
  }
  if (stats.last_date) {
    auto p = FinestPrecisionOn(store, *stats.last_date);
    if (!p.ok()) return p.status();
    r.last_precision = *p;
    r.last = DateAtPrecision(*stats.last_date, r.last_precision);
  }
  return r;
}

}  // namespace entente::cli
