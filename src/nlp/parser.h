// Dependency parser producing UD relations.
//
// Choice: a greedy transition-based parser using the arc-hybrid system (Kuhlmann et al. 2011)
// with transitions SHIFT, LEFT-g and RIGHT-g over a few label groups g, scored by an averaged
// perceptron over Zhang & Nivre (2011) style feature templates adapted to the arc-hybrid
// configuration (stack s0..s2, buffer b0..b2, leftmost/rightmost children, distance, valency,
// label sets). Arc-hybrid was chosen over arc-eager because its dynamic oracle (Goldberg & Nivre
// 2013) is exact and cheap to compute (each transition's cost counts gold arcs it makes
// unreachable), which lets training explore the model's own mistakes; a greedy parser is
// linear-time and fast enough for the 150k tokens/s budget. Word-cluster features
// (word_clusters.h) back off from word forms.
//
// Label groups: the most frequent relations are groups of their own, all others share one
// group, whose label is chosen by a second perceptron (one class per relation, its own
// templates over head, dependent and the dependent's finished subtree), run only for arcs of
// that group. Fewer transition classes than 1 + 2 x labels keep the scorer's rows short
// (faster, smaller); groups rather than bare LEFT/RIGHT keep some of the scorer's
// max-over-classes expressiveness (bare LEFT/RIGHT lost ~0.6 dev UAS on the full data).
//
// Scoring (Parse): weights are summed as integers (SparseWeights::ScoreRaw), which is exact, so
// partial sums may be kept and added in any order with a bit-identical result. Templates that
// read the buffer front only (N0..N2) are scored once per sentence and position. Those that
// read only the stack's top words (S0, S1, S2) and the left children of S0 and S1 are scored
// once per word, the first time it is S0: a word's left children are all attached before it is
// shifted, and the words below it stay until it is popped. Those that read a word's right
// children (S0, S1) or N0's left children are kept per word until it gains a child on that
// side; only the rest (N0 with a stack word) are looked up per transition, 29 of the 107.
// Forced moves are not scored. Every lookup goes first to the
// weights' cache-resident hot index (weights.h), which holds the rows Parse asks for most often.
// ParseReference is the same decode without these shortcuts (the tests' reference, and what
// `train hot` runs to count Parse's lookups).
//
// Beam search (ParseBeam, off by default): the same transitions and scores, keeping the k best
// partial parses by the sum of their transition scores. Greedy-trained weights lose accuracy
// under it (docs/accuracy.md); models trained globally (TrainOptions::beam_width, early update,
// train.cc) are meant for it.
//
// Direction (`reverse`): a right-to-left parser is the same parser run over the reversed
// sentence (its ROOT, stack and buffer see the last word first). It is a second, differently
// biased parser for parser combination (reparsing, Sagae & Lavie 2006). Its callers see no
// difference: Parse, ParseBeam and ParseReference take and return everything in sentence order
// (the input is reversed inside and heads are mapped back); only the trainer, and the shared
// configuration-level functions below (Features, Apply, ...), work in the reversed order.
// With `punct_last` the sentence's final punctuation is read last rather than first
// (ReadingOrder): reversed plainly, the final '.' sits at the bottom of the stack, its head
// (nearly always the root) must be guessed when first seen, and a miss makes the '.' the root.
//
// The artificial ROOT sits at the end of the buffer and may take a LEFT arc only when the stack
// holds exactly one word, so every parse is a tree with exactly one root. Non-projective
// training trees are projectivised by lifting (the parser outputs projective trees only).
// Immutable after loading; Parse is const and thread-safe.
#ifndef ENTENTE_NLP_PARSER_H_
#define ENTENTE_NLP_PARSER_H_

#include <cstdint>
#include <functional>
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
  // Transitions (classes of `weights`): 0 SHIFT, 1 + g LEFT-g, 1 + G + g RIGHT-g for label
  // groups g < G (see group_of).
  static constexpr int kShift = 0;
  static constexpr int kMaxFeatures = 160;
  static const char* const kTemplates[];
  static const size_t kNumTemplates;
  static const char* const kLabelTemplates[];
  static const size_t kNumLabelTemplates;
  static uint64_t Fingerprint();  // of both template lists

  std::vector<std::string> labels;  // dependency relations; index = label id
  int root_label = 0;               // id of "root"
  // Label id -> group. "root" is alone in its group; a transition names the group of its arc's
  // label, and the label classifier picks the label within a group of several labels.
  std::vector<int> group_of;
  int num_groups = 0;
  // Reads the sentence right to left (see the top of the file). Stored in the model (format
  // version >= 3; older models are left-to-right). Default: false, left to right.
  bool reverse = false;
  // With `reverse` only: the run of punctuation words (WordAtoms::kAllPunct) that ends the
  // sentence is read last, in sentence order, after the other words right to left (see
  // ReadingOrder). Without it a right-to-left parser reads the final '.' first, at the bottom
  // of its stack, where it must guess its head (nearly always the root) long before it sees it;
  // missed, the '.' ends up as the root (docs/accuracy.md). Stored in the model as direction 2.
  // Default: false (plain reversal; the committed parser-beam-r2l.model sets it).
  bool punct_last = false;
  SparseWeights weights;        // transition scorer: num_transitions() classes
  SparseWeights label_weights;  // label classifier: one class per label
  WordClusters clusters;        // cluster features (empty: every word is kUnknown)

  int num_labels() const { return static_cast<int>(labels.size()); }
  int num_transitions() const { return 1 + 2 * num_groups; }
  bool IsLeft(int t) const { return t >= 1 && t <= num_groups; }
  int GroupOf(int t) const { return IsLeft(t) ? t - 1 : t - 1 - num_groups; }
  // Sets group_of/num_groups: root alone, each label in `own` alone, all others in one group.
  void SetGroups(const std::vector<int>& own);

  // Format version 2 models load as left-to-right; version 3 stores the direction (a byte after
  // the clusters: 0 left to right, 1 `reverse`, 2 `reverse` and `punct_last`; anything else is
  // Corruption).
  static Result<std::unique_ptr<Parser>> Load(std::string_view bytes, const std::string& name);
  // Writes header.version's layout: the `reverse` byte only from version 3 on, so a version-2
  // left-to-right model rewritten with its own header (`train hot`) keeps its bytes. A
  // reversed parser is always written as version >= 3.
  std::string Serialize(const ModelHeader& header) const;

  // Parses one sentence: atoms and tag hashes (HashString of the XPOS) per word, in sentence
  // order whatever `reverse` says. Writes heads (-1 for the root; word indices in sentence
  // order) and label ids per word in sentence order.
  void Parse(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
             std::vector<int>* heads, std::vector<int>* label_ids) const;

  // Beam search over the same transitions (Zhang & Clark 2008): keeps the `beam_width` (>= 1)
  // best partial parses, a parse scored by the sum of its transitions' integer scores (forced
  // moves included: hypotheses differ in how many they make; Parse need not score them); ties
  // go to the earlier hypothesis, then the lower transition, so width 1 gives Parse's output
  // (tested). Labels within a group of
  // several are the label classifier's greedy choice per arc, as in Parse. Writes the best
  // complete parse and returns its score. About `beam_width` times slower than Parse; the
  // single-position part sums are shared by all hypotheses. Const and thread-safe.
  int64_t ParseBeam(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                    int beam_width, std::vector<int>* heads, std::vector<int>* label_ids) const;

  // Which table a reported lookup goes to: `weights` or `label_weights`.
  enum class Table { kTransitions, kLabels };
  // Told the keys of one group of lookups (keys[0..n)).
  using LookupObserver = std::function<void(Table table, const uint64_t* keys, int n)>;
  // The reference for Parse: the same greedy decode without its shortcuts. Every transition,
  // forced ones included, is scored by all templates at once (Features with kAllParts), from
  // zero; the first valid transition of highest score wins. Parse must give the same heads and
  // labels (tested). Slower; for tests and for training's lookup profile.
  // `observer`, when set, is told the lookups Parse itself makes for the sentence (its cost
  // model, which `train hot` counts to choose the hot rows): the single-position parts (kPartS0,
  // kPartN0, kPartS1) once per position, the other transition templates once per configuration
  // Parse scores (forced moves are not), and the label templates once per arc of a group of
  // several labels. The tree parts and the stack-only templates are reported per scored
  // configuration, although Parse keeps their sums (per word, or while their word gains no
  // child): this over-counts those already frequent keys, and is kept because the committed
  // models' hot orders were counted so.
  void ParseReference(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                      std::vector<int>* heads, std::vector<int>* label_ids,
                      const LookupObserver& observer = nullptr) const;

  // The order this parser reads a sentence of these atoms in: (*order)[k] is the sentence index
  // of the k-th word read. Identity left to right; n-1, ..., 0 with `reverse`; with `reverse`
  // and `punct_last`, the words before the final run of punctuation right to left, then that
  // run in sentence order (a sentence of punctuation only is read right to left).
  void ReadingOrder(const std::vector<WordAtoms>& atoms, std::vector<int>* order) const;

  // --- Shared with the trainer (these work in the parser's own reading order: a reversed
  // parser's trainer hands them the reversed sentence) ---
  // Whether transition t is allowed in s. LEFT with only ROOT left in the buffer is the root
  // arc (stack of exactly one word, root's group); other arcs take the other groups.
  bool Valid(const ParseState& s, int t) const;
  // Head and dependent of arc transition t (not SHIFT, valid) in s.
  void ArcOf(const ParseState& s, int t, int* head, int* dep) const;
  // Applies transition t; `label` is the arc's label (ignored for SHIFT).
  void Apply(ParseState* s, int t, int label) const;
  // Whether group g holds one label only (then the transition decides the label).
  bool SingleLabel(int g) const { return group_size_[g] == 1; }
  // The one label of group g, when SingleLabel(g).
  int OnlyLabel(int g) const { return only_label_[g]; }
  // Best label of group g by the label classifier over feats (LabelFeatures).
  int BestLabel(int g, const uint64_t* feats, int nf) const;
  // Parts of the transition templates (bits for Features' `parts`): those that read only the
  // word at S0 (its form, tag, suffix, cluster), only the buffer front's position (the words
  // N0..N2; also the bias), only the word at S1; those that read only S0 and its children
  // (S0Tree), N0 and its left children (N0Tree), S1 and its children (S1Tree); and all the
  // others (two positions, or S2). The first three depend on one index only, so Parse scores
  // them once per sentence and position; a tree part changes only when its word gains a
  // child, so Parse keeps its score per word until then.
  enum Part : unsigned {
    kPartS0 = 1, kPartN0 = 2, kPartS1 = 4, kPartRest = 8,
    kPartS0Tree = 16, kPartN0Tree = 32, kPartS1Tree = 64, kAllParts = 127
  };
  // Writes the keys of the templates in `parts` (in template order) and returns their count;
  // cl = clusters.LookupAll(atoms).
  static int Features(const ParseState& s, const std::vector<WordAtoms>& atoms,
                      const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                      uint64_t* out, unsigned parts = kAllParts);
  // Features of the label classifier for the arc head -> dep (before it is added to s).
  static int LabelFeatures(const ParseState& s, int head, int dep,
                           const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           const std::vector<uint64_t>& cl, uint64_t* out);

 private:
  // Parse, ParseBeam and ParseReference over the sentence as given (left to right).
  void ParseInOrder(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                    std::vector<int>* heads, std::vector<int>* label_ids) const;
  int64_t ParseBeamInOrder(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           int beam_width, std::vector<int>* heads,
                           std::vector<int>* label_ids) const;
  void ParseReferenceInOrder(const std::vector<WordAtoms>& atoms,
                             const std::vector<uint64_t>& tags, std::vector<int>* heads,
                             std::vector<int>* label_ids, const LookupObserver& observer) const;
  void IndexGroups();  // group_size_, only_label_ from group_of
  std::vector<int> group_size_, only_label_;
};

// Lifts non-projective arcs to their head's head, the shortest arc first, until every arc is
// projective. heads[d] is d's head; `root` marks the artificial root (the trainer's n, Parse's
// -1). Arcs from the root and from the only word under it are always projective, so a tree
// keeps its one root. The trainer projectivises gold trees with it; a punct-last parser maps
// its output back to sentence order through it (Parser::punct_last).
void Projectivize(std::vector<int>* heads, int root);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_PARSER_H_
