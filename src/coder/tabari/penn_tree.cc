// Recursive-descent reader for bracketed trees; spans are filled bottom-up after parsing.
#include "coder/tabari/penn_tree.h"

#include <cctype>

#include "coder/tabari/dictionaries.h"

namespace entente::tabari {

std::string_view PennNode::Base() const {
  std::string_view l = label;
  size_t dash = l.find_first_of("-=", 1);
  return dash == std::string_view::npos ? l : l.substr(0, dash);
}

namespace {

struct Reader {
  std::string_view s;
  size_t i = 0;
  std::string error;

  void Skip() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  std::string Token() {
    std::string t;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '(' &&
           s[i] != ')')
      t.push_back(s[i++]);
    return t;
  }
  bool Fail(std::string why) {
    if (error.empty()) error = "byte " + std::to_string(i) + ": " + why;
    return false;
  }
  // Reads "(LABEL ...)" at i.
  bool Node(PennNode* n, int depth) {
    if (depth > 500) return Fail("tree nested too deeply");
    Skip();
    if (i >= s.size() || s[i] != '(') return Fail("expected '('");
    ++i;
    Skip();
    n->label = Token();
    if (n->label.empty()) {
      // "( (S ...))": an unlabelled root, as some treebanks write it.
      n->label = "ROOT";
    }
    Skip();
    if (i < s.size() && s[i] != '(' && s[i] != ')') {
      n->word = Token();
      Skip();
      if (i >= s.size() || s[i] != ')') return Fail("expected ')' after word '" + n->word + "'");
      ++i;
      n->leaf = 0;  // renumbered later
      return true;
    }
    while (true) {
      Skip();
      if (i >= s.size()) return Fail("unbalanced parentheses: missing ')'");
      if (s[i] == ')') {
        ++i;
        break;
      }
      auto child = std::make_unique<PennNode>();
      child->parent = n;
      if (!Node(child.get(), depth + 1)) return false;
      // "Dol_Amroth": one token for several words; split it into preterminals of the same tag.
      std::string w = child->word;
      size_t us = w.find('_');
      if (child->leaf >= 0 && us != std::string::npos && us > 0 && us + 1 < w.size()) {
        std::string cur;
        for (char ch : w + "_") {
          if (ch != '_') {
            cur.push_back(ch);
            continue;
          }
          if (cur.empty()) continue;
          auto part = std::make_unique<PennNode>();
          part->parent = n;
          part->label = child->label;
          part->word = cur;
          part->leaf = 0;
          n->children.push_back(std::move(part));
          cur.clear();
        }
        continue;
      }
      n->children.push_back(std::move(child));
    }
    if (n->children.empty()) return Fail("empty constituent (" + n->label + ")");
    return true;
  }
};

void Number(PennNode* n, std::vector<PennNode*>* leaves, std::vector<std::string>* words) {
  n->begin = static_cast<int>(leaves->size());
  if (n->leaf >= 0) {
    n->leaf = static_cast<int>(leaves->size());
    leaves->push_back(n);
    words->push_back(Upper(n->word));
  }
  for (auto& c : n->children) Number(c.get(), leaves, words);
  n->end = static_cast<int>(leaves->size());
}

}  // namespace

Result<PennTree> PennTree::Parse(std::string_view text) {
  Reader r;
  r.s = text;
  PennTree t;
  t.root_ = std::make_unique<PennNode>();
  if (!r.Node(t.root_.get(), 0)) return Status::InvalidArgument(r.error);
  r.Skip();
  if (r.i != text.size()) {
    r.Fail(text[r.i] == ')' ? "unbalanced parentheses: extra ')'" : "text after the tree");
    return Status::InvalidArgument(r.error);
  }
  Number(t.root_.get(), &t.leaves_, &t.words_);
  return t;
}

}  // namespace entente::tabari
