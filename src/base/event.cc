#include <cstdio>

#include <nlohmann/json.hpp>

#include "entente/event.h"

namespace entente {

using nlohmann::json;

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kActual: return "actual";
    case Modality::kPlanned: return "planned";
    case Modality::kPossible: return "possible";
    case Modality::kNegated: return "negated";
  }
  return "actual";
}

std::optional<Modality> ParseModality(std::string_view s) {
  if (s == "actual") return Modality::kActual;
  if (s == "planned") return Modality::kPlanned;
  if (s == "possible") return Modality::kPossible;
  if (s == "negated") return Modality::kNegated;
  return std::nullopt;
}

std::string_view DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "day";
}

std::optional<DatePrecision> ParseDatePrecision(std::string_view s) {
  if (s == "day") return DatePrecision::kDay;
  if (s == "month") return DatePrecision::kMonth;
  if (s == "year") return DatePrecision::kYear;
  return std::nullopt;
}

DatePrecision DatePrecisionFromLetter(char c) {
  if (c == 'y') return DatePrecision::kYear;
  if (c == 'm') return DatePrecision::kMonth;
  return DatePrecision::kDay;
}

namespace {

json SpanJson(const Span& s) { return json::array({s.begin, s.end}); }

json ActorJson(const ActorRef& a) {
  return json{{"code", a.code}, {"country", a.country}, {"sector", a.sector}, {"name", a.name},
              {"text", a.text}, {"span", SpanJson(a.span)}};
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Span SpanFrom(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != 2) return {};
  return Span{(*it)[0].get<uint32_t>(), (*it)[1].get<uint32_t>()};
}

ActorRef ActorFrom(const json& j) {
  ActorRef a;
  a.code = Str(j, "code");
  a.country = Str(j, "country");
  a.sector = Str(j, "sector");
  a.name = Str(j, "name");
  a.text = Str(j, "text");
  a.span = SpanFrom(j, "span");
  return a;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string ToJson(const Event& e) {
  json j;
  j["id"] = e.id;
  j["doc_id"] = e.doc_id;
  j["sentence"] = e.sentence;
  j["sentence_span"] = SpanJson(e.sentence_span);
  j["doc_date"] = e.doc_date.empty() ? json(nullptr) : json(e.doc_date);
  j["date"] = e.date.empty() ? json(nullptr) : json(e.date);
  // Written only when not "day", so day-dated output is unchanged (docs/output.md).
  if (e.date_precision != DatePrecision::kDay) j["date_precision"] = std::string(DatePrecisionName(e.date_precision));
  j["source"] = ActorJson(e.source);
  j["target"] = e.target ? ActorJson(*e.target) : json(nullptr);
  j["cameo"] = e.cameo;
  j["root"] = e.root;
  j["plover"] = e.plover;
  j["goldstein"] = e.goldstein;
  j["quad_class"] = e.quad_class;
  j["modality"] = std::string(ModalityName(e.modality));
  if (e.location) {
    j["location"] = json{{"name", e.location->name}, {"country", e.location->country},
                         {"lat", e.location->lat}, {"lon", e.location->lon},
                         {"span", SpanJson(e.location->span)}, {"kind", e.location->kind}};
  } else {
    j["location"] = nullptr;
  }
  j["text"] = e.text;
  j["why"] = json{{"verb", SpanJson(e.why.verb)},   {"pattern", e.why.pattern},
                  {"entries", e.why.entries},       {"modality_cue", e.why.modality_cue},
                  {"date_cue", e.why.date_cue},     {"speaker", e.why.speaker},
                  {"note", e.why.note}};
  j["origin"] = e.origin;
  if (!e.group.empty()) j["group"] = e.group;
  if (!e.doc_hash.empty()) j["doc_hash"] = e.doc_hash;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool FromJson(std::string_view text, Event* e, std::string* error) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    if (error) *error = "not a JSON object";
    return false;
  }
  try {
    *e = Event();
    e->id = Str(j, "id");
    e->doc_id = Str(j, "doc_id");
    e->doc_hash = Str(j, "doc_hash");
    if (j.contains("sentence") && j["sentence"].is_number_integer()) e->sentence = j["sentence"].get<int>();
    e->sentence_span = SpanFrom(j, "sentence_span");
    e->doc_date = Str(j, "doc_date");
    e->date = Str(j, "date");
    if (auto it = j.find("date_precision"); it != j.end() && !it->is_null()) {
      auto p = it->is_string() ? ParseDatePrecision(it->get<std::string>()) : std::nullopt;
      if (!p) {
        if (error) *error = "date_precision must be \"day\", \"month\" or \"year\", got " + it->dump();
        return false;
      }
      e->date_precision = *p;
    }
    if (j.contains("source") && j["source"].is_object()) e->source = ActorFrom(j["source"]);
    if (j.contains("target") && j["target"].is_object()) e->target = ActorFrom(j["target"]);
    e->cameo = Str(j, "cameo");
    e->root = Str(j, "root");
    e->plover = Str(j, "plover");
    if (j.contains("goldstein") && j["goldstein"].is_number()) e->goldstein = j["goldstein"].get<double>();
    if (j.contains("quad_class") && j["quad_class"].is_number_integer()) e->quad_class = j["quad_class"].get<int>();
    if (auto m = ParseModality(Str(j, "modality"))) e->modality = *m;
    if (j.contains("location") && j["location"].is_object()) {
      const json& l = j["location"];
      Location loc;
      loc.name = Str(l, "name");
      loc.country = Str(l, "country");
      if (l.contains("lat") && l["lat"].is_number()) loc.lat = l["lat"].get<double>();
      if (l.contains("lon") && l["lon"].is_number()) loc.lon = l["lon"].get<double>();
      loc.span = SpanFrom(l, "span");
      loc.kind = Str(l, "kind");
      e->location = loc;
    }
    e->text = Str(j, "text");
    if (j.contains("why") && j["why"].is_object()) {
      const json& w = j["why"];
      e->why.verb = SpanFrom(w, "verb");
      e->why.pattern = Str(w, "pattern");
      if (w.contains("entries") && w["entries"].is_array())
        for (const auto& x : w["entries"])
          if (x.is_string()) e->why.entries.push_back(x.get<std::string>());
      e->why.modality_cue = Str(w, "modality_cue");
      e->why.date_cue = Str(w, "date_cue");
      e->why.speaker = Str(w, "speaker");
      e->why.note = Str(w, "note");
    }
    std::string origin = Str(j, "origin");
    if (!origin.empty()) e->origin = origin;
    e->group = Str(j, "group");
  } catch (const std::exception& ex) {
    if (error) *error = ex.what();
    return false;
  }
  return true;
}

const std::vector<std::string>& CsvHeader() {
  static const std::vector<std::string> kHeader = {
      "id", "doc_id", "sentence", "doc_date", "date", "date_precision",
      "source_code", "source_country", "source_sector", "source_name", "source_text",
      "target_code", "target_country", "target_sector", "target_name", "target_text",
      "cameo", "root", "plover", "goldstein", "quad_class", "modality",
      "location_name", "location_country", "location_lat", "location_lon", "location_kind",
      "text", "pattern", "origin"};
  return kHeader;
}

std::vector<std::string> CsvFields(const Event& e) {
  const ActorRef none;
  const ActorRef& t = e.target ? *e.target : none;
  std::vector<std::string> f = {
      e.id, e.doc_id, std::to_string(e.sentence), e.doc_date, e.date,
      std::string(DatePrecisionName(e.date_precision)),
      e.source.code, e.source.country, e.source.sector, e.source.name, e.source.text,
      t.code, t.country, t.sector, t.name, t.text,
      e.cameo, e.root, e.plover, Num(e.goldstein), std::to_string(e.quad_class),
      std::string(ModalityName(e.modality)),
      e.location ? e.location->name : "", e.location ? e.location->country : "",
      e.location ? Num(e.location->lat) : "", e.location ? Num(e.location->lon) : "",
      e.location ? e.location->kind : "",
      e.text, e.why.pattern, e.origin};
  return f;
}

}  // namespace entente
