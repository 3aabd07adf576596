// UTF-8 decoding and repair shared by the readers and the segmenter (internal to src/text).
#ifndef ENTENTE_TEXT_UTF8_H_
#define ENTENTE_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace entente::text {

// Decodes the code point at s[i] (i < n). Returns U+FFFD with *len = 1 for a byte that does not
// start a valid, complete, shortest-form sequence, so callers always make progress.
inline char32_t DecodeUtf8(const char* s, size_t n, size_t i, int* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  auto cont = [&](size_t k) {
    return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
  };
  if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
    *len = 2;
    return ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && cont(i + 1) && cont(i + 2)) {
    char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *len = 3;
      return cp;
    }
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    char32_t cp = ((c & 0x07) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
                  ((static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(s[i + 3]) & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      *len = 4;
      return cp;
    }
  }
  *len = 1;
  return 0xFFFD;
}

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// Streaming UTF-8 repair: every maximal ill-formed subsequence (a stray byte, or the valid
// prefix of a truncated sequence) becomes one U+FFFD. Input may be fed in chunks that split
// sequences anywhere. A leading UTF-8 byte-order mark is dropped.
class Utf8Repairer {
 public:
  // Appends the repaired form of `data` to `out`; an incomplete sequence at the end is held
  // back until the next call or Finish().
  void Feed(std::string_view data, std::string* out);
  // Flushes a held-back incomplete sequence (as U+FFFD).
  void Finish(std::string* out);

  int64_t bad_sequences() const { return bad_; }
  // Input byte offset of the first ill-formed sequence; -1 when none.
  int64_t first_bad_offset() const { return first_bad_; }
  // Restarts offsets at `base` (bytes already consumed elsewhere), keeping the counts.
  void SetOffset(int64_t base) { offset_ = base; }

 private:
  void Bad(int64_t at) {
    if (first_bad_ < 0) first_bad_ = at;
    ++bad_;
  }
  std::string pending_;   // an incomplete trailing sequence from the previous chunk
  int64_t offset_ = 0;    // input offset of the first byte of the next Feed (minus pending)
  int64_t bad_ = 0;
  int64_t first_bad_ = -1;
  bool started_ = false;  // BOM check done
};

// Repairs a whole buffer at once; see Utf8Repairer.
std::string RepairUtf8(std::string_view data, int64_t* bad_sequences, int64_t* first_bad_offset);

}  // namespace entente::text

#endif  // ENTENTE_TEXT_UTF8_H_
