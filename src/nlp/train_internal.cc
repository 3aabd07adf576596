// Helpers shared by the nlp trainers (train_internal.h).
#include "nlp/train_internal.h"

#include <ctime>
#include <filesystem>
#include <set>

#include "nlp/conllu.h"

namespace entente::nlp::train_internal {

std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

ModelHeader MakeHeader(const TrainOptions& o, ModelKind kind, uint64_t fingerprint) {
  ModelHeader h;
  h.kind = kind;
  h.fingerprint = fingerprint;
  h.date = o.date.empty() ? Today() : o.date;
  if (!o.training_data.empty()) {
    h.training_data = o.training_data;
  } else {
    for (const std::string& p : o.train) {
      if (!h.training_data.empty()) h.training_data += ", ";
      h.training_data += std::filesystem::path(p).filename().string();
    }
    for (const std::string& p : o.auto_train)
      h.training_data += ", auto " + std::filesystem::path(p).filename().string();
  }
  return h;
}

Result<std::vector<ConlluSentence>> ReadAllConllu(const std::vector<std::string>& paths,
                                                  size_t max_sentences) {
  std::vector<ConlluSentence> all;
  for (const std::string& p : paths) {
    auto r = ReadConlluFile(p);
    if (!r.ok()) return r.status();
    for (ConlluSentence& s : r.value()) all.push_back(std::move(s));
  }
  if (max_sentences > 0 && all.size() > max_sentences) all.resize(max_sentences);
  return all;
}

std::vector<WordAtoms> AtomsOf(const std::vector<std::string>& words) {
  std::vector<WordAtoms> a;
  a.reserve(words.size());
  for (const std::string& w : words) a.push_back(ComputeAtoms(w));
  return a;
}

std::vector<std::string> FormsOf(const ConlluSentence& s) {
  std::vector<std::string> f;
  for (const ConlluWord& w : s.words) f.push_back(w.form);
  return f;
}

Status CheckOptions(const TrainOptions& o) {
  if (o.train.empty()) return Status::InvalidArgument("train: no training files given (--train)");
  if (o.out.empty()) return Status::InvalidArgument("train: no output path given (--out)");
  if (o.iterations < 1 || o.iterations > 100)
    return Status::InvalidArgument("train: iterations must be within 1..100");
  return Status::OK();
}

Result<std::unique_ptr<Tagger>> LoadTaggerFile(const std::string& path) {
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  return Tagger::Load(bytes.value(), path);
}

// ---------------------------------------------------------------------------------------------
// Entities



std::vector<Span3> Entities(const std::vector<std::string>& tags) {
  std::vector<Span3> out;
  for (int i = 0; i < static_cast<int>(tags.size()); ++i) {
    const std::string& t = tags[i];
    if (t.size() < 3) continue;
    std::string type = t.substr(2);
    bool begins = t[0] == 'B' || i == 0 || tags[i - 1].size() < 3 || tags[i - 1].substr(2) != type;
    if (begins) out.push_back({i, i, type});
    else out.back().end = i;
  }
  return out;
}

void CountEntities(const std::vector<std::string>& gold, const std::vector<std::string>& pred,
                   NlpScores* s) {
  std::vector<Span3> g = Entities(gold), p = Entities(pred);
  std::set<Span3> gs(g.begin(), g.end());
  s->gold_entities += static_cast<int64_t>(g.size());
  s->predicted_entities += static_cast<int64_t>(p.size());
  for (const Span3& x : p) s->correct_entities += gs.count(x);
}

void FinishEntityScores(NlpScores* s) {
  s->has_entities = true;
  s->precision = s->predicted_entities ? static_cast<double>(s->correct_entities) / s->predicted_entities : 0;
  s->recall = s->gold_entities ? static_cast<double>(s->correct_entities) / s->gold_entities : 0;
  s->f1 = s->precision + s->recall > 0 ? 2 * s->precision * s->recall / (s->precision + s->recall) : 0;
}

}  // namespace entente::nlp::train_internal
