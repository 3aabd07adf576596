// Trainer of the entity tagger (TrainNer in train.h): an averaged structured perceptron over a
// seeded shuffle of the sentences. Each sentence is decoded with the current weights (Viterbi,
// ner.h); when the best path differs from the gold one, the gold path's features are rewarded
// and the predicted path's penalised, word by word. Words of unknown label (kNerUnknown) take
// the label of the best path that agrees with every known gold label (a latent gold path).
#include <algorithm>
#include <cmath>
#include <memory>

#include "nlp/ner.h"
#include "nlp/ner_data.h"
#include "nlp/hash.h"
#include "nlp/perceptron_trainer.h"
#include "nlp/train.h"
#include "nlp/train_internal.h"

namespace entente::nlp {
using namespace train_internal;
namespace {

struct NerTrainSentence {
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> tags;
  NerInput in;            // points into atoms and tags: sentences are never copied once filled
  std::vector<int> gold;  // class per word; -1 = unknown (kNerUnknown)
  bool partial = false;   // some gold class is -1
};

// Sentences are held by pointer so that NerInput's pointers stay valid.
Result<std::vector<std::unique_ptr<NerTrainSentence>>> LoadNerData(
    const std::vector<std::string>& paths, const Tagger& tagger, const EntityTagger& ner,
    size_t max_sentences) {
  std::vector<std::unique_ptr<NerTrainSentence>> out;
  std::vector<int> tag_ids;
  for (const std::string& p : paths) {
    auto r = ReadNerFile(p);
    if (!r.ok()) return r.status();
    for (const NerSentence& s : r.value()) {
      auto t = std::make_unique<NerTrainSentence>();
      t->atoms = AtomsOf(s.words);
      tagger.Tag(t->atoms, &tag_ids);
      for (int id : tag_ids) t->tags.push_back(HashString(tagger.tags[id].xpos));
      ner.Prepare(t->atoms, t->tags, &t->in);
      for (const std::string& tag : s.tags) {
        t->gold.push_back(tag == kNerUnknown ? -1 : std::max(0, EntityTagger::LabelIndex(tag)));
        t->partial = t->partial || t->gold.back() < 0;
      }
      out.push_back(std::move(t));
      if (max_sentences > 0 && out.size() >= max_sentences) return out;
    }
  }
  return out;
}

double NerDevF1(const EntityTagger& ner,
               const std::vector<std::unique_ptr<NerTrainSentence>>& dev) {
  NlpScores s;
  std::vector<int> out;
  const auto& labels = EntityTagger::Labels();
  for (const auto& dp : dev) {
    const NerTrainSentence& d = *dp;
    ner.Tag(d.atoms, d.tags, &out);
    std::vector<std::string> g, p;
    for (size_t i = 0; i < out.size(); ++i) {
      g.push_back(labels[std::max(0, d.gold[i])]);
      p.push_back(labels[out[i]]);
    }
    CountEntities(g, p, &s);
  }
  FinishEntityScores(&s);
  return s.f1;
}

// Reads the gazetteers, the casing profile and the word clusters named in `o` into `ner` (its features use them).
Status LoadLexicalResources(const TrainOptions& o, EntityTagger* ner) {
  for (const std::string& g : o.gazetteer) ENTENTE_RETURN_IF_ERROR(ReadNameFile(g, &ner->names));
  if (!o.casing.empty()) {
    Result<WordClusters> casing = WordClusters::ReadFile(o.casing);
    if (!casing.ok()) return casing.status();
    ner->casing = std::move(casing).value();
  }
  if (o.clusters.empty()) return Status::OK();
  Result<WordClusters> clusters = WordClusters::ReadFile(o.clusters);
  if (!clusters.ok()) return clusters.status();
  ner->clusters = std::move(clusters).value();
  return Status::OK();
}

}  // namespace

Status TrainNer(const TrainOptions& o) {
  ENTENTE_RETURN_IF_ERROR(CheckOptions(o));
  if (o.tagger_model.empty())
    return Status::InvalidArgument("train ner: a tagger model is required (--tagger)");
  auto tagger = LoadTaggerFile(o.tagger_model);
  if (!tagger.ok()) return tagger.status();
  EntityTagger ner;
  ENTENTE_RETURN_IF_ERROR(LoadLexicalResources(o, &ner));
  auto data = LoadNerData(o.train, *tagger.value(), ner, o.max_sentences);
  if (!data.ok()) return data.status();
  auto dev = LoadNerData(o.dev, *tagger.value(), ner, 0);
  if (!dev.ok()) return dev.status();
  const int nc = EntityTagger::kNumLabels;
  PerceptronTrainer trainer(nc);
  auto scorer = [&trainer](const uint64_t* f, int n, float* sc) { trainer.Score(f, n, sc); };
  TrainRng rng(o.seed);
  std::vector<size_t> order(data.value().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<int> guess, gold;
  uint64_t feats[EntityTagger::kMaxFeatures];
  for (int it = 0; it < o.iterations; ++it) {
    rng.Shuffle(&order);
    for (size_t idx : order) {
      const NerTrainSentence& d = *data.value()[idx];
      EntityTagger::Decode(d.in, scorer, nullptr, &guess);
      if (d.partial) {
        EntityTagger::Decode(d.in, scorer, &d.gold, &gold);
      } else {
        gold = d.gold;
      }
      for (int i = 0; i < static_cast<int>(gold.size()); ++i) {
        const int pg = i == 0 ? -1 : gold[i - 1], pp = i == 0 ? -1 : guess[i - 1];
        if (gold[i] != guess[i]) {
          const int nf = EntityTagger::StaticFeatures(d.in, i, feats);
          trainer.Add(feats, nf, gold[i], 1.0f);
          trainer.Add(feats, nf, guess[i], -1.0f);
        }
        if (gold[i] != guess[i] || pg != pp) {
          int nf = EntityTagger::HistoryFeatures(d.in, i, pg, feats);
          trainer.Add(feats, nf, gold[i], 1.0f);
          nf = EntityTagger::HistoryFeatures(d.in, i, pp, feats);
          trainer.Add(feats, nf, guess[i], -1.0f);
        }
      }
      trainer.NextInstance();
    }
    if (o.log) {
      *o.log << "ner iteration " << (it + 1);
      if (!dev.value().empty()) {
        ner.weights = trainer.Average(o.prune);
        *o.log << ": dev entity F1 " << NerDevF1(ner, dev.value());
      }
      *o.log << std::endl;
    }
  }
  ner.weights = trainer.Average(o.prune);
  std::string bytes = ner.Serialize(MakeHeader(o, ModelKind::kNer, EntityTagger::Fingerprint()));
  if (o.log) *o.log << "ner: " << ner.weights.num_features() << " features, " << ner.names.size()
                    << " names, " << ner.names.num_parts() << " name parts, " << bytes.size()
                    << " bytes\n";
  return WriteFileBytes(o.out, bytes);
}

}  // namespace entente::nlp
