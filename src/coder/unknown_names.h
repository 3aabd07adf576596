// Names the knowledge base does not know yet, found with the entity tagger's tags.
#ifndef ENTENTE_CODER_UNKNOWN_NAMES_H_
#define ENTENTE_CODER_UNKNOWN_NAMES_H_

#include <vector>

#include "coder/coder.h"
#include "entente/document.h"
#include "entente/pipeline.h"

namespace entente::coder {

// The PER, ORG and LOC entities of `doc` (Token::ner, BIO tags) that the knowledge base does not
// cover. An entity is covered when one actor mention (actors/actor_index.h: states, capitals,
// people, organisations, agents; found as the coder finds them, with the document's context)
// spans all its words, when a person or organisation mention overlaps it (a known name the
// tagger cut differently), or, for LOC, when a gazetteer place spans it. A state inside an
// organisation's name does not cover it ("Bank of China"). A leading "the" and a trailing
// possessive are not part of the name; an entity without a capitalised word, or made only of
// months, weekdays and compass points, is no name. A one-word person named in full earlier in
// the document ("Kirby" after "John Kirby") is given that full name as its `text`.
// Sentences whose tokens carry no entity tags give none.
std::vector<UnknownName> FindUnknownNames(const CoderKnowledge& k, const Document& doc);

}  // namespace entente::coder

#endif  // ENTENTE_CODER_UNKNOWN_NAMES_H_
