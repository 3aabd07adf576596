// Event dates from the words of a sentence. FindDateExpressions() recognises the expressions news
// uses ("on Saturday", "Sept. 3", "September 3, 2025", "in October", "last month", "next week",
// "early next year", "between 2018 and 2019", "in 2018", "six years ago", "yesterday") using the
// date words of data/coder/dates.txt; ResolveDate() turns one into a calendar date against the
// document date, looking back for past events and forward for planned ones:
//   - a weekday is the latest such day on or before the document date (past) or the first on or
//     after it (future); "last"/"next" make it strictly before/after;
//   - a month without a year is the nearest such month in the tense's direction (the document's
//     own month counts), resolved to its first day; a day and month without a year take the
//     document's year, moved one year back (past) or forward (future) if needed;
//   - a month or a day and month right after a planned cue of data/coder/modality.txt ("his
//     planned June 12 summit", "the upcoming Feb. 27 summit", "scheduled for June 12") names an
//     occasion set in advance, whatever the tense of the verb: past tense does not turn it back
//     a year; it is the day (month) of that name nearest to the document date, either side (a summit
//     "planned" for June 12 is the coming one in May, the one just held in July);
//   - a period ("last month", "next week", "this year", "in 2018") is its first day (weeks start
//     on Monday); "early"/"mid"/"late" pick the first day / the 15th (July 1 for a year) / the 21st
//     (October 1 for a year);
//   - a range ("between 2018 and 2019") is its first day; "N units ago" is the document date
//     minus N units.
// With no document date only expressions carrying a year resolve.
#ifndef ENTENTE_CODER_DATES_H_
#define ENTENTE_CODER_DATES_H_

#include <optional>
#include <string>
#include <vector>

#include "coder/lexicon.h"
#include "entente/date.h"

namespace entente::coder {

struct DateExpression {
  enum class Kind { kMonthDay, kMonth, kYear, kWeekday, kRelativeDay, kShiftedUnit, kAgo };
  Kind kind = Kind::kYear;
  int first = 0, end = 0;  // token range within the sentence, [first, end)
  int year = 0;            // 0 = not given
  int month = 0, day = 0;
  int weekday = 0;
  int offset = 0;          // kRelativeDay: days; kShiftedUnit: -1/0/+1; kAgo: count
  bool strict = false;     // kWeekday with "last"/"next"
  char unit = 'd';         // 'd', 'w', 'm', 'y'
  char part = 0;           // 0, 'e'arly, 'm'id, 'l'ate
  bool scheduled = false;  // kMonth/kMonthDay right after a planned cue ("planned June 12")
};

// Token facts FindDateExpressions needs: lower-cased words, whether each is capitalised, and
// whether it is a number token.
struct DateTokens {
  const std::vector<std::string>* lower = nullptr;
  std::vector<bool> capitalized;
  std::vector<bool> number;
};

// Uses the date words (lexicon.dates) and, for DateExpression::scheduled, the planned cues
// (lexicon.cues).
std::vector<DateExpression> FindDateExpressions(const DateTokens& tokens, const Lexicon& lexicon);

// The date `e` names, looking forward when `future` (a scheduled month or day without a year:
// forward when `future`, else the nearest); nullopt when it cannot be resolved (no
// document date for a relative expression, or an invalid day).
std::optional<Date> ResolveDate(const DateExpression& e, const std::optional<Date>& doc_date, bool future);

// How exactly `e` names its date: 'y' only a year ("in 2000", "early 2018", "last year", "six
// years ago", "between 2018 and 2019"), 'm' a month ("in October 2019", "last month", "two
// months ago"), 'd' a day (weekdays, "Sept. 3", "yesterday", "last week", "3 days ago"). The date
// ResolveDate gives for a year or month stands for the whole period (its first day, or the
// early/mid/late choice), not for that day.
char DatePrecision(const DateExpression& e);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_DATES_H_
