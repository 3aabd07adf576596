#include "nlp/train.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/testutil.h"
#include "nlp/model_format.h"
#include "nlp/ner.h"

namespace entente::nlp {
namespace {

const char kTinyConllu[] =
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tcats\tcat\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tsat\tsit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
    "1\tJohn\tJohn\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tlikes\tlike\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
    "3\tdogs\tdog\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n"
    "1\tMary\tMary\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\twent\tgo\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tto\tto\tADP\tIN\t_\t4\tcase\t_\t_\n"
    "4\tParis\tParis\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
    "5\tyesterday\tyesterday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_\n\n";

const char kTinyIob2[] =
    "1\tJohn\tB-PER\t-\t-\n2\tvisited\tO\t-\t-\n3\tNew\tB-LOC\t-\t-\n4\tYork\tI-LOC\t-\t-\n\n"
    "1\tThe\tO\t-\t-\n2\tUN\tB-ORG\t-\t-\n3\tmet\tO\t-\t-\n\n";

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Trains `kind` twice with identical options and checks the bytes are identical.
void ExpectDeterministic(const std::string& kind, TrainOptions o, const std::string& dir) {
  o.out = dir + "/" + kind + "_a.model";
  ASSERT_TRUE(RunTrain(kind, o).ok()) << RunTrain(kind, o).ToString();
  o.out = dir + "/" + kind + "_b.model";
  ASSERT_TRUE(RunTrain(kind, o).ok());
  std::string a = testing::ReadFileOrDie(dir + "/" + kind + "_a.model");
  std::string b = testing::ReadFileOrDie(dir + "/" + kind + "_b.model");
  ASSERT_GT(a.size(), 100u);
  EXPECT_TRUE(a == b) << kind << " model differs between two identical training runs";
}

TEST(TrainTest, TinySampleIsDeterministic) {
  std::string dir = testing::TempDir();
  TrainOptions o;
  o.train = {Write(dir, "tiny.conllu", kTinyConllu)};
  o.iterations = 3;
  o.date = "2025-01-01";
  o.seed = 7;
  ExpectDeterministic("tagger", o, dir);
  ExpectDeterministic("lemmatizer", o, dir);
  ExpectDeterministic("parser", o, dir);
  TrainOptions ner = o;
  ner.train = {Write(dir, "tiny.iob2", kTinyIob2)};
  ner.tagger_model = dir + "/tagger_a.model";
  ExpectDeterministic("ner", ner, dir);
  // The header records what it was trained on.
  ModelHeader h;
  std::string payload;
  ASSERT_TRUE(DecodeModel(testing::ReadFileOrDie(dir + "/ner_a.model"), "ner", ModelKind::kNer,
                          EntityTagger::Fingerprint(), &h, &payload).ok());
  EXPECT_EQ(h.training_data, "tiny.iob2");
  EXPECT_EQ(h.date, "2025-01-01");
}

TEST(TrainTest, EwtSampleIsDeterministic) {
  ENTENTE_REQUIRE_SHARED(data);
  std::string dir = testing::TempDir();
  TrainOptions o;
  o.train = {data + "/ud-english-ewt/en_ewt-ud-train.conllu"};
  o.max_sentences = 150;
  o.iterations = 2;
  o.date = "2025-01-01";
  ExpectDeterministic("tagger", o, dir);
  ExpectDeterministic("parser", o, dir);
}

TEST(TrainTest, BadOptionsAndInputsAreErrors) {
  std::string dir = testing::TempDir();
  TrainOptions o;
  EXPECT_EQ(RunTrain("tagger", o).code(), Status::Code::kInvalidArgument);  // no files
  o.train = {Write(dir, "bad.conllu", "1\tA\ta\n")};
  o.out = dir + "/x.model";
  Status s = RunTrain("tagger", o);
  EXPECT_NE(s.message().find("bad.conllu:1:"), std::string::npos) << s.ToString();
  EXPECT_EQ(RunTrain("tokenizer", o).code(), Status::Code::kInvalidArgument);
  o.train = {Write(dir, "ok.conllu", kTinyConllu)};
  EXPECT_EQ(RunTrain("ner", o).code(), Status::Code::kInvalidArgument);  // needs --tagger
}

}  // namespace
}  // namespace entente::nlp
