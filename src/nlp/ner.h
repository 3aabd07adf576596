// Named-entity tagger: PER, ORG, LOC as BIO tags, by a greedy left-to-right averaged perceptron
// with lexical, shape and part-of-speech features of a five-word window and the two previous
// predicted tags (no gazetteer). I-X is allowed only after B-X or I-X, so output is valid BIO.
// Immutable after loading; Tag is const and thread-safe.
#ifndef ENTENTE_NLP_NER_H_
#define ENTENTE_NLP_NER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "nlp/model_format.h"
#include "nlp/weights.h"
#include "nlp/word_atoms.h"

namespace entente::nlp {

class EntityTagger {
 public:
  static constexpr int kMaxFeatures = 48;
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

  static Result<std::unique_ptr<EntityTagger>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  // atoms/tags (HashString of XPOS) per word -> one class per word.
  void Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
           std::vector<int>* out) const;
  static int Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                      int i, int prev1, int prev2, uint64_t* out);
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_NER_H_
