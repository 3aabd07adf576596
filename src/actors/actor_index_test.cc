#include "actors/actor_index.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "actors/actor_index_testutil.h"
#include "base/testutil.h"
#include "entente/pipeline.h"
#include "entente/reader.h"

namespace entente::actors {
namespace {

using testutil::Collected;
using testutil::MiniRoot;

class MiniIndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Collected c;
    auto r = ActorIndex::Load(MiniRoot(), c.Sink());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(c.Errors(), 0) << c.All();
    index_ = std::move(r.value()).release();
  }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }

  // Segments `text`, runs Find over every sentence with one context.
  std::vector<ActorMention> FindAll(const std::string& text, std::optional<Date> date, DocContext* ctx = nullptr) {
    doc_ = Document();
    doc_.text = text;
    doc_.date = date;
    SegmentDocument(&doc_);
    DocContext local;
    if (!ctx) ctx = &local;
    ctx->date = date;
    std::vector<ActorMention> out;
    for (const Sentence& s : doc_.sentences) {
      auto m = index_->Find(doc_, s, ctx);
      out.insert(out.end(), m.begin(), m.end());
    }
    return out;
  }
  // The single mention in `text` (fails the test when there is not exactly one).
  ActorMention One(const std::string& text, std::optional<Date> date) {
    auto all = FindAll(text, date);
    EXPECT_EQ(all.size(), 1u) << text;
    return all.empty() ? ActorMention() : all[0];
  }
  static Date D(const char* s) { return *Date::Parse(s); }

  static ActorIndex* index_;
  Document doc_;
};
ActorIndex* MiniIndexTest::index_ = nullptr;

TEST_F(MiniIndexTest, Counts) {
  auto counts = index_->Counts();
  std::map<std::string, int64_t> m(counts.begin(), counts.end());
  EXPECT_EQ(m["states"], 7);
  EXPECT_EQ(m["organisations"], 3);
  EXPECT_EQ(m["agents"], 6);
  EXPECT_EQ(m["people"], 8);
  EXPECT_EQ(m["roles"], 15);
  EXPECT_GT(m["phrases"], 50);
}

TEST_F(MiniIndexTest, NorthKoreanLeaderKimJongUn) {
  ActorMention m = One("North Korean leader Kim Jong Un is set to appear.", D("2025-09-01"));
  EXPECT_EQ(m.actor.code, "PRKGOV");
  EXPECT_EQ(m.actor.country, "PRK");
  EXPECT_EQ(m.actor.sector, "GOV");
  EXPECT_EQ(m.actor.name, "Kim Jong Un");
  EXPECT_EQ(m.actor.text, "North Korean leader Kim Jong Un");
  EXPECT_EQ(doc_.Text(m.actor.span), "North Korean leader Kim Jong Un");
  EXPECT_EQ(m.kind, ActorMention::Kind::kPerson);
  EXPECT_EQ(m.end_token - m.first_token, 6u);
  // Provenance names the adjective, the title, the person and the role used.
  ASSERT_GE(m.entries.size(), 4u);
  EXPECT_NE(m.entries[0].find("state PRK adjective 'North Korean' (data/actors/states.txt:"), std::string::npos);
  bool role = false;
  for (const std::string& e : m.entries)
    role |= e.find("person KIM_JONG_UN role PRK GOV leader 2011-12-17.. (data/actors/people/test.txt:5)") != std::string::npos;
  EXPECT_TRUE(role);
}

TEST_F(MiniIndexTest, FoundingArticlePhrases) {
  Date d = D("2025-09-01");
  auto all = FindAll("Chinese President Xi Jinping and Russian President Vladimir Putin met.", d);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].actor.code, "CHNGOV");
  EXPECT_EQ(all[0].actor.name, "Xi Jinping");
  EXPECT_EQ(all[0].actor.text, "Chinese President Xi Jinping");
  EXPECT_EQ(all[1].actor.code, "RUSGOV");
  EXPECT_EQ(all[1].actor.name, "Vladimir Putin");

  all = FindAll("Experts from the Seoul-based Korea Research Institute for National Strategy said so.", d);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].kind, ActorMention::Kind::kOrganisation);
  EXPECT_EQ(all[0].actor.code, "KOREDU");  // think tanks are EDU (organisations.txt)
  EXPECT_EQ(all[0].actor.country, "KOR");
  EXPECT_EQ(all[0].actor.name, "Korea Research Institute for National Strategy");

  all = FindAll("the 80th anniversary of the ruling Workers\u2019 Party in October", d);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor.code, "PRKGOVPTY");
  EXPECT_EQ(all[0].actor.country, "PRK");
  all = FindAll("The Workers' Party met.", d);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor.code, "PRKGOVPTY");

  all = FindAll("This convergence of leaders from Pyongyang, Beijing, and Moscow underscores it.", d);
  ASSERT_EQ(all.size(), 3u);
  const char* codes[] = {"PRKGOV", "CHNGOV", "RUSGOV"};
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(all[k].actor.code, codes[k]);
    EXPECT_EQ(all[k].kind, ActorMention::Kind::kCapital);
    EXPECT_TRUE(all[k].also_place);
  }

  all = FindAll("They are embroiled in separate confrontations with the U.S., their rival.", d);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor.code, "USA");
  EXPECT_EQ(all[0].actor.text, "U.S.");
  EXPECT_TRUE(all[0].also_place);

  all = FindAll("His summits with the former U.S. President preceded the visits.", d);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor.code, "USAELI");
  EXPECT_EQ(all[0].actor.text, "former U.S. President");
  EXPECT_EQ(all[0].actor.name, "");  // Biden and Obama both were: ambiguous
}

TEST_F(MiniIndexTest, PostHolderByDate) {
  ActorMention m = One("the U.S. President said", D("2019-06-30"));
  EXPECT_EQ(m.actor.code, "USAGOV");
  EXPECT_EQ(m.actor.name, "Donald Trump");
  m = One("the U.S. President said", D("2023-06-30"));
  EXPECT_EQ(m.actor.code, "USAGOV");
  EXPECT_EQ(m.actor.name, "Joe Biden");
  m = One("the U.S. President said", D("2025-06-30"));
  EXPECT_EQ(m.actor.name, "Donald Trump");
  m = One("the American president said", std::nullopt);  // no date: the open role
  EXPECT_EQ(m.actor.name, "Donald Trump");
  // Only Obama had left the post by mid-2019: the former president is unambiguous.
  m = One("the former U.S. President said", D("2019-06-30"));
  EXPECT_EQ(m.actor.code, "USAELI");
  EXPECT_EQ(m.actor.name, "Barack Obama");
}

TEST_F(MiniIndexTest, PersonAloneResolvesByDate) {
  ActorMention m = One("Donald Trump spoke.", D("2019-06-30"));
  EXPECT_EQ(m.actor.code, "USAGOV");
  m = One("Donald Trump spoke.", D("2023-06-30"));
  EXPECT_EQ(m.actor.code, "USAELI");  // between terms: an elite
  m = One("Donald Trump spoke.", D("2025-03-01"));
  EXPECT_EQ(m.actor.code, "USAGOV");
  m = One("Kim Jong-un spoke.", D("2025-09-01"));
  EXPECT_EQ(m.actor.code, "PRKGOV");
  EXPECT_EQ(m.actor.name, "Kim Jong Un");
  m = One("Kim Jong Eun spoke.", D("2015-01-01"));
  EXPECT_EQ(m.actor.code, "PRKGOV");
  m = One("Kim Jong Un spoke.", D("2005-01-01"));
  EXPECT_EQ(m.actor.code, "PRKELI");  // before any role: elite of the first role's country
  m = One("Newt Figure spoke.", D("2020-01-01"));
  EXPECT_EQ(m.actor.code, "USALEG");  // before any role: the record's default
}

TEST_F(MiniIndexTest, PutinPrimeMinisterThenPresident) {
  auto resolve = [&](const char* date) { return index_->Resolve("Vladimir Putin", D(date)); };
  ActorResolution r = resolve("2010-01-01");
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.actor.code, "RUSGOV");
  bool pm = false;
  for (const std::string& l : r.explanation) pm |= l.find("head_of_government 2008-05-08..2012-05-07") != std::string::npos;
  EXPECT_TRUE(pm);
  r = resolve("2015-01-01");
  bool president = false;
  for (const std::string& l : r.explanation) president |= l.find("head_of_state 2012-05-07..") != std::string::npos;
  EXPECT_TRUE(president);
  // "Russian Prime Minister" in 2010 names Putin; in 2015 nobody in the fixture.
  r = index_->Resolve("Russian Prime Minister", D("2010-01-01"));
  EXPECT_EQ(r.actor.name, "Vladimir Putin");
  r = index_->Resolve("Russian Prime Minister", D("2015-01-01"));
  EXPECT_EQ(r.actor.code, "RUSGOV");
  EXPECT_EQ(r.actor.name, "");
}

TEST_F(MiniIndexTest, ResolveExplains) {
  ActorResolution r = index_->Resolve("North Korean leader Kim Jong Un", D("2025-09-01"));
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.actor.code, "PRKGOV");
  std::string all;
  for (const std::string& l : r.explanation) all += l + "\n";
  EXPECT_NE(all.find("'North Korean' -> state PRK adjective"), std::string::npos) << all;
  EXPECT_NE(all.find("'leader' -> agent GOV title 'leader' : leader"), std::string::npos) << all;
  EXPECT_NE(all.find("role on 2025-09-01"), std::string::npos) << all;
  EXPECT_NE(all.find("compose: country adjective + title + person"), std::string::npos) << all;
  r = index_->Resolve("the weather", D("2025-09-01"));
  EXPECT_FALSE(r.found);
  EXPECT_FALSE(r.explanation.empty());
}

TEST_F(MiniIndexTest, SectorsFromAgents) {
  Date d = D("2025-09-01");
  EXPECT_EQ(One("Russian lawmakers voted.", d).actor.code, "RUSLEG");
  EXPECT_EQ(One("the Chinese military drilled", d).actor.code, "CHNMIL");
  ActorMention m = One("South Korea's defense ministry said", d);
  EXPECT_EQ(m.actor.code, "KORGOV");
  EXPECT_EQ(m.actor.text, "South Korea's defense ministry");
  // Bare agent nouns: sector only, country for the coder to fill.
  m = One("protesters gathered", d);
  EXPECT_EQ(m.actor.code, "OPP");
  EXPECT_EQ(m.actor.country, "");
  EXPECT_EQ(One("police arrived", d).actor.code, "COP");
  EXPECT_EQ(One("a suicide bomber struck", d).actor.code, "INS");
}

TEST_F(MiniIndexTest, LongestMatchAndPossessive) {
  Date d = D("2025-09-01");
  ActorMention m = One("North Korea fired a missile.", d);
  EXPECT_EQ(m.actor.code, "PRK");
  EXPECT_EQ(m.actor.text, "North Korea");
  m = One("South Korea's", d);
  EXPECT_EQ(m.actor.code, "KOR");
  EXPECT_EQ(m.actor.text, "South Korea");
  m = One("South Korea\u2019s role", d);
  EXPECT_EQ(m.actor.code, "KOR");
  m = One("the United States\u2019 efforts", d);
  EXPECT_EQ(m.actor.code, "USA");
  m = One("North Korea's Kim Jong Un", d);
  EXPECT_EQ(m.actor.code, "PRKGOV");
  EXPECT_EQ(m.actor.text, "North Korea's Kim Jong Un");
  m = One("Washington, D.C. hosted it", d);
  EXPECT_EQ(m.actor.text, "Washington, D.C.");
  EXPECT_TRUE(m.also_place);
}

TEST_F(MiniIndexTest, AcronymsMatchOnlyInUpperCase) {
  Date d = D("2025-09-01");
  EXPECT_EQ(One("The US imposed sanctions.", d).actor.code, "USA");
  EXPECT_EQ(One("US troops left.", d).actor.code, "USAMIL");
  EXPECT_TRUE(FindAll("He told us nothing.", d).empty());
  EXPECT_TRUE(FindAll("nato is a word here", d).empty());
  ActorMention m = One("NATO allies met.", d);
  EXPECT_EQ(m.actor.code, "IGOWSTNAT");
  EXPECT_EQ(m.actor.country, "");
  EXPECT_EQ(m.kind, ActorMention::Kind::kOrganisation);
  EXPECT_EQ(One("the DPRK said", d).actor.code, "PRK");
  EXPECT_EQ(One("the Atlantic alliance said", d).actor.code, "IGOWSTNAT");
  // An international organisation between a country and an agent noun only qualifies it.
  ActorMention m2 = One("China's NATO envoy said", d);
  EXPECT_EQ(m2.actor.code, "CHNGOV");
  EXPECT_EQ(m2.actor.text, "China's NATO envoy");
}

TEST_F(MiniIndexTest, HistoricalNamesOnlyInTheirInterval) {
  EXPECT_EQ(One("Burma held elections.", D("1960-05-01")).actor.code, "MMR");
  EXPECT_TRUE(FindAll("Burma held elections.", D("2020-05-01")).empty());
  EXPECT_EQ(One("Myanmar held elections.", D("2020-05-01")).actor.code, "MMR");
}

TEST_F(MiniIndexTest, ShortNames) {
  Date d = D("2025-09-01");
  // Exactly one person named Putin holds a role today.
  EXPECT_EQ(One("Putin said", d).actor.name, "Vladimir Putin");
  // Two Kims hold roles for one state: alone, the one in a top post (leader, head of state or
  // government) is meant, as wire text names a ruler by the bare surname.
  EXPECT_EQ(One("Kim said", d).actor.name, "Kim Jong Un");
  // Named in full earlier in the document, the short name is that person.
  DocContext ctx;
  auto all = FindAll("Kim Jong Un arrived. Later Kim said it.", d, &ctx);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].actor.name, "Kim Jong Un");
  EXPECT_EQ(all[1].actor.text, "Kim");
  EXPECT_EQ(all[1].actor.code, "PRKGOV");
  ASSERT_EQ(ctx.people_seen.size(), 1u);
  EXPECT_EQ(ctx.people_seen[0], "KIM_JONG_UN");
  // The seen list carries across calls with the same context.
  all = FindAll("Kim\u2019s decision to attend", d, &ctx);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actor.name, "Kim Jong Un");
  // Obama holds no role today: his short name alone does not resolve.
  EXPECT_TRUE(FindAll("Obama said", d).empty());
  EXPECT_EQ(One("Obama said", D("2012-01-01")).actor.code, "USAGOV");
}

TEST_F(MiniIndexTest, FormerMakesAnElite) {
  Date d = D("2025-09-01");
  ActorMention m = One("former President Barack Obama said", d);
  EXPECT_EQ(m.actor.code, "USAELI");
  EXPECT_EQ(m.actor.name, "Barack Obama");
  EXPECT_EQ(m.actor.text, "former President Barack Obama");
  EXPECT_EQ(One("Barack Obama said", d).actor.code, "USAELI");
  EXPECT_TRUE(FindAll("a former colony", d).empty());
}

TEST_F(MiniIndexTest, MetonymsAndDemonyms) {
  Date d = D("2025-09-01");
  EXPECT_EQ(One("the White House said", d).actor.code, "USAGOV");
  EXPECT_EQ(One("the Pentagon said", d).actor.code, "USAMIL");
  // Names written capitalized do not match lower-case text.
  EXPECT_TRUE(FindAll("a white house on the hill", d).empty());
  EXPECT_TRUE(FindAll("fine china and a georgia peach", d).empty());
  EXPECT_EQ(One("Georgia protested", d).actor.code, "GEO");
  EXPECT_EQ(One("WHITE HOUSE DENIES", d).actor.code, "USAGOV");
  ActorMention m = One("the Korean People\u2019s Army fired", d);
  EXPECT_EQ(m.actor.code, "PRKMIL");
  m = One("North Koreans fled", d);
  EXPECT_EQ(m.actor.code, "PRK");
  EXPECT_FALSE(m.also_place);
}

TEST(ActorIndexLoadTest, ValidationErrorsNameFileAndLine) {
  Collected c;
  std::string root = testing::SourceDir() + "/tests/golden/actors/bad";
  auto r = ActorIndex::Load(root, c.Sink());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(c.Has("states.txt", 5, "bad date '1950-13'")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 6, "unknown sector 'XYZ'")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 7, "needs a sector")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 9, "duplicate state id 'PRK'")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 12, "not an ISO 3166-1 alpha-3")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 15, "unknown record kind 'nation'")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 18, "has no 'name'")) << c.All();
  EXPECT_TRUE(c.Has("states.txt", 20, "unknown key 'colour'")) << c.All();
  EXPECT_TRUE(c.Has("organisations.txt", 4, "unknown member country code 'XXX'")) << c.All();
  EXPECT_TRUE(c.Has("organisations.txt", 9, "unknown country code 'ZZZ'")) << c.All();
  EXPECT_TRUE(c.Has("organisations.txt", 13, "does not start with the country 'PRK'")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 4, "unknown country code 'XXX'")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 5, "unknown sector 'ABC'")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 6, "bad date '2012-02-30'")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 7, "is after TO")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 8, "role must be")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 9, "expected 'key = value'")) << c.All();
  EXPECT_TRUE(c.Has("people/p.txt", 11, "duplicate person id 'KIM_JONG_UN'")) << c.All();
  EXPECT_EQ(c.Errors(), 19) << c.All();
  for (const Diagnostic& d : c.diags)
    if (d.level == Diagnostic::Level::kError) {
      EXPECT_EQ(d.file.rfind("data/actors/", 0), 0u) << d.ToString();
    }
  // The valid rest loads: PRK with its adjective, Kim with his one good role.
  auto counts = r.value()->Counts();
  std::map<std::string, int64_t> m(counts.begin(), counts.end());
  EXPECT_EQ(m["states"], 1);
  EXPECT_EQ(m["people"], 1);
  EXPECT_EQ(m["roles"], 1);
  EXPECT_EQ(m["organisations"], 1);
  ActorResolution res = r.value()->Resolve("North Korean leader Kim Jong Un", *Date::Parse("2020-01-01"));
  // "leader" is not a title in the bad agents file: the adjective stands apart and the person
  // (the longest mention) resolves alone.
  EXPECT_TRUE(res.found);
  EXPECT_EQ(res.actor.code, "PRKGOV");
  // CheckActorFiles counts the same errors.
  Collected c2;
  EXPECT_EQ(CheckActorFiles(root, c2.Sink()), 19);
  EXPECT_EQ(c2.Errors(), 19);
  Collected c3;
  EXPECT_EQ(CheckActorFiles(MiniRoot(), c3.Sink()), 0) << c3.All();
}

TEST(ActorIndexLoadTest, MissingStatesFileFails) {
  Collected c;
  std::string dir = testing::TempDir();
  auto r = ActorIndex::Load(dir, c.Sink());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("states.txt"), std::string::npos);
  EXPECT_GE(CheckActorFiles(dir, c.Sink()), 1);
}

TEST(ActorIndexLoadTest, LoadFromTextsInAnyOrder) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"p.txt", "[person X_Y]\nname = Xavier Yu\nrole = ABC GOV - 2000..\n"},
       {"s.txt", "[state ABC]\nname = Abcland\n"}},
      c.Sink());
  EXPECT_EQ(c.Errors(), 0) << c.All();
  ActorResolution r = index->Resolve("Xavier Yu", *Date::Parse("2020-01-01"));
  ASSERT_TRUE(r.found);
  EXPECT_EQ(r.actor.code, "ABCGOV");
}

// ---- the real knowledge files (skipped when a file is not there yet)

class RealDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::SourceDir();
    if (!std::filesystem::exists(root_ + "/data/actors/states.txt")) GTEST_SKIP() << "data/actors/states.txt not present";
    auto r = ActorIndex::Load(root_, c_.Sink());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    index_ = std::move(r.value());
  }
  bool Has(const char* f) const { return std::filesystem::exists(root_ + "/data/actors/" + f); }
  std::string root_;
  Collected c_;
  std::unique_ptr<ActorIndex> index_;
};

TEST_F(RealDataTest, LoadsCleanly) {
  EXPECT_EQ(c_.Errors(), 0) << c_.All();
  auto counts = index_->Counts();
  std::map<std::string, int64_t> m(counts.begin(), counts.end());
  EXPECT_GE(m["states"], 193);
}

TEST_F(RealDataTest, StatesAndAcronyms) {
  Date d = *Date::Parse("2025-09-01");
  EXPECT_EQ(index_->Resolve("North Korea", d).actor.code, "PRK");
  EXPECT_EQ(index_->Resolve("the U.S.", d).actor.code, "USA");
  EXPECT_EQ(index_->Resolve("DPRK", d).actor.code, "PRK");
  EXPECT_FALSE(index_->Resolve("us", d).found);
  EXPECT_EQ(index_->Resolve("Pyongyang", d).actor.country, "PRK");
}

// Former states' phrases carry the interval of the state's existence: "Soviet" is SUN in 1985,
// no actor in 2025; "Yugoslavia" is YUG before 1992-04-27 and the Federal Republic (SRB) after.
TEST_F(RealDataTest, FormerStatesOnlyWhileTheyExisted) {
  if (!Has("agents.txt")) GTEST_SKIP() << "agents.txt not present";
  Date before = *Date::Parse("1985-06-01"), after = *Date::Parse("2025-06-01");
  EXPECT_EQ(index_->Resolve("Soviet troops", before).actor.code, "SUNMIL");
  EXPECT_EQ(index_->Resolve("the Soviet Union", before).actor.code, "SUN");
  EXPECT_EQ(index_->Resolve("the USSR", *Date::Parse("1991-12-25")).actor.code, "SUN");
  EXPECT_FALSE(index_->Resolve("the Soviet Union", after).found);
  EXPECT_FALSE(index_->Resolve("the USSR", *Date::Parse("1991-12-26")).found);
  EXPECT_NE(index_->Resolve("Soviet troops", after).actor.country, "SUN");
  EXPECT_EQ(index_->Resolve("Yugoslav forces", *Date::Parse("1991-09-20")).actor.code, "YUGMIL");
  EXPECT_EQ(index_->Resolve("Yugoslavia", *Date::Parse("1992-04-26")).actor.code, "YUG");
  EXPECT_EQ(index_->Resolve("Yugoslavia", *Date::Parse("1999-05-01")).actor.code, "SRB");
  EXPECT_NE(index_->Resolve("Yugoslav forces", *Date::Parse("1999-05-01")).actor.country, "YUG");
  // A leader of a former state is, after its end, an elite of the record's default state.
  EXPECT_EQ(index_->Resolve("Mikhail Gorbachev", before).actor.code, "SUNGOV");
  EXPECT_EQ(index_->Resolve("Mikhail Gorbachev", *Date::Parse("2000-05-01")).actor.code, "RUSELI");
}

TEST_F(RealDataTest, FoundingArticle) {
  if (!Has("agents.txt") || !Has("organisations.txt") || !std::filesystem::exists(root_ + "/data/actors/people"))
    GTEST_SKIP() << "agents, organisations or people not present yet";
  Date d = *Date::Parse("2025-09-01");
  ActorResolution r = index_->Resolve("North Korean leader Kim Jong Un", d);
  EXPECT_EQ(r.actor.code, "PRKGOV");
  EXPECT_EQ(r.actor.name, "Kim Jong Un");
  EXPECT_EQ(index_->Resolve("Chinese President Xi Jinping", d).actor.code, "CHNGOV");
  EXPECT_EQ(index_->Resolve("Russian President Vladimir Putin", d).actor.code, "RUSGOV");
  EXPECT_EQ(index_->Resolve("the Seoul-based Korea Research Institute for National Strategy", d).actor.country, "KOR");
  EXPECT_EQ(index_->Resolve("ruling Workers' Party", d).actor.country, "PRK");
  EXPECT_EQ(index_->Resolve("the former U.S. President", d).actor.code, "USAELI");
  EXPECT_EQ(index_->Resolve("Russian lawmakers", d).actor.code, "RUSLEG");
  ActorResolution t = index_->Resolve("the U.S. President", *Date::Parse("2019-06-30"));
  EXPECT_EQ(t.actor.name, "Donald Trump");
  t = index_->Resolve("the U.S. President", *Date::Parse("2023-06-30"));
  EXPECT_EQ(t.actor.name, "Joe Biden");
}

// ---- regressions (actors2): each test is named after the problem it pins down.

// Mentions of `text` (one document, every sentence, one context) as "code|text" strings.
std::vector<ActorMention> FindIn(const ActorIndex& index, const std::string& text, const char* date) {
  Document doc;
  doc.text = text;
  doc.date = *Date::Parse(date);
  SegmentDocument(&doc);
  DocContext ctx;
  ctx.date = doc.date;
  std::vector<ActorMention> out;
  for (const Sentence& s : doc.sentences) {
    auto m = index.Find(doc, s, &ctx);
    out.insert(out.end(), m.begin(), m.end());
  }
  return out;
}
bool AnyCountry(const std::vector<ActorMention>& all, const std::string& country) {
  for (const ActorMention& m : all)
    if (m.actor.country == country || m.actor.code.rfind(country, 0) == 0) return true;
  return false;
}
std::string Codes(const std::vector<ActorMention>& all) {
  std::string s;
  for (const ActorMention& m : all) s += m.actor.code + " '" + m.actor.text + "'; ";
  return s;
}
std::string Explained(const ActorResolution& r) {
  std::string s;
  for (const std::string& l : r.explanation) s += l + "\n";
  return s;
}

TEST_F(RealDataTest, InternationalPostsResolveToTheOrganisation) {
  auto code = [&](const char* phrase, const char* date) { return index_->Resolve(phrase, *Date::Parse(date)).actor.code; };
  EXPECT_EQ(code("Antonio Guterres", "2019-06-01"), "IGOUNO");
  EXPECT_EQ(code("Jens Stoltenberg", "2019-06-01"), "IGOWSTNAT");
  EXPECT_EQ(code("Mark Rutte", "2025-06-01"), "IGOWSTNAT");
  EXPECT_EQ(code("Mark Rutte", "2019-06-01"), "NLDGOV");
  EXPECT_EQ(code("Ursula von der Leyen", "2023-06-01"), "IGOEUREEC");
  EXPECT_EQ(code("Kaja Kallas", "2025-06-01"), "IGOEUREEC");
  // After the post: an elite of their own state, not of the organisation.
  EXPECT_EQ(code("Ban Ki-moon", "2020-01-01"), "KORELI");
  EXPECT_EQ(code("Kofi Annan", "2010-01-01"), "GHAELI");
  // A title after the organisation finds the holder of the organisation's post on the date.
  ActorResolution r = index_->Resolve("U.N. Secretary-General", *Date::Parse("2020-01-01"));
  EXPECT_EQ(r.actor.code, "IGOUNO");
  EXPECT_EQ(r.actor.name, "Antonio Guterres");
  r = index_->Resolve("NATO Secretary-General", *Date::Parse("2020-01-01"));
  EXPECT_EQ(r.actor.name, "Jens Stoltenberg");
  r = index_->Resolve("NATO Secretary General Mark Rutte", *Date::Parse("2025-06-01"));
  EXPECT_EQ(r.actor.code, "IGOWSTNAT");
  EXPECT_EQ(r.actor.text, "NATO Secretary General Mark Rutte");
  EXPECT_NE(Explained(r).find("person RUTTE_MARK role NATO IGO secretary_general"), std::string::npos) << Explained(r);
  // No role line is left with the bare IGO code in the country column.
  for (const char* who : {"Antonio Guterres", "Jens Stoltenberg", "Mark Rutte", "Ursula von der Leyen", "Rafael Grossi"})
    EXPECT_NE(code(who, "2020-06-01"), "IGOIGO") << who;
}

// A title names the person who held the post on the article's date (facts26: the 2022-2025
// hand-overs, acting holders after a removal, and the rotating Swiss presidency).
TEST_F(RealDataTest, TitlesNameTheHolderOnTheDate) {
  if (!std::filesystem::exists(root_ + "/data/actors/people/leaders-2011-2025.txt")) GTEST_SKIP() << "no leaders file";
  auto holder = [&](const char* phrase, const char* date) { return index_->Resolve(phrase, *Date::Parse(date)).actor.name; };
  EXPECT_EQ(holder("the British prime minister", "2022-10-01"), "Liz Truss");
  EXPECT_EQ(holder("the British prime minister", "2024-07-10"), "Keir Starmer");
  EXPECT_EQ(holder("the French Prime Minister", "2025-01-15"), "Francois Bayrou");
  EXPECT_EQ(holder("the Japanese prime minister", "2024-10-02"), "Shigeru Ishiba");
  EXPECT_EQ(holder("the German chancellor", "2025-05-07"), "Friedrich Merz");
  EXPECT_EQ(holder("the Canadian prime minister", "2025-03-12"), "Justin Trudeau");
  EXPECT_EQ(holder("the Canadian prime minister", "2025-03-17"), "Mark Carney");
  EXPECT_EQ(holder("the South Korean president", "2025-05-20"), "Lee Ju-ho");      // acting after Han's resignation
  EXPECT_EQ(holder("the South Korean president", "2025-06-09"), "Lee Jae-myung");
  EXPECT_EQ(holder("the Polish prime minister", "2023-12-14"), "Donald Tusk");
  EXPECT_EQ(holder("the Swiss president", "2013-06-01"), "Ueli Maurer");            // one calendar year each
  EXPECT_EQ(holder("the Swiss president", "2024-06-01"), "Viola Amherd");
  EXPECT_EQ(holder("the Zimbabwean president", "2019-01-20"), "Emmerson Mnangagwa");
  EXPECT_EQ(holder("the Angolan president", "2010-06-01"), "Jose Eduardo dos Santos");
  EXPECT_EQ(holder("the Angolan president", "2020-06-01"), "Joao Lourenco");
  auto code = [&](const char* phrase, const char* date) { return index_->Resolve(phrase, *Date::Parse(date)).actor.code; };
  EXPECT_EQ(code("Choi Sang-mok", "2025-02-01"), "KORGOV");
  EXPECT_EQ(code("King Mswati", "2022-01-01"), "SWZGOV");
  EXPECT_EQ(code("Ueli Maurer", "2016-06-01"), "CHEGOV");  // a federal councillor outside his presidency
}

TEST(ActorIndexLoadTest, InternationalPostsNameTheOrganisationById) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n"},
       {"o.txt", "[igo WB]\nname = World Body\ncode = IGOWBD\n"},
       {"p.txt", "[person X_Y]\nname = Xavier Yu\nrole = ABC GOV - 2000..2009\nrole = WB IGO secretary_general 2010..2015\n"
                 "[person Z_Z]\nname = Zed Zed\nrole = QQ IGO - 2010..\n"}},
      c.Sink());
  EXPECT_EQ(c.Errors(), 1) << c.All();
  EXPECT_TRUE(c.Has("p.txt", 7, "unknown country code 'QQ'")) << c.All();
  EXPECT_EQ(index->Resolve("Xavier Yu", *Date::Parse("2012-01-01")).actor.code, "IGOWBD");
  EXPECT_EQ(index->Resolve("Xavier Yu", *Date::Parse("2020-01-01")).actor.code, "ABCELI");
  EXPECT_EQ(index->Resolve("Xavier Yu", *Date::Parse("2005-01-01")).actor.code, "ABCGOV");
}

TEST_F(RealDataTest, RegionAdjectivesAreNotStates) {
  const char* d = "2023-01-23";
  auto all = FindIn(*index_, "Latin American leaders met.", d);
  ASSERT_EQ(all.size(), 1u) << Codes(all);
  EXPECT_EQ(all[0].kind, ActorMention::Kind::kRegion);
  EXPECT_EQ(all[0].actor.code, "LAMGOV");
  EXPECT_EQ(all[0].actor.country, "");
  for (const char* text : {"They discussed a common South American currency.", "North American trade talks resumed.",
                           "Central Asian states met.", "Southeast Asian diplomats gathered.", "Arab leaders met.",
                           "Gulf states pledged money.", "Latin America is changing.", "Western sanctions bite.",
                           "African nations abstained.", "Asian markets fell."}) {
    all = FindIn(*index_, text, d);
    EXPECT_FALSE(AnyCountry(all, "USA")) << text << ": " << Codes(all);
    for (const ActorMention& m : all) EXPECT_EQ(m.actor.country, "") << text << ": " << Codes(all);
  }
  EXPECT_EQ(FindIn(*index_, "European leaders urged restraint.", d).at(0).actor.code, "EURGOV");
  EXPECT_EQ(FindIn(*index_, "Western governments protested.", d).at(0).actor.code, "WSTGOV");
  EXPECT_TRUE(FindIn(*index_, "Arab leaders met.", d).empty());  // no CAMEO region: no actor
  // Still a state: the adjective alone and longer names that contain a region word.
  EXPECT_EQ(FindIn(*index_, "American officials said.", d).at(0).actor.code, "USAGOV");
  EXPECT_EQ(FindIn(*index_, "the South African government", d).at(0).actor.code, "ZAFGOV");
  EXPECT_EQ(FindIn(*index_, "the United Arab Emirates", d).at(0).actor.code, "ARE");
  EXPECT_EQ(FindIn(*index_, "the European Union", d).at(0).actor.code, "IGOEUREEC");
  ActorResolution r = index_->Resolve("Arab leaders", *Date::Parse(d));
  EXPECT_FALSE(r.found);
  EXPECT_NE(Explained(r).find("region without a CAMEO code"), std::string::npos) << Explained(r);

  // The demo report from Buenos Aires ("a common South American currency unit", "Community of
  // Latin American and Caribbean States") has no United States in it.
  std::string path = root_ + "/corpus/demo/048_lula-fernandez-buenos-aires.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  int docs = 0;
  Status st = ReadDocuments({path}, ReadOptions(), [&](Document& doc) {
    ++docs;
    SegmentDocument(&doc);
    DocContext ctx;
    ctx.date = doc.date;
    std::vector<ActorMention> found;
    for (const Sentence& s : doc.sentences) {
      auto m = index_->Find(doc, s, &ctx);
      found.insert(found.end(), m.begin(), m.end());
    }
    EXPECT_FALSE(AnyCountry(found, "USA")) << Codes(found);
    EXPECT_TRUE(AnyCountry(found, "BRA")) << Codes(found);
    EXPECT_TRUE(AnyCountry(found, "ARG")) << Codes(found);
    return Status();
  }, nullptr);
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(docs, 1);
}

TEST_F(RealDataTest, MetonymsAsCountryPrefixes) {
  const char* d = "2025-09-01";
  auto all = FindIn(*index_, "Kremlin officials said the talks were useful.", d);
  ASSERT_EQ(all.size(), 1u) << Codes(all);
  EXPECT_EQ(all[0].actor.code, "RUSGOV");
  EXPECT_EQ(all[0].actor.text, "Kremlin officials");
  all = FindIn(*index_, "A White House spokesman declined to comment.", d);
  ASSERT_EQ(all.size(), 1u) << Codes(all);
  EXPECT_EQ(all[0].actor.code, "USAGOV");
  EXPECT_EQ(all[0].actor.text, "White House spokesman");
  // The institution's sector wins over the generic noun.
  EXPECT_EQ(FindIn(*index_, "Pentagon officials said", d).at(0).actor.code, "USAMIL");
  // A metonym before a person: one mention, the person's role.
  all = FindIn(*index_, "Kremlin spokesman Dmitry Peskov said", d);
  ASSERT_EQ(all.size(), 1u) << Codes(all);
  EXPECT_EQ(all[0].actor.code, "RUSGOV");
  EXPECT_EQ(all[0].actor.name, "Dmitry Peskov");
  // Alone it is still the state's body.
  EXPECT_EQ(FindIn(*index_, "The Kremlin said", d).at(0).actor.code, "RUSGOV");
}

TEST_F(RealDataTest, NationalSecurityCouncilIsNotTheUnBody) {
  Date d = *Date::Parse("2024-06-01");
  EXPECT_EQ(index_->Resolve("Russia's Security Council", d).actor.code, "RUSGOV");
  EXPECT_EQ(index_->Resolve("the Russian Security Council", d).actor.code, "RUSGOV");
  EXPECT_EQ(index_->Resolve("the U.N. Security Council", d).actor.code, "IGOUNO");
  EXPECT_EQ(index_->Resolve("the UN Security Council", d).actor.code, "IGOUNO");
  EXPECT_EQ(index_->Resolve("the Security Council", d).actor.code, "IGOUNO");
  EXPECT_EQ(index_->Resolve("Seoul's National Security Council", d).actor.code, "KORGOV");
  auto all = FindIn(*index_, "Medvedev, deputy chairman of Russia's Security Council, said so.", "2024-06-01");
  bool rus = false;
  for (const ActorMention& m : all) rus |= m.actor.text == "Russia's Security Council" && m.actor.code == "RUSGOV";
  EXPECT_TRUE(rus) << Codes(all);
}

TEST_F(RealDataTest, ThinkTankSectorIsConsistent) {
  // Government-affiliated Korean think tanks are EDU, like every think tank and analyst
  // (organisations.txt explains the choice).
  Date d = *Date::Parse("2025-09-01");
  EXPECT_EQ(index_->Resolve("the Korea Research Institute for National Strategy", d).actor.code, "KOREDU");
  EXPECT_EQ(index_->Resolve("KRINS", d).actor.code, "KOREDU");
  EXPECT_EQ(index_->Resolve("KRINS researchers", d).actor.code, "KOREDU");
  EXPECT_EQ(index_->Resolve("the Korea Institute for National Unification", d).actor.code, "KOREDU");
  EXPECT_EQ(index_->Resolve("South Korean analysts", d).actor.code, "KOREDU");
  EXPECT_EQ(index_->Resolve("a South Korean think tank", d).actor.code, "KOREDU");
}

TEST_F(RealDataTest, NationalIntelligenceServiceIsKoreanUnlessAnotherStateIsNamed) {
  Date d = *Date::Parse("2024-12-19");
  ActorResolution r = index_->Resolve("the National Intelligence Service", d);
  EXPECT_EQ(r.actor.code, "KORSPY");
  EXPECT_EQ(r.actor.country, "KOR");
  EXPECT_EQ(index_->Resolve("South Korea's National Intelligence Service", d).actor.code, "KORSPY");
  EXPECT_EQ(index_->Resolve("the NIS", d).actor.code, "KORSPY");
  r = index_->Resolve("Kenya's National Intelligence Service", d);
  EXPECT_EQ(r.actor.code, "KENSPY");
  EXPECT_NE(Explained(r).find("national = SPY"), std::string::npos) << Explained(r);
  EXPECT_FALSE(index_->Resolve("the nis", d).found);  // upper case only
}

TEST_F(RealDataTest, ExPrefixMeansFormer) {
  ActorResolution r = index_->Resolve("ex-President Moon", *Date::Parse("2023-06-01"));
  EXPECT_EQ(r.actor.code, "KORELI") << Explained(r);
  EXPECT_EQ(r.actor.name, "Moon Jae-in");
  r = index_->Resolve("ex-President Moon Jae-in", *Date::Parse("2023-06-01"));
  EXPECT_EQ(r.actor.code, "KORELI");
  r = index_->Resolve("Japan's ex-prime minister Shinzo Abe", *Date::Parse("2021-06-01"));
  EXPECT_EQ(r.actor.code, "JPNELI");
  r = index_->Resolve("an ex-minister", *Date::Parse("2021-06-01"));
  EXPECT_EQ(r.actor.code, "ELI");
  // "ex-President" next to a sitting president still marks a former holder.
  EXPECT_EQ(index_->Resolve("ex-President Donald Trump", *Date::Parse("2023-06-01")).actor.code, "USAELI");
}

TEST_F(RealDataTest, TitleConflictingWithRoleLosesToTheRole) {
  ActorResolution r = index_->Resolve("Defence Minister Kim Jong Un", *Date::Parse("2020-01-01"));
  EXPECT_EQ(r.actor.code, "PRKGOV");
  EXPECT_NE(Explained(r).find("the role wins"), std::string::npos) << Explained(r);
  r = index_->Resolve("Foreign Minister Wang Yi", *Date::Parse("2023-06-30"));
  EXPECT_EQ(r.actor.code, "CHNGOV");
  EXPECT_EQ(r.actor.name, "Wang Yi");
  EXPECT_NE(Explained(r).find("the role wins"), std::string::npos) << Explained(r);
  r = index_->Resolve("Foreign Minister Wang Yi", *Date::Parse("2024-06-30"));
  EXPECT_EQ(r.actor.code, "CHNGOV");
  EXPECT_EQ(Explained(r).find("the role wins"), std::string::npos) << Explained(r);
  r = index_->Resolve("South Korean President Kim Jong Un", *Date::Parse("2020-01-01"));
  EXPECT_EQ(r.actor.code, "PRKGOV");
  EXPECT_NE(Explained(r).find("the role wins"), std::string::npos) << Explained(r);
}

TEST_F(RealDataTest, PeopleSpotChecks) {
  struct Case {
    const char* name;
    const char* date;
    const char* code;
  };
  const Case cases[] = {
      {"Kim Jong Un", "2018-06-12", "PRKGOV"},      {"Kim Yo Jong", "2022-06-01", "PRKGOV"},
      // Earlier leaders (archive news).
      {"Muammar Qaddafi", "1986-04-15", "LBYGOV"},  {"Daniel Ortega", "1987-06-01", "NICGOV"},
      {"Yitzhak Rabin", "1994-06-01", "ISRGOV"},    {"Warren Christopher", "1995-06-01", "USAGOV"},
      {"Choe Son Hui", "2024-11-01", "PRKGOV"},     {"Xi Jinping", "2019-06-20", "CHNGOV"},
      {"Wang Yi", "2021-06-01", "CHNGOV"},          {"Vladimir Putin", "2025-08-15", "RUSGOV"},
      {"Sergei Lavrov", "2018-06-01", "RUSGOV"},    {"Sergei Shoigu", "2023-07-27", "RUSGOV"},
      {"Sergei Shoigu", "2024-06-01", "RUSGOV"},    {"Andrei Belousov", "2021-06-01", "RUSGOV"},
      {"Andrei Belousov", "2024-06-01", "RUSGOV"},  {"Donald Trump", "2018-06-12", "USAGOV"},
      {"Donald Trump", "2022-06-01", "USAELI"},     {"Joe Biden", "2023-06-01", "USAGOV"},
      {"Joe Biden", "2025-06-01", "USAELI"},        {"Antony Blinken", "2022-06-01", "USAGOV"},
      {"Marco Rubio", "2023-06-01", "USALEG"},      {"Marco Rubio", "2025-06-01", "USAGOV"},
      {"Pete Hegseth", "2025-06-01", "USAGOV"},     {"Lloyd Austin", "2022-06-01", "USAGOV"},
      {"Moon Jae-in", "2018-04-27", "KORGOV"},      {"Moon Jae-in", "2023-06-01", "KORELI"},
      {"Yoon Suk Yeol", "2023-06-01", "KORGOV"},    {"Yoon Suk Yeol", "2020-06-01", "KORJUD"},
      {"Yoon Suk Yeol", "2025-06-01", "KORELI"},    {"Lee Jae-myung", "2025-09-01", "KORGOV"},
      {"Lee Jae-myung", "2023-06-01", "KOROPP"},    {"Fumio Kishida", "2023-06-01", "JPNGOV"},
      {"Shigeru Ishiba", "2025-03-01", "JPNGOV"},   {"Sanae Takaichi", "2025-11-01", "JPNGOV"},
      {"Shinzo Abe", "2019-06-01", "JPNGOV"},       {"Yoshihide Suga", "2021-06-01", "JPNGOV"},
      {"Masoud Pezeshkian", "2025-06-01", "IRNGOV"}, {"Alexander Lukashenko", "2022-06-01", "BLRGOV"},
      {"Alyaksandr Lukashenka", "2022-06-01", "BLRGOV"}, {"Aleksandar Vucic", "2023-06-01", "SRBGOV"},
      {"Aleksandar Vučić", "2023-06-01", "SRBGOV"}, {"Miguel Diaz-Canel", "2023-06-01", "CUBGOV"},
      {"Miguel Díaz-Canel", "2023-06-01", "CUBGOV"}, {"Prabowo Subianto", "2025-06-01", "IDNGOV"},
      {"Min Aung Hlaing", "2019-06-01", "MMRMIL"},  {"Min Aung Hlaing", "2022-06-01", "MMRGOV"},
      {"Shehbaz Sharif", "2024-06-01", "PAKGOV"},   {"Shehbaz Sharif", "2020-06-01", "PAKOPP"},
      {"Anwar Ibrahim", "2023-06-01", "MYSGOV"},    {"Volodymyr Zelensky", "2022-06-01", "UKRGOV"},
      {"Volodymyr Zelenskiy", "2022-06-01", "UKRGOV"}, {"Volodymyr Zelenskyy", "2022-06-01", "UKRGOV"},
      {"Antonio Guterres", "2022-06-01", "IGOUNO"}, {"Jens Stoltenberg", "2022-06-01", "IGOWSTNAT"},
      {"Mark Rutte", "2025-06-01", "IGOWSTNAT"},
  };
  for (const Case& c : cases) {
    ActorResolution r = index_->Resolve(c.name, *Date::Parse(c.date));
    EXPECT_EQ(r.actor.code, c.code) << c.name << " on " << c.date << "\n" << Explained(r);
  }
}

TEST_F(RealDataTest, UnknownPeopleAreNotStates) {
  const char* d = "2023-06-01";
  for (const char* text : {"Jordan Peterson said the book sold well.", "Georgia Meloni spoke on Tuesday.",
                           "The former player, Michael Jordan, said so.", "Chad Smith was arrested."}) {
    auto all = FindIn(*index_, text, d);
    EXPECT_FALSE(AnyCountry(all, "JOR") || AnyCountry(all, "GEO") || AnyCountry(all, "TCD")) << text << ": " << Codes(all);
  }
  // "Georgia Meloni" is read as a person's name; the short name then finds Giorgia Meloni.
  auto all = FindIn(*index_, "Georgia Meloni spoke on Tuesday.", d);
  ASSERT_EQ(all.size(), 1u) << Codes(all);
  EXPECT_EQ(all[0].actor.code, "ITAGOV");
  // A title, agent, weekday or function word next to the name keeps the state.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Georgia President Salome Zourabichvili spoke.", d), "GEO"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Jordan said on Tuesday that it would help.", d), "JOR"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Officials in Jordan Tuesday said it would help.", d), "JOR"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Israel Defense Forces said the strike hit.", d), "ISR"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Chad and Niger signed a deal.", d), "TCD"));
  // Headlines in title case keep the state.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Jordan Rejects Israeli Plan", d), "JOR"));
  // Short names: another person's name goes on ("Lee Sung-kweun", "Sung Kim"), and a month is a date.
  all = FindIn(*index_, "The lawmaker, Lee Sung-kweun, said the casualties were high.", "2024-12-19");
  for (const ActorMention& m : all) EXPECT_EQ(m.actor.name, "") << Codes(all);
  all = FindIn(*index_, "Kim Jong Un arrived. A U.S. team led by former ambassador Sung Kim began talks.", "2018-06-01");
  ASSERT_EQ(all.size(), 3u) << Codes(all);  // Kim Jong Un, U.S. team?, ambassador
  for (size_t k = 1; k < all.size(); ++k) EXPECT_NE(all[k].actor.name, "Kim Jong Un") << Codes(all);
  // ... and that short name alone later in the document is that other person, not a known one.
  all = FindIn(*index_, "Ahmed Mohamed was arrested at his school. Later Mohamed received support.", "2015-09-17");
  for (const ActorMention& m : all) EXPECT_EQ(m.actor.name, "") << Codes(all);
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Later Mohamed received support.", "2015-09-17"), "KEN"));
  all = FindIn(*index_, "SEOUL, May 4 (wire) - They agreed to meet by May.", "2019-05-04");
  EXPECT_FALSE(AnyCountry(all, "GBR")) << Codes(all);
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "May said Britain would leave.", "2019-05-04"), "GBR"));
  ActorResolution r = index_->Resolve("Jordan Peterson", *Date::Parse(d));
  EXPECT_FALSE(r.found);
  EXPECT_NE(Explained(r).find("person_name"), std::string::npos) << Explained(r);
}

// ---- regressions (actors3): demo corpus and PLOVER gold, each named after the problem.

// ---- regressions (actoracc): PLOVER gold DEV records, general rules.

TEST_F(RealDataTest, StateNameBeforeAnAgentNounIsAPrefix) {
  const Date d = *Date::Parse("2000-01-01");
  EXPECT_EQ(index_->Resolve("The Mozambique government", d).actor.code, "MOZGOV");
  EXPECT_EQ(index_->Resolve("Russia troops", d).actor.code, "RUSMIL");
  EXPECT_EQ(index_->Resolve("Pakistan President", d).actor.country, "PAK");
  // Not before a verb or a conjunction.
  auto all = FindIn(*index_, "Israel and Lebanon renewed negotiations today.", "2000-01-01");
  EXPECT_TRUE(AnyCountry(all, "ISR") && AnyCountry(all, "LBN")) << Codes(all);
}

TEST(ActorIndexLoadTest, GazetteerPlacesPrefixAgents) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n[state XYZ]\nname = Xyzia\ncapital = Xcity\n"},
       {"a.txt", "[agent REB]\nname = rebels\nnoun = rebels\n[agent GOV]\nname = government\nnoun = government\n"},
       {"data/gazetteer/places.txt",
        "# name | country | lat | lon | kind | aliases\n"
        "Red Hills | ABC | 1.0 | 2.0 | region | Redhills\n"
        "Xcity | XYZ | 1.0 | 2.0 | capital |\n"
        "Xyzia | ABC | 1.0 | 2.0 | region |\n"
        "Nowhere | QQQ | 1.0 | 2.0 | city |\n"
        "Broken | ABC\n"}},
      c.Sink());
  EXPECT_TRUE(c.Has("places.txt", 5, "gazetteer country 'QQQ'")) << c.All();
  EXPECT_TRUE(c.Has("places.txt", 6, "gazetteer row needs")) << c.All();
  EXPECT_EQ(c.Errors(), 2) << c.All();
  const Date d = *Date::Parse("2000-01-01");
  EXPECT_EQ(index->Resolve("Red Hills rebels", d).actor.code, "ABCREB");
  EXPECT_EQ(index->Resolve("Redhills province government", d).actor.code, "ABCGOV");
  EXPECT_EQ(index->Resolve("the government of Red Hills province", d).actor.code, "ABCGOV");
  EXPECT_EQ(index->Resolve("rebels in Red Hills", d).actor.code, "ABCREB");
  // A place alone is a location, not an actor; a place yields to a state of the same name.
  EXPECT_FALSE(index->Resolve("Red Hills", d).found);
  EXPECT_EQ(index->Resolve("Xyzia rebels", d).actor.code, "XYZREB");
}

TEST(ActorIndexLoadTest, SurnameBeforeAgentOutOfOfficeIsTheirState) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n[state XYZ]\nname = Xyzia\n"},
       {"a.txt", "[agent GOV]\nname = government\nnoun = government | administration\n"},
       {"p.txt",
        "[person DOE_JOHN]\nname = John Doe\nshort = Doe\nrole = ABC GOV head_of_state 1990..1994\n"
        "[person DOE_JANE]\nname = Jane Doe\nshort = Doe\nrole = ABC GOV head_of_state 2001..2005\n"
        "[person ROE_A]\nname = Al Roe\nshort = Roe\nrole = ABC GOV - 1990..1994\n"
        "[person ROE_B]\nname = Bo Roe\nshort = Roe\nrole = XYZ GOV - 1990..1994\n"}},
      c.Sink());
  EXPECT_EQ(c.Errors(), 0) << c.All();
  const Date d = *Date::Parse("2000-01-01");
  ActorResolution r = index->Resolve("the Doe administration", d);
  EXPECT_EQ(r.actor.code, "ABCGOV");
  EXPECT_TRUE(r.actor.name.empty());
  // In office too: the government the leader heads, not the leader.
  r = index->Resolve("the Doe administration", *Date::Parse("2002-01-01"));
  EXPECT_EQ(r.actor.code, "ABCGOV");
  EXPECT_TRUE(r.actor.name.empty());
  // People so called in two states: no country.
  EXPECT_EQ(index->Resolve("the Roe government", d).actor.country, "");
}

TEST(ActorIndexLoadTest, LeaderBeforeGovernmentNounIsTheGovernmentHeaded) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n[state XYZ]\nname = Xyzia\n"},
       {"a.txt", "[agent GOV]\nname = government\nnoun = government | administration | cabinet\n"},
       {"p.txt",
        "[person DOE_JOHN]\nname = John Doe\nshort = Doe\nrole = ABC GOV head_of_state 1990..1994\n"
        "role = XYZ GOV - 2000..2010\n"
        "[person DOE_JIM]\nname = Jim Doe\nshort = Doe\nrole = XYZ GOV - 1980..1985\n"
        "[person ROE_A]\nname = Al Roe\nshort = Roe\nrole = ABC GOV head_of_government 1990..1994\n"
        "[person ROE_B]\nname = Bo Roe\nshort = Roe\nrole = XYZ GOV head_of_state 1992..1996\n"}},
      c.Sink());
  ASSERT_EQ(c.Errors(), 0) << c.All();
  // A top post held before the date names that government, even when people so called hold
  // other roles on the date (John Doe in XYZ, 2005).
  EXPECT_EQ(index->Resolve("the Doe government", *Date::Parse("2005-01-01")).actor.code, "ABCGOV");
  EXPECT_EQ(index->Resolve("the John Doe cabinet", *Date::Parse("2005-01-01")).actor.code, "ABCGOV");
  // In office: that government.
  EXPECT_EQ(index->Resolve("the Doe administration", *Date::Parse("1992-01-01")).actor.code, "ABCGOV");
  // The top post held on the date wins over one held before (Bo Roe in 1995).
  EXPECT_EQ(index->Resolve("the Roe government", *Date::Parse("1995-01-01")).actor.code, "XYZGOV");
  // Top posts of two states on the date, or before it: no state from this rule.
  EXPECT_EQ(index->Resolve("the Roe government", *Date::Parse("1993-01-01")).actor.country, "");
  EXPECT_EQ(index->Resolve("the Roe government", *Date::Parse("2000-01-01")).actor.country, "");
}

TEST(ActorIndexLoadTest, OrganisationNamesMayBeDated) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n[state XYZ]\nname = Xyzia\n"},
       {"a.txt", "[agent GOV]\nname = government\nnoun = government\n"},
       {"o.txt",
        "[party P_ABC]\nname = Unity Party 2020-09-02..\ncode = ABCPTY\ncountry = ABC\n"
        "[party P_XYZ]\nname = Unity Party 2007-07-01..2008-12-31\nalias = Unity Front ..2008\n"
        "code = XYZPTY\ncountry = XYZ\n"
        "[party P_BAD]\nname = Bad Party\nalias = Bad Front 2009..2008\ncode = ABCPTY\ncountry = ABC\n"}},
      c.Sink());
  EXPECT_TRUE(c.Has("o.txt", 12, "is after TO")) << c.All();
  EXPECT_EQ(c.Errors(), 1) << c.All();
  EXPECT_EQ(index->Resolve("the Unity Party", *Date::Parse("2021-01-01")).actor.code, "ABCPTY");
  EXPECT_EQ(index->Resolve("the Unity Party", *Date::Parse("2021-01-01")).actor.name, "Unity Party");
  EXPECT_EQ(index->Resolve("the Unity Party", *Date::Parse("2008-01-01")).actor.code, "XYZPTY");
  EXPECT_EQ(index->Resolve("the Unity Front", *Date::Parse("2005-01-01")).actor.code, "XYZPTY");
  // Outside every interval the name is no organisation.
  EXPECT_FALSE(index->Resolve("the Unity Party", *Date::Parse("2015-01-01")).found);
  EXPECT_FALSE(index->Resolve("the Unity Front", *Date::Parse("2021-01-01")).found);
  // Undated text: the name still in use.
  EXPECT_EQ(index->Resolve("the Unity Party", std::nullopt).actor.code, "ABCPTY");
  EXPECT_EQ(index->Resolve("Bad Party", std::nullopt).actor.code, "ABCPTY");
}

TEST(ActorIndexLoadTest, NationalBodyInOrOfAStateIsThatStates) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\nadjective = Abcish\ncapital = Abcton\n"
                 "[state XYZ]\nname = Xyzia\nadjective = Xyzian\ncapital = Xyzburg\n"},
       {"a.txt", "[agent LEG]\nname = legislature\nnoun = lawmakers\n"},
       {"o.txt",
        "[body ASSEMBLY_ABC]\nname = Grand Assembly\ncode = ABCLEG\ncountry = ABC\nnational = LEG\n"
        "[igo WORLD_COUNCIL]\nname = World Council\ncode = IGOWCO\nnational = GOV\n"}},
      c.Sink());
  ASSERT_EQ(c.Errors(), 0) << c.All();
  const Date d = *Date::Parse("2010-01-01");
  EXPECT_EQ(index->Resolve("the Grand Assembly", d).actor.code, "ABCLEG");
  EXPECT_EQ(index->Resolve("the Xyzian Grand Assembly", d).actor.code, "XYZLEG");
  ActorResolution r = index->Resolve("the Grand Assembly in Xyzburg", d);
  EXPECT_EQ(r.actor.code, "XYZLEG");
  EXPECT_EQ(r.actor.text, "Grand Assembly in Xyzburg");
  EXPECT_TRUE(r.actor.name.empty());
  EXPECT_EQ(index->Resolve("the Grand Assembly of Xyzia", d).actor.code, "XYZLEG");
  // An international body in a state's city stays the international body.
  EXPECT_EQ(index->Resolve("the World Council in Xyzburg", d).actor.code, "IGOWCO");
}

TEST_F(RealDataTest, CongressIsTheLegislatureOfTheStateNamedWithIt) {
  const Date d = *Date::Parse("2005-04-20");
  EXPECT_EQ(index_->Resolve("Congress", d).actor.code, "USALEG");
  EXPECT_EQ(index_->Resolve("the U.S. Congress", d).actor.code, "USALEG");
  EXPECT_EQ(index_->Resolve("Ecuador's Congress", d).actor.code, "ECULEG");
  EXPECT_EQ(index_->Resolve("the Peruvian Congress", d).actor.code, "PERLEG");
  EXPECT_EQ(index_->Resolve("Congress in Lima", d).actor.code, "PERLEG");
  EXPECT_EQ(index_->Resolve("India's Congress party", d).actor.code, "INDPTY");
  EXPECT_EQ(index_->Resolve("Brazil's National Congress", d).actor.code, "BRALEG");
  // A communist party's congress, not the U.S. Congress.
  EXPECT_EQ(index_->Resolve("China's 19th Party Congress", d).actor.code, "CHNPTY");
  EXPECT_EQ(index_->Resolve("the Chinese Communist Party Congress", d).actor.code, "CHNGOVPTY");
  EXPECT_EQ(index_->Resolve("Sudan's National Congress Party", d).actor.code, "SDNPTYNCP");
  EXPECT_EQ(index_->Resolve("People Power Party", *Date::Parse("2008-05-26")).actor.code, "THAPTY");
  EXPECT_EQ(index_->Resolve("People Power Party", *Date::Parse("2022-04-25")).actor.code, "KORPTY");
  EXPECT_EQ(index_->Resolve("the Abe government", *Date::Parse("2021-01-28")).actor.code, "JPNGOV");
  EXPECT_EQ(index_->Resolve("the Trump administration", *Date::Parse("2019-01-28")).actor.code, "USAGOV");
}

TEST_F(RealDataTest, BareCongressAfterAnotherStatesCongressIsThatStates) {
  auto codes = [&](const std::string& text) {
    std::string out;
    for (const ActorMention& m : FindIn(*index_, text, "2020-11-09"))
      if (m.actor.text.find("Congress") != std::string::npos) out += m.actor.code + " ";
    return out;
  };
  EXPECT_EQ(codes("Peru's Congress met on Monday. Congress voted to remove Vizcarra."), "PERLEG PERLEG ");
  EXPECT_EQ(codes("Congress in Lima met. The U.S. Congress passed a bill. Congress adjourned."),
            "PERLEG USALEG USALEG ");
  EXPECT_EQ(codes("Congress passed a bill on Monday."), "USALEG ");
  // India's Congress party, once named, is what a bare "Congress" names (INC short).
  EXPECT_EQ(codes("The Congress party won. Congress leaders met. The U.S. Congress voted."),
            "INDPTY INDPTY USALEG ");
}

TEST(ActorIndexLoadTest, OrganisationShortNameOnlyAfterTheFullName) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state ABC]\nname = Abcland\n[state XYZ]\nname = Xyzia\n"},
       {"a.txt", "[agent GOV]\nname = government\nnoun = government\n"},
       {"o.txt",
        "[body ASSEMBLY_ABC]\nname = Assembly\ncode = ABCLEG\ncountry = ABC\n"
        "[party P_XYZ]\nname = Xyzian Assembly Party\nshort = Assembly\ncode = XYZPTY\ncountry = XYZ\n"
        "[party P_BAD]\nname = Bad Party\nshort = Bad Party\ncode = ABCPTY\ncountry = ABC\n"}},
      c.Sink());
  EXPECT_TRUE(c.Has("o.txt", 12, "already a name or alias")) << c.All();
  EXPECT_EQ(c.Errors(), 1) << c.All();
  EXPECT_EQ(index->Resolve("the Assembly", *Date::Parse("2010-01-01")).actor.code, "ABCLEG");
  std::string codes;
  for (const ActorMention& m : FindIn(*index, "The Xyzian Assembly Party met. The Assembly voted.", "2010-01-01"))
    codes += m.actor.code + " ";
  EXPECT_EQ(codes, "XYZPTY XYZPTY ");
}

TEST_F(RealDataTest, GazetteerRegionBeforeAgentIsItsState) {
  const Date d = *Date::Parse("2004-06-01");
  EXPECT_EQ(index_->Resolve("Darfur rebels", d).actor.code, "SDNREB");
  EXPECT_EQ(index_->Resolve("The government of Sindh province", d).actor.code, "PAKGOV");
  EXPECT_EQ(index_->Resolve("Sindh province government", d).actor.code, "PAKGOV");
  EXPECT_EQ(index_->Resolve("The Bush administration", *Date::Parse("2000-01-01")).actor.code, "USAGOV");
  // Agent spellings and plain-people nouns.
  EXPECT_EQ(index_->Resolve("Afghan guerillas", d).actor.code, "AFGREB");
  EXPECT_EQ(index_->Resolve("Iraqi youths", d).actor.code, "IRQCVL");
  // "foreign" passes between an organisation or country and the agent.
  EXPECT_EQ(index_->Resolve("European Community foreign ministers", d).actor.code, "IGOEUREEC");
  EXPECT_EQ(index_->Resolve("Russian foreign ministers", d).actor.code, "RUSGOV");
}

TEST_F(RealDataTest, UndatedTitleAndShortNameTakeTheTitledRole) {
  // No article date: roles still open are current, so a leader whose term ended is found by
  // the only role the title names.
  ActorResolution r = index_->Resolve("President Mugabe", std::nullopt);
  EXPECT_EQ(r.actor.code, "ZWEGOV");
  EXPECT_EQ(r.actor.name, "Robert Mugabe");
  // Without a title: the person, an elite of their state.
  EXPECT_EQ(index_->Resolve("Mugabe", std::nullopt).actor.code, "ZWEELI");
  // Dated: the role on the date still decides.
  EXPECT_NE(index_->Resolve("President Mugabe", *Date::Parse("2020-01-01")).actor.code, "ZWEGOV");
}

TEST_F(RealDataTest, UndatedShortNameOfSeveralHoldersOfOneStateTakesTheLatest) {
  // Two presidents are called Bush: dated, the one in office; undated, the state is known
  // either way and the later one stands for both.
  EXPECT_EQ(index_->Resolve("President Bush", *Date::Parse("1990-06-01")).actor.name, "George H.W. Bush");
  EXPECT_EQ(index_->Resolve("President Bush", *Date::Parse("2005-06-01")).actor.name, "George W. Bush");
  ActorResolution undated = index_->Resolve("President Bush", std::nullopt);
  EXPECT_EQ(undated.actor.code, "USAGOV");
  EXPECT_EQ(undated.actor.name, "George W. Bush");
  // Holders of different states ("Kim": North and South Korea) stay unresolved without a date.
  EXPECT_FALSE(index_->Resolve("Kim", std::nullopt).found);
}

TEST_F(RealDataTest, ModifierWordBetweenCountryAndAgentIsPassedOver) {
  const Date d = *Date::Parse("2000-01-01");
  EXPECT_EQ(index_->Resolve("Iraq's interim government", d).actor.code, "IRQGOV");
  EXPECT_EQ(index_->Resolve("Bangladeshi peacekeeping troops", d).actor.code, "BGDMIL");
  EXPECT_EQ(index_->Resolve("Lebanon's new President", d).actor.country, "LBN");
  // Only listed modifiers: an unknown word still separates ("Russian exports officials").
  EXPECT_NE(index_->Resolve("Russian exports officials", d).actor.code, "RUSGOV");
  // An unknown capitalised qualifier (an ethnic or religious group) is passed over too.
  EXPECT_EQ(index_->Resolve("Turkish Kurd refugees", d).actor.code, "TURREF");
  EXPECT_EQ(index_->Resolve("Rwandan Hutu rebels", d).actor.code, "RWAREB");
  // "X-led forces" are the leading state's, read like "X's forces".
  EXPECT_EQ(index_->Resolve("Vietnamese-led forces", d).actor.code, "VNMMIL");
  EXPECT_EQ(index_->Resolve("US-led forces", d).actor.code, "USAMIL");
  // "X-based" names the group's state when X is a state or its place, not a capital's
  // government; a group named after it keeps its own code; "-backed" names no state.
  EXPECT_EQ(index_->Resolve("Pakistan-based militants", d).actor.country, "PAK");
  EXPECT_NE(index_->Resolve("London-based militants", d).actor.code, "GBRGOV");
  EXPECT_EQ(index_->Resolve("the London-based Amnesty International", d).actor.country, "");
  EXPECT_NE(index_->Resolve("Iranian-backed militias", d).actor.country, "IRN");
  // Insurgent movements of the 1980s-1990s.
  EXPECT_EQ(index_->Resolve("The UNITA militarist wing", d).actor.country, "AGO");
  EXPECT_EQ(index_->Resolve("the Tamil Tigers", d).actor.country, "LKA");
  EXPECT_EQ(index_->Resolve("the PLO", d).actor.country, "PSE");
  EXPECT_EQ(index_->Resolve("the Amal militia", d).actor.country, "LBN");
}

TEST_F(RealDataTest, PeoplesWordBeforeLeaderIsNotTheGovernment) {
  const Date d = *Date::Parse("1991-04-24");
  EXPECT_EQ(index_->Resolve("Iraqi Kurdish leader", d).actor.code, "IRQOPP");
  EXPECT_EQ(index_->Resolve("Tamil leaders", d).actor.code, "LKAOPP");
  EXPECT_EQ(index_->Resolve("Chechen leader", *Date::Parse("1995-01-01")).actor.code, "RUSOPP");
  // Since 2000 Chechnya's head is Moscow's appointee.
  EXPECT_EQ(index_->Resolve("Chechen leader", *Date::Parse("2010-01-01")).actor.code, "RUSGOV");
  // A person's role on the date still wins; without one, the community's leader.
  EXPECT_EQ(index_->Resolve("Iraqi Kurdish leader Jalal Talabani", *Date::Parse("2008-01-01")).actor.code, "IRQGOV");
  EXPECT_EQ(index_->Resolve("Iraqi Kurdish leader Jalal Talabani", *Date::Parse("1992-01-01")).actor.code, "IRQOPP");
  // Other titles and plain country leaders are unchanged.
  EXPECT_EQ(index_->Resolve("Iraqi leader", d).actor.code, "IRQGOV");
  EXPECT_EQ(index_->Resolve("Bosnian Muslim leader", d).actor.code, "BIHGOV");
  EXPECT_EQ(index_->Resolve("Tamil rebel leader", d).actor.code, "LKAREB");
}

TEST_F(RealDataTest, OustedLeaderIsAFormerHolder) {
  ActorResolution r = index_->Resolve("Ousted President Askar Akayev", *Date::Parse("2005-04-20"));
  EXPECT_EQ(r.actor.country, "KGZ") << Explained(r);
  EXPECT_EQ(r.actor.sector, "ELI") << Explained(r);
}

// An organisation's name matches only with every word capitalised as in the file; the first
// word may stand at the sentence's start, and all-caps text matches.
TEST_F(RealDataTest, OrganisationNamesKeepTheCaseOfEveryWord) {
  if (!Has("companies.txt")) GTEST_SKIP() << "no companies.txt";
  const char* d = "2024-03-01";
  auto has = [](const std::vector<ActorMention>& all, const std::string& code) {
    for (const ActorMention& m : all)
      if (m.actor.code == code) return true;
    return false;
  };
  auto rr = FindIn(*index_, "Russian Railways cut freight tariffs.", d);
  EXPECT_TRUE(has(rr, "RUSBUS")) << Codes(rr);
  auto rl = FindIn(*index_, "Russian railways were hit by drones.", d);
  EXPECT_FALSE(has(rl, "RUSBUS")) << Codes(rl);
  auto cm = FindIn(*index_, "Regulators fined China Mobile on Friday.", d);
  EXPECT_TRUE(has(cm, "CHNBUS")) << Codes(cm);
  auto cl = FindIn(*index_, "China mobile phone makers protested.", d);
  EXPECT_FALSE(has(cl, "CHNBUS")) << Codes(cl);
  auto caps = FindIn(*index_, "REGULATORS FINE CHINA MOBILE", d);
  EXPECT_TRUE(has(caps, "CHNBUS")) << Codes(caps);
  auto title = FindIn(*index_, "Russian Railways Cuts Freight Tariffs Again", d);
  EXPECT_TRUE(has(title, "RUSBUS")) << Codes(title);
}

// "Nigeria Labour Congress": "Congress" after an unknown capitalised word ends a name the index
// lacks, not the U.S. Congress; after a state's adjective or a verb it is still a legislature.
TEST_F(RealDataTest, InstitutionNounEndingAnUnknownName) {
  const char* d = "2012-01-09";
  auto usaleg = [](const std::vector<ActorMention>& all) {
    for (const ActorMention& m : all)
      if (m.actor.code == "USALEG") return true;
    return false;
  };
  auto ng = FindIn(*index_, "Nigeria Labour Congress officials criticized the police.", d);
  EXPECT_FALSE(usaleg(ng)) << Codes(ng);
  auto tuc = FindIn(*index_, "Leaders of the Trades Union Congress criticized the budget.", d);
  EXPECT_FALSE(usaleg(tuc)) << Codes(tuc);
  auto us = FindIn(*index_, "President Obama urged Congress to act.", d);
  EXPECT_TRUE(usaleg(us)) << Codes(us);
  auto adj = FindIn(*index_, "The U.S. Congress rejected the treaty.", d);
  EXPECT_TRUE(usaleg(adj)) << Codes(adj);
}

// "the ousted president of Kyrgyzstan", "the former president of Peru": the state's former
// holder, an elite, not its government.
TEST_F(RealDataTest, FormerHolderOfAState) {
  auto k = FindIn(*index_, "The ousted president of Kyrgyzstan flew to Minsk.", "2010-05-01");
  ASSERT_FALSE(k.empty());
  EXPECT_EQ(k.front().actor.code, "KGZELI") << Codes(k);
  EXPECT_EQ(k.front().actor.text, "ousted president of Kyrgyzstan") << Codes(k);
  auto p = FindIn(*index_, "The former president of Peru was arrested.", "2019-04-10");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p.front().actor.code, "PERELI") << Codes(p);
  auto e = FindIn(*index_, "The deposed leader of Egypt went on trial.", "2013-11-04");
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e.front().actor.code, "EGYELI") << Codes(e);
  // The sitting holder is the government.
  auto g = FindIn(*index_, "The president of Peru was in Lima.", "2019-04-10");
  ASSERT_FALSE(g.empty());
  EXPECT_EQ(g.front().actor.code, "PERGOV") << Codes(g);
}

TEST_F(RealDataTest, BareCongoByContext) {
  // Default: the DRC; Brazzaville cues: the Republic; Kinshasa cues: the DRC.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Pakistan threatened to cut ties with Congo.", "2005-01-01"), "COD"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Fighting spread in Brazzaville as Congo troops moved.", "2005-01-01"), "COG"));
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Congolese rebels shelled Goma.", "2005-01-01"), "COD"));
  // While the DRC was Zaire (1971-1997) a bare "Congo" is the Republic.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Pakistan threatened to cut ties with Congo.", "1985-01-01"), "COG"));
  // The DRC's own names in the document are Kinshasa cues, also on a Zaire-era date.
  auto drc = FindIn(*index_, "Congolese rebels attacked government troops in the Democratic Republic of Congo.",
                    "1995-01-01");
  EXPECT_TRUE(AnyCountry(drc, "COD")) << Codes(drc);
  EXPECT_FALSE(AnyCountry(drc, "COG")) << Codes(drc);
  auto dr = FindIn(*index_, "Congolese troops clashed with Rwandan soldiers, the DR Congo government said.", "1995-01-01");
  EXPECT_FALSE(AnyCountry(dr, "COG")) << Codes(dr);
  // The Republic's full name inside the DRC's is no Brazzaville cue.
  auto both = FindIn(*index_, "Congolese soldiers entered the Democratic Republic of the Congo.", "2005-01-01");
  EXPECT_FALSE(AnyCountry(both, "COG")) << Codes(both);
  // Full names are never changed.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "DR Congo signed a deal in Brazzaville.", "2005-01-01"), "COD"));
  ActorResolution r = index_->Resolve("Congo", *Date::Parse("2005-01-01"));
  EXPECT_NE(Explained(r).find("default"), std::string::npos) << Explained(r);
}

TEST_F(RealDataTest, GivenNameAtSentenceStartBeforeAPersonNameState) {
  auto all = FindIn(*index_, "Michael Jordan said he would retire.", "2000-01-01");
  EXPECT_FALSE(AnyCountry(all, "JOR")) << Codes(all);
  // A word that is no known given name keeps the state.
  EXPECT_TRUE(AnyCountry(FindIn(*index_, "Yesterday Jordan said it would help.", "2000-01-01"), "JOR"));
}

// Finds the mention whose text is `text` in `all`; nullptr when none.
const ActorMention* MentionText(const std::vector<ActorMention>& all, const std::string& text) {
  for (const ActorMention& m : all)
    if (m.actor.text == text) return &m;
  return nullptr;
}

TEST_F(RealDataTest, PossessiveCountryWinsForNationalSecurityAdviser) {
  // Was GBRGOV: "national security adviser" was no title, so the possessive country stood alone
  // and the coder filled the adviser from elsewhere.
  ActorResolution r = index_->Resolve("South Korea's national security adviser", *Date::Parse("2018-03-08"));
  EXPECT_EQ(r.actor.code, "KORGOV") << Explained(r);
  EXPECT_EQ(index_->Resolve("U.S. National Security Adviser", *Date::Parse("2018-03-08")).actor.code, "USAGOV");
}

TEST_F(RealDataTest, SharedPartyNamesTakeTheCountryFromContext) {
  const char* d = "2024-04-11";
  // In the phrase: the possessive or adjective decides.
  EXPECT_EQ(index_->Resolve("South Korea's Democratic Party", *Date::Parse(d)).actor.code, "KORPTY");
  EXPECT_EQ(index_->Resolve("Britain's Labour Party", *Date::Parse(d)).actor.code, "GBRPTY");
  EXPECT_EQ(index_->Resolve("Canada's Conservative Party", *Date::Parse(d)).actor.code, "CANPTY");
  EXPECT_EQ(index_->Resolve("Russia's Liberal Democratic Party", *Date::Parse(d)).actor.code, "RUSPTY");
  // Alone, the state the document names most.
  auto all = FindIn(*index_, "South Korea held elections. South Korea's president lost. The Democratic Party won.", d);
  const ActorMention* m = MentionText(all, "Democratic Party");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.code, "KORPTY") << Codes(all);
  // No state named: no country (never USA by default); the coder fills it from context.
  all = FindIn(*index_, "The Democratic Party won the vote.", d);
  m = MentionText(all, "Democratic Party");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.country, "") << Codes(all);
  EXPECT_EQ(m->actor.code, "PTY");
  EXPECT_EQ(m->kind, ActorMention::Kind::kAgent);
  // Names that are one state's keep it: Japan's LDP, the US Republicans.
  EXPECT_EQ(index_->Resolve("the Liberal Democratic Party", *Date::Parse(d)).actor.code, "JPNPTY");
  EXPECT_EQ(index_->Resolve("the Democratic Party of Korea", *Date::Parse(d)).actor.code, "KORPTY");
}

TEST_F(RealDataTest, GovTitleWithUnknownPersonIsNeverAnIgo) {
  auto all = FindIn(*index_, "First Vice Foreign Minister Kim Hong-kyun met the envoy.", "2024-03-05");
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].actor.code, "GOV") << Codes(all);
  EXPECT_EQ(all[0].actor.name, "") << Codes(all);
  EXPECT_EQ(all[0].kind, ActorMention::Kind::kAgent);
  // With a country before the title, that country.
  EXPECT_EQ(index_->Resolve("South Korean First Vice Foreign Minister Kim Hong-kyun", *Date::Parse("2024-03-05")).actor.code,
            "KORGOV");
  ActorResolution r = index_->Resolve("First Vice Foreign Minister Kim Hong-kyun", *Date::Parse("2024-03-05"));
  for (const std::string& line : r.explanation) EXPECT_FALSE(line.empty()) << Explained(r);
}

TEST_F(RealDataTest, PossessiveCountryBeforeAPersonsName) {
  // Fico is in the people data: SVK head of government in his terms, an elite between them.
  EXPECT_EQ(index_->Resolve("Slovakia's Robert Fico", *Date::Parse("2024-05-15")).actor.code, "SVKGOV");
  EXPECT_EQ(index_->Resolve("Slovakia's Robert Fico", *Date::Parse("2016-05-15")).actor.code, "SVKGOV");
  EXPECT_EQ(index_->Resolve("Slovakia's Robert Fico", *Date::Parse("2020-05-15")).actor.code, "SVKELI");
  // A name not in the data after a possessive state: that state, no sector, the name kept.
  auto all = FindIn(*index_, "Officials met Slovakia's Jozef Novakovsky on Tuesday to discuss trade.", "2024-05-15");
  const ActorMention* m = MentionText(all, "Slovakia's Jozef Novakovsky");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.code, "SVK");
  EXPECT_EQ(m->actor.name, "Jozef Novakovsky");
  EXPECT_EQ(m->kind, ActorMention::Kind::kPerson);
  // A lower-case word after the possessive is no name.
  all = FindIn(*index_, "Officials criticised Slovakia's economy on Tuesday.", "2024-05-15");
  m = MentionText(all, "Slovakia");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.name, "");
}

TEST_F(RealDataTest, TheNorthAndTheSouthInAKoreanContext) {
  const char* d = "2018-04-27";
  auto all = FindIn(*index_, "North Korea and South Korea held talks. The North said the South must act. "
                             "The North's leader arrived.", d);
  const ActorMention* north = MentionText(all, "North");
  const ActorMention* south = MentionText(all, "South");
  ASSERT_NE(north, nullptr) << Codes(all);
  ASSERT_NE(south, nullptr) << Codes(all);
  EXPECT_EQ(north->actor.code, "PRK");
  EXPECT_EQ(south->actor.code, "KOR");
  const ActorMention* leader = MentionText(all, "North's leader");
  ASSERT_NE(leader, nullptr) << Codes(all);
  EXPECT_EQ(leader->actor.country, "PRK") << Codes(all);
  // Without a Korean context, nothing.
  all = FindIn(*index_, "The storm hit the North. Voters in the South stayed home.", d);
  EXPECT_TRUE(all.empty()) << Codes(all);
  // Not before another capitalised word.
  all = FindIn(*index_, "North Korea fired a missile into the North Pacific.", d);
  EXPECT_EQ(MentionText(all, "North"), nullptr) << Codes(all);
}

TEST_F(RealDataTest, CongoAloneIsTheDrc) {
  const Date d = *Date::Parse("2024-01-10");
  EXPECT_EQ(index_->Resolve("Congo", d).actor.code, "COD");
  EXPECT_EQ(index_->Resolve("Democratic Republic of Congo", d).actor.code, "COD");
  EXPECT_EQ(index_->Resolve("Congo-Brazzaville", d).actor.code, "COG");
  EXPECT_EQ(index_->Resolve("the Republic of Congo", d).actor.code, "COG");
  EXPECT_EQ(index_->Resolve("the Republic of the Congo", d).actor.code, "COG");
}

TEST_F(RealDataTest, ShortNameKimResolvesByDate) {
  // 2000: Kim Jong Il leads North Korea; Kim Dae-jung is South Korea's president.
  auto all = FindIn(*index_, "Kim Il Sung founded the state. His son Kim Jong Il met Kim Dae-jung. Kim said he would visit.",
                    "2000-06-15");
  ASSERT_FALSE(all.empty());
  const ActorMention& last = all.back();
  EXPECT_EQ(last.actor.text, "Kim") << Codes(all);
  // The last named is Kim Dae-jung, who holds a role: the short name is his.
  EXPECT_EQ(last.actor.name, "Kim Dae-jung") << Codes(all);
  all = FindIn(*index_, "Kim Il Sung founded the state. His son Kim Jong Il took over. Kim said he would visit.",
               "2000-06-15");
  EXPECT_EQ(all.back().actor.name, "Kim Jong Il") << Codes(all);
  EXPECT_EQ(all.back().actor.code, "PRKGOV") << Codes(all);
  EXPECT_EQ(index_->Resolve("Kim Il Sung", *Date::Parse("1990-01-01")).actor.code, "PRKGOV");
  EXPECT_EQ(index_->Resolve("Kim Jong-il", *Date::Parse("2000-06-15")).actor.code, "PRKGOV");
}

// Heads of state and government 1960-2011 converted from CountryInfo.txt
// (scripts/countryinfo-leaders.py): a leader is the state's government during the term, a former
// office holder (ELI) after it, and a surname alone names nobody out of office.
TEST_F(RealDataTest, CountryInfoLeadersResolveByDate) {
  if (!Has("agents.txt") || !Has("people/leaders-1960-2011.txt")) GTEST_SKIP() << "leaders-1960-2011.txt not present";
  auto at = [&](const char* text, const char* date) { return index_->Resolve(text, *Date::Parse(date)); };
  EXPECT_EQ(at("Agostinho Neto", "1977-05-01").actor.code, "AGOGOV");
  EXPECT_EQ(at("Neto", "1977-05-01").actor.code, "AGOGOV");
  EXPECT_EQ(at("Agostinho Neto", "1990-05-01").actor.code, "AGOELI");
  EXPECT_FALSE(at("Neto", "1990-05-01").found);
  // Soviet offices are SUN, Tito's are YUG, while those states existed.
  EXPECT_EQ(at("Brezhnev", "1975-01-01").actor.code, "SUNGOV");
  EXPECT_EQ(at("the Soviet leader", "1975-01-01").actor.name, "Leonid Brezhnev");
  EXPECT_EQ(at("Mikhail Gorbachev", "1988-01-01").actor.code, "SUNGOV");
  ActorResolution tito = at("the Yugoslav President", "1975-01-01");
  EXPECT_EQ(tito.actor.code, "YUGGOV");
  EXPECT_EQ(tito.actor.name, "Josip Broz Tito");
  // A title finds the holder on the date; a president without prime minister heads the government.
  EXPECT_EQ(at("the U.S. President", "1972-05-25").actor.name, "Richard M. Nixon");
  EXPECT_EQ(at("the Indian Prime Minister", "1978-01-01").actor.name, "Morarji Desai");
  // Derived aliases: no middle initial, no Arabic article, first name + first surname.
  EXPECT_EQ(at("Gerald Ford", "1975-06-01").actor.code, "USAGOV");
  EXPECT_EQ(at("Anwar Sadat", "1979-01-01").actor.code, "EGYGOV");
  EXPECT_EQ(at("Kjell Laugerud", "1976-01-01").actor.code, "GTMGOV");
  // A role added to an existing record (her first term as prime minister).
  EXPECT_EQ(at("Sirimavo Bandaranaike", "1975-01-01").actor.code, "LKAGOV");
  EXPECT_EQ(at("Sirimavo Bandaranaike", "1985-01-01").actor.code, "LKAELI");
}

TEST_F(RealDataTest, CapitalsAreAlsoPlaces) {
  auto all = FindIn(*index_, "Russian missiles hit Kyiv overnight.", "2024-01-02");
  const ActorMention* m = MentionText(all, "Kyiv");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.code, "UKRGOV");
  EXPECT_EQ(m->kind, ActorMention::Kind::kCapital);
  EXPECT_TRUE(m->also_place);
}

TEST_F(RealDataTest, SharedPartyPrefersTheDatelineState) {
  // demo 049: a Seoul story naming Japan more often than South Korea; the opposition
  // Democratic Party is South Korea's (was USAPTY, then JPNPTY by count alone), and the
  // opposition's party (OPPPTY).
  Document doc;
  doc.text = "South Korea announced a plan. Japan welcomed it. Japan said more. Tokyo agreed. "
             "The opposition Democratic Party criticised the plan.";
  doc.date = *Date::Parse("2023-03-06");
  SegmentDocument(&doc);
  DocContext ctx;
  ctx.date = doc.date;
  ctx.dateline_country = "KOR";
  std::vector<ActorMention> all;
  for (const Sentence& s : doc.sentences) {
    auto m = index_->Find(doc, s, &ctx);
    all.insert(all.end(), m.begin(), m.end());
  }
  const ActorMention* m = MentionText(all, "Democratic Party");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.code, "KOROPPPTY") << Codes(all);
  EXPECT_EQ(ctx.DominantState(), "JPN");
}

TEST_F(RealDataTest, DescribedActors) {
  const Date d = *Date::Parse("2016-03-01");
  // A party's standing before its name leads its sector; a party named alone keeps PTY.
  auto party = [&](const char* text, const char* name) {
    const auto all = FindIn(*index_, text, "2016-03-01");
    const ActorMention* m = MentionText(all, name);
    return m ? m->actor.code : "none in " + Codes(all);
  };
  EXPECT_EQ(party("Turkey's ruling Justice and Development Party accused Greece.", "Justice and Development Party"),
            "TURGOVPTY");
  EXPECT_EQ(party("Britain's opposition Labour Party criticised the war.", "Labour Party"), "GBROPPPTY");
  EXPECT_EQ(party("Britain's Labour Party criticised the war.", "Britain's Labour Party"), "GBRPTY");
  EXPECT_EQ(party("The ruling Workers' Party met.", "ruling Workers' Party"), "PRKGOVPTY");
  // A state's ruling coalition with qualifiers between is its government.
  EXPECT_EQ(index_->Resolve("Moldova's ruling pro-European coalition", d).actor.code, "MDAGOV");
  EXPECT_EQ(index_->Resolve("Moldova's pro-European coalition", d).actor.code, "MDA");
  // Plural hyphenated nationalities are people of the last; exiles are OPP.
  EXPECT_EQ(index_->Resolve("two Korean-Americans", d).actor.country, "USA");
  EXPECT_EQ(index_->Resolve("Iranian-Americans", d).actor.country, "USA");
  EXPECT_EQ(index_->Resolve("Cuban exiles", d).actor.code, "CUBOPP");
}

TEST_F(RealDataTest, LastLeaderIsNotTheHolderOnTheDate) {
  // demo 023 (2019): "Hu Jintao was the last Chinese leader to visit the North" named Xi.
  auto all = FindIn(*index_, "Hu Jintao was the last Chinese leader to visit the country.", "2019-06-20");
  const ActorMention* m = MentionText(all, "Chinese leader");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.code, "CHNGOV");
  EXPECT_EQ(m->actor.name, "") << Codes(all);
  // demo 005: "the first North Korean leader to set foot in South Korea" is Kim Jong Un.
  all = FindIn(*index_, "He became the first North Korean leader to set foot in the South.", "2018-04-27");
  m = MentionText(all, "North Korean leader");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.name, "Kim Jong Un");
  all = FindIn(*index_, "The Chinese leader arrived in the country on Thursday.", "2019-06-20");
  m = MentionText(all, "Chinese leader");
  ASSERT_NE(m, nullptr) << Codes(all);
  EXPECT_EQ(m->actor.name, "Xi Jinping");
}

TEST_F(RealDataTest, KimFamilyIsNotAPerson) {
  // demo 002: "the ruling Kim family" was Kim Jong Un.
  auto all = FindIn(*index_, "Kim Jong Un sent his sister. She is the first member of the ruling Kim family to visit the South.",
                    "2018-02-10");
  for (const ActorMention& m : all)
    if (m.actor.text == "Kim") ADD_FAILURE() << "'Kim' of 'Kim family' resolved: " << Codes(all);
}

TEST(ActorIndexLoadTest, NewKeysAreValidated) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt",
        "[state ABC]\nname = Abcland\nperson_name = Abby\n"
        "[region R1]\nname = Rimland\nadjective = Rimlandic\ncode = ABC\n"
        "[region R2]\nname = Other Rim\nadjective = Other Rimlandic\ncode = RIM\n"},
       {"a.txt", "[agent GOV]\nname = government\nnoun = officials\nprefixed = leaders\n"},
       {"o.txt", "[igo X1]\nname = Council of Things\ncode = IGOCOT\nnational = QQQ\n"
                 "[party P1]\nname = Party of Things\ncode = PTY\nshared = yes\n"}},
      c.Sink());
  EXPECT_TRUE(c.Has("s.txt", 3, "person_name 'Abby' is not a name or alias of ABC")) << c.All();
  EXPECT_TRUE(c.Has("s.txt", 7, "region code 'ABC' is a state code")) << c.All();
  EXPECT_TRUE(c.Has("o.txt", 4, "unknown sector 'QQQ' in 'national'")) << c.All();
  EXPECT_TRUE(c.Has("o.txt", 8, "'shared = yes' needs 'national = SECTOR'")) << c.All();
  EXPECT_EQ(c.Errors(), 4) << c.All();
  Date d = *Date::Parse("2020-01-01");
  EXPECT_EQ(index->Resolve("Other Rimlandic officials", d).actor.code, "RIMGOV");
  EXPECT_EQ(index->Resolve("Other Rimlandic leaders", d).actor.code, "RIMGOV");
  EXPECT_FALSE(index->Resolve("leaders", d).found);  // `prefixed`: not alone
  // A state name used as a modifier before an agent noun is a prefix ("the Mozambique
  // government"), also before a `prefixed` noun.
  EXPECT_EQ(index->Resolve("Abcland leaders", d).actor.code, "ABCGOV");
}

// biz26: a company name that is also a common word opens a sentence as the word before a noun
// and as the company before a verb; business nouns before a company's name are its apposition.
TEST(ActorIndexLoadTest, CompanyNamesThatAreWordsAndAppositions) {
  Collected c;
  auto index = ActorIndex::LoadFromTexts(
      {{"s.txt", "[state FRA]\nname = France\nadjective = French\n[state RUS]\nname = Russia\nadjective = Russian\n"},
       {"a.txt", "[agent BUS]\nname = business\nnoun = company | companies\n"},
       {"c.txt", "[body TOTAL]\nname = Total\ncode = FRABUS\ncountry = FRA\ncommon_word = Total\n"
                 "[body ROSNEFT]\nname = Rosneft\ncode = RUSBUS\ncountry = RUS\n"
                 "[body BAD]\nname = Badco\ncode = RUSBUS\ncountry = RUS\ncommon_word = Bad\n"}},
      c.Sink());
  EXPECT_TRUE(c.Has("c.txt", 14, "common_word 'Bad' is not a name or alias of BAD")) << c.All();
  EXPECT_EQ(c.Errors(), 1) << c.All();
  auto codes = [&](const char* text) { return Codes(FindIn(*index, text, "2020-01-01")); };
  EXPECT_EQ(codes("Total exports to Russia rose."), "RUS 'Russia'; ");
  EXPECT_EQ(codes("Total said it would leave Russia."), "FRABUS 'Total'; RUS 'Russia'; ");
  EXPECT_EQ(codes("Total, the oil company, left."), "FRABUS 'Total'; BUS 'oil company'; ");
  EXPECT_EQ(codes("Russia fined Total."), "RUS 'Russia'; FRABUS 'Total'; ");
  EXPECT_EQ(codes("Russia sued the oil company Total."), "RUS 'Russia'; FRABUS 'oil company Total'; ");
  EXPECT_EQ(codes("France fined the Russian state oil company Rosneft."),
            "FRA 'France'; RUSBUS 'Russian state oil company Rosneft'; ");
}

}  // namespace
}  // namespace entente::actors
