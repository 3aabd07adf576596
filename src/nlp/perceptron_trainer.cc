#include "nlp/perceptron_trainer.h"

#include <cmath>

namespace entente::nlp {

void PerceptronTrainer::Score(const uint64_t* feats, size_t n, float* scores) const {
  for (size_t i = 0; i < n; ++i) {
    auto it = weights_.find(feats[i]);
    if (it == weights_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.w;
  }
}

void PerceptronTrainer::AddOne(uint64_t feat, int cls, float delta) {
  std::vector<Entry>& row = weights_[feat];
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.w += delta;
      e.u += clock_ * delta;
      return;
    }
  }
  row.push_back(Entry{static_cast<uint16_t>(cls), delta, clock_ * delta});
}

void PerceptronTrainer::Update(const uint64_t* feats, size_t n, int truth, int guess) {
  if (truth == guess) return;
  for (size_t i = 0; i < n; ++i) {
    AddOne(feats[i], truth, 1.0f);
    AddOne(feats[i], guess, -1.0f);
  }
}

SparseWeights PerceptronTrainer::Average(float prune) const {
  std::vector<SparseWeights::Row> rows;
  rows.reserve(weights_.size());
  for (const auto& [key, entries] : weights_) {
    SparseWeights::Row row{key, {}};
    for (const Entry& e : entries) {
      double avg = e.w - e.u / clock_;
      if (std::fabs(avg) >= prune && avg != 0) row.entries.push_back({e.cls, static_cast<float>(avg)});
    }
    if (!row.entries.empty()) rows.push_back(std::move(row));
  }
  return SparseWeights::Build(num_classes_, std::move(rows));
}

}  // namespace entente::nlp
