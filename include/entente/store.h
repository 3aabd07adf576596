// The event store: documents, sentences and events in one embedded SQLite file by default, or
// a PostgreSQL database shared by many workers. Callers see only this interface.
#ifndef ENTENTE_STORE_H_
#define ENTENTE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "entente/date.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/status.h"

namespace entente {

struct StoreOptions {
  bool read_only = false;
  // Documents per transaction while ingesting. A document is never split across transactions,
  // so a crash loses at most the open batch, never half a document.
  int batch_documents = 64;
  // SQLite only (schema v6). When true, AddEvents stores events in chunks of up to 4,096
  // events per row of table event_chunks (docs/schema.md, "Chunked events"), sorted by date and
  // id, with a summary that lets filters skip chunks: about ten times cheaper per event than a
  // row and its index entries. Every query answers exactly as for row-stored events. Chunks are
  // written inside the normal batched transactions (WAL, committed at least every 16 chunks and
  // on Flush), so a crash loses at most the open batch. When false, AddEvents writes one row per
  // event in the normal batched transactions, like the events of AddDocument.
  bool chunked_imports = true;
  // SQLite only. How long an open or a write waits for a lock another connection holds (a
  // writer's transaction; in rollback-journal mode also a reader) before it fails with an
  // IOError naming the file. Writers normally take turns: the default outlasts any batch.
  int lock_timeout_ms = 60000;
};

struct EventFilter {
  std::string actor;     // substring of source/target code or name (case-insensitive)
  std::string country;   // alpha-3 on either side
  std::optional<std::pair<std::string, std::string>> dyad;  // source,target countries (either order)
  std::string code;      // CAMEO code prefix ("04", "042")
  std::string root;      // CAMEO root ("04")
  std::optional<Date> since, until;  // event date, inclusive
  std::optional<Modality> modality;
  std::string origin;    // "entente", "gdelt", "icews"; empty = all
  int64_t limit = -1;    // -1: no limit
};

struct StoreStats {
  int64_t documents = 0;
  int64_t sentences = 0;
  int64_t events = 0;
  int64_t event_groups = 0;
  std::optional<Date> first_date, last_date;
  // The finest precision among the events dated first_date / last_date: an event known only to
  // its year or month is stored at the period's first day, so a range starting 2000-01-01 may
  // stand for "2000 (year)". kDay when the date is absent.
  DatePrecision first_date_precision = DatePrecision::kDay;
  DatePrecision last_date_precision = DatePrecision::kDay;
  std::vector<std::pair<std::string, int64_t>> by_origin, by_root, by_modality, top_actors;
};

// A Store is not thread-safe: use one per thread (or worker process). Many Store objects may
// share one SQLite file (writers take turns; a waiting writer blocks up to
// StoreOptions::lock_timeout_ms, 60 s by default) or one
// PostgreSQL database (fully concurrent). Callbacks must not call back into the same Store.
// docs/schema.md describes both schemas and the transaction contract.
class Store {
 public:
  // `url` is a path to a SQLite file (created if missing) or "postgresql://..." /
  // "postgres://..." for a PostgreSQL server. Creates the schema or migrates an older one;
  // refuses a newer schema version, a corrupt file or a non-entente database.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options);
  virtual ~Store() = default;  // commits the open batch

  // Stores a document, its sentences and events. Returns false and changes nothing when a
  // document with the same content hash is already stored. `doc.hash` may be empty (it is
  // computed with ContentHash); each event needs an id and is stored with the document's hash.
  virtual Result<bool> AddDocument(const Document& doc, const std::vector<Event>& events) = 0;
  // Stores events that come without a document (imports). Events whose id exists are skipped;
  // returns how many were added.
  virtual Result<int64_t> AddEvents(const std::vector<Event>& events) = 0;
  // Commits the open batch.
  virtual Status Flush() = 0;

  // Assigns event groups (event id -> group id; "" clears). Unknown ids are ignored.
  virtual Status SetEventGroups(const std::vector<std::pair<std::string, std::string>>& id_to_group) = 0;

  // Calls `fn` for each matching event in date order (unknown dates first), then id order;
  // stop early by returning false.
  virtual Status ForEachEvent(const EventFilter& filter,
                              const std::function<bool(const Event&)>& fn) = 0;
  virtual Result<Event> GetEvent(const std::string& id) = 0;
  virtual Result<StoreStats> Stats() = 0;
  // Full-text search over sentences, best match first; calls fn(doc_id, sentence index, text).
  // SQLite takes FTS5 query syntax, PostgreSQL plain words (plainto_tsquery); both reject an
  // empty query and unbalanced quotes or parentheses with InvalidArgument. limit < 0: all.
  virtual Status SearchSentences(const std::string& query, int64_t limit,
                                 const std::function<bool(const std::string&, int, const std::string&)>& fn) = 0;
};

}  // namespace entente

#endif  // ENTENTE_STORE_H_
