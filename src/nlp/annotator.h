// The nlp stage's runtime entry point: fills Token::upos, xpos, lemma, head, deprel and ner for
// every sentence (or chosen sentences) of a segmented Document, using the tagger, lemmatizer,
// parser and entity tagger trained by entente_nlp_train (model files: src/nlp/model_format.h).
#ifndef ENTENTE_NLP_ANNOTATOR_H_
#define ENTENTE_NLP_ANNOTATOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"
#include "nlp/parse_combine.h"
#include "nlp/word_atoms.h"

namespace entente::nlp {

class Tagger;
class Lemmatizer;
class Parser;
class EntityTagger;

// The model files' bytes (for loading from memory or streams). parser_beam and parser_r2l are
// read only by the accurate path, and only when their weight is not 0.
struct ModelBytes {
  std::string tagger, lemmatizer, parser, ner;
  std::string parser_beam;  // parser-beam.model
  std::string parser_r2l;   // parser-beam-r2l.model
};

struct AnnotatorOptions {
  // false (default): the greedy parser (parser.model) alone, the fast path. true: parser
  // combination (parse_combine.h): three parsers parse each sentence and vote for their arcs
  // with the weights below; the result is the projective tree of highest summed vote. EWT dev
  // UAS/LAS 87.13/83.75 against 85.15/81.58 greedy and 86.31/82.78 for the best single parser;
  // parsing is about 10 times slower than greedy (docs/accuracy.md, docs/benchmarks.md).
  bool accurate = false;
  // accurate only: each parser's vote. A parser of weight 0 is neither loaded nor run (its file
  // may then be absent); when a single parser is left, its own parse is used. Weights >= 0, at
  // most 1e6, not all 0 (else InvalidArgument). Ties between trees go to the arcs of the first
  // parser loaded, in the order below. The defaults were chosen on EWT dev: any two parsers
  // that agree outvote the third, and when all three differ the beam parser, then the
  // right-to-left one is trusted (equal weights: 87.01/83.63).
  double beam_weight = 1.0;    // parser-beam.model, beam of kAccurateBeamWidth
  double r2l_weight = 0.9;     // parser-beam-r2l.model (right to left), beam kAccurateBeamWidth
  double greedy_weight = 0.8;  // parser.model, greedy
};

class Annotator {
 public:
  // File names inside a models directory.
  static constexpr const char* kTaggerFile = "tagger.model";
  static constexpr const char* kLemmatizerFile = "lemmatizer.model";
  static constexpr const char* kParserFile = "parser.model";
  static constexpr const char* kAccurateParserFile = "parser-beam.model";
  static constexpr const char* kAccurateR2lParserFile = "parser-beam-r2l.model";
  static constexpr int kAccurateBeamWidth = 8;  // the width the beam models were trained with
  static constexpr const char* kNerFile = "ner.model";

  // Loads models_dir/{tagger,lemmatizer,parser,ner}.model; when options.accurate, the parsers
  // of non-zero weight instead of parser.model (parser-beam.model, parser-beam-r2l.model,
  // parser.model). NotFound naming the missing file, the loader's error (bad magic, newer
  // version, wrong kind, fingerprint mismatch), or InvalidArgument for bad weights.
  static Result<std::unique_ptr<Annotator>> Load(const std::string& models_dir,
                                                 const AnnotatorOptions& options = {});
  // Same from bytes (the fields Load would read; the others may be empty); `origin` labels
  // error messages.
  static Result<std::unique_ptr<Annotator>> LoadFromBytes(const ModelBytes& bytes,
                                                          const std::string& origin = "<memory>",
                                                          const AnnotatorOptions& options = {});
  ~Annotator();

  // Annotates every sentence of `doc` (doc->sentences and doc->tokens must already exist;
  // tokens outside sentences are left alone). Heads are indices within the sentence (-1 for
  // the root); each sentence gets exactly one root. InvalidArgument when a sentence's token
  // range is out of bounds. Const and thread-safe: one Annotator may serve many threads.
  Status Annotate(Document* doc) const;

  // What TagAndLemmatize keeps for ParseSentence and TagEntities: per document token its atoms
  // and tag, per sentence whether it was tagged; plus scratch buffers. One per document being
  // annotated (reusing one across documents reuses its allocations); not shared between threads.
  struct TaggedDocument {
    std::vector<WordAtoms> atoms;           // indexed by document token
    std::vector<int> tags;                  // tagger tag index, by document token
    std::vector<bool> tagged;               // by sentence: tagged and its ranges checked
    std::vector<bool> entities;             // by sentence: Token::ner filled
    std::vector<WordAtoms> sentence_atoms;  // scratch
    std::vector<int> sentence_tags, heads, labels, ents;  // scratch
    std::vector<uint64_t> tag_hashes;                     // scratch
    std::vector<std::vector<int>> parse_heads, parse_labels;  // scratch: one per parser
    CombineScratch combine;                                   // scratch
  };

  // Annotate in parts, for callers that decide sentence by sentence, late, which sentences to
  // parse or entity-tag. TagAndLemmatize tags and lemmatizes every sentence of `doc`
  // (Token::lemma of every token exactly as Annotate fills it; no other field is written) and
  // fills `*out`. InvalidArgument as Annotate.
  Status TagAndLemmatize(Document* doc, TaggedDocument* out) const;
  // Parses sentence `si` of `doc` (upos, xpos, head, deprel exactly as Annotate fills them) from
  // `*tagged`, which TagAndLemmatize filled for this document, tokens unchanged since.
  // InvalidArgument when `si` is out of range or was not tagged. Empty sentences: no-op.
  Status ParseSentence(Document* doc, TaggedDocument* tagged, size_t si) const;
  // The entity tags of sentence `si` (Token::ner exactly as Annotate fills it; done once per
  // sentence), from `*tagged` as ParseSentence; errors as ParseSentence.
  Status TagEntities(Document* doc, TaggedDocument* tagged, size_t si) const;

  const Tagger& tagger() const { return *tagger_; }
  // The first parser: parser.model by default; when accurate, parser-beam.model (unless its
  // weight is 0; then the next of parser-beam-r2l.model, parser.model).
  const Parser& parser() const { return *parsers_[0].parser; }

 private:
  Annotator();
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  // One parser of the combination (or the only one).
  struct ParserRun {
    std::unique_ptr<Parser> parser;
    int beam_width = 1;     // 1: Parser::Parse; more: Parser::ParseBeam
    double weight = 1.0;    // its vote (CombineParses)
    int64_t vote_units = 0;  // VoteUnits(weight)
    std::vector<int> label_map;  // its label id -> index in combined_labels_
  };
  std::vector<ParserRun> parsers_;  // >= 1; [0] breaks ties
  // The order in which ParseSentence runs parsers_ (2+ parsers): the greedy parser (the
  // cheapest) first, then the others in combination order. Once the parsers run so far agree on
  // every head and label and outweigh the rest together, the rest cannot change the combined
  // parse (each word's agreed head and label beats any other by more than the rest can add), so
  // they are not run: the output is CombineParses' over all parsers, bit for bit (tested).
  std::vector<int> run_order_;
  int64_t total_vote_units_ = 0;  // sum of parsers_' vote_units
  std::vector<std::string> combined_labels_;  // union of the parsers' labels (2+ parsers)
  // ParseSentence and TagEntities: the tagged check and the sentence's scratch inputs; the
  // entity tags of a loaded sentence.
  Result<bool> LoadSentence(const char* what, const Document& doc, TaggedDocument* t, size_t si) const;
  void WriteEntities(Document* doc, TaggedDocument* t, size_t si) const;

  std::unique_ptr<EntityTagger> ner_;
  std::vector<uint64_t> xpos_hash_;  // HashString of each tagger tag's xpos
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_ANNOTATOR_H_
