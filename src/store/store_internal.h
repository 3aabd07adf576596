// Internal to the store stage: what the SQLite and PostgreSQL engines share (the event column
// layout, the filter-to-SQL translation, provenance JSON, statistics queries) and the engine
// factories that Store::Open dispatches to. Nothing here is part of the public API.
#ifndef ENTENTE_STORE_STORE_INTERNAL_H_
#define ENTENTE_STORE_STORE_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/store.h"

namespace entente::store_internal {

// The schema version this code writes. Both engines keep it in meta('schema_version').
// Version history (docs/schema.md has the full contract):
//   1  tables meta, documents, sentences, events, full-text index, filter indexes
//   2  index on events(group_id) for the analysis stage's group lookups and Stats
//   3  SQLite: compact events table (rowid key, unique index on id, rarely read fields in one
//      JSON `detail` column) for fast imports; PostgreSQL: unchanged (a no-op migration)
//   4  SQLite: events_root indexes only the rows whose root is not a prefix of their cameo
//      code (a root filter is answered through events_cameo); PostgreSQL: unchanged
//   5  both: events.date_precision ('day', 'month', 'year'; NOT NULL DEFAULT 'day')
//   6  SQLite: tables event_chunks and chunk_groups (imported events stored 4,096 to a row,
//      src/store/chunks.cc); PostgreSQL: unchanged (a no-op migration)
//   7  PostgreSQL: events.location_kind (NULL: not known); SQLite: unchanged (a no-op
//      migration: compact rows keep the kind in `detail`, chunks in their own flag)
constexpr int kSchemaVersion = 7;
// The first SQLite version with chunked events.
constexpr int kChunkVersion = 6;
// The first version whose events table has the date_precision column.
constexpr int kDatePrecisionVersion = 5;
// The first version whose wide events table has the location_kind column (PostgreSQL).
constexpr int kLocationKindVersion = 7;

// Opens (and creates / migrates up to `max_version`) a SQLite store. `max_version` below
// kSchemaVersion exists for migration tests; production code passes kSchemaVersion.
Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options,
                                          int max_version = kSchemaVersion);
// Same for a postgresql:// URL. Returns Unsupported when built without ENTENTE_POSTGRES.
Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url, const StoreOptions& options,
                                            int max_version = kSchemaVersion);

// The wide events table's columns (PostgreSQL at every version, SQLite up to version 2), in
// the order the engines bind and read them.
enum EventColumn {
  kId, kDocHash, kDocId, kSentence, kDocDate, kDate,
  kSourceCode, kSourceCountry, kSourceSector, kSourceName, kSourceText, kSourceBegin, kSourceEnd,
  kTargetCode, kTargetCountry, kTargetSector, kTargetName, kTargetText, kTargetBegin, kTargetEnd,
  kCameo, kRoot, kPlover, kGoldstein, kQuadClass, kModality,
  kLocationName, kLocationCountry, kLocationLat, kLocationLon, kLocationBegin, kLocationEnd,
  kText, kWhy, kOrigin, kGroupId,
  kDatePrecisionColumn,  // since version 5; columns are only ever added last, so the
  kLocationKindColumn,   // since version 7;  layout of an older version is a prefix
  kNumEventColumns
};
// How many of the EventColumns a wide table of `version` has.
int EventColumnCount(int version);
// "id, doc_hash, ..." in EventColumn order: the columns of a wide table of `version`.
const std::string& EventColumns(int version = kSchemaVersion);
// The wide select list for a table of `version`: the columns it lacks are constants ('day'
// for date_precision, NULL for location_kind), so ReadEvent reads every version the same way.
std::string EventSelectList(int version);

// The provenance as JSON, or "" for an empty Provenance (stored as NULL: imports have none).
std::string WhyToJson(const Provenance& why);
bool WhyFromJson(std::string_view json, Provenance* why);

// Writes an event's columns through `w`, which provides Text(col, string_view), Null(col),
// Int(col, int64_t) and Real(col, double). Empty strings that mean "unknown" (doc_hash,
// doc_date, date, group, location kind) are written as NULL; an absent target or location
// writes NULL in all of its columns (target_code / location_name NULL is the marker). Only the
// columns a table of `version` has are written (EventColumnCount).
template <class W>
void WriteEvent(const Event& e, std::string_view doc_hash, const std::string& why_json, W& w,
                int version = kSchemaVersion) {
  auto text_or_null = [&w](int c, std::string_view s) {
    if (s.empty()) w.Null(c); else w.Text(c, s);
  };
  w.Text(kId, e.id);
  text_or_null(kDocHash, doc_hash);
  w.Text(kDocId, e.doc_id);
  w.Int(kSentence, e.sentence);
  text_or_null(kDocDate, e.doc_date);
  text_or_null(kDate, e.date);
  w.Text(kSourceCode, e.source.code);
  w.Text(kSourceCountry, e.source.country);
  w.Text(kSourceSector, e.source.sector);
  w.Text(kSourceName, e.source.name);
  w.Text(kSourceText, e.source.text);
  w.Int(kSourceBegin, e.source.span.begin);
  w.Int(kSourceEnd, e.source.span.end);
  if (e.target) {
    w.Text(kTargetCode, e.target->code);
    w.Text(kTargetCountry, e.target->country);
    w.Text(kTargetSector, e.target->sector);
    w.Text(kTargetName, e.target->name);
    w.Text(kTargetText, e.target->text);
    w.Int(kTargetBegin, e.target->span.begin);
    w.Int(kTargetEnd, e.target->span.end);
  } else {
    for (int c = kTargetCode; c <= kTargetEnd; ++c) w.Null(c);
  }
  w.Text(kCameo, e.cameo);
  w.Text(kRoot, e.root);
  w.Text(kPlover, e.plover);
  w.Real(kGoldstein, e.goldstein);
  w.Int(kQuadClass, e.quad_class);
  w.Text(kModality, ModalityName(e.modality));
  if (e.location) {
    w.Text(kLocationName, e.location->name);
    w.Text(kLocationCountry, e.location->country);
    w.Real(kLocationLat, e.location->lat);
    w.Real(kLocationLon, e.location->lon);
    w.Int(kLocationBegin, e.location->span.begin);
    w.Int(kLocationEnd, e.location->span.end);
  } else {
    for (int c = kLocationName; c <= kLocationEnd; ++c) w.Null(c);
  }
  w.Text(kText, e.text);
  if (why_json.empty()) w.Null(kWhy); else w.Text(kWhy, why_json);
  w.Text(kOrigin, e.origin);
  text_or_null(kGroupId, e.group);
  const int columns = EventColumnCount(version);
  if (columns > kDatePrecisionColumn) w.Text(kDatePrecisionColumn, DatePrecisionName(e.date_precision));
  if (columns > kLocationKindColumn) text_or_null(kLocationKindColumn, e.location ? e.location->kind : "");
}

// Reads an event written by WriteEvent through `r`, which provides IsNull(col), Text(col)
// (std::string), Int(col) and Real(col), with columns numbered as in EventColumn.
template <class R>
Event ReadEvent(R& r) {
  Event e;
  auto text = [&r](int c) { return r.IsNull(c) ? std::string() : r.Text(c); };
  auto span = [&r](int b, int en) {
    return Span{static_cast<uint32_t>(r.Int(b)), static_cast<uint32_t>(r.Int(en))};
  };
  e.id = text(kId);
  e.doc_hash = text(kDocHash);
  e.doc_id = text(kDocId);
  e.sentence = static_cast<int>(r.Int(kSentence));
  e.doc_date = text(kDocDate);
  e.date = text(kDate);
  e.source = ActorRef{text(kSourceCode), text(kSourceCountry), text(kSourceSector),
                      text(kSourceName), text(kSourceText), span(kSourceBegin, kSourceEnd)};
  if (!r.IsNull(kTargetCode)) {
    e.target = ActorRef{text(kTargetCode), text(kTargetCountry), text(kTargetSector),
                        text(kTargetName), text(kTargetText), span(kTargetBegin, kTargetEnd)};
  }
  e.cameo = text(kCameo);
  e.root = text(kRoot);
  e.plover = text(kPlover);
  e.goldstein = r.Real(kGoldstein);
  e.quad_class = static_cast<int>(r.Int(kQuadClass));
  e.modality = ParseModality(text(kModality)).value_or(Modality::kActual);
  if (!r.IsNull(kLocationName)) {
    e.location = Location{text(kLocationName), text(kLocationCountry), r.Real(kLocationLat),
                          r.Real(kLocationLon), span(kLocationBegin, kLocationEnd),
                          text(kLocationKindColumn)};
  }
  e.text = text(kText);
  WhyFromJson(text(kWhy), &e.why);
  e.origin = text(kOrigin);
  e.group = text(kGroupId);
  e.date_precision = ParseDatePrecision(text(kDatePrecisionColumn)).value_or(DatePrecision::kDay);
  return e;
}

enum class Dialect { kSqlite, kPostgres };

// A SELECT of `columns` (default: the wide layout's EventColumns) with a WHERE built from
// `filter`; every value is a bound parameter (numbered ?N for SQLite, $N for PostgreSQL), never
// spliced into the text. The filter columns (id, date, source_/target_ code, country, name,
// cameo, root, modality, origin) exist in every layout.
struct EventQuery {
  std::string sql;
  std::vector<std::string> params;
};
EventQuery BuildEventQuery(const EventFilter& filter, Dialect dialect,
                           const std::string& columns = EventColumns());

// The SQLite (v3) `detail` column: the Event fields that are not columns of their own, as one
// JSON object (docs/schema.md lists the keys). AppendEventDetail appends it to *out; every
// string and double round-trips exactly. ParseEventDetail fills those fields of *e (whose
// columns, including `target` when target_code is not NULL, are already set) and returns false
// when `json` is not a JSON object of that shape.
void AppendEventDetail(const Event& e, std::string* out);
bool ParseEventDetail(std::string_view json, Event* e);

// Checks what both engines reject the same way: an empty query, unbalanced double quotes or
// parentheses. Engine-specific syntax errors are reported by the engine.
Status CheckSearchQuery(const std::string& query);

// Runs `sql` (no parameters) and returns its rows as text, NULL as "".
using QueryRowsFn = std::function<Result<std::vector<std::vector<std::string>>>(const std::string&)>;
// Stats through plain SQL that both engines accept (without the date precisions).
Result<StoreStats> ComputeStats(const QueryRowsFn& query);
// Sets stats->first_date_precision / last_date_precision from the events on those dates
// (ForEachEvent of `store`, which must not be inside a ForEachEvent callback).
Status FillDatePrecisions(Store& store, StoreStats* stats);

// Checks an event before it is written: non-empty id, and for document events a doc_hash that
// is empty or equal to the document's. `where` names the caller for the message.
Status CheckEvent(const Event& e, std::string_view doc_hash, std::string_view where);

}  // namespace entente::store_internal

#endif  // ENTENTE_STORE_STORE_INTERNAL_H_
