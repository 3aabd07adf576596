// Dictionary entries in the actor index: LoadDict checks what the index can tell (a code is
// upper-case letters or "---", a phrase has words), reports the rest with file and line, and
// inserts the phrases; DictCodeOn picks the code a dictionary actor has on a date (rules in
// actor_index.h).
//
// Dictionary entries (TABARI/PETRARCH actors and agents, --dict) go into the same trie: an
// actor as an entry of its own kind (kDictActor, resolved to a code on the date, see
// actor_index.h), an agent as an agent noun of its sector. In the grammar (actor_match.cc) a
// dictionary actor is a prefix before an agent noun and otherwise a named actor like an
// organisation; where an atom has both one of our entries and a dictionary entry, ours is
// tried first.
#include <algorithm>
#include <string>

#include "actors/actor_index_internal.h"
#include "actors/fold.h"

namespace entente::actors::internal {

// Dictionary entries. Codes were checked by the caller's reader; here only what the index can
// tell: a code must be upper-case letters (or "---"), a phrase must have words.
void ActorIndexImpl::LoadDict(const DictEntries& dict) {
  auto capitalise = [](const std::string& phrase) {
    std::string out = phrase;
    bool start = true;
    for (char& c : out) {
      const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (letter && !start && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      start = !letter && c != '\'' && !(c >= '0' && c <= '9');
    }
    return out;
  };
  auto valid_code = [](const std::string& code) {
    if (code == "---") return true;
    if (code.empty()) return false;
    for (char c : code)
      if (c < 'A' || c > 'Z') return false;
    return true;
  };
  for (const DictActor& a : dict.actors) {
    if (a.phrases.empty()) {
      Error(a.file, a.line, "dictionary actor without a phrase");
      continue;
    }
    DictActorRec rec;
    rec.name = capitalise(std::string(Trim(a.phrases[0])));
    rec.file = a.file;
    rec.line = a.line;
    for (const DictActorCode& c : a.codes) {
      if (!valid_code(c.code)) {
        Error(a.file, c.line ? c.line : a.line, "actor code '" + c.code + "' is not upper-case letters or '---'");
        continue;
      }
      rec.codes.push_back(c);
    }
    if (rec.codes.empty()) {
      Error(a.file, a.line, "dictionary actor '" + a.phrases[0] + "' has no usable code");
      continue;
    }
    const uint32_t owner = static_cast<uint32_t>(dict_actors_.size());
    dict_actors_.push_back(std::move(rec));
    bool matchable = false;
    for (const std::string& phrase : a.phrases) {
      Entry e;
      e.type = EntryType::kDictActor;
      e.owner = owner;
      std::string folded = FoldJoined(phrase);
      e.capitalized = folded.rfind("the ", 0) != 0;
      e.provenance = "dictionary actor " + Quote(Trim(phrase)) + " (" + a.file + ":" + std::to_string(a.line) + ")";
      int added = InsertEntry(phrase, std::move(e));
      if (added < 0) Error(a.file, a.line, "dictionary actor phrase " + Quote(phrase) + " has no words");
      dict_phrases_ += std::max(added, 0);
      matchable = matchable || added >= 0;
    }
    dict_actor_count_ += matchable;
  }
  for (const DictAgent& g : dict.agents) {
    if (!valid_code(g.code) || g.code == "---") {
      Error(g.file, g.line, "agent code '" + g.code + "' is not upper-case letters");
      continue;
    }
    Entry e;
    e.type = EntryType::kAgentNoun;
    e.sector = g.code;
    e.code_first = g.prefix;
    e.former = FoldJoined(g.phrase).rfind("former ", 0) == 0;
    e.provenance = "dictionary agent " + Quote(Trim(g.phrase)) + " [" + (g.prefix ? g.code + "~" : "~" + g.code) +
                   "] (" + g.file + ":" + std::to_string(g.line) + ")";
    int added = InsertEntry(g.phrase, std::move(e));
    if (added < 0) {
      Error(g.file, g.line, "dictionary agent phrase " + Quote(g.phrase) + " has no words");
      continue;
    }
    ++dict_agent_count_;
    dict_phrases_ += added;
  }
}

const DictActorCode* ActorIndexImpl::DictCodeOn(const DictActorRec& a, const Date& d) const {
  for (const DictActorCode& c : a.codes)
    if (c.restricted && c.interval.Contains(d)) return &c;
  for (const DictActorCode& c : a.codes)
    if (!c.restricted) return &c;
  return nullptr;
}

}  // namespace entente::actors::internal
