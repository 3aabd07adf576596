// Document-context rules that need no phrase index: the sectors whose bare agents are often
// abroad (so "troops in Syria" does not take Syria), and whether a bare "Congo" is the Republic
// or the DRC (cues in the document, its date). Contracts are at the declarations in
// actor_index_internal.h. The rules that read a sentence's matched atoms (the North/the South
// after Korea, "ethnic" before an adjective, a leader's surname as a state, "<agent> in
// <state>") live in FindImpl (actor_match.cc), whose per-sentence state they share.
#include <string>
#include <string_view>
#include <unordered_set>

#include "actors/actor_index_internal.h"

namespace entente::actors::internal {

const std::unordered_set<std::string_view> kForeignPresence = {"MIL", "REF", "SPY", "UAF", "IGO", "NGO", "IMG"};

bool BareCongoIsRepublic(const Document& doc, const DocContext* ctx, const Date& date, bool has_date,
                         std::string* reason) {
  static const char* const kRepublic[] = {"Brazzaville", "Pointe-Noire", "Sassou", "Nguesso",
                                          "Lissouba", "Kolelas", "Ninjas", "Cobras"};
  static const char* const kDemocratic[] = {"Kinshasa", "Zaire", "Kabila", "Mobutu", "Tshisekedi",
                                            "Lubumbashi", "Goma", "Kivu", "Katanga", "Kisangani",
                                            "Ituri", "Bukavu", "MONUC", "MONUSCO", "DRC"};
  auto count = [&](const auto& words) {
    int n = 0;
    for (const char* w : words) {
      const std::string_view word(w);
      for (size_t at = doc.text.find(word); at != std::string::npos; at = doc.text.find(word, at + 1)) {
        auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
        const bool start_ok = at == 0 || !alnum(doc.text[at - 1]);
        const bool end_ok = at + word.size() >= doc.text.size() || !alnum(doc.text[at + word.size()]);
        if (start_ok && end_ok) ++n;
      }
    }
    return n;
  };
  // The DRC's own names are cues too ("the Democratic Republic of (the) Congo", "DR Congo";
  // "Congo-Kinshasa" holds "Kinshasa"); the Republic's are counted as resolved mentions (ctx).
  static const char* const kDemocraticNames[] = {"Democratic Republic of Congo", "Democratic Republic of the Congo",
                                                 "DR Congo", "D.R. Congo"};
  int rep = count(kRepublic), dem = count(kDemocratic) + count(kDemocraticNames);
  if (ctx) rep += ctx->Seen("COG");
  if (rep != dem) {
    *reason = "bare 'Congo' with " + std::to_string(rep) + " Republic (Brazzaville) and " + std::to_string(dem) +
              " DRC (Kinshasa) cues in the document";
    return rep > dem;
  }
  if (has_date && Date{1971, 10, 27} <= date && date <= Date{1997, 5, 16}) {
    *reason = "bare 'Congo' on " + date.ToString() + ", when the DRC was called Zaire: the Republic";
    return true;
  }
  *reason = "bare 'Congo' without Brazzaville or Kinshasa cues: the DRC (default)";
  return false;
}

}  // namespace entente::actors::internal
