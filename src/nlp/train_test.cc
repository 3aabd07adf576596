#include "nlp/train.h"

#include "entente/nlp.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>

#include "base/testutil.h"
#include <zlib.h>

#include "nlp/clusters_train.h"
#include "nlp/lemmatizer.h"
#include "nlp/word_clusters.h"
#include "nlp/model_format.h"
#include "nlp/ner.h"
#include "nlp/ner_data.h"
#include "nlp/conllu.h"
#include "nlp/hash.h"
#include "nlp/parser.h"
#include "nlp/word_atoms.h"

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

const char kNameRecords[] =
    "# comment\n[state RUS]\nname = Russia  # short name\nformal = Russian Federation\n"
    "historical = Soviet Union 1922-12-30..1991-12-26\nadjective = Russian\nmetonym = Kremlin\n"
    "iso2 = RU\n[igo UN]\nname = United Nations\nalias = U.N. | the world body\n"
    "[person XI]\nname = Xi Jinping\nrole = CHN GOV head_of_state 2013-03-14..\n"
    "[person KIM]\nname = Kim Jong-un\n[agent GOV]\nnoun = president | foreign minister\n";
const char kPlaces[] = "# name | country | lat | lon | kind | aliases\n"
                       "Beijing | CHN | 39.91 | 116.40 | capital | Peking\n"
                       "Astana | KAZ | 51.17 | 71.45 | capital | Nur-Sultan; Akmola\n";

// Marks of `words` masked to `bits` (default: start and cover bits).
std::vector<uint32_t> MarkWords(const NameList& names, const std::vector<std::string>& words,
                                uint32_t bits = 0xFFFF) {
  std::vector<WordAtoms> atoms;
  for (const std::string& w : words) atoms.push_back(ComputeAtoms(w));
  std::vector<uint32_t> out;
  names.Mark(atoms, &out);
  for (uint32_t& m : out) m &= bits;
  return out;
}

TEST(TrainTest, NameFilesGiveGazetteerMarks) {
  std::string dir = testing::TempDir();
  NameList names;
  ASSERT_TRUE(ReadNameFile(Write(dir, "actors.txt", kNameRecords), &names).ok());
  ASSERT_TRUE(ReadNameFile(Write(dir, "places.txt", kPlaces), &names).ok());
  const uint32_t B = 1, I = 256;
  // Longest match, case-insensitive; a name inside a longer one is not marked separately.
  EXPECT_EQ(MarkWords(names, {"President", "Xi", "Jinping", "met", "U.N.", "officials"}),
            (std::vector<uint32_t>{NameList::kTitle * B, NameList::kPer * B, NameList::kPer * I,
                                   0, NameList::kOrg * B, 0}));
  EXPECT_EQ(MarkWords(names, {"the", "russian", "Federation", "and", "the", "Soviet", "Union"}),
            (std::vector<uint32_t>{0, NameList::kLoc * B,  // "russian" alone is a demonym
                                   NameList::kLoc * I, 0, 0, NameList::kLoc * B,
                                   NameList::kLoc * I}));
  // Hyphenated names also match UD's split tokens; aliases after ';' in the places table.
  EXPECT_EQ(MarkWords(names, {"Kim", "Jong", "-", "un", "in", "Nur-Sultan", "and", "Peking"}),
            (std::vector<uint32_t>{NameList::kPer * B, NameList::kPer * I, NameList::kPer * I,
                                   NameList::kPer * I, 0, NameList::kLoc * B, 0,
                                   NameList::kLoc * B}));
  EXPECT_EQ(MarkWords(names, {"Russian", "Kremlin", "foreign", "minister"})[0], NameList::kDemonym * B);
  EXPECT_EQ(MarkWords(names, {"Kremlin", "foreign", "minister"}),
            (std::vector<uint32_t>{NameList::kOrg * B, NameList::kTitle * B, NameList::kTitle * I}));
  // End bits mark a name's last word; part bits every capitalised word of a name, alone.
  const uint32_t E = 1 << 16, P = 1 << 24;
  EXPECT_EQ(MarkWords(names, {"Xi", "Jinping", "met", "U.N.", "officials"}, 0xFF0000),
            (std::vector<uint32_t>{0, NameList::kPer * E, 0, NameList::kOrg * E, 0}));
  EXPECT_EQ(MarkWords(names, {"Xi", "Ping", "of", "the", "Federation", "Nations", "minister"},
                      0xFF000000),
            (std::vector<uint32_t>{NameList::kPer * P, 0, 0, 0, NameList::kLoc * P,
                                   NameList::kOrg * P, 0}));
  // Round trip through the model bytes.
  ByteWriter w;
  names.Serialize(&w);
  NameList back;
  ByteReader r(w.bytes());
  ASSERT_TRUE(back.Deserialize(&r));
  EXPECT_EQ(back.size(), names.size());
  EXPECT_EQ(MarkWords(back, {"Xi", "Jinping"}), MarkWords(names, {"Xi", "Jinping"}));
  // Bad lines name file and line.
  Status s = ReadNameFile(Write(dir, "bad.txt", "[state X]\nname Russia\n"), &names);
  EXPECT_NE(s.message().find("bad.txt:2:"), std::string::npos) << s.ToString();
  s = ReadNameFile(Write(dir, "bad2.txt", "Beijing | CHN\n"), &names);
  EXPECT_NE(s.message().find("bad2.txt:1:"), std::string::npos) << s.ToString();
  EXPECT_EQ(ReadNameFile(dir + "/missing.txt", &names).code(), Status::Code::kNotFound);
  // A *.names file is a plain "TYPE TAB NAME" list.
  NameList plain;
  ASSERT_TRUE(ReadNameFile(Write(dir, "l.names", "# comment\nPER\tMousa Kousa\nLOC\tAddis Ababa\n"),
                           &plain).ok());
  EXPECT_EQ(MarkWords(plain, {"Mousa", "Kousa", "in", "Addis", "Ababa"}),
            (std::vector<uint32_t>{NameList::kPer * B, NameList::kPer * I, 0, NameList::kLoc * B,
                                   NameList::kLoc * I}));
  s = ReadNameFile(Write(dir, "bad3.names", "PER\tA B\nGPE\tParis\n"), &plain);
  EXPECT_NE(s.message().find("bad3.names:2: expected 'PER|ORG|LOC TAB name'"), std::string::npos)
      << s.ToString();
}

TEST(TrainTest, EntityTaggerCarriesItsNames) {
  std::string dir = testing::TempDir();
  TrainOptions o;
  o.train = {Write(dir, "t.conllu", kTinyConllu)};
  o.iterations = 2;
  o.date = "2025-01-01";
  o.out = dir + "/t.model";
  ASSERT_TRUE(RunTrain("tagger", o).ok());
  TrainOptions ner = o;
  ner.train = {Write(dir, "n.iob2", kTinyIob2)};
  ner.tagger_model = dir + "/t.model";
  ner.gazetteer = {Write(dir, "places.txt", kPlaces)};
  ExpectDeterministic("ner", ner, dir);
  auto m = EntityTagger::Load(testing::ReadFileOrDie(dir + "/ner_a.model"), "ner_a");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m.value()->names.size(), 6u);  // Beijing, Peking, Astana, Akmola, Nur-Sultan twice
  EXPECT_EQ(m.value()->names.num_parts(), 7u);  // the same words, and Nur, Sultan
  ner.gazetteer = {dir + "/missing.txt"};
  EXPECT_EQ(RunTrain("ner", ner).code(), Status::Code::kNotFound);
}

std::string ConlluOf(const std::vector<std::array<const char*, 3>>& words) {
  std::string out;
  int i = 0;
  for (const auto& [form, lemma, xpos] : words) {
    ++i;
    out += std::to_string(i) + "\t" + form + "\t" + lemma + "\tX\t" + xpos + "\t_\t" +
           (i == 1 ? "0\troot" : "1\tdep") + "\t_\t_\n";
  }
  return out + "\n";
}

// Trains a lemmatizer on `words` (form, lemma, xpos) in a temporary file named after `name`.
std::unique_ptr<Lemmatizer> TrainLemmatizer(const std::string& name,
                                            const std::vector<std::array<const char*, 3>>& words) {
  std::string dir = testing::TempDir();
  TrainOptions o;
  o.train = {Write(dir, name + ".conllu", ConlluOf(words))};
  o.out = dir + "/" + name + ".model";
  o.date = "2025-01-01";
  Status trained = RunTrain("lemmatizer", o);
  EXPECT_TRUE(trained.ok()) << trained.ToString();
  auto m = Lemmatizer::Load(testing::ReadFileOrDie(o.out), o.out);
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? std::move(m.value()) : nullptr;
}

// A GUM document (entities in MISC) and a CrossNER file.
const char kGumConllu[] =
    "# sent_id = s1\n"
    "1\tPresident\tPresident\tPROPN\tNNP\t_\t3\tcompound\t_\tEntity=(1-person-new-x-cf1-1-coref-Donald_Trump\n"
    "2\tDonald\tDonald\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
    "3\tTrump\tTrump\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n"
    "4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tmembers\tmember\tNOUN\tNNS\t_\t4\tobj\t_\tEntity=(2-person-new-x-cf2-1-sgl\n"
    "6\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "7\tScientology\tScientology\tPROPN\tNNP\t_\t5\tnmod\t_\tEntity=(3-organization-new-x-cf3-1-coref-Scientology)2)\n"
    "8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n"
    "# sent_id = s2\n"
    "1\tAmericans\tAmerican\tPROPN\tNNPS\t_\t2\tnsubj\t_\tEntity=(4-person-new-x-cf4-1-sgl)\n"
    "2\tthanked\tthank\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(1-person-giv-x-cf1-1-coref-Donald_Trump\n"
    "4\tPresident\tPresident\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=1)\n\n";
const char kCrossNer[] =
    "The\tO\n2011\tB-election\nBremen\tI-election\nstate\tI-election\nelection\tI-election\n"
    "in\tO\nGermany\tB-country\nwas\tO\nwon\tO\nby\tO\nthe\tO\nSPD\tB-politicalparty\n\n";

TEST(TrainTest, CorporaAreReadWithUnerConventions) {
  std::string dir = testing::TempDir();
  // GUM: a person is its name without the title; a mention around a smaller one does not take
  // that one's name; a plural group and a bare title are no names.
  auto g = ReadNerFile(Write(dir, "g.conllu", kGumConllu));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g.value().size(), 2u);
  EXPECT_EQ(g.value()[0].tags, (std::vector<std::string>{"O", "B-PER", "I-PER", "O", "O", "O",
                                                         "B-ORG", "O"}));
  EXPECT_EQ(g.value()[1].tags, (std::vector<std::string>{"O", "O", "O", "O"}));
  // CrossNER: names of other kinds are of unknown label inside (UNER marks "Bremen" there).
  auto c = ReadNerFile(Write(dir, "c.txt", kCrossNer));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const std::string u(kNerUnknown);
  EXPECT_EQ(c.value()[0].tags, (std::vector<std::string>{"O", u, u, u, u, "O", "B-LOC", "O", "O",
                                                         "O", "O", "B-ORG"}));
  // Training on partly unknown labels works and is reproducible.
  TrainOptions o;
  o.train = {Write(dir, "t.conllu", kTinyConllu)};
  o.iterations = 2;
  o.date = "2025-01-01";
  o.out = dir + "/t.model";
  ASSERT_TRUE(RunTrain("tagger", o).ok());
  TrainOptions ner = o;
  ner.train = {dir + "/c.txt", dir + "/g.conllu", Write(dir, "n.iob2", kTinyIob2)};
  ner.tagger_model = dir + "/t.model";
  ExpectDeterministic("ner", ner, dir);
}

TEST(TrainTest, EntitySpansAreReadAgainstTheirText) {
  std::string dir = testing::TempDir();
  Write(dir, "g.conllu", kGumConllu);
  // Only the listed sentences come back; "-" marks a sentence annotated as having none.
  auto r = ReadNerFile(Write(dir, "a.entities",
                             "# text = g.conllu\ns1\t2\t3\tPER\ns1\t7\t7\tORG\ns2\t-\n"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_EQ(r.value()[0].words[1], "Donald");
  EXPECT_EQ(r.value()[0].tags, (std::vector<std::string>{"O", "B-PER", "I-PER", "O", "O", "O",
                                                         "B-ORG", "O"}));
  EXPECT_EQ(r.value()[1].tags, (std::vector<std::string>{"O", "O", "O", "O"}));
  auto only = ReadNerFile(Write(dir, "b.entities", "# text = g.conllu\ns2\t1\t1\tPER\n"));
  ASSERT_TRUE(only.ok()) << only.status().ToString();
  ASSERT_EQ(only.value().size(), 1u);
  EXPECT_EQ(only.value()[0].tags[0], "B-PER");
  // A "token TAB tag" text: sentences are numbered from 1, its tags are not read.
  Write(dir, "c.txt", kCrossNer);
  auto c = ReadNerFile(Write(dir, "c.entities", "# text = c.txt\n1\t7\t7\tLOC\n"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c.value().size(), 1u);
  EXPECT_EQ(c.value()[0].words[6], "Germany");
  EXPECT_EQ(std::count(c.value()[0].tags.begin(), c.value()[0].tags.end(), "O"), 11);
  EXPECT_EQ(c.value()[0].tags[6], "B-LOC");
  // Each "# text =" line starts a section read against its own text; sections keep file order.
  auto two = ReadNerFile(Write(dir, "d.entities",
                               "# text = c.txt\n1\t7\t7\tLOC\n# text = g.conllu\ns2\t1\t1\tPER\n"));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  ASSERT_EQ(two.value().size(), 2u);
  EXPECT_EQ(two.value()[0].words[6], "Germany");
  EXPECT_EQ(two.value()[0].tags[6], "B-LOC");
  EXPECT_EQ(two.value()[1].tags[0], "B-PER");
  // Errors name the file and line.
  struct Bad { const char* text; const char* where; };
  for (const Bad& b : {Bad{"# text = g.conllu\ns1\t3\t9\tPER\n", "e.entities:2: word range beyond"},
                       Bad{"# text = g.conllu\ns1\t2\t3\tPER\ns1\t3\t3\tLOC\n", "e.entities:3: overlaps"},
                       Bad{"# text = g.conllu\ns1\t2\t3\tGPE\n", "e.entities:2: TYPE must be"},
                       Bad{"# text = g.conllu\ns1\t2\t3x\tPER\n", "e.entities:2: START and END must be numbers"},
                       Bad{"# text = g.conllu\ns9\t-\n", "1 sentence ids not found"},
                       Bad{"s1\t-\n", "e.entities:1: an entity line before the first"},
                       Bad{"# only a comment\n", "no '# text = PATH' header"},
                       Bad{"# text = g.conllu\ns1\t-\n# text = c.txt\n2\t-\n",
                           "e.entities:3: 1 sentence ids not found in"},
                       Bad{"# text = missing.conllu\ns1\t-\n", "text file of the annotation"}}) {
    auto e = ReadNerFile(Write(dir, "e.entities", b.text));
    ASSERT_FALSE(e.ok()) << b.text;
    EXPECT_NE(e.status().message().find(b.where), std::string::npos) << e.status().message();
  }
}

TEST(TrainTest, EntityDecodingIsValidBioAndHonoursFixedLabels) {
  std::vector<WordAtoms> atoms = {ComputeAtoms("a"), ComputeAtoms("b"), ComputeAtoms("c")};
  std::vector<uint64_t> tags = {1, 1, 1};
  EntityTagger e;
  NerInput in;
  e.Prepare(atoms, tags, &in);
  // A scorer that prefers I-PER, then B-PER, whatever the features.
  auto score = [](const uint64_t*, int, float* s) {
    s[EntityTagger::LabelIndex("I-PER")] += 3;
    s[EntityTagger::LabelIndex("B-PER")] += 1;
  };
  std::vector<int> out;
  EntityTagger::Decode(in, score, nullptr, &out);
  const int b_per = EntityTagger::LabelIndex("B-PER"), i_per = EntityTagger::LabelIndex("I-PER");
  EXPECT_EQ(out, (std::vector<int>{b_per, i_per, i_per}));  // I-PER cannot start
  const int b_loc = EntityTagger::LabelIndex("B-LOC");
  std::vector<int> fixed = {-1, b_loc, -1};
  EntityTagger::Decode(in, score, &fixed, &out);
  EXPECT_EQ(out, (std::vector<int>{b_per, b_loc, b_per}));  // I-PER cannot follow B-LOC
}

TEST(TrainTest, LemmatizerPrefersKnownWordsAndRepairsCase) {
  auto m = TrainLemmatizer("lem", {{"robbed", "rob", "VBD"}, {"grabbed", "grab", "VBD"},
                                   {"stabbed", "stab", "VBD"}, {"played", "play", "VBD"},
                                   {"climbed", "climb", "VBD"}, {"walked", "walk", "VBD"},
                                   {"bomb", "bomb", "NN"}, {"Mexico", "Mexico", "NNP"},
                                   {"Tehran", "Tehran", "NNP"}, {"a@B.com", "a@B.com", "ADD"}});
  ASSERT_TRUE(m);
  const Lemmatizer& lem = *m;
  EXPECT_EQ(lem.Lemmatize("jabbed", "VBD"), "jab");   // longest suffix rule, result unknown
  EXPECT_EQ(lem.Lemmatize("bombed", "VBD"), "bomb");  // "bed" rule gives "bom": not a word
  EXPECT_EQ(lem.Lemmatize("mexico", "NNP"), "Mexico");
  EXPECT_EQ(lem.Lemmatize("TEHRAN", "NNP"), "Tehran");
  EXPECT_EQ(lem.Lemmatize("ACME", "NNP"), "ACME");
  EXPECT_EQ(lem.Lemmatize("Me@X.org", "ADD"), "Me@X.org");
  EXPECT_EQ(lem.Lemmatize("1,100", "CD"), "1100");
  EXPECT_EQ(lem.Lemmatize("12,345,678", "CD"), "12345678");
  EXPECT_EQ(lem.Lemmatize("3,40", "CD"), "3,40");
}

TEST(TrainTest, LemmatizerNeverCutsInsideACharacter) {
  auto m = TrainLemmatizer("lem8", {{"cats", "cat", "NNS"}, {"dogs", "dog", "NNS"},
                                    {"tanks", "tank", "NNS"}, {"talks", "talk", "NNS"}});
  ASSERT_TRUE(m);
  const Lemmatizer& lem = *m;
  // The plural rule strips one byte; "\xc3\xa9" (e acute) must not lose its second byte.
  EXPECT_EQ(lem.Lemmatize("caf\xc3\xa9s", "NNS"), "caf\xc3\xa9");
  EXPECT_EQ(lem.Lemmatize("caf\xc3\xa9", "NNS"), "caf\xc3\xa9");
  EXPECT_EQ(lem.Lemmatize("\xe5\xb9\xb3", "NNS"), "\xe5\xb9\xb3");
  EXPECT_EQ(Lemmatizer::Apply(Lemmatizer::MakeRule("cats", "cat"), "x\xc3\xa9"), "x\xc3\xa9");
}

TEST(TrainTest, RawTextSplitsLikeUd) {
  std::vector<std::string> t;
  SplitRawText("\xe2\x80\x9cHello,\xe2\x80\x9d he said; the U.S. isn't (yet) ready.", &t);
  EXPECT_EQ(t, (std::vector<std::string>{"\xe2\x80\x9c", "Hello", ",", "\xe2\x80\x9d", "he", "said",
                                         ";", "the", "U.S.", "is", "n't", "(", "yet", ")", "ready",
                                         "."}));
}

TEST(TrainTest, ClustersGroupWordsOfLikeContexts) {
  std::string dir = testing::TempDir();
  std::string text;
  for (int i = 0; i < 20; ++i)
    text += "the cat runs .\nthe dog sleeps .\na cat sleeps .\na dog runs .\n";
  // The same text once as plain text and once as gzip-compressed JSON lines.
  std::string plain = Write(dir, "c.txt", text);
  std::string json = "{\"text\": \"";
  for (char c : text) json += c == '\n' ? std::string("\\n") : std::string(1, c);
  json += "\"}\n";
  std::string gz = dir + "/c.jsonl.gz";
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, json.data(), static_cast<unsigned>(json.size()));
  gzclose(f);
  for (const std::string& input : {plain, gz}) {
    ClusterOptions o;
    o.text = {input};
    o.classes = 4;
    o.vocabulary = 7;
    o.out = dir + "/clusters.txt";
    ASSERT_TRUE(InduceClusters(o).ok());
    std::string a = testing::ReadFileOrDie(o.out);
    ASSERT_TRUE(InduceClusters(o).ok());
    EXPECT_EQ(a, testing::ReadFileOrDie(o.out));  // deterministic
    auto c = WordClusters::ReadFile(o.out);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c.value().size(), 7u);
    auto id = [&](const char* w) { return c.value().Lookup(ComputeAtoms(w).norm); };
    EXPECT_EQ(id("cat"), id("dog")) << a;
    EXPECT_EQ(id("runs"), id("sleeps")) << a;
    EXPECT_NE(id("cat"), id("runs")) << a;
    EXPECT_EQ(id("Cat"), id("cat"));  // looked up by normalised form
    EXPECT_EQ(id("zebra"), WordClusters::kUnknown);
  }
  auto bad = WordClusters::ReadFile(Write(dir, "bad.txt", "cat\t1\ndog\n"));
  EXPECT_NE(bad.status().message().find("bad.txt:2:"), std::string::npos) << bad.status().ToString();
  ClusterOptions o;
  o.text = {Write(dir, "bad.jsonl", "{\"text\": \"a b\"}\nnot json\n")};
  o.out = dir + "/x.txt";
  o.classes = 2;
  o.vocabulary = 2;
  Status s = InduceClusters(o);
  EXPECT_NE(s.message().find("bad.jsonl:2:"), std::string::npos) << s.ToString();
}

TEST(TrainTest, CasingProfileCountsCapitalsThatPositionDoesNotForce) {
  std::string dir = testing::TempDir();
  std::string text;
  for (int i = 0; i < 10; ++i)
    text += "Regard to Paris is key . Regard it well ; Paris sent regard .\n"
            "we saw Paris and the green hills in Green Bay , then paris again\n";
  text += "and once Tokyo\n";
  CasingOptions o;
  o.text = {Write(dir, "case.txt", text)};
  o.out = dir + "/casing.txt";
  o.min_count = 10;
  ASSERT_TRUE(CountCasing(o).ok());
  const std::string a = testing::ReadFileOrDie(o.out);
  ASSERT_TRUE(CountCasing(o).ok());
  EXPECT_EQ(a, testing::ReadFileOrDie(o.out));  // deterministic
  auto c = WordClusters::ReadFile(o.out);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto bucket = [&](const char* w) { return c.value().Lookup(ComputeAtoms(w).norm); };
  // "Paris": 20 capitalised of 30 counted (the one after ";" does not count); "Regard" opens a
  // line or follows ".", so only its 10 lower-case uses count; "Bay" always capitalised.
  EXPECT_EQ(bucket("paris"), 3u) << a;
  EXPECT_EQ(bucket("Regard"), 0u) << a;
  EXPECT_EQ(bucket("bay"), 5u) << a;
  EXPECT_EQ(bucket("green"), 3u) << a;  // 10 of 20: a half is in the bucket from 50%
  EXPECT_EQ(bucket("the"), 0u) << a;
  EXPECT_EQ(bucket("tokyo"), WordClusters::kUnknown) << a;  // counted once: below min_count
  EXPECT_EQ(CasingBucket(1, 99), 0);
  EXPECT_EQ(CasingBucket(98, 2), 5);
  EXPECT_EQ(CasingBucket(1, 0), 5);
  o.vocabulary = 0;
  EXPECT_EQ(CountCasing(o).code(), Status::Code::kInvalidArgument);
}

// `entente train casing` (the public TrainNlpModel) writes what CountCasing writes with its own
// defaults, so the committed entity model is reproducible from the CLI.
TEST(TrainTest, PublicCasingKindMatchesCountCasing) {
  std::string dir = testing::TempDir();
  std::string text;
  for (int i = 0; i < 6; ++i) text += "we met Paris and paris and Paris , then Bay of Bay\n";
  CasingOptions c;
  c.text = {Write(dir, "pub.txt", text)};
  c.out = dir + "/direct.txt";
  ASSERT_TRUE(CountCasing(c).ok());
  NlpTrainOptions o;
  o.text = c.text;
  o.out = dir + "/public.txt";
  ASSERT_TRUE(TrainNlpModel("casing", o).ok());
  const std::string direct = testing::ReadFileOrDie(c.out);
  EXPECT_NE(direct.find("paris"), std::string::npos) << direct;
  EXPECT_EQ(direct, testing::ReadFileOrDie(o.out));
  o.min_count = 100;  // every word is rarer: none profiled
  ASSERT_TRUE(TrainNlpModel("casing", o).ok());
  EXPECT_EQ(testing::ReadFileOrDie(o.out).find("paris"), std::string::npos);
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

// A right-to-left parser (TrainOptions::reverse) trains deterministically, greedy and with a
// beam, into a model that differs from the left-to-right one and says it is reversed; on the
// tiny sample it learns to parse its own training sentences, heads given in sentence order.
TEST(TrainTest, ReversedParserIsDeterministicAndFitsTheTinySample) {
  std::string dir = testing::TempDir();
  TrainOptions o;
  o.train = {Write(dir, "tiny.conllu", kTinyConllu)};
  o.iterations = 10;
  o.date = "2025-01-01";
  o.reverse = true;
  for (int width : {1, 4}) {
    SCOPED_TRACE(width);
    o.beam_width = width;
    ExpectDeterministic("parser", o, dir);
    const std::string r2l = testing::ReadFileOrDie(dir + "/parser_a.model");
    TrainOptions forward = o;
    forward.reverse = false;
    forward.out = dir + "/forward.model";
    ASSERT_TRUE(RunTrain("parser", forward).ok());
    EXPECT_FALSE(r2l == testing::ReadFileOrDie(forward.out));
    auto p = Parser::Load(r2l, "parser_a.model");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_TRUE(p.value()->reverse);
    auto sents = ReadConlluFile(o.train[0]);
    ASSERT_TRUE(sents.ok());
    int words = 0, correct = 0;
    for (const ConlluSentence& cs : sents.value()) {
      std::vector<WordAtoms> atoms;
      std::vector<uint64_t> tags;
      for (const ConlluWord& w : cs.words) {
        atoms.push_back(ComputeAtoms(w.form));
        tags.push_back(HashString(w.xpos));
      }
      std::vector<int> heads, labels;
      if (width == 1) p.value()->Parse(atoms, tags, &heads, &labels);
      else p.value()->ParseBeam(atoms, tags, width, &heads, &labels);
      ASSERT_EQ(heads.size(), cs.words.size());
      for (size_t i = 0; i < cs.words.size(); ++i, ++words) correct += heads[i] == cs.words[i].head;
    }
    EXPECT_EQ(words, 12);
    EXPECT_GE(correct, 10);  // the training sentences themselves, in sentence order
  }
}

// Uptraining (TrainOptions::auto_train): automatically parsed sentences join the parser's
// training data after the gold ones. Without a tagger or jackknife (tags read from the files),
// a copy of the gold file given as auto data trains exactly what giving it twice as gold does;
// the header names the auto file; a tagger given retags the auto sentences; a missing auto
// file is an error.
TEST(TrainTest, AutoParsedSentencesJoinTheParserTraining) {
  std::string dir = testing::TempDir();
  const std::string gold = Write(dir, "tiny.conllu", kTinyConllu);
  const std::string autos = Write(dir, "auto.conllu", kTinyConllu);
  TrainOptions o;
  o.train = {gold};
  o.auto_train = {autos};
  o.iterations = 3;
  o.date = "2025-01-01";
  ExpectDeterministic("parser", o, dir);
  const std::string with_auto = testing::ReadFileOrDie(dir + "/parser_a.model");
  ModelHeader h;
  std::string payload;
  ASSERT_TRUE(DecodeModel(with_auto, "parser", ModelKind::kParser, Parser::Fingerprint(), &h,
                          &payload).ok());
  EXPECT_EQ(h.training_data, "tiny.conllu, auto auto.conllu");

  TrainOptions same = o;
  same.training_data = h.training_data;
  same.out = dir + "/auto.model";
  ASSERT_TRUE(RunTrain("parser", same).ok());
  TrainOptions twice = same;
  twice.train = {gold, autos};
  twice.auto_train.clear();
  twice.out = dir + "/twice.model";
  ASSERT_TRUE(RunTrain("parser", twice).ok());
  EXPECT_TRUE(testing::ReadFileOrDie(same.out) == testing::ReadFileOrDie(twice.out));
  TrainOptions gold_only = same;
  gold_only.auto_train.clear();
  gold_only.out = dir + "/gold.model";
  ASSERT_TRUE(RunTrain("parser", gold_only).ok());
  EXPECT_FALSE(testing::ReadFileOrDie(same.out) == testing::ReadFileOrDie(gold_only.out));

  TrainOptions tagger = o;
  tagger.auto_train.clear();
  tagger.out = dir + "/tagger.model";
  ASSERT_TRUE(RunTrain("tagger", tagger).ok());
  TrainOptions retagged = o;
  retagged.tagger_model = tagger.out;
  retagged.jackknife_folds = 2;
  ExpectDeterministic("parser", retagged, dir);

  TrainOptions missing = o;
  missing.auto_train = {dir + "/no-such.conllu"};
  missing.out = dir + "/missing.model";
  EXPECT_FALSE(RunTrain("parser", missing).ok());
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
