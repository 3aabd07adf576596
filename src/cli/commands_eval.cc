// entente eval: scores coding against gold records. The logic lives in
// src/coder/tabari/eval.h (tested there); this file only maps flags and prints.
//
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
  // --dict is used by the evaluation itself (PETRARCH XML) or handed on to the pipeline (JSON
  // Lines and PLOVER gold): RunEvaluation adds options.dicts to the pipeline's knowledge.
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
