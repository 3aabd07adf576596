// Lemmatizer: a dictionary of (form, XPOS) -> lemma learned from the treebank (which covers the
// irregular forms), backed by suffix-edit rules learned per (XPOS, form suffix): "strip k
// characters, append s". A rule is chosen by the longest suffix seen in training. Proper nouns
// keep their case; other words are lemmatised from their lower-cased form. Immutable after
// loading; Lemmatize is const and thread-safe.
#ifndef ENTENTE_NLP_LEMMATIZER_H_
#define ENTENTE_NLP_LEMMATIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "entente/status.h"
#include "nlp/model_format.h"

namespace entente::nlp {

class Lemmatizer {
 public:
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static uint64_t Fingerprint();
  static constexpr int kMaxSuffix = 6;

  struct Rule {
    uint8_t strip = 0;    // bytes removed from the end of the form
    std::string append;   // then appended
  };

  // Keys: DictKey(form, xpos) / RuleKey(suffix, xpos).
  std::unordered_map<uint64_t, std::string> exact;  // exact form
  std::unordered_map<uint64_t, std::string> lower;  // ASCII-lower-cased form
  std::unordered_map<uint64_t, Rule> rules;

  static uint64_t DictKey(std::string_view form, std::string_view xpos);
  static uint64_t RuleKey(std::string_view suffix, std::string_view xpos);
  // True for tags whose lemma keeps the case of the form (NNP, NNPS).
  static bool KeepsCase(std::string_view xpos);
  // The rule turning `form` into `lemma`.
  static Rule MakeRule(std::string_view form, std::string_view lemma);
  static std::string Apply(const Rule& rule, std::string_view form);

  static Result<std::unique_ptr<Lemmatizer>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  std::string Lemmatize(std::string_view form, std::string_view xpos) const;
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_LEMMATIZER_H_
