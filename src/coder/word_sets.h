// Membership of a word in a short closed list written in the code ("the", "a", "an"). The list
// is of string_views, so each comparison checks the length before any byte: far cheaper than
// comparing a std::string with C strings, which measures each literal first.
#ifndef ENTENTE_CODER_WORD_SETS_H_
#define ENTENTE_CODER_WORD_SETS_H_

#include <initializer_list>
#include <string_view>

namespace entente::coder {

inline bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

// True when `w` ends with `tail` after a stem of at least three letters ("arrested", "marching";
// not "red" or "king").
inline bool EndsWith(std::string_view w, std::string_view tail) {
  return w.size() > tail.size() + 2 && w.substr(w.size() - tail.size()) == tail;
}

// An adverb of sequence between coordinated verbs ("and then arrested", "and later released").
inline bool IsSequenceAdverb(std::string_view w) {
  return In(w, {"then", "later", "subsequently", "eventually", "briefly"});
}

// A compass word that may qualify a place ("northern Iraq", "in central Syria").
inline bool IsDirectionWord(std::string_view w) {
  return In(w, {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeastern",
                "northwestern", "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                "south-western", "central", "northeast", "northwest", "southeast", "southwest"});
}

// A noun of a part of a place or of a settlement, before "of" and the place ("the outskirts of
// Donetsk", "districts of Aleppo", "the town of Douma"): what is named is in that place.
inline bool IsPlacePartNoun(std::string_view w) {
  return In(w, {"outskirts", "suburb", "suburbs", "part", "parts", "district", "districts", "area", "areas",
                "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "quarter", "quarters", "heart",
                "centre", "center", "town", "towns", "city", "village", "villages", "province", "region"});
}

// A noun of an office held for a state or body ("ambassador", "envoy", "spokesman",
// "minister", "official"): a person so described speaks or acts for it (unlike "French
// director Justine Triet", whose country is only her nationality).
inline bool IsOfficeNoun(std::string_view w) {
  return In(w, {"ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary",
                "official", "diplomat", "representative", "negotiator", "consul"});
}

// A singular noun of a person's office or role (IsOfficeNoun, "prosecutor", "commander"): an
// agent mention ending in one is a person, so "he" or "she" may stand for it ("The court's
// prosecutor said he had begun ...") and "it" may not.
inline bool IsPersonTitleNoun(std::string_view w) {
  return IsOfficeNoun(w) ||
         In(w, {"senator", "legislator", "lawmaker", "parliamentarian", "mp", "president", "king", "queen", "premier",
                "chancellor", "leader", "general", "commander", "chief", "officer", "judge", "prosecutor", "emperor",
                "emir", "sultan", "monarch", "congressman", "congresswoman", "adviser", "advisor", "aide", "director",
                "chairman", "chairwoman", "head", "deputy", "counterpart", "delegate", "activist", "soldier",
                "journalist", "governor", "mayor"});
}

}  // namespace entente::coder

#endif  // ENTENTE_CODER_WORD_SETS_H_
