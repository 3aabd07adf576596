#include "nlp/ner.h"

#include <algorithm>

#include "nlp/hash.h"

namespace entente::nlp {

const char* const EntityTagger::kTemplates[] = {
    // Label-independent.
    "bias-gazend", "w", "form", "suf2", "suf3", "suf4", "pre2", "pre3", "shape", "flags",
    "w-1", "w+1", "w-2", "w+2", "form-1", "form+1", "shape-1", "shape+1", "shape-1,shape",
    "shape,shape+1", "p", "p-1", "p+1", "p-1,p", "p,p+1", "w-1,w", "w,w+1", "first,shape",
    "suf3-1", "flags,flags+1", "flags-1,flags", "w-1,shape", "shape,w+1", "p,w", "p-2", "p+2",
    "gaz", "gaz-1", "gaz+1", "gaz,shape", "gaz-1,gaz", "gaz,gaz+1", "gaz,p", "gaz-1,w",
    "gaz+1,w", "c", "c-1", "c+1", "c,shape", "c-1,c", "c,c+1", "c,gaz",
    "case,shape", "case,shape,p", "c-2", "c+2", "shape-2,shape-1,shape", "shape,shape+1,shape+2",
    "w-2,w-1", "w+1,w+2", "p,shape", "form-2", "form+2",
    "run-last", "run-last,pos", "run-first", "run-before,pos", "c-run-last,pos", "run-after",
    "part,shape", "part-1,part", "part,part+1", "part,gaz",
    "cs,shape", "cs,case,first", "cs-1,cs", "cs,cs+1", "cs,gaz",
    // Conjoined with the previous word's history group (its entity type).
    "g-1", "g-1,w", "g-1,shape", "g-1,p", "gaz,g-1", "c,g-1", "g-1,w+1", "g-1,c-1,c",
};
const size_t EntityTagger::kNumTemplates = sizeof(kTemplates) / sizeof(kTemplates[0]);
const size_t EntityTagger::kNumStaticTemplates = kNumTemplates - 8;
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
  for (const std::string& t : tokens) {
    const WordAtoms a = ComputeAtoms(t);
    h = NameKey(h, a.norm);
    if ((a.flags & WordAtoms::kInitUpper) && t.size() > 1 && !(a.flags & WordAtoms::kHasPeriod))
      parts_[a.norm] |= type;
  }
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
    if (auto it = parts_.find(atoms[i].norm); it != parts_.end())
      (*out)[i] |= static_cast<uint32_t>(it->second) << 24;
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
    (*out)[i + best_len - 1] |= static_cast<uint32_t>(best_type) << 16;
  }
}

uint8_t NameList::TypesOf(const std::vector<WordAtoms>& atoms, int begin, int end) const {
  if (begin < 0 || end > static_cast<int>(atoms.size()) || end - begin < 1 ||
      end - begin > max_tokens_)
    return 0;
  uint64_t h = kNameSeed;
  for (int i = begin; i < end; ++i) h = NameKey(h, atoms[i].norm);
  auto it = names_.find(h);
  return it == names_.end() ? 0 : it->second;
}

namespace {
void WriteTypeMap(const std::unordered_map<uint64_t, uint8_t>& m, ByteWriter* w) {
  std::vector<std::pair<uint64_t, uint8_t>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end());
  w->U64(v.size());
  for (const auto& [k, t] : v) {
    w->U64(k);
    w->U8(t);
  }
}

bool ReadTypeMap(ByteReader* r, std::unordered_map<uint64_t, uint8_t>* m) {
  const uint64_t n = r->U64();
  if (!r->ok() || !r->Plausible(n, 9)) return false;
  m->clear();
  m->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t k = r->U64();
    (*m)[k] = r->U8();
  }
  return r->ok();
}
}  // namespace

// Layout: u32 max_tokens, then the whole names and the parts, each as u64 count and sorted
// (u64 key, u8 types) pairs.
void NameList::Serialize(ByteWriter* w) const {
  w->U32(static_cast<uint32_t>(max_tokens_));
  WriteTypeMap(names_, w);
  WriteTypeMap(parts_, w);
}

bool NameList::Deserialize(ByteReader* r) {
  max_tokens_ = static_cast<int>(r->U32());
  if (!r->ok() || max_tokens_ < 0 || max_tokens_ > kMaxTokens) return false;
  return ReadTypeMap(r, &names_) && ReadTypeMap(r, &parts_);
}

uint64_t EntityTagger::SentenceCase(const std::vector<WordAtoms>& atoms) {
  int upper_words = 0, init_upper = 0, letter_words = 0;
  for (size_t j = 0; j < atoms.size(); ++j) {
    const uint32_t fl = atoms[j].flags;
    if (fl & (WordAtoms::kHasUpper | WordAtoms::kHasLower)) ++letter_words;
    if ((fl & WordAtoms::kAllUpper) && !(fl & WordAtoms::kHasLower)) ++upper_words;
    if (j > 0 && (fl & WordAtoms::kInitUpper)) ++init_upper;
  }
  if (letter_words > 2 && upper_words * 2 > letter_words) return 2;
  return init_upper == 0 ? 1 : 0;
}

void EntityTagger::CapitalisedRuns(const std::vector<WordAtoms>& atoms, std::vector<int>* first,
                                   std::vector<int>* last) {
  const int n = static_cast<int>(atoms.size());
  first->assign(n, -1);
  last->assign(n, -1);
  static const uint64_t kJoin[] = {ComputeAtoms("of").norm, ComputeAtoms("and").norm,
                                   ComputeAtoms("&").norm, ComputeAtoms("for").norm,
                                   ComputeAtoms("de").norm};
  auto cap = [&](int j) { return j < n && (atoms[j].flags & WordAtoms::kInitUpper) != 0; };
  auto join = [&](int j) {
    return j < n && std::find(std::begin(kJoin), std::end(kJoin), atoms[j].norm) != std::end(kJoin);
  };
  for (int i = 0; i < n;) {
    if (!cap(i)) { ++i; continue; }
    int j = i;
    while (cap(j + 1) || (join(j + 1) && cap(j + 2))) j += cap(j + 1) ? 1 : 2;
    for (int k = i; k <= j; ++k)
      if (cap(k)) (*first)[k] = i, (*last)[k] = j;
    i = j + 1;
  }
}

void EntityTagger::Prepare(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           NerInput* in) const {
  in->atoms = &atoms;
  in->tags = &tags;
  names.Mark(atoms, &in->gaz);
  clusters.LookupAll(atoms, &in->cl);
  casing.LookupAll(atoms, &in->cs);
  in->sentence_case = SentenceCase(atoms);
  CapitalisedRuns(atoms, &in->run_first, &in->run_last);
}

namespace {
// Accessors with sentinels outside the sentence.
struct Window {
  const NerInput& in;
  int n;
  const WordAtoms& A(int j) const {
    return j < 0 ? StartAtoms() : (j >= n ? EndAtoms() : (*in.atoms)[j]);
  }
  uint64_t P(int j) const { return j < 0 ? 1 : (j >= n ? 2 : (*in.tags)[j]); }
  uint64_t G(int j) const {
    return j < 0 ? 0xFFFF : (j >= n ? 0xFFFE : in.gaz[j] & NameList::kWholeNameBits);
  }
  uint64_t Part(int j) const { return j < 0 || j >= n ? 0xFF : in.gaz[j] >> 24; }
  uint64_t K(int j) const { return j < 0 ? 0x10001 : (j >= n ? 0x10002 : in.cl[j]); }
  // Casing bucket; features built by Features() without a profile see every word unknown.
  uint64_t Cs(int j) const {
    return j < 0 ? 0x10001 : (j >= n ? 0x10002 : (in.cs.empty() ? WordClusters::kUnknown : in.cs[j]));
  }
};
}  // namespace

int EntityTagger::StaticFeatures(const NerInput& in, int i, uint64_t* f) {
  const Window x{in, in.size()};
  const WordAtoms& w = x.A(i);
  const WordAtoms& m1 = x.A(i - 1);
  const WordAtoms& m2 = x.A(i - 2);
  const WordAtoms& p1 = x.A(i + 1);
  const WordAtoms& p2 = x.A(i + 2);
  const uint64_t g0 = x.G(i), gm1 = x.G(i - 1), gp1 = x.G(i + 1);
  const uint64_t c0 = x.K(i), cm1 = x.K(i - 1), cp1 = x.K(i + 1);
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
  f[k++] = Feat(t++, x.P(i));
  f[k++] = Feat(t++, x.P(i - 1));
  f[k++] = Feat(t++, x.P(i + 1));
  f[k++] = Feat(t++, x.P(i - 1), x.P(i));
  f[k++] = Feat(t++, x.P(i), x.P(i + 1));
  f[k++] = Feat(t++, m1.norm, w.norm);
  f[k++] = Feat(t++, w.norm, p1.norm);
  f[k++] = Feat(t++, i == 0, w.shape);
  f[k++] = Feat(t++, m1.suf[2]);
  f[k++] = Feat(t++, w.flags, p1.flags);
  f[k++] = Feat(t++, m1.flags, w.flags);
  f[k++] = Feat(t++, m1.norm, w.shape);
  f[k++] = Feat(t++, w.shape, p1.norm);
  f[k++] = Feat(t++, x.P(i), w.norm);
  f[k++] = Feat(t++, x.P(i - 2));
  f[k++] = Feat(t++, x.P(i + 2));
  f[k++] = Feat(t++, g0);
  f[k++] = Feat(t++, gm1);
  f[k++] = Feat(t++, gp1);
  f[k++] = Feat(t++, g0, w.shape);
  f[k++] = Feat(t++, gm1, g0);
  f[k++] = Feat(t++, g0, gp1);
  f[k++] = Feat(t++, g0, x.P(i));
  f[k++] = Feat(t++, gm1, w.norm);
  f[k++] = Feat(t++, gp1, w.norm);
  f[k++] = Feat(t++, c0);
  f[k++] = Feat(t++, cm1);
  f[k++] = Feat(t++, cp1);
  f[k++] = Feat(t++, c0, w.shape);
  f[k++] = Feat(t++, cm1, c0);
  f[k++] = Feat(t++, c0, cp1);
  f[k++] = Feat(t++, c0, g0);
  f[k++] = Feat(t++, in.sentence_case, w.shape);
  f[k++] = Feat(t++, in.sentence_case, w.shape, x.P(i));
  f[k++] = Feat(t++, x.K(i - 2));
  f[k++] = Feat(t++, x.K(i + 2));
  f[k++] = Feat(t++, m2.shape, m1.shape, w.shape);
  f[k++] = Feat(t++, w.shape, p1.shape, p2.shape);
  f[k++] = Feat(t++, m2.norm, m1.norm);
  f[k++] = Feat(t++, p1.norm, p2.norm);
  f[k++] = Feat(t++, x.P(i), w.shape);
  f[k++] = Feat(t++, m2.form);
  f[k++] = Feat(t++, p2.form);
  // The capitalised run: its last word (the head of most names: "Party", "Airport"), its first
  // word, the word before it, and the word's position in it.
  const int rf = in.run_first[i], rl = in.run_last[i];
  const uint64_t run_last = rf < 0 ? 0 : x.A(rl).norm, run_first = rf < 0 ? 0 : x.A(rf).norm;
  const uint64_t run_pos = rf < 0 ? 0 : 1 + (i == rf) + 2 * (i == rl) + 4 * std::min(rl - rf, 3);
  f[k++] = Feat(t++, run_last);
  f[k++] = Feat(t++, run_last, run_pos);
  f[k++] = Feat(t++, run_first);
  f[k++] = Feat(t++, rf < 0 ? 0 : x.A(rf - 1).norm, run_pos);
  f[k++] = Feat(t++, rf < 0 ? 0 : x.K(rl), run_pos);
  f[k++] = Feat(t++, rf < 0 ? 0 : x.A(rl + 1).norm);
  f[k++] = Feat(t++, x.Part(i), w.shape);
  f[k++] = Feat(t++, x.Part(i - 1), x.Part(i));
  f[k++] = Feat(t++, x.Part(i), x.Part(i + 1));
  f[k++] = Feat(t++, x.Part(i), g0);
  f[k++] = Feat(t++, x.Cs(i), w.shape);
  f[k++] = Feat(t++, x.Cs(i), in.sentence_case, i == 0);
  f[k++] = Feat(t++, x.Cs(i - 1), x.Cs(i));
  f[k++] = Feat(t++, x.Cs(i), x.Cs(i + 1));
  f[k++] = Feat(t++, x.Cs(i), g0);
  return k;
}

int EntityTagger::HistoryFeatures(const NerInput& in, int i, int prev, uint64_t* f) {
  const Window x{in, in.size()};
  const WordAtoms& w = x.A(i);
  const uint64_t t1 = static_cast<uint64_t>(HistoryGroup(prev) + 1);
  int k = 0;
  uint64_t t = kNumStaticTemplates;
  f[k++] = Feat(t++, t1);
  f[k++] = Feat(t++, t1, w.norm);
  f[k++] = Feat(t++, t1, w.shape);
  f[k++] = Feat(t++, t1, x.P(i));
  f[k++] = Feat(t++, x.G(i), t1);
  f[k++] = Feat(t++, x.K(i), t1);
  f[k++] = Feat(t++, t1, x.A(i + 1).norm);
  f[k++] = Feat(t++, t1, x.K(i - 1), x.K(i));
  return k;
}

int EntityTagger::Features(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                           const std::vector<uint32_t>& gaz, const std::vector<uint64_t>& cl,
                           int i, int prev1, int /*prev2*/, uint64_t* f) {
  NerInput in;
  in.atoms = &atoms;
  in.tags = &tags;
  in.gaz = gaz;
  in.cl = cl;
  in.sentence_case = SentenceCase(atoms);
  CapitalisedRuns(atoms, &in.run_first, &in.run_last);
  const int k = StaticFeatures(in, i, f);
  return k + HistoryFeatures(in, i, prev1, f + k);
}

void EntityTagger::Tag(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                       std::vector<int>* out) const {
  NerInput in;
  Prepare(atoms, tags, &in);
  Decode<int32_t>(
      in, [this](const uint64_t* f, int n, int32_t* scores) { weights.ScoreRaw(f, n, scores); },
      nullptr, out);
  RetypeKnownNames(atoms, out);
}

void EntityTagger::RetypeKnownNames(const std::vector<WordAtoms>& atoms,
                                    std::vector<int>* labels) const {
  std::vector<int>& l = *labels;
  const int n = static_cast<int>(l.size());
  for (int i = 0; i < n;) {
    if (l[i] % 2 == 0) { ++i; continue; }  // O, or a stray I-X (Decode never gives one)
    int j = i + 1;
    while (j < n && l[j] == l[i] + 1) ++j;  // B-X then its I-X words
    const uint8_t t =
        names.TypesOf(atoms, i, j) & (NameList::kPer | NameList::kOrg | NameList::kLoc);
    if (t == NameList::kPer || t == NameList::kOrg || t == NameList::kLoc) {
      const int b = t == NameList::kPer ? 1 : t == NameList::kOrg ? 3 : 5;
      l[i] = b;
      for (int k = i + 1; k < j; ++k) l[k] = b + 1;
    }
    i = j;
  }
}

std::string EntityTagger::Serialize(const ModelHeader& header) const {
  ByteWriter w;
  w.U32(static_cast<uint32_t>(Labels().size()));
  for (const std::string& l : Labels()) w.Str(l);
  weights.Serialize(&w);
  names.Serialize(&w);
  clusters.Serialize(&w);
  casing.Serialize(&w);
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
      !e->names.Deserialize(&r) || !e->clusters.Deserialize(&r) || !e->casing.Deserialize(&r) || !r.at_end())
    return Status::Corruption(name + ": malformed entity tagger weights");
  return e;
}

}  // namespace entente::nlp
