// CodeMatch's actor step: ResolveActors (the act's place, the actors of its mentions, implied
// sources), SentenceCoder::Actor (the actor of one mention) and the helpers only they use.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>

#include "coder/coder_words.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// True when the person named `name` was first written in `text` (before byte `before`) right
// after a noun of office, capitalised as a title or not ("told Ambassador Georgy Zinoviev",
// "the ambassador Georgy Zinoviev"). Searches the text only up to `before`.
bool IntroducedByOffice(std::string_view text, std::string_view name, size_t before) {
  if (name.empty()) return false;
  size_t at = text.substr(0, before).find(name);
  if (at == std::string_view::npos) return false;
  size_t e = at;
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != '(' && text[b - 1] != ',') --b;
  if (b == e || e - b > 16) return false;
  char lower[17] = {};
  for (size_t i = b; i < e; ++i) lower[i - b] = static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
  return IsOfficeNoun(std::string_view(lower, e - b));
}

// A group named earlier as the subject right before `first` (at most five tokens back, within
// its clause): "the two leaders", "both sides", "the three countries", "these four nations",
// and "the leaders/sides" opening the sentence. Returns how many it counts (2 for "both" and a
// bare "the leaders"), 0 for none; *at is the phrase's first token, *kind 'S' for nouns of
// states ("countries", "nations", "states", "governments", "allies", "neighbours"), 'L' for
// nouns of their leaders ("leaders", "presidents", "premiers", "ministers", "delegations"),
// 'N' for "sides". Not after a preposition ("talks between the two countries": no subject),
// and "two countries" with no determiner is a new group, not one named earlier.
int RefersToGroup(const SentenceView& s, int first, int* at, char* kind) {
  for (int i = first - 1; i >= 0 && i >= first - 5; --i) {
    if (s.IsBoundary(i) || s.lower[i] == ",") return 0;
    const std::string& w = s.lower[i];
    char k = In(w, {"countries", "nations", "states", "governments", "allies", "neighbours", "neighbors"}) ? 'S'
             : In(w, {"leaders", "presidents", "premiers", "ministers", "delegations"})                     ? 'L'
             : w == "sides"                                                                                  ? 'N'
                                                                                                             : 0;
    if (!k) continue;
    int j = i - 1, count = 0, det = j;
    if (j >= 0 && s.lower[j] == "both") {
      count = 2;
    } else if (j >= 1 && In(s.lower[j], {"two", "three", "four"}) && In(s.lower[j - 1], {"the", "these", "those"})) {
      count = s.lower[j] == "two" ? 2 : s.lower[j] == "three" ? 3 : 4;
      det = j - 1;
    } else if (k != 'S' && j >= 0 && s.lower[j] == "the" && (j == 0 || s.IsBoundary(j - 1))) {
      count = 2;  // "The leaders also agreed ..." opening the sentence
    }
    if (count == 0) return 0;
    if (det > 0 && In(s.lower[det - 1], {"of", "between", "among", "with", "to", "for", "by", "on", "against",
                                         "from", "about", "over"}))
      return 0;
    *at = det;
    *kind = k;
    return count;
  }
  return 0;
}

// `group` as a group reference of `kind` (RefersToGroup) names it: its states for 'S' (the
// country alone), a state's government for 'L' ("the two leaders" after "China and Russia"),
// as they are for 'N'. False when a member has no country (no group of states to name).
bool NameGroup(const std::vector<ActorRef>& group, char kind, std::vector<ActorRef>* out) {
  out->clear();
  for (const ActorRef& a : group) {
    if (a.country.empty()) return false;
    ActorRef r = a;
    if (kind == 'S') {
      r.code = a.country;
      r.sector.clear();
    } else if (kind == 'L' && a.code == a.country) {
      r.code = a.country + "GOV";
      r.sector = "GOV";
    }
    for (const ActorRef& o : *out)
      if (o.code == r.code) return false;  // "the two leaders" of one state are no two sides
    out->push_back(std::move(r));
  }
  return true;
}

// The first person (IsPersonRef, with a country) of the previous sentence coded, else of the
// one before, with its entries; none when neither names one.
std::optional<std::pair<ActorRef, std::vector<std::string>>> PreviousPerson(const DocState& ds) {
  for (const auto* prev : {&ds.prev_mentions, &ds.earlier_mentions}) {
    const auto& entries = prev == &ds.prev_mentions ? ds.prev_mention_entries : ds.earlier_mention_entries;
    for (size_t i = 0; i < prev->size(); ++i) {
      const auto& [kind, a] = (*prev)[i];
      if (a.country.empty() || !(kind == actors::ActorMention::Kind::kPerson ||
                                 (kind == actors::ActorMention::Kind::kAgent && IsPersonRef(a))))
        continue;
      return std::make_pair(a, entries[i]);
    }
  }
  return std::nullopt;
}

// True when `sector` is that of a force that arrests or strikes: police, troops, security
// services; for violence (not `custody`) also an armed group or unidentified gunmen.
bool ForceSector(const std::string& sector, bool custody) {
  const std::string_view b = SectorBase(sector);
  return b == "COP" || b == "MIL" || b == "SPY" || (!custody && (ArmedGroupSector(sector) || b == "UAF"));
}

// The plural force (ForceSector) a subject "they" at token `they` of `s` stands for, with its
// entries: the first named before it in its sentence (not one "it" could stand for), else the
// first of the previous sentence coded, else of the one before; none when none names one.
std::optional<std::pair<ActorRef, std::vector<std::string>>> ForceAntecedent(const SentenceView& s, const DocState& ds,
                                                                             int they, bool custody) {
  auto fits = [&](actors::ActorMention::Kind kind, const ActorRef& a, const std::string& head) {
    return kind == actors::ActorMention::Kind::kAgent && ForceSector(a.sector, custody) &&
           (PronounFits("them", kind, head) || head == "police");
  };
  for (int k = 0; k < static_cast<int>(s.mentions.size()) && s.mention_range[k].end <= they; ++k)
    if (fits(s.mentions[k].kind, s.mentions[k].actor, s.lower[s.mention_range[k].end - 1]) && !FitsAntecedent(s, k, "it"))
      return std::make_pair(s.mentions[k].actor, s.mentions[k].entries);
  for (const auto* prev : {&ds.prev_mentions, &ds.earlier_mentions}) {
    const auto& entries = prev == &ds.prev_mentions ? ds.prev_mention_entries : ds.earlier_mention_entries;
    for (size_t i = 0; i < prev->size(); ++i) {
      const auto& [kind, a] = (*prev)[i];
      if (fits(kind, a, a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1))))
        return std::make_pair(a, entries[i]);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Location> SentenceCoder::AgentPlaceLocation(const SentenceView& s, int k) const {
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kAgent || am.actor.country.empty()) return std::nullopt;
  const int f = s.mention_range[k].first, e = s.mention_range[k].end;
  for (int i = f + 1; i + 1 < e; ++i) {
    if (!In(s.lower[i], {"in", "throughout", "across", "inside"})) continue;
    for (int j = i + 1; j < e; ++j)
      if (s.place_at[j] >= 0) {
        Location l = PlaceLocation(s, s.place_at[j]);
        if (l.country == am.actor.country) return l;
      }
    auto c = k_.lexicon.countries.find(am.actor.country);
    if (c == k_.lexicon.countries.end()) return std::nullopt;
    return CountryLocation(c->second, s.TokenSpan(i + 1, e));
  }
  return std::nullopt;
}

namespace {

// The state whose gazetteer capital follows "in" at the end of mention `k` or right after it
// ("separatists in Minsk"; the actor index may or may not have taken the place into the
// mention); "" for none.
std::string CapitalAfterIn(const SentenceView& s, int k, const std::vector<Place>& place_list) {
  const int f = s.mention_range[k].first, e = s.mention_range[k].end;
  for (int i = f + 1; i <= e && i + 1 < s.size(); ++i) {
    if (s.lower[i] != "in") continue;
    const int ph = s.place_at[i + 1];
    if (ph < 0 || s.places[ph].place < 0 || s.places[ph].first != i + 1 || (i < e && s.places[ph].end != e))
      return "";
    const Place& pl = place_list[s.places[ph].place];
    return pl.kind == "capital" ? pl.country : "";
  }
  return "";
}

bool IsSettlementNoun(const std::string& w) {
  return w == "town" || w == "city" || w == "village" || w == "port" || w == "province" || w == "region" ||
         w == "island" || w == "county" || w == "capital" || w == "area" || w == "district" || w == "suburb" ||
         w == "suburbs" || w == "outskirts" || w == "sector" || w == "neighborhood" || w == "neighbourhood" ||
         w == "quarter" || w == "part" || w == "parts" || w == "heart" || w == "centre" || w == "center";
}

// True when the subject before the verb at `first` is a coalition ("Coalition aircraft",
// "coalition forces") or the antecedent of a relative pronoun is a plural of states or forces
// ("Coalition nations which have conducted strikes"): a doer the words name, not an unidentified one.
bool NamedUnknownDoer(const SentenceView& s, int first) {
  int r = first - 1;
  while (r >= 0 && (s.lower[r] == "have" || s.lower[r] == "has" || s.lower[r] == "had" || s.lower[r] == "also" ||
                    s.lower[r] == "reportedly"))
    --r;
  if (r >= 1 && (s.lower[r] == "which" || s.lower[r] == "who" || s.lower[r] == "that") &&
      (s.lower[r - 1] == "nations" || s.lower[r - 1] == "countries" || s.lower[r - 1] == "states" ||
       s.lower[r - 1] == "members" || s.lower[r - 1] == "partners" || s.lower[r - 1] == "allies" ||
       s.lower[r - 1] == "forces"))
    return true;
  for (int j = first - 1; j >= 0 && j >= first - 4; --j) {
    if (s.IsBoundary(j) || s.lower[j] == ",") break;
    if (s.lower[j] == "coalition") return true;
  }
  return false;
}

// True when tokens [from, to) hold a clause break: ", and", ", but", ", as", ", while", "as"
// after a comma, or a saying verb (the place of a report is not the place of what it reports).
bool ClauseBreakBetween(const SentenceView& s, int from, int to) {
  for (int i = std::max(0, from); i < to && i < s.size(); ++i) {
    // (A saying verb inside an actor's name is none: "the United States in Vienna".)
    if (s.IsBoundary(i) || (s.speech_end[i] >= 0 && s.mention_at[i] < 0)) return true;
    // "..., days after threatening ...": another time, another place.
    if (s.lower[i] == "after" || s.lower[i] == "before" || s.lower[i] == "when" || s.lower[i] == "following")
      return true;
    if (s.lower[i] == "," && i + 1 < s.size() &&
        (s.lower[i + 1] == "and" || s.lower[i + 1] == "but" || s.lower[i + 1] == "as" || s.lower[i + 1] == "while"))
      return true;
  }
  return false;
}

}  // namespace

std::optional<Location> SentenceCoder::FindLocation(const SentenceView& s, const PatternMatch& m, bool countries) const {
  if (m.place >= 0) return PlaceLocation(s, m.place);
  int best = -1, best_dist = 1 << 30;
  for (size_t p = 0; p < s.places.size(); ++p) {
    const auto& hit = s.places[p];
    if (!countries && s.IsCountryPlace(static_cast<int>(p))) continue;
    int f = hit.first;
    // "the", and directions: "in eastern Beirut", "of the Iraqi city of Basra".
    while (f > 0 && (s.lower[f - 1] == "the" || IsDirectionWord(s.lower[f - 1]) || s.lower[f - 1] == "downtown"))
      --f;
    // "of mostly Christian eastern Beirut": up to three qualifiers between "of" and the place.
    {
      int g = f;
      while (g > 0 && g > f - 3 && s.mention_at[g - 1] < 0 && s.place_at[g - 1] < 0 &&
             ((s.flags[g - 1] & Token::kCapitalized) || IsDirectionWord(s.lower[g - 1]) ||
              s.lower[g - 1] == "mostly" || s.lower[g - 1] == "predominantly" || s.lower[g - 1] == "largely" ||
              s.lower[g - 1] == "mainly"))
        --g;
      if (g < f && g >= 2 && s.lower[g - 1] == "of" && IsSettlementNoun(s.lower[g - 2])) f = g;
    }
    // "in its border town of Kaesong": the place after "town of" after a locative preposition.
    if (f >= 2 && s.lower[f - 1] == "of" && IsSettlementNoun(s.lower[f - 2])) {
      int q = f - 2;
      while (q > 0 && q > f - 6 && !s.IsLocativePreposition(q - 1)) --q;
      if (q > 0 && s.IsLocativePreposition(q - 1)) f = q;
    }
    // "north of Kabul", "20 km south of Hebron": a direction and "of" place the event too.
    const bool direction_of = f >= 2 && s.lower[f - 1] == "of" && IsDirectionWord(s.lower[f - 2]) &&
                              !(f >= 3 && s.lower[f - 3] == "the");
    if ((!s.IsLocativePreposition(f - 1) || s.lower[f - 1] == "from") && !direction_of) continue;
    int dist = hit.first >= m.anchor ? hit.first - m.anchor : m.anchor - hit.end;
    // A settlement phrase counts from its start ("outside the Iraqi city of Basra").
    // Inside an act folded into the match ("ready to contribute troops ... in Liberia"): no gap.
    int me = std::max(m.end, m.folded_end);
    int edge = hit.first >= me   ? std::min(hit.first, std::max(f, me)) - me
               : hit.first >= m.end ? 0
                                    : m.first - hit.end;
    if (edge > kMaxPlaceDistance) continue;
    if (ClauseBreakBetween(s, std::min(hit.end, m.first), std::max(hit.first, m.end))) continue;
    // "Wen, who met Abe in Beijing on Sunday, will visit Japan": a place inside a relative clause
    // places the clause's own act, not an act outside it. (The reverse may hold: "raids on
    // villages in Iraq, which killed 30 people" killed them in Iraq.)
    {
      const int rel = RelativeClauseAt(s, hit.first);
      if (rel >= 0 && rel != RelativeClauseAt(s, m.anchor)) continue;
    }
    if (dist < best_dist) {
      best_dist = dist;
      best = static_cast<int>(p);
    }
  }
  if (best < 0) return std::nullopt;
  return PlaceLocation(s, best);
}

namespace {

// True when every word of `text` after a leading "the" opens with a capital letter: a body's
// proper name ("the Supreme Court", "Interior Ministry"), not a common noun ("the government").
static bool CapitalisedName(std::string_view text) {
  if (text.rfind("the ", 0) == 0 || text.rfind("The ", 0) == 0) text.remove_prefix(4);
  if (text.empty()) return false;
  bool start = true;
  for (char ch : text) {
    if (start && !(ch >= 'A' && ch <= 'Z')) return false;
    start = ch == ' ';
  }
  return true;
}

}  // namespace

ActorRef SentenceCoder::Actor(const SentenceView& s, int mention, const std::string& sector_override,
                              const std::string& loc_country, std::vector<std::string>* entries,
                              std::string* note, const std::vector<int>& other_side,
                              const std::vector<int>& not_antecedent) const {
  const actors::ActorMention& am = s.mentions[mention];
  ActorRef a = am.actor;
  for (const auto& e : am.entries) entries->push_back(e);
  // "Kofi Annan, UN secretary-general,": a post in apposition after a person's name (a mention
  // ending in a lower-case title) is the capacity in which the person acts.
  if (am.kind == actors::ActorMention::Kind::kPerson) {
    int e = s.mention_range[mention].end;
    int k = e + 1 < s.size() && s.lower[e] == "," ? s.mention_at[e + 1] : -1;
    if (k >= 0 && k != mention && s.mention_range[k].first == e + 1) {
      const auto& post = s.mentions[k];
      int last = s.mention_range[k].end - 1;
      bool title = !(s.flags[last] & Token::kCapitalized) && s.lower[last] != "and";
      if (title && !post.actor.code.empty() && post.actor.code != a.code &&
          (post.kind == actors::ActorMention::Kind::kPerson || post.kind == actors::ActorMention::Kind::kOrganisation ||
           (post.kind == actors::ActorMention::Kind::kState && !post.actor.sector.empty()))) {
        a.code = post.actor.code;
        a.country = post.actor.country;
        a.sector = post.actor.sector;
        if (!note->empty()) *note += "; ";
        *note += "post of '" + a.text + "' from the apposition '" + post.actor.text + "'";
      }
    }
  }
  if (!sector_override.empty() && am.kind == actors::ActorMention::Kind::kState) {
    a.sector = sector_override;
    a.code = a.country + sector_override;
  }
  if (a.country.empty() && am.kind == actors::ActorMention::Kind::kAgent) {
    // A generic agent: the country of the place the sentence names, else the dateline's, else
    // the document's dominant state.
    std::string c, from = "phrase";
    // "Coalition military forces", "coalition aircraft": a multinational coalition's group
    // has no one state; places and other states of the sentence are no clue to it.
    const int gf = s.mention_range[mention].first;
    if (gf >= 1 && s.mention_at[gf - 1] < 0 && s.lower[gf - 1] == "coalition") return a;
    // "The Taliban warned ... after Trump called off talks with the militant group", "M23 rebels
    // seized Goma. The rebels marched ...": a definite armed group (REB/INS) of no state is the
    // armed group last named with its state, earlier in the sentence, else in the document
    // (its whole code: AFGREBTAL). A state named right after it ("the rebels in Mali") decides
    // below instead.
    const int ge = s.mention_range[mention].end;
    const bool definite = s.lower[gf] == "the" || (gf > 0 && s.lower[gf - 1] == "the");
    const bool state_after = ge + 1 < s.size() && In(s.lower[ge], {"in", "of", "from"}) && s.mention_at[ge + 1] >= 0;
    if (definite && !state_after && ArmedGroupSector(a.sector)) {
      std::optional<ActorRef> ante;
      std::vector<std::string> ante_entries;
      for (int k = mention - 1; k >= 0 && !ante; --k)
        if (ArmedGroupSector(s.mentions[k].actor.sector) && !s.mentions[k].actor.country.empty())
          ante = s.mentions[k].actor, ante_entries = s.mentions[k].entries;
      if (!ante && ds_.last_armed_group) ante = ds_.last_armed_group, ante_entries = ds_.last_armed_group_entries;
      if (ante) {
        const std::string text = a.text;
        const Span span = a.span;
        a = *ante;
        a.text = text;
        a.span = span;
        for (const auto& e : ante_entries) entries->push_back(e);
        if (!note->empty()) *note += "; ";
        *note += "'" + text + "' is the armed group named before (" + ante->text + ")";
        return a;
      }
    }
    // "opposition parties in Nepal", "students throughout Indonesia": the state right after;
    // after "at", only a metonym of its government ("officials at the Pentagon", "aides at the
    // White House").
    int e = s.mention_range[mention].end;
    const bool at = e + 1 < s.size() && s.lower[e] == "at";
    if (e + 1 < s.size() && (s.lower[e] == "in" || s.lower[e] == "of" || s.lower[e] == "from" ||
                             s.lower[e] == "throughout" || s.lower[e] == "across" || at)) {
      int j = e + 1;
      if (s.lower[j] == "the") ++j;
      // "rebels in northern Iraq"; not "the South" named as a state ("from the South": KOR).
      if (j < s.size() && IsDirectionWord(s.lower[j]) && s.mention_at[j] < 0) ++j;
      int k = j < s.size() ? s.mention_at[j] : -1;
      if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty() &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kCapital) &&
          (!at || (s.mentions[k].kind == actors::ActorMention::Kind::kState && !s.mentions[k].actor.sector.empty())))
        c = s.mentions[k].actor.country, from = "state named after it";
      // "the government of (Prime Minister) Nawaz Sharif": a government of a person is that
      // person's state's (the person's country as the index resolves it on the article's date).
      if (c.empty() && k >= 0 && s.mention_range[k].first == j && s.lower[e] == "of" &&
          SectorBase(a.sector) == "GOV" && s.mentions[k].kind == actors::ActorMention::Kind::kPerson &&
          s.mentions[k].actor.country.size() == 3)
        c = s.mentions[k].actor.country, from = "person whose government it is";
      // "Kurdish rebels in northern Iraq attacked a Turkish army outpost": rebels of a people
      // spread over several states, placed in one state, fighting another state's forces in the
      // sentence, are that other state's insurgents (the PKK: TURREB), wherever they are based.
      // The peoples: data/coder/peoples.txt.
      if (!c.empty() && gf >= 1 && s.mention_at[gf - 1] < 0 &&
          ArmedGroupSector(a.sector) && k_.lexicon.spread_peoples.count(s.lower[gf - 1]) > 0) {
        for (int o = 0; o < static_cast<int>(s.mentions.size()); ++o) {
          const auto& om = s.mentions[o].actor;
          if (o == mention || om.country.size() != 3 || om.country == c) continue;
          if (SectorBase(om.sector) == "MIL" || SectorBase(om.sector) == "COP") {
            c = om.country, from = "state whose forces the people's rebels fight";
            break;
          }
        }
      }
    }
    // "Israel said its jets struck Hezbollah targets in Lebanon": a group after "its"/"their"
    // belongs to the nearest actor with a country named before it in the clause (the
    // possessive's antecedent), not to the place of the act. A state named as where something
    // went or happened ("fired rockets into northern Israel a day after its fighters ...") is
    // no antecedent: the scan passes over it to the actor before.
    if (c.empty() && gf >= 2 && In(s.lower[gf - 1], {"its", "their"})) {
      for (int q = gf - 2; q >= 0; --q) {
        if (s.IsBoundary(q) || s.lower[q] == ";") break;
        int k = s.mention_at[q];
        if (k < 0) continue;
        // "Turkey said Syria had shot down one of its warplanes": the doer of a violent act is
        // not what "its" refers to in the act's victim (that would be "its own").
        if (std::find(not_antecedent.begin(), not_antecedent.end(), k) != not_antecedent.end() &&
            !(s.mention_range[mention].first >= 1 && s.lower[s.mention_range[mention].first - 1] == "own")) {
          q = s.mention_range[k].first;
          continue;
        }
        if (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
            s.mentions[k].kind == actors::ActorMention::Kind::kCapital) {
          const int p = WordBeforePlaceName(s, k);
          if (p >= 0 && In(s.lower[p], {"into", "in", "inside", "across", "toward", "towards", "near"})) {
            q = p + 1;  // the loop's step goes on from the preposition
            continue;
          }
        }
        if (!s.mentions[k].actor.country.empty() && s.mentions[k].kind != actors::ActorMention::Kind::kRegion)
          c = s.mentions[k].actor.country, from = "actor its possessive refers to";
        if (!s.mentions[k].actor.country.empty() || s.mentions[k].kind != actors::ActorMention::Kind::kAgent) break;
        q = s.mention_range[k].first;
      }
    }
    // "Troops loyal to Maduro", "forces loyal to the government in Tripoli": the side they are
    // loyal to, a state, its capital or a person with a country.
    if (c.empty() && e + 2 < s.size() && s.lower[e] == "loyal" && s.lower[e + 1] == "to") {
      int j = e + 2;
      if (s.lower[j] == "the" && j + 1 < s.size()) ++j;
      int k = s.mention_at[j];
      if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty() &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kCapital ||
           s.mentions[k].kind == actors::ActorMention::Kind::kPerson))
        c = s.mentions[k].actor.country, from = "side it is loyal to";
    }
    // "Peacekeepers sent by the African Union", "troops dispatched by Saudi Arabia": forces of no
    // country sent by a state, its capital or an organisation are the sender's.
    if (c.empty() && e + 2 < s.size() && s.lower[e + 1] == "by" &&
        In(s.lower[e], {"sent", "dispatched", "deployed"}) &&
        (SectorBase(a.sector) == "MIL" || a.text.find("eacekeep") != std::string::npos)) {
      int j = e + 2;
      if (s.lower[j] == "the" && j + 1 < s.size()) ++j;
      int k = s.mention_at[j];
      if (k >= 0 && k != mention && s.mention_range[k].first == j) {
        const auto& sender = s.mentions[k];
        if (!sender.actor.country.empty() && (sender.kind == actors::ActorMention::Kind::kState ||
                                              sender.kind == actors::ActorMention::Kind::kCapital)) {
          c = sender.actor.country, from = "state that sent it";
        } else if (sender.kind == actors::ActorMention::Kind::kOrganisation && !sender.actor.code.empty()) {
          // (An organisation of no one state, "the African Union": its forces are the body.)
          const std::string text = a.text;
          const Span span = a.span;
          a = sender.actor;
          a.text = text;
          a.span = span;
          for (const auto& en : sender.entries) entries->push_back(en);
          if (!note->empty()) *note += "; ";
          *note += "'" + text + "' sent by " + sender.actor.text;
          return a;
        }
      }
    }
    // "Israeli helicopters and tanks": a state's adjective before the first of two coordinated
    // groups of the same kind qualifies both.
    if (c.empty()) {
      int f = s.mention_range[mention].first;
      if (f >= 2 && s.lower[f - 1] == "and" && s.mention_at[f - 2] >= 0) {
        int k = s.mention_at[f - 2];
        const auto& o = s.mentions[k];
        if (s.mention_range[k].end == f - 1 && s.mention_range[k].end - s.mention_range[k].first >= 2 &&
            !o.actor.country.empty() && !a.sector.empty() && o.actor.sector == a.sector &&
            (o.kind == actors::ActorMention::Kind::kState || o.kind == actors::ActorMention::Kind::kAgent))
          c = o.actor.country, from = "adjective of the group coordinated before it";
      }
    }
    // "Montenegro Municipality Association (AKK) officials": a state's name right before a body's
    // capitalised name the index does not know (with "of", and its acronym in parentheses)
    // right before the group is the group's state.
    if (c.empty()) {
      int t = s.mention_range[mention].first - 1;
      if (t >= 3 && s.lower[t] == ")" && s.lower[t - 2] == "(" && (s.flags[t - 1] & Token::kCapitalized)) t -= 3;
      int n = 0;
      while (t >= 0 && n < 5 && s.mention_at[t] < 0 && !s.IsBoundary(t) &&
             ((s.flags[t] & Token::kCapitalized) || (n > 0 && s.lower[t] == "of")))
        --t, ++n;
      const int k = t >= 0 && n > 0 && s.lower[t + 1] != "of" ? s.mention_at[t] : -1;
      if (k >= 0 && k != mention && s.mention_range[k].end == t + 1 &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kAgent) &&
          !s.mentions[k].actor.country.empty()) {
        c = s.mentions[k].actor.country, from = "state named before the body's name";
      } else if (n >= 2 && k_.actors && s.lower[t + 1] != "of") {
        // (The index reads the state's name and the capitalised words after it as one unknown
        // name: the first word alone names the state.)
        const auto r = k_.actors->Resolve(doc_.Text(s.TokenSpan(t + 1, t + 2)), doc_.date);
        if (r.found && r.actor.country.size() == 3 && r.actor.code == r.actor.country)
          c = r.actor.country, from = "state named before the body's name";
      }
    }
    // "The Foreign Secretary met the Iraqi Foreign Minister" in a release of the British
    // government: an office of government named by its title alone ("the Prime Minister", "the
    // Government") is the document speaker's own.
    if (c.empty() && !doc_.speaker.empty() && a.sector.compare(0, 3, "GOV") == 0) {
      const int f = s.mention_range[mention].first, e = s.mention_range[mention].end;
      const bool the = s.lower[f] == "the" || (f > 0 && s.lower[f - 1] == "the");
      // (Not "the regime" or "the junta": words for someone else's government. Not a title a
      // name follows in apposition: "the Prime Minister-designate, Haider al-Abadi,".)
      const std::string& head = s.lower[e - 1];
      const bool apposition = e + 1 < s.size() && s.lower[e] == "," && s.mention_at[e + 1] >= 0;
      if (the && !head.empty() && head.back() != 's' && head != "regime" && head != "junta" && !apposition) {
        ActorRef sp = SpeakerActor(k_, doc_.speaker);
        if (!sp.country.empty()) c = sp.country, from = "document's speaker";
      }
    }
    // "A Turkish army spokesman said troops had killed 50 rebels in northern Iraq": forces or
    // police of no country in what a state's institution reports (its mention right before the
    // speech cue) are that state's own, wherever the act happens.
    if (c.empty() && (SectorBase(a.sector) == "MIL" || SectorBase(a.sector) == "COP")) {
      const int f = s.mention_range[mention].first;
      for (int t = f - 1; t > 0; --t) {
        if (s.IsBoundary(t)) break;
        if (s.speech_end[t] < 0) continue;
        int p = t - 1;
        const int k = s.mention_at[p];
        if (k >= 0 && k != mention && s.mention_range[k].end == t && !s.mentions[k].actor.country.empty() &&
            IsInstitution(s.mentions[k].actor.sector))
          c = s.mentions[k].actor.country, from = "state institution reporting it";
        break;
      }
    }
    if (c.empty()) c = loc_country, from = "event location";
    if (c.empty()) {
      // "Egyptian police opened fire on fundamentalist demonstrators": a group the sentence
      // gives no country belongs to the one state all the sentence's other actors and places
      // belong to (none when they name two states, or none).
      std::string only;
      bool several = false;
      auto consider = [&](const std::string& country) {
        if (country.size() != 3 || several) return;
        if (only.empty()) only = country;
        else if (only != country) several = true;
      };
      for (int k = 0; k < static_cast<int>(s.mentions.size()); ++k) {
        if (k == mention) continue;
        // "President Pierre Buyoya accused Rwanda": a state institution acting on a state or
        // another state's institution is abroad; that other side is no clue to its own state.
        // (A group outside the institutions, "fundamentalists ... demand the resignation of
        // Algerian President ...", mostly acts at home: there the other side is a clue.)
        // (Lawmakers or the opposition acting on a government, "Conservative lawmakers accused
        // Prime Minister Tony Blair's government", are mostly that state's own: there the
        // government is a clue.)
        const bool own_government = (SectorBase(a.sector) == "LEG" || SectorBase(a.sector) == "OPP") &&
                                    SectorBase(s.mentions[k].actor.sector) == "GOV";
        if (IsInstitution(a.sector) && !own_government &&
            (s.mentions[k].actor.sector.empty() || IsInstitution(s.mentions[k].actor.sector)) &&
            std::find(other_side.begin(), other_side.end(), k) != other_side.end())
          continue;
        // "The government will impose sanctions on Iran": a state named after the group as the
        // object of a preposition is the other side, no clue to the group's own state; so is
        // one after "from" for a state institution or the opposition ("accused the government of
        // exaggerating the threat from Iraq"; not "aid agencies ... drew criticism from Britain").
        // (Not the reporting source after "according to": "according to a statement from
        // Myanmar's information ministry" names the speaker, a clue.)
        int of = s.mention_range[k].first;
        bool according = false;
        for (int t = of - 1; t >= 0 && t >= of - 5 && !according; --t)
          according = s.lower[t] == "according" && t + 1 < s.size() && s.lower[t + 1] == "to";
        if (of > s.mention_range[mention].first && of > 0 && !according &&
            (s.lower[of - 1] == "on" || s.lower[of - 1] == "against" || s.lower[of - 1] == "to" ||
             s.lower[of - 1] == "with" || (s.lower[of - 1] == "from" && (IsInstitution(a.sector) || SectorBase(a.sector) == "OPP"))))
          continue;
        // "The minister who met the Chinese delegation criticized Japan": a state named in a
        // relative clause on a state institution, other than as a place ("officials who gathered
        // in Tehran"), is its counterpart in that clause's act, no clue to its own state (as
        // the other side above).
        if (IsInstitution(a.sector)) {
          const int me = s.mention_range[mention].end;
          const int rp = me + 1 < s.size() && s.lower[me] == "," ? me + 1 : me;
          if (of > rp + 1 && rp < s.size() && In(s.lower[rp], {"who", "whom", "that", "which"})) {
            bool inside = true;
            for (int t = rp + 1; t < of && inside; ++t)
              inside = !s.IsBoundary(t) && s.lower[t] != "," && s.speech_end[t] < 0;
            int pp = of - 1;
            if (pp > rp && In(s.lower[pp], {"the", "a", "an"})) --pp;
            if (inside && !s.IsLocativePreposition(pp)) continue;
          }
        }
        const auto& o = s.mentions[k];
        if (o.kind == actors::ActorMention::Kind::kOrganisation || o.kind == actors::ActorMention::Kind::kRegion)
          continue;
        consider(o.actor.country);
      }
      for (const auto& p : s.places)
        if (p.place >= 0) consider(k_.lexicon.place_list[p.place].country);
      if (!several && !only.empty()) c = only, from = "only state the sentence names";
    }
    if (c.empty()) c = ds_.dateline_country, from = "dateline";
    // "Indian Prime Minister Narendra Modi ... The Supreme Court criticised ...": a government,
    // legislature or court under a capitalised name ("the National Assembly", "the Interior
    // Ministry", "Parliament"; no person) in a sentence that names no state or place, in a
    // document that names one state only, is that state's body.
    if (c.empty() && !ds_.sole_country.empty() && In(SectorBase(a.sector), {"GOV", "LEG", "JUD"}) &&
        s.mentions[mention].kind == actors::ActorMention::Kind::kAgent && CapitalisedName(a.text)) {
      bool named = false;
      for (int k = 0; k < static_cast<int>(s.mentions.size()) && !named; ++k)
        named = k != mention && !s.mentions[k].actor.country.empty();
      for (const auto& p : s.places) named = named || p.place >= 0;
      if (!named) c = ds_.sole_country, from = "only state the document names";
    }
    // "Russia reacted angrily, and the defence ministry cut military contacts with Turkey", "...
    // Britain expelled 23 diplomats. In Moscow, the foreign ministry vowed ...": a definite state
    // institution of no state ("the army", "the interior ministry") is the state named nearest
    // before it in its sentence (a state, its capital or people, a person or a group of a state),
    // unless that mention stands coordinated with another state's ("Indian and Pakistani
    // troops"), else the one state the previous sentence names (none when it names several).
    if (c.empty() && IsInstitution(a.sector) && s.mentions[mention].kind == actors::ActorMention::Kind::kAgent) {
      const int f = s.mention_range[mention].first;
      const bool definite = s.lower[f] == "the" || (f > 0 && s.lower[f - 1] == "the");
      auto names_state = [&](actors::ActorMention::Kind kind, const ActorRef& r) {
        return r.country.size() == 3 && k_.lexicon.countries.count(r.country) > 0 &&
               (kind == actors::ActorMention::Kind::kState || kind == actors::ActorMention::Kind::kCapital ||
                kind == actors::ActorMention::Kind::kAgent || kind == actors::ActorMention::Kind::kPerson ||
                kind == actors::ActorMention::Kind::kOrganisation);
      };
      std::string near;
      bool ambiguous = false, found = false;
      for (int k = mention - 1; definite && k >= 0 && !found; --k) {
        if (s.mention_range[k].end > f || !names_state(s.mentions[k].kind, s.mentions[k].actor)) continue;
        found = true;
        near = s.mentions[k].actor.country;
        // (A mention coordinated with it, before or after: "Indian and Pakistani troops".)
        for (int o : {k - 1, k + 1}) {
          if (o < 0 || o >= static_cast<int>(s.mentions.size()) || o == mention) continue;
          const int gap_from = o < k ? s.mention_range[o].end : s.mention_range[k].end;
          const int gap_to = o < k ? s.mention_range[k].first : s.mention_range[o].first;
          if (gap_to - gap_from == 1 && In(s.lower[gap_from], {"and", ","}) &&
              names_state(s.mentions[o].kind, s.mentions[o].actor) && s.mentions[o].actor.country != near)
            ambiguous = true;
        }
      }
      // (In the previous sentence, only when all it names, actors and places, is one state.)
      if (definite && !found) {
        for (const auto& [kind, r] : ds_.prev_mentions) {
          if (!names_state(kind, r)) continue;
          if (found && r.country != near) ambiguous = true;
          found = true;
          near = r.country;
        }
        for (const auto& pc : ds_.prev_place_countries) {
          if (found && pc != near) ambiguous = true;
          found = true;
          near = pc;
        }
      }
      if (found && !ambiguous) c = near, from = "state named nearest before it";
    }
    if (c.empty()) c = ds_.dominant_country, from = "document's dominant state";
    // "Saudi Arabia cut ties with Iran ... The foreign minister gave Iranian diplomats 48 hours",
    // "... marched through Kampala. Riot police fired tear gas": an office of state or a state
    // force with no country (GOV, COP, MIL; "the prime minister", "riot police") in a sentence
    // that names no state or place is that of the previous sentence's first state or capital
    // (when no other actor with a country comes before it), else of the document's latest place.
    if (c.empty() && !a.sector.empty() &&
        s.mentions[mention].kind == actors::ActorMention::Kind::kAgent && s.index > 0) {
      bool named = false;
      for (int k = 0; k < static_cast<int>(s.mentions.size()) && !named; ++k)
        named = k != mention && !s.mentions[k].actor.country.empty();
      for (const auto& p : s.places) named = named || p.place >= 0;
      if (!named) {
        for (const auto& [kind, prev] : ds_.prev_mentions) {
          if (prev.country.empty()) continue;
          if (kind == actors::ActorMention::Kind::kState || kind == actors::ActorMention::Kind::kCapital)
            c = prev.country, from = "first state or capital of the previous sentence";
          break;
        }
        if (c.empty() && ds_.last_location && !ds_.last_location->country.empty())
          c = ds_.last_location->country, from = "document's latest place";
      }
    }
    if (!c.empty()) {
      a.country = c;
      a.code = c + a.sector;
      if (!note->empty()) *note += "; ";
      *note += "country of '" + a.text + "' from the " + from;
    }
  }
  return a;
}

namespace {

// The speaker of a quote that opens the sentence and holds token `at`: '"We arrested them," the
// police chief said' or '..., said the police chief': the actor mention right after the closing
// quote (a determiner may precede it) with a saying verb after it, or after a saying verb right
// after the quote. -1 when the sentence opens with no quote holding `at`, or names no speaker.
int QuoteSpeaker(const SentenceView& s, int at) {
  auto quote = [&](int i) { return In(s.lower[i], {"\"", "\u201c", "\u201d", "``", "''"}); };
  if (s.size() < 4 || !quote(0) || at <= 0) return -1;
  int q = at + 1;
  while (q < s.size() && !quote(q)) ++q;
  if (q + 1 >= s.size()) return -1;
  auto mention_from = [&](int j) {
    if (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
    return j < s.size() ? s.mention_at[j] : -1;
  };
  int k = mention_from(q + 1);
  if (k >= 0 && s.mention_range[k].end < s.size() && s.speech_end[s.mention_range[k].end] >= 0) return k;
  if (s.speech_end[q + 1] >= 0 && (k = mention_from(s.speech_end[q + 1])) >= 0) return k;
  return -1;
}

// The speaker (a mention with a country) of a quote opening the sentence whose verb at `verb`
// has "we" or "I" as its subject: the pronoun right before the verb, only auxiliaries, negation
// and adverbs between ("We will not negotiate", "I have met"); else -1 (QuoteSpeaker).
int FirstPersonQuoteSpeaker(const SentenceView& s, int verb) {
  for (int j = verb - 1; j >= 1 && j >= verb - 5; --j) {
    const std::string& w = s.lower[j];
    if (w == "we" || w == "i") {
      int k = QuoteSpeaker(s, j);
      return k >= 0 && !s.mentions[k].actor.country.empty() ? k : -1;
    }
    if (s.mention_at[j] >= 0 || s.IsBoundary(j) ||
        !(EndsWith(w, "ly") || In(w, {"will", "would", "have", "has", "had", "'ve", "'ll", "'d", "not", "n't", "also",
                                      "never", "do", "did", "can", "could", "must", "should", "shall", "may", "might",
                                      "are", "were", "'re", "am", "'m", "already", "still", "again", "today"})))
      return -1;
  }
  return -1;
}

// The country of a state named bare (no sector) starting at word q, after an optional "the";
// "" when none starts there.
std::string BareStateAt(const SentenceView& s, int q) {
  if (q < s.size() && s.lower[q] == "the") ++q;
  int k = q < s.size() ? s.mention_at[q] : -1;
  if (k >= 0 && s.mention_range[k].first == q && s.mentions[k].kind == actors::ActorMention::Kind::kState &&
      s.mentions[k].actor.sector.empty())
    return s.mentions[k].actor.country;
  return "";
}

// The state people are sent out of: the state right after "from" following the act, in its
// clause ("were deported from Kuwait"), or "".
std::string FromState(const SentenceView& s, int from) {
  for (int j = from; j + 1 < s.size() && j <= from + 8; ++j) {
    if (s.IsBoundary(j) || s.lower[j] == ",") break;
    if (s.lower[j] == "from") return BareStateAt(s, j + 1);
  }
  return "";
}

// The state one is let into or kept out of: the state right after "enter" or "into" in the
// sentence ("denied visas to enter the United States"), else "".
std::string EntryState(const SentenceView& s, int from) {
  for (int j = from; j + 1 < s.size(); ++j) {
    if (s.IsBoundary(j)) break;
    if (s.lower[j] != "enter" && s.lower[j] != "into") continue;
    std::string state = BareStateAt(s, j + 1);
    if (!state.empty()) return state;
  }
  return "";
}

// "hosted the foreign ministers of Sudan and Chad", "attended by the presidents of Cuba and
// Zimbabwe": a list of two or more mentions whose first follows "<leader noun> of" (or holds it:
// "the foreign ministers of Sudan" resolved as one mention) names the members' governments, as
// "leaders of Iran, Cuba and Serbia" does for a subject (ArgumentFinder's sector_override).
// A single mention after "<leader noun> of" ("by the leaders of Jordan") too. Not "from"
// ("foreign ministers from Egypt, Jordan and ..." stay the states, nom23). Returns "GOV" for
// such a list, else "".
std::string LeadersOfList(const SentenceView& s, const std::vector<int>& list) {
  if (list.empty()) return "";
  auto leader = [&](int t) {
    return t >= 0 && In(s.lower[t], {"leaders", "presidents", "premiers", "ministers", "heads", "delegations",
                                     "governments", "officials", "representatives", "envoys", "secretaries"});
  };
  const auto& r = s.mention_range[list.front()];
  for (int t = r.first + 1; t + 1 < r.end && list.size() >= 2; ++t)
    if (s.lower[t] == "of" && leader(t - 1)) return "GOV";
  int of = r.first - 1;
  if (of >= 0 && In(s.lower[of], {"the", "a", "an"})) --of;
  if (of >= 1 && s.lower[of] == "of" && leader(of - 1)) return "GOV";
  return "";
}

}  // namespace

// Step of CodeMatch after its roles: the act's place (FindLocation, a state named alone near it)
// and the actors of its source and target mentions (Actor: sectors, countries from context, the
// knowledge entries and notes for provenance), an implied source or target (a pronoun, the
// speaker, the police a passive implies, the document's latest source, a group named earlier).
// Returns false when the match is dropped: no source found, an act of violence by a named
// unknown doer, ... (each `return false`).
bool SentenceCoder::ResolveActors(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                  SentenceCoding* st, EventDraft* d) {
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& sf = d->sf;
  auto& doc_speaker_source = d->doc_speaker_source;
  auto& group_target = d->group_target;
  auto& pronoun_actor = d->pronoun_actor;
  auto& pronoun_entries = d->pronoun_entries;
  auto& rejected_object = d->rejected_object;
  auto& src_sector = d->src_sector;
  auto& tgt_sector = d->tgt_sector;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& entries = d->entries;
  auto& note = d->note;
  auto& implied_sector = d->implied_sector;
  auto& group_source = d->group_source;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  std::vector<PatternMatch>& matches = st->matches;
  // an announced act coded as its intent (Provenance)
  loc = FindLocation(s, m);
  // A state named alone near the act ("talks in Malta"): its location when nothing more precise
  // is named (set on the event only; see FindLocation).
  // Not for what is said, asked, offered or refused (01-03, 05, 10-13: "expressed support for
  // Russia's war in Ukraine", "criticized Israel's role in Lebanon"): "in" + a state there
  // names the topic more often than the place.
  {
    const std::string r = act.code.substr(0, 2);
    // (So for a place shared by several states, "Kashmir": as broad as a state, and mostly the
    // topic there, "blamed Islamabad for the attack in Kashmir", as for a reduction of
    // relations decided in a capital, "... and recalled its envoy" (16).)
    bool shared_topic = false;
    if (loc && In(r, {"01", "02", "03", "05", "10", "11", "12", "13", "16"}))
      for (const auto& h : s.places)
        if (h.place >= 0 && !k_.lexicon.place_list[h.place].shared.empty() &&
            k_.lexicon.place_list[h.place].name == loc->name) {
          loc.reset();
          shared_topic = true;
          break;
        }
    if (!loc && !shared_topic && !In(r, {"01", "02", "03", "05", "10", "11", "12", "13"})) {
      country_loc = FindLocation(s, m, true);
      // "Guerrillas in Colombia kidnapped ...", "French troops fought rebels in Chad": the
      // place the source's, else the target's, mention names.
      for (const auto* side : {&src_m, &tgt_m})
        for (int k : *side)
          if (!country_loc) country_loc = AgentPlaceLocation(s, k);
    }
  }
  std::string lc = loc ? loc->country : "";
  // "Gunmen killed a French aid worker in Somalia": a state named after "in" following the
  // act, in its clause (not a source or target), is where it happens, or "": the country of a
  // source group that names none, and of the authority a passive implies ("Two Canadians were
  // detained in China": China's police). (Not the event's location: a place of the gazetteer.)
  std::string in_state;
  {
    int me = std::max(m.end, m.folded_end);
    for (int j = me; j < s.size() && j <= me + kMaxPlaceDistance && in_state.empty(); ++j) {
      if (s.IsBoundary(j) || s.speech_end[j] >= 0 || s.lower[j] == ";" ||
          (s.lower[j] == "," && j + 1 < s.size() && s.lower[j + 1] != "in"))
        break;
      int k = s.mention_at[j];
      // ("declared across Egypt", "throughout the country": where a government's measure holds.)
      if (k < 0 || s.mention_range[k].first != j || j == 0 ||
          !(s.lower[j - 1] == "in" || (m.agentless_object && In(s.lower[j - 1], {"across", "throughout"}))))
        continue;
      const auto& o = s.mentions[k];
      if (o.kind == actors::ActorMention::Kind::kState && o.actor.sector.empty() && o.actor.country.size() == 3 &&
          std::find(tgt_m.begin(), tgt_m.end(), k) == tgt_m.end() &&
          std::find(src_m.begin(), src_m.end(), k) == src_m.end())
        in_state = o.actor.country;
    }
  }
  // The people of a place (`source = people`) protest only where the sentence or the dateline
  // puts them.
  if (implied_sector == "people") {
    std::string c = !lc.empty() ? lc : !in_state.empty() ? in_state : ds_.dateline_country;
    // (Else the one gazetteer place the sentence names: "Nablus was shut down in a general
    // strike".)
    if (c.empty() && s.places.size() == 1 && s.places[0].place >= 0) {
      loc = PlaceLocation(s, 0);
      c = loc->country;
    }
    if (c.empty()) return false;
    srcs.push_back(UnnamedActor(c, "", "(the people of the place, not named)"));
    note = "source not named: the people of " + c;
    implied_sector.clear();
  }
  if (!implied_sector.empty()) {
    // The authority is that of where it happens: the place of the act, else a state after "in"
    // (above), else the dateline's state, else the document's dominant state; none known, no event.
    // (A visa or entry is refused by the state one would enter.)
    const std::string& lemma = s.lemma[m.anchor];
    bool sent_out = lemma == "deport" || lemma == "expel";
    std::string c = sent_out ? FromState(s, m.anchor) : implied_sector == "GOV" ? EntryState(s, m.anchor) : "";
    // (Martial law or a state of emergency with no agent: only where the sentence names it.)
    if (m.agentless_object) {
      c = !lc.empty() ? lc : in_state;
      if (c.empty()) return false;
    }
    // (One sent out of no state named is sent out by no known authority: "expelled from the
    // party".)
    if (sent_out && c.empty()) return false;
    // (Then the one state the document names: "The Russian activist was charged with treason",
    // alone, is charged by Russia's courts.)
    if (c.empty()) c = !lc.empty()         ? lc
                       : !in_state.empty() ? in_state
                       : !ds_.dateline_country.empty() ? ds_.dateline_country
                       : !ds_.dominant_country.empty() ? ds_.dominant_country
                                                        : ds_.sole_country;
    if (c.empty()) return false;
    const std::string who = implied_sector == "COP" ? "police" : implied_sector == "JUD" ? "courts" : "government";
    srcs.push_back(UnnamedActor(c, implied_sector, "(the " + who + ", not named)"));
    note = "source not named: the " + who + " of " + c;
  }
  // "Gunmen killed a French aid worker in Somalia": a state named after "in" following the
  // act, in its clause, is where it happens: the country of a source group that names none
  // (not the event's location, which is a place of the gazetteer).
  std::string src_lc = lc.empty() ? in_state : lc;
  if (src_sector.empty()) src_sector = LeadersOfList(s, src_m);
  if (tgt_sector.empty()) tgt_sector = LeadersOfList(s, tgt_m);
  for (int k : src_m) srcs.push_back(Actor(s, k, src_sector, src_lc, &entries, &note, tgt_m));
  for (int k : m.also) srcs.push_back(Actor(s, k, p.sector, src_lc, &entries, &note));
  if (doc_speaker_source && srcs.empty()) {
    srcs.push_back(SpeakerActor(k_, doc_.speaker));
    srcs.back().text = "(the speaker)";
    entries.push_back("speaker " + doc_.speaker + " (the document's speaker says it)");
  }
  // "HARARE - The United States called on the government to release ...": in a story with a
  // dateline, a state named alone as the source is the other side of a state institution it
  // acts on, no clue to that institution's state (the dateline's decides).
  std::vector<int> bare_state_srcs;
  for (int k : src_m)
    if (!ds_.dateline_country.empty() && s.mentions[k].kind == actors::ActorMention::Kind::kState && s.mentions[k].actor.sector.empty() &&
        !s.mentions[k].actor.country.empty())
      bare_state_srcs.push_back(k);
  for (int k : tgt_m) {
    tgts.push_back(Actor(s, k, tgt_sector, lc, &entries, &note, bare_state_srcs,
                         Violent(act) && !p.nominal ? src_m : std::vector<int>{}));
    // "deported 11 Uighurs to China", "repatriated 300 refugees to Myanmar": people of no stated
    // country sent away (174) to a state named right after them ("to" and the state's name)
    // are sent home, people of that state (a state of their own in the sentence, "Cambodian
    // workers", wins).
    if (act.code.compare(0, 3, "174") == 0 && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
        s.mentions[k].actor.country.empty()) {
      const int e = s.mention_range[k].end;
      const int q = e + 1 < s.size() && s.lower[e] == "to" ? s.mention_at[e + 1] : -1;
      if (q >= 0 && s.mention_range[q].first == e + 1 && s.mentions[q].kind == actors::ActorMention::Kind::kState &&
          s.mentions[q].actor.code == s.mentions[q].actor.country && k_.state_codes.count(s.mentions[q].actor.country)) {
        ActorRef& tb = tgts.back();
        tb.country = s.mentions[q].actor.country;
        tb.code = tb.country + tb.sector;
        if (!note.empty()) note += "; ";
        note += "country of '" + tb.text + "' from the state they were sent to";
      }
    }
    if (m.goods_target && !tgts.back().country.empty() && s.mentions[k].kind == actors::ActorMention::Kind::kAgent) {
      tgts.back().code = tgts.back().country;  // "bought Russian tanks": Russia, not its forces
      tgts.back().sector.clear();
    }
    // "The Bosnian Serb army shelled Sarajevo": a capital that violence is done to is the city,
    // a place of its state, not its government (the metonymy of "Washington said").
    // (Not when every source is of that state: a group fighting at home acts on its government.)
    bool home = !src_m.empty();
    for (int q : src_m) home = home && s.mentions[q].actor.country == tgts.back().country;
    if (Violent(act) && s.mentions[k].kind == actors::ActorMention::Kind::kCapital && tgt_sector.empty() &&
        tgts.back().country.size() == 3 && !home) {
      tgts.back().code = tgts.back().country;
      tgts.back().sector.clear();
    }
    // "signed a truce with separatists in Minsk", "a peace deal with rebels in Nairobi": armed
    // non-state groups (REB, INS, SEP) that a state's cooperation (roots 03-08) reaches "in" the
    // capital of another state meet it there: the capital is the place, not their home, and
    // they are the source state's own (lex25-019-A). Only when every source is of that one
    // state; "separatists in Donetsk" (no capital) keep the place's state.
    if (const std::string r = act.code.substr(0, 2);
        In(r, {"03", "04", "05", "06", "07", "08"}) && !src_m.empty() && tgt_sector.empty()) {
      const auto& am = s.mentions[k];
      std::string home_state = s.mentions[src_m[0]].actor.country;
      for (int q : src_m)
        if (s.mentions[q].actor.country != home_state) home_state.clear();
      ActorRef& t = tgts.back();
      if (am.kind == actors::ActorMention::Kind::kAgent && In(t.sector, {"REB", "INS", "SEP"}) &&
          home_state.size() == 3 && home_state != t.country &&
          CapitalAfterIn(s, k, k_.lexicon.place_list) == t.country) {
        t.country = home_state;
        t.code = home_state + t.sector;
        if (!note.empty()) note += "; ";
        note += "target met in another state's capital: the source state's own " + t.sector;
      }
    }
  }
  // "Anti-American protesters burned flags", "anti-government demonstrators marched through
  // Nairobi": a protest (root 14) by a group named "anti-X" is aimed at X (a state's adjective
  // or name), "anti-government" / "anti-regime" at the protesters' own government, when the
  // sentence names no other target (none, or only a bare state that is the source's own, as
  // the place marched through). One source only (of a known state for "anti-government").
  if (act.code.compare(0, 2, "14") == 0 && src_m.size() == 1 && srcs.size() == 1) {
    bool place_only = true;
    for (const auto& t : tgts) place_only = place_only && t.code == t.country && t.country == srcs[0].country;
    const int f = s.mention_range[src_m[0]].first;
    static const std::string kNone;
    const std::string& w = f > 0 ? s.lower[f - 1] : kNone;
    if (place_only && w.size() > 5 && w.compare(0, 5, "anti-") == 0) {
      const std::string x = w.substr(5);
      std::optional<ActorRef> aimed;
      if ((x == "government" || x == "regime") && srcs[0].country.size() == 3) {
        aimed = UnnamedActor(srcs[0].country, "GOV", "(the government the protesters oppose)");
      } else if (k_.actors) {
        const std::string written(doc_.Text(s.TokenSpan(f - 1, f)));  // "Anti-American": as written
        const auto r = k_.actors->Resolve(written.substr(5), doc_.date);
        if (r.found && r.actor.country.size() == 3 && r.actor.code == r.actor.country && r.actor.country != srcs[0].country)
          aimed = UnnamedActor(r.actor.country, "", "(" + written.substr(5) + ", whom the protest opposes)");
      }
      if (aimed) {
        tgts.assign(1, *aimed);
        tgt_m.clear();
        if (!note.empty()) note += "; ";
        note += "target from '" + w + "' before the protesters";
      }
    }
  }
  if (pronoun_actor && tgts.empty()) {
    tgts.push_back(*pronoun_actor);
    entries.insert(entries.end(), pronoun_entries.begin(), pronoun_entries.end());
    if (!note.empty()) note += "; ";
    note += "target '" + (!rejected_object.empty() ? rejected_object
                                                    : s.lower[m.pronoun_target >= 0 ? m.pronoun_target : sf.pronoun_at]) +
            "' stands for " + pronoun_actor->text + (rejected_object.empty() ? " of the previous sentence" : ", its author");
  }
  // "killed 23 people ... when they blew themselves up in Tel Aviv": a group of people reached
  // past a count or qualifiers whose country the context does not give names no side of a
  // dyad; the act is coded without a target (and may be the same act told twice, below). A
  // noun event names an act only together with its sides: none is coded ("a major offensive
  // against ethnic Albanian guerrillas" by no one the sentence names).
  if (group_target && !m.passive) {
    bool any_country = false;
    for (const auto& t : tgts) any_country = any_country || !t.country.empty();
    if (!any_country && p.nominal) return false;
    if (!any_country) tgts.clear(), tgt_m.clear();
  }
  if (m.targets.empty() && !tgts.empty() && !m.passive) {
    // An object found after the match that is the source itself (or its own state) is no
    // target: the event stays target-less rather than being dropped as self-directed.
    std::vector<ActorRef> kept;
    for (const auto& t : tgts) {
      bool self = false;
      for (const auto& a : srcs)
        self = self || a.code == t.code ||
               (!a.country.empty() && a.country == t.country && (t.code == t.country || a.code == a.country));
      if (!self) kept.push_back(t);
    }
    tgts = std::move(kept);
  }
  // "Riot police fired tear gas at the crowd. They arrested opposition leader Kizza Besigye",
  // "Residents protested after they briefly arrested a young bride" (U.S. troops named
  // before): "they" right before an act of custody or force (roots 17-20; auxiliaries and
  // adverbs may stand between) is, by role fit, a plural force ("police", troops: COP, MIL, SPY;
  // for violence also an armed group or gunmen) named before it, even when another group is
  // nearer or the sentence's subject: the first such force of this sentence, else of the
  // previous sentence, else of the one before (ForceAntecedent). A source that is itself a
  // force stays.
  if (!m.passive) {
    const std::string r = act.code.substr(0, 2);
    const bool custody = r == "17";
    int they = m.first - 1;
    while (they >= 0 && (In(s.lower[they], {"had", "have", "has", "were", "then", "later", "also", "again",
                                              "reportedly", "allegedly", "briefly", "quickly", "subsequently"}) ||
                         (s.lower[they].size() > 4 && s.lower[they].compare(s.lower[they].size() - 2, 2, "ly") == 0)))
      --they;
    bool fits = !srcs.empty();
    for (const auto& a : srcs) fits = fits && ForceSector(a.sector, custody);
    std::optional<std::pair<ActorRef, std::vector<std::string>>> found;
    if ((custody || Violent(act)) && they >= 0 && s.lower[they] == "they" && (they == 0 || s.lower[they - 1] != "that") &&
        !fits && (found = ForceAntecedent(s, ds_, they, custody))) {
      auto& [ante, ante_entries] = *found;
      if (ante.country.empty()) {
        const std::string c = !ds_.dominant_country.empty() ? ds_.dominant_country
                              : loc && !loc->country.empty() ? loc->country
                              : ds_.last_location ? ds_.last_location->country
                                                  : std::string();
        if (!c.empty()) ante.country = c, ante.code = c + ante.sector;
      }
      srcs = {ante};
      src_m.clear();
      entries.insert(entries.end(), ante_entries.begin(), ante_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'they': the force named before (" + ante.text + ")";
    }
  }
  bool agentless_passive = m.passive && src_m.empty();  // violence only (above)
  // A subject "it" the sentence does not resolve, right before the verb, stands for the last
  // state or body named (DocState::last_body) in this sentence or the one before, never for a
  // person (else it is a thing: no source); "he", "she", "they", and an
  // "it" further from the verb, for the last source.
  // The verb's own subject: auxiliaries and adverbs at most between ("It will help", not "it
  // would be inappropriate ... to hold"; for a source shared with an earlier verb, that verb's).
  // After a sentence that told a joint document signed, such an "it" is that document: its
  // signers.
  const bool it_subject = sf.pronoun && sf.pronoun_at >= 0 && s.lower[sf.pronoun_at] == "it";
  bool it_adjacent = it_subject;
  const int it_verb = sf.shared_with >= 0 ? matches[sf.shared_with].first : m.first;  // (a shared source)
  for (int t = sf.pronoun_at + 1; it_adjacent && t < it_verb; ++t)
    it_adjacent = In(s.lower[t], {"will", "would", "has", "had", "have", "is", "was", "also", "then", "later",
                                  "could", "can", "may", "might", "should", "must", "did", "does", "not",
                                  "further", "again", "already", "strongly", "sharply", "firmly"});
  if (srcs.empty() && it_adjacent && !agentless_passive) {
    if (ds_.signers_sentence >= 0 && ds_.signers_sentence == s.index - 1) {
      srcs = ds_.signers;
      entries.insert(entries.end(), ds_.signers_entries.begin(), ds_.signers_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'it': the document the previous sentence has signed by " + srcs[0].text + " and " +
              srcs[1].text;
    } else if (ds_.last_body && ds_.last_body_sentence >= s.index - 1) {
      srcs.push_back(*ds_.last_body);
      entries.insert(entries.end(), ds_.last_body_entries.begin(), ds_.last_body_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'it': the last state or body named (" + ds_.last_body->text + ")";
    }
  } else if (int said_by = srcs.empty() && src_m.empty() && !m.passive ? FirstPersonQuoteSpeaker(s, m.first) : -1;
             said_by >= 0) {
    // '"We arrested two activists," the Kenyan police chief said': "we" or "I" as the subject
    // inside a quote that opens the sentence is its speaker named after it.
    srcs.push_back(Actor(s, said_by, "", src_lc, &entries, &note));
    if (!note.empty()) note += "; ";
    note += "source from a first person in a quote: its speaker";
  } else if (std::optional<std::pair<ActorRef, std::vector<std::string>>> person;
             srcs.empty() && sf.pronoun && sf.pronoun_at >= 0 && !m.passive &&
             In(s.lower[sf.pronoun_at], {"he", "she"}) && (!ds_.last_source || !IsPersonRef(*ds_.last_source)) &&
             (person = PreviousPerson(ds_))) {
    // "The opposition accused the President of ... He denied the charge": a subject "he" or
    // "she" whose last source is no person (a state, body or group) is the first person, or
    // actor named by a singular title, of the previous sentence, else of the one before.
    srcs.push_back(person->first);
    entries.insert(entries.end(), person->second.begin(), person->second.end());
    if (!note.empty()) note += "; ";
    note += "source from '" + s.lower[sf.pronoun_at] + "': the person named before (" + person->first.text + ")";
  } else if (srcs.empty() && (sf.pronoun || m.passive) && !agentless_passive && ds_.last_source) {
    srcs.push_back(*ds_.last_source);
    entries.insert(entries.end(), ds_.last_source_entries.begin(), ds_.last_source_entries.end());
    if (!note.empty()) note += "; ";
    note += "source from a pronoun: the last source named (" + ds_.last_source->text + ")";
  }
  bool generic_source = !srcs.empty();
  for (int k : src_m)
    generic_source = generic_source && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                     s.mentions[k].actor.country.empty();
  // The speaker's side: a person of no code or country (AddUnknownPersonMentions) whose act a
  // state or body with a code reports, and whom the document introduced by an office ("told
  // Ambassador Georgy Zinoviev ... The Russian embassy said Zinoviev had rejected the
  // protest"), acts for that body: its code, country and sector.
  if (sf.speaker >= 0 && src_m.size() == 1 && srcs.size() == 1 && srcs[0].code.empty() && srcs[0].country.empty() &&
      !srcs[0].name.empty() && s.mentions[sf.speaker].kind != actors::ActorMention::Kind::kPerson &&
      !s.mentions[sf.speaker].actor.country.empty() &&
      IntroducedByOffice(doc_.text, srcs[0].name, s.sentence->span.end)) {
    const ActorRef& body = s.mentions[sf.speaker].actor;
    srcs[0].code = body.code;
    srcs[0].country = body.country;
    srcs[0].sector = body.sector;
    entries.insert(entries.end(), s.mentions[sf.speaker].entries.begin(), s.mentions[sf.speaker].entries.end());
    if (!note.empty()) note += "; ";
    note += "'" + srcs[0].text + "', introduced by an office, acts for the speaker (" + body.text + ")";
  }
  // "The two leaders signed ...", "Kim said the two leaders had decided ...", "the three
  // countries held ...": a group named earlier (RefersToGroup) as the subject right before the
  // verb is the document's last group of that size (DocState::last_group), whatever source
  // was found further left (a speaker).
  group_source = false;
  {
    int group_at = -1;
    char group_kind = 0;
    const int count = m.also.empty() && !m.passive ? RefersToGroup(s, m.first, &group_at, &group_kind) : 0;
    bool left = true;  // every source found stands left of the group's words
    for (int k : src_m) left = left && s.mention_range[k].end <= group_at;
    std::vector<ActorRef> group;
    if (count > 0 && static_cast<int>(ds_.last_group.size()) == count && (srcs.empty() || generic_source || left) &&
        NameGroup(ds_.last_group, group_kind, &group)) {
      srcs = std::move(group);
      src_m.clear();
      group_source = true;
      entries.insert(entries.end(), ds_.last_group_entries.begin(), ds_.last_group_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from '" + std::string(doc_.Text(s.TokenSpan(group_at, m.first))) + "': the group named before (";
      for (size_t g = 0; g < srcs.size(); ++g) note += (g ? ", " : "") + srcs[g].text;
      note += ")";
    }
  }
  // Violence with no perpetrator named ("three soldiers were killed by a roadside bomb near
  // Basra", "a car bomb explosion killed ...") in a named place: an unidentified armed force
  // (CAMEO UAF) of the place's state, as CAMEO coders code it. Needs a victim or the place.
  // A subject the words name but the knowledge base lacks ("Coalition aircraft conducted a
  // strike", "Coalition nations which have conducted strikes") is no unidentified force.
  if (srcs.empty() && Violent(act) && NamedUnknownDoer(s, m.first)) return false;
  // "Boko Haram militants attacked a school in Chibok. More than 200 students were
  // abducted": violence told in the passive with no agent, done to people named in its
  // sentence, right after a sentence that names an armed group (rebels, insurgents, gunmen:
  // REB, INS, UAF) as its first actor is that group's. (A group named with no state, "Gunmen",
  // is of the document's dominant state, else of its latest place.)
  if (srcs.empty() && Violent(act) && !p.nominal && m.passive && !tgts.empty() && !ds_.prev_mentions.empty()) {
    const auto& [kind, group] = ds_.prev_mentions.front();
    ActorRef a = group;
    if (a.country.empty())
      a.country = !ds_.dominant_country.empty() ? ds_.dominant_country
                  : ds_.last_location           ? ds_.last_location->country
                                                : std::string();
    if (a.code.empty() || a.code == a.sector) a.code = a.country + a.sector;
    if ((ArmedGroupSector(a.sector) || SectorBase(a.sector) == "UAF") && !a.country.empty() &&
        kind != actors::ActorMention::Kind::kPerson) {
      srcs.push_back(a);
      entries.insert(entries.end(), ds_.prev_mention_entries.front().begin(), ds_.prev_mention_entries.front().end());
      if (!note.empty()) note += "; ";
      note += "no agent named: the armed group that opens the previous sentence (" + a.text + ")";
    }
  }
  // (The act as told: violence announced with no perpetrator named, "a bomb will kill", is
  // rewritten to a threat only below, once there is a source.)
  if (srcs.empty() && Violent(act) && !p.nominal && loc && loc->span.size() > 0 && !loc->country.empty() &&
      (!m.passive || !tgt_m.empty())) {
    srcs.push_back(UnnamedActor(loc->country, "UAF", "(unidentified, in " + std::string(doc_.Text(loc->span)) + ")"));
    if (!note.empty()) note += "; ";
    note += "no perpetrator named: an unidentified armed force of the place (" + loc->name + ")";
  }
  // Passive violence with no agent and no gazetteer place, but a state named after "in" in the
  // act's clause ("Two aid workers were kidnapped in Somalia"): the unidentified armed force
  // of that state, as for a named place above.
  if (srcs.empty() && Violent(act) && !p.nominal && m.passive && !tgt_m.empty() && !loc &&
      src_lc.size() == 3 && k_.state_codes.count(src_lc)) {
    srcs.push_back(UnnamedActor(src_lc, "UAF", "(unidentified, in " + src_lc + ")"));
    if (!note.empty()) note += "; ";
    note += "no perpetrator named: an unidentified armed force of the state the act happens in";
  }
  // No place either, and a thing as the subject ("A minefield explosion killed two Iraqi
  // youths"): the victims' own state, where such violence is most often done. ("Three US
  // soldiers were killed", with no agent, subject or place, stays uncoded.)
  if (srcs.empty() && Violent(act) && !p.nominal && !m.passive && !loc && !tgts.empty()) {
    std::string c = tgts.front().country;
    for (const auto& t : tgts) c = t.country == c ? c : "";
    if (c.size() == 3 && k_.state_codes.count(c)) {
      srcs.push_back(UnnamedActor(c, "UAF", "(unidentified)"));
      if (!note.empty()) note += "; ";
      note += "no perpetrator or place named: an unidentified armed force of the victims' state";
    }
  }
  if (srcs.empty()) return false;
  return true;
}

}  // namespace entente::coder::internal
