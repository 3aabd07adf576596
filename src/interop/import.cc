// GDELT and ICEWS import.
//
// GDELT files in the wild differ in layout: 1.0 exports have 57 columns (58 with SOURCEURL
// after April 2013), 2.0 exports 61 (geography blocks gained ADM2Code); re-published samples
// add a leading index column, rename headers, quote fields, append columns or write `NA` for
// empty. Column names are therefore not trusted: each row is located by its shape. The event id
// is the first all-digit field followed by an 8-digit SQLDATE; the count of fields from there
// decides the layout (57/58 -> 1.0, >= 61 -> 2.0); anything else is a malformed row. ICEWS
// tables are read by header name, which is stable across its releases.
//
// Speed (bench/import_bench.cc): a line is split once into string_views over the reader's
// buffer (SplitFields, no per-field allocation); the Event objects of a batch are kept and
// refilled after the consumer returns (ResetEvent keeps their string capacity), so a row
// normally costs no allocation at all; SQLDATE -> ISO date is cached (exports are date-sorted)
// and ICEWS header names are resolved to column numbers once per file. Batches are small by
// default (ImportOptions::batch_size, 1,024) so the consumer reads events still in the cache.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "entente/interop.h"
#include "interop/import_internal.h"
#include "interop/line_reader.h"
#include "interop/tables.h"

namespace entente {

namespace interop {

void ResetEvent(Event* e) {
  auto actor = [](ActorRef* a) {
    a->code.clear();
    a->country.clear();
    a->sector.clear();
    a->name.clear();
    a->text.clear();
    a->span = Span();
  };
  e->id.clear();
  e->doc_id.clear();
  e->doc_hash.clear();
  e->sentence = -1;
  e->sentence_span = Span();
  e->doc_date.clear();
  e->date.clear();
  e->date_precision = DatePrecision::kDay;  // GDELT's SQLDATE and ICEWS's Event Date are days
  actor(&e->source);
  e->target.reset();
  e->cameo.clear();
  e->root.clear();
  e->plover.clear();
  e->goldstein = 0;
  e->quad_class = 0;
  e->modality = Modality::kActual;
  e->location.reset();
  e->text.clear();
  Provenance& w = e->why;
  w.verb = Span();
  w.pattern.clear();
  w.entries.clear();
  w.modality_cue.clear();
  w.date_cue.clear();
  w.speaker.clear();
  w.note.clear();
  e->origin.assign("entente");
  e->group.clear();
}

}  // namespace interop

namespace {

using interop::ResetEvent;
using interop::SplitFields;
using interop::Tables;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string_view CleanSlow(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.remove_suffix(1);
  if (s == "NA" || s == "NaN" || s == "null" || s == "None") return {};
  return s;
}

// A field without surrounding blanks or quotes and without the words that mean "empty" (NA,
// NaN, null, None) as it is; otherwise "" or the field without them.
inline std::string_view Clean(std::string_view s) {
  if (s.empty()) return s;
  const char f = s.front(), b = s.back();
  if (f != ' ' && f != '"' && b != ' ' && b != '"' && (s.size() > 4 || (f != 'N' && f != 'n'))) return s;
  return CleanSlow(s);
}

// Plain decimals ("-2.5", "41.7219", "7") with at most 15 significant digits and 22 fraction
// digits: the digits as an integer and the power of ten are both exact doubles, so one
// division is correctly rounded and gives exactly what from_chars gives (Clinger's fast path).
// False for anything else (exponents, more digits), which from_chars then parses.
bool ParseSimpleDecimal(std::string_view s, double* out) {
  static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  uint64_t m = 0;
  int digits = 0, frac = -1;
  bool any = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (m == 0 && c == '0') {
        if (frac >= 0) ++frac;
        continue;  // leading zeros are not significant
      }
      if (++digits > 15) return false;
      m = m * 10 + static_cast<uint64_t>(c - '0');
      if (frac >= 0) ++frac;
    } else if (c == '.' && frac < 0) {
      frac = 0;
    } else {
      return false;
    }
  }
  if (!any || frac > 22) return false;
  double v = static_cast<double>(m);
  if (frac > 0) v /= kPow10[frac];
  *out = neg ? -v : v;
  return true;
}

bool ParseDouble(std::string_view s, double* out) {
  s = Clean(s);
  if (!s.empty() && s.front() != '+' && ParseSimpleDecimal(s, out)) return true;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

// A note "<head> key=value key=value ..." collected as views and written with one resize.
struct NoteParts {
  static constexpr int kMax = 12;
  std::string_view keys[kMax], values[kMax];  // keys with their leading space and '='
  int n = 0;
  size_t bytes = 0;
  void Add(std::string_view key, std::string_view value) {
    keys[n] = key;
    values[n++] = value;
    bytes += key.size() + value.size();
  }
  void WriteTo(std::string_view head, std::string* out) const {
    out->resize(head.size() + bytes);
    char* p = out->data();
    p = Put(p, head);
    for (int i = 0; i < n; ++i) p = Put(Put(p, keys[i]), values[i]);
  }
  // memcpy of an empty view whose data() is null is undefined behaviour: skipped.
  static char* Put(char* p, std::string_view s) {
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
};

std::string IsoDate(std::string_view yyyymmdd) {
  auto d = Date::Parse(yyyymmdd);
  return d ? d->ToString() : std::string();
}

class Importer {
 public:
  Importer(const ImportOptions& o, Tables tables, ImportStats* stats)
      : opts_(o), tables_(std::move(tables)), stats_(stats) {
    batch_.reserve(std::min<size_t>(o.batch_size, 1 << 16));  // no moves while the first batch fills
  }

  void Malformed(const std::string& file, int64_t line, const std::string& why) {
    ++stats_->malformed;
    if (opts_.sink) {
      Diagnostic d;
      d.level = Diagnostic::Level::kError;
      d.file = file;
      d.line = line;
      d.message = why;
      opts_.sink(d);
    }
  }

  std::string Plover(const std::string& cameo) const {
    if (!opts_.kb) return "";
    if (const CameoCode* c = opts_.kb->Cameo(cameo)) return c->plover;
    return "";
  }

  // GDELT row -> event; false (with reason) when the row has no recognisable shape.
  bool GdeltEvent(const std::vector<std::string_view>& f, Event* e, std::string* why) {
    size_t off = 0;
    while (off + 1 < f.size() && off < 3 && !(AllDigits(Clean(f[off])) && Clean(f[off + 1]).size() == 8 &&
                                               AllDigits(Clean(f[off + 1]))))
      ++off;
    if (off + 1 >= f.size() || off >= 3) {
      *why = "no GLOBALEVENTID followed by an 8-digit SQLDATE";
      return false;
    }
    size_t n = f.size() - off;
    auto digits_at = [&](size_t i, size_t len) {
      if (i >= n) return false;
      std::string_view v = Clean(f[off + i]);
      return v.size() == len && AllDigits(v);
    };
    // 2.0 rows have a 14-digit DATEADDED at 59, 1.0 rows an 8-digit one at 56; samples may
    // append columns of their own after these.
    bool v2;
    if (n >= 61 && digits_at(59, 14)) v2 = true;
    else if (n >= 57 && digits_at(56, 8)) v2 = false;
    else if (n == 57 || n == 58) v2 = false;
    else if (n >= 61) v2 = true;
    else {
      *why = "expected 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0) fields after the event id, found " +
             std::to_string(n);
      return false;
    }
    auto F = [&](size_t i) { return Clean(f[off + i]); };
    e->id.assign("gdelt:");
    e->id.append(F(0));
    e->origin.assign("gdelt");
    e->date = IsoDateCached(F(1));
    if (e->date.empty()) {
      *why = "bad SQLDATE '" + std::string(F(1)) + "'";
      return false;
    }
    e->doc_date = e->date;
    auto actor = [&](size_t base, ActorRef* a) {
      a->code = F(base);
      a->name = F(base + 1);
      a->text = a->name;
      a->country = F(base + 2);
      a->sector = F(base + 7);
      if (a->sector.empty() && !F(base + 3).empty()) a->sector = "";  // known group: code says it
      return !(a->code.empty() && a->name.empty() && a->country.empty());
    };
    actor(5, &e->source);
    if (!F(15).empty() || !F(16).empty() || !F(17).empty()) actor(15, &e->target.emplace());
    std::string& root = e->root;
    root.assign(F(28));
    if (root.size() == 1) root.insert(root.begin(), '0');
    std::string& code = e->cameo;
    code.assign(F(26));
    if (!root.empty() && code.compare(0, root.size(), root) != 0 && root.front() == '0' &&
        code.compare(0, root.size() - 1, root, 1) == 0)
      code.insert(code.begin(), '0');
    if (code.empty() || !AllDigits(code) || root.empty()) {
      *why = "missing or non-numeric EventCode '" + code + "'";
      return false;
    }
    e->plover = Plover(code);
    std::string_view quad = F(29);
    std::from_chars(quad.data(), quad.data() + quad.size(), e->quad_class);
    double g = 0;
    if (ParseDouble(F(30), &g)) e->goldstein = g;
    // Extras kept for a faithful GDELT round trip (docs/output.md): "gdelt Key=value ...",
    // written in one pass into the note's buffer (its capacity is kept from row to row).
    {
      const size_t g0 = v2 ? 51 : 49, added = v2 ? 59 : 56;
      NoteParts parts;
      parts.Add(" IsRootEvent=", F(25));
      parts.Add(" NumMentions=", F(31));
      parts.Add(" NumSources=", F(32));
      parts.Add(" NumArticles=", F(33));
      parts.Add(" AvgTone=", F(34));
      parts.Add(" ActionGeo_Type=", F(g0));
      parts.Add(" ActionGeo_ADM1Code=", F(g0 + 3));
      if (v2) parts.Add(" ActionGeo_ADM2Code=", F(g0 + 4));
      parts.Add(" ActionGeo_FeatureID=", F(v2 ? g0 + 7 : g0 + 6));
      parts.Add(" ActionGeo_CountryCode=", F(g0 + 2));
      if (added < n) parts.Add(" DATEADDED=", F(added));
      parts.WriteTo("gdelt", &e->why.note);
    }
    size_t geo = v2 ? 51 : 49;  // ActionGeo block
    size_t lat = v2 ? geo + 5 : geo + 4;
    std::string_view place = F(geo + 1);
    double la, lo;
    if (!place.empty() && ParseDouble(F(lat), &la) && ParseDouble(F(lat + 1), &lo)) {
      Location& l = e->location.emplace();
      l.name = place;
      l.country = IsoCountry(F(geo + 2));
      l.lat = la;
      l.lon = lo;
      // ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world region.
      std::string_view type = F(geo);
      l.kind = type == "1" ? "country" : type == "2" || type == "5" ? "region" : type == "3" || type == "4" ? "city" : "";
    }
    size_t url = v2 ? 60 : 57;
    if (url < n) e->doc_id = F(url);
    e->why.pattern.assign(v2 ? "gdelt 2.0 row" : "gdelt 1.0 row");
    return true;
  }

  // FIPS 10-4 -> alpha-3 (the code itself when unknown); the last answer is remembered.
  const std::string& IsoCountry(std::string_view fips) {
    if (fips != last_fips_) {
      last_fips_.assign(fips);
      auto it = tables_.fips_to_iso3.find(last_fips_);
      last_iso3_ = it != tables_.fips_to_iso3.end() ? it->second : last_fips_;
    }
    return last_iso3_;
  }

  // IsoDate with the last answer remembered (rows come sorted by date).
  const std::string& IsoDateCached(std::string_view s) {
    if (s != last_date_in_ || last_date_in_.empty()) {
      last_date_in_.assign(s);
      last_date_iso_ = IsoDate(s);
    }
    return last_date_iso_;
  }

  // The next Event of the batch to fill, reset to defaults. It joins the batch only when
  // Commit() is called; otherwise the next call hands it out again.
  Event& Slot() {
    if (used_ == batch_.size()) return batch_.emplace_back();
    Event& e = batch_[used_];
    ResetEvent(&e);
    return e;
  }
  Status CommitSlot(const std::function<Status(std::vector<Event>&)>& consume) {
    ++used_;
    if (used_ >= opts_.batch_size) return Emit(consume);
    return Status::OK();
  }

  std::string CountryCode(std::string_view name) {
    if (name.empty()) return "";
    auto it = country_cache_.find(std::string(name));
    if (it != country_cache_.end()) return it->second;
    std::string code;
    if (opts_.kb) {
      ActorResolution r = opts_.kb->Resolve(name, std::nullopt);
      if (r.found) code = r.actor.country;
    }
    country_cache_.emplace(std::string(name), code);
    return code;
  }

  Status Gdelt(const std::string& path, const std::function<Status(std::vector<Event>&)>& consume) {
    std::unique_ptr<LineReader> reader = Open(path);
    if (!reader) return Status::OK();
    LineReader& in = *reader;
    std::string_view line;
    std::vector<std::string_view> fields;
    std::string scratch, why;
    char delim = 0;
    bool seen_data = false;
    int member = 0;
    while (in.Next(&line)) {
      if (in.member() != member) {  // a new file inside a zip/tar: it may have its own header
        member = in.member();
        seen_data = false;
        delim = 0;
      }
      if (line.empty()) continue;
      if (!delim) delim = line.find('\t') != std::string_view::npos ? '\t' : ',';
      SplitFields(line, delim, delim == ',', &fields, &scratch);
      Event& e = Slot();
      bool first = !seen_data;
      seen_data = true;
      if (!GdeltEvent(fields, &e, &why)) {
        // A first line that is not an event but has words in it is a header.
        if (first && line.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") !=
                         std::string_view::npos && !AllDigits(Clean(fields[0]))) {
          continue;
        }
        ++stats_->rows;
        Malformed(in.where(), in.line_number(), why);
        continue;
      }
      ++stats_->rows;
      ENTENTE_RETURN_IF_ERROR(CommitSlot(consume));
    }
    if (!in.status().ok()) Malformed(in.where(), in.line_number(), in.status().message());
    return Emit(consume);
  }

  Status Icews(const std::string& path, const std::function<Status(std::vector<Event>&)>& consume) {
    std::unique_ptr<LineReader> reader = Open(path);
    if (!reader) return Status::OK();
    LineReader& in = *reader;
    std::string_view line;
    std::vector<std::string_view> fields;
    std::string scratch;
    std::unordered_map<std::string, size_t> col;
    auto norm = [](std::string_view s) {
      std::string out;
      for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return out;
    };
    static const char* kRequired[] = {"eventid", "eventdate", "sourcename", "sourcecountry", "cameocode",
                                      "targetname", "targetcountry"};
    while (in.Next(&line)) {
      if (line.empty()) continue;
      SplitFields(line, '\t', true, &fields, &scratch);
      if (col.empty()) {
        for (size_t i = 0; i < fields.size(); ++i) col[norm(fields[i])] = i;
        for (const char* r : kRequired)
          if (!col.count(r)) {
            stats_->rejected.push_back(path + ": not an ICEWS event table (no '" + r + "' column)");
            Malformed(path, in.line_number(), std::string("not an ICEWS event table: no '") + r + "' column");
            return Emit(consume);
          }
        continue;
      }
      ++stats_->rows;
      auto F = [&](const char* name) -> std::string_view {
        auto it = col.find(name);
        return it == col.end() || it->second >= fields.size() ? std::string_view() : Clean(fields[it->second]);
      };
      Event& e = Slot();
      e.origin.assign("icews");
      e.id.assign("icews:");
      e.id.append(F("eventid"));
      e.date = IsoDateCached(F("eventdate"));
      std::string code(F("cameocode"));
      if (code.size() == 2 && AllDigits(code) && code > "20") code = "0" + code;  // "42" -> "042"
      if (e.id == "icews:" || e.date.empty() || code.empty() || !AllDigits(code)) {
        Malformed(in.where(), in.line_number(), "missing event id, date or CAMEO code");
        continue;
      }
      e.doc_date = e.date;
      e.cameo = code;
      e.root = code.substr(0, 2);
      e.plover = Plover(code);
      if (opts_.kb) {
        if (const CameoCode* c = opts_.kb->Cameo(code)) e.quad_class = c->quad_class;
      }
      if (e.quad_class == 0) {
        int r = std::atoi(e.root.c_str());
        e.quad_class = r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
      }
      double g;
      if (ParseDouble(F("intensity"), &g)) e.goldstein = g;
      auto actor = [&](const char* name, const char* sectors, const char* country, ActorRef* a) {
        a->name = F(name);
        a->text = a->name;
        a->country = CountryCode(F(country));
        a->sector = tables_.SectorFor(F(sectors));
        a->code = a->country + a->sector;
        if (a->code.empty() && !a->sector.empty()) a->code = a->sector;
        return !a->name.empty();
      };
      actor("sourcename", "sourcesectors", "sourcecountry", &e.source);
      ActorRef t;
      if (actor("targetname", "targetsectors", "targetcountry", &t)) e.target = t;
      std::string story(F("storyid"));
      if (!story.empty()) e.doc_id = "icews-story:" + story;
      std::string sn(F("sentencenumber"));
      if (AllDigits(sn)) e.sentence = std::atoi(sn.c_str());
      e.text = F("eventtext");
      double la, lo;
      if (ParseDouble(F("latitude"), &la) && ParseDouble(F("longitude"), &lo)) {
        Location l;
        l.name = F("city");
        l.kind = "city";
        if (l.name.empty()) l.name = F("province"), l.kind = "region";
        if (l.name.empty()) l.name = F("country"), l.kind = "country";
        l.country = CountryCode(F("country"));
        l.lat = la;
        l.lon = lo;
        e.location = l;
      }
      e.why.pattern = "icews row";
      e.why.note = "icews publisher=" + std::string(F("publisher"));
      ENTENTE_RETURN_IF_ERROR(CommitSlot(consume));
    }
    if (!in.status().ok()) Malformed(in.where(), in.line_number(), in.status().message());
    return Emit(consume);
  }

  // Opens `path`; a file that cannot be read is listed as rejected and reported (null).
  std::unique_ptr<LineReader> Open(const std::string& path) {
    auto in = interop::OpenLines(path);
    if (!in.ok()) {
      stats_->rejected.push_back(path + ": " + in.status().message());
      Malformed(path, 0, in.status().message());
      return nullptr;
    }
    ++stats_->files;
    return std::move(in).value();
  }

  // Passes the committed events to `consume`. The Event objects stay in batch_ afterwards to be
  // refilled (the consumer may change or move from them, or take the whole vector).
  Status Emit(const std::function<Status(std::vector<Event>&)>& consume) {
    if (used_ == 0) return Status::OK();
    batch_.resize(used_);  // drops a slot left over from a rejected last row
    used_ = 0;
    stats_->events += static_cast<int64_t>(batch_.size());
    return consume(batch_);
  }

 private:
  const ImportOptions& opts_;
  Tables tables_;
  ImportStats* stats_;
  std::vector<Event> batch_;
  size_t used_ = 0;  // events of batch_ filled for the next Emit
  std::string last_date_in_, last_date_iso_, last_fips_, last_iso3_;
  std::unordered_map<std::string, std::string> country_cache_;
};

}  // namespace

Status ImportEvents(EventSource source, const std::vector<std::string>& files, const ImportOptions& options,
                    const std::function<Status(std::vector<Event>&)>& consume, ImportStats* stats) {
  ImportStats local;
  if (!stats) stats = &local;
  auto tables = interop::LoadTables(options.root, options.sink);
  if (!tables.ok()) return tables.status();
  Importer imp(options, std::move(tables).value(), stats);
  for (const auto& f : files) {
    Status s = source == EventSource::kGdelt ? imp.Gdelt(f, consume) : imp.Icews(f, consume);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace entente
