// Composing the atoms of a sentence into actor mentions and resolving each to an actor: phase 3
// of SentenceMatcher (the algorithm is described at the top of actor_match.cc). ComposeAt takes
// one group of adjacent atoms (CollectGroup), handles the special shapes (a possessive state
// before an unknown name, a prefix standing alone, words that make no mention), then resolves
// the group by what it ends in: a lone state phrase, a person, a dictionary actor, an
// organisation, agent nouns and titles, or a bare prefix.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "actors/actor_match.h"

namespace entente::actors::internal {

namespace {

// The state a name used in several states (`shared`) names when no state is named with it: the
// dateline's state when the document names it (domestic politics is reported from the capital),
// else the state named most so far; empty without a document or a state named.
std::string SharedNameState(const DocContext* ctx) {
  if (!ctx) return std::string();
  if (!ctx->dateline_country.empty() && ctx->Seen(ctx->dateline_country) > 0) return ctx->dateline_country;
  return ctx->DominantState();
}

// Makes `m` the body a name used in several states (`o.shared`) names: that name, sector
// `o.national`, the state SharedNameState gives (none when it gives none).
void SharedNameMention(const OrgRec& o, const DocContext* ctx, ActorMention* m) {
  m->kind = ActorMention::Kind::kAgent;
  m->actor.name = o.name;
  m->actor.country = SharedNameState(ctx);
  m->actor.sector = o.national;
}

}  // namespace

std::string SentenceMatcher::DictCode(const Entry* e) const {
  const DictActorCode* c = index_.DictCodeOn(index_.dict_actors_[e->owner], date_);
  return c && c->code != "---" ? c->code : std::string();
}

// A lone atom: prefer a state name, capital, metonym, adjective/demonym.
const Entry* SentenceMatcher::LoneEntry(const Atom& a) const {
  if (const Entry* e = FindEntry(a, IsStateNameType)) return e;
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kCapital; })) return e;
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kMetonym; })) return e;
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kAdjective || t == EntryType::kDemonym; })) return e;
  return nullptr;
}

// The state an atom names as a prefix of the next atom `n`: an adjective ("Russian officials"),
// a possessive state name, capital or metonym ("Russia's Lavrov", "the Kremlin's envoy"),
// a metonym before an agent noun, title or person ("Kremlin officials"), or a state name or
// capital used as a modifier before an agent noun or title ("the Mozambique government",
// "Pakistan President Zia", "Russia troops", "Khartoum government").
const Entry* SentenceMatcher::PrefixEntry(const Atom& a, const Atom* n) const {
  if (!n) return nullptr;
  const bool n_agent = AgentEntry(*n) != nullptr, n_person = PersonEntry(*n) != nullptr;
  const bool n_any = n_agent || n_person || OrgEntry(*n) || IsFormer(*n) || DictEntry(*n);
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kAdjective; }))
    return n_any && !AfterEthnic(a) ? e : nullptr;
  if (a.possessive) {
    if (const Entry* e = FindEntry(a, [](EntryType t) {
          return IsStateNameType(t) || t == EntryType::kCapital || t == EntryType::kMetonym;
        }))
      return n_any ? e : nullptr;
  }
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kMetonym; }))
    return n_agent || n_person ? e : nullptr;
  if (n_agent && !IsFormer(*n))
    if (const Entry* e = FindEntry(a, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kCapital; }))
      return e;
  // A gazetteer region or city before an agent noun or title, or with a possessive, is its
  // state ("Darfur rebels" -> SDN REB, "Sindh province government" -> PAK GOV).
  if ((n_agent && !IsFormer(*n)) || (a.possessive && n_any))
    if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kPlace; })) return e;
  return nullptr;
}

// Up to two modifier words between a country or organisation and an agent noun or title are
// passed over ("Lebanon's new President", "Iran's religious leader", "NATO peacekeeping troops",
// "Tehran's hardline judiciary", "Israeli naval commandos", "Peru's leftist rebels", "Iraq's top
// Shiite cleric", "the Sandinista security police", "Japan's largest business lobby"), and so are words naming an industry before a
// company noun ("the Russian oil company", "the Chinese state oil firm", "the Canadian mining
// company").
// Returns the first token after them (t when there is none).
uint32_t SentenceMatcher::SkipModifier(uint32_t t) const {
  static const std::unordered_set<std::string_view> kModifiers = {
      "new", "newly", "interim", "religious", "spiritual", "top", "senior", "caretaker",
      "transitional", "outgoing", "incoming", "elected", "peacekeeping", "federal",
      "provincial", "regional", "local", "central", "chief", "visiting", "besieged", "embattled",
      "province", "state", "region", "city", "municipal", "foreign", "hardline", "hard-line",
      "conservative", "reformist", "powerful", "naval", "leftist", "rightist", "right-wing",
      "left-wing", "security", "shiite", "shia", "sunni", "catholic", "largest", "biggest", "main",
      "leading", "second-largest", "second-biggest", "influential"};
  uint32_t u = t;
  for (int k = 0; k < 2 && u + 1 < sentence_.end_token && (kModifiers.count(LowerToken(u)) || IsIndustryWord(u)); ++k)
    ++u;
  return u;
}

// Words naming an industry or a company's ownership before a company noun ("oil", "mining",
// "state-owned"); lower case only.
bool SentenceMatcher::IsIndustryWord(uint32_t t) const {
  static const std::unordered_set<std::string_view> kIndustries = {
      "oil", "gas", "energy", "mining", "shipping", "telecoms", "telecommunications",
      "technology", "tech", "steel", "aerospace", "chemical", "chemicals", "electricity",
      "construction", "engineering", "pharmaceutical", "pharmaceuticals", "internet",
      "state-owned", "state-run", "state-controlled", "private", "state"};
  if (t >= sentence_.end_token || doc_.tokens[t].kind != TokenKind::kWord) return false;
  if (doc_.tokens[t].flags & Token::kCapitalized) return false;
  return kIndustries.count(LowerToken(t)) > 0;
}

// Full names and aliases first; a short name only if seen in full earlier in the document, or
// if exactly one candidate holds a role on the date (the prefix country or organisation and the
// title post break ties among role holders); after "former"/"ex-", if exactly one candidate
// held such a role before the date.
uint32_t SentenceMatcher::PickPerson(const Atom& a, std::string_view key, std::string_view post, bool former,
                                     bool* by_short, std::string* why) {
  const std::vector<PersonRec>& people = index_.people_;
  *by_short = false;
  if (const Entry* e = FindEntry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
    return e->owner;
  std::vector<uint32_t> cands;
  for (uint32_t i = a.entries_begin; i < a.entries_end; ++i)
    if (index_.entries_[valid_[i]].type == EntryType::kPersonShort) cands.push_back(index_.entries_[valid_[i]].owner);
  if (cands.empty()) return kNone;
  *by_short = true;
  if (std::optional<uint32_t> w = NameNeighbour(a)) {
    // "Lee Sung-kweun", "Hunter Biden": the name goes on; it is someone else.
    if (notes_)
      notes_->push_back(Quote(AtomText(a)) + " next to the capitalised word " + Quote(doc_.TokenText(*w)) +
                        ": another person's name, the short name is not used");
    if (ctx_) {
      const std::string name = LowerAtomText(a);
      if (std::find(ctx_->other_names.begin(), ctx_->other_names.end(), name) == ctx_->other_names.end())
        ctx_->other_names.push_back(name);
    }
    return kNone;
  }
  // "Ahmed Mohamed ... Mohamed received support": a short name first met inside another
  // person's full name is that person, unless a known candidate was named in full before.
  if (ctx_ && std::find(ctx_->other_names.begin(), ctx_->other_names.end(), LowerAtomText(a)) !=
                  ctx_->other_names.end()) {
    bool named = false;
    for (const std::string& id : ctx_->people_seen) {
      auto pi = index_.person_index_.find(id);
      named = named || (pi != index_.person_index_.end() &&
                        std::find(cands.begin(), cands.end(), pi->second) != cands.end());
    }
    if (!named) {
      if (notes_)
        notes_->push_back(Quote(AtomText(a)) + ": earlier in the document part of another person's name");
      return kNone;
    }
  }
  if (a.end_token < sentence_.end_token) {
    // "the Kim family", "the Kim dynasty": the family, not one of its members.
    static const std::unordered_set<std::string_view> kFamily = {"family", "families", "dynasty", "clan", "era", "regime"};
    if (kFamily.count(doc_.TokenText(a.end_token))) {
      if (notes_) notes_->push_back(Quote(AtomText(a)) + " before " + Quote(doc_.TokenText(a.end_token)) + ": the family, not a person");
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
    if (kMonths.count(LowerToken(a.first_token))) {
      const bool digit_after = a.end_token < sentence_.end_token && !doc_.TokenText(a.end_token).empty() &&
                               doc_.TokenText(a.end_token)[0] >= '0' && doc_.TokenText(a.end_token)[0] <= '9';
      const bool time_before = a.first_token > sentence_.first_token && kTimeWords.count(LowerToken(a.first_token - 1));
      if (digit_after || time_before) {
        if (notes_) notes_->push_back(Quote(AtomText(a)) + ": the month, not a person");
        return kNone;
      }
    }
  }
  // Of the candidates named in full earlier, the last named who holds a role on the date
  // ("Kim" in 2000 after "Kim Il Sung" and "Kim Jong Il": Kim Jong Il); failing that the only
  // candidate holding a role (below); failing that the last named.
  uint32_t last_seen = kNone;
  if (ctx_) {
    for (auto it = ctx_->people_seen.rbegin(); it != ctx_->people_seen.rend(); ++it) {
      auto pi = index_.person_index_.find(*it);
      if (pi == index_.person_index_.end()) continue;
      if (std::find(cands.begin(), cands.end(), pi->second) == cands.end()) continue;
      if (index_.RoleOn(people[pi->second], date_, "", "")) {
        *why = "short name: " + people[pi->second].name + " named in full earlier in the document, holding a role on " + date_text_;
        return pi->second;
      }
      if (last_seen == kNone) last_seen = pi->second;
    }
  }
  std::vector<uint32_t> holding;
  for (uint32_t c : cands)
    if (index_.RoleOn(people[c], date_, "", "")) holding.push_back(c);
  if (holding.size() > 1 && (!key.empty() || !post.empty())) {
    std::vector<uint32_t> narrowed;
    for (uint32_t c : holding) {
      const Role* r = index_.RoleOn(people[c], date_, post, key);
      if ((key.empty() || r->country == key) && (post.empty() || r->post == post)) narrowed.push_back(c);
    }
    holding.swap(narrowed);
  }
  if (holding.size() == 1) {
    *why = "short name: the only person so called holding a role on " + date_text_;
    return holding[0];
  }
  if (holding.size() > 1 && post.empty() && last_seen == kNone) {
    // "Castro" in 2003, Fidel the leader and Raul the defence minister: wire text calls the
    // ruler by the bare surname; of several holders, the only one in a top post of one state
    // (head of state or government, leader) is meant when all hold roles for that state.
    static const std::unordered_set<std::string_view> kTop = {"head_of_state", "head_of_government", "leader"};
    std::vector<uint32_t> top;
    std::string state;
    bool one_state = true;
    for (uint32_t c : holding) {
      for (const Role& r : people[c].roles) {
        if (!r.interval.Contains(date_)) continue;
        if (state.empty()) state = r.country;
        one_state = one_state && r.country == state && r.org < 0;
      }
      for (const Role& r : people[c].roles)
        if (r.interval.Contains(date_) && kTop.count(r.post)) {
          top.push_back(c);
          break;
        }
    }
    if (one_state && top.size() == 1) {
      *why = "short name: of " + std::to_string(holding.size()) + " people so called holding roles for " + state +
             " on " + date_text_ + ", " + people[top[0]].name + " holds the top post";
      return top[0];
    }
  }
  if (last_seen != kNone) {
    *why = "short name: " + people[last_seen].name + " named in full earlier in the document";
    return last_seen;
  }
  if (former && holding.empty()) {
    std::vector<uint32_t> held;
    for (uint32_t c : cands) {
      bool ok = false;
      for (const Role& r : people[c].roles)
        if (r.interval.EndsBefore(date_) && (key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
      if (ok) held.push_back(c);
    }
    if (held.size() == 1) {
      *why = "short name after 'former'/'ex-': the only person so called who held such a role before " + date_text_;
      return held[0];
    }
  }
  if (!has_date_) {
    // Undated text ("President Mugabe" with no article date): the only person so called who
    // ever held such a role (the title's post and the prefix's country, when given).
    std::vector<uint32_t> held;
    for (uint32_t c : cands) {
      bool ok = false;
      for (const Role& r : people[c].roles)
        if ((key.empty() || r.country == key) && (post.empty() || r.post == post)) ok = true;
      if (ok) held.push_back(c);
    }
    if (held.size() == 1) {
      *why = "short name without a date: the only person so called who held such a role";
      return held[0];
    }
    // Several held one, all for one state ("Bush": both presidents): the country is known
    // whichever is meant; the one whose matching role began last stands for them.
    uint32_t latest = kNone;
    std::optional<Date> latest_from;
    std::string country;
    bool one_state = held.size() > 1;
    for (uint32_t c : held) {
      for (const Role& r : people[c].roles) {
        if (!((key.empty() || r.country == key) && (post.empty() || r.post == post))) continue;
        if (country.empty()) country = r.country;
        one_state = one_state && r.country == country;
        if (latest == kNone || (r.interval.from && (!latest_from || *latest_from < *r.interval.from))) {
          latest = c;
          latest_from = r.interval.from;
        }
      }
    }
    if (one_state && latest != kNone) {
      *why = "short name without a date: " + people[latest].name + ", the latest of " + std::to_string(held.size()) +
             " people so called who held such a role, all for " + country;
      return latest;
    }
  }
  return kNone;
}

// A leader's name before "administration", "government", "cabinet" or "regime" ("the Trump
// administration", "the Abe government", "the Assad regime") names the government the leader
// headed: that state's GOV, whether or not the leader is in office on the date (out of office
// it names the government of that period: "the Bush administration" in 2009). The state is
// that of the person so called who holds a top post (head of state or government, leader) on
// the date; when nobody does, the one state of every top post held before the date by people
// so called (any date when the text is undated). Null when people so called hold top posts of
// two states then ("the Kim government" in 1999: Kim Dae-jung and Kim Jong Il), or none ever:
// the person rules decide.
const Entry* SentenceMatcher::LeaderGovernmentState(const Atom& a, const Atom& n, std::string* why) const {
  static const std::unordered_set<std::string_view> kGovernment = {"administration", "government", "cabinet",
                                                                   "regime"};
  static const std::unordered_set<std::string_view> kTop = {"head_of_state", "head_of_government", "leader"};
  const Entry* ne = AgentEntry(n);
  if (!ne || ne->sector != "GOV" || n.end_token != n.first_token + 1) return nullptr;
  std::string noun = AtomText(n);
  for (char& c : noun) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (!kGovernment.count(noun)) return nullptr;
  std::set<std::string> now, before;
  std::set<uint32_t> seen;
  for (uint32_t i = a.entries_begin; i < a.entries_end; ++i) {
    const Entry& e = index_.entries_[valid_[i]];
    if (!IsPersonType(e.type) || !seen.insert(e.owner).second) continue;
    for (const Role& r : index_.people_[e.owner].roles) {
      if (r.org >= 0 || !kTop.count(r.post) || !index_.state_index_.count(r.country)) continue;
      if (r.interval.Contains(date_)) now.insert(r.country);
      else if (!has_date_ || !r.interval.from || !(date_ < *r.interval.from)) before.insert(r.country);
    }
  }
  const std::set<std::string>& pick = !now.empty() ? now : before;
  if (pick.size() != 1) return nullptr;
  const std::string& country = *pick.begin();
  const Entry* state = StateNameEntry(country);
  if (state)
    *why = Quote(AtomText(a)) + " before " + Quote(AtomText(n)) + ": the government " +
           (now.empty() ? "headed before " : "headed on ") + date_text_ + " by a leader so called: " + country;
  return state;
}

// A leader's surname before an agent noun when nobody so called holds a role on the date
// ("the Bush administration" in 2000): the state of the people so called, when all of them
// (by HomeCountry) share one; as that state's name entry. Null otherwise, and for full names.
const Entry* SentenceMatcher::SurnameState(const Atom& a, std::string* why) const {
  if (FindEntry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }))
    return nullptr;
  std::string country;
  bool any = false;
  for (uint32_t i = a.entries_begin; i < a.entries_end; ++i) {
    const Entry& e = index_.entries_[valid_[i]];
    if (e.type != EntryType::kPersonShort) continue;
    const PersonRec& p = index_.people_[e.owner];
    if (index_.RoleOn(p, date_, "", "")) return nullptr;  // someone holds a role: the person rules decide
    std::string c = index_.HomeCountry(p, date_);
    if (c.empty() || !index_.state_index_.count(c) || (any && c != country)) return nullptr;
    country = c;
    any = true;
  }
  if (!any) return nullptr;
  const Entry* state = StateNameEntry(country);
  if (state)
    *why = Quote(AtomText(a)) + ": nobody so called holds a role on " + date_text_ +
           "; every person so called belongs to " + country + ": that state";
  return state;
}

// The name entry of the state `country` (a key of state_index_), null when it has none.
const Entry* SentenceMatcher::StateNameEntry(const std::string& country) const {
  const uint32_t idx = index_.state_index_.at(country);
  for (const Entry& e : index_.entries_)
    if (e.type == EntryType::kStateName && e.owner == idx) return &e;
  return nullptr;
}

// A person's possessive before an agent noun ("Barre's security service", "Yeltsin's aides",
// "Saddam's forces"): the agent is of the state in which the person holds a role on the date;
// as that state's name entry. Full names and aliases first; of short names, those whose
// holders hold a state role on the date, all in one state. Null otherwise (no role on the
// date, a role in an organisation, holders in two states).
const Entry* SentenceMatcher::PossessorState(const Atom& a, std::string* why) const {
  const bool full =
      FindEntry(a, [](EntryType t) { return t == EntryType::kPersonName || t == EntryType::kPersonAlias; }) != nullptr;
  std::string country, who;
  for (uint32_t i = a.entries_begin; i < a.entries_end; ++i) {
    const Entry& e = index_.entries_[valid_[i]];
    if (!IsPersonType(e.type) || (full && e.type == EntryType::kPersonShort)) continue;
    const PersonRec& p = index_.people_[e.owner];
    const Role* r = index_.RoleOn(p, date_, "", "");
    if (!r || r->org >= 0) continue;
    if (!country.empty() && r->country != country) return nullptr;
    country = r->country;
    who = p.name;
  }
  if (country.empty() || !index_.state_index_.count(country)) return nullptr;
  const Entry* state = StateNameEntry(country);
  if (state)
    *why = Quote(AtomText(a)) + " before an agent noun: " + who + " holds a role in " + country + " on " +
           date_text_ + ": that state's agent";
  return state;
}

std::string SentenceMatcher::TitlePost(const Group& g) {
  std::string post;
  for (auto& [k, e] : g.agents)
    if (!e->post.empty()) post = e->post;
  return post;
}

std::string SentenceMatcher::RoleKey(const Group& g) const {
  if (g.prefix) return StateCode(g.prefix, atoms_[g.prefix_atom], nullptr);
  if (g.org_prefix) return index_.orgs_[g.org_prefix->owner].id;
  if (g.dict_prefix && index_.CodeCountry(g.dict_prefix_code) == g.dict_prefix_code) return g.dict_prefix_code;
  return std::string();
}

// Peoples within states whose leaders news names by the people ("Iraqi Kurdish leader", "Sri
// Lankan Tamil leader", "Chechen leader", "Bahraini Shiite leader"): the leader of the community
// (its party, movement or rebels), not the state's government. Left out: peoples whose leaders
// often head the state's government in the news of 1980-2015 (Bosnian Muslim, Lebanese
// Christian or Maronite, Hutu, Tutsi) and words that name a state's majority (Hindu).
bool SentenceMatcher::CommunityLeader(const Group& g) const {
  static const std::unordered_set<std::string_view> kPeoples = {
      "kurdish", "kurd", "tamil", "shiite", "shia", "shi'ite", "sunni", "druze", "sikh",
      "baluch", "baloch", "pashtun", "uighur", "uyghur", "tibetan", "tuareg", "zulu", "basque",
      "catalan", "corsican", "tatar", "abkhaz", "ossetian", "karen", "kachin", "moro", "acehnese",
      "kashmiri", "naga", "ogoni", "berber"};
  if (g.agents.empty()) return false;
  const Atom& title = atoms_[g.agents.front().first];
  const std::string last = LowerToken(title.end_token - 1);
  if (last != "leader" && last != "leaders") return false;
  // Chechnya's leaders were separatists until Moscow appointed Akhmad Kadyrov (2000-06-12);
  // since then "Chechen leader" is the republic's Kremlin-backed head.
  const bool chechen_separatist = has_date_ && date_ < Date{2000, 6, 12};
  for (uint32_t t = atoms_[g.first].first_token; t < title.end_token - 1; ++t) {
    const std::string w = LowerToken(t);
    if (kPeoples.count(w) || (w == "chechen" && chechen_separatist)) return true;
  }
  return false;
}

// A company named right after business nouns is their apposition, and the name is the actor:
// "the mining companies Vale and ...", "the Russian oil company Rosneft", "the American
// chipmaker Qualcomm" (a company's own record names its country; `national` and `shared`
// bodies are left to the agent).
bool SentenceMatcher::CompanyAfterBusinessNoun(const Group& g, const Entry& org) const {
  if (g.agents.empty() || g.person != kNone || g.former) return false;
  for (const auto& [atom, agent] : g.agents)
    if (agent->sector != "BUS") return false;
  const OrgRec& o = index_.orgs_[org.owner];
  return !o.country.empty() && o.national.empty() && !o.shared && o.sector == "BUS";
}

// Each atom in turn, while atoms are adjacent (or separated only by a skipped modifier or
// qualifier after a first atom), takes the first role it can play: former, state prefix,
// region prefix, organisation prefix, dictionary prefix, agent noun or title, surname's state;
// or ends the group as a person, organisation modifier (goes on), organisation, lone state
// phrase, dictionary actor or lone region. A possessive ends the group after any atom that is
// not a prefix.
SentenceMatcher::Group SentenceMatcher::CollectGroup(size_t i) {
  Group g;
  g.i = g.first = i;
  size_t& j = g.j;
  j = i;
  uint32_t expect = atoms_[i].first_token;  // the next atom must start here
  for (; j < atoms_.size() && atoms_[j].first_token == expect; ++j) {
    const Atom& a = atoms_[j];
    const bool more = j + 1 < atoms_.size() && atoms_[j + 1].first_token == a.after;
    const Atom* n = more ? &atoms_[j + 1] : nullptr;
    const Entry* ag = AgentEntry(a);
    const bool fresh = !g.prefix && !g.region && !g.org_prefix && !g.dict_prefix && g.agents.empty();
    // After a modifier word ("new", "peacekeeping") only an agent noun or title composes.
    uint32_t next_start = a.after;
    if (!n && fresh && !ag && j + 1 < atoms_.size()) {
      uint32_t s2 = SkipModifier(a.after);
      // "Turkish Kurd refugees", "Iraqi Shiite militias", "Rwandan Hutu rebels": an unknown
      // capitalised qualifier between a country and its group noun.
      if (s2 == a.after && a.after + 1 < sentence_.end_token &&
          (doc_.tokens[a.after].flags & Token::kCapitalized) && doc_.tokens[a.after].kind == TokenKind::kWord)
        s2 = a.after + 1;
      if (s2 != a.after && atoms_[j + 1].first_token == s2 && AgentEntry(atoms_[j + 1]) && !PersonEntry(atoms_[j + 1])) {
        n = &atoms_[j + 1];
        next_start = s2;
      }
    }
    const Entry* re = nullptr;
    if (fresh && n && (AgentEntry(*n) || PersonEntry(*n))) {
      re = FindEntry(a, [](EntryType t) { return t == EntryType::kRegionAdjective; });
      if (!re && a.possessive) re = FindEntry(a, IsRegionType);
    }
    if (IsFormer(a) && !g.former && g.person == kNone && g.agents.empty()) {
      g.former = true;
      g.former_atom = j;
    } else if (const Entry* pe = fresh ? PrefixEntry(a, n) : nullptr) {
      g.prefix = pe;
      g.prefix_atom = j;
    } else if (re) {
      g.region = re;
      g.region_atom = j;
    } else if (const Entry* oe = fresh && n && !ag && (AgentEntry(*n) || PersonEntry(*n)) && !OrgEntry(*n)
                                     ? OrgEntry(a) : nullptr) {
      // "NATO Secretary-General", "Hamas fighters": the organisation's own people.
      g.org_prefix = oe;
      g.org_prefix_atom = j;
    } else if (const Entry* de = fresh && n && !ag && AgentEntry(*n) ? DictEntry(a) : nullptr;
               de && !DictCode(de).empty()) {
      // "AFGHAN officials" with AFGHAN a dictionary actor: a prefix, as a country adjective.
      g.dict_prefix = de;
      g.dict_prefix_atom = j;
      g.dict_prefix_code = DictCode(de);
    } else if (ag && (g.agents.empty() || !PersonEntry(a)) && !(j == i && !n && LoneEntry(a)) &&
               (!ag->needs_prefix || g.prefix || g.region || g.org_prefix || g.dict_prefix || !g.agents.empty())) {
      // (A lone atom that is also a state phrase, e.g. a metonym that doubles as an agent
      // noun, keeps its country: the state reading wins.)
      g.agents.push_back({j, ag});
      if (ag->former) g.former = true;
    } else if (const Entry* le = fresh && more && !ag && !a.possessive && !IsFormer(*n)
                                     ? LeaderGovernmentState(a, *n, &g.surname_why)
                                     : nullptr) {
      // "the Trump administration", "the Abe government": the government the leader headed.
      g.prefix = le;
      g.prefix_atom = j;
    } else if (const Entry* se = fresh && n && !ag && AgentEntry(*n) && !IsFormer(*n) ? SurnameState(a, &g.surname_why)
                                                                                      : nullptr) {
      // "the Bush administration" on a date when no Bush is in office: the surname's state.
      g.prefix = se;
      g.prefix_atom = j;
    } else if (const Entry* ps = fresh && a.possessive && n && !ag && AgentEntry(*n) && !PersonEntry(*n) &&
                                     !IsFormer(*n)
                                     ? PossessorState(a, &g.surname_why)
                                     : nullptr) {
      g.prefix = ps;
      g.prefix_atom = j;
    } else if (PersonEntry(a) && !(DictEntry(a) && !FindEntry(a, [](EntryType t) {
                 return t == EntryType::kPersonName || t == EntryType::kPersonAlias;
               }))) {
      // (A short name that is also a dictionary phrase goes to the dictionary actor below.)
      uint32_t p = PickPerson(a, RoleKey(g), TitlePost(g), g.former, &g.person_by_short, &g.short_why);
      if (p == kNone) break;
      g.person = p;
      g.person_atom = g.last = j++;
      break;
    } else if (const Entry* oe = OrgEntry(a); oe && g.agents.empty() && g.prefix && n && AgentEntry(*n) &&
                                              index_.orgs_[oe->owner].country.empty() &&
                                              index_.orgs_[oe->owner].national.empty() && !g.org_modifier) {
      // "Russia's U.N. envoy": an international organisation between a country and an agent
      // noun qualifies the agent; the country and the agent make the actor.
      g.org_modifier = oe;
      g.org_modifier_atom = j;
    } else if (const Entry* oe = OrgEntry(a); oe && !g.org_prefix && !g.region &&
                                              (g.agents.empty() || CompanyAfterBusinessNoun(g, *oe))) {
      g.org = oe;
      g.org_atom = g.last = j++;
      break;
    } else if (j == i && (g.lone = LoneEntry(a))) {
      g.last = j++;
      break;
    } else if (const Entry* de = DictEntry(a)) {
      // A dictionary actor alone, or after a title, a country or "former".
      g.dict = de;
      g.dict_atom = g.last = j++;
      break;
    } else if (j == i && FindEntry(a, IsRegionType)) {
      // A region on its own ("Latin America", "South American currency"): no actor, but the
      // words are taken so that "American" in them is not read as the United States.
      g.region_alone = true;
      g.last = j++;
      break;
    } else {
      break;
    }
    g.last = j;
    expect = (j == g.prefix_atom || j == g.org_prefix_atom) ? next_start : a.after;
    if (a.possessive && j != g.prefix_atom && j != g.region_atom && j != g.org_prefix_atom) {
      ++j;
      break;
    }
  }
  return g;
}

std::optional<size_t> SentenceMatcher::TakePossessiveUnknownName(const Group& g) {
  // The possessive state before an unknown name: a prefix that nothing followed, or a lone
  // state name ("Slovakia's" when no atom comes next).
  const Entry* poss_state = nullptr;
  size_t poss_atom = SIZE_MAX;
  if (g.prefix && g.agents.empty() && g.person == kNone && g.org == nullptr && !g.dict &&
      atoms_[g.prefix_atom].possessive) {
    poss_state = g.prefix;
    poss_atom = g.prefix_atom;
  } else if (g.lone && g.last == g.i && !g.former && atoms_[g.i].possessive && IsStateNameType(g.lone->type)) {
    poss_state = g.lone;
    poss_atom = g.i;
  }
  // "The Uganda Law Society", "the Ethiopian Human Rights Council": a state's name or adjective
  // (no possessive) right before one to four capitalised name-like words that end in a body's
  // head noun is that state's body the index lacks.
  bool body = false;
  if (!poss_state && g.agents.empty() && g.person == kNone && g.org == nullptr && !g.dict && !g.former) {
    const Entry* st = g.prefix ? g.prefix : g.lone && g.last == g.i ? g.lone : nullptr;
    const size_t at = g.prefix ? g.prefix_atom : g.i;
    if (st && (IsStateNameType(st->type) || st->type == EntryType::kAdjective) && !atoms_[at].possessive) {
      poss_state = st;
      poss_atom = at;
      body = true;
    }
  }
  if (!poss_state || poss_state->type == EntryType::kMetonym || !Prose()) return std::nullopt;
  // "Slovakia's Robert Fico" with Fico unknown: two to four capitalised name-like words
  // after a possessive state are a person of that state, of no known sector.
  const Entry* prefix = poss_state;
  const size_t prefix_atom = poss_atom;
  const uint32_t name_begin = atoms_[prefix_atom].after;
  uint32_t name_end = name_begin;
  while (name_end < sentence_.end_token && name_end - name_begin < 4 && NameLike(name_end)) ++name_end;
  // After a possessive state, "of" or "for" between a body's head noun and a name-like word
  // continues the name ("Moldova's Party of Communists"), and a lower-case party or movement noun
  // right after one or more name-like words ends it ("Spain's Podemos party").
  bool party_noun = false;
  if (!body && name_end > name_begin) {
    while (name_end + 1 < sentence_.end_token && name_end - name_begin < 5 &&
           (LowerToken(name_end) == "of" || LowerToken(name_end) == "for") &&
           BodyNameEnd(name_end - 1) == name_end && NameLike(name_end + 1)) {
      name_end += 2;
      while (name_end < sentence_.end_token && name_end - name_begin < 6 && NameLike(name_end)) ++name_end;
    }
    if (name_end < sentence_.end_token && (LowerToken(name_end) == "party" || LowerToken(name_end) == "movement") &&
        !NameLike(name_end)) {
      ++name_end;
      party_noun = true;
    }
  }
  if (body) {
    // (Not when an atom of the index lies inside the words: the name is not wholly unknown.)
    if (name_end == name_begin || BodyNameEnd(name_begin) != name_end ||
        (prefix_atom + 1 < atoms_.size() && atoms_[prefix_atom + 1].first_token < name_end))
      return std::nullopt;
  } else if (name_end - name_begin < 2 && !party_noun) {
    return std::nullopt;
  }
  ActorMention m;
  m.kind = body ? ActorMention::Kind::kState : ActorMention::Kind::kPerson;  // a body: its state, named
  m.first_token = atoms_[prefix_atom].first_token;
  m.end_token = name_end;
  m.actor.span = Span{doc_.tokens[m.first_token].span.begin, doc_.tokens[name_end - 1].span.end};
  m.actor.text = std::string(doc_.Text(m.actor.span));
  const Span name_span{doc_.tokens[name_begin].span.begin, doc_.tokens[name_end - 1].span.end};
  m.actor.name = std::string(doc_.Text(name_span));
  m.actor.country = m.actor.code = StateCode(prefix, atoms_[prefix_atom], nullptr);
  m.entries.push_back(prefix->provenance);
  if (explain_) {
    std::vector<std::string> why;
    why.push_back(Quote(AtomText(atoms_[prefix_atom])) + " -> " + prefix->provenance);
    why.push_back(body ? "compose: country + unknown body's name " + Quote(m.actor.name) +
                             " (a body of that state, sector unknown) -> " + m.actor.code
                       : "compose: possessive country + unknown name " + Quote(m.actor.name) +
                             " (a person of that state, sector unknown) -> " + m.actor.code);
    explain_->push_back(std::move(why));
  }
  NoteState(m.actor.country);
  out_.push_back(std::move(m));
  size_t k = prefix_atom + 1;
  while (k < atoms_.size() && atoms_[k].first_token < name_end) ++k;
  return k;
}

void SentenceMatcher::StandPrefixAlone(Group* g) const {
  if (g->prefix && g->agents.empty() && g->person == kNone && g->org == nullptr && !g->dict) {
    // What followed the prefix could not be taken (an unresolvable short name): the prefix
    // stands alone.
    g->lone = LoneEntry(atoms_[g->prefix_atom]);
    g->first = g->last = g->prefix_atom;
    g->j = g->prefix_atom + 1;
    g->prefix = nullptr;
    g->former = false;
  }
  if (g->org_prefix && g->agents.empty() && g->person == kNone && !g->dict) {
    // The same for an organisation: it stands alone.
    g->org = g->org_prefix;
    g->org_atom = g->first = g->last = g->org_prefix_atom;
    g->j = g->org_prefix_atom + 1;
    g->org_prefix = nullptr;
    g->former = false;
  }
  if (g->dict_prefix && g->agents.empty()) {
    // The same for a dictionary actor.
    g->dict = g->dict_prefix;
    g->dict_atom = g->first = g->last = g->dict_prefix_atom;
    g->j = g->dict_prefix_atom + 1;
    g->dict_prefix = nullptr;
    g->former = false;
  }
}

size_t SentenceMatcher::ComposeAt(size_t i) {
  Group g = CollectGroup(i);
  if (g.region_alone) return g.j;
  if (std::optional<size_t> next = TakePossessiveUnknownName(g)) return *next;
  StandPrefixAlone(&g);
  if (g.region && g.agents.empty() && g.person == kNone && !g.dict) return g.region_atom + 1;
  if (g.former && g.last == g.former_atom) return g.former_atom + 1;  // "former" with nothing after it
  if (g.last == SIZE_MAX ||
      (!g.lone && !g.prefix && g.agents.empty() && g.person == kNone && g.org == nullptr && !g.dict))
    return std::max(g.j, i + 1);

  Draft d = StartMention(g);
  if (g.lone) ResolveLone(g, &d);
  const std::string country =
      g.prefix ? StateCode(g.prefix, atoms_[g.prefix_atom], explain_ ? &d.why : nullptr)
      : g.dict_prefix && index_.CodeCountry(g.dict_prefix_code) == g.dict_prefix_code ? g.dict_prefix_code
                                                                                       : std::string();
  const std::string key = RoleKey(g);
  // Where the key names an organisation, a role filed under it is written as the
  // organisation; a state key is the country itself.
  const std::string key_desc = g.org_prefix ? index_.orgs_[g.org_prefix->owner].id + " (organisation)" : key;
  d.rule = g.surname_why;
  if (g.person != kNone) {
    ResolvePerson(g, country, key, key_desc, &d);
  } else if (g.dict) {
    ResolveDict(g, &d);
  } else if (g.org) {
    ResolveOrg(g, country, &d);
    PartyStanding(g, &d);
  } else if (!g.agents.empty()) {
    ResolveAgents(g, country, key, key_desc, &d);
  } else if (g.prefix) {
    d.m.kind = ActorMention::Kind::kState;
    d.m.actor.country = country;
  }
  if (d.m.kind == ActorMention::Kind::kState) GoverningCoalitionAfter(g, &d);
  ExtendAgentToPlace(&g, &d);
  ExtendBodyToPlace(&g, &d);
  NoteOrg(g.org);
  NoteOrg(g.org_prefix);
  FinishMention(g, &d);
  return std::max(g.j, i + 1);
}

SentenceMatcher::Draft SentenceMatcher::StartMention(const Group& g) const {
  Draft d;
  ActorMention& m = d.m;
  const Atom& fa = atoms_[g.first];
  const Atom& la = atoms_[g.last];
  m.first_token = fa.first_token;
  m.end_token = la.end_token;
  // "sued the mining company Vale", "a state oil firm": industry words right before a business
  // noun that opens the mention belong to it, so that a pattern's slot finds the mention.
  if (!g.prefix && !g.region && !g.org_prefix && !g.dict_prefix && !g.former && !g.agents.empty() &&
      g.agents.front().first == g.first && g.agents.front().second->sector == "BUS")
    for (int k = 0; k < 2 && m.first_token > sentence_.first_token && IsIndustryWord(m.first_token - 1); ++k)
      --m.first_token;
  m.actor.span = Span{doc_.tokens[m.first_token].span.begin, doc_.tokens[la.end_token - 1].span.end};
  m.actor.text = std::string(doc_.Text(m.actor.span));
  for (size_t k = g.first; k <= g.last; ++k) {
    const Atom& a = atoms_[k];
    const Entry* used = nullptr;
    if (k == g.prefix_atom && g.prefix) used = g.prefix;
    else if (k == g.region_atom && g.region) used = g.region;
    else if (k == g.org_prefix_atom && g.org_prefix) used = g.org_prefix;
    else if (k == g.org_atom) used = g.org;
    else if (k == g.org_modifier_atom) used = g.org_modifier;
    else if (k == g.dict_atom) used = g.dict;
    else if (k == g.dict_prefix_atom && g.dict_prefix) used = g.dict_prefix;
    else if (k == g.former_atom && g.former) used = FindEntry(a, [](EntryType t) { return t == EntryType::kFormer; });
    else if (k == g.person_atom) {
      for (uint32_t x = a.entries_begin; x < a.entries_end; ++x) {
        const Entry& e = index_.entries_[valid_[x]];
        if (e.owner == g.person && IsPersonType(e.type) && !used) used = &e;
      }
    } else if (g.lone && k == g.last) {
      used = g.lone;
    } else {
      for (auto& [ak, e] : g.agents)
        if (ak == k) used = e;
    }
    if (!used) continue;
    if (used->type != EntryType::kFormer) m.entries.push_back(used->provenance);
    if (explain_) d.why.push_back(Quote(AtomText(a)) + " -> " + used->provenance);
  }
  if (g.person_by_short && explain_ && !g.short_why.empty()) d.why.push_back(g.short_why);
  return d;
}

void SentenceMatcher::ResolveLone(const Group& g, Draft* d) const {
  ActorMention& m = d->m;
  const Entry* lone = g.lone;
  if (IsStateNameType(lone->type) || lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) {
    m.kind = ActorMention::Kind::kState;
    m.actor.country = index_.states_[lone->owner].code;
    m.also_place = IsStateNameType(lone->type);
    m.actor.country = StateCode(lone, atoms_[g.last], explain_ ? &d->why : nullptr);
    if ((lone->type == EntryType::kAdjective || lone->type == EntryType::kDemonym) && AfterEthnic(atoms_[g.last])) {
      // "ethnic Albanians": civilians of that people, the state from context.
      m.kind = ActorMention::Kind::kAgent;
      m.actor.country.clear();
      m.actor.sector = "CVL";
      m.also_place = false;
      if (explain_) d->why.push_back("'ethnic' + demonym: a people, not the state's citizens: civilians (country from context)");
    }
  } else if (lone->type == EntryType::kCapital) {
    m.kind = ActorMention::Kind::kCapital;
    m.actor.country = index_.states_[lone->owner].code;
    m.actor.sector = "GOV";
    m.also_place = true;
  } else if (lone->type == EntryType::kMetonym) {
    m.kind = ActorMention::Kind::kState;
    m.actor.country = index_.states_[lone->owner].code;
    m.actor.sector = lone->sector;
  }
}

void SentenceMatcher::ResolvePerson(const Group& g, const std::string& country, const std::string& key,
                                    const std::string& key_desc, Draft* d) {
  ActorMention& m = d->m;
  std::vector<std::string>& why = d->why;
  std::string& rule = d->rule;
  const PersonRec& p = index_.people_[g.person];
  m.kind = ActorMention::Kind::kPerson;
  m.actor.name = p.name;
  std::string post = TitlePost(g);
  const Role* now = index_.RoleOn(p, date_, post, key);
  const Role* before = index_.LastRoleBefore(p, date_);
  if (g.former) {
    const Role* r = now ? now : before;
    std::string c = r ? (r->org < 0 ? r->country : index_.HomeCountry(p, date_))
                      : (!country.empty() ? country : index_.HomeCountry(p, date_));
    m.actor.country = c;
    m.actor.sector = "ELI";
    if (c.empty() && r && r->org >= 0) m.actor.code = index_.orgs_[r->org].code;
    if (r) m.entries.push_back(r->provenance);
    rule = "'former': a former office holder is an elite (ELI)";
  } else if (now) {
    index_.ApplyRole(*now, &m.actor);
    m.entries.push_back(now->provenance);
    if (explain_) {
      why.push_back("role on " + date_text_ + ": " + now->provenance);
      if (!post.empty() && now->post != post)
        why.push_back("the title names the post " + post + ", but on " + date_text_ + " " + p.name + " holds " +
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
               if (has_date_ || post.empty()) return nullptr;
               const Role* best = nullptr;
               for (const Role& r : p.roles)
                 if (r.post == post && (key.empty() || r.country == key)) best = &r;
               return best;
             }()) {
    index_.ApplyRole(*titled, &m.actor);
    m.entries.push_back(titled->provenance);
    if (explain_) why.push_back("no date; the title names the role " + titled->provenance);
    rule = "no date: the role the title names";
  } else if (const Entry* office = [&]() -> const Entry* {
               // "Soviet Foreign Minister Eduard Shevardnadze" in 1989, a role our records lack:
               // a country and a title with a post, written before the name on a dated text,
               // name the office the person held then; the words win over the record's
               // elite fallback. Not after "former", not for a short name alone.
               // Every agent word must be such a title ("opposition leader" is not the office).
               if (!has_date_ || country.empty() || g.person_by_short || g.agents.empty()) return nullptr;
               for (const auto& [k, e] : g.agents)
                 if (e->post.empty() || e->former) return nullptr;
               return g.agents.back().second;
             }()) {
    m.actor.country = country;
    m.actor.sector = office->sector;
    m.entries.push_back(office->provenance);
    if (explain_) why.push_back(p.name + " holds no role on record on " + date_text_ + ": the country and title before the name decide");
    rule = "country + title + person without a role on the date: the office the words name";
    if (m.actor.sector == "GOV" && CommunityLeader(g)) {
      // "Iraqi Kurdish leader Jalal Talabani" in 1992: a leader of the Kurds, not of Iraq.
      m.actor.sector = "OPP";
      rule += "; a people's word before 'leader': the community's leader (OPP)";
    }
  } else if (before) {
    if (before->org >= 0 && !index_.HomeCountry(p, date_).empty()) {
      m.actor.country = index_.HomeCountry(p, date_);
      rule = "person held roles only before the date, the last in an organisation: elite (ELI) of their own state";
    } else if (before->org >= 0) {
      m.actor.code = index_.orgs_[before->org].code;
      rule = "person held roles only before the date, the last in an organisation: the organisation";
    } else if (!p.default_country.empty() && index_.IsFormerState(before->country)) {
      m.actor.country = p.default_country;
      rule = "person held roles only before the date, the last in a state that no longer exists: elite (ELI) of the record's default";
    } else {
      m.actor.country = before->country;
      rule = "person held roles only before the date: elite (ELI)";
    }
    m.actor.sector = "ELI";
    m.entries.push_back(before->provenance);
    if (explain_) {
      why.push_back("no role on " + date_text_ + "; last role: " + before->provenance);
      if (!post.empty()) why.push_back("the title names the post " + post + ", but " + p.name + " holds no role on " + date_text_ + ": the record wins");
    }
  } else if (const Role* first = [&]() -> const Role* {
               const Role* f = nullptr;
               for (const Role& r : p.roles)
                 if (!f || r.interval.from.value_or(Date{1, 1, 1}) < f->interval.from.value_or(Date{1, 1, 1})) f = &r;
               if (p.default_country.empty() || !f || f->org >= 0 || !index_.IsFormerState(f->country) ||
                   !f->interval.to || !(date_ < *f->interval.to))
                 return nullptr;
               return f;
             }()) {
    // Gorbachev in 1984: before the first role, held in a state that has since ended but
    // still existed then (its role ends after the date), the person is an elite of that
    // state; the record's default is for dates after it.
    m.actor.country = first->country;
    m.actor.sector = "ELI";
    m.entries.push_back(first->provenance);
    rule = "before the person's first role, in a former state that existed on the date: elite (ELI) of that state";
  } else if (!p.default_country.empty()) {
    m.actor.country = p.default_country;
    m.actor.sector = p.default_sector;
    rule = "person's default (no role on the date)";
  } else if (!p.roles.empty()) {
    std::string c = index_.HomeCountry(p, date_);
    if (!c.empty()) {
      m.actor.country = c;
      m.actor.sector = "ELI";
    } else {
      index_.ApplyRole(p.roles.front(), &m.actor);
    }
    m.entries.push_back(p.roles.front().provenance);
    rule = "before the person's first role: elite (ELI) of that country";
  } else {
    m.actor.country = country;
    rule = "person has no role";
  }
  if (ctx_ && !g.person_by_short &&
      std::find(ctx_->people_seen.begin(), ctx_->people_seen.end(), p.id) == ctx_->people_seen.end())
    ctx_->people_seen.push_back(p.id);
}

void SentenceMatcher::ResolveDict(const Group& g, Draft* d) const {
  ActorMention& m = d->m;
  std::string& rule = d->rule;
  const DictActorRec& da = index_.dict_actors_[g.dict->owner];
  const DictActorCode* c = index_.DictCodeOn(da, date_);
  const std::string code = c && c->code != "---" ? c->code : std::string();
  if (explain_)
    d->why.push_back(c ? "code on " + date_text_ + ": " + da.CodeProvenance(*c)
                       : "no code of " + Quote(da.name) + " holds on " + date_text_);
  m.actor.name = da.name;
  if (code.empty()) {
    rule = c ? "dictionary actor with the null code '---': no actor" : "dictionary actor without a code on the date: no actor";
    m.actor.country.clear();
    m.actor.sector.clear();
  } else {
    m.actor.country = index_.CodeCountry(code);
    if (m.actor.country == code) {
      m.kind = ActorMention::Kind::kState;
      m.also_place = g.agents.empty() && !g.prefix && !g.former;
    } else {
      m.kind = ActorMention::Kind::kOrganisation;
      m.actor.code = code;
      m.actor.sector = m.actor.country.empty() ? std::string() : code.substr(3);
    }
    rule = "dictionary actor's code on the date";
    if (g.former && !m.actor.country.empty()) {
      m.kind = ActorMention::Kind::kAgent;
      m.actor.code.clear();
      m.actor.sector = "ELI";
      rule += "; 'former': elite (ELI) of its country";
    }
    if (explain_ && (g.prefix || !g.agents.empty()))
      d->why.push_back("the words before the name are not used: the dictionary actor's code wins");
  }
  if (c) m.entries.push_back(da.CodeProvenance(*c));
}

// A state's body with `national` (not shared, not international) named as `country`'s: the
// document's later bare mentions of the name are that state's body.
void SentenceMatcher::NoteNationalBody(const OrgRec& o, const std::string& country) const {
  if (!ctx_ || o.national.empty() || o.shared || o.country.empty() || country.empty()) return;
  for (auto& [id, c] : ctx_->national_bodies)
    if (id == o.id) {
      c = country;
      return;
    }
  ctx_->national_bodies.emplace_back(o.id, country);
}

std::string SentenceMatcher::NamedNationalBody(const OrgRec& o) const {
  if (!ctx_ || o.national.empty() || o.shared || o.country.empty()) return std::string();
  for (const auto& [id, c] : ctx_->national_bodies)
    if (id == o.id) return c == o.country ? std::string() : c;
  return std::string();
}

void SentenceMatcher::ResolveOrg(const Group& g, const std::string& country, Draft* d) const {
  ActorMention& m = d->m;
  std::string& rule = d->rule;
  const OrgRec& o = index_.orgs_[g.org->owner];
  if (g.prefix && !o.national.empty()) {
    // "Russia's Security Council", "Kenya's National Intelligence Service": the state
    // before the name owns a body of that name.
    m.kind = ActorMention::Kind::kAgent;
    m.actor.country = country;
    m.actor.sector = o.national;
    rule = "a state before the name of a body that states have: that state's body (" + o.id + " national = " + o.national + ")";
    NoteNationalBody(o, country);
  } else if (const std::string named = NamedNationalBody(o); !named.empty()) {
    // "Peru's Congress ... Congress voted": the state whose body of that name the document named.
    m.kind = ActorMention::Kind::kAgent;
    m.actor.country = named;
    m.actor.sector = o.national;
    d->from_context = true;
    rule = "a body that states have, named earlier in the document as " + named + "'s (" + o.id + " national = " +
           o.national + "): that state's body";
  } else if (ctx_ && !ctx_->dateline_country.empty() && ctx_->Seen(o.country) == 0 &&
             std::find(o.dateline_states.begin(), o.dateline_states.end(), ctx_->dateline_country) !=
                 o.dateline_states.end()) {
    // "LIMA - Congress voted ...": a story from a state with a body of that name, the record's
    // own state not named so far: the dateline state's body.
    m.kind = ActorMention::Kind::kAgent;
    m.actor.country = ctx_->dateline_country;
    m.actor.sector = o.national;
    d->from_context = true;
    rule = "a body that states have, under the dateline of a state that has one (" + o.id +
           " dateline_states), its own state not named: the dateline state's body";
  } else if (o.shared) {
    // "Democratic Party" alone: the party of the state the document is about.
    SharedNameMention(o, ctx_, &m);
    d->from_context = true;
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
    if (!o.dateline_states.empty() && ctx_ && ctx_->Seen(o.country) == 0) d->open_body = &o;
  }
}

std::string SentenceMatcher::StandingBefore(uint32_t t) const {
  static const std::unordered_set<std::string_view> kStop = {
      "the", "a", "an", "and", "or", "of", "by", "with", "for", "to", "from", "in", "on", "at",
      "but", "as", "its", "their", "his", "her", "said", "says", "that", "which", "who"};
  for (int k = 0; k < 3 && t > sentence_.first_token; ++k) {
    --t;
    const Token& tok = doc_.tokens[t];
    if (tok.kind != TokenKind::kWord) return std::string();
    const std::string w = LowerToken(t);
    if (w == "ruling" || w == "governing") return "GOV";
    if (w == "opposition") return "OPP";
    // A qualifier: a lower-case word ("main", "centre-left", "pro-European", "nationalist").
    const char c = doc_.text[tok.span.begin];
    if (k == 2 || kStop.count(w) || !(c >= 'a' && c <= 'z')) return std::string();
  }
  return std::string();
}

void SentenceMatcher::PartyStanding(const Group& g, Draft* d) const {
  const OrgRec& o = index_.orgs_[g.org->owner];
  if (o.kind != "party" || g.org_atom == SIZE_MAX) return;
  const std::string role = StandingBefore(atoms_[g.org_atom].first_token);
  ActorMention& m = d->m;
  if (role.empty() || m.actor.sector.find(role) != std::string::npos ||
      m.actor.code.find(role) != std::string::npos)
    return;
  m.actor.sector = role + m.actor.sector;
  // An organisation's own code ("TURPTY", "ISRPTYLKD") takes the standing after its state.
  if (!m.actor.code.empty() && m.actor.code.size() >= 3 && m.actor.code.compare(0, 3, m.actor.country) == 0)
    m.actor.code.insert(3, role);
  d->rule += "; '" + std::string(role == "GOV" ? "ruling" : "opposition") + "' before a party: its standing (" + role + ")";
}

void SentenceMatcher::GoverningCoalitionAfter(const Group& g, Draft* d) const {
  static const std::unordered_set<std::string_view> kBodies = {
      "coalition", "coalitions", "alliance", "bloc", "parties"};
  const uint32_t after = atoms_[g.last].after;
  if (after >= sentence_.end_token) return;
  const std::string w = LowerToken(after);
  if (w != "ruling" && w != "governing") return;
  // One or two lower-case qualifiers, then the body's noun.
  for (uint32_t t = after + 2; t <= after + 3 && t < sentence_.end_token; ++t) {
    if (!kBodies.count(LowerToken(t))) continue;
    if (StandingBefore(t) != "GOV") return;
    ActorMention& m = d->m;
    m.kind = ActorMention::Kind::kAgent;
    m.actor.sector = "GOV";
    m.end_token = t + 1;
    m.actor.span.end = doc_.tokens[t].span.end;
    m.actor.text = std::string(doc_.Text(m.actor.span));
    d->rule = "a state's ruling / governing coalition with qualifiers: its government (GOV)";
    return;
  }
}

void SentenceMatcher::ResolveAgents(const Group& g, const std::string& country, const std::string& key,
                                    const std::string& key_desc, Draft* d) const {
  ActorMention& m = d->m;
  std::vector<std::string>& why = d->why;
  std::string& rule = d->rule;
  const std::vector<PersonRec>& people = index_.people_;
  m.kind = ActorMention::Kind::kAgent;
  m.actor.country = country;
  m.actor.sector = g.agents.front().second->sector;
  // "government troops", "regime forces", "government police": the government's armed forces or
  // police are those (MIL, COP), not the government (GOV) the first word names.
  if (m.actor.sector == "GOV" && !g.former)
    for (size_t k = 1; k < g.agents.size(); ++k)
      if (g.agents[k].second->type != EntryType::kAgentTitle &&
          (g.agents[k].second->sector == "MIL" || g.agents[k].second->sector == "COP")) {
        m.actor.sector = g.agents[k].second->sector;
        break;
      }
  std::string post = TitlePost(g);
  rule = country.empty() ? "agent without a country: sector only (country from context)" : "country + agent sector";
  const bool community = m.actor.sector == "GOV" && !g.former && CommunityLeader(g);
  if (community) {
    m.actor.sector = "OPP";
    rule += "; a people's word before 'leader': the community's leader, not the government (OPP)";
  }
  if (g.prefix && g.prefix->type == EntryType::kMetonym) {
    m.actor.sector = g.prefix->sector;
    rule = "metonym + agent: the institution's sector (" + g.prefix->sector + ")";
  }
  if (g.org_prefix && index_.orgs_[g.org_prefix->owner].shared) {
    // "a Labor Party lawmaker", "Socialist Party officials": a name used in several states
    // before an agent is the party of the document's state, as the name alone (ResolveOrg).
    const OrgRec& o = index_.orgs_[g.org_prefix->owner];
    m.actor.code.clear();
    SharedNameMention(o, ctx_, &m);
    d->from_context = true;
    rule = m.actor.country.empty()
               ? "a name used in several states (" + o.id + " shared) + agent, no state named yet: sector only"
               : "a name used in several states (" + o.id + " shared) + agent: the dateline's state if named, else "
                 "the state named most so far";
  } else if (g.org_prefix) {
    const OrgRec& o = index_.orgs_[g.org_prefix->owner];
    m.kind = ActorMention::Kind::kOrganisation;
    m.actor.name = o.name;
    m.actor.code = o.code;
    m.actor.country = o.country;
    m.actor.sector = o.sector;
    rule = "organisation + agent: the organisation's code";
  }
  if (g.dict_prefix && country.empty()) {
    // A dictionary actor with a longer code: PETRARCH appends the agent's code.
    const std::string& ac = g.agents.front().second->sector;
    const bool has = g.dict_prefix_code.size() >= ac.size() &&
                     g.dict_prefix_code.compare(g.dict_prefix_code.size() - ac.size(), ac.size(), ac) == 0;
    m.kind = ActorMention::Kind::kOrganisation;
    m.actor.code = has ? g.dict_prefix_code : g.dict_prefix_code + ac;
    m.actor.country = index_.CodeCountry(m.actor.code);
    m.actor.sector = m.actor.country.empty() ? std::string() : m.actor.code.substr(3);
    rule = "dictionary actor + agent: the actor's code with the agent's code appended";
  } else if (g.dict_prefix) {
    rule = "dictionary actor (a state) + agent sector";
  }
  if (g.agents.front().second->code_first && m.actor.code.empty() && !g.region) {
    // "[NGO~]" agents: their code goes before the country ("NGOKEN").
    m.kind = ActorMention::Kind::kOrganisation;
    m.actor.code = m.actor.sector + m.actor.country;
    rule = "dictionary prefix agent: its code before the country";
  }
  if (g.region) {
    const RegionRec& rg = index_.regions_[g.region->owner];
    m.kind = ActorMention::Kind::kRegion;
    m.actor.country.clear();
    if (!rg.code.empty()) m.actor.code = rg.code + (g.former ? std::string("ELI") : m.actor.sector);
    rule = rg.code.empty() ? "region without a CAMEO code: no actor" : "region + agent: CAMEO region code, no country";
  }
  // "the last Chinese leader", "the next president": someone other than the holder on the date.
  static const std::unordered_set<std::string_view> kOtherHolder = {
      "last", "previous", "late", "next", "future", "past", "earlier", "successive", "incoming"};
  const bool other_holder = m.first_token > sentence_.first_token && kOtherHolder.count(doc_.TokenText(m.first_token - 1));
  if (other_holder && !post.empty() && !key.empty() && explain_)
    why.push_back(Quote(doc_.TokenText(m.first_token - 1)) + " before the title: not the holder on the date, no name");
  if (!post.empty() && !key.empty() && !other_holder && !community) {
    // A title names its holder: the one holder before the date after "former", else the
    // holder on the date (the latest to take the post).
    auto hit = index_.holders_.find(key + "|" + post);
    if (g.former) {
      // Name the former holder only when exactly one person held the post before the date.
      std::vector<std::pair<uint32_t, uint32_t>> formers;
      if (hit != index_.holders_.end())
        for (auto [pi, ri] : hit->second) {
          const PersonRec& p = people[pi];
          if (!p.roles[ri].interval.EndsBefore(date_)) continue;
          bool holds_now = false;
          for (auto [pj, rj] : hit->second)
            if (pj == pi && people[pj].roles[rj].interval.Contains(date_)) holds_now = true;
          if (holds_now) continue;
          bool dup = false;
          for (auto& f : formers)
            if (f.first == pi) dup = true;
          if (!dup) formers.push_back({pi, ri});
        }
      if (formers.size() == 1) {
        const PersonRec& p = people[formers[0].first];
        m.actor.name = p.name;
        m.entries.push_back(p.roles[formers[0].second].provenance);
        if (g.org_prefix) {
          std::string c = index_.HomeCountry(p, date_);
          if (!c.empty()) {
            m.kind = ActorMention::Kind::kPerson;
            m.actor.country = c;
            m.actor.code.clear();
          }
        }
        if (explain_) why.push_back("the only former holder of " + key_desc + " " + post + " before " + date_text_ + ": " + p.roles[formers[0].second].provenance);
      } else if (explain_) {
        why.push_back(std::to_string(formers.size()) + " former holders of " + key_desc + " " + post + " before " + date_text_ + ": no name");
      }
    } else if (hit != index_.holders_.end()) {
      const Role* best = nullptr;
      uint32_t best_p = kNone;
      for (auto [pi, ri] : hit->second) {
        const Role& r = people[pi].roles[ri];
        if (!r.interval.Contains(date_)) continue;
        if (!best || r.interval.from.value_or(Date{1, 1, 1}) > best->interval.from.value_or(Date{1, 1, 1})) {
          best = &r;
          best_p = pi;
        }
      }
      if (best) {
        m.kind = ActorMention::Kind::kPerson;
        m.actor.name = people[best_p].name;
        index_.ApplyRole(*best, &m.actor);
        m.entries.push_back(best->provenance);
        if (explain_) why.push_back("holder of " + key_desc + " " + post + " on " + date_text_ + ": " + best->provenance);
        rule = "title -> post -> holder on the date";
      } else if (explain_) {
        why.push_back("nobody holds " + key_desc + " " + post + " on " + date_text_);
      }
    }
  }
  if (g.former && !g.region) {
    if (g.org_prefix && m.kind != ActorMention::Kind::kPerson) {
      rule += "; 'former' official of the organisation, person unknown: the organisation";
    } else {
      m.actor.sector = "ELI";
      m.actor.code.clear();
      rule += "; 'former': elite (ELI)";
    }
  }
}

// "opposition groups in Zimbabwe", "students throughout Indonesia": an agent without a
// country followed by "in"/"throughout"/"across" (after at most one group word) and a
// state name (not itself the prefix of an agent) takes that state; the mention covers it.
// Not for sectors often abroad ("troops in Syria", "refugees in Jordan").
// "government of Sindh province": "of" and a state or gazetteer place, likewise; a place
// ("rebels in Darfur") counts as its state. "from" likewise, for armed non-state sectors only
// ("rebels from Darfur", "insurgents from Chechnya"): an official "from" a state is often sent
// away from it ("recalled its ambassador from Tehran"). After "former" (or "ousted", "deposed")
// only "of": "the ousted president of Kyrgyzstan" is Kyrgyzstan's former holder (KGZELI).
void SentenceMatcher::ExtendAgentToPlace(Group* g, Draft* d) const {
  ActorMention& m = d->m;
  const size_t j = g->j;
  if (!(m.actor.country.empty() && m.actor.code.empty() && !g->agents.empty() && g->person == kNone && !g->org &&
        !g->dict && !g->region && !g->org_prefix && !g->dict_prefix && j < atoms_.size() &&
        !atoms_[j].possessive && !kForeignPresence.count(m.actor.sector)))
    return;
  // "off": at sea beside a state ("pirates off Somalia").
  static const std::unordered_set<std::string_view> kIn = {"in", "throughout", "across", "inside", "of", "off"};
  static const std::unordered_set<std::string_view> kGroup = {
      "group", "groups", "members", "parties", "party", "leaders", "figures", "movement", "movements"};
  uint32_t in_tok = atoms_[g->last].end_token;
  if (in_tok + 1 < sentence_.end_token && kGroup.count(doc_.TokenText(in_tok))) ++in_tok;
  const Atom& st = atoms_[j];
  const bool st_prefix = j + 1 < atoms_.size() && atoms_[j + 1].first_token == st.after && AgentEntry(atoms_[j + 1]);
  const Entry* se = st_prefix || st.first_token != in_tok + 1
                        ? nullptr
                        : FindEntry(st, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kPlace; });
  static const std::unordered_set<std::string_view> kFromSectors = {"REB", "INS", "SEP"};
  const std::string_view prep = doc_.TokenText(in_tok);
  if (g->former && prep != "of") return;
  if (se && (kIn.count(prep) || (prep == "from" && kFromSectors.count(m.actor.sector)))) {
    m.actor.country = StateCode(se, st, explain_ ? &d->why : nullptr);
    m.end_token = st.end_token;
    m.actor.span.end = doc_.tokens[st.end_token - 1].span.end;
    m.actor.text = std::string(doc_.Text(m.actor.span));
    m.entries.push_back(se->provenance);
    if (explain_) d->why.push_back(Quote(AtomText(st)) + " -> " + se->provenance);
    d->rule += std::string(d->rule.empty() ? "" : "; ") + "agent '" + std::string(prep) +
               "' a state: that state";
    g->j = j + 1;
  }
}

// "Congress in Lima", "the Congress of Peru", "the National Congress in Brasilia": a state's
// body with `national` (its record has a country, or is `shared`; not an international one:
// "the Security Council in New York" stays the U.N.'s), with no country before it, followed by
// "in" or "of" and a state's name or capital (not itself the prefix of an agent) is that
// state's body of the `national` sector; the mention covers the state.
void SentenceMatcher::ExtendBodyToPlace(Group* g, Draft* d) const {
  ActorMention& m = d->m;
  const size_t j = g->j;
  if (!g->org || g->prefix || g->former || j >= atoms_.size() || atoms_[j].possessive) return;
  const OrgRec& o = index_.orgs_[g->org->owner];
  if (o.national.empty() || (o.country.empty() && !o.shared)) return;
  const uint32_t in_tok = atoms_[g->last].end_token;
  if (atoms_[g->last].possessive || in_tok + 1 >= sentence_.end_token) return;
  const std::string_view prep = doc_.TokenText(in_tok);
  if (prep != "in" && prep != "of") return;
  const Atom& st = atoms_[j];
  if (st.first_token != in_tok + 1) return;
  if (j + 1 < atoms_.size() && atoms_[j + 1].first_token == st.after && AgentEntry(atoms_[j + 1])) return;
  const Entry* se = FindEntry(st, [](EntryType t) { return IsStateNameType(t) || t == EntryType::kCapital; });
  if (!se) return;
  m.kind = ActorMention::Kind::kAgent;
  m.actor.country = StateCode(se, st, explain_ ? &d->why : nullptr);
  m.actor.sector = o.national;
  m.actor.code.clear();
  m.actor.name.clear();
  d->from_context = false;
  m.end_token = st.end_token;
  m.actor.span.end = doc_.tokens[st.end_token - 1].span.end;
  m.actor.text = std::string(doc_.Text(m.actor.span));
  m.entries.push_back(se->provenance);
  if (explain_) d->why.push_back(Quote(AtomText(st)) + " -> " + se->provenance);
  NoteNationalBody(o, m.actor.country);
  d->rule = "a body that states have, '" + std::string(prep) + "' a state or its capital: that state's body (" +
            o.id + " national = " + o.national + ")";
  g->j = j + 1;
}

void SentenceMatcher::FinishMention(const Group& g, Draft* d) {
  ActorMention& m = d->m;
  if (m.actor.code.empty() && m.kind != ActorMention::Kind::kRegion) m.actor.code = m.actor.country + m.actor.sector;
  if (m.actor.code.empty()) {
    if (notes_ && g.region) notes_->push_back(Quote(m.actor.text) + ": " + d->rule);
    return;
  }
  if (explain_) {
    std::string parts_desc;
    if (g.former) parts_desc += "former + ";
    if (g.dict_prefix) parts_desc += "dictionary actor + ";
    if (g.prefix)
      parts_desc += std::string(g.prefix->type == EntryType::kAdjective ? "country adjective"
                                : g.prefix->type == EntryType::kPlace     ? "place of a state"
                                : !g.surname_why.empty()                  ? "surname's state"
                                : g.prefix->type == EntryType::kMetonym && !atoms_[g.prefix_atom].possessive ? "metonym"
                                                                                                             : "possessive country") + " + ";
    if (g.region) parts_desc += "region + ";
    if (g.org_prefix) parts_desc += "organisation + ";
    for (size_t k = 0; k < g.agents.size(); ++k)
      parts_desc += g.agents[k].second->type == EntryType::kAgentTitle ? "title + " : "agent noun + ";
    if (g.person != kNone) parts_desc += "person + ";
    if (g.org) parts_desc += "organisation + ";
    if (g.dict) parts_desc += "dictionary actor + ";
    if (parts_desc.size() >= 3) parts_desc.resize(parts_desc.size() - 3);
    std::string line = "compose: " + (parts_desc.empty() ? std::string("single phrase") : parts_desc);
    if (!d->rule.empty()) line += " (" + d->rule + ")";
    line += " -> " + m.actor.code;
    if (!m.actor.name.empty()) line += " (" + m.actor.name + ")";
    d->why.push_back(std::move(line));
    explain_->push_back(std::move(d->why));
  }
  if (d->open_body) open_bodies_.emplace_back(out_.size(), d->open_body);
  else if (!d->from_context) NoteState(m.actor.country);
  out_.push_back(std::move(m));
}

}  // namespace entente::actors::internal
