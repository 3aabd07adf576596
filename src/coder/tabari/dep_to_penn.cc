// Dependency parse -> approximate Penn bracketing.
//
// The tree is first repaired (heads out of range and cycles become roots, extra roots hang
// from the first, non-projective dependents are lifted to their head's head until every
// subtree is a contiguous span), so every phrase built below covers contiguous words and
// sorting a phrase's parts by their first word keeps the sentence order.
//
// Each token's phrase is built from its dependents by what the token is:
//  - clause (a verb, or any word with a subject or copula): S -> [what precedes the subject]
//    NP(subject) VP(auxiliaries, adverbs, the verb or predicate, complements); without a
//    subject S -> VP. Final punctuation stays in S. Conjuncts with their own subject make
//    (S (S ..) (CC and) (S ..)), others (VP (VP ..) (CC and) (VP ..)).
//  - noun: NP -> determiners, modifiers, possessors (NP .. (POS 's)), the noun, compounds;
//    when it has prepositional, clausal or appositive dependents, (NP (NP core) PP/SBAR/VP ..);
//    conjuncts make (NP (NP a) (, ,) (NP b) (CC and) (NP c)).
//  - other words: a leaf, or ADJP/ADVP/QP/X around their dependents.
// How a phrase attaches to its head: a noun with a preposition (case) becomes
// (PP (IN of) (NP ..)); a clause with a subordinator (mark) (SBAR (IN after) (S ..)); a relative
// clause (SBAR (WHNP who) (S ..)); a temporal bare noun (obl:tmp) NP-TMP.
#include "coder/tabari/dep_to_penn.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace entente::tabari {
namespace {

struct Node {
  std::string label;
  std::string word;  // preterminals only
  std::vector<Node> children;
  int lo = 0, hi = 0;  // token span [lo, hi)
  bool IsLeaf() const { return children.empty() && !word.empty(); }
};

std::string_view Base(std::string_view rel) { return rel.substr(0, rel.find(':')); }

std::string TagFromUpos(std::string_view u) {
  if (u == "NOUN") return "NN";
  if (u == "PROPN") return "NNP";
  if (u == "VERB" || u == "AUX") return "VB";
  if (u == "ADJ") return "JJ";
  if (u == "ADV") return "RB";
  if (u == "ADP" || u == "SCONJ") return "IN";
  if (u == "DET") return "DT";
  if (u == "PRON") return "PRP";
  if (u == "NUM") return "CD";
  if (u == "CCONJ") return "CC";
  if (u == "PART") return "RP";
  if (u == "PUNCT") return ",";
  return "XX";
}

std::string Escape(std::string_view w) {
  if (w == "(") return "-LRB-";
  if (w == ")") return "-RRB-";
  std::string out;
  for (char c : w) {
    if (c == '(' || c == '[' || c == '{') out += "-LRB-";
    else if (c == ')' || c == ']' || c == '}') out += "-RRB-";
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') out += '_';
    else out += c;
  }
  return out.empty() ? "-NONE-" : out;
}

class Converter {
 public:
  explicit Converter(const std::vector<DepToken>& t) : t_(t), n_(static_cast<int>(t.size())) {
    tag_.resize(n_);
    for (int i = 0; i < n_; ++i) tag_[i] = t[i].xpos.empty() ? TagFromUpos(t[i].upos) : t[i].xpos;
    Repair();
    kids_.assign(n_, {});
    for (int i = 0; i < n_; ++i)
      if (head_[i] >= 0) kids_[head_[i]].push_back(i);
    lo_.assign(n_, 0);
    hi_.assign(n_, 0);
    Span(root_);
  }

  std::string Run() {
    Node top = IsClause(root_, {}) ? Clause(root_, {}) : NominalRoot();
    Node root{"ROOT", "", {}, 0, n_};
    root.children.push_back(std::move(top));
    // Every word once, in order; a construction this file gets wrong falls back to one flat
    // verb phrase rather than a tree with words out of place.
    std::vector<int> order;
    Leaves(root, &order);
    bool in_order = static_cast<int>(order.size()) == n_;
    for (int i = 0; in_order && i < n_; ++i) in_order = order[i] == i;
    if (!in_order) {
      Node vp{"VP", "", {}, 0, n_};
      for (int i = 0; i < n_; ++i) vp.children.push_back(Leaf(i));
      root.children.clear();
      root.children.push_back(Node{"S", "", {}, 0, n_});
      root.children[0].children.push_back(std::move(vp));
    }
    std::string out;
    Write(root, &out);
    return out;
  }

 private:
  // ---- repair ----
  bool Descends(int k, int h) const {  // k is h or below it
    for (int steps = 0; k >= 0 && steps <= n_; ++steps, k = head_[k])
      if (k == h) return true;
    return false;
  }

  void Repair() {
    head_.assign(n_, -1);
    for (int i = 0; i < n_; ++i) {
      int h = t_[i].head;
      head_[i] = (h >= 0 && h < n_ && h != i) ? h : -1;
    }
    // Cycles: a token whose head chain never reaches a root becomes a root.
    for (int i = 0; i < n_; ++i) {
      int k = i, steps = 0;
      while (k >= 0 && steps <= n_) k = head_[k], ++steps;
      if (k >= 0) head_[i] = -1;
    }
    root_ = -1;
    for (int i = 0; i < n_ && root_ < 0; ++i)
      if (head_[i] < 0 && t_[i].deprel == "root") root_ = i;
    for (int i = 0; i < n_ && root_ < 0; ++i)
      if (head_[i] < 0) root_ = i;
    for (int i = 0; i < n_; ++i)
      if (head_[i] < 0 && i != root_) head_[i] = root_;
    // Non-projective arcs: lift the dependent until every word between it and its head
    // descends from the head. Each lift moves one step up, so this ends.
    for (bool changed = true; changed;) {
      changed = false;
      for (int d = 0; d < n_; ++d) {
        int h = head_[d];
        if (h < 0) continue;
        for (int k = std::min(d, h) + 1; k < std::max(d, h); ++k)
          if (!Descends(k, h)) {
            head_[d] = head_[h] >= 0 ? head_[h] : root_;
            if (head_[d] == d) head_[d] = -1;
            changed = true;
            break;
          }
      }
    }
  }

  void Span(int h) {
    lo_[h] = hi_[h] = h;
    for (int k : kids_[h]) {
      Span(k);
      lo_[h] = std::min(lo_[h], lo_[k]);
      hi_[h] = std::max(hi_[h], hi_[k]);
    }
  }

  // ---- word classes ----
  std::string_view Rel(int i) const { return Base(t_[i].deprel); }
  bool Verbal(int i) const {
    return tag_[i].rfind("VB", 0) == 0 || tag_[i] == "MD";
  }
  bool Nominal(int i) const {
    const std::string& x = tag_[i];
    if (Verbal(i)) return false;
    if (x.rfind("NN", 0) == 0 || x == "PRP" || x == "WP" || x == "EX" || x == "FW") return true;
    std::string_view r = Rel(i);
    bool arg = r == "nsubj" || r == "obj" || r == "iobj" || r == "obl" || r == "nmod" ||
               r == "appos" || r == "expl" || r == "vocative";
    return arg && (x == "CD" || x == "DT" || x == "WDT" || x == "$" || x == "XX");
  }
  bool HasKid(int h, std::initializer_list<std::string_view> rels, const std::set<int>& skip) const {
    for (int k : kids_[h])
      if (!skip.count(k))
        for (auto r : rels)
          if (Rel(k) == r) return true;
    return false;
  }
  bool IsClause(int h, const std::set<int>& skip) const {
    if (Verbal(h)) {
      std::string_view r = Rel(h);
      return r != "aux" && r != "cop";
    }
    return HasKid(h, {"nsubj", "csubj", "cop"}, skip);
  }

  // A root that is no clause. A noun followed by a subjectless clause ("officials [are about
  // to restore ..]", a parse that missed the verb as root) is read as its subject:
  // (S (NP noun ..) (VP ..)).
  Node NominalRoot() {
    if (Nominal(root_)) {
      for (int k : kids_[root_]) {
        if (k < root_ || !IsClause(k, {}) || HasKid(k, {"nsubj", "csubj", "expl"}, {})) continue;
        std::set<int> rest;
        for (int j : kids_[root_])
          if (j >= k) rest.insert(j);
        std::vector<Node> parts{NounPhrase(root_, rest, "NP")};
        Node clause = Clause(k, {});
        if (clause.children.size() == 1 && clause.children[0].label == "VP")
          parts.push_back(std::move(clause.children[0]));
        else
          parts.push_back(std::move(clause));
        for (int j : rest)
          if (j != k) parts.push_back(Attach(j));
        return Make("S", std::move(parts));
      }
    }
    return Attach(root_);
  }

  // Whether tokens [from, to) are only punctuation and conjunctions.
  bool OnlyJoiners(int from, int to) const {
    for (int i = from; i < to; ++i)
      if (tag_[i] != "," && tag_[i] != "CC" && tag_[i] != ":") return false;
    return true;
  }

  // ---- nodes ----
  Node Leaf(int i) const { return Node{tag_[i], Escape(t_[i].word), {}, i, i + 1}; }
  static Node Make(std::string label, std::vector<Node> parts) {
    std::sort(parts.begin(), parts.end(), [](const Node& a, const Node& b) { return a.lo < b.lo; });
    Node n{std::move(label), "", std::move(parts), 0, 0};
    n.lo = n.children.front().lo;
    n.hi = n.children.back().hi;
    return n;
  }
  // All words of k's subtree as leaves (for multi-word modifiers kept flat inside an NP).
  void Flat(int k, std::vector<Node>* out) const {
    for (int i = lo_[k]; i <= hi_[k]; ++i) out->push_back(Leaf(i));
  }

  // The phrase of dependent d as its head sees it.
  Node Attach(int d) {
    std::string_view rel = Rel(d);
    if (kids_[d].empty() && !Nominal(d) && !(Verbal(d) && rel != "aux" && rel != "cop"))
      return Leaf(d);
    // Subordinator or relative word in front of a clause.
    if (IsClause(d, {})) {
      std::set<int> outside;
      std::vector<Node> front;
      for (int k : kids_[d]) {
        if (k > d) break;
        if (Rel(k) == "mark" && tag_[k] != "TO") {
          // everything from the clause start up to the subordinator goes in front
          for (int j : kids_[d])
            if (j <= k && !outside.count(j)) {
              outside.insert(j);
              front.push_back(Attach(j));
            }
        }
      }
      if (t_[d].deprel == "acl:relcl") {
        // The relative word, and what precedes it, go in front of the clause.
        int wh = -1;
        for (int k : kids_[d]) {
          if (k > d) break;
          const std::string& x = tag_[k];
          if (x == "WDT" || x == "WP" || x == "WP$" || x == "WRB") {
            wh = k;
            break;
          }
        }
        for (int k : kids_[d])
          if (k <= wh && !outside.count(k)) {
            outside.insert(k);
            Node w = kids_[k].empty() ? Leaf(k) : Attach(k);
            if (k == wh) w = Make(tag_[k] == "WRB" ? "WHADVP" : "WHNP", {std::move(w)});
            front.push_back(std::move(w));
          }
      }
      Node s = Clause(d, outside);
      if (front.empty()) {
        // A reduced relative ("a woman believed linked ..."): the verb phrase itself.
        if (rel == "acl" && s.children.size() == 1 && s.children[0].label == "VP")
          return std::move(s.children[0]);
        return s;
      }
      front.push_back(std::move(s));
      return Make("SBAR", std::move(front));
    }
    // Preposition in front of a nominal (or other) phrase.
    int prep = -1;
    for (int k : kids_[d]) {
      if (k > d) break;
      if (Rel(k) == "case" && tag_[k] != "POS") prep = k;
    }
    if (prep >= 0) {
      std::set<int> outside;
      std::vector<Node> parts;
      for (int k : kids_[d])
        if (k <= prep) {
          outside.insert(k);
          parts.push_back(Attach(k));
        }
      parts.push_back(Nominal(d) ? NounPhrase(d, outside, "NP") : Generic(d, outside));
      return Make("PP", std::move(parts));
    }
    if (Nominal(d)) {
      bool tmp = t_[d].deprel == "obl:tmp" || t_[d].deprel == "nmod:tmp" ||
                 t_[d].deprel == "obl:npmod" || t_[d].deprel == "nmod:npmod";
      return NounPhrase(d, {}, tmp ? "NP-TMP" : "NP");
    }
    return Generic(d, {});
  }

  // Coordination: conj dependents with the cc/punct words in front of them.
  struct Conjuncts {
    std::vector<int> conj;
    std::set<int> connectors;  // left cc/punct/preconj children of the conjuncts
  };
  Conjuncts FindConjuncts(int h, const std::set<int>& skip) const {
    Conjuncts c;
    for (int k : kids_[h])
      if (!skip.count(k) && Rel(k) == "conj" && k > h) c.conj.push_back(k);
    for (int k : c.conj)
      for (int j : kids_[k])
        if (j < k && (Rel(j) == "cc" || Rel(j) == "punct")) c.connectors.insert(j);
    return c;
  }
  // Whether the conjuncts can stand as sister phrases: nothing of h's own follows the first.
  bool Separable(int h, const Conjuncts& c, const std::set<int>& skip) const {
    if (c.conj.empty()) return false;
    int first = lo_[c.conj.front()];
    for (int j : kids_[c.conj.front()])
      if (c.connectors.count(j)) first = std::min(first, lo_[j]);
    for (int k : kids_[h]) {
      if (skip.count(k) || std::find(c.conj.begin(), c.conj.end(), k) != c.conj.end()) continue;
      if (hi_[k] >= first && !(Rel(k) == "punct" && k == kids_[h].back())) return false;
    }
    return true;
  }
  // The sister phrases of a coordination: connectors as leaves, conjuncts built by `build`.
  template <typename F>
  void AddConjuncts(const Conjuncts& c, std::vector<Node>* parts, F build) {
    for (int k : c.conj) {
      std::set<int> skip;
      for (int j : kids_[k])
        if (c.connectors.count(j)) {
          skip.insert(j);
          parts->push_back(Attach(j));
        }
      parts->push_back(build(k, skip));
    }
  }

  Node Clause(int h, std::set<int> skip) {
    Conjuncts c = FindConjuncts(h, skip);
    bool coord = Separable(h, c, skip);
    std::set<int> inner = skip;
    if (coord)
      for (int k : c.conj) inner.insert(k);
    // The subject; several subjects before the verb (a parse that split one noun phrase,
    // "Bree [Prime Minister Romendacil]") are one flat NP from the first to the last.
    int subj = -1, first_subj = -1;
    for (int k : kids_[h])
      if (!inner.count(k) && (Rel(k) == "nsubj" || Rel(k) == "csubj" || Rel(k) == "expl")) {
        if (subj >= 0 && (k > h || !OnlyJoiners(hi_[subj] + 1, lo_[k]))) break;
        if (first_subj < 0) first_subj = k;
        subj = k;
        if (k > h) break;
      }
    // Final punctuation stays at clause level.
    int last = -1;
    for (int k : kids_[h])
      if (!inner.count(k)) last = k;
    bool final_punct = last > h && Rel(last) == "punct" && kids_[last].empty();
    bool own_subjects = false;
    if (coord)
      for (int k : c.conj)
        if (HasKid(k, {"nsubj", "csubj", "expl"}, {})) own_subjects = true;

    std::vector<Node> s_parts, vp_parts;
    std::vector<Node> merged;  // words of several subjects
    for (int k : kids_[h]) {
      if (inner.count(k)) continue;
      if (final_punct && k == last) continue;
      if (subj != first_subj && k >= first_subj && k <= subj) {
        Flat(k, &merged);
      } else if (subj >= 0 && k <= subj) {
        s_parts.push_back(Attach(k));
      } else {
        vp_parts.push_back(Attach(k));
      }
    }
    if (!merged.empty()) s_parts.push_back(Make("NP", std::move(merged)));
    // The head itself: the verb, or the predicate phrase of a copular clause.
    if (Verbal(h)) {
      vp_parts.push_back(Leaf(h));
    } else {
      std::set<int> clause_level = inner;
      for (int k : kids_[h]) {
        std::string_view r = Rel(k);
        if (r == "nsubj" || r == "csubj" || r == "expl" || r == "cop" || r == "aux" ||
            r == "mark" || r == "advcl" || r == "parataxis" || r == "punct" || r == "discourse" ||
            (r == "advmod" && k < h))
          clause_level.insert(k);
      }
      std::set<int> pred_skip;  // everything not in the predicate
      for (int k : kids_[h])
        if (clause_level.count(k)) pred_skip.insert(k);
      // Clause-level words inside the predicate's span belong to it (keeps words in order).
      int plo = h, phi = h;
      for (int k : kids_[h])
        if (!pred_skip.count(k)) plo = std::min(plo, lo_[k]), phi = std::max(phi, hi_[k]);
      for (int k : kids_[h])
        if (pred_skip.count(k) && !inner.count(k) && k > plo && k < phi) pred_skip.erase(k);
      vp_parts.erase(std::remove_if(vp_parts.begin(), vp_parts.end(),
                                    [&](const Node& p) { return p.lo >= plo && p.hi <= phi + 1; }),
                     vp_parts.end());
      vp_parts.push_back(Nominal(h) ? NounPhrase(h, pred_skip, "NP") : Generic(h, pred_skip));
    }
    Node vp = Make("VP", std::move(vp_parts));
    if (coord && !own_subjects) {
      std::vector<Node> parts{std::move(vp)};
      AddConjuncts(c, &parts, [&](int k, const std::set<int>& sk) {
        Node s = Conjunct(k, sk);
        if (s.label == "S" && s.children.size() == 1 && s.children[0].label == "VP") {
          Node v = std::move(s.children[0]);
          return v;
        }
        return s;
      });
      vp = Make("VP", std::move(parts));
    }
    s_parts.push_back(std::move(vp));
    if (final_punct) s_parts.push_back(Leaf(last));
    Node s = Make("S", std::move(s_parts));
    if (coord && own_subjects) {
      std::vector<Node> parts;
      // The final punctuation closes the whole coordination.
      Node fp;
      bool moved = false;
      if (final_punct && s.children.back().lo == last) {
        fp = std::move(s.children.back());
        s.children.pop_back();
        s.hi = s.children.back().hi;
        moved = true;
      }
      parts.push_back(std::move(s));
      AddConjuncts(c, &parts, [&](int k, const std::set<int>& sk) { return Conjunct(k, sk); });
      if (moved) parts.push_back(std::move(fp));
      return Make("S", std::move(parts));
    }
    return s;
  }

  Node NounPhrase(int h, const std::set<int>& skip, const std::string& label) {
    Conjuncts c = FindConjuncts(h, skip);
    bool coord = Separable(h, c, skip);
    std::set<int> inner = skip;
    if (coord)
      for (int k : c.conj) inner.insert(k);
    std::vector<Node> core, attached;
    bool after_attachment = false;
    for (int k : kids_[h]) {
      if (inner.count(k)) continue;
      if (coord && c.connectors.count(k)) continue;
      std::string_view r = Rel(k);
      if (k < h) {
        if (r == "nmod" && t_[k].deprel == "nmod:poss" && !kids_[k].empty()) {
          core.push_back(Attach(k));
        } else if (r == "acl" || r == "advcl" || (r == "nmod" && HasKid(k, {"case"}, {}))) {
          attached.push_back(Attach(k));
        } else {
          Flat(k, &core);
        }
        continue;
      }
      bool simple = !after_attachment &&
                    (r == "compound" || r == "flat" || r == "fixed" || r == "goeswith" ||
                     r == "nummod" || r == "amod" || r == "det" ||
                     (r == "case" && tag_[k] == "POS") ||
                     (r == "punct" && k == h + 1 && t_[k].word == "-"));
      if (simple) {
        Flat(k, &core);
      } else {
        after_attachment = true;
        attached.push_back(Attach(k));
      }
    }
    core.push_back(Leaf(h));
    Node np = Make(attached.empty() && !coord ? label : "NP", std::move(core));
    if (!attached.empty()) {
      attached.push_back(std::move(np));
      np = Make(coord ? "NP" : label, std::move(attached));
    }
    if (coord) {
      std::vector<Node> parts{std::move(np)};
      AddConjuncts(c, &parts, [&](int k, const std::set<int>& sk) { return Conjunct(k, sk); });
      np = Make(label, std::move(parts));
    }
    return np;
  }

  // A conjunct without the connectors in `skip`.
  Node Conjunct(int k, const std::set<int>& skip) {
    if (IsClause(k, skip)) return Clause(k, skip);
    if (Nominal(k)) return NounPhrase(k, skip, "NP");
    return Generic(k, skip);
  }

  Node Generic(int h, const std::set<int>& skip) {
    std::vector<Node> parts;
    for (int k : kids_[h])
      if (!skip.count(k)) parts.push_back(Attach(k));
    if (parts.empty()) return Leaf(h);
    parts.push_back(Leaf(h));
    const std::string& x = tag_[h];
    std::string label = x.rfind("JJ", 0) == 0 ? "ADJP"
                        : x.rfind("RB", 0) == 0 ? "ADVP"
                        : x == "CD" ? "QP"
                        : x == "IN" || x == "TO" ? "PP"
                        : "X";
    return Make(label, std::move(parts));
  }

  static void Leaves(const Node& n, std::vector<int>* out) {
    if (n.IsLeaf()) out->push_back(n.lo);
    for (const auto& c : n.children) Leaves(c, out);
  }

  static void Write(const Node& n, std::string* out) {
    *out += '(';
    *out += n.label;
    if (n.IsLeaf()) {
      *out += ' ';
      *out += n.word;
    }
    for (const auto& c : n.children) {
      *out += ' ';
      Write(c, out);
    }
    *out += ')';
  }

  const std::vector<DepToken>& t_;
  int n_;
  std::vector<std::string> tag_;
  std::vector<int> head_;
  int root_ = -1;
  std::vector<std::vector<int>> kids_;
  std::vector<int> lo_, hi_;
};

}  // namespace

std::string DependencyToPenn(const std::vector<DepToken>& tokens) {
  if (tokens.empty()) return "";
  return Converter(tokens).Run();
}

std::vector<DepToken> SentenceDepTokens(const Document& doc, const Sentence& sentence) {
  std::vector<DepToken> out;
  for (uint32_t i = sentence.first_token; i < sentence.end_token && i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    DepToken d;
    d.word = std::string(doc.TokenText(i));
    d.xpos = t.xpos;
    d.upos = t.upos;
    d.head = t.head;
    d.deprel = t.deprel;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace entente::tabari
