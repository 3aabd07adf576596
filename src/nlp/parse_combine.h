// Parser combination by reparsing (Sagae & Lavie 2006; Surdeanu & Manning 2010): several
// dependency parses of one sentence vote for their arcs, each with its parser's weight, and the
// result is the projective tree with exactly one root of highest summed vote (Eisner's
// algorithm). The algorithm is explained at the top of parse_combine.cc.
#ifndef ENTENTE_NLP_PARSE_COMBINE_H_
#define ENTENTE_NLP_PARSE_COMBINE_H_

#include <cmath>
#include <cstdint>
#include <vector>

namespace entente::nlp {

// One parser's parse of an n-word sentence, with the weight of its votes. heads[i] is the head
// of word i (-1 for the root, otherwise in [0, n) and != i); labels[i] its label id. Label ids
// must mean the same relation in every parse combined together. The pointers are not owned and
// must outlive the call.
struct WeightedParse {
  const std::vector<int>* heads = nullptr;
  const std::vector<int>* labels = nullptr;
  // >= 0, finite and <= 1e6; counted in units of 1e-6 (rounded), so sums are exact and ties
  // are decided by the rule below, not by rounding.
  double weight = 1.0;
};

// A weight as CombineParses counts it: integer units of 1e-6 (rounded). Callers that reason
// about the votes (Annotator's early stop) compare these, so their sums match exactly.
inline int64_t VoteUnits(double weight) { return std::llround(weight * 1e6); }

// Scratch memory for CombineParses, reused across calls to save allocations. One per thread.
struct CombineScratch {
  std::vector<int64_t> votes;        // arc scores, (n + 1) x n
  std::vector<int32_t> first;        // 1 where the first parse has the arc, (n + 1) x n
  std::vector<int64_t> chart_votes;  // chart scores, six planes of n x n
  std::vector<int32_t> chart_first;
  std::vector<int32_t> split;        // split points, four charts of n x n
};

// Writes to *heads and *labels (resized to n) the projective tree over the n >= 1 words that
// has exactly one word attached to the root and maximises the summed weight of the parses
// (parses.size() >= 1) that contain each of its arcs (an arc = head and dependent; labels do
// not take part). Among trees of equal weight it prefers the one sharing most arcs with
// parses[0]; what remains tied is decided by a fixed order (deterministic). Hence a projective
// parses[0] that is among the best trees is returned unchanged. Label of word i: the weighted
// vote among the parses whose head for i equals the chosen head (ties: the label of the earliest
// such parse); when none has that head, the label of the highest-weighted parse (ties: the
// earliest). Time O(n^3 + n * parses): n = 100 ~1 ms, 300 ~45 ms, 1000 ~1 s; memory about
// 100 n^2 bytes, kept in *scratch. Inputs breaking the contracts above are programmer errors
// (asserted). Thread-safe with one scratch per thread.
void CombineParses(int n, const std::vector<WeightedParse>& parses, std::vector<int>* heads,
                   std::vector<int>* labels, CombineScratch* scratch);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_PARSE_COMBINE_H_
