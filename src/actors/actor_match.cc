// Finding actor mentions in a sentence and composing them (ActorIndexImpl::FindImpl, behind
// ActorIndex::Find and Resolve). Reads the immutable index built by actor_index.cc; updates
// only the caller's DocContext (people_seen, states_seen).
//
// Finding. The tokens of a sentence are folded once into a vector of parts (with their
// token and source bytes). From each token start the trie is walked as far as it goes; the
// longest match that ends at a token end (or before a possessive "'s" / "'" inside a token, or
// before "-led", read as a possessive: "Vietnamese-led forces" are Vietnam's)
// and has an entry valid in context (case rule, historical interval) is an atom; matching
// resumes after it. A state name that is also a personal name (person_name) next to a
// capitalised name-like word is dropped ("Jordan Peterson"). Atoms are then composed left to
// right by the grammar
//     [former] [prefix] [former] [agent noun | title]* [person | organisation]
// where the prefix is a country (a state adjective; a state name, capital or metonym followed
// by a possessive; a metonym before an agent or person: "Kremlin officials"), a region
// adjective ("Latin American leaders": no country, the CAMEO region code), or an organisation
// before an agent or person ("NATO Secretary-General"); only adjacent atoms compose, except
// that a modifier word ("new", "peacekeeping") or an unknown capitalised qualifier ("Turkish
// Kurd refugees") may stand between a first atom and an agent noun. A region
// alone is taken but makes no mention (so "American" inside "Latin American" is not the USA).
// A group is resolved as of the document date: a person by the role they hold on that date
// (preferring the role the title names; where the title disagrees, the role wins), a title
// without a person by the holder of (country or organisation, post) on that date, "former" /
// "ex-" by sector ELI. A role in an organisation (its id in the role's country column) gives
// the organisation's code. An organisation with `national` after a country prefix is that
// country's body ("Russia's Security Council" -> RUSGOV). Dictionary actors and agents (--dict)
// take part as described in actor_dictionary.cc; dated roles are chosen by actor_roles.cc.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/actor_index_internal.h"
#include "actors/fold.h"

namespace entente::actors::internal {

std::vector<ActorMention> ActorIndexImpl::FindImpl(const Document& doc, const Sentence& sentence,
                                                   DocContext* ctx,
                                                   std::vector<std::vector<std::string>>* explain,
                                                   std::vector<std::string>* notes) const {
  std::vector<ActorMention> out;
  if (sentence.end_token <= sentence.first_token || sentence.end_token > doc.tokens.size()) return out;
  const bool has_date = ctx && ctx->date.has_value();
  const Date date = has_date ? *ctx->date : Date{9999, 12, 31};  // unknown: open roles are current
  const std::string date_text = has_date ? date.ToString() : std::string("(no date: roles still open)");

  // 1. Fold the sentence into parts.
  std::vector<Part> parts;
  std::vector<uint32_t> token_first_part;  // per sentence token
  parts.reserve(sentence.size() * 2);
  token_first_part.reserve(sentence.size() + 1);
  std::string scratch;
  scratch.reserve(64);
  for (uint32_t t = sentence.first_token; t < sentence.end_token; ++t) {
    token_first_part.push_back(static_cast<uint32_t>(parts.size()));
    const Token& tok = doc.tokens[t];
    size_t before = parts.size();
    FoldParts(doc.TokenText(t), scratch, [&](std::string_view f, uint32_t b, uint32_t e) {
      parts.push_back(Part{PartId(f), t, tok.span.begin + b, tok.span.begin + e, false});
    });
    if (parts.size() == before) parts.push_back(Part{kNone, t, tok.span.begin, tok.span.end, false});
    parts.back().token_end = true;
  }
  token_first_part.push_back(static_cast<uint32_t>(parts.size()));
  const uint32_t apos = PartId("'"), s_part = PartId("s"), led_part = PartId("led");
  auto tok_parts = [&](uint32_t t) {
    uint32_t i = t - sentence.first_token;
    return std::pair<uint32_t, uint32_t>(token_first_part[i], token_first_part[i + 1]);
  };
  // True when parts [b, e) are a possessive: "'" "s" or "'" (the latter only after a part
  // ending in "s": "States'").
  auto is_possessive = [&](uint32_t b, uint32_t e, uint32_t prev_part) {
    if (e - b == 2) return parts[b].id == apos && apos != kNone && parts[b + 1].id == s_part && s_part != kNone;
    if (e - b == 1 && parts[b].id == apos && apos != kNone) {
      const Part& p = parts[prev_part];
      return p.end > p.begin && (doc.text[p.end - 1] == 's' || doc.text[p.end - 1] == 'S');
    }
    return false;
  };
  auto has_lower = [&](uint32_t pb, uint32_t pe) {
    for (uint32_t i = pb; i < pe; ++i)
      for (uint32_t k = parts[i].begin; k < parts[i].end; ++k)
        if (doc.text[k] >= 'a' && doc.text[k] <= 'z') return true;
    return false;
  };

  // 2. Longest-match atoms.
  std::vector<Atom> atoms;
  std::vector<uint32_t> valid;  // entry ids of atoms
  for (uint32_t t = sentence.first_token; t < sentence.end_token;) {
    auto [pb, pe_tok] = tok_parts(t);
    uint32_t node = 0;
    uint32_t best_node = kNone, best_last = 0;
    const char first_byte = doc.text[parts[pb].begin];
    const bool starts_lower = first_byte >= 'a' && first_byte <= 'z';
    bool best_poss_in_token = false;
    for (uint32_t q = pb; q < parts.size(); ++q) {
      node = Child(node, parts[q].id);
      if (node == kNone) break;
      if (node_entries_[node].empty()) continue;
      bool poss_in_token = false;
      if (!parts[q].token_end) {
        // May end only before an in-token possessive.
        // "Vietnamese-led forces", "US-led coalition": the leading state, read like "Vietnam's".
        uint32_t te = tok_parts(parts[q].token).second;
        bool led = te == q + 2 && led_part != kNone && parts[q + 1].id == led_part;
        if (!led && !is_possessive(q + 1, te, q)) continue;
        poss_in_token = true;
      }
      // Any entry valid here?
      bool any = false;
      bool lower_known = false, lower = false;
      for (uint32_t e : node_entries_[node]) {
        const Entry& en = entries_[e];
        if (en.dated && has_date && !en.interval.Contains(date)) continue;
        if (en.capitalized && starts_lower) continue;
        if (en.upper_only) {
          if (!lower_known) lower = has_lower(pb, q + 1), lower_known = true;
          if (lower) continue;
        }
        any = true;
        break;
      }
      if (!any) continue;
      best_node = node;
      best_last = q;
      best_poss_in_token = poss_in_token;
    }
    if (best_node == kNone) {
      // "the North" / "the South" in a Korean context (North Korea named earlier; for "the
      // South" South Korea too), not before another capitalised word ("the North Atlantic").
      uint32_t ctx_entry = kNone;
      if (ctx && north_entry_ != kNone && south_entry_ != kNone && t > sentence.first_token &&
          (first_byte == 'N' || first_byte == 'S') && ctx->Seen("PRK") > 0) {
        std::string_view prev = doc.TokenText(t - 1);
        const uint32_t id = parts[pb].id;
        if ((prev == "the" || prev == "The") && id != kNone) {
          if (id == PartId("north")) ctx_entry = north_entry_;
          else if (id == PartId("south") && ctx->Seen("KOR") > 0) ctx_entry = south_entry_;
        }
        if (ctx_entry != kNone && pe_tok - pb > 1 && !is_possessive(pb + 1, pe_tok, pb)) ctx_entry = kNone;
        if (ctx_entry != kNone && pe_tok - pb == 1 && t + 1 < sentence.end_token) {
          std::string_view next = doc.TokenText(t + 1);
          if (!next.empty() && next[0] >= 'A' && next[0] <= 'Z') ctx_entry = kNone;
        }
      }
      if (ctx_entry == kNone) {
        ++t;
        continue;
      }
      Atom a;
      a.first_token = t;
      a.end_token = a.after = t + 1;
      a.possessive = pe_tok - pb > 1;
      if (!a.possessive && t + 1 < sentence.end_token) {
        auto [nb, ne] = tok_parts(t + 1);
        if (is_possessive(nb, ne, pb)) {
          a.possessive = true;
          a.after = t + 2;
        }
      }
      a.entries_begin = static_cast<uint32_t>(valid.size());
      valid.push_back(ctx_entry);
      a.entries_end = static_cast<uint32_t>(valid.size());
      atoms.push_back(a);
      t = a.end_token;
      continue;
    }
    Atom a;
    a.first_token = t;
    a.end_token = parts[best_last].token + 1;
    a.after = a.end_token;
    a.possessive = best_poss_in_token;
    if (!a.possessive && a.end_token < sentence.end_token) {
      auto [nb, ne] = tok_parts(a.end_token);
      if (is_possessive(nb, ne, best_last)) {
        a.possessive = true;
        a.after = a.end_token + 1;
      }
    }
    a.entries_begin = static_cast<uint32_t>(valid.size());
    bool lower = has_lower(pb, best_last + 1);
    for (uint32_t e : node_entries_[best_node]) {
      const Entry& en = entries_[e];
      if (en.dated && has_date && !en.interval.Contains(date)) continue;
      if (en.capitalized && starts_lower) continue;
      if (en.upper_only && lower) continue;
      valid.push_back(e);
    }
    a.entries_end = static_cast<uint32_t>(valid.size());
    atoms.push_back(a);
    t = a.end_token;  // a separate possessive token is left to the composer
  }

  auto atom_text = [&](const Atom& a) {
    return std::string(doc.text.substr(doc.tokens[a.first_token].span.begin,
                                       doc.tokens[a.end_token - 1].span.end - doc.tokens[a.first_token].span.begin));
  };

  // Capitalised words that look like part of a person's name: an upper-case first letter,
  // some lower case, no digits or periods ("Peterson", "Sung-kweun"), not a weekday, month,
  // function word or honorific, and no actor phrase of its own except a person's name.
  // Only in prose: not in a title-case line (a headline of four words or more, none of them a
  // lower-case word of four letters or more), where every word is capitalised.
  std::vector<int32_t> atom_at;  // sentence token -> atom covering it, -1 when none (built lazily)
  bool atom_at_built = false;
  auto build_atom_at = [&] {
    atom_at_built = true;
    atom_at.assign(sentence.size(), -1);
    for (size_t k = 0; k < atoms.size(); ++k)
      for (uint32_t t = atoms[k].first_token; t < atoms[k].end_token; ++t)
        atom_at[t - sentence.first_token] = static_cast<int32_t>(k);
  };
  int prose_state = -1;
  auto prose = [&] {
    if (prose_state < 0) {
      prose_state = 0;
      int words = 0;
      for (uint32_t t = sentence.first_token; t < sentence.end_token && !prose_state; ++t) {
        std::string_view w = doc.TokenText(t);
        if (!w.empty() && ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) ++words;
        prose_state = w.size() >= 4 && w[0] >= 'a' && w[0] <= 'z';
      }
      if (words < 4) prose_state = 1;
    }
    return prose_state == 1;
  };
  auto name_like = [&](uint32_t t) {
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
    if (t < sentence.first_token || t >= sentence.end_token) return false;
    std::string_view w = doc.TokenText(t);
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
    if (!atom_at_built) build_atom_at();
    int32_t k = atom_at[t - sentence.first_token];
    if (k < 0) return true;
    const Atom& a = atoms[k];
    for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
      if (!IsPersonType(entries_[valid[x]].type)) return false;
    return true;
  };
  // The capitalised name-like word right after atom `a` or right before it, or nullopt. At the
  // start of the sentence, where every word is capitalised, the word before counts only when it
  // is a given name of someone in people/*.txt ("Michael Jordan said").
  auto name_neighbour = [&](const Atom& a) -> std::optional<uint32_t> {
    if (!prose()) return std::nullopt;
    if (!a.possessive && name_like(a.end_token)) return a.end_token;
    if (a.first_token > sentence.first_token + 1 && name_like(a.first_token - 1)) return a.first_token - 1;
    if (a.first_token == sentence.first_token + 1 && name_like(sentence.first_token)) {
      std::string w(doc.TokenText(sentence.first_token));
      for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (given_names_.count(w)) return sentence.first_token;
    }
    return std::nullopt;
  };

  // 2b. A state name that is also a personal name ("Jordan", "Chad": person_name in states.txt)
  // next to a name-like word is read as part of a person's name: "Jordan Peterson", "Georgia
  // Meloni", "basketball's Michael Jordan". A title or agent noun next to it keeps the state
  // ("Georgia President Salome Zourabichvili"); so do weekdays, months and function words
  // ("Jordan Tuesday said").
  {
    auto person_named = [&](const Atom& a) {
      bool has = false;
      for (uint32_t x = a.entries_begin; x < a.entries_end; ++x) {
        if (!entries_[valid[x]].person_name) return false;
        has = true;
      }
      return has;
    };
    bool any = false;
    for (const Atom& a : atoms) any = any || person_named(a);
    if (any) {
      std::vector<Atom> kept;
      kept.reserve(atoms.size());
      for (const Atom& a : atoms) {
        if (person_named(a)) {
          if (std::optional<uint32_t> w = name_neighbour(a)) {
            if (notes)
              notes->push_back(Quote(atom_text(a)) + " next to the capitalised word " + Quote(doc.TokenText(*w)) +
                               ": part of a person's name, not the state (person_name)");
            continue;
          }
        }
        kept.push_back(a);
      }
      atoms.swap(kept);
      atom_at_built = false;
    }
  }

  // Helpers over an atom's entries.
  auto find_entry = [&](const Atom& a, auto pred) -> const Entry* {
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
      if (pred(entries_[valid[i]].type)) return &entries_[valid[i]];
    return nullptr;
  };
  auto is_former = [&](const Atom& a) { return find_entry(a, [](EntryType t) { return t == EntryType::kFormer; }) != nullptr; };
  auto agent_entry = [&](const Atom& a) { return find_entry(a, IsAgentType); };
  auto org_entry = [&](const Atom& a) { return find_entry(a, IsOrgType); };
  auto person_entry = [&](const Atom& a) { return find_entry(a, IsPersonType); };
  auto dict_entry = [&](const Atom& a) { return find_entry(a, [](EntryType t) { return t == EntryType::kDictActor; }); };
  // A dictionary actor's code on the date; "" for the null code or none.
  auto dict_code = [&](const Entry* e) -> std::string {
    const DictActorCode* c = DictCodeOn(dict_actors_[e->owner], date);
    return c && c->code != "---" ? c->code : std::string();
  };
  // True when the word before atom `a` is "ethnic": "ethnic Albanians" are a people, not
  // citizens of Albania (the country comes from context).
  auto after_ethnic = [&](const Atom& a) {
    if (a.first_token <= sentence.first_token) return false;
    std::string w(doc.TokenText(a.first_token - 1));
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return w == "ethnic";
  };
  // The state an atom names as a prefix of the next atom `n`: an adjective ("Russian officials"),
  // a possessive state name, capital or metonym ("Russia's Lavrov", "the Kremlin's envoy"),
  // a metonym before an agent noun, title or person ("Kremlin officials"), or a state name or
  // capital used as a modifier before an agent noun or title ("the Mozambique government",
  // "Pakistan President Zia", "Russia troops", "Khartoum government").
  auto prefix_entry = [&](const Atom& a, const Atom* n) -> const Entry* {
    if (!n) return nullptr;
    const bool n_agent = agent_entry(*n) != nullptr, n_person = person_entry(*n) != nullptr;
    const bool n_any = n_agent || n_person || org_entry(*n) || is_former(*n) || dict_entry(*n);
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kAdjective; }))
      return n_any && !after_ethnic(a) ? e : nullptr;
    if (a.possessive) {
      if (const Entry* e = find_entry(a, [](EntryType t) {
            return IsStateNameType(t) || t == EntryType::kCapital || t == EntryType::kMetonym;
          }))
        return n_any ? e : nullptr;
    }
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kMetonym; }))
      return n_agent || n_person ? e : nullptr;
    if (n_agent && !is_former(*n))
      if (const Entry* e = find_entry(a, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kCapital; }))
        return e;
    // A gazetteer region or city before an agent noun or title, or with a possessive, is its
    // state ("Darfur rebels" -> SDN REB, "Sindh province government" -> PAK GOV).
    if ((n_agent && !is_former(*n)) || (a.possessive && n_any))
      if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kPlace; })) return e;
    return nullptr;
  };
  // A modifier word between a country or organisation and an agent noun or title is passed
  // over ("Lebanon's new President", "Iran's religious leader", "NATO peacekeeping troops"):
  // the first token after `t` when token `t` is such a word, else `t`.
  auto skip_modifier = [&](uint32_t t) -> uint32_t {
    static const std::unordered_set<std::string_view> kModifiers = {
        "new", "newly", "interim", "religious", "spiritual", "top", "senior", "caretaker",
        "transitional", "outgoing", "incoming", "elected", "peacekeeping", "federal",
        "provincial", "regional", "local", "central", "chief", "visiting", "besieged", "embattled",
        "province", "state", "region", "city", "municipal", "foreign"};
    if (t + 1 >= sentence.end_token) return t;
    std::string w(doc.TokenText(t));
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return kModifiers.count(w) ? t + 1 : t;
  };

  // Chooses the person an atom names, or kNone. Full names and aliases first; a short name
  // only if seen in full earlier in the document, or if exactly one candidate holds a role on
  // the date (the prefix country or organisation and the title post break ties among role
  // holders); after "former"/"ex-", if exactly one candidate held such a role before the date.
  auto pick_person = [&](const Atom& a, std::string_view key, std::string_view post, bool former,
                         bool* by_short, std::string* why) -> uint32_t {
    *by_short = false;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
      return e->owner;
    std::vector<uint32_t> cands;
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
      if (entries_[valid[i]].type == EntryType::kPersonShort) cands.push_back(entries_[valid[i]].owner);
    if (cands.empty()) return kNone;
    *by_short = true;
    if (std::optional<uint32_t> w = name_neighbour(a)) {
      // "Lee Sung-kweun", "Hunter Biden": the name goes on; it is someone else.
      if (notes)
        notes->push_back(Quote(atom_text(a)) + " next to the capitalised word " + Quote(doc.TokenText(*w)) +
                         ": another person's name, the short name is not used");
      return kNone;
    }
    if (a.end_token < sentence.end_token) {
      // "the Kim family", "the Kim dynasty": the family, not one of its members.
      static const std::unordered_set<std::string_view> kFamily = {"family", "families", "dynasty", "clan", "era", "regime"};
      if (kFamily.count(doc.TokenText(a.end_token))) {
        if (notes) notes->push_back(Quote(atom_text(a)) + " before " + Quote(doc.TokenText(a.end_token)) + ": the family, not a person");
        return kNone;
      }
    }
    if (a.end_token == a.first_token + 1) {
      // A short name that is also a month ("May"): a date, when a number follows or a
      // preposition of time comes before ("SEOUL, May 4", "by May", "in late May").
      static const std::unordered_set<std::string_view> kMonths = {
          "january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"};
      static const std::unordered_set<std::string_view> kTimeWords = {
          "in", "on", "since", "by", "until", "till", "from", "through", "early", "late", "mid",
          "last", "next", "this", "of", "before", "after", "between", "during", "to"};
      auto lower = [&](uint32_t t) {
        std::string w(doc.TokenText(t));
        for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return w;
      };
      if (kMonths.count(lower(a.first_token))) {
        const bool digit_after = a.end_token < sentence.end_token && !doc.TokenText(a.end_token).empty() &&
                                 doc.TokenText(a.end_token)[0] >= '0' && doc.TokenText(a.end_token)[0] <= '9';
        const bool time_before = a.first_token > sentence.first_token && kTimeWords.count(lower(a.first_token - 1));
        if (digit_after || time_before) {
          if (notes) notes->push_back(Quote(atom_text(a)) + ": the month, not a person");
          return kNone;
        }
      }
    }
    // Of the candidates named in full earlier, the last named who holds a role on the date
    // ("Kim" in 2000 after "Kim Il Sung" and "Kim Jong Il": Kim Jong Il); failing that the only
    // candidate holding a role (below); failing that the last named.
    uint32_t last_seen = kNone;
    if (ctx) {
      for (auto it = ctx->people_seen.rbegin(); it != ctx->people_seen.rend(); ++it) {
        auto pi = person_index_.find(*it);
        if (pi == person_index_.end()) continue;
        if (std::find(cands.begin(), cands.end(), pi->second) == cands.end()) continue;
        if (RoleOn(people_[pi->second], date, "", "")) {
          *why = "short name: " + people_[pi->second].name + " named in full earlier in the document, holding a role on " + date_text;
          return pi->second;
        }
        if (last_seen == kNone) last_seen = pi->second;
      }
    }
    std::vector<uint32_t> holding;
    for (uint32_t c : cands)
      if (RoleOn(people_[c], date, "", "")) holding.push_back(c);
    if (holding.size() > 1 && (!key.empty() || !post.empty())) {
      std::vector<uint32_t> narrowed;
      for (uint32_t c : holding) {
        const Role* r = RoleOn(people_[c], date, post, key);
        if ((key.empty() || r->country == key) && (post.empty() || r->post == post)) narrowed.push_back(c);
      }
      holding.swap(narrowed);
    }
    if (holding.size() == 1) {
      *why = "short name: the only person so called holding a role on " + date_text;
      return holding[0];
    }
    if (last_seen != kNone) {
      *why = "short name: " + people_[last_seen].name + " named in full earlier in the document";
      return last_seen;
    }
    if (former && holding.empty()) {
      std::vector<uint32_t> held;
      for (uint32_t c : cands) {
        bool ok = false;
        for (const Role& r : people_[c].roles)
          if (r.interval.EndsBefore(date) && (key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
        if (ok) held.push_back(c);
      }
      if (held.size() == 1) {
        *why = "short name after 'former'/'ex-': the only person so called who held such a role before " + date_text;
        return held[0];
      }
    }
    if (!has_date) {
      // Undated text ("President Mugabe" with no article date): the only person so called who
      // ever held such a role (the title's post and the prefix's country, when given).
      std::vector<uint32_t> held;
      for (uint32_t c : cands) {
        bool ok = false;
        for (const Role& r : people_[c].roles)
          if ((key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
        if (ok) held.push_back(c);
      }
      if (held.size() == 1) {
        *why = "short name without a date: the only person so called who held such a role";
        return held[0];
      }
    }
    return kNone;
  };

  // Records a state the words name in ctx->states_seen.
  auto note_state = [&](const std::string& c) {
    if (!ctx || c.empty() || !state_index_.count(c)) return;
    for (auto& [sc, n] : ctx->states_seen)
      if (sc == c) {
        ++n;
        return;
      }
    ctx->states_seen.emplace_back(c, 1);
  };

  // "ethnic Albanian guerrillas": the adjective after "ethnic" names a people; the agent after
  // it stands alone (its country from context), so the adjective is dropped.
  {
    std::vector<Atom> kept;
    kept.reserve(atoms.size());
    for (size_t k = 0; k < atoms.size(); ++k) {
      const Atom& a = atoms[k];
      if (k + 1 < atoms.size() && atoms[k + 1].first_token == a.after && agent_entry(atoms[k + 1]) &&
          find_entry(a, [](EntryType t) { return t == EntryType::kAdjective; }) && after_ethnic(a)) {
        if (notes) notes->push_back(Quote(atom_text(a)) + " after 'ethnic': a people, not the state");
        continue;
      }
      kept.push_back(a);
    }
    if (kept.size() != atoms.size()) {
      atoms.swap(kept);
      atom_at_built = false;
    }
  }

  // The state code of `e` as atom `a` names it: a bare "Congo"/"Congolese" may be the Republic
  // (BareCongoIsRepublic); `why` (may be null) gets the reason.
  auto state_code = [&](const Entry* e, const Atom& a, std::vector<std::string>* why) -> std::string {
    const std::string& code = states_[e->owner].code;
    if (code != "COD" || !state_index_.count("COG")) return code;
    std::string w = atom_text(a);
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (w.rfind("congo", 0) != 0 || w.rfind("congo-", 0) == 0) return code;
    std::string reason;
    const bool republic = BareCongoIsRepublic(doc, ctx, date, has_date, &reason);
    if (why) why->push_back(Quote(atom_text(a)) + " -> " + (republic ? "COG: " : "COD: ") + reason);
    return republic ? "COG" : code;
  };

  // A leader's surname before an agent noun when nobody so called holds a role on the date
  // ("the Bush administration" in 2000): the state of the people so called, when all of them
  // (by HomeCountry) share one; as that state's name entry. Null otherwise, and for full names.
  auto surname_state = [&](const Atom& a, std::string* why) -> const Entry* {
    if (find_entry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
      return nullptr;
    std::string country;
    bool any = false;
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i) {
      const Entry& e = entries_[valid[i]];
      if (e.type != EntryType::kPersonShort) continue;
      const PersonRec& p = people_[e.owner];
      if (RoleOn(p, date, "", "")) return nullptr;  // someone holds a role: the person rules decide
      std::string c = HomeCountry(p, date);
      if (c.empty() || !state_index_.count(c) || (any && c != country)) return nullptr;
      country = c;
      any = true;
    }
    if (!any) return nullptr;
    const uint32_t idx = state_index_.at(country);
    for (uint32_t k = 0; k < entries_.size(); ++k)
      if (entries_[k].type == EntryType::kStateName && entries_[k].owner == idx) {
        *why = Quote(atom_text(a)) + ": nobody so called holds a role on " + date_text +
               "; every person so called belongs to " + country + ": that state";
        return &entries_[k];
      }
    return nullptr;
  };

  // 3. Compose adjacent atoms into mentions.
  auto lone_entry = [&](const Atom& a) -> const Entry* {
    // A lone atom: prefer a state name, capital, metonym, adjective/demonym, organisation.
    if (const Entry* e = find_entry(a, IsStateNameType)) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kCapital; })) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kMetonym; })) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kAdjective || t == EntryType::kDemonym; })) return e;
    return nullptr;
  };
  for (size_t i = 0; i < atoms.size();) {
    size_t j = i;
    bool former = false;
    size_t former_atom = SIZE_MAX;
    const Entry* prefix = nullptr;  // a state (adjective, possessive, metonym)
    size_t prefix_atom = SIZE_MAX;
    const Entry* region = nullptr;  // a region adjective ("Latin American leaders")
    size_t region_atom = SIZE_MAX;
    const Entry* org_prefix = nullptr;  // an organisation before an agent or person ("NATO chief")
    size_t org_prefix_atom = SIZE_MAX;
    std::vector<std::pair<size_t, const Entry*>> agents;
    size_t person_atom = SIZE_MAX, org_atom = SIZE_MAX;
    uint32_t person = kNone;
    bool person_by_short = false;
    std::string short_why, surname_why;
    const Entry* org = nullptr;
    const Entry* lone = nullptr;
    bool region_alone = false;
    const Entry* org_modifier = nullptr;
    size_t org_modifier_atom = SIZE_MAX;
    const Entry* dict_prefix = nullptr;  // a dictionary actor before an agent ("AFGHAN officials")
    size_t dict_prefix_atom = SIZE_MAX;
    std::string dict_prefix_code;
    const Entry* dict = nullptr;  // a dictionary actor named on its own or after a title/country
    size_t dict_atom = SIZE_MAX;
    uint32_t expect = atoms[i].first_token;  // the next atom must start here
    size_t last = SIZE_MAX;                 // last atom taken
    auto title_post = [&] {
      std::string post;
      for (auto& [k, e] : agents)
        if (!e->post.empty()) post = e->post;
      return post;
    };
    // The key roles are filed under: the prefix state's code or the organisation's id.
    auto role_key = [&] {
      if (prefix) return state_code(prefix, atoms[prefix_atom], nullptr);
      if (org_prefix) return orgs_[org_prefix->owner].id;
      if (dict_prefix && CodeCountry(dict_prefix_code) == dict_prefix_code) return dict_prefix_code;
      return std::string();
    };
    for (; j < atoms.size() && atoms[j].first_token == expect; ++j) {
      const Atom& a = atoms[j];
      const bool more = j + 1 < atoms.size() && atoms[j + 1].first_token == a.after;
      const Atom* n = more ? &atoms[j + 1] : nullptr;
      const Entry* ag = agent_entry(a);
      const bool fresh = !prefix && !region && !org_prefix && !dict_prefix && agents.empty();
      // After a modifier word ("new", "peacekeeping") only an agent noun or title composes.
      uint32_t next_start = a.after;
      if (!n && fresh && !ag && j + 1 < atoms.size()) {
        uint32_t s2 = skip_modifier(a.after);
        // "Turkish Kurd refugees", "Iraqi Shiite militias", "Rwandan Hutu rebels": an unknown
        // capitalised qualifier between a country and its group noun.
        if (s2 == a.after && a.after + 1 < sentence.end_token &&
            (doc.tokens[a.after].flags & Token::kCapitalized) && doc.tokens[a.after].kind == TokenKind::kWord)
          s2 = a.after + 1;
        if (s2 != a.after && atoms[j + 1].first_token == s2 && agent_entry(atoms[j + 1]) && !person_entry(atoms[j + 1])) {
          n = &atoms[j + 1];
          next_start = s2;
        }
      }
      const Entry* re = nullptr;
      if (fresh && n && (agent_entry(*n) || person_entry(*n))) {
        re = find_entry(a, [](EntryType t) { return t == EntryType::kRegionAdjective; });
        if (!re && a.possessive) re = find_entry(a, IsRegionType);
      }
      if (is_former(a) && !former && person == kNone && agents.empty()) {
        former = true;
        former_atom = j;
      } else if (const Entry* pe = fresh ? prefix_entry(a, n) : nullptr) {
        prefix = pe;
        prefix_atom = j;
      } else if (re) {
        region = re;
        region_atom = j;
      } else if (const Entry* oe = fresh && n && !ag && (agent_entry(*n) || person_entry(*n)) && !org_entry(*n)
                                       ? org_entry(a) : nullptr) {
        // "NATO Secretary-General", "Hamas fighters": the organisation's own people.
        org_prefix = oe;
        org_prefix_atom = j;
      } else if (const Entry* de = fresh && n && !ag && agent_entry(*n) ? dict_entry(a) : nullptr;
                 de && !dict_code(de).empty()) {
        // "AFGHAN officials" with AFGHAN a dictionary actor: a prefix, as a country adjective.
        dict_prefix = de;
        dict_prefix_atom = j;
        dict_prefix_code = dict_code(de);
      } else if (ag && (agents.empty() || !person_entry(a)) && !(j == i && !n && lone_entry(a)) &&
                 (!ag->needs_prefix || prefix || region || org_prefix || dict_prefix || !agents.empty())) {
        // (A lone atom that is also a state phrase, e.g. a metonym that doubles as an agent
        // noun, keeps its country: the state reading wins.)
        agents.push_back({j, ag});
        if (ag->former) former = true;
      } else if (const Entry* se = fresh && n && !ag && agent_entry(*n) && !is_former(*n) ? surname_state(a, &surname_why)
                                                                                        : nullptr) {
        // "the Bush administration" on a date when no Bush is in office: the surname's state.
        prefix = se;
        prefix_atom = j;
      } else if (person_entry(a) && !(dict_entry(a) && !find_entry(a, [](EntryType t) {
                   return t == EntryType::kPersonName || t == EntryType::kPersonAlias;
                 }))) {
        // (A short name that is also a dictionary phrase goes to the dictionary actor below.)
        uint32_t p = pick_person(a, role_key(), title_post(), former, &person_by_short, &short_why);
        if (p == kNone) break;
        person = p;
        person_atom = last = j++;
        break;
      } else if (const Entry* oe = org_entry(a); oe && agents.empty() && prefix && n && agent_entry(*n) &&
                                                 orgs_[oe->owner].country.empty() && orgs_[oe->owner].national.empty() &&
                                                 !org_modifier) {
        // "Russia's U.N. envoy": an international organisation between a country and an agent
        // noun qualifies the agent; the country and the agent make the actor.
        org_modifier = oe;
        org_modifier_atom = j;
      } else if (const Entry* oe = org_entry(a); oe && agents.empty() && !org_prefix && !region) {
        org = oe;
        org_atom = last = j++;
        break;
      } else if (j == i && (lone = lone_entry(a))) {
        last = j++;
        break;
      } else if (const Entry* de = dict_entry(a)) {
        // A dictionary actor alone, or after a title, a country or "former".
        dict = de;
        dict_atom = last = j++;
        break;
      } else if (j == i && find_entry(a, IsRegionType)) {
        // A region on its own ("Latin America", "South American currency"): no actor, but the
        // words are taken so that "American" in them is not read as the United States.
        region_alone = true;
        last = j++;
        break;
      } else {
        break;
      }
      last = j;
      expect = (j == prefix_atom || j == org_prefix_atom) ? next_start : a.after;
      if (a.possessive && j != prefix_atom && j != region_atom && j != org_prefix_atom) {
        ++j;
        break;
      }
    }
    if (region_alone) {
      i = j;
      continue;
    }
    size_t first = i;
    // The possessive state before an unknown name: a prefix that nothing followed, or a lone
    // state name ("Slovakia's" when no atom comes next).
    const Entry* poss_state = nullptr;
    size_t poss_atom = SIZE_MAX;
    if (prefix && agents.empty() && person == kNone && org == nullptr && !dict && atoms[prefix_atom].possessive) {
      poss_state = prefix;
      poss_atom = prefix_atom;
    } else if (lone && last == i && !former && atoms[i].possessive && IsStateNameType(lone->type)) {
      poss_state = lone;
      poss_atom = i;
    }
    if (poss_state && poss_state->type != EntryType::kMetonym && prose()) {
      // "Slovakia's Robert Fico" with Fico unknown: two to four capitalised name-like words
      // after a possessive state are a person of that state, of no known sector.
      const Entry* prefix = poss_state;
      const size_t prefix_atom = poss_atom;
      const uint32_t name_begin = atoms[prefix_atom].after;
      uint32_t name_end = name_begin;
      while (name_end < sentence.end_token && name_end - name_begin < 4 && name_like(name_end)) ++name_end;
      if (name_end - name_begin >= 2) {
        ActorMention m;
        m.kind = ActorMention::Kind::kPerson;
        m.first_token = atoms[prefix_atom].first_token;
        m.end_token = name_end;
        m.actor.span = Span{doc.tokens[m.first_token].span.begin, doc.tokens[name_end - 1].span.end};
        m.actor.text = std::string(doc.Text(m.actor.span));
        const Span name_span{doc.tokens[name_begin].span.begin, doc.tokens[name_end - 1].span.end};
        m.actor.name = std::string(doc.Text(name_span));
        m.actor.country = m.actor.code = state_code(prefix, atoms[prefix_atom], nullptr);
        m.entries.push_back(prefix->provenance);
        if (explain) {
          std::vector<std::string> why;
          why.push_back(Quote(atom_text(atoms[prefix_atom])) + " -> " + prefix->provenance);
          why.push_back("compose: possessive country + unknown name " + Quote(m.actor.name) +
                        " (a person of that state, sector unknown) -> " + m.actor.code);
          explain->push_back(std::move(why));
        }
        note_state(m.actor.country);
        out.push_back(std::move(m));
        size_t k = prefix_atom + 1;
        while (k < atoms.size() && atoms[k].first_token < name_end) ++k;
        i = k;
        continue;
      }
    }
    if (prefix && agents.empty() && person == kNone && org == nullptr && !dict) {
      // What followed the prefix could not be taken (an unresolvable short name): the prefix
      // stands alone.
      lone = lone_entry(atoms[prefix_atom]);
      first = last = prefix_atom;
      j = prefix_atom + 1;
      prefix = nullptr;
      former = false;
    }
    if (org_prefix && agents.empty() && person == kNone && !dict) {
      // The same for an organisation: it stands alone.
      org = org_prefix;
      org_atom = first = last = org_prefix_atom;
      j = org_prefix_atom + 1;
      org_prefix = nullptr;
      former = false;
    }
    if (dict_prefix && agents.empty()) {
      // The same for a dictionary actor.
      dict = dict_prefix;
      dict_atom = first = last = dict_prefix_atom;
      j = dict_prefix_atom + 1;
      dict_prefix = nullptr;
      former = false;
    }
    if (region && agents.empty() && person == kNone && !dict) {
      i = region_atom + 1;
      continue;
    }
    if (former && last == former_atom) {
      // "former" with nothing after it.
      i = former_atom + 1;
      continue;
    }
    if (last == SIZE_MAX || (!lone && !prefix && agents.empty() && person == kNone && org == nullptr && !dict)) {
      i = std::max(j, i + 1);
      continue;
    }

    ActorMention m;
    bool from_context = false;  // the country came from the document, not the words
    std::vector<std::string> why;
    const Atom& fa = atoms[first];
    const Atom& la = atoms[last];
    m.first_token = fa.first_token;
    m.end_token = la.end_token;
    m.actor.span = Span{doc.tokens[fa.first_token].span.begin, doc.tokens[la.end_token - 1].span.end};
    m.actor.text = std::string(doc.Text(m.actor.span));
    for (size_t k = first; k <= last; ++k) {
      const Atom& a = atoms[k];
      const Entry* used = nullptr;
      if (k == prefix_atom && prefix) used = prefix;
      else if (k == region_atom && region) used = region;
      else if (k == org_prefix_atom && org_prefix) used = org_prefix;
      else if (k == org_atom) used = org;
      else if (k == org_modifier_atom) used = org_modifier;
      else if (k == dict_atom) used = dict;
      else if (k == dict_prefix_atom && dict_prefix) used = dict_prefix;
      else if (k == former_atom && former) used = find_entry(a, [](EntryType t) { return t == EntryType::kFormer; });
      else if (k == person_atom) {
        for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
          if (entries_[valid[x]].owner == person && IsPersonType(entries_[valid[x]].type) && !used) used = &entries_[valid[x]];
      } else if (lone && k == last) {
        used = lone;
      } else {
        for (auto& [ak, e] : agents)
          if (ak == k) used = e;
      }
      if (!used) continue;
      if (used->type != EntryType::kFormer) m.entries.push_back(used->provenance);
      if (explain) why.push_back(Quote(atom_text(a)) + " -> " + used->provenance);
    }
    if (person_by_short && explain && !short_why.empty()) why.push_back(short_why);
    if (lone) {
      if (IsStateNameType(lone->type) || lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) {
        m.kind = ActorMention::Kind::kState;
        m.actor.country = states_[lone->owner].code;
        m.also_place = IsStateNameType(lone->type);
        m.actor.country = state_code(lone, atoms[last], explain ? &why : nullptr);
        if ((lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) && after_ethnic(atoms[last])) {
          // "ethnic Albanians": civilians of that people, the state from context.
          m.kind = ActorMention::Kind::kAgent;
          m.actor.country.clear();
          m.actor.sector = "CVL";
          m.also_place = false;
          if (explain) why.push_back("'ethnic' + demonym: a people, not the state's citizens: civilians (country from context)");
        }
      } else if (lone->type == EntryType::kCapital) {
        m.kind = ActorMention::Kind::kCapital;
        m.actor.country = states_[lone->owner].code;
        m.actor.sector = "GOV";
        m.also_place = true;
      } else if (lone->type == EntryType::kMetonym) {
        m.kind = ActorMention::Kind::kState;
        m.actor.country = states_[lone->owner].code;
        m.actor.sector = lone->sector;
      }
    }

    const std::string country = prefix ? state_code(prefix, atoms[prefix_atom], explain ? &why : nullptr)
                                : dict_prefix && CodeCountry(dict_prefix_code) == dict_prefix_code ? dict_prefix_code
                                                                                                   : std::string();
    const std::string key = role_key();
    // Where the key names an organisation, a role filed under it is written as the
    // organisation; a state key is the country itself.
    const std::string key_desc = org_prefix ? orgs_[org_prefix->owner].id + " (organisation)" : key;
    std::string rule = surname_why;
    if (person != kNone) {
      const PersonRec& p = people_[person];
      m.kind = ActorMention::Kind::kPerson;
      m.actor.name = p.name;
      std::string post = title_post();
      const Role* now = RoleOn(p, date, post, key);
      const Role* before = LastRoleBefore(p, date);
      if (former) {
        const Role* r = now ? now : before;
        std::string c = r ? (r->org < 0 ? r->country : HomeCountry(p, date)) : (!country.empty() ? country : HomeCountry(p, date));
        m.actor.country = c;
        m.actor.sector = "ELI";
        if (c.empty() && r && r->org >= 0) m.actor.code = orgs_[r->org].code;
        if (r) m.entries.push_back(r->provenance);
        rule = "'former': a former office holder is an elite (ELI)";
      } else if (now) {
        ApplyRole(*now, &m.actor);
        m.entries.push_back(now->provenance);
        if (explain) {
          why.push_back("role on " + date_text + ": " + now->provenance);
          if (!post.empty() && now->post != post)
            why.push_back("the title names the post " + post + ", but on " + date_text + " " + p.name + " holds " +
                          (now->post.empty() ? std::string("a role without that post") : "the post " + now->post) +
                          ": the role wins");
          if (!key.empty() && now->country != key)
            why.push_back("the words before the name point to " + key_desc + ", but the role is filed under " +
                          now->country + ": the role wins");
        }
        rule = "person's role on the date";
      } else if (const Role* titled = [&]() -> const Role* {
                   // Undated text: a title the person held at some time is the role meant
                   // ("President Mugabe" -> ZWE GOV), the latest such.
                   if (has_date || post.empty()) return nullptr;
                   const Role* best = nullptr;
                   for (const Role& r : p.roles)
                     if (r.post == post && (key.empty() || r.country == key)) best = &r;
                   return best;
                 }()) {
        ApplyRole(*titled, &m.actor);
        m.entries.push_back(titled->provenance);
        if (explain) why.push_back("no date; the title names the role " + titled->provenance);
        rule = "no date: the role the title names";
      } else if (before) {
        if (before->org >= 0 && !HomeCountry(p, date).empty()) {
          m.actor.country = HomeCountry(p, date);
          rule = "person held roles only before the date, the last in an organisation: elite (ELI) of their own state";
        } else if (before->org >= 0) {
          m.actor.code = orgs_[before->org].code;
          rule = "person held roles only before the date, the last in an organisation: the organisation";
        } else {
          m.actor.country = before->country;
          rule = "person held roles only before the date: elite (ELI)";
        }
        m.actor.sector = "ELI";
        m.entries.push_back(before->provenance);
        if (explain) {
          why.push_back("no role on " + date_text + "; last role: " + before->provenance);
          if (!post.empty()) why.push_back("the title names the post " + post + ", but " + p.name + " holds no role on " + date_text + ": the record wins");
        }
      } else if (!p.default_country.empty()) {
        m.actor.country = p.default_country;
        m.actor.sector = p.default_sector;
        rule = "person's default (no role on the date)";
      } else if (!p.roles.empty()) {
        std::string c = HomeCountry(p, date);
        if (!c.empty()) {
          m.actor.country = c;
          m.actor.sector = "ELI";
        } else {
          ApplyRole(p.roles.front(), &m.actor);
        }
        m.entries.push_back(p.roles.front().provenance);
        rule = "before the person's first role: elite (ELI) of that country";
      } else {
        m.actor.country = country;
        rule = "person has no role";
      }
      if (ctx && !person_by_short && std::find(ctx->people_seen.begin(), ctx->people_seen.end(), p.id) == ctx->people_seen.end())
        ctx->people_seen.push_back(p.id);
    } else if (dict) {
      const DictActorRec& d = dict_actors_[dict->owner];
      const DictActorCode* c = DictCodeOn(d, date);
      const std::string code = c && c->code != "---" ? c->code : std::string();
      if (explain)
        why.push_back(c ? "code on " + date_text + ": " + d.CodeProvenance(*c)
                        : "no code of " + Quote(d.name) + " holds on " + date_text);
      m.actor.name = d.name;
      if (code.empty()) {
        rule = c ? "dictionary actor with the null code '---': no actor" : "dictionary actor without a code on the date: no actor";
        m.actor.country.clear();
        m.actor.sector.clear();
      } else {
        m.actor.country = CodeCountry(code);
        if (m.actor.country == code) {
          m.kind = ActorMention::Kind::kState;
          m.also_place = agents.empty() && !prefix && !former;
        } else {
          m.kind = ActorMention::Kind::kOrganisation;
          m.actor.code = code;
          m.actor.sector = m.actor.country.empty() ? std::string() : code.substr(3);
        }
        rule = "dictionary actor's code on the date";
        if (former && !m.actor.country.empty()) {
          m.kind = ActorMention::Kind::kAgent;
          m.actor.code.clear();
          m.actor.sector = "ELI";
          rule += "; 'former': elite (ELI) of its country";
        }
        if (explain && (prefix || !agents.empty()))
          why.push_back("the words before the name are not used: the dictionary actor's code wins");
      }
      if (c) m.entries.push_back(d.CodeProvenance(*c));
    } else if (org) {
      const OrgRec& o = orgs_[org->owner];
      if (prefix && !o.national.empty()) {
        // "Russia's Security Council", "Kenya's National Intelligence Service": the state
        // before the name owns a body of that name.
        m.kind = ActorMention::Kind::kAgent;
        m.actor.country = country;
        m.actor.sector = o.national;
        rule = "a state before the name of a body that states have: that state's body (" + o.id + " national = " + o.national + ")";
      } else if (o.shared) {
        // "Democratic Party" alone: the party of the state the document is about.
        m.kind = ActorMention::Kind::kAgent;
        m.actor.name = o.name;
        // The dateline's state when the document names it (domestic politics is reported from
        // the capital), else the state named most.
        m.actor.country = !ctx ? std::string()
                          : !ctx->dateline_country.empty() && ctx->Seen(ctx->dateline_country) > 0 ? ctx->dateline_country
                                                                                                 : ctx->DominantState();
        m.actor.sector = o.national;
        from_context = true;
        rule = m.actor.country.empty()
                   ? "a name used in several states (" + o.id + " shared), no state named yet: sector only (country from context)"
                   : "a name used in several states (" + o.id + " shared): the dateline's state if named, else the state named most so far";
      } else {
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.name = o.name;
        m.actor.code = o.code;
        m.actor.country = o.country;
        m.actor.sector = o.sector;
        rule = "organisation code";
      }
    } else if (!agents.empty()) {
      m.kind = ActorMention::Kind::kAgent;
      m.actor.country = country;
      m.actor.sector = agents.front().second->sector;
      std::string post = title_post();
      rule = country.empty() ? "agent without a country: sector only (country from context)" : "country + agent sector";
      if (prefix && prefix->type == EntryType::kMetonym) {
        m.actor.sector = prefix->sector;
        rule = "metonym + agent: the institution's sector (" + prefix->sector + ")";
      }
      if (org_prefix) {
        const OrgRec& o = orgs_[org_prefix->owner];
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.name = o.name;
        m.actor.code = o.code;
        m.actor.country = o.country;
        m.actor.sector = o.sector;
        rule = "organisation + agent: the organisation's code";
      }
      if (dict_prefix && country.empty()) {
        // A dictionary actor with a longer code: PETRARCH appends the agent's code.
        const std::string& ac = agents.front().second->sector;
        const bool has = dict_prefix_code.size() >= ac.size() &&
                         dict_prefix_code.compare(dict_prefix_code.size() - ac.size(), ac.size(), ac) == 0;
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.code = has ? dict_prefix_code : dict_prefix_code + ac;
        m.actor.country = CodeCountry(m.actor.code);
        m.actor.sector = m.actor.country.empty() ? std::string() : m.actor.code.substr(3);
        rule = "dictionary actor + agent: the actor's code with the agent's code appended";
      } else if (dict_prefix) {
        rule = "dictionary actor (a state) + agent sector";
      }
      if (agents.front().second->code_first && m.actor.code.empty() && !region) {
        // "[NGO~]" agents: their code goes before the country ("NGOKEN").
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.code = m.actor.sector + m.actor.country;
        rule = "dictionary prefix agent: its code before the country";
      }
      if (region) {
        const RegionRec& g = regions_[region->owner];
        m.kind = ActorMention::Kind::kRegion;
        m.actor.country.clear();
        if (!g.code.empty()) m.actor.code = g.code + (former ? std::string("ELI") : m.actor.sector);
        rule = g.code.empty() ? "region without a CAMEO code: no actor" : "region + agent: CAMEO region code, no country";
      }
      // "the last Chinese leader", "the next president": someone other than the holder on the date.
      static const std::unordered_set<std::string_view> kOtherHolder = {
          "last", "previous", "late", "next", "future", "past", "earlier", "successive", "incoming"};
      const bool other_holder = m.first_token > sentence.first_token && kOtherHolder.count(doc.TokenText(m.first_token - 1));
      if (other_holder && !post.empty() && !key.empty() && explain)
        why.push_back(Quote(doc.TokenText(m.first_token - 1)) + " before the title: not the holder on the date, no name");
      if (!post.empty() && !key.empty() && !other_holder) {
        auto hit = holders_.find(key + "|" + post);
        if (former) {
          // Name the former holder only when exactly one person held the post before the date.
          std::vector<std::pair<uint32_t, uint32_t>> formers;
          if (hit != holders_.end())
            for (auto [pi, ri] : hit->second) {
              const PersonRec& p = people_[pi];
              if (!p.roles[ri].interval.EndsBefore(date)) continue;
              bool holds_now = false;
              for (auto [pj, rj] : hit->second)
                if (pj == pi && people_[pj].roles[rj].interval.Contains(date)) holds_now = true;
              if (holds_now) continue;
              bool dup = false;
              for (auto& f : formers)
                if (f.first == pi) dup = true;
              if (!dup) formers.push_back({pi, ri});
            }
          if (formers.size() == 1) {
            const PersonRec& p = people_[formers[0].first];
            m.actor.name = p.name;
            m.entries.push_back(p.roles[formers[0].second].provenance);
            if (org_prefix) {
              std::string c = HomeCountry(p, date);
              if (!c.empty()) {
                m.kind = ActorMention::Kind::kPerson;
                m.actor.country = c;
                m.actor.code.clear();
              }
            }
            if (explain) why.push_back("the only former holder of " + key_desc + " " + post + " before " + date_text + ": " + p.roles[formers[0].second].provenance);
          } else if (explain) {
            why.push_back(std::to_string(formers.size()) + " former holders of " + key_desc + " " + post + " before " + date_text + ": no name");
          }
        } else if (hit != holders_.end()) {
          const Role* best = nullptr;
          uint32_t best_p = kNone;
          for (auto [pi, ri] : hit->second) {
            const Role& r = people_[pi].roles[ri];
            if (!r.interval.Contains(date)) continue;
            if (!best || r.interval.from.value_or(Date{1, 1, 1}) > best->interval.from.value_or(Date{1, 1, 1})) {
              best = &r;
              best_p = pi;
            }
          }
          if (best) {
            m.kind = ActorMention::Kind::kPerson;
            m.actor.name = people_[best_p].name;
            ApplyRole(*best, &m.actor);
            m.entries.push_back(best->provenance);
            if (explain) why.push_back("holder of " + key_desc + " " + post + " on " + date_text + ": " + best->provenance);
            rule = "title -> post -> holder on the date";
          } else if (explain) {
            why.push_back("nobody holds " + key_desc + " " + post + " on " + date_text);
          }
        }
      }
      if (former && !region) {
        if (org_prefix && m.kind != ActorMention::Kind::kPerson) {
          rule += "; 'former' official of the organisation, person unknown: the organisation";
        } else {
          m.actor.sector = "ELI";
          m.actor.code.clear();
          rule += "; 'former': elite (ELI)";
        }
      }
    } else if (prefix) {
      m.kind = ActorMention::Kind::kState;
      m.actor.country = country;
    }
    if (m.actor.country.empty() && m.actor.code.empty() && !agents.empty() && person == kNone && !org && !dict &&
        !region && !org_prefix && !dict_prefix && !former && j < atoms.size() && !atoms[j].possessive &&
        !kForeignPresence.count(m.actor.sector)) {
      // "opposition groups in Zimbabwe", "students throughout Indonesia": an agent without a
      // country followed by "in"/"throughout"/"across" (after at most one group word) and a
      // state name (not itself the prefix of an agent) takes that state; the mention covers it.
      // Not for sectors often abroad ("troops in Syria", "refugees in Jordan").
      // "government of Sindh province": "of" and a state or gazetteer place, likewise; a place
      // ("rebels in Darfur") counts as its state.
      static const std::unordered_set<std::string_view> kIn = {"in", "throughout", "across", "inside", "of"};
      static const std::unordered_set<std::string_view> kGroup = {
          "group", "groups", "members", "parties", "party", "leaders", "figures", "movement", "movements"};
      uint32_t in_tok = atoms[last].end_token;
      if (in_tok + 1 < sentence.end_token && kGroup.count(doc.TokenText(in_tok))) ++in_tok;
      const Atom& st = atoms[j];
      const bool st_prefix = j + 1 < atoms.size() && atoms[j + 1].first_token == st.after && agent_entry(atoms[j + 1]);
      const Entry* se = st_prefix || st.first_token != in_tok + 1
                            ? nullptr
                            : find_entry(st, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kPlace; });
      if (se && kIn.count(doc.TokenText(in_tok))) {
        m.actor.country = state_code(se, st, explain ? &why : nullptr);
        m.end_token = st.end_token;
        m.actor.span.end = doc.tokens[st.end_token - 1].span.end;
        m.actor.text = std::string(doc.Text(m.actor.span));
        m.entries.push_back(se->provenance);
        if (explain) why.push_back(Quote(atom_text(st)) + " -> " + se->provenance);
        rule += std::string(rule.empty() ? "" : "; ") + "agent '" + std::string(doc.TokenText(in_tok)) +
                "' a state: that state";
        j = j + 1;
      }
    }
    if (m.actor.code.empty() && m.kind != ActorMention::Kind::kRegion) m.actor.code = m.actor.country + m.actor.sector;
    if (m.actor.code.empty()) {
      if (notes && region) notes->push_back(Quote(m.actor.text) + ": " + rule);
      i = std::max(j, i + 1);
      continue;
    }
    if (explain) {
      std::string parts_desc;
      if (former) parts_desc += "former + ";
      if (dict_prefix) parts_desc += "dictionary actor + ";
      if (prefix)
        parts_desc += std::string(prefix->type == EntryType::kAdjective ? "country adjective"
                                  : prefix->type == EntryType::kPlace       ? "place of a state"
                                  : !surname_why.empty()                    ? "surname's state"
                                  : prefix->type == EntryType::kMetonym && !atoms[prefix_atom].possessive ? "metonym"
                                                                                                          : "possessive country") + " + ";
      if (region) parts_desc += "region + ";
      if (org_prefix) parts_desc += "organisation + ";
      for (size_t k = 0; k < agents.size(); ++k) parts_desc += agents[k].second->type == EntryType::kAgentTitle ? "title + " : "agent noun + ";
      if (person != kNone) parts_desc += "person + ";
      if (org) parts_desc += "organisation + ";
      if (dict) parts_desc += "dictionary actor + ";
      if (parts_desc.size() >= 3) parts_desc.resize(parts_desc.size() - 3);
      std::string line = "compose: " + (parts_desc.empty() ? std::string("single phrase") : parts_desc);
      if (!rule.empty()) line += " (" + rule + ")";
      line += " -> " + m.actor.code;
      if (!m.actor.name.empty()) line += " (" + m.actor.name + ")";
      why.push_back(std::move(line));
      explain->push_back(std::move(why));
    }
    if (!from_context) note_state(m.actor.country);
    out.push_back(std::move(m));
    i = std::max(j, i + 1);
  }
  return out;
}

}  // namespace entente::actors::internal
