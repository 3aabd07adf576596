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

// A year- or month-precision date is shown as the period it stands for, in tables and in
// explanations; CSV keeps the ISO date and adds the precision column.
TEST(OutputTest, DatePrecisionIsShown) {
  Event e;
  e.id = "e2";
  e.date = "2000-01-01";
  e.date_precision = DatePrecision::kYear;
  e.text = "Putin last visited Pyongyang in 2000.";
  EXPECT_EQ(ShownDate(e), "2000 (year)");
  Event m = e;
  m.date = "2019-10-01";
  m.date_precision = DatePrecision::kMonth;
  EXPECT_EQ(ShownDate(m), "2019-10 (month)");
  Event d = e;
  d.date_precision = DatePrecision::kDay;
  EXPECT_EQ(ShownDate(d), "2000-01-01");
  Event none;
  EXPECT_EQ(ShownDate(none), "");

  std::ostringstream table;
  EventWriter tw(table, OutputFormat::kTable);
  tw.Write(e);
  tw.Write(d);
  tw.Finish();
  EXPECT_NE(table.str().find("e2  2000 (year)"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("e2  2000-01-01"), std::string::npos) << table.str();

  std::ostringstream csv;
  EventWriter cw(csv, OutputFormat::kCsv);
  cw.Write(e);
  cw.Finish();
  EXPECT_NE(csv.str().find(",date,date_precision,"), std::string::npos) << csv.str();
  EXPECT_NE(csv.str().find(",2000-01-01,year,"), std::string::npos) << csv.str();

  std::ostringstream ex;
  ExplainEvent(ex, e, /*color=*/false);
  EXPECT_NE(ex.str().find("when:     2000-01-01  (stands for the whole year)"), std::string::npos) << ex.str();
  std::ostringstream exd;
  ExplainEvent(exd, d, /*color=*/false);
  EXPECT_EQ(exd.str().find("stands for"), std::string::npos) << exd.str();
}

}  // namespace
}  // namespace entente::cli
