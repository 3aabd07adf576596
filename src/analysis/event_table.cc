// The columnar event table, calendar windows and loading from a store.
//
// One mention costs about 40 bytes: day (4), source and target country indices (2+2), code
// index (2), Goldstein (4), quad, modality and primary flags (3), location index (4) and its
// id in one shared character buffer (length + 8-byte end offset). Strings are interned.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_set>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

std::optional<WindowUnit> ParseWindowUnit(std::string_view s) {
  if (s == "day") return WindowUnit::kDay;
  if (s == "week") return WindowUnit::kWeek;
  if (s == "month") return WindowUnit::kMonth;
  if (s == "quarter") return WindowUnit::kQuarter;
  if (s == "year") return WindowUnit::kYear;
  return std::nullopt;
}

int64_t WindowOf(int64_t day, WindowUnit unit) {
  switch (unit) {
    case WindowUnit::kDay:
      return day;
    case WindowUnit::kWeek:
      return FloorDiv(day + 3, 7);  // 1970-01-01 was a Thursday; weeks start on Monday
    default:
      break;
  }
  Date d = Date::FromDays(day);
  switch (unit) {
    case WindowUnit::kMonth:
      return int64_t{d.year} * 12 + (d.month - 1);
    case WindowUnit::kQuarter:
      return int64_t{d.year} * 4 + (d.month - 1) / 3;
    default:
      return d.year;
  }
}

int64_t WindowStartDay(int64_t w, WindowUnit unit) {
  switch (unit) {
    case WindowUnit::kDay:
      return w;
    case WindowUnit::kWeek:
      return w * 7 - 3;
    case WindowUnit::kMonth:
      return Date{static_cast<int>(FloorDiv(w, 12)), static_cast<int>(w - FloorDiv(w, 12) * 12) + 1, 1}.Days();
    case WindowUnit::kQuarter:
      return Date{static_cast<int>(FloorDiv(w, 4)), static_cast<int>(w - FloorDiv(w, 4) * 4) * 3 + 1, 1}.Days();
    case WindowUnit::kYear:
      return Date{static_cast<int>(w), 1, 1}.Days();
  }
  return 0;
}

std::string WindowLabel(int64_t w, WindowUnit unit) {
  char buf[32];
  Date d = Date::FromDays(WindowStartDay(w, unit));
  switch (unit) {
    case WindowUnit::kDay:
      return d.ToString();
    case WindowUnit::kWeek: {
      Date thursday = d.AddDays(3);  // ISO week-numbering year is the Thursday's year
      int64_t jan1 = Date{thursday.year, 1, 1}.Days();
      int week = static_cast<int>((thursday.Days() - jan1) / 7 + 1);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, week);
      return buf;
    }
    case WindowUnit::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
      return buf;
    case WindowUnit::kQuarter:
      std::snprintf(buf, sizeof buf, "%04dQ%d", d.year, (d.month - 1) / 3 + 1);
      return buf;
    case WindowUnit::kYear:
      std::snprintf(buf, sizeof buf, "%04d", d.year);
      return buf;
  }
  return "";
}

int EventTable::Intern(std::vector<std::string>* names, std::unordered_map<std::string, int>* index,
                       std::string_view s) {
  auto it = index->find(std::string(s));
  if (it != index->end()) return it->second;
  int i = static_cast<int>(names->size());
  names->emplace_back(s);
  index->emplace(std::string(s), i);
  return i;
}

void EventTable::Reserve(size_t n) {
  day_.reserve(n);
  loc_.reserve(n);
  src_.reserve(n);
  tgt_.reserve(n);
  code_.reserve(n);
  gold_.reserve(n);
  quad_.reserve(n);
  mod_.reserve(n);
  primary_.reserve(n);
  id_end_.reserve(n);
}

bool EventTable::AddRaw(std::string_view id, std::string_view source, std::string_view target,
                        int64_t day, std::string_view cameo, double goldstein, int quad_class,
                        Modality modality, std::string_view location, bool primary) {
  if (source.empty() || target.empty()) {
    ++skipped_.no_country;
    return false;
  }
  if (source == target) {
    ++skipped_.domestic;
    return false;
  }
  // Interned indices are int16: a table holds at most 32767 distinct countries and codes,
  // far more than exist; anything beyond is dropped as not a country.
  int s = Intern(&countries_, &country_index_, source);
  int t = Intern(&countries_, &country_index_, target);
  int c = Intern(&codes_, &code_index_, cameo);
  if (s > 32767 || t > 32767 || c > 32767) {
    ++skipped_.no_country;
    return false;
  }
  day_.push_back(static_cast<int32_t>(day));
  src_.push_back(static_cast<int16_t>(s));
  tgt_.push_back(static_cast<int16_t>(t));
  code_.push_back(static_cast<int16_t>(c));
  gold_.push_back(static_cast<float>(goldstein));
  quad_.push_back(static_cast<uint8_t>(quad_class >= 1 && quad_class <= 4 ? quad_class : 0));
  mod_.push_back(static_cast<uint8_t>(modality));
  primary_.push_back(primary ? 1 : 0);
  loc_.push_back(location.empty() ? -1 : Intern(&locations_, &location_index_, location));
  id_blob_.append(id);
  id_end_.push_back(id_blob_.size());
  return true;
}

bool EventTable::Add(const Event& e, bool primary) {
  if (!e.origin.empty() && e.origin != "entente") ++imported_;
  auto d = Date::Parse(e.date);
  // A date the text gave only as a month or year ("last visited Pyongyang in 2000") is the
  // period's first day, not the day of the event: binning it by day would invent a burst on
  // the 1st. Such a mention has no day, so it is skipped and counted as imprecise_date.
  if (!d) {
    ++skipped_.no_date;
    return false;
  }
  if (e.date_precision != DatePrecision::kDay) {
    ++skipped_.imprecise_date;
    return false;
  }
  std::string_view tgt = e.target ? std::string_view(e.target->country) : std::string_view();
  std::string_view loc = e.location ? std::string_view(e.location->name) : std::string_view();
  return AddRaw(e.id, e.source.country, tgt, d->Days(), e.cameo, e.goldstein, e.quad_class,
                e.modality, loc, primary);
}

std::string_view EventTable::id(size_t i) const {
  uint64_t begin = i == 0 ? 0 : id_end_[i - 1];
  return std::string_view(id_blob_).substr(begin, id_end_[i] - begin);
}

int EventTable::CountryIndex(std::string_view iso3) const {
  auto it = country_index_.find(std::string(iso3));
  return it == country_index_.end() ? -1 : it->second;
}

Result<EventTable> LoadEvents(Store& store, const LoadOptions& options) {
  EventTable table;
  MentionGrouper grouper(options.grouping);
  std::unordered_set<uint64_t> seen_groups;
  Status st = store.ForEachEvent(options.filter, [&](const Event& e) {
    std::string group = (options.use_store_groups && !e.group.empty()) ? e.group : grouper.Add(e);
    bool primary = seen_groups.insert(Fnv1a(group)).second;
    table.Add(e, primary);
    return true;
  });
  if (!st.ok()) return st;
  return table;
}

EventTable TableFromEvents(const std::vector<Event>& events, const GroupingOptions& grouping) {
  std::vector<size_t> order(events.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return events[a].date < events[b].date; });
  EventTable table;
  table.Reserve(events.size());
  MentionGrouper grouper(grouping);
  std::unordered_set<uint64_t> seen_groups;
  for (size_t i : order) {
    const Event& e = events[i];
    std::string group = !e.group.empty() ? e.group : grouper.Add(e);
    bool primary = seen_groups.insert(Fnv1a(group)).second;
    table.Add(e, primary);
  }
  return table;
}

bool Counted(const EventTable& t, size_t i, const AnalysisOptions& o) {
  if (o.since && t.day(i) < o.since->Days()) return false;
  if (o.until && t.day(i) > o.until->Days()) return false;
  if (!o.count_mentions && !t.primary(i)) return false;
  if (t.modality(i) != o.modality) return false;
  return true;
}

Buckets BucketByWindow(const EventTable& t, const AnalysisOptions& o, bool any_modality, bool whole_period) {
  const int64_t lo = o.since ? o.since->Days() : INT64_MIN;
  const int64_t hi = o.until ? o.until->Days() : INT64_MAX;
  auto counted = [&](size_t i) {
    if (!o.count_mentions && !t.primary(i)) return false;
    if (!any_modality && t.modality(i) != o.modality) return false;
    return t.day(i) >= lo && t.day(i) <= hi;
  };
  Buckets b;
  int64_t dmin = INT64_MAX, dmax = INT64_MIN;
  bool sorted = true;  // counted events in non-decreasing day order (a table loaded from a store)
  int64_t prev = INT64_MIN;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!counted(i)) continue;
    const int64_t d = t.day(i);
    sorted = sorted && d >= prev;
    prev = d;
    dmin = std::min<int64_t>(dmin, d);
    dmax = std::max<int64_t>(dmax, d);
  }
  if (dmin > dmax) {
    b.begin.push_back(0);
    return b;
  }
  // Window of each day in [dmin, dmax], relative to the first window.
  const int64_t wmin = whole_period ? 0 : WindowOf(dmin, o.window);
  const bool lookup = dmax - dmin < 4'000'000;
  std::vector<uint32_t> day_window;
  if (lookup) {
    day_window.resize(static_cast<size_t>(dmax - dmin + 1));
    for (int64_t d = dmin; d <= dmax; ++d) {
      day_window[d - dmin] = whole_period ? 0 : static_cast<uint32_t>(WindowOf(d, o.window) - wmin);
    }
  }
  auto window_of = [&](size_t i) -> uint32_t {
    if (lookup) return day_window[t.day(i) - dmin];
    return whole_period ? 0 : static_cast<uint32_t>(WindowOf(t.day(i), o.window) - wmin);
  };
  if (sorted) {
    // Already in day order: one sequential pass, windows are runs.
    int64_t current = -1;
    for (size_t i = 0; i < t.size(); ++i) {
      if (!counted(i)) continue;
      const int64_t w = window_of(i);
      if (w != current) {
        b.windows.push_back(w + wmin);
        b.begin.push_back(b.order.size());
        current = w;
      }
      b.order.push_back(static_cast<uint32_t>(i));
    }
    b.begin.push_back(b.order.size());
    return b;
  }
  const size_t nw = whole_period ? 1 : static_cast<size_t>(WindowOf(dmax, o.window) - wmin + 1);
  std::vector<size_t> count(nw + 1, 0);
  for (size_t i = 0; i < t.size(); ++i) {
    if (counted(i)) ++count[window_of(i) + 1];
  }
  for (size_t k = 1; k <= nw; ++k) count[k] += count[k - 1];
  b.order.resize(count[nw]);
  std::vector<size_t> fill(count.begin(), count.end() - 1);
  for (size_t i = 0; i < t.size(); ++i) {
    if (counted(i)) b.order[fill[window_of(i)]++] = static_cast<uint32_t>(i);
  }
  for (size_t k = 0; k < nw; ++k) {
    if (count[k + 1] == count[k]) continue;  // empty windows are skipped
    b.windows.push_back(static_cast<int64_t>(k) + wmin);
    b.begin.push_back(count[k]);
  }
  // Empty windows hold no entries, so each window ends where the next non-empty one begins.
  b.begin.push_back(count[nw]);
  return b;
}

WindowLookup::WindowLookup(const EventTable& t, WindowUnit unit) : unit_(unit) {
  int64_t dmin = INT64_MAX, dmax = INT64_MIN;
  for (size_t i = 0; i < t.size(); ++i) {
    dmin = std::min<int64_t>(dmin, t.day(i));
    dmax = std::max<int64_t>(dmax, t.day(i));
  }
  if (dmin > dmax || dmax - dmin >= 4'000'000) return;  // empty, or absurd dates: no table
  first_ = dmin;
  window_.resize(static_cast<size_t>(dmax - dmin + 1));
  for (int64_t d = dmin; d <= dmax; ++d) window_[static_cast<size_t>(d - dmin)] = WindowOf(d, unit);
}

bool WindowRange(const EventTable& t, const AnalysisOptions& o, int64_t* first, int64_t* last) {
  int64_t lo = o.since ? o.since->Days() : INT64_MIN;
  int64_t hi = o.until ? o.until->Days() : INT64_MAX;
  int64_t dmin = INT64_MAX, dmax = INT64_MIN;
  for (size_t i = 0; i < t.size(); ++i) {
    int64_t d = t.day(i);
    if (d < lo || d > hi) continue;
    dmin = std::min(dmin, d);
    dmax = std::max(dmax, d);
  }
  if (dmin > dmax) return false;
  *first = WindowOf(dmin, o.window);
  *last = WindowOf(dmax, o.window);
  return true;
}

std::string PairName(const std::string& a, const std::string& b) {
  return a < b ? a + "-" + b : b + "-" + a;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  if (std::fabs(v) < 0.5 * std::pow(10.0, -digits)) v = 0;  // no "-0.00"
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

bool IsMeetingCode(const std::string& code) {
  return code.compare(0, 3, "036") == 0 || code.compare(0, 2, "04") == 0;
}

}  // namespace entente
