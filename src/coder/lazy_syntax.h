// Syntax only where the coder reads it (PipelineOptions::annotate_all = false).
//
// In syntax mode the coder reads a sentence's parse (Token::upos, deprel, head) only while it
// codes that sentence's pattern matches: ParseSkipsPattern (coder.h), which can only remove
// candidates, and the dependency argument finder, whose MatchPattern first requires the window
// finder's MatchPattern to succeed on the same pattern and anchor and then only refines the
// match. It reads no other sentence's parse. Document context (dateline, dominant state, people
// named earlier, speaker, last place, discards) comes from token text, actor mentions and lemmas;
// the one reader of entity tags, DocumentCoder's rule for state names inside a person's name,
// has the sentences it reads entity-tagged itself (DocumentCoder's tag_entities), so the tags it
// sees are those of full annotation.
//
// So LazySyntaxFinder wraps the dependency finder and, the first time the window finder matches
// a pattern in a sentence, has that sentence parsed before answering. Before
// that point nothing in the sentence matched, so its missing parse changed nothing. The call
// that triggers the parse passed the coder's ParseSkipsPattern check on unparsed tokens, so the
// finder repeats that check once the parse exists; every later call is checked by the coder
// with the parse. The events equal those of annotating every sentence (lazy_syntax_test.cc).
#ifndef ENTENTE_CODER_LAZY_SYNTAX_H_
#define ENTENTE_CODER_LAZY_SYNTAX_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "entente/status.h"

namespace entente::coder {

// An ArgumentFinder for one document coded in syntax mode with sentences completed on demand
// (see above). `complete(i)` must fill the parse of sentence i of the document
// being coded (the one the SentenceViews point to) and is called at most once per sentence.
// `window` and `dependency` must outlive it. Not thread-safe: one per document being coded.
class LazySyntaxFinder : public ArgumentFinder {
 public:
  LazySyntaxFinder(const ArgumentFinder& window, const ArgumentFinder& dependency, size_t sentences,
                   std::function<Status(size_t)> complete);
  bool MatchPattern(const SentenceView& s, const Pattern& pattern, int anchor,
                    PatternMatch* out) const override;
  SourceFinding FindSource(const SentenceView& s, const PatternMatch& m,
                           const std::vector<PatternMatch>& earlier) const override;
  // The first error `complete` returned (the events are then incomplete), else OK.
  const Status& status() const { return status_; }
  // Which sentences were completed.
  const std::vector<bool>& completed() const { return completed_; }

 private:
  const ArgumentFinder& window_;
  const ArgumentFinder& dependency_;
  std::function<Status(size_t)> complete_;
  mutable std::vector<bool> completed_;
  mutable Status status_;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_LAZY_SYNTAX_H_
