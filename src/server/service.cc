// EventService: routing, parameter checking and JSON for the HTTP API (docs/api.md).
//
// Every request is parsed by a Query that knows the parameters its endpoint accepts; the first
// unknown or malformed parameter becomes a 400 naming it. Store reads (stats, event lists,
// single events, loading event tables) hold `store_mu`. Analyses run on an EventTable loaded
// once per (since, until, origin) and shared read-only between threads; a table and every
// analysis reply are reused for ServiceOptions::cache_seconds. Bloc finding (blocs, brief)
// holds `igraph_mu` because igraph keeps one global random generator. POST /api/code runs the
// Pipeline, which is const and thread-safe, and stores nothing.
#include "server/service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/analysis.h"
#include "entente/reader.h"

namespace entente::server {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int64_t kDefaultLimit = 100;
constexpr int64_t kMaxLimit = 10000;
constexpr size_t kMaxCachedReplies = 64;
constexpr size_t kMaxCachedTables = 2;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply JsonReply(int status, const json& j) { return Reply{status, "application/json", Dump(j)}; }

Reply ErrorReply(int status, const std::string& message, const std::string& parameter = "") {
  json j = {{"error", message}};
  if (!parameter.empty()) j["parameter"] = parameter;
  return JsonReply(status, j);
}

Reply StatusReply(const Status& st) {
  switch (st.code()) {
    case Status::Code::kNotFound: return ErrorReply(404, st.message());
    case Status::Code::kInvalidArgument: return ErrorReply(400, st.message());
    default: return ErrorReply(500, st.ToString());
  }
}

// Rounded to 4 decimals; NaN and infinities (never expected) become 0 so the JSON stays numeric.
double Num(double v) { return std::isfinite(v) ? std::round(v * 1e4) / 1e4 : 0.0; }

bool IsAlpha3(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}
std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The parameters of one request, checked against what its endpoint accepts. After the first
// error every getter returns its default and error() names the parameter.
class Query {
 public:
  Query(const Params& params, const std::vector<std::string>& allowed) : params_(params) {
    for (const auto& [name, value] : params_) {
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        Fail(name, "unknown parameter '" + name + "'");
        return;
      }
    }
  }
  bool failed() const { return !error_param_.empty(); }
  Reply ErrorReply() const { return server::ErrorReply(400, error_, error_param_); }
  void Fail(const std::string& name, const std::string& message) {
    if (failed()) return;
    error_param_ = name;
    error_ = message;
  }
  bool Has(const std::string& name) const { return params_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& def = "") const {
    auto it = params_.find(name);
    return it == params_.end() ? def : it->second;
  }
  int64_t Int(const std::string& name, int64_t lo, int64_t hi, int64_t def) {
    if (!Has(name)) return def;
    std::string v = Get(name);
    if (AllDigits(v) && v.size() <= 12) {
      int64_t n = std::stoll(v);
      if (n >= lo && n <= hi) return n;
    }
    Fail(name, name + " wants a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                   ", got '" + v + "'");
    return def;
  }
  std::optional<Date> DateParam(const std::string& name) {
    if (!Has(name)) return std::nullopt;
    auto d = Date::Parse(Get(name));
    if (!d) Fail(name, name + " wants a date YYYY-MM-DD, got '" + Get(name) + "'");
    return d;
  }
  // since and until together: both valid and in order.
  void Range(std::optional<Date>* since, std::optional<Date>* until) {
    *since = DateParam("since");
    *until = DateParam("until");
    if (*since && *until && **until < **since) Fail("until", "until is before since");
  }
  std::string Country(const std::string& name) {
    std::string v = Get(name);
    if (v.empty()) return v;
    if (!IsAlpha3(v)) Fail(name, name + " wants an ISO alpha-3 country code such as PRK, got '" + v + "'");
    return Upper(v);
  }
  std::optional<std::pair<std::string, std::string>> Dyad() {
    if (!Has("dyad")) return std::nullopt;
    std::string v = Get("dyad");
    size_t comma = v.find(',');
    std::string a = comma == std::string::npos ? v : v.substr(0, comma);
    std::string b = comma == std::string::npos ? "" : v.substr(comma + 1);
    if (!IsAlpha3(a) || !IsAlpha3(b)) {
      Fail("dyad", "dyad wants two ISO alpha-3 codes separated by a comma, e.g. PRK,RUS; got '" + v + "'");
      return std::nullopt;
    }
    return std::make_pair(Upper(a), Upper(b));
  }
  std::optional<Modality> ModalityParam() {
    if (!Has("modality")) return std::nullopt;
    auto m = ParseModality(Get("modality"));
    if (!m) Fail("modality", "modality must be actual, planned, possible or negated");
    return m;
  }
  std::string Origin() {
    std::string v = Get("origin");
    if (!v.empty() && v != "entente" && v != "gdelt" && v != "icews")
      Fail("origin", "origin must be entente, gdelt or icews");
    return v;
  }
  // One of `choices`; the first is the default.
  std::string Choice(const std::string& name, const std::vector<std::string>& choices) {
    if (!Has(name)) return choices[0];
    std::string v = Get(name);
    if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
    std::string list;
    for (size_t i = 0; i < choices.size(); ++i)
      list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    Fail(name, name + " must be " + list + ", got '" + v + "'");
    return choices[0];
  }

 private:
  const Params& params_;
  std::string error_param_, error_;
};

// The parameters shared by the analysis endpoints.
struct AnalysisRequest {
  AnalysisOptions analysis;
  LoadOptions load;
  std::string window_name = "year";
  std::string country;  // only rows involving this state
  std::string at;       // only this window label
  int bootstrap = 0;
  int top = 10;
  std::optional<std::pair<std::string, std::string>> dyad;  // dyads only
  int states = 1000;    // align only: the most active states kept per window
};

const std::vector<std::string> kWindows = {"year", "quarter", "month", "week", "day"};

void ParseAnalysis(Query& q, int default_bootstrap, int default_top, AnalysisRequest* r) {
  r->window_name = q.Choice("window", kWindows);
  r->analysis.window = *ParseWindowUnit(r->window_name);
  q.Range(&r->analysis.since, &r->analysis.until);
  r->load.filter.since = r->analysis.since;
  r->load.filter.until = r->analysis.until;
  r->analysis.count_mentions = q.Choice("count", {"events", "mentions"}) == "mentions";
  if (auto m = q.ModalityParam()) r->analysis.modality = *m;
  r->load.filter.origin = q.Origin();
  r->country = q.Country("country");
  r->analysis.seed = static_cast<uint64_t>(q.Int("seed", 0, 2000000000, 1));
  r->bootstrap = static_cast<int>(q.Int("bootstrap", 0, 1000, default_bootstrap));
  r->top = static_cast<int>(q.Int("top", 1, 1000, default_top));
  r->at = q.Get("at");
  if (r->at.size() > 32) q.Fail("at", "at wants a window label such as 2024, 2024Q2 or 2024-06");
  r->dyad = q.Dyad();
  r->states = static_cast<int>(q.Int("states", 2, 1000, 1000));
}

bool Involves(const std::string& country, const std::string& a, const std::string& b) {
  return country.empty() || a == country || b == country;
}

// Why an analysis came out empty, in words a reader can act on.
std::string EmptyNote(const EventTable& t, const AnalysisRequest& r) {
  return "no " + std::string(ModalityName(r.analysis.modality)) +
         " events between two different states in the selected range (" + std::to_string(t.size()) +
         " dyadic mentions loaded; skipped " + std::to_string(t.skipped().no_country) +
         " with a side that is not a state, " + std::to_string(t.skipped().domestic) + " domestic, " +
         std::to_string(t.skipped().no_date) + " without a date, " +
         std::to_string(t.skipped().imprecise_date) + " dated only to a month or year)";
}

json Skipped(const EventTable& t) {
  return {{"no_country", t.skipped().no_country},
          {"domestic", t.skipped().domestic},
          {"no_date", t.skipped().no_date},
          {"imprecise_date", t.skipped().imprecise_date}};
}

json Pairs(const std::vector<std::pair<std::string, int64_t>>& v) {
  json a = json::array();
  for (const auto& [name, n] : v) a.push_back({{"name", name}, {"count", n}});
  return a;
}

// The sentence cut into pieces, each marked with the role its words play (source, target,
// location, verb) or null. Spans are document bytes; sentence_span.begin maps them into `text`.
// Where spans overlap, the actors win over the verb ("summit between [Kim] and"); spans outside
// the sentence (an actor taken from an earlier sentence) are not marked.
json Segments(const Event& e) {
  const uint32_t base = e.sentence_span.begin;
  const size_t size = e.text.size();
  std::vector<const char*> role(size, nullptr);
  auto mark = [&](const Span& s, const char* name) {
    if (s.empty() || s.begin < base || s.end - base > size) return;
    for (uint32_t i = s.begin - base; i < s.end - base; ++i)
      if (!role[i]) role[i] = name;
  };
  mark(e.source.span, "source");  // highest priority first
  if (e.target) mark(e.target->span, "target");
  if (e.location) mark(e.location->span, "location");
  mark(e.why.verb, "verb");
  json out = json::array();
  for (size_t i = 0; i < size;) {
    size_t j = i;
    while (j < size && role[j] == role[i]) ++j;
    out.push_back({{"text", e.text.substr(i, j - i)}, {"role", role[i] ? json(role[i]) : json(nullptr)}});
    i = j;
  }
  return out;
}

json EventJson(const Event& e) { return json::parse(ToJson(e)); }

}  // namespace

struct EventService::Impl {
  ServiceOptions options;
  std::unique_ptr<Store> store;
  std::unique_ptr<Pipeline> pipeline;

  mutable std::mutex store_mu;   // the Store and the table cache
  mutable std::mutex igraph_mu;  // ComputeBlocs, MakeBriefing
  mutable std::mutex cache_mu;   // the reply cache

  struct CachedTable {
    std::shared_ptr<const EventTable> table;
    Clock::time_point loaded;
  };
  mutable std::unordered_map<std::string, CachedTable> tables;  // under store_mu
  struct CachedReply {
    Reply reply;
    Clock::time_point made;
  };
  mutable std::unordered_map<std::string, CachedReply> replies;  // under cache_mu

  bool Fresh(Clock::time_point t) const {
    return options.cache_seconds > 0 && Clock::now() - t < std::chrono::seconds(options.cache_seconds);
  }

  Result<std::shared_ptr<const EventTable>> Table(const LoadOptions& load) const {
    std::string key = (load.filter.since ? load.filter.since->ToString() : "") + "|" +
                      (load.filter.until ? load.filter.until->ToString() : "") + "|" + load.filter.origin;
    std::lock_guard<std::mutex> lock(store_mu);
    auto it = tables.find(key);
    if (it != tables.end() && Fresh(it->second.loaded)) return it->second.table;
    auto t = LoadEvents(*store, load);
    if (!t.ok()) return t.status();
    auto shared = std::make_shared<const EventTable>(std::move(t).value());
    if (options.cache_seconds > 0) {
      while (tables.size() >= kMaxCachedTables && tables.count(key) == 0) {
        auto oldest = std::min_element(tables.begin(), tables.end(), [](const auto& a, const auto& b) {
          return a.second.loaded < b.second.loaded;
        });
        tables.erase(oldest);
      }
      tables[key] = {shared, Clock::now()};
    }
    return shared;
  }

  // Runs `fn` unless a fresh reply for the same path and parameters is cached; caches 200s.
  template <typename Fn>
  Reply Cached(const std::string& path, const Params& params, Fn fn) const {
    std::string key = path;
    for (const auto& [k, v] : params) key += "\n" + k + "=" + v;
    {
      std::lock_guard<std::mutex> lock(cache_mu);
      auto it = replies.find(key);
      if (it != replies.end() && Fresh(it->second.made)) return it->second.reply;
    }
    Reply r = fn();
    if (r.status == 200 && options.cache_seconds > 0) {
      std::lock_guard<std::mutex> lock(cache_mu);
      if (replies.size() >= kMaxCachedReplies) {
        auto oldest = std::min_element(replies.begin(), replies.end(), [](const auto& a, const auto& b) {
          return a.second.made < b.second.made;
        });
        replies.erase(oldest);
      }
      replies[key] = {r, Clock::now()};
    }
    return r;
  }

  Reply Health() const { return JsonReply(200, {{"status", "ok"}, {"code", pipeline != nullptr}}); }

  Reply Stats(const Params& params) const {
    Query q(params, {});
    if (q.failed()) return q.ErrorReply();
    return Cached("/api/stats", params, [&] {
      std::unique_lock<std::mutex> lock(store_mu);
      auto s = store->Stats();
      lock.unlock();
      if (!s.ok()) return StatusReply(s.status());
      json j = {{"documents", s->documents},
                {"sentences", s->sentences},
                {"events", s->events},
                {"event_groups", s->event_groups},
                {"first_date", s->first_date ? json(s->first_date->ToString()) : json(nullptr)},
                {"last_date", s->last_date ? json(s->last_date->ToString()) : json(nullptr)},
                // "day", "month" or "year": a year-precision event is stored at 1 January.
                {"first_date_precision", std::string(DatePrecisionName(s->first_date_precision))},
                {"last_date_precision", std::string(DatePrecisionName(s->last_date_precision))},
                {"by_origin", Pairs(s->by_origin)},
                {"by_root", Pairs(s->by_root)},
                {"by_modality", Pairs(s->by_modality)},
                {"top_actors", Pairs(s->top_actors)}};
      return JsonReply(200, j);
    });
  }

  Reply Events(const Params& params) const {
    Query q(params, {"actor", "country", "dyad", "code", "root", "since", "until", "modality", "origin",
                     "limit", "offset"});
    EventFilter f;
    f.actor = q.Get("actor");
    if (f.actor.size() > 200) q.Fail("actor", "actor is longer than 200 bytes");
    f.country = q.Country("country");
    f.dyad = q.Dyad();
    f.code = q.Get("code");
    if (!f.code.empty() && (!AllDigits(f.code) || f.code.size() > 4))
      q.Fail("code", "code wants a CAMEO code or prefix of 1 to 4 digits, got '" + f.code + "'");
    f.root = q.Get("root");
    if (!f.root.empty() && (!AllDigits(f.root) || f.root.size() != 2))
      q.Fail("root", "root wants a two-digit CAMEO root such as 04, got '" + f.root + "'");
    q.Range(&f.since, &f.until);
    f.modality = q.ModalityParam();
    f.origin = q.Origin();
    int64_t limit = q.Int("limit", 1, kMaxLimit, kDefaultLimit);
    int64_t offset = q.Int("offset", 0, 10000000, 0);
    if (q.failed()) return q.ErrorReply();
    f.limit = offset + limit + 1;  // one more than shown tells whether there are more
    json events = json::array();
    int64_t seen = 0;
    bool more = false;
    std::unique_lock<std::mutex> lock(store_mu);
    Status st = store->ForEachEvent(f, [&](const Event& e) {
      if (seen++ < offset) return true;
      if (static_cast<int64_t>(events.size()) == limit) {
        more = true;
        return false;
      }
      events.push_back(EventJson(e));
      return true;
    });
    lock.unlock();
    if (!st.ok()) return StatusReply(st);
    json j = {{"offset", offset}, {"limit", limit}, {"count", events.size()}, {"more", more},
              {"events", std::move(events)}};
    return JsonReply(200, j);
  }

  Reply OneEvent(const std::string& id, const Params& params) const {
    Query q(params, {});
    if (q.failed()) return q.ErrorReply();
    if (id.empty() || id.size() > 256) return ErrorReply(404, "no event with id '" + id.substr(0, 256) + "'");
    std::unique_lock<std::mutex> lock(store_mu);
    auto e = store->GetEvent(id);
    lock.unlock();
    if (!e.ok()) {
      if (e.status().code() == Status::Code::kNotFound) return ErrorReply(404, "no event with id '" + id + "'");
      return StatusReply(e.status());
    }
    json j = EventJson(*e);
    j["segments"] = Segments(*e);
    return JsonReply(200, j);
  }

  // Parses the shared analysis parameters, loads the table and runs `fn(request, table)`.
  template <typename Fn>
  Reply Analysis(const std::string& path, const Params& params, const std::vector<std::string>& extra,
                 int default_bootstrap, int default_top, Fn fn) const {
    std::vector<std::string> names = {"window", "since", "until", "count", "modality", "origin", "country", "seed"};
    names.insert(names.end(), extra.begin(), extra.end());
    Query q(params, names);
    AnalysisRequest r;
    ParseAnalysis(q, default_bootstrap, default_top, &r);
    if (q.failed()) return q.ErrorReply();
    return Cached(path, params, [&]() -> Reply {
      auto t = Table(r.load);
      if (!t.ok()) return StatusReply(t.status());
      json j = {{"window", r.window_name},
                {"counting", r.analysis.count_mentions ? "mentions" : "events"},
                {"modality", std::string(ModalityName(r.analysis.modality))}};
      fn(r, **t, j);
      return JsonReply(200, j);
    });
  }

  Reply Dyads(const Params& params) const {
    return Analysis("/api/dyads", params, {"dyad"}, 0, 10, [&](const AnalysisRequest& r, const EventTable& t,
                                                               json& j) {
      const auto& dyad = r.dyad;
      json rows = json::array();
      for (const DyadRow& d : ComputeDyads(t, r.analysis)) {
        if (!Involves(r.country, d.source, d.target)) continue;
        if (dyad && !((d.source == dyad->first && d.target == dyad->second) ||
                      (d.source == dyad->second && d.target == dyad->first)))
          continue;
        rows.push_back({{"window", d.label}, {"source", d.source}, {"target", d.target},
                        {"verbal_coop", d.quad[0]}, {"material_coop", d.quad[1]},
                        {"verbal_conflict", d.quad[2]}, {"material_conflict", d.quad[3]},
                        {"goldstein_sum", Num(d.goldstein_sum)}, {"goldstein_mean", Num(d.goldstein_mean)},
                        {"actual", d.by_modality[0]}, {"planned", d.by_modality[1]},
                        {"possible", d.by_modality[2]}, {"negated", d.by_modality[3]},
                        {"top_events", d.top_events}});
      }
      if (rows.empty()) j["note"] = EmptyNote(t, r);
      j["skipped"] = Skipped(t);
      j["rows"] = std::move(rows);
    });
  }

  Reply Align(const Params& params) const {
    return Analysis("/api/align", params, {"bootstrap", "at", "states"}, 100, 10,
                    [&](const AnalysisRequest& r, const EventTable& t, json& j) {
      const int64_t max_states = r.states;
      AlignmentOptions a;
      a.bootstrap = r.bootstrap;
      json windows = json::array();
      for (const WindowAlignment& w : ComputeAlignment(t, r.analysis, a)) {
        if (!r.at.empty() && w.label != r.at) continue;
        // The states with most direct events in this window, when `states` limits them.
        std::vector<int64_t> activity(w.states.size(), 0);
        for (const PairAlignment& p : w.pairs) activity[p.a] += p.events, activity[p.b] += p.events;
        std::vector<int> order(w.states.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return activity[x] > activity[y]; });
        std::vector<bool> keep(w.states.size(), false);
        json states = json::array();
        for (size_t i = 0; i < order.size() && static_cast<int64_t>(i) < max_states; ++i) {
          keep[order[i]] = true;
          states.push_back({{"state", w.states[order[i]]}, {"events", activity[order[i]]}});
        }
        json pairs = json::array();
        for (const PairAlignment& p : w.pairs) {
          const std::string& x = w.states[p.a];
          const std::string& y = w.states[p.b];
          if (!keep[p.a] || !keep[p.b] || !Involves(r.country, x, y)) continue;
          pairs.push_back({{"a", x}, {"b", y}, {"score", Num(p.score)}, {"low", Num(p.low)},
                           {"high", Num(p.high)}, {"affinity", Num(p.affinity)},
                           {"similarity", Num(p.similarity)}, {"copart", Num(p.copart)},
                           {"events", p.events}, {"third_states", p.third_states},
                           {"occasions", p.occasions}, {"direct", p.events > 0}});
        }
        windows.push_back({{"window", w.label}, {"events", w.events}, {"states", std::move(states)},
                           {"pairs", std::move(pairs)}});
      }
      if (windows.empty()) j["note"] = r.at.empty() ? EmptyNote(t, r) : "no window labelled '" + r.at + "' has events";
      j["bootstrap"] = r.bootstrap;
      j["windows"] = std::move(windows);
    });
  }

  Reply Blocs(const Params& params) const {
    return Analysis("/api/blocs", params, {"bootstrap", "at"}, 100, 10,
                    [&](const AnalysisRequest& r, const EventTable& t, json& j) {
      AlignmentOptions a;
      a.bootstrap = r.bootstrap;
      a.keep_replicates = r.bootstrap > 0;
      auto aligned = ComputeAlignment(t, r.analysis, a);
      std::vector<WindowBlocs> blocs;
      {
        std::lock_guard<std::mutex> lock(igraph_mu);
        blocs = ComputeBlocs(aligned, r.analysis);
      }
      auto opt = [](double v) { return v < -1.5 ? json(nullptr) : json(Num(v)); };
      json windows = json::array();
      for (const WindowBlocs& wb : blocs) {
        if (!r.at.empty() && wb.label != r.at) continue;
        json bl = json::array();
        for (const Bloc& b : wb.blocs) {
          if (!r.country.empty() && std::find(b.members.begin(), b.members.end(), r.country) == b.members.end())
            continue;
          json evidence = json::array();
          for (const BlocMember& m : b.evidence)
            evidence.push_back({{"state", m.state}, {"events", m.events}, {"occasions", m.occasions}, {"thin", m.thin}});
          bl.push_back({{"name", b.name}, {"members", b.members}, {"cohesion", Num(b.cohesion)},
                        {"stability", r.bootstrap > 0 ? json(Num(b.stability)) : json(nullptr)},
                        {"events", b.events}, {"member_evidence", std::move(evidence)}});
        }
        windows.push_back({{"window", wb.label}, {"modularity", Num(wb.modularity)},
                           {"bootstrap_ari", opt(wb.bootstrap_ari)}, {"previous_ari", opt(wb.previous_ari)},
                           {"previous_common_states", wb.previous_common},
                           {"min_common_states", BlocOptions{}.min_common_states},
                           {"blocs", std::move(bl)}, {"unaligned", wb.unaligned}});
      }
      if (blocs.empty()) j["note"] = EmptyNote(t, r);
      j["bootstrap"] = r.bootstrap;
      j["windows"] = std::move(windows);
    });
  }

  // Supported shifts first (bootstrap intervals apart, enough events; docs/analysis.md), then the
  // unsupported changes, flagged, up to `top` in all.
  Reply Shifts(const Params& params) const {
    return Analysis("/api/shifts", params, {"top", "bootstrap"}, 100, 10,
                    [&](const AnalysisRequest& r, const EventTable& t, json& j) {
      AlignmentOptions a;
      a.bootstrap = r.bootstrap;
      auto windows = ComputeAlignment(t, r.analysis, a);
      json shifts = json::array();
      if (windows.size() < 2) {
        j["note"] = windows.empty() ? EmptyNote(t, r)
                                    : "only one window (" + windows[0].label +
                                          ") has events: a shift needs two; try a shorter window";
      } else {
        ShiftOptions so;
        so.top = so.top_unsupported = r.country.empty() ? r.top : 1000000;
        for (const Shift& s : ComputeShifts(t, windows, r.analysis, so)) {
          if (!Involves(r.country, s.a, s.b) || static_cast<int>(shifts.size()) >= r.top) continue;
          shifts.push_back({{"a", s.a}, {"b", s.b}, {"from_window", s.from_label}, {"to_window", s.to_label},
                            {"from", Num(s.from)}, {"to", Num(s.to)}, {"delta", Num(s.delta)},
                            {"from_low", Num(s.from_low)}, {"from_high", Num(s.from_high)},
                            {"to_low", Num(s.to_low)}, {"to_high", Num(s.to_high)},
                            {"from_events", s.from_events}, {"to_events", s.to_events},
                            {"from_occasions", s.from_occasions}, {"to_occasions", s.to_occasions},
                            {"bootstrapped", s.bootstrapped}, {"supported", s.supported},
                            {"caveat", s.caveat}, {"drivers", s.drivers}, {"summary", s.summary}});
        }
        if (r.bootstrap == 0) j["note"] = "bootstrap=0: no intervals, so no change can be tested as a shift";
      }
      j["bootstrap"] = r.bootstrap;
      j["min_evidence"] = ShiftOptions{}.min_evidence;
      j["min_window_evidence"] = ShiftOptions{}.min_window_evidence;
      j["interval"] = Num(a.ci_high - a.ci_low);
      j["shifts"] = std::move(shifts);
    });
  }

  // model=auto (default: the backtest picks, per quantity), regression, frequency or persistence.
  Reply Forecast(const Params& params) const {
    Query mq(params, {"window", "since", "until", "count", "modality", "origin", "country", "seed", "top", "model"});
    const std::string model = mq.Choice("model", {"auto", "regression", "frequency", "persistence"});
    if (mq.failed()) return mq.ErrorReply();
    return Analysis("/api/forecast", params, {"top", "model"}, 0, 20,
                    [&](const AnalysisRequest& r, const EventTable& t, json& j) {
      ForecastOptions f;
      f.model = model;
      f.top = r.country.empty() ? r.top : -1;
      ForecastResult fr = ComputeForecast(t, r.analysis, f);
      json dyads = json::array();
      for (const DyadForecast& d : fr.dyads) {
        if (!Involves(r.country, d.source, d.target) || static_cast<int>(dyads.size()) >= r.top) continue;
        dyads.push_back({{"source", d.source}, {"target", d.target}, {"coop", Num(d.coop)},
                         {"conflict", Num(d.conflict)}, {"p_meeting", Num(d.p_meeting)},
                         {"history_windows", d.history_windows}, {"evidence", d.evidence}});
      }
      json backtest = json::array();
      for (const BacktestScore& b : fr.backtest)
        backtest.push_back({{"model", b.model}, {"loglik", Num(b.loglik)}, {"mae", Num(b.mae)},
                            {"brier", Num(b.brier)}, {"cases", b.cases}});
      j["forecast_window"] = fr.window_label;
      j["model"] = fr.model;
      j["meeting_model"] = fr.meeting_model;
      j["model_reason"] = fr.model_reason;
      j["model_clear"] = fr.model_clear;
      j["meeting_model_clear"] = fr.meeting_model_clear;
      if (!fr.note.empty()) j["note"] = fr.note;
      j["dyads"] = std::move(dyads);
      j["backtest"] = std::move(backtest);
    });
  }

  Reply Brief(const Params& params) const {
    Query q(params, {"window", "since", "until", "count", "modality", "origin", "seed", "bootstrap", "format"});
    std::string format = q.Choice("format", {"markdown", "json"});
    AnalysisRequest r;
    ParseAnalysis(q, 100, 10, &r);
    if (q.failed()) return q.ErrorReply();
    return Cached("/api/brief", params, [&]() -> Reply {
      auto t = Table(r.load);
      if (!t.ok()) return StatusReply(t.status());
      AlignmentOptions a;
      a.bootstrap = r.bootstrap;
      Briefing b;
      {
        std::lock_guard<std::mutex> lock(igraph_mu);
        b = MakeBriefing(**t, r.analysis, a);
      }
      if (format == "json") return Reply{200, "application/json", b.json};
      return Reply{200, "text/markdown; charset=utf-8", b.markdown};
    });
  }

  Reply Code(const Params& params, const std::string& body, const std::string& content_type) const {
    Query q(params, {"date"});
    std::optional<Date> date = q.DateParam("date");
    if (q.failed()) return q.ErrorReply();
    if (!pipeline) return ErrorReply(503, "this server was started without the coder (POST /api/code is off)");
    if (body.size() > options.max_body_bytes)
      return ErrorReply(413, "the body is larger than " + std::to_string(options.max_body_bytes) + " bytes");
    std::vector<Document> docs;
    if (content_type.rfind("application/json", 0) == 0) {
      json in = json::parse(body, nullptr, false);
      if (in.is_discarded() || !in.is_object()) return ErrorReply(400, "the body is not a JSON object", "body");
      for (const char* key : {"text", "date", "title", "id"}) {
        if (in.contains(key) && !in[key].is_string() && !in[key].is_null())
          return ErrorReply(400, std::string(key) + " must be a string", key);
      }
      Document doc;
      doc.text = in.value("text", "");
      doc.title = in.value("title", "");
      doc.id = in.value("id", "request");
      doc.path = "request";
      std::string d = in.contains("date") && in["date"].is_string() ? in["date"].get<std::string>() : "";
      if (!d.empty()) {
        doc.date = Date::Parse(d);
        if (!doc.date) return ErrorReply(400, "date wants YYYY-MM-DD, got '" + d + "'", "date");
      } else {
        doc.date = date;
      }
      if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return ErrorReply(400, "text is missing or empty", "text");
      docs.push_back(std::move(doc));
    } else {
      if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        return ErrorReply(400, "the body is empty: send the article text", "body");
      ReadOptions ro;
      ro.format = InputFormat::kText;
      ro.default_date = date;
      Status st = ReadBuffer(body, "request", ro, [&](Document& d) {
        docs.push_back(std::move(d));
        return Status::OK();
      }, nullptr);
      if (!st.ok()) return StatusReply(st);
    }
    json events = json::array();
    int64_t sentences = 0;
    for (Document& doc : docs) {
      std::vector<Event> out;
      Status st = pipeline->Process(&doc, &out);
      if (!st.ok()) return StatusReply(st);
      sentences += static_cast<int64_t>(doc.sentences.size());
      for (const Event& e : out) {
        json ej = EventJson(e);
        ej["segments"] = Segments(e);
        events.push_back(std::move(ej));
      }
    }
    return JsonReply(200, {{"documents", docs.size()}, {"sentences", sentences}, {"events", std::move(events)}});
  }

  Reply Route(const std::string& method, const std::string& path, const Params& params, const std::string& body,
              const std::string& content_type) const {
    static const std::string kEventPrefix = "/api/events/";
    const bool get = method == "GET" || method == "HEAD";
    auto only = [&](bool allowed, const char* what, auto fn) -> Reply {
      if (!allowed) return ErrorReply(405, path + " accepts " + what + " only");
      return fn();
    };
    if (path == "/healthz") return only(get, "GET", [&] { return Health(); });
    if (path == "/api/stats") return only(get, "GET", [&] { return Stats(params); });
    if (path == "/api/events") return only(get, "GET", [&] { return Events(params); });
    if (path.rfind(kEventPrefix, 0) == 0)
      return only(get, "GET", [&] { return OneEvent(path.substr(kEventPrefix.size()), params); });
    if (path == "/api/dyads") return only(get, "GET", [&] { return Dyads(params); });
    if (path == "/api/align") return only(get, "GET", [&] { return Align(params); });
    if (path == "/api/blocs") return only(get, "GET", [&] { return Blocs(params); });
    if (path == "/api/shifts") return only(get, "GET", [&] { return Shifts(params); });
    if (path == "/api/forecast") return only(get, "GET", [&] { return Forecast(params); });
    if (path == "/api/brief") return only(get, "GET", [&] { return Brief(params); });
    if (path == "/api/code") return only(method == "POST", "POST", [&] { return Code(params, body, content_type); });
    return ErrorReply(404, "no such endpoint: " + path + " (see docs/api.md)");
  }
};

EventService::EventService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventService::~EventService() = default;

Result<std::unique_ptr<EventService>> EventService::Open(const ServiceOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  StoreOptions so;
  so.read_only = true;
  auto store = Store::Open(options.db, so);
  if (!store.ok()) return store.status();
  impl->store = std::move(store).value();
  if (options.enable_code) {
    auto pipeline = Pipeline::Open(options.pipeline);
    if (!pipeline.ok()) return pipeline.status();
    impl->pipeline = std::move(pipeline).value();
  }
  return std::unique_ptr<EventService>(new EventService(std::move(impl)));
}

Reply EventService::Handle(const std::string& method, const std::string& path, const Params& params,
                           const std::string& body, const std::string& content_type) const {
  try {
    return impl_->Route(method, path, params, body, content_type);
  } catch (const std::exception& e) {
    return ErrorReply(500, std::string("internal error: ") + e.what());
  } catch (...) {
    return ErrorReply(500, "internal error");
  }
}

}  // namespace entente::server
