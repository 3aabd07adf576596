// Trained NLP from the command line: training the tagger, lemmatizer, parser and entity tagger
// reproducibly, writing parses as CoNLL-U, and scoring models against gold files. The models
// themselves run inside the Pipeline (pipeline.h) when it is not in fast mode.
#ifndef ENTENTE_NLP_H_
#define ENTENTE_NLP_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente {

struct NlpTrainOptions {
  std::vector<std::string> train;  // CoNLL-U (tagger, lemmatizer, parser); IOB2/CoNLL-U/TSV (ner)
  std::vector<std::string> dev;    // held-out files scored after each epoch (optional)
  int iterations = 8;              // perceptron epochs
  uint64_t seed = 1;               // same seed and data: byte-identical model
  std::string out;                 // model file to write (required)
  std::string tagger_model;        // parser/ner: tagger used to tag their training data
  std::string date;                // stored in the model header; "" = today's UTC date
  std::string training_data;       // stored in the model header; "" = the training files' names
  int jackknife_folds = 0;         // parser: k-fold jackknifed tags (0 = gold tags)
  float prune = 0.0f;              // drop weights with |w| below this
  std::vector<std::string> gazetteer;  // ner: knowledge files whose names become features
  std::string clusters;            // word clusters ("word TAB cluster") used as features
  std::string casing;              // ner: casing profile ("word TAB bucket", kind "casing")
  // kind "clusters": raw text to induce word clusters from (CoNLL-U, JSON Lines (.gz), text).
  std::vector<std::string> text;
  int classes = 256;               // clusters: number of classes
  int vocabulary = 0;              // clusters: most frequent words clustered; casing: words
                                   // profiled (0 = the kind's default: 20000, 50000)
  int min_count = 0;               // casing: fewer occurrences are left out (0 = default, 5)
  int beam_width = 1;              // parser: > 1 trains globally with a beam (parser-beam.model: 8)
  bool max_violation = false;      // parser, beam_width > 1: max-violation instead of early update
  bool reverse = false;            // parser: read right to left
  bool punct_last = false;         // parser, with reverse: the final punctuation is read last
                                   // (parser-beam-r2l.model is trained with both)
  std::ostream* log = nullptr;     // progress lines; nullptr = silent
};

// kind: "tagger", "lemmatizer", "parser", "ner", "clusters" (word clusters from raw text,
// used as features by the others; uses `text`, `classes`, `vocabulary`, `iterations`, `out`),
// "casing" (how often each word of raw text is capitalised where its position does not force
// it: the entity tagger's casing profile; uses `text`, `vocabulary`, `min_count`, `out`) or
// "hot" (the last step: tags and parses the `train` files with the tagger and parser in the
// folder `out` and rewrites both with the order of their most looked-up features, which the
// cache-resident hot index holds; weights and outputs do not change).
Status TrainNlpModel(std::string_view kind, const NlpTrainOptions& options);

// Writes an annotated document (Pipeline::Process without fast mode) as CoNLL-U.
Status WriteConllu(const Document& doc, std::ostream& out);

// Loads the models in `models_dir`, annotates the gold file's tokens and returns the scores as
// readable lines: UPOS, XPOS, lemma, UAS, LAS for CoNLL-U; entity P/R/F1 for *.iob2 files.
// `accurate`: parse with the three-parser combination (PipelineOptions::accurate).
Result<std::string> EvaluateNlpModels(const std::string& models_dir, const std::string& gold_path,
                                      bool accurate = false);

}  // namespace entente

#endif  // ENTENTE_NLP_H_
