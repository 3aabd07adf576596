// Line-oriented parsing of knowledge files. Both shapes share one loop over lines: strip the
// comment, trim, skip blanks; records then distinguish headers (`[`) from fields (`key = v`).
#include "actors/record_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace entente::actors {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Calls fn(line_number, line_without_comment_trimmed, raw_line) for every line of `text`.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  int line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    ++line;
    pos = nl + 1;
    fn(line, Trim(StripComment(raw)), raw);
  }
}

bool IsKindName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) return false;
  return true;
}

bool IsKeyName(std::string_view s) { return IsKindName(s) && !(s[0] >= '0' && s[0] <= '9'); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::vector<std::string> RecordField::Items() const { return SplitList(value); }

std::vector<const RecordField*> Record::All(std::string_view key) const {
  std::vector<const RecordField*> out;
  for (const RecordField& f : fields)
    if (f.key == key) out.push_back(&f);
  return out;
}

const RecordField* Record::First(std::string_view key) const {
  for (const RecordField& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '#') continue;
    bool first_non_blank = Trim(line.substr(0, i)).empty();
    if (first_non_blank || line[i - 1] == ' ' || line[i - 1] == '\t') return line.substr(0, i);
  }
  return line;
}

std::vector<std::string> SplitList(std::string_view value) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t bar = value.find('|', pos);
    if (bar == std::string_view::npos) bar = value.size();
    std::string_view item = Trim(value.substr(pos, bar - pos));
    if (!item.empty()) out.emplace_back(item);
    pos = bar + 1;
  }
  return out;
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool IsUpperSnakeId(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

void ReportError(const DiagnosticSink& sink, const std::string& file, int line, std::string message) {
  if (!sink) return;
  Diagnostic d;
  d.level = Diagnostic::Level::kError;
  d.file = file;
  d.line = line;
  d.message = std::move(message);
  sink(d);
}

void ReportWarning(const DiagnosticSink& sink, const std::string& file, int line, std::string message) {
  if (!sink) return;
  Diagnostic d;
  d.level = Diagnostic::Level::kWarning;
  d.file = file;
  d.line = line;
  d.message = std::move(message);
  sink(d);
}

int ParseRecords(std::string_view text, const std::string& file, const DiagnosticSink& sink,
                 const std::function<void(Record&&)>& on_record) {
  int errors = 0;
  auto error = [&](int line, std::string msg) {
    ++errors;
    ReportError(sink, file, line, std::move(msg));
  };
  Record current;
  bool have_current = false;
  bool skipping = false;  // fields under a bad header are skipped silently
  auto flush = [&] {
    if (have_current) on_record(std::move(current));
    current = Record();
    have_current = false;
  };
  ForEachLine(text, [&](int line, std::string_view s, std::string_view raw) {
    if (s.empty()) return;
    if (s.front() == '[') {
      flush();
      skipping = true;
      if (s.back() != ']') {
        error(line, "malformed record header (expected '[KIND ID]')");
        return;
      }
      std::vector<std::string_view> words = SplitWords(s.substr(1, s.size() - 2));
      if (words.size() != 2) {
        error(line, "malformed record header (expected '[KIND ID]', got '" + std::string(s) + "')");
        return;
      }
      if (!IsKindName(words[0])) {
        error(line, "bad record kind '" + std::string(words[0]) + "' (expected lower case)");
        return;
      }
      if (!IsUpperSnakeId(words[1])) {
        error(line, "bad record id '" + std::string(words[1]) + "' (expected UPPER_SNAKE [A-Z0-9_]+)");
        return;
      }
      skipping = false;
      have_current = true;
      current.kind = std::string(words[0]);
      current.id = std::string(words[1]);
      current.file = file;
      current.line = line;
      return;
    }
    size_t eq = s.find('=');
    if (eq == std::string_view::npos) {
      error(line, "expected 'key = value' or '[KIND ID]', got '" + std::string(s) + "'");
      return;
    }
    std::string_view key = Trim(s.substr(0, eq));
    std::string_view value = Trim(s.substr(eq + 1));
    if (key.empty()) {
      error(line, "missing key before '='");
      return;
    }
    if (!IsKeyName(key)) {
      error(line, "bad key '" + std::string(key) + "' (expected lower_snake)");
      return;
    }
    if (value.empty()) {
      error(line, "empty value for '" + std::string(key) + "'");
      return;
    }
    if (!have_current) {
      if (!skipping) error(line, "field '" + std::string(key) + "' outside a record (no '[KIND ID]' above)");
      return;
    }
    current.fields.push_back(RecordField{std::string(key), std::string(value), line});
  });
  flush();
  return errors;
}

int ParseTable(std::string_view text, const std::string& file, size_t columns,
               const DiagnosticSink& sink, const std::function<void(TableRow&&)>& on_row,
               std::vector<std::string>* header) {
  int errors = 0;
  bool seen_header = false;
  ForEachLine(text, [&](int line, std::string_view s, std::string_view raw) {
    if (s.empty()) {
      std::string_view t = Trim(raw);
      if (!seen_header && !t.empty() && t.front() == '#') {
        seen_header = true;
        std::vector<std::string> names = SplitList(t.substr(1));
        if (columns == 0) columns = names.size();
        if (header) *header = std::move(names);
      }
      return;
    }
    seen_header = true;  // the header comment must come before the first row
    TableRow row;
    row.file = file;
    row.line = line;
    size_t pos = 0;
    while (true) {
      size_t bar = s.find('|', pos);
      if (bar == std::string_view::npos) {
        row.columns.emplace_back(Trim(s.substr(pos)));
        break;
      }
      row.columns.emplace_back(Trim(s.substr(pos, bar - pos)));
      pos = bar + 1;
    }
    if (columns != 0 && row.columns.size() != columns) {
      ++errors;
      ReportError(sink, file, line,
                  "expected " + std::to_string(columns) + " columns separated by ' | ', got " +
                      std::to_string(row.columns.size()));
      return;
    }
    on_row(std::move(row));
  });
  return errors;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ss.str();
}

std::optional<Date> ParseKnowledgeDate(std::string_view s, bool closing) {
  // YYYY, YYYY-MM, YYYY-MM-DD with exactly 4, 2, 2 digits.
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  std::string_view y = s.substr(0, 4);
  if (!AllDigits(y)) return std::nullopt;
  int year = ToInt(y), month = closing ? 12 : 1, day = 1;
  if (s.size() >= 7) {
    if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return std::nullopt;
    month = ToInt(s.substr(5, 2));
  }
  if (month < 1 || month > 12) return std::nullopt;
  if (s.size() == 10) {
    if (s[7] != '-' || !AllDigits(s.substr(8, 2))) return std::nullopt;
    day = ToInt(s.substr(8, 2));
  } else if (closing) {
    day = Date::DaysInMonth(year, month);
  }
  if (!Date::Valid(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

bool ParseInterval(std::string_view s, DateInterval* out, std::string* error) {
  size_t dots = s.find("..");
  if (dots == std::string_view::npos) {
    *error = "expected an interval FROM..TO, got '" + std::string(s) + "'";
    return false;
  }
  std::string_view from = s.substr(0, dots), to = s.substr(dots + 2);
  DateInterval iv;
  if (!from.empty()) {
    iv.from = ParseKnowledgeDate(from, false);
    if (!iv.from) {
      *error = "bad date '" + std::string(from) + "' (expected YYYY-MM-DD, YYYY-MM or YYYY)";
      return false;
    }
  }
  if (!to.empty()) {
    iv.to = ParseKnowledgeDate(to, true);
    if (!iv.to) {
      *error = "bad date '" + std::string(to) + "' (expected YYYY-MM-DD, YYYY-MM or YYYY)";
      return false;
    }
  }
  if (iv.from && iv.to && *iv.to < *iv.from) {
    *error = "interval FROM " + std::string(from) + " is after TO " + std::string(to);
    return false;
  }
  *out = iv;
  return true;
}

bool SplitDatedPhrase(std::string_view item, std::string_view* phrase, DateInterval* interval,
                      bool* dated, std::string* error) {
  *phrase = item;
  *interval = DateInterval();
  *dated = false;
  std::vector<std::string_view> words = SplitWords(item);
  if (words.empty() || words.back().find("..") == std::string_view::npos) return true;
  if (!ParseInterval(words.back(), interval, error)) return false;
  *dated = true;
  *phrase = Trim(item.substr(0, words.back().data() - item.data()));
  return true;
}

std::string_view UndatedPhrase(std::string_view item) {
  std::string_view phrase = item;
  DateInterval interval;
  bool dated;
  std::string error;
  SplitDatedPhrase(item, &phrase, &interval, &dated, &error);
  return phrase;
}

}  // namespace entente::actors
