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
  // Syntax mode only. true (the default): sources and targets come from the dependency argument
  // finder (coder/dependency_finder.cc): the word window's answer (coder/argument_finder.h),
  // corrected by the parse where it reads better (a verb coordinated after another takes that
  // verb's subject; a threat with no target is aimed at the subject of its condition). false:
  // the word window alone, as in fast mode (--window-roles). docs/accuracy.md, "Roles from the
  // parse".
  bool parse_roles = true;
  DiagnosticSink sink;  // load-time diagnostics; may be empty
};

// A name the entity tagger found that the knowledge base does not cover
// (Pipeline::FindUnknownNames): a candidate for data/actors or data/gazetteer.
struct UnknownName {
  std::string text;  // as written, without a leading "the" or a trailing "'s"
  std::string type;  // the entity type: "PER", "ORG" or "LOC"
  int sentence = 0;  // index into Document::sentences
  Span span;         // bytes in Document::text
  // Countries of the actors named in the same sentence (alpha-3, each once, in order):
  // "Egyptian activist Ahmed Hassan" gives {"EGY"} for "Ahmed Hassan".
  std::vector<std::string> countries;
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Open(const PipelineOptions& options);
  virtual ~Pipeline() = default;

  // Segments and tokenizes `doc` (unless it already has sentences), annotates it, and appends
  // its events to `events`. Const and thread-safe: one Pipeline may serve many threads.
  virtual Status Process(Document* doc, std::vector<Event>* events) const = 0;
  virtual const KnowledgeBase& knowledge() const = 0;
  // Segments `doc` (unless it has sentences), tags it and its entities, and appends the names
  // of people, organisations and places the entity tagger finds there that no actor (state,
  // capital, person, organisation, agent) or gazetteer place of the knowledge base covers.
  // Fails in fast mode and without models/ (there is no entity tagger then).
  virtual Status FindUnknownNames(Document* doc, std::vector<UnknownName>* names) const = 0;
};

// The text stage alone: fills doc->sentences and doc->tokens from doc->text; a dateline's day
// within two days of doc->date becomes doc->date (text/segmenter.h).
void SegmentDocument(Document* doc);

// Locates the folder holding data/, models/, corpus/: $ENTENTE_HOME, then the installed share
// directory next to the executable (../share/entente), then the source tree it was built from.
std::string FindResourceRoot();

}  // namespace entente

#endif  // ENTENTE_PIPELINE_H_
