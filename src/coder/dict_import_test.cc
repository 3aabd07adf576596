// --dict in the pipeline: a small TABARI verb dictionary converted into patterns (codes, target
// and source markers, synsets, malformed entries reported), own_knowledge = false, unknown file
// kinds; and the PETRARCH/Phoenix dictionaries from the shared data when present.
#include "coder/dict_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/testutil.h"
#include "entente/pipeline.h"

namespace entente {
namespace {

constexpr const char* kVerbs = R"(&CRIMES
+CORRUPTION
+BRIBERY
+WAR CRIMES

--- SCOLD [111] ---
SCOLD {SCOLDED SCOLDS SCOLDING}
BERATE
- * + FOR &CRIMES [1121]
- * + OVER % [112]
- * + OVER TRIFLES [---]
- BROKEN PATTERN [111]
)";

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

struct Opened {
  std::unique_ptr<Pipeline> pipeline;
  std::vector<std::string> errors, infos;
};

Opened Open(const std::vector<std::string>& dicts, bool own, bool own_actors = true) {
  Opened o;
  PipelineOptions po;
  po.fast = true;
  po.knowledge.root = testing::SourceDir();
  po.knowledge.own_knowledge = own;
  po.knowledge.own_actors = own_actors;
  po.knowledge.dicts = dicts;
  po.sink = [&o](const Diagnostic& d) {
    if (d.level == Diagnostic::Level::kError) o.errors.push_back(d.ToString());
    if (d.level == Diagnostic::Level::kInfo) o.infos.push_back(d.ToString());
  };
  auto p = Pipeline::Open(po);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  if (p.ok()) o.pipeline = std::move(p).value();
  return o;
}

std::vector<Event> Code(const Pipeline& p, const std::string& text, Date date = Date{2025, 8, 28}) {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = date;
  std::vector<Event> events;
  EXPECT_TRUE(p.Process(&d, &events).ok());
  return events;
}

TEST(DictImport, VerbDictionaryCodesWithoutOwnPatterns) {
  std::string path = WriteFile("fixture.verbs.txt", kVerbs);
  Opened o = Open({path}, /*own=*/false);
  ASSERT_TRUE(o.pipeline);
  // The malformed pattern (no verb marker) is reported with file and line, loading went on.
  bool reported = false;
  for (const auto& e : o.errors)
    if (e.find(path + ":12") != std::string::npos) reported = true;
  EXPECT_TRUE(reported) << (o.errors.empty() ? "no errors" : o.errors[0]);
  ASSERT_FALSE(o.infos.empty());
  EXPECT_NE(o.infos[0].find("1 blocking"), std::string::npos) << o.infos[0];

  auto ev = Code(*o.pipeline, "France scolded Germany for corruption on Monday.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "1121");
  EXPECT_EQ(ev[0].source.country, "FRA");
  ASSERT_TRUE(ev[0].target.has_value());
  EXPECT_EQ(ev[0].target->country, "DEU");
  ev = Code(*o.pipeline, "France berated Germany on Monday.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "111");
  ASSERT_TRUE(ev[0].target.has_value());
  EXPECT_EQ(ev[0].target->country, "DEU");
  // The blocking pattern "- * + OVER TRIFLES [---]" wins over the bare verb: no event.
  EXPECT_TRUE(Code(*o.pipeline, "France scolded Germany over trifles on Monday.").empty());
  // Our own patterns are not loaded: a visit is not coded.
  EXPECT_TRUE(Code(*o.pipeline, "France visited Germany on Monday.").empty());
}

TEST(DictImport, AddedToOwnKnowledge) {
  std::string path = WriteFile("fixture2.verbs.txt", kVerbs);
  Opened o = Open({path}, /*own=*/true);
  ASSERT_TRUE(o.pipeline);
  EXPECT_FALSE(Code(*o.pipeline, "France visited Germany on Monday.").empty());
  auto ev = Code(*o.pipeline, "France scolded Germany for bribery on Monday.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "1121");
}

TEST(DictImport, UnknownKindAndMissingFileFail) {
  PipelineOptions po;
  po.fast = true;
  po.knowledge.root = testing::SourceDir();
  po.knowledge.dicts = {WriteFile("mystery.txt", "X\n")};
  auto p = Pipeline::Open(po);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("mystery.txt"), std::string::npos);
  po.knowledge.dicts = {testing::TempDir() + "/no-such.verbs.txt"};
  EXPECT_FALSE(Pipeline::Open(po).ok());
  po.knowledge.dicts.clear();
  po.knowledge.own_knowledge = false;
  EXPECT_FALSE(Pipeline::Open(po).ok());
}

TEST(DictImport, PetrarchAndPhoenixDictionaries) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::string dir = shared + "/petrarch2-dictionaries-and-tests/dictionaries/";
  coder::DictImportStats total;
  for (const char* f : {"PETR.Validate.verbs.txt", "CAMEO.verbpatterns.150430.txt"}) {
    auto k = coder::CoderKnowledge::Load(testing::SourceDir(), false, nullptr, nullptr, false);
    ASSERT_TRUE(k.ok());
    coder::DictImportStats st;
    Status s = coder::ImportDictionaries({dir + f}, k.value().get(), nullptr, &st);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_GT(st.verb_patterns, 100) << f;
    EXPECT_GT(st.blocking_patterns, 4) << f;  // TABARI's "---" patterns, kept as blocking
    EXPECT_EQ(static_cast<int64_t>(k.value()->patterns.size()), st.verb_patterns) << f;
  }
  auto k = coder::CoderKnowledge::Load(testing::SourceDir(), false, nullptr, nullptr, true);
  ASSERT_TRUE(k.ok());
  size_t discards = k.value()->lexicon.discards.size();
  coder::DictImportStats st;
  Status s = coder::ImportDictionaries(
      {dir + "PETR.Validate.actors.txt", dir + "PETR.Validate.agents.txt", dir + "Phoenix.discards.txt",
       dir + "Phoenix.IssueCoding.txt", dir + "Phoenix.Countries.actors.txt"},
      k.value().get(), nullptr, &st);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(st.unused_entries, 1000);
  EXPECT_GT(st.discard_phrases, 10);
  EXPECT_EQ(k.value()->lexicon.discards.size(), discards + static_cast<size_t>(st.discard_phrases));
}

// ------------------------------------------------------------------------------------------
// Actor and agent dictionaries in the actor index of the pipeline.

constexpr const char* kActors = R"(# a hand-written actor dictionary
ZORBLAX_QUIMBY_
+QUIMBY
	[RUSGOV 010101-121231]
	[RUSELI >130101]
GONDORIA_ [GEO]
+GONDORIAN
BAD_CODE_ACTOR [RU5GOV]
BAD_DATE_ACTOR [RUS 991301-000101]
FROBNITZ_ALLIANCE [IGOFRB]
)";

constexpr const char* kAgents = R"(GLORPMASTER [~GOV]
NO_CODE_AGENT
SNARFLER [~MIL]
)";

const Event* WithCameo(const std::vector<Event>& ev, const std::string& root) {
  for (const auto& e : ev)
    if (e.cameo.compare(0, root.size(), root) == 0) return &e;
  return nullptr;
}

TEST(DictImport, ActorDictionaryNamesActorsOnTheArticleDate) {
  std::string actors = WriteFile("hand.actors.txt", kActors);
  std::string agents = WriteFile("hand.agents.txt", kAgents);
  Opened o = Open({actors, agents}, /*own=*/true);
  ASSERT_TRUE(o.pipeline);
  // An unknown name, coded from the dictionary, with the code of the article's date.
  auto ev = Code(*o.pipeline, "Zorblax Quimby visited Germany on Monday.", Date{2005, 3, 1});
  const Event* e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr) << ev.size();
  EXPECT_EQ(e->source.code, "RUSGOV");
  EXPECT_EQ(e->source.country, "RUS");
  ASSERT_TRUE(e->target.has_value());
  EXPECT_EQ(e->target->country, "DEU");
  bool cites = false;
  for (const auto& en : e->why.entries) cites = cites || en.find("hand.actors.txt:4") != std::string::npos;
  EXPECT_TRUE(cites) << "provenance names the code line";
  ev = Code(*o.pipeline, "Zorblax Quimby visited Germany on Monday.", Date{2015, 3, 1});
  e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "RUSELI");
  // Agents give a sector, after our country adjective or a dictionary state.
  ev = Code(*o.pipeline, "French glorpmasters visited Germany on Monday.");
  e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "FRAGOV");
  ev = Code(*o.pipeline, "Gondorian snarflers visited Germany on Monday.");
  e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "GEOMIL");
  // Without the dictionaries the name is nobody.
  Opened plain = Open({}, /*own=*/true);
  ev = Code(*plain.pipeline, "Zorblax Quimby visited Germany on Monday.", Date{2005, 3, 1});
  for (const auto& x : ev) EXPECT_NE(x.source.code, "RUSGOV");
}

TEST(DictImport, NoBuiltinActors) {
  std::string actors = WriteFile("hand2.actors.txt", kActors);
  Opened o = Open({actors}, /*own=*/true, /*own_actors=*/false);
  ASSERT_TRUE(o.pipeline);
  auto ev = Code(*o.pipeline, "Zorblax Quimby visited Gondoria on Monday.", Date{2005, 3, 1});
  const Event* e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "RUSGOV");
  ASSERT_TRUE(e->target.has_value());
  EXPECT_EQ(e->target->code, "GEO");
  // Our own names are not matched.
  for (const auto& x : Code(*o.pipeline, "France visited Germany on Monday."))
    EXPECT_TRUE(x.source.country != "FRA" && (!x.target || x.target->country != "DEU"));
  // Without an actor or agent dictionary there is nothing to name actors with.
  PipelineOptions po;
  po.fast = true;
  po.knowledge.root = testing::SourceDir();
  po.knowledge.own_actors = false;
  EXPECT_FALSE(Pipeline::Open(po).ok());
  po.knowledge.dicts = {WriteFile("only.verbs.txt", kVerbs)};
  EXPECT_FALSE(Pipeline::Open(po).ok());
}

// Each kind of dictionary reports a malformed entry with file, line and reason, and loads the
// entries after it.
TEST(DictImport, MalformedEntriesReportedAndLoadingGoesOn) {
  auto k = coder::CoderKnowledge::Load(testing::SourceDir(), false, nullptr, nullptr, true);
  ASSERT_TRUE(k.ok());
  std::vector<Diagnostic> diags;
  DiagnosticSink sink = [&](const Diagnostic& d) { diags.push_back(d); };
  auto reported = [&](const std::string& path, int line, const std::string& fragment) {
    for (const auto& d : diags)
      if (d.level == Diagnostic::Level::kError && d.file == path && d.line == line &&
          d.message.find(fragment) != std::string::npos)
        return true;
    return false;
  };
  std::string actors = WriteFile("bad.actors.txt", kActors);
  std::string agents = WriteFile("bad.agents.txt", kAgents);
  std::string discards = WriteFile("bad.discards.txt", "SOCCER_\nBROKEN [ABC]\nBASEBALL_\n");
  std::string issues = WriteFile("bad.issues.txt",
                                 "<ISSUE CATEGORY=\"X\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\nno code here\n"
                                 "n:student [STUDENTS]\n</ISSUE>\n");
  coder::DictImportStats st;
  actors::DictEntries entries;
  Status s = coder::ImportDictionaries({actors, agents, discards, issues}, k.value().get(), sink, &st, &entries);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::string all;
  for (const auto& d : diags) all += d.ToString() + "\n";
  EXPECT_TRUE(reported(actors, 8, "RU5GOV")) << all;
  EXPECT_TRUE(reported(actors, 9, "bad date")) << all;
  EXPECT_TRUE(reported(agents, 2, "without [~CODE]")) << all;
  EXPECT_TRUE(reported(discards, 2, "take no code")) << all;
  EXPECT_TRUE(reported(issues, 3, "exactly one [CODE]")) << all;
  EXPECT_EQ(st.problems, 6) << all;  // the five above and "has no code" for BAD_DATE_ACTOR
  // What comes after each bad entry was loaded.
  ASSERT_EQ(entries.actors.size(), 3u);
  EXPECT_EQ(entries.actors[0].phrases, (std::vector<std::string>{"ZORBLAX QUIMBY", "QUIMBY"}));
  EXPECT_EQ(entries.actors[0].codes.size(), 2u);
  EXPECT_EQ(entries.actors[2].phrases[0], "FROBNITZ ALLIANCE");
  EXPECT_EQ(entries.actors[2].line, 10);
  EXPECT_EQ(st.agents, 4);  // GLORPMASTER(S), SNARFLER(S)
  EXPECT_EQ(entries.agents.back().code, "MIL");
  EXPECT_EQ(st.discard_phrases, 2);
  EXPECT_EQ(st.unused_entries, 2);  // the two issue phrases (not used: events carry no issues)
}

// The real PETRARCH/Phoenix actor dictionary: a name only it knows gets its code.
TEST(DictImport, PhoenixActorDictionaryEndToEnd) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::string dir = shared + "/petrarch2-dictionaries-and-tests/dictionaries/";
  std::string countries = dir + "Phoenix.Countries.actors.txt";
  if (!std::ifstream(countries)) GTEST_SKIP() << countries << " absent";
  const std::string text = "Aleksandr Rutskoy visited Germany on Monday.";
  Opened plain = Open({}, /*own=*/true);
  for (const auto& e : Code(*plain.pipeline, text, Date{1993, 9, 30})) EXPECT_NE(e.source.country, "RUS");
  Opened o = Open({countries, dir + "Phoenix.agents.txt"}, /*own=*/true);
  ASSERT_TRUE(o.pipeline);
  // [RUSELI 630101-930922] [RUSGOV 930922-931004] [RUSELI]
  auto ev = Code(*o.pipeline, text, Date{1993, 9, 30});
  const Event* e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr) << ev.size();
  EXPECT_EQ(e->source.code, "RUSGOV");
  ev = Code(*o.pipeline, text, Date{2001, 1, 1});
  e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "RUSELI");
  // A block of names written one after another shares the codes below it (Brezhnev).
  ev = Code(*o.pipeline, "Secretary Brezhnev visited Germany on Monday.", Date{1975, 1, 1});
  e = WithCameo(ev, "04");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source.code, "RUSGOV");
}

}  // namespace
}  // namespace entente
