// Shifts: the largest changes of alignment between consecutive windows that have events.
//
// A pair is considered when the two states have direct events or a shared occasion in at least
// one of the two windows (a change carried only by third-state similarity has no events of the
// pair to show for it). A pair missing from a window has alignment 0 there. The drivers of a
// change are the pair's events that pushed in its direction: in the later window, events whose
// Goldstein sign matches the change; then, in the earlier window, events of the opposite sign
// (their absence later also moves the score); largest |Goldstein| first.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

std::vector<std::vector<std::string>> PairEventsBatch(const EventTable& t, const AnalysisOptions& o,
                                                      const std::vector<PairEventQuery>& queries) {
  std::vector<std::vector<std::string>> out(queries.size());
  // Unordered pair key -> queries on it.
  std::unordered_map<uint32_t, std::vector<size_t>> by_pair;
  auto key = [](int x, int y) {
    if (x > y) std::swap(x, y);
    return (static_cast<uint32_t>(x) << 16) | static_cast<uint32_t>(y);
  };
  for (size_t q = 0; q < queries.size(); ++q) {
    if (queries[q].a < 0 || queries[q].b < 0 || queries[q].n <= 0) continue;
    by_pair[key(queries[q].a, queries[q].b)].push_back(q);
  }
  if (by_pair.empty()) return out;
  const size_t n_countries = t.countries().size();
  std::vector<char> wanted(n_countries, 0);  // a cheap first filter on the source
  for (const PairEventQuery& q : queries) {
    if (q.a >= 0 && q.b >= 0) wanted[q.a] = wanted[q.b] = 1;
  }
  WindowLookup windows(t, o.window);
  std::vector<std::vector<std::pair<float, size_t>>> found(queries.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (!wanted[t.source(i)] || !wanted[t.target(i)]) continue;
    auto it = by_pair.find(key(t.source(i), t.target(i)));
    if (it == by_pair.end() || !Counted(t, i, o)) continue;
    const float g = t.goldstein(i);
    const int64_t w = windows.Of(t.day(i));
    for (size_t q : it->second) {
      const PairEventQuery& pq = queries[q];
      if (!pq.whole_period && w != pq.window) continue;
      if ((pq.sign > 0 && g <= 0) || (pq.sign < 0 && g >= 0)) continue;
      found[q].push_back({std::fabs(g), i});
    }
  }
  for (size_t q = 0; q < queries.size(); ++q) {
    auto& f = found[q];
    std::stable_sort(f.begin(), f.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (size_t k = 0; k < f.size() && static_cast<int>(out[q].size()) < queries[q].n; ++k) {
      out[q].emplace_back(t.id(f[k].second));
    }
  }
  return out;
}

std::vector<std::string> PairEvents(const EventTable& t, const AnalysisOptions& o,
                                    const std::string& a, const std::string& b, int64_t w,
                                    bool whole_period, int sign, int n) {
  PairEventQuery q;
  q.a = t.CountryIndex(a), q.b = t.CountryIndex(b);
  q.window = w, q.whole_period = whole_period, q.sign = sign, q.n = n;
  return PairEventsBatch(t, o, {q}).front();
}

std::vector<Shift> ComputeShifts(const EventTable& t, const std::vector<WindowAlignment>& windows,
                                 const AnalysisOptions& o, int top) {
  struct Cand {
    int ga, gb;  // country indices of the table, names in order
    double from, to, delta;
    size_t k;    // the later window
  };
  std::vector<Cand> cands;
  struct Val {
    double from = 0, to = 0;
    bool direct = false;
  };
  // Pair key by table country indices; the names decide the order (a < b).
  auto pair_key = [&](int x, int y) -> uint64_t {
    if (t.countries()[x] > t.countries()[y]) std::swap(x, y);
    return (static_cast<uint64_t>(static_cast<uint32_t>(x)) << 32) | static_cast<uint32_t>(y);
  };
  std::vector<std::vector<int>> global(windows.size());
  for (size_t k = 0; k < windows.size(); ++k) {
    for (const std::string& s : windows[k].states) global[k].push_back(t.CountryIndex(s));
  }
  std::unordered_map<uint64_t, Val> vals;
  for (size_t k = 1; k < windows.size(); ++k) {
    vals.clear();
    for (int side = 0; side < 2; ++side) {
      const size_t wk = side == 0 ? k - 1 : k;
      for (const PairAlignment& pa : windows[wk].pairs) {
        const int x = global[wk][pa.a], y = global[wk][pa.b];
        if (x < 0 || y < 0) continue;
        Val& v = vals[pair_key(x, y)];
        (side == 0 ? v.from : v.to) = pa.score;
        v.direct |= pa.events > 0 || pa.occasions > 0;
      }
    }
    for (const auto& [key, v] : vals) {
      if (!v.direct || std::fabs(v.to - v.from) < 1e-9) continue;
      cands.push_back({static_cast<int>(key >> 32), static_cast<int>(key & 0xffffffffu), v.from, v.to,
                       v.to - v.from, k});
    }
  }
  // Largest |change| first; ties by window, then names, so the order does not depend on hashing.
  std::sort(cands.begin(), cands.end(), [&](const Cand& x, const Cand& y) {
    if (std::fabs(x.delta) != std::fabs(y.delta)) return std::fabs(x.delta) > std::fabs(y.delta);
    if (x.k != y.k) return x.k < y.k;
    if (x.ga != y.ga) return t.countries()[x.ga] < t.countries()[y.ga];
    return t.countries()[x.gb] < t.countries()[y.gb];
  });
  if (static_cast<int>(cands.size()) > top) cands.resize(std::max(0, top));
  // Drivers for every shift in one pass: in the later window, events of the change's sign; in
  // the earlier window, events of the opposite sign.
  std::vector<PairEventQuery> queries;
  for (const Cand& c : cands) {
    const int sign = c.delta > 0 ? 1 : -1;
    queries.push_back({c.ga, c.gb, windows[c.k].window, false, sign, 3});
    queries.push_back({c.ga, c.gb, windows[c.k - 1].window, false, -sign, 3});
  }
  auto drivers = PairEventsBatch(t, o, queries);
  std::vector<Shift> out;
  for (size_t q = 0; q < cands.size(); ++q) {
    const Cand& c = cands[q];
    const WindowAlignment& p = windows[c.k - 1];
    const WindowAlignment& w = windows[c.k];
    Shift s;
    s.a = t.countries()[c.ga], s.b = t.countries()[c.gb];
    s.from_label = p.label, s.to_label = w.label;
    s.from = c.from, s.to = c.to, s.delta = c.delta;
    s.drivers = drivers[2 * q];
    for (const std::string& id : drivers[2 * q + 1]) {
      if (s.drivers.size() >= 3) break;
      s.drivers.push_back(id);
    }
    const int sign = c.delta > 0 ? 1 : -1;
    s.summary = s.a + "-" + s.b + (sign > 0 ? " rose from " : " fell from ") + Fixed(s.from) + " to " +
                Fixed(s.to) + " between " + s.from_label + " and " + s.to_label;
    if (s.drivers.empty()) s.summary += " (through relations with third states)";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace entente
