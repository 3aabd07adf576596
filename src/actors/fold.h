// Token folding for phrase matching. A phrase from a knowledge file and a token of a Document
// are both cut into the same sequence of "parts" so that the match does not depend on how the
// tokenizer split the text or how the phrase was written:
//   - ASCII letters are lower-cased; Latin-1 and Latin Extended-A letters lose their accents
//     ("Côte" -> "cote", "Łódź" -> "lodz");
//   - hyphens (and U+2010, U+2011, U+2013) separate parts: "Jong-un" -> "jong", "un";
//   - an apostrophe (', U+2018, U+2019, U+02BC) is a part of its own: "Workers'" -> "workers",
//     "'"; "Korea's" -> "korea", "'", "s" (whether or not the tokenizer split off "'s");
//   - periods are dropped inside a chunk that has a letter or digit ("U.S." and "U.S" -> "us");
//     a chunk of periods alone is the part ".";
//   - other ASCII punctuation and curly double quotes are single-character parts;
//   - white space separates chunks (a Document token never contains any).
// Parts are reported with the byte range of the source they came from, so callers can check
// the original case (the all-caps acronym rule) and map parts back to tokens.
#ifndef ENTENTE_ACTORS_FOLD_H_
#define ENTENTE_ACTORS_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace entente::actors {

// Calls fn(std::string_view folded, uint32_t src_begin, uint32_t src_end) for each part of `s`,
// in order. `scratch` is reused storage (no allocation once it has grown); the view passed to
// fn is valid only during the call.
template <typename Fn>
void FoldParts(std::string_view s, std::string& scratch, Fn&& fn);

// Convenience for load time and tests: the folded parts of `s`.
std::string FoldJoined(std::string_view s);  // parts joined by single spaces

namespace fold_internal {

// Accent-stripped ASCII for U+00C0..U+00FF ('\0' = not a letter; keep as is). Æ, Þ, ß expand.
inline const char* Latin1Base(uint32_t cp) {
  static const char* const kTable[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  return kTable[cp - 0xC0];
}

// Accent-stripped lower-case ASCII for U+0100..U+017F.
inline char LatinExtABase(uint32_t cp) {
  static const char kTable[] =
      "aaaaaaccccccccdd"
      "ddeeeeeeeeeegggg"
      "gggghhhhiiiiiiii"
      "iijjjjkkklllllll"
      "lllnnnnnnnnnoooo"
      "oooorrrrrrssssss"
      "ssttttttuuuuuuuu"
      "uuuuwwyyyzzzzzzs";
  return kTable[cp - 0x100];
}

inline bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace fold_internal

template <typename Fn>
void FoldParts(std::string_view s, std::string& scratch, Fn&& fn) {
  using namespace fold_internal;
  const size_t n = s.size();
  size_t chunk_begin = 0;
  while (chunk_begin < n) {
    // One whitespace-delimited chunk.
    while (chunk_begin < n && (s[chunk_begin] == ' ' || s[chunk_begin] == '\t' ||
                               s[chunk_begin] == '\n' || s[chunk_begin] == '\r'))
      ++chunk_begin;
    size_t chunk_end = chunk_begin;
    bool has_alnum = false;
    while (chunk_end < n && s[chunk_end] != ' ' && s[chunk_end] != '\t' && s[chunk_end] != '\n' &&
           s[chunk_end] != '\r') {
      unsigned char c = static_cast<unsigned char>(s[chunk_end]);
      if (IsAsciiAlnum(c) || c >= 0x80) has_alnum = true;
      ++chunk_end;
    }
    scratch.clear();
    uint32_t part_begin = static_cast<uint32_t>(chunk_begin), part_end = part_begin;
    auto flush = [&] {
      if (!scratch.empty()) fn(std::string_view(scratch), part_begin, part_end);
      scratch.clear();
    };
    auto single = [&](std::string_view part, size_t b, size_t e) {
      flush();
      fn(part, static_cast<uint32_t>(b), static_cast<uint32_t>(e));
    };
    size_t i = chunk_begin;
    while (i < chunk_end) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      size_t len = 1;
      if (c < 0x80) {
        if (IsAsciiAlnum(c)) {
          if (scratch.empty()) part_begin = static_cast<uint32_t>(i);
          scratch.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
          part_end = static_cast<uint32_t>(i + 1);
        } else if (c == '-') {
          flush();
        } else if (c == '\'') {
          single("'", i, i + 1);
        } else if (c == '.') {
          if (!has_alnum) single(".", i, i + 1);
          else if (!scratch.empty()) part_end = static_cast<uint32_t>(i + 1);
        } else {
          single(std::string_view(s.data() + i, 1), i, i + 1);
        }
      } else {
        // Multi-byte UTF-8 sequence (the text is valid UTF-8; stray bytes are copied).
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0 && i + 1 < chunk_end) {
          len = 2;
          cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        } else if ((c & 0xF0) == 0xE0 && i + 2 < chunk_end) {
          len = 3;
          cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
               (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        } else if ((c & 0xF8) == 0xF0 && i + 3 < chunk_end) {
          len = 4;
        }
        if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
          flush();
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
          single("'", i, i + len);
        } else if (cp == 0x201C || cp == 0x201D) {
          single("\"", i, i + len);
        } else {
          if (scratch.empty()) part_begin = static_cast<uint32_t>(i);
          if (cp >= 0xC0 && cp <= 0xFF && Latin1Base(cp)) {
            scratch.append(Latin1Base(cp));
          } else if (cp >= 0x100 && cp <= 0x17F) {
            scratch.push_back(LatinExtABase(cp));
          } else {
            scratch.append(s.data() + i, len);
          }
          part_end = static_cast<uint32_t>(i + len);
        }
      }
      i += len;
    }
    flush();
    chunk_begin = chunk_end;
  }
}

}  // namespace entente::actors

#endif  // ENTENTE_ACTORS_FOLD_H_
