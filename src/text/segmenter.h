// Sentence segmentation and tokenization (the text stage). SegmentDocument itself is declared
// in include/entente/pipeline.h; this header adds what later stages may want to know about it.
#ifndef ENTENTE_TEXT_SEGMENTER_H_
#define ENTENTE_TEXT_SEGMENTER_H_

#include <cstdint>
#include <optional>

#include "entente/document.h"

namespace entente::text {

// A sentence longer than this many tokens is cut into consecutive sentences of at most this
// many tokens (so a 10,000-token "sentence", e.g. a table flattened to one line, cannot make
// later quadratic stages blow up).
inline constexpr uint32_t kMaxSentenceTokens = 1000;

// The dateline at the start of a news story ("BEIJING (Reuters) -", "SEOUL, Sept. 3 (Yonhap)
// --", "KYIV, Ukraine (AP) —", "WASHINGTON —"), searched at the first line starts of the text.
// Returns the span of the place word(s) ("BEIJING", "NEW YORK"), or nullopt when there is none.
// SegmentDocument makes the whole dateline (place through dash) a sentence of its own, so it is
// never glued to the first sentence, and a day it names within two days of doc.date becomes
// doc.date (the story's day; see segmenter.cc). Uses doc.tokens when present, else tokenizes a
// copy.
std::optional<Span> FindDateline(const Document& doc);

}  // namespace entente::text

#endif  // ENTENTE_TEXT_SEGMENTER_H_
