// Chunked event storage (SQLite schema v6): many imported events per SQLite row. The design is
// explained once, at the top of chunks.cc; docs/schema.md ("event_chunks") has the byte format.
// Internal to the store stage.
#ifndef ENTENTE_STORE_CHUNKS_H_
#define ENTENTE_STORE_CHUNKS_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "entente/store.h"

namespace entente::store_internal {

// Events per chunk at most (a chunk's event index fits in 12 bits).
constexpr size_t kChunkEvents = 4096;
// A chunk records where every kChunkSeekStep-th event starts (ChunkReader::Seek).
constexpr size_t kChunkSeekStep = 64;

// What a chunk holds, for skipping it without decoding: stored beside the blob in
// event_chunks. Sets are sorted and distinct.
struct ChunkSummary {
  int64_t count = 0;
  std::string first_date, first_id;  // sort key of the chunk's first event ("" date: undated)
  std::string min_date, max_date;    // over the non-empty dates; both "" when every date is empty
  uint32_t modalities = 0;           // bit (1 << Modality)
  std::vector<std::string> origins, roots, cameos, countries;  // countries: source and target
};
// The summary's sets and modality mask as one blob (the event_chunks.summary column) and back;
// false when `blob` is not such a blob.
std::string EncodeSummarySets(const ChunkSummary& s);
bool DecodeSummarySets(std::string_view blob, ChunkSummary* s);

// An EventFilter prepared for matching decoded events in C++ with exactly the semantics of the
// SQL that BuildEventQuery writes (byte comparisons, ASCII case folding, NULL never matches).
class EventMatcher {
 public:
  explicit EventMatcher(const EventFilter& f);
  bool Matches(const Event& e) const;
  // False when no event of a chunk with this summary can match.
  bool MayMatch(const ChunkSummary& s) const;

 private:
  const EventFilter& f_;
  std::string actor_lower_, since_, until_, code_upper_;
  bool code_unbounded_ = false;
};

// (date, id) order of ForEachEvent: empty (unknown) dates first, byte order.
inline bool EventKeyLess(std::string_view date_a, std::string_view id_a, std::string_view date_b,
                         std::string_view id_b) {
  int c = date_a.compare(date_b);
  return c < 0 || (c == 0 && id_a < id_b);
}

// Collects up to kChunkEvents events and encodes them as one chunk, sorted by (date, id).
// Add copies what it needs, so the caller may reuse its Event objects at once.
class ChunkBuilder {
 public:
  ChunkBuilder();
  size_t size() const { return offsets_.size(); }
  bool full() const { return size() >= kChunkEvents; }
  void Add(const Event& e);
  // The id of the i-th event added since the last Seal.
  std::string_view IdAt(size_t i) const;
  // Encodes the events added since the last Seal into *blob and *summary, and empties the
  // builder. order[k] is the Add position of the chunk's k-th (sorted) event.
  void Seal(std::string* blob, ChunkSummary* summary, std::vector<uint32_t>* order);

 private:
  uint32_t Intern(std::string_view s);
  // Intern through a one-entry cache per field (`slot`): many fields repeat the previous
  // event's value (dates, origins, patterns, empty sectors).
  uint32_t InternAt(std::string_view s, int slot) {
    const uint32_t i = last_[slot];
    if (i < dict_len_.size() && dict_len_[i] == s.size() && SameBytes(dict_arena_.data() + dict_off_[i], s.data(), s.size()))
      return i;
    return last_[slot] = Intern(s);
  }
  void PutDict(std::string_view s, int slot) { PutVarint(InternAt(s, slot)); }
  // Interns and writes `s`, remembering that it was used in a summarised field.
  void PutRole(std::string_view s, uint8_t role, int slot) {
    uint32_t i = InternAt(s, slot);
    roles_[i] |= role;
    PutVarint(i);
  }
  enum : uint8_t { kRoleDate = 1, kRoleOrigin = 2, kRoleRoot = 4, kRoleCameo = 8, kRoleCountry = 16 };
  void PutVarint(uint64_t v) {
    if (v < 0x80) records_.push_back(static_cast<char>(v));
    else PutLongVarint(v);
  }
  void PutLongVarint(uint64_t v);
  // Equal bytes; up to 32 without a library call (overlapping 8-byte loads from each side).
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n <= 8) {
      for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
      return true;
    }
    if (n <= 16) {
      uint64_t a0, a1, b0, b1;
      std::memcpy(&a0, a, 8);
      std::memcpy(&b0, b, 8);
      std::memcpy(&a1, a + n - 8, 8);
      std::memcpy(&b1, b + n - 8, 8);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n <= 32) {
      uint64_t x = 0;
      for (size_t off : {size_t{0}, size_t{8}, n - 16, n - 8}) {
        uint64_t u, v;
        std::memcpy(&u, a + off, 8);
        std::memcpy(&v, b + off, 8);
        x |= u ^ v;
      }
      return x == 0;
    }
    return std::memcmp(a, b, n) == 0;
  }
  void PutRaw(std::string_view s);
  void PutNote(std::string_view note);
  // PutNote's fast path: true (and the note written) when `note` has the skeleton of the
  // previous note (the common case: a GDELT import's notes all share one).
  bool PutNoteLikeLast(std::string_view note);

  // The chunk's string dictionary: arena + open-addressing table of indexes (+1; 0 = empty).
  std::string dict_arena_;
  std::vector<uint32_t> dict_off_, dict_len_;
  std::vector<uint32_t> table_;
  std::vector<uint64_t> table_hash_;
  std::vector<uint8_t> roles_;  // per dictionary string: kRole* bits
  uint32_t modalities_ = 0;
  uint32_t last_[21];  // InternAt's cache: the last dictionary index per field
  // Records (everything but the id) in Add order, and the ids.
  std::string records_;
  std::vector<uint32_t> offsets_;
  std::string id_arena_;
  std::vector<uint32_t> id_off_;
  std::vector<uint32_t> date_;  // dictionary index of each event's date
  std::string skeleton_, values_;  // PutNote scratch
  // The last note's skeleton cut before each value: note_skeleton_ = segment 0 + ... +
  // segment m-1, segment k ending where value k starts; note_cuts_[k] is the end of segment k
  // (m - 1 values; the last segment follows the last value). Empty before the first note.
  std::string note_skeleton_;
  std::vector<uint32_t> note_cuts_;
  uint32_t note_skeleton_index_ = UINT32_MAX;  // its dictionary index in this chunk, if interned
};

// Reads a chunk blob. Events come in the chunk's (date, id) order.
class ChunkReader {
 public:
  // False (with *error) when `blob` is not a chunk this code can read. The blob must outlive
  // the reader.
  bool Open(std::string_view blob, std::string* error);
  size_t size() const { return n_; }
  // Decodes the next event into *e (every field assigned; string capacity is reused). False at
  // the end or on a damaged record (then error() is set).
  bool Next(Event* e);
  // Makes event i the one Next returns next (decodes at most kChunkSeekStep - 1 others).
  bool Seek(size_t i);
  // Position of the event Next returns next.
  size_t position() const { return pos_; }
  const std::string& error() const { return error_; }
  // Every id of the chunk, in order.
  static bool Ids(std::string_view blob, std::vector<std::string>* ids, std::string* error);
  // How many leading bytes of a blob hold its header and id section (to read ids alone
  // through incremental blob I/O). 0 when more bytes are needed to tell (give at least 32).
  static size_t IdSectionEnd(std::string_view head);

 private:
  bool Fail(const char* what);
  std::string_view blob_;
  size_t n_ = 0, pos_ = 0;
  std::vector<std::string_view> dict_;
  const char* ids_ = nullptr;
  const char* ids_end_ = nullptr;
  std::vector<std::string_view> id_prefixes_;
  std::vector<std::pair<uint64_t, uint64_t>> marks_;
  const char* ids_begin_ = nullptr;
  const char* rec_begin_ = nullptr;
  const char* rec_ = nullptr;
  const char* end_ = nullptr;
  std::string error_;
};

}  // namespace entente::store_internal

#endif  // ENTENTE_STORE_CHUNKS_H_
