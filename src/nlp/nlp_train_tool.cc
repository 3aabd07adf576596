// Developer driver for the nlp trainers (not installed; the `entente` CLI exposes the same).
//   nlp_train_tool train tagger|lemmatizer|parser|ner|hot --train F [--train F2] [--dev F]
//       --out PATH [--iterations N] [--seed S] [--tagger MODEL] [--jackknife K] [--prune P]
//       [--date YYYY-MM-DD] [--data "description"] [--max-sentences N] [--gazetteer F]...
//       [--clusters FILE] [--casing FILE] [--label-groups K] [--beam W] [--update early|max-violation] [--reverse]
//       [--punct-last] [--auto-train F]...
//       (parser --beam W > 1: global training with a beam of width W and early update, or
//       max-violation update with --update max-violation; --reverse: a right-to-left parser;
//       --punct-last with --reverse: it reads the final punctuation last, Parser::punct_last;
//       --auto-train F: automatically parsed CoNLL-U added to a parser's training data
//       (uptraining): not used by the jackknife taggers or the label groups, tagged with
//       --tagger, else read with the file's XPOS; TrainOptions::auto_train)
//       (`train hot --train F... --out MODELS_DIR` is the last step: it rewrites the tagger,
//       parser and entity tagger there with their most looked-up features first; see RunTrain
//       in train.h)
//   nlp_train_tool eval MODELS_DIR GOLD.conllu|GOLD.iob2 [--max-sentences N] [--beam W]
//       [--parser-model FILE]
//       (--beam W: re-parse with a beam of width W, 1 = greedy, and time the parser alone;
//       --parser-model: that parser instead of MODELS_DIR/parser.model, e.g.
//       models/parser-beam.model --beam 8)
//   nlp_train_tool parse MODELS_DIR GOLD.conllu   (re-annotates the gold tokens, CoNLL-U out)
//   nlp_train_tool prune IN.model OUT.model THRESHOLD [LABEL_THRESHOLD]
//       (LABEL_THRESHOLD: for a parser's label classifier, default THRESHOLD)
//   nlp_train_tool clusters --text F [--text F2] --out PATH [--classes C] [--vocabulary V]
//       [--iterations N]
//   nlp_train_tool casing --text F [--text F2] --out PATH [--vocabulary V] [--min-count N]
//       (the entity tagger's casing profile, CountCasing in clusters_train.h; train ner
//       --casing PATH stores it in the model)
#include <cstdlib>
#include <iostream>
#include <string>

#include "nlp/annotator.h"
#include "nlp/clusters_train.h"
#include "nlp/conllu.h"
#include "nlp/model_format.h"
#include "nlp/train.h"

using namespace entente;
using namespace entente::nlp;

namespace {
int Usage() {
  std::cerr << "usage: nlp_train_tool train tagger|lemmatizer|parser|ner|hot --train F --out PATH [options]\n"
               "       | eval DIR GOLD | parse DIR FILE | prune IN OUT THRESHOLD | clusters --text F --out PATH\n";
  return 2;
}
int Fail(const Status& s) {
  std::cerr << "error: " << s.ToString() << "\n";
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  std::string cmd = argv[1];
  if (cmd == "train") {
    TrainOptions o;
    o.log = &std::cerr;
    std::string kind = argv[2];
    for (int i = 3; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--reverse") {  // the flags without a value
        o.reverse = true;
        continue;
      }
      if (a == "--punct-last") {
        o.punct_last = true;
        continue;
      }
      if (i + 1 >= argc) return Usage();
      std::string v = argv[++i];
      if (a == "--train") o.train.push_back(v);
      else if (a == "--dev") o.dev.push_back(v);
      else if (a == "--auto-train") o.auto_train.push_back(v);
      else if (a == "--out") o.out = v;
      else if (a == "--iterations") o.iterations = std::atoi(v.c_str());
      else if (a == "--seed") o.seed = std::strtoull(v.c_str(), nullptr, 10);
      else if (a == "--tagger") o.tagger_model = v;
      else if (a == "--jackknife") o.jackknife_folds = std::atoi(v.c_str());
      else if (a == "--gazetteer") o.gazetteer.push_back(v);
      else if (a == "--clusters") o.clusters = v;
      else if (a == "--casing") o.casing = v;
      else if (a == "--prune") o.prune = std::strtof(v.c_str(), nullptr);
      else if (a == "--label-groups") o.label_groups = std::atoi(v.c_str());
      else if (a == "--beam") o.beam_width = std::atoi(v.c_str());
      else if (a == "--update" && (v == "early" || v == "max-violation"))
        o.max_violation = v == "max-violation";
      else if (a == "--date") o.date = v;
      else if (a == "--data") o.training_data = v;
      else if (a == "--max-sentences") o.max_sentences = std::strtoull(v.c_str(), nullptr, 10);
      else return Usage();
    }
    Status s = RunTrain(kind, o);
    return s.ok() ? 0 : Fail(s);
  }
  if (cmd == "clusters") {
    ClusterOptions o;
    o.log = &std::cerr;
    for (int i = 2; i + 1 < argc; i += 2) {
      std::string a = argv[i], v = argv[i + 1];
      if (a == "--text") o.text.push_back(v);
      else if (a == "--out") o.out = v;
      else if (a == "--classes") o.classes = std::atoi(v.c_str());
      else if (a == "--vocabulary") o.vocabulary = std::atoi(v.c_str());
      else if (a == "--iterations") o.iterations = std::atoi(v.c_str());
      else return Usage();
    }
    if (argc % 2 != 0) return Usage();
    Status s = InduceClusters(o);
    return s.ok() ? 0 : Fail(s);
  }
  if (cmd == "casing") {
    CasingOptions o;
    o.log = &std::cerr;
    for (int i = 2; i + 1 < argc; i += 2) {
      std::string a = argv[i], v = argv[i + 1];
      if (a == "--text") o.text.push_back(v);
      else if (a == "--out") o.out = v;
      else if (a == "--vocabulary") o.vocabulary = std::atoi(v.c_str());
      else if (a == "--min-count") o.min_count = std::atoi(v.c_str());
      else return Usage();
    }
    if (argc % 2 != 0) return Usage();
    Status s = CountCasing(o);
    return s.ok() ? 0 : Fail(s);
  }
  if (cmd == "prune" && (argc == 5 || argc == 6)) {  // prune IN OUT THRESHOLD [LABEL_T]
    Status s = PruneModel(argv[2], argv[3], std::strtof(argv[4], nullptr),
                          argc == 6 ? std::strtof(argv[5], nullptr) : -1.0f);
    return s.ok() ? 0 : Fail(s);
  }
  if (argc < 4) return Usage();
  if (cmd == "eval") {
    size_t max = 0;
    int beam = 0;
    std::string parser_model;
    for (int i = 4; i < argc; i += 2) {
      std::string a = argv[i];
      if (i + 1 >= argc) return Usage();
      if (a == "--max-sentences") max = std::strtoull(argv[i + 1], nullptr, 10);
      else if (a == "--beam") beam = std::atoi(argv[i + 1]);
      else if (a == "--parser-model") parser_model = argv[i + 1];
      else return Usage();
    }
    std::unique_ptr<Annotator> ann;
    if (parser_model.empty()) {
      auto a = Annotator::Load(argv[2]);
      if (!a.ok()) return Fail(a.status());
      ann = std::move(a.value());
    } else {  // the folder's other models with this parser
      ModelBytes bytes;
      const std::string dir = argv[2];
      for (auto [file, out] : {std::pair{Annotator::kTaggerFile, &bytes.tagger},
                               {Annotator::kLemmatizerFile, &bytes.lemmatizer},
                               {Annotator::kNerFile, &bytes.ner}}) {
        auto b = ReadFileBytes(dir + "/" + file);
        if (!b.ok()) return Fail(b.status());
        *out = std::move(b.value());
      }
      auto b = ReadFileBytes(parser_model);
      if (!b.ok()) return Fail(b.status());
      bytes.parser = std::move(b.value());
      auto a = Annotator::LoadFromBytes(bytes, dir);
      if (!a.ok()) return Fail(a.status());
      ann = std::move(a.value());
    }
    auto sc = EvaluateConllu(*ann, argv[3], max, beam);
    if (!sc.ok()) return Fail(sc.status());
    std::cout << FormatScores(sc.value());
    return 0;
  }
  auto ann = Annotator::Load(argv[2]);
  if (!ann.ok()) return Fail(ann.status());
  if (cmd == "parse") {
    auto sents = ReadConlluFile(argv[3]);
    if (!sents.ok()) return Fail(sents.status());
    Document doc = SentencesToDocument(sents.value());
    Status s = ann.value()->Annotate(&doc);
    if (!s.ok()) return Fail(s);
    s = WriteConllu(doc, std::cout);
    return s.ok() ? 0 : Fail(s);
  }
  return Usage();
}
