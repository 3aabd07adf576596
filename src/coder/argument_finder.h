// Finding an event's arguments. The coder knows *which* pattern may apply at a word (the anchor);
// an ArgumentFinder decides whether the pattern's other words are there and which actor mentions
// fill its source and target slots. Two implementations:
//   - WindowArgumentFinder (fast mode, below): patterns matched over the token sequence with
//     bounded gaps; the source is the nearest actor mention before the verb in its clause,
//     skipping relative clauses, appositions and places after "in/at"; compounds ("X, Y and Z")
//     give one argument per actor; passives ("was attacked by X") swap.
//   - DependencyArgumentFinder (syntax mode; dependency_finder.cc): the window finder's answer,
//     corrected by the parse where measurement showed it reads better (a verb coordinated after
//     another takes that verb's subject; a threat with no target is aimed at the subject of its
//     condition; an actor inside a relative clause of the verb's subject is not its source).
//     It plugs in here without touching the knowledge files, the ontology, dates,
//     places or provenance.
#ifndef ENTENTE_CODER_ARGUMENT_FINDER_H_
#define ENTENTE_CODER_ARGUMENT_FINDER_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coder/patterns.h"
#include "coder/sentence_view.h"

namespace entente::coder {

// A pattern found in a sentence.
struct PatternMatch {
  const Pattern* pattern = nullptr;
  int anchor = 0;                // token of the anchor word
  int first = 0, end = 0;        // tokens covered by the whole match (slots included)
  int verb_first = 0, verb_end = 0;  // tokens of the pattern's words (the "verb" span)
  std::vector<int> targets;      // mention indices filling TGT/DEST
  std::vector<int> sources;      // mention indices filling SRC (or the by-agent of a passive)
  std::vector<int> also;         // mention indices filling ALSO (further sources: "alongside X")
  int dest_place = -1;           // SentenceView::places index filling DEST (a place, not an actor)
  int place = -1;                // SentenceView::places index filling PLACE or DEST
  bool passive = false;          // "was attacked by X": `sources` is the agent, targets to find
  // "Kuwait, which Iraq invaded in August, ...": the first TGT slot was filled by the noun an
  // object relative clause modifies (before the anchor); that target hands no source on to
  // the verb after the clause.
  bool relative_target = false;
  // The target is a group of people of no country reached past a count or qualifiers ("killed 15
  // Islamic guerrillas", "fought leftist guerrillas"): the coder keeps it only when the context
  // gives the group a country (else the event is coded without a target, as before the group
  // was taken).
  bool group_target = false;
  // The target mention also gave the pattern's next word: "bought Russian tanks" ("Russian
  // tanks" is one mention, the goods): the target is the state that sells or gets them, not its
  // forces.
  bool goods_target = false;
  // Token of an object pronoun filling the TGT slot ("accused it of", "urged him to"), or -1:
  // `targets` is then empty and the coder finds whom the pronoun stands for.
  int pronoun_target = -1;
  // The code to emit instead of pattern->cameo, or nullptr: set by the coder when an intent or
  // threat verb took in the act after "to" ("offered to negotiate": 036, "threatened to impose
  // sanctions": 1312).
  const CameoCode* code = nullptr;
  // End of the acts folded into this match by the coder ("is ready to contribute troops to a
  // force in Liberia"): where the act happens is looked for up to this token too (0: none).
  int folded_end = 0;
  // The act folded in is reciprocal ("Britain and Ireland agreed to resume talks"): a compound
  // source with no target gives every ordered pair, as a `mutual` pattern does.
  bool folded_mutual = false;
  // A passive whose subject is the act's object noun and that names no agent, of an act only a
  // government does ("Martial law was declared in Pakistan", "A state of emergency has been
  // declared in Turkey": 1723/1724): `sources` is empty and the coder takes the government of
  // the state where it happens.
  bool agentless_object = false;
};

// Who did it.
struct SourceFinding {
  std::vector<int> mentions;     // the source (compound: several)
  std::string sector_override;   // "leaders of Iran, Cuba": the sector the head noun gives
  int speaker = -1;              // mention of the one reporting it ("X said ..."), or -1
  int scope_begin = 0;           // first token of the event's clause after source/speaker
  bool pronoun = false;          // a subject pronoun stood for the source (he, she, it, they)
  int pronoun_at = -1;           // the pronoun nearest the verb when `pronoun`, else -1
  int shared_with = -1;          // index of an earlier match whose source is shared ("X met Y and praised Z")
  // Modality scope. false: modality cues count anywhere between scope_begin and the event word
  // (window finder). true: only cues starting at `modality_tokens` (the verb's auxiliaries,
  // adverbs and the verbs it is the complement of) count.
  bool syntax_modality = false;
  std::vector<int> modality_tokens;
};

class ArgumentFinder {
 public:
  virtual ~ArgumentFinder() = default;
  // Tries `pattern` with its anchor at token `anchor`; fills `out` and returns true on success.
  virtual bool MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor,
                            PatternMatch* out) const = 0;
  // Finds the source of `m` (for a passive: the subject, which becomes the target).
  // `earlier` are the matches already accepted in this sentence, left to right.
  virtual SourceFinding FindSource(const SentenceView& s, const PatternMatch& m,
                                   const std::vector<PatternMatch>& earlier) const = 0;
};

// The object of an event whose pattern left its target empty, found after the match in the
// same clause: the first actor mention within twelve tokens after `m` that is a direct object
// ("arrested more than 100 Palestinians") or the object of a preposition other than a locative
// one ("agreed to lift embargoes ... to Iran, Libya and Cuba", "demanded that the United States
// ..."), with the mentions coordinated with it. The scan stops at clause punctuation, a comma,
// a conjunction, a subordinating or relative word, a saying verb or a passive "by". Mentions in
// `exclude` (the event's sources) and generic agents of no country are skipped, except a group
// of people right after the match, behind at most a count and two qualifiers ("killed 15
// Islamic guerrillas"; "deployed 4,000 troops" is no target). Returns mention indices (empty
// when none).
// "each other" / "one another" starting at token t.
bool ReciprocalAt(const SentenceView& s, int t);

// Whether token t may stand between a hyphenated pair of actors and the noun a PAIR pattern
// anchors ("Sino-Indian border talks", "U.S.-China trade talks"): a plain lower-case word (a
// hyphen inside allowed: "high-level") that is no function word, no actor, no clause
// punctuation and no past form ending in "-ed" ("relations soured after talks" is no pair's
// talks). At most two such words stand there.
bool PairModifier(const SentenceView& s, int t);
constexpr int kMaxPairModifiers = 2;

std::vector<int> FindTrailingTargets(const SentenceView& s, const PatternMatch& m, const std::vector<int>& exclude);

// "a Spanish banker charged with fraud", "an opposition leader arrested over the riots": the
// participle at `anchor` (arrested, detained, charged, indicted, convicted, sentenced, jailed,
// imprisoned, acquitted, ending in "-ed") right after a mention of people - a person or a group
// that is no authority acting so itself (not police, the military, courts or a government) -
// and before "with", "in", "over", "for", "after", "on" or "of" opens a reduced relative clause:
// a passive told as done, the mention acted on. Not "charged in a speech that ...": "charge"
// followed by "that" in its clause is a claim.
bool ReducedRelativeOfPeople(const SentenceView& s, int anchor);

// The state a person is told to belong to by an apposition right after the person's name:
// "expelled Ryan Fogle, a third secretary at the U.S. embassy in Moscow," (USA), "arrested
// Nazanin Zaghari-Ratcliffe, a British charity worker," (GBR). `name_end` is the token after the
// name (a mention without a country, or one to four capitalised words that are no actor). The
// apposition opens with ", a|an|the" and runs to the next comma or clause end (at most 14
// tokens); its first actor mention with a country is returned, except a state or region after a
// locative preposition ("in Canada": where the person is, unlike "at the Canadian embassy") and
// a capital ("the Tehran correspondent of" names where, not whose). -1 when none (tgt26).
int AppositionActor(const SentenceView& s, int name_end);

// The actor that a phrase after the match names, the phrase opened by one of `heads` (lower-case
// words): "threatened to strike unless Israel rescinds ..." (heads "unless"), "complained to the
// UN over two Israeli air raids" (heads "over", "about"). Within `reach` tokens of the match end,
// not across clause punctuation or a saying verb; the mention must start the phrase (after
// determiners and a count) and have a country (any code, when `need_country` is false: "against
// ISIL"). Returns its mentions (a compound gives several; empty when none).
std::vector<int> FindPhraseActor(const SentenceView& s, const PatternMatch& m,
                                 std::initializer_list<std::string_view> heads, int reach, bool need_country = true);

std::unique_ptr<ArgumentFinder> NewWindowArgumentFinder();
// Needs Token::head/deprel/upos (the nlp Annotator); on unparsed sentences it behaves exactly
// like the window finder.
std::unique_ptr<ArgumentFinder> NewDependencyArgumentFinder();

}  // namespace entente::coder

#endif  // ENTENTE_CODER_ARGUMENT_FINDER_H_
