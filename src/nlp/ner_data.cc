#include "nlp/ner_data.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <unordered_map>

#include "nlp/conllu.h"

namespace entente::nlp {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = line.find(sep, start);
    out.push_back(line.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

// Repairs I-X that does not follow B-X/I-X into B-X; maps unknown types to O and keeps the
// unannotated tag kNerUnknown.
void RepairBio(std::vector<std::string>* tags) {
  std::string prev = "O";
  for (std::string& t : *tags) {
    if (t == kNerUnknown) {
    } else if (t.size() > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-') {
      std::string type = t.substr(2);
      if (type != "PER" && type != "ORG" && type != "LOC") {
        t = "O";
      } else if (t[0] == 'I' && (prev.size() < 3 || prev.substr(2) != type)) {
        t = "B-" + type;
      }
    } else {
      t = "O";
    }
    prev = t;
  }
}

Result<std::vector<NerSentence>> ReadColumns(const std::string& path, bool iob2) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<NerSentence> out;
  NerSentence cur;
  std::string line;
  int lineno = 0;
  auto flush = [&]() {
    if (!cur.words.empty()) {
      RepairBio(&cur.tags);
      out.push_back(std::move(cur));
    }
    cur = NerSentence();
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (iob2 && line[0] == '#') continue;
    std::vector<std::string_view> cols = Split(line, '\t');
    std::string word, tag;
    if (iob2) {
      if (cols.size() < 3)
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) +
                                       ": expected ID TAB FORM TAB TAG");
      word = cols[1];
      tag = cols[2];
    } else {
      if (cols.size() != 2)
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) +
                                       ": expected TOKEN TAB TAG");
      word = cols[0];
      std::string_view t = cols[1];
      if (t.size() > 2 && t[1] == '-') {
        std::string_view mapped = MapCrossNerType(t.substr(2));
        tag = mapped.empty() ? "O" : mapped == kNerUnknown ? std::string(kNerUnknown)
                                                          : std::string(t.substr(0, 2)) + std::string(mapped);
      } else {
        tag = "O";
      }
    }
    if (word.empty())
      return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": empty token");
    cur.words.push_back(std::move(word));
    cur.tags.push_back(std::move(tag));
  }
  flush();
  return out;
}

// GUM: Entity=(eid-type-...  opens, eid) closes; both may repeat in one MISC value.
Result<std::vector<NerSentence>> ReadGum(const std::string& path) {
  auto sents = ReadConlluFile(path);
  if (!sents.ok()) return sents.status();
  std::vector<NerSentence> out;
  for (const ConlluSentence& s : sents.value()) {
    NerSentence ns;
    const int n = static_cast<int>(s.words.size());
    struct Open { std::string eid, type; int start; };
    struct Ent { int start, end; std::string type; };
    std::vector<Open> open;
    std::vector<Ent> ents;
    for (int i = 0; i < n; ++i) {
      ns.words.push_back(s.words[i].form);
      for (std::string_view part : Split(s.words[i].misc, '|')) {
        if (part.substr(0, 7) != "Entity=") continue;
        std::string_view v = part.substr(7);
        size_t p = 0;
        while (p < v.size()) {
          if (v[p] == '(') {
            size_t q = p + 1;
            while (q < v.size() && v[q] != '(' && v[q] != ')') ++q;
            std::vector<std::string_view> f = Split(v.substr(p + 1, q - p - 1), '-');
            Open o{std::string(f[0]), f.size() > 1 ? std::string(f[1]) : "", i};
            if (q < v.size() && v[q] == ')') {
              ents.push_back({i, i, o.type});
              p = q + 1;
            } else {
              open.push_back(o);
              p = q;
            }
          } else {
            size_t q = p;
            while (q < v.size() && v[q] != ')' && v[q] != '(') ++q;
            std::string eid(v.substr(p, q - p));
            for (size_t k = open.size(); k-- > 0;) {
              if (open[k].eid == eid) {
                ents.push_back({open[k].start, i, open[k].type});
                open.erase(open.begin() + static_cast<long>(k));
                break;
              }
            }
            p = q < v.size() && v[q] == ')' ? q + 1 : q;
          }
        }
      }
    }
    ns.tags.assign(n, "O");
    std::sort(ents.begin(), ents.end(), [](const Ent& a, const Ent& b) {
      return (a.end - a.start) != (b.end - b.start) ? (a.end - a.start) > (b.end - b.start) : a.start < b.start;
    });
    // Titles and role words are not part of a person's name in UNER ("Mr Osborne" -> "Osborne",
    // "the President" -> nothing): they break a person's proper-noun runs. A run of nothing but
    // such words is no name of any type ("the Government").
    static const char* const kTitles[] = {
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "Professor", "President",
        "Vice", "Prime", "Minister", "Senator", "Sen.", "Governor", "Gov.", "Secretary", "Speaker",
        "Madam", "Mister", "Chairman", "Chancellor", "King", "Queen", "Prince", "Princess", "Pope",
        "General", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Sgt.", "Representative",
        "Rep.", "Congressman", "Congresswoman", "Mayor", "Judge", "Justice", "Rev.", "Reverend",
        "Ambassador", "Sir", "Dame", "Lord", "Lady", "Government", "Nation", "Officer", "Chief"};
    auto title = [&](int i) {
      return std::any_of(std::begin(kTitles), std::end(kTitles),
                         [&](const char* t) { return s.words[i].form == t; });
    };
    for (const Ent& e : ents) {
      std::string type = e.type == "person" ? "PER" : e.type == "organization" ? "ORG"
                         : e.type == "place" ? "LOC" : "";
      if (type.empty()) continue;
      auto proper = [&](int i) {
        return (s.words[i].xpos == "NNP" || s.words[i].xpos == "NNPS") && (type != "PER" || !title(i));
      };
      // The longest proper-noun run ("of" and "&" may join two); for a person the last run,
      // which must not be followed by a title inside the mention ("India 's Prime Minister").
      int best_s = -1, best_len = 0;
      for (int i = e.start; i <= e.end;) {
        if (!proper(i)) { ++i; continue; }
        int j = i;
        while (j + 1 <= e.end && (proper(j + 1) ||
               (j + 2 <= e.end && (s.words[j + 1].form == "of" || s.words[j + 1].form == "&") && proper(j + 2))))
          j += proper(j + 1) ? 1 : 2;
        if (type == "PER" || j - i + 1 > best_len) { best_len = j - i + 1; best_s = i; }
        i = j + 1;
      }
      if (best_s < 0) continue;
      bool all_titles = true;
      for (int i = best_s; i < best_s + best_len; ++i) all_titles = all_titles && title(i);
      if (all_titles) continue;
      if (type == "PER") {
        bool title_after = false;
        for (int i = best_s + best_len; i <= e.end; ++i) title_after = title_after || title(i);
        if (title_after) continue;
        // A plural proper noun alone is a group ("Americans", "Democrats"), not a person.
        if (best_len == 1 && s.words[best_s].xpos == "NNPS") continue;
      }
      // A run that lies inside a smaller mention belongs to that one ("a member of Scientology"
      // is a person; "Scientology" the organisation).
      bool nested = false;
      for (const Ent& o : ents)
        nested = nested || ((o.end - o.start) < (e.end - e.start) && o.start <= best_s &&
                            best_s + best_len - 1 <= o.end);
      if (nested) continue;
      bool free = true;
      for (int i = best_s; i < best_s + best_len; ++i) free = free && ns.tags[i] == "O";
      if (!free) continue;
      for (int i = best_s; i < best_s + best_len; ++i) ns.tags[i] = (i == best_s ? "B-" : "I-") + type;
    }
    out.push_back(std::move(ns));
  }
  return out;
}

}  // namespace

std::string_view MapCrossNerType(std::string_view type) {
  static const char* const kPer[] = {"person", "politician", "scientist", "writer", "artist",
                                     "musicalartist", "researcher"};
  static const char* const kOrg[] = {"organisation", "politicalparty", "university", "band"};
  static const char* const kLoc[] = {"country", "location"};
  // Elections and events may contain a UNER entity ("2011 Saxony-Anhalt state election",
  // "Iraq War": UNER marks the place), which CrossNER leaves unmarked. Its "misc" names are
  // mostly nationality adjectives ("British"), which UNER does not mark either: O.
  static const char* const kOpaque[] = {"election", "event"};
  for (const char* t : kPer) if (type == t) return "PER";
  for (const char* t : kOrg) if (type == t) return "ORG";
  for (const char* t : kLoc) if (type == t) return "LOC";
  for (const char* t : kOpaque) if (type == t) return kNerUnknown;
  return "";
}

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "Islamic Republic of Afghanistan 2004-01-26..2021-08-15", "Soviet ..1991-12-25" -> the name
// without the dates (any state field may end in an interval).
std::string_view DropDates(std::string_view v) {
  size_t sp = v.rfind(' ');
  if (sp != std::string_view::npos && v.find("..", sp) != std::string_view::npos) v = Trim(v.substr(0, sp));
  return v;
}

// "Kremlin : GOV", "president : head_of_state" -> the name before " : " (a sector code or post).
std::string_view DropTag(std::string_view v) {
  size_t c = v.find(" : ");
  return c == std::string_view::npos ? v : Trim(v.substr(0, c));
}
}  // namespace

Status ReadNameFile(const std::string& path, NameList* names) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open name file");
  std::string line;
  std::string kind;
  int lineno = 0;
  bool records = false, table = false;
  const bool plain = EndsWith(path, ".names");
  while (std::getline(in, line)) {
    ++lineno;
    std::string_view l = line;
    if (size_t c = l.find('#'); c != std::string_view::npos) l = l.substr(0, c);
    l = Trim(l);
    if (l.empty()) continue;
    if (plain) {
      const size_t tab = l.find('\t');
      const std::string_view type = l.substr(0, tab), name = tab == std::string_view::npos ? "" : Trim(l.substr(tab + 1));
      const uint8_t t = type == "PER" ? NameList::kPer : type == "ORG" ? NameList::kOrg
                        : type == "LOC" ? NameList::kLoc : 0;
      if (t == 0 || name.empty())
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": expected 'PER|ORG|LOC TAB name'");
      names->Add(name, t);
      continue;
    }
    if (l.front() == '[') {
      if (table) return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": record header in a pipe table");
      records = true;
      size_t end = l.find_first_of(" ]", 1);
      if (end == std::string_view::npos || l.back() != ']')
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": malformed record header");
      kind = std::string(l.substr(1, end - 1));
      continue;
    }
    if (records) {
      size_t eq = l.find('=');
      if (eq == std::string_view::npos)
        return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": expected 'key = value'");
      std::string_view key = Trim(l.substr(0, eq));
      uint8_t type = 0;
      if (kind == "state") {
        if (key == "name" || key == "formal" || key == "alias" || key == "capital" ||
            key == "historical")
          type = NameList::kLoc;
        else if (key == "metonym") type = NameList::kOrg;
        else if (key == "adjective" || key == "demonym") type = NameList::kDemonym;
      } else if (kind == "igo" || kind == "ngo" || kind == "party" || kind == "group" || kind == "body") {
        if (key == "name" || key == "alias") type = NameList::kOrg;
      } else if (kind == "person") {
        if (key == "name" || key == "alias" || key == "short") type = NameList::kPer;
      } else if (kind == "agent") {
        if (key == "noun" || key == "title") type = NameList::kTitle;
      }
      if (type == 0) continue;
      for (std::string_view v : Split(l.substr(eq + 1), '|')) {
        v = Trim(v);
        v = DropTag(DropDates(v));
        if (!v.empty()) names->Add(v, type);
      }
      continue;
    }
    table = true;
    std::vector<std::string_view> cols = Split(l, '|');
    if (cols.size() < 5)
      return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": expected 'name | country | lat | lon | kind | aliases'");
    names->Add(Trim(cols[0]), NameList::kLoc);
    for (size_t i = 5; i < cols.size(); ++i)
      for (std::string_view v : Split(cols[i], ';'))
        if (!Trim(v).empty()) names->Add(Trim(v), NameList::kLoc);
  }
  return Status::OK();
}

Result<std::vector<NerSentence>> ReadEntitySpans(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::string line;
  int lineno = 0;
  struct Span { int start, end; std::string type; int line; };
  struct Section {
    std::string text_path;
    int line = 0;
    std::unordered_map<std::string, std::vector<Span>> spans;  // by sentence id
  };
  std::vector<Section> sections;
  auto error = [&](const std::string& why) {
    return Status::InvalidArgument(path + ":" + std::to_string(lineno) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      constexpr std::string_view kText = "# text = ";
      if (std::string_view(line).substr(0, kText.size()) == kText) {
        Section sec;
        sec.text_path = line.substr(kText.size());
        sec.line = lineno;
        if (sec.text_path[0] != '/') {
          size_t slash = path.rfind('/');
          if (slash != std::string::npos) sec.text_path = path.substr(0, slash + 1) + sec.text_path;
        }
        sections.push_back(std::move(sec));
      }
      continue;
    }
    if (sections.empty()) return error("an entity line before the first '# text = PATH' line");
    std::vector<std::string_view> cols = Split(line, '\t');
    std::vector<Span>& list = sections.back().spans[std::string(cols[0])];
    if (cols.size() == 2 && cols[1] == "-") continue;
    if (cols.size() != 4) return error("expected SENT_ID TAB START TAB END TAB TYPE, or SENT_ID TAB -");
    Span sp{0, 0, std::string(cols[3]), lineno};
    auto number = [](std::string_view v, int* out) {
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
      return ec == std::errc() && end == v.data() + v.size();
    };
    if (!number(cols[1], &sp.start) || !number(cols[2], &sp.end)) return error("START and END must be numbers");
    if (sp.start < 1 || sp.end < sp.start) return error("bad word range");
    if (sp.type != "PER" && sp.type != "ORG" && sp.type != "LOC") return error("TYPE must be PER, ORG or LOC");
    list.push_back(std::move(sp));
  }
  if (sections.empty()) return Status::InvalidArgument(path + ": no '# text = PATH' header line");
  std::vector<NerSentence> out;
  for (Section& sec : sections) {
    const std::string& text_path = sec.text_path;
    // The text's sentences with their ids: sent_id in CoNLL-U, the 1-based ordinal otherwise.
    std::vector<std::pair<std::string, std::vector<std::string>>> text;
    if (EndsWith(text_path, ".conllu")) {
      auto sents = ReadConlluFile(text_path);
      if (!sents.ok()) {
        lineno = sec.line;
        return error("text file of the annotation: " + sents.status().message());
      }
      for (const ConlluSentence& s : sents.value()) {
        std::string id;
        for (const std::string& c : s.comments)
          if (c.rfind("sent_id = ", 0) == 0) id = c.substr(10);
        std::vector<std::string> words;
        for (const ConlluWord& w : s.words) words.push_back(w.form);
        text.emplace_back(std::move(id), std::move(words));
      }
    } else {
      auto sents = ReadColumns(text_path, false);
      if (!sents.ok()) {
        lineno = sec.line;
        return error("text file of the annotation: " + sents.status().message());
      }
      for (NerSentence& s : sents.value())
        text.emplace_back(std::to_string(text.size() + 1), std::move(s.words));
    }
    size_t found = 0;
    for (auto& [id, words] : text) {
      auto it = sec.spans.find(id);
      if (id.empty() || it == sec.spans.end()) continue;
      ++found;
      NerSentence ns;
      ns.words = std::move(words);
      ns.tags.assign(ns.words.size(), "O");
      const int n = static_cast<int>(ns.words.size());
      for (const Span& sp : it->second) {
        lineno = sp.line;
        if (sp.end > n) return error("word range beyond the sentence's " + std::to_string(n) + " words");
        for (int i = sp.start - 1; i < sp.end; ++i) {
          if (ns.tags[i] != "O") return error("overlaps another entity");
          ns.tags[i] = (i == sp.start - 1 ? "B-" : "I-") + sp.type;
        }
      }
      out.push_back(std::move(ns));
    }
    if (found != sec.spans.size()) {
      lineno = sec.line;
      return error(std::to_string(sec.spans.size() - found) + " sentence ids not found in " +
                   text_path);
    }
  }
  return out;
}

Result<std::vector<NerSentence>> ReadNerFile(const std::string& path) {
  if (EndsWith(path, ".entities")) return ReadEntitySpans(path);
  if (EndsWith(path, ".iob2")) return ReadColumns(path, true);
  if (EndsWith(path, ".conllu")) return ReadGum(path);
  return ReadColumns(path, false);
}

}  // namespace entente::nlp
