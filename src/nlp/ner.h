// Named-entity tagger: PER, ORG, LOC as BIO tags, by an averaged structured perceptron (first-
// order Viterbi decoding; the previous word's entity type - none, O, PER, ORG or LOC, not its
// B/I position - is conjoined with some features, so each word scores at most four history
// feature sets, one per type, instead of one per previous label) with lexical,
// shape and part-of-speech features of a five-word window, the sentence's casing, and
// gazetteer features: the model carries a list of known names (states,
// places, organisations, people, demonyms and titles from the project's knowledge base), and
// every token gets the types of the longest known names that start at or cover it (matched on
// lower-cased forms; the shape features tell "Turkey" from "turkey"). I-X is allowed only after
// B-X or I-X, so output is valid BIO. After decoding, Tag gives a found entity whose words are
// exactly a known name of a single type among PER/ORG/LOC that type (RetypeKnownNames: the
// span is kept, only its type changes; type confusions are the largest error class).
// Word-cluster features (word_clusters.h) generalise over the small training sets; a casing
// profile (CountCasing, clusters_train.h: how often each word is capitalised where position
// does not force it, in large raw text) tells names written in lower case ("starbucks") and
// common words written capitalised ("Regard") apart from what the word looks like here. Tag scores
// in integers (SparseWeights::ScoreRaw: exact sums, first through the weights' hot index; path
// scores in int64_t), which on UNER PUD and EWT labels every token as float scoring does
// (tested); training keeps float scores. Immutable after
// loading; Tag is const and thread-safe.
#ifndef ENTENTE_NLP_NER_H_
#define ENTENTE_NLP_NER_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "entente/status.h"
#include "nlp/model_format.h"
#include "nlp/weights.h"
#include "nlp/word_atoms.h"
#include "nlp/word_clusters.h"

namespace entente::nlp {

// Known names by type, keyed by the hash of their lower-cased token sequence.
class NameList {
 public:
  enum : uint8_t { kPer = 1, kOrg = 2, kLoc = 4, kDemonym = 8, kTitle = 16 };
  static constexpr int kMaxTokens = 8;
  static constexpr uint32_t kWholeNameBits = 0x00FFFFFF;  // bits of whole-name matches

  // Adds a name (tokens split on spaces; a hyphenated token is also added split at its
  // hyphens, as UD tokenises it) and its capitalised words as name parts. Names longer than
  // kMaxTokens are ignored.
  void Add(std::string_view name, uint8_t type);
  size_t size() const { return names_.size(); }        // distinct whole names
  size_t num_parts() const { return parts_.size(); }   // distinct name parts
  // Per word: bits 0..4 = types of known names starting at the word, bits 8..12 = types of
  // names covering it without starting there, bits 16..20 = types of names ending at it
  // (longest match from every start), bits 24..28 = types of the names of which the word is
  // a capitalised part anywhere ("Donald" of a person, "Party" of an organisation).
  void Mark(const std::vector<WordAtoms>& atoms, std::vector<uint32_t>* out) const;
  // Types (kPer | kOrg | ...) of the known name made of exactly atoms[begin, end), or 0.
  uint8_t TypesOf(const std::vector<WordAtoms>& atoms, int begin, int end) const;

  void Serialize(ByteWriter* w) const;
  bool Deserialize(ByteReader* r);

 private:
  void AddTokens(const std::vector<std::string>& tokens, uint8_t type);
  std::unordered_map<uint64_t, uint8_t> names_;  // hash of the token sequence -> types
  std::unordered_map<uint64_t, uint8_t> parts_;  // norm of a capitalised name word -> types
  int max_tokens_ = 0;
};

// Per-sentence inputs of the feature extractor (see EntityTagger::Prepare).
struct NerInput {
  const std::vector<WordAtoms>* atoms = nullptr;
  const std::vector<uint64_t>* tags = nullptr;  // HashString of XPOS per word
  std::vector<uint32_t> gaz;                    // NameList::Mark
  std::vector<uint64_t> cl;                     // WordClusters::LookupAll
  std::vector<uint64_t> cs;                     // casing buckets (EntityTagger::casing)
  uint64_t sentence_case = 0;  // 0 ordinary, 1 no capitalised word after the first, 2 capitals
  // Per word: first and last word of the run of capitalised words (joined by "of", "and",
  // "&", "for", "de") around it, or -1 when the word is not capitalised.
  std::vector<int> run_first, run_last;
  int size() const { return static_cast<int>(atoms->size()); }
};

class EntityTagger {
 public:
  static constexpr int kMaxFeatures = 96;
  // Templates: the first kNumStaticTemplates do not depend on the labels, the rest are
  // conjoined with the previous word's history group (HistoryGroup: its entity type).
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static const size_t kNumStaticTemplates;
  static uint64_t Fingerprint();
  // The fixed BIO label set; index = class.
  static const std::vector<std::string>& Labels();
  static constexpr int kNumLabels = 7;
  // Class index of a BIO label, or -1 when not one of ours.
  static int LabelIndex(std::string_view label);
  // True when class `cur` may follow class `prev` (-1 = sentence start).
  static bool Allowed(int prev, int cur);

  SparseWeights weights;
  NameList names;
  WordClusters clusters;  // cluster features (empty: every word is kUnknown)
  WordClusters casing;    // word -> casing bucket (CasingBucket); empty: every word kUnknown

  static Result<std::unique_ptr<EntityTagger>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  // atoms/tags (HashString of XPOS) per word -> one class per word (valid BIO), the best
  // sequence under the model (Viterbi over the history-group features), then
  // RetypeKnownNames.
  void Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
           std::vector<int>* out) const;

  // Post-processing of a valid BIO sequence (Tag applies it): an entity whose words are
  // exactly a known name (names.TypesOf) with exactly one of the PER/ORG/LOC bits takes that
  // type ("Kremlin" ORG, "Kabul" LOC); spans never change, other entities are left alone.
  void RetypeKnownNames(const std::vector<WordAtoms>& atoms, std::vector<int>* labels) const;

  // Fills `in` for a sentence with this model's names, clusters and casing profile; `atoms` and `tags` must
  // outlive `in`.
  void Prepare(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
               NerInput* in) const;
  static uint64_t SentenceCase(const std::vector<WordAtoms>& atoms);
  static void CapitalisedRuns(const std::vector<WordAtoms>& atoms, std::vector<int>* first,
                              std::vector<int>* last);
  // Label-independent features of word i; returns the count (kNumStaticTemplates).
  static int StaticFeatures(const NerInput& in, int i, uint64_t* out);
  // The history group of class `prev` (-1 = sentence start): 0 start, 1 O, 2 PER, 3 ORG, 4 LOC.
  // B-X and I-X share a group, so their history features are the same.
  static constexpr int kNumHistoryGroups = 5;
  static constexpr int HistoryGroup(int prev) { return prev < 0 ? 0 : (prev + 1) / 2 + 1; }
  // Features of word i conjoined with the history group of the previous word's class `prev`
  // (-1 at the start); equal for classes of one group.
  static int HistoryFeatures(const NerInput& in, int i, int prev, uint64_t* out);
  // All features of word i (static then history; prev2 is not used by this model). gaz =
  // names.Mark(atoms), cl = clusters.LookupAll(atoms); no casing profile (every word's bucket
  // unknown). Returns kNumTemplates.
  static int Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                      const std::vector<uint32_t>& gaz, const std::vector<uint64_t>& cl, int i,
                      int prev1, int prev2, uint64_t* out);

  // Viterbi decoding with any scorer `score(const uint64_t* feats, int n, Acc* scores)` that
  // adds kNumLabels class scores. Acc = float (training: the perceptron's float weights) or
  // int32_t (Tag: SparseWeights::ScoreRaw, exact integer sums; paths are then summed in
  // int64_t, exactly). `fixed`, when not null, holds per word a class the path must take
  // there, or -1 for any (used by training for partly annotated sentences).
  template <typename Acc = float, typename Scorer>
  static void Decode(const NerInput& in, const Scorer& score, const std::vector<int>* fixed,
                     std::vector<int>* out);
};

template <typename Acc, typename Scorer>
void EntityTagger::Decode(const NerInput& in, const Scorer& score, const std::vector<int>* fixed,
                          std::vector<int>* out) {
  static_assert(std::is_same_v<Acc, float> || std::is_same_v<Acc, int32_t>);
  using PathScore = std::conditional_t<std::is_same_v<Acc, float>, float, int64_t>;
  constexpr int L = kNumLabels;
  // Marks unreachable states: below every path score.
  constexpr PathScore kNone = std::is_same_v<Acc, float> ? PathScore(-3.0e38f)
                                                         : std::numeric_limits<PathScore>::min();
  const int n = in.size();
  out->assign(n, 0);
  if (n == 0) return;
  std::vector<PathScore> best(static_cast<size_t>(n) * L, kNone);
  std::vector<int8_t> back(static_cast<size_t>(n) * L, -1);
  uint64_t f[kMaxFeatures];
  Acc stat[L], hist_of[kNumHistoryGroups][L];
  bool scored[kNumHistoryGroups];
  for (int i = 0; i < n; ++i) {
    std::fill(stat, stat + L, Acc(0));
    score(f, StaticFeatures(in, i, f), stat);
    std::fill(scored, scored + kNumHistoryGroups, false);
    const int fix = fixed ? (*fixed)[i] : -1;
    for (int prev = i == 0 ? -1 : 0; prev < L; ++prev) {
      const PathScore base = prev < 0 ? PathScore(0) : best[(i - 1) * L + prev];
      if (base == kNone) continue;
      const int g = HistoryGroup(prev);
      Acc* hist = hist_of[g];
      if (!scored[g]) {  // once per group: B-X and I-X share their history features
        scored[g] = true;
        std::fill(hist, hist + L, Acc(0));
        score(f, HistoryFeatures(in, i, prev, f), hist);
      }
      for (int c = 0; c < L; ++c) {
        if ((fix >= 0 && c != fix) || !Allowed(prev, c)) continue;
        const PathScore v = base + stat[c] + hist[c];
        if (v > best[i * L + c]) {
          best[i * L + c] = v;
          back[i * L + c] = static_cast<int8_t>(prev);
        }
      }
      if (prev < 0) break;
    }
  }
  int c = 0;
  for (int k = 1; k < L; ++k)
    if (best[(n - 1) * L + k] > best[(n - 1) * L + c]) c = k;
  for (int i = n - 1; i >= 0; --i) {
    (*out)[i] = c;
    c = back[i * L + c];
    if (c < 0) c = 0;
  }
}

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_NER_H_
