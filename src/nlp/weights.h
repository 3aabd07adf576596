// Sparse linear-model weights for the perceptron models: feature key (64-bit hash) -> a short
// list of (class, weight), weights quantised to 16 bits with one scale per table (a perceptron's
// argmax does not notice the rounding: dev scores were unchanged). Lookup is one probe sequence
// in an open-addressing table of 16-byte slots; most features (rare words) have one to three
// weights, stored in the slot itself, and
// longer rows are one contiguous run of entries, so scoring touches few cache lines. Slots
// compare the key's high 32 bits only: two keys of one model sharing them (about one pair in
// 10^4 features for our sizes) share a row; the keys are hashes, so this is one more hash
// collision and never an error. The large table misses the per-core cache on nearly every
// probe, so integer scoring (ScoreRaw) first asks a small hot index holding a copy of the rows
// looked up most often (the hot order stored with the model), which changes no result.
// Immutable after Build or Deserialize (SetHotBytes/SetHotOrder aside); Score is const and
// thread-safe.
#ifndef ENTENTE_NLP_WEIGHTS_H_
#define ENTENTE_NLP_WEIGHTS_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "nlp/model_format.h"

namespace entente::nlp {

// madvise(MADV_HUGEPAGE) where available; a no-op elsewhere.
void AdviseHuge(void* p, size_t bytes);

// Allocator for the large lookup tables: blocks of at least kMin bytes are 2 MB-aligned and
// asked to be backed by transparent huge pages (Linux; elsewhere, and for smaller blocks, plain
// operator new). Random probes into a table of many megabytes otherwise miss the TLB on nearly
// every lookup. The pages are only advised: without THP the table works the same, slower.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  static constexpr size_t kMin = size_t{256} << 10;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMin) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    AdviseHuge(p, rounded);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kMin)
      ::operator delete(p);
    else
      std::free(p);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};
// The first index of the largest of v[0..n) (n >= 1): what a loop keeping the first strict
// maximum returns. With AVX2 when the CPU has it.
int ArgMaxFirst(const int32_t* v, int n);

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
  // Builds from rows (keys unique and non-zero, classes < num_classes). Weights are quantised
  // to 16 bits with one scale per table (largest |w| -> 32767); entries that round to 0 are
  // dropped, and so are rows left empty.
  static SparseWeights Build(int num_classes, std::vector<Row> rows);

  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_entries() const { return num_entries_; }  // weights in all rows
  float scale() const { return scale_; }               // weight = stored int16 * scale

  // Adds the weights of every known feature in feats[0..n) to scores[0..num_classes).
  // The table is far larger than the caches, so lookups are done in passes to overlap the
  // memory misses: first, for up to kChunk features at once, test a presence bitmap of ~8 bits
  // per feature (so that most absent features cost no miss on the table) without branches and
  // prefetch the slots of the features that pass; then, per batch of kBatch features, resolve
  // the slots, adding rows of up to three weights stored inside the slot and prefetching longer
  // rows, then add the longer rows. The order of the float additions depends only on feats
  // (not on kChunk), so scores are reproducible bit for bit.
  void Score(const uint64_t* feats, size_t n, float* scores) const { ScoreInto(feats, n, scores); }
  // Like Score, but adds the stored 16-bit weights themselves (score = sum x scale()). Integer
  // sums are exact, so they do not depend on the order or grouping of the features: a caller
  // may add partial sums computed separately (the parser caches those of single-word
  // templates) and get the same total bit for bit.
  // ScoreRaw first looks each feature up in the hot index (below), which holds the rows most
  // likely to be asked for in a table small enough to stay in the per-core cache; only the
  // others go through the presence bitmap and the large table.
  void ScoreRaw(const uint64_t* feats, size_t n, int32_t* scores) const {
    if (hot_slots_.empty()) {
      ScoreInto(feats, n, scores);
    } else {
      ScoreRawHot(feats, n, scores);
    }
  }
  // Starts loading the table slots of feats[0..n) (those passing the presence bitmap) so that a
  // later Score over them waits less; a hint only, with no effect on any result.
  void Prefetch(const uint64_t* feats, size_t n) const {
    if (slots_.empty()) return;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t bit = (feats[i] >> 20) & bits_mask_;
      const bool maybe = (present_[bit >> 6] >> (bit & 63)) & 1;
      __builtin_prefetch(&slots_[maybe ? Home(feats[i]) : 0]);  // no branch to mispredict
    }
  }

  // Rebuilds the hot index of ScoreRaw with at most `bytes` of slots and rows (0: none).
  // Results do not change, only speed; Index builds it with kHotBytes. For tests and
  // benchmarks.
  void SetHotBytes(size_t bytes);
  size_t hot_features() const { return hot_count_; }  // rows in the hot index
  // Sets which rows the hot index prefers: `keys` most wanted first (normally by how often a
  // model looks them up on its training data; see ProfileHotFeatures in train.h), at most
  // kMaxHotOrder of them; keys not in the table are skipped. Without an order (the default) rows
  // with more weights come first. Serialised with the table; rebuilds the hot index.
  void SetHotOrder(const std::vector<uint64_t>& keys);
  static constexpr size_t kMaxHotOrder = 16384;
  size_t hot_order_size() const { return hot_order_.size(); }
  // Whether this CPU runs AVX2 (the vector paths here and in ArgMaxFirst). Fixed at start-up;
  // the environment variable ENTENTE_NO_AVX2 (set, not "0") forces the plain paths, which give
  // the same scores (tests/cli_end_to_end_test.cc compares the two).
  static bool HaveAvx2() { return kHaveAvx2; }

  // A copy without the entries whose |weight| < threshold (up to rounding: the weight before
  // quantisation is compared; features left empty are dropped).
  SparseWeights Pruned(float threshold) const;

  // Writes the quantised table, keys ascending and delta-coded (deterministic bytes):
  //   u32 num_classes | kQuantisedFlag [| kHotOrderFlag], f32 scale, u64 features, then per
  //   feature: varint key delta, varint count, count x (class: u8 when num_classes <= 256 else
  //   u16, i16 weight); with kHotOrderFlag, then varint n and n varint feature indices (into
  //   the ascending keys), the hot order (SetHotOrder).
  void Serialize(ByteWriter* w) const;
  // Reads what Serialize wrote, or the float layout of model format version 1 (u32
  // num_classes, u64 features, per feature u64 key, u16 count, count x (u16 class, f32
  // weight)), which is quantised on load. False when the bytes are malformed.
  bool Deserialize(ByteReader* r);

 private:
  static constexpr uint32_t kQuantisedFlag = 0x80000000u;
  static constexpr uint32_t kHotOrderFlag = 0x40000000u;
  // Presence-bitmap bits per feature (~12% false positives; 4 and 16 measured no faster).
  static constexpr size_t kBitsPerFeature = 8;
  struct QEntry {
    uint16_t cls;
    int16_t w;
  };
  // 16 bytes, four to a cache line. `check` is the key's high half (never 0 in a used slot).
  // Rows of up to kInline weights live in the slot (classes < 256 only); longer rows keep
  // their start index in entries_ (or dense_ when count == kDense) in w[0..1]'s bits.
  static constexpr uint32_t kInline = 3;
  // Rows of up to this many weights are in their slot: kInline, or none when classes do not fit
  // in a byte (such rows are in entries_ like longer ones).
  uint32_t InlineMax() const { return num_classes_ <= 256 ? kInline : 0; }
  // Rows with at least a quarter of all classes are stored dense (an int16 per class, in
  // dense_): smaller than (class, weight) pairs, and added with vector instructions.
  static constexpr uint16_t kDense = 0xFFFF;
  // Whether this CPU runs AVX2, found once at start-up; the build itself targets plain x86-64.
  static const bool kHaveAvx2;
  // scores[0..nc) += d[0..nc) with AVX2 (8 classes per instruction; the plain loop below
  // sign-extends and adds 4 at a time with SSE2). Call only when kHaveAvx2.
  static void AddDenseAvx2(const int16_t* __restrict d, int32_t* __restrict scores, int nc);
  // scores[0..nc) += rows[0][0..nc) + ... + rows[count - 1][0..nc) with AVX2, the sums kept in
  // registers across the rows (112 classes at a time) and added to scores once: one load and
  // one add per 8 classes and row. Reads up to kDensePad int16 past a row's end (the next
  // row, or the padding that ends dense_ and hot_dense_). Call only when kHaveAvx2.
  static void AddDenseRowsAvx2(const int16_t* const* rows, size_t count, int32_t* scores, int nc);
  static constexpr size_t kDensePad = 8;
  void AddDenseRows(const int16_t* const* rows, size_t count, int32_t* scores) const {
    if (kHaveAvx2) {
      AddDenseRowsAvx2(rows, count, scores, num_classes_);
      return;
    }
    for (size_t i = 0; i < count; ++i) AddDense(rows[i], scores);
  }
  // Prefetches every cache line of [p, p + bytes) (a tagger row of 105 classes spans four).
  static void PrefetchBytes(const void* p, size_t bytes) {
    const uintptr_t first = reinterpret_cast<uintptr_t>(p) & ~uintptr_t{63};
    const uintptr_t last = (reinterpret_cast<uintptr_t>(p) + bytes - 1) & ~uintptr_t{63};
    for (uintptr_t a = first; a <= last; a += 64)
      __builtin_prefetch(reinterpret_cast<const void*>(a));
  }
  // (GCC 12 warns, wrongly, when this is inlined into a caller with a short scores array: it
  // cannot see that num_classes_ bounds the loop.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
  void AddDense(const int16_t* __restrict d, float* __restrict scores) const {
    const int nc = num_classes_;
    const float scale = scale_;
    int c = 0;
    for (; c + 8 <= nc; c += 8)
      for (int j = 0; j < 8; ++j) scores[c + j] += d[c + j] * scale;
    for (; c < nc; ++c) scores[c] += d[c] * scale;
  }
  void AddDense(const int16_t* __restrict d, int32_t* __restrict scores) const {
    const int nc = num_classes_;
    if (kHaveAvx2) {
      AddDenseAvx2(d, scores, nc);
      return;
    }
    int c = 0;
    for (; c + 8 <= nc; c += 8)
      for (int j = 0; j < 8; ++j) scores[c + j] += d[c + j];
    for (; c < nc; ++c) scores[c] += d[c];
  }
#pragma GCC diagnostic pop
  struct Slot {
    uint32_t check = 0;
    uint16_t count = 0;
    uint8_t cls[3] = {0, 0, 0};
    uint8_t pad = 0;
    int16_t w[3] = {0, 0, 0};
    uint32_t begin() const {
      uint32_t b;
      std::memcpy(&b, &w[0], 4);
      return b;
    }
    void set_begin(uint32_t b) { std::memcpy(&w[0], &b, 4); }
  };
  static_assert(sizeof(Slot) == 16);
  static uint32_t Check(uint64_t key) { return static_cast<uint32_t>(key >> 32) | 1u; }
  size_t Home(uint64_t key) const { return static_cast<size_t>(key ^ (key >> 29)) & mask_; }
  const Slot* Find(uint64_t key) const {
    const uint32_t c = Check(key);
    size_t i = Home(key);
    while (true) {
      const Slot& s = slots_[i];
      if (s.check == c) return &s;
      if (s.check == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  // Hot index: a copy of the rows most often looked up (the hot order, SetHotOrder; without one,
  // the rows with the most weights), up to kHotBytes of slots and entries, in a table of its
  // own keyed by the full 64-bit key where a row may sit only in its home slot (so one compare
  // decides; a row whose slot is taken stays cold). It answers most lookups from memory that
  // stays in the per-core cache, where the large table (16 MB for the parser) misses on nearly
  // every probe. Used by ScoreRaw only (integer
  // sums do not depend on the order of additions; Score keeps its exact float order). A hot
  // key's row is the row the large table gives for it (Index keeps the first key of a shared
  // check, and only kept keys are hot), so results are identical with and without the index.
  static constexpr size_t kHotBytes = size_t{384} << 10;
  // Hot rows with at least 1/kHotDenseFactor of all classes are stored dense (the large
  // table's threshold is a quarter).
  static constexpr size_t kHotDenseFactor = 8;
  struct HotSlot {
    uint64_t key = 0;    // 0: empty
    uint32_t begin = 0;  // first entry in hot_entries_, or in hot_dense_ when count == kDense
    uint32_t count = 0;
  };
  static_assert(sizeof(HotSlot) == 16);
  // The high bits of the key (feature keys are mixed hashes); a shift, so that the AVX2 pass
  // computes it four keys at a time.
  static constexpr int kHotShift = 40;
  size_t HotHome(uint64_t key) const { return static_cast<size_t>(key >> kHotShift) & hot_mask_; }
  // ScoreRawHot's first pass over f[begin..m), one key at a time: appends the hot-index slots of
  // the hot keys to hits[*nh..) and the other keys that pass the presence bitmap to live[*nl..),
  // in the order of f, without branches (a hot key sits in its home slot or is not hot).
  void SplitHot(const uint64_t* f, size_t begin, size_t m, uint32_t* hits, size_t* nh, uint64_t* live,
                size_t* nl) const {
    size_t h_count = *nh, l_count = *nl;  // (locals: live's uint64_t may alias size_t)
    for (size_t i = begin; i < m; ++i) {
      const uint64_t key = f[i];
      const uint32_t h = static_cast<uint32_t>(HotHome(key));
      const uint64_t hit = hot_slots_[h].key == key;
      hits[h_count] = h;
      h_count += hit;
      const uint64_t bit = (key >> 20) & bits_mask_;
      live[l_count] = key;
      l_count += ((present_[bit >> 6] >> (bit & 63)) & 1) & (hit ^ 1);
    }
    *nh = h_count;
    *nl = l_count;
  }
  // The same with AVX2, four keys at a time, over f[0..m): the hot-index slots of the hot keys to
  // hits[0..*nh), the other keys that pass the presence bitmap to live[0..return value), both in
  // the order of f. Call only when kHaveAvx2.
  size_t SplitHotAvx2(const uint64_t* f, size_t m, uint32_t* hits, size_t* nh,
                      uint64_t* live) const;
  // Builds the hot index from rows[i] = the row of keys_[i], within `bytes`.
  void BuildHot(const std::vector<std::vector<QEntry>>& rows, size_t bytes);
  void ScoreRawHot(const uint64_t* feats, size_t n, int32_t* scores) const;  // inline, below
  // Score (Acc = float: weight x scale) and ScoreRaw (Acc = int32_t: stored weight).
  template <class Acc>
  void ScoreInto(const uint64_t* feats, size_t n, Acc* scores) const;  // inline, below
  // The quantised row of `key` (empty when absent).
  void RowOf(uint64_t key, std::vector<QEntry>* out) const;
  // Builds the table from quantised rows (keys ascending, rows non-empty, classes ascending).
  void Index(std::vector<uint64_t> keys, std::vector<std::vector<QEntry>> rows);

  int num_classes_ = 0;
  float scale_ = 1.0f;
  size_t num_features_ = 0;
  size_t num_entries_ = 0;
  size_t mask_ = 0;
  std::vector<uint64_t> keys_;  // every key, ascending (for Serialize and Pruned)
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<QEntry, HugePageAllocator<QEntry>> entries_;
  std::vector<int16_t, HugePageAllocator<int16_t>> dense_;
  std::vector<uint64_t, HugePageAllocator<uint64_t>>
      present_;  // presence bitmap (not serialised; rebuilt by Index)
  uint64_t bits_mask_ = 0;
  std::vector<HotSlot, HugePageAllocator<HotSlot>> hot_slots_;  // empty: no hot index
  std::vector<QEntry, HugePageAllocator<QEntry>> hot_entries_;
  std::vector<int16_t, HugePageAllocator<int16_t>> hot_dense_;
  size_t hot_mask_ = 0;
  size_t hot_count_ = 0;
  size_t hot_bytes_ = kHotBytes;
  std::vector<uint32_t> hot_order_;  // indices into keys_, most wanted first (may be empty)
};

inline void SparseWeights::ScoreRawHot(const uint64_t* feats, size_t n, int32_t* scores) const {
  constexpr size_t kBatch = 32;
  constexpr size_t kChunk = 8 * kBatch;
  const HotSlot* hot = hot_slots_.data();
  const uint32_t inline_max = InlineMax();
  uint64_t live[kChunk];
  uint32_t hits[kChunk];
  const Slot* found[kBatch];
  // Dense rows of the chunk, added together at its end (integer sums: any order is exact).
  const int16_t* dense[kChunk];
  for (size_t chunk = 0; chunk < n; chunk += kChunk) {
    size_t nd = 0;
    const size_t m = n - chunk < kChunk ? n - chunk : kChunk;
    const uint64_t* f = feats + chunk;
    // The hot keys' slots and the other keys the presence bitmap may hold.
    size_t nh = 0, nl = 0;
    if (kHaveAvx2) {
      nl = SplitHotAvx2(f, m, hits, &nh, live);
    } else {
      SplitHot(f, 0, m, hits, &nh, live, &nl);
    }
    for (size_t i = 0; i < nl; ++i) __builtin_prefetch(&slots_[Home(live[i])]);
    for (size_t i = 0; i < nh; ++i) {
      const HotSlot& s = hot[hits[i]];
      if (s.count == kDense) {
        dense[nd++] = hot_dense_.data() + s.begin;
      } else {
        const QEntry* e = hot_entries_.data() + s.begin;
        for (uint32_t k = 0; k < s.count; ++k) scores[e[k].cls] += e[k].w;
      }
    }
    for (size_t begin = 0; begin < nl; begin += kBatch) {
      const size_t end = nl - begin < kBatch ? nl : begin + kBatch;
      size_t far = 0;
      for (size_t i = begin; i < end; ++i) {
        const Slot* s = Find(live[i]);
        if (!s) continue;
        if (s->count <= inline_max) {
          for (uint32_t k = 0; k < s->count; ++k) scores[s->cls[k]] += s->w[k];
        } else {
          if (s->count == kDense) {
            PrefetchBytes(dense_.data() + s->begin(), num_classes_ * sizeof(int16_t));
          } else {
            PrefetchBytes(entries_.data() + s->begin(), s->count * sizeof(QEntry));
          }
          found[far++] = s;
        }
      }
      for (size_t i = 0; i < far; ++i) {
        const Slot* s = found[i];
        if (s->count == kDense) {
          dense[nd++] = dense_.data() + s->begin();
          continue;
        }
        const QEntry* e = entries_.data() + s->begin();
        for (uint32_t k = 0; k < s->count; ++k) scores[e[k].cls] += e[k].w;
      }
    }
    if (nd > 0) AddDenseRows(dense, nd, scores);
  }
}

template <class Acc>
inline void SparseWeights::ScoreInto(const uint64_t* feats, size_t n, Acc* scores) const {
  if (slots_.empty()) return;
  constexpr size_t kBatch = 32;
  constexpr size_t kChunk = 8 * kBatch;
  const Slot* found[kBatch];
  uint64_t live[kChunk];
  uint32_t batch_live[kChunk / kBatch + 1];
  // Float sums add weight x scale in exactly the order below (reproducible bit for bit).
  const float scale = scale_;
  auto add = [scale](Acc& acc, int16_t w) {
    if constexpr (std::is_same_v<Acc, float>)
      acc += w * scale;
    else
      acc += w;
  };
  const uint64_t* present = present_.data();
  const uint32_t inline_max = InlineMax();
  for (size_t chunk = 0; chunk < n; chunk += kChunk) {
    const size_t m = n - chunk < kChunk ? n - chunk : kChunk;
    const uint64_t* f = feats + chunk;
    // Branchless: a mispredicted branch per absent feature would serialise the misses.
    size_t nl = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint64_t key = f[i];
      const uint64_t bit = (key >> 20) & bits_mask_;
      live[nl] = key;
      nl += (present[bit >> 6] >> (bit & 63)) & 1;
      if (i % kBatch == kBatch - 1) batch_live[i / kBatch] = static_cast<uint32_t>(nl);
    }
    batch_live[(m - 1) / kBatch] = static_cast<uint32_t>(nl);
    for (size_t i = 0; i < nl; ++i) __builtin_prefetch(&slots_[Home(live[i])]);
    size_t begin = 0;
    for (size_t b = 0; b * kBatch < m; ++b) {
      const size_t end = batch_live[b];
      size_t far = 0;
      for (size_t i = begin; i < end; ++i) {
        const Slot* s = Find(live[i]);
        if (!s) continue;
        if (s->count <= inline_max) {
          for (uint32_t j = 0; j < s->count; ++j) add(scores[s->cls[j]], s->w[j]);
        } else {
          if (s->count == kDense) {
            PrefetchBytes(dense_.data() + s->begin(), num_classes_ * sizeof(int16_t));
          } else {
            PrefetchBytes(entries_.data() + s->begin(), s->count * sizeof(QEntry));
          }
          found[far++] = s;
        }
      }
      begin = end;
      for (size_t i = 0; i < far; ++i) {
        const Slot* s = found[i];
        if (s->count == kDense) {
          AddDense(dense_.data() + s->begin(), scores);
          continue;
        }
        const QEntry* e = entries_.data() + s->begin();
        for (uint32_t k = 0; k < s->count; ++k) add(scores[e[k].cls], e[k].w);
      }
    }
  }
}

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_WEIGHTS_H_
