// Trainer of the entity tagger (TrainNer in train.h): a greedy BIO tagger trained as an
// averaged perceptron over a seeded shuffle; features in ner.h.
#include <algorithm>

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
  std::vector<uint32_t> gaz;
  std::vector<uint64_t> cl;
  std::vector<int> gold;
};

Result<std::vector<NerTrainSentence>> LoadNerData(const std::vector<std::string>& paths,
                                                  const Tagger& tagger, const NameList& names,
                                                  const WordClusters& clusters,
                                                  size_t max_sentences) {
  std::vector<NerTrainSentence> out;
  std::vector<int> tag_ids;
  for (const std::string& p : paths) {
    auto r = ReadNerFile(p);
    if (!r.ok()) return r.status();
    for (const NerSentence& s : r.value()) {
      NerTrainSentence t;
      t.atoms = AtomsOf(s.words);
      tagger.Tag(t.atoms, &tag_ids);
      for (int id : tag_ids) t.tags.push_back(HashString(tagger.tags[id].xpos));
      names.Mark(t.atoms, &t.gaz);
      clusters.LookupAll(t.atoms, &t.cl);
      for (const std::string& tag : s.tags) t.gold.push_back(std::max(0, EntityTagger::LabelIndex(tag)));
      out.push_back(std::move(t));
      if (max_sentences > 0 && out.size() >= max_sentences) return out;
    }
  }
  return out;
}

double NerDevF1(const EntityTagger& ner, const std::vector<NerTrainSentence>& dev) {
  NlpScores s;
  std::vector<int> out;
  const auto& labels = EntityTagger::Labels();
  for (const NerTrainSentence& d : dev) {
    ner.Tag(d.atoms, d.tags, &out);
    std::vector<std::string> g, p;
    for (size_t i = 0; i < out.size(); ++i) {
      g.push_back(labels[d.gold[i]]);
      p.push_back(labels[out[i]]);
    }
    CountEntities(g, p, &s);
  }
  FinishEntityScores(&s);
  return s.f1;
}

}  // namespace

Status TrainNer(const TrainOptions& o) {
  ENTENTE_RETURN_IF_ERROR(CheckOptions(o));
  if (o.tagger_model.empty())
    return Status::InvalidArgument("train ner: a tagger model is required (--tagger)");
  auto tagger = LoadTaggerFile(o.tagger_model);
  if (!tagger.ok()) return tagger.status();
  EntityTagger ner;
  for (const std::string& g : o.gazetteer) ENTENTE_RETURN_IF_ERROR(ReadNameFile(g, &ner.names));
  if (!o.clusters.empty()) {
    auto c = WordClusters::ReadFile(o.clusters);
    if (!c.ok()) return c.status();
    ner.clusters = std::move(c.value());
  }
  auto data = LoadNerData(o.train, *tagger.value(), ner.names, ner.clusters, o.max_sentences);
  if (!data.ok()) return data.status();
  auto dev = LoadNerData(o.dev, *tagger.value(), ner.names, ner.clusters, 0);
  if (!dev.ok()) return dev.status();
  const int nc = static_cast<int>(EntityTagger::Labels().size());
  PerceptronTrainer trainer(nc);
  TrainRng rng(o.seed);
  std::vector<size_t> order(data.value().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> scores(nc);
  uint64_t feats[EntityTagger::kMaxFeatures];
  for (int it = 0; it < o.iterations; ++it) {
    rng.Shuffle(&order);
    for (size_t idx : order) {
      const NerTrainSentence& d = data.value()[idx];
      int p1 = -1, p2 = -1;
      for (int i = 0; i < static_cast<int>(d.atoms.size()); ++i) {
        int nf = EntityTagger::Features(d.atoms, d.tags, d.gaz, d.cl, i, p1, p2, feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(feats, nf, scores.data());
        int guess = -1;
        for (int c = 0; c < nc; ++c)
          if (EntityTagger::Allowed(p1, c) && (guess < 0 || scores[c] > scores[guess])) guess = c;
        int truth = d.gold[i];
        if (!EntityTagger::Allowed(p1, truth)) truth = truth - 1;  // I-X after a wrong guess: B-X
        trainer.Update(feats, nf, truth, guess);
        trainer.NextInstance();
        p2 = p1;
        p1 = guess;
      }
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
                    << " names, " << bytes.size() << " bytes\n";
  return WriteFileBytes(o.out, bytes);
}

}  // namespace entente::nlp
