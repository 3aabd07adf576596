// Internal to the coder: the free helpers of the sentence coder that more than one of its stages
// (coder.cc and the coder_*.cc files) uses. One definition each, in coder_words.cc.
#ifndef ENTENTE_CODER_CODER_WORDS_H_
#define ENTENTE_CODER_CODER_WORDS_H_

#include <string>
#include <string_view>

#include "coder/sentence_coder.h"

namespace entente::coder::internal {

// A location at country level: the state's row of data/gazetteer/countries.txt (its approximate
// centre), named by the words at `span`.
Location CountryLocation(const Place& c, Span span);

// The CAMEO sector of `sector` without a named group's tag: its first three letters ("REBUNI"
// for UNITA is REB). Sector tests read it.
std::string_view SectorBase(const std::string& sector);

// Rebels and insurgents: the armed groups a definite description ("the rebels", "the militant
// group", "the insurgents") takes up again.
bool ArmedGroupSector(const std::string& sector);

// Whether `sector` names a group outside a state's institutions (opposition, rebels, civilians,
// refugees, unions, rights groups, parties of a competitive system...): a state and such a group
// of its own are two sides ("Angola signed a peace accord with UNITA" is AGO -> AGOREBUNI; "South
// Africa unbanned the ANC" is ZAF -> ZAFPTYANC). A one-party state's party is GOVPTY, an
// institution.
bool OutsideStateSector(const std::string& sector);

// True when an actor of `kind` (its last word `head`) can be what the object pronoun `pronoun_or_possessive`
// stands for: "it" a state, capital, organisation or singular body ("the government"); "him"
// and "her" a person or a singular title ("his Japanese counterpart"); "them" a plural group.
bool PronounFits(const std::string& pronoun_or_possessive, actors::ActorMention::Kind kind, const std::string& head);

// Whether mention `k` may be what the object pronoun `pr` ("him", "her", "them", "it") stands
// for: it fits the pronoun and is no possessor ("Iran's").
bool FitsAntecedent(const SentenceView& s, int k, const std::string& pr);

// An actor the text does not name ("the police", "an unidentified armed force"): a state's
// sector, its code country + sector, and `text` shown where the words would be.
ActorRef UnnamedActor(const std::string& country, const std::string& sector, std::string text);

// True when `a` is a person: a named one, or an actor named by a singular title ("the President").
bool IsPersonRef(const ActorRef& a);

// True when mention `k` of `s` can be what a subject "it" stands for in a later sentence: a
// state, capital or organisation, or a singular body with a code (PronounFits: "the
// ministry", "the embassy"), not a person nor a singular title of one ("the U.S. senator").
bool BodyMention(const SentenceView& s, int k);

bool IsDeterminerWord(const std::string& w);

// Whether the word at `i` is a plain noun that the words before it qualify ("the elite group":
// "elite" names no one): lower-case, uninflected, no function word.
bool PlainNounAt(const SentenceView& s, int i);

// Assaults, fighting and mass violence (CAMEO 18, 19, 20).
bool Violent(const CameoCode& c);

constexpr int kMaxPlaceDistance = 10;  // tokens between a location and the event's words

// True when mention `k` is a bare state named by its name, not an adjective: the next word is no
// lower-case word other than a preposition, conjunction or time word ("Lebanon on Monday", not
// "Greek tanker" or "Eritrean border town").
bool StateNamedAlone(const SentenceView& s, int k);

// The token before mention `k` once "the" and direction words in front of it are passed over
// ("in southern Lebanon", "into northern Israel", "in the Congo": the preposition); -1 at the
// sentence's start.
int WordBeforePlaceName(const SentenceView& s, int k);

// True for the sector of a state institution (government, military, police, judiciary,
// legislature, intelligence), the first three letters of `sector`.
bool IsInstitution(const std::string& sector);

// The comma opening the non-restrictive relative clause (", which ...,", ", who ...,") that holds
// token i, or -1 when i is in no such clause. The clause runs to the next comma or boundary.
int RelativeClauseAt(const SentenceView& s, int i);

// True when mention `k` is a state named by the plural of its people, one word ending in "ans",
// "is" or "ers" ("Two Canadians were detained", "Iraqis", "Israelis"), or in "ese" after a count
// ("thousands of Sudanese"): people, not the state.
bool PluralDemonym(const SentenceView& s, int k);

// The actor of Document::speaker: "FRA" (a state), "FRAGOV" (a state's sector), "IGOUNO".
ActorRef SpeakerActor(const CoderKnowledge& k, const std::string& code);

// "An air strike hit a school in Idlib", "A drone strike destroyed a house": a verb pattern
// whose anchor word is followed at once by the pattern's next word (with more words after it:
// weight 3 or more) reads the subject noun and its verb; the determiner before the anchor and
// the parse's noun tag on it do not make it an act told as a noun. With a parse the anchor must
// be the verb's subject (nsubj, or the root) or a compound word of it ("a call for talks" as an
// object stays a noun).
bool SubjectNounPattern(const SentenceView& s, const Pattern& p, int i);
// The mention of the third party in a mediation phrase at token `i`: "under / with / through
// (the) Norwegian mediation", "under the mediation of Algeria", "mediated / brokered by Qatar"; -1
// for none.
// (Not "opposed to French mediation" nor "the U.N. mediator": there the mediator is an object.)
int MediatorMention(const SentenceView& s, int i);
}  // namespace entente::coder::internal

#endif  // ENTENTE_CODER_CODER_WORDS_H_
