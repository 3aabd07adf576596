// Part-of-speech tagger: greedy left-to-right averaged perceptron over combined (XPOS, UPOS)
// classes, with lexical features (normalised word, prefixes, suffixes, shape, flags), the two
// neighbouring words on each side, word clusters (word_clusters.h) and the two previous
// predicted tags. Words seen often in
// training with one dominant tag are tagged from a dictionary without scoring (the word-class
// cache of the classic fast design). Immutable after loading; Tag is const and thread-safe.
#ifndef ENTENTE_NLP_TAGGER_H_
#define ENTENTE_NLP_TAGGER_H_

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

class Tagger {
 public:
  static constexpr int kMaxFeatures = 64;
  // Feature-template names in extraction order; their hash is the model fingerprint.
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static uint64_t Fingerprint();

  struct TagName {
    std::string xpos;
    std::string upos;
  };

  // The trained parts (filled by the trainer or the loader).
  std::vector<TagName> tags;
  std::unordered_map<uint64_t, int> tagdict;  // exact-form hash -> tag
  // Ambiguity class: normalised-form hash -> hash of the set of tags seen with it in training.
  std::unordered_map<uint64_t, uint64_t> ambiguity;
  SparseWeights weights;
  WordClusters clusters;  // cluster features (empty: every word is kUnknown)

  // Parses a model file's bytes (`name` labels errors).
  static Result<std::unique_ptr<Tagger>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  // Tags a sentence. atoms[i] = ComputeAtoms(word i). Writes one tag id per word.
  void Tag(const std::vector<WordAtoms>& atoms, std::vector<int>* out) const;

  // Ambiguity classes of a sentence's words (0 = unknown word).
  void AmbiguityClasses(const std::vector<WordAtoms>& atoms, std::vector<uint64_t>* out) const;
  // Feature keys for word i given the previous two tags (-1 = none); returns the count.
  // cl = clusters.LookupAll(atoms).
  // Features = WordFeatures then TagFeatures (the same keys in any order score the same).
  static int Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                      const std::vector<uint64_t>& cl, int i, int prev1, int prev2,
                      uint64_t* out);
  // The features of word i that do not depend on the previous tags, and those that do.
  static int WordFeatures(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                          const std::vector<uint64_t>& cl, int i, uint64_t* out);
  static int TagFeatures(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                         const std::vector<uint64_t>& cl, int i, int prev1, int prev2, uint64_t* out);
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_TAGGER_H_
