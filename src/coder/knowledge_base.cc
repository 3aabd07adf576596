// KnowledgeBase::Load and CheckKnowledge: our own data/ files (ontology, actors, verb patterns,
// word lists, gazetteer). TABARI/PETRARCH dictionaries (--dict) are a separate issue and
// answered with Status::Unsupported for now.
#include <memory>

#include "actors/actor_index.h"
#include "actors/record_reader.h"
#include "coder/knowledge_impl.h"
#include "entente/knowledge.h"
#include "entente/pipeline.h"

namespace entente {

namespace coder {

ActorResolution KnowledgeBaseImpl::Resolve(std::string_view phrase, const std::optional<Date>& date) const {
  if (k_->actors) return k_->actors->Resolve(phrase, date);
  ActorResolution r;
  r.explanation.push_back("no actor index loaded");
  return r;
}

std::vector<std::pair<std::string, int64_t>> KnowledgeBaseImpl::Counts() const {
  std::vector<std::pair<std::string, int64_t>> out;
  if (k_->actors) out = k_->actors->Counts();
  out.emplace_back("cameo codes", k_->ontology.size());
  out.emplace_back("plover categories", k_->ontology.plover_size());
  out.emplace_back("patterns", k_->patterns.size());
  out.emplace_back("pattern anchors", k_->patterns.anchors());
  out.emplace_back("irregular forms", k_->lemmatizer.irregular_count());
  out.emplace_back("modality cues", k_->lexicon.cues.size());
  out.emplace_back("discard phrases", k_->lexicon.discards.size());
  out.emplace_back("date words", k_->lexicon.dates.size());
  out.emplace_back("places", k_->lexicon.place_list.size());
  return out;
}

}  // namespace coder

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Load(const KnowledgeOptions& options,
                                                           const DiagnosticSink& sink) {
  if (!options.dicts.empty())
    return Status::Unsupported("TABARI/PETRARCH dictionaries (--dict " + options.dicts.front() +
                               ") are not supported yet");
  if (!options.own_knowledge)
    return Status::Unsupported("coding without our own knowledge needs --dict, which is not supported yet");
  std::string root = options.root.empty() ? FindResourceRoot() : options.root;
  auto k = coder::CoderKnowledge::Load(root, /*with_actors=*/true, sink, nullptr);
  if (!k.ok()) return k.status();
  return std::unique_ptr<KnowledgeBase>(new coder::KnowledgeBaseImpl(std::move(k).value()));
}

int CheckKnowledge(const KnowledgeOptions& options, const DiagnosticSink& sink) {
  std::string root = options.root.empty() ? FindResourceRoot() : options.root;
  int errors = 0;
  DiagnosticSink counting = [&](const Diagnostic& d) {
    if (d.level == Diagnostic::Level::kError) ++errors;
    if (sink) sink(d);
  };
  auto k = coder::CoderKnowledge::Load(root, /*with_actors=*/false, counting, nullptr);
  if (!k.ok()) {
    Diagnostic d;
    d.level = Diagnostic::Level::kError;
    d.file = root;
    d.message = k.status().message();
    counting(d);
  }
  int before = errors;
  int actor_errors = actors::CheckActorFiles(root, sink);
  // CheckActorFiles reports through `sink` (not `counting`) and returns its own count.
  errors = before + actor_errors;
  if (!options.dicts.empty()) {
    Diagnostic d;
    d.level = Diagnostic::Level::kWarning;
    d.file = options.dicts.front();
    d.message = "TABARI/PETRARCH dictionaries are not checked yet (unsupported)";
    if (sink) sink(d);
  }
  return errors;
}

}  // namespace entente
