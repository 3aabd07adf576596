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
- * NOTHING [---]
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

Opened Open(const std::vector<std::string>& dicts, bool own) {
  Opened o;
  PipelineOptions po;
  po.fast = true;
  po.knowledge.root = testing::SourceDir();
  po.knowledge.own_knowledge = own;
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

std::vector<Event> Code(const Pipeline& p, const std::string& text) {
  Document d;
  d.id = "t";
  d.text = text;
  d.date = Date{2025, 8, 28};
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
  EXPECT_NE(o.infos[0].find("coded ---"), std::string::npos) << o.infos[0];

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

}  // namespace
}  // namespace entente
