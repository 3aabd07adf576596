// CodeMatch's modality step: ModalityDateAndCode (modality, progressive, date, the code chosen,
// announcements, denials, the document's latest place), FindModality and the helpers only they use.
#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdint>

#include "coder/announced_codes.h"
#include "coder/coder_words.h"
#include "coder/dates.h"
#include "coder/word_sets.h"

namespace entente::coder::internal {

namespace {

// True when the parse tags token `i` as a noun and the token before it as a preposition (never
// in fast mode: no tags).
bool ParsedNounAfterPreposition(const SentenceView& s, int i) {
  if (!s.doc || !s.sentence || i < 1) return false;
  const auto& t = s.doc->tokens;
  return t[s.sentence->first_token + i].upos == "NOUN" && t[s.sentence->first_token + i - 1].upos == "ADP";
}

// Whether a modality cue is a denial of the act ("denied", "has denied", "rejected claims that",
// "dismissed reports that"): the act is negated and the denier's denial is an event of its own.
bool IsDenialWord(const std::string& w) {
  return In(w, {"denied", "denies", "deny", "denying", "rejected", "rejects", "reject", "rejecting", "dismissed",
                "dismisses", "dismiss", "dismissing"});
}

bool IsDenialCue(const std::string& cue) {
  std::string c = LowerWord(cue);
  if (c.rfind("has ", 0) == 0 || c.rfind("have ", 0) == 0) c = c.substr(c.find(' ') + 1);
  const std::string first = c.substr(0, c.find(' '));
  if (!IsDenialWord(first)) return false;
  return first.compare(0, 4, "deni") == 0 || first == "deny" || c.size() > first.size();  // "rejected" alone is no cue
}

// Planned-modality cues by which the actor itself announces the act ("will", "plans to"), unlike
// others' expectations ("is expected to", "is set to", "upcoming").
bool IntentCue(const std::string& cue) {
  std::string w = LowerWord(cue);
  return In(w, {"will", "'ll", "shall", "would", "plans to", "plan to", "planned to", "planning to", "is planning",
                "are planning", "intends to", "intend to", "intended to", "is going to", "are going to", "prepares to",
                "preparing to", "aims to", "aim to", "announced plans to"});
}

// A cue that the act is set for a time ("is to", "is due to", "is scheduled to"): said of
// meetings and visits, a commitment to meet like "will". ("Is expected to" is another's
// forecast, not a commitment: it stays planned.)
bool ScheduleCue(const std::string& cue) {
  std::string w = LowerWord(cue);
  return In(w, {"is to", "are to", "is due to", "are due to", "is set to", "are set to", "is scheduled to",
                "are scheduled to", "scheduled"});
}

constexpr int kMaxDateDistance = 10;  // tokens between a date expression and the event words

// True when `m` is a noun of an act made definite or possessed after "after/following" ("after
// the meeting between X and Y", "following the first summit between", "after his summit with X",
// "after September's summit between"): it takes up an act the reader knows already, told as the
// time of another clause. (An indefinite one, "after talks with X", is news, as is a verb, "after
// the two leaders signed", and a noun after "before/ahead of" is what is planned.) The coder codes
// such an act only as history the sentence dates to an earlier year or month ("switched off in 2018
// after the first summit"): else it would be a past act coded as new, on the news's date.
bool BackReferencedActNoun(const SentenceView& s, const PatternMatch& m) {
  if (!m.pattern->nominal) return false;
  auto time_after = [&](int j) { return j >= 0 && (s.lower[j] == "after" || s.lower[j] == "following"); };
  auto possessive = [&](int j) { return s.lower[j] == "'s" || s.lower[j] == "\xe2\x80\x99s"; };
  int j = m.verb_first - 1;
  // Up to three modifiers between the determiner and the noun ("the first", "his previous four").
  for (int k = 0; k < 3 && j >= 0 && s.mention_at[j] < 0 && !s.IsBoundary(j) && s.lower[j] != "," &&
                  !IsDeterminerWord(s.lower[j]) && !possessive(j) && !time_after(j);
       ++k)
    --j;
  if (j > 0 && possessive(j)) {
    // The possessor: an actor ("Kim's"), or a month or day ("September's summit").
    int k = s.mention_at[j - 1];
    j = k >= 0 ? s.mention_range[k].first - 1 : j - 2;
    if (j >= 0 && s.lower[j] == "the") --j;
    return time_after(j);
  }
  return j >= 0 && s.lower[j] != "a" && s.lower[j] != "an" && IsDeterminerWord(s.lower[j]) && time_after(j - 1);
}

// "I would like to congratulate", "I should like to issue an urgent appeal", "Indonesia would
// also like to welcome South Sudan": a speaker's polite "would/should (also) like to" before a
// verb of saying does the act in saying it; the modal at `i` is no cue for the act at `anchor`.
bool PerformativeWish(const SentenceView& s, int i, int anchor) {
  if (s.lower[i] != "would" && s.lower[i] != "should") return false;
  int j = i + 1;
  if (j < s.size() && s.lower[j] == "also") ++j;
  if (j + 2 >= s.size() || s.lower[j] != "like" || s.lower[j + 1] != "to") return false;
  j += 2;
  if (anchor < j || anchor > j + 3) return false;
  static const std::initializer_list<std::string_view> kSaying = {
      "congratulate", "thank", "welcome", "salute", "commend", "express", "appeal", "issue", "launch",
      "reiterate", "stress", "emphasize", "emphasise", "pay", "extend", "convey", "condemn", "call",
      "urge", "praise", "applaud", "recall", "reaffirm", "underline", "join", "take"};
  return In(s.lemma[j], kSaying);
}

// "not only ... but also": no negation.
bool NotOnly(const SentenceView& s, int i) {
  return s.lower[i] == "not" && i + 1 < s.size() && s.lower[i + 1] == "only";
}

// True when the word at `anchor` is a past-tense form right after "and" ("condemned India's
// decision to conduct tests and threatened sanctions"): a finite verb coordinated with the
// clause's own verb, out of the reach of an infinitive cue ending in "to" before it (an
// infinitive goes on with a base form: "decision to conduct tests and threaten"). A past form
// is a word whose lemma differs from it and that ends in "ed" (participles after "will be ...
// and" stay under their auxiliary, which is no "to" cue).
static bool CoordinatedPastVerb(const SentenceView& s, int anchor) {
  if (anchor < 1 || anchor >= s.size() || s.lower[anchor - 1] != "and") return false;
  const std::string& w = s.lower[anchor];
  return w != s.lemma[anchor] && w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
}

// The modality cue starting at token i, and its length in tokens (*len). A cue of several words
// may have a time adverbial after its first word: "declined on Wednesday to resume talks",
// "Britain's decision on Monday to expel": "on" + a weekday, "yesterday" or "today" is skipped
// there (the cue must go on past it; *cue_words is then the cue's own words, else unchanged).
static const Phrase* MatchCueSkippingTime(const PhraseIndex& cues, const SentenceView& s, int i, int* len,
                                          std::string* cue_words) {
  const Phrase* p = cues.Match(s.lower, &s.lemma, i);
  *len = p ? static_cast<int>(p->words.size()) : 0;
  if (i + 2 >= s.size()) return p;
  int skip = 0;
  if (s.lower[i + 1] == "on" &&
      In(s.lower[i + 2], {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}))
    skip = 2;
  else if (s.lower[i + 1] == "yesterday" || s.lower[i + 1] == "today")
    skip = 1;
  if (skip == 0) return p;
  std::vector<std::string> words{s.lower[i]}, lemmas{s.lemma[i]};
  for (int j = i + 1 + skip; j < s.size() && j < i + 1 + skip + 6; ++j) {
    words.push_back(s.lower[j]);
    lemmas.push_back(s.lemma[j]);
  }
  const Phrase* q = cues.Match(words, &lemmas, 0);
  if (!q || q->words.size() < 2 || (p && p->words.size() >= q->words.size())) return p;
  *len = static_cast<int>(q->words.size()) + skip;
  cue_words->clear();
  for (const std::string& w : q->words) *cue_words += (cue_words->empty() ? "" : " ") + w;
  return q;
}

// "Serbia's decision to recall its ambassador drew criticism": a cue that is a noun with its
// infinitive ("decision to") holds only inside its own noun phrase; a finite verb after it (a
// past form not after an auxiliary or "to": "drew", "prompted") begins the sentence's predicate,
// which the cue does not reach. True when such a verb stands in [from, anchor] (the anchor may
// be that verb itself).
static bool NounCuePredicateBetween(const SentenceView& s, int from, int anchor) {
  for (int j = from; j <= anchor && j < s.size(); ++j) {
    if (s.mention_at[j] >= 0 || s.place_at[j] >= 0) continue;
    const std::string& w = s.lower[j];
    const std::string& l = s.lemma[j];
    if (w == l || w.size() < 3) continue;
    // Plural nouns ("troops", "diplomats", "supplies") are no verbs.
    if (w == l + "s" || w == l + "es" || (l.size() > 1 && l.back() == 'y' && w == l.substr(0, l.size() - 1) + "ies"))
      continue;
    const std::string& prev = j > 0 ? s.lower[j - 1] : std::string();
    if (In(prev, {"to", "have", "has", "had", "be", "been", "being", "was", "were", "is", "are", "and", "or"}))
      continue;
    if (In(l, {"draw", "prompt", "spark", "trigger", "provoke", "meet", "receive", "earn", "attract", "bring",
               "anger", "win", "cause", "come", "be"}))
      return true;
  }
  return false;
}

// A modality cue's strength (CueKind tag): negated 3 > possible 2 > planned 1 > none 0; the
// strongest cue of a scope decides its modality. Speech cues and unknown tags rank 0.
int CueRank(int tag) { return tag >= 1 && tag <= 3 ? tag : 0; }

// The modality of the strongest cue's tag (0: no cue, actual).
Modality CueModality(int tag) {
  switch (tag) {
    case static_cast<int>(CueKind::kPlanned): return Modality::kPlanned;
    case static_cast<int>(CueKind::kPossible): return Modality::kPossible;
    case static_cast<int>(CueKind::kNegated): return Modality::kNegated;
    default: return Modality::kActual;
  }
}

}  // namespace

Modality SentenceCoder::FindModality(const SentenceView& s, int scope_begin, int anchor, std::string* cue,
                                     bool* future) const {
  int best = 0;  // 0 actual, else CueKind
  *future = false;
  // "Let us demand ...": the exhortation holds the source ("us") itself, before the scope.
  if (scope_begin >= 2 && s.lower[scope_begin - 1] == "us" && s.lower[scope_begin - 2] == "let") {
    best = static_cast<int>(CueKind::kPossible);
    *cue = "let us";
  }
  for (int i = std::max(0, scope_begin); i < anchor; ++i) {
    // Clause punctuation, and a new coordinated clause (", and", ", but", "while"), end the
    // reach of earlier cues: "X said sanctions could lead to escalation, and urged Y ...".
    bool clause = s.IsBoundary(i) || s.lower[i] == "while" || s.lower[i] == "whereas" ||
                  (s.lower[i] == "," && i + 1 < anchor && (s.lower[i + 1] == "and" || s.lower[i + 1] == "but"));
    if (clause) {
      best = 0;
      cue->clear();
      *future = false;
      continue;
    }
    int len = 0;
    std::string cue_words;
    const Phrase* p = MatchCueSkippingTime(k_.lexicon.cues, s, i, &len, &cue_words);
    if (!p || p->tag == static_cast<int>(CueKind::kSpeech)) continue;
    if (i + len > anchor) continue;
    if (NotOnly(s, i)) continue;
    // "May" the month is not the modal.
    if (s.lower[i] == "may" && (s.flags[i] & Token::kCapitalized) && i > 0) continue;
    if (PerformativeWish(s, i, anchor)) continue;
    if (p->words.back() == "to" && CoordinatedPastVerb(s, anchor)) continue;
    if ((p->words.front() == "decision" || p->words.front() == "decisions") && NounCuePredicateBetween(s, i + len, anchor))
      continue;
    // (A day inside the cue dates the decision or refusal, which is past: "decision on Monday to
    // expel" does not move "Monday" forward.)
    if (p->tag == static_cast<int>(CueKind::kPlanned) && cue_words.empty()) *future = true;
    if (CueRank(p->tag) > CueRank(best)) {
      best = p->tag;
      *cue = cue_words.empty() ? std::string(doc_.Text(s.TokenSpan(i, i + len))) : cue_words;
    }
  }
  return CueModality(best);
}

Modality SentenceCoder::FindModalityAt(const SentenceView& s, const std::vector<int>& tokens, int anchor,
                                       std::string* cue, bool* future) const {
  int best = 0;
  *future = false;
  for (int i : tokens) {
    if (i < 0 || i >= s.size()) continue;
    const Phrase* p = k_.lexicon.cues.Match(s.lower, &s.lemma, i);
    if (!p || p->tag == static_cast<int>(CueKind::kSpeech)) continue;
    if (i < anchor && i + static_cast<int>(p->words.size()) > anchor) continue;
    if (NotOnly(s, i)) continue;
    if (s.lower[i] == "may" && (s.flags[i] & Token::kCapitalized) && i > 0) continue;
    if (p->tag == static_cast<int>(CueKind::kPlanned)) *future = true;
    if (CueRank(p->tag) > CueRank(best)) {
      best = p->tag;
      *cue = std::string(doc_.Text(s.TokenSpan(i, i + static_cast<int>(p->words.size()))));
    }
  }
  return CueModality(best);
}

// Step of CodeMatch after its actors and places: the act's modality (planned, possible, negated)
// and its cue, whether it is told in the progressive, its date and the date's cue and precision,
// the code chosen for it (rules on the verb and its context), an announced act's intent, a denial
// and its denier; sets the document's latest place from the act's. Returns false when the match
// is dropped: a back-referenced act coded only as dated history, ... (each `return false`).
bool SentenceCoder::ModalityDateAndCode(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                        SentenceCoding* st, EventDraft* d) {
  const int n = s.size();
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& code = d->code;
  auto& sf = d->sf;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& note = d->note;
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
  std::vector<std::vector<int>>& match_targets = st->match_targets;
  bool& set_location = st->set_location;
  bool future = false;
  int scope = std::max(sf.scope_begin, 0);
  mod = sf.syntax_modality ? FindModalityAt(s, sf.modality_tokens, m.anchor, &mod_cue, &future)
                                    : FindModality(s, scope, m.anchor, &mod_cue, &future);
  if (mod == Modality::kPossible) future = true;  // what may happen lies ahead
  // "Xi Jinping to visit North Korea this week", "U.S. to impose sanctions on Turkey": a
  // headline's "to" right after the source that opens the sentence, with no verb before it,
  // announces the act (planned, as "is to").
  if (mod == Modality::kActual && !p.nominal && m.anchor == m.verb_first && m.anchor >= 2 &&
      s.lower[m.anchor - 1] == "to" && !sf.mentions.empty()) {
    const auto& r = s.mention_range[sf.mentions.front()];
    int f = r.first;
    while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
    if (f == 0 && r.end == m.anchor - 1) {
      mod = Modality::kPlanned;
      mod_cue = "to";
      future = true;
    }
  }
  // "No sitting U.S. president has ever met a North Korean leader", "Neither Seoul nor Tokyo
  // sent ministers": a source that "no"/"neither"/"nor" quantifies (up to two plain words
  // between, "no sitting") did not act; the cue stands before the source, outside the scan
  // above. So is an act whose pattern words hold "no" ("sent no troops", "imposed no new
  // sanctions"): nothing of the kind was done.
  for (int t = m.verb_first + 1; t < m.verb_end && mod != Modality::kNegated; ++t)
    if (s.lower[t] == "no") {
      mod = Modality::kNegated;
      mod_cue = std::string(doc_.Text(s.TokenSpan(t, t + 1)));
    }
  if (mod != Modality::kNegated && !m.passive && !sf.mentions.empty()) {
    int f = s.mention_range[sf.mentions.front()].first;
    for (int j = f - 1; j >= 0 && j >= f - 3; --j) {
      const std::string& w = s.lower[j];
      if (w == "no" || w == "neither" || w == "nor") {
        mod = Modality::kNegated;
        mod_cue = std::string(doc_.Text(s.TokenSpan(j, j + 1)));
        break;
      }
      if (s.mention_at[j] >= 0 || s.place_at[j] >= 0 || s.IsBoundary(j) || w.empty() || !(w[0] >= 'a' && w[0] <= 'z') ||
          In(w, {"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "with", "by", "that", "which", "who"}))
        break;
    }
  }
  // An intent's date is the intended act's. This reads the pattern's code, the wording: "is
  // prepared to impose martial law on Monday" dates forward though its act is a threat (13x);
  // "threatened to" (130) does not.
  // The forward look is the intended act's only: a date standing before the infinitive ("agreed
  // on Monday to resume talks", "on Monday pledged to send aid") dates the intent itself, which
  // is past when the intent is told as done (below, at the date).
  bool intent_future = false;
  if (p.cameo->code.compare(0, 2, "03") == 0 && !future) future = intent_future = true;
  if (p.nominal && mod == Modality::kActual) {
    // "the highly anticipated ... visit", "upcoming talks": the clause before the noun.
    int from = std::max(0, m.first - 10);
    for (int j = m.first - 1; j > from; --j)
      if (s.lower[j] == ",") {  // only the noun's own clause: "if X is attacked, during Y's visit"
        from = j + 1;
        break;
      }
    mod = FindModality(s, from, m.first, &mod_cue, &future);
  }
  // "Kim is making a rare appearance at a parade": the present progressive may announce what
  // is coming; with a future date it is planned, else the document decides (below, Code).
  progressive = false;
  if (!p.nominal && mod == Modality::kActual && m.anchor == m.verb_first) {
    const std::string& w = s.lower[m.anchor];
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0) {
      int q = m.anchor - 1;
      while (q >= 0 && s.lower[q].size() > 3 && s.lower[q].compare(s.lower[q].size() - 2, 2, "ly") == 0) --q;
      progressive = q >= 0 && (s.lower[q] == "is" || s.lower[q] == "are" || s.lower[q] == "am" ||
                               s.lower[q] == "'s" || s.lower[q] == "'re");
    }
  }
  if (progressive) future = true;
  // "He is set to travel to Tokyo on Sunday for talks with Kishida": an act named after "for"
  // that follows a planned or possible visit of the sentence is its purpose, as uncertain as
  // the visit (the cue stands too far before it to be read).
  bool purpose_of_announced = false;  // the purpose of a visit coded as announced (036)
  if (mod == Modality::kActual && m.first >= 2 &&
      (s.lower[m.first - 1] == "for" || (s.lower[m.first - 2] == "for" && IsDeterminerWord(s.lower[m.first - 1])))) {
    for (auto x = events->rbegin(); x != events->rend(); ++x) {
      if (x->sentence != s.index || x->doc_hash != doc_.hash) break;
      // (A visit announced is coded as the intent, 036, actual: its purpose is as planned.)
      const bool announced_visit =
          x->cameo == "036" && (x->why.announced_code == "042" || x->why.announced_code == "043");
      if ((((x->cameo == "042" || x->cameo == "043") &&
            (x->modality == Modality::kPlanned || x->modality == Modality::kPossible)) ||
           announced_visit) &&
          x->why.verb.end <= s.TokenSpan(m.first, m.first + 1).begin) {
        mod = announced_visit ? Modality::kPlanned : x->modality;
        mod_cue = x->why.modality_cue;
        if (announced_visit) {
          mod_cue = x->why.announced_cue;
          purpose_of_announced = true;
        }
        future = true;
        if (!note.empty()) note += "; ";
        note += "the purpose of a " + std::string(ModalityName(mod)) + " visit";
        break;
      }
    }
  }
  date = s.doc->date ? s.doc->date->ToString() : "";
  date_precision = 'd';
  {
    const std::vector<DateExpression>& exprs = s.dates;
    int best = -1, best_dist = kMaxDateDistance + 1;
    for (size_t e = 0; e < exprs.size(); ++e) {
      if (s.mention_at[exprs[e].first] >= 0) continue;
      // "last year's agreement": the date belongs to a noun, not to the event.
      if (exprs[e].end < n && (s.lower[exprs[e].end] == "'s" || s.lower[exprs[e].end] == "\xe2\x80\x99s")) continue;
      int dist = exprs[e].first >= m.anchor ? exprs[e].first - m.end : m.anchor - exprs[e].end;
      if (dist < 0) dist = 0;
      // "since assuming leadership in 2011" dates something else.
      bool since = false;
      int lo = std::min(exprs[e].first, m.anchor), hi = std::max(exprs[e].first, m.anchor);
      for (int t = lo; t < hi && !since; ++t) since = s.lower[t] == "since" || s.IsBoundary(t);
      // "for the first time since 2017", "since the Vladivostok summit four years ago": a
      // date inside a since-phrase dates the earlier event, never this one.
      for (int t = exprs[e].first - 1; t >= 0 && t >= exprs[e].first - 5 && !since; --t) {
        if (s.lower[t] == "," || s.IsBoundary(t)) break;
        since = s.lower[t] == "since";
      }
      // "Russia, which on Monday recalled its ambassador, attacked Ukraine": a date inside a
      // relative clause dates the clause's own act, not the main clause's, and the reverse.
      if (!since && RelativeClauseAt(s, exprs[e].first) != RelativeClauseAt(s, m.anchor)) since = true;
      // "demand an apology from Japan for its colonial rule from 1910 to 1945": a year or month
      // after the match and behind a "for" phrase dates that phrase's noun, not the event.
      if (!since && exprs[e].first >= m.end && DatePrecision(exprs[e]) != 'd') {
        for (int t = m.end; t < exprs[e].first && !since; ++t) since = s.lower[t] == "for";
      }
      if (!since && dist < best_dist) {
        best_dist = dist;
        best = static_cast<int>(e);
      }
    }
    // "On Thursday, Xi and Putin signed ... and criticised ...": a date opening the sentence
    // (before its first comma) dates every event of the sentence.
    if (best < 0) {
      for (size_t e = 0; e < exprs.size() && best < 0; ++e) {
        int f = exprs[e].first;
        bool opening = f == 0 || (f == 1 && (s.lower[0] == "on" || s.lower[0] == "in"));
        if (opening && exprs[e].end < n && s.lower[exprs[e].end] == "," && exprs[e].end < m.first)
          best = static_cast<int>(e);
      }
    }
    if (best >= 0) {
      // "this year" (and "later this year") is the whole year: year precision, like "in 1996",
      // not the document's day (Event::date_precision says the day stands for the year).
      // "Britain's decision on Monday to expel": a day between "decision" and its infinitive
      // dates the decision, which is past, not the act decided.
      int before = exprs[best].first - 1;
      if (before >= 0 && s.lower[before] == "on") --before;
      const bool dates_decision = before >= 0 && (s.lower[before] == "decision" || s.lower[before] == "decisions") &&
                                  exprs[best].end < n && s.lower[exprs[best].end] == "to";
      // "agreed in Cairo on Monday to resume talks", "on Monday pledged to send aid": an actual
      // intent's date that stands before the intent's infinitive "to" dates the intent (the
      // latest such day); one after it ("pledged to send aid on Monday") the intended act.
      bool dates_intent = intent_future && mod == Modality::kActual;
      for (int t = std::min(m.anchor + 1, exprs[best].first); t < exprs[best].first && dates_intent; ++t)
        if (s.lower[t] == "to") dates_intent = false;
      // "Iran said on Monday it would host talks", "told Israel on Monday it would": a date
      // right after a saying verb (and the one told), before the act's clause, dates the saying,
      // which is past.
      bool dates_saying = false;
      if (exprs[best].end <= m.first) {
        int cue_end = exprs[best].first;
        if (cue_end > 0 && s.lower[cue_end - 1] == "on") --cue_end;
        if (cue_end > 0 && s.mention_at[cue_end - 1] >= 0 && s.mention_range[s.mention_at[cue_end - 1]].end == cue_end)
          cue_end = s.mention_range[s.mention_at[cue_end - 1]].first;
        for (int j = cue_end - 1; j >= 0 && j >= cue_end - 3 && !dates_saying; --j)
          dates_saying = s.speech_end[j] == cue_end;
      }
      if (auto d = ResolveDate(exprs[best], s.doc->date,
                               !dates_decision && !dates_intent && !dates_saying && (future || mod == Modality::kPlanned))) {
        date = d->ToString();
        date_cue = std::string(doc_.Text(s.TokenSpan(exprs[best].first, exprs[best].end)));
        date_precision = DatePrecision(exprs[best]);
      }
    }
  }
  // "Putin last visited Pyongyang in 2000": a year or month alone dates the event to that
  // period, not to its first day (Event::date_precision; the note says it in words), and one
  // before the document's own period is a past reference, background to the news.
  bool past_reference = false;
  if (!date_cue.empty() && date_precision != 'd') {
    if (!note.empty()) note += "; ";
    note += std::string("date precision: ") + (date_precision == 'y' ? "year" : "month") + " ('" + date_cue +
            "'; " + date + " stands for the whole " + (date_precision == 'y' ? "year" : "month") + ")";
    if (s.doc->date) {
      std::string doc_period = s.doc->date->ToString().substr(0, date_precision == 'y' ? 4 : 7);
      past_reference = date.substr(0, doc_period.size()) < doc_period;
      if (past_reference) note += "; past reference";
    }
  }
  // A back-referenced act is coded only as dated history ("switched off in 2018 after the first
  // summit"); any other date near it is the news's, not its own.
  if (!past_reference && BackReferencedActNoun(s, m)) {
    match_targets[mi].clear();  // (no target for a later act joined to it)
    return false;
  }
  if (progressive && !date_cue.empty() && s.doc->date && date > s.doc->date->ToString()) {
    mod = Modality::kPlanned;
    mod_cue = "present progressive with a future date";
  }
  // An act the actor announces is coded as the announcement: a coercive act it will do is a
  // threat (13x), cooperation it will give is an intent (03x), as for "offered to" and
  // "threatened to" above; a coercive act it may do if something happens is a threat too.
  // Visits, hosting and signing stay planned (042/043/057).
  code = &act;
  // "Two British journalists were expelled from Iraq", "expelled Palestinian workers": expelling
  // people who are not a state's officials or forces deports them (174); diplomats and troops
  // stay 166.
  if (act.code == "166" && s.lemma[m.anchor] == "expel" && !tgt_m.empty()) {
    bool people = true;
    for (int k : tgt_m) {
      const auto& a = s.mentions[k];
      bool plain = PluralDemonym(s, k) ||
                   ((a.kind == actors::ActorMention::Kind::kAgent || a.kind == actors::ActorMention::Kind::kPerson) &&
                    !a.actor.sector.empty() && !IsInstitution(a.actor.sector));
      people = people && plain;
    }
    if (const CameoCode* deport = people ? k_.ontology.Find("174") : nullptr) code = deport;
  }
  // "Stone-throwing crowds attacked Indian soldiers", "an angry mob attacked the embassy":
  // violence (18x, 19x) done by a crowd, a mob, rioters or protesters is a violent protest, a
  // riot (145), not unconventional or military force: no armed group does it.
  if ((act.code.compare(0, 2, "18") == 0 || act.code.compare(0, 2, "19") == 0) && !m.passive && !src_m.empty()) {
    bool crowd = true;
    for (int k : src_m) {
      const auto& a = s.mentions[k];
      const std::string& head = s.lower[s.mention_range[k].end - 1];
      crowd = crowd && a.kind == actors::ActorMention::Kind::kAgent &&
              In(head, {"crowd", "crowds", "mob", "mobs", "rioters", "protesters", "protestors", "demonstrators"});
    }
    if (const CameoCode* riot = crowd ? k_.ontology.Find("145") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "violence by a crowd: " + code->code + " coded as 145";
      code = riot;
    }
  }
  // "China protested against Japan's textbook revisions": a state or its government protesting
  // complains officially (114, CAMEO's "Complain officially"); demonstrations (14x) are by
  // people outside a state's institutions. Only the word "protest": "Egypt boycotted ..." stays.
  if (act.code.compare(0, 2, "14") == 0 && act.code.size() == 3 && act.code <= "141" && !m.passive &&
      s.lemma[m.anchor] == "protest" && !srcs.empty() &&
      (s.lower[m.anchor] == "protested" || s.lower[m.anchor] == "protesting" ||
       (m.anchor > 0 && s.lower[m.anchor] == "protests" && s.mention_at[m.anchor - 1] >= 0) ||
       (m.anchor > 0 && s.lower[m.anchor] == "protest" &&
        In(s.lower[m.anchor - 1], {"to", "will", "would", "did", "could", "may", "might"})))) {
    // (A bare "protest" or "protests" otherwise is mostly the noun, "a violence free protest
    // demonstration", "bracing for a wave of protests".)
    // (People named by a demonym, "Palestinians protested", "thousands of Serbs protested",
    // demonstrate: 140.)
    bool official = true;
    for (int k : src_m) {
      const auto& entries = s.mentions[k].entries;
      bool demonym = !entries.empty() && entries.front().find(" demonym '") != std::string::npos;
      official = official && !PluralDemonym(s, k) && !demonym;
    }
    for (const auto& a : srcs)
      official = official && !a.country.empty() && k_.state_codes.count(a.country) &&
                 (a.sector.empty() || SectorBase(a.sector) == "GOV");
    if (const CameoCode* cc = official ? k_.ontology.Find("114") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "a state's protest: " + code->code + " coded as 114";
      code = cc;
    }
  }
  // "demonstrated in Baghdad for the resignation of the prime minister", "rallied to demand the
  // resignation of X", "protested, calling for X to step down": a demonstration (140/141) whose
  // stated purpose is a leader's removal demonstrates for leadership change (CAMEO 1411; its
  // demand 1041 is the same purpose told as a demand). The purpose ("for", "demand", "calling
  // for", "urging", "seeking") stands at most six words before the removal word, both within
  // fifteen words after the act, in its sentence and outside reported speech.
  if ((code->code == "140" || code->code == "141") && !m.passive) {
    int purpose = -1;
    bool removal = false;
    for (int t = m.verb_end; t < s.size() && t < m.verb_end + 15 && !removal; ++t) {
      if (s.IsBoundary(t) || s.lower[t] == ";" || s.speech_end[t] >= 0) break;
      const std::string& w = s.lower[t];
      if (w == "for" || s.lemma[t] == "demand" || w == "urging" || w == "seeking" || w == "calling") purpose = t;
      bool removal_word = In(w, {"resignation", "ouster", "removal", "overthrow", "downfall", "resign"}) ||
                          (In(w, {"step", "stand"}) && t + 1 < s.size() && s.lower[t + 1] == "down");
      removal = removal_word && purpose >= 0 && t - purpose <= 6;
    }
    if (const CameoCode* cc = removal ? k_.ontology.Find("1411") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "a demonstration for a leader's removal: " + code->code + " coded as 1411";
      code = cc;
      // With no one named as its target ("for the resignation of the prime minister"), the
      // leadership to go is the government of the demonstrators' state (one state for all).
      std::string c = srcs.empty() ? "" : srcs.front().country;
      for (const auto& a : srcs)
        if (a.country != c) c.clear();
      if (tgts.empty() && c.size() == 3 && k_.state_codes.count(c)) {
        tgts.push_back(UnnamedActor(c, "GOV", "(the government of " + c + ")"));
        note += "; target: the government of the demonstrators' state";
      }
    }
  }
  // (Talks told as a noun that are announced, "will travel to Tokyo for talks with X", are
  // the intent to meet as the verb is.)
  const bool announced_talks = p.nominal && mod == Modality::kPlanned && code->code.compare(0, 2, "04") == 0 &&
                               (IntentCue(mod_cue) || ScheduleCue(mod_cue));
  if (!m.passive && (!p.nominal || purpose_of_announced || announced_talks) &&
      (mod == Modality::kPlanned || mod == Modality::kPossible)) {
    // "may/might/could ... if/unless", "is expected to impose sanctions unless ...": a coercive
    // act held out on a condition is a threat, whatever the cue.
    bool conditional = false;
    if (mod == Modality::kPlanned || LowerWord(mod_cue) == "may" || LowerWord(mod_cue) == "might" ||
        LowerWord(mod_cue) == "could")
      for (int t = std::max(m.end, m.folded_end); t < n && !conditional; ++t) {
        if (s.IsBoundary(t) || s.speech_end[t] >= 0) break;
        conditional = s.lower[t] == "if" || s.lower[t] == "unless";
      }
    // "asked whether Russia would help": a question, not an announcement; "Japan said China
    // would attack": another's forecast, not the actor's own word.
    bool question = false;
    if (sf.speaker >= 0 && !srcs.empty()) {
      const auto& sp = s.mentions[sf.speaker].actor;
      question = sp.code != srcs.front().code &&
                 (sp.country.empty() || sp.country != srcs.front().country);
    }
    for (int t = std::max(0, m.anchor - 8); t < m.anchor && !question; ++t)
      question = s.lower[t] == "whether" || (s.lower[t] == "if" && mod == Modality::kPlanned);
    std::string c;
    if (!question && (conditional || (mod == Modality::kPlanned && IntentCue(mod_cue)))) c = ThreatCode(code->code);
    // A meeting, visit, hosting or talks announced or scheduled ("will meet X in Geneva on
    // Tuesday", "is to visit Y", "is due to hold talks with Z") is the intent to meet (036,
    // 039 for mediation), actual, dated and placed as the meeting: the codebook's 036 ("future
    // commitments to meet"; its example "will visit Albania in June"), the CAMEO verb
    // dictionary's "will / is to / due to / scheduled to meet|visit" and the PLOVER gold agree
    // (docs/audit/conv28.md). Signing keeps its own code, planned.
    const bool meeting = code->code.compare(0, 2, "04") == 0 &&
                         (IntentCue(mod_cue) || ScheduleCue(mod_cue));
    if (!question && c.empty() && mod == Modality::kPlanned && (IntentCue(mod_cue) || meeting) &&
        code->code != "057")
      c = IntentCode(code->code);
    if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) {
      if (!note.empty()) note += "; ";
      note += "announced (" + mod_cue + "): " + code->code + " coded as " + cc->code;
      announced_code = code->code;
      announced_cue = mod_cue;
      code = cc;
      mod = Modality::kActual;
    } else if (!question && code->code.compare(0, 2, "13") == 0) {
      // "will retaliate if India strikes", "would stop cooperating unless ...": a pattern that
      // codes the conditional announcement as a threat already (its match may hold the "if");
      // the threat is made (actual).
      bool cond_in = conditional;
      for (int t = m.anchor + 1; t < n && !cond_in; ++t) {
        if (s.IsBoundary(t) || s.speech_end[t] >= 0) break;
        cond_in = s.lower[t] == "if" || s.lower[t] == "unless";
      }
      if (cond_in) {
        if (!note.empty()) note += "; ";
        note += "threat on a condition (" + mod_cue + "): actual";
        mod = Modality::kActual;
      }
    }
  }
  // "arrived in Moscow for talks with Putin", "after talks with Russia": the verb pattern "talk
  // with" (040) read at the noun "talks" after a preposition tells talks as a noun, which are a
  // negotiation (046, as the nominal patterns "talks with TGT" code them in fast mode).
  // ("Following talks with X, S said": right after "after/following", the parser may read a
  // participle, but "talks" there is the noun too: a verb would need its subject between.)
  if (!p.nominal && code->code == "040" && s.lower[m.anchor] == "talks" &&
      (ParsedNounAfterPreposition(s, m.anchor) ||
       (m.anchor > 0 && In(s.lower[m.anchor - 1], {"after", "following"})))) {
    if (const CameoCode* cc = k_.ontology.Find("046")) {
      if (!note.empty()) note += "; ";
      note += "talks told as a noun: 040 coded as 046";
      code = cc;
    }
  }
  // "Syria refused to attend the conference", "refused to send aid": refusing a cooperative act
  // is a rejection (12x, actual), as "refused to meet" is by its own pattern; "declined to" and
  // "did not" stay negated acts.
  if (!m.passive && !p.nominal && mod == Modality::kNegated) {
    std::string cue = LowerWord(mod_cue);
    // "said it would not recognize Israel", "will never accept the plan": a refusal declared
    // for the future (will/would/shall + not/never right before the act's word) rejects too.
    int a = m.verb_first;
    bool declared = a >= 2 && (s.lower[a - 1] == "not" || s.lower[a - 1] == "n't" || s.lower[a - 1] == "never") &&
                    In(s.lower[a - 2], {"will", "would", "wo", "shall"});
    if (declared || cue == "refused to" || cue == "refuses to" || cue == "refuse to" || cue == "has refused to" ||
        cue == "have refused to") {
      if (const CameoCode* cc = k_.ontology.Find(RefusalCode(code->code))) {
        if (!note.empty()) note += "; ";
        note += "refused (" + mod_cue + "): " + code->code + " coded as " + cc->code;
        code = cc;
        mod = Modality::kActual;
        // "refused to attend the talks in Geneva": the place "in/at" is where, not whom.
        if (m.dest_place >= 0 && m.targets.empty()) {
          int f = s.places[m.dest_place].first;
          while (f > 0 && s.lower[f - 1] == "the") --f;
          if (f > 0 && (s.lower[f - 1] == "in" || s.lower[f - 1] == "at")) {
            tgts.clear();
            if (!loc) loc = PlaceLocation(s, m.dest_place);
          }
        }
      }
    }
  }
  // "Israel denied that it had attacked the ship", "Rwanda denied sending troops to Congo": the
  // act denied stays, negated, and the denial is an event of its own (016 deny responsibility,
  // actual) by the act's source to the act's target (the one it would have been done to, as
  // "denied any role in the bombing in Buenos Aires" is a denial to Argentina).
  denied_act = mod == Modality::kNegated && !p.nominal && IsDenialCue(mod_cue);
  // The denier is the subject of the denial verb, not the act's doer: "Moscow denied that
  // Russian troops had crossed into Ukraine" is Russia's denial (RUS), not its troops'
  // (RUSMIL); "The minister denied that Chinese troops had crossed into India" names no state
  // that denies, so no denial is coded (the act stays negated). A denier of the act's target's
  // state denies the doer's act to the doer. No named subject ("it denied"): the act's source.
  denier_unknown = false;
  if (denied_act) {
    int d = -1;
    for (int t = std::min(m.first, s.size()) - 1; t >= 0 && d < 0; --t)
      if (IsDenialWord(s.lower[t])) d = t;
    for (int j = d - 1; d >= 0 && j >= 0 && j >= d - 6; --j) {
      if (s.IsBoundary(j) || s.lower[j] == "," || s.lower[j] == "that") break;
      if (s.mention_at[j] < 0) continue;
      std::vector<std::string> ents;
      std::string note;
      ActorRef a = Actor(s, s.mention_at[j], "", "", &ents, &note);
      if (a.country.empty()) denier_unknown = true;
      else denier = a;
      break;
    }
  }
  // "NATO's air strikes on Serb positions were welcomed by the Bosnian government", "the EU's
  // decision to lift the embargo was welcomed by China": a welcome whose passive subject is an
  // act of the target (its possessor, or an actor qualifying the act's noun) approves of the
  // act (051); nobody is hosted (043 is for people and delegations).
  if (m.passive && code->code == "043" && !tgt_m.empty()) {
    int t = s.mention_range[tgt_m.front()].end;
    if (t < n && (s.lower[t] == "'s" || s.lower[t] == "\u2019s" || s.lower[t] == "'")) ++t;
    bool act_noun = false;
    for (int j = t; j < n && j < t + 3 && j < m.first && !act_noun; ++j) {
      if (s.mention_at[j] >= 0 || s.IsBoundary(j)) break;
      act_noun = In(s.lower[j], {"decision", "decisions", "move", "moves", "step", "steps", "strike", "strikes",
                                 "airstrike", "airstrikes", "raid", "raids", "offer", "proposal", "proposals",
                                 "plan", "initiative", "announcement", "withdrawal", "pullout", "agreement",
                                 "deal", "effort", "efforts", "pledge", "call", "statement", "ceasefire",
                                 "truce", "release", "intervention", "action", "measures", "reforms", "vote"});
    }
    if (const CameoCode* cc = act_noun ? k_.ontology.Find("051") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "an act welcomed: 043 coded as 051";
      code = cc;
    }
  }
  // A visit to the country of the place named before ("in Beijing" ... "his visit to China"),
  // undated: the same place.
  if (!loc && act.code == "042" && date_cue.empty() && ds_.last_location && tgts.size() == 1 &&
      tgts[0].country == ds_.last_location->country && !tgts[0].country.empty()) {
    loc = ds_.last_location;
    loc->span = Span{};
  }
  // A visit to a state named alone ("visited Italy", "will visit Japan", the latter coded as
  // the intent, 036): the place is the country, at country level.
  const bool visit = code->code == "042" || code->code == "043" ||
                     (code->code == "036" && (act.code == "042" || act.code == "043"));
  if (!loc && !country_loc && visit && m.targets.size() == 1 &&
      tgts.size() == 1) {
    const int k = m.targets[0];
    const auto& am = s.mentions[k];
    if (am.kind == actors::ActorMention::Kind::kState && am.actor.code == am.actor.country &&
        am.actor.country == tgts[0].country && !am.actor.country.empty() && k_.lexicon.countries.count(am.actor.country)) {
      country_loc = CountryLocation(k_.lexicon.countries.at(am.actor.country),
                                    s.TokenSpan(s.mention_range[k].first, s.mention_range[k].end));
    }
  }
  if (loc && loc->span.size() > 0) {
    ds_.last_location = loc;
    set_location = true;
  }
  return true;
}

}  // namespace entente::coder::internal
