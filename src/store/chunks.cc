// Chunked event storage (SQLite schema v6).
//
// Why: an imported event stored as its own SQLite row costs a B-tree append plus an entry in
// each of five indexes, ~4 µs a row once the index builds are counted (docs/benchmarks.md,
// "Import"); a GDELT import wants 2 µs a row end to end, parsing included. So events added with
// AddEvents are stored kChunkEvents (4,096) to a row of table event_chunks: one INSERT of one
// blob per 4,096 events, and no per-event index at all.
//
// A chunk's events are sorted by (date, id), the order ForEachEvent returns, so a query is a
// merge of sorted streams (the rows table's ordered SELECT and one cursor per chunk) that opens
// a chunk only when the merge reaches its first key: with date-sorted input (GDELT, ICEWS)
// only one or two chunks are open at a time, and an open chunk costs its encoded bytes plus one
// decoded Event, never a decoded copy of all its events. Each chunk row carries a summary (first
// key, min/max date, the sets of origins, roots, CAMEO codes and countries, a modality mask)
// so filters skip chunks without reading their blobs; within a candidate chunk every event is
// decoded and matched in C++ by EventMatcher, which reproduces the SQL filter byte for byte.
//
// Blob format (docs/schema.md has it too; all integers LEB128 varints, zigzag where signed):
//   'E' 1                                       magic and format version
//   n                                           events
//   ids_len, ids section                        so ids can be read alone (incremental blob I/O)
//     prefix count, prefixes (len, bytes)       an id is prefix + up to 17 trailing digits
//     n x (prefix index, tail)                  tail 0: no digits; else value * 18 + digit count
//   dict count, strings (len, bytes)            the chunk's dictionary of short strings
//   mark count, marks (record offset, id offset) where every 64th record and id start (GetEvent
//                                               decodes at most 63 events before the one it wants)
//   n records, each:
//     flags                                     1 target, 2 location, 4 doc_date != date,
//                                               8 source.text != source.name, 16 same for target,
//                                               32 extras, 64 location kind
//     D date, [D doc_date], D source code, country, sector, name, [D source text],
//     [target: D code, country, sector, name, [D text]], D cameo, root, plover, origin,
//     D why.pattern, byte modality | date_precision << 2, Z quad_class, 8-byte goldstein,
//     [location: D name, D country, 8-byte lat, lon, [D kind]], D note skeleton, R note values,
//     R doc_id, R text, R group,
//     [extras: D doc_hash, Z sentence, sentence span, source span, [target span],
//      [location span], verb span (each two varints), R modality_cue, R date_cue, R speaker,
//      entry count, R entries...]
//   (D: dictionary index; R: length + bytes; Z: zigzag varint; doubles as their IEEE bits, so
//   every value round-trips exactly.)
// No general-purpose compression: it would cost more CPU than the import budget allows; the
// dictionary already stores each distinct code, name and date once per chunk.
#include "store/chunks.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente::store_internal {
namespace {

// A fast hash for the dictionary: short strings (the common case: codes, dates, names) are read
// with two overlapping loads instead of a byte loop.
inline uint64_t HashBytes(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
      std::memcpy(&a, p + i, 8);
      h = (h ^ a) * 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 29;
    }
    std::memcpy(&b, p + n - 8, 8);
    h = (h ^ b) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
  }
  if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = static_cast<uint8_t>(p[0]) | static_cast<uint64_t>(static_cast<uint8_t>(p[n / 2])) << 8 |
        static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16;
  }
  uint64_t h = (a | b << 32) ^ (n * 0x9e3779b97f4a7c15ULL);
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

inline void AppendVarint(uint64_t v, std::string* out) {
  if (v < 0x80) {
    out->push_back(static_cast<char>(v));
    return;
  }
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t Unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// A bounds-checked reader over [p, end).
struct In {
  const char* p;
  const char* end;
  bool ok = true;
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p >= end) break;
      uint8_t b = static_cast<uint8_t>(*p++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  std::string_view Raw() {
    uint64_t n = Varint();
    if (!ok || n > static_cast<uint64_t>(end - p)) {
      ok = false;
      return {};
    }
    std::string_view s(p, n);
    p += n;
    return s;
  }
  double Double() {
    if (end - p < 8) {
      ok = false;
      return 0;
    }
    double d;
    std::memcpy(&d, p, 8);
    p += 8;
    return d;
  }
  uint8_t Byte() {
    if (p >= end) {
      ok = false;
      return 0;
    }
    return static_cast<uint8_t>(*p++);
  }
};

enum Flags : uint32_t {
  kTarget = 1, kLocation = 2, kDocDate = 4, kSourceText = 8, kTargetText = 16, kExtras = 32, kLocationKind = 64
};

bool HasExtras(const Event& e) {
  const Provenance& w = e.why;
  auto span_set = [](const Span& s) { return s.begin != 0 || s.end != 0; };
  return !e.doc_hash.empty() || e.sentence != -1 || span_set(e.sentence_span) || span_set(e.source.span) ||
         (e.target && span_set(e.target->span)) || (e.location && span_set(e.location->span)) ||
         span_set(w.verb) || !w.modality_cue.empty() || !w.date_cue.empty() || !w.speaker.empty() ||
         !w.entries.empty();
}

void AppendSet(const std::vector<std::string>& v, std::string* out) {
  AppendVarint(v.size(), out);
  for (const auto& s : v) {
    AppendVarint(s.size(), out);
    out->append(s);
  }
}

bool ReadSet(In& in, std::vector<std::string>* v) {
  uint64_t n = in.Varint();
  if (!in.ok || n > static_cast<uint64_t>(in.end - in.p)) return false;
  v->clear();
  for (uint64_t i = 0; i < n && in.ok; ++i) v->emplace_back(in.Raw());
  return in.ok;
}

bool SetHas(const std::vector<std::string>& v, std::string_view s) {
  return std::binary_search(v.begin(), v.end(), s, [](std::string_view a, std::string_view b) { return a < b; });
}

// ASCII lower case, as SQLite's lower() without ICU.
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool ContainsLower(std::string_view hay, const std::string& needle_lower) {
  if (needle_lower.size() > hay.size()) return false;
  // Compare case-folded without allocating: a naive scan is fine for these short fields.
  for (size_t i = 0; i + needle_lower.size() <= hay.size(); ++i) {
    size_t k = 0;
    for (; k < needle_lower.size(); ++k) {
      char c = hay[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != needle_lower[k]) break;
    }
    if (k == needle_lower.size()) return true;
  }
  return false;
}

}  // namespace

// ---- summary sets ---------------------------------------------------------------------------

std::string EncodeSummarySets(const ChunkSummary& s) {
  std::string out;
  out.push_back(1);
  AppendVarint(s.modalities, &out);
  AppendSet(s.origins, &out);
  AppendSet(s.roots, &out);
  AppendSet(s.cameos, &out);
  AppendSet(s.countries, &out);
  return out;
}

bool DecodeSummarySets(std::string_view blob, ChunkSummary* s) {
  In in{blob.data(), blob.data() + blob.size()};
  if (in.Byte() != 1) return false;
  s->modalities = static_cast<uint32_t>(in.Varint());
  return in.ok && ReadSet(in, &s->origins) && ReadSet(in, &s->roots) && ReadSet(in, &s->cameos) &&
         ReadSet(in, &s->countries) && in.p == in.end;
}

// ---- matching ---------------------------------------------------------------------------------

EventMatcher::EventMatcher(const EventFilter& f) : f_(f) {
  actor_lower_ = AsciiLower(f.actor);
  if (f.since) since_ = f.since->ToString();
  if (f.until) until_ = f.until->ToString();
  // The code filter is the range [code, upper) as in BuildEventQuery.
  code_upper_ = f.code;
  while (!code_upper_.empty() && static_cast<unsigned char>(code_upper_.back()) == 0xff) code_upper_.pop_back();
  if (code_upper_.empty()) code_unbounded_ = true;
  else code_upper_.back() = static_cast<char>(static_cast<unsigned char>(code_upper_.back()) + 1);
}

bool EventMatcher::Matches(const Event& e) const {
  const EventFilter& f = f_;
  if (!f.actor.empty()) {
    bool hit = ContainsLower(e.source.code, actor_lower_) || ContainsLower(e.source.name, actor_lower_) ||
               (e.target && (ContainsLower(e.target->code, actor_lower_) ||
                             ContainsLower(e.target->name, actor_lower_)));
    if (!hit) return false;
  }
  if (!f.country.empty() && e.source.country != f.country && !(e.target && e.target->country == f.country))
    return false;
  if (f.dyad) {
    if (!e.target) return false;
    const std::string &x = f.dyad->first, &y = f.dyad->second;
    const std::string &s = e.source.country, &t = e.target->country;
    if (!((s == x && t == y) || (s == y && t == x))) return false;
  }
  if (!f.code.empty()) {
    if (e.cameo < f.code) return false;
    if (!code_unbounded_ && !(e.cameo < code_upper_)) return false;
  }
  if (!f.root.empty() && e.root != f.root) return false;
  // NULL (empty) dates never satisfy a comparison.
  if (f.since && (e.date.empty() || e.date < since_)) return false;
  if (f.until && (e.date.empty() || e.date > until_)) return false;
  if (f.modality && e.modality != *f.modality) return false;
  if (!f.origin.empty() && e.origin != f.origin) return false;
  return true;
}

bool EventMatcher::MayMatch(const ChunkSummary& s) const {
  const EventFilter& f = f_;
  if (s.count == 0) return false;
  if (!f.country.empty() && !SetHas(s.countries, f.country)) return false;
  if (f.dyad && (!SetHas(s.countries, f.dyad->first) || !SetHas(s.countries, f.dyad->second))) return false;
  if (!f.root.empty() && !SetHas(s.roots, f.root)) return false;
  if (!f.code.empty()) {
    // Any code in [code, upper)?
    auto it = std::lower_bound(s.cameos.begin(), s.cameos.end(), f.code);
    if (it == s.cameos.end() || (!code_unbounded_ && !(*it < code_upper_))) return false;
  }
  if (f.since || f.until) {
    if (s.max_date.empty()) return false;  // no dated event
    if (f.since && s.max_date < since_) return false;
    if (f.until && s.min_date > until_) return false;
  }
  if (f.modality && !(s.modalities & (1u << static_cast<int>(*f.modality)))) return false;
  if (!f.origin.empty() && !SetHas(s.origins, f.origin)) return false;
  return true;
}

// ---- builder --------------------------------------------------------------------------------

ChunkBuilder::ChunkBuilder() : table_(1 << 13, 0), table_hash_(1 << 13, 0) {
  std::fill(std::begin(last_), std::end(last_), UINT32_MAX);
  offsets_.reserve(kChunkEvents);
  id_off_.reserve(kChunkEvents + 1);
  id_off_.push_back(0);
  date_.reserve(kChunkEvents);
}

void ChunkBuilder::PutLongVarint(uint64_t v) { AppendVarint(v, &records_); }

void ChunkBuilder::PutRaw(std::string_view s) {
  AppendVarint(s.size(), &records_);
  records_.append(s);
}

uint32_t ChunkBuilder::Intern(std::string_view s) {
  const uint64_t h = HashBytes(s);
  size_t mask = table_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t v = table_[i];
    if (v == 0) {
      uint32_t idx = static_cast<uint32_t>(dict_off_.size());
      dict_off_.push_back(static_cast<uint32_t>(dict_arena_.size()));
      dict_len_.push_back(static_cast<uint32_t>(s.size()));
      dict_arena_.append(s);
      roles_.push_back(0);
      table_[i] = idx + 1;
      table_hash_[i] = h;
      if ((dict_off_.size() + 1) * 2 > table_.size()) {
        // Grow: rehash every entry.
        std::vector<uint32_t> t(table_.size() * 2, 0);
        std::vector<uint64_t> th(t.size(), 0);
        size_t m = t.size() - 1;
        for (size_t j = 0; j < table_.size(); ++j) {
          if (!table_[j]) continue;
          size_t k = table_hash_[j] & m;
          while (t[k]) k = (k + 1) & m;
          t[k] = table_[j];
          th[k] = table_hash_[j];
        }
        table_.swap(t);
        table_hash_.swap(th);
      }
      return idx;
    }
    if (table_hash_[i] == h) {
      uint32_t idx = v - 1;
      if (dict_len_[idx] == s.size() && SameBytes(dict_arena_.data() + dict_off_[idx], s.data(), s.size()))
        return idx;
    }
  }
}

void ChunkBuilder::Add(const Event& e) {
  offsets_.push_back(static_cast<uint32_t>(records_.size()));
  id_arena_.append(e.id);
  id_off_.push_back(static_cast<uint32_t>(id_arena_.size()));
  const bool extras = HasExtras(e);
  uint32_t flags = 0;
  if (e.target) flags |= kTarget;
  if (e.location) flags |= kLocation;
  if (e.location && !e.location->kind.empty()) flags |= kLocationKind;
  if (e.doc_date != e.date) flags |= kDocDate;
  if (e.source.text != e.source.name) flags |= kSourceText;
  if (e.target && e.target->text != e.target->name) flags |= kTargetText;
  if (extras) flags |= kExtras;
  PutVarint(flags);
  const uint32_t date = InternAt(e.date, 0);
  date_.push_back(date);
  roles_[date] |= kRoleDate;
  PutVarint(date);
  modalities_ |= 1u << static_cast<int>(e.modality);
  if (flags & kDocDate) PutDict(e.doc_date, 1);
  auto actor = [this](const ActorRef& a, bool text, int slot) {
    PutDict(a.code, slot);
    PutRole(a.country, kRoleCountry, slot + 1);
    PutDict(a.sector, slot + 2);
    PutDict(a.name, slot + 3);
    if (text) PutDict(a.text, slot + 4);
  };
  actor(e.source, flags & kSourceText, 2);
  if (e.target) actor(*e.target, flags & kTargetText, 7);
  PutRole(e.cameo, kRoleCameo, 12);
  PutRole(e.root, kRoleRoot, 13);
  PutDict(e.plover, 14);
  PutRole(e.origin, kRoleOrigin, 15);
  PutDict(e.why.pattern, 16);
  records_.push_back(static_cast<char>(static_cast<int>(e.modality) | static_cast<int>(e.date_precision) << 2));
  PutVarint(Zigzag(e.quad_class));
  records_.append(reinterpret_cast<const char*>(&e.goldstein), 8);
  if (e.location) {
    PutDict(e.location->name, 17);
    PutDict(e.location->country, 18);
    records_.append(reinterpret_cast<const char*>(&e.location->lat), 8);
    records_.append(reinterpret_cast<const char*>(&e.location->lon), 8);
    if (flags & kLocationKind) PutDict(e.location->kind, 18);
  }
  PutNote(e.why.note);
  PutRaw(e.doc_id);
  PutRaw(e.text);
  PutRaw(e.group);
  if (extras) {
    auto span = [this](const Span& s) {
      PutVarint(s.begin);
      PutVarint(s.end);
    };
    PutDict(e.doc_hash, 19);
    PutVarint(Zigzag(e.sentence));
    span(e.sentence_span);
    span(e.source.span);
    if (e.target) span(e.target->span);
    if (e.location) span(e.location->span);
    span(e.why.verb);
    PutRaw(e.why.modality_cue);
    PutRaw(e.why.date_cue);
    PutRaw(e.why.speaker);
    PutVarint(e.why.entries.size());
    for (const auto& s : e.why.entries) PutRaw(s);
  }
}

bool ChunkBuilder::PutNoteLikeLast(std::string_view note) {
  // Walks the note along the last skeleton: each segment must be there byte for byte, each
  // value runs to the next space. The slow path below cuts a note with these segments the
  // same way (a segment holds no '=' but its last byte, and a value ends at the first space).
  if (note_cuts_.empty()) return false;
  const char* p = note.data();
  const size_t n = note.size();
  const char* sk = note_skeleton_.data();
  values_.resize(n + 17);  // 16 bytes of slack: a short value is copied as one 16-byte block
  char* va = values_.data();
  size_t pos = 0, nv = 0, seg = 0;
  const size_t m = note_cuts_.size();
  for (size_t k = 0; k + 1 < m; ++k) {
    const size_t len = note_cuts_[k] - seg;
    if (n - pos < len || !SameBytes(p + pos, sk + seg, len)) return false;
    pos += len;
    seg = note_cuts_[k];
    if (k > 0) va[nv++] = ' ';
    size_t end = pos;
#if defined(__SSE2__)
    if (n - pos >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
      if (mask) {
        end = pos + static_cast<size_t>(__builtin_ctz(mask));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(va + nv), v);
        nv += end - pos;
        pos = end;
        continue;
      }
    }
#endif
    while (end < n && p[end] != ' ') ++end;
    std::memcpy(va + nv, p + pos, end - pos);
    nv += end - pos;
    pos = end;
  }
  const size_t len = note_cuts_[m - 1] - seg;
  if (n - pos != len || !SameBytes(p + pos, sk + seg, len)) return false;
  if (note_skeleton_index_ == UINT32_MAX) note_skeleton_index_ = InternAt(note_skeleton_, 20);
  PutVarint(note_skeleton_index_);
  PutRaw(std::string_view(va, nv));
  return true;
}

void ChunkBuilder::PutNote(std::string_view note) {
  if (PutNoteLikeLast(note)) return;
  // GDELT notes are "gdelt Key=value Key=value ...": the keys repeat, the values vary. The
  // skeleton (each space-separated token cut after its first '=') goes to the dictionary, the
  // cut-off values, joined by spaces (they contain none), are written raw.
  // One pass: bytes go to the skeleton until a token's first '=', then to the values until the
  // next space. Only '=' and ' ' change the state, so they are found 16 bytes at a time and the
  // runs between them copied whole.
  skeleton_.resize(note.size());
  values_.resize(note.size() + 1);
  char* sk = skeleton_.data();
  char* va = values_.data();
  size_t ns = 0, nv = 0, run = 0;  // run: start of the bytes not yet copied
  bool in_value = false, any_value = false;
  const char* p = note.data();
  const size_t n = note.size();
  auto event = [&](size_t i) {
    const char c = p[i];
    if (!in_value && c == '=') {
      std::memcpy(sk + ns, p + run, i + 1 - run);
      ns += i + 1 - run;
      run = i + 1;
      in_value = true;
      if (any_value) va[nv++] = ' ';
      any_value = true;
    } else if (in_value && c == ' ') {
      std::memcpy(va + nv, p + run, i - run);
      nv += i - run;
      run = i;  // the space belongs to the skeleton
      in_value = false;
    }
  };
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i eq = _mm_set1_epi8('='), sp = _mm_set1_epi8(' ');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, eq), _mm_cmpeq_epi8(v, sp))));
    while (mask) {
      event(i + static_cast<size_t>(__builtin_ctz(mask)));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i)
    if (p[i] == '=' || p[i] == ' ') event(i);
  if (in_value) {
    std::memcpy(va + nv, p + run, n - run);
    nv += n - run;
  } else {
    std::memcpy(sk + ns, p + run, n - run);
    ns += n - run;
  }
  PutDict(std::string_view(sk, ns), 20);
  PutRaw(std::string_view(va, nv));
  note_skeleton_index_ = UINT32_MAX;
  // Remembered for the next note (PutNoteLikeLast). Every '=' of a skeleton ends a token's
  // key: a value (perhaps empty) was cut after it.
  note_skeleton_.assign(sk, ns);
  note_cuts_.clear();
  for (size_t j = 0; j < ns; ++j)
    if (sk[j] == '=') note_cuts_.push_back(static_cast<uint32_t>(j + 1));
  note_cuts_.push_back(static_cast<uint32_t>(ns));
}

std::string_view ChunkBuilder::IdAt(size_t i) const {
  return std::string_view(id_arena_).substr(id_off_[i], id_off_[i + 1] - id_off_[i]);
}

void ChunkBuilder::Seal(std::string* blob, ChunkSummary* summary, std::vector<uint32_t>* order) {
  const size_t n = size();
  auto dict = [this](uint32_t i) { return std::string_view(dict_arena_).substr(dict_off_[i], dict_len_[i]); };
  order->resize(n);
  std::iota(order->begin(), order->end(), 0u);
  auto less = [&](uint32_t a, uint32_t b) {
    // Equal dates have one dictionary index.
    if (date_[a] == date_[b]) return IdAt(a) < IdAt(b);
    return EventKeyLess(dict(date_[a]), IdAt(a), dict(date_[b]), IdAt(b));
  };
  // Imports arrive nearly in order (GDELT and ICEWS files are sorted by date, then by numeric
  // id, which is byte order but where the digit count changes): insertion sort costs about n
  // comparisons then. Input far from sorted falls back to std::sort once the moves exceed 4n.
  std::vector<uint32_t>& o = *order;
  size_t moves = 0;
  bool far = false;
  for (size_t i = 1; i < n && !far; ++i) {
    const uint32_t x = o[i];
    size_t j = i;
    while (j > 0 && less(x, o[j - 1])) {
      o[j] = o[j - 1];
      --j;
      if (++moves > 4 * n) {
        far = true;
        break;
      }
    }
    o[j] = x;
  }
  if (far) std::sort(o.begin(), o.end(), less);

  // Ids: prefix dictionary + numeric tails.
  std::string ids;
  std::vector<std::string_view> prefixes;
  std::unordered_map<std::string_view, uint32_t> prefix_index;
  std::string id_body;
  uint32_t last_prefix = UINT32_MAX;
  std::vector<uint32_t> id_marks;
  for (size_t i = 0; i < n; ++i) {
    if (i % kChunkSeekStep == 0) id_marks.push_back(static_cast<uint32_t>(id_body.size()));
    std::string_view id = IdAt((*order)[i]);
    size_t d = 0;
    while (d < id.size() && d < 17 && id[id.size() - 1 - d] >= '0' && id[id.size() - 1 - d] <= '9') ++d;
    std::string_view prefix = id.substr(0, id.size() - d);
    uint64_t tail = 0;
    if (d > 0) {
      uint64_t v = 0;
      for (size_t i = id.size() - d; i < id.size(); ++i) v = v * 10 + static_cast<uint64_t>(id[i] - '0');
      tail = v * 18 + d;
    }
    uint32_t p;
    if (last_prefix != UINT32_MAX && prefixes[last_prefix] == prefix) {
      p = last_prefix;
    } else {
      auto [it, inserted] = prefix_index.emplace(prefix, static_cast<uint32_t>(prefixes.size()));
      if (inserted) prefixes.push_back(prefix);
      p = last_prefix = it->second;
    }
    AppendVarint(p, &id_body);
    AppendVarint(tail, &id_body);
  }
  AppendVarint(prefixes.size(), &ids);
  for (auto p : prefixes) {
    AppendVarint(p.size(), &ids);
    ids.append(p);
  }
  ids += id_body;

  blob->clear();
  blob->reserve(records_.size() + dict_arena_.size() + ids.size() + 64);
  blob->push_back('E');
  blob->push_back(1);
  AppendVarint(n, blob);
  AppendVarint(ids.size(), blob);
  *blob += ids;
  AppendVarint(dict_off_.size(), blob);
  for (size_t i = 0; i < dict_off_.size(); ++i) {
    AppendVarint(dict_len_[i], blob);
    blob->append(dict(static_cast<uint32_t>(i)));
  }
  // Seek marks: where every kChunkSeekStep-th record and id start.
  std::vector<uint32_t> rec_marks;
  uint32_t rec_size = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t k = (*order)[i];
    if (i % kChunkSeekStep == 0) rec_marks.push_back(rec_size);
    rec_size += (k + 1 < n ? offsets_[k + 1] : static_cast<uint32_t>(records_.size())) - offsets_[k];
  }
  AppendVarint(rec_marks.size(), blob);
  for (size_t i = 0; i < rec_marks.size(); ++i) {
    AppendVarint(rec_marks[i], blob);
    AppendVarint(id_marks[i], blob);
  }
  for (uint32_t k : *order) {
    size_t b = offsets_[k], e = k + 1 < n ? offsets_[k + 1] : records_.size();
    blob->append(records_, b, e - b);
  }

  // Summary: from the roles each dictionary string was used in.
  *summary = ChunkSummary();
  summary->count = static_cast<int64_t>(n);
  summary->modalities = modalities_;
  if (n > 0) {
    summary->first_date = std::string(dict(date_[(*order)[0]]));
    summary->first_id = std::string(IdAt((*order)[0]));
  }
  for (size_t i = 0; i < dict_off_.size(); ++i) {
    const uint8_t r = roles_[i];
    if (!r) continue;
    std::string_view s = dict(static_cast<uint32_t>(i));
    if (r & kRoleOrigin) summary->origins.emplace_back(s);
    if (r & kRoleRoot) summary->roots.emplace_back(s);
    if (r & kRoleCameo) summary->cameos.emplace_back(s);
    if (r & kRoleCountry) summary->countries.emplace_back(s);
    if ((r & kRoleDate) && !s.empty()) {
      if (summary->min_date.empty() || s < summary->min_date) summary->min_date = std::string(s);
      if (summary->max_date.empty() || s > summary->max_date) summary->max_date = std::string(s);
    }
  }
  for (auto* v : {&summary->origins, &summary->roots, &summary->cameos, &summary->countries})
    std::sort(v->begin(), v->end());

  // Reset for the next chunk.
  dict_arena_.clear();
  dict_off_.clear();
  dict_len_.clear();
  roles_.clear();
  modalities_ = 0;
  std::fill(std::begin(last_), std::end(last_), UINT32_MAX);
  note_skeleton_index_ = UINT32_MAX;  // the dictionary starts again
  if (table_.size() > (1u << 13)) {
    table_.assign(1 << 13, 0);
    table_hash_.assign(1 << 13, 0);
  } else {
    std::fill(table_.begin(), table_.end(), 0);
  }
  records_.clear();
  offsets_.clear();
  id_arena_.clear();
  id_off_.assign(1, 0);
  date_.clear();
}

// ---- reader ---------------------------------------------------------------------------------

bool ChunkReader::Fail(const char* what) {
  error_ = std::string("damaged event chunk: ") + what;
  return false;
}

size_t ChunkReader::IdSectionEnd(std::string_view head) {
  In in{head.data(), head.data() + head.size()};
  if (in.Byte() != 'E' || in.Byte() != 1) return 0;
  in.Varint();
  uint64_t ids_len = in.Varint();
  if (!in.ok) return 0;
  return static_cast<size_t>(in.p - head.data()) + ids_len;
}

bool ChunkReader::Open(std::string_view blob, std::string* error) {
  blob_ = blob;
  error_.clear();
  pos_ = 0;
  In in{blob.data(), blob.data() + blob.size()};
  if (in.Byte() != 'E' || in.Byte() != 1) {
    Fail("unknown format");
    if (error) *error = error_;
    return false;
  }
  n_ = in.Varint();
  uint64_t ids_len = in.Varint();
  if (!in.ok || ids_len > static_cast<uint64_t>(in.end - in.p) || n_ > kChunkEvents) {
    Fail("bad header");
    if (error) *error = error_;
    return false;
  }
  In ids{in.p, in.p + ids_len};
  in.p += ids_len;
  uint64_t np = ids.Varint();
  id_prefixes_.clear();
  for (uint64_t i = 0; i < np && ids.ok; ++i) id_prefixes_.push_back(ids.Raw());
  ids_ = ids.p;
  ids_end_ = ids.end;
  uint64_t nd = in.Varint();
  if (!ids.ok || !in.ok || nd > static_cast<uint64_t>(in.end - in.p)) {
    Fail("bad dictionary");
    if (error) *error = error_;
    return false;
  }
  dict_.resize(nd);
  for (uint64_t i = 0; i < nd && in.ok; ++i) dict_[i] = in.Raw();
  uint64_t nm = in.Varint();
  if (!in.ok || nm != (n_ + kChunkSeekStep - 1) / kChunkSeekStep) {
    Fail(in.ok ? "bad seek marks" : "bad dictionary");
    if (error) *error = error_;
    return false;
  }
  marks_.resize(nm);
  for (auto& m : marks_) {
    m.first = in.Varint();
    m.second = in.Varint();
  }
  if (!in.ok) {
    Fail("bad seek marks");
    if (error) *error = error_;
    return false;
  }
  ids_begin_ = ids_;
  rec_begin_ = rec_ = in.p;
  end_ = in.end;
  return true;
}

bool ChunkReader::Seek(size_t i) {
  if (i >= n_) return Fail("seek past the end");
  const auto& m = marks_[i / kChunkSeekStep];
  if (m.first > static_cast<uint64_t>(end_ - rec_begin_) || m.second > static_cast<uint64_t>(ids_end_ - ids_begin_))
    return Fail("bad seek marks");
  rec_ = rec_begin_ + m.first;
  ids_ = ids_begin_ + m.second;
  pos_ = i / kChunkSeekStep * kChunkSeekStep;
  Event e;
  while (pos_ < i)
    if (!Next(&e)) return false;
  return true;
}

namespace {

// Appends prefix + tail digits of an id to *out (cleared first).
bool DecodeId(In& ids, const std::vector<std::string_view>& prefixes, std::string* out) {
  uint64_t p = ids.Varint();
  uint64_t tail = ids.Varint();
  if (!ids.ok || p >= prefixes.size()) return false;
  out->assign(prefixes[p]);
  if (tail) {
    uint64_t d = tail % 18, v = tail / 18;
    char buf[20];
    for (uint64_t i = 0; i < d; ++i) {
      buf[d - 1 - i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out->append(buf, d);
  }
  return true;
}

}  // namespace

bool ChunkReader::Ids(std::string_view blob, std::vector<std::string>* ids, std::string* error) {
  In in{blob.data(), blob.data() + blob.size()};
  if (in.Byte() != 'E' || in.Byte() != 1) {
    *error = "damaged event chunk: unknown format";
    return false;
  }
  uint64_t n = in.Varint();
  uint64_t ids_len = in.Varint();
  if (!in.ok || ids_len > static_cast<uint64_t>(in.end - in.p) || n > kChunkEvents) {
    *error = "damaged event chunk: bad header";
    return false;
  }
  In s{in.p, in.p + ids_len};
  uint64_t np = s.Varint();
  std::vector<std::string_view> prefixes;
  for (uint64_t i = 0; i < np && s.ok; ++i) prefixes.push_back(s.Raw());
  ids->resize(n);
  for (uint64_t i = 0; i < n; ++i)
    if (!DecodeId(s, prefixes, &(*ids)[i])) {
      *error = "damaged event chunk: bad id section";
      return false;
    }
  return true;
}

bool ChunkReader::Next(Event* e) {
  if (pos_ >= n_) return false;
  In ids{ids_, ids_end_};
  if (!DecodeId(ids, id_prefixes_, &e->id)) return Fail("bad id section");
  ids_ = ids.p;
  In in{rec_, end_};
  bool bad = false;
  auto D = [&]() -> std::string_view {
    uint64_t i = in.Varint();
    if (i >= dict_.size()) {
      bad = true;
      return {};
    }
    return dict_[i];
  };
  auto assign = [](std::string& s, std::string_view v) { s.assign(v.data(), v.size()); };
  const uint64_t flags = in.Varint();
  std::string_view date = D();
  assign(e->date, date);
  if (flags & kDocDate) assign(e->doc_date, D());
  else assign(e->doc_date, date);
  auto actor = [&](ActorRef* a, bool text) {
    assign(a->code, D());
    assign(a->country, D());
    assign(a->sector, D());
    assign(a->name, D());
    if (text) assign(a->text, D());
    else a->text = a->name;
    a->span = Span();
  };
  actor(&e->source, flags & kSourceText);
  if (flags & kTarget) {
    if (!e->target) e->target.emplace();
    actor(&*e->target, flags & kTargetText);
  } else {
    e->target.reset();
  }
  assign(e->cameo, D());
  assign(e->root, D());
  assign(e->plover, D());
  assign(e->origin, D());
  Provenance& w = e->why;
  assign(w.pattern, D());
  uint8_t mp = in.Byte();
  if ((mp & 3) > 3 || (mp >> 2) > 2) bad = true;
  e->modality = static_cast<Modality>(mp & 3);
  e->date_precision = static_cast<DatePrecision>(std::min(mp >> 2, 2));
  e->quad_class = static_cast<int>(Unzigzag(in.Varint()));
  e->goldstein = in.Double();
  if (flags & kLocation) {
    if (!e->location) e->location.emplace();
    Location& l = *e->location;
    assign(l.name, D());
    assign(l.country, D());
    l.lat = in.Double();
    l.lon = in.Double();
    if (flags & kLocationKind) {
      assign(l.kind, D());
    } else {
      l.kind.clear();
    }
    l.span = Span();
  } else {
    e->location.reset();
  }
  {
    // The note: skeleton from the dictionary, values re-inserted after each token's '='.
    std::string_view skeleton = D(), values = in.Raw();
    w.note.clear();
    size_t start = 0;
    while (true) {
      size_t space = skeleton.find(' ', start);
      std::string_view token =
          skeleton.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start);
      w.note.append(token);
      if (!token.empty() && token.back() == '=') {
        size_t vend = values.find(' ');
        w.note.append(values.substr(0, vend));
        values = vend == std::string_view::npos ? std::string_view() : values.substr(vend + 1);
      }
      if (space == std::string_view::npos) break;
      w.note.push_back(' ');
      start = space + 1;
    }
  }
  assign(e->doc_id, in.Raw());
  assign(e->text, in.Raw());
  assign(e->group, in.Raw());
  auto span = [&](Span* s) {
    s->begin = static_cast<uint32_t>(in.Varint());
    s->end = static_cast<uint32_t>(in.Varint());
  };
  if (flags & kExtras) {
    assign(e->doc_hash, D());
    e->sentence = static_cast<int>(Unzigzag(in.Varint()));
    span(&e->sentence_span);
    span(&e->source.span);
    if (e->target) span(&e->target->span);
    if (e->location) span(&e->location->span);
    span(&w.verb);
    assign(w.modality_cue, in.Raw());
    assign(w.date_cue, in.Raw());
    assign(w.speaker, in.Raw());
    uint64_t ne = in.Varint();
    if (ne > static_cast<uint64_t>(in.end - in.p)) bad = true;
    else w.entries.resize(ne);
    for (uint64_t i = 0; i < ne && !bad && in.ok; ++i) assign(w.entries[i], in.Raw());
  } else {
    e->doc_hash.clear();
    e->sentence = -1;
    e->sentence_span = Span();
    w.verb = Span();
    w.modality_cue.clear();
    w.date_cue.clear();
    w.speaker.clear();
    w.entries.clear();
  }
  if (bad || !in.ok || (flags >> 7) || ((flags & kLocationKind) && !(flags & kLocation))) return Fail("bad record");
  rec_ = in.p;
  ++pos_;
  return true;
}

}  // namespace entente::store_internal
