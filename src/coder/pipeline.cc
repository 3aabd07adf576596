// Pipeline::Open and Process: segmentation (src/text), then the coder. Fast mode uses the
// window argument finder. The trained tagger/parser (src/nlp Annotator) is not wired yet: its
// header is not in the tree; TODO(coder): when `!fast` and models/ has models, annotate the
// document and use a dependency-based ArgumentFinder (see coder/argument_finder.h).
#include <memory>

#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "coder/knowledge_impl.h"
#include "entente/pipeline.h"

namespace entente {

namespace {

class PipelineImpl : public Pipeline {
 public:
  PipelineImpl(std::unique_ptr<KnowledgeBase> kb, std::unique_ptr<coder::ArgumentFinder> finder)
      : kb_(std::move(kb)),
        finder_(std::move(finder)),
        coder_(static_cast<const coder::KnowledgeBaseImpl&>(*kb_).coder_knowledge(), *finder_) {}

  Status Process(Document* doc, std::vector<Event>* events) const override {
    if (!doc || !events) return Status::InvalidArgument("Process: null document or event list");
    if (doc->sentences.empty()) SegmentDocument(doc);
    if (doc->hash.empty()) doc->hash = ContentHash(doc->title, doc->text);
    coder_.Code(*doc, events);
    return Status::OK();
  }
  const KnowledgeBase& knowledge() const override { return *kb_; }

 private:
  std::unique_ptr<KnowledgeBase> kb_;
  std::unique_ptr<coder::ArgumentFinder> finder_;
  coder::DocumentCoder coder_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  auto kb = KnowledgeBase::Load(options.knowledge, options.sink);
  if (!kb.ok()) return kb.status();
  if (options.use_given_parse)
    return Status::Unsupported("--parse given (PETRARCH parse trees) is not supported yet");
  // TODO(coder): !options.fast with models present -> nlp Annotator + dependency finder.
  return std::unique_ptr<Pipeline>(new PipelineImpl(std::move(kb).value(), coder::NewWindowArgumentFinder()));
}

}  // namespace entente
