// Fuzz target: the readers of other tools' formats: TABARI/PETRARCH dictionaries (verbs, actors,
// agents, discards, issues), Penn Treebank parses, the PETRARCH validation XML, our JSON Lines
// gold, the PLOVER gold JSON and CoNLL-U. Contract under test: any text gives what can be read
// plus file:line problems (or one error status), never a crash, a hang or a sanitizer report.
// The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "coder/tabari/dictionaries.h"
#include "coder/tabari/eval.h"
#include "coder/tabari/penn_tree.h"
#include "coder/tabari/validation.h"
#include "nlp/conllu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 50000) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<entente::tabari::Problem> problems;
  switch (data[0] % 10) {
    case 0: {
      entente::tabari::VerbDictionary d;
      d.Load(text, "verbs.txt", &problems);
      (void)d.Lookup("SAY");
      (void)d.pattern_count();
      break;
    }
    case 1: {
      entente::tabari::ActorDictionary d;
      d.Load(text, "actors.txt", &problems);
      break;
    }
    case 2: {
      entente::tabari::AgentDictionary d;
      d.Load(text, "agents.txt", &problems);
      break;
    }
    case 3: {
      entente::tabari::DiscardList d;
      d.Load(text, "discards.txt", &problems);
      break;
    }
    case 4: {
      entente::tabari::IssueList d;
      d.Load(text, "issues.txt", &problems);
      break;
    }
    case 5: {
      auto tree = entente::tabari::PennTree::Parse(text);
      if (tree.ok()) (void)tree.value().words();
      break;
    }
    case 6:
      (void)entente::tabari::ReadValidationXml(text, "records.xml", &problems);
      break;
    case 7:
      (void)entente::tabari::ReadJsonlGold(text, "gold.jsonl", &problems);
      break;
    case 8:
      (void)entente::tabari::ReadPloverGold(text, "plover.json", &problems);
      break;
    default: {
      std::istringstream in{std::string(text)};
      (void)entente::nlp::ReadConllu(in, "gold.conllu");
      break;
    }
  }
  return 0;
}
