// The actor index: loading and validating data/actors (and the gazetteer's places) into the
// phrase trie, Counts, Resolve, and the public entry points (ActorIndex::Load, LoadFromTexts,
// CheckActorFiles). Where the other parts live: matching and composition in actor_match.cc,
// --dict entries in actor_dictionary.cc, dated roles in actor_roles.cc, document-context rules
// in actor_context.cc; what they share in actor_index_internal.h.
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
// lower case: "a party congress" is not the U.S. Congress, "china" is not China. An
// organisation's name matches only where every word capitalised in the file is capitalised in
// the text: "Russian railways", "China mobile phones" are not Russian Railways or China Mobile
// (institution nouns such as "party" or "council" excepted: "the Labour party").
// A historical name, and any name, alias, adjective, demonym or capital of a state that ends in
// an interval ("Soviet ..1991-12-25": a former state's phrases), is dated: it matches only in
// documents whose date lies in the interval (undated documents: always).
#include "actors/actor_index.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "actors/actor_index_internal.h"
#include "actors/fold.h"
#include "actors/record_reader.h"
#include "entente/pipeline.h"

namespace entente::actors {

namespace {
namespace fs = std::filesystem;
}  // namespace

namespace internal {
namespace {

// CAMEO actor type codes (CAMEO 1.1b3 manual, table of role codes) plus the codes our data
// uses as sectors (PTY, RES). agents.txt may add more.
const char* const kBuiltinSectors[] = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
    "MOD", "RAD", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET", "UIS", "PTY", "RES"};
const char* const kPosts[] = {"head_of_state",   "head_of_government", "leader",
                              "foreign_minister", "defence_minister",   "secretary_general"};
const char* const kStatuses[] = {"member", "observer", "disputed", "region", "former"};

bool IsUpperAlpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

// The gazetteer table is read beside the record files (ReadActorFiles), told apart by name.
bool IsPlacesFile(std::string_view name) {
  constexpr std::string_view kSuffix = "places.txt";
  return name.size() >= kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix;
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

}  // namespace

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
  if (IsOrgType(entry.type)) {
    // Institution nouns that house styles write in lower case ("the Communist party", "the UN
    // security council") need no capital.
    static const std::unordered_set<std::string_view> kLowerStyle = {
        "party", "council", "assembly", "committee", "commission", "congress", "parliament",
        "court", "front", "movement", "league", "union"};
    std::string scratch;
    uint32_t i = 0;
    FoldParts(phrase, scratch, [&](std::string_view part, uint32_t b, uint32_t) {
      if (i >= 1 && i < 32 && phrase[b] >= 'A' && phrase[b] <= 'Z' && !kLowerStyle.count(part))
        entry.cap_parts |= 1u << i;
      ++i;
    });
  }
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
    if (old.type == entry.type && old.owner == entry.owner && old.upper_only == entry.upper_only && old.cap_parts == entry.cap_parts &&
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
    // A malformed interval is reported with the phrases below.
    states_.push_back(StateRec{r.id, std::string(UndatedPhrase(r.First("name")->value)), r.Where()});
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
      if (f.key == "name" || f.key == "formal" || f.key == "alias" || f.key == "historical" ||
          f.key == "adjective" || f.key == "demonym" || f.key == "capital") {
        e.type = f.key == "name"         ? EntryType::kStateName
                 : f.key == "formal"     ? EntryType::kStateFormal
                 : f.key == "alias"      ? EntryType::kStateAlias
                 : f.key == "historical" ? EntryType::kStateHistorical
                 : f.key == "adjective"  ? EntryType::kAdjective
                 : f.key == "demonym"    ? EntryType::kDemonym
                                         : EntryType::kCapital;
        std::vector<std::string> items = f.Items();
        if (f.key == "name" && items.size() > 1) Error(r, f, "'name' must be a single name (use 'alias')");
        if (f.key == "capital") e.sector = "GOV";
        for (const std::string& item : items) {
          // Historical names, and a former state's phrases, carry the interval in which they
          // were in use ("Soviet ..1991-12-25").
          std::string_view phrase;
          std::string err;
          if (!SplitDatedPhrase(item, &phrase, &e.interval, &e.dated, &err)) {
            Error(r, f, f.key + (f.key == "historical" ? " name '" : " '") + item + "': " + err);
            continue;
          }
          e.person_name = f.key != "historical" && IsStateNameType(e.type) &&
                          person_names.count(FoldJoined(item));
          AddPhrase(phrase, e, r, f);
        }
      } else if (f.key == "metonym") {
        for (const std::string& item : f.Items()) {
          size_t colon = item.rfind(" : ");
          if (colon == std::string::npos) {
            Error(r, f, "metonym '" + item + "' needs a sector ('PHRASE : SECTOR')");
            continue;
          }
          // "Kremlin : GOV ..1991-12-25": a metonym in use only in that interval.
          std::string_view tagged;
          std::string err;
          if (!SplitDatedPhrase(Trim(std::string_view(item).substr(colon + 3)), &tagged, &e.interval, &e.dated, &err)) {
            Error(r, f, "metonym '" + item + "': " + err);
            continue;
          }
          std::string sector(tagged);
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
          Error(r, f, "unknown status '" + f.value + "' (member, observer, disputed, region, former)");
        if (f.value == "former") states_[idx].former = true;
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
    if (!CheckKeys(r, {"name", "alias", "short", "code", "country", "members", "national", "shared", "dateline_states",
                        "common_word"}))
      continue;
    OrgRec o;
    o.kind = r.kind;
    o.id = r.id;
    // A name or alias may end in the interval it was in use ("People Power Party 2020-09-02..");
    // a malformed one is reported with the phrases below.
    o.name = std::string(UndatedPhrase(r.First("name")->value));
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
    for (const RecordField* f : r.All("dateline_states")) {
      if (o.national.empty() || o.shared || o.country.empty())
        Error(r, *f, "'dateline_states' needs 'country' and 'national', and no 'shared'");
      else
        for (const std::string& c : f->Items()) {
          if (!state_index_.count(c)) Error(r, *f, "unknown country code '" + c + "' in 'dateline_states'");
          else o.dateline_states.push_back(c);
        }
    }
    // Names that are also common words ("Shell", "Total", "Apple"); each must be a name or alias.
    std::set<std::string> names, common_words;
    for (const RecordField& f : r.fields)
      if (f.key == "name" || f.key == "alias")
        for (const std::string& item : f.Items()) names.insert(FoldJoined(UndatedPhrase(item)));
    for (const RecordField* f : r.All("common_word"))
      for (const std::string& item : f->Items()) {
        if (!names.count(FoldJoined(item))) Error(r, *f, "common_word '" + item + "' is not a name or alias of " + r.id);
        else common_words.insert(FoldJoined(item));
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
      for (const std::string& item : f.Items()) {
        // "People Power Party 2020-09-02..": a name in use only in that interval.
        std::string_view phrase;
        std::string err;
        if (!SplitDatedPhrase(item, &phrase, &e.interval, &e.dated, &err)) {
          Error(r, f, f.key + " '" + item + "': " + err);
          continue;
        }
        e.common_word = common_words.count(FoldJoined(phrase)) > 0;
        AddPhrase(phrase, e, r, f);
      }
    }
    // "short = Congress" (INC): the bare word names the organisation once the document has named
    // it by a name or alias, and then wins over other readings of the word (CONGRESS_US).
    for (const RecordField* f : r.All("short")) {
      Entry e;
      e.type = EntryType::kOrgAlias;
      e.owner = idx;
      e.org_short = true;
      for (const std::string& item : f->Items()) {
        if (names.count(FoldJoined(item))) Error(r, *f, "short '" + item + "' is already a name or alias of " + r.id);
        else {
          e.provenance = r.kind + " " + r.id + " short " + Quote(item) + " (" + r.file + ":" + std::to_string(f->line) + ")";
          AddPhrase(item, e, r, *f);
        }
      }
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
    // A place shared by several states ("IND/PAK") is no state's prefix.
    if (cols[1].find('/') != std::string_view::npos) continue;
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
  // holder ("Ousted President Askar Akayev" -> KGZ ELI); after a noun they are the verb
  // (SentenceMatcher::RemovalVerbHere).
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

}  // namespace internal

namespace {

using internal::ActorIndexImpl;

std::vector<SourceText> ReadActorFiles(const std::string& root, const DiagnosticSink& sink, int* errors,
                                       Status* fatal) {
  std::vector<SourceText> files;
  fs::path dir = fs::path(root) / "data" / "actors";
  std::vector<std::string> names = {"states.txt", "agents.txt", "organisations.txt", "companies.txt"};
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
