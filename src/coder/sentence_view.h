// A sentence prepared for coding: per-token lower-case forms and lemmas, actor mentions (from
// actors::ActorIndex), gazetteer places and cue positions, all indexed by token position within
// the sentence (0 .. size()-1). Built once per sentence by the coder; read by the argument
// finder. Plain data; not thread-shared.
#ifndef ENTENTE_CODER_SENTENCE_VIEW_H_
#define ENTENTE_CODER_SENTENCE_VIEW_H_

#include <string>
#include <string_view>
#include <vector>

#include "actors/actor_index.h"
#include "coder/dates.h"
#include "coder/patterns.h"
#include "entente/document.h"

namespace entente::coder {

struct SentenceView {
  const Document* doc = nullptr;
  int index = 0;  // sentence index in the document
  const Sentence* sentence = nullptr;
  std::vector<std::string> lower;  // LowerWord of each token
  std::vector<std::string> lemma;  // lemma (nlp's when present, else ours)
  std::vector<uint8_t> flags;      // Token::flags
  std::vector<bool> is_number;
  std::vector<bool> boundary;  // IsBoundary of each token, found once (IsBoundaryWord)

  struct MentionAt {
    int first = 0, end = 0;  // token range within the sentence
  };
  std::vector<actors::ActorMention> mentions;
  std::vector<MentionAt> mention_range;
  std::vector<int> mention_at;  // token -> mention index, or -1

  // Hyphenated pairs of actors ("Bush-Putin", "Sino-Japanese", "U.S.-North Korean") before a
  // word that anchors a PAIR pattern. Each half is a mention of its own, appended after all
  // other mentions; both cover the pair's tokens but neither is in mention_at (the pair names
  // its actors only to a PAIR slot).
  struct PairHit {
    int first = 0, end = 0;  // token range of the pair within the sentence
    int a = -1, b = -1;      // mention indices of the first and second half
  };
  std::vector<PairHit> pairs;
  std::vector<int> pair_at;  // token -> index into pairs, or -1

  struct PlaceHit {
    int first = 0, end = 0;
    int place = -1;    // index into Lexicon::place_list, or -1 for a capital known only to actors
    int mention = -1;  // the actor mention covering the same words, if any
  };
  std::vector<PlaceHit> places;
  std::vector<int> place_at;  // token -> index into places, or -1

  std::vector<int> speech_end;  // token -> end of a speech cue starting here, or -1

  std::vector<DateExpression> dates;  // FindDateExpressions over the sentence, once
  std::vector<int> date_end;          // token -> end of a date expression starting here, or -1

  bool discarded = false;

  int size() const { return static_cast<int>(lower.size()); }
  Span TokenSpan(int first, int end) const;  // document bytes of tokens [first, end)
  // True when the token is clause punctuation (IsBoundaryWord).
  bool IsBoundary(int i) const { return boundary[i]; }
  // '.', ';', ':', '!', '?', '(', ')', "--" and the em dash.
  static bool IsBoundaryWord(std::string_view lower);
  // True for "in", "at", "near", ... (a place after it is a location).
  bool IsLocativePreposition(int i) const;
  // True when places[ph] is a state named alone ("in Malta"): a country-level place that is
  // also an actor mention (the argument finder fills TGT/DEST slots with the mention).
  bool IsCountryPlace(int ph) const {
    return places[ph].place < 0 && places[ph].mention >= 0 &&
           mentions[places[ph].mention].kind == actors::ActorMention::Kind::kState;
  }
  // True for a number ("23", "4,000") or a count word ("one" ... "fifty", "hundreds", "dozens",
  // "millions").
  bool IsCount(int i) const;
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_SENTENCE_VIEW_H_
