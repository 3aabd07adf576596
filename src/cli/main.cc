// entente: the command-line front-end. Dispatch and help only; commands live in commands_*.cc.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

using entente::cli::AllCommands;
using entente::cli::Command;

void PrintOverview() {
  std::cout << "entente: political event data and alignment from news.\n\n"
               "usage: entente COMMAND [ARGS...]\n"
               "       entente COMMAND --help    (details on one command)\n\n";
  static const std::vector<std::pair<const char*, std::vector<const char*>>> kGroups = {
      {"news to events", {"ingest", "code", "import", "explain"}},
      {"the store", {"events", "stats", "search", "group", "serve"}},
      {"alignment", {"dyads", "align", "blocs", "shifts", "forecast", "brief"}},
      {"knowledge", {"actors resolve", "actors unknown", "dict check"}},
      {"evaluation and models", {"eval", "train", "parse", "eval-nlp"}},
  };
  std::vector<std::string> listed;
  auto print = [&](const Command& c) {
    std::string n = "  " + c.name;
    if (n.size() < 20) n.resize(20, ' ');
    std::cout << n << c.summary << "\n";
    listed.push_back(c.name);
  };
  for (const auto& [title, names] : kGroups) {
    std::cout << title << ":\n";
    for (const char* name : names)
      for (const auto& c : AllCommands())
        if (c.name == name) print(c);
  }
  bool other = false;
  for (const auto& c : AllCommands())
    if (std::find(listed.begin(), listed.end(), c.name) == listed.end()) {
      if (!other) std::cout << "other:\n";
      other = true;
      print(c);
    }
  std::cout << "\nexit status: 0 all input read, 1 some input rejected (listed on stderr), 2 usage error.\n"
               "knowledge and models are found in $ENTENTE_HOME, the install prefix, or the source tree.\n";
}

void PrintCommandHelp(const Command& c) {
  std::cout << "usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.details.empty()) std::cout << "\n" << c.details << "\n";
  if (!c.flags.empty()) std::cout << "\nflags:\n" << entente::cli::FlagHelp(c.flags);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    if (args.size() >= 2 && args[0] == "help") args = {args[1], "--help"};
    else {
      PrintOverview();
      return args.empty() ? 2 : 0;
    }
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "entente 0.1.0\n";
    return 0;
  }
  // Longest command name match: "actors resolve" before "actors".
  const Command* cmd = nullptr;
  size_t words = 0;
  for (const auto& c : AllCommands()) {
    size_t n = 1 + std::count(c.name.begin(), c.name.end(), ' ');
    if (n > args.size()) continue;
    std::string joined = args[0];
    for (size_t i = 1; i < n; ++i) joined += " " + args[i];
    if (joined == c.name && n > words) {
      cmd = &c;
      words = n;
    }
  }
  if (!cmd) {
    // A group word alone ("entente actors"): list its subcommands.
    bool group = false;
    for (const auto& c : AllCommands())
      if (c.name.rfind(args[0] + " ", 0) == 0) {
        if (!group) std::cerr << "entente " << args[0] << ": choose a subcommand:\n";
        group = true;
        std::cerr << "  entente " << c.name << "    " << c.summary << "\n";
      }
    if (!group) std::cerr << "entente: unknown command '" << args[0] << "' (see entente --help)\n";
    return 2;
  }
  std::vector<std::string> rest(args.begin() + words, args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      PrintCommandHelp(*cmd);
      return 0;
    }
  entente::cli::Flags flags;
  std::string error;
  if (!flags.Parse(rest, cmd->flags, &error)) {
    std::cerr << "entente " << cmd->name << ": " << error << "\nusage: " << cmd->usage << "\n";
    return 2;
  }
  return cmd->run(*cmd, flags);
}
