// Helpers shared by the analysis sources (not part of the public API).
#ifndef ENTENTE_ANALYSIS_INTERNAL_H_
#define ENTENTE_ANALYSIS_INTERNAL_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entente/analysis.h"

namespace entente {

inline uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Sorted unique hashes of the lowercased content words (3+ characters, no stopwords).
std::vector<uint64_t> ContentTokens(std::string_view text);

// A small deterministic generator (splitmix64), identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double Uniform() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  // Poisson(1) by inversion: the weight of one event in a Poisson bootstrap replicate.
  int Poisson1() {
    static const double kCdf[] = {0.36787944117144233, 0.7357588823428847, 0.9196986029286058,
                                  0.9810118431238462,  0.9963401531726563, 0.9994058151824183,
                                  0.9999167588507190,  0.9999897508033253};
    double u = Uniform();
    for (int k = 0; k < 8; ++k) {
      if (u < kCdf[k]) return k;
    }
    return 8;
  }

 private:
  uint64_t s_;
};

// Counted events grouped by window: order[begin[k] .. begin[k+1]) are the table indices of the
// events of windows[k], in table order; windows ascend. `any_modality` keeps every modality;
// `whole_period` puts everything in one window numbered 0. Linear time (counting sort over a
// day -> window lookup).
struct Buckets {
  std::vector<int64_t> windows;
  std::vector<size_t> begin;  // size windows.size() + 1
  std::vector<uint32_t> order;
};
Buckets BucketByWindow(const EventTable& t, const AnalysisOptions& o, bool any_modality, bool whole_period);

// Is event i counted under the options (window range, modality, primary)?
bool Counted(const EventTable& t, size_t i, const AnalysisOptions& o);
// Window range [first, last] of the counted events, false when none.
bool WindowRange(const EventTable& t, const AnalysisOptions& o, int64_t* first, int64_t* last);
std::string PairName(const std::string& a, const std::string& b);  // "CHN-RUS"
std::string Fixed(double v, int digits = 2);                         // "0.21"
// Is this CAMEO code a meeting or visit (036 or 04x)?
bool IsMeetingCode(const std::string& code);
// ComputeAlignment, or with `whole_period` one window over everything counted.
std::vector<WindowAlignment> AlignmentOver(const EventTable& t, const AnalysisOptions& o,
                                           const AlignmentOptions& a, bool whole_period);
// Ids of up to `n` counted events between states a and b (either direction) in window `w`
// (any window when whole_period), with Goldstein sign `sign` (+1, -1; 0 = any), largest
// |Goldstein| first.
std::vector<std::string> PairEvents(const EventTable& t, const AnalysisOptions& o,
                                    const std::string& a, const std::string& b, int64_t w,
                                    bool whole_period, int sign, int n);
// The same for many pairs in one pass over the table: one answer per query, in order.
struct PairEventQuery {
  int a = -1, b = -1;  // country indices of the table (either direction)
  int64_t window = 0;
  bool whole_period = false;
  int sign = 0;
  int n = 3;
};
std::vector<std::vector<std::string>> PairEventsBatch(const EventTable& t, const AnalysisOptions& o,
                                                      const std::vector<PairEventQuery>& queries);

// Window number of a day by table lookup over the table's day range (WindowOf once per day,
// not once per event); days outside the range fall back to WindowOf.
class WindowLookup {
 public:
  WindowLookup(const EventTable& t, WindowUnit unit);
  int64_t Of(int64_t day) const {
    if (day < first_ || day >= first_ + static_cast<int64_t>(window_.size())) return WindowOf(day, unit_);
    return window_[static_cast<size_t>(day - first_)];
  }

 private:
  WindowUnit unit_;
  int64_t first_ = 0;
  std::vector<int64_t> window_;
};

// Mean paired difference a - b of per-case scores and its standard error. Cases in one cluster
// (cluster[i]; the forecast backtest's window) may share a shock, so the error is the larger of
// the independent-cases one and the cluster-robust one (sum of squared per-cluster sums of
// deviations, scaled by G / (G - 1)), the latter only with 2 or more clusters. a, b and cluster
// have one entry per case.
struct PairedMargin {
  double mean = 0, se = 0;
};
PairedMargin Paired(const std::vector<double>& a, const std::vector<double>& b,
                    const std::vector<int64_t>& cluster);

}  // namespace entente

#endif  // ENTENTE_ANALYSIS_INTERNAL_H_
