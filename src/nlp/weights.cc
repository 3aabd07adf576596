#include "nlp/weights.h"

#include <algorithm>

namespace entente::nlp {

SparseWeights SparseWeights::Build(int num_classes, std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  SparseWeights sw;
  sw.num_classes_ = num_classes;
  std::vector<uint64_t> keys;
  std::vector<std::vector<WeightEntry>> entries;
  for (Row& r : rows) {
    if (r.entries.empty()) continue;
    std::sort(r.entries.begin(), r.entries.end(),
              [](const WeightEntry& a, const WeightEntry& b) { return a.cls < b.cls; });
    keys.push_back(r.key);
    entries.push_back(std::move(r.entries));
  }
  sw.Index(std::move(keys), std::move(entries));
  return sw;
}

void SparseWeights::Index(std::vector<uint64_t> keys, std::vector<std::vector<WeightEntry>> rows) {
  size_t size = 16;
  while (size * 3 < keys.size() * 4) size <<= 1;  // load factor <= 3/4
  mask_ = size - 1;
  slots_.assign(size, Slot{});
  entries_.clear();
  dense_.clear();
  num_entries_ = 0;
  const bool can_inline = num_classes_ <= 256;
  std::vector<uint64_t> kept;
  kept.reserve(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    const uint32_t c = Check(keys[k]);
    size_t i = Home(keys[k]);
    while (slots_[i].check != 0 && slots_[i].check != c) i = (i + 1) & mask_;
    if (slots_[i].check == c) continue;  // same high half as an earlier key: first one wins
    kept.push_back(keys[k]);
    Slot& s = slots_[i];
    s.check = c;
    const std::vector<WeightEntry>& row = rows[k];
    s.count = static_cast<uint16_t>(row.size());
    num_entries_ += row.size();
    if (row.size() > kInline && row.size() * 4 >= static_cast<size_t>(num_classes_) &&
        num_classes_ < kDense) {
      s.count = kDense;
      uint32_t begin = static_cast<uint32_t>(dense_.size());
      std::memcpy(&s.w[0], &begin, 4);
      dense_.resize(dense_.size() + num_classes_, 0.0f);
      for (const WeightEntry& e : row) dense_[begin + e.cls] = e.w;
    } else if (can_inline && row.size() <= kInline) {
      for (size_t j = 0; j < row.size(); ++j) {
        s.cls[j] = static_cast<uint8_t>(row[j].cls);
        s.w[j] = row[j].w;
      }
    } else {
      uint32_t begin = static_cast<uint32_t>(entries_.size());
      std::memcpy(&s.w[0], &begin, 4);
      entries_.insert(entries_.end(), row.begin(), row.end());
    }
  }
  keys_ = std::move(kept);
  num_features_ = keys_.size();
  size_t bits = 64;
  while (bits < num_features_ * 8) bits <<= 1;
  bits_mask_ = bits - 1;
  present_.assign(bits / 64, 0);
  for (uint64_t key : keys_) {
    const uint64_t bit = (key >> 20) & bits_mask_;
    present_[bit >> 6] |= 1ull << (bit & 63);
  }
}

void SparseWeights::RowOf(uint64_t key, std::vector<WeightEntry>* out) const {
  out->clear();
  const Slot* s = Find(key);
  if (!s) return;
  if (s->count == kDense) {
    const float* d = dense_.data() + s->begin();
    for (int c = 0; c < num_classes_; ++c)
      if (d[c] != 0.0f) out->push_back({static_cast<uint16_t>(c), d[c]});
  } else if (num_classes_ <= 256 && s->count <= kInline) {
    for (uint32_t j = 0; j < s->count; ++j) out->push_back({s->cls[j], s->w[j]});
  } else {
    out->assign(entries_.begin() + s->begin(), entries_.begin() + s->begin() + s->count);
  }
}

SparseWeights SparseWeights::Pruned(float threshold) const {
  std::vector<Row> rows;
  std::vector<WeightEntry> row;
  for (uint64_t key : keys_) {
    Row r{key, {}};
    RowOf(key, &row);
    for (const WeightEntry& e : row)
      if (e.w >= threshold || e.w <= -threshold) r.entries.push_back(e);
    if (!r.entries.empty()) rows.push_back(std::move(r));
  }
  return Build(num_classes_, std::move(rows));
}

void SparseWeights::Serialize(ByteWriter* w) const {
  w->U32(static_cast<uint32_t>(num_classes_));
  w->U64(keys_.size());
  std::vector<WeightEntry> row;
  for (uint64_t key : keys_) {
    RowOf(key, &row);
    w->U64(key);
    w->U16(static_cast<uint16_t>(row.size()));
    for (const WeightEntry& e : row) {
      w->U16(e.cls);
      w->F32(e.w);
    }
  }
}

bool SparseWeights::Deserialize(ByteReader* r) {
  num_classes_ = static_cast<int>(r->U32());
  uint64_t n = r->U64();
  if (!r->ok() || num_classes_ <= 0 || num_classes_ > 65535 || !r->Plausible(n, 10)) return false;
  std::vector<uint64_t> keys(n);
  std::vector<std::vector<WeightEntry>> rows(n);
  uint64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    keys[i] = r->U64();
    uint16_t c = r->U16();
    if (!r->ok() || keys[i] == 0 || keys[i] <= prev || c == 0 || !r->Plausible(c, 6)) return false;
    prev = keys[i];
    rows[i].resize(c);
    for (uint16_t k = 0; k < c; ++k) {
      rows[i][k].cls = r->U16();
      rows[i][k].w = r->F32();
      if (rows[i][k].cls >= num_classes_) return false;
    }
  }
  if (!r->ok()) return false;
  Index(std::move(keys), std::move(rows));
  return true;
}

}  // namespace entente::nlp
