// The actor index: loading, validation, phrase matching and composition.
//
// Loading. Every record file is parsed by ParseRecords into Records; then states, agents,
// organisations and people are validated in that order (later kinds refer to earlier ones:
// role countries, sectors, org codes). An invalid field is reported as file:line and dropped;
// an invalid record (no name, bad id, duplicate id) is dropped whole.
//
// Phrase index. Every phrase (names, aliases, historical names, adjectives, demonyms,
// capitals, metonyms, organisation names and aliases, agent nouns and titles, person names,
// aliases and short names) is cut into folded parts (fold.h) and inserted into a token trie:
// the parts are interned to ids, a transition is one hash-map lookup keyed by (node, part id),
// and each node lists the entries whose phrase ends there. An all-caps phrase of two to five
// letters ("DPRK", "U.S.") is marked upper-only: it matches only where the text has no lower
// case letter ("US", never "us"). A name written capitalized in the file (state, capital,
// metonym, organisation, person; not agent nouns or titles) does not match text that starts in
// lower case: "a party congress" is not the U.S. Congress, "china" is not China.
//
// Finding. The tokens of a sentence are folded once into a vector of parts (with their
// token and source bytes). From each token start the trie is walked as far as it goes; the
// longest match that ends at a token end (or before a possessive "'s" / "'" inside a token)
// and has an entry valid in context (case rule, historical interval) is an atom; matching
// resumes after it. A state name that is also a personal name (person_name) next to a
// capitalised name-like word is dropped ("Jordan Peterson"). Atoms are then composed left to
// right by the grammar
//     [former] [prefix] [former] [agent noun | title]* [person | organisation]
// where the prefix is a country (a state adjective; a state name, capital or metonym followed
// by a possessive; a metonym before an agent or person: "Kremlin officials"), a region
// adjective ("Latin American leaders": no country, the CAMEO region code), or an organisation
// before an agent or person ("NATO Secretary-General"); only adjacent atoms compose. A region
// alone is taken but makes no mention (so "American" inside "Latin American" is not the USA).
// A group is resolved as of the document date: a person by the role they hold on that date
// (preferring the role the title names; where the title disagrees, the role wins), a title
// without a person by the holder of (country or organisation, post) on that date, "former" /
// "ex-" by sector ELI. A role in an organisation (its id in the role's country column) gives
// the organisation's code. An organisation with `national` after a country prefix is that
// country's body ("Russia's Security Council" -> RUSGOV).
//
// Dictionary entries (TABARI/PETRARCH actors and agents, --dict) go into the same trie: an
// actor as an entry of its own kind (kDictActor, resolved to a code on the date, see
// actor_index.h), an agent as an agent noun of its sector. In the grammar above a dictionary
// actor is a prefix before an agent noun and otherwise a named actor like an organisation;
// where an atom has both one of our entries and a dictionary entry, ours is tried first.
#include "actors/actor_index.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "actors/fold.h"
#include "actors/record_reader.h"
#include "entente/pipeline.h"

namespace entente::actors {

namespace {

namespace fs = std::filesystem;

constexpr uint32_t kNone = UINT32_MAX;

// CAMEO actor type codes (CAMEO 1.1b3 manual, table of role codes) plus the codes our data
// uses as sectors (PTY, RES). agents.txt may add more.
const char* const kBuiltinSectors[] = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
    "MOD", "RAD", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET", "UIS", "PTY", "RES"};
// Codes that may stand where a country does in a role or at the start of an actor code.
const char* const kInternationalCodes[] = {"IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS"};
const char* const kPosts[] = {"head_of_state",   "head_of_government", "leader",
                              "foreign_minister", "defence_minister",   "secretary_general"};
const char* const kStatuses[] = {"member", "observer", "disputed", "region"};

bool IsUpperAlpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// The gazetteer table is read beside the record files (ReadActorFiles), told apart by name.
bool IsPlacesFile(std::string_view name) {
  constexpr std::string_view kSuffix = "places.txt";
  return name.size() >= kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix;
}

// Sectors whose bare agents are often abroad: "troops in Syria" need not be Syrian.
const std::unordered_set<std::string_view> kForeignPresence = {"MIL", "REF", "SPY", "UAF", "IGO", "NGO", "IMG"};

// Bare "Congo" / "Congolese" (filed under COD in states.txt): the Republic of the Congo (COG)
// when the document names more Brazzaville cues than Kinshasa cues, or, with no cue either
// way, when the document date falls in 1971-10-27..1997-05-16 (the DRC was then Zaire, so
// "Congo" was the Republic). Default: the DRC, by far the more frequent in news since 1997.
// Cues are whole words of the document text; the full names ("Republic of the Congo",
// "DR Congo") never reach here. `reason` says which rule decided.
bool BareCongoIsRepublic(const Document& doc, const DocContext* ctx, const Date& date, bool has_date,
                         std::string* reason) {
  static const char* const kRepublic[] = {"Brazzaville", "Pointe-Noire", "Sassou", "Nguesso",
                                          "Lissouba", "Kolelas", "Ninjas", "Cobras"};
  static const char* const kDemocratic[] = {"Kinshasa", "Zaire", "Kabila", "Mobutu", "Tshisekedi",
                                            "Lubumbashi", "Goma", "Kivu", "Katanga", "Kisangani",
                                            "Ituri", "Bukavu", "MONUC", "MONUSCO", "DRC"};
  auto count = [&](const auto& words) {
    int n = 0;
    for (const char* w : words) {
      const std::string_view word(w);
      for (size_t at = doc.text.find(word); at != std::string::npos; at = doc.text.find(word, at + 1)) {
        auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
        const bool start_ok = at == 0 || !alnum(doc.text[at - 1]);
        const bool end_ok = at + word.size() >= doc.text.size() || !alnum(doc.text[at + word.size()]);
        if (start_ok && end_ok) ++n;
      }
    }
    return n;
  };
  int rep = count(kRepublic), dem = count(kDemocratic);
  if (ctx) rep += ctx->Seen("COG");
  if (rep != dem) {
    *reason = "bare 'Congo' with " + std::to_string(rep) + " Republic (Brazzaville) and " + std::to_string(dem) +
              " DRC (Kinshasa) cues in the document";
    return rep > dem;
  }
  if (has_date && Date{1971, 10, 27} <= date && date <= Date{1997, 5, 16}) {
    *reason = "bare 'Congo' on " + date.ToString() + ", when the DRC was called Zaire: the Republic";
    return true;
  }
  *reason = "bare 'Congo' without Brazzaville or Kinshasa cues: the DRC (default)";
  return false;
}

// An all-caps phrase of two to five letters (periods and spaces ignored) must match in upper
// case.
bool IsUpperOnlyPhrase(std::string_view phrase) {
  int letters = 0;
  for (char c : phrase) {
    if (c >= 'A' && c <= 'Z') ++letters;
    else if (c >= 'a' && c <= 'z') return false;
    else if (c == '.' || c == ' ') continue;
    else return false;
  }
  return letters >= 2 && letters <= 5;
}

enum class EntryType : uint8_t {
  kStateName, kStateFormal, kStateAlias, kStateHistorical, kAdjective, kDemonym, kCapital,
  kMetonym, kOrgName, kOrgAlias, kAgentNoun, kAgentTitle, kPersonName, kPersonAlias,
  kPersonShort, kFormer, kRegionName, kRegionAdjective, kDictActor,
  kPlace  // gazetteer region or city (data/gazetteer/places.txt): a state prefix before an agent
};

const char* FieldName(EntryType t) {
  switch (t) {
    case EntryType::kStateName: return "name";
    case EntryType::kStateFormal: return "formal";
    case EntryType::kStateAlias: return "alias";
    case EntryType::kStateHistorical: return "historical";
    case EntryType::kAdjective: return "adjective";
    case EntryType::kDemonym: return "demonym";
    case EntryType::kCapital: return "capital";
    case EntryType::kMetonym: return "metonym";
    case EntryType::kOrgName: return "name";
    case EntryType::kOrgAlias: return "alias";
    case EntryType::kAgentNoun: return "noun";
    case EntryType::kAgentTitle: return "title";
    case EntryType::kPersonName: return "name";
    case EntryType::kPersonAlias: return "alias";
    case EntryType::kPersonShort: return "short";
    case EntryType::kFormer: return "modifier";
    case EntryType::kRegionName: return "name";
    case EntryType::kRegionAdjective: return "adjective";
    case EntryType::kDictActor: return "phrase";
    case EntryType::kPlace: return "place";
  }
  return "?";
}

bool IsStateNameType(EntryType t) {
  return t == EntryType::kStateName || t == EntryType::kStateFormal || t == EntryType::kStateAlias ||
         t == EntryType::kStateHistorical;
}
bool IsPersonType(EntryType t) {
  return t == EntryType::kPersonName || t == EntryType::kPersonAlias || t == EntryType::kPersonShort;
}
bool IsAgentType(EntryType t) { return t == EntryType::kAgentNoun || t == EntryType::kAgentTitle; }
bool IsOrgType(EntryType t) { return t == EntryType::kOrgName || t == EntryType::kOrgAlias; }
bool IsRegionType(EntryType t) { return t == EntryType::kRegionName || t == EntryType::kRegionAdjective; }

struct Entry {
  EntryType type = EntryType::kStateName;
  uint32_t owner = 0;       // index into states_, orgs_, agents_ or people_
  bool upper_only = false;  // all-caps acronym: text must have no lower case letter
  bool capitalized = false; // proper name written capitalized: text must not start in lower case
  bool dated = false;       // historical name: only within `interval`
  bool former = false;      // agent phrase starting with "former"/"ex" ("former president")
  bool person_name = false; // state name that is also a personal name ("Jordan", "Chad")
  bool needs_prefix = false;  // agent noun that is an actor only after a country, region or organisation
  bool code_first = false;  // dictionary prefix agent ("[NGO~]"): its code goes before the country
  DateInterval interval;
  std::string sector;      // metonym sector, agent sector
  std::string post;        // title post ("" when none)
  std::string provenance;  // "state PRK adjective 'North Korean' (data/actors/states.txt:980)"
};

struct StateRec {
  std::string code, name, where;
};
struct OrgRec {
  std::string kind, id, name, code, country, sector, where;
  std::string national;  // sector of a same-named national body ("Russia's Security Council")
  bool shared = false;   // a name used in several states: the state comes from context
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
  // The code a dictionary actor has on `d` (see actor_index.h), or null.
  const DictActorCode* DictCodeOn(const DictActorRec& a, const Date& d) const;
  // The state a code starts with ("RUS" for "RUSGOV"), "" when it starts with no known state.
  std::string CodeCountry(std::string_view code) const {
    if (code.size() < 3) return std::string();
    std::string c(code.substr(0, 3));
    return state_index_.count(c) ? c : std::string();
  }

  friend class ActorIndex;

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

// ------------------------------------------------------------------------------------------
// Loading

bool ActorIndexImpl::CheckKeys(const Record& r, std::initializer_list<std::string_view> allowed) {
  for (const RecordField& f : r.fields) {
    if (std::find(allowed.begin(), allowed.end(), f.key) == allowed.end())
      Error(r, f, "unknown key '" + f.key + "' in [" + r.kind + " " + r.id + "]");
  }
  auto names = r.All("name");
  if (names.empty()) {
    Error(r.file, r.line, "[" + r.kind + " " + r.id + "] has no 'name'");
    return false;
  }
  for (size_t i = 1; i < names.size(); ++i)
    Error(r, *names[i], "[" + r.kind + " " + r.id + "] has more than one 'name' (use 'alias')");
  return true;
}

void ActorIndexImpl::AddPhrase(std::string_view phrase, Entry entry, const Record& r, const RecordField& f) {
  if (!builtin_phrases_) return;
  phrase = Trim(phrase);
  entry.upper_only = IsUpperOnlyPhrase(phrase);
  entry.capitalized = !IsAgentType(entry.type) && entry.type != EntryType::kFormer && !phrase.empty() &&
                      phrase[0] >= 'A' && phrase[0] <= 'Z';
  if (IsAgentType(entry.type)) {
    std::string folded = FoldJoined(phrase);
    entry.former = folded.rfind("former ", 0) == 0 || folded.rfind("ex ", 0) == 0;
  }
  if (entry.provenance.empty()) {
    entry.provenance = r.kind + " " + r.id + " " + FieldName(entry.type) + " " + Quote(phrase);
    if (entry.type == EntryType::kMetonym) entry.provenance += " : " + entry.sector;
    if (entry.type == EntryType::kAgentTitle && !entry.post.empty()) entry.provenance += " : " + entry.post;
    entry.provenance += " (" + r.file + ":" + std::to_string(f.line) + ")";
  }
  int added = InsertEntry(phrase, std::move(entry));
  if (added < 0) Error(r, f, "empty phrase in '" + f.key + "'");
  phrases_ += std::max(added, 0);
}

int ActorIndexImpl::InsertEntry(std::string_view phrase, Entry entry) {
  std::string scratch;
  std::vector<uint32_t> ids;
  FoldParts(phrase, scratch, [&](std::string_view part, uint32_t, uint32_t) {
    auto it = vocab_.find(part);
    if (it == vocab_.end()) it = vocab_.emplace(std::string(part), static_cast<uint32_t>(vocab_.size())).first;
    ids.push_back(it->second);
  });
  if (ids.empty()) return -1;
  uint32_t node = 0;
  for (uint32_t id : ids) {
    uint64_t key = (static_cast<uint64_t>(node) << 32) | id;
    auto it = edges_.find(key);
    if (it == edges_.end()) {
      uint32_t child = static_cast<uint32_t>(node_entries_.size());
      node_entries_.emplace_back();
      it = edges_.emplace(key, child).first;
    }
    node = it->second;
  }
  // A gazetteer place yields to every other reading of its words ("Georgia" the state).
  if (entry.type == EntryType::kPlace)
    for (uint32_t e : node_entries_[node])
      if (entries_[e].type != EntryType::kPlace) return 0;
  // The same owner and type twice on one node (a phrase listed twice) adds nothing.
  for (uint32_t e : node_entries_[node]) {
    const Entry& old = entries_[e];
    if (old.type == entry.type && old.owner == entry.owner && old.upper_only == entry.upper_only &&
        old.sector == entry.sector && old.code_first == entry.code_first)
      return 0;
  }
  node_entries_[node].push_back(static_cast<uint32_t>(entries_.size()));
  entries_.push_back(std::move(entry));
  return 1;
}

void ActorIndexImpl::LoadStates(const std::vector<Record>& recs) {
  for (const Record& r : recs) {
    if (r.id.size() != 3 || !IsUpperAlpha(r.id)) {
      Error(r.file, r.line, "state id '" + r.id + "' is not an ISO 3166-1 alpha-3 code");
      continue;
    }
    if (state_index_.count(r.id)) {
      Error(r.file, r.line, "duplicate state id '" + r.id + "' (first at " + states_[state_index_[r.id]].where + ")");
      continue;
    }
    if (!CheckKeys(r, {"name", "formal", "alias", "historical", "adjective", "demonym", "capital",
                       "metonym", "iso2", "region", "status", "person_name"}))
      continue;
    uint32_t idx = static_cast<uint32_t>(states_.size());
    state_index_[r.id] = idx;
    states_.push_back(StateRec{r.id, r.First("name")->value, r.Where()});
  }
  // Phrases after every id is known (nothing refers across states, but keep one pass order).
  for (const Record& r : recs) {
    auto it = state_index_.find(r.id);
    if (it == state_index_.end() || states_[it->second].where != r.Where()) continue;
    uint32_t idx = it->second;
    // Names that are also personal names ("Jordan"): each must be one of the record's names.
    std::set<std::string> person_names, names;
    for (const RecordField& f : r.fields)
      if (f.key == "name" || f.key == "alias" || f.key == "formal")
        for (const std::string& item : f.Items()) names.insert(FoldJoined(item));
    for (const RecordField* f : r.All("person_name"))
      for (const std::string& item : f->Items()) {
        if (!names.count(FoldJoined(item))) Error(r, *f, "person_name '" + item + "' is not a name or alias of " + r.id);
        else person_names.insert(FoldJoined(item));
      }
    for (const RecordField& f : r.fields) {
      Entry e;
      e.owner = idx;
      if (f.key == "name" || f.key == "formal" || f.key == "alias" || f.key == "adjective" ||
          f.key == "demonym" || f.key == "capital") {
        e.type = f.key == "name"        ? EntryType::kStateName
                 : f.key == "formal"    ? EntryType::kStateFormal
                 : f.key == "alias"     ? EntryType::kStateAlias
                 : f.key == "adjective" ? EntryType::kAdjective
                 : f.key == "demonym"   ? EntryType::kDemonym
                                        : EntryType::kCapital;
        std::vector<std::string> items = f.Items();
        if (f.key == "name" && items.size() > 1) Error(r, f, "'name' must be a single name (use 'alias')");
        if (f.key == "capital") e.sector = "GOV";
        for (const std::string& item : items) {
          e.person_name = IsStateNameType(e.type) && person_names.count(FoldJoined(item));
          AddPhrase(item, e, r, f);
        }
      } else if (f.key == "historical") {
        for (const std::string& item : f.Items()) {
          std::vector<std::string_view> words = SplitWords(item);
          e.type = EntryType::kStateHistorical;
          std::string_view name = item;
          if (!words.empty() && words.back().find("..") != std::string_view::npos) {
            std::string err;
            if (!ParseInterval(words.back(), &e.interval, &err)) {
              Error(r, f, "historical name '" + item + "': " + err);
              continue;
            }
            e.dated = true;
            name = Trim(std::string_view(item).substr(0, words.back().data() - item.data()));
          }
          AddPhrase(name, e, r, f);
        }
      } else if (f.key == "metonym") {
        for (const std::string& item : f.Items()) {
          size_t colon = item.rfind(" : ");
          if (colon == std::string::npos) {
            Error(r, f, "metonym '" + item + "' needs a sector ('PHRASE : SECTOR')");
            continue;
          }
          std::string sector(Trim(std::string_view(item).substr(colon + 3)));
          if (!KnownSector(sector)) {
            Error(r, f, "unknown sector '" + sector + "' in metonym");
            continue;
          }
          e.type = EntryType::kMetonym;
          e.sector = sector;
          AddPhrase(std::string_view(item).substr(0, colon), e, r, f);
        }
      } else if (f.key == "iso2") {
        if (f.value.size() != 2 || !IsUpperAlpha(f.value)) Error(r, f, "iso2 '" + f.value + "' is not two upper-case letters");
      } else if (f.key == "region") {
        if (f.value.size() != 3 || !IsUpperAlpha(f.value)) Error(r, f, "region '" + f.value + "' is not a three-letter CAMEO code");
      } else if (f.key == "status") {
        if (std::find(std::begin(kStatuses), std::end(kStatuses), f.value) == std::end(kStatuses))
          Error(r, f, "unknown status '" + f.value + "' (member, observer, disputed, region)");
      }
    }
  }
}

void ActorIndexImpl::LoadRegions(const std::vector<Record>& recs) {
  std::map<std::string, std::string> seen;
  for (const Record& r : recs) {
    if (seen.count(r.id)) {
      Error(r.file, r.line, "duplicate region id '" + r.id + "' (first at " + seen[r.id] + ")");
      continue;
    }
    seen[r.id] = r.Where();
    if (!CheckKeys(r, {"name", "alias", "adjective", "code"})) continue;
    RegionRec g{r.id, r.First("name")->value, ""};
    bool bad = false;
    for (const RecordField* f : r.All("code")) {
      if (f->value.size() != 3 || !IsUpperAlpha(f->value)) {
        Error(r, *f, "region code '" + f->value + "' is not a three-letter CAMEO code");
        bad = true;
      } else if (state_index_.count(f->value)) {
        Error(r, *f, "region code '" + f->value + "' is a state code");
        bad = true;
      } else {
        g.code = f->value;
      }
    }
    if (bad) continue;
    uint32_t idx = static_cast<uint32_t>(regions_.size());
    regions_.push_back(std::move(g));
    for (const RecordField& f : r.fields) {
      if (f.key != "name" && f.key != "alias" && f.key != "adjective") continue;
      Entry e;
      e.type = f.key == "adjective" ? EntryType::kRegionAdjective : EntryType::kRegionName;
      e.owner = idx;
      for (const std::string& item : f.Items()) AddPhrase(item, e, r, f);
    }
  }
}

void ActorIndexImpl::LoadAgents(const std::vector<Record>& recs) {
  // Sector ids first, so titles and nouns of one agent may be checked against all.
  std::map<std::string, std::string> seen;
  std::vector<const Record*> ok;
  for (const Record& r : recs) {
    if (seen.count(r.id)) {
      Error(r.file, r.line, "duplicate agent id '" + r.id + "' (first at " + seen[r.id] + ")");
      continue;
    }
    seen[r.id] = r.Where();
    if (r.id.size() % 3 != 0 || !IsUpperAlpha(r.id)) {
      Error(r.file, r.line, "agent id '" + r.id + "' is not a CAMEO sector code (three upper-case letters)");
      continue;
    }
    if (!CheckKeys(r, {"name", "noun", "title", "prefixed"})) continue;
    sectors_.insert(r.id);
    ok.push_back(&r);
  }
  // "ex-" forms: every title, and the nouns of office-holding sectors, also match with "ex-"
  // before them ("ex-President Moon", "ex-minister"); such a phrase marks a former holder.
  auto add_ex = [&](std::string_view phrase, Entry e, const Record& r, const RecordField& f) {
    std::string folded = FoldJoined(phrase);
    if (folded.rfind("former ", 0) == 0 || folded.rfind("ex ", 0) == 0) return;
    std::string ex = "ex-" + std::string(Trim(phrase));
    e.provenance = "agent " + r.id + " " + FieldName(e.type) + " " + Quote(ex);
    if (!e.post.empty()) e.provenance += " : " + e.post;
    e.provenance += " (derived from " + Quote(Trim(phrase)) + ", " + r.file + ":" + std::to_string(f.line) + ")";
    const int64_t counted = phrases_;  // derived variants are not counted as phrases
    AddPhrase(ex, e, r, f);
    phrases_ = counted;
  };
  for (const Record* rp : ok) {
    const Record& r = *rp;
    uint32_t idx = static_cast<uint32_t>(agents_.size());
    agents_.push_back(AgentRec{r.id, r.First("name")->value});
    const bool office = r.id == "GOV" || r.id == "LEG" || r.id == "JUD";
    for (const RecordField& f : r.fields) {
      if (f.key == "noun" || f.key == "prefixed") {
        Entry e;
        e.type = EntryType::kAgentNoun;
        e.owner = idx;
        e.sector = r.id;
        e.needs_prefix = f.key == "prefixed";
        for (const std::string& item : f.Items()) {
          AddPhrase(item, e, r, f);
          if (office) add_ex(item, e, r, f);
        }
      } else if (f.key == "title") {
        for (const std::string& item : f.Items()) {
          Entry e;
          e.type = EntryType::kAgentTitle;
          e.owner = idx;
          e.sector = r.id;
          std::string_view phrase = item;
          size_t colon = item.rfind(" : ");
          if (colon != std::string::npos) {
            e.post = std::string(Trim(std::string_view(item).substr(colon + 3)));
            phrase = std::string_view(item).substr(0, colon);
            if (std::find(std::begin(kPosts), std::end(kPosts), e.post) == std::end(kPosts))
              ReportWarning(*sink_, r.file, f.line, "post '" + e.post + "' is not one of the documented posts");
          }
          AddPhrase(phrase, e, r, f);
          add_ex(phrase, e, r, f);
        }
      }
    }
  }
}

void ActorIndexImpl::LoadOrgs(const std::vector<Record>& recs) {
  std::map<std::string, std::string> seen;  // "kind ID" -> where
  for (const Record& r : recs) {
    std::string key = r.kind + " " + r.id;
    if (seen.count(key)) {
      Error(r.file, r.line, "duplicate " + r.kind + " id '" + r.id + "' (first at " + seen[key] + ")");
      continue;
    }
    seen[key] = r.Where();
    if (!CheckKeys(r, {"name", "alias", "code", "country", "members", "national", "shared"})) continue;
    OrgRec o;
    o.kind = r.kind;
    o.id = r.id;
    o.name = r.First("name")->value;
    o.where = r.Where();
    auto codes = r.All("code");
    if (codes.size() != 1) {
      Error(r.file, r.line, "[" + key + "] needs exactly one 'code'");
      continue;
    }
    const RecordField& cf = *codes[0];
    o.code = cf.value;
    if (o.code.size() < 3 || o.code.size() % 3 != 0 || !IsUpperAlpha(o.code)) {
      Error(r, cf, "code '" + o.code + "' is not a CAMEO actor code (groups of three upper-case letters)");
      continue;
    }
    std::string prefix = o.code.substr(0, 3);
    if (!KnownCountry(prefix) && !KnownSector(prefix)) {
      Error(r, cf, "unknown country code '" + prefix + "' in code '" + o.code + "'");
      continue;
    }
    bool bad = false;
    for (const RecordField* f : r.All("country")) {
      if (!state_index_.count(f->value)) {
        Error(r, *f, "unknown country code '" + f->value + "'");
        bad = true;
      } else if (!o.country.empty()) {
        Error(r, *f, "more than one 'country'");
      } else {
        o.country = f->value;
      }
    }
    if (bad) continue;
    if (!o.country.empty()) {
      if (o.code.compare(0, 3, o.country) != 0) {
        Error(r, cf, "code '" + o.code + "' does not start with the country '" + o.country + "'");
        continue;
      }
      o.sector = o.code.substr(3);
    }
    for (const RecordField* f : r.All("members"))
      for (const std::string& m : f->Items())
        if (!state_index_.count(m)) Error(r, *f, "unknown member country code '" + m + "'");
    for (const RecordField* f : r.All("national")) {
      if (!KnownSector(f->value)) Error(r, *f, "unknown sector '" + f->value + "' in 'national'");
      else o.national = f->value;
    }
    for (const RecordField* f : r.All("shared")) {
      if (f->value != "yes" && f->value != "no") Error(r, *f, "'shared' must be yes or no, not '" + f->value + "'");
      else if (f->value == "yes" && o.national.empty()) Error(r, *f, "'shared = yes' needs 'national = SECTOR'");
      else o.shared = f->value == "yes";
    }
    uint32_t idx = static_cast<uint32_t>(orgs_.size());
    if (state_index_.count(o.id)) {
      // Role lines may name an organisation by id; a state code would shadow it there.
      ReportWarning(*sink_, r.file, r.line, "organisation id '" + o.id + "' is also a state code: role lines cannot name it");
    } else if (auto [it, fresh] = org_ids_.emplace(o.id, idx); !fresh) {
      ReportWarning(*sink_, r.file, r.line, "organisation id '" + o.id + "' is used by another kind (" + orgs_[it->second].where + "): role lines name the first");
    }
    orgs_.push_back(std::move(o));
    for (const RecordField& f : r.fields) {
      if (f.key != "name" && f.key != "alias") continue;
      Entry e;
      e.type = f.key == "name" ? EntryType::kOrgName : EntryType::kOrgAlias;
      e.owner = idx;
      for (const std::string& item : f.Items()) AddPhrase(item, e, r, f);
    }
  }
}

void ActorIndexImpl::LoadPeople(const std::vector<Record>& recs) {
  for (const Record& r : recs) {
    if (person_index_.count(r.id)) {
      Error(r.file, r.line, "duplicate person id '" + r.id + "' (first at " + people_[person_index_[r.id]].where + ")");
      continue;
    }
    if (!CheckKeys(r, {"name", "alias", "short", "role", "default"})) continue;
    PersonRec p;
    p.id = r.id;
    p.name = r.First("name")->value;
    p.where = r.Where();
    if (size_t sp = p.name.find(' '); sp != std::string::npos && sp >= 3) {
      std::string g = p.name.substr(0, sp);
      for (char& c : g) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      given_names_.insert(std::move(g));
    }
    for (const RecordField* f : r.All("role")) {
      // COUNTRY SECTOR POST [FROM..TO]
      std::vector<std::string_view> w = SplitWords(f->value);
      if (w.size() != 3 && w.size() != 4) {
        Error(r, *f, "role must be 'COUNTRY SECTOR POST FROM..TO', got '" + f->value + "'");
        continue;
      }
      Role role;
      role.country = std::string(w[0]);
      role.sector = std::string(w[1]);
      role.post = w[2] == "-" ? std::string() : std::string(w[2]);
      if (!KnownCountry(role.country)) {
        auto org = org_ids_.find(role.country);
        if (org == org_ids_.end()) {
          Error(r, *f, "unknown country code '" + role.country + "' in role (neither a state, an international code nor an organisation id)");
          continue;
        }
        role.org = static_cast<int32_t>(org->second);
      }
      if (!KnownSector(role.sector)) {
        Error(r, *f, "unknown sector '" + role.sector + "' in role");
        continue;
      }
      if (!role.post.empty() && std::find(std::begin(kPosts), std::end(kPosts), role.post) == std::end(kPosts))
        ReportWarning(*sink_, r.file, f->line, "post '" + role.post + "' is not one of the documented posts");
      if (w.size() == 4) {
        std::string err;
        if (!ParseInterval(w[3], &role.interval, &err)) {
          Error(r, *f, "role: " + err);
          continue;
        }
      }
      role.provenance = "person " + r.id + " role " + f->value + " (" + r.file + ":" + std::to_string(f->line) + ")";
      p.roles.push_back(std::move(role));
    }
    for (const RecordField* f : r.All("default")) {
      std::vector<std::string_view> w = SplitWords(f->value);
      if (w.size() != 2) {
        Error(r, *f, "default must be 'COUNTRY SECTOR', got '" + f->value + "'");
        continue;
      }
      if (!KnownCountry(w[0])) {
        Error(r, *f, "unknown country code '" + std::string(w[0]) + "' in default");
        continue;
      }
      if (!KnownSector(w[1])) {
        Error(r, *f, "unknown sector '" + std::string(w[1]) + "' in default");
        continue;
      }
      p.default_country = std::string(w[0]);
      p.default_sector = std::string(w[1]);
    }
    if (p.roles.empty() && p.default_country.empty())
      ReportWarning(*sink_, r.file, r.line, "person " + r.id + " has no valid role and no default: resolves to no country");
    uint32_t idx = static_cast<uint32_t>(people_.size());
    person_index_[r.id] = idx;
    for (uint32_t i = 0; i < p.roles.size(); ++i)
      if (!p.roles[i].post.empty()) holders_[p.roles[i].country + "|" + p.roles[i].post].push_back({idx, i});
    people_.push_back(std::move(p));
    for (const RecordField& f : r.fields) {
      if (f.key != "name" && f.key != "alias" && f.key != "short") continue;
      Entry e;
      e.type = f.key == "name" ? EntryType::kPersonName : f.key == "alias" ? EntryType::kPersonAlias : EntryType::kPersonShort;
      e.owner = idx;
      for (const std::string& item : f.Items()) AddPhrase(item, e, r, f);
    }
  }
}

void ActorIndexImpl::LoadPlaces(const SourceText& file) {
  std::string_view text = file.text;
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    if (Trim(line).empty()) continue;
    std::vector<std::string_view> cols;
    for (size_t at = 0;;) {
      size_t bar = line.find('|', at);
      cols.push_back(Trim(line.substr(at, bar == std::string_view::npos ? std::string_view::npos : bar - at)));
      if (bar == std::string_view::npos) break;
      at = bar + 1;
    }
    if (cols.size() < 5) {
      Error(file.name, line_no, "gazetteer row needs 'name | country | lat | lon | kind [| aliases]'");
      continue;
    }
    const std::string_view kind = cols[4];
    if (kind == "capital") continue;  // states.txt names every capital
    auto it = state_index_.find(std::string(cols[1]));
    if (it == state_index_.end()) {
      Error(file.name, line_no, "gazetteer country '" + std::string(cols[1]) + "' is not a state in states.txt");
      continue;
    }
    std::vector<std::string_view> names = {cols[0]};
    if (cols.size() > 5)
      for (size_t at = 0; at <= cols[5].size();) {
        size_t semi = cols[5].find(';', at);
        std::string_view alias = Trim(cols[5].substr(at, semi == std::string_view::npos ? std::string_view::npos : semi - at));
        if (!alias.empty()) names.push_back(alias);
        if (semi == std::string_view::npos) break;
        at = semi + 1;
      }
    Record r;
    r.kind = "place";
    r.id = std::string(cols[0]);
    r.file = file.name;
    for (std::string_view name : names) {
      RecordField f{"place", std::string(name), line_no};
      Entry e;
      e.type = EntryType::kPlace;
      e.owner = it->second;
      e.provenance = "place " + Quote(name) + " " + std::string(kind) + " in " + states_[it->second].code + " (" +
                     file.name + ":" + std::to_string(line_no) + ")";
      AddPhrase(name, e, r, f);
    }
  }
}

void ActorIndexImpl::Build(const std::vector<SourceText>& files, const DiagnosticSink& sink, int* errors,
                           const ActorIndexOptions& options) {
  sink_ = &sink;
  errors_ = errors;
  for (const char* s : kBuiltinSectors) sectors_.insert(s);
  std::vector<Record> states, regions, agents, orgs, people;
  std::vector<const SourceText*> places;
  for (const SourceText& file : files) {
    if (IsPlacesFile(file.name)) {
      places.push_back(&file);
      continue;
    }
    *errors += ParseRecords(file.text, file.name, sink, [&](Record&& r) {
      if (r.kind == "state") states.push_back(std::move(r));
      else if (r.kind == "region") regions.push_back(std::move(r));
      else if (r.kind == "agent") agents.push_back(std::move(r));
      else if (r.kind == "igo" || r.kind == "ngo" || r.kind == "party" || r.kind == "group" || r.kind == "body")
        orgs.push_back(std::move(r));
      else if (r.kind == "person") people.push_back(std::move(r));
      else {
        ++*errors;
        ReportError(sink, r.file, r.line,
                    "unknown record kind '" + r.kind + "' (state, region, igo, ngo, party, group, body, agent, person)");
      }
    });
  }
  builtin_phrases_ = options.builtin_phrases;
  LoadStates(states);
  LoadRegions(regions);
  LoadAgents(agents);
  LoadOrgs(orgs);
  LoadPeople(people);
  for (const SourceText* file : places) LoadPlaces(*file);
  builtin_phrases_ = true;
  if (options.dict) LoadDict(*options.dict);
  // Built-in modifier: "former U.S. President" is an elite, not the government.
  // "ousted", "deposed", "toppled", "overthrown": a leader removed from office, also a former
  // holder ("Ousted President Askar Akayev" -> KGZ ELI).
  for (const char* word : {"former", "ex", "ousted", "deposed", "toppled", "overthrown"}) {
    Record r;
    r.kind = "modifier";
    r.id = "FORMER";
    r.file = "<builtin>";
    RecordField f{"modifier", word, 0};
    Entry e;
    e.type = EntryType::kFormer;
    e.provenance = std::string("modifier '") + word + "' (former holder: sector ELI)";
    AddPhrase(word, e, r, f);
    --phrases_;
  }
  // "the North" / "the South": PRK / KOR once the document has named North Korea (Find).
  auto context_entry = [&](const char* code, const char* word) -> uint32_t {
    auto it = state_index_.find(code);
    if (it == state_index_.end()) return kNone;
    Entry e;
    e.type = EntryType::kStateAlias;
    e.owner = it->second;
    e.provenance = std::string("context: 'the ") + word + "' in a document that names North Korea -> " + code;
    entries_.push_back(std::move(e));
    return static_cast<uint32_t>(entries_.size() - 1);
  };
  if (options.builtin_phrases) {
    north_entry_ = context_entry("PRK", "North");
    south_entry_ = context_entry("KOR", "South");
  }
  sink_ = nullptr;
  errors_ = nullptr;
}

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

// ------------------------------------------------------------------------------------------
// Resolution helpers

const DictActorCode* ActorIndexImpl::DictCodeOn(const DictActorRec& a, const Date& d) const {
  for (const DictActorCode& c : a.codes)
    if (c.restricted && c.interval.Contains(d)) return &c;
  for (const DictActorCode& c : a.codes)
    if (!c.restricted) return &c;
  return nullptr;
}

const Role* ActorIndexImpl::RoleOn(const PersonRec& p, const Date& d, std::string_view post,
                                   std::string_view country) const {
  const Role* best = nullptr;
  int best_score = -1;
  for (const Role& r : p.roles) {
    if (!r.interval.Contains(d)) continue;
    int score = 0;
    if (!post.empty() && r.post == post) score += 4;
    if (!country.empty() && r.country == country) score += 2;
    if (!best || score > best_score ||
        (score == best_score && r.interval.from.value_or(Date{1, 1, 1}) > best->interval.from.value_or(Date{1, 1, 1}))) {
      best = &r;
      best_score = score;
    }
  }
  return best;
}

const Role* ActorIndexImpl::LastRoleBefore(const PersonRec& p, const Date& d) const {
  const Role* best = nullptr;
  for (const Role& r : p.roles) {
    if (!r.interval.EndsBefore(d)) continue;
    if (!best || *r.interval.to > *best->interval.to) best = &r;
  }
  return best;
}

void ActorIndexImpl::ApplyRole(const Role& r, ActorRef* a) const {
  if (r.org >= 0) {
    const OrgRec& o = orgs_[r.org];
    a->code = o.code;
    a->country = o.country;
    a->sector = o.sector;
  } else {
    a->country = r.country;
    a->sector = r.sector;
  }
}

std::string ActorIndexImpl::HomeCountry(const PersonRec& p, const Date& d) const {
  if (!p.default_country.empty()) return p.default_country;
  const Role* best = nullptr;
  for (const Role& r : p.roles) {
    if (r.org >= 0 || !state_index_.count(r.country)) continue;
    const Date from = r.interval.from.value_or(Date{1, 1, 1});
    if (from > d) continue;
    if (!best || from > best->interval.from.value_or(Date{1, 1, 1})) best = &r;
  }
  if (best) return best->country;
  for (const Role& r : p.roles)
    if (r.org < 0 && state_index_.count(r.country)) return r.country;
  return std::string();
}

// ------------------------------------------------------------------------------------------
// Finding and composing

std::vector<ActorMention> ActorIndexImpl::FindImpl(const Document& doc, const Sentence& sentence,
                                                   DocContext* ctx,
                                                   std::vector<std::vector<std::string>>* explain,
                                                   std::vector<std::string>* notes) const {
  std::vector<ActorMention> out;
  if (sentence.end_token <= sentence.first_token || sentence.end_token > doc.tokens.size()) return out;
  const bool has_date = ctx && ctx->date.has_value();
  const Date date = has_date ? *ctx->date : Date{9999, 12, 31};  // unknown: open roles are current
  const std::string date_text = has_date ? date.ToString() : std::string("(no date: roles still open)");

  // 1. Fold the sentence into parts.
  std::vector<Part> parts;
  std::vector<uint32_t> token_first_part;  // per sentence token
  parts.reserve(sentence.size() * 2);
  token_first_part.reserve(sentence.size() + 1);
  std::string scratch;
  scratch.reserve(64);
  for (uint32_t t = sentence.first_token; t < sentence.end_token; ++t) {
    token_first_part.push_back(static_cast<uint32_t>(parts.size()));
    const Token& tok = doc.tokens[t];
    size_t before = parts.size();
    FoldParts(doc.TokenText(t), scratch, [&](std::string_view f, uint32_t b, uint32_t e) {
      parts.push_back(Part{PartId(f), t, tok.span.begin + b, tok.span.begin + e, false});
    });
    if (parts.size() == before) parts.push_back(Part{kNone, t, tok.span.begin, tok.span.end, false});
    parts.back().token_end = true;
  }
  token_first_part.push_back(static_cast<uint32_t>(parts.size()));
  const uint32_t apos = PartId("'"), s_part = PartId("s");
  auto tok_parts = [&](uint32_t t) {
    uint32_t i = t - sentence.first_token;
    return std::pair<uint32_t, uint32_t>(token_first_part[i], token_first_part[i + 1]);
  };
  // True when parts [b, e) are a possessive: "'" "s" or "'" (the latter only after a part
  // ending in "s": "States'").
  auto is_possessive = [&](uint32_t b, uint32_t e, uint32_t prev_part) {
    if (e - b == 2) return parts[b].id == apos && apos != kNone && parts[b + 1].id == s_part && s_part != kNone;
    if (e - b == 1 && parts[b].id == apos && apos != kNone) {
      const Part& p = parts[prev_part];
      return p.end > p.begin && (doc.text[p.end - 1] == 's' || doc.text[p.end - 1] == 'S');
    }
    return false;
  };
  auto has_lower = [&](uint32_t pb, uint32_t pe) {
    for (uint32_t i = pb; i < pe; ++i)
      for (uint32_t k = parts[i].begin; k < parts[i].end; ++k)
        if (doc.text[k] >= 'a' && doc.text[k] <= 'z') return true;
    return false;
  };

  // 2. Longest-match atoms.
  std::vector<Atom> atoms;
  std::vector<uint32_t> valid;  // entry ids of atoms
  for (uint32_t t = sentence.first_token; t < sentence.end_token;) {
    auto [pb, pe_tok] = tok_parts(t);
    uint32_t node = 0;
    uint32_t best_node = kNone, best_last = 0;
    const char first_byte = doc.text[parts[pb].begin];
    const bool starts_lower = first_byte >= 'a' && first_byte <= 'z';
    bool best_poss_in_token = false;
    for (uint32_t q = pb; q < parts.size(); ++q) {
      node = Child(node, parts[q].id);
      if (node == kNone) break;
      if (node_entries_[node].empty()) continue;
      bool poss_in_token = false;
      if (!parts[q].token_end) {
        // May end only before an in-token possessive.
        uint32_t te = tok_parts(parts[q].token).second;
        if (!is_possessive(q + 1, te, q)) continue;
        poss_in_token = true;
      }
      // Any entry valid here?
      bool any = false;
      bool lower_known = false, lower = false;
      for (uint32_t e : node_entries_[node]) {
        const Entry& en = entries_[e];
        if (en.dated && has_date && !en.interval.Contains(date)) continue;
        if (en.capitalized && starts_lower) continue;
        if (en.upper_only) {
          if (!lower_known) lower = has_lower(pb, q + 1), lower_known = true;
          if (lower) continue;
        }
        any = true;
        break;
      }
      if (!any) continue;
      best_node = node;
      best_last = q;
      best_poss_in_token = poss_in_token;
    }
    if (best_node == kNone) {
      // "the North" / "the South" in a Korean context (North Korea named earlier; for "the
      // South" South Korea too), not before another capitalised word ("the North Atlantic").
      uint32_t ctx_entry = kNone;
      if (ctx && north_entry_ != kNone && south_entry_ != kNone && t > sentence.first_token &&
          (first_byte == 'N' || first_byte == 'S') && ctx->Seen("PRK") > 0) {
        std::string_view prev = doc.TokenText(t - 1);
        const uint32_t id = parts[pb].id;
        if ((prev == "the" || prev == "The") && id != kNone) {
          if (id == PartId("north")) ctx_entry = north_entry_;
          else if (id == PartId("south") && ctx->Seen("KOR") > 0) ctx_entry = south_entry_;
        }
        if (ctx_entry != kNone && pe_tok - pb > 1 && !is_possessive(pb + 1, pe_tok, pb)) ctx_entry = kNone;
        if (ctx_entry != kNone && pe_tok - pb == 1 && t + 1 < sentence.end_token) {
          std::string_view next = doc.TokenText(t + 1);
          if (!next.empty() && next[0] >= 'A' && next[0] <= 'Z') ctx_entry = kNone;
        }
      }
      if (ctx_entry == kNone) {
        ++t;
        continue;
      }
      Atom a;
      a.first_token = t;
      a.end_token = a.after = t + 1;
      a.possessive = pe_tok - pb > 1;
      if (!a.possessive && t + 1 < sentence.end_token) {
        auto [nb, ne] = tok_parts(t + 1);
        if (is_possessive(nb, ne, pb)) {
          a.possessive = true;
          a.after = t + 2;
        }
      }
      a.entries_begin = static_cast<uint32_t>(valid.size());
      valid.push_back(ctx_entry);
      a.entries_end = static_cast<uint32_t>(valid.size());
      atoms.push_back(a);
      t = a.end_token;
      continue;
    }
    Atom a;
    a.first_token = t;
    a.end_token = parts[best_last].token + 1;
    a.after = a.end_token;
    a.possessive = best_poss_in_token;
    if (!a.possessive && a.end_token < sentence.end_token) {
      auto [nb, ne] = tok_parts(a.end_token);
      if (is_possessive(nb, ne, best_last)) {
        a.possessive = true;
        a.after = a.end_token + 1;
      }
    }
    a.entries_begin = static_cast<uint32_t>(valid.size());
    bool lower = has_lower(pb, best_last + 1);
    for (uint32_t e : node_entries_[best_node]) {
      const Entry& en = entries_[e];
      if (en.dated && has_date && !en.interval.Contains(date)) continue;
      if (en.capitalized && starts_lower) continue;
      if (en.upper_only && lower) continue;
      valid.push_back(e);
    }
    a.entries_end = static_cast<uint32_t>(valid.size());
    atoms.push_back(a);
    t = a.end_token;  // a separate possessive token is left to the composer
  }

  auto atom_text = [&](const Atom& a) {
    return std::string(doc.text.substr(doc.tokens[a.first_token].span.begin,
                                       doc.tokens[a.end_token - 1].span.end - doc.tokens[a.first_token].span.begin));
  };

  // Capitalised words that look like part of a person's name: an upper-case first letter,
  // some lower case, no digits or periods ("Peterson", "Sung-kweun"), not a weekday, month,
  // function word or honorific, and no actor phrase of its own except a person's name.
  // Only in prose: not in a title-case line (a headline of four words or more, none of them a
  // lower-case word of four letters or more), where every word is capitalised.
  std::vector<int32_t> atom_at;  // sentence token -> atom covering it, -1 when none (built lazily)
  bool atom_at_built = false;
  auto build_atom_at = [&] {
    atom_at_built = true;
    atom_at.assign(sentence.size(), -1);
    for (size_t k = 0; k < atoms.size(); ++k)
      for (uint32_t t = atoms[k].first_token; t < atoms[k].end_token; ++t)
        atom_at[t - sentence.first_token] = static_cast<int32_t>(k);
  };
  int prose_state = -1;
  auto prose = [&] {
    if (prose_state < 0) {
      prose_state = 0;
      int words = 0;
      for (uint32_t t = sentence.first_token; t < sentence.end_token && !prose_state; ++t) {
        std::string_view w = doc.TokenText(t);
        if (!w.empty() && ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z'))) ++words;
        prose_state = w.size() >= 4 && w[0] >= 'a' && w[0] <= 'z';
      }
      if (words < 4) prose_state = 1;
    }
    return prose_state == 1;
  };
  auto name_like = [&](uint32_t t) {
    static const std::unordered_set<std::string_view> kNotNames = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "the", "a", "an", "and",
        "or", "but", "of", "in", "on", "at", "for", "to", "with", "by", "from", "as", "it",
        "is", "was", "has", "had", "will", "would", "this", "that", "its", "their", "his", "her",
        "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "secretary", "chairman",
        "chairwoman", "chair", "marshal", "comrade", "general", "admiral", "colonel", "sheikh",
        "director", "commissioner", "deputy", "vice", "acting", "former", "new", "then", "said",
        "says", "told", "after", "before", "when", "while", "if", "both", "meanwhile"};
    if (t < sentence.first_token || t >= sentence.end_token) return false;
    std::string_view w = doc.TokenText(t);
    if (w.size() < 2 || w[0] < 'A' || w[0] > 'Z') return false;
    std::string lower;
    bool has_lower = false;
    for (char c : w) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (c >= 'a' && c <= 'z') has_lower = true;
      else if (!((c >= 'A' && c <= 'Z') || c == '-' || c == '\'' || u >= 0x80)) return false;
      lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    if (!has_lower || kNotNames.count(lower)) return false;
    if (!atom_at_built) build_atom_at();
    int32_t k = atom_at[t - sentence.first_token];
    if (k < 0) return true;
    const Atom& a = atoms[k];
    for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
      if (!IsPersonType(entries_[valid[x]].type)) return false;
    return true;
  };
  // The capitalised name-like word right after atom `a` or right before it, or nullopt. At the
  // start of the sentence, where every word is capitalised, the word before counts only when it
  // is a given name of someone in people/*.txt ("Michael Jordan said").
  auto name_neighbour = [&](const Atom& a) -> std::optional<uint32_t> {
    if (!prose()) return std::nullopt;
    if (!a.possessive && name_like(a.end_token)) return a.end_token;
    if (a.first_token > sentence.first_token + 1 && name_like(a.first_token - 1)) return a.first_token - 1;
    if (a.first_token == sentence.first_token + 1 && name_like(sentence.first_token)) {
      std::string w(doc.TokenText(sentence.first_token));
      for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (given_names_.count(w)) return sentence.first_token;
    }
    return std::nullopt;
  };

  // 2b. A state name that is also a personal name ("Jordan", "Chad": person_name in states.txt)
  // next to a name-like word is read as part of a person's name: "Jordan Peterson", "Georgia
  // Meloni", "basketball's Michael Jordan". A title or agent noun next to it keeps the state
  // ("Georgia President Salome Zourabichvili"); so do weekdays, months and function words
  // ("Jordan Tuesday said").
  {
    auto person_named = [&](const Atom& a) {
      bool has = false;
      for (uint32_t x = a.entries_begin; x < a.entries_end; ++x) {
        if (!entries_[valid[x]].person_name) return false;
        has = true;
      }
      return has;
    };
    bool any = false;
    for (const Atom& a : atoms) any = any || person_named(a);
    if (any) {
      std::vector<Atom> kept;
      kept.reserve(atoms.size());
      for (const Atom& a : atoms) {
        if (person_named(a)) {
          if (std::optional<uint32_t> w = name_neighbour(a)) {
            if (notes)
              notes->push_back(Quote(atom_text(a)) + " next to the capitalised word " + Quote(doc.TokenText(*w)) +
                               ": part of a person's name, not the state (person_name)");
            continue;
          }
        }
        kept.push_back(a);
      }
      atoms.swap(kept);
      atom_at_built = false;
    }
  }

  // Helpers over an atom's entries.
  auto find_entry = [&](const Atom& a, auto pred) -> const Entry* {
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
      if (pred(entries_[valid[i]].type)) return &entries_[valid[i]];
    return nullptr;
  };
  auto is_former = [&](const Atom& a) { return find_entry(a, [](EntryType t) { return t == EntryType::kFormer; }) != nullptr; };
  auto agent_entry = [&](const Atom& a) { return find_entry(a, IsAgentType); };
  auto org_entry = [&](const Atom& a) { return find_entry(a, IsOrgType); };
  auto person_entry = [&](const Atom& a) { return find_entry(a, IsPersonType); };
  auto dict_entry = [&](const Atom& a) { return find_entry(a, [](EntryType t) { return t == EntryType::kDictActor; }); };
  // A dictionary actor's code on the date; "" for the null code or none.
  auto dict_code = [&](const Entry* e) -> std::string {
    const DictActorCode* c = DictCodeOn(dict_actors_[e->owner], date);
    return c && c->code != "---" ? c->code : std::string();
  };
  // True when the word before atom `a` is "ethnic": "ethnic Albanians" are a people, not
  // citizens of Albania (the country comes from context).
  auto after_ethnic = [&](const Atom& a) {
    if (a.first_token <= sentence.first_token) return false;
    std::string w(doc.TokenText(a.first_token - 1));
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return w == "ethnic";
  };
  // The state an atom names as a prefix of the next atom `n`: an adjective ("Russian officials"),
  // a possessive state name, capital or metonym ("Russia's Lavrov", "the Kremlin's envoy"),
  // a metonym before an agent noun, title or person ("Kremlin officials"), or a state name or
  // capital used as a modifier before an agent noun or title ("the Mozambique government",
  // "Pakistan President Zia", "Russia troops", "Khartoum government").
  auto prefix_entry = [&](const Atom& a, const Atom* n) -> const Entry* {
    if (!n) return nullptr;
    const bool n_agent = agent_entry(*n) != nullptr, n_person = person_entry(*n) != nullptr;
    const bool n_any = n_agent || n_person || org_entry(*n) || is_former(*n) || dict_entry(*n);
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kAdjective; }))
      return n_any && !after_ethnic(a) ? e : nullptr;
    if (a.possessive) {
      if (const Entry* e = find_entry(a, [](EntryType t) {
            return IsStateNameType(t) || t == EntryType::kCapital || t == EntryType::kMetonym;
          }))
        return n_any ? e : nullptr;
    }
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kMetonym; }))
      return n_agent || n_person ? e : nullptr;
    if (n_agent && !is_former(*n))
      if (const Entry* e = find_entry(a, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kCapital; }))
        return e;
    // A gazetteer region or city before an agent noun or title, or with a possessive, is its
    // state ("Darfur rebels" -> SDN REB, "Sindh province government" -> PAK GOV).
    if ((n_agent && !is_former(*n)) || (a.possessive && n_any))
      if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kPlace; })) return e;
    return nullptr;
  };
  // A modifier word between a country or organisation and an agent noun or title is passed
  // over ("Lebanon's new President", "Iran's religious leader", "NATO peacekeeping troops"):
  // the first token after `t` when token `t` is such a word, else `t`.
  auto skip_modifier = [&](uint32_t t) -> uint32_t {
    static const std::unordered_set<std::string_view> kModifiers = {
        "new", "newly", "interim", "religious", "spiritual", "top", "senior", "caretaker",
        "transitional", "outgoing", "incoming", "elected", "peacekeeping", "federal",
        "provincial", "regional", "local", "central", "chief", "visiting", "besieged", "embattled",
        "province", "state", "region", "city", "municipal", "foreign"};
    if (t + 1 >= sentence.end_token) return t;
    std::string w(doc.TokenText(t));
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return kModifiers.count(w) ? t + 1 : t;
  };

  // Chooses the person an atom names, or kNone. Full names and aliases first; a short name
  // only if seen in full earlier in the document, or if exactly one candidate holds a role on
  // the date (the prefix country or organisation and the title post break ties among role
  // holders); after "former"/"ex-", if exactly one candidate held such a role before the date.
  auto pick_person = [&](const Atom& a, std::string_view key, std::string_view post, bool former,
                         bool* by_short, std::string* why) -> uint32_t {
    *by_short = false;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
      return e->owner;
    std::vector<uint32_t> cands;
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
      if (entries_[valid[i]].type == EntryType::kPersonShort) cands.push_back(entries_[valid[i]].owner);
    if (cands.empty()) return kNone;
    *by_short = true;
    if (std::optional<uint32_t> w = name_neighbour(a)) {
      // "Lee Sung-kweun", "Hunter Biden": the name goes on; it is someone else.
      if (notes)
        notes->push_back(Quote(atom_text(a)) + " next to the capitalised word " + Quote(doc.TokenText(*w)) +
                         ": another person's name, the short name is not used");
      return kNone;
    }
    if (a.end_token < sentence.end_token) {
      // "the Kim family", "the Kim dynasty": the family, not one of its members.
      static const std::unordered_set<std::string_view> kFamily = {"family", "families", "dynasty", "clan", "era", "regime"};
      if (kFamily.count(doc.TokenText(a.end_token))) {
        if (notes) notes->push_back(Quote(atom_text(a)) + " before " + Quote(doc.TokenText(a.end_token)) + ": the family, not a person");
        return kNone;
      }
    }
    if (a.end_token == a.first_token + 1) {
      // A short name that is also a month ("May"): a date, when a number follows or a
      // preposition of time comes before ("SEOUL, May 4", "by May", "in late May").
      static const std::unordered_set<std::string_view> kMonths = {
          "january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"};
      static const std::unordered_set<std::string_view> kTimeWords = {
          "in", "on", "since", "by", "until", "till", "from", "through", "early", "late", "mid",
          "last", "next", "this", "of", "before", "after", "between", "during", "to"};
      auto lower = [&](uint32_t t) {
        std::string w(doc.TokenText(t));
        for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return w;
      };
      if (kMonths.count(lower(a.first_token))) {
        const bool digit_after = a.end_token < sentence.end_token && !doc.TokenText(a.end_token).empty() &&
                                 doc.TokenText(a.end_token)[0] >= '0' && doc.TokenText(a.end_token)[0] <= '9';
        const bool time_before = a.first_token > sentence.first_token && kTimeWords.count(lower(a.first_token - 1));
        if (digit_after || time_before) {
          if (notes) notes->push_back(Quote(atom_text(a)) + ": the month, not a person");
          return kNone;
        }
      }
    }
    // Of the candidates named in full earlier, the last named who holds a role on the date
    // ("Kim" in 2000 after "Kim Il Sung" and "Kim Jong Il": Kim Jong Il); failing that the only
    // candidate holding a role (below); failing that the last named.
    uint32_t last_seen = kNone;
    if (ctx) {
      for (auto it = ctx->people_seen.rbegin(); it != ctx->people_seen.rend(); ++it) {
        auto pi = person_index_.find(*it);
        if (pi == person_index_.end()) continue;
        if (std::find(cands.begin(), cands.end(), pi->second) == cands.end()) continue;
        if (RoleOn(people_[pi->second], date, "", "")) {
          *why = "short name: " + people_[pi->second].name + " named in full earlier in the document, holding a role on " + date_text;
          return pi->second;
        }
        if (last_seen == kNone) last_seen = pi->second;
      }
    }
    std::vector<uint32_t> holding;
    for (uint32_t c : cands)
      if (RoleOn(people_[c], date, "", "")) holding.push_back(c);
    if (holding.size() > 1 && (!key.empty() || !post.empty())) {
      std::vector<uint32_t> narrowed;
      for (uint32_t c : holding) {
        const Role* r = RoleOn(people_[c], date, post, key);
        if ((key.empty() || r->country == key) && (post.empty() || r->post == post)) narrowed.push_back(c);
      }
      holding.swap(narrowed);
    }
    if (holding.size() == 1) {
      *why = "short name: the only person so called holding a role on " + date_text;
      return holding[0];
    }
    if (last_seen != kNone) {
      *why = "short name: " + people_[last_seen].name + " named in full earlier in the document";
      return last_seen;
    }
    if (former && holding.empty()) {
      std::vector<uint32_t> held;
      for (uint32_t c : cands) {
        bool ok = false;
        for (const Role& r : people_[c].roles)
          if (r.interval.EndsBefore(date) && (key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
        if (ok) held.push_back(c);
      }
      if (held.size() == 1) {
        *why = "short name after 'former'/'ex-': the only person so called who held such a role before " + date_text;
        return held[0];
      }
    }
    if (!has_date) {
      // Undated text ("President Mugabe" with no article date): the only person so called who
      // ever held such a role (the title's post and the prefix's country, when given).
      std::vector<uint32_t> held;
      for (uint32_t c : cands) {
        bool ok = false;
        for (const Role& r : people_[c].roles)
          if ((key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
        if (ok) held.push_back(c);
      }
      if (held.size() == 1) {
        *why = "short name without a date: the only person so called who held such a role";
        return held[0];
      }
    }
    return kNone;
  };

  // Records a state the words name in ctx->states_seen.
  auto note_state = [&](const std::string& c) {
    if (!ctx || c.empty() || !state_index_.count(c)) return;
    for (auto& [sc, n] : ctx->states_seen)
      if (sc == c) {
        ++n;
        return;
      }
    ctx->states_seen.emplace_back(c, 1);
  };

  // "ethnic Albanian guerrillas": the adjective after "ethnic" names a people; the agent after
  // it stands alone (its country from context), so the adjective is dropped.
  {
    std::vector<Atom> kept;
    kept.reserve(atoms.size());
    for (size_t k = 0; k < atoms.size(); ++k) {
      const Atom& a = atoms[k];
      if (k + 1 < atoms.size() && atoms[k + 1].first_token == a.after && agent_entry(atoms[k + 1]) &&
          find_entry(a, [](EntryType t) { return t == EntryType::kAdjective; }) && after_ethnic(a)) {
        if (notes) notes->push_back(Quote(atom_text(a)) + " after 'ethnic': a people, not the state");
        continue;
      }
      kept.push_back(a);
    }
    if (kept.size() != atoms.size()) {
      atoms.swap(kept);
      atom_at_built = false;
    }
  }

  // The state code of `e` as atom `a` names it: a bare "Congo"/"Congolese" may be the Republic
  // (BareCongoIsRepublic); `why` (may be null) gets the reason.
  auto state_code = [&](const Entry* e, const Atom& a, std::vector<std::string>* why) -> std::string {
    const std::string& code = states_[e->owner].code;
    if (code != "COD" || !state_index_.count("COG")) return code;
    std::string w = atom_text(a);
    for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (w.rfind("congo", 0) != 0 || w.rfind("congo-", 0) == 0) return code;
    std::string reason;
    const bool republic = BareCongoIsRepublic(doc, ctx, date, has_date, &reason);
    if (why) why->push_back(Quote(atom_text(a)) + " -> " + (republic ? "COG: " : "COD: ") + reason);
    return republic ? "COG" : code;
  };

  // A leader's surname before an agent noun when nobody so called holds a role on the date
  // ("the Bush administration" in 2000): the state of the people so called, when all of them
  // (by HomeCountry) share one; as that state's name entry. Null otherwise, and for full names.
  auto surname_state = [&](const Atom& a, std::string* why) -> const Entry* {
    if (find_entry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
      return nullptr;
    std::string country;
    bool any = false;
    for (uint32_t i = a.entries_begin; i < a.entries_end; ++i) {
      const Entry& e = entries_[valid[i]];
      if (e.type != EntryType::kPersonShort) continue;
      const PersonRec& p = people_[e.owner];
      if (RoleOn(p, date, "", "")) return nullptr;  // someone holds a role: the person rules decide
      std::string c = HomeCountry(p, date);
      if (c.empty() || !state_index_.count(c) || (any && c != country)) return nullptr;
      country = c;
      any = true;
    }
    if (!any) return nullptr;
    const uint32_t idx = state_index_.at(country);
    for (uint32_t k = 0; k < entries_.size(); ++k)
      if (entries_[k].type == EntryType::kStateName && entries_[k].owner == idx) {
        *why = Quote(atom_text(a)) + ": nobody so called holds a role on " + date_text +
               "; every person so called belongs to " + country + ": that state";
        return &entries_[k];
      }
    return nullptr;
  };

  // 3. Compose adjacent atoms into mentions.
  auto lone_entry = [&](const Atom& a) -> const Entry* {
    // A lone atom: prefer a state name, capital, metonym, adjective/demonym, organisation.
    if (const Entry* e = find_entry(a, IsStateNameType)) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kCapital; })) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kMetonym; })) return e;
    if (const Entry* e = find_entry(a, [](EntryType t) { return t == EntryType::kAdjective || t == EntryType::kDemonym; })) return e;
    return nullptr;
  };
  for (size_t i = 0; i < atoms.size();) {
    size_t j = i;
    bool former = false;
    size_t former_atom = SIZE_MAX;
    const Entry* prefix = nullptr;  // a state (adjective, possessive, metonym)
    size_t prefix_atom = SIZE_MAX;
    const Entry* region = nullptr;  // a region adjective ("Latin American leaders")
    size_t region_atom = SIZE_MAX;
    const Entry* org_prefix = nullptr;  // an organisation before an agent or person ("NATO chief")
    size_t org_prefix_atom = SIZE_MAX;
    std::vector<std::pair<size_t, const Entry*>> agents;
    size_t person_atom = SIZE_MAX, org_atom = SIZE_MAX;
    uint32_t person = kNone;
    bool person_by_short = false;
    std::string short_why, surname_why;
    const Entry* org = nullptr;
    const Entry* lone = nullptr;
    bool region_alone = false;
    const Entry* org_modifier = nullptr;
    size_t org_modifier_atom = SIZE_MAX;
    const Entry* dict_prefix = nullptr;  // a dictionary actor before an agent ("AFGHAN officials")
    size_t dict_prefix_atom = SIZE_MAX;
    std::string dict_prefix_code;
    const Entry* dict = nullptr;  // a dictionary actor named on its own or after a title/country
    size_t dict_atom = SIZE_MAX;
    uint32_t expect = atoms[i].first_token;  // the next atom must start here
    size_t last = SIZE_MAX;                 // last atom taken
    auto title_post = [&] {
      std::string post;
      for (auto& [k, e] : agents)
        if (!e->post.empty()) post = e->post;
      return post;
    };
    // The key roles are filed under: the prefix state's code or the organisation's id.
    auto role_key = [&] {
      if (prefix) return state_code(prefix, atoms[prefix_atom], nullptr);
      if (org_prefix) return orgs_[org_prefix->owner].id;
      if (dict_prefix && CodeCountry(dict_prefix_code) == dict_prefix_code) return dict_prefix_code;
      return std::string();
    };
    for (; j < atoms.size() && atoms[j].first_token == expect; ++j) {
      const Atom& a = atoms[j];
      const bool more = j + 1 < atoms.size() && atoms[j + 1].first_token == a.after;
      const Atom* n = more ? &atoms[j + 1] : nullptr;
      const Entry* ag = agent_entry(a);
      const bool fresh = !prefix && !region && !org_prefix && !dict_prefix && agents.empty();
      // After a modifier word ("new", "peacekeeping") only an agent noun or title composes.
      uint32_t next_start = a.after;
      if (!n && fresh && !ag && j + 1 < atoms.size()) {
        const uint32_t s2 = skip_modifier(a.after);
        if (s2 != a.after && atoms[j + 1].first_token == s2 && agent_entry(atoms[j + 1]) && !person_entry(atoms[j + 1])) {
          n = &atoms[j + 1];
          next_start = s2;
        }
      }
      const Entry* re = nullptr;
      if (fresh && n && (agent_entry(*n) || person_entry(*n))) {
        re = find_entry(a, [](EntryType t) { return t == EntryType::kRegionAdjective; });
        if (!re && a.possessive) re = find_entry(a, IsRegionType);
      }
      if (is_former(a) && !former && person == kNone && agents.empty()) {
        former = true;
        former_atom = j;
      } else if (const Entry* pe = fresh ? prefix_entry(a, n) : nullptr) {
        prefix = pe;
        prefix_atom = j;
      } else if (re) {
        region = re;
        region_atom = j;
      } else if (const Entry* oe = fresh && n && !ag && (agent_entry(*n) || person_entry(*n)) && !org_entry(*n)
                                       ? org_entry(a) : nullptr) {
        // "NATO Secretary-General", "Hamas fighters": the organisation's own people.
        org_prefix = oe;
        org_prefix_atom = j;
      } else if (const Entry* de = fresh && n && !ag && agent_entry(*n) ? dict_entry(a) : nullptr;
                 de && !dict_code(de).empty()) {
        // "AFGHAN officials" with AFGHAN a dictionary actor: a prefix, as a country adjective.
        dict_prefix = de;
        dict_prefix_atom = j;
        dict_prefix_code = dict_code(de);
      } else if (ag && (agents.empty() || !person_entry(a)) && !(j == i && !n && lone_entry(a)) &&
                 (!ag->needs_prefix || prefix || region || org_prefix || dict_prefix || !agents.empty())) {
        // (A lone atom that is also a state phrase, e.g. a metonym that doubles as an agent
        // noun, keeps its country: the state reading wins.)
        agents.push_back({j, ag});
        if (ag->former) former = true;
      } else if (const Entry* se = fresh && n && !ag && agent_entry(*n) && !is_former(*n) ? surname_state(a, &surname_why)
                                                                                        : nullptr) {
        // "the Bush administration" on a date when no Bush is in office: the surname's state.
        prefix = se;
        prefix_atom = j;
      } else if (person_entry(a) && !(dict_entry(a) && !find_entry(a, [](EntryType t) {
                   return t == EntryType::kPersonName || t == EntryType::kPersonAlias;
                 }))) {
        // (A short name that is also a dictionary phrase goes to the dictionary actor below.)
        uint32_t p = pick_person(a, role_key(), title_post(), former, &person_by_short, &short_why);
        if (p == kNone) break;
        person = p;
        person_atom = last = j++;
        break;
      } else if (const Entry* oe = org_entry(a); oe && agents.empty() && prefix && n && agent_entry(*n) &&
                                                 orgs_[oe->owner].country.empty() && orgs_[oe->owner].national.empty() &&
                                                 !org_modifier) {
        // "Russia's U.N. envoy": an international organisation between a country and an agent
        // noun qualifies the agent; the country and the agent make the actor.
        org_modifier = oe;
        org_modifier_atom = j;
      } else if (const Entry* oe = org_entry(a); oe && agents.empty() && !org_prefix && !region) {
        org = oe;
        org_atom = last = j++;
        break;
      } else if (j == i && (lone = lone_entry(a))) {
        last = j++;
        break;
      } else if (const Entry* de = dict_entry(a)) {
        // A dictionary actor alone, or after a title, a country or "former".
        dict = de;
        dict_atom = last = j++;
        break;
      } else if (j == i && find_entry(a, IsRegionType)) {
        // A region on its own ("Latin America", "South American currency"): no actor, but the
        // words are taken so that "American" in them is not read as the United States.
        region_alone = true;
        last = j++;
        break;
      } else {
        break;
      }
      last = j;
      expect = (j == prefix_atom || j == org_prefix_atom) ? next_start : a.after;
      if (a.possessive && j != prefix_atom && j != region_atom && j != org_prefix_atom) {
        ++j;
        break;
      }
    }
    if (region_alone) {
      i = j;
      continue;
    }
    size_t first = i;
    // The possessive state before an unknown name: a prefix that nothing followed, or a lone
    // state name ("Slovakia's" when no atom comes next).
    const Entry* poss_state = nullptr;
    size_t poss_atom = SIZE_MAX;
    if (prefix && agents.empty() && person == kNone && org == nullptr && !dict && atoms[prefix_atom].possessive) {
      poss_state = prefix;
      poss_atom = prefix_atom;
    } else if (lone && last == i && !former && atoms[i].possessive && IsStateNameType(lone->type)) {
      poss_state = lone;
      poss_atom = i;
    }
    if (poss_state && poss_state->type != EntryType::kMetonym && prose()) {
      // "Slovakia's Robert Fico" with Fico unknown: two to four capitalised name-like words
      // after a possessive state are a person of that state, of no known sector.
      const Entry* prefix = poss_state;
      const size_t prefix_atom = poss_atom;
      const uint32_t name_begin = atoms[prefix_atom].after;
      uint32_t name_end = name_begin;
      while (name_end < sentence.end_token && name_end - name_begin < 4 && name_like(name_end)) ++name_end;
      if (name_end - name_begin >= 2) {
        ActorMention m;
        m.kind = ActorMention::Kind::kPerson;
        m.first_token = atoms[prefix_atom].first_token;
        m.end_token = name_end;
        m.actor.span = Span{doc.tokens[m.first_token].span.begin, doc.tokens[name_end - 1].span.end};
        m.actor.text = std::string(doc.Text(m.actor.span));
        const Span name_span{doc.tokens[name_begin].span.begin, doc.tokens[name_end - 1].span.end};
        m.actor.name = std::string(doc.Text(name_span));
        m.actor.country = m.actor.code = state_code(prefix, atoms[prefix_atom], nullptr);
        m.entries.push_back(prefix->provenance);
        if (explain) {
          std::vector<std::string> why;
          why.push_back(Quote(atom_text(atoms[prefix_atom])) + " -> " + prefix->provenance);
          why.push_back("compose: possessive country + unknown name " + Quote(m.actor.name) +
                        " (a person of that state, sector unknown) -> " + m.actor.code);
          explain->push_back(std::move(why));
        }
        note_state(m.actor.country);
        out.push_back(std::move(m));
        size_t k = prefix_atom + 1;
        while (k < atoms.size() && atoms[k].first_token < name_end) ++k;
        i = k;
        continue;
      }
    }
    if (prefix && agents.empty() && person == kNone && org == nullptr && !dict) {
      // What followed the prefix could not be taken (an unresolvable short name): the prefix
      // stands alone.
      lone = lone_entry(atoms[prefix_atom]);
      first = last = prefix_atom;
      j = prefix_atom + 1;
      prefix = nullptr;
      former = false;
    }
    if (org_prefix && agents.empty() && person == kNone && !dict) {
      // The same for an organisation: it stands alone.
      org = org_prefix;
      org_atom = first = last = org_prefix_atom;
      j = org_prefix_atom + 1;
      org_prefix = nullptr;
      former = false;
    }
    if (dict_prefix && agents.empty()) {
      // The same for a dictionary actor.
      dict = dict_prefix;
      dict_atom = first = last = dict_prefix_atom;
      j = dict_prefix_atom + 1;
      dict_prefix = nullptr;
      former = false;
    }
    if (region && agents.empty() && person == kNone && !dict) {
      i = region_atom + 1;
      continue;
    }
    if (former && last == former_atom) {
      // "former" with nothing after it.
      i = former_atom + 1;
      continue;
    }
    if (last == SIZE_MAX || (!lone && !prefix && agents.empty() && person == kNone && org == nullptr && !dict)) {
      i = std::max(j, i + 1);
      continue;
    }

    ActorMention m;
    bool from_context = false;  // the country came from the document, not the words
    std::vector<std::string> why;
    const Atom& fa = atoms[first];
    const Atom& la = atoms[last];
    m.first_token = fa.first_token;
    m.end_token = la.end_token;
    m.actor.span = Span{doc.tokens[fa.first_token].span.begin, doc.tokens[la.end_token - 1].span.end};
    m.actor.text = std::string(doc.Text(m.actor.span));
    for (size_t k = first; k <= last; ++k) {
      const Atom& a = atoms[k];
      const Entry* used = nullptr;
      if (k == prefix_atom && prefix) used = prefix;
      else if (k == region_atom && region) used = region;
      else if (k == org_prefix_atom && org_prefix) used = org_prefix;
      else if (k == org_atom) used = org;
      else if (k == org_modifier_atom) used = org_modifier;
      else if (k == dict_atom) used = dict;
      else if (k == dict_prefix_atom && dict_prefix) used = dict_prefix;
      else if (k == former_atom && former) used = find_entry(a, [](EntryType t) { return t == EntryType::kFormer; });
      else if (k == person_atom) {
        for (uint32_t x = a.entries_begin; x < a.entries_end; ++x)
          if (entries_[valid[x]].owner == person && IsPersonType(entries_[valid[x]].type) && !used) used = &entries_[valid[x]];
      } else if (lone && k == last) {
        used = lone;
      } else {
        for (auto& [ak, e] : agents)
          if (ak == k) used = e;
      }
      if (!used) continue;
      if (used->type != EntryType::kFormer) m.entries.push_back(used->provenance);
      if (explain) why.push_back(Quote(atom_text(a)) + " -> " + used->provenance);
    }
    if (person_by_short && explain && !short_why.empty()) why.push_back(short_why);
    if (lone) {
      if (IsStateNameType(lone->type) || lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) {
        m.kind = ActorMention::Kind::kState;
        m.actor.country = states_[lone->owner].code;
        m.also_place = IsStateNameType(lone->type);
        m.actor.country = state_code(lone, atoms[last], explain ? &why : nullptr);
        if ((lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) && after_ethnic(atoms[last])) {
          // "ethnic Albanians": civilians of that people, the state from context.
          m.kind = ActorMention::Kind::kAgent;
          m.actor.country.clear();
          m.actor.sector = "CVL";
          m.also_place = false;
          if (explain) why.push_back("'ethnic' + demonym: a people, not the state's citizens: civilians (country from context)");
        }
      } else if (lone->type == EntryType::kCapital) {
        m.kind = ActorMention::Kind::kCapital;
        m.actor.country = states_[lone->owner].code;
        m.actor.sector = "GOV";
        m.also_place = true;
      } else if (lone->type == EntryType::kMetonym) {
        m.kind = ActorMention::Kind::kState;
        m.actor.country = states_[lone->owner].code;
        m.actor.sector = lone->sector;
      }
    }

    const std::string country = prefix ? state_code(prefix, atoms[prefix_atom], explain ? &why : nullptr)
                                : dict_prefix && CodeCountry(dict_prefix_code) == dict_prefix_code ? dict_prefix_code
                                                                                                   : std::string();
    const std::string key = role_key();
    // Where the key names an organisation, a role filed under it is written as the
    // organisation; a state key is the country itself.
    const std::string key_desc = org_prefix ? orgs_[org_prefix->owner].id + " (organisation)" : key;
    std::string rule = surname_why;
    if (person != kNone) {
      const PersonRec& p = people_[person];
      m.kind = ActorMention::Kind::kPerson;
      m.actor.name = p.name;
      std::string post = title_post();
      const Role* now = RoleOn(p, date, post, key);
      const Role* before = LastRoleBefore(p, date);
      if (former) {
        const Role* r = now ? now : before;
        std::string c = r ? (r->org < 0 ? r->country : HomeCountry(p, date)) : (!country.empty() ? country : HomeCountry(p, date));
        m.actor.country = c;
        m.actor.sector = "ELI";
        if (c.empty() && r && r->org >= 0) m.actor.code = orgs_[r->org].code;
        if (r) m.entries.push_back(r->provenance);
        rule = "'former': a former office holder is an elite (ELI)";
      } else if (now) {
        ApplyRole(*now, &m.actor);
        m.entries.push_back(now->provenance);
        if (explain) {
          why.push_back("role on " + date_text + ": " + now->provenance);
          if (!post.empty() && now->post != post)
            why.push_back("the title names the post " + post + ", but on " + date_text + " " + p.name + " holds " +
                          (now->post.empty() ? std::string("a role without that post") : "the post " + now->post) +
                          ": the role wins");
          if (!key.empty() && now->country != key)
            why.push_back("the words before the name point to " + key_desc + ", but the role is filed under " +
                          now->country + ": the role wins");
        }
        rule = "person's role on the date";
      } else if (const Role* titled = [&]() -> const Role* {
                   // Undated text: a title the person held at some time is the role meant
                   // ("President Mugabe" -> ZWE GOV), the latest such.
                   if (has_date || post.empty()) return nullptr;
                   const Role* best = nullptr;
                   for (const Role& r : p.roles)
                     if (r.post == post && (key.empty() || r.country == key)) best = &r;
                   return best;
                 }()) {
        ApplyRole(*titled, &m.actor);
        m.entries.push_back(titled->provenance);
        if (explain) why.push_back("no date; the title names the role " + titled->provenance);
        rule = "no date: the role the title names";
      } else if (before) {
        if (before->org >= 0 && !HomeCountry(p, date).empty()) {
          m.actor.country = HomeCountry(p, date);
          rule = "person held roles only before the date, the last in an organisation: elite (ELI) of their own state";
        } else if (before->org >= 0) {
          m.actor.code = orgs_[before->org].code;
          rule = "person held roles only before the date, the last in an organisation: the organisation";
        } else {
          m.actor.country = before->country;
          rule = "person held roles only before the date: elite (ELI)";
        }
        m.actor.sector = "ELI";
        m.entries.push_back(before->provenance);
        if (explain) {
          why.push_back("no role on " + date_text + "; last role: " + before->provenance);
          if (!post.empty()) why.push_back("the title names the post " + post + ", but " + p.name + " holds no role on " + date_text + ": the record wins");
        }
      } else if (!p.default_country.empty()) {
        m.actor.country = p.default_country;
        m.actor.sector = p.default_sector;
        rule = "person's default (no role on the date)";
      } else if (!p.roles.empty()) {
        std::string c = HomeCountry(p, date);
        if (!c.empty()) {
          m.actor.country = c;
          m.actor.sector = "ELI";
        } else {
          ApplyRole(p.roles.front(), &m.actor);
        }
        m.entries.push_back(p.roles.front().provenance);
        rule = "before the person's first role: elite (ELI) of that country";
      } else {
        m.actor.country = country;
        rule = "person has no role";
      }
      if (ctx && !person_by_short && std::find(ctx->people_seen.begin(), ctx->people_seen.end(), p.id) == ctx->people_seen.end())
        ctx->people_seen.push_back(p.id);
    } else if (dict) {
      const DictActorRec& d = dict_actors_[dict->owner];
      const DictActorCode* c = DictCodeOn(d, date);
      const std::string code = c && c->code != "---" ? c->code : std::string();
      if (explain)
        why.push_back(c ? "code on " + date_text + ": " + d.CodeProvenance(*c)
                        : "no code of " + Quote(d.name) + " holds on " + date_text);
      m.actor.name = d.name;
      if (code.empty()) {
        rule = c ? "dictionary actor with the null code '---': no actor" : "dictionary actor without a code on the date: no actor";
        m.actor.country.clear();
        m.actor.sector.clear();
      } else {
        m.actor.country = CodeCountry(code);
        if (m.actor.country == code) {
          m.kind = ActorMention::Kind::kState;
          m.also_place = agents.empty() && !prefix && !former;
        } else {
          m.kind = ActorMention::Kind::kOrganisation;
          m.actor.code = code;
          m.actor.sector = m.actor.country.empty() ? std::string() : code.substr(3);
        }
        rule = "dictionary actor's code on the date";
        if (former && !m.actor.country.empty()) {
          m.kind = ActorMention::Kind::kAgent;
          m.actor.code.clear();
          m.actor.sector = "ELI";
          rule += "; 'former': elite (ELI) of its country";
        }
        if (explain && (prefix || !agents.empty()))
          why.push_back("the words before the name are not used: the dictionary actor's code wins");
      }
      if (c) m.entries.push_back(d.CodeProvenance(*c));
    } else if (org) {
      const OrgRec& o = orgs_[org->owner];
      if (prefix && !o.national.empty()) {
        // "Russia's Security Council", "Kenya's National Intelligence Service": the state
        // before the name owns a body of that name.
        m.kind = ActorMention::Kind::kAgent;
        m.actor.country = country;
        m.actor.sector = o.national;
        rule = "a state before the name of a body that states have: that state's body (" + o.id + " national = " + o.national + ")";
      } else if (o.shared) {
        // "Democratic Party" alone: the party of the state the document is about.
        m.kind = ActorMention::Kind::kAgent;
        m.actor.name = o.name;
        // The dateline's state when the document names it (domestic politics is reported from
        // the capital), else the state named most.
        m.actor.country = !ctx ? std::string()
                          : !ctx->dateline_country.empty() && ctx->Seen(ctx->dateline_country) > 0 ? ctx->dateline_country
                                                                                                 : ctx->DominantState();
        m.actor.sector = o.national;
        from_context = true;
        rule = m.actor.country.empty()
                   ? "a name used in several states (" + o.id + " shared), no state named yet: sector only (country from context)"
                   : "a name used in several states (" + o.id + " shared): the dateline's state if named, else the state named most so far";
      } else {
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.name = o.name;
        m.actor.code = o.code;
        m.actor.country = o.country;
        m.actor.sector = o.sector;
        rule = "organisation code";
      }
    } else if (!agents.empty()) {
      m.kind = ActorMention::Kind::kAgent;
      m.actor.country = country;
      m.actor.sector = agents.front().second->sector;
      std::string post = title_post();
      rule = country.empty() ? "agent without a country: sector only (country from context)" : "country + agent sector";
      if (prefix && prefix->type == EntryType::kMetonym) {
        m.actor.sector = prefix->sector;
        rule = "metonym + agent: the institution's sector (" + prefix->sector + ")";
      }
      if (org_prefix) {
        const OrgRec& o = orgs_[org_prefix->owner];
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.name = o.name;
        m.actor.code = o.code;
        m.actor.country = o.country;
        m.actor.sector = o.sector;
        rule = "organisation + agent: the organisation's code";
      }
      if (dict_prefix && country.empty()) {
        // A dictionary actor with a longer code: PETRARCH appends the agent's code.
        const std::string& ac = agents.front().second->sector;
        const bool has = dict_prefix_code.size() >= ac.size() &&
                         dict_prefix_code.compare(dict_prefix_code.size() - ac.size(), ac.size(), ac) == 0;
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.code = has ? dict_prefix_code : dict_prefix_code + ac;
        m.actor.country = CodeCountry(m.actor.code);
        m.actor.sector = m.actor.country.empty() ? std::string() : m.actor.code.substr(3);
        rule = "dictionary actor + agent: the actor's code with the agent's code appended";
      } else if (dict_prefix) {
        rule = "dictionary actor (a state) + agent sector";
      }
      if (agents.front().second->code_first && m.actor.code.empty() && !region) {
        // "[NGO~]" agents: their code goes before the country ("NGOKEN").
        m.kind = ActorMention::Kind::kOrganisation;
        m.actor.code = m.actor.sector + m.actor.country;
        rule = "dictionary prefix agent: its code before the country";
      }
      if (region) {
        const RegionRec& g = regions_[region->owner];
        m.kind = ActorMention::Kind::kRegion;
        m.actor.country.clear();
        if (!g.code.empty()) m.actor.code = g.code + (former ? std::string("ELI") : m.actor.sector);
        rule = g.code.empty() ? "region without a CAMEO code: no actor" : "region + agent: CAMEO region code, no country";
      }
      // "the last Chinese leader", "the next president": someone other than the holder on the date.
      static const std::unordered_set<std::string_view> kOtherHolder = {
          "last", "previous", "late", "next", "future", "past", "earlier", "successive", "incoming"};
      const bool other_holder = m.first_token > sentence.first_token && kOtherHolder.count(doc.TokenText(m.first_token - 1));
      if (other_holder && !post.empty() && !key.empty() && explain)
        why.push_back(Quote(doc.TokenText(m.first_token - 1)) + " before the title: not the holder on the date, no name");
      if (!post.empty() && !key.empty() && !other_holder) {
        auto hit = holders_.find(key + "|" + post);
        if (former) {
          // Name the former holder only when exactly one person held the post before the date.
          std::vector<std::pair<uint32_t, uint32_t>> formers;
          if (hit != holders_.end())
            for (auto [pi, ri] : hit->second) {
              const PersonRec& p = people_[pi];
              if (!p.roles[ri].interval.EndsBefore(date)) continue;
              bool holds_now = false;
              for (auto [pj, rj] : hit->second)
                if (pj == pi && people_[pj].roles[rj].interval.Contains(date)) holds_now = true;
              if (holds_now) continue;
              bool dup = false;
              for (auto& f : formers)
                if (f.first == pi) dup = true;
              if (!dup) formers.push_back({pi, ri});
            }
          if (formers.size() == 1) {
            const PersonRec& p = people_[formers[0].first];
            m.actor.name = p.name;
            m.entries.push_back(p.roles[formers[0].second].provenance);
            if (org_prefix) {
              std::string c = HomeCountry(p, date);
              if (!c.empty()) {
                m.kind = ActorMention::Kind::kPerson;
                m.actor.country = c;
                m.actor.code.clear();
              }
            }
            if (explain) why.push_back("the only former holder of " + key_desc + " " + post + " before " + date_text + ": " + p.roles[formers[0].second].provenance);
          } else if (explain) {
            why.push_back(std::to_string(formers.size()) + " former holders of " + key_desc + " " + post + " before " + date_text + ": no name");
          }
        } else if (hit != holders_.end()) {
          const Role* best = nullptr;
          uint32_t best_p = kNone;
          for (auto [pi, ri] : hit->second) {
            const Role& r = people_[pi].roles[ri];
            if (!r.interval.Contains(date)) continue;
            if (!best || r.interval.from.value_or(Date{1, 1, 1}) > best->interval.from.value_or(Date{1, 1, 1})) {
              best = &r;
              best_p = pi;
            }
          }
          if (best) {
            m.kind = ActorMention::Kind::kPerson;
            m.actor.name = people_[best_p].name;
            ApplyRole(*best, &m.actor);
            m.entries.push_back(best->provenance);
            if (explain) why.push_back("holder of " + key_desc + " " + post + " on " + date_text + ": " + best->provenance);
            rule = "title -> post -> holder on the date";
          } else if (explain) {
            why.push_back("nobody holds " + key_desc + " " + post + " on " + date_text);
          }
        }
      }
      if (former && !region) {
        if (org_prefix && m.kind != ActorMention::Kind::kPerson) {
          rule += "; 'former' official of the organisation, person unknown: the organisation";
        } else {
          m.actor.sector = "ELI";
          m.actor.code.clear();
          rule += "; 'former': elite (ELI)";
        }
      }
    } else if (prefix) {
      m.kind = ActorMention::Kind::kState;
      m.actor.country = country;
    }
    if (m.actor.country.empty() && m.actor.code.empty() && !agents.empty() && person == kNone && !org && !dict &&
        !region && !org_prefix && !dict_prefix && !former && j < atoms.size() && !atoms[j].possessive &&
        !kForeignPresence.count(m.actor.sector)) {
      // "opposition groups in Zimbabwe", "students throughout Indonesia": an agent without a
      // country followed by "in"/"throughout"/"across" (after at most one group word) and a
      // state name (not itself the prefix of an agent) takes that state; the mention covers it.
      // Not for sectors often abroad ("troops in Syria", "refugees in Jordan").
      // "government of Sindh province": "of" and a state or gazetteer place, likewise; a place
      // ("rebels in Darfur") counts as its state.
      static const std::unordered_set<std::string_view> kIn = {"in", "throughout", "across", "inside", "of"};
      static const std::unordered_set<std::string_view> kGroup = {
          "group", "groups", "members", "parties", "party", "leaders", "figures", "movement", "movements"};
      uint32_t in_tok = atoms[last].end_token;
      if (in_tok + 1 < sentence.end_token && kGroup.count(doc.TokenText(in_tok))) ++in_tok;
      const Atom& st = atoms[j];
      const bool st_prefix = j + 1 < atoms.size() && atoms[j + 1].first_token == st.after && agent_entry(atoms[j + 1]);
      const Entry* se = st_prefix || st.first_token != in_tok + 1
                            ? nullptr
                            : find_entry(st, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kPlace; });
      if (se && kIn.count(doc.TokenText(in_tok))) {
        m.actor.country = state_code(se, st, explain ? &why : nullptr);
        m.end_token = st.end_token;
        m.actor.span.end = doc.tokens[st.end_token - 1].span.end;
        m.actor.text = std::string(doc.Text(m.actor.span));
        m.entries.push_back(se->provenance);
        if (explain) why.push_back(Quote(atom_text(st)) + " -> " + se->provenance);
        rule += std::string(rule.empty() ? "" : "; ") + "agent '" + std::string(doc.TokenText(in_tok)) +
                "' a state: that state";
        j = j + 1;
      }
    }
    if (m.actor.code.empty() && m.kind != ActorMention::Kind::kRegion) m.actor.code = m.actor.country + m.actor.sector;
    if (m.actor.code.empty()) {
      if (notes && region) notes->push_back(Quote(m.actor.text) + ": " + rule);
      i = std::max(j, i + 1);
      continue;
    }
    if (explain) {
      std::string parts_desc;
      if (former) parts_desc += "former + ";
      if (dict_prefix) parts_desc += "dictionary actor + ";
      if (prefix)
        parts_desc += std::string(prefix->type == EntryType::kAdjective ? "country adjective"
                                  : prefix->type == EntryType::kPlace       ? "place of a state"
                                  : !surname_why.empty()                    ? "surname's state"
                                  : prefix->type == EntryType::kMetonym && !atoms[prefix_atom].possessive ? "metonym"
                                                                                                          : "possessive country") + " + ";
      if (region) parts_desc += "region + ";
      if (org_prefix) parts_desc += "organisation + ";
      for (size_t k = 0; k < agents.size(); ++k) parts_desc += agents[k].second->type == EntryType::kAgentTitle ? "title + " : "agent noun + ";
      if (person != kNone) parts_desc += "person + ";
      if (org) parts_desc += "organisation + ";
      if (dict) parts_desc += "dictionary actor + ";
      if (parts_desc.size() >= 3) parts_desc.resize(parts_desc.size() - 3);
      std::string line = "compose: " + (parts_desc.empty() ? std::string("single phrase") : parts_desc);
      if (!rule.empty()) line += " (" + rule + ")";
      line += " -> " + m.actor.code;
      if (!m.actor.name.empty()) line += " (" + m.actor.name + ")";
      why.push_back(std::move(line));
      explain->push_back(std::move(why));
    }
    if (!from_context) note_state(m.actor.country);
    out.push_back(std::move(m));
    i = std::max(j, i + 1);
  }
  return out;
}

ActorResolution ActorIndexImpl::Resolve(std::string_view phrase, const std::optional<Date>& date) const {
  ActorResolution res;
  Document doc;
  doc.id = "resolve";
  doc.text = std::string(phrase);
  doc.date = date;
  SegmentDocument(&doc);
  if (doc.tokens.empty()) {
    res.explanation.push_back("no words in the phrase");
    return res;
  }
  Sentence all;
  all.span = Span{0, static_cast<uint32_t>(doc.text.size())};
  all.first_token = 0;
  all.end_token = static_cast<uint32_t>(doc.tokens.size());
  DocContext ctx;
  ctx.date = date;
  std::vector<std::vector<std::string>> explain;
  std::vector<std::string> notes;
  std::vector<ActorMention> found = FindImpl(doc, all, &ctx, &explain, &notes);
  res.explanation.push_back(date ? "as of " + date->ToString() : std::string("no date: roles still open are current"));
  if (found.empty()) {
    for (std::string& n : notes) res.explanation.push_back(std::move(n));
    res.explanation.push_back("no actor phrase found in " + Quote(phrase));
    return res;
  }
  size_t best = 0;
  for (size_t k = 1; k < found.size(); ++k)
    if (found[k].end_token - found[k].first_token > found[best].end_token - found[best].first_token) best = k;
  res.found = true;
  res.actor = found[best].actor;
  for (std::string& line : explain[best]) res.explanation.push_back(std::move(line));
  if (found.size() > 1) {
    std::string others;
    for (size_t k = 0; k < found.size(); ++k)
      if (k != best) others += (others.empty() ? "" : ", ") + Quote(found[k].actor.text) + " " + found[k].actor.code;
    res.explanation.push_back("other mentions in the phrase: " + others);
  }
  return res;
}

std::vector<SourceText> ReadActorFiles(const std::string& root, const DiagnosticSink& sink, int* errors,
                                       Status* fatal) {
  std::vector<SourceText> files;
  fs::path dir = fs::path(root) / "data" / "actors";
  std::vector<std::string> names = {"states.txt", "agents.txt", "organisations.txt"};
  std::error_code ec;
  if (fs::is_directory(dir / "people", ec)) {
    std::vector<std::string> people;
    for (const auto& de : fs::directory_iterator(dir / "people", ec))
      if (de.path().extension() == ".txt") people.push_back("people/" + de.path().filename().string());
    std::sort(people.begin(), people.end());
    names.insert(names.end(), people.begin(), people.end());
  } else {
    ReportWarning(sink, "data/actors/people", 0, "no people directory: no persons loaded");
  }
  for (const std::string& n : names) {
    std::string rel = "data/actors/" + n;
    Result<std::string> text = ReadTextFile((dir / n).string());
    if (!text.ok()) {
      bool required = n == "states.txt";
      if (required || text.status().code() != Status::Code::kNotFound) {
        ++*errors;
        ReportError(sink, rel, 0, text.status().message());
        if (fatal->ok()) *fatal = text.status();
      } else {
        ReportWarning(sink, rel, 0, "missing; nothing loaded from it");
      }
      continue;
    }
    files.push_back(SourceText{rel, std::move(text.value())});
  }
  // The gazetteer's regions and cities prefix agents ("Darfur rebels"); optional.
  const std::string places_rel = "data/gazetteer/places.txt";
  Result<std::string> places = ReadTextFile((fs::path(root) / places_rel).string());
  if (places.ok()) files.push_back(SourceText{places_rel, std::move(places.value())});
  else if (places.status().code() != Status::Code::kNotFound) ReportWarning(sink, places_rel, 0, places.status().message());
  return files;
}

}  // namespace

std::string FoldJoined(std::string_view s) {
  std::string out, scratch;
  FoldParts(s, scratch, [&](std::string_view part, uint32_t, uint32_t) {
    if (!out.empty()) out.push_back(' ');
    out.append(part);
  });
  return out;
}

std::unique_ptr<ActorIndex> ActorIndex::LoadFromTexts(const std::vector<SourceText>& files,
                                                      const DiagnosticSink& sink,
                                                      const ActorIndexOptions& options) {
  auto index = std::make_unique<ActorIndexImpl>();
  int errors = 0;
  index->Build(files, sink, &errors, options);
  return index;
}

Result<std::unique_ptr<ActorIndex>> ActorIndex::Load(const std::string& root, const DiagnosticSink& sink,
                                                     const ActorIndexOptions& options) {
  int errors = 0;
  Status fatal;
  std::vector<SourceText> files = ReadActorFiles(root, sink, &errors, &fatal);
  if (!fatal.ok()) return fatal;
  return LoadFromTexts(files, sink, options);
}

int CheckActorFiles(const std::string& root, const DiagnosticSink& sink) {
  int errors = 0;
  Status fatal;
  std::vector<SourceText> files = ReadActorFiles(root, sink, &errors, &fatal);
  ActorIndexImpl index;
  index.Build(files, sink, &errors);
  return errors;
}

}  // namespace entente::actors
