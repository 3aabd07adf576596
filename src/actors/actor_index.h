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
#include <vector>

#include "entente/date.h"
#include "entente/document.h"
#include "entente/event.h"
#include "entente/knowledge.h"
#include "entente/reader.h"
#include "entente/status.h"

namespace entente::actors {

struct ActorMention {
  enum class Kind { kState, kCapital, kOrganisation, kPerson, kAgent };
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
  std::string dateline_country;          // alpha-3 from a dateline, if any
};

class ActorIndex {
 public:
  // Loads every file under `root`/data/actors/. Malformed lines go to `sink` (file:line:
  // reason) and are skipped.
  static Result<std::unique_ptr<ActorIndex>> Load(const std::string& root, const DiagnosticSink& sink);
  virtual ~ActorIndex() = default;

  // All actor mentions in `sentence`, left to right, non-overlapping (longest match wins).
  // Updates `ctx` (people seen).
  virtual std::vector<ActorMention> Find(const Document& doc, const Sentence& sentence,
                                         DocContext* ctx) const = 0;
  // Resolves a free phrase (for `entente actors resolve`), explaining each step.
  virtual ActorResolution Resolve(std::string_view phrase, const std::optional<Date>& date) const = 0;
  virtual std::vector<std::pair<std::string, int64_t>> Counts() const = 0;
};

// Validates data/actors/ under `root`; returns the number of errors, each sent to `sink`.
int CheckActorFiles(const std::string& root, const DiagnosticSink& sink);

}  // namespace entente::actors

#endif  // ENTENTE_ACTORS_ACTOR_INDEX_H_
