// Averaged multi-class perceptron trainer (training library only). Weights are stored sparsely
// per feature; averaging uses the standard trick of keeping w and u = sum(c * delta), so that
// the average after c instances is w - u / c. Not thread-safe.
#ifndef ENTENTE_NLP_PERCEPTRON_TRAINER_H_
#define ENTENTE_NLP_PERCEPTRON_TRAINER_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "nlp/weights.h"

namespace entente::nlp {

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}

  int num_classes() const { return num_classes_; }
  // Adds the current (not averaged) weights to scores[0..num_classes).
  void Score(const uint64_t* feats, size_t n, float* scores) const;
  // Perceptron update: +1 for truth, -1 for guess on every feature; no-op when equal.
  void Update(const uint64_t* feats, size_t n, int truth, int guess);
  // Adds `delta` to class `cls` of every feature: the one-sided step of structured updates
  // (sequence or beam training reward the gold path's features and penalise the predicted
  // path's, which differ).
  void Add(const uint64_t* feats, size_t n, int cls, float delta) {
    for (size_t i = 0; i < n; ++i) AddOne(feats[i], cls, delta);
  }
  // Call once per training instance (advances the averaging clock).
  void NextInstance() { ++clock_; }
  // Averaged weights; entries with |w| < prune are dropped.
  SparseWeights Average(float prune) const;

 private:
  struct Entry {
    uint16_t cls;
    float w;
    double u;
  };
  void AddOne(uint64_t feat, int cls, float delta);

  int num_classes_;
  double clock_ = 1;
  std::unordered_map<uint64_t, std::vector<Entry>> weights_;
};

// Deterministic random numbers for training (same seed, same sequence on every platform).
class TrainRng {
 public:
  explicit TrainRng(uint64_t seed) : s_(seed * 0x9e3779b97f4a7c15ull + 0x1234567ull) {}
  uint64_t Next() {  // splitmix64
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Next() % i]);
  }

 private:
  uint64_t s_;
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_PERCEPTRON_TRAINER_H_
