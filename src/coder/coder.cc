// Coding a document (fast mode: dictionary and patterns over token sequences).
//
// 1. Every sentence is prepared once (SentenceView): lower-case forms and lemmas, actor mentions
//    from the ActorIndex (which also tracks people named earlier in the document), gazetteer
//    places, saying verbs. The document's dateline country and its dominant state (the most
//    frequent state among mentions when it has at least three and twice the runner-up) are
//    noted for generic agents ("protesters", "police") whose country the sentence does not say.
//    People of an organisation the actor index does not know ("52 members of the banned
//    Movement for ...", "supporters of the Odua Peoples Congress") are one such generic group
//    (REB or OPP), the known words inside the name ("Congress") no actors of their own.
// 2. Discards (data/coder/discards.txt): a sentence with a discard phrase is not coded; a whole
//    document is not coded when its title has one, or when at least three sentences and at least
//    a quarter of them have one.
//    A dateline left inside the first sentence ("TOKYO, Oct. 4 (entente wire) -") is masked:
//    its words are neither actors nor places; its place gives the dateline country.
// 3. For each word left to right that is not inside an actor mention or an accepted match, the
//    patterns anchored on its lemma or form are tried (ArgumentFinder::MatchPattern); the match
//    with the most pattern words wins (ties: more required words) and its tokens are consumed.
//    Verb patterns are not tried on nouns: a word after a determiner or possessive ("the
//    vetoes", "his promise"), an -ing word after a plain lower-case word ("missile warning
//    data"; not after "be", an adverb, a conjunction or a protest noun: "was still refusing",
//    "a demonstration calling for"), and with a parse a noun after an adjective/determiner/noun, or any parsed noun for
//    a one-word pattern ("restart talks"). Nominal patterns are not tried inside a since-phrase
//    ("since talks with X stalled") nor, without a possessor, inside a prepositional phrase
//    ("at a time of Western sanctions on Moscow"), nor as the object of a verb of ending ("sever
//    its alliance with X"), nor after "call/push/press for" (what is called
//    for has not happened), nor one with a pronoun possessor after a preposition of cause ("over
//    their ties with Israel"); a gerund after "because of", "due to", "amid" or "despite" is a
//    noun ("because of fighting between ..."). A word after a determiner or possessive and an adjective ("Sudan's
//    renewed demand"), as is one after a preposition and an adjective ("in nationalist riots"). An
//    -ing form of an objectless verb before a group named as an actor ("striking workers",
//    "protesting monks") is an adjective of the group, not a verb. An act right after "to" that an earlier
//    match reaches ("urged X to lift", "threatened to impose") or after "of"/"with" following an
//    accusation 112x ("accused X of violating") is folded into that earlier match, and so is
//    the act a demand "TGT must (be)" names ("said Israel must agree to talks": one demand),
//    what a demand or appeal says "it must/should" do, an act after "to help", and a protest
//    "in protest of X" or "to demand"/"demanding"/"calling for" after a protest already coded (its purpose;
//    what it names becomes that protest's target when it has none).
//    An act only named as an aim, obligation, need or effort ("our aim is to strengthen
//    cooperation", "the need to impose sanctions", "efforts to improve relations", "the task of
//    providing", "the need for" a noun of an act) that no earlier match folds is not coded
//    (NamedAsAim), nor is an act right after it ("must be to help X protect people").
//    An act after "to" and a verb of continuing or intensifying ("vowed to continue attacks on
//    X", "pledged to expand trade with X") is folded the same way, a noun included, as are
//    "to keep/maintain/pursue" ("agreed to keep sanctions on X") and a noun of an act right after
//    a general intent ("remained committed to a summit with X"). An act right after the
//    "on/about/over" that closes a meeting ("held talks with X on expanding ties") is its topic:
//    not coded.
//    Acts described as lasting ("has historically served as", "has long denounced", "China's
//    enduring support for") and what is coordinated with them are not coded (DescribedAsLasting).
//    A verb in the present tense in a "before/until" clause ("... before they demobilize"), and
//    a verb of any tense in a clause of condition or indirect question ("unless Iran halts
//    enrichment", "if Iraq attacked", "provided that", "as long as", "asked whether X had
//    attacked"; ConditionalClauseVerb) is an act that has not happened: not coded. A protest
//    after "to" following a hostile act (10-13, 16, 17) of the same clause is that act's reason.
//    History told as the time of the news is not coded: an act in a clause a count of years
//    opens ("five years after crowds burned down its embassy"), and a definite or possessed noun
//    of an act after "after/following" ("after the meeting between X and Y") unless the
//    sentence dates it to an earlier year or month (BackReferencedActNoun, InYearsAfterClause).
//    A person followed by a post in apposition ("Kofi Annan, UN secretary-general,") acts in
//    that post (its code, country and sector), whatever the person's own record says.
//    A complaint verb (protest, complain, charge) closing the sentence after ", X" reports the
//    clause before it: X criticises (111) that clause's subject ("Croatian authorities are
//    failing to ..., a human rights group protested here Wednesday").
//    A pattern with no TGT/DEST slot whose last word is a group named as an actor mention
//    ("disperse * demonstrators": "Moslem fundamentalist demonstrators") acts on that group.
// 4. For each match the source comes from the pattern's SRC slot, else the possessor of a
//    nominal event ("Kim's visit"), else the agent after "by" in a nominal event's phrase
//    ("the attack on the embassy by Serb forces"), else ArgumentFinder::FindSource. Passives swap roles.
//    Targets: the pattern's slots; an object pronoun in a slot ("accused it of", "urged him
//    to") stands for the nearest fitting actor before it that is not the source, else for one
//    of the previous sentence ("it", "him", "her"; unresolved, or "he ... him" in one clause:
//    not coded); else an actor mention the pattern's last word opens and that goes on with "of
//    X" ("summoned the ambassador of Iran"); else the object after the match
//    (FindTrailingTargets); else, for a bare
//    count after an act done to people ("killing one and arresting 12"), the target of the
//    sentence's earlier such act. A group of people reached past a count or qualifiers ("15
//    Islamic guerrillas") is kept only when the context gives its country. A reciprocal act
//    folded into an intent ("X and Y agreed to resume talks") pairs a compound source.
//    Compounds give one event per actor; a `mutual` pattern with a compound source and no target
//    gives every ordered pair, and a `mutual` pattern with both SRC and TGT slots ("talks
//    between X and Y") gives both directions. A group named earlier as the subject ("the two
//    leaders", "both sides", "the three countries"; RefersToGroup) is the document's last group
//    of that size: the sides of its last meeting or agreement, or a compound source, as states
//    for "countries"/"nations" and governments for "leaders"; its meetings, agreements and
//    cooperation (03x-06x) with no target go both ways. A subject "it" the sentence leaves
//    unresolved, right before its verb, is the last state or body named in that sentence or the
//    one before (never a person; further back, "it" is a thing: no source), or
//    the joint document the previous sentence has signed (its signers); a person of no code
//    introduced by an office whose act a coded body reports ("The Russian embassy said
//    Zinoviev had ...") acts for that body. A visit (042) with
//    no destination goes to the country of the place the sentence (or, failing that, the
//    document so far, or the dateline) names; a visit to agents ("factories") is a visit to
//    their country; peacekeepers arriving somewhere are deployed there (074, not a visit).
//    Violence (18-20) with no perpetrator named, in a named place, is done by an
//    unidentified armed force (UAF) of the place's state (with no place either, in the active
//    voice, of the victims' state when they have one); not when the words name a doer the
//    knowledge base lacks ("Coalition aircraft", "nations which have conducted strikes"). Violence
//    with no object right after it is aimed at the actor of an "against" phrase further on in
//    its clause ("conducted 15 strikes using ... aircraft against ISIL targets"). A group after
//    "coalition" has no state; an office of government named by its title alone ("the Foreign
//    Secretary", not "the regime") is the document speaker's. Any other act left without a target
//    (not 01/02/04, not one-sided or mutual) that happens in a named place is done to the
//    place's state ("opened an embassy in Tehran"); at home only when the source is a part of
//    the state, not the state itself (SDNGOV -> SDN), and only for acts done to people
//    (08 except the military de-escalation of 087, 13-15, 17-20) or intents (03) of a group
//    outside the state's institutions (opposition, rebels, civilians: AZEOPP -> AZE). A state's
//    (or its region's) adjective before a noun of places as the object ("shelled Chechen
//    villages") is such a place: RUSMIL -> RUS is kept, RUS -> RUS is not.
//    An act left without a target whose words end at "to/of/on/against" and a gazetteer place
//    ("pledged aid to Gaza", "lifted its blockade of Gaza") is done to the place's state (not
//    01/02/04, one-sided or reciprocal acts, nor the source's own state).
//    An appeal for military de-escalation (0256) with no target is made to the state named
//    after "in" right after it ("called for a ceasefire in Libya"), not the source's own.
//    A threat (13x), or a coercive act that has a threat counterpart (announced, it becomes one
//    below), with no target takes the actor of its "unless" clause ("threatened a strike unless
//    Israel rescinded ...", "will impose sanctions unless Iran halts ..."); a complaint or protest (11x/14x) lodged "to/with" a third
//    party is about the actor of its "over/about" phrase ("complained to the UN over Israeli
//    raids" -> ISR); a one-sided show of force or mobilisation (15x) aimed "against" an actor
//    ("mobilized reservists for a possible war against Iraq") is directed at it. A verb phrase
//    joined by "and"/"but" to an earlier act of the same named source, with no object actor of
//    its own, acts on that act's target ("sent aid to North Korea and promised to lift
//    sanctions"). A criticism or
//    rejection (11x/12x) of a definite noun of an act ("condemned the launch", "the test was
//    condemned by", "rejected the protest") is aimed at who did the last act of that kind the
//    document coded (AnaphoricActRoots), when that is not the reacting side's own state (a state
//    institution and a group outside the institutions of one state are two sides). A group of no
//    country coordinated after one a state adjective qualifies, of the same sector, shares its
//    state ("Israeli helicopters and tanks"). Violence of no particular kind (180) by a state's
//    armed forces (MIL), or by a state named as the actor, is conventional military force (190,
//    CAMEO 19 vs the unconventional 18).
// 5. Modality: cues (data/coder/modality.txt) in the event's scope (after the source or the
//    saying verb, at most eight words before the event word); negated > possible > planned.
//    A source that "no/neither/nor" quantifies ("No sitting U.S. president has ever met") and a
//    "no" among the pattern's words ("sent no troops") make the act negated.
//    An announced act is coded as the announcement (announced_codes.h): a coercive act the
//    actor will do, or may/is expected to do "if/unless" another acts, is a threat (13x);
//    cooperation it will give is an intent (03x).
// 6. Date: the date expression nearest the event word, resolved forward for planned events and
//    intents (03x) and backward otherwise, else a date opening the sentence; the document date
//    when none. Dates inside a since-phrase or owned by a noun ("last year's") are skipped.
//    A year or month alone ("in 2000") is noted as the event's date precision, and as a past
//    reference when before the document's own year or month; the date is the period's first day.
// 6b. An event with no target of the same source, root and modality as one with a target in
//    the sentence is the same act told twice and is dropped ("killed 23 people when they blew
//    themselves up in Tel Aviv"); so is violence told by ", killing/wounding/injuring ..."
//    after an act of force of the same source ("opened fire on X, killing two": its toll), and
//    killing whose subject is an act of force just named ("U.S. airstrikes against X killed 20
//    militants": no clause break between; TollVerbAt, NoClauseBreak).
//    One event per (code, source, target, modality) in a sentence (a nominal mention of an
//    event already coded there is the same event whatever its modality).
// 7. Location: the DEST/PLACE slot, else the nearest place after "in/at/near/off" (or "in its
//    border town of X", "in a residential sector of mostly Christian eastern Beirut") within ten tokens and not across a clause break (", and", a saying verb,
//    "after/before/when").
// Reported speech yields only the reported event, with why.speaker set; the saying itself is not
// coded as a separate 010 statement (it would double every quoted event and adds no dyad).
//
// Where each step lives: SentenceCoder::Code is a driver over the stages of one sentence. The class
// and the document's state (DocState) are declared in sentence_coder.h; each stage is in a file of
// its own (coder_match.cc, coder_roles.cc, coder_actors.cc, coder_targets.cc, coder_modality.cc,
// coder_emit.cc), with the helpers only it uses; the free helpers of several stages are in
// coder_words.h/.cc. This file keeps the knowledge's loading, the driver, CodeMatch, the document
// coder and the rest.
//   FindMatchAt (step 3, once per word; coder_match.cc): the pattern match anchored on the word,
//     the folds into an earlier match, acts named as aims; fills MatchScan (consumed words,
//     matches).
//   CodeMatch (once per match, over SentenceCoding: the matches, each one's source and targets,
//     whether a location was set): a sequence of steps over one EventDraft: FindRoles
//     (coder_roles.cc: the match's roles, source finding, passive agents, pronoun and implied
//     targets, a shared source, each other), ResolveActors (coder_actors.cc: the act's place,
//     the actors of its mentions, implied sources), ImpliedTargets (coder_targets.cc:
//     destinations, places visited or attacked, implied targets of protests and meetings),
//     ModalityDateAndCode (coder_modality.cc: modality, progressive, date, the code chosen,
//     announcements, denials, the document's latest place) and EmitEvents (coder_emit.cc:
//     source/target pairs, events, provenance, the act's source as a later pronoun's antecedent).
//     Each step returns false when it drops the match (the `return false`s there).
//   DropToldTwice (step 6's acts told twice), AddMediation, UpdateDocumentContext (what the
//     document remembers of the sentence for the next ones: places, mentions, people, bodies).
#include "coder/coder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include "actors/record_reader.h"
#include "coder/dates.h"
#include "coder/coder_words.h"
#include "coder/sentence_coder.h"
#include "coder/word_sets.h"
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

bool ParseSkipsPattern(const SentenceView& s, const Pattern& pattern, int anchor) {
  if (pattern.nominal || !s.doc || !s.sentence) return false;
  if (internal::SubjectNounPattern(s, pattern, anchor)) return false;
  // "Police shot dead three militants", "Indian police shot dead ...": a word followed by the
  // resultative "dead" is a verb, whatever the parse made of a body noun before it (a compound).
  if (anchor + 1 < s.size() && s.lower[anchor + 1] == "dead") return false;
  const auto& tokens = s.doc->tokens;
  const Token& at = tokens[s.sentence->first_token + anchor];
  if (at.upos != "NOUN") return false;
  if (pattern.weight == 1) return true;  // parsed noun: "restart talks"
  if (anchor == 0) return false;
  const Token& prev = tokens[s.sentence->first_token + anchor - 1];
  if (prev.upos == "ADJ" || prev.upos == "DET" || prev.upos == "NUM" || prev.upos == "NOUN" ||
      (prev.upos == "PRON" && prev.deprel == "nmod:poss"))
    return true;
  // "Cuba rejected U.S. demands for reform": a noun after a name that is the object of a verb
  // is what the verb acts on (rejected, met, ignored), not an act of that name told anew. (Not a
  // subject: "the Soviet withdrawal from Afghanistan was completed" is the withdrawal.)
  return prev.upos == "PROPN" && (at.deprel == "obj" || at.deprel == "iobj");
}

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
                                                             const DiagnosticSink& sink, int* errors,
                                                             bool with_own_patterns) {
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
  // Evaluative words (optional: without them the patterns naming `@disapprove` / `@praise` fail to load).
  {
    bool no_evaluations = false;
    std::string ev = ReadOrEmpty(path("data/coder/evaluations.txt"), &no_evaluations);
    if (!no_evaluations) err += k->lexicon.LoadEvaluations(ev, "data/coder/evaluations.txt", sink);
    for (const auto& [cls, words] : k->lexicon.evaluations) k->patterns.SetWordClass(cls, words);
  }
  if (with_own_patterns) err += k->patterns.Load(files[3].text, files[3].rel, k->ontology, &k->lemmatizer, sink);
  err += k->lexicon.LoadModality(files[4].text, files[4].rel, sink);
  err += k->lexicon.LoadDates(files[5].text, files[5].rel, sink);
  err += k->lexicon.LoadDiscards(files[6].text, files[6].rel, sink);
  if (with_actors) {
    auto a = actors::ActorIndex::Load(root, sink);
    if (!a.ok()) return a.status();
    k->actors = std::move(a).value();
  }
  // Known countries: the state records of data/actors/states.txt.
  {
    bool no_states = false;
    std::string st = ReadOrEmpty(path("data/actors/states.txt"), &no_states);
    if (!no_states)
      actors::ParseRecords(st, "data/actors/states.txt", nullptr, [&](actors::Record&& r) {
        if (r.kind != "state") return;
        k->state_codes.insert(r.id);
        for (const char* key : {"name", "alias", "adjective", "demonym", "capital"})
          for (const actors::RecordField* f : r.All(key))
            for (const std::string& w : f->Items())
              if (w.size() >= CoderKnowledge::kMinMisspelledLength && w.find_first_of(" -.'") == std::string::npos)
                k->state_words.emplace(LowerWord(w), w);
      });
  }
  // The gazetteer is optional (events then have no coordinates); a missing file is a warning.
  std::string places = ReadOrEmpty(path("data/gazetteer/places.txt"), &missing);
  if (missing) {
    actors::ReportWarning(sink, "data/gazetteer/places.txt", 0, "gazetteer missing: events get no coordinates");
  } else {
    const auto& states = k->state_codes;
    err += k->lexicon.LoadPlaces(places, "data/gazetteer/places.txt", sink, [&](const std::string& c) {
      return states.empty() || states.count(c) > 0;
    });
  }
  // Country-level locations (optional too: without them a state named alone is no location).
  std::string countries = ReadOrEmpty(path("data/gazetteer/countries.txt"), &missing);
  if (!missing) {
    const auto& states = k->state_codes;
    err += k->lexicon.LoadCountries(countries, "data/gazetteer/countries.txt", sink, [&](const std::string& c) {
      return states.empty() || states.count(c) > 0;
    });
  }
  // Peoples spread over several states (optional: without it the rebels rule of Actor() is off).
  std::string peoples = ReadOrEmpty(path("data/coder/peoples.txt"), &missing);
  if (!missing) {
    const auto& states = k->state_codes;
    err += k->lexicon.LoadPeoples(peoples, "data/coder/peoples.txt", sink, [&](const std::string& c) {
      return states.empty() || states.count(c) > 0;
    });
  }
  // States that were part of others (optional: without it places keep today's state).
  std::string part_of = ReadOrEmpty(path("data/gazetteer/part_of.txt"), &missing);
  if (!missing) {
    const auto& states = k->state_codes;
    err += k->lexicon.LoadPartOf(part_of, "data/gazetteer/part_of.txt", sink, [&](const std::string& c) {
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

bool SentenceView::IsBoundaryWord(std::string_view w) {
  if (w.size() == 1) {
    const char c = w[0];
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
  }
  return w == "--" || w == "\xe2\x80\x94";
}

bool SentenceView::IsLocativePreposition(int i) const {
  if (i < 0 || i >= size()) return false;
  return In(lower[i], {"in", "at", "near", "outside", "inside", "from", "across", "into", "throughout", "around",
                       "off"});
}

bool SentenceView::IsCount(int i) const {
  if (is_number[i]) return true;
  return In(lower[i], {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                       "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
                       "thousands", "dozen", "dozens", "million", "millions"});
}

namespace internal {

namespace {

void PrepareTokens(const CoderKnowledge& k, const Document& doc, const Sentence& sent, SentenceView* v) {
  int n = static_cast<int>(sent.size());
  v->lower.resize(n);
  v->lemma.resize(n);
  v->flags.resize(n);
  v->is_number.resize(n);
  v->boundary.resize(n);
  for (int i = 0; i < n; ++i) {
    const Token& t = doc.tokens[sent.first_token + i];
    std::string low = LowerWord(doc.Text(t.span));
    // "Sept." -> "sept" (keep "." itself, and initialisms such as "u.s.").
    if (low.size() > 1 && low.back() == '.' && low.find('.') == low.size() - 1) low.pop_back();
    v->flags[i] = t.flags;
    v->is_number[i] = t.kind == TokenKind::kNumber;
    if (!t.lemma.empty()) {
      v->lemma[i] = LowerWord(t.lemma);
      // The tagger's lemmatizer may miss a form ("shook" -> "shook", "shelled" -> "shel"): ours
      // when it names a pattern word and the tagger's does not.
      if (t.kind == TokenKind::kWord && !k.patterns.ForAnchor(v->lemma[i])) {
        std::string ours = k.lemmatizer.Lemma(low);
        if (ours != v->lemma[i] && k.patterns.ForAnchor(ours)) v->lemma[i] = std::move(ours);
      }
    } else if (t.kind == TokenKind::kWord) {
      v->lemma[i] = k.lemmatizer.Lemma(low);
    } else {
      v->lemma[i] = low;
    }
    // "didn't" as one token counts as the negation cue "n't".
    if (low.size() > 3 && low.compare(low.size() - 3, 3, "n't") == 0) v->lemma[i] = "n't";
    v->boundary[i] = SentenceView::IsBoundaryWord(low);
    v->lower[i] = std::move(low);
  }
  v->mention_at.assign(n, -1);
  v->pair_at.assign(n, -1);
  v->place_at.assign(n, -1);
  v->speech_end.assign(n, -1);
  DateTokens dt;
  dt.lower = &v->lower;
  dt.capitalized.resize(n);
  dt.number = v->is_number;
  for (int i = 0; i < n; ++i) dt.capitalized[i] = (v->flags[i] & Token::kCapitalized) != 0;
  v->dates = FindDateExpressions(dt, k.lexicon);
  v->date_end.assign(n, -1);
  for (const DateExpression& e : v->dates) v->date_end[e.first] = std::max(v->date_end[e.first], e.end);
}

}  // namespace

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
    loc.kind = p.kind == "capital" ? "city" : p.kind;
    // A place shared by several states ("Kashmir", "Punjab": IND/PAK) is in the one of them the
    // document names; when it names none or several, the place keeps its name and no country.
    if (!p.shared.empty()) {
      for (const auto& c : p.shared) {
        if (!ds_.states_named.count(c)) continue;
        if (!loc.country.empty()) {
          loc.country.clear();
          break;
        }
        loc.country = c;
      }
    }
    // A capital is its state's as of the article's date, which the actor mention over the same
    // words knows and the gazetteer does not: Moscow in 1990 is the Soviet Union's, Belgrade in
    // 1991 Yugoslavia's, Aden in 1985 South Yemen's.
    if (hit.mention >= 0 && s.mentions[hit.mention].kind == actors::ActorMention::Kind::kCapital &&
        !s.mentions[hit.mention].actor.country.empty())
      loc.country = s.mentions[hit.mention].actor.country;
    // The gazetteer (and an undated capital) names today's state: Pristina in 1999 is in Serbia,
    // Kyiv in 1990 in the Soviet Union (data/gazetteer/part_of.txt).
    loc.country = k_.lexicon.StateOn(loc.country, ds_.date);
  } else if (hit.mention >= 0) {
    const ActorRef& a = s.mentions[hit.mention].actor;
    loc.name = std::string(doc_.Text(loc.span));
    loc.country = a.country;
    loc.kind = "city";
    // A state named alone ("in Malta", "in southern Lebanon"): the country, at its centre.
    if (s.mentions[hit.mention].kind == actors::ActorMention::Kind::kState) {
      auto c = k_.lexicon.countries.find(a.country);
      if (c != k_.lexicon.countries.end()) loc = CountryLocation(c->second, loc.span);
      loc.kind = "country";
      // The place is the territory, whose state is the one of the article's date even where the
      // name keeps its own code as an actor: Kosovo in 1998 lies in Serbia.
      loc.country = k_.lexicon.StateOn(loc.country, ds_.date);
    }
  }
  return loc;
}

void SentenceCoder::AddMediation(const SentenceView& s, size_t first_event, std::vector<Event>* events) const {
  const CameoCode* mediate = k_.ontology.Find("045");
  if (!mediate || first_event >= events->size()) return;
  const int n = s.size();
  for (int i = 0; i < n; ++i) {
    const int k = MediatorMention(s, i);
    if (k < 0 || s.mentions[k].actor.code.empty()) continue;
    const ActorRef mediator = s.mentions[k].actor;
    const Span mediator_words = s.TokenSpan(s.mention_range[k].first, s.mention_range[k].end);
    std::vector<std::pair<ActorRef, size_t>> parties;  // party, the event it takes part in
    for (size_t j = first_event; j < events->size(); ++j) {
      Event& o = (*events)[j];
      if (!In(o.root, {"03", "04", "05", "06", "08"})) continue;
      // "X and Y signed a treaty brokered by Z": Z, taken as the object, is no party to it.
      if (o.target && !o.target->span.empty() && o.target->span.begin >= mediator_words.begin &&
          o.target->span.end <= mediator_words.end)
        o.target.reset();
      for (const ActorRef* x : {&o.source, o.target ? &*o.target : nullptr}) {
        bool known = !x || x->code.empty() || x->country == mediator.country;
        for (const auto& pp : parties) known = known || pp.first.code == x->code;
        if (!known) parties.emplace_back(*x, j);
      }
    }
    if (parties.size() < 2) continue;
    const Span verb = s.TokenSpan(i, i + 1);
    for (const auto& [party, j] : parties) {
      Event e = (*events)[j];
      e.source = mediator;
      e.target = party;
      e.cameo = mediate->code;
      e.root = mediate->code.substr(0, 2);
      e.plover = mediate->plover;
      e.goldstein = mediate->goldstein;
      e.quad_class = mediate->quad_class;
      e.why.verb = verb;
      e.why.pattern = "mediation named beside the parties' act (AddMediation)";
      e.why.entries = s.mentions[k].entries;
      e.why.note.clear();
      e.id = EventId(doc_.hash, s.index, verb, e.source.code, party.code, e.cameo);
      events->push_back(std::move(e));
    }
    return;
  }
}

namespace {

// True when mention `k` is a state named alone (StateNamedAlone) right after "in", "inside",
// "throughout" or "across", with "the" and direction words between ("in southern Lebanon", "in
// the Congo"), and the preposition does not follow a noun of interest or involvement ("a role in
// Iraq", "interference in Lebanon").
bool StateNamedAloneAfterIn(const SentenceView& s, int k) {
  if (!StateNamedAlone(s, k)) return false;
  const int p = WordBeforePlaceName(s, k);
  if (p < 0 || !In(s.lower[p], {"in", "inside", "throughout", "across"})) return false;
  if (p >= 1 && In(s.lemma[p - 1], {"interest", "role", "involvement", "interference", "interfere", "meddling", "meddle",
                                    "investment", "invest", "stake", "influence", "presence", "intervention",
                                    "intervene", "believe", "ambassador", "envoy", "embassy", "confidence", "trust",
                                    "faith", "change", "reform", "democracy", "election", "elections"}))
    return false;
  return true;
}

// The bytes `verb` of `text`, lower-cased; empty when the span is empty or out of range.
std::string LowerVerbAt(const std::string& text, const Span& verb) {
  if (verb.begin >= verb.end || verb.end > text.size()) return "";
  return LowerWord(std::string_view(text).substr(verb.begin, verb.end - verb.begin));
}

// True when the bytes `verb` of `text` are "killing", "wounding" or "injuring" right after a
// comma (", killing two"): the toll of an act told before it.
bool ResultParticipleAt(const std::string& text, const Span& verb) {
  const std::string w = LowerVerbAt(text, verb);
  if (w != "killing" && w != "wounding" && w != "injuring") return false;
  size_t b = verb.begin;
  while (b > 0 && text[b - 1] == ' ') --b;
  return b > 0 && text[b - 1] == ',';
}

// True when the bytes `verb` of `text` are a finite form of kill, wound or injure ("killed",
// "kills", "wounded", "injured").
bool TollVerbAt(const std::string& text, const Span& verb) {
  const std::string w = LowerVerbAt(text, verb);
  return w == "killed" || w == "kills" || w == "wounded" || w == "wounds" || w == "injured" || w == "injures";
}

// True when text[from, to) holds no clause break: no , ; : and no "and", "but", "while",
// "after", "before", "when", "as", "who", "which", "that" as words.
bool NoClauseBreak(const std::string& text, size_t from, size_t to) {
  std::string_view v = std::string_view(text).substr(from, to - from);
  if (v.find_first_of(",;:") != std::string_view::npos) return false;
  std::string lower = LowerWord(v);
  for (const char* w : {" and ", " but ", " while ", " after ", " before ", " when ", " as ", " who ", " which ",
                        " that "})
    if ((" " + lower + " ").find(w) != std::string::npos) return false;
  return true;
}

}  // namespace

// Last stage of Code: what the document remembers of the sentence for the next ones (the
// latest place, the mentions that a later pronoun or "the group" may stand for, the latest named
// person, body and armed group). Reads the sentence, whether an event set a location
// (`set_location`), whether any match was found, and the sentence's events (from `first_event`).
void SentenceCoder::UpdateDocumentContext(const SentenceView& s, bool set_location,
                                          const std::vector<PatternMatch>& matches, size_t first_event,
                                          const std::vector<Event>* events) {
  // A place named after "in/at" in a sentence that set no location is still the document's
  // latest place ("presided over a parade in Beijing." ... "Leaders from 26 countries attended").
  if (!set_location) {
    for (const auto& hit : s.places) {
      int f = hit.first;
      while (f > 0 && s.lower[f - 1] == "the") --f;
      if (hit.place >= 0 && s.IsLocativePreposition(f - 1) && s.lower[f - 1] != "from") {
        Location l = PlaceLocation(s, static_cast<int>(&hit - s.places.data()));
        l.span = Span{};
        ds_.last_location = l;
      }
    }
  }
  ds_.earlier_mentions = std::move(ds_.prev_mentions);
  ds_.earlier_mention_entries = std::move(ds_.prev_mention_entries);
  ds_.prev_mentions.clear();
  ds_.prev_mention_entries.clear();
  ds_.prev_place_countries.clear();
  for (const auto& h : s.places)
    if (h.place >= 0 && h.mention < 0 && !k_.lexicon.place_list[h.place].country.empty())
      ds_.prev_place_countries.push_back(k_.lexicon.place_list[h.place].country);
  for (const auto& am : s.mentions) {
    ds_.prev_mentions.emplace_back(am.kind, am.actor);
    ds_.prev_mention_entries.push_back(am.entries);
    // A title with no country ("the President") is kept as the sentence's events coded it
    // (ZWEGOV from the only state named), so that a later "he" may stand for it.
    if (am.actor.country.empty() && am.kind == actors::ActorMention::Kind::kAgent && IsPersonRef(am.actor))
      for (size_t e = first_event; e < events->size(); ++e)
        for (const ActorRef* x : {&(*events)[e].source, (*events)[e].target ? &*(*events)[e].target : nullptr})
          if (x && x->span.begin == am.actor.span.begin && x->span.end == am.actor.span.end && !x->country.empty() &&
              ds_.prev_mentions.back().second.country.empty())
            ds_.prev_mentions.back().second = *x;
    if (ArmedGroupSector(am.actor.sector) && !am.actor.country.empty()) {
      ds_.last_armed_group = am.actor;
      ds_.last_armed_group_entries = am.entries;
    }
  }
  // A named person as the first mention of the sentence is the antecedent of a later "he"; a
  // state or body opening a sentence with no act ("The ministry said on Friday ...") that of a
  // later "it".
  if (!s.mentions.empty() && !s.mentions.front().actor.name.empty() &&
      s.mentions.front().kind == actors::ActorMention::Kind::kPerson && matches.empty()) {
    ds_.last_source = s.mentions.front().actor;
    ds_.last_source_entries = s.mentions.front().entries;
  }
  if (!s.mentions.empty() && matches.empty() && s.mention_range.front().first <= 1 &&
      s.mention_at[s.mention_range.front().first] == 0 && BodyMention(s, 0)) {
    ds_.last_body = s.mentions.front().actor;
    ds_.last_body_sentence = s.index;
    ds_.last_body_entries = s.mentions.front().entries;
  }
}

// Stage of Code after every match is coded: drops an event of the sentence (from `first_event`)
// that tells again an act another event of the sentence already codes (rules below), and moves
// the indices in ds_.progressive with the events kept.
void SentenceCoder::DropToldTwice(size_t first_event, std::vector<Event>* events) {
  std::vector<Event> kept;
  std::vector<size_t> new_index(events->size() - first_event, SIZE_MAX);
  bool dropped = false;
  for (size_t i = first_event; i < events->size(); ++i) {
    const Event& e = (*events)[i];
    bool twice = false;
    // "killed 23 people ... when they blew themselves up in Tel Aviv": an event with no target of
    // the same source, root and modality as one with a target in the sentence is the same act
    // told twice.
    if (!e.target)
      for (size_t j = first_event; j < events->size() && !twice; ++j) {
        const Event& o = (*events)[j];
        twice = j != i && o.target && o.root == e.root && o.source.code == e.source.code &&
                o.modality == e.modality;
      }
    // "Rioters torched cars and looted shops ... in protest against President Suharto": one
    // riot told by two verbs; a protest (14x) aimed at a bare state is the same protest as one
    // of the same source and code aimed at an actor of that state.
    if (!twice && e.root == "14" && e.target && e.target->code.size() == 3 && e.target->code == e.target->country)
      for (size_t j = first_event; j < events->size() && !twice; ++j) {
        const Event& o = (*events)[j];
        twice = j != i && o.target && o.cameo == e.cameo && o.source.code == e.source.code &&
                o.modality == e.modality && o.target->country == e.target->country &&
                o.target->code != e.target->code;
      }
    // "Suharto resigned, bowing to months of protests": a general concession (080) beside a
    // named one (08x) by the same source is that concession told twice.
    if (!twice && e.cameo == "080")
      for (size_t j = first_event; j < events->size() && !twice; ++j) {
        const Event& o = (*events)[j];
        twice = j != i && o.root == "08" && o.cameo != "080" && o.source.code == e.source.code &&
                o.modality == e.modality;
      }
    // "opened fire on the crowd, killing two", "shelled the town, wounding 15": a participle
    // of killing or wounding after a comma tells the toll of an act of force coded before it
    // in the sentence by the same source, not an act of its own.
    if (!twice && (e.root == "18" || e.root == "19" || e.root == "20") && ResultParticipleAt(doc_.text, e.why.verb))
      for (size_t j = first_event; j < events->size() && !twice; ++j) {
        const Event& o = (*events)[j];
        twice = j != i && o.why.verb.begin < e.why.verb.begin && o.source.code == e.source.code &&
                o.modality == e.modality && (o.root == "19" || o.root == "20" || o.root == "18") &&
                !ResultParticipleAt(doc_.text, o.why.verb);
      }
    // "U.S. airstrikes against al-Qaida operatives killed 20 militants": killing whose subject is
    // an act of force named just before it (no clause break between) is that act's toll.
    if (!twice && (e.root == "18" || e.root == "19" || e.root == "20") && TollVerbAt(doc_.text, e.why.verb))
      for (size_t j = first_event; j < events->size() && !twice; ++j) {
        const Event& o = (*events)[j];
        twice = j != i && (o.root == "19" || o.root == "20" || o.root == "18") && o.modality == e.modality &&
                o.why.verb.end <= e.why.verb.begin && e.why.verb.begin - o.why.verb.end < 160 &&
                (o.source.code == e.source.code || e.source.sector == "UAF") &&
                NoClauseBreak(doc_.text, o.why.verb.end, e.why.verb.begin);
      }
    dropped = dropped || twice;
    if (!twice) {
      new_index[i - first_event] = first_event + kept.size();
      kept.push_back(e);
    }
  }
  if (dropped) {
    events->resize(first_event);
    for (auto& e : kept) events->push_back(std::move(e));
    // Indices of progressive events told in this sentence move with the events.
    std::vector<size_t> prog;
    for (size_t pi : ds_.progressive) {
      if (pi < first_event) prog.push_back(pi);
      else if (new_index[pi - first_event] != SIZE_MAX) prog.push_back(new_index[pi - first_event]);
    }
    ds_.progressive = std::move(prog);
  }
}

// Stage 2 of Code, for match `mi` (called for each match in order): turns the match into events
// appended to `events`, as a sequence of steps over one EventDraft: FindRoles (source and target
// mentions, pronouns, implied targets, a shared source, passives), ResolveActors (place, actors,
// implied sources), ImpliedTargets (places and visits), ModalityDateAndCode and EmitEvents (one
// event per source/target pair, provenance). Each step reads and writes the sentence's coding
// state `st`; the match is dropped (no event) when a step returns false.
void SentenceCoder::CodeMatch(const SentenceView& s, size_t mi, SentenceCoding* st, std::vector<Event>* events) {
  EventDraft d;
  if (!FindRoles(s, mi, st, &d)) return;
  if (!ResolveActors(s, mi, events, st, &d)) return;
  if (!ImpliedTargets(s, mi, events, st, &d)) return;
  if (!ModalityDateAndCode(s, mi, events, st, &d)) return;
  EmitEvents(s, &d, events);
}

void SentenceCoder::Code(const SentenceView& s, std::vector<Event>* events) {
  const int n = s.size();
  MatchScan scan;
  scan.consumed.assign(n, false);
  for (int i = 0; i < n; ++i) FindMatchAt(s, i, &scan);
  SentenceCoding st;
  st.first_event = events->size();
  st.matches = std::move(scan.matches);
  st.sources.resize(st.matches.size());
  st.match_targets.resize(st.matches.size());
  st.described.assign(st.matches.size(), false);
  for (size_t mi = 0; mi < st.matches.size(); ++mi) CodeMatch(s, mi, &st, events);
  const size_t first_event = st.first_event;
  DropToldTwice(first_event, events);
  AddMediation(s, first_event, events);
  UpdateDocumentContext(s, st.set_location, st.matches, first_event, events);
}

namespace {

// "TOKYO, Oct. 4 (entente wire) -" or "VOSTOCHNY COSMODROME, Russia, Sept. 13 (wire) -" at the
// start of the first sentence: returns the token count up to and including the dash (0 when
// there is none) and the span of the leading upper-case place words.
int InlineDateline(const Document& doc, Span* place) {
  if (doc.sentences.empty()) return 0;
  const Sentence& s = doc.sentences[0];
  int n = static_cast<int>(std::min<uint32_t>(s.size(), 25));
  auto tok = [&](int i) { return doc.TokenText(s.first_token + i); };
  auto flags = [&](int i) { return doc.tokens[s.first_token + i].flags; };
  int i = 0;
  while (i < n && (flags(i) & Token::kAllCaps) && doc.tokens[s.first_token + i].kind == TokenKind::kWord) ++i;
  if (i == 0 || i >= n || tok(i) != ",") return 0;
  if (tok(0).size() < 2) return 0;
  *place = Span{doc.tokens[s.first_token].span.begin, doc.tokens[s.first_token + i - 1].span.end};
  bool in_paren = false;
  for (int j = i; j < n; ++j) {
    std::string_view w = tok(j);
    if (w == "(") in_paren = true;
    if (w == ")") in_paren = false;
    if (w == "-" || w == "\xe2\x80\x94" || w == "\xe2\x80\x93" || w == "--") {
      bool paren = false;
      for (int q = i; q < j; ++q) paren = paren || tok(q) == ")";
      return paren || j - i <= 6 ? j + 1 : 0;
    }
    if (doc.tokens[s.first_token + j].kind == TokenKind::kWord && !(flags(j) & Token::kCapitalized) && !in_paren)
      return 0;  // running text: no dateline
  }
  return 0;
}

// Per token of the sentence (n tokens): whether an actor mention covers it.
std::vector<bool> CoveredTokens(const std::vector<actors::ActorMention>& mentions, const Sentence& sent, int n) {
  std::vector<bool> covered(n, false);
  for (const auto& am : mentions)
    for (uint32_t t = am.first_token; t < am.end_token; ++t)
      if (t >= sent.first_token && t < sent.first_token + n) covered[t - sent.first_token] = true;
  return covered;
}

// First-person words that stand for the speaker of a speech or statement: "we", "us", "I",
// and "our/my" + country, nation, state, people, government, delegation. Mentions are added
// for those not already inside an actor mention, kept in token order. "my/our government"
// is the speaker state's government (GOV) when the speaker is a bare state; "our" before an
// agent of no country ("our troops") gives the agent the speaker's state.
void AddSpeakerMentions(const ActorRef& speaker, const Document& doc, const Sentence& sent, const SentenceView& v,
                        std::vector<actors::ActorMention>* mentions) {
  int n = v.size();
  std::vector<bool> covered = CoveredTokens(*mentions, sent, n);
  std::vector<actors::ActorMention> added;
  for (int i = 0; i < n; ++i) {
    if (covered[i]) continue;
    const std::string& w = v.lower[i];
    std::string_view raw = doc.TokenText(sent.first_token + i);
    int end = -1;
    bool government = false;
    if (w == "we" || (w == "us" && raw != "US" && raw != "U.S.") || raw == "I") {
      end = i + 1;
      // "World War I", "Phase I": a capitalized word before "I" makes it a numeral.
      if (raw == "I" && i > 0 && (v.flags[i - 1] & Token::kCapitalized) && !v.IsBoundary(i - 1) &&
          v.lower[i - 1] != "\"")
        end = -1;
    } else if ((w == "our" || w == "my") && i + 1 < n && covered[i + 1]) {
      // "our government", "my people", "our troops": an agent of the speaker's state.
      for (auto& am : *mentions) {
        if (am.first_token != sent.first_token + i + 1 || am.kind != actors::ActorMention::Kind::kAgent ||
            !am.actor.country.empty() || speaker.country.empty())
          continue;
        am.actor.country = speaker.country;
        am.actor.code = speaker.country + am.actor.sector;
        am.entries.push_back("speaker " + speaker.code + " (first person: " + std::string(raw) + ")");
      }
      continue;
    } else if ((w == "our" || w == "my") && i + 1 < n && !covered[i + 1]) {
      const std::string& x = v.lower[i + 1];
      if (x == "country" || x == "nation" || x == "state" || x == "people" || x == "delegation" ||
          x == "government" || x == "republic") {
        end = i + 2;
        government = x == "government" || x == "delegation";
      }
    }
    if (end < 0) continue;
    actors::ActorMention am;
    am.first_token = sent.first_token + i;
    am.end_token = sent.first_token + end;
    am.actor = speaker;
    if (government && !speaker.country.empty() && speaker.sector.empty()) {
      am.actor.sector = "GOV";
      am.actor.code = speaker.country + "GOV";
    }
    am.kind = !speaker.country.empty() ? actors::ActorMention::Kind::kState
                                       : actors::ActorMention::Kind::kOrganisation;
    am.actor.span = Span{doc.tokens[am.first_token].span.begin, doc.tokens[am.end_token - 1].span.end};
    am.actor.text = std::string(doc.Text(am.actor.span));
    am.entries.push_back("speaker " + speaker.code + " (first person: " + am.actor.text + ")");
    added.push_back(std::move(am));
    i = end - 1;
  }
  if (added.empty()) return;
  for (auto& am : added) mentions->push_back(std::move(am));
  std::stable_sort(mentions->begin(), mentions->end(),
                   [](const actors::ActorMention& a, const actors::ActorMention& b) { return a.first_token < b.first_token; });
}

// "in the Sea of Japan", "the Gulf of Oman", "the South China Sea", "the Bay of Bengal": a state
// named inside the name of a sea, gulf, bay, strait or ocean ("<water> of X", "X Sea") is part of
// a place, no actor (the water is no target, nor is the state it is named after). Not "the
// Taiwan Strait": forces along it face Taiwan.
void DropStatesInWaterNames(const Document& doc, const Sentence& sent, const SentenceView& v,
                            std::vector<actors::ActorMention>* mentions) {
  const int n = v.size();
  auto water = [&](int t) {
    return t >= 0 && t < n && (v.flags[t] & Token::kCapitalized) &&
           In(v.lower[t], {"sea", "gulf", "bay", "strait", "straits", "ocean"});
  };
  std::vector<actors::ActorMention> kept;
  for (auto& am : *mentions) {
    int f = static_cast<int>(am.first_token) - static_cast<int>(sent.first_token);
    int e = static_cast<int>(am.end_token) - static_cast<int>(sent.first_token);
    bool drop = false;
    if (am.kind == actors::ActorMention::Kind::kState && f >= 0 && e <= n) {
      drop = (f >= 2 && v.lower[f - 1] == "of" && water(f - 2)) || (e < n && v.lower[e] == "sea" && water(e));
    }
    if (!drop) kept.push_back(std::move(am));
  }
  (void)doc;
  *mentions = std::move(kept);
}

// A state or capital named next to a capitalised word outside every mention ("Paris Hilton",
// "Michael Jordan said") is dropped when the entity tags of sentence `si` put it inside a
// longer person's name. The tags are asked for (tag_entities) only for such sentences, and only
// when the tokens carry none; a sentence without tags keeps its mentions. (Without tags, the
// actor index's person_name rule, actors/actor_match.cc, covers "Jordan", "Chad", "Georgia".)
// A state named right before "nationality", "citizenship" or "passport(s)" ("was given Serbian
// nationality", "holds a British passport") names a legal status, not an actor: dropped.
void DropStatesBeforeStatusNouns(const Document& doc, const Sentence& sent,
                                 std::vector<actors::ActorMention>* mentions) {
  mentions->erase(std::remove_if(mentions->begin(), mentions->end(),
                                 [&](const actors::ActorMention& am) {
                                   if (am.kind != actors::ActorMention::Kind::kState || !am.actor.sector.empty() ||
                                       am.end_token >= sent.end_token)
                                     return false;
                                   const std::string next = LowerWord(doc.TokenText(am.end_token));
                                   return In(next, {"nationality", "citizenship", "passport", "passports"});
                                 }),
                  mentions->end());
}

// "the Syrian side of the border": a state's "side" followed by "of" is part of a place, not
// the state's delegation (data/actors/agents.txt reads "the Chinese side" as CHNGOV); the
// mention keeps the state alone.
void StatesOnPlaceSides(const Document& doc, const Sentence& sent, std::vector<actors::ActorMention>* mentions) {
  for (auto& am : *mentions) {
    if (am.end_token >= sent.end_token || am.end_token <= am.first_token + 1 || am.actor.country.empty()) continue;
    if (LowerWord(doc.TokenText(am.end_token - 1)) != "side" || LowerWord(doc.TokenText(am.end_token)) != "of")
      continue;
    am.end_token -= 1;
    am.actor.code = am.actor.country;
    am.actor.sector.clear();
    am.kind = actors::ActorMention::Kind::kState;
  }
}

void DropStatesInPersonNames(const Document& doc, size_t si, const EntityTagging& tag_entities,
                             std::vector<actors::ActorMention>* mentions) {
  const Sentence& sent = doc.sentences[si];
  auto covered = [&](uint32_t t) {
    for (const auto& am : *mentions)
      if (am.first_token <= t && t < am.end_token) return true;
    return false;
  };
  auto free_capital = [&](uint32_t t) {
    const Token& tok = doc.tokens[t];
    return tok.kind == TokenKind::kWord && (tok.flags & Token::kCapitalized) && !covered(t);
  };
  auto suspect = [&](const actors::ActorMention& am) {
    if (am.kind != actors::ActorMention::Kind::kState && am.kind != actors::ActorMention::Kind::kCapital)
      return false;
    // A metonym ("Pope Francis": VATGOV, "the Kremlin") names an institution, not a state one
    // may share a name with.
    if (am.kind == actors::ActorMention::Kind::kState && !am.actor.sector.empty()) return false;
    return (am.end_token < sent.end_token && free_capital(am.end_token)) ||
           (am.first_token > sent.first_token + 1 && free_capital(am.first_token - 1));
  };
  if (std::none_of(mentions->begin(), mentions->end(), suspect)) return;
  auto untagged = [&] {
    for (uint32_t t = sent.first_token; t < sent.end_token; ++t)
      if (doc.tokens[t].ner.empty()) return true;
    return false;
  };
  if (untagged() && (!tag_entities || !tag_entities(si).ok() || untagged())) return;
  // The person span around token t: [first, end), or {t, t} when t is no person.
  auto person_span = [&](uint32_t t) -> std::pair<uint32_t, uint32_t> {
    const std::string& tag = doc.tokens[t].ner;
    if (tag != "B-PER" && tag != "I-PER") return {t, t};
    uint32_t first = t, end = t + 1;
    while (first > sent.first_token && doc.tokens[first].ner == "I-PER") --first;
    while (end < sent.end_token && doc.tokens[end].ner == "I-PER") ++end;
    return {first, end};
  };
  std::vector<bool> drop(mentions->size(), false);
  for (size_t k = 0; k < mentions->size(); ++k) {
    const actors::ActorMention& am = (*mentions)[k];
    if (!suspect(am)) continue;
    auto [first, end] = person_span(am.first_token);
    drop[k] = first <= am.first_token && am.end_token <= end && end - first > am.end_token - am.first_token;
  }
  size_t out = 0;
  for (size_t k = 0; k < mentions->size(); ++k) {
    if (drop[k]) continue;
    if (out != k) (*mentions)[out] = std::move((*mentions)[k]);
    ++out;
  }
  mentions->resize(out);
}

// The mention of sentence view `v` (index into `mentions`) that describes the words [f, end)
// (a person's name): one reached from them over at most four tokens that are commas (one),
// determiners, possessives, "of"/"for", role nouns or capitalised words outside every mention
// ("Gazprom chief executive Alexei Miller", "Federal Minister for Interior Aftab Sherpao",
// "Kenzo Oshima, the U.N. relief coordinator"); the nearer side first, left before right. -1
// when none does. `mentions` are `v`'s (document token ranges).
int DescribingMention(const SentenceView& v, const std::vector<actors::ActorMention>& mentions, int f, int end) {
  const uint32_t first = v.sentence->first_token;
  const int n = v.size();
  auto mention_at = [&](int t) {
    for (size_t m = 0; m < mentions.size(); ++m)
      if (mentions[m].first_token <= first + t && first + t < mentions[m].end_token) return static_cast<int>(m);
    return -1;
  };
  auto passable = [&](int t) {
    const std::string& w = v.lower[t];
    return In(w, {"the", "a", "an", "'s", "'", "of", "for"}) ||
           In(w, {"chief", "executive", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
                  "minister", "secretary", "director", "chairman", "chairwoman", "head", "leader", "official",
                  "adviser", "advisor", "aide", "commander", "president", "premier", "general", "governor",
                  "mayor", "coordinator", "representative", "deputy", "vice", "senior", "former", "wife",
                  "husband", "son", "daughter", "brother", "sister", "counterpart", "member", "founder",
                  "editor", "correspondent", "negotiator", "lawmaker", "candidate"}) ||
           ((v.flags[t] & Token::kCapitalized) && !v.IsBoundary(t));
  };
  for (int dir : {-1, 1}) {
    int commas = 0;
    for (int t = dir < 0 ? f - 1 : end, steps = 0; t >= 0 && t < n && steps <= 4; t += dir, ++steps) {
      if (int m = mention_at(t); m >= 0) return m;
      if (v.lower[t] == "," && ++commas == 1) continue;
      if (v.IsBoundary(t) || !passable(t)) break;
    }
  }
  return -1;
}

// People the actor index does not know, found by the entity tagger: a PER entity of sentence
// `si` none of whose words an actor mention covers becomes a person mention ("Triet criticised
// the French government": the source is Triet, not nobody or an actor named further away).
// - Not taken: a name a mention beside it describes (DescribingMention: that mention stands
//   for it; a bare state's mention so takes the name as its own), one set off by commas (", his wife, Ri Sol Ju,"), one before "family", "dynasty",
//   "clan", "era" or "regime", and organisations (the tagger's ORG spans are too often wrong,
//   treaties and forums, or name what a mention covers better: "the opposition newspaper La
//   Prensa"). A leading "the" and a possessive are left out.
// - A one-word name counts only as a surname written earlier in the document after a
//   capitalised word ("Triet" after "Justine Triet"), and is taken even when the tagger left it
//   untagged. (From the words alone, since earlier sentences may carry no tags here; `entente
//   actors unknown`, which tags every sentence, joins a surname to an earlier tagged full name
//   instead: coder/unknown_names.cc.)
// - The mention's actor is that of the mention which described the name where it was first
//   written in full, when that mention names a country and a sector ("Russian opposition
//   leader Ilya Yashin ... Yashin said": RUSOPP; not "French director Justine Triet", where
//   "French" is only her nationality, nor "Ambassador Georgy Zinoviev", whose country only
//   the context gives); else it has no code and no country. Its name is the full one.
// - The entity tags are asked for (tag_entities) only for a sentence where a run of
//   capitalised name words outside every mention stands beside a pattern's anchor
//   (`candidate` below, decided from the words alone, so the lazy pipeline codes what full
//   annotation codes, and the tagger runs on few sentences). Without tags (fast mode) nothing
//   is added.
// `views` holds the sentences up to `si`. Where such a person may take part in an event: the
// rule before `Event e` in SentenceCoder::Code.
void AddUnknownPersonMentions(const CoderKnowledge& k, const Document& doc, size_t si,
                              const std::vector<SentenceView>& views, const EntityTagging& tag_entities,
                              std::vector<actors::ActorMention>* mentions) {
  const Sentence& sent = doc.sentences[si];
  const SentenceView& v = views[si];
  const int n = v.size();
  std::vector<bool> covered = CoveredTokens(*mentions, sent, n);
  auto free_capital = [&](int i) {
    return i >= 0 && i < n && !covered[i] && (v.flags[i] & Token::kCapitalized) && !v.IsBoundary(i) &&
           doc.tokens[sent.first_token + i].kind == TokenKind::kWord;
  };
  // The head noun of a body, document or event ("Trusteeship Council", "Second World War").
  auto body_head = [](std::string_view w) {
    return In(w, {"council", "conference", "committee", "assembly", "organization", "organisation", "commission",
                  "charter", "war", "nations", "states", "union", "party", "court", "ministry", "government",
                  "agency", "bank", "fund", "treaty", "declaration", "convention", "agreement", "programme",
                  "program", "office", "group", "forum", "summit", "army", "forces", "front", "movement", "act",
                  "plan", "initiative", "goals", "day", "year", "river", "sea", "ocean"});
  };
  // A surname: written earlier in the document after a capitalised word ("Justine Triet"); not
  // a word of a body, document or title written so ("Durban Declaration", "Development Goals",
  // "Caribbean Community", "Sierra Leone's President").
  auto earlier_surname = [&](std::string_view word) {
    const std::string w = LowerWord(word);
    if (EndsWith(w, "tion") || EndsWith(w, "sion") || EndsWith(w, "ment") || EndsWith(w, "ity") ||
        EndsWith(w, "ship") || EndsWith(w, "ism") || EndsWith(w, "ance") || EndsWith(w, "ence") || body_head(w) ||
        In(w, {"state", "president", "region", "caribbean", "congress", "parliament", "republic", "kingdom", "house"}))
      return false;
    for (uint32_t t = sent.first_token; t-- > 1;) {
      const Token& prev = doc.tokens[t - 1];
      if (doc.TokenText(t) == word && prev.kind == TokenKind::kWord && (prev.flags & Token::kCapitalized)) return true;
    }
    return false;
  };
  // A pattern's anchor that is no auxiliary ("is", "have", "would").
  auto anchor = [&](int i) {
    return i >= 0 && i < n &&
           !In(v.lemma[i], {"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should",
                            "must"}) &&
           (k.patterns.ForAnchor(v.lemma[i]) || k.patterns.ForAnchor(v.lower[i]));
  };
  // An anchor after an apposition set off by commas and auxiliaries: up to three comma-separated
  // parts within fourteen words ("Daniel Montalvo, 19, a member of Scientology, was arrested";
  // "Ahmed Mohamed, a boy from Irving, Texas, was arrested").
  auto anchor_after_apposition = [&](int e) {
    if (e >= n || v.lower[e] != ",") return false;
    int j = e;
    for (int part = 0; part < 3; ++part) {
      ++j;
      while (j < n && j <= e + 14 && v.lower[j] != "," && !v.IsBoundary(j)) ++j;
      if (j >= n || v.lower[j] != ",") return false;
      int k = j + 1;
      while (k < n && In(v.lower[k], {"was", "were", "has", "have", "had", "been", "later", "then"})) ++k;
      if (k < n && anchor(k)) return true;
    }
    return false;
  };
  // A word that can be part of a person's name: not a determiner, pronoun or "I".
  auto name_word = [&](int i) {
    return free_capital(i) && doc.TokenText(sent.first_token + i).size() >= 2 &&
           !In(v.lower[i], {"the", "a", "an", "this", "that", "these", "those", "we", "it", "he", "she", "they",
                            "his", "her", "its", "our", "their", "my", "your", "in", "on", "at", "for", "with",
                            "as", "if", "when", "while", "but", "and", "or", "all", "some", "many", "no"});
  };
  // Worth the entity tagger: a run of two or more name words outside every mention, or one
  // that is an earlier surname, not ending in the head noun of a body or event (body_head), with
  // a pattern's anchor right before it or at most two
  // words after it ("detained Ales Bialiatski", "Peter Szabo had met").
  bool candidate = false;
  for (int i = 0; i < n && !candidate;) {
    if (!name_word(i)) {
      ++i;
      continue;
    }
    int e = i + 1;
    while (name_word(e)) ++e;
    candidate = !body_head(v.lower[e - 1]) &&
                (anchor(i - 1) || anchor(e) || anchor(e + 1) || anchor(e + 2) || anchor_after_apposition(e)) &&
                (e - i >= 2 || earlier_surname(doc.TokenText(sent.first_token + i)));
    i = e;
  }
  if (!candidate) return;
  auto untagged = [&] {
    for (uint32_t t = sent.first_token; t < sent.end_token; ++t)
      if (doc.tokens[t].ner.empty()) return true;
    return false;
  };
  if (untagged() && (!tag_entities || !tag_entities(si).ok() || untagged())) return;
  auto ner = [&](int i) -> const std::string& { return doc.tokens[sent.first_token + i].ner; };
  std::vector<actors::ActorMention> added;
  for (int i = 0; i < n;) {
    // The tagger's people, and surnames it missed that the document wrote in full before
    // ("Russian opposition leader Ilya Yashin ... On Monday Yashin criticised": no tag).
    // (Not the first word, capitalised anyway: "Police arrested ..." after "Capitol Police".)
    const bool missed_surname = i > 0 && ner(i) == "O" && name_word(i) && !name_word(i + 1) &&
                                earlier_surname(doc.TokenText(sent.first_token + i));
    if (ner(i) != "B-PER" && !missed_surname) {
      ++i;
      continue;
    }
    int e = i + 1;
    while (e < n && ner(e) == "I-PER") ++e;
    int f = i, end = e;
    i = e;
    if (v.lower[f] == "the" && end - f > 1) ++f;
    while (end - f > 1 && (v.lower[end - 1] == "'s" || v.lower[end - 1] == "'")) --end;
    bool free = true;
    for (int t = f; t < end; ++t) free = free && !covered[t] && !v.IsBoundary(t) && (v.flags[t] & Token::kCapitalized);
    if (!free) continue;
    if (const int dm = DescribingMention(v, *mentions, f, end); dm >= 0) {
      // "Mohammed Yousef, a Pakistani shopkeeper,": a state's adjective or name describing the
      // person stands for that person of the state, and carries the name (a named actor of the
      // state's code is not the state: it acts on the state's institutions).
      ActorRef& d = (*mentions)[dm].actor;
      if ((*mentions)[dm].kind == actors::ActorMention::Kind::kState && !d.country.empty() && d.code == d.country &&
          d.name.empty())
        d.name = std::string(doc.Text(Span{doc.tokens[sent.first_token + f].span.begin,
                                           doc.tokens[sent.first_token + end - 1].span.end}));
      continue;
    }
    if (f > 0 && v.lower[f - 1] == "," && end < n && v.lower[end] == ",") continue;  // ", his wife, Ri Sol Ju,"
    if (end < n && In(v.lower[end], {"family", "families", "dynasty", "clan", "era", "regime"})) continue;
    const uint32_t df = sent.first_token + f, de = sent.first_token + end;
    std::string name(doc.Text(Span{doc.tokens[df].span.begin, doc.tokens[de - 1].span.end}));
    // Where the name was first written in full, before this sentence: its first and last
    // document tokens ([full_first, full_end)); a surname needs a capitalised word before it.
    uint32_t full_first = 0, full_end = 0;
    for (uint32_t t = 0; t + (de - df) <= sent.first_token && full_end == 0; ++t) {
      bool same = true;
      for (uint32_t q = 0; q < de - df && same; ++q) same = doc.TokenText(t + q) == doc.TokenText(df + q);
      if (!same) continue;
      const bool prev_capital = t > 0 && doc.tokens[t - 1].kind == TokenKind::kWord &&
                                (doc.tokens[t - 1].flags & Token::kCapitalized);
      if (de - df == 1 && !prev_capital) continue;
      full_first = de - df == 1 ? t - 1 : t;  // a surname with the word before it
      full_end = t + (de - df);
    }
    if (de - df == 1 && full_end == 0) continue;
    actors::ActorMention am;
    am.kind = actors::ActorMention::Kind::kPerson;
    am.first_token = df;
    am.end_token = de;
    std::string full = full_end ? std::string(doc.Text(Span{doc.tokens[full_first].span.begin,
                                                             doc.tokens[full_end - 1].span.end}))
                                : name;
    // The actor of the mention that described the full name where it was written.
    for (size_t j = 0; j < si && full_end; ++j) {
      const Sentence& earlier = doc.sentences[j];
      if (full_first < earlier.first_token || full_end > earlier.end_token || views[j].sentence == nullptr) continue;
      const SentenceView& w = views[j];
      int m = DescribingMention(w, w.mentions, static_cast<int>(full_first - earlier.first_token),
                                static_cast<int>(full_end - earlier.first_token));
      if (m >= 0 && !w.mentions[m].actor.country.empty() && !w.mentions[m].actor.sector.empty()) {
        am.actor = w.mentions[m].actor;
        am.entries = w.mentions[m].entries;
        am.entries.push_back("'" + name + "' is '" + full + "', described in sentence " + std::to_string(j + 1) +
                             " as '" + w.mentions[m].actor.text + "' (" + w.mentions[m].actor.code + ")");
      }
    }
    am.actor.span = Span{doc.tokens[df].span.begin, doc.tokens[de - 1].span.end};
    am.actor.text = name;
    am.actor.name = full;
    if (am.entries.empty()) am.entries.push_back("entity tagger: person '" + full + "', no actor of the knowledge base");
    added.push_back(std::move(am));
  }
  if (added.empty()) return;
  for (auto& am : added) mentions->push_back(std::move(am));
  std::stable_sort(mentions->begin(), mentions->end(),
                   [](const actors::ActorMention& a, const actors::ActorMention& b) { return a.first_token < b.first_token; });
}

// "A spokesman for the Sri Lankan army", "a spokeswoman for Kenya's opposition": a
// spokesperson of no state named before the word, followed by "for" / "of" (and "the") and a
// mention with a code, speaks for that mention's actor and takes it (LKAMIL, KENOPP); the
// two mentions become one.
void MergeSpokespeople(const Document& doc, const Sentence& sent, const SentenceView& v,
                       std::vector<actors::ActorMention>* mentions) {
  const int n = v.size();
  for (size_t k = 0; k + 1 < mentions->size(); ++k) {
    actors::ActorMention& sp = (*mentions)[k];
    const int e = static_cast<int>(sp.end_token) - static_cast<int>(sent.first_token);
    if (e < 1 || e >= n || sp.kind != actors::ActorMention::Kind::kAgent || !sp.actor.country.empty() ||
        !In(v.lower[e - 1], {"spokesman", "spokeswoman", "spokesperson"}) || !In(v.lower[e], {"for", "of"}))
      continue;
    const int f = e + 1 < n && v.lower[e + 1] == "the" ? e + 2 : e + 1;
    actors::ActorMention& of = (*mentions)[k + 1];
    if (static_cast<int>(of.first_token) - static_cast<int>(sent.first_token) != f || of.actor.code.empty()) continue;
    const Span span{sp.actor.span.begin, of.actor.span.end};
    std::vector<std::string> entries = sp.entries;
    entries.insert(entries.end(), of.entries.begin(), of.entries.end());
    entries.push_back("'" + sp.actor.text + "' speaks for '" + of.actor.text + "'");
    sp.kind = of.kind;
    sp.actor = of.actor;
    sp.actor.span = span;
    sp.actor.text = std::string(doc.Text(span));
    sp.end_token = of.end_token;
    sp.entries = std::move(entries);
    mentions->erase(mentions->begin() + static_cast<long>(k) + 1);
  }
}

// "52 members of the banned Movement for the Actualization of the Sovereign State of Biafra",
// "supporters of the Odua Peoples Congress": people of a group whose name the actor index does
// not know (its first word is no actor; names it knows inside, "Congress", are parts of it) are
// a group of no country, its country left to the coder's context rules like any generic
// agent: rebels (REB) when a word says so (banned, outlawed, rebel, separatist, militant,
// armed, guerrilla; Army, Front, Liberation, Brigades, Militia, Tigers in the name), else an
// opposition or civil group (OPP). The mention covers "members of ..." up to the name's end.
void AddUnknownGroupMentions(const Document& doc, const Sentence& sent, const SentenceView& v,
                             std::vector<actors::ActorMention>* mentions) {
  int n = v.size();
  auto cap = [&](int i) { return i < n && (v.flags[i] & Token::kCapitalized) && !v.IsBoundary(i); };
  std::vector<actors::ActorMention> added;
  std::vector<std::pair<uint32_t, uint32_t>> replaced;  // document token ranges taken over
  for (int i = 0; i + 2 < n; ++i) {
    const std::string& w = v.lower[i];
    if (!In(v.lower[i + 1], {"of"}) ||
        !In(w, {"members", "member", "supporters", "activists", "followers", "militants", "fighters", "cadres",
                "leaders", "leader"}))
      continue;
    int j = i + 2;
    if (j < n && v.lower[j] == "the") ++j;
    bool rebel = false;
    for (int q = 0; q < 2 && j < n && !cap(j); ++q, ++j) {
      const std::string& x = v.lower[j];
      if (!(x == "banned" || x == "outlawed" || x == "illegal" || x == "underground" || x == "rebel" ||
            x == "separatist" || x == "militant" || x == "armed" || x == "guerrilla" || x == "radical" ||
            x == "opposition" || x == "islamist" || x == "extremist" || x == "clandestine" || x == "secessionist"))
        break;
      rebel = rebel || (x != "opposition" && x != "radical");
    }
    if (!cap(j)) continue;
    // Its first word must be unknown to the actor index and to the gazetteer.
    uint32_t dj = sent.first_token + j;
    bool known_first = false;
    for (const auto& am : *mentions) known_first = known_first || (am.first_token <= dj && dj < am.end_token);
    if (known_first) continue;
    int e = j;
    while (e < n) {
      if (cap(e)) {
        ++e;
        continue;
      }
      // "Movement for the Actualization of the Sovereign State of Biafra": small words between
      // capitalised ones.
      const std::string& x = v.lower[e];
      int f = e;
      while (f < n && (v.lower[f] == "of" || v.lower[f] == "for" || v.lower[f] == "the" || v.lower[f] == "and") &&
             f - e < 2)
        ++f;
      if (f > e && cap(f)) {
        e = f;
        continue;
      }
      (void)x;
      break;
    }
    if (e - j < 2) continue;  // one capitalised word alone: too weak
    int end = e;
    // "the Aum Shinrikyo sect": the kind of group after its name is part of it.
    if (end < n && (v.lower[end] == "sect" || v.lower[end] == "group" || v.lower[end] == "movement" ||
                    v.lower[end] == "party" || v.lower[end] == "organisation" || v.lower[end] == "organization" ||
                    v.lower[end] == "militia" || v.lower[end] == "faction" || v.lower[end] == "cult" ||
                    v.lower[end] == "network" || v.lower[end] == "guerrillas" || v.lower[end] == "rebels"))
      ++end;
    for (int t = j; t < e; ++t) {
      const std::string& x = v.lower[t];
      rebel = rebel || x == "army" || x == "front" || x == "liberation" || x == "brigades" || x == "brigade" ||
              x == "militia" || x == "tigers" || x == "mujahideen" || x == "jihad";
    }
    actors::ActorMention am;
    am.kind = actors::ActorMention::Kind::kAgent;
    am.first_token = sent.first_token + i;
    am.end_token = sent.first_token + end;
    am.actor.sector = rebel ? "REB" : "OPP";
    am.actor.code = am.actor.sector;
    am.actor.span = Span{doc.tokens[am.first_token].span.begin, doc.tokens[am.end_token - 1].span.end};
    am.actor.text = std::string(doc.Text(am.actor.span));
    am.entries.push_back("group the actor index does not know: '" +
                         std::string(doc.Text(Span{doc.tokens[sent.first_token + j].span.begin,
                                                   doc.tokens[sent.first_token + e - 1].span.end})) +
                         "' (" + am.actor.sector + ")");
    replaced.emplace_back(am.first_token, am.end_token);
    added.push_back(std::move(am));
    i = end - 1;
  }
  if (added.empty()) return;
  std::vector<actors::ActorMention> kept;
  for (auto& am : *mentions) {
    bool inside = false;
    for (auto [f, e] : replaced) inside = inside || (am.first_token < e && f < am.end_token);
    if (!inside) kept.push_back(std::move(am));
  }
  for (auto& am : added) kept.push_back(std::move(am));
  std::stable_sort(kept.begin(), kept.end(),
                   [](const actors::ActorMention& a, const actors::ActorMention& b) { return a.first_token < b.first_token; });
  *mentions = std::move(kept);
}

// True when `a` and `b` differ by one edit: a letter inserted, deleted or replaced, or two
// neighbours swapped (optimal string alignment distance 1).
bool OneEditApart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1 || a == b) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size())
    return a.substr(i + 1) == b.substr(i + 1) ||
           (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2));
  return a.substr(i) == b.substr(i + 1);
}

// The state word (CoderKnowledge::state_words) that the capitalised word `lower` misspells
// ("afganistan" -> "Afghanistan", "khatmandu" -> "Kathmandu"): the only one a single edit away,
// with the same first letter, and not an inflection of it (neither is a prefix of the other, nor
// do they differ only in the last letter: "Dominican" is no misspelling of "Dominica",
// "Mexicana" none of "Mexicans"). Real names one edit from a state word are never misspellings
// (listed below: "British Columbia", "Emirates", the surname Lichtenstein). "" when none or
// several are.
std::string MisspelledStateWord(const CoderKnowledge& k, const std::string& lower) {
  if (lower.size() + 1 < CoderKnowledge::kMinMisspelledLength || k.state_words.count(lower)) return "";
  if (In(lower, {"columbia", "emirates", "lichtenstein", "indiana"})) return "";
  std::string found;
  for (const auto& [w, written] : k.state_words) {
    if (w[0] != lower[0] || !OneEditApart(w, lower)) continue;
    if (w.compare(0, lower.size(), lower) == 0 || lower.compare(0, w.size(), w) == 0) continue;
    if (w.size() == lower.size() && w.compare(0, w.size() - 1, lower, 0, w.size() - 1) == 0) continue;
    if (!found.empty()) return "";
    found = written;
  }
  return found;
}

// Adds a mention for each capitalised word no actor phrase or place covers that misspells a
// state word by one edit ("Afganistan", "Phillipines"), resolved as the word it misspells.
void AddMisspelledStates(const CoderKnowledge& k, const Document& doc, const Sentence& sent,
                         const SentenceView& v, const std::optional<Date>& date,
                         std::vector<actors::ActorMention>* mentions) {
  if (!k.actors || k.state_words.empty()) return;
  int n = v.size();
  std::vector<bool> covered = CoveredTokens(*mentions, sent, n);
  std::vector<actors::ActorMention> added;
  for (int i = 0; i < n; ++i) {
    const std::string& w = v.lower[i];
    if (covered[i] || !(v.flags[i] & Token::kCapitalized) || w.size() + 1 < CoderKnowledge::kMinMisspelledLength)
      continue;
    bool alpha = true;
    for (unsigned char c : w) alpha = alpha && c >= 'a' && c <= 'z';
    if (!alpha || k.lexicon.places.Match(v.lower, nullptr, i)) continue;
    std::string word = MisspelledStateWord(k, w);
    if (word.empty()) continue;
    ActorResolution r = k.actors->Resolve(word, date);
    if (!r.found || r.actor.country.size() != 3) continue;
    actors::ActorMention am;
    am.first_token = sent.first_token + i;
    am.end_token = am.first_token + 1;
    am.actor = r.actor;
    am.kind = r.actor.sector.empty() ? actors::ActorMention::Kind::kState : actors::ActorMention::Kind::kCapital;
    am.also_place = am.kind == actors::ActorMention::Kind::kCapital;
    am.actor.span = doc.tokens[am.first_token].span;
    am.actor.text = std::string(doc.Text(am.actor.span));
    am.entries.push_back("misspelling: '" + am.actor.text + "' read as '" + word + "' (data/actors/states.txt)");
    added.push_back(std::move(am));
  }
  if (added.empty()) return;
  for (auto& am : added) mentions->push_back(std::move(am));
  std::stable_sort(mentions->begin(), mentions->end(),
                   [](const actors::ActorMention& a, const actors::ActorMention& b) { return a.first_token < b.first_token; });
}

// Whether a PAIR pattern is anchored on token t's form or lemma.
bool AnchorsPairPattern(const CoderKnowledge& k, const SentenceView& v, int t) {
  for (const std::string* w : {&v.lower[t], &v.lemma[t]})
    if (const auto* ps = k.patterns.ForAnchor(*w))
      for (const Pattern* p : *ps)
        if (!p->elements.empty() && p->elements[0].kind == PatternElement::Kind::kPair) return true;
  return false;
}

// The state a combining form names as the first half of a pair ("Sino-Japanese", "Indo-Pakistani",
// "Anglo-Irish"); "" for any other word. These forms never stand alone, so they are not phrases of
// data/actors/states.txt.
std::string_view CombiningFormState(std::string_view lower) {
  static constexpr std::pair<std::string_view, std::string_view> kForms[] = {
      {"sino", "China"},  {"indo", "India"},   {"anglo", "Britain"}, {"franco", "France"}, {"russo", "Russia"},
      {"greco", "Greece"}, {"turco", "Turkey"}, {"italo", "Italy"},   {"austro", "Austria"}};
  for (const auto& [form, state] : kForms)
    if (lower == form) return state;
  return "";
}

// Adds the halves of each hyphenated pair of actors ("Bush-Putin", "Syrian-Israeli", "U.S.-China",
// "U.S.-North Korean") that stands before a word anchoring a PAIR pattern, behind at most
// kMaxPairModifiers plain words, as two mentions after all others (SentenceView::pairs; the
// caller has filled mention_range and mention_at for the mentions before). A half must resolve
// alone, as a whole, on `date` (the second may take in the next capitalised word: "North" +
// "Korean"); the halves must be different actors. A word of other shape ("Pakistan-based",
// "U.S.-led", "Kurdish-led", "Iran-Iraq war") adds nothing.
void AddPairMentions(const CoderKnowledge& k, const Document& doc, const Sentence& sent, SentenceView* v,
                     const std::optional<Date>& date) {
  if (!k.actors) return;
  const int n = v->size();
  auto resolve = [&](std::string_view phrase, ActorRef* out) {
    ActorResolution r = k.actors->Resolve(phrase, date);
    if (!r.found || r.actor.code.empty() || LowerWord(r.actor.text) != LowerWord(phrase)) return false;
    *out = std::move(r.actor);
    return true;
  };
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  for (int i = 0; i < n; ++i) {
    const uint32_t tok = sent.first_token + static_cast<uint32_t>(i);
    if (v->mention_at[i] >= 0 || v->boundary[i]) continue;
    const std::string_view text = doc.TokenText(tok);
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= text.size() ||
        text.find('-', dash + 1) != std::string_view::npos || !is_upper(text[0]) || !is_upper(text[dash + 1]))
      continue;
    // The second half may take in the next word ("U.S.-North Korean"); find the anchor after it.
    auto anchor_after = [&](int end) {
      int j = end;
      for (int skipped = 0; j < n && skipped < kMaxPairModifiers && PairModifier(*v, j) && !AnchorsPairPattern(k, *v, j);
           ++skipped)
        ++j;
      return j < n && AnchorsPairPattern(k, *v, j);
    };
    const bool next_capitalised = i + 1 < n && (v->flags[i + 1] & Token::kCapitalized) && v->mention_at[i + 1] < 0;
    if (!anchor_after(i + 1) && !(next_capitalised && anchor_after(i + 2))) continue;
    const std::string_view first = text.substr(0, dash), second = text.substr(dash + 1);
    std::string_view form = CombiningFormState(LowerWord(first));
    ActorRef a, b;
    if (!resolve(form.empty() ? first : form, &a)) continue;
    int end = i + 1;
    std::string second_text(second);
    if (!resolve(second, &b)) {
      if (!next_capitalised || !anchor_after(i + 2)) continue;
      second_text += " " + std::string(doc.TokenText(tok + 1));
      if (!resolve(second_text, &b)) continue;
      end = i + 2;
    } else if (!anchor_after(i + 1)) {
      continue;
    }
    if (a.code == b.code) continue;
    const Span span = v->TokenSpan(i, end);
    const uint32_t begin = doc.tokens[tok].span.begin;
    auto add = [&](ActorRef ref, Span words, const std::string& as) {
      actors::ActorMention am;
      am.first_token = tok;
      am.end_token = sent.first_token + static_cast<uint32_t>(end);
      using Kind = actors::ActorMention::Kind;
      const bool body = ref.code.compare(0, 3, "IGO") == 0 || ref.code.compare(0, 3, "NGO") == 0;
      am.kind = ref.code == ref.country ? Kind::kState
                : body                   ? Kind::kOrganisation
                : !ref.name.empty()      ? Kind::kPerson
                                         : Kind::kCapital;
      ref.span = words;
      ref.text = std::string(doc.Text(words));
      am.entries.push_back("hyphenated pair '" + std::string(doc.Text(span)) + "': '" + ref.text + "' read as '" + as +
                           "'");
      am.actor = std::move(ref);
      v->mentions.push_back(std::move(am));
      v->mention_range.push_back({i, end});
    };
    SentenceView::PairHit h{i, end, static_cast<int>(v->mentions.size()), static_cast<int>(v->mentions.size()) + 1};
    add(std::move(a), Span{begin, begin + static_cast<uint32_t>(dash)}, std::string(form.empty() ? first : form));
    add(std::move(b), Span{begin + static_cast<uint32_t>(dash) + 1, span.end}, second_text);
    for (int t = i; t < end; ++t) v->pair_at[t] = static_cast<int>(v->pairs.size());
    v->pairs.push_back(h);
    i = end - 1;
  }
}

// True when a verb of winning or losing has a match score ("3-1", "2 - 0") within four words
// after it ("China beat Japan 3-1", "defeated the United States 2-1"), in a sentence that speaks
// of no vote ("the bill was defeated 52-48" is a vote): a sports result, not an event.
bool HasMatchScore(const std::vector<std::string>& lower, const std::vector<std::string>& lemma) {
  auto number = [](const std::string& x) {
    return !x.empty() && x.size() <= 2 && std::all_of(x.begin(), x.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  auto score_at = [&](size_t t) {
    const std::string& x = lower[t];
    size_t d = x.find('-');
    if (d != std::string::npos && d > 0) return number(x.substr(0, d)) && number(x.substr(d + 1));
    return number(x) && t + 2 < lower.size() && (lower[t + 1] == "-" || lower[t + 1] == "\u2013") &&
           number(lower[t + 2]);
  };
  for (size_t i = 0; i < lower.size(); ++i)
    if (In(lemma[i], {"vote", "ballot", "poll"}) || In(lower[i], {"votes", "voted", "vote"})) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (!In(lemma[i], {"beat", "defeat", "crush", "thrash", "rout", "edge", "overcome", "outclass", "draw", "lose", "win"}))
      continue;
    for (size_t t = i + 1; t < lower.size() && t <= i + 5; ++t)
      if (score_at(t)) return true;
  }
  return false;
}

bool HasDiscard(const Lexicon& lex, const std::vector<std::string>& lower, const std::vector<std::string>& lemma) {
  for (size_t i = 0; i < lower.size(); ++i)
    if (lex.discards.Match(lower, &lemma, i)) return true;
  return HasMatchScore(lower, lemma);
}

}  // namespace

}  // namespace internal

void DocumentCoder::Code(const Document& doc, std::vector<Event>* events) const {
  using namespace internal;  // NOLINT: the sentence coder and its helpers
  if (doc.sentences.empty()) return;
  DocState ds;
  ds.date = doc.date;
  actors::DocContext ctx;
  ctx.date = doc.date;
  // Dateline: the place word(s) at the start of the story. When the segmenter did not split it
  // off, "TOKYO, Oct. 4 (entente wire) -" opens the first sentence: its words are masked
  // there (they name where the report was filed, not an actor or the event's place).
  int inline_dateline_end = 0;
  std::optional<Span> dl = text::FindDateline(doc);
  if (!dl) {
    Span place;
    inline_dateline_end = InlineDateline(doc, &place);
    if (inline_dateline_end > 0) dl = place;
  }
  if (dl) {
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

  ActorRef speaker = SpeakerActor(k_, doc.speaker);
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
    if (k_.actors) v.mentions = k_.actors->Find(doc, sent, &ctx);
    DropStatesInPersonNames(doc, si, tag_entities_, &v.mentions);
    DropStatesBeforeStatusNouns(doc, sent, &v.mentions);
    StatesOnPlaceSides(doc, sent, &v.mentions);
    DropStatesInWaterNames(doc, sent, v, &v.mentions);
    AddMisspelledStates(k_, doc, sent, v, doc.date, &v.mentions);
    AddUnknownGroupMentions(doc, sent, v, &v.mentions);
    AddUnknownPersonMentions(k_, doc, si, views, tag_entities_, &v.mentions);
    MergeSpokespeople(doc, sent, v, &v.mentions);
    if (!speaker.code.empty()) AddSpeakerMentions(speaker, doc, sent, v, &v.mentions);
    {
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
    AddPairMentions(k_, doc, sent, &v, doc.date);
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
      // A capital after a locative preposition, and a state named alone after "in" ("talks in
      // Malta", "fighting in southern Lebanon", "in the Congo": a country-level place; not a
      // state adjective, "in Israeli jails", nor the object of a role, "his role in Iraq"), are
      // places; both stay actor mentions too.
      if (k >= 0 && v.mention_range[k].first == i &&
          ((v.mentions[k].also_place && v.mentions[k].kind == actors::ActorMention::Kind::kCapital &&
            v.IsLocativePreposition(i - 1)) ||
           StateNamedAloneAfterIn(v, k))) {
        SentenceView::PlaceHit h{i, v.mention_range[k].end, -1, k};
        for (int t = h.first; t < h.end; ++t) v.place_at[t] = static_cast<int>(v.places.size());
        v.places.push_back(h);
        i = h.end - 1;
      }
    }
    // A named city, region or site is a mention of its state for the dominant state: an article
    // about Osaka and Kobe is about Japan. (Capitals are counted once, as mentions above.)
    for (const auto& h : v.places)
      if (h.place >= 0 && h.mention < 0 && !k_.lexicon.place_list[h.place].country.empty())
        ++state_counts[k_.lexicon.place_list[h.place].country];
    if (si == 0 && inline_dateline_end > 0) {
      const int end = std::min(n, inline_dateline_end);
      for (int t = 0; t < end; ++t) {
        v.mention_at[t] = -1;
        v.pair_at[t] = -1;
        v.place_at[t] = -1;
        v.lower[t] = "--";  // clause punctuation: scans stop here
        v.lemma[t] = "--";
        v.boundary[t] = true;
        v.date_end[t] = -1;
      }
      // (PrepareTokens found the dates before the masking: the dateline's own date is no cue.)
      std::erase_if(v.dates, [&](const DateExpression& e) { return e.first < end; });
    }
    // "in Pretoria, South Africa, ...": the country after a place and a comma qualifies the place.
    for (const auto& h : v.places) {
      int c = h.end + 1;
      if (h.place < 0 || c >= n || v.lower[h.end] != "," || v.mention_at[c] < 0) continue;
      int k = v.mention_at[c];
      int e = v.mention_range[k].end;
      if (v.mention_range[k].first == c && v.mentions[k].kind == actors::ActorMention::Kind::kState &&
          (e >= n || v.lower[e] == "," || v.IsBoundary(e)))
        for (int t = c; t < e; ++t) v.mention_at[t] = -1;
    }
    // A place after "in/at" is a location, not an actor: drop it from the mentions' index. A
    // capital after "from" stays its state's government too: what is sought, demanded or
    // received "from Moscow" is asked of or sent by Russia ("sought aid from Moscow").
    for (const auto& h : v.places) {
      if (h.mention < 0) continue;
      int f = h.first;
      while (f > 0 && v.lower[f - 1] == "the") --f;
      if (f > 0 && v.lower[f - 1] == "from" && v.mentions[h.mention].kind == actors::ActorMention::Kind::kCapital)
        continue;
      if (v.IsLocativePreposition(f - 1) && v.mentions[h.mention].kind != actors::ActorMention::Kind::kState &&
          v.mention_range[h.mention].first >= f)
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
    if (state_counts.size() == 1) ds.sole_country = state_counts.begin()->first;
    for (const auto& [c, cnt] : state_counts) ds.states_named.insert(c);
  }
  SentenceCoder sc(k_, finder_, &ds, doc);
  size_t first_event = events->size();
  for (auto& v : views) {
    if (v.discarded || v.lower.empty()) continue;
    sc.Code(v, events);
  }
  // A present progressive ("is making a rare appearance") told elsewhere in the document as
  // planned (the same code, source and target: "is set to make ...", also when that visit is
  // coded as announced, 036) announces it: planned.
  for (size_t pi : ds.progressive) {
    Event& e = (*events)[pi];
    for (size_t j = first_event; j < events->size(); ++j) {
      const Event& o = (*events)[j];
      const bool same_code =
          (o.modality == Modality::kPlanned && o.cameo == e.cameo) ||
          (o.cameo == "036" && !o.why.announced_code.empty() && o.why.announced_code == e.cameo);
      if (j == pi || !same_code || o.source.code != e.source.code ||
          (o.target ? o.target->code : "") != (e.target ? e.target->code : ""))
        continue;
      e.modality = Modality::kPlanned;
      e.why.modality_cue = "present progressive, planned in sentence " + std::to_string(o.sentence + 1);
      break;
    }
  }
}

}  // namespace entente::coder
