// Finding actor mentions in a sentence and composing them (ActorIndexImpl::FindImpl, behind
// ActorIndex::Find and Resolve). Reads the immutable index built by actor_index.cc; updates
// only the caller's DocContext (people_seen, states_seen). The work is done by a
// SentenceMatcher (actor_match.h), one per call, in three phases:
//
// 1. Finding (this file: FoldSentence, FindAtoms). The tokens of a sentence are folded once
// into a vector of parts (with their token and source bytes). From each token start the trie
// is walked as far as it goes; the longest match that ends at a token end (or before a
// possessive "'s" / "'" inside a token, or before "-led", "-flagged", "-registered" or "-based", read as a
// possessive: "Vietnamese-led forces" are Vietnam's, a "Liberian-registered tanker" Liberia's) and has an entry valid in context (case rule, historical interval) is
// an atom; matching resumes after it. An organisation's `short` name ("Congress", INC) is valid
// only once the document named the organisation (DocContext::orgs_seen), and then is its only
// organisation reading, except right after a state's adjective or possessive ("the U.S. Congress"). Where nothing matches, "the North" / "the South" in a
// Korean context is an atom of its own (KoreanContextEntry).
//
// 2. Filtering (this file). A state name that is also a personal name (person_name) next to a
// capitalised name-like word is dropped ("Jordan Peterson": DropPersonNamedStates), unless that word
// opens an organisation's name ("Kenya Human Rights Commission"); so is a
// state adjective after "ethnic" before an agent ("ethnic Albanian guerrillas":
// DropEthnicAdjectives); so is a one-word organisation name that is an institution noun after
// an unknown capitalised word, the tail of a name the index lacks ("Nigeria Labour Congress" is
// not the U.S. Congress: DropNameTailBodies).
//
// 3. Composing (actor_compose.cc). Atoms are composed left to right (CollectGroup) by the
// grammar
//     [former] [prefix] [former] [agent noun | title]* [person | organisation]
// where the prefix is a country (a state adjective; a state name, capital or metonym followed
// by a possessive; a metonym before an agent or person: "Kremlin officials"), a region
// adjective ("Latin American leaders": no country, the CAMEO region code), or an organisation
// before an agent or person ("NATO Secretary-General"); only adjacent atoms compose, except
// that a modifier word ("new", "peacekeeping") or an unknown capitalised qualifier ("Turkish
// Kurd refugees") may stand between a first atom and an agent noun. A region
// alone is taken but makes no mention (so "American" inside "Latin American" is not the USA).
// A possessive state before two to four unknown name-like words is a person of that state
// (TakePossessiveUnknownName), and a state's name or adjective before one to four unknown
// name-like words ending in a body's head noun ("the Uganda Law Society") is a body of that
// state, a state mention carrying the name; a prefix that nothing followed stands alone (StandPrefixAlone).
// A group is resolved as of the document date: a person by the role they hold on that date
// (preferring the role the title names; where the title disagrees, the role wins), a title
// without a person by the holder of (country or organisation, post) on that date, "former" /
// "ex-" by sector ELI. A role in an organisation (its id in the role's country column) gives
// the organisation's code. An organisation with `national` after a country prefix is that
// country's body ("Russia's Security Council" -> RUSGOV), and so is a state's such body followed
// by "in" / "of" and a state or capital ("Congress in Lima" -> PERLEG: ExtendBodyToPlace). A
// leader's name before "administration" / "government" is the government the leader headed
// (LeaderGovernmentState). A bare agent followed by "in" /
// "of" and a state takes that state (ExtendAgentToPlace). Dictionary actors and agents (--dict)
// take part as described in actor_dictionary.cc; dated roles are chosen by actor_roles.cc.
#include "actors/actor_match.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "actors/actor_index_internal.h"
#include "actors/fold.h"

namespace entente::actors::internal {

std::vector<ActorMention> ActorIndexImpl::FindImpl(const Document& doc, const Sentence& sentence,
                                                   DocContext* ctx,
                                                   std::vector<std::vector<std::string>>* explain,
                                                   std::vector<std::string>* notes) const {
  if (sentence.end_token <= sentence.first_token || sentence.end_token > doc.tokens.size()) return {};
  return SentenceMatcher(*this, doc, sentence, ctx, explain, notes).Run();
}

SentenceMatcher::SentenceMatcher(const ActorIndexImpl& index, const Document& doc, const Sentence& sentence,
                                 DocContext* ctx, std::vector<std::vector<std::string>>* explain,
                                 std::vector<std::string>* notes)
    : index_(index),
      doc_(doc),
      sentence_(sentence),
      ctx_(ctx),
      explain_(explain),
      notes_(notes),
      has_date_(ctx && ctx->date.has_value()),
      date_(has_date_ ? *ctx->date : Date{9999, 12, 31}),
      date_text_(has_date_ ? date_.ToString() : std::string("(no date: roles still open)")) {}

std::vector<ActorMention> SentenceMatcher::Run() {
  FoldSentence();
  FindAtoms();
  DropPersonNamedStates();
  DropEthnicAdjectives();
  DropNameTailBodies();
  for (size_t i = 0; i < atoms_.size();) i = ComposeAt(i);
  ShareHeadNoun();
  SentenceStateBodies();
  return std::move(out_);
}

void SentenceMatcher::SentenceStateBodies() {
  for (const auto& [i, o] : open_bodies_) {
    ActorMention& b = out_[i];
    std::string only;
    bool one = true;
    for (size_t j = 0; j < out_.size() && one; ++j) {
      const ActorMention& m = out_[j];
      if (j == i || m.actor.country.empty()) continue;
      if (m.kind == ActorMention::Kind::kState || m.kind == ActorMention::Kind::kCapital ||
          (!only.empty() && m.actor.country != only))
        one = false;
      only = m.actor.country;
    }
    if (one && !only.empty() && std::find(o->dateline_states.begin(), o->dateline_states.end(), only) != o->dateline_states.end()) {
      b.kind = ActorMention::Kind::kAgent;
      b.actor.country = only;
      b.actor.sector = o->national;
      b.actor.code = only + o->national;
      b.actor.name.clear();
      b.entries.push_back("body " + o->id + " dateline_states: the sentence's only state, named by its people");
      continue;
    }
    NoteState(b.actor.country);
  }
}

// "French and British warplanes", "Russian, Chinese and Iranian diplomats": a state adjective
// alone, followed by "and" or a comma and another state's adjective with an agent noun, shares
// that noun: its sector (FRA -> FRAMIL), one actor per state.
void SentenceMatcher::ShareHeadNoun() {
  auto adjective_first = [](const ActorMention& m) {
    return !m.entries.empty() && m.entries.front().rfind("state ", 0) == 0 &&
           m.entries.front().find(" adjective '") != std::string::npos;
  };
  for (size_t i = out_.size(); i-- > 1;) {
    ActorMention& a = out_[i - 1];
    const ActorMention& b = out_[i];
    if (a.kind != ActorMention::Kind::kState || a.end_token != a.first_token + 1 || a.entries.size() != 1 ||
        !adjective_first(a) || a.actor.country.empty() || a.actor.code != a.actor.country)
      continue;
    if (b.first_token != a.end_token + 1 || !adjective_first(b) || b.actor.sector.empty() ||
        b.actor.country.empty() || b.actor.country == a.actor.country ||
        b.actor.code != b.actor.country + b.actor.sector || b.end_token <= b.first_token + 1)
      continue;
    const std::string between = LowerToken(a.end_token);
    if (between != "and" && between != ",") continue;
    a.kind = b.kind;
    a.actor.sector = b.actor.sector;
    a.actor.code = a.actor.country + b.actor.sector;
    for (size_t e = 1; e < b.entries.size(); ++e)
      if (b.entries[e].rfind("agent ", 0) == 0) a.entries.push_back(b.entries[e]);
  }
}

void SentenceMatcher::FoldSentence() {
  parts_.reserve(sentence_.size() * 2);
  token_first_part_.reserve(sentence_.size() + 1);
  std::string scratch;
  scratch.reserve(64);
  for (uint32_t t = sentence_.first_token; t < sentence_.end_token; ++t) {
    token_first_part_.push_back(static_cast<uint32_t>(parts_.size()));
    const Token& tok = doc_.tokens[t];
    size_t before = parts_.size();
    FoldParts(doc_.TokenText(t), scratch, [&](std::string_view f, uint32_t b, uint32_t e) {
      parts_.push_back(Part{index_.PartId(f), t, tok.span.begin + b, tok.span.begin + e, false});
    });
    if (parts_.size() == before) parts_.push_back(Part{kNone, t, tok.span.begin, tok.span.end, false});
    parts_.back().token_end = true;
  }
  token_first_part_.push_back(static_cast<uint32_t>(parts_.size()));
  apos_ = index_.PartId("'");
  s_part_ = index_.PartId("s");
}

// "-led", "-flagged", "-registered", "-based" as the last part of a token: the part before names
// the state that leads, flags or hosts what follows, as a possessive would ("Pakistan-based
// militants" are Pakistan's; a group named after it keeps its own code: "the London-based
// Amnesty International"). Not "-backed": a backed group is of the state it acts in, not its
// backer's ("Russian-backed separatists" in Ukraine). Returns 0 for none, 1 for "-led",
// "-flagged", "-registered", 2 for "-based" (which a state's name, adjective or a place of it
// takes, not a capital or metonym: "London-based" says where, not that London's government acts).
int SentenceMatcher::LedPart(uint32_t q) const {
  const Part& p = parts_[q];
  std::string w(doc_.text.substr(p.begin, p.end - p.begin));
  for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (w == "led" || w == "flagged" || w == "registered") return 1;
  return w == "based" ? 2 : 0;
}

bool SentenceMatcher::IsPossessive(uint32_t b, uint32_t e, uint32_t prev_part) const {
  if (e - b == 2) return parts_[b].id == apos_ && apos_ != kNone && parts_[b + 1].id == s_part_ && s_part_ != kNone;
  if (e - b == 1 && parts_[b].id == apos_ && apos_ != kNone) {
    const Part& p = parts_[prev_part];
    return p.end > p.begin && (doc_.text[p.end - 1] == 's' || doc_.text[p.end - 1] == 'S');
  }
  return false;
}

bool SentenceMatcher::HasLower(uint32_t pb, uint32_t pe) const {
  for (uint32_t i = pb; i < pe; ++i)
    for (uint32_t k = parts_[i].begin; k < parts_[i].end; ++k)
      if (doc_.text[k] >= 'a' && doc_.text[k] <= 'z') return true;
  return false;
}

bool SentenceMatcher::LowerWhereCapital(uint32_t cap_parts, uint32_t pb, uint32_t pe) const {
  for (uint32_t i = 1; i < 32 && pb + i < pe; ++i) {
    if (!(cap_parts & (1u << i))) continue;
    const char c = doc_.text[parts_[pb + i].begin];
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

// An organisation name that is also a common word (`common_word`: "Shell", "Total", "Apple")
// opening the sentence, where every word is capitalised, is the word when a lower-case word
// follows that cannot be the name's verb: "Total exports rose", "Apple growers protested",
// "Shell casings were found". Kept before a verb form ("Total said", "Shell pulled out", "Apple
// suspended sales": a word ending in -ed or a common verb or auxiliary), punctuation ("Total,
// the French company") or a capitalised word; and anywhere else in the sentence.
bool SentenceMatcher::CommonWordHere(uint32_t first, uint32_t last) const {
  static const std::unordered_set<std::string_view> kVerbs = {
      "said", "says", "say", "has", "have", "had", "is", "was", "were", "are", "will", "would",
      "could", "can", "may", "might", "must", "should", "shall", "does", "did", "also", "and",
      "or", "won", "sold", "cut", "made", "took", "began", "became", "sent", "paid", "told",
      "got", "gave", "set", "put", "quit", "kept", "left", "lost", "met", "sought", "bought",
      "brought", "built", "chose", "drew", "fell", "found", "held", "led", "let", "rose", "shut",
      "spent", "struck", "wrote", "plans", "wants", "expects", "denies", "agrees", "signs",
      "cuts", "pulls", "suspends", "halts", "stops", "warns", "sues", "wins", "announces"};
  if (first != sentence_.first_token || last + 1 >= sentence_.end_token) return false;
  const Token& next = doc_.tokens[last + 1];
  if (next.kind != TokenKind::kWord) return false;
  const std::string w = LowerToken(last + 1);
  if (w.empty() || (next.flags & (Token::kCapitalized | Token::kAllCaps))) return false;
  if (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) return false;
  return kVerbs.count(w) == 0;
}

// "a Korean-American missionary", "an Iranian-American journalist": after "a" / "an", one token
// of two state adjectives joined by a hyphen names a person by the last, the citizenship, as in
// English usage (an Iranian-American is an American of Iranian origin); the first is only origin.
// Not before a noun of relations between the two ("a Russian-American summit"). The plural
// ("two Korean-Americans", "Iranian-Americans protested") needs no article: a plural demonym as
// the last part names people, never a relation between two states.
bool SentenceMatcher::HyphenatedNationality(uint32_t t, uint32_t pb) const {
  static const std::unordered_set<std::string_view> kRelationNouns = {
      "summit", "talks", "deal", "agreement", "accord", "pact", "treaty", "relations", "ties",
      "meeting", "partnership", "cooperation", "dialogue", "rivalry", "alliance", "venture",
      "joint", "border", "war", "conflict", "team", "crew", "commission", "initiative", "exercise"};
  if (doc_.text[parts_[pb].end] != '-') return false;
  auto has_type = [&](uint32_t q, EntryType type) {
    const uint32_t node = index_.Child(0, parts_[q].id);
    if (node == kNone) return false;
    for (uint32_t e : index_.node_entries_[node])
      if (index_.entries_[e].type == type) return true;
    return false;
  };
  auto adjective = [&](uint32_t q) { return has_type(q, EntryType::kAdjective); };
  const Part& last = parts_[pb + 1];
  const bool plural = last.end - last.begin > 3 && doc_.text[last.end - 1] == 's' &&
                      has_type(pb + 1, EntryType::kDemonym);
  if (!plural) {
    if (t <= sentence_.first_token) return false;
    const std::string before = LowerToken(t - 1);
    if (before != "a" && before != "an") return false;
  }
  if (t + 1 < sentence_.end_token && kRelationNouns.count(LowerToken(t + 1))) return false;
  // The origin need not be a state ("Korean" is no one state): a capitalised demonym-like word.
  auto demonym = [&](uint32_t q) {
    const std::string w = doc_.text.substr(parts_[q].begin, parts_[q].end - parts_[q].begin);
    if (w.size() < 4 || w[0] < 'A' || w[0] > 'Z') return false;
    for (std::string_view end : {"an", "ese", "ish", "ch", "i"})
      if (w.size() > end.size() && w.compare(w.size() - end.size(), end.size(), end) == 0) return true;
    return false;
  };
  return (adjective(pb) || demonym(pb)) && (plural || adjective(pb + 1));
}

void SentenceMatcher::FindAtoms() {
  const std::vector<Entry>& entries = index_.entries_;
  for (uint32_t t = sentence_.first_token; t < sentence_.end_token;) {
    auto [pb, pe_tok] = TokParts(t);
    if (pe_tok - pb == 2 && HyphenatedNationality(t, pb)) ++pb;
    uint32_t node = 0;
    uint32_t best_node = kNone, best_last = 0;
    const char first_byte = doc_.text[parts_[pb].begin];
    const bool starts_lower = first_byte >= 'a' && first_byte <= 'z';
    bool best_poss_in_token = false;
    bool best_based = false;
    for (uint32_t q = pb; q < parts_.size(); ++q) {
      node = index_.Child(node, parts_[q].id);
      if (node == kNone) break;
      if (index_.node_entries_[node].empty()) continue;
      bool poss_in_token = false;
      bool based = false;
      if (!parts_[q].token_end) {
        // May end only before an in-token possessive.
        // "Vietnamese-led forces", "US-led coalition": the leading state, read like "Vietnam's";
        // "a Panamanian-flagged tanker", "a Liberian-registered ship": the flag state, likewise.
        uint32_t te = TokParts(parts_[q].token).second;
        const int led = te == q + 2 ? LedPart(q + 1) : 0;
        if (!led && !IsPossessive(q + 1, te, q)) continue;
        poss_in_token = true;
        based = led == 2;
      }
      // Any entry valid here?
      bool any = false;
      bool lower_known = false, lower = false;
      for (uint32_t e : index_.node_entries_[node]) {
        const Entry& en = entries[e];
        if (en.dated && has_date_ && !en.interval.Contains(date_)) continue;
        if (en.org_short && !OrgSeen(en.owner)) continue;
        if (en.capitalized && starts_lower) continue;
        if (en.cap_parts && LowerWhereCapital(en.cap_parts, pb, q + 1)) continue;
        if (en.common_word && CommonWordHere(t, parts_[q].token)) continue;
        if (based && (en.type == EntryType::kCapital || en.type == EntryType::kMetonym)) continue;
        if (en.upper_only) {
          if (!lower_known) lower = HasLower(pb, q + 1), lower_known = true;
          if (lower) continue;
        }
        any = true;
        break;
      }
      if (!any) continue;
      best_node = node;
      best_last = q;
      best_poss_in_token = poss_in_token;
      best_based = based;
    }
    if (best_node == kNone) {
      const uint32_t ctx_entry = KoreanContextEntry(t, pb, pe_tok);
      if (ctx_entry == kNone) {
        ++t;
        continue;
      }
      Atom a;
      a.first_token = t;
      a.end_token = a.after = t + 1;
      a.possessive = pe_tok - pb > 1;
      if (!a.possessive && t + 1 < sentence_.end_token) {
        auto [nb, ne] = TokParts(t + 1);
        if (IsPossessive(nb, ne, pb)) {
          a.possessive = true;
          a.after = t + 2;
        }
      }
      a.entries_begin = static_cast<uint32_t>(valid_.size());
      valid_.push_back(ctx_entry);
      a.entries_end = static_cast<uint32_t>(valid_.size());
      atoms_.push_back(a);
      t = a.end_token;
      continue;
    }
    Atom a;
    a.first_token = t;
    a.end_token = parts_[best_last].token + 1;
    a.after = a.end_token;
    a.possessive = best_poss_in_token;
    if (!a.possessive && a.end_token < sentence_.end_token) {
      auto [nb, ne] = TokParts(a.end_token);
      if (IsPossessive(nb, ne, best_last)) {
        a.possessive = true;
        a.after = a.end_token + 1;
      }
    }
    a.entries_begin = static_cast<uint32_t>(valid_.size());
    bool lower = HasLower(pb, best_last + 1);
    bool current = false;  // an entry still in use today among the valid ones
    for (uint32_t e : index_.node_entries_[best_node]) {
      const Entry& en = entries[e];
      if (en.dated && has_date_ && !en.interval.Contains(date_)) continue;
      if (en.org_short && !OrgSeen(en.owner)) continue;
      if (en.capitalized && starts_lower) continue;
      if (en.cap_parts && LowerWhereCapital(en.cap_parts, pb, best_last + 1)) continue;
      if (en.common_word && CommonWordHere(t, parts_[best_last].token)) continue;
      if (en.upper_only && lower) continue;
      if (best_based && (en.type == EntryType::kCapital || en.type == EntryType::kMetonym)) continue;
      if (en.type == EntryType::kFormer && RemovalVerbHere(t)) continue;
      valid_.push_back(e);
      current = current || !en.dated || !en.interval.to;
    }
    if (!has_date_ && current) {
      // Undated text: a phrase of a state that ended ("Belgrade ..1992-04-26", Yugoslavia's)
      // yields to the same phrase still in use (Serbia's).
      valid_.erase(std::remove_if(valid_.begin() + a.entries_begin, valid_.end(),
                                  [&](uint32_t e) { return entries[e].dated && entries[e].interval.to; }),
                   valid_.end());
    }
    if (std::any_of(valid_.begin() + a.entries_begin, valid_.end(), [&](uint32_t e) { return entries[e].org_short; })) {
      // An organisation's short name once it was named ("Congress" after "the Congress party")
      // is that organisation only; right after a state's adjective or possessive ("the U.S.
      // Congress", "Peru's Congress") it is not the short name.
      const Atom* prev = atoms_.empty() || atoms_.back().after != a.first_token ? nullptr : &atoms_.back();
      const bool after_state =
          prev && FindEntry(*prev, [&](EntryType t) {
            return t == EntryType::kAdjective ||
                   (prev->possessive && (IsStateNameType(t) || t == EntryType::kCapital));
          });
      valid_.erase(std::remove_if(valid_.begin() + a.entries_begin, valid_.end(),
                                  [&](uint32_t e) {
                                    return IsOrgType(entries[e].type) && entries[e].org_short == after_state;
                                  }),
                   valid_.end());
    }
    a.entries_end = static_cast<uint32_t>(valid_.size());
    atoms_.push_back(a);
    t = a.end_token;  // a separate possessive token is left to the composer
  }
}

bool SentenceMatcher::RemovalVerbHere(uint32_t t) const {
  static const std::unordered_set<std::string_view> kRemovalWords = {"ousted", "deposed", "toppled", "overthrown"};
  // Words after which the participle is an adjective before a title ("the ousted president",
  // "Egypt's deposed leader", "and ousted President ...").
  static const std::unordered_set<std::string_view> kBeforeAdjective = {
      "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "of", "in",
      "on", "at", "for", "to", "with", "by", "from", "as", "about", "against", "between", "and",
      "or", "but", "nor", "recently", "newly", "now", "late", "former", "'s", "'", "\u2019s",
      "\u2019", "both", "two", "three", "said", "says", "told", "like", "including", "than"};
  if (t <= sentence_.first_token || t >= sentence_.end_token) return false;
  if (!kRemovalWords.count(LowerToken(t))) return false;
  const Token& prev = doc_.tokens[t - 1];
  if (prev.kind != TokenKind::kWord) return false;
  const std::string p = LowerToken(t - 1);
  // After a verb it is an adjective too: "welcomed deposed President ...", "met ousted leader
  // ...", "backing ousted President ..." (past forms in -ed, common irregular ones, -ing forms).
  static const std::unordered_set<std::string_view> kPastVerbs = {
      "met", "saw", "told", "gave", "sent", "took", "held", "brought", "sought", "won", "led", "let",
      "made", "left", "kept", "put", "set", "hit", "found", "got", "became", "meet", "meets", "see",
      "sees", "back", "backs", "support", "supports", "welcome", "welcomes", "visit", "visits", "host",
      "hosts", "receive", "receives", "free", "frees", "arrest", "arrests", "charge", "charges"};
  const bool lower_case = !(prev.flags & (Token::kCapitalized | Token::kAllCaps));
  if (kPastVerbs.count(p) || (lower_case && p.size() > 4 && (p.compare(p.size() - 2, 2, "ed") == 0 ||
                                                             p.compare(p.size() - 3, 3, "ing") == 0)))
    return false;
  if (p.size() >= 2 && (p.compare(p.size() - 2, 2, "'s") == 0 ||
                        (p.size() >= 4 && p.compare(p.size() - 4, 4, "\u2019s") == 0)))
    return false;
  return !kBeforeAdjective.count(p);
}

// "the North" / "the South" in a Korean context (North Korea or Pyongyang named earlier: "Pyongyang
// warned it would retaliate if warships from the South crossed" is South Korea, weak26), not
// before another capitalised word ("the North Atlantic").
uint32_t SentenceMatcher::KoreanContextEntry(uint32_t t, uint32_t pb, uint32_t pe_tok) const {
  const char first_byte = doc_.text[parts_[pb].begin];
  uint32_t ctx_entry = kNone;
  // (North Korea named earlier in this sentence counts too: the document's context notes a
  // sentence's states only after the sentence.)
  auto named_in_sentence = [&](const char* code) {
    auto st = index_.state_index_.find(code);
    if (st == index_.state_index_.end()) return false;
    for (const Atom& a : atoms_)
      for (uint32_t v = a.entries_begin; v < a.entries_end; ++v) {
        const Entry& en = index_.entries_[valid_[v]];
        if (en.owner == st->second && (IsStateNameType(en.type) || en.type == EntryType::kCapital ||
                                        en.type == EntryType::kAdjective || en.type == EntryType::kDemonym))
          return true;
      }
    return false;
  };
  if (ctx_ && index_.north_entry_ != kNone && index_.south_entry_ != kNone && t > sentence_.first_token &&
      (first_byte == 'N' || first_byte == 'S') && (ctx_->Seen("PRK") > 0 || named_in_sentence("PRK"))) {
    std::string_view prev = doc_.TokenText(t - 1);
    const uint32_t id = parts_[pb].id;
    if ((prev == "the" || prev == "The") && id != kNone) {
      if (id == index_.PartId("north")) ctx_entry = index_.north_entry_;
      else if (id == index_.PartId("south")) ctx_entry = index_.south_entry_;
    }
    if (ctx_entry != kNone && pe_tok - pb > 1 && !IsPossessive(pb + 1, pe_tok, pb)) ctx_entry = kNone;
    if (ctx_entry != kNone && pe_tok - pb == 1 && t + 1 < sentence_.end_token) {
      std::string_view next = doc_.TokenText(t + 1);
      if (!next.empty() && next[0] >= 'A' && next[0] <= 'Z') ctx_entry = kNone;
    }
  }
  return ctx_entry;
}

std::string SentenceMatcher::AtomText(const Atom& a) const {
  return std::string(doc_.text.substr(doc_.tokens[a.first_token].span.begin,
                                      doc_.tokens[a.end_token - 1].span.end - doc_.tokens[a.first_token].span.begin));
}

std::string SentenceMatcher::LowerAtomText(const Atom& a) const {
  std::string w = AtomText(a);
  for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return w;
}

std::string SentenceMatcher::LowerToken(uint32_t t) const {
  std::string w(doc_.TokenText(t));
  for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return w;
}

void SentenceMatcher::BuildAtomAt() {
  atom_at_built_ = true;
  atom_at_.assign(sentence_.size(), -1);
  for (size_t k = 0; k < atoms_.size(); ++k)
    for (uint32_t t = atoms_[k].first_token; t < atoms_[k].end_token; ++t)
      atom_at_[t - sentence_.first_token] = static_cast<int32_t>(k);
}

// Only in prose: not in a title-case line (a headline of four words or more, none of them a
// lower-case word of four letters or more), where every word is capitalised.
bool SentenceMatcher::Prose() {
  if (prose_state_ < 0) {
    prose_state_ = 0;
    int words = 0;
    for (uint32_t t = sentence_.first_token; t < sentence_.end_token && !prose_state_; ++t) {
      std::string_view w = doc_.TokenText(t);
      if (!w.empty() && ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) ++words;
      prose_state_ = w.size() >= 4 && w[0] >= 'a' && w[0] <= 'z';
    }
    if (words < 4) prose_state_ = 1;
  }
  return prose_state_ == 1;
}

// Capitalised words that look like part of a person's name: an upper-case first letter,
// some lower case, no digits or periods ("Peterson", "Sung-kweun"), not a weekday, month,
// function word or honorific, and no actor phrase of its own except a person's name.
bool SentenceMatcher::NameLike(uint32_t t) {
  static const std::unordered_set<std::string_view> kNotNames = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "jan", "feb", "mar", "apr",
      "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "the", "a", "an", "and",
      "or", "but", "of", "in", "on", "at", "for", "to", "with", "by", "from", "as", "it",
      "is", "was", "has", "had", "will", "would", "this", "that", "its", "their", "his", "her",
      "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "secretary", "chairman",
      "chairwoman", "chair", "marshal", "comrade", "general", "admiral", "colonel", "sheikh",
      "director", "commissioner", "deputy", "vice", "acting", "former", "new", "then", "said",
      "says", "told", "after", "before", "when", "while", "if", "both", "meanwhile"};
  if (t < sentence_.first_token || t >= sentence_.end_token) return false;
  std::string_view w = doc_.TokenText(t);
  if (w.size() < 2 || w[0] < 'A' || w[0] > 'Z') return false;
  std::string lower;
  bool has_lower = false;
  for (char c : w) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c >= 'a' && c <= 'z') has_lower = true;
    else if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '\'' || u >= 0x80)) return false;
    lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  if (!has_lower || kNotNames.count(lower)) return false;
  if (!atom_at_built_) BuildAtomAt();
  int32_t k = atom_at_[t - sentence_.first_token];
  if (k < 0) return true;
  const Atom& a = atoms_[k];
  for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
    if (!IsPersonType(index_.entries_[valid_[x]].type)) return false;
  return true;
}

namespace {

// Head nouns that end the name of a public body ("Law Society", "Human Rights Commission",
// "Bar Association").
bool BodyHeadNoun(std::string_view lower) {
  static const std::unordered_set<std::string_view> kHeads = {
      "society", "commission", "council", "congress", "association", "union", "movement", "party",
      "front", "league", "federation", "confederation", "institute", "foundation", "committee",
      "network", "forum", "alliance", "organisation", "organization", "coalition", "chamber", "centre",
      "center", "trust", "watch"};
  return kHeads.count(lower) > 0;
}

// BodyHeadNoun, and the head nouns of agencies, newspapers and companies ("Daily Times", "Kenya
// Airways"), which name a state's firm rather than one of its bodies.
bool BodyOrFirmHeadNoun(std::string_view lower) {
  static const std::unordered_set<std::string_view> kFirmHeads = {
      "authority", "daily", "times", "herald", "tribune", "observatory", "initiative", "airways",
      "airlines", "bank", "corporation", "company", "agency", "board", "bureau"};
  return BodyHeadNoun(lower) || kFirmHeads.count(lower) > 0;
}

}  // namespace

uint32_t SentenceMatcher::BodyNameEnd(uint32_t t) {
  uint32_t e = t;
  while (e < sentence_.end_token && e - t < 4 && NameLike(e)) ++e;
  return e > t && BodyHeadNoun(LowerToken(e - 1)) ? e : t;
}

// At the start of the sentence, where every word is capitalised, the word before counts only
// when it is a given name of someone in people/*.txt ("Michael Jordan said").
std::optional<uint32_t> SentenceMatcher::NameNeighbour(const Atom& a) {
  if (!Prose()) return std::nullopt;
  // (Not a body's name after it: "the Kenya Human Rights Commission" is Kenya's.)
  if (!a.possessive && NameLike(a.end_token) && !OpensOrganisationName(a.end_token)) return a.end_token;
  if (a.first_token > sentence_.first_token + 1 && NameLike(a.first_token - 1)) return a.first_token - 1;
  if (a.first_token == sentence_.first_token + 1 && NameLike(sentence_.first_token)) {
    if (index_.given_names_.count(LowerToken(sentence_.first_token))) return sentence_.first_token;
  }
  return std::nullopt;
}

// True when token `t` opens a run of capitalised words (up to six; "of", "for", "on", "and"
// between them) that ends an organisation's name with a noun of a body ("Kenya Human Rights
// Commission", "Jordan Bar Association", "Israel Democracy Institute"): a state name before it
// names the body's state, not a person.
bool SentenceMatcher::OpensOrganisationName(uint32_t t) {
  for (uint32_t j = t; j < sentence_.end_token && j < t + 6; ++j) {
    std::string_view w = doc_.TokenText(j);
    const std::string lower = LowerToken(j);
    if (j > t && (lower == "of" || lower == "for" || lower == "on" || lower == "and")) continue;
    if (w.empty() || w[0] < 'A' || w[0] > 'Z') return false;
    if (BodyOrFirmHeadNoun(lower)) return true;
  }
  return false;
}

// A state name that is also a personal name ("Jordan", "Chad": person_name in states.txt)
// next to a name-like word is read as part of a person's name: "Jordan Peterson", "Georgia
// Meloni", "basketball's Michael Jordan". A title or agent noun next to it keeps the state
// ("Georgia President Salome Zourabichvili"), and so does a body's name after it ("the Kenya Law
// Society": BodyNameEnd); so do weekdays, months and function words
// ("Jordan Tuesday said"). Any state or capital inside a person's name the entity tagger finds
// ("Paris Hilton") is dropped later, by the coder (DropStatesInPersonNames, coder/coder.cc).
void SentenceMatcher::DropPersonNamedStates() {
  auto person_named = [&](const Atom& a) {
    bool has = false;
    for (uint32_t x = a.entries_begin; x < a.entries_end; ++x) {
      if (!index_.entries_[valid_[x]].person_name) return false;
      has = true;
    }
    return has;
  };
  bool any = false;
  for (const Atom& a : atoms_) any = any || person_named(a);
  if (!any) return;
  std::vector<Atom> kept;
  kept.reserve(atoms_.size());
  for (const Atom& a : atoms_) {
    if (person_named(a)) {
      if (std::optional<uint32_t> w = NameNeighbour(a)) {
        if (notes_)
          notes_->push_back(Quote(AtomText(a)) + " next to the capitalised word " + Quote(doc_.TokenText(*w)) +
                            ": part of a person's name, not the state (person_name)");
        continue;
      }
    }
    kept.push_back(a);
  }
  atoms_.swap(kept);
  atom_at_built_ = false;
}

// "Nigeria Labour Congress", "Trades Union Congress": in prose, an organisation's one-word name
// that is an institution noun, right after a capitalised name-like word (NameLike) that does
// not open the sentence, ends an unknown body's name; the organisation is dropped.
void SentenceMatcher::DropNameTailBodies() {
  static const std::unordered_set<std::string_view> kNouns = {"congress", "parliament", "assembly", "council",
                                                              "senate"};
  auto tail = [&](const Atom& a) {
    if (a.end_token != a.first_token + 1 || a.first_token <= sentence_.first_token + 1) return false;
    if (a.entries_end == a.entries_begin || !kNouns.count(LowerToken(a.first_token))) return false;
    for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
      if (!IsOrgType(index_.entries_[valid_[x]].type)) return false;
    return true;
  };
  bool any = false;
  for (const Atom& a : atoms_) any = any || tail(a);
  if (!any || !Prose()) return;
  std::vector<Atom> kept;
  kept.reserve(atoms_.size());
  for (const Atom& a : atoms_) {
    if (tail(a) && NameLike(a.first_token - 1)) {
      if (notes_)
        notes_->push_back(Quote(AtomText(a)) + " after the capitalised word " + Quote(doc_.TokenText(a.first_token - 1)) +
                          ": the end of an unknown body's name");
      continue;
    }
    kept.push_back(a);
  }
  atoms_.swap(kept);
  atom_at_built_ = false;
}

// "ethnic Albanian guerrillas": the adjective after "ethnic" names a people; the agent after
// it stands alone (its country from context), so the adjective is dropped.
void SentenceMatcher::DropEthnicAdjectives() {
  std::vector<Atom> kept;
  kept.reserve(atoms_.size());
  for (size_t k = 0; k < atoms_.size(); ++k) {
    const Atom& a = atoms_[k];
    if (k + 1 < atoms_.size() && atoms_[k + 1].first_token == a.after && AgentEntry(atoms_[k + 1]) &&
        FindEntry(a, [](EntryType t) { return t == EntryType::kAdjective; }) && AfterEthnic(a)) {
      if (notes_) notes_->push_back(Quote(AtomText(a)) + " after 'ethnic': a people, not the state");
      continue;
    }
    kept.push_back(a);
  }
  if (kept.size() != atoms_.size()) {
    atoms_.swap(kept);
    atom_at_built_ = false;
  }
}

// "ethnic Albanians" are a people, not citizens of Albania (the country comes from context).
bool SentenceMatcher::AfterEthnic(const Atom& a) const {
  if (a.first_token <= sentence_.first_token) return false;
  return LowerToken(a.first_token - 1) == "ethnic";
}

// A bare "Congo"/"Congolese" may be the Republic (BareCongoIsRepublic).
std::string SentenceMatcher::StateCode(const Entry* e, const Atom& a, std::vector<std::string>* why) const {
  const std::string& code = index_.states_[e->owner].code;
  if (code != "COD" || !index_.state_index_.count("COG")) return code;
  std::string w = AtomText(a);
  for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (w.rfind("congo", 0) != 0 || w.rfind("congo-", 0) == 0) return code;
  std::string reason;
  const bool republic = BareCongoIsRepublic(doc_, ctx_, date_, has_date_, &reason);
  if (why) why->push_back(Quote(AtomText(a)) + " -> " + (republic ? "COG: " : "COD: ") + reason);
  return republic ? "COG" : code;
}

bool SentenceMatcher::OrgSeen(uint32_t org) const {
  return ctx_ && std::find(ctx_->orgs_seen.begin(), ctx_->orgs_seen.end(), index_.orgs_[org].id) != ctx_->orgs_seen.end();
}

void SentenceMatcher::NoteOrg(const Entry* e) {
  if (!ctx_ || !e || e->org_short || OrgSeen(e->owner)) return;
  ctx_->orgs_seen.push_back(index_.orgs_[e->owner].id);
}

void SentenceMatcher::NoteState(const std::string& c) {
  if (!ctx_ || c.empty() || !index_.state_index_.count(c)) return;
  for (auto& [sc, n] : ctx_->states_seen)
    if (sc == c) {
      ++n;
      return;
    }
  ctx_->states_seen.emplace_back(c, 1);
}

}  // namespace entente::actors::internal
