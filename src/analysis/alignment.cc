// Alignment between states, per window (docs/analysis.md gives the full definition).
//
// Three components, each computed from the counted events of the window:
//   affinity  A(i,j) = (C - K) / (C + K + k) with C the sum of positive Goldstein values of
//             the events between i and j (either direction), K the sum of |negative| ones and
//             k = AlignmentOptions::affinity_k a pseudo-weight that keeps one event from
//             counting as perfect friendship. In [-1, 1].
//   similarity S(i,j): how alike i's and j's relations to all states of the window are: the
//             weighted S-score (Signorino and Ritter 1999) of their portfolios, the rows of
//             affinities over all n states of the window with P_i(i) = 1 (a state is fully
//             aligned with itself) and 0 where there are no events (indifference):
//               S* = 1 - sum_k w_k |P_i(k) - P_j(k)| / sum_k w_k,
//             w_k = direct_weight (5) for k = i and k = j, the pair's own relation, and 1 for
//             every third state. Over all states, not only the informative ones: two states
//             that both deal with few others agree on indifference to the rest, and that shared
//             position is much of what agrees with UN votes (docs/analysis.md, "Validation on
//             real data", says how much of it is activity). Not shrunk towards 0: S has no
//             neutral 0 (most pairs of a sparse window score near 1), so a shrink factor would
//             rank pairs by their evidence instead (it turned the UN General Debate
//             validation negative); the bootstrap interval carries the uncertainty.
//   copart    P(i,j) = n / (n + 1) with n the multilateral occasions both attended: places
//             (named location, else the target state) on one day where cooperative events
//             involve at least min_occasion_states states.
// score = w_affinity A + w_similarity S + w_copart P (defaults 0, 1, 0); tie = the direct
// part (tie_w_affinity A + tie_w_copart P) / (tie_w_affinity + tie_w_copart), for signed blocs.
// Cost per window and replicate: O(n) per pair, O(n^3) in all, n = states of the window.
// Uncertainty: a Poisson bootstrap over events (each event weighted by a Poisson(1) draw per
// replicate, the streaming form of resampling events with replacement); the interval is the
// [ci_low, ci_high] quantile band of the replicate scores. Seeded, so repeatable.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

double SScore(const std::vector<double>& x, const std::vector<double>& y) {
  size_t n = std::min(x.size(), y.size());
  if (n == 0) return 0;
  double d = 0;
  for (size_t i = 0; i < n; ++i) d += std::fabs(x[i] - y[i]);
  return 1.0 - 2.0 * d / (2.0 * static_cast<double>(n));  // dmax = 2 per entry
}

namespace {

struct Occasion {
  std::vector<std::pair<uint32_t, int>> entries;  // (event position in window, local state)
};

struct WindowData {
  std::vector<uint32_t> events;  // table indices
  std::vector<int> local_src, local_tgt;
  std::vector<int> states;       // global country index per local index
  std::vector<Occasion> occasions;
};

// Scores every pair (i < j, row-major upper triangle) under per-event weights.
void ScorePairs(const EventTable& t, const WindowData& wd, const std::vector<int>& weight,
                const AlignmentOptions& a, std::vector<float>* score, std::vector<float>* tie,
                std::vector<PairAlignment>* detail) {
  const double direct_w = a.tie_w_affinity + a.tie_w_copart;
  const int n = static_cast<int>(wd.states.size());
  std::vector<double> pos(static_cast<size_t>(n) * n, 0), neg(pos.size(), 0), cnt(pos.size(), 0);
  for (size_t p = 0; p < wd.events.size(); ++p) {
    int w = weight.empty() ? 1 : weight[p];
    if (w == 0) continue;
    int i = wd.local_src[p], j = wd.local_tgt[p];
    double g = t.goldstein(wd.events[p]);
    size_t ij = static_cast<size_t>(i) * n + j, ji = static_cast<size_t>(j) * n + i;
    if (g > 0) pos[ij] += w * g, pos[ji] += w * g;
    if (g < 0) neg[ij] -= w * g, neg[ji] -= w * g;
    cnt[ij] += w, cnt[ji] += w;
  }
  std::vector<double> aff(pos.size(), 0);
  std::vector<uint8_t> has(pos.size(), 0);
  for (size_t ij = 0; ij < pos.size(); ++ij) {
    if (cnt[ij] <= 0) continue;
    aff[ij] = (pos[ij] - neg[ij]) / (pos[ij] + neg[ij] + a.affinity_k);
    has[ij] = 1;
  }
  // Multilateral occasions.
  std::vector<int> shared(pos.size(), 0);
  std::vector<int> present;
  std::vector<char> mark(n, 0);
  for (const Occasion& oc : wd.occasions) {
    present.clear();
    for (const auto& [p, s] : oc.entries) {
      if (!weight.empty() && weight[p] == 0) continue;
      if (!mark[s]) mark[s] = 1, present.push_back(s);
    }
    for (int s : present) mark[s] = 0;
    if (static_cast<int>(present.size()) < a.min_occasion_states) continue;
    for (size_t x = 0; x < present.size(); ++x) {
      for (size_t y = x + 1; y < present.size(); ++y) {
        ++shared[static_cast<size_t>(present[x]) * n + present[y]];
        ++shared[static_cast<size_t>(present[y]) * n + present[x]];
      }
    }
  }
  // Portfolios: row i of the affinities over the window's states, P_i(i) = 1 (a state is fully
  // aligned with itself), 0 where i and k have no events (indifference, as in the S-score).
  std::vector<double> port(aff);
  for (int i = 0; i < n; ++i) port[static_cast<size_t>(i) * n + i] = 1.0;
  size_t pi = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j, ++pi) {
      size_t ij = static_cast<size_t>(i) * n + j;
      const double* pi_row = &port[static_cast<size_t>(i) * n];
      const double* pj_row = &port[static_cast<size_t>(j) * n];
      const uint8_t* hi = &has[static_cast<size_t>(i) * n];
      const uint8_t* hj = &has[static_cast<size_t>(j) * n];
      double distance = 0;
      int third = 0;
#pragma omp simd reduction(+ : distance, third)
      for (int k = 0; k < n; ++k) {
        distance += std::fabs(pi_row[k] - pj_row[k]);
        third += hi[k] | hj[k];
      }
      third -= 2 * has[ij];  // k = i and k = j are not third states
      // Weighted S-score: 1 - 2 d / d_max with d_max = 2 per unit of weight. The k = i and k = j
      // entries (|1 - A(i,j)| each) weigh direct_weight, the others 1.
      const double extra = a.direct_weight - 1;
      distance += 2 * extra * (1 - aff[ij]);
      const double weight = n + 2 * extra;
      double sim = weight <= 0 ? 0 : 1.0 - distance / weight;
      double cop = shared[ij] / (shared[ij] + 1.0);
      double sc = a.w_affinity * aff[ij] + a.w_similarity * sim + a.w_copart * cop;
      double ti = direct_w > 0 ? (a.tie_w_affinity * aff[ij] + a.tie_w_copart * cop) / direct_w : 0;
      (*score)[pi] = static_cast<float>(sc);
      if (tie) (*tie)[pi] = static_cast<float>(ti);
      if (detail) {
        PairAlignment& d = (*detail)[pi];
        d.a = i, d.b = j;
        d.affinity = aff[ij], d.similarity = sim, d.copart = cop, d.score = sc, d.tie = ti;
        d.low = d.high = sc;
        d.events = static_cast<int64_t>(std::llround(cnt[ij]));
        d.third_states = std::max(third, 0);
        d.occasions = shared[ij];
      }
    }
  }
}

}  // namespace

std::vector<WindowAlignment> AlignmentOver(const EventTable& t, const AnalysisOptions& o,
                                           const AlignmentOptions& a, bool whole_period) {
  Buckets buckets = BucketByWindow(t, o, false, whole_period);
  std::vector<WindowAlignment> out;
  std::vector<int> local(t.countries().size(), -1);
  const size_t n_locations = t.location_count();
  std::vector<int> place_slot(n_locations + t.countries().size(), -1);
  std::vector<std::vector<uint32_t>> groups;
  size_t groups_used = 0;
  for (size_t wk = 0; wk < buckets.windows.size(); ++wk) {
    const size_t begin = buckets.begin[wk], end = buckets.begin[wk + 1];
    WindowData wd;
    int64_t dmin = INT64_MAX, dmax = INT64_MIN;
    for (size_t k = begin; k < end; ++k) {
      uint32_t i = buckets.order[k];
      wd.events.push_back(i);
      for (int g : {t.source(i), t.target(i)}) {
        if (local[g] < 0) local[g] = static_cast<int>(wd.states.size()), wd.states.push_back(g);
      }
      wd.local_src.push_back(local[t.source(i)]);
      wd.local_tgt.push_back(local[t.target(i)]);
      dmin = std::min<int64_t>(dmin, t.day(i));
      dmax = std::max<int64_t>(dmax, t.day(i));
    }
    // Occasions: cooperative events grouped by (place, day) in linear time: the events by day
    // (counting sort over the window's days), then each day's events by place through a slot
    // table indexed by place (named locations first, then target states).
    {
      const size_t span = static_cast<size_t>(dmax - dmin + 1);
      std::vector<uint32_t> day_begin(span + 1, 0);
      for (size_t p = 0; p < wd.events.size(); ++p) {
        uint32_t i = wd.events[p];
        if (t.quad(i) == 1 || t.quad(i) == 2) ++day_begin[t.day(i) - dmin + 1];
      }
      for (size_t d = 1; d <= span; ++d) day_begin[d] += day_begin[d - 1];
      std::vector<uint32_t> by_day(day_begin[span]);
      {
        std::vector<uint32_t> fill(day_begin.begin(), day_begin.end() - 1);
        for (size_t p = 0; p < wd.events.size(); ++p) {
          uint32_t i = wd.events[p];
          if (t.quad(i) == 1 || t.quad(i) == 2) by_day[fill[t.day(i) - dmin]++] = static_cast<uint32_t>(p);
        }
      }
      std::vector<int> touched;
      for (size_t d = 0; d < span; ++d) {
        if (day_begin[d + 1] - day_begin[d] < 2) continue;  // an occasion needs two events
        touched.clear();
        for (uint32_t x = day_begin[d]; x < day_begin[d + 1]; ++x) {
          uint32_t p = by_day[x], i = wd.events[p];
          int place = t.location(i) >= 0 ? t.location(i) : static_cast<int>(n_locations) + t.target(i);
          if (place_slot[place] < 0) {
            place_slot[place] = static_cast<int>(groups_used);
            if (groups_used == groups.size()) groups.emplace_back();
            groups[groups_used++].clear();
            touched.push_back(place);
          }
          groups[place_slot[place]].push_back(p);
        }
        for (int place : touched) {
          const std::vector<uint32_t>& g = groups[place_slot[place]];
          place_slot[place] = -1;
          if (g.size() < 2) continue;
          Occasion oc;
          for (uint32_t p : g) {
            oc.entries.push_back({p, wd.local_src[p]});
            oc.entries.push_back({p, wd.local_tgt[p]});
          }
          wd.occasions.push_back(std::move(oc));
        }
        groups_used = 0;
      }
    }
    for (int g : wd.states) local[g] = -1;

    WindowAlignment wa;
    wa.window = buckets.windows[wk];
    wa.label = whole_period ? Date::FromDays(dmin).ToString() + ".." + Date::FromDays(dmax).ToString()
                            : WindowLabel(wa.window, o.window);
    wa.events = static_cast<int64_t>(end - begin);
    for (int g : wd.states) wa.states.push_back(t.countries()[g]);
    const size_t n = wd.states.size();
    const size_t npairs = n * (n - 1) / 2;
    std::vector<float> point(npairs);
    std::vector<PairAlignment> detail(npairs);
    ScorePairs(t, wd, {}, a, &point, nullptr, &detail);
    std::vector<size_t> kept;
    for (size_t p = 0; p < npairs; ++p) {
      const PairAlignment& d = detail[p];
      if (d.events > 0 || d.third_states > 0 || d.occasions > 0) kept.push_back(p);
    }
    if (a.bootstrap > 0 && !kept.empty()) {
      std::vector<std::vector<float>> reps(kept.size(), std::vector<float>(a.bootstrap));
      std::vector<std::vector<float>> tie_reps;
      if (a.keep_replicates) tie_reps.assign(kept.size(), std::vector<float>(a.bootstrap));
      std::vector<int> weight(wd.events.size());
      std::vector<float> sc(npairs), ti(npairs);
      for (int r = 0; r < a.bootstrap; ++r) {
        Rng rng(o.seed * 0x9e3779b97f4a7c15ull + static_cast<uint64_t>(wa.window) * 1000003ull +
                static_cast<uint64_t>(r));
        for (int& w : weight) w = rng.Poisson1();
        ScorePairs(t, wd, weight, a, &sc, a.keep_replicates ? &ti : nullptr, nullptr);
        for (size_t k = 0; k < kept.size(); ++k) reps[k][r] = sc[kept[k]];
        if (a.keep_replicates) {
          for (size_t k = 0; k < kept.size(); ++k) tie_reps[k][r] = ti[kept[k]];
        }
      }
      for (size_t k = 0; k < kept.size(); ++k) {
        std::vector<float> v = reps[k];
        std::sort(v.begin(), v.end());
        auto q = [&](double f) {
          double pos = f * (v.size() - 1);
          size_t lo = static_cast<size_t>(std::floor(pos));
          size_t hi = std::min(lo + 1, v.size() - 1);
          return v[lo] + (pos - lo) * (v[hi] - v[lo]);
        };
        detail[kept[k]].low = std::min<double>(q(a.ci_low), detail[kept[k]].score);
        detail[kept[k]].high = std::max<double>(q(a.ci_high), detail[kept[k]].score);
      }
      if (a.keep_replicates) wa.replicates = std::move(reps), wa.tie_replicates = std::move(tie_reps);
    }
    for (size_t p : kept) wa.pairs.push_back(detail[p]);
    out.push_back(std::move(wa));
  }
  return out;
}

std::vector<WindowAlignment> ComputeAlignment(const EventTable& t, const AnalysisOptions& o,
                                              const AlignmentOptions& a) {
  return AlignmentOver(t, o, a, false);
}

}  // namespace entente
