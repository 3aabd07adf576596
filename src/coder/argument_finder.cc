// WindowArgumentFinder: pattern matching over the token sequence of one sentence.
//
// Matching. Elements after the anchor are matched left to right by backtracking: a word element
// matches a token whose lower-case form or lemma is one of its alternatives; `*` skips zero to
// five tokens that are neither clause punctuation nor named actors; TGT/DEST take an
// actor mention (after an optional determiner and a count: "up to 30 Palestinian youths"; a
// counted group of no country that may be a means, "4,000 troops", is left to the coder's place
// rules, while a counted group of people, "23 people", "30 militants", is taken; a role noun
// before a person's name, "candidate Alassane Ouattara", and an unknown capitalised word before
// a group of no country, "Shona rebels", are passed over; up to four capitalised words the index
// does not know after a role noun are its name: "opposition leader Maulana Fazl-ur-Rehman"), expanded over
// ", " / "and" / "as well as" into a compound (a comma after the closing "and" ends it: "X and
// Y, an editor at Z said"; so does a mention modifying a speaker: "X, the Parliament speaker
// said"; so does a post after a person: "Kofi Annan, UN secretary-general,"), and swallow a
// following possessive "'s"; DEST and PLACE also take a gazetteer place. A time adverbial
// ("on Tuesday", "last week", "yesterday", "on Monday night") where a word or slot after the
// anchor is expected is stepped over when the element does not match there ("met on Tuesday
// with X", "attacked last week the town of Y").
// Elements before the anchor are matched right to left the same way; a TGT slot there takes the
// mentions coordinated before it too ("President Kagame and his Rwandan Patriotic Front must"). A verb anchor preceded by
// a form of "be" (possibly through "been", "being", adverbs) and written as a past participle
// is passive (not an adjective of attitude before "to": "is opposed to", "is prepared to"): the
// slot right after the anchor is then filled by the subject, and the agent comes from "by X"
// after the match. So is a participle right after an actor mention with an actor after "by"
// ("Japanese citizens abducted by North Korea": a reduced relative clause; the mention before is
// the one acted on). In an object relative clause ("Iran, which Iraq attacked,") the noun the
// clause modifies fills the first TGT slot; a passive whose subject is the pattern's first word
// ("The agreement was signed by X and Y") takes the agent as its source; with no "by", an actor
// qualifying an attack noun after "in" ("killed in a US drone strike") is the agent; support
// "by" a means of no country in a phrase set off by commas ("backed by tanks") is no act.
//
// Source. Special cases first: a participle after a comma (", killing ...") shares the earlier
// match's source, or, when the clause before has no coded verb, that clause's opening subject;
// a verb in a restrictive relative clause ("companies that traded with X") has the noun before
// the relative pronoun (no source when that noun is no actor); an infinitive of purpose or a
// coordinated verb after the object of a verb that is no event ("summoned the ambassador to
// protest / and expelled him") is passed over to that verb's subject; a thing as the subject
// (a determiner and plain words naming no actor right before the verb, opening its clause: "said
// the timing allowed X to", "a car bomb killed") gives no source at all.
// Source. Scanning left from the match: the nearest actor mention in the clause is the source,
// except a mention after a locative preposition ("in Beijing"), one inside a relative clause or
// apposition set off by commas (", who ...,"), and one that an earlier match in the sentence
// took as its target (then the earlier match's source is shared: "X met Y and praised Z"; not
// when a participle follows that mention right away: "disperse demonstrators protesting"). The
// scan stops at clause punctuation. A saying verb ("said", "told") met before any mention makes
// the mention before it both source and speaker ("X said it would attend"); a saying verb
// further left makes its subject the speaker of the event ("X said Y attacked Z"). Passed over
// (used only when nothing else stands further left): a possessor ("Russia's concerns"), a generic
// agent used as a noun modifier ("special military operation"), the one told ("told
// reporters"). "he"/"she" right before the verb (only auxiliaries/adverbs between) stands for
// the nearest person named before it (or agent with a person's title, "the court's
// prosecutor"), "it" for the nearest state or organisation.
// Issue 5 (constructions): the subject of a verb after ", who" is the actor before the comma;
// an actor that is the object inside a relative clause on the verb's subject is passed over
// for the noun the clause modifies ("The official who met the Chinese ambassador declined");
// a past verb after "and" that cannot share the modal before it is the saying verb's subject's
// ("said Iran would keep supporting Baghdad and accused ..."); the comma closing an opening
// subordinate clause ends the scan for a finite verb; a title in apposition in a list of
// subjects is its name's ("Wang Yi, and his Russian counterpart, Sergei Lavrov,"). Modality:
// a verb sharing an earlier verb's source takes that clause's cues only; a clause after
// "denied (that)" or "denied / rejected / dismissed reports (claims ...) that" is negated.
#include "coder/argument_finder.h"

#include <algorithm>

#include "coder/word_sets.h"

namespace entente::coder {

namespace {

using K = PatternElement::Kind;

constexpr int kMaxGap = 5;
constexpr int kMaxSourceScan = 40;

bool IsDeterminer(const std::string& w) {
  return In(w, {"the", "a", "an", "its", "their", "his", "her", "fellow", "both", "neighbouring", "neighboring"});
}
bool IsPossessive(const std::string& w) { return w == "'s" || w == "'"; }

// Sectors of groups of people outside the state's institutions (opposition, rebels, civilians,
// students, clergy ...): a group of these is someone an act is done to, never the means of one
// (unlike "troops", "tanks", "warships" of MIL).
bool IsPeopleGroupSector(const std::string& sector) {
  return In(sector, {"OPP", "REB", "INS", "SEP", "RAD", "CVL", "REF", "LAB", "AGR", "EDU", "HRI", "REL", "SET", "MED",
                     "CRM"});
}

class WindowFinder : public ArgumentFinder {
 public:
  bool MatchPattern(const SentenceView& s, const Pattern& p, int anchor, PatternMatch* out) const override;
  SourceFinding FindSource(const SentenceView& s, const PatternMatch& m,
                           const std::vector<PatternMatch>& earlier) const override;

 private:
  struct State {
    const SentenceView* s;
    const Pattern* p;
    PatternMatch m;
    int last_token = 0;  // last token consumed (exclusive end)
    int verb_last = 0;
    bool passive_slot_pending = false;
  };
  bool Forward(State* st, int ei, int pos) const;
  bool Backward(State* st, int ei, int pos) const;
};

bool WordMatches(const SentenceView& s, const PatternElement& e, int i) {
  if (i < 0 || i >= s.size()) return false;
  for (const auto& w : e.words)
    if (s.lower[i] == w || s.lemma[i] == w) return true;
  return false;
}

bool IsFunctionWord(const std::string& x);

// "bombed Hamas targets in Gaza and Hezbollah positions in southern Lebanon": after a list
// member, a place phrase ("in/near" + an optional compass word + a place or actor) followed by
// "and" and a mention that has a place phrase of its own is a list of parallel members, each with
// its place. Returns the token of that "and" (the place is skipped), else `end` unchanged.
int SkipParallelPlace(const SentenceView& s, int end) {
  auto place_phrase_end = [&](int t) {  // end of "in (the) (southern) PLACE" starting at t, or -1
    if (t >= s.size() || !In(s.lower[t], {"in", "near"})) return -1;
    ++t;
    if (t < s.size() && s.lower[t] == "the") ++t;
    if (t < s.size() && In(s.lower[t], {"southern", "northern", "eastern", "western", "central", "south", "north",
                                        "east", "west", "northeastern", "northwestern", "southeastern",
                                        "southwestern"}))
      ++t;
    if (t >= s.size()) return -1;
    if (s.place_at[t] >= 0 && s.places[s.place_at[t]].first == t) return s.places[s.place_at[t]].end;
    if (s.mention_at[t] >= 0 && s.mention_range[s.mention_at[t]].first == t)
      return s.mention_range[s.mention_at[t]].end;
    return -1;
  };
  // (A member may be a mention and the noun it qualifies: "Hamas targets", "Hezbollah positions".)
  auto head_noun = [&](int t) {
    return t < s.size() && s.mention_at[t] < 0 && !s.lower[t].empty() && s.lower[t][0] >= 'a' &&
           s.lower[t][0] <= 'z' && !IsFunctionWord(s.lower[t]) && !EndsWith(s.lower[t], "ly");
  };
  int a = place_phrase_end(end);
  if (a < 0 && head_noun(end)) a = place_phrase_end(end + 1);
  if (a < 0 || a + 1 >= s.size() || s.lower[a] != "and") return end;
  int j = a + 1;
  if (j < s.size() && IsDeterminer(s.lower[j])) ++j;
  if (j >= s.size() || s.mention_at[j] < 0 || s.mention_range[s.mention_at[j]].first != j) return end;
  int e2 = s.mention_range[s.mention_at[j]].end;
  if (place_phrase_end(e2) < 0 && !(head_noun(e2) && place_phrase_end(e2 + 1) >= 0)) return end;
  return a;
}

// Mentions starting at `pos` joined by connectors; returns the end token, appends indices.
int ExpandRight(const SentenceView& s, int pos, std::vector<int>* out) {
  int k = s.mention_at[pos];
  int end = s.mention_range[k].end;
  out->push_back(k);
  bool closed = false;  // an "and" closed the list: a comma after it ends the list
  while (end < s.size()) {
    end = SkipParallelPlace(s, end);
    int j = end;
    if (s.lower[j] == ",") ++j;
    if (j < s.size() && (s.lower[j] == "and" || s.lower[j] == "&")) ++j;
    else if (j + 2 < s.size() && s.lower[j] == "as" && s.lower[j + 1] == "well" && s.lower[j + 2] == "as") j += 3;
    else if (j == end) break;  // no connector
    else if (closed) break;    // "X and Y, an editor at Z said": Z is not in the list
    if (j - end >= 1 && s.lower[j - 1] != ",") closed = true;
    // (A name that holds its article, "the Netherlands", starts at the article.)
    if (j < s.size() && IsDeterminer(s.lower[j]) &&
        !(s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j))
      ++j;
    if (j >= s.size() || s.mention_at[j] < 0 || s.mention_range[s.mention_at[j]].first != j) break;
    if (s.IsLocativePreposition(j - 1)) break;
    {
      // "to Russia and Moscow's use of them": a possessor starts a new noun phrase; "with Trump,
      // state media said": the subject of a saying verb is no part of the list.
      int e2 = s.mention_range[s.mention_at[j]].end;
      if (e2 < s.size() && s.speech_end[e2] >= 0) break;
      // "After meeting Xi, Putin praised China": a member after a bare comma that is followed by
      // neither a connector nor closing punctuation opens the next clause (its subject); a list
      // goes on with a comma or "and" after each member but the last.
      if (j == end + 1 && s.lower[end] == "," && e2 < s.size() &&
          !In(s.lower[e2], {",", "and", "&", "or", ".", ";", ":", ")", "!", "?", "\"", "as"}))
        break;
      // "..., the Parliament speaker said": a mention modifying the speaker's noun.
      if (e2 + 1 < s.size() && s.mention_at[e2] < 0 && s.speech_end[e2 + 1] >= 0 &&
          !(s.flags[e2] & Token::kCapitalized) && s.lower[e2] != "and" && s.lower[e2] != ",")
        break;
      if (e2 + 1 < s.size() && IsPossessive(s.lower[e2]) && s.mention_at[e2 + 1] < 0 &&
          !(s.flags[e2 + 1] & Token::kCapitalized))
        break;
    }
    // "Kofi Annan, UN secretary-general,": after a person, a comma and an organisation or agent
    // (no "and") is an apposition naming the person's post, not a further list member; so is a
    // post that ends in a lower-case title ("UN secretary-general" read as whoever holds it).
    if (!closed && s.mentions[k].kind == actors::ActorMention::Kind::kPerson) {
      auto kind = s.mentions[s.mention_at[j]].kind;
      if (kind == actors::ActorMention::Kind::kOrganisation || kind == actors::ActorMention::Kind::kAgent) break;
      int last = s.mention_range[s.mention_at[j]].end - 1;
      if (kind == actors::ActorMention::Kind::kPerson && !(s.flags[last] & Token::kCapitalized)) break;
    }
    k = s.mention_at[j];
    out->push_back(k);
    end = s.mention_range[k].end;
  }
  return end;
}

// Prepositions, conjunctions, pronouns, auxiliaries and time words: no part of a noun phrase's
// qualifiers or head.
bool IsFunctionWord(const std::string& x) {
  return In(x, {"with", "to", "for", "about", "against", "on", "upon", "in", "at", "by", "from", "of", "and", "or",
                "nor", "but", "that", "who", "whom", "whose", "which", "as", "into", "over", "after", "before", "than",
                "not", "also", "will", "would", "was", "were", "is", "are", "be", "been", "has", "have", "had", "said",
                "says", "when", "while", "if", "because", "since", "so", "then", "where", "near", "under", "during",
                "without", "within", "through", "across", "between", "among", "outside", "inside", "there", "here",
                "it", "its", "they", "them", "their", "he", "his", "him", "she", "her", "we", "our", "us", "this",
                "these", "those", "yesterday", "today", "tonight", "could", "should", "may", "might", "can",
                "must", "did", "does", "do", "until", "unless", "per", "via", "amid", "despite", "toward",
                "towards", "following", "including", "like", "the", "a", "an", "last", "earlier", "later"});
}

// "the two Russian-backed separatist regions", "guerrilla bases": the mention `k` is followed
// by a lower-case content word, a noun it modifies; the phrase names no people.
bool ModifiesNoun(const SentenceView& s, int k) {
  int e = s.mention_range[k].end;
  if (e >= s.size() || s.IsBoundary(e)) return false;
  const std::string& w = s.lower[e];
  return !w.empty() && w[0] >= 'a' && w[0] <= 'z' && !IsFunctionWord(w) && !EndsWith(w, "ed") &&
         !EndsWith(w, "ing") && !EndsWith(w, "ly");
}

// "summoned the British ambassador": the past-tense verb whose object is the mention ending at
// token `i` (determiners between them skipped): its token, or -1 when `i` ends no mention or no
// lower-case "-ed" word that is no actor stands right before it.
int VerbBeforeObject(const SentenceView& s, int i) {
  int k = s.mention_at[i];
  if (k < 0) return -1;
  int v = s.mention_range[k].first - 1;
  while (v >= 0 && IsDeterminer(s.lower[v])) --v;
  return v > 0 && s.mention_at[v] < 0 && EndsWith(s.lower[v], "ed") ? v : -1;
}

// A count or quantifier before a mention ("killed 23 people", "up to 13,000 Turkish Kurd
// refugees", "at least eight top leaders", "most West Africans"): returns the token after it
// when a mention starts there, else `i`. `harm` is true when the slot is the one a coercive or
// violent act (CAMEO 17-20) is done to: there a counted group of the state's institutions is its
// victim ("killed three policemen", "arrested 11 lawmakers"), not a means.
int SkipQuantity(const SentenceView& s, int i, bool harm = false) {
  int j = i;
  auto at = [&](int k, const char* w) { return k < s.size() && s.lower[k] == w; };
  if (at(j, "up") && at(j + 1, "to")) j += 2;
  else if ((at(j, "at") && (at(j + 1, "least") || at(j + 1, "most"))) || (at(j, "more") && at(j + 1, "than")) ||
           (at(j, "fewer") && at(j + 1, "than")) || (at(j, "less") && at(j + 1, "than")))
    j += 2;
  else if (j < s.size() && In(s.lower[j], {"about", "around", "nearly", "almost", "some", "over", "roughly"}))
    ++j;
  int counted = j;
  while (j < s.size() && s.IsCount(j)) ++j;
  if (j == counted) {
    // No count: only a bare quantifier stands before the mention ("most West Africans").
    j = i;
    if (j < s.size() && In(s.lower[j], {"all", "most", "many", "several", "other", "some"})) ++j;
  } else if (j < s.size() && In(s.lower[j], {"other", "more"})) {
    ++j;  // "five other", "20 more"
  }
  if (j == i || j >= s.size()) return i;
  // "killed 11 provincial lawmakers", "wounded three off-duty policemen", "shot dead three
  // suspected Sikh militants": after a count, in a victim's slot, one lower-case qualifier may
  // stand before a group (of no country, or of the state its adjective names).
  if (harm && j != i && j + 1 < s.size() && s.mention_at[j] < 0 && s.place_at[j] < 0 && !s.is_number[j] &&
      !s.lower[j].empty() && s.lower[j][0] >= 'a' && s.lower[j][0] <= 'z' && !(s.flags[j] & Token::kCapitalized) &&
      !IsFunctionWord(s.lower[j]) && !s.IsBoundary(j)) {
    const int q = s.mention_at[j + 1];
    if (q >= 0 && s.mention_range[q].first == j + 1 && s.mentions[q].kind == actors::ActorMention::Kind::kAgent)
      ++j;
  }
  int k = s.mention_at[j];
  if (k < 0 || s.mention_range[k].first != j) return i;
  // "deployed 4,000 troops", "seized 20 tanks": a counted group of no country that may be a
  // thing or a means (the state's institutions: troops, tanks, warships) is left to the place
  // rules of the coder (the state where it happens). A counted group of people outside the
  // state ("arrested 30 militants", "detained 12 people") is who the act is done to; the coder
  // gives it a country from context.
  if (s.mentions[k].kind == actors::ActorMention::Kind::kAgent && s.mentions[k].actor.country.empty() &&
      ((!harm && !IsPeopleGroupSector(s.mentions[k].actor.sector)) || ModifiesNoun(s, k)))
    return i;
  return j;
}

// A group of people of no country named at `i` behind a count and up to two qualifiers ("15
// Islamic guerrillas", "leftist guerrillas", "dozens of suspected militants", "three ethnic
// Albanian rebels"): returns the token where its mention starts, or -1. The qualifiers are
// content words (lower-case, or capitalised words the index does not know), never function
// words, numbers of another phrase, or actors and places of their own.
int PeopleGroupAt(const SentenceView& s, int i) {
  int n = s.size();
  while (i < n && IsDeterminer(s.lower[i])) ++i;
  if (i < n && (s.lower[i] == "dozens" || s.lower[i] == "hundreds" || s.lower[i] == "thousands") && i + 1 < n &&
      s.lower[i + 1] == "of")
    i += 2;
  else
    while (i < n && (s.IsCount(i) || In(s.lower[i], {"several", "some", "many", "more", "other", "all"}))) ++i;
  for (int q = 0; q <= 2 && i < n; ++q) {
    int k = s.mention_at[i];
    if (k >= 0) {
      if (s.mention_range[k].first != i || s.mentions[k].kind != actors::ActorMention::Kind::kAgent ||
          !s.mentions[k].actor.country.empty() || !IsPeopleGroupSector(s.mentions[k].actor.sector))
        return -1;
      return ModifiesNoun(s, k) ? -1 : i;
    }
    const std::string& x = s.lower[i];
    if (q == 2 || s.place_at[i] >= 0 || s.IsBoundary(i) || x.empty() || s.is_number[i] ||
        !((x[0] >= 'a' && x[0] <= 'z')) || IsFunctionWord(x))
      return -1;
    ++i;
  }
  return -1;
}

// An object pronoun at `i` that can fill a TGT slot: "him", "them"; "it" and "her" only where
// no verb or noun follows ("accused it of", "urged her to"; not "warned it would", "her
// government").
bool IsObjectPronoun(const SentenceView& s, int i) {
  const std::string& w = s.lower[i];
  if (w == "him") return true;
  if (w != "it" && w != "her" && w != "them") return false;
  // "it" and "them" are as often things ("condemned it as a breach"): only where what follows
  // asks something of an actor ("accused it of", "urged them to", "warned it against").
  // "would not negotiate with them", "met with them": after "with", "them" is the other party.
  if (w == "them" && i > 0 && s.lower[i - 1] == "with") return true;
  if (i + 1 >= s.size() || s.IsBoundary(i + 1)) return w == "her";
  if (w == "her")
    return In(s.lower[i + 1], {",", ".", ";", ":", "to", "of", "for", "against", "that", "over", "with", "about",
                               "and", "on", "into", "from", "at", "after", "before", "if", "unless", "not", "by",
                               "in", "during", "because", "as"});
  return In(s.lower[i + 1], {"to", "of", "against", "not", "that"});
}

// The end of a holding named after "its"/"their" at `pos` (one to three lower-case words ending
// in a facility noun: "its oil facilities", "their embassy") when a relative clause naming the
// act's doer in a passive follows it (", which was claimed by", "that was carried out by");
// else -1.
static int PossessedFacilityBeforeAgentClause(const SentenceView& s, int pos) {
  const int n = s.size();
  if (pos + 1 >= n || !In(s.lower[pos], {"its", "their"})) return -1;
  int end = -1;
  for (int w = 1; w <= 3 && pos + w < n; ++w) {
    const int h = pos + w;
    const std::string& x = s.lower[h];
    if (x.empty() || !(x[0] >= 'a' && x[0] <= 'z') || s.mention_at[h] >= 0 || s.place_at[h] >= 0 ||
        s.IsBoundary(h) || IsFunctionWord(x))
      break;
    if (In(x, {"facility", "facilities", "installation", "installations", "plant", "plants", "refinery",
               "refineries", "embassy", "consulate", "base", "bases", "ship", "ships", "tanker", "tankers",
               "positions", "convoy", "pipeline", "pipelines", "airport", "port", "troops", "soldiers"}))
      end = h + 1;
  }
  if (end < 0) return -1;
  int q = end;
  if (q < n && s.lower[q] == ",") ++q;
  if (q >= n || !In(s.lower[q], {"which", "that"})) return -1;
  ++q;
  if (q < n && In(s.lower[q], {"was", "were", "has", "have", "had"})) ++q;
  if (q < n && s.lower[q] == "been") ++q;
  if (q >= n || !In(s.lemma[q], {"claim", "carry", "conduct", "launch", "stage", "mount", "perpetrate", "commit"}))
    return -1;
  ++q;
  if (q < n && s.lower[q] == "out") ++q;
  return q < n && s.lower[q] == "by" ? end : -1;
}

// Fills a TGT/DEST/SRC/PLACE slot at `pos`; returns the end token or -1.
int FillSlot(const SentenceView& s, const PatternElement& e, int pos, PatternMatch* m) {
  // "accused it of", "urged him to": whom the pronoun stands for is the coder's to find.
  if (e.kind == K::kTarget && IsObjectPronoun(s, pos)) {
    m->pronoun_target = pos;
    return pos + 1;
  }
  // "stormed its embassy", "broke into the country's embassy": the state that holds a diplomatic
  // building named by a possessive is the coder's to find (the slot takes the possessive alone,
  // so that the pattern's noun follows).
  if (e.kind == K::kTarget && s.mention_at[pos] < 0) {
    auto diplomatic = [&](int i) { return In(s.lower[i], {"embassy", "embassies", "consulate", "consulates", "mission"}); };
    if (pos + 1 < s.size() && In(s.lower[pos], {"its", "their"}) && diplomatic(pos + 1)) {
      m->pronoun_target = pos;
      return pos + 1;
    }
    if (pos + 3 < s.size() && s.lower[pos] == "the" && s.lower[pos + 1] == "country" && s.lower[pos + 2] == "'s" &&
        diplomatic(pos + 3)) {
      m->pronoun_target = pos + 1;
      return pos + 3;
    }
  }
  // "the attack on its oil facilities, which was claimed by the Houthis": the holder "its"
  // stands for is the target (the coder resolves it to an actor named before that is not the
  // act's doer, in the sentence or an earlier one).
  if (e.kind == K::kTarget && s.mention_at[pos] < 0) {
    int end = PossessedFacilityBeforeAgentClause(s, pos);
    if (end > 0) {
      m->pronoun_target = pos;
      return end;
    }
  }
  int i = pos;
  // (A determiner that opens a mention stays: "the Commonwealth", "the world body" (tgt22).)
  while (i < s.size() && IsDeterminer(s.lower[i]) &&
         !(s.mention_at[i] >= 0 && s.mention_range[s.mention_at[i]].first == i))
    ++i;
  // "an offensive against pro-Russian separatists", "detained anti-government activists": a
  // lower-case "pro-" / "anti-" word of allegiance right before a group qualifies that group.
  if (e.kind == K::kTarget && i + 1 < s.size() && s.mention_at[i] < 0 && s.place_at[i] < 0 &&
      (s.lower[i].rfind("pro-", 0) == 0 || s.lower[i].rfind("anti-", 0) == 0) &&
      s.mention_at[i + 1] >= 0 && s.mention_range[s.mention_at[i + 1]].first == i + 1)
    ++i;
  // "raided the offices of the opposition party", "searched the home of X", "froze the assets of
  // X": a place or holding of an actor named after "of" stands for that actor, the one the act is
  // done to (a TGT or DEST slot; a place after "of" fills a DEST slot as a place).
  if ((e.kind == K::kTarget || e.kind == K::kDest) && i + 2 < s.size() && s.mention_at[i] < 0 &&
      s.place_at[i] < 0 && s.lower[i + 1] == "of" &&
      In(s.lower[i], {"office", "offices", "headquarters", "home", "homes", "house", "houses", "residence",
                      "residences", "compound", "embassy", "consulate", "camp", "camps", "base", "bases",
                      "position", "positions", "convoy", "property", "properties", "assets", "family", "families"})) {
    int j = i + 2;
    while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
    if (j < s.size() && ((s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j) ||
                         (e.kind == K::kDest && s.place_at[j] >= 0 && s.places[s.place_at[j]].first == j)))
      i = j;
  }
  // "shelled the outskirts of Donetsk", "bombed parts of Idlib province", "rebel-held districts
  // of Aleppo": in a DEST slot, a part of a gazetteer place named after "of" (one lower-case
  // qualifier may stand before the part) is that place.
  if (e.kind == K::kDest && i + 2 < s.size()) {
    int h = i;
    if (h + 3 < s.size() && s.mention_at[h] < 0 && s.place_at[h] < 0 && !s.IsBoundary(h) &&
        !(s.flags[h] & Token::kCapitalized) && !IsFunctionWord(s.lower[h]) && s.lower[h + 2] == "of" &&
        IsPlacePartNoun(s.lower[h + 1]))
      ++h;
    if (s.mention_at[h] < 0 && s.place_at[h] < 0 && s.lower[h + 1] == "of" && IsPlacePartNoun(s.lower[h])) {
      int j = h + 2;
      while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
      if (j < s.size() && IsDirectionWord(s.lower[j])) ++j;
      if (j < s.size() && s.place_at[j] >= 0 && s.places[s.place_at[j]].first == j) i = j;
    }
  }
  // "fired cruise missiles at a pharmaceutical plant in Khartoum": in a DEST slot, a facility
  // named by up to three lower-case words and then "in" a place is struck in that place (its
  // state the act's target, as for "shelled Sarajevo"). Public places where civilians gather
  // count as facilities ("an air strike on a market in northern Yemen", "on a school in the
  // rebel-held town of Douma"): a direction word, and a lower-case settlement phrase ending in
  // "of" (at most three words: "the rebel-held town of"), may stand between "in" and the place.
  if (e.kind == K::kDest && i < s.size() && s.mention_at[i] < 0 && s.place_at[i] < 0) {
    for (int w = 1; w <= 3 && i + w + 1 < s.size(); ++w) {
      const int h = i + w - 1;  // the facility noun
      const std::string& x = s.lower[h];
      if (x.empty() || !(x[0] >= 'a' && x[0] <= 'z') || s.mention_at[h] >= 0 || s.place_at[h] >= 0 ||
          s.IsBoundary(h) || IsFunctionWord(x))
        break;
      if (!In(x, {"plant", "plants", "factory", "factories", "refinery", "refineries", "facility", "facilities",
                  "installation", "installations", "camp", "camps", "base", "bases", "barracks", "depot",
                  "depots", "airfield", "airfields", "complex", "site", "sites", "market", "markets",
                  "marketplace", "school", "schools", "hospital", "hospitals", "clinic", "mosque", "mosques",
                  "church", "churches", "hall", "bakery", "shelter", "shelters"}) ||
          s.lower[h + 1] != "in")
        continue;
      int j = h + 2;
      while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
      if (j < s.size() && IsDirectionWord(s.lower[j])) ++j;
      for (int w2 = 1; w2 <= 3 && j + w2 < s.size(); ++w2) {  // "rebel-held town of"
        const std::string& y = s.lower[j + w2 - 1];
        if (y.empty() || !(y[0] >= 'a' && y[0] <= 'z') || s.mention_at[j + w2 - 1] >= 0 ||
            s.place_at[j + w2 - 1] >= 0 || s.IsBoundary(j + w2 - 1))
          break;
        if (s.lower[j + w2] == "of" &&
            In(y, {"town", "city", "village", "port", "province", "region", "district", "capital", "suburb",
                   "outskirts", "area", "neighbourhood", "neighborhood", "camp", "enclave"})) {
          j += w2 + 1;
          break;
        }
      }
      // (A state named alone is a mention, no gazetteer place: "in northern Yemen".)
      if (j < s.size() && ((s.place_at[j] >= 0 && s.places[s.place_at[j]].first == j) ||
                           (s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j &&
                            s.mentions[s.mention_at[j]].kind == actors::ActorMention::Kind::kState &&
                            s.mentions[s.mention_at[j]].actor.sector.empty())))
        i = j;
      break;
    }
  }
  // "withdrew from the mountains east of Beirut", "in the hills south of Grozny": an area named by
  // its direction from a place is in that place's country (a DEST or PLACE slot).
  if ((e.kind == K::kDest || e.kind == K::kPlace) && i + 3 < s.size() && s.mention_at[i] < 0 && s.place_at[i] < 0 &&
      !s.IsBoundary(i) && !(s.flags[i] & Token::kCapitalized) &&
      In(s.lower[i + 1], {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"}) &&
      s.lower[i + 2] == "of") {
    int j = i + 3;
    while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
    if (j < s.size() && s.place_at[j] >= 0 && s.places[s.place_at[j]].first == j) i = j;
  }
  // "sent to eastern Russia": a direction word before a destination (not a target: "a ceasefire
  // in south Lebanon" is no act on Lebanon).
  if ((e.kind == K::kDest || e.kind == K::kPlace) && i + 1 < s.size() && s.mention_at[i] < 0 && s.place_at[i] < 0 && IsDirectionWord(s.lower[i]) &&
      (s.mention_at[i + 1] >= 0 || s.place_at[i + 1] >= 0))
    ++i;
  if (i >= s.size()) return -1;
  int counted = i;
  const bool harm = e.kind == K::kTarget && m->pattern && m->pattern->cameo &&
                    In(std::string_view(m->pattern->cameo->code).substr(0, 2), {"17", "18", "19", "20"});
  if (e.kind != K::kPlace) i = SkipQuantity(s, i, harm);
  bool via_group = i != counted;  // past a count: a people group of no country, if anything
  // "allowed candidate Alassane Ouattara to", "jailed dissident Liu Xiaobo": a lower-case role
  // noun (one or two words) before a person's name is in apposition to it.
  if (e.kind != K::kPlace && s.mention_at[i] < 0 && s.place_at[i] < 0) {
    for (int w = 1; w <= 2 && i + w < s.size(); ++w) {
      const std::string& x = s.lower[i + w - 1];
      if (x.empty() || !(x[0] >= 'a' && x[0] <= 'z') || (s.flags[i + w - 1] & Token::kCapitalized) ||
          s.mention_at[i + w - 1] >= 0 || s.IsBoundary(i + w - 1) ||
          In(x, {"with", "to", "for", "about", "against", "on", "in", "at", "by", "from", "of", "and", "or", "that",
                 "who", "which", "as", "into", "over", "after", "before", "than", "not", "also", "will", "would",
                 "was", "were", "is", "are", "be", "been", "has", "have", "had", "said", "says"}))
        break;
      int k = s.mention_at[i + w];
      if (k >= 0 && s.mention_range[k].first == i + w && s.mentions[k].kind == actors::ActorMention::Kind::kPerson) {
        i += w;
        break;
      }
    }
  }
  // "demands from Shona rebels", "Hutu militias": an unknown capitalised word before a group of
  // no country qualifies the group (the coder finds its country).
  if (e.kind != K::kPlace && i + 1 < s.size() && s.mention_at[i] < 0 && s.place_at[i] < 0 &&
      (s.flags[i] & Token::kCapitalized) && s.mention_at[i + 1] >= 0 &&
      s.mention_range[s.mention_at[i + 1]].first == i + 1 &&
      s.mentions[s.mention_at[i + 1]].kind == actors::ActorMention::Kind::kAgent &&
      s.mentions[s.mention_at[i + 1]].actor.country.empty())
    ++i;
  // "killed 15 Islamic guerrillas", "fought leftist guerrillas": qualifiers before a group.
  if (e.kind != K::kPlace && s.mention_at[i] < 0 && s.place_at[i] < 0) {
    int g = PeopleGroupAt(s, i);
    if (g >= 0) i = g, via_group = true;
  }
  int end = -1;
  if (e.kind == K::kPlace || e.kind == K::kDest) {
    int ph = s.place_at[i];
    if (ph >= 0 && s.places[ph].first == i && !s.IsCountryPlace(ph)) {
      m->place = ph;
      if (e.kind == K::kDest) m->dest_place = ph;
      end = s.places[ph].end;
    }
  }
  if (end < 0 && e.kind != K::kPlace) {
    int k = s.mention_at[i];
    if (k >= 0 && s.mention_range[k].first == i) {
      std::vector<int>* dst = e.kind == K::kSource ? &m->sources : e.kind == K::kAlso ? &m->also : &m->targets;
      // "drew condemnation from France and Egypt": a source after "from" takes the actors
      // coordinated with it (a source before a target, "between SRC and TGT", stays one) (nom23).
      if (e.kind == K::kSource && pos > 0 && s.lower[pos - 1] == "from") {
        end = ExpandRight(s, i, dst);
      } else if (e.kind == K::kSource) {
        dst->push_back(k);
        end = s.mention_range[k].end;
      } else {
        end = ExpandRight(s, i, dst);
        if (e.kind == K::kTarget && via_group && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
            s.mentions[k].actor.country.empty())
          m->group_target = true;
        // "hosted the presidents of the United States and Russia": a leaders' noun of no country
        // (one mention, "presidents") whose "of (the) X" opens a list of two or more states: the
        // states are the targets (the coder's LeadersOfList gives them GOV), not only the first.
        if (e.kind == K::kTarget && !dst->empty() && dst->back() == k && end == s.mention_range[k].end &&
            s.mentions[k].kind == actors::ActorMention::Kind::kAgent && s.mentions[k].actor.country.empty() &&
            In(s.lower[end - 1], {"leaders", "presidents", "premiers", "ministers", "heads"}) && end + 1 < s.size() &&
            s.lower[end] == "of") {
          int j = end + 1;
          if (j + 1 < s.size() && s.lower[j] == "the") ++j;
          const int k2 = s.mention_at[j];
          if (k2 >= 0 && s.mention_range[k2].first == j &&
              (s.mentions[k2].kind == actors::ActorMention::Kind::kState ||
               s.mentions[k2].kind == actors::ActorMention::Kind::kCapital)) {
            std::vector<int> list;
            const int list_end = ExpandRight(s, j, &list);
            if (list.size() >= 2) {
              dst->pop_back();
              dst->insert(dst->end(), list.begin(), list.end());
              end = list_end;
            }
          }
        }
      }
      // "allowed opposition leader Maulana Fazl-ur-Rehman to": a name the actor index does not
      // know after a role noun (an agent) is that agent's name, part of the slot.
      int last = dst->empty() ? -1 : dst->back();
      if (last >= 0 && s.mention_range[last].end == end &&
          s.mentions[last].kind == actors::ActorMention::Kind::kAgent) {
        int q = end;
        while (q < s.size() && q < end + 4 && (s.flags[q] & Token::kCapitalized) && s.mention_at[q] < 0 &&
               s.place_at[q] < 0 && !s.IsBoundary(q))
          ++q;
        if (q > end && (q >= s.size() || !(s.flags[q] & Token::kCapitalized))) end = q;
      }
    }
  }
  if (end >= 0 && end < s.size() && IsPossessive(s.lower[end])) ++end;
  return end;
}

// A quantity or a part of a group before "of": "thousands", "hundreds", "dozens", "tens",
// "a group", "members", "some", "many", a number; and a following ("supporters of X" act on
// X's side: the mention stands for them).
bool IsQuantityWord(const SentenceView& s, int i) {
  if (i < 0) return false;
  if (s.is_number[i]) return true;
  return In(s.lower[i], {"thousands", "hundreds", "dozens", "scores", "millions", "tens", "thousand", "hundred",
                         "dozen", "group", "groups", "band", "bands", "number", "members", "member", "some",
                         "many", "most", "several", "majority", "contingent", "contingents", "unit", "units",
                         "detachment", "deployment", "batch", "patch", "wave", "team", "delegation",
                         "supporters", "supporter", "followers", "loyalists", "backers", "partisans"});
}

// Gaps skip words, commas ("leaders from various nations, including ...") and agent nouns used
// as modifiers ("joint military exercises"), never clause punctuation or a named actor.
bool GapToken(const SentenceView& s, int i) {
  if (s.IsBoundary(i)) return false;
  int k = s.mention_at[i];
  return k < 0 || (s.mentions[k].kind == actors::ActorMention::Kind::kAgent && s.mentions[k].actor.country.empty());
}

// True when token `i`, in a gap that opens at `gap_first` right after a word element and
// before another word, is inside an actor named as the object of a preposition of the
// phrase the gap opens ("termed the U.S. arms sale to Taiwan unacceptable", "said Russia's
// recognition of Abkhazia was illegal"): the actor qualifies the word before the gap and is
// no party the pattern reads, so the gap goes on past it. Not after a verb pattern's anchor:
// "appealed to NATO for support" names whom the verb is aimed at.
bool GapPhraseActor(const SentenceView& s, const Pattern& p, int ei, int gap_first, int i) {
  using K = PatternElement::Kind;
  const auto& els = p.elements;
  if (ei <= 0 || ei + 1 >= static_cast<int>(els.size()) || els[ei - 1].kind != K::kWord ||
      els[ei + 1].kind != K::kWord || (ei - 1 == p.anchor && !p.nominal))
    return false;
  const int k = s.mention_at[i];
  if (k < 0 || s.IsBoundary(i)) return false;
  // (Right after the preposition: "the bombing of the Chinese embassy" names the embassy.)
  const int f = s.mention_range[k].first;
  return f - 1 >= gap_first && In(s.lower[f - 1], {"to", "of", "over", "in", "against"});
}

// True when token `t` is inside one of the sentence's date expressions ("Monday", "March 3").
bool InDateExpression(const SentenceView& s, int t) {
  for (const DateExpression& d : s.dates)
    if (d.first <= t && t < d.end) return true;
  return false;
}

// A time adverbial of a news report that may stand between a verb and its object or
// preposition ("met on Tuesday with X", "attacked last week the town of Y", "signed yesterday
// an agreement with Z"): a date expression of the sentence (SentenceView::dates, the coder's
// date finder: "Tuesday", "March 3", "last week", "yesterday", ...), after an optional "on",
// and a part of the day after it ("on Monday night"). Returns its length in tokens at `i`, 0
// when none starts there or it holds an actor mention or a clause boundary.
int TimePhraseAt(const SentenceView& s, int i) {
  const int n = s.size();
  if (i < 0 || i >= n || static_cast<int>(s.date_end.size()) != n) return 0;
  const int first = s.lower[i] == "on" && i + 1 < n ? i + 1 : i;
  int j = s.date_end[first];
  if (j < 0) return 0;
  if (j < n && In(s.lower[j], {"morning", "afternoon", "evening", "night"}) && s.lower[j - 1] != "night" &&
      s.lower[j - 1] != "morning")
    ++j;
  for (int k = i; k < j; ++k)
    if (s.mention_at[k] >= 0 || s.IsBoundary(k)) return 0;
  return j - i;
}

// A place phrase that may stand between a verb and its "to" or "with" complement as a time
// adverbial does ("agreed in Cairo on Thursday to resume talks", "met in Geneva with X"): "in" or "at" and a
// gazetteer place that is no state and no actor but a capital. Returns its length in tokens at
// `i`, 0 when none starts there.
int PlacePhraseAt(const SentenceView& s, int i) {
  const int n = s.size();
  if (i < 0 || i + 1 >= n || !In(s.lower[i], {"in", "at"})) return 0;
  const int ph = s.place_at[i + 1];
  if (ph < 0 || s.places[ph].first != i + 1 || s.IsCountryPlace(ph)) return 0;
  const int k = s.mention_at[i + 1];
  if (k >= 0 && s.mentions[k].kind != actors::ActorMention::Kind::kCapital) return 0;
  if (k >= 0 && s.mention_range[k].end != s.places[ph].end) return 0;
  return s.places[ph].end - i;
}

bool WindowFinder::Forward(State* st, int ei, int pos) const {
  const SentenceView& s = *st->s;
  const auto& els = st->p->elements;
  if (ei == static_cast<int>(els.size())) {
    st->last_token = pos;
    return true;
  }
  const PatternElement& e = els[ei];
  PatternMatch saved = st->m;
  int saved_verb = st->verb_last;
  // A time adverbial before a word or slot after the anchor is stepped over ("met on Tuesday
  // with X"); the element is tried at its own place first.
  auto after_time = [&]() {
    if (ei <= st->p->anchor || e.kind == K::kGap) return false;
    int t = TimePhraseAt(s, pos);
    // (A place only before "to" or "with": "protested in Athens against X" keeps its own reading.)
    if (t <= 0 && e.kind == K::kWord &&
        (std::find(e.words.begin(), e.words.end(), "to") != e.words.end() ||
         std::find(e.words.begin(), e.words.end(), "with") != e.words.end()))
      t = PlacePhraseAt(s, pos);
    if (t <= 0) return false;
    if (Forward(st, ei, pos + t)) return true;
    st->m = saved;
    st->verb_last = saved_verb;
    return false;
  };
  switch (e.kind) {
    case K::kWord:
      if (WordMatches(s, e, pos)) {
        st->verb_last = pos + 1;
        if (Forward(st, ei + 1, pos + 1)) return true;
        st->m = saved;
        st->verb_last = saved_verb;
      }
      if (after_time()) return true;
      return e.optional && Forward(st, ei + 1, pos);
    case K::kGap:
      for (int g = 0; g <= kMaxGap && pos + g <= s.size(); ++g) {
        if (g > 0 && !GapToken(s, pos + g - 1) && !GapPhraseActor(s, *st->p, ei, pos, pos + g - 1)) break;
        if (Forward(st, ei + 1, pos + g)) return true;
        st->m = saved;
        st->verb_last = saved_verb;
      }
      return false;
    default: {
      if (st->passive_slot_pending && (e.kind == K::kTarget || e.kind == K::kDest)) {
        st->passive_slot_pending = false;  // the subject fills it
        if (Forward(st, ei + 1, pos)) return true;
        st->passive_slot_pending = true;
        return false;
      }
      int end = pos < s.size() ? FillSlot(s, e, pos, &st->m) : -1;
      if (end >= 0 && Forward(st, ei + 1, end)) return true;
      // "forced the UN refugee agency, UNHCR, out of": a target with a second name of it set off
      // by commas (the slot reads the two as a list without "and"); the pattern goes on after the
      // closing comma, and the slot keeps the first name.
      if (end >= 0 && e.kind == K::kTarget && ei + 1 < static_cast<int>(els.size()) && end + 1 < s.size() &&
          s.lower[end] == "," && st->m.targets.size() == saved.targets.size() + 2) {
        const int k1 = st->m.targets[saved.targets.size()], k2 = st->m.targets.back();
        const int gap_first = s.mention_range[k1].end, gap_end = s.mention_range[k2].first;
        bool apposition = gap_first < s.size() && s.lower[gap_first] == ",";
        for (int t = gap_first + 1; apposition && t < gap_end; ++t)
          apposition = IsDeterminer(s.lower[t]);
        if (apposition) {
          st->m.targets.pop_back();
          if (Forward(st, ei + 1, end + 1)) return true;
        }
        st->m = saved;
        st->verb_last = saved_verb;
        end = FillSlot(s, e, pos, &st->m);
      }
      // "expelled John Smith, a second secretary at the Canadian embassy": a name no actor
      // covers (one to four capitalised words), placed by the apposition after it (tgt26).
      // A date is no name ("fired a missile on Monday, the State Department said").
      if (end < 0 && e.kind == K::kTarget) {
        int j = pos;
        while (j < s.size() && j < pos + 4 && s.mention_at[j] < 0 && (s.flags[j] & Token::kCapitalized) &&
               !s.IsBoundary(j) && s.lower[j] != "," && !InDateExpression(s, j))
          ++j;
        const int k = j > pos ? AppositionActor(s, j) : -1;
        if (k >= 0) {
          st->m.targets.push_back(k);
          if (Forward(st, ei + 1, j)) return true;
          st->m = saved;
        }
      }
      // "accused each other of", "blamed one another for": a reciprocal object fills a target
      // slot with no actor; the coder makes the compound source's pairs (tgt22).
      if (end < 0 && e.kind == K::kTarget && pos + 1 < s.size() &&
          ReciprocalAt(s, pos)) {
        int after = pos + 2;
        if (after < s.size() && IsPossessive(s.lower[after])) ++after;
        st->m.folded_mutual = true;
        if (Forward(st, ei + 1, after)) return true;
      }
      // "bought Russian tanks", "bought British Tornado jets": a target named by a demonym and a
      // military noun ("Russian tanks" is one mention, of the military sector) also gives the
      // word the pattern wants next (over an empty gap), when it is that mention's last word.
      const int goods = end > pos + 1 && e.kind == K::kTarget ? s.mention_at[end - 1] : -1;
      if (goods >= 0 && s.mention_range[goods].end == end && s.mention_range[goods].first < end - 1 &&
          s.mentions[goods].kind == actors::ActorMention::Kind::kAgent && s.mentions[goods].actor.sector == "MIL") {
        int nx = ei + 1;
        if (nx < static_cast<int>(els.size()) && els[nx].kind == K::kGap) ++nx;
        if (nx < static_cast<int>(els.size()) && els[nx].kind == K::kWord && !els[nx].optional &&
            WordMatches(s, els[nx], end - 1)) {
          st->verb_last = end;
          st->m.goods_target = true;
          if (Forward(st, nx + 1, end)) return true;
          st->m = saved;
          st->verb_last = saved_verb;
        }
      }
      // "beat and robbed Rwandan refugees": a verb coordinated with a past-tense verb right
      // after it shares that verb's object.
      if (e.kind == K::kTarget && ei == st->p->anchor + 1 && pos + 2 < s.size() && s.lower[pos] == "and" &&
          s.mention_at[pos + 1] < 0 && s.lemma[pos + 1] != s.lower[pos + 1] && EndsWith(s.lower[pos + 1], "ed")) {
        st->m = saved;
        const int end2 = FillSlot(s, e, pos + 2, &st->m);
        if (end2 >= 0 && Forward(st, ei + 1, end2)) return true;
      }
      st->m = saved;
      if (after_time()) return true;
      return e.optional && Forward(st, ei + 1, pos);
    }
  }
}

bool WindowFinder::Backward(State* st, int ei, int pos) const {
  // pos: the token just left of what is matched so far.
  const SentenceView& s = *st->s;
  if (ei < 0) {
    st->m.first = pos + 1;
    return true;
  }
  const PatternElement& e = st->p->elements[ei];
  switch (e.kind) {
    case K::kWord:
      if (WordMatches(s, e, pos) && Backward(st, ei - 1, pos - 1)) {
        st->m.verb_first = std::min(st->m.verb_first, pos);
        return true;
      }
      return e.optional && Backward(st, ei - 1, pos);
    case K::kGap:
      for (int g = 0; g <= kMaxGap && pos - g >= -1; ++g) {
        if (g > 0 && !GapToken(s, pos - g + 1)) break;
        if (Backward(st, ei - 1, pos - g)) return true;
      }
      return false;
    default: {
      int i = pos;
      if (i >= 0 && IsPossessive(s.lower[i])) --i;
      // A slot before the anchor is the subject: never the object of a locative preposition
      // ("workers in Russia must ...": Russia is not who must).
      int mf = i >= 0 && s.mention_at[i] >= 0 ? s.mention_range[s.mention_at[i]].first : -1;
      if (mf > 0 && IsDeterminer(s.lower[mf - 1])) --mf;
      bool after_locative = mf > 0 && s.IsLocativePreposition(mf - 1);
      // "Soldiers in Niger deposed ...": a source slot takes the agent noun the place phrase
      // qualifies.
      if (after_locative && e.kind == K::kSource && mf >= 2 && s.mention_at[mf - 2] >= 0 &&
          s.mention_range[s.mention_at[mf - 2]].end == mf - 1 &&
          s.mentions[s.mention_at[mf - 2]].kind == actors::ActorMention::Kind::kAgent) {
        i = mf - 2;
        after_locative = false;
      }
      if (i >= 0 && s.mention_at[i] >= 0 && s.mention_range[s.mention_at[i]].end == i + 1 && !after_locative) {
        int k = s.mention_at[i];
        std::vector<int>* dst = e.kind == K::kSource ? &st->m.sources : &st->m.targets;
        size_t had = dst->size();
        dst->push_back(k);
        int first = s.mention_range[k].first;
        // "President Kagame and his Rwandan Patriotic Front must": a target before the anchor
        // takes the mentions coordinated before it ("X and (his|its|the) Y", "X, Y and Z").
        if (e.kind == K::kTarget) {
          std::vector<int> before;
          int f = first;
          bool seen_and = false;
          while (true) {
            int j = f - 1;
            if (j >= 0 && IsDeterminer(s.lower[j])) --j;
            if (j < 0) break;
            if (s.lower[j] == "and" && !seen_and) {
              seen_and = true;
              --j;
              if (j >= 0 && s.lower[j] == ",") --j;  // "X, and Y"
            } else if (s.lower[j] == "," && seen_and) {
              --j;
            } else {
              break;
            }
            if (j < 0 || s.mention_at[j] < 0 || s.mention_range[s.mention_at[j]].end != j + 1) break;
            int q = s.mention_at[j];
            int qf = s.mention_range[q].first;
            int d = qf > 0 && IsDeterminer(s.lower[qf - 1]) ? qf - 1 : qf;
            if (d > 0 && (s.IsLocativePreposition(d - 1) || IsPossessive(s.lower[d - 1]))) break;
            before.push_back(q);
            f = qf;
          }
          if (!before.empty()) {
            dst->insert(dst->begin() + static_cast<long>(had), before.rbegin(), before.rend());
            first = f;
          }
        }
        if (Backward(st, ei - 1, first - 1)) return true;
        dst->resize(had);
      }
      return e.optional && Backward(st, ei - 1, pos);
    }
  }
}

bool IsBeForm(const std::string& w) {
  return In(w, {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got", "gets"});
}

// Verbs of acts done to people ("arrested", "interrogated"), whose participle without an object
// reads as a passive.
bool IsDoneToPeople(const std::string& lemma) {
  return In(lemma, {"arrest", "detain", "jail", "imprison", "deport", "expel", "charge", "convict", "sentence",
                    "release", "abduct", "kidnap", "execute", "rescue", "evacuate", "question", "interrogate",
                    "capture", "prosecute", "indict"});
}

}  // namespace

bool ReducedRelativeOfPeople(const SentenceView& s, int anchor) {
  if (anchor < 1 || anchor + 1 >= s.size()) return false;
  const std::string& w = s.lower[anchor];
  const std::string& lemma = s.lemma[anchor];
  if (!EndsWith(w, "ed") || w == lemma ||
      !In(lemma, {"arrest", "detain", "charge", "indict", "convict", "sentence", "jail", "imprison", "acquit"}))
    return false;
  if (!In(s.lower[anchor + 1], {"with", "in", "over", "for", "after", "on", "of"})) return false;
  const int k = s.mention_at[anchor - 1];
  if (k < 0 || s.mention_range[k].end != anchor) return false;
  const auto& a = s.mentions[k];
  if (a.kind != actors::ActorMention::Kind::kPerson && a.kind != actors::ActorMention::Kind::kAgent) return false;
  if (In(std::string_view(a.actor.sector).substr(0, 3), {"COP", "MIL", "JUD", "GOV", "SPY", "LEG"})) return false;
  if (lemma == "charge")
    for (int j = anchor + 1; j < s.size() && j <= anchor + 12; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == ";") break;
      if (s.lower[j] == "that") return false;
    }
  return true;
}

namespace {

bool LooksPassive(const SentenceView& s, int anchor) {
  const std::string& w = s.lower[anchor];
  bool participle = (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) ||
                    (s.lemma[anchor] != w && (w.back() == 'n' || w.back() == 't' || w == "held" || w == "hit" || w == "struck" || w == "found"));
  if (!participle) return false;
  // "is opposed to", "is committed to": adjectives of attitude, the subject is the actor.
  if (anchor + 1 < s.size() && s.lower[anchor + 1] == "to" &&
      In(w, {"opposed", "committed", "determined", "dedicated", "devoted", "resolved", "inclined", "prepared",
             "obliged", "obligated"}))
    return false;
  // ", attended by more than 20 leaders": a reduced relative clause is passive too.
  if (anchor > 0 && s.lower[anchor - 1] == "," && anchor + 1 < s.size() && s.lower[anchor + 1] == "by") return true;
  // ", an event also attended by the leaders of Iran": so is one after a noun set off by a comma
  // (at most three plain words between: a determiner, the noun, "also"), no actor among them.
  if (anchor + 1 < s.size() && s.lower[anchor + 1] == "by") {
    for (int j = anchor - 1; j >= 0 && j >= anchor - 4; --j) {
      if (s.lower[j] == ",") {
        if (j < anchor - 1) return true;
        break;
      }
      if (s.mention_at[j] >= 0 || s.place_at[j] >= 0 || IsBeForm(s.lower[j]) || s.IsBoundary(j)) break;
    }
  }
  // "Japanese citizens abducted by North Korea", "two aid workers kidnapped by rebels": so is a
  // participle right after an actor mention with an actor after "by" right after it (the agent;
  // the mention before is the one acted on). The mention must not be the object of a preposition
  // other than "of" ("a letter to Kim released by the White House": the letter was released), and
  // a noun that is no actor ("a claim questioned by experts", "the gathering hosted by Russia") is
  // left alone: its act has no actor to be done to. Not for a verb of motion, where "by" is a way
  // or a place passed ("marched by the embassy").
  if (anchor > 0 && anchor + 2 < s.size() && s.lower[anchor + 1] == "by" && s.mention_at[anchor - 1] >= 0 &&
      s.mention_range[s.mention_at[anchor - 1]].end == anchor &&
      !In(s.lemma[anchor], {"march", "pass", "walk", "drive", "fly", "travel", "arrive", "stand", "sail", "come",
                            "go", "stop", "move", "rush", "run"})) {
    int f = s.mention_range[s.mention_at[anchor - 1]].first;
    while (f > 0 && IsDeterminer(s.lower[f - 1])) --f;
    bool prep_object = f > 0 && In(s.lower[f - 1], {"to", "for", "from", "with", "against", "on", "at", "toward",
                                                    "towards", "about", "over", "into", "by", "in", "near"});
    int j = anchor + 2;
    while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
    if (!prep_object && j < s.size() && s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j)
      return true;
  }
  // "Scientology defector arrested after attempting to leave", "Protesters detained in Minsk": a
  // headline that opens with an actor and goes on with a participle of an act done to people and a
  // preposition, with no "be", is a reduced passive: the actor is the one acted on. Only for
  // verbs that need an object (an active "Police arrested in ..." lacks one).
  if (anchor > 0 && anchor + 1 < s.size() && s.mention_at[anchor - 1] >= 0 &&
      s.mention_range[s.mention_at[anchor - 1]].end == anchor &&
      s.mention_range[s.mention_at[anchor - 1]].first <= 1 && w.size() > 3 &&
      w.compare(w.size() - 2, 2, "ed") == 0 &&
      IsDoneToPeople(s.lemma[anchor]) &&
      In(s.lower[anchor + 1], {"after", "for", "in", "on", "over", "at", "near", "during", "off", "from", "as"}))
    return true;
  if (ReducedRelativeOfPeople(s, anchor)) return true;
  // "he was interrogated by an attorney and then arrested": an act done to people, after "and"
  // (and an adverb of sequence), with no object, continues an earlier "be" + participle of its
  // clause (at most twelve words back, no punctuation or relative word between): passive too.
  if (anchor >= 4 && EndsWith(w, "ed") && IsDoneToPeople(s.lemma[anchor]) &&
      (anchor + 1 >= s.size() || (!IsDeterminer(s.lower[anchor + 1]) && s.mention_at[anchor + 1] < 0))) {
    int i = anchor - 1;
    if (IsSequenceAdverb(s.lower[i])) --i;
    if (s.lower[i] == "and") {
      for (int j = i - 1; j >= 1 && j >= i - 12; --j) {
        const std::string& x = s.lower[j];
        if (s.IsBoundary(j) || In(x, {",", ";", ":", "who", "which", "that", "and", "but"})) break;
        if (IsBeForm(s.lower[j - 1]) && s.lemma[j] != x && EndsWith(x, "ed"))
          return true;
      }
    }
  }
  // "was struck and killed by": a participle coordinated after another shares its "be" (not
  // one with an object: "had been retaken and praised the troops" is active).
  const bool object_follows = anchor + 1 < s.size() && (IsDeterminer(s.lower[anchor + 1]) ||
                                                        s.mention_at[anchor + 1] >= 0);
  // "have been persecuted, imprisoned, tortured and massacred by": a participle in a list of
  // participles (separated by commas, "and", "or"; no actor among them) after a "be" shares it.
  if (!object_follows && anchor >= 3 && In(s.lower[anchor - 1], {",", "and", "or"})) {
    int i = anchor - 1;
    while (i >= 1 && anchor - i <= 12) {
      while (i >= 1 && In(s.lower[i], {",", "and", "or"})) --i;
      const std::string& x = s.lower[i];
      if (i < 1 || s.mention_at[i] >= 0 || !(EndsWith(x, "ed") || (s.lemma[i] != x && x.back() == 'n'))) break;
      if (IsBeForm(s.lower[i - 1])) return true;
      if (!In(s.lower[i - 1], {",", "and", "or"})) break;
      --i;
    }
  }
  int reach = anchor - 4;
  for (int i = anchor - 1; i >= 0 && i >= reach; --i) {
    const std::string& x = s.lower[i];
    if (IsBeForm(x)) return true;
    if ((x == "and" || x == "or") && !object_follows && i >= 2 && s.lemma[i - 1] != s.lower[i - 1] &&
        s.mention_at[i - 1] < 0 &&
        (IsBeForm(s.lower[i - 2]) || EndsWith(s.lower[i - 2], "ly"))) {
      --i;  // the earlier participle
      reach = std::min(reach, i - 2);
      continue;
    }
    // (Adverbs between "be" and the participle: "-ly" words, and those of frequency and time:
    // "were twice denied visas", "was later released on bail", "has since been arrested".)
    bool adverb = x.size() > 3 && x.compare(x.size() - 2, 2, "ly") == 0;
    if (!adverb && !IsSequenceAdverb(x) &&
        !In(x, {"also", "not", "n't", "never", "reportedly", "allegedly", "jointly", "twice", "thrice", "once",
                "again", "already", "since", "still", "soon"}))
      return false;
  }
  return false;
}

int ExpandLeft(const SentenceView& s, int k, std::vector<int>* out);
bool IsLeaderNoun(const std::string& w);
bool OnlyVerbWordsBetween(const SentenceView& s, int from, int to);
bool OnlyVerbOrAspectWordsBetween(const SentenceView& s, int from, int to);
bool ObjectOfSaying(const SentenceView& s, int k);

// "Kuwait, which Iraq invaded", "the two Indian pilots whom Pakistan captured", "the Syrian town
// that Turkish forces shelled": the anchor at `anchor` is the verb of an object relative
// clause when a relative pronoun, an actor mention (the clause's subject) and only auxiliaries
// and adverbs stand before it, and the pronoun follows an actor mention (directly, or after a
// comma for "which"/"whom"). Fills `head` with that mention (and those coordinated before it).
bool ObjectRelativeHead(const SentenceView& s, int anchor, std::vector<int>* head) {
  int i = anchor - 1;
  while (i > 0 && OnlyVerbWordsBetween(s, i, i + 1) && s.lower[i] != "to") --i;
  if (i < 1 || s.mention_at[i] < 0 || s.mention_range[s.mention_at[i]].end != i + 1) return false;
  int r = s.mention_range[s.mention_at[i]].first - 1;
  if (r >= 1 && IsDeterminer(s.lower[r])) --r;
  if (r < 1 || !In(s.lower[r], {"which", "that", "whom"})) return false;
  int h = r - 1;
  if (s.lower[h] == ",") {
    if (s.lower[r] == "that") return false;
    --h;
  }
  if (h < 0) return false;
  // ("the Syrian town that Turkish forces shelled", "the two Indian pilots whom Pakistan
  // captured": a state's adjective before the noun stands for the noun's side.)
  if (s.mention_at[h] < 0 && h > 0 && s.mention_at[h - 1] >= 0 && s.mention_range[s.mention_at[h - 1]].end == h &&
      ModifiesNoun(s, s.mention_at[h - 1]))
    --h;
  if (s.mention_at[h] < 0 || s.mention_range[s.mention_at[h]].end != h + 1) return false;
  // ("told Putin that Russia ...": the one told is no antecedent; nor is the object of a
  // preposition, "the deportation of Ukrainian children, which Moscow rejects", except after a
  // leader noun, "the leaders of Iran, whom ...".)
  if (ObjectOfSaying(s, s.mention_at[h])) return false;
  int hf = s.mention_range[s.mention_at[h]].first;
  while (hf > 0 && (IsDeterminer(s.lower[hf - 1]) || s.IsCount(hf - 1))) --hf;
  if (hf > 0 && (s.IsLocativePreposition(hf - 1) ||
                 In(s.lower[hf - 1], {"to", "for", "with", "against", "on", "about", "over", "by", "from"}) ||
                 (s.lower[hf - 1] == "of" && !(hf > 1 && IsLeaderNoun(s.lemma[hf - 2])))))
    return false;
  ExpandLeft(s, s.mention_at[h], head);
  return true;
}

bool WindowFinder::MatchPattern(const SentenceView& s, const Pattern& p, int anchor, PatternMatch* out) const {
  if (!p.elements.empty() && p.elements[0].kind == K::kPair) {
    // `PAIR word`: the pair's halves, behind at most kMaxPairModifiers plain words.
    if (p.elements.size() != 2 || !WordMatches(s, p.elements[1], anchor) ||
        s.pair_at.size() != static_cast<size_t>(s.size()))
      return false;
    int t = anchor - 1;
    for (int skipped = 0; t >= 0 && s.pair_at[t] < 0 && skipped < kMaxPairModifiers && PairModifier(s, t); ++skipped)
      --t;
    if (t < 0 || s.pair_at[t] < 0) return false;
    const SentenceView::PairHit& h = s.pairs[s.pair_at[t]];
    PatternMatch m;
    m.pattern = &p;
    m.anchor = anchor;
    m.first = h.first;
    m.end = anchor + 1;
    m.verb_first = anchor;
    m.verb_end = anchor + 1;
    m.sources.push_back(h.a);
    m.targets.push_back(h.b);
    *out = std::move(m);
    return true;
  }
  State st;
  st.s = &s;
  st.p = &p;
  st.m.pattern = &p;
  st.m.anchor = anchor;
  st.m.verb_first = anchor;
  st.verb_last = anchor + 1;
  bool by_in_pattern = p.anchor + 1 < static_cast<int>(p.elements.size()) &&
                      p.elements[p.anchor + 1].kind == K::kWord && p.elements[p.anchor + 1].words.size() == 1 &&
                      p.elements[p.anchor + 1].words[0] == "by";
  if (!p.nominal && !by_in_pattern && LooksPassive(s, anchor)) {
    // The first slot after the anchor (skipping optional words, a verb particle right after the
    // anchor and a gap after it: "two US helicopters were shot down by Iraqi forces" for "shoot
    // down * TGT") is the passive subject.
    for (size_t i = p.anchor + 1; i < p.elements.size(); ++i) {
      K k = p.elements[i].kind;
      if (k == K::kTarget || k == K::kDest) {
        st.passive_slot_pending = true;
        break;
      }
      auto particle = [&](size_t j) {  // "shoot down": one word, right after the anchor
        return j == static_cast<size_t>(p.anchor) + 1 && p.elements[j].kind == K::kWord &&
               p.elements[j].words.size() == 1 &&
               In(p.elements[j].words[0], {"up", "down", "off", "out", "back", "away"});
      };
      if (particle(i) || (k == K::kGap && particle(i - 1))) continue;
      if (k != K::kWord || !p.elements[i].optional) break;
    }
    st.m.passive = true;
  }
  // "Kuwait, which Iraq invaded in August,", "the town that Turkish forces shelled": in an
  // object relative clause the noun the clause modifies fills the first TGT slot after the
  // anchor (tried first; the pattern as written otherwise).
  std::vector<int> relative_head;
  if (!st.m.passive && !p.nominal && ObjectRelativeHead(s, anchor, &relative_head)) {
    for (size_t i = p.anchor + 1; i < p.elements.size(); ++i) {
      K k = p.elements[i].kind;
      if (k == K::kTarget) {
        State rs = st;
        rs.passive_slot_pending = true;
        if (Forward(&rs, p.anchor + 1, anchor + 1) && !rs.passive_slot_pending) {
          st = rs;
          st.m.targets.insert(st.m.targets.begin(), relative_head.begin(), relative_head.end());
          st.m.relative_target = true;
        }
        break;
      }
      if (k != K::kWord || !p.elements[i].optional) break;
    }
  }
  // "The agreement was signed by Israel and the UAE", "New sanctions were imposed on Iran by
  // the United States": a passive whose subject is the pattern's first word after the anchor
  // (the object of the active verb, right before "was"/"were"/"has been"): the rest of the
  // pattern follows the anchor, and the agent after "by" is the source (no agent: no match).
  bool object_subject = false;
  const State before_forward = st;
  if (!st.m.relative_target && !Forward(&st, p.anchor + 1, anchor + 1)) {
    st = before_forward;
    size_t ei = p.anchor + 1;
    if (ei < p.elements.size() && p.elements[ei].kind == K::kGap) ++ei;
    if (!st.m.passive || st.passive_slot_pending || p.anchor != 0 || ei >= p.elements.size() ||
        p.elements[ei].kind != K::kWord || p.elements[ei].optional)
      return false;
    int t = anchor - 1;
    while (t > 0 && (IsBeForm(s.lower[t]) || In(s.lower[t], {"has", "have", "had", "also", "not", "reportedly", "jointly"})))
      --t;
    if (t == anchor - 1 || t < 0 || !In(s.lower[t + 1], {"was", "were", "is", "are", "has", "have", "had"}))
      return false;
    // "The British-flagged tanker, which was seized by Iranian forces": the subject of a relative
    // clause is the noun the clause hangs on, right before the pronoun (and its comma).
    if (t >= 1 && In(s.lower[t], {"which", "that"})) {
      --t;
      if (t >= 1 && s.lower[t] == ",") --t;
    }
    if (IsFunctionWord(s.lower[t])) return false;
    // The subject noun: the pattern's required words from ei on ("martial law"), ending at t or
    // before a modifier "on|against|in [the] X" naming an actor ("Sanctions on Yugoslavia were
    // lifted by the EU", "Martial law in Pakistan was declared by the army"): X is the target.
    size_t ej = ei;
    while (ej + 1 < p.elements.size() && p.elements[ej + 1].kind == K::kWord && !p.elements[ej + 1].optional) ++ej;
    auto noun_ends_at = [&](int h) {
      for (size_t e = ej + 1; e-- > ei; --h)
        if (h < 0 || !WordMatches(s, p.elements[e], h)) return false;
      return true;
    };
    int modifier = -1;  // the actor mention of the subject's modifier, if any
    if (!noun_ends_at(t)) {
      int k = s.mention_at[t];
      if (k < 0 || s.mention_range[k].end != t + 1) return false;
      int o = s.mention_range[k].first - 1;
      while (o > 0 && IsDeterminer(s.lower[o])) --o;
      if (o < 1 || !In(s.lower[o], {"on", "against", "in"}) || !noun_ends_at(o - 1)) return false;
      modifier = k;
    }
    if (!Forward(&st, static_cast<int>(ej) + 1, anchor + 1)) return false;
    object_subject = true;
    if (modifier >= 0 && st.m.targets.empty()) st.m.targets.push_back(modifier);
    // "Two Iranian diplomats were expelled by Bahrain", "The Dutch ambassador was summoned by
    // Turkey": the subject word ends an actor mention with a country (a demonym or possessor
    // qualifies it): that actor is the target, as in the active "expelled two Iranian diplomats".
    int k = s.mention_at[t];
    if (st.m.targets.empty() && k >= 0 && s.mention_range[k].end == t + 1 && s.mention_range[k].first < t &&
        !s.mentions[k].actor.country.empty())
      st.m.targets.push_back(k);
    // "Two Iranian oil platforms were destroyed by US warships": a demonym or state before the
    // subject noun (at most two plain words between) names the state whose thing it is (tgt22).
    for (int u = t - 1; st.m.targets.empty() && k < 0 && u >= 0 && u >= t - 3; --u) {
      int q = s.mention_at[u];
      if (q >= 0) {
        if (s.mention_range[q].end == u + 1 && !s.mentions[q].actor.country.empty() &&
            s.mentions[q].kind == actors::ActorMention::Kind::kState)
          st.m.targets.push_back(q);
        break;
      }
      if (u < t && (IsFunctionWord(s.lower[u]) || IsDeterminer(s.lower[u]) || s.IsBoundary(u) || s.IsCount(u))) break;
    }
  }
  int end = st.last_token;
  int verb_end = st.verb_last;
  st.m.first = anchor;
  // "Two Israeli soldiers were captured by Hezbollah fighters" for "SRC capture TGT": in a
  // passive the subject fills the TGT slot after the anchor, so a lone SRC slot before it is
  // the agent's ("by X" below), not the subject's.
  bool agent_fills_source = st.m.passive && !st.passive_slot_pending && p.anchor == 1 &&
                            p.elements[0].kind == K::kSource && !p.elements[0].optional;
  if (agent_fills_source) {
    // (Only with an actor as the subject: "a helicopter that was captured by X" is no act on one.)
    int t = anchor - 1;
    while (t > 0 && (IsBeForm(s.lower[t]) || In(s.lower[t], {"has", "have", "had", "also", "not", "reportedly"}))) --t;
    if (t < 0 || s.mention_at[t] < 0 || s.mention_range[s.mention_at[t]].end != t + 1) return false;
  }
  // "Israel's shelling of Qana, which killed 100 civilians, drew condemnation from France",
  // "A U.S. airstrike on a hospital killed 19 people, drawing condemnation from the charity": a
  // reaction drawn by the sentence's subject, an act told as a noun whose doer opens the sentence
  // ("X's <noun>", "(a|the) X <noun>"), is aimed at that doer however long the subject is, and
  // not at an actor named inside it ("X's raids on Y drew criticism from Z": X) (nom23).
  auto reaction_subject = [&]() {
    if (p.anchor != 2 || p.elements[0].kind != K::kTarget || p.elements[1].kind != K::kGap) return -1;
    if (!In(s.lemma[anchor], {"draw", "receive", "earn", "attract", "provoke", "spark", "trigger"})) return -1;
    int t = 0;
    while (t < anchor && IsDeterminer(s.lower[t])) ++t;
    int q = t < anchor ? s.mention_at[t] : -1;
    if (q < 0 || s.mention_range[q].first != t || s.mentions[q].actor.country.empty()) return -1;
    int e = s.mention_range[q].end;
    if (e + 1 >= anchor) return -1;
    bool noun_subject = IsPossessive(s.lower[e]) || (s.mention_at[e] < 0 && ModifiesNoun(s, q));
    if (!noun_subject) return -1;
    for (int x = e; x < anchor; ++x)
      if (s.IsBoundary(x) || s.speech_end[x] >= 0) return -1;
    return q;
  };
  if (p.anchor > 0 && !agent_fills_source) {
    int q = reaction_subject();
    if (q < 0 && !Backward(&st, p.anchor - 1, anchor - 1)) return false;
    if (q >= 0) {
      // (The match keeps its own span: the subject's clause may hold acts of its own.)
      st.m.targets.assign(1, q);
      if (st.m.first > anchor || st.m.first < 0) st.m.first = anchor;
    }
  }
  // "Iraq's invasion of Kuwait drew condemnation from X": a target before the anchor that is the
  // object of "of" after a noun with a possessor ("Iraq's invasion of") stands for that act;
  // the reaction is aimed at its doer, the possessor (tgt22).
  if (p.anchor > 0 && p.elements[0].kind == K::kTarget && st.m.targets.size() == 1) {
    int kf = s.mention_range[st.m.targets[0]].first;
    int o = kf - 1;
    while (o > 0 && (IsDeterminer(s.lower[o]) || s.IsCount(o))) --o;
    if (kf < anchor && o >= 3 && s.lower[o] == "of" && IsPossessive(s.lower[o - 2]) && s.mention_at[o - 1] < 0 &&
        !IsFunctionWord(s.lower[o - 1])) {
      int q = s.mention_at[o - 3];
      if (q >= 0 && s.mention_range[q].end == o - 2 && !s.mentions[q].actor.country.empty()) st.m.targets[0] = q;
    }
  }
  st.m.end = end;
  st.m.verb_end = verb_end;
  if (st.m.passive) {
    // Agent: "by X" within three tokens after the match, or after a list of participles
    // coordinated with the anchor ("were arrested, tortured and killed by Ugandan troops").
    int agent_from = end;
    {
      int i = end, participles = 0;
      while (i < s.size() && i <= end + 8 && s.mention_at[i] < 0 && !s.IsBoundary(i)) {
        const std::string& w = s.lower[i];
        if (In(w, {",", "and", "or", "then"})) {
          ++i;
          continue;
        }
        if (w.size() > 3 && s.lemma[i] != w && (EndsWith(w, "ed") || EndsWith(w, "en"))) {
          ++participles;
          ++i;
          continue;
        }
        break;
      }
      if (participles > 0 && i < s.size() && s.lower[i] == "by" && !In(s.lower[i - 1], {",", "and", "or", "then"}))
        agent_from = i;
    }
    for (int i = agent_from; i < s.size() && i <= agent_from + 3; ++i) {
      if (s.IsBoundary(i)) break;
      // "were killed at the hands of Somali gunmen": the agent as "by X" (tgt22).
      bool hands = s.lower[i] == "at" && i + 4 < s.size() && s.lower[i + 1] == "the" && s.lower[i + 2] == "hands" &&
                   s.lower[i + 3] == "of";
      if ((s.lower[i] == "by" || hands) && i + 1 < s.size()) {
        int j = hands ? i + 4 : i + 1;
        while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
        // "attended by the leaders of Jordan and Israel": the agent is the states the leaders
        // head (their sector is the coder's, LeadersOfList).
        if (j + 2 < s.size() && s.mention_at[j] < 0 && IsLeaderNoun(s.lemma[j]) && s.lower[j + 1] == "of") {
          j += 2;
          while (j < s.size() && IsDeterminer(s.lower[j])) ++j;
        }
        if (j < s.size() && s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j) {
          st.m.end = ExpandRight(s, j, &st.m.sources);
        }
        break;
      }
    }
    if (object_subject) {
      // (No agent: no match, except for a curfew, martial law or a state of emergency, which
      // only a government declares.)
      if (st.m.sources.empty()) {
        if (!p.cameo || (p.cameo->code != "1723" && p.cameo->code != "1724")) return false;
        st.m.agentless_object = true;
      }
      st.m.passive = false;  // the agent is the source; the targets are the pattern's own
      // The match ends before the agent, so that what the act is done to may be read after it as
      // after an active verb ("Martial law was declared in Pakistan by the army": Pakistan).
      st.m.end = end;
    }
    // "was killed in a US drone strike", "were wounded in an Israeli air raid": with no "by", the
    // actor qualifying an attack noun after "in"/"during" right after the match is the agent
    // (one plain word may stand between: "drone", "air").
    if (st.m.sources.empty() && end < s.size() && In(s.lower[end], {"in", "during"})) {
      int j = end + 1;
      while (j < s.size() && (IsDeterminer(s.lower[j]) || s.IsCount(j))) ++j;
      int k = j < s.size() ? s.mention_at[j] : -1;
      if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty()) {
        int n = s.mention_range[k].end;
        auto attack = [&](int t) {
          return In(s.lower[t], {"strike", "strikes", "airstrike", "airstrikes", "attack", "attacks", "raid", "raids",
                                 "bombing", "bombings", "shelling", "offensive", "ambush", "assault", "bombardment",
                                 "crackdown", "operation"});
        };
        if (n + 1 < s.size() && s.mention_at[n] < 0 && ModifiesNoun(s, k) && !attack(n)) ++n;  // "US drone strike"
        if (n < s.size() && attack(n)) st.m.sources.push_back(k);
      }
    }
    // "Israeli troops, backed by tanks, attacked ...": support or company given by a means of no
    // country (tanks, jets, helicopters, troops) in a phrase set off by a comma is no act of
    // support, only how the sentence's act was done (not people of no country: "backed by
    // rebels").
    if (!st.m.sources.empty() && anchor > 0 && s.lower[anchor - 1] == "," &&
        In(s.lemma[anchor], {"back", "support", "accompany", "escort", "assist", "cover", "aid", "help", "protect"})) {
      bool means = true;
      for (int k : st.m.sources) {
        const auto& a = s.mentions[k];
        means = means && a.kind == actors::ActorMention::Kind::kAgent && a.actor.country.empty() &&
                !IsPeopleGroupSector(a.actor.sector);
      }
      if (means) return false;
    }
  }
  *out = std::move(st.m);
  return true;
}

// Mentions ending at `end` (exclusive) joined by connectors, leftwards; returns start token.
int ExpandLeft(const SentenceView& s, int k, std::vector<int>* out) {
  out->push_back(k);
  int first = s.mention_range[k].first;
  bool last_link = true;  // the link before the actor named last ("and Japan")
  while (first > 0) {
    int j = first - 1;
    if (IsDeterminer(s.lower[j]) && j > 0) --j;  // "South Korea, the United States and Japan"
    // ("Neither South Korea nor Japan sent troops": "nor" joins subjects as "and" does.)
    if (s.lower[j] == "and" || s.lower[j] == "&" || s.lower[j] == "nor") {
      --j;
      if (j >= 0 && s.lower[j] == ",") {
        --j;
        // "accused Russia of poisoning a former spy, and the Kremlin denied": ", and" before the
        // actor named last with only one actor before it (no "X, Y, and Z") joins two clauses,
        // not two subjects; the actor after it alone is the subject.
        if (last_link) {
          int p = j;
          if (p >= 0 && s.mention_at[p] >= 0 && s.mention_range[s.mention_at[p]].end == p + 1) {
            p = s.mention_range[s.mention_at[p]].first - 1;
            if (p > 0 && IsDeterminer(s.lower[p])) --p;
            bool more = p > 0 && In(s.lower[p], {",", "and", "&"}) && s.mention_at[p - 1] >= 0;
            if (!more) break;
          }
        }
      }
    } else if (s.lower[j] == ",") {
      // A bare comma right before the actor named last, in a clause that opens with a
      // preposition, closes that opening phrase: "With respect to Liberia, we welcome", "With
      // regard to Western Sahara, Morocco accepted", "As for the Secretary-General, Mr. X, we
      // thank" (no list: the actor after the comma alone is the subject).
      if (last_link) {
        int c = j;
        while (c > 0 && !s.IsBoundary(c - 1)) --c;
        if (In(s.lower[c], {"with", "as", "regarding", "concerning", "on", "in", "for", "about", "turning",
                            "at", "during", "after", "since", "to", "from", "under", "within"}))
          break;
        // Nor is it a list when that actor is followed by no connector: "Given its relations with
        // the European Union, Tunisia will enhance" (not "X, Y and Z", nor the apposition
        // "South Korea's president, Yoon Suk Yeol, agreed").
        int after = s.mention_range[k].end;
        if (after < s.size() && !In(s.lower[after], {",", "and", "&", "or", "(", ")"})) break;
      }
      --j;
    } else {
      break;
    }
    if (j >= 0 && IsDeterminer(s.lower[j])) --j;
    // "The Chinese foreign minister, Wang Yi, and his Russian counterpart, Sergei Lavrov,": a
    // title in apposition before a name (after a bare comma) is the same person; the list goes
    // on before the title's "and".
    if (j >= 2 && s.lower[j + 1] == "," && s.mention_at[j] < 0 &&
        (s.lemma[j] == "counterpart" || s.lower[j] == "counterparts" || IsLeaderNoun(s.lemma[j]))) {
      int t = j - 1;
      while (t > 0 && t >= j - 4 && !In(s.lower[t], {"and", ",", "&", "or"}) && !s.IsBoundary(t) &&
             s.speech_end[t] < 0)
        --t;
      if (t < 1 || s.lower[t] != "and") break;
      j = t - 1;
      if (s.lower[j] == ",") --j;
      if (j >= 0 && IsDeterminer(s.lower[j])) --j;
    }
    if (j < 0 || s.mention_at[j] < 0 || s.mention_range[s.mention_at[j]].end != j + 1) break;
    int kk = s.mention_at[j];
    int f = s.mention_range[kk].first;
    // "Foreign ministers from Britain, France and Germany held talks", "Leaders from Iran, Belarus
    // and Cuba attended": a list after "from" that says where people come from keeps its first
    // member (nom23).
    bool people_from = f > 1 && s.lower[f - 1] == "from" &&
                       In(s.lower[f - 2], {"ministers", "leaders", "officials", "delegations", "delegates",
                                           "representatives", "envoys", "diplomats", "heads", "presidents",
                                           "lawmakers", "parliamentarians", "negotiators", "troops", "soldiers"});
    if (f > 0 && s.IsLocativePreposition(f - 1) && !people_from) break;
    out->insert(out->begin(), kk);
    first = f;
    last_link = false;
  }
  return first;
}

bool IsRelativeStart(const std::string& w) {
  return In(w, {"who", "which", "whose", "whom", "where", "when", "while", "the", "a", "an", "also",
                "including", "as", "after", "before", "despite"});
}

bool IsLeaderNoun(const std::string& w) {
  return In(w, {"leader", "leaders", "head", "heads", "president", "presidents", "delegation", "delegations",
                "representative", "representatives", "official", "officials", "government", "governments",
                "minister", "ministers", "envoy", "envoys"});
}

bool IsSubjectPronoun(const std::string& w) { return In(w, {"he", "she", "it", "they"}); }

// Tokens [from, to) are only auxiliaries, negation and adverbs ("he had not yet", "she would").
bool OnlyVerbWordsBetween(const SentenceView& s, int from, int to) {
  for (int i = from; i < to; ++i) {
    const std::string& x = s.lower[i];
    bool adverb = x.size() > 3 && x.compare(x.size() - 2, 2, "ly") == 0;
    if (!adverb && !In(x, {"had", "has", "have", "would", "will", "could", "may", "might", "must", "should",
                           "was", "is", "not", "n't", "also", "later", "then", "yet", "never", "again",
                           "did", "does", "can", "be", "been", "'d", "'ll", "to", "still", "had"}))
      return false;
  }
  return true;
}

// As OnlyVerbWordsBetween, also passing a verb of aspect before the act ("he had begun
// investigating", "she started talks").
bool OnlyVerbOrAspectWordsBetween(const SentenceView& s, int from, int to) {
  for (int i = from; i < to; ++i)
    if (!OnlyVerbWordsBetween(s, i, i + 1) &&
        !In(s.lower[i], {"begin", "began", "begun", "begins", "start", "started", "starts", "continue", "continued",
                         "continues", "resume", "resumed", "resumes"}))
      return false;
  return true;
}

// "told reporters", "told Putin": the one told, right after a saying verb.
bool ObjectOfSaying(const SentenceView& s, int k) {
  int first = s.mention_range[k].first;
  for (int j = std::max(0, first - 3); j < first; ++j)
    if (s.speech_end[j] == first && In(s.lower[j], {"told", "tell", "tells", "telling", "informed", "briefed"}))
      return true;
  return false;
}

// A mention followed by "'s" and a word that is not part of another mention: the possessor of
// something ("Russia's legitimate security concerns").
bool IsPossessor(const SentenceView& s, int k) {
  int end = s.mention_range[k].end;
  return end + 1 < s.size() && IsPossessive(s.lower[end]) && s.mention_at[end + 1] < 0 &&
         !(s.flags[end + 1] & Token::kCapitalized) && s.lower[end + 1] != "leader" &&
         s.lower[end + 1] != "government" && s.lower[end + 1] != "president";
}

// A mention starting at `first` inside a phrase of place: "in northwestern Syria('s Idlib
// province)", "near the Syrian border" (a locative preposition, then at most a determiner and a
// compass adjective).
bool AfterLocative(const SentenceView& s, int first) {
  int j = first - 1;
  if (j >= 0 && IsDirectionWord(s.lower[j])) --j;
  if (j >= 0 && IsDeterminer(s.lower[j])) --j;
  return j >= 0 && s.IsLocativePreposition(j);
}

// A generic agent of no country used as a noun modifier: "military operation", "inter-Korean
// military agreement" (the next word is an uninflected lower-case word that is no function word).
bool IsModifierAgent(const SentenceView& s, int k) {
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kAgent || !am.actor.country.empty()) return false;
  int end = s.mention_range[k].end;
  if (end >= s.size() || s.mention_at[end] >= 0 || s.speech_end[end] >= 0) return false;
  const std::string& w = s.lower[end];
  if (w.empty() || !(w[0] >= 'a' && w[0] <= 'z') || s.lemma[end] != w) return false;
  if (w.size() > 3 && (w.compare(w.size() - 2, 2, "ed") == 0 || w.compare(w.size() - 3, 3, "ing") == 0))
    return false;
  return !In(w, {"and", "or", "of", "in", "on", "at", "to", "for", "from", "with", "by", "who", "which",
                 "that", "has", "have", "had", "is", "are", "was", "were", "be", "will", "would", "could",
                 "may", "might", "must", "can", "should", "also", "did", "does", "do", "not", "never",
                 "then", "later", "again", "still", "say", "warn", "fire", "launch", "attack", "arrest",
                 "open", "hold", "meet", "sign", "begin", "start", "seize", "kill", "raid", "shoot"});
}

// Tokens [from, to) between the end of a relative clause and the verb after it are only
// auxiliaries and adverbs, a time phrase ("on Monday", "last week") or a phrase of place ("in
// Beijing", "near the border"), and at most a closing comma right before the verb.
bool AdjunctsOnly(const SentenceView& s, int from, int to) {
  if (to - from > 8) return false;
  for (int t = from; t < to;) {
    const std::string& w = s.lower[t];
    if (s.IsBoundary(t) || s.speech_end[t] >= 0) return false;
    if (w == ",") {
      if (t != to - 1) return false;
      ++t;
      continue;
    }
    if (OnlyVerbWordsBetween(s, t, t + 1) && w != "to") {
      ++t;
      continue;
    }
    int tp = TimePhraseAt(s, t);
    if (tp > 0) {
      t += tp;
      continue;
    }
    if (s.IsLocativePreposition(t)) {
      int j = t + 1;
      if (j < to && IsDirectionWord(s.lower[j])) ++j;
      if (j < to && IsDeterminer(s.lower[j])) ++j;
      if (j < to && IsDirectionWord(s.lower[j])) ++j;
      if (j < to && s.mention_at[j] >= 0 && s.mention_range[s.mention_at[j]].first == j) {
        t = s.mention_range[s.mention_at[j]].end;
        continue;
      }
      if (j < to && s.place_at[j] >= 0) {
        while (j < to && s.place_at[j] >= 0) ++j;
        t = j;
        continue;
      }
      return false;
    }
    return false;
  }
  return true;
}

// "The official who met the Chinese ambassador declined to comment", "Iranian officials who
// visited Baghdad on Monday condemned the strike": mention `k`, found before the verb at
// `verb`, is an object inside a relative clause that modifies the verb's subject (the clause's
// own verb stands between its relative pronoun and `k`; only auxiliaries, adverbs and phrases
// of time or place stand between `k` and the verb). Returns the token of the relative pronoun,
// or -1. The noun before the pronoun (before its comma when a comma also closes the clause) is
// then the subject: *head_end is the token after it. Not after a verb ("warned that",
// "said that") nor across clause punctuation, a conjunction or a saying verb.
int RelativeClauseObject(const SentenceView& s, int k, int verb, int* head_end) {
  const int kf = s.mention_range[k].first, ke = s.mention_range[k].end;
  // "The British diplomat whom Iran expelled on Sunday arrived in London": `k` is the subject of
  // an object relative clause, right after "whom" (or "that" after a determiner and a noun), and
  // the clause's own verb and adjuncts stand between it and `verb` (tgt22).
  if (ke < verb && !AdjunctsOnly(s, ke, verb) && AdjunctsOnly(s, ke + 1, verb) && s.mention_at[ke] < 0 &&
      !IsFunctionWord(s.lower[ke]) && !s.lower[ke].empty() && s.lower[ke][0] >= 'a' && s.lower[ke][0] <= 'z' &&
      s.speech_end[ke] < 0 && s.lemma[ke] != "say") {
    int r = kf - 1;
    while (r > 0 && IsDeterminer(s.lower[r])) --r;
    if (r >= 2 && (s.lower[r] == "whom" || s.lower[r] == "that")) {
      const int h = r - 1;
      const std::string& before = s.lower[h];
      bool actor = s.mention_at[h] >= 0 && s.mention_range[s.mention_at[h]].end == h + 1;
      bool noun = !before.empty() && before[0] >= 'a' && before[0] <= 'z' && !IsFunctionWord(before) &&
                  !EndsWith(before, "ed") && !EndsWith(before, "ly") && s.lemma[h] != "say" && s.speech_end[h] < 0 &&
                  IsDeterminer(s.lower[h - 1]);
      if (actor || noun) {
        *head_end = h + 1;
        return r;
      }
    }
    return -1;
  }
  if (ke > verb || !AdjunctsOnly(s, ke, verb)) return -1;
  const bool closing_comma = verb > ke && s.lower[verb - 1] == ",";
  for (int r = kf - 1; r > 0 && r >= kf - 8; --r) {
    const std::string& w = s.lower[r];
    if (s.IsBoundary(r) || In(w, {",", ";", "and", "but", "or"}) || s.speech_end[r] >= 0) return -1;
    if (s.mention_at[r] >= 0) return -1;
    if (!In(w, {"who", "which", "that", "whom"})) continue;
    bool own_verb = false;  // a word other than determiners and time phrases between the pronoun and `k`
    for (int t = r + 1; t < kf && !own_verb; ++t) {
      int tp = TimePhraseAt(s, t);
      if (tp > 0) t += tp - 1;
      else own_verb = !IsDeterminer(s.lower[t]);
    }
    if (!own_verb) return -1;
    int h = r - 1;
    if (s.lower[h] == ",") {
      if (!closing_comma) return -1;
      --h;
    } else if (closing_comma) {
      return -1;
    }
    if (h < 0) return -1;
    const std::string& before = s.lower[h];
    bool actor = s.mention_at[h] >= 0 && s.mention_range[s.mention_at[h]].end == h + 1;
    bool noun = !before.empty() && before[0] >= 'a' && before[0] <= 'z' && !IsFunctionWord(before) &&
                !EndsWith(before, "ed") && !EndsWith(before, "ly") && s.lemma[h] != "say" && s.speech_end[h] < 0 &&
                !(h < static_cast<int>(s.date_end.size()) && s.date_end[h] >= 0);
    if (!actor && !noun) return -1;
    // ("announce that last week X acceded": after "that", a plain word is a noun only after a
    // determiner or a count.)
    if (!actor && w == "that" && !(h > 0 && (IsDeterminer(s.lower[h - 1]) || In(s.lower[h - 1], {"this", "those", "these"}) ||
                                               s.IsCount(h - 1))))
      return -1;
    *head_end = h + 1;
    return r;
  }
  return -1;
}

// "X said Iran would keep supporting Baghdad and accused ...": a past-tense verb at `m` right
// after "and" cannot share the modal of the verb before it ("would keep"): when a saying verb
// stands before that modal in the clause (no other past-tense verb between the modal and
// "and"), returns the saying verb's token, else -1.
int SayingVerbAbove(const SentenceView& s, const PatternMatch& m) {
  if (m.first != m.anchor || m.first < 3 || s.lower[m.first - 1] != "and") return -1;
  const std::string& w = s.lower[m.anchor];
  if (!EndsWith(w, "ed") || s.lemma[m.anchor] == w) return -1;
  bool modal = false;
  for (int j = m.first - 2; j >= 0 && j >= m.first - 20; --j) {
    const std::string& x = s.lower[j];
    if (s.IsBoundary(j) || x == ";") return -1;
    if (s.speech_end[j] >= 0 && s.speech_end[j] <= m.first - 1) return modal ? j : -1;
    if (In(x, {"would", "will", "could", "can", "may", "might", "must", "shall", "should", "'ll"})) modal = true;
    if (!modal && EndsWith(x, "ed") && s.lemma[j] != x && s.mention_at[j] < 0) return -1;
  }
  return -1;
}

SourceFinding WindowFinder::FindSource(const SentenceView& s, const PatternMatch& m,
                                       const std::vector<PatternMatch>& earlier) const {
  SourceFinding f;
  // "X said Iran would keep supporting Baghdad and accused the United States": the subject of
  // the saying verb (SayingVerbAbove), and the cues after "and" only.
  if (!m.passive) {
    int said = SayingVerbAbove(s, m);
    if (said >= 0) {
      PatternMatch sm = m;
      sm.first = sm.anchor = sm.verb_first = said;
      sm.end = sm.verb_end = said + 1;
      SourceFinding sf = FindSource(s, sm, {});
      if (!sf.mentions.empty()) {
        sf.speaker = -1;
        sf.scope_begin = m.first - 1;
        return sf;
      }
    }
  }
  // "Japanese citizens abducted by North Korea": the noun a passive participle follows right
  // away is what the act is done to (the coder makes the passive's subject its target), even
  // as the object of a preposition ("the issue of Japanese citizens abducted by ...").
  if (m.passive && m.first == m.anchor && m.first > 0 && s.mention_at[m.first - 1] >= 0 &&
      s.mention_range[s.mention_at[m.first - 1]].end == m.first && m.first + 1 < s.size() &&
      s.lower[m.first + 1] == "by" && LooksPassive(s, m.anchor)) {
    int first = ExpandLeft(s, s.mention_at[m.first - 1], &f.mentions);
    f.scope_begin = std::max(0, first);
    return f;
  }
  // "With Russian forces shelling Kharkiv, ...": after "with", the actor right before a present
  // participle is its subject (an absolute phrase), not the object of the preposition.
  if (!m.passive && m.first == m.anchor && m.first > 1 && EndsWith(s.lower[m.first], "ing") &&
      s.mention_at[m.first - 1] >= 0 && s.mention_range[s.mention_at[m.first - 1]].end == m.first) {
    int f0 = s.mention_range[s.mention_at[m.first - 1]].first;
    while (f0 > 0 && IsDeterminer(s.lower[f0 - 1])) --f0;
    if (f0 > 0 && s.lower[f0 - 1] == "with") {
      ExpandLeft(s, s.mention_at[m.first - 1], &f.mentions);
      f.scope_begin = m.first;
      return f;
    }
  }
  // "After meeting Xi, Putin praised China", "Having met Xi, Putin ...": a participle in a phrase
  // that opens the sentence and ends in a comma is done by the subject of the main clause, the
  // actor right after that comma (when no connector follows it: that actor is no list member).
  // So is a meeting or visit (04x) told as a noun right after an opening "after/following"
  // ("Following talks with Russia, the Ukrainian president said ...": weak25); not other acts
  // ("After attacks on its troops, Israel ..." names no attacker).
  if (!m.passive && m.first == m.anchor && m.first > 0) {
    int o = m.first - 1;
    bool having = s.lower[o] == "having";
    if (having && o > 0 && In(s.lower[o - 1], {"after", "since"})) --o;
    bool meeting_noun = In(s.lower[o], {"after", "following"}) && !EndsWith(s.lower[m.first], "ing") &&
                        m.pattern->cameo && m.pattern->cameo->code.compare(0, 2, "04") == 0;
    bool opens = EndsWith(s.lower[m.first], "ing") || having || meeting_noun;
    opens = opens && (having || In(s.lower[o], {"after", "before", "since", "while", "upon", "on", "when",
                                                 "without", "following"}));
    if (opens && (o == 0 || s.IsBoundary(o - 1))) {
      int c = m.verb_end;
      while (c < s.size() && c < m.first + 15 && s.lower[c] != "," && !s.IsBoundary(c)) ++c;
      int a = c + 1;
      while (a < s.size() && IsDeterminer(s.lower[a])) ++a;
      if (c < s.size() && s.lower[c] == "," && a < s.size() && s.mention_at[a] >= 0 &&
          s.mention_range[s.mention_at[a]].first == a) {
        std::vector<int> subject;
        int e = ExpandRight(s, a, &subject);
        if (e < s.size() && !In(s.lower[e], {",", "and", "&", "or", ".", ";", ":", "'s", "'"})) {
          f.mentions = subject;
          f.scope_begin = o;
          return f;
        }
      }
    }
  }
  // "critics blame the atmosphere of hostility for denying them entry": the act after "for" or
  // "of" that follows a verb of blame or praise is done by the one blamed; when no actor stands
  // between that verb and "for"/"of", the act has no source here (no actor further away).
  if (!m.passive && m.first == m.anchor && m.first > 2 && EndsWith(s.lower[m.first], "ing") &&
      In(s.lower[m.first - 1], {"for", "of"})) {
    for (int j = m.first - 2; j >= 0 && j >= m.first - 10; --j) {
      // (A pronoun between, "to thank him for attending", is the window's to resolve.)
      if (s.IsBoundary(j) || s.mention_at[j] >= 0 || In(s.lower[j], {",", ";", "him", "her", "them", "it", "us"}))
        break;
      if (In(s.lemma[j], {"accuse", "blame", "criticize", "criticise", "condemn", "praise", "thank", "commend",
                          "fault", "suspect", "punish", "congratulate"})) {
        f.scope_begin = m.first;
        return f;
      }
    }
  }
  // ", killing one person and arresting 12": a participle set off by a comma, or coordinated
  // with such a participle, hangs on the clause before it and shares its subject.
  if (!earlier.empty() && m.first == m.anchor && m.first > 0) {
    const std::string& w = s.lower[m.first];
    const PatternMatch& last = earlier.back();
    bool ing = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
    const std::string& before = s.lower[m.first - 1];
    const std::string& lw = s.lower[last.anchor];
    bool after_ing = before == "and" && last.verb_end <= m.first - 1 && lw.size() > 4 &&
                     lw.compare(lw.size() - 3, 3, "ing") == 0 && last.anchor > 0 && s.lower[last.anchor - 1] == ",";
    if (ing && ((before == "," && last.verb_end <= m.first - 1) || after_ing)) {
      f.shared_with = static_cast<int>(earlier.size()) - 1;
      f.scope_begin = m.first;
      return f;
    }
  }
  // "Putin met Erdogan, who criticized the United States", "Trump praised Kim Jong Un, who had
  // criticized Seoul": the subject of a verb right after ", who" is the actor before the comma
  // (not the earlier verb's subject, whose target that actor is).
  if (m.first == m.anchor && m.first > 2 && !m.passive) {
    int r = m.first - 1;
    while (r > 2 && OnlyVerbWordsBetween(s, r, r + 1) && s.lower[r] != "to") --r;
    if (s.lower[r] == "who" && s.lower[r - 1] == "," && OnlyVerbWordsBetween(s, r + 1, m.first)) {
      int k = s.mention_at[r - 2];
      if (k >= 0 && s.mention_range[k].end == r - 1) {
        ExpandLeft(s, k, &f.mentions);
        f.scope_begin = r + 1;
        return f;
      }
    }
  }
  // "companies that traded with North Korea", "a journalist who criticised the government of
  // Iraq": the subject of a verb in a restrictive relative clause is the noun before the
  // relative pronoun: that actor, or no actor at all when the noun names none.
  // (A gerund after "that" opens a clause of its own: "told Putin that helping Russia was ...".)
  if (m.first == m.anchor && !EndsWith(s.lower[m.first], "ing")) {
    int r = m.first - 1;
    while (r > 0 && OnlyVerbWordsBetween(s, r, r + 1) && s.lower[r] != "to") --r;
    if (r > 0 && r < m.first && In(s.lower[r], {"who", "that", "which"}) && OnlyVerbWordsBetween(s, r + 1, m.first) &&
        s.lower[r - 1] != "," && s.speech_end[r - 1] < 0 && !s.IsBoundary(r - 1) &&
        !In(s.lower[r - 1], {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                             "yesterday", "tonight", "week", "month", "year", "morning", "evening", "night"})) {
      int k = s.mention_at[r - 1];
      const std::string& before = s.lower[r - 1];
      bool noun = !before.empty() && before[0] >= 'a' && before[0] <= 'z' && !IsFunctionWord(before) &&
                  !EndsWith(before, "ed") && !EndsWith(before, "ly") && s.lemma[r - 1] != "say" &&
                  !(s.speech_end[r - 1] >= 0);
      if (k >= 0 && s.mention_range[k].end == r) {
        ExpandLeft(s, k, &f.mentions);
        f.scope_begin = r + 1;
        return f;
      }
      if (noun) {  // (a "that" after a verb, "warned that", is no relative pronoun)
        f.scope_begin = r + 1;
        return f;  // no actor
      }
    }
  }
  // The same participle after a clause whose verb is no event ("Trump responded in a post on
  // social media addressed to Xi, asking him to ...", "Egyptian police fired on militants,
  // killing two"): the subject opening that clause (after a saying verb, or an opening phrase
  // set off by a comma) is its subject too.
  if (m.first == m.anchor && m.first > 1 && s.lower[m.first - 1] == "," && EndsWith(s.lower[m.first], "ing") &&
      (earlier.empty() || earlier.back().verb_end > m.first - 1 || earlier.back().end < m.first - 1)) {
    int cs = 0;
    for (int t = m.first - 2; t >= 0; --t) {
      if (s.IsBoundary(t) || (s.speech_end[t] >= 0 && s.speech_end[t] <= m.first - 1)) {
        cs = s.IsBoundary(t) ? t + 1 : s.speech_end[t];
        break;
      }
    }
    int i = cs;
    // "In Cairo, police ...": an opening phrase up to its comma.
    if (i < m.first && In(s.lower[i], {"in", "on", "at", "after", "before", "during", "earlier", "later"})) {
      while (i < m.first - 1 && s.lower[i] != ",") ++i;
      ++i;
    }
    while (i < m.first && (IsDeterminer(s.lower[i]) || s.lower[i] == "that")) ++i;
    int k = i < m.first - 1 ? s.mention_at[i] : -1;
    if (k >= 0 && s.mention_range[k].first == i && s.mention_range[k].end < m.first - 1) {
      ExpandRight(s, i, &f.mentions);
      f.scope_begin = m.first;
      return f;
    }
  }
  // "analysts said the timing allowed Pyongyang to ...", "The trip had allowed Kim to ...", "police
  // said a car bomb killed ...": a noun phrase of a determiner and up to three plain lower-case
  // words that names no actor, right before the verb (auxiliaries and adverbs between) and opening
  // its clause (at the start, after a comma, "that" or a saying verb), is the verb's subject: a
  // thing, so the act has no actor as its source (violence then goes to the unidentified force
  // of its place, as for "A minefield explosion killed ...").
  if (!m.pattern->nominal && m.first == m.anchor && m.first >= 2) {
    int r = m.first - 1;
    while (r > 1 && s.lower[r] != "to" && OnlyVerbWordsBetween(s, r, r + 1)) --r;
    auto plain = [&](int t) {
      const std::string& w = s.lower[t];
      return s.mention_at[t] < 0 && s.place_at[t] < 0 && !w.empty() && w[0] >= 'a' && w[0] <= 'z' &&
             !IsFunctionWord(w) && !EndsWith(w, "ed") && !EndsWith(w, "ly") && s.speech_end[t] < 0;
    };
    int d = r;
    while (d > r - 3 && d >= 0 && plain(d)) --d;
    bool opens = d == 0 || (d > 0 && (s.IsBoundary(d - 1) || s.lower[d - 1] == "," || s.lower[d - 1] == "that" ||
                                      s.speech_end[d - 1] == d));
    // ("the two leaders", "the allies": people the coder reads otherwise, RefersToPair.)
    bool people = In(s.lower[r], {"sides", "leaders", "allies", "countries", "nations", "governments", "parties",
                                  "neighbours", "neighbors", "partners", "rivals", "states", "delegations",
                                  "officials", "ministers", "presidents", "men", "women"});
    for (int t = d + 1; t <= r && !people; ++t) people = In(s.lower[t], {"two", "three", "four", "both"});
    if (d >= 0 && d < r && opens && !people && s.mention_at[d] < 0 &&
        In(s.lower[d], {"the", "this", "that", "a", "an", "any", "such"})) {
      f.scope_begin = r + 1;
      return f;  // no actor
    }
  }
  int start = m.first - 1;
  // "Iran summoned the British ambassador to protest ...", "met the envoy to discuss ...": an
  // infinitive of purpose after the object of a verb that does not hand the act to its object
  // (unlike "urged X to", "allowed X to") is done by the subject; the object is passed over.
  // "Russia summoned the British ambassador and expelled him": a verb coordinated after the
  // object of a verb that is no event has that verb's subject too.
  if (m.first == m.anchor && m.first >= 3) {
    const std::string& link = s.lower[m.first - 1];
    int v = VerbBeforeObject(s, m.first - 2);
    if (v > 0 && ((link == "and" && !EndsWith(s.lower[m.first], "ing")) ||
                  (link == "to" &&
                   !In(s.lemma[v], {"urge", "ask", "call", "invite", "allow", "permit", "force", "press", "pressure",
                                    "persuade", "order", "tell", "encourage", "help", "want", "expect", "instruct",
                                    "authorize", "authorise", "enable", "appeal", "warn", "challenge", "beg",
                                    "require", "compel", "dare", "prompt", "push", "lead", "cause", "advise",
                                    "remind", "request", "convince", "train", "recruit", "pay", "hire", "elect",
                                    "appoint", "choose", "select", "need", "like", "prefer", "mandate", "empower",
                                    "commission", "assign", "send", "dispatch", "deploy"}))))
      start = v - 1;
  }
  int stop = std::max(-1, start - kMaxSourceScan);
  int speech_at = -1;
  int fallback = -1;  // a possessor or modifier passed over
  bool comma_seen = false;
  int i = start;
  while (i > stop) {
    const std::string& w = s.lower[i];
    if (s.IsBoundary(i) && w != "(" && w != ")") break;
    if (w == ")") {  // skip a parenthesis
      while (i > stop && s.lower[i] != "(") --i;
      --i;
      continue;
    }
    if (w == ",") {
      // "Although China criticized the visit, Pelosi met ...": the comma closing a clause that
      // opens the sentence with a subordinating word ends the scan for a finite verb; the subject
      // is after it. (An infinitive or participle may take its doer from the opening clause:
      // "While North Korea's priorities may lie elsewhere, many anticipate steps to improve
      // relations with Beijing".)
      // Only the first comma met, with the subject's words between it and the verb (not "When
      // Israel bombs, attacks, kills and takes ...", a list of verbs inside the opening clause).
      const bool first_comma = !comma_seen && i + 1 < m.first;
      comma_seen = true;
      if (first_comma && f.mentions.empty() && speech_at < 0 && !f.pronoun && m.first == m.anchor && m.first > 0 &&
          s.lower[m.first - 1] != "to" && !EndsWith(s.lower[m.first], "ing")) {
        int c = i - 1;
        while (c >= 0 && !s.IsBoundary(c) && s.lower[c] != ",") --c;
        int o = c + 1;
        if ((c < 0 || s.IsBoundary(c)) && o + 2 < i && i + 1 < s.size() && !In(s.lower[i + 1], {"and", "or", "but"}) &&
            In(s.lower[o], {"although", "though", "when", "whenever", "after", "as", "while", "because", "since",
                            "before", "if", "unless", "once", "whereas"}))
          break;
      }
      // ", who ... ," or ", the leader of Y," between a mention and the verb: skip it when a
      // mention stands before the first comma.
      // (Or a mention further left before that comma, in its stretch: "Israel's deportation of
      // 415 Palestinians on Thursday, a response to the killing of a policeman, was condemned by
      // ...": tgt26.)
      int j = i - 1;
      while (j > stop && s.lower[j] != "," && !s.IsBoundary(j)) --j;
      bool named_before = j - 1 >= 0 && s.mention_at[j - 1] >= 0;
      for (int q = j - 2; !named_before && q > stop && q >= j - 12 && s.lower[q] != "," && !s.IsBoundary(q); --q)
        named_before = s.mention_at[q] >= 0;
      if (j > stop && s.lower[j] == "," && j + 1 < i && IsRelativeStart(s.lower[j + 1]) && named_before) {
        i = j - 1;
        continue;
      }
      --i;
      continue;
    }
    if (s.speech_end[i] >= 0 && s.speech_end[i] <= m.first && speech_at < 0 && f.mentions.empty()) {
      speech_at = i;
      f.scope_begin = s.speech_end[i];
      --i;
      continue;
    }
    if (IsSubjectPronoun(w) && speech_at < 0) {
      f.pronoun = true;
      if (f.pronoun_at < 0) f.pronoun_at = i;  // the nearest to the verb
      // "Kim Jong Un left Beijing ..., during which he briefed Xi": "he" or "she" right before
      // the verb is its subject; it stands for the nearest person named before it in the
      // sentence (else, in the coder, the last source of the document).
      // "it" stands for the nearest state or organisation ("hosted by Russia since it invaded").
      if (w != "they" && OnlyVerbOrAspectWordsBetween(s, i + 1, m.first)) {
        bool person = w == "he" || w == "she";
        // (A person named as a possessor inside the phrase of a titled person before it is not
        // "he": "The judge in Duffy's trial ruled ... when he cleared Duffy" is the judge.)
        int possessor = -1;
        for (int j = i - 1; j >= -1; --j) {
          if (j < 0) {
            if (possessor >= 0) {
              f.mentions.push_back(possessor);
              f.scope_begin = i + 1;
              f.pronoun = false;
              f.pronoun_at = -1;
            }
            break;
          }
          int k = s.mention_at[j];
          if (k < 0) continue;
          if (person && possessor < 0 && s.mentions[k].kind == actors::ActorMention::Kind::kPerson &&
              IsPossessor(s, k)) {
            possessor = k;
            j = s.mention_range[k].first;
            continue;
          }
          auto kind = s.mentions[k].kind;
          // A person is a named one or a mention ending in a person's title ("the court's
          // prosecutor").
          const bool titled = IsPersonTitleNoun(s.lower[s.mention_range[k].end - 1]);
          bool fits = person ? kind == actors::ActorMention::Kind::kPerson || titled
                             : kind != actors::ActorMention::Kind::kPerson && !titled &&
                                   (kind != actors::ActorMention::Kind::kAgent || !s.mentions[k].actor.country.empty());
          if (fits) {
            f.mentions.push_back(k);
            f.scope_begin = i + 1;
            f.pronoun = false;
            f.pronoun_at = -1;
            break;
          }
        }
        break;
      }
    }
    int k = s.mention_at[i];
    bool taken = false;  // the target of an earlier match (handled below)
    for (const auto& em : earlier)
      taken = taken || (!em.passive && std::find(em.targets.begin(), em.targets.end(), k) != em.targets.end());
    if (k >= 0 && !taken && speech_at < 0 && (IsPossessor(s, k) || IsModifierAgent(s, k))) {
      // "Beijing understood Russia's legitimate concerns while calling ...", "Putin announced a
      // special military operation and warned": a possessor or a noun modifier is not the
      // subject when another mention stands further left in the clause; else it is the best
      // guess ("Kim's decision to attend").
      if (fallback < 0) fallback = k;
      i = s.mention_range[k].first - 1;
      continue;
    }
    if (k >= 0 && speech_at < 0 && ObjectOfSaying(s, k)) {
      i = s.mention_range[k].first - 1;  // "Putin told reporters that ... he would brief ..."
      continue;
    }
    if (k >= 0) {
      int first = s.mention_range[k].first;
      if (first > 1 && IsDeterminer(s.lower[first - 1])) --first;  // "near the presidential office"
      bool locative = AfterLocative(s, s.mention_range[k].first);
      // The object of a preposition is not the subject ("resistance against Japan"), except
      // "leaders of X".
      // ("to southern Lebanon": a direction word may stand between; tgt26.)
      int before = first - 1;
      if (before > 0 && s.mention_at[before] < 0 && IsDirectionWord(s.lower[before])) --before;
      bool object = before >= 0 && In(s.lower[before], {"against", "with", "to", "for", "by", "on", "about",
                                                          "over", "between", "among", "than", "toward",
                                                          "towards", "like", "via"});
      // Nor is any member of a coordinated agent after "by" ("the treaty signed by Moscow and
      // Pyongyang, and demanded ...": not Pyongyang).
      if (!object) {
        std::vector<int> group;
        int gf = ExpandLeft(s, k, &group);
        if (gf < first && gf > 1 && IsDeterminer(s.lower[gf - 1])) --gf;
        if (gf < first && gf > 0 && s.lower[gf - 1] == "by") {
          object = true;
          first = gf;
        }
      }
      // "Thousands of students", "a group of rebels", "members of X": a quantity or part of a
      // group is the group itself, the subject.
      if (first > 1 && s.lower[first - 1] == "of" && !IsLeaderNoun(s.lemma[first - 2]) &&
          !IsQuantityWord(s, first - 2))
        object = true;
      // "a series of U.S. airstrikes against ...": a mention right before the act's noun
      // qualifies the act (whose it is), whatever preposition stands before it.
      // ("Israeli air strikes": one plain word may stand between.)
      if (m.pattern->nominal && (s.mention_range[k].end == m.first ||
                                 (s.mention_range[k].end == m.first - 1 && s.mention_at[m.first - 1] < 0 && ModifiesNoun(s, k))))
        object = false;
      if (locative || object) {
        i = first - 1;
        continue;
      }
      // An object inside a relative clause that modifies the verb's subject ("The official who
      // met the Chinese ambassador declined"): the noun the clause modifies is the subject, that
      // actor or none.
      int head_end = -1;
      if (speech_at < 0 && !m.passive && RelativeClauseObject(s, k, m.first, &head_end) > 0) {
        int h = s.mention_at[head_end - 1];
        f.mentions.clear();
        if (h >= 0 && s.mention_range[h].end == head_end) {
          ExpandLeft(s, h, &f.mentions);
          f.scope_begin = s.mention_range[k].end;
        } else {
          f.scope_begin = m.first;
          return f;  // no actor
        }
        f.pronoun = false;
        f.pronoun_at = -1;
        break;
      }
      // Taken as the target of an earlier match: share that match's subject (not when a
      // participle follows the mention right away: "disperse demonstrators protesting ...").
      const std::string& aw = s.lower[m.anchor];
      bool participle_subject = s.mention_range[k].end == m.first && m.first == m.anchor && aw.size() > 4 &&
                                aw.compare(aw.size() - 3, 3, "ing") == 0;
      for (size_t e = 0; e < earlier.size() && !participle_subject; ++e) {
        const auto& em = earlier[e];
        if (std::find(em.targets.begin(), em.targets.end(), k) != em.targets.end() && !em.passive &&
            !em.relative_target) {
          // ("accusing Washington of making demands", "praised Seoul for sending aid": the one
          // accused or praised is the doer of the act after "of"/"for".)
          const int after = s.mention_range[k].end;
          bool within = after < m.first && In(s.lower[after], {"of", "for"});
          for (int t = after + 1; t < m.first && within; ++t)
            within = !s.IsBoundary(t) && !In(s.lower[t], {",", ";", "and", "but"});
          if (within &&
              In(s.lemma[em.anchor], {"accuse", "blame", "charge", "criticize", "criticise", "condemn", "praise",
                                      "thank", "commend", "fault", "suspect", "punish", "congratulate"}))
            break;
          f.shared_with = static_cast<int>(e);
          // Modality: the cues of the shared verb's clause count, from after the actor named
          // before it ("will meet Y and sign": planned), not those of an opening clause
          // ("Although Pakistan denied involvement, India blamed X and recalled its envoy").
          f.scope_begin = 0;
          for (int t = em.first - 1; t >= 0; --t) {
            if (s.IsBoundary(t) || s.mention_at[t] >= 0) {
              f.scope_begin = s.IsBoundary(t) ? t + 1 : s.mention_range[s.mention_at[t]].end;
              break;
            }
          }
          return f;
        }
      }
      int cfirst = ExpandLeft(s, k, &f.mentions);
      // "leaders of Iran, Cuba and Serbia": the head noun names the sector.
      int of = cfirst - 1;
      if (of >= 0 && IsDeterminer(s.lower[of])) --of;
      if (of >= 1 && s.lower[of] == "of" && IsLeaderNoun(s.lemma[of - 1])) f.sector_override = "GOV";
      if (speech_at >= 0) f.speaker = k;
      if (f.scope_begin < s.mention_range[k].end) f.scope_begin = s.mention_range[k].end;
      f.pronoun = false;
      f.pronoun_at = -1;
      break;
    }
    --i;
  }
  if (f.mentions.empty() && f.shared_with < 0 && fallback >= 0) {
    f.mentions.push_back(fallback);
    if (f.scope_begin < s.mention_range[fallback].end) f.scope_begin = s.mention_range[fallback].end;
    f.pronoun = false;
    f.pronoun_at = -1;
  }
  if (speech_at < 0 && !f.mentions.empty()) {
    // A saying verb further left in the clause: its subject is the speaker.
    int first = s.mention_range[f.mentions.front()].first;
    for (int j = first - 1; j > stop && j >= 0; --j) {
      if (s.IsBoundary(j)) break;
      if (s.speech_end[j] >= 0 && s.speech_end[j] <= first) {
        for (int q = j - 1; q > stop && q >= 0; --q) {
          if (s.IsBoundary(q)) break;
          if (s.mention_at[q] >= 0) {
            f.speaker = s.mention_at[q];
            break;
          }
        }
        break;
      }
    }
  }
  // "Israel denied that it had attacked the ship", "Moscow denies Russian troops crossed into
  // ...": a clause that is what someone denies is negated; the denial, right before the clause's
  // subject (and "that"), joins the modality scope.
  int denial = -1;
  if (f.scope_begin > 0 && f.scope_begin <= m.first) {
    int e = f.scope_begin, first = -1;
    if (IsSubjectPronoun(s.lower[e - 1])) first = e - 1;
    else if (s.mention_at[e - 1] >= 0) first = s.mention_range[s.mention_at[e - 1]].first;
    if (first > 0 && IsDeterminer(s.lower[first - 1])) --first;
    int d = first - 1;
    if (d >= 0 && s.lower[d] == "that") --d;
    if (first >= 0 && d >= 0 && In(s.lower[d], {"denied", "denies", "deny", "denying"})) denial = d;
    // "denied reports that its warplanes had bombed ...", "rejected claims that its soldiers had
    // crossed ...", "dismissed allegations that ...": what the denied report says is denied too.
    if (first >= 0 && denial < 0 && d > 0 && d + 1 < first && s.lower[d + 1] == "that" &&
        In(s.lower[d], {"report", "reports", "claim", "claims", "allegation", "allegations", "accusation",
                        "accusations", "suggestion", "suggestions"})) {
      int v = d - 1;
      if (v > 0 && s.lower[v] == "the") --v;
      if (In(s.lower[v], {"denied", "denies", "deny", "denying", "rejected", "rejects", "reject", "rejecting",
                          "dismissed", "dismisses", "dismiss", "dismissing"}))
        denial = v;
    }
  }
  if (f.scope_begin < std::max(0, m.first - 8)) f.scope_begin = std::max(0, m.first - 8);
  if (denial >= 0) f.scope_begin = denial;
  return f;
}

}  // namespace

bool PairModifier(const SentenceView& s, int t) {
  if (t < 0 || t >= s.size() || s.mention_at[t] >= 0 || s.IsBoundary(t)) return false;
  const std::string& w = s.lower[t];
  if (w.size() < 2 || w.front() == '-' || w.back() == '-' || IsFunctionWord(w) || IsDeterminer(w)) return false;
  if (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) return false;
  if (s.flags[t] & Token::kCapitalized) return false;
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

bool ReciprocalAt(const SentenceView& s, int t) {
  return t + 1 < s.size() && ((s.lower[t] == "each" && s.lower[t + 1] == "other") ||
                              (s.lower[t] == "one" && s.lower[t + 1] == "another"));
}

std::vector<int> FindTrailingTargets(const SentenceView& s, const PatternMatch& m, const std::vector<int>& exclude) {
  constexpr int kReach = 12;
  std::vector<int> out;
  int n = s.size();
  for (int j = m.end; j < n && j < m.end + kReach; ++j) {
    const std::string& w = s.lower[j];
    if (s.IsBoundary(j) || w == "," || s.speech_end[j] >= 0) break;
    // "more than 100 Palestinians", "as many as 16 advisers": a quantity, not a comparison.
    if ((w == "than" && j > m.end && In(s.lower[j - 1], {"more", "fewer", "less"})) ||
        (w == "as" && j + 1 < n && In(s.lower[j + 1], {"many", "much", "few"})) ||
        (w == "as" && j > m.end && In(s.lower[j - 1], {"many", "much", "few"})))
      continue;
    if (In(w, {"and", "but", "or", "which", "who", "whom", "whose", "where", "because", "after", "before", "when",
               "while", "although", "though", "if", "unless", "since", "until", "as", "despite", "amid", "than",
               "following", "so", "whereas", "\"", "``", "''"}))
      break;
    // "arrested 15 men suspected of links with X", "an inquiry into methods used against X": a
    // participle after a noun opens a reduced relative clause; the actors in it are no objects
    // of the act. (Its agent is: "an investigation into crimes committed by Croat forces".)
    // (So do irregular participles, and a participle right after a match that ends in its own
    // noun: "hijacked a jet bound for Rome".)
    if ((j > m.end || m.end - 1 > m.anchor) && s.mention_at[j] < 0 &&
        (EndsWith(w, "ed") || In(w, {"bound", "held", "run", "led", "built", "made", "known", "taken", "kept",
                                     "sent", "brought", "sold", "given", "flown", "seen"})) &&
        s.mention_at[j - 1] < 0 &&
        !(j + 1 < n && s.lower[j + 1] == "by") &&
        !(j + 2 < n && EndsWith(s.lower[j + 1], "ly") && s.lower[j + 2] == "by") &&  // "taken recently by"
        !s.lower[j - 1].empty() && s.lower[j - 1][0] >= 'a' && s.lower[j - 1][0] <= 'z' &&
        !IsFunctionWord(s.lower[j - 1]) && !IsDeterminer(s.lower[j - 1]) && !s.IsCount(j - 1))
      break;
    int k = s.mention_at[j];
    if (k < 0) continue;
    int first = s.mention_range[k].first;
    if (first != j) continue;
    int p = j - 1;
    while (p >= m.end && (IsDeterminer(s.lower[p]))) --p;
    // (A capital after "from" is where someone comes from: "arrived from Beijing".)
    bool locative = p >= 0 && s.IsLocativePreposition(p) && s.lower[p] != "into" &&
                    (s.lower[p] != "from" || s.mentions[k].kind == actors::ActorMention::Kind::kCapital);
    // "together with its G7 partners", "along with X", "alongside X": partners, not targets.
    if (p >= 1 && s.lower[p] == "with" && In(s.lower[p - 1], {"together", "along", "jointly"})) locative = true;
    if (p >= 0 && s.lower[p] == "alongside") locative = true;
    // "fired rockets at Haifa on behalf of the Palestinians", "in support of / in solidarity
    // with X": the one the act is done for, not to (tgt26).
    if (p >= 2 && ((s.lower[p] == "of" && In(s.lower[p - 1], {"behalf", "support", "name"}) &&
                    In(s.lower[p - 2], {"on", "in", "the"})) ||
                   (s.lower[p] == "with" && s.lower[p - 1] == "solidarity")))
      locative = true;
    // "signed an agreement on the future of Hong Kong", "talks on the status of Jerusalem": an
    // actor named as what a topic noun is about is the subject matter, not whom the act is done to.
    if (p >= 1 && p - 1 >= m.end && s.lower[p] == "of" &&
        In(s.lower[p - 1], {"future", "status", "fate", "question", "issue", "situation",
                            "reunification", "unification"}))
      locative = true;
    // "held talks on Ukraine with Russia", "a summit about North Korea": an actor right after
    // "on / about / over / regarding / concerning" that follows the noun of talks or meetings
    // ending the match is what they are about, not the other side.
    if (p == m.end && p >= 1 && In(s.lower[p], {"on", "about", "over", "regarding", "concerning"}) &&
        In(s.lower[p - 1], {"talks", "consultations", "discussions", "negotiations", "meeting", "meetings", "summit",
                            "conference", "dialogue"}))
      locative = true;
    if (locative || (p >= 0 && s.lower[p] == "by" && m.passive)) {
      j = s.mention_range[k].end - 1;
      continue;
    }
    // A generic agent of no country ("joint military exercises", "4,000 troops") is what the
    // act is done with, not to whom; except a group of people right after the act, as its
    // object ("killed 15 Islamic guerrillas", "fought leftist guerrillas", "detained 12 people").
    bool generic = s.mentions[k].kind == actors::ActorMention::Kind::kAgent && s.mentions[k].actor.country.empty();
    if (generic && PeopleGroupAt(s, m.end) == j) generic = false;
    if (generic || std::find(exclude.begin(), exclude.end(), k) != exclude.end()) {
      j = s.mention_range[k].end - 1;
      continue;
    }
    // "condemned the invasion of Cyprus by Turkish troops", "demanded the release of X by Y": an
    // act noun whose agent follows "by" after its object names that agent as the one the act
    // is aimed at, not the object.
    if (!m.passive && p >= 1 && p - 1 >= m.end && s.lower[p] == "of" && s.mention_at[p - 1] < 0 &&
        !IsFunctionWord(s.lower[p - 1]) && !IsDeterminer(s.lower[p - 1])) {
      int b = s.mention_range[k].end;
      if (b + 1 < n && s.lower[b] == "by") {
        int a = b + 1;
        while (a < n && IsDeterminer(s.lower[a])) ++a;
        if (a < n && s.mention_at[a] >= 0 && s.mention_range[s.mention_at[a]].first == a &&
            !s.mentions[s.mention_at[a]].actor.country.empty()) {
          ExpandRight(s, a, &out);
          break;
        }
      }
    }
    ExpandRight(s, j, &out);
    break;
  }
  return out;
}

int AppositionActor(const SentenceView& s, int name_end) {
  constexpr int kReach = 14;
  const int n = s.size();
  if (name_end + 2 >= n || s.lower[name_end] != "," || !In(s.lower[name_end + 1], {"a", "an", "the"})) return -1;
  for (int j = name_end + 2; j < n && j < name_end + 2 + kReach; ++j) {
    if (s.IsBoundary(j) || s.lower[j] == "," || s.speech_end[j] >= 0) break;
    const int k = s.mention_at[j];
    if (k < 0) continue;
    int p = s.mention_range[k].first - 1;
    while (p > name_end && IsDeterminer(s.lower[p])) --p;
    // ("at the Canadian embassy" names whose post it is; "in Canada" where the person is.)
    const auto kind = s.mentions[k].kind;
    const bool place = kind == actors::ActorMention::Kind::kState || kind == actors::ActorMention::Kind::kRegion ||
                       s.mentions[k].also_place;
    // (A capital is read by the knowledge entry that named it: "the Tehran correspondent" is one
    // agent mention, IRNMED, whose state comes from "state IRN capital 'Tehran'".)
    bool capital = kind == actors::ActorMention::Kind::kCapital;
    for (const auto& entry : s.mentions[k].entries) capital = capital || entry.find(" capital '") != std::string::npos;
    const bool skip = s.mentions[k].actor.country.empty() || (place && s.IsLocativePreposition(p)) || capital;
    if (!skip) return k;
    j = s.mention_range[k].end - 1;
  }
  return -1;
}

std::vector<int> FindPhraseActor(const SentenceView& s, const PatternMatch& m,
                                 std::initializer_list<std::string_view> heads, int reach, bool need_country) {
  std::vector<int> out;
  for (int j = m.end; j < s.size() && j < m.end + reach; ++j) {
    if (s.IsBoundary(j) || s.speech_end[j] >= 0) break;
    if (s.mention_at[j] >= 0) {
      j = s.mention_range[s.mention_at[j]].end - 1;
      continue;
    }
    if (!In(s.lower[j], heads)) continue;
    int i = j + 1;
    while (i < s.size() && IsDeterminer(s.lower[i])) ++i;
    if (i >= s.size()) break;
    i = SkipQuantity(s, i);
    int k = s.mention_at[i];
    if (k < 0 || s.mention_range[k].first != i || s.mentions[k].actor.code.empty() ||
        (need_country && s.mentions[k].actor.country.empty()))
      continue;
    ExpandRight(s, i, &out);
    break;
  }
  return out;
}

std::unique_ptr<ArgumentFinder> NewWindowArgumentFinder() { return std::make_unique<WindowFinder>(); }

}  // namespace entente::coder
