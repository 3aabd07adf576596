// Civil-date arithmetic after Howard Hinnant's days_from_civil algorithm (public domain
// description of the proleptic Gregorian calendar).
#include "entente/date.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace entente {

bool Date::Valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int Date::DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

int64_t Date::Days() const {
  int64_t y = year - (month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2)), m, d};
}

int Date::Weekday() const {
  int64_t d = Days();  // 1970-01-01 was a Thursday (3)
  int64_t w = (d + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int MonthFromName(std::string_view s) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return 0;
  char b[4] = {static_cast<char>(std::tolower(static_cast<unsigned char>(s[0]))),
               static_cast<char>(std::tolower(static_cast<unsigned char>(s[1]))),
               static_cast<char>(std::tolower(static_cast<unsigned char>(s[2]))), 0};
  for (int i = 0; i < 12; ++i)
    if (std::strcmp(b, kMonths[i]) == 0) return i + 1;
  return 0;
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  int y = 0, m = 0, d = 0;
  // ISO: YYYY-MM-DD[...]
  if (Digits(s, 0, 4, &y) && s.size() >= 10 && s[4] == '-' && Digits(s, 5, 2, &m) && s[7] == '-' &&
      Digits(s, 8, 2, &d)) {
    if (s.size() > 10 && std::isdigit(static_cast<unsigned char>(s[10]))) return std::nullopt;
    if (Valid(y, m, d)) return Date{y, m, d};
    return std::nullopt;
  }
  // YYYYMMDD (exactly 8 digits, or followed by a time).
  if (Digits(s, 0, 8, &y) && (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8])))) {
    Digits(s, 0, 4, &y);
    Digits(s, 4, 2, &m);
    Digits(s, 6, 2, &d);
    if (Valid(y, m, d)) return Date{y, m, d};
    return std::nullopt;
  }
  // RFC 822: [Day, ]DD Mon YYYY ...
  std::string_view t = s;
  size_t comma = t.find(',');
  if (comma != std::string_view::npos && comma <= 10) t.remove_prefix(comma + 1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  size_t i = 0;
  int dd = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && i < 2) dd = dd * 10 + (t[i++] - '0');
  if (i == 0 || i >= t.size() || t[i] != ' ') return std::nullopt;
  ++i;
  int mm = MonthFromName(t.substr(i));
  if (mm == 0) return std::nullopt;
  size_t sp = t.find(' ', i);
  if (sp == std::string_view::npos) return std::nullopt;
  int yy;
  if (!Digits(t, sp + 1, 4, &yy)) return std::nullopt;
  if (Valid(yy, mm, dd)) return Date{yy, mm, dd};
  return std::nullopt;
}

}  // namespace entente
