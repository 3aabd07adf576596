// A coded event: who did what to whom, when and where, with the words that produced it.
// The JSON field names written by ToJson are a promise to users (docs/output.md).
#ifndef ENTENTE_EVENT_H_
#define ENTENTE_EVENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/document.h"

namespace entente {

struct ActorRef {
  std::string code;     // full CAMEO actor code, e.g. "PRKGOV", "IGOUNO", "USAELI"
  std::string country;  // ISO 3166-1 alpha-3, empty when unknown or not a state actor
  std::string sector;   // CAMEO sector ("GOV", "MIL", ...), may be empty
  std::string name;     // canonical name of a named actor ("Kim Jong Un"), may be empty
  std::string text;     // the words in the sentence
  Span span;            // bytes of `text` in the document (empty for imported events)
};

enum class Modality { kActual, kPlanned, kPossible, kNegated };
std::string_view ModalityName(Modality m);                 // "actual", ...
std::optional<Modality> ParseModality(std::string_view s);

// How exactly `Event::date` is known. An event the text dates only by its year ("Putin last
// visited Pyongyang in 2000") or month ("in October") has `date` set to the first day of that
// period (or the early/mid/late day the coder chose); the precision says the date stands for the
// whole year or month, not for that day. Analyses that bin events by day must not count such an
// event on that day (docs/output.md).
enum class DatePrecision { kDay, kMonth, kYear };
std::string_view DatePrecisionName(DatePrecision p);                 // "day", "month", "year"
std::optional<DatePrecision> ParseDatePrecision(std::string_view s);  // inverse; nullopt otherwise
// The coder's one-letter form (coder::DatePrecision: 'd', 'm', 'y'); any other letter is kDay.
DatePrecision DatePrecisionFromLetter(char c);

struct Location {
  std::string name;
  std::string country;  // alpha-3
  double lat = 0;
  double lon = 0;
  Span span;            // words naming the place (empty for imported events)
  // How precise the place is: "country" (a state named alone; lat/lon its approximate centre,
  // data/gazetteer/countries.txt), "region", "city" (capitals too) or "site"; "" when not known
  // (events of older stores and imports that do not say).
  std::string kind;
};

// Why an event was coded: the spans, dictionary entries and pattern that fired.
struct Provenance {
  Span verb;                         // the words that chose the event code
  std::string pattern;               // pattern that fired, as "file:line: pattern text"
  std::vector<std::string> entries;  // knowledge entries used ("person KIM_JONG_UN role ...")
  std::string modality_cue;          // words that set the modality, empty for actual
  std::string date_cue;              // words that set the event date, empty for doc date
  std::string speaker;               // reported speech: who said it (actor text), may be empty
  std::string note;                  // anything else worth showing
  // An act announced and coded as the intent to do it ("is to visit": 042 coded as 036, or a
  // threat): the act's own code and the cue that announced it; empty otherwise. Kept in memory
  // only (not in JSON, CSV or the store: `note` says it in words).
  std::string announced_code;
  std::string announced_cue;
};

struct Event {
  std::string id;        // stable: derived from document hash, sentence and spans
  std::string doc_id;
  std::string doc_hash;
  int sentence = -1;     // index within the document; -1 for imported events
  Span sentence_span;    // bytes of the sentence in the document; span - begin indexes `text`
  std::string doc_date;  // ISO, empty when unknown
  std::string date;      // event date, ISO
  // How exactly `date` is known; kDay for imported events (GDELT, ICEWS give days), for the
  // document date and for JSON or stores written before the field existed.
  DatePrecision date_precision = DatePrecision::kDay;
  ActorRef source;
  std::optional<ActorRef> target;
  std::string cameo;     // "042"
  std::string root;      // "04"
  std::string plover;    // "CONSULT"
  double goldstein = 0;
  int quad_class = 0;    // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  Modality modality = Modality::kActual;
  std::optional<Location> location;
  std::string text;      // the sentence
  Provenance why;
  std::string origin = "entente";  // "entente", "gdelt", "icews"
  std::string group;     // id of the real-world event this mention belongs to (store-assigned)
};

// One JSON object on one line (no trailing newline), fields as in docs/output.md.
std::string ToJson(const Event& e);
// Parses what ToJson wrote.
bool FromJson(std::string_view json, Event* e, std::string* error);
// Flattened columns for CSV/TSV output; CsvHeader() names them in the same order.
const std::vector<std::string>& CsvHeader();
std::vector<std::string> CsvFields(const Event& e);

}  // namespace entente

#endif  // ENTENTE_EVENT_H_
