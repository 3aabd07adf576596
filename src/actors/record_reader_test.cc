#include "actors/record_reader.h"

#include <gtest/gtest.h>

#include "base/testutil.h"

namespace entente::actors {
namespace {

struct Collected {
  std::vector<Diagnostic> diags;
  DiagnosticSink Sink() {
    return [this](const Diagnostic& d) { diags.push_back(d); };
  }
  bool Has(int line, std::string_view fragment) const {
    for (const Diagnostic& d : diags)
      if (d.line == line && d.message.find(fragment) != std::string::npos) return true;
    return false;
  }
};

std::vector<Record> Parse(std::string_view text, Collected* c, int* errors) {
  std::vector<Record> out;
  *errors = ParseRecords(text, "f.txt", c->Sink(), [&](Record&& r) { out.push_back(std::move(r)); });
  return out;
}

TEST(RecordReaderTest, ReadsRecordsFieldsAndLines) {
  Collected c;
  int errors = 0;
  auto recs = Parse(
      "# a comment\n"
      "\n"
      "[state PRK]     # trailing comment\n"
      "name       = North Korea\n"
      "alias      = DPRK | N. Korea   # note\n"
      "alias      = Pyongyang regime\n"
      "code = C#sharp\n"
      "[person KIM_JONG_UN]\r\n"
      "role = PRK GOV leader 2011-12-17..\r\n",
      &c, &errors);
  EXPECT_EQ(errors, 0);
  EXPECT_TRUE(c.diags.empty());
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].kind, "state");
  EXPECT_EQ(recs[0].id, "PRK");
  EXPECT_EQ(recs[0].line, 3);
  EXPECT_EQ(recs[0].file, "f.txt");
  EXPECT_EQ(recs[0].Where(), "f.txt:3");
  ASSERT_EQ(recs[0].fields.size(), 4u);
  EXPECT_EQ(recs[0].fields[0].key, "name");
  EXPECT_EQ(recs[0].fields[0].value, "North Korea");
  EXPECT_EQ(recs[0].fields[0].line, 4);
  auto aliases = recs[0].All("alias");
  ASSERT_EQ(aliases.size(), 2u);
  EXPECT_EQ(aliases[0]->Items(), (std::vector<std::string>{"DPRK", "N. Korea"}));
  EXPECT_EQ(aliases[1]->line, 6);
  EXPECT_EQ(recs[0].First("code")->value, "C#sharp");  // '#' not after a blank: not a comment
  EXPECT_EQ(recs[0].First("missing"), nullptr);
  EXPECT_EQ(recs[1].kind, "person");
  EXPECT_EQ(recs[1].First("role")->value, "PRK GOV leader 2011-12-17..");  // CR trimmed
  EXPECT_EQ(recs[1].First("role")->line, 9);
}

TEST(RecordReaderTest, ByteOrderMarkIsIgnored) {
  Collected c;
  int errors = 0;
  auto recs = Parse("\xEF\xBB\xBF[agent GOV]\nname = government\n", &c, &errors);
  EXPECT_EQ(errors, 0);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].kind, "agent");
}

TEST(RecordReaderTest, EveryMalformedLineIsReportedWithItsLineAndSkipped) {
  Collected c;
  int errors = 0;
  auto recs = Parse(
      "name = orphan\n"                // 1: field outside a record
      "[state PRK\n"                   // 2: header without ]
      "name = skipped silently\n"      // 3: under a bad header
      "[state]\n"                      // 4: header with one word
      "[State PRK]\n"                  // 5: kind not lower case
      "[state prk]\n"                  // 6: id not UPPER_SNAKE
      "[state PRK extra]\n"            // 7: three words
      "[state KOR]\n"                  // 8: good
      "just some words\n"              // 9: no '='
      " = value\n"                     // 10: empty key
      "name =\n"                       // 11: empty value
      "Bad Key = x\n"                  // 12: bad key
      "name = South Korea\n",          // 13: good
      &c, &errors);
  EXPECT_EQ(errors, 10);
  EXPECT_EQ(c.diags.size(), 10u);
  EXPECT_TRUE(c.Has(1, "outside a record"));
  EXPECT_TRUE(c.Has(2, "malformed record header"));
  EXPECT_FALSE(c.Has(3, ""));
  EXPECT_TRUE(c.Has(4, "malformed record header"));
  EXPECT_TRUE(c.Has(5, "bad record kind"));
  EXPECT_TRUE(c.Has(6, "bad record id"));
  EXPECT_TRUE(c.Has(7, "malformed record header"));
  EXPECT_TRUE(c.Has(9, "expected 'key = value'"));
  EXPECT_TRUE(c.Has(10, "missing key"));
  EXPECT_TRUE(c.Has(11, "empty value"));
  EXPECT_TRUE(c.Has(12, "bad key"));
  for (const Diagnostic& d : c.diags) {
    EXPECT_EQ(d.file, "f.txt");
    EXPECT_EQ(d.level, Diagnostic::Level::kError);
  }
  EXPECT_EQ(c.diags[0].ToString(), "f.txt:1: error: field 'name' outside a record (no '[KIND ID]' above)");
  // The rest loads.
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].id, "KOR");
  ASSERT_EQ(recs[0].fields.size(), 1u);
  EXPECT_EQ(recs[0].fields[0].line, 13);
}

TEST(RecordReaderTest, TableRowsAndColumnCount) {
  Collected c;
  std::vector<TableRow> rows;
  std::vector<std::string> header;
  int errors = ParseTable(
      "# name | country | kind | aliases\n"
      "# another comment\n"
      "Pyongyang | PRK | capital | Pyeongyang; P'yongyang\n"
      "Camp David | USA | site |\n"               // empty last column
      "Seoul | KOR | capital\n"                    // 3 columns: error
      "Panmunjom|PRK|site|  # tight bars\n",
      "places.txt", 0, c.Sink(), [&](TableRow&& r) { rows.push_back(std::move(r)); }, &header);
  EXPECT_EQ(errors, 1);
  EXPECT_TRUE(c.Has(5, "expected 4 columns"));
  EXPECT_EQ(header, (std::vector<std::string>{"name", "country", "kind", "aliases"}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[0].columns[3], "Pyeongyang; P'yongyang");
  EXPECT_EQ(rows[1].columns, (std::vector<std::string>{"Camp David", "USA", "site", ""}));
  EXPECT_EQ(rows[2].columns[0], "Panmunjom");
  EXPECT_EQ(rows[2].line, 6);
  EXPECT_EQ(rows[2].file, "places.txt");
}

TEST(RecordReaderTest, TableWithExplicitColumnCount) {
  Collected c;
  int n = 0;
  int errors = ParseTable("a | b\nc | d | e\n", "t.txt", 3, c.Sink(), [&](TableRow&&) { ++n; });
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(n, 1);
  EXPECT_TRUE(c.Has(1, "expected 3 columns"));
}

TEST(RecordReaderTest, CommentRule) {
  EXPECT_EQ(StripComment("a = b # c"), "a = b ");
  EXPECT_EQ(StripComment("a = b\t# c"), "a = b\t");
  EXPECT_EQ(StripComment("  # all comment"), "  ");
  EXPECT_EQ(StripComment("a = C#"), "a = C#");
  EXPECT_EQ(SplitList(" a |b| | c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(IsUpperSnakeId("KIM_JONG_UN2"));
  EXPECT_FALSE(IsUpperSnakeId("Kim"));
  EXPECT_FALSE(IsUpperSnakeId(""));
}

TEST(RecordReaderTest, PartialDatesOpenAndClose) {
  EXPECT_EQ(ParseKnowledgeDate("2019", false), (Date{2019, 1, 1}));
  EXPECT_EQ(ParseKnowledgeDate("2019", true), (Date{2019, 12, 31}));
  EXPECT_EQ(ParseKnowledgeDate("2020-02", true), (Date{2020, 2, 29}));
  EXPECT_EQ(ParseKnowledgeDate("2021-02", false), (Date{2021, 2, 1}));
  EXPECT_EQ(ParseKnowledgeDate("2011-12-17", false), (Date{2011, 12, 17}));
  EXPECT_FALSE(ParseKnowledgeDate("2021-02-30", false));
  EXPECT_FALSE(ParseKnowledgeDate("2021-13", false));
  EXPECT_FALSE(ParseKnowledgeDate("21-01-01", false));
  EXPECT_FALSE(ParseKnowledgeDate("2021/01/01", false));
  EXPECT_FALSE(ParseKnowledgeDate("", false));
}

TEST(RecordReaderTest, Intervals) {
  DateInterval iv;
  std::string err;
  ASSERT_TRUE(ParseInterval("2017-01-20..2021-01-20", &iv, &err));
  EXPECT_TRUE(iv.Contains(Date{2019, 6, 30}));
  EXPECT_TRUE(iv.Contains(Date{2021, 1, 20}));
  EXPECT_FALSE(iv.Contains(Date{2021, 1, 21}));
  EXPECT_TRUE(iv.EndsBefore(Date{2023, 1, 1}));
  ASSERT_TRUE(ParseInterval("2011-12-17..", &iv, &err));
  EXPECT_FALSE(iv.to);
  EXPECT_TRUE(iv.Contains(Date{9999, 12, 31}));
  ASSERT_TRUE(ParseInterval("..1989", &iv, &err));
  EXPECT_FALSE(iv.from);
  EXPECT_EQ(*iv.to, (Date{1989, 12, 31}));
  EXPECT_FALSE(ParseInterval("2021..2019", &iv, &err));
  EXPECT_NE(err.find("after"), std::string::npos);
  EXPECT_FALSE(ParseInterval("2021-02-30..", &iv, &err));
  EXPECT_NE(err.find("bad date"), std::string::npos);
  EXPECT_FALSE(ParseInterval("2021", &iv, &err));
  EXPECT_NE(err.find("FROM..TO"), std::string::npos);
}

TEST(RecordReaderTest, DatedPhrases) {
  std::string_view phrase;
  DateInterval iv;
  bool dated = true;
  std::string err;
  ASSERT_TRUE(SplitDatedPhrase("Soviet Union ..1991-12-25", &phrase, &iv, &dated, &err));
  EXPECT_EQ(phrase, "Soviet Union");
  EXPECT_TRUE(dated);
  EXPECT_FALSE(iv.from);
  EXPECT_EQ(*iv.to, (Date{1991, 12, 25}));
  // Undated: the phrase itself, and the interval of an earlier call does not linger.
  ASSERT_TRUE(SplitDatedPhrase("Soviet Union", &phrase, &iv, &dated, &err));
  EXPECT_EQ(phrase, "Soviet Union");
  EXPECT_FALSE(dated);
  EXPECT_FALSE(iv.to);
  EXPECT_FALSE(SplitDatedPhrase("Zaire 1971..1997-02-30", &phrase, &iv, &dated, &err));
  EXPECT_NE(err.find("bad date"), std::string::npos);
  EXPECT_EQ(UndatedPhrase("People Power Party 2020-09-02.."), "People Power Party");
  EXPECT_EQ(UndatedPhrase("People Power Party"), "People Power Party");
  EXPECT_EQ(UndatedPhrase("Zaire 1971..1997-02-30"), "Zaire 1971..1997-02-30");  // malformed: reported elsewhere
}

TEST(RecordReaderTest, ReadTextFileMissing) {
  Result<std::string> r = ReadTextFile("/nonexistent/entente/file.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/entente/file.txt"), std::string::npos);
}

}  // namespace
}  // namespace entente::actors
