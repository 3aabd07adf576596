// Small string helpers for matching tokens against dictionaries, and the abbreviation lexicon
// the segmenter uses (exposed so later stages agree with it).
#ifndef ENTENTE_TEXT_NORMALIZE_H_
#define ENTENTE_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace entente::text {

// How likely an abbreviation is to end a sentence when its period is the last one.
enum class AbbreviationClass {
  kNone,         // not a known abbreviation
  kNeverFinal,   // titles and the like: "Mr.", "Gen.", "Sen.", "vs.", "e.g.", "No." (before a number)
  kRarelyFinal,  // usually inside a sentence, but may end one: "U.S.", "U.N.", "Jan.", "Sept.",
                 // single-letter initials "J."; a sentence ends only before a function word
                 // such as "The" or "He"
  kOftenFinal,   // may well end a sentence: "etc.", "a.m.", "p.m.", "Inc.", "Corp.", "Co.",
                 // "Ltd.", "Jr."; a sentence ends before a capitalised word that is not a
                 // month or weekday name
};

// Classifies `token`, which must include its final period ("U.S.", "Mr."). Known
// abbreviations match in their listed case or all upper case ("MR."); lower-case entries
// ("etc.", "a.m.") match in any case. Any dotted sequence of 1-3-letter groups ("D.C.",
// "Ph.D.") and any single capital letter with a period is kRarelyFinal.
AbbreviationClass ClassifyAbbreviation(std::string_view token);

// True when `token` (with its final period) may end a sentence: kRarelyFinal or kOftenFinal.
bool IsSentenceFinalAbbreviation(std::string_view token);

// True for a capitalised function word that typically opens a sentence ("The", "He", "But",
// "In", ...); case-insensitive but an all-caps token longer than one letter never matches.
bool IsSentenceStarter(std::string_view token);

// True for English month and weekday names and their usual abbreviations (without period),
// case-insensitive.
bool IsMonthOrWeekday(std::string_view token);

// The month a month name or its usual abbreviation names (a trailing period allowed),
// case-insensitive: 1..12, else 0.
int MonthNumber(std::string_view token);

}  // namespace entente::text

#endif  // ENTENTE_TEXT_NORMALIZE_H_
