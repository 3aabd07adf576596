// train, parse, eval-nlp: the trained NLP models.
#include <algorithm>
#include <iostream>

#include "cli/common.h"
#include "entente/nlp.h"

namespace entente::cli {

int RunTrain(const Command& self, const Flags& flags) {
  const auto& args = flags.positional();
  static const std::vector<std::string> kKinds = {"tagger", "lemmatizer", "parser", "ner", "clusters", "casing", "hot"};
  if (args.size() != 1 || std::find(kKinds.begin(), kKinds.end(), args[0]) == kKinds.end()) {
    PrintError(self.name, "say which model: tagger, lemmatizer, parser, ner, clusters, casing or hot\nusage: " + self.usage);
    return 2;
  }
  NlpTrainOptions o;
  o.train = flags.GetAll("train");
  o.dev = flags.GetAll("dev");
  o.out = flags.Get("out");
  o.tagger_model = flags.Get("tagger");
  o.gazetteer = flags.GetAll("gazetteer");
  o.clusters = flags.Get("clusters");
  o.casing = flags.Get("casing");
  o.text = flags.GetAll("text");
  o.date = flags.Get("date");
  o.training_data = flags.Get("data");
  try {
    if (flags.Has("iterations")) o.iterations = std::stoi(flags.Get("iterations"));
    if (flags.Has("seed")) o.seed = std::stoull(flags.Get("seed"));
    if (flags.Has("jackknife")) o.jackknife_folds = std::stoi(flags.Get("jackknife"));
    if (flags.Has("prune")) o.prune = std::stof(flags.Get("prune"));
    if (flags.Has("classes")) o.classes = std::stoi(flags.Get("classes"));
    if (flags.Has("vocabulary")) o.vocabulary = std::stoi(flags.Get("vocabulary"));
    if (flags.Has("min-count")) o.min_count = std::stoi(flags.Get("min-count"));
    if (flags.Has("beam")) o.beam_width = std::stoi(flags.Get("beam"));
  } catch (...) {
    PrintError(self.name, "--iterations, --seed, --jackknife, --prune and --beam take numbers");
    return 2;
  }
  std::string update = flags.Get("update", "early");
  if (update != "early" && update != "max-violation") {
    PrintError(self.name, "--update must be early or max-violation, not '" + update + "'");
    return 2;
  }
  o.max_violation = update == "max-violation";
  o.reverse = flags.Has("reverse");
  o.punct_last = flags.Has("punct-last");
  if (o.punct_last && !o.reverse) {
    PrintError(self.name, "--punct-last only applies with --reverse");
    return 2;
  }
  if (o.beam_width < 1) {
    PrintError(self.name, "--beam must be at least 1");
    return 2;
  }
  bool clusters = args[0] == "clusters" || args[0] == "casing";  // both read raw --text
  if ((clusters ? o.text.empty() : o.train.empty()) || o.out.empty()) {
    PrintError(self.name, std::string(clusters ? "--text" : "--train") + " and --out are required\nusage: " + self.usage);
    return 2;
  }
  if (!flags.Has("quiet")) o.log = &std::cerr;
  Status s = TrainNlpModel(args[0], o);
  if (!s.ok()) {
    PrintError(self.name, s.ToString());
    return 1;
  }
  std::cout << "wrote " << o.out << "\n";
  return 0;
}

int RunParse(const Command& self, const Flags& flags) {
  ReadOptions ropts;
  int exit_status = 0;
  auto pipeline = OpenPipeline(self, flags, /*format_is_input=*/false, /*need_syntax=*/true, &ropts, &exit_status);
  if (!pipeline) return exit_status;
  std::vector<std::string> inputs = flags.positional();
  if (inputs.empty()) inputs.push_back("-");
  ReadStats stats;
  std::vector<Event> events;
  Status st = ReadDocuments(inputs, ropts, [&](Document& doc) -> Status {
    events.clear();
    ENTENTE_RETURN_IF_ERROR(pipeline->Process(&doc, &events));
    if (!doc.tokens.empty() && doc.tokens[0].upos.empty())
      return Status::NotFound("no trained models were loaded (see models/ and entente train)");
    std::cout << "# doc_id = " << doc.id << "\n";
    return WriteConllu(doc, std::cout);
  }, &stats);
  for (const auto& r : stats.rejected) PrintError(self.name, "rejected input: " + r);
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  return stats.rejected.empty() && stats.errors == 0 && stats.cut_short == 0 ? 0 : 1;
}

int RunEvalNlp(const Command& self, const Flags& flags) {
  std::string gold = flags.Get("gold");
  if (gold.empty()) {
    PrintError(self.name, "--gold is required\nusage: " + self.usage);
    return 2;
  }
  std::string models = flags.Get("models");
  if (models.empty()) {
    std::string home = flags.Get("home");
    models = (home.empty() ? FindResourceRoot() : home) + "/models";
  }
  auto scores = EvaluateNlpModels(models, gold, flags.Has("accurate"));
  if (!scores.ok()) {
    PrintError(self.name, scores.status().ToString());
    return 1;
  }
  std::cout << *scores;
  if (!scores->empty() && scores->back() != '\n') std::cout << "\n";
  return 0;
}

}  // namespace entente::cli
