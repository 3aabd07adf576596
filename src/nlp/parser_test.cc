// Tests of the parser's scoring shortcuts: template parts (Features' part mask) partition the
// template list and depend only on what their contract names, integer scoring (ScoreRaw) adds
// up exactly with or without its hot index, and Parse (which caches part scores) equals
// ParseReference, the plain greedy parse that scores every template of every transition at
// once (here in the large tables only), whose observer is told Parse's lookups.
#include "nlp/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "nlp/conllu.h"
#include "nlp/hash.h"
#include "nlp/train.h"
#include "nlp/weights.h"
#include "nlp/word_atoms.h"
#include "base/testutil.h"

namespace entente::nlp {
namespace {

constexpr unsigned kParts[] = {Parser::kPartS0,     Parser::kPartN0,     Parser::kPartS1,
                               Parser::kPartRest,   Parser::kPartS0Tree, Parser::kPartN0Tree,
                               Parser::kPartS1Tree};

std::vector<uint64_t> Keys(const ParseState& s, const std::vector<WordAtoms>& atoms,
                           const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                           unsigned parts) {
  std::vector<uint64_t> f(Parser::kMaxFeatures);
  f.resize(Parser::Features(s, atoms, tags, cl, f.data(), parts));
  return f;
}

struct Sentence {
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> tags, cl;
};

Sentence MakeSentence(const std::vector<std::string>& words) {
  Sentence x;
  for (size_t i = 0; i < words.size(); ++i) {
    x.atoms.push_back(ComputeAtoms(words[i]));
    x.tags.push_back(HashString(i % 2 ? "NN" : "DT"));
    x.cl.push_back(i % 3 == 0 ? WordClusters::kUnknown : 10 + i);
  }
  return x;
}

// A parser with three label groups and no weights (enough for Valid/Apply).
Parser SmallParser() {
  Parser p;
  p.labels = {"root", "nsubj", "obj", "det"};
  p.root_label = 0;
  p.SetGroups({1});
  return p;
}

// The committed model models/`file`, or its read or load error.
Result<std::unique_ptr<Parser>> LoadCommitted(const std::string& file) {
  auto bytes = ReadFileBytes(testing::SourceDir() + "/models/" + file);
  if (!bytes.ok()) return bytes.status();
  return Parser::Load(bytes.value(), file);
}

// The parser's input for a gold sentence: each word's atoms and its gold xpos hash.
void GoldInput(const ConlluSentence& cs, std::vector<WordAtoms>* atoms, std::vector<uint64_t>* tags) {
  for (const ConlluWord& w : cs.words) {
    atoms->push_back(ComputeAtoms(w.form));
    tags->push_back(HashString(w.xpos));
  }
}

// Every configuration reached by random valid transitions from `x`, with the labels used.
std::vector<ParseState> RandomStates(const Parser& p, const Sentence& x, int runs, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<ParseState> out;
  for (int r = 0; r < runs; ++r) {
    ParseState s;
    s.Init(static_cast<int>(x.atoms.size()));
    while (!s.Terminal()) {
      std::vector<int> valid;
      for (int t = 0; t < p.num_transitions(); ++t)
        if (p.Valid(s, t)) valid.push_back(t);
      const int t = valid[rng() % valid.size()];
      int label = p.root_label;
      if (t != Parser::kShift) {
        const int g = p.GroupOf(t);
        for (int l = 0; l < p.num_labels(); ++l)
          if (p.group_of[l] == g && rng() % 2 == 0) label = l;
        if (p.group_of[label] != g) label = p.OnlyLabel(g);
      }
      p.Apply(&s, t, label);
      if (!s.stack.empty()) out.push_back(s);
    }
  }
  return out;
}

TEST(ParserTest, FeaturePartsPartitionTheTemplatesInOrder) {
  const Parser p = SmallParser();
  const Sentence x = MakeSentence({"The", "cat", "sat", "on", "the", "mat", "."});
  for (const ParseState& s : RandomStates(p, x, 20, 1)) {
    const std::vector<uint64_t> all = Keys(s, x.atoms, x.tags, x.cl, Parser::kAllParts);
    ASSERT_EQ(all.size(), Parser::kNumTemplates);
    std::vector<uint64_t> merged;
    for (unsigned part : kParts) {
      const std::vector<uint64_t> k = Keys(s, x.atoms, x.tags, x.cl, part);
      EXPECT_FALSE(k.empty()) << "part " << part;
      // Each part is a subsequence of the full list (template order kept).
      auto it = all.begin();
      for (uint64_t key : k) {
        it = std::find(it, all.end(), key);
        ASSERT_NE(it, all.end()) << "part " << part;
        ++it;
      }
      merged.insert(merged.end(), k.begin(), k.end());
    }
    std::vector<uint64_t> sorted_all = all;
    std::sort(sorted_all.begin(), sorted_all.end());
    std::sort(merged.begin(), merged.end());
    EXPECT_EQ(merged, sorted_all);
  }
}

// The contract that lets Parse cache part scores: a part's keys are equal in any two
// configurations that agree on what the part reads.
TEST(ParserTest, PartsDependOnlyOnTheirPositionAndItsChildren) {
  const Parser p = SmallParser();
  const Sentence x = MakeSentence({"Rebels", "attacked", "a", "base", "near", "the", "city", "."});
  const std::vector<ParseState> states = RandomStates(p, x, 30, 7);
  int compared = 0;
  for (const ParseState& a : states) {
    for (const ParseState& b : states) {
      const int a0 = a.stack.back(), b0 = b.stack.back();
      const int a1 = a.stack.size() > 1 ? a.stack[a.stack.size() - 2] : -1;
      const int b1 = b.stack.size() > 1 ? b.stack[b.stack.size() - 2] : -1;
      auto same = [&](unsigned part) {
        EXPECT_EQ(Keys(a, x.atoms, x.tags, x.cl, part), Keys(b, x.atoms, x.tags, x.cl, part));
        ++compared;
      };
      if (a0 == b0) same(Parser::kPartS0);
      if (a.b == b.b) same(Parser::kPartN0);
      if (a1 == b1) same(Parser::kPartS1);
    }
  }
  EXPECT_GT(compared, 100);
  // Tree parts: along one run (children are only ever added, so within a run equal counts
  // mean equal children), a word's tree part stays the same until it gains a child.
  for (int run = 0; run < 20; ++run) {
    const std::vector<ParseState> one = RandomStates(p, x, 1, 100 + run);
    for (size_t i = 0; i < one.size(); ++i)
      for (size_t j = i + 1; j < one.size(); ++j) {
        const ParseState &a = one[i], &b = one[j];
        const int a0 = a.stack.back(), b0 = b.stack.back();
        if (a0 == b0 && a.nl[a0] + a.nr[a0] == b.nl[b0] + b.nr[b0]) {
          EXPECT_EQ(Keys(a, x.atoms, x.tags, x.cl, Parser::kPartS0Tree),
                    Keys(b, x.atoms, x.tags, x.cl, Parser::kPartS0Tree));
        }
        if (a.b == b.b && a.nl[a.b] == b.nl[b.b]) {
          EXPECT_EQ(Keys(a, x.atoms, x.tags, x.cl, Parser::kPartN0Tree),
                    Keys(b, x.atoms, x.tags, x.cl, Parser::kPartN0Tree));
        }
        const int a1 = a.stack.size() > 1 ? a.stack[a.stack.size() - 2] : -1;
        const int b1 = b.stack.size() > 1 ? b.stack[b.stack.size() - 2] : -1;
        if (a1 == b1 && (a1 < 0 || a.nl[a1] + a.nr[a1] == b.nl[b1] + b.nr[b1])) {
          EXPECT_EQ(Keys(a, x.atoms, x.tags, x.cl, Parser::kPartS1Tree),
                    Keys(b, x.atoms, x.tags, x.cl, Parser::kPartS1Tree));
        }
      }
  }
}

TEST(ParserTest, ScoreRawIsExactAndScaledMatchesScore) {
  std::vector<SparseWeights::Row> rows;
  std::mt19937 rng(5);
  const int nc = 29;
  for (uint64_t key = 1; key <= 400; ++key) {
    SparseWeights::Row r;
    r.key = key * 0x9e3779b97f4a7c15ull | 1;
    const int count = key % 3 == 0 ? 1 + static_cast<int>(rng() % 3) : 1 + static_cast<int>(rng() % nc);
    std::vector<int> cls(nc);
    for (int c = 0; c < nc; ++c) cls[c] = c;
    std::shuffle(cls.begin(), cls.end(), rng);
    for (int j = 0; j < count; ++j)
      r.entries.push_back({static_cast<uint16_t>(cls[j]), static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 7.0f});
    rows.push_back(std::move(r));
  }
  const SparseWeights w = SparseWeights::Build(nc, rows);
  std::vector<uint64_t> feats;
  for (const auto& r : rows) feats.push_back(r.key);
  feats.push_back(12345);  // absent
  std::vector<int32_t> whole(nc, 0), split(nc, 0);
  w.ScoreRaw(feats.data(), feats.size(), whole.data());
  w.ScoreRaw(feats.data() + 150, feats.size() - 150, split.data());
  w.ScoreRaw(feats.data(), 150, split.data());
  EXPECT_EQ(whole, split);
  std::vector<float> f(nc, 0.0f);
  w.Score(feats.data(), feats.size(), f.data());
  for (int c = 0; c < nc; ++c) EXPECT_NEAR(whole[c] * w.scale(), f[c], 1e-3 * (1 + std::fabs(f[c])));
  std::vector<int32_t> one(nc, 0);
  w.ScoreRaw(feats.data(), 1, one.data());
  int nonzero = 0;
  for (int c = 0; c < nc; ++c) nonzero += one[c] != 0;
  EXPECT_EQ(nonzero, static_cast<int>(rows[0].entries.size()));
}

// The hot index of ScoreRaw (the rows with the most weights, in a small cache-resident table)
// changes no sum, whatever its size: on a large table with dense, listed and in-slot rows, keys
// that share the 32-bit check the large table compares (one of each pair is dropped by Build or
// both kept, by where they land), absent keys, and more than 256 classes (two-byte classes);
// class counts that are and are not multiples of the 8 and 32 classes the dense rows are added
// in (the parser's 29 and 51, the tagger's 105).
TEST(ParserTest, HotIndexGivesTheSumsOfTheLargeTable) {
  for (const int nc : {13, 29, 51, 105, 300}) {
    std::vector<SparseWeights::Row> rows;
    std::mt19937 rng(11);
    for (uint64_t k = 1; k <= 50000; ++k) {
      SparseWeights::Row r{k * 0x9e3779b97f4a7c15ull | 1, {}};
      const int len = k % 53 == 0 ? nc / 2 + 1 : static_cast<int>(rng() % 12) + 1;
      for (int c = 0; c < len; ++c)
        r.entries.push_back({static_cast<uint16_t>((k + 3 * c) % nc), static_cast<float>(static_cast<int>(rng() % 201) - 100) / 9.0f});
      rows.push_back(r);
      if (k % 1000 == 0) {  // same high half (check), other low half
        r.key ^= 0x5a5a5a00ull;
        r.entries.resize(1);
        rows.push_back(r);
      }
    }
    SparseWeights hot = SparseWeights::Build(nc, rows);
    ASSERT_GT(hot.hot_features(), 200u) << nc;
    SparseWeights plain = hot;
    plain.SetHotBytes(0);
    ASSERT_EQ(plain.hot_features(), 0u);
    for (size_t i = 0; i < 200; ++i) {  // each row's weights land on its own classes
      std::vector<int32_t> one(nc, 0);
      plain.ScoreRaw(&rows[i].key, 1, one.data());
      std::vector<bool> in_row(nc, false);
      for (const WeightEntry& e : rows[i].entries) in_row[e.cls] = true;
      for (int c = 0; c < nc; ++c) EXPECT_TRUE(one[c] == 0 || in_row[c]) << nc << " row " << i;
    }
    std::vector<uint64_t> feats;
    for (size_t i = 0; i < 3000; ++i)
      feats.push_back(i % 3 ? rows[(i * 7919) % rows.size()].key : (i + 1) * 0x51ed2701ull);
    for (const uint64_t& r : {rows[0].key, rows[1].key}) feats.push_back(r);
    std::vector<int32_t> want(nc, 0);
    for (uint64_t f : feats) plain.ScoreRaw(&f, 1, want.data());
    for (size_t bytes : {size_t{0}, size_t{2048}, size_t{64} << 10, size_t{384} << 10, size_t{8} << 20}) {
      SparseWeights w = hot;
      if (bytes != size_t{384} << 10) w.SetHotBytes(bytes);  // 384 KB: as built
      for (size_t n : {size_t{1}, size_t{255}, size_t{257}, feats.size()}) {
        std::vector<int32_t> got(nc, 0), one_by_one(nc, 0);
        w.ScoreRaw(feats.data(), n, got.data());
        for (size_t i = 0; i < n; ++i) plain.ScoreRaw(&feats[i], 1, one_by_one.data());
        EXPECT_EQ(got, one_by_one) << nc << " classes, " << bytes << " hot bytes, " << n;
      }
      std::vector<int32_t> all(nc, 0);
      w.ScoreRaw(feats.data(), feats.size(), all.data());
      EXPECT_EQ(all, want);
    }
  }
}

// A hot order (SetHotOrder) decides which rows the index holds, survives Serialize/Deserialize
// and Pruned, and changes no sum; a malformed order is an error, not a crash.
TEST(ParserTest, HotOrderRoundTripsAndChangesNoSum) {
  const int nc = 29;
  std::vector<SparseWeights::Row> rows;
  for (uint64_t k = 1; k <= 40000; ++k) {
    SparseWeights::Row r{k * 0x9e3779b97f4a7c15ull | 1, {}};
    const int len = k % 41 == 0 ? 12 : static_cast<int>(k % 3) + 1;
    for (int c = 0; c < len; ++c)
      r.entries.push_back({static_cast<uint16_t>((k + 5 * c) % nc), static_cast<float>(c % 5) + 2.0f});
    rows.push_back(r);
  }
  SparseWeights w = SparseWeights::Build(nc, rows);
  SparseWeights plain = w;
  plain.SetHotBytes(0);
  // Wanted: one-weight rows (which the default order puts last), and two keys not in the table.
  std::vector<uint64_t> order = {12345, rows[2].key, rows[2].key};
  for (size_t i = 0; i < rows.size(); i += 3) order.push_back(rows[i].key);
  w.SetHotOrder(order);
  EXPECT_EQ(w.hot_order_size(), (rows.size() + 2) / 3 + 1);  // every third row and rows[2]
  const auto score_one = [&](const SparseWeights& sw, uint64_t key) {
    std::vector<int32_t> sc(nc, 0);
    sw.ScoreRaw(&key, 1, sc.data());
    return sc;
  };
  ByteWriter out;
  w.Serialize(&out);
  SparseWeights back;
  ByteReader in(out.bytes());
  ASSERT_TRUE(back.Deserialize(&in));
  EXPECT_EQ(back.hot_order_size(), w.hot_order_size());
  EXPECT_EQ(back.hot_features(), w.hot_features());
  ByteWriter again;
  back.Serialize(&again);
  EXPECT_EQ(again.bytes(), out.bytes());
  const SparseWeights pruned = w.Pruned(2.5f);  // drops the rows of one weight of 2.0
  EXPECT_GT(pruned.hot_order_size(), 0u);
  EXPECT_LT(pruned.hot_order_size(), w.hot_order_size());
  std::vector<uint64_t> feats;
  for (size_t i = 0; i < 5000; ++i) feats.push_back(i % 4 ? rows[(i * 7919) % rows.size()].key : i * 0x51ed2701ull + 2);
  std::vector<int32_t> want(nc, 0), got(nc, 0), got_back(nc, 0);
  plain.ScoreRaw(feats.data(), feats.size(), want.data());
  w.ScoreRaw(feats.data(), feats.size(), got.data());
  back.ScoreRaw(feats.data(), feats.size(), got_back.data());
  EXPECT_EQ(got, want);
  EXPECT_EQ(got_back, want);
  for (const auto& r : rows) ASSERT_EQ(score_one(w, r.key), score_one(plain, r.key));
  // A hot order cut short, or with an index past the table, is rejected.
  const std::string bytes = out.bytes();
  ASSERT_GT(bytes.size(), 8u);
  for (const std::string& bad : {bytes.substr(0, bytes.size() - 1) + std::string("\xff\xff\x7f"), bytes.substr(0, bytes.size() - 1)}) {
    SparseWeights x;
    ByteReader r(bad);
    const bool ok = x.Deserialize(&r) && r.at_end();
    EXPECT_FALSE(ok);
  }
}

// Short sentences are mostly forced moves (SHIFT onto an empty stack, the final root arc),
// which Parse makes without scoring: every word still gets a head inside the sentence, there is
// exactly one root, and it carries the root label.
TEST(ParserTest, ShortSentencesGetOneRootAndValidHeads) {
  auto loaded = LoadCommitted("parser.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  const std::vector<std::vector<std::pair<std::string, std::string>>> sentences = {
      {{"Yes", "UH"}},
      {{"Stop", "VB"}, {"!", "."}},
      {{"Kim", "NNP"}, {"arrived", "VBD"}},
      {{"Xi", "NNP"}, {"met", "VBD"}, {"Putin", "NNP"}},
  };
  for (const auto& words : sentences) {
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    for (const auto& [form, xpos] : words) {
      atoms.push_back(ComputeAtoms(form));
      tags.push_back(HashString(xpos));
    }
    std::vector<int> heads, labels;
    p.Parse(atoms, tags, &heads, &labels);
    ASSERT_EQ(heads.size(), words.size());
    ASSERT_EQ(labels.size(), words.size());
    int roots = 0;
    for (size_t i = 0; i < heads.size(); ++i) {
      EXPECT_GE(heads[i], -1) << words.size() << " words, word " << i;
      EXPECT_LT(heads[i], static_cast<int>(words.size()));
      EXPECT_NE(heads[i], static_cast<int>(i));
      if (heads[i] == -1) {
        ++roots;
        EXPECT_EQ(labels[i], p.root_label);
      }
    }
    EXPECT_EQ(roots, 1) << words.size() << " words";
  }
}

// Parse caches the scores of template parts; the result must be ParseReference's, the greedy
// parse that scores all templates of each transition at once (integer sums, first maximum
// wins), here also without the hot index.
TEST(ParserTest, ParseEqualsScoringEveryTemplateAtOnce) {
  ENTENTE_REQUIRE_SHARED(data);
  auto loaded = LoadCommitted("parser.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  // The reference scores every lookup in the large tables (no hot index; Parse uses it).
  Parser plain = p;
  plain.weights.SetHotBytes(0);
  plain.label_weights.SetHotBytes(0);
  ASSERT_GT(p.weights.hot_features(), 1000u);
  ASSERT_EQ(plain.weights.hot_features(), 0u);
  auto sents = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  size_t checked = 0, words = 0;
  for (const ConlluSentence& cs : sents.value()) {
    if (checked == 400) break;
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    GoldInput(cs, &atoms, &tags);
    std::vector<int> heads, labels, ref_heads, ref_labels;
    p.Parse(atoms, tags, &heads, &labels);
    plain.ParseReference(atoms, tags, &ref_heads, &ref_labels);
    const int n = static_cast<int>(atoms.size());
    ASSERT_EQ(ref_heads.size(), atoms.size());
    ASSERT_EQ(ref_labels.size(), atoms.size());
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(heads[i], ref_heads[i]) << "sentence line " << cs.line << " word " << i;
      EXPECT_EQ(labels[i], ref_labels[i]) << "sentence line " << cs.line << " word " << i;
    }
    ++checked;
    words += n;
  }
  EXPECT_EQ(checked, 400u);
  EXPECT_GT(words, 3000u);
}

// ParseReference's observer is told Parse's lookups: three single-position parts per
// position (none for S0 of ROOT), the other templates per scored configuration, and the label
// templates once per arc whose group holds several labels.
TEST(ParserTest, ReferenceReportsTheLookupsOfParse) {
  auto loaded = LoadCommitted("parser.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  const Sentence x = MakeSentence({"The", "minister", "said", "that", "talks", "with", "the",
                                   "rebels", "would", "resume", "on", "Monday", "."});
  const int n = static_cast<int>(x.atoms.size());
  // Template counts per part, from any configuration (counts do not depend on it).
  ParseState s;
  s.Init(n);
  const int position_keys = static_cast<int>(
      Keys(s, x.atoms, x.tags, x.cl, Parser::kPartS0 | Parser::kPartN0 | Parser::kPartS1).size());
  const int configuration_keys = static_cast<int>(Parser::kNumTemplates) - position_keys;
  std::vector<int> transition_calls, label_calls;
  std::vector<int> heads, labels, ref_heads, ref_labels;
  p.ParseReference(x.atoms, x.tags, &ref_heads, &ref_labels,
                   [&](Parser::Table table, const uint64_t* keys, int k) {
                     ASSERT_NE(keys, nullptr);
                     (table == Parser::Table::kLabels ? label_calls : transition_calls).push_back(k);
                   });
  p.Parse(x.atoms, x.tags, &heads, &labels);
  EXPECT_EQ(heads, ref_heads);
  EXPECT_EQ(labels, ref_labels);
  // Position parts first: N0, S0, S1 of each position 0..n, S0 absent for ROOT.
  ASSERT_GT(static_cast<int>(transition_calls.size()), 3 * n + 2);
  int position_total = 0;
  for (int c = 0; c < 3 * n + 2; ++c) position_total += transition_calls[c];
  const int s0_keys = static_cast<int>(Keys(s, x.atoms, x.tags, x.cl, Parser::kPartS0).size());
  EXPECT_EQ(position_total, (n + 1) * position_keys - s0_keys);  // ROOT has no S0 part
  // Then one call per scored configuration: at most the 2n transitions less the two forced
  // ones (the first SHIFT and the root arc), each with all remaining templates.
  const int configurations = static_cast<int>(transition_calls.size()) - (3 * n + 2);
  EXPECT_LE(configurations, 2 * n - 2);
  for (int c = 3 * n + 2; c < static_cast<int>(transition_calls.size()); ++c)
    EXPECT_EQ(transition_calls[c], configuration_keys);
  int shared = 0;
  for (int i = 0; i < n; ++i) shared += !p.SingleLabel(p.group_of[ref_labels[i]]);
  EXPECT_EQ(static_cast<int>(label_calls.size()), shared);
  for (int k : label_calls) EXPECT_EQ(k, static_cast<int>(Parser::kNumLabelTemplates));
}


// Heads (-1 = root) form one tree: every head in range, exactly one root, no cycle.
void ExpectTree(const std::vector<int>& heads, const std::string& where) {
  const int n = static_cast<int>(heads.size());
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_GE(heads[i], -1) << where << " word " << i;
    ASSERT_LT(heads[i], n) << where << " word " << i;
    roots += heads[i] == -1;
    int k = i, steps = 0;
    while (k != -1 && steps <= n) k = heads[k], ++steps;
    EXPECT_EQ(k, -1) << where << ": word " << i << " is on a cycle";
  }
  EXPECT_EQ(roots, 1) << where;
}

// The beam at width 1 is the greedy parse (same tie rule), arc for arc and label for label; at
// width 8 every parse is a tree with the root label on its root, and some parses change.
TEST(ParserTest, BeamOfWidthOneIsParseAndWiderBeamsGiveTrees) {
  ENTENTE_REQUIRE_SHARED(data);
  auto loaded = LoadCommitted("parser.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  auto sents = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  size_t checked = 0, differ = 0;
  for (const ConlluSentence& cs : sents.value()) {
    if (checked == 400) break;
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    GoldInput(cs, &atoms, &tags);
    std::vector<int> heads, labels, beam_heads, beam_labels;
    p.Parse(atoms, tags, &heads, &labels);
    p.ParseBeam(atoms, tags, 1, &beam_heads, &beam_labels);
    EXPECT_EQ(beam_heads, heads) << "sentence line " << cs.line;
    EXPECT_EQ(beam_labels, labels) << "sentence line " << cs.line;
    p.ParseBeam(atoms, tags, 8, &beam_heads, &beam_labels);
    ASSERT_EQ(beam_labels.size(), atoms.size());
    ExpectTree(beam_heads, "sentence line " + std::to_string(cs.line));
    for (size_t i = 0; i < atoms.size(); ++i)
      if (beam_heads[i] == -1) {
        EXPECT_EQ(beam_labels[i], p.root_label);
      }
    differ += beam_heads != heads;
    ++checked;
  }
  EXPECT_EQ(checked, 400u);
  EXPECT_GT(differ, 0u);  // the wider beam does search: some parses change
}

// Best total score over every complete transition sequence from `s` (labels as ParseBeam
// chooses them; forced moves scored too), by exhaustive search.
int64_t BestSequenceScore(const Parser& p, const ParseState& s, const Sentence& x) {
  if (s.Terminal()) return 0;
  std::vector<int32_t> scores(p.num_transitions(), 0);
  uint64_t feats[Parser::kMaxFeatures];
  p.weights.ScoreRaw(feats, Parser::Features(s, x.atoms, x.tags, x.cl, feats), scores.data());
  int64_t best = std::numeric_limits<int64_t>::min();
  for (int t = 0; t < p.num_transitions(); ++t) {
    if (!p.Valid(s, t)) continue;
    int label = p.root_label;
    if (t != Parser::kShift) {
      const int g = p.GroupOf(t);
      int h, d;
      p.ArcOf(s, t, &h, &d);
      label = p.SingleLabel(g) ? p.OnlyLabel(g)
                               : p.BestLabel(g, feats, Parser::LabelFeatures(s, h, d, x.atoms, x.tags, x.cl, feats));
    }
    ParseState next = s;
    p.Apply(&next, t, label);
    best = std::max(best, scores[t] + BestSequenceScore(p, next, x));
  }
  return best;
}

// A beam wide enough to hold every hypothesis is exhaustive: it returns the best score over
// all transition sequences. Narrower beams return no more than that.
TEST(ParserTest, WideBeamFindsTheBestTransitionSequence) {
  auto loaded = LoadCommitted("parser.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  // Up to 25 transitions are valid per configuration (SHIFT, LEFT and RIGHT per label group),
  // so exhaustive search stays affordable for three words only.
  const std::vector<std::vector<std::pair<std::string, std::string>>> sentences = {
      {{"Stop", "VB"}, {"!", "."}},
      {{"Xi", "NNP"}, {"met", "VBD"}, {"Putin", "NNP"}},
      {{"talks", "NNS"}, {"in", "IN"}, {"Geneva", "NNP"}},
      {{"Kim", "NNP"}, {"arrived", "VBD"}, {".", "."}},
  };
  for (const auto& words : sentences) {
    Sentence x;
    for (const auto& [form, xpos] : words) {
      x.atoms.push_back(ComputeAtoms(form));
      x.tags.push_back(HashString(xpos));
    }
    p.clusters.LookupAll(x.atoms, &x.cl);
    ParseState s;
    s.Init(static_cast<int>(words.size()));
    const int64_t best = BestSequenceScore(p, s, x);
    std::vector<int> heads, labels;
    EXPECT_EQ(p.ParseBeam(x.atoms, x.tags, 1 << 16, &heads, &labels), best) << words.size();
    ExpectTree(heads, std::to_string(words.size()) + " words");
    for (int width : {1, 2, 4}) EXPECT_LE(p.ParseBeam(x.atoms, x.tags, width, &heads, &labels), best);
  }
}


// Correct heads of `p` on the first `n` EWT dev sentences (gold tags), at beam `width` and
// greedy (Parse), checking on the way that width 1 gives Parse's heads and labels and that
// every beam parse is a tree with the root label on its root.
struct BeamScore {
  int64_t words = 0, beam_correct = 0, greedy_correct = 0;
  double BeamAccuracy() const { return words > 0 ? 100.0 * beam_correct / words : 0; }
};
BeamScore ScoreBeamOnDev(const Parser& p, const std::string& data, int width, size_t n) {
  BeamScore score;
  auto sents = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
  EXPECT_TRUE(sents.ok()) << sents.status().ToString();
  if (!sents.ok()) return score;
  for (size_t si = 0; si < n && si < sents.value().size(); ++si) {
    const ConlluSentence& cs = sents.value()[si];
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    GoldInput(cs, &atoms, &tags);
    std::vector<int> heads, labels, greedy_heads, greedy_labels;
    p.Parse(atoms, tags, &greedy_heads, &greedy_labels);
    p.ParseBeam(atoms, tags, 1, &heads, &labels);
    EXPECT_EQ(heads, greedy_heads) << "sentence line " << cs.line;
    EXPECT_EQ(labels, greedy_labels) << "sentence line " << cs.line;
    p.ParseBeam(atoms, tags, width, &heads, &labels);
    ExpectTree(heads, "sentence line " + std::to_string(cs.line));
    for (size_t i = 0; i < cs.words.size(); ++i, ++score.words) {
      if (heads[i] == -1) {
        EXPECT_EQ(labels[i], p.root_label);
      }
      score.beam_correct += cs.words[i].head == heads[i];
      score.greedy_correct += cs.words[i].head == greedy_heads[i];
    }
  }
  return score;
}

// Head accuracy (%) at beam `width` on the first `n` EWT dev sentences (ScoreBeamOnDev's checks).
double BeamHeadAccuracy(const Parser& p, const std::string& data, int width, size_t n) {
  const BeamScore score = ScoreBeamOnDev(p, data, width, n);
  EXPECT_GT(score.words, 2000);
  return score.BeamAccuracy();
}

// Options for a small global training on the first `sentences` EWT training sentences (3
// passes, fixed date): the beam and right-to-left tests' common setup.
TrainOptions SmallEwtBeamTraining(const std::string& data, size_t sentences, int beam_width) {
  TrainOptions o;
  o.train = {data + "/ud-english-ewt/en_ewt-ud-train.conllu"};
  o.max_sentences = sentences;
  o.iterations = 3;
  o.beam_width = beam_width;
  o.date = "2026-11-29";
  return o;
}

// Global training (TrainOptions::beam_width > 1) on a small EWT sample, with early update and
// with max-violation update: two runs of each give the same bytes, the two updates give
// different models, and each parses held-out sentences far better than chance at its width.
TEST(ParserTest, GlobalBeamTrainingLearnsAndIsDeterministic) {
  ENTENTE_REQUIRE_SHARED(data);
  const std::string dir = testing::TempDir();
  TrainOptions o = SmallEwtBeamTraining(data, 400, 4);
  std::string first_bytes;
  for (bool max_violation : {false, true}) {
    SCOPED_TRACE(max_violation ? "max-violation update" : "early update");
    o.max_violation = max_violation;
    o.out = dir + "/beam_a.model";
    ASSERT_TRUE(RunTrain("parser", o).ok());
    o.out = dir + "/beam_b.model";
    ASSERT_TRUE(RunTrain("parser", o).ok());
    const std::string a = testing::ReadFileOrDie(dir + "/beam_a.model");
    EXPECT_TRUE(a == testing::ReadFileOrDie(dir + "/beam_b.model"));
    if (first_bytes.empty()) {
      first_bytes = a;
    } else {
      EXPECT_FALSE(a == first_bytes);  // the update rule changes the training
    }
    auto loaded = Parser::Load(a, "beam_a.model");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    // 400 training sentences; chance is far below
    EXPECT_GT(BeamHeadAccuracy(*loaded.value(), data, 4, 200), 60.0);
  }
}

// The committed beam model (models/parser-beam.model, trained globally for width 8): at width 8
// every parse of 300 EWT dev sentences is a tree with the root label on its root, width 1 is
// the greedy Parse, and width 8 gets more heads right than greedy decoding of the same model
// (the search it was trained for).
TEST(ParserTest, CommittedBeamModelGivesTreesAndEqualsParseAtWidthOne) {
  ENTENTE_REQUIRE_SHARED(data);
  auto loaded = LoadCommitted("parser-beam.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const BeamScore score = ScoreBeamOnDev(*loaded.value(), data, 8, 300);
  ASSERT_GT(score.words, 3000);
  // A globally trained model is meant for its beam: greedy decoding of it is much worse.
  EXPECT_GT(score.beam_correct, score.greedy_correct);
}

// Trains a small right-to-left beam parser (Parser::reverse; TrainOptions::reverse) on the
// first `sentences` EWT training sentences into `path`; the model's bytes.
std::string TrainReversed(const std::string& data, const std::string& path, size_t sentences,
                          int beam_width) {
  TrainOptions o = SmallEwtBeamTraining(data, sentences, beam_width);
  o.reverse = true;
  o.out = path;
  Status s = RunTrain("parser", o);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return s.ok() ? testing::ReadFileOrDie(path) : std::string();
}

// A right-to-left parser: two trainings give the same bytes, different from the left-to-right
// parser's; the model says it is reversed; it parses held-out sentences into trees in sentence
// order, far better than chance when scored against the gold heads as they stand in the file
// (BeamHeadAccuracy, which also checks width 1 = Parse); and its output is the left-to-right
// decode of the reversed sentence mapped back, for Parse, ParseBeam and ParseReference.
TEST(ParserTest, ReversedParserParsesInSentenceOrder) {
  ENTENTE_REQUIRE_SHARED(data);
  const std::string dir = testing::TempDir();
  const std::string a = TrainReversed(data, dir + "/r2l_a.model", 400, 4);
  const std::string b = TrainReversed(data, dir + "/r2l_b.model", 400, 4);
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "two identical right-to-left trainings differ";
  TrainOptions l2r = SmallEwtBeamTraining(data, 400, 4);
  l2r.out = dir + "/l2r.model";
  ASSERT_TRUE(RunTrain("parser", l2r).ok());
  auto forward = Parser::Load(testing::ReadFileOrDie(l2r.out), "l2r.model");
  ASSERT_TRUE(forward.ok()) << forward.status().ToString();
  EXPECT_FALSE(forward.value()->reverse);
  auto loaded = Parser::Load(a, "r2l_a.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  EXPECT_TRUE(p.reverse);
  // 400 training sentences, 3 passes: chance is far below (the left-to-right parser trained
  // alike scores ~61 on all of dev, right to left ~58: it starts lower on English).
  EXPECT_GT(BeamHeadAccuracy(p, data, 4, 200), 50.0);

  // The same weights read left to right, given the reversed sentence.
  auto as_forward = Parser::Load(a, "r2l_a.model");
  ASSERT_TRUE(as_forward.ok());
  Parser& q = *as_forward.value();
  q.reverse = false;
  auto sents = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  int differ_from_l2r = 0;
  for (size_t si = 0; si < 150; ++si) {
    const ConlluSentence& cs = sents.value()[si];
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    GoldInput(cs, &atoms, &tags);
    const int n = static_cast<int>(atoms.size());
    const std::vector<WordAtoms> ratoms(atoms.rbegin(), atoms.rend());
    const std::vector<uint64_t> rtags(tags.rbegin(), tags.rend());
    // Maps a parse of the reversed sentence back to sentence order.
    auto back = [n](const std::vector<int>& rheads) {
      std::vector<int> heads(n);
      for (int i = 0; i < n; ++i) heads[i] = rheads[n - 1 - i] < 0 ? -1 : n - 1 - rheads[n - 1 - i];
      return heads;
    };
    auto back_labels = [n](const std::vector<int>& rlabels) {
      return std::vector<int>(rlabels.rbegin(), rlabels.rend());
    };
    const std::string where = "sentence line " + std::to_string(cs.line);
    std::vector<int> heads, labels, rheads, rlabels, ref_heads, ref_labels;
    p.Parse(atoms, tags, &heads, &labels);
    ExpectTree(heads, where);
    q.Parse(ratoms, rtags, &rheads, &rlabels);
    EXPECT_EQ(heads, back(rheads)) << where;
    EXPECT_EQ(labels, back_labels(rlabels)) << where;
    p.ParseReference(atoms, tags, &ref_heads, &ref_labels);
    EXPECT_EQ(ref_heads, heads) << where;
    EXPECT_EQ(ref_labels, labels) << where;
    const int64_t score = p.ParseBeam(atoms, tags, 4, &heads, &labels);
    ExpectTree(heads, where);
    for (int i = 0; i < n; ++i)
      if (heads[i] == -1) {
        EXPECT_EQ(labels[i], p.root_label) << where;
      }
    EXPECT_EQ(q.ParseBeam(ratoms, rtags, 4, &rheads, &rlabels), score) << where;
    EXPECT_EQ(heads, back(rheads)) << where;
    EXPECT_EQ(labels, back_labels(rlabels)) << where;
    std::vector<int> l2r_heads, l2r_labels;
    forward.value()->ParseBeam(atoms, tags, 4, &l2r_heads, &l2r_labels);
    differ_from_l2r += l2r_heads != heads;
  }
  EXPECT_GT(differ_from_l2r, 0);  // a different parser, not the same one twice
}

// Every arc h -> d (heads: -1 = root) is projective: h dominates every word between them.
void ExpectProjective(const std::vector<int>& heads, const std::string& where) {
  const int n = static_cast<int>(heads.size());
  for (int d = 0; d < n; ++d) {
    const int h = heads[d];
    if (h < 0) continue;
    for (int k = std::min(h, d) + 1; k < std::max(h, d); ++k) {
      int a = k;
      for (int steps = 0; a >= 0 && a != h && steps <= n; ++steps) a = heads[a];
      EXPECT_EQ(a, h) << where << ": arc " << h << " -> " << d << " spans " << k;
    }
  }
}

// Reading orders: identity left to right; the plain reversal; with punct_last, the words
// before the final run of punctuation right to left, then that run in sentence order; a
// sentence of punctuation only, or with none at its end, is simply reversed.
TEST(ParserTest, ReadingOrderKeepsTheFinalPunctuationLast) {
  auto order_of = [](const std::vector<std::string>& words, bool reverse, bool punct_last) {
    Parser p;
    p.reverse = reverse;
    p.punct_last = punct_last;
    std::vector<WordAtoms> atoms;
    for (const std::string& w : words) atoms.push_back(ComputeAtoms(w));
    std::vector<int> order;
    p.ReadingOrder(atoms, &order);
    return order;
  };
  const std::vector<std::string> s = {"He", "said", ",", "\"", "go", "!", "\"", "."};
  EXPECT_EQ(order_of(s, false, false), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(order_of(s, false, true), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(order_of(s, true, false), (std::vector<int>{7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(order_of(s, true, true), (std::vector<int>{4, 3, 2, 1, 0, 5, 6, 7}));
  EXPECT_EQ(order_of({"Yes", "."}, true, true), (std::vector<int>{0, 1}));
  EXPECT_EQ(order_of({"no", "end", "mark"}, true, true), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(order_of({"?", "!"}, true, true), (std::vector<int>{1, 0}));
  EXPECT_EQ(order_of({}, true, true), (std::vector<int>{}));
}

// A right-to-left parser that reads the final punctuation last (TrainOptions::punct_last):
// the model says so; its Parse, ParseBeam and ParseReference equal the left-to-right decode of
// the sentence in its reading order, mapped back, except that arcs of the final punctuation
// may be lifted to an ancestor; every parse is a projective tree in sentence order (as
// CombineParses' callers expect of every parser); and, trained alike,
// it gets more dev heads right than the plain reversal (which must guess the head of the
// final '.' first: ~59 against ~64 on all of dev with these options).
TEST(ParserTest, PunctuationLastParserParsesInSentenceOrderAndBeatsPlainReversal) {
  ENTENTE_REQUIRE_SHARED(data);
  const std::string dir = testing::TempDir();
  TrainOptions o = SmallEwtBeamTraining(data, 400, 4);
  o.reverse = true;
  o.punct_last = true;
  o.out = dir + "/r2l_punct.model";
  ASSERT_TRUE(RunTrain("parser", o).ok());
  const std::string bytes = testing::ReadFileOrDie(o.out);
  auto loaded = Parser::Load(bytes, "r2l_punct.model");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parser& p = *loaded.value();
  EXPECT_TRUE(p.reverse);
  EXPECT_TRUE(p.punct_last);
  auto as_forward = Parser::Load(bytes, "r2l_punct.model");
  ASSERT_TRUE(as_forward.ok());
  Parser& q = *as_forward.value();
  q.reverse = false;
  q.punct_last = false;
  auto sents = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  int moved = 0;  // sentences whose reading order is not the plain reversal
  int lifted = 0;  // arcs of the final punctuation lifted by UnpermuteParse
  for (size_t si = 0; si < 150; ++si) {
    const ConlluSentence& cs = sents.value()[si];
    const std::string where = "sentence line " + std::to_string(cs.line);
    std::vector<WordAtoms> atoms;
    std::vector<uint64_t> tags;
    GoldInput(cs, &atoms, &tags);
    const int n = static_cast<int>(atoms.size());
    std::vector<int> order;
    p.ReadingOrder(atoms, &order);
    std::vector<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i) ASSERT_EQ(sorted[i], i) << where;  // a permutation
    moved += n > 0 && order[0] != n - 1;
    std::vector<WordAtoms> ratoms;
    std::vector<uint64_t> rtags;
    for (int k = 0; k < n; ++k) {
      ratoms.push_back(atoms[order[k]]);
      rtags.push_back(tags[order[k]]);
    }
    const int body = n > 0 ? order[0] + 1 : 0;  // the final punctuation run is [body, n)
    // The reading-order parse mapped back; arcs touching the run may since have been lifted
    // to an ancestor (UnpermuteParse), all others are equal; labels are all equal; the tree is
    // projective in sentence order.
    auto expect_mapped = [&](const std::vector<int>& rheads, const std::vector<int>& rlabels,
                             const std::vector<int>& heads, const std::vector<int>& labels) {
      std::vector<int> mh(n), ml(n);
      for (int k = 0; k < n; ++k) {
        mh[order[k]] = rheads[k] < 0 ? -1 : order[rheads[k]];
        ml[order[k]] = rlabels[k];
      }
      EXPECT_EQ(labels, ml) << where;
      for (int d = 0; d < n; ++d) {
        if (mh[d] < 0 || (d < body && mh[d] < body)) {
          EXPECT_EQ(heads[d], mh[d]) << where << " word " << d;
          continue;
        }
        int a = mh[d];  // heads[d] must be mh[d] or one of its ancestors in the mapped tree
        while (a >= 0 && a != heads[d]) a = mh[a];
        EXPECT_EQ(a, heads[d]) << where << " word " << d;
        lifted += heads[d] != mh[d];
      }
      ExpectProjective(heads, where);
    };
    std::vector<int> heads, labels, rheads, rlabels, ref_heads, ref_labels;
    p.Parse(atoms, tags, &heads, &labels);
    ExpectTree(heads, where);
    q.Parse(ratoms, rtags, &rheads, &rlabels);
    expect_mapped(rheads, rlabels, heads, labels);
    p.ParseReference(atoms, tags, &ref_heads, &ref_labels);
    EXPECT_EQ(ref_heads, heads) << where;
    EXPECT_EQ(ref_labels, labels) << where;
    const int64_t score = p.ParseBeam(atoms, tags, 4, &heads, &labels);
    ExpectTree(heads, where);
    EXPECT_EQ(q.ParseBeam(ratoms, rtags, 4, &rheads, &rlabels), score) << where;
    expect_mapped(rheads, rlabels, heads, labels);
  }
  std::printf("arcs lifted to projectivity in sentence order: %d\n", lifted);
  EXPECT_GT(moved, 100);  // most sentences end in punctuation
  const double punct_last = BeamHeadAccuracy(p, data, 4, 300);
  o.punct_last = false;
  o.out = dir + "/r2l_plain.model";
  ASSERT_TRUE(RunTrain("parser", o).ok());
  auto plain = Parser::Load(testing::ReadFileOrDie(o.out), "r2l_plain.model");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain.value()->punct_last);
  EXPECT_GT(punct_last, BeamHeadAccuracy(*plain.value(), data, 4, 300) + 2.0);
}

// The direction is stored from format version 3 on: a reversed parser round-trips with its
// flag (written as version 3 even when handed an older header), a left-to-right one written
// with a version-2 header carries no direction byte and loads as left to right, a bad
// direction byte is Corruption naming the file, and a newer version is refused.
TEST(ParserTest, DirectionRoundTripsThroughTheModelFormat) {
  ENTENTE_REQUIRE_SHARED(data);
  const std::string dir = testing::TempDir();
  const std::string bytes = TrainReversed(data, dir + "/r2l_small.model", 60, 1);
  ASSERT_FALSE(bytes.empty());
  ModelHeader header;
  std::string payload;
  ASSERT_TRUE(DecodeModel(bytes, "r2l", ModelKind::kParser, Parser::Fingerprint(), &header,
                          &payload).ok());
  EXPECT_EQ(header.version, kModelFormatVersion);
  EXPECT_EQ(static_cast<unsigned char>(payload.back()), 1u);  // the direction byte
  auto loaded = Parser::Load(bytes, "r2l");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Parser& p = *loaded.value();
  ASSERT_TRUE(p.reverse);
  EXPECT_TRUE(p.Serialize(header) == bytes);  // byte-identical round trip

  ModelHeader old_header = header;
  old_header.version = 2;
  auto reloaded = Parser::Load(p.Serialize(old_header), "r2l-v2");
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_TRUE(reloaded.value()->reverse);  // never silently written left to right

  p.reverse = false;
  const std::string v2 = p.Serialize(old_header);
  ModelHeader h2;
  std::string payload2;
  ASSERT_TRUE(DecodeModel(v2, "v2", ModelKind::kParser, Parser::Fingerprint(), &h2, &payload2).ok());
  EXPECT_EQ(h2.version, 2u);
  EXPECT_EQ(payload2.size() + 1, payload.size());  // no direction byte
  auto old_loaded = Parser::Load(v2, "v2");
  ASSERT_TRUE(old_loaded.ok()) << old_loaded.status().ToString();
  EXPECT_FALSE(old_loaded.value()->reverse);
  auto v3_loaded = Parser::Load(p.Serialize(header), "v3");
  ASSERT_TRUE(v3_loaded.ok()) << v3_loaded.status().ToString();
  EXPECT_FALSE(v3_loaded.value()->reverse);

  // Direction 2: right to left with the final punctuation read last.
  p.reverse = true;
  p.punct_last = true;
  const std::string v3_punct = p.Serialize(header);
  ModelHeader h3;
  std::string payload3;
  ASSERT_TRUE(DecodeModel(v3_punct, "punct", ModelKind::kParser, Parser::Fingerprint(), &h3,
                          &payload3).ok());
  EXPECT_EQ(payload3.size(), payload.size());
  EXPECT_EQ(static_cast<unsigned char>(payload3.back()), 2u);
  auto punct_loaded = Parser::Load(v3_punct, "punct");
  ASSERT_TRUE(punct_loaded.ok()) << punct_loaded.status().ToString();
  EXPECT_TRUE(punct_loaded.value()->reverse);
  EXPECT_TRUE(punct_loaded.value()->punct_last);
  EXPECT_TRUE(punct_loaded.value()->Serialize(header) == v3_punct);
  auto plain_loaded = Parser::Load(bytes, "r2l");
  ASSERT_TRUE(plain_loaded.ok());
  EXPECT_FALSE(plain_loaded.value()->punct_last);

  std::string bad_payload = payload;
  bad_payload.back() = 3;
  Status bad = Parser::Load(EncodeModel(header, bad_payload), "bad.model").status();
  EXPECT_EQ(bad.code(), Status::Code::kCorruption) << bad.ToString();
  EXPECT_NE(bad.message().find("bad.model"), std::string::npos) << bad.ToString();
  EXPECT_NE(bad.message().find("direction"), std::string::npos) << bad.ToString();
  Status trailing = Parser::Load(EncodeModel(header, payload + '\0'), "long.model").status();
  EXPECT_EQ(trailing.code(), Status::Code::kCorruption) << trailing.ToString();
  ModelHeader newer = header;
  newer.version = kModelFormatVersion + 1;
  Status refused = Parser::Load(EncodeModel(newer, payload), "new.model").status();
  EXPECT_EQ(refused.code(), Status::Code::kUnsupported) << refused.ToString();
  EXPECT_NE(refused.message().find("version"), std::string::npos) << refused.ToString();
}

// The committed parsers are version-2, left-to-right files: they load as such, and written
// back with their own headers (as `train hot` does; prune writes the current version) they
// keep every byte.
TEST(ParserTest, CommittedModelsLoadLeftToRightAndRewriteByteForByte) {
  for (const std::string file : {"parser.model", "parser-beam.model"}) {
    SCOPED_TRACE(file);
    const std::string bytes = testing::ReadFileOrDie(testing::SourceDir() + "/models/" + file);
    ModelHeader header;
    std::string payload;
    ASSERT_TRUE(DecodeModel(bytes, file, ModelKind::kParser, Parser::Fingerprint(), &header,
                            &payload).ok());
    EXPECT_EQ(header.version, 2u);
    auto loaded = Parser::Load(bytes, file);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_FALSE(loaded.value()->reverse);
    EXPECT_TRUE(loaded.value()->Serialize(header) == bytes);
  }
}

}  // namespace
}  // namespace entente::nlp
