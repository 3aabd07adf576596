// actors resolve and dict check: look into the knowledge base.
#include <iostream>

#include "cli/common.h"

namespace entente::cli {

int RunActorsResolve(const Command& self, const Flags& flags) {
  if (flags.positional().empty()) {
    PrintError(self.name, "no phrase given\nusage: " + self.usage);
    return 2;
  }
  std::string phrase;
  for (const auto& p : flags.positional()) phrase += (phrase.empty() ? "" : " ") + p;
  std::optional<Date> date;
  if (flags.Has("date")) {
    date = Date::Parse(flags.Get("date"));
    if (!date) {
      PrintError(self.name, "--date wants YYYY-MM-DD");
      return 2;
    }
  }
  DiagnosticCounter diag;
  KnowledgeOptions ko;
  ko.root = flags.Get("home");
  ko.dicts = flags.GetAll("dict");
  ko.own_actors = !flags.Has("no-builtin-actors");
  if (!ko.own_actors && ko.dicts.empty()) {
    PrintError(self.name, "--no-builtin-actors needs --dict with an actor or agent dictionary");
    return 2;
  }
  auto kb = KnowledgeBase::Load(ko, diag.Sink(/*quiet_warnings=*/true));
  if (!kb.ok()) {
    PrintError(self.name, kb.status().ToString());
    return 1;
  }
  ActorResolution r = (*kb)->Resolve(phrase, date);
  std::cout << "phrase: " << phrase << "\n"
            << "date:   " << (date ? date->ToString() : std::string("(none: latest roles)")) << "\n";
  if (!r.found) {
    std::cout << "result: no actor found\n";
  } else {
    std::cout << "result: " << r.actor.code;
    if (!r.actor.name.empty()) std::cout << "  " << r.actor.name;
    std::cout << "  (country " << (r.actor.country.empty() ? "-" : r.actor.country) << ", sector "
              << (r.actor.sector.empty() ? "-" : r.actor.sector) << ")\n";
  }
  if (!r.explanation.empty()) {
    std::cout << "why:\n";
    for (const auto& line : r.explanation) std::cout << "  - " << line << "\n";
  }
  return r.found ? 0 : 1;
}

int RunDictCheck(const Command& self, const Flags& flags) {
  DiagnosticCounter diag;
  KnowledgeOptions ko;
  ko.root = flags.Get("home");
  ko.dicts = flags.GetAll("dict");
  int errors = CheckKnowledge(ko, diag.Sink());
  if (errors == 0) {
    std::cout << "knowledge files are valid";
    if (*diag.warnings) std::cout << " (" << *diag.warnings << " warnings)";
    std::cout << "\n";
    return 0;
  }
  std::cout << errors << " error" << (errors == 1 ? "" : "s") << " in the knowledge files\n";
  return 1;
}

}  // namespace entente::cli
