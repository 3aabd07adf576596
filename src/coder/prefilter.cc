#include "coder/prefilter.h"

#include <memory>

namespace entente::coder {

namespace {

// Records the sentences where `inner` matches a pattern, and matches nothing itself.
class RecordingFinder : public ArgumentFinder {
 public:
  RecordingFinder(const ArgumentFinder& inner, std::vector<bool>* hit) : inner_(inner), hit_(*hit) {}
  bool MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor, PatternMatch* out) const override {
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

}  // namespace entente::coder
