// CodeMatch's last step: EmitEvents (source/target pairs, events, provenance, the act's source as
// a later pronoun's antecedent) and the helpers only it uses.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "coder/coder_words.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// Whether `r` is a company the knowledge base names (data/actors/companies.txt: "YPF", state-
// owned ones too), not business people a noun names ("corporations"): a state acts on its own
// named companies ("Argentina nationalised YPF" is ARG -> ARGBUS).
bool NamedCompany(const ActorRef& r) { return SectorBase(r.sector) == "BUS" && !r.name.empty(); }

}  // namespace

// Last step of CodeMatch: writes the draft out as events, one per source/target pair (both
// directions for a reciprocal act, every ordered pair of a group that meets or agrees), with
// modality, date, place and provenance; then remembers the act's source for a later pronoun or
// "it". Drops the match (no event) when a meeting has nobody to meet. May modify the draft.
void SentenceCoder::EmitEvents(const SentenceView& s, EventDraft* d, std::vector<Event>* events) {
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  const CameoCode* code = d->code;
  auto& sf = d->sf;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& entries = d->entries;
  auto& note = d->note;
  auto& implied_sector = d->implied_sector;
  auto& posture_target = d->posture_target;
  auto& group_source = d->group_source;
  auto& agreed_together = d->agreed_together;
  auto& place_target = d->place_target;
  auto& org_target = d->org_target;
  auto& visit_place_of = d->visit_place_of;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  auto& mod = d->mod;
  auto& mod_cue = d->mod_cue;
  auto& progressive = d->progressive;
  auto& announced_code = d->announced_code;
  auto& announced_cue = d->announced_cue;
  auto& denied_act = d->denied_act;
  auto& denier = d->denier;
  auto& denier_unknown = d->denier_unknown;
  auto& date = d->date;
  auto& date_cue = d->date_cue;
  auto& date_precision = d->date_precision;
  std::string speaker = sf.speaker >= 0 ? s.mentions[sf.speaker].actor.text : "";

  // Pairs.
  std::vector<std::pair<const ActorRef*, const ActorRef*>> pairs;
  if (p.one_sided && !posture_target) {
    for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
  } else if (tgts.empty()) {
    // A group named earlier that meets, agrees or cooperates (03x-06x: "the two leaders
    // signed a plan") does so with each other: every ordered pair, as a `mutual` pattern.
    const int root = act.code.size() >= 2 ? (act.code[0] - '0') * 10 + (act.code[1] - '0') : 0;
    if (p.mutual || agreed_together || (m.folded_mutual && srcs.size() >= 2) || (group_source && root >= 3 && root <= 6)) {
      if (srcs.size() < 2) return;  // "X met" with nobody: not an event
      for (const auto& a : srcs)
        for (const auto& b : srcs)
          if (&a != &b) pairs.emplace_back(&a, &b);
    } else {
      for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
    }
  } else {
    for (const auto& a : srcs)
      for (const auto& b : tgts) pairs.emplace_back(&a, &b);
    // "talks between X and Y", "the Bush-Putin summit" (a reciprocal act with both sides in
    // slots): both directions.
    if (p.mutual && (p.HasSlot(PatternElement::Kind::kSource) || p.HasSlot(PatternElement::Kind::kPair)) && !m.passive)
      for (const auto& b : tgts)
        for (const auto& a : srcs) pairs.emplace_back(&b, &a);
  }
  Span verb = s.TokenSpan(m.verb_first, m.verb_end);
  // Remember the sides of a meeting or agreement for a later "the two leaders", or the
  // members of a compound source (two to four) for "the three countries".
  // (Every member needs a code and a country: "attending the G20 summit" names no side.)
  if (!pairs.empty() && !group_source && mod != Modality::kNegated) {
    // (A visit's or an attendance's other side is a place or a gathering, not a party: 042/043.)
    const bool meeting = pairs.front().second && act.code != "042" && act.code != "043" &&
                         (act.code.compare(0, 2, "04") == 0 || act.code.compare(0, 2, "05") == 0);
    if (meeting || srcs.size() >= 2) {
      std::vector<ActorRef> group;
      bool fits = true;
      auto add = [&](const ActorRef& a) {
        fits = fits && !a.code.empty() && !a.country.empty();
        for (const auto& g : group)
          if (g.code == a.code) return;
        group.push_back(a);
      };
      for (const auto& a : srcs) add(a);
      if (meeting)
        for (const auto& b : tgts) add(b);
      if (fits && group.size() >= 2 && group.size() <= 4) {
        ds_.last_group = std::move(group);
        ds_.last_group_entries = entries;
      }
    }
  }
  if (act.code == "057" && srcs.size() >= 2 && mod == Modality::kActual) {
    ds_.signers = srcs;
    ds_.signers_entries = entries;
    ds_.signers_sentence = s.index;
  }
  for (auto [a, b] : pairs) {
    // Two people of one code outside the state's institutions ("Hillary Clinton criticized
    // Donald Trump": USAELI both) are two actors.
    // Nor are a former office-holder a noun names and a person named ("the former Minister for
    // Justice accused Brice Hortefeux": FRAELI both).
    auto unnamed_elite = [](const ActorRef* x, const ActorRef* y) {
      return x->name.empty() && !y->name.empty() && SectorBase(x->sector) == "ELI" && SectorBase(y->sector) == "ELI";
    };
    const bool two_people = b && ((!a->name.empty() && !b->name.empty() && a->name != b->name &&
                                   !a->sector.empty() && !IsInstitution(a->sector)) ||
                                  unnamed_elite(a, b) || unnamed_elite(b, a));
    // A state's code with a name the knowledge base lacks ("Italy's Five Star Movement", "Italy's
    // Giuseppe Verdi") is a party, group or person of that state, not the state: it acts on its
    // own state's institutions and they on it.
    auto named_of_state = [](const ActorRef* x) { return x->code == x->country && !x->name.empty(); };
    if (b && !two_people && (a->code == b->code || (!a->country.empty() && a->country == b->country &&
                                      ((b->code == b->country && !named_of_state(b)) ||
                                       (a->code == a->country && !named_of_state(a) &&
                                        !OutsideStateSector(b->sector) && !NamedCompany(*b))))) &&
        !((place_target || org_target) && a->code != a->country && a->code != b->code) &&
        // "Tibetan monks protested against Chinese rule": a group outside the state's
        // institutions does act on its own state (CHNREL -> CHN), as the place rule has it.
        !(b->code == b->country && !a->sector.empty() && !IsInstitution(a->sector) && a->code != b->code &&
          act.code.compare(0, 2, "04") != 0) &&
        // "Thousands of Sudanese protested against the army": a state does not protest, so a
        // protest (14) whose source is the bare state is its people's, against a part of it.
        !(act.code.compare(0, 2, "14") == 0 && a->code == a->country && b->code != b->country))
      continue;  // an actor does not act on itself; a visit home is not a visit
    // (A state does act on a group of its own outside its institutions: "Turkey will allow
    // Turkish Kurd refugees to return home" is TUR -> TURREF.)
    // A person of no code (AddUnknownPersonMentions: code "", a name) takes part only when
    // named in this sentence, not reached through a pronoun, and facing an actor with a code
    // that this sentence names and that is no place: "Sergei Tikhanovsky criticised Russia",
    // "detained Ales Bialiatski"; not "Montalvo had read an article which attacked defectors",
    // nor "gave Mohamed the option to come to" New York.
    auto unknown = [](const ActorRef* x) { return x && x->code.empty() && !x->name.empty(); };
    auto in_sentence = [&](const ActorRef* x) {
      return x->span.size() > 0 && x->span.begin >= s.sentence->span.begin && x->span.end <= s.sentence->span.end;
    };
    if (unknown(a) || unknown(b)) {
      const ActorRef* person = unknown(a) ? a : b;
      const ActorRef* other = person == a ? b : a;
      // (The police or courts a passive implies are named by no words: "Montalvo was arrested".)
      if (!in_sentence(person) || !other || other->code.empty() || (!in_sentence(other) && implied_sector.empty()) ||
          place_target ||
          m.dest_place >= 0 || (person == a && sf.pronoun))
        continue;
    }
    Event e;
    e.doc_id = doc_.id;
    e.doc_hash = doc_.hash;
    e.sentence = s.index;
    e.sentence_span = s.sentence->span;
    e.doc_date = s.doc->date ? s.doc->date->ToString() : "";
    e.date = date;
    e.date_precision = DatePrecisionFromLetter(date_precision);
    e.source = *a;
    if (b) e.target = *b;
    // A person of no code in a story about one state (the document's dominant state) is of
    // that state, as people of no stated nationality in domestic news are: "Montalvo was
    // arrested" in a story on Los Angeles police is USACOP -> USA.
    std::string person_note;
    auto of_home_state = [&](ActorRef* r) {
      // (Not in a speech: there the dominant state is the speaker's own, "we", and the people
      // it names are mostly foreign.)
      if (!r->code.empty() || r->name.empty() || ds_.dominant_country.empty() || !doc_.speaker.empty()) return;
      r->country = ds_.dominant_country;
      r->code = r->country;
      person_note = "country of '" + r->text + "' from the document's dominant state";
    };
    of_home_state(&e.source);
    if (e.target) of_home_state(&*e.target);
    // A person of no code that a state's police or courts act on, in a document with no
    // dominant state, is of that state ("A court in Istanbul sentenced Osman Kavala", "Police
    // in Dakar arrested Ousmane Sonko": TURJUD -> TUR), as people of no stated nationality in
    // domestic news are (the GUM table's guideline). Only the target, only police and courts
    // (not armies or governments, which act on foreigners as often), only a state's code.
    if (e.target && e.target->code.empty() && !e.target->name.empty() && doc_.speaker.empty() &&
        e.source.country.size() == 3 && k_.state_codes.count(e.source.country) &&
        (SectorBase(e.source.sector) == "COP" || SectorBase(e.source.sector) == "JUD")) {
      e.target->country = e.source.country;
      e.target->code = e.target->country;
      person_note = "country of '" + e.target->text + "' from the police or court acting on them";
    }
    const CameoCode* cp = code;
    // The source is a state's armed forces, or a state named as the actor ("US Predator
    // attacks have killed ..."), which acts through them.
    const bool state_force = a->country.size() == 3 && k_.state_codes.count(a->country) &&
                             (a->sector == "MIL" || a->code == a->country);
    // "Israeli troops killed three militants": violence of no particular kind (180) done by a
    // state's armed forces is conventional military force (CAMEO 19: organised armed forces;
    // 18 is unconventional violence).
    if (cp->code == "180" && state_force)
      if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
    // "PKK rebels killed 12 Turkish soldiers": violence of no particular kind by an armed
    // non-state group (rebels, insurgents, separatists, unidentified gunmen) on a state's
    // armed forces or police is also 190. The CAMEO 1.1b3 codebook codes "killings of any
    // kind when the weapons used are not specified" as 190 (its example: a policeman killed
    // in an attack on a patrol by Kosovo Albanians) and keeps 180 for crude weapons used on
    // people (militiamen with machetes on a refugee camp); every probe gold agrees (conv26.md).
    // So it holds only when the sentence names no weapon: a bomb, mine or explosive device
    // (183), a knife or machete (180) keep the violence unconventional.
    if (cp->code == "180" && b && (b->sector == "MIL" || b->sector == "COP") &&
        (a->sector.compare(0, 3, "REB") == 0 || a->sector.compare(0, 3, "INS") == 0 ||
         a->sector.compare(0, 3, "SEP") == 0 || a->sector.compare(0, 3, "UAF") == 0)) {
      static const std::unordered_set<std::string_view> kWeapons = {
          "bomb", "bomber", "bombing", "explosive", "explosion", "device", "mine", "landmine",
          "grenade", "knife", "machete", "axe", "stone", "rock", "suicide", "blast",
          "bombs", "bombers", "explosives", "devices", "mines", "landmines", "grenades",
          "knives", "machetes", "axes", "stones", "rocks", "blasts"};
      bool weapon_named = false;
      for (const std::string& w : s.lower) weapon_named = weapon_named || kWeapons.count(w) > 0;
      if (!weapon_named)
        if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
    }
    // "Britain expelled four Russian diplomats": diplomats expelled or declared persona non
    // grata are a reduction of diplomatic relations (161). The CAMEO 1.1b3 codebook says so
    // three times (the notes of 161, 166 and 174); 166 stays for other groups (conv26.md (e)).
    // Here the target's own words name the envoys; patterns that name them apart from the
    // target ("expel * diplomats from TGT") are 161 in data/coder/verbs.txt.
    if (cp->code == "166" && b) {
      const std::string t = LowerWord(b->text);
      const bool envoy = t.find("diplomat") != std::string::npos || t.find("ambassador") != std::string::npos ||
                         t.find("envoy") != std::string::npos || t.find("consul") != std::string::npos ||
                         t.find("attach") != std::string::npos || t.find("chargé") != std::string::npos;
      if (envoy)
        if (const CameoCode* dip = k_.ontology.Find("161")) cp = dip;
    }
    // "Turkish warplanes bombed Kurdish rebel bases": bombing (183, "non-military bombing")
    // by a state or its armed forces is the use of aerial weapons (195).
    // So is bombing by an intergovernmental organisation ("NATO bombed Kosovo": its members'
    // air forces; no organisation sets off car bombs).
    if (cp->code == "183" && s.lemma[m.anchor] == "bomb" &&
        (state_force || (a->code.compare(0, 3, "IGO") == 0 && a->country.empty())))
      if (const CameoCode* air = k_.ontology.Find("195")) cp = air;
    // "US aircraft attacked Libya", "helicopter gunships fired on villages", "warplanes killed
    // 20 people": force by an air arm (a military source named as aircraft) of no particular
    // kind (180, 190), small arms (193) or bombing (183) is the use of aerial weapons (195):
    // the codebook's 195 ("when both aerial and other small types of weapons are used, this
    // code takes precedence"; its example "Soviet aircraft including helicopter gunships
    // killed 46 Afghan civilians") and 183's note. Heavy weapons (194: "helicopters and tanks
    // shelled") stay.
    if ((cp->code == "180" || cp->code == "183" || cp->code == "190" || cp->code == "193") && a->sector == "MIL") {
      static const std::unordered_set<std::string_view> kAir = {
          "aircraft",  "warplane", "warplanes", "jet",       "jets",    "helicopter", "helicopters",
          "gunship",   "gunships", "bomber",    "bombers",   "plane",   "planes",     "fighter-bomber",
          "fighter-bombers", "drone", "drones"};
      bool air = false;
      std::istringstream words(LowerWord(a->text));
      for (std::string w; words >> w && !air;) air = kAir.count(w) > 0;
      if (air)
        if (const CameoCode* aerial = k_.ontology.Find("195")) cp = aerial;
    }
    // "Ethiopian forces clashed with Eritrean troops": a clash (145, violent protest) where
    // either side is an armed force (military, rebels, insurgents, separatists, militias) or
    // a state is armed fighting (190); "students clashed with police" stays a riot.
    if (cp->code == "145" && s.lemma[m.anchor] == "clash") {
      auto armed = [](const ActorRef& r) {
        return r.sector == "MIL" || r.sector == "REB" || r.sector == "INS" || r.sector == "SEP" ||
               r.sector == "UAF" || (!r.country.empty() && r.code == r.country);
      };
      if (armed(*a) || (b && armed(*b))) {
        if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
      } else if (a->sector == "COP") {
        // "Riot police clashed with protesters": the police's side of a clash with unarmed
        // people is violent repression (175), not a riot of their own.
        if (const CameoCode* rep = k_.ontology.Find("175")) cp = rep;
      }
    }
    // "Rioters torched cars and looted shops", "protesters beat a policeman": property burnt,
    // looted or destroyed and beatings by a crowd (rioters, protesters, demonstrators, a mob)
    // are a violent protest (145, PLOVER PROTEST/riot), not a state's or a group's seizure or
    // violence (1712, 171, 182).
    if ((cp->code == "1712" || cp->code == "171" || cp->code == "182") &&
        (a->sector == "OPP" || a->sector == "CVL" || a->sector == "EDU" || a->sector == "LAB")) {
      std::string w = LowerWord(a->text);
      if (w.find("riot") != std::string::npos || w.find("protest") != std::string::npos ||
          w.find("demonstrat") != std::string::npos || w.find("mob") != std::string::npos ||
          w.find("crowd") != std::string::npos)
        if (const CameoCode* riot = k_.ontology.Find("145")) cp = riot;
    }
    // "NATO peacekeeping troops arrived in Bosnia": peacekeepers arriving in a place are
    // deployed there, the provision of peacekeeping (074), not a visit.
    if (cp->code == "042" && LowerWord(a->text).find("peacekeep") != std::string::npos)
      if (const CameoCode* pk = k_.ontology.Find("074")) cp = pk;
    // So are a state's forces "sent by" it ("Troops sent by Chad arrived in Bamako"); leaders
    // and ministers arriving stay visits (042).
    if (cp->code == "042" && SectorBase(a->sector) == "MIL") {
      bool sent = false;
      for (int j = 0; j + 1 < m.first && !sent; ++j)
        sent = In(s.lower[j], {"sent", "dispatched", "deployed"}) && s.lower[j + 1] == "by";
      if (sent)
        if (const CameoCode* pk = k_.ontology.Find("074")) cp = pk;
    }
    const CameoCode& c = *cp;
    e.cameo = c.code;
    e.root = c.code.substr(0, 2);
    e.plover = c.plover;
    e.goldstein = c.goldstein;
    e.quad_class = c.quad_class;
    e.modality = mod;
    e.location = loc ? loc : country_loc;
    // "Indian troops shelled villages in Kashmir": a place shared by several states that the
    // document leaves open (PlaceLocation) is in the state of the event's actors when they are
    // all of one of its states.
    if (e.location && e.location->country.empty())
      for (const auto& h : s.places) {
        if (h.place < 0) continue;
        const auto& pl = k_.lexicon.place_list[h.place];
        if (pl.shared.empty() || pl.name != e.location->name) continue;
        const std::string& ac = a->country;
        if (std::find(pl.shared.begin(), pl.shared.end(), ac) != pl.shared.end() && (!b || b->country == ac))
          e.location->country = ac;
        break;
      }
    // "DHAKA, Jan 5 - Police opened fire on opposition activists": an act at home (source, and
    // target if any, of the dateline's state) with no place named happens in the dateline's
    // state, at country level.
    if (!e.location && !ds_.dateline_country.empty() && a->country == ds_.dateline_country &&
        (!b || b->country == ds_.dateline_country) && k_.lexicon.countries.count(ds_.dateline_country))
      e.location = CountryLocation(k_.lexicon.countries.at(ds_.dateline_country), Span{});
    if (b)
      for (const auto& [c, l] : visit_place_of)
        if (c == b->country) e.location = l;
    // "U.S. jets bombed Iraq", "fired missiles at Israel": force on a state named alone (not
    // "a Greek tanker") happens in that state, at country level, when no place is named.
    // (Kosovo in 1999, a target of Serbia's: the territory, in the state of the date.)
    if (!e.location && b && Violent(c) && b->code == b->country && k_.lexicon.countries.count(b->country))
      for (int k : tgt_m) {
        const std::string& mc = s.mentions[k].actor.code;
        if ((mc != b->country && k_.lexicon.StateOn(mc, ds_.date) != b->country) || !StateNamedAlone(s, k) ||
            !k_.lexicon.countries.count(mc))
          continue;
        e.location = CountryLocation(k_.lexicon.countries.at(mc),
                                     s.TokenSpan(s.mention_range[k].first, s.mention_range[k].end));
        e.location->country = b->country;
        break;
      }
    // "attacked targets in Syria and Lebanon": one event per state, each in its own state (the
    // state coordinated after the place: "and/or/," right before it).
    if (!loc && country_loc && b && b->code == b->country && b->country != country_loc->country &&
        k_.lexicon.countries.count(b->country))
      for (size_t k = 0; k < s.mentions.size(); ++k) {
        const int f = s.mention_range[k].first;
        if (s.mentions[k].kind != actors::ActorMention::Kind::kState || s.mentions[k].actor.code != b->country ||
            f < 1 || !In(s.lower[f - 1], {"and", "or", ","}) || s.TokenSpan(f, f + 1).begin < country_loc->span.end)
          continue;
        e.location = CountryLocation(k_.lexicon.countries.at(b->country), s.TokenSpan(f, s.mention_range[k].end));
        break;
      }
    e.text = std::string(doc_.Text(s.sentence->span));
    e.why.verb = verb;
    e.why.pattern = p.where;
    e.why.entries = entries;
    e.why.modality_cue = mod == Modality::kActual ? "" : mod_cue;
    e.why.date_cue = date_cue;
    e.why.speaker = speaker;
    e.why.note = note.empty() || person_note.empty() ? note + person_note : note + "; " + person_note;
    e.why.announced_code = announced_code;
    e.why.announced_cue = announced_cue;
    // One event per (code, source, target) in a sentence: "Kim ... Kim Jong Un" or two
    // patterns for the same act would otherwise give the same event (and id) twice. The
    // events of this sentence are the last ones appended.
    bool dup = false;
    for (auto x = events->rbegin(); x != events->rend() && !dup; ++x) {
      if (x->sentence != e.sentence || x->doc_hash != e.doc_hash) break;
      dup = x->cameo == e.cameo && x->source.code == e.source.code && (x->modality == e.modality || p.nominal) &&
            (x->target ? x->target->code : "") == (e.target ? e.target->code : "");
    }
    if (dup) continue;
    e.id = EventId(doc_.hash, s.index, verb, e.source.code, e.target ? e.target->code : "", e.cameo);
    if (progressive && mod == Modality::kActual) ds_.progressive.push_back(events->size());
    Event denial;
    const CameoCode* deny = denied_act && !denier_unknown ? k_.ontology.Find("016") : nullptr;
    if (deny) {
      denial = e;
      if (denier) {
        if (denial.target && denial.target->country == denier->country)
          denial.target = denial.source.country != denier->country ? std::optional<ActorRef>(denial.source) : std::nullopt;
        denial.source = *denier;
      }
    }
    events->push_back(std::move(e));
    if (deny) {
      bool seen = false;
      for (auto x = events->rbegin(); x != events->rend() && !seen; ++x) {
        if (x->sentence != denial.sentence || x->doc_hash != denial.doc_hash) break;
        // (One denial by one denier a sentence: "denied reports that its jets had bombed a
        // hospital in Aleppo" has the report's 016 already; with no target of its own it is
        // aimed at the denied act's.)
        seen = x->cameo == "016" && x->source.code == denial.source.code;
        if (seen && !x->target && denial.target) x->target = denial.target;
      }
      if (!seen) {
        denial.cameo = deny->code;
        denial.root = deny->code.substr(0, 2);
        denial.plover = deny->plover;
        denial.goldstein = deny->goldstein;
        denial.quad_class = deny->quad_class;
        denial.modality = Modality::kActual;
        denial.location.reset();
        denial.why.modality_cue.clear();
        denial.why.note = "the denial of the act (" + mod_cue + ")";
        denial.id = EventId(doc_.hash, s.index, verb, denial.source.code,
                            denial.target ? denial.target->code : "", denial.cameo);
        events->push_back(std::move(denial));
      }
    }
  }
  if (!srcs.empty() && !srcs.front().name.empty()) {
    ds_.last_source = srcs.front();
    ds_.last_source_entries.clear();
    for (int k : src_m) {
      const auto& en = s.mentions[k].entries;
      ds_.last_source_entries.insert(ds_.last_source_entries.end(), en.begin(), en.end());
    }
  }
  // The antecedent of a later "it": this act's single source when a state or body, else its
  // speaker when one ("The Russian embassy said ...").
  {
    int body = src_m.size() == 1 && BodyMention(s, src_m.front()) ? src_m.front()
               : src_m.empty() && sf.speaker >= 0 && BodyMention(s, sf.speaker) ? sf.speaker
                                                                                : -1;
    if (body >= 0) {
      ds_.last_body = s.mentions[body].actor;
      ds_.last_body_sentence = s.index;
      ds_.last_body_entries = s.mentions[body].entries;
    }
  }
}

}  // namespace entente::coder::internal
