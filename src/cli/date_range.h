// The event date range `entente stats` shows. The store's range (StoreStats::first_date,
// last_date) is over every event, and an event known only to its month or year is stored at the
// period's first day: a year-precision event of 2000 makes the range start "2000-01-01". Each
// end is shown at the finest precision any event on that date has (StoreStats::
// first_date_precision, last_date_precision): "2000 (year)" when every event dated 2000-01-01
// stands for the whole year 2000, "2000-01-01" as soon as one is dated to that day.
#ifndef ENTENTE_CLI_DATE_RANGE_H_
#define ENTENTE_CLI_DATE_RANGE_H_

#include <optional>
#include <string>

#include "entente/event.h"
#include "entente/store.h"

namespace entente::cli {

struct ShownDateRange {
  // "2011-06-01", "2011-06 (month)", "2000 (year)"; "-" when the store has no dated event.
  std::string first = "-", last = "-";
  // The precision each end is shown at (kDay when absent).
  DatePrecision first_precision = DatePrecision::kDay, last_precision = DatePrecision::kDay;
};

// `date` as shown at `precision`: "YYYY-MM-DD", "YYYY-MM (month)", "YYYY (year)".
std::string DateAtPrecision(const Date& date, DatePrecision precision);

// The range of `stats` (from Store::Stats) with each end at its precision.
ShownDateRange StoredDateRange(const StoreStats& stats);

}  // namespace entente::cli

#endif  // ENTENTE_CLI_DATE_RANGE_H_
