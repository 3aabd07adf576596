// Converting TABARI/PETRARCH verb dictionaries into our verb patterns.
//
// A TABARI verb family ("--- ACCUSE [112] ---") lists verbs (with their inflected forms and
// optionally an own code) and patterns such as "- * + OF CRIMES [1121]": words before the verb,
// the verb ('*'), words after it, '+' the target, '$' the source, '%' a compound actor, '^' a
// skipped phrase, '&NAME' a synonym set; '_' joins two elements with nothing between, a space
// lets words come between. Each pattern becomes one of our patterns:
//   - the verb becomes one word element whose alternatives are the base forms and every listed
//     inflected form of the family's one-word verbs (a multi-word verb "WIRE_TAP" gets its own
//     copy of the pattern with one element per word);
//   - words become word elements (lower-cased literal forms: our matcher compares both the
//     token and its lemma); '+' becomes TGT, '$' SRC; '^' becomes a gap '*';
//   - between two words not joined by '_' a gap '*' (up to four words) is inserted; slots are
//     matched where they stand (our slots skip determiners);
//   - a synonym set becomes one element with its one-word members (nested sets expanded);
//     multi-word members are left out and counted;
//   - a pattern coded "---" (TABARI's blocking pattern: its words code no event) becomes our
//     blocking pattern (a null CAMEO code, as `---` in verbs.txt);
//   - dropped and counted: patterns without a code, codes not in our ontology, patterns with
//     '%', synsets with no one-word member; "[X:Y]" paired codes keep X and count Y as ignored.
// Each verb with a code (its own or its family's) also becomes the bare pattern
// "CODE verb (TGT)", the TABARI default for a verb that no pattern matched. Our matcher prefers
// the match with most words, as TABARI prefers the most specific pattern.
// Only the verb base forms become known lemmas; inflected forms stay literal alternatives.
#include "coder/dict_import.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "actors/record_reader.h"
#include "coder/tabari/dictionaries.h"

namespace entente::coder {

namespace {

using K = PatternElement::Kind;
using TK = tabari::PatternElement::Kind;

std::string Lower(const std::string& s) { return LowerWord(s); }

// One-word members of synset `name` (nested sets expanded, depth-limited against cycles).
void SynsetWords(const tabari::VerbDictionary& d, const std::string& name, int depth, std::set<std::string>* out,
                 int64_t* multi) {
  if (depth > 8) return;
  const tabari::Synset* s = d.FindSynset(name);
  if (!s) return;
  for (const auto& ph : s->phrases) {
    if (ph.size() == 1) out->insert(Lower(ph[0]));
    else ++*multi;
  }
  for (const auto& n : s->nested) SynsetWords(d, n, depth + 1, out, multi);
}

struct Item {
  PatternElement e;
  bool adjacent = false;  // joined to the next item
};

class VerbConverter {
 public:
  VerbConverter(const tabari::VerbDictionary& d, const std::string& file, CoderKnowledge* k, DictImportStats* st,
                const DiagnosticSink& sink)
      : d_(d), file_(file), k_(k), st_(st), sink_(sink) {}

  void Run() {
    for (const auto& fam : d_.families()) Family(fam);
  }

 private:
  // The verb element(s): one element for all one-word verbs, one sequence per multi-word verb.
  std::vector<std::vector<PatternElement>> VerbSequences(const tabari::VerbFamily& fam) {
    std::vector<std::vector<PatternElement>> out;
    PatternElement single;
    std::set<std::string> alts;
    for (const auto& v : fam.verbs) {
      if (v.words.size() == 1) {
        alts.insert(Lower(v.words[0]));
        k_->lemmatizer.AddVocabulary(Lower(v.words[0]));
        for (const auto& f : v.forms)
          if (f.size() == 1) alts.insert(Lower(f[0]));
      } else {
        std::vector<PatternElement> seq;
        for (size_t j = 0; j < v.words.size(); ++j) {
          PatternElement e;
          std::set<std::string> a = {Lower(v.words[j])};
          for (const auto& f : v.forms)
            if (f.size() == v.words.size()) a.insert(Lower(f[j]));
          e.words.assign(a.begin(), a.end());
          seq.push_back(std::move(e));
        }
        if (!seq.empty()) out.push_back(std::move(seq));
      }
    }
    if (!alts.empty()) {
      single.words.assign(alts.begin(), alts.end());
      out.insert(out.begin(), {single});
    }
    return out;
  }

  // The pattern's code in our ontology, or null for a blocking pattern ("---"); false when the
  // pattern must be dropped (counted).
  bool Code(const std::string& code, const std::string& paired, const CameoCode** out) {
    *out = nullptr;
    if (code == "---") return true;
    if (code.empty()) {
      ++st_->dropped_null_code;
      return false;
    }
    *out = k_->ontology.Find(code);
    if (!*out) {
      ++st_->dropped_unknown_code;
      return false;
    }
    if (!paired.empty() && paired != "---") ++st_->paired_codes_ignored;
    return true;
  }

  void Emit(const CameoCode* cameo, std::vector<Item> items, int line, const std::string& text) {
    // Gaps between words not joined by '_'; merge and trim gaps.
    std::vector<PatternElement> els;
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (it.e.kind == K::kGap) {
        if (!els.empty() && els.back().kind != K::kGap) els.push_back(it.e);
        continue;
      }
      els.push_back(it.e);
      if (i + 1 < items.size() && !it.adjacent && it.e.kind == K::kWord && items[i + 1].e.kind == K::kWord)
        els.push_back(PatternElement{K::kGap, false, {}});
    }
    while (!els.empty() && els.back().kind == K::kGap) els.pop_back();
    auto p = std::make_unique<Pattern>();
    p->cameo = cameo;
    p->elements = std::move(els);
    p->record = "dict";
    p->where = file_ + ":" + std::to_string(line) + ": " + text;
    std::string error;
    if (!k_->patterns.Add(std::move(p), &error)) {
      ++st_->dropped_other;
      return;
    }
    ++st_->verb_patterns;
    if (!cameo) ++st_->blocking_patterns;
  }

  // Converts one TABARI element; false when the pattern must be dropped (already counted).
  bool Element(const tabari::PatternElement& te, const std::vector<PatternElement>& verb, std::vector<Item>* out) {
    Item it;
    it.adjacent = te.adjacent;
    switch (te.kind) {
      case TK::kWord:
        it.e.words = {Lower(te.text)};
        break;
      case TK::kSynset: {
        std::set<std::string> w;
        SynsetWords(d_, te.text, 0, &w, &st_->dropped_synset_phrases);
        if (w.empty()) {
          ++st_->dropped_synset;
          return false;
        }
        it.e.words.assign(w.begin(), w.end());
        break;
      }
      case TK::kVerb:
        for (size_t j = 0; j < verb.size(); ++j) {
          Item v;
          v.e = verb[j];
          v.adjacent = j + 1 < verb.size() ? true : te.adjacent;
          out->push_back(std::move(v));
        }
        return true;
      case TK::kTarget:
        it.e.kind = K::kTarget;
        break;
      case TK::kSource:
        it.e.kind = K::kSource;
        break;
      case TK::kSkip:
        it.e.kind = K::kGap;
        break;
      case TK::kCompound:
        ++st_->dropped_compound;
        return false;
    }
    out->push_back(std::move(it));
    return true;
  }

  void Family(const tabari::VerbFamily& fam) {
    auto verbs = VerbSequences(fam);
    if (verbs.empty()) return;
    // Bare verbs: each verb with a code of its own or of its family.
    for (const auto& v : fam.verbs) {
      const std::string& code = v.code.empty() ? fam.code : v.code;
      if (code.empty() || code == "---") continue;
      const CameoCode* c = k_->ontology.Find(code);
      if (!c) {
        ++st_->dropped_unknown_code;
        continue;
      }
      std::vector<Item> items;
      for (size_t j = 0; j < v.words.size(); ++j) {
        Item it;
        std::set<std::string> a = {Lower(v.words[j])};
        for (const auto& f : v.forms)
          if (f.size() == v.words.size()) a.insert(Lower(f[j]));
        it.e.words.assign(a.begin(), a.end());
        it.adjacent = true;
        items.push_back(std::move(it));
      }
      Item tgt;
      tgt.e.kind = K::kTarget;
      tgt.e.optional = true;
      items.push_back(std::move(tgt));
      int64_t before = st_->verb_patterns;
      Emit(c, std::move(items), v.line, Upper(v.words.empty() ? "" : v.words[0]));
      st_->bare_verbs += st_->verb_patterns - before;
    }
    for (const auto& vp : fam.patterns) {
      const CameoCode* c;
      if (!Code(vp.code, vp.paired_code, &c)) continue;
      for (const auto& verb : verbs) {
        std::vector<Item> items;
        bool ok = true;
        for (const auto& te : vp.pre) ok = ok && Element(te, verb, &items);
        if (!ok) break;
        if (!items.empty()) items.back().adjacent = vp.verb_adjacent_pre;
        tabari::PatternElement vtok;
        vtok.kind = TK::kVerb;
        vtok.adjacent = vp.verb_adjacent_post;
        Element(vtok, verb, &items);
        for (const auto& te : vp.post) ok = ok && Element(te, verb, &items);
        if (!ok) break;
        Emit(c, std::move(items), vp.line, vp.text);
      }
    }
  }

  static std::string Upper(const std::string& s) { return tabari::Upper(s); }

  const tabari::VerbDictionary& d_;
  const std::string& file_;
  CoderKnowledge* k_;
  DictImportStats* st_;
  const DiagnosticSink& sink_;
};

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::optional<Date> ToDate(tabari::DateNum n) {
  const int y = n / 10000, m = n / 100 % 100, d = n % 100;
  if (!Date::Valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

// The restriction as written, with four-digit years ("RUSGOV 19990809-20000507").
std::string RestrictionText(const tabari::CodeRestriction& r) {
  using RK = tabari::CodeRestriction::Kind;
  switch (r.kind) {
    case RK::kDefault: return r.code;
    case RK::kBefore: return r.code + " <" + std::to_string(r.to);
    case RK::kAfter: return r.code + " >" + std::to_string(r.from);
    case RK::kBetween: return r.code + " " + std::to_string(r.from) + "-" + std::to_string(r.to);
  }
  return r.code;
}

// Converts the entries of an actor dictionary; problems go to `problems`.
void ConvertActors(const tabari::ActorDictionary& d, const std::string& file, actors::DictEntries* out,
                   DictImportStats* st, std::vector<tabari::Problem>* problems) {
  using RK = tabari::CodeRestriction::Kind;
  for (const tabari::ActorEntry& e : d.entries()) {
    actors::DictActor a;
    a.file = file;
    a.line = e.line;
    for (const auto& p : e.phrases) a.phrases.push_back(JoinWords(p));
    for (const tabari::CodeRestriction& r : e.codes) {
      const int line = r.line ? r.line : e.line;
      std::string code = r.code;
      if (size_t slash = code.find('/'); slash != std::string::npos) {
        code = code.substr(0, slash);
        ++st->second_codes_ignored;
      }
      bool letters = !code.empty();
      for (char c : code) letters = letters && c >= 'A' && c <= 'Z';
      if (!letters && code != "---") {
        problems->push_back({file, line, "actor code '" + r.code + "' is not a CAMEO actor code (letters only, or ---)"});
        ++st->dropped_actor_codes;
        continue;
      }
      actors::DictActorCode c;
      c.code = code;
      c.line = line;
      c.text = RestrictionText(r);
      c.restricted = r.kind != RK::kDefault;
      std::optional<Date> from, to;
      bool ok = true;
      if (r.kind == RK::kAfter || r.kind == RK::kBetween) ok = ok && (from = ToDate(r.from)).has_value();
      if (r.kind == RK::kBefore || r.kind == RK::kBetween) ok = ok && (to = ToDate(r.to)).has_value();
      if (!ok) {
        problems->push_back({file, line, "date in [" + c.text + "] is not a calendar date"});
        ++st->dropped_actor_codes;
        continue;
      }
      c.interval.from = from;
      c.interval.to = to;
      a.codes.push_back(std::move(c));
    }
    if (a.codes.empty()) {
      if (e.codes.empty()) problems->push_back({file, e.line, "actor '" + a.phrases[0] + "' has no code: left out"});
      continue;
    }
    out->actors.push_back(std::move(a));
    ++st->actors;
  }
}

void ConvertAgents(const tabari::AgentDictionary& d, const std::string& file, actors::DictEntries* out,
                   DictImportStats* st, std::vector<tabari::Problem>* problems) {
  for (const tabari::AgentEntry& e : d.entries()) {
    bool letters = !e.code.empty();
    for (char c : e.code) letters = letters && c >= 'A' && c <= 'Z';
    if (!letters) {
      problems->push_back({file, e.line, "agent code '" + e.code + "' is not a CAMEO sector code (letters only)"});
      continue;
    }
    out->agents.push_back(actors::DictAgent{JoinWords(e.words), e.code, e.prefix, file, e.line});
    ++st->agents;
  }
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Status ImportDictionaries(const std::vector<std::string>& paths, CoderKnowledge* k, const DiagnosticSink& sink,
                          DictImportStats* stats, actors::DictEntries* actor_entries) {
  DictImportStats local;
  DictImportStats* st = stats ? stats : &local;
  for (const auto& path : paths) {
    std::string kind = tabari::Upper(BaseName(path));
    auto text = tabari::ReadTextFile(path);
    if (!text.ok()) return text.status();
    std::vector<tabari::Problem> problems;
    DictImportStats before = *st;
    std::string used;
    if (kind.find("VERB") != std::string::npos) {
      tabari::VerbDictionary d;
      d.Load(*text, path, &problems);
      VerbConverter(d, path, k, st, sink).Run();
      used = std::to_string(st->verb_patterns - before.verb_patterns) + " verb patterns added (" +
             std::to_string(st->bare_verbs - before.bare_verbs) + " bare verbs, " +
             std::to_string(st->blocking_patterns - before.blocking_patterns) + " blocking) from " +
             std::to_string(d.pattern_count()) + " patterns; dropped: " +
             std::to_string(st->dropped_null_code - before.dropped_null_code) + " without a code, " +
             std::to_string(st->dropped_unknown_code - before.dropped_unknown_code) + " unknown code, " +
             std::to_string(st->dropped_compound - before.dropped_compound) + " with %, " +
             std::to_string(st->dropped_synset - before.dropped_synset) + " empty synset, " +
             std::to_string(st->dropped_other - before.dropped_other) + " rejected; " +
             std::to_string(st->dropped_synset_phrases - before.dropped_synset_phrases) +
             " multi-word synset members (counted per use) and " +
             std::to_string(st->paired_codes_ignored - before.paired_codes_ignored) + " paired codes ignored";
    } else if (kind.find("AGENT") != std::string::npos) {
      tabari::AgentDictionary d;
      d.Load(*text, path, &problems);
      if (actor_entries) {
        ConvertAgents(d, path, actor_entries, st, &problems);
        used = std::to_string(st->agents - before.agents) + " agent phrases (plurals included) added to the actor index";
      } else {
        st->unused_entries += static_cast<int64_t>(d.entries().size());
        used = std::to_string(d.entries().size()) + " agent phrases read and checked";
      }
    } else if (kind.find("ACTOR") != std::string::npos) {
      tabari::ActorDictionary d;
      d.Load(*text, path, &problems);
      if (actor_entries) {
        ConvertActors(d, path, actor_entries, st, &problems);
        used = std::to_string(st->actors - before.actors) + " actors added to the actor index; " +
               std::to_string(st->dropped_actor_codes - before.dropped_actor_codes) + " codes left out, " +
               std::to_string(st->second_codes_ignored - before.second_codes_ignored) + " second codes of [A/B] ignored";
      } else {
        actors::DictEntries scratch;
        ConvertActors(d, path, &scratch, st, &problems);
        st->unused_entries += st->actors - before.actors;
        st->actors = before.actors;
        used = std::to_string(d.entries().size()) + " actor entries read and checked";
      }
    } else if (kind.find("DISCARD") != std::string::npos) {
      tabari::DiscardList d;
      d.Load(*text, path, &problems);
      for (const auto& e : d.entries()) {
        Phrase p;
        p.words = PhraseWords(e.phrase);
        p.value = "dictionary";
        if (p.words.empty()) continue;
        k->lexicon.discards.Add(std::move(p));
        ++st->discard_phrases;
      }
      used = std::to_string(st->discard_phrases - before.discard_phrases) +
             " discard phrases added (whole words; story discards act per sentence and title)";
    } else if (kind.find("ISSUE") != std::string::npos) {
      tabari::IssueList d;
      d.Load(*text, path, &problems);
      st->unused_entries += static_cast<int64_t>(d.entries().size());
      used = std::to_string(d.entries().size()) + " issue entries read but not used (events carry no issues)";
    } else {
      return Status::InvalidArgument(path + ": cannot tell the dictionary kind from the name (expected " +
                                     "verbs, actors, agents, discards or issues in it)");
    }
    for (const auto& p : problems) actors::ReportError(sink, p.file, p.line, p.reason);
    st->problems += static_cast<int64_t>(problems.size());
    if (sink) {
      Diagnostic d;
      d.level = Diagnostic::Level::kInfo;
      d.file = path;
      d.message = used + (problems.empty() ? "" : "; " + std::to_string(problems.size()) + " malformed entries");
      sink(d);
    }
  }
  return Status::OK();
}

}  // namespace entente::coder
