// Named-entity tagger: PER, ORG, LOC as BIO tags, by a greedy left-to-right averaged perceptron
// with lexical, shape and part-of-speech features of a five-word window, the two previous
// predicted tags, and gazetteer features: the model carries a list of known names (states,
// places, organisations, people, demonyms and titles from the project's knowledge base), and
// every token gets the types of the longest known names that start at or cover it (matched on
// lower-cased forms; the shape features tell "Turkey" from "turkey"). I-X is allowed only after
// B-X or I-X, so output is valid BIO. Word-cluster features (word_clusters.h) generalise over
// the small training sets. Immutable after loading; Tag is const and thread-safe.
#ifndef ENTENTE_NLP_NER_H_
#define ENTENTE_NLP_NER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

  // Adds a name (tokens split on spaces; a hyphenated token is also added split at its
  // hyphens, as UD tokenises it). Names longer than kMaxTokens are ignored.
  void Add(std::string_view name, uint8_t type);
  size_t size() const { return names_.size(); }
  // Per word: bits 0..4 = types of known names starting at the word, bits 8..12 = types of
  // names covering it without starting there (longest match from every start).
  void Mark(const std::vector<WordAtoms>& atoms, std::vector<uint32_t>* out) const;

  void Serialize(ByteWriter* w) const;
  bool Deserialize(ByteReader* r);

 private:
  void AddTokens(const std::vector<std::string>& tokens, uint8_t type);
  std::unordered_map<uint64_t, uint8_t> names_;
  int max_tokens_ = 0;
};

class EntityTagger {
 public:
  static constexpr int kMaxFeatures = 64;
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static uint64_t Fingerprint();
  // The fixed BIO label set; index = class.
  static const std::vector<std::string>& Labels();
  // Class index of a BIO label, or -1 when not one of ours.
  static int LabelIndex(std::string_view label);
  // True when class `cur` may follow class `prev` (-1 = sentence start).
  static bool Allowed(int prev, int cur);

  SparseWeights weights;
  NameList names;
  WordClusters clusters;  // cluster features (empty: every word is kUnknown)

  static Result<std::unique_ptr<EntityTagger>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  // atoms/tags (HashString of XPOS) per word -> one class per word.
  void Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
           std::vector<int>* out) const;
  // gaz = names.Mark(atoms), cl = clusters.LookupAll(atoms).
  static int Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                      const std::vector<uint32_t>& gaz, const std::vector<uint64_t>& cl, int i,
                      int prev1, int prev2, uint64_t* out);
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_NER_H_
