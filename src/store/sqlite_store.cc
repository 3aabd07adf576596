// The SQLite engine: one file, WAL journal, synchronous=NORMAL, foreign keys on.
//
// The file is in WAL mode while a writer has it open; the last writer to close switches it back
// to rollback-journal mode, so a read-only open of a file at rest creates no -wal/-shm files.
//
// Writes are batched: the first write opens a BEGIN IMMEDIATE transaction (taking the write
// lock up front, so a second writer on the same file waits in busy_timeout instead of failing
// on a stale snapshot), and it is committed after `batch_documents` documents or 10,000 rows,
// on Flush() and on destruction. Each document is written inside a SAVEPOINT, so a failing
// document is rolled back alone and a document is never split across transactions: after a
// crash the file holds whole documents only. Statements for the hot paths are prepared once.
//
// Events (schema v3) live in a compact table: an INTEGER PRIMARY KEY `seq` in insertion order
// (appending never splits pages in the middle of the tree), the text id in a separate unique
// index, the filterable fields as columns and everything else in one JSON `detail` (detail.cc)
// kept in a side table event_details under the same seq, so a row binds 18 + 2 values and the
// events table that every index build scans stays narrow. Versions 1-2 had 36 columns and the text id as the
// key; migration 3 copies such a table row by row, and read-only opens of older files read the
// wide layout as it is.
//
// Row imports (StoreOptions::chunked_imports = false) are plain batched INSERTs, like coded
// events: no bulk mode. Versions before 2026-11-29 (fourth import round) had one (journal and
// fsync off, indexes dropped and rebuilt, a meta('bulk_load') flag while it ran); it was
// removed when chunked imports made it unreachable by default. A file such an import left
// interrupted still carries the flag: a read-only open refuses it, and a read-write open drops
// and re-creates the events tables (the state before that import) and checks the file
// (RepairInterruptedBulk); a flagged file too damaged for that held nothing else ('empty-store')
// and is replaced by a new empty store. Every read-write open also creates missing event
// indexes (such an import dropped them).
//
// Which indexes the events table has (schema v4): the cost of an index is the number of rows
// it holds, not its key type. So only five indexes hold (nearly) every row: id, date, cameo
// and the two country indexes, which leave out '' (half of GDELT's actors). A root filter is a
// cameo range (imported and coded roots are the code's first two digits) and an origin filter
// an id range (imported ids start with "gdelt:" / "icews:"); partial indexes hold the rows
// where that does not hold, and BuildEventQuery writes each filter as the union of both, so
// answers are exact.
//
// Chunked events (schema v6, the default for AddEvents; design and format in chunks.cc): imported
// events go 4,096 to a row of event_chunks, sorted by (date, id), with a summary per chunk.
// AddEvents
// deduplicates against an in-memory id index (IdHashSet: id hash -> position in id_locs_, which
// says where the id lives: a chunk and index, a row seq, or the open builder), built on first
// use from every chunk's id section and every row's id and brought up to date at each use;
// a hash match is confirmed by comparing ids. Chunks are written inside the normal batch
// transaction, which commits after kChunksPerTransaction chunks or on Flush; the builder's
// events are written before any commit, so ids pending in the builder are always covered by
// this connection's write lock. ForEachEvent merges the rows' ordered SELECT with the chunks
// whose summary may match, opening a chunk only when the merge reaches its first key;
// GetEvent and SetEventGroups find chunked ids through the index (groups of chunked events live
// in chunk_groups, since chunks are never rewritten); Stats decodes the chunks.
//
// Full-text search uses an FTS5 table with external content (content='sentences'): the text is
// stored once, in sentences, and the FTS table holds only the inverted index. It is kept in
// sync by inserting into both in the same transaction (rows are never updated or deleted), and
// 'rebuild' can regenerate it from sentences. A contentless table would save no more space and
// could not return the text or be rebuilt.
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <string>

#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

#include "store/chunks.h"
#include "store/store_internal.h"

namespace entente::store_internal {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kRowsPerTransaction = 10000;
// Chunked imports commit after this many chunks (65,536 events) or on Flush.
constexpr int kChunksPerTransaction = 16;
// Where an id of the in-memory id index lives (IdIndex below): a chunk event is
// chunk id * 4096 + index; these flags mark a row (| seq) and an event still in the builder
// (| position).
constexpr int64_t kLocRow = int64_t{1} << 62;
constexpr int64_t kLocPending = int64_t{1} << 61;
constexpr int64_t kLocPayload = kLocPending - 1;
// A read-write open runs PRAGMA quick_check on files up to this size, so that nothing is
// written into a damaged file. Measured (2026-12-01, shared 2-core VM, warm cache): 1.4 ms on
// the demo store (107 articles, 1.5 MB), 8 ms on 12.8 MB (the demo plus 106,019 imported GDELT
// events in chunks); about 15 ms the first time, from disk. Larger files are not checked on
// open (a whole-file read per ingest); their damage shows when the damaged pages are read.
constexpr int64_t kQuickCheckMaxBytes = int64_t{64} << 20;

// Schema migrations; migration i (1-based) takes the file from version i-1 to version i and
// runs in one transaction together with the meta update. Never edit a shipped migration:
// append a new one and bump kSchemaVersion.
const char* const kMigrations[] = {
    // 1: the base schema.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  hash TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  path TEXT NOT NULL,
  date TEXT,
  text TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE TABLE sentences (
  rowid INTEGER PRIMARY KEY,
  doc_hash TEXT NOT NULL REFERENCES documents(hash),
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (doc_hash, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid');
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  doc_hash TEXT REFERENCES documents(hash),
  doc_id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  doc_date TEXT,
  date TEXT,
  source_code TEXT NOT NULL,
  source_country TEXT NOT NULL,
  source_sector TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_text TEXT NOT NULL,
  source_begin INTEGER NOT NULL,
  source_end INTEGER NOT NULL,
  target_code TEXT,
  target_country TEXT,
  target_sector TEXT,
  target_name TEXT,
  target_text TEXT,
  target_begin INTEGER,
  target_end INTEGER,
  cameo TEXT NOT NULL,
  root TEXT NOT NULL,
  plover TEXT NOT NULL,
  goldstein REAL NOT NULL,
  quad_class INTEGER NOT NULL,
  modality TEXT NOT NULL,
  location_name TEXT,
  location_country TEXT,
  location_lat REAL,
  location_lon REAL,
  location_begin INTEGER,
  location_end INTEGER,
  text TEXT NOT NULL,
  why TEXT,
  origin TEXT NOT NULL,
  group_id TEXT
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_modality ON events(modality);
CREATE INDEX events_origin ON events(origin);
CREATE INDEX events_doc_hash ON events(doc_hash);
)sql",
    // 2: group lookups for the analysis stage.
    R"sql(
CREATE INDEX events_group ON events(group_id);
)sql",
    // 3: compact events table. This part frees the old index names and keeps the wide table
    // as events_v2; Migrate() then creates kEventsTableV3, copies every row (the detail JSON is
    // built in C++), and runs kMigration3Finish, all in the same transaction.
    R"sql(
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_source_country;
DROP INDEX IF EXISTS events_target_country;
DROP INDEX IF EXISTS events_cameo;
DROP INDEX IF EXISTS events_root;
DROP INDEX IF EXISTS events_modality;
DROP INDEX IF EXISTS events_origin;
DROP INDEX IF EXISTS events_doc_hash;
DROP INDEX IF EXISTS events_group;
ALTER TABLE events RENAME TO events_v2;
)sql",
    // 4: the full root and origin indexes go: a root filter is a cameo range and an origin
    // filter an id range (imported ids start with "origin:"), see BuildEventQuery; only rows
    // where that does not hold stay in events_root / events_origin. The country indexes leave
    // out '' (no filter asks for it; half of GDELT's actors). No row changes.
    R"sql(
DROP INDEX IF EXISTS events_root;
CREATE INDEX events_root ON events(root) WHERE substr(cameo, 1, length(root)) <> root;
DROP INDEX IF EXISTS events_origin;
CREATE INDEX events_origin ON events(origin) WHERE substr(id, 1, length(origin) + 1) <> origin || ':';
DROP INDEX IF EXISTS events_source_country;
CREATE INDEX events_source_country ON events(source_country) WHERE source_country <> '';
DROP INDEX IF EXISTS events_target_country;
CREATE INDEX events_target_country ON events(target_country) WHERE target_country <> '';
)sql",
    // 5: how exactly the date is known ('day', 'month', 'year'). ALTER TABLE ADD COLUMN with a
    // constant default rewrites no row: every existing event reads back as 'day'.
    R"sql(
ALTER TABLE events ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day';
)sql",
    // 6: chunked events (chunks.cc). Existing rows stay where they are; new imports go to
    // event_chunks, 4,096 events per row. chunk_groups holds the groups SetEventGroups gives
    // chunked events (a chunk is never rewritten); '' there means "cleared".
    R"sql(
CREATE TABLE event_chunks (
  id INTEGER PRIMARY KEY,
  n INTEGER NOT NULL,
  first_date TEXT NOT NULL,
  first_id TEXT NOT NULL,
  min_date TEXT NOT NULL,
  max_date TEXT NOT NULL,
  summary BLOB NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE chunk_groups (
  chunk INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  PRIMARY KEY (chunk, idx)
) WITHOUT ROWID;
)sql",
    // 7: PostgreSQL's wide table gains location_kind; here compact rows keep the kind in
    // `detail` and chunks in a flag bit, both readable without it, so nothing changes.
    R"sql(
SELECT 1;
)sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

// The events table of version 3 (also used to re-create it after an interrupted bulk import).
const char* const kEventsTableV3 = R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  doc_hash TEXT REFERENCES documents(hash),
  doc_id TEXT NOT NULL,
  date TEXT,
  source_code TEXT NOT NULL,
  source_country TEXT NOT NULL,
  source_name TEXT NOT NULL,
  target_code TEXT,
  target_country TEXT,
  target_name TEXT,
  cameo TEXT NOT NULL,
  root TEXT NOT NULL,
  plover TEXT NOT NULL,
  goldstein REAL NOT NULL,
  quad_class INTEGER NOT NULL,
  modality TEXT NOT NULL,
  origin TEXT NOT NULL,
  group_id TEXT
);
CREATE TABLE event_details (
  seq INTEGER PRIMARY KEY,
  detail TEXT NOT NULL
);
)sql";
const char* const kMigration3Finish = "DROP TABLE events_v2;";
// Turns kEventsTableV3 into the events table of version 5 (= kMigrations[4]).
const char* const kEventsTableV5Addition = "ALTER TABLE events ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day';";

// The v3 columns (v5: plus cDatePrecision, last), in the order they are bound and read; cDetail
// is read from event_details (same seq); a v3/v4 table is read with the constant 'day' in
// place of cDatePrecision. The detail JSON lives in its own table because it is ~80% of a row's bytes: every
// index build scans `events`, and a narrow table makes those scans several times cheaper.
enum Col {
  cId, cDocHash, cDocId, cDate, cSourceCode, cSourceCountry, cSourceName, cTargetCode,
  cTargetCountry, cTargetName, cCameo, cRoot, cPlover, cGoldstein, cQuadClass, cModality,
  cOrigin, cGroupId, cDatePrecision, kNumCols, cDetail = kNumCols
};
const std::string kColumnsV3 =
    "id, doc_hash, doc_id, date, source_code, source_country, source_name, target_code, "
    "target_country, target_name, cameo, root, plover, goldstein, quad_class, modality, origin, "
    "group_id";
const std::string kColumns = kColumnsV3 + ", date_precision";
const std::string kDetailSelect = ", (SELECT detail FROM event_details WHERE event_details.seq = events.seq)";
const std::string kSelectColumns = kColumns + kDetailSelect;
const std::string kSelectColumnsV3 = kColumnsV3 + ", 'day'" + kDetailSelect;

// The event indexes at kSchemaVersion: the unique id index and the EventFilter indexes. Every
// read-write open creates the missing ones (an interrupted bulk import of an earlier version
// left them dropped).
// Partial indexes where most rows would be one value that no query needs an index for:
// doc_hash and group_id are NULL for imports; almost every event is 'actual' (a filter on
// another modality adds the constant term modality <> 'actual', see BuildEventQuery); a root is
// almost always the prefix of the cameo code, so a root filter is a cameo range plus a lookup
// of the rare other rows; an imported event's id starts with its origin ("gdelt:123"), so an
// origin filter is an id range plus a lookup of the other (coded) events (schema v4).
struct EventIndex {
  const char* name;
  const char* sql;
};
const EventIndex kEventIndexes[] = {
    {"events_id", "CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events(id)"},
    {"events_date", "CREATE INDEX IF NOT EXISTS events_date ON events(date)"},
    {"events_source_country",
     "CREATE INDEX IF NOT EXISTS events_source_country ON events(source_country) WHERE source_country <> ''"},
    {"events_target_country",
     "CREATE INDEX IF NOT EXISTS events_target_country ON events(target_country) WHERE target_country <> ''"},
    {"events_cameo", "CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo)"},
    {"events_root",
     "CREATE INDEX IF NOT EXISTS events_root ON events(root) WHERE substr(cameo, 1, length(root)) <> root"},
    {"events_modality",
     "CREATE INDEX IF NOT EXISTS events_modality ON events(modality) WHERE modality <> 'actual'"},
    {"events_origin",
     "CREATE INDEX IF NOT EXISTS events_origin ON events(origin) "
     "WHERE substr(id, 1, length(origin) + 1) <> origin || ':'"},
    {"events_doc_hash",
     "CREATE INDEX IF NOT EXISTS events_doc_hash ON events(doc_hash) WHERE doc_hash IS NOT NULL"},
    {"events_group",
     "CREATE INDEX IF NOT EXISTS events_group ON events(group_id) WHERE group_id IS NOT NULL"},
};
std::string EventIndexSql() {
  std::string sql;
  for (const auto& ix : kEventIndexes) sql += std::string(ix.sql) + ";";
  return sql;
}

// An owned prepared statement.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  sqlite3_stmt* get() const { return s_; }
  sqlite3_stmt** out() { return &s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Resets a borrowed statement when the scope ends, on every return path.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* s) : s_(s) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() { sqlite3_reset(s_); }

 private:
  sqlite3_stmt* s_;
};

void BindText(sqlite3_stmt* s, int i, std::string_view v) {
  // A non-null pointer even for "": an empty string is '' in SQL, not NULL.
  sqlite3_bind_text(s, i, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

// Binds an event's v5 columns to ?(first)..?(first+18) (default ?1..?19); with `precision`
// false the v3 columns only (?first..?(first+17), no date_precision). Strings are borrowed
// (SQLITE_STATIC): `e` must outlive the step. Empty doc_hash, date and group are NULL; an
// absent target leaves its three columns NULL.
void BindEvent(sqlite3_stmt* s, const Event& e, std::string_view doc_hash, int first = 1, bool precision = true) {
  const int o = first - 1;
  auto text_or_null = [s, o](int c, std::string_view v) {
    if (v.empty()) sqlite3_bind_null(s, o + c + 1); else BindText(s, o + c + 1, v);
  };
  BindText(s, o + cId + 1, e.id);
  text_or_null(cDocHash, doc_hash);
  BindText(s, o + cDocId + 1, e.doc_id);
  text_or_null(cDate, e.date);
  BindText(s, o + cSourceCode + 1, e.source.code);
  BindText(s, o + cSourceCountry + 1, e.source.country);
  BindText(s, o + cSourceName + 1, e.source.name);
  if (e.target) {
    BindText(s, o + cTargetCode + 1, e.target->code);
    BindText(s, o + cTargetCountry + 1, e.target->country);
    BindText(s, o + cTargetName + 1, e.target->name);
  } else {
    for (int c = cTargetCode; c <= cTargetName; ++c) sqlite3_bind_null(s, o + c + 1);
  }
  BindText(s, o + cCameo + 1, e.cameo);
  BindText(s, o + cRoot + 1, e.root);
  BindText(s, o + cPlover + 1, e.plover);
  sqlite3_bind_double(s, o + cGoldstein + 1, e.goldstein);
  sqlite3_bind_int64(s, o + cQuadClass + 1, e.quad_class);
  BindText(s, o + cModality + 1, ModalityName(e.modality));
  BindText(s, o + cOrigin + 1, e.origin);
  text_or_null(cGroupId, e.group);
  if (precision) BindText(s, o + cDatePrecision + 1, DatePrecisionName(e.date_precision));
}

std::string ColumnText(sqlite3_stmt* s, int c) {
  const unsigned char* p = sqlite3_column_text(s, c);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, c)) : std::string();
}

// Reads the v3 columns of the current row; false when the detail column is unreadable.
bool ReadEventRow(sqlite3_stmt* s, Event* e) {
  e->id = ColumnText(s, cId);
  e->doc_hash = ColumnText(s, cDocHash);
  e->doc_id = ColumnText(s, cDocId);
  e->sentence = -1;
  e->date = ColumnText(s, cDate);
  e->source.code = ColumnText(s, cSourceCode);
  e->source.country = ColumnText(s, cSourceCountry);
  e->source.name = ColumnText(s, cSourceName);
  if (sqlite3_column_type(s, cTargetCode) != SQLITE_NULL) {
    e->target.emplace();
    e->target->code = ColumnText(s, cTargetCode);
    e->target->country = ColumnText(s, cTargetCountry);
    e->target->name = ColumnText(s, cTargetName);
  }
  e->cameo = ColumnText(s, cCameo);
  e->root = ColumnText(s, cRoot);
  e->plover = ColumnText(s, cPlover);
  e->goldstein = sqlite3_column_double(s, cGoldstein);
  e->quad_class = sqlite3_column_int(s, cQuadClass);
  const char* m = reinterpret_cast<const char*>(sqlite3_column_text(s, cModality));
  e->modality = ParseModality(m ? std::string_view(m, sqlite3_column_bytes(s, cModality)) : "")
                    .value_or(Modality::kActual);
  e->origin = ColumnText(s, cOrigin);
  e->group = ColumnText(s, cGroupId);
  e->date_precision = ParseDatePrecision(ColumnText(s, cDatePrecision)).value_or(DatePrecision::kDay);
  const char* d = reinterpret_cast<const char*>(sqlite3_column_text(s, cDetail));
  return ParseEventDetail(d ? std::string_view(d, sqlite3_column_bytes(s, cDetail)) : "{}", e);
}

// Binds and reads the wide (v1/v2) layout for WriteEvent / ReadEvent.
struct WideBinder {
  sqlite3_stmt* s;
  void Text(int c, std::string_view v) { BindText(s, c + 1, v); }
  void Null(int c) { sqlite3_bind_null(s, c + 1); }
  void Int(int c, int64_t v) { sqlite3_bind_int64(s, c + 1, v); }
  void Real(int c, double v) { sqlite3_bind_double(s, c + 1, v); }
};
struct WideReader {
  sqlite3_stmt* s;
  bool IsNull(int c) { return sqlite3_column_type(s, c) == SQLITE_NULL; }
  std::string Text(int c) { return ColumnText(s, c); }
  int64_t Int(int c) { return sqlite3_column_int64(s, c); }
  double Real(int c) { return sqlite3_column_double(s, c); }
};

// A set of 64-bit id hashes, each with a value in 1..kMaxValue (the id index of chunked
// imports: a 1-based position in id_locs_). A slot is 8 bytes: the hash's upper 32 bits, which
// also choose the slot (so Grow can rehash), and the value. Open addressing with linear probing;
// value 0 marks an empty slot. Contains may report a 32-bit collision: `same` confirms.
// Equal hashes may repeat (distinct ids that collide): Contains asks `same(seq)` for each.
class IdHashSet {
 public:
  static uint64_t Hash(std::string_view s) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 31;
    }
    uint64_t w = 0;
    if (i < s.size()) std::memcpy(&w, s.data() + i, s.size() - i);  // no memcpy from null
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
  }
  static constexpr uint64_t kMaxValue = UINT32_MAX;
  // Starts loading the slot of `h` into the cache (a lookup of it follows soon).
  void Prefetch(uint64_t h) const {
    if (capacity_ == 0) return;
    const Slot* p = slots_.get() + (Tag(h) & mask_);
#if defined(__x86_64__)
    // GCC 12 -O3 drops a __builtin_prefetch here (none in the object file); the instruction
    // itself is kept.
    asm volatile("prefetcht0 %0" : : "m"(*p));
#else
    __builtin_prefetch(p);
#endif
  }
  template <class F>
  bool Contains(uint64_t h, F&& same) const {
    if (capacity_ == 0) return false;
    const uint32_t tag = Tag(h);
    for (size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == 0) return false;
      if (s.tag == tag && same(static_cast<int64_t>(s.value))) return true;
    }
  }
  // `value` in 1..kMaxValue (the caller checks).
  void Insert(uint64_t h, int64_t value) { InsertTag(Tag(h), static_cast<uint32_t>(value)); }
  void Clear() {
    slots_.reset();
    capacity_ = used_ = mask_ = 0;
  }

 private:
  struct Slot {
    uint32_t tag;
    uint32_t value;
  };
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  void InsertTag(uint32_t tag, uint32_t value) {
    if ((used_ + 1) * 2 > capacity_) Grow();
    size_t i = tag & mask_;
    while (slots_[i].value != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{tag, value};
    ++used_;
  }
  // The slots of a large table (an import of 1M ids has 2M slots, 16 MB) are looked up at
  // random; with 4 KiB pages nearly every lookup also misses the TLB. So the 2 MiB-aligned
  // part of a large table is asked to use transparent huge pages (a hint the kernel may ignore;
  // the contents are the same either way). calloc: fresh memory from the kernel is already
  // zero, so a large table is not written twice.
  struct FreeSlots {
    void operator()(Slot* p) const { std::free(p); }
  };
  static std::unique_ptr<Slot[], FreeSlots> AllocateSlots(size_t n) {
    void* p = std::calloc(n, sizeof(Slot));
    if (!p) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    constexpr uintptr_t kHuge = uintptr_t{2} << 20;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + n * sizeof(Slot)) & ~(kHuge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
    return std::unique_ptr<Slot[], FreeSlots>(static_cast<Slot*>(p));
  }
  void Grow() {
    std::unique_ptr<Slot[], FreeSlots> old = std::move(slots_);
    const size_t old_capacity = capacity_;
    capacity_ = old_capacity == 0 ? size_t{1} << 16 : old_capacity * 2;
    slots_ = AllocateSlots(capacity_);
    mask_ = capacity_ - 1;
    used_ = 0;
    for (size_t i = 0; i < old_capacity; ++i)
      if (old[i].value != 0) InsertTag(old[i].tag, old[i].value);
  }
  std::unique_ptr<Slot[], FreeSlots> slots_;
  size_t capacity_ = 0;
  size_t mask_ = 0;
  size_t used_ = 0;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const StoreOptions& options) : path_(std::move(path)), options_(options) {}
  ~SqliteStore() override {
    if (db_) {
      (void)Commit();
      stmts_.clear();
      if (!options_.read_only && wal_) {
        // Leave the file in rollback-journal mode at rest, so a later read-only open needs no
        // -wal/-shm files and creates none. Only succeeds if no other connection has the file
        // open (busy_timeout 0: never wait); otherwise the file stays in WAL mode.
        sqlite3_busy_timeout(db_, 0);
        sqlite3_exec(db_, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
      }
      sqlite3_close_v2(db_);
    }
  }

  Status Init(int max_version);

  Result<bool> AddDocument(const Document& doc, const std::vector<Event>& events) override;
  Result<int64_t> AddEvents(const std::vector<Event>& events) override;
  Status Flush() override { return Commit(); }
  Status SetEventGroups(const std::vector<std::pair<std::string, std::string>>& id_to_group) override;
  Status ForEachEvent(const EventFilter& filter, const std::function<bool(const Event&)>& fn) override;
  Result<Event> GetEvent(const std::string& id) override;
  Result<StoreStats> Stats() override;
  Status SearchSentences(const std::string& query, int64_t limit,
                         const std::function<bool(const std::string&, int, const std::string&)>& fn) override;

 private:
  // A Status for the last SQLite error, naming the file and what was being done.
  Status Error(const std::string& what) const {
    int code = sqlite3_extended_errcode(db_);
    std::string msg = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    switch (code & 0xff) {
      case SQLITE_NOTADB:
        return Status::Corruption(path_ + ": not a SQLite database (" + sqlite3_errmsg(db_) + ")");
      case SQLITE_CORRUPT:
        return Status::Corruption(path_ + ": damaged store file: " + what + ": " + sqlite3_errmsg(db_));
      case SQLITE_BUSY: case SQLITE_LOCKED:
      {
        char waited[32];
        std::snprintf(waited, sizeof waited, "%g", options_.lock_timeout_ms / 1000.0);
        return Status::IOError(msg + " (another connection holds a lock on the file; waited " + waited + " s)");
      }
      case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN: case SQLITE_READONLY:
      case SQLITE_PERM:
        return Status::IOError(msg);
      case SQLITE_CONSTRAINT: case SQLITE_MISMATCH: case SQLITE_TOOBIG:
        return Status::InvalidArgument(msg);
      default: return Status::Internal(msg);
    }
  }
  Status Exec(const std::string& sql, const std::string& what) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return Error(what);
    return Status::OK();
  }
  // Runs `sql` in its own BEGIN IMMEDIATE ... COMMIT, rolling back on failure.
  Status ExecInTransaction(const std::string& sql, const std::string& what) {
    Status st = Exec("BEGIN IMMEDIATE;" + sql + "COMMIT;", what);
    if (!st.ok() && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  Status Prepare(const std::string& sql, Stmt* stmt, const char* what = "preparing statement") {
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           stmt->out(), nullptr) != SQLITE_OK)
      return Error(what);
    return Status::OK();
  }
  // Prepares a statement owned by stmts_ (finalized before the connection closes).
  Status PrepareOwned(const std::string& sql, sqlite3_stmt** out) {
    stmts_.push_back(std::make_unique<Stmt>());
    ENTENTE_RETURN_IF_ERROR(Prepare(sql, stmts_.back().get()));
    *out = stmts_.back()->get();
    return Status::OK();
  }
  // Steps a statement that returns no rows, then resets it for reuse.
  Status Run(sqlite3_stmt* s, const char* what) {
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return Error(what);
    return Status::OK();
  }
  // Sets the journal mode and returns the mode in force afterwards ("wal", "delete", "off").
  Result<std::string> JournalMode(const char* mode) {
    Stmt s;
    ENTENTE_RETURN_IF_ERROR(Prepare(std::string("PRAGMA journal_mode = ") + mode, &s));
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) return ColumnText(s.get(), 0);
    return Error(std::string("setting journal_mode ") + mode);
  }
  Status WriteAllowed() const {
    if (options_.read_only) return Status::InvalidArgument(path_ + ": store opened read-only");
    return Status::OK();
  }
  Status Begin() {
    if (in_txn_) return Status::OK();
    ENTENTE_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "starting a transaction"));
    in_txn_ = true;
    return Status::OK();
  }
  // Commits the open batch; events still in the chunk builder are written first (they were
  // deduplicated under this transaction's write lock, so they never outlive it unwritten).
  Status Commit() {
    if (!in_txn_) return Status::OK();
    if (builder_.size() > 0) ENTENTE_RETURN_IF_ERROR(WriteChunk());
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status st = Error("committing");
      Rollback();
      return st;
    }
    in_txn_ = false;
    pending_docs_ = pending_rows_ = 0;
    pending_chunks_ = 0;
    return Status::OK();
  }
  // Rolls the open batch back. The in-memory id index may hold ids of rolled-back events, so
  // it is rebuilt on its next use.
  void Rollback() {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    in_txn_ = false;
    pending_docs_ = pending_rows_ = 0;
    pending_chunks_ = 0;
    DropIdIndex();
  }
  Status MaybeCommit() {
    if (pending_docs_ >= options_.batch_documents || pending_rows_ >= kRowsPerTransaction) return Commit();
    return Status::OK();
  }
  Result<int> ReadVersion();
  // Opens db_ with `flags` and sets what every connection of ours uses (busy timeout,
  // defensive mode, foreign keys, cell size checks).
  Status Open(int flags);
  // A read-only open that failed because a killed writer left a hot journal or an unrecovered
  // WAL: true after such a failure only.
  bool NeedsCrashRecovery() const;
  // Recovers the file with a short read-write open (needs write access to the file and its
  // folder), then reopens it with `read_only_flags`.
  Status RecoverAfterCrash(int read_only_flags);
  // Before a write open: checks the SQLite header's file format bytes, and with `quick_check`
  // runs PRAGMA quick_check on a file up to kQuickCheckMaxBytes, so that a damaged file is
  // refused rather than written into.
  Status CheckBeforeWriting(bool quick_check);
  // PRAGMA quick_check: "" for a sound file, else its first three problems joined by "; ".
  Result<std::string> QuickCheckProblems();
  Result<bool> TableEmpty(const char* table);
  Result<bool> EventsEmpty() { return TableEmpty("events"); }
  // Creates the event indexes that are missing (one transaction).
  Status CreateEventIndexes() { return ExecInTransaction(EventIndexSql(), "creating event indexes"); }
  Status Migrate(int from, int to);
  // Migration 3's row copy: events_v2 (wide) -> events (v3), inside the migration transaction.
  Status CopyWideEvents();
  // A file left with the bulk_load flag by an earlier version: re-creates an empty events table
  // and checks the file.
  // `precision`: the file's events table has date_precision (version >= 5).
  Status RepairInterruptedBulk(bool precision);
  // Replaces the file with a new empty store and re-opens it: only for a file that held nothing
  // but an interrupted bulk import of an earlier version (no documents, events only from it).
  Status RecreateEmpty(int max_version);
  Status PrepareWriters();
  Status InsertEvent(const Event& e, std::string_view doc_hash, bool* added);
  Status WriteDocument(const Document& doc, const std::string& hash, const std::vector<Event>& events,
                       bool* added);
  // ---- chunked events (schema v6, chunks.cc) ----
  bool has_chunk_tables() const { return !wide_ && version_ >= kChunkVersion; }
  bool chunked() const { return has_chunk_tables() && options_.chunked_imports && !options_.read_only; }
  Result<bool> HasChunks();
  // AddEvents into chunks: deduplicates through the id index and adds to builder_, writing a
  // chunk whenever it fills. Runs inside the batch transaction (write lock held).
  Status AddChunkedEvents(const std::vector<Event>& events, int64_t* added);
  // Seals builder_ into a chunk and inserts it (inside the open transaction).
  Status WriteChunk();
  // Brings the id index up to date: every chunk and row committed by anyone (loads only what
  // is new since the last call; builds it from scratch after DropIdIndex).
  Status RefreshIdIndex();
  void DropIdIndex() {
    ids_.Clear();
    id_locs_.clear();
    ids_loaded_ = false;
    loaded_chunk_ = loaded_seq_ = 0;
    builder_ = ChunkBuilder();
    builder_g_.clear();
    id_cache_.clear();
    get_chunk_ = -1;
  }
  // Ids beyond IdHashSet::kMaxValue (4.3 billion, ~170 GB of index) are not indexed; AddEvents
  // refuses to add more before that.
  void IndexId(std::string_view id, int64_t loc) {
    if (id_locs_.size() >= IdHashSet::kMaxValue) return;
    id_locs_.push_back(loc);
    ids_.Insert(IdHashSet::Hash(id), static_cast<int64_t>(id_locs_.size()));
  }
  // Looks `id` up in the index; *loc = its location or -1. `h` is IdHashSet::Hash(id).
  Status FindId(std::string_view id, uint64_t h, int64_t* loc);
  // The ids of a stored chunk, cached.
  Result<const std::vector<std::string>*> ChunkIds(int64_t chunk);
  // Reads a chunk's blob and its group overrides.
  Status ReadChunk(int64_t chunk, std::string* blob, std::vector<std::pair<uint32_t, std::string>>* groups);
  Status ReadGroups(int64_t chunk, std::vector<std::pair<uint32_t, std::string>>* groups);
  // Calls fn(summary, chunk id) for every chunk.
  Status ForEachChunkSummary(const std::function<Status(int64_t, const ChunkSummary&)>& fn);
  // Writes the open chunk (queries must see every added event).
  Status Settle() {
    if (builder_.size() > 0) ENTENTE_RETURN_IF_ERROR(WriteChunk());
    return Status::OK();
  }
  Status ChunkError(const std::string& what) const {
    return Status::Corruption(path_ + ": " + what);
  }
  Result<StoreStats> ChunkedStats();

  Result<Event> ReadRow(sqlite3_stmt* s) {
    if (wide_) {
      WideReader r{s};
      return ReadEvent(r);
    }
    Event e;
    if (!ReadEventRow(s, &e))
      return Status::Corruption(path_ + ": damaged store file: event '" + e.id + "': unreadable detail column");
    return e;
  }
  std::string SelectColumns() const {
    if (wide_) return EventSelectList(version_);
    return precision() ? kSelectColumns : kSelectColumnsV3;
  }
  bool precision() const { return version_ >= kDatePrecisionVersion; }
  // Columns this object's events table has: v5 with date_precision, v3/v4 without.
  const std::string& Columns() const { return precision() ? kColumns : kColumnsV3; }
  int NumCols() const { return precision() ? kNumCols : kNumCols - 1; }
  // Writes detail_ for the row just inserted (v3 layout).
  Status InsertDetail() {
    sqlite3_bind_int64(insert_detail_, 1, sqlite3_last_insert_rowid(db_));
    BindText(insert_detail_, 2, detail_);
    return Run(insert_detail_, "inserting an event's details");
  }

  std::string path_;
  StoreOptions options_;
  sqlite3* db_ = nullptr;
  bool wal_ = false;   // this connection switched the file to WAL
  bool wide_ = false;  // a read-only open of a version 1-2 file: the 36-column events table
  // The version of the events layout this object reads and writes: the file's for a read-only
  // open, else max_version (below kSchemaVersion only in migration tests).
  int version_ = kSchemaVersion;
  bool in_txn_ = false;
  int pending_docs_ = 0;
  int64_t pending_rows_ = 0;
  std::vector<std::unique_ptr<Stmt>> stmts_;  // owns the prepared statements below
  sqlite3_stmt* insert_doc_ = nullptr;
  sqlite3_stmt* insert_sentence_ = nullptr;
  sqlite3_stmt* insert_fts_ = nullptr;
  sqlite3_stmt* insert_event_ = nullptr;  // INSERT OR IGNORE (unique id index present)
  sqlite3_stmt* insert_detail_ = nullptr;
  sqlite3_stmt* id_at_seq_ = nullptr;
  sqlite3_stmt* get_event_ = nullptr;
  sqlite3_stmt* set_group_ = nullptr;
  std::vector<uint64_t> id_hashes_;  // id hashes of the AddEvents call in progress
  std::string detail_;  // scratch for the detail JSON of the event being bound
  // Chunked events: the builder of the open chunk, the id index (hash -> 1-based position in
  // id_locs_, which holds the location: chunk * 4096 + index, kLocRow | seq or kLocPending |
  // builder position), what it covers, and the id positions of the builder's events.
  ChunkBuilder builder_;
  std::vector<int64_t> builder_g_;
  IdHashSet ids_;
  std::vector<int64_t> id_locs_;
  bool ids_loaded_ = false;
  int64_t loaded_chunk_ = 0, loaded_seq_ = 0;
  int pending_chunks_ = 0;
  std::unordered_map<int64_t, std::vector<std::string>> id_cache_;
  std::string chunk_blob_;
  int64_t get_chunk_ = -1;  // GetEvent: the chunk in get_blob_
  std::string get_blob_;
  ChunkSummary chunk_summary_;
  std::vector<uint32_t> chunk_order_;
  sqlite3_stmt* insert_chunk_ = nullptr;
  sqlite3_stmt* read_chunk_ = nullptr;
  sqlite3_stmt* read_groups_ = nullptr;
  sqlite3_stmt* set_chunk_group_ = nullptr;
  sqlite3_stmt* new_chunks_ = nullptr;  // RefreshIdIndex
  sqlite3_stmt* new_rows_ = nullptr;
  sqlite3_stmt* has_chunks_ = nullptr;
  // InsertEvent checks its id against the chunks (set per AddDocument / row AddEvents call).
  bool rows_check_chunks_ = false;
};

Status SqliteStore::Init(int max_version) {
  std::error_code ec;
  if (options_.read_only) {
    if (!fs::exists(path_, ec)) return Status::NotFound(path_ + ": store file does not exist");
  } else {
    fs::path parent = fs::path(path_).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec))
      return Status::IOError(path_ + ": directory " + parent.string() + " does not exist");
  }
  if (fs::exists(path_, ec) && fs::is_directory(path_, ec))
    return Status::InvalidArgument(path_ + ": is a directory, not a store file");
  int flags = SQLITE_OPEN_NOMUTEX | (options_.read_only ? SQLITE_OPEN_READONLY
                                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ENTENTE_RETURN_IF_ERROR(Open(flags));
  // SQLite falls back to a read-only open when the file cannot be written (permissions, an
  // immutable file); every write would then fail with a less telling message.
  if (!options_.read_only && sqlite3_db_readonly(db_, "main") == 1)
    return Status::IOError(path_ + ": cannot write to the store file (a read-only file or folder)");
  // The first statement that reads the file: this is where a non-database fails.
  auto version = ReadVersion();
  if (!version.ok() && options_.read_only && NeedsCrashRecovery()) {
    ENTENTE_RETURN_IF_ERROR(RecoverAfterCrash(flags));
    version = ReadVersion();
  }
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion)
    return Status::Unsupported(path_ + ": schema version " + std::to_string(*version) +
                               " is newer than this program supports (" +
                               std::to_string(kSchemaVersion) + "); upgrade entente");
  bool interrupted = false, interrupted_empty_store = false;
  if (*version >= 3) {
    Stmt flag;
    ENTENTE_RETURN_IF_ERROR(Prepare("SELECT value FROM meta WHERE key = 'bulk_load'", &flag));
    int rc = sqlite3_step(flag.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("reading meta");
    interrupted = rc == SQLITE_ROW;
    // 'empty-store': the import started on a store without documents (every fast import since
    // that rule); 'events' (older files): documents may exist.
    interrupted_empty_store = interrupted && ColumnText(flag.get(), 0) == "empty-store";
  }
  if (options_.read_only) {
    if (*version == 0) {
      const auto bytes = fs::file_size(path_, ec);
      if (!ec && bytes == 0) return Status::InvalidArgument(path_ + ": empty file (0 bytes), not an entente store");
      return Status::InvalidArgument(path_ + ": not an entente store (no schema)");
    }
    if (interrupted)
      return Status::Corruption(path_ + ": a bulk import into this store was interrupted and its events "
                                "are incomplete; open it read-write once to discard them, then import again");
    // Versions 1-2 are read in their wide layout; their other differences are indexes only.
    wide_ = *version < 3;
    version_ = *version;
    return Exec("PRAGMA query_only = ON", "setting query_only");
  }
  // Before the switch to WAL, the first write (a file with the bulk_load flag is checked by
  // RepairInterruptedBulk instead).
  ENTENTE_RETURN_IF_ERROR(CheckBeforeWriting(/*quick_check=*/!interrupted && *version > 0));
  // A new file gets 16 KiB pages (fewer overflow pages per event chunk, cheaper appends); the
  // page size can only be chosen before the first write, which the switch to WAL is.
  if (*version == 0) ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA page_size = 16384", "setting page_size"));
  // WAL: readers never block the writer; synchronous=NORMAL: a commit is durable against a
  // process crash at once and against power loss after the next checkpoint.
  auto mode = JournalMode("WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal") return Status::IOError(path_ + ": cannot use WAL journal mode (got " + *mode + ")");
  wal_ = true;
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA synchronous = NORMAL", "setting synchronous"));
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA cache_size = -65536", "setting cache_size"));
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA temp_store = MEMORY", "setting temp_store"));
  if (interrupted) {
    Status repaired = RepairInterruptedBulk(*version >= kDatePrecisionVersion);
    if (!repaired.ok()) {
      // The file held nothing but the interrupted import: a new empty store replaces it.
      if (interrupted_empty_store) return RecreateEmpty(max_version);
      return repaired;
    }
  }
  ENTENTE_RETURN_IF_ERROR(Migrate(*version, max_version));
  // max_version < 3 only in migration tests: this object then writes the old wide layout.
  wide_ = max_version < 3;
  version_ = max_version;
  if (max_version == kSchemaVersion) ENTENTE_RETURN_IF_ERROR(CreateEventIndexes());
  return PrepareWriters();
}

Status SqliteStore::CheckBeforeWriting(bool quick_check) {
  std::error_code ec;
  const auto bytes = fs::file_size(path_, ec);
  if (ec || bytes < 100) return Status::OK();  // a new or empty file
  // Header bytes 18 and 19: the file format's write and read versions, 1 (rollback journal) or
  // 2 (WAL). SQLite opens a file with a larger write version read-only, and every write would
  // then fail with a misleading "readonly database".
  unsigned char header[100] = {};
  {
    FILE* f = std::fopen(path_.c_str(), "rb");
    if (!f) return Status::IOError(path_ + ": cannot read the file header");
    const size_t n = std::fread(header, 1, sizeof header, f);
    std::fclose(f);
    if (n != sizeof header) return Status::IOError(path_ + ": cannot read the file header");
  }
  if (header[18] > 2 || header[19] > 2)
    return Status::Corruption(path_ + ": bytes 18-19 of the SQLite header give file format versions " +
                              std::to_string(header[18]) + " and " + std::to_string(header[19]) +
                              " (1 or 2 expected): a damaged header or a newer SQLite; not writing into it");
  if (!quick_check || static_cast<int64_t>(bytes) > kQuickCheckMaxBytes) return Status::OK();
  auto problems = QuickCheckProblems();
  if (!problems.ok()) return problems.status();
  if (!problems->empty())
    return Status::Corruption(path_ + ": damaged store file, not writing into it (quick_check: " + *problems +
                              "); a read-only open still reads what is undamaged");
  return Status::OK();
}

Result<std::string> SqliteStore::QuickCheckProblems() {
  Stmt q;
  ENTENTE_RETURN_IF_ERROR(Prepare("PRAGMA quick_check(3)", &q, "checking the file"));
  std::string problems;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    std::string line = ColumnText(q.get(), 0);
    if (line == "ok") continue;
    for (char& c : line)
      if (c == '\n') c = ' ';
    problems += (problems.empty() ? "" : "; ") + line;
  }
  if (rc != SQLITE_DONE) return Error("checking the file (quick_check)");
  return problems;
}

bool SqliteStore::NeedsCrashRecovery() const {
  const int code = sqlite3_extended_errcode(db_);
  return code == SQLITE_READONLY_RECOVERY || code == SQLITE_READONLY_ROLLBACK;
}

Status SqliteStore::RecoverAfterCrash(int read_only_flags) {
  sqlite3_close_v2(db_);
  db_ = nullptr;
  // What any read-write open does first: roll back the hot journal, or rebuild the WAL index,
  // of the killed writer. Committed transactions are kept; the unfinished one is discarded.
  sqlite3* rw = nullptr;
  int rc = sqlite3_open_v2(path_.c_str(), &rw, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE, nullptr);
  if (rc == SQLITE_OK && sqlite3_db_readonly(rw, "main") == 1) rc = SQLITE_READONLY;
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(rw, options_.lock_timeout_ms);
    rc = sqlite3_exec(rw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    // At rest in rollback-journal mode, as a writer leaves it (see ~SqliteStore); skipped if
    // another connection has the file open.
    sqlite3_busy_timeout(rw, 0);
    if (rc == SQLITE_OK) sqlite3_exec(rw, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  const std::string why = rw ? sqlite3_errmsg(rw) : "out of memory";
  sqlite3_close_v2(rw);
  if (rc != SQLITE_OK)
    return Status::IOError(path_ + ": a writer stopped before finishing (its journal is still there) and "
                           "recovering it needs write access: " + why);
  return Open(read_only_flags);
}

Status SqliteStore::Open(int flags) {
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return Status::IOError(path_ + ": cannot open store: " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options_.lock_timeout_ms);
  // A store file is outside input: the schema may not call functions with side effects, and a
  // b-tree cell's size is checked before it is read (damage is found earlier, at little cost).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON", "setting foreign_keys"));
  return Exec("PRAGMA cell_size_check = ON", "setting cell_size_check");
}

Result<int> SqliteStore::ReadVersion() {
  Stmt q;
  // Counting entries in sqlite_master reads page 1: a non-database fails here.
  ENTENTE_RETURN_IF_ERROR(Prepare(
      "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'), "
      "(SELECT count(*) FROM sqlite_master)", &q, "reading the schema"));
  if (sqlite3_step(q.get()) != SQLITE_ROW) return Error("reading the schema");
  bool has_meta = sqlite3_column_int(q.get(), 0) > 0;
  int64_t objects = sqlite3_column_int64(q.get(), 1);
  if (!has_meta) {
    if (objects > 0) return Status::InvalidArgument(path_ + ": a SQLite database but not an entente store");
    return 0;
  }
  Stmt v;
  ENTENTE_RETURN_IF_ERROR(Prepare("SELECT value FROM meta WHERE key = 'schema_version'", &v));
  int rc = sqlite3_step(v.get());
  if (rc == SQLITE_DONE) return Status::Corruption(path_ + ": meta table has no schema_version");
  if (rc != SQLITE_ROW) return Error("reading schema_version");
  std::string s = ColumnText(v.get(), 0);
  char* end = nullptr;
  long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || n < 1)
    return Status::Corruption(path_ + ": bad schema_version '" + s + "'");
  return static_cast<int>(n);
}

Result<bool> SqliteStore::TableEmpty(const char* table) {
  Stmt empty;
  ENTENTE_RETURN_IF_ERROR(Prepare(std::string("SELECT NOT EXISTS (SELECT 1 FROM ") + table + ")", &empty));
  if (sqlite3_step(empty.get()) != SQLITE_ROW) return Error("reading events");
  return sqlite3_column_int(empty.get(), 0) != 0;
}

Status SqliteStore::Migrate(int from, int to) {
  for (int v = from + 1; v <= to; ++v) {
    ENTENTE_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "starting migration"));
    // Another process may have migrated while we waited for the lock.
    auto now = ReadVersion();
    if (!now.ok()) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return now.status();
    }
    if (*now >= v) {
      ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing"));
      continue;
    }
    std::string what = "migrating to schema version " + std::to_string(v);
    Status st = Exec(kMigrations[v - 1], what);
    if (st.ok() && v == 3) {
      st = Exec(kEventsTableV3, what);
      if (st.ok()) st = CopyWideEvents();
      if (st.ok()) st = Exec(std::string(kMigration3Finish) + EventIndexSql(), what);
    }
    if (st.ok())
      st = Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + std::to_string(v) + "')",
                what);
    if (!st.ok()) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return st;
    }
    ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing migration"));
  }
  return Status::OK();
}

Status SqliteStore::CopyWideEvents() {
  Stmt read, write, detail;
  ENTENTE_RETURN_IF_ERROR(Prepare("SELECT " + EventSelectList(2) + " FROM events_v2 ORDER BY rowid", &read));
  std::string placeholders;
  for (int i = 1; i < kNumCols; ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  ENTENTE_RETURN_IF_ERROR(Prepare("INSERT INTO events(" + kColumnsV3 + ") VALUES (" + placeholders + ")", &write));
  ENTENTE_RETURN_IF_ERROR(Prepare("INSERT INTO event_details(seq, detail) VALUES (?1, ?2)", &detail));
  WideReader r{read.get()};
  int rc;
  while ((rc = sqlite3_step(read.get())) == SQLITE_ROW) {
    Event e = ReadEvent(r);
    detail_.clear();
    AppendEventDetail(e, &detail_);
    BindEvent(write.get(), e, e.doc_hash, 1, /*precision=*/false);
    ENTENTE_RETURN_IF_ERROR(Run(write.get(), "copying an event to the version 3 table"));
    sqlite3_bind_int64(detail.get(), 1, sqlite3_last_insert_rowid(db_));
    BindText(detail.get(), 2, detail_);
    ENTENTE_RETURN_IF_ERROR(Run(detail.get(), "copying an event's details"));
  }
  if (rc != SQLITE_DONE) return Error("reading the version 2 events table");
  return Status::OK();
}

Status SqliteStore::RecreateEmpty(int max_version) {
  stmts_.clear();
  insert_doc_ = insert_sentence_ = insert_fts_ = insert_event_ = nullptr;
  insert_detail_ = id_at_seq_ = get_event_ = set_group_ = nullptr;
  insert_chunk_ = read_chunk_ = read_groups_ = set_chunk_group_ = new_chunks_ = new_rows_ = has_chunks_ = nullptr;
  DropIdIndex();
  sqlite3_close_v2(db_);
  db_ = nullptr;
  wal_ = in_txn_ = false;
  pending_docs_ = 0;
  pending_rows_ = 0;
  std::error_code ec;
  for (const char* suffix : {"-journal", "-wal", "-shm", ""}) {
    fs::remove(path_ + suffix, ec);
    if (ec) return Status::IOError(path_ + suffix + ": cannot remove the damaged store file: " + ec.message());
  }
  return Init(max_version);
}

Status SqliteStore::RepairInterruptedBulk(bool precision) {
  // The flag is only set while the events table is being filled from empty: dropping it restores
  // the state before the import. A crash can also have left other pages half-written (journal
  // and fsync were off), so the whole file is checked afterwards.
  Status st = ExecInTransaction(std::string("DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS event_details;") +
                                    kEventsTableV3 + (precision ? kEventsTableV5Addition : "") +
                                    "DELETE FROM meta WHERE key = 'bulk_load';",
                                "discarding an interrupted bulk import");
  auto damaged = [this](const std::string& why) {
    return Status::Corruption(path_ + ": a bulk import into this store was interrupted and the file is "
                              "damaged (" + why + "); delete it and import again");
  };
  if (!st.ok()) return damaged(st.message());
  auto problems = QuickCheckProblems();
  if (!problems.ok()) return damaged(problems.status().message());
  if (!problems->empty()) return damaged(*problems);
  return Status::OK();
}

Status SqliteStore::PrepareWriters() {
  ENTENTE_RETURN_IF_ERROR(PrepareOwned(
      "INSERT OR IGNORE INTO documents(hash, doc_id, title, source, url, path, date, text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &insert_doc_));
  ENTENTE_RETURN_IF_ERROR(PrepareOwned(
      "INSERT INTO sentences(doc_hash, idx, begin, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
      &insert_sentence_));
  ENTENTE_RETURN_IF_ERROR(PrepareOwned("INSERT INTO sentences_fts(rowid, text) VALUES (?1, ?2)", &insert_fts_));
  // The wide layout (versions 1-2) has neither date_precision nor location_kind.
  const int n = wide_ ? EventColumnCount(2) : NumCols();
  std::string placeholders;
  for (int i = 1; i <= n; ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  ENTENTE_RETURN_IF_ERROR(PrepareOwned("INSERT OR IGNORE INTO events(" + (wide_ ? EventColumns(2) : Columns()) + ") VALUES (" +
                                       placeholders + ")", &insert_event_));
  if (!wide_) {
    ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT id FROM events WHERE seq = ?1", &id_at_seq_));
    ENTENTE_RETURN_IF_ERROR(
        PrepareOwned("INSERT INTO event_details(seq, detail) VALUES (?1, ?2)", &insert_detail_));
  }
  ENTENTE_RETURN_IF_ERROR(PrepareOwned("UPDATE events SET group_id = ?2 WHERE id = ?1", &set_group_));
  return Status::OK();
}

Status SqliteStore::InsertEvent(const Event& e, std::string_view doc_hash, bool* added) {
  if (rows_check_chunks_) {
    // A row must not repeat an id that a chunk holds.
    ENTENTE_RETURN_IF_ERROR(RefreshIdIndex());
    int64_t loc;
    ENTENTE_RETURN_IF_ERROR(FindId(e.id, IdHashSet::Hash(e.id), &loc));
    if (loc >= 0 && !(loc & kLocRow)) {
      *added = false;
      return Status::OK();
    }
  }
  if (wide_) {
    detail_ = WhyToJson(e.why);
    WideBinder b{insert_event_};
    WriteEvent(e, doc_hash, detail_, b, /*version=*/2);
  } else {
    BindEvent(insert_event_, e, doc_hash, 1, precision());
  }
  ENTENTE_RETURN_IF_ERROR(Run(insert_event_, "inserting an event"));
  *added = sqlite3_changes(db_) > 0;
  if (*added && !wide_) {
    detail_.clear();
    AppendEventDetail(e, &detail_);
    return InsertDetail();
  }
  return Status::OK();
}

// ---- chunked events ---------------------------------------------------------------------------

Result<bool> SqliteStore::HasChunks() {
  if (!has_chunk_tables()) return false;
  if (!has_chunks_) ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT EXISTS (SELECT 1 FROM event_chunks)", &has_chunks_));
  int rc = sqlite3_step(has_chunks_);
  const bool any = rc == SQLITE_ROW && sqlite3_column_int(has_chunks_, 0) != 0;
  sqlite3_reset(has_chunks_);
  if (rc != SQLITE_ROW) return Error("reading event chunks");
  return any;
}

Status SqliteStore::RefreshIdIndex() {
  if (!ids_loaded_) {
    ids_.Clear();
    id_locs_.clear();
    loaded_chunk_ = loaded_seq_ = 0;
    ids_loaded_ = true;
    // Events still in the builder keep their places.
    builder_g_.resize(builder_.size());
    for (size_t i = 0; i < builder_.size(); ++i) {
      builder_g_[i] = static_cast<int64_t>(id_locs_.size());
      IndexId(builder_.IdAt(i), kLocPending | static_cast<int64_t>(i));
    }
  }
  // New chunks: only their id sections are read, through incremental blob I/O.
  if (!new_chunks_) ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT id FROM event_chunks WHERE id > ?1 ORDER BY id", &new_chunks_));
  if (!new_rows_) ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT seq, id FROM events WHERE seq > ?1 ORDER BY seq", &new_rows_));
  {
    sqlite3_stmt* q = new_chunks_;
    ResetOnExit reset(q);
    sqlite3_bind_int64(q, 1, loaded_chunk_);
    std::vector<std::string> ids;
    std::string head, error;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const int64_t chunk = sqlite3_column_int64(q, 0);
      sqlite3_blob* blob = nullptr;
      if (sqlite3_blob_open(db_, "main", "event_chunks", "data", chunk, 0, &blob) != SQLITE_OK) {
        Status st = Error("reading event chunk " + std::to_string(chunk));
        sqlite3_blob_close(blob);
        return st;
      }
      const int size = sqlite3_blob_bytes(blob);
      head.resize(static_cast<size_t>(std::min(size, 32)));
      int rrc = sqlite3_blob_read(blob, head.data(), static_cast<int>(head.size()), 0);
      size_t end = rrc == SQLITE_OK ? ChunkReader::IdSectionEnd(head) : 0;
      if (rrc == SQLITE_OK && end > 0 && end <= static_cast<size_t>(size)) {
        head.resize(end);
        rrc = sqlite3_blob_read(blob, head.data(), static_cast<int>(end), 0);
      }
      sqlite3_blob_close(blob);
      if (rrc != SQLITE_OK) return Error("reading event chunk " + std::to_string(chunk));
      if (end == 0 || end > static_cast<size_t>(size) || !ChunkReader::Ids(head, &ids, &error))
        return ChunkError("event chunk " + std::to_string(chunk) + ": " +
                          (error.empty() ? "damaged event chunk: bad header" : error));
      for (size_t i = 0; i < ids.size(); ++i)
        IndexId(ids[i], chunk * static_cast<int64_t>(kChunkEvents) + static_cast<int64_t>(i));
      loaded_chunk_ = chunk;
    }
    if (rc != SQLITE_DONE) return Error("reading event chunks");
  }
  // New rows.
  {
    sqlite3_stmt* q = new_rows_;
    ResetOnExit reset(q);
    sqlite3_bind_int64(q, 1, loaded_seq_);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const int64_t seq = sqlite3_column_int64(q, 0);
      const char* p = reinterpret_cast<const char*>(sqlite3_column_text(q, 1));
      IndexId(p ? std::string_view(p, sqlite3_column_bytes(q, 1)) : std::string_view(), kLocRow | seq);
      loaded_seq_ = seq;
    }
    if (rc != SQLITE_DONE) return Error("reading event ids");
  }
  return Status::OK();
}

Result<const std::vector<std::string>*> SqliteStore::ChunkIds(int64_t chunk) {
  auto it = id_cache_.find(chunk);
  if (it != id_cache_.end()) return &it->second;
  if (id_cache_.size() >= 64) id_cache_.clear();
  std::string blob;
  std::vector<std::pair<uint32_t, std::string>> groups;
  ENTENTE_RETURN_IF_ERROR(ReadChunk(chunk, &blob, nullptr));
  std::vector<std::string> ids;
  std::string error;
  if (!ChunkReader::Ids(blob, &ids, &error)) return ChunkError("event chunk " + std::to_string(chunk) + ": " + error);
  return &(id_cache_[chunk] = std::move(ids));
}

Status SqliteStore::FindId(std::string_view id, uint64_t h, int64_t* loc) {
  *loc = -1;
  if (!id_at_seq_) ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT id FROM events WHERE seq = ?1", &id_at_seq_));
  Status st;
  ids_.Contains(h, [&](int64_t g) {
    if (!st.ok()) return false;
    const int64_t l = id_locs_[static_cast<size_t>(g - 1)];
    bool same = false;
    if (l & kLocPending) {
      same = builder_.IdAt(static_cast<size_t>(l & kLocPayload)) == id;
    } else if (l & kLocRow) {
      sqlite3_bind_int64(id_at_seq_, 1, l & kLocPayload);
      int rc = sqlite3_step(id_at_seq_);
      if (rc == SQLITE_ROW) {
        const char* p = reinterpret_cast<const char*>(sqlite3_column_text(id_at_seq_, 0));
        same = p && std::string_view(p, sqlite3_column_bytes(id_at_seq_, 0)) == id;
      } else if (rc != SQLITE_DONE) {
        st = Error("checking an event id");
      }
      sqlite3_reset(id_at_seq_);
    } else {
      auto ids = ChunkIds(l / static_cast<int64_t>(kChunkEvents));
      if (!ids.ok()) {
        st = ids.status();
        return false;
      }
      const size_t i = static_cast<size_t>(l % static_cast<int64_t>(kChunkEvents));
      same = i < (*ids)->size() && (**ids)[i] == id;
    }
    if (same) *loc = l;
    return same;
  });
  return st;
}

Status SqliteStore::AddChunkedEvents(const std::vector<Event>& events, int64_t* added) {
  ENTENTE_RETURN_IF_ERROR(Begin());
  // Under the write lock: nobody else adds ids until this batch commits.
  ENTENTE_RETURN_IF_ERROR(RefreshIdIndex());
  constexpr size_t kAhead = 8;
  id_hashes_.resize(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    id_hashes_[i] = IdHashSet::Hash(events[i].id);
    if (i < kAhead) ids_.Prefetch(id_hashes_[i]);
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const uint64_t h = id_hashes_[i];
    if (i + kAhead < events.size()) ids_.Prefetch(id_hashes_[i + kAhead]);
    // FindId only when the hash is present (a repeat, or a rare collision).
    bool seen = false;
    ids_.Contains(h, [&seen](int64_t) { return seen = true; });
    if (seen) {
      int64_t loc;
      ENTENTE_RETURN_IF_ERROR(FindId(e.id, h, &loc));
      if (loc >= 0) continue;
    }
    if (id_locs_.size() >= IdHashSet::kMaxValue)
      return Status::Unsupported(path_ + ": more than " + std::to_string(IdHashSet::kMaxValue) +
                                 " events: the in-memory id index is full");
    builder_g_.push_back(static_cast<int64_t>(id_locs_.size()));
    id_locs_.push_back(kLocPending | static_cast<int64_t>(builder_.size()));
    ids_.Insert(h, static_cast<int64_t>(id_locs_.size()));
    builder_.Add(e);
    ++*added;
    if (builder_.full()) {
      ENTENTE_RETURN_IF_ERROR(WriteChunk());
      if (pending_chunks_ >= kChunksPerTransaction) {
        ENTENTE_RETURN_IF_ERROR(Commit());
        ENTENTE_RETURN_IF_ERROR(Begin());
        ENTENTE_RETURN_IF_ERROR(RefreshIdIndex());
      }
    }
  }
  return Status::OK();
}

Status SqliteStore::WriteChunk() {
  if (builder_.size() == 0) return Status::OK();
  if (!in_txn_) return Status::Internal(path_ + ": event chunk written outside a transaction");
  if (!insert_chunk_)
    ENTENTE_RETURN_IF_ERROR(PrepareOwned(
        "INSERT INTO event_chunks(n, first_date, first_id, min_date, max_date, summary, data) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &insert_chunk_));
  builder_.Seal(&chunk_blob_, &chunk_summary_, &chunk_order_);
  const ChunkSummary& cs = chunk_summary_;
  const std::string sets = EncodeSummarySets(cs);
  sqlite3_bind_int64(insert_chunk_, 1, cs.count);
  BindText(insert_chunk_, 2, cs.first_date);
  BindText(insert_chunk_, 3, cs.first_id);
  BindText(insert_chunk_, 4, cs.min_date);
  BindText(insert_chunk_, 5, cs.max_date);
  sqlite3_bind_blob(insert_chunk_, 6, sets.data(), static_cast<int>(sets.size()), SQLITE_STATIC);
  sqlite3_bind_blob64(insert_chunk_, 7, chunk_blob_.data(), chunk_blob_.size(), SQLITE_STATIC);
  Status st = Run(insert_chunk_, "writing an event chunk");
  sqlite3_clear_bindings(insert_chunk_);
  if (!st.ok()) {
    // The batch is lost: roll it back whole (and say so) rather than keep half of it.
    Rollback();
    return Status::IOError(st.message() + "; the open batch of events was not stored");
  }
  const int64_t chunk = sqlite3_last_insert_rowid(db_);
  for (size_t k = 0; k < chunk_order_.size(); ++k)
    id_locs_[static_cast<size_t>(builder_g_[chunk_order_[k]])] =
        chunk * static_cast<int64_t>(kChunkEvents) + static_cast<int64_t>(k);
  builder_g_.clear();
  // This connection holds the write lock, so no chunk id below this one is unknown to the index.
  loaded_chunk_ = chunk;
  ++pending_chunks_;
  return Status::OK();
}

Status SqliteStore::ReadChunk(int64_t chunk, std::string* blob,
                              std::vector<std::pair<uint32_t, std::string>>* groups) {
  if (!read_chunk_) ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT data FROM event_chunks WHERE id = ?1", &read_chunk_));
  sqlite3_bind_int64(read_chunk_, 1, chunk);
  int rc = sqlite3_step(read_chunk_);
  if (rc == SQLITE_ROW) {
    const char* p = static_cast<const char*>(sqlite3_column_blob(read_chunk_, 0));
    blob->assign(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(read_chunk_, 0)));
  }
  sqlite3_reset(read_chunk_);
  if (rc == SQLITE_DONE) return ChunkError("event chunk " + std::to_string(chunk) + " is missing");
  if (rc != SQLITE_ROW) return Error("reading event chunk " + std::to_string(chunk));
  if (!groups) return Status::OK();
  return ReadGroups(chunk, groups);
}

Status SqliteStore::ReadGroups(int64_t chunk, std::vector<std::pair<uint32_t, std::string>>* groups) {
  int rc;
  groups->clear();
  if (!read_groups_)
    ENTENTE_RETURN_IF_ERROR(
        PrepareOwned("SELECT idx, group_id FROM chunk_groups WHERE chunk = ?1 ORDER BY idx", &read_groups_));
  sqlite3_bind_int64(read_groups_, 1, chunk);
  while ((rc = sqlite3_step(read_groups_)) == SQLITE_ROW)
    groups->emplace_back(static_cast<uint32_t>(sqlite3_column_int64(read_groups_, 0)), ColumnText(read_groups_, 1));
  sqlite3_reset(read_groups_);
  if (rc != SQLITE_DONE) return Error("reading event groups");
  return Status::OK();
}

Status SqliteStore::ForEachChunkSummary(const std::function<Status(int64_t, const ChunkSummary&)>& fn) {
  Stmt q;
  ENTENTE_RETURN_IF_ERROR(Prepare(
      "SELECT id, n, first_date, first_id, min_date, max_date, summary FROM event_chunks ORDER BY id", &q));
  ChunkSummary cs;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    const int64_t chunk = sqlite3_column_int64(q.get(), 0);
    cs.count = sqlite3_column_int64(q.get(), 1);
    cs.first_date = ColumnText(q.get(), 2);
    cs.first_id = ColumnText(q.get(), 3);
    cs.min_date = ColumnText(q.get(), 4);
    cs.max_date = ColumnText(q.get(), 5);
    const char* p = static_cast<const char*>(sqlite3_column_blob(q.get(), 6));
    if (!DecodeSummarySets(std::string_view(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(q.get(), 6))), &cs))
      return ChunkError("event chunk " + std::to_string(chunk) + ": damaged summary");
    ENTENTE_RETURN_IF_ERROR(fn(chunk, cs));
  }
  if (rc != SQLITE_DONE) return Error("reading event chunk summaries");
  return Status::OK();
}

Status SqliteStore::WriteDocument(const Document& doc, const std::string& hash,
                                  const std::vector<Event>& events, bool* added) {
  std::string date = doc.date ? doc.date->ToString() : "";
  BindText(insert_doc_, 1, hash);
  BindText(insert_doc_, 2, doc.id);
  BindText(insert_doc_, 3, doc.title);
  BindText(insert_doc_, 4, doc.source);
  BindText(insert_doc_, 5, doc.url);
  BindText(insert_doc_, 6, doc.path);
  if (doc.date) BindText(insert_doc_, 7, date); else sqlite3_bind_null(insert_doc_, 7);
  BindText(insert_doc_, 8, doc.text);
  ENTENTE_RETURN_IF_ERROR(Run(insert_doc_, "inserting a document"));
  *added = sqlite3_changes(db_) > 0;
  if (!*added) return Status::OK();
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Span& s = doc.sentences[i].span;
    std::string_view st = doc.Text(s);
    BindText(insert_sentence_, 1, hash);
    sqlite3_bind_int64(insert_sentence_, 2, static_cast<int64_t>(i));
    sqlite3_bind_int64(insert_sentence_, 3, s.begin);
    sqlite3_bind_int64(insert_sentence_, 4, s.end);
    BindText(insert_sentence_, 5, st);
    ENTENTE_RETURN_IF_ERROR(Run(insert_sentence_, "inserting a sentence"));
    sqlite3_bind_int64(insert_fts_, 1, sqlite3_last_insert_rowid(db_));
    BindText(insert_fts_, 2, st);
    ENTENTE_RETURN_IF_ERROR(Run(insert_fts_, "indexing a sentence"));
  }
  for (const Event& e : events) {
    bool ignored;
    ENTENTE_RETURN_IF_ERROR(InsertEvent(e, hash, &ignored));
  }
  pending_rows_ += 1 + static_cast<int64_t>(doc.sentences.size() + events.size());
  return Status::OK();
}

Result<bool> SqliteStore::AddDocument(const Document& doc, const std::vector<Event>& events) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  ENTENTE_RETURN_IF_ERROR(Settle());
  std::string hash = doc.hash.empty() ? ContentHash(doc.title, doc.text) : doc.hash;
  std::string where = path_ + ": document " + doc.id;
  for (const Sentence& s : doc.sentences)
    if (s.span.begin > s.span.end || s.span.end > doc.text.size())
      return Status::InvalidArgument(where + ": sentence span [" + std::to_string(s.span.begin) + ", " +
                                     std::to_string(s.span.end) + ") outside the text");
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckEvent(e, hash, where));
  ENTENTE_RETURN_IF_ERROR(Begin());
  {
    auto chunks = HasChunks();  // once per document: whether its events need the chunk check
    if (!chunks.ok()) return chunks.status();
    rows_check_chunks_ = *chunks && !events.empty();
  }
  ENTENTE_RETURN_IF_ERROR(Exec("SAVEPOINT doc", "opening a savepoint"));
  bool added = false;
  Status st = WriteDocument(doc, hash, events, &added);
  if (!st.ok()) {
    sqlite3_exec(db_, "ROLLBACK TO doc; RELEASE doc", nullptr, nullptr, nullptr);
    DropIdIndex();  // it may have seen rows the savepoint took back
    return st;
  }
  ENTENTE_RETURN_IF_ERROR(Exec("RELEASE doc", "releasing a savepoint"));
  if (added) ++pending_docs_;
  ENTENTE_RETURN_IF_ERROR(MaybeCommit());
  return added;
}

Result<int64_t> SqliteStore::AddEvents(const std::vector<Event>& events) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  for (const Event& e : events)
    if (e.id.empty()) return CheckEvent(e, "", path_ + ": AddEvents");
  if (chunked()) {
    int64_t added = 0;
    ENTENTE_RETURN_IF_ERROR(AddChunkedEvents(events, &added));
    return added;
  }
  int64_t added = 0;
  {
    auto chunks = HasChunks();
    if (!chunks.ok()) return chunks.status();
    rows_check_chunks_ = *chunks;
  }
  for (const Event& e : events) {
    ENTENTE_RETURN_IF_ERROR(Begin());
    bool one = false;
    ENTENTE_RETURN_IF_ERROR(InsertEvent(e, e.doc_hash, &one));
    added += one;
    if (++pending_rows_ >= kRowsPerTransaction) ENTENTE_RETURN_IF_ERROR(Commit());
  }
  return added;
}

Status SqliteStore::SetEventGroups(const std::vector<std::pair<std::string, std::string>>& id_to_group) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  ENTENTE_RETURN_IF_ERROR(Settle());
  auto chunks = HasChunks();
  if (!chunks.ok()) return chunks.status();
  bool refreshed = false;
  for (const auto& [id, group] : id_to_group) {
    ENTENTE_RETURN_IF_ERROR(Begin());
    BindText(set_group_, 1, id);
    if (group.empty()) sqlite3_bind_null(set_group_, 2);
    else BindText(set_group_, 2, group);
    ENTENTE_RETURN_IF_ERROR(Run(set_group_, "setting an event group"));
    if (sqlite3_changes(db_) == 0 && *chunks) {
      // Not a row: a chunked event gets its group in chunk_groups (chunks are never rewritten).
      if (!refreshed) {
        ENTENTE_RETURN_IF_ERROR(RefreshIdIndex());
        refreshed = true;
      }
      int64_t loc;
      ENTENTE_RETURN_IF_ERROR(FindId(id, IdHashSet::Hash(id), &loc));
      if (loc >= 0 && !(loc & (kLocRow | kLocPending))) {
        if (!set_chunk_group_)
          ENTENTE_RETURN_IF_ERROR(PrepareOwned(
              "INSERT OR REPLACE INTO chunk_groups(chunk, idx, group_id) VALUES (?1, ?2, ?3)", &set_chunk_group_));
        sqlite3_bind_int64(set_chunk_group_, 1, loc / static_cast<int64_t>(kChunkEvents));
        sqlite3_bind_int64(set_chunk_group_, 2, loc % static_cast<int64_t>(kChunkEvents));
        BindText(set_chunk_group_, 3, group);
        ENTENTE_RETURN_IF_ERROR(Run(set_chunk_group_, "setting an event group"));
      }
    }
    if (pending_rows_ + 1 >= kRowsPerTransaction) refreshed = false;
    if (++pending_rows_ >= kRowsPerTransaction) ENTENTE_RETURN_IF_ERROR(Commit());
  }
  return Commit();
}

Status SqliteStore::ForEachEvent(const EventFilter& filter, const std::function<bool(const Event&)>& fn) {
  ENTENTE_RETURN_IF_ERROR(Settle());
  EventQuery q = BuildEventQuery(filter, Dialect::kSqlite, SelectColumns());
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(Prepare(q.sql, &s));
  for (size_t i = 0; i < q.params.size(); ++i) BindText(s.get(), static_cast<int>(i + 1), q.params[i]);
  // Chunks that may hold a match, in the order of their first events.
  struct Pending {
    int64_t chunk;
    std::string first_date, first_id;
  };
  std::vector<Pending> pending;
  EventMatcher matcher(filter);
  if (has_chunk_tables()) {
    ENTENTE_RETURN_IF_ERROR(ForEachChunkSummary([&](int64_t chunk, const ChunkSummary& cs) {
      if (matcher.MayMatch(cs)) pending.push_back(Pending{chunk, cs.first_date, cs.first_id});
      return Status::OK();
    }));
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      return EventKeyLess(a.first_date, a.first_id, b.first_date, b.first_id);
    });
  }
  if (pending.empty()) {
    // Rows only: stream them as SQLite returns them.
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      auto e = ReadRow(s.get());
      if (!e.ok()) return e.status();
      if (!fn(*e)) return Status::OK();
    }
    if (rc != SQLITE_DONE) return Error("reading events");
    return Status::OK();
  }
  // A merge of sorted streams: source 0 is the rows' SELECT (already in (date, id) order), the
  // others one open chunk each. A chunk is opened only when the merge reaches its first key.
  struct Source {
    int64_t chunk = 0;  // 0: the rows
    std::string blob;
    ChunkReader reader;
    std::vector<std::pair<uint32_t, std::string>> groups;
    size_t next_group = 0;
    Event e;
  };
  std::vector<std::unique_ptr<Source>> sources;
  std::vector<Source*> free_sources;
  // Moves a source to its next matching event; false at its end.
  auto advance = [&](Source* src, bool* more) -> Status {
    *more = false;
    if (src->chunk == 0) {
      int rc = sqlite3_step(s.get());
      if (rc == SQLITE_DONE) return Status::OK();
      if (rc != SQLITE_ROW) return Error("reading events");
      auto e = ReadRow(s.get());
      if (!e.ok()) return e.status();
      src->e = std::move(e).value();
      *more = true;
      return Status::OK();
    }
    while (true) {
      const size_t pos = src->reader.position();
      if (!src->reader.Next(&src->e)) {
        if (!src->reader.error().empty())
          return ChunkError("event chunk " + std::to_string(src->chunk) + ": " + src->reader.error());
        return Status::OK();
      }
      while (src->next_group < src->groups.size() && src->groups[src->next_group].first < pos) ++src->next_group;
      if (src->next_group < src->groups.size() && src->groups[src->next_group].first == pos)
        src->e.group = src->groups[src->next_group].second;
      if (matcher.Matches(src->e)) {
        *more = true;
        return Status::OK();
      }
    }
  };
  auto greater = [](const Source* a, const Source* b) {
    return EventKeyLess(b->e.date, b->e.id, a->e.date, a->e.id);
  };
  std::priority_queue<Source*, std::vector<Source*>, decltype(greater)> heap(greater);
  {
    auto rows = std::make_unique<Source>();
    bool more;
    ENTENTE_RETURN_IF_ERROR(advance(rows.get(), &more));
    if (more) heap.push(rows.get());
    sources.push_back(std::move(rows));
  }
  size_t next = 0;
  int64_t emitted = 0;
  std::string error;
  while (filter.limit < 0 || emitted < filter.limit) {
    while (next < pending.size() &&
           (heap.empty() || !EventKeyLess(heap.top()->e.date, heap.top()->e.id, pending[next].first_date,
                                          pending[next].first_id))) {
      Source* src;
      if (!free_sources.empty()) {
        src = free_sources.back();
        free_sources.pop_back();
      } else {
        sources.push_back(std::make_unique<Source>());
        src = sources.back().get();
      }
      src->chunk = pending[next++].chunk;
      src->next_group = 0;
      ENTENTE_RETURN_IF_ERROR(ReadChunk(src->chunk, &src->blob, &src->groups));
      if (!src->reader.Open(src->blob, &error))
        return ChunkError("event chunk " + std::to_string(src->chunk) + ": " + error);
      bool more;
      ENTENTE_RETURN_IF_ERROR(advance(src, &more));
      if (more) heap.push(src);
      else free_sources.push_back(src);
    }
    if (heap.empty()) break;
    Source* top = heap.top();
    heap.pop();
    if (!fn(top->e)) return Status::OK();
    ++emitted;
    bool more;
    ENTENTE_RETURN_IF_ERROR(advance(top, &more));
    if (more) heap.push(top);
    else if (top->chunk != 0) free_sources.push_back(top);
  }
  return Status::OK();
}

Result<Event> SqliteStore::GetEvent(const std::string& id) {
  ENTENTE_RETURN_IF_ERROR(Settle());
  if (!get_event_)
    ENTENTE_RETURN_IF_ERROR(PrepareOwned("SELECT " + SelectColumns() + " FROM events WHERE id = ?1", &get_event_));
  BindText(get_event_, 1, id);
  int rc = sqlite3_step(get_event_);
  if (rc == SQLITE_ROW) {
    auto e = ReadRow(get_event_);
    sqlite3_reset(get_event_);
    return e;
  }
  sqlite3_reset(get_event_);
  if (rc != SQLITE_DONE) return Error("reading an event");
  auto chunks = HasChunks();
  if (!chunks.ok()) return chunks.status();
  if (*chunks) {
    ENTENTE_RETURN_IF_ERROR(RefreshIdIndex());
    int64_t loc;
    ENTENTE_RETURN_IF_ERROR(FindId(id, IdHashSet::Hash(id), &loc));
    if (loc >= 0 && !(loc & (kLocRow | kLocPending))) {
      const int64_t chunk = loc / static_cast<int64_t>(kChunkEvents);
      const size_t idx = static_cast<size_t>(loc % static_cast<int64_t>(kChunkEvents));
      std::string error;
      std::vector<std::pair<uint32_t, std::string>> groups;
      // The last chunk read is kept (chunks never change; DropIdIndex forgets it after a rollback).
      if (get_chunk_ != chunk) {
        get_chunk_ = -1;
        ENTENTE_RETURN_IF_ERROR(ReadChunk(chunk, &get_blob_, &groups));
        get_chunk_ = chunk;
      } else {
        ENTENTE_RETURN_IF_ERROR(ReadGroups(chunk, &groups));
      }
      const std::string& blob = get_blob_;
      ChunkReader reader;
      if (!reader.Open(blob, &error)) return ChunkError("event chunk " + std::to_string(chunk) + ": " + error);
      Event e;
      if (!reader.Seek(idx) || !reader.Next(&e))
        return ChunkError("event chunk " + std::to_string(chunk) + ": " + reader.error());
      for (const auto& [i, g] : groups)
        if (i == idx) e.group = g;
      return e;
    }
  }
  return Status::NotFound(path_ + ": no event with id '" + id + "'");
}

Result<StoreStats> SqliteStore::Stats() {
  ENTENTE_RETURN_IF_ERROR(Settle());
  auto chunks = HasChunks();
  if (!chunks.ok()) return chunks.status();
  auto stats = *chunks ? ChunkedStats() : ComputeStats([this](const std::string& sql) -> Result<std::vector<std::vector<std::string>>> {
    Stmt s;
    ENTENTE_RETURN_IF_ERROR(Prepare(sql, &s));
    std::vector<std::vector<std::string>> rows;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(s.get()); ++c) row.push_back(ColumnText(s.get(), c));
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Error("computing statistics");
    return rows;
  });
  if (!stats.ok()) return stats;
  ENTENTE_RETURN_IF_ERROR(FillDatePrecisions(*this, &*stats));
  return stats;
}

Result<StoreStats> SqliteStore::ChunkedStats() {
  // The same figures as ComputeStats, over rows (SQL) and chunks (decoded) together.
  StoreStats st;
  std::map<std::string, int64_t> origin, root, modality, actors;
  std::set<std::string> groups;
  std::string min_date, max_date;
  auto note_date = [&](const std::string& d) {
    if (d.empty()) return;
    if (min_date.empty() || d < min_date) min_date = d;
    if (max_date.empty() || d > max_date) max_date = d;
  };
  auto rows = [this](const std::string& sql, const std::function<void(sqlite3_stmt*)>& fn) -> Status {
    Stmt q;
    ENTENTE_RETURN_IF_ERROR(Prepare(sql, &q));
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) fn(q.get());
    if (rc != SQLITE_DONE) return Error("computing statistics");
    return Status::OK();
  };
  ENTENTE_RETURN_IF_ERROR(rows("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
                               "(SELECT count(*) FROM events), (SELECT min(date) FROM events), "
                               "(SELECT max(date) FROM events)",
                               [&](sqlite3_stmt* q) {
                                 st.documents = sqlite3_column_int64(q, 0);
                                 st.sentences = sqlite3_column_int64(q, 1);
                                 st.events = sqlite3_column_int64(q, 2);
                                 note_date(ColumnText(q, 3));
                                 note_date(ColumnText(q, 4));
                               }));
  for (auto [col, out] : {std::pair{"origin", &origin}, std::pair{"root", &root}, std::pair{"modality", &modality}}) {
    std::string c = col;
    ENTENTE_RETURN_IF_ERROR(rows("SELECT " + c + ", count(*) FROM events GROUP BY " + c,
                                 [&, out = out](sqlite3_stmt* q) { (*out)[ColumnText(q, 0)] += sqlite3_column_int64(q, 1); }));
  }
  ENTENTE_RETURN_IF_ERROR(rows(
      "SELECT a, count(*) FROM (SELECT source_code AS a FROM events UNION ALL "
      "SELECT target_code AS a FROM events WHERE target_code IS NOT NULL) t WHERE a <> '' GROUP BY a",
      [&](sqlite3_stmt* q) { actors[ColumnText(q, 0)] += sqlite3_column_int64(q, 1); }));
  ENTENTE_RETURN_IF_ERROR(rows("SELECT DISTINCT group_id FROM events WHERE group_id IS NOT NULL",
                               [&](sqlite3_stmt* q) { groups.insert(ColumnText(q, 0)); }));
  std::vector<int64_t> ids;
  ENTENTE_RETURN_IF_ERROR(ForEachChunkSummary([&](int64_t chunk, const ChunkSummary& cs) {
    ids.push_back(chunk);
    note_date(cs.min_date);
    note_date(cs.max_date);
    return Status::OK();
  }));
  std::string blob, error;
  std::vector<std::pair<uint32_t, std::string>> overrides;
  ChunkReader reader;
  Event e;
  for (int64_t chunk : ids) {
    ENTENTE_RETURN_IF_ERROR(ReadChunk(chunk, &blob, &overrides));
    if (!reader.Open(blob, &error)) return ChunkError("event chunk " + std::to_string(chunk) + ": " + error);
    size_t g = 0;
    while (true) {
      const size_t pos = reader.position();
      if (!reader.Next(&e)) break;
      while (g < overrides.size() && overrides[g].first < pos) ++g;
      if (g < overrides.size() && overrides[g].first == pos) e.group = overrides[g].second;
      ++st.events;
      ++origin[e.origin];
      ++root[e.root];
      ++modality[std::string(ModalityName(e.modality))];
      if (!e.source.code.empty()) ++actors[e.source.code];
      if (e.target && !e.target->code.empty()) ++actors[e.target->code];
      if (!e.group.empty()) groups.insert(e.group);
    }
    if (!reader.error().empty()) return ChunkError("event chunk " + std::to_string(chunk) + ": " + reader.error());
  }
  st.event_groups = static_cast<int64_t>(groups.size());
  if (!min_date.empty()) {
    st.first_date = Date::Parse(min_date);
    st.last_date = Date::Parse(max_date);
  }
  // ORDER BY count DESC, value (byte order), as the SQL of ComputeStats.
  auto ranked = [](const std::map<std::string, int64_t>& m, size_t limit) {
    std::vector<std::pair<std::string, int64_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > limit) v.resize(limit);
    return v;
  };
  st.by_origin = ranked(origin, SIZE_MAX);
  st.by_root = ranked(root, SIZE_MAX);
  st.by_modality = ranked(modality, SIZE_MAX);
  st.top_actors = ranked(actors, 10);
  return st;
}

Status SqliteStore::SearchSentences(const std::string& query, int64_t limit,
                                    const std::function<bool(const std::string&, int, const std::string&)>& fn) {
  ENTENTE_RETURN_IF_ERROR(CheckSearchQuery(query));
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(Prepare(
      "SELECT d.doc_id, s.idx, s.text FROM sentences_fts f "
      "JOIN sentences s ON s.rowid = f.rowid JOIN documents d ON d.hash = s.doc_hash "
      "WHERE sentences_fts MATCH ?1 ORDER BY f.rank, s.rowid LIMIT ?2", &s));
  sqlite3_bind_text(s.get(), 1, query.data(), static_cast<int>(query.size()), SQLITE_STATIC);
  sqlite3_bind_int64(s.get(), 2, limit);
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    if (!fn(ColumnText(s.get(), 0), sqlite3_column_int(s.get(), 1), ColumnText(s.get(), 2)))
      return Status::OK();
  }
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errmsg(db_);
    if (msg.find("fts5") != std::string::npos || msg.find("syntax") != std::string::npos ||
        msg.find("no such column") != std::string::npos)
      return Status::InvalidArgument("full-text query '" + query + "': " + msg);
    return Error("searching sentences");
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options,
                                          int max_version) {
  // SQLite keeps process-wide memory statistics by default, which costs a global mutex and
  // counter updates on every allocation (several per appended row); the store never reads them.
  // sqlite3_config works only before the library initializes: if something in the process
  // already used SQLite, the call is refused and nothing changes (only speed).
  static const bool no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)no_memstatus;
  auto store = std::make_unique<SqliteStore>(path, options);
  ENTENTE_RETURN_IF_ERROR(store->Init(max_version));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace entente::store_internal
