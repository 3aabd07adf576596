#include <cstdint>
#include <cstdio>

#include "entente/document.h"

namespace entente {

namespace {
// FNV-1a 64 with a caller-chosen offset basis; two bases give a 128-bit key.
uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}
}  // namespace

std::string ContentHash(std::string_view title, std::string_view text) {
  uint64_t a = Fnv1a(0xcbf29ce484222325ULL, title);
  a = Fnv1a(a, std::string_view("\x1f", 1));
  a = Fnv1a(a, text);
  uint64_t b = Fnv1a(0x84222325cbf29ce4ULL, text);
  b = Fnv1a(b, std::string_view("\x1f", 1));
  b = Fnv1a(b, title);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace entente
