// Tests of the dependency argument finder on hand-written parses (no trained models needed):
// the finder takes roles from the parse where the token window gets them wrong, and keeps the
// window's answer everywhere else.
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

std::vector<std::string> Dyads(const std::vector<Event>& events) {
  std::vector<std::string> got;
  for (const auto& e : events) got.push_back(Dyad(e));
  return got;
}

TEST_F(DependencyFinderTest, CoordinatedVerbTakesTheSubjectOfTheVerbItIsCoordinatedWith) {
  // In every sentence Japan condemns. "... China was responsible and condemned": the window
  // takes the nearest actor before "condemned", inside what Japan said. "... China would be
  // responsible and condemned", "... China would attack Vietnam and condemned": the window
  // used to let the said clause's "would" and its actor (or the source of "attack", Vietnam
  // being its target) reach "condemned"; since issue 5 it reads these itself (a past verb
  // after "and" cannot share "would": SayingVerbAbove in argument_finder.cc).
  struct Case {
    std::string text;
    std::vector<Arc> arcs;
    std::vector<std::string> want;
    bool window_reads;  // the window finder alone finds JPN>RUS
  };
  const std::vector<Case> cases = {
      {"Japan said China was responsible and condemned Russia.",
       {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 4, "nsubj"}, {"AUX", 4, "cop"},
        {"ADJ", 1, "ccomp"}, {"CCONJ", 6, "cc"}, {"VERB", 1, "conj"}, {"PROPN", 6, "obj"},
        {"PUNCT", 1, "punct"}},
       {"JPN>RUS 111 actual"},
       false},
      {"Japan said China would be responsible and condemned Russia.",
       {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 5, "nsubj"}, {"AUX", 5, "aux"},
        {"AUX", 5, "cop"}, {"ADJ", 1, "ccomp"}, {"CCONJ", 7, "cc"}, {"VERB", 1, "conj"},
        {"PROPN", 7, "obj"}, {"PUNCT", 1, "punct"}},
       {"JPN>RUS 111 actual"},
       true},
      {"Japan said China would attack Vietnam and condemned Russia.",
       {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 4, "nsubj"}, {"AUX", 4, "aux"},
        {"VERB", 1, "ccomp"}, {"PROPN", 4, "obj"}, {"CCONJ", 7, "cc"}, {"VERB", 1, "conj"},
        {"PROPN", 7, "obj"}, {"PUNCT", 1, "punct"}},
       {"CHN>VNM 190 planned", "JPN>RUS 111 actual"},
       true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Dyads(Code(c.text, c.arcs, true)), c.want) << c.text;
    auto window = Dyads(Code(c.text, c.arcs, false));
    EXPECT_EQ(std::find(window.begin(), window.end(), "JPN>RUS 111 actual") != window.end(), c.window_reads)
        << c.text;
  }
}

TEST_F(DependencyFinderTest, ThreatIsAimedAtTheSubjectOfItsCondition) {
  const std::string text = "Japan warned that Korea would respond strongly if China took further steps.";
  std::vector<Arc> arcs = {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"SCONJ", 5, "mark"},
                           {"PROPN", 5, "nsubj"}, {"AUX", 5, "aux"},    {"VERB", 1, "ccomp"},
                           {"ADV", 5, "advmod"},  {"SCONJ", 9, "mark"}, {"PROPN", 9, "nsubj"},
                           {"VERB", 5, "advcl"},  {"ADJ", 11, "amod"},  {"NOUN", 9, "obj"},
                           {"PUNCT", 1, "punct"}};
  auto got = Dyads(Code(text, arcs, true));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "JPN>CHN 130 actual");
  EXPECT_NE(Dyads(Code(text, arcs, false)), got);  // the window takes Korea, what Japan says of it
}

TEST_F(DependencyFinderTest, OtherwiseTheWindowsAnswerStands) {
  // Readings of the parse that measured weaker than the window are not used: modality from the
  // verb's own dependents (here the window's "could" in scope stands), passives, the speaker of
  // reported speech.
  struct Case {
    std::string text;
    std::vector<Arc> arcs;
  };
  std::vector<Case> cases = {
      {"China said sanctions could lead to escalation and urged Japan to talk.",
       {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"NOUN", 4, "nsubj"}, {"AUX", 4, "aux"},
        {"VERB", 1, "ccomp"},  {"ADP", 6, "case"},   {"NOUN", 4, "obl"},   {"CCONJ", 8, "cc"},
        {"VERB", 1, "conj"},   {"PROPN", 8, "obj"},  {"PART", 11, "mark"}, {"VERB", 8, "xcomp"},
        {"PUNCT", 1, "punct"}}},
      {"Japan said China would attack Vietnam.",
       {{"PROPN", 1, "nsubj"}, {"VERB", -1, "root"}, {"PROPN", 4, "nsubj"}, {"AUX", 4, "aux"},
        {"VERB", 1, "ccomp"}, {"PROPN", 4, "obj"}, {"PUNCT", 1, "punct"}}},
      {"Japan was condemned by China and Russia.",
       {{"PROPN", 2, "nsubj:pass"}, {"AUX", 2, "aux:pass"}, {"VERB", -1, "root"}, {"ADP", 4, "case"},
        {"PROPN", 2, "obl:agent"}, {"CCONJ", 6, "cc"}, {"PROPN", 4, "conj"}, {"PUNCT", 2, "punct"}}},
  };
  for (const Case& c : cases) {
    auto parsed = Code(c.text, c.arcs, true);
    auto window = Code(c.text, c.arcs, false);
    EXPECT_FALSE(parsed.empty()) << c.text;
    EXPECT_EQ(Dyads(parsed), Dyads(window)) << c.text;
    for (size_t i = 0; i < parsed.size() && i < window.size(); ++i)
      EXPECT_EQ(parsed[i].why.speaker, window[i].why.speaker) << c.text;
  }
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
