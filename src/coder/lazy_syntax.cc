#include "coder/lazy_syntax.h"

#include <utility>

namespace entente::coder {

LazySyntaxFinder::LazySyntaxFinder(const ArgumentFinder& window, const ArgumentFinder& dependency,
                                   size_t sentences, std::function<Status(size_t)> complete)
    : window_(window),
      dependency_(dependency),
      complete_(std::move(complete)),
      completed_(sentences, false) {}

bool LazySyntaxFinder::MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor,
                                    PatternMatch* out) const {
  const size_t si = static_cast<size_t>(s.index);
  if (si < completed_.size() && !completed_[si]) {
    // The dependency finder starts with this same window match: without it, no match either way.
    PatternMatch m;
    if (!window_.MatchPattern(s, pattern, anchor, &m)) return false;
    completed_[si] = true;
    if (Status st = complete_(si); !st.ok()) {
      if (status_.ok()) status_ = st;
      return false;
    }
    // The coder checked this call before the parse existed.
    if (ParseSkipsPattern(s, pattern, anchor)) return false;
  }
  return dependency_.MatchPattern(s, pattern, anchor, out);
}

SourceFinding LazySyntaxFinder::FindSource(const SentenceView& s, const PatternMatch& m,
                                           const std::vector<PatternMatch>& earlier) const {
  return dependency_.FindSource(s, m, earlier);  // m was matched: its sentence is complete
}

}  // namespace entente::coder
