#include "text/normalize.h"


#include <algorithm>
#include <array>
#include <cctype>


namespace entente::text {

namespace {

struct Abbrev {
  std::string_view text;  // without the final period
  AbbreviationClass cls;
};

constexpr AbbreviationClass N = AbbreviationClass::kNeverFinal;
constexpr AbbreviationClass R = AbbreviationClass::kRarelyFinal;
constexpr AbbreviationClass O = AbbreviationClass::kOftenFinal;

// Scanned linearly: only tokens followed by a period are ever looked up.
constexpr std::array kAbbrevs = {
    Abbrev{"Adm", N},   Abbrev{"Amb", N},   Abbrev{"Apr", R},   Abbrev{"Aug", R},
    Abbrev{"Ave", O},   Abbrev{"Blvd", O},  Abbrev{"Brig", N},  Abbrev{"Bros", O},
    Abbrev{"Capt", N},  Abbrev{"Cmdr", N},  Abbrev{"Co", O},    Abbrev{"Col", N},
    Abbrev{"Corp", O},  Abbrev{"Cpl", N},   Abbrev{"Dec", R},   Abbrev{"Dept", N},
    Abbrev{"Dr", N},    Abbrev{"Feb", R},   Abbrev{"Fig", N},   Abbrev{"Fr", N},
    Abbrev{"Ft", N},    Abbrev{"Gen", N},   Abbrev{"Gov", N},   Abbrev{"Hon", N},
    Abbrev{"Inc", O},   Abbrev{"Jan", R},   Abbrev{"Jr", O},    Abbrev{"Jul", R},
    Abbrev{"Jun", R},   Abbrev{"Lt", N},    Abbrev{"Ltd", O},   Abbrev{"Maj", N},
    Abbrev{"Messrs", N}, Abbrev{"Mr", N},   Abbrev{"Mrs", N},   Abbrev{"Ms", N},
    Abbrev{"Mt", N},    Abbrev{"No", N},    Abbrev{"Nos", N},   Abbrev{"Nov", R},
    Abbrev{"Oct", R},   Abbrev{"Pres", N},  Abbrev{"Prof", N},  Abbrev{"Pvt", N},
    Abbrev{"Rd", O},    Abbrev{"Rep", N},   Abbrev{"Reps", N},  Abbrev{"Rev", N},
    Abbrev{"Sen", N},   Abbrev{"Sens", N},  Abbrev{"Sep", R},   Abbrev{"Sept", R},
    Abbrev{"Sgt", N},   Abbrev{"Sr", O},    Abbrev{"St", R},    Abbrev{"Supt", N},
    Abbrev{"Vol", N},   Abbrev{"al", O},    Abbrev{"approx", N}, Abbrev{"cf", N},
    Abbrev{"etc", O},   Abbrev{"fig", N},   Abbrev{"pp", N},    Abbrev{"vol", N},
    Abbrev{"vs", N},
};

// Dotted abbreviations compared case-insensitively (lower-cased key, with periods).
constexpr std::array kDotted = {
    Abbrev{"a.m.", O}, Abbrev{"e.g.", N}, Abbrev{"i.e.", N}, Abbrev{"p.m.", O},
};

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlphaAscii(char c) { return IsUpperAscii(c) || IsLowerAscii(c); }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// (letters{1,3} '.'){2,}
bool IsDottedSequence(std::string_view t) {
  int groups = 0;
  size_t i = 0;
  while (i < t.size()) {
    size_t j = i;
    while (j < t.size() && IsAlphaAscii(t[j])) ++j;
    if (j == i || j - i > 3 || j >= t.size() || t[j] != '.') return false;
    ++groups;
    i = j + 1;
  }
  return groups >= 2;
}

}  // namespace

AbbreviationClass ClassifyAbbreviation(std::string_view token) {
  if (token.size() < 2 || token.back() != '.') return AbbreviationClass::kNone;
  std::string_view body = token.substr(0, token.size() - 1);
  if (body.find('.') != std::string_view::npos) {
    std::string low = LowerAscii(token);
    for (const Abbrev& a : kDotted)
      if (a.text == low) return a.cls;
    return IsDottedSequence(token) ? AbbreviationClass::kRarelyFinal : AbbreviationClass::kNone;
  }
  if (body.size() == 1 && IsUpperAscii(body[0])) return AbbreviationClass::kRarelyFinal;
  for (const Abbrev& a : kAbbrevs) {
    if (a.text.size() != body.size()) continue;
    bool listed_lower = IsLowerAscii(a.text[0]);
    bool same = true, all_upper = true;
    for (size_t i = 0; i < body.size(); ++i) {
      char b = body[i];
      if (!IsUpperAscii(b)) all_upper = false;
      if (std::tolower(static_cast<unsigned char>(b)) != std::tolower(static_cast<unsigned char>(a.text[i])))
        same = false;
    }
    if (!same) continue;
    if (listed_lower || body == a.text || all_upper) return a.cls;
  }
  return AbbreviationClass::kNone;
}

bool IsSentenceFinalAbbreviation(std::string_view token) {
  AbbreviationClass c = ClassifyAbbreviation(token);
  return c == AbbreviationClass::kRarelyFinal || c == AbbreviationClass::kOftenFinal;
}

namespace {

bool InSortedList(const std::string_view* list, size_t n, std::string_view key) {
  return std::binary_search(list, list + n, key);
}

}  // namespace

bool IsSentenceStarter(std::string_view token) {
  static constexpr std::string_view kStarters[] = {
      "a",       "according", "after",   "also",   "although", "an",      "and",    "another",
      "as",      "at",        "because", "before", "both",     "but",     "by",     "despite",
      "during",  "each",      "earlier", "even",   "for",      "from",    "he",     "her",
      "here",    "his",       "how",     "however", "if",      "in",      "it",     "its",
      "last",    "later",     "many",    "meanwhile", "more",   "most",    "now",    "officials",
      "on",      "one",       "only",    "or",     "other",    "our",     "she",    "since",
      "so",      "some",      "still",   "such",   "that",     "the",     "their",  "then",
      "there",   "these",     "they",    "this",   "those",    "though",  "thus",   "to",
      "under",   "we",        "what",    "when",   "where",    "while",   "who",    "why",
      "with",    "yet",       "you",
  };
  if (token.empty() || token.size() > 12 || !IsUpperAscii(token[0])) return false;
  if (token.size() > 1) {
    bool all_upper = true;
    for (char c : token)
      if (!IsUpperAscii(c)) all_upper = false;
    if (all_upper) return false;
  }
  return InSortedList(kStarters, std::size(kStarters), LowerAscii(token));
}

bool IsMonthOrWeekday(std::string_view token) {
  static constexpr std::string_view kNames[] = {
      "apr",      "april",   "aug",     "august", "dec",      "december", "feb",   "february",
      "fri",      "friday",  "jan",     "january", "jul",     "july",     "jun",   "june",
      "mar",      "march",   "may",     "mon",    "monday",   "nov",      "november", "oct",
      "october",  "sat",     "saturday", "sep",   "sept",     "september", "sun",  "sunday",
      "thu",      "thur",    "thurs",   "thursday", "tue",    "tues",     "tuesday", "wed",
      "wednesday",
  };
  if (!token.empty() && token.back() == '.') token.remove_suffix(1);
  if (token.size() < 3 || token.size() > 9) return false;
  return InSortedList(kNames, std::size(kNames), LowerAscii(token));
}

int MonthNumber(std::string_view token) {
  static constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};
  if (!token.empty() && token.back() == '.') token.remove_suffix(1);
  if (token.size() < 3) return 0;
  const std::string lower = LowerAscii(token);
  for (int m = 0; m < 12; ++m) {
    const std::string_view name = kMonths[m];
    // The full name, its first three letters, or "sept".
    if (lower == name || lower == name.substr(0, 3) || (m == 8 && lower == "sept")) return m + 1;
  }
  return 0;
}

}  // namespace entente::text
