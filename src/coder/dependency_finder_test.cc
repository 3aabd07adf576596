// Tests of the dependency argument finder on hand-written parses (no trained models needed):
// the finder must take roles from the parse where the token window would get them wrong.
#include <gtest/gtest.h>

#include "base/testutil.h"
#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "entente/pipeline.h"

namespace entente::coder {
namespace {

struct Arc {
  const char* upos;
  int head;  // -1 root
  const char* deprel;
};

class DependencyFinderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    int errors = 0;
    auto k = CoderKnowledge::Load(testing::SourceDir(), true, nullptr, &errors);
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    knowledge_ = std::move(k).value().release();
  }
  static void TearDownTestSuite() {
    delete knowledge_;
    knowledge_ = nullptr;
  }

  // Codes `text` (one sentence) with the given parse, one Arc per token, in both modes.
  std::vector<Event> Code(const std::string& text, const std::vector<Arc>& arcs, bool syntax) {
    Document d;
    d.id = "t";
    d.hash = "h";
    d.text = text;
    d.date = Date{2025, 8, 28};
    SegmentDocument(&d);
    EXPECT_EQ(d.sentences.size(), 1u);
    EXPECT_EQ(d.tokens.size(), arcs.size()) << "one arc per token";
    if (syntax && d.tokens.size() == arcs.size()) {
      for (size_t i = 0; i < arcs.size(); ++i) {
        d.tokens[i].upos = arcs[i].upos;
        d.tokens[i].head = arcs[i].head;
        d.tokens[i].deprel = arcs[i].deprel;
      }
    }
    auto finder = syntax ? NewDependencyArgumentFinder() : NewWindowArgumentFinder();
    DocumentCoder coder(*knowledge_, *finder);
    std::vector<Event> events;
    coder.Code(d, &events);
    return events;
  }

  static CoderKnowledge* knowledge_;
};

CoderKnowledge* DependencyFinderTest::knowledge_ = nullptr;

std::string Dyad(const Event& e) {
  return e.source.code + ">" + (e.target ? e.target->code : "-") + " " + e.cameo + " " +
         std::string(ModalityName(e.modality));
}

TEST_F(DependencyFinderTest, ModalityComesOnlyFromTheVerbsOwnDependents) {
  // "could" modifies "lead" in the first conjunct; "urged" is plain past.
  const std::string text = "China said sanctions could lead to escalation and urged Japan to talk.";
  std::vector<Arc> arcs = {
      {"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"NOUN", 4, "nsubj"}, {"AUX", 4, "aux"},
      {"VERB", 1, "ccomp"},  {"ADP", 6, "case"},   {"NOUN", 4, "obl"},   {"CCONJ", 8, "cc"},
      {"VERB", 1, "conj"},   {"PROPN", 8, "obj"},  {"PART", 11, "mark"}, {"VERB", 8, "xcomp"},
      {"PUNCT", 1, "punct"}};
  auto events = Code(text, arcs, true);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Dyad(events[0]), "CHN>JPN 020 actual");
  // The window finder lets the "could" of the first clause reach "urged" (no comma to stop it).
  auto window = Code(text, arcs, false);
  ASSERT_EQ(window.size(), 1u);
  EXPECT_EQ(Dyad(window[0]), "CHN>JPN 020 possible");
}

TEST_F(DependencyFinderTest, ReportedSpeechKeepsTheSpeakerAndCodesTheEmbeddedEvent) {
  const std::string text = "Japan said China would attack Vietnam.";
  std::vector<Arc> arcs = {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 4, "nsubj"},
                           {"AUX", 4, "aux"},     {"VERB", 1, "ccomp"}, {"PROPN", 4, "obj"},
                           {"PUNCT", 1, "punct"}};
  auto events = Code(text, arcs, true);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Dyad(events[0]), "CHN>VNM 190 planned");
  EXPECT_EQ(events[0].why.speaker, "Japan");
}

TEST_F(DependencyFinderTest, SubjectIsBorrowedFromTheCoordinatedVerbAcrossAnObject) {
  // "Iran met Syria and condemned Israel": Iran condemns (the window finder would see Syria as
  // the nearest actor and share the source the same way; the parse says so directly).
  const std::string text = "Iran hosted Syria on Monday and then condemned Israel.";
  std::vector<Arc> arcs = {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 1, "obj"},
                           {"ADP", 4, "case"},    {"PROPN", 1, "obl"},  {"CCONJ", 7, "cc"},
                           {"ADV", 7, "advmod"},  {"VERB", 1, "conj"},  {"PROPN", 7, "obj"},
                           {"PUNCT", 1, "punct"}};
  auto events = Code(text, arcs, true);
  std::vector<std::string> got;
  for (const auto& e : events) got.push_back(Dyad(e));
  EXPECT_NE(std::find(got.begin(), got.end(), "IRN>SYR 043 actual"), got.end());
  EXPECT_NE(std::find(got.begin(), got.end(), "IRN>ISR 111 actual"), got.end());
}

TEST_F(DependencyFinderTest, PassiveAgentAndCoordinatedAgents) {
  const std::string text = "Japan was condemned by China and Russia.";
  std::vector<Arc> arcs = {{"PROPN", 2, "nsubj:pass"}, {"AUX", 2, "aux:pass"}, {"VERB", -1, "root"},
                           {"ADP", 4, "case"},         {"PROPN", 2, "obl:agent"}, {"CCONJ", 6, "cc"},
                           {"PROPN", 4, "conj"},       {"PUNCT", 2, "punct"}};
  auto events = Code(text, arcs, true);
  std::vector<std::string> got;
  for (const auto& e : events) got.push_back(Dyad(e));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "CHN>JPN 111 actual");
  EXPECT_EQ(got[1], "RUS>JPN 111 actual");
}

TEST_F(DependencyFinderTest, UnparsedSentencesFallBackToTheWindowFinder) {
  const std::string text = "Turkey did not attack Syria.";
  std::vector<Arc> arcs(6, Arc{"X", -1, ""});
  auto plain = Code(text, arcs, false);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(Dyad(plain[0]), "TUR>SYR 190 negated");
  // The dependency finder on the same unannotated sentence answers exactly like the window.
  Document d;
  d.id = "t";
  d.hash = "h";
  d.text = text;
  d.date = Date{2025, 8, 28};
  SegmentDocument(&d);
  auto finder = NewDependencyArgumentFinder();
  DocumentCoder coder(*knowledge_, *finder);
  std::vector<Event> events;
  coder.Code(d, &events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(Dyad(events[0]), "TUR>SYR 190 negated");
}

}  // namespace
}  // namespace entente::coder
