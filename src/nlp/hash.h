// Feature hashing shared by the nlp models: 64-bit string hashes and a mixer that combines a
// template id with hashed atoms. Values are part of the model format (a model stores hashed
// feature keys), so changing anything here requires bumping kModelFormatVersion.
#ifndef ENTENTE_NLP_HASH_H_
#define ENTENTE_NLP_HASH_H_

#include <cstdint>
#include <string_view>

namespace entente::nlp {

// FNV-1a 64 over the bytes, finished with a murmur-style avalanche.
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// Order-dependent combination of two 64-bit values.
[[gnu::always_inline]] inline uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t h = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull + (a << 6) + (a >> 2));
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return h;
}

// Feature key for template `t` over atoms; never 0 (0 marks an empty hash-table slot).
[[gnu::always_inline]] inline uint64_t Feat(uint64_t t, uint64_t a) { return Mix(t + 1, a) | 1; }
[[gnu::always_inline]] inline uint64_t Feat(uint64_t t, uint64_t a, uint64_t b) { return Mix(Mix(t + 1, a), b) | 1; }
[[gnu::always_inline]] inline uint64_t Feat(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
  return Mix(Mix(Mix(t + 1, a), b), c) | 1;
}

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_HASH_H_
