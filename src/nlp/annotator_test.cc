#include "nlp/annotator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "base/testutil.h"
#include "nlp/conllu.h"
#include "nlp/model_format.h"
#include "nlp/train.h"

namespace entente::nlp {
namespace {

std::string ModelsDir() { return testing::SourceDir() + "/models"; }

const Annotator& Committed() {
  static std::unique_ptr<Annotator> a = [] {
    auto r = Annotator::Load(ModelsDir());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r.value()) : nullptr;
  }();
  return *a;
}

// A document built by hand: two sentences, tokens with byte spans.
Document HandBuilt() {
  Document doc;
  doc.id = "hand";
  doc.text =
      "Chinese President Xi Jinping met Vladimir Putin in Beijing on Monday. They signed a deal.";
  auto add_sentence = [&](size_t begin, size_t end) {
    Sentence s;
    s.first_token = static_cast<uint32_t>(doc.tokens.size());
    s.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    size_t i = begin;
    while (i < end) {
      while (i < end && doc.text[i] == ' ') ++i;
      size_t j = i;
      while (j < end && doc.text[j] != ' ' && doc.text[j] != '.') ++j;
      if (j == i) j = i + 1;  // the period
      Token t;
      t.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
      doc.tokens.push_back(t);
      i = j;
    }
    s.end_token = static_cast<uint32_t>(doc.tokens.size());
    doc.sentences.push_back(s);
  };
  size_t dot = doc.text.find('.') + 1;
  add_sentence(0, dot);
  add_sentence(dot + 1, doc.text.size());
  return doc;
}

TEST(AnnotatorTest, MissingModelsDirIsNotFound) {
  auto r = Annotator::Load(testing::TempDir());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("tagger.model"), std::string::npos);
}

TEST(AnnotatorTest, SwappedModelFilesAreRejected) {
  ModelBytes b;
  for (auto [file, out] :
       {std::pair{Annotator::kTaggerFile, &b.tagger},
        std::pair{Annotator::kLemmatizerFile, &b.lemmatizer},
        std::pair{Annotator::kParserFile, &b.parser}, std::pair{Annotator::kNerFile, &b.ner}}) {
    auto r = ReadFileBytes(ModelsDir() + "/" + file);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    *out = r.value();
  }
  ASSERT_TRUE(Annotator::LoadFromBytes(b).ok());
  std::swap(b.parser, b.ner);
  auto r = Annotator::LoadFromBytes(b, "mem");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("mem/parser.model: model kind is 'ner'"), std::string::npos)
      << r.status().message();
}

TEST(AnnotatorTest, HandBuiltDocumentGetsEveryField) {
  Document doc = HandBuilt();
  ASSERT_EQ(doc.sentences.size(), 2u);
  ASSERT_TRUE(Committed().Annotate(&doc).ok());
  for (const Sentence& s : doc.sentences) {
    int roots = 0;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      EXPECT_FALSE(t.upos.empty());
      EXPECT_FALSE(t.xpos.empty());
      EXPECT_FALSE(t.lemma.empty());
      EXPECT_FALSE(t.deprel.empty());
      EXPECT_FALSE(t.ner.empty());
      EXPECT_GE(t.head, -1);
      EXPECT_LT(t.head, static_cast<int>(s.size()));
      EXPECT_NE(t.head, static_cast<int>(i - s.first_token));
      if (t.head == -1) {
        ++roots;
        EXPECT_EQ(t.deprel, "root");
      }
    }
    EXPECT_EQ(roots, 1);
  }
  // Some basic facts a working model gets right.
  EXPECT_EQ(doc.tokens[4].lemma, "meet");  // met
  EXPECT_EQ(doc.tokens[4].upos, "VERB");
  EXPECT_EQ(doc.tokens[5].ner, "B-PER");  // Vladimir
  EXPECT_EQ(doc.tokens[6].ner, "I-PER");  // Putin
  EXPECT_EQ(doc.tokens[8].ner, "B-LOC");  // Beijing
  EXPECT_EQ(doc.tokens[6].head, 5);       // Putin -> Vladimir
  EXPECT_EQ(doc.tokens[6].deprel, "flat");
  // The news-headline shape that greedy parsing used to root at "Chinese": the verb is the
  // root, the titled name its subject and the other name its object.
  EXPECT_EQ(doc.tokens[4].head, -1);  // met
  EXPECT_EQ(doc.tokens[2].head, 4);   // Xi -> met
  EXPECT_EQ(doc.tokens[2].deprel, "nsubj");
  EXPECT_EQ(doc.tokens[5].head, 4);  // Vladimir -> met
  EXPECT_EQ(doc.tokens[5].deprel, "obj");
}

TEST(AnnotatorTest, ConstAnnotationIsThreadSafe) {
  Document one = HandBuilt();
  ASSERT_TRUE(Committed().Annotate(&one).ok());
  std::vector<Document> docs(4, HandBuilt());
  std::vector<std::thread> threads;
  for (Document& d : docs)
    threads.emplace_back([&d] { ASSERT_TRUE(Committed().Annotate(&d).ok()); });
  for (auto& t : threads) t.join();
  for (const Document& d : docs)
    for (size_t i = 0; i < d.tokens.size(); ++i) {
      EXPECT_EQ(d.tokens[i].xpos, one.tokens[i].xpos);
      EXPECT_EQ(d.tokens[i].head, one.tokens[i].head);
      EXPECT_EQ(d.tokens[i].ner, one.tokens[i].ner);
    }
}

// Every annotated field of token `i` in `a` equals that in `b`.
void ExpectSameToken(const Document& a, const Document& b, size_t i) {
  EXPECT_EQ(a.tokens[i].lemma, b.tokens[i].lemma) << i;
  EXPECT_EQ(a.tokens[i].upos, b.tokens[i].upos) << i;
  EXPECT_EQ(a.tokens[i].xpos, b.tokens[i].xpos) << i;
  EXPECT_EQ(a.tokens[i].head, b.tokens[i].head) << i;
  EXPECT_EQ(a.tokens[i].deprel, b.tokens[i].deprel) << i;
  EXPECT_EQ(a.tokens[i].ner, b.tokens[i].ner) << i;
}

// The two halves: tag everything, then complete sentences one at a time in any order, reusing
// one TaggedDocument across documents.
TEST(AnnotatorTest, TagThenCompleteSentencesEqualsAnnotate) {
  Document full = HandBuilt();
  ASSERT_TRUE(Committed().Annotate(&full).ok());
  Annotator::TaggedDocument tagged;
  for (int round = 0; round < 2; ++round) {
    Document part = HandBuilt();
    ASSERT_TRUE(Committed().TagAndLemmatize(&part, &tagged).ok());
    for (uint32_t i = 0; i < part.tokens.size(); ++i) {
      EXPECT_EQ(part.tokens[i].lemma, full.tokens[i].lemma);
      EXPECT_TRUE(part.tokens[i].upos.empty() && part.tokens[i].ner.empty());
      EXPECT_EQ(part.tokens[i].head, -1);
    }
    ASSERT_TRUE(Committed().CompleteSentence(&part, &tagged, 1).ok());
    for (uint32_t i = part.sentences[0].first_token; i < part.sentences[0].end_token; ++i)
      EXPECT_TRUE(part.tokens[i].upos.empty());
    ASSERT_TRUE(Committed().CompleteSentence(&part, &tagged, 0).ok());
    for (uint32_t i = 0; i < part.tokens.size(); ++i) ExpectSameToken(part, full, i);
    Status st = Committed().CompleteSentence(&part, &tagged, 2);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("hand"), std::string::npos);
  }
  Annotator::TaggedDocument fresh;  // never filled: nothing was tagged
  Document other = HandBuilt();
  EXPECT_EQ(Committed().CompleteSentence(&other, &fresh, 0).code(), Status::Code::kInvalidArgument);
}

TEST(AnnotatorTest, BadSentenceRangeIsAnError) {
  Document doc = HandBuilt();
  doc.sentences[1].end_token = 99;
  EXPECT_EQ(Committed().Annotate(&doc).code(), Status::Code::kInvalidArgument);
}

TEST(AnnotatorTest, CommittedModelsAreSaneOnEwtDev) {
  ENTENTE_REQUIRE_SHARED(data);
  auto r = EvaluateConllu(Committed(), data + "/ud-english-ewt/en_ewt-ud-dev.conllu", 200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const NlpScores& s = r.value();
  EXPECT_EQ(s.sentences, 200);
  EXPECT_GT(s.upos, 90.0);
  EXPECT_GT(s.lemma, 93.0);
  EXPECT_GT(s.uas, 75.0);
  EXPECT_GT(s.las, 70.0);
}

// The accurate option swaps in parser-beam.model with its beam; everything but the parse is the
// same models, so tags, lemmas and entities must not change.
TEST(AnnotatorTest, AccurateOptionParsesWithTheBeamModel) {
  AnnotatorOptions o;
  o.accurate = true;
  auto r = Annotator::Load(ModelsDir(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Document fast = HandBuilt(), accurate = HandBuilt();
  ASSERT_TRUE(Committed().Annotate(&fast).ok());
  ASSERT_TRUE((*r)->Annotate(&accurate).ok());
  for (const Sentence& s : accurate.sentences) {
    int roots = 0;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = accurate.tokens[i];
      EXPECT_EQ(t.upos, fast.tokens[i].upos);
      EXPECT_EQ(t.lemma, fast.tokens[i].lemma);
      EXPECT_EQ(t.ner, fast.tokens[i].ner);
      EXPECT_FALSE(t.deprel.empty());
      if (t.head < 0) ++roots;
      EXPECT_LT(t.head, static_cast<int>(s.size()));
    }
    EXPECT_EQ(roots, 1);
  }
  // "met" (token 4) heads the first sentence.
  EXPECT_EQ(accurate.tokens[4].head, -1);
  EXPECT_EQ(accurate.tokens[4].deprel, "root");

  // A models folder without parser-beam.model is a NotFound naming that file.
  std::string dir = testing::TempDir() + "/no-beam";
  std::filesystem::create_directories(dir);
  for (const char* f : {Annotator::kTaggerFile, Annotator::kLemmatizerFile, Annotator::kParserFile,
                        Annotator::kNerFile}) {
    std::filesystem::copy_file(ModelsDir() + "/" + f, dir + "/" + f,
                               std::filesystem::copy_options::overwrite_existing);
  }
  auto missing = Annotator::Load(dir, o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find(Annotator::kAccurateParserFile), std::string::npos)
      << missing.status().ToString();
  EXPECT_TRUE(Annotator::Load(dir).ok());
}

TEST(AnnotatorTest, AccurateParserIsSaneOnEwtDev) {
  ENTENTE_REQUIRE_SHARED(data);
  AnnotatorOptions o;
  o.accurate = true;
  auto a = Annotator::Load(ModelsDir(), o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto r = EvaluateConllu(**a, data + "/ud-english-ewt/en_ewt-ud-dev.conllu", 200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r.value().uas, 75.0);
  EXPECT_GT(r.value().las, 70.0);
}

TEST(AnnotatorTest, CommittedNerIsSaneOnPud) {
  ENTENTE_REQUIRE_SHARED(data);
  auto r = EvaluateConllu(Committed(), data + "/ner-uner/English-PUD/en_pud-ud-test.iob2", 200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.value().has_entities);
  EXPECT_GT(r.value().f1, 0.6);
}

}  // namespace
}  // namespace entente::nlp
