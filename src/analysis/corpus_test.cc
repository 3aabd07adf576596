// Grouping on the demo corpus coded by our own pipeline (a separate binary: it needs the coder).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/testutil.h"
#include "entente/analysis.h"
#include "entente/reader.h"
#include "entente/pipeline.h"

namespace entente {
namespace {

// On the demo corpus coded by our own pipeline: the repeated reports must collapse and the
// distinct same-day events must not. Skipped while the pipeline codes nothing.
TEST(GroupingTest, DemoCorpusRepeatedReports) {
  PipelineOptions po;
  po.knowledge.root = testing::SourceDir();
  po.fast = true;
  auto pipeline = Pipeline::Open(po);
  if (!pipeline.ok()) GTEST_SKIP() << "pipeline not available: " << pipeline.status().ToString();
  std::vector<Event> events;
  std::map<std::string, std::string> doc_of;  // event id -> file number
  std::map<std::string, std::string> doc_date;
  for (const auto& entry : std::filesystem::directory_iterator(testing::SourceDir() + "/corpus/demo")) {
    std::string name = entry.path().filename().string();
    if (name.size() < 4 || !isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::string text = testing::ReadFileOrDie(entry.path().string());
    Document doc;
    doc.id = name.substr(0, 3);
    // Header lines: Title:, Date:, Source:, blank line, body.
    std::istringstream in(text);
    std::string line, body;
    bool in_body = false;
    while (std::getline(in, line)) {
      if (!in_body && line.rfind("Date:", 0) == 0) doc.date = Date::Parse(line.substr(line.find_first_not_of(' ', 5)));
      if (!in_body && line.empty()) {
        in_body = true;
        continue;
      }
      if (in_body) body += line + "\n";
    }
    doc.text = body;
    doc_date[doc.id] = doc.date ? doc.date->ToString() : "";
    std::vector<Event> ev;
    if (!(*pipeline)->Process(&doc, &ev).ok()) continue;
    for (Event& e : ev) {
      doc_of[e.id] = doc.id;
      events.push_back(std::move(e));
    }
  }
  size_t dyadic = 0;
  for (const Event& e : events) dyadic += !e.source.country.empty() && e.target && !e.target->country.empty();
  if (dyadic < 20) GTEST_SKIP() << "the pipeline coded only " << dyadic << " dyadic events from the demo corpus";
  auto groups = GroupMentions(events);
  if (std::getenv("ENTENTE_DUMP")) {
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& e = events[i];
      std::cout << doc_of[e.id] << " " << e.date << " " << e.source.country << ">" << (e.target ? e.target->country : "")
                << " " << e.cameo << " " << ModalityName(e.modality) << " g=" << groups[i].substr(0, 8) << " "
                << e.text.substr(0, 70) << "\n";
    }
  }
  std::map<std::string, std::set<std::string>> docs_of_group;
  for (size_t i = 0; i < events.size(); ++i) docs_of_group[groups[i]].insert(doc_of[events[i].id]);
  // A story collapsed: some group holds mentions from two of its files.
  auto merged = [&](const std::vector<std::string>& files) {
    for (const auto& [g, docs] : docs_of_group) {
      int n = 0;
      for (const auto& f : files) n += docs.count(f);
      if (n >= 2) return true;
    }
    return false;
  };
  int collapsed = merged({"010", "011", "012"}) + merged({"019", "020"}) + merged({"076", "077", "078"}) +
                  merged({"081", "082"}) + merged({"103", "104"});
  // Distinct events: the lead event of each file (its first event between two states dated on
  // the file's date; later sentences may rightly mention the other file's event) stays apart.
  std::map<std::string, std::string> lead_group;
  std::map<std::string, int> lead_sentence;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::string& d = doc_of[e.id];
    if (e.source.country.empty() || !e.target || e.target->country.empty() || e.date != doc_date[d]) continue;
    if (!lead_group.count(d) || e.sentence < lead_sentence[d]) lead_group[d] = groups[i], lead_sentence[d] = e.sentence;
  }
  int checked = 0;
  for (auto [x, y] : std::vector<std::pair<std::string, std::string>>{
           {"007", "008"}, {"031", "032"}, {"043", "044"}, {"050", "051"}, {"052", "053"}, {"087", "088"},
           {"103", "105"}, {"085", "089"}, {"089", "091"}}) {
    if (!lead_group.count(x) || !lead_group.count(y)) continue;
    ++checked;
    EXPECT_NE(lead_group[x], lead_group[y]) << x << " and " << y << " are distinct events";
  }
  std::cout << "[ demo    ] " << events.size() << " events, " << docs_of_group.size()
            << " groups; stories collapsed: " << collapsed << "/5; distinct pairs checked: " << checked << "/9\n";
  EXPECT_GE(collapsed, 1);
  EXPECT_GE(checked, 3);

  // The briefing on the corpus: China, Russia and North Korea in one bloc, the United States,
  // South Korea and Japan in another.
  AnalysisOptions o;
  o.since = Date{2018, 1, 1};
  AlignmentOptions a;
  a.bootstrap = 50;
  Briefing b = MakeBriefing(TableFromEvents(events), o, a);
  auto j = nlohmann::json::parse(b.json);
  auto bloc_of = [&](const std::string& state) {
    for (size_t k = 0; k < j["blocs"].size(); ++k) {
      for (const auto& m : j["blocs"][k]["members"]) {
        if (m == state) return static_cast<int>(k);
      }
    }
    return -1;
  };
  std::cout << b.markdown.substr(0, b.markdown.find("## Largest shifts")) << "\n";
  EXPECT_GE(bloc_of("CHN"), 0);
  EXPECT_EQ(bloc_of("CHN"), bloc_of("RUS"));
  EXPECT_EQ(bloc_of("CHN"), bloc_of("PRK"));
  EXPECT_GE(bloc_of("USA"), 0);
  EXPECT_EQ(bloc_of("USA"), bloc_of("KOR"));
  EXPECT_EQ(bloc_of("USA"), bloc_of("JPN"));
  EXPECT_NE(bloc_of("USA"), bloc_of("CHN"));

}

// Regression: on the demo corpus coded with syntax, the signed bloc method never returned,
// because Leiden ran "until stable" and negative ties let the partition cycle. It must finish
// and keep the camps apart.
TEST(BlocsTest, SignedMethodTerminatesOnTheDemoCorpus) {
  PipelineOptions po;
  po.knowledge.root = testing::SourceDir();
  auto pipeline = Pipeline::Open(po);
  if (!pipeline.ok()) GTEST_SKIP() << "pipeline not available: " << pipeline.status().ToString();
  ReadOptions ro;
  std::vector<Event> events;
  ReadStats stats;
  Status st = ReadDocuments({testing::SourceDir() + "/corpus/demo"}, ro, [&](Document& doc) {
    return (*pipeline)->Process(&doc, &events);
  }, &stats);
  ASSERT_TRUE(st.ok()) << st.ToString();
  AnalysisOptions o;  // every window, 2000 on
  BlocOptions signed_blocs;
  signed_blocs.method = BlocMethod::kSigned;
  auto windows = ComputeBlocs(ComputeAlignment(TableFromEvents(events), o), o, signed_blocs);
  ASSERT_FALSE(windows.empty());
  const WindowBlocs& last = windows.back();
  auto bloc_of = [&](const std::string& x) {
    for (size_t k = 0; k < last.blocs.size(); ++k)
      if (std::find(last.blocs[k].members.begin(), last.blocs[k].members.end(), x) != last.blocs[k].members.end())
        return static_cast<int>(k);
    return -1;
  };
  EXPECT_GE(bloc_of("CHN"), 0) << last.label;
  EXPECT_EQ(bloc_of("CHN"), bloc_of("RUS")) << last.label;
  EXPECT_NE(bloc_of("USA"), bloc_of("CHN")) << last.label;
}

}  // namespace
}  // namespace entente
