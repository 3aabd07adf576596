#include "coder/prefilter.h"

#include <memory>

namespace entente::coder {

namespace {

// Records the sentences where `inner` matches a pattern, and matches nothing itself.
class RecordingFinder : public ArgumentFinder {
 public:
  RecordingFinder(const ArgumentFinder& inner, std::vector<bool>* hit)
      : inner_(inner), hit_(*hit) {}
  bool MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor,
                    PatternMatch* out) const override {
    const size_t si = static_cast<size_t>(s.index);
    if (si < hit_.size() && !hit_[si]) {
      PatternMatch m;
      if (inner_.MatchPattern(s, pattern, anchor, &m)) hit_[si] = true;
    }
    return false;
  }
  SourceFinding FindSource(const SentenceView& s, const PatternMatch& m,
                           const std::vector<PatternMatch>& earlier) const override {
    return inner_.FindSource(s, m, earlier);  // never reached: no match is accepted
  }

 private:
  const ArgumentFinder& inner_;
  std::vector<bool>& hit_;
};

}  // namespace

std::vector<bool> SentencesNeedingSyntax(const CoderKnowledge& k, const Document& doc) {
  static const std::unique_ptr<ArgumentFinder> window = NewWindowArgumentFinder();
  std::vector<bool> hit(doc.sentences.size(), false);
  RecordingFinder recorder(*window, &hit);
  std::vector<Event> none;
  DocumentCoder(k, recorder).Code(doc, &none);
  return hit;
}

LazySyntaxFinder::LazySyntaxFinder(const ArgumentFinder& window, const ArgumentFinder& dependency,
                                   size_t sentences, std::function<Status(size_t)> complete)
    : window_(window),
      dependency_(dependency),
      complete_(std::move(complete)),
      completed_(sentences, false) {}

bool LazySyntaxFinder::MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor,
                                    PatternMatch* out) const {
  const size_t si = static_cast<size_t>(s.index);
  if (si >= completed_.size()) return dependency_.MatchPattern(s, pattern, anchor, out);
  if (!completed_[si]) {
    // The dependency finder starts with this same window match: without it, no match either way.
    PatternMatch m;
    if (!window_.MatchPattern(s, pattern, anchor, &m)) return false;
    completed_[si] = true;
    trigger_sentence_ = s.index;
    trigger_anchor_ = anchor;
    if (Status st = complete_(si); !st.ok()) {
      if (status_.ok()) status_ = st;
      return false;
    }
  }
  if (s.index == trigger_sentence_ && anchor == trigger_anchor_ &&
      ParseSkipsPattern(s, pattern, anchor))
    return false;
  return dependency_.MatchPattern(s, pattern, anchor, out);
}

SourceFinding LazySyntaxFinder::FindSource(const SentenceView& s, const PatternMatch& m,
                                           const std::vector<PatternMatch>& earlier) const {
  return dependency_.FindSource(s, m, earlier);  // m was matched: its sentence is complete
}

}  // namespace entente::coder
