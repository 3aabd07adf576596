// Dictionary entries (TABARI/PETRARCH actors and agents, --dict) in the actor index: loading
// errors with file and line, resolution of dated codes, agents as sectors, and our phrases first
// or the dictionary alone (actor_dictionary.cc, composition in actor_match.cc).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "actors/actor_index.h"
#include "actors/actor_index_testutil.h"

namespace entente::actors {
namespace {

using testutil::Collected;
using testutil::MiniRoot;


DictActorCode Code(std::string code, std::optional<std::string> from = std::nullopt,
                   std::optional<std::string> to = std::nullopt, int line = 0) {
  DictActorCode c;
  c.code = code;
  c.text = code;
  c.line = line;
  c.restricted = from || to;
  if (from) c.interval.from = Date::Parse(*from);
  if (to) c.interval.to = Date::Parse(*to);
  return c;
}

DictEntries HandDictionary() {
  DictEntries d;
  // An unknown name with a code that changes with the date, PETRARCH style:
  //   ZORBLAX_QUIMBY_ / +QUIMBY [RUSGOV 010101-121231] [RUSELI >130101] [RUS]
  d.actors.push_back({{"ZORBLAX QUIMBY", "QUIMBY"},
                      {Code("RUSGOV", "2001-01-01", "2012-12-31", 3), Code("RUSELI", "2013-01-01", std::nullopt, 4),
                       Code("RUS", std::nullopt, std::nullopt, 5)},
                      "hand.actors.txt",
                      2});
  d.actors.push_back({{"FROBNITZ ALLIANCE"}, {Code("IGOFRB")}, "hand.actors.txt", 7});
  d.actors.push_back({{"GONDORIA", "GONDORIAN"}, {Code("GEO")}, "hand.actors.txt", 8});
  d.actors.push_back({{"THE NAMELESS ONE"}, {Code("---")}, "hand.actors.txt", 9});
  // Only before 2000: no code afterwards.
  d.actors.push_back({{"OLD REGIME"}, {Code("MMRGOV", std::nullopt, "1999-12-31")}, "hand.actors.txt", 10});
  // Also a name of ours ("Russia"): ours wins while our phrases are on.
  d.actors.push_back({{"RUSSIA"}, {Code("QQQ")}, "hand.actors.txt", 11});
  d.actors.push_back({{"  "}, {Code("ABC")}, "hand.actors.txt", 12});  // no words
  d.agents.push_back({"GLORPMASTER", "GOV", false, "hand.agents.txt", 1});
  d.agents.push_back({"GLORPMASTERS", "GOV", false, "hand.agents.txt", 1});
  d.agents.push_back({"SNARFLERS", "MIL", false, "hand.agents.txt", 2});
  d.agents.push_back({"WIDGET BODY", "NGO", true, "hand.agents.txt", 3});
  d.agents.push_back({"BROKEN AGENT", "G0V", false, "hand.agents.txt", 4});  // bad code
  return d;
}

class DictIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static DictEntries dict = HandDictionary();
    for (bool builtin : {true, false}) {
      Collected c;
      ActorIndexOptions o;
      o.builtin_phrases = builtin;
      o.dict = &dict;
      auto r = ActorIndex::Load(MiniRoot(), c.Sink(), o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      // The phrase without words and the agent with a bad code are reported with file and line.
      EXPECT_TRUE(c.Has("hand.actors.txt", 12, "has no words")) << c.All();
      EXPECT_TRUE(c.Has("hand.agents.txt", 4, "agent code 'G0V'")) << c.All();
      EXPECT_EQ(c.Errors(), 2) << c.All();
      (builtin ? with_ours_ : dict_only_) = std::move(r.value()).release();
    }
  }
  static void TearDownTestSuite() {
    delete with_ours_;
    delete dict_only_;
    with_ours_ = dict_only_ = nullptr;
  }
  static ActorResolution R(const ActorIndex* index, const std::string& phrase, std::optional<std::string> date) {
    return index->Resolve(phrase, date ? Date::Parse(*date) : std::nullopt);
  }
  static std::string Why(const ActorResolution& r) {
    std::string s;
    for (const auto& l : r.explanation) s += l + "\n";
    return s;
  }

  static ActorIndex* with_ours_;
  static ActorIndex* dict_only_;
};
ActorIndex* DictIndexTest::with_ours_ = nullptr;
ActorIndex* DictIndexTest::dict_only_ = nullptr;

TEST_F(DictIndexTest, UnknownNameResolvesFromTheDictionary) {
  EXPECT_EQ(R(with_ours_, "Frobnitz Alliance", "2020-01-01").actor.code, "IGOFRB");
  EXPECT_EQ(R(dict_only_, "Frobnitz Alliance", "2020-01-01").actor.code, "IGOFRB");
  // An index built from data/actors alone does not know it.
  Collected c;
  auto plain = ActorIndex::Load(MiniRoot(), c.Sink());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE((*plain)->Resolve("Frobnitz Alliance", Date::Parse("2020-01-01")).found);
}

TEST_F(DictIndexTest, DictionaryActorsAndTheirProvenance) {
  auto r = R(with_ours_, "the Frobnitz Alliance", "2020-01-01");
  ASSERT_TRUE(r.found) << Why(r);
  EXPECT_EQ(r.actor.code, "IGOFRB");
  EXPECT_EQ(r.actor.country, "");
  EXPECT_EQ(r.actor.name, "Frobnitz Alliance");
  EXPECT_NE(Why(r).find("hand.actors.txt:7"), std::string::npos) << Why(r);
  // Case: an actor phrase does not match text starting in lower case.
  EXPECT_FALSE(R(with_ours_, "frobnitz alliance", "2020-01-01").found);
  // A bare state code is a state.
  r = R(with_ours_, "Gondoria", "2020-01-01");
  EXPECT_EQ(r.actor.code, "GEO");
  EXPECT_EQ(r.actor.country, "GEO");
}

TEST_F(DictIndexTest, DateRestrictionsFollowTheArticleDate) {
  for (const ActorIndex* index : {with_ours_, dict_only_}) {
    EXPECT_EQ(R(index, "Zorblax Quimby", "2005-06-01").actor.code, "RUSGOV");
    EXPECT_EQ(R(index, "Zorblax Quimby", "2012-12-31").actor.code, "RUSGOV");  // inclusive
    EXPECT_EQ(R(index, "Zorblax Quimby", "2013-01-01").actor.code, "RUSELI");
    EXPECT_EQ(R(index, "Quimby", "2020-01-01").actor.code, "RUSELI");  // a synonym
    EXPECT_EQ(R(index, "Zorblax Quimby", "1990-01-01").actor.code, "RUS");  // the default
    // No date: as for our roles, a restriction still open is current.
    EXPECT_EQ(R(index, "Zorblax Quimby", std::nullopt).actor.code, "RUSELI");
    auto r = R(index, "Zorblax Quimby", "2013-01-01");
    EXPECT_EQ(r.actor.country, "RUS");
    EXPECT_EQ(r.actor.sector, "ELI");
    EXPECT_NE(Why(r).find("hand.actors.txt:4"), std::string::npos) << Why(r);
    // Only before 2000, no default: a known name, but no actor afterwards.
    EXPECT_EQ(R(index, "Old Regime", "1995-01-01").actor.code, "MMRGOV");
    EXPECT_FALSE(R(index, "Old Regime", "2005-01-01").found);
    EXPECT_FALSE(R(index, "The Nameless One", "2005-01-01").found);  // the null code
  }
}

TEST_F(DictIndexTest, AgentsGiveASector) {
  // A dictionary agent after one of our country adjectives.
  auto r = R(with_ours_, "Russian glorpmasters", "2020-01-01");
  EXPECT_EQ(r.actor.code, "RUSGOV") << Why(r);
  EXPECT_EQ(r.actor.sector, "GOV");
  // Alone: the sector, the country left to the context.
  r = R(with_ours_, "the glorpmaster", "2020-01-01");
  EXPECT_EQ(r.actor.code, "GOV") << Why(r);
  // After a dictionary actor with a state code, as after a country adjective.
  r = R(dict_only_, "Gondorian snarflers", "2020-01-01");
  EXPECT_EQ(r.actor.code, "GEOMIL") << Why(r);
  EXPECT_EQ(r.actor.country, "GEO");
  EXPECT_EQ(r.actor.sector, "MIL");
  // After a longer code: appended, as PETRARCH does.
  EXPECT_EQ(R(dict_only_, "Frobnitz Alliance snarflers", "2020-01-01").actor.code, "IGOFRBMIL");
  // A prefix agent ("[NGO~]") writes its code before the country.
  EXPECT_EQ(R(with_ours_, "American widget body", "2020-01-01").actor.code, "NGOUSA");
  // With our title after a dictionary state: the holder of the post on the date.
  r = R(with_ours_, "Gondorian president", "2020-01-01");
  EXPECT_EQ(r.actor.code, "GEOGOV") << Why(r);
}

TEST_F(DictIndexTest, OursFirstOrTheDictionaryAlone) {
  // "Russia" is known to both: ours while our phrases are on, the dictionary's without them.
  EXPECT_EQ(R(with_ours_, "Russia", "2020-01-01").actor.code, "RUS");
  EXPECT_EQ(R(dict_only_, "Russia", "2020-01-01").actor.code, "QQQ");
  // Our names and agents are not matched without our phrases; the dictionary's still are.
  EXPECT_TRUE(R(with_ours_, "Vladimir Putin", "2020-01-01").found);
  EXPECT_FALSE(R(dict_only_, "Vladimir Putin", "2020-01-01").found);
  EXPECT_FALSE(R(dict_only_, "Chinese troops", "2020-01-01").found);
  EXPECT_EQ(R(dict_only_, "Quimby", "2005-01-01").actor.code, "RUSGOV");
  // A dictionary actor after our title keeps its own code, as a person's role wins.
  auto r = R(with_ours_, "Chinese President Zorblax Quimby", "2005-06-01");
  EXPECT_EQ(r.actor.code, "RUSGOV") << Why(r);
  // Counts show what was loaded.
  int64_t dict_actors = -1, phrases = -1;
  for (const auto& [k, n] : dict_only_->Counts()) {
    if (k == "dictionary actors") dict_actors = n;
    if (k == "phrases") phrases = n;
  }
  EXPECT_EQ(dict_actors, 6);  // not the one without words
  EXPECT_EQ(phrases, 0);
}

}  // namespace
}  // namespace entente::actors
