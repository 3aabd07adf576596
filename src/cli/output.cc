#include "cli/output.h"

#include <algorithm>
#include <cstdio>

namespace entente::cli {

bool ParseOutputFormat(const std::string& s, OutputFormat* out) {
  if (s == "table") *out = OutputFormat::kTable;
  else if (s == "jsonl" || s == "json") *out = OutputFormat::kJsonl;
  else if (s == "csv") *out = OutputFormat::kCsv;
  else if (s == "tsv") *out = OutputFormat::kTsv;
  else if (s == "gdelt") *out = OutputFormat::kGdelt;
  else if (s == "plover") *out = OutputFormat::kPlover;
  else return false;
  return true;
}

namespace {

// Number of UTF-8 code points (display width approximation).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Cut(const std::string& s, size_t max) {
  std::string flat = s;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::replace(flat.begin(), flat.end(), '\t', ' ');
  if (Width(flat) <= max) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    unsigned char c = flat[i];
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= max) break;
      ++n;
    }
    out += flat[i];
  }
  return out + "…";
}

}  // namespace

void Table::Print(std::ostream& out, size_t max_width) const {
  std::vector<size_t> w(header_.size());
  for (size_t i = 0; i < header_.size(); ++i) w[i] = Width(header_[i]);
  for (const auto& r : rows_)
    for (size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], Width(Cut(r[i], max_width)));
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (size_t i = 0; i < w.size(); ++i) {
      std::string c = i < r.size() ? Cut(r[i], max_width) : "";
      s += c;
      if (i + 1 < w.size()) s += std::string(w[i] - Width(c) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (size_t x : w) rule.push_back(std::string(x, '-'));
  line(rule);
  for (const auto& r : rows_) line(r);
}

std::string CsvEscape(const std::string& f) {
  if (f.find_first_of(",\"\n\r") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvEscape(const std::string& f) {
  std::string out;
  for (char c : f) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out;
}

void WriteDelimited(std::ostream& out, const std::vector<std::string>& fields, OutputFormat f) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out << (f == OutputFormat::kCsv ? ',' : '\t');
    out << (f == OutputFormat::kCsv ? CsvEscape(fields[i]) : TsvEscape(fields[i]));
  }
  out << "\n";
}

namespace {
std::string ActorLabel(const ActorRef& a) {
  std::string s = a.code.empty() ? "?" : a.code;
  if (!a.name.empty()) s += " (" + a.name + ")";
  return s;
}
}  // namespace

std::string ShownDate(const Event& e) {
  if (e.date.empty()) return "";
  switch (e.date_precision) {
    case DatePrecision::kDay: return e.date;
    case DatePrecision::kMonth: return e.date.substr(0, 7) + " (month)";
    case DatePrecision::kYear: return e.date.substr(0, 4) + " (year)";
  }
  return e.date;
}

void EventWriter::Write(const Event& e) {
  ++count_;
  switch (format_) {
    case OutputFormat::kJsonl:
      out_ << ToJson(e) << "\n";
      break;
    case OutputFormat::kCsv:
    case OutputFormat::kTsv:
      if (!header_done_) {
        WriteDelimited(out_, CsvHeader(), format_);
        header_done_ = true;
      }
      WriteDelimited(out_, CsvFields(e), format_);
      break;
    case OutputFormat::kGdelt:
      exporter_->WriteGdelt(e, out_);
      break;
    case OutputFormat::kPlover:
      exporter_->WritePlover(e, out_);
      break;
    case OutputFormat::kTable: {
      char g[16];
      std::snprintf(g, sizeof g, "%+.1f", e.goldstein);
      table_.Add({e.id, ShownDate(e), ActorLabel(e.source), e.target ? ActorLabel(*e.target) : "-",
                  e.cameo, e.plover, g, std::string(ModalityName(e.modality)), e.text});
      break;
    }
  }
}

void EventWriter::Finish() {
  if (format_ == OutputFormat::kTable) {
    table_.Print(out_);
    out_ << "(" << count_ << " event" << (count_ == 1 ? "" : "s") << ")\n";
  }
  if ((format_ == OutputFormat::kCsv || format_ == OutputFormat::kTsv) && !header_done_)
    WriteDelimited(out_, CsvHeader(), format_);
  out_.flush();
}

void ExplainEvent(std::ostream& out, const Event& e, bool color) {
  const char* reset = color ? "\033[0m" : "";
  const char* bold = color ? "\033[1m" : "";
  out << bold << "event " << e.id << reset << "  (" << e.origin << ")\n";
  out << "  what:     " << e.cameo << " " << e.plover << "  goldstein " << e.goldstein
      << "  quad " << e.quad_class << "  modality " << ModalityName(e.modality) << "\n";
  out << "  who:      " << ActorLabel(e.source) << "  \"" << e.source.text << "\"\n";
  out << "  to whom:  " << (e.target ? ActorLabel(*e.target) + "  \"" + e.target->text + "\"" : "-") << "\n";
  out << "  when:     " << (e.date.empty() ? "unknown" : e.date);
  if (!e.date.empty() && e.date_precision != DatePrecision::kDay)
    out << "  (stands for the whole " << DatePrecisionName(e.date_precision) << ")";
  if (!e.why.date_cue.empty()) out << "  (from \"" << e.why.date_cue << "\")";
  else if (!e.doc_date.empty()) out << "  (document date)";
  out << "\n";
  if (e.location)
    out << "  where:    " << e.location->name << " (" << e.location->country << ", "
        << e.location->lat << ", " << e.location->lon << (e.location->kind.empty() ? "" : ", ")
        << e.location->kind << ")\n";
  if (!e.doc_id.empty()) out << "  document: " << e.doc_id << "  sentence " << e.sentence << "\n";

  // The sentence with source, verb and target marked. Spans are document offsets.
  if (!e.text.empty()) {
    struct Mark { Span span; const char* on; const char* open; const char* close; };
    std::vector<Mark> marks;
    auto add = [&](const Span& s, const char* c, const char* o, const char* cl) {
      if (!s.empty() && s.begin >= e.sentence_span.begin && s.end <= e.sentence_span.end &&
          s.end - e.sentence_span.begin <= e.text.size())
        marks.push_back({Span{s.begin - e.sentence_span.begin, s.end - e.sentence_span.begin}, c, o, cl});
    };
    add(e.source.span, "\033[1;34m", "[", "]src");
    add(e.why.verb, "\033[1;31m", "{", "}verb");
    if (e.target) add(e.target->span, "\033[1;32m", "[", "]tgt");
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.span.begin < b.span.begin; });
    std::string s;
    size_t pos = 0;
    for (const auto& m : marks) {
      if (m.span.begin < pos) continue;  // overlapping marks: keep the first
      s += e.text.substr(pos, m.span.begin - pos);
      std::string words = e.text.substr(m.span.begin, m.span.size());
      if (color) s += std::string(m.on) + words + reset;
      else s += std::string(m.open) + words + m.close;
      pos = m.span.end;
    }
    s += e.text.substr(std::min(pos, e.text.size()));
    out << "  sentence: " << s << "\n";
  }
  if (!e.why.pattern.empty()) out << "  pattern:  " << e.why.pattern << "\n";
  for (const auto& en : e.why.entries) out << "  entry:    " << en << "\n";
  if (!e.why.modality_cue.empty()) out << "  modality: \"" << e.why.modality_cue << "\"\n";
  if (!e.why.speaker.empty()) out << "  said by:  " << e.why.speaker << "\n";
  if (!e.why.note.empty()) out << "  note:     " << e.why.note << "\n";
}

}  // namespace entente::cli
