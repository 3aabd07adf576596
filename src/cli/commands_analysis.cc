// dyads, align, blocs, shifts, forecast, brief, group: the alignment analysis commands
// (include/entente/analysis.h; measures defined in docs/analysis.md).
//
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/output.h"
#include "entente/analysis.h"

namespace entente::cli {

namespace {

struct Setup {
  AnalysisOptions analysis;
  LoadOptions load;
  OutputFormat format = OutputFormat::kTable;
  std::string country;
  int bootstrap = 200;
  BlocOptions blocs;
  int top = 10;
};

bool ParseInt(const Flags& flags, const std::string& name, int lo, int hi, int* out, std::string* error) {
  if (!flags.Has(name)) return true;
  try {
    size_t used = 0;
    long v = std::stol(flags.Get(name), &used);
    if (used == flags.Get(name).size() && v >= lo && v <= hi) {
      *out = static_cast<int>(v);
      return true;
    }
  } catch (...) {
  }
  *error = "--" + name + " wants a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  return false;
}

// Parses the flags shared by the analysis commands. `formats` lists the accepted --format values.
bool ParseSetup(const Flags& flags, bool table_formats, Setup* s, std::string* error) {
  for (const char* name : {"since", "until"}) {
    if (!flags.Has(name)) continue;
    auto d = Date::Parse(flags.Get(name));
    if (!d) {
      *error = std::string("--") + name + " wants YYYY-MM-DD, got '" + flags.Get(name) + "'";
      return false;
    }
    (std::string(name) == "since" ? s->analysis.since : s->analysis.until) = d;
    (std::string(name) == "since" ? s->load.filter.since : s->load.filter.until) = d;
  }
  if (flags.Has("window")) {
    auto w = ParseWindowUnit(flags.Get("window"));
    if (!w) {
      *error = "--window must be day, week, month, quarter or year";
      return false;
    }
    s->analysis.window = *w;
  }
  std::string count = flags.Get("count", "events");
  if (count != "events" && count != "mentions") {
    *error = "--count must be events or mentions";
    return false;
  }
  s->analysis.count_mentions = count == "mentions";
  if (flags.Has("modality")) {
    auto m = ParseModality(flags.Get("modality"));
    if (!m) {
      *error = "--modality must be actual, planned, possible or negated";
      return false;
    }
    s->analysis.modality = *m;
  }
  s->load.filter.origin = flags.Get("origin");
  s->country = flags.Get("country");
  int seed = 1;
  if (!ParseInt(flags, "seed", 0, 2000000000, &seed, error)) return false;
  s->analysis.seed = static_cast<uint64_t>(seed);
  if (!ParseInt(flags, "bootstrap", 0, 10000, &s->bootstrap, error)) return false;
  if (!ParseInt(flags, "top", 0, 1000000, &s->top, error)) return false;
  if (flags.Has("method")) {
    std::string m = flags.Get("method");
    if (m != "modularity" && m != "signed") {
      *error = "--method must be modularity or signed";
      return false;
    }
    s->blocs.method = m == "signed" ? BlocMethod::kSigned : BlocMethod::kModularity;
  }
  if (table_formats && flags.Has("format")) {
    std::string f = flags.Get("format");
    if (f == "tsv" || !ParseOutputFormat(f, &s->format)) {
      *error = "--format must be table, jsonl or csv";
      return false;
    }
  }
  return true;
}

Result<EventTable> Load(const Flags& flags, const Setup& s) {
  auto store = Store::Open(DbUrl(flags), CliStoreOptions(/*read_only=*/true));
  if (!store.ok()) return store.status();
  return LoadEvents(**store, s.load);
}

// Explains an empty result on stderr: what the table skipped and what was selected.
void ExplainEmpty(const std::string& command, const EventTable& t, const Setup& s) {
  std::string msg = "no " + std::string(ModalityName(s.analysis.modality)) +
                    " events between two different states in the selected range";
  msg += " (table: " + std::to_string(t.size()) + " dyadic mentions; skipped " +
         std::to_string(t.skipped().no_country) + " with a side that is not a state, " +
         std::to_string(t.skipped().domestic) + " domestic, " + std::to_string(t.skipped().no_date) +
         " without a date, " + std::to_string(t.skipped().imprecise_date) + " dated only to a month or year)";
  PrintError(command, msg);
}

bool Involves(const Setup& s, const std::string& a, const std::string& b) {
  return s.country.empty() || a == s.country || b == s.country;
}

std::string Num(double v, int digits = 3) {
  if (!std::isfinite(v)) v = 0;  // never print nan
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  std::string r = buf;
  if (r.find_first_not_of("-0.") == std::string::npos) r = r[0] == '-' ? r.substr(1) : r;
  return r;
}

std::string Join(const std::vector<std::string>& v, const char* sep = " ") {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) r += (i ? sep : "") + v[i];
  return r;
}

// Writes rows in the chosen format: a table, CSV with a header, or one JSON object per line.
class RowWriter {
 public:
  RowWriter(OutputFormat f, std::vector<std::string> header) : f_(f), header_(header), table_(header) {
    if (f_ == OutputFormat::kCsv) WriteDelimited(std::cout, header_, f_);
  }
  // `json` holds typed values for JSON Lines; `cells` the same as text.
  void Add(const std::vector<std::string>& cells, const nlohmann::json& json) {
    ++rows_;
    if (f_ == OutputFormat::kTable) table_.Add(cells);
    if (f_ == OutputFormat::kCsv) WriteDelimited(std::cout, cells, f_);
    if (f_ == OutputFormat::kJsonl) std::cout << json.dump() << "\n";
  }
  void Finish() {
    if (f_ == OutputFormat::kTable) table_.Print(std::cout, 60);
  }
  int64_t rows() const { return rows_; }

 private:
  OutputFormat f_;
  std::vector<std::string> header_;
  Table table_;
  int64_t rows_ = 0;
};

// Prints the rows, or explains why there are none; the exit status.
int FinishRows(RowWriter* w, const std::string& command, const EventTable& t, const Setup& s) {
  if (w->rows() == 0) ExplainEmpty(command, t, s);
  else w->Finish();
  return 0;
}

template <typename Fn>
int Run(const Command& self, const Flags& flags, bool table_formats, int default_bootstrap,
        int default_top, Fn fn) {
  Setup s;
  s.bootstrap = default_bootstrap;
  s.top = default_top;
  std::string error;
  if (!ParseSetup(flags, table_formats, &s, &error)) {
    PrintError(self.name, error);
    return 2;
  }
  auto table = Load(flags, s);
  if (!table.ok()) {
    PrintError(self.name, table.status().ToString());
    return 1;
  }
  // The bootstrap recomputes everything once per replicate: at scale it is opt-in.
  constexpr size_t kBootstrapDefaultLimit = 1'000'000;
  if (s.bootstrap > 0 && !flags.Has("bootstrap") && table->size() > kBootstrapDefaultLimit) {
    std::fprintf(stderr, "entente %s: %zu dyadic mentions: no bootstrap by default above %zu (pass --bootstrap N)\n",
                 self.name.c_str(), table->size(), kBootstrapDefaultLimit);
    s.bootstrap = 0;
  }
  return fn(s, *table);
}

}  // namespace

int RunDyads(const Command& self, const Flags& flags) {
  return Run(self, flags, true, 0, 0, [&](const Setup& s, const EventTable& t) {
    RowWriter w(s.format, {"window", "source", "target", "q1", "q2", "q3", "q4", "gold_sum", "gold_mean",
                           "actual", "planned", "possible", "negated", "top_events"});
    ForEachDyad(t, s.analysis, [&](const DyadRow& r) {
      if (!Involves(s, r.source, r.target)) return;
      nlohmann::json j = {{"window", r.label}, {"source", r.source}, {"target", r.target},
                          {"verbal_coop", r.quad[0]}, {"material_coop", r.quad[1]},
                          {"verbal_conflict", r.quad[2]}, {"material_conflict", r.quad[3]},
                          {"goldstein_sum", r.goldstein_sum}, {"goldstein_mean", r.goldstein_mean},
                          {"actual", r.by_modality[0]}, {"planned", r.by_modality[1]},
                          {"possible", r.by_modality[2]}, {"negated", r.by_modality[3]},
                          {"top_events", r.top_events}};
      w.Add({r.label, r.source, r.target, std::to_string(r.quad[0]), std::to_string(r.quad[1]),
             std::to_string(r.quad[2]), std::to_string(r.quad[3]), Num(r.goldstein_sum, 1),
             Num(r.goldstein_mean, 2), std::to_string(r.by_modality[0]), std::to_string(r.by_modality[1]),
             std::to_string(r.by_modality[2]), std::to_string(r.by_modality[3]), Join(r.top_events)},
            j);
    });
    return FinishRows(&w, self.name, t, s);
  });
}

int RunAlign(const Command& self, const Flags& flags) {
  return Run(self, flags, true, 200, 0, [&](const Setup& s, const EventTable& t) {
    AlignmentOptions a;
    a.bootstrap = s.bootstrap;
    auto windows = ComputeAlignment(t, s.analysis, a);
    RowWriter w(s.format, {"window", "a", "b", "score", "low", "high", "affinity", "similarity",
                           "copart", "events", "third", "occasions"});
    for (const WindowAlignment& wa : windows) {
      for (const PairAlignment& p : wa.pairs) {
        const std::string& x = wa.states[p.a];
        const std::string& y = wa.states[p.b];
        if (!Involves(s, x, y)) continue;
        nlohmann::json j = {{"window", wa.label}, {"a", x}, {"b", y}, {"score", p.score},
                            {"low", p.low}, {"high", p.high}, {"affinity", p.affinity},
                            {"similarity", p.similarity}, {"copart", p.copart}, {"events", p.events},
                            {"third_states", p.third_states}, {"occasions", p.occasions},
                            {"direct", p.events > 0}};
        w.Add({wa.label, x, y, Num(p.score), Num(p.low), Num(p.high), Num(p.affinity), Num(p.similarity),
               Num(p.copart), std::to_string(p.events), std::to_string(p.third_states),
               std::to_string(p.occasions)},
              j);
      }
    }
    return FinishRows(&w, self.name, t, s);
  });
}

namespace {

// "UKR 1 event; CUB 0 events, 1 occasion": the members whose tie to the rest of the bloc rests
// on fewer than BlocOptions::min_member_evidence events and shared occasions; "-" when none.
std::string ThinMembers(const Bloc& b) {
  std::string out;
  for (const BlocMember& m : b.evidence) {
    if (!m.thin) continue;
    out += (out.empty() ? "" : "; ") + m.state + " " + std::to_string(m.events) +
           (m.events == 1 ? " event" : " events");
    if (m.occasions > 0) out += ", " + std::to_string(m.occasions) + (m.occasions == 1 ? " occasion" : " occasions");
  }
  return out.empty() ? "-" : out;
}

nlohmann::json MemberEvidenceJson(const Bloc& b) {
  nlohmann::json out = nlohmann::json::array();
  for (const BlocMember& m : b.evidence)
    out.push_back({{"state", m.state}, {"events", m.events}, {"occasions", m.occasions}, {"thin", m.thin}});
  return out;
}

}  // namespace

int RunBlocs(const Command& self, const Flags& flags) {
  return Run(self, flags, true, 100, 0, [&](const Setup& s, const EventTable& t) {
    AlignmentOptions a;
    a.bootstrap = s.bootstrap;
    a.keep_replicates = s.bootstrap > 0;
    auto blocs = ComputeBlocs(ComputeAlignment(t, s.analysis, a), s.analysis, s.blocs);
    RowWriter w(s.format, {"window", "bloc", "members", "cohesion", "stability", "modularity",
                           "boot_ari", "prev_ari", "thin"});
    auto opt = [](double v) { return v < -1.5 ? std::string("-") : Num(v, 2); };
    for (const WindowBlocs& wb : blocs) {
      // No ARI over too few common states: say so rather than print a dash like the first window's.
      std::string prev = opt(wb.previous_ari);
      if (wb.previous_ari < -1.5 && wb.previous_common > 0)
        prev = "too few states (" + std::to_string(wb.previous_common) + ")";
      for (const Bloc& b : wb.blocs) {
        if (!s.country.empty() && std::find(b.members.begin(), b.members.end(), s.country) == b.members.end()) continue;
        nlohmann::json j = {{"window", wb.label}, {"bloc", b.name}, {"members", b.members},
                            {"cohesion", b.cohesion}, {"stability", b.stability},
                            {"modularity", wb.modularity}, {"events", b.events},
                            {"member_evidence", MemberEvidenceJson(b)}};
        if (wb.bootstrap_ari > -1.5) j["bootstrap_ari"] = wb.bootstrap_ari;
        if (wb.previous_ari > -1.5) j["previous_window_ari"] = wb.previous_ari;
        if (wb.previous_common > 0) j["previous_window_common_states"] = wb.previous_common;
        w.Add({wb.label, b.name, Join(b.members), Num(b.cohesion, 2), s.bootstrap > 0 ? Num(b.stability, 2) : "-",
               Num(wb.modularity, 2), opt(wb.bootstrap_ari), prev, ThinMembers(b)},
              j);
      }
    }
    if (w.rows() == 0) {
      if (blocs.empty()) {
        ExplainEmpty(self.name, t, s);
      } else {
        PrintError(self.name, "no bloc: no two states are positively aligned in any window");
      }
      return 0;
    }
    w.Finish();
    return 0;
  });
}

int RunShifts(const Command& self, const Flags& flags) {
  return Run(self, flags, true, 100, 10, [&](const Setup& s, const EventTable& t) {
    AlignmentOptions a;
    a.bootstrap = s.bootstrap;
    auto windows = ComputeAlignment(t, s.analysis, a);
    if (windows.size() < 2) {
      PrintError(self.name, windows.empty() ? "no events between states in the selected range"
                                            : "only one window (" + windows[0].label +
                                                  ") has events: a shift needs two; try a shorter --window");
      return 0;
    }
    if (s.bootstrap == 0) PrintError(self.name, "--bootstrap 0: no intervals, so no change is tested as a shift");
    // Supported shifts first, then the unsupported changes (flagged), up to --top in all.
    ShiftOptions so;
    so.top = so.top_unsupported = s.country.empty() ? s.top : 1000000;
    auto shifts = ComputeShifts(t, windows, s.analysis, so);
    RowWriter w(s.format, {"pair", "from_window", "to_window", "from", "from_ci", "to", "to_ci", "delta",
                           "events", "supported", "drivers", "summary"});
    int shown = 0;
    auto ci = [](double lo, double hi) { return Num(lo, 2) + ".." + Num(hi, 2); };
    for (const Shift& sh : shifts) {
      if (!Involves(s, sh.a, sh.b) || shown >= s.top) continue;
      ++shown;
      nlohmann::json j = {{"a", sh.a}, {"b", sh.b}, {"from_window", sh.from_label}, {"to_window", sh.to_label},
                          {"from", sh.from}, {"to", sh.to}, {"delta", sh.delta},
                          {"from_low", sh.from_low}, {"from_high", sh.from_high}, {"to_low", sh.to_low},
                          {"to_high", sh.to_high}, {"from_events", sh.from_events}, {"to_events", sh.to_events},
                          {"from_occasions", sh.from_occasions}, {"to_occasions", sh.to_occasions},
                          {"bootstrapped", sh.bootstrapped}, {"supported", sh.supported}, {"caveat", sh.caveat},
                          {"drivers", sh.drivers}, {"summary", sh.summary}};
      w.Add({sh.a + "-" + sh.b, sh.from_label, sh.to_label, Num(sh.from, 2),
             sh.bootstrapped ? ci(sh.from_low, sh.from_high) : "-", Num(sh.to, 2),
             sh.bootstrapped ? ci(sh.to_low, sh.to_high) : "-", Num(sh.delta, 2),
             std::to_string(sh.from_events) + "->" + std::to_string(sh.to_events),
             sh.supported ? "yes" : "no", Join(sh.drivers), sh.summary},
            j);
    }
    w.Finish();
    return 0;
  });
}

int RunForecast(const Command& self, const Flags& flags) {
  return Run(self, flags, true, 0, 20, [&](const Setup& s, const EventTable& t) {
    ForecastOptions f;
    f.top = s.country.empty() ? s.top : -1;
    if (flags.Has("model")) f.model = flags.Get("model");
    if (f.model != "auto" && f.model != "regression" && f.model != "frequency" && f.model != "persistence") {
      PrintError(self.name, "--model must be auto, regression, frequency or persistence, not '" + f.model + "'");
      return 2;
    }
    auto r = ComputeForecast(t, s.analysis, f);
    if (!r.note.empty()) PrintError(self.name, r.note);
    // history: windows since the dyad's first event, the evidence its forecast is shrunk by.
    RowWriter w(s.format,
                {"window", "source", "target", "coop", "conflict", "p_meeting", "history", "evidence"});
    int shown = 0;
    for (const DyadForecast& d : r.dyads) {
      if (!Involves(s, d.source, d.target) || shown >= s.top) continue;
      ++shown;
      nlohmann::json j = {{"window", r.window_label}, {"source", d.source}, {"target", d.target},
                          {"coop", d.coop}, {"conflict", d.conflict}, {"p_meeting", d.p_meeting},
                          {"history_windows", d.history_windows}, {"evidence", d.evidence}};
      w.Add({r.window_label, d.source, d.target, Num(d.coop, 2), Num(d.conflict, 2), Num(d.p_meeting, 2),
             std::to_string(d.history_windows), Join(d.evidence)},
            j);
    }
    w.Finish();
    // The backtest and the model line go to stderr for jsonl/csv so stdout stays one kind of row.
    if (!r.model_reason.empty()) {
      (s.format == OutputFormat::kTable ? std::cout : std::cerr)
          << (s.format == OutputFormat::kTable ? "\nmodel: " : "model: ") << r.model_reason << "\n";
    }
    if (!r.backtest.empty()) {
      if (s.format == OutputFormat::kTable) {
        std::cout << "\nbacktest (mean per dyad-window over the last windows):\n";
        Table bt({"model", "loglik", "mae", "brier", "cases"});
        for (const BacktestScore& b : r.backtest) {
          bt.Add({b.model, Num(b.loglik), Num(b.mae), Num(b.brier), std::to_string(b.cases)});
        }
        bt.Print(std::cout);
      } else {
        for (const BacktestScore& b : r.backtest) {
          std::cerr << "backtest " << b.model << ": loglik " << Num(b.loglik) << ", MAE " << Num(b.mae)
                    << ", Brier " << Num(b.brier) << " over " << b.cases << " dyad-windows\n";
        }
      }
    }
    return 0;
  });
}

int RunBrief(const Command& self, const Flags& flags) {
  std::string format = flags.Get("format", "markdown");
  if (format != "markdown" && format != "json") {
    PrintError(self.name, "--format must be markdown or json");
    return 2;
  }
  return Run(self, flags, false, 100, 0, [&](const Setup& s, const EventTable& t) {
    AlignmentOptions a;
    a.bootstrap = s.bootstrap;
    Briefing b = MakeBriefing(t, s.analysis, a);
    std::cout << (format == "json" ? b.json : b.markdown) << "\n";
    return 0;
  });
}

int RunGroup(const Command& self, const Flags& flags) {
  auto store = Store::Open(DbUrl(flags), CliStoreOptions(/*read_only=*/false));
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  MentionGrouper grouper;
  std::vector<std::pair<std::string, std::string>> assignments;
  std::set<std::string> groups;
  int64_t changed = 0;
  Status st = (*store)->ForEachEvent(EventFilter{}, [&](const Event& e) {
    std::string g = grouper.Add(e);
    if (g != e.group) ++changed;
    groups.insert(g);
    assignments.emplace_back(e.id, std::move(g));
    return true;
  });
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  if (!flags.Has("dry-run")) {
    st = (*store)->SetEventGroups(assignments);
    if (st.ok()) st = (*store)->Flush();
    if (!st.ok()) {
      PrintError(self.name, st.ToString());
      return 1;
    }
  }
  std::cout << assignments.size() << " mentions in " << groups.size() << " events; " << changed
            << (flags.Has("dry-run") ? " group ids would change (dry run)\n" : " group ids changed\n");
  return 0;
}

}  // namespace entente::cli
