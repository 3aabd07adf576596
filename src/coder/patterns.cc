#include "coder/patterns.h"

#include <algorithm>
#include <memory>

#include "actors/record_reader.h"

namespace entente::coder {

bool Pattern::HasSlot(PatternElement::Kind k) const {
  for (const auto& e : elements)
    if (e.kind == k) return true;
  return false;
}

namespace {

// Parses one element ("word", "a|b", "(a|b)", "*", "TGT", "(TGT)", "SRC", "DEST", "PLACE", "@class":
// a word class of `classes`, read as the alternation of its words).
bool ParseElement(std::string_view w, const std::unordered_map<std::string, std::vector<std::string>>& classes,
                  PatternElement* out, std::string* error) {
  bool optional = false;
  if (w.size() >= 2 && w.front() == '(' && w.back() == ')') {
    optional = true;
    w = w.substr(1, w.size() - 2);
  }
  if (w.empty() || w.find_first_of("()") != std::string_view::npos) {
    *error = "bad element '" + std::string(w) + "'";
    return false;
  }
  out->optional = optional;
  using K = PatternElement::Kind;
  if (w == "*") out->kind = K::kGap;
  else if (w == "TGT") out->kind = K::kTarget;
  else if (w == "SRC") out->kind = K::kSource;
  else if (w == "DEST") out->kind = K::kDest;
  else if (w == "PLACE") out->kind = K::kPlace;
  else if (w == "ALSO") out->kind = K::kAlso;
  else if (w == "PAIR") out->kind = K::kPair;
  else if (w.front() == '@') {
    auto it = classes.find(std::string(w.substr(1)));
    if (it == classes.end() || it->second.empty()) {
      *error = "unknown or empty word class '" + std::string(w) + "'";
      return false;
    }
    out->kind = K::kWord;
    out->words = it->second;
  } else {
    out->kind = K::kWord;
    size_t pos = 0;
    while (pos <= w.size()) {
      size_t bar = w.find('|', pos);
      if (bar == std::string_view::npos) bar = w.size();
      std::string_view raw = w.substr(pos, bar - pos);
      std::string alt = LowerWord(raw);
      if (alt.empty()) {
        *error = "empty alternative in '" + std::string(w) + "'";
        return false;
      }
      for (char c : raw)
        if (c >= 'A' && c <= 'Z') {
          *error = "slot names are TGT, SRC, DEST, PLACE, ALSO; got '" + std::string(w) + "'";
          return false;
        }
      out->words.push_back(std::move(alt));
      pos = bar + 1;
    }
  }
  if (optional && out->kind == K::kGap) {
    *error = "'(*)' is meaningless; write '*'";
    return false;
  }
  return true;
}

// Function words that commonly follow a list of alternative nouns ("talks|meeting with TGT").
bool IsLinkWord(const std::string& w) {
  static const char* const kWords[] = {"to", "with", "from", "of", "on", "in", "at", "for", "against", "between",
                                       "by", "into", "over", "as", "and", "or", "about", "toward", "towards",
                                       "across", "through", "among", "under", "upon", "after", "before", "near",
                                       "alongside"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

// Adverb particles of phrasal verbs ("carry out", "brush aside").
bool IsParticle(const std::string& w) {
  static const char* const kWords[] = {"up", "off", "out", "down", "back", "away", "aside", "over", "in", "on"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

bool HasPluralPair(const std::vector<std::string>& alts) {
  for (const auto& a : alts)
    for (const auto& b : alts) {
      if (b == a + "s" || b == a + "es") return true;
      if (a.size() > 1 && a.back() == 'y' && b == a.substr(0, a.size() - 1) + "ies") return true;
    }
  return false;
}

// `a|b c` alternates single words: it reads (a|b) c. Returns a warning when the element at `i`
// (an alternation) and the plain word after it look written as though a phrase "b c" were one
// alternative: the word after it is itself one of the alternatives ("proposal|plan|peace plan"
// reads (proposal|plan|peace) plan), or the alternation lists nouns in singular and plural and
// is followed by a content word that ends the pattern or is followed by another plain word
// ("road|roads|border crossing"); or the other way round, `c a|b` after a plain word starts
// with a particle and goes on with content words ("carry out|conduct|stage" reads carry
// (out|conduct|stage)). Empty when nothing looks wrong. Heuristic: a pattern it
// warns about may be meant as written; split the phrase into a pattern of its own to silence it.
std::string SuspectAlternation(const std::vector<PatternElement>& el, size_t i) {
  using K = PatternElement::Kind;
  auto plain = [&](size_t k) {
    return k < el.size() && el[k].kind == K::kWord && !el[k].optional && el[k].words.size() == 1;
  };
  if (el[i].kind != K::kWord || el[i].optional || el[i].words.size() < 2) return "";
  const std::vector<std::string>& alts = el[i].words;
  std::string joined;
  for (const auto& a : alts) joined += (joined.empty() ? "" : "|") + a;
  // "carry out|conduct|stage": a particle first after a plain word, then content words, reads
  // carry (out|conduct|stage); "conduct" was meant as an alternative to "carry out".
  if (i > 0 && plain(i - 1) && IsParticle(alts[0])) {
    for (const auto& a : alts)
      if (!IsParticle(a) && !IsLinkWord(a)) {
        const std::string& before = el[i - 1].words[0];
        return "'" + before + " " + joined + "' reads " + before + " (" + joined + "): '|' alternates single words; " +
               "for '" + a + "' as an alternative to '" + before + " " + alts[0] + "' write a pattern of its own";
      }
  }
  if (!plain(i + 1)) return "";
  const std::string& next = el[i + 1].words[0];
  bool repeated = std::find(alts.begin(), alts.end(), next) != alts.end();
  bool noun_list = HasPluralPair(alts) && !IsLinkWord(next) && (i + 2 == el.size() || plain(i + 2));
  if (!repeated && !noun_list) return "";
  return "'" + joined + " " + next + "' reads (" + joined + ") " + next + ": '|' alternates single words; " +
         "for the phrase '" + alts.back() + " " + next + "' write a pattern of its own";
}

}  // namespace

int PatternSet::Load(std::string_view text, const std::string& file, const Ontology& ontology,
                     Lemmatizer* lemmatizer, const DiagnosticSink& sink) {
  int errors = 0;
  errors += actors::ParseRecords(text, file, sink, [&](actors::Record&& rec) {
    auto fail = [&](int line, const std::string& why) {
      actors::ReportError(sink, file, line, why);
      ++errors;
    };
    if (rec.kind != "verb" && rec.kind != "noun") {
      fail(rec.line, "unknown record kind '" + rec.kind + "' (want verb or noun)");
      return;
    }
    bool mutual = false, one_sided = false;
    std::string sector;
    std::vector<std::string> source_sectors;
    bool speaker_source = false;
    std::string implied_source;
    bool people_target = false;
    for (const auto& f : rec.fields) {
      if (f.key == "source") {
        if (f.value == "speaker") speaker_source = true;
        else if (f.value == "courts") implied_source = "JUD";
        else if (f.value == "police") implied_source = "COP";
        else if (f.value == "government") implied_source = "GOV";
        else if (f.value == "people") implied_source = "people";
        else fail(f.line, "source must be 'speaker', 'courts', 'police', 'government' or 'people'");
      } else if (f.key == "target") {
        if (f.value != "people") fail(f.line, "target must be 'people'");
        else people_target = true;
      } else if (f.key == "source_sector") {
        for (const std::string& v : actors::SplitList(f.value)) {
          if (v.size() != 3 || !actors::IsUpperSnakeId(v)) fail(f.line, "source_sector must list CAMEO sector codes such as MIL");
          else source_sectors.emplace_back(v);
        }
      } else if (f.key == "sector") {
        if (f.value.size() != 3 || !actors::IsUpperSnakeId(f.value)) fail(f.line, "sector must be a CAMEO sector code such as GOV");
        else sector = f.value;
      } else if (f.key == "mutual" || f.key == "one_sided") {
        if (f.value != "yes" && f.value != "no") {
          fail(f.line, f.key + " must be yes or no");
          continue;
        }
        (f.key == "mutual" ? mutual : one_sided) = f.value == "yes";
      } else if (f.key != "pattern") {
        fail(f.line, "unknown key '" + f.key + "' (want pattern, mutual, one_sided, sector, source_sector, source, target)");
      }
    }
    for (const actors::RecordField* f : rec.All("pattern")) {
      std::vector<std::string_view> words = actors::SplitWords(f->value);
      if (words.size() < 2) {
        fail(f->line, "pattern needs a CAMEO code and at least one word");
        continue;
      }
      auto p = std::make_unique<Pattern>();
      const bool blocking = words[0] == "---";
      p->cameo = blocking ? nullptr : ontology.Find(words[0]);
      if (!blocking && !p->cameo) {
        fail(f->line, "unknown CAMEO code '" + std::string(words[0]) + "'");
        continue;
      }
      p->mutual = mutual;
      p->one_sided = one_sided;
      p->nominal = rec.kind == "noun";
      p->record = rec.id;
      p->sector = sector;
      p->source_sectors = source_sectors;
      p->speaker_source = speaker_source;
      p->implied_source = implied_source;
      p->people_target = people_target;
      p->anchor = -1;
      bool ok = true;
      for (size_t i = 1; i < words.size() && ok; ++i) {
        PatternElement e;
        std::string error;
        if (!ParseElement(words[i], classes_, &e, &error)) {
          fail(f->line, error);
          ok = false;
          break;
        }
        if (e.kind == PatternElement::Kind::kWord) {
          ++p->weight;
          for (const auto& w : e.words) lemmatizer->AddVocabulary(w);
          if (p->anchor < 0 && !e.optional) p->anchor = static_cast<int>(p->elements.size());
        }
        p->elements.push_back(std::move(e));
      }
      if (!ok) continue;
      for (size_t i = 0; i + 1 < p->elements.size(); ++i) {
        std::string why = SuspectAlternation(p->elements, i);
        if (!why.empty()) actors::ReportWarning(sink, file, f->line, why);
      }
      if (p->anchor < 0) {
        fail(f->line, "pattern has no required word to anchor it");
        continue;
      }
      if (p->elements.back().kind == PatternElement::Kind::kGap ||
          p->elements.front().kind == PatternElement::Kind::kGap) {
        fail(f->line, "a pattern cannot start or end with '*'");
        continue;
      }
      if (p->HasSlot(PatternElement::Kind::kPair) &&
          (p->elements.size() != 2 || p->elements[0].kind != PatternElement::Kind::kPair || p->anchor != 1)) {
        fail(f->line, "PAIR must be written 'PAIR word' (the pair, then the anchor word alone)");
        continue;
      }
      if (one_sided && p->HasSlot(PatternElement::Kind::kTarget)) {
        fail(f->line, "one_sided record cannot have a TGT slot");
        continue;
      }
      if (people_target && !p->HasSlot(PatternElement::Kind::kTarget)) {
        fail(f->line, "a 'target = people' record needs a TGT slot in each pattern");
        continue;
      }
      if (!source_sectors.empty() && !p->HasSlot(PatternElement::Kind::kSource)) {
        fail(f->line, "a source_sector record needs a SRC slot in each pattern");
        continue;
      }
      p->where = file + ":" + std::to_string(f->line) + ": " + f->value;
      const Pattern* raw = p.get();
      patterns_.push_back(std::move(p));
      for (const auto& w : raw->elements[raw->anchor].words) index_[w].push_back(raw);
    }
  });
  return errors;
}

bool PatternSet::Add(std::unique_ptr<Pattern> p, std::string* error) {
  p->anchor = -1;
  p->weight = 0;
  for (size_t i = 0; i < p->elements.size(); ++i) {
    const PatternElement& e = p->elements[i];
    if (e.kind != PatternElement::Kind::kWord) continue;
    if (e.words.empty()) {
      *error = "word element without alternatives";
      return false;
    }
    ++p->weight;
    if (p->anchor < 0 && !e.optional) p->anchor = static_cast<int>(i);
  }
  if (p->anchor < 0) {
    *error = "pattern has no required word to anchor it";
    return false;
  }
  if (p->elements.back().kind == PatternElement::Kind::kGap ||
      p->elements.front().kind == PatternElement::Kind::kGap) {
    *error = "a pattern cannot start or end with a gap";
    return false;
  }
  if (p->one_sided && p->HasSlot(PatternElement::Kind::kTarget)) {
    *error = "one_sided pattern cannot have a TGT slot";
    return false;
  }
  const Pattern* raw = p.get();
  patterns_.push_back(std::move(p));
  for (const auto& w : raw->elements[raw->anchor].words) index_[w].push_back(raw);
  return true;
}

const std::vector<const Pattern*>* PatternSet::ForAnchor(const std::string& word) const {
  auto it = index_.find(word);
  return it == index_.end() ? nullptr : &it->second;
}

}  // namespace entente::coder
