// Internal to the coder (not include/entente): the document's state across sentences (DocState)
// and the sentence coder (SentenceCoder), whose stages live in their own files (see the header
// comment of coder.cc, "Where each step lives"). Everything here is in entente::coder::internal.
#ifndef ENTENTE_CODER_SENTENCE_CODER_H_
#define ENTENTE_CODER_SENTENCE_CODER_H_

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "coder/sentence_view.h"

namespace entente::coder::internal {

struct DocState {
  std::optional<Date> date;
  std::string dateline_country;
  std::string dominant_country;
  // The one state the document names, when it names exactly one (any number of times), else "".
  std::string sole_country;
  // Every state the document names (actors with a country, and gazetteer places).
  std::set<std::string> states_named;
  // Last named source (for "He said ..."), last place named (for "will attend" without one).
  std::optional<ActorRef> last_source;
  std::vector<std::string> last_source_entries;
  std::optional<Location> last_location;
  // The group last named, for "the two leaders", "both countries", "the three nations" later
  // (RefersToGroup): the sides of the last meeting or agreement (04x/05x) between named actors,
  // or the two to four sources of the last act with a compound source ("Biden, Kishida and
  // Yoon agreed ..."), whichever came last.
  std::vector<ActorRef> last_group;
  std::vector<std::string> last_group_entries;
  // What a subject "it" stands for when its sentence names nothing it can be: the last singular
  // actor that is no person (a state, capital, organisation, or a singular body with a code)
  // that was an event's single source, else its speaker, or that opened a sentence with no
  // event. Never a person ("It will help ..." after a senator's quote is not the senator).
  // Only in the sentence that named it and the next: further on, a subject "it" is more often
  // a thing the text speaks of ("The arms race goes on. ... It threatens all nations").
  std::optional<ActorRef> last_body;
  int last_body_sentence = -1;
  std::vector<std::string> last_body_entries;
  // The two or more sources of the last formal agreement or statement signed (057) and its
  // sentence: a subject "it" in the next sentence is that document, which says what its
  // signers say ("The leaders signed a joint statement ... It criticised U.S. alliances").
  std::vector<ActorRef> signers;
  std::vector<std::string> signers_entries;
  int signers_sentence = -1;
  // Indices into the event list of actual events told in the present progressive.
  std::vector<size_t> progressive;
  // The actor mentions of the last sentence coded, in order (antecedents of "it", "him" and
  // "her" that the sentence itself does not name).
  std::vector<std::pair<actors::ActorMention::Kind, ActorRef>> prev_mentions;
  std::vector<std::vector<std::string>> prev_mention_entries;
  // The states of the gazetteer places (regions, cities, sites) the last sentence coded names.
  std::vector<std::string> prev_place_countries;
  // Those of the sentence before that one (a later "he" whose previous sentence names no person).
  std::vector<std::pair<actors::ActorMention::Kind, ActorRef>> earlier_mentions;
  std::vector<std::vector<std::string>> earlier_mention_entries;
  // The armed group (REB/INS) last named with its state in an earlier sentence ("The Taliban",
  // "M23 rebels"): a later definite group of that kind with no state is it (ArmedGroupAntecedent).
  std::optional<ActorRef> last_armed_group;
  std::vector<std::string> last_armed_group_entries;
};

class SentenceCoder {
 public:
  SentenceCoder(const CoderKnowledge& k, const ArgumentFinder& f, DocState* d, const Document& doc)
      : k_(k), finder_(f), ds_(*d), doc_(doc) {}
  void Code(const SentenceView& s, std::vector<Event>* events);

 private:
  // The actor of `mention` in an event; a generic agent of no country takes one from context.
  // `other_side` lists the mentions on the event's other side (the targets of a source): never
  // a clue to the agent's own state.
  ActorRef Actor(const SentenceView& s, int mention, const std::string& sector_override,
                 const std::string& loc_country, std::vector<std::string>* entries, std::string* note,
                 const std::vector<int>& other_side = {}, const std::vector<int>& not_antecedent = {}) const;
  Modality FindModality(const SentenceView& s, int scope_begin, int anchor, std::string* cue, bool* future) const;
  // Only cues starting at `tokens` (the syntax scope of SourceFinding::modality_tokens).
  Modality FindModalityAt(const SentenceView& s, const std::vector<int>& tokens, int anchor, std::string* cue,
                          bool* future) const;
  // `countries`: whether states named alone ("in Malta") count; the coder's own reasoning (an
  // unidentified force of the place, a destination, the document's latest place) reads cities,
  // regions and sites only, and a country-level place is the event's location when none is found.
  std::optional<Location> FindLocation(const SentenceView& s, const PatternMatch& m, bool countries = false) const;
  Location PlaceLocation(const SentenceView& s, int place_hit) const;
  // "Under Norwegian mediation, X and Y signed ...", "with Egyptian mediation", "mediated / brokered
  // by Algeria", "under the mediation of Qatar" (MediatorMention): the mediator mediates (045) with each party (source
  // or target) of the sentence's cooperative events (roots 03-06, 08; events from `first_event`
  // on), when there are two or more, with that event's modality, date and place; appended. Such
  // an event whose target is the mediator's own mention loses that target.
  void AddMediation(const SentenceView& s, size_t first_event, std::vector<Event>* events) const;
  // What stage 1 of Code (FindMatchAt) keeps from word to word.
  struct MatchScan {
    std::vector<bool> consumed;         // words a match took (they anchor no later match)
    std::vector<PatternMatch> matches;  // the matches found, in word order
    int aim_end = -1;                   // the end of the last act only named as an aim (NamedAsAim)
  };
  void FindMatchAt(const SentenceView& s, int i, MatchScan* scan) const;
  // Where an agent mention that names its own place acts: "rebels in Chad", "insurgents across
  // Afghanistan" (the actor index gives such an agent the state after "in" / "throughout" /
  // "across" / "inside": ExtendAgentToPlace) are in that state, at country level, or at the
  // gazetteer place named there ("rebels in Darfur"). nullopt for any other mention.
  std::optional<Location> AgentPlaceLocation(const SentenceView& s, int mention) const;
  void UpdateDocumentContext(const SentenceView& s, bool set_location, const std::vector<PatternMatch>& matches,
                             size_t first_event, const std::vector<Event>* events);
  void DropToldTwice(size_t first_event, std::vector<Event>* events);
  // What stage 2 of Code (CodeMatch) reads and writes from match to match.
  struct SentenceCoding {
    size_t first_event = 0;                       // the sentence's first event in `events`
    std::vector<PatternMatch> matches;            // stage 1's matches
    std::vector<SourceFinding> sources;           // the source found for each match
    std::vector<std::vector<int>> match_targets;  // target mentions each match was coded with
    // Matches told as a lasting state or habit (DescribedAsLasting): not coded, nor is an act
    // coordinated with one that shares its source ("has historically served as X's trading partner
    // and a crucial provider of aid").
    std::vector<bool> described;
    bool set_location = false;  // whether an event of the sentence set the document's latest place
  };
  void CodeMatch(const SentenceView& s, size_t mi, SentenceCoding* st, std::vector<Event>* events);
  // One match on its way to events: what CodeMatch decided (roles, actors, places, modality,
  // date, code) and EmitEvents writes out. The flags are documented where the steps set them.
  struct EventDraft {
    const PatternMatch* m = nullptr;  // the match
    const Pattern* p = nullptr;       // its pattern
    const CameoCode* act = nullptr;   // the act the pattern names
    const CameoCode* code = nullptr;  // the code chosen for the act (Code rules on the verb and its context)
    SourceFinding sf;                 // the source found for the match
    bool doc_speaker_source = false;  // the source is the document's speaker
    bool group_target = false;
    std::optional<ActorRef> pronoun_actor;  // the antecedent of a pronoun target
    std::vector<std::string> pronoun_entries;
    // "the appeal" a rejection (12x) names; its author is the pronoun_actor (FindRoles).
    std::string rejected_object;
    std::string src_sector;            // sector override of the sources
    std::string tgt_sector;            // of the targets
    std::vector<int> src_m;            // source mentions
    std::vector<int> tgt_m;            // target mentions
    std::vector<ActorRef> srcs;        // the sources' actors
    std::vector<ActorRef> tgts;        // the targets' actors
    std::vector<std::string> entries;  // knowledge entries that coded the actors (provenance)
    std::string note;                  // the actors' reasoning note (provenance)
    std::string implied_sector;        // the police or courts a passive with no agent implies
    // A one-sided show of force (15x) aimed "against" the targets keeps them (FindRoles).
    bool posture_target = false;
    // The sources are the group named earlier (RefersToGroup, set by ResolveActors).
    bool group_source = false;
    // Sources of two or more states agree with each other: every ordered pair (ImpliedTargets).
    bool agreed_together = false;
    // A target is the state of a place acted on: a part of it may act on it (ImpliedTargets).
    bool place_target = false;
    // A target state's name opens an organisation's (StateNameOpensOrganisation): a body of it.
    bool org_target = false;
    std::vector<std::pair<std::string, Location>> visit_place_of;  // state -> its coordinated place visited
    std::optional<Location> loc;                                   // the place of the act
    std::optional<Location> country_loc;                           // the state it is in, when only that is known
    Modality mod = Modality::kActual;                              // modality
    std::string mod_cue;                                           // its cue
    bool progressive = false;                                      // told in the progressive
    std::string announced_code;                                    // an announced act coded as its intent (Provenance)
    std::string announced_cue;
    bool denied_act = false;
    std::optional<ActorRef> denier;
    // The denial's subject names no state: the act stays negated, no denial is coded.
    bool denier_unknown = false;
    std::string date;
    std::string date_cue;
    char date_precision = 0;
  };
  bool FindRoles(const SentenceView& s, size_t mi, SentenceCoding* st, EventDraft* d);
  bool ResolveActors(const SentenceView& s, size_t mi, const std::vector<Event>* events, SentenceCoding* st,
                     EventDraft* d);
  bool ImpliedTargets(const SentenceView& s, size_t mi, const std::vector<Event>* events, SentenceCoding* st,
                      EventDraft* d);
  bool ModalityDateAndCode(const SentenceView& s, size_t mi, const std::vector<Event>* events, SentenceCoding* st,
                           EventDraft* d);
  void EmitEvents(const SentenceView& s, EventDraft* d, std::vector<Event>* events);

  const CoderKnowledge& k_;
  const ArgumentFinder& finder_;
  DocState& ds_;
  const Document& doc_;
};

}  // namespace entente::coder::internal

#endif  // ENTENTE_CODER_SENTENCE_CODER_H_
