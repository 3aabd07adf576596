// Hashed lexical atoms of one word (normalised form, prefixes, suffixes, shape, flags), computed
// once per token and shared by every feature template of the tagger, parser and entity tagger.
#ifndef ENTENTE_NLP_WORD_ATOMS_H_
#define ENTENTE_NLP_WORD_ATOMS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace entente::nlp {

struct WordAtoms {
  uint64_t form = 0;    // exact form
  uint64_t norm = 0;    // ASCII-lower-cased, digits mapped to '0'
  uint64_t shape = 0;   // collapsed shape: "Xx", "d.d", "XX-d"
  uint64_t pre[3] = {0, 0, 0};  // first 1..3 characters of norm
  uint64_t suf[4] = {0, 0, 0, 0};  // last 1..4 characters of norm
  uint32_t flags = 0;   // kHasDigit | kHasUpper | ...
  enum : uint32_t {
    kHasDigit = 1, kHasUpper = 2, kInitUpper = 4, kAllUpper = 8, kHasHyphen = 16,
    kHasPeriod = 32, kAllPunct = 64, kHasLower = 128, kLong = 256, kNonAscii = 512,
  };
};

// `norm_out`, when not null, receives the normalised form.
WordAtoms ComputeAtoms(std::string_view form, std::string* norm_out = nullptr);

// Atoms standing for positions before the first / after the last word.
const WordAtoms& StartAtoms();
const WordAtoms& EndAtoms();

// ASCII lower-casing (UTF-8 bytes >= 0x80 are left alone).
std::string AsciiLower(std::string_view s);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_WORD_ATOMS_H_
