#include "nlp/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

namespace entente::nlp {
namespace {

Result<std::vector<ConlluSentence>> Parse(const std::string& text) {
  std::istringstream in(text);
  return ReadConllu(in, "t.conllu");
}

TEST(ConlluTest, ReadsWordsMultiwordsAndEmptyNodes) {
  auto r = Parse(
      "# sent_id = a\n# text = Don't go.\n"
      "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
      "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3.1\tgo\t_\t_\t_\t_\t_\t_\t3:conj\t_\n"
      "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
      "\n"
      "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& s = r.value();
  ASSERT_EQ(s.size(), 2u);
  ASSERT_EQ(s[0].words.size(), 4u);
  EXPECT_EQ(s[0].comments[0], "sent_id = a");
  EXPECT_EQ(s[0].words[0].form, "Do");
  EXPECT_EQ(s[0].words[0].head, 2);
  EXPECT_EQ(s[0].words[2].head, -1);
  EXPECT_EQ(s[0].words[2].misc, "SpaceAfter=No");
  ASSERT_EQ(s[0].multiwords.size(), 1u);
  EXPECT_EQ(s[0].multiwords[0].first, 0);
  EXPECT_EQ(s[0].multiwords[0].last, 1);
  EXPECT_EQ(s[0].multiwords[0].form, "Don't");
  EXPECT_EQ(s[0].empty_nodes, 1);
  EXPECT_EQ(s[1].words[0].upos, "INTJ");
  EXPECT_EQ(s[1].line, 10);
}

TEST(ConlluTest, MalformedLinesNameFileAndLine) {
  struct Case { std::string text, expect; };
  const Case cases[] = {
      {"1\tA\ta\tX\tX\t_\t0\troot\t_\n", "t.conllu:1: expected 10 tab-separated columns, found 9"},
      {"1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n", "t.conllu:2: word id 3 out of sequence"},
      {"x\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "t.conllu:1: malformed word id"},
      {"1\tA\ta\tX\tX\t_\tz\troot\t_\t_\n", "t.conllu:1: malformed HEAD"},
      {"1\tA\ta\tX\tX\t_\t5\troot\t_\t_\n", "t.conllu:1: HEAD 5 is beyond the last word"},
      {"1\tA\ta\tX\tX\t_\t1\troot\t_\t_\n", "t.conllu:1: word 1 is its own head"},
      {"2-1\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n", "t.conllu:1: malformed multiword token id"},
      {"1.x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n", "t.conllu:1: malformed empty node id"},
      {"# only a comment\n\n", "t.conllu:1: sentence has no words"},
  };
  for (const Case& c : cases) {
    auto r = Parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos)
        << r.status().message() << " vs " << c.expect;
  }
}

TEST(ConlluTest, DocumentFromSentencesAndWriteBack) {
  auto r = Parse(
      "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tworld\tworld\tNOUN\tNN\t_\t1\tvocative\t_\t_\n\n"
      "1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n");
  ASSERT_TRUE(r.ok());
  Document doc = SentencesToDocument(r.value());
  EXPECT_EQ(doc.text, "Hello world\nBye");
  ASSERT_EQ(doc.sentences.size(), 2u);
  ASSERT_EQ(doc.tokens.size(), 3u);
  EXPECT_EQ(doc.TokenText(1), "world");
  EXPECT_EQ(doc.sentences[1].first_token, 2u);
  doc.tokens[0].upos = "INTJ";
  doc.tokens[0].head = -1;
  doc.tokens[0].deprel = "root";
  doc.tokens[1].head = 0;
  doc.tokens[1].deprel = "vocative";
  doc.tokens[1].ner = "B-PER";
  doc.id = "d";
  std::ostringstream out;
  ASSERT_TRUE(WriteConllu(doc, out).ok());
  const std::string text = out.str();
  EXPECT_NE(text.find("# text = Hello world\n"), std::string::npos);
  EXPECT_NE(text.find("1\tHello\t_\tINTJ\t_\t_\t0\troot\t_\t_\n"), std::string::npos);
  EXPECT_NE(text.find("2\tworld\t_\t_\t_\t_\t1\tvocative\t_\tNER=B-PER\n"), std::string::npos);
  // What we write reads back.
  std::istringstream in(text);
  auto back = ReadConllu(in, "back");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back.value()[0].words[1].head, 0);
}

}  // namespace
}  // namespace entente::nlp
