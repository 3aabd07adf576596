// Training and evaluation of the nlp models (library entente_nlp_train; the runtime library
// entente_nlp does not carry any of this). Every trainer is deterministic: the same inputs,
// options and seed give a byte-identical model file.
#ifndef ENTENTE_NLP_TRAIN_H_
#define ENTENTE_NLP_TRAIN_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "nlp/annotator.h"

namespace entente::nlp {

struct TrainOptions {
  // Training files. Tagger, lemmatizer, parser: CoNLL-U. Entity tagger: UNER IOB2 (*.iob2),
  // GUM CoNLL-U with Entity= annotations in MISC (*.conllu), or "token TAB tag" files in the
  // CrossNER scheme (anything else); all mapped onto PER/ORG/LOC.
  std::vector<std::string> train;
  // Held-out files, scored after every iteration when `log` is set (optional).
  std::vector<std::string> dev;
  int iterations = 8;       // perceptron epochs
  uint64_t seed = 1;        // shuffling and exploration
  std::string out;          // output model path (required)
  std::string date;         // stored in the header; "" = today's UTC date
  std::string training_data;  // stored in the header; "" = the training files' base names
  // Parser and entity tagger: a trained tagger model used to tag their training data
  // (the parser uses gold tags when empty and jackknife_folds == 0).
  std::string tagger_model;
  // Parser: tag its training data by k-fold jackknifing (train k taggers with
  // `tagger_iterations` epochs, each tagging the fold it did not see); 0 = off.
  int jackknife_folds = 0;
  int tagger_iterations = 6;
  // Entity tagger: knowledge-base files whose names become lexical features and are stored in
  // the model (data/actors/*.txt, data/actors/people/*.txt, data/gazetteer/places.txt; format:
  // ReadNameFile in ner_data.h). Empty = no name features.
  std::vector<std::string> gazetteer;
  // Tagger, parser (and its jackknife taggers) and entity tagger: word clusters ("word TAB
  // cluster", from InduceClusters in clusters_train.h) used as features and stored in the
  // model. Lemmatizer: the file's words join the known-word list. "" = none.
  std::string clusters;
  // Entity tagger: casing profile ("word TAB bucket", from CountCasing in clusters_train.h)
  // used as features and stored in the model. "" = none.
  std::string casing;
  // Parser: the `label_groups` most frequent relations (in the training data) get transitions
  // of their own (LEFT-l, RIGHT-l); the others share one pair and a label classifier.
  int label_groups = 12;
  // Parser: 1 = greedy training (dynamic oracle with exploration); > 1 = global training of
  // the transition scorer with a beam of this width and early update (Zhang & Clark 2008),
  // scoring dev with ParseBeam of the same width (the model is meant for that width).
  int beam_width = 1;
  // Parser, beam_width > 1: false = early update; true = max-violation update (Huang et al.
  // 2012): the beam runs to the end and the update is made at the prefix length where the best
  // (non-gold) hypothesis outscores the gold prefix by most.
  bool max_violation = false;
  // Parser: train a right-to-left parser (Parser::reverse). Tags are computed on the sentence
  // in its own order, then words, tags and gold heads are reversed for training; dev is scored
  // through Parse/ParseBeam in sentence order. Default false (left to right).
  bool reverse = false;
  // Parser, with `reverse`: the final run of punctuation is read last, in sentence order
  // (Parser::punct_last). Default false (plain reversal).
  bool punct_last = false;
  // Parser: automatically parsed CoNLL-U (uptraining, Petrov et al. 2010: text parsed by a
  // slower, more accurate parser) added to the training data. Unlike `train`, these sentences
  // are not used to train the jackknife taggers and do not count for the label groups; their
  // tags come from `tagger_model` (from the file's XPOS column when none is given).
  std::vector<std::string> auto_train;
  float prune = 0.0f;        // drop averaged weights with |w| below this
  size_t max_sentences = 0;  // use only the first N training sentences (0 = all)
  std::ostream* log = nullptr;  // progress lines; nullptr = silent
};

Status TrainTagger(const TrainOptions& options);
Status TrainLemmatizer(const TrainOptions& options);
Status TrainParser(const TrainOptions& options);
Status TrainNer(const TrainOptions& options);
// kind: "tagger", "lemmatizer", "parser", "ner" or "hot". "hot" is the last training step: it
// tags, parses and entity-tags the `train` files with the models in the folder `out` (the
// entity tagger only when out/ner.model exists), counts how often each feature is looked up
// and rewrites those models with that order (SparseWeights::SetHotOrder; the hot index holds
// the first rows). Weights and outputs do not change; the same models and files give the same
// bytes.
Status RunTrain(std::string_view kind, const TrainOptions& options);

// Rewrites a tagger, parser or entity-tagger model without weights whose magnitude is below
// `threshold` (to fit the size budget); header fields are kept. A parser's label classifier
// uses `label_threshold` instead when it is >= 0 (its table is small; default: `threshold`).
Status PruneModel(const std::string& in_path, const std::string& out_path, float threshold,
                  float label_threshold = -1.0f);

struct NlpScores {
  int64_t sentences = 0;
  int64_t words = 0;
  // Percentages over all words (punctuation included); meaningful when has_syntax.
  bool has_syntax = false;
  double upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  // Exact-match entity scores (PER/ORG/LOC spans); meaningful when has_entities.
  bool has_entities = false;
  int64_t gold_entities = 0, predicted_entities = 0, correct_entities = 0;
  double precision = 0, recall = 0, f1 = 0;
  // When the parse was redone with a chosen beam width (EvaluateConllu's `parser_beam` > 0):
  // that width and the wall time of the parser alone over all sentences.
  int parser_beam = 0;
  double parse_seconds = 0;
};

// Annotates the gold file's tokens and scores the result. A CoNLL-U file gives UPOS, XPOS,
// lemma, UAS and LAS; a *.iob2 file (UNER) gives entity precision, recall and F1.
// `max_sentences` > 0 scores only the first N sentences. `parser_beam` > 0 (CoNLL-U only)
// re-parses every sentence from the annotator's tags with Parser::ParseBeam of that width
// (1: the greedy Parse) and scores that parse, timing it; 0 scores Annotate's own parse.
Result<NlpScores> EvaluateConllu(const Annotator& annotator, const std::string& gold_path,
                                 size_t max_sentences = 0, int parser_beam = 0);
// One human-readable line per score.
std::string FormatScores(const NlpScores& scores);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_TRAIN_H_
