// CoNLL-U reading and writing (https://universaldependencies.org/format.html).
// The reader keeps syntactic words (integer ids) in `words`, records multiword token lines
// ("1-2") in `multiwords` and skips empty nodes ("1.1") after validating them. Malformed input
// is an InvalidArgument error naming file:line.
#ifndef ENTENTE_NLP_CONLLU_H_
#define ENTENTE_NLP_CONLLU_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "entente/document.h"
#include "entente/status.h"

namespace entente::nlp {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats, deprel, deps, misc;
  int head = -1;  // 0-based index of the head word in the sentence; -1 for the root
  bool has_head = true;  // false when the HEAD column is "_"
};

struct ConlluMultiword {
  int first = 0;  // 0-based index of the first word covered
  int last = 0;   // 0-based index of the last word covered (inclusive)
  std::string form;
  std::string misc;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // without the leading "# "
  std::vector<ConlluWord> words;
  std::vector<ConlluMultiword> multiwords;
  int empty_nodes = 0;  // number of "n.m" lines skipped
  int line = 0;         // line number of the sentence's first line (1-based)
};

// Reads every sentence. `name` labels errors ("path:line: reason").
Result<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& name);
Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);

// Builds a Document whose text is each sentence's word forms joined by single spaces, one
// sentence per line; tokens carry byte spans and (gold annotations are *not* copied) empty
// annotations. Used by tests and the evaluator to feed gold tokenisation to the Annotator.
Document SentencesToDocument(const std::vector<ConlluSentence>& sentences);

// Writes the document's annotated sentences as CoNLL-U (ID FORM LEMMA UPOS XPOS FEATS HEAD
// DEPREL DEPS MISC), with "# sent_id" and "# text" comments; MISC carries SpaceAfter=No and
// NER=<tag> for tokens inside entities. Returns an error when the stream fails.
Status WriteConllu(const Document& doc, std::ostream& out);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_CONLLU_H_
