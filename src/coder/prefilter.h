// Which sentences need syntax (PipelineOptions::annotate_all = false).
//
// In syntax mode the coder reads a sentence's parse (Token::upos, deprel, head) only while it
// codes that sentence's pattern matches: to skip verb patterns on parsed nouns (coder.cc, step
// 3, which can only remove candidates) and in the dependency argument finder, whose
// MatchPattern first requires the window finder's MatchPattern to succeed on the same pattern
// and anchor and then only refines the match. It reads no other sentence's parse, and nothing
// reads the entity tags: document context (dateline, dominant state, people named earlier,
// speaker, last place, discards) comes from token text, actor mentions and lemmas.
//
// So a sentence can yield an event only if the window finder matches some pattern anchored on
// one of its words. SentencesNeedingSyntax finds those sentences by running the coder itself
// over the lemmatized but unparsed document with an argument finder that records every
// successful window match and then reports failure: no match is ever accepted, so no token is
// consumed and every (word, pattern) pair the real run could try is tried (a superset: the
// parse-based noun pruning is absent). Sentences with no recorded match code the same events,
// none, with or without their parse, and leave the same document state behind.
//
// LazySyntaxFinder does the same selection inside the one real coding pass, so the document is
// coded once instead of twice: it wraps the dependency finder and, the first time the window
// finder matches a pattern in a sentence, has that sentence parsed (and entity-tagged) before
// answering. Before that point nothing in the sentence matched, so its missing parse changed
// nothing: the parse only removes candidates (coder.cc step 3) that then fail anyway. At the
// triggering word itself the coder has already decided which patterns to try from the
// unparsed tokens, so the finder applies the parse-based rule of step 3 (ParseSkipsPattern) to
// the rest of that word's calls; every later word is pruned by the coder with the parse. The
// parsed sentences are a subset of SentencesNeedingSyntax's (words inside accepted matches are
// not tried).
#ifndef ENTENTE_CODER_PREFILTER_H_
#define ENTENTE_CODER_PREFILTER_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "coder/argument_finder.h"
#include "coder/coder.h"
#include "entente/document.h"

namespace entente::coder {

// One flag per sentence of `doc`: true when some pattern of k.patterns (verbs.txt and any --dict
// patterns) matches in that sentence under the window finder (see above). `doc` must be
// segmented and carry the lemmas the real run will see (the nlp lemmas in syntax mode); its
// parse is not read. Const and thread-safe.
std::vector<bool> SentencesNeedingSyntax(const CoderKnowledge& k, const Document& doc);

// An ArgumentFinder for one document coded in syntax mode with sentences completed on demand
// (see above). `complete(i)` must fill the parse and entity tags of sentence i of the document
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
  mutable int trigger_sentence_ = -1, trigger_anchor_ = -1;  // where the last completion happened
  mutable Status status_;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_PREFILTER_H_
