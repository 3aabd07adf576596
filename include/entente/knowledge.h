// The knowledge base: CAMEO/PLOVER ontology, states, organisations, agents, people with
// date-bounded roles, verb patterns and the gazetteer, loaded from reviewable text under data/
// (format: docs/knowledge-format.md). Immutable after Load, so safe to share between threads.
#ifndef ENTENTE_KNOWLEDGE_H_
#define ENTENTE_KNOWLEDGE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/date.h"
#include "entente/event.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente {

struct CameoCode {
  std::string code;    // "042"
  std::string name;    // "Make a visit"
  std::string plover;  // "CONSULT"
  double goldstein = 0;
  int quad_class = 0;
};

// How a phrase resolved, with one human-readable line per step taken.
struct ActorResolution {
  bool found = false;
  ActorRef actor;
  std::vector<std::string> explanation;
};

struct KnowledgeOptions {
  std::string root;                // folder holding data/ (and models/); empty = locate it
  // TABARI/PETRARCH dictionaries loaded in addition (--dict); the kind of each file is told by
  // its name (verbs, actors, agents, discards, issues). Actor and agent dictionaries are matched
  // by the actor index beside data/actors (where both know a phrase, ours is used).
  std::vector<std::string> dicts;
  // false: our verb patterns (data/coder/verbs.txt) are left out; patterns come only from
  // `dicts`, which must then hold a verb dictionary. Ontology, word lists and actors stay ours.
  bool own_knowledge = true;
  // false (--no-builtin-actors): actors are named only by the actor and agent dictionaries of
  // `dicts` (at least one is required), in place of the phrases of data/actors; the codes of
  // data/actors (states, sectors) are still known, e.g. to tell the country of "RUSGOV".
  bool own_actors = true;
};

class KnowledgeBase {
 public:
  // Loads everything; a malformed line is reported to `sink` as file:line: reason and skipped.
  // Fails only when a required file is missing or unreadable.
  static Result<std::unique_ptr<KnowledgeBase>> Load(const KnowledgeOptions& options,
                                                     const DiagnosticSink& sink);
  virtual ~KnowledgeBase() = default;

  // Resolves a phrase such as "the U.S. President" or "North Korean leader Kim Jong Un" as of
  // `date` (unknown date: the latest roles).
  virtual ActorResolution Resolve(std::string_view phrase, const std::optional<Date>& date) const = 0;
  // nullptr when the code is unknown.
  virtual const CameoCode* Cameo(std::string_view code) const = 0;
  // Counts by kind ("states", "people", "patterns", ...) for `entente stats` and logs.
  virtual std::vector<std::pair<std::string, int64_t>> Counts() const = 0;
};

// Validates every knowledge file under `options`; each problem goes to `sink` as an error.
// Returns the number of errors (0 = clean).
int CheckKnowledge(const KnowledgeOptions& options, const DiagnosticSink& sink);

}  // namespace entente

#endif  // ENTENTE_KNOWLEDGE_H_
