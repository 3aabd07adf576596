// The free helpers that several stages of the sentence coder share; their contracts are stated
// where coder_words.h declares them.
#include "coder/coder_words.h"

#include <algorithm>

#include "coder/word_sets.h"

namespace entente::coder::internal {

Location CountryLocation(const Place& c, Span span) {
  Location l;
  l.name = c.name;
  l.country = c.country;
  l.lat = c.lat;
  l.lon = c.lon;
  l.kind = "country";
  l.span = span;
  return l;
}

std::string_view SectorBase(const std::string& sector) { return std::string_view(sector).substr(0, 3); }

bool ArmedGroupSector(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  return x == "REB" || x == "INS";
}

bool OutsideStateSector(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  for (const char* o :
       {"OPP", "REB", "INS", "SEP", "RAD", "CVL", "REF", "LAB", "AGR", "EDU", "HRI", "NGO", "REL", "SET", "PTY"})
    if (x == o) return true;
  return false;
}

bool PronounFits(const std::string& pronoun_or_possessive, actors::ActorMention::Kind kind, const std::string& head) {
  using Kind = actors::ActorMention::Kind;
  // A possessive stands for what its object pronoun does ("its" as "it", "their" as "them").
  const std::string pronoun = pronoun_or_possessive == "its"     ? std::string("it")
                               : pronoun_or_possessive == "their" ? std::string("them")
                                                                  : pronoun_or_possessive;
  bool plural = (head.size() > 3 && head.back() == 's' && head[head.size() - 2] != 's') ||
                (head.size() > 4 && head.compare(head.size() - 3, 3, "men") == 0);  // "gunmen", "militiamen"
  if (pronoun == "it")
    return kind == Kind::kState || kind == Kind::kCapital || kind == Kind::kOrganisation ||
           (kind == Kind::kAgent && !plural);
  if (pronoun == "him" || pronoun == "her") return kind == Kind::kPerson || (kind == Kind::kAgent && !plural);
  if (pronoun == "them") return (kind == Kind::kAgent || kind == Kind::kOrganisation) && plural;
  return false;
}

bool FitsAntecedent(const SentenceView& s, int k, const std::string& pr) {
  const int end = s.mention_range[k].end;
  if (end < s.size() && (s.lower[end] == "'s" || s.lower[end] == "'")) return false;
  return PronounFits(pr, s.mentions[k].kind, s.lower[end - 1]);
}

ActorRef UnnamedActor(const std::string& country, const std::string& sector, std::string text) {
  ActorRef a;
  a.country = country;
  a.sector = sector;
  a.code = country + sector;
  a.text = std::move(text);
  return a;
}

bool IsPersonRef(const ActorRef& a) {
  if (!a.name.empty()) return true;
  const std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
  return IsPersonTitleNoun(head);
}

bool BodyMention(const SentenceView& s, int k) {
  const auto& am = s.mentions[k];
  const std::string& head = s.lower[s.mention_range[k].end - 1];
  if (am.kind == actors::ActorMention::Kind::kAgent && IsPersonTitleNoun(head)) return false;
  return !am.actor.code.empty() && PronounFits("it", am.kind, head);
}

bool IsDeterminerWord(const std::string& w) {
  return w == "the" || w == "a" || w == "an" || w == "its" || w == "their" || w == "his" || w == "her";
}

bool PlainNounAt(const SentenceView& s, int i) {
  if (i >= s.size() || s.lower[i].empty() || s.lower[i][0] < 'a' || s.lower[i][0] > 'z') return false;
  return s.lemma[i] == s.lower[i] && !IsDeterminerWord(s.lower[i]) &&
         !In(s.lower[i], {"and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "who",
                          "which", "that", "as", "after", "before", "when", "where", "while", "said"});
}

bool Violent(const CameoCode& c) {
  return c.code.compare(0, 2, "18") == 0 || c.code.compare(0, 2, "19") == 0 || c.code.compare(0, 2, "20") == 0;
}

bool StateNamedAlone(const SentenceView& s, int k) {
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.country.empty() || am.actor.code != am.actor.country)
    return false;
  const int e = s.mention_range[k].end;
  if (e >= s.size() || s.IsBoundary(e)) return true;
  const std::string& w = s.lower[e];
  if (!w.empty() && !(w[0] >= 'a' && w[0] <= 'z')) return true;  // punctuation, a number
  if (s.flags[e] & Token::kCapitalized) return true;               // "in Lebanon Monday"
  return In(w, {"on", "in", "at", "and", "or", "but", "yesterday", "today", "tonight", "last", "this", "next", "early",
                "late", "earlier", "later", "during", "since", "for", "to", "with", "after", "before", "when", "while",
                "as", "where", "over", "until", "from", "by", "against", "of", "amid", "despite", "following",
                "near", "along", "between", "that", "which", "who", "without", "under", "through", "via", "overnight"});
}

int WordBeforePlaceName(const SentenceView& s, int k) {
  int f = s.mention_range[k].first;
  while (f > 0 && (s.lower[f - 1] == "the" || IsDirectionWord(s.lower[f - 1]))) --f;
  return f - 1;
}

bool IsInstitution(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  return x == "GOV" || x == "MIL" || x == "COP" || x == "JUD" || x == "LEG" || x == "SPY";
}

int RelativeClauseAt(const SentenceView& s, int i) {
  for (int j = std::min(i, s.size() - 1) - 1; j >= 0; --j) {
    if (s.IsBoundary(j)) return -1;
    if (s.lower[j] != ",") continue;
    const std::string& w = s.lower[j + 1];
    return w == "which" || w == "who" || w == "whom" || w == "whose" ? j : -1;
  }
  return -1;
}

bool PluralDemonym(const SentenceView& s, int k) {
  const auto& r = s.mention_range[k];
  if (s.mentions[k].kind != actors::ActorMention::Kind::kState || !s.mentions[k].actor.sector.empty() ||
      r.end != r.first + 1)
    return false;
  const std::string& w = s.lower[r.first];
  auto ends = [&](std::string_view e) { return w.size() > e.size() + 3 && w.compare(w.size() - e.size(), e.size(), e) == 0; };
  // "thousands of Sudanese", "5,000 Lebanese": a demonym in "-ese" is plural after a count.
  const bool counted = r.first >= 1 && (s.IsCount(r.first - 1) || (r.first >= 2 && s.lower[r.first - 1] == "of" &&
                                                                     s.IsCount(r.first - 2)));
  return ends("ans") || ends("is") || ends("ers") || (ends("ese") && counted);
}

ActorRef SpeakerActor(const CoderKnowledge& k, const std::string& code) {
  ActorRef a;
  if (code.empty()) return a;
  a.code = code;
  std::string c = code.substr(0, 3);
  bool state = k.state_codes.count(c) > 0 || (k.state_codes.empty() && code.size() == 3);
  if (state) {
    a.country = c;
    a.sector = code.substr(3);
  }
  return a;
}

bool SubjectNounPattern(const SentenceView& s, const Pattern& p, int i) {
  if (p.nominal || p.weight < 3 || p.anchor + 2 >= static_cast<int>(p.elements.size()) || i + 1 >= s.size())
    return false;
  const PatternElement& next = p.elements[p.anchor + 1];
  if (next.kind != PatternElement::Kind::kWord || next.optional) return false;
  if (std::find(next.words.begin(), next.words.end(), s.lemma[i + 1]) == next.words.end() &&
      std::find(next.words.begin(), next.words.end(), s.lower[i + 1]) == next.words.end())
    return false;
  // A subject opens its clause: before the anchor only a determiner and up to two actors or
  // capitalised words ("An Israeli air strike"), then the sentence's start, a comma or "that"
  // (not "killed by an improvised explosive device").
  int j = i - 1;
  for (int steps = 0; j >= 0 && steps < 3; ++steps, --j)
    if (!(In(s.lower[j], {"a", "an", "the"}) || s.mention_at[j] >= 0 || (s.flags[j] & Token::kCapitalized))) break;
  if (j >= 0 && !s.IsBoundary(j) && !In(s.lower[j], {",", "that", ";", ":"})) return false;
  if (s.doc && s.sentence) {
    const auto& tokens = s.doc->tokens;
    const Token& t = tokens[s.sentence->first_token + i];
    if (t.upos.empty()) return true;  // not parsed (fast mode, or before the lazy parse)
    // (Or the root: "An air strike destroyed ..." parsed with "destroyed" as a clause on it.)
    auto subject = [](const Token& x) { return x.deprel == "nsubj" || x.deprel == "root"; };
    if (subject(t)) return true;
    return t.deprel == "compound" && t.head >= 0 && subject(tokens[s.sentence->first_token + t.head]);
  }
  return true;
}
int MediatorMention(const SentenceView& s, int i) {
  const int n = s.size();
  auto opens = [&](int j) {  // a preposition of circumstance before token j, "the" between
    if (j > 0 && s.lower[j - 1] == "the") --j;
    return j > 0 && In(s.lower[j - 1], {"under", "with", "through", "amid", "after", "following"});
  };
  if (s.lower[i] == "mediation" && i > 0 && s.mention_at[i - 1] >= 0) {
    const int k = s.mention_at[i - 1];
    if (s.mention_range[k].end == i && opens(s.mention_range[k].first)) return k;
  }
  // The mention opens right after the preposition, or after a "the" it leaves out ("the
  // United States").
  int m = i + 2;
  if (m + 1 < n && s.lower[m] == "the" && s.mention_at[m] < 0) ++m;
  if (m < n && s.mention_at[m] >= 0 && s.mention_range[s.mention_at[m]].first == m &&
      ((s.lower[i] == "mediation" && s.lower[i + 1] == "of" && opens(i)) ||
       (In(s.lower[i], {"mediated", "brokered"}) && s.lower[i + 1] == "by")))
    return s.mention_at[m];
  return -1;
}
}  // namespace entente::coder::internal
