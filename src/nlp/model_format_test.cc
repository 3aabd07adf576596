#include "nlp/model_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "base/testutil.h"
#include "nlp/lemmatizer.h"
#include "nlp/ner.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

namespace entente::nlp {
namespace {

ModelHeader Header(ModelKind kind, uint64_t fp) {
  ModelHeader h;
  h.kind = kind;
  h.fingerprint = fp;
  h.training_data = "test data";
  h.date = "2025-01-02";
  return h;
}

// The size budget of issue 5: the committed models together at most 30 MB, and no file of
// 8 MB or more (the repository's per-file limit).
TEST(ModelFormatTest, CommittedModelsFitTheSizeBudget) {
  namespace fs = std::filesystem;
  uintmax_t total = 0;
  int files = 0;
  for (const auto& e : fs::directory_iterator(testing::SourceDir() + "/models")) {
    if (!e.is_regular_file()) continue;
    EXPECT_LT(e.file_size(), 8'000'000u) << e.path();
    total += e.file_size();
    ++files;
  }
  EXPECT_GE(files, 6);  // tagger, lemmatizer, parser, parser-beam, parser-beam-r2l, ner
  EXPECT_LE(total, 30'000'000u);
}

TEST(ModelFormatTest, RoundTrip) {
  std::string bytes = EncodeModel(Header(ModelKind::kParser, 42), "payload");
  ModelHeader h;
  std::string p;
  ASSERT_TRUE(DecodeModel(bytes, "m", ModelKind::kParser, 42, &h, &p).ok());
  EXPECT_EQ(p, "payload");
  EXPECT_EQ(h.training_data, "test data");
  EXPECT_EQ(h.date, "2025-01-02");
  EXPECT_EQ(h.version, kModelFormatVersion);
}

TEST(ModelFormatTest, HeaderChecks) {
  const std::string good = EncodeModel(Header(ModelKind::kTagger, 7), "abc");
  ModelHeader h;
  std::string p;
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  Status s = DecodeModel(bad_magic, "m.model", ModelKind::kTagger, 7, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("m.model: not an entente nlp model"), std::string::npos);

  ModelHeader newer = Header(ModelKind::kTagger, 7);
  newer.version = kModelFormatVersion + 1;
  s = DecodeModel(EncodeModel(newer, "abc"), "m.model", ModelKind::kTagger, 7, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("version"), std::string::npos);

  s = DecodeModel(good, "m.model", ModelKind::kParser, 7, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("kind is 'tagger'"), std::string::npos) << s.message();

  s = DecodeModel(good, "m.model", ModelKind::kTagger, 8, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("fingerprint mismatch"), std::string::npos);

  s = DecodeModel(good.substr(0, good.size() - 3), "m.model", ModelKind::kTagger, 7, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);

  std::string flipped = good;
  flipped[flipped.size() - 9] ^= 1;  // last payload byte
  s = DecodeModel(flipped, "m.model", ModelKind::kTagger, 7, &h, &p);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("checksum"), std::string::npos);

  EXPECT_FALSE(DecodeModel("", "m", ModelKind::kTagger, 7, &h, &p).ok());
}

TEST(ModelFormatTest, LoadersRejectOtherKindsAndFingerprints) {
  // A valid (empty) parser model is refused by the tagger loader and vice versa.
  Parser parser;
  parser.labels = {"root", "dep"};
  parser.SetGroups({});
  parser.weights = SparseWeights::Build(parser.num_transitions(), {});
  parser.label_weights = SparseWeights::Build(parser.num_labels(), {});
  std::string pbytes = parser.Serialize(Header(ModelKind::kParser, Parser::Fingerprint()));
  ASSERT_TRUE(Parser::Load(pbytes, "p").ok());
  auto t = Tagger::Load(pbytes, "p");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("expected 'tagger'"), std::string::npos);
  // A parser model written with another template list.
  std::string other = parser.Serialize(Header(ModelKind::kParser, Parser::Fingerprint() + 1));
  auto p = Parser::Load(other, "p");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("fingerprint"), std::string::npos);
  // Fingerprints of the four extractors differ.
  EXPECT_NE(Tagger::Fingerprint(), Parser::Fingerprint());
  EXPECT_NE(EntityTagger::Fingerprint(), Lemmatizer::Fingerprint());
}

TEST(ModelFormatTest, FeatureCountsMatchTemplateLists) {
  std::vector<WordAtoms> atoms = {ComputeAtoms("The"), ComputeAtoms("cat"), ComputeAtoms("sat")};
  std::vector<uint64_t> tags = {1, 2, 3};
  uint64_t f[128];
  std::vector<uint32_t> gaz = {0, 4, 0};
  std::vector<uint64_t> cl = {3, WordClusters::kUnknown, 7};
  EXPECT_EQ(static_cast<size_t>(Tagger::Features(atoms, tags, cl, 1, 0, -1, f)), Tagger::kNumTemplates);
  EXPECT_EQ(static_cast<size_t>(EntityTagger::Features(atoms, tags, gaz, cl, 1, 0, -1, f)),
            EntityTagger::kNumTemplates);
  ParseState s;
  s.Init(3);
  EXPECT_EQ(static_cast<size_t>(Parser::Features(s, atoms, tags, cl, f)), Parser::kNumTemplates);
  s.stack = {0};
  s.b = 1;
  EXPECT_EQ(static_cast<size_t>(Parser::LabelFeatures(s, 1, 0, atoms, tags, cl, f)),
            Parser::kNumLabelTemplates);
}

TEST(ModelFormatTest, ParserLabelGroupsRoundTripAndConstrainTransitions) {
  Parser parser;
  parser.labels = {"amod", "dep", "nsubj", "root"};
  parser.root_label = 3;
  parser.SetGroups({2});  // root alone, nsubj alone, {amod, dep} shared
  ASSERT_EQ(parser.num_groups, 3);
  EXPECT_EQ(parser.num_transitions(), 7);
  EXPECT_EQ(parser.group_of[3], 0);
  EXPECT_EQ(parser.group_of[2], 1);
  EXPECT_EQ(parser.group_of[0], parser.group_of[1]);
  EXPECT_TRUE(parser.SingleLabel(1));
  EXPECT_EQ(parser.OnlyLabel(1), 2);
  EXPECT_FALSE(parser.SingleLabel(2));
  ParseState s;
  s.Init(2);
  EXPECT_TRUE(parser.Valid(s, Parser::kShift));
  for (int t = 1; t < parser.num_transitions(); ++t) EXPECT_FALSE(parser.Valid(s, t));  // empty stack
  parser.Apply(&s, Parser::kShift, 0);
  EXPECT_FALSE(parser.Valid(s, 1));  // LEFT-root only when the buffer holds just ROOT
  EXPECT_TRUE(parser.Valid(s, 2));   // LEFT-nsubj: word 0 <- word 1
  EXPECT_FALSE(parser.Valid(s, 5));  // RIGHT needs two stack words
  parser.Apply(&s, 2, 2);
  EXPECT_EQ(s.head[0], 1);
  EXPECT_EQ(s.label[0], 2);
  parser.Apply(&s, Parser::kShift, 0);
  EXPECT_TRUE(parser.Valid(s, 1));   // the root arc
  EXPECT_FALSE(parser.Valid(s, 2));
  parser.weights = SparseWeights::Build(parser.num_transitions(), {});
  parser.label_weights = SparseWeights::Build(parser.num_labels(), {});
  ModelHeader h;
  h.kind = ModelKind::kParser;
  h.fingerprint = Parser::Fingerprint();
  auto back = Parser::Load(parser.Serialize(h), "p");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back.value()->group_of, parser.group_of);
  EXPECT_EQ(back.value()->num_groups, 3);
  // An empty sentence parses to nothing; a two-word one to a tree with one root.
  std::vector<int> heads, labels;
  std::vector<WordAtoms> atoms = {ComputeAtoms("Kim"), ComputeAtoms("left")};
  back.value()->Parse(atoms, {1, 2}, &heads, &labels);
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ((heads[0] == -1) + (heads[1] == -1), 1);
}

TEST(ModelFormatTest, SparseWeightsScoreAndRoundTrip) {
  // Rows of up to three weights live in the slot, longer ones in the entry array (k % 9 >= 4
  // with 40 classes) or dense (7 classes). Weights are quantised: 16 bits, one scale.
  for (int nc : {7, 40}) {
    std::vector<SparseWeights::Row> rows;
    for (uint64_t k = 1; k <= 300; ++k) {
      SparseWeights::Row r{k * 0x9e3779b97f4a7c15ull | 1, {}};
      for (uint16_t c = 0; c < k % 9 && c < nc; ++c)
        r.entries.push_back({static_cast<uint16_t>((k + c) % nc), 0.5f * c - 1.25f});
      rows.push_back(r);
    }
    const std::vector<SparseWeights::Row> copy = rows;
    SparseWeights w = SparseWeights::Build(nc, rows);
    EXPECT_EQ(w.num_features(), 300u - 300u / 9) << nc;  // rows with k % 9 == 0 are empty
    for (const SparseWeights::Row& r : copy) {
      float want[40] = {0}, got[40] = {0};
      for (const WeightEntry& e : r.entries) want[e.cls] += e.w;
      w.Score(&r.key, 1, got);
      for (int c = 0; c < nc; ++c) EXPECT_NEAR(got[c], want[c], w.scale()) << r.key;
    }
    ByteWriter out;
    w.Serialize(&out);
    SparseWeights back;
    ByteReader in(out.bytes());
    ASSERT_TRUE(back.Deserialize(&in));
    EXPECT_TRUE(in.at_end());
    ByteWriter again;
    back.Serialize(&again);
    EXPECT_EQ(out.bytes(), again.bytes());
    // Truncated bytes are refused, not read past.
    SparseWeights cut;
    ByteReader short_in(std::string_view(out.bytes()).substr(0, out.bytes().size() - 3));
    EXPECT_FALSE(cut.Deserialize(&short_in));
  }
}

// Score over many features at once (more than one presence-bitmap chunk and lookup batch),
// half of them absent, in a table large enough for the huge-page allocator: the same sums as
// scoring each feature alone, in both the float and the integer form.
TEST(ModelFormatTest, SparseWeightsScoreLongFeatureListsOnALargeTable) {
  const int nc = 30;
  std::vector<SparseWeights::Row> rows;
  for (uint64_t k = 1; k <= 60000; ++k) {
    SparseWeights::Row r{k * 0x9e3779b97f4a7c15ull | 1, {}};
    const int len = k % 97 == 0 ? nc : static_cast<int>(k % 5) + 1;  // some dense rows
    for (int c = 0; c < len; ++c)
      r.entries.push_back({static_cast<uint16_t>((k + 7 * c) % nc), 0.25f * static_cast<float>(c % 7) - 0.5f});
    rows.push_back(r);
  }
  SparseWeights w = SparseWeights::Build(nc, rows);
  ASSERT_GT(w.num_features(), 50000u);
  for (size_t n : {0u, 1u, 255u, 256u, 257u, 700u}) {
    std::vector<uint64_t> feats;
    for (size_t i = 0; i < n; ++i)
      feats.push_back(i % 2 ? rows[(i * 7919) % rows.size()].key : (i + 1) * 0x51ed2701ull);  // odd: known
    std::vector<int32_t> want(nc, 0), got(nc, 0);
    for (uint64_t f : feats) w.ScoreRaw(&f, 1, want.data());
    w.ScoreRaw(feats.data(), feats.size(), got.data());
    EXPECT_EQ(got, want) << n;
    std::vector<float> fgot(nc, 0.0f);
    w.Score(feats.data(), feats.size(), fgot.data());
    for (int c = 0; c < nc; ++c)
      EXPECT_NEAR(fgot[c], static_cast<float>(want[c]) * w.scale(), 1e-3f * (1 + std::abs(want[c]) * w.scale()))
          << n << " class " << c;
  }
}

TEST(ModelFormatTest, SparseWeightsReadVersionOneFloats) {
  // The float layout of model format version 1 (entity-tagger models written before version 2
  // must keep loading): u32 classes, u64 rows, per row u64 key, u16 count, (u16 class, f32 w).
  ByteWriter v1;
  v1.U32(5);
  v1.U64(2);
  v1.U64(100);
  v1.U16(1);
  v1.U16(3);
  v1.F32(-2.0f);
  v1.U64(200);
  v1.U16(2);
  v1.U16(0);
  v1.F32(4.0f);
  v1.U16(4);
  v1.F32(0.5f);
  SparseWeights w;
  ByteReader in(v1.bytes());
  ASSERT_TRUE(w.Deserialize(&in));
  EXPECT_EQ(w.num_features(), 2u);
  uint64_t keys[2] = {100, 200};
  float got[5] = {0};
  w.Score(keys, 2, got);
  EXPECT_NEAR(got[3], -2.0f, w.scale());
  EXPECT_NEAR(got[0], 4.0f, w.scale());
  EXPECT_NEAR(got[4], 0.5f, w.scale());
  // A class (9) beyond the 5 declared is refused.
  SparseWeights bad;
  ByteWriter v1bad;
  v1bad.U32(5);
  v1bad.U64(1);
  v1bad.U64(100);
  v1bad.U16(1);
  v1bad.U16(9);
  v1bad.F32(1.0f);
  ByteReader bad_in(v1bad.bytes());
  EXPECT_FALSE(bad.Deserialize(&bad_in));
}

TEST(ModelFormatTest, SparseWeightsPrune) {
  std::vector<SparseWeights::Row> rows;
  for (uint64_t k = 1; k <= 300; ++k) {
    SparseWeights::Row r{k * 0x9e3779b97f4a7c15ull | 1, {}};
    for (uint16_t c = 0; c < k % 5; ++c) r.entries.push_back({static_cast<uint16_t>((k + c) % 7), 0.5f * c + 1});
    rows.push_back(r);
  }
  SparseWeights w = SparseWeights::Build(7, rows);
  EXPECT_EQ(w.num_features(), 240u);  // rows with k % 5 == 0 are empty
  uint64_t absent = 12345;
  float none[7] = {0};
  w.Score(&absent, 1, none);
  for (float x : none) EXPECT_EQ(x, 0.0f);
  // Pruning drops weights below the threshold (1.0 keeps all, 1.5 keeps 1.5 and up).
  EXPECT_EQ(w.Pruned(1.0f).num_entries(), w.num_entries());
  SparseWeights p = w.Pruned(1.5f);
  EXPECT_EQ(p.num_features(), 180u);  // rows with k % 5 >= 2
}

TEST(ModelFormatTest, ByteReaderIsBoundsChecked) {
  ByteWriter w;
  w.U32(1000);  // claims a 1000-byte string
  ByteReader r(w.bytes());
  EXPECT_EQ(r.Str(), "");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.U64(), 0u);
}

}  // namespace
}  // namespace entente::nlp
