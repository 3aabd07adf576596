// Dyad counts: per ordered pair of states and window, counts by quad class and Goldstein sum
// and mean over the chosen modality (actual by default), plus the counts of every modality
// side by side, never summed: a planned visit is not a visit.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

std::vector<DyadRow> ComputeDyads(const EventTable& t, const AnalysisOptions& o) {
  struct Acc {
    int64_t quad[4] = {0, 0, 0, 0};
    int64_t by_mod[4] = {0, 0, 0, 0};
    double gsum = 0;
    int64_t gn = 0;
    std::pair<float, size_t> top[3] = {{-1, 0}, {-1, 0}, {-1, 0}};
  };
  std::unordered_map<uint64_t, Acc> acc;
  AnalysisOptions any = o;
  for (size_t i = 0; i < t.size(); ++i) {
    // Every modality is tallied; only the chosen one fills the quad and Goldstein columns.
    any.modality = t.modality(i);
    if (!Counted(t, i, any)) continue;
    int64_t w = WindowOf(t.day(i), o.window);
    uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(w)) << 32) | (static_cast<uint64_t>(t.source(i)) << 16) |
                   static_cast<uint64_t>(t.target(i));
    Acc& a = acc[key];
    ++a.by_mod[static_cast<int>(t.modality(i))];
    if (t.modality(i) != o.modality) continue;
    if (t.quad(i) >= 1) ++a.quad[t.quad(i) - 1];
    a.gsum += t.goldstein(i);
    ++a.gn;
    float mag = std::fabs(t.goldstein(i));
    if (mag > a.top[2].first) {
      a.top[2] = {mag, i};
      std::sort(std::begin(a.top), std::end(a.top),
                [](const auto& x, const auto& y) { return x.first > y.first; });
    }
  }
  std::vector<DyadRow> rows;
  rows.reserve(acc.size());
  for (const auto& [key, a] : acc) {
    DyadRow r;
    r.window = static_cast<int64_t>(static_cast<int32_t>(key >> 32));
    r.label = WindowLabel(r.window, o.window);
    r.source = t.countries()[(key >> 16) & 0xffff];
    r.target = t.countries()[key & 0xffff];
    for (int q = 0; q < 4; ++q) r.quad[q] = a.quad[q], r.by_modality[q] = a.by_mod[q];
    r.goldstein_sum = a.gsum;
    r.goldstein_mean = a.gn > 0 ? a.gsum / static_cast<double>(a.gn) : 0;
    for (const auto& [mag, i] : a.top) {
      if (mag >= 0) r.top_events.emplace_back(t.id(i));
    }
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const DyadRow& x, const DyadRow& y) {
    if (x.window != y.window) return x.window < y.window;
    if (x.source != y.source) return x.source < y.source;
    return x.target < y.target;
  });
  return rows;
}

}  // namespace entente
