// Store::Open and what both engines share: provenance JSON, the EventFilter-to-SQL
// translation and the statistics queries.
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "entente/store.h"
#include "store/store_internal.h"

namespace entente {

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, const StoreOptions& options) {
  if (options.batch_documents < 1)
    return Status::InvalidArgument("StoreOptions::batch_documents must be >= 1");
  if (options.lock_timeout_ms < 0) return Status::InvalidArgument("StoreOptions::lock_timeout_ms must be >= 0");
  if (url.empty()) return Status::InvalidArgument("empty store path");
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return store_internal::OpenPostgres(url, options);
  return store_internal::OpenSqlite(url, options);
}

namespace store_internal {

using nlohmann::json;

int EventColumnCount(int version) {
  if (version >= kLocationKindVersion) return kNumEventColumns;
  if (version >= kDatePrecisionVersion) return kLocationKindColumn;
  return kDatePrecisionColumn;
}

const std::string& EventColumns(int version) {
  static const std::string kBefore5 =
      "id, doc_hash, doc_id, sentence, doc_date, date, "
      "source_code, source_country, source_sector, source_name, source_text, source_begin, "
      "source_end, "
      "target_code, target_country, target_sector, target_name, target_text, target_begin, "
      "target_end, "
      "cameo, root, plover, goldstein, quad_class, modality, "
      "location_name, location_country, location_lat, location_lon, location_begin, "
      "location_end, "
      "text, why, origin, group_id";
  static const std::string kBefore7 = kBefore5 + ", date_precision";
  static const std::string kList = kBefore7 + ", location_kind";
  const int n = EventColumnCount(version);
  return n == kNumEventColumns ? kList : n == kLocationKindColumn ? kBefore7 : kBefore5;
}

std::string EventSelectList(int version) {
  const int n = EventColumnCount(version);
  return EventColumns(version) + (n <= kDatePrecisionColumn ? ", 'day'" : "") +
         (n <= kLocationKindColumn ? ", NULL" : "");
}

std::string WhyToJson(const Provenance& w) {
  if (w.verb.empty() && w.verb.begin == 0 && w.pattern.empty() && w.entries.empty() &&
      w.modality_cue.empty() && w.date_cue.empty() && w.speaker.empty() && w.note.empty())
    return "";
  json j{{"verb", json::array({w.verb.begin, w.verb.end})},
         {"pattern", w.pattern},
         {"entries", w.entries},
         {"modality_cue", w.modality_cue},
         {"date_cue", w.date_cue},
         {"speaker", w.speaker},
         {"note", w.note}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool WhyFromJson(std::string_view text, Provenance* w) {
  *w = Provenance();
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto str = [&j](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto v = j.find("verb");
  if (v != j.end() && v->is_array() && v->size() == 2 && (*v)[0].is_number_unsigned() &&
      (*v)[1].is_number_unsigned())
    w->verb = Span{(*v)[0].get<uint32_t>(), (*v)[1].get<uint32_t>()};
  w->pattern = str("pattern");
  auto e = j.find("entries");
  if (e != j.end() && e->is_array())
    for (const auto& x : *e)
      if (x.is_string()) w->entries.push_back(x.get<std::string>());
  w->modality_cue = str("modality_cue");
  w->date_cue = str("date_cue");
  w->speaker = str("speaker");
  w->note = str("note");
  return true;
}

namespace {

std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

EventQuery BuildEventQuery(const EventFilter& f, Dialect dialect, const std::string& columns) {
  EventQuery q;
  const bool pg = dialect == Dialect::kPostgres;
  // Adds a parameter and returns its placeholder.
  auto param = [&q, pg](std::string value) {
    q.params.push_back(std::move(value));
    return (pg ? "$" : "?") + std::to_string(q.params.size());
  };
  std::vector<std::string> where;
  if (!f.actor.empty()) {
    std::string p = param(AsciiLower(f.actor));
    auto has = [&](const char* col) {
      return pg ? "strpos(lower(" + std::string(col) + "), " + p + ") > 0"
                : "instr(lower(" + std::string(col) + "), " + p + ") > 0";
    };
    where.push_back("(" + has("source_code") + " OR " + has("source_name") + " OR " +
                    has("target_code") + " OR " + has("target_name") + ")");
  }
  // `col` = value. SQLite's country indexes leave out '' (schema v4): for a non-empty value
  // the implied term col <> '' lets the planner use them.
  auto equals = [&](const char* col, const std::string& value, const std::string& p) {
    std::string term = std::string(col) + " = " + p;
    if (!pg && !value.empty()) term += " AND " + std::string(col) + " <> ''";
    return term;
  };
  if (!f.country.empty()) {
    std::string p = param(f.country);
    where.push_back("((" + equals("source_country", f.country, p) + ") OR (" +
                    equals("target_country", f.country, p) + "))");
  }
  if (f.dyad) {
    const std::string& x = f.dyad->first;
    const std::string& y = f.dyad->second;
    std::string a = param(x), b = param(y);
    where.push_back("((" + equals("source_country", x, a) + " AND " + equals("target_country", y, b) +
                    ") OR (" + equals("source_country", y, b) + " AND " + equals("target_country", x, a) +
                    "))");
  }
  // A code prefix as a range so the cameo index serves it: [prefix, prefix with last byte + 1).
  auto cameo_prefix = [&param](const std::string& prefix) {
    std::string upper = prefix;
    while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xff) upper.pop_back();
    if (upper.empty()) return "cameo >= " + param(prefix);
    upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
    return "cameo >= " + param(prefix) + " AND cameo < " + param(upper);
  };
  if (!f.code.empty()) where.push_back(cameo_prefix(f.code));
  if (!f.root.empty()) {
    if (pg) {
      where.push_back("root = " + param(f.root));
    } else {
      // SQLite (schema v4) has no full root index: a root is almost always the prefix of the
      // cameo code, so those rows are found through events_cameo, and the others (root not a
      // prefix of cameo) through the partial index events_root, whose WHERE is the second
      // branch's last term word for word. The branches are disjoint and together exactly
      // root = ?.
      std::string r = param(f.root);
      where.push_back("((root = " + r + " AND " + cameo_prefix(f.root) + ") OR (root = " + r +
                      " AND substr(cameo, 1, length(root)) <> root))");
    }
  }
  if (f.since) where.push_back("date >= " + param(f.since->ToString()));
  if (f.until) where.push_back("date <= " + param(f.until->ToString()));
  if (f.modality) {
    where.push_back("modality = " + param(std::string(ModalityName(*f.modality))));
    // SQLite indexes only the rarer modalities (events_modality is partial, docs/schema.md);
    // this constant term, implied by the one above, lets the planner use that index.
    if (!pg && *f.modality != Modality::kActual) where.push_back("modality <> 'actual'");
  }
  if (!f.origin.empty()) {
    if (pg) {
      where.push_back("origin = " + param(f.origin));
    } else {
      // The same for the origin (schema v4): an imported event's id starts with its origin and
      // ':' ("gdelt:123"), so those rows are a range of events_id, and the partial index
      // events_origin holds only the others (coded events, whose ids are hashes).
      std::string o = param(f.origin);
      std::string lower = param(f.origin + ":"), upper = param(f.origin + ";");
      where.push_back("((origin = " + o + " AND id >= " + lower + " AND id < " + upper + ") OR (origin = " +
                      o + " AND substr(id, 1, length(origin) + 1) <> origin || ':'))");
    }
  }

  q.sql = "SELECT " + columns + " FROM events";
  for (size_t i = 0; i < where.size(); ++i) q.sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  // Unknown dates (NULL) come first in both engines.
  q.sql += pg ? " ORDER BY date NULLS FIRST, id" : " ORDER BY date, id";
  if (f.limit >= 0) q.sql += " LIMIT " + param(std::to_string(f.limit));
  return q;
}

Status CheckSearchQuery(const std::string& query) {
  bool any = false, in_quote = false;
  int depth = 0;
  for (char c : query) {
    if (c == '"') {
      in_quote = !in_quote;
    } else if (!in_quote && c == '(') {
      ++depth;
    } else if (!in_quote && c == ')') {
      if (--depth < 0) return Status::InvalidArgument("full-text query '" + query + "': unbalanced ')'");
    }
    if (c != ' ' && c != '\t' && c != '\n') any = true;
  }
  if (!any) return Status::InvalidArgument("empty full-text query");
  if (in_quote) return Status::InvalidArgument("full-text query '" + query + "': unterminated '\"'");
  if (depth != 0) return Status::InvalidArgument("full-text query '" + query + "': unbalanced '('");
  return Status::OK();
}

Result<StoreStats> ComputeStats(const QueryRowsFn& query) {
  StoreStats s;
  auto scalar = [&query](const std::string& sql, int64_t* out) -> Status {
    auto rows = query(sql);
    if (!rows.ok()) return rows.status();
    *out = rows->empty() || rows->front().empty() ? 0 : std::strtoll(rows->front()[0].c_str(), nullptr, 10);
    return Status::OK();
  };
  auto counts = [&query](const std::string& sql, std::vector<std::pair<std::string, int64_t>>* out) -> Status {
    auto rows = query(sql);
    if (!rows.ok()) return rows.status();
    for (const auto& r : *rows)
      if (r.size() >= 2) out->emplace_back(r[0], std::strtoll(r[1].c_str(), nullptr, 10));
    return Status::OK();
  };
  ENTENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM documents", &s.documents));
  ENTENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM sentences", &s.sentences));
  ENTENTE_RETURN_IF_ERROR(scalar("SELECT count(*) FROM events", &s.events));
  ENTENTE_RETURN_IF_ERROR(scalar("SELECT count(DISTINCT group_id) FROM events", &s.event_groups));
  auto range = query("SELECT min(date), max(date) FROM events");
  if (!range.ok()) return range.status();
  if (!range->empty() && range->front().size() == 2) {
    s.first_date = Date::Parse(range->front()[0]);
    s.last_date = Date::Parse(range->front()[1]);
  }
  for (auto [col, out] : {std::pair{"origin", &s.by_origin}, std::pair{"root", &s.by_root},
                          std::pair{"modality", &s.by_modality}}) {
    std::string c = col;
    ENTENTE_RETURN_IF_ERROR(counts("SELECT " + c + ", count(*) FROM events GROUP BY " + c +
                                   " ORDER BY 2 DESC, 1", out));
  }
  ENTENTE_RETURN_IF_ERROR(counts(
      "SELECT a, count(*) FROM (SELECT source_code AS a FROM events UNION ALL "
      "SELECT target_code AS a FROM events WHERE target_code IS NOT NULL) t "
      "WHERE a <> '' GROUP BY a ORDER BY 2 DESC, 1 LIMIT 10",
      &s.top_actors));
  return s;
}

Status FillDatePrecisions(Store& store, StoreStats* stats) {
  auto finest_on = [&store](const std::optional<Date>& date, DatePrecision* out) -> Status {
    *out = DatePrecision::kDay;
    if (!date) return Status::OK();
    EventFilter f;
    f.since = *date;
    f.until = *date;
    DatePrecision finest = DatePrecision::kYear;
    ENTENTE_RETURN_IF_ERROR(store.ForEachEvent(f, [&finest](const Event& e) {
      if (e.date_precision < finest) finest = e.date_precision;  // kDay < kMonth < kYear
      return finest != DatePrecision::kDay;
    }));
    *out = finest;
    return Status::OK();
  };
  ENTENTE_RETURN_IF_ERROR(finest_on(stats->first_date, &stats->first_date_precision));
  return finest_on(stats->last_date, &stats->last_date_precision);
}

Status CheckEvent(const Event& e, std::string_view doc_hash, std::string_view where) {
  if (e.id.empty()) return Status::InvalidArgument(std::string(where) + ": event without an id");
  if (!doc_hash.empty() && !e.doc_hash.empty() && e.doc_hash != doc_hash)
    return Status::InvalidArgument(std::string(where) + ": event " + e.id + " has doc_hash " +
                                   e.doc_hash + ", the document's is " + std::string(doc_hash));
  return Status::OK();
}

}  // namespace store_internal
}  // namespace entente
