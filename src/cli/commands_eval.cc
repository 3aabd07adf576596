// entente eval: scores coding against gold records. The logic lives in
// src/coder/tabari/eval.h (tested there); this file only maps flags and prints.
//
// Command table entries for src/cli/commands.cc (to be wired by the CLI owner; the entente_cli
// target must also link entente_tabari and compile this file):
//
//   {"eval", "score coding against gold records",
//    "entente eval --gold FILE|plover:FILE [--dict FILE]... [--parse given|own] [--json]\n"
//    "       entente eval --gold plover:FILE --write-gold OUT.jsonl",
//    "Codes every gold record and compares the (source, target, code) triples with the gold.\n"
//    "FILE is a PETRARCH validation XML (*.xml: coded with the TABARI-style coder and the\n"
//    "dictionaries its <Environment> names, or --dict files, over the given Treebank parses),\n"
//    "a JSON Lines gold file (docs/accuracy.md), or plover:PATH for PLOVER_GSR_CAMEO.json, read\n"
//    "directly; the last two are coded with the entente pipeline. Prints records, exact-match\n"
//    "rate, triple precision/recall/F1, root- and PLOVER-level F1, actor country and sector\n"
//    "accuracy, a confusion table of roots (or PLOVER categories), error kinds, and the worst\n"
//    "cases with the pattern that fired. --write-gold converts the gold to JSON Lines and stops.",
//    {{"gold", true, "gold file: *.xml, *.jsonl, or plover:PATH", "FILE"},
//     kDict,
//     {"parse", true, "given (default: the records' Treebank parses) or own", "WHICH"},
//     {"json", false, "print the report as JSON"},
//     {"worst", true, "how many worst cases to show (default 10)", "N"},
//     {"failures", false, "list every failing record with its category"},
//     {"write-gold", true, "write the gold as JSON Lines to FILE and stop", "FILE"},
//     kFast, kHome},
//    RunEval},
//
// and in commands.h:  int RunEval(const Command&, const Flags&);
#include <fstream>
#include <iostream>

#include "cli/common.h"
#include "coder/tabari/eval.h"

namespace entente::cli {

int RunEval(const Command& self, const Flags& flags) {
  std::string gold = flags.Get("gold");
  if (gold.empty() && !flags.positional().empty()) gold = flags.positional()[0];
  if (gold.empty()) {
    PrintError(self.name, "no --gold file given\nusage: " + self.usage);
    return 2;
  }
  std::string parse = flags.Get("parse", "given");
  if (parse != "given" && parse != "own") {
    PrintError(self.name, "--parse wants given or own");
    return 2;
  }
  int worst = 10;
  if (flags.Has("worst")) {
    try {
      worst = std::stoi(flags.Get("worst"));
    } catch (...) {
      PrintError(self.name, "--worst wants a number");
      return 2;
    }
  }
  std::vector<tabari::Problem> problems;
  if (flags.Has("write-gold")) {
    std::vector<tabari::GoldRecord> records;
    if (gold.rfind("plover:", 0) == 0) {
      auto text = tabari::ReadTextFile(gold.substr(7));
      if (!text.ok()) {
        PrintError(self.name, text.status().ToString());
        return 1;
      }
      auto r = tabari::ReadPloverGold(*text, gold.substr(7), &problems);
      if (!r.ok()) {
        PrintError(self.name, r.status().ToString());
        return 1;
      }
      records = std::move(*r);
    } else {
      auto text = tabari::ReadTextFile(gold);
      if (!text.ok()) {
        PrintError(self.name, text.status().ToString());
        return 1;
      }
      records = tabari::ReadJsonlGold(*text, gold, &problems);
    }
    for (const auto& p : problems) std::cerr << p.ToString() << "\n";
    std::ofstream out(flags.Get("write-gold"), std::ios::binary);
    out << tabari::WriteJsonlGold(records);
    if (!out) {
      PrintError(self.name, "cannot write " + flags.Get("write-gold"));
      return 1;
    }
    std::cerr << "wrote " << records.size() << " gold records to " << flags.Get("write-gold") << "\n";
    return 0;
  }
  DiagnosticCounter diag;
  tabari::EvalOptions options;
  options.gold = gold;
  options.dicts = flags.GetAll("dict");
  options.parse = parse;
  std::string error;
  if (!MakePipelineOptions(flags, diag.Sink(/*quiet_warnings=*/true), &options.pipeline, &error)) {
    PrintError(self.name, error);
    return 2;
  }
  // --dict is used by the evaluation itself (PETRARCH) or handed on to the pipeline (JSONL).
  options.pipeline.knowledge.dicts.clear();
  auto report = tabari::RunEvaluation(options, &problems);
  for (const auto& p : problems) std::cerr << p.ToString() << "\n";
  if (!report.ok()) {
    PrintError(self.name, report.status().ToString());
    return 1;
  }
  if (flags.Has("json")) {
    std::cout << tabari::ReportJson(*report, worst) << "\n";
  } else {
    std::cout << tabari::FormatReport(*report, worst, flags.Has("failures"));
  }
  return 0;
}

}  // namespace entente::cli
