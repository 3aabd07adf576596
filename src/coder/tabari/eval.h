// Evaluation of event coding against gold records: the PETRARCH validation XML (coded with the
// TABARI-style coder over the given parses), our JSON Lines gold format, and the PLOVER gold
// file (PLOVER_GSR_CAMEO.json, read directly), both coded with entente's own Pipeline.
// Formats and metrics are documented in docs/accuracy.md.
#ifndef ENTENTE_CODER_TABARI_EVAL_H_
#define ENTENTE_CODER_TABARI_EVAL_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coder/tabari/dictionaries.h"
#include "entente/pipeline.h"
#include "entente/status.h"

namespace entente::tabari {

struct EvalActor {
  std::string code;     // full code as given ("ARNGOV", or the gold's country code)
  std::string country;  // ISO alpha-3 (or the code's first three letters), may be empty
  std::string sector;   // may be empty
};

struct EvalEvent {
  EvalActor source;
  std::optional<EvalActor> target;
  std::string cameo;   // may be empty when the gold only gives a root or PLOVER category
  std::string root;    // two digits, may be empty
  std::string plover;  // may be empty
  std::string why;     // predicted events: pattern / provenance
  // Whether, when and where (optional in the gold; empty = not given / not scored). Predicted
  // events always carry modality; event_date is cut to its precision ("YYYY-MM", "YYYY").
  std::string modality;    // "actual", "planned", "possible", "negated"
  std::string event_date;  // ISO day, "YYYY-MM" (month precision) or "YYYY" (year precision)
  std::string place;       // alpha-3 of the country where it happened
  std::string place_name;  // gold: informative only, not scored
};

struct GoldRecord {
  std::string id;
  std::string category;  // PETRARCH category, else empty
  std::string text;
  std::string date;      // ISO or YYYYMMDD, may be empty
  std::vector<EvalEvent> events;  // empty: the record expects no event
  // The sources act on each other (PLOVER GSR "SRC/TAR" markup: several sources, no target).
  // A prediction between two of them counts as each source's target-less gold event.
  bool reciprocal = false;
  // PETRARCH records only:
  std::string parse;
  std::string error;     // expected error marker, if any
  std::map<std::string, std::string> config;
};

// One JSON Lines gold record per line (docs/accuracy.md). Bad lines are InvalidArgument
// "file:line: reason" appended to `problems`; the rest is kept.
std::vector<GoldRecord> ReadJsonlGold(std::string_view text, const std::string& file,
                                      std::vector<Problem>* problems);
// Converts PLOVER_GSR_CAMEO.json (a JSON array) to gold records: one event per source x target
// pair (target null when none), category from "event", countries from "code", sectors from
// "sector"; "DOCUMENT" entries are skipped. InvalidArgument when it is not a JSON array.
Result<std::vector<GoldRecord>> ReadPloverGold(std::string_view json, const std::string& file,
                                               std::vector<Problem>* problems);
// Writes records in the JSON Lines gold format (one line each).
std::string WriteJsonlGold(const std::vector<GoldRecord>& records);

struct RecordOutcome {
  std::string id, category, text;
  std::vector<EvalEvent> gold, predicted;
  std::string expected_error, error;  // PETRARCH error markers (expected and produced)
  bool exact = false;
  std::string detail;                 // coder's note (parse error, discard phrase, exception)
};

struct Prf {
  int64_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct Accuracy {
  int64_t right = 0, total = 0;
  double rate() const { return total ? double(right) / double(total) : 0; }
};

struct EvalReport {
  std::string gold;     // what was evaluated
  std::string coder;    // "tabari (given parse)" or "entente pipeline"
  int64_t records = 0, exact = 0;
  Prf triples;          // (source, target, code) at the gold's own code level
  Prf roots;            // (source, target, CAMEO root)
  Prf plover;           // (source, target, PLOVER category); empty when no PLOVER is known
  Prf categories;       // distinct event categories (PLOVER when known, else root) per record
  int64_t unscored_predictions = 0;  // PLOVER gold: predictions with no PLOVER category (01/02)
  // Over every gold event (one with no aligned prediction counts as wrong).
  Accuracy source_country, target_country, source_sector, target_sector;
  // Over the gold events that have an aligned prediction: actor accuracy apart from recall.
  Accuracy source_country_coded, target_country_coded;
  std::map<std::pair<std::string, std::string>, int64_t> root_confusion;  // (gold, predicted)
  // Over the aligned gold events that carry the field (modality, event_date, place): whether
  // the aligned prediction agrees. Zero totals when the gold has none of these fields.
  Accuracy modality, event_date, place;
  std::map<std::pair<std::string, std::string>, int64_t> modality_confusion;  // (gold, predicted)
  struct WhenMiss {
    std::string id, field, gold, predicted;
  };
  std::vector<WhenMiss> when_misses;  // each disagreement counted above, in input order
  std::vector<RecordOutcome> outcomes;   // every record, in input order
  std::map<std::string, int64_t> failures_by_category;
  std::map<std::string, int64_t> error_kinds;  // dominant error kinds, counted (see Score)
  double exact_rate() const { return records ? double(exact) / double(records) : 0; }
};

// Scores outcomes whose gold/predicted events are filled (exact is computed here). Gold events
// and predictions are aligned per record: same key first, then same category, then in order.
EvalReport Score(std::vector<RecordOutcome> outcomes);

// Human-readable report: summary lines, root confusion table, failures by category, and the
// `worst` worst records with gold, prediction and explanation. `all_failures` lists every
// failing record id with its category.
std::string FormatReport(const EvalReport& r, int worst, bool all_failures);
std::string ReportJson(const EvalReport& r, int worst);

struct EvalOptions {
  // Gold file: PETRARCH XML (*.xml), JSON Lines, or "plover:PATH" for PLOVER_GSR_CAMEO.json.
  std::string gold;
  // PETRARCH: dictionaries to use instead of those the XML's <Environment> names (found next
  // to the XML in ../dictionaries/). JSON Lines and PLOVER: loaded by the pipeline (--dict),
  // added to pipeline.knowledge.dicts.
  std::vector<std::string> dicts;
  // PETRARCH XML: "given" (the records' Treebank parses) or "own" (the text parsed by our nlp
  // models, converted to a Penn bracketing by DependencyToPenn). Models come from
  // pipeline.knowledge.root/models, else FindResourceRoot()/models.
  std::string parse = "given";
  // Pipeline options for the JSON Lines / PLOVER path.
  PipelineOptions pipeline;
};

// Runs the whole evaluation. Load problems of dictionaries are appended to `problems`.
Result<EvalReport> RunEvaluation(const EvalOptions& options, std::vector<Problem>* problems);

// Where the PETRARCH suite's parses come from.
struct SuiteParses {
  // false: each record's own <Parse>. true: the record's text is segmented, tokenized and
  // parsed with the nlp models in `models_dir` (all sentences of a record as one), and the
  // dependency tree converted to a Penn bracketing (dep_to_penn.h).
  bool own = false;
  std::string models_dir;
  bool accurate = false;  // own parses from the beam-search parser (PipelineOptions::accurate)
};

// Codes the PETRARCH validation suite at `xml_path` (dictionaries from <Environment>, found in
// `dict_dir`, or `dicts` when not empty). With own parses, the models' load error (missing
// file, fingerprint mismatch) is returned as is.
Result<EvalReport> EvaluatePetrarchSuite(const std::string& xml_path, const std::string& dict_dir,
                                         const std::vector<std::string>& dicts,
                                         std::vector<Problem>* problems,
                                         const SuiteParses& parses = {});

// Codes gold records with the pipeline. `plover_gsr`: the gold uses the PLOVER 0.6 categories
// of PLOVER_GSR_CAMEO.json; predictions are mapped to them (see eval.cc, PloverGsrCategory).
Result<EvalReport> EvaluateWithPipeline(const std::vector<GoldRecord>& gold,
                                        const PipelineOptions& options, const std::string& label,
                                        bool plover_gsr);

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_EVAL_H_
