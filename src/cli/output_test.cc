#include "cli/output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace entente::cli {
namespace {

TEST(OutputTest, CsvAndTsvEscaping) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(TsvEscape("a\tb\nc"), "a\\tb\\nc");
}

TEST(OutputTest, CsvRowsHaveHeaderAndOneLinePerEvent) {
  std::ostringstream out;
  EventWriter w(out, OutputFormat::kCsv);
  Event e;
  e.text = "Kim said, \"we will go\"";
  w.Write(e);
  w.Write(e);
  w.Finish();
  std::string s = out.str();
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 3);
  EXPECT_EQ(s.rfind("id,doc_id,", 0), 0u);
}

TEST(OutputTest, TableAlignsColumns) {
  Table t({"a", "bb"});
  t.Add({"long cell", "x"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(), "a          bb\n---------  --\nlong cell  x\n");
}

TEST(OutputTest, ExplainMarksWordsWithinTheSentence) {
  Event e;
  e.id = "e1";
  e.text = "Kim visited Beijing.";
  e.sentence_span = {100, 120};
  e.source.code = "PRKGOV";
  e.source.span = {100, 103};
  e.why.verb = {104, 111};
  e.target = ActorRef{"CHN", "CHN", "", "", "Beijing", {112, 119}};
  std::ostringstream out;
  ExplainEvent(out, e, /*color=*/false);
  EXPECT_NE(out.str().find("[Kim]src {visited}verb [Beijing]tgt."), std::string::npos) << out.str();
}

}  // namespace
}  // namespace entente::cli
