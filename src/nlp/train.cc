// Trainers for the four nlp models and the evaluator. Each trainer reads its data, runs a fixed
// number of averaged-perceptron epochs over a seeded shuffle, optionally scores the dev files
// after each epoch, and writes a model file (model_format.h). All iteration over hash maps is
// followed by sorting, so models are byte-identical for identical inputs.
#include "nlp/train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "nlp/conllu.h"
#include "nlp/hash.h"
#include "nlp/lemmatizer.h"
#include "nlp/ner.h"
#include "nlp/ner_data.h"
#include "nlp/parser.h"
#include "nlp/perceptron_trainer.h"
#include "nlp/tagger.h"
#include "nlp/train_internal.h"

namespace entente::nlp {
using namespace train_internal;
namespace {

// ---------------------------------------------------------------------------------------------
// Tagger

struct TagSentence {
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> ac;
  std::vector<uint64_t> cl;
  std::vector<int> gold;
};

// Trains a tagger in memory on `train` (tag table and tag dictionary from `train`).
Tagger TrainTaggerOn(const std::vector<const ConlluSentence*>& train, int iterations,
                     uint64_t seed, float prune, const std::vector<ConlluSentence>* dev,
                     const WordClusters& clusters, std::ostream* log) {
  Tagger tagger;
  tagger.clusters = clusters;
  std::map<std::pair<std::string, std::string>, int> tag_ids;
  for (const ConlluSentence* s : train)
    for (const ConlluWord& w : s->words) tag_ids[{w.xpos, w.upos}] = 0;
  for (auto& [k, v] : tag_ids) {
    v = static_cast<int>(tagger.tags.size());
    tagger.tags.push_back({k.first, k.second});
  }
  std::vector<TagSentence> data;
  std::map<std::string, std::map<int, int>> counts;
  std::map<uint64_t, std::map<int, int>> norm_counts;
  for (const ConlluSentence* s : train) {
    TagSentence ts;
    ts.atoms = AtomsOf(FormsOf(*s));
    for (size_t i = 0; i < s->words.size(); ++i) {
      const ConlluWord& w = s->words[i];
      int id = tag_ids[{w.xpos, w.upos}];
      ts.gold.push_back(id);
      ++counts[w.form][id];
      ++norm_counts[ts.atoms[i].norm][id];
    }
    data.push_back(std::move(ts));
  }
  for (const auto& [norm, by_tag] : norm_counts) {
    int total = 0;
    for (const auto& [tag, n] : by_tag) total += n;
    if (total < 2) continue;
    uint64_t h = 0x5157;
    for (const auto& [tag, n] : by_tag)
      if (n * 20 >= total) h = Mix(h, static_cast<uint64_t>(tag) + 1);  // tags with >= 5%
    tagger.ambiguity[norm] = h;
  }
  for (TagSentence& ts : data) {
    tagger.AmbiguityClasses(ts.atoms, &ts.ac);
    tagger.clusters.LookupAll(ts.atoms, &ts.cl);
  }
  for (const auto& [form, by_tag] : counts) {
    int total = 0, best = -1, best_n = 0;
    for (const auto& [tag, n] : by_tag) {
      total += n;
      if (n > best_n) { best_n = n; best = tag; }
    }
    if (total >= 20 && best_n >= 0.99 * total) tagger.tagdict[HashString(form)] = best;
  }
  PerceptronTrainer trainer(static_cast<int>(tagger.tags.size()));
  TrainRng rng(seed);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(tagger.tags.size());
  uint64_t feats[Tagger::kMaxFeatures];
  for (int it = 0; it < iterations; ++it) {
    rng.Shuffle(&order);
    int64_t correct = 0, total = 0;
    for (size_t idx : order) {
      const TagSentence& ts = data[idx];
      int p1 = -1, p2 = -1;
      for (int i = 0; i < static_cast<int>(ts.atoms.size()); ++i) {
        int guess;
        auto d = tagger.tagdict.find(ts.atoms[i].form);
        if (d != tagger.tagdict.end()) {
          guess = d->second;
        } else {
          int nf = Tagger::Features(ts.atoms, ts.ac, ts.cl, i, p1, p2, feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(feats, nf, scores.data());
          guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          trainer.Update(feats, nf, ts.gold[i], guess);
          trainer.NextInstance();
        }
        correct += guess == ts.gold[i];
        ++total;
        p2 = p1;
        p1 = guess;
      }
    }
    if (log) {
      *log << "tagger iteration " << (it + 1) << ": train accuracy "
           << (100.0 * correct / std::max<int64_t>(total, 1));
      if (dev && !dev->empty()) {
        tagger.weights = trainer.Average(prune);
        int64_t ok = 0, n = 0;
        std::vector<int> out;
        for (const ConlluSentence& s : *dev) {
          tagger.Tag(AtomsOf(FormsOf(s)), &out);
          for (size_t i = 0; i < out.size(); ++i, ++n)
            ok += tagger.tags[out[i]].upos == s.words[i].upos;
        }
        *log << ", dev UPOS " << (100.0 * ok / std::max<int64_t>(n, 1));
      }
      *log << std::endl;
    }
  }
  tagger.weights = trainer.Average(prune);
  return tagger;
}

// ---------------------------------------------------------------------------------------------
// Parser

struct ParseSentence {
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> tags;
  std::vector<uint64_t> cl;  // word clusters
  std::vector<int> heads;   // n = ROOT
  std::vector<int> labels;
};

// Puts a training sentence in the reading order of a right-to-left parser
// (Parser::ReadingOrder): word order[k] becomes word k, and heads are renumbered alike (n,
// ROOT, stays n).
void PermuteSentence(const std::vector<int>& order, ParseSentence* g) {
  const int n = static_cast<int>(g->atoms.size());
  std::vector<int> pos(n);
  for (int k = 0; k < n; ++k) pos[order[k]] = k;
  ParseSentence r;
  r.atoms.resize(n);
  r.tags.resize(n);
  r.cl.resize(n);
  r.heads.resize(n);
  r.labels.resize(n);
  for (int k = 0; k < n; ++k) {
    const int i = order[k];
    r.atoms[k] = g->atoms[i];
    r.tags[k] = g->tags[i];
    r.cl[k] = g->cl[i];
    r.labels[k] = g->labels[i];
    r.heads[k] = g->heads[i] == n ? n : pos[g->heads[i]];
  }
  *g = std::move(r);
}

// Dynamic-oracle costs of the transitions (INT_MAX for invalid ones): the gold arcs each makes
// unreachable, plus one for an arc to the right head in the wrong label group (the label within
// a group is the label classifier's business).
void TransitionCosts(const Parser& p, const ParseState& s, const ParseSentence& g,
                     std::vector<int>* costs) {
  const int n = s.n;
  const int G = p.num_groups;
  costs->assign(p.num_transitions(), std::numeric_limits<int>::max());
  const int ss = static_cast<int>(s.stack.size());
  const int b = s.b;
  if (p.Valid(s, Parser::kShift)) {
    int c = 0;
    for (int k = 0; k < ss; ++k) {
      int x = s.stack[k];
      if (g.heads[x] == b) ++c;
      if (k < ss - 1 && g.heads[b] == x) ++c;
    }
    (*costs)[Parser::kShift] = c;
  }
  if (ss == 0) return;
  const int s0 = s.stack[ss - 1];
  int deps_in_buffer = 0;
  for (int k = b; k < n; ++k) deps_in_buffer += g.heads[k] == s0;
  const int h = g.heads[s0];
  const int gold_group = p.group_of[g.labels[s0]];
  {  // LEFT: s0 <- b
    int base = deps_in_buffer;
    if (ss > 1 && h == s.stack[ss - 2]) ++base;
    if (h > b) ++base;  // head further in the buffer (or ROOT when b < n)
    for (int gr = 0; gr < G; ++gr)
      if (p.Valid(s, 1 + gr)) (*costs)[1 + gr] = base + (h == b && gr != gold_group ? 1 : 0);
  }
  if (ss > 1) {  // RIGHT: s1 -> s0
    const int s1 = s.stack[ss - 2];
    const int base = deps_in_buffer + (h >= b ? 1 : 0);
    for (int gr = 0; gr < G; ++gr)
      if (p.Valid(s, 1 + G + gr))
        (*costs)[1 + G + gr] = base + (h == s1 && gr != gold_group ? 1 : 0);
  }
}

void ScoreParser(const Parser& parser, const std::vector<ParseSentence>& dev, int beam_width,
                 double* uas, double* las) {
  int64_t n = 0, u = 0, l = 0;
  std::vector<int> heads, labels;
  for (const ParseSentence& g : dev) {
    if (beam_width > 1) parser.ParseBeam(g.atoms, g.tags, beam_width, &heads, &labels);
    else parser.Parse(g.atoms, g.tags, &heads, &labels);
    const int len = static_cast<int>(g.atoms.size());
    for (int i = 0; i < len; ++i, ++n) {
      int gh = g.heads[i] == len ? -1 : g.heads[i];
      if (heads[i] == gh) {
        ++u;
        l += labels[i] == g.labels[i];
      }
    }
  }
  *uas = 100.0 * u / std::max<int64_t>(n, 1);
  *las = 100.0 * l / std::max<int64_t>(n, 1);
}

// The pass with the best dev UAS, which parser training keeps.
struct BestParserPass {
  double uas = -1;
  int pass = 0;  // 1-based; 0 = none offered
  SparseWeights weights, label_weights;

  // Scores `parser`'s current weights on `dev` (decoded at `beam_width`), logs the scores and
  // keeps a copy of the weights when they beat every pass offered before.
  void Offer(const Parser& parser, const std::vector<ParseSentence>& dev, int beam_width,
             int pass_number, std::ostream* log) {
    double u, l;
    ScoreParser(parser, dev, beam_width, &u, &l);
    if (log) *log << ", dev UAS " << u << " LAS " << l;
    if (u > uas) {
      uas = u;
      pass = pass_number;
      weights = parser.weights;
      label_weights = parser.label_weights;
    }
  }
  // Moves the kept weights into `parser`; false when no pass was offered.
  bool Restore(Parser* parser, std::ostream* log) {
    if (pass == 0) return false;
    parser->weights = std::move(weights);
    parser->label_weights = std::move(label_weights);
    if (log) *log << "parser: keeping pass " << pass << " (best dev UAS " << uas << ")\n";
    return true;
  }
};

// The gold transition sequence of a projective tree (static oracle): at each step a
// zero-cost transition under TransitionCosts, arcs before SHIFT (either keeps the tree
// reachable). Labels: the dependent's gold label for arcs. False when none has zero cost.
bool GoldSequence(const Parser& p, const ParseSentence& g, std::vector<int>* moves,
                  std::vector<int>* labels) {
  moves->clear();
  labels->clear();
  ParseState s;
  s.Init(static_cast<int>(g.atoms.size()));
  std::vector<int> costs;
  while (!s.Terminal()) {
    TransitionCosts(p, s, g, &costs);
    int t = -1;
    for (int c = 1; c < p.num_transitions() && t < 0; ++c)
      if (costs[c] == 0) t = c;
    if (t < 0 && costs[Parser::kShift] == 0) t = Parser::kShift;
    if (t < 0) return false;
    int label = p.root_label;
    if (t != Parser::kShift) {
      int h, d;
      p.ArcOf(s, t, &h, &d);
      label = g.labels[d];
    }
    moves->push_back(t);
    labels->push_back(label);
    p.Apply(&s, t, label);
  }
  return true;
}

struct TrainHyp {
  ParseState s;
  double score = 0;
  bool gold = true;  // its transitions are the gold sequence's so far
  std::vector<int> moves, labels;
};

// Adds `delta` to the features of each transition of moves[from..to) replayed from the start
// (labels as given).
void UpdateSequence(const Parser& p, const ParseSentence& g, const std::vector<int>& moves,
                    const std::vector<int>& labels, size_t from, size_t to, float delta,
                    PerceptronTrainer* trainer) {
  ParseState s;
  s.Init(static_cast<int>(g.atoms.size()));
  uint64_t feats[Parser::kMaxFeatures];
  for (size_t j = 0; j < to; ++j) {
    if (j >= from) {
      const int nf = Parser::Features(s, g.atoms, g.tags, g.cl, feats);
      trainer->Add(feats, nf, moves[j], delta);
    }
    p.Apply(&s, moves[j], labels[j]);
  }
}

// One sentence of global training: beam search with the current weights; as soon as the gold
// sequence falls out of the beam (or, at the end, is not the best), the gold prefix's features
// gain and the best hypothesis's lose (early update), from the first step where they differ.
// With `max_violation` the beam instead runs to the end and the same update is made at the
// prefix length where the best non-gold hypothesis beats the gold prefix's score by most
// (Huang, Fayong & Guo 2012). Labels inside the shared group: the label classifier's choice
// in the beam; the classifier itself is trained along the gold sequence. Returns whether an
// update was made.
bool BeamTrainSentence(const Parser& p, const ParseSentence& g, int width, bool max_violation,
                       PerceptronTrainer* trainer, PerceptronTrainer* label_trainer,
                       int64_t* label_wrong, int64_t* label_arcs) {
  std::vector<int> gold_moves, gold_labels;
  if (!GoldSequence(p, g, &gold_moves, &gold_labels)) return false;
  const int n = static_cast<int>(g.atoms.size());
  const int nt = p.num_transitions();
  const int nlabels = p.num_labels();
  uint64_t feats[Parser::kMaxFeatures], lfeats[Parser::kMaxFeatures];
  std::vector<float> lscores(nlabels);
  {  // label classifier along the gold sequence
    ParseState s;
    s.Init(n);
    for (size_t j = 0; j < gold_moves.size(); ++j) {
      const int t = gold_moves[j];
      if (t != Parser::kShift && !p.SingleLabel(p.GroupOf(t))) {
        const int gr = p.GroupOf(t);
        int h, d;
        p.ArcOf(s, t, &h, &d);
        const int nlf = Parser::LabelFeatures(s, h, d, g.atoms, g.tags, g.cl, lfeats);
        std::fill(lscores.begin(), lscores.end(), 0.0f);
        label_trainer->Score(lfeats, nlf, lscores.data());
        int lpred = -1;
        for (int l = 0; l < nlabels; ++l)
          if (p.group_of[l] == gr && (lpred < 0 || lscores[l] > lscores[lpred])) lpred = l;
        if (lpred != gold_labels[j]) {
          label_trainer->Update(lfeats, nlf, gold_labels[j], lpred);
          ++*label_wrong;
        }
        label_trainer->NextInstance();
        ++*label_arcs;
      }
      p.Apply(&s, t, gold_labels[j]);
    }
  }
  struct Cand {
    double score;
    int hyp, t;
  };
  std::vector<TrainHyp> beam(1), next;
  beam[0].s.Init(n);
  std::vector<Cand> cands;
  std::vector<float> scores(nt);
  bool updated = false;
  // Max violation: the gold prefix's score, and the step (and copy of the best hypothesis)
  // where the best prefix outscores it by most while not being gold.
  ParseState gold_state;
  gold_state.Init(n);
  double gold_score = 0, worst = 0;
  size_t worst_len = 0;
  std::vector<int> worst_moves, worst_labels;
  for (size_t step = 0; step < gold_moves.size(); ++step) {
    if (max_violation) {
      const int nf = Parser::Features(gold_state, g.atoms, g.tags, g.cl, feats);
      std::fill(scores.begin(), scores.end(), 0.0f);
      trainer->Score(feats, nf, scores.data());
      gold_score += scores[gold_moves[step]];
      p.Apply(&gold_state, gold_moves[step], gold_labels[step]);
    }
    cands.clear();
    for (size_t hi = 0; hi < beam.size(); ++hi) {
      const ParseState& s = beam[hi].s;
      const int nf = Parser::Features(s, g.atoms, g.tags, g.cl, feats);
      std::fill(scores.begin(), scores.end(), 0.0f);
      trainer->Score(feats, nf, scores.data());
      for (int t = 0; t < nt; ++t)
        if (p.Valid(s, t)) cands.push_back({beam[hi].score + scores[t], static_cast<int>(hi), t});
    }
    const size_t k = std::min(static_cast<size_t>(width), cands.size());
    std::partial_sort(cands.begin(), cands.begin() + k, cands.end(),
                      [](const Cand& a, const Cand& b) {
                        if (a.score != b.score) return a.score > b.score;
                        return a.hyp != b.hyp ? a.hyp < b.hyp : a.t < b.t;
                      });
    next.resize(k);
    bool gold_in_beam = false;
    for (size_t i = 0; i < k; ++i) {
      const Cand& c = cands[i];
      const TrainHyp& from = beam[c.hyp];
      const bool gold = from.gold && c.t == gold_moves[step];
      int label = p.root_label;
      if (gold) {
        label = gold_labels[step];
      } else if (c.t != Parser::kShift) {
        const int gr = p.GroupOf(c.t);
        if (p.SingleLabel(gr)) {
          label = p.OnlyLabel(gr);
        } else {
          int h, d;
          p.ArcOf(from.s, c.t, &h, &d);
          const int nlf = Parser::LabelFeatures(from.s, h, d, g.atoms, g.tags, g.cl, lfeats);
          std::fill(lscores.begin(), lscores.end(), 0.0f);
          label_trainer->Score(lfeats, nlf, lscores.data());
          int lpred = -1;
          for (int l = 0; l < nlabels; ++l)
            if (p.group_of[l] == gr && (lpred < 0 || lscores[l] > lscores[lpred])) lpred = l;
          label = lpred;
        }
      }
      TrainHyp& h = next[i];
      h.s = from.s;
      h.score = c.score;
      h.gold = gold;
      h.moves = from.moves;
      h.labels = from.labels;
      h.moves.push_back(c.t);
      h.labels.push_back(label);
      p.Apply(&h.s, c.t, label);
      gold_in_beam |= gold;
    }
    beam.swap(next);
    const bool last = step + 1 == gold_moves.size();
    if (max_violation) {
      // A step counts when the best prefix is not gold; the first largest violation wins.
      if (!beam[0].gold && (worst_len == 0 || beam[0].score - gold_score > worst)) {
        worst = beam[0].score - gold_score;
        worst_len = step + 1;
        worst_moves = beam[0].moves;
        worst_labels = beam[0].labels;
      }
      if (!last) continue;
      if (worst_len == 0) break;
      size_t from = 0;
      while (from < worst_len && worst_moves[from] == gold_moves[from] &&
             worst_labels[from] == gold_labels[from])
        ++from;
      UpdateSequence(p, g, gold_moves, gold_labels, from, worst_len, 1.0f, trainer);
      UpdateSequence(p, g, worst_moves, worst_labels, from, worst_len, -1.0f, trainer);
      updated = true;
      break;
    }
    if (!gold_in_beam || (last && !beam[0].gold)) {
      const TrainHyp& pred = beam[0];
      const size_t len = step + 1;
      size_t from = 0;
      while (from < len && pred.moves[from] == gold_moves[from] &&
             pred.labels[from] == gold_labels[from])
        ++from;
      UpdateSequence(p, g, gold_moves, gold_labels, from, len, 1.0f, trainer);
      UpdateSequence(p, g, pred.moves, pred.labels, from, len, -1.0f, trainer);
      updated = true;
      break;
    }
  }
  trainer->NextInstance();
  return updated;
}

}  // namespace

Status TrainTagger(const TrainOptions& o) {
  ENTENTE_RETURN_IF_ERROR(CheckOptions(o));
  auto train = ReadAllConllu(o.train, o.max_sentences);
  if (!train.ok()) return train.status();
  auto dev = ReadAllConllu(o.dev, 0);
  if (!dev.ok()) return dev.status();
  std::vector<const ConlluSentence*> ptrs;
  for (const ConlluSentence& s : train.value()) ptrs.push_back(&s);
  WordClusters clusters;
  if (!o.clusters.empty()) {
    auto c = WordClusters::ReadFile(o.clusters);
    if (!c.ok()) return c.status();
    clusters = std::move(c.value());
  }
  Tagger tagger = TrainTaggerOn(ptrs, o.iterations, o.seed, o.prune, &dev.value(), clusters, o.log);
  std::string bytes = tagger.Serialize(MakeHeader(o, ModelKind::kTagger, Tagger::Fingerprint()));
  if (o.log) *o.log << "tagger: " << tagger.weights.num_features() << " features, "
                    << tagger.weights.num_entries() << " weights, " << bytes.size() << " bytes\n";
  return WriteFileBytes(o.out, bytes);
}

Status TrainLemmatizer(const TrainOptions& o) {
  ENTENTE_RETURN_IF_ERROR(CheckOptions(o));
  auto train = ReadAllConllu(o.train, o.max_sentences);
  if (!train.ok()) return train.status();
  // (form, xpos) -> lemma counts, for exact forms and case-normalised bases.
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> exact, lower;
  for (const ConlluSentence& s : train.value()) {
    for (const ConlluWord& w : s.words) {
      if (w.lemma.empty() || w.lemma == "_") continue;
      ++exact[{w.form, w.xpos}][w.lemma];
      std::string base = Lemmatizer::KeepsCase(w.xpos) ? w.form : AsciiLower(w.form);
      ++lower[{base, w.xpos}][w.lemma];
    }
  }
  auto best_of = [](const std::map<std::string, int>& m) {
    const std::string* best = nullptr;
    int bn = 0;
    for (const auto& [l, n] : m)
      if (n > bn) { bn = n; best = &l; }
    return *best;
  };
  Lemmatizer lem;
  // Suffix rules from word types: (xpos, suffix) -> rule -> count.
  std::map<std::pair<std::string, std::string>, std::map<std::pair<int, std::string>, int>> rules;
  for (const auto& [key, lemmas] : lower) {
    const std::string& base = key.first;
    std::string lemma = best_of(lemmas);
    lem.lower[Lemmatizer::DictKey(base, key.second)] = lemma;
    Lemmatizer::Rule r = Lemmatizer::MakeRule(base, lemma);
    for (size_t k = 0; k <= std::min<size_t>(Lemmatizer::kMaxSuffix, base.size()); ++k)
      ++rules[{key.second, base.substr(base.size() - k)}][{r.strip, r.append}];
  }
  for (const auto& [key, lemmas] : exact) {
    std::string lemma = best_of(lemmas);
    std::string base = Lemmatizer::KeepsCase(key.second) ? key.first : AsciiLower(key.first);
    auto it = lem.lower.find(Lemmatizer::DictKey(base, key.second));
    if (it == lem.lower.end() || it->second != lemma)
      lem.exact[Lemmatizer::DictKey(key.first, key.second)] = lemma;
  }
  // Keep the best rule per (xpos, suffix) when frequent enough and different from the rule the
  // next shorter kept suffix would give (rules map is ordered so shorter suffixes come first
  // only within equal prefixes; process by suffix length explicitly).
  std::map<std::pair<std::string, std::string>, std::pair<int, std::string>> kept;
  for (size_t k = 0; k <= static_cast<size_t>(Lemmatizer::kMaxSuffix); ++k) {
    for (const auto& [key, by_rule] : rules) {
      if (key.second.size() != k) continue;
      std::pair<int, std::string> best;
      int bn = 0, total = 0;
      for (const auto& [r, n] : by_rule) {
        total += n;
        if (n > bn) { bn = n; best = r; }
      }
      if (k > 0 && bn < 2) continue;
      const std::pair<int, std::string>* parent = nullptr;
      for (size_t j = k; j-- > 0;) {
        auto it = kept.find({key.first, key.second.substr(k - j)});
        if (it != kept.end()) { parent = &it->second; break; }
      }
      if (parent && *parent == best) continue;
      kept[key] = best;
    }
  }
  for (const auto& [key, r] : kept)
    lem.rules[Lemmatizer::RuleKey(key.second, key.first)] =
        Lemmatizer::Rule{static_cast<uint8_t>(r.first), r.second};
  // Known words (rule choice) and proper-noun lemmas (case repair).
  for (const ConlluSentence& s : train.value()) {
    for (const ConlluWord& w : s.words) {
      if (w.lemma.empty() || w.lemma == "_") continue;
      lem.known.insert(HashString(AsciiLower(w.lemma)));
      if (w.xpos == "NNP" || w.xpos == "NNPS") lem.proper.insert(HashString(w.lemma));
    }
  }
  if (!o.clusters.empty()) {
    std::ifstream in(o.clusters);
    if (!in) return Status::NotFound(o.clusters + ": cannot open cluster file");
    std::string line;
    while (std::getline(in, line)) {
      size_t tab = line.find('\t');
      if (tab != std::string::npos && tab > 0) lem.known.insert(HashString(line.substr(0, tab)));
    }
  }
  std::string bytes = lem.Serialize(MakeHeader(o, ModelKind::kLemmatizer, Lemmatizer::Fingerprint()));
  if (o.log) {
    *o.log << "lemmatizer: " << lem.exact.size() << " exact, " << lem.lower.size() << " lower, "
           << lem.rules.size() << " rules, " << lem.known.size() << " known words, "
           << lem.proper.size() << " proper nouns, " << bytes.size() << " bytes";
    auto dev = ReadAllConllu(o.dev, 0);
    if (!dev.ok()) return dev.status();
    int64_t ok = 0, n = 0;
    for (const ConlluSentence& s : dev.value())
      for (const ConlluWord& w : s.words) {
        ok += lem.Lemmatize(w.form, w.xpos) == w.lemma;
        ++n;
      }
    if (n) *o.log << ", dev lemma accuracy (gold XPOS) " << 100.0 * ok / n;
    *o.log << std::endl;
  }
  return WriteFileBytes(o.out, bytes);
}

Status TrainParser(const TrainOptions& o) {
  ENTENTE_RETURN_IF_ERROR(CheckOptions(o));
  auto train = ReadAllConllu(o.train, o.max_sentences);
  if (!train.ok()) return train.status();
  auto dev = ReadAllConllu(o.dev, 0);
  if (!dev.ok()) return dev.status();
  Parser parser;
  parser.reverse = o.reverse;
  parser.punct_last = o.reverse && o.punct_last;
  std::set<std::string> label_set{"root"};
  for (const ConlluSentence& s : train.value())
    for (const ConlluWord& w : s.words)
      if (!w.deprel.empty() && w.deprel != "_") label_set.insert(w.deprel);
  parser.labels.assign(label_set.begin(), label_set.end());
  std::map<std::string, int> label_id;
  for (size_t i = 0; i < parser.labels.size(); ++i) label_id[parser.labels[i]] = static_cast<int>(i);
  parser.root_label = label_id["root"];
  if (!o.clusters.empty()) {
    auto c = WordClusters::ReadFile(o.clusters);
    if (!c.ok()) return c.status();
    parser.clusters = std::move(c.value());
  }

  // Tags for the training data: jackknifed, from a given tagger, or gold.
  const auto& sents = train.value();
  std::vector<std::vector<uint64_t>> train_tags(sents.size());
  std::unique_ptr<Tagger> dev_tagger;
  if (o.jackknife_folds > 1) {
    const int k = o.jackknife_folds;
    for (int fold = 0; fold < k; ++fold) {
      std::vector<const ConlluSentence*> part;
      for (size_t i = 0; i < sents.size(); ++i)
        if (static_cast<int>(i % k) != fold) part.push_back(&sents[i]);
      Tagger t = TrainTaggerOn(part, o.tagger_iterations, o.seed + fold, 0.0f, nullptr,
                               parser.clusters, nullptr);
      std::vector<int> out;
      for (size_t i = fold; i < sents.size(); i += k) {
        t.Tag(AtomsOf(FormsOf(sents[i])), &out);
        for (int id : out) train_tags[i].push_back(HashString(t.tags[id].xpos));
      }
      if (o.log) *o.log << "parser: jackknife fold " << (fold + 1) << "/" << k << " tagged" << std::endl;
    }
  } else if (!o.tagger_model.empty()) {
    auto t = LoadTaggerFile(o.tagger_model);
    if (!t.ok()) return t.status();
    std::vector<int> out;
    for (size_t i = 0; i < sents.size(); ++i) {
      t.value()->Tag(AtomsOf(FormsOf(sents[i])), &out);
      for (int id : out) train_tags[i].push_back(HashString(t.value()->tags[id].xpos));
    }
  } else {
    for (size_t i = 0; i < sents.size(); ++i)
      for (const ConlluWord& w : sents[i].words) train_tags[i].push_back(HashString(w.xpos));
  }
  if (!o.tagger_model.empty()) {
    auto t = LoadTaggerFile(o.tagger_model);
    if (!t.ok()) return t.status();
    dev_tagger = std::move(t.value());
  }
  // Automatically parsed sentences (uptraining): tagged by the given tagger, not jackknifed.
  auto auto_sents = ReadAllConllu(o.auto_train, 0);
  if (!auto_sents.ok()) return auto_sents.status();
  std::vector<std::vector<uint64_t>> auto_tags(auto_sents.value().size());
  for (size_t i = 0; i < auto_sents.value().size(); ++i) {
    const ConlluSentence& s = auto_sents.value()[i];
    if (dev_tagger) {
      std::vector<int> out;
      dev_tagger->Tag(AtomsOf(FormsOf(s)), &out);
      for (int id : out) auto_tags[i].push_back(HashString(dev_tagger->tags[id].xpos));
    } else {
      for (const ConlluWord& w : s.words) auto_tags[i].push_back(HashString(w.xpos));
    }
  }

  auto convert = [&](const ConlluSentence& s, std::vector<uint64_t> tags, ParseSentence* out) {
    const int n = static_cast<int>(s.words.size());
    out->atoms = AtomsOf(FormsOf(s));
    out->tags = std::move(tags);
    parser.clusters.LookupAll(out->atoms, &out->cl);
    out->heads.resize(n);
    out->labels.resize(n);
    for (int i = 0; i < n; ++i) {
      const ConlluWord& w = s.words[i];
      out->heads[i] = (!w.has_head || w.head < 0) ? n : w.head;
      auto it = label_id.find(w.deprel);
      out->labels[i] = it == label_id.end() ? parser.root_label : it->second;
    }
  };
  std::vector<ParseSentence> data;
  size_t gold_count = 0;  // data[0, gold_count) are the `train` sentences
  const size_t all = sents.size() + auto_sents.value().size();
  for (size_t i = 0; i < all; ++i) {
    const bool is_auto = i >= sents.size();
    ParseSentence ps;
    if (is_auto) convert(auto_sents.value()[i - sents.size()], auto_tags[i - sents.size()], &ps);
    else convert(sents[i], train_tags[i], &ps);
    int roots = 0;
    for (int h : ps.heads) roots += h == static_cast<int>(ps.heads.size());
    if (roots != 1) continue;  // the parser builds single-rooted trees only
    // Training works in the parser's reading order; dev stays in sentence order (Parse and
    // ParseBeam reverse it themselves).
    if (o.reverse) {
      std::vector<int> order;
      parser.ReadingOrder(ps.atoms, &order);
      PermuteSentence(order, &ps);
    }
    Projectivize(&ps.heads, static_cast<int>(ps.heads.size()));
    for (size_t d = 0; d < ps.heads.size(); ++d)
      if (ps.heads[d] == static_cast<int>(ps.heads.size())) ps.labels[d] = parser.root_label;
      else if (ps.labels[d] == parser.root_label) ps.labels[d] = label_id.count("dep") ? label_id["dep"] : 0;
    gold_count += !is_auto;
    data.push_back(std::move(ps));
  }
  std::vector<ParseSentence> dev_data;
  for (const ConlluSentence& s : dev.value()) {
    std::vector<uint64_t> tags;
    if (dev_tagger) {
      std::vector<int> out;
      dev_tagger->Tag(AtomsOf(FormsOf(s)), &out);
      for (int id : out) tags.push_back(HashString(dev_tagger->tags[id].xpos));
    } else {
      for (const ConlluWord& w : s.words) tags.push_back(HashString(w.xpos));
    }
    ParseSentence ps;
    convert(s, std::move(tags), &ps);
    dev_data.push_back(std::move(ps));
  }

  // Label groups: the most frequent relations by training count (ties by name).
  {
    std::vector<int64_t> count(parser.num_labels(), 0);
    for (size_t i = 0; i < gold_count; ++i)
      for (int l : data[i].labels) ++count[l];
    std::vector<int> by_freq(parser.num_labels());
    for (int l = 0; l < parser.num_labels(); ++l) by_freq[l] = l;
    std::stable_sort(by_freq.begin(), by_freq.end(),
                     [&](int a, int b) { return count[a] > count[b]; });
    std::vector<int> own;
    for (int l : by_freq)
      if (l != parser.root_label && static_cast<int>(own.size()) < o.label_groups) own.push_back(l);
    parser.SetGroups(own);
  }

  // Transitions: dynamic oracle with exploration (from the second pass on, follow the model's
  // own transition with probability 0.9). Labels within a group: every arc taken trains the
  // label classifier towards the dependent's gold relation when it is in the arc's group (also
  // when the head is wrong, as at parse time). The averaged weights of the pass with the best
  // dev UAS are kept (the last pass's without dev data).
  if (o.beam_width > 1) {
    // Global training: early-update beam search per sentence (BeamTrainSentence); the best
    // pass on dev (beam decoding of the same width) is kept.
    PerceptronTrainer global(parser.num_transitions());
    PerceptronTrainer label_trainer(parser.num_labels());
    TrainRng rng(o.seed);
    std::vector<size_t> order(data.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    BestParserPass best;
    for (int it = 0; it < o.iterations; ++it) {
      const auto start = std::chrono::steady_clock::now();
      rng.Shuffle(&order);
      int64_t updates = 0, lwrong = 0, arcs = 0;
      for (size_t idx : order)
        updates += BeamTrainSentence(parser, data[idx], o.beam_width, o.max_violation, &global,
                                     &label_trainer, &lwrong, &arcs);
      if (o.log)
        *o.log << "parser (beam " << o.beam_width << ") iteration " << (it + 1) << ": "
               << (100.0 * updates / std::max<size_t>(data.size(), 1)) << "% sentences updated, label error "
               << (100.0 * lwrong / std::max<int64_t>(arcs, 1)) << "%, "
               << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
               << " s";
      parser.weights = global.Average(o.prune);
      parser.label_weights = label_trainer.Average(o.prune);
      if (!dev_data.empty()) best.Offer(parser, dev_data, o.beam_width, it + 1, o.log);
      if (o.log) *o.log << std::endl;
    }
    best.Restore(&parser, o.log);
    std::string bytes = parser.Serialize(MakeHeader(o, ModelKind::kParser, Parser::Fingerprint()));
    if (o.log) *o.log << "parser: " << parser.weights.num_features() << " + "
                      << parser.label_weights.num_features() << " features, " << bytes.size()
                      << " bytes\n";
    return WriteFileBytes(o.out, bytes);
  }

  const int nt = parser.num_transitions();
  PerceptronTrainer trainer(nt);
  PerceptronTrainer label_trainer(parser.num_labels());
  TrainRng rng(o.seed);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const int nlabels = parser.num_labels();
  std::vector<float> scores(nt), lscores(nlabels);
  std::vector<int> costs;
  uint64_t feats[Parser::kMaxFeatures], lfeats[Parser::kMaxFeatures];
  ParseState s;
  BestParserPass best;
  for (int it = 0; it < o.iterations; ++it) {
    rng.Shuffle(&order);
    int64_t wrong = 0, steps = 0, lwrong = 0, arcs = 0;
    for (size_t idx : order) {
      const ParseSentence& g = data[idx];
      s.Init(static_cast<int>(g.atoms.size()));
      while (!s.Terminal()) {
        int nf = Parser::Features(s, g.atoms, g.tags, g.cl, feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats, nf, scores.data());
        TransitionCosts(parser, s, g, &costs);
        int pred = -1, best = -1, min_cost = std::numeric_limits<int>::max();
        for (int t = 0; t < nt; ++t) min_cost = std::min(min_cost, costs[t]);
        for (int t = 0; t < nt; ++t) {
          if (costs[t] == std::numeric_limits<int>::max()) continue;
          if (pred < 0 || scores[t] > scores[pred]) pred = t;
          if (costs[t] == min_cost && (best < 0 || scores[t] > scores[best])) best = t;
        }
        if (pred < 0) break;
        if (costs[pred] > min_cost) {
          trainer.Update(feats, nf, best, pred);
          ++wrong;
        }
        trainer.NextInstance();
        ++steps;
        const bool explore = it > 0 && rng.Uniform() < 0.9;
        const int t = explore ? pred : best;
        int label = parser.root_label;
        if (t != Parser::kShift) {
          const int gr = parser.GroupOf(t);
          if (parser.SingleLabel(gr)) {
            label = parser.OnlyLabel(gr);
          } else {
            int h, d;
            parser.ArcOf(s, t, &h, &d);
            const int nlf = Parser::LabelFeatures(s, h, d, g.atoms, g.tags, g.cl, lfeats);
            std::fill(lscores.begin(), lscores.end(), 0.0f);
            label_trainer.Score(lfeats, nlf, lscores.data());
            int lpred = -1;
            for (int l = 0; l < nlabels; ++l)
              if (parser.group_of[l] == gr && (lpred < 0 || lscores[l] > lscores[lpred])) lpred = l;
            const int gold = g.labels[d];
            label = lpred;
            if (parser.group_of[gold] == gr) {
              if (lpred != gold) {
                label_trainer.Update(lfeats, nlf, gold, lpred);
                ++lwrong;
              }
              label_trainer.NextInstance();
              ++arcs;
              if (!explore) label = gold;
            }
          }
        }
        parser.Apply(&s, t, label);
      }
    }
    if (o.log)
      *o.log << "parser iteration " << (it + 1) << ": train transition error "
             << (100.0 * wrong / std::max<int64_t>(steps, 1)) << "%, label error "
             << (100.0 * lwrong / std::max<int64_t>(arcs, 1)) << "%";
    if (!dev_data.empty()) {
      parser.weights = trainer.Average(o.prune);
      parser.label_weights = label_trainer.Average(o.prune);
      best.Offer(parser, dev_data, o.beam_width, it + 1, o.log);
    }
    if (o.log) *o.log << std::endl;
  }
  if (!best.Restore(&parser, o.log)) {
    parser.weights = trainer.Average(o.prune);
    parser.label_weights = label_trainer.Average(o.prune);
  }
  std::string bytes = parser.Serialize(MakeHeader(o, ModelKind::kParser, Parser::Fingerprint()));
  if (o.log) *o.log << "parser: " << parser.weights.num_features() << " + "
                    << parser.label_weights.num_features() << " features, "
                    << parser.weights.num_entries() << " + " << parser.label_weights.num_entries()
                    << " weights, " << bytes.size() << " bytes\n";
  return WriteFileBytes(o.out, bytes);
}


namespace {

// Keys by count, most first (ties: key order).
std::vector<uint64_t> ByCount(const std::unordered_map<uint64_t, uint64_t>& m) {
  std::vector<std::pair<uint64_t, uint64_t>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<uint64_t> keys;
  keys.reserve(v.size());
  for (const auto& [key, count] : v) keys.push_back(key);
  return keys;
}

// `train hot`: tags, parses and entity-tags the --train files with the models in the --out
// folder, counts how often each feature is looked up, and rewrites the models with that hot
// order (SparseWeights::SetHotOrder). Weights and outputs do not change, only which rows the
// cache-resident hot index holds. Deterministic: the same models and files give the same bytes.
Status ProfileHotFeatures(const TrainOptions& o) {
  if (o.out.empty() || o.train.empty())
    return Status::InvalidArgument("train hot: needs --out MODELS_DIR and at least one --train FILE");
  const std::string tagger_path = o.out + "/tagger.model", parser_path = o.out + "/parser.model";
  auto tb = ReadFileBytes(tagger_path);
  if (!tb.ok()) return tb.status();
  auto pb = ReadFileBytes(parser_path);
  if (!pb.ok()) return pb.status();
  auto tagger = Tagger::Load(tb.value(), tagger_path);
  if (!tagger.ok()) return tagger.status();
  auto parser = Parser::Load(pb.value(), parser_path);
  if (!parser.ok()) return parser.status();
  ModelHeader th, ph;
  std::string payload;
  ENTENTE_RETURN_IF_ERROR(DecodeModel(tb.value(), tagger_path, ModelKind::kTagger, Tagger::Fingerprint(), &th, &payload));
  ENTENTE_RETURN_IF_ERROR(DecodeModel(pb.value(), parser_path, ModelKind::kParser, Parser::Fingerprint(), &ph, &payload));
  // The entity tagger is optional (a folder may hold only the tagger and parser).
  const std::string ner_path = o.out + "/ner.model";
  std::unique_ptr<EntityTagger> ner;
  ModelHeader eh;
  if (std::filesystem::exists(ner_path)) {
    auto eb = ReadFileBytes(ner_path);
    if (!eb.ok()) return eb.status();
    auto e = EntityTagger::Load(eb.value(), ner_path);
    if (!e.ok()) return e.status();
    ner = std::move(e.value());
    ENTENTE_RETURN_IF_ERROR(DecodeModel(eb.value(), ner_path, ModelKind::kNer, EntityTagger::Fingerprint(), &eh, &payload));
  }
  auto sents = train_internal::ReadAllConllu(o.train, o.max_sentences);
  if (!sents.ok()) return sents.status();
  Tagger& t = *tagger.value();
  Parser& p = *parser.value();
  std::unordered_map<uint64_t, uint64_t> ner_count;
  NerInput ner_in;
  std::vector<int> ents;
  std::vector<uint64_t> xpos_hash;
  for (const Tagger::TagName& tag : t.tags) xpos_hash.push_back(HashString(tag.xpos));
  std::unordered_map<uint64_t, uint64_t> tagger_count, parser_count, label_count;
  std::vector<int> tags, heads, labels;
  std::vector<uint64_t> ac, cl, tag_hashes;
  uint64_t f[Tagger::kMaxFeatures];
  size_t words = 0;
  for (const ConlluSentence& cs : sents.value()) {
    const std::vector<WordAtoms> atoms = train_internal::AtomsOf(train_internal::FormsOf(cs));
    const int n = static_cast<int>(atoms.size());
    t.Tag(atoms, &tags);
    // The tagger's lookups, as Tag makes them: words outside the tag dictionary, with the
    // two previous predicted tags.
    t.AmbiguityClasses(atoms, &ac);
    t.clusters.LookupAll(atoms, &cl);
    for (int i = 0; i < n; ++i) {
      if (t.tagdict.count(atoms[i].form)) continue;
      const int k = Tagger::Features(atoms, ac, cl, i, i > 0 ? tags[i - 1] : -1, i > 1 ? tags[i - 2] : -1, f);
      for (int j = 0; j < k; ++j) ++tagger_count[f[j]];
    }
    tag_hashes.resize(n);
    for (int i = 0; i < n; ++i) tag_hashes[i] = xpos_hash[tags[i]];
    // The parser's lookups, as Parse makes them (see ParseReference), on the same parse.
    p.ParseReference(atoms, tag_hashes, &heads, &labels,
                     [&](Parser::Table table, const uint64_t* keys, int k) {
                       auto& m = table == Parser::Table::kLabels ? label_count : parser_count;
                       for (int j = 0; j < k; ++j) ++m[keys[j]];
                     });
    // The entity tagger's lookups, as Tag makes them (Decode's scorer sees each one).
    if (ner) {
      ner->Prepare(atoms, tag_hashes, &ner_in);
      EntityTagger::Decode<int32_t>(
          ner_in,
          [&](const uint64_t* keys, int k, int32_t* scores) {
            for (int j = 0; j < k; ++j) ++ner_count[keys[j]];
            ner->weights.ScoreRaw(keys, k, scores);
          },
          nullptr, &ents);
    }
    words += n;
  }
  t.weights.SetHotOrder(ByCount(tagger_count));
  p.weights.SetHotOrder(ByCount(parser_count));
  p.label_weights.SetHotOrder(ByCount(label_count));
  if (ner) ner->weights.SetHotOrder(ByCount(ner_count));
  if (o.log) {
    *o.log << "hot order from " << sents.value().size() << " sentences, " << words
           << " words: tagger " << t.weights.hot_order_size() << " keys (hot index "
           << t.weights.hot_features() << "), parser " << p.weights.hot_order_size() << " ("
           << p.weights.hot_features() << "), labels " << p.label_weights.hot_order_size() << " ("
           << p.label_weights.hot_features() << ")";
    if (ner)
      *o.log << ", entities " << ner->weights.hot_order_size() << " ("
             << ner->weights.hot_features() << ")";
    else
      *o.log << "; no " << ner_path;
    *o.log << "\n";
  }
  ENTENTE_RETURN_IF_ERROR(WriteFileBytes(tagger_path, t.Serialize(th)));
  if (ner) ENTENTE_RETURN_IF_ERROR(WriteFileBytes(ner_path, ner->Serialize(eh)));
  return WriteFileBytes(parser_path, p.Serialize(ph));
}

}  // namespace

Status RunTrain(std::string_view kind, const TrainOptions& options) {
  if (kind == "hot") return ProfileHotFeatures(options);
  if (kind == "tagger") return TrainTagger(options);
  if (kind == "lemmatizer") return TrainLemmatizer(options);
  if (kind == "parser") return TrainParser(options);
  if (kind == "ner") return TrainNer(options);
  return Status::InvalidArgument("train: unknown model kind '" + std::string(kind) +
                                 "' (expected tagger, lemmatizer, parser, ner or hot)");
}

Status PruneModel(const std::string& in_path, const std::string& out_path, float threshold,
                  float label_threshold) {
  auto bytes = ReadFileBytes(in_path);
  if (!bytes.ok()) return bytes.status();
  const std::string& b = bytes.value();
  if (b.size() < 16) return Status::Corruption(in_path + ": truncated model");
  uint32_t kind = 0;
  std::memcpy(&kind, b.data() + 12, 4);
  ModelHeader h;
  std::string payload;
  // Each case writes h with the current format version (the weights are re-serialised).
  switch (static_cast<ModelKind>(kind)) {
    case ModelKind::kTagger: {
      auto m = Tagger::Load(b, in_path);
      if (!m.ok()) return m.status();
      ENTENTE_RETURN_IF_ERROR(DecodeModel(b, in_path, ModelKind::kTagger, Tagger::Fingerprint(), &h, &payload));
      m.value()->weights = m.value()->weights.Pruned(threshold);
      h.version = kModelFormatVersion;
      return WriteFileBytes(out_path, m.value()->Serialize(h));
    }
    case ModelKind::kParser: {
      auto m = Parser::Load(b, in_path);
      if (!m.ok()) return m.status();
      ENTENTE_RETURN_IF_ERROR(DecodeModel(b, in_path, ModelKind::kParser, Parser::Fingerprint(), &h, &payload));
      m.value()->weights = m.value()->weights.Pruned(threshold);
      m.value()->label_weights =
          m.value()->label_weights.Pruned(label_threshold < 0 ? threshold : label_threshold);
      h.version = kModelFormatVersion;
      return WriteFileBytes(out_path, m.value()->Serialize(h));
    }
    case ModelKind::kNer: {
      auto m = EntityTagger::Load(b, in_path);
      if (!m.ok()) return m.status();
      ENTENTE_RETURN_IF_ERROR(DecodeModel(b, in_path, ModelKind::kNer, EntityTagger::Fingerprint(), &h, &payload));
      m.value()->weights = m.value()->weights.Pruned(threshold);
      h.version = kModelFormatVersion;
      return WriteFileBytes(out_path, m.value()->Serialize(h));
    }
    default:
      return Status::InvalidArgument(in_path + ": only tagger, parser and ner models can be pruned");
  }
}

Result<NlpScores> EvaluateConllu(const Annotator& annotator, const std::string& gold_path,
                                 size_t max_sentences, int parser_beam) {
  NlpScores sc;
  bool iob2 = gold_path.size() >= 5 && gold_path.substr(gold_path.size() - 5) == ".iob2";
  if (iob2) {
    auto r = ReadNerFile(gold_path);
    if (!r.ok()) return r.status();
    std::vector<NerSentence> sents = std::move(r.value());
    if (max_sentences > 0 && sents.size() > max_sentences) sents.resize(max_sentences);
    std::vector<ConlluSentence> cs;
    for (const NerSentence& s : sents) {
      ConlluSentence c;
      for (const std::string& w : s.words) {
        ConlluWord cw;
        cw.form = w;
        c.words.push_back(std::move(cw));
      }
      cs.push_back(std::move(c));
    }
    Document doc = SentencesToDocument(cs);
    ENTENTE_RETURN_IF_ERROR(annotator.Annotate(&doc));
    for (size_t si = 0; si < sents.size(); ++si) {
      std::vector<std::string> pred;
      const Sentence& s = doc.sentences[si];
      for (uint32_t i = s.first_token; i < s.end_token; ++i) pred.push_back(doc.tokens[i].ner);
      CountEntities(sents[si].tags, pred, &sc);
      ++sc.sentences;
      sc.words += static_cast<int64_t>(pred.size());
    }
    FinishEntityScores(&sc);
    return sc;
  }
  auto r = ReadConlluFile(gold_path);
  if (!r.ok()) return r.status();
  std::vector<ConlluSentence> sents = std::move(r.value());
  if (max_sentences > 0 && sents.size() > max_sentences) sents.resize(max_sentences);
  Document doc = SentencesToDocument(sents);
  ENTENTE_RETURN_IF_ERROR(annotator.Annotate(&doc));
  if (parser_beam > 0) {  // re-parse from the annotator's tags with the chosen beam width
    const Parser& parser = annotator.parser();
    Document retag = doc;
    Annotator::TaggedDocument tagged;
    ENTENTE_RETURN_IF_ERROR(annotator.TagAndLemmatize(&retag, &tagged));
    std::vector<std::vector<WordAtoms>> atoms(doc.sentences.size());
    std::vector<std::vector<uint64_t>> tags(doc.sentences.size());
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      for (uint32_t i = s.first_token; i < s.end_token; ++i) {
        atoms[si].push_back(tagged.atoms[i]);
        tags[si].push_back(HashString(annotator.tagger().tags[tagged.tags[i]].xpos));
      }
    }
    std::vector<std::vector<int>> heads(doc.sentences.size()), labels(doc.sentences.size());
    const auto start = std::chrono::steady_clock::now();
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      if (parser_beam == 1) parser.Parse(atoms[si], tags[si], &heads[si], &labels[si]);
      else parser.ParseBeam(atoms[si], tags[si], parser_beam, &heads[si], &labels[si]);
    }
    sc.parse_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sc.parser_beam = parser_beam;
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      for (uint32_t i = 0; i < s.size(); ++i) {
        Token& t = doc.tokens[s.first_token + i];
        t.head = heads[si][i];
        t.deprel = heads[si][i] < 0 ? "root" : parser.labels[labels[si][i]];
      }
    }
  }
  int64_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  for (size_t si = 0; si < sents.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    for (uint32_t i = 0; i < s.size(); ++i) {
      const Token& t = doc.tokens[s.first_token + i];
      const ConlluWord& g = sents[si].words[i];
      upos += t.upos == g.upos;
      xpos += t.xpos == g.xpos;
      lemma += t.lemma == g.lemma;
      if (t.head == g.head) {
        ++uas;
        las += t.deprel == g.deprel;
      }
      ++sc.words;
    }
    ++sc.sentences;
  }
  double n = static_cast<double>(std::max<int64_t>(sc.words, 1));
  sc.has_syntax = true;
  sc.upos = 100 * upos / n;
  sc.xpos = 100 * xpos / n;
  sc.lemma = 100 * lemma / n;
  sc.uas = 100 * uas / n;
  sc.las = 100 * las / n;
  return sc;
}

std::string FormatScores(const NlpScores& s) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << "sentences " << s.sentences << ", words " << s.words << "\n";
  if (s.has_syntax)
    out << "UPOS " << s.upos << "\nXPOS " << s.xpos << "\nlemma " << s.lemma << "\nUAS " << s.uas
        << "\nLAS " << s.las << "\n";
  if (s.parser_beam > 0)
    out << "parser beam " << s.parser_beam << ": " << s.parse_seconds << " s, "
        << static_cast<int64_t>(s.words / std::max(s.parse_seconds, 1e-9)) << " words/s\n";
  if (s.has_entities) {
    out.precision(4);
    out << "entities gold " << s.gold_entities << " predicted " << s.predicted_entities
        << " correct " << s.correct_entities << "\nprecision " << s.precision << "\nrecall "
        << s.recall << "\nF1 " << s.f1 << "\n";
  }
  return out.str();
}

}  // namespace entente::nlp
