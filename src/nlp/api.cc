// The public face of the nlp stage (include/entente/nlp.h) over its internal trainers.
#include "entente/nlp.h"

#include "nlp/annotator.h"
#include "nlp/clusters_train.h"
#include "nlp/conllu.h"
#include "nlp/train.h"

namespace entente {

Status TrainNlpModel(std::string_view kind, const NlpTrainOptions& o) {
  if (kind == "clusters") {
    nlp::ClusterOptions c;
    c.text = o.text;
    c.classes = o.classes;
    if (o.vocabulary > 0) c.vocabulary = o.vocabulary;
    c.iterations = o.iterations;
    c.out = o.out;
    c.log = o.log;
    return nlp::InduceClusters(c);
  }
  if (kind == "casing") {
    nlp::CasingOptions c;
    c.text = o.text;
    if (o.vocabulary > 0) c.vocabulary = o.vocabulary;
    if (o.min_count > 0) c.min_count = o.min_count;
    c.out = o.out;
    c.log = o.log;
    return nlp::CountCasing(c);
  }
  nlp::TrainOptions t;
  t.train = o.train;
  t.dev = o.dev;
  t.iterations = o.iterations;
  t.seed = o.seed;
  t.out = o.out;
  t.tagger_model = o.tagger_model;
  t.date = o.date;
  t.training_data = o.training_data;
  t.jackknife_folds = o.jackknife_folds;
  t.prune = o.prune;
  t.gazetteer = o.gazetteer;
  t.clusters = o.clusters;
  t.casing = o.casing;
  t.beam_width = o.beam_width;
  t.max_violation = o.max_violation;
  t.reverse = o.reverse;
  t.punct_last = o.punct_last;
  t.log = o.log;
  return nlp::RunTrain(kind, t);
}

Status WriteConllu(const Document& doc, std::ostream& out) { return nlp::WriteConllu(doc, out); }

Result<std::string> EvaluateNlpModels(const std::string& models_dir, const std::string& gold_path,
                                      bool accurate) {
  nlp::AnnotatorOptions ao;
  ao.accurate = accurate;
  auto annotator = nlp::Annotator::Load(models_dir, ao);
  if (!annotator.ok()) return annotator.status();
  auto scores = nlp::EvaluateConllu(**annotator, gold_path);
  if (!scores.ok()) return scores.status();
  return nlp::FormatScores(*scores);
}

}  // namespace entente
