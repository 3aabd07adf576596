// Dictionary readers. All five formats share one line discipline (ReadLines): HTML-style
// comments (possibly spanning lines), '#' and legacy ';' comments to the end of the line, blank
// lines kept as separators (a verb synset ends at a blank line). Each reader then walks the
// lines as a small state machine; a malformed line becomes a Problem and is skipped.
#include "coder/tabari/dictionaries.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace entente::tabari {

std::string Problem::ToString() const {
  return file + ":" + std::to_string(line) + ": " + reason;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  return ss.str();
}

std::optional<DateNum> ParseDictDate(std::string_view s) {
  if (s.size() != 6 && s.size() != 8) return std::nullopt;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  int v = std::stoi(std::string(s));
  int year, md;
  if (s.size() == 6) {
    int yy = v / 10000;
    year = yy <= 30 ? 2000 + yy : 1900 + yy;
    md = v % 10000;
  } else {
    year = v / 10000;
    md = v % 10000;
  }
  int month = md / 100, day = md % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return year * 10000 + md;
}

namespace {

struct Line {
  int no = 0;
  std::string text;   // comments removed, trailing blanks removed
  bool indented = false;
  bool blank = false;  // truly empty (a comment-only line is not blank: it is dropped)
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<Line> ReadLines(std::string_view text) {
  std::vector<Line> out;
  bool in_comment = false;
  int no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string raw(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string kept;
    size_t i = 0;
    bool had_comment = in_comment;
    while (i < raw.size()) {
      if (in_comment) {
        size_t end = raw.find("-->", i);
        if (end == std::string::npos) {
          i = raw.size();
        } else {
          i = end + 3;
          in_comment = false;
        }
        continue;
      }
      if (raw.compare(i, 2, "<!") == 0) {
        in_comment = true;
        had_comment = true;
        i += 2;
        continue;
      }
      if (raw[i] == '#' || raw[i] == ';') {
        had_comment = true;
        break;
      }
      kept.push_back(raw[i]);
      ++i;
    }
    Line line;
    line.no = no;
    line.indented = !kept.empty() && (kept[0] == ' ' || kept[0] == '\t');
    line.text = Trim(kept);
    line.blank = line.text.empty() && !had_comment && Trim(raw).empty();
    if (!line.text.empty() || line.blank) out.push_back(std::move(line));
    if (nl >= text.size()) break;
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view phrase) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : phrase) {
    if (c == '_' || c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(Upper(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(Upper(cur));
  return out;
}

// Splits "PHRASE {a b} [CODE] rest" into its parts. Returns false on unbalanced brackets.
struct Bracketed {
  std::string head;                // text before the first { or [
  std::optional<std::string> braces;
  std::vector<std::string> codes;  // contents of each [...]
  std::string tail;                // anything after the last bracket
};

bool SplitBrackets(std::string_view s, Bracketed* out, std::string* why) {
  size_t i = 0;
  while (i < s.size() && s[i] != '{' && s[i] != '[') out->head.push_back(s[i++]);
  out->head = Trim(out->head);
  while (i < s.size()) {
    char open = s[i];
    if (open == '{' || open == '[') {
      char close = open == '{' ? '}' : ']';
      size_t end = s.find(close, i + 1);
      if (end == std::string_view::npos) {
        *why = std::string("unclosed '") + open + "'";
        return false;
      }
      std::string inner = Trim(s.substr(i + 1, end - i - 1));
      if (open == '{') {
        out->braces = inner;
      } else {
        out->codes.push_back(inner);
      }
      i = end + 1;
    } else if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else {
      out->tail.push_back(s[i++]);
    }
  }
  return true;
}

bool IsConsonant(char c) { return std::string_view("AEIOU").find(c) == std::string_view::npos; }

// Regular verb forms of an upper-case word: base, 3rd person, past, gerund.
std::vector<std::string> RegularVerbForms(const std::string& w) {
  std::vector<std::string> f = {w};
  if (w.empty()) return f;
  char last = w.back();
  bool ends_e = last == 'E';
  bool cons_y = last == 'Y' && w.size() > 1 && IsConsonant(w[w.size() - 2]);
  auto ends = [&](std::string_view suf) {
    return w.size() >= suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (cons_y) {
    f.push_back(w.substr(0, w.size() - 1) + "IES");
    f.push_back(w.substr(0, w.size() - 1) + "IED");
  } else if (ends("S") || ends("SH") || ends("CH") || ends("X") || ends("Z")) {
    f.push_back(w + "ES");
    f.push_back(w + "ED");
  } else {
    f.push_back(w + "S");
    f.push_back(ends_e ? w + "D" : w + "ED");
  }
  if (ends_e && !ends("EE") && w.size() > 2) {
    f.push_back(w.substr(0, w.size() - 1) + "ING");
  } else {
    f.push_back(w + "ING");
  }
  return f;
}

std::string RegularPlural(const std::string& w) {
  if (w.empty()) return w;
  if (w.back() == 'Y' && w.size() > 1 && IsConsonant(w[w.size() - 2]))
    return w.substr(0, w.size() - 1) + "IES";
  if (w.size() >= 2 && w.compare(w.size() - 2, 2, "SS") == 0) return w + "ES";
  return w + "S";
}

// "032:033" -> code and paired code.
void SplitCode(const std::string& c, std::string* code, std::string* paired) {
  size_t colon = c.find(':');
  if (colon == std::string::npos) {
    *code = c;
    paired->clear();
  } else {
    *code = Trim(c.substr(0, colon));
    *paired = Trim(c.substr(colon + 1));
  }
}

// A verb entry line "WORD_+WORD {forms} [code]" (with or without a leading '+').
bool ParseVerbEntry(const std::string& text, VerbEntry* e, std::string* why) {
  Bracketed b;
  if (!SplitBrackets(text, &b, why)) return false;
  std::string head = b.head;
  if (!head.empty() && head[0] == '+') head.erase(0, 1);
  auto parse_words = [](const std::string& phrase, std::vector<std::string>* words, int* h) {
    words->clear();
    *h = 0;
    std::string cur;
    bool mark = false;
    auto flush = [&] {
      if (!cur.empty()) {
        if (mark) *h = static_cast<int>(words->size());
        words->push_back(Upper(cur));
      }
      cur.clear();
      mark = false;
    };
    for (char c : phrase) {
      if (c == '_' || c == ' ') {
        flush();
      } else if (c == '+') {
        mark = true;
      } else {
        cur.push_back(c);
      }
    }
    flush();
  };
  parse_words(head, &e->words, &e->head);
  if (e->words.empty()) {
    *why = "verb entry without a verb";
    return false;
  }
  for (const auto& w : e->words) {
    for (char c : w) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'' || c == '.')) {
        *why = "unexpected character '" + std::string(1, c) + "' in verb '" + head + "'";
        return false;
      }
    }
  }
  if (!b.tail.empty()) {
    *why = "unexpected text '" + b.tail + "' after verb entry";
    return false;
  }
  if (!b.codes.empty()) SplitCode(b.codes[0], &e->code, &e->paired_code);
  // Regular forms replace the head word; irregular forms are given whole.
  for (const auto& f : RegularVerbForms(e->words[e->head])) {
    auto words = e->words;
    words[e->head] = f;
    e->forms.push_back(words);
  }
  if (b.braces) {
    std::string cur;
    std::istringstream ss(*b.braces);
    while (ss >> cur) {
      std::vector<std::string> words;
      int h = 0;
      parse_words(cur, &words, &h);
      if (!words.empty()) e->forms.push_back(words);
    }
  }
  return true;
}

bool ParsePattern(const std::string& text, VerbPattern* p, std::string* why) {
  // text starts after the leading '-'.
  size_t lb = text.rfind('[');
  size_t rb = text.rfind(']');
  if (lb == std::string::npos || rb == std::string::npos || rb < lb) {
    *why = "pattern without [code]";
    return false;
  }
  SplitCode(Trim(text.substr(lb + 1, rb - lb - 1)), &p->code, &p->paired_code);
  if (p->code.empty()) {
    *why = "empty code in pattern";
    return false;
  }
  std::string body = text.substr(0, lb);
  if (body.find('{') != std::string::npos || body.find('|') != std::string::npos) {
    *why = "disjunctive sets are not supported in patterns (use a synset)";
    return false;
  }
  std::vector<PatternElement> elems;
  std::istringstream ss(body);
  std::string tok;
  while (ss >> tok) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : tok) {
      if (c == '_') {
        parts.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    parts.push_back(cur);
    // Drop empty parts (a trailing '_' marks a whole word, which is all we match anyway).
    std::vector<std::string> nonempty;
    for (auto& s : parts)
      if (!s.empty()) nonempty.push_back(s);
    for (size_t i = 0; i < nonempty.size(); ++i) {
      PatternElement e;
      const std::string& s = nonempty[i];
      if (s == "*" || s == "**") {
        e.kind = PatternElement::Kind::kVerb;
      } else if (s == "+") {
        e.kind = PatternElement::Kind::kTarget;
      } else if (s == "$") {
        e.kind = PatternElement::Kind::kSource;
      } else if (s == "%") {
        e.kind = PatternElement::Kind::kCompound;
      } else if (s == "^") {
        e.kind = PatternElement::Kind::kSkip;
      } else if (s[0] == '&') {
        e.kind = PatternElement::Kind::kSynset;
        e.text = Upper(s);
      } else {
        e.text = Upper(s);
      }
      e.adjacent = i + 1 < nonempty.size();
      elems.push_back(e);
    }
  }
  int verbs = 0;
  size_t vpos = 0;
  for (size_t i = 0; i < elems.size(); ++i)
    if (elems[i].kind == PatternElement::Kind::kVerb) {
      ++verbs;
      vpos = i;
    }
  if (verbs != 1) {
    *why = verbs == 0 ? "pattern without the verb marker '*'" : "pattern with more than one '*'";
    return false;
  }
  p->pre.assign(elems.begin(), elems.begin() + static_cast<long>(vpos));
  p->post.assign(elems.begin() + static_cast<long>(vpos) + 1, elems.end());
  p->verb_adjacent_pre = vpos > 0 && elems[vpos - 1].adjacent;
  p->verb_adjacent_post = elems[vpos].adjacent;
  if (!p->pre.empty()) p->pre.back().adjacent = false;  // kept in verb_adjacent_pre
  p->text = Trim(text);
  return true;
}

}  // namespace

int VerbPattern::Specificity() const {
  int n = 0;
  for (const auto* side : {&pre, &post})
    for (const auto& e : *side)
      if (e.kind != PatternElement::Kind::kSkip) ++n;
  return n;
}

void VerbDictionary::Load(std::string_view text, const std::string& file,
                          std::vector<Problem>* problems) {
  auto report = [&](int line, std::string why) { problems->push_back({file, line, std::move(why)}); };
  std::vector<Line> lines = ReadLines(text);
  Synset* synset = nullptr;
  bool synset_no_plural = false;
  size_t first_family = families_.size();
  VerbFamily* fam = nullptr;
  for (const Line& l : lines) {
    if (l.blank) {
      synset = nullptr;
      continue;
    }
    const std::string& t = l.text;
    if (t.rfind("---", 0) == 0) {
      synset = nullptr;
      VerbFamily f;
      f.line = l.no;
      std::string inner = t.substr(3);
      size_t end = inner.rfind("---");
      size_t rb = inner.rfind(']');
      if (end != std::string::npos && (rb == std::string::npos || end > rb)) {
        inner = inner.substr(0, end);
      }
      Bracketed b;
      std::string why;
      if (!SplitBrackets(inner, &b, &why)) {
        report(l.no, why);
      }
      f.name = Upper(b.head);
      f.code = "---";
      if (!b.codes.empty()) SplitCode(b.codes[0], &f.code, &f.paired_code);
      families_.push_back(std::move(f));
      fam = &families_.back();
      continue;
    }
    if (t[0] == '&') {
      std::string name = Upper(Trim(t));
      synset_no_plural = name.size() > 1 && name.back() == '_';
      if (synset_no_plural) name.pop_back();
      if (name.find(' ') != std::string::npos) {
        report(l.no, "synset name with a blank: '" + name + "'");
        synset = nullptr;
        continue;
      }
      Synset& s = synsets_[name];
      s.name = name;
      synset = &s;
      continue;
    }
    if (synset != nullptr) {
      if (t[0] != '+') {
        report(l.no, "synset member must start with '+'");
        continue;
      }
      std::string member = Trim(t.substr(1));
      if (!member.empty() && member[0] == '&') {
        std::string n = Upper(member);
        if (!n.empty() && n.back() == '_') n.pop_back();
        synset->nested.push_back(n);
        continue;
      }
      bool no_plural = synset_no_plural || (!member.empty() && member.back() == '_');
      auto words = SplitWords(member);
      if (words.empty()) {
        report(l.no, "empty synset member");
        continue;
      }
      for (const auto& w : words) {
        if (w.find_first_of("$%^*+&") != std::string::npos) {
          report(l.no, "synset members may hold words only: '" + member + "'");
          words.clear();
          break;
        }
      }
      if (words.empty()) continue;
      synset->phrases.push_back(words);
      if (!no_plural) {
        auto pl = words;
        pl.back() = RegularPlural(pl.back());
        synset->phrases.push_back(pl);
      }
      continue;
    }
    if (fam == nullptr) {
      report(l.no, "entry outside any '--- NAME [CODE] ---' block");
      continue;
    }
    if (t[0] == '-') {
      VerbPattern p;
      p.line = l.no;
      std::string why;
      if (!ParsePattern(t.substr(1), &p, &why)) {
        report(l.no, why);
        continue;
      }
      fam->patterns.push_back(std::move(p));
      continue;
    }
    VerbEntry e;
    e.line = l.no;
    std::string why;
    if (!ParseVerbEntry(t, &e, &why)) {
      report(l.no, why);
      continue;
    }
    fam->verbs.push_back(std::move(e));
  }
  // Check synsets (defined anywhere in the file), order patterns, index verb forms.
  for (size_t fi = first_family; fi < families_.size(); ++fi) {
    VerbFamily& f = families_[fi];
    std::vector<VerbPattern> kept;
    for (auto& p : f.patterns) {
      std::string missing;
      for (const auto* side : {&p.pre, &p.post})
        for (const auto& e : *side)
          if (e.kind == PatternElement::Kind::kSynset && !synsets_.count(e.text)) missing = e.text;
      if (!missing.empty()) {
        report(p.line, "undefined synset " + missing + " (pattern ignored)");
        continue;
      }
      kept.push_back(std::move(p));
    }
    std::stable_sort(kept.begin(), kept.end(), [](const VerbPattern& a, const VerbPattern& b) {
      return a.Specificity() > b.Specificity();
    });
    f.patterns = std::move(kept);
    if (f.verbs.empty() && !f.patterns.empty()) report(f.line, "verb block without verbs");
    for (size_t vi = 0; vi < f.verbs.size(); ++vi) {
      const VerbEntry& v = f.verbs[vi];
      for (size_t k = 0; k < v.forms.size(); ++k) {
        const auto& form = v.forms[k];
        // The head of an irregular multi-word form is the word that differs from the base.
        by_head_[form[std::min<size_t>(v.head, form.size() - 1)]].push_back(
            {static_cast<int>(fi), static_cast<int>(vi), static_cast<int>(k)});
      }
    }
  }
}

const Synset* VerbDictionary::FindSynset(std::string_view name) const {
  auto it = synsets_.find(name);
  return it == synsets_.end() ? nullptr : &it->second;
}

std::vector<VerbDictionary::FormRef> VerbDictionary::Lookup(std::string_view word) const {
  auto it = by_head_.find(std::string(word));
  return it == by_head_.end() ? std::vector<FormRef>{} : it->second;
}

int64_t VerbDictionary::pattern_count() const {
  int64_t n = 0;
  for (const auto& f : families_) n += static_cast<int64_t>(f.patterns.size());
  return n;
}

// ---------------------------------------------------------------------------------------------

namespace {

bool ParseRestriction(const std::string& inner, CodeRestriction* r, std::string* why) {
  std::string s = Trim(inner);
  size_t sp = s.find_first_of(" \t<>");
  r->code = Upper(Trim(s.substr(0, sp)));
  if (r->code.empty()) {
    *why = "empty actor code";
    return false;
  }
  for (char c : r->code) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '/' ||
          c == '#')) {
      *why = "bad character in actor code '" + r->code + "'";
      return false;
    }
  }
  if (std::isdigit(static_cast<unsigned char>(r->code[0])) && r->code.size() >= 6) {
    *why = "date restriction without a code: [" + s + "]";
    return false;
  }
  std::string rest = sp == std::string::npos ? "" : Trim(s.substr(sp));
  std::string compact;
  for (char c : rest)
    if (!std::isspace(static_cast<unsigned char>(c))) compact.push_back(c);
  if (compact.empty()) {
    r->kind = CodeRestriction::Kind::kDefault;
    return true;
  }
  auto date = [&](std::string_view d, DateNum* out) {
    auto v = ParseDictDate(d);
    if (!v) {
      *why = "bad date '" + std::string(d) + "' in [" + s + "]";
      return false;
    }
    *out = *v;
    return true;
  };
  if (compact[0] == '<') {
    r->kind = CodeRestriction::Kind::kBefore;
    return date(std::string_view(compact).substr(1), &r->to);
  }
  if (compact[0] == '>') {
    r->kind = CodeRestriction::Kind::kAfter;
    return date(std::string_view(compact).substr(1), &r->from);
  }
  size_t dash = compact.find('-');
  if (dash == std::string::npos) {
    *why = "date restriction must be <date, >date or date-date: [" + s + "]";
    return false;
  }
  r->kind = CodeRestriction::Kind::kBetween;
  if (!date(std::string_view(compact).substr(0, dash), &r->from)) return false;
  if (!date(std::string_view(compact).substr(dash + 1), &r->to)) return false;
  if (r->from > r->to) {
    *why = "date range ends before it starts: [" + s + "]";
    return false;
  }
  return true;
}

std::vector<std::string> SplitSlash(const std::string& code) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : code) {
    if (c == '/') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::vector<std::string> ActorEntry::CodesOn(DateNum date) const {
  const CodeRestriction* def = nullptr;
  const CodeRestriction* chosen = nullptr;
  for (const auto& r : codes) {
    if (r.kind == CodeRestriction::Kind::kDefault) {
      if (def == nullptr) def = &r;
      continue;
    }
    if (date == 0 || chosen != nullptr) continue;
    bool ok = (r.kind == CodeRestriction::Kind::kBefore && date <= r.to) ||
              (r.kind == CodeRestriction::Kind::kAfter && date >= r.from) ||
              (r.kind == CodeRestriction::Kind::kBetween && date >= r.from && date <= r.to);
    if (ok) chosen = &r;
  }
  if (chosen == nullptr) chosen = def;
  if (chosen == nullptr && date == 0 && !codes.empty()) chosen = &codes.back();
  if (chosen == nullptr) return {};
  return SplitSlash(chosen->code);
}

void ActorDictionary::Load(std::string_view text, const std::string& file,
                           std::vector<Problem>* problems) {
  auto report = [&](int line, std::string why) { problems->push_back({file, line, std::move(why)}); };
  int current = -1;
  bool block_open = false;  // the current entry has no code line yet and no blank line followed
  for (const Line& l : ReadLines(text)) {
    if (l.blank) {
      block_open = false;
      continue;
    }
    const std::string& t = l.text;
    if (t[0] == '[') {
      block_open = false;
      if (current < 0) {
        report(l.no, "code line without an actor");
        continue;
      }
      std::string why;
      Bracketed b;
      if (!SplitBrackets(t, &b, &why)) {
        report(l.no, why);
        continue;
      }
      for (const auto& c : b.codes) {
        CodeRestriction r;
        r.line = l.no;
        if (!ParseRestriction(c, &r, &why)) {
          report(l.no, why);
          continue;
        }
        entries_[current].codes.push_back(r);
      }
      continue;
    }
    bool synonym = t[0] == '+';
    Bracketed b;
    std::string why;
    if (!SplitBrackets(synonym ? t.substr(1) : t, &b, &why)) {
      report(l.no, why);
      continue;
    }
    auto words = SplitWords(b.head);
    if (words.empty()) {
      report(l.no, "actor line without a phrase");
      continue;
    }
    if (!b.tail.empty()) {
      report(l.no, "unexpected text '" + b.tail + "' after the code");
      continue;
    }
    if (synonym) {
      if (current < 0) {
        report(l.no, "synonym '+' line before any actor");
        continue;
      }
      entries_[current].phrases.push_back(words);
    } else if (block_open && current >= 0 && entries_[current].codes.empty()) {
      // A block: actor lines written one after another without codes share the codes that
      // follow them ("LEONID_BREZHNEV_" / "SECRETARY_BREZHNEV" / then the code lines).
      entries_[current].phrases.push_back(words);
    } else {
      if (current >= 0) Index(current);
      ActorEntry e;
      e.line = l.no;
      e.phrases.push_back(words);
      entries_.push_back(std::move(e));
      current = static_cast<int>(entries_.size()) - 1;
    }
    for (const auto& c : b.codes) {
      CodeRestriction r;
      r.line = l.no;
      if (!ParseRestriction(c, &r, &why)) {
        report(l.no, why);
        continue;
      }
      entries_[current].codes.push_back(r);
    }
    block_open = b.codes.empty();
  }
  if (current >= 0) Index(current);
}

void ActorDictionary::Index(int entry) {
  for (const auto& p : entries_[entry].phrases) by_first_[p[0]].push_back({p, entry});
}

namespace {

// Whether `phrase` matches words starting at i. Matching ignores a trailing "'S" token split
// off by the Treebank tokenizer (it is a separate word and simply not part of the phrase).
bool PhraseAt(const std::vector<std::string>& phrase, const std::vector<std::string>& words,
              size_t i) {
  if (i + phrase.size() > words.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k)
    if (words[i + k] != phrase[k]) return false;
  return true;
}

}  // namespace

std::pair<int, int> ActorDictionary::LongestMatch(const std::vector<std::string>& words,
                                                  size_t i) const {
  std::pair<int, int> best{-1, 0};
  if (i >= words.size()) return best;
  auto it = by_first_.find(words[i]);
  if (it == by_first_.end()) return best;
  for (const auto& [phrase, entry] : it->second) {
    if (static_cast<int>(phrase.size()) > best.second && PhraseAt(phrase, words, i))
      best = {entry, static_cast<int>(phrase.size())};
  }
  return best;
}

// ---------------------------------------------------------------------------------------------

void AgentDictionary::Load(std::string_view text, const std::string& file,
                           std::vector<Problem>* problems) {
  auto report = [&](int line, std::string why) { problems->push_back({file, line, std::move(why)}); };
  std::map<std::string, std::vector<std::string>> subst;
  for (const Line& l : ReadLines(text)) {
    if (l.blank) continue;
    const std::string& t = l.text;
    if (t[0] == '!' && t.find('=') != std::string::npos) {
      size_t eq = t.find('=');
      size_t close = t.find('!', 1);
      if (eq == std::string::npos || close == std::string::npos || close > eq) {
        report(l.no, "substitution set must read !NAME! = A, B, ...");
        continue;
      }
      std::string name = Upper(t.substr(0, close + 1));
      std::vector<std::string> items;
      std::string cur;
      for (char c : t.substr(eq + 1) + ",") {
        if (c == ',') {
          std::string item = Upper(Trim(cur));
          if (!item.empty()) items.push_back(item);
          cur.clear();
        } else if (c != ' ' && c != '\t') {
          cur.push_back(c);
        }
      }
      if (items.empty()) {
        report(l.no, "empty substitution set " + name);
        continue;
      }
      subst[name] = items;
      continue;
    }
    Bracketed b;
    std::string why;
    if (!SplitBrackets(t, &b, &why)) {
      report(l.no, why);
      continue;
    }
    if (b.codes.empty()) {
      report(l.no, "agent without [~CODE]");
      continue;
    }
    std::string code;
    for (char c : b.codes[0])
      if (!std::isspace(static_cast<unsigned char>(c))) code.push_back(c);
    bool prefix;
    if (!code.empty() && code[0] == '~') {
      prefix = false;
      code.erase(0, 1);
    } else if (!code.empty() && code.back() == '~') {
      prefix = true;
      code.pop_back();
    } else {
      report(l.no, "agent code must begin or end with '~': [" + b.codes[0] + "]");
      continue;
    }
    if (code.empty()) {
      report(l.no, "empty agent code");
      continue;
    }
    code = Upper(code);
    // Expand substitution markers.
    std::vector<std::string> heads = {Upper(b.head)};
    bool substituted = false;
    for (const auto& [name, items] : subst) {
      std::vector<std::string> next;
      for (const auto& h : heads) {
        size_t at = h.find(name);
        if (at == std::string::npos) {
          next.push_back(h);
          continue;
        }
        substituted = true;
        for (const auto& item : items) next.push_back(h.substr(0, at) + item + h.substr(at + name.size()));
      }
      heads = std::move(next);
    }
    if (heads[0].find('!') != std::string::npos) {
      report(l.no, "unknown substitution set in '" + b.head + "'");
      continue;
    }
    std::vector<std::vector<std::string>> phrases;
    for (const auto& h : heads) {
      auto words = SplitWords(h);
      if (words.empty()) continue;
      phrases.push_back(words);
      if (substituted) continue;
      if (b.braces) {
        std::string plural_text = *b.braces;
        std::istringstream ss(plural_text);
        std::string pl;
        while (ss >> pl) {
          auto pw = SplitWords(pl);
          if (!pw.empty()) phrases.push_back(pw);
        }
      } else {
        auto pl = words;
        pl.back() = RegularPlural(pl.back());
        phrases.push_back(pl);
      }
    }
    if (phrases.empty()) {
      report(l.no, "agent without a phrase");
      continue;
    }
    for (auto& p : phrases) {
      AgentEntry e;
      e.words = std::move(p);
      e.code = code;
      e.prefix = prefix;
      e.line = l.no;
      by_first_[e.words[0]].push_back(static_cast<int>(entries_.size()));
      entries_.push_back(std::move(e));
    }
  }
}

std::pair<int, int> AgentDictionary::LongestMatch(const std::vector<std::string>& words,
                                                  size_t i) const {
  std::pair<int, int> best{-1, 0};
  if (i >= words.size()) return best;
  auto it = by_first_.find(words[i]);
  if (it == by_first_.end()) return best;
  for (int idx : it->second) {
    const auto& p = entries_[idx].words;
    if (static_cast<int>(p.size()) > best.second && PhraseAt(p, words, i))
      best = {idx, static_cast<int>(p.size())};
  }
  return best;
}

// ---------------------------------------------------------------------------------------------

void DiscardList::Load(std::string_view text, const std::string& file,
                       std::vector<Problem>* problems) {
  for (const Line& l : ReadLines(text)) {
    if (l.blank) continue;
    DiscardEntry e;
    e.line = l.no;
    std::string t = l.text;
    if (t[0] == '+') {
      e.story = true;
      t = Trim(t.substr(1));
    }
    if (!t.empty() && t.back() == '_') {
      e.whole_word = true;
      t.pop_back();
    }
    if (t.find_first_of("[]{}") != std::string::npos) {
      problems->push_back({file, l.no, "discard phrases take no code or braces: '" + l.text + "'"});
      continue;
    }
    auto words = SplitWords(t);
    if (words.empty()) {
      problems->push_back({file, l.no, "empty discard phrase"});
      continue;
    }
    for (size_t i = 0; i < words.size(); ++i) e.phrase += (i ? " " : "") + words[i];
    entries_.push_back(std::move(e));
  }
}

namespace {

// Upper-cased text with runs of blanks collapsed, framed by blanks.
std::string NormalizedText(std::string_view text) {
  std::string out = " ";
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

bool FindPhrase(const std::string& norm, const std::string& phrase, bool whole_word) {
  std::string needle = " " + phrase;
  size_t at = 0;
  while ((at = norm.find(needle, at)) != std::string::npos) {
    size_t end = at + needle.size();
    if (!whole_word || end >= norm.size() || !std::isalnum(static_cast<unsigned char>(norm[end])))
      return true;
    ++at;
  }
  return false;
}

}  // namespace

const DiscardEntry* DiscardList::Find(std::string_view text) const {
  std::string norm = NormalizedText(text);
  for (const auto& e : entries_)
    if (FindPhrase(norm, e.phrase, e.whole_word)) return &e;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------

// Forms one issue phrase may expand to (n:, v: and '+' multiply them); real lists need a few.
constexpr size_t kMaxIssueVariants = 4096;

void IssueList::Load(std::string_view text, const std::string& file,
                     std::vector<Problem>* problems) {
  std::string category;
  for (const Line& l : ReadLines(text)) {
    if (l.blank) continue;
    const std::string& t = l.text;
    if (t.rfind("<ISSUE", 0) == 0) {
      size_t q = t.find("CATEGORY=\"");
      if (q == std::string::npos) {
        problems->push_back({file, l.no, "<ISSUE> without CATEGORY=\"...\""});
        category.clear();
        continue;
      }
      size_t e = t.find('"', q + 10);
      category = t.substr(q + 10, e == std::string::npos ? std::string::npos : e - q - 10);
      continue;
    }
    if (t.rfind("</ISSUE", 0) == 0) {
      category.clear();
      continue;
    }
    IssueEntry entry;
    entry.line = l.no;
    entry.category = category;
    std::string body = t;
    if (body[0] == '~') {
      entry.ignore = true;
      while (!body.empty() && body[0] == '~') body.erase(0, 1);
    } else {
      Bracketed b;
      std::string why;
      if (!SplitBrackets(body, &b, &why)) {
        problems->push_back({file, l.no, why});
        continue;
      }
      if (b.codes.size() != 1 || b.codes[0].empty()) {
        problems->push_back({file, l.no, "issue phrase needs exactly one [CODE]"});
        continue;
      }
      entry.code = Upper(b.codes[0]);
      body = b.head;
    }
    // Expand n: (singular and plural), v: (S, ED, ING), '+' (blank and hyphen) word by word.
    std::vector<std::string> variants = {""};
    std::istringstream ss(body);
    std::string w;
    bool bad = false;
    while (ss >> w) {
      // "pre+n:school": parts joined by '+' are written with a blank or a hyphen; each part
      // may carry its own n:/v: expansion.
      auto expand = [](std::string part) {
        if (part.rfind("N:", 0) == 0) {
          part = part.substr(2);
          return std::vector<std::string>{part, RegularPlural(part)};
        }
        if (part.rfind("V:", 0) == 0) return RegularVerbForms(part.substr(2));
        return std::vector<std::string>{part};
      };
      std::vector<std::string> expanded = {""};
      bool first = true;
      std::string word = Upper(w), part;
      for (size_t k = 0; k <= word.size(); ++k) {
        if (k < word.size() && word[k] != '+') {
          part.push_back(word[k]);
          continue;
        }
        // An empty part ("a++b", a trailing '+') is malformed; each '+' doubles the forms, so
        // a phrase is refused before its forms pass kMaxIssueVariants.
        if (part.empty() || expanded.size() > kMaxIssueVariants / 4) {
          bad = true;
          break;
        }
        std::vector<std::string> next;
        for (const auto& prefix : expanded)
          for (const auto& f : expand(part)) {
            if (first) {
              next.push_back(f);
            } else {
              next.push_back(prefix + " " + f);
              next.push_back(prefix + "-" + f);
            }
          }
        expanded = std::move(next);
        first = false;
        part.clear();
      }
      for (const auto& f : expanded)
        if (f.empty() || f.find(':') != std::string::npos) bad = true;
      if (bad || variants.size() * expanded.size() > kMaxIssueVariants) {
        bad = true;
        break;
      }
      std::vector<std::string> next;
      for (const auto& v : variants)
        for (const auto& f : expanded) next.push_back(v.empty() ? f : v + " " + f);
      variants = std::move(next);
    }
    if (bad || (variants.size() == 1 && variants[0].empty())) {
      problems->push_back({file, l.no, "malformed issue phrase '" + t + "' (an empty word or part, a ':' left over, or more than " + std::to_string(kMaxIssueVariants) + " forms)"});
      continue;
    }
    entry.phrases = std::move(variants);
    entries_.push_back(std::move(entry));
  }
}

std::vector<std::pair<std::string, int>> IssueList::Find(std::string_view text) const {
  std::string norm = NormalizedText(text);
  std::map<std::string, int> counts;
  for (const auto& e : entries_) {
    for (const auto& p : e.phrases) {
      if (!FindPhrase(norm, p, true)) continue;
      if (e.ignore) return {};
      counts[e.code]++;
      break;
    }
  }
  return {counts.begin(), counts.end()};
}

}  // namespace entente::tabari
