#include "coder/lexicon.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>

#include "actors/record_reader.h"
#include "coder/lemmatizer.h"

namespace entente::coder {

uint32_t PhraseIndex::FilterBit(std::string_view w) {
  uint32_t h = static_cast<uint32_t>(w.size()) * 0x9e3779b1u;
  if (!w.empty()) {
    h ^= static_cast<uint8_t>(w.front()) * 0x85ebca6bu;
    h ^= static_cast<uint8_t>(w.back()) * 0xc2b2ae35u;
    h ^= static_cast<uint8_t>(w[w.size() / 2]) * 0x27d4eb2fu;
  }
  h ^= h >> 15;
  return (h * 0x2c1b3c6du >> 20) & (kFilterBits - 1);
}

void PhraseIndex::Add(Phrase p) {
  if (p.words.empty()) return;
  std::string first = p.words[0];
  const uint32_t b = FilterBit(first);
  filter_[b >> 6] |= uint64_t{1} << (b & 63);
  by_first_[first].push_back(std::move(p));
  ++count_;
}

const Phrase* PhraseIndex::Match(const std::vector<std::string>& words,
                                 const std::vector<std::string>* alt, size_t pos) const {
  if (pos >= words.size()) return nullptr;
  const Phrase* best = nullptr;
  auto try_list = [&](const std::string& key) {
    if (!MayStart(key)) return;
    auto it = by_first_.find(key);
    if (it == by_first_.end()) return;
    for (const Phrase& p : it->second) {
      if (pos + p.words.size() > words.size()) continue;
      if (best && best->words.size() >= p.words.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < p.words.size() && ok; ++i)
        ok = words[pos + i] == p.words[i] || (alt && (*alt)[pos + i] == p.words[i]);
      if (ok) best = &p;
    }
  };
  try_list(words[pos]);
  if (alt && (*alt)[pos] != words[pos]) try_list((*alt)[pos]);
  return best;
}

std::vector<std::string> PhraseWords(std::string_view phrase) {
  std::vector<std::string> out;
  for (std::string_view w : actors::SplitWords(phrase)) {
    // Split a trailing period or comma off, as the tokenizer does for ordinary words.
    std::string lw = LowerWord(w);
    out.push_back(std::move(lw));
  }
  return out;
}

int Lexicon::LoadModality(std::string_view text, const std::string& file, const DiagnosticSink& sink) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 2, sink, [&](actors::TableRow&& r) {
    Phrase p;
    const std::string& k = r.columns[0];
    p.tag = k == "planned" ? static_cast<int>(CueKind::kPlanned)
          : k == "possible" ? static_cast<int>(CueKind::kPossible)
          : k == "negated" ? static_cast<int>(CueKind::kNegated)
          : k == "speech" ? static_cast<int>(CueKind::kSpeech) : 0;
    p.words = PhraseWords(r.columns[1]);
    if (!p.tag || p.words.empty()) {
      actors::ReportError(sink, r.file, r.line, "want 'planned|possible|negated|speech | cue words'");
      ++errors;
      return;
    }
    p.value = r.columns[1];
    cues.Add(std::move(p));
  });
  return errors;
}

int Lexicon::LoadDiscards(std::string_view text, const std::string& file, const DiagnosticSink& sink) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 2, sink, [&](actors::TableRow&& r) {
    Phrase p;
    p.words = PhraseWords(r.columns[1]);
    p.value = r.columns[0];
    if (p.value != "sports" && p.value != "business" && p.value != "entertainment" && p.value != "accidents") {
      actors::ReportError(sink, r.file, r.line, "topic must be sports, business, entertainment or accidents");
      ++errors;
      return;
    }
    if (p.words.empty()) {
      actors::ReportError(sink, r.file, r.line, "empty phrase");
      ++errors;
      return;
    }
    discards.Add(std::move(p));
  });
  return errors;
}

namespace {

// True when the first column of `r` is one lower-case word (as PhraseWords reads it); else
// reports "`what` must be one lower-case word" at the row.
bool OneLowerWord(const actors::TableRow& r, const char* what, const DiagnosticSink& sink) {
  const std::vector<std::string> words = PhraseWords(r.columns[0]);
  if (words.size() == 1 && words[0] == r.columns[0]) return true;
  actors::ReportError(sink, r.file, r.line, std::string(what) + " must be one lower-case word");
  return false;
}

}  // namespace

int Lexicon::LoadEvaluations(std::string_view text, const std::string& file, const DiagnosticSink& sink) {
  int errors = 0;
  std::unordered_set<std::string> seen;
  errors += actors::ParseTable(text, file, 2, sink, [&](actors::TableRow&& r) {
    if (!OneLowerWord(r, "evaluative word", sink)) {
      ++errors;
      return;
    }
    const std::string& word = r.columns[0];
    if (r.columns[1] != "disapprove" && r.columns[1] != "praise") {
      actors::ReportError(sink, r.file, r.line, "class must be disapprove or praise");
      ++errors;
      return;
    }
    if (!seen.insert(word).second) {
      actors::ReportError(sink, r.file, r.line, "word listed twice: " + word);
      ++errors;
      return;
    }
    evaluations[r.columns[1]].push_back(word);
  });
  return errors;
}

int Lexicon::LoadPeoples(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                         const std::function<bool(const std::string&)>& known_country) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 2, sink, [&](actors::TableRow&& r) {
    if (!OneLowerWord(r, "adjective", sink)) {
      ++errors;
      return;
    }
    const std::vector<std::string> states = PhraseWords(r.columns[1]);
    if (states.size() < 2) {
      actors::ReportError(sink, r.file, r.line, "want at least two states");
      ++errors;
      return;
    }
    for (const std::string& c : states) {
      std::string code = c;
      for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (!known_country(code)) {
        actors::ReportError(sink, r.file, r.line, "unknown state " + code);
        ++errors;
        return;
      }
    }
    spread_peoples.insert(r.columns[0]);
  });
  return errors;
}

int Lexicon::LoadDates(std::string_view text, const std::string& file, const DiagnosticSink& sink) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 3, sink, [&](actors::TableRow&& r) {
    static const char* const kKinds[] = {"", "month", "weekday", "day", "unit", "number", "shift", "part"};
    Phrase p;
    for (int i = 1; i <= 7; ++i)
      if (r.columns[0] == kKinds[i]) p.tag = i;
    p.words = PhraseWords(r.columns[1]);
    p.value = r.columns[2];
    auto fail = [&](const std::string& why) {
      actors::ReportError(sink, r.file, r.line, why);
      ++errors;
    };
    if (!p.tag) return fail("unknown date word kind '" + r.columns[0] + "'");
    if (p.words.size() != 1) return fail("a date word is one word");
    auto kind = static_cast<DateWordKind>(p.tag);
    char* end = nullptr;
    long v = std::strtol(p.value.c_str(), &end, 10);
    bool numeric = !p.value.empty() && end && *end == '\0';
    switch (kind) {
      case DateWordKind::kMonth:
        if (!numeric || v < 1 || v > 12) return fail("month value must be 1..12");
        break;
      case DateWordKind::kWeekday:
        if (!numeric || v < 0 || v > 6) return fail("weekday value must be 0 (Monday)..6");
        break;
      case DateWordKind::kDay:
      case DateWordKind::kNumber:
      case DateWordKind::kShift:
        if (!numeric) return fail("value must be a number");
        break;
      case DateWordKind::kUnit:
        if (p.value != "day" && p.value != "week" && p.value != "month" && p.value != "year")
          return fail("unit value must be day, week, month or year");
        break;
      case DateWordKind::kPart:
        if (p.value != "early" && p.value != "mid" && p.value != "late")
          return fail("part value must be early, mid or late");
        break;
    }
    dates.Add(std::move(p));
  });
  return errors;
}

namespace {
// Reads a gazetteer table (places.txt, countries.txt: name, country, latitude, longitude, kind,
// aliases) and gives each well-formed row to `add`, which returns why it refuses the row, or "".
// Bad rows are reported with file and line; returns their number.
int LoadGazetteer(std::string_view text, const std::string& file, const DiagnosticSink& sink, const char* what,
                  const std::function<bool(const std::string&)>& known_country,
                  const std::function<std::string(Place&&, const actors::TableRow&)>& add) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 6, sink, [&](actors::TableRow&& r) {
    Place pl;
    pl.name = r.columns[0];
    pl.country = r.columns[1];
    pl.kind = r.columns[4];
    char* e1 = nullptr;
    char* e2 = nullptr;
    pl.lat = std::strtod(r.columns[2].c_str(), &e1);
    pl.lon = std::strtod(r.columns[3].c_str(), &e2);
    std::string why;
    if (pl.name.empty())
      why = std::string("empty ") + what + " name";
    else if (r.columns[2].empty() || *e1 || pl.lat < -90 || pl.lat > 90)
      why = "bad latitude '" + r.columns[2] + "'";
    else if (r.columns[3].empty() || *e2 || pl.lon < -180 || pl.lon > 180)
      why = "bad longitude '" + r.columns[3] + "'";
    else if (pl.country.find('/') != std::string::npos) {
      // "IND/PAK": a place shared by several states (places.txt only).
      for (size_t at = 0; at <= pl.country.size() && why.empty();) {
        size_t slash = pl.country.find('/', at);
        if (slash == std::string::npos) slash = pl.country.size();
        std::string c = pl.country.substr(at, slash - at);
        if (c.empty() || (known_country && !known_country(c)))
          why = "unknown country code '" + c + "'";
        else if (std::find(pl.shared.begin(), pl.shared.end(), c) == pl.shared.end())
          pl.shared.push_back(c);
        at = slash + 1;
      }
      if (why.empty() && (std::string_view(what) != "place" || pl.shared.size() < 2))
        why = "a shared place names two states or more, in places.txt";
      if (why.empty()) {
        pl.country.clear();
        why = add(std::move(pl), r);
      }
    } else if (known_country && !known_country(pl.country))
      why = "unknown country code '" + pl.country + "'";
    else
      why = add(std::move(pl), r);
    if (!why.empty()) {
      actors::ReportError(sink, r.file, r.line, why);
      ++errors;
    }
  });
  return errors;
}
}  // namespace

int Lexicon::LoadPlaces(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                        const std::function<bool(const std::string&)>& known_country) {
  return LoadGazetteer(text, file, sink, "place", known_country, [&](Place&& pl, const actors::TableRow& r) {
    if (pl.kind != "capital" && pl.kind != "city" && pl.kind != "region" && pl.kind != "site")
      return std::string("kind must be capital, city, region or site");
    int index = static_cast<int>(place_list.size());
    std::vector<std::string> names = {pl.name};
    std::string_view aliases = r.columns[5];
    size_t pos = 0;
    while (pos < aliases.size()) {
      size_t semi = aliases.find(';', pos);
      if (semi == std::string_view::npos) semi = aliases.size();
      std::string_view a = actors::Trim(aliases.substr(pos, semi - pos));
      if (!a.empty()) names.emplace_back(a);
      pos = semi + 1;
    }
    place_list.push_back(std::move(pl));
    for (const auto& n : names) {
      Phrase p;
      p.words = PhraseWords(n);
      p.index = index;
      places.Add(std::move(p));
    }
    return std::string();
  });
}

int Lexicon::LoadCountries(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                           const std::function<bool(const std::string&)>& known_country) {
  return LoadGazetteer(text, file, sink, "country", known_country, [&](Place&& pl, const actors::TableRow&) {
    if (pl.kind != "country") return std::string("kind must be country");
    const std::string code = pl.country;
    if (!countries.emplace(code, std::move(pl)).second) return "second row for '" + code + "'";
    return std::string();
  });
}

int Lexicon::LoadPartOf(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                        const std::function<bool(const std::string&)>& known_country) {
  int errors = 0;
  errors += actors::ParseTable(text, file, 3, sink, [&](actors::TableRow&& r) {
    PartOf p;
    p.country = r.columns[0];
    p.state = r.columns[1];
    std::string why;
    if (known_country && !known_country(p.country))
      why = "unknown country code '" + p.country + "'";
    else if (known_country && !known_country(p.state))
      why = "unknown country code '" + p.state + "'";
    else if (p.country == p.state)
      why = "a state is not part of itself";
    else
      actors::ParseInterval(r.columns[2], &p.when, &why);
    if (!why.empty()) {
      actors::ReportError(sink, r.file, r.line, why);
      ++errors;
      return;
    }
    part_of.push_back(std::move(p));
  });
  return errors;
}

std::string Lexicon::StateOn(const std::string& country, const std::optional<Date>& date) const {
  std::string c = country;
  if (!date) return c;
  // Each step moves to a containing state; the table is small and acyclic in practice, and the
  // bound keeps a cyclic table from looping.
  for (size_t step = 0; step <= part_of.size(); ++step) {
    auto it = std::find_if(part_of.begin(), part_of.end(),
                           [&](const PartOf& p) { return p.country == c && p.when.Contains(*date); });
    if (it == part_of.end()) break;
    c = it->state;
  }
  return c;
}

}  // namespace entente::coder
