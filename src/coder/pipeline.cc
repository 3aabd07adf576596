// Pipeline::Open and Process: segmentation (src/text), then, unless in fast mode and when
// models/ holds the trained models, the nlp Annotator (tags, lemmas, parse, entities), then the
// coder. Unless PipelineOptions::annotate_all, every sentence is tagged and lemmatized first,
// then the document is coded once with coder::LazySyntaxFinder (coder/lazy_syntax.h), which has a
// sentence parsed when the coder first finds a pattern match in it; the coder has a sentence
// entity-tagged when it reads the tags (DocumentCoder); the other sentences keep lemmas only.
// The coder uses the annotator's lemmas when present; arguments are found by the dependency
// finder (coder/dependency_finder.cc: the window finder's answer corrected by the parse), or by
// the window finder alone in fast mode and without PipelineOptions::parse_roles.
#include "entente/pipeline.h"

#include <filesystem>
#include <memory>

#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "coder/knowledge_impl.h"
#include "coder/lazy_syntax.h"
#include "coder/unknown_names.h"
#include "nlp/annotator.h"

namespace entente {

namespace {

class PipelineImpl : public Pipeline {
 public:
  PipelineImpl(std::unique_ptr<KnowledgeBase> kb, std::unique_ptr<coder::ArgumentFinder> finder,
               std::unique_ptr<nlp::Annotator> annotator, bool annotate_all)
      : kb_(std::move(kb)),
        annotator_(std::move(annotator)),
        annotate_all_(annotate_all),
        finder_(std::move(finder)),
        window_(coder::NewWindowArgumentFinder()),
        coder_(static_cast<const coder::KnowledgeBaseImpl&>(*kb_).coder_knowledge(), *finder_) {}

  Status Process(Document* doc, std::vector<Event>* events) const override {
    if (!doc || !events) return Status::InvalidArgument("Process: null document or event list");
    if (doc->sentences.empty()) SegmentDocument(doc);
    if (doc->hash.empty()) doc->hash = ContentHash(doc->title, doc->text);
    if (annotator_ && !doc->tokens.empty() && doc->tokens[0].upos.empty()) {
      if (!annotate_all_) return ProcessLazily(doc, events);
      if (Status st = annotator_->Annotate(doc); !st.ok()) return st;
    }
    coder_.Code(*doc, events);
    return Status::OK();
  }
  const KnowledgeBase& knowledge() const override { return *kb_; }

  Status FindUnknownNames(Document* doc, std::vector<UnknownName>* names) const override {
    if (!doc || !names) return Status::InvalidArgument("FindUnknownNames: null document or list");
    if (!annotator_)
      return Status::Unsupported("finding unknown names needs the entity tagger (models/), not fast mode");
    if (doc->sentences.empty()) SegmentDocument(doc);
    thread_local nlp::Annotator::TaggedDocument tagged;
    if (Status st = annotator_->TagAndLemmatize(doc, &tagged); !st.ok()) return st;
    for (size_t si = 0; si < doc->sentences.size(); ++si)
      if (Status st = annotator_->TagEntities(doc, &tagged, si); !st.ok()) return st;
    const coder::CoderKnowledge& k =
        static_cast<const coder::KnowledgeBaseImpl&>(*kb_).coder_knowledge();
    std::vector<UnknownName> found = coder::FindUnknownNames(k, *doc);
    names->insert(names->end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return Status::OK();
  }

 private:
  // Tags and lemmatizes `doc`, then codes it once, completing sentences on demand.
  Status ProcessLazily(Document* doc, std::vector<Event>* events) const {
    // Per thread, reused across documents (its buffers keep their capacity).
    thread_local nlp::Annotator::TaggedDocument tagged;
    if (Status st = annotator_->TagAndLemmatize(doc, &tagged); !st.ok()) return st;
    coder::LazySyntaxFinder lazy(*window_, *finder_, doc->sentences.size(), [&](size_t si) {
      return annotator_->ParseSentence(doc, &tagged, si);
    });
    Status entities;  // the first entity-tagging error, if any
    auto tag_entities = [&](size_t si) {
      Status st = annotator_->TagEntities(doc, &tagged, si);
      if (!st.ok() && entities.ok()) entities = st;
      return st;
    };
    const coder::CoderKnowledge& k =
        static_cast<const coder::KnowledgeBaseImpl&>(*kb_).coder_knowledge();
    coder::DocumentCoder(k, lazy, tag_entities).Code(*doc, events);
    return lazy.status().ok() ? entities : lazy.status();
  }

  std::unique_ptr<KnowledgeBase> kb_;
  std::unique_ptr<nlp::Annotator> annotator_;      // null in fast mode or without models
  bool annotate_all_ = false;                      // PipelineOptions::annotate_all
  std::unique_ptr<coder::ArgumentFinder> finder_;  // dependency finder with the annotator
  std::unique_ptr<coder::ArgumentFinder> window_;  // for LazySyntaxFinder
  coder::DocumentCoder coder_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const PipelineOptions& options) {
  auto kb = KnowledgeBase::Load(options.knowledge, options.sink);
  if (!kb.ok()) return kb.status();
  if (options.use_given_parse)
    return Status::Unsupported("--parse given (PETRARCH parse trees) is not supported yet");
  std::unique_ptr<nlp::Annotator> annotator;
  if (!options.fast) {
    std::string root = options.knowledge.root.empty() ? FindResourceRoot() : options.knowledge.root;
    std::string models = root + "/models";
    std::error_code ec;
    if (std::filesystem::exists(models + "/" + nlp::Annotator::kTaggerFile, ec)) {
      nlp::AnnotatorOptions ao;
      ao.accurate = options.accurate;
      auto a = nlp::Annotator::Load(models, ao);
      if (!a.ok()) return a.status();
      annotator = std::move(a).value();
    }
  }
  // Chosen before the call below moves `annotator`: the order in which a call's arguments are
  // evaluated is unspecified, and reading `annotator` beside `std::move(annotator)` once made
  // every pipeline use the window finder.
  std::unique_ptr<coder::ArgumentFinder> finder = annotator && options.parse_roles
                                                      ? coder::NewDependencyArgumentFinder()
                                                      : coder::NewWindowArgumentFinder();
  return std::unique_ptr<Pipeline>(new PipelineImpl(std::move(kb).value(), std::move(finder),
                                                    std::move(annotator), options.annotate_all));
}

}  // namespace entente
