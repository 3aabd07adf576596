// Internal contract between the actors stage and the coder (written before either lands; the
// actors stage owns this header and may extend it, keeping these members).
//
// ActorIndex holds states, organisations, agents and people with date-bounded roles, loaded
// from data/actors/ (docs/knowledge-format.md). Find() locates actor mentions in a sentence by
// longest match over tokens and composes them ("North Korean leader Kim Jong Un" is one
// mention: PRK + GOV + the person) and resolves each as of the document date.
#ifndef ENTENTE_ACTORS_ACTOR_INDEX_H_
#define ENTENTE_ACTORS_ACTOR_INDEX_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actors/record_reader.h"
#include "entente/date.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/knowledge.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::actors {

struct ActorMention {
  // kRegion: a region adjective with an agent ("Latin American leaders"): country "" and code
  // the CAMEO region code + sector ("LAMGOV"); not a state, so not to be filled from context.
  enum class Kind { kState, kCapital, kOrganisation, kPerson, kAgent, kRegion };
  Kind kind = Kind::kState;
  uint32_t first_token = 0;  // document token indices, [first_token, end_token)
  uint32_t end_token = 0;
  ActorRef actor;            // resolved; actor.span/text cover the whole mention
  std::vector<std::string> entries;  // provenance: knowledge entries and role lines used
  // True when the mention is a place name that may be a location rather than an actor
  // ("in Beijing"); the coder decides from context.
  bool also_place = false;
};

// Per-document state: people named in full earlier (so "Kim" later resolves), the dateline
// country, the document date.
struct DocContext {
  std::optional<Date> date;
  std::vector<std::string> people_seen;  // person ids in order of first full mention
  // Lower-case short names of known people first seen inside another person's full name ("Ahmed
  // Mohamed", not the known Amina Mohamed): later alone, that name is the other person.
  std::vector<std::string> other_names;
  std::string dateline_country;          // alpha-3 from a dateline, if any
  // States named so far in the document, in order of first mention, with their mention counts.
  // Find appends to it (only countries the words name, never ones taken from context). It
  // decides "the North"/"the South" (PRK/KOR once North Korea was named) and the state of a
  // party name used in several states ("Democratic Party").
  std::vector<std::pair<std::string, int>> states_seen;
  // Bodies with `national` the document has named as another state's ("Peru's Congress",
  // "Congress in Lima"): organisation id -> that state, the last so named. Later alone, the
  // name is that state's body ("Congress" -> PERLEG).
  std::vector<std::pair<std::string, std::string>> national_bodies;
  // Organisations named so far by a name or alias (ids): their `short` names now name them.
  std::vector<std::string> orgs_seen;

  // Count of `country` in states_seen (0 when absent).
  int Seen(std::string_view country) const {
    for (const auto& [c, n] : states_seen)
      if (c == country) return n;
    return 0;
  }
  // The state named most so far (ties: the dateline's country, else the first named); "" when
  // none was named.
  std::string DominantState() const {
    const std::pair<std::string, int>* best = nullptr;
    for (const auto& e : states_seen)
      if (!best || e.second > best->second || (e.second == best->second && e.first == dateline_country)) best = &e;
    return best ? best->first : std::string();
  }
};

// A knowledge file already in memory: `name` is used in diagnostics and provenance
// ("data/actors/states.txt").
struct SourceText {
  std::string name;
  std::string text;
};

// Actors and agents taken from TABARI/PETRARCH dictionaries (--dict), converted by the caller
// (coder/dict_import.h) and matched beside, or instead of, the phrases of data/actors.
struct DictActorCode {
  std::string code;         // CAMEO actor code ("RUSGOV", "IGOUNO"), upper-case letters; "---"
                            // is the null code (the words are an actor that is not coded)
  bool restricted = false;  // false: a default code, used when no restricted code holds
  DateInterval interval;    // restricted: the dates it holds (both ends inclusive)
  std::string text;         // as written ("RUSGOV 990809-000507"), for explanations
  int line = 0;             // where it is written
};
struct DictActor {
  std::vector<std::string> phrases;  // words separated by spaces; the first is the primary name
  std::vector<DictActorCode> codes;  // in file order
  std::string file;
  int line = 0;
};
struct DictAgent {
  std::string phrase;   // words separated by spaces
  std::string code;     // sector code(s): "GOV", "GOVMIL"
  bool prefix = false;  // "[NGO~]": written before the country ("NGOKEN"), not after it
  std::string file;
  int line = 0;
};
struct DictEntries {
  std::vector<DictActor> actors;
  std::vector<DictAgent> agents;
  bool empty() const { return actors.empty() && agents.empty(); }
};

// How an index is built. Defaults: data/actors alone.
struct ActorIndexOptions {
  // false: the records of data/actors are still read and validated (so state, sector and
  // organisation codes stay known, e.g. for the country of a code), but none of their phrases
  // is matched, nor the built-in context rules ("the North"): only `dict` entries name actors.
  bool builtin_phrases = true;
  // Dictionary entries to match as well; may be null. Not owned; only read while building.
  const DictEntries* dict = nullptr;
};

// How a dictionary actor is resolved (Find), the same way as our dated roles: on the document
// date (unknown: 9999-12-31, so a restriction still open, "[X >YYMMDD]", is current) the first
// restricted code in file order whose interval contains the date, else the first default code,
// else none. A code naming a known state first ("RUSGOV") gives the mention that country and the
// rest as sector. The null code "---", or no code on the date, takes the words but makes no
// mention. Composition: a dictionary actor before an agent noun is a prefix: a bare state code
// composes like a country adjective ("AFGHAN" + "OFFICIALS" [~GOV] -> AFGGOV, and a title's
// post names the holder), a longer code gets the agent's code appended as PETRARCH does (unless
// it already ends with it); after a title or a country ("Russian President PUTIN") its own code
// wins, as a person's role does. Where one phrase is known both to data/actors and to a
// dictionary, ours is used (builtin_phrases = false to use the dictionaries alone). A dictionary
// agent is an agent noun of its sector; a prefix agent ("[NGO~]") writes its code before the
// country. Dictionary phrases match case-insensitively, except that an actor phrase (not one
// starting with "the") does not match text that starts in lower case.

class ActorIndex {
 public:
  // Loads every file under `root`/data/actors/ (states.txt, agents.txt, organisations.txt,
  // companies.txt (optional: a warning when missing), people/*.txt in name order). Malformed lines and invalid records go to `sink` (file:line:
  // reason) and are skipped; the rest loads. Fails only when states.txt is missing or a file
  // is unreadable. The index is immutable afterwards: Find and Resolve are thread-safe.
  // `options` may add dictionary entries and leave our phrases out (see ActorIndexOptions); a
  // dictionary entry that cannot be used (an empty phrase) is reported with its file and line.
  static Result<std::unique_ptr<ActorIndex>> Load(const std::string& root, const DiagnosticSink& sink,
                                                  const ActorIndexOptions& options = {});
  // The same from texts in memory. Any record kind may appear in any text; records are
  // validated after all texts are read, so their order does not matter.
  static std::unique_ptr<ActorIndex> LoadFromTexts(const std::vector<SourceText>& files,
                                                   const DiagnosticSink& sink,
                                                   const ActorIndexOptions& options = {});
  virtual ~ActorIndex() = default;

  // All actor mentions in `sentence`, left to right, non-overlapping (longest match wins),
  // resolved as of ctx->date (nullopt: roles still open are current). Updates `ctx`: people
  // named in full are appended to people_seen. A bare agent noun or title ("protesters", "the
  // president") gives country "" and code = sector, for the caller to fill from context.
  virtual std::vector<ActorMention> Find(const Document& doc, const Sentence& sentence,
                                         DocContext* ctx) const = 0;
  // Resolves a free phrase (for `entente actors resolve`), explaining each step: the phrase is
  // tokenized with SegmentDocument, Find runs with a fresh context, and the longest mention
  // wins. found = false when no actor is in the phrase.
  virtual ActorResolution Resolve(std::string_view phrase, const std::optional<Date>& date) const = 0;
  // ("states", n), ("organisations", n), ("agents", n), ("people", n), ("roles", n),
  // ("phrases", n), ("regions", n): what was loaded; with dictionary entries also
  // ("dictionary actors", n), ("dictionary agents", n), ("dictionary phrases", n).
  // ("phrases" counts only data/actors phrases that can match: 0 without builtin_phrases.)
  virtual std::vector<std::pair<std::string, int64_t>> Counts() const = 0;
};

// Validates data/actors/ under `root` with the loader's rules (every error the loader would
// report, plus a missing or unreadable file); returns the number of errors, each sent to
// `sink`. Warnings are passed on but not counted.
int CheckActorFiles(const std::string& root, const DiagnosticSink& sink);

}  // namespace entente::actors

#endif  // ENTENTE_ACTORS_ACTOR_INDEX_H_
