// Grouping on the demo corpus coded by our own pipeline (a separate binary: it needs the coder).
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "base/testutil.h"
#include "entente/analysis.h"
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
  std::map<std::string, std::set<std::string>> docs_of_group;
  for (size_t i = 0; i < events.size(); ++i) docs_of_group[groups[i]].insert(doc_of[events[i].id]);
  auto merged = [&](const std::string& x, const std::string& y) {
    for (const auto& [g, docs] : docs_of_group) {
      if (docs.count(x) && docs.count(y)) return true;
    }
    return false;
  };
  int collapsed = merged("010", "011") + merged("010", "012") + merged("076", "077") +
                  merged("076", "078") + merged("081", "082");
  std::cout << "[ demo    ] " << events.size() << " events, " << docs_of_group.size()
            << " groups; repeated-report pairs merged: " << collapsed << "/5\n";
  EXPECT_GE(collapsed, 3);
  EXPECT_FALSE(merged("007", "008"));
  EXPECT_FALSE(merged("050", "051"));
  EXPECT_FALSE(merged("052", "053"));
  EXPECT_FALSE(merged("087", "088"));
  EXPECT_FALSE(merged("085", "089"));
  EXPECT_FALSE(merged("089", "091"));
}

}  // namespace
}  // namespace entente
