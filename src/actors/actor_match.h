// Internal to the actors stage: the per-sentence matcher behind ActorIndexImpl::FindImpl.
// actor_match.cc finds the atoms (phrases of the index) of one sentence and filters them;
// actor_compose.cc composes adjacent atoms into mentions and resolves each to an actor. The
// algorithm is described once at the top of actor_match.cc. Not part of the public API.
#ifndef ENTENTE_ACTORS_ACTOR_MATCH_H_
#define ENTENTE_ACTORS_ACTOR_MATCH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actors/actor_index_internal.h"

namespace entente::actors::internal {

// Finds and composes the actor mentions of one sentence. Built for one FindImpl call and used
// once (Run). Reads the immutable index; writes only the caller's DocContext (people_seen,
// states_seen), `explain` and `notes`. Not thread-safe itself (it holds lazily built state),
// but any number may run at once over one index.
class SentenceMatcher {
 public:
  // `ctx`, `explain` and `notes` may be null (see ActorIndexImpl::FindImpl); all pointers and
  // references must outlive the matcher. The sentence must lie within doc.tokens.
  SentenceMatcher(const ActorIndexImpl& index, const Document& doc, const Sentence& sentence, DocContext* ctx,
                  std::vector<std::vector<std::string>>* explain, std::vector<std::string>* notes);

  // The mentions of the sentence, left to right. Call once.
  std::vector<ActorMention> Run();

 private:
  // Adjacent atoms taken for one mention (CollectGroup) and what each of them contributes.
  // Atom indices are into atoms_; SIZE_MAX means none.
  struct Group {
    size_t i = 0;                 // first atom considered
    size_t j = 0;                 // one past the last atom considered (where composing resumes)
    size_t first = 0;             // first atom of the mention
    size_t last = SIZE_MAX;       // last atom taken
    bool former = false;          // "former" / "ex-" (an atom or a former agent phrase)
    size_t former_atom = SIZE_MAX;
    const Entry* prefix = nullptr;  // a state (adjective, possessive, metonym, place, surname's state)
    size_t prefix_atom = SIZE_MAX;
    const Entry* region = nullptr;  // a region adjective ("Latin American leaders")
    size_t region_atom = SIZE_MAX;
    const Entry* org_prefix = nullptr;  // an organisation before an agent or person ("NATO chief")
    size_t org_prefix_atom = SIZE_MAX;
    std::vector<std::pair<size_t, const Entry*>> agents;  // agent nouns and titles, in order
    size_t person_atom = SIZE_MAX, org_atom = SIZE_MAX;
    uint32_t person = kNone;       // index in people_
    bool person_by_short = false;  // the person was found by a short name
    std::string short_why, surname_why;  // explanations of PickPerson and SurnameState/PossessorState
    const Entry* org = nullptr;     // an organisation named as the actor
    const Entry* lone = nullptr;    // a lone state phrase (LoneEntry)
    bool region_alone = false;      // a region on its own: words taken, no mention
    const Entry* org_modifier = nullptr;  // an international organisation qualifying an agent
    size_t org_modifier_atom = SIZE_MAX;
    const Entry* dict_prefix = nullptr;  // a dictionary actor before an agent ("AFGHAN officials")
    size_t dict_prefix_atom = SIZE_MAX;
    std::string dict_prefix_code;
    const Entry* dict = nullptr;  // a dictionary actor named on its own or after a title/country
    size_t dict_atom = SIZE_MAX;
  };
  // A mention being resolved: the mention, its explanation lines and the rule that decided.
  struct Draft {
    ActorMention m;
    std::vector<std::string> why;
    std::string rule;
    bool from_context = false;  // the country came from the document, not the words
    // A body with `dateline_states` taken as its own state's, that state not named so far: the
    // sentence's state may yet make it another's (SentenceStateBodies).
    const OrgRec* open_body = nullptr;
  };

  // ---- finding (actor_match.cc)
  // Folds the sentence tokens into parts_ and token_first_part_.
  void FoldSentence();
  // Fills atoms_ / valid_ with the longest matches valid in context, left to right.
  void FindAtoms();
  // The context entry ("the North" / "the South" after North Korea was named) for the token `t`
  // whose parts are [pb, pe_tok), or kNone.
  uint32_t KoreanContextEntry(uint32_t t, uint32_t pb, uint32_t pe_tok) const;
  // Drops a person_name state next to a name-like word ("Jordan Peterson"), with a note.
  void DropPersonNamedStates();
  // Drops a state adjective after "ethnic" before an agent ("ethnic Albanian guerrillas").
  void DropEthnicAdjectives();
  // Drops a one-word organisation name that is an institution noun ("Congress") right after an
  // unknown capitalised word in prose ("Nigeria Labour Congress"), with a note.
  void DropNameTailBodies();

  // ---- helpers over tokens and atoms (actor_match.cc)
  // Parts [first, end) of sentence token `t` (a document token index).
  std::pair<uint32_t, uint32_t> TokParts(uint32_t t) const {
    uint32_t i = t - sentence_.first_token;
    return {token_first_part_[i], token_first_part_[i + 1]};
  }
  // True when parts [b, e) are a possessive: "'" "s", or "'" after a part ending in "s".
  bool IsPossessive(uint32_t b, uint32_t e, uint32_t prev_part) const;
  // 1 when part q is "led", "flagged" or "registered", 2 when "based", else 0 (see the .cc).
  int LedPart(uint32_t q) const;
  // True when the source bytes of parts [pb, pe) have a lower-case ASCII letter.
  bool HasLower(uint32_t pb, uint32_t pe) const;
  // Whether a part of [pb, pe) that `cap_parts` (Entry::cap_parts) marks capitalised starts in
  // lower case in the text.
  bool LowerWhereCapital(uint32_t cap_parts, uint32_t pb, uint32_t pe) const;
  std::string AtomText(const Atom& a) const;
  // Lower-case ASCII copy of token `t`.
  std::string LowerToken(uint32_t t) const;
  std::string LowerAtomText(const Atom& a) const;  // AtomText, ASCII lower-cased
  // True unless the sentence is a title-case line (computed once).
  bool Prose();
  // True when token `t` looks like part of a person's name (see actor_match.cc).
  bool NameLike(uint32_t t);
  // True when token `t` opens a capitalised name ending in a noun of a body (actor_match.cc).
  bool OpensOrganisationName(uint32_t t);
  // True when token `t` (first part `pb`, two parts) is "Korean-American" after "a" / "an":
  // two state adjectives joined by a hyphen, read by the last (see actor_match.cc).
  bool HyphenatedNationality(uint32_t t, uint32_t pb) const;
  // The end of one to four name-like words from token `t` whose last is a body's head noun
  // ("Law Society", "Human Rights Commission"), or `t` when they do not end so.
  uint32_t BodyNameEnd(uint32_t t);
  // The capitalised name-like word right after or before atom `a`, or nullopt.
  std::optional<uint32_t> NameNeighbour(const Atom& a);
  void BuildAtomAt();
  // The first valid entry of `a` whose type satisfies `pred`, or null.
  template <class Pred>
  const Entry* FindEntry(const Atom& a, Pred pred) const {
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
      if (pred(index_.entries_[valid_[i]].type)) return &index_.entries_[valid_[i]];
    return nullptr;
  }
  bool IsFormer(const Atom& a) const {
    return FindEntry(a, [](EntryType t) { return t == EntryType::kFormer; }) != nullptr;
  }
  const Entry* AgentEntry(const Atom& a) const { return FindEntry(a, IsAgentType); }
  const Entry* OrgEntry(const Atom& a) const { return FindEntry(a, IsOrgType); }
  const Entry* PersonEntry(const Atom& a) const { return FindEntry(a, IsPersonType); }
  const Entry* DictEntry(const Atom& a) const {
    return FindEntry(a, [](EntryType t) { return t == EntryType::kDictActor; });
  }
  // True when the word before atom `a` is "ethnic".
  bool AfterEthnic(const Atom& a) const;
  // True when the group is a people's word before "leader(s)" ("Iraqi Kurdish leader", "Tamil
  // leaders"): a leader of a community within the state, not of its government.
  bool CommunityLeader(const Group& g) const;
  // The state code of `e` as atom `a` names it (bare "Congo" may be COG); `why` may be null.
  std::string StateCode(const Entry* e, const Atom& a, std::vector<std::string>* why) const;
  // Records a known state code in ctx_->states_seen.
  void NoteState(const std::string& c);

  // ---- composing (actor_compose.cc)
  // Composes the group of atoms starting at atoms_[i] into at most one mention (appended to
  // out_); returns the atom to start the next group from (always > i).
  size_t ComposeAt(size_t i);
  // Takes atoms from atoms_[i] on by the grammar of actor_match.cc.
  Group CollectGroup(size_t i);
  // A dictionary actor's code on the date; "" for the null code or none.
  std::string DictCode(const Entry* e) const;
  // A lone atom's state phrase: state name, capital, metonym, adjective/demonym; or null.
  const Entry* LoneEntry(const Atom& a) const;
  // The state atom `a` names as a prefix of the next atom `n` (may be null), or null.
  const Entry* PrefixEntry(const Atom& a, const Atom* n) const;
  // The token after `t` when token `t` is a modifier word ("new", "peacekeeping"), else `t`.
  uint32_t SkipModifier(uint32_t t) const;
  bool CompanyAfterBusinessNoun(const Group& g, const Entry& org) const;
  bool IsIndustryWord(uint32_t t) const;
  bool CommonWordHere(uint32_t first, uint32_t last) const;
  // True when token `t` is "ousted", "deposed", "toppled" or "overthrown" used as a verb: after
  // a content word ("The army ousted President Morsi", "soldiers who toppled ..."), not after a
  // determiner, possessive, preposition, conjunction or punctuation or at the sentence start.
  bool RemovalVerbHere(uint32_t t) const;
  // Gives a lone state adjective before "and"/"," the agent of the next state's mention.
  void ShareHeadNoun();
  // Gives each body of open_bodies_ the state of the sentence's other mentions when they name
  // one state only, none of them by its name or capital, and that state is one of the body's
  // dateline_states ("Congress voted ..., Brazilian officials said": BRALEG); the body's own
  // state otherwise. Notes the state either way.
  void SentenceStateBodies();
  // The person atom `a` names (index in people_), or kNone; `key` and `post` break ties.
  uint32_t PickPerson(const Atom& a, std::string_view key, std::string_view post, bool former, bool* by_short,
                      std::string* why);
  // The state of a leader's surname nobody so called holds a role with on the date, or null.
  const Entry* SurnameState(const Atom& a, std::string* why) const;
  // The state whose government a leader's name before "administration" / "government" /
  // "cabinet" / "regime" (atom `n`) names, or null.
  const Entry* LeaderGovernmentState(const Atom& a, const Atom& n, std::string* why) const;
  const Entry* StateNameEntry(const std::string& country) const;
  const Entry* PossessorState(const Atom& a, std::string* why) const;
  // The key roles are filed under: the prefix state's code or the organisation's id; "".
  std::string RoleKey(const Group& g) const;
  // The post of the last title in the group with one, "" when none.
  static std::string TitlePost(const Group& g);
  // "Slovakia's Robert Fico" with Fico unknown: emits the mention and returns the next atom;
  // nullopt when the group is not a possessive state before two to four name-like words. Also
  // "the Uganda Law Society": a state's name or adjective before an unknown body's name
  // (BodyNameEnd) emits a state mention whose actor carries the body's name.
  std::optional<size_t> TakePossessiveUnknownName(const Group& g);
  // A prefix (state, organisation, dictionary actor) that nothing composable followed stands
  // alone: rewrites the group to that atom.
  void StandPrefixAlone(Group* g) const;
  // The mention's span and the entries of its atoms.
  Draft StartMention(const Group& g) const;
  // The mention's actor from a lone state phrase.
  void ResolveLone(const Group& g, Draft* d) const;
  // The mention's actor from a person: the role on the date, else the record's fallbacks.
  void ResolvePerson(const Group& g, const std::string& country, const std::string& key,
                     const std::string& key_desc, Draft* d);
  // The mention's actor from a dictionary actor's code on the date.
  void ResolveDict(const Group& g, Draft* d) const;
  // The mention's actor from an organisation (national body, shared name, or its code).
  void ResolveOrg(const Group& g, const std::string& country, Draft* d) const;
  // The standing a word before token `t` gives a party or coalition: "GOV" after "ruling" /
  // "governing", "OPP" after "opposition", up to two lower-case qualifiers between ("the main
  // opposition Democratic Party", "the ruling pro-European coalition"); "" for none.
  std::string StandingBefore(uint32_t t) const;
  // A party named with its standing ("Turkey's ruling Justice and Development Party", "Britain's
  // opposition Labour Party"): the party's sector led by that standing (GOVPTY, OPPPTY; CAMEO
  // codes governing parties GOV and opposition parties OPP, Phoenix RULING_PARTY ~GOV,
  // OPPOSITION_PARTY ~OPP). A party already coded with the standing is left alone.
  void PartyStanding(const Group& g, Draft* d) const;
  // A state named before its "ruling / governing ... coalition | alliance | bloc" with qualifiers
  // between ("Moldova's ruling pro-European coalition"; without them the agent noun "ruling
  // coalition" matches): that state's government (GOV), the mention extended over the words.
  void GoverningCoalitionAfter(const Group& g, Draft* d) const;
  // The mention's actor from agent nouns and titles after a country, region, organisation or
  // dictionary actor; a title names its holder on the date.
  void ResolveAgents(const Group& g, const std::string& country, const std::string& key,
                     const std::string& key_desc, Draft* d) const;
  // "opposition groups in Zimbabwe": a bare agent takes the state after "in"/"of"; extends the
  // mention over it and advances g->j.
  void ExtendAgentToPlace(Group* g, Draft* d) const;
  void ExtendBodyToPlace(Group* g, Draft* d) const;
  // DocContext::orgs_seen: whether organisation `org` (index in orgs_) was named; note one named.
  bool OrgSeen(uint32_t org) const;
  void NoteOrg(const Entry* e);
  // DocContext::national_bodies: record `o` named as `country`'s; the state named for `o`
  // earlier ("" when none, or its own country).
  void NoteNationalBody(const OrgRec& o, const std::string& country) const;
  std::string NamedNationalBody(const OrgRec& o) const;
  // Writes the code, the explanation, the state seen; appends the mention unless it has no code.
  void FinishMention(const Group& g, Draft* d);

  const ActorIndexImpl& index_;
  const Document& doc_;
  const Sentence& sentence_;
  DocContext* const ctx_;
  std::vector<std::vector<std::string>>* const explain_;
  std::vector<std::string>* const notes_;
  const bool has_date_;
  const Date date_;               // 9999-12-31 when unknown: open roles are current
  const std::string date_text_;   // for explanations

  std::vector<Part> parts_;
  std::vector<uint32_t> token_first_part_;  // per sentence token, plus the end
  uint32_t apos_ = kNone, s_part_ = kNone;
  std::vector<Atom> atoms_;
  std::vector<uint32_t> valid_;  // entry ids of atoms
  std::vector<int32_t> atom_at_;  // sentence token -> atom covering it, -1 when none (lazy)
  bool atom_at_built_ = false;
  int prose_state_ = -1;  // -1 not computed, 0 title-case line, 1 prose
  std::vector<ActorMention> out_;
  std::vector<std::pair<size_t, const OrgRec*>> open_bodies_;  // out_ index, its record
};

}  // namespace entente::actors::internal

#endif  // ENTENTE_ACTORS_ACTOR_MATCH_H_
