// The Treebank reader and the TABARI-style coder on small hand-made dictionaries and parses.
#include "coder/tabari/coder.h"

#include <gtest/gtest.h>

#include "coder/tabari/penn_tree.h"

namespace entente::tabari {
namespace {

TEST(PennTree, ReadsSpansAndSplitsUnderscores) {
  auto t = PennTree::Parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD warned) (PP (IN of) (NP (NNP Dol_Amroth)))) (. .)))");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->words(), (std::vector<std::string>{"ARNOR", "WARNED", "OF", "DOL", "AMROTH", "."}));
  const PennNode& s = *t->root().children[0];
  EXPECT_EQ(s.label, "S");
  EXPECT_EQ(s.begin, 0);
  EXPECT_EQ(s.end, 6);
  EXPECT_EQ(t->leaves()[1]->parent->label, "VP");
}

TEST(PennTree, RejectsUnbalancedInput) {
  auto a = PennTree::Parse("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)))");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("missing ')'"), std::string::npos);
  auto b = PennTree::Parse("(ROOT (S (NP (NNP Arnor))) ))");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("extra ')'"), std::string::npos);
  EXPECT_FALSE(PennTree::Parse("").ok());
  EXPECT_FALSE(PennTree::Parse("(ROOT ())").ok());
}

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    d_.verbs.Load(R"(
&TIES
+DIPLOMATIC TIES

--- RESTORE [064] ---
RESTORE
- * &TIES [065]

--- MEET [031:031] ---
MEET {MET}

--- AGREE [081] ---
AGREE
- % * [030:030]

--- FREE [066] ---
FREE
- + * FROM $ [067]

--- SAY [023] ---
SAY {SAID}
)", "t.verbs", &d_.problems);
    d_.actors.Load(R"(ARNOR [ARN]
GONDOR [GON]
+MINAS_TIRITH
OSGILIATH [OSG]
SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
)", "t.actors", &d_.problems);
    d_.agents.Load("MINISTER [~GOV]\nMSF {} [NGO~]\n", "t.agents", &d_.problems);
    d_.discards.Load("+TYPHOON\nBASEBALL\n", "t.discards", &d_.problems);
    ASSERT_TRUE(d_.problems.empty()) << d_.problems[0].ToString();
  }
  std::vector<std::string> Code(const std::string& parse, DateNum date = 19950101,
                                bool require_dyad = true, const std::string& text = "") {
    TabariCoder coder(&d_);
    CoderOptions o;
    o.require_dyad = require_dyad;
    auto r = coder.Code(text, parse, date, o);
    std::vector<std::string> out;
    if (!r.error.empty()) out.push_back("error:" + r.error);
    for (const auto& e : r.events) out.push_back(e.source + ">" + e.target + ":" + e.code);
    return out;
  }
  Dictionaries d_;
};

TEST_F(CoderTest, SubjectVerbObjectAndSynsetPattern) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS relations)) (PP (IN with) (NP (NNP Gondor))))))"),
            std::vector<std::string>{"ARN>GON:064"});
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (JJ full) (JJ diplomatic) (NNS ties)) (PP (IN with) (NP (NNP Gondor))))))"),
            std::vector<std::string>{"ARN>GON:065"});
}

TEST_F(CoderTest, PairedCodesAndCompounds) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))))"),
            (std::vector<std::string>{"ARN>GON:031", "GON>ARN:031"}));
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor) (CC and) (NNP Gondor)) (VP (VBP agree))))"),
            (std::vector<std::string>{"ARN>GON:030", "GON>ARN:030"}));
}

TEST_F(CoderTest, PatternSlotsAssignSourceAndTarget) {
  // "+ * FROM $": the subject is the target, the FROM phrase the source.
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN freed) (PP (IN from) (NP (NNP Osgiliath)))))))"),
            std::vector<std::string>{"OSG>GON:067"});
}

TEST_F(CoderTest, AgentsCombineWithActors) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP MSF) (NNP Arnor) (NN minister)) (VP (VBD met) (NP (NNP Gondor)))))"),
            (std::vector<std::string>{"GON>NGOARNGOV:031", "NGOARNGOV>GON:031"}));
  // Agent alone: the null actor.
  EXPECT_EQ(Code("(ROOT (S (NP (DT a) (NN minister)) (VP (VBD met) (NP (NNP Gondor)))))"),
            (std::vector<std::string>{"---GOV>GON:031", "GON>---GOV:031"}));
}

TEST_F(CoderTest, DateRestrictedActors) {
  const std::string parse = "(ROOT (S (NP (NNP Smeagol)) (VP (VBD met) (NP (NNP Gondor)))))";
  EXPECT_EQ(Code(parse, 19940101)[0], "GON>HOB:031");
  EXPECT_EQ(Code(parse, 19950601)[0], "GON>HOB:031");  // the limit belongs to "<"
  EXPECT_EQ(Code(parse, 19980101)[0], "GON>HOBGOV:031");
  EXPECT_EQ(Code(parse, 20050101)[0], "GON>HOBREB:031");
}

TEST_F(CoderTest, RequireDyadAndDiscards) {
  const std::string parse = "(ROOT (S (NP (DT a) (NN minister)) (VP (VBD said))))";
  EXPECT_TRUE(Code(parse).empty());
  EXPECT_EQ(Code(parse, 19950101, false), std::vector<std::string>{"---GOV>---:023"});
  EXPECT_EQ(Code(parse, 19950101, true, "A typhoon hit."), std::vector<std::string>{"error:storydiscard"});
  EXPECT_EQ(Code(parse, 19950101, true, "Baseball fans"), std::vector<std::string>{"error:sentencediscard"});
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor))"), std::vector<std::string>{"error:bad_input_parse"});
}

}  // namespace
}  // namespace entente::tabari
