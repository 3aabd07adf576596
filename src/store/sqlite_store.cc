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
// Bulk imports: the first AddEvents call of >= 1,000 events into an empty events table drops the
// secondary event indexes; they are rebuilt (by sorting, several times faster than row-by-row
// maintenance) at Flush(), on destruction or before the next query through this Store. Readers
// on other connections meanwhile get correct but slower answers; a crash mid-import leaves them
// missing until the next read-write open, which re-creates missing indexes.
//
// Full-text search uses an FTS5 table with external content (content='sentences'): the text is
// stored once, in sentences, and the FTS table holds only the inverted index. It is kept in
// sync by inserting into both in the same transaction (rows are never updated or deleted), and
// 'rebuild' can regenerate it from sentences. A contentless table would save no more space and
// could not return the text or be rebuilt.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "store/store_internal.h"

namespace entente::store_internal {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kRowsPerTransaction = 10000;
constexpr int kBusyTimeoutMs = 60000;

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
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

// The secondary indexes on events at kSchemaVersion (the same as the migrations create). A bulk
// import drops them and rebuilds them afterwards; every read-write open re-creates any that a
// crash during an import left missing.
const char* const kEventIndexes[][2] = {
    {"events_date", "events(date)"},
    {"events_source_country", "events(source_country)"},
    {"events_target_country", "events(target_country)"},
    {"events_cameo", "events(cameo)"},
    {"events_root", "events(root)"},
    {"events_modality", "events(modality)"},
    {"events_origin", "events(origin)"},
    {"events_doc_hash", "events(doc_hash)"},
    {"events_group", "events(group_id)"},
};
// An AddEvents call of at least this many events into an empty events table starts a bulk
// import.
constexpr size_t kBulkImportMinEvents = 1000;

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

// Binds WriteEvent's columns to ?1..?N (strings are borrowed: the event outlives the step).
struct Binder {
  sqlite3_stmt* s;
  void Text(int c, std::string_view v) {
    sqlite3_bind_text(s, c + 1, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void Null(int c) { sqlite3_bind_null(s, c + 1); }
  void Int(int c, int64_t v) { sqlite3_bind_int64(s, c + 1, v); }
  void Real(int c, double v) { sqlite3_bind_double(s, c + 1, v); }
};

struct Reader {
  sqlite3_stmt* s;
  bool IsNull(int c) { return sqlite3_column_type(s, c) == SQLITE_NULL; }
  std::string Text(int c) {
    const unsigned char* p = sqlite3_column_text(s, c);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, c)) : std::string();
  }
  int64_t Int(int c) { return sqlite3_column_int64(s, c); }
  double Real(int c) { return sqlite3_column_double(s, c); }
};

std::string ColumnText(sqlite3_stmt* s, int c) { return Reader{s}.Text(c); }

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const StoreOptions& options) : path_(std::move(path)), options_(options) {}
  ~SqliteStore() override {
    if (db_) {
      (void)Commit();
      (void)EndBulk();
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
  Status Flush() override {
    ENTENTE_RETURN_IF_ERROR(Commit());
    return EndBulk();
  }
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
      case SQLITE_CORRUPT: return Status::Corruption(msg);
      case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN: case SQLITE_READONLY:
      case SQLITE_PERM: case SQLITE_BUSY: case SQLITE_LOCKED:
        return Status::IOError(msg);
      case SQLITE_CONSTRAINT: case SQLITE_MISMATCH: case SQLITE_TOOBIG:
        return Status::InvalidArgument(msg);
      default: return Status::Internal(msg);
    }
  }
  Status Exec(const char* sql, const std::string& what) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Error(what);
    return Status::OK();
  }
  Status Prepare(const std::string& sql, Stmt* stmt) {
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           stmt->out(), nullptr) != SQLITE_OK)
      return Error("preparing statement");
    return Status::OK();
  }
  // Steps a statement that returns no rows, then resets it for reuse.
  Status Run(sqlite3_stmt* s, const char* what) {
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return Error(what);
    return Status::OK();
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
  Status Commit() {
    if (!in_txn_) return Status::OK();
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status st = Error("committing");
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      in_txn_ = false;
      pending_docs_ = pending_rows_ = 0;
      return st;
    }
    in_txn_ = false;
    pending_docs_ = pending_rows_ = 0;
    return Status::OK();
  }
  Status MaybeCommit() {
    if (pending_docs_ >= options_.batch_documents || pending_rows_ >= kRowsPerTransaction) return Commit();
    return Status::OK();
  }
  Result<int> ReadVersion();
  // Creates the secondary event indexes that are missing (one transaction).
  Status CreateEventIndexes();
  // After a bulk import: commits and rebuilds the indexes.
  Status EndBulk() {
    if (!bulk_) return Status::OK();
    ENTENTE_RETURN_IF_ERROR(Commit());
    bulk_ = false;
    return CreateEventIndexes();
  }
  Status Migrate(int from, int to);
  Status PrepareWriters();
  Status InsertEvent(const Event& e, std::string_view doc_hash, bool* added);
  Status WriteDocument(const Document& doc, const std::string& hash, const std::vector<Event>& events,
                       bool* added);

  std::string path_;
  StoreOptions options_;
  sqlite3* db_ = nullptr;
  bool wal_ = false;  // this connection switched the file to WAL
  bool bulk_ = false;  // secondary event indexes dropped for a bulk import
  bool bulk_checked_ = false;  // the first AddEvents call has decided about bulk mode
  bool in_txn_ = false;
  int pending_docs_ = 0;
  int64_t pending_rows_ = 0;
  std::vector<std::unique_ptr<Stmt>> stmts_;  // owns the prepared statements below
  sqlite3_stmt* insert_doc_ = nullptr;
  sqlite3_stmt* insert_sentence_ = nullptr;
  sqlite3_stmt* insert_fts_ = nullptr;
  sqlite3_stmt* insert_event_ = nullptr;
  sqlite3_stmt* get_event_ = nullptr;
  sqlite3_stmt* set_group_ = nullptr;
  std::string why_;  // scratch for the provenance JSON of the event being bound
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
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return Status::IOError(path_ + ": cannot open store: " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON", "setting foreign_keys"));
  // The first statement that reads the file: this is where a non-database fails.
  auto version = ReadVersion();
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion)
    return Status::Unsupported(path_ + ": schema version " + std::to_string(*version) +
                               " is newer than this program supports (" +
                               std::to_string(kSchemaVersion) + "); upgrade entente");
  if (options_.read_only) {
    if (*version == 0) return Status::InvalidArgument(path_ + ": not an entente store (no schema)");
    // Older versions are readable: every migration so far only adds indexes.
    return Exec("PRAGMA query_only = ON", "setting query_only");
  }
  // WAL: readers never block the writer; synchronous=NORMAL: a commit is durable against a
  // process crash at once and against power loss after the next checkpoint.
  {
    Stmt wal;
    ENTENTE_RETURN_IF_ERROR(Prepare("PRAGMA journal_mode = WAL", &wal));
    if (sqlite3_step(wal.get()) != SQLITE_ROW) return Error("setting WAL mode");
    if (ColumnText(wal.get(), 0) != "wal")
      return Status::IOError(path_ + ": cannot use WAL journal mode (got " + ColumnText(wal.get(), 0) + ")");
  }
  wal_ = true;
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA synchronous = NORMAL", "setting synchronous"));
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA cache_size = -65536", "setting cache_size"));
  ENTENTE_RETURN_IF_ERROR(Exec("PRAGMA temp_store = MEMORY", "setting temp_store"));
  ENTENTE_RETURN_IF_ERROR(Migrate(*version, max_version));
  if (max_version == kSchemaVersion) ENTENTE_RETURN_IF_ERROR(CreateEventIndexes());
  return PrepareWriters();
}

Result<int> SqliteStore::ReadVersion() {
  Stmt q;
  // Counting entries in sqlite_master reads page 1: a non-database fails here.
  ENTENTE_RETURN_IF_ERROR(Prepare(
      "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'), "
      "(SELECT count(*) FROM sqlite_master)", &q));
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
    std::string sql = std::string(kMigrations[v - 1]) +
                      "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
                      std::to_string(v) + "');";
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status st = Error("migrating to schema version " + std::to_string(v));
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      return st;
    }
    ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing migration"));
  }
  return Status::OK();
}

Status SqliteStore::CreateEventIndexes() {
  std::string sql = "BEGIN IMMEDIATE;";
  for (const auto& ix : kEventIndexes)
    sql += std::string("CREATE INDEX IF NOT EXISTS ") + ix[0] + " ON " + ix[1] + ";";
  sql += "COMMIT;";
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status st = Error("creating event indexes");
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  return Status::OK();
}

Status SqliteStore::PrepareWriters() {
  auto prep = [this](const std::string& sql, sqlite3_stmt** out) -> Status {
    stmts_.push_back(std::make_unique<Stmt>());
    ENTENTE_RETURN_IF_ERROR(Prepare(sql, stmts_.back().get()));
    *out = stmts_.back()->get();
    return Status::OK();
  };
  ENTENTE_RETURN_IF_ERROR(prep(
      "INSERT OR IGNORE INTO documents(hash, doc_id, title, source, url, path, date, text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &insert_doc_));
  ENTENTE_RETURN_IF_ERROR(prep(
      "INSERT INTO sentences(doc_hash, idx, begin, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
      &insert_sentence_));
  ENTENTE_RETURN_IF_ERROR(prep("INSERT INTO sentences_fts(rowid, text) VALUES (?1, ?2)", &insert_fts_));
  std::string placeholders;
  for (int i = 1; i <= kNumEventColumns; ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  ENTENTE_RETURN_IF_ERROR(prep("INSERT OR IGNORE INTO events(" + EventColumnList() + ") VALUES (" +
                               placeholders + ")", &insert_event_));
  ENTENTE_RETURN_IF_ERROR(prep("UPDATE events SET group_id = ?2 WHERE id = ?1", &set_group_));
  return Status::OK();
}

Status SqliteStore::InsertEvent(const Event& e, std::string_view doc_hash, bool* added) {
  why_ = WhyToJson(e.why);
  Binder b{insert_event_};
  WriteEvent(e, doc_hash, why_, b);
  ENTENTE_RETURN_IF_ERROR(Run(insert_event_, "inserting an event"));
  *added = sqlite3_changes(db_) > 0;
  return Status::OK();
}

Status SqliteStore::WriteDocument(const Document& doc, const std::string& hash,
                                  const std::vector<Event>& events, bool* added) {
  auto text = [](sqlite3_stmt* s, int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  std::string date = doc.date ? doc.date->ToString() : "";
  text(insert_doc_, 1, hash);
  text(insert_doc_, 2, doc.id);
  text(insert_doc_, 3, doc.title);
  text(insert_doc_, 4, doc.source);
  text(insert_doc_, 5, doc.url);
  text(insert_doc_, 6, doc.path);
  if (doc.date) text(insert_doc_, 7, date); else sqlite3_bind_null(insert_doc_, 7);
  text(insert_doc_, 8, doc.text);
  ENTENTE_RETURN_IF_ERROR(Run(insert_doc_, "inserting a document"));
  *added = sqlite3_changes(db_) > 0;
  if (!*added) return Status::OK();
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Span& s = doc.sentences[i].span;
    std::string_view st = doc.Text(s);
    text(insert_sentence_, 1, hash);
    sqlite3_bind_int64(insert_sentence_, 2, static_cast<int64_t>(i));
    sqlite3_bind_int64(insert_sentence_, 3, s.begin);
    sqlite3_bind_int64(insert_sentence_, 4, s.end);
    text(insert_sentence_, 5, st);
    ENTENTE_RETURN_IF_ERROR(Run(insert_sentence_, "inserting a sentence"));
    sqlite3_bind_int64(insert_fts_, 1, sqlite3_last_insert_rowid(db_));
    text(insert_fts_, 2, st);
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
  std::string hash = doc.hash.empty() ? ContentHash(doc.title, doc.text) : doc.hash;
  std::string where = path_ + ": document " + doc.id;
  for (const Sentence& s : doc.sentences)
    if (s.span.begin > s.span.end || s.span.end > doc.text.size())
      return Status::InvalidArgument(where + ": sentence span [" + std::to_string(s.span.begin) + ", " +
                                     std::to_string(s.span.end) + ") outside the text");
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckEvent(e, hash, where));
  ENTENTE_RETURN_IF_ERROR(Begin());
  ENTENTE_RETURN_IF_ERROR(Exec("SAVEPOINT doc", "opening a savepoint"));
  bool added = false;
  Status st = WriteDocument(doc, hash, events, &added);
  if (!st.ok()) {
    sqlite3_exec(db_, "ROLLBACK TO doc; RELEASE doc", nullptr, nullptr, nullptr);
    return st;
  }
  ENTENTE_RETURN_IF_ERROR(Exec("RELEASE doc", "releasing a savepoint"));
  if (added) ++pending_docs_;
  ENTENTE_RETURN_IF_ERROR(MaybeCommit());
  return added;
}

Result<int64_t> SqliteStore::AddEvents(const std::vector<Event>& events) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckEvent(e, "", path_ + ": AddEvents"));
  if (!bulk_checked_ && events.size() >= kBulkImportMinEvents) {
    // A large import into an empty events table: maintaining nine indexes row by row costs
    // more than the rows themselves, so drop them now and rebuild them by sorting at the end.
    bulk_checked_ = true;
    ENTENTE_RETURN_IF_ERROR(Begin());
    bool is_empty;
    {
      Stmt empty;
      ENTENTE_RETURN_IF_ERROR(Prepare("SELECT NOT EXISTS (SELECT 1 FROM events)", &empty));
      if (sqlite3_step(empty.get()) != SQLITE_ROW) return Error("reading events");
      is_empty = sqlite3_column_int(empty.get(), 0) != 0;
    }
    if (is_empty) {
      std::string sql;
      for (const auto& ix : kEventIndexes) sql += std::string("DROP INDEX IF EXISTS ") + ix[0] + ";";
      ENTENTE_RETURN_IF_ERROR(Exec(sql.c_str(), "dropping indexes for a bulk import"));
      bulk_ = true;
    }
  }
  int64_t added = 0;
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
  for (const auto& [id, group] : id_to_group) {
    ENTENTE_RETURN_IF_ERROR(Begin());
    sqlite3_bind_text(set_group_, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    if (group.empty()) sqlite3_bind_null(set_group_, 2);
    else sqlite3_bind_text(set_group_, 2, group.data(), static_cast<int>(group.size()), SQLITE_STATIC);
    ENTENTE_RETURN_IF_ERROR(Run(set_group_, "setting an event group"));
    if (++pending_rows_ >= kRowsPerTransaction) ENTENTE_RETURN_IF_ERROR(Commit());
  }
  return Commit();
}

Status SqliteStore::ForEachEvent(const EventFilter& filter, const std::function<bool(const Event&)>& fn) {
  ENTENTE_RETURN_IF_ERROR(EndBulk());
  EventQuery q = BuildEventQuery(filter, Dialect::kSqlite);
  Stmt s;
  ENTENTE_RETURN_IF_ERROR(Prepare(q.sql, &s));
  for (size_t i = 0; i < q.params.size(); ++i)
    sqlite3_bind_text(s.get(), static_cast<int>(i + 1), q.params[i].data(),
                      static_cast<int>(q.params[i].size()), SQLITE_STATIC);
  Reader r{s.get()};
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    if (!fn(ReadEvent(r))) return Status::OK();
  }
  if (rc != SQLITE_DONE) return Error("reading events");
  return Status::OK();
}

Result<Event> SqliteStore::GetEvent(const std::string& id) {
  if (!get_event_) {
    stmts_.push_back(std::make_unique<Stmt>());
    ENTENTE_RETURN_IF_ERROR(Prepare("SELECT " + EventColumnList() + " FROM events WHERE id = ?1",
                                    stmts_.back().get()));
    get_event_ = stmts_.back()->get();
  }
  sqlite3_bind_text(get_event_, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
  int rc = sqlite3_step(get_event_);
  if (rc == SQLITE_ROW) {
    Reader r{get_event_};
    Event e = ReadEvent(r);
    sqlite3_reset(get_event_);
    return e;
  }
  sqlite3_reset(get_event_);
  if (rc == SQLITE_DONE) return Status::NotFound(path_ + ": no event with id '" + id + "'");
  return Error("reading an event");
}

Result<StoreStats> SqliteStore::Stats() {
  ENTENTE_RETURN_IF_ERROR(EndBulk());
  return ComputeStats([this](const std::string& sql) -> Result<std::vector<std::vector<std::string>>> {
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
  auto store = std::make_unique<SqliteStore>(path, options);
  ENTENTE_RETURN_IF_ERROR(store->Init(max_version));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace entente::store_internal
