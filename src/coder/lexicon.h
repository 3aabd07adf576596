// The coder's word lists: modality and speech cues (data/coder/modality.txt), discard phrases
// (data/coder/discards.txt), date words (data/coder/dates.txt) and the gazetteer
// (data/gazetteer/places.txt). Each is a table of phrases matched on lower-cased tokens, indexed
// by first word. Immutable after loading.
#ifndef ENTENTE_CODER_LEXICON_H_
#define ENTENTE_CODER_LEXICON_H_

#include <array>
#include <map>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/record_reader.h"
#include "entente/reader.h"

namespace entente::coder {

// A phrase of lower-case words with an integer tag and a string value.
struct Phrase {
  std::vector<std::string> words;
  int tag = 0;
  std::string value;
  int index = 0;  // position in the list (e.g. the gazetteer place)
};

// Phrases indexed by first word; Match finds the longest phrase starting at a position.
class PhraseIndex {
 public:
  void Add(Phrase p);
  // Longest phrase whose words equal `words[pos..]` (each compared with `alt` too when given:
  // alt[i] is a second form of word i, e.g. its lemma). nullptr when none.
  const Phrase* Match(const std::vector<std::string>& words, const std::vector<std::string>* alt,
                      size_t pos) const;
  size_t size() const { return count_; }

 private:
  // A one-hash filter over the phrases' first words: a clear bit proves a word starts none, so
  // most words are rejected without hashing them in full.
  static constexpr uint32_t kFilterBits = 4096;
  static uint32_t FilterBit(std::string_view w);
  bool MayStart(std::string_view w) const {
    const uint32_t b = FilterBit(w);
    return (filter_[b >> 6] >> (b & 63)) & 1;
  }

  std::unordered_map<std::string, std::vector<Phrase>> by_first_;
  std::array<uint64_t, kFilterBits / 64> filter_{};
  size_t count_ = 0;
};

// Splits a phrase into lower-case words the way the text stage tokenizes ("can't" -> "ca",
// "n't" is not attempted: cue lists are written as tokens, e.g. "n't").
std::vector<std::string> PhraseWords(std::string_view phrase);

enum class CueKind { kPlanned = 1, kPossible = 2, kNegated = 3, kSpeech = 4 };
enum class DateWordKind { kMonth = 1, kWeekday, kDay, kUnit, kNumber, kShift, kPart };

struct Place {
  std::string name;
  std::string country;
  double lat = 0, lon = 0;
  std::string kind;  // capital, city, region, site
  // A place shared by several states (country column "IND/PAK"): their codes, and `country` is
  // empty; the coder places it in the one of them the document names.
  std::vector<std::string> shared;
};

struct Lexicon {
  PhraseIndex cues;      // tag = CueKind
  PhraseIndex discards;  // value = topic
  PhraseIndex dates;     // tag = DateWordKind, value = the value column
  PhraseIndex places;    // index = position in `place_list`
  // data/coder/peoples.txt: adjectives of peoples spread over several states ("kurdish").
  std::unordered_set<std::string> spread_peoples;
  // data/coder/evaluations.txt: evaluative words by class ("disapprove", "praise"); the word
  // classes `@disapprove` / `@praise` of data/coder/verbs.txt.
  std::map<std::string, std::vector<std::string>> evaluations;
  std::vector<Place> place_list;
  // Country-level locations (data/gazetteer/countries.txt): alpha-3 -> the state's name and the
  // approximate centre of its territory, kind "country". Not phrases: states are found as actors.
  std::unordered_map<std::string, Place> countries;
  // data/gazetteer/part_of.txt: a state whose territory was part of another state on some dates.
  struct PartOf {
    std::string country, state;
    actors::DateInterval when;
  };
  std::vector<PartOf> part_of;
  // The state `country`'s territory belonged to on `date` (through several rows: Pristina's XKX
  // is SRB in 1999 and YUG in 1990); `country` itself without a date or a row.
  std::string StateOn(const std::string& country, const std::optional<Date>& date) const;

  // Each Load* parses one table; malformed rows go to `sink`; returns the error count.
  int LoadModality(std::string_view text, const std::string& file, const DiagnosticSink& sink);
  int LoadDiscards(std::string_view text, const std::string& file, const DiagnosticSink& sink);
  int LoadDates(std::string_view text, const std::string& file, const DiagnosticSink& sink);
  // `known_country` says whether an alpha-3 code is a known state (unknown codes are errors).
  int LoadPlaces(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                 const std::function<bool(const std::string&)>& known_country);
  // The same table format with kind `country`, one row per state, into `countries`.
  int LoadCountries(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                    const std::function<bool(const std::string&)>& known_country);
  // evaluations.txt (word | disapprove|praise) into `evaluations` (class -> words, in file order).
  int LoadEvaluations(std::string_view text, const std::string& file, const DiagnosticSink& sink);
  // peoples.txt (adjective | states) into `spread_peoples`.
  int LoadPeoples(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                  const std::function<bool(const std::string&)>& known_country);
  // part_of.txt (country | part of | FROM..TO) into `part_of`.
  int LoadPartOf(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                 const std::function<bool(const std::string&)>& known_country);
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_LEXICON_H_
