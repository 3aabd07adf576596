#include "nlp/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define ENTENTE_X86_AVX2 1
#endif

namespace entente::nlp {

#if ENTENTE_X86_AVX2
const bool SparseWeights::kHaveAvx2 = [] {
  const char* off = std::getenv("ENTENTE_NO_AVX2");
  if (off != nullptr && *off != '\0' && std::strcmp(off, "0") != 0) return false;
  __builtin_cpu_init();  // may run before libgcc's own initialiser
  return __builtin_cpu_supports("avx2") != 0;
}();

__attribute__((target("avx2"))) void SparseWeights::AddDenseAvx2(const int16_t* __restrict d,
                                                                 int32_t* __restrict scores, int nc) {
  int c = 0;
  for (; c + 8 <= nc; c += 8) {
    const __m256i w = _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(d + c)));
    __m256i* out = reinterpret_cast<__m256i*>(scores + c);
    _mm256_storeu_si256(out, _mm256_add_epi32(_mm256_loadu_si256(out), w));
  }
  for (; c < nc; ++c) scores[c] += d[c];
}

namespace {
// scores[c0, c0 + 8 NV) (clipped to nc) += the sum of rows[0..count)[c0, c0 + 8 NV): NV sums of
// 8 classes kept in registers across the rows (NV <= 14 of AVX2's 16 registers), added to
// scores once, the last vector masked so that nothing past scores[nc) is touched.
template <int NV>
__attribute__((target("avx2"), always_inline)) inline void AddRowsBlockAvx2(
    const int16_t* const* rows, size_t count, int c0, int32_t* scores, int nc) {
  __m256i acc[NV];
#pragma GCC unroll 16
  for (int v = 0; v < NV; ++v) acc[v] = _mm256_setzero_si256();
  for (size_t r = 0; r < count; ++r) {
    const int16_t* d = rows[r] + c0;
#pragma GCC unroll 16
    for (int v = 0; v < NV; ++v)
      acc[v] = _mm256_add_epi32(
          acc[v], _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(d + 8 * v))));
  }
#pragma GCC unroll 16
  for (int v = 0; v < NV; ++v) {
    const int c = c0 + 8 * v;
    int32_t* out = scores + c;
    if (nc - c >= 8) {
      __m256i* o = reinterpret_cast<__m256i*>(out);
      _mm256_storeu_si256(o, _mm256_add_epi32(_mm256_loadu_si256(o), acc[v]));
    } else {
      const __m256i mask =
          _mm256_cmpgt_epi32(_mm256_set1_epi32(nc - c), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
      _mm256_maskstore_epi32(out, mask, _mm256_add_epi32(_mm256_maskload_epi32(out, mask), acc[v]));
    }
  }
}
}  // namespace

__attribute__((target("avx2"))) void SparseWeights::AddDenseRowsAvx2(const int16_t* const* rows,
                                                                     size_t count,
                                                                     int32_t* scores, int nc) {
  constexpr int kMaxVectors = 14;
  for (int c0 = 0; c0 < nc; c0 += 8 * kMaxVectors) {
    const int nv = std::min(kMaxVectors, (nc - c0 + 7) / 8);  // vectors of 8 classes in this block
    switch (nv) {
#define ENTENTE_BLOCK(k) \
  case k: AddRowsBlockAvx2<k>(rows, count, c0, scores, nc); break;
      ENTENTE_BLOCK(1) ENTENTE_BLOCK(2) ENTENTE_BLOCK(3) ENTENTE_BLOCK(4) ENTENTE_BLOCK(5)
      ENTENTE_BLOCK(6) ENTENTE_BLOCK(7) ENTENTE_BLOCK(8) ENTENTE_BLOCK(9) ENTENTE_BLOCK(10)
      ENTENTE_BLOCK(11) ENTENTE_BLOCK(12) ENTENTE_BLOCK(13) ENTENTE_BLOCK(14)
#undef ENTENTE_BLOCK
    }
  }
}

// ScoreRawHot's first pass with AVX2, four keys at a time (the same lists as the scalar loop
// there, in the same order): hot-index compare and presence-bitmap test by gathers, the two
// lists compacted without branches.
__attribute__((target("avx2"))) size_t SparseWeights::SplitHotAvx2(const uint64_t* f, size_t m,
                                                                   uint32_t* hits, size_t* nh,
                                                                   uint64_t* live) const {
  const __m256i hot_mask = _mm256_set1_epi64x(static_cast<long long>(hot_mask_));
  const __m256i bits_mask = _mm256_set1_epi64x(static_cast<long long>(bits_mask_));
  const __m256i one = _mm256_set1_epi64x(1);
  const __m256i low6 = _mm256_set1_epi64x(63);
  const long long* hot = reinterpret_cast<const long long*>(hot_slots_.data());  // key: element 2h
  const long long* present = reinterpret_cast<const long long*>(present_.data());
  size_t h_count = 0, l_count = 0, i = 0;
  alignas(32) uint64_t home[4];
  for (; i + 4 <= m; i += 4) {
    const __m256i key = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(f + i));
    const __m256i h = _mm256_and_si256(_mm256_srli_epi64(key, kHotShift), hot_mask);
    const __m256i hot_key = _mm256_i64gather_epi64(hot, _mm256_add_epi64(h, h), 8);
    const __m256i hit = _mm256_cmpeq_epi64(hot_key, key);
    const __m256i bit = _mm256_and_si256(_mm256_srli_epi64(key, 20), bits_mask);
    const __m256i word = _mm256_i64gather_epi64(present, _mm256_srli_epi64(bit, 6), 8);
    const __m256i in = _mm256_and_si256(_mm256_srlv_epi64(word, _mm256_and_si256(bit, low6)), one);
    const __m256i cold = _mm256_andnot_si256(hit, _mm256_cmpeq_epi64(in, one));
    const unsigned hm = static_cast<unsigned>(_mm256_movemask_pd(_mm256_castsi256_pd(hit)));
    const unsigned lm = static_cast<unsigned>(_mm256_movemask_pd(_mm256_castsi256_pd(cold)));
    _mm256_store_si256(reinterpret_cast<__m256i*>(home), h);
    for (int j = 0; j < 4; ++j) {
      hits[h_count] = static_cast<uint32_t>(home[j]);
      h_count += (hm >> j) & 1;
      live[l_count] = f[i + j];
      l_count += (lm >> j) & 1;
    }
  }
  SplitHot(f, i, m, hits, &h_count, live, &l_count);
  *nh = h_count;
  return l_count;
}

namespace {
__attribute__((target("avx2"))) int ArgMaxFirstAvx2(const int32_t* v, int n) {
  int c = 0;
  int32_t best = v[0];
  if (n >= 8) {
    __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v));
    for (c = 8; c + 8 <= n; c += 8)
      m = _mm256_max_epi32(m, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + c)));
    __m128i h = _mm_max_epi32(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, _MM_SHUFFLE(1, 0, 3, 2)));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, _MM_SHUFFLE(2, 3, 0, 1)));
    best = _mm_cvtsi128_si32(h);
  }
  for (int i = c; i < n; ++i) best = v[i] > best ? v[i] : best;
  const __m256i b = _mm256_set1_epi32(best);
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    const int mask = _mm256_movemask_ps(_mm256_castsi256_ps(
        _mm256_cmpeq_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)), b)));
    if (mask != 0) return i + __builtin_ctz(static_cast<unsigned>(mask));
  }
  while (v[i] != best) ++i;
  return i;
}
}  // namespace

#else
const bool SparseWeights::kHaveAvx2 = false;

size_t SparseWeights::SplitHotAvx2(const uint64_t*, size_t, uint32_t*, size_t* nh, uint64_t*) const {
  *nh = 0;
  return 0;
}

void SparseWeights::AddDenseRowsAvx2(const int16_t* const* rows, size_t count, int32_t* scores,
                                     int nc) {
  for (size_t r = 0; r < count; ++r)
    for (int c = 0; c < nc; ++c) scores[c] += rows[r][c];
}

void SparseWeights::AddDenseAvx2(const int16_t* __restrict d, int32_t* __restrict scores, int nc) {
  for (int c = 0; c < nc; ++c) scores[c] += d[c];
}
#endif

int ArgMaxFirst(const int32_t* v, int n) {
#if ENTENTE_X86_AVX2
  if (SparseWeights::HaveAvx2()) return ArgMaxFirstAvx2(v, n);
#endif
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

void AdviseHuge(void* p, size_t bytes) {
#if defined(MADV_HUGEPAGE)
  madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
#else
  (void)p;
  (void)bytes;
#endif
}

namespace {

void PutVarint(ByteWriter* w, uint64_t v) {
  while (v >= 0x80) {
    w->U8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  w->U8(static_cast<uint8_t>(v));
}

// False on truncation or an over-long encoding.
bool GetVarint(ByteReader* r, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = r->U8();
    if (!r->ok()) return false;
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}
}  // namespace


SparseWeights SparseWeights::Build(int num_classes, std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  SparseWeights sw;
  sw.num_classes_ = num_classes;
  float max_abs = 0;
  for (const Row& r : rows)
    for (const WeightEntry& e : r.entries) max_abs = std::max(max_abs, std::fabs(e.w));
  sw.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<uint64_t> keys;
  std::vector<std::vector<QEntry>> entries;
  for (Row& r : rows) {
    std::sort(r.entries.begin(), r.entries.end(),
              [](const WeightEntry& a, const WeightEntry& b) { return a.cls < b.cls; });
    std::vector<QEntry> q;
    for (const WeightEntry& e : r.entries) {
      const long v = std::lround(e.w / sw.scale_);
      if (v == 0) continue;
      q.push_back({e.cls, static_cast<int16_t>(std::clamp(v, -32767L, 32767L))});
    }
    if (q.empty()) continue;
    keys.push_back(r.key);
    entries.push_back(std::move(q));
  }
  sw.Index(std::move(keys), std::move(entries));
  return sw;
}

void SparseWeights::Index(std::vector<uint64_t> keys, std::vector<std::vector<QEntry>> rows) {
  size_t size = 16;
  while (size * 3 < keys.size() * 4) size <<= 1;  // load factor <= 3/4
  mask_ = size - 1;
  slots_.assign(size, Slot{});
  entries_.clear();
  dense_.clear();
  num_entries_ = 0;
  const bool can_inline = num_classes_ <= 256;
  auto is_dense = [&](size_t count) {
    return count * 4 >= static_cast<size_t>(num_classes_) && num_classes_ < kDense;
  };
  size_t entry_total = 0, dense_total = 0;  // upper bounds: reserve once (huge-page blocks)
  for (const std::vector<QEntry>& row : rows) {
    if (can_inline && row.size() <= kInline) continue;
    if (is_dense(row.size())) dense_total += num_classes_;
    else entry_total += row.size();
  }
  entries_.reserve(entry_total);
  dense_.reserve(dense_total + kDensePad);
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
    const std::vector<QEntry>& row = rows[k];
    s.count = static_cast<uint16_t>(row.size());
    num_entries_ += row.size();
    if (can_inline && row.size() <= kInline) {
      for (size_t j = 0; j < row.size(); ++j) {
        s.cls[j] = static_cast<uint8_t>(row[j].cls);
        s.w[j] = row[j].w;
      }
    } else if (is_dense(row.size())) {
      s.count = kDense;
      s.set_begin(static_cast<uint32_t>(dense_.size()));
      const size_t begin = dense_.size();
      dense_.resize(dense_.size() + num_classes_, 0);
      for (const QEntry& e : row) dense_[begin + e.cls] = e.w;
    } else {
      s.set_begin(static_cast<uint32_t>(entries_.size()));
      entries_.insert(entries_.end(), row.begin(), row.end());
    }
  }
  dense_.resize(dense_.size() + kDensePad, 0);  // AddDenseRowsAvx2 may read past the last row
  // hot_order_ (when set, by Deserialize) indexes `keys`: renumber it for the kept keys.
  std::vector<int64_t> kept_index(keys.size(), -1);
  std::vector<std::vector<QEntry>> kept_rows;
  kept_rows.reserve(kept.size());
  for (size_t k = 0, j = 0; k < keys.size() && j < kept.size(); ++k)
    if (keys[k] == kept[j]) {
      kept_rows.push_back(std::move(rows[k]));
      kept_index[k] = static_cast<int64_t>(j);
      ++j;
    }
  std::vector<uint32_t> order;
  for (uint32_t i : hot_order_)
    if (i < kept_index.size() && kept_index[i] >= 0) order.push_back(static_cast<uint32_t>(kept_index[i]));
  hot_order_ = std::move(order);
  keys_ = std::move(kept);
  num_features_ = keys_.size();
  size_t bits = 64;
  while (bits < num_features_ * kBitsPerFeature) bits <<= 1;
  bits_mask_ = bits - 1;
  present_.assign(bits / 64, 0);
  for (uint64_t key : keys_) {
    const uint64_t bit = (key >> 20) & bits_mask_;
    present_[bit >> 6] |= 1ull << (bit & 63);
  }
  BuildHot(kept_rows, hot_bytes_);
}

void SparseWeights::SetHotBytes(size_t bytes) {
  hot_bytes_ = bytes;
  std::vector<std::vector<QEntry>> rows(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) RowOf(keys_[i], &rows[i]);
  BuildHot(rows, bytes);
}

void SparseWeights::SetHotOrder(const std::vector<uint64_t>& keys) {
  hot_order_.clear();
  std::vector<bool> seen(keys_.size(), false);
  for (uint64_t key : keys) {
    if (hot_order_.size() == kMaxHotOrder) break;
    const auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (it == keys_.end() || *it != key) continue;
    const size_t i = static_cast<size_t>(it - keys_.begin());
    if (seen[i]) continue;
    seen[i] = true;
    hot_order_.push_back(static_cast<uint32_t>(i));
  }
  SetHotBytes(hot_bytes_);
}

void SparseWeights::BuildHot(const std::vector<std::vector<QEntry>>& rows, size_t bytes) {
  hot_slots_.clear();
  hot_entries_.clear();
  hot_dense_.clear();
  hot_mask_ = 0;
  hot_count_ = 0;
  // The table: the largest power of two of slots in half of `bytes`; rows in order, each taken
  // if its home slot is free and it fits in what is left of `bytes`.
  if (keys_.empty() || bytes < 64 * sizeof(HotSlot)) return;
  size_t table = 16;
  while (table * 2 * sizeof(HotSlot) <= bytes / 2) table <<= 1;
  // The hot order first, then the other rows by weight count (ties: key order).
  std::vector<bool> ordered(keys_.size(), false);
  for (uint32_t i : hot_order_) ordered[i] = true;
  std::vector<uint32_t> order;
  order.reserve(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i)
    if (!ordered[i]) order.push_back(static_cast<uint32_t>(i));
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return rows[a].size() > rows[b].size(); });
  order.insert(order.begin(), hot_order_.begin(), hot_order_.end());
  hot_mask_ = table - 1;
  hot_slots_.assign(table, HotSlot{});
  const auto is_dense = [&](size_t count) {
    return count * kHotDenseFactor >= static_cast<size_t>(num_classes_) && num_classes_ < kDense;
  };
  size_t budget = bytes - table * sizeof(HotSlot);
  for (uint32_t r : order) {
    const std::vector<QEntry>& row = rows[r];
    const size_t row_bytes =
        is_dense(row.size()) ? num_classes_ * sizeof(int16_t) : row.size() * sizeof(QEntry);
    if (row_bytes > budget) continue;
    HotSlot& s = hot_slots_[HotHome(keys_[r])];
    if (s.key != 0) continue;
    budget -= row_bytes;
    ++hot_count_;
    s.key = keys_[r];
    if (is_dense(row.size())) {
      s.count = kDense;
      s.begin = static_cast<uint32_t>(hot_dense_.size());
      const size_t begin = hot_dense_.size();
      hot_dense_.resize(begin + num_classes_, 0);
      for (const QEntry& e : row) hot_dense_[begin + e.cls] = e.w;
    } else {
      s.count = static_cast<uint32_t>(row.size());
      s.begin = static_cast<uint32_t>(hot_entries_.size());
      hot_entries_.insert(hot_entries_.end(), row.begin(), row.end());
    }
  }
  hot_dense_.resize(hot_dense_.size() + kDensePad, 0);  // AddDenseRowsAvx2 may read past the end
}

void SparseWeights::RowOf(uint64_t key, std::vector<QEntry>* out) const {
  out->clear();
  const Slot* s = Find(key);
  if (!s) return;
  if (s->count == kDense) {
    const int16_t* d = dense_.data() + s->begin();
    for (int c = 0; c < num_classes_; ++c)
      if (d[c] != 0) out->push_back({static_cast<uint16_t>(c), d[c]});
  } else if (num_classes_ <= 256 && s->count <= kInline) {
    for (uint32_t j = 0; j < s->count; ++j) out->push_back({s->cls[j], s->w[j]});
  } else {
    out->assign(entries_.begin() + s->begin(), entries_.begin() + s->begin() + s->count);
  }
}

SparseWeights SparseWeights::Pruned(float threshold) const {
  std::vector<Row> rows;
  std::vector<QEntry> row;
  const float t = threshold - scale_ / 2;  // compare with the weight before rounding
  for (uint64_t key : keys_) {
    Row r{key, {}};
    RowOf(key, &row);
    for (const QEntry& e : row) {
      const float w = e.w * scale_;
      if (w >= t || w <= -t) r.entries.push_back({e.cls, w});
    }
    if (!r.entries.empty()) rows.push_back(std::move(r));
  }
  SparseWeights out = Build(num_classes_, std::move(rows));
  if (!hot_order_.empty()) {
    std::vector<uint64_t> order;
    for (uint32_t i : hot_order_) order.push_back(keys_[i]);
    out.SetHotOrder(order);
  }
  return out;
}

void SparseWeights::Serialize(ByteWriter* w) const {
  w->U32(static_cast<uint32_t>(num_classes_) | kQuantisedFlag |
         (hot_order_.empty() ? 0u : kHotOrderFlag));
  w->F32(scale_);
  w->U64(keys_.size());
  const bool small = num_classes_ <= 256;
  std::vector<QEntry> row;
  uint64_t prev = 0;
  for (uint64_t key : keys_) {
    RowOf(key, &row);
    PutVarint(w, key - prev);
    prev = key;
    PutVarint(w, row.size());
    for (const QEntry& e : row) {
      if (small) w->U8(static_cast<uint8_t>(e.cls));
      else w->U16(e.cls);
      w->U16(static_cast<uint16_t>(e.w));
    }
  }
  if (!hot_order_.empty()) {
    PutVarint(w, hot_order_.size());
    for (uint32_t i : hot_order_) PutVarint(w, i);
  }
}

bool SparseWeights::Deserialize(ByteReader* r) {
  const uint32_t head = r->U32();
  if (!(head & kQuantisedFlag)) {  // format version 1: float weights
    num_classes_ = static_cast<int>(head);
    uint64_t n = r->U64();
    if (!r->ok() || num_classes_ <= 0 || num_classes_ >= kDense || !r->Plausible(n, 10)) return false;
    std::vector<Row> rows(n);
    uint64_t prev = 0;
    for (uint64_t i = 0; i < n; ++i) {
      rows[i].key = r->U64();
      uint16_t c = r->U16();
      if (!r->ok() || rows[i].key == 0 || rows[i].key <= prev || c == 0 || !r->Plausible(c, 6))
        return false;
      prev = rows[i].key;
      rows[i].entries.resize(c);
      for (uint16_t k = 0; k < c; ++k) {
        rows[i].entries[k].cls = r->U16();
        rows[i].entries[k].w = r->F32();
        if (rows[i].entries[k].cls >= num_classes_ || !std::isfinite(rows[i].entries[k].w))
          return false;
      }
    }
    if (!r->ok()) return false;
    *this = Build(num_classes_, std::move(rows));
    return true;
  }
  const bool has_order = head & kHotOrderFlag;
  num_classes_ = static_cast<int>(head & ~(kQuantisedFlag | kHotOrderFlag));
  scale_ = r->F32();
  uint64_t n = r->U64();
  if (!r->ok() || num_classes_ <= 0 || num_classes_ >= kDense || !std::isfinite(scale_) ||
      scale_ <= 0 || !r->Plausible(n, 5))
    return false;
  const bool small = num_classes_ <= 256;
  std::vector<uint64_t> keys(n);
  std::vector<std::vector<QEntry>> rows(n);
  uint64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t delta = 0, c = 0;
    if (!GetVarint(r, &delta) || delta == 0 || delta > ~prev || !GetVarint(r, &c) || c == 0 ||
        c > static_cast<uint64_t>(num_classes_) || !r->Plausible(c, small ? 3 : 4))
      return false;
    keys[i] = prev + delta;
    prev = keys[i];
    rows[i].resize(c);
    int last = -1;
    for (uint64_t k = 0; k < c; ++k) {
      const int cls = small ? r->U8() : r->U16();
      const int16_t w = static_cast<int16_t>(r->U16());
      if (cls >= num_classes_ || cls <= last || w == 0) return false;
      last = cls;
      rows[i][k] = {static_cast<uint16_t>(cls), w};
    }
  }
  if (!r->ok()) return false;
  hot_order_.clear();
  if (has_order) {
    uint64_t count = 0;
    if (!GetVarint(r, &count) || count == 0 || count > kMaxHotOrder || count > n ||
        !r->Plausible(count, 1))
      return false;
    std::vector<bool> seen(n, false);
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t index = 0;
      if (!GetVarint(r, &index) || index >= n || seen[index]) return false;
      seen[index] = true;
      hot_order_.push_back(static_cast<uint32_t>(index));
    }
  }
  Index(std::move(keys), std::move(rows));
  return true;
}

}  // namespace entente::nlp
