// CodeMatch's roles step: FindRoles (the match's source and target mentions: source finding,
// passive agents, pronoun and implied targets, a shared source, each other) and the helpers only
// it uses.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>

#include "coder/announced_codes.h"
#include "coder/coder_words.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// "each other" / "one another" in the match or right after it (within three tokens), no clause
// break before it.
bool ReciprocalObject(const SentenceView& s, const PatternMatch& m) {
  const int stop = std::min(s.size() - 1, std::max(m.end, m.folded_end) + 3);
  for (int t = m.anchor + 1; t < stop; ++t) {
    if (s.IsBoundary(t)) return false;
    if (ReciprocalAt(s, t)) return true;
  }
  return false;
}

// True when the act matched at `m` is in a clause that a count of years opens ("almost five years
// after crowds burned down its embassy", "decades after the invasion"): history told as the time
// of the sentence's news, not an event of its own (as the PETRARCH validation records code it).
bool InYearsAfterClause(const SentenceView& s, const PatternMatch& m) {
  for (int j = m.anchor - 1; j > 0; --j) {
    const std::string& w = s.lower[j];
    if (s.IsBoundary(j) || w == "," || s.speech_end[j] >= 0) break;
    if (w != "after" && w != "since" && w != "before") continue;
    const std::string& unit = s.lower[j - 1];
    return unit == "years" || unit == "decades" || unit == "centuries";
  }
  return false;
}

// True when the act matched at `m` is in a relative clause ("in which", "during which") of a noun
// that a year before the document's opens ("since the 1994 genocide, in which militias killed
// 800,000 people", "the 2003 invasion, during which U.S. troops toppled Saddam"): history that
// describes the noun, not news.
bool InPastYearRelativeClause(const SentenceView& s, const PatternMatch& m) {
  if (!s.doc || !s.doc->date) return false;
  for (int j = m.anchor - 1; j > 1; --j) {
    const std::string& w = s.lower[j];
    if (s.IsBoundary(j) || w == "," || s.speech_end[j] >= 0) break;
    if (w != "which" || !In(s.lower[j - 1], {"in", "during"})) continue;
    int c = j - 2;
    if (c < 1 || s.lower[c] != ",") return false;
    for (int t = c - 1; t >= 0 && t >= c - 6; --t) {
      const std::string& x = s.lower[t];
      if (s.IsBoundary(t) || x == ",") break;
      if (x.size() == 4 && std::all_of(x.begin(), x.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        int y = std::stoi(x);
        return y >= 1800 && y < s.doc->date->year;
      }
    }
    return false;
  }
  return false;
}

// True when the act matched at `m` is told as a lasting state or habit of its source, not as an
// act of the news: an adverb of habit or history among the words before a verb ("China has
// historically served as North Korea's trading partner", "North Korea has long denounced the
// drills", "have traditionally backed"), or an adjective of duration before a noun of an act
// ("China's enduring economic support for", "their long-standing alliance with"). Such a
// description names no event on any date. ("long" and "always" count only after a perfect's
// "has/have/had": "has long denounced", "has always backed"; "would always stand with" is a pledge.)
bool DescribedAsLasting(const SentenceView& s, const PatternMatch& m) {
  if (m.pattern->nominal) {
    for (int j = m.first - 1; j >= 0 && j >= m.first - 3; --j) {
      const std::string& w = s.lower[j];
      if (In(w, {"enduring", "long-standing", "longstanding", "traditional", "decades-long", "decades-old",
                 "age-old", "long-time", "longtime", "historical"}))
        return true;
      if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == "," || In(w, {"of", "in", "for", "to", "with", "on"}))
        break;
    }
    return false;
  }
  if (m.anchor != m.verb_first) return false;
  for (int j = m.anchor - 1; j >= 0 && j >= m.anchor - 4; --j) {
    const std::string& w = s.lower[j];
    if (In(w, {"historically", "traditionally", "customarily", "habitually", "routinely"})) return true;
    // ("would always stand with Moscow" is a pledge, not a habit: "always" needs the perfect too.)
    if ((w == "long" || w == "always") && j > 0 && In(s.lower[j - 1], {"has", "have", "had", "'s", "'ve"}))
      return true;
    bool adverb = w.size() > 3 && w.compare(w.size() - 2, 2, "ly") == 0;
    if (!adverb && !In(w, {"has", "have", "had", "'s", "'ve", "also", "long", "not", "never", "still", "so", "far"}))
      break;
  }
  return false;
}

// True when the first target of match `m` opens the sentence (a determiner may precede it):
// "Iraq must ...", "The Palestinians must ...".
bool OpensSentence(const SentenceView& s, const PatternMatch& m) {
  if (m.targets.empty()) return false;
  int first = s.mention_range[m.targets.front()].first;
  if (first == 0 || (first == 1 && IsDeterminerWord(s.lower[0]))) return true;
  // ("\"This latest move from the government is clumsy,\" X said": a quotation opening with
  // the act's noun, its determiner and one adjective before it.)
  if (m.first >= first) return false;
  int i = 0;
  while (i < m.first && In(s.lower[i], {"\"", "``", "'"})) ++i;
  if (i < m.first && (IsDeterminerWord(s.lower[i]) || In(s.lower[i], {"this", "these", "that"}))) ++i;
  if (i < m.first && In(s.lower[i], {"latest", "new", "recent", "last"})) ++i;
  return i == m.first;
}

// The speaker named after a statement that opens the sentence ("Iraq must let inspectors
// return, Bush told the General Assembly", "..., said the foreign ministry"): after token
// `from`, a comma followed by an actor mention and a saying verb, or by a saying verb and an
// actor mention (a determiner may precede the mention). Clause punctuation or a saying verb met
// before that comma ends the search. Returns the mention's index, or -1.
int TrailingSpeaker(const SentenceView& s, int from) {
  auto mention_from = [&](int j) {
    while (j < s.size() && In(s.lower[j], {"\"", "''", "'"})) ++j;  // a closing quotation mark
    if (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
    return j < s.size() ? s.mention_at[j] : -1;
  };
  for (int i = from; i + 1 < s.size(); ++i) {
    if (s.IsBoundary(i) || s.speech_end[i] >= 0) return -1;
    if (s.lower[i] != ",") continue;
    int k = mention_from(i + 1);
    if (k >= 0 && s.mention_range[k].end < s.size() && s.speech_end[s.mention_range[k].end] >= 0) return k;
    if (s.speech_end[i + 1] >= 0 && (k = mention_from(s.speech_end[i + 1])) >= 0) return k;
  }
  return -1;
}

// True when the words from `i` are "(not|also|now|...) be" and a past participle: a word whose
// lemma differs from it and that ends like one ("allowed", "given", "taken", "brought", "left").
bool PassiveFollows(const SentenceView& s, int i) {
  while (i < s.size() && In(s.lower[i], {"not", "also", "now", "therefore", "then", "further", "still", "never"})) ++i;
  if (i + 1 >= s.size() || s.lower[i] != "be") return false;
  const std::string& w = s.lower[i + 1];
  auto ends = [&](const char* suf) {
    size_t k = std::char_traits<char>::length(suf);
    return w.size() > k + 1 && w.compare(w.size() - k, k, suf) == 0;
  };
  return s.lemma[i + 1] != w && (ends("ed") || ends("en") || ends("wn") || ends("ught") || ends("t") || ends("n"));
}

// The sector of the authority that alone does the act of the match `m` to people, told as a
// passive with no agent, or "" for any other act: "was arrested", "was released on bail / from
// prison" (the word within seven after the act: "on US$ 20,000 bail"), "was taken into
// custody": the police, COP; "was charged with", "was sentenced to", "was acquitted", "was
// cleared of all charges", "was jailed", "was found guilty": the courts, JUD; "was denied visas
// / entry": the government, GOV. (A release without bail or custody may be by anyone: "hostages
// were released".)
std::string ImpliedAuthority(const SentenceView& s, const PatternMatch& m) {
  const std::string& lemma = s.lemma[m.anchor];
  auto after = [&](std::initializer_list<std::string_view> words) {
    for (int j = m.anchor + 1; j < s.size() && j <= m.anchor + 7; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == ",") break;
      if (In(s.lower[j], words)) return true;
    }
    return false;
  };
  if (lemma == "arrest" || lemma == "detain") return "COP";
  if (lemma == "release" && after({"bail", "custody", "prison", "jail", "detention", "parole"})) return "COP";
  if (lemma == "take" && after({"custody"})) return "COP";  // "were taken into custody"
  if (lemma == "charge" || lemma == "indict" || lemma == "convict" || lemma == "sentence" || lemma == "prosecute" ||
      lemma == "acquit" || lemma == "jail" || lemma == "imprison")
    return "JUD";
  if (lemma == "find" && after({"guilty"})) return "JUD";  // "was found guilty of"
  // "was cleared of all charges": the courts (not "cleared to fly", "cleared for release").
  if (lemma == "clear" && after({"charge", "charges", "wrongdoing", "murder", "corruption", "fraud"})) return "JUD";
  if ((lemma == "deny" || lemma == "refuse") && after({"visa", "visas", "entry", "asylum"})) return "GOV";
  // "were deported from Kuwait", "was expelled from Algeria": only a government sends people out
  // of its state (CAMEO 174; not "expelled from the party", which names no state: see FromState).
  if (lemma == "deport" || lemma == "expel") return "GOV";
  return "";
}

// True when the passive participle at `anchor` is told as done: the nearest form of "be" before
// it in its clause is "was", "were" or "been", or it has none and opens a headline ("Defector
// arrested after ...", in the first five words), or it opens a reduced relative clause after
// people ("a banker charged with fraud", ReducedRelativeOfPeople).
bool ToldAsDone(const SentenceView& s, int anchor) {
  for (int i = anchor - 1; i >= 0 && i >= anchor - 14; --i) {
    const std::string& w = s.lower[i];
    if (s.IsBoundary(i) || w == ";" || w == ":") break;
    if (w == "was" || w == "were" || w == "been") return true;
    if (w == "is" || w == "are" || w == "be" || w == "being" || w == "'s" || w == "'re") return false;
  }
  return anchor <= 4 || ReducedRelativeOfPeople(s, anchor);
}

// Adverbs between "and" and a second verb that shares the first verb's object ("arrested and
// later released them").
bool IsSharedObjectAdverb(const std::string& w) {
  return IsSequenceAdverb(w) || In(w, {"also", "repeatedly", "publicly", "sharply"});
}

}  // namespace

// CodeMatch's roles step, for match `mi`: its source and target mentions (source finding, the
// possessor or "by" agent of a nominal act, passives, pronoun targets and their antecedents,
// implied and trailing targets, a shared source, each other), the sectors a pattern or passive
// implies and the mediator left out, written into `d` (the match, its pattern and act too).
// Reads and writes the sentence's coding state `st` (earlier matches' sources and targets,
// matches told as lasting). False drops the match (no event): an act told as background or as a
// lasting state, a pronoun target with no antecedent, no source found, ...
bool SentenceCoder::FindRoles(const SentenceView& s, size_t mi, SentenceCoding* st, EventDraft* d) {
  const int n = s.size();
  std::vector<PatternMatch>& matches = st->matches;
  std::vector<SourceFinding>& sources = st->sources;
  std::vector<std::vector<int>>& match_targets = st->match_targets;
  std::vector<bool>& described = st->described;
  // "Iran and Iraq bombed each other's cities", "accused one another of": an act on "each
  // other" by a compound source is done by each side to the other, every ordered pair (tgt22).
  if (matches[mi].targets.empty() && ReciprocalObject(s, matches[mi])) matches[mi].folded_mutual = true;
  const PatternMatch& m = matches[mi];
  const Pattern& p = *m.pattern;
  // Three codes are in play for a match, and each rule below reads the one it means:
  //  - the pattern's code (p.cameo): how the act is worded ("offered to ...": 030);
  //  - the act's code (`act`): what the match names, which differs from the pattern's only
  //    where an intent or threat took the code of the act it announces ("threatened to impose
  //    sanctions": 1312) or a closing complaint verb became criticism (111);
  //  - the event's final code (`code`, below): the act's code after an announced act ("will
  //    impose sanctions") is rewritten to an intent or threat, known only once the sources
  //    and modality are. Rules about the kind of act done read `act`.
  const CameoCode& act = m.code ? *m.code : *p.cameo;
  if (InYearsAfterClause(s, m) || InPastYearRelativeClause(s, m)) return false;
  if (DescribedAsLasting(s, m)) {
    described[mi] = true;
    return false;
  }
  SourceFinding sf;
  if (!m.sources.empty() && !m.passive) {
    sf.mentions = m.sources;
    sf.scope_begin = std::max(0, m.anchor - 8);
    // "talks on a truce between X and Y", "the collapse of the truce between X and Y", "hopes
    // for a ceasefire between": a truce between two sides named after it (087x told as a noun)
    // inside a prepositional phrase is one spoken of, not one made (weak25; "A ceasefire
    // between X and Y took effect" is one).
    if (p.nominal && p.cameo->code.compare(0, 3, "087") == 0 && p.anchor == 0) {
      bool spoken_of = false;
      for (int j = m.first - 1; j >= 0 && j >= m.first - 3 && !spoken_of; --j) {
        const std::string& w = s.lower[j];
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == ",") break;
        spoken_of = In(w, {"on", "for", "of", "to", "with", "in", "under", "about", "over", "amid", "despite",
                           "against", "since"});
      }
      if (spoken_of) return false;
    }
  } else {
    // Nominal events: the possessor ("Kim's visit", "Kim's earlier four visits").
    if (p.nominal) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 4; --j) {
        if ((s.lower[j] == "'s" || s.lower[j] == "'") && j > 0 && s.mention_at[j - 1] >= 0) {
          sf.mentions.push_back(s.mention_at[j - 1]);
          sf.scope_begin = j + 1;
          break;
        }
        if (s.lower[j] == "his" || s.lower[j] == "her") {
          // "his summit with Trump": the source of the sentence's previous event, else the
          // nearest person named before.
          if (mi > 0 && !sources[mi - 1].mentions.empty() && !matches[mi - 1].passive) {
            sf.mentions = sources[mi - 1].mentions;
          } else {
            for (int q = j - 1; q >= 0; --q)
              if (s.mention_at[q] >= 0 && s.mentions[s.mention_at[q]].kind == actors::ActorMention::Kind::kPerson) {
                sf.mentions.push_back(s.mention_at[q]);
                break;
              }
          }
          sf.scope_begin = j + 1;
          break;
        }
        if (s.lower[j] == "its" || s.lower[j] == "their") {
          // "The ILO reiterated its demand": the source of the sentence's previous event, else
          // the nearest actor named before that is not a generic agent.
          if (mi > 0 && !sources[mi - 1].mentions.empty() && !matches[mi - 1].passive) {
            sf.mentions = sources[mi - 1].mentions;
          } else {
            for (int q = j - 1; q >= 0; --q) {
              if (s.lower[q] == ")") {  // "The International Labor Office (ILO) reiterated its"
                while (q > 0 && s.lower[q] != "(") --q;
                continue;
              }
              if (s.IsBoundary(q)) break;
              int k = s.mention_at[q];
              if (k >= 0 && !(s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                              s.mentions[k].actor.country.empty())) {
                sf.mentions.push_back(k);
                break;
              }
            }
          }
          sf.scope_begin = j + 1;
          break;
        }
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || s.lower[j] == ",") break;
      }
    }
    // "condemned the attack on the embassy by Serb forces": a nominal event with no possessor
    // and an agent after "by" in its phrase was done by that agent, not by the clause's subject.
    // So was one with a relative clause whose passive names the doer: "the attack on the oil
    // facilities, which was claimed by the Houthis", "a strike that was carried out by Russian
    // bombers" (the relative pronoun at most eight words on, nothing but plain words between).
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.end; j < n && j < m.end + 9; ++j) {
        if (s.IsBoundary(j) || s.speech_end[j] >= 0) break;
        if (!In(s.lower[j], {"which", "that"})) {
          if (s.lower[j] == "," && j + 1 < n && In(s.lower[j + 1], {"which", "that"})) continue;
          if (s.lower[j] == "," || s.mention_at[j] >= 0) break;
          continue;
        }
        int q = j + 1;
        if (q < n && In(s.lower[q], {"was", "were", "has", "have", "had"})) ++q;
        if (q < n && s.lower[q] == "been") ++q;
        if (q + 1 >= n || q == j + 1 ||
            !In(s.lemma[q], {"claim", "carry", "conduct", "launch", "stage", "mount", "fire", "perpetrate",
                             "commit", "order", "execute"}))
          break;
        ++q;
        if (q < n && s.lower[q] == "out") ++q;
        if (q >= n || s.lower[q] != "by") break;
        ++q;
        while (q < n && IsDeterminerWord(s.lower[q])) ++q;
        if (q < n && s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q) {
          sf.mentions.push_back(s.mention_at[q]);
          sf.scope_begin = m.first;
        }
        break;
      }
    }
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.end; j < n && j < m.end + 6; ++j) {
        if (s.IsBoundary(j) || s.lower[j] == "," || s.speech_end[j] >= 0) break;
        // "an airstrike on a hospital run by Medecins Sans Frontieres", "planes flown by exiles":
        // a "by" after a participle is that participle's agent, not the act's (nom23).
        const std::string& w = s.lower[j];
        if (j > m.end - 1 && s.mention_at[j] < 0 &&
            ((w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) ||
             In(w, {"run", "led", "flown", "held", "built", "owned", "made", "known", "backed", "funded", "set",
                    "seen", "shot", "hit", "struck", "sent", "taken", "driven", "chosen", "written"})))
          break;
        if (w != "by") continue;
        int q = j + 1;
        while (q < n && IsDeterminerWord(s.lower[q])) ++q;
        if (q < n && s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q) {
          sf.mentions.push_back(s.mention_at[q]);
          sf.scope_begin = m.first;
        }
        break;
      }
    }
    // "at a time of Western sanctions on Moscow", "opposed to French mediation in peace
    // negotiations with Syria": a nominal event inside a prepositional phrase, with no
    // possessor, has no agent in the clause (the subject did not do it).
    bool in_pp = false;
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 3; --j) {
        const std::string& w = s.lower[j];
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == ",") break;
        // "called for sanctions against Nigeria": what is called for has not happened.
        bool called_for = w == "for" && j > 0 &&
                          (s.lemma[j - 1] == "call" || s.lemma[j - 1] == "push" || s.lemma[j - 1] == "press" ||
                           s.lemma[j - 1] == "appeal" || s.lemma[j - 1] == "lobby");
        // "an appeal by Baghdad to Washington for air strikes", "asked Russia for air
        // strikes": the appeal's own actors between it and "for" (at most eight words back).
        for (int q = j - 1; w == "for" && !called_for && q >= 0 && q >= j - 8; --q) {
          if (s.IsBoundary(q) || s.lower[q] == "," || s.lower[q] == ";") break;
          if (In(s.lemma[q], {"appeal", "plea", "request", "ask"})) called_for = true;
        }
        if ((w == "of" && !(j > 0 && s.lower[j - 1] == "ahead")) || w == "in" || w == "amid" || w == "despite" || w == "under" || w == "against" || w == "about" || w == "over" || called_for) {
          in_pp = true;
          break;
        }
      }
    }
    // "demanded that South Korea sever a decades-long military alliance with Washington",
    // "suspended talks with Iran": a nominal event that a verb of ending or suspending takes as
    // its object is what is ended, not a new event (the ending is coded by its own pattern).
    if (p.nominal && !in_pp && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 6; --j) {
        // (An agent noun of no country is a modifier here: "military alliance".)
        int k = s.mention_at[j];
        bool modifier = k >= 0 && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                        s.mentions[k].actor.country.empty();
        if ((k >= 0 && !modifier) || s.IsBoundary(j) || s.lower[j] == ",") break;
        const std::string& l = s.lemma[j];
        // ("recalling his three meetings with the North Korean leader": acts remembered are
        // history the speaker tells, not news either.)
        if (l == "sever" || l == "end" || l == "break" || l == "dissolve" || l == "scrap" || l == "cancel" ||
            l == "abandon" || l == "terminate" || l == "suspend" || l == "freeze" || l == "halt" ||
            l == "recall" || l == "remember" || l == "recount" || l == "reminisce") {
          in_pp = true;
          break;
        }
      }
    }
    // "threatened to break off relations with Congo over their ties with Israel": a nominal
    // event with a pronoun possessor in a phrase of cause is the reason for the act, told as
    // background, not a new event.
    if (p.nominal && !in_pp && !p.HasSlot(PatternElement::Kind::kSource) && m.first >= 2) {
      const std::string& poss = s.lower[m.first - 1];
      const std::string& prep = s.lower[m.first - 2];
      if ((poss == "its" || poss == "their" || poss == "his" || poss == "her") &&
          (prep == "over" || prep == "about" || prep == "amid" || prep == "despite" ||
           (prep == "of" && m.first >= 3 && s.lower[m.first - 3] == "because") ||
           (prep == "to" && m.first >= 3 && s.lower[m.first - 3] == "due")))
        in_pp = true;
    }
    if (in_pp) return false;
    // "Iran condemned the U.S.-led airstrikes on Iraq", "welcomed Israeli air raids on ...": an
    // actor that qualifies the act's noun right before it (at most two plain words between:
    // "Russian air raids", "Syrian heavy shelling") is its doer, not the clause's subject (nom23).
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      int j = m.first - 1;
      for (int g = 0; g < 2 && j >= 0 && s.mention_at[j] < 0 && !s.lower[j].empty() && s.lower[j][0] >= 'a' &&
                      s.lower[j][0] <= 'z' && !s.IsCount(j) && !IsDeterminerWord(s.lower[j]) &&
                      !In(s.lower[j], {"and", "or", "of", "to", "in", "on", "at", "with", "by", "for", "from",
                                       "that", "which", "who", "as", "than", "against", "over", "after"});
           ++g)
        --j;
      int k = j >= 0 ? s.mention_at[j] : -1;
      if (k >= 0 && s.mention_range[k].end == j + 1 && !s.mentions[k].actor.country.empty() &&
          std::find(m.targets.begin(), m.targets.end(), k) == m.targets.end()) {
        // (Not inside a phrase of a preposition: "wounded in an Israeli air raid" is the means of
        // the act told by the verb; "in protest against the Soviet invasion of Afghanistan" its
        // reason.)
        int f = s.mention_range[k].first - 1;
        while (f >= 0 && IsDeterminerWord(s.lower[f])) --f;
        if (f < 0 || !In(s.lower[f], {"in", "during", "amid", "despite", "of", "against", "over", "about", "after",
                                       "before", "since", "following", "by", "from", "for", "to", "with", "at",
                                       "on", "under", "without"})) {
          sf.mentions.push_back(k);
          sf.scope_begin = s.mention_range[k].first;
        }
      }
    }
    // "a banker charged with fraud": the people a reduced relative follows are the ones acted on.
    if (sf.mentions.empty() && m.passive && ReducedRelativeOfPeople(s, m.anchor)) {
      const int k = s.mention_at[m.anchor - 1];
      sf.mentions.push_back(k);
      sf.scope_begin = s.mention_range[k].first;
    }
    if (sf.mentions.empty()) {
      SourceFinding found = finder_.FindSource(s, m, std::vector<PatternMatch>(matches.begin(), matches.begin() + mi));
      if (found.shared_with >= 0 && described[found.shared_with]) {
        described[mi] = true;
        return false;
      }
      if (found.shared_with >= 0) {
        int with = found.shared_with;
        SourceFinding shared = sources[with];
        shared.scope_begin = found.scope_begin;
        shared.syntax_modality = found.syntax_modality;
        shared.modality_tokens = found.modality_tokens;
        shared.shared_with = with;
        found = shared;
      }
      sf = std::move(found);
    }
  }
  // `source = speaker` ("the Security Council must impose sanctions"): whoever says it, not an
  // actor named before; the sentence's speaker, else the document's.
  bool doc_speaker_source = false;
  if (p.speaker_source && !m.passive) {
    // "Cyprus must not be allowed to perish", "the siege of Sarajevo must be ended": the actor
    // named is what the act is done to, not the one asked to act.
    if (PassiveFollows(s, m.end)) return false;
    if (sf.speaker >= 0) {
      sf.mentions = {sf.speaker};
    } else if (!doc_.speaker.empty()) {
      sf.mentions.clear();
      sf.pronoun = false;
      doc_speaker_source = true;
    } else if (int said_by = OpensSentence(s, m) ? TrailingSpeaker(s, m.end) : -1; said_by >= 0) {
      // "Iraq must allow inspectors to return, Bush told the U.N.": the speaker named after
      // the statement that opens the sentence says it (not "Kim understood that the exercises
      // between X and Y must continue, Chung said").
      sf.mentions = {said_by};
      sf.pronoun = false;
    } else {
      // "A British minister reiterated that Libya must ...": the subject of the verb whose
      // "that" clause it is says it.
      int tf = m.targets.empty() ? -1 : s.mention_range[m.targets.front()].first;
      // "Germany's foreign minister said Russia's decision was reckless": with no "that", the
      // actor right before the saying verb right before the target (or its "the": "said the
      // U.S. strike was ...") says it.
      if (tf >= 1 && s.lower[tf - 1] == "the") --tf;
      if (tf >= 2 && s.speech_end[tf - 1] == tf && s.mention_at[tf - 2] >= 0 &&
          s.mention_range[s.mention_at[tf - 2]].end == tf - 1) {
        sf.mentions = {s.mention_at[tf - 2]};
        sf.pronoun = false;
      } else if (sf.mentions.empty() || tf < 1 || s.lower[tf - 1] != "that") {
        return false;
      }
    }
  }
  // "policies regarding Muslims traveling to the U.S.", "the arrest of protesters marching on
  // the parliament": a participle right after the object of a preposition describes that
  // object; it tells no act. (Not "with": "with Russian forces shelling Kharkiv" is one.)
  if (!m.passive && !p.nominal && sf.mentions.size() == 1 && EndsWith(s.lower[m.anchor], "ing") &&
      m.first == m.anchor && s.mention_range[sf.mentions[0]].end == m.anchor) {
    int f = s.mention_range[sf.mentions[0]].first;
    while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
    if (f > 0 && In(s.lower[f - 1], {"regarding", "concerning", "about", "of", "for", "on", "against", "toward",
                                     "towards", "over"}))
      return false;
  }
  // "called for the release of jailed activists", "the families of kidnapped Japanese citizens":
  // a past participle between "of/for/the/a/its/their" and the noun it qualifies describes that
  // noun; it tells no act of the clause's subject (tgt26).
  if (!m.passive && !p.nominal && m.first == m.anchor && m.anchor > 0 && m.anchor + 1 < s.size() &&
      EndsWith(s.lower[m.anchor], "ed") && s.lemma[m.anchor] != s.lower[m.anchor] &&
      In(s.lower[m.anchor - 1], {"of", "for", "the", "a", "an", "its", "their", "his", "her"}) &&
      (s.mention_at[m.anchor + 1] >= 0 || PlainNounAt(s, m.anchor + 1) ||
       (!s.lower[m.anchor + 1].empty() && s.lower[m.anchor + 1][0] >= 'a' && s.lower[m.anchor + 1][0] <= 'z' &&
        !(s.flags[m.anchor + 1] & Token::kCapitalized) && !IsDeterminerWord(s.lower[m.anchor + 1]) &&
        !In(s.lower[m.anchor + 1], {"and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
                                    "as", "after", "before", "since", "during", "last", "this", "that", "who",
                                    "which", "when", "while", "said", "over", "under", "into", "without"})))) {
    sources[mi] = sf;  // (a later verb may share this subject: "Families of kidnapped X met Y")
    return false;
  }
  sources[mi] = sf;

  // Roles.
  std::vector<int> src_m = sf.mentions, tgt_m = m.targets;
  // No target from the pattern's slots: the object after the match in its clause
  // ("arrested more than 100 Palestinians", "agreed to lift embargoes ... to Iran, Libya").
  bool group_target = m.group_target;
  // "Turkey criticised Greece and accused it of ...", "met his counterpart and urged him to":
  // an object pronoun stands for the nearest fitting actor named before it in the sentence
  // that is not the event's source, not after "in/at" (for "it") and no part of a phrase
  // ending in "'s"; failing that ("Ankara accused it of ..."), for "it", "him" and "her", the
  // last fitting actor of the previous sentence that is not of the source's state; for
  // "them", the last plural group of the previous sentence that is not the source itself
  // ("negotiate with them" after "Taliban militants bombed ..."). Unresolved, the event has no target (the words after the
  // pronoun are not searched: "accused it of supporting Kurdish rebels").
  std::optional<ActorRef> pronoun_actor;
  std::vector<std::string> pronoun_entries;
  if (m.pronoun_target >= 0 && tgt_m.empty() && !m.passive) {
    const std::string& pr = s.lower[m.pronoun_target];
    // "saying he would only welcome him": two pronouns of people in one clause are beyond a
    // nearest-antecedent rule; nothing is coded.
    if (pr == "him" || pr == "her") {
      bool subject_pronoun = sf.pronoun;
      for (int t = m.first - 1; t >= 0 && !subject_pronoun; --t) {
        if (s.IsBoundary(t) || s.lower[t] == "," || s.lower[t] == ";") break;
        subject_pronoun = s.lower[t] == "he" || s.lower[t] == "she";
      }
      if (subject_pronoun) return false;
    }
    // A possessive ("the attack on its oil facilities") stands for the clause's subject, the
    // first fitting actor of the sentence ("Saudi Arabia blamed Iran for the attack on its ..."),
    // an object pronoun for the nearest one before it.
    // "the country's embassy" stands for a state as "its" does. The holder of a diplomatic
    // building in a place is another state than the place's ("stormed its embassy in Tehran").
    const bool possessive = pr == "its" || pr == "their" || pr == "country";
    std::string host_country;
    if (possessive) {
      int q = m.pronoun_target + 1;
      if (pr == "country") ++q;
      if (q < n && In(s.lower[q], {"embassy", "embassies", "consulate", "consulates", "mission"})) {
        for (int j = q + 1; j + 1 < n && j <= q + 2 && host_country.empty(); ++j)
          if (s.lower[j] == "in" && s.place_at[j + 1] >= 0) host_country = PlaceLocation(s, s.place_at[j + 1]).country;
      }
    }
    const int nm = static_cast<int>(s.mentions.size());
    for (int c = 0; c < nm && tgt_m.empty(); ++c) {
      const int k = possessive ? c : nm - 1 - c;
      const auto& r = s.mention_range[k];
      if (r.end > m.pronoun_target || std::find(src_m.begin(), src_m.end(), k) != src_m.end()) continue;
      if (pr == "country" ? !((s.mentions[k].kind == actors::ActorMention::Kind::kState ||
                               s.mentions[k].kind == actors::ActorMention::Kind::kCapital) &&
                              FitsAntecedent(s, k, "its"))
                          : !FitsAntecedent(s, k, pr))
        continue;
      if (!host_country.empty() && s.mentions[k].actor.country == host_country) continue;
      int f = r.first;
      while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
      if (pr == "it" && f > 0 && s.IsLocativePreposition(f - 1)) continue;
      bool same = false;
      for (int q : src_m) same = same || s.mentions[q].actor.code == s.mentions[k].actor.code;
      if (!same) tgt_m = {k};
    }
    if (tgt_m.empty()) {
      std::string src_country, src_code;
      for (int q : src_m) src_country = s.mentions[q].actor.country, src_code = s.mentions[q].actor.code;
      for (size_t i = ds_.prev_mentions.size(); i-- > 0;) {
        const auto& [kind, a] = ds_.prev_mentions[i];
        std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
        if (!PronounFits(pr, kind, head) || a.country.empty()) continue;
        // ("them" is a group of the source's own state as often: "The government said it
        // would not negotiate with them" after an attack by its own insurgents.)
        if (pr == "them" ? a.code == src_code : !src_country.empty() && a.country == src_country) continue;
        if (src_m.empty() && ds_.last_source && ds_.last_source->country == a.country) continue;
        pronoun_actor = a;
        pronoun_entries = ds_.prev_mention_entries[i];
        break;
      }
    }
  }
  // "summoned the ambassador of Iran", "attacked the embassy of Denmark in Damascus": the
  // pattern's last word opens an actor mention that goes on past the match with "of X" (the
  // knowledge base reads "ambassador of Iran" as IRNGOV): that mention is the target.
  if (tgt_m.empty() && m.pronoun_target < 0 && !m.passive && m.dest_place < 0 && !p.one_sided && !p.nominal &&
      m.end > m.anchor + 1 && m.end < s.size() && s.lower[m.end] == "of") {
    int k = s.mention_at[m.end - 1];
    if (k >= 0 && s.mention_range[k].first == m.end - 1 && s.mention_range[k].end > m.end + 1 &&
        !s.mentions[k].actor.country.empty() && std::find(src_m.begin(), src_m.end(), k) == src_m.end())
      tgt_m = {k};
  }
  if (tgt_m.empty() && m.pronoun_target < 0 && !m.passive && m.dest_place < 0 && !p.one_sided && !p.nominal) {
    tgt_m = FindTrailingTargets(s, m, sf.mentions);
    group_target = !tgt_m.empty() && s.mentions[tgt_m.front()].kind == actors::ActorMention::Kind::kAgent &&
                   s.mentions[tgt_m.front()].actor.country.empty();
  }
  // A threat's condition names who is threatened ("threatened a general strike unless Israel
  // rescinded ..."); so does the condition of a coercive act ("will impose sanctions unless
  // Iran halts enrichment"): an act held out unless another acts is a threat to that actor
  // (its final code, 13x, is set with the modality below, but the condition alone makes it
  // one, so this reads the act's code and whether it has a threat counterpart). A complaint
  // or protest lodged with a third party ("complained to the UN over two Israeli air raids")
  // is about the actor of its "over/about" phrase.
  // "Sharif appealed to the insurgents ... The insurgents rejected the appeal": a rejection
  // (12x) of a definite appeal, offer, demand or charge that names no one rejects its author,
  // the last source named before it (when that is not the rejecter).
  std::string rejected_object;
  if (tgt_m.empty() && !pronoun_actor && m.pronoun_target < 0 && !m.passive && act.code.compare(0, 2, "12") == 0 &&
      ds_.last_source && !ds_.last_source->country.empty() && m.end + 1 < s.size() && s.lower[m.end] == "the" &&
      In(s.lower[m.end + 1], {"appeal", "appeals", "offer", "proposal", "demand", "demands", "call", "request",
                              "accusation", "accusations", "charge", "charges", "ultimatum", "plan"}) &&
      (m.end + 2 >= s.size() || !In(s.lower[m.end + 2], {"of", "by", "from"}))) {
    bool own = false;
    for (int q : src_m) own = own || s.mentions[q].actor.code == ds_.last_source->code;
    if (!own && !src_m.empty()) {
      rejected_object = "the " + s.lower[m.end + 1];
      pronoun_actor = *ds_.last_source;
      pronoun_entries = ds_.last_source_entries;
    }
  }
  bool posture_target = false;
  {
    const std::string& code = act.code;
    if (tgt_m.empty() && !m.passive && !p.one_sided && m.dest_place < 0 &&
        (code.compare(0, 2, "13") == 0 || !ThreatCode(code).empty()))
      tgt_m = FindPhraseActor(s, m, {"unless"}, 20);
    // "called for a ceasefire in Libya", "urged an end to the fighting in Syria": an appeal for
    // military de-escalation (0256) with no target is made to the state where the fighting is,
    // named after "in" within three words of the match (not the source's own state).
    if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && code == "0256") {
      std::vector<int> where = FindPhraseActor(s, m, {"in"}, 4);
      bool own = false;
      for (int k : where)
        for (int q : src_m) own = own || s.mentions[k].actor.country == s.mentions[q].actor.country;
      if (!own) tgt_m = where;
    }
    // "mobilized reservists for a possible war against Iraq": a show of force or mobilisation
    // (15x, one-sided) aimed "against" a named actor is directed at it.
    if (tgt_m.empty() && !m.passive && p.one_sided && code.compare(0, 2, "15") == 0) {
      tgt_m = FindPhraseActor(s, m, {"against"}, 12);
      posture_target = !tgt_m.empty();
    }
    // "conducted 15 strikes using attack, bomber, fighter and remotely piloted aircraft against
    // ISIL targets": violence (18-20) with no object right after it is aimed at the actor of an
    // "against" phrase further on in its clause.
    if (tgt_m.empty() && !m.passive && !p.one_sided && m.dest_place < 0 && m.pronoun_target < 0 && Violent(act))
      tgt_m = FindPhraseActor(s, m, {"against"}, 16, /*need_country=*/false);
    if (!m.passive && !m.targets.empty() && (code.compare(0, 2, "11") == 0 || code.compare(0, 2, "14") == 0)) {
      int f = s.mention_range[m.targets.front()].first;
      while (f > 0 && (s.lower[f - 1] == "the" || s.lower[f - 1] == "a")) --f;
      if (f > 0 && (s.lower[f - 1] == "to" || s.lower[f - 1] == "with")) {
        std::vector<int> about = FindPhraseActor(s, m, {"over", "about"}, 12);
        bool self = false;
        for (int k : about)
          for (int q : src_m) self = self || s.mentions[k].actor.country == s.mentions[q].actor.country;
        if (!about.empty() && !self) tgt_m = about;
      }
    }
  }
  // "killing two and arresting 15", "killed 12 Palestinians and wounded 30": a bare count after
  // an act done to people counts more of the group an earlier such act of the sentence was
  // done to (the noun is left out because it was just named).
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && mi > 0 &&
      m.end < s.size() && s.IsCount(m.end)) {
    int e = m.end;
    while (e < s.size() && s.IsCount(e)) ++e;
    bool bare = e >= s.size() || s.IsBoundary(e) || s.lower[e] == "," || s.lower[e] == "and" ||
                s.lower[e] == "others" || s.lower[e] == "more" || s.IsLocativePreposition(e) ||
                (s.lower[e] == "of" && e + 1 < s.size() && s.lower[e + 1] == "them");
    const std::string& r = act.code;
    bool to_people = r.compare(0, 2, "17") == 0 || Violent(act);
    for (size_t q = mi; q-- > 0 && bare && to_people;) {
      if (match_targets[q].empty()) continue;
      const PatternMatch& pm = matches[q];
      const std::string& qc = (pm.code ? pm.code : pm.pattern->cameo)->code;
      if (qc.compare(0, 2, "17") != 0 && !Violent(*(pm.code ? pm.code : pm.pattern->cameo))) continue;
      tgt_m = match_targets[q];
      break;
    }
  }
  // Coordinated with an earlier event and no object of its own: "X is Y's trading partner and
  // aid provider" -> the earlier target too.
  if (sf.shared_with >= 0 && tgt_m.empty() && m.dest_place < 0 && !p.one_sided)
    tgt_m = matches[sf.shared_with].targets;
  // "Japan sent food aid to North Korea and promised to lift sanctions", "provided aid to
  // Ukraine but has not supplied weapons": a verb phrase coordinated with an earlier one of the
  // same named source, with no object actor of its own, acts on the earlier one's target. The
  // two are joined by "and"/"but", with no actor, comma or other clause punctuation or saying
  // verb between the earlier target and this act, at most eight words apart (", and condemned
  // ..." after a reported clause is often the reporter's own act: "said Seoul would reconsider
  // its policy of not providing arms to Ukraine, and condemned the agreement"). Not for statements, appeals and meetings (01, 02, 04), one-sided, reciprocal or
  // nominal acts, nor a pronoun source ("and said it would ...": a new clause).
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual &&
      !p.nominal && !src_m.empty() && !sf.pronoun && act.code.compare(0, 2, "01") != 0 &&
      act.code.compare(0, 2, "02") != 0 && act.code.compare(0, 2, "04") != 0) {
    for (size_t q = mi; q-- > 0 && tgt_m.empty();) {
      if (match_targets[q].empty() || sources[q].mentions != src_m) continue;
      int from = matches[q].end;
      for (int k : match_targets[q]) from = std::max(from, s.mention_range[k].end);
      bool joined = false, clean = from <= m.first && m.first - from <= 8;
      for (int j = from; j < m.first && clean; ++j) {
        const std::string& w = s.lower[j];
        if (w == "and" || w == "but") {
          joined = true;
        } else if (s.IsBoundary(j) || s.mention_at[j] >= 0 || s.speech_end[j] >= 0 || w == ";" || w == ":" ||
                   w == ",") {
          clean = false;
        }
      }
      if (joined && clean) tgt_m = match_targets[q];
      break;  // only the nearest earlier coded act of the source
    }
  }
  // "Police arrested and questioned the student", "troops detained and later released two
  // activists": a verb right before "and" (an adverb may follow) and a second verb with an
  // object shares that object. Only when the two verbs are next to each other (no word of its
  // own between the first verb and "and"), and not for statements, appeals and meetings (01,
  // 02, 04: "arrived and met Kim" is no visit to Kim), one-sided, reciprocal or nominal acts.
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual &&
      !p.nominal && m.end == m.verb_end && act.code.compare(0, 2, "01") != 0 &&
      act.code.compare(0, 2, "02") != 0 && act.code.compare(0, 2, "04") != 0 && m.end + 1 < s.size() &&
      (s.lower[m.end] == "and" || s.lower[m.end] == "or")) {
    int j = m.end + 1;
    while (j < s.size() && j <= m.end + 2 && IsSharedObjectAdverb(s.lower[j])) ++j;
    for (size_t r = mi + 1; r < matches.size(); ++r) {
      const PatternMatch& n = matches[r];
      if (n.verb_first != j) continue;
      if (!n.passive && !n.pattern->nominal && !n.targets.empty()) tgt_m = n.targets;
      break;
    }
  }
  // "expelled Ryan Fogle, a third secretary at the U.S. embassy in Moscow", "detained Jason
  // Rezaian, an American reporter,": a person the knowledge base does not place (no mention, or
  // one without a country) right after the act, followed by an apposition that names the state
  // the person belongs to, is that state's (AppositionActor; tgt26).
  if (!m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual && !p.nominal &&
      (tgt_m.empty() || (tgt_m.size() == 1 && s.mentions[tgt_m[0]].actor.country.empty() &&
                         (s.mentions[tgt_m[0]].kind == actors::ActorMention::Kind::kPerson ||
                          s.mentions[tgt_m[0]].actor.code.empty())))) {
    int name_end = -1;
    if (!tgt_m.empty()) {
      name_end = s.mention_range[tgt_m[0]].end;
    } else {
      int j = m.end;
      while (j < s.size() && j < m.end + 4 && s.mention_at[j] < 0 && (s.flags[j] & Token::kCapitalized) &&
             !s.IsBoundary(j) && s.lower[j] != ",")
        ++j;
      if (j > m.end) name_end = j;
    }
    const int k = name_end > 0 ? AppositionActor(s, name_end) : -1;
    if (k >= 0 && std::find(src_m.begin(), src_m.end(), k) == src_m.end()) {
      tgt_m = {k};
    }
  }
  // "The U.S. demanded the release of two journalists after North Korea sentenced them",
  // "Japan protested on Sunday after China declared ...": a demand (10) or disapproval (11) that
  // names no one (or only people of the source's own state) is addressed to the actor that
  // opens the "after" / "following" / "when" clause of the same sentence (its first words; a
  // possessor counts: "after Japan's coast guard"), when that actor is of another state.
  bool own_target = !tgt_m.empty();  // (only people of the source's own state: "a Chinese captain")
  for (int k : tgt_m) {
    const int e = s.mention_range[k].end;
    const bool qualifier = e < s.size() && !s.lower[e].empty() && s.lower[e][0] >= 'a' && s.lower[e][0] <= 'z' &&
                           !IsDeterminerWord(s.lower[e]) &&
                           !In(s.lower[e], {"on", "in", "at", "after", "and", "or", "for", "to", "of", "over",
                                            "with", "from", "following", "when", "by"});
    for (int o : src_m)
      own_target = own_target && s.mentions[k].actor.country == s.mentions[o].actor.country &&
                   (s.mentions[k].kind != actors::ActorMention::Kind::kState || qualifier);
  }
  if ((tgt_m.empty() || own_target) && !pronoun_actor && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 &&
      !p.one_sided && !p.mutual && !p.nominal && !src_m.empty() &&
      (act.code.compare(0, 2, "10") == 0 || act.code.compare(0, 2, "11") == 0)) {
    for (int j = m.end; j + 1 < s.size() && j < m.end + 16; ++j) {
      if (s.IsBoundary(j) || s.speech_end[j] >= 0 || s.lower[j] == ";") break;
      if (!In(s.lower[j], {"after", "following", "when"})) continue;
      int q = j + 1;
      while (q < s.size() && IsDeterminerWord(s.lower[q])) ++q;
      const int k = q < s.size() ? s.mention_at[q] : -1;
      if (k >= 0 && s.mention_range[k].first == q && !s.mentions[k].actor.country.empty()) {
        bool same = false;
        for (int o : src_m) same = same || s.mentions[o].actor.country == s.mentions[k].actor.country;
        if (!same) tgt_m = {k};
      }
      break;
    }
  }
  // A pronoun that stands for no actor named ("expelled them", of things or of people the
  // sentence does not name as actors): the act is not coded, as when the slot is empty.
  if (m.pronoun_target >= 0 && tgt_m.empty() && !pronoun_actor && !m.passive) return false;
  match_targets[mi] = tgt_m;
  std::string src_sector = !p.sector.empty() ? p.sector : sf.sector_override, tgt_sector = p.sector;
  std::string implied_sector;  // the police or courts a passive with no agent implies (below)
  // "Martial law was declared in Pakistan" (ArgumentFinder's agentless_object): the government
  // of the state where it happens (below), on that state, told as done ("was/has been").
  if (m.agentless_object) {
    if (!ToldAsDone(s, m.anchor)) return false;
    src_m.clear();
    implied_sector = "GOV";
  }
  // `source = courts` ("is on trial"): the authority of where it happens when no SRC is named.
  // `source = people` ("a demonstration in Cairo against the council"): only when no actor
  // is the subject or the SRC.
  if (!p.implied_source.empty() && !m.passive && m.sources.empty() &&
      (p.implied_source != "people" || src_m.empty())) {
    src_m.clear();
    implied_sector = p.implied_source;
  }
  if (m.passive) {
    src_m = m.sources;
    tgt_m = sf.mentions;
    tgt_sector = sf.sector_override;
    src_sector.clear();
    // "The activist said he was interrogated by police": a pronoun subject of a passive is the
    // nearest fitting actor named before it in the sentence (not the agent, not a possessor).
    if (tgt_m.empty() && sf.pronoun && sf.pronoun_at > 0 && In(s.lower[sf.pronoun_at], {"he", "she", "they"})) {
      const std::string& w = s.lower[sf.pronoun_at];
      const std::string pr = w == "he" ? "him" : w == "she" ? "her" : "them";  // (PronounFits reads objects)
      for (int k = static_cast<int>(s.mentions.size()) - 1; k >= 0 && tgt_m.empty(); --k) {
        const auto& r = s.mention_range[k];
        if (r.end > sf.pronoun_at || std::find(src_m.begin(), src_m.end(), k) != src_m.end()) continue;
        // (Nor a word qualifying a noun after it: "the elite group within Scientology".)
        // (Nor, for "he" or "she", a body named by a collective noun: "Police fired tear gas
        // at his supporters after he was sentenced" - he is not the police.)
        if (pr != "them" && In(s.lower[r.end - 1], {"police", "military", "army", "government", "court",
                                                     "judiciary", "parliament", "authorities", "junta"}))
          continue;
        if (!PlainNounAt(s, r.end) && FitsAntecedent(s, k, pr)) tgt_m = {k};
      }
    }
    // "X was attacked": no agent, no event, except violence (below), and the acts only the
    // police or the courts do to people ("was arrested", "was charged with"): theirs.
    if (src_m.empty() && !Violent(act)) {
      // Only of people ("The United Nations is charged with the maintenance of peace" is a
      // task), and only told as done ("was/were/has been arrested"; a headline's "arrested
      // after ..."): "to ensure that criminals are caught and prosecuted" is no arrest.
      implied_sector = ImpliedAuthority(s, m);
      // "Daniel Montalvo, 19, was arrested ... He was released on bail on Thursday": a subject
      // "he" or "she" opening the sentence that the sentence does not resolve stands for the
      // first person (or singular group noun: "the activist") named in the previous sentence
      // (only for these acts of an authority).
      // "They were twice denied visas": "they" likewise stands for the first plural group.
      // When the previous sentence names none ("His supporters attacked army buildings. He was
      // released on bail"), the sentence before it is searched.
      if (!implied_sector.empty() && tgt_m.empty() && sf.pronoun && sf.pronoun_at == 0 &&
          In(s.lower[0], {"he", "she", "they"})) {
        const std::string as = s.lower[0] == "they" ? "them" : "him";
        for (const auto* prev : {&ds_.prev_mentions, &ds_.earlier_mentions}) {
          const auto& prev_entries = prev == &ds_.prev_mentions ? ds_.prev_mention_entries : ds_.earlier_mention_entries;
          for (size_t i = 0; i < prev->size() && !pronoun_actor; ++i) {
            const auto& [kind, a] = (*prev)[i];
            std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
            if (!PronounFits(as, kind, head) || a.country.empty() ||
                In(SectorBase(a.sector), {"COP", "JUD", "GOV", "MIL", "LEG", "SPY"}))
              continue;
            pronoun_actor = a;
            pronoun_entries = prev_entries[i];
          }
          if (pronoun_actor) break;
        }
      }
      // (Visas and entry are refused to people only: "the Afghan team", named by its state.)
      bool people = !tgt_m.empty() || pronoun_actor.has_value();
      for (int k : tgt_m)
        if (s.mentions[k].kind != actors::ActorMention::Kind::kPerson &&
            s.mentions[k].kind != actors::ActorMention::Kind::kAgent && implied_sector != "GOV" &&
            !PluralDemonym(s, k))
          people = false;
      if (implied_sector.empty() || !people || !ToldAsDone(s, m.anchor)) return false;
    }
  }
  // "held talks in Paris under French mediation", "under the mediation of Algeria": the
  // mediator is no party (AddMediation).
  tgt_m.erase(std::remove_if(tgt_m.begin(), tgt_m.end(),
                             [&](int k) {
                               const int e = s.mention_range[k].end, f = s.mention_range[k].first;
                               return (e < s.size() && MediatorMention(s, e) == k) ||
                                      (f >= 2 && MediatorMention(s, f - 2) == k);
                             }),
              tgt_m.end());
  d->m = &m;
  d->p = &p;
  d->act = &act;
  d->sf = std::move(sf);
  d->src_m = std::move(src_m);
  d->tgt_m = std::move(tgt_m);
  d->implied_sector = std::move(implied_sector);
  d->posture_target = posture_target;
  d->doc_speaker_source = doc_speaker_source;
  d->group_target = group_target;
  d->pronoun_actor = std::move(pronoun_actor);
  d->pronoun_entries = std::move(pronoun_entries);
  d->rejected_object = std::move(rejected_object);
  d->src_sector = std::move(src_sector);
  d->tgt_sector = std::move(tgt_sector);
  return true;
}

}  // namespace entente::coder::internal
