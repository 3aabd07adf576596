// The PostgreSQL engine (libpq), for many concurrent workers sharing one database.
//
// Concurrency: each AddDocument is one transaction (documents row, then its sentences and
// events as multi-row INSERTs). Documents are unique by hash and inserted with ON CONFLICT DO
// NOTHING, so two workers adding the same document at once serialise on the unique index: the
// second waits for the first to commit and then inserts nothing and returns false. A
// transaction touches one document only, so workers cannot deadlock on each other's documents.
// StoreOptions::batch_documents is therefore not used here (every AddDocument is committed when
// it returns, which is stronger than the SQLite contract).
//
// AddEvents (imports) copies up to 10,000 rows at a time with COPY into a temporary table and
// moves them with INSERT ... SELECT ... ON CONFLICT (id) DO NOTHING, one transaction per chunk.
//
// Schema creation and migrations run under a transaction-level advisory lock, so many workers
// opening a fresh database at once create the schema exactly once. Text columns use the "C"
// collation so ordering (date, id, statistics ties) is byte order, the same as SQLite.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "store/store_internal.h"

namespace entente::store_internal {
namespace {

constexpr size_t kRowsPerChunk = 10000;
constexpr int64_t kMigrationLockKey = 0x656e74656e7465;  // "entente"

// Migration i (1-based) takes the database from version i-1 to i; see sqlite_store.cc.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  hash TEXT COLLATE "C" PRIMARY KEY,
  doc_id TEXT COLLATE "C" NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  path TEXT NOT NULL,
  date DATE,
  text TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE TABLE sentences (
  id BIGSERIAL PRIMARY KEY,
  doc_hash TEXT COLLATE "C" NOT NULL REFERENCES documents(hash),
  idx INTEGER NOT NULL,
  begin_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (doc_hash, idx)
);
CREATE INDEX sentences_fts ON sentences USING GIN (to_tsvector('english', text));
CREATE TABLE events (
  id TEXT COLLATE "C" PRIMARY KEY,
  doc_hash TEXT COLLATE "C" REFERENCES documents(hash),
  doc_id TEXT COLLATE "C" NOT NULL,
  sentence INTEGER NOT NULL,
  doc_date TEXT COLLATE "C",
  date TEXT COLLATE "C",
  source_code TEXT COLLATE "C" NOT NULL,
  source_country TEXT COLLATE "C" NOT NULL,
  source_sector TEXT COLLATE "C" NOT NULL,
  source_name TEXT COLLATE "C" NOT NULL,
  source_text TEXT NOT NULL,
  source_begin INTEGER NOT NULL,
  source_end INTEGER NOT NULL,
  target_code TEXT COLLATE "C",
  target_country TEXT COLLATE "C",
  target_sector TEXT COLLATE "C",
  target_name TEXT COLLATE "C",
  target_text TEXT,
  target_begin INTEGER,
  target_end INTEGER,
  cameo TEXT COLLATE "C" NOT NULL,
  root TEXT COLLATE "C" NOT NULL,
  plover TEXT COLLATE "C" NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL,
  quad_class INTEGER NOT NULL,
  modality TEXT COLLATE "C" NOT NULL,
  location_name TEXT,
  location_country TEXT COLLATE "C",
  location_lat DOUBLE PRECISION,
  location_lon DOUBLE PRECISION,
  location_begin INTEGER,
  location_end INTEGER,
  text TEXT NOT NULL,
  why JSONB,
  origin TEXT COLLATE "C" NOT NULL,
  group_id TEXT COLLATE "C"
);
CREATE INDEX events_date ON events(date NULLS FIRST, id);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_modality ON events(modality);
CREATE INDEX events_origin ON events(origin);
CREATE INDEX events_doc_hash ON events(doc_hash);
)sql",
    R"sql(
CREATE INDEX events_group ON events(group_id);
)sql",
    // 3: the SQLite events table became compact; PostgreSQL keeps its wide table (COPY is not
    // limited by per-column binding), so there is nothing to change here.
    R"sql(
SELECT 1;
)sql",
    // 4: SQLite replaced its full root index by a partial one (a root filter goes through the
    // cameo index); PostgreSQL keeps events_root, so nothing changes here either.
    R"sql(
SELECT 1;
)sql",
    // 5: how exactly the date is known; every existing row is a day (the default).
    R"sql(
ALTER TABLE events ADD COLUMN date_precision TEXT COLLATE "C" NOT NULL DEFAULT 'day';
)sql",
    // 6: SQLite stores imported events in chunks; PostgreSQL keeps one row per event (its
    // COPY-based import is not bounded by per-row index maintenance the same way).
    R"sql(
SELECT 1;
)sql",
    // 7: how precise the location is ('country', 'region', 'city', 'site'); NULL for the
    // existing rows (not known), as for imports that do not say.
    R"sql(
ALTER TABLE events ADD COLUMN location_kind TEXT COLLATE "C";
)sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

// An owned PGresult.
class PgResult {
 public:
  explicit PgResult(PGresult* r = nullptr) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  ~PgResult() { PQclear(r_); }
  PGresult* get() const { return r_; }
  ExecStatusType status() const { return r_ ? PQresultStatus(r_) : PGRES_FATAL_ERROR; }

 private:
  PGresult* r_;
};

// Removes the password from a URL for error messages.
std::string Redact(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t at = url.find('@', scheme + 3);
  size_t slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// Collects WriteEvent's columns as text parameters (NULL as nullptr).
struct ParamWriter {
  std::vector<std::string>* values;   // the written columns per row
  std::vector<char>* is_null;
  size_t base;
  void Text(int c, std::string_view v) { (*values)[base + c].assign(v); (*is_null)[base + c] = 0; }
  void Null(int c) { (*values)[base + c].clear(); (*is_null)[base + c] = 1; }
  void Int(int c, int64_t v) { (*values)[base + c] = std::to_string(v); (*is_null)[base + c] = 0; }
  void Real(int c, double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    (*values)[base + c] = buf;
    (*is_null)[base + c] = 0;
  }
};

// Writes WriteEvent's columns as one line of COPY text format.
struct CopyWriter {
  std::string* out;
  int col = 0;
  void Sep() {
    if (col++ > 0) out->push_back('\t');
  }
  void Text(int, std::string_view v) {
    Sep();
    for (char c : v) {
      switch (c) {
        case '\\': out->append("\\\\"); break;
        case '\t': out->append("\\t"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        default: out->push_back(c);
      }
    }
  }
  void Null(int) {
    Sep();
    out->append("\\N");
  }
  void Int(int, int64_t v) {
    Sep();
    out->append(std::to_string(v));
  }
  void Real(int, double v) {
    Sep();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    out->append(buf);
  }
};

struct RowReader {
  PGresult* r;
  int row;
  bool IsNull(int c) { return PQgetisnull(r, row, c); }
  std::string Text(int c) { return std::string(PQgetvalue(r, row, c), PQgetlength(r, row, c)); }
  int64_t Int(int c) { return std::strtoll(PQgetvalue(r, row, c), nullptr, 10); }
  double Real(int c) { return std::strtod(PQgetvalue(r, row, c), nullptr); }
};

void IgnoreNotice(void*, const char*) {}

class PostgresStore final : public Store {
 public:
  PostgresStore(std::string url, const StoreOptions& options)
      : url_(std::move(url)), name_(Redact(url_)), options_(options) {}
  ~PostgresStore() override {
    if (conn_) PQfinish(conn_);
  }

  Status Init(int max_version);

  Result<bool> AddDocument(const Document& doc, const std::vector<Event>& events) override;
  Result<int64_t> AddEvents(const std::vector<Event>& events) override;
  Status Flush() override { return Status::OK(); }  // every write is committed when it returns
  Status SetEventGroups(const std::vector<std::pair<std::string, std::string>>& id_to_group) override;
  Status ForEachEvent(const EventFilter& filter, const std::function<bool(const Event&)>& fn) override;
  Result<Event> GetEvent(const std::string& id) override;
  Result<StoreStats> Stats() override;
  Status SearchSentences(const std::string& query, int64_t limit,
                         const std::function<bool(const std::string&, int, const std::string&)>& fn) override;

 private:
  Status Error(const std::string& what, const PgResult* r = nullptr) const {
    std::string msg = r && r->get() ? PQresultErrorMessage(r->get()) : PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const char* state = r && r->get() ? PQresultErrorField(r->get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string full = name_ + ": " + what + ": " + msg;
    if (state) {
      if (std::strncmp(state, "22", 2) == 0 || std::strncmp(state, "23", 2) == 0 ||
          std::strncmp(state, "42", 2) == 0)
        return Status::InvalidArgument(full);
      if (std::strcmp(state, "25006") == 0) return Status::InvalidArgument(full);  // read-only txn
      if (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "53", 2) == 0)
        return Status::IOError(full);
    }
    if (PQstatus(conn_) != CONNECTION_OK) return Status::IOError(full);
    return Status::Internal(full);
  }
  // Runs a command (no parameters) that must succeed.
  Status Exec(const std::string& sql, const std::string& what) {
    PgResult r(PQexec(conn_, sql.c_str()));
    if (r.status() != PGRES_COMMAND_OK && r.status() != PGRES_TUPLES_OK) return Error(what, &r);
    return Status::OK();
  }
  // Runs a parameterised statement; text parameters, nullptr for NULL.
  Result<PgResult> ExecParams(const std::string& sql, const std::vector<const char*>& params,
                              const std::string& what) {
    PgResult r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                            params.data(), nullptr, nullptr, 0));
    if (r.status() != PGRES_COMMAND_OK && r.status() != PGRES_TUPLES_OK) return Error(what, &r);
    return r;
  }
  void Rollback() { PgResult r(PQexec(conn_, "ROLLBACK")); }
  Status WriteAllowed() const {
    if (options_.read_only) return Status::InvalidArgument(name_ + ": store opened read-only");
    return Status::OK();
  }
  Result<int> ReadVersion();
  Status InsertEvents(const std::vector<const Event*>& events, const std::string& doc_hash,
                      int64_t* added);
  Status WriteDocument(const Document& doc, const std::string& hash, const std::vector<Event>& events,
                       bool* added);

  std::string url_, name_;
  StoreOptions options_;
  PGconn* conn_ = nullptr;
  bool load_table_ = false;  // temp table events_load exists on this connection
  // The schema version of the events table this object reads and writes: the database's for a
  // read-only open, else max_version (below kDatePrecisionVersion only in migration tests).
  int version_ = kSchemaVersion;
};

Status PostgresStore::Init(int max_version) {
  conn_ = PQconnectdb(url_.c_str());
  if (!conn_) return Status::IOError(name_ + ": cannot connect: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::IOError(name_ + ": cannot connect: " + msg);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  ENTENTE_RETURN_IF_ERROR(Exec("SET client_encoding = 'UTF8'", "setting the encoding"));
  auto version = ReadVersion();
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion)
    return Status::Unsupported(name_ + ": schema version " + std::to_string(*version) +
                               " is newer than this program supports (" +
                               std::to_string(kSchemaVersion) + "); upgrade entente");
  if (options_.read_only) {
    if (*version == 0) return Status::NotFound(name_ + ": no entente schema in this database");
    version_ = *version;
    return Exec("SET default_transaction_read_only = on", "setting read-only");
  }
  version_ = std::max(*version, max_version);
  for (int v = *version + 1; v <= max_version; ++v) {
    ENTENTE_RETURN_IF_ERROR(Exec("BEGIN", "starting migration"));
    Status st = Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")",
                     "locking for migration");
    auto now = st.ok() ? ReadVersion() : Result<int>(st);
    if (!now.ok()) {
      Rollback();
      return now.status();
    }
    if (*now >= v) {
      ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing"));
      continue;
    }
    std::string sql = std::string(kMigrations[v - 1]) +
                      "INSERT INTO meta(key, value) VALUES ('schema_version', '" + std::to_string(v) +
                      "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;";
    st = Exec(sql, "migrating to schema version " + std::to_string(v));
    if (!st.ok()) {
      Rollback();
      return st;
    }
    ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing migration"));
  }
  return Status::OK();
}

Result<int> PostgresStore::ReadVersion() {
  auto has = ExecParams("SELECT to_regclass('meta') IS NOT NULL", {}, "reading the schema");
  if (!has.ok()) return has.status();
  if (std::strcmp(PQgetvalue(has->get(), 0, 0), "t") != 0) return 0;
  auto r = ExecParams("SELECT value FROM meta WHERE key = 'schema_version'", {}, "reading schema_version");
  if (!r.ok()) return r.status();
  if (PQntuples(r->get()) == 0) return Status::Corruption(name_ + ": meta table has no schema_version");
  std::string s = PQgetvalue(r->get(), 0, 0);
  char* end = nullptr;
  long n = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || n < 1) return Status::Corruption(name_ + ": bad schema_version '" + s + "'");
  return static_cast<int>(n);
}

// Multi-row INSERT of events, at most 1,000 rows (36,000 parameters) per statement.
Status PostgresStore::InsertEvents(const std::vector<const Event*>& events, const std::string& doc_hash,
                                   int64_t* added) {
  constexpr size_t kRows = 1000;
  std::vector<std::string> values;
  std::vector<char> is_null;
  const size_t cols = EventColumnCount(version_);
  for (size_t start = 0; start < events.size(); start += kRows) {
    size_t n = std::min(kRows, events.size() - start);
    values.assign(n * cols, std::string());
    is_null.assign(n * cols, 0);
    std::string sql = "INSERT INTO events(" + EventColumns(version_) + ") VALUES ";
    for (size_t i = 0; i < n; ++i) {
      const Event& e = *events[start + i];
      ParamWriter w{&values, &is_null, i * cols};
      WriteEvent(e, doc_hash.empty() ? std::string_view(e.doc_hash) : doc_hash, WhyToJson(e.why), w,
                 version_);
      sql += i ? ", (" : "(";
      for (size_t c = 0; c < cols; ++c) {
        sql += (c ? ", $" : "$") + std::to_string(i * cols + c + 1);
        if (static_cast<int>(c) == kWhy) sql += "::jsonb";
      }
      sql += ")";
    }
    sql += " ON CONFLICT (id) DO NOTHING";
    std::vector<const char*> params(values.size());
    for (size_t i = 0; i < values.size(); ++i) params[i] = is_null[i] ? nullptr : values[i].c_str();
    auto r = ExecParams(sql, params, "inserting events");
    if (!r.ok()) return r.status();
    *added += std::strtoll(PQcmdTuples(r->get()), nullptr, 10);
  }
  return Status::OK();
}

Status PostgresStore::WriteDocument(const Document& doc, const std::string& hash,
                                    const std::vector<Event>& events, bool* added) {
  std::string date = doc.date ? doc.date->ToString() : "";
  auto r = ExecParams(
      "INSERT INTO documents(hash, doc_id, title, source, url, path, date, text) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8) ON CONFLICT (hash) DO NOTHING",
      {hash.c_str(), doc.id.c_str(), doc.title.c_str(), doc.source.c_str(), doc.url.c_str(),
       doc.path.c_str(), doc.date ? date.c_str() : nullptr, doc.text.c_str()},
      "inserting a document");
  if (!r.ok()) return r.status();
  *added = std::strcmp(PQcmdTuples(r->get()), "1") == 0;
  if (!*added) return Status::OK();
  constexpr size_t kRows = 2000;
  std::vector<std::string> values;
  for (size_t start = 0; start < doc.sentences.size(); start += kRows) {
    size_t n = std::min(kRows, doc.sentences.size() - start);
    values.clear();
    std::string sql = "INSERT INTO sentences(doc_hash, idx, begin_byte, end_byte, text) VALUES ";
    for (size_t i = 0; i < n; ++i) {
      const Span& s = doc.sentences[start + i].span;
      values.push_back(std::to_string(start + i));
      values.push_back(std::to_string(s.begin));
      values.push_back(std::to_string(s.end));
      values.emplace_back(doc.Text(s));
      size_t p = i * 4 + 2;
      sql += (i ? ", ($1, $" : "($1, $") + std::to_string(p) + ", $" + std::to_string(p + 1) + ", $" +
             std::to_string(p + 2) + ", $" + std::to_string(p + 3) + ")";
    }
    std::vector<const char*> params{hash.c_str()};
    for (const auto& v : values) params.push_back(v.c_str());
    auto s = ExecParams(sql, params, "inserting sentences");
    if (!s.ok()) return s.status();
  }
  std::vector<const Event*> ptrs;
  for (const Event& e : events) ptrs.push_back(&e);
  int64_t ignored = 0;
  return InsertEvents(ptrs, hash, &ignored);
}

Result<bool> PostgresStore::AddDocument(const Document& doc, const std::vector<Event>& events) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  std::string hash = doc.hash.empty() ? ContentHash(doc.title, doc.text) : doc.hash;
  std::string where = name_ + ": document " + doc.id;
  for (const Sentence& s : doc.sentences)
    if (s.span.begin > s.span.end || s.span.end > doc.text.size())
      return Status::InvalidArgument(where + ": sentence span [" + std::to_string(s.span.begin) + ", " +
                                     std::to_string(s.span.end) + ") outside the text");
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckEvent(e, hash, where));
  if (doc.text.find('\0') != std::string::npos || doc.title.find('\0') != std::string::npos)
    return Status::InvalidArgument(where + ": text contains a NUL byte");
  ENTENTE_RETURN_IF_ERROR(Exec("BEGIN", "starting a transaction"));
  bool added = false;
  Status st = WriteDocument(doc, hash, events, &added);
  if (!st.ok() || !added) {
    Rollback();
    if (!st.ok()) return st;
    return false;
  }
  ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing a document"));
  return true;
}

Result<int64_t> PostgresStore::AddEvents(const std::vector<Event>& events) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  for (const Event& e : events) ENTENTE_RETURN_IF_ERROR(CheckEvent(e, "", name_ + ": AddEvents"));
  if (!load_table_) {
    ENTENTE_RETURN_IF_ERROR(Exec("CREATE TEMP TABLE IF NOT EXISTS events_load "
                                 "(LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
                                 "creating the load table"));
    load_table_ = true;
  }
  int64_t added = 0;
  std::string buf;
  for (size_t start = 0; start < events.size(); start += kRowsPerChunk) {
    size_t n = std::min(kRowsPerChunk, events.size() - start);
    ENTENTE_RETURN_IF_ERROR(Exec("BEGIN", "starting a transaction"));
    PgResult c(PQexec(conn_, ("COPY events_load(" + EventColumns(version_) + ") FROM STDIN").c_str()));
    if (c.status() != PGRES_COPY_IN) {
      Status st = Error("starting COPY", &c);
      Rollback();
      return st;
    }
    bool ok = true;
    for (size_t i = 0; i < n && ok; ++i) {
      const Event& e = events[start + i];
      CopyWriter w{&buf};
      WriteEvent(e, e.doc_hash, WhyToJson(e.why), w, version_);
      buf.push_back('\n');
      if (buf.size() > (1 << 20) || i + 1 == n) {
        ok = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
        buf.clear();
      }
    }
    buf.clear();
    if (PQputCopyEnd(conn_, ok ? nullptr : "client error") != 1) ok = false;
    PgResult end(PQgetResult(conn_));
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    if (!ok || end.status() != PGRES_COMMAND_OK) {
      Status st = Error("copying events", &end);
      Rollback();
      return st;
    }
    auto r = ExecParams("INSERT INTO events SELECT * FROM events_load ON CONFLICT (id) DO NOTHING", {},
                        "moving copied events");
    if (!r.ok()) {
      Rollback();
      return r.status();
    }
    added += std::strtoll(PQcmdTuples(r->get()), nullptr, 10);
    ENTENTE_RETURN_IF_ERROR(Exec("COMMIT", "committing events"));
  }
  return added;
}

Status PostgresStore::SetEventGroups(const std::vector<std::pair<std::string, std::string>>& id_to_group) {
  ENTENTE_RETURN_IF_ERROR(WriteAllowed());
  // Arrays of ids and groups per statement: one round trip per 10,000 assignments.
  for (size_t start = 0; start < id_to_group.size(); start += kRowsPerChunk) {
    size_t n = std::min(kRowsPerChunk, id_to_group.size() - start);
    auto array = [&](bool first) {
      std::string a = "{";
      for (size_t i = 0; i < n; ++i) {
        const std::string& v = first ? id_to_group[start + i].first : id_to_group[start + i].second;
        if (i) a += ',';
        if (!first && v.empty()) {
          a += "NULL";
          continue;
        }
        a += '"';
        for (char c : v) {
          if (c == '"' || c == '\\') a += '\\';
          a += c;
        }
        a += '"';
      }
      return a + "}";
    };
    std::string ids = array(true), groups = array(false);
    auto r = ExecParams(
        "UPDATE events e SET group_id = u.g FROM unnest($1::text[], $2::text[]) AS u(id, g) "
        "WHERE e.id = u.id",
        {ids.c_str(), groups.c_str()}, "setting event groups");
    if (!r.ok()) return r.status();
  }
  return Status::OK();
}

Status PostgresStore::ForEachEvent(const EventFilter& filter, const std::function<bool(const Event&)>& fn) {
  EventQuery q = BuildEventQuery(filter, Dialect::kPostgres, EventSelectList(version_));
  std::vector<const char*> params;
  for (const auto& p : q.params) params.push_back(p.c_str());
  if (!PQsendQueryParams(conn_, q.sql.c_str(), static_cast<int>(params.size()), nullptr, params.data(),
                         nullptr, nullptr, 0))
    return Error("reading events");
  PQsetSingleRowMode(conn_);  // stream rows instead of buffering the whole result
  Status st;
  bool stopped = false;
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult r(raw);
    if (stopped) continue;  // draining after an early stop or error
    if (r.status() == PGRES_SINGLE_TUPLE) {
      RowReader reader{r.get(), 0};
      if (!fn(ReadEvent(reader))) {
        stopped = true;
        if (PGcancel* c = PQgetCancel(conn_)) {
          char err[256];
          PQcancel(c, err, sizeof err);
          PQfreeCancel(c);
        }
      }
    } else if (r.status() != PGRES_TUPLES_OK) {
      st = Error("reading events", &r);
      stopped = true;
    }
  }
  return st;
}

Result<Event> PostgresStore::GetEvent(const std::string& id) {
  auto r = ExecParams("SELECT " + EventSelectList(version_) + " FROM events WHERE id = $1", {id.c_str()},
                      "reading an event");
  if (!r.ok()) return r.status();
  if (PQntuples(r->get()) == 0) return Status::NotFound(name_ + ": no event with id '" + id + "'");
  RowReader reader{r->get(), 0};
  return ReadEvent(reader);
}

Result<StoreStats> PostgresStore::Stats() {
  auto stats = ComputeStats([this](const std::string& sql) -> Result<std::vector<std::vector<std::string>>> {
    auto r = ExecParams(sql, {}, "computing statistics");
    if (!r.ok()) return r.status();
    std::vector<std::vector<std::string>> rows(PQntuples(r->get()));
    for (int i = 0; i < PQntuples(r->get()); ++i)
      for (int c = 0; c < PQnfields(r->get()); ++c) rows[i].emplace_back(PQgetvalue(r->get(), i, c));
    return rows;
  });
  if (!stats.ok()) return stats;
  ENTENTE_RETURN_IF_ERROR(FillDatePrecisions(*this, &*stats));
  return stats;
}

Status PostgresStore::SearchSentences(const std::string& query, int64_t limit,
                                      const std::function<bool(const std::string&, int, const std::string&)>& fn) {
  ENTENTE_RETURN_IF_ERROR(CheckSearchQuery(query));
  std::string lim = std::to_string(limit);
  auto r = ExecParams(
      "SELECT d.doc_id, s.idx, s.text FROM sentences s JOIN documents d ON d.hash = s.doc_hash "
      "WHERE to_tsvector('english', s.text) @@ plainto_tsquery('english', $1) "
      "ORDER BY ts_rank(to_tsvector('english', s.text), plainto_tsquery('english', $1)) DESC, s.id "
      "LIMIT CASE WHEN $2::bigint < 0 THEN NULL ELSE $2::bigint END",
      {query.c_str(), lim.c_str()}, "searching sentences");
  if (!r.ok()) return r.status();
  for (int i = 0; i < PQntuples(r->get()); ++i)
    if (!fn(PQgetvalue(r->get(), i, 0), std::atoi(PQgetvalue(r->get(), i, 1)), PQgetvalue(r->get(), i, 2)))
      break;
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url, const StoreOptions& options,
                                            int max_version) {
  auto store = std::make_unique<PostgresStore>(url, options);
  ENTENTE_RETURN_IF_ERROR(store->Init(max_version));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace entente::store_internal
