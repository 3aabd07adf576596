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
    CoderOptions o;
    o.require_dyad = require_dyad;
    return Code(parse, o, date, text);
  }
  std::vector<std::string> Code(const std::string& parse, const CoderOptions& o,
                                DateNum date = 19950101, const std::string& text = "") {
    TabariCoder coder(&d_);
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
  const std::string parse =
      "(ROOT (S (NP (DT a) (NN minister)) (VP (VBD said) (PP (IN on) (NP (NNP Monday))))))";
  EXPECT_TRUE(Code(parse).empty());
  EXPECT_EQ(Code(parse, 19950101, false), std::vector<std::string>{"---GOV>---:023"});
  // The null target needs a noun phrase after the verb; a temporal NP-TMP is none.
  EXPECT_TRUE(Code("(ROOT (S (NP (DT a) (NN minister)) (VP (VBD said))))", 19950101, false).empty());
  EXPECT_TRUE(Code("(ROOT (S (NP (DT a) (NN minister)) (VP (VBD said) (NP-TMP (NN today)))))",
                   19950101, false).empty());
  EXPECT_EQ(Code(parse, 19950101, true, "A typhoon hit."), std::vector<std::string>{"error:storydiscard"});
  EXPECT_EQ(Code(parse, 19950101, true, "Baseball fans"), std::vector<std::string>{"error:sentencediscard"});
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor))"), std::vector<std::string>{"error:bad_input_parse"});
}

TEST_F(CoderTest, CodedVerbOwnsItsVerbPhrase) {
  // "met" has a code: "restored" inside its VP is not coded, even with no event from "met".
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)) (SBAR (IN after) "
                 "(S (NP (NNP Osgiliath)) (VP (VBD restored) (NP (NNS relations))))))))"),
            (std::vector<std::string>{"ARN>GON:031", "GON>ARN:031"}));
  // An uncoded verb ("is") does not own its phrase.
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBZ hopes) (S (NP (NNP Gondor)) "
                 "(VP (VBD met) (NP (NNP Osgiliath)))))))"),
            (std::vector<std::string>{"GON>OSG:031", "OSG>GON:031"}));
}

TEST_F(CoderTest, NewActorLength) {
  const std::string parse =
      "(ROOT (S (NP (NP (NNP Gryffindor) (POS 's)) (NN head)) (VP (VBD met) (NP (NP (DT the) "
      "(NNP Ministry)) (PP (IN of) (NP (NNP Magic)))))))";
  EXPECT_TRUE(Code(parse).empty());
  CoderOptions o;
  o.new_actor_length = 4;
  EXPECT_EQ(Code(parse, o), (std::vector<std::string>{"\"GRYFFINDOR HEAD\">\"THE MINISTRY OF MAGIC\":031",
                                                      "\"THE MINISTRY OF MAGIC\">\"GRYFFINDOR HEAD\":031"}));
  // "GRYFFINDOR HEAD" is too long, and "Gryffindor's" is only part of a phrase.
  o.new_actor_length = 1;
  EXPECT_TRUE(Code(parse, o).empty());
  // A phrase naming a known actor is not new.
  o.new_actor_length = 8;
  EXPECT_EQ(Code("(ROOT (S (NP (DT the) (NN envoy)) (VP (VBD met) (NP (NP (DT the) (NN head)) "
                 "(PP (IN of) (NP (NNP Gondor)))))))", o),
            (std::vector<std::string>{"\"THE ENVOY\">GON:031", "GON>\"THE ENVOY\":031"}));
}

TEST_F(CoderTest, CommaDelimitedClauses) {
  // Terminal clause "a minister said on Monday" (5 words).
  const std::string parse =
      "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))) (, ,) (NP (DT a) (NN minister)) "
      "(VP (VBD said) (PP (IN on) (NP (NNP Monday)))) (. .)))";
  CoderOptions o;
  o.require_dyad = false;
  EXPECT_EQ(Code(parse, o), (std::vector<std::string>{"ARN>GON:031", "GON>ARN:031"}));
  o.comma_emax = 4;  // too long now: kept
  EXPECT_EQ(Code(parse, o), (std::vector<std::string>{"---GOV>---:023", "ARN>GON:031", "GON>ARN:031"}));
  // Initial clause "Arnor met Gondor" (3 words), only when comma_bmax > 0.
  o.comma_bmin = 2;
  o.comma_bmax = 3;
  EXPECT_EQ(Code(parse, o), (std::vector<std::string>{"---GOV>---:023"}));
  // Internal clauses between commas; a comma inside a list delimits nothing.
  CoderOptions d;
  d.comma_emax = 0;  // else "met Smeagol, Osgiliath and Gondor" goes as a terminal clause
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (, ,) (S (NP (NNP Osgiliath)) (VP (VBD met) (NP (NNP Gondor)))) "
                 "(, ,) (VP (VBD met) (NP (NP (NNP Smeagol)) (, ,) (NP (NNP Osgiliath)) (CC and) "
                 "(NP (NNP Gondor)))) (. .)))", d),
            (std::vector<std::string>{"ARN>GON:031", "ARN>HOB:031", "ARN>OSG:031", "GON>ARN:031",
                                      "HOB>ARN:031", "OSG>ARN:031"}));
}

}  // namespace
}  // namespace entente::tabari
