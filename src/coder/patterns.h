// Verb and noun patterns (data/coder/verbs.txt; syntax in docs/knowledge-format.md). A pattern is
// a CAMEO code and a sequence of elements: words (lemma alternatives, optionally optional),
// gaps, and slots for the source, target, destination and place. The first required word is the
// anchor: patterns are indexed by every alternative of their anchor, so coding a sentence looks
// each word's lemma up once. Immutable after loading.
#ifndef ENTENTE_CODER_PATTERNS_H_
#define ENTENTE_CODER_PATTERNS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coder/lemmatizer.h"
#include "coder/ontology.h"
#include "entente/reader.h"

namespace entente::coder {

struct PatternElement {
  // kPair (`PAIR`): two actors joined by a hyphen in one word ("the Bush-Putin summit",
  // "Sino-Japanese talks", "U.S.-China trade talks"), at most two plain modifier words before
  // the anchor; the first actor fills the source, the second the target. Only as the first
  // element of a two-element pattern `PAIR word` (SentenceView::pairs).
  enum class Kind { kWord, kGap, kTarget, kSource, kDest, kPlace, kAlso, kPair };
  Kind kind = Kind::kWord;
  bool optional = false;
  std::vector<std::string> words;  // kWord: lower-case alternatives (lemmas or literal forms)
};

struct Pattern {
  // Null for a blocking pattern (code `---`): where it wins at its anchor, its words code no
  // event ("arrive at a decision" is no visit, though "arrive" alone is).
  const CameoCode* cameo = nullptr;
  std::vector<PatternElement> elements;
  int anchor = 0;          // index into elements of the anchor word
  int weight = 0;          // number of word elements (more words = more specific)
  bool mutual = false;     // record key `mutual = yes`
  bool one_sided = false;  // record key `one_sided = yes`
  bool nominal = false;    // from a `[noun ID]` record
  std::string sector;      // record key `sector = GOV`: states in the slots stand for that sector
  // record key `source_sector = MIL | REB`: the pattern matches only when every actor its SRC slot
  // takes has one of these sectors (the first three letters of its sector: a named group's
  // "REBUNI" is REB; empty: any); the record's patterns must have a SRC slot.
  std::vector<std::string> source_sectors;
  // record key `source = speaker`: the source is whoever says it (the speaker of a saying verb,
  // else Document::speaker), never an actor named before; with neither, no event.
  bool speaker_source = false;
  // record key `source = courts | police | government`: a SRC slot left empty is filled by that
  // authority (JUD, COP, GOV) of where the act happens, as for a passive with no agent ("is on
  // trial": the courts); never the actor named before the verb, which is the TGT.
  std::string implied_source;
  // record key `target = people`: the TGT slot takes only people (persons, groups, bodies,
  // organisations); a state, capital or region named there is no match ("captured 500 UN
  // peacekeepers" is an abduction, "captured Kabul" is not); the record's patterns must have a
  // TGT slot.
  bool people_target = false;
  std::string record;      // record id
  std::string where;       // "data/coder/verbs.txt:LINE: pattern text" (provenance)
  bool HasSlot(PatternElement::Kind k) const;
};

class PatternSet {
 public:
  // Parses verbs.txt text. Errors (unknown CAMEO code, no anchor word, bad element, unknown key or
  // record kind) go to `sink` with file:line and the pattern is skipped. Every word becomes known
  // to `lemmatizer`. Returns the error count. Warnings (not counted, the pattern is kept) go to
  // `sink` too: an alternation `a|b c` that looks written for a phrase "b c" (the word after it
  // is one of its alternatives, or it lists nouns in singular and plural and a content word
  // follows that ends the pattern): `|` alternates single words, so it reads (a|b) c.
  int Load(std::string_view text, const std::string& file, const Ontology& ontology,
           Lemmatizer* lemmatizer, const DiagnosticSink& sink);
  // Makes `@name` a pattern element for the alternation of `words` (lower-case single words) in
  // what Load parses afterwards (data/coder/evaluations.txt: `@disapprove`, `@praise`).
  void SetWordClass(const std::string& name, std::vector<std::string> words) { classes_[name] = std::move(words); }
  // Adds a pattern built in code (TABARI/PETRARCH verb dictionaries, coder/dict_import.h): sets
  // its anchor (first required word) and weight, checks it as Load does and indexes it. On a
  // problem returns false with `*error` set and drops the pattern. Unlike Load it makes no word
  // known to the lemmatizer (dictionary words are often inflected forms, which must not become
  // lemmas); the caller adds the base forms it knows.
  bool Add(std::unique_ptr<Pattern> p, std::string* error);
  // Patterns whose anchor has the alternative `word`; nullptr when none.
  const std::vector<const Pattern*>* ForAnchor(const std::string& word) const;
  size_t size() const { return patterns_.size(); }
  size_t anchors() const { return index_.size(); }

 private:
  std::vector<std::unique_ptr<Pattern>> patterns_;
  std::unordered_map<std::string, std::vector<const Pattern*>> index_;
  std::unordered_map<std::string, std::vector<std::string>> classes_;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_PATTERNS_H_
