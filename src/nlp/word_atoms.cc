#include "nlp/word_atoms.h"

#include "nlp/hash.h"

namespace entente::nlp {
namespace {

// Byte offsets where UTF-8 characters start, limited to what the atoms need.
size_t PrefixBytes(std::string_view s, int chars) {
  size_t i = 0;
  int c = 0;
  while (i < s.size() && c < chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++c;
  }
  return i;
}

size_t SuffixStart(std::string_view s, int chars) {
  size_t i = s.size();
  int c = 0;
  while (i > 0 && c < chars) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    ++c;
  }
  return i;
}

WordAtoms Special(const char* what) {
  WordAtoms a;
  a.form = a.norm = a.shape = HashString(what);
  for (auto& p : a.pre) p = a.form;
  for (auto& s : a.suf) s = a.form;
  a.flags = 1u << 20;
  return a;
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

WordAtoms ComputeAtoms(std::string_view form, std::string* norm_out) {
  WordAtoms a;
  // norm in a stack buffer for the usual short word (a string only for long ones).
  constexpr size_t kShort = 64;
  char short_norm[kShort];
  std::string long_norm;
  char* norm = short_norm;
  if (form.size() > kShort) {
    long_norm.resize(form.size());
    norm = long_norm.data();
  }
  size_t nn = 0;
  char shape[8];
  size_t ns = 0;
  bool has_upper = false, has_lower = false, has_digit = false, all_punct = true;
  bool all_upper_letters = true, non_ascii = false;
  char last_shape = 0;
  int run = 0;
  for (char ch : form) {
    unsigned char c = static_cast<unsigned char>(ch);
    char sc;
    if (c >= 'A' && c <= 'Z') {
      has_upper = true;
      all_punct = false;
      norm[nn++] = static_cast<char>(c - 'A' + 'a');
      sc = 'X';
    } else if (c >= 'a' && c <= 'z') {
      has_lower = true;
      all_upper_letters = false;
      all_punct = false;
      norm[nn++] = ch;
      sc = 'x';
    } else if (c >= '0' && c <= '9') {
      has_digit = true;
      all_punct = false;
      norm[nn++] = '0';
      sc = 'd';
    } else if (c >= 0x80) {
      non_ascii = true;
      norm[nn++] = ch;
      if ((c & 0xC0) == 0x80) continue;  // continuation byte: one shape char per code point
      sc = 'u';
    } else {
      norm[nn++] = ch;
      sc = ch;
    }
    if (sc == last_shape) {
      if (++run >= 2) continue;
    } else {
      run = 0;
      last_shape = sc;
    }
    if (ns < sizeof(shape)) shape[ns++] = sc;
  }
  const std::string_view nv(norm, nn);
  a.form = HashString(form);
  a.norm = HashString(nv);
  a.shape = HashString(std::string_view(shape, ns));
  for (int k = 0; k < 3; ++k) a.pre[k] = HashString(nv.substr(0, PrefixBytes(nv, k + 1)));
  for (int k = 0; k < 4; ++k) a.suf[k] = HashString(nv.substr(SuffixStart(nv, k + 1)));
  if (has_digit) a.flags |= WordAtoms::kHasDigit;
  if (has_upper) a.flags |= WordAtoms::kHasUpper;
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') a.flags |= WordAtoms::kInitUpper;
  if (has_upper && all_upper_letters) a.flags |= WordAtoms::kAllUpper;
  if (form.find('-') != std::string_view::npos) a.flags |= WordAtoms::kHasHyphen;
  if (form.find('.') != std::string_view::npos) a.flags |= WordAtoms::kHasPeriod;
  if (all_punct && !non_ascii) a.flags |= WordAtoms::kAllPunct;
  if (has_lower) a.flags |= WordAtoms::kHasLower;
  if (form.size() > 12) a.flags |= WordAtoms::kLong;
  if (non_ascii) a.flags |= WordAtoms::kNonAscii;
  if (norm_out) norm_out->assign(nv);
  return a;
}

const WordAtoms& StartAtoms() {
  static const WordAtoms a = Special("<s>");
  return a;
}
const WordAtoms& EndAtoms() {
  static const WordAtoms a = Special("</s>");
  return a;
}

}  // namespace entente::nlp
