// Tests of coder/unknown_names.h and Pipeline::FindUnknownNames: names the entity tagger finds
// that the knowledge base does not cover.
#include "coder/unknown_names.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/testutil.h"
#include "coder/knowledge_impl.h"
#include "entente/pipeline.h"

namespace entente {
namespace {

class UnknownNamesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    KnowledgeOptions o;
    o.root = testing::SourceDir();
    auto kb = KnowledgeBase::Load(o, nullptr);
    ASSERT_TRUE(kb.ok()) << kb.status().ToString();
    kb_ = std::move(kb).value().release();
  }
  static void TearDownTestSuite() {
    delete kb_;
    kb_ = nullptr;
  }
  const coder::CoderKnowledge& k() const {
    return static_cast<const coder::KnowledgeBaseImpl&>(*kb_).coder_knowledge();
  }

  // Segments `text` and gives the tokens the entity tags `tags` lists as "WORD TAG" pairs, in
  // order (each pair tags the next token with that text; other tokens get "O").
  static Document Tagged(const std::string& text, const std::vector<std::pair<std::string, std::string>>& tags) {
    Document doc;
    doc.text = text;
    doc.date = Date::Parse("2024-05-01");
    SegmentDocument(&doc);
    size_t next = 0;
    for (size_t t = 0; t < doc.tokens.size(); ++t) {
      doc.tokens[t].ner = "O";
      if (next < tags.size() && doc.TokenText(t) == tags[next].first) doc.tokens[t].ner = tags[next++].second;
    }
    EXPECT_EQ(next, tags.size()) << "not every tagged word was found in: " << text;
    return doc;
  }

  static std::vector<std::string> Names(const std::vector<UnknownName>& found) {
    std::vector<std::string> v;
    for (const auto& u : found) v.push_back(u.type + " " + u.text);
    return v;
  }

  static KnowledgeBase* kb_;
};

KnowledgeBase* UnknownNamesTest::kb_ = nullptr;

TEST_F(UnknownNamesTest, KnownActorsAndPlacesAreNotListed) {
  // A known person, a state, a capital and a gazetteer place; one unknown person.
  Document doc = Tagged("Vladimir Putin met Ahmed Hassan of Egypt in Moscow and then flew to Vladivostok.",
                        {{"Vladimir", "B-PER"}, {"Putin", "I-PER"}, {"Ahmed", "B-PER"}, {"Hassan", "I-PER"},
                         {"Egypt", "B-LOC"}, {"Moscow", "B-LOC"}, {"Vladivostok", "B-LOC"}});
  auto found = coder::FindUnknownNames(k(), doc);
  ASSERT_EQ(Names(found), std::vector<std::string>{"PER Ahmed Hassan"});
  const UnknownName& u = found[0];
  EXPECT_EQ(u.sentence, 0);
  EXPECT_EQ(doc.Text(u.span), "Ahmed Hassan");
  // The countries of the actors named beside it, in order.
  EXPECT_EQ(u.countries, (std::vector<std::string>{"RUS", "EGY"}));
}

TEST_F(UnknownNamesTest, StateInsideAnOrganisationDoesNotCoverIt) {
  Document doc = Tagged("Kenya Airways flew the Zorvan movement's leaders to Nairobi.",
                        {{"Kenya", "B-ORG"}, {"Airways", "I-ORG"}, {"Zorvan", "B-ORG"},
                         {"movement", "I-ORG"}, {"'s", "I-ORG"}});
  // The possessive is cut off the name.
  EXPECT_EQ(Names(coder::FindUnknownNames(k(), doc)),
            (std::vector<std::string>{"ORG Kenya Airways", "ORG Zorvan movement"}));
}

TEST_F(UnknownNamesTest, LeadingTheMonthsAndCompassPointsAreNoNames) {
  Document doc = Tagged("On Aug. 3 the West welcomed the Sunan airfield talks, said the Unity Front.",
                        {{"Aug.", "B-LOC"}, {"West", "B-LOC"}, {"Sunan", "B-LOC"}, {"the", "B-ORG"},
                         {"Unity", "I-ORG"}, {"Front", "I-ORG"}});
  EXPECT_EQ(Names(coder::FindUnknownNames(k(), doc)),
            (std::vector<std::string>{"LOC Sunan", "ORG Unity Front"}));
}

TEST_F(UnknownNamesTest, ShortNameTakesTheFullNameNamedEarlier) {
  Document doc = Tagged("John Kirby spoke to reporters. Later Kirby added that Smith agreed.",
                        {{"John", "B-PER"}, {"Kirby", "I-PER"}, {"Kirby", "B-PER"}});
  auto found = coder::FindUnknownNames(k(), doc);
  ASSERT_EQ(Names(found), (std::vector<std::string>{"PER John Kirby", "PER John Kirby"}));
  EXPECT_EQ(found[1].sentence, 1);
  EXPECT_EQ(doc.Text(found[1].span), "Kirby");
}

TEST_F(UnknownNamesTest, UntaggedSentencesGiveNone) {
  Document doc;
  doc.text = "Ahmed Hassan met officials of the Kifaya movement.";
  SegmentDocument(&doc);
  EXPECT_TRUE(coder::FindUnknownNames(k(), doc).empty());
}

// The real entity tagger, through the public API.
TEST(PipelineUnknownNamesTest, FindsUnknownPeopleWithTheEntityTagger) {
  if (!std::filesystem::exists(testing::SourceDir() + "/models/ner.model")) GTEST_SKIP() << "no models/";
  PipelineOptions o;
  o.knowledge.root = testing::SourceDir();
  auto p = Pipeline::Open(o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Document doc;
  doc.text = "Egyptian activist Ahmed Hassan met Russian President Vladimir Putin in Moscow on Tuesday.";
  doc.date = Date::Parse("2024-05-01");
  std::vector<UnknownName> found;
  ASSERT_TRUE((*p)->FindUnknownNames(&doc, &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, "PER");
  EXPECT_EQ(found[0].text, "Ahmed Hassan");
  EXPECT_EQ(found[0].countries, (std::vector<std::string>{"EGY", "RUS"}));

  PipelineOptions fast = o;
  fast.fast = true;
  auto f = Pipeline::Open(fast);
  ASSERT_TRUE(f.ok());
  Document again;
  again.text = doc.text;
  Status st = (*f)->FindUnknownNames(&again, &found);
  EXPECT_EQ(st.code(), Status::Code::kUnsupported) << st.ToString();
}

}  // namespace
}  // namespace entente
