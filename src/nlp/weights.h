// Sparse linear-model weights for the perceptron models: feature key (64-bit hash) -> a short
// list of (class, weight). Lookup is one probe sequence in an open-addressing table followed by
// a contiguous run of entries, so scoring touches few cache lines. Immutable after Build or
// Deserialize; Score is const and thread-safe.
#ifndef ENTENTE_NLP_WEIGHTS_H_
#define ENTENTE_NLP_WEIGHTS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "nlp/model_format.h"

namespace entente::nlp {

struct WeightEntry {
  uint16_t cls;
  float w;
};

class SparseWeights {
 public:
  // One feature with its non-zero class weights.
  struct Row {
    uint64_t key;
    std::vector<WeightEntry> entries;
  };

  SparseWeights() = default;
  // Builds from rows (keys unique and non-zero, classes < num_classes).
  static SparseWeights Build(int num_classes, std::vector<Row> rows);

  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_entries() const { return entries_.size(); }

  // Adds the weights of every known feature in feats[0..n) to scores[0..num_classes).
  // The table is far larger than the caches, so lookups are done in three passes (prefetch the
  // slots, resolve them and prefetch the entries, accumulate) to overlap the memory misses.
  void Score(const uint64_t* feats, size_t n, float* scores) const {
    if (slots_.empty()) return;
    constexpr size_t kBatch = 32;
    const Slot* found[kBatch];
    for (size_t base = 0; base < n; base += kBatch) {
      const size_t m = n - base < kBatch ? n - base : kBatch;
      for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[Home(feats[base + i])]);
      for (size_t i = 0; i < m; ++i) {
        found[i] = Find(feats[base + i]);
        if (found[i]) __builtin_prefetch(entries_.data() + found[i]->begin);
      }
      for (size_t i = 0; i < m; ++i) {
        const Slot* s = found[i];
        if (!s) continue;
        const WeightEntry* e = entries_.data() + s->begin;
        for (uint32_t k = 0; k < s->count; ++k) scores[e[k].cls] += e[k].w;
      }
    }
  }

  // A copy without the entries whose |weight| < threshold (features left empty are dropped).
  SparseWeights Pruned(float threshold) const;

  // Writes rows in ascending key order (deterministic bytes).
  void Serialize(ByteWriter* w) const;
  // False when the bytes are malformed.
  bool Deserialize(ByteReader* r);

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0;
    uint32_t count = 0;
  };
  size_t Home(uint64_t key) const { return static_cast<size_t>(key ^ (key >> 29)) & mask_; }
  const Slot* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    size_t i = Home(key);
    while (true) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  void Index(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& begins,
             const std::vector<uint32_t>& counts);

  int num_classes_ = 0;
  size_t num_features_ = 0;
  size_t mask_ = 0;
  std::vector<Slot> slots_;
  std::vector<WeightEntry> entries_;
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_WEIGHTS_H_
