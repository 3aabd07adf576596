// The pipeline: text (sentences, tokens) -> nlp (tags, parse, entities) -> actors -> coder.
// A document goes in, events come out. Start here.
#ifndef ENTENTE_PIPELINE_H_
#define ENTENTE_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/event.h"
#include "entente/knowledge.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente {

struct PipelineOptions {
  KnowledgeOptions knowledge;
  // Fast mode: dictionary-and-pattern coding over token sequences, no trained syntax.
  // Otherwise the tagger and parser in models/ are used when present.
  bool fast = false;
  // Syntax mode only: parse with the slower, more accurate combination of three parsers
  // (models/parser-beam.model and parser-beam-r2l.model with a beam of 8, and the greedy
  // parser.model; their arcs vote, the best tree over the votes wins; docs/accuracy.md) instead
  // of the greedy parser alone. About 1.6 UAS more on EWT, about 3.5 times slower.
  bool accurate = false;
  // Where the syntax comes from for `--parse given` inputs (PETRARCH records carry a parse).
  bool use_given_parse = false;
  // Syntax mode only. false (the default): every sentence is tagged and lemmatized, but a
  // sentence is parsed only when, coding the document, the coder first finds a verb or noun
  // pattern (--dict ones included) matching in it without a parse, and entity-tagged only when
  // the coder reads its entity tags (coder/lazy_syntax.h, coder/coder.h); the events are
  // identical to annotating everything. Elsewhere Token::lemma is set but upos, xpos, deprel
  // (and ner) stay empty and head -1. true: every sentence gets every annotation (for callers
  // that use the tokens themselves).
  bool annotate_all = false;
  DiagnosticSink sink;  // load-time diagnostics; may be empty
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options);
  virtual ~Pipeline() = default;

  // Segments and tokenizes `doc` (unless it already has sentences), annotates it, and appends
  // its events to `events`. Const and thread-safe: one Pipeline may serve many threads.
  virtual Status Process(Document* doc, std::vector<Event>* events) const = 0;
  virtual const KnowledgeBase& knowledge() const = 0;
};

// The text stage alone: fills doc->sentences and doc->tokens from doc->text.
void SegmentDocument(Document* doc);

// Locates the folder holding data/, models/, corpus/: $ENTENTE_HOME, then the installed share
// directory next to the executable (../share/entente), then the source tree it was built from.
std::string FindResourceRoot();

}  // namespace entente

#endif  // ENTENTE_PIPELINE_H_
