// Forecasts for the next window, per ordered dyad: expected cooperation events (quad 1-2),
// conflict events (quad 3-4) and meetings/visits (036, 04x), the last turned into
// P(at least one) = 1 - exp(-lambda).
//
// Model: a Poisson regression per series (log link), fitted by Newton's method with a small
// ridge penalty, on the dyad-windows after the dyad's first event. Features for window t:
//   1, log1p(y[t-1]), log1p(h[t-1]) with h an exponentially decayed history
//   (h[t] = y[t] + decay * h[t-1]), log1p(reverse dyad's y[t-1]), log1p(the other series'
//   y[t-1]) (conflict for cooperation and the reverse), log1p(the dyad's mean count since its
//   first event) (the frequency baseline, so the model can fall back on it).
// Backtest: each of the last `backtest_windows` windows is predicted from a model fitted on the
// windows before it, against two baselines: persistence (lambda = last window's count; p = 1
// if a meeting happened last window, else 0) and frequency (the dyad's mean count since its
// first event; p = share of windows with a meeting). Scores: mean Poisson log-likelihood per
// dyad-window and series (rates floored at 0.05 so a zero forecast is not -infinity), mean
// absolute error of counts, Brier score of the meeting probability.
// Model selection (ForecastOptions::model = "auto"): the forecast comes from the model the
// backtest supports, per quantity. Counts (cooperation, conflict) from the best mean
// log-likelihood of the three, the score that judges a rate as a rate. The meeting probability
// from the better Brier score of the regression and frequency; persistence is not eligible
// there, as its p is exactly 0 or 1, a certainty no window of history justifies (a stable dyad
// can give it a good Brier, but one surprise meeting at p = 0 is then unscored overconfidence).
// A baseline must beat the regression strictly; without a backtest the regression stays and
// the note says so. ForecastResult::model_reason quotes the scores. At most the last 200
// windows are used. Scale: one pass over the events (windows by lookup), dense per-dyad series,
// and at most ForecastOptions::max_fit_rows training rows per fit (an evenly spaced subsample).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

namespace {

constexpr int kFeatures = 6;
constexpr double kFloor = 0.05;

struct Series {
  std::vector<std::vector<double>> y;    // [dyad][window]
  std::vector<std::vector<double>> cum;  // running sums of y
};

struct Row {
  double x[kFeatures];
  double y;
};

// Solves the kFeatures x kFeatures system a x = b (Gaussian elimination with pivoting).
bool Solve(double a[kFeatures][kFeatures], double b[kFeatures], double x[kFeatures]) {
  for (int c = 0; c < kFeatures; ++c) {
    int piv = c;
    for (int r = c + 1; r < kFeatures; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
    }
    if (std::fabs(a[piv][c]) < 1e-12) return false;
    std::swap(a[piv], a[c]);
    std::swap(b[piv], b[c]);
    for (int r = c + 1; r < kFeatures; ++r) {
      double f = a[r][c] / a[c][c];
      for (int k = c; k < kFeatures; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  for (int c = kFeatures - 1; c >= 0; --c) {
    double s = b[c];
    for (int k = c + 1; k < kFeatures; ++k) s -= a[c][k] * x[k];
    x[c] = s / a[c][c];
  }
  return true;
}

double Eta(const double* beta, const double* x) {
  double e = 0;
  for (int k = 0; k < kFeatures; ++k) e += beta[k] * x[k];
  return std::clamp(e, -30.0, 20.0);
}

double PoissonLogLik(double y, double lambda) {
  lambda = std::max(lambda, kFloor);
  return y * std::log(lambda) - lambda - std::lgamma(y + 1);
}

// Fits beta on rows; falls back to the intercept-only model when rows are few or singular.
void Fit(const std::vector<Row>& rows, double ridge, double beta[kFeatures]) {
  double mean = 0;
  for (const Row& r : rows) mean += r.y;
  mean = rows.empty() ? kFloor : std::max(mean / rows.size(), kFloor);
  for (int k = 0; k < kFeatures; ++k) beta[k] = 0;
  beta[0] = std::log(mean);
  if (rows.size() < 2 * kFeatures) return;
  auto objective = [&](const double* b) {
    double ll = 0;
    for (const Row& r : rows) {
      double eta = Eta(b, r.x);
      ll += r.y * eta - std::exp(eta);
    }
    for (int k = 1; k < kFeatures; ++k) ll -= 0.5 * ridge * rows.size() * b[k] * b[k];
    return ll;
  };
  double cur = objective(beta);
  for (int iter = 0; iter < 50; ++iter) {
    double h[kFeatures][kFeatures] = {};
    double g[kFeatures] = {};
    for (const Row& r : rows) {
      double mu = std::exp(Eta(beta, r.x));
      for (int i = 0; i < kFeatures; ++i) {
        g[i] += (r.y - mu) * r.x[i];
        for (int j = 0; j < kFeatures; ++j) h[i][j] += mu * r.x[i] * r.x[j];
      }
    }
    for (int k = 1; k < kFeatures; ++k) {
      g[k] -= ridge * rows.size() * beta[k];
      h[k][k] += ridge * rows.size();
    }
    for (int k = 0; k < kFeatures; ++k) h[k][k] += 1e-9 * rows.size();
    double step[kFeatures];
    if (!Solve(h, g, step)) return;
    double t = 1.0;
    bool improved = false;
    for (int half = 0; half < 30; ++half, t *= 0.5) {
      double trial[kFeatures];
      for (int k = 0; k < kFeatures; ++k) trial[k] = beta[k] + t * step[k];
      double v = objective(trial);
      if (std::isfinite(v) && v >= cur - 1e-12) {
        improved = v > cur + 1e-10 * std::fabs(cur);
        std::copy(trial, trial + kFeatures, beta);
        cur = v;
        break;
      }
    }
    if (!improved) return;
  }
}

const char kRegression[] = "poisson-regression";

// "the Poisson regression", "the frequency baseline", "the persistence baseline".
std::string Prose(const std::string& model) {
  return model == kRegression ? "the Poisson regression" : "the " + model + " baseline";
}

std::string Fmt(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

const BacktestScore* Best(const std::vector<const BacktestScore*>& eligible, bool by_brier) {
  const BacktestScore* best = eligible[0];  // the regression: baselines must beat it strictly
  for (const BacktestScore* b : eligible) {
    if (by_brier ? b->brier < best->brier : b->loglik > best->loglik) best = b;
  }
  return best;
}

// "the frequency baseline: it backtested best (log-lik -0.92 vs -1.20 for the regression, ...)".
std::string Why(const BacktestScore* chosen, const std::vector<const BacktestScore*>& eligible,
                bool by_brier, const std::string& aside = "") {
  std::string out = Prose(chosen->model) + ": it backtested best (" + (by_brier ? "Brier " : "log-lik ") +
                    Fmt(by_brier ? chosen->brier : chosen->loglik, by_brier ? 3 : 2) + " vs ";
  bool first = true;
  for (const BacktestScore* b : eligible) {
    if (b == chosen) continue;
    out += std::string(first ? "" : ", ") + Fmt(by_brier ? b->brier : b->loglik, by_brier ? 3 : 2) +
           " for " + (b->model == kRegression ? "the regression" : b->model);
    first = false;
  }
  return out + aside + ")";
}

}  // namespace

ForecastResult ComputeForecast(const EventTable& t, const AnalysisOptions& o,
                               const ForecastOptions& f) {
  ForecastResult res;
  const std::string& forced = f.model;
  if (forced != "auto" && forced != "regression" && forced != "frequency" && forced != "persistence") {
    res.note = "unknown forecast model '" + forced + "' (auto, regression, frequency or persistence): "
               "nothing forecast";
    return res;
  }
  int64_t first = 0, last = 0;
  if (!WindowRange(t, o, &first, &last)) {
    res.note = "no events between two states in the selected range: nothing to forecast";
    return res;
  }
  first = std::max(first, last - 199);
  const int W = static_cast<int>(last - first + 1);
  res.window_label = WindowLabel(last + 1, o.window);
  // Dyads and their series.
  std::unordered_map<uint32_t, int> dyad_index;
  std::vector<std::pair<int, int>> dyads;
  Series coop, conf, meet;
  WindowLookup windows(t, o.window);
  // Dyad of an event: a dense (source, target) table for up to 2048 states, else the hash map.
  const size_t n_countries = t.countries().size();
  const bool dense = n_countries <= 2048;
  std::vector<int> dense_index(dense ? n_countries * n_countries : 0, -1);
  std::vector<char> meeting_code(t.codes().size());
  for (size_t c = 0; c < t.codes().size(); ++c) meeting_code[c] = IsMeetingCode(t.codes()[c]);
  for (size_t i = 0; i < t.size(); ++i) {
    if (!Counted(t, i, o)) continue;
    int64_t w = windows.Of(t.day(i));
    if (w < first) continue;
    const size_t dense_key = static_cast<size_t>(t.source(i)) * n_countries + static_cast<size_t>(t.target(i));
    int d = dense ? dense_index[dense_key] : -1;
    if (d < 0) {
      uint32_t key = (static_cast<uint32_t>(t.source(i)) << 16) | static_cast<uint32_t>(t.target(i));
      auto [it, added] = dyad_index.emplace(key, static_cast<int>(dyads.size()));
      if (added) {
        dyads.push_back({t.source(i), t.target(i)});
        for (Series* s : {&coop, &conf, &meet}) s->y.emplace_back(W, 0.0);
      }
      d = it->second;
      if (dense) dense_index[dense_key] = d;
    }
    int k = static_cast<int>(w - first);
    if (t.quad(i) == 1 || t.quad(i) == 2) coop.y[d][k] += 1;
    if (t.quad(i) == 3 || t.quad(i) == 4) conf.y[d][k] += 1;
    if (meeting_code[t.code(i)]) meet.y[d][k] += 1;
  }
  if (dyads.empty()) {
    res.note = "no counted events (check --modality and the date range): nothing to forecast";
    return res;
  }
  const int D = static_cast<int>(dyads.size());
  std::vector<int> reverse(D, -1), first_w(D, W);
  for (int d = 0; d < D; ++d) {
    uint32_t rk = (static_cast<uint32_t>(dyads[d].second) << 16) | static_cast<uint32_t>(dyads[d].first);
    auto it = dyad_index.find(rk);
    if (it != dyad_index.end()) reverse[d] = it->second;
    for (int k = 0; k < W; ++k) {
      if (coop.y[d][k] + conf.y[d][k] + meet.y[d][k] > 0) {
        first_w[d] = k;
        break;
      }
    }
  }
  for (Series* s : {&coop, &conf, &meet}) {
    s->cum = s->y;
    for (auto& row : s->cum) {
      for (int k = 1; k < W; ++k) row[k] += row[k - 1];
    }
  }
  auto history = [&](const Series& s) {
    std::vector<std::vector<double>> h(D, std::vector<double>(W, 0));
    for (int d = 0; d < D; ++d) {
      double acc = 0;
      for (int k = 0; k < W; ++k) h[d][k] = acc = s.y[d][k] + f.decay * acc;
    }
    return h;
  };
  auto hc = history(coop), hf = history(conf), hm = history(meet);
  // Features for dyad d predicting window k (k may be W, the next window).
  auto features = [&](const Series& s, const std::vector<std::vector<double>>& h, const Series& other,
                      int d, int k, double* x) {
    x[0] = 1;
    x[1] = std::log1p(s.y[d][k - 1]);
    x[2] = std::log1p(h[d][k - 1]);
    x[3] = reverse[d] >= 0 ? std::log1p(s.y[reverse[d]][k - 1]) : 0;
    x[4] = std::log1p(other.y[d][k - 1]);
    // Cumulative sums are kept in s.cum so the mean is O(1).
    double sum = s.cum[d][k - 1] - (first_w[d] > 0 ? s.cum[d][first_w[d] - 1] : 0);
    x[5] = std::log1p(sum / std::max(1, k - first_w[d]));
  };
  struct Spec {
    const Series* s;
    const std::vector<std::vector<double>>* h;
    const Series* other;
  };
  const Spec specs[3] = {{&coop, &hc, &conf}, {&conf, &hf, &coop}, {&meet, &hm, &coop}};
  // Training rows: every dyad-window after the dyad's first event; beyond max_fit_rows, an
  // evenly spaced deterministic subsample (a 6-parameter model gains nothing from millions).
  auto rows_for = [&](const Spec& sp, int k_lo, int k_hi) {
    int64_t total = 0;
    for (int d = 0; d < D; ++d) total += std::max(0, k_hi - std::max(k_lo, first_w[d] + 1) + 1);
    const int64_t stride = f.max_fit_rows > 0 ? std::max<int64_t>(1, (total + f.max_fit_rows - 1) / f.max_fit_rows) : 1;
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(total / stride + 1));
    int64_t seen = 0;
    for (int d = 0; d < D; ++d) {
      for (int k = std::max(k_lo, first_w[d] + 1); k <= k_hi; ++k, ++seen) {
        if (seen % stride != 0) continue;
        Row r;
        features(*sp.s, *sp.h, *sp.other, d, k, r.x);
        r.y = sp.s->y[d][k];
        rows.push_back(r);
      }
    }
    return rows;
  };

  // Backtest.
  BacktestScore model{"poisson-regression"}, persist{"persistence"}, freq{"frequency"};
  int k_start = std::max(2, W - f.backtest_windows);
  for (int k = k_start; k < W; ++k) {
    double beta[3][kFeatures];
    for (int s = 0; s < 3; ++s) Fit(rows_for(specs[s], 1, k - 1), f.ridge, beta[s]);
    for (int d = 0; d < D; ++d) {
      if (first_w[d] >= k) continue;
      double lam[3], per[3], fr[3];
      for (int s = 0; s < 3; ++s) {
        double x[kFeatures];
        features(*specs[s].s, *specs[s].h, *specs[s].other, d, k, x);
        lam[s] = std::exp(Eta(beta[s], x));
        per[s] = specs[s].s->y[d][k - 1];
        double sum = 0;
        for (int j = first_w[d]; j < k; ++j) sum += specs[s].s->y[d][j];
        fr[s] = sum / (k - first_w[d]);
      }
      double met_before = 0;
      for (int j = first_w[d]; j < k; ++j) met_before += meet.y[d][j] > 0 ? 1 : 0;
      double met = meet.y[d][k] > 0 ? 1 : 0;
      auto score = [&](BacktestScore* b, const double* l, double p) {
        for (int s = 0; s < 2; ++s) {
          double y = specs[s].s->y[d][k];
          b->loglik += PoissonLogLik(y, l[s]) / 2;
          b->mae += std::fabs(y - l[s]) / 2;
        }
        b->brier += (p - met) * (p - met);
        ++b->cases;
      };
      score(&model, lam, 1 - std::exp(-lam[2]));
      score(&persist, per, meet.y[d][k - 1] > 0 ? 1.0 : 0.0);
      score(&freq, fr, met_before / (k - first_w[d]));
    }
  }
  // Model selection (top of file).
  std::string auto_reason;
  res.model = res.meeting_model = kRegression;
  if (model.cases > 0) {
    for (BacktestScore* b : {&model, &persist, &freq}) {
      b->loglik /= b->cases, b->mae /= b->cases, b->brier /= b->cases;
      res.backtest.push_back(*b);
    }
    const BacktestScore* counts = Best({&model, &freq, &persist}, false);
    const BacktestScore* meeting = Best({&model, &freq}, true);
    res.model = counts->model, res.meeting_model = meeting->model;
    auto_reason = "Counts from " + Why(counts, {&model, &freq, &persist}, false) + " over " +
                  std::to_string(model.cases) + " dyad-windows. P(meeting) from " +
                  Why(meeting, {&model, &freq}, true,
                      "; persistence, whose 0/1 probabilities are overconfident, is not eligible") + ".";
  } else {
    res.note = "fewer than 3 windows with events: no backtest, so no forecast model could be chosen by one";
    if (forced == "auto" || forced == "regression") {
      res.note += "; forecasts come from the Poisson regression (its intercept-only form, the mean rate, "
                  "when it has fewer than 12 training rows)";
    }
    auto_reason = "The Poisson regression for every quantity: too few windows for a backtest, so no "
                  "baseline could be tested against it.";
  }
  if (forced == "auto") {
    res.model_reason = auto_reason;
  } else {
    res.model = res.meeting_model = forced == "regression" ? kRegression : forced;
    std::string prose = Prose(res.model);
    prose[0] = 'T';
    res.model_reason = prose + " for every quantity, as requested (model=" + forced + "). ";
    if (res.backtest.empty()) {
      res.model_reason += "No backtest to compare it with.";
    } else {
      res.model_reason += "The backtest alone would choose " +
                          Prose(Best({&model, &freq, &persist}, false)->model) + " for counts and " +
                          Prose(Best({&model, &freq}, true)->model) + " for P(meeting).";
    }
  }
  // Forecast the next window from all windows with the chosen models.
  const std::string* chosen[3] = {&res.model, &res.model, &res.meeting_model};
  double beta[3][kFeatures];
  for (int s = 0; s < 3; ++s) {
    if (*chosen[s] == kRegression) Fit(rows_for(specs[s], 1, W - 1), f.ridge, beta[s]);
  }
  for (int d = 0; d < D; ++d) {
    double lam[3];
    for (int s = 0; s < 3; ++s) {
      const std::vector<double>& y = specs[s].s->y[d];
      if (*chosen[s] == kRegression) {
        double x[kFeatures];
        features(*specs[s].s, *specs[s].h, *specs[s].other, d, W, x);
        lam[s] = std::exp(Eta(beta[s], x));
      } else if (*chosen[s] == "persistence") {
        lam[s] = y[W - 1];
      } else {
        double sum = 0;
        for (int j = first_w[d]; j < W; ++j) sum += s == 2 ? (y[j] > 0 ? 1 : 0) : y[j];
        lam[s] = sum / (W - first_w[d]);  // for meetings, the share of windows with one
      }
    }
    DyadForecast df;
    df.source = t.countries()[dyads[d].first];
    df.target = t.countries()[dyads[d].second];
    df.coop = lam[0], df.conflict = lam[1];
    df.p_meeting = res.meeting_model == kRegression  ? 1 - std::exp(-lam[2])
                   : res.meeting_model == "frequency" ? lam[2]
                                                      : (lam[2] > 0 ? 1.0 : 0.0);
    res.dyads.push_back(std::move(df));
  }
  std::stable_sort(res.dyads.begin(), res.dyads.end(), [](const DyadForecast& x, const DyadForecast& y) {
    return x.coop + x.conflict > y.coop + y.conflict;
  });
  if (f.top >= 0 && static_cast<int>(res.dyads.size()) > f.top) res.dyads.resize(f.top);
  std::vector<PairEventQuery> queries;
  for (const DyadForecast& df : res.dyads) {
    queries.push_back({t.CountryIndex(df.source), t.CountryIndex(df.target), last, false, 0, 3});
  }
  auto evidence = PairEventsBatch(t, o, queries);
  for (size_t k = 0; k < res.dyads.size(); ++k) res.dyads[k].evidence = std::move(evidence[k]);
  return res;
}

}  // namespace entente
