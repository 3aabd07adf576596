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
#include "nlp/word_atoms.h"

namespace entente::nlp {

class Tagger;
class Lemmatizer;
class Parser;
class EntityTagger;

// The four model files' bytes (for loading from memory or streams).
struct ModelBytes {
  std::string tagger, lemmatizer, parser, ner;
};

struct AnnotatorOptions {
  // false (default): the greedy parser (parser.model), the fast path. true: the globally trained
  // parser (parser-beam.model) decoded with a beam of kAccurateBeamWidth: about 1 UAS more on
  // EWT and about 6 times slower to parse (docs/accuracy.md, docs/benchmarks.md).
  bool accurate = false;
};

class Annotator {
 public:
  // File names inside a models directory.
  static constexpr const char* kTaggerFile = "tagger.model";
  static constexpr const char* kLemmatizerFile = "lemmatizer.model";
  static constexpr const char* kParserFile = "parser.model";
  static constexpr const char* kAccurateParserFile = "parser-beam.model";
  static constexpr int kAccurateBeamWidth = 8;  // the width parser-beam.model was trained with
  static constexpr const char* kNerFile = "ner.model";

  // Loads models_dir/{tagger,lemmatizer,parser,ner}.model (parser-beam.model in place of
  // parser.model when options.accurate). NotFound naming the missing file, or the loader's
  // error (bad magic, newer version, wrong kind, fingerprint mismatch).
  static Result<std::unique_ptr<Annotator>> Load(const std::string& models_dir,
                                                 const AnnotatorOptions& options = {});
  // Same from bytes (bytes.parser holds the file options.accurate names); `origin` labels
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

  // What TagAndLemmatize keeps for CompleteSentence: per document token its atoms and tag, per
  // sentence whether it was tagged; plus scratch buffers. One per document being annotated
  // (reusing one across documents reuses its allocations); not shared between threads.
  struct TaggedDocument {
    std::vector<WordAtoms> atoms;           // indexed by document token
    std::vector<int> tags;                  // tagger tag index, by document token
    std::vector<bool> tagged;               // by sentence: tagged and its ranges checked
    std::vector<WordAtoms> sentence_atoms;  // scratch
    std::vector<int> sentence_tags, heads, labels, ents;  // scratch
    std::vector<uint64_t> tag_hashes;                     // scratch
  };

  // The two halves of Annotate, for callers that decide sentence by sentence, late, which
  // sentences to complete. TagAndLemmatize tags and lemmatizes every sentence of `doc`
  // (Token::lemma of every token exactly as Annotate fills it; no other field is written) and
  // fills `*out`. InvalidArgument as Annotate.
  Status TagAndLemmatize(Document* doc, TaggedDocument* out) const;
  // Completes sentence `si` of `doc` (upos, xpos, head, deprel, ner exactly as Annotate fills
  // them) from `*tagged`, which TagAndLemmatize filled for this document, tokens unchanged
  // since. InvalidArgument when `si` is out of range or was not tagged. Empty sentences: no-op.
  Status CompleteSentence(Document* doc, TaggedDocument* tagged, size_t si) const;

  const Tagger& tagger() const { return *tagger_; }
  const Parser& parser() const { return *parser_; }

 private:
  Annotator();
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  std::unique_ptr<Parser> parser_;
  std::unique_ptr<EntityTagger> ner_;
  std::vector<uint64_t> xpos_hash_;  // HashString of each tagger tag's xpos
  int beam_width_ = 1;               // 1: Parser::Parse; more: Parser::ParseBeam
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_ANNOTATOR_H_
