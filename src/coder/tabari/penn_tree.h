// A Penn Treebank constituency tree, as written in PETRARCH records: "(ROOT (S (NP (NNP Arnor))
// (VP (VBZ is) ...)))". Leaves are preterminals (TAG word).
#ifndef ENTENTE_CODER_TABARI_PENN_TREE_H_
#define ENTENTE_CODER_TABARI_PENN_TREE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"

namespace entente::tabari {

struct PennNode {
  std::string label;  // "NP", "VBZ", ...; function tags ("NP-SBJ") are kept
  std::string word;   // preterminals only (as written)
  std::vector<std::unique_ptr<PennNode>> children;
  PennNode* parent = nullptr;
  int begin = 0, end = 0;  // word span [begin, end) in the sentence
  int leaf = -1;           // word index for preterminals

  bool IsLeaf() const { return leaf >= 0; }
  // Label without function tags: "NP-SBJ" -> "NP".
  std::string_view Base() const;
};

class PennTree {
 public:
  // Parses one tree. InvalidArgument "byte N: reason" on unbalanced parentheses, a missing
  // label, or text after the tree.
  static Result<PennTree> Parse(std::string_view text);

  const PennNode& root() const { return *root_; }
  const std::vector<PennNode*>& leaves() const { return leaves_; }
  // Upper-cased words, one per leaf.
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::unique_ptr<PennNode> root_;
  std::vector<PennNode*> leaves_;
  std::vector<std::string> words_;
};

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_PENN_TREE_H_
