#include "nlp/parser.h"

#include <algorithm>
#include <limits>

#include "nlp/hash.h"

namespace entente::nlp {

void ParseState::Init(int words) {
  n = words;
  stack.clear();
  stack.reserve(words);
  b = 0;
  head.assign(words, -1);
  label.assign(words, -1);
  lc1.assign(words + 1, -1);
  lc2.assign(words + 1, -1);
  rc1.assign(words + 1, -1);
  rc2.assign(words + 1, -1);
  nl.assign(words + 1, 0);
  nr.assign(words + 1, 0);
  lset.assign(words + 1, 0);
  rset.assign(words + 1, 0);
}

void ParseState::AddArc(int h, int d, int l) {
  head[d] = h;
  label[d] = l;
  if (d < h) {
    if (lc1[h] == -1 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] == -1 || d < lc2[h]) {
      lc2[h] = d;
    }
    ++nl[h];
    lset[h] |= 1ull << (l & 63);
  } else {
    if (rc1[h] == -1 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] == -1 || d > rc2[h]) {
      rc2[h] = d;
    }
    ++nr[h];
    rset[h] |= 1ull << (l & 63);
  }
}

const char* const Parser::kTemplates[] = {
    "S0w", "S0p", "S0wp", "N0w", "N0p", "N0wp", "N1w", "N1p", "N1wp", "N2p", "N2wp",
    "S1w", "S1p", "S1wp", "S2p",
    "S0wp,N0wp", "S0wp,N0w", "S0w,N0wp", "S0wp,N0p", "S0p,N0wp", "S0w,N0w", "S0p,N0p",
    "N0p,N1p", "N0p,N1p,N2p", "S0p,N0p,N1p", "S1p,S0p,N0p", "S0p,S0lp,N0p", "S0p,S0rp,N0p",
    "S0p,N0p,N0lp", "S1p,S0p", "S1w,S0w", "S2p,S1p,S0p", "S1p,S0wp", "S1wp,S0p",
    "S0w,d", "S0p,d", "N0w,d", "N0p,d", "S0w,N0w,d", "S0p,N0p,d", "S1p,S0p,d1",
    "S0w,vr", "S0p,vr", "S0w,vl", "S0p,vl", "N0w,vl", "N0p,vl",
    "S0lw", "S0lp", "S0ll", "S0rw", "S0rp", "S0rl", "N0lw", "N0lp", "N0ll", "S1rp", "S1rl",
    "S1lp", "S1ll",
    "S0l2p", "S0l2l", "S0r2p", "S0r2l", "N0l2p", "N0l2l", "S0p,S0lp,S0l2p", "S0p,S0rp,S0r2p",
    "N0p,N0lp,N0l2p", "S0p,S0ll,S0l2l", "S0p,S0rl,S0r2l",
    "S0p,sr", "S0p,sl", "N0p,sl", "S0w,sr", "S0w,sl", "N0w,sl",
    "N0 is root,S0p", "bias",
    "S1wp,S0wp", "S1w,S0w,d1", "S1p,N0p", "N0w,N1w", "S1p,vl", "S1p,vr", "S0s3", "N0s3",
    "S1s3", "S0sh,N0sh", "S1sh,S0sh", "S0sh,N0sh,S0p,N0p", "S0w,N0p,N1p", "S1p,S0p,S0lp",
    "S0c", "N0c", "N1c", "S1c", "S0c,N0c", "S0c,N0p", "S0p,N0c", "S1c,S0c", "S1c,S0p",
    "S1p,S0c", "S0c,N0c,d", "N0c,N1c", "S0w,N0c", "S0c,N0w",
};
const size_t Parser::kNumTemplates = sizeof(kTemplates) / sizeof(kTemplates[0]);

// h = head, d = dependent (its subtree is complete when the arc is made), dir = d before h,
// dl/dr = d's leftmost/rightmost child, dsl/dsr = d's left/right child label sets, hsl/hsr =
// the labels h already has on each side, d-1/d+1 = the words beside d.
const char* const Parser::kLabelTemplates[] = {
    "hw", "hp", "hwp", "dw", "dp", "dwp", "hp,dp", "hw,dp", "hp,dw", "hw,dw", "hp,dp,dir",
    "hp,dp,dir,dist", "dp,dir", "dw,dir", "dp,dir,dist", "hw,dp,dir", "hp,dw,dir",
    "dp,dsl", "dp,dsr", "dp,dir,dvl,dvr", "dp,dlw", "dp,dlp,dll", "dp,drp,drl", "dlw,dir",
    "hp,dlw,dir", "dp,hsl,dir", "dp,hsr,dir", "dp,d-1p", "dp,d+1p", "dp,d-1p,d+1p",
    "dsuf3", "hsuf3", "dsuf3,hp,dir", "dshape", "dc", "hc", "dc,hc", "dc,hp,dir", "hc,dp,dir",
    "bias", "dir", "hp,drw,dir", "dw,dlw", "hp,dp,dsl,dir",
};
const size_t Parser::kNumLabelTemplates = sizeof(kLabelTemplates) / sizeof(kLabelTemplates[0]);

uint64_t Parser::Fingerprint() {
  std::vector<const char*> all(kTemplates, kTemplates + kNumTemplates);
  all.push_back("--- labels ---");
  all.insert(all.end(), kLabelTemplates, kLabelTemplates + kNumLabelTemplates);
  return TemplateFingerprint(all.data(), all.size());
}

namespace {
constexpr uint64_t kNone = 0x6e6f6e65ull;  // "none"
constexpr uint64_t kRootAtom = 0x726f6f74ull;

uint64_t Dist(int a, int b) {
  int d = b - a;
  if (d < 0) d = -d;
  if (d < 5) return static_cast<uint64_t>(d);
  return d < 10 ? 5 : 6;
}
}  // namespace

namespace {
// Finer parts, for Parse only (bits above Parser::kAllParts, so a mask of the public parts never
// selects by them): each template's part is its public part or'ed with at most one of these.
// kFineStack: templates that read only the stack's top three words and the left children of S0
// and S1 (Rest templates without N0, the left halves of S0Tree and S1Tree). A word gains left
// children only while it is the buffer front, and the words below it on the stack stay until it
// is popped, so these keys do not change while a word is S0. kFineS0Right, kFineS1Right: the
// right halves of S0Tree and S1Tree (a word gains right children while it is S1). kFinePair:
// the Rest templates that read N0 with a stack word (new in every configuration).
constexpr unsigned kFineStack = 1u << 8, kFinePair = 1u << 9, kFineS0Right = 1u << 10,
                   kFineS1Right = 1u << 11;
constexpr unsigned kRestStack = Parser::kPartRest | kFineStack;
constexpr unsigned kRestPair = Parser::kPartRest | kFinePair;
constexpr unsigned kS0Left = Parser::kPartS0Tree | kFineStack;
constexpr unsigned kS0Right = Parser::kPartS0Tree | kFineS0Right;
constexpr unsigned kS1Left = Parser::kPartS1Tree | kFineStack;
constexpr unsigned kS1Right = Parser::kPartS1Tree | kFineS1Right;

// Parser::Features with the part mask known at compile time (kParts != 0: the compiler drops
// the other parts' templates) or read from `runtime_parts` (kParts == 0).
template <unsigned kParts>
int TransitionFeatures(const ParseState& s, const std::vector<WordAtoms>& atoms,
                       const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                       uint64_t* f, unsigned runtime_parts) {
  const unsigned parts = kParts != 0 ? kParts : runtime_parts;
  const int n = s.n;
  const int ss = static_cast<int>(s.stack.size());
  const int S0 = ss > 0 ? s.stack[ss - 1] : -1;
  const int S1 = ss > 1 ? s.stack[ss - 2] : -1;
  const int S2 = ss > 2 ? s.stack[ss - 3] : -1;
  const int N0 = s.b <= n ? s.b : -1;
  const int N1 = s.b + 1 < n ? s.b + 1 : (s.b + 1 == n ? n : -1);
  const int N2 = s.b + 2 < n ? s.b + 2 : (s.b + 2 == n ? n : -1);
  auto W = [&](int i) -> uint64_t { return i < 0 ? kNone : (i == n ? kRootAtom : atoms[i].norm); };
  auto P = [&](int i) -> uint64_t { return i < 0 ? kNone : (i == n ? kRootAtom : tags[i]); };
  auto L = [&](int i) -> uint64_t { return i < 0 || i >= n ? 0 : static_cast<uint64_t>(s.label[i] + 1); };
  auto C = [&](int i, const std::vector<int>& v) { return i < 0 ? -1 : v[i]; };
  const int S0l = C(S0, s.lc1), S0r = C(S0, s.rc1), S0l2 = C(S0, s.lc2), S0r2 = C(S0, s.rc2);
  const int N0l = C(N0, s.lc1), N0l2 = C(N0, s.lc2), S1r = C(S1, s.rc1), S1l = C(S1, s.lc1);
  const uint64_t s0w = W(S0), s0p = P(S0), n0w = W(N0), n0p = P(N0), n1p = P(N1), n2p = P(N2);
  const uint64_t s1w = W(S1), s1p = P(S1), s2p = P(S2);
  const uint64_t s0wp = Mix(s0w, s0p), n0wp = Mix(n0w, n0p), s1wp = Mix(s1w, s1p);
  const uint64_t d = (S0 >= 0 && N0 >= 0) ? Dist(S0, N0) : 7;
  const uint64_t d1 = (S0 >= 0 && S1 >= 0) ? Dist(S1, S0) : 7;
  const uint64_t s0vr = S0 >= 0 ? s.nr[S0] : 99, s0vl = S0 >= 0 ? s.nl[S0] : 99;
  const uint64_t n0vl = N0 >= 0 ? s.nl[N0] : 99;
  const uint64_t s0sr = S0 >= 0 ? s.rset[S0] : 1ull << 63, s0sl = S0 >= 0 ? s.lset[S0] : 1ull << 63;
  const uint64_t n0sl = N0 >= 0 ? s.lset[N0] : 1ull << 63;
  int k = 0, t = 0;
  // Template t's key when its part is asked for; t counts every template either way.
  auto put = [&](unsigned part, auto... xs) __attribute__((always_inline)) {
    if (parts & part) f[k++] = Feat(t, static_cast<uint64_t>(xs)...);
    ++t;
  };
  put(Parser::kPartS0, s0w);
  put(Parser::kPartS0, s0p);
  put(Parser::kPartS0, s0wp);
  put(Parser::kPartN0, n0w);
  put(Parser::kPartN0, n0p);
  put(Parser::kPartN0, n0wp);
  put(Parser::kPartN0, W(N1));
  put(Parser::kPartN0, n1p);
  put(Parser::kPartN0, W(N1), n1p);
  put(Parser::kPartN0, n2p);
  put(Parser::kPartN0, W(N2), n2p);
  put(Parser::kPartS1, s1w);
  put(Parser::kPartS1, s1p);
  put(Parser::kPartS1, s1wp);
  put(kRestStack, s2p);
  put(kRestPair, s0wp, n0wp);
  put(kRestPair, s0wp, n0w);
  put(kRestPair, s0w, n0wp);
  put(kRestPair, s0wp, n0p);
  put(kRestPair, s0p, n0wp);
  put(kRestPair, s0w, n0w);
  put(kRestPair, s0p, n0p);
  put(Parser::kPartN0, n0p, n1p);
  put(Parser::kPartN0, n0p, n1p, n2p);
  put(kRestPair, s0p, n0p, n1p);
  put(kRestPair, s1p, s0p, n0p);
  put(kRestPair, s0p, P(S0l), n0p);
  put(kRestPair, s0p, P(S0r), n0p);
  put(kRestPair, s0p, n0p, P(N0l));
  put(kRestStack, s1p, s0p);
  put(kRestStack, s1w, s0w);
  put(kRestStack, s2p, s1p, s0p);
  put(kRestStack, s1p, s0wp);
  put(kRestStack, s1wp, s0p);
  put(kRestPair, s0w, d);
  put(kRestPair, s0p, d);
  put(kRestPair, n0w, d);
  put(kRestPair, n0p, d);
  put(kRestPair, s0w, n0w, d);
  put(kRestPair, s0p, n0p, d);
  put(kRestStack, s1p, s0p, d1);
  put(kS0Right, s0w, s0vr);
  put(kS0Right, s0p, s0vr);
  put(kS0Left, s0w, s0vl);
  put(kS0Left, s0p, s0vl);
  put(Parser::kPartN0Tree, n0w, n0vl);
  put(Parser::kPartN0Tree, n0p, n0vl);
  put(kS0Left, W(S0l));
  put(kS0Left, P(S0l));
  put(kS0Left, L(S0l));
  put(kS0Right, W(S0r));
  put(kS0Right, P(S0r));
  put(kS0Right, L(S0r));
  put(Parser::kPartN0Tree, W(N0l));
  put(Parser::kPartN0Tree, P(N0l));
  put(Parser::kPartN0Tree, L(N0l));
  put(kS1Right, P(S1r));
  put(kS1Right, L(S1r));
  put(kS1Left, P(S1l));
  put(kS1Left, L(S1l));
  put(kS0Left, P(S0l2));
  put(kS0Left, L(S0l2));
  put(kS0Right, P(S0r2));
  put(kS0Right, L(S0r2));
  put(Parser::kPartN0Tree, P(N0l2));
  put(Parser::kPartN0Tree, L(N0l2));
  put(kS0Left, s0p, P(S0l), P(S0l2));
  put(kS0Right, s0p, P(S0r), P(S0r2));
  put(Parser::kPartN0Tree, n0p, P(N0l), P(N0l2));
  put(kS0Left, s0p, L(S0l), L(S0l2));
  put(kS0Right, s0p, L(S0r), L(S0r2));
  put(kS0Right, s0p, s0sr);
  put(kS0Left, s0p, s0sl);
  put(Parser::kPartN0Tree, n0p, n0sl);
  put(kS0Right, s0w, s0sr);
  put(kS0Left, s0w, s0sl);
  put(Parser::kPartN0Tree, n0w, n0sl);
  put(kRestPair, N0 == n, s0p);
  put(Parser::kPartN0, 0);
  auto A = [&](int i) -> const WordAtoms* {
    return i < 0 ? &StartAtoms() : (i == n ? &EndAtoms() : &atoms[i]);
  };
  const WordAtoms *as0 = A(S0), *an0 = A(N0), *as1 = A(S1);
  put(kRestStack, s1wp, s0wp);
  put(kRestStack, s1w, s0w, d1);
  put(kRestPair, s1p, n0p);
  put(Parser::kPartN0, n0w, W(N1));
  put(kS1Left, s1p, S1 >= 0 ? s.nl[S1] : 99);
  put(kS1Right, s1p, S1 >= 0 ? s.nr[S1] : 99);
  put(Parser::kPartS0, as0->suf[2]);
  put(Parser::kPartN0, an0->suf[2]);
  put(Parser::kPartS1, as1->suf[2]);
  put(kRestPair, as0->shape, an0->shape);
  put(kRestStack, as1->shape, as0->shape);
  put(kRestPair, Mix(as0->shape, an0->shape), s0p, n0p);
  put(kRestPair, s0w, n0p, n1p);
  put(kRestStack, s1p, s0p, P(S0l));
  auto K = [&](int i) -> uint64_t { return i < 0 ? kNone : (i == n ? kRootAtom : cl[i]); };
  const uint64_t s0c = K(S0), n0c = K(N0), n1c = K(N1), s1c = K(S1);
  put(Parser::kPartS0, s0c);
  put(Parser::kPartN0, n0c);
  put(Parser::kPartN0, n1c);
  put(Parser::kPartS1, s1c);
  put(kRestPair, s0c, n0c);
  put(kRestPair, s0c, n0p);
  put(kRestPair, s0p, n0c);
  put(kRestStack, s1c, s0c);
  put(kRestStack, s1c, s0p);
  put(kRestStack, s1p, s0c);
  put(kRestPair, s0c, n0c, d);
  put(Parser::kPartN0, n0c, n1c);
  put(kRestPair, s0w, n0c);
  put(kRestPair, s0c, n0w);
  return k;
}

}  // namespace

int Parser::Features(const ParseState& s, const std::vector<WordAtoms>& atoms,
                     const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                     uint64_t* f, unsigned parts) {
  switch (parts) {
    case kAllParts: return TransitionFeatures<kAllParts>(s, atoms, tags, cl, f, parts);
    case kPartRest: return TransitionFeatures<kPartRest>(s, atoms, tags, cl, f, parts);
    case kPartRest | kPartS0Tree | kPartN0Tree | kPartS1Tree:
      return TransitionFeatures<kPartRest | kPartS0Tree | kPartN0Tree | kPartS1Tree>(
          s, atoms, tags, cl, f, parts);
    default: return TransitionFeatures<0>(s, atoms, tags, cl, f, parts);
  }
}

namespace {
constexpr int kPartMax = 32;  // keys of one single-position part (16 at most today)

// Writes the keys of the single-position parts of position i (0 <= i <= n) to out[0..3)
// (each kPartMax long): N0 with the buffer front at i, S0 of word i (none when i == n), S1 of
// word i - 1 (none when i == 0), and their counts to count[0..3). Each is read from a
// configuration that puts the position in its role (the parts read nothing else); `s` is
// scratch, Init(n) by the caller and left in no particular configuration.
void PositionParts(ParseState* s, int i, const std::vector<WordAtoms>& atoms,
                   const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                   uint64_t* const out[3], int count[3]) {
  s->stack.clear();
  s->b = i;
  count[0] = TransitionFeatures<Parser::kPartN0>(*s, atoms, tags, cl, out[0], 0);
  count[1] = 0;
  if (i < s->n) {
    s->stack.push_back(i);
    count[1] = TransitionFeatures<Parser::kPartS0>(*s, atoms, tags, cl, out[1], 0);
  }
  s->stack.assign(i > 0 ? 2 : 1, 0);
  s->stack[0] = i - 1 >= 0 ? i - 1 : 0;
  count[2] = TransitionFeatures<Parser::kPartS1>(*s, atoms, tags, cl, out[2], 0);
}

// Raw (integer) sums of the single-position parts, nt per row: row 3i is the N0 part with the
// buffer at i (i <= n), row 3i + 1 the S0 part of word i, row 3i + 2 the S1 part of word i - 1
// (i = 0: no S1). With `buffer_only` (Parse, which scores the S0 and S1 parts with its stack
// rows), row i is the N0 part with the buffer at i, and nothing else. Keys of every part and
// position first, then scored, each row prefetched two rows ahead. `s` is scratch;
// part_feats/part_count are scratch too.
void ScorePositionRows(const SparseWeights& weights, int nt, ParseState* s,
                       const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                       const std::vector<uint64_t>& cl, std::vector<int32_t>* rows,
                       std::vector<uint64_t>* part_feats, std::vector<int>* part_count,
                       bool buffer_only = false) {
  const int n = static_cast<int>(atoms.size());
  const int per_position = buffer_only ? 1 : 3;
  const int num_rows = per_position * (n + 1);
  rows->assign(static_cast<size_t>(num_rows) * nt, 0);
  part_feats->resize(static_cast<size_t>(num_rows) * kPartMax);
  part_count->assign(num_rows, 0);
  s->Init(n);
  for (int i = 0; i <= n; ++i) {
    uint64_t* f = part_feats->data() + static_cast<size_t>(per_position * i) * kPartMax;
    if (buffer_only) {
      s->stack.clear();
      s->b = i;
      (*part_count)[i] = TransitionFeatures<Parser::kPartN0>(*s, atoms, tags, cl, f, 0);
      continue;
    }
    uint64_t* const out[3] = {f, f + kPartMax, f + 2 * kPartMax};
    PositionParts(s, i, atoms, tags, cl, out, &(*part_count)[3 * i]);
  }
  for (int r = 0; r < num_rows; ++r) {
    const uint64_t* f = part_feats->data() + static_cast<size_t>(r) * kPartMax;
    if (r + 2 < num_rows) weights.Prefetch(f + 2 * kPartMax, (*part_count)[r + 2]);
    weights.ScoreRaw(f, (*part_count)[r], rows->data() + static_cast<size_t>(r) * nt);
  }
}
}  // namespace

int Parser::LabelFeatures(const ParseState& s, int h, int d, const std::vector<WordAtoms>& atoms,
                          const std::vector<uint64_t>& tags, const std::vector<uint64_t>& cl,
                          uint64_t* f) {
  const int n = s.n;
  auto W = [&](int i) -> uint64_t { return i < 0 ? kNone : (i >= n ? kRootAtom : atoms[i].norm); };
  auto P = [&](int i) -> uint64_t { return i < 0 ? kNone : (i >= n ? kRootAtom : tags[i]); };
  auto L = [&](int i) -> uint64_t { return i < 0 || i >= n ? 0 : static_cast<uint64_t>(s.label[i] + 1); };
  auto K = [&](int i) -> uint64_t { return i < 0 ? kNone : (i >= n ? kRootAtom : cl[i]); };
  const uint64_t hw = W(h), hp = P(h), dw = W(d), dp = P(d);
  const uint64_t dir = d < h ? 1 : 2, dist = Dist(h, d);
  const int dl = s.lc1[d], dr = s.rc1[d];
  const uint64_t dlw = W(dl);
  const WordAtoms& ad = atoms[d];
  const uint64_t hsuf = h < n ? atoms[h].suf[2] : kRootAtom;
  int k = 0, t = 0;
  f[k++] = Feat(t++, hw);
  f[k++] = Feat(t++, hp);
  f[k++] = Feat(t++, hw, hp);
  f[k++] = Feat(t++, dw);
  f[k++] = Feat(t++, dp);
  f[k++] = Feat(t++, dw, dp);
  f[k++] = Feat(t++, hp, dp);
  f[k++] = Feat(t++, hw, dp);
  f[k++] = Feat(t++, hp, dw);
  f[k++] = Feat(t++, hw, dw);
  f[k++] = Feat(t++, hp, dp, dir);
  f[k++] = Feat(t++, Mix(hp, dp), dir, dist);
  f[k++] = Feat(t++, dp, dir);
  f[k++] = Feat(t++, dw, dir);
  f[k++] = Feat(t++, dp, dir, dist);
  f[k++] = Feat(t++, hw, dp, dir);
  f[k++] = Feat(t++, hp, dw, dir);
  f[k++] = Feat(t++, dp, s.lset[d]);
  f[k++] = Feat(t++, dp, s.rset[d]);
  f[k++] = Feat(t++, Mix(dp, dir), std::min(s.nl[d], 3), std::min(s.nr[d], 3));
  f[k++] = Feat(t++, dp, dlw);
  f[k++] = Feat(t++, dp, P(dl), L(dl));
  f[k++] = Feat(t++, dp, P(dr), L(dr));
  f[k++] = Feat(t++, dlw, dir);
  f[k++] = Feat(t++, hp, dlw, dir);
  f[k++] = Feat(t++, dp, s.lset[h], dir);
  f[k++] = Feat(t++, dp, s.rset[h], dir);
  f[k++] = Feat(t++, dp, P(d - 1));
  f[k++] = Feat(t++, dp, P(d + 1 < n ? d + 1 : -1));
  f[k++] = Feat(t++, dp, P(d - 1), P(d + 1 < n ? d + 1 : -1));
  f[k++] = Feat(t++, ad.suf[2]);
  f[k++] = Feat(t++, hsuf);
  f[k++] = Feat(t++, ad.suf[2], hp, dir);
  f[k++] = Feat(t++, ad.shape);
  f[k++] = Feat(t++, K(d));
  f[k++] = Feat(t++, K(h));
  f[k++] = Feat(t++, K(d), K(h));
  f[k++] = Feat(t++, K(d), hp, dir);
  f[k++] = Feat(t++, K(h), dp, dir);
  f[k++] = Feat(t++, 0);
  f[k++] = Feat(t++, dir);
  f[k++] = Feat(t++, hp, W(dr), dir);
  f[k++] = Feat(t++, dw, dlw);
  f[k++] = Feat(t++, Mix(hp, dp), s.lset[d], dir);
  return k;
}

void Parser::SetGroups(const std::vector<int>& own) {
  group_of.assign(labels.size(), -1);
  group_of[root_label] = 0;
  num_groups = 1;
  for (int l : own)
    if (l != root_label && group_of[l] < 0) group_of[l] = num_groups++;
  bool rest = false;
  for (int& g : group_of)
    if (g < 0) {
      g = num_groups;
      rest = true;
    }
  if (rest) ++num_groups;
  IndexGroups();
}

void Parser::IndexGroups() {
  group_size_.assign(num_groups, 0);
  only_label_.assign(num_groups, -1);
  for (size_t l = 0; l < group_of.size(); ++l) {
    ++group_size_[group_of[l]];
    only_label_[group_of[l]] = static_cast<int>(l);
  }
}

bool Parser::Valid(const ParseState& s, int t) const {
  const int ss = static_cast<int>(s.stack.size());
  if (t == kShift) return s.b < s.n;
  const int g = GroupOf(t);
  const bool root_group = g == group_of[root_label];
  if (IsLeft(t)) {  // s0 <- b; the root arc when b == n
    if (ss == 0) return false;
    if (s.b == s.n) return ss == 1 && root_group;
    return !root_group;
  }
  return ss >= 2 && !root_group;  // RIGHT: s1 -> s0
}

void Parser::ArcOf(const ParseState& s, int t, int* head, int* dep) const {
  const int ss = static_cast<int>(s.stack.size());
  *dep = s.stack[ss - 1];
  *head = IsLeft(t) ? s.b : s.stack[ss - 2];
}

void Parser::Apply(ParseState* s, int t, int label) const {
  if (t == kShift) {
    s->stack.push_back(s->b++);
    return;
  }
  int h, d;
  ArcOf(*s, t, &h, &d);
  s->stack.pop_back();
  s->AddArc(h, d, label);
}

int Parser::BestLabel(int g, const uint64_t* feats, int nf) const {
  if (SingleLabel(g)) return OnlyLabel(g);
  const int nl = num_labels();
  int32_t scores[1024];  // raw integer sums (exact)
  std::fill(scores, scores + nl, 0);
  label_weights.ScoreRaw(feats, nf, scores);
  int best = -1;
  for (int l = 0; l < nl; ++l)
    if (group_of[l] == g && (best < 0 || scores[l] > scores[best])) best = l;
  return best;
}

void Parser::ParseInOrder(const std::vector<WordAtoms>& atoms,
                          const std::vector<uint64_t>& tags, std::vector<int>* heads,
                          std::vector<int>* label_ids) const {
  const int n = static_cast<int>(atoms.size());
  heads->assign(n, -1);
  label_ids->assign(n, root_label);
  if (n == 0) return;
  thread_local ParseState s;  // reused: Init keeps the vectors' capacity
  thread_local std::vector<uint64_t> cl;
  // Raw (integer) sums of the N0 part with the buffer at i (i <= n), num_transitions() per row.
  // Integer sums are exact, so a transition's score (its rows below plus the other templates)
  // equals scoring all its templates at once.
  thread_local std::vector<int32_t> rows;
  thread_local std::vector<uint64_t> part_feats;
  thread_local std::vector<int> part_count;
  clusters.LookupAll(atoms, &cl);
  const int nt = num_transitions();
  const int num_rows = 3 * (n + 1);
  ScorePositionRows(weights, nt, &s, atoms, tags, cl, &rows, &part_feats, &part_count,
                    /*buffer_only=*/true);
  s.Init(n);
  // Stack rows, one per word w, for the configurations with w at S0: the S0 part of w, the S1
  // part of the word below it and the kFineStack templates (scored together). What lies below w on the stack stays
  // while w is on it, and w's left children are complete when it is shifted, so the row is
  // computed the first time w is S0 in a scored configuration and kept.
  thread_local std::vector<int32_t> stack_rows;
  thread_local std::vector<uint8_t> stack_ready;
  stack_rows.resize(static_cast<size_t>(n) * nt);
  stack_ready.assign(n, 0);
  // Tree rows (the right half of S0Tree of word w, N0Tree of buffer position w, the right half
  // of S1Tree of word w - 1, for w in 0..n): raw sums of the part as last computed, valid while
  // the word's count of right children (S0, S1) or left children (N0) equals the stored
  // version (children are only ever added).
  thread_local std::vector<int32_t> tree_rows;
  thread_local std::vector<int> tree_version;
  tree_rows.resize(static_cast<size_t>(num_rows) * nt);
  tree_version.assign(num_rows, -1);
  uint64_t feats[kMaxFeatures];
  uint64_t stack_feats[kMaxFeatures];
  uint64_t tree_feats[3][kPartMax];
  int32_t scores[2048];  // nt <= 1 + 2 x 1000 labels (Load's limit)
  while (!s.Terminal()) {
    // Forced moves need no scores: SHIFT onto an empty stack, and the root arc once the buffer
    // holds only ROOT and the stack one word (the root group holds the root label only).
    const int ss = static_cast<int>(s.stack.size());
    if (ss == 0) {
      Apply(&s, kShift, root_label);
      continue;
    }
    if (s.b == n && ss == 1) {
      Apply(&s, 1 + group_of[root_label], root_label);
      continue;
    }
    const int S0 = s.stack[ss - 1], S1 = ss > 1 ? s.stack[ss - 2] : -1;
    const int32_t* n0_row = rows.data() + static_cast<size_t>(s.b) * nt;
    const int tree_row[3] = {3 * S0, 3 * s.b + 1, 3 * (S1 + 1) + 2};
    const int version[3] = {s.nr[S0], s.nl[s.b], S1 >= 0 ? s.nr[S1] : 0};
    int stack_count = -1;  // -1: the stored row is valid
    if (!stack_ready[S0]) {
      stack_count = TransitionFeatures<kPartS0 | kPartS1 | kFineStack>(s, atoms, tags, cl,
                                                                        stack_feats, 0);
      weights.Prefetch(stack_feats, stack_count);
    }
    int tree_count[3] = {-1, -1, -1};
    if (tree_version[tree_row[0]] != version[0])
      tree_count[0] = TransitionFeatures<kFineS0Right>(s, atoms, tags, cl, tree_feats[0], 0);
    if (tree_version[tree_row[1]] != version[1])
      tree_count[1] = TransitionFeatures<kPartN0Tree>(s, atoms, tags, cl, tree_feats[1], 0);
    if (tree_version[tree_row[2]] != version[2])
      tree_count[2] = TransitionFeatures<kFineS1Right>(s, atoms, tags, cl, tree_feats[2], 0);
    for (int p = 0; p < 3; ++p)
      if (tree_count[p] > 0) weights.Prefetch(tree_feats[p], tree_count[p]);
    const int nf = TransitionFeatures<kFinePair>(s, atoms, tags, cl, feats, 0);
    int32_t* stack_row = stack_rows.data() + static_cast<size_t>(S0) * nt;
    if (stack_count >= 0) {
      std::fill(stack_row, stack_row + nt, 0);
      weights.ScoreRaw(stack_feats, stack_count, stack_row);
      stack_ready[S0] = 1;
    }
    for (int p = 0; p < 3; ++p) {
      if (tree_count[p] < 0) continue;
      int32_t* row = tree_rows.data() + static_cast<size_t>(tree_row[p]) * nt;
      std::fill(row, row + nt, 0);
      weights.ScoreRaw(tree_feats[p], tree_count[p], row);
      tree_version[tree_row[p]] = version[p];
    }
    const int32_t* t0 = tree_rows.data() + static_cast<size_t>(tree_row[0]) * nt;
    const int32_t* t1 = tree_rows.data() + static_cast<size_t>(tree_row[1]) * nt;
    const int32_t* t2 = tree_rows.data() + static_cast<size_t>(tree_row[2]) * nt;
    for (int t = 0; t < nt; ++t) scores[t] = stack_row[t] + n0_row[t] + t0[t] + t1[t] + t2[t];
    weights.ScoreRaw(feats, nf, scores);
    // The first valid transition of highest score: invalid ones get the lowest int32, which no
    // valid score reaches (|score| <= kMaxFeatures x 32767), and some transition is valid.
    // Valid(s, t) here, where the stack is not empty and the root arc is not forced: SHIFT and
    // LEFT need a word in the buffer, RIGHT two on the stack; neither arc of the root group.
    constexpr int32_t kInvalid = std::numeric_limits<int32_t>::min();
    const int groups = num_groups, root_group = group_of[root_label];
    if (s.b == n)
      for (int t = 0; t <= groups; ++t) scores[t] = kInvalid;
    if (ss < 2)
      for (int t = 1 + groups; t < nt; ++t) scores[t] = kInvalid;
    scores[1 + root_group] = kInvalid;
    scores[1 + groups + root_group] = kInvalid;
    const int best = ArgMaxFirst(scores, nt);
    int label = root_label;
    if (best != kShift) {
      const int g = GroupOf(best);
      if (SingleLabel(g)) {
        label = OnlyLabel(g);
      } else {
        int h, d;
        ArcOf(s, best, &h, &d);
        label = BestLabel(g, feats, LabelFeatures(s, h, d, atoms, tags, cl, feats));
      }
    }
    Apply(&s, best, label);
  }
  for (int i = 0; i < n; ++i) {
    int h = s.head[i];
    (*heads)[i] = (h < 0 || h == n) ? -1 : h;
    (*label_ids)[i] = s.label[i] < 0 ? root_label : s.label[i];
  }
}

namespace {
struct BeamHyp {
  ParseState s;
  int64_t score = 0;
};
struct BeamCandidate {
  int64_t score;
  int hyp, t;
};
}  // namespace

int64_t Parser::ParseBeamInOrder(const std::vector<WordAtoms>& atoms,
                                 const std::vector<uint64_t>& tags, int beam_width,
                                 std::vector<int>* heads, std::vector<int>* label_ids) const {
  const int n = static_cast<int>(atoms.size());
  heads->assign(n, -1);
  label_ids->assign(n, root_label);
  if (n == 0) return 0;
  const size_t width = static_cast<size_t>(std::max(beam_width, 1));
  thread_local std::vector<uint64_t> cl;
  thread_local std::vector<int32_t> rows;
  thread_local std::vector<uint64_t> part_feats;
  thread_local std::vector<int> part_count;
  thread_local std::vector<BeamHyp> beam, next;
  thread_local std::vector<BeamCandidate> cands;
  clusters.LookupAll(atoms, &cl);
  const int nt = num_transitions();
  beam.resize(1);
  ScorePositionRows(weights, nt, &beam[0].s, atoms, tags, cl, &rows, &part_feats, &part_count);
  beam[0].s.Init(n);
  beam[0].score = 0;
  uint64_t feats[kMaxFeatures];
  int32_t scores[2048];
  constexpr unsigned kPerConfiguration = kPartRest | kPartS0Tree | kPartN0Tree | kPartS1Tree;
  // Every hypothesis makes exactly 2n transitions (each word is shifted once and attached
  // once), so the beam advances in lock step and all its hypotheses end together.
  while (!beam[0].s.Terminal()) {
    cands.clear();
    for (size_t hi = 0; hi < beam.size(); ++hi) {
      const ParseState& s = beam[hi].s;
      const int ss = static_cast<int>(s.stack.size());
      if (ss == 0 || (s.b == n && ss == 1)) {
        std::fill(scores, scores + nt, 0);
        weights.ScoreRaw(feats, Features(s, atoms, tags, cl, feats), scores);
        const int t = ss == 0 ? kShift : 1 + group_of[root_label];
        cands.push_back({beam[hi].score + scores[t], static_cast<int>(hi), t});
        continue;
      }
      const int S0 = s.stack[ss - 1], S1 = ss > 1 ? s.stack[ss - 2] : -1;
      const int32_t* n0_row = rows.data() + static_cast<size_t>(3 * s.b) * nt;
      const int32_t* s0_row = rows.data() + static_cast<size_t>(3 * S0 + 1) * nt;
      const int32_t* s1_row = rows.data() + static_cast<size_t>(3 * (S1 + 1) + 2) * nt;
      for (int t = 0; t < nt; ++t) scores[t] = n0_row[t] + s0_row[t] + s1_row[t];
      const int nf = Features(s, atoms, tags, cl, feats, kPerConfiguration);
      weights.ScoreRaw(feats, nf, scores);
      for (int t = 0; t < nt; ++t)
        if (Valid(s, t)) cands.push_back({beam[hi].score + scores[t], static_cast<int>(hi), t});
    }
    if (cands.empty()) break;  // unreachable: some transition is always valid before the end
    const size_t k = std::min(width, cands.size());
    auto better = [](const BeamCandidate& a, const BeamCandidate& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.hyp != b.hyp ? a.hyp < b.hyp : a.t < b.t;
    };
    std::partial_sort(cands.begin(), cands.begin() + k, cands.end(), better);
    next.resize(k);
    for (size_t i = 0; i < k; ++i) {
      const BeamCandidate& c = cands[i];
      const ParseState& from = beam[c.hyp].s;
      int label = root_label;
      if (c.t != kShift) {
        const int g = GroupOf(c.t);
        if (SingleLabel(g)) {
          label = OnlyLabel(g);
        } else {
          int h, d;
          ArcOf(from, c.t, &h, &d);
          label = BestLabel(g, feats, LabelFeatures(from, h, d, atoms, tags, cl, feats));
        }
      }
      next[i].s = from;  // copy-assignment keeps next[i]'s capacity
      next[i].score = c.score;
      Apply(&next[i].s, c.t, label);
    }
    beam.swap(next);
  }
  const ParseState& s = beam[0].s;
  for (int i = 0; i < n; ++i) {
    const int h = s.head[i];
    (*heads)[i] = (h < 0 || h == n) ? -1 : h;
    (*label_ids)[i] = s.label[i] < 0 ? root_label : s.label[i];
  }
  return beam[0].score;
}

void Parser::ParseReferenceInOrder(const std::vector<WordAtoms>& atoms,
                                   const std::vector<uint64_t>& tags, std::vector<int>* heads,
                                   std::vector<int>* label_ids,
                                   const LookupObserver& observer) const {
  const int n = static_cast<int>(atoms.size());
  heads->assign(n, -1);
  label_ids->assign(n, root_label);
  if (n == 0) return;
  std::vector<uint64_t> cl;
  clusters.LookupAll(atoms, &cl);
  ParseState s;
  s.Init(n);
  if (observer) {
    uint64_t keys[3][kPartMax];
    uint64_t* const out[3] = {keys[0], keys[1], keys[2]};
    int count[3];
    for (int i = 0; i <= n; ++i) {
      PositionParts(&s, i, atoms, tags, cl, out, count);
      for (int p = 0; p < 3; ++p)
        if (count[p] > 0) observer(Table::kTransitions, keys[p], count[p]);
    }
    s.Init(n);
  }
  constexpr unsigned kPerConfiguration = kPartRest | kPartS0Tree | kPartN0Tree | kPartS1Tree;
  const int nt = num_transitions();
  std::vector<int32_t> scores(nt);
  uint64_t feats[kMaxFeatures];
  while (!s.Terminal()) {
    const int ss = static_cast<int>(s.stack.size());
    const bool forced = ss == 0 || (s.b == n && ss == 1);
    if (observer && !forced)
      observer(Table::kTransitions, feats, Features(s, atoms, tags, cl, feats, kPerConfiguration));
    const int nf = Features(s, atoms, tags, cl, feats);
    std::fill(scores.begin(), scores.end(), 0);
    weights.ScoreRaw(feats, nf, scores.data());
    int best = -1;
    for (int t = 0; t < nt; ++t)
      if (Valid(s, t) && (best < 0 || scores[t] > scores[best])) best = t;
    if (best < 0) break;  // unreachable: some transition is always valid before the end
    int label = root_label;
    if (best != kShift) {
      const int g = GroupOf(best);
      if (SingleLabel(g)) {
        label = OnlyLabel(g);
      } else {
        int h, d;
        ArcOf(s, best, &h, &d);
        const int nl = LabelFeatures(s, h, d, atoms, tags, cl, feats);
        if (observer) observer(Table::kLabels, feats, nl);
        label = BestLabel(g, feats, nl);
      }
    }
    Apply(&s, best, label);
  }
  for (int i = 0; i < n; ++i) {
    const int h = s.head[i];
    (*heads)[i] = (h < 0 || h == n) ? -1 : h;
    (*label_ids)[i] = s.label[i] < 0 ? root_label : s.label[i];
  }
}

void Parser::ReadingOrder(const std::vector<WordAtoms>& atoms, std::vector<int>* order) const {
  const int n = static_cast<int>(atoms.size());
  order->resize(n);
  if (!reverse) {
    for (int i = 0; i < n; ++i) (*order)[i] = i;
    return;
  }
  int body = n;  // words before the final punctuation run
  if (punct_last) {
    while (body > 0 && (atoms[body - 1].flags & WordAtoms::kAllPunct)) --body;
    if (body == 0) body = n;
  }
  for (int k = 0; k < body; ++k) (*order)[k] = body - 1 - k;
  for (int k = body; k < n; ++k) (*order)[k] = k;
}

void Projectivize(std::vector<int>* heads, int root) {
  std::vector<int>& hd = *heads;
  const int n = static_cast<int>(hd.size());
  auto dominates = [&](int h, int k) {  // is h a proper ancestor of k?
    for (int steps = 0; k != root && steps <= n; ++steps) {
      k = hd[k];
      if (k == h) return true;
    }
    return h == root;
  };
  for (int round = 0; round < n * n; ++round) {
    int worst = -1, worst_len = n + 1;
    for (int d = 0; d < n; ++d) {
      const int h = hd[d];
      if (h == root) continue;
      const int lo = std::min(h, d), hi = std::max(h, d);
      if (hi - lo >= worst_len) continue;  // cannot be the shortest
      for (int k = lo + 1; k < hi; ++k)
        if (!dominates(h, k)) {
          worst_len = hi - lo;
          worst = d;
          break;
        }
    }
    if (worst < 0) return;
    hd[worst] = hd[hd[worst]];
  }
}

namespace {
// Permutes one sentence's atoms and tags into reading order (order from ReadingOrder).
void PermuteInput(const std::vector<int>& order, const std::vector<WordAtoms>& atoms,
                  const std::vector<uint64_t>& tags, std::vector<WordAtoms>* ratoms,
                  std::vector<uint64_t>* rtags) {
  const size_t n = order.size();
  ratoms->resize(n);
  rtags->resize(n);
  for (size_t k = 0; k < n; ++k) {
    (*ratoms)[k] = atoms[order[k]];
    (*rtags)[k] = tags[order[k]];
  }
}
// Maps a parse in reading order (rheads/rlabels; heads -1 for the root) back to sentence order.
// The parse is projective in reading order. Read right to left plainly, it stays projective in
// sentence order (a mirror image); with the final punctuation read last (ReadingOrder), arcs
// with an end in that run may not be, and Projectivize lifts them (as training projectivises),
// so callers, CombineParses among them, get projective trees with one root.
void UnpermuteParse(const std::vector<int>& order, const std::vector<int>& rheads,
                    const std::vector<int>& rlabels, std::vector<int>* heads,
                    std::vector<int>* label_ids) {
  const int n = static_cast<int>(rheads.size());
  heads->resize(n);
  label_ids->resize(n);
  for (int k = 0; k < n; ++k) {
    const int h = rheads[k];
    (*heads)[order[k]] = h < 0 ? -1 : order[h];
    (*label_ids)[order[k]] = rlabels[k];
  }
  const int body = n > 0 ? order[0] + 1 : 0;  // words read right to left; the run follows
  if (body < n) Projectivize(heads, -1);
}
}  // namespace

void Parser::Parse(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                   std::vector<int>* heads, std::vector<int>* label_ids) const {
  if (!reverse) return ParseInOrder(atoms, tags, heads, label_ids);
  thread_local std::vector<WordAtoms> ratoms;
  thread_local std::vector<uint64_t> rtags;
  thread_local std::vector<int> order, rheads, rlabels;
  ReadingOrder(atoms, &order);
  PermuteInput(order, atoms, tags, &ratoms, &rtags);
  ParseInOrder(ratoms, rtags, &rheads, &rlabels);
  UnpermuteParse(order, rheads, rlabels, heads, label_ids);
}

int64_t Parser::ParseBeam(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                          int beam_width, std::vector<int>* heads,
                          std::vector<int>* label_ids) const {
  if (!reverse) return ParseBeamInOrder(atoms, tags, beam_width, heads, label_ids);
  thread_local std::vector<WordAtoms> ratoms;
  thread_local std::vector<uint64_t> rtags;
  thread_local std::vector<int> order, rheads, rlabels;
  ReadingOrder(atoms, &order);
  PermuteInput(order, atoms, tags, &ratoms, &rtags);
  const int64_t score = ParseBeamInOrder(ratoms, rtags, beam_width, &rheads, &rlabels);
  UnpermuteParse(order, rheads, rlabels, heads, label_ids);
  return score;
}

void Parser::ParseReference(const std::vector<WordAtoms>& atoms, const std::vector<uint64_t>& tags,
                            std::vector<int>* heads, std::vector<int>* label_ids,
                            const LookupObserver& observer) const {
  if (!reverse) return ParseReferenceInOrder(atoms, tags, heads, label_ids, observer);
  std::vector<WordAtoms> ratoms;
  std::vector<uint64_t> rtags;
  std::vector<int> order, rheads, rlabels;
  ReadingOrder(atoms, &order);
  PermuteInput(order, atoms, tags, &ratoms, &rtags);
  ParseReferenceInOrder(ratoms, rtags, &rheads, &rlabels, observer);
  UnpermuteParse(order, rheads, rlabels, heads, label_ids);
}

std::string Parser::Serialize(const ModelHeader& header) const {
  ByteWriter w;
  w.U32(static_cast<uint32_t>(labels.size()));
  for (const std::string& l : labels) w.Str(l);
  w.U32(static_cast<uint32_t>(root_label));
  w.U32(static_cast<uint32_t>(num_groups));
  for (int g : group_of) w.U32(static_cast<uint32_t>(g));
  weights.Serialize(&w);
  label_weights.Serialize(&w);
  clusters.Serialize(&w);
  ModelHeader h = header;
  if (reverse && h.version < 3) h.version = 3;
  if (h.version >= 3) w.U8(!reverse ? 0 : (punct_last ? 2 : 1));
  return EncodeModel(h, w.bytes());
}

Result<std::unique_ptr<Parser>> Parser::Load(std::string_view bytes, const std::string& name) {
  ModelHeader header;
  std::string payload;
  ENTENTE_RETURN_IF_ERROR(
      DecodeModel(bytes, name, ModelKind::kParser, Fingerprint(), &header, &payload));
  auto p = std::make_unique<Parser>();
  ByteReader r(payload);
  uint32_t nl = r.U32();
  if (!r.Plausible(nl, 4) || nl == 0 || nl > 1000) return Status::Corruption(name + ": bad label table");
  for (uint32_t i = 0; i < nl; ++i) p->labels.push_back(r.Str());
  p->root_label = static_cast<int>(r.U32());
  if (!r.ok() || p->root_label >= static_cast<int>(nl))
    return Status::Corruption(name + ": bad root label");
  p->num_groups = static_cast<int>(r.U32());
  if (!r.ok() || p->num_groups < 1 || p->num_groups > static_cast<int>(nl))
    return Status::Corruption(name + ": bad label groups");
  std::vector<bool> used(p->num_groups, false);
  for (uint32_t i = 0; i < nl; ++i) {
    const uint32_t g = r.U32();
    if (!r.ok() || g >= static_cast<uint32_t>(p->num_groups))
      return Status::Corruption(name + ": bad label groups");
    p->group_of.push_back(static_cast<int>(g));
    used[g] = true;
  }
  for (uint32_t i = 0; i < nl; ++i)
    if (p->group_of[i] == p->group_of[p->root_label] && static_cast<int>(i) != p->root_label)
      return Status::Corruption(name + ": label groups: root must be alone in its group");
  if (std::find(used.begin(), used.end(), false) != used.end())
    return Status::Corruption(name + ": label groups: empty group");
  p->IndexGroups();
  if (!p->weights.Deserialize(&r) || p->weights.num_classes() != p->num_transitions() ||
      !p->label_weights.Deserialize(&r) || p->label_weights.num_classes() != p->num_labels() ||
      !p->clusters.Deserialize(&r))
    return Status::Corruption(name + ": malformed parser weights");
  if (header.version >= 3) {
    const uint8_t direction = r.U8();
    if (!r.ok() || direction > 2)
      return Status::Corruption(name + ": bad parser direction (expected 0, 1 or 2)");
    p->reverse = direction >= 1;
    p->punct_last = direction == 2;
  }
  if (!r.at_end()) return Status::Corruption(name + ": malformed parser weights (trailing bytes)");
  return p;
}

}  // namespace entente::nlp
