#include "coder/dates.h"

#include <cstdlib>

namespace entente::coder {

namespace {

// The date words of a sentence, looked up once: at(i, kind) is the date phrase of that kind
// starting at token i, else null.
class DateWords {
 public:
  DateWords(const Lexicon& lex, const std::vector<std::string>& w) : phrase_(w.size()) {
    for (size_t i = 0; i < w.size(); ++i) phrase_[i] = lex.dates.Match(w, nullptr, i);
  }
  const Phrase* at(size_t i, DateWordKind kind) const {
    if (i >= phrase_.size()) return nullptr;
    const Phrase* p = phrase_[i];
    return p && p->tag == static_cast<int>(kind) ? p : nullptr;
  }

 private:
  std::vector<const Phrase*> phrase_;
};

// Digits only (a trailing "." or "st"/"nd"/"rd"/"th" allowed for days); -1 otherwise.
int Number(const std::string& s) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0 || n > 4) return -1;
  std::string_view rest(s.c_str() + n);
  if (!rest.empty() && rest != "." && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
  return std::atoi(s.substr(0, n).c_str());
}

int Year(const std::vector<std::string>& w, size_t i) {
  if (i >= w.size() || w[i].size() != 4) return 0;
  int y = Number(w[i]);
  return y >= 1900 && y <= 2100 ? y : 0;
}

char PartOf(const Phrase* p) { return p ? p->value[0] : 0; }

// Whether a planned cue (data/coder/modality.txt: "planned", "upcoming", "scheduled") ends
// right before token `i`, or before a "for" there ("scheduled for June 12").
bool AfterPlannedCue(const Lexicon& lex, const std::vector<std::string>& w, size_t i) {
  if (i > 0 && w[i - 1] == "for") --i;
  for (size_t start = i >= 4 ? i - 4 : 0; start < i; ++start) {
    const Phrase* p = lex.cues.Match(w, nullptr, start);
    if (p && p->tag == static_cast<int>(CueKind::kPlanned) && start + p->words.size() == i) return true;
  }
  return false;
}

}  // namespace

std::vector<DateExpression> FindDateExpressions(const DateTokens& t, const Lexicon& lex) {
  const std::vector<std::string>& w = *t.lower;
  std::vector<DateExpression> out;
  const DateWords words(lex, w);
  auto month_at = [&](size_t i) -> int {
    const Phrase* p = words.at(i, DateWordKind::kMonth);
    if (!p || !t.capitalized[i]) return 0;
    int m = std::atoi(p->value.c_str());
    // "May" and "March" are also a modal and a verb: a month only next to a number ("March 3",
    // "3 March") or after "in".
    if (w[i] == "may" || w[i] == "march") {
      bool num_next = (i + 1 < w.size() && Number(w[i + 1]) > 0) ||
                      (i > 0 && w[i - 1].size() <= 2 && Number(w[i - 1]) >= 1 && Number(w[i - 1]) <= 31);
      bool in_before = i > 0 && (w[i - 1] == "in" || w[i - 1] == "since" || w[i - 1] == "until" ||
                                 w[i - 1] == "by" || w[i - 1] == "of" || w[i - 1] == "early" ||
                                 w[i - 1] == "late" || w[i - 1] == "mid");
      if (!num_next && !in_before) return 0;
    }
    return m;
  };
  for (size_t i = 0; i < w.size(); ++i) {
    DateExpression e;
    e.first = static_cast<int>(i);
    size_t j = i;
    const Phrase* part = words.at(j, DateWordKind::kPart);
    if (part) {
      ++j;
      if (j < w.size() && (w[j] == "-" || w[j] == "of")) ++j;  // "mid-", "end of"
    }
    // "between 2018 and 2019" / "from 2018 to 2019"
    if ((w[i] == "between" || w[i] == "from") && Year(w, i + 1) && i + 3 < w.size() &&
        (w[i + 2] == "and" || w[i + 2] == "to") && Year(w, i + 3)) {
      e.kind = DateExpression::Kind::kYear;
      e.year = Year(w, i + 1);
      e.end = static_cast<int>(i + 4);
      out.push_back(e);
      i += 3;
      continue;
    }
    if (int m = month_at(j)) {
      e.kind = DateExpression::Kind::kMonth;
      e.month = m;
      e.part = PartOf(part);
      size_t k = j + 1;
      if (k < w.size() && w[k] == ".") ++k;
      int d = k < w.size() && w[k].size() <= 4 ? Number(w[k]) : -1;
      if (d >= 1 && d <= 31 && !Year(w, k)) {
        e.kind = DateExpression::Kind::kMonthDay;
        e.day = d;
        ++k;
        size_t y = k < w.size() && w[k] == "," ? k + 1 : k;
        if (int yy = Year(w, y)) {
          e.year = yy;
          k = y + 1;
        }
      } else if (int yy = Year(w, k)) {
        e.year = yy;
        ++k;
      }
      e.end = static_cast<int>(k);
      out.push_back(e);
      i = k - 1;
      continue;
    }
    // "3 September (2025)"
    if (int d = Number(w[i]); d >= 1 && d <= 31 && w[i].size() <= 4 && !part) {
      if (int m = month_at(i + 1)) {
        e.kind = DateExpression::Kind::kMonthDay;
        e.day = d;
        e.month = m;
        size_t k = i + 2;
        if (int yy = Year(w, k)) {
          e.year = yy;
          ++k;
        }
        e.end = static_cast<int>(k);
        out.push_back(e);
        i = k - 1;
        continue;
      }
    }
    // "last/next/this Saturday", "last/next/this week|month|year"
    if (const Phrase* sh = words.at(j, DateWordKind::kShift)) {
      int shift = std::atoi(sh->value.c_str());
      if (const Phrase* wd = words.at(j + 1, DateWordKind::kWeekday); wd && t.capitalized[j + 1]) {
        e.kind = DateExpression::Kind::kWeekday;
        e.weekday = std::atoi(wd->value.c_str());
        e.strict = shift != 0;
        e.offset = shift;
        e.end = static_cast<int>(j + 2);
        out.push_back(e);
        i = j + 1;
        continue;
      }
      if (const Phrase* u = words.at(j + 1, DateWordKind::kUnit)) {
        e.kind = DateExpression::Kind::kShiftedUnit;
        e.offset = shift;
        e.unit = u->value[0];
        e.part = PartOf(part);
        e.end = static_cast<int>(j + 2);
        out.push_back(e);
        i = j + 1;
        continue;
      }
    }
    if (part) {
      if (int yy = Year(w, j)) {
        e.kind = DateExpression::Kind::kYear;
        e.year = yy;
        e.part = PartOf(part);
        e.end = static_cast<int>(j + 1);
        out.push_back(e);
        i = j;
        continue;
      }
      continue;
    }
    if (const Phrase* wd = words.at(i, DateWordKind::kWeekday); wd && t.capitalized[i]) {
      e.kind = DateExpression::Kind::kWeekday;
      e.weekday = std::atoi(wd->value.c_str());
      e.end = static_cast<int>(i + 1);
      out.push_back(e);
      continue;
    }
    if (const Phrase* dw = words.at(i, DateWordKind::kDay)) {
      e.kind = DateExpression::Kind::kRelativeDay;
      e.offset = std::atoi(dw->value.c_str());
      e.end = static_cast<int>(i + 1);
      out.push_back(e);
      continue;
    }
    // "six years ago", "2 weeks ago", "a year ago"
    {
      int n = -1;
      if (const Phrase* nw = words.at(i, DateWordKind::kNumber)) n = std::atoi(nw->value.c_str());
      else if (t.number[i] && w[i].size() <= 3) n = Number(w[i]);
      if (n > 0) {
        const Phrase* u = words.at(i + 1, DateWordKind::kUnit);
        if (u && i + 2 < w.size() && w[i + 2] == "ago") {
          e.kind = DateExpression::Kind::kAgo;
          e.offset = n;
          e.unit = u->value[0];
          e.end = static_cast<int>(i + 3);
          out.push_back(e);
          i += 2;
          continue;
        }
      }
    }
    if (int yy = Year(w, i); yy && t.number[i]) {
      // A bare year only after a preposition ("in 2018", "since 2019", "by 2030").
      if (i > 0 && (w[i - 1] == "in" || w[i - 1] == "since" || w[i - 1] == "by" || w[i - 1] == "until" ||
                    w[i - 1] == "during" || w[i - 1] == "of" || w[i - 1] == "before" || w[i - 1] == "after")) {
        e.kind = DateExpression::Kind::kYear;
        e.year = yy;
        e.end = static_cast<int>(i + 1);
        out.push_back(e);
      }
    }
  }
  for (DateExpression& e : out)
    e.scheduled = (e.kind == DateExpression::Kind::kMonth || e.kind == DateExpression::Kind::kMonthDay) &&
                  AfterPlannedCue(lex, w, e.first);
  return out;
}

namespace {
Date PartOfMonth(int y, int m, char part) {
  int d = part == 'm' ? 15 : part == 'l' ? 21 : 1;
  return Date{y, m, d};
}
Date PartOfYear(int y, char part) {
  return Date{y, part == 'm' ? 7 : part == 'l' ? 10 : 1, 1};
}
Date AddMonths(const Date& d, int n) {
  int total = d.year * 12 + (d.month - 1) + n;
  int y = total / 12, m = total % 12 + 1;
  int day = std::min(d.day, Date::DaysInMonth(y, m));
  return Date{y, m, day};
}
}  // namespace

std::optional<Date> ResolveDate(const DateExpression& e, const std::optional<Date>& doc, bool future) {
  using K = DateExpression::Kind;
  switch (e.kind) {
    case K::kYear:
      return PartOfYear(e.year, e.part);
    case K::kMonth: {
      if (e.year) return PartOfMonth(e.year, e.month, e.part);
      if (!doc) return std::nullopt;
      int y = doc->year;
      if (e.scheduled && !future) {
        // The nearest month of that name: at most six months away.
        if (e.month - doc->month > 6) --y;
        if (doc->month - e.month > 6) ++y;
        return PartOfMonth(y, e.month, e.part);
      }
      if (!future && e.month > doc->month) --y;
      if (future && e.month < doc->month) ++y;
      return PartOfMonth(y, e.month, e.part);
    }
    case K::kMonthDay: {
      int y = e.year;
      if (!y) {
        if (!doc) return std::nullopt;
        y = doc->year;
        if (e.scheduled && !future) {
          // The nearest day of that name, in the document's year or the one before or after.
          int64_t best = -1;
          for (int yy = doc->year - 1; yy <= doc->year + 1; ++yy) {
            if (!Date::Valid(yy, e.month, e.day)) continue;
            int64_t dist = std::llabs(Date{yy, e.month, e.day}.Days() - doc->Days());
            if (best < 0 || dist < best) best = dist, y = yy;
          }
        } else {
          Date cand{y, e.month, e.day};
          if (!future && cand > *doc) --y;
          if (future && cand < *doc) ++y;
        }
      }
      if (!Date::Valid(y, e.month, e.day)) return std::nullopt;
      return Date{y, e.month, e.day};
    }
    case K::kWeekday: {
      if (!doc) return std::nullopt;
      bool forward = e.offset > 0 || (e.offset == 0 && future);
      int wd = doc->Weekday();
      if (forward) {
        int delta = (e.weekday - wd + 7) % 7;
        if (delta == 0 && e.strict) delta = 7;
        return doc->AddDays(delta);
      }
      int delta = (wd - e.weekday + 7) % 7;
      if (delta == 0 && e.strict) delta = 7;
      return doc->AddDays(-delta);
    }
    case K::kRelativeDay:
      if (!doc) return std::nullopt;
      return doc->AddDays(e.offset);
    case K::kShiftedUnit: {
      if (!doc) return std::nullopt;
      switch (e.unit) {
        case 'd': return doc->AddDays(e.offset);
        case 'w': return doc->AddDays(-doc->Weekday() + 7 * e.offset);
        case 'm': {
          Date m = AddMonths(Date{doc->year, doc->month, 1}, e.offset);
          return PartOfMonth(m.year, m.month, e.part);
        }
        default: return PartOfYear(doc->year + e.offset, e.part);
      }
    }
    case K::kAgo: {
      if (!doc) return std::nullopt;
      switch (e.unit) {
        case 'd': return doc->AddDays(-e.offset);
        case 'w': return doc->AddDays(-7 * e.offset);
        // "two months ago", "six years ago" name a month or a year, not a day: like "last
        // month" and "last year" they resolve to the period's first day (DatePrecision).
        case 'm': {
          Date m = AddMonths(*doc, -e.offset);
          return Date{m.year, m.month, 1};
        }
        default: return PartOfYear(doc->year - e.offset, 0);
      }
    }
  }
  return std::nullopt;
}

char DatePrecision(const DateExpression& e) {
  using K = DateExpression::Kind;
  switch (e.kind) {
    case K::kYear: return 'y';
    case K::kMonth: return 'm';
    case K::kShiftedUnit:
    case K::kAgo: return e.unit == 'y' ? 'y' : e.unit == 'm' ? 'm' : 'd';
    default: return 'd';
  }
}

}  // namespace entente::coder
