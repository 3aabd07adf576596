// Helpers shared by the nlp trainers (train.cc, ner_train.cc): model headers, option checks,
// data conversion and entity-span scoring. Internal to entente_nlp_train.
#ifndef ENTENTE_NLP_TRAIN_INTERNAL_H_
#define ENTENTE_NLP_TRAIN_INTERNAL_H_

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "entente/status.h"
#include "nlp/conllu.h"
#include "nlp/model_format.h"
#include "nlp/tagger.h"
#include "nlp/train.h"
#include "nlp/word_atoms.h"

namespace entente::nlp::train_internal {

// Today's UTC date as YYYY-MM-DD.
std::string Today();
// The header stored in a model trained with `o`.
ModelHeader MakeHeader(const TrainOptions& o, ModelKind kind, uint64_t fingerprint);
// Reads and concatenates CoNLL-U files, keeping at most `max_sentences` (0 = all).
Result<std::vector<ConlluSentence>> ReadAllConllu(const std::vector<std::string>& paths,
                                                  size_t max_sentences);
std::vector<WordAtoms> AtomsOf(const std::vector<std::string>& words);
std::vector<std::string> FormsOf(const ConlluSentence& s);
// InvalidArgument when required options are missing or out of range.
Status CheckOptions(const TrainOptions& o);
Result<std::unique_ptr<Tagger>> LoadTaggerFile(const std::string& path);

// An entity span [start, end] (word indices, inclusive) with its type.
struct Span3 {
  int start, end;
  std::string type;
  bool operator<(const Span3& o) const {
    return std::tie(start, end, type) < std::tie(o.start, o.end, o.type);
  }
};
// Spans of a BIO tag sequence (an I- tag that does not continue a span starts one).
std::vector<Span3> Entities(const std::vector<std::string>& tags);
// Adds exact-match span counts of one sentence to `s`.
void CountEntities(const std::vector<std::string>& gold, const std::vector<std::string>& pred,
                   NlpScores* s);
// Fills precision, recall and F1 from the counts.
void FinishEntityScores(NlpScores* s);

}  // namespace entente::nlp::train_internal

#endif  // ENTENTE_NLP_TRAIN_INTERNAL_H_
