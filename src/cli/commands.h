// The CLI commands. Each takes the arguments after its name and returns the exit status:
// 0 success, 1 some inputs rejected or the request failed, 2 usage error.
#ifndef ENTENTE_CLI_COMMANDS_H_
#define ENTENTE_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/flags.h"

namespace entente::cli {

struct Command {
  std::string name;      // may be two words: "actors resolve"
  std::string summary;   // one line for `entente --help`
  std::string usage;     // synopsis line(s)
  std::string details;   // paragraph(s) for `entente NAME --help`
  std::vector<FlagSpec> flags;
  int (*run)(const Command& self, const Flags& flags);
};

const std::vector<Command>& AllCommands();

// Shared by commands: prints "entente NAME: message" to stderr.
void PrintError(const std::string& command, const std::string& message);

// Command implementations (commands_*.cc).
int RunIngest(const Command&, const Flags&);
int RunCode(const Command&, const Flags&);
int RunEvents(const Command&, const Flags&);
int RunStats(const Command&, const Flags&);
int RunExplain(const Command&, const Flags&);
int RunSearch(const Command&, const Flags&);
int RunActorsResolve(const Command&, const Flags&);
int RunActorsUnknown(const Command&, const Flags&);
int RunDictCheck(const Command&, const Flags&);
int RunImport(const Command&, const Flags&);
int RunTrain(const Command&, const Flags&);
int RunParse(const Command&, const Flags&);
int RunEvalNlp(const Command&, const Flags&);
int RunDyads(const Command&, const Flags&);
int RunAlign(const Command&, const Flags&);
int RunBlocs(const Command&, const Flags&);
int RunShifts(const Command&, const Flags&);
int RunForecast(const Command&, const Flags&);
int RunBrief(const Command&, const Flags&);
int RunGroup(const Command&, const Flags&);
int RunEval(const Command&, const Flags&);
int RunServe(const Command&, const Flags&);

}  // namespace entente::cli

#endif  // ENTENTE_CLI_COMMANDS_H_
