// Stage 1 of SentenceCoder::Code, once per word (step 3 of coder.cc's header): FindMatchAt, the
// pattern match anchored on the word, the folds into an earlier match, acts only named as aims;
// and the helpers only it uses.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>

#include "coder/announced_codes.h"
#include "coder/coder_words.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// Word elements that must match (the tie-break between patterns of equal weight: "vow * response"
// beats "vow (to)").
int RequiredWords(const Pattern& p) {
  int n = 0;
  for (const auto& e : p.elements) n += e.kind == PatternElement::Kind::kWord && !e.optional;
  return n;
}

// "defying a ban on protests", "lifted the ban on public rallies", "banned all rallies", "will
// no longer tolerate rallies by X": true when the act's word at `first` (a noun or an "-ing"
// form) stands right after "ban / moratorium / curbs / restrictions on (against)" or a verb of
// banning or tolerating, with at most determiners and one plain word between: what is banned,
// not an act done.
bool BannedActWord(const SentenceView& s, int first) {
  auto banning = [&](int q) {
    return q >= 0 && ((q > 0 && In(s.lower[q], {"on", "against"}) &&
                       In(s.lemma[q - 1], {"ban", "moratorium", "curb", "restriction", "prohibition", "embargo"})) ||
                      (s.lower[q] != s.lemma[q] && In(s.lemma[q], {"ban", "outlaw", "prohibit", "forbid", "tolerate"})) ||
                      In(s.lower[q], {"tolerate", "ban", "outlaw", "prohibit", "forbid"}));
  };
  int q = first - 1;
  while (q > 0 && IsDeterminerWord(s.lower[q])) --q;
  return banning(q) || (q > 1 && PlainNounAt(s, q) && s.mention_at[q] < 0 && banning(q - 1));
}

// "arrested a man suspected of attacking a police station", "jailed for their role in a 2009
// mutiny", "a man wanted for murder", "soldiers accused of looting": true when the act's word at
// `first` follows "accused / suspected / convicted of", "wanted for" or "role / involvement /
// complicity in" (at most three determiners, numbers or plain lower-case words between): it
// describes the one so named and is no act of its own (PLOVER: only the clause's predicate is
// coded).
bool DescribingActWord(const SentenceView& s, int first) {
  int q = first - 1;
  for (int skipped = 0; q > 1 && skipped < 3 && s.mention_at[q] < 0 && !s.IsBoundary(q) &&
                        (IsDeterminerWord(s.lower[q]) || std::isdigit(static_cast<unsigned char>(s.lower[q][0])) ||
                         (std::islower(static_cast<unsigned char>(s.lower[q][0])) &&
                          !In(s.lower[q], {"of", "for", "in", "and", "or", "to"})));
       ++skipped)
    --q;
  return q > 0 && ((s.lower[q] == "of" && In(s.lower[q - 1], {"accused", "suspected", "convicted"})) ||
                   (s.lower[q] == "for" && s.lower[q - 1] == "wanted") ||
                   (s.lower[q] == "in" && In(s.lemma[q - 1], {"role", "involvement", "complicity"})));
}

// True when the verb at `i` is the verb of a clause of time, condition or indirect question that
// opens right before its subject: "... before they demobilize", "until Iraq complies", "unless
// Tokyo approved", "if Iraq attacks", "If it does not withdraw", "provided (providing) that
// Tehran halts", "on condition that", "as long as NATO asks", "asked whether Israel had
// attacked". The subject is an actor mention (after up to two capitalised words and an optional
// "the") or a personal pronoun; auxiliaries, "not" and "ever" may stand between it and the verb.
// A clause of time counts only with the verb in the present tense right after its subject
// ("before they demobilized" happened); a clause of condition or question in any tense ("said it
// would withdraw unless Tokyo approved").
// The subject may have a phrase after it ("if troops from the South cross", "if rebels in Darfur
// attacked": a preposition and a named actor or place, twice at most), and after an auxiliary it
// may be a noun that names no actor ("unless sanctions were lifted by the Security Council",
// "unless the oil embargo is lifted": up to four plain words; only in a clause of condition or
// question).
bool ConditionalClauseVerb(const SentenceView& s, int i) {
  static const std::unordered_set<std::string> kBetween = {
      "do",    "does", "did",   "not",   "n't", "has",   "have",  "had", "is", "are", "was",
      "were",  "ever", "again", "been",  "would", "will", "could", "might", "may", "can", "to"};
  static const std::unordered_set<std::string> kPronoun = {"they", "he", "she", "it", "we", "i", "you"};
  static const std::unordered_set<std::string> kPhrase = {"from", "in", "of", "inside", "near", "along", "across"};
  int j = i - 1;
  bool modal = false;
  while (j >= 0 && kBetween.count(s.lower[j])) {
    modal = modal || In(s.lower[j], {"would", "will", "could", "might", "may", "can"});
    --j;
  }
  bool auxiliary = j < i - 1;
  if (j < 0) return false;
  bool noun_subject = false;
  // A plain noun, singular or plural ("sanctions", "embargo"), that is no function word.
  auto noun_word = [&](int t) {
    const std::string& x = s.lower[t];
    bool plural = x.size() > 3 && (x == s.lemma[t] + "s" || x == s.lemma[t] + "es") && !EndsWith(x, "ss");
    return (PlainNounAt(s, t) || plural) && s.mention_at[t] < 0 && x[0] >= 'a' && x[0] <= 'z' &&
           !In(x, {"if", "unless", "whether", "not", "also", "it", "they", "he", "she", "be", "will", "would", "can",
                   "could", "may", "might", "shall", "should", "must", "then"});
  };
  // The first word of the named actor or place ending at `t`, or -1.
  auto named_start = [&](int t) {
    if (t < 0) return -1;
    if (s.mention_at[t] >= 0) return s.mention_range[s.mention_at[t]].end == t + 1 ? s.mention_range[s.mention_at[t]].first : -1;
    if (s.place_at[t] >= 0 || (s.flags[t] & Token::kCapitalized)) {
      int f = t;
      while (f > 0 && (s.place_at[f - 1] >= 0 || (s.flags[f - 1] & Token::kCapitalized)) && !s.boundary[f - 1] &&
             s.mention_at[f - 1] < 0 && s.lower[f - 1] != "if" && s.lower[f - 1] != "unless")
        --f;
      return f;
    }
    return -1;
  };
  if (s.mention_at[j] >= 0) {
    j = s.mention_range[s.mention_at[j]].first - 1;
    // "if troops from the South cross", "if militants in Gaza free": the subject's phrase.
    for (int hop = 0; hop < 2 && j > 0; ++hop) {
      int q = j;
      if (q >= 0 && s.lower[q] == "the") --q;
      // (One plain word may qualify the named actor: "refugees from northern Iraq".)
      if (q >= 2 && !kPhrase.count(s.lower[q]) && PlainNounAt(s, q) && kPhrase.count(s.lower[q - 1])) --q;
      if (q < 1 || !kPhrase.count(s.lower[q]) || s.mention_at[q - 1] < 0 ||
          s.mention_range[s.mention_at[q - 1]].end != q)
        break;
      j = s.mention_range[s.mention_at[q - 1]].first - 1;
    }
    // "unless sanctions on Tehran are lifted": a noun of plain words the named actor qualifies.
    if (j >= 1 && In(s.lower[j - (s.lower[j] == "the")], {"on", "against", "of", "from", "in"}) &&
        j - 1 - (s.lower[j] == "the") >= 0 && noun_word(j - 1 - (s.lower[j] == "the"))) {
      int q = j - 1 - (s.lower[j] == "the");
      int last = q;
      while (q >= 0 && q >= last - 3 && (noun_word(q) || s.lower[q] == "the")) --q;
      j = q;
      noun_subject = true;
    }
    // "as long as Kurdish militants threaten": capitalised words before the mention are its
    // qualifiers.
    for (int q = 0; q < 2 && j > 0 && (s.flags[j] & Token::kCapitalized) && !s.boundary[j] && s.lower[j] != "if" &&
                    s.lower[j] != "unless";
         ++q)
      --j;
  } else if (kPronoun.count(s.lower[j])) {
    --j;
  } else if (int f = named_start(j), q = f > 0 && s.lower[f - 1] == "the" ? f - 2 : f - 1;
             f >= 0 && q >= 1 && kPhrase.count(s.lower[q]) && s.mention_at[q - 1] >= 0) {
    // "if rebels in Darfur attacked": the phrase names a place that is no actor.
    j = s.mention_range[s.mention_at[q - 1]].first - 1;
  } else if (auxiliary && noun_word(j)) {
    // "unless (the oil) embargo is lifted": a noun subject of plain words.
    int q = j - 1;
    while (q >= 0 && q >= j - 3 && (noun_word(q) || s.lower[q] == "the")) --q;
    j = q + 1;
    noun_subject = true;
    --j;
  } else {
    return false;
  }
  if (j >= 0 && s.lower[j] == "the") --j;
  if (j < 0) return false;
  const std::string& w = s.lower[j];
  if (w == "before" || w == "until") {
    const std::string& l = s.lemma[i];
    const std::string& v = s.lower[i];
    return !auxiliary && !noun_subject && (v == l || v == l + "s" || v == l + "es");
  }
  // "Asked whether Russia would help X, Putin said ...": the question the main clause answers
  // about a future act leaves that act to the answer (coded planned), as it is worded.
  if (w == "whether" && modal && s.lower[0] == "asked") return false;
  if (w == "if" || w == "unless" || w == "whether") return true;
  // "Should Russia invade Ukraine, ...", "Had NATO not intervened, ...", "Were Iran to attack",
  // "Did Iraq attack ...?":
  // an auxiliary before the subject at the start of the sentence or after a comma opens an
  // inverted condition or a question.
  if (In(w, {"should", "had", "were", "did", "does", "do", "will", "would", "could", "can", "might", "may"}) &&
      (j == 0 || In(s.lower[j - 1], {",", ";", ":", "\"", "--"})))
    return true;
  if (w == "case" && j > 0 && s.lower[j - 1] == "in") return true;  // "in case Iraq attacks"
  if (w == "that" && j > 1 && s.lower[j - 1] == "event" && s.lower[j - 2] == "the") return true;  // "in the event that"
  if (w == "event" && j > 1 && s.lower[j - 1] == "the" && s.lower[j - 2] == "in") return true;  // "in the event Iraq attacks"
  if (w == "that" && j > 0)  // "provided that", "providing that", "on condition that"
    return s.lower[j - 1] == "provided" || s.lower[j - 1] == "providing" || s.lower[j - 1] == "condition";
  return w == "as" && j > 1 && s.lower[j - 1] == "long" && s.lower[j - 2] == "as";
}

// True when the noun of an act starting at `first` is held out as a case that may come: "in case
// of an attack by China", "in the event of a Turkish attack on Cyprus" (determiners, named actors
// and up to two plain words between "of" and the noun). Such an act has not happened.
bool HeldOutAsCase(const SentenceView& s, int first) {
  int j = first - 1;
  for (int steps = 0; j >= 0 && steps < 4 && s.lower[j] != "of"; ++steps) {
    if (s.mention_at[j] >= 0) {
      j = s.mention_range[s.mention_at[j]].first - 1;
      continue;
    }
    if (s.IsBoundary(j) || s.lower[j] == "," || !(IsDeterminerWord(s.lower[j]) || PlainNounAt(s, j))) return false;
    --j;
  }
  if (j < 2 || s.lower[j] != "of") return false;
  if (s.lower[j - 1] == "case") return s.lower[j - 2] == "in";
  return j >= 3 && s.lower[j - 1] == "event" && s.lower[j - 2] == "the" && s.lower[j - 3] == "in";
}

// True when the verb at `first` stands in an infinitive asked of someone: "to" at most four
// words before it ("to give", "to continue to give", "to live up to its commitments by
// providing"), and before that, in the clause, a verb of asking with someone between it and
// its "to": "urge/ask/encourage/invite/request/press/want X to", "call on/upon X to", "appeal
// to X to". Not "we wish to express" (no one asked).
bool AskedOfAnother(const SentenceView& s, int first) {
  bool saw_to = false;
  for (int j = first - 1; j >= 0 && j >= first - 16; --j) {
    if (s.IsBoundary(j) || s.lower[j] == ";" || s.lower[j] == ":") return false;
    if (s.lower[j] == "to") {
      saw_to = true;
      continue;
    }
    if (!saw_to) {
      if (first - j > 4) return false;
      continue;
    }
    const std::string& l = s.lemma[j];
    const bool particle = (l == "call" && j + 1 < first && In(s.lower[j + 1], {"on", "upon"})) ||
                          (l == "appeal" && j + 1 < first && s.lower[j + 1] == "to");
    if (particle || In(l, {"urge", "ask", "encourage", "invite", "request", "exhort", "press", "want",
                           "implore", "enjoin", "persuade"})) {
      const int asked = j + (particle ? 2 : 1);
      return asked < first && s.lower[asked] != "to";
    }
  }
  return false;
}

// True when the act at `first` is only named as an aim, obligation, need or effort, not told
// as done: "our aim is to strengthen cooperation", "the obligation to disarm", "efforts to
// promote peace", "the need to hold talks" (an infinitive after such a noun, at most two words
// between "to" and the act; a gerund after its "of": "the task of providing"), "the objective of the Organization is to ..." (the noun the subject
// of "is to"), and for a noun of an act "the need for dialogue", "the importance of cooperation"
// (at most two determiners or adjectives between). "aim", "need" and "right" are nouns only
// after a determiner, possessive or adjective ("we need to", "they aim to" are verbs: modality).
bool NamedAsAim(const SentenceView& s, int first, bool nominal) {
  static const std::initializer_list<std::string_view> kAims = {
      "aim",        "goal",      "objective", "purpose",        "obligation",     "duty",      "need",
      "necessity",  "effort",    "endeavour", "endeavor",       "task",           "responsibility",
      "mission",    "imperative", "priority", "ambition",       "aspiration",     "right"};
  // (Plurals by their form too: the fast path's lemmatizer leaves "efforts" as it is.)
  auto aim_lemma = [&](int h) -> std::string {
    const std::string& w = s.lower[h];
    if (In(s.lemma[h], kAims)) return s.lemma[h];
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ies") == 0 && In(w.substr(0, w.size() - 3) + "y", kAims))
      return w.substr(0, w.size() - 3) + "y";
    if (w.size() > 3 && w.back() == 's' && In(w.substr(0, w.size() - 1), kAims)) return w.substr(0, w.size() - 1);
    return "";
  };
  auto noun_at = [&](int h) {
    if (h < 0 || s.mention_at[h] >= 0) return false;
    const std::string l = aim_lemma(h);
    if (l.empty()) return false;
    // "the United States' efforts to strengthen its alliances with X": a named actor's efforts
    // are its act under way (golden founding.txt), unlike "efforts to promote peace".
    if (In(l, {"effort", "endeavour", "endeavor"}) && h > 1 && (s.lower[h - 1] == "'s" || s.lower[h - 1] == "'") &&
        s.mention_at[h - 2] >= 0)
      return false;
    if (!In(l, {"aim", "need", "right"})) return true;
    if (h == 0) return false;  // ("needs", "aimed", "needed": verbs too)
    const std::string& d = s.lower[h - 1];
    return IsDeterminerWord(d) || In(d, {"our", "your", "my", "this", "that", "every", "urgent", "pressing",
                                        "main", "ultimate", "overriding", "primary", "fundamental", "basic",
                                        "real", "clear", "common", "shared", "collective", "inalienable",
                                        "legitimate", "sovereign", "growing", "great", "vital", "first"});
  };
  if (nominal) {
    int j = first - 1;
    for (int k = 0; k < 2 && j > 0 && (IsDeterminerWord(s.lower[j]) || In(s.lower[j], {"a", "an", "greater",
                                                                                        "more", "genuine", "real",
                                                                                        "constructive", "meaningful",
                                                                                        "further", "closer"}));
         ++k)
      --j;
    if (j < 1 || !In(s.lower[j], {"for", "of"})) return false;
    return noun_at(j - 1) || In(s.lemma[j - 1], {"importance", "necessity"});
  }
  int to = -1;
  for (int j = first - 1; j >= 0 && j >= first - 3; --j) {
    if (s.IsBoundary(j) || s.lower[j] == "," || s.mention_at[j] >= 0) return false;
    if (s.lower[j] == "to") {
      to = j;
      break;
    }
  }
  // "the task of providing assistance", "the objective of strengthening cooperation".
  const std::string& w = s.lower[first];
  if (to < 0 && first > 1 && s.lower[first - 1] == "of" && w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0)
    return noun_at(first - 2);
  if (to < 1) return false;
  if (noun_at(to - 1)) return true;
  if (!In(s.lower[to - 1], {"is", "are", "was", "were", "be", "remains", "remain"})) return false;
  for (int h = to - 2; h >= 0 && h >= to - 10; --h) {
    if (s.IsBoundary(h) || s.lower[h] == "," || s.lower[h] == "that" || s.lower[h] == "which") return false;
    if (noun_at(h)) return true;
  }
  return false;
}

}  // namespace

// Stage 1 of Code, at word `i` (called for each word in order): finds the best pattern match
// anchored on the word (its lemma or itself) and appends it to scan->matches, marking its verb
// words consumed. Reads the words, mentions and places of `s` and scan->consumed (a word
// consumed by an earlier match anchors none). Drops the candidate (returns with no match) when
// the word is used as a noun or adjective where only a verb fits, when no pattern fits, or
// when the act is only named as an aim (then scan->aim_end moves to its end).
void SentenceCoder::FindMatchAt(const SentenceView& s, int i, MatchScan* scan) const {
  const int n = s.size();
  std::vector<bool>& consumed = scan->consumed;
  std::vector<PatternMatch>& matches = scan->matches;
  int& aim_end = scan->aim_end;
    if (consumed[i] || s.mention_at[i] >= 0 || s.place_at[i] >= 0) return;
    // The patterns anchored on the word's lemma and on the word itself; nothing below matters
    // for a word that anchors none (most words).
    const std::vector<const Pattern*>* by_lemma = k_.patterns.ForAnchor(s.lemma[i]);
    const std::vector<const Pattern*>* by_word =
        s.lower[i] != s.lemma[i] ? k_.patterns.ForAnchor(s.lower[i]) : nullptr;
    if (!by_lemma && !by_word) return;
    PatternMatch best;
    bool found = false;
    bool after_determiner =
        i > 0 && (s.lower[i - 1] == "the" || s.lower[i - 1] == "a" || s.lower[i - 1] == "an" ||
                  s.lower[i - 1] == "such" || s.lower[i - 1] == "its" || s.lower[i - 1] == "their" ||
                  s.lower[i - 1] == "his" || s.lower[i - 1] == "her" || s.lower[i - 1] == "our" ||
                  s.lower[i - 1] == "'s" || s.lower[i - 1] == "'" ||
                  (s.lower[i - 1].size() > 2 && s.lower[i - 1].compare(s.lower[i - 1].size() - 2, 2, "s'") == 0));
    // "a teachers strike", "a workers protest": a plural group right after "a"/"an" qualifies
    // the word after it, a noun (a plural cannot be the subject "a" opens).
    if (!after_determiner && i > 1 && s.mention_at[i - 1] >= 0) {
      const auto& r = s.mention_range[s.mention_at[i - 1]];
      const std::string& g = s.lower[i - 1];
      after_determiner = r.end == i && r.first >= 1 && In(s.lower[r.first - 1], {"a", "an"}) && g.size() > 3 &&
                         g.back() == 's' && g.compare(g.size() - 2, 2, "ss") != 0 &&
                         s.mentions[s.mention_at[i - 1]].kind == actors::ActorMention::Kind::kAgent;
    }
    // "North Korea's consistent demand", "its renewed call", "a fresh offer": after a
    // determiner or possessive and an adjective, a word is a noun.
    if (!after_determiner && i > 1 && s.mention_at[i - 1] < 0 && s.place_at[i - 1] < 0) {
      const std::string& d = s.lower[i - 2];
      const std::string& adj = s.lower[i - 1];
      bool det = d == "the" || d == "a" || d == "an" || d == "its" || d == "their" || d == "his" || d == "her" ||
                 d == "'s" || d == "our";
      auto ends = [&](const char* suf) {
        size_t k = std::char_traits<char>::length(suf);
        return adj.size() > k + 2 && adj.compare(adj.size() - k, k, suf) == 0;
      };
      bool adjective = ends("ent") || ends("ive") || ends("ous") || ends("ful") ||
                       (d != "the" && d != "a" && d != "an" && ends("ed")) || adj == "new" || adj == "fresh" ||
                       adj == "latest" || adj == "earlier" || adj == "previous" || adj == "recent" ||
                       adj == "formal" || adj == "official" || adj == "strong" || adj == "stern";
      if (det && adjective) after_determiner = true;
      // "killed in nationalist riots", "during violent clashes": after a preposition and an
      // adjective a word is a noun too.
      bool prep = d == "in" || d == "during" || d == "amid" || d == "after" || d == "following" || d == "of";
      if (prep && (adjective || ends("ist") || ends("al") || ends("ic") || ends("ian"))) after_determiner = true;
    }
    // "held in Israeli jails", "died in Iraqi custody": after a preposition and a state's
    // adjective (one word, by its knowledge entry: not "after Iran seized", nor a plural demonym:
    // "of Palestinians held") a word is a noun.
    if (!after_determiner && i > 1 && s.mention_at[i - 1] >= 0 && s.mention_at[i - 2] < 0 &&
        s.mention_range[s.mention_at[i - 1]].first == i - 1 && s.mention_range[s.mention_at[i - 1]].end == i &&
        In(s.lower[i - 2], {"in", "into", "from", "during", "amid", "after", "following", "by"})) {
      const auto& a = s.mentions[s.mention_at[i - 1]];
      bool adjective = a.kind == actors::ActorMention::Kind::kState && !a.entries.empty() &&
                       a.entries.front().find(" adjective '") != std::string::npos;
      if (adjective) after_determiner = true;
    }
    // "missile warning data", "early warning plane": an -ing word after a plain word is a noun
    // or adjective, not a verb (after a form of "be", a comma, a conjunction or an actor it is).
    if (!after_determiner && i > 0 && s.lower[i].size() > 4 &&
        s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0 && s.mention_at[i - 1] < 0 &&
        !(s.flags[i - 1] & Token::kCapitalized)) {
      bool verb_context = s.IsBoundary(i - 1);
      // "a demonstration calling for ...", "protesters demanding ...": after a protest noun an
      // -ing word opens a participle clause (what the protest is for).
      const std::string& pl = s.lemma[i - 1];
      verb_context = verb_context || pl == "demonstration" || pl == "protest" || pl == "rally" || pl == "march" ||
                     pl == "strike" || pl == "sit-in" || pl == "demonstrator" || pl == "protester" ||
                     pl == "protestor";
      // "because of fighting between X and Y", "amid mounting protests": a gerund after a
      // preposition of cause is a noun, the cause told as background.
      bool cause = s.lower[i - 1] == "amid" || s.lower[i - 1] == "despite" ||
                   (i > 1 && s.lower[i - 1] == "of" && s.lower[i - 2] == "because") ||
                   (i > 1 && s.lower[i - 1] == "to" && s.lower[i - 2] == "due");
      verb_context = verb_context || In(s.lower[i - 1], {"is", "are", "was", "were", "be", "been", "being", "'s", ",",
                                                         "and", "or", "but", "after", "before", "while", "by",
                                                         "without", "of", "for", "on", "in", "from", "to", "not",
                                                         "also", "since", "when", "then", "--", "are", "am",
                                                         "continued", "began", "begun", "begin", "begins",
                                                         "start", "started", "starts", "resumed", "keep", "kept",
                                                         "stop", "stopped", "over", "about", "that", "who", "which",
                                                         "as", "still", "now", "already", "again", "just", "even",
                                                         "never", "n't", "repeatedly"});
      const std::string& prev = s.lower[i - 1];
      bool adverb = prev.size() > 3 && (prev.compare(prev.size() - 2, 2, "ly") == 0 ||
                                        prev.compare(prev.size() - 2, 2, "ed") == 0);  // "denied selling"
      if ((!verb_context && !adverb) || cause) after_determiner = true;
    }
    // "detained striking workers", "killed protesting monks", "fired on rioting youths": an -ing
    // form of a verb that takes no object, right before a group of people named as an actor,
    // says what the group does; it is no act of the clause's subject.
    if (!after_determiner && i + 1 < n && s.mention_at[i + 1] >= 0 &&
        s.mention_range[s.mention_at[i + 1]].first == i + 1 &&
        s.mentions[s.mention_at[i + 1]].kind == actors::ActorMention::Kind::kAgent) {
      after_determiner = after_determiner || In(s.lower[i], {"striking", "protesting", "demonstrating", "rioting",
                                                             "marching", "rallying", "fleeing", "mutinying", "mutinous",
                                                             "picketing", "rebelling"});
    }
    // "the 15 detained sailors", "Britain's two kidnapped engineers", "the recently arrested
    // activists": a past participle after a determiner or possessive and a count (not a year) or
    // an -ly adverb, right before a noun, is an adjective of that noun; what it names happened
    // earlier and is no act of the clause's subject.
    if (!after_determiner && i > 1 && i + 1 < n && s.lower[i].size() > 4 &&
        s.lower[i].compare(s.lower[i].size() - 2, 2, "ed") == 0 && s.mention_at[i - 1] < 0 &&
        s.place_at[i - 1] < 0) {
      const std::string& mid = s.lower[i - 1];
      const std::string& d = s.lower[i - 2];
      bool count = (s.is_number[i - 1] && !(mid.size() == 4 && (mid[0] == '1' || mid[0] == '2'))) ||
                   In(mid, {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                            "twelve", "dozen", "dozens", "hundreds", "several", "few", "many"});
      bool adverb = mid.size() > 4 && mid.compare(mid.size() - 2, 2, "ly") == 0;
      bool det = In(d, {"the", "its", "their", "his", "her", "our", "'s", "those", "these", "of"}) ||
                 (d.size() > 2 && d.compare(d.size() - 2, 2, "s'") == 0);
      bool noun_next = s.mention_at[i + 1] >= 0 ||
                       ((s.flags[i + 1] & Token::kCapitalized) == 0 && !s.IsBoundary(i + 1) &&
                        !s.is_number[i + 1] &&
                        !In(s.lower[i + 1], {"in", "on", "at", "by", "for", "from", "to", "with", "into", "during",
                                             "after", "before", "and", "or", "as", "since", "last", "the", "a",
                                             "an", "this", "that", "were", "was", "are", "is", "have", "had",
                                             "has", "over", "near", "under", "without", "while", "when"}));
      // ("several other detained activists", "the other jailed leaders": "other" after a
      // determiner or a count qualifies the same way.)
      const bool other = mid == "other" && (det || s.is_number[i - 2] ||
                                            In(d, {"two", "three", "four", "five", "six", "seven", "eight", "nine",
                                                   "ten", "dozen", "dozens", "hundreds", "several", "few", "many",
                                                   "some", "all", "any", "no"}));
      if ((other || (det && (count || adverb))) && noun_next) after_determiner = true;
    }
    bool after_since = false;
    for (int j = i - 1; j >= 0 && j >= i - 5 && !after_since; --j) {
      if (s.lower[j] == "," || s.IsBoundary(j)) break;
      after_since = s.lower[j] == "since";
    }
    auto try_list = [&](const std::vector<const Pattern*>* list) {
      if (!list) return;
      for (const Pattern* p : *list) {
        if (found && (p->weight < best.pattern->weight ||
                      (p->weight == best.pattern->weight && RequiredWords(*p) <= RequiredWords(*best.pattern))))
          continue;
        const bool subject_noun = SubjectNounPattern(s, *p, i);
        if (!p->nominal && after_determiner && !subject_noun) continue;  // "the vetoes", "a visit": nouns
        if (ParseSkipsPattern(s, *p, i)) continue;  // parsed nouns: "restart talks"
        if (p->nominal && after_since) continue;        // "since talks with X stalled": background
        PatternMatch m;
        if (!finder_.MatchPattern(s, *p, i, &m)) continue;
        if (!p->source_sectors.empty()) {
          // `source_sector`: "North Korean troops have been sent to" (MIL), not "the envoy was sent to".
          bool fits = !m.sources.empty();
          for (int k : m.sources)
            fits = fits && std::find(p->source_sectors.begin(), p->source_sectors.end(),
                                     SectorBase(s.mentions[k].actor.sector)) != p->source_sectors.end();
          if (!fits) continue;
        }
        if (p->people_target) {
          // `target = people`: no state, capital or region in the TGT slot ("captured Kabul").
          bool fits = true;
          for (int k : m.targets) {
            auto kind = s.mentions[k].kind;
            fits = fits && kind != actors::ActorMention::Kind::kState &&
                   kind != actors::ActorMention::Kind::kCapital && kind != actors::ActorMention::Kind::kRegion;
          }
          if (!fits) continue;
        }
        bool overlap = false;
        for (int t = m.first; t < m.end && !overlap; ++t) overlap = consumed[t] && t != i;
        if (overlap) continue;
        best = std::move(m);
        found = true;
      }
    };
    try_list(by_lemma);
    try_list(by_word);
    if (!found) return;
    if (!best.pattern->cameo) {
      // A blocking pattern (`---`) won: its words are no event, nor part of a later one.
      for (int t = best.first; t < best.end; ++t) consumed[t] = true;
      return;
    }
    // "Croatian authorities are failing to ..., a human rights group protested here Wednesday.":
    // a complaint verb closing the sentence after ", X" reports the clause before it as a
    // complaint (111) by X about that clause's subject.
    if (best.targets.empty() && !best.pattern->nominal &&
        (s.lemma[i] == "protest" || s.lemma[i] == "complain" || s.lemma[i] == "charge") && i > 1 &&
        s.lower[i] != s.lemma[i] && s.mention_at[i - 1] >= 0) {
      int k = s.mention_at[i - 1];
      int f = s.mention_range[k].first;
      while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
      bool closing = f > 0 && s.lower[f - 1] == ",";
      for (int t = best.end; t < n && closing; ++t)
        closing = !(s.mention_at[t] >= 0) && (s.IsBoundary(t) ? t == n - 1 : s.lower[t] != ",");
      int first = 0;
      while (first < n && (s.lower[first] == "the" || s.lower[first] == "``" || s.lower[first] == "\"")) ++first;
      int subj = first < n ? s.mention_at[first] : -1;
      const CameoCode* criticize = k_.ontology.Find("111");
      if (closing && subj >= 0 && subj != k && criticize && !s.mentions[subj].actor.country.empty()) {
        best.sources = {k};
        best.targets = {subj};
        best.code = criticize;
      }
    }
    // "insisted unrest there reflected ethnic tensions", "insists that it is ready": insisting
    // on what is (or was) so is an assertion, not a demand (10x), which asks for what is to be
    // done ("insisted that Israel withdraw", "insists on talks", "insisted Iran must stop").
    if (s.lemma[i] == "insist" && !best.pattern->nominal && best.pattern->cameo->code.compare(0, 2, "10") == 0) {
      bool assertion = false;
      for (int t = best.end; t < n && t < best.end + 8; ++t) {
        const std::string& w = s.lower[t];
        if (s.IsBoundary(t) || w == "," || w == "must" || w == "should" || w == "be" || w == "to" || w == "on" ||
            w == "upon" || w == "would" || w == "will")
          break;
        if (s.mention_at[t] >= 0) continue;
        bool past = w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
        if (past || w == "was" || w == "were" || w == "is" || w == "are" || w == "has" || w == "have" ||
            w == "had" || w == "did" || w == "does") {
          assertion = true;
          break;
        }
      }
      if (assertion) return;
    }
    // "disperse * protesters|demonstrators": a pattern whose last word names a group that is an
    // actor mention ("Moslem fundamentalist demonstrators") acts on that group; not the agent a
    // match ends with ("A curfew was imposed by the army").
    if (best.targets.empty() && best.dest_place < 0 && !best.pattern->one_sided && !best.pattern->mutual &&
        !best.pattern->HasSlot(PatternElement::Kind::kTarget) && !best.pattern->HasSlot(PatternElement::Kind::kDest) &&
        best.end > best.anchor + 1) {
      int k = s.mention_at[best.end - 1];
      if (k >= 0 && s.mention_range[k].end == best.end && s.mention_range[k].first > best.anchor &&
          s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
          std::find(best.sources.begin(), best.sources.end(), k) == best.sources.end())
        best.targets.push_back(k);
    }
    // "raided the home of an opposition leader", "attacked positions of the Syrian army": a
    // pattern of no TGT or DEST slot whose match ends with a place or holding of someone and
    // "of" acts on the actor named right after "of" (as a TGT slot reads "the offices of X").
    if (best.targets.empty() && best.dest_place < 0 && !best.pattern->one_sided && !best.pattern->mutual &&
        !best.pattern->HasSlot(PatternElement::Kind::kTarget) && !best.pattern->HasSlot(PatternElement::Kind::kDest) &&
        best.end > best.anchor + 1 && best.end + 1 < s.size() && s.lower[best.end] == "of" &&
        In(s.lower[best.end - 1], {"office", "offices", "headquarters", "home", "homes", "house", "houses", "residence",
                                   "residences", "compound", "camp", "camps", "base", "bases", "position", "positions",
                                   "convoy"})) {
      int j = best.end + 1;
      while (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
      int k = j < s.size() ? s.mention_at[j] : -1;
      // (Not "the home of the leader of the Indigenous People of Biafra": a mention with its own
      // "of" phrase is left to the rules that read it.)
      const int ke = k >= 0 ? s.mention_range[k].end : -1;
      if (k >= 0 && s.mention_range[k].first == j && !(ke < s.size() && s.lower[ke] == "of") &&
          std::find(best.sources.begin(), best.sources.end(), k) == best.sources.end())
        best.targets.push_back(k);
    }
    // "must agree to changes before they demobilize", "unless Israel rescinds": a verb in the
    // present tense in a clause of time is an act that has not happened; so is a verb of any
    // tense in a clause of condition ("unless Tokyo approved", "if Iraq attacks", "provided
    // that Tehran halts", "as long as NATO asks", "even if Hamas releases") or of an indirect
    // question ("asked whether Israel had attacked"): what the sentence holds out on a condition
    // or asks about is no event.
    if (!best.pattern->nominal && best.anchor == best.verb_first && ConditionalClauseVerb(s, i)) return;
    // "in case of an attack by China", "in the event of a Turkish attack on Cyprus": the noun of
    // an act held out as a case that may come (HeldOutAsCase) is no event either.
    if (HeldOutAsCase(s, best.first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "X urged Y to lift sanctions", "X pledged to strengthen ties with Y": the act after "to"
    // is what the earlier verb asks or promises, not an event of its own; when the earlier verb
    // has no object, the embedded act's object becomes it.
    int to_at = i - 1;  // "urged Trump not to agree ...": the negation belongs to the request
    if (i > 1 && s.lower[i - 1] == "help" && s.lower[i - 2] == "to") to_at = i - 2;  // "to help defend"
    // "vowed to continue attacks on X", "threatened to step up strikes", "pledged to expand
    // trade with X": a verb of continuing or intensifying between "to" and the act (which may
    // then be a noun) is part of it.
    bool aspectual = false;
    if (i > 1 && s.lower[i - 2] == "to" &&
        (s.lemma[i - 1] == "continue" || s.lemma[i - 1] == "resume" || s.lemma[i - 1] == "intensify" ||
         s.lemma[i - 1] == "escalate" || s.lemma[i - 1] == "renew" || s.lemma[i - 1] == "expand" ||
         s.lemma[i - 1] == "boost" || s.lemma[i - 1] == "deepen" || s.lemma[i - 1] == "increase" ||
         // "agreed to keep sanctions on X", "agreed to pursue talks with X": keeping or pursuing
         // an act is that act.
         s.lemma[i - 1] == "keep" || s.lemma[i - 1] == "maintain" || s.lemma[i - 1] == "pursue" ||
         s.lemma[i - 1] == "sustain")) {
      to_at = i - 2;
      aspectual = true;
    } else if (i > 2 && s.lower[i - 3] == "to" && s.lower[i - 1] == "up" &&
               (s.lemma[i - 2] == "step" || s.lemma[i - 2] == "keep")) {
      to_at = i - 3;
      aspectual = true;
    }
    bool negated_request = to_at > 0 && (s.lower[to_at - 1] == "not" || s.lower[to_at - 1] == "never");
    int reach = negated_request ? to_at - 1 : to_at;
    // Up to four plain words may stand between ("threatened today to impose", "staged mass
    // demonstrations Saturday to demand"), never an actor, clause punctuation or a comma.
    // "accused X of violating a ceasefire", "charged X with aiding rebels": the act after
    // "of"/"with" is what the accusation (112x) names, not an event of its own.
    bool accusation_link = false;
    if (i > 0 && (s.lower[i - 1] == "of" || s.lower[i - 1] == "with") && !matches.empty() &&
        matches.back().end <= i) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      accusation_link = oc->code.compare(0, 3, "112") == 0;
    }
    // "X said Y must agree to ...", "the US must be ready to mediate": what Y must do is the
    // content of the demand (100 "TGT must"), not an event of its own.
    bool demand_link = false;
    if (!matches.empty() && matches.back().end <= i && matches.back().end > 0 &&
        s.lower[matches.back().end - 1] == "must") {
      demand_link = true;
      for (int t = matches.back().end; t < i && demand_link; ++t)
        demand_link =
            In(s.lower[t], {"be", "now", "immediately", "also", "first", "fully", "quickly", "then", "still"});
    }
    // "a reminder to Iraq that it must cooperate", "urged Israel that it should withdraw": what
    // a demand or appeal (10x/02x) says its target must do is its content.
    if (!demand_link && !matches.empty() && matches.back().end <= i && i >= 2 &&
        (s.lower[i - 1] == "must" || s.lower[i - 1] == "should")) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      int subj = i - 2;
      bool pron = s.lower[subj] == "it" || s.lower[subj] == "they";
      // "suggested that Germany should host the talks": the appeal's own target is the subject.
      bool own_target = matches.back().end == i - 1 && !matches.back().targets.empty();
      bool ok = (oc->code.compare(0, 2, "10") == 0 || oc->code.compare(0, 2, "02") == 0) &&
                ((pron && subj - matches.back().end <= 2) || own_target);
      for (int t = matches.back().end; t < subj && ok; ++t)
        ok = s.lower[t] == "that" || s.lower[t] == ",";
      demand_link = ok;
    }
    // "demanded that Japan sever its alliance with Russia": a verb in its bare form (the
    // subjunctive) right after a demand or appeal (10x/02x) and its target is what is demanded.
    if (!demand_link && !matches.empty() && matches.back().end == i && i > 0 && s.lower[i] == s.lemma[i] &&
        s.lower[i - 1] != "to" && !matches.back().targets.empty()) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      demand_link = oc->code.compare(0, 2, "10") == 0 || oc->code.compare(0, 2, "02") == 0;
    }
    // "began a hunger strike ... in protest of X": the purpose of a protest already coded; what
    // it protests against is the protest's target.
    bool protest_link = false;
    bool protest_reason = false;
    if (!demand_link && !matches.empty() && matches.back().end <= i && i > 0 && s.lower[i - 1] == "in" &&
        s.lemma[i] == "protest" && i - matches.back().end <= 15) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      // Only an act in the same clause, outside reported speech, links to the protest.
      bool same_clause = true;
      for (int t = matches.back().end; t < i && same_clause; ++t)
        same_clause = !s.IsBoundary(t) && s.speech_end[t] < 0;
      const bool demonstration = oc->code.compare(0, 2, "14") == 0;
      const bool hostile = In(oc->code.substr(0, 2), {"10", "11", "12", "13", "16", "17"});
      const bool aimed = i + 1 < n && In(s.lower[i + 1], {"at", "against", "over", "of"});
      bool ok = demonstration && same_clause;
      // "recalled its ambassador in protest at Israel's handling of ...", "broke off relations in
      // protest at Colombia's raid": a hostile act done in protest (10-13, 16, 17) is aimed at
      // the actor named right after "at/against/over/of"; the protest is that act's reason, no
      // act of its own (tgt22).
      bool reason = !demonstration && hostile && aimed && same_clause;
      // "recalled its ambassadors from Washington and London in protest": a bare "in protest"
      // (nothing it is at or against) after such an act is only that act's reason (nom23).
      bool bare_reason = !demonstration && hostile && !aimed && same_clause;
      demand_link = protest_link = ok || reason || bare_reason;
      protest_reason = bare_reason;
      if (reason) {
        best.targets.clear();
        int j = i + 2;
        while (j < n && In(s.lower[j], {"the", "a", "an"})) ++j;
        int k = j < n ? s.mention_at[j] : -1;
        if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty()) best.targets.push_back(k);
        protest_reason = true;
      }
    }
    // "blocked roads ... demanding that he be reinstated", "staged a hunger strike to demand the
    // return of ...": a demand that states what a protest already coded is for. So is a protest
    // or denunciation after "to" ("marched in London to protest the war", "rallied to denounce
    // X"): the demonstration's purpose, one act (weak25).
    bool call_for = s.lemma[i] == "call" && i + 1 < n && s.lower[i + 1] == "for";
    bool purpose_protest = i > 0 && s.lower[i - 1] == "to" && In(s.lemma[i], {"protest", "denounce", "condemn", "oppose"});
    if (!demand_link && !matches.empty() && matches.back().end <= i && i > 0 &&
        (s.lemma[i] == "demand" || call_for || purpose_protest) &&
        i - matches.back().end <= 15 &&
        (s.lower[i - 1] == "to" || (s.lower[i].size() > 4 && s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0))) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      bool ok = oc->code.compare(0, 2, "14") == 0;
      for (int t = matches.back().end; t < i && ok; ++t) ok = !s.IsBoundary(t) && s.speech_end[t] < 0;
      demand_link = protest_link = ok;
    }
    // "remained committed to a summit with Trump", "is ready for talks with X": a noun of an act
    // right after a general intent or promise (03x, its "to/for" and at most two determiners or
    // adjectives between) is what is intended: one act, folded like a verb after "to".
    if (!demand_link && best.pattern->nominal && !matches.empty() && matches.back().end <= i &&
        i - matches.back().end <= 2) {
      const PatternMatch& outer = matches.back();
      bool intent = outer.pattern->cameo->code.compare(0, 2, "03") == 0 && !outer.pattern->nominal;
      bool linked = outer.end > 0 && (s.lower[outer.end - 1] == "to" || s.lower[outer.end - 1] == "for");
      for (int t = outer.end; t < i && intent; ++t) {
        const std::string& w = s.lower[t];
        if (t == outer.end && (w == "to" || w == "for")) {
          linked = true;
          continue;
        }
        intent = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && w != "," && w != "and" &&
                 s.speech_end[t] < 0;
      }
      if (intent && linked) {
        demand_link = true;
        aspectual = true;  // (a noun folded as the act intended)
      }
    }
    // "held talks with Lavrov on expanding ties", "a meeting with Xi about boosting trade": an act
    // right after the "on/about/over" that closes a meeting coded just before (04x; at most a
    // determiner between) is the meeting's topic, not an act of its own. (A participle after an
    // agreement, "signed a treaty pledging mutual assistance", is a pledge the treaty makes: still
    // coded, demo_076_treaty.txt.)
    if (!demand_link && !matches.empty() && matches.back().end < i && i - matches.back().end <= 3) {
      const PatternMatch& prev = matches.back();
      const std::string& pc = (prev.code ? prev.code : prev.pattern->cameo)->code;
      bool ing = !best.pattern->nominal && best.anchor == best.verb_first && s.lower[i].size() > 4 &&
                 s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0;
      bool about = pc.compare(0, 2, "04") == 0 && In(s.lower[prev.end], {"on", "about", "over"}) &&
                   (ing || best.pattern->nominal);
      for (int t = prev.end + 1; t < i && about; ++t) about = IsDeterminerWord(s.lower[t]);
      if (about) {
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    // "demanded more funds from the United States to fight militants", "appealed for aid to
    // rebuild": an act in a "to" clause after a request or demand for resources (02x, 10x; at
    // most ten words after its match, a "from" actor and a date among them) is what the resources
    // are for, no event of its own.
    if (!demand_link && i > 1 && s.lower[i - 1] == "to" && !matches.empty() && matches.back().end < i &&
        i - matches.back().end <= 10) {
      const PatternMatch& prev = matches.back();
      const std::string& pc = (prev.code ? prev.code : prev.pattern->cameo)->code;
      bool resource = false, plain = pc.compare(0, 2, "02") == 0 || pc.compare(0, 2, "10") == 0;
      for (int t = prev.first; t < i - 1 && plain; ++t) {
        resource = resource || In(s.lower[t], {"funds", "money", "aid", "weapons", "arms", "assistance", "loans", "cash"});
        plain = t < prev.end ||
                (!In(s.lower[t], {",", ";", ":", "and", "but", "while", "as"}) &&
                 (s.speech_end[t] < 0 || s.mention_at[t] >= 0));
      }
      if (plain && resource) {
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    // What is banned ("a ban on protests") or describes a participant ("suspected of attacking")
    // is no act of its own.
    if ((!demand_link && BannedActWord(s, best.verb_first)) || DescribingActWord(s, best.verb_first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    bool reaches = demand_link;
    if (!reaches && i > 0 && (s.lower[to_at] == "to" || accusation_link) && !matches.empty() &&
        matches.back().end <= i) {
      int e = matches.back().end;
      reaches = e >= reach;
      if (!reaches && reach - e <= 4) {
        reaches = true;
        for (int t = e; t < reach && reaches; ++t)
          reaches = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && s.lower[t] != "," &&
                    s.lower[t] != "and" && s.speech_end[t] < 0;
      }
    }
    // "recalled its ambassador to Iran to protest the arrest", "expelled two diplomats from
    // Moscow to protest ...": a protest after "to" following a hostile act of the same clause
    // (10-13, 16, 17), whatever actors stand between, is that act's reason told as its purpose,
    // no protest of its own (as "in protest at" above; CAMEO's 14x is collective dissent).
    if (!reaches && i > 0 && s.lower[i - 1] == "to" && s.lemma[i] == "protest" && !matches.empty() &&
        matches.back().end <= i && i - matches.back().end <= 8) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      reaches = In(oc->code.substr(0, 2), {"10", "11", "12", "13", "16", "17"});
      for (int t = matches.back().end; t < i - 1 && reaches; ++t)
        reaches = !s.IsBoundary(t) && s.speech_end[t] < 0 && s.lower[t] != "," && s.lower[t] != "and";
    }
    // "threatened to launch a nuclear strike against the United States", "threatened on Tuesday
    // to carry out air strikes on X": a noun of an act in a threat's "to" clause (at most eight
    // plain words after the threat's match: a day, "to", a light verb, adjectives) is what is
    // threatened: not coded again; a general threat (130) takes its code (as "threatened to
    // impose sanctions" does).
    if (!reaches && best.pattern->nominal && !matches.empty() && matches.back().end <= best.first &&
        matches.back().anchor >= 0 && s.lemma[matches.back().anchor] == "threaten") {
      PatternMatch& o = matches.back();
      bool to_clause = false;
      for (int t = o.anchor + 1; t < best.first && !to_clause; ++t) to_clause = s.lower[t] == "to";
      bool plain = best.first - o.end <= 8;
      for (int t = o.end; t < best.first && plain; ++t)
        plain = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && s.lower[t] != "," &&
                s.lower[t] != "and" && s.speech_end[t] < 0;
      const CameoCode* oc = o.code ? o.code : o.pattern->cameo;
      if (to_clause && plain && oc->code.compare(0, 2, "13") == 0) {
        if (oc->code == "130") {
          const std::string c = ThreatCode((best.code ? best.code : best.pattern->cameo)->code);
          if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) o.code = cc;
        }
        if (o.targets.empty() && o.pronoun_target < 0 && o.dest_place < 0) o.targets = best.targets;
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    if (reaches && (!best.pattern->nominal || aspectual)) {
      PatternMatch& outer = matches.back();
      if (protest_link && best.targets.empty() && !protest_reason) best.targets = FindTrailingTargets(s, best, {});
      outer.folded_end = std::max({outer.folded_end, best.end, best.folded_end});
      if (best.pattern->mutual || best.folded_mutual) outer.folded_mutual = true;
      if (outer.targets.empty() && outer.pronoun_target < 0 && outer.dest_place < 0 && !outer.pattern->one_sided) {
        outer.targets = best.targets;
        if (outer.targets.empty()) outer.pronoun_target = best.pronoun_target;  // "agreed to meet him"
      }
      // A general intent or threat takes the code of what is intended or threatened ("offered to
      // negotiate": 036; "threatened to impose sanctions": 1312; "is prepared to impose martial
      // law": 1324, a threat, not an intent to cooperate).
      // (The outer's pattern code, its wording: a general "offered/threatened to" verb. The
      // inner's act code: what it names, itself perhaps folded.)
      const std::string& oc = outer.pattern->cameo->code;
      const std::string& ic = (best.code ? best.code : best.pattern->cameo)->code;
      if (!negated_request && (oc == "030" || oc == "130")) {
        std::string c = ThreatCode(ic);
        if (c.empty() && oc == "030") c = IntentCode(ic);
        // "vowed to block the resolution": a rejection (12x) is a verbal act, so promising one
        // is the refusal itself, stated now (CAMEO 129 "refuse to assent"), not a threat (13x
        // warns of repercussions meant to coerce) nor an intent to cooperate.
        if (c.empty() && oc == "030" && ic.compare(0, 2, "12") == 0) c = ic;
        if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) outer.code = cc;
      }
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "We urge Member States to continue to give support", "appeal to the international community
    // to live up to its commitments by providing aid": an act asked of another, that no appeal
    // coded before folded (the one asked is no actor, or the act stands too far), is no act of
    // the clause's subject, nor a done act of the one asked: not coded.
    if (!best.pattern->nominal && AskedOfAnother(s, best.first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "Our aim is to strengthen cooperation", "the obligation to disarm", "efforts to promote
    // peace", "the need for dialogue": an act named as an aim, duty, need or effort, that no
    // act coded before folded, is none yet: not coded.
    // An act right after one so named ("must be to help the United Nations better protect
    // people"), at most two words between and no clause break, is part of the aim.
    bool after_aim = aim_end >= 0 && best.first >= aim_end && best.first - aim_end <= 2;
    for (int t = aim_end; after_aim && t < best.first; ++t)
      after_aim = !s.IsBoundary(t) && s.lower[t] != "," && s.lower[t] != "and" && s.mention_at[t] < 0;
    if (after_aim || NamedAsAim(s, best.first, best.pattern->nominal)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      aim_end = best.end;
      return;
    }
    for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
    matches.push_back(std::move(best));
}

}  // namespace entente::coder::internal
