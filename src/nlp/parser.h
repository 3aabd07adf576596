// Dependency parser producing UD relations.
//
// Choice: a greedy transition-based parser using the arc-hybrid system (Kuhlmann et al. 2011)
// with labelled transitions (SHIFT, LEFT-l, RIGHT-l), scored by an averaged perceptron over
// Zhang & Nivre (2011) style feature templates adapted to the arc-hybrid configuration (stack
// s0..s2, buffer b0..b2, leftmost/rightmost children, distance, valency, label sets). Arc-hybrid
// was chosen over arc-eager because its dynamic oracle (Goldberg & Nivre 2013) is exact and
// cheap to compute (each transition's cost counts gold arcs it makes unreachable), which lets
// training explore the model's own mistakes; a greedy parser is linear-time and fast enough for
// the 150k tokens/s budget. Word-cluster features (word_clusters.h) back off from word forms. The artificial ROOT sits at the end of the buffer and may take a
// LEFT arc only when the stack holds exactly one word, so every parse is a tree with exactly one
// root. Non-projective training trees are projectivised by lifting (the parser outputs
// projective trees only). Immutable after loading; Parse is const and thread-safe.
#ifndef ENTENTE_NLP_PARSER_H_
#define ENTENTE_NLP_PARSER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "nlp/model_format.h"
#include "nlp/weights.h"
#include "nlp/word_atoms.h"
#include "nlp/word_clusters.h"

namespace entente::nlp {

// A parser configuration (exposed for the trainer).
struct ParseState {
  int n = 0;               // number of words; index n is ROOT
  std::vector<int> stack;  // word indices, top at back()
  int b = 0;               // buffer front; buffer = b..n (n = ROOT)
  std::vector<int> head;   // per word, -1 until attached (n = ROOT)
  std::vector<int> label;  // per word
  // Per word (and ROOT at n): two leftmost and two rightmost children, counts, label bitsets.
  std::vector<int> lc1, lc2, rc1, rc2, nl, nr;
  std::vector<uint64_t> lset, rset;

  void Init(int words);
  bool Terminal() const { return b == n && stack.empty(); }
  void AddArc(int h, int d, int l);
};

class Parser {
 public:
  static constexpr int kMaxFeatures = 128;
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static uint64_t Fingerprint();

  std::vector<std::string> labels;  // dependency relations; index = label id
  int root_label = 0;               // id of "root"
  SparseWeights weights;            // classes: 0 SHIFT, 1+l LEFT-l, 1+L+l RIGHT-l
  WordClusters clusters;            // cluster features (empty: every word is kUnknown)

  int num_labels() const { return static_cast<int>(labels.size()); }
  int num_actions() const { return 1 + 2 * num_labels(); }

  static Result<std::unique_ptr<Parser>> Load(std::string_view bytes, const std::string& name);
  std::string Serialize(const ModelHeader& header) const;

  // Parses one sentence: atoms and tag hashes (HashString of the XPOS) per word. Writes heads
  // (-1 for the root) and label ids.
  void Parse(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
             std::vector<int>* heads, std::vector<int>* label_ids) const;

  // --- Shared with the trainer ---
  bool Valid(const ParseState& s, int action) const;
  void Apply(ParseState* s, int action) const;
  // cl = clusters.LookupAll(atoms).
  static int Features(const ParseState& s, const std::vector<WordAtoms>& atoms,
                      const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                      uint64_t* out);
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_PARSER_H_
