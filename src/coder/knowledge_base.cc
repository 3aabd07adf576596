// KnowledgeBase::Load and CheckKnowledge: our own data/ files (ontology, actors, verb patterns,
// word lists, gazetteer) and TABARI/PETRARCH dictionaries (--dict, coder/dict_import.h).
// Without own knowledge (own_knowledge = false) our verb patterns are left out and the verb
// patterns come only from the dictionaries; the ontology and word lists are still ours. Actor
// and agent dictionaries are matched by the actor index beside our data/actors phrases, or in
// their place when own_actors = false (actors/actor_index.h, ActorIndexOptions).
#include <memory>

#include "actors/actor_index.h"
#include "actors/record_reader.h"
#include "coder/dict_import.h"
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
  if (!options.own_knowledge && options.dicts.empty())
    return Status::InvalidArgument("coding without our own knowledge needs at least one --dict file");
  std::string root = options.root.empty() ? FindResourceRoot() : options.root;
  auto k = coder::CoderKnowledge::Load(root, /*with_actors=*/false, sink, nullptr, options.own_knowledge);
  if (!k.ok()) return k.status();
  actors::DictEntries dict;
  if (!options.dicts.empty()) {
    Status st = coder::ImportDictionaries(options.dicts, k.value().get(), sink, nullptr, &dict);
    if (!st.ok()) return st;
  }
  if (!options.own_actors && dict.empty())
    return Status::InvalidArgument(
        "without our own actors (--no-builtin-actors) at least one --dict actor or agent dictionary with entries is "
        "needed");
  actors::ActorIndexOptions ao;
  ao.builtin_phrases = options.own_actors;
  ao.dict = &dict;
  auto index = actors::ActorIndex::Load(root, sink, ao);
  if (!index.ok()) return index.status();
  k.value()->actors = std::move(index).value();
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
  if (!options.dicts.empty() && k.ok()) {
    actors::DictEntries dict;
    Status st = coder::ImportDictionaries(options.dicts, k.value().get(), counting, nullptr, &dict);
    if (!st.ok()) {
      Diagnostic d;
      d.level = Diagnostic::Level::kError;
      d.file = options.dicts.front();
      d.message = st.message();
      counting(d);
    }
    // What the actor index itself rejects (a phrase without words), without data/actors again.
    actors::ActorIndexOptions ao;
    ao.builtin_phrases = false;
    ao.dict = &dict;
    actors::ActorIndex::LoadFromTexts({}, counting, ao);
  }
  return errors;
}

}  // namespace entente
