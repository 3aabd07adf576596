#include "nlp/tagger.h"

#include <algorithm>

#include "nlp/hash.h"

namespace entente::nlp {

const char* const Tagger::kTemplates[] = {
    "bias", "w", "form", "suf1", "suf2", "suf3", "suf4", "pre1", "pre2", "pre3", "shape",
    "flags", "t-1", "t-2", "t-2,t-1", "t-1,w", "w-1", "w-2", "w+1", "w+2", "suf3-1",
    "suf3+1", "shape-1", "shape+1", "w-1,w", "w,w+1", "t-1,w+1", "t-1,suf3", "w-1,suf3",
    "shape-1,shape,shape+1", "first,shape", "flags-1,flags+1", "ac", "ac+1", "ac+2",
    "ac,ac+1", "t-1,ac", "ac+1,w", "ac-1,ac", "t-1,ac,ac+1", "w-1,w+1",
    "c", "c-1", "c+1", "c-1,c", "c,c+1", "t-1,c", "c,suf3",
};
const size_t Tagger::kNumTemplates = sizeof(kTemplates) / sizeof(kTemplates[0]);

uint64_t Tagger::Fingerprint() { return TemplateFingerprint(kTemplates, kNumTemplates); }

void Tagger::AmbiguityClasses(const std::vector<WordAtoms>& atoms,
                              std::vector<uint64_t>* out) const {
  out->resize(atoms.size());
  for (size_t i = 0; i < atoms.size(); ++i) {
    auto it = ambiguity.find(atoms[i].norm);
    (*out)[i] = it == ambiguity.end() ? 0 : it->second;
  }
}

namespace {

// Template ids: positions in Tagger::kTemplates (each id is part of its features' hash keys).
enum Template : uint64_t {
  kBias, kW, kForm, kSuf1, kSuf2, kSuf3, kSuf4, kPre1, kPre2, kPre3, kShape, kFlags,
  kT1, kT2, kT2T1, kT1W, kWm1, kWm2, kWp1, kWp2, kSuf3m1, kSuf3p1, kShapem1, kShapep1,
  kWm1W, kWWp1, kT1Wp1, kT1Suf3, kWm1Suf3, kShapes3, kFirstShape, kFlagsAround, kAc, kAcp1,
  kAcp2, kAcAcp1, kT1Ac, kAcp1W, kAcm1Ac, kT1AcAcp1, kWm1Wp1, kC, kCm1, kCp1, kCm1C, kCCp1,
  kT1C, kCSuf3, kTemplateCount
};
static_assert(kTemplateCount == sizeof(Tagger::kTemplates) / sizeof(Tagger::kTemplates[0]));

// The sentence around word i, with the start/end atoms outside it.
struct Around {
  const std::vector<WordAtoms>& atoms;
  const std::vector<uint64_t>& ac;
  const std::vector<uint64_t>& cl;
  int n;
  const WordAtoms& at(int j) const { return j < 0 ? StartAtoms() : (j >= n ? EndAtoms() : atoms[j]); }
  uint64_t A(int j) const { return j < 0 ? 1 : (j >= n ? 2 : ac[j]); }         // ambiguity class
  uint64_t K(int j) const { return j < 0 ? 0x10001 : (j >= n ? 0x10002 : cl[j]); }  // cluster
};

}  // namespace

int Tagger::WordFeatures(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                         const std::vector<uint64_t>& cl, int i, uint64_t* f) {
  const Around x{atoms, ac, cl, static_cast<int>(atoms.size())};
  const WordAtoms& w = atoms[i];
  const WordAtoms& m1 = x.at(i - 1);
  const WordAtoms& p1 = x.at(i + 1);
  int k = 0;
  f[k++] = Feat(kBias, 0);
  f[k++] = Feat(kW, w.norm);
  f[k++] = Feat(kForm, w.form);
  for (int j = 0; j < 4; ++j) f[k++] = Feat(kSuf1 + j, w.suf[j]);
  for (int j = 0; j < 3; ++j) f[k++] = Feat(kPre1 + j, w.pre[j]);
  f[k++] = Feat(kShape, w.shape);
  f[k++] = Feat(kFlags, w.flags);
  f[k++] = Feat(kWm1, m1.norm);
  f[k++] = Feat(kWm2, x.at(i - 2).norm);
  f[k++] = Feat(kWp1, p1.norm);
  f[k++] = Feat(kWp2, x.at(i + 2).norm);
  f[k++] = Feat(kSuf3m1, m1.suf[2]);
  f[k++] = Feat(kSuf3p1, p1.suf[2]);
  f[k++] = Feat(kShapem1, m1.shape);
  f[k++] = Feat(kShapep1, p1.shape);
  f[k++] = Feat(kWm1W, m1.norm, w.norm);
  f[k++] = Feat(kWWp1, w.norm, p1.norm);
  f[k++] = Feat(kWm1Suf3, m1.norm, w.suf[2]);
  f[k++] = Feat(kShapes3, m1.shape, w.shape, p1.shape);
  f[k++] = Feat(kFirstShape, i == 0, w.shape);
  f[k++] = Feat(kFlagsAround, m1.flags, p1.flags);
  const uint64_t a0 = x.A(i), a1 = x.A(i + 1);
  f[k++] = Feat(kAc, a0);
  f[k++] = Feat(kAcp1, a1);
  f[k++] = Feat(kAcp2, x.A(i + 2));
  f[k++] = Feat(kAcAcp1, a0, a1);
  f[k++] = Feat(kAcp1W, a1, w.norm);
  f[k++] = Feat(kAcm1Ac, x.A(i - 1), a0);
  f[k++] = Feat(kWm1Wp1, m1.norm, p1.norm);
  const uint64_t c0 = x.K(i), cm1 = x.K(i - 1), cp1 = x.K(i + 1);
  f[k++] = Feat(kC, c0);
  f[k++] = Feat(kCm1, cm1);
  f[k++] = Feat(kCp1, cp1);
  f[k++] = Feat(kCm1C, cm1, c0);
  f[k++] = Feat(kCCp1, c0, cp1);
  f[k++] = Feat(kCSuf3, c0, w.suf[2]);
  return k;
}

int Tagger::TagFeatures(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                        const std::vector<uint64_t>& cl, int i, int prev1, int prev2, uint64_t* f) {
  const Around x{atoms, ac, cl, static_cast<int>(atoms.size())};
  const WordAtoms& w = atoms[i];
  const uint64_t t1 = static_cast<uint64_t>(prev1 + 2), t2 = static_cast<uint64_t>(prev2 + 2);
  const uint64_t a0 = x.A(i);
  int k = 0;
  f[k++] = Feat(kT1, t1);
  f[k++] = Feat(kT2, t2);
  f[k++] = Feat(kT2T1, t2, t1);
  f[k++] = Feat(kT1W, t1, w.norm);
  f[k++] = Feat(kT1Wp1, t1, x.at(i + 1).norm);
  f[k++] = Feat(kT1Suf3, t1, w.suf[2]);
  f[k++] = Feat(kT1Ac, t1, a0);
  f[k++] = Feat(kT1AcAcp1, t1, a0, x.A(i + 1));
  f[k++] = Feat(kT1C, t1, x.K(i));
  return k;
}

int Tagger::Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& ac,
                     const std::vector<uint64_t>& cl, int i, int prev1, int prev2,
                     uint64_t* f) {
  const int k = WordFeatures(atoms, ac, cl, i, f);
  return k + TagFeatures(atoms, ac, cl, i, prev1, prev2, f + k);
}

void Tagger::Tag(const std::vector<WordAtoms>& atoms, std::vector<int>* out) const {
  const int n = static_cast<int>(atoms.size());
  out->assign(n, 0);
  // Raw integer sums (ScoreRaw): exact, so the argmax is that of the exact weighted sum.
  thread_local std::vector<int32_t> scores;  // reused across calls: no allocation per sentence
  thread_local std::vector<uint64_t> ac, cl;
  thread_local std::vector<int> known;  // tag dictionary entry per word, -1 when none
  scores.resize(tags.size());
  uint64_t feats[kMaxFeatures];
  AmbiguityClasses(atoms, &ac);
  clusters.LookupAll(atoms, &cl);
  known.resize(n);
  for (int i = 0; i < n; ++i) {
    auto it = tagdict.find(atoms[i].form);
    known[i] = it == tagdict.end() ? -1 : it->second;
  }
  int p1 = -1, p2 = -1;
  uint64_t next[kMaxFeatures];
  int next_words = -1;  // WordFeatures of word i held in `next`, else -1
  for (int i = 0; i < n; ++i) {
    int best = 0;
    int words = next_words;
    if (words >= 0) std::copy(next, next + words, feats);
    next_words = -1;
    // Prefetch the next word's rows while this one is scored (only its word features: the
    // previous-tag ones are not known yet), and keep them for its turn.
    if (i + 1 < n && known[i + 1] < 0) {
      next_words = WordFeatures(atoms, ac, cl, i + 1, next);
      weights.Prefetch(next, next_words);
    }
    if (known[i] >= 0) {
      best = known[i];
    } else {
      if (words < 0) words = WordFeatures(atoms, ac, cl, i, feats);
      const int nf = words + TagFeatures(atoms, ac, cl, i, p1, p2, feats + words);
      std::fill(scores.begin(), scores.end(), 0);
      weights.ScoreRaw(feats, nf, scores.data());
      best = ArgMaxFirst(scores.data(), static_cast<int>(scores.size()));
    }
    (*out)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

std::string Tagger::Serialize(const ModelHeader& header) const {
  ByteWriter w;
  w.U32(static_cast<uint32_t>(tags.size()));
  for (const TagName& t : tags) {
    w.Str(t.xpos);
    w.Str(t.upos);
  }
  std::vector<std::pair<uint64_t, int>> dict(tagdict.begin(), tagdict.end());
  std::sort(dict.begin(), dict.end());
  w.U64(dict.size());
  for (const auto& [k, v] : dict) {
    w.U64(k);
    w.U16(static_cast<uint16_t>(v));
  }
  std::vector<std::pair<uint64_t, uint64_t>> amb(ambiguity.begin(), ambiguity.end());
  std::sort(amb.begin(), amb.end());
  w.U64(amb.size());
  for (const auto& [k, v] : amb) {
    w.U64(k);
    w.U64(v);
  }
  weights.Serialize(&w);
  clusters.Serialize(&w);
  return EncodeModel(header, w.bytes());
}

Result<std::unique_ptr<Tagger>> Tagger::Load(std::string_view bytes, const std::string& name) {
  ModelHeader header;
  std::string payload;
  ENTENTE_RETURN_IF_ERROR(
      DecodeModel(bytes, name, ModelKind::kTagger, Fingerprint(), &header, &payload));
  auto t = std::make_unique<Tagger>();
  ByteReader r(payload);
  uint32_t ntags = r.U32();
  if (!r.Plausible(ntags, 8) || ntags == 0 || ntags > 65535)
    return Status::Corruption(name + ": bad tag table");
  for (uint32_t i = 0; i < ntags; ++i) {
    TagName tn;
    tn.xpos = r.Str();
    tn.upos = r.Str();
    t->tags.push_back(std::move(tn));
  }
  uint64_t nd = r.U64();
  if (!r.Plausible(nd, 10)) return Status::Corruption(name + ": bad tag dictionary");
  for (uint64_t i = 0; i < nd; ++i) {
    uint64_t k = r.U64();
    uint16_t v = r.U16();
    if (v >= ntags) return Status::Corruption(name + ": tag dictionary entry out of range");
    t->tagdict[k] = v;
  }
  uint64_t na = r.U64();
  if (!r.Plausible(na, 16)) return Status::Corruption(name + ": bad ambiguity classes");
  for (uint64_t i = 0; i < na; ++i) {
    uint64_t k = r.U64();
    t->ambiguity[k] = r.U64();
  }
  if (!t->weights.Deserialize(&r) || t->weights.num_classes() != static_cast<int>(ntags) ||
      !t->clusters.Deserialize(&r) || !r.at_end())
    return Status::Corruption(name + ": malformed tagger weights");
  return t;
}

}  // namespace entente::nlp
