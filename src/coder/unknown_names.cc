#include "coder/unknown_names.h"

#include <algorithm>
#include <string>

#include "coder/lemmatizer.h"
#include "coder/word_sets.h"

namespace entente::coder {

namespace {

// The entity type of a BIO tag ("B-PER" -> "PER"), "" for "O" or no tag.
std::string_view TypeOf(const std::string& tag) {
  if (tag.size() < 3 || tag[1] != '-') return {};
  return std::string_view(tag).substr(2);
}

// Words that make no name on their own: months, weekdays (a dateline's "Aug" tagged LOC) and
// compass points ("the West", "the North").
bool NoNameWord(std::string_view lower) {
  return In(lower, {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday", "north", "south", "east", "west", "northern", "southern", "eastern",
                    "western"});
}

}  // namespace

std::vector<UnknownName> FindUnknownNames(const CoderKnowledge& k, const Document& doc) {
  std::vector<UnknownName> out;
  actors::DocContext ctx;
  ctx.date = doc.date;
  std::vector<std::string> lower;
  std::vector<std::string> full_people;  // unknown people named with two or more words so far
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sent = doc.sentences[si];
    if (sent.end_token <= sent.first_token || sent.end_token > doc.tokens.size()) continue;
    // The actor index runs on every sentence, tagged or not: it keeps the document context
    // (people named in full earlier) that later sentences resolve short names with.
    std::vector<actors::ActorMention> mentions;
    if (k.actors) mentions = k.actors->Find(doc, sent, &ctx);
    bool tagged = false;
    for (uint32_t t = sent.first_token; t < sent.end_token && !tagged; ++t) tagged = !doc.tokens[t].ner.empty();
    if (!tagged) continue;
    const uint32_t n = sent.size();
    lower.clear();
    for (uint32_t t = sent.first_token; t < sent.end_token; ++t) lower.push_back(LowerWord(doc.TokenText(t)));
    // Gazetteer places: [first, end) in sentence positions.
    std::vector<std::pair<uint32_t, uint32_t>> places;
    for (uint32_t i = 0; i < n; ++i)
      if (const Phrase* p = k.lexicon.places.Match(lower, nullptr, static_cast<int>(i))) {
        places.emplace_back(i, i + static_cast<uint32_t>(p->words.size()));
        i += static_cast<uint32_t>(p->words.size()) - 1;
      }
    std::vector<std::string> countries;
    for (const auto& am : mentions)
      if (am.actor.country.size() == 3 &&
          std::find(countries.begin(), countries.end(), am.actor.country) == countries.end())
        countries.push_back(am.actor.country);

    for (uint32_t i = 0; i < n;) {
      const std::string& tag = doc.tokens[sent.first_token + i].ner;
      std::string_view type = TypeOf(tag);
      if (type.empty()) {
        ++i;
        continue;
      }
      uint32_t e = i + 1;
      while (e < n && doc.tokens[sent.first_token + e].ner.size() > 2 &&
             doc.tokens[sent.first_token + e].ner[0] == 'I' && TypeOf(doc.tokens[sent.first_token + e].ner) == type)
        ++e;
      uint32_t f = i, end = e;
      i = e;
      if (lower[f] == "the" && end - f > 1) ++f;
      while (end - f > 1 && (lower[end - 1] == "'s" || lower[end - 1] == "'" || lower[end - 1] == "\u2019s"))
        --end;
      bool capitalised = false;
      for (uint32_t t = f; t < end; ++t) capitalised = capitalised || (doc.tokens[sent.first_token + t].flags & Token::kCapitalized);
      if (!capitalised || (type != "PER" && type != "ORG" && type != "LOC")) continue;
      bool all_no_name = true;
      for (uint32_t t = f; t < end; ++t) {
        std::string_view w = lower[t];
        if (!w.empty() && w.back() == '.') w.remove_suffix(1);  // "Aug."
        all_no_name = all_no_name && (w.empty() || NoNameWord(w));
      }
      if (all_no_name) continue;
      const uint32_t df = sent.first_token + f, de = sent.first_token + end;
      bool covered = false;
      for (const auto& am : mentions) {
        if (am.first_token <= df && de <= am.end_token) covered = true;
        const bool overlaps = am.first_token < de && df < am.end_token;
        if (overlaps && (am.kind == actors::ActorMention::Kind::kPerson ||
                         am.kind == actors::ActorMention::Kind::kOrganisation))
          covered = true;
      }
      if (type == "LOC")
        for (auto [pf, pe] : places) covered = covered || (pf <= f && end <= pe);
      if (covered) continue;
      UnknownName u;
      u.type = std::string(type);
      u.sentence = static_cast<int>(si);
      u.span = Span{doc.tokens[df].span.begin, doc.tokens[de - 1].span.end};
      u.text = std::string(doc.Text(u.span));
      if (type == "PER" && end - f >= 2) {
        full_people.push_back(u.text);
      } else if (type == "PER") {
        // "Kirby" after "John Kirby": the person named in full earlier in the document (every
        // sentence is tagged here; the coder, which may lack earlier tags, reads the words
        // instead: AddUnknownPersonMentions, coder.cc).
        for (auto it = full_people.rbegin(); it != full_people.rend(); ++it)
          if (it->size() > u.text.size() + 1 && it->compare(it->size() - u.text.size(), u.text.size(), u.text) == 0 &&
              (*it)[it->size() - u.text.size() - 1] == ' ') {
            u.text = *it;
            break;
          }
      }
      u.countries = countries;
      out.push_back(std::move(u));
    }
  }
  return out;
}

}  // namespace entente::coder
