// Word-cluster induction for the parser's and entity tagger's cluster features (training
// library only).
//
// Algorithm: the exchange algorithm for class-based bigram models (Kneser & Ney 1993; Martin,
// Liermann & Ney 1998), the flat counterpart of Brown clustering. The `vocabulary` most frequent
// normalised words (lower-cased, digits -> 0; ties by byte order) start in classes assigned
// round-robin by frequency rank; each iteration visits the words in that order and moves each to
// the class that most increases the bigram log-likelihood
//   sum_{c,d} F(N(c,d)) - sum_c F(N(c,.)) - sum_d F(N(.,d)),   F(x) = x log x,
// computed from the word's left and right neighbour counts by class. Bigrams with a word outside
// the vocabulary are not counted. Deterministic: same inputs and options, same output bytes.
#ifndef ENTENTE_NLP_CLUSTERS_TRAIN_H_
#define ENTENTE_NLP_CLUSTERS_TRAIN_H_

#include <ostream>
#include <cstdint>
#include <string>
#include <vector>

#include "entente/status.h"

namespace entente::nlp {

struct ClusterOptions {
  // Text: *.conllu (word forms, one sequence per sentence), *.jsonl.gz / *.jsonl (the "text"
  // field of every line, e.g. the UN General Debate corpus; one sequence per text line), anything
  // else plain UTF-8 text (one sequence per line). Raw text is split at spaces with punctuation
  // peeled off word edges and "'s"/"n't" split off, roughly as UD tokenises.
  std::vector<std::string> text;
  int classes = 256;         // 2..65535
  int vocabulary = 20000;    // words clustered
  int iterations = 4;
  std::string out;           // "word TAB cluster" lines, most frequent word first
  std::ostream* log = nullptr;
};

Status InduceClusters(const ClusterOptions& options);

// Casing profile for the entity tagger's case features: for each word (by WordAtoms::norm),
// how often it is written capitalised where position does not force it (not the first token
// of a sequence, nor after . ? ! : ; quotes, brackets or dashes), over the same text files as
// InduceClusters (read as written). Output: "word TAB bucket" lines (the format
// WordClusters::ReadFile reads), most frequent first, bucket = CasingBucket.
struct CasingOptions {
  std::vector<std::string> text;
  int vocabulary = 50000;  // most frequent words kept
  int min_count = 5;       // fewer counted occurrences: left out (no profile)
  std::string out;
  std::ostream* log = nullptr;
};

Status CountCasing(const CasingOptions& options);

// Share of capitalised occurrences, capitalised / (capitalised + lower), in six buckets: 0 below
// 2%, 1 below 20%, 2 below 50%, 3 below 80%, 4 below 98%, 5 from 98% (a name-like word).
// Requires capitalised + lower > 0.
int CasingBucket(int64_t capitalised, int64_t lower);

// The tokeniser used for raw text (exposed for tests).
void SplitRawText(std::string_view line, std::vector<std::string>* tokens);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_CLUSTERS_TRAIN_H_
