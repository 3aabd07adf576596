// Readers for the entity-tagger training and test corpora, mapping each scheme onto
// PER/ORG/LOC in BIO (training library only).
#ifndef ENTENTE_NLP_NER_DATA_H_
#define ENTENTE_NLP_NER_DATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"
#include "nlp/ner.h"

namespace entente::nlp {

// Tag of a word whose entity label is not known (inside a name of another kind in a corpus that
// does not mark names nested in it); the trainer makes no update there.
inline constexpr std::string_view kNerUnknown = "?";

struct NerSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // "O", "B-PER", "I-LOC", ..., or kNerUnknown
};

// Maps a CrossNER type ("politician", "country", ...) to PER/ORG/LOC, kNerUnknown for names
// of other kinds that may contain one (election, event), or "" for none (misc: nationality
// adjectives and the like).
std::string_view MapCrossNerType(std::string_view type);

// Reads by file name: *.iob2 (UNER: ID FORM TAG ...), *.conllu (GUM Entity= annotations:
// person/organization/place spans narrowed to their proper-noun run), *.entities (below),
// otherwise "token TAB tag" lines with blank lines between sentences (CrossNER). Tags are
// repaired to valid BIO. Errors name file:line.
Result<std::vector<NerSentence>> ReadNerFile(const std::string& path);

// An entity annotation kept apart from the text it annotates (data/ner/*.entities): a header
// line "# text = PATH" names the text (a relative PATH is taken from the directory of the
// .entities file): a CoNLL-U file, whose SENT_IDs are its sent_id comments, or a "token TAB
// tag" file (tags ignored), whose SENT_IDs are sentence ordinals from 1. Then one line per
// entity "SENT_ID TAB START TAB END TAB TYPE" (1-based inclusive word numbers, multiword tokens
// and empty nodes not counted; TYPE PER/ORG/LOC) or "SENT_ID TAB -" for a sentence annotated as
// having none. A later "# text = PATH" line starts a new section: the lines after it refer to
// that text. Only the sentences listed are returned, section by section, each in its text's
// order. Errors name file:line: an unknown sentence id (at its section's header), a range
// outside the sentence, overlapping entities, a missing text file, an entity line before any
// header.
Result<std::vector<NerSentence>> ReadEntitySpans(const std::string& path);

// Adds the names of a knowledge-base file to `names`. Two formats, told apart by content:
// records ("[kind ID]" then "key = value | value" lines: data/actors/*.txt and people/*.txt)
// and pipe tables ("name | country | lat | lon | kind | aliases": data/gazetteer/places.txt);
// a file named *.names is a plain list instead, one "TYPE TAB NAME" line per name with TYPE
// PER, ORG or LOC (data/ner/countryinfo.names).
// Record kinds: state (name, formal, alias, historical, capital -> LOC; metonym -> ORG;
// adjective, demonym -> demonym), igo/ngo/party/group/body (name, alias -> ORG), person (name,
// alias, short -> PER), agent (noun, title -> title). A value's " : " suffix (a metonym's sector
// code, a title's post: "Kremlin : GOV", "president : head_of_state") is not part of the name.
// '#' starts a comment. Errors name file:line.
Status ReadNameFile(const std::string& path, NameList* names);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_NER_DATA_H_
