#include "coder/ontology.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/testutil.h"
#include "coder/lexicon.h"
#include "coder/patterns.h"

namespace entente::coder {
namespace {

std::string Read(const std::string& rel) { return testing::ReadFileOrDie(testing::SourceDir() + "/" + rel); }

Ontology LoadOurs() {
  Ontology o;
  int errors = o.Load(Read("data/ontology/plover.txt"), "data/ontology/plover.txt", Read("data/ontology/cameo.txt"),
                      "data/ontology/cameo.txt", [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); });
  EXPECT_EQ(errors, 0);
  return o;
}

// A verb file `text` loaded as "v.txt" against our ontology: the patterns, the error count and
// every diagnostic as a line of `log`.
struct LoadedPatterns {
  explicit LoadedPatterns(std::string_view text) {
    errors = patterns.Load(text, "v.txt", ontology, &lemmatizer, [this](const Diagnostic& d) {
      messages.push_back(d.ToString());
      log += messages.back() + "\n";
    });
  }
  LoadedPatterns(const LoadedPatterns&) = delete;
  LoadedPatterns& operator=(const LoadedPatterns&) = delete;

  Ontology ontology = LoadOurs();  // the patterns point into it
  Lemmatizer lemmatizer;
  PatternSet patterns;
  int errors = 0;
  std::vector<std::string> messages;
  std::string log;
};

TEST(OntologyTest, LoadsEveryCode) {
  Ontology o = LoadOurs();
  EXPECT_GT(o.size(), 300u);
  EXPECT_EQ(o.plover_size(), 16u);
  const CameoCode* c = o.Find("042");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->plover, "CONSULT/visit");
  EXPECT_DOUBLE_EQ(c->goldstein, 1.9);
  EXPECT_EQ(c->quad_class, 1);
  EXPECT_EQ(o.Find("999"), nullptr);
}

TEST(OntologyTest, GoldsteinMatchesGdeltLookup) {
  ENTENTE_REQUIRE_SHARED(shared);
  Ontology o = LoadOurs();
  std::ifstream in(shared + "/cameo-gdelt-lookups/CAMEO.goldsteinscale.txt");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);  // header
  int checked = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream ls(line);
    std::string code;
    double g;
    if (!(ls >> code >> g)) continue;
    const CameoCode* c = o.Find(code);
    ASSERT_NE(c, nullptr) << "CAMEO code " << code << " missing from data/ontology/cameo.txt";
    EXPECT_DOUBLE_EQ(c->goldstein, g) << code;
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

TEST(OntologyTest, MalformedRowsReportedAndSkipped) {
  Ontology o;
  std::vector<std::string> msgs;
  int errors = o.Load("# category | quad_class | description\nCONSULT | 1 | meet\n", "p.txt",
                      "# code | goldstein | quad_class | plover | name\n"
                      "040 | 1.0 | 1 | CONSULT | Consult\n"
                      "04x | 1.0 | 1 | CONSULT | bad code\n"
                      "041 | 12 | 1 | CONSULT | bad goldstein\n"
                      "042 | 1.9 | 4 | CONSULT | quad disagrees with root\n"
                      "043 | 2.8 | 1 | NOSUCH | unknown plover\n"
                      "040 | 1.0 | 1 | CONSULT | duplicate\n",
                      "c.txt", [&](const Diagnostic& d) { msgs.push_back(d.ToString()); });
  EXPECT_EQ(errors, 5);
  EXPECT_EQ(o.size(), 1u);
  ASSERT_EQ(msgs.size(), 5u);
  EXPECT_NE(msgs[0].find("c.txt:3"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[4].find("c.txt:7"), std::string::npos) << msgs[4];
}

TEST(PatternSetTest, UnknownCodesAndBadElementsAreErrors) {
  LoadedPatterns v(
      "[verb X]\n"
      "pattern = 042 visit DEST\n"
      "pattern = 999 visit DEST\n"
      "pattern = 042 * visit\n"
      "pattern = 042 TGT\n"
      "pattern = 042 visit Tgt\n"
      "colour = red\n"
      "[thing Y]\n"
      "pattern = 042 go\n");
  EXPECT_EQ(v.errors, 6);
  EXPECT_EQ(v.patterns.size(), 1u);
  ASSERT_NE(v.patterns.ForAnchor("visit"), nullptr);
  EXPECT_EQ((*v.patterns.ForAnchor("visit"))[0]->where, "v.txt:2: 042 visit DEST");
  EXPECT_NE(v.log.find("v.txt:3: error: unknown CAMEO code '999'"), std::string::npos) << v.log;
  EXPECT_NE(v.log.find("v.txt:7"), std::string::npos) << v.log;
  EXPECT_NE(v.log.find("v.txt:8"), std::string::npos) << v.log;
}

// The code `---` makes a blocking pattern: loaded with no CAMEO code, indexed at its anchor like
// any other; "--" or "----" is still an unknown code.
TEST(PatternSetTest, BlockingPatternsHaveNoCode) {
  LoadedPatterns v(
      "[verb X]\n"
      "pattern = 042 arrive\n"
      "pattern = --- arrive at\n"
      "pattern = -- arrive on\n");
  EXPECT_EQ(v.errors, 1) << v.log;
  EXPECT_NE(v.log.find("v.txt:4: error: unknown CAMEO code '--'"), std::string::npos) << v.log;
  ASSERT_NE(v.patterns.ForAnchor("arrive"), nullptr);
  const std::vector<const Pattern*>& at = *v.patterns.ForAnchor("arrive");
  ASSERT_EQ(at.size(), 2u);
  ASSERT_NE(at[0]->cameo, nullptr);
  EXPECT_EQ(at[0]->cameo->code, "042");
  EXPECT_EQ(at[1]->cameo, nullptr);
  EXPECT_EQ(at[1]->weight, 2);
}

// `source = speaker` marks every pattern of the record; any other value is an error.
TEST(PatternSetTest, SourceSpeakerKey) {
  LoadedPatterns v(
      "[verb X]\n"
      "source = speaker\n"
      "pattern = 100 TGT must\n"
      "[verb Y]\n"
      "source = subject\n"
      "pattern = 100 demand\n");
  EXPECT_EQ(v.errors, 1) << v.log;
  EXPECT_NE(v.log.find("v.txt:5: error: source must be 'speaker'"), std::string::npos) << v.log;
  ASSERT_NE(v.patterns.ForAnchor("must"), nullptr);
  EXPECT_TRUE((*v.patterns.ForAnchor("must"))[0]->speaker_source);
  ASSERT_NE(v.patterns.ForAnchor("demand"), nullptr);
  EXPECT_FALSE((*v.patterns.ForAnchor("demand"))[0]->speaker_source);
}

// `source_sector = A | B` keeps the sectors on every pattern of the record; a bad code or a
// pattern with no SRC slot is an error naming file:line.
TEST(PatternSetTest, SourceSectorNeedsCodesAndASourceSlot) {
  LoadedPatterns v(
      "[verb X]\n"
      "source_sector = MIL | REB\n"
      "pattern = 074 SRC be send to DEST\n"
      "pattern = 074 dispatch DEST\n"
      "[verb Y]\n"
      "source_sector = military\n"
      "pattern = 062 SRC be deploy to DEST\n");
  EXPECT_EQ(v.errors, 2) << v.log;
  EXPECT_NE(v.log.find("v.txt:4"), std::string::npos) << v.log;  // no SRC slot
  EXPECT_NE(v.log.find("v.txt:6"), std::string::npos) << v.log;  // not a sector code
  ASSERT_NE(v.patterns.ForAnchor("be"), nullptr);
  const Pattern* sent = (*v.patterns.ForAnchor("be"))[0];
  EXPECT_EQ(sent->source_sectors, (std::vector<std::string>{"MIL", "REB"}));
}

TEST(PatternSetTest, PeopleTargetNeedsATargetSlot) {
  LoadedPatterns v(
      "[verb X]\n"
      "target = people\n"
      "pattern = 173 SRC capture TGT\n"
      "pattern = 173 capture\n"
      "[verb Y]\n"
      "target = states\n"
      "pattern = 192 seize TGT\n");
  EXPECT_EQ(v.errors, 2) << v.log;
  EXPECT_NE(v.log.find("v.txt:4"), std::string::npos) << v.log;  // no TGT slot
  EXPECT_NE(v.log.find("v.txt:6"), std::string::npos) << v.log;  // only 'people'
  ASSERT_NE(v.patterns.ForAnchor("capture"), nullptr);
  EXPECT_TRUE((*v.patterns.ForAnchor("capture"))[0]->people_target);
}

// `PAIR` is only the first of two elements, the anchor word right after it; anything else is an
// error naming file:line.
TEST(PatternSetTest, PairSlotOnlyBeforeItsAnchor) {
  LoadedPatterns v(
      "[noun X]\n"
      "mutual = yes\n"
      "pattern = 040 PAIR summit|meeting\n"
      "pattern = 046 PAIR peace talks\n"
      "pattern = 046 talks PAIR\n"
      "pattern = 046 PAIR * talks\n");
  EXPECT_EQ(v.errors, 3) << v.log;
  EXPECT_NE(v.log.find("v.txt:4"), std::string::npos) << v.log;
  EXPECT_NE(v.log.find("v.txt:5"), std::string::npos) << v.log;
  EXPECT_NE(v.log.find("v.txt:6"), std::string::npos) << v.log;
  ASSERT_NE(v.patterns.ForAnchor("summit"), nullptr);
  const Pattern* p = (*v.patterns.ForAnchor("summit"))[0];
  EXPECT_TRUE(p->HasSlot(PatternElement::Kind::kPair));
  EXPECT_EQ(p->anchor, 1);
}

// `a|b c` alternates single words; a pattern that looks written for a phrase alternative is
// loaded as written, with a warning naming file:line (not an error).
TEST(PatternSetTest, AlternationThatLooksLikeAPhraseWarns) {
  LoadedPatterns v(
      "[verb X]\n"
      "pattern = 030 accept * proposal|plan|peace plan\n"            // the next word is an alternative
      "pattern = 144 block * road|roads|border crossing\n"           // nouns, then a content word at the end
      "pattern = 0231 seek * economic|financial aid|assistance\n"    // modifiers then nouns: fine
      "pattern = 040 talks|meeting|meetings with TGT\n"              // nouns then a preposition: fine
      "pattern = 063 hand|turn over * suspects to TGT\n"             // verbs then a particle: fine
      "pattern = 186 hijack * bus|buses carrying * TGT\n"            // a participle before a gap: fine
      "pattern = 150 carry out|conduct|stage * drill|drills\n"       // a particle, then verbs
      "pattern = 042 arrive in|at DEST\n"                            // prepositions only: fine
      "pattern = 163 announce * sanctions target|targeting|against TGT\n");  // a verb first: fine
  EXPECT_EQ(v.errors, 0);
  EXPECT_EQ(v.patterns.size(), 9u);  // loaded as written
  const std::vector<std::string>& msgs = v.messages;
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_NE(msgs[2].find("v.txt:8: warning:"), std::string::npos) << msgs[2];
  EXPECT_NE(msgs[2].find("carry (out|conduct|stage)"), std::string::npos) << msgs[2];
  EXPECT_NE(msgs[0].find("v.txt:2: warning:"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[0].find("'peace plan'"), std::string::npos) << msgs[0];
  EXPECT_NE(msgs[1].find("v.txt:3: warning:"), std::string::npos) << msgs[1];
  EXPECT_NE(msgs[1].find("'border crossing'"), std::string::npos) << msgs[1];
  // The semantics are unchanged: the phrase is not an alternative.
  const Pattern* block = nullptr;
  for (const Pattern* p : *v.patterns.ForAnchor("block")) block = p;
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->elements.back().words, std::vector<std::string>{"crossing"});
}

TEST(PatternSetTest, OwnVerbsLoadCleanWithBroadCoverage) {
  Ontology o = LoadOurs();
  Lemmatizer lem;
  PatternSet ps;
  Lexicon lex;
  EXPECT_EQ(lex.LoadEvaluations(Read("data/coder/evaluations.txt"), "data/coder/evaluations.txt",
                                [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); }),
            0);
  for (const auto& [cls, words] : lex.evaluations) ps.SetWordClass(cls, words);
  int errors = ps.Load(Read("data/coder/verbs.txt"), "data/coder/verbs.txt", o, &lem,
                       [](const Diagnostic& d) { ADD_FAILURE() << d.ToString(); });
  EXPECT_EQ(errors, 0);
  EXPECT_GT(ps.size(), 400u);
  EXPECT_GT(ps.anchors(), 200u);
  // Every CAMEO root has at least one pattern.
  std::set<std::string> roots;
  for (const char* w : {"warn", "urge", "pledge", "meet", "visit", "praise", "sign", "trade", "provide", "release",
                        "investigate", "demand", "condemn", "reject", "threaten", "protest", "test", "impose",
                        "arrest", "kill", "attack", "massacre"}) {
    auto* list = ps.ForAnchor(w);
    ASSERT_NE(list, nullptr) << w;
    for (const Pattern* p : *list)
      if (p->cameo) roots.insert(p->cameo->code.substr(0, 2));  // null: a blocking pattern
  }
  EXPECT_EQ(roots.size(), 20u);
}

}  // namespace
}  // namespace entente::coder
