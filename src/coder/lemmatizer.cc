#include "coder/lemmatizer.h"

#include "actors/record_reader.h"

namespace entente::coder {

std::string LowerWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = word[i];
    // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) -> '
    if (c == 0xE2 && i + 2 < word.size() && static_cast<unsigned char>(word[i + 1]) == 0x80 &&
        static_cast<unsigned char>(word[i + 2]) == 0x99) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
  }
  return out;
}

int Lemmatizer::LoadIrregular(std::string_view text, const std::string& file,
                              const DiagnosticSink& sink) {
  int errors = actors::ParseTable(text, file, 2, sink, [&](actors::TableRow&& row) {
    std::string lemma = LowerWord(row.columns[0]);
    if (lemma.empty()) return;
    vocabulary_.insert(lemma);
    std::string_view forms = row.columns[1];
    size_t pos = 0;
    while (pos <= forms.size()) {
      size_t semi = forms.find(';', pos);
      if (semi == std::string_view::npos) semi = forms.size();
      std::string form = LowerWord(actors::Trim(forms.substr(pos, semi - pos)));
      if (!form.empty()) irregular_.emplace(form, lemma);
      pos = semi + 1;
    }
  });
  return errors;
}

void Lemmatizer::AddVocabulary(std::string_view lemma) { vocabulary_.insert(LowerWord(lemma)); }

bool Lemmatizer::Known(std::string_view lemma) const {
  return vocabulary_.count(std::string(lemma)) > 0;
}

namespace {
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
}  // namespace

std::string Lemmatizer::Lemma(const std::string& w) const {
  if (auto it = irregular_.find(w); it != irregular_.end()) return it->second;
  if (w.size() < 3) return w;
  // A verb form that a pattern spells out ("called as") is a known word too, but it must still
  // lemmatize to its known stem ("called" -> "call"); patterns match surface forms as well.
  const bool known = vocabulary_.count(w) > 0;
  if (known && !EndsWith(w, "ed") && !EndsWith(w, "ing")) return w;
  // Candidate stems, most specific first.
  std::string cand[6];
  int n = 0;
  auto stem_variants = [&](const std::string& stem) {
    // stem as is, stem + "e" (making -> make), undoubled (stopped -> stop).
    if (n < 6) cand[n++] = stem;
    if (n < 6) cand[n++] = stem + "e";
    size_t k = stem.size();
    if (k >= 3 && stem[k - 1] == stem[k - 2] && !IsVowel(stem[k - 1]) && n < 6)
      cand[n++] = stem.substr(0, k - 1);
  };
  if (EndsWith(w, "ies") || EndsWith(w, "ied")) {
    cand[n++] = w.substr(0, w.size() - 3) + "y";
    if (EndsWith(w, "ies")) cand[n++] = w.substr(0, w.size() - 1);  // ties -> tie
    if (EndsWith(w, "ied")) cand[n++] = w.substr(0, w.size() - 1);
  } else if (EndsWith(w, "ing") && w.size() > 4) {
    stem_variants(w.substr(0, w.size() - 3));
  } else if (EndsWith(w, "ed") && w.size() > 3) {
    stem_variants(w.substr(0, w.size() - 2));
    if (n < 6) cand[n++] = w.substr(0, w.size() - 1);  // restored -> restore
  } else if (EndsWith(w, "es")) {
    cand[n++] = w.substr(0, w.size() - 2);
    cand[n++] = w.substr(0, w.size() - 1);
  } else if (EndsWith(w, "s") && !EndsWith(w, "ss")) {
    cand[n++] = w.substr(0, w.size() - 1);
  }
  for (int i = 0; i < n; ++i)
    if (cand[i] != w && vocabulary_.count(cand[i])) return cand[i];
  return w;
}

}  // namespace entente::coder
