// GDELT 2.0 and PLOVER writers. Fields entente does not model (actor geography, known-group,
// ethnic and religion codes) are written empty; the GDELT counters and action-geography
// details an import kept in `why.note` ("key=value" words) are written back.
#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "entente/interop.h"
#include "interop/tables.h"

namespace entente {

namespace {

std::map<std::string, std::string> NoteFields(const std::string& note) {
  std::map<std::string, std::string> out;
  std::istringstream in(note);
  std::string word;
  while (in >> word) {
    size_t eq = word.find('=');
    if (eq != std::string::npos) out[word.substr(0, eq)] = word.substr(eq + 1);
  }
  return out;
}

std::string Clean(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string Num(double v, const char* fmt = "%.10g") {
  char b[32];
  std::snprintf(b, sizeof b, fmt, v);
  return b;
}

class Exporter : public EventExporter {
 public:
  explicit Exporter(interop::Tables t) : t_(std::move(t)) {}

  void WriteGdelt(const Event& e, std::ostream& out) const override {
    std::vector<std::string> c(61);
    auto note = NoteFields(e.why.note);
    auto get = [&](const char* k, const char* def) {
      auto it = note.find(k);
      return it == note.end() ? std::string(def) : it->second;
    };
    if (e.id.rfind("gdelt:", 0) == 0) c[0] = e.id.substr(6);
    else c[0] = std::to_string(std::strtoull(e.id.substr(0, 15).c_str(), nullptr, 16));
    auto d = Date::Parse(e.date);
    if (d) {
      char b[16];
      std::snprintf(b, sizeof b, "%04d%02d%02d", d->year, d->month, d->day);
      c[1] = b;
      c[2] = c[1].substr(0, 6);
      c[3] = c[1].substr(0, 4);
      c[4] = Num(d->year + ((d->month - 1) * 30 + d->day) / 365.0, "%.4f");
    }
    auto actor = [&](size_t base, const ActorRef& a) {
      c[base] = a.code;
      c[base + 1] = Clean(a.name.empty() ? a.text : a.name);
      c[base + 2] = a.country;
      c[base + 7] = a.sector;
    };
    actor(5, e.source);
    if (e.target) actor(15, *e.target);
    c[25] = get("IsRootEvent", "1");
    c[26] = e.cameo;
    c[27] = e.cameo.substr(0, std::min<size_t>(3, e.cameo.size()));
    c[28] = e.root;
    c[29] = std::to_string(e.quad_class);
    c[30] = Num(e.goldstein);
    c[31] = get("NumMentions", "1");
    c[32] = get("NumSources", "1");
    c[33] = get("NumArticles", "1");
    c[34] = get("AvgTone", "0");
    if (e.location) {
      // GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world
      // region (ADM1); 4 when the kind is not known.
      const std::string& k = e.location->kind;
      const bool us = e.location->country == "USA";
      // An imported event keeps its own value (the note has it).
      c[51] = get("ActionGeo_Type", k == "country"                ? "1"
                                    : k == "region"               ? (us ? "2" : "5")
                                    : k == "city" || k == "site"  ? (us ? "3" : "4")
                                                                  : "4");
      c[52] = Clean(e.location->name);
      auto it = t_.iso3_to_fips.find(e.location->country);
      c[53] = it != t_.iso3_to_fips.end() ? it->second : e.location->country;
      c[54] = get("ActionGeo_ADM1Code", "");
      c[55] = get("ActionGeo_ADM2Code", "");
      c[56] = Num(e.location->lat);
      c[57] = Num(e.location->lon);
      c[58] = get("ActionGeo_FeatureID", "");
    } else {
      c[51] = get("ActionGeo_Type", "");
      c[52] = "";
      c[53] = get("ActionGeo_CountryCode", "");
      c[54] = get("ActionGeo_ADM1Code", "");
      c[55] = get("ActionGeo_ADM2Code", "");
      c[58] = get("ActionGeo_FeatureID", "");
    }
    c[59] = get("DATEADDED", d ? (c[1] + "000000").c_str() : "");
    c[60] = Clean(e.doc_id);
    for (size_t i = 0; i < c.size(); ++i) out << (i ? "\t" : "") << c[i];
    out << "\n";
  }

  void WritePlover(const Event& e, std::ostream& out) const override {
    using nlohmann::json;
    auto actor = [](const ActorRef& a) {
      return json{{"actorText", a.text}, {"code", a.country.empty() ? a.code : a.country},
                  {"sector", a.sector}, {"name", a.name}, {"cameoCode", a.code}};
    };
    json j;
    j["id"] = e.id;
    j["date"] = e.date;
    // PLOVER has no precision field; its objects take extra keys (as cameo, modality below), so
    // a date the text gave only by month or year says so here, in PLOVER's camelCase.
    if (e.date_precision != DatePrecision::kDay) j["datePrecision"] = std::string(DatePrecisionName(e.date_precision));
    j["source"] = json::array({actor(e.source)});
    j["target"] = e.target ? json::array({actor(*e.target)}) : json::array();
    size_t slash = e.plover.find('/');
    j["event"] = e.plover.substr(0, slash);
    j["mode"] = slash == std::string::npos ? "" : e.plover.substr(slash + 1);
    j["context"] = "";
    j["text"] = e.text;
    j["cameo"] = e.cameo;
    j["goldstein"] = e.goldstein;
    j["quadClass"] = e.quad_class;
    j["modality"] = std::string(ModalityName(e.modality));
    j["origin"] = e.origin;
    if (!e.doc_id.empty()) j["docId"] = e.doc_id;
    if (e.location)
      j["location"] = json{{"name", e.location->name}, {"country", e.location->country},
                           {"lat", e.location->lat}, {"lon", e.location->lon}};
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }

 private:
  interop::Tables t_;
};

}  // namespace

Result<std::unique_ptr<EventExporter>> EventExporter::Create(const std::string& root) {
  auto t = interop::LoadTables(root, nullptr);
  if (!t.ok()) return t.status();
  return std::unique_ptr<EventExporter>(new Exporter(std::move(t).value()));
}

}  // namespace entente
