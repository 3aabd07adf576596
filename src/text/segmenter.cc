// Sentence segmentation and tokenization for English news text.
//
// Choice: a hand-written single-pass UTF-8 scanner, with ICU used only for the character
// properties of non-ASCII code points (u_charType, u_isupper, UCHAR_IDEOGRAPHIC, UCHAR_S_TERM).
// ICU's BreakIterator was rejected: its sentence rules run at a few MB/s, know nothing of news
// conventions (datelines, "U.S." before "President", "Gen.", "a.m. Monday"), and its word
// iterator would still need a second pass to split possessives and contractions. A table-driven
// scanner does both jobs at well over 50 MB/s (bench/text_bench.cc) and keeps every rule here.
//
// Algorithm, in three steps over Document::text:
//  1. Line analysis (one memchr pass): is the text hard-wrapped (every line <= 120 bytes and most
//     lines near the longest)? In wrapped text a single newline is a space unless the line
//     before it is short (< 60% of the longest); otherwise every newline ends a sentence
//     (one paragraph per line, as in most saved news). A blank line always does.
//  2. Tokenization: whitespace separates tokens and is remembered per token (space before,
//     line start, forced break). A word is a run of letters, digits and marks, extended across
//     a hyphen between word characters ("Jong-un", "three-way", "COVID-19"), an apostrophe
//     inside a word ("O'Brien"), digit separators inside numbers ("3.5", "1,000,000", "10:30"),
//     '&' between capitals ("AT&T") and a period before a lower-case letter ("example.com").
//     Clitics are split Penn-Treebank style: "Beijing's" -> "Beijing" "'s", "didn't" -> "did"
//     "n't" ("can't" -> "ca" "n't", "won't" -> "wo" "n't"), "leaders'" -> "leaders" "'".
//     A period joins the word before it when the word is a known abbreviation (normalize.h), a
//     single capital (initials), or part of a dotted sequence ("U.S.", "a.m.", "Ph.D."); such
//     tokens carry kAbbreviation. URLs (http://, https://, www.), e-mail addresses, @handles and
//     #hashtags are single tokens. Runs of the same punctuation ("...", "--", "!!!") are one
//     token; "…", "—" and "–" are tokens of their own. Han ideographs are one token each.
//  3. Sentences: a sentence ends at a forced break (blank line, newline per step 1, the end of
//     a dateline) or after a terminator (. ? ! … and Unicode sentence terminators), with any
//     closing quotes and brackets attached to it (`."` ends after the quote), when the next
//     token can start a sentence (not lower case, not a comma...). After an abbreviation the
//     decision depends on its class: titles never end a sentence, "U.S."-like ones only before a
//     function word ("The", "He"), "a.m."/"Inc."-like ones before any capitalised word other
//     than a month or weekday name. Sentences longer than kMaxSentenceTokens are cut.
//
// Datelines ("BEIJING (Reuters) -") are matched on the token stream at the first line starts and
// become a sentence of their own (FindDateline). A dateline's day ("BEIJING, March 28
// (Reuters) -") dates the story: when it lies within kDatelineDays of doc->date (a feed's date
// may be a day off the story's, in another time zone or published later), doc->date becomes that
// day, so the story's undated acts and its weekdays count from it. Invalid UTF-8 in the text never crashes the
// scanner: each bad byte is a one-byte symbol token.
#include "text/segmenter.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/pipeline.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace entente {
namespace text {
namespace {

// ASCII character classes.
enum : uint8_t { kW = 1, kU = 2, kL = 4, kD = 8, kS = 16, kN = 32 };

constexpr std::array<uint8_t, 128> MakeAsciiTable() {
  std::array<uint8_t, 128> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kW | kU;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kW | kL;
  for (int c = '0'; c <= '9'; ++c) t[c] = kW | kD;
  // C0 controls other than newline count as spaces, so stray control bytes never stop a scan.
  for (int c = 0; c < 32; ++c) t[c] = kS;
  t[' '] = kS;
  t['\n'] = kN;
  t[127] = kS;
  return t;
}
constexpr std::array<uint8_t, 128> kAscii = MakeAsciiTable();

inline bool IsAsciiAlpha(unsigned char c) { return c < 128 && (kAscii[c] & (kU | kL)); }
inline bool IsAsciiUpper(unsigned char c) { return c < 128 && (kAscii[c] & kU); }
inline bool IsAsciiLower(unsigned char c) { return c < 128 && (kAscii[c] & kL); }
inline bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(unsigned char c) { return c < 128 && (kAscii[c] & kW); }

// Classes of non-ASCII code points.
enum class U : uint8_t {
  kSpace, kNewline, kPara, kLetter, kDigit, kIdeo, kApos, kHyphen, kDash, kEllipsis, kQuote,
  kTerm, kPunct, kSymbol
};

U ClassifyCp(char32_t c) {
  switch (c) {
    case 0x2019: return U::kApos;
    case 0x2010: case 0x2011: return U::kHyphen;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B: return U::kDash;
    case 0x2026: return U::kEllipsis;
    case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:
      return U::kQuote;
    case 0x0085: case 0x2028: return U::kNewline;
    case 0x2029: return U::kPara;
    case 0x200B: case 0x2060: case 0xFEFF: return U::kSpace;
    case 0x00AD: case 0x200C: case 0x200D: return U::kLetter;  // soft hyphen, joiners
    case 0xFFFD: return U::kSymbol;
    default: break;
  }
  if (u_isUWhiteSpace(static_cast<UChar32>(c))) return U::kSpace;
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) return U::kIdeo;
  const uint32_t mask = U_MASK(u_charType(static_cast<UChar32>(c)));
  if (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_NL_MASK | U_GC_NO_MASK)) return U::kLetter;
  if (mask & U_GC_ND_MASK) return U::kDigit;
  if (mask & U_GC_P_MASK)
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_S_TERM) ? U::kTerm : U::kPunct;
  return U::kSymbol;
}

// Per-token whitespace facts, parallel to Document::tokens.
enum : uint8_t { kGapSpace = 1, kGapLineStart = 2, kGapBreak = 4 };

struct LineInfo {
  bool wrapped = false;
  size_t short_line = 0;  // in wrapped text, a line shorter than this ends a sentence
};

LineInfo AnalyzeLines(const char* s, size_t n) {
  constexpr size_t kMaxWrapped = 120;
  size_t hist[kMaxWrapped + 1] = {};
  size_t max_len = 0, nonempty = 0;
  const char* p = s;
  const char* end = s + n;
  while (p < end) {
    const char* q = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (!q) q = end;
    size_t len = static_cast<size_t>(q - p);
    while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t')) --len;
    if (len > kMaxWrapped) return {};
    if (len > 0) {
      ++hist[len];
      ++nonempty;
      if (len > max_len) max_len = len;
    }
    p = q + 1;
  }
  if (nonempty < 4 || max_len < 40) return {};
  size_t near_max = 0;
  for (size_t l = max_len * 3 / 4; l <= max_len; ++l) near_max += hist[l];
  if (near_max * 2 < nonempty) return {};
  return {true, max_len * 6 / 10};
}

class Tokenizer {
 public:
  Tokenizer(Document* doc, size_t n, std::vector<uint8_t>* gaps)
      : s_(doc->text.data()), n_(n), tokens_(&doc->tokens), gaps_(gaps) {}

  void Run() {
    lines_ = AnalyzeLines(s_, n_);
    size_t i = 0;
    while (i < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        const uint8_t cl = kAscii[c];
        if (cl & kS) {
          gap_ |= kGapSpace;
          ++i;
        } else if (cl & kN) {
          Newline(i, 1);
          ++i;
        } else if (cl & kW) {
          i = ScanWord(i);
        } else {
          i = ScanAsciiPunct(i);
        }
        continue;
      }
      int len;
      const char32_t cp = DecodeUtf8(s_, n_, i, &len);
      const U u = ClassifyCp(cp);
      switch (u) {
        case U::kSpace: gap_ |= kGapSpace; i += len; break;
        case U::kNewline: Newline(i, 1); i += len; break;
        case U::kPara: Newline(i, 2); i += len; break;
        case U::kLetter: case U::kDigit: i = ScanWord(i); break;
        case U::kIdeo: Emit(i, i + len, TokenKind::kWord, 0); i += len; break;
        case U::kDash: case U::kTerm: {  // runs of the same mark are one token
          size_t j = i + len;
          while (j + len <= n_ && std::memcmp(s_ + j, s_ + i, len) == 0) j += len;
          Emit(i, j, TokenKind::kPunct, 0);
          i = j;
          break;
        }
        case U::kApos: case U::kHyphen: case U::kEllipsis: case U::kQuote: case U::kPunct:
          Emit(i, i + len, TokenKind::kPunct, 0);
          i += len;
          break;
        case U::kSymbol: i = ScanSymbol(i, len); break;
      }
    }
  }

 private:
  void Newline(size_t i, int count) {
    gap_ |= kGapSpace | kGapLineStart;
    newlines_ += count;
    // The length of the line just ended, without trailing blanks.
    size_t e = i;
    while (e > line_start_ && (s_[e - 1] == ' ' || s_[e - 1] == '\t' || s_[e - 1] == '\r')) --e;
    const size_t len = e - line_start_;
    line_start_ = i + 1;
    if (newlines_ >= 2 || !lines_.wrapped || len < lines_.short_line) gap_ |= kGapBreak;
  }

  void Emit(size_t b, size_t e, TokenKind kind, uint8_t flags) {
    tokens_->emplace_back();
    Token& t = tokens_->back();
    t.span.begin = static_cast<uint32_t>(b);
    t.span.end = static_cast<uint32_t>(e);
    t.kind = kind;
    const uint8_t case_flags =
        (kind == TokenKind::kWord || kind == TokenKind::kNumber) ? CaseFlags(b, e) : 0;
    t.flags = flags | case_flags | ((gap_ & kGapSpace) ? Token::kSpaceBefore : 0);
    gaps_->push_back(gap_);
    gap_ = 0;
    newlines_ = 0;
  }

  uint8_t CaseFlags(size_t b, size_t e) const {
    bool seen = false, cap = false, upper = false, lower = false;
    for (size_t i = b; i < e;) {
      const unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        const uint8_t cl = kAscii[c];
        if (cl & kU) {
          upper = true;
          if (!seen) cap = true;
          seen = true;
        } else if (cl & kL) {
          lower = true;
          seen = true;
        }
        ++i;
        continue;
      }
      int len;
      const UChar32 cp = static_cast<UChar32>(DecodeUtf8(s_, n_, i, &len));
      i += len;
      if (u_isupper(cp) || u_istitle(cp)) {
        upper = true;
        if (!seen) cap = true;
        seen = true;
      } else if (u_islower(cp)) {
        lower = true;
        seen = true;
      } else if (u_isalpha(cp)) {
        seen = true;
      }
    }
    return (cap ? Token::kCapitalized : 0) | (upper && !lower ? Token::kAllCaps : 0);
  }

  // Letters, digits, marks (not ideographs).
  bool IsWordCharAt(size_t j) const {
    if (j >= n_) return false;
    const unsigned char c = static_cast<unsigned char>(s_[j]);
    if (c < 0x80) return kAscii[c] & kW;
    int len;
    const U u = ClassifyCp(DecodeUtf8(s_, n_, j, &len));
    return u == U::kLetter || u == U::kDigit;
  }

  size_t ScanAlnumRun(size_t j) const {
    while (j < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c < 0x80) {
        if (kAscii[c] & kW) {
          ++j;
          continue;
        }
        return j;
      }
      int len;
      const U u = ClassifyCp(DecodeUtf8(s_, n_, j, &len));
      if (u != U::kLetter && u != U::kDigit) return j;
      j += len;
    }
    return j;
  }

  bool StartsWithNoCase(size_t i, std::string_view p) const {
    if (i + p.size() > n_) return false;
    for (size_t k = 0; k < p.size(); ++k)
      if ((s_[i + k] | 0x20) != p[k] && s_[i + k] != p[k]) return false;
    return true;
  }

  // A URL starting at i, or 0.
  size_t MatchUrl(size_t i) const {
    size_t j;
    if (StartsWithNoCase(i, "http://")) {
      j = i + 7;
    } else if (StartsWithNoCase(i, "https://")) {
      j = i + 8;
    } else if (StartsWithNoCase(i, "www.") && IsAsciiAlnum(i + 4 < n_ ? s_[i + 4] : ' ')) {
      j = i + 4;
    } else {
      return 0;
    }
    int parens = 0;
    while (j < n_) {
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c < 0x80) {
        if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 127) break;
        if (c == '(') ++parens;
        if (c == ')') --parens;
        ++j;
        continue;
      }
      int len;
      const U u = ClassifyCp(DecodeUtf8(s_, n_, j, &len));
      if (u != U::kLetter && u != U::kDigit) break;
      j += len;
    }
    // Trailing punctuation belongs to the sentence, not the URL.
    while (j > i) {
      const char c = s_[j - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
        --j;
      } else if (c == ')' && parens < 0) {
        --j;
        ++parens;
      } else {
        break;
      }
    }
    return j;
  }

  // "U.S.", "a.m.", "Ph.D.": groups of single letters (the first may have two) each followed by
  // a period, at least two groups. Returns the end (after the last period) or 0.
  size_t MatchDotted(size_t i) const {
    size_t p = i, last = 0;
    int groups = 0;
    while (p < n_ && IsAsciiAlpha(s_[p])) {
      size_t q = p;
      while (q < n_ && IsAsciiAlpha(s_[q])) ++q;
      const size_t len = q - p;
      if (len > (groups == 0 ? 2u : 1u) || q >= n_ || s_[q] != '.') break;
      ++groups;
      p = q + 1;
      last = p;
    }
    if (groups < 2) return 0;
    return last;
  }

  // The domain of an e-mail address starting at k (after '@'), or 0.
  size_t MatchEmailDomain(size_t k) const {
    size_t e = k;
    bool dot = false;
    while (e < n_ && e - k < 255 &&
           (IsAsciiAlnum(s_[e]) || ((s_[e] == '.' || s_[e] == '-') && e > k))) {
      if (s_[e] == '.') dot = true;
      ++e;
    }
    while (e > k && (s_[e - 1] == '.' || s_[e - 1] == '-')) --e;
    if (!dot || e == k) return 0;
    // The last label must start with a letter ("example.com", not "1.5").
    size_t last_dot = e;
    while (last_dot > k && s_[last_dot - 1] != '.') --last_dot;
    if (last_dot == k || last_dot >= e || !IsAsciiAlpha(s_[last_dot])) return 0;
    return e;
  }

  size_t NextNonSpace(size_t j) const {
    while (j < n_ && (s_[j] == ' ' || s_[j] == '\t')) ++j;
    return j;
  }

  size_t ScanWord(size_t i) {
    const size_t start = i;
    const unsigned char c0 = static_cast<unsigned char>(s_[i]);
    bool digit_start;
    if (c0 < 0x80) {
      digit_start = IsAsciiDigit(c0);
    } else {
      int len;
      digit_start = ClassifyCp(DecodeUtf8(s_, n_, i, &len)) == U::kDigit;
    }
    const TokenKind kind = digit_start ? TokenKind::kNumber : TokenKind::kWord;
    if (c0 == 'h' || c0 == 'H' || c0 == 'w' || c0 == 'W') {
      if (size_t e = MatchUrl(i)) {
        Emit(start, e, TokenKind::kWord, 0);
        return e;
      }
    }
    size_t j = i;
    if (IsAsciiAlpha(c0)) {
      if (size_t e = MatchDotted(i)) {
        // "U.S.-led" goes on as a hyphenated word; "U.S." alone is an abbreviation.
        if (e + 1 < n_ && s_[e] == '-' && s_[e + 1] != '-' && IsWordCharAt(e + 1)) {
          j = e + 1;
        } else if (e + 1 < n_ && s_[e] == '\'' && (s_[e + 1] | 0x20) == 's' && !IsWordCharAt(e + 2)) {
          Emit(start, e, TokenKind::kWord, Token::kAbbreviation);  // "U.N.'s"
          Emit(e, e + 2, TokenKind::kWord, 0);
          return e + 2;
        } else {
          Emit(start, e, TokenKind::kWord, Token::kAbbreviation);
          return e;
        }
      }
    }
    for (;;) {
      j = ScanAlnumRun(j);
      if (j >= n_) break;
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if (c == '-') {
        if (j + 1 < n_ && s_[j + 1] != '-' && IsWordCharAt(j + 1)) {
          ++j;
          continue;
        }
        break;
      }
      size_t alen = 0;
      if (c == '\'') alen = 1;
      if (c == 0xE2 && j + 2 < n_ && static_cast<unsigned char>(s_[j + 1]) == 0x80) {
        const unsigned char c2 = static_cast<unsigned char>(s_[j + 2]);
        if (c2 == 0x99) alen = 3;  // ’
        if ((c2 == 0x90 || c2 == 0x91) && IsWordCharAt(j + 3)) {  // Unicode hyphens
          j += 3;
          continue;
        }
      }
      if (alen) {
        const size_t k = j + alen;
        if (k < n_ && IsAsciiAlpha(s_[k])) {
          size_t e = k;
          while (e < n_ && IsAsciiAlpha(s_[e])) ++e;
          if (!IsWordCharAt(e)) {
            const size_t sl = e - k;
            char suf[3] = {0, 0, 0};
            for (size_t q = 0; q < sl && q < 2; ++q) suf[q] = static_cast<char>(s_[k + q] | 0x20);
            const std::string_view suffix(suf, sl <= 2 ? sl : 3);
            if (suffix == "s" || suffix == "re" || suffix == "ve" || suffix == "ll" ||
                suffix == "d" || suffix == "m") {
              Emit(start, j, kind, 0);
              Emit(j, e, TokenKind::kWord, 0);
              return e;
            }
            if (suffix == "t" && j - 1 > start && (s_[j - 1] == 'n' || s_[j - 1] == 'N')) {
              Emit(start, j - 1, kind, 0);
              Emit(j - 1, e, TokenKind::kWord, 0);
              return e;
            }
          }
          j = k;  // an apostrophe inside a name: "O'Brien", "d'Ivoire"
          continue;
        }
        if (IsWordCharAt(k)) {
          j = k;
          continue;
        }
        if (!digit_start && (s_[j - 1] == 's' || s_[j - 1] == 'S')) {  // "leaders'"
          Emit(start, j, kind, 0);
          Emit(j, k, TokenKind::kPunct, 0);
          return k;
        }
        break;
      }
      if (c == '.') {
        if (!digit_start && j + 1 < n_ && IsAsciiLower(s_[j + 1]) && IsAsciiAlnum(s_[j - 1])) {
          ++j;  // "example.com", "john.doe"
          continue;
        }
        if (digit_start && j + 1 < n_ && IsAsciiDigit(s_[j + 1])) {
          ++j;
          continue;
        }
        break;
      }
      if ((c == ',' || c == ':') && digit_start && j + 1 < n_ && IsAsciiDigit(s_[j + 1])) {
        ++j;
        continue;
      }
      if (c == '&' && j + 1 < n_ && IsAsciiUpper(s_[j + 1]) && IsAsciiUpper(s_[j - 1])) {
        ++j;
        continue;
      }
      if (c == '_' && IsWordCharAt(j + 1)) {
        ++j;
        continue;
      }
      if (c == '@' && !digit_start) {
        if (size_t e = MatchEmailDomain(j + 1)) {
          Emit(start, e, TokenKind::kWord, 0);
          return e;
        }
      }
      break;
    }
    if (j < n_ && s_[j] == '.' && !digit_start && j - start <= 8) {
      const std::string_view w(s_ + start, j - start);
      bool take = false;
      if (w.size() == 1) {
        take = IsAsciiUpper(w[0]) && !(j + 1 < n_ && IsAsciiAlpha(s_[j + 1]));
      } else {
        std::string with_period(w);
        with_period.push_back('.');
        if (ClassifyAbbreviation(with_period) != AbbreviationClass::kNone) {
          take = true;
          if (w == "No" || w == "NO" || w == "no" || w == "Nos" || w == "NOS") {
            const size_t k = NextNonSpace(j + 1);
            take = k < n_ && IsAsciiDigit(s_[k]);
          }
        }
      }
      if (take) {
        Emit(start, j + 1, TokenKind::kWord, Token::kAbbreviation);
        return j + 1;
      }
    }
    Emit(start, j, kind, 0);
    return j;
  }

  size_t RunOf(size_t i) const {
    size_t j = i + 1;
    while (j < n_ && s_[j] == s_[i]) ++j;
    return j;
  }

  size_t ScanAsciiPunct(size_t i) {
    const char c = s_[i];
    switch (c) {
      case '.': case '!': case '?': case '-': case '*': case '=': case '_': case '~': {
        const size_t j = RunOf(i);
        const bool symbol = c == '=' || c == '~';
        Emit(i, j, symbol ? TokenKind::kSymbol : TokenKind::kPunct, 0);
        return j;
      }
      case '#':
        if (IsWordCharAt(i + 1)) {
          size_t j = ScanAlnumRun(i + 1);
          while (j + 1 < n_ && s_[j] == '_' && IsWordCharAt(j + 1)) j = ScanAlnumRun(j + 1);
          Emit(i, j, TokenKind::kWord, 0);
          return j;
        }
        break;
      case '@':
        if (i + 1 < n_ && (IsAsciiAlnum(s_[i + 1]) || s_[i + 1] == '_')) {
          size_t j = i + 1;
          while (j < n_ && (IsAsciiAlnum(s_[j]) || s_[j] == '_')) ++j;
          Emit(i, j, TokenKind::kWord, 0);
          return j;
        }
        break;
      case '$': case '+': case '<': case '>': case '^': case '`': case '|':
        Emit(i, i + 1, TokenKind::kSymbol, 0);
        return i + 1;
      default:
        break;
    }
    Emit(i, i + 1, TokenKind::kPunct, 0);
    return i + 1;
  }

  // A symbol (emoji...) with its modifiers, joiners and variation selectors.
  size_t ScanSymbol(size_t i, int len) {
    size_t j = i + len;
    const char32_t first = DecodeUtf8(s_, n_, i, &len);
    const bool regional = first >= 0x1F1E6 && first <= 0x1F1FF;
    while (j < n_) {
      int l;
      const char32_t cp = DecodeUtf8(s_, n_, j, &l);
      if (cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
          (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xE0020 && cp <= 0xE007F)) {
        j += l;
      } else if (cp == 0x200D && j + l < n_) {
        int l2;
        DecodeUtf8(s_, n_, j + l, &l2);
        j += l + l2;
      } else if (regional && j == i + 4 && cp >= 0x1F1E6 && cp <= 0x1F1FF) {
        j += l;
      } else {
        break;
      }
    }
    Emit(i, j, TokenKind::kSymbol, 0);
    return j;
  }

  const char* s_;
  size_t n_;
  std::vector<Token>* tokens_;
  std::vector<uint8_t>* gaps_;
  LineInfo lines_;
  uint8_t gap_ = kGapSpace;  // the start of the text counts as white space
  int newlines_ = 0;
  size_t line_start_ = 0;
};

// --- Sentence decisions over the token stream ---

enum class Term { kNone, kStop, kQuestion, kEllipsis };

char32_t FirstCp(std::string_view t) {
  int len;
  return t.empty() ? 0 : DecodeUtf8(t.data(), t.size(), 0, &len);
}

Term TerminalKind(const Document& d, const Token& t) {
  if (t.kind != TokenKind::kPunct) return Term::kNone;
  const std::string_view s = d.Text(t.span);
  const char c = s[0];
  if (c == '.') return s.size() == 1 ? Term::kStop : Term::kEllipsis;
  if (c == '?' || c == '!') return Term::kQuestion;
  if (static_cast<unsigned char>(c) < 0x80) return Term::kNone;
  const char32_t cp = FirstCp(s);
  if (cp == 0x2026) return Term::kEllipsis;
  if (u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_S_TERM)) return Term::kQuestion;
  return Term::kNone;
}

bool IsOpeningQuoteCp(char32_t cp) {
  return cp == 0x201C || cp == 0x2018 || cp == 0x00AB || cp == 0x201E || cp == 0x201A ||
         cp == 0x2039 || cp == 0x201B || cp == 0x201F;
}

// A token that closes a quotation or parenthesis: straight quotes, ’ and brackets when they
// touch the previous token; ” » › even after a space (“He said ‘no.’ ”).
bool IsCloser(const Document& d, const Token& t, uint8_t gap) {
  if (t.kind != TokenKind::kPunct || (gap & (kGapLineStart | kGapBreak))) return false;
  const std::string_view s = d.Text(t.span);
  const char32_t cp = FirstCp(s);
  if (cp == 0x201D || cp == 0x00BB || cp == 0x203A) return true;
  if (gap & kGapSpace) return false;
  return s == ")" || s == "]" || s == "}" || s == "\"" || s == "'" || cp == 0x2019;
}

bool IsQuote(const Document& d, const Token& t) {
  const std::string_view s = d.Text(t.span);
  if (s == "\"" || s == "'") return true;
  const char32_t cp = FirstCp(s);
  return cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x203A || IsOpeningQuoteCp(cp);
}

// Whether token k can begin a sentence (upper-case or caseless letter, digit, opening quote or
// bracket followed by such a token, currency...).
bool CanStartSentence(const Document& d, size_t k, bool digits_ok, int depth = 0) {
  const Token& t = d.tokens[k];
  const std::string_view s = d.Text(t.span);
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) {
    if (IsAsciiUpper(c)) return true;
    if (IsAsciiLower(c)) return false;
    if (IsAsciiDigit(c)) return digits_ok;
    if (c == '@' || c == '#') return t.kind == TokenKind::kWord;
    if (c == '$') return true;
    if (c == '"' || c == '\'' || c == '(' || c == '[') {
      if (depth > 1 || k + 1 >= d.tokens.size()) return false;
      return CanStartSentence(d, k + 1, digits_ok, depth + 1);
    }
    return false;
  }
  const char32_t cp = FirstCp(s);
  if (IsOpeningQuoteCp(cp)) {
    if (depth > 1 || k + 1 >= d.tokens.size()) return false;
    return CanStartSentence(d, k + 1, digits_ok, depth + 1);
  }
  const UChar32 u = static_cast<UChar32>(cp);
  if (u_islower(u)) return false;
  if (u_isalpha(u)) return true;
  if (u_isdigit(u)) return digits_ok;
  return U_GET_GC_MASK(u) & U_GC_SC_MASK;
}

bool IsCapitalizedWord(const Token& t) {
  return t.kind == TokenKind::kWord && (t.flags & Token::kCapitalized);
}

bool IsDashText(std::string_view s) {
  if (s.empty()) return false;
  if (s.find_first_not_of('-') == std::string_view::npos) return s.size() <= 3;
  const char32_t cp = FirstCp(s);
  return cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x2012;
}

struct DatelineMatch {
  size_t first = 0;  // first token of the dateline
  Span place;
  size_t end = 0;  // first token after the dateline
  int month = 0, day = 0;  // the day it names ("March 28", "28 March"); 0 = none
};

// Matches a dateline at token t0; `line_start(k)` tells whether token k begins a line.
template <typename LineStart>
std::optional<DatelineMatch> MatchDateline(const Document& d, size_t t0, LineStart line_start) {
  const std::vector<Token>& T = d.tokens;
  const size_t m = T.size();
  auto on_line = [&](size_t k) { return k < m && !line_start(k); };
  size_t i = t0;
  bool all_caps = true;
  while (i < m && i - t0 < 4 && (i == t0 || on_line(i)) && IsCapitalizedWord(T[i]) &&
         !(T[i].flags & Token::kAbbreviation)) {
    if (!(T[i].flags & Token::kAllCaps)) all_caps = false;
    ++i;
  }
  if (i == t0 || !on_line(i)) return std::nullopt;
  DatelineMatch match;
  match.first = t0;
  match.place = Span{T[t0].span.begin, T[i - 1].span.end};
  bool month = false, agency = false, dash = false;
  if (d.Text(T[i].span) == ",") {
    ++i;
    int extra = 0;
    while (on_line(i) && extra < 6) {
      const std::string_view s = d.Text(T[i].span);
      if (s == "(" || IsDashText(s)) break;
      if (IsCapitalizedWord(T[i]) || T[i].kind == TokenKind::kNumber || s == "," || s == ".") {
        if (IsMonthOrWeekday(s)) month = true;
        // "March 28" / "28 March": a month name next to a day number.
        if (int mo = MonthNumber(s); mo && IsCapitalizedWord(T[i])) {
          for (size_t k : {i + 1, i - 1}) {
            if (k >= m || T[k].kind != TokenKind::kNumber) continue;
            const std::string_view num = d.Text(T[k].span);
            int day = num.size() <= 2 ? std::atoi(std::string(num).c_str()) : 0;
            if (day >= 1 && day <= 31) {
              match.month = mo;
              match.day = day;
              break;
            }
          }
        }
        ++i;
        ++extra;
      } else {
        return std::nullopt;
      }
    }
    if (extra == 0) return std::nullopt;
  }
  if (on_line(i) && d.Text(T[i].span) == "(") {
    size_t k = i + 1;
    while (on_line(k) && k - i <= 6 && d.Text(T[k].span) != ")") {
      const std::string_view s = d.Text(T[k].span);
      if (!IsCapitalizedWord(T[k]) && s != "&" && s != "-" && s != "/") return std::nullopt;
      ++k;
    }
    if (!on_line(k) || k == i + 1 || d.Text(T[k].span) != ")") return std::nullopt;
    agency = true;
    i = k + 1;
  }
  if (on_line(i) && IsDashText(d.Text(T[i].span))) {
    dash = true;
    ++i;
  }
  if (!dash && !agency) return std::nullopt;
  // A place in mixed case with neither date nor dash is a sentence's subject and its acronym
  // ("The International Labor Office (ILO) said"), not a dateline; "Beijing (Xinhua) --" is one.
  if (!all_caps && !month && !(agency && dash)) return std::nullopt;
  if (!on_line(i)) return std::nullopt;
  // The story must follow on the same line, and not in capitals (that would be a headline).
  int words = 0, caps = 0;
  for (size_t k = i; on_line(k) && words < 3; ++k) {
    if (T[k].kind != TokenKind::kWord) continue;
    ++words;
    if ((T[k].flags & Token::kAllCaps) && T[k].span.size() > 1) ++caps;
  }
  if (words == 0 || caps == words) return std::nullopt;
  match.end = i;
  return match;
}

constexpr int kDatelineLines = 8;      // line starts searched for a dateline
constexpr int kDatelineDays = 2;       // most days a dateline's day may be off the document's date
constexpr size_t kDatelineTokens = 400;

template <typename LineStart>
std::optional<DatelineMatch> SearchDateline(const Document& d, LineStart line_start) {
  int lines = 0;
  for (size_t t = 0; t < d.tokens.size() && t < kDatelineTokens && lines < kDatelineLines; ++t) {
    if (t != 0 && !line_start(t)) continue;
    ++lines;
    if (auto m = MatchDateline(d, t, line_start)) return m;
  }
  return std::nullopt;
}

void SplitSentences(Document* doc, const std::vector<uint8_t>& gaps) {
  const Document& d = *doc;
  const std::vector<Token>& T = d.tokens;
  const size_t m = T.size();
  std::vector<Sentence>& out = doc->sentences;
  size_t start = 0;
  auto close = [&](size_t end) {
    if (end <= start) return;
    Sentence s;
    s.span = Span{T[start].span.begin, T[end - 1].span.end};
    s.first_token = static_cast<uint32_t>(start);
    s.end_token = static_cast<uint32_t>(end);
    out.push_back(s);
    start = end;
  };
  size_t t = 0;
  while (t < m) {
    if (t > start && (gaps[t] & kGapBreak)) close(t);
    if (t - start >= kMaxSentenceTokens) close(t);
    const bool abbrev = T[t].flags & Token::kAbbreviation;
    const Term term = abbrev ? Term::kNone : TerminalKind(d, T[t]);
    if (!abbrev && term == Term::kNone) {
      ++t;
      continue;
    }
    // Attach closing quotes/brackets and further terminators ("?!", `."`, `.)`).
    size_t e = t + 1;
    bool quote_closed = false;
    while (e < m && e - start < kMaxSentenceTokens &&
           (IsCloser(d, T[e], gaps[e]) ||
            (!(gaps[e] & kGapSpace) && TerminalKind(d, T[e]) != Term::kNone))) {
      if (IsQuote(d, T[e])) quote_closed = true;
      ++e;
    }
    bool boundary;
    if (e >= m || (gaps[e] & kGapBreak)) {
      boundary = true;
    } else if (abbrev) {
      const std::string_view next = d.Text(T[e].span);
      switch (ClassifyAbbreviation(d.Text(T[t].span))) {
        case AbbreviationClass::kRarelyFinal:
          boundary = IsSentenceStarter(next) || (quote_closed && CanStartSentence(d, e, true));
          break;
        case AbbreviationClass::kOftenFinal:
          boundary = (IsCapitalizedWord(T[e]) && !IsMonthOrWeekday(next) &&
                      !(T[e].flags & Token::kAbbreviation) &&
                      !((T[e].flags & Token::kAllCaps) && next.size() <= 4 && next.size() > 1)) ||
                     (quote_closed && CanStartSentence(d, e, true));
          break;
        default:
          boundary = false;
      }
    } else if (term == Term::kEllipsis) {
      boundary = CanStartSentence(d, e, false);
    } else {
      boundary = CanStartSentence(d, e, true);
    }
    if (boundary) close(e);
    t = e;
  }
  close(m);
}

// The day a dateline names, in the year that puts it nearest to `date`, when that is at most
// kDatelineDays away; nullopt without a day or a document date.
std::optional<Date> DatelineDay(const DatelineMatch& m, const std::optional<Date>& date) {
  if (!m.day || !date) return std::nullopt;
  for (int y = date->year - 1; y <= date->year + 1; ++y) {
    if (!Date::Valid(y, m.month, m.day)) continue;
    const Date day{y, m.month, m.day};
    if (std::abs(day.Days() - date->Days()) <= kDatelineDays) return day;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Span> FindDateline(const Document& doc) {
  if (doc.tokens.empty()) {
    if (doc.text.empty()) return std::nullopt;
    Document copy;
    copy.text = doc.text.substr(0, std::min<size_t>(doc.text.size(), 1 << 16));
    SegmentDocument(&copy);
    if (copy.tokens.empty()) return std::nullopt;
    return FindDateline(copy);
  }
  auto line_start = [&](size_t k) {
    if (k == 0) return true;
    const uint32_t b = doc.tokens[k - 1].span.end, e = doc.tokens[k].span.begin;
    if (e <= b || e > doc.text.size()) return false;
    return std::string_view(doc.text).substr(b, e - b).find('\n') != std::string_view::npos;
  };
  if (auto m = SearchDateline(doc, line_start)) return m->place;
  return std::nullopt;
}

}  // namespace text

void SegmentDocument(Document* doc) {
  doc->tokens.clear();
  doc->sentences.clear();
  // Spans are 32-bit: a text beyond 4 GiB is segmented up to that limit only (the readers never
  // produce one: they cut plain text at ReadOptions::max_document_bytes).
  const size_t n = std::min<size_t>(doc->text.size(), std::numeric_limits<uint32_t>::max() - 1);
  if (n == 0) return;
  std::vector<uint8_t> gaps;
  // English prose averages a token per 4-5 bytes: a smaller reservation would make the token
  // vector grow, moving every Token, on most documents.
  doc->tokens.reserve(n / 4 + 16);
  gaps.reserve(n / 4 + 16);
  text::Tokenizer(doc, n, &gaps).Run();
  if (doc->tokens.empty()) return;
  auto line_start = [&](size_t k) { return k == 0 || (gaps[k] & text::kGapLineStart); };
  if (auto m = text::SearchDateline(*doc, line_start)) {
    // The dateline becomes its own sentence.
    gaps[m->first] |= text::kGapBreak;
    if (m->end < gaps.size()) gaps[m->end] |= text::kGapBreak;
    if (auto day = text::DatelineDay(*m, doc->date)) doc->date = day;
  }
  text::SplitSentences(doc, gaps);
}

}  // namespace entente
