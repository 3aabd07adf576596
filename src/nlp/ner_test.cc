// Tests of the entity tagger's decoder: history features shared by B-X and I-X, Viterbi (float
// and integer scores) equal to an exhaustive search over every valid BIO sequence, Tag's
// integer scoring giving the labels of float scoring on PUD and EWT, the retyping of known
// names after decoding, name files read without posts and sector codes, and `train hot` (which
// now covers the entity tagger) changing nothing in the models but their hot orders.
#include "nlp/ner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "base/testutil.h"
#include "nlp/hash.h"
#include "nlp/ner_data.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/train.h"

namespace entente::nlp {
namespace {

struct Sentence {
  std::vector<WordAtoms> atoms;
  std::vector<uint64_t> tags;
  NerInput in;
};

void Fill(const std::vector<std::string>& words, const EntityTagger& e, Sentence* s) {
  for (const std::string& w : words) {
    s->atoms.push_back(ComputeAtoms(w));
    s->tags.push_back(HashString(w[0] >= 'A' && w[0] <= 'Z' ? "NNP" : "NN"));
  }
  e.Prepare(s->atoms, s->tags, &s->in);
}

TEST(NerTest, BAndIOfOneTypeShareHistoryFeatures) {
  EntityTagger e;
  Sentence s;
  Fill({"Mr", "John", "Smith", "visited", "New", "York"}, e, &s);
  uint64_t a[EntityTagger::kMaxFeatures], b[EntityTagger::kMaxFeatures];
  for (const char* type : {"PER", "ORG", "LOC"}) {
    const int bi = EntityTagger::LabelIndex(std::string("B-") + type);
    const int ii = EntityTagger::LabelIndex(std::string("I-") + type);
    EXPECT_EQ(EntityTagger::HistoryGroup(bi), EntityTagger::HistoryGroup(ii));
    const int na = EntityTagger::HistoryFeatures(s.in, 2, bi, a);
    const int nb = EntityTagger::HistoryFeatures(s.in, 2, ii, b);
    ASSERT_EQ(na, nb);
    EXPECT_TRUE(std::equal(a, a + na, b)) << type;
  }
  // Different types, O and the sentence start are told apart.
  std::vector<int> groups;
  for (int prev = -1; prev < EntityTagger::kNumLabels; ++prev)
    groups.push_back(EntityTagger::HistoryGroup(prev));
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  EXPECT_EQ(static_cast<int>(groups.size()), EntityTagger::kNumHistoryGroups);
  EXPECT_EQ(EntityTagger::StaticFeatures(s.in, 0, a) + EntityTagger::HistoryFeatures(s.in, 0, -1, b),
            static_cast<int>(EntityTagger::kNumTemplates));
}

// A deterministic pseudo-random score per (feature, class), so that the history features of
// different groups score differently.
float FeatureScore(uint64_t f, int c) {
  const uint64_t h = Mix(f, static_cast<uint64_t>(c) + 17);
  return static_cast<float>(h % 2001) / 1000.0f - 1.0f;
}

// Sum of weight(feature, label) over every static and history feature of `path`.
template <typename T, typename Weight>
T PathScore(const NerInput& in, const std::vector<int>& path, Weight weight) {
  uint64_t f[EntityTagger::kMaxFeatures];
  T total = 0;
  for (int i = 0; i < in.size(); ++i) {
    int n = EntityTagger::StaticFeatures(in, i, f);
    for (int k = 0; k < n; ++k) total += weight(f[k], path[i]);
    n = EntityTagger::HistoryFeatures(in, i, i == 0 ? -1 : path[i - 1], f);
    for (int k = 0; k < n; ++k) total += weight(f[k], path[i]);
  }
  return total;
}

// Calls visit(path) for every label sequence of length n that Allowed accepts (exhaustive).
template <typename Visit>
void ForEachValidPath(int n, Visit visit) {
  std::vector<int> path(n, 0);
  int total = 1;
  for (int i = 0; i < n; ++i) total *= EntityTagger::kNumLabels;
  for (int code = 0; code < total; ++code) {
    int x = code;
    bool valid = true;
    for (int i = 0; i < n; ++i) {
      path[i] = x % EntityTagger::kNumLabels;
      x /= EntityTagger::kNumLabels;
      valid = valid && EntityTagger::Allowed(i == 0 ? -1 : path[i - 1], path[i]);
    }
    if (valid) visit(path);
  }
}

TEST(NerTest, DecodeFindsTheBestValidSequenceAndScoresEachGroupOnce) {
  EntityTagger e;
  Sentence s;
  Fill({"Talks", "in", "Addis", "Ababa", "ended"}, e, &s);
  const int n = s.in.size();
  int calls = 0;
  auto score = [&calls](const uint64_t* f, int k, float* out) {
    ++calls;
    for (int j = 0; j < k; ++j)
      for (int c = 0; c < EntityTagger::kNumLabels; ++c) out[c] += FeatureScore(f[j], c);
  };
  std::vector<int> got;
  EntityTagger::Decode(s.in, score, nullptr, &got);
  // Per word one static call and at most one per history group reached (start; O, PER, ORG, LOC).
  EXPECT_LE(calls, n * (1 + EntityTagger::kNumHistoryGroups - 1));
  EXPECT_GE(calls, 2 * n);
  // Exhaustive search over all valid sequences.
  std::vector<int> best;
  float best_score = -1e30f;
  ForEachValidPath(n, [&](const std::vector<int>& path) {
    const float v = PathScore<float>(s.in, path, FeatureScore);
    if (v > best_score) best_score = v, best = path;
  });
  EXPECT_EQ(got, best);
  EXPECT_NEAR(PathScore<float>(s.in, got, FeatureScore), best_score, 1e-3);
}

// The integer path (Acc = int32_t, int64_t path sums) finds the best valid sequence too.
TEST(NerTest, IntegerDecodeFindsTheBestValidSequence) {
  EntityTagger e;
  Sentence s;
  Fill({"Kofi", "Annan", "met", "the", "UN", "council"}, e, &s);
  const int n = s.in.size();
  auto weight = [](uint64_t f, int c) {
    return static_cast<int32_t>(std::lround(FeatureScore(f, c) * 30000));
  };
  auto score = [&weight](const uint64_t* f, int k, int32_t* out) {
    for (int j = 0; j < k; ++j)
      for (int c = 0; c < EntityTagger::kNumLabels; ++c) out[c] += weight(f[j], c);
  };
  std::vector<int> got;
  EntityTagger::Decode<int32_t>(s.in, score, nullptr, &got);
  int64_t best_score = std::numeric_limits<int64_t>::min();
  ForEachValidPath(n, [&](const std::vector<int>& path) {
    best_score = std::max(best_score, PathScore<int64_t>(s.in, path, weight));
  });
  ASSERT_EQ(static_cast<int>(got.size()), n);
  for (int i = 0; i < n; ++i) EXPECT_TRUE(EntityTagger::Allowed(i == 0 ? -1 : got[i - 1], got[i]));
  EXPECT_EQ(PathScore<int64_t>(s.in, got, weight), best_score);
}

std::vector<int> Classes(const std::vector<std::string>& labels) {
  std::vector<int> out;
  for (const std::string& l : labels) out.push_back(EntityTagger::LabelIndex(l));
  return out;
}

std::vector<WordAtoms> AtomsOfWords(const std::vector<std::string>& words) {
  std::vector<WordAtoms> atoms;
  for (const std::string& w : words) atoms.push_back(ComputeAtoms(w));
  return atoms;
}

// A found entity that is exactly a known name of one type takes that type; its span, entities
// that are not known names, names of two types and demonyms are left alone.
TEST(NerTest, RetypeKnownNamesGivesExactNamesTheirKnownType) {
  EntityTagger e;
  e.names.Add("Kremlin", NameList::kOrg);
  e.names.Add("Addis Ababa", NameList::kLoc);
  e.names.Add("Kofi Annan", NameList::kPer);
  e.names.Add("Lagos", NameList::kLoc);
  e.names.Add("Lagos", NameList::kPer);
  e.names.Add("Luxembourg", NameList::kLoc);
  e.names.Add("Luxembourg", NameList::kDemonym);
  e.names.Add("American", NameList::kDemonym);
  const auto atoms = AtomsOfWords({"The", "Kremlin", "told", "kofi", "annan", "in", "Addis",
                                   "Ababa", "Lagos", "Luxembourg", "American", "Annan"});
  std::vector<int> labels = Classes({"O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "B-PER", "I-PER",
                                     "B-ORG", "B-PER", "B-LOC", "B-LOC"});
  e.RetypeKnownNames(atoms, &labels);
  EXPECT_EQ(labels, Classes({"O", "B-ORG", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC",
                             "B-ORG",    // PER and LOC: ambiguous, kept
                             "B-LOC",    // LOC and a demonym: LOC
                             "B-LOC",    // a demonym only: kept (the model's call)
                             "B-LOC"})); // a part of a known name only: kept
  // A span longer or shorter than the name keeps its type; adjacent entities stay apart.
  const auto atoms2 = AtomsOfWords({"Kremlin", "Palace", "Addis", "Kremlin"});
  labels = Classes({"B-LOC", "I-LOC", "B-PER", "B-LOC"});
  e.RetypeKnownNames(atoms2, &labels);
  EXPECT_EQ(labels, Classes({"B-LOC", "I-LOC", "B-PER", "B-ORG"}));
}

// The names ReadNameFile reads from a knowledge file holding `text` (written to a temporary
// file called `file`).
NameList ReadNamesFromText(const std::string& file, const std::string& text) {
  const std::string path = testing::TempDir() + "/" + file;
  {
    std::ofstream f(path);
    f << text;
  }
  NameList names;
  Status st = ReadNameFile(path, &names);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return names;
}

// Titles ("title = prime minister : head_of_government") and metonyms ("metonym = Kremlin :
// GOV") are read without their post or sector code.
TEST(NerTest, NameFilesDropPostsAndSectorCodes) {
  const NameList names = ReadNamesFromText(
      "ner_names_tags.txt",
      "[state RUS]\nname = Russia\nmetonym = Kremlin : GOV | State Duma : LEG\n"
      "[agent GOV]\nname = government\ntitle = prime minister : head_of_government\n"
      "noun = ministry\n");
  const auto atoms = AtomsOfWords({"Kremlin", "State", "Duma", "prime", "minister", "ministry"});
  std::vector<uint32_t> marks;
  names.Mark(atoms, &marks);
  EXPECT_EQ(names.TypesOf(atoms, 0, 1), NameList::kOrg);
  EXPECT_EQ(names.TypesOf(atoms, 1, 3), NameList::kOrg);
  EXPECT_EQ(names.TypesOf(atoms, 3, 5), NameList::kTitle);
  EXPECT_EQ(names.TypesOf(atoms, 5, 6), NameList::kTitle);
  EXPECT_EQ(names.TypesOf(atoms, 2, 4), 0);
  EXPECT_EQ(marks[3] & 0xFF, NameList::kTitle);
  // Russia, Kremlin, State Duma, prime minister, ministry (an agent's `name` is no title).
  EXPECT_EQ(names.size(), 5u);
}

// Any state field may end in a validity interval ("Soviet Union ..1991-12-25"); the name list
// holds the name without it.
TEST(NerTest, NameFilesDropDateIntervalsFromEveryStateField) {
  const NameList names = ReadNamesFromText(
      "ner_names_dates.txt",
      "[state SUN]\nname = Soviet Union ..1991-12-25\nalias = USSR ..1991-12-25 | "
      "U.S.S.R. ..1991-12-25\nadjective = Soviet ..1991-12-25\n"
      "[state AFG]\nhistorical = Islamic Republic of Afghanistan 2004-01-26..2021-08-15\n");
  const auto atoms = AtomsOfWords({"Soviet", "Union", "USSR", "Soviet", "Islamic", "Republic",
                                   "of", "Afghanistan"});
  EXPECT_EQ(names.TypesOf(atoms, 0, 2), NameList::kLoc);
  EXPECT_EQ(names.TypesOf(atoms, 2, 3), NameList::kLoc);
  EXPECT_EQ(names.TypesOf(atoms, 3, 4), NameList::kDemonym);
  EXPECT_EQ(names.TypesOf(atoms, 4, 8), NameList::kLoc);
  EXPECT_EQ(names.size(), 5u);
}

// Our own annotations (data/ner/*.entities) read against their texts beside the repository:
// every sentence id exists, every range fits its sentence, and the three types all occur.
TEST(NerTest, OwnAnnotationsReadAgainstTheirTexts) {
  ENTENTE_REQUIRE_SHARED(data);
  struct File { const char* name; size_t sentences; int per, org, loc; };
  for (const File& f : {File{"ewt-train", 6712, 2000, 1000, 2000},
                        File{"crossner-train", 200, 300, 300, 300},
                        File{"crossner-dev", 541, 500, 1000, 500},
                        File{"crossner-test", 651, 500, 1000, 1000},
                        File{"gum", 1659, 700, 700, 700}}) {
    auto r = ReadEntitySpans(testing::SourceDir() + "/data/ner/" + f.name + ".entities");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r.value().size(), f.sentences) << f.name;
    std::map<std::string, int> begins;
    for (const NerSentence& s : r.value()) {
      ASSERT_EQ(s.words.size(), s.tags.size());
      for (const std::string& t : s.tags)
        if (t[0] == 'B') begins[t.substr(2)]++;
    }
    EXPECT_GT(begins["PER"], f.per) << f.name;
    EXPECT_GT(begins["ORG"], f.org) << f.name;
    EXPECT_GT(begins["LOC"], f.loc) << f.name;
  }
}

// The gazetteer list generated from CountryInfo (scripts/countryinfo-names.py) reads cleanly and
// holds both types.
TEST(NerTest, CountryInfoNameListReads) {
  NameList names;
  Status st = ReadNameFile(testing::SourceDir() + "/data/ner/countryinfo.names", &names);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GT(names.size(), 19000u);
  std::vector<WordAtoms> atoms = {ComputeAtoms("Addis"), ComputeAtoms("Ababa")};
  EXPECT_EQ(names.TypesOf(atoms, 0, 2) & NameList::kLoc, NameList::kLoc);
}

// Tag scores in integers (ScoreRaw, through the hot index); the committed model must label
// every token as float scoring (Score, the large table only) does, on UNER PUD and EWT with
// the committed tagger's tags (as the Annotator feeds it).
TEST(NerTest, IntegerTagEqualsFloatScoringOnPudAndEwt) {
  ENTENTE_REQUIRE_SHARED(data);
  auto tb = ReadFileBytes(testing::SourceDir() + "/models/tagger.model");
  auto eb = ReadFileBytes(testing::SourceDir() + "/models/ner.model");
  ASSERT_TRUE(tb.ok() && eb.ok());
  auto tagger = Tagger::Load(tb.value(), "tagger.model");
  auto ner = EntityTagger::Load(eb.value(), "ner.model");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  ASSERT_TRUE(ner.ok()) << ner.status().ToString();
  const EntityTagger& e = *ner.value();
  std::vector<uint64_t> xpos_hash;
  for (const Tagger::TagName& t : tagger.value()->tags) xpos_hash.push_back(HashString(t.xpos));
  size_t words = 0, entity_words = 0;
  for (const char* file : {"/ner-uner/English-PUD/en_pud-ud-test.iob2",
                           "/ner-uner/English-EWT/en_ewt-ud-dev.iob2",
                           "/ner-uner/English-EWT/en_ewt-ud-test.iob2"}) {
    auto sents = ReadNerFile(data + file);
    ASSERT_TRUE(sents.ok()) << sents.status().ToString();
    size_t line = 0;
    for (const NerSentence& ns : sents.value()) {
      ++line;
      std::vector<WordAtoms> atoms;
      for (const std::string& w : ns.words) atoms.push_back(ComputeAtoms(w));
      std::vector<int> tags, got, want;
      tagger.value()->Tag(atoms, &tags);
      std::vector<uint64_t> hashes;
      for (int t : tags) hashes.push_back(xpos_hash[t]);
      e.Tag(atoms, hashes, &got);
      NerInput in;
      e.Prepare(atoms, hashes, &in);
      EntityTagger::Decode(
          in, [&e](const uint64_t* f, int k, float* sc) { e.weights.Score(f, k, sc); }, nullptr,
          &want);
      e.RetypeKnownNames(atoms, &want);
      ASSERT_EQ(got, want) << file << " sentence " << line;
      words += got.size();
      for (int c : got) entity_words += c != 0;
    }
  }
  EXPECT_GT(words, 50000u);
  EXPECT_GT(entity_words, 3000u);
}

// The bytes of a tagger, parser or entity-tagger model file with every hot order cleared.
std::string WithoutHotOrders(const std::string& bytes, ModelKind kind) {
  ModelHeader h;
  std::string payload;
  if (kind == ModelKind::kTagger) {
    auto m = Tagger::Load(bytes, "tagger.model");
    EXPECT_TRUE(m.ok() && DecodeModel(bytes, "t", kind, Tagger::Fingerprint(), &h, &payload).ok());
    if (!m.ok()) return "";
    m.value()->weights.SetHotOrder({});
    return m.value()->Serialize(h);
  }
  if (kind == ModelKind::kParser) {
    auto m = Parser::Load(bytes, "parser.model");
    EXPECT_TRUE(m.ok() && DecodeModel(bytes, "p", kind, Parser::Fingerprint(), &h, &payload).ok());
    if (!m.ok()) return "";
    m.value()->weights.SetHotOrder({});
    m.value()->label_weights.SetHotOrder({});
    return m.value()->Serialize(h);
  }
  auto m = EntityTagger::Load(bytes, "ner.model");
  EXPECT_TRUE(m.ok() && DecodeModel(bytes, "e", kind, EntityTagger::Fingerprint(), &h, &payload).ok());
  if (!m.ok()) return "";
  m.value()->weights.SetHotOrder({});
  return m.value()->Serialize(h);
}

// `train hot` on a copy of the committed models, profiled on a slice of EWT dev: each model
// gets a hot order (the entity tagger's included), nothing else in any file changes, and a
// second run on the same inputs gives the same bytes.
TEST(NerTest, TrainHotChangesOnlyTheHotOrdersOfTheThreeModels) {
  ENTENTE_REQUIRE_SHARED(data);
  const std::string dir = testing::TempDir();
  const std::pair<const char*, ModelKind> models[] = {{"tagger.model", ModelKind::kTagger},
                                                      {"parser.model", ModelKind::kParser},
                                                      {"ner.model", ModelKind::kNer}};
  std::vector<std::string> before;
  for (const auto& [file, kind] : models) {
    auto b = ReadFileBytes(testing::SourceDir() + "/models/" + file);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ASSERT_TRUE(WriteFileBytes(dir + "/" + file, b.value()).ok());
    before.push_back(b.value());
  }
  TrainOptions o;
  o.train = {data + "/ud-english-ewt/en_ewt-ud-dev.conllu"};
  o.max_sentences = 100;
  o.out = dir;
  std::vector<std::string> first;
  for (int run = 0; run < 2; ++run) {
    const Status st = RunTrain("hot", o);
    ASSERT_TRUE(st.ok()) << st.ToString();
    for (size_t m = 0; m < 3; ++m) {
      auto b = ReadFileBytes(dir + "/" + models[m].first);
      ASSERT_TRUE(b.ok()) << b.status().ToString();
      if (run == 1) {
        EXPECT_EQ(b.value(), first[m]) << models[m].first << ": second run differs";
        continue;
      }
      first.push_back(b.value());
      EXPECT_NE(b.value(), before[m]) << models[m].first << ": hot order from other data";
      EXPECT_EQ(WithoutHotOrders(b.value(), models[m].second),
                WithoutHotOrders(before[m], models[m].second))
          << models[m].first;
    }
  }
  auto e = EntityTagger::Load(first[2], "ner.model");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_GT(e.value()->weights.hot_order_size(), 1000u);
  EXPECT_LE(e.value()->weights.hot_order_size(), SparseWeights::kMaxHotOrder);
}

}  // namespace
}  // namespace entente::nlp
