// TABARI/PETRARCH dictionaries (--dict) in the fast coder: the files are read with the readers of
// coder/tabari/dictionaries.h and converted into our knowledge (see dict_import.cc for the rules).
//
// What is used: verb dictionaries become verb patterns (PatternSet::Add), discard lists become
// discard phrases, actor and agent dictionaries become actors::DictEntries for the actor index
// (actors/actor_index.h: phrases, codes with their date restrictions, agent sectors). Issue
// dictionaries are read and checked (malformed entries are reported) but not used: events
// carry no issues.
#ifndef ENTENTE_CODER_DICT_IMPORT_H_
#define ENTENTE_CODER_DICT_IMPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "actors/actor_index.h"
#include "coder/coder.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::coder {

// What an import did; every dropped item is also counted here (not reported one by one).
struct DictImportStats {
  int64_t verb_patterns = 0;       // patterns added to the PatternSet (bare verbs included)
  int64_t bare_verbs = 0;          // of which: "CODE verb (TGT)" for a verb's own/family code
  int64_t blocking_patterns = 0;   // of which: coded "---" (their words code no event)
  int64_t dropped_null_code = 0;   // patterns without a code
  int64_t dropped_unknown_code = 0;  // codes not in our ontology (data/ontology/cameo.txt)
  int64_t dropped_compound = 0;    // patterns with '%' (compound actor) elements
  int64_t dropped_synset = 0;      // patterns whose synset had no one-word member (or unknown)
  int64_t dropped_synset_phrases = 0;  // multi-word synset members left out of alternatives
  int64_t dropped_other = 0;       // patterns our PatternSet rejected (no anchor, ...)
  int64_t paired_codes_ignored = 0;  // "[X:Y]" reverse-direction codes (not expressible)
  int64_t discard_phrases = 0;     // phrases added to the discard list
  int64_t actors = 0;              // actor entries handed to the actor index
  int64_t agents = 0;              // agent phrases handed to the actor index (plurals included)
  int64_t dropped_actor_codes = 0; // actor codes left out (digits or signs in them, bad date):
                                   // each also reported as malformed
  int64_t second_codes_ignored = 0;  // "[A/B]": B is left out (a mention has one code)
  int64_t unused_entries = 0;      // issue entries (and actor/agent entries when not wanted)
  int64_t problems = 0;            // malformed entries reported (file:line: reason)
};

// Loads every file of `paths` into `k`. The kind of each file is told by its name, as
// PETRARCH does: it contains VERB, AGENT, ACTOR, DISCARD or ISSUE (case-insensitive); any other
// name is an error. Malformed entries are reported to `sink` as errors with file:line: reason
// and loading goes on; a summary of what was used and dropped is reported per file as an info
// diagnostic. Fails (IOError / InvalidArgument) only when a file cannot be read or its kind
// cannot be told. `stats` may be null. Actor and agent entries are appended to `actor_entries`
// (for actors::ActorIndex::Load); when it is null they are only checked and counted as unused.
// Date restrictions become inclusive intervals ("<D": up to D, ">D": from D, "D1-D2"); a code
// "A/B" keeps A. A code with other characters than letters (or "---"), and a restriction whose
// date is not a calendar date, is reported and left out; the rest of the entry is kept.
Status ImportDictionaries(const std::vector<std::string>& paths, CoderKnowledge* k, const DiagnosticSink& sink,
                          DictImportStats* stats, actors::DictEntries* actor_entries = nullptr);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_DICT_IMPORT_H_
