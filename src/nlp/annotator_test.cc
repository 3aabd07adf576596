#include "nlp/annotator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

#include "base/testutil.h"
#include "nlp/conllu.h"
#include "nlp/model_format.h"
#include "nlp/word_atoms.h"
#include "nlp/hash.h"
#include "nlp/parser.h"
#include "nlp/parse_combine.h"
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

// In parts: tag everything, then parse and entity-tag sentences one at a time in any order,
// reusing one TaggedDocument across documents.
TEST(AnnotatorTest, TagThenParseAndEntitiesEqualsAnnotate) {
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
    ASSERT_TRUE(Committed().ParseSentence(&part, &tagged, 1).ok());
    for (uint32_t i = part.sentences[0].first_token; i < part.sentences[0].end_token; ++i)
      EXPECT_TRUE(part.tokens[i].upos.empty());
    for (uint32_t i = 0; i < part.tokens.size(); ++i) EXPECT_TRUE(part.tokens[i].ner.empty());
    ASSERT_TRUE(Committed().TagEntities(&part, &tagged, 0).ok());
    for (uint32_t i = part.sentences[0].first_token; i < part.sentences[0].end_token; ++i) {
      EXPECT_EQ(part.tokens[i].ner, full.tokens[i].ner);
      EXPECT_TRUE(part.tokens[i].upos.empty());
    }
    ASSERT_TRUE(Committed().TagEntities(&part, &tagged, 0).ok());  // again: no change
    ASSERT_TRUE(Committed().ParseSentence(&part, &tagged, 0).ok());
    ASSERT_TRUE(Committed().TagEntities(&part, &tagged, 1).ok());
    for (uint32_t i = 0; i < part.tokens.size(); ++i) ExpectSameToken(part, full, i);
    Status st = Committed().ParseSentence(&part, &tagged, 2);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("hand"), std::string::npos);
    EXPECT_EQ(Committed().TagEntities(&part, &tagged, 2).code(), Status::Code::kInvalidArgument);
  }
  Annotator::TaggedDocument fresh;  // never filled: nothing was tagged
  Document other = HandBuilt();
  EXPECT_EQ(Committed().ParseSentence(&other, &fresh, 0).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Committed().TagEntities(&other, &fresh, 0).code(), Status::Code::kInvalidArgument);
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

// An annotator over the committed models with `o`; fails the test when it does not load.
std::unique_ptr<Annotator> LoadOrFail(const AnnotatorOptions& o) {
  auto r = Annotator::Load(ModelsDir(), o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r.value()) : nullptr;
}

AnnotatorOptions Accurate(double beam, double r2l, double greedy) {
  AnnotatorOptions o;
  o.accurate = true;
  o.beam_weight = beam;
  o.r2l_weight = r2l;
  o.greedy_weight = greedy;
  return o;
}

// The hand-built document, plus the first 300 EWT dev sentences when the shared data is there.
std::vector<Document> TestDocuments() {
  std::vector<Document> docs = {HandBuilt()};
  std::string data = testing::SharedDataDir();
  if (!data.empty()) {
    auto r = ReadConlluFile(data + "/ud-english-ewt/en_ewt-ud-dev.conllu");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok()) {
      std::vector<ConlluSentence> sents = std::move(r.value());
      sents.resize(std::min<size_t>(sents.size(), 300));
      docs.push_back(SentencesToDocument(sents));
    }
  }
  return docs;
}

// The accurate option combines parser-beam.model, parser-beam-r2l.model and parser.model;
// everything but the parse is the same models, so tags, lemmas and entities must not change.
TEST(AnnotatorTest, AccurateOptionCombinesTheParsers) {
  AnnotatorOptions o;
  o.accurate = true;
  std::unique_ptr<Annotator> a = LoadOrFail(o);
  ASSERT_NE(a, nullptr);
  for (const Document& doc : TestDocuments()) {
    Document fast = doc, accurate = doc;
    ASSERT_TRUE(Committed().Annotate(&fast).ok());
    ASSERT_TRUE(a->Annotate(&accurate).ok());
    int changed = 0;
    for (const Sentence& s : accurate.sentences) {
      int roots = 0;
      for (uint32_t i = s.first_token; i < s.end_token; ++i) {
        const Token& t = accurate.tokens[i];
        EXPECT_EQ(t.upos, fast.tokens[i].upos);
        EXPECT_EQ(t.lemma, fast.tokens[i].lemma);
        EXPECT_EQ(t.ner, fast.tokens[i].ner);
        EXPECT_FALSE(t.deprel.empty());
        EXPECT_EQ(t.head < 0, t.deprel == "root");
        if (t.head < 0) ++roots;
        EXPECT_LT(t.head, static_cast<int>(s.size()));
        EXPECT_NE(t.head, static_cast<int>(i - s.first_token));
        changed += t.head != fast.tokens[i].head;
      }
      EXPECT_EQ(roots, 1);
    }
    if (doc.sentences.size() > 100) {
      EXPECT_GT(changed, 0);  // not the greedy parse again
    }
  }
  Document hand = HandBuilt();
  ASSERT_TRUE(a->Annotate(&hand).ok());
  // "met" (token 4) heads the first sentence.
  EXPECT_EQ(hand.tokens[4].head, -1);
  EXPECT_EQ(hand.tokens[4].deprel, "root");
}

// Weights that leave one parser decide alone give that parser's own parse: greedy alone is the
// default path, and a beam parser that outweighs the two others together wins every arc and
// label it has, so the combination of three equals the beam parser run alone.
TEST(AnnotatorTest, AccurateCombinationWithADominantParserIsThatParser) {
  std::unique_ptr<Annotator> greedy = LoadOrFail(Accurate(0, 0, 1));
  std::unique_ptr<Annotator> beam = LoadOrFail(Accurate(1, 0, 0));
  std::unique_ptr<Annotator> dominant = LoadOrFail(Accurate(2.5, 1, 1));
  std::unique_ptr<Annotator> r2l = LoadOrFail(Accurate(0, 1, 0));
  std::unique_ptr<Annotator> r2l_dominant = LoadOrFail(Accurate(1, 3, 1));
  ASSERT_TRUE(greedy && beam && dominant && r2l && r2l_dominant);
  for (const Document& doc : TestDocuments()) {
    Document fast = doc, g = doc, b = doc, d = doc, r = doc, rd = doc;
    ASSERT_TRUE(Committed().Annotate(&fast).ok());
    ASSERT_TRUE(greedy->Annotate(&g).ok());
    ASSERT_TRUE(beam->Annotate(&b).ok());
    ASSERT_TRUE(dominant->Annotate(&d).ok());
    ASSERT_TRUE(r2l->Annotate(&r).ok());
    ASSERT_TRUE(r2l_dominant->Annotate(&rd).ok());
    int beam_differs = 0;
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      ExpectSameToken(g, fast, i);
      ExpectSameToken(d, b, i);
      ExpectSameToken(rd, r, i);
      beam_differs += b.tokens[i].head != fast.tokens[i].head;
    }
    if (doc.sentences.size() > 100) {
      EXPECT_GT(beam_differs, 0);
    }
  }
}

// The accurate annotator skips the last parser when the ones run so far agree and outweigh it
// (annotator.h); its output must still be CombineParses' over all three parses. Recomputed
// here from the three parsers run independently on the annotator's own tags.
TEST(AnnotatorTest, AccurateEarlyStopEqualsTheFullCombination) {
  AnnotatorOptions o;
  o.accurate = true;
  std::unique_ptr<Annotator> a = LoadOrFail(o);
  ASSERT_NE(a, nullptr);
  struct Run {
    const char* file;
    int width;
    double weight;
    std::unique_ptr<Parser> parser;
  };
  std::vector<Run> runs;
  runs.push_back({Annotator::kAccurateParserFile, Annotator::kAccurateBeamWidth, o.beam_weight, nullptr});
  runs.push_back({Annotator::kAccurateR2lParserFile, Annotator::kAccurateBeamWidth, o.r2l_weight, nullptr});
  runs.push_back({Annotator::kParserFile, 1, o.greedy_weight, nullptr});
  std::vector<std::string> names;  // label union by name
  auto id_of = [&](const std::string& label) {
    auto it = std::find(names.begin(), names.end(), label);
    if (it == names.end()) names.push_back(label), it = names.end() - 1;
    return static_cast<int>(it - names.begin());
  };
  for (Run& r : runs) {
    auto p = Parser::Load(testing::ReadFileOrDie(ModelsDir() + "/" + r.file), r.file);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    r.parser = std::move(p.value());
  }
  int sentences = 0, unanimous = 0;
  CombineScratch scratch;
  for (const Document& doc : TestDocuments()) {
    Document d = doc;
    ASSERT_TRUE(a->Annotate(&d).ok());
    for (const Sentence& s : d.sentences) {
      const int n = static_cast<int>(s.size());
      if (n == 0) continue;
      std::vector<WordAtoms> atoms;
      std::vector<uint64_t> tags;
      for (uint32_t i = s.first_token; i < s.end_token; ++i) {
        atoms.push_back(ComputeAtoms(d.Text(d.tokens[i].span)));
        tags.push_back(HashString(d.tokens[i].xpos));
      }
      std::vector<std::vector<int>> heads(runs.size()), labels(runs.size());
      std::vector<WeightedParse> votes;
      for (size_t r = 0; r < runs.size(); ++r) {
        if (runs[r].width > 1) {
          runs[r].parser->ParseBeam(atoms, tags, runs[r].width, &heads[r], &labels[r]);
        } else {
          runs[r].parser->Parse(atoms, tags, &heads[r], &labels[r]);
        }
        for (int& l : labels[r]) l = id_of(runs[r].parser->labels[l]);
        votes.push_back({&heads[r], &labels[r], runs[r].weight});
      }
      unanimous += heads[0] == heads[2] && labels[0] == labels[2];
      std::vector<int> h, l;
      CombineParses(n, votes, &h, &l, &scratch);
      for (int i = 0; i < n; ++i) {
        const Token& t = d.tokens[s.first_token + i];
        ASSERT_EQ(t.head, h[i]) << "sentence " << sentences << " word " << i;
        ASSERT_EQ(t.deprel, names[l[i]]) << "sentence " << sentences << " word " << i;
      }
      ++sentences;
    }
  }
  EXPECT_GT(sentences, 0);
  // With the dev sentences, the shortcut is taken (beam and greedy agree on whole sentences).
  if (sentences > 100) {
    EXPECT_GT(unanimous, 10);
  }
}

TEST(AnnotatorTest, AccurateOptionErrors) {
  // A models folder without parser-beam.model (or parser-beam-r2l.model) is a NotFound naming
  // that file; a parser of weight 0 need not be there.
  std::string dir = testing::TempDir() + "/no-beam";
  std::filesystem::create_directories(dir);
  for (const char* f : {Annotator::kTaggerFile, Annotator::kLemmatizerFile, Annotator::kParserFile,
                        Annotator::kNerFile}) {
    std::filesystem::copy_file(ModelsDir() + "/" + f, dir + "/" + f,
                               std::filesystem::copy_options::overwrite_existing);
  }
  AnnotatorOptions o;
  o.accurate = true;
  auto missing = Annotator::Load(dir, o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().ToString().find(Annotator::kAccurateParserFile), std::string::npos)
      << missing.status().ToString();
  EXPECT_TRUE(Annotator::Load(dir).ok());
  EXPECT_TRUE(Annotator::Load(dir, Accurate(0, 0, 1)).ok());
  std::filesystem::copy_file(ModelsDir() + "/" + Annotator::kAccurateParserFile,
                             dir + "/" + Annotator::kAccurateParserFile);
  missing = Annotator::Load(dir, o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find(Annotator::kAccurateR2lParserFile), std::string::npos)
      << missing.status().ToString();
  EXPECT_TRUE(Annotator::Load(dir, Accurate(1, 0, 1)).ok());

  // Bad weights are InvalidArgument; they matter only when accurate.
  for (AnnotatorOptions bad : {Accurate(0, 0, 0), Accurate(-1, 1, 1), Accurate(1, 1e7, 1),
                               Accurate(1, 1, std::nan(""))}) {
    auto r = Annotator::Load(ModelsDir(), bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << r.status().ToString();
    bad.accurate = false;
    EXPECT_TRUE(Annotator::Load(ModelsDir(), bad).ok());
  }
}

TEST(AnnotatorTest, AccurateAnnotationIsThreadSafe) {
  AnnotatorOptions o;
  o.accurate = true;
  std::unique_ptr<Annotator> a = LoadOrFail(o);
  ASSERT_NE(a, nullptr);
  Document one = HandBuilt();
  ASSERT_TRUE(a->Annotate(&one).ok());
  std::vector<Document> docs(4, HandBuilt());
  std::vector<std::thread> threads;
  for (Document& d : docs)
    threads.emplace_back([&d, &a] { ASSERT_TRUE(a->Annotate(&d).ok()); });
  for (auto& t : threads) t.join();
  for (const Document& d : docs)
    for (size_t i = 0; i < d.tokens.size(); ++i) ExpectSameToken(d, one, i);
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
