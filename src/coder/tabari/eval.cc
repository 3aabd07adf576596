// Evaluation: gold readers, the two coding paths (TABARI-style coder over given parses; the
// entente Pipeline over raw text), and scoring. Scoring aligns, per record, each gold event with
// at most one prediction (same key; else same category; else the next unused prediction) and
// derives every metric from that alignment.
#include "coder/tabari/eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "coder/tabari/coder.h"
#include "coder/tabari/dep_to_penn.h"
#include "coder/tabari/validation.h"
#include "nlp/annotator.h"

namespace entente::tabari {

using nlohmann::json;

namespace {

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

EvalActor ActorFromJson(const json& j) {
  EvalActor a;
  a.country = Str(j, "country");
  a.sector = Str(j, "sector");
  a.code = Str(j, "code");
  if (a.code.empty()) a.code = a.country;
  if (a.country.empty() && a.code.size() >= 3) a.country = a.code.substr(0, 3);
  return a;
}

json ActorToJson(const EvalActor& a) {
  json j = {{"country", a.country}};
  if (!a.sector.empty()) j["sector"] = a.sector;
  if (!a.code.empty() && a.code != a.country) j["code"] = a.code;
  return j;
}

json EventToJson(const EvalEvent& e) {
  json j;
  j["source"] = ActorToJson(e.source);
  j["target"] = e.target ? ActorToJson(*e.target) : json(nullptr);
  if (!e.cameo.empty()) j["cameo"] = e.cameo;
  if (!e.root.empty()) j["root"] = e.root;
  if (!e.plover.empty()) j["plover"] = e.plover;
  if (!e.why.empty()) j["why"] = e.why;
  if (!e.modality.empty()) j["modality"] = e.modality;
  if (!e.event_date.empty()) j["event_date"] = e.event_date;
  if (!e.place.empty()) j["place"] = e.place;
  if (!e.place_name.empty()) j["place_name"] = e.place_name;
  return j;
}

// "YYYY-MM-DD", "YYYY-MM" or "YYYY", digits in place (the day is not checked against the month).
bool ValidEventDate(const std::string& d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : !std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  return true;
}

}  // namespace

std::vector<GoldRecord> ReadJsonlGold(std::string_view text, const std::string& file,
                                      std::vector<Problem>* problems) {
  std::vector<GoldRecord> out;
  std::istringstream in{std::string(text)};
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      problems->push_back({file, no, "not a JSON object"});
      continue;
    }
    GoldRecord r;
    r.id = Str(j, "id");
    r.text = Str(j, "text");
    r.date = Str(j, "date");
    r.reciprocal = j.contains("reciprocal") && j["reciprocal"].is_boolean() && j["reciprocal"].get<bool>();
    if (r.id.empty()) r.id = file + "#" + std::to_string(no);
    if (r.text.empty()) {
      problems->push_back({file, no, "record without \"text\""});
      continue;
    }
    auto ev = j.find("events");
    if (ev == j.end() || !ev->is_array()) {
      problems->push_back({file, no, "record without an \"events\" array"});
      continue;
    }
    bool bad = false;
    for (const auto& e : *ev) {
      if (!e.is_object() || !e.contains("source") || !e["source"].is_object()) {
        problems->push_back({file, no, "event without a \"source\" object"});
        bad = true;
        break;
      }
      EvalEvent g;
      g.source = ActorFromJson(e["source"]);
      if (e.contains("target") && e["target"].is_object()) g.target = ActorFromJson(e["target"]);
      g.cameo = Str(e, "cameo");
      g.root = Str(e, "root");
      g.plover = Str(e, "plover");
      if (g.root.empty() && g.cameo.size() >= 2) g.root = g.cameo.substr(0, 2);
      if (g.cameo.empty() && g.root.empty() && g.plover.empty()) {
        problems->push_back({file, no, "event needs \"cameo\", \"root\" or \"plover\""});
        bad = true;
        break;
      }
      g.modality = Str(e, "modality");
      g.event_date = Str(e, "event_date");
      g.place = Str(e, "place");
      g.place_name = Str(e, "place_name");
      std::string why_bad;
      if (!g.modality.empty() && !ParseModality(g.modality))
        why_bad = "\"modality\" must be actual, planned, possible or negated";
      if (!g.event_date.empty() && !ValidEventDate(g.event_date))
        why_bad = "\"event_date\" must be YYYY-MM-DD, YYYY-MM or YYYY";
      if (!why_bad.empty()) {
        problems->push_back({file, no, why_bad});
        bad = true;
        break;
      }
      r.events.push_back(std::move(g));
    }
    if (!bad) out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<GoldRecord>> ReadPloverGold(std::string_view text, const std::string& file,
                                               std::vector<Problem>* problems) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array())
    return Status::InvalidArgument(file + ": expected a JSON array of PLOVER records");
  std::vector<GoldRecord> out;
  int index = 0;
  for (const auto& r : j) {
    ++index;
    if (!r.is_object()) {
      problems->push_back({file, index, "record is not an object (counted by position)"});
      continue;
    }
    std::string event = Str(r, "event");
    if (event == "DOCUMENT") continue;
    GoldRecord g;
    g.id = Str(r, "id");
    g.text = Str(r, "text");
    // Every record is dated 2000-01-01, a placeholder (PLOVER_GSR_CAMEO_readme): the examples
    // come from many years, so the date is left out and actors are resolved without one.
    g.date.clear();
    if (g.text.empty() || event.empty()) {
      problems->push_back({file, index, "record " + g.id + " without text or event"});
      continue;
    }
    auto actors = [](const json& v) {
      std::vector<EvalActor> out;
      auto one = [&](const json& a) {
        if (!a.is_object()) return;
        EvalActor x;
        x.code = Str(a, "code");
        // The gold writes three states with non-ISO codes (JAP 3 times, ITL 2, VTN 1);
        // everything else in it is ISO 3166 alpha-3.
        if (x.code == "JAP") x.code = "JPN";
        if (x.code == "ITL") x.code = "ITA";
        if (x.code == "VTN") x.code = "VNM";
        x.country = x.code;
        x.sector = Str(a, "sector");
        if (!x.code.empty()) out.push_back(x);
      };
      if (v.is_array()) {
        for (const auto& a : v) one(a);
      } else {
        one(v);
      }
      return out;
    };
    auto sources = r.contains("source") ? actors(r["source"]) : std::vector<EvalActor>{};
    auto targets = r.contains("target") ? actors(r["target"]) : std::vector<EvalActor>{};
    if (sources.empty()) {
      problems->push_back({file, index, "record " + g.id + " has no coded source (kept, no events)"});
    }
    std::string markup;
    if (r.contains("textInfo") && r["textInfo"].is_object()) markup = Str(r["textInfo"], "markup");
    g.reciprocal = targets.empty() && sources.size() >= 2 &&
                   markup.find("SRC/TAR") != std::string::npos;
    for (const auto& s : sources) {
      if (targets.empty()) {
        EvalEvent e;
        e.source = s;
        e.plover = event;
        g.events.push_back(e);
      }
      for (const auto& t : targets) {
        EvalEvent e;
        e.source = s;
        e.target = t;
        e.plover = event;
        g.events.push_back(e);
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::string WriteJsonlGold(const std::vector<GoldRecord>& records) {
  std::string out;
  for (const auto& r : records) {
    json j = {{"id", r.id}, {"text", r.text}, {"date", r.date}, {"events", json::array()}};
    if (r.reciprocal) j["reciprocal"] = true;
    for (const auto& e : r.events) j["events"].push_back(EventToJson(e));
    out += j.dump() + "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scoring.

namespace {

std::string ActorKey(const std::optional<EvalActor>& a) { return a ? a->code : "-"; }

// The code at the gold event's level.
enum class Level { kCameo, kRoot, kPlover };
Level LevelOf(const EvalEvent& g) {
  if (!g.cameo.empty()) return Level::kCameo;
  if (!g.root.empty()) return Level::kRoot;
  return Level::kPlover;
}
std::string CodeAt(const EvalEvent& e, Level l) {
  switch (l) {
    case Level::kCameo: return e.cameo;
    case Level::kRoot: return e.root;
    case Level::kPlover: return e.plover;
  }
  return "";
}
std::string Category(const EvalEvent& e, bool plover) { return plover ? e.plover : e.root; }

Prf MatchCount(const std::vector<std::string>& gold, const std::vector<std::string>& pred) {
  std::multiset<std::string> p(pred.begin(), pred.end());
  Prf r;
  for (const auto& g : gold) {
    auto it = p.find(g);
    if (it != p.end()) {
      ++r.tp;
      p.erase(it);
    } else {
      ++r.fn;
    }
  }
  r.fp = static_cast<int64_t>(p.size());
  return r;
}

void Add(Prf* a, const Prf& b) {
  a->tp += b.tp;
  a->fp += b.fp;
  a->fn += b.fn;
}

// A coded sector matches the gold's when equal, or when the gold names a role (three letters)
// and the coded sector is that role followed by a group ("REB" against "REBPKK").
bool SectorMatches(const std::string& coded, const std::string& gold) {
  if (coded == gold) return true;
  return gold.size() == 3 && coded.size() > 3 && coded.compare(0, 3, gold) == 0;
}

// A prediction carries its PLOVER 0.8 mode ("ASSAULT/firearms"); a gold event written with the
// category alone ("ASSAULT") asks only for the category. So a prediction's mode is dropped unless
// the record's gold codes that category with a mode, which the prediction must then match.
std::string PloverAtGoldDetail(const std::string& plover, const std::vector<EvalEvent>& gold) {
  size_t slash = plover.find('/');
  if (slash == std::string::npos) return plover;
  std::string_view base(plover.data(), slash);
  for (const auto& g : gold) {
    size_t gs = g.plover.find('/');
    if (gs != std::string::npos && std::string_view(g.plover.data(), gs) == base) return plover;
  }
  return std::string(base);
}

std::vector<EvalEvent> AtGoldPloverDetail(std::vector<EvalEvent> predicted,
                                          const std::vector<EvalEvent>& gold) {
  for (auto& p : predicted) p.plover = PloverAtGoldDetail(p.plover, gold);
  return predicted;
}

}  // namespace

EvalReport Score(std::vector<RecordOutcome> outcomes) {
  EvalReport r;
  bool any_plover = false, any_root = false;
  for (const auto& o : outcomes)
    for (const auto& g : o.gold) {
      if (!g.plover.empty()) any_plover = true;
      if (!g.root.empty()) any_root = true;
    }
  for (auto& o : outcomes) {
    ++r.records;
    // Predictions compared at the gold's PLOVER detail (the record keeps them as coded).
    const std::vector<EvalEvent> pred = AtGoldPloverDetail(o.predicted, o.gold);
    // Triples at the gold's level.
    std::vector<bool> used(pred.size(), false);
    std::vector<int> align(o.gold.size(), -1);
    for (size_t gi = 0; gi < o.gold.size(); ++gi) {
      const auto& g = o.gold[gi];
      Level l = LevelOf(g);
      for (size_t pi = 0; pi < pred.size(); ++pi) {
        const auto& p = pred[pi];
        if (used[pi]) continue;
        if (ActorKey(g.source) == ActorKey(p.source) && ActorKey(g.target) == ActorKey(p.target) &&
            CodeAt(g, l) == CodeAt(p, l)) {
          used[pi] = true;
          align[gi] = static_cast<int>(pi);
          break;
        }
      }
    }
    Prf t;
    for (int a : align) (a >= 0 ? t.tp : t.fn)++;
    for (bool u : used)
      if (!u) ++t.fp;
    Add(&r.triples, t);
    bool discard_ok = true;
    if (o.expected_error == "storydiscard" || o.expected_error == "sentencediscard")
      discard_ok = !o.error.empty();
    o.exact = t.fn == 0 && t.fp == 0 && discard_ok;
    if (o.exact) {
      ++r.exact;
    } else {
      r.failures_by_category[o.category.empty() ? "-" : o.category]++;
    }
    // Roots and PLOVER.
    std::vector<std::string> gk, pk, gp, pp, gc, pc;
    bool record_plover = true;
    for (const auto& g : o.gold)
      if (g.plover.empty()) record_plover = false;
    for (const auto& g : o.gold) {
      std::string s = ActorKey(g.source) + "|" + ActorKey(g.target) + "|";
      if (!g.root.empty()) gk.push_back(s + g.root);
      if (!g.plover.empty()) gp.push_back(s + g.plover);
      gc.push_back(Category(g, any_plover));
    }
    // Categories count once per record: a compound actor's several gold events (one per
    // source x target pair) share one category, and so do repeated predictions.
    auto distinct = [](std::vector<std::string>* v) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    };
    for (const auto& p : pred) {
      std::string s = ActorKey(p.source) + "|" + ActorKey(p.target) + "|";
      pk.push_back(s + p.root);
      if (any_plover && record_plover) pp.push_back(s + p.plover);
      pc.push_back(Category(p, any_plover));
    }
    distinct(&gc);
    distinct(&pc);
    if (any_root || !any_plover) Add(&r.roots, MatchCount(gk, pk));
    if (any_plover) {
      Add(&r.plover, MatchCount(gp, pp));
    }
    Add(&r.categories, MatchCount(gc, pc));
    // Second pass of alignment for actor accuracy and confusion: same category, then any.
    for (size_t gi = 0; gi < o.gold.size(); ++gi) {
      if (align[gi] >= 0) continue;
      std::string gcat = Category(o.gold[gi], any_plover);
      for (int pass = 0; pass < 2 && align[gi] < 0; ++pass)
        for (size_t pi = 0; pi < pred.size(); ++pi) {
          if (used[pi]) continue;
          if (pass == 0 && Category(pred[pi], any_plover) != gcat) continue;
          used[pi] = true;
          align[gi] = static_cast<int>(pi);
          break;
        }
    }
    for (size_t gi = 0; gi < o.gold.size(); ++gi) {
      const auto& g = o.gold[gi];
      const EvalEvent* p = align[gi] >= 0 ? &pred[align[gi]] : nullptr;
      if (p) {
        auto when = [&](Accuracy* a, const char* field, const std::string& gv, const std::string& pv) {
          if (gv.empty()) return;
          a->total++;
          // A gold value "-" asks for none ("place": "-": the event has no place).
          if (gv == "-" ? pv.empty() : gv == pv) {
            a->right++;
          } else {
            r.when_misses.push_back({o.id, field, gv, pv.empty() ? "-" : pv});
          }
        };
        when(&r.modality, "modality", g.modality, p->modality);
        when(&r.event_date, "event_date", g.event_date, p->event_date);
        when(&r.place, "place", g.place, p->place);
        if (!g.modality.empty())
          r.modality_confusion[{g.modality, p->modality.empty() ? "-" : p->modality}]++;
      }
      std::string gcat = Category(g, any_plover);
      r.root_confusion[{gcat, p ? Category(*p, any_plover) : "-"}]++;
      if (!p) {
        r.error_kinds["missed event (nothing coded for it)"]++;
      } else {
        if (Category(*p, any_plover) != gcat) r.error_kinds["wrong event category"]++;
        if (p->source.country != g.source.country) r.error_kinds["wrong source country"]++;
        if (g.target && !p->target) r.error_kinds["target missing (gold has one)"]++;
        if (g.target && p->target && p->target->country != g.target->country)
          r.error_kinds["wrong target country"]++;
        if (!g.target && p->target) r.error_kinds["target coded where gold has none"]++;
      }
      if (!g.source.country.empty()) {
        r.source_country.total++;
        if (p && p->source.country == g.source.country) r.source_country.right++;
        if (p) {
          r.source_country_coded.total++;
          if (p->source.country == g.source.country) r.source_country_coded.right++;
        }
      }
      if (p && g.target && !g.target->country.empty()) {
        r.target_country_coded.total++;
        if (p->target && p->target->country == g.target->country) r.target_country_coded.right++;
      }
      if (!g.source.sector.empty()) {
        r.source_sector.total++;
        if (p && SectorMatches(p->source.sector, g.source.sector)) r.source_sector.right++;
      }
      if (g.target && !g.target->country.empty()) {
        r.target_country.total++;
        if (p && p->target && p->target->country == g.target->country) r.target_country.right++;
      }
      if (g.target && !g.target->sector.empty()) {
        r.target_sector.total++;
        if (p && p->target && SectorMatches(p->target->sector, g.target->sector)) r.target_sector.right++;
      }
    }
    for (size_t pi = 0; pi < pred.size(); ++pi) {
      if (used[pi]) continue;
      r.root_confusion[{"-", Category(pred[pi], any_plover)}]++;
      r.error_kinds["spurious event (no gold event left)"]++;
    }
  }
  r.outcomes = std::move(outcomes);
  return r;
}

namespace {

std::string Pct(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", 100 * v);
  return b;
}
std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}
std::string EventText(const EvalEvent& e) {
  std::string code = !e.cameo.empty() ? e.cameo : !e.root.empty() ? e.root : "";
  if (!e.plover.empty()) code += (code.empty() ? "" : "/") + e.plover;
  std::string s = e.source.code + (e.source.sector.empty() || e.source.code.find(e.source.sector) != std::string::npos
                                       ? ""
                                       : ":" + e.source.sector);
  std::string t = "-";
  if (e.target)
    t = e.target->code + (e.target->sector.empty() || e.target->code.find(e.target->sector) != std::string::npos
                              ? ""
                              : ":" + e.target->sector);
  return s + " -> " + t + " " + code;
}
int64_t Badness(const RecordOutcome& o) {
  // Mismatched events on either side.
  std::multiset<std::string> g, p;
  for (const auto& e : o.gold) g.insert(EventText(e));
  for (const auto& e : o.predicted) p.insert(EventText(e));
  int64_t bad = 0;
  for (const auto& x : g)
    if (!p.count(x)) ++bad;
  for (const auto& x : p)
    if (!g.count(x)) ++bad;
  return bad;
}
std::vector<const RecordOutcome*> Worst(const EvalReport& r, int n) {
  std::vector<const RecordOutcome*> f;
  for (const auto& o : r.outcomes)
    if (!o.exact) f.push_back(&o);
  std::stable_sort(f.begin(), f.end(), [](auto* a, auto* b) { return Badness(*a) > Badness(*b); });
  if (static_cast<int>(f.size()) > n) f.resize(static_cast<size_t>(n));
  return f;
}

}  // namespace

std::string FormatReport(const EvalReport& r, int worst, bool all_failures) {
  std::ostringstream out;
  auto prf = [&](const char* name, const Prf& p) {
    out << "  " << name << ": precision " << Num(p.precision()) << "  recall " << Num(p.recall())
        << "  F1 " << Num(p.f1()) << "  (tp " << p.tp << ", fp " << p.fp << ", fn " << p.fn << ")\n";
  };
  auto acc = [&](const char* name, const Accuracy& a) {
    out << "  " << name << ": " << (a.total ? Pct(a.rate()) : "n/a") << " (" << a.right << "/"
        << a.total << ")\n";
  };
  out << "gold: " << r.gold << "\ncoder: " << r.coder << "\n";
  out << "records: " << r.records << "\nexact: " << r.exact << " (" << Pct(r.exact_rate()) << ")\n";
  prf("triples", r.triples);
  if (r.roots.tp + r.roots.fp + r.roots.fn) prf("root level", r.roots);
  if (r.plover.tp + r.plover.fp + r.plover.fn) prf("PLOVER level", r.plover);
  prf("category only (distinct per record)", r.categories);
  if (r.unscored_predictions)
    out << "  predictions outside PLOVER (CAMEO 01/02), not scored: " << r.unscored_predictions << "\n";
  acc("source country", r.source_country);
  acc("source country of coded events", r.source_country_coded);
  acc("target country of coded events", r.target_country_coded);
  acc("target country", r.target_country);
  acc("source sector", r.source_sector);
  acc("target sector", r.target_sector);
  // Whether, when and where: only when the gold gives them.
  if (r.modality.total) acc("modality of aligned events", r.modality);
  if (r.event_date.total) acc("event date of aligned events (day/precision)", r.event_date);
  if (r.place.total) acc("place country of aligned events", r.place);
  if (!r.modality_confusion.empty()) {
    static const char* kModes[] = {"actual", "planned", "possible", "negated"};
    out << "modality (rows gold, columns predicted):\n" << std::string(10, ' ');
    for (const char* c : kModes) out << std::string(10 - std::string(c).size(), ' ') << c;
    out << "\n";
    for (const char* g : kModes) {
      out << std::string(10 - std::string(g).size(), ' ') << g;
      for (const char* c : kModes) {
        auto it = r.modality_confusion.find({g, c});
        std::string v = it == r.modality_confusion.end() ? "." : std::to_string(it->second);
        out << std::string(10 - v.size(), ' ') << v;
      }
      out << "\n";
    }
  }
  if (!r.when_misses.empty() && worst > 0) {
    out << "modality/date/place misses:\n";
    int n = 0;
    for (const auto& m : r.when_misses) {
      if (n++ >= worst) break;
      out << "  " << m.id << " " << m.field << ": gold " << m.gold << ", got " << m.predicted << "\n";
    }
  }
  if (!r.error_kinds.empty()) {
    out << "error kinds (gold events / predictions):\n";
    std::vector<std::pair<int64_t, std::string>> k;
    for (const auto& [name, n] : r.error_kinds) k.push_back({n, name});
    std::sort(k.rbegin(), k.rend());
    for (const auto& [n, name] : k) out << "  " << n << "  " << name << "\n";
  }
  // Confusion table: gold rows, predicted columns ("-" = none).
  std::set<std::string> rows, cols;
  for (const auto& [k, n] : r.root_confusion) {
    rows.insert(k.first);
    cols.insert(k.second);
  }
  out << "confusion (rows gold, columns predicted, - none):\n";
  size_t w = 4;
  for (const auto& c : cols) w = std::max(w, c.size() + 1);
  for (const auto& c : rows) w = std::max(w, c.size() + 1);
  auto cell = [&](const std::string& s) {
    out << std::string(w > s.size() ? w - s.size() : 1, ' ') << s;
  };
  cell("");
  for (const auto& c : cols) cell(c);
  out << "\n";
  for (const auto& g : rows) {
    cell(g);
    for (const auto& c : cols) {
      auto it = r.root_confusion.find({g, c});
      cell(it == r.root_confusion.end() ? "." : std::to_string(it->second));
    }
    out << "\n";
  }
  if (!r.failures_by_category.empty()) {
    out << "failures by category:";
    for (const auto& [c, n] : r.failures_by_category) out << " " << c << " " << n << ";";
    out << "\n";
  }
  if (all_failures) {
    out << "failing records:\n";
    for (const auto& o : r.outcomes)
      if (!o.exact) out << "  " << o.id << " [" << (o.category.empty() ? "-" : o.category) << "]\n";
  }
  auto bad = Worst(r, worst);
  if (!bad.empty()) out << "worst cases:\n";
  for (const auto* o : bad) {
    out << "- " << o->id << (o->category.empty() ? "" : " [" + o->category + "]") << ": " << o->text
        << "\n";
    for (const auto& e : o->gold) out << "    gold: " << EventText(e) << "\n";
    if (o->gold.empty())
      out << "    gold: no events" << (o->expected_error.empty() ? "" : " (" + o->expected_error + ")") << "\n";
    for (const auto& e : o->predicted)
      out << "    got:  " << EventText(e) << (e.why.empty() ? "" : "   [" + e.why + "]") << "\n";
    if (o->predicted.empty()) out << "    got:  no events" << (o->error.empty() ? "" : " (" + o->error + ")") << "\n";
    if (!o->detail.empty()) out << "    note: " << o->detail << "\n";
  }
  return out.str();
}

std::string ReportJson(const EvalReport& r, int worst) {
  auto prf = [](const Prf& p) {
    return json{{"precision", p.precision()}, {"recall", p.recall()}, {"f1", p.f1()},
                {"tp", p.tp}, {"fp", p.fp}, {"fn", p.fn}};
  };
  auto acc = [](const Accuracy& a) {
    return json{{"accuracy", a.total ? json(a.rate()) : json(nullptr)}, {"right", a.right}, {"total", a.total}};
  };
  json j;
  j["gold"] = r.gold;
  j["coder"] = r.coder;
  j["records"] = r.records;
  j["exact"] = r.exact;
  j["exact_rate"] = r.exact_rate();
  j["triples"] = prf(r.triples);
  j["roots"] = prf(r.roots);
  j["plover"] = prf(r.plover);
  j["categories"] = prf(r.categories);
  j["unscored_predictions"] = r.unscored_predictions;
  j["source_country"] = acc(r.source_country);
  j["source_country_coded"] = acc(r.source_country_coded);
  j["target_country_coded"] = acc(r.target_country_coded);
  j["target_country"] = acc(r.target_country);
  j["source_sector"] = acc(r.source_sector);
  j["target_sector"] = acc(r.target_sector);
  if (r.modality.total) j["modality"] = acc(r.modality);
  if (r.event_date.total) j["event_date"] = acc(r.event_date);
  if (r.place.total) j["place"] = acc(r.place);
  if (!r.modality_confusion.empty()) {
    json mc = json::array();
    for (const auto& [k, n] : r.modality_confusion)
      mc.push_back({{"gold", k.first}, {"predicted", k.second}, {"count", n}});
    j["modality_confusion"] = mc;
  }
  if (!r.when_misses.empty()) {
    json wm = json::array();
    for (const auto& m : r.when_misses)
      wm.push_back({{"id", m.id}, {"field", m.field}, {"gold", m.gold}, {"predicted", m.predicted}});
    j["when_misses"] = wm;
  }
  j["error_kinds"] = r.error_kinds;
  json conf = json::array();
  for (const auto& [k, n] : r.root_confusion) conf.push_back({{"gold", k.first}, {"predicted", k.second}, {"count", n}});
  j["confusion"] = conf;
  j["failures_by_category"] = r.failures_by_category;
  json fails = json::array();
  for (const auto& o : r.outcomes)
    if (!o.exact) fails.push_back({{"id", o.id}, {"category", o.category}});
  j["failures"] = fails;
  json w = json::array();
  for (const auto* o : Worst(r, worst)) {
    json x = {{"id", o->id}, {"category", o->category}, {"text", o->text}, {"gold", json::array()},
              {"predicted", json::array()}};
    for (const auto& e : o->gold) x["gold"].push_back(EventToJson(e));
    for (const auto& e : o->predicted) x["predicted"].push_back(EventToJson(e));
    if (!o->error.empty()) x["error"] = o->error;
    if (!o->expected_error.empty()) x["expected_error"] = o->expected_error;
    if (!o->detail.empty()) x["note"] = o->detail;
    w.push_back(x);
  }
  j["worst"] = w;
  return j.dump(2);
}

// ---------------------------------------------------------------------------------------------
// Coding paths.

namespace {

EvalActor PetrarchActor(const std::string& code) {
  EvalActor a;
  a.code = code;
  a.country = code.size() >= 3 ? code.substr(0, 3) : code;
  a.sector = code.size() >= 6 ? code.substr(3, 3) : "";
  return a;
}

// The text parsed by our models as one sentence, in Penn brackets.
Result<std::string> OwnParse(const nlp::Annotator& annotator, const std::string& text) {
  Document doc;
  doc.text = text;
  SegmentDocument(&doc);
  if (doc.tokens.empty()) return Status::InvalidArgument("no words to parse");
  doc.sentences.assign(1, Sentence{});
  doc.sentences[0].span = {doc.tokens.front().span.begin, doc.tokens.back().span.end};
  doc.sentences[0].first_token = 0;
  doc.sentences[0].end_token = static_cast<uint32_t>(doc.tokens.size());
  ENTENTE_RETURN_IF_ERROR(annotator.Annotate(&doc));
  return DependencyToPenn(SentenceDepTokens(doc, doc.sentences[0]));
}

EvalEvent PetrarchEvent(const std::string& s, const std::string& t, const std::string& c) {
  EvalEvent e;
  e.source = PetrarchActor(s);
  e.target = PetrarchActor(t);
  e.cameo = c;
  e.root = c.substr(0, 2);
  return e;
}

// Our ontology follows PLOVER 0.8 (2021), with modes ("ASSAULT/firearms"); the PLOVER gold
// sentences were coded with the 0.6 draft. The crosswalk: drop the mode; ACCUSE -> DISAPPROVE
// (ACCUSE/investigate -> INVESTIGATE); REQUEST -> DEMAND; CAMEO root 19 -> FIGHT (0.6 kept
// FIGHT apart from ASSAULT).
// The PLOVER 0.6 category of a prediction, as PLOVER_GSR_CAMEO.json was built: from the CAMEO
// chapter of the manual example (03 AGREE, 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID,
// 080-083 CONCEDE, 084-087 RETREAT, 09 INVESTIGATE, 10 DEMAND, 11 DISAPPROVE, 12 REJECT,
// 13 THREATEN, 14 PROTEST, 15 MOBILIZE, 16 SANCTION, 17 COERCE, 18 ASSAULT, 19 and 20 FIGHT;
// 01 and 02 have none). The PLOVER 0.8 crosswalk differs (163 COERCE, 1712/175/20 ASSAULT,
// 191/192 COERCE), so the CAMEO code decides; without one, 0.8 names are renamed (REQUEST ->
// DEMAND, ACCUSE -> DISAPPROVE or INVESTIGATE, mode dropped).
std::string PloverGsrCategory(const std::string& plover, const std::string& cameo) {
  if (cameo.size() >= 2 && std::isdigit(static_cast<unsigned char>(cameo[0])) &&
      std::isdigit(static_cast<unsigned char>(cameo[1]))) {
    int root = std::stoi(cameo.substr(0, 2));
    static const char* kByRoot[] = {"",         "",           "",       "AGREE",    "CONSULT",
                                    "SUPPORT",  "COOPERATE",  "AID",    "CONCEDE",  "INVESTIGATE",
                                    "DEMAND",   "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
                                    "MOBILIZE", "SANCTION",   "COERCE", "ASSAULT",  "FIGHT",
                                    "FIGHT"};
    if (root == 8 && cameo.size() >= 3 && cameo[2] >= '4' && cameo[2] <= '7') return "RETREAT";
    if (root >= 0 && root <= 20) return kByRoot[root];
  }
  if (plover.empty()) return plover;
  std::string base = plover.substr(0, plover.find('/'));
  if (plover == "ACCUSE/investigate") return "INVESTIGATE";
  if (base == "ACCUSE") return "DISAPPROVE";
  if (base == "REQUEST") return "DEMAND";
  return base;
}

}  // namespace

Result<EvalReport> EvaluatePetrarchSuite(const std::string& xml_path, const std::string& dict_dir,
                                         const std::vector<std::string>& dicts,
                                         std::vector<Problem>* problems,
                                         const SuiteParses& parses) {
  std::unique_ptr<nlp::Annotator> annotator;
  if (parses.own) {
    nlp::AnnotatorOptions ao;
    ao.accurate = parses.accurate;
    auto a = nlp::Annotator::Load(parses.models_dir, ao);
    if (!a.ok()) return a.status();
    annotator = std::move(*a);
  }
  auto xml = ReadTextFile(xml_path);
  if (!xml.ok()) return xml.status();
  auto suite = ReadValidationXml(*xml, xml_path, problems);
  if (!suite.ok()) return suite.status();
  Dictionaries d;
  if (!dicts.empty()) {
    for (const auto& p : dicts) ENTENTE_RETURN_IF_ERROR(d.LoadByName(p));
  } else {
    auto file = [&](const char* key) -> std::string {
      auto it = suite->environment.find(key);
      return it == suite->environment.end() ? "" : dict_dir + "/" + it->second;
    };
    if (file("Verbfile").empty() || file("Actorfile").empty())
      return Status::InvalidArgument(xml_path + ": <Environment> names no <Verbfile>/<Actorfile>");
    ENTENTE_RETURN_IF_ERROR(d.LoadVerbs(file("Verbfile")));
    ENTENTE_RETURN_IF_ERROR(d.LoadActors(file("Actorfile")));
    if (!file("Agentfile").empty()) ENTENTE_RETURN_IF_ERROR(d.LoadAgents(file("Agentfile")));
    if (!file("Discardfile").empty()) ENTENTE_RETURN_IF_ERROR(d.LoadDiscards(file("Discardfile")));
  }
  problems->insert(problems->end(), d.problems.begin(), d.problems.end());
  TabariCoder coder(&d);
  std::vector<RecordOutcome> outcomes;
  for (const auto& rec : suite->records) {
    RecordOutcome o;
    o.id = rec.id;
    o.category = rec.category;
    o.text = rec.text;
    o.expected_error = rec.error;
    for (const auto& g : rec.gold) o.gold.push_back(PetrarchEvent(g.source, g.target, g.code));
    CoderOptions opt;
    opt.Apply(rec.config);
    std::string parse = rec.parse;
    if (annotator) {
      auto own = OwnParse(*annotator, rec.text);
      if (!own.ok()) {
        o.detail = own.status().ToString();
        parse.clear();
      } else {
        parse = std::move(*own);
      }
    }
    CodingResult res = coder.Code(rec.text, parse, rec.date, opt);
    o.error = res.error;
    o.detail = res.detail;
    for (const auto& e : res.events) {
      EvalEvent p = PetrarchEvent(e.source, e.target, e.code);
      p.why = e.verb + ": " + e.pattern;
      o.predicted.push_back(p);
    }
    outcomes.push_back(std::move(o));
  }
  EvalReport r = Score(std::move(outcomes));
  r.gold = xml_path;
  r.coder = annotator ? "tabari coder, own parses (nlp models, dependency -> Penn)"
                      : "tabari coder, given Penn Treebank parses";
  return r;
}

Result<EvalReport> EvaluateWithPipeline(const std::vector<GoldRecord>& gold,
                                        const PipelineOptions& options, const std::string& label,
                                        bool plover_gsr) {
  auto pipeline = Pipeline::Open(options);
  if (!pipeline.ok()) return pipeline.status();
  std::vector<RecordOutcome> outcomes;
  int64_t unscored = 0;
  for (const auto& g : gold) {
    RecordOutcome o;
    o.id = g.id;
    o.category = g.category;
    o.text = g.text;
    o.gold = g.events;
    Document doc;
    doc.id = g.id;
    doc.text = g.text;
    doc.date = Date::Parse(g.date);
    doc.hash = ContentHash("", doc.text);
    std::vector<Event> events;
    Status st = (*pipeline)->Process(&doc, &events);
    if (!st.ok()) o.detail = st.ToString();
    std::set<std::string> seen;
    for (const auto& e : events) {
      EvalEvent p;
      auto actor = [](const ActorRef& a) {
        EvalActor x;
        // Non-state actors keep their organisation prefix (the gold writes "IGO", "NGO");
        // others without a country are "---".
        std::string prefix = a.code.substr(0, std::min<size_t>(3, a.code.size()));
        bool org = prefix == "IGO" || prefix == "NGO" || prefix == "NGM" || prefix == "IMG" || prefix == "MNC";
        x.country = !a.country.empty() ? a.country : org ? prefix : "---";
        x.code = x.country;
        x.sector = a.sector;
        return x;
      };
      p.source = actor(e.source);
      if (e.target) p.target = actor(*e.target);
      if (g.reciprocal && p.target) {
        // Between two of the gold's reciprocal sources: the gold writes it target-less.
        auto is_source = [&](const EvalActor& a) {
          for (const auto& ge : g.events)
            if (ge.source.code == a.code) return true;
          return false;
        };
        if (is_source(p.source) && is_source(*p.target)) p.target.reset();
      }
      p.cameo = e.cameo;
      p.root = e.root.empty() && e.cameo.size() >= 2 ? e.cameo.substr(0, 2) : e.root;
      p.plover = e.plover;
      p.why = e.why.pattern;
      p.modality = std::string(ModalityName(e.modality));
      p.event_date = e.date;
      if (e.date_precision == DatePrecision::kMonth && p.event_date.size() >= 7) p.event_date.resize(7);
      if (e.date_precision == DatePrecision::kYear && p.event_date.size() >= 4) p.event_date.resize(4);
      if (e.location) {
        p.place = e.location->country;
        p.place_name = e.location->name;
      }
      if (plover_gsr) {
        p.plover = PloverGsrCategory(e.plover, p.cameo.empty() ? p.root : p.cameo);
        // CAMEO 01 (statements) and 02 (appeals) have no PLOVER category: the gold never codes
        // them, so they are neither right nor wrong here.
        if (p.plover.empty()) {
          ++unscored;
          continue;
        }
        if (p.plover != e.plover) p.why += (p.why.empty() ? "" : "; ") + ("PLOVER " + e.plover);
      }
      // One prediction per (source, target, code): mentions of the same event count once.
      std::string key = EventText(p);
      if (!seen.insert(key).second) continue;
      o.predicted.push_back(p);
    }
    outcomes.push_back(std::move(o));
  }
  EvalReport r = Score(std::move(outcomes));
  r.gold = label;
  r.coder = std::string("entente pipeline") + (options.fast ? " (fast)" : "");
  if (!options.knowledge.dicts.empty())
    r.coder += " + " + std::to_string(options.knowledge.dicts.size()) + " --dict file" +
               (options.knowledge.dicts.size() == 1 ? "" : "s");
  if (!options.knowledge.own_knowledge) r.coder += ", without our verb patterns";
  if (!options.knowledge.own_actors) r.coder += ", without our actor phrases";
  r.unscored_predictions = unscored;
  return r;
}

Result<EvalReport> RunEvaluation(const EvalOptions& options, std::vector<Problem>* problems) {
  const std::string& gold = options.gold;
  // The pipeline paths (PLOVER, JSON Lines) load options.dicts as --dict files, after any the
  // pipeline options already name (each file once).
  PipelineOptions po = options.pipeline;
  for (const auto& d : options.dicts)
    if (std::find(po.knowledge.dicts.begin(), po.knowledge.dicts.end(), d) == po.knowledge.dicts.end())
      po.knowledge.dicts.push_back(d);
  if (gold.rfind("plover:", 0) == 0) {
    std::string path = gold.substr(7);
    auto text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    auto records = ReadPloverGold(*text, path, problems);
    if (!records.ok()) return records.status();
    return EvaluateWithPipeline(*records, po, gold, /*plover_gsr=*/true);
  }
  bool xml = gold.size() >= 4 && Upper(gold.substr(gold.size() - 4)) == ".XML";
  if (xml) {
    SuiteParses parses;
    if (options.parse == "own") {
      parses.own = true;
      std::string root = options.pipeline.knowledge.root.empty() ? FindResourceRoot()
                                                                  : options.pipeline.knowledge.root;
      parses.models_dir = root + "/models";
      parses.accurate = options.pipeline.accurate;
    } else if (options.parse != "given") {
      return Status::InvalidArgument("parse must be given or own, not '" + options.parse + "'");
    }
    namespace fs = std::filesystem;
    fs::path dir = fs::path(gold).parent_path();
    fs::path dicts = dir / ".." / "dictionaries";
    if (!fs::is_directory(dicts)) dicts = dir;
    return EvaluatePetrarchSuite(gold, dicts.lexically_normal().string(), options.dicts, problems,
                                 parses);
  }
  auto text = ReadTextFile(gold);
  if (!text.ok()) return text.status();
  auto records = ReadJsonlGold(*text, gold, problems);
  if (records.empty()) return Status::InvalidArgument(gold + ": no gold records read");
  return EvaluateWithPipeline(records, po, gold, /*plover_gsr=*/false);
}

}  // namespace entente::tabari
