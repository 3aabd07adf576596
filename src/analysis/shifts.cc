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

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

std::vector<std::string> PairEvents(const EventTable& t, const AnalysisOptions& o,
                                    const std::string& a, const std::string& b, int64_t w,
                                    bool whole_period, int sign, int n) {
  int ia = t.CountryIndex(a), ib = t.CountryIndex(b);
  std::vector<std::pair<float, size_t>> found;
  if (ia < 0 || ib < 0) return {};
  for (size_t i = 0; i < t.size(); ++i) {
    bool pair = (t.source(i) == ia && t.target(i) == ib) || (t.source(i) == ib && t.target(i) == ia);
    if (!pair || !Counted(t, i, o)) continue;
    if (!whole_period && WindowOf(t.day(i), o.window) != w) continue;
    float g = t.goldstein(i);
    if ((sign > 0 && g <= 0) || (sign < 0 && g >= 0)) continue;
    found.push_back({std::fabs(g), i});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::string> ids;
  for (size_t k = 0; k < found.size() && static_cast<int>(ids.size()) < n; ++k) {
    ids.emplace_back(t.id(found[k].second));
  }
  return ids;
}

std::vector<Shift> ComputeShifts(const EventTable& t, const std::vector<WindowAlignment>& windows,
                                 const AnalysisOptions& o, int top) {
  struct Cand {
    Shift s;
    int64_t from_w, to_w;
  };
  std::vector<Cand> cands;
  for (size_t k = 1; k < windows.size(); ++k) {
    const WindowAlignment& p = windows[k - 1];
    const WindowAlignment& c = windows[k];
    struct Val {
      double from = 0, to = 0;
      bool direct = false;
    };
    std::map<std::pair<std::string, std::string>, Val> vals;
    auto key = [](const WindowAlignment& w, const PairAlignment& pa) {
      const std::string& x = w.states[pa.a];
      const std::string& y = w.states[pa.b];
      return x < y ? std::make_pair(x, y) : std::make_pair(y, x);
    };
    for (const PairAlignment& pa : p.pairs) {
      Val& v = vals[key(p, pa)];
      v.from = pa.score;
      v.direct |= pa.events > 0 || pa.occasions > 0;
    }
    for (const PairAlignment& pa : c.pairs) {
      Val& v = vals[key(c, pa)];
      v.to = pa.score;
      v.direct |= pa.events > 0 || pa.occasions > 0;
    }
    for (const auto& [names, v] : vals) {
      if (!v.direct) continue;
      Cand cd;
      cd.s.a = names.first, cd.s.b = names.second;
      cd.s.from_label = p.label, cd.s.to_label = c.label;
      cd.s.from = v.from, cd.s.to = v.to, cd.s.delta = v.to - v.from;
      cd.from_w = p.window, cd.to_w = c.window;
      if (std::fabs(cd.s.delta) < 1e-9) continue;
      cands.push_back(std::move(cd));
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    return std::fabs(x.s.delta) > std::fabs(y.s.delta);
  });
  if (static_cast<int>(cands.size()) > top) cands.resize(std::max(0, top));
  std::vector<Shift> out;
  for (Cand& cd : cands) {
    int sign = cd.s.delta > 0 ? 1 : -1;
    cd.s.drivers = PairEvents(t, o, cd.s.a, cd.s.b, cd.to_w, false, sign, 3);
    if (cd.s.drivers.size() < 3) {
      for (auto& id : PairEvents(t, o, cd.s.a, cd.s.b, cd.from_w, false, -sign,
                                 3 - static_cast<int>(cd.s.drivers.size()))) {
        cd.s.drivers.push_back(id);
      }
    }
    cd.s.summary = cd.s.a + "-" + cd.s.b + (sign > 0 ? " rose from " : " fell from ") +
                   Fixed(cd.s.from) + " to " + Fixed(cd.s.to) + " between " + cd.s.from_label +
                   " and " + cd.s.to_label;
    if (cd.s.drivers.empty()) cd.s.summary += " (through relations with third states)";
    out.push_back(std::move(cd.s));
  }
  return out;
}

}  // namespace entente
