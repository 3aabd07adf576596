// A small rule-based English lemmatizer for the fast coder. Words are lower-cased (ASCII) and
// curly apostrophes straightened; an irregular form (data/coder/irregular.txt) maps to its
// lemma; otherwise suffix rules (-s, -es, -ies, -ed, -ied, -ing, doubled consonant, dropped e)
// propose candidates, and the first candidate that is a known lemma (the vocabulary: every word
// of the verb patterns plus the irregular lemmas) is returned, also for an -ed/-ing form that is
// itself a pattern word ("called" -> "call"). A word with no known candidate is
// returned lower-cased: the coder only needs lemmas of words its patterns mention, so it never
// guesses a lemma it cannot use. When the nlp stage has filled Token::lemma, that is used
// instead (see coder.cc). Immutable after loading; Lemma() is const and thread-safe.
#ifndef ENTENTE_CODER_LEMMATIZER_H_
#define ENTENTE_CODER_LEMMATIZER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entente/reader.h"

namespace entente::coder {

// ASCII lower case, U+2019 -> '\''.
std::string LowerWord(std::string_view word);

class Lemmatizer {
 public:
  // Reads `lemma | forms` rows; malformed rows go to `sink`. Returns the error count.
  int LoadIrregular(std::string_view text, const std::string& file, const DiagnosticSink& sink);
  // Makes `lemma` (lower case) a known lemma.
  void AddVocabulary(std::string_view lemma);
  bool Known(std::string_view lemma) const;
  // The lemma of `lower` (already lower-cased with LowerWord).
  std::string Lemma(const std::string& lower) const;
  size_t irregular_count() const { return irregular_.size(); }

 private:
  std::unordered_map<std::string, std::string> irregular_;
  std::unordered_set<std::string> vocabulary_;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_LEMMATIZER_H_
