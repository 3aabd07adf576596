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
#ifndef ENTENTE_CODER_PREFILTER_H_
#define ENTENTE_CODER_PREFILTER_H_

#include <vector>

#include "coder/coder.h"
#include "entente/document.h"

namespace entente::coder {

// One flag per sentence of `doc`: true when some pattern of k.patterns (verbs.txt and any --dict
// patterns) matches in that sentence under the window finder (see above). `doc` must be
// segmented and carry the lemmas the real run will see (the nlp lemmas in syntax mode); its
// parse is not read. Const and thread-safe.
std::vector<bool> SentencesNeedingSyntax(const CoderKnowledge& k, const Document& doc);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_PREFILTER_H_
