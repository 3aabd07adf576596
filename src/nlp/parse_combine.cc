// Parser combination by reparsing.
//
// Each arc h -> d (h a word or the root) scores the pair (v, f): v the summed weight of the
// parses that have it (weights as integers, units of 1e-6, so sums are exact), f = 1 when
// parses[0] has it. A tree scores the component-wise sum of its arcs' pairs, compared
// lexicographically: first by votes, then by arcs shared with parses[0]. Lexicographic order is
// compatible with addition, so dynamic programming over it stays exact.
//
// Decoding is Eisner's O(n^3) algorithm over the words alone, with "complete" spans
// C[i][j] (all words of i..j attached inside the span, to its head i (right-facing) or j
// (left-facing)) and "incomplete" spans I[i][j] (the arc between i and j made, its inside not
// yet finished):
//   I[i][j] = max over i <= k < j of  C->[i][k] + C<-[k+1][j]   (+ arc j -> i or i -> j)
//   C<-[i][j] = max over i <= k < j of  C<-[i][k] + I<-[k][j]
//   C->[i][j] = max over i < k <= j of  I->[i][k] + C->[k][j]
// The root then takes exactly one word r: max over r of C<-[0][r] + C->[r][n-1] + arc root -> r
// (Eisner 1996; the root's arc is added last, so no tree with two roots is considered). Every
// max takes the first (lowest) k or r among equals, which makes the result deterministic. The
// tree is read back from the chosen split points with an explicit stack (no recursion, so long
// sentences cannot exhaust the call stack).
#include "nlp/parse_combine.h"

#include <cassert>
#include <cmath>

namespace entente::nlp {
namespace {

struct Score {
  int64_t votes = 0;
  int32_t first = 0;
};

inline bool Better(const Score& a, const Score& b) {
  return a.votes > b.votes || (a.votes == b.votes && a.first > b.first);
}

inline Score Add(const Score& a, const Score& b) { return {a.votes + b.votes, a.first + b.first}; }

// The four charts, each n x n (only i <= j used). Scores are kept in planes: row-major (i * n + j)
// and column-major (j * n + i) copies, so that every inner loop over the split point k reads
// consecutive memory (a chart read along k at a fixed first index uses its row plane, at a
// fixed second index its column plane); split points are kept row-major per chart.
enum Chart { kCompleteLeft = 0, kCompleteRight = 1, kIncompleteLeft = 2, kIncompleteRight = 3 };
enum Plane {
  kCompleteRightRow, kCompleteRightCol, kCompleteLeftRow, kCompleteLeftCol, kIncompleteLeftCol,
  kIncompleteRightRow, kNumPlanes
};

class Decoder {
 public:
  Decoder(int n, CombineScratch* s) : n_(n), cells_(static_cast<size_t>(n) * n), s_(s) {
    s_->chart_votes.assign(kNumPlanes * cells_, 0);
    s_->chart_first.assign(kNumPlanes * cells_, 0);
    s_->split.assign(4 * cells_, -1);
  }

  Score Arc(int h, int d) const {  // h == n_: the root
    const size_t at = static_cast<size_t>(h) * n_ + d;
    return {s_->votes[at], s_->first[at]};
  }
  // Offset of (i, j) in a row plane or a column plane.
  size_t Row(Plane p, int i, int j) const {
    return p * cells_ + static_cast<size_t>(i) * n_ + j;
  }
  size_t Col(Plane p, int i, int j) const {
    return p * cells_ + static_cast<size_t>(j) * n_ + i;
  }
  Score At(size_t at) const { return {s_->chart_votes[at], s_->chart_first[at]}; }
  void Put(size_t at, Score v) {
    s_->chart_votes[at] = v.votes;
    s_->chart_first[at] = v.first;
  }
  int& Split(Chart c, int i, int j) const {
    return s_->split[c * cells_ + static_cast<size_t>(i) * n_ + j];
  }

  // Best of a[k] + b[k] for k in [0, len), the first among equals; returns k.
  int BestSum(size_t a, size_t b, int len, Score* best) const {
    const int64_t* av = s_->chart_votes.data() + a;
    const int64_t* bv = s_->chart_votes.data() + b;
    const int32_t* af = s_->chart_first.data() + a;
    const int32_t* bf = s_->chart_first.data() + b;
    int best_k = 0;
    *best = {av[0] + bv[0], af[0] + bf[0]};
    for (int k = 1; k < len; ++k) {
      const Score v{av[k] + bv[k], af[k] + bf[k]};
      if (Better(v, *best)) *best = v, best_k = k;
    }
    return best_k;
  }

  void Fill() {
    for (int len = 1; len < n_; ++len) {
      for (int i = 0; i + len < n_; ++i) {
        const int j = i + len;
        Score best;
        // I[i][j]: C->[i][k] + C<-[k+1][j], k in [i, j).
        int k = i + BestSum(Row(kCompleteRightRow, i, i), Col(kCompleteLeftCol, i + 1, j), len,
                            &best);
        Put(Col(kIncompleteLeftCol, i, j), Add(best, Arc(j, i)));
        Put(Row(kIncompleteRightRow, i, j), Add(best, Arc(i, j)));
        Split(kIncompleteLeft, i, j) = Split(kIncompleteRight, i, j) = k;
        // C<-[i][j]: C<-[i][k] + I<-[k][j], k in [i, j).
        k = i + BestSum(Row(kCompleteLeftRow, i, i), Col(kIncompleteLeftCol, i, j), len, &best);
        Put(Row(kCompleteLeftRow, i, j), best);
        Put(Col(kCompleteLeftCol, i, j), best);
        Split(kCompleteLeft, i, j) = k;
        // C->[i][j]: I->[i][k] + C->[k][j], k in (i, j].
        k = i + 1 +
            BestSum(Row(kIncompleteRightRow, i, i + 1), Col(kCompleteRightCol, i + 1, j), len,
                    &best);
        Put(Row(kCompleteRightRow, i, j), best);
        Put(Col(kCompleteRightCol, i, j), best);
        Split(kCompleteRight, i, j) = k;
      }
    }
  }

  // The word the root takes in the best tree.
  int BestRoot() const {
    Score best;
    int best_r = -1;
    for (int r = 0; r < n_; ++r) {
      Score v = Add(Add(At(Row(kCompleteLeftRow, 0, r)), At(Row(kCompleteRightRow, r, n_ - 1))),
                    Arc(n_, r));
      if (best_r < 0 || Better(v, best)) best = v, best_r = r;
    }
    return best_r;
  }

  // Writes the heads of the best tree rooted at r.
  void Read(int r, std::vector<int>* heads) const {
    heads->assign(n_, -1);
    struct Item {
      Chart c;
      int i, j;
    };
    std::vector<Item> todo = {{kCompleteLeft, 0, r}, {kCompleteRight, r, n_ - 1}};
    while (!todo.empty()) {
      const Item it = todo.back();
      todo.pop_back();
      if (it.i == it.j) continue;
      const int k = Split(it.c, it.i, it.j);
      switch (it.c) {
        case kCompleteLeft:
          todo.push_back({kCompleteLeft, it.i, k});
          todo.push_back({kIncompleteLeft, k, it.j});
          break;
        case kCompleteRight:
          todo.push_back({kIncompleteRight, it.i, k});
          todo.push_back({kCompleteRight, k, it.j});
          break;
        case kIncompleteLeft:
        case kIncompleteRight:
          if (it.c == kIncompleteLeft) (*heads)[it.i] = it.j;
          else (*heads)[it.j] = it.i;
          todo.push_back({kCompleteRight, it.i, k});
          todo.push_back({kCompleteLeft, k + 1, it.j});
          break;
      }
    }
  }

 private:
  int n_;
  size_t cells_;
  CombineScratch* s_;
};

}  // namespace

void CombineParses(int n, const std::vector<WeightedParse>& parses, std::vector<int>* heads,
                   std::vector<int>* labels, CombineScratch* scratch) {
  assert(n >= 1 && !parses.empty());
  const size_t k = parses.size();
  std::vector<int64_t> weight(k);
  for (size_t p = 0; p < k; ++p) {
    const double w = parses[p].weight;
    assert(std::isfinite(w) && w >= 0 && w <= 1e6);
    weight[p] = VoteUnits(w);
    assert(parses[p].heads->size() == static_cast<size_t>(n));
    assert(parses[p].labels->size() == static_cast<size_t>(n));
  }
  const size_t arcs = static_cast<size_t>(n + 1) * n;
  scratch->votes.assign(arcs, 0);
  scratch->first.assign(arcs, 0);
  for (size_t p = 0; p < k; ++p) {
    for (int d = 0; d < n; ++d) {
      const int h = (*parses[p].heads)[d];
      assert(h >= -1 && h < n && h != d);
      const size_t at = static_cast<size_t>(h < 0 ? n : h) * n + d;
      scratch->votes[at] += weight[p];
      if (p == 0) scratch->first[at] = 1;
    }
  }
  Decoder dec(n, scratch);
  dec.Fill();
  dec.Read(dec.BestRoot(), heads);

  labels->assign(n, 0);
  for (int d = 0; d < n; ++d) {
    const int h = (*heads)[d];
    int best_p = -1;
    int64_t best_votes = -1;
    for (size_t p = 0; p < k; ++p) {
      if ((*parses[p].heads)[d] != h) continue;
      const int label = (*parses[p].labels)[d];
      int64_t v = 0;
      for (size_t q = 0; q < k; ++q)
        if ((*parses[q].heads)[d] == h && (*parses[q].labels)[d] == label) v += weight[q];
      if (v > best_votes) best_votes = v, best_p = static_cast<int>(p);
    }
    if (best_p < 0) {  // no parse has the chosen arc: the highest-weighted parse's label
      best_p = 0;
      for (size_t p = 1; p < k; ++p)
        if (weight[p] > weight[best_p]) best_p = static_cast<int>(p);
    }
    (*labels)[d] = (*parses[best_p].labels)[d];
  }
}

}  // namespace entente::nlp
