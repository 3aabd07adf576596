// Each dictionary reader on small fixtures, including malformed lines reported as file:line.
#include "coder/tabari/dictionaries.h"

#include <gtest/gtest.h>

namespace entente::tabari {
namespace {

bool HasProblem(const std::vector<Problem>& ps, int line, const std::string& part) {
  for (const auto& p : ps)
    if (p.line == line && p.reason.find(part) != std::string::npos) return true;
  return false;
}

TEST(DictDate, TwoAndFourDigitYears) {
  EXPECT_EQ(ParseDictDate("950601"), 19950601);
  EXPECT_EQ(ParseDictDate("130119"), 20130119);
  EXPECT_EQ(ParseDictDate("19950601"), 19950601);
  EXPECT_FALSE(ParseDictDate("951301"));
  EXPECT_FALSE(ParseDictDate("95060"));
  EXPECT_FALSE(ParseDictDate("AAA950"));
}

constexpr const char* kVerbs = R"(<!-- verbs fixture
 spanning lines -->
&TIES_
+MILITARY
+ECONOMIC

&MONEY
+DOLLAR
+SWISS FRANC

--- ABANDON [345] ---
ABANDON  # comment
+BREAK_DOWN {+BROKE_DOWN}
WIRE_+TAP {WIRE_+TAPPED} [171]
- * &TIES RELATIONS [902]
- * DIPLOMATIC_TIES [901]
- NOT_* [112:113]
- * &UNDEFINED [111]
- * NO CODE HERE
- BROKEN PATTERN [111]
- * OFFER {A|B} [111]

--- GIVE [070] ---
GIVE {GAVE GIVEN}
- * &MONEY [071]
- + * FROM $ [066]
)";

TEST(VerbDictionary, FamiliesSynsetsAndPatterns) {
  VerbDictionary d;
  std::vector<Problem> problems;
  d.Load(kVerbs, "fixture.verbs", &problems);
  ASSERT_EQ(d.families().size(), 2u);
  const VerbFamily& f = d.families()[0];
  EXPECT_EQ(f.name, "ABANDON");
  EXPECT_EQ(f.code, "345");
  ASSERT_EQ(f.verbs.size(), 3u);
  EXPECT_EQ(f.verbs[1].words, (std::vector<std::string>{"BREAK", "DOWN"}));
  EXPECT_EQ(f.verbs[2].code, "171");
  EXPECT_EQ(f.verbs[2].head, 1);
  // Malformed patterns are reported with their line and skipped.
  EXPECT_TRUE(HasProblem(problems, 18, "undefined synset &UNDEFINED"));
  EXPECT_TRUE(HasProblem(problems, 19, "without [code]"));
  EXPECT_TRUE(HasProblem(problems, 20, "without the verb marker"));
  EXPECT_TRUE(HasProblem(problems, 21, "disjunctive"));
  EXPECT_EQ(problems[0].ToString().rfind("fixture.verbs:", 0), 0u);
  ASSERT_EQ(f.patterns.size(), 3u);
  // Most specific first: "* &TIES RELATIONS" and "* DIPLOMATIC_TIES" before "NOT_*".
  EXPECT_EQ(f.patterns[2].code, "112");
  EXPECT_EQ(f.patterns[2].paired_code, "113");
  EXPECT_TRUE(f.patterns[2].verb_adjacent_pre);
  const VerbPattern& dt = f.patterns[1];
  ASSERT_EQ(dt.post.size(), 2u);
  EXPECT_TRUE(dt.post[0].adjacent);
  EXPECT_FALSE(dt.post[1].adjacent);
  const VerbPattern& give = d.families()[1].patterns[0];  // most specific first
  ASSERT_EQ(give.pre.size(), 1u);
  EXPECT_EQ(give.pre[0].kind, PatternElement::Kind::kTarget);
  EXPECT_EQ(give.post[1].kind, PatternElement::Kind::kSource);
  // Synsets: plurals unless the label ends in '_'.
  const Synset* money = d.FindSynset("&MONEY");
  ASSERT_NE(money, nullptr);
  EXPECT_EQ(money->phrases.size(), 4u);  // DOLLAR(S), SWISS FRANC(S)
  EXPECT_EQ(d.FindSynset("&TIES")->phrases.size(), 2u);
  // Forms: regular and irregular.
  EXPECT_FALSE(d.Lookup("ABANDONED").empty());
  EXPECT_FALSE(d.Lookup("ABANDONING").empty());
  EXPECT_FALSE(d.Lookup("GAVE").empty());
  EXPECT_FALSE(d.Lookup("GIVING").empty());
  EXPECT_FALSE(d.Lookup("TAPPED").empty());
  EXPECT_TRUE(d.Lookup("ABANDONES").empty());
}

constexpr const char* kActors = R"(# actors fixture
GONDOR [GON]
+MINAS_TIRITH
GOLLUM
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
LORIEN [ELR/GAL]
ZIMBABWE
	[RHO <790606]
	[ZBW]
BAD_DATE
	[XYZ 19951301-19960101]
	[950601-990815]
+ORPHAN_SYNONYM_IS_FINE
DANGLING [ABC
)";

TEST(ActorDictionary, DateRestrictionsAndSynonyms) {
  ActorDictionary d;
  std::vector<Problem> problems;
  d.Load(kActors, "fixture.actors", &problems);
  ASSERT_GE(d.entries().size(), 4u);
  std::vector<std::string> words = {"SMEAGOL", "SAID"};
  auto [e, len] = d.LongestMatch(words, 0);
  ASSERT_GE(e, 0);
  EXPECT_EQ(len, 1);
  const ActorEntry& gollum = d.entries()[e];
  EXPECT_EQ(gollum.CodesOn(19950101), std::vector<std::string>{"HOB"});
  EXPECT_EQ(gollum.CodesOn(19950601), std::vector<std::string>{"HOB"});  // "or equal to"
  EXPECT_EQ(gollum.CodesOn(19980101), std::vector<std::string>{"HOBGOV"});
  EXPECT_EQ(gollum.CodesOn(20010101), std::vector<std::string>{"HOBREB"});
  words = {"MINAS", "TIRITH"};
  auto [g, glen] = d.LongestMatch(words, 0);
  ASSERT_GE(g, 0);
  EXPECT_EQ(glen, 2);
  EXPECT_EQ(d.entries()[g].CodesOn(19950101), std::vector<std::string>{"GON"});
  words = {"ZIMBABWE"};
  const ActorEntry& zim = d.entries()[d.LongestMatch(words, 0).first];
  EXPECT_EQ(zim.CodesOn(19781223), std::vector<std::string>{"RHO"});
  EXPECT_EQ(zim.CodesOn(20010101), std::vector<std::string>{"ZBW"});  // default
  words = {"LORIEN"};
  EXPECT_EQ(d.entries()[d.LongestMatch(words, 0).first].CodesOn(0),
            (std::vector<std::string>{"ELR", "GAL"}));
  EXPECT_TRUE(HasProblem(problems, 14, "bad date '19951301'"));
  EXPECT_TRUE(HasProblem(problems, 15, "without a code"));
  EXPECT_TRUE(HasProblem(problems, 17, "unclosed '['"));
}

constexpr const char* kAgents = R"(!PERSON! = MAN, WOMAN
!MINST! = MINISTER, MINISTRY
CONGRESS!PERSON! [~LEG]
!MINST!_OF_SILLY_WALKS [~GOV]
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
MSF {} [NGO~]
OFFICIAL [~GOV]
NO_CODE_AGENT
WRONG [GOV]
!BROKEN = A
)";

TEST(AgentDictionary, PluralsSubstitutionsAndPrefixes) {
  AgentDictionary d;
  std::vector<Problem> problems;
  d.Load(kAgents, "fixture.agents", &problems);
  auto find = [&](std::vector<std::string> w) -> const AgentEntry* {
    auto [e, len] = d.LongestMatch(w, 0);
    return e >= 0 && len == static_cast<int>(w.size()) ? &d.entries()[e] : nullptr;
  };
  ASSERT_NE(find({"CONGRESSWOMAN"}), nullptr);
  EXPECT_EQ(find({"CONGRESSWOMAN"})->code, "LEG");
  ASSERT_NE(find({"MINISTRY", "OF", "SILLY", "WALKS"}), nullptr);
  EXPECT_NE(find({"POLICE"}), nullptr);
  EXPECT_EQ(find({"POLICES"}), nullptr);  // {} = no plural
  EXPECT_NE(find({"GOLDEN", "GEESE"}), nullptr);
  EXPECT_EQ(find({"GOLDEN", "GOOSES"}), nullptr);
  EXPECT_NE(find({"OFFICIALS"}), nullptr);  // regular plural
  ASSERT_NE(find({"MSF"}), nullptr);
  EXPECT_TRUE(find({"MSF"})->prefix);
  EXPECT_TRUE(HasProblem(problems, 9, "without [~CODE]"));
  EXPECT_TRUE(HasProblem(problems, 10, "must begin or end with '~'"));
  EXPECT_TRUE(HasProblem(problems, 11, "substitution set"));
}

TEST(DiscardList, StoryAndSentenceLevel) {
  DiscardList d;
  std::vector<Problem> problems;
  d.Load("+TYPHOON # storm\nBASEBALL\nAFRICAN NATIONS CUP\nBALL_\nWRONG [123]\n", "fixture.discards",
         &problems);
  ASSERT_EQ(d.entries().size(), 4u);
  const DiscardEntry* e = d.Find("A typhoon trashed its embassy");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->story);
  e = d.Find("restore the African  Nations Cup to Gondor");
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(e->story);
  EXPECT_NE(d.Find("baseballs everywhere"), nullptr);  // stems match
  EXPECT_EQ(d.Find("the ballot"), nullptr);            // BALL_ must end at a word boundary
  EXPECT_NE(d.Find("the ball."), nullptr);
  EXPECT_EQ(d.Find("Gondor and Arnor"), nullptr);
  EXPECT_TRUE(HasProblem(problems, 5, "no code"));
}

TEST(IssueList, ExpansionsAndIgnores) {
  IssueList d;
  std::vector<Problem> problems;
  d.Load("<ISSUE CATEGORY=\"ATROCITY\">\nn:atrocity [ID_ATROCITY]\nv:massacre [ID_ATROCITY]\n"
         "pre+n:school [EARLY]\n~Saturday Night massacre\nno code here\n</ISSUE>\n",
         "fixture.issues", &problems);
  EXPECT_EQ(d.entries().size(), 4u);
  auto found = d.Find("Troops massacred villagers; atrocities were reported");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first, "ID_ATROCITY");
  EXPECT_EQ(d.Find("a pre-schools program")[0].first, "EARLY");
  EXPECT_TRUE(d.Find("the Saturday Night massacre atrocity").empty());
  EXPECT_TRUE(HasProblem(problems, 6, "exactly one [CODE]"));
  EXPECT_EQ(d.entries()[0].category, "ATROCITY");
}

// Found by fuzz/fuzz_formats.cc: each '+' doubles a phrase's forms, so a run of them once
// expanded for minutes until memory ran out. Such phrases are reported and skipped.
TEST(IssueList, RefusesPhrasesThatExpandWithoutBound) {
  IssueList d;
  std::vector<Problem> problems;
  d.Load("a+" + std::string(40, '+') + "b [X]\n" + "a+b+c+d+e+f+g+h+i+j+k+l+m+n [Y]\n" + "a++b [Z]\nn:school [OK]\n",
         "fixture.issues", &problems);
  ASSERT_EQ(d.entries().size(), 1u);
  EXPECT_EQ(d.entries()[0].code, "OK");
  EXPECT_TRUE(HasProblem(problems, 1, "more than 4096 forms"));
  EXPECT_TRUE(HasProblem(problems, 2, "more than 4096 forms"));
  EXPECT_TRUE(HasProblem(problems, 3, "malformed issue phrase"));
}

}  // namespace
}  // namespace entente::tabari
