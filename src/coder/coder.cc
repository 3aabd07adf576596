// Coding a document (fast mode: dictionary and patterns over token sequences).
//
// 1. Every sentence is prepared once (SentenceView): lower-case forms and lemmas, actor mentions
//    from the ActorIndex (which also tracks people named earlier in the document), gazetteer
//    places, saying verbs. The document's dateline country and its dominant state (the most
//    frequent state among mentions when it has at least three and twice the runner-up) are
//    noted for generic agents ("protesters", "police") whose country the sentence does not say.
// 2. Discards (data/coder/discards.txt): a sentence with a discard phrase is not coded; a whole
//    document is not coded when its title has one, or when at least three sentences and at least
//    a quarter of them have one.
// 3. For each word left to right that is not inside an actor mention or an accepted match, the
//    patterns anchored on its lemma or form are tried (ArgumentFinder::MatchPattern); the match
//    with the most pattern words wins and its tokens are consumed.
// 4. For each match the source comes from the pattern's SRC slot, else the possessor of a
//    nominal event ("Kim's visit"), else ArgumentFinder::FindSource. Passives swap roles.
//    Compounds give one event per actor; a `mutual` pattern with a compound source and no target
//    gives every ordered pair. A visit (042) with no destination goes to the country of the place
//    the sentence (or, failing that, the document so far) names.
// 5. Modality: cues (data/coder/modality.txt) in the event's scope (after the source or the
//    saying verb, at most eight words before the event word); negated > possible > planned.
// 6. Date: the date expression nearest the event word, resolved forward for planned events and
//    backward otherwise; the document date when none.
// 7. Location: the DEST/PLACE slot, else the nearest place after "in/at/near" in the sentence.
// Reported speech yields only the reported event, with why.speaker set; the saying itself is not
// coded as a separate 010 statement (it would double every quoted event and adds no dyad).
#include "coder/coder.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "actors/record_reader.h"
#include "coder/dates.h"
#include "text/segmenter.h"

namespace entente::coder {

namespace {

std::string ReadOrEmpty(const std::string& path, bool* missing) {
  auto r = actors::ReadTextFile(path);
  if (!r.ok()) {
    *missing = true;
    return "";
  }
  *missing = false;
  return std::move(r).value();
}

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string EventId(const std::string& doc_hash, int sentence, Span verb, const std::string& source,
                    const std::string& target, const std::string& cameo) {
  std::string key = doc_hash + "\x1f" + std::to_string(sentence) + "\x1f" + std::to_string(verb.begin) +
                    "-" + std::to_string(verb.end) + "\x1f" + source + "\x1f" + target + "\x1f" + cameo;
  uint64_t a = Fnv(0xcbf29ce484222325ULL, key);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(a));
  return buf;
}

Result<std::unique_ptr<CoderKnowledge>> CoderKnowledge::Load(const std::string& root, bool with_actors,
                                                             const DiagnosticSink& sink, int* errors) {
  auto k = std::make_unique<CoderKnowledge>();
  int err = 0;
  auto path = [&](const std::string& rel) { return root + "/" + rel; };
  bool missing = false;
  struct Required {
    std::string rel;
    std::string text;
  };
  std::vector<Required> files = {{"data/ontology/plover.txt", ""}, {"data/ontology/cameo.txt", ""},
                                 {"data/coder/irregular.txt", ""}, {"data/coder/verbs.txt", ""},
                                 {"data/coder/modality.txt", ""},  {"data/coder/dates.txt", ""},
                                 {"data/coder/discards.txt", ""}};
  for (auto& f : files) {
    f.text = ReadOrEmpty(path(f.rel), &missing);
    if (missing) return Status::NotFound("required knowledge file missing or unreadable: " + path(f.rel));
  }
  err += k->ontology.Load(files[0].text, files[0].rel, files[1].text, files[1].rel, sink);
  err += k->lemmatizer.LoadIrregular(files[2].text, files[2].rel, sink);
  err += k->patterns.Load(files[3].text, files[3].rel, k->ontology, &k->lemmatizer, sink);
  err += k->lexicon.LoadModality(files[4].text, files[4].rel, sink);
  err += k->lexicon.LoadDates(files[5].text, files[5].rel, sink);
  err += k->lexicon.LoadDiscards(files[6].text, files[6].rel, sink);
  if (with_actors) {
    auto a = actors::ActorIndex::Load(root, sink);
    if (!a.ok()) return a.status();
    k->actors = std::move(a).value();
  }
  // The gazetteer is optional (events then have no coordinates); a missing file is a warning.
  std::string places = ReadOrEmpty(path("data/gazetteer/places.txt"), &missing);
  if (missing) {
    actors::ReportWarning(sink, "data/gazetteer/places.txt", 0, "gazetteer missing: events get no coordinates");
  } else {
    std::unordered_map<std::string, bool> states;
    // Known countries: the state records of data/actors/states.txt.
    std::string st = ReadOrEmpty(path("data/actors/states.txt"), &missing);
    if (!missing)
      actors::ParseRecords(st, "data/actors/states.txt", nullptr,
                           [&](actors::Record&& r) { if (r.kind == "state") states[r.id] = true; });
    err += k->lexicon.LoadPlaces(places, "data/gazetteer/places.txt", sink, [&](const std::string& c) {
      return states.empty() || states.count(c) > 0;
    });
  }
  if (errors) *errors = err;
  return k;
}

// ---------------------------------------------------------------- SentenceView

Span SentenceView::TokenSpan(int first, int end) const {
  if (end <= first) return Span{};
  const auto& toks = doc->tokens;
  return Span{toks[sentence->first_token + first].span.begin, toks[sentence->first_token + end - 1].span.end};
}

bool SentenceView::IsBoundary(int i) const {
  const std::string& w = lower[i];
  return w == "." || w == ";" || w == ":" || w == "!" || w == "?" || w == "(" || w == ")" || w == "--" ||
         w == "\xe2\x80\x94";
}

bool SentenceView::IsLocativePreposition(int i) const {
  if (i < 0 || i >= size()) return false;
  const std::string& w = lower[i];
  return w == "in" || w == "at" || w == "near" || w == "outside" || w == "inside" || w == "from" ||
         w == "across" || w == "into" || w == "throughout" || w == "around";
}

namespace {

constexpr int kMaxDateDistance = 10;  // tokens between a date expression and the event words

struct DocState {
  std::optional<Date> date;
  std::string dateline_country;
  std::string dominant_country;
  // Last named source (for "He said ..."), last place named (for "will attend" without one).
  std::optional<ActorRef> last_source;
  std::vector<std::string> last_source_entries;
  std::optional<Location> last_location;
};

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '.' && s.size() > 1)) s.remove_suffix(1);
  return std::string(s);
}

void PrepareTokens(const CoderKnowledge& k, const Document& doc, const Sentence& sent, SentenceView* v) {
  int n = static_cast<int>(sent.size());
  v->lower.resize(n);
  v->lemma.resize(n);
  v->flags.resize(n);
  v->is_number.resize(n);
  for (int i = 0; i < n; ++i) {
    const Token& t = doc.tokens[sent.first_token + i];
    std::string low = LowerWord(doc.Text(t.span));
    // "Sept." -> "sept" (keep "." itself, and initialisms such as "u.s.").
    if (low.size() > 1 && low.back() == '.' && low.find('.') == low.size() - 1) low.pop_back();
    v->flags[i] = t.flags;
    v->is_number[i] = t.kind == TokenKind::kNumber;
    if (!t.lemma.empty()) {
      v->lemma[i] = LowerWord(t.lemma);
    } else if (t.kind == TokenKind::kWord) {
      v->lemma[i] = k.lemmatizer.Lemma(low);
    } else {
      v->lemma[i] = low;
    }
    // "didn't" as one token counts as the negation cue "n't".
    if (low.size() > 3 && low.compare(low.size() - 3, 3, "n't") == 0) v->lemma[i] = "n't";
    v->lower[i] = std::move(low);
  }
  v->mention_at.assign(n, -1);
  v->place_at.assign(n, -1);
  v->speech_end.assign(n, -1);
}

}  // namespace

namespace {

class SentenceCoder {
 public:
  SentenceCoder(const CoderKnowledge& k, const ArgumentFinder& f, DocState* d, const Document& doc)
      : k_(k), finder_(f), ds_(*d), doc_(doc) {}
  void Code(const SentenceView& s, std::vector<Event>* events);

 private:
  ActorRef Actor(const SentenceView& s, int mention, const std::string& sector_override,
                 const std::string& loc_country, std::vector<std::string>* entries, std::string* note) const;
  Modality FindModality(const SentenceView& s, int scope_begin, int anchor, std::string* cue, bool* future) const;
  std::optional<Location> FindLocation(const SentenceView& s, const PatternMatch& m) const;
  Location PlaceLocation(const SentenceView& s, int place_hit) const;

  const CoderKnowledge& k_;
  const ArgumentFinder& finder_;
  DocState& ds_;
  const Document& doc_;
};

Location SentenceCoder::PlaceLocation(const SentenceView& s, int ph) const {
  const auto& hit = s.places[ph];
  Location loc;
  loc.span = s.TokenSpan(hit.first, hit.end);
  if (hit.place >= 0) {
    const Place& p = k_.lexicon.place_list[hit.place];
    loc.name = p.name;
    loc.country = p.country;
    loc.lat = p.lat;
    loc.lon = p.lon;
  } else if (hit.mention >= 0) {
    const ActorRef& a = s.mentions[hit.mention].actor;
    loc.name = std::string(doc_.Text(loc.span));
    loc.country = a.country;
  }
  return loc;
}

std::optional<Location> SentenceCoder::FindLocation(const SentenceView& s, const PatternMatch& m) const {
  if (m.place >= 0) return PlaceLocation(s, m.place);
  int best = -1, best_dist = 1 << 30;
  for (size_t p = 0; p < s.places.size(); ++p) {
    const auto& hit = s.places[p];
    int f = hit.first;
    while (f > 0 && (s.lower[f - 1] == "the")) --f;
    if (!s.IsLocativePreposition(f - 1) || s.lower[f - 1] == "from") continue;
    int dist = hit.first >= m.anchor ? hit.first - m.anchor : m.anchor - hit.end;
    if (dist < best_dist) {
      best_dist = dist;
      best = static_cast<int>(p);
    }
  }
  if (best < 0) return std::nullopt;
  return PlaceLocation(s, best);
}

ActorRef SentenceCoder::Actor(const SentenceView& s, int mention, const std::string& sector_override,
                              const std::string& loc_country, std::vector<std::string>* entries,
                              std::string* note) const {
  const actors::ActorMention& am = s.mentions[mention];
  ActorRef a = am.actor;
  for (const auto& e : am.entries) entries->push_back(e);
  if (!sector_override.empty() && am.kind == actors::ActorMention::Kind::kState) {
    a.sector = sector_override;
    a.code = a.country + sector_override;
  }
  if (a.country.empty() && am.kind == actors::ActorMention::Kind::kAgent) {
    // A generic agent: the country of the place the sentence names, else the dateline's, else
    // the document's dominant state.
    std::string c = loc_country, from = "event location";
    if (c.empty()) c = ds_.dateline_country, from = "dateline";
    if (c.empty()) c = ds_.dominant_country, from = "document's dominant state";
    if (!c.empty()) {
      a.country = c;
      a.code = c + a.sector;
      if (!note->empty()) *note += "; ";
      *note += "country of '" + a.text + "' from the " + from;
    }
  }
  return a;
}

Modality SentenceCoder::FindModality(const SentenceView& s, int scope_begin, int anchor, std::string* cue,
                                     bool* future) const {
  int best = 0;  // 0 actual, else CueKind
  *future = false;
  for (int i = std::max(0, scope_begin); i < anchor; ++i) {
    if (s.IsBoundary(i)) {
      best = 0;
      cue->clear();
      *future = false;
      continue;
    }
    const Phrase* p = k_.lexicon.cues.Match(s.lower, &s.lemma, i);
    if (!p || p->tag == static_cast<int>(CueKind::kSpeech)) continue;
    if (i + static_cast<int>(p->words.size()) > anchor) continue;
    // "May" the month is not the modal.
    if (s.lower[i] == "may" && (s.flags[i] & Token::kCapitalized) && i > 0) continue;
    if (p->tag == static_cast<int>(CueKind::kPlanned)) *future = true;
    auto rank = [](int tag) { return tag == 3 ? 3 : tag == 2 ? 2 : tag == 1 ? 1 : 0; };
    if (rank(p->tag) > rank(best)) {
      best = p->tag;
      *cue = std::string(doc_.Text(s.TokenSpan(i, i + static_cast<int>(p->words.size()))));
    }
  }
  switch (best) {
    case 1: return Modality::kPlanned;
    case 2: return Modality::kPossible;
    case 3: return Modality::kNegated;
    default: return Modality::kActual;
  }
}

void SentenceCoder::Code(const SentenceView& s, std::vector<Event>* events) {
  int n = s.size();
  std::vector<bool> consumed(n, false);
  std::vector<PatternMatch> matches;
  for (int i = 0; i < n; ++i) {
    if (consumed[i] || s.mention_at[i] >= 0 || s.place_at[i] >= 0) continue;
    PatternMatch best;
    bool found = false;
    auto try_list = [&](const std::vector<const Pattern*>* list) {
      if (!list) return;
      for (const Pattern* p : *list) {
        if (found && p->weight <= best.pattern->weight) continue;
        PatternMatch m;
        if (!finder_.MatchPattern(s, *p, i, &m)) continue;
        bool overlap = false;
        for (int t = m.first; t < m.end && !overlap; ++t) overlap = consumed[t] && t != i;
        if (overlap) continue;
        best = std::move(m);
        found = true;
      }
    };
    try_list(k_.patterns.ForAnchor(s.lemma[i]));
    if (s.lower[i] != s.lemma[i]) try_list(k_.patterns.ForAnchor(s.lower[i]));
    if (!found) continue;
    // "X urged Y to lift sanctions", "X pledged to strengthen ties with Y": the act after "to"
    // is what the earlier verb asks or promises, not an event of its own; when the earlier verb
    // has no object, the embedded act's object becomes it.
    if (i > 0 && s.lower[i - 1] == "to" && !matches.empty() && matches.back().end >= i - 1 &&
        matches.back().end <= i && !best.pattern->nominal) {
      PatternMatch& outer = matches.back();
      if (outer.targets.empty() && !outer.pattern->one_sided) outer.targets = best.targets;
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      continue;
    }
    for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
    matches.push_back(std::move(best));
  }

  std::vector<SourceFinding> sources(matches.size());
  for (size_t mi = 0; mi < matches.size(); ++mi) {
    const PatternMatch& m = matches[mi];
    const Pattern& p = *m.pattern;
    SourceFinding sf;
    if (!m.sources.empty() && !m.passive) {
      sf.mentions = m.sources;
      sf.scope_begin = std::max(0, m.anchor - 8);
    } else {
      // Nominal events: the possessor ("Kim's visit", "Kim's earlier four visits").
      if (p.nominal) {
        for (int j = m.first - 1; j >= 0 && j >= m.first - 4; --j) {
          if ((s.lower[j] == "'s" || s.lower[j] == "'") && j > 0 && s.mention_at[j - 1] >= 0) {
            sf.mentions.push_back(s.mention_at[j - 1]);
            sf.scope_begin = j + 1;
            break;
          }
          if (s.mention_at[j] >= 0 || s.IsBoundary(j) || s.lower[j] == ",") break;
        }
      }
      if (sf.mentions.empty()) {
        SourceFinding found = finder_.FindSource(s, m, std::vector<PatternMatch>(matches.begin(), matches.begin() + mi));
        if (found.shared_with >= 0) {
          int with = found.shared_with;
          SourceFinding shared = sources[with];
          shared.scope_begin = found.scope_begin;
          shared.shared_with = with;
          found = shared;
        }
        sf = std::move(found);
      }
    }
    sources[mi] = sf;

    // Roles.
    std::vector<int> src_m = sf.mentions, tgt_m = m.targets;
    // Coordinated with an earlier event and no object of its own: "X is Y's trading partner and
    // aid provider" -> the earlier target too.
    if (sf.shared_with >= 0 && tgt_m.empty() && !p.one_sided) tgt_m = matches[sf.shared_with].targets;
    std::string src_sector = !p.sector.empty() ? p.sector : sf.sector_override, tgt_sector = p.sector;
    if (m.passive) {
      src_m = m.sources;
      tgt_m = sf.mentions;
      tgt_sector = sf.sector_override;
      src_sector.clear();
      if (src_m.empty()) continue;  // "X was attacked": no agent, no event
    }
    std::string note;
    std::vector<std::string> entries;
    std::vector<ActorRef> srcs, tgts;
    std::optional<Location> loc = FindLocation(s, m);
    std::string lc = loc ? loc->country : "";
    for (int k : src_m) srcs.push_back(Actor(s, k, src_sector, lc, &entries, &note));
    for (int k : m.also) srcs.push_back(Actor(s, k, p.sector, lc, &entries, &note));
    for (int k : tgt_m) tgts.push_back(Actor(s, k, tgt_sector, lc, &entries, &note));
    if (srcs.empty() && (sf.pronoun || m.passive) && ds_.last_source) {
      srcs.push_back(*ds_.last_source);
      entries.insert(entries.end(), ds_.last_source_entries.begin(), ds_.last_source_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from a pronoun: the last source named (" + ds_.last_source->text + ")";
    }
    if (srcs.empty()) continue;
    // A DEST place is the target too (its country).
    if (m.dest_place >= 0 && tgts.empty()) {
      Location dl = PlaceLocation(s, m.dest_place);
      if (!dl.country.empty()) {
        ActorRef t;
        t.code = dl.country;
        t.country = dl.country;
        t.text = std::string(doc_.Text(dl.span));
        t.span = dl.span;
        tgts.push_back(t);
      }
    }
    // Capitals named as destination ("visit Beijing"): the country, not its government.
    if (!m.targets.empty() && p.cameo->code == "042" && !m.passive) {
      for (size_t t = 0; t < tgts.size(); ++t)
        if (s.mentions[m.targets[t]].kind == actors::ActorMention::Kind::kCapital) {
          tgts[t].code = tgts[t].country;
          tgts[t].sector.clear();
        }
    }
    if (tgts.empty() && p.cameo->code == "042") {
      std::optional<Location> where = loc ? loc : ds_.last_location;
      if (where && !where->country.empty()) {
        ActorRef t;
        t.code = where->country;
        t.country = where->country;
        t.text = where->name;
        tgts.push_back(t);
        if (!loc) {
          if (!note.empty()) note += "; ";
          note += "destination from an earlier sentence (" + where->name + ")";
        }
      }
    }
    // Consultations and visits need a counterpart.
    if (tgts.empty() && p.cameo->code.compare(0, 2, "04") == 0 && !(p.mutual && srcs.size() >= 2)) continue;
    // Modality and date.
    std::string mod_cue;
    bool future = false;
    int scope = std::max(sf.scope_begin, 0);
    Modality mod = FindModality(s, scope, m.anchor, &mod_cue, &future);
    if (mod == Modality::kPossible) future = true;  // what may happen lies ahead
    if (p.nominal && mod == Modality::kActual) {
      // "the highly anticipated ... visit", "upcoming talks": the clause before the noun.
      mod = FindModality(s, std::max(0, m.first - 10), m.first, &mod_cue, &future);
    }
    std::string date_cue;
    std::string date = s.doc->date ? s.doc->date->ToString() : "";
    {
      DateTokens dt;
      dt.lower = &s.lower;
      dt.capitalized.resize(n);
      dt.number = s.is_number;
      for (int i = 0; i < n; ++i) dt.capitalized[i] = (s.flags[i] & Token::kCapitalized) != 0;
      std::vector<DateExpression> exprs = FindDateExpressions(dt, k_.lexicon);
      int best = -1, best_dist = kMaxDateDistance + 1;
      for (size_t e = 0; e < exprs.size(); ++e) {
        if (s.mention_at[exprs[e].first] >= 0) continue;
        int dist = exprs[e].first >= m.anchor ? exprs[e].first - m.end : m.anchor - exprs[e].end;
        if (dist < 0) dist = 0;
        // "since assuming leadership in 2011" dates something else.
        bool since = false;
        int lo = std::min(exprs[e].first, m.anchor), hi = std::max(exprs[e].first, m.anchor);
        for (int t = lo; t < hi && !since; ++t) since = s.lower[t] == "since" || s.IsBoundary(t);
        if (!since && dist < best_dist) {
          best_dist = dist;
          best = static_cast<int>(e);
        }
      }
      if (best >= 0) {
        if (auto d = ResolveDate(exprs[best], s.doc->date, future || mod == Modality::kPlanned)) {
          date = d->ToString();
          date_cue = std::string(doc_.Text(s.TokenSpan(exprs[best].first, exprs[best].end)));
        }
      }
    }
    // A visit to the country of the place named before ("in Beijing" ... "his visit to China"),
    // undated: the same place.
    if (!loc && p.cameo->code == "042" && date_cue.empty() && ds_.last_location && tgts.size() == 1 &&
        tgts[0].country == ds_.last_location->country && !tgts[0].country.empty()) {
      loc = ds_.last_location;
      loc->span = Span{};
    }
    if (loc && loc->span.size() > 0) ds_.last_location = loc;
    std::string speaker = sf.speaker >= 0 ? s.mentions[sf.speaker].actor.text : "";

    // Pairs.
    std::vector<std::pair<const ActorRef*, const ActorRef*>> pairs;
    if (p.one_sided) {
      for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
    } else if (tgts.empty()) {
      if (p.mutual) {
        if (srcs.size() < 2) continue;  // "X met" with nobody: not an event
        for (const auto& a : srcs)
          for (const auto& b : srcs)
            if (&a != &b) pairs.emplace_back(&a, &b);
      } else {
        for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
      }
    } else {
      for (const auto& a : srcs)
        for (const auto& b : tgts) pairs.emplace_back(&a, &b);
    }
    Span verb = s.TokenSpan(m.verb_first, m.verb_end);
    for (auto [a, b] : pairs) {
      if (b && (a->code == b->code || (!a->country.empty() && a->country == b->country &&
                                        (b->code == b->country || a->code == a->country))))
        continue;  // an actor does not act on itself; a visit home is not a visit
      Event e;
      e.doc_id = doc_.id;
      e.doc_hash = doc_.hash;
      e.sentence = s.index;
      e.sentence_span = s.sentence->span;
      e.doc_date = s.doc->date ? s.doc->date->ToString() : "";
      e.date = date;
      e.source = *a;
      if (b) e.target = *b;
      const CameoCode& c = *p.cameo;
      e.cameo = c.code;
      e.root = c.code.substr(0, 2);
      e.plover = c.plover;
      e.goldstein = c.goldstein;
      e.quad_class = c.quad_class;
      e.modality = mod;
      e.location = loc;
      e.text = std::string(doc_.Text(s.sentence->span));
      e.why.verb = verb;
      e.why.pattern = p.where;
      e.why.entries = entries;
      e.why.modality_cue = mod == Modality::kActual ? "" : mod_cue;
      e.why.date_cue = date_cue;
      e.why.speaker = speaker;
      e.why.note = note;
      bool dup = false;
      for (const Event& x : *events)
        if (x.sentence == e.sentence && x.doc_hash == e.doc_hash && x.cameo == e.cameo &&
            x.source.code == e.source.code && (x.target ? x.target->code : "") == (b ? b->code : "") &&
            x.source.text == e.source.text)
          dup = true;
      if (dup) continue;
      e.id = EventId(doc_.hash, s.index, verb, e.source.code, b ? b->code : "", e.cameo);
      events->push_back(std::move(e));
    }
    if (!srcs.empty() && !srcs.front().name.empty()) {
      ds_.last_source = srcs.front();
      ds_.last_source_entries.clear();
      for (int k : src_m) {
        const auto& en = s.mentions[k].entries;
        ds_.last_source_entries.insert(ds_.last_source_entries.end(), en.begin(), en.end());
      }
    }
  }
  // A named person as the first mention of the sentence is the antecedent of a later "he".
  if (!s.mentions.empty() && !s.mentions.front().actor.name.empty() &&
      s.mentions.front().kind == actors::ActorMention::Kind::kPerson && matches.empty()) {
    ds_.last_source = s.mentions.front().actor;
    ds_.last_source_entries = s.mentions.front().entries;
  }
}

bool HasDiscard(const Lexicon& lex, const std::vector<std::string>& lower, const std::vector<std::string>& lemma) {
  for (size_t i = 0; i < lower.size(); ++i)
    if (lex.discards.Match(lower, &lemma, i)) return true;
  return false;
}

}  // namespace

void DocumentCoder::Code(const Document& doc, std::vector<Event>* events) const {
  if (doc.sentences.empty()) return;
  DocState ds;
  ds.date = doc.date;
  actors::DocContext ctx;
  ctx.date = doc.date;
  // Dateline: the place word(s) at the start of the story.
  if (auto dl = text::FindDateline(doc)) {
    std::vector<std::string> words;
    for (std::string_view w : actors::SplitWords(doc.Text(*dl))) words.push_back(LowerWord(w));
    if (const Phrase* p = k_.lexicon.places.Match(words, nullptr, 0))
      ds.dateline_country = k_.lexicon.place_list[p->index].country;
    else if (k_.actors) {
      ActorResolution r = k_.actors->Resolve(doc.Text(*dl), doc.date);
      if (r.found) ds.dateline_country = r.actor.country;
    }
    ctx.dateline_country = ds.dateline_country;
  }
  // Title discards.
  bool discard_doc = false;
  if (!doc.title.empty()) {
    std::vector<std::string> words, lemmas;
    for (std::string_view w : actors::SplitWords(doc.title)) {
      std::string low = LowerWord(w);
      while (!low.empty() && (low.back() == ',' || low.back() == ':' || low.back() == '.')) low.pop_back();
      lemmas.push_back(k_.lemmatizer.Lemma(low));
      words.push_back(std::move(low));
    }
    discard_doc = HasDiscard(k_.lexicon, words, lemmas);
  }
  if (discard_doc) return;

  std::vector<SentenceView> views(doc.sentences.size());
  std::map<std::string, int> state_counts;
  int discard_sentences = 0;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& sent = doc.sentences[si];
    SentenceView& v = views[si];
    v.doc = &doc;
    v.index = static_cast<int>(si);
    v.sentence = &sent;
    if (sent.end_token <= sent.first_token || sent.end_token > doc.tokens.size()) continue;
    PrepareTokens(k_, doc, sent, &v);
    if (HasDiscard(k_.lexicon, v.lower, v.lemma)) {
      v.discarded = true;
      ++discard_sentences;
    }
    int n = v.size();
    if (k_.actors) {
      v.mentions = k_.actors->Find(doc, sent, &ctx);
      v.mention_range.resize(v.mentions.size());
      for (size_t mi = 0; mi < v.mentions.size(); ++mi) {
        const auto& am = v.mentions[mi];
        int f = static_cast<int>(am.first_token) - static_cast<int>(sent.first_token);
        int e = static_cast<int>(am.end_token) - static_cast<int>(sent.first_token);
        f = std::clamp(f, 0, n);
        e = std::clamp(e, f, n);
        v.mention_range[mi] = {f, e};
        for (int t = f; t < e; ++t) v.mention_at[t] = static_cast<int>(mi);
        if (am.kind == actors::ActorMention::Kind::kState || am.kind == actors::ActorMention::Kind::kCapital ||
            !am.actor.country.empty())
          if (!am.actor.country.empty()) ++state_counts[am.actor.country];
      }
    }
    // Places: gazetteer phrases, and capitals the actor index marks as places.
    for (int i = 0; i < n; ++i) {
      const Phrase* p = k_.lexicon.places.Match(v.lower, nullptr, i);
      if (p && (v.flags[i] & Token::kCapitalized)) {
        SentenceView::PlaceHit h{i, i + static_cast<int>(p->words.size()), p->index, v.mention_at[i]};
        for (int t = h.first; t < h.end; ++t) v.place_at[t] = static_cast<int>(v.places.size());
        v.places.push_back(h);
        i = h.end - 1;
        continue;
      }
      int k = v.mention_at[i];
      // (A country is not a place: "in China" gives no location, only a city or site does.)
      if (k >= 0 && v.mention_range[k].first == i && v.mentions[k].also_place &&
          v.mentions[k].kind == actors::ActorMention::Kind::kCapital && v.IsLocativePreposition(i - 1)) {
        SentenceView::PlaceHit h{i, v.mention_range[k].end, -1, k};
        for (int t = h.first; t < h.end; ++t) v.place_at[t] = static_cast<int>(v.places.size());
        v.places.push_back(h);
        i = h.end - 1;
      }
    }
    // A place after "in/at" is a location, not an actor: drop it from the mentions' index.
    for (const auto& h : v.places) {
      if (h.mention < 0) continue;
      int f = h.first;
      while (f > 0 && v.lower[f - 1] == "the") --f;
      if (v.IsLocativePreposition(f - 1) && v.mentions[h.mention].kind != actors::ActorMention::Kind::kState)
        for (int t = v.mention_range[h.mention].first; t < v.mention_range[h.mention].end; ++t) v.mention_at[t] = -1;
    }
    for (int i = 0; i < n; ++i) {
      const Phrase* p = k_.lexicon.cues.Match(v.lower, nullptr, i);
      if (p && p->tag == static_cast<int>(CueKind::kSpeech)) v.speech_end[i] = i + static_cast<int>(p->words.size());
    }
  }
  int total = static_cast<int>(doc.sentences.size());
  if (discard_sentences >= 3 && discard_sentences * 4 >= total) return;
  // Dominant state: at least three mentions and twice the runner-up.
  {
    std::string top;
    int first = 0, second = 0;
    for (const auto& [c, cnt] : state_counts) {
      if (cnt > first) {
        second = first;
        first = cnt;
        top = c;
      } else if (cnt > second) {
        second = cnt;
      }
    }
    if (first >= 3 && first >= 2 * second) ds.dominant_country = top;
  }
  SentenceCoder sc(k_, finder_, &ds, doc);
  for (auto& v : views) {
    if (v.discarded || v.lower.empty()) continue;
    sc.Code(v, events);
  }
}

}  // namespace entente::coder
