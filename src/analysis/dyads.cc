// Dyad counts: per ordered pair of states and window, counts by quad class and Goldstein sum
// and mean over the chosen modality (actual by default), plus the counts of every modality
// side by side, never summed: a planned visit is not a visit.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

void ForEachDyad(const EventTable& t, const AnalysisOptions& o,
                 const std::function<void(const DyadRow&)>& sink) {
  struct Acc {
    int64_t quad[4] = {0, 0, 0, 0};
    int64_t by_mod[4] = {0, 0, 0, 0};
    double gsum = 0;
    int64_t gn = 0;
    std::pair<float, uint32_t> top[3] = {{-1, 0}, {-1, 0}, {-1, 0}};
    uint32_t pair = 0;
  };
  // Every modality is tallied; only the chosen one fills the quad and Goldstein columns.
  Buckets b = BucketByWindow(t, o, /*any_modality=*/true, false);
  const size_t n = t.countries().size();
  DyadRow r;
  // src * n + tgt -> accumulator of the window: a dense array for up to 2048 states (16 MB),
  // a hash map beyond.
  const bool dense = n <= 2048;
  std::vector<int> dense_slot(dense ? n * n : 0, -1);
  std::unordered_map<uint32_t, int> slot;
  std::vector<Acc> accs;
  // Rank of each country by name, so rows sort by integers.
  std::vector<size_t> rank(n), by_name(n);
  std::iota(by_name.begin(), by_name.end(), 0);
  std::sort(by_name.begin(), by_name.end(),
            [&](size_t x, size_t y) { return t.countries()[x] < t.countries()[y]; });
  for (size_t r = 0; r < n; ++r) rank[by_name[r]] = r;
  for (size_t k = 0; k < b.windows.size(); ++k) {
    for (const Acc& a : accs) {
      if (dense) dense_slot[a.pair] = -1;
    }
    slot.clear();
    accs.clear();
    for (size_t p = b.begin[k]; p < b.begin[k + 1]; ++p) {
      uint32_t i = b.order[p];
      uint32_t key = static_cast<uint32_t>(t.source(i) * n + t.target(i));
      int at;
      if (dense) {
        at = dense_slot[key];
        if (at < 0) at = dense_slot[key] = static_cast<int>(accs.size());
      } else {
        at = slot.emplace(key, static_cast<int>(accs.size())).first->second;
      }
      if (at == static_cast<int>(accs.size())) accs.emplace_back(), accs.back().pair = key;
      Acc& a = accs[at];
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
    std::string label = WindowLabel(b.windows[k], o.window);
    std::sort(accs.begin(), accs.end(), [&](const Acc& x, const Acc& y) {
      return rank[x.pair / n] * n + rank[x.pair % n] < rank[y.pair / n] * n + rank[y.pair % n];
    });
    for (const Acc& a : accs) {
      r.window = b.windows[k];
      r.label = label;
      r.source = t.countries()[a.pair / n];
      r.target = t.countries()[a.pair % n];
      for (int q = 0; q < 4; ++q) r.quad[q] = a.quad[q], r.by_modality[q] = a.by_mod[q];
      r.goldstein_sum = a.gsum;
      r.goldstein_mean = a.gn > 0 ? a.gsum / static_cast<double>(a.gn) : 0;
      r.top_events.clear();
      for (const auto& [mag, i] : a.top) {
        if (mag >= 0) r.top_events.emplace_back(t.id(i));
      }
      sink(r);
    }
  }
}

namespace {

// The number of rows ForEachDyad will hand over: distinct ordered pairs per window, any
// modality. One pass over the table with a mark per pair (dense up to 2048 states).
size_t CountDyadRows(const EventTable& t, const AnalysisOptions& o) {
  Buckets b = BucketByWindow(t, o, /*any_modality=*/true, false);
  const size_t n = t.countries().size();
  const bool dense = n <= 2048;
  std::vector<uint8_t> seen(dense ? n * n : 0, 0);
  std::vector<uint32_t> marked;
  std::unordered_map<uint32_t, char> seen_sparse;
  size_t rows = 0;
  for (size_t k = 0; k < b.windows.size(); ++k) {
    for (size_t p = b.begin[k]; p < b.begin[k + 1]; ++p) {
      uint32_t i = b.order[p];
      uint32_t key = static_cast<uint32_t>(t.source(i) * n + t.target(i));
      if (dense) {
        if (!seen[key]) seen[key] = 1, marked.push_back(key);
      } else {
        seen_sparse.emplace(key, 1);
      }
    }
    rows += dense ? marked.size() : seen_sparse.size();
    for (uint32_t key : marked) seen[key] = 0;
    marked.clear();
    seen_sparse.clear();
  }
  return rows;
}

}  // namespace

std::vector<DyadRow> ComputeDyads(const EventTable& t, const AnalysisOptions& o) {
  // Reserved to the exact count first: growing by doubling would hold the old and the new
  // buffer at once (about 1.5x the rows' memory at the peak, 967 MB on 10M events).
  std::vector<DyadRow> rows;
  rows.reserve(CountDyadRows(t, o));
  ForEachDyad(t, o, [&](const DyadRow& r) { rows.push_back(r); });
  return rows;
}

}  // namespace entente
