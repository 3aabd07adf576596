// An approximate Penn Treebank bracketing from a dependency parse (Universal Dependencies
// relations and Penn XPOS tags), good enough for the TABARI-style coder (coder.h), which reads
// phrase-structure trees: clauses are S -> [left material] NP VP, verb phrases hold their
// auxiliaries, the verb and its complements, noun phrases are the head noun's subtree without
// its clausal dependents, prepositional dependents become PP, marked clauses SBAR, coordinated
// phrases (NP (NP a) (CC and) (NP b)) and (VP (VP ..) (CC and) (VP ..)). See dep_to_penn.cc.
#ifndef ENTENTE_CODER_TABARI_DEP_TO_PENN_H_
#define ENTENTE_CODER_TABARI_DEP_TO_PENN_H_

#include <string>
#include <vector>

#include "entente/document.h"

namespace entente::tabari {

struct DepToken {
  std::string word;    // surface form
  std::string xpos;    // Penn tag ("NNP", "VBD", ","); empty: derived from upos
  std::string upos;    // Universal POS, may be empty
  int head = -1;       // index of the head in the sentence, -1 for the root
  std::string deprel;  // UD relation ("nsubj", "obl:tmp", ...)
};

// The bracketing "(ROOT (S ...))" of one sentence; every token is one preterminal, in order.
// Tolerates bad input: heads out of range, cycles and several roots are repaired (attached to
// the first root), non-projective arcs are lifted. Empty input gives "(ROOT (X))"-free "".
std::string DependencyToPenn(const std::vector<DepToken>& tokens);

// The tokens of an annotated sentence of `doc` (Token::xpos, head, deprel filled by the nlp
// stage), ready for DependencyToPenn.
std::vector<DepToken> SentenceDepTokens(const Document& doc, const Sentence& sentence);

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_DEP_TO_PENN_H_
