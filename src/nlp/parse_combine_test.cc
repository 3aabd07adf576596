#include "nlp/parse_combine.h"

#include <gtest/gtest.h>

#include <random>

namespace entente::nlp {
namespace {

// Whether heads form a tree over n words with exactly one root (head -1) and no cycle.
bool IsTree(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  int roots = 0;
  for (int d = 0; d < n; ++d) {
    if (heads[d] < -1 || heads[d] >= n || heads[d] == d) return false;
    roots += heads[d] == -1;
    int x = d, steps = 0;
    while (x >= 0 && steps <= n) x = heads[x], ++steps;
    if (x >= 0) return false;  // a cycle
  }
  return roots == 1;
}

// A tree is projective when every word between a head and its dependent descends from the head.
bool IsProjective(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  auto descends = [&](int x, int h) {
    while (x >= 0 && x != h) x = heads[x];
    return x == h;
  };
  for (int d = 0; d < n; ++d) {
    const int h = heads[d];
    if (h < 0) continue;
    for (int x = std::min(h, d) + 1; x < std::max(h, d); ++x)
      if (!descends(x, h)) return false;
  }
  return true;
}

struct Votes {
  double votes = 0;
  int first = 0;  // arcs shared with parses[0]
};

Votes Score(const std::vector<int>& heads, const std::vector<std::vector<int>>& parses,
            const std::vector<double>& weights) {
  Votes v;
  for (size_t d = 0; d < heads.size(); ++d)
    for (size_t p = 0; p < parses.size(); ++p)
      if (parses[p][d] == heads[d]) {
        v.votes += weights[p];
        if (p == 0) ++v.first;
      }
  return v;
}

// The best score over every projective single-rooted tree of n words, by enumeration.
Votes BruteForceBest(int n, const std::vector<std::vector<int>>& parses,
                     const std::vector<double>& weights) {
  std::vector<int> heads(n, -1);
  Votes best{-1, -1};
  while (true) {
    if (IsTree(heads) && IsProjective(heads)) {
      Votes v = Score(heads, parses, weights);
      if (v.votes > best.votes || (v.votes == best.votes && v.first > best.first)) best = v;
    }
    int d = 0;  // next assignment: heads count in base n + 1 over -1..n-1
    while (d < n && heads[d] == n - 1) heads[d++] = -1;
    if (d == n) break;
    ++heads[d];
  }
  return best;
}

// A random head array: a random tree (projective or not), or arbitrary heads.
std::vector<int> RandomHeads(int n, std::mt19937* rng, bool tree) {
  std::uniform_int_distribution<int> any(-1, n - 1);
  std::vector<int> heads(n);
  do {
    for (int d = 0; d < n; ++d) {
      do heads[d] = any(*rng);
      while (heads[d] == d);
    }
  } while (tree && !IsTree(heads));
  return heads;
}

std::vector<WeightedParse> Weighted(const std::vector<std::vector<int>>& heads,
                                    const std::vector<std::vector<int>>& labels,
                                    const std::vector<double>& weights) {
  std::vector<WeightedParse> out;
  for (size_t p = 0; p < heads.size(); ++p) out.push_back({&heads[p], &labels[p], weights[p]});
  return out;
}

TEST(ParseCombineTest, MatchesBruteForceOnShortRandomSentences) {
  std::mt19937 rng(7);
  CombineScratch scratch;
  int parse0_kept = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int n = 1 + trial % 6;
    const int k = 1 + trial % 4;
    std::vector<std::vector<int>> heads, labels;
    std::vector<double> weights;
    const double choices[] = {0.0, 0.5, 1.0, 1.5, 2.0, 0.25};
    for (int p = 0; p < k; ++p) {
      heads.push_back(RandomHeads(n, &rng, trial % 3 != 0));
      labels.push_back(std::vector<int>(n, p));
      weights.push_back(choices[(trial + p) % 6]);
    }
    std::vector<int> out_heads, out_labels;
    CombineParses(n, Weighted(heads, labels, weights), &out_heads, &out_labels, &scratch);
    ASSERT_EQ(out_heads.size(), static_cast<size_t>(n));
    ASSERT_EQ(out_labels.size(), static_cast<size_t>(n));
    EXPECT_TRUE(IsTree(out_heads)) << trial;
    EXPECT_TRUE(IsProjective(out_heads)) << trial;
    const Votes got = Score(out_heads, heads, weights);
    const Votes best = BruteForceBest(n, heads, weights);
    EXPECT_DOUBLE_EQ(got.votes, best.votes) << trial;
    EXPECT_EQ(got.first, best.first) << trial;
    // When parses[0] is a projective tree among the best, it comes back unchanged.
    if (IsTree(heads[0]) && IsProjective(heads[0]) &&
        Score(heads[0], heads, weights).votes == best.votes) {
      EXPECT_EQ(out_heads, heads[0]) << trial;
      ++parse0_kept;
    }
  }
  EXPECT_GT(parse0_kept, 20);  // the property above was exercised
}

TEST(ParseCombineTest, UnanimousParsersGiveTheirParseBack) {
  // "Xi met Putin in Beijing": met is the root.
  const std::vector<int> heads = {1, -1, 1, 4, 1};
  const std::vector<int> labels = {3, 0, 4, 7, 8};
  CombineScratch scratch;
  for (int k = 1; k <= 3; ++k) {
    std::vector<WeightedParse> parses(k, WeightedParse{&heads, &labels, 0.7});
    std::vector<int> out_heads, out_labels;
    CombineParses(5, parses, &out_heads, &out_labels, &scratch);
    EXPECT_EQ(out_heads, heads);
    EXPECT_EQ(out_labels, labels);
  }
}

TEST(ParseCombineTest, MajorityWinsAndLabelsVoteAmongAgreeingParses) {
  // Three parsers of four words; the last two agree that word 3 hangs on word 2, with labels
  // 5 (weight 1) and 6 (weight 2).
  const std::vector<std::vector<int>> heads = {{1, -1, 1, 1}, {1, -1, 1, 2}, {1, -1, 1, 2}};
  const std::vector<std::vector<int>> labels = {{1, 0, 2, 4}, {1, 0, 3, 5}, {9, 0, 3, 6}};
  CombineScratch scratch;
  std::vector<int> out_heads, out_labels;
  CombineParses(4, Weighted(heads, labels, {1.5, 1.0, 2.0}), &out_heads, &out_labels, &scratch);
  EXPECT_EQ(out_heads, (std::vector<int>{1, -1, 1, 2}));
  // Word 0: label 1 has 2.5, label 9 has 2.0. Word 2: 3 has 3.0 against 2 with 1.5. Word 3:
  // among the two parses with head 2, label 6 (2.0) beats 5 (1.0).
  EXPECT_EQ(out_labels, (std::vector<int>{1, 0, 3, 6}));

  // Equal weights everywhere: word 3's head is a 2:1 vote for 2, and its label a tie between the
  // two agreeing parses, which goes to the earlier one (label 5).
  CombineParses(4, Weighted(heads, labels, {1, 1, 1}), &out_heads, &out_labels, &scratch);
  EXPECT_EQ(out_heads, (std::vector<int>{1, -1, 1, 2}));
  EXPECT_EQ(out_labels[3], 5);
}

TEST(ParseCombineTest, TiesGoToTheFirstParse) {
  // Two parses of equal weight, disagreeing on every arc: each tree scores the same, so the
  // first parse's tree wins, in either order.
  const std::vector<int> a = {-1, 0, 1}, b = {1, 2, -1};
  const std::vector<int> la = {0, 1, 1}, lb = {2, 2, 0};
  CombineScratch scratch;
  std::vector<int> out_heads, out_labels;
  CombineParses(3, {{&a, &la, 1.0}, {&b, &lb, 1.0}}, &out_heads, &out_labels, &scratch);
  EXPECT_EQ(out_heads, a);
  EXPECT_EQ(out_labels, la);
  CombineParses(3, {{&b, &lb, 1.0}, {&a, &la, 1.0}}, &out_heads, &out_labels, &scratch);
  EXPECT_EQ(out_heads, b);
  EXPECT_EQ(out_labels, lb);
}

TEST(ParseCombineTest, ArcsNoParseHasTakeTheHeaviestParsesLabel) {
  // Parse 1 (weight 3) outweighs parse 0 (weight 1) on every arc, so its tree and labels win.
  // Non-tree inputs (two roots in parse 2, weight 0) are allowed and only vote.
  const std::vector<int> h0 = {-1, 0, 1}, h1 = {1, 2, -1}, h2 = {-1, 0, -1};
  const std::vector<int> l0 = {0, 1, 1}, l1 = {2, 2, 0}, l2 = {7, 7, 7};
  CombineScratch scratch;
  std::vector<int> out_heads, out_labels;
  CombineParses(3, {{&h0, &l0, 1.0}, {&h1, &l1, 3.0}, {&h2, &l2, 0.0}}, &out_heads, &out_labels,
                &scratch);
  EXPECT_EQ(out_heads, h1);
  EXPECT_EQ(out_labels, l1);
  // Parses that root every word: the tree roots one word (voted by all: label 1 has 2.0 against
  // 1.5 for label 2), and its other arcs have no voter, so they take the label of the heaviest
  // parse (2).
  const std::vector<int> all_root = {-1, -1, -1};
  const std::vector<int> m1 = {1, 1, 1}, m2 = {2, 2, 2};
  CombineParses(3, {{&all_root, &m1, 1.0}, {&all_root, &m1, 1.0}, {&all_root, &m2, 1.5}},
                &out_heads, &out_labels, &scratch);
  EXPECT_TRUE(IsTree(out_heads));
  for (int d = 0; d < 3; ++d) EXPECT_EQ(out_labels[d], out_heads[d] == -1 ? 1 : 2) << d;
}

TEST(ParseCombineTest, SingleWord) {
  const std::vector<int> h = {-1}, l = {4}, l2 = {5};
  CombineScratch scratch;
  std::vector<int> out_heads, out_labels;
  CombineParses(1, {{&h, &l, 1.0}, {&h, &l2, 2.0}}, &out_heads, &out_labels, &scratch);
  EXPECT_EQ(out_heads, (std::vector<int>{-1}));
  EXPECT_EQ(out_labels, (std::vector<int>{5}));
}

TEST(ParseCombineTest, LongSentenceGivesAProjectiveTree) {
  std::mt19937 rng(11);
  const int n = 300;
  std::vector<std::vector<int>> heads, labels;
  for (int p = 0; p < 3; ++p) {
    // A chain with random attachments: word d hangs on a random earlier word (projective
    // trees are not needed; the combination must be one anyway).
    std::vector<int> h(n, -1);
    for (int d = 1; d < n; ++d) h[d] = std::uniform_int_distribution<int>(0, d - 1)(rng);
    heads.push_back(h);
    labels.push_back(std::vector<int>(n, p));
  }
  CombineScratch scratch;
  std::vector<int> out_heads, out_labels;
  CombineParses(n, Weighted(heads, labels, {1, 1, 1}), &out_heads, &out_labels, &scratch);
  EXPECT_TRUE(IsTree(out_heads));
  EXPECT_TRUE(IsProjective(out_heads));
  // All three parses root word 0, so the combination does too.
  EXPECT_EQ(out_heads[0], -1);
}

}  // namespace
}  // namespace entente::nlp
