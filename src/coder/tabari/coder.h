// A TABARI/PETRARCH-style event coder over a given Penn Treebank parse: verbs found by the parse
// are looked up in the verb dictionary, the family's patterns are matched around the verb, and
// source and target come from the pattern's $/+/% slots or from the clause (subject noun phrase;
// first actor-bearing noun phrase in the verb phrase). Noun phrases are coded with the actor
// dictionary (date-restricted codes) and the agent dictionary. See coder.cc for the algorithm.
#ifndef ENTENTE_CODER_TABARI_CODER_H_
#define ENTENTE_CODER_TABARI_CODER_H_

#include <map>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "coder/tabari/dictionaries.h"
#include "entente/status.h"

namespace entente::tabari {

// The dictionaries one coder uses. Load* append; problems collect malformed entries.
struct Dictionaries {
  VerbDictionary verbs;
  ActorDictionary actors;
  AgentDictionary agents;
  DiscardList discards;
  IssueList issues;
  std::vector<Problem> problems;

  // Reads a file into the given dictionary. IOError when it cannot be read; malformed entries
  // go to `problems`.
  Status LoadVerbs(const std::string& path);
  Status LoadActors(const std::string& path);
  Status LoadAgents(const std::string& path);
  Status LoadDiscards(const std::string& path);
  Status LoadIssues(const std::string& path);
  // Guesses the kind from the file name (verbs/verbpatterns, actors, agents, discards, issue),
  // as `entente eval --dict` does. InvalidArgument when the name says nothing.
  Status LoadByName(const std::string& path);
};

// Options, as PETRARCH's <Config> records and config file name them.
struct CoderOptions {
  // Events need both a source and a target; when false a missing target is written "---".
  bool require_dyad = true;
  // new_actor_length: a noun phrase with no actor or agent of at most this many words (not
  // counting possessive 's and punctuation) is an actor coded as its quoted upper-case text
  // ("\"THE MINISTRY OF MAGIC\""). 0 (the default) turns this off.
  int new_actor_length = 0;
  // Comma-delimited clauses removed before coding, by length in words: internal clauses
  // (between two commas) of comma_min..comma_max words, the initial clause (sentence start to
  // the first comma) of comma_bmin..comma_bmax, the terminal clause (last comma to the end) of
  // comma_emin..comma_emax. A max of 0 turns that kind off. Commas inside noun phrases
  // (appositives, lists) delimit nothing. Defaults are PETRARCH's (and TABARI's).
  int comma_min = 2, comma_max = 8;
  int comma_bmin = 0, comma_bmax = 0;
  int comma_emin = 2, comma_emax = 8;
  // Applies "option" -> "value" pairs from a validation record (unknown options ignored).
  void Apply(const std::map<std::string, std::string>& config);
};

struct CodedEvent {
  std::string source, target, code;
  std::string verb;     // the verb words
  std::string pattern;  // "line N: pattern text" or "verb default"
  bool operator<(const CodedEvent& o) const {
    return std::tie(source, target, code) < std::tie(o.source, o.target, o.code);
  }
};

struct CodingResult {
  std::vector<CodedEvent> events;  // distinct (source, target, code)
  std::string error;               // "bad_input_parse", "storydiscard", "sentencediscard", ""
  std::string detail;              // why (parse error, discard phrase)
};

class TabariCoder {
 public:
  // `dicts` must outlive the coder. Const and thread-safe.
  explicit TabariCoder(const Dictionaries* dicts) : d_(dicts) {}
  // Codes one sentence given its text (for discards), its parse and its date (YYYYMMDD, 0 when
  // unknown).
  CodingResult Code(std::string_view text, std::string_view parse, DateNum date,
                    const CoderOptions& options) const;

 private:
  const Dictionaries* d_;
};

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_CODER_H_
