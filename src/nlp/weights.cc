#include "nlp/weights.h"

#include <algorithm>

namespace entente::nlp {

SparseWeights SparseWeights::Build(int num_classes, std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  SparseWeights sw;
  sw.num_classes_ = num_classes;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> begins, counts;
  for (Row& r : rows) {
    if (r.entries.empty()) continue;
    std::sort(r.entries.begin(), r.entries.end(),
              [](const WeightEntry& a, const WeightEntry& b) { return a.cls < b.cls; });
    keys.push_back(r.key);
    begins.push_back(static_cast<uint32_t>(sw.entries_.size()));
    counts.push_back(static_cast<uint32_t>(r.entries.size()));
    sw.entries_.insert(sw.entries_.end(), r.entries.begin(), r.entries.end());
  }
  sw.Index(keys, begins, counts);
  return sw;
}

void SparseWeights::Index(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& begins,
                          const std::vector<uint32_t>& counts) {
  num_features_ = keys.size();
  size_t size = 16;
  while (size < keys.size() * 2) size <<= 1;
  mask_ = size - 1;
  slots_.assign(size, Slot{});
  for (size_t k = 0; k < keys.size(); ++k) {
    size_t i = static_cast<size_t>(keys[k] ^ (keys[k] >> 29)) & mask_;
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{keys[k], begins[k], counts[k]};
  }
}

SparseWeights SparseWeights::Pruned(float threshold) const {
  std::vector<Row> rows;
  for (const Slot& s : slots_) {
    if (s.key == 0) continue;
    Row row{s.key, {}};
    for (uint32_t k = 0; k < s.count; ++k) {
      const WeightEntry& e = entries_[s.begin + k];
      if (e.w >= threshold || e.w <= -threshold) row.entries.push_back(e);
    }
    if (!row.entries.empty()) rows.push_back(std::move(row));
  }
  return Build(num_classes_, std::move(rows));
}

void SparseWeights::Serialize(ByteWriter* w) const {
  std::vector<const Slot*> order;
  order.reserve(num_features_);
  for (const Slot& s : slots_)
    if (s.key != 0) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  w->U32(static_cast<uint32_t>(num_classes_));
  w->U64(order.size());
  for (const Slot* s : order) {
    w->U64(s->key);
    w->U16(static_cast<uint16_t>(s->count));
    for (uint32_t k = 0; k < s->count; ++k) {
      w->U16(entries_[s->begin + k].cls);
      w->F32(entries_[s->begin + k].w);
    }
  }
}

bool SparseWeights::Deserialize(ByteReader* r) {
  num_classes_ = static_cast<int>(r->U32());
  uint64_t n = r->U64();
  if (!r->ok() || num_classes_ <= 0 || num_classes_ > 65535 || !r->Plausible(n, 10)) return false;
  std::vector<uint64_t> keys(n);
  std::vector<uint32_t> begins(n), counts(n);
  entries_.clear();
  uint64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    keys[i] = r->U64();
    uint16_t c = r->U16();
    if (!r->ok() || keys[i] == 0 || keys[i] <= prev || c == 0 || !r->Plausible(c, 6)) return false;
    prev = keys[i];
    begins[i] = static_cast<uint32_t>(entries_.size());
    counts[i] = c;
    for (uint16_t k = 0; k < c; ++k) {
      WeightEntry e;
      e.cls = r->U16();
      e.w = r->F32();
      if (e.cls >= num_classes_) return false;
      entries_.push_back(e);
    }
  }
  if (!r->ok()) return false;
  Index(keys, begins, counts);
  return true;
}

}  // namespace entente::nlp
