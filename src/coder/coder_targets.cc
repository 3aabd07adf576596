// CodeMatch's implied-target step: ImpliedTargets (destinations, places visited or attacked,
// implied targets of protests and meetings) and the helpers only it uses.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "coder/coder_words.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// The kinds of act (CAMEO roots) a definite noun of an act can take up again when it is what a
// reaction is aimed at ("North Korea fired two missiles ... Japan condemned the launch"); null
// for any other word.
const std::vector<std::string>* AnaphoricActRoots(const std::string& w) {
  static const std::map<std::string, std::vector<std::string>> kNouns = [] {
    std::map<std::string, std::vector<std::string>> m;
    for (const char* x : {"launch", "launches", "test", "tests", "firing", "drill", "drills", "deployment"})
      m[x] = {"15"};
    for (const char* x : {"attack", "attacks", "invasion", "offensive", "strike", "strikes", "raid", "raids",
                          "bombing", "bombings", "shelling", "assault", "incursion", "killing", "killings"})
      m[x] = {"18", "19", "20"};
    for (const char* x : {"crackdown", "arrest", "arrests", "detention", "expulsion", "expulsions"}) m[x] = {"17"};
    for (const char* x : {"agreement", "deal", "accord", "treaty", "pact"}) m[x] = {"03", "05", "06"};
    for (const char* x : {"protest", "protests", "complaint"}) m[x] = {"11", "14"};
    for (const char* x : {"accusation", "accusations", "criticism", "allegation", "allegations", "claim", "claims",
                          "charge", "charges"})
      m[x] = {"11"};
    for (const char* x : {"demand", "demands", "ultimatum"}) m[x] = {"10"};
    for (const char* x : {"threat", "threats"}) m[x] = {"13"};
    for (const char* x : {"decision", "move", "step"})
      m[x] = {"03", "06", "07", "08", "09", "13", "15", "16", "17", "18", "19", "20"};
    return m;
  }();
  auto it = kNouns.find(w);
  return it == kNouns.end() ? nullptr : &it->second;
}

// A definite noun phrase that ends at a noun of an act, read from `det` forward: "the launch",
// "this latest test", "the annual drills". Returns the noun's index, or -1 when the words there
// are no such phrase, when an actor is named inside it ("the North's test") or when a phrase
// after it may name the act's doer ("the attack on X by Y", "the launch of its satellite"),
// which the other rules read.
int DefiniteActNoun(const SentenceView& s, int det) {
  auto is_det = [](const std::string& w) {
    return w == "the" || w == "this" || w == "that" || w == "these" || w == "those" || w == "such";
  };
  if (det < 0 || det >= s.size() || !is_det(s.lower[det])) return -1;
  for (int i = det + 1; i < s.size() && i <= det + 4; ++i) {
    if (s.IsBoundary(i) || s.mention_at[i] >= 0 || s.lower[i] == "," || s.lower[i] == "'s") return -1;
    if (!AnaphoricActRoots(s.lower[i])) continue;
    if (i + 1 < s.size()) {
      const std::string& nx = s.lower[i + 1];
      // ("denied the accusations on Monday": a day, not what the act was done on.)
      const bool on_day = nx == "on" && i + 2 < s.size() &&
                          In(s.lower[i + 2], {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
      if (on_day) return i;
      if (s.mention_at[i + 1] >= 0 || nx == "of" || nx == "by" || nx == "on" || nx == "against" || nx == "in" ||
          nx == "at" || nx == "to" || nx == "from" || nx == "with" || nx == "between" || nx == "over" || nx == "'s")
        return -1;
    }
    return i;
  }
  return -1;
}

// True when mention `k` is a bare state named by a word before a plural noun of places or
// buildings ("Chechen villages", "Tibetan monasteries", "Kurdish towns" when Kurdish names a
// state), i.e. what is meant are places of that state.
bool StateAdjectiveBeforePlaces(const SentenceView& s, int k) {
  if (k < 0 || k >= static_cast<int>(s.mentions.size())) return false;
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.code.empty() || am.actor.code != am.actor.country)
    return false;
  int end = s.mention_range[k].end;
  if (end >= s.size() || s.mention_at[end] >= 0) return false;
  const std::string& w = s.lower[end];
  return In(w, {"villages", "towns", "cities", "homes", "houses", "areas", "districts", "provinces", "regions",
                "settlements", "neighbourhoods", "neighborhoods", "monasteries", "mosques", "churches", "temples",
                "farms", "hamlets", "positions", "strongholds", "hideouts", "bases", "camps", "targets", "territory",
                "countryside", "highlands", "mountains"});
}

// True when mention `k` is a bare state's name or adjective that opens an organisation's proper
// name ("the Kenya Human Rights Commission", "the Egyptian Center for Economic and Social Rights",
// "Zimbabwe Lawyers for Human Rights"): up to six capitalised words of no actor or place (and
// "for", "of", "on", "and" between them), one of them a noun of an organisation. What is meant
// is a body of that state, not the state.
bool StateNameOpensOrganisation(const SentenceView& s, int k) {
  if (k < 0 || k >= static_cast<int>(s.mentions.size())) return false;
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.code.empty() || am.actor.code != am.actor.country)
    return false;
  for (int j = s.mention_range[k].end; j < s.size() && j < s.mention_range[k].end + 6; ++j) {
    if (s.mention_at[j] >= 0 || s.place_at[j] >= 0 || s.IsBoundary(j)) return false;
    const std::string& w = s.lower[j];
    if (In(w, {"for", "of", "on", "and"}) && j > s.mention_range[k].end) continue;
    if (!(s.flags[j] & Token::kCapitalized)) return false;
    if (In(w, {"commission", "committee", "council", "center", "centre", "society", "association", "institute",
               "foundation", "federation", "network", "league", "forum", "union", "lawyers", "daily", "times",
               "herald", "tribune", "observatory", "watch", "trust", "coalition", "alliance", "initiative"}))
      return true;
  }
  return false;
}

}  // namespace

// Step of CodeMatch after its actors (the match has a source): the targets a place implies (a
// destination, a place visited or attacked, a state acting in a place, an implied target of a
// protest or a meeting), whether the target is a place or an organisation, and a territory then
// part of another state. Returns false when the match is dropped: a meeting (04x) with no one
// to meet.
bool SentenceCoder::ImpliedTargets(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                   SentenceCoding* st, EventDraft* d) {
  const int n = s.size();
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& note = d->note;
  auto& agreed_together = d->agreed_together;
  auto& place_target = d->place_target;
  auto& org_target = d->org_target;
  auto& visit_place_of = d->visit_place_of;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  // A DEST place is the target too (its country).
  bool dest_place_target = false;
  auto state_of_place = [&](const Location& l) {  // the place's state, told by the place's words
    ActorRef t;
    t.code = t.country = l.country;
    t.text = std::string(doc_.Text(l.span));
    t.span = l.span;
    return t;
  };
  // Adds gazetteer place `ph`'s state as a target unless the place has no state or is the
  // state of a source; *pl is the place either way. Returns whether a target was added.
  auto add_foreign_place = [&](int ph, Location* pl) {
    *pl = PlaceLocation(s, ph);
    if (pl->country.empty()) return false;
    for (const auto& a : srcs)
      if (a.country == pl->country) return false;
    tgts.push_back(state_of_place(*pl));
    return true;
  };
  if (m.dest_place >= 0 && tgts.empty()) {
    Location dl = PlaceLocation(s, m.dest_place);
    if (!dl.country.empty()) {
      tgts.push_back(state_of_place(dl));
      // "Russian troops shelled Grozny", "police sealed off Srebrenica": force or coercion
      // (15-20) on a place is done to the place's people, so a part of the place's own state
      // doing it is no self-directed act (as for a place after "in", below); a visit home or a
      // withdrawal from one's own place still is.
      const std::string root = act.code.substr(0, 2);
      dest_place_target = root == "15" || root == "17" || root == "18" || root == "19" || root == "20";
      // "fired missiles at Tel Aviv and Dhahran", "struck Khost and Khartoum": the places
      // coordinated after it are targets too, one each of another state. "travelled to Bonn
      // and Warsaw": a visit (042) to places of two states is a visit to each, located in its
      // own place (a place of a source's own state adds none: "flew to Moscow and home").
      const bool visit = act.code == "042" && !m.passive;
      for (int j = s.places[m.dest_place].end, ph = m.dest_place; (dest_place_target || visit) && j + 1 < s.size();) {
        if (s.lower[j] == ",") ++j;
        if (j < s.size() && (s.lower[j] == "and" || s.lower[j] == "or")) ++j;
        if (j == s.places[ph].end) break;  // no connector
        if (j < s.size() && s.lower[j] == "the") ++j;
        int q = j < s.size() ? s.place_at[j] : -1;
        if (q < 0 || s.places[q].first != j) break;
        Location ql = PlaceLocation(s, q);
        bool seen = ql.country.empty();
        for (const ActorRef& t0 : tgts) seen = seen || t0.country == ql.country;
        if (visit)
          for (const ActorRef& a : srcs) seen = seen || a.country == ql.country;
        if (!seen) {
          tgts.push_back(state_of_place(ql));
          if (visit) visit_place_of.emplace_back(ql.country, ql);
        }
        ph = q;
        j = s.places[q].end;
      }
    }
  }
  // "beefed up security along the Gaza border", "massed troops along the border with
  // Kosovo": a show of force (15) with no target is aimed at the state of the gazetteer place
  // that names the border (right before "border", or right after "border with").
  if (tgts.empty() && !m.passive && act.code.compare(0, 2, "15") == 0) {
    for (int j = m.end; j < s.size() && j <= m.end + 6; ++j) {
      if (In(s.lower[j], {",", ";", ".", "and", "but"})) break;
      if (s.lower[j] != "border" && s.lower[j] != "borders" && s.lower[j] != "frontier") continue;
      int ph = j > 0 ? s.place_at[j - 1] : -1;
      if (ph < 0 || s.places[ph].end != j) {
        ph = j + 2 < s.size() && s.lower[j + 1] == "with" ? s.place_at[j + 2] : -1;
        if (ph >= 0 && s.places[ph].first != j + 2) ph = -1;
      }
      Location pl;
      if (ph >= 0) add_foreign_place(ph, &pl);
      break;
    }
  }
  // "Gaza was shelled by Israeli tanks": force (15-20) in the passive whose subject is a
  // gazetteer place, no actor, is done to the place's state (as on a DEST place), not the
  // agent's own; the place is the event's location.
  if (m.passive && tgts.empty() && !p.one_sided && Violent(act)) {
    int t = m.anchor - 1;
    while (t > 0 && (In(s.lower[t], {"was", "were", "is", "are", "been", "being", "has", "have", "had", "also",
                                      "repeatedly", "heavily", "again", "reportedly"})))
      --t;
    int ph = t >= 0 && t < m.anchor - 1 ? s.place_at[t] : -1;
    Location pl;
    if (ph >= 0 && s.places[ph].end == t + 1 && s.mention_at[t] < 0 && add_foreign_place(ph, &pl)) {
      dest_place_target = true;
      if (!loc) loc = pl;  // (and where it happened)
    }
  }
  // "Israeli aircraft bombed Beirut airport", "shelled Kabul": force (18-20) on a capital named
  // as the target happens there, as on a gazetteer place named as the destination (above).
  if (!loc && !m.passive && Violent(act)) {
    for (int k : tgt_m) {
      if (k < 0 || s.mentions[k].kind != actors::ActorMention::Kind::kCapital) continue;
      int ph = s.place_at[s.mention_range[k].first];
      if (ph >= 0 && s.places[ph].first == s.mention_range[k].first) {
        loc = PlaceLocation(s, ph);
        break;
      }
    }
  }
  // Capitals named as destination ("visit Beijing"): the country, not its government.
  if (!m.targets.empty() && act.code == "042" && !m.passive) {
    for (size_t t = 0; t < tgts.size(); ++t)
      if (s.mentions[m.targets[t]].kind == actors::ActorMention::Kind::kCapital) {
        tgts[t].code = tgts[t].country;
        tgts[t].sector.clear();
      }
  }
  // "visit military and civilian factories": a visit to things of no named country is a visit
  // to the country they are in (below), not to the military or civilians.
  if (act.code == "042" && !m.passive) {
    std::vector<ActorRef> kept;
    for (size_t t = 0; t < tgts.size(); ++t) {
      bool agent = t < tgt_m.size() && s.mentions[tgt_m[t]].kind == actors::ActorMention::Kind::kAgent;
      if (!agent) {
        kept.push_back(tgts[t]);
      } else if (!s.mentions[tgt_m[t]].actor.country.empty()) {  // "toured a Samsung plant": KOR
        ActorRef c = tgts[t];
        c.code = c.country;
        c.sector.clear();
        kept.push_back(c);
      }
    }
    tgts = std::move(kept);
  }
  if (tgts.empty() && act.code == "042") {
    std::optional<Location> where = loc ? loc : ds_.last_location;
    if (!where && !ds_.dateline_country.empty()) {
      // Nothing named: the dateline's country ("PYONGYANG, June 19 - Putin arrived ...").
      Location dl;
      dl.country = ds_.dateline_country;
      dl.name = "the dateline";
      where = dl;
    }
    if (where && !where->country.empty()) {
      ActorRef t;
      t.code = where->country;
      t.country = where->country;
      t.text = where->name;
      tgts.push_back(t);
      if (!loc) {
        if (!note.empty()) note += "; ";
        note += where->name == "the dateline" ? std::string("destination from the dateline")
                                               : "destination from an earlier sentence (" + where->name + ")";
      }
    }
  }
  // An act with no target done in a named place ("opened an embassy in Tehran", "arrested 100
  // Palestinians in Hebron", "lifted a state of emergency in West Darfur"): the state the
  // place belongs to is what the act is done to, as CAMEO/PLOVER code it. A state's own act at
  // home keeps that target only when the source is a part of the state (its government,
  // police, opposition: SDNGOV -> SDN), never the bare state itself, and the act is one done
  // to people (below). Not for statements and
  // appeals (01/02: where something is said is no target), meetings and visits (04: handled
  // above), nor one-sided or reciprocal patterns.
  // "North Korea fired two missiles ... Japan condemned the launch", "The test was condemned by
  // ...": a reaction (criticism 11x, rejection 12x) aimed at a definite noun of an act, with no
  // target otherwise, is aimed at who did the act the document last told of that kind, in this
  // sentence or an earlier one (a coded event of a root the noun can take up again), when that
  // is not the reacting side's own state. Every source of the latest such sentence is one. So
  // is a denial (016) of "the claims / allegations / accusations": it answers the accuser
  // ("Moldova accused Russia ..., and the Kremlin denied the claims": RUS -> MDA, news25), and
  // praise (051) of "the decision / the move": it approves of who made it ("France would
  // withdraw its troops from Niger, and the junta hailed the decision": NER -> FRA).
  if (tgts.empty() && !p.one_sided && !p.mutual && !srcs.empty() &&
      (act.code.compare(0, 2, "11") == 0 || act.code.compare(0, 2, "12") == 0 || act.code == "016" ||
       act.code == "051")) {
    int noun = -1;
    if (!m.passive) {
      noun = DefiniteActNoun(s, m.first + 1);
      // "..., a move Beijing denounced as bullying", ", a decision Netanyahu condemned": an
      // act noun in apposition to the clause before, which the reacting subject's reduced
      // relative clause is about, is aimed at who did that clause's act (tgt26).
      int f = src_m.empty() ? -1 : s.mention_range[src_m.front()].first;
      for (int q : src_m) f = std::min(f, s.mention_range[q].first);
      if (noun < 0 && f >= 3 && f < m.first && AnaphoricActRoots(s.lower[f - 1]) &&
          In(s.lower[f - 2], {"a", "the"}) && s.lower[f - 3] == ",")
        noun = f - 1;
    } else {
      // The passive's subject: "the test was (widely) condemned".
      int j = m.first - 1;
      while (j >= 0 && (s.lower[j] == "was" || s.lower[j] == "were" || s.lower[j] == "been" ||
                        s.lower[j] == "has" || s.lower[j] == "have" || s.lower[j] == "had" ||
                        s.lower[j] == "is" || s.lower[j] == "are" || s.lower[j] == "widely" ||
                        s.lower[j] == "strongly" || s.lower[j] == "sharply" || s.lower[j] == "also"))
        --j;
      for (int d = j - 1; d >= 0 && d >= j - 4 && noun < 0; --d)
        if (DefiniteActNoun(s, d) == j) noun = j;
    }
    if (noun >= 0) {
      const std::vector<std::string>& roots = *AnaphoricActRoots(s.lower[noun]);
      std::vector<ActorRef> doers;
      int at = -1;
      for (auto x = events->rbegin(); x != events->rend(); ++x) {
        if (x->doc_hash != doc_.hash || (at >= 0 && x->sentence != at)) break;
        if (std::find(roots.begin(), roots.end(), x->root) == roots.end() || x->source.code.empty()) continue;
        // (At home, a group outside the state's institutions reacting to what one of them did
        // is no reaction to its own act: "Police arrested dozens of activists. The opposition
        // condemned the arrests" -> YEMOPP -> YEMCOP.)
        // Nor is a state institution reacting to what a group outside them did: "Boko Haram
        // militants killed 30 villagers. The army condemned the attacks" -> NGAMIL -> NGAREB; "The
        // opposition accused the President ... He denied the charge" -> ZWEGOV -> ZWEOPP.
        const bool institution_did = x->source.code != x->source.country && !OutsideStateSector(x->source.sector);
        const bool outsider_did = OutsideStateSector(x->source.sector);
        bool own = false;
        for (const auto& a : srcs)
          own = own || (!a.country.empty() && a.country == x->source.country &&
                        !(institution_did && OutsideStateSector(a.sector)) &&
                        !(outsider_did && IsInstitution(a.sector)));
        if (own) continue;
        at = x->sentence;
        bool seen = false;
        for (const auto& d : doers) seen = seen || d.code == x->source.code;
        if (!seen) doers.push_back(x->source);
      }
      if (!doers.empty()) {
        tgts = doers;
        if (!note.empty()) note += "; ";
        note += "target: who did what '" + std::string(s.lower[noun]) + "' takes up again (" + doers.front().text +
                (at == s.index ? ", this sentence)" : ", sentence " + std::to_string(at + 1) + ")");
      }
    }
  }
  // "Biden and Xi agreed to resume military contacts", "India and Pakistan agreed to a
  // ceasefire": sides of two or more states that agree, with nobody else named, agree with each
  // other (every ordered pair below), also where they agree ("in Moscow" is no target); so do
  // sides that agree to do the act ("agreed in Beijing on Friday to restore relations"). Not one
  // state's several actors.
  bool agreed_to = s.lemma[m.anchor] == "agree";
  if (!agreed_to && m.anchor >= 2 && s.lower[m.anchor - 1] == "to")
    for (int t = m.anchor - 2; t >= 0 && t >= m.anchor - 9 && !agreed_to; --t) {
      if (s.IsBoundary(t) || s.lower[t] == ",") break;
      agreed_to = s.lemma[t] == "agree";
    }
  agreed_together = agreed_to && srcs.size() >= 2;
  for (size_t a = 1; a < srcs.size() && agreed_together; ++a)
    agreed_together = !srcs[a].country.empty() && srcs[a].country != srcs[0].country;
  // "pledged $400 million in aid to Gaza", "lifted its blockade of Gaza": an act with no target
  // whose match ends at (or right before) "to/of/on/against/toward" and a gazetteer place is
  // done to the place's state, as a DEST place's is; not statements, appeals and meetings (01,
  // 02, 04), one-sided or reciprocal acts, nor a place of the source's own state.
  if (tgts.empty() && !p.one_sided && !p.mutual && !m.folded_mutual && !agreed_together && !m.passive && !srcs.empty() &&
      act.code.compare(0, 2, "01") != 0 && act.code.compare(0, 2, "02") != 0 &&
      act.code.compare(0, 2, "04") != 0) {
    auto toward = [&](int t) {
      return t >= 0 && t < n && In(s.lower[t], {"to", "of", "on", "against", "toward", "towards"});
    };
    int q = toward(m.end - 1) && m.end - 1 >= m.verb_first + 1 ? m.end : toward(m.end) ? m.end + 1 : -1;
    if (q >= 0 && q < n && s.lower[q] == "the") ++q;
    int ph = q >= 0 && q < n ? s.place_at[q] : -1;
    Location pl;
    if (ph >= 0 && s.places[ph].first == q && s.mention_at[q] < 0 && add_foreign_place(ph, &pl)) {
      if (!note.empty()) note += "; ";
      note += "target from the place (" + pl.name + ")";
    } else if (ph >= 0 && s.places[ph].first == q && s.mention_at[q] < 0 && q == m.end + 1 &&
               s.lower[m.end] == "of" && IsPlacePartNoun(s.lower[m.end - 1]) &&
               In(act.code.substr(0, 2), {"15", "17", "18", "19", "20"}) && !pl.country.empty()) {
      // "shelled rebel-held districts of Aleppo": force on a part of a place is done to the
      // place's people, so a part of the place's own state doing it is no self-directed act
      // (as on a DEST place); the place is where it happened.
      bool part_of_state = true;
      for (const auto& a : srcs) part_of_state = part_of_state && a.code != a.country;
      if (part_of_state) {
        tgts.push_back(state_of_place(pl));
        dest_place_target = true;
        if (!loc) loc = pl;
        if (!note.empty()) note += "; ";
        note += "target from the place (" + pl.name + ")";
      }
    }
  }
  place_target = dest_place_target;
  std::optional<Location> where_done = loc;
  if (!where_done) {
    // A state named after "in" ("demonstrated on Tuesday in Serbia") is a mention, not a
    // gazetteer place: the same, within the clause after the match.
    for (int j = m.end; j < n && j < std::max(m.end, m.folded_end) + kMaxPlaceDistance; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == "," || s.speech_end[j] >= 0) break;
      if (s.lower[j] != "in" && s.lower[j] != "inside" && s.lower[j] != "throughout" && s.lower[j] != "across")
        continue;
      // "in southeastern Turkey"; "in the town of Cizre in southeastern Turkey": a phrase
      // that names no state may be narrowed by a later one.
      int q = j + 1;
      // (A direction that begins a name, "East Timor", "South Korea", is no modifier.)
      while (q < n && (s.lower[q] == "the" ||
                       (IsDirectionWord(s.lower[q]) &&
                        !(s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q))))
        ++q;
      int k = q < n ? s.mention_at[q] : -1;
      if (k >= 0 && s.mention_range[k].first == q && s.mentions[k].kind == actors::ActorMention::Kind::kState &&
          !s.mentions[k].actor.country.empty()) {
        Location l;
        l.span = s.TokenSpan(q, s.mention_range[k].end);
        l.name = std::string(doc_.Text(l.span));
        l.country = s.mentions[k].actor.country;
        where_done = l;
        break;
      }
      if (k >= 0) break;  // "in Russian custody": a mention that is no state ends the search
    }
  }
  // "Martial law was declared in Thailand": the state a measure with no agent is declared in
  // is where it happens too, at country level (weak25).
  if (m.agentless_object && !loc && !country_loc && where_done && k_.lexicon.countries.count(where_done->country))
    country_loc = CountryLocation(k_.lexicon.countries.at(where_done->country), where_done->span);
  if (tgts.empty() && where_done && where_done->span.size() > 0 && !where_done->country.empty() && !p.one_sided && !p.mutual && !m.folded_mutual && !agreed_together &&
      !m.passive && act.code.compare(0, 2, "01") != 0 && act.code.compare(0, 2, "02") != 0 &&
      act.code.compare(0, 2, "04") != 0) {
    // At home only acts done to a place's people: concessions (08), threats (13), protests
    // (14), mobilisation (15), coercion and violence (17-20); "offered to dismantle the
    // Yongbyon complex" is no act on North Korea. These are kinds of act, so this reads the
    // act's code: "is prepared to impose martial law in X" (pattern 030) is a threat (13x),
    // and "will hold talks in X" (final 036, known only later) is still a meeting (04).
    const std::string root = act.code.substr(0, 2);
    // (Not a military de-escalation, 087x: "declared a ceasefire in south Lebanon" is toward
    // an opponent, not the people of the place.)
    bool domestic_ok = (root == "08" && act.code.compare(0, 3, "087") != 0) || root == "13" ||
                       root == "14" || root == "15" || root == "17" || root == "18" || root == "19" ||
                       root == "20";
    // An intent (03x) of a group outside the state's institutions (opposition, rebels,
    // civilians) at home is toward the state ("opposition leaders agreed to postpone the
    // demonstration in Baku" -> AZE); the government's own ("offered to dismantle the Yongbyon
    // complex") is not.
    bool home = false;
    // "fighting alongside Russian forces in the Kursk region": beside the place's own state,
    // not against it.
    for (int j = m.end; j + 1 < n && j < m.end + kMaxPlaceDistance && !home; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == ",") break;
      int k = s.mention_at[j + 1];
      home = (s.lower[j] == "alongside" || s.lower[j] == "beside") && k >= 0 &&
             s.mentions[k].actor.country == where_done->country;
    }
    for (const auto& a : srcs)
      home = home || (a.country == where_done->country &&
                      (a.code == a.country || !(domestic_ok || (root == "03" && OutsideStateSector(a.sector)))));
    if (!home) {
      ActorRef t;
      t.code = where_done->country;
      t.country = where_done->country;
      t.text = std::string(doc_.Text(where_done->span));
      t.span = where_done->span;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target from the place (" + where_done->name + ")";
    }
  }
  // "Seven opposition parties in Nepal have organized a general strike": a protest (14) by
  // groups of one state outside its institutions, aimed at no one and in no place named, is
  // aimed at their state (as one in a named place of it is, above).
  if (tgts.empty() && !m.passive && !p.one_sided && act.code.compare(0, 2, "14") == 0 && !srcs.empty()) {
    std::string c = srcs.front().country;
    for (const auto& a : srcs)
      if (a.country != c || !OutsideStateSector(a.sector)) c.clear();
    if (c.size() == 3 && k_.state_codes.count(c)) {
      ActorRef t;
      t.code = c;
      t.country = c;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target: the protesters' own state";
    }
  }
  // "DHAKA - Protesters set fire to polling centres", "The rebels seized the town of
  // Rutshuru": an act done to people (13-15, 17-20) by groups of the dateline's state outside
  // its institutions, or by its police or courts, aimed at no one and in no place the sentence names, is aimed at that
  // state (as one in a named place of it is, above).
  if (tgts.empty() && !where_done && !loc && !country_loc && !m.passive && !p.one_sided && !p.mutual &&
      !m.folded_mutual && !agreed_together && !srcs.empty() && !ds_.dateline_country.empty() &&
      In(act.code.substr(0, 2), {"13", "14", "15", "17", "18", "19", "20"})) {
    bool all = true;
    // (Police and courts act at home too: "Police banned all political rallies in the capital".)
    for (const auto& a : srcs)
      all = all && a.country == ds_.dateline_country &&
            (OutsideStateSector(a.sector) || SectorBase(a.sector) == "COP" || SectorBase(a.sector) == "JUD");
    if (all && k_.state_codes.count(ds_.dateline_country)) {
      ActorRef t;
      t.code = ds_.dateline_country;
      t.country = ds_.dateline_country;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target: the dateline's state, the source's own";
    }
  }

  // is why this reads the act's code.
  if (tgts.empty() && act.code.compare(0, 2, "04") == 0 && !((p.mutual || m.folded_mutual) && srcs.size() >= 2)) return false;
  // "Russian troops shelled Chechen villages", "Chinese police raided Tibetan monasteries": a
  // state's adjective before a noun of places names places of that state (a region's adjective
  // is filed under its state), as "villages in Chechnya" does: the act is done to the state as
  // one in a named place is (above), so a part of the state acting on it is no self-directed
  // act; the bare state acting on its own places still is.
  if (!place_target)
    for (int k : tgt_m)
      if (StateAdjectiveBeforePlaces(s, k)) place_target = true;
  org_target = false;
  for (int k : tgt_m) org_target = org_target || StateNameOpensOrganisation(s, k);
  // "NATO bombed Kosovo" (1999): force used on a territory named alone that was then part of
  // another state (data/gazetteer/part_of.txt) is used on that state, in a place of it, so a
  // part of that state acting on it ("Serbian forces attacked Kosovo") is no self-directed act.
  if (In(act.code.substr(0, 2), {"15", "18", "19", "20"}))
    for (auto& t : tgts) {
      if (t.code != t.country || !t.sector.empty() || !k_.state_codes.count(t.country)) continue;
      const std::string st = k_.lexicon.StateOn(t.country, ds_.date);
      if (st.empty() || st == t.country) continue;
      if (!note.empty()) note += "; ";
      note += "target '" + t.text + "' was part of " + st + " on the date";
      t.country = t.code = st;
      place_target = true;
    }
  // Modality and date.
  return true;
}

}  // namespace entente::coder::internal
