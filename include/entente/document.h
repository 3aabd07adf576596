// Document, sentences and tokens. Every span is a byte range into Document::text, so every
// later result (actor, verb, event) can point back at the exact words that produced it.
#ifndef ENTENTE_DOCUMENT_H_
#define ENTENTE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/date.h"

namespace entente {

// Half-open byte range [begin, end) into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const Span&) const = default;
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

struct Token {
  Span span;
  TokenKind kind = TokenKind::kWord;
  // Bit flags describing the surface form.
  enum Flags : uint8_t {
    kCapitalized = 1,   // first letter upper case
    kAllCaps = 2,       // every letter upper case (and at least one letter)
    kSpaceBefore = 4,   // preceded by white space (or starts the text)
    kAbbreviation = 8,  // ends in a period that belongs to the token ("U.S.", "Jan.")
  };
  uint8_t flags = 0;

  // Annotations filled by the nlp stage; empty (or -1) until it runs.
  std::string lemma;
  std::string upos;    // Universal POS tag
  std::string xpos;    // Penn Treebank tag
  int32_t head = -1;   // index of the head token within the sentence; -1 for the root/none
  std::string deprel;  // Universal Dependencies relation
  std::string ner;     // BIO entity tag, e.g. "B-PER", "I-ORG", "O"
};

struct Sentence {
  Span span;                 // bytes of the sentence in Document::text
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
  uint32_t size() const { return end_token - first_token; }
};

struct Document {
  std::string id;     // the input's own id (JSON "id"), else "<file name>[#n]"
  std::string hash;   // content hash of title and text (hex); the store's key
  std::string title;
  std::string source;
  std::string url;
  // Who speaks in the first person throughout the text, when known (a UN General Debate
  // speech, a statement): an actor code such as "FRA" or "IGOUNO". "We", "our country", "my
  // government" with no nearer antecedent resolve to it. Empty = unknown.
  std::string speaker;
  std::string path;   // where it was read from ("-" for stdin)
  std::optional<Date> date;  // publication date; nullopt when unknown
  std::string text;   // body, valid UTF-8 (invalid bytes repaired to U+FFFD)

  // Filled by segmentation and tokenization.
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;

  std::string_view Text(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  std::string_view TokenText(size_t i) const { return Text(tokens[i].span); }
};

// Hex content hash used to recognise a document read twice (stable across versions).
std::string ContentHash(std::string_view title, std::string_view text);

}  // namespace entente

#endif  // ENTENTE_DOCUMENT_H_
