// Internal to the actors stage: what actor_index.cc (loading, the phrase trie), actor_match.cc
// and actor_compose.cc (finding and composing mentions: SentenceMatcher, actor_match.h),
// actor_dictionary.cc (--dict entries), actor_roles.cc (dated
// roles) and actor_context.cc (document-context rules) share: the entry and record types, the
// index implementation class and a few helpers. Not part of the public API (actor_index.h); no
// other stage includes it. The index is immutable after Build: every const member is
// thread-safe.
#ifndef ENTENTE_ACTORS_ACTOR_INDEX_INTERNAL_H_
#define ENTENTE_ACTORS_ACTOR_INDEX_INTERNAL_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "actors/actor_index.h"
#include "actors/record_reader.h"

namespace entente::actors::internal {

inline constexpr uint32_t kNone = UINT32_MAX;

// Codes that may stand where a country does in a role or at the start of an actor code.
inline constexpr const char* kInternationalCodes[] = {"IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS"};

// `s` in single quotes, for diagnostics and explanations.
inline std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// ---- document-context rules (actor_context.cc)

// Sectors whose bare agents are often abroad: "troops in Syria" need not be Syrian.
extern const std::unordered_set<std::string_view> kForeignPresence;

// Bare "Congo" / "Congolese" (filed under COD in states.txt): the Republic of the Congo (COG)
// when the document names more Brazzaville cues than Kinshasa cues, or, with no cue either
// way, when the document date falls in 1971-10-27..1997-05-16 (the DRC was then Zaire, so
// "Congo" was the Republic). Default: the DRC, by far the more frequent in news since 1997.
// Cues are whole words of the document text (Brazzaville, Sassou Nguesso, ... against
// Kinshasa, Kabila, Goma, ... and the DRC's own names "Democratic Republic of (the) Congo",
// "DR Congo", "DRC"), plus the Republic's mentions already resolved in the document (`ctx`).
// The full names themselves never reach here. `reason` says which rule decided.
bool BareCongoIsRepublic(const Document& doc, const DocContext* ctx, const Date& date, bool has_date,
                         std::string* reason);

enum class EntryType : uint8_t {
  kStateName, kStateFormal, kStateAlias, kStateHistorical, kAdjective, kDemonym, kCapital,
  kMetonym, kOrgName, kOrgAlias, kAgentNoun, kAgentTitle, kPersonName, kPersonAlias,
  kPersonShort, kFormer, kRegionName, kRegionAdjective, kDictActor,
  kPlace  // gazetteer region or city (data/gazetteer/places.txt): a state prefix before an agent
};


inline bool IsStateNameType(EntryType t) {
  return t == EntryType::kStateName || t == EntryType::kStateFormal || t == EntryType::kStateAlias ||
         t == EntryType::kStateHistorical;
}
inline bool IsPersonType(EntryType t) {
  return t == EntryType::kPersonName || t == EntryType::kPersonAlias || t == EntryType::kPersonShort;
}
inline bool IsAgentType(EntryType t) { return t == EntryType::kAgentNoun || t == EntryType::kAgentTitle; }
inline bool IsOrgType(EntryType t) { return t == EntryType::kOrgName || t == EntryType::kOrgAlias; }
inline bool IsRegionType(EntryType t) { return t == EntryType::kRegionName || t == EntryType::kRegionAdjective; }

struct Entry {
  EntryType type = EntryType::kStateName;
  uint32_t owner = 0;       // index into states_, orgs_, agents_ or people_
  bool upper_only = false;  // all-caps acronym: text must have no lower case letter
  bool capitalized = false; // proper name written capitalized: text must not start in lower case
  // Organisation name: bit i set when its part i (i >= 1) is capitalised in the file ("Russian
  // Railways": bit 1); the text's part i must then not start in lower case ("Russian railways").
  uint32_t cap_parts = 0;
  bool dated = false;       // historical name: only within `interval`
  bool former = false;      // agent phrase starting with "former"/"ex" ("former president")
  bool person_name = false; // state name that is also a personal name ("Jordan", "Chad")
  bool common_word = false; // organisation name that is also a common word ("Shell", "Apple")
  bool org_short = false;   // organisation `short` name: only once the document named the organisation
  bool needs_prefix = false;  // agent noun that is an actor only after a country, region or organisation
  bool code_first = false;  // dictionary prefix agent ("[NGO~]"): its code goes before the country
  DateInterval interval;
  std::string sector;      // metonym sector, agent sector
  std::string post;        // title post ("" when none)
  std::string provenance;  // "state PRK adjective 'North Korean' (data/actors/states.txt:980)"
};

struct StateRec {
  std::string code, name, where;
  bool former = false;  // status = former: a state that no longer exists (SUN, YUG)
};
struct OrgRec {
  std::string kind, id, name, code, country, sector, where;
  std::string national;  // sector of a same-named national body ("Russia's Security Council")
  bool shared = false;   // a name used in several states: the state comes from context
  // States whose own body of sector `national` bears the bare name too ("Congress": Peru's,
  // Paraguay's ...): under such a state's dateline it is that state's body while the record's
  // own state is not named.
  std::vector<std::string> dateline_states;
};
struct RegionRec {
  std::string id, name, code;  // code: CAMEO region code, "" when none
};
struct AgentRec {
  std::string id, name;
};
struct Role {
  std::string country, sector, post;  // post "" when "-"; country is the organisation id when
  int32_t org = -1;                    // the post belongs to an organisation (index in orgs_)
  DateInterval interval;
  std::string provenance;  // "person KIM_JONG_UN role PRK GOV leader 2011-12-17.. (file:line)"
};
struct PersonRec {
  std::string id, name, where;
  std::vector<Role> roles;
  std::string default_country, default_sector;
};
struct DictActorRec {
  std::string name;                  // the primary phrase, capitalised ("Vladimir Putin")
  std::vector<DictActorCode> codes;  // validated
  std::string file;
  int line = 0;
  // Provenance of the code chosen: "dictionary code [RUSGOV 990809-000507] (file:line)".
  std::string CodeProvenance(const DictActorCode& c) const {
    return "dictionary code [" + c.text + "] (" + file + ":" + std::to_string(c.line ? c.line : line) + ")";
  }
};

// Folded part of a sentence token.
struct Part {
  uint32_t id;     // interned part id, kNone when not in the vocabulary
  uint32_t token;  // document token index
  uint32_t begin, end;  // source bytes in Document::text
  bool token_end;  // last part of its token
};

// A matched phrase.
struct Atom {
  uint32_t first_token, end_token;  // tokens covered by the phrase (a token with an in-token
                                    // possessive is covered whole)
  uint32_t after;                   // first token after the atom and its possessive
  bool possessive;
  uint32_t entries_begin, entries_end;  // range in the per-call valid-entries vector
};

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class SentenceMatcher;  // actor_match.h: finds and composes the mentions of one sentence

class ActorIndexImpl final : public ActorIndex {
 public:
  void Build(const std::vector<SourceText>& files, const DiagnosticSink& sink, int* errors,
             const ActorIndexOptions& options = {});

  std::vector<ActorMention> Find(const Document& doc, const Sentence& sentence,
                                 DocContext* ctx) const override {
    return FindImpl(doc, sentence, ctx, nullptr, nullptr);
  }
  ActorResolution Resolve(std::string_view phrase, const std::optional<Date>& date) const override;
  std::vector<std::pair<std::string, int64_t>> Counts() const override {
    int64_t roles = 0;
    for (const PersonRec& p : people_) roles += static_cast<int64_t>(p.roles.size());
    std::vector<std::pair<std::string, int64_t>> out = {
        {"states", static_cast<int64_t>(states_.size())},
        {"organisations", static_cast<int64_t>(orgs_.size())},
        {"agents", static_cast<int64_t>(agents_.size())},
        {"people", static_cast<int64_t>(people_.size())},
        {"roles", roles},
        {"phrases", phrases_},
        {"regions", static_cast<int64_t>(regions_.size())}};
    if (dict_actor_count_ || dict_agent_count_) {
      out.emplace_back("dictionary actors", dict_actor_count_);
      out.emplace_back("dictionary agents", dict_agent_count_);
      out.emplace_back("dictionary phrases", dict_phrases_);
    }
    return out;
  }

 private:
  // ---- loading
  void LoadStates(const std::vector<Record>& recs);
  void LoadRegions(const std::vector<Record>& recs);
  void LoadAgents(const std::vector<Record>& recs);
  void LoadOrgs(const std::vector<Record>& recs);
  void LoadPeople(const std::vector<Record>& recs);
  // Regions, cities and sites of a gazetteer table ("name | country | lat | lon | kind |
  // aliases", data/gazetteer/places.txt) as kPlace phrases of their state; capitals are left
  // to states.txt. A row with too few columns or an unknown state is reported (file:line).
  void LoadPlaces(const SourceText& file);
  void Error(const std::string& file, int line, std::string msg) {
    ++*errors_;
    ReportError(*sink_, file, line, std::move(msg));
  }
  void Error(const Record& r, const RecordField& f, std::string msg) { Error(r.file, f.line, std::move(msg)); }
  // Checks that `r` has exactly one `name` and only keys in `allowed`; reports the rest.
  bool CheckKeys(const Record& r, std::initializer_list<std::string_view> allowed);
  bool KnownCountry(std::string_view c) const {
    if (state_index_.count(std::string(c))) return true;
    for (const char* i : kInternationalCodes)
      if (c == i) return true;
    return false;
  }
  // A sector is a known code or a concatenation of known codes ("GOVPTY").
  bool KnownSector(std::string_view s) const {
    if (s.empty() || s.size() % 3 != 0) return false;
    for (size_t i = 0; i < s.size(); i += 3)
      if (!sectors_.count(std::string(s.substr(i, 3)))) return false;
    return true;
  }
  void AddPhrase(std::string_view phrase, Entry entry, const Record& r, const RecordField& f);
  // Inserts `entry` for the folded parts of `phrase` into the trie. Returns 1 when added, 0 when
  // the node already has an entry of the same owner and type, -1 when the phrase has no parts.
  int InsertEntry(std::string_view phrase, Entry entry);
  void LoadDict(const DictEntries& dict);

  // ---- matching
  uint32_t PartId(std::string_view folded) const {
    auto it = vocab_.find(folded);
    return it == vocab_.end() ? kNone : it->second;
  }
  uint32_t Child(uint32_t node, uint32_t part) const {
    if (part == kNone) return kNone;
    auto it = edges_.find((static_cast<uint64_t>(node) << 32) | part);
    return it == edges_.end() ? kNone : it->second;
  }
  // `explain` (may be null) receives the steps behind each mention; `notes` (may be null)
  // what was recognised but made no mention (a region without a code, a personal name).
  std::vector<ActorMention> FindImpl(const Document& doc, const Sentence& sentence, DocContext* ctx,
                                     std::vector<std::vector<std::string>>* explain,
                                     std::vector<std::string>* notes) const;

  // ---- resolution helpers
  const Role* RoleOn(const PersonRec& p, const Date& d, std::string_view post,
                     std::string_view country) const;
  const Role* LastRoleBefore(const PersonRec& p, const Date& d) const;
  // Writes the actor a role stands for: the organisation's code for a post in an organisation,
  // else the role's country and sector.
  void ApplyRole(const Role& r, ActorRef* a) const;
  // The state a person belongs to when not acting in an organisation post: the record's
  // default, else the country of the latest state role that began before `d`, else of the first
  // state role; "" when the person has no state role and no default.
  std::string HomeCountry(const PersonRec& p, const Date& d) const;
  // True when `code` is a state of status `former` (one that no longer exists).
  bool IsFormerState(const std::string& code) const {
    auto it = state_index_.find(code);
    return it != state_index_.end() && states_[it->second].former;
  }
  // The code a dictionary actor has on `d` (see actor_index.h), or null.
  const DictActorCode* DictCodeOn(const DictActorRec& a, const Date& d) const;
  // The state a code starts with ("RUS" for "RUSGOV"), "" when it starts with no known state.
  std::string CodeCountry(std::string_view code) const {
    if (code.size() < 3) return std::string();
    std::string c(code.substr(0, 3));
    return state_index_.count(c) ? c : std::string();
  }

  friend class ActorIndex;
  friend class SentenceMatcher;  // FindImpl's per-sentence phases read the index directly

  const DiagnosticSink* sink_ = nullptr;
  int* errors_ = nullptr;

  std::vector<StateRec> states_;
  std::vector<RegionRec> regions_;
  std::vector<OrgRec> orgs_;
  std::unordered_map<std::string, uint32_t> org_ids_;  // organisation id -> orgs_ index
  std::vector<AgentRec> agents_;
  std::vector<PersonRec> people_;
  std::unordered_map<std::string, uint32_t> state_index_;
  std::unordered_map<std::string, uint32_t> person_index_;
  std::unordered_set<std::string> sectors_;
  // (country "|" post) -> (person, role index), in load order.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> holders_;

  std::vector<Entry> entries_;
  std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>> vocab_;
  std::unordered_map<uint64_t, uint32_t> edges_;
  std::vector<std::vector<uint32_t>> node_entries_{1};  // node 0 is the root
  int64_t phrases_ = 0;
  // Dictionary entries (LoadDict).
  std::vector<DictActorRec> dict_actors_;
  int64_t dict_actor_count_ = 0, dict_agent_count_ = 0, dict_phrases_ = 0;
  bool builtin_phrases_ = true;  // false while loading data/actors without its phrases
  // Entries (not in the trie) for "the North" / "the South" in a Korean context; kNone when
  // PRK or KOR is not loaded.
  uint32_t north_entry_ = kNone, south_entry_ = kNone;
  // First words of the full names in people/*.txt, lower case ("michael", "george"): a
  // capitalised sentence-initial word before a person_name state is a given name when listed.
  std::unordered_set<std::string> given_names_;
};

}  // namespace entente::actors::internal

#endif  // ENTENTE_ACTORS_ACTOR_INDEX_INTERNAL_H_
