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
// Shrinkage (ForecastOptions::shrink, default on): a dyad seen for one window must not be
// forecast as confidently as one seen for eight. Empirical Bayes per series and per window k,
// from the dyads' histories before k only: dyad d has n_d windows since its first event and
// S_d events in them. Rates: gamma-Poisson; each dyad's rate has a gamma prior with mean m and
// weight b (in windows; shape m b), so S_d is negative binomial given n_d, and (m, b) maximise
// that marginal likelihood over all dyads (Newton's method on the logs, from the method-of-
// moments estimate: E r = m, Var r = m / b + m E[1/n_d] over the raw means r_d = S_d / n_d).
// The forecast is the posterior mean (S_d + b m) / (n_d + b): weight n_d / (n_d + b) on the
// dyad's own mean. Meetings: beta-binomial; x_d windows with a meeting out of n_d, a beta prior
// of mean mu and weight c windows fitted by the beta-binomial marginal likelihood (from the
// moments: Var(x/n) = mu (1 - mu) (E[1/n] + rho (1 - E[1/n])), c = 1 / rho - 1), posterior
// (x_d + c mu) / (n_d + c). Weights are capped at 10,000 windows (no spread beyond the
// sampling noise: full pooling). Marginal likelihood rather than moments because it scored
// better on real data (docs/analysis.md, "Forecast"). Dyads with the same (count, windows) are
// fitted once with a multiplicity. The shrunk mean replaces the raw one in the frequency
// baseline and in the regression's mean-rate feature. Deterministic: no sampling.
// Close calls: the backtest keeps every case's score; the preferred model's margin over the
// runner-up is the mean paired difference with its standard error (Paired in internal.h: the
// larger of the independent-cases error and the one clustered by backtest window, since the
// dyads of one window share its shocks). Under 2 standard errors model_reason says the backtest
// does not distinguish them.
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
constexpr double kMaxPriorWindows = 1e4;

// An empirical-Bayes prior: its mean (a rate, or a share of windows) and its weight in windows.
struct Prior {
  double mean = 0, windows = 0;
  double Shrink(double sum, double n) const { return (sum + windows * mean) / std::max(n + windows, 1e-12); }
};

// Moments of the per-dyad ratios x[i] / n[i]: their mean, the mean of 1 / n[i], and the ratios'
// sample variance (0 with fewer than two dyads).
struct RatioMoments {
  double mean = 0, inv = 0, var = 0;
};
RatioMoments MomentsOf(const std::vector<double>& x, const std::vector<double>& ns) {
  RatioMoments m;
  const size_t n = x.size();
  if (n == 0) return m;
  for (size_t i = 0; i < n; ++i) m.mean += x[i] / ns[i], m.inv += 1 / ns[i];
  m.mean /= n, m.inv /= n;
  if (n < 2) return m;
  for (size_t i = 0; i < n; ++i) m.var += (x[i] / ns[i] - m.mean) * (x[i] / ns[i] - m.mean);
  m.var /= n - 1;
  return m;
}

// Gamma prior for Poisson rates from each dyad's (events, windows), method of moments (top of
// file). With fewer than two dyads there is nothing to pool: weight 0.
Prior FitGamma(const std::vector<double>& sums, const std::vector<double>& ns) {
  const RatioMoments m = MomentsOf(sums, ns);
  Prior p;
  p.mean = m.mean;
  if (sums.size() < 2 || p.mean <= 0) return p;
  const double v = m.var - p.mean * m.inv;
  p.windows = v > p.mean / kMaxPriorWindows ? p.mean / v : kMaxPriorWindows;
  return p;
}

// Beta prior for shares of windows with a meeting from each dyad's (windows with one, windows).
Prior FitBeta(const std::vector<double>& hits, const std::vector<double>& ns) {
  const RatioMoments m = MomentsOf(hits, ns);
  Prior p;
  p.mean = m.mean;
  if (hits.size() < 2 || p.mean <= 0 || p.mean >= 1) return p;
  if (m.inv > 1 - 1e-9) {
    p.windows = 1;
    return p;
  }
  const double rho = std::clamp((m.var / (p.mean * (1 - p.mean)) - m.inv) / (1 - m.inv),
                                1 / (1 + kMaxPriorWindows), 1.0);
  p.windows = 1 / rho - 1;
  return p;
}

double Digamma(double x) {
  double r = 0;
  for (; x < 6; x += 1) r -= 1 / x;
  const double f = 1 / (x * x);
  return r + std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252)));
}

double Trigamma(double x) {
  double r = 0;
  for (; x < 6; x += 1) r += 1 / (x * x);
  const double f = 1 / (x * x);
  return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
}

// Maximises a log-likelihood of two positive parameters over their logs (u, w) by Newton's
// method with step halving (gradient ascent where the Hessian is not negative definite), from
// (u, w), within [lo, hi] per coordinate. `f(u, w, grad, hess)` returns the log-likelihood and,
// when grad is not null, its gradient and Hessian in (u, w).
template <typename F>
void MaximizeLogs(const F& f, double lo[2], double hi[2], double* u, double* w) {
  double cur = f(*u, *w, nullptr, nullptr);
  for (int iter = 0; iter < 100 && std::isfinite(cur); ++iter) {
    double g[2], h[3];  // h: uu, uw, ww
    f(*u, *w, g, h);
    double du = g[0], dw = g[1];
    const double det = h[0] * h[2] - h[1] * h[1];
    if (h[0] < 0 && det > 0) du = -(h[2] * g[0] - h[1] * g[1]) / det, dw = -(h[0] * g[1] - h[1] * g[0]) / det;
    double t = 1;
    bool moved = false;
    for (int half = 0; half < 40; ++half, t *= 0.5) {
      const double nu = std::clamp(*u + t * du, lo[0], hi[0]), nw = std::clamp(*w + t * dw, lo[1], hi[1]);
      const double v = f(nu, nw, nullptr, nullptr);
      if (std::isfinite(v) && v > cur) {
        moved = v > cur + 1e-10 * std::fabs(cur) && std::max(std::fabs(nu - *u), std::fabs(nw - *w)) > 1e-7;
        *u = nu, *w = nw, cur = v;
        break;
      }
    }
    if (!moved) break;
  }
}

// Dyads with the same (count, windows) counted once with a multiplicity, so the cost of a
// marginal-likelihood fit follows the distinct histories, not the dyads.
// Counts and windows are whole numbers (below 2^40 and 2^20), packed into one key; counted in an
// open-addressing table (linear in the dyads), then the few distinct keys sorted, so the sums
// run in one fixed order.
std::vector<std::pair<std::pair<double, double>, double>> Distinct(const std::vector<double>& xs,
                                                                   const std::vector<double>& ns) {
  size_t cap = 16;
  while (cap < 2 * xs.size()) cap *= 2;
  std::vector<uint64_t> slot(cap, 0);  // key + 1; 0 = empty
  std::vector<double> count(cap, 0);
  int shift = 64;
  for (size_t c = cap; c > 1; c /= 2) --shift;
  for (size_t i = 0; i < xs.size(); ++i) {
    const uint64_t key = ((static_cast<uint64_t>(xs[i]) << 20) | static_cast<uint64_t>(ns[i])) + 1;
    size_t h = static_cast<size_t>((key * 0x9e3779b97f4a7c15ull) >> shift);
    while (slot[h] != 0 && slot[h] != key) h = (h + 1) & (cap - 1);
    slot[h] = key;
    count[h] += 1;
  }
  std::vector<std::pair<uint64_t, double>> keys;
  for (size_t h = 0; h < cap; ++h) {
    if (slot[h] != 0) keys.push_back({slot[h] - 1, count[h]});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::pair<std::pair<double, double>, double>> distinct;
  distinct.reserve(keys.size());
  for (const auto& [key, c] : keys) {
    distinct.push_back({{static_cast<double>(key >> 20), static_cast<double>(key & 0xfffff)}, c});
  }
  return distinct;
}

// The gamma prior by marginal likelihood (each dyad's total given its windows is negative
// binomial), over (log shape, log windows), from the moment estimate (a warm start from the
// previous window's fit was tried: faster by 5%, but it stopped at worse optima).
Prior FitGammaMarginal(const std::vector<double>& sums, const std::vector<double>& ns) {
  Prior mom = FitGamma(sums, ns);
  if (sums.size() < 2 || mom.mean <= 0) return mom;
  const auto distinct = Distinct(sums, ns);
  auto f = [&](double u, double w, double* g, double* h) {
    const double a = std::exp(u), b = std::exp(w);
    double l = 0, la = 0, lb = 0, laa = 0, lab = 0, lbb = 0;
    for (const auto& [sn, c] : distinct) {
      const double S = sn.first, n = sn.second;
      l += c * (std::lgamma(S + a) - std::lgamma(a) + a * w - (S + a) * std::log(n + b));
      if (!g) continue;
      la += c * (Digamma(S + a) - Digamma(a) + w - std::log(n + b));
      lb += c * (a / b - (S + a) / (n + b));
      laa += c * (Trigamma(S + a) - Trigamma(a));
      lab += c * (1 / b - 1 / (n + b));
      lbb += c * (-a / (b * b) + (S + a) / ((n + b) * (n + b)));
    }
    if (g) {
      g[0] = a * la, g[1] = b * lb;
      h[0] = a * a * laa + a * la, h[1] = a * b * lab, h[2] = b * b * lbb + b * lb;
    }
    return l;
  };
  const double max_log = std::log(kMaxPriorWindows);
  double lo[2] = {-20, -20}, hi[2] = {30, max_log};
  double w = std::clamp(std::log(std::max(mom.windows, 1e-4)), lo[1], hi[1]);
  double u = std::clamp(std::log(mom.mean) + w, lo[0], hi[0]);
  MaximizeLogs(f, lo, hi, &u, &w);
  return {std::exp(u - w), std::exp(w)};
}

// The beta prior by marginal likelihood (each dyad's windows with a meeting given its windows
// is beta-binomial), over (log a, log b), from the moment estimate; mean a / (a + b), weight
// a + b windows.
Prior FitBetaMarginal(const std::vector<double>& hits, const std::vector<double>& ns) {
  Prior mom = FitBeta(hits, ns);
  if (hits.size() < 2 || mom.mean <= 0 || mom.mean >= 1) return mom;
  const auto distinct = Distinct(hits, ns);
  auto f = [&](double u, double w, double* g, double* h) {
    const double a = std::exp(u), b = std::exp(w);
    double l = 0, la = 0, lb = 0, laa = 0, lab = 0, lbb = 0;
    for (const auto& [xn, c] : distinct) {
      const double x = xn.first, n = xn.second;
      l += c * (std::lgamma(x + a) + std::lgamma(n - x + b) - std::lgamma(n + a + b) - std::lgamma(a) -
                std::lgamma(b) + std::lgamma(a + b));
      if (!g) continue;
      const double common = -Digamma(n + a + b) + Digamma(a + b), common2 = -Trigamma(n + a + b) + Trigamma(a + b);
      la += c * (Digamma(x + a) - Digamma(a) + common);
      lb += c * (Digamma(n - x + b) - Digamma(b) + common);
      laa += c * (Trigamma(x + a) - Trigamma(a) + common2);
      lbb += c * (Trigamma(n - x + b) - Trigamma(b) + common2);
      lab += c * common2;
    }
    if (g) {
      g[0] = a * la, g[1] = b * lb;
      h[0] = a * a * laa + a * la, h[1] = a * b * lab, h[2] = b * b * lbb + b * lb;
    }
    return l;
  };
  const double max_log = std::log(kMaxPriorWindows);
  double lo[2] = {-20, -20}, hi[2] = {max_log, max_log};
  const double c = std::max(mom.windows, 1e-3);
  double u = std::clamp(std::log(mom.mean * c), lo[0], hi[0]), w = std::clamp(std::log((1 - mom.mean) * c), lo[1], hi[1]);
  MaximizeLogs(f, lo, hi, &u, &w);
  const double a = std::exp(u), b = std::exp(w);
  return {a / (a + b), std::min(a + b, kMaxPriorWindows)};
}

}  // namespace

PairedMargin Paired(const std::vector<double>& a, const std::vector<double>& b,
                    const std::vector<int64_t>& cluster) {
  PairedMargin m;
  const size_t n = a.size();
  if (n == 0) return m;
  for (size_t i = 0; i < n; ++i) m.mean += a[i] - b[i];
  m.mean /= n;
  if (n < 2) return m;
  double var = 0;
  std::map<int64_t, double> sums;  // per cluster: sum of deviations from the mean
  for (size_t i = 0; i < n; ++i) {
    const double dev = a[i] - b[i] - m.mean;
    var += dev * dev;
    sums[cluster[i]] += dev;
  }
  m.se = std::sqrt(var / (n - 1) / n);
  const double g = static_cast<double>(sums.size());
  if (g >= 2) {
    double between = 0;
    for (const auto& [id, sum] : sums) between += sum * sum;
    m.se = std::max(m.se, std::sqrt(g / (g - 1) * between) / n);
  }
  return m;
}

namespace {

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
  Series met;  // 1 for a window with a meeting
  met.y = meet.y;
  for (auto& row : met.y) {
    for (double& v : row) v = v > 0 ? 1 : 0;
  }
  for (Series* s : {&coop, &conf, &meet, &met}) {
    s->cum = s->y;
    for (auto& row : s->cum) {
      for (int k = 1; k < W; ++k) row[k] += row[k - 1];
    }
  }
  // Sum of a series over the dyad's windows before k (from its first event).
  auto sum_before = [&](const Series& s, int d, int k) {
    return s.cum[d][k - 1] - (first_w[d] > 0 ? s.cum[d][first_w[d] - 1] : 0);
  };
  // Priors for predicting window k (1..W) from the dyads seen before k: coop, conflict, meeting
  // counts (gamma) and windows with a meeting (beta). Unused (weight 0) without shrinkage.
  std::vector<Prior> priors[4];
  for (auto& p : priors) p.assign(W + 1, Prior{});
  if (f.shrink) {
    std::vector<double> sums[4], ns;
    for (int k = 1; k <= W; ++k) {
      for (auto& v : sums) v.clear();
      ns.clear();
      for (int d = 0; d < D; ++d) {
        if (first_w[d] >= k) continue;
        ns.push_back(k - first_w[d]);
        int s = 0;
        for (const Series* series : {&coop, &conf, &meet, &met}) sums[s++].push_back(sum_before(*series, d, k));
      }
      for (int s = 0; s < 3; ++s) priors[s][k] = FitGammaMarginal(sums[s], ns);
      priors[3][k] = FitBetaMarginal(sums[3], ns);
    }
  }
  // The frequency baseline for dyad d predicting window k: the (shrunk) mean count of series
  // `s` (0-2), or with s = 3 the (shrunk) share of windows with a meeting.
  const Series* by_index[4] = {&coop, &conf, &meet, &met};
  auto frequency = [&](int s, int d, int k) {
    return priors[s][k].Shrink(sum_before(*by_index[s], d, k), k - first_w[d]);
  };
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
  auto features = [&](int si, const Series& s, const std::vector<std::vector<double>>& h, const Series& other,
                      int d, int k, double* x) {
    x[0] = 1;
    x[1] = std::log1p(s.y[d][k - 1]);
    x[2] = std::log1p(h[d][k - 1]);
    x[3] = reverse[d] >= 0 ? std::log1p(s.y[reverse[d]][k - 1]) : 0;
    x[4] = std::log1p(other.y[d][k - 1]);
    x[5] = std::log1p(frequency(si, d, k));  // O(1): cumulative sums and per-window priors
  };
  struct Spec {
    int index;
    const Series* s;
    const std::vector<std::vector<double>>* h;
    const Series* other;
  };
  const Spec specs[3] = {{0, &coop, &hc, &conf}, {1, &conf, &hf, &coop}, {2, &meet, &hm, &coop}};
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
        features(sp.index, *sp.s, *sp.h, *sp.other, d, k, r.x);
        r.y = sp.s->y[d][k];
        rows.push_back(r);
      }
    }
    return rows;
  };

  // Backtest.
  BacktestScore model{"poisson-regression"}, persist{"persistence"}, freq{"frequency"};
  // Per-case scores (model, persistence, frequency): mean log-likelihood of the two counts, and
  // the Brier score of the meeting probability, for the paired comparison.
  std::vector<double> case_ll[3], case_brier[3];
  std::vector<int64_t> case_window[3];  // the cluster of each case
  int k_start = std::max(2, W - f.backtest_windows);
  for (int k = k_start; k < W; ++k) {
    double beta[3][kFeatures];
    for (int s = 0; s < 3; ++s) Fit(rows_for(specs[s], 1, k - 1), f.ridge, beta[s]);
    for (int d = 0; d < D; ++d) {
      if (first_w[d] >= k) continue;
      double lam[3], per[3], fr[3];
      for (int s = 0; s < 3; ++s) {
        double x[kFeatures];
        features(s, *specs[s].s, *specs[s].h, *specs[s].other, d, k, x);
        lam[s] = std::exp(Eta(beta[s], x));
        per[s] = specs[s].s->y[d][k - 1];
        fr[s] = frequency(s, d, k);
      }
      const double happened = met.y[d][k];
      auto score = [&](int m, BacktestScore* b, const double* l, double p) {
        double ll = 0;
        for (int s = 0; s < 2; ++s) {
          double y = specs[s].s->y[d][k];
          ll += PoissonLogLik(y, l[s]) / 2;
          b->mae += std::fabs(y - l[s]) / 2;
        }
        b->loglik += ll;
        b->brier += (p - happened) * (p - happened);
        case_ll[m].push_back(ll);
        case_brier[m].push_back((p - happened) * (p - happened));
        case_window[m].push_back(k);
        ++b->cases;
      };
      score(0, &model, lam, 1 - std::exp(-lam[2]));
      score(1, &persist, per, met.y[d][k - 1]);
      score(2, &freq, fr, frequency(3, d, k));
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
    // Runner-up and the paired margin of the preferred model over it (top of file).
    auto index = [&](const BacktestScore* b) { return b == &model ? 0 : b == &persist ? 1 : 2; };
    auto runner_up = [&](const BacktestScore* chosen, const std::vector<const BacktestScore*>& eligible,
                         bool by_brier) {
      const BacktestScore* r = nullptr;
      for (const BacktestScore* b : eligible) {
        if (b != chosen && (!r || (by_brier ? b->brier < r->brier : b->loglik > r->loglik))) r = b;
      }
      return r;
    };
    const BacktestScore* counts_2 = runner_up(counts, {&model, &freq, &persist}, false);
    const BacktestScore* meeting_2 = runner_up(meeting, {&model, &freq}, true);
    const PairedMargin mc = Paired(case_ll[index(counts)], case_ll[index(counts_2)], case_window[0]);
    const PairedMargin mm = Paired(case_brier[index(meeting_2)], case_brier[index(meeting)], case_window[0]);
    res.model_runner_up = counts_2->model, res.meeting_runner_up = meeting_2->model;
    res.model_margin = mc.mean, res.model_margin_se = mc.se;
    res.meeting_margin = mm.mean, res.meeting_margin_se = mm.se;
    res.model_clear = mc.mean >= 2 * mc.se && mc.mean > 0;
    res.meeting_model_clear = mm.mean >= 2 * mm.se && mm.mean > 0;
    // ", but not distinguishable from the frequency baseline: difference 0.002 ± 0.004 ...".
    auto call = [](bool clear, const BacktestScore* other, const PairedMargin& m, const char* unit) {
      // Three decimals, more when the error would otherwise print as 0.000.
      int digits = 3;
      while (digits < 6 && m.se > 0 && m.se < 0.5 * std::pow(10.0, -digits)) ++digits;
      const std::string diff = Fmt(m.mean, digits) + " \u00b1 " + Fmt(m.se, digits);
      if (clear) return "; ahead of " + Prose(other->model) + " by " + diff + " " + unit + " (over 2 standard errors)";
      return ", but not distinguishable from " + Prose(other->model) + ": difference " + diff + " " + unit +
             " (mean \u00b1 standard error, under 2 standard errors), so the backtest does not separate them";
    };
    auto_reason = "Counts from " + Why(counts, {&model, &freq, &persist}, false) + " over " +
                  std::to_string(model.cases) + " dyad-windows" +
                  call(res.model_clear, counts_2, mc, "in log-lik per dyad-window") + ". P(meeting) from " +
                  Why(meeting, {&model, &freq}, true,
                      "; persistence, whose 0/1 probabilities are overconfident, is not eligible") +
                  call(res.meeting_model_clear, meeting_2, mm, "in Brier") + ".";
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
      auto close = [](bool clear, const std::string& other) {
        return clear ? std::string() : " (not distinguishable from " + Prose(other) + ")";
      };
      res.model_reason += "The backtest alone would choose " +
                          Prose(Best({&model, &freq, &persist}, false)->model) +
                          close(res.model_clear, res.model_runner_up) + " for counts and " +
                          Prose(Best({&model, &freq}, true)->model) +
                          close(res.meeting_model_clear, res.meeting_runner_up) + " for P(meeting).";
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
        features(s, *specs[s].s, *specs[s].h, *specs[s].other, d, W, x);
        lam[s] = std::exp(Eta(beta[s], x));
      } else if (*chosen[s] == "persistence") {
        lam[s] = y[W - 1];
      } else {
        lam[s] = frequency(s == 2 ? 3 : s, d, W);  // for meetings, the share of windows with one
      }
    }
    DyadForecast df;
    df.source = t.countries()[dyads[d].first];
    df.target = t.countries()[dyads[d].second];
    df.coop = lam[0], df.conflict = lam[1];
    df.history_windows = W - first_w[d];
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
