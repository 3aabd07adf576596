// The briefing: blocs over the whole period, how alignment within each bloc moved window by
// window, the largest supported shifts (the unsupported changes apart, never worded as trends;
// pairs with direct evidence in only one of two windows apart again, as new or absent, since
// they have no alignment to compare) and the forecasts (with each dyad's windows of history and
// whether the backtest separates the chosen model), each claim followed by the ids of the events
// behind it (the events with the largest |Goldstein| between the states named).
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

namespace {

std::string Ids(const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string s = " [events: ";
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + ids[i];
  return s + "]";
}

// For a pair with no events of its own, whose alignment comes from how the two treat third
// states: the third state k both have direct relations with, of the same sign, with the largest
// min(|A(x,k)|, |A(y,k)|) (ties: the first in the window's state order). Returns false when
// there is none.
bool SharedPartner(const WindowAlignment& w, const std::string& x, const std::string& y,
                   std::string* partner, int* sign) {
  const int n = static_cast<int>(w.states.size());
  auto index = [&](const std::string& s) {
    return static_cast<int>(std::find(w.states.begin(), w.states.end(), s) - w.states.begin());
  };
  const int ix = index(x), iy = index(y);
  if (ix >= n || iy >= n) return false;
  std::vector<double> ax(n, 0), ay(n, 0);  // affinity of x and of y with each state
  for (const PairAlignment& p : w.pairs) {
    if (p.events == 0) continue;
    if (p.a == ix) ax[p.b] = p.affinity;
    if (p.b == ix) ax[p.a] = p.affinity;
    if (p.a == iy) ay[p.b] = p.affinity;
    if (p.b == iy) ay[p.a] = p.affinity;
  }
  double best = 0;
  for (int k = 0; k < n; ++k) {
    if (k == ix || k == iy || ax[k] * ay[k] <= 0) continue;
    const double m = std::min(std::fabs(ax[k]), std::fabs(ay[k]));
    if (m > best) best = m, *partner = w.states[k], *sign = ax[k] > 0 ? 1 : -1;
  }
  return best > 0;
}

}  // namespace

Briefing MakeBriefing(const EventTable& t, const AnalysisOptions& o, const AlignmentOptions& a_in) {
  AlignmentOptions a = a_in;
  a.keep_replicates = true;
  std::ostringstream md;
  nlohmann::json j;
  int64_t counted = 0, mentions = 0;
  std::map<int, int> states;
  for (size_t i = 0; i < t.size(); ++i) {
    AnalysisOptions any = o;
    any.count_mentions = true;
    if (!Counted(t, i, any)) continue;
    ++mentions;
    if (Counted(t, i, o)) ++counted, ++states[t.source(i)], ++states[t.target(i)];
  }
  std::string unit = o.count_mentions ? "mentions" : "events";
  md << "# Alignment briefing\n\n";
  j["counting"] = unit;
  j["modality"] = std::string(ModalityName(o.modality));
  j["events"] = counted;
  j["mentions"] = mentions;
  if (counted == 0) {
    std::string why = t.size() == 0
        ? "The store holds no events between two different states (" +
              std::to_string(t.skipped().no_country) + " without a country on a side, " +
              std::to_string(t.skipped().domestic) + " domestic)."
        : "No " + std::string(ModalityName(o.modality)) + " events between states in the selected range.";
    md << why << " Nothing to brief.\n";
    j["note"] = why;
    j["blocs"] = nlohmann::json::array();
    j["shifts"] = nlohmann::json::array();
    j["unsupported_shifts"] = nlohmann::json::array();
    j["new_or_absent_pairs"] = nlohmann::json::array();
    j["forecasts"] = nlohmann::json::array();
    return {md.str(), j.dump(2)};
  }
  auto whole = AlignmentOver(t, o, a, true);
  auto blocs_whole = ComputeBlocs(whole, o);
  md << "Based on " << counted << " " << ModalityName(o.modality) << " " << unit << " ("
     << mentions << " mentions) between " << states.size() << " states, "
     << (whole.empty() ? "" : whole[0].label) << ". Alignment, blocs and forecasts are defined in "
     << "docs/analysis.md; brackets list the ids of the events behind each claim.";
  // Month- or year-dated mentions ("last visited Pyongyang in 2000") are in `stats` and the
  // dashboard's date range but in no window; say so, or the periods seem not to match.
  if (t.skipped().imprecise_date > 0) {
    const bool one = t.skipped().imprecise_date == 1;
    md << " " << t.skipped().imprecise_date << (one ? " mention" : " mentions")
       << " dated only to a month or year " << (one ? "is" : "are") << " left out.";
  }
  md << "\n\n";
  j["imprecise_date_mentions"] = t.skipped().imprecise_date;
  j["period"] = whole.empty() ? "" : whole[0].label;

  // Per window: the trends use the point estimates, the shifts the bootstrap intervals too.
  AlignmentOptions per_window = a;
  per_window.keep_replicates = false;
  auto windows = ComputeAlignment(t, o, per_window);
  auto pair_score = [](const WindowAlignment& w, const std::string& x, const std::string& y,
                       bool* found) {
    *found = false;
    for (const PairAlignment& p : w.pairs) {
      const std::string& s = w.states[p.a];
      const std::string& u = w.states[p.b];
      if ((s == x && u == y) || (s == y && u == x)) {
        *found = true;
        return p.score;
      }
    }
    return 0.0;
  };

  // One partition of the whole period, unlike `entente blocs` and the dashboard (per window):
  // the heading says so, or a member here and a different bloc there reads as a contradiction.
  md << "## Blocs over the whole period\n\n"
     << "All windows as one; entente blocs (and the dashboard's Blocs) give them window by window.\n\n";
  j["blocs"] = nlohmann::json::array();
  if (blocs_whole.empty() || blocs_whole[0].blocs.empty()) {
    md << "No bloc: no two states are positively aligned in this period.\n\n";
  }
  int shown = 0;
  for (const Bloc& b : blocs_whole.empty() ? std::vector<Bloc>{} : blocs_whole[0].blocs) {
    if (shown++ >= 4) break;
    nlohmann::json jb;
    jb["name"] = b.name;
    jb["members"] = b.members;
    jb["cohesion"] = b.cohesion;
    jb["stability"] = b.stability;
    md << "### " << b.name << "\n\n";
    // Each member with the events that tie it to the others: a bloc held together by one
    // occasion or a member on one event must read as thin, not as a camp.
    auto evidence = [](const BlocMember& m) {
      std::string e = std::to_string(m.events) + (m.events == 1 ? " event" : " events");
      if (m.occasions > 0)
        e += ", " + std::to_string(m.occasions) + (m.occasions == 1 ? " shared occasion" : " shared occasions");
      return e;
    };
    md << "Members (direct events with the other members): ";
    jb["events"] = b.events;
    jb["member_evidence"] = nlohmann::json::array();
    std::vector<std::string> thin;
    for (size_t i = 0; i < b.evidence.size(); ++i) {
      const BlocMember& m = b.evidence[i];
      md << (i ? ", " : "") << m.state << " " << m.events;
      jb["member_evidence"].push_back(
          {{"state", m.state}, {"events", m.events}, {"occasions", m.occasions}, {"thin", m.thin}});
      if (m.thin) thin.push_back(m.state + " on " + evidence(m));
    }
    md << ".";
    int most_occasions = 0;
    for (const BlocMember& m : b.evidence) most_occasions = std::max(most_occasions, m.occasions);
    if (b.events == 0) {
      md << " Weak: no events between its members, only shared occasions (at most " << most_occasions
         << " for a member): together at one place and day, not in relations of their own.";
    } else if (!thin.empty()) {
      md << " Weak: ";
      for (size_t i = 0; i < thin.size(); ++i) md << (i ? "; " : "") << thin[i];
      md << " with the other members.";
    }
    md << " Mean alignment within the bloc " << Fixed(b.cohesion) << "; its member pairs stayed "
       << "together in " << Fixed(100 * b.stability, 0) << "% of bootstrap resamples.\n\n";
    // Strongest ties among the core.
    jb["ties"] = nlohmann::json::array();
    size_t core = std::min<size_t>(b.members.size(), 4);
    for (size_t x = 0; x < core; ++x) {
      for (size_t y = x + 1; y < core; ++y) {
        bool found = false;
        double s = pair_score(whole[0], b.members[x], b.members[y], &found);
        if (!found) continue;
        auto ids = PairEvents(t, o, b.members[x], b.members[y], 0, true, 1, 3);
        nlohmann::json tie = {{"pair", PairName(b.members[x], b.members[y])}, {"score", s}, {"events", ids}};
        md << "- " << PairName(b.members[x], b.members[y]) << " alignment " << Fixed(s) << Ids(ids);
        // No events of their own: the alignment is their treatment of third states; name the
        // clearest shared partner and one event of each with it.
        std::string partner;
        int sign = 0;
        if (ids.empty() && SharedPartner(whole[0], b.members[x], b.members[y], &partner, &sign)) {
          std::vector<std::string> via = PairEvents(t, o, b.members[x], partner, 0, true, sign, 1);
          for (const std::string& id : PairEvents(t, o, b.members[y], partner, 0, true, sign, 1))
            via.push_back(id);
          md << " (no events between them; both " << (sign > 0 ? "cooperate with " : "are in conflict with ")
             << partner << Ids(via) << ")";
          tie["via"] = partner;
          tie["via_sign"] = sign;
          tie["via_events"] = via;
        }
        md << "\n";
        jb["ties"].push_back(tie);
      }
    }
    // Trend window by window: mean alignment among the core members (the bloc's name), over
    // their pairs present in the window; peripheral members would dilute the claim.
    std::vector<std::string> core_members(b.members.begin(), b.members.begin() + core);
    if (core_members.size() > 3) core_members.resize(3);
    md << "\nAlignment within the core (" << b.name << ") by "
       << (o.window == WindowUnit::kYear ? "year" : "window") << ":\n\n";
    md << "| window | mean alignment | pairs with events | evidence |\n|---|---|---|---|\n";
    jb["trend"] = nlohmann::json::array();
    std::vector<std::pair<std::string, double>> trend;
    for (const WindowAlignment& w : windows) {
      double sum = 0;
      int n = 0, direct = 0;
      std::string best_x, best_y;
      double best = -2;
      for (const PairAlignment& p : w.pairs) {
        const std::string& s = w.states[p.a];
        const std::string& u = w.states[p.b];
        bool in = std::find(core_members.begin(), core_members.end(), s) != core_members.end() &&
                  std::find(core_members.begin(), core_members.end(), u) != core_members.end();
        if (!in) continue;
        sum += p.score, ++n;
        if (p.events > 0) ++direct;
        if (p.events > 0 && p.score > best) best = p.score, best_x = s, best_y = u;
      }
      if (n == 0) continue;
      std::vector<std::string> ids;
      if (!best_x.empty()) ids = PairEvents(t, o, best_x, best_y, w.window, false, 1, 2);
      double mean = sum / n;
      trend.push_back({w.label, mean});
      md << "| " << w.label << " | " << Fixed(mean) << " | " << direct << " | ";
      for (size_t i = 0; i < ids.size(); ++i) md << (i ? ", " : "") << ids[i];
      md << " |\n";
      jb["trend"].push_back({{"window", w.label}, {"mean_alignment", mean}, {"events", ids}});
    }
    if (trend.size() >= 2) {
      // Compare the first and last thirds so one quiet window does not decide the direction. A
      // direction is claimed only when the change exceeds 0.05 and one standard error of the
      // difference of the two means, from the spread of the window means (sd * sqrt(2 / k)).
      size_t k = std::max<size_t>(1, trend.size() / 3);
      double early = 0, late = 0, all = 0, var = 0;
      for (size_t i = 0; i < k; ++i) early += trend[i].second, late += trend[trend.size() - 1 - i].second;
      early /= k, late /= k;
      for (const auto& w : trend) all += w.second;
      all /= static_cast<double>(trend.size());
      for (const auto& w : trend) var += (w.second - all) * (w.second - all);
      const double sd = std::sqrt(var / static_cast<double>(trend.size() - 1));
      const double noise = std::max(0.05, sd * std::sqrt(2.0 / static_cast<double>(k)));
      std::string dir = late > early + noise ? "tightened" : late < early - noise ? "loosened" : "showed no clear change";
      const std::string windows = k == 1 ? "window" : std::to_string(k) + " windows";
      md << "\nThe core of the bloc " << dir << ": mean alignment " << Fixed(early) << " in the first " << windows
         << " (from " << trend.front().first << "), " << Fixed(late) << " in the last " << windows << " (to "
         << trend.back().first << ")";
      if (dir[0] == 's') md << "; the change is within what the windows' spread allows (" << Fixed(noise) << ")";
      md << ".\n";
      jb["noise"] = noise;
      jb["direction"] = dir;
      jb["early"] = early;
      jb["late"] = late;
    }
    md << "\n";
    j["blocs"].push_back(jb);
  }
  if (!blocs_whole.empty() && !blocs_whole[0].unaligned.empty()) {
    md << "Unaligned: ";
    for (size_t i = 0; i < blocs_whole[0].unaligned.size(); ++i) md << (i ? ", " : "") << blocs_whole[0].unaligned[i];
    md << ".\n\n";
  }

  // Shifts: the supported ones as claims, the unsupported ones apart and never worded as a trend.
  md << "## Largest shifts\n\n";
  j["shifts"] = nlohmann::json::array();
  j["unsupported_shifts"] = nlohmann::json::array();
  j["new_or_absent_pairs"] = nlohmann::json::array();
  ShiftOptions so;
  so.top = 8;
  so.top_unsupported = 5;
  so.top_one_sided = 5;
  auto shifts = ComputeShifts(t, windows, o, so);
  const std::string level = Fixed(100 * (a.ci_high - a.ci_low), 0) + "%";
  j["shift_rule"] = {{"min_evidence", so.min_evidence}, {"min_window_evidence", so.min_window_evidence},
                     {"interval", a.ci_high - a.ci_low},
                     {"bootstrap", a.bootstrap}};
  auto shift_json = [](const Shift& s) {
    return nlohmann::json{{"summary", s.summary}, {"pair", s.a + "-" + s.b}, {"from", s.from}, {"to", s.to},
                          {"delta", s.delta}, {"from_low", s.from_low}, {"from_high", s.from_high},
                          {"to_low", s.to_low}, {"to_high", s.to_high}, {"bootstrapped", s.bootstrapped},
                          {"from_events", s.from_events}, {"to_events", s.to_events},
                          {"from_occasions", s.from_occasions}, {"to_occasions", s.to_occasions},
                          {"supported", s.supported}, {"one_sided", s.one_sided}, {"caveat", s.caveat}, {"from_window", s.from_label},
                          {"to_window", s.to_label}, {"events", s.drivers}};
  };
  int n_supported = 0;
  int n_one_sided = 0;
  for (const Shift& s : shifts) n_supported += s.supported, n_one_sided += s.one_sided;
  if (windows.size() < 2) {
    md << "No shifts: fewer than two windows with events.\n";
  } else if (a.bootstrap <= 0) {
    md << "No shift can be tested: the briefing ran without a bootstrap, so there are no intervals "
          "(a shift needs the pair's intervals in the two windows apart and at least "
       << so.min_evidence << " " << unit << " or shared occasions, " << so.min_window_evidence
       << " in each window).\n";
  } else {
    md << "A shift is listed when the pair's " << level << " bootstrap intervals in the two windows do "
       << "not overlap and it rests on at least " << so.min_evidence << " direct " << unit
       << " or shared occasions over the two windows, " << so.min_window_evidence
       << " in each; brackets after a score give its interval, \"2 -> 5 " << unit
       << "\" the pair's direct " << unit << " in each window.\n\n";
    if (n_supported == 0) md << "No supported shift between consecutive windows.\n";
  }
  for (const Shift& s : shifts) {
    if (!s.supported) continue;
    md << "- " << s.summary << Ids(s.drivers) << "\n";
    j["shifts"].push_back(shift_json(s));
  }
  if (static_cast<int>(shifts.size()) > n_supported + n_one_sided) {
    md << "\nChanges the evidence does not support (largest first; not trends):\n\n";
    for (const Shift& s : shifts) {
      if (s.supported || s.one_sided) continue;
      md << "- " << s.summary << Ids(s.drivers) << "\n";
      j["unsupported_shifts"].push_back(shift_json(s));
    }
  }
  if (n_one_sided > 0) {
    md << "\nPairs new or absent in a window (direct " << unit
       << " or shared occasions in only one of two windows: no alignment to compare):\n\n";
    for (const Shift& s : shifts) {
      if (!s.one_sided) continue;
      md << "- " << s.summary << Ids(s.drivers) << "\n";
      j["new_or_absent_pairs"].push_back(shift_json(s));
    }
  }

  ForecastOptions fo;
  fo.top = 8;
  auto fc = ComputeForecast(t, o, fo);
  md << "\n## Forecast for " << fc.window_label << "\n\n";
  j["forecast_window"] = fc.window_label;
  j["forecasts"] = nlohmann::json::array();
  if (!fc.note.empty()) md << fc.note << "\n\n";
  if (!fc.model_reason.empty()) md << "Model: " << fc.model_reason << "\n\n";
  j["forecast_model"] = fc.model;
  j["forecast_meeting_model"] = fc.meeting_model;
  j["forecast_model_reason"] = fc.model_reason;
  j["forecast_model_clear"] = fc.model_clear;
  j["forecast_meeting_model_clear"] = fc.meeting_model_clear;
  j["forecast_shrink"] = fo.shrink;
  for (const DyadForecast& d : fc.dyads) {
    md << "- " << d.source << " -> " << d.target << ": " << Fixed(d.coop, 1) << " cooperative and "
       << Fixed(d.conflict, 1) << " conflictual events expected, P(meeting or visit) "
       << Fixed(d.p_meeting) << ", from " << d.history_windows
       << (d.history_windows == 1 ? " window" : " windows") << " of history"
       << (d.evidence.empty() ? " (no events of the dyad in the last window)" : Ids(d.evidence)) << "\n";
    j["forecasts"].push_back({{"source", d.source}, {"target", d.target}, {"coop", d.coop},
                              {"conflict", d.conflict}, {"p_meeting", d.p_meeting},
                              {"history_windows", d.history_windows},
                              {"events", d.evidence}});
  }
  if (!fc.backtest.empty()) {
    md << "\nBacktest on the last windows (mean per dyad-window; higher log-likelihood, lower MAE "
          "and Brier are better):\n\n| model | log-lik | MAE | Brier | cases |\n|---|---|---|---|---|\n";
    j["backtest"] = nlohmann::json::array();
    for (const BacktestScore& b : fc.backtest) {
      md << "| " << b.model << " | " << Fixed(b.loglik, 3) << " | " << Fixed(b.mae, 3) << " | "
         << Fixed(b.brier, 3) << " | " << b.cases << " |\n";
      j["backtest"].push_back({{"model", b.model}, {"loglik", b.loglik}, {"mae", b.mae},
                               {"brier", b.brier}, {"cases", b.cases}});
    }
  }
  return {md.str(), j.dump(2)};
}

}  // namespace entente
