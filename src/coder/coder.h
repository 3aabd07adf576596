// The coder: from a segmented document and the knowledge base to events.
//
// CoderKnowledge holds everything loaded from data/: the ontology, the actor index, the verb
// patterns, the lemmatizer and the word lists (modality, discards, dates, places).
// DocumentCoder codes one document (see coder.cc for the algorithm). Both are immutable after
// construction and safe to share between threads.
#ifndef ENTENTE_CODER_CODER_H_
#define ENTENTE_CODER_CODER_H_

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/actor_index.h"
#include "coder/argument_finder.h"
#include "coder/lemmatizer.h"
#include "coder/lexicon.h"
#include "coder/ontology.h"
#include "coder/patterns.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/status.h"

namespace entente::coder {

struct CoderKnowledge {
  Ontology ontology;
  Lemmatizer lemmatizer;
  PatternSet patterns;
  Lexicon lexicon;
  std::unique_ptr<actors::ActorIndex> actors;  // null when actors were not loaded
  // Codes of the states of data/actors/states.txt ("FRA"); tells a state speaker ("FRA",
  // "FRAGOV") from an organisation ("IGOUNO"). Empty when the file is missing.
  std::unordered_set<std::string> state_codes;
  // One-word names, aliases, adjectives, demonyms and capitals of states of at least
  // kMinMisspelledLength letters, lower-case -> as written ("afghanistan" -> "Afghanistan"):
  // the words a misspelling in the news is read as (MisspelledStateWord).
  static constexpr size_t kMinMisspelledLength = 8;
  std::unordered_map<std::string, std::string> state_words;

  // Loads data/ontology, data/coder and data/gazetteer under `root` (and data/actors when
  // `with_actors`). Malformed lines go to `sink` and are counted in `*errors` (may be null).
  // Fails when a required file (ontology, verbs, modality, dates, irregular) is missing.
  // `with_own_patterns` = false leaves data/coder/verbs.txt out (patterns then come only from
  // TABARI/PETRARCH dictionaries, coder/dict_import.h).
  static Result<std::unique_ptr<CoderKnowledge>> Load(const std::string& root, bool with_actors,
                                                      const DiagnosticSink& sink, int* errors,
                                                      bool with_own_patterns = true);
};

// Fills Token::ner of sentence i of the document being coded (the nlp entity tagger), or fails.
using EntityTagging = std::function<Status(size_t)>;

class DocumentCoder {
 public:
  // `knowledge` and `finder` must outlive the coder. Entity tags (Token::ner) are read where the
  // coder needs them: a state or capital named next to a capitalised word is dropped when the
  // tags put it inside a person's name ("Paris Hilton", "Michael Jordan"). `tag_entities`, when
  // given, is called first for such a sentence whose tokens carry no tags (the lazy pipeline
  // tags entities only on demand); without it the tokens' tags are used as they are, and
  // without tags (fast mode) the rule is not applied.
  DocumentCoder(const CoderKnowledge& knowledge, const ArgumentFinder& finder,
                EntityTagging tag_entities = nullptr)
      : k_(knowledge), finder_(finder), tag_entities_(std::move(tag_entities)) {}
  // Codes every sentence of `doc` (already segmented) and appends its events.
  void Code(const Document& doc, std::vector<Event>* events) const;

 private:
  const CoderKnowledge& k_;
  const ArgumentFinder& finder_;
  EntityTagging tag_entities_;
};

// Whether the coder skips `pattern` at token `anchor` of `s` because of the sentence's parse
// (Token::upos, deprel; false without one): a verb pattern on a parsed noun after an adjective,
// determiner, number, noun or possessive pronoun ("since nuclear talks ... stalled"), or a
// one-word verb pattern on any parsed noun ("restart talks"). The coder's only use of the
// parse outside the argument finder; the lazy syntax finder (coder/lazy_syntax.h) relies on it.
bool ParseSkipsPattern(const SentenceView& s, const Pattern& pattern, int anchor);

// The event id: a hex hash of (doc hash, sentence index, verb span, source code, target code,
// CAMEO code).
std::string EventId(const std::string& doc_hash, int sentence, Span verb, const std::string& source,
                    const std::string& target, const std::string& cameo);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_CODER_H_
