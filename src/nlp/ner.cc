#include "nlp/ner.h"

#include <algorithm>
#include <limits>

#include "nlp/hash.h"

namespace entente::nlp {

const char* const EntityTagger::kTemplates[] = {
    "bias", "w", "form", "suf2", "suf3", "suf4", "pre2", "pre3", "shape", "flags",
    "w-1", "w+1", "w-2", "w+2", "form-1", "form+1", "shape-1", "shape+1", "shape-1,shape",
    "shape,shape+1", "p", "p-1", "p+1", "p-1,p", "p,p+1", "t-1", "t-2,t-1", "t-1,w",
    "t-1,shape", "t-1,p", "w-1,w", "w,w+1", "first,shape", "suf3-1", "flags,flags+1",
    "flags-1,flags", "w-1,shape", "shape,w+1", "p,w", "p-2", "p+2",
};
const size_t EntityTagger::kNumTemplates = sizeof(kTemplates) / sizeof(kTemplates[0]);
uint64_t EntityTagger::Fingerprint() { return TemplateFingerprint(kTemplates, kNumTemplates); }

const std::vector<std::string>& EntityTagger::Labels() {
  static const std::vector<std::string> k = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};
  return k;
}

int EntityTagger::LabelIndex(std::string_view label) {
  const auto& l = Labels();
  for (size_t i = 0; i < l.size(); ++i)
    if (l[i] == label) return static_cast<int>(i);
  return -1;
}

bool EntityTagger::Allowed(int prev, int cur) {
  if (cur == 0 || cur % 2 == 1) return true;  // O or B-X
  return prev == cur - 1 || prev == cur;      // I-X after B-X or I-X
}

int EntityTagger::Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           int i, int prev1, int prev2, uint64_t* f) {
  const int n = static_cast<int>(atoms.size());
  auto at = [&](int j) -> const WordAtoms& {
    return j < 0 ? StartAtoms() : (j >= n ? EndAtoms() : atoms[j]);
  };
  auto P = [&](int j) -> uint64_t { return j < 0 ? 1 : (j >= n ? 2 : tags[j]); };
  const WordAtoms& w = atoms[i];
  const WordAtoms& m1 = at(i - 1);
  const WordAtoms& m2 = at(i - 2);
  const WordAtoms& p1 = at(i + 1);
  const WordAtoms& p2 = at(i + 2);
  const uint64_t t1 = static_cast<uint64_t>(prev1 + 2), t2 = static_cast<uint64_t>(prev2 + 2);
  int k = 0, t = 0;
  f[k++] = Feat(t++, 0);
  f[k++] = Feat(t++, w.norm);
  f[k++] = Feat(t++, w.form);
  f[k++] = Feat(t++, w.suf[1]);
  f[k++] = Feat(t++, w.suf[2]);
  f[k++] = Feat(t++, w.suf[3]);
  f[k++] = Feat(t++, w.pre[1]);
  f[k++] = Feat(t++, w.pre[2]);
  f[k++] = Feat(t++, w.shape);
  f[k++] = Feat(t++, w.flags);
  f[k++] = Feat(t++, m1.norm);
  f[k++] = Feat(t++, p1.norm);
  f[k++] = Feat(t++, m2.norm);
  f[k++] = Feat(t++, p2.norm);
  f[k++] = Feat(t++, m1.form);
  f[k++] = Feat(t++, p1.form);
  f[k++] = Feat(t++, m1.shape);
  f[k++] = Feat(t++, p1.shape);
  f[k++] = Feat(t++, m1.shape, w.shape);
  f[k++] = Feat(t++, w.shape, p1.shape);
  f[k++] = Feat(t++, P(i));
  f[k++] = Feat(t++, P(i - 1));
  f[k++] = Feat(t++, P(i + 1));
  f[k++] = Feat(t++, P(i - 1), P(i));
  f[k++] = Feat(t++, P(i), P(i + 1));
  f[k++] = Feat(t++, t1);
  f[k++] = Feat(t++, t2, t1);
  f[k++] = Feat(t++, t1, w.norm);
  f[k++] = Feat(t++, t1, w.shape);
  f[k++] = Feat(t++, t1, P(i));
  f[k++] = Feat(t++, m1.norm, w.norm);
  f[k++] = Feat(t++, w.norm, p1.norm);
  f[k++] = Feat(t++, i == 0, w.shape);
  f[k++] = Feat(t++, m1.suf[2]);
  f[k++] = Feat(t++, w.flags, p1.flags);
  f[k++] = Feat(t++, m1.flags, w.flags);
  f[k++] = Feat(t++, m1.norm, w.shape);
  f[k++] = Feat(t++, w.shape, p1.norm);
  f[k++] = Feat(t++, P(i), w.norm);
  f[k++] = Feat(t++, P(i - 2));
  f[k++] = Feat(t++, P(i + 2));
  return k;
}

void EntityTagger::Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                       std::vector<int>* out) const {
  const int n = static_cast<int>(atoms.size());
  const int nc = static_cast<int>(Labels().size());
  out->assign(n, 0);
  float scores[16];
  uint64_t feats[kMaxFeatures];
  int p1 = -1, p2 = -1;
  for (int i = 0; i < n; ++i) {
    int nf = Features(atoms, tags, i, p1, p2, feats);
    std::fill(scores, scores + nc, 0.0f);
    weights.Score(feats, nf, scores);
    int best = 0;
    float bs = -std::numeric_limits<float>::infinity();
    for (int c = 0; c < nc; ++c)
      if (scores[c] > bs && Allowed(p1, c)) {
        bs = scores[c];
        best = c;
      }
    (*out)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

std::string EntityTagger::Serialize(const ModelHeader& header) const {
  ByteWriter w;
  w.U32(static_cast<uint32_t>(Labels().size()));
  for (const std::string& l : Labels()) w.Str(l);
  weights.Serialize(&w);
  return EncodeModel(header, w.bytes());
}

Result<std::unique_ptr<EntityTagger>> EntityTagger::Load(std::string_view bytes,
                                                         const std::string& name) {
  ModelHeader header;
  std::string payload;
  ENTENTE_RETURN_IF_ERROR(
      DecodeModel(bytes, name, ModelKind::kNer, Fingerprint(), &header, &payload));
  auto e = std::make_unique<EntityTagger>();
  ByteReader r(payload);
  uint32_t nl = r.U32();
  if (!r.ok() || nl != Labels().size()) return Status::Corruption(name + ": bad entity label table");
  for (uint32_t i = 0; i < nl; ++i)
    if (r.Str() != Labels()[i]) return Status::Corruption(name + ": unexpected entity label set");
  if (!e->weights.Deserialize(&r) || e->weights.num_classes() != static_cast<int>(nl) || !r.at_end())
    return Status::Corruption(name + ": malformed entity tagger weights");
  return e;
}

}  // namespace entente::nlp
