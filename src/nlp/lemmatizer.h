// Lemmatizer: a dictionary of (form, XPOS) -> lemma learned from the treebank (which covers the
// irregular forms), backed by suffix-edit rules learned per (XPOS, form suffix): "strip k
// characters, append s". For an unseen form the rules of every suffix length that has one are
// tried longest first, and the first result that is a known word (a lemma of the training data
// or a word of the cluster vocabulary) wins; when none is known, the longest suffix's rule does
// ("bombed" -> "bomb", not "bom" from "robbed" -> "rob"). Proper nouns and ADD (addresses, URLs)
// keep their case, except that an all-lower-case or all-capitals proper noun whose capitalised
// form is a proper-noun lemma of the training data gets that form ("mexico", "TEHRAN"); other
// words are lemmatised from their lower-cased form; CD numbers lose their thousands commas
// ("1,100" -> "1100"). Immutable after loading; Lemmatize is const and thread-safe.
#ifndef ENTENTE_NLP_LEMMATIZER_H_
#define ENTENTE_NLP_LEMMATIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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
  std::unordered_set<uint64_t> known;   // HashString of known lower-cased words
  std::unordered_set<uint64_t> proper;  // HashString of proper-noun lemmas (case kept)

  static uint64_t DictKey(std::string_view form, std::string_view xpos);
  static uint64_t RuleKey(std::string_view suffix, std::string_view xpos);
  // True for tags whose lemma keeps the case of the form (NNP, NNPS, ADD).
  static bool KeepsCase(std::string_view xpos);
  // The rule turning `form` into `lemma`.
  static Rule MakeRule(std::string_view form, std::string_view lemma);
  // False when the rule would cut `form` inside a UTF-8 character (a rule learnt on ASCII
  // endings, such as the empty suffix's, can meet a word ending in "é"). Apply returns the
  // form unchanged then, and when the rule would leave nothing.
  static bool Fits(const Rule& rule, std::string_view form);
  static std::string Apply(const Rule& rule, std::string_view form);

  static Result<std::unique_ptr<Lemmatizer>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  std::string Lemmatize(std::string_view form, std::string_view xpos) const;
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_LEMMATIZER_H_
