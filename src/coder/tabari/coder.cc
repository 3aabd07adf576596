// The coder, in four steps per sentence:
//  1. Discards: a discard phrase in the text codes nothing (story- or sentence-level).
//  2. Noun phrases: every NP is coded by NpActors: coordinated NPs ("A, B and C") give the union
//     of their parts; otherwise the words of the phrase head (leaving out PPs, clauses and
//     appositives) are scanned for the longest actor and agent phrases; the first actor's
//     date-valid codes are combined with the agents ("NGO~" before, "~GOV" after, skipped when
//     the code already holds them); agents alone borrow actors from an "of/in/from" PP, else
//     get the null actor "---".
//  3. Verbs: every preterminal VB* inside a VP whose (multi-word) form is in the verb dictionary.
//     The family's patterns are tried most specific first: words before '*' are matched
//     backwards from the verb to the sentence start, words after it forwards to the end of the
//     verb's VP; words joined by '_' must be adjacent, words separated by a blank may have
//     others between them; '&SET' matches any phrase of a synset; '+', '$' and '%' match an
//     actor-bearing NP and make it the target, source or compound actor; '^' skips one NP.
//     The first matching pattern gives the code, else the verb's or family's default code.
//  4. Actors of the event: source from '$' or '%', else the subject NP of the nearest clause
//     above the verb (clauses without a subject inherit it; a subject taken as '+' passes the
//     role to the next clause up; a passive verb with a "by" phrase swaps roles); target from
//     '+', else the first actor-bearing NP after the verb inside its VP. A code [X:Y] adds the
//     reverse event Y; '%' codes every ordered pair of the compound actor.
#include "coder/tabari/coder.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "coder/tabari/penn_tree.h"

namespace entente::tabari {

Status Dictionaries::LoadVerbs(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  verbs.Load(*text, path, &problems);
  return Status::OK();
}
Status Dictionaries::LoadActors(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  actors.Load(*text, path, &problems);
  return Status::OK();
}
Status Dictionaries::LoadAgents(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  agents.Load(*text, path, &problems);
  return Status::OK();
}
Status Dictionaries::LoadDiscards(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  discards.Load(*text, path, &problems);
  return Status::OK();
}
Status Dictionaries::LoadIssues(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  issues.Load(*text, path, &problems);
  return Status::OK();
}
Status Dictionaries::LoadByName(const std::string& path) {
  std::string base = Upper(path.substr(path.find_last_of('/') + 1));
  if (base.find("VERB") != std::string::npos) return LoadVerbs(path);
  if (base.find("AGENT") != std::string::npos) return LoadAgents(path);
  if (base.find("ACTOR") != std::string::npos) return LoadActors(path);
  if (base.find("DISCARD") != std::string::npos) return LoadDiscards(path);
  if (base.find("ISSUE") != std::string::npos) return LoadIssues(path);
  return Status::InvalidArgument(path + ": cannot tell the dictionary kind from the name " +
                                 "(expected verbs, actors, agents, discards or issues in it)");
}

void CoderOptions::Apply(const std::map<std::string, std::string>& config) {
  auto it = config.find("require_dyad");
  if (it != config.end()) require_dyad = it->second != "false" && it->second != "0";
  auto number = [&](const char* name, int* out) {
    auto f = config.find(name);
    if (f == config.end()) return;
    char* end = nullptr;
    long v = std::strtol(f->second.c_str(), &end, 10);
    if (end != f->second.c_str() && *end == '\0' && v >= 0 && v < 1000) *out = static_cast<int>(v);
  };
  number("new_actor_length", &new_actor_length);
  number("comma_min", &comma_min);
  number("comma_max", &comma_max);
  number("comma_bmin", &comma_bmin);
  number("comma_bmax", &comma_bmax);
  number("comma_emin", &comma_emin);
  number("comma_emax", &comma_emax);
}

namespace {

using Kind = PatternElement::Kind;

bool IsClause(std::string_view l) {
  return l == "S" || l == "SQ" || l == "SINV" || l == "SBARQ";
}
bool IsNp(std::string_view l) { return l == "NP" || l == "NML" || l == "NX" || l == "WHNP"; }

struct ActorSpan {
  int begin, end;
  std::vector<std::string> codes;
  const PennNode* node;
};

class SentenceCoder {
 public:
  SentenceCoder(const Dictionaries& d, const PennTree& t, DateNum date, const CoderOptions& o)
      : d_(d), t_(t), w_(t.words()), date_(date), o_(o) {
    CollectSpans(&t.root());
  }

  std::vector<CodedEvent> Run() {
    std::set<CodedEvent> out;
    const auto& leaves = t_.leaves();
    std::vector<bool> used(leaves.size(), false);
    for (size_t i = 0; i < leaves.size(); ++i) {
      const PennNode* leaf = leaves[i];
      if (used[i] || leaf->label.rfind("VB", 0) != 0) continue;
      if (leaf->parent == nullptr || leaf->parent->Base() != "VP") continue;
      if (CodeVerb(static_cast<int>(i), &out, &used)) {
        // A verb that has a code owns its verb phrase: verbs inside it are not coded
        // (PETRARCH resumes its verb search after the end of the VP).
        const PennNode* vp = leaf->parent;
        for (int k = vp->begin; k < vp->end; ++k) used[k] = true;
      }
    }
    return {out.begin(), out.end()};
  }

 private:
  // ---- noun phrases ----
  std::string Compose(const std::string& actor, const std::vector<const AgentEntry*>& agents) {
    std::string pre, code = actor;
    for (const auto* a : agents) {
      if (a->prefix) {
        if (pre.find(a->code) == std::string::npos) pre += a->code;
        continue;
      }
      bool has = false;
      for (size_t p = 3; p + a->code.size() <= code.size(); p += 3)
        if (code.compare(p, a->code.size(), a->code) == 0) has = true;
      if (!has) code += a->code;
    }
    return pre + code;
  }

  bool Excluded(const PennNode& c) {
    std::string_view b = c.Base();
    return b == "PP" || b == "SBAR" || b == "VP" || IsClause(b) || b == "RRC" || b == "PRN" ||
           false;
  }

  // Word indices of the phrase head: children up to the first comma-separated appositive,
  // leaving out PPs and clauses.
  void HeadWords(const PennNode& n, std::vector<int>* idx) {
    bool list = false;
    for (const auto& c : n.children)
      if (c->label == "CC") list = true;
    for (const auto& c : n.children) {
      if (c->IsLeaf()) {
        if ((c->label == "," && !list) || c->label == ":") break;
        idx->push_back(c->leaf);
        continue;
      }
      if (Excluded(*c)) continue;
      HeadWords(*c, idx);
    }
  }

  std::vector<std::string> NpActors(const PennNode& n) {
    auto memo = memo_.find(&n);
    if (memo != memo_.end()) return memo->second;
    std::vector<std::string> result = NpActorsUncached(n);
    memo_[&n] = result;
    return result;
  }

  std::vector<std::string> NpActorsUncached(const PennNode& n) {
    std::vector<const PennNode*> nps;
    bool cc = false;
    for (const auto& c : n.children) {
      if (IsNp(c->Base())) nps.push_back(c.get());
      if (c->label == "CC" || c->Base() == "CONJP") cc = true;
    }
    if (cc && nps.size() >= 2) {
      std::vector<std::string> out;
      for (const auto* np : nps)
        for (auto& code : NpActors(*np))
          if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
      return out;
    }
    std::vector<int> idx;
    HeadWords(n, &idx);
    std::vector<std::string> words;
    for (int i : idx) words.push_back(w_[i]);
    size_t head_size = words.size();
    // Agent phrases may run on into a following "of" PP ("Ministry of Silly Walks").
    for (const auto& c : n.children) {
      if (c->Base() != "PP") continue;
      for (int k = c->begin; k < c->end; ++k) words.push_back(w_[k]);
      break;
    }
    bool former = false;
    // Conjuncts: split at CC and commas; each has its actors and agents.
    struct Conjunct {
      std::vector<std::vector<std::string>> actors;
      std::vector<const AgentEntry*> agents;
    };
    std::vector<Conjunct> conj(1);
    for (size_t i = 0; i < head_size;) {
      auto [ae, al] = d_.actors.LongestMatch(words, i);
      auto [ge, gl] = d_.agents.LongestMatch(words, i);
      if (ae >= 0 && al >= gl) {
        conj.back().actors.push_back(d_.actors.entries()[ae].CodesOn(date_));
        i += static_cast<size_t>(al);
      } else if (ge >= 0) {
        conj.back().agents.push_back(&d_.agents.entries()[ge]);
        i += static_cast<size_t>(gl);
      } else {
        if (words[i] == "FORMER") former = true;
        // A conjunction or comma after a noun starts a new conjunct ("media and government");
        // between adjectives it does not ("awful and evil minister").
        bool after_noun = i > 0 && t_.leaves()[idx[i - 1]]->label.rfind("NN", 0) == 0;
        if ((words[i] == "AND" || words[i] == "OR" || words[i] == "NOR" || words[i] == ",") &&
            after_noun && !(conj.back().actors.empty() && conj.back().agents.empty()))
          conj.emplace_back();
        ++i;
      }
    }
    if (conj.back().actors.empty() && conj.back().agents.empty() && conj.size() > 1) conj.pop_back();
    static const AgentEntry kFormer{{"FORMER"}, "ELI", false, 0};
    if (former)
      for (auto& c : conj) c.agents = {&kFormer};
    std::vector<std::string> out;
    auto add = [&](const std::string& code) {
      if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
    };
    bool any_actor = false, any_agent = false;
    for (const auto& c : conj) {
      any_actor |= !c.actors.empty();
      any_agent |= !c.agents.empty();
    }
    if (any_actor) {
      // A conjunct without an actor shares the first conjunct's actor and its modifiers
      // ("Danish Islamist media and government").
      const Conjunct* first = nullptr;
      for (const auto& c : conj)
        if (!c.actors.empty()) {
          first = &c;
          break;
        }
      for (const auto& c : conj) {
        if (!c.actors.empty()) {
          if (c.actors[0].empty()) continue;  // null-coded actor
          for (const auto& a : c.actors[0]) add(Compose(a, c.agents));
        } else if (!c.agents.empty() && first && !first->actors[0].empty()) {
          std::vector<const AgentEntry*> g(first->agents.begin(),
                                           first->agents.empty() ? first->agents.end() : first->agents.end() - 1);
          g.insert(g.end(), c.agents.begin(), c.agents.end());
          for (const auto& a : first->actors[0]) add(Compose(a, g));
        }
      }
      return out;
    }
    if (!any_agent) return NewActor(n);
    std::vector<std::vector<const AgentEntry*>> agent_sets;
    for (const auto& c : conj)
      if (!c.agents.empty()) agent_sets.push_back(c.agents);
    for (const auto& c : n.children) {
      if (c->Base() != "PP" || c->children.empty()) continue;
      std::string prep = Upper(c->children[0]->word);
      if (prep != "OF" && prep != "IN" && prep != "FROM") continue;
      for (const auto& cc2 : c->children) {
        if (!IsNp(cc2->Base())) continue;
        for (const auto& g : agent_sets)
          for (const auto& a : NpActors(*cc2)) add(Compose(a, g));
      }
      if (!out.empty()) return out;
    }
    for (const auto& g : agent_sets) add(Compose("---", g));
    return out;
  }

  // The quoted text of an actor-less noun phrase when new_actor_length allows it.
  std::vector<std::string> NewActor(const PennNode& n) {
    if (o_.new_actor_length <= 0) return {};
    // Only whole noun phrases: the outermost NP, or a conjunct of a coordinated one.
    if (n.parent && IsNp(n.parent->Base())) {
      bool coordinated = false;
      for (const auto& c : n.parent->children)
        if (c->label == "CC") coordinated = true;
      if (!coordinated) return {};
    }
    // A phrase naming a known actor anywhere ("the dispute with Osgiliath") is not new.
    std::vector<std::string> span(w_.begin() + n.begin, w_.begin() + n.end);
    for (size_t k = 0; k < span.size(); ++k)
      if (d_.actors.LongestMatch(span, k).first >= 0) return {};
    std::string text;
    int count = 0;
    for (int k = n.begin; k < n.end; ++k) {
      const std::string& tag = t_.leaves()[k]->label;
      if (tag == "POS" || !std::isalnum(static_cast<unsigned char>(w_[k][0]))) continue;
      if (++count > o_.new_actor_length) return {};
      text += (text.empty() ? "" : " ") + w_[k];
    }
    if (text.empty()) return {};
    return {"\"" + text + "\""};
  }

  void CollectSpans(const PennNode* n) {
    if (IsNp(n->Base())) {
      auto codes = NpActors(*n);
      if (!codes.empty()) spans_.push_back({n->begin, n->end, codes, n});
    }
    for (const auto& c : n->children) CollectSpans(c.get());
  }

  // Earliest actor span starting in [from, limit) (exactly `from` when `exact`); outermost.
  const ActorSpan* SpanForward(int from, int limit, bool exact) {
    const ActorSpan* best = nullptr;
    for (const auto& s : spans_) {
      if (s.begin < from || s.end > limit) continue;
      if (exact && s.begin != from && !(s.begin == from + 1 && IsDet(from))) continue;
      if (!best || s.begin < best->begin || (s.begin == best->begin && s.end > best->end))
        best = &s;
    }
    return best;
  }
  // Latest actor span ending at or before `to` (inclusive word index).
  const ActorSpan* SpanBackward(int to, bool exact) {
    const ActorSpan* best = nullptr;
    for (const auto& s : spans_) {
      if (s.end - 1 > to) continue;
      if (exact && s.end - 1 != to) continue;
      if (!best || s.end > best->end || (s.end == best->end && s.begin < best->begin)) best = &s;
    }
    return best;
  }
  bool IsDet(int i) {
    return i >= 0 && i < static_cast<int>(w_.size()) &&
           (w_[i] == "THE" || w_[i] == "A" || w_[i] == "AN");
  }

  // Smallest NP starting (forward) or ending (backward) at i.
  const PennNode* NpAt(const PennNode* n, int i, bool start) {
    const PennNode* best = nullptr;
    if (IsNp(n->Base()) && (start ? n->begin == i : n->end - 1 == i)) best = n;
    for (const auto& c : n->children) {
      if (c->begin > i || c->end <= i) continue;
      const PennNode* b = NpAt(c.get(), i, start);
      if (b) best = b;
    }
    return best;
  }

  // ---- patterns ----
  struct Match {
    const ActorSpan* source = nullptr;
    const ActorSpan* target = nullptr;
    const ActorSpan* compound = nullptr;
    bool compound_after = false;  // '%' after the verb: the compound is the target
    int lo = 0, hi = 0;  // words covered
  };

  std::vector<std::vector<std::string>> SynsetPhrases(const std::string& name, int depth = 0) {
    std::vector<std::vector<std::string>> out;
    const Synset* s = d_.verbs.FindSynset(name);
    if (!s || depth > 5) return out;
    out = s->phrases;
    for (const auto& n : s->nested) {
      auto more = SynsetPhrases(n, depth + 1);
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }

  bool PhraseFwd(const std::vector<std::string>& p, int j, int limit) {
    if (j + static_cast<int>(p.size()) > limit) return false;
    for (size_t k = 0; k < p.size(); ++k)
      if (w_[j + k] != p[k]) return false;
    return true;
  }

  bool MatchPost(const VerbPattern& p, int c, int limit, Match* m) {
    for (size_t k = 0; k < p.post.size(); ++k) {
      const auto& e = p.post[k];
      bool exact = k == 0 ? p.verb_adjacent_post : p.post[k - 1].adjacent;
      if (e.kind == Kind::kWord) {
        int j = c;
        while (j < limit && w_[j] != e.text && !exact) ++j;
        if (j >= limit || w_[j] != e.text) return false;
        c = j + 1;
      } else if (e.kind == Kind::kSynset) {
        auto phrases = SynsetPhrases(e.text);
        int found = -1, len = 0;
        for (int j = c; j < limit && found < 0; ++j) {
          for (const auto& ph : phrases)
            if (PhraseFwd(ph, j, limit) && static_cast<int>(ph.size()) > len) {
              found = j;
              len = static_cast<int>(ph.size());
            }
          if (exact) break;
        }
        if (found < 0) return false;
        c = found + len;
      } else if (e.kind == Kind::kSkip) {
        const PennNode* np = NpAt(&t_.root(), c, true);
        c = np ? std::min(np->end, limit) : c + 1;
        if (c > limit) return false;
      } else {
        const ActorSpan* s = SpanForward(c, limit, exact);
        if (!s) return false;
        (e.kind == Kind::kTarget ? m->target : e.kind == Kind::kSource ? m->source : m->compound) = s;
        if (e.kind == Kind::kCompound) m->compound_after = true;
        c = s->end;
      }
    }
    m->hi = c;
    return true;
  }

  bool MatchPre(const VerbPattern& p, int c, Match* m) {
    for (int k = static_cast<int>(p.pre.size()) - 1; k >= 0; --k) {
      const auto& e = p.pre[k];
      bool exact = k == static_cast<int>(p.pre.size()) - 1 ? p.verb_adjacent_pre : e.adjacent;
      if (e.kind == Kind::kWord) {
        int j = c;
        while (j >= 0 && w_[j] != e.text && !exact) --j;
        if (j < 0 || w_[j] != e.text) return false;
        c = j - 1;
      } else if (e.kind == Kind::kSynset) {
        auto phrases = SynsetPhrases(e.text);
        int found = -1;
        for (int j = c; j >= 0 && found < 0; --j) {
          for (const auto& ph : phrases) {
            int start = j - static_cast<int>(ph.size()) + 1;
            if (start >= 0 && PhraseFwd(ph, start, j + 1)) {
              found = start;
              break;
            }
          }
          if (exact) break;
        }
        if (found < 0) return false;
        c = found - 1;
      } else if (e.kind == Kind::kSkip) {
        const PennNode* np = c >= 0 ? NpAt(&t_.root(), c, false) : nullptr;
        c = np ? np->begin - 1 : c - 1;
        if (c < -1) return false;
      } else {
        const ActorSpan* s = SpanBackward(c, exact);
        if (!s) return false;
        (e.kind == Kind::kTarget ? m->target : e.kind == Kind::kSource ? m->source : m->compound) = s;
        c = s->begin - 1;
      }
    }
    m->lo = c + 1;
    return true;
  }

  // Event codes start with a digit; "---" is the null code. Others ("+++", "xxy") are legacy
  // markers: such patterns never match.
  static bool ValidCode(const std::string& c) {
    return c == "---" || (!c.empty() && std::isdigit(static_cast<unsigned char>(c[0])));
  }

  // Whether leaf k is a dictionary verb that codes something by default.
  bool CodedVerb(int k) {
    const PennNode* leaf = t_.leaves()[k];
    if (leaf->label.rfind("VB", 0) != 0) return false;
    for (const auto& r : d_.verbs.Lookup(w_[k])) {
      const VerbFamily& f = d_.verbs.families()[r.family];
      const VerbEntry& v = f.verbs[r.verb];
      std::string c = v.code.empty() ? f.code : v.code;
      if (ValidCode(c) && c != "---") return true;
    }
    return false;
  }

  // ---- clause roles ----
  // The subject NP of the nearest clause above `n` whose subject is not `avoid`.
  const PennNode* Subject(const PennNode* n, const ActorSpan* avoid, bool* blocked) {
    *blocked = false;
    const PennNode* child = n;
    bool crossed_clause = false;
    for (const PennNode* p = n->parent; p; child = p, p = p->parent) {
      if (p->Base() == "VP" && crossed_clause) {
        // Inheriting a subject through a clause that is the complement of another coded verb
        // ("called on Gondor to be allowed to leave"): that verb owns the clause.
        for (const auto& c : p->children)
          if (c->IsLeaf() && c->leaf < n->begin && CodedVerb(c->leaf)) {
            *blocked = true;
            return nullptr;
          }
      }
      if (!IsClause(p->Base())) continue;
      crossed_clause = true;
      const PennNode* subj = nullptr;
      for (const auto& c : p->children) {
        if (c.get() == child) break;
        if (IsNp(c->Base())) subj = c.get();
      }
      if (!subj && p->parent && IsClause(p->parent->Base())) {
        // "Gondor launched ... and [shelling ...]": a subjectless conjunct clause takes the
        // subject of the first conjunct.
        bool cc = false;
        const PennNode* first = nullptr;
        for (const auto& c : p->parent->children) {
          if (c->label == "CC") cc = true;
          if (!first && IsClause(c->Base()) && c.get() != p) first = c.get();
        }
        if (cc && first && first->begin < p->begin)
          for (const auto& c : first->children)
            if (IsNp(c->Base())) {
              subj = c.get();
              break;
            }
      }
      if (!subj) continue;
      if (subj->end - subj->begin == 1 && t_.leaves()[subj->begin]->label == "PRP") continue;
      if (avoid && subj->begin <= avoid->begin && subj->end >= avoid->end) continue;
      if (NpActors(*subj).empty()) {
        // A subject that names no actor: is any actor-bearing NP inside it (possessives)?
        const ActorSpan* inner = nullptr;
        for (const auto& s : spans_)
          if (s.begin >= subj->begin && s.end <= subj->end && (!inner || s.begin < inner->begin))
            inner = &s;
        if (inner) return inner->node;
        *blocked = true;
        return nullptr;
      }
      return subj;
    }
    return nullptr;
  }

  // First actor-bearing NP after `from` inside `vp` (pre-order, outermost first).
  const PennNode* FirstActorAfter(const PennNode* n, int from, const PennNode* skip) {
    if (n->end <= from) return nullptr;
    if (IsNp(n->Base()) && n->begin >= from && n != skip && !NpActors(*n).empty()) return n;
    for (const auto& c : n->children) {
      const PennNode* f = FirstActorAfter(c.get(), from, skip);
      if (f) return f;
    }
    return nullptr;
  }

  bool IsPassive(int verb, const PennNode* vp) {
    if (t_.leaves()[verb]->label != "VBN") return false;
    static const std::set<std::string> kBe = {"IS", "WAS", "WERE", "BE", "BEEN", "BEING", "ARE",
                                              "AM", "GET", "GOT", "GETS"};
    for (const PennNode* p = vp; p && p->Base() == "VP"; p = p->parent)
      for (const auto& c : p->children)
        if (c->IsLeaf() && c->leaf < verb && kBe.count(w_[c->leaf])) return true;
    return false;
  }

  const PennNode* ByPhrase(const PennNode* vp, int after) {
    for (const auto& c : vp->children) {
      if (c->begin < after || c->IsLeaf() || IsClause(c->Base()) || c->Base() == "SBAR") continue;
      if (c->Base() == "PP" && !c->children.empty() && Upper(c->children[0]->word) == "BY") {
        for (const auto& np : c->children)
          if (IsNp(np->Base())) return np.get();
      }
      if (c->Base() == "ADVP" || c->Base() == "PP" || c->Base() == "VP") {
        if (const PennNode* b = ByPhrase(c.get(), after)) return b;
      }
    }
    return nullptr;
  }

  // Codes the verb at leaf i; true when it has a (non-null) code, whether or not an event
  // came out of it.
  bool CodeVerb(int i, std::set<CodedEvent>* out, std::vector<bool>* used) {
    // Longest dictionary form around leaf i.
    const VerbDictionary::FormRef* best = nullptr;
    int best_lo = i, best_len = 0;
    auto refs = d_.verbs.Lookup(w_[i]);
    for (const auto& r : refs) {
      const VerbEntry& v = d_.verbs.families()[r.family].verbs[r.verb];
      const auto& form = v.forms[r.form];
      int h = std::min<int>(v.head, static_cast<int>(form.size()) - 1);
      int lo = i - h;
      if (lo < 0 || !PhraseFwd(form, lo, static_cast<int>(w_.size()))) continue;
      if (static_cast<int>(form.size()) > best_len) {
        best = &r;
        best_lo = lo;
        best_len = static_cast<int>(form.size());
      }
    }
    if (!best) return false;
    int vb = best_lo, ve = best_lo + best_len;
    for (int k = vb; k < ve; ++k) (*used)[k] = true;
    const VerbFamily& fam = d_.verbs.families()[best->family];
    const VerbEntry& entry = fam.verbs[best->verb];
    const PennNode* vp = t_.leaves()[i]->parent;
    // Candidate families: all holding this form (same words).
    std::vector<int> fams = {best->family};
    for (const auto& r : refs) {
      const VerbEntry& v = d_.verbs.families()[r.family].verbs[r.verb];
      if (r.family != best->family && v.forms[r.form].size() == static_cast<size_t>(best_len) &&
          std::find(fams.begin(), fams.end(), r.family) == fams.end())
        fams.push_back(r.family);
    }
    const VerbPattern* hit = nullptr;
    Match m;
    for (int f : fams) {
      for (const auto& p : d_.verbs.families()[f].patterns) {
        if (!ValidCode(p.code)) continue;
        Match cand;
        if (!MatchPre(p, vb - 1, &cand)) continue;
        if (!MatchPost(p, ve, vp->end, &cand)) continue;
        hit = &p;
        m = cand;
        break;
      }
      if (hit) break;
    }
    std::string code, paired;
    if (hit) {
      code = hit->code;
      paired = hit->paired_code;
    } else if (!entry.code.empty()) {
      code = entry.code;
      paired = entry.paired_code;
    } else {
      code = fam.code;
      paired = fam.paired_code;
    }
    if (code.empty() || code == "---") return false;

    std::vector<std::string> sources, targets;
    bool compound = false;
    if (m.compound && !m.compound_after) {
      sources = m.compound->codes;
      compound = true;
    } else if (m.compound) {
      targets = m.compound->codes;
    }
    if (m.source) {
      sources = m.source->codes;
    }
    const ActorSpan* avoid = m.target ? m.target : m.compound;
    const PennNode* subj = nullptr;
    bool blocked = false;
    if (!compound && !m.source) {
      subj = Subject(t_.leaves()[i], avoid, &blocked);
      if (subj) sources = NpActors(*subj);
    }
    if (m.target) {
      targets = m.target->codes;
    } else if (!compound && !m.compound) {
      const PennNode* skip = subj;
      const PennNode* obj = FirstActorAfter(vp, ve, skip);
      if (obj) targets = NpActors(*obj);
      if (!m.source && IsPassive(i, vp)) {
        if (const PennNode* by = ByPhrase(vp, ve)) {
          targets = sources;
          sources = NpActors(*by);
        }
      }
      // A compound subject with nothing after the verb acts on itself ("Gondor and
      // Osgiliath have renewed ties").
      if (targets.empty() && sources.size() > 1) compound = true;
    }
    std::string why = hit ? "line " + std::to_string(hit->line) + ": " + hit->text : "verb default";
    std::string verb;
    for (int k = vb; k < ve; ++k) verb += (k > vb ? " " : "") + w_[k];
    auto emit = [&](const std::string& s, const std::string& t, const std::string& c) {
      if (s.empty() || c.empty() || c == "---") return;
      out->insert({s, t, c, verb, why});
    };
    if (compound) {
      for (const auto& a : sources)
        for (const auto& b : sources)
          if (a != b) emit(a, b, code);
      return true;
    }
    // Without require_dyad a null target still needs a noun phrase after the verb (one with no
    // actor: "said on Saturday"); a bare temporal NP ("said today") is not one.
    if (targets.empty() && !o_.require_dyad && PlainNpAfter(vp, ve)) targets = {"---"};
    for (const auto& s : sources)
      for (const auto& t : targets) {
        if (s == t) continue;
        emit(s, t, code);
        if (!paired.empty() && t != "---") emit(t, s, paired);
      }
    return true;
  }

  // Whether `n` holds an NP (not a temporal NP-TMP) starting at or after word `from`.
  bool PlainNpAfter(const PennNode* n, int from) {
    if (n->end <= from) return false;
    if (n->label == "NP" && n->begin >= from) return true;
    for (const auto& c : n->children)
      if (PlainNpAfter(c.get(), from)) return true;
    return false;
  }

  const Dictionaries& d_;
  const PennTree& t_;
  const std::vector<std::string>& w_;
  DateNum date_;
  const CoderOptions& o_;
  std::vector<ActorSpan> spans_;
  std::map<const PennNode*, std::vector<std::string>> memo_;
};

// ---- comma-delimited clauses ----

// Words as PETRARCH counts them: tokens starting with a letter.
int CountWords(const PennTree& t, const std::vector<bool>& gone, int from, int to) {
  int n = 0;
  for (int k = std::max(from, 0); k < to; ++k)
    if (!gone[k] && std::isalpha(static_cast<unsigned char>(t.words()[k][0]))) ++n;
  return n;
}

// Whether a comma can delimit a clause: not inside a noun phrase's own words ("complete, full
// ties") or list ("A, B and C"); an appositive comma between two NPs ("Osgiliath, the
// state's foe") does.
bool ClauseComma(const PennNode& comma) {
  const PennNode* p = comma.parent;
  if (!p || !IsNp(p->Base())) return true;
  // At the edge of a noun phrase (a converted dependency parse can put it there) it is outside.
  if (p->children.front().get() == &comma || p->children.back().get() == &comma) return true;
  for (const auto& c : p->children)
    if (c->label == "CC" || c->Base() == "CONJP") return false;
  const PennNode *before = nullptr, *after = nullptr;
  for (size_t k = 0; k < p->children.size(); ++k)
    if (p->children[k].get() == &comma) {
      if (k > 0) before = p->children[k - 1].get();
      if (k + 1 < p->children.size()) after = p->children[k + 1].get();
    }
  return before && after && IsNp(before->Base()) && IsNp(after->Base());
}

// Leaves to delete: the initial clause, then the terminal clause, then internal clauses, each
// when its length is within the options' limits. A comma whose parent is a noun phrase
// (appositive, list) delimits no clause. Deleted commas stay, so a later kind can use them.
std::vector<bool> CommaClauses(const PennTree& t, const CoderOptions& o) {
  const auto& leaves = t.leaves();
  int n = static_cast<int>(leaves.size());
  std::vector<bool> gone(n, false);
  std::vector<int> commas;
  for (int k = 0; k < n; ++k)
    if (leaves[k]->label == "," && ClauseComma(*leaves[k])) commas.push_back(k);
  if (commas.empty()) return gone;
  auto within = [](int c, int lo, int hi) { return c >= lo && c <= hi; };
  if (o.comma_bmax > 0 && within(CountWords(t, gone, 0, commas.front()), o.comma_bmin, o.comma_bmax))
    for (int k = 0; k < commas.front(); ++k) gone[k] = true;
  if (o.comma_emax > 0) {
    int end = n;  // the sentence-final punctuation stays
    while (end > 0 && !std::isalnum(static_cast<unsigned char>(t.words()[end - 1][0])) &&
           end - 1 > commas.back())
      --end;
    if (within(CountWords(t, gone, commas.back() + 1, end), o.comma_emin, o.comma_emax))
      for (int k = commas.back() + 1; k < end; ++k) gone[k] = true;
  }
  if (o.comma_max > 0)
    for (size_t c = 0; c + 1 < commas.size(); ++c)
      if (within(CountWords(t, gone, commas[c] + 1, commas[c + 1]), o.comma_min, o.comma_max))
        for (int k = commas[c] + 1; k < commas[c + 1]; ++k) gone[k] = true;
  return gone;
}

// Writes `n` without the deleted leaves (and the phrases left empty); false when nothing is
// left of it.
bool WriteKept(const PennNode& n, const std::vector<bool>& gone, std::string* out) {
  if (n.IsLeaf()) {
    if (gone[n.leaf]) return false;
    *out += "(" + n.label + " " + n.word + ")";
    return true;
  }
  std::string inner;
  for (const auto& c : n.children) {
    std::string part;
    if (WriteKept(*c, gone, &part)) inner += (inner.empty() ? "" : " ") + part;
  }
  if (inner.empty()) return false;
  *out += "(" + n.label + " " + inner + ")";
  return true;
}

}  // namespace

CodingResult TabariCoder::Code(std::string_view text, std::string_view parse, DateNum date,
                               const CoderOptions& options) const {
  CodingResult r;
  if (const DiscardEntry* e = d_->discards.Find(text)) {
    r.error = e->story ? "storydiscard" : "sentencediscard";
    r.detail = "discard phrase '" + e->phrase + "' (line " + std::to_string(e->line) + ")";
    return r;
  }
  auto tree = PennTree::Parse(parse);
  if (!tree.ok()) {
    r.error = "bad_input_parse";
    r.detail = tree.status().message();
    return r;
  }
  std::vector<bool> gone = CommaClauses(*tree, options);
  if (std::find(gone.begin(), gone.end(), true) != gone.end()) {
    std::string kept;
    if (WriteKept(tree->root(), gone, &kept)) {
      auto pruned = PennTree::Parse(kept);
      if (pruned.ok()) *tree = std::move(*pruned);
    }
  }
  SentenceCoder sc(*d_, *tree, date, options);
  r.events = sc.Run();
  return r;
}

}  // namespace entente::tabari
