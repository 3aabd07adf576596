// Blocs: communities on the alignment graph of each window.
//
// Default (BlocMethod::kModularity): vertices are the states of the window, edges the pairs with
// a direct relation (events between them or a shared occasion) whose alignment score exceeds
// the window's mean pair score (pairs without a row count 0) by more than BlocOptions::min_edge,
// weighted by that excess; Leiden maximises modularity (node weights = strengths, resolution /
// 2m). The excess, not the score: the third-state similarity that carries the score is
// positive for most pairs (two states that relate to the system alike). Direct relations only:
// states that merely share indifference to everyone (the periphery of a sparse window) are
// alike, but they are not a camp. So a bloc is a connected group of states that deal with one
// another and are more aligned than the window's typical pair.
// BlocMethod::kSigned: one vertex per state and an edge for every pair with a nonzero direct
// tie (PairAlignment::tie: affinity and co-participation, not the third-state similarity),
// weighted by the tie itself, negative values included. Communities maximise the constant
// Potts model (Traag, Van Dooren and Nesterov 2011)
//   Q = sum over pairs i < j in the same community of (w_ij - gamma),
// with gamma = BlocOptions::resolution x the mean tie of the graph's edges (floored at 0.01):
// two states belong together when their tie is stronger than the window's typical tie; a
// weaker, absent (w = 0) or negative tie counts against putting them in one bloc. The case for
// it: community detection is itself the search for states with the same relations to third
// states, so feeding it the similarity of third-state profiles counts that structure twice (in
// a sample selected around one country every partner of that country gets a similar profile);
// modularity on positive edges drops negative ties, and its null model favours linking the
// most active states. On the data we have it is not better (docs/analysis.md: the GDELT Georgia
// sample, the planted camps), so it is an option, not the default.
// Both methods run igraph_community_leiden (node weights 1 for CPM; strengths and resolution /
// 2m for modularity). Leiden is chosen over Louvain (igraph_community_multilevel) because its
// refinement step guarantees connected communities: Louvain can return a "bloc" whose members
// are tied only through a state that has moved elsewhere. Communities with one member are
// reported as unaligned. WindowBlocs::modularity is the modularity of the partition on the
// positive edges whatever the method, so partitions can be compared.
// Stability: over the bootstrap replicates of the alignment (when kept), the partition of each
// replicate is compared with the point partition by the adjusted Rand index, and each bloc
// gets the share of replicates in which its member pairs stay together; across windows, the
// adjusted Rand index with the previous window over the states present in both, when there are
// at least BlocOptions::min_common_states of them (over two states it is 1 or undefined).
// Each bloc lists what ties each member to the others (BlocMember): a member held by fewer than
// min_member_evidence direct events and shared occasions is marked thin.
#include <igraph/igraph.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

double AdjustedRandIndex(const std::vector<int>& x, const std::vector<int>& y) {
  size_t n = std::min(x.size(), y.size());
  if (n < 2) return 1.0;
  std::map<std::pair<int, int>, int64_t> cells;
  std::map<int, int64_t> rows, cols;
  for (size_t i = 0; i < n; ++i) ++cells[{x[i], y[i]}], ++rows[x[i]], ++cols[y[i]];
  auto c2 = [](int64_t v) { return static_cast<double>(v) * (v - 1) / 2.0; };
  double index = 0, a = 0, b = 0;
  for (const auto& [k, v] : cells) index += c2(v);
  for (const auto& [k, v] : rows) a += c2(v);
  for (const auto& [k, v] : cols) b += c2(v);
  double total = c2(static_cast<int64_t>(n));
  double expected = a * b / total;
  double max_index = (a + b) / 2.0;
  if (max_index - expected == 0) return 1.0;  // both trivial partitions: identical
  return (index - expected) / (max_index - expected);
}

namespace {

// Modularity of `membership` on the positive edges above min_edge (0 when there are none).
double PositiveModularity(size_t n, const std::vector<PairAlignment>& pairs, const std::vector<float>& weights,
                          const BlocOptions& b, const std::vector<int>& membership) {
  igraph_vector_int_t edges, memb;
  igraph_vector_t w;
  igraph_vector_int_init(&edges, 0);
  igraph_vector_init(&w, 0);
  for (size_t p = 0; p < pairs.size(); ++p) {
    if (weights[p] <= b.min_edge) continue;
    igraph_vector_int_push_back(&edges, pairs[p].a);
    igraph_vector_int_push_back(&edges, pairs[p].b);
    igraph_vector_push_back(&w, weights[p]);
  }
  double q_out = 0;
  if (igraph_vector_size(&w) > 0) {
    igraph_t g;
    igraph_create(&g, &edges, static_cast<igraph_integer_t>(n), IGRAPH_UNDIRECTED);
    igraph_vector_int_init(&memb, static_cast<igraph_integer_t>(n));
    for (size_t i = 0; i < n; ++i) VECTOR(memb)[i] = membership[i];
    igraph_real_t q = 0;
    if (igraph_modularity(&g, &memb, &w, 1.0, IGRAPH_UNDIRECTED, &q) == IGRAPH_SUCCESS && std::isfinite(q)) q_out = q;
    igraph_vector_int_destroy(&memb);
    igraph_destroy(&g);
  }
  igraph_vector_int_destroy(&edges);
  igraph_vector_destroy(&w);
  return q_out;
}

// Leiden passes at most. igraph's "until stable" (-1) need not terminate when the graph has
// negative weights (the signed method): a partition can cycle between equal-quality moves.
constexpr int kLeidenIterations = 50;

// Leiden communities of the states under per-pair weights; returns membership per state.
std::vector<int> Communities(size_t n, const std::vector<PairAlignment>& pairs,
                             const std::vector<float>& weights, const BlocOptions& b,
                             uint64_t seed, double* modularity) {
  std::vector<int> membership(n);
  std::iota(membership.begin(), membership.end(), 0);
  if (modularity) *modularity = 0;
  const bool signed_cpm = b.method == BlocMethod::kSigned;
  igraph_vector_int_t edges;
  igraph_vector_t w;
  igraph_vector_int_init(&edges, 0);
  igraph_vector_init(&w, 0);
  double m = 0, sum = 0;
  for (size_t p = 0; p < pairs.size(); ++p) {
    const double wp = weights[p];
    if (signed_cpm ? wp == 0 : wp <= b.min_edge) continue;
    igraph_vector_int_push_back(&edges, pairs[p].a);
    igraph_vector_int_push_back(&edges, pairs[p].b);
    igraph_vector_push_back(&w, wp);
    if (wp > 0) m += wp;
    sum += wp;
  }
  const size_t ne = static_cast<size_t>(igraph_vector_size(&w));
  if (m > 0 && ne > 0) {
    igraph_t g;
    igraph_create(&g, &edges, static_cast<igraph_integer_t>(n), IGRAPH_UNDIRECTED);
    igraph_vector_t strength;
    igraph_vector_init(&strength, 0);
    igraph_vector_int_t memb;
    igraph_vector_int_init(&memb, 0);
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;
    igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed));
    igraph_error_t err;
    if (signed_cpm) {
      const double gamma = std::max(0.01, b.resolution * sum / static_cast<double>(ne));
      err = igraph_community_leiden(&g, &w, nullptr, gamma, 0.01, false, kLeidenIterations, &memb, &clusters, &quality);
    } else {
      igraph_strength(&g, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w);
      err = igraph_community_leiden(&g, &w, &strength, b.resolution / (2 * m), 0.01, false, kLeidenIterations, &memb,
                                    &clusters, &quality);
    }
    if (err == IGRAPH_SUCCESS) {
      for (size_t i = 0; i < n; ++i) membership[i] = static_cast<int>(VECTOR(memb)[i]);
    }
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&strength);
    igraph_destroy(&g);
  }
  igraph_vector_int_destroy(&edges);
  igraph_vector_destroy(&w);
  if (modularity) *modularity = PositiveModularity(n, pairs, weights, b, membership);
  return membership;
}

}  // namespace

std::vector<WindowBlocs> ComputeBlocs(const std::vector<WindowAlignment>& windows,
                                      const AnalysisOptions& o, const BlocOptions& b) {
  // igraph reports errors through a handler that aborts by default; ours returns codes.
  igraph_set_error_handler(igraph_error_handler_ignore);
  std::vector<WindowBlocs> out;
  std::map<std::string, int> prev_membership;
  for (const WindowAlignment& wa : windows) {
    WindowBlocs wb;
    wb.window = wa.window;
    wb.label = wa.label;
    const size_t n = wa.states.size();
    const bool use_tie = b.method == BlocMethod::kSigned;
    const auto& replicates = use_tie ? wa.tie_replicates : wa.replicates;
    // kModularity: the excess of each score over the window's mean pair score (pairs without a
    // row count 0), per replicate too; only pairs with a direct relation (events or a shared
    // occasion) can be edges.
    const double window_pairs = n * (n - 1) / 2.0;
    auto excess = [&](std::vector<float>* w) {
      if (use_tie || window_pairs <= 0) return;
      double mean = 0;
      for (float v : *w) mean += v;
      mean /= window_pairs;
      for (size_t p = 0; p < w->size(); ++p) {
        const bool direct = wa.pairs[p].events > 0 || wa.pairs[p].occasions > 0;
        (*w)[p] = direct ? static_cast<float>((*w)[p] - mean) : 0.0f;
      }
    };
    std::vector<float> point(wa.pairs.size());
    for (size_t p = 0; p < wa.pairs.size(); ++p) {
      point[p] = static_cast<float>(use_tie ? wa.pairs[p].tie : wa.pairs[p].score);
    }
    excess(&point);
    std::vector<int> memb = Communities(n, wa.pairs, point, b, o.seed, &wb.modularity);

    // Within-community strength and pair lookups.
    std::vector<double> strength(n, 0);
    std::map<int, std::vector<size_t>> comm_pairs;
    for (size_t p = 0; p < wa.pairs.size(); ++p) {
      const PairAlignment& pa = wa.pairs[p];
      if (memb[pa.a] != memb[pa.b]) continue;
      strength[pa.a] += pa.score, strength[pa.b] += pa.score;
      comm_pairs[memb[pa.a]].push_back(p);
    }
    // Bootstrap stability.
    size_t reps = replicates.size() == wa.pairs.size() && !replicates.empty() ? replicates.front().size() : 0;
    std::vector<double> together(wa.pairs.size(), 0);
    if (reps > 0) {
      double ari_sum = 0;
      std::vector<float> rw(wa.pairs.size());
      for (size_t r = 0; r < reps; ++r) {
        for (size_t p = 0; p < wa.pairs.size(); ++p) rw[p] = replicates[p][r];
        excess(&rw);
        std::vector<int> m = Communities(n, wa.pairs, rw, b, o.seed + r + 1, nullptr);
        ari_sum += AdjustedRandIndex(memb, m);
        for (size_t p = 0; p < wa.pairs.size(); ++p) {
          if (m[wa.pairs[p].a] == m[wa.pairs[p].b]) together[p] += 1;
        }
      }
      wb.bootstrap_ari = ari_sum / static_cast<double>(reps);
    }
    // Blocs.
    std::map<int, std::vector<int>> members;
    for (size_t i = 0; i < n; ++i) members[memb[i]].push_back(static_cast<int>(i));
    for (auto& [c, ms] : members) {
      if (ms.size() < 2) {
        wb.unaligned.push_back(wa.states[ms[0]]);
        continue;
      }
      std::sort(ms.begin(), ms.end(), [&](int x, int y) {
        if (strength[x] != strength[y]) return strength[x] > strength[y];
        return wa.states[x] < wa.states[y];
      });
      Bloc bloc;
      for (int i : ms) bloc.members.push_back(wa.states[i]);
      for (int k = 0; k < std::min<int>(b.core_size, static_cast<int>(ms.size())); ++k) {
        bloc.name += (k ? "-" : "") + wa.states[ms[k]];
      }
      // Cohesion over all member pairs (a pair without a row has alignment 0).
      double sum = 0, stab = 0;
      int64_t stab_n = 0;
      for (size_t p : comm_pairs[c]) {
        sum += wa.pairs[p].score;
        if (reps > 0) stab += together[p] / static_cast<double>(reps), ++stab_n;
      }
      double all_pairs = ms.size() * (ms.size() - 1) / 2.0;
      bloc.cohesion = sum / all_pairs;
      bloc.stability = reps > 0 && stab_n > 0 ? stab / static_cast<double>(stab_n) : 0;
      // Evidence per member: its direct events and shared occasions with the other members.
      std::map<int, BlocMember> ev;
      for (int i : ms) ev[i].state = wa.states[i];
      for (size_t p : comm_pairs[c]) {
        const PairAlignment& pa = wa.pairs[p];
        bloc.events += pa.events;
        for (int i : {pa.a, pa.b}) {
          ev[i].events += pa.events;
          ev[i].occasions = std::max(ev[i].occasions, pa.occasions);
        }
      }
      for (int i : ms) {
        BlocMember& m = ev[i];
        m.thin = m.events + m.occasions < b.min_member_evidence;
        bloc.evidence.push_back(std::move(m));
      }
      wb.blocs.push_back(std::move(bloc));
    }
    std::sort(wb.unaligned.begin(), wb.unaligned.end());
    std::sort(wb.blocs.begin(), wb.blocs.end(), [](const Bloc& x, const Bloc& y) {
      if (x.members.size() != y.members.size()) return x.members.size() > y.members.size();
      return x.cohesion > y.cohesion;
    });
    // Across windows.
    std::map<std::string, int> cur;
    for (size_t i = 0; i < n; ++i) cur[wa.states[i]] = memb[i];
    if (!prev_membership.empty()) {
      std::vector<int> x, y;
      for (const auto& [s, m] : cur) {
        auto it = prev_membership.find(s);
        if (it != prev_membership.end()) x.push_back(it->second), y.push_back(m);
      }
      wb.previous_common = static_cast<int>(x.size());
      if (wb.previous_common >= std::max(2, b.min_common_states)) wb.previous_ari = AdjustedRandIndex(x, y);
    }
    prev_membership = std::move(cur);
    out.push_back(std::move(wb));
  }
  return out;
}

}  // namespace entente
