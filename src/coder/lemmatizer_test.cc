#include "coder/lemmatizer.h"

#include <gtest/gtest.h>

#include "base/testutil.h"

namespace entente::coder {
namespace {

TEST(LemmatizerTest, IrregularAndRules) {
  Lemmatizer lem;
  std::vector<std::string> errors;
  DiagnosticSink sink = [&](const Diagnostic& d) { errors.push_back(d.ToString()); };
  EXPECT_EQ(lem.LoadIrregular("# lemma | forms\nmeet | met\nhold | held\nbroken line\n", "irr.txt", sink), 1);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("irr.txt:4"), std::string::npos) << errors[0];
  for (const char* w : {"visit", "restore", "stop", "tie", "apply", "make", "sanction"}) lem.AddVocabulary(w);
  EXPECT_EQ(lem.Lemma("met"), "meet");
  EXPECT_EQ(lem.Lemma("held"), "hold");
  EXPECT_EQ(lem.Lemma("visited"), "visit");
  EXPECT_EQ(lem.Lemma("visits"), "visit");
  EXPECT_EQ(lem.Lemma("visiting"), "visit");
  EXPECT_EQ(lem.Lemma("restored"), "restore");
  EXPECT_EQ(lem.Lemma("restoring"), "restore");
  EXPECT_EQ(lem.Lemma("stopped"), "stop");
  EXPECT_EQ(lem.Lemma("ties"), "tie");
  EXPECT_EQ(lem.Lemma("applied"), "apply");
  EXPECT_EQ(lem.Lemma("making"), "make");
  EXPECT_EQ(lem.Lemma("sanctions"), "sanction");
  // A verb form spelled out in a pattern ("called as") still lemmatizes to its stem; a known
  // word that is not a verb form stays itself.
  lem.AddVocabulary("call");
  lem.AddVocabulary("called");
  lem.AddVocabulary("news");
  EXPECT_EQ(lem.Lemma("called"), "call");
  EXPECT_EQ(lem.Lemma("calling"), "call");
  EXPECT_EQ(lem.Lemma("news"), "news");
  // Unknown words come back lower-cased, never a guessed stem.
  EXPECT_EQ(lem.Lemma("flurried"), "flurried");
  EXPECT_EQ(LowerWord("Kim\xe2\x80\x99s"), "kim's");
}

TEST(LemmatizerTest, OwnIrregularFileLoadsClean) {
  Lemmatizer lem;
  int errors = lem.LoadIrregular(
      testing::ReadFileOrDie(testing::SourceDir() + "/data/coder/irregular.txt"), "data/coder/irregular.txt",
      [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); });
  EXPECT_EQ(errors, 0);
  EXPECT_GT(lem.irregular_count(), 100u);
  EXPECT_EQ(lem.Lemma("withdrew"), "withdraw");
}

}  // namespace
}  // namespace entente::coder
