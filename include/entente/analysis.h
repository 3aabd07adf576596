// Alignment analysis over coded events: events (not reports), dyad counts, alignment between
// states, blocs, shifts, forecasts and a briefing. docs/analysis.md defines every measure.
//
// The analyses are pure functions over an EventTable, a compact columnar copy of the events
// (interned country codes, about 40 bytes per mention), so they run without a database and
// scale to tens of millions of events. LoadEvents fills a table from a Store while streaming.
// Everything here is deterministic for a given seed. Not thread-safe across calls that find
// blocs (igraph keeps one global random generator); otherwise a const EventTable may be shared.
#ifndef ENTENTE_ANALYSIS_H_
#define ENTENTE_ANALYSIS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/date.h"
#include "entente/event.h"
#include "entente/status.h"
#include "entente/store.h"

namespace entente {

// ---------------------------------------------------------------------------------------------
// Events, not reports: grouping mentions.

struct GroupingOptions {
  int day_window = 1;            // actual events: dates at most this many days apart
  int planned_day_window = 2;    // planned or possible events (their dates are vaguer)
  double min_jaccard = 0.2;      // same root but different 3-digit code: sentence token Jaccard
  bool group_imported = false;   // gdelt/icews records are already events: each its own group
};

// Assigns each mention the id of the first mention of the real-world event it reports.
// Rule (docs/analysis.md): same dyad (ordered; unordered for symmetric codes, 042 "visit"
// mirrors 043 "host"), same modality, dates within the window, and either the same 3-digit
// code or the same root with similar wording (token Jaccard) or the same named location.
// Memory is bounded by the mentions of the last few days.
class MentionGrouper {
 public:
  explicit MentionGrouper(const GroupingOptions& options = {});
  ~MentionGrouper();
  MentionGrouper(const MentionGrouper&) = delete;
  MentionGrouper& operator=(const MentionGrouper&) = delete;
  // Mentions must come in non-decreasing date order (Store::ForEachEvent order); a mention
  // without a valid date gets its own group. Returns the group id.
  std::string Add(const Event& e);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Group ids for `events` in any order (sorted by date internally), one per event.
std::vector<std::string> GroupMentions(const std::vector<Event>& events,
                                       const GroupingOptions& options = {});

// ---------------------------------------------------------------------------------------------
// The columnar event table.

enum class WindowUnit { kDay, kWeek, kMonth, kQuarter, kYear };
std::optional<WindowUnit> ParseWindowUnit(std::string_view s);  // "day", "week", ...
// Window number of a day (days since 1970-01-01); windows are calendar days, ISO-like weeks
// starting Monday, months, quarters, years.
int64_t WindowOf(int64_t day, WindowUnit unit);
int64_t WindowStartDay(int64_t window, WindowUnit unit);
// "2024-06-19", "2024-W25" (week of Monday 2024-06-17), "2024-06", "2024Q2", "2024".
std::string WindowLabel(int64_t window, WindowUnit unit);

// Only events between two different states (both countries known) enter the table; the
// loader counts what it skipped so front-ends can explain an empty result.
class EventTable {
 public:
  struct Skipped {
    int64_t no_country = 0;  // a side without a country (non-state actor, unknown)
    int64_t domestic = 0;    // source and target in the same country
    int64_t no_date = 0;         // no parseable date
    int64_t imprecise_date = 0;  // dated only to a month or year (Event::date_precision)
  };
  // Adds a mention. `primary` marks the first mention of its event group (counted when
  // counting events). Returns false (and counts why) when the mention is not dyadic.
  bool Add(const Event& e, bool primary);
  // The same from raw columns (benchmarks, importers); countries are ISO3 strings.
  bool AddRaw(std::string_view id, std::string_view source, std::string_view target, int64_t day,
              std::string_view cameo, double goldstein, int quad_class, Modality modality,
              std::string_view location, bool primary);
  void Reserve(size_t n);

  size_t size() const { return day_.size(); }
  const Skipped& skipped() const { return skipped_; }
  int64_t origins_imported() const { return imported_; }  // mentions with origin != entente
  const std::vector<std::string>& countries() const { return countries_; }
  const std::vector<std::string>& codes() const { return codes_; }
  size_t location_count() const { return locations_.size(); }  // location() is below this
  std::string_view id(size_t i) const;
  int32_t day(size_t i) const { return day_[i]; }
  int source(size_t i) const { return src_[i]; }
  int target(size_t i) const { return tgt_[i]; }
  int code(size_t i) const { return code_[i]; }  // index into codes()
  float goldstein(size_t i) const { return gold_[i]; }
  int quad(size_t i) const { return quad_[i]; }
  Modality modality(size_t i) const { return static_cast<Modality>(mod_[i]); }
  int location(size_t i) const { return loc_[i]; }  // -1 none
  bool primary(size_t i) const { return primary_[i] != 0; }
  int CountryIndex(std::string_view iso3) const;     // -1 when absent

 private:
  static int Intern(std::vector<std::string>* names, std::unordered_map<std::string, int>* index,
                    std::string_view s);
  std::vector<std::string> countries_, codes_, locations_;
  std::unordered_map<std::string, int> country_index_, code_index_, location_index_;
  std::vector<int32_t> day_, loc_;
  std::vector<int16_t> src_, tgt_, code_;
  std::vector<float> gold_;
  std::vector<uint8_t> quad_, mod_, primary_;
  std::string id_blob_;
  std::vector<uint64_t> id_end_;
  Skipped skipped_;
  int64_t imported_ = 0;
};

struct LoadOptions {
  EventFilter filter;           // passed to Store::ForEachEvent
  GroupingOptions grouping;     // used for mentions the store has not grouped
  bool use_store_groups = true; // trust Event::group when set
};
// Streams the store into a table; mentions without a stored group are grouped on the fly.
Result<EventTable> LoadEvents(Store& store, const LoadOptions& options);
// The same from memory (tests). Groups are taken from Event::group when set, else computed.
EventTable TableFromEvents(const std::vector<Event>& events, const GroupingOptions& grouping = {});

// ---------------------------------------------------------------------------------------------
// Analyses.

struct AnalysisOptions {
  WindowUnit window = WindowUnit::kYear;
  std::optional<Date> since, until;   // inclusive; nullopt = the table's range
  bool count_mentions = false;        // false: one count per event group (its first mention)
  Modality modality = Modality::kActual;  // the modality counted as what happened
  uint64_t seed = 1;                  // bootstrap and community detection
};

struct DyadRow {
  int64_t window = 0;
  std::string label, source, target;
  int64_t quad[4] = {0, 0, 0, 0};  // counts by quad class 1..4 (the chosen modality)
  double goldstein_sum = 0, goldstein_mean = 0;  // over the chosen modality, 0 when none
  int64_t by_modality[4] = {0, 0, 0, 0};  // actual, planned, possible, negated (never summed)
  std::vector<std::string> top_events;    // up to 3 ids with largest |Goldstein|
};
// One row per ordered pair of states and window with at least one event of any modality;
// windows ascending, pairs by source then target name.
std::vector<DyadRow> ComputeDyads(const EventTable& t, const AnalysisOptions& o);
// The same rows handed to `sink` one at a time (in the same order) instead of collected:
// memory stays at one window's accumulators however many rows there are.
void ForEachDyad(const EventTable& t, const AnalysisOptions& o,
                 const std::function<void(const DyadRow&)>& sink);

struct AlignmentOptions {
  double affinity_k = 5;      // pseudo-weight in (coop - conf) / (coop + conf + k)
  // In the similarity, the pair's own relation (the k = i and k = j entries of the portfolios)
  // counts as this many entries each; a third state counts once.
  double direct_weight = 5;
  // Weights of the three components in the score (sum 1). The similarity of relations to
  // third states carries the score: on real data it is what agrees with UN vote agreement,
  // direct affinity is not (docs/analysis.md, "Validation on real data").
  double w_affinity = 0;
  double w_similarity = 1;
  double w_copart = 0;
  // Weights of the direct tie (PairAlignment::tie, the edges of signed blocs).
  double tie_w_affinity = 0.5;
  double tie_w_copart = 0.2;
  int min_occasion_states = 3;  // states at one place and day to count as multilateral
  int bootstrap = 200;        // resamples of events (Poisson bootstrap); 0 = none
  double ci_low = 0.05, ci_high = 0.95;
  bool keep_replicates = false;  // keep per-replicate scores (blocs stability needs them)
};

struct PairAlignment {
  int a = 0, b = 0;        // indices into WindowAlignment::states, a < b
  double affinity = 0;     // direct net cooperation in [-1, 1]
  // Weighted S-score of the two states' affinity portfolios over all states of the window
  // (own entry 1, no events 0; the pair's own entries weigh direct_weight). In [-1, 1].
  double similarity = 0;
  double copart = 0;       // co-participation in multilateral occasions, [0, 1)
  double score = 0;        // weighted combination
  // The direct part: (tie_w_affinity A + tie_w_copart P) / (tie_w_affinity + tie_w_copart),
  // in [-1, 1]; the
  // edge weight of signed blocs (community detection finds the third-state structure itself).
  double tie = 0;
  double low = 0, high = 0;  // bootstrap interval of score (= score without bootstrap)
  int64_t events = 0;      // events directly between a and b
  int third_states = 0;    // third states that a or b has events with
  int occasions = 0;       // shared multilateral occasions
};

struct WindowAlignment {
  int64_t window = 0;
  std::string label;
  std::vector<std::string> states;  // states with at least one counted event
  std::vector<PairAlignment> pairs; // every pair with any nonzero component
  std::vector<std::vector<float>> replicates;      // per pair, when keep_replicates: score
  std::vector<std::vector<float>> tie_replicates;  // per pair, when keep_replicates: tie
  int64_t events = 0;
};
// One entry per window that has at least one counted event (the chosen modality only).
std::vector<WindowAlignment> ComputeAlignment(const EventTable& t, const AnalysisOptions& o,
                                              const AlignmentOptions& a = {});
// S-score (Signorino and Ritter 1999) of two profiles with values in [-1, 1]: 1 - 2 d / dmax
// with d the L1 distance; 1 for identical profiles, -1 for opposite extremes; 0 when empty.
double SScore(const std::vector<double>& x, const std::vector<double>& y);

// How blocs are found (docs/analysis.md, "Blocs").
enum class BlocMethod {
  // Leiden maximising modularity on the pairs with a direct relation (events or a shared
  // occasion) whose score exceeds the window's mean pair score by more than min_edge, weighted
  // by that excess. The default.
  kModularity,
  // Leiden on the signed graph of direct ties (PairAlignment::tie, negative values included)
  // with the constant Potts model: a partition scores sum over same-bloc pairs of
  // (tie - gamma), gamma = resolution x the mean tie of the window's edges. Ties stronger than
  // the window's typical tie pull states together; weaker, absent and negative ones push apart.
  kSigned,
};

struct BlocOptions {
  BlocMethod method = BlocMethod::kModularity;
  double min_edge = 0.05;   // kModularity: edges whose excess over the mean score is at or below this are dropped
  double resolution = 1.0;  // kModularity: modularity resolution; kSigned: multiplies gamma
  int core_size = 3;        // members named in the bloc name
  // A member whose direct events plus shared occasions with the other members number fewer
  // than this is held in the bloc by thin evidence (BlocMember::thin): one ceasefire event, one
  // guest list.
  int min_member_evidence = 3;
  // Fewer states present in both windows than this: no ARI with the previous window (an ARI
  // over two states is 1 or undefined whatever happened).
  int min_common_states = 4;
};
// What ties one member to the rest of its bloc, in the bloc's window.
struct BlocMember {
  std::string state;
  int64_t events = 0;  // direct events with the other members (each event counted once)
  // Shared multilateral occasions: the most this member shares with any one other member (a
  // lower bound on the distinct occasions; one parade with every member counts 1).
  int occasions = 0;
  bool thin = false;   // events + occasions < BlocOptions::min_member_evidence
};
struct Bloc {
  std::vector<std::string> members;  // by within-bloc strength, strongest first
  std::string name;                  // core members joined by '-'
  double cohesion = 0;               // mean alignment between members
  double stability = 0;              // mean co-assignment of member pairs over replicates
  std::vector<BlocMember> evidence;  // one per member, in the order of members
  int64_t events = 0;                // direct events between members
};
struct WindowBlocs {
  int64_t window = 0;
  std::string label;
  std::vector<Bloc> blocs;            // two or more members, largest first
  std::vector<std::string> unaligned; // states in no bloc
  double modularity = 0;      // modularity of the partition on the positive edges of the graph used
  double bootstrap_ari = -2;  // mean adjusted Rand index vs replicates; -2 = not computed
  // vs the previous window over the states present in both; -2 = none (the first window, or
  // fewer than BlocOptions::min_common_states common states: see previous_common).
  double previous_ari = -2;
  int previous_common = 0;    // states present in this window and the previous one (0 for the first)
};
std::vector<WindowBlocs> ComputeBlocs(const std::vector<WindowAlignment>& windows,
                                      const AnalysisOptions& o, const BlocOptions& b = {});
// Adjusted Rand index of two labelings of the same items (1 = identical, ~0 = chance).
double AdjustedRandIndex(const std::vector<int>& x, const std::vector<int>& y);

// Which changes count as shifts (docs/analysis.md, "Shifts"). A change is *supported* when the
// pair's bootstrap intervals in the two windows (PairAlignment::low/high) do not overlap and the
// pair has at least `min_evidence` direct events plus shared occasions in the two windows
// together and `min_window_evidence` in each; without a bootstrap (intervals equal to the
// score) nothing is supported. Evidence counts events, or mentions with count_mentions.
struct ShiftOptions {
  int top = 10;              // supported shifts returned, largest |delta| first
  int top_unsupported = 10;  // then up to this many unsupported changes, largest first (0 = none)
  int min_evidence = 3;         // direct events + shared occasions over both windows
  int min_window_evidence = 2;  // the same in each window (one event is no measurement)
  // A pair with no direct event and no shared occasion in one of the two windows has nothing
  // there to compare with: it is never a change (neither supported nor unsupported). It is
  // listed apart, after the changes, as new in or absent from a window (Shift::one_sided), up to
  // this many, most evidence (direct events plus shared occasions) first, then the most
  // recent; 0 (the default) leaves them out.
  int top_one_sided = 0;
};

struct Shift {
  std::string a, b, from_label, to_label;
  double from = 0, to = 0, delta = 0;
  // The pair's bootstrap interval of the score in each window. A pair absent from a window has
  // [0, 0] there; without a bootstrap (`bootstrapped` false) each interval is the point score.
  double from_low = 0, from_high = 0, to_low = 0, to_high = 0;
  bool bootstrapped = false;   // both windows carry bootstrap intervals (some pair has low < high)
  int64_t from_events = 0, to_events = 0;  // direct events of the pair per window (AnalysisOptions counting)
  int from_occasions = 0, to_occasions = 0;  // shared multilateral occasions per window
  bool supported = false;      // the rule of ShiftOptions holds
  // No direct events or shared occasions in one window (ShiftOptions::top_one_sided): the pair
  // is new in the later window or absent from it; never supported, summary "PRK-RUS new in
  // 2022: 0 -> 2 events between 2021 and 2022 (no direct events or shared occasions in 2021, so
  // no alignment to compare)" ("ARG-BRA absent from 2024: 1 -> 0 events ..."), the same text
  // after "(" in `caveat`.
  bool one_sided = false;
  // Why not supported, "" when supported: "the intervals overlap; only 1 event or occasion in
  // 2025, 2 needed in each window" (reasons joined by "; ").
  std::string caveat;
  std::vector<std::string> drivers;  // event ids that moved it most
  // Supported: "PRK-RUS rose from 0.21 [0.10, 0.30] to 0.68 [0.55, 0.80] between 2023 and 2024,
  // 2 -> 9 events". Unsupported changes are never worded as a rise or fall: "RUS-UKR -0.17
  // [-0.41, 0.39] in 2024, 0.75 [0.50, 0.83] in 2025, 5 -> 1 events: not a supported shift
  // (only 1 event or occasion in 2025, 2 needed in each window)".
  std::string summary;
};
// Changes between consecutive windows of pairs with direct evidence in both: the supported ones
// first, then the unsupported, each group by |delta| (largest first); then, when
// ShiftOptions::top_one_sided > 0, the pairs new in or absent from one of the two windows, by
// evidence (largest first), then the later window first.
// Intervals come from `windows`, so compute them with AlignmentOptions::bootstrap > 0.
std::vector<Shift> ComputeShifts(const EventTable& t, const std::vector<WindowAlignment>& windows,
                                 const AnalysisOptions& o, const ShiftOptions& s = {});
// The same with ShiftOptions::top and top_unsupported both `top`.
std::vector<Shift> ComputeShifts(const EventTable& t, const std::vector<WindowAlignment>& windows,
                                 const AnalysisOptions& o, int top);

struct ForecastOptions {
  double decay = 0.5;         // weight of the history one window further back
  int backtest_windows = 4;   // last windows held out one at a time
  double ridge = 1e-3;        // L2 penalty of the Poisson regression
  int64_t max_fit_rows = 50000;  // training rows per fit; beyond, an evenly spaced subsample
  int top = 20;
  // "auto": the backtest picks the model (see ForecastResult::model). "regression",
  // "frequency" or "persistence" force that model for every quantity. Any other value
  // forecasts nothing and says why in ForecastResult::note.
  std::string model = "auto";
  // Empirical-Bayes shrinkage of the frequency baseline and of the regression's mean-rate
  // feature (docs/analysis.md, "Forecast"): a dyad's mean count over its n windows is pulled
  // toward a gamma prior fitted to all dyads (gamma-Poisson marginal likelihood), its share of
  // windows with a meeting toward a beta prior (beta-binomial), each with weight n / (n + prior
  // windows), so a dyad seen for one window is forecast near the typical dyad and one seen for
  // many near its own mean.
  // false: the raw mean and share (the baseline before 2026-11-29; kept for comparison).
  bool shrink = true;
};
struct DyadForecast {
  std::string source, target;
  double coop = 0, conflict = 0;  // expected events next window
  double p_meeting = 0;           // P(at least one 036/04x event)
  int history_windows = 0;        // windows since the dyad's first event (its evidence)
  std::vector<std::string> evidence;  // recent event ids of the dyad
};
struct BacktestScore {
  std::string model;  // "poisson-regression", "persistence", "frequency"
  double loglik = 0;  // mean Poisson log-likelihood per dyad-window (coop and conflict)
  double mae = 0;     // mean absolute error of counts
  double brier = 0;   // of the meeting probability
  int64_t cases = 0;
};
struct ForecastResult {
  std::string window_label;  // the window forecast
  std::vector<DyadForecast> dyads;  // highest expected activity first
  std::vector<BacktestScore> backtest;
  // The models behind DyadForecast::coop/conflict (`model`) and p_meeting (`meeting_model`),
  // named as in BacktestScore. Auto: counts from the best backtest log-likelihood of the three,
  // p_meeting from the better Brier of regression and frequency (persistence's 0/1 is no
  // probability, so it is not eligible); ties keep the regression; without a backtest, the
  // regression. `model_reason` says which and why, with the scores, in one or two sentences.
  std::string model, meeting_model;
  std::string model_reason;
  // Does the backtest separate the model it prefers from the runner-up (the best other eligible
  // model)? Per quantity: the mean paired difference of per-case scores (log-likelihood per
  // dyad-window for counts, Brier for P(meeting)), positive when the preferred model is better,
  // and its standard error over the cases; clear when margin >= 2 SE. When not clear,
  // model_reason says the backtest does not distinguish the two. Describes the backtest's
  // preference even when ForecastOptions::model forces a model (the reason then says which
  // preference is not distinguishable); false without a backtest.
  bool model_clear = false, meeting_model_clear = false;
  std::string model_runner_up, meeting_runner_up;  // named as in BacktestScore; "" = none
  double model_margin = 0, model_margin_se = 0;
  double meeting_margin = 0, meeting_margin_se = 0;
  std::string note;          // why something could not be done, else empty
};
ForecastResult ComputeForecast(const EventTable& t, const AnalysisOptions& o,
                               const ForecastOptions& f = {});

// Markdown (and JSON) briefing on blocs, trends, shifts and forecasts, every claim followed by
// the ids of the events behind it.
struct Briefing {
  std::string markdown;
  std::string json;
};
Briefing MakeBriefing(const EventTable& t, const AnalysisOptions& o,
                      const AlignmentOptions& a = {});

}  // namespace entente

#endif  // ENTENTE_ANALYSIS_H_
