// TABARI/PETRARCH dictionaries (--dict) in the fast coder: the files are read with the readers of
// coder/tabari/dictionaries.h and converted into our knowledge (see dict_import.cc for the rules).
//
// What is used: verb dictionaries become verb patterns (PatternSet::Add), discard lists become
// discard phrases. Actor, agent and issue dictionaries are read and checked (malformed entries
// are reported) but not used: the actor index (src/actors) has no hook for extra phrases yet.
#ifndef ENTENTE_CODER_DICT_IMPORT_H_
#define ENTENTE_CODER_DICT_IMPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "coder/coder.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::coder {

// What an import did; every dropped item is also counted here (not reported one by one).
struct DictImportStats {
  int64_t verb_patterns = 0;       // patterns added to the PatternSet (bare verbs included)
  int64_t bare_verbs = 0;          // of which: "CODE verb (TGT)" for a verb's own/family code
  int64_t dropped_null_code = 0;   // TABARI patterns coded "---" (blocking patterns)
  int64_t dropped_unknown_code = 0;  // codes not in our ontology (data/ontology/cameo.txt)
  int64_t dropped_compound = 0;    // patterns with '%' (compound actor) elements
  int64_t dropped_synset = 0;      // patterns whose synset had no one-word member (or unknown)
  int64_t dropped_synset_phrases = 0;  // multi-word synset members left out of alternatives
  int64_t dropped_other = 0;       // patterns our PatternSet rejected (no anchor, ...)
  int64_t paired_codes_ignored = 0;  // "[X:Y]" reverse-direction codes (not expressible)
  int64_t discard_phrases = 0;     // phrases added to the discard list
  int64_t unused_entries = 0;      // actor, agent and issue entries read but not used
  int64_t problems = 0;            // malformed entries reported (file:line: reason)
};

// Loads every file of `paths` into `k`. The kind of each file is told by its name, as
// PETRARCH does: it contains VERB, AGENT, ACTOR, DISCARD or ISSUE (case-insensitive); any other
// name is an error. Malformed entries are reported to `sink` as errors with file:line: reason
// and loading goes on; a summary of what was used and dropped is reported per file as an info
// diagnostic. Fails (IOError / InvalidArgument) only when a file cannot be read or its kind
// cannot be told. `stats` may be null.
Status ImportDictionaries(const std::vector<std::string>& paths, CoderKnowledge* k, const DiagnosticSink& sink,
                          DictImportStats* stats);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_DICT_IMPORT_H_
