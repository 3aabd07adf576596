// The KnowledgeBase implementation, shared by the pipeline (which needs the coder's tables).
#ifndef ENTENTE_CODER_KNOWLEDGE_IMPL_H_
#define ENTENTE_CODER_KNOWLEDGE_IMPL_H_

#include <memory>

#include "coder/coder.h"
#include "entente/knowledge.h"

namespace entente::coder {

class KnowledgeBaseImpl : public KnowledgeBase {
 public:
  explicit KnowledgeBaseImpl(std::unique_ptr<CoderKnowledge> k) : k_(std::move(k)) {}
  ActorResolution Resolve(std::string_view phrase, const std::optional<Date>& date) const override;
  const CameoCode* Cameo(std::string_view code) const override { return k_->ontology.Find(code); }
  std::vector<std::pair<std::string, int64_t>> Counts() const override;
  const CoderKnowledge& coder_knowledge() const { return *k_; }

 private:
  std::unique_ptr<CoderKnowledge> k_;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_KNOWLEDGE_IMPL_H_
