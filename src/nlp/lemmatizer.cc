#include "nlp/lemmatizer.h"

#include <algorithm>
#include <vector>

#include "nlp/hash.h"
#include "nlp/word_atoms.h"

namespace entente::nlp {

const char* const Lemmatizer::kTemplates[] = {
    "form,xpos", "lower,xpos", "suffix-bytes<=6,xpos:strip+append", "known-word rule choice",
    "proper-noun case repair", "keep case ADD", "CD thousands commas"};
const size_t Lemmatizer::kNumTemplates = sizeof(kTemplates) / sizeof(kTemplates[0]);
uint64_t Lemmatizer::Fingerprint() { return TemplateFingerprint(kTemplates, kNumTemplates); }

uint64_t Lemmatizer::DictKey(std::string_view form, std::string_view xpos) {
  return Mix(HashString(form), HashString(xpos));
}
uint64_t Lemmatizer::RuleKey(std::string_view suffix, std::string_view xpos) {
  return Mix(HashString(xpos), HashString(suffix) + 7);
}
bool Lemmatizer::KeepsCase(std::string_view xpos) {
  return xpos == "NNP" || xpos == "NNPS" || xpos == "ADD";
}

Lemmatizer::Rule Lemmatizer::MakeRule(std::string_view form, std::string_view lemma) {
  size_t common = 0;
  while (common < form.size() && common < lemma.size() && form[common] == lemma[common]) ++common;
  Rule r;
  size_t strip = form.size() - common;
  if (strip > 255) strip = 255;
  r.strip = static_cast<uint8_t>(strip);
  r.append = std::string(lemma.substr(common));
  return r;
}

bool Lemmatizer::Fits(const Rule& rule, std::string_view form) {
  if (rule.strip == 0 || rule.strip >= form.size()) return true;
  const auto cut = static_cast<unsigned char>(form[form.size() - rule.strip]);
  return (cut & 0xC0) != 0x80;  // the cut is not at a UTF-8 continuation byte
}

std::string Lemmatizer::Apply(const Rule& rule, std::string_view form) {
  // Never produce an empty lemma or a broken character.
  if (rule.strip >= form.size() || !Fits(rule, form)) return std::string(form);
  std::string out(form.substr(0, form.size() - rule.strip));
  out += rule.append;
  return out;
}

namespace {
bool AllLower(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
    letter |= c >= 'a' && c <= 'z';
  }
  return letter;
}
bool AllUpper(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}
// "tehran" / "TEHRAN" -> "Tehran".
std::string Capitalised(std::string_view s) {
  std::string out = AsciiLower(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}
// "1,100" / "12,345,678" -> the digits; false for anything else.
bool StripThousands(std::string_view s, std::string* out) {
  out->clear();
  size_t group = 0, groups = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ',') {
      if (group == 0 || group > 3 || (groups > 0 && group != 3)) return false;
      ++groups;
      group = 0;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return false;
    *out += s[i];
    ++group;
  }
  return groups >= 2;
}
}  // namespace

std::string Lemmatizer::Lemmatize(std::string_view form, std::string_view xpos) const {
  if (auto it = exact.find(DictKey(form, xpos)); it != exact.end()) return it->second;
  const bool keeps = KeepsCase(xpos);
  std::string base = keeps ? std::string(form) : AsciiLower(form);
  if (auto it = lower.find(DictKey(base, xpos)); it != lower.end()) return it->second;
  if (keeps && xpos != "ADD" && (AllLower(base) || AllUpper(base))) {
    std::string cap = Capitalised(base);
    if (proper.count(HashString(cap))) return cap;
  }
  if (xpos == "CD") {
    std::string digits;
    if (StripThousands(base, &digits)) return digits;
  }
  size_t maxk = std::min<size_t>(kMaxSuffix, base.size());
  std::string first;
  bool have_first = false;
  for (size_t k = maxk + 1; k-- > 0;) {
    auto it = rules.find(RuleKey(std::string_view(base).substr(base.size() - k), xpos));
    if (it == rules.end() || !Fits(it->second, base)) continue;
    std::string out = Apply(it->second, base);
    if (known.empty() || known.count(HashString(AsciiLower(out)))) return out;
    if (!have_first) {
      first = std::move(out);
      have_first = true;
    }
  }
  return have_first ? first : base;
}

namespace {
template <typename V>
std::vector<std::pair<uint64_t, const V*>> Sorted(const std::unordered_map<uint64_t, V>& m) {
  std::vector<std::pair<uint64_t, const V*>> v;
  for (const auto& [k, val] : m) v.push_back({k, &val});
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return v;
}
}  // namespace

std::string Lemmatizer::Serialize(const ModelHeader& header) const {
  ByteWriter w;
  for (const auto* dict : {&exact, &lower}) {
    auto v = Sorted(*dict);
    w.U64(v.size());
    for (const auto& [k, s] : v) {
      w.U64(k);
      w.Str(*s);
    }
  }
  auto v = Sorted(rules);
  w.U64(v.size());
  for (const auto& [k, r] : v) {
    w.U64(k);
    w.U8(r->strip);
    w.Str(r->append);
  }
  for (const auto* set : {&known, &proper}) {
    std::vector<uint64_t> keys(set->begin(), set->end());
    std::sort(keys.begin(), keys.end());
    w.U64(keys.size());
    for (uint64_t k : keys) w.U64(k);
  }
  return EncodeModel(header, w.bytes());
}

Result<std::unique_ptr<Lemmatizer>> Lemmatizer::Load(std::string_view bytes,
                                                     const std::string& name) {
  ModelHeader header;
  std::string payload;
  ENTENTE_RETURN_IF_ERROR(
      DecodeModel(bytes, name, ModelKind::kLemmatizer, Fingerprint(), &header, &payload));
  auto l = std::make_unique<Lemmatizer>();
  ByteReader r(payload);
  for (auto* dict : {&l->exact, &l->lower}) {
    uint64_t n = r.U64();
    if (!r.Plausible(n, 12)) return Status::Corruption(name + ": bad lemma dictionary");
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t k = r.U64();
      (*dict)[k] = r.Str();
    }
  }
  uint64_t n = r.U64();
  if (!r.Plausible(n, 13)) return Status::Corruption(name + ": bad lemma rules");
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.U64();
    Rule rule;
    rule.strip = r.U8();
    rule.append = r.Str();
    l->rules[k] = std::move(rule);
  }
  for (auto* set : {&l->known, &l->proper}) {
    uint64_t count = r.U64();
    if (!r.Plausible(count, 8)) return Status::Corruption(name + ": bad lemmatizer word set");
    set->reserve(count);
    for (uint64_t i = 0; i < count; ++i) set->insert(r.U64());
  }
  if (!r.ok() || !r.at_end()) return Status::Corruption(name + ": malformed lemmatizer model");
  return l;
}

}  // namespace entente::nlp
