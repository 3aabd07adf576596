// A civil (proleptic Gregorian) calendar date, the unit of time for documents and events.
#ifndef ENTENTE_DATE_H_
#define ENTENTE_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace entente {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Parses "YYYY-MM-DD" (also the date part of an ISO 8601 timestamp, "YYYYMMDD", and the
  // RFC 822 dates of RSS such as "Tue, 03 Sep 2025 08:00:00 GMT"). nullopt if not a valid date.
  static std::optional<Date> Parse(std::string_view s);
  static Date FromDays(int64_t days_since_epoch);
  static bool Valid(int y, int m, int d);
  static int DaysInMonth(int y, int m);

  int64_t Days() const;  // days since 1970-01-01
  int Weekday() const;   // 0 = Monday .. 6 = Sunday
  std::string ToString() const;  // "YYYY-MM-DD"
  Date AddDays(int64_t n) const { return FromDays(Days() + n); }

  auto operator<=>(const Date&) const = default;
};

}  // namespace entente

#endif  // ENTENTE_DATE_H_
