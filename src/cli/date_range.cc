#include "cli/date_range.h"

#include <cstdio>

namespace entente::cli {

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

ShownDateRange StoredDateRange(const StoreStats& stats) {
  ShownDateRange r;
  if (stats.first_date) {
    r.first_precision = stats.first_date_precision;
    r.first = DateAtPrecision(*stats.first_date, r.first_precision);
  }
  if (stats.last_date) {
    r.last_precision = stats.last_date_precision;
    r.last = DateAtPrecision(*stats.last_date, r.last_precision);
  }
  return r;
}

}  // namespace entente::cli
