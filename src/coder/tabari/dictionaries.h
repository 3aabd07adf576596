// Readers for the TABARI/PETRARCH dictionary formats: verb patterns (families, synsets, patterns
// with + $ % ^ markers and codes), actors (synonyms and date-restricted codes), agents
// (plurals, substitution sets, prefix/suffix codes), discard lists and issue lists. The formats
// are described in docs/accuracy.md ("PETRARCH validation suite") and in the petrarch2
// documentation (docs/source/dictionaries.rst) and the TABARI manual.
//
// Every reader takes the text and a file name (for messages), never fails as a whole on a bad
// entry: a malformed entry is appended to `problems` with file, line and reason, and loading
// goes on. Words are stored upper-case; '_' and ' ' inside phrases are both separators, but
// patterns remember which separator was used (see PatternElement::adjacent).
#ifndef ENTENTE_CODER_TABARI_DICTIONARIES_H_
#define ENTENTE_CODER_TABARI_DICTIONARIES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entente/status.h"

namespace entente::tabari {

// A malformed entry: "file:line: reason".
struct Problem {
  std::string file;
  int line = 0;
  std::string reason;
  std::string ToString() const;
};

// A date as YYYYMMDD (19950601). Two-digit years: 00-30 -> 20xx, 31-99 -> 19xx.
using DateNum = int32_t;
// Parses "YYMMDD" or "YYYYMMDD"; nullopt when malformed.
std::optional<DateNum> ParseDictDate(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Verbs.

struct PatternElement {
  enum class Kind { kWord, kSynset, kVerb, kTarget, kSource, kCompound, kSkip };
  Kind kind = Kind::kWord;
  std::string text;       // word (upper-case) or synset name with '&'
  bool adjacent = false;  // joined to the NEXT element by '_' (no words may come between)
};

struct VerbPattern {
  std::vector<PatternElement> pre;   // elements before the verb, in sentence order
  std::vector<PatternElement> post;  // elements after the verb, in sentence order
  bool verb_adjacent_pre = false;    // last pre element joined to the verb ("IN_*")
  bool verb_adjacent_post = false;   // verb joined to the first post element ("*_OUT")
  std::string code;                  // event code, "---" for none
  std::string paired_code;           // after ':' in [X:Y] (reverse-direction event), may be empty
  int line = 0;
  std::string text;                  // the pattern as written
  int Specificity() const;           // number of word/synset elements (longer patterns first)
};

struct VerbEntry {
  std::vector<std::string> words;  // "WIRE", "TAP" for WIRE_+TAP
  int head = 0;                    // index of the verb word in `words`
  std::vector<std::vector<std::string>> forms;  // every inflected form, as words
  std::string code;                // own code of the isolated verb, or empty (family code)
  std::string paired_code;
  int line = 0;
};

struct VerbFamily {
  std::string name;         // from "--- NAME [CODE] ---"
  std::string code;         // family code, "---" when absent
  std::string paired_code;  // "033" in [032:033]
  std::vector<VerbEntry> verbs;
  std::vector<VerbPattern> patterns;  // sorted: most specific first, then file order
  int line = 0;
};

struct Synset {
  std::string name;  // with '&'
  std::vector<std::vector<std::string>> phrases;  // each phrase: consecutive words
  std::vector<std::string> nested;                // "+&OTHER" members (expanded at lookup)
};

class VerbDictionary {
 public:
  // Appends `text` (the contents of `file`) to the dictionary.
  void Load(std::string_view text, const std::string& file, std::vector<Problem>* problems);

  const std::vector<VerbFamily>& families() const { return families_; }
  const Synset* FindSynset(std::string_view name) const;
  // Verb forms whose head word is `word` (upper-case): (family index, verb index, form index).
  struct FormRef {
    int family, verb, form;
  };
  std::vector<FormRef> Lookup(std::string_view word) const;
  int64_t pattern_count() const;

 private:
  std::vector<VerbFamily> families_;
  std::map<std::string, Synset, std::less<>> synsets_;
  std::unordered_map<std::string, std::vector<FormRef>> by_head_;
};

// ---------------------------------------------------------------------------------------------
// Actors.

struct CodeRestriction {
  std::string code;
  enum class Kind { kDefault, kBefore, kAfter, kBetween } kind = Kind::kDefault;
  DateNum from = 0, to = 0;  // kBefore: to; kAfter: from; kBetween: both (inclusive)
  int line = 0;              // where it is written
};

struct ActorEntry {
  std::vector<std::vector<std::string>> phrases;  // primary first, then synonyms
  std::vector<CodeRestriction> codes;             // in file order
  int line = 0;
  // The codes that apply on `date` (0 = unknown: the default, else the last listed): the
  // first satisfied restriction, else the default; "A/B" yields two codes. Empty: null code.
  std::vector<std::string> CodesOn(DateNum date) const;
};

class ActorDictionary {
 public:
  // An actor line starts an entry; "+" lines add synonyms; "[CODE ...]" on the line or on
  // the lines after it add codes. Actor lines one after another with no code between them (and
  // no blank line) are one block sharing the codes that follow, as the Phoenix files write
  // several names of one person.
  void Load(std::string_view text, const std::string& file, std::vector<Problem>* problems);
  const std::vector<ActorEntry>& entries() const { return entries_; }
  // Longest phrase starting at words[i] (upper-case): entry index and length, or -1.
  std::pair<int, int> LongestMatch(const std::vector<std::string>& words, size_t i) const;

 private:
  void Index(int entry);
  std::vector<ActorEntry> entries_;
  std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, int>>> by_first_;
};

// ---------------------------------------------------------------------------------------------
// Agents.

struct AgentEntry {
  std::vector<std::string> words;
  std::string code;     // without '~'
  bool prefix = false;  // "NGO~": goes before the actor code
  int line = 0;
};

class AgentDictionary {
 public:
  void Load(std::string_view text, const std::string& file, std::vector<Problem>* problems);
  const std::vector<AgentEntry>& entries() const { return entries_; }
  std::pair<int, int> LongestMatch(const std::vector<std::string>& words, size_t i) const;

 private:
  std::vector<AgentEntry> entries_;
  std::unordered_map<std::string, std::vector<int>> by_first_;
};

// ---------------------------------------------------------------------------------------------
// Discards and issues.

struct DiscardEntry {
  std::string phrase;  // upper-case, words separated by single spaces
  bool story = false;  // '+': the whole story is discarded
  bool whole_word = false;  // trailing '_': must end at a word boundary
  int line = 0;
};

class DiscardList {
 public:
  void Load(std::string_view text, const std::string& file, std::vector<Problem>* problems);
  const std::vector<DiscardEntry>& entries() const { return entries_; }
  // The first entry found in `text` (case-insensitive, starting at a word boundary), or null.
  const DiscardEntry* Find(std::string_view text) const;

 private:
  std::vector<DiscardEntry> entries_;
};

struct IssueEntry {
  std::vector<std::string> phrases;  // expanded variants, upper-case
  std::string code;                  // empty for ignore phrases
  bool ignore = false;               // '~' lines: a match cancels issue coding
  std::string category;              // from <ISSUE CATEGORY="...">
  int line = 0;
};

class IssueList {
 public:
  void Load(std::string_view text, const std::string& file, std::vector<Problem>* problems);
  const std::vector<IssueEntry>& entries() const { return entries_; }
  // Issue codes with match counts found in `text`; empty when an ignore phrase matches.
  std::vector<std::pair<std::string, int>> Find(std::string_view text) const;

 private:
  std::vector<IssueEntry> entries_;
};

// Upper-cases ASCII letters.
std::string Upper(std::string_view s);
// Reads a whole file; IOError naming it.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_DICTIONARIES_H_
