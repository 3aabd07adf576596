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
    "gaz", "gaz-1", "gaz+1", "gaz,shape", "gaz,t-1", "gaz-1,gaz", "gaz,gaz+1", "gaz,p",
    "gaz-1,w", "gaz+1,w", "c", "c-1", "c+1", "c,shape", "c-1,c", "c,c+1", "c,t-1", "c,gaz",
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

namespace {
uint64_t NameKey(uint64_t h, uint64_t token_norm) { return Mix(h, token_norm); }
constexpr uint64_t kNameSeed = 0x6e616d6573ull;  // "names"
}  // namespace

void NameList::AddTokens(const std::vector<std::string>& tokens, uint8_t type) {
  if (tokens.empty() || static_cast<int>(tokens.size()) > kMaxTokens) return;
  uint64_t h = kNameSeed;
  for (const std::string& t : tokens) h = NameKey(h, ComputeAtoms(t).norm);
  names_[h] |= type;
  max_tokens_ = std::max(max_tokens_, static_cast<int>(tokens.size()));
}

void NameList::Add(std::string_view name, uint8_t type) {
  std::vector<std::string> tokens, split;
  bool hyphen = false;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    size_t j = i;
    while (j < name.size() && name[j] != ' ') ++j;
    if (j > i) {
      std::string_view tok = name.substr(i, j - i);
      tokens.emplace_back(tok);
      size_t a = 0;
      for (size_t b = 0; b <= tok.size(); ++b) {
        if (b == tok.size() || (tok[b] == '-' && b > 0 && b + 1 < tok.size())) {
          if (b < tok.size()) hyphen = true;
          split.emplace_back(tok.substr(a, b - a));
          if (b < tok.size()) split.emplace_back("-");
          a = b + 1;
        }
      }
    }
    i = j;
  }
  AddTokens(tokens, type);
  if (hyphen) AddTokens(split, type);
}

void NameList::Mark(const std::vector<WordAtoms>& atoms, std::vector<uint32_t>* out) const {
  const int n = static_cast<int>(atoms.size());
  out->assign(n, 0);
  if (names_.empty()) return;
  for (int i = 0; i < n; ++i) {
    uint64_t h = kNameSeed;
    int best_len = 0;
    uint8_t best_type = 0;
    for (int len = 1; len <= max_tokens_ && i + len <= n; ++len) {
      h = NameKey(h, atoms[i + len - 1].norm);
      auto it = names_.find(h);
      if (it != names_.end()) {
        best_len = len;
        best_type = it->second;
      }
    }
    if (best_len == 0) continue;
    (*out)[i] |= best_type;
    for (int k = 1; k < best_len; ++k) (*out)[i + k] |= static_cast<uint32_t>(best_type) << 8;
  }
}

void NameList::Serialize(ByteWriter* w) const {
  std::vector<std::pair<uint64_t, uint8_t>> v(names_.begin(), names_.end());
  std::sort(v.begin(), v.end());
  w->U32(static_cast<uint32_t>(max_tokens_));
  w->U64(v.size());
  for (const auto& [k, t] : v) {
    w->U64(k);
    w->U8(t);
  }
}

bool NameList::Deserialize(ByteReader* r) {
  max_tokens_ = static_cast<int>(r->U32());
  uint64_t n = r->U64();
  if (!r->ok() || max_tokens_ < 0 || max_tokens_ > kMaxTokens || !r->Plausible(n, 9)) return false;
  names_.clear();
  names_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r->U64();
    names_[k] = r->U8();
  }
  return r->ok();
}

int EntityTagger::Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           const std::vector<uint32_t>& gaz, const std::vector<uint64_t>& cl,
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
  auto G = [&](int j) -> uint64_t { return j < 0 ? 0xFFFF : (j >= n ? 0xFFFE : gaz[j]); };
  const uint64_t g0 = G(i), gm1 = G(i - 1), gp1 = G(i + 1);
  f[k++] = Feat(t++, g0);
  f[k++] = Feat(t++, gm1);
  f[k++] = Feat(t++, gp1);
  f[k++] = Feat(t++, g0, w.shape);
  f[k++] = Feat(t++, g0, t1);
  f[k++] = Feat(t++, gm1, g0);
  f[k++] = Feat(t++, g0, gp1);
  f[k++] = Feat(t++, g0, P(i));
  f[k++] = Feat(t++, gm1, w.norm);
  f[k++] = Feat(t++, gp1, w.norm);
  auto K = [&](int j) -> uint64_t { return j < 0 ? 0x10001 : (j >= n ? 0x10002 : cl[j]); };
  const uint64_t c0 = K(i), cm1 = K(i - 1), cp1 = K(i + 1);
  f[k++] = Feat(t++, c0);
  f[k++] = Feat(t++, cm1);
  f[k++] = Feat(t++, cp1);
  f[k++] = Feat(t++, c0, w.shape);
  f[k++] = Feat(t++, cm1, c0);
  f[k++] = Feat(t++, c0, cp1);
  f[k++] = Feat(t++, c0, t1);
  f[k++] = Feat(t++, c0, g0);
  return k;
}

void EntityTagger::Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                       std::vector<int>* out) const {
  const int n = static_cast<int>(atoms.size());
  const int nc = static_cast<int>(Labels().size());
  out->assign(n, 0);
  float scores[16];
  uint64_t feats[kMaxFeatures];
  std::vector<uint32_t> gaz;
  names.Mark(atoms, &gaz);
  std::vector<uint64_t> cl;
  clusters.LookupAll(atoms, &cl);
  int p1 = -1, p2 = -1;
  for (int i = 0; i < n; ++i) {
    int nf = Features(atoms, tags, gaz, cl, i, p1, p2, feats);
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
  names.Serialize(&w);
  clusters.Serialize(&w);
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
  if (!e->weights.Deserialize(&r) || e->weights.num_classes() != static_cast<int>(nl) ||
      !e->names.Deserialize(&r) || !e->clusters.Deserialize(&r) || !r.at_end())
    return Status::Corruption(name + ": malformed entity tagger weights");
  return e;
}

}  // namespace entente::nlp
