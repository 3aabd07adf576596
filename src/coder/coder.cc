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
// Where each step lives: SentenceCoder::Code is a driver over the stages of one sentence.
//   FindMatchAt (step 3, once per word): the pattern match anchored on the word, the folds into
//     an earlier match, acts named as aims; fills MatchScan (consumed words, matches).
//   CodeMatch (once per match, over SentenceCoding: the matches, each one's source and targets,
//     whether a location was set): the match's roles (source finding, passive agents, pronoun and
//     implied targets, a shared source, each other), then an EventDraft passed through
//     ResolveActors (the act's place, the actors of its mentions, implied sources), ImpliedTargets
//     (destinations, places visited or attacked, implied targets of protests and meetings),
//     ModalityDateAndCode (modality, progressive, date, the code chosen, announcements, denials,
//     the document's latest place) and EmitEvents (source/target pairs, events, provenance, the
//     act's source as a later pronoun's antecedent). Each stage returns false when it drops the
//     match (the `return false`s there).
//   DropToldTwice (step 6's acts told twice), AddMediation, UpdateDocumentContext (what the
//     document remembers of the sentence for the next ones: places, mentions, people, bodies).
#include "coder/coder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "actors/record_reader.h"
#include "coder/announced_codes.h"
#include "coder/dates.h"
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

// "each other" / "one another" in the match or right after it (within three tokens), no clause
// break before it.
bool ReciprocalObject(const SentenceView& s, const PatternMatch& m) {
  const int stop = std::min(s.size() - 1, std::max(m.end, m.folded_end) + 3);
  for (int t = m.anchor + 1; t < stop; ++t) {
    if (s.IsBoundary(t)) return false;
    if (ReciprocalAt(s, t)) return true;
  }
  return false;
}

// True when the parse tags token `i` as a noun and the token before it as a preposition (never
// in fast mode: no tags).
bool ParsedNounAfterPreposition(const SentenceView& s, int i) {
  if (!s.doc || !s.sentence || i < 1) return false;
  const auto& t = s.doc->tokens;
  return t[s.sentence->first_token + i].upos == "NOUN" && t[s.sentence->first_token + i - 1].upos == "ADP";
}

// "An air strike hit a school in Idlib", "A drone strike destroyed a house": a verb pattern
// whose anchor word is followed at once by the pattern's next word (with more words after it:
// weight 3 or more) reads the subject noun and its verb; the determiner before the anchor and
// the parse's noun tag on it do not make it an act told as a noun. With a parse the anchor must
// be the verb's subject (nsubj, or the root) or a compound word of it ("a call for talks" as an
// object stays a noun).
static bool SubjectNounPattern(const SentenceView& s, const Pattern& p, int i) {
  if (p.nominal || p.weight < 3 || p.anchor + 2 >= static_cast<int>(p.elements.size()) || i + 1 >= s.size())
    return false;
  const PatternElement& next = p.elements[p.anchor + 1];
  if (next.kind != PatternElement::Kind::kWord || next.optional) return false;
  if (std::find(next.words.begin(), next.words.end(), s.lemma[i + 1]) == next.words.end() &&
      std::find(next.words.begin(), next.words.end(), s.lower[i + 1]) == next.words.end())
    return false;
  // A subject opens its clause: before the anchor only a determiner and up to two actors or
  // capitalised words ("An Israeli air strike"), then the sentence's start, a comma or "that"
  // (not "killed by an improvised explosive device").
  int j = i - 1;
  for (int steps = 0; j >= 0 && steps < 3; ++steps, --j)
    if (!(In(s.lower[j], {"a", "an", "the"}) || s.mention_at[j] >= 0 || (s.flags[j] & Token::kCapitalized))) break;
  if (j >= 0 && !s.IsBoundary(j) && !In(s.lower[j], {",", "that", ";", ":"})) return false;
  if (s.doc && s.sentence) {
    const auto& tokens = s.doc->tokens;
    const Token& t = tokens[s.sentence->first_token + i];
    if (t.upos.empty()) return true;  // not parsed (fast mode, or before the lazy parse)
    // (Or the root: "An air strike destroyed ..." parsed with "destroyed" as a clause on it.)
    auto subject = [](const Token& x) { return x.deprel == "nsubj" || x.deprel == "root"; };
    if (subject(t)) return true;
    return t.deprel == "compound" && t.head >= 0 && subject(tokens[s.sentence->first_token + t.head]);
  }
  return true;
}

bool ParseSkipsPattern(const SentenceView& s, const Pattern& pattern, int anchor) {
  if (pattern.nominal || !s.doc || !s.sentence) return false;
  if (SubjectNounPattern(s, pattern, anchor)) return false;
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

// Whether a modality cue is a denial of the act ("denied", "has denied", "rejected claims that",
// "dismissed reports that"): the act is negated and the denier's denial is an event of its own.
bool IsDenialWord(const std::string& w) {
  return In(w, {"denied", "denies", "deny", "denying", "rejected", "rejects", "reject", "rejecting", "dismissed",
                "dismisses", "dismiss", "dismissing"});
}
bool IsDenialCue(const std::string& cue) {
  std::string c = LowerWord(cue);
  if (c.rfind("has ", 0) == 0 || c.rfind("have ", 0) == 0) c = c.substr(c.find(' ') + 1);
  const std::string first = c.substr(0, c.find(' '));
  if (!IsDenialWord(first)) return false;
  return first.compare(0, 4, "deni") == 0 || first == "deny" || c.size() > first.size();  // "rejected" alone is no cue
}

// A location at country level: the state's row of data/gazetteer/countries.txt (its approximate
// centre), named by the words at `span`.
Location CountryLocation(const Place& c, Span span) {
  Location l;
  l.name = c.name;
  l.country = c.country;
  l.lat = c.lat;
  l.lon = c.lon;
  l.kind = "country";
  l.span = span;
  return l;
}

// Planned-modality cues by which the actor itself announces the act ("will", "plans to"), unlike
// others' expectations ("is expected to", "is set to", "upcoming").
bool IntentCue(const std::string& cue) {
  std::string w = LowerWord(cue);
  return In(w, {"will", "'ll", "shall", "would", "plans to", "plan to", "planned to", "planning to", "is planning",
                "are planning", "intends to", "intend to", "intended to", "is going to", "are going to", "prepares to",
                "preparing to", "aims to", "aim to", "announced plans to"});
}

// A cue that the act is set for a time ("is to", "is due to", "is scheduled to"): said of
// meetings and visits, a commitment to meet like "will". ("Is expected to" is another's
// forecast, not a commitment: it stays planned.)
bool ScheduleCue(const std::string& cue) {
  std::string w = LowerWord(cue);
  return In(w, {"is to", "are to", "is due to", "are due to", "is set to", "are set to", "is scheduled to",
                "are scheduled to", "scheduled"});
}

// The CAMEO sector of `sector` without a named group's tag: its first three letters ("REBUNI"
// for UNITA is REB). Sector tests read it.
std::string_view SectorBase(const std::string& sector) { return std::string_view(sector).substr(0, 3); }

// Whether `sector` names a group outside a state's institutions (opposition, rebels, civilians,
// refugees, unions, rights groups, parties of a competitive system...): a state and such a group
// of its own are two sides ("Angola signed a peace accord with UNITA" is AGO -> AGOREBUNI; "South
// Africa unbanned the ANC" is ZAF -> ZAFPTYANC). A one-party state's party is GOVPTY, an
// institution.
// Whether `r` is a company the knowledge base names (data/actors/companies.txt: "YPF", state-
// owned ones too), not business people a noun names ("corporations"): a state acts on its own
// named companies ("Argentina nationalised YPF" is ARG -> ARGBUS).
bool NamedCompany(const ActorRef& r) { return SectorBase(r.sector) == "BUS" && !r.name.empty(); }

// Rebels and insurgents: the armed groups a definite description ("the rebels", "the militant
// group", "the insurgents") takes up again.
bool ArmedGroupSector(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  return x == "REB" || x == "INS";
}

bool OutsideStateSector(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  for (const char* o :
       {"OPP", "REB", "INS", "SEP", "RAD", "CVL", "REF", "LAB", "AGR", "EDU", "HRI", "NGO", "REL", "SET", "PTY"})
    if (x == o) return true;
  return false;
}

constexpr int kMaxDateDistance = 10;  // tokens between a date expression and the event words

// True when the person named `name` was first written in `text` (before byte `before`) right
// after a noun of office, capitalised as a title or not ("told Ambassador Georgy Zinoviev",
// "the ambassador Georgy Zinoviev"). Searches the text only up to `before`.
bool IntroducedByOffice(std::string_view text, std::string_view name, size_t before) {
  if (name.empty()) return false;
  size_t at = text.substr(0, before).find(name);
  if (at == std::string_view::npos) return false;
  size_t e = at;
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != '(' && text[b - 1] != ',') --b;
  if (b == e || e - b > 16) return false;
  char lower[17] = {};
  for (size_t i = b; i < e; ++i) lower[i - b] = static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
  return IsOfficeNoun(std::string_view(lower, e - b));
}

// True when an actor of `kind` (its last word `head`) can be what the object pronoun `pronoun_or_possessive`
// stands for: "it" a state, capital, organisation or singular body ("the government"); "him"
// and "her" a person or a singular title ("his Japanese counterpart"); "them" a plural group.
bool PronounFits(const std::string& pronoun_or_possessive, actors::ActorMention::Kind kind, const std::string& head) {
  using Kind = actors::ActorMention::Kind;
  // A possessive stands for what its object pronoun does ("its" as "it", "their" as "them").
  const std::string pronoun = pronoun_or_possessive == "its"     ? std::string("it")
                               : pronoun_or_possessive == "their" ? std::string("them")
                                                                  : pronoun_or_possessive;
  bool plural = (head.size() > 3 && head.back() == 's' && head[head.size() - 2] != 's') ||
                (head.size() > 4 && head.compare(head.size() - 3, 3, "men") == 0);  // "gunmen", "militiamen"
  if (pronoun == "it")
    return kind == Kind::kState || kind == Kind::kCapital || kind == Kind::kOrganisation ||
           (kind == Kind::kAgent && !plural);
  if (pronoun == "him" || pronoun == "her") return kind == Kind::kPerson || (kind == Kind::kAgent && !plural);
  if (pronoun == "them") return (kind == Kind::kAgent || kind == Kind::kOrganisation) && plural;
  return false;
}

// Whether mention `k` may be what the object pronoun `pr` ("him", "her", "them", "it") stands
// for: it fits the pronoun and is no possessor ("Iran's").
bool FitsAntecedent(const SentenceView& s, int k, const std::string& pr) {
  const int end = s.mention_range[k].end;
  if (end < s.size() && (s.lower[end] == "'s" || s.lower[end] == "'")) return false;
  return PronounFits(pr, s.mentions[k].kind, s.lower[end - 1]);
}

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

namespace {

// The actor of Document::speaker (defined below).
ActorRef SpeakerActor(const CoderKnowledge& k, const std::string& code);

// An actor the text does not name ("the police", "an unidentified armed force"): a state's
// sector, its code country + sector, and `text` shown where the words would be.
ActorRef UnnamedActor(const std::string& country, const std::string& sector, std::string text) {
  ActorRef a;
  a.country = country;
  a.sector = sector;
  a.code = country + sector;
  a.text = std::move(text);
  return a;
}

// Word elements that must match (the tie-break between patterns of equal weight: "vow * response"
// beats "vow (to)").
int RequiredWords(const Pattern& p) {
  int n = 0;
  for (const auto& e : p.elements) n += e.kind == PatternElement::Kind::kWord && !e.optional;
  return n;
}

// A group named earlier as the subject right before `first` (at most five tokens back, within
// its clause): "the two leaders", "both sides", "the three countries", "these four nations",
// and "the leaders/sides" opening the sentence. Returns how many it counts (2 for "both" and a
// bare "the leaders"), 0 for none; *at is the phrase's first token, *kind 'S' for nouns of
// states ("countries", "nations", "states", "governments", "allies", "neighbours"), 'L' for
// nouns of their leaders ("leaders", "presidents", "premiers", "ministers", "delegations"),
// 'N' for "sides". Not after a preposition ("talks between the two countries": no subject),
// and "two countries" with no determiner is a new group, not one named earlier.
int RefersToGroup(const SentenceView& s, int first, int* at, char* kind) {
  for (int i = first - 1; i >= 0 && i >= first - 5; --i) {
    if (s.IsBoundary(i) || s.lower[i] == ",") return 0;
    const std::string& w = s.lower[i];
    char k = In(w, {"countries", "nations", "states", "governments", "allies", "neighbours", "neighbors"}) ? 'S'
             : In(w, {"leaders", "presidents", "premiers", "ministers", "delegations"})                     ? 'L'
             : w == "sides"                                                                                  ? 'N'
                                                                                                             : 0;
    if (!k) continue;
    int j = i - 1, count = 0, det = j;
    if (j >= 0 && s.lower[j] == "both") {
      count = 2;
    } else if (j >= 1 && In(s.lower[j], {"two", "three", "four"}) && In(s.lower[j - 1], {"the", "these", "those"})) {
      count = s.lower[j] == "two" ? 2 : s.lower[j] == "three" ? 3 : 4;
      det = j - 1;
    } else if (k != 'S' && j >= 0 && s.lower[j] == "the" && (j == 0 || s.IsBoundary(j - 1))) {
      count = 2;  // "The leaders also agreed ..." opening the sentence
    }
    if (count == 0) return 0;
    if (det > 0 && In(s.lower[det - 1], {"of", "between", "among", "with", "to", "for", "by", "on", "against",
                                         "from", "about", "over"}))
      return 0;
    *at = det;
    *kind = k;
    return count;
  }
  return 0;
}

// `group` as a group reference of `kind` (RefersToGroup) names it: its states for 'S' (the
// country alone), a state's government for 'L' ("the two leaders" after "China and Russia"),
// as they are for 'N'. False when a member has no country (no group of states to name).
bool NameGroup(const std::vector<ActorRef>& group, char kind, std::vector<ActorRef>* out) {
  out->clear();
  for (const ActorRef& a : group) {
    if (a.country.empty()) return false;
    ActorRef r = a;
    if (kind == 'S') {
      r.code = a.country;
      r.sector.clear();
    } else if (kind == 'L' && a.code == a.country) {
      r.code = a.country + "GOV";
      r.sector = "GOV";
    }
    for (const ActorRef& o : *out)
      if (o.code == r.code) return false;  // "the two leaders" of one state are no two sides
    out->push_back(std::move(r));
  }
  return true;
}

// True when `a` is a person: a named one, or an actor named by a singular title ("the President").
bool IsPersonRef(const ActorRef& a) {
  if (!a.name.empty()) return true;
  const std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
  return IsPersonTitleNoun(head);
}

// The first person (IsPersonRef, with a country) of the previous sentence coded, else of the
// one before, with its entries; none when neither names one.
std::optional<std::pair<ActorRef, std::vector<std::string>>> PreviousPerson(const DocState& ds) {
  for (const auto* prev : {&ds.prev_mentions, &ds.earlier_mentions}) {
    const auto& entries = prev == &ds.prev_mentions ? ds.prev_mention_entries : ds.earlier_mention_entries;
    for (size_t i = 0; i < prev->size(); ++i) {
      const auto& [kind, a] = (*prev)[i];
      if (a.country.empty() || !(kind == actors::ActorMention::Kind::kPerson ||
                                 (kind == actors::ActorMention::Kind::kAgent && IsPersonRef(a))))
        continue;
      return std::make_pair(a, entries[i]);
    }
  }
  return std::nullopt;
}

// True when `sector` is that of a force that arrests or strikes: police, troops, security
// services; for violence (not `custody`) also an armed group or unidentified gunmen.
bool ForceSector(const std::string& sector, bool custody) {
  const std::string_view b = SectorBase(sector);
  return b == "COP" || b == "MIL" || b == "SPY" || (!custody && (ArmedGroupSector(sector) || b == "UAF"));
}

// The plural force (ForceSector) a subject "they" at token `they` of `s` stands for, with its
// entries: the first named before it in its sentence (not one "it" could stand for), else the
// first of the previous sentence coded, else of the one before; none when none names one.
std::optional<std::pair<ActorRef, std::vector<std::string>>> ForceAntecedent(const SentenceView& s, const DocState& ds,
                                                                             int they, bool custody) {
  auto fits = [&](actors::ActorMention::Kind kind, const ActorRef& a, const std::string& head) {
    return kind == actors::ActorMention::Kind::kAgent && ForceSector(a.sector, custody) &&
           (PronounFits("them", kind, head) || head == "police");
  };
  for (int k = 0; k < static_cast<int>(s.mentions.size()) && s.mention_range[k].end <= they; ++k)
    if (fits(s.mentions[k].kind, s.mentions[k].actor, s.lower[s.mention_range[k].end - 1]) && !FitsAntecedent(s, k, "it"))
      return std::make_pair(s.mentions[k].actor, s.mentions[k].entries);
  for (const auto* prev : {&ds.prev_mentions, &ds.earlier_mentions}) {
    const auto& entries = prev == &ds.prev_mentions ? ds.prev_mention_entries : ds.earlier_mention_entries;
    for (size_t i = 0; i < prev->size(); ++i) {
      const auto& [kind, a] = (*prev)[i];
      if (fits(kind, a, a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1))))
        return std::make_pair(a, entries[i]);
    }
  }
  return std::nullopt;
}

// True when mention `k` of `s` can be what a subject "it" stands for in a later sentence: a
// state, capital or organisation, or a singular body with a code (PronounFits: "the
// ministry", "the embassy"), not a person nor a singular title of one ("the U.S. senator").
bool BodyMention(const SentenceView& s, int k) {
  const auto& am = s.mentions[k];
  const std::string& head = s.lower[s.mention_range[k].end - 1];
  if (am.kind == actors::ActorMention::Kind::kAgent && IsPersonTitleNoun(head)) return false;
  return !am.actor.code.empty() && PronounFits("it", am.kind, head);
}

bool IsDeterminerWord(const std::string& w) {
  return w == "the" || w == "a" || w == "an" || w == "its" || w == "their" || w == "his" || w == "her";
}

// Whether the word at `i` is a plain noun that the words before it qualify ("the elite group":
// "elite" names no one): lower-case, uninflected, no function word.
bool PlainNounAt(const SentenceView& s, int i) {
  if (i >= s.size() || s.lower[i].empty() || s.lower[i][0] < 'a' || s.lower[i][0] > 'z') return false;
  return s.lemma[i] == s.lower[i] && !IsDeterminerWord(s.lower[i]) &&
         !In(s.lower[i], {"and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "who",
                          "which", "that", "as", "after", "before", "when", "where", "while", "said"});
}

// "defying a ban on protests", "lifted the ban on public rallies", "banned all rallies", "will
// no longer tolerate rallies by X": true when the act's word at `first` (a noun or an "-ing"
// form) stands right after "ban / moratorium / curbs / restrictions on (against)" or a verb of
// banning or tolerating, with at most determiners and one plain word between: what is banned,
// not an act done.
bool BannedActWord(const SentenceView& s, int first) {
  auto banning = [&](int q) {
    return q >= 0 && ((q > 0 && In(s.lower[q], {"on", "against"}) &&
                       In(s.lemma[q - 1], {"ban", "moratorium", "curb", "restriction", "prohibition", "embargo"})) ||
                      (s.lower[q] != s.lemma[q] && In(s.lemma[q], {"ban", "outlaw", "prohibit", "forbid", "tolerate"})) ||
                      In(s.lower[q], {"tolerate", "ban", "outlaw", "prohibit", "forbid"}));
  };
  int q = first - 1;
  while (q > 0 && IsDeterminerWord(s.lower[q])) --q;
  return banning(q) || (q > 1 && PlainNounAt(s, q) && s.mention_at[q] < 0 && banning(q - 1));
}

// "arrested a man suspected of attacking a police station", "jailed for their role in a 2009
// mutiny", "a man wanted for murder", "soldiers accused of looting": true when the act's word at
// `first` follows "accused / suspected / convicted of", "wanted for" or "role / involvement /
// complicity in" (at most three determiners, numbers or plain lower-case words between): it
// describes the one so named and is no act of its own (PLOVER: only the clause's predicate is
// coded).
bool DescribingActWord(const SentenceView& s, int first) {
  int q = first - 1;
  for (int skipped = 0; q > 1 && skipped < 3 && s.mention_at[q] < 0 && !s.IsBoundary(q) &&
                        (IsDeterminerWord(s.lower[q]) || std::isdigit(static_cast<unsigned char>(s.lower[q][0])) ||
                         (std::islower(static_cast<unsigned char>(s.lower[q][0])) &&
                          !In(s.lower[q], {"of", "for", "in", "and", "or", "to"})));
       ++skipped)
    --q;
  return q > 0 && ((s.lower[q] == "of" && In(s.lower[q - 1], {"accused", "suspected", "convicted"})) ||
                   (s.lower[q] == "for" && s.lower[q - 1] == "wanted") ||
                   (s.lower[q] == "in" && In(s.lemma[q - 1], {"role", "involvement", "complicity"})));
}

// The kinds of act (CAMEO roots) a definite noun of an act can take up again when it is what a
// reaction is aimed at ("North Korea fired two missiles ... Japan condemned the launch"); null
// for any other word.
const std::vector<std::string>* AnaphoricActRoots(const std::string& w) {
  static const std::map<std::string, std::vector<std::string>> kNouns = [] {
    std::map<std::string, std::vector<std::string>> m;
    for (const char* x : {"launch", "launches", "test", "tests", "firing", "drill", "drills", "deployment"})
      m[x] = {"15"};
    for (const char* x : {"attack", "attacks", "invasion", "offensive", "strike", "strikes", "raid", "raids",
                          "bombing", "bombings", "shelling", "assault", "incursion", "killing", "killings"})
      m[x] = {"18", "19", "20"};
    for (const char* x : {"crackdown", "arrest", "arrests", "detention", "expulsion", "expulsions"}) m[x] = {"17"};
    for (const char* x : {"agreement", "deal", "accord", "treaty", "pact"}) m[x] = {"03", "05", "06"};
    for (const char* x : {"protest", "protests", "complaint"}) m[x] = {"11", "14"};
    for (const char* x : {"accusation", "accusations", "criticism", "allegation", "allegations", "claim", "claims",
                          "charge", "charges"})
      m[x] = {"11"};
    for (const char* x : {"demand", "demands", "ultimatum"}) m[x] = {"10"};
    for (const char* x : {"threat", "threats"}) m[x] = {"13"};
    for (const char* x : {"decision", "move", "step"})
      m[x] = {"03", "06", "07", "08", "09", "13", "15", "16", "17", "18", "19", "20"};
    return m;
  }();
  auto it = kNouns.find(w);
  return it == kNouns.end() ? nullptr : &it->second;
}

// A definite noun phrase that ends at a noun of an act, read from `det` forward: "the launch",
// "this latest test", "the annual drills". Returns the noun's index, or -1 when the words there
// are no such phrase, when an actor is named inside it ("the North's test") or when a phrase
// after it may name the act's doer ("the attack on X by Y", "the launch of its satellite"),
// which the other rules read.
int DefiniteActNoun(const SentenceView& s, int det) {
  auto is_det = [](const std::string& w) {
    return w == "the" || w == "this" || w == "that" || w == "these" || w == "those" || w == "such";
  };
  if (det < 0 || det >= s.size() || !is_det(s.lower[det])) return -1;
  for (int i = det + 1; i < s.size() && i <= det + 4; ++i) {
    if (s.IsBoundary(i) || s.mention_at[i] >= 0 || s.lower[i] == "," || s.lower[i] == "'s") return -1;
    if (!AnaphoricActRoots(s.lower[i])) continue;
    if (i + 1 < s.size()) {
      const std::string& nx = s.lower[i + 1];
      // ("denied the accusations on Monday": a day, not what the act was done on.)
      const bool on_day = nx == "on" && i + 2 < s.size() &&
                          In(s.lower[i + 2], {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
      if (on_day) return i;
      if (s.mention_at[i + 1] >= 0 || nx == "of" || nx == "by" || nx == "on" || nx == "against" || nx == "in" ||
          nx == "at" || nx == "to" || nx == "from" || nx == "with" || nx == "between" || nx == "over" || nx == "'s")
        return -1;
    }
    return i;
  }
  return -1;
}

// True when `m` is a noun of an act made definite or possessed after "after/following" ("after
// the meeting between X and Y", "following the first summit between", "after his summit with X",
// "after September's summit between"): it takes up an act the reader knows already, told as the
// time of another clause. (An indefinite one, "after talks with X", is news, as is a verb, "after
// the two leaders signed", and a noun after "before/ahead of" is what is planned.) The coder codes
// such an act only as history the sentence dates to an earlier year or month ("switched off in 2018
// after the first summit"): else it would be a past act coded as new, on the news's date.
bool BackReferencedActNoun(const SentenceView& s, const PatternMatch& m) {
  if (!m.pattern->nominal) return false;
  auto time_after = [&](int j) { return j >= 0 && (s.lower[j] == "after" || s.lower[j] == "following"); };
  auto possessive = [&](int j) { return s.lower[j] == "'s" || s.lower[j] == "\xe2\x80\x99s"; };
  int j = m.verb_first - 1;
  // Up to three modifiers between the determiner and the noun ("the first", "his previous four").
  for (int k = 0; k < 3 && j >= 0 && s.mention_at[j] < 0 && !s.IsBoundary(j) && s.lower[j] != "," &&
                  !IsDeterminerWord(s.lower[j]) && !possessive(j) && !time_after(j);
       ++k)
    --j;
  if (j > 0 && possessive(j)) {
    // The possessor: an actor ("Kim's"), or a month or day ("September's summit").
    int k = s.mention_at[j - 1];
    j = k >= 0 ? s.mention_range[k].first - 1 : j - 2;
    if (j >= 0 && s.lower[j] == "the") --j;
    return time_after(j);
  }
  return j >= 0 && s.lower[j] != "a" && s.lower[j] != "an" && IsDeterminerWord(s.lower[j]) && time_after(j - 1);
}

// True when the act matched at `m` is in a clause that a count of years opens ("almost five years
// after crowds burned down its embassy", "decades after the invasion"): history told as the time
// of the sentence's news, not an event of its own (as the PETRARCH validation records code it).
bool InYearsAfterClause(const SentenceView& s, const PatternMatch& m) {
  for (int j = m.anchor - 1; j > 0; --j) {
    const std::string& w = s.lower[j];
    if (s.IsBoundary(j) || w == "," || s.speech_end[j] >= 0) break;
    if (w != "after" && w != "since" && w != "before") continue;
    const std::string& unit = s.lower[j - 1];
    return unit == "years" || unit == "decades" || unit == "centuries";
  }
  return false;
}

// True when the act matched at `m` is in a relative clause ("in which", "during which") of a noun
// that a year before the document's opens ("since the 1994 genocide, in which militias killed
// 800,000 people", "the 2003 invasion, during which U.S. troops toppled Saddam"): history that
// describes the noun, not news.
bool InPastYearRelativeClause(const SentenceView& s, const PatternMatch& m) {
  if (!s.doc || !s.doc->date) return false;
  for (int j = m.anchor - 1; j > 1; --j) {
    const std::string& w = s.lower[j];
    if (s.IsBoundary(j) || w == "," || s.speech_end[j] >= 0) break;
    if (w != "which" || !In(s.lower[j - 1], {"in", "during"})) continue;
    int c = j - 2;
    if (c < 1 || s.lower[c] != ",") return false;
    for (int t = c - 1; t >= 0 && t >= c - 6; --t) {
      const std::string& x = s.lower[t];
      if (s.IsBoundary(t) || x == ",") break;
      if (x.size() == 4 && std::all_of(x.begin(), x.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        int y = std::stoi(x);
        return y >= 1800 && y < s.doc->date->year;
      }
    }
    return false;
  }
  return false;
}

// True when the verb at `i` is the verb of a clause of time, condition or indirect question that
// opens right before its subject: "... before they demobilize", "until Iraq complies", "unless
// Tokyo approved", "if Iraq attacks", "If it does not withdraw", "provided (providing) that
// Tehran halts", "on condition that", "as long as NATO asks", "asked whether Israel had
// attacked". The subject is an actor mention (after up to two capitalised words and an optional
// "the") or a personal pronoun; auxiliaries, "not" and "ever" may stand between it and the verb.
// A clause of time counts only with the verb in the present tense right after its subject
// ("before they demobilized" happened); a clause of condition or question in any tense ("said it
// would withdraw unless Tokyo approved").
// The subject may have a phrase after it ("if troops from the South cross", "if rebels in Darfur
// attacked": a preposition and a named actor or place, twice at most), and after an auxiliary it
// may be a noun that names no actor ("unless sanctions were lifted by the Security Council",
// "unless the oil embargo is lifted": up to four plain words; only in a clause of condition or
// question).
bool ConditionalClauseVerb(const SentenceView& s, int i) {
  static const std::unordered_set<std::string> kBetween = {
      "do",    "does", "did",   "not",   "n't", "has",   "have",  "had", "is", "are", "was",
      "were",  "ever", "again", "been",  "would", "will", "could", "might", "may", "can", "to"};
  static const std::unordered_set<std::string> kPronoun = {"they", "he", "she", "it", "we", "i", "you"};
  static const std::unordered_set<std::string> kPhrase = {"from", "in", "of", "inside", "near", "along", "across"};
  int j = i - 1;
  bool modal = false;
  while (j >= 0 && kBetween.count(s.lower[j])) {
    modal = modal || In(s.lower[j], {"would", "will", "could", "might", "may", "can"});
    --j;
  }
  bool auxiliary = j < i - 1;
  if (j < 0) return false;
  bool noun_subject = false;
  // A plain noun, singular or plural ("sanctions", "embargo"), that is no function word.
  auto noun_word = [&](int t) {
    const std::string& x = s.lower[t];
    bool plural = x.size() > 3 && (x == s.lemma[t] + "s" || x == s.lemma[t] + "es") && !EndsWith(x, "ss");
    return (PlainNounAt(s, t) || plural) && s.mention_at[t] < 0 && x[0] >= 'a' && x[0] <= 'z' &&
           !In(x, {"if", "unless", "whether", "not", "also", "it", "they", "he", "she", "be", "will", "would", "can",
                   "could", "may", "might", "shall", "should", "must", "then"});
  };
  // The first word of the named actor or place ending at `t`, or -1.
  auto named_start = [&](int t) {
    if (t < 0) return -1;
    if (s.mention_at[t] >= 0) return s.mention_range[s.mention_at[t]].end == t + 1 ? s.mention_range[s.mention_at[t]].first : -1;
    if (s.place_at[t] >= 0 || (s.flags[t] & Token::kCapitalized)) {
      int f = t;
      while (f > 0 && (s.place_at[f - 1] >= 0 || (s.flags[f - 1] & Token::kCapitalized)) && !s.boundary[f - 1] &&
             s.mention_at[f - 1] < 0 && s.lower[f - 1] != "if" && s.lower[f - 1] != "unless")
        --f;
      return f;
    }
    return -1;
  };
  if (s.mention_at[j] >= 0) {
    j = s.mention_range[s.mention_at[j]].first - 1;
    // "if troops from the South cross", "if militants in Gaza free": the subject's phrase.
    for (int hop = 0; hop < 2 && j > 0; ++hop) {
      int q = j;
      if (q >= 0 && s.lower[q] == "the") --q;
      // (One plain word may qualify the named actor: "refugees from northern Iraq".)
      if (q >= 2 && !kPhrase.count(s.lower[q]) && PlainNounAt(s, q) && kPhrase.count(s.lower[q - 1])) --q;
      if (q < 1 || !kPhrase.count(s.lower[q]) || s.mention_at[q - 1] < 0 ||
          s.mention_range[s.mention_at[q - 1]].end != q)
        break;
      j = s.mention_range[s.mention_at[q - 1]].first - 1;
    }
    // "unless sanctions on Tehran are lifted": a noun of plain words the named actor qualifies.
    if (j >= 1 && In(s.lower[j - (s.lower[j] == "the")], {"on", "against", "of", "from", "in"}) &&
        j - 1 - (s.lower[j] == "the") >= 0 && noun_word(j - 1 - (s.lower[j] == "the"))) {
      int q = j - 1 - (s.lower[j] == "the");
      int last = q;
      while (q >= 0 && q >= last - 3 && (noun_word(q) || s.lower[q] == "the")) --q;
      j = q;
      noun_subject = true;
    }
    // "as long as Kurdish militants threaten": capitalised words before the mention are its
    // qualifiers.
    for (int q = 0; q < 2 && j > 0 && (s.flags[j] & Token::kCapitalized) && !s.boundary[j] && s.lower[j] != "if" &&
                    s.lower[j] != "unless";
         ++q)
      --j;
  } else if (kPronoun.count(s.lower[j])) {
    --j;
  } else if (int f = named_start(j), q = f > 0 && s.lower[f - 1] == "the" ? f - 2 : f - 1;
             f >= 0 && q >= 1 && kPhrase.count(s.lower[q]) && s.mention_at[q - 1] >= 0) {
    // "if rebels in Darfur attacked": the phrase names a place that is no actor.
    j = s.mention_range[s.mention_at[q - 1]].first - 1;
  } else if (auxiliary && noun_word(j)) {
    // "unless (the oil) embargo is lifted": a noun subject of plain words.
    int q = j - 1;
    while (q >= 0 && q >= j - 3 && (noun_word(q) || s.lower[q] == "the")) --q;
    j = q + 1;
    noun_subject = true;
    --j;
  } else {
    return false;
  }
  if (j >= 0 && s.lower[j] == "the") --j;
  if (j < 0) return false;
  const std::string& w = s.lower[j];
  if (w == "before" || w == "until") {
    const std::string& l = s.lemma[i];
    const std::string& v = s.lower[i];
    return !auxiliary && !noun_subject && (v == l || v == l + "s" || v == l + "es");
  }
  // "Asked whether Russia would help X, Putin said ...": the question the main clause answers
  // about a future act leaves that act to the answer (coded planned), as it is worded.
  if (w == "whether" && modal && s.lower[0] == "asked") return false;
  if (w == "if" || w == "unless" || w == "whether") return true;
  // "Should Russia invade Ukraine, ...", "Had NATO not intervened, ...", "Were Iran to attack",
  // "Did Iraq attack ...?":
  // an auxiliary before the subject at the start of the sentence or after a comma opens an
  // inverted condition or a question.
  if (In(w, {"should", "had", "were", "did", "does", "do", "will", "would", "could", "can", "might", "may"}) &&
      (j == 0 || In(s.lower[j - 1], {",", ";", ":", "\"", "--"})))
    return true;
  if (w == "case" && j > 0 && s.lower[j - 1] == "in") return true;  // "in case Iraq attacks"
  if (w == "that" && j > 1 && s.lower[j - 1] == "event" && s.lower[j - 2] == "the") return true;  // "in the event that"
  if (w == "event" && j > 1 && s.lower[j - 1] == "the" && s.lower[j - 2] == "in") return true;  // "in the event Iraq attacks"
  if (w == "that" && j > 0)  // "provided that", "providing that", "on condition that"
    return s.lower[j - 1] == "provided" || s.lower[j - 1] == "providing" || s.lower[j - 1] == "condition";
  return w == "as" && j > 1 && s.lower[j - 1] == "long" && s.lower[j - 2] == "as";
}

// True when the noun of an act starting at `first` is held out as a case that may come: "in case
// of an attack by China", "in the event of a Turkish attack on Cyprus" (determiners, named actors
// and up to two plain words between "of" and the noun). Such an act has not happened.
bool HeldOutAsCase(const SentenceView& s, int first) {
  int j = first - 1;
  for (int steps = 0; j >= 0 && steps < 4 && s.lower[j] != "of"; ++steps) {
    if (s.mention_at[j] >= 0) {
      j = s.mention_range[s.mention_at[j]].first - 1;
      continue;
    }
    if (s.IsBoundary(j) || s.lower[j] == "," || !(IsDeterminerWord(s.lower[j]) || PlainNounAt(s, j))) return false;
    --j;
  }
  if (j < 2 || s.lower[j] != "of") return false;
  if (s.lower[j - 1] == "case") return s.lower[j - 2] == "in";
  return j >= 3 && s.lower[j - 1] == "event" && s.lower[j - 2] == "the" && s.lower[j - 3] == "in";
}

// True when the act matched at `m` is told as a lasting state or habit of its source, not as an
// act of the news: an adverb of habit or history among the words before a verb ("China has
// historically served as North Korea's trading partner", "North Korea has long denounced the
// drills", "have traditionally backed"), or an adjective of duration before a noun of an act
// ("China's enduring economic support for", "their long-standing alliance with"). Such a
// description names no event on any date. ("long" and "always" count only after a perfect's
// "has/have/had": "has long denounced", "has always backed"; "would always stand with" is a pledge.)
bool DescribedAsLasting(const SentenceView& s, const PatternMatch& m) {
  if (m.pattern->nominal) {
    for (int j = m.first - 1; j >= 0 && j >= m.first - 3; --j) {
      const std::string& w = s.lower[j];
      if (In(w, {"enduring", "long-standing", "longstanding", "traditional", "decades-long", "decades-old",
                 "age-old", "long-time", "longtime", "historical"}))
        return true;
      if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == "," || In(w, {"of", "in", "for", "to", "with", "on"}))
        break;
    }
    return false;
  }
  if (m.anchor != m.verb_first) return false;
  for (int j = m.anchor - 1; j >= 0 && j >= m.anchor - 4; --j) {
    const std::string& w = s.lower[j];
    if (In(w, {"historically", "traditionally", "customarily", "habitually", "routinely"})) return true;
    // ("would always stand with Moscow" is a pledge, not a habit: "always" needs the perfect too.)
    if ((w == "long" || w == "always") && j > 0 && In(s.lower[j - 1], {"has", "have", "had", "'s", "'ve"}))
      return true;
    bool adverb = w.size() > 3 && w.compare(w.size() - 2, 2, "ly") == 0;
    if (!adverb && !In(w, {"has", "have", "had", "'s", "'ve", "also", "long", "not", "never", "still", "so", "far"}))
      break;
  }
  return false;
}

// Assaults, fighting and mass violence (CAMEO 18, 19, 20).
bool Violent(const CameoCode& c) {
  return c.code.compare(0, 2, "18") == 0 || c.code.compare(0, 2, "19") == 0 || c.code.compare(0, 2, "20") == 0;
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

namespace {

// The mention of the third party in a mediation phrase at token `i`: "under / with / through
// (the) Norwegian mediation", "under the mediation of Algeria", "mediated / brokered by Qatar"; -1
// for none.
// (Not "opposed to French mediation" nor "the U.N. mediator": there the mediator is an object.)
static int MediatorMention(const SentenceView& s, int i) {
  const int n = s.size();
  auto opens = [&](int j) {  // a preposition of circumstance before token j, "the" between
    if (j > 0 && s.lower[j - 1] == "the") --j;
    return j > 0 && In(s.lower[j - 1], {"under", "with", "through", "amid", "after", "following"});
  };
  if (s.lower[i] == "mediation" && i > 0 && s.mention_at[i - 1] >= 0) {
    const int k = s.mention_at[i - 1];
    if (s.mention_range[k].end == i && opens(s.mention_range[k].first)) return k;
  }
  // The mention opens right after the preposition, or after a "the" it leaves out ("the
  // United States").
  int m = i + 2;
  if (m + 1 < n && s.lower[m] == "the" && s.mention_at[m] < 0) ++m;
  if (m < n && s.mention_at[m] >= 0 && s.mention_range[s.mention_at[m]].first == m &&
      ((s.lower[i] == "mediation" && s.lower[i + 1] == "of" && opens(i)) ||
       (In(s.lower[i], {"mediated", "brokered"}) && s.lower[i + 1] == "by")))
    return s.mention_at[m];
  return -1;
}

}  // namespace

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

std::optional<Location> SentenceCoder::AgentPlaceLocation(const SentenceView& s, int k) const {
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kAgent || am.actor.country.empty()) return std::nullopt;
  const int f = s.mention_range[k].first, e = s.mention_range[k].end;
  for (int i = f + 1; i + 1 < e; ++i) {
    if (!In(s.lower[i], {"in", "throughout", "across", "inside"})) continue;
    for (int j = i + 1; j < e; ++j)
      if (s.place_at[j] >= 0) {
        Location l = PlaceLocation(s, s.place_at[j]);
        if (l.country == am.actor.country) return l;
      }
    auto c = k_.lexicon.countries.find(am.actor.country);
    if (c == k_.lexicon.countries.end()) return std::nullopt;
    return CountryLocation(c->second, s.TokenSpan(i + 1, e));
  }
  return std::nullopt;
}

namespace {

// The state whose gazetteer capital follows "in" at the end of mention `k` or right after it
// ("separatists in Minsk"; the actor index may or may not have taken the place into the
// mention); "" for none.
std::string CapitalAfterIn(const SentenceView& s, int k, const std::vector<Place>& place_list) {
  const int f = s.mention_range[k].first, e = s.mention_range[k].end;
  for (int i = f + 1; i <= e && i + 1 < s.size(); ++i) {
    if (s.lower[i] != "in") continue;
    const int ph = s.place_at[i + 1];
    if (ph < 0 || s.places[ph].place < 0 || s.places[ph].first != i + 1 || (i < e && s.places[ph].end != e))
      return "";
    const Place& pl = place_list[s.places[ph].place];
    return pl.kind == "capital" ? pl.country : "";
  }
  return "";
}

constexpr int kMaxPlaceDistance = 10;  // tokens between a location and the event's words

bool IsSettlementNoun(const std::string& w) {
  return w == "town" || w == "city" || w == "village" || w == "port" || w == "province" || w == "region" ||
         w == "island" || w == "county" || w == "capital" || w == "area" || w == "district" || w == "suburb" ||
         w == "suburbs" || w == "outskirts" || w == "sector" || w == "neighborhood" || w == "neighbourhood" ||
         w == "quarter" || w == "part" || w == "parts" || w == "heart" || w == "centre" || w == "center";
}

// True when mention `k` is a bare state named by a word before a plural noun of places or
// buildings ("Chechen villages", "Tibetan monasteries", "Kurdish towns" when Kurdish names a
// state), i.e. what is meant are places of that state.
bool StateAdjectiveBeforePlaces(const SentenceView& s, int k) {
  if (k < 0 || k >= static_cast<int>(s.mentions.size())) return false;
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.code.empty() || am.actor.code != am.actor.country)
    return false;
  int end = s.mention_range[k].end;
  if (end >= s.size() || s.mention_at[end] >= 0) return false;
  const std::string& w = s.lower[end];
  return In(w, {"villages", "towns", "cities", "homes", "houses", "areas", "districts", "provinces", "regions",
                "settlements", "neighbourhoods", "neighborhoods", "monasteries", "mosques", "churches", "temples",
                "farms", "hamlets", "positions", "strongholds", "hideouts", "bases", "camps", "targets", "territory",
                "countryside", "highlands", "mountains"});
}

// True when mention `k` is a bare state's name or adjective that opens an organisation's proper
// name ("the Kenya Human Rights Commission", "the Egyptian Center for Economic and Social Rights",
// "Zimbabwe Lawyers for Human Rights"): up to six capitalised words of no actor or place (and
// "for", "of", "on", "and" between them), one of them a noun of an organisation. What is meant
// is a body of that state, not the state.
bool StateNameOpensOrganisation(const SentenceView& s, int k) {
  if (k < 0 || k >= static_cast<int>(s.mentions.size())) return false;
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.code.empty() || am.actor.code != am.actor.country)
    return false;
  for (int j = s.mention_range[k].end; j < s.size() && j < s.mention_range[k].end + 6; ++j) {
    if (s.mention_at[j] >= 0 || s.place_at[j] >= 0 || s.IsBoundary(j)) return false;
    const std::string& w = s.lower[j];
    if (In(w, {"for", "of", "on", "and"}) && j > s.mention_range[k].end) continue;
    if (!(s.flags[j] & Token::kCapitalized)) return false;
    if (In(w, {"commission", "committee", "council", "center", "centre", "society", "association", "institute",
               "foundation", "federation", "network", "league", "forum", "union", "lawyers", "daily", "times",
               "herald", "tribune", "observatory", "watch", "trust", "coalition", "alliance", "initiative"}))
      return true;
  }
  return false;
}

// True when mention `k` is a bare state named by its name, not an adjective: the next word is no
// lower-case word other than a preposition, conjunction or time word ("Lebanon on Monday", not
// "Greek tanker" or "Eritrean border town").
bool StateNamedAlone(const SentenceView& s, int k) {
  const auto& am = s.mentions[k];
  if (am.kind != actors::ActorMention::Kind::kState || am.actor.country.empty() || am.actor.code != am.actor.country)
    return false;
  const int e = s.mention_range[k].end;
  if (e >= s.size() || s.IsBoundary(e)) return true;
  const std::string& w = s.lower[e];
  if (!w.empty() && !(w[0] >= 'a' && w[0] <= 'z')) return true;  // punctuation, a number
  if (s.flags[e] & Token::kCapitalized) return true;               // "in Lebanon Monday"
  return In(w, {"on", "in", "at", "and", "or", "but", "yesterday", "today", "tonight", "last", "this", "next", "early",
                "late", "earlier", "later", "during", "since", "for", "to", "with", "after", "before", "when", "while",
                "as", "where", "over", "until", "from", "by", "against", "of", "amid", "despite", "following",
                "near", "along", "between", "that", "which", "who", "without", "under", "through", "via", "overnight"});
}

// The token before mention `k` once "the" and direction words in front of it are passed over
// ("in southern Lebanon", "into northern Israel", "in the Congo": the preposition); -1 at the
// sentence's start.
int WordBeforePlaceName(const SentenceView& s, int k) {
  int f = s.mention_range[k].first;
  while (f > 0 && (s.lower[f - 1] == "the" || IsDirectionWord(s.lower[f - 1]))) --f;
  return f - 1;
}

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

// "I would like to congratulate", "I should like to issue an urgent appeal", "Indonesia would
// also like to welcome South Sudan": a speaker's polite "would/should (also) like to" before a
// verb of saying does the act in saying it; the modal at `i` is no cue for the act at `anchor`.
bool PerformativeWish(const SentenceView& s, int i, int anchor) {
  if (s.lower[i] != "would" && s.lower[i] != "should") return false;
  int j = i + 1;
  if (j < s.size() && s.lower[j] == "also") ++j;
  if (j + 2 >= s.size() || s.lower[j] != "like" || s.lower[j + 1] != "to") return false;
  j += 2;
  if (anchor < j || anchor > j + 3) return false;
  static const std::initializer_list<std::string_view> kSaying = {
      "congratulate", "thank", "welcome", "salute", "commend", "express", "appeal", "issue", "launch",
      "reiterate", "stress", "emphasize", "emphasise", "pay", "extend", "convey", "condemn", "call",
      "urge", "praise", "applaud", "recall", "reaffirm", "underline", "join", "take"};
  return In(s.lemma[j], kSaying);
}

// True when the subject before the verb at `first` is a coalition ("Coalition aircraft",
// "coalition forces") or the antecedent of a relative pronoun is a plural of states or forces
// ("Coalition nations which have conducted strikes"): a doer the words name, not an unidentified one.
bool NamedUnknownDoer(const SentenceView& s, int first) {
  int r = first - 1;
  while (r >= 0 && (s.lower[r] == "have" || s.lower[r] == "has" || s.lower[r] == "had" || s.lower[r] == "also" ||
                    s.lower[r] == "reportedly"))
    --r;
  if (r >= 1 && (s.lower[r] == "which" || s.lower[r] == "who" || s.lower[r] == "that") &&
      (s.lower[r - 1] == "nations" || s.lower[r - 1] == "countries" || s.lower[r - 1] == "states" ||
       s.lower[r - 1] == "members" || s.lower[r - 1] == "partners" || s.lower[r - 1] == "allies" ||
       s.lower[r - 1] == "forces"))
    return true;
  for (int j = first - 1; j >= 0 && j >= first - 4; --j) {
    if (s.IsBoundary(j) || s.lower[j] == ",") break;
    if (s.lower[j] == "coalition") return true;
  }
  return false;
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

// True for the sector of a state institution (government, military, police, judiciary,
// legislature, intelligence), the first three letters of `sector`.
bool IsInstitution(const std::string& sector) {
  std::string_view x = SectorBase(sector);
  return x == "GOV" || x == "MIL" || x == "COP" || x == "JUD" || x == "LEG" || x == "SPY";
}

// The comma opening the non-restrictive relative clause (", which ...,", ", who ...,") that holds
// token i, or -1 when i is in no such clause. The clause runs to the next comma or boundary.
int RelativeClauseAt(const SentenceView& s, int i) {
  for (int j = std::min(i, s.size() - 1) - 1; j >= 0; --j) {
    if (s.IsBoundary(j)) return -1;
    if (s.lower[j] != ",") continue;
    const std::string& w = s.lower[j + 1];
    return w == "which" || w == "who" || w == "whom" || w == "whose" ? j : -1;
  }
  return -1;
}

// True when tokens [from, to) hold a clause break: ", and", ", but", ", as", ", while", "as"
// after a comma, or a saying verb (the place of a report is not the place of what it reports).
bool ClauseBreakBetween(const SentenceView& s, int from, int to) {
  for (int i = std::max(0, from); i < to && i < s.size(); ++i) {
    // (A saying verb inside an actor's name is none: "the United States in Vienna".)
    if (s.IsBoundary(i) || (s.speech_end[i] >= 0 && s.mention_at[i] < 0)) return true;
    // "..., days after threatening ...": another time, another place.
    if (s.lower[i] == "after" || s.lower[i] == "before" || s.lower[i] == "when" || s.lower[i] == "following")
      return true;
    if (s.lower[i] == "," && i + 1 < s.size() &&
        (s.lower[i + 1] == "and" || s.lower[i + 1] == "but" || s.lower[i + 1] == "as" || s.lower[i + 1] == "while"))
      return true;
  }
  return false;
}

}  // namespace

std::optional<Location> SentenceCoder::FindLocation(const SentenceView& s, const PatternMatch& m, bool countries) const {
  if (m.place >= 0) return PlaceLocation(s, m.place);
  int best = -1, best_dist = 1 << 30;
  for (size_t p = 0; p < s.places.size(); ++p) {
    const auto& hit = s.places[p];
    if (!countries && s.IsCountryPlace(static_cast<int>(p))) continue;
    int f = hit.first;
    // "the", and directions: "in eastern Beirut", "of the Iraqi city of Basra".
    while (f > 0 && (s.lower[f - 1] == "the" || IsDirectionWord(s.lower[f - 1]) || s.lower[f - 1] == "downtown"))
      --f;
    // "of mostly Christian eastern Beirut": up to three qualifiers between "of" and the place.
    {
      int g = f;
      while (g > 0 && g > f - 3 && s.mention_at[g - 1] < 0 && s.place_at[g - 1] < 0 &&
             ((s.flags[g - 1] & Token::kCapitalized) || IsDirectionWord(s.lower[g - 1]) ||
              s.lower[g - 1] == "mostly" || s.lower[g - 1] == "predominantly" || s.lower[g - 1] == "largely" ||
              s.lower[g - 1] == "mainly"))
        --g;
      if (g < f && g >= 2 && s.lower[g - 1] == "of" && IsSettlementNoun(s.lower[g - 2])) f = g;
    }
    // "in its border town of Kaesong": the place after "town of" after a locative preposition.
    if (f >= 2 && s.lower[f - 1] == "of" && IsSettlementNoun(s.lower[f - 2])) {
      int q = f - 2;
      while (q > 0 && q > f - 6 && !s.IsLocativePreposition(q - 1)) --q;
      if (q > 0 && s.IsLocativePreposition(q - 1)) f = q;
    }
    // "north of Kabul", "20 km south of Hebron": a direction and "of" place the event too.
    const bool direction_of = f >= 2 && s.lower[f - 1] == "of" && IsDirectionWord(s.lower[f - 2]) &&
                              !(f >= 3 && s.lower[f - 3] == "the");
    if ((!s.IsLocativePreposition(f - 1) || s.lower[f - 1] == "from") && !direction_of) continue;
    int dist = hit.first >= m.anchor ? hit.first - m.anchor : m.anchor - hit.end;
    // A settlement phrase counts from its start ("outside the Iraqi city of Basra").
    // Inside an act folded into the match ("ready to contribute troops ... in Liberia"): no gap.
    int me = std::max(m.end, m.folded_end);
    int edge = hit.first >= me   ? std::min(hit.first, std::max(f, me)) - me
               : hit.first >= m.end ? 0
                                    : m.first - hit.end;
    if (edge > kMaxPlaceDistance) continue;
    if (ClauseBreakBetween(s, std::min(hit.end, m.first), std::max(hit.first, m.end))) continue;
    // "Wen, who met Abe in Beijing on Sunday, will visit Japan": a place inside a relative clause
    // places the clause's own act, not an act outside it. (The reverse may hold: "raids on
    // villages in Iraq, which killed 30 people" killed them in Iraq.)
    {
      const int rel = RelativeClauseAt(s, hit.first);
      if (rel >= 0 && rel != RelativeClauseAt(s, m.anchor)) continue;
    }
    if (dist < best_dist) {
      best_dist = dist;
      best = static_cast<int>(p);
    }
  }
  if (best < 0) return std::nullopt;
  return PlaceLocation(s, best);
}

namespace {

// True when every word of `text` after a leading "the" opens with a capital letter: a body's
// proper name ("the Supreme Court", "Interior Ministry"), not a common noun ("the government").
static bool CapitalisedName(std::string_view text) {
  if (text.rfind("the ", 0) == 0 || text.rfind("The ", 0) == 0) text.remove_prefix(4);
  if (text.empty()) return false;
  bool start = true;
  for (char ch : text) {
    if (start && !(ch >= 'A' && ch <= 'Z')) return false;
    start = ch == ' ';
  }
  return true;
}

}  // namespace

ActorRef SentenceCoder::Actor(const SentenceView& s, int mention, const std::string& sector_override,
                              const std::string& loc_country, std::vector<std::string>* entries,
                              std::string* note, const std::vector<int>& other_side,
                              const std::vector<int>& not_antecedent) const {
  const actors::ActorMention& am = s.mentions[mention];
  ActorRef a = am.actor;
  for (const auto& e : am.entries) entries->push_back(e);
  // "Kofi Annan, UN secretary-general,": a post in apposition after a person's name (a mention
  // ending in a lower-case title) is the capacity in which the person acts.
  if (am.kind == actors::ActorMention::Kind::kPerson) {
    int e = s.mention_range[mention].end;
    int k = e + 1 < s.size() && s.lower[e] == "," ? s.mention_at[e + 1] : -1;
    if (k >= 0 && k != mention && s.mention_range[k].first == e + 1) {
      const auto& post = s.mentions[k];
      int last = s.mention_range[k].end - 1;
      bool title = !(s.flags[last] & Token::kCapitalized) && s.lower[last] != "and";
      if (title && !post.actor.code.empty() && post.actor.code != a.code &&
          (post.kind == actors::ActorMention::Kind::kPerson || post.kind == actors::ActorMention::Kind::kOrganisation ||
           (post.kind == actors::ActorMention::Kind::kState && !post.actor.sector.empty()))) {
        a.code = post.actor.code;
        a.country = post.actor.country;
        a.sector = post.actor.sector;
        if (!note->empty()) *note += "; ";
        *note += "post of '" + a.text + "' from the apposition '" + post.actor.text + "'";
      }
    }
  }
  if (!sector_override.empty() && am.kind == actors::ActorMention::Kind::kState) {
    a.sector = sector_override;
    a.code = a.country + sector_override;
  }
  if (a.country.empty() && am.kind == actors::ActorMention::Kind::kAgent) {
    // A generic agent: the country of the place the sentence names, else the dateline's, else
    // the document's dominant state.
    std::string c, from = "phrase";
    // "Coalition military forces", "coalition aircraft": a multinational coalition's group
    // has no one state; places and other states of the sentence are no clue to it.
    const int gf = s.mention_range[mention].first;
    if (gf >= 1 && s.mention_at[gf - 1] < 0 && s.lower[gf - 1] == "coalition") return a;
    // "The Taliban warned ... after Trump called off talks with the militant group", "M23 rebels
    // seized Goma. The rebels marched ...": a definite armed group (REB/INS) of no state is the
    // armed group last named with its state, earlier in the sentence, else in the document
    // (its whole code: AFGREBTAL). A state named right after it ("the rebels in Mali") decides
    // below instead.
    const int ge = s.mention_range[mention].end;
    const bool definite = s.lower[gf] == "the" || (gf > 0 && s.lower[gf - 1] == "the");
    const bool state_after = ge + 1 < s.size() && In(s.lower[ge], {"in", "of", "from"}) && s.mention_at[ge + 1] >= 0;
    if (definite && !state_after && ArmedGroupSector(a.sector)) {
      std::optional<ActorRef> ante;
      std::vector<std::string> ante_entries;
      for (int k = mention - 1; k >= 0 && !ante; --k)
        if (ArmedGroupSector(s.mentions[k].actor.sector) && !s.mentions[k].actor.country.empty())
          ante = s.mentions[k].actor, ante_entries = s.mentions[k].entries;
      if (!ante && ds_.last_armed_group) ante = ds_.last_armed_group, ante_entries = ds_.last_armed_group_entries;
      if (ante) {
        const std::string text = a.text;
        const Span span = a.span;
        a = *ante;
        a.text = text;
        a.span = span;
        for (const auto& e : ante_entries) entries->push_back(e);
        if (!note->empty()) *note += "; ";
        *note += "'" + text + "' is the armed group named before (" + ante->text + ")";
        return a;
      }
    }
    // "opposition parties in Nepal", "students throughout Indonesia": the state right after;
    // after "at", only a metonym of its government ("officials at the Pentagon", "aides at the
    // White House").
    int e = s.mention_range[mention].end;
    const bool at = e + 1 < s.size() && s.lower[e] == "at";
    if (e + 1 < s.size() && (s.lower[e] == "in" || s.lower[e] == "of" || s.lower[e] == "from" ||
                             s.lower[e] == "throughout" || s.lower[e] == "across" || at)) {
      int j = e + 1;
      if (s.lower[j] == "the") ++j;
      // "rebels in northern Iraq"; not "the South" named as a state ("from the South": KOR).
      if (j < s.size() && IsDirectionWord(s.lower[j]) && s.mention_at[j] < 0) ++j;
      int k = j < s.size() ? s.mention_at[j] : -1;
      if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty() &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kCapital) &&
          (!at || (s.mentions[k].kind == actors::ActorMention::Kind::kState && !s.mentions[k].actor.sector.empty())))
        c = s.mentions[k].actor.country, from = "state named after it";
      // "the government of (Prime Minister) Nawaz Sharif": a government of a person is that
      // person's state's (the person's country as the index resolves it on the article's date).
      if (c.empty() && k >= 0 && s.mention_range[k].first == j && s.lower[e] == "of" &&
          SectorBase(a.sector) == "GOV" && s.mentions[k].kind == actors::ActorMention::Kind::kPerson &&
          s.mentions[k].actor.country.size() == 3)
        c = s.mentions[k].actor.country, from = "person whose government it is";
      // "Kurdish rebels in northern Iraq attacked a Turkish army outpost": rebels of a people
      // spread over several states, placed in one state, fighting another state's forces in the
      // sentence, are that other state's insurgents (the PKK: TURREB), wherever they are based.
      // The peoples: data/coder/peoples.txt.
      if (!c.empty() && gf >= 1 && s.mention_at[gf - 1] < 0 &&
          ArmedGroupSector(a.sector) && k_.lexicon.spread_peoples.count(s.lower[gf - 1]) > 0) {
        for (int o = 0; o < static_cast<int>(s.mentions.size()); ++o) {
          const auto& om = s.mentions[o].actor;
          if (o == mention || om.country.size() != 3 || om.country == c) continue;
          if (SectorBase(om.sector) == "MIL" || SectorBase(om.sector) == "COP") {
            c = om.country, from = "state whose forces the people's rebels fight";
            break;
          }
        }
      }
    }
    // "Israel said its jets struck Hezbollah targets in Lebanon": a group after "its"/"their"
    // belongs to the nearest actor with a country named before it in the clause (the
    // possessive's antecedent), not to the place of the act. A state named as where something
    // went or happened ("fired rockets into northern Israel a day after its fighters ...") is
    // no antecedent: the scan passes over it to the actor before.
    if (c.empty() && gf >= 2 && In(s.lower[gf - 1], {"its", "their"})) {
      for (int q = gf - 2; q >= 0; --q) {
        if (s.IsBoundary(q) || s.lower[q] == ";") break;
        int k = s.mention_at[q];
        if (k < 0) continue;
        // "Turkey said Syria had shot down one of its warplanes": the doer of a violent act is
        // not what "its" refers to in the act's victim (that would be "its own").
        if (std::find(not_antecedent.begin(), not_antecedent.end(), k) != not_antecedent.end() &&
            !(s.mention_range[mention].first >= 1 && s.lower[s.mention_range[mention].first - 1] == "own")) {
          q = s.mention_range[k].first;
          continue;
        }
        if (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
            s.mentions[k].kind == actors::ActorMention::Kind::kCapital) {
          const int p = WordBeforePlaceName(s, k);
          if (p >= 0 && In(s.lower[p], {"into", "in", "inside", "across", "toward", "towards", "near"})) {
            q = p + 1;  // the loop's step goes on from the preposition
            continue;
          }
        }
        if (!s.mentions[k].actor.country.empty() && s.mentions[k].kind != actors::ActorMention::Kind::kRegion)
          c = s.mentions[k].actor.country, from = "actor its possessive refers to";
        if (!s.mentions[k].actor.country.empty() || s.mentions[k].kind != actors::ActorMention::Kind::kAgent) break;
        q = s.mention_range[k].first;
      }
    }
    // "Troops loyal to Maduro", "forces loyal to the government in Tripoli": the side they are
    // loyal to, a state, its capital or a person with a country.
    if (c.empty() && e + 2 < s.size() && s.lower[e] == "loyal" && s.lower[e + 1] == "to") {
      int j = e + 2;
      if (s.lower[j] == "the" && j + 1 < s.size()) ++j;
      int k = s.mention_at[j];
      if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty() &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kCapital ||
           s.mentions[k].kind == actors::ActorMention::Kind::kPerson))
        c = s.mentions[k].actor.country, from = "side it is loyal to";
    }
    // "Peacekeepers sent by the African Union", "troops dispatched by Saudi Arabia": forces of no
    // country sent by a state, its capital or an organisation are the sender's.
    if (c.empty() && e + 2 < s.size() && s.lower[e + 1] == "by" &&
        In(s.lower[e], {"sent", "dispatched", "deployed"}) &&
        (SectorBase(a.sector) == "MIL" || a.text.find("eacekeep") != std::string::npos)) {
      int j = e + 2;
      if (s.lower[j] == "the" && j + 1 < s.size()) ++j;
      int k = s.mention_at[j];
      if (k >= 0 && k != mention && s.mention_range[k].first == j) {
        const auto& sender = s.mentions[k];
        if (!sender.actor.country.empty() && (sender.kind == actors::ActorMention::Kind::kState ||
                                              sender.kind == actors::ActorMention::Kind::kCapital)) {
          c = sender.actor.country, from = "state that sent it";
        } else if (sender.kind == actors::ActorMention::Kind::kOrganisation && !sender.actor.code.empty()) {
          // (An organisation of no one state, "the African Union": its forces are the body.)
          const std::string text = a.text;
          const Span span = a.span;
          a = sender.actor;
          a.text = text;
          a.span = span;
          for (const auto& en : sender.entries) entries->push_back(en);
          if (!note->empty()) *note += "; ";
          *note += "'" + text + "' sent by " + sender.actor.text;
          return a;
        }
      }
    }
    // "Israeli helicopters and tanks": a state's adjective before the first of two coordinated
    // groups of the same kind qualifies both.
    if (c.empty()) {
      int f = s.mention_range[mention].first;
      if (f >= 2 && s.lower[f - 1] == "and" && s.mention_at[f - 2] >= 0) {
        int k = s.mention_at[f - 2];
        const auto& o = s.mentions[k];
        if (s.mention_range[k].end == f - 1 && s.mention_range[k].end - s.mention_range[k].first >= 2 &&
            !o.actor.country.empty() && !a.sector.empty() && o.actor.sector == a.sector &&
            (o.kind == actors::ActorMention::Kind::kState || o.kind == actors::ActorMention::Kind::kAgent))
          c = o.actor.country, from = "adjective of the group coordinated before it";
      }
    }
    // "Montenegro Municipality Association (AKK) officials": a state's name right before a body's
    // capitalised name the index does not know (with "of", and its acronym in parentheses)
    // right before the group is the group's state.
    if (c.empty()) {
      int t = s.mention_range[mention].first - 1;
      if (t >= 3 && s.lower[t] == ")" && s.lower[t - 2] == "(" && (s.flags[t - 1] & Token::kCapitalized)) t -= 3;
      int n = 0;
      while (t >= 0 && n < 5 && s.mention_at[t] < 0 && !s.IsBoundary(t) &&
             ((s.flags[t] & Token::kCapitalized) || (n > 0 && s.lower[t] == "of")))
        --t, ++n;
      const int k = t >= 0 && n > 0 && s.lower[t + 1] != "of" ? s.mention_at[t] : -1;
      if (k >= 0 && k != mention && s.mention_range[k].end == t + 1 &&
          (s.mentions[k].kind == actors::ActorMention::Kind::kState ||
           s.mentions[k].kind == actors::ActorMention::Kind::kAgent) &&
          !s.mentions[k].actor.country.empty()) {
        c = s.mentions[k].actor.country, from = "state named before the body's name";
      } else if (n >= 2 && k_.actors && s.lower[t + 1] != "of") {
        // (The index reads the state's name and the capitalised words after it as one unknown
        // name: the first word alone names the state.)
        const auto r = k_.actors->Resolve(doc_.Text(s.TokenSpan(t + 1, t + 2)), doc_.date);
        if (r.found && r.actor.country.size() == 3 && r.actor.code == r.actor.country)
          c = r.actor.country, from = "state named before the body's name";
      }
    }
    // "The Foreign Secretary met the Iraqi Foreign Minister" in a release of the British
    // government: an office of government named by its title alone ("the Prime Minister", "the
    // Government") is the document speaker's own.
    if (c.empty() && !doc_.speaker.empty() && a.sector.compare(0, 3, "GOV") == 0) {
      const int f = s.mention_range[mention].first, e = s.mention_range[mention].end;
      const bool the = s.lower[f] == "the" || (f > 0 && s.lower[f - 1] == "the");
      // (Not "the regime" or "the junta": words for someone else's government. Not a title a
      // name follows in apposition: "the Prime Minister-designate, Haider al-Abadi,".)
      const std::string& head = s.lower[e - 1];
      const bool apposition = e + 1 < s.size() && s.lower[e] == "," && s.mention_at[e + 1] >= 0;
      if (the && !head.empty() && head.back() != 's' && head != "regime" && head != "junta" && !apposition) {
        ActorRef sp = SpeakerActor(k_, doc_.speaker);
        if (!sp.country.empty()) c = sp.country, from = "document's speaker";
      }
    }
    // "A Turkish army spokesman said troops had killed 50 rebels in northern Iraq": forces or
    // police of no country in what a state's institution reports (its mention right before the
    // speech cue) are that state's own, wherever the act happens.
    if (c.empty() && (SectorBase(a.sector) == "MIL" || SectorBase(a.sector) == "COP")) {
      const int f = s.mention_range[mention].first;
      for (int t = f - 1; t > 0; --t) {
        if (s.IsBoundary(t)) break;
        if (s.speech_end[t] < 0) continue;
        int p = t - 1;
        const int k = s.mention_at[p];
        if (k >= 0 && k != mention && s.mention_range[k].end == t && !s.mentions[k].actor.country.empty() &&
            IsInstitution(s.mentions[k].actor.sector))
          c = s.mentions[k].actor.country, from = "state institution reporting it";
        break;
      }
    }
    if (c.empty()) c = loc_country, from = "event location";
    if (c.empty()) {
      // "Egyptian police opened fire on fundamentalist demonstrators": a group the sentence
      // gives no country belongs to the one state all the sentence's other actors and places
      // belong to (none when they name two states, or none).
      std::string only;
      bool several = false;
      auto consider = [&](const std::string& country) {
        if (country.size() != 3 || several) return;
        if (only.empty()) only = country;
        else if (only != country) several = true;
      };
      for (int k = 0; k < static_cast<int>(s.mentions.size()); ++k) {
        if (k == mention) continue;
        // "President Pierre Buyoya accused Rwanda": a state institution acting on a state or
        // another state's institution is abroad; that other side is no clue to its own state.
        // (A group outside the institutions, "fundamentalists ... demand the resignation of
        // Algerian President ...", mostly acts at home: there the other side is a clue.)
        // (Lawmakers or the opposition acting on a government, "Conservative lawmakers accused
        // Prime Minister Tony Blair's government", are mostly that state's own: there the
        // government is a clue.)
        const bool own_government = (SectorBase(a.sector) == "LEG" || SectorBase(a.sector) == "OPP") &&
                                    SectorBase(s.mentions[k].actor.sector) == "GOV";
        if (IsInstitution(a.sector) && !own_government &&
            (s.mentions[k].actor.sector.empty() || IsInstitution(s.mentions[k].actor.sector)) &&
            std::find(other_side.begin(), other_side.end(), k) != other_side.end())
          continue;
        // "The government will impose sanctions on Iran": a state named after the group as the
        // object of a preposition is the other side, no clue to the group's own state; so is
        // one after "from" for a state institution or the opposition ("accused the government of
        // exaggerating the threat from Iraq"; not "aid agencies ... drew criticism from Britain").
        // (Not the reporting source after "according to": "according to a statement from
        // Myanmar's information ministry" names the speaker, a clue.)
        int of = s.mention_range[k].first;
        bool according = false;
        for (int t = of - 1; t >= 0 && t >= of - 5 && !according; --t)
          according = s.lower[t] == "according" && t + 1 < s.size() && s.lower[t + 1] == "to";
        if (of > s.mention_range[mention].first && of > 0 && !according &&
            (s.lower[of - 1] == "on" || s.lower[of - 1] == "against" || s.lower[of - 1] == "to" ||
             s.lower[of - 1] == "with" || (s.lower[of - 1] == "from" && (IsInstitution(a.sector) || SectorBase(a.sector) == "OPP"))))
          continue;
        // "The minister who met the Chinese delegation criticized Japan": a state named in a
        // relative clause on a state institution, other than as a place ("officials who gathered
        // in Tehran"), is its counterpart in that clause's act, no clue to its own state (as
        // the other side above).
        if (IsInstitution(a.sector)) {
          const int me = s.mention_range[mention].end;
          const int rp = me + 1 < s.size() && s.lower[me] == "," ? me + 1 : me;
          if (of > rp + 1 && rp < s.size() && In(s.lower[rp], {"who", "whom", "that", "which"})) {
            bool inside = true;
            for (int t = rp + 1; t < of && inside; ++t)
              inside = !s.IsBoundary(t) && s.lower[t] != "," && s.speech_end[t] < 0;
            int pp = of - 1;
            if (pp > rp && In(s.lower[pp], {"the", "a", "an"})) --pp;
            if (inside && !s.IsLocativePreposition(pp)) continue;
          }
        }
        const auto& o = s.mentions[k];
        if (o.kind == actors::ActorMention::Kind::kOrganisation || o.kind == actors::ActorMention::Kind::kRegion)
          continue;
        consider(o.actor.country);
      }
      for (const auto& p : s.places)
        if (p.place >= 0) consider(k_.lexicon.place_list[p.place].country);
      if (!several && !only.empty()) c = only, from = "only state the sentence names";
    }
    if (c.empty()) c = ds_.dateline_country, from = "dateline";
    // "Indian Prime Minister Narendra Modi ... The Supreme Court criticised ...": a government,
    // legislature or court under a capitalised name ("the National Assembly", "the Interior
    // Ministry", "Parliament"; no person) in a sentence that names no state or place, in a
    // document that names one state only, is that state's body.
    if (c.empty() && !ds_.sole_country.empty() && In(SectorBase(a.sector), {"GOV", "LEG", "JUD"}) &&
        s.mentions[mention].kind == actors::ActorMention::Kind::kAgent && CapitalisedName(a.text)) {
      bool named = false;
      for (int k = 0; k < static_cast<int>(s.mentions.size()) && !named; ++k)
        named = k != mention && !s.mentions[k].actor.country.empty();
      for (const auto& p : s.places) named = named || p.place >= 0;
      if (!named) c = ds_.sole_country, from = "only state the document names";
    }
    // "Russia reacted angrily, and the defence ministry cut military contacts with Turkey", "...
    // Britain expelled 23 diplomats. In Moscow, the foreign ministry vowed ...": a definite state
    // institution of no state ("the army", "the interior ministry") is the state named nearest
    // before it in its sentence (a state, its capital or people, a person or a group of a state),
    // unless that mention stands coordinated with another state's ("Indian and Pakistani
    // troops"), else the one state the previous sentence names (none when it names several).
    if (c.empty() && IsInstitution(a.sector) && s.mentions[mention].kind == actors::ActorMention::Kind::kAgent) {
      const int f = s.mention_range[mention].first;
      const bool definite = s.lower[f] == "the" || (f > 0 && s.lower[f - 1] == "the");
      auto names_state = [&](actors::ActorMention::Kind kind, const ActorRef& r) {
        return r.country.size() == 3 && k_.lexicon.countries.count(r.country) > 0 &&
               (kind == actors::ActorMention::Kind::kState || kind == actors::ActorMention::Kind::kCapital ||
                kind == actors::ActorMention::Kind::kAgent || kind == actors::ActorMention::Kind::kPerson ||
                kind == actors::ActorMention::Kind::kOrganisation);
      };
      std::string near;
      bool ambiguous = false, found = false;
      for (int k = mention - 1; definite && k >= 0 && !found; --k) {
        if (s.mention_range[k].end > f || !names_state(s.mentions[k].kind, s.mentions[k].actor)) continue;
        found = true;
        near = s.mentions[k].actor.country;
        // (A mention coordinated with it, before or after: "Indian and Pakistani troops".)
        for (int o : {k - 1, k + 1}) {
          if (o < 0 || o >= static_cast<int>(s.mentions.size()) || o == mention) continue;
          const int gap_from = o < k ? s.mention_range[o].end : s.mention_range[k].end;
          const int gap_to = o < k ? s.mention_range[k].first : s.mention_range[o].first;
          if (gap_to - gap_from == 1 && In(s.lower[gap_from], {"and", ","}) &&
              names_state(s.mentions[o].kind, s.mentions[o].actor) && s.mentions[o].actor.country != near)
            ambiguous = true;
        }
      }
      // (In the previous sentence, only when all it names, actors and places, is one state.)
      if (definite && !found) {
        for (const auto& [kind, r] : ds_.prev_mentions) {
          if (!names_state(kind, r)) continue;
          if (found && r.country != near) ambiguous = true;
          found = true;
          near = r.country;
        }
        for (const auto& pc : ds_.prev_place_countries) {
          if (found && pc != near) ambiguous = true;
          found = true;
          near = pc;
        }
      }
      if (found && !ambiguous) c = near, from = "state named nearest before it";
    }
    if (c.empty()) c = ds_.dominant_country, from = "document's dominant state";
    // "Saudi Arabia cut ties with Iran ... The foreign minister gave Iranian diplomats 48 hours",
    // "... marched through Kampala. Riot police fired tear gas": an office of state or a state
    // force with no country (GOV, COP, MIL; "the prime minister", "riot police") in a sentence
    // that names no state or place is that of the previous sentence's first state or capital
    // (when no other actor with a country comes before it), else of the document's latest place.
    if (c.empty() && !a.sector.empty() &&
        s.mentions[mention].kind == actors::ActorMention::Kind::kAgent && s.index > 0) {
      bool named = false;
      for (int k = 0; k < static_cast<int>(s.mentions.size()) && !named; ++k)
        named = k != mention && !s.mentions[k].actor.country.empty();
      for (const auto& p : s.places) named = named || p.place >= 0;
      if (!named) {
        for (const auto& [kind, prev] : ds_.prev_mentions) {
          if (prev.country.empty()) continue;
          if (kind == actors::ActorMention::Kind::kState || kind == actors::ActorMention::Kind::kCapital)
            c = prev.country, from = "first state or capital of the previous sentence";
          break;
        }
        if (c.empty() && ds_.last_location && !ds_.last_location->country.empty())
          c = ds_.last_location->country, from = "document's latest place";
      }
    }
    if (!c.empty()) {
      a.country = c;
      a.code = c + a.sector;
      if (!note->empty()) *note += "; ";
      *note += "country of '" + a.text + "' from the " + from;
    }
  }
  return a;
}

namespace {

// True when the first target of match `m` opens the sentence (a determiner may precede it):
// "Iraq must ...", "The Palestinians must ...".
bool OpensSentence(const SentenceView& s, const PatternMatch& m) {
  if (m.targets.empty()) return false;
  int first = s.mention_range[m.targets.front()].first;
  if (first == 0 || (first == 1 && IsDeterminerWord(s.lower[0]))) return true;
  // ("\"This latest move from the government is clumsy,\" X said": a quotation opening with
  // the act's noun, its determiner and one adjective before it.)
  if (m.first >= first) return false;
  int i = 0;
  while (i < m.first && In(s.lower[i], {"\"", "``", "'"})) ++i;
  if (i < m.first && (IsDeterminerWord(s.lower[i]) || In(s.lower[i], {"this", "these", "that"}))) ++i;
  if (i < m.first && In(s.lower[i], {"latest", "new", "recent", "last"})) ++i;
  return i == m.first;
}

// The speaker named after a statement that opens the sentence ("Iraq must let inspectors
// return, Bush told the General Assembly", "..., said the foreign ministry"): after token
// `from`, a comma followed by an actor mention and a saying verb, or by a saying verb and an
// actor mention (a determiner may precede the mention). Clause punctuation or a saying verb met
// before that comma ends the search. Returns the mention's index, or -1.
int TrailingSpeaker(const SentenceView& s, int from) {
  auto mention_from = [&](int j) {
    while (j < s.size() && In(s.lower[j], {"\"", "''", "'"})) ++j;  // a closing quotation mark
    if (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
    return j < s.size() ? s.mention_at[j] : -1;
  };
  for (int i = from; i + 1 < s.size(); ++i) {
    if (s.IsBoundary(i) || s.speech_end[i] >= 0) return -1;
    if (s.lower[i] != ",") continue;
    int k = mention_from(i + 1);
    if (k >= 0 && s.mention_range[k].end < s.size() && s.speech_end[s.mention_range[k].end] >= 0) return k;
    if (s.speech_end[i + 1] >= 0 && (k = mention_from(s.speech_end[i + 1])) >= 0) return k;
  }
  return -1;
}

// The speaker of a quote that opens the sentence and holds token `at`: '"We arrested them," the
// police chief said' or '..., said the police chief': the actor mention right after the closing
// quote (a determiner may precede it) with a saying verb after it, or after a saying verb right
// after the quote. -1 when the sentence opens with no quote holding `at`, or names no speaker.
int QuoteSpeaker(const SentenceView& s, int at) {
  auto quote = [&](int i) { return In(s.lower[i], {"\"", "\u201c", "\u201d", "``", "''"}); };
  if (s.size() < 4 || !quote(0) || at <= 0) return -1;
  int q = at + 1;
  while (q < s.size() && !quote(q)) ++q;
  if (q + 1 >= s.size()) return -1;
  auto mention_from = [&](int j) {
    if (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
    return j < s.size() ? s.mention_at[j] : -1;
  };
  int k = mention_from(q + 1);
  if (k >= 0 && s.mention_range[k].end < s.size() && s.speech_end[s.mention_range[k].end] >= 0) return k;
  if (s.speech_end[q + 1] >= 0 && (k = mention_from(s.speech_end[q + 1])) >= 0) return k;
  return -1;
}

// The speaker (a mention with a country) of a quote opening the sentence whose verb at `verb`
// has "we" or "I" as its subject: the pronoun right before the verb, only auxiliaries, negation
// and adverbs between ("We will not negotiate", "I have met"); else -1 (QuoteSpeaker).
int FirstPersonQuoteSpeaker(const SentenceView& s, int verb) {
  for (int j = verb - 1; j >= 1 && j >= verb - 5; --j) {
    const std::string& w = s.lower[j];
    if (w == "we" || w == "i") {
      int k = QuoteSpeaker(s, j);
      return k >= 0 && !s.mentions[k].actor.country.empty() ? k : -1;
    }
    if (s.mention_at[j] >= 0 || s.IsBoundary(j) ||
        !(EndsWith(w, "ly") || In(w, {"will", "would", "have", "has", "had", "'ve", "'ll", "'d", "not", "n't", "also",
                                      "never", "do", "did", "can", "could", "must", "should", "shall", "may", "might",
                                      "are", "were", "'re", "am", "'m", "already", "still", "again", "today"})))
      return -1;
  }
  return -1;
}

// True when the words from `i` are "(not|also|now|...) be" and a past participle: a word whose
// lemma differs from it and that ends like one ("allowed", "given", "taken", "brought", "left").
bool PassiveFollows(const SentenceView& s, int i) {
  while (i < s.size() && In(s.lower[i], {"not", "also", "now", "therefore", "then", "further", "still", "never"})) ++i;
  if (i + 1 >= s.size() || s.lower[i] != "be") return false;
  const std::string& w = s.lower[i + 1];
  auto ends = [&](const char* suf) {
    size_t k = std::char_traits<char>::length(suf);
    return w.size() > k + 1 && w.compare(w.size() - k, k, suf) == 0;
  };
  return s.lemma[i + 1] != w && (ends("ed") || ends("en") || ends("wn") || ends("ught") || ends("t") || ends("n"));
}

// True when the verb at `first` stands in an infinitive asked of someone: "to" at most four
// words before it ("to give", "to continue to give", "to live up to its commitments by
// providing"), and before that, in the clause, a verb of asking with someone between it and
// its "to": "urge/ask/encourage/invite/request/press/want X to", "call on/upon X to", "appeal
// to X to". Not "we wish to express" (no one asked).
bool AskedOfAnother(const SentenceView& s, int first) {
  bool saw_to = false;
  for (int j = first - 1; j >= 0 && j >= first - 16; --j) {
    if (s.IsBoundary(j) || s.lower[j] == ";" || s.lower[j] == ":") return false;
    if (s.lower[j] == "to") {
      saw_to = true;
      continue;
    }
    if (!saw_to) {
      if (first - j > 4) return false;
      continue;
    }
    const std::string& l = s.lemma[j];
    const bool particle = (l == "call" && j + 1 < first && In(s.lower[j + 1], {"on", "upon"})) ||
                          (l == "appeal" && j + 1 < first && s.lower[j + 1] == "to");
    if (particle || In(l, {"urge", "ask", "encourage", "invite", "request", "exhort", "press", "want",
                           "implore", "enjoin", "persuade"})) {
      const int asked = j + (particle ? 2 : 1);
      return asked < first && s.lower[asked] != "to";
    }
  }
  return false;
}

// True when the act at `first` is only named as an aim, obligation, need or effort, not told
// as done: "our aim is to strengthen cooperation", "the obligation to disarm", "efforts to
// promote peace", "the need to hold talks" (an infinitive after such a noun, at most two words
// between "to" and the act; a gerund after its "of": "the task of providing"), "the objective of the Organization is to ..." (the noun the subject
// of "is to"), and for a noun of an act "the need for dialogue", "the importance of cooperation"
// (at most two determiners or adjectives between). "aim", "need" and "right" are nouns only
// after a determiner, possessive or adjective ("we need to", "they aim to" are verbs: modality).
bool NamedAsAim(const SentenceView& s, int first, bool nominal) {
  static const std::initializer_list<std::string_view> kAims = {
      "aim",        "goal",      "objective", "purpose",        "obligation",     "duty",      "need",
      "necessity",  "effort",    "endeavour", "endeavor",       "task",           "responsibility",
      "mission",    "imperative", "priority", "ambition",       "aspiration",     "right"};
  // (Plurals by their form too: the fast path's lemmatizer leaves "efforts" as it is.)
  auto aim_lemma = [&](int h) -> std::string {
    const std::string& w = s.lower[h];
    if (In(s.lemma[h], kAims)) return s.lemma[h];
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ies") == 0 && In(w.substr(0, w.size() - 3) + "y", kAims))
      return w.substr(0, w.size() - 3) + "y";
    if (w.size() > 3 && w.back() == 's' && In(w.substr(0, w.size() - 1), kAims)) return w.substr(0, w.size() - 1);
    return "";
  };
  auto noun_at = [&](int h) {
    if (h < 0 || s.mention_at[h] >= 0) return false;
    const std::string l = aim_lemma(h);
    if (l.empty()) return false;
    // "the United States' efforts to strengthen its alliances with X": a named actor's efforts
    // are its act under way (golden founding.txt), unlike "efforts to promote peace".
    if (In(l, {"effort", "endeavour", "endeavor"}) && h > 1 && (s.lower[h - 1] == "'s" || s.lower[h - 1] == "'") &&
        s.mention_at[h - 2] >= 0)
      return false;
    if (!In(l, {"aim", "need", "right"})) return true;
    if (h == 0) return false;  // ("needs", "aimed", "needed": verbs too)
    const std::string& d = s.lower[h - 1];
    return IsDeterminerWord(d) || In(d, {"our", "your", "my", "this", "that", "every", "urgent", "pressing",
                                        "main", "ultimate", "overriding", "primary", "fundamental", "basic",
                                        "real", "clear", "common", "shared", "collective", "inalienable",
                                        "legitimate", "sovereign", "growing", "great", "vital", "first"});
  };
  if (nominal) {
    int j = first - 1;
    for (int k = 0; k < 2 && j > 0 && (IsDeterminerWord(s.lower[j]) || In(s.lower[j], {"a", "an", "greater",
                                                                                        "more", "genuine", "real",
                                                                                        "constructive", "meaningful",
                                                                                        "further", "closer"}));
         ++k)
      --j;
    if (j < 1 || !In(s.lower[j], {"for", "of"})) return false;
    return noun_at(j - 1) || In(s.lemma[j - 1], {"importance", "necessity"});
  }
  int to = -1;
  for (int j = first - 1; j >= 0 && j >= first - 3; --j) {
    if (s.IsBoundary(j) || s.lower[j] == "," || s.mention_at[j] >= 0) return false;
    if (s.lower[j] == "to") {
      to = j;
      break;
    }
  }
  // "the task of providing assistance", "the objective of strengthening cooperation".
  const std::string& w = s.lower[first];
  if (to < 0 && first > 1 && s.lower[first - 1] == "of" && w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0)
    return noun_at(first - 2);
  if (to < 1) return false;
  if (noun_at(to - 1)) return true;
  if (!In(s.lower[to - 1], {"is", "are", "was", "were", "be", "remains", "remain"})) return false;
  for (int h = to - 2; h >= 0 && h >= to - 10; --h) {
    if (s.IsBoundary(h) || s.lower[h] == "," || s.lower[h] == "that" || s.lower[h] == "which") return false;
    if (noun_at(h)) return true;
  }
  return false;
}

// True when mention `k` is a state named by the plural of its people, one word ending in "ans",
// "is" or "ers" ("Two Canadians were detained", "Iraqis", "Israelis"), or in "ese" after a count
// ("thousands of Sudanese"): people, not the state.
bool PluralDemonym(const SentenceView& s, int k) {
  const auto& r = s.mention_range[k];
  if (s.mentions[k].kind != actors::ActorMention::Kind::kState || !s.mentions[k].actor.sector.empty() ||
      r.end != r.first + 1)
    return false;
  const std::string& w = s.lower[r.first];
  auto ends = [&](std::string_view e) { return w.size() > e.size() + 3 && w.compare(w.size() - e.size(), e.size(), e) == 0; };
  // "thousands of Sudanese", "5,000 Lebanese": a demonym in "-ese" is plural after a count.
  const bool counted = r.first >= 1 && (s.IsCount(r.first - 1) || (r.first >= 2 && s.lower[r.first - 1] == "of" &&
                                                                     s.IsCount(r.first - 2)));
  return ends("ans") || ends("is") || ends("ers") || (ends("ese") && counted);
}

// The sector of the authority that alone does the act of the match `m` to people, told as a
// passive with no agent, or "" for any other act: "was arrested", "was released on bail / from
// prison" (the word within seven after the act: "on US$ 20,000 bail"), "was taken into
// custody": the police, COP; "was charged with", "was sentenced to", "was acquitted", "was
// cleared of all charges", "was jailed", "was found guilty": the courts, JUD; "was denied visas
// / entry": the government, GOV. (A release without bail or custody may be by anyone: "hostages
// were released".)
std::string ImpliedAuthority(const SentenceView& s, const PatternMatch& m) {
  const std::string& lemma = s.lemma[m.anchor];
  auto after = [&](std::initializer_list<std::string_view> words) {
    for (int j = m.anchor + 1; j < s.size() && j <= m.anchor + 7; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == ",") break;
      if (In(s.lower[j], words)) return true;
    }
    return false;
  };
  if (lemma == "arrest" || lemma == "detain") return "COP";
  if (lemma == "release" && after({"bail", "custody", "prison", "jail", "detention", "parole"})) return "COP";
  if (lemma == "take" && after({"custody"})) return "COP";  // "were taken into custody"
  if (lemma == "charge" || lemma == "indict" || lemma == "convict" || lemma == "sentence" || lemma == "prosecute" ||
      lemma == "acquit" || lemma == "jail" || lemma == "imprison")
    return "JUD";
  if (lemma == "find" && after({"guilty"})) return "JUD";  // "was found guilty of"
  // "was cleared of all charges": the courts (not "cleared to fly", "cleared for release").
  if (lemma == "clear" && after({"charge", "charges", "wrongdoing", "murder", "corruption", "fraud"})) return "JUD";
  if ((lemma == "deny" || lemma == "refuse") && after({"visa", "visas", "entry", "asylum"})) return "GOV";
  // "were deported from Kuwait", "was expelled from Algeria": only a government sends people out
  // of its state (CAMEO 174; not "expelled from the party", which names no state: see FromState).
  if (lemma == "deport" || lemma == "expel") return "GOV";
  return "";
}

// The country of a state named bare (no sector) starting at word q, after an optional "the";
// "" when none starts there.
std::string BareStateAt(const SentenceView& s, int q) {
  if (q < s.size() && s.lower[q] == "the") ++q;
  int k = q < s.size() ? s.mention_at[q] : -1;
  if (k >= 0 && s.mention_range[k].first == q && s.mentions[k].kind == actors::ActorMention::Kind::kState &&
      s.mentions[k].actor.sector.empty())
    return s.mentions[k].actor.country;
  return "";
}

// The state people are sent out of: the state right after "from" following the act, in its
// clause ("were deported from Kuwait"), or "".
std::string FromState(const SentenceView& s, int from) {
  for (int j = from; j + 1 < s.size() && j <= from + 8; ++j) {
    if (s.IsBoundary(j) || s.lower[j] == ",") break;
    if (s.lower[j] == "from") return BareStateAt(s, j + 1);
  }
  return "";
}

// The state one is let into or kept out of: the state right after "enter" or "into" in the
// sentence ("denied visas to enter the United States"), else "".
std::string EntryState(const SentenceView& s, int from) {
  for (int j = from; j + 1 < s.size(); ++j) {
    if (s.IsBoundary(j)) break;
    if (s.lower[j] != "enter" && s.lower[j] != "into") continue;
    std::string state = BareStateAt(s, j + 1);
    if (!state.empty()) return state;
  }
  return "";
}

// True when the passive participle at `anchor` is told as done: the nearest form of "be" before
// it in its clause is "was", "were" or "been", or it has none and opens a headline ("Defector
// arrested after ...", in the first five words), or it opens a reduced relative clause after
// people ("a banker charged with fraud", ReducedRelativeOfPeople).
bool ToldAsDone(const SentenceView& s, int anchor) {
  for (int i = anchor - 1; i >= 0 && i >= anchor - 14; --i) {
    const std::string& w = s.lower[i];
    if (s.IsBoundary(i) || w == ";" || w == ":") break;
    if (w == "was" || w == "were" || w == "been") return true;
    if (w == "is" || w == "are" || w == "be" || w == "being" || w == "'s" || w == "'re") return false;
  }
  return anchor <= 4 || ReducedRelativeOfPeople(s, anchor);
}

// Adverbs between "and" and a second verb that shares the first verb's object ("arrested and
// later released them").
bool IsSharedObjectAdverb(const std::string& w) {
  return IsSequenceAdverb(w) || In(w, {"also", "repeatedly", "publicly", "sharply"});
}

// "not only ... but also": no negation.
bool NotOnly(const SentenceView& s, int i) {
  return s.lower[i] == "not" && i + 1 < s.size() && s.lower[i + 1] == "only";
}

// True when the word at `anchor` is a past-tense form right after "and" ("condemned India's
// decision to conduct tests and threatened sanctions"): a finite verb coordinated with the
// clause's own verb, out of the reach of an infinitive cue ending in "to" before it (an
// infinitive goes on with a base form: "decision to conduct tests and threaten"). A past form
// is a word whose lemma differs from it and that ends in "ed" (participles after "will be ...
// and" stay under their auxiliary, which is no "to" cue).
static bool CoordinatedPastVerb(const SentenceView& s, int anchor) {
  if (anchor < 1 || anchor >= s.size() || s.lower[anchor - 1] != "and") return false;
  const std::string& w = s.lower[anchor];
  return w != s.lemma[anchor] && w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
}

// The modality cue starting at token i, and its length in tokens (*len). A cue of several words
// may have a time adverbial after its first word: "declined on Wednesday to resume talks",
// "Britain's decision on Monday to expel": "on" + a weekday, "yesterday" or "today" is skipped
// there (the cue must go on past it; *cue_words is then the cue's own words, else unchanged).
static const Phrase* MatchCueSkippingTime(const PhraseIndex& cues, const SentenceView& s, int i, int* len,
                                          std::string* cue_words) {
  const Phrase* p = cues.Match(s.lower, &s.lemma, i);
  *len = p ? static_cast<int>(p->words.size()) : 0;
  if (i + 2 >= s.size()) return p;
  int skip = 0;
  if (s.lower[i + 1] == "on" &&
      In(s.lower[i + 2], {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}))
    skip = 2;
  else if (s.lower[i + 1] == "yesterday" || s.lower[i + 1] == "today")
    skip = 1;
  if (skip == 0) return p;
  std::vector<std::string> words{s.lower[i]}, lemmas{s.lemma[i]};
  for (int j = i + 1 + skip; j < s.size() && j < i + 1 + skip + 6; ++j) {
    words.push_back(s.lower[j]);
    lemmas.push_back(s.lemma[j]);
  }
  const Phrase* q = cues.Match(words, &lemmas, 0);
  if (!q || q->words.size() < 2 || (p && p->words.size() >= q->words.size())) return p;
  *len = static_cast<int>(q->words.size()) + skip;
  cue_words->clear();
  for (const std::string& w : q->words) *cue_words += (cue_words->empty() ? "" : " ") + w;
  return q;
}

// "Serbia's decision to recall its ambassador drew criticism": a cue that is a noun with its
// infinitive ("decision to") holds only inside its own noun phrase; a finite verb after it (a
// past form not after an auxiliary or "to": "drew", "prompted") begins the sentence's predicate,
// which the cue does not reach. True when such a verb stands in [from, anchor] (the anchor may
// be that verb itself).
static bool NounCuePredicateBetween(const SentenceView& s, int from, int anchor) {
  for (int j = from; j <= anchor && j < s.size(); ++j) {
    if (s.mention_at[j] >= 0 || s.place_at[j] >= 0) continue;
    const std::string& w = s.lower[j];
    const std::string& l = s.lemma[j];
    if (w == l || w.size() < 3) continue;
    // Plural nouns ("troops", "diplomats", "supplies") are no verbs.
    if (w == l + "s" || w == l + "es" || (l.size() > 1 && l.back() == 'y' && w == l.substr(0, l.size() - 1) + "ies"))
      continue;
    const std::string& prev = j > 0 ? s.lower[j - 1] : std::string();
    if (In(prev, {"to", "have", "has", "had", "be", "been", "being", "was", "were", "is", "are", "and", "or"}))
      continue;
    if (In(l, {"draw", "prompt", "spark", "trigger", "provoke", "meet", "receive", "earn", "attract", "bring",
               "anger", "win", "cause", "come", "be"}))
      return true;
  }
  return false;
}

}  // namespace

Modality SentenceCoder::FindModality(const SentenceView& s, int scope_begin, int anchor, std::string* cue,
                                     bool* future) const {
  int best = 0;  // 0 actual, else CueKind
  *future = false;
  // "Let us demand ...": the exhortation holds the source ("us") itself, before the scope.
  if (scope_begin >= 2 && s.lower[scope_begin - 1] == "us" && s.lower[scope_begin - 2] == "let") {
    best = static_cast<int>(CueKind::kPossible);
    *cue = "let us";
  }
  for (int i = std::max(0, scope_begin); i < anchor; ++i) {
    // Clause punctuation, and a new coordinated clause (", and", ", but", "while"), end the
    // reach of earlier cues: "X said sanctions could lead to escalation, and urged Y ...".
    bool clause = s.IsBoundary(i) || s.lower[i] == "while" || s.lower[i] == "whereas" ||
                  (s.lower[i] == "," && i + 1 < anchor && (s.lower[i + 1] == "and" || s.lower[i + 1] == "but"));
    if (clause) {
      best = 0;
      cue->clear();
      *future = false;
      continue;
    }
    int len = 0;
    std::string cue_words;
    const Phrase* p = MatchCueSkippingTime(k_.lexicon.cues, s, i, &len, &cue_words);
    if (!p || p->tag == static_cast<int>(CueKind::kSpeech)) continue;
    if (i + len > anchor) continue;
    if (NotOnly(s, i)) continue;
    // "May" the month is not the modal.
    if (s.lower[i] == "may" && (s.flags[i] & Token::kCapitalized) && i > 0) continue;
    if (PerformativeWish(s, i, anchor)) continue;
    if (p->words.back() == "to" && CoordinatedPastVerb(s, anchor)) continue;
    if ((p->words.front() == "decision" || p->words.front() == "decisions") && NounCuePredicateBetween(s, i + len, anchor))
      continue;
    // (A day inside the cue dates the decision or refusal, which is past: "decision on Monday to
    // expel" does not move "Monday" forward.)
    if (p->tag == static_cast<int>(CueKind::kPlanned) && cue_words.empty()) *future = true;
    auto rank = [](int tag) { return tag == 3 ? 3 : tag == 2 ? 2 : tag == 1 ? 1 : 0; };
    if (rank(p->tag) > rank(best)) {
      best = p->tag;
      *cue = cue_words.empty() ? std::string(doc_.Text(s.TokenSpan(i, i + len))) : cue_words;
    }
  }
  switch (best) {
    case 1: return Modality::kPlanned;
    case 2: return Modality::kPossible;
    case 3: return Modality::kNegated;
    default: return Modality::kActual;
  }
}

Modality SentenceCoder::FindModalityAt(const SentenceView& s, const std::vector<int>& tokens, int anchor,
                                       std::string* cue, bool* future) const {
  int best = 0;
  *future = false;
  auto rank = [](int tag) { return tag == 3 ? 3 : tag == 2 ? 2 : tag == 1 ? 1 : 0; };
  for (int i : tokens) {
    if (i < 0 || i >= s.size()) continue;
    const Phrase* p = k_.lexicon.cues.Match(s.lower, &s.lemma, i);
    if (!p || p->tag == static_cast<int>(CueKind::kSpeech)) continue;
    if (i < anchor && i + static_cast<int>(p->words.size()) > anchor) continue;
    if (NotOnly(s, i)) continue;
    if (s.lower[i] == "may" && (s.flags[i] & Token::kCapitalized) && i > 0) continue;
    if (p->tag == static_cast<int>(CueKind::kPlanned)) *future = true;
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

namespace {

// "hosted the foreign ministers of Sudan and Chad", "attended by the presidents of Cuba and
// Zimbabwe": a list of two or more mentions whose first follows "<leader noun> of" (or holds it:
// "the foreign ministers of Sudan" resolved as one mention) names the members' governments, as
// "leaders of Iran, Cuba and Serbia" does for a subject (ArgumentFinder's sector_override).
// A single mention after "<leader noun> of" ("by the leaders of Jordan") too. Not "from"
// ("foreign ministers from Egypt, Jordan and ..." stay the states, nom23). Returns "GOV" for
// such a list, else "".
std::string LeadersOfList(const SentenceView& s, const std::vector<int>& list) {
  if (list.empty()) return "";
  auto leader = [&](int t) {
    return t >= 0 && In(s.lower[t], {"leaders", "presidents", "premiers", "ministers", "heads", "delegations",
                                     "governments", "officials", "representatives", "envoys", "secretaries"});
  };
  const auto& r = s.mention_range[list.front()];
  for (int t = r.first + 1; t + 1 < r.end && list.size() >= 2; ++t)
    if (s.lower[t] == "of" && leader(t - 1)) return "GOV";
  int of = r.first - 1;
  if (of >= 0 && In(s.lower[of], {"the", "a", "an"})) --of;
  if (of >= 1 && s.lower[of] == "of" && leader(of - 1)) return "GOV";
  return "";
}

}  // namespace

// Stage 1 of Code, at word `i` (called for each word in order): finds the best pattern match
// anchored on the word (its lemma or itself) and appends it to scan->matches, marking its verb
// words consumed. Reads the words, mentions and places of `s` and scan->consumed (a word
// consumed by an earlier match anchors none). Drops the candidate (returns with no match) when
// the word is used as a noun or adjective where only a verb fits, when no pattern fits, or
// when the act is only named as an aim (then scan->aim_end moves to its end).
void SentenceCoder::FindMatchAt(const SentenceView& s, int i, MatchScan* scan) const {
  const int n = s.size();
  std::vector<bool>& consumed = scan->consumed;
  std::vector<PatternMatch>& matches = scan->matches;
  int& aim_end = scan->aim_end;
    if (consumed[i] || s.mention_at[i] >= 0 || s.place_at[i] >= 0) return;
    // The patterns anchored on the word's lemma and on the word itself; nothing below matters
    // for a word that anchors none (most words).
    const std::vector<const Pattern*>* by_lemma = k_.patterns.ForAnchor(s.lemma[i]);
    const std::vector<const Pattern*>* by_word =
        s.lower[i] != s.lemma[i] ? k_.patterns.ForAnchor(s.lower[i]) : nullptr;
    if (!by_lemma && !by_word) return;
    PatternMatch best;
    bool found = false;
    bool after_determiner =
        i > 0 && (s.lower[i - 1] == "the" || s.lower[i - 1] == "a" || s.lower[i - 1] == "an" ||
                  s.lower[i - 1] == "such" || s.lower[i - 1] == "its" || s.lower[i - 1] == "their" ||
                  s.lower[i - 1] == "his" || s.lower[i - 1] == "her" || s.lower[i - 1] == "our" ||
                  s.lower[i - 1] == "'s" || s.lower[i - 1] == "'" ||
                  (s.lower[i - 1].size() > 2 && s.lower[i - 1].compare(s.lower[i - 1].size() - 2, 2, "s'") == 0));
    // "a teachers strike", "a workers protest": a plural group right after "a"/"an" qualifies
    // the word after it, a noun (a plural cannot be the subject "a" opens).
    if (!after_determiner && i > 1 && s.mention_at[i - 1] >= 0) {
      const auto& r = s.mention_range[s.mention_at[i - 1]];
      const std::string& g = s.lower[i - 1];
      after_determiner = r.end == i && r.first >= 1 && In(s.lower[r.first - 1], {"a", "an"}) && g.size() > 3 &&
                         g.back() == 's' && g.compare(g.size() - 2, 2, "ss") != 0 &&
                         s.mentions[s.mention_at[i - 1]].kind == actors::ActorMention::Kind::kAgent;
    }
    // "North Korea's consistent demand", "its renewed call", "a fresh offer": after a
    // determiner or possessive and an adjective, a word is a noun.
    if (!after_determiner && i > 1 && s.mention_at[i - 1] < 0 && s.place_at[i - 1] < 0) {
      const std::string& d = s.lower[i - 2];
      const std::string& adj = s.lower[i - 1];
      bool det = d == "the" || d == "a" || d == "an" || d == "its" || d == "their" || d == "his" || d == "her" ||
                 d == "'s" || d == "our";
      auto ends = [&](const char* suf) {
        size_t k = std::char_traits<char>::length(suf);
        return adj.size() > k + 2 && adj.compare(adj.size() - k, k, suf) == 0;
      };
      bool adjective = ends("ent") || ends("ive") || ends("ous") || ends("ful") ||
                       (d != "the" && d != "a" && d != "an" && ends("ed")) || adj == "new" || adj == "fresh" ||
                       adj == "latest" || adj == "earlier" || adj == "previous" || adj == "recent" ||
                       adj == "formal" || adj == "official" || adj == "strong" || adj == "stern";
      if (det && adjective) after_determiner = true;
      // "killed in nationalist riots", "during violent clashes": after a preposition and an
      // adjective a word is a noun too.
      bool prep = d == "in" || d == "during" || d == "amid" || d == "after" || d == "following" || d == "of";
      if (prep && (adjective || ends("ist") || ends("al") || ends("ic") || ends("ian"))) after_determiner = true;
    }
    // "held in Israeli jails", "died in Iraqi custody": after a preposition and a state's
    // adjective (one word, by its knowledge entry: not "after Iran seized", nor a plural demonym:
    // "of Palestinians held") a word is a noun.
    if (!after_determiner && i > 1 && s.mention_at[i - 1] >= 0 && s.mention_at[i - 2] < 0 &&
        s.mention_range[s.mention_at[i - 1]].first == i - 1 && s.mention_range[s.mention_at[i - 1]].end == i &&
        In(s.lower[i - 2], {"in", "into", "from", "during", "amid", "after", "following", "by"})) {
      const auto& a = s.mentions[s.mention_at[i - 1]];
      bool adjective = a.kind == actors::ActorMention::Kind::kState && !a.entries.empty() &&
                       a.entries.front().find(" adjective '") != std::string::npos;
      if (adjective) after_determiner = true;
    }
    // "missile warning data", "early warning plane": an -ing word after a plain word is a noun
    // or adjective, not a verb (after a form of "be", a comma, a conjunction or an actor it is).
    if (!after_determiner && i > 0 && s.lower[i].size() > 4 &&
        s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0 && s.mention_at[i - 1] < 0 &&
        !(s.flags[i - 1] & Token::kCapitalized)) {
      bool verb_context = s.IsBoundary(i - 1);
      // "a demonstration calling for ...", "protesters demanding ...": after a protest noun an
      // -ing word opens a participle clause (what the protest is for).
      const std::string& pl = s.lemma[i - 1];
      verb_context = verb_context || pl == "demonstration" || pl == "protest" || pl == "rally" || pl == "march" ||
                     pl == "strike" || pl == "sit-in" || pl == "demonstrator" || pl == "protester" ||
                     pl == "protestor";
      // "because of fighting between X and Y", "amid mounting protests": a gerund after a
      // preposition of cause is a noun, the cause told as background.
      bool cause = s.lower[i - 1] == "amid" || s.lower[i - 1] == "despite" ||
                   (i > 1 && s.lower[i - 1] == "of" && s.lower[i - 2] == "because") ||
                   (i > 1 && s.lower[i - 1] == "to" && s.lower[i - 2] == "due");
      verb_context = verb_context || In(s.lower[i - 1], {"is", "are", "was", "were", "be", "been", "being", "'s", ",",
                                                         "and", "or", "but", "after", "before", "while", "by",
                                                         "without", "of", "for", "on", "in", "from", "to", "not",
                                                         "also", "since", "when", "then", "--", "are", "am",
                                                         "continued", "began", "begun", "begin", "begins",
                                                         "start", "started", "starts", "resumed", "keep", "kept",
                                                         "stop", "stopped", "over", "about", "that", "who", "which",
                                                         "as", "still", "now", "already", "again", "just", "even",
                                                         "never", "n't", "repeatedly"});
      const std::string& prev = s.lower[i - 1];
      bool adverb = prev.size() > 3 && (prev.compare(prev.size() - 2, 2, "ly") == 0 ||
                                        prev.compare(prev.size() - 2, 2, "ed") == 0);  // "denied selling"
      if ((!verb_context && !adverb) || cause) after_determiner = true;
    }
    // "detained striking workers", "killed protesting monks", "fired on rioting youths": an -ing
    // form of a verb that takes no object, right before a group of people named as an actor,
    // says what the group does; it is no act of the clause's subject.
    if (!after_determiner && i + 1 < n && s.mention_at[i + 1] >= 0 &&
        s.mention_range[s.mention_at[i + 1]].first == i + 1 &&
        s.mentions[s.mention_at[i + 1]].kind == actors::ActorMention::Kind::kAgent) {
      after_determiner = after_determiner || In(s.lower[i], {"striking", "protesting", "demonstrating", "rioting",
                                                             "marching", "rallying", "fleeing", "mutinying", "mutinous",
                                                             "picketing", "rebelling"});
    }
    // "the 15 detained sailors", "Britain's two kidnapped engineers", "the recently arrested
    // activists": a past participle after a determiner or possessive and a count (not a year) or
    // an -ly adverb, right before a noun, is an adjective of that noun; what it names happened
    // earlier and is no act of the clause's subject.
    if (!after_determiner && i > 1 && i + 1 < n && s.lower[i].size() > 4 &&
        s.lower[i].compare(s.lower[i].size() - 2, 2, "ed") == 0 && s.mention_at[i - 1] < 0 &&
        s.place_at[i - 1] < 0) {
      const std::string& mid = s.lower[i - 1];
      const std::string& d = s.lower[i - 2];
      bool count = (s.is_number[i - 1] && !(mid.size() == 4 && (mid[0] == '1' || mid[0] == '2'))) ||
                   In(mid, {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                            "twelve", "dozen", "dozens", "hundreds", "several", "few", "many"});
      bool adverb = mid.size() > 4 && mid.compare(mid.size() - 2, 2, "ly") == 0;
      bool det = In(d, {"the", "its", "their", "his", "her", "our", "'s", "those", "these", "of"}) ||
                 (d.size() > 2 && d.compare(d.size() - 2, 2, "s'") == 0);
      bool noun_next = s.mention_at[i + 1] >= 0 ||
                       ((s.flags[i + 1] & Token::kCapitalized) == 0 && !s.IsBoundary(i + 1) &&
                        !s.is_number[i + 1] &&
                        !In(s.lower[i + 1], {"in", "on", "at", "by", "for", "from", "to", "with", "into", "during",
                                             "after", "before", "and", "or", "as", "since", "last", "the", "a",
                                             "an", "this", "that", "were", "was", "are", "is", "have", "had",
                                             "has", "over", "near", "under", "without", "while", "when"}));
      // ("several other detained activists", "the other jailed leaders": "other" after a
      // determiner or a count qualifies the same way.)
      const bool other = mid == "other" && (det || s.is_number[i - 2] ||
                                            In(d, {"two", "three", "four", "five", "six", "seven", "eight", "nine",
                                                   "ten", "dozen", "dozens", "hundreds", "several", "few", "many",
                                                   "some", "all", "any", "no"}));
      if ((other || (det && (count || adverb))) && noun_next) after_determiner = true;
    }
    bool after_since = false;
    for (int j = i - 1; j >= 0 && j >= i - 5 && !after_since; --j) {
      if (s.lower[j] == "," || s.IsBoundary(j)) break;
      after_since = s.lower[j] == "since";
    }
    auto try_list = [&](const std::vector<const Pattern*>* list) {
      if (!list) return;
      for (const Pattern* p : *list) {
        if (found && (p->weight < best.pattern->weight ||
                      (p->weight == best.pattern->weight && RequiredWords(*p) <= RequiredWords(*best.pattern))))
          continue;
        const bool subject_noun = SubjectNounPattern(s, *p, i);
        if (!p->nominal && after_determiner && !subject_noun) continue;  // "the vetoes", "a visit": nouns
        if (ParseSkipsPattern(s, *p, i)) continue;  // parsed nouns: "restart talks"
        if (p->nominal && after_since) continue;        // "since talks with X stalled": background
        PatternMatch m;
        if (!finder_.MatchPattern(s, *p, i, &m)) continue;
        if (!p->source_sectors.empty()) {
          // `source_sector`: "North Korean troops have been sent to" (MIL), not "the envoy was sent to".
          bool fits = !m.sources.empty();
          for (int k : m.sources)
            fits = fits && std::find(p->source_sectors.begin(), p->source_sectors.end(),
                                     SectorBase(s.mentions[k].actor.sector)) != p->source_sectors.end();
          if (!fits) continue;
        }
        if (p->people_target) {
          // `target = people`: no state, capital or region in the TGT slot ("captured Kabul").
          bool fits = true;
          for (int k : m.targets) {
            auto kind = s.mentions[k].kind;
            fits = fits && kind != actors::ActorMention::Kind::kState &&
                   kind != actors::ActorMention::Kind::kCapital && kind != actors::ActorMention::Kind::kRegion;
          }
          if (!fits) continue;
        }
        bool overlap = false;
        for (int t = m.first; t < m.end && !overlap; ++t) overlap = consumed[t] && t != i;
        if (overlap) continue;
        best = std::move(m);
        found = true;
      }
    };
    try_list(by_lemma);
    try_list(by_word);
    if (!found) return;
    if (!best.pattern->cameo) {
      // A blocking pattern (`---`) won: its words are no event, nor part of a later one.
      for (int t = best.first; t < best.end; ++t) consumed[t] = true;
      return;
    }
    // "Croatian authorities are failing to ..., a human rights group protested here Wednesday.":
    // a complaint verb closing the sentence after ", X" reports the clause before it as a
    // complaint (111) by X about that clause's subject.
    if (best.targets.empty() && !best.pattern->nominal &&
        (s.lemma[i] == "protest" || s.lemma[i] == "complain" || s.lemma[i] == "charge") && i > 1 &&
        s.lower[i] != s.lemma[i] && s.mention_at[i - 1] >= 0) {
      int k = s.mention_at[i - 1];
      int f = s.mention_range[k].first;
      while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
      bool closing = f > 0 && s.lower[f - 1] == ",";
      for (int t = best.end; t < n && closing; ++t)
        closing = !(s.mention_at[t] >= 0) && (s.IsBoundary(t) ? t == n - 1 : s.lower[t] != ",");
      int first = 0;
      while (first < n && (s.lower[first] == "the" || s.lower[first] == "``" || s.lower[first] == "\"")) ++first;
      int subj = first < n ? s.mention_at[first] : -1;
      const CameoCode* criticize = k_.ontology.Find("111");
      if (closing && subj >= 0 && subj != k && criticize && !s.mentions[subj].actor.country.empty()) {
        best.sources = {k};
        best.targets = {subj};
        best.code = criticize;
      }
    }
    // "insisted unrest there reflected ethnic tensions", "insists that it is ready": insisting
    // on what is (or was) so is an assertion, not a demand (10x), which asks for what is to be
    // done ("insisted that Israel withdraw", "insists on talks", "insisted Iran must stop").
    if (s.lemma[i] == "insist" && !best.pattern->nominal && best.pattern->cameo->code.compare(0, 2, "10") == 0) {
      bool assertion = false;
      for (int t = best.end; t < n && t < best.end + 8; ++t) {
        const std::string& w = s.lower[t];
        if (s.IsBoundary(t) || w == "," || w == "must" || w == "should" || w == "be" || w == "to" || w == "on" ||
            w == "upon" || w == "would" || w == "will")
          break;
        if (s.mention_at[t] >= 0) continue;
        bool past = w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
        if (past || w == "was" || w == "were" || w == "is" || w == "are" || w == "has" || w == "have" ||
            w == "had" || w == "did" || w == "does") {
          assertion = true;
          break;
        }
      }
      if (assertion) return;
    }
    // "disperse * protesters|demonstrators": a pattern whose last word names a group that is an
    // actor mention ("Moslem fundamentalist demonstrators") acts on that group; not the agent a
    // match ends with ("A curfew was imposed by the army").
    if (best.targets.empty() && best.dest_place < 0 && !best.pattern->one_sided && !best.pattern->mutual &&
        !best.pattern->HasSlot(PatternElement::Kind::kTarget) && !best.pattern->HasSlot(PatternElement::Kind::kDest) &&
        best.end > best.anchor + 1) {
      int k = s.mention_at[best.end - 1];
      if (k >= 0 && s.mention_range[k].end == best.end && s.mention_range[k].first > best.anchor &&
          s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
          std::find(best.sources.begin(), best.sources.end(), k) == best.sources.end())
        best.targets.push_back(k);
    }
    // "raided the home of an opposition leader", "attacked positions of the Syrian army": a
    // pattern of no TGT or DEST slot whose match ends with a place or holding of someone and
    // "of" acts on the actor named right after "of" (as a TGT slot reads "the offices of X").
    if (best.targets.empty() && best.dest_place < 0 && !best.pattern->one_sided && !best.pattern->mutual &&
        !best.pattern->HasSlot(PatternElement::Kind::kTarget) && !best.pattern->HasSlot(PatternElement::Kind::kDest) &&
        best.end > best.anchor + 1 && best.end + 1 < s.size() && s.lower[best.end] == "of" &&
        In(s.lower[best.end - 1], {"office", "offices", "headquarters", "home", "homes", "house", "houses", "residence",
                                   "residences", "compound", "camp", "camps", "base", "bases", "position", "positions",
                                   "convoy"})) {
      int j = best.end + 1;
      while (j < s.size() && IsDeterminerWord(s.lower[j])) ++j;
      int k = j < s.size() ? s.mention_at[j] : -1;
      // (Not "the home of the leader of the Indigenous People of Biafra": a mention with its own
      // "of" phrase is left to the rules that read it.)
      const int ke = k >= 0 ? s.mention_range[k].end : -1;
      if (k >= 0 && s.mention_range[k].first == j && !(ke < s.size() && s.lower[ke] == "of") &&
          std::find(best.sources.begin(), best.sources.end(), k) == best.sources.end())
        best.targets.push_back(k);
    }
    // "must agree to changes before they demobilize", "unless Israel rescinds": a verb in the
    // present tense in a clause of time is an act that has not happened; so is a verb of any
    // tense in a clause of condition ("unless Tokyo approved", "if Iraq attacks", "provided
    // that Tehran halts", "as long as NATO asks", "even if Hamas releases") or of an indirect
    // question ("asked whether Israel had attacked"): what the sentence holds out on a condition
    // or asks about is no event.
    if (!best.pattern->nominal && best.anchor == best.verb_first && ConditionalClauseVerb(s, i)) return;
    // "in case of an attack by China", "in the event of a Turkish attack on Cyprus": the noun of
    // an act held out as a case that may come (HeldOutAsCase) is no event either.
    if (HeldOutAsCase(s, best.first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "X urged Y to lift sanctions", "X pledged to strengthen ties with Y": the act after "to"
    // is what the earlier verb asks or promises, not an event of its own; when the earlier verb
    // has no object, the embedded act's object becomes it.
    int to_at = i - 1;  // "urged Trump not to agree ...": the negation belongs to the request
    if (i > 1 && s.lower[i - 1] == "help" && s.lower[i - 2] == "to") to_at = i - 2;  // "to help defend"
    // "vowed to continue attacks on X", "threatened to step up strikes", "pledged to expand
    // trade with X": a verb of continuing or intensifying between "to" and the act (which may
    // then be a noun) is part of it.
    bool aspectual = false;
    if (i > 1 && s.lower[i - 2] == "to" &&
        (s.lemma[i - 1] == "continue" || s.lemma[i - 1] == "resume" || s.lemma[i - 1] == "intensify" ||
         s.lemma[i - 1] == "escalate" || s.lemma[i - 1] == "renew" || s.lemma[i - 1] == "expand" ||
         s.lemma[i - 1] == "boost" || s.lemma[i - 1] == "deepen" || s.lemma[i - 1] == "increase" ||
         // "agreed to keep sanctions on X", "agreed to pursue talks with X": keeping or pursuing
         // an act is that act.
         s.lemma[i - 1] == "keep" || s.lemma[i - 1] == "maintain" || s.lemma[i - 1] == "pursue" ||
         s.lemma[i - 1] == "sustain")) {
      to_at = i - 2;
      aspectual = true;
    } else if (i > 2 && s.lower[i - 3] == "to" && s.lower[i - 1] == "up" &&
               (s.lemma[i - 2] == "step" || s.lemma[i - 2] == "keep")) {
      to_at = i - 3;
      aspectual = true;
    }
    bool negated_request = to_at > 0 && (s.lower[to_at - 1] == "not" || s.lower[to_at - 1] == "never");
    int reach = negated_request ? to_at - 1 : to_at;
    // Up to four plain words may stand between ("threatened today to impose", "staged mass
    // demonstrations Saturday to demand"), never an actor, clause punctuation or a comma.
    // "accused X of violating a ceasefire", "charged X with aiding rebels": the act after
    // "of"/"with" is what the accusation (112x) names, not an event of its own.
    bool accusation_link = false;
    if (i > 0 && (s.lower[i - 1] == "of" || s.lower[i - 1] == "with") && !matches.empty() &&
        matches.back().end <= i) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      accusation_link = oc->code.compare(0, 3, "112") == 0;
    }
    // "X said Y must agree to ...", "the US must be ready to mediate": what Y must do is the
    // content of the demand (100 "TGT must"), not an event of its own.
    bool demand_link = false;
    if (!matches.empty() && matches.back().end <= i && matches.back().end > 0 &&
        s.lower[matches.back().end - 1] == "must") {
      demand_link = true;
      for (int t = matches.back().end; t < i && demand_link; ++t)
        demand_link =
            In(s.lower[t], {"be", "now", "immediately", "also", "first", "fully", "quickly", "then", "still"});
    }
    // "a reminder to Iraq that it must cooperate", "urged Israel that it should withdraw": what
    // a demand or appeal (10x/02x) says its target must do is its content.
    if (!demand_link && !matches.empty() && matches.back().end <= i && i >= 2 &&
        (s.lower[i - 1] == "must" || s.lower[i - 1] == "should")) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      int subj = i - 2;
      bool pron = s.lower[subj] == "it" || s.lower[subj] == "they";
      // "suggested that Germany should host the talks": the appeal's own target is the subject.
      bool own_target = matches.back().end == i - 1 && !matches.back().targets.empty();
      bool ok = (oc->code.compare(0, 2, "10") == 0 || oc->code.compare(0, 2, "02") == 0) &&
                ((pron && subj - matches.back().end <= 2) || own_target);
      for (int t = matches.back().end; t < subj && ok; ++t)
        ok = s.lower[t] == "that" || s.lower[t] == ",";
      demand_link = ok;
    }
    // "demanded that Japan sever its alliance with Russia": a verb in its bare form (the
    // subjunctive) right after a demand or appeal (10x/02x) and its target is what is demanded.
    if (!demand_link && !matches.empty() && matches.back().end == i && i > 0 && s.lower[i] == s.lemma[i] &&
        s.lower[i - 1] != "to" && !matches.back().targets.empty()) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      demand_link = oc->code.compare(0, 2, "10") == 0 || oc->code.compare(0, 2, "02") == 0;
    }
    // "began a hunger strike ... in protest of X": the purpose of a protest already coded; what
    // it protests against is the protest's target.
    bool protest_link = false;
    bool protest_reason = false;
    if (!demand_link && !matches.empty() && matches.back().end <= i && i > 0 && s.lower[i - 1] == "in" &&
        s.lemma[i] == "protest" && i - matches.back().end <= 15) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      // Only an act in the same clause, outside reported speech, links to the protest.
      bool same_clause = true;
      for (int t = matches.back().end; t < i && same_clause; ++t)
        same_clause = !s.IsBoundary(t) && s.speech_end[t] < 0;
      const bool demonstration = oc->code.compare(0, 2, "14") == 0;
      const bool hostile = In(oc->code.substr(0, 2), {"10", "11", "12", "13", "16", "17"});
      const bool aimed = i + 1 < n && In(s.lower[i + 1], {"at", "against", "over", "of"});
      bool ok = demonstration && same_clause;
      // "recalled its ambassador in protest at Israel's handling of ...", "broke off relations in
      // protest at Colombia's raid": a hostile act done in protest (10-13, 16, 17) is aimed at
      // the actor named right after "at/against/over/of"; the protest is that act's reason, no
      // act of its own (tgt22).
      bool reason = !demonstration && hostile && aimed && same_clause;
      // "recalled its ambassadors from Washington and London in protest": a bare "in protest"
      // (nothing it is at or against) after such an act is only that act's reason (nom23).
      bool bare_reason = !demonstration && hostile && !aimed && same_clause;
      demand_link = protest_link = ok || reason || bare_reason;
      protest_reason = bare_reason;
      if (reason) {
        best.targets.clear();
        int j = i + 2;
        while (j < n && In(s.lower[j], {"the", "a", "an"})) ++j;
        int k = j < n ? s.mention_at[j] : -1;
        if (k >= 0 && s.mention_range[k].first == j && !s.mentions[k].actor.country.empty()) best.targets.push_back(k);
        protest_reason = true;
      }
    }
    // "blocked roads ... demanding that he be reinstated", "staged a hunger strike to demand the
    // return of ...": a demand that states what a protest already coded is for. So is a protest
    // or denunciation after "to" ("marched in London to protest the war", "rallied to denounce
    // X"): the demonstration's purpose, one act (weak25).
    bool call_for = s.lemma[i] == "call" && i + 1 < n && s.lower[i + 1] == "for";
    bool purpose_protest = i > 0 && s.lower[i - 1] == "to" && In(s.lemma[i], {"protest", "denounce", "condemn", "oppose"});
    if (!demand_link && !matches.empty() && matches.back().end <= i && i > 0 &&
        (s.lemma[i] == "demand" || call_for || purpose_protest) &&
        i - matches.back().end <= 15 &&
        (s.lower[i - 1] == "to" || (s.lower[i].size() > 4 && s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0))) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      bool ok = oc->code.compare(0, 2, "14") == 0;
      for (int t = matches.back().end; t < i && ok; ++t) ok = !s.IsBoundary(t) && s.speech_end[t] < 0;
      demand_link = protest_link = ok;
    }
    // "remained committed to a summit with Trump", "is ready for talks with X": a noun of an act
    // right after a general intent or promise (03x, its "to/for" and at most two determiners or
    // adjectives between) is what is intended: one act, folded like a verb after "to".
    if (!demand_link && best.pattern->nominal && !matches.empty() && matches.back().end <= i &&
        i - matches.back().end <= 2) {
      const PatternMatch& outer = matches.back();
      bool intent = outer.pattern->cameo->code.compare(0, 2, "03") == 0 && !outer.pattern->nominal;
      bool linked = outer.end > 0 && (s.lower[outer.end - 1] == "to" || s.lower[outer.end - 1] == "for");
      for (int t = outer.end; t < i && intent; ++t) {
        const std::string& w = s.lower[t];
        if (t == outer.end && (w == "to" || w == "for")) {
          linked = true;
          continue;
        }
        intent = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && w != "," && w != "and" &&
                 s.speech_end[t] < 0;
      }
      if (intent && linked) {
        demand_link = true;
        aspectual = true;  // (a noun folded as the act intended)
      }
    }
    // "held talks with Lavrov on expanding ties", "a meeting with Xi about boosting trade": an act
    // right after the "on/about/over" that closes a meeting coded just before (04x; at most a
    // determiner between) is the meeting's topic, not an act of its own. (A participle after an
    // agreement, "signed a treaty pledging mutual assistance", is a pledge the treaty makes: still
    // coded, demo_076_treaty.txt.)
    if (!demand_link && !matches.empty() && matches.back().end < i && i - matches.back().end <= 3) {
      const PatternMatch& prev = matches.back();
      const std::string& pc = (prev.code ? prev.code : prev.pattern->cameo)->code;
      bool ing = !best.pattern->nominal && best.anchor == best.verb_first && s.lower[i].size() > 4 &&
                 s.lower[i].compare(s.lower[i].size() - 3, 3, "ing") == 0;
      bool about = pc.compare(0, 2, "04") == 0 && In(s.lower[prev.end], {"on", "about", "over"}) &&
                   (ing || best.pattern->nominal);
      for (int t = prev.end + 1; t < i && about; ++t) about = IsDeterminerWord(s.lower[t]);
      if (about) {
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    // "demanded more funds from the United States to fight militants", "appealed for aid to
    // rebuild": an act in a "to" clause after a request or demand for resources (02x, 10x; at
    // most ten words after its match, a "from" actor and a date among them) is what the resources
    // are for, no event of its own.
    if (!demand_link && i > 1 && s.lower[i - 1] == "to" && !matches.empty() && matches.back().end < i &&
        i - matches.back().end <= 10) {
      const PatternMatch& prev = matches.back();
      const std::string& pc = (prev.code ? prev.code : prev.pattern->cameo)->code;
      bool resource = false, plain = pc.compare(0, 2, "02") == 0 || pc.compare(0, 2, "10") == 0;
      for (int t = prev.first; t < i - 1 && plain; ++t) {
        resource = resource || In(s.lower[t], {"funds", "money", "aid", "weapons", "arms", "assistance", "loans", "cash"});
        plain = t < prev.end ||
                (!In(s.lower[t], {",", ";", ":", "and", "but", "while", "as"}) &&
                 (s.speech_end[t] < 0 || s.mention_at[t] >= 0));
      }
      if (plain && resource) {
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    // What is banned ("a ban on protests") or describes a participant ("suspected of attacking")
    // is no act of its own.
    if ((!demand_link && BannedActWord(s, best.verb_first)) || DescribingActWord(s, best.verb_first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    bool reaches = demand_link;
    if (!reaches && i > 0 && (s.lower[to_at] == "to" || accusation_link) && !matches.empty() &&
        matches.back().end <= i) {
      int e = matches.back().end;
      reaches = e >= reach;
      if (!reaches && reach - e <= 4) {
        reaches = true;
        for (int t = e; t < reach && reaches; ++t)
          reaches = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && s.lower[t] != "," &&
                    s.lower[t] != "and" && s.speech_end[t] < 0;
      }
    }
    // "recalled its ambassador to Iran to protest the arrest", "expelled two diplomats from
    // Moscow to protest ...": a protest after "to" following a hostile act of the same clause
    // (10-13, 16, 17), whatever actors stand between, is that act's reason told as its purpose,
    // no protest of its own (as "in protest at" above; CAMEO's 14x is collective dissent).
    if (!reaches && i > 0 && s.lower[i - 1] == "to" && s.lemma[i] == "protest" && !matches.empty() &&
        matches.back().end <= i && i - matches.back().end <= 8) {
      const CameoCode* oc = matches.back().code ? matches.back().code : matches.back().pattern->cameo;
      reaches = In(oc->code.substr(0, 2), {"10", "11", "12", "13", "16", "17"});
      for (int t = matches.back().end; t < i - 1 && reaches; ++t)
        reaches = !s.IsBoundary(t) && s.speech_end[t] < 0 && s.lower[t] != "," && s.lower[t] != "and";
    }
    // "threatened to launch a nuclear strike against the United States", "threatened on Tuesday
    // to carry out air strikes on X": a noun of an act in a threat's "to" clause (at most eight
    // plain words after the threat's match: a day, "to", a light verb, adjectives) is what is
    // threatened: not coded again; a general threat (130) takes its code (as "threatened to
    // impose sanctions" does).
    if (!reaches && best.pattern->nominal && !matches.empty() && matches.back().end <= best.first &&
        matches.back().anchor >= 0 && s.lemma[matches.back().anchor] == "threaten") {
      PatternMatch& o = matches.back();
      bool to_clause = false;
      for (int t = o.anchor + 1; t < best.first && !to_clause; ++t) to_clause = s.lower[t] == "to";
      bool plain = best.first - o.end <= 8;
      for (int t = o.end; t < best.first && plain; ++t)
        plain = s.mention_at[t] < 0 && s.place_at[t] < 0 && !s.IsBoundary(t) && s.lower[t] != "," &&
                s.lower[t] != "and" && s.speech_end[t] < 0;
      const CameoCode* oc = o.code ? o.code : o.pattern->cameo;
      if (to_clause && plain && oc->code.compare(0, 2, "13") == 0) {
        if (oc->code == "130") {
          const std::string c = ThreatCode((best.code ? best.code : best.pattern->cameo)->code);
          if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) o.code = cc;
        }
        if (o.targets.empty() && o.pronoun_target < 0 && o.dest_place < 0) o.targets = best.targets;
        for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
        return;
      }
    }
    if (reaches && (!best.pattern->nominal || aspectual)) {
      PatternMatch& outer = matches.back();
      if (protest_link && best.targets.empty() && !protest_reason) best.targets = FindTrailingTargets(s, best, {});
      outer.folded_end = std::max({outer.folded_end, best.end, best.folded_end});
      if (best.pattern->mutual || best.folded_mutual) outer.folded_mutual = true;
      if (outer.targets.empty() && outer.pronoun_target < 0 && outer.dest_place < 0 && !outer.pattern->one_sided) {
        outer.targets = best.targets;
        if (outer.targets.empty()) outer.pronoun_target = best.pronoun_target;  // "agreed to meet him"
      }
      // A general intent or threat takes the code of what is intended or threatened ("offered to
      // negotiate": 036; "threatened to impose sanctions": 1312; "is prepared to impose martial
      // law": 1324, a threat, not an intent to cooperate).
      // (The outer's pattern code, its wording: a general "offered/threatened to" verb. The
      // inner's act code: what it names, itself perhaps folded.)
      const std::string& oc = outer.pattern->cameo->code;
      const std::string& ic = (best.code ? best.code : best.pattern->cameo)->code;
      if (!negated_request && (oc == "030" || oc == "130")) {
        std::string c = ThreatCode(ic);
        if (c.empty() && oc == "030") c = IntentCode(ic);
        // "vowed to block the resolution": a rejection (12x) is a verbal act, so promising one
        // is the refusal itself, stated now (CAMEO 129 "refuse to assent"), not a threat (13x
        // warns of repercussions meant to coerce) nor an intent to cooperate.
        if (c.empty() && oc == "030" && ic.compare(0, 2, "12") == 0) c = ic;
        if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) outer.code = cc;
      }
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "We urge Member States to continue to give support", "appeal to the international community
    // to live up to its commitments by providing aid": an act asked of another, that no appeal
    // coded before folded (the one asked is no actor, or the act stands too far), is no act of
    // the clause's subject, nor a done act of the one asked: not coded.
    if (!best.pattern->nominal && AskedOfAnother(s, best.first)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      return;
    }
    // "Our aim is to strengthen cooperation", "the obligation to disarm", "efforts to promote
    // peace", "the need for dialogue": an act named as an aim, duty, need or effort, that no
    // act coded before folded, is none yet: not coded.
    // An act right after one so named ("must be to help the United Nations better protect
    // people"), at most two words between and no clause break, is part of the aim.
    bool after_aim = aim_end >= 0 && best.first >= aim_end && best.first - aim_end <= 2;
    for (int t = aim_end; after_aim && t < best.first; ++t)
      after_aim = !s.IsBoundary(t) && s.lower[t] != "," && s.lower[t] != "and" && s.mention_at[t] < 0;
    if (after_aim || NamedAsAim(s, best.first, best.pattern->nominal)) {
      for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
      aim_end = best.end;
      return;
    }
    for (int t = best.verb_first; t < best.verb_end; ++t) consumed[t] = true;
    matches.push_back(std::move(best));
}

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
// appended to `events`. Here its roles (source and target mentions, pronouns, implied targets, a
// shared source, passives); then, on an EventDraft, ResolveActors (place, actors, implied
// sources), ImpliedTargets (places and visits), ModalityDateAndCode and EmitEvents (one event per
// source/target pair, provenance). Reads and writes the sentence's coding state `st` (earlier
// matches' sources and targets, matches told as lasting, whether a location was set). Drops the
// match (no event) at each `return` below or when a stage returns false: an act told as
// background or as a lasting state, a pronoun target with no antecedent, no source found, a
// meeting with no one to meet, ...
void SentenceCoder::CodeMatch(const SentenceView& s, size_t mi, SentenceCoding* st, std::vector<Event>* events) {
  const int n = s.size();
  std::vector<PatternMatch>& matches = st->matches;
  std::vector<SourceFinding>& sources = st->sources;
  std::vector<std::vector<int>>& match_targets = st->match_targets;
  std::vector<bool>& described = st->described;
  // "Iran and Iraq bombed each other's cities", "accused one another of": an act on "each
  // other" by a compound source is done by each side to the other, every ordered pair (tgt22).
  if (matches[mi].targets.empty() && ReciprocalObject(s, matches[mi])) matches[mi].folded_mutual = true;
  const PatternMatch& m = matches[mi];
  const Pattern& p = *m.pattern;
  // Three codes are in play for a match, and each rule below reads the one it means:
  //  - the pattern's code (p.cameo): how the act is worded ("offered to ...": 030);
  //  - the act's code (`act`): what the match names, which differs from the pattern's only
  //    where an intent or threat took the code of the act it announces ("threatened to impose
  //    sanctions": 1312) or a closing complaint verb became criticism (111);
  //  - the event's final code (`code`, below): the act's code after an announced act ("will
  //    impose sanctions") is rewritten to an intent or threat, known only once the sources
  //    and modality are. Rules about the kind of act done read `act`.
  const CameoCode& act = m.code ? *m.code : *p.cameo;
  if (InYearsAfterClause(s, m) || InPastYearRelativeClause(s, m)) return;
  if (DescribedAsLasting(s, m)) {
    described[mi] = true;
    return;
  }
  SourceFinding sf;
  if (!m.sources.empty() && !m.passive) {
    sf.mentions = m.sources;
    sf.scope_begin = std::max(0, m.anchor - 8);
    // "talks on a truce between X and Y", "the collapse of the truce between X and Y", "hopes
    // for a ceasefire between": a truce between two sides named after it (087x told as a noun)
    // inside a prepositional phrase is one spoken of, not one made (weak25; "A ceasefire
    // between X and Y took effect" is one).
    if (p.nominal && p.cameo->code.compare(0, 3, "087") == 0 && p.anchor == 0) {
      bool spoken_of = false;
      for (int j = m.first - 1; j >= 0 && j >= m.first - 3 && !spoken_of; --j) {
        const std::string& w = s.lower[j];
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == ",") break;
        spoken_of = In(w, {"on", "for", "of", "to", "with", "in", "under", "about", "over", "amid", "despite",
                           "against", "since"});
      }
      if (spoken_of) return;
    }
  } else {
    // Nominal events: the possessor ("Kim's visit", "Kim's earlier four visits").
    if (p.nominal) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 4; --j) {
        if ((s.lower[j] == "'s" || s.lower[j] == "'") && j > 0 && s.mention_at[j - 1] >= 0) {
          sf.mentions.push_back(s.mention_at[j - 1]);
          sf.scope_begin = j + 1;
          break;
        }
        if (s.lower[j] == "his" || s.lower[j] == "her") {
          // "his summit with Trump": the source of the sentence's previous event, else the
          // nearest person named before.
          if (mi > 0 && !sources[mi - 1].mentions.empty() && !matches[mi - 1].passive) {
            sf.mentions = sources[mi - 1].mentions;
          } else {
            for (int q = j - 1; q >= 0; --q)
              if (s.mention_at[q] >= 0 && s.mentions[s.mention_at[q]].kind == actors::ActorMention::Kind::kPerson) {
                sf.mentions.push_back(s.mention_at[q]);
                break;
              }
          }
          sf.scope_begin = j + 1;
          break;
        }
        if (s.lower[j] == "its" || s.lower[j] == "their") {
          // "The ILO reiterated its demand": the source of the sentence's previous event, else
          // the nearest actor named before that is not a generic agent.
          if (mi > 0 && !sources[mi - 1].mentions.empty() && !matches[mi - 1].passive) {
            sf.mentions = sources[mi - 1].mentions;
          } else {
            for (int q = j - 1; q >= 0; --q) {
              if (s.lower[q] == ")") {  // "The International Labor Office (ILO) reiterated its"
                while (q > 0 && s.lower[q] != "(") --q;
                continue;
              }
              if (s.IsBoundary(q)) break;
              int k = s.mention_at[q];
              if (k >= 0 && !(s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                              s.mentions[k].actor.country.empty())) {
                sf.mentions.push_back(k);
                break;
              }
            }
          }
          sf.scope_begin = j + 1;
          break;
        }
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || s.lower[j] == ",") break;
      }
    }
    // "condemned the attack on the embassy by Serb forces": a nominal event with no possessor
    // and an agent after "by" in its phrase was done by that agent, not by the clause's subject.
    // So was one with a relative clause whose passive names the doer: "the attack on the oil
    // facilities, which was claimed by the Houthis", "a strike that was carried out by Russian
    // bombers" (the relative pronoun at most eight words on, nothing but plain words between).
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.end; j < n && j < m.end + 9; ++j) {
        if (s.IsBoundary(j) || s.speech_end[j] >= 0) break;
        if (!In(s.lower[j], {"which", "that"})) {
          if (s.lower[j] == "," && j + 1 < n && In(s.lower[j + 1], {"which", "that"})) continue;
          if (s.lower[j] == "," || s.mention_at[j] >= 0) break;
          continue;
        }
        int q = j + 1;
        if (q < n && In(s.lower[q], {"was", "were", "has", "have", "had"})) ++q;
        if (q < n && s.lower[q] == "been") ++q;
        if (q + 1 >= n || q == j + 1 ||
            !In(s.lemma[q], {"claim", "carry", "conduct", "launch", "stage", "mount", "fire", "perpetrate",
                             "commit", "order", "execute"}))
          break;
        ++q;
        if (q < n && s.lower[q] == "out") ++q;
        if (q >= n || s.lower[q] != "by") break;
        ++q;
        while (q < n && IsDeterminerWord(s.lower[q])) ++q;
        if (q < n && s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q) {
          sf.mentions.push_back(s.mention_at[q]);
          sf.scope_begin = m.first;
        }
        break;
      }
    }
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.end; j < n && j < m.end + 6; ++j) {
        if (s.IsBoundary(j) || s.lower[j] == "," || s.speech_end[j] >= 0) break;
        // "an airstrike on a hospital run by Medecins Sans Frontieres", "planes flown by exiles":
        // a "by" after a participle is that participle's agent, not the act's (nom23).
        const std::string& w = s.lower[j];
        if (j > m.end - 1 && s.mention_at[j] < 0 &&
            ((w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) ||
             In(w, {"run", "led", "flown", "held", "built", "owned", "made", "known", "backed", "funded", "set",
                    "seen", "shot", "hit", "struck", "sent", "taken", "driven", "chosen", "written"})))
          break;
        if (w != "by") continue;
        int q = j + 1;
        while (q < n && IsDeterminerWord(s.lower[q])) ++q;
        if (q < n && s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q) {
          sf.mentions.push_back(s.mention_at[q]);
          sf.scope_begin = m.first;
        }
        break;
      }
    }
    // "at a time of Western sanctions on Moscow", "opposed to French mediation in peace
    // negotiations with Syria": a nominal event inside a prepositional phrase, with no
    // possessor, has no agent in the clause (the subject did not do it).
    bool in_pp = false;
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 3; --j) {
        const std::string& w = s.lower[j];
        if (s.mention_at[j] >= 0 || s.IsBoundary(j) || w == ",") break;
        // "called for sanctions against Nigeria": what is called for has not happened.
        bool called_for = w == "for" && j > 0 &&
                          (s.lemma[j - 1] == "call" || s.lemma[j - 1] == "push" || s.lemma[j - 1] == "press" ||
                           s.lemma[j - 1] == "appeal" || s.lemma[j - 1] == "lobby");
        // "an appeal by Baghdad to Washington for air strikes", "asked Russia for air
        // strikes": the appeal's own actors between it and "for" (at most eight words back).
        for (int q = j - 1; w == "for" && !called_for && q >= 0 && q >= j - 8; --q) {
          if (s.IsBoundary(q) || s.lower[q] == "," || s.lower[q] == ";") break;
          if (In(s.lemma[q], {"appeal", "plea", "request", "ask"})) called_for = true;
        }
        if ((w == "of" && !(j > 0 && s.lower[j - 1] == "ahead")) || w == "in" || w == "amid" || w == "despite" || w == "under" || w == "against" || w == "about" || w == "over" || called_for) {
          in_pp = true;
          break;
        }
      }
    }
    // "demanded that South Korea sever a decades-long military alliance with Washington",
    // "suspended talks with Iran": a nominal event that a verb of ending or suspending takes as
    // its object is what is ended, not a new event (the ending is coded by its own pattern).
    if (p.nominal && !in_pp && !p.HasSlot(PatternElement::Kind::kSource)) {
      for (int j = m.first - 1; j >= 0 && j >= m.first - 6; --j) {
        // (An agent noun of no country is a modifier here: "military alliance".)
        int k = s.mention_at[j];
        bool modifier = k >= 0 && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                        s.mentions[k].actor.country.empty();
        if ((k >= 0 && !modifier) || s.IsBoundary(j) || s.lower[j] == ",") break;
        const std::string& l = s.lemma[j];
        // ("recalling his three meetings with the North Korean leader": acts remembered are
        // history the speaker tells, not news either.)
        if (l == "sever" || l == "end" || l == "break" || l == "dissolve" || l == "scrap" || l == "cancel" ||
            l == "abandon" || l == "terminate" || l == "suspend" || l == "freeze" || l == "halt" ||
            l == "recall" || l == "remember" || l == "recount" || l == "reminisce") {
          in_pp = true;
          break;
        }
      }
    }
    // "threatened to break off relations with Congo over their ties with Israel": a nominal
    // event with a pronoun possessor in a phrase of cause is the reason for the act, told as
    // background, not a new event.
    if (p.nominal && !in_pp && !p.HasSlot(PatternElement::Kind::kSource) && m.first >= 2) {
      const std::string& poss = s.lower[m.first - 1];
      const std::string& prep = s.lower[m.first - 2];
      if ((poss == "its" || poss == "their" || poss == "his" || poss == "her") &&
          (prep == "over" || prep == "about" || prep == "amid" || prep == "despite" ||
           (prep == "of" && m.first >= 3 && s.lower[m.first - 3] == "because") ||
           (prep == "to" && m.first >= 3 && s.lower[m.first - 3] == "due")))
        in_pp = true;
    }
    if (in_pp) return;
    // "Iran condemned the U.S.-led airstrikes on Iraq", "welcomed Israeli air raids on ...": an
    // actor that qualifies the act's noun right before it (at most two plain words between:
    // "Russian air raids", "Syrian heavy shelling") is its doer, not the clause's subject (nom23).
    if (p.nominal && sf.mentions.empty() && !p.HasSlot(PatternElement::Kind::kSource)) {
      int j = m.first - 1;
      for (int g = 0; g < 2 && j >= 0 && s.mention_at[j] < 0 && !s.lower[j].empty() && s.lower[j][0] >= 'a' &&
                      s.lower[j][0] <= 'z' && !s.IsCount(j) && !IsDeterminerWord(s.lower[j]) &&
                      !In(s.lower[j], {"and", "or", "of", "to", "in", "on", "at", "with", "by", "for", "from",
                                       "that", "which", "who", "as", "than", "against", "over", "after"});
           ++g)
        --j;
      int k = j >= 0 ? s.mention_at[j] : -1;
      if (k >= 0 && s.mention_range[k].end == j + 1 && !s.mentions[k].actor.country.empty() &&
          std::find(m.targets.begin(), m.targets.end(), k) == m.targets.end()) {
        // (Not inside a phrase of a preposition: "wounded in an Israeli air raid" is the means of
        // the act told by the verb; "in protest against the Soviet invasion of Afghanistan" its
        // reason.)
        int f = s.mention_range[k].first - 1;
        while (f >= 0 && IsDeterminerWord(s.lower[f])) --f;
        if (f < 0 || !In(s.lower[f], {"in", "during", "amid", "despite", "of", "against", "over", "about", "after",
                                       "before", "since", "following", "by", "from", "for", "to", "with", "at",
                                       "on", "under", "without"})) {
          sf.mentions.push_back(k);
          sf.scope_begin = s.mention_range[k].first;
        }
      }
    }
    // "a banker charged with fraud": the people a reduced relative follows are the ones acted on.
    if (sf.mentions.empty() && m.passive && ReducedRelativeOfPeople(s, m.anchor)) {
      const int k = s.mention_at[m.anchor - 1];
      sf.mentions.push_back(k);
      sf.scope_begin = s.mention_range[k].first;
    }
    if (sf.mentions.empty()) {
      SourceFinding found = finder_.FindSource(s, m, std::vector<PatternMatch>(matches.begin(), matches.begin() + mi));
      if (found.shared_with >= 0 && described[found.shared_with]) {
        described[mi] = true;
        return;
      }
      if (found.shared_with >= 0) {
        int with = found.shared_with;
        SourceFinding shared = sources[with];
        shared.scope_begin = found.scope_begin;
        shared.syntax_modality = found.syntax_modality;
        shared.modality_tokens = found.modality_tokens;
        shared.shared_with = with;
        found = shared;
      }
      sf = std::move(found);
    }
  }
  // `source = speaker` ("the Security Council must impose sanctions"): whoever says it, not an
  // actor named before; the sentence's speaker, else the document's.
  bool doc_speaker_source = false;
  if (p.speaker_source && !m.passive) {
    // "Cyprus must not be allowed to perish", "the siege of Sarajevo must be ended": the actor
    // named is what the act is done to, not the one asked to act.
    if (PassiveFollows(s, m.end)) return;
    if (sf.speaker >= 0) {
      sf.mentions = {sf.speaker};
    } else if (!doc_.speaker.empty()) {
      sf.mentions.clear();
      sf.pronoun = false;
      doc_speaker_source = true;
    } else if (int said_by = OpensSentence(s, m) ? TrailingSpeaker(s, m.end) : -1; said_by >= 0) {
      // "Iraq must allow inspectors to return, Bush told the U.N.": the speaker named after
      // the statement that opens the sentence says it (not "Kim understood that the exercises
      // between X and Y must continue, Chung said").
      sf.mentions = {said_by};
      sf.pronoun = false;
    } else {
      // "A British minister reiterated that Libya must ...": the subject of the verb whose
      // "that" clause it is says it.
      int tf = m.targets.empty() ? -1 : s.mention_range[m.targets.front()].first;
      // "Germany's foreign minister said Russia's decision was reckless": with no "that", the
      // actor right before the saying verb right before the target (or its "the": "said the
      // U.S. strike was ...") says it.
      if (tf >= 1 && s.lower[tf - 1] == "the") --tf;
      if (tf >= 2 && s.speech_end[tf - 1] == tf && s.mention_at[tf - 2] >= 0 &&
          s.mention_range[s.mention_at[tf - 2]].end == tf - 1) {
        sf.mentions = {s.mention_at[tf - 2]};
        sf.pronoun = false;
      } else if (sf.mentions.empty() || tf < 1 || s.lower[tf - 1] != "that") {
        return;
      }
    }
  }
  // "policies regarding Muslims traveling to the U.S.", "the arrest of protesters marching on
  // the parliament": a participle right after the object of a preposition describes that
  // object; it tells no act. (Not "with": "with Russian forces shelling Kharkiv" is one.)
  if (!m.passive && !p.nominal && sf.mentions.size() == 1 && EndsWith(s.lower[m.anchor], "ing") &&
      m.first == m.anchor && s.mention_range[sf.mentions[0]].end == m.anchor) {
    int f = s.mention_range[sf.mentions[0]].first;
    while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
    if (f > 0 && In(s.lower[f - 1], {"regarding", "concerning", "about", "of", "for", "on", "against", "toward",
                                     "towards", "over"}))
      return;
  }
  // "called for the release of jailed activists", "the families of kidnapped Japanese citizens":
  // a past participle between "of/for/the/a/its/their" and the noun it qualifies describes that
  // noun; it tells no act of the clause's subject (tgt26).
  if (!m.passive && !p.nominal && m.first == m.anchor && m.anchor > 0 && m.anchor + 1 < s.size() &&
      EndsWith(s.lower[m.anchor], "ed") && s.lemma[m.anchor] != s.lower[m.anchor] &&
      In(s.lower[m.anchor - 1], {"of", "for", "the", "a", "an", "its", "their", "his", "her"}) &&
      (s.mention_at[m.anchor + 1] >= 0 || PlainNounAt(s, m.anchor + 1) ||
       (!s.lower[m.anchor + 1].empty() && s.lower[m.anchor + 1][0] >= 'a' && s.lower[m.anchor + 1][0] <= 'z' &&
        !(s.flags[m.anchor + 1] & Token::kCapitalized) && !IsDeterminerWord(s.lower[m.anchor + 1]) &&
        !In(s.lower[m.anchor + 1], {"and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
                                    "as", "after", "before", "since", "during", "last", "this", "that", "who",
                                    "which", "when", "while", "said", "over", "under", "into", "without"})))) {
    sources[mi] = sf;  // (a later verb may share this subject: "Families of kidnapped X met Y")
    return;
  }
  sources[mi] = sf;

  // Roles.
  std::vector<int> src_m = sf.mentions, tgt_m = m.targets;
  // No target from the pattern's slots: the object after the match in its clause
  // ("arrested more than 100 Palestinians", "agreed to lift embargoes ... to Iran, Libya").
  bool group_target = m.group_target;
  // "Turkey criticised Greece and accused it of ...", "met his counterpart and urged him to":
  // an object pronoun stands for the nearest fitting actor named before it in the sentence
  // that is not the event's source, not after "in/at" (for "it") and no part of a phrase
  // ending in "'s"; failing that ("Ankara accused it of ..."), for "it", "him" and "her", the
  // last fitting actor of the previous sentence that is not of the source's state; for
  // "them", the last plural group of the previous sentence that is not the source itself
  // ("negotiate with them" after "Taliban militants bombed ..."). Unresolved, the event has no target (the words after the
  // pronoun are not searched: "accused it of supporting Kurdish rebels").
  std::optional<ActorRef> pronoun_actor;
  std::vector<std::string> pronoun_entries;
  if (m.pronoun_target >= 0 && tgt_m.empty() && !m.passive) {
    const std::string& pr = s.lower[m.pronoun_target];
    // "saying he would only welcome him": two pronouns of people in one clause are beyond a
    // nearest-antecedent rule; nothing is coded.
    if (pr == "him" || pr == "her") {
      bool subject_pronoun = sf.pronoun;
      for (int t = m.first - 1; t >= 0 && !subject_pronoun; --t) {
        if (s.IsBoundary(t) || s.lower[t] == "," || s.lower[t] == ";") break;
        subject_pronoun = s.lower[t] == "he" || s.lower[t] == "she";
      }
      if (subject_pronoun) return;
    }
    // A possessive ("the attack on its oil facilities") stands for the clause's subject, the
    // first fitting actor of the sentence ("Saudi Arabia blamed Iran for the attack on its ..."),
    // an object pronoun for the nearest one before it.
    // "the country's embassy" stands for a state as "its" does. The holder of a diplomatic
    // building in a place is another state than the place's ("stormed its embassy in Tehran").
    const bool possessive = pr == "its" || pr == "their" || pr == "country";
    std::string host_country;
    if (possessive) {
      int q = m.pronoun_target + 1;
      if (pr == "country") ++q;
      if (q < n && In(s.lower[q], {"embassy", "embassies", "consulate", "consulates", "mission"})) {
        for (int j = q + 1; j + 1 < n && j <= q + 2 && host_country.empty(); ++j)
          if (s.lower[j] == "in" && s.place_at[j + 1] >= 0) host_country = PlaceLocation(s, s.place_at[j + 1]).country;
      }
    }
    const int nm = static_cast<int>(s.mentions.size());
    for (int c = 0; c < nm && tgt_m.empty(); ++c) {
      const int k = possessive ? c : nm - 1 - c;
      const auto& r = s.mention_range[k];
      if (r.end > m.pronoun_target || std::find(src_m.begin(), src_m.end(), k) != src_m.end()) continue;
      if (pr == "country" ? !((s.mentions[k].kind == actors::ActorMention::Kind::kState ||
                               s.mentions[k].kind == actors::ActorMention::Kind::kCapital) &&
                              FitsAntecedent(s, k, "its"))
                          : !FitsAntecedent(s, k, pr))
        continue;
      if (!host_country.empty() && s.mentions[k].actor.country == host_country) continue;
      int f = r.first;
      while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
      if (pr == "it" && f > 0 && s.IsLocativePreposition(f - 1)) continue;
      bool same = false;
      for (int q : src_m) same = same || s.mentions[q].actor.code == s.mentions[k].actor.code;
      if (!same) tgt_m = {k};
    }
    if (tgt_m.empty()) {
      std::string src_country, src_code;
      for (int q : src_m) src_country = s.mentions[q].actor.country, src_code = s.mentions[q].actor.code;
      for (size_t i = ds_.prev_mentions.size(); i-- > 0;) {
        const auto& [kind, a] = ds_.prev_mentions[i];
        std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
        if (!PronounFits(pr, kind, head) || a.country.empty()) continue;
        // ("them" is a group of the source's own state as often: "The government said it
        // would not negotiate with them" after an attack by its own insurgents.)
        if (pr == "them" ? a.code == src_code : !src_country.empty() && a.country == src_country) continue;
        if (src_m.empty() && ds_.last_source && ds_.last_source->country == a.country) continue;
        pronoun_actor = a;
        pronoun_entries = ds_.prev_mention_entries[i];
        break;
      }
    }
  }
  // "summoned the ambassador of Iran", "attacked the embassy of Denmark in Damascus": the
  // pattern's last word opens an actor mention that goes on past the match with "of X" (the
  // knowledge base reads "ambassador of Iran" as IRNGOV): that mention is the target.
  if (tgt_m.empty() && m.pronoun_target < 0 && !m.passive && m.dest_place < 0 && !p.one_sided && !p.nominal &&
      m.end > m.anchor + 1 && m.end < s.size() && s.lower[m.end] == "of") {
    int k = s.mention_at[m.end - 1];
    if (k >= 0 && s.mention_range[k].first == m.end - 1 && s.mention_range[k].end > m.end + 1 &&
        !s.mentions[k].actor.country.empty() && std::find(src_m.begin(), src_m.end(), k) == src_m.end())
      tgt_m = {k};
  }
  if (tgt_m.empty() && m.pronoun_target < 0 && !m.passive && m.dest_place < 0 && !p.one_sided && !p.nominal) {
    tgt_m = FindTrailingTargets(s, m, sf.mentions);
    group_target = !tgt_m.empty() && s.mentions[tgt_m.front()].kind == actors::ActorMention::Kind::kAgent &&
                   s.mentions[tgt_m.front()].actor.country.empty();
  }
  // A threat's condition names who is threatened ("threatened a general strike unless Israel
  // rescinded ..."); so does the condition of a coercive act ("will impose sanctions unless
  // Iran halts enrichment"): an act held out unless another acts is a threat to that actor
  // (its final code, 13x, is set with the modality below, but the condition alone makes it
  // one, so this reads the act's code and whether it has a threat counterpart). A complaint
  // or protest lodged with a third party ("complained to the UN over two Israeli air raids")
  // is about the actor of its "over/about" phrase.
  // "Sharif appealed to the insurgents ... The insurgents rejected the appeal": a rejection
  // (12x) of a definite appeal, offer, demand or charge that names no one rejects its author,
  // the last source named before it (when that is not the rejecter).
  std::string rejected_object;
  if (tgt_m.empty() && !pronoun_actor && m.pronoun_target < 0 && !m.passive && act.code.compare(0, 2, "12") == 0 &&
      ds_.last_source && !ds_.last_source->country.empty() && m.end + 1 < s.size() && s.lower[m.end] == "the" &&
      In(s.lower[m.end + 1], {"appeal", "appeals", "offer", "proposal", "demand", "demands", "call", "request",
                              "accusation", "accusations", "charge", "charges", "ultimatum", "plan"}) &&
      (m.end + 2 >= s.size() || !In(s.lower[m.end + 2], {"of", "by", "from"}))) {
    bool own = false;
    for (int q : src_m) own = own || s.mentions[q].actor.code == ds_.last_source->code;
    if (!own && !src_m.empty()) {
      rejected_object = "the " + s.lower[m.end + 1];
      pronoun_actor = *ds_.last_source;
      pronoun_entries = ds_.last_source_entries;
    }
  }
  bool posture_target = false;
  {
    const std::string& code = act.code;
    if (tgt_m.empty() && !m.passive && !p.one_sided && m.dest_place < 0 &&
        (code.compare(0, 2, "13") == 0 || !ThreatCode(code).empty()))
      tgt_m = FindPhraseActor(s, m, {"unless"}, 20);
    // "called for a ceasefire in Libya", "urged an end to the fighting in Syria": an appeal for
    // military de-escalation (0256) with no target is made to the state where the fighting is,
    // named after "in" within three words of the match (not the source's own state).
    if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && code == "0256") {
      std::vector<int> where = FindPhraseActor(s, m, {"in"}, 4);
      bool own = false;
      for (int k : where)
        for (int q : src_m) own = own || s.mentions[k].actor.country == s.mentions[q].actor.country;
      if (!own) tgt_m = where;
    }
    // "mobilized reservists for a possible war against Iraq": a show of force or mobilisation
    // (15x, one-sided) aimed "against" a named actor is directed at it.
    if (tgt_m.empty() && !m.passive && p.one_sided && code.compare(0, 2, "15") == 0) {
      tgt_m = FindPhraseActor(s, m, {"against"}, 12);
      posture_target = !tgt_m.empty();
    }
    // "conducted 15 strikes using attack, bomber, fighter and remotely piloted aircraft against
    // ISIL targets": violence (18-20) with no object right after it is aimed at the actor of an
    // "against" phrase further on in its clause.
    if (tgt_m.empty() && !m.passive && !p.one_sided && m.dest_place < 0 && m.pronoun_target < 0 && Violent(act))
      tgt_m = FindPhraseActor(s, m, {"against"}, 16, /*need_country=*/false);
    if (!m.passive && !m.targets.empty() && (code.compare(0, 2, "11") == 0 || code.compare(0, 2, "14") == 0)) {
      int f = s.mention_range[m.targets.front()].first;
      while (f > 0 && (s.lower[f - 1] == "the" || s.lower[f - 1] == "a")) --f;
      if (f > 0 && (s.lower[f - 1] == "to" || s.lower[f - 1] == "with")) {
        std::vector<int> about = FindPhraseActor(s, m, {"over", "about"}, 12);
        bool self = false;
        for (int k : about)
          for (int q : src_m) self = self || s.mentions[k].actor.country == s.mentions[q].actor.country;
        if (!about.empty() && !self) tgt_m = about;
      }
    }
  }
  // "killing two and arresting 15", "killed 12 Palestinians and wounded 30": a bare count after
  // an act done to people counts more of the group an earlier such act of the sentence was
  // done to (the noun is left out because it was just named).
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && mi > 0 &&
      m.end < s.size() && s.IsCount(m.end)) {
    int e = m.end;
    while (e < s.size() && s.IsCount(e)) ++e;
    bool bare = e >= s.size() || s.IsBoundary(e) || s.lower[e] == "," || s.lower[e] == "and" ||
                s.lower[e] == "others" || s.lower[e] == "more" || s.IsLocativePreposition(e) ||
                (s.lower[e] == "of" && e + 1 < s.size() && s.lower[e + 1] == "them");
    const std::string& r = act.code;
    bool to_people = r.compare(0, 2, "17") == 0 || Violent(act);
    for (size_t q = mi; q-- > 0 && bare && to_people;) {
      if (match_targets[q].empty()) continue;
      const PatternMatch& pm = matches[q];
      const std::string& qc = (pm.code ? pm.code : pm.pattern->cameo)->code;
      if (qc.compare(0, 2, "17") != 0 && !Violent(*(pm.code ? pm.code : pm.pattern->cameo))) continue;
      tgt_m = match_targets[q];
      break;
    }
  }
  // Coordinated with an earlier event and no object of its own: "X is Y's trading partner and
  // aid provider" -> the earlier target too.
  if (sf.shared_with >= 0 && tgt_m.empty() && m.dest_place < 0 && !p.one_sided)
    tgt_m = matches[sf.shared_with].targets;
  // "Japan sent food aid to North Korea and promised to lift sanctions", "provided aid to
  // Ukraine but has not supplied weapons": a verb phrase coordinated with an earlier one of the
  // same named source, with no object actor of its own, acts on the earlier one's target. The
  // two are joined by "and"/"but", with no actor, comma or other clause punctuation or saying
  // verb between the earlier target and this act, at most eight words apart (", and condemned
  // ..." after a reported clause is often the reporter's own act: "said Seoul would reconsider
  // its policy of not providing arms to Ukraine, and condemned the agreement"). Not for statements, appeals and meetings (01, 02, 04), one-sided, reciprocal or
  // nominal acts, nor a pronoun source ("and said it would ...": a new clause).
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual &&
      !p.nominal && !src_m.empty() && !sf.pronoun && act.code.compare(0, 2, "01") != 0 &&
      act.code.compare(0, 2, "02") != 0 && act.code.compare(0, 2, "04") != 0) {
    for (size_t q = mi; q-- > 0 && tgt_m.empty();) {
      if (match_targets[q].empty() || sources[q].mentions != src_m) continue;
      int from = matches[q].end;
      for (int k : match_targets[q]) from = std::max(from, s.mention_range[k].end);
      bool joined = false, clean = from <= m.first && m.first - from <= 8;
      for (int j = from; j < m.first && clean; ++j) {
        const std::string& w = s.lower[j];
        if (w == "and" || w == "but") {
          joined = true;
        } else if (s.IsBoundary(j) || s.mention_at[j] >= 0 || s.speech_end[j] >= 0 || w == ";" || w == ":" ||
                   w == ",") {
          clean = false;
        }
      }
      if (joined && clean) tgt_m = match_targets[q];
      break;  // only the nearest earlier coded act of the source
    }
  }
  // "Police arrested and questioned the student", "troops detained and later released two
  // activists": a verb right before "and" (an adverb may follow) and a second verb with an
  // object shares that object. Only when the two verbs are next to each other (no word of its
  // own between the first verb and "and"), and not for statements, appeals and meetings (01,
  // 02, 04: "arrived and met Kim" is no visit to Kim), one-sided, reciprocal or nominal acts.
  if (tgt_m.empty() && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual &&
      !p.nominal && m.end == m.verb_end && act.code.compare(0, 2, "01") != 0 &&
      act.code.compare(0, 2, "02") != 0 && act.code.compare(0, 2, "04") != 0 && m.end + 1 < s.size() &&
      (s.lower[m.end] == "and" || s.lower[m.end] == "or")) {
    int j = m.end + 1;
    while (j < s.size() && j <= m.end + 2 && IsSharedObjectAdverb(s.lower[j])) ++j;
    for (size_t r = mi + 1; r < matches.size(); ++r) {
      const PatternMatch& n = matches[r];
      if (n.verb_first != j) continue;
      if (!n.passive && !n.pattern->nominal && !n.targets.empty()) tgt_m = n.targets;
      break;
    }
  }
  // "expelled Ryan Fogle, a third secretary at the U.S. embassy in Moscow", "detained Jason
  // Rezaian, an American reporter,": a person the knowledge base does not place (no mention, or
  // one without a country) right after the act, followed by an apposition that names the state
  // the person belongs to, is that state's (AppositionActor; tgt26).
  if (!m.passive && m.pronoun_target < 0 && m.dest_place < 0 && !p.one_sided && !p.mutual && !p.nominal &&
      (tgt_m.empty() || (tgt_m.size() == 1 && s.mentions[tgt_m[0]].actor.country.empty() &&
                         (s.mentions[tgt_m[0]].kind == actors::ActorMention::Kind::kPerson ||
                          s.mentions[tgt_m[0]].actor.code.empty())))) {
    int name_end = -1;
    if (!tgt_m.empty()) {
      name_end = s.mention_range[tgt_m[0]].end;
    } else {
      int j = m.end;
      while (j < s.size() && j < m.end + 4 && s.mention_at[j] < 0 && (s.flags[j] & Token::kCapitalized) &&
             !s.IsBoundary(j) && s.lower[j] != ",")
        ++j;
      if (j > m.end) name_end = j;
    }
    const int k = name_end > 0 ? AppositionActor(s, name_end) : -1;
    if (k >= 0 && std::find(src_m.begin(), src_m.end(), k) == src_m.end()) {
      tgt_m = {k};
    }
  }
  // "The U.S. demanded the release of two journalists after North Korea sentenced them",
  // "Japan protested on Sunday after China declared ...": a demand (10) or disapproval (11) that
  // names no one (or only people of the source's own state) is addressed to the actor that
  // opens the "after" / "following" / "when" clause of the same sentence (its first words; a
  // possessor counts: "after Japan's coast guard"), when that actor is of another state.
  bool own_target = !tgt_m.empty();  // (only people of the source's own state: "a Chinese captain")
  for (int k : tgt_m) {
    const int e = s.mention_range[k].end;
    const bool qualifier = e < s.size() && !s.lower[e].empty() && s.lower[e][0] >= 'a' && s.lower[e][0] <= 'z' &&
                           !IsDeterminerWord(s.lower[e]) &&
                           !In(s.lower[e], {"on", "in", "at", "after", "and", "or", "for", "to", "of", "over",
                                            "with", "from", "following", "when", "by"});
    for (int o : src_m)
      own_target = own_target && s.mentions[k].actor.country == s.mentions[o].actor.country &&
                   (s.mentions[k].kind != actors::ActorMention::Kind::kState || qualifier);
  }
  if ((tgt_m.empty() || own_target) && !pronoun_actor && !m.passive && m.pronoun_target < 0 && m.dest_place < 0 &&
      !p.one_sided && !p.mutual && !p.nominal && !src_m.empty() &&
      (act.code.compare(0, 2, "10") == 0 || act.code.compare(0, 2, "11") == 0)) {
    for (int j = m.end; j + 1 < s.size() && j < m.end + 16; ++j) {
      if (s.IsBoundary(j) || s.speech_end[j] >= 0 || s.lower[j] == ";") break;
      if (!In(s.lower[j], {"after", "following", "when"})) continue;
      int q = j + 1;
      while (q < s.size() && IsDeterminerWord(s.lower[q])) ++q;
      const int k = q < s.size() ? s.mention_at[q] : -1;
      if (k >= 0 && s.mention_range[k].first == q && !s.mentions[k].actor.country.empty()) {
        bool same = false;
        for (int o : src_m) same = same || s.mentions[o].actor.country == s.mentions[k].actor.country;
        if (!same) tgt_m = {k};
      }
      break;
    }
  }
  // A pronoun that stands for no actor named ("expelled them", of things or of people the
  // sentence does not name as actors): the act is not coded, as when the slot is empty.
  if (m.pronoun_target >= 0 && tgt_m.empty() && !pronoun_actor && !m.passive) return;
  match_targets[mi] = tgt_m;
  std::string src_sector = !p.sector.empty() ? p.sector : sf.sector_override, tgt_sector = p.sector;
  std::string implied_sector;  // the police or courts a passive with no agent implies (below)
  // "Martial law was declared in Pakistan" (ArgumentFinder's agentless_object): the government
  // of the state where it happens (below), on that state, told as done ("was/has been").
  if (m.agentless_object) {
    if (!ToldAsDone(s, m.anchor)) return;
    src_m.clear();
    implied_sector = "GOV";
  }
  // `source = courts` ("is on trial"): the authority of where it happens when no SRC is named.
  // `source = people` ("a demonstration in Cairo against the council"): only when no actor
  // is the subject or the SRC.
  if (!p.implied_source.empty() && !m.passive && m.sources.empty() &&
      (p.implied_source != "people" || src_m.empty())) {
    src_m.clear();
    implied_sector = p.implied_source;
  }
  if (m.passive) {
    src_m = m.sources;
    tgt_m = sf.mentions;
    tgt_sector = sf.sector_override;
    src_sector.clear();
    // "The activist said he was interrogated by police": a pronoun subject of a passive is the
    // nearest fitting actor named before it in the sentence (not the agent, not a possessor).
    if (tgt_m.empty() && sf.pronoun && sf.pronoun_at > 0 && In(s.lower[sf.pronoun_at], {"he", "she", "they"})) {
      const std::string& w = s.lower[sf.pronoun_at];
      const std::string pr = w == "he" ? "him" : w == "she" ? "her" : "them";  // (PronounFits reads objects)
      for (int k = static_cast<int>(s.mentions.size()) - 1; k >= 0 && tgt_m.empty(); --k) {
        const auto& r = s.mention_range[k];
        if (r.end > sf.pronoun_at || std::find(src_m.begin(), src_m.end(), k) != src_m.end()) continue;
        // (Nor a word qualifying a noun after it: "the elite group within Scientology".)
        // (Nor, for "he" or "she", a body named by a collective noun: "Police fired tear gas
        // at his supporters after he was sentenced" - he is not the police.)
        if (pr != "them" && In(s.lower[r.end - 1], {"police", "military", "army", "government", "court",
                                                     "judiciary", "parliament", "authorities", "junta"}))
          continue;
        if (!PlainNounAt(s, r.end) && FitsAntecedent(s, k, pr)) tgt_m = {k};
      }
    }
    // "X was attacked": no agent, no event, except violence (below), and the acts only the
    // police or the courts do to people ("was arrested", "was charged with"): theirs.
    if (src_m.empty() && !Violent(act)) {
      // Only of people ("The United Nations is charged with the maintenance of peace" is a
      // task), and only told as done ("was/were/has been arrested"; a headline's "arrested
      // after ..."): "to ensure that criminals are caught and prosecuted" is no arrest.
      implied_sector = ImpliedAuthority(s, m);
      // "Daniel Montalvo, 19, was arrested ... He was released on bail on Thursday": a subject
      // "he" or "she" opening the sentence that the sentence does not resolve stands for the
      // first person (or singular group noun: "the activist") named in the previous sentence
      // (only for these acts of an authority).
      // "They were twice denied visas": "they" likewise stands for the first plural group.
      // When the previous sentence names none ("His supporters attacked army buildings. He was
      // released on bail"), the sentence before it is searched.
      if (!implied_sector.empty() && tgt_m.empty() && sf.pronoun && sf.pronoun_at == 0 &&
          In(s.lower[0], {"he", "she", "they"})) {
        const std::string as = s.lower[0] == "they" ? "them" : "him";
        for (const auto* prev : {&ds_.prev_mentions, &ds_.earlier_mentions}) {
          const auto& prev_entries = prev == &ds_.prev_mentions ? ds_.prev_mention_entries : ds_.earlier_mention_entries;
          for (size_t i = 0; i < prev->size() && !pronoun_actor; ++i) {
            const auto& [kind, a] = (*prev)[i];
            std::string head = a.text.empty() ? "" : LowerWord(a.text.substr(a.text.rfind(' ') + 1));
            if (!PronounFits(as, kind, head) || a.country.empty() ||
                In(SectorBase(a.sector), {"COP", "JUD", "GOV", "MIL", "LEG", "SPY"}))
              continue;
            pronoun_actor = a;
            pronoun_entries = prev_entries[i];
          }
          if (pronoun_actor) break;
        }
      }
      // (Visas and entry are refused to people only: "the Afghan team", named by its state.)
      bool people = !tgt_m.empty() || pronoun_actor.has_value();
      for (int k : tgt_m)
        if (s.mentions[k].kind != actors::ActorMention::Kind::kPerson &&
            s.mentions[k].kind != actors::ActorMention::Kind::kAgent && implied_sector != "GOV" &&
            !PluralDemonym(s, k))
          people = false;
      if (implied_sector.empty() || !people || !ToldAsDone(s, m.anchor)) return;
    }
  }
  // "held talks in Paris under French mediation", "under the mediation of Algeria": the
  // mediator is no party (AddMediation).
  tgt_m.erase(std::remove_if(tgt_m.begin(), tgt_m.end(),
                             [&](int k) {
                               const int e = s.mention_range[k].end, f = s.mention_range[k].first;
                               return (e < s.size() && MediatorMention(s, e) == k) ||
                                      (f >= 2 && MediatorMention(s, f - 2) == k);
                             }),
              tgt_m.end());
  EventDraft d;
  d.m = &m;
  d.p = &p;
  d.act = &act;
  d.sf = std::move(sf);
  d.src_m = std::move(src_m);
  d.tgt_m = std::move(tgt_m);
  d.implied_sector = std::move(implied_sector);
  d.posture_target = posture_target;
  d.doc_speaker_source = doc_speaker_source;
  d.group_target = group_target;
  d.pronoun_actor = std::move(pronoun_actor);
  d.pronoun_entries = std::move(pronoun_entries);
  d.rejected_object = std::move(rejected_object);
  d.src_sector = std::move(src_sector);
  d.tgt_sector = std::move(tgt_sector);
  if (!ResolveActors(s, mi, events, st, &d)) return;
  if (!ImpliedTargets(s, mi, events, st, &d)) return;
  if (!ModalityDateAndCode(s, mi, events, st, &d)) return;
  EmitEvents(s, &d, events);
}

// Step of CodeMatch after its roles: the act's place (FindLocation, a state named alone near it)
// and the actors of its source and target mentions (Actor: sectors, countries from context, the
// knowledge entries and notes for provenance), an implied source or target (a pronoun, the
// speaker, the police a passive implies, the document's latest source, a group named earlier).
// Returns false when the match is dropped: no source found, an act of violence by a named
// unknown doer, ... (each `return false`).
bool SentenceCoder::ResolveActors(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                  SentenceCoding* st, EventDraft* d) {
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& sf = d->sf;
  auto& doc_speaker_source = d->doc_speaker_source;
  auto& group_target = d->group_target;
  auto& pronoun_actor = d->pronoun_actor;
  auto& pronoun_entries = d->pronoun_entries;
  auto& rejected_object = d->rejected_object;
  auto& src_sector = d->src_sector;
  auto& tgt_sector = d->tgt_sector;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& entries = d->entries;
  auto& note = d->note;
  auto& implied_sector = d->implied_sector;
  auto& group_source = d->group_source;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  std::vector<PatternMatch>& matches = st->matches;
  // an announced act coded as its intent (Provenance)
  loc = FindLocation(s, m);
  // A state named alone near the act ("talks in Malta"): its location when nothing more precise
  // is named (set on the event only; see FindLocation).
  // Not for what is said, asked, offered or refused (01-03, 05, 10-13: "expressed support for
  // Russia's war in Ukraine", "criticized Israel's role in Lebanon"): "in" + a state there
  // names the topic more often than the place.
  {
    const std::string r = act.code.substr(0, 2);
    // (So for a place shared by several states, "Kashmir": as broad as a state, and mostly the
    // topic there, "blamed Islamabad for the attack in Kashmir", as for a reduction of
    // relations decided in a capital, "... and recalled its envoy" (16).)
    bool shared_topic = false;
    if (loc && In(r, {"01", "02", "03", "05", "10", "11", "12", "13", "16"}))
      for (const auto& h : s.places)
        if (h.place >= 0 && !k_.lexicon.place_list[h.place].shared.empty() &&
            k_.lexicon.place_list[h.place].name == loc->name) {
          loc.reset();
          shared_topic = true;
          break;
        }
    if (!loc && !shared_topic && !In(r, {"01", "02", "03", "05", "10", "11", "12", "13"})) {
      country_loc = FindLocation(s, m, true);
      // "Guerrillas in Colombia kidnapped ...", "French troops fought rebels in Chad": the
      // place the source's, else the target's, mention names.
      for (const auto* side : {&src_m, &tgt_m})
        for (int k : *side)
          if (!country_loc) country_loc = AgentPlaceLocation(s, k);
    }
  }
  std::string lc = loc ? loc->country : "";
  // "Gunmen killed a French aid worker in Somalia": a state named after "in" following the
  // act, in its clause (not a source or target), is where it happens, or "": the country of a
  // source group that names none, and of the authority a passive implies ("Two Canadians were
  // detained in China": China's police). (Not the event's location: a place of the gazetteer.)
  std::string in_state;
  {
    int me = std::max(m.end, m.folded_end);
    for (int j = me; j < s.size() && j <= me + kMaxPlaceDistance && in_state.empty(); ++j) {
      if (s.IsBoundary(j) || s.speech_end[j] >= 0 || s.lower[j] == ";" ||
          (s.lower[j] == "," && j + 1 < s.size() && s.lower[j + 1] != "in"))
        break;
      int k = s.mention_at[j];
      // ("declared across Egypt", "throughout the country": where a government's measure holds.)
      if (k < 0 || s.mention_range[k].first != j || j == 0 ||
          !(s.lower[j - 1] == "in" || (m.agentless_object && In(s.lower[j - 1], {"across", "throughout"}))))
        continue;
      const auto& o = s.mentions[k];
      if (o.kind == actors::ActorMention::Kind::kState && o.actor.sector.empty() && o.actor.country.size() == 3 &&
          std::find(tgt_m.begin(), tgt_m.end(), k) == tgt_m.end() &&
          std::find(src_m.begin(), src_m.end(), k) == src_m.end())
        in_state = o.actor.country;
    }
  }
  // The people of a place (`source = people`) protest only where the sentence or the dateline
  // puts them.
  if (implied_sector == "people") {
    std::string c = !lc.empty() ? lc : !in_state.empty() ? in_state : ds_.dateline_country;
    // (Else the one gazetteer place the sentence names: "Nablus was shut down in a general
    // strike".)
    if (c.empty() && s.places.size() == 1 && s.places[0].place >= 0) {
      loc = PlaceLocation(s, 0);
      c = loc->country;
    }
    if (c.empty()) return false;
    srcs.push_back(UnnamedActor(c, "", "(the people of the place, not named)"));
    note = "source not named: the people of " + c;
    implied_sector.clear();
  }
  if (!implied_sector.empty()) {
    // The authority is that of where it happens: the place of the act, else a state after "in"
    // (above), else the dateline's state, else the document's dominant state; none known, no event.
    // (A visa or entry is refused by the state one would enter.)
    const std::string& lemma = s.lemma[m.anchor];
    bool sent_out = lemma == "deport" || lemma == "expel";
    std::string c = sent_out ? FromState(s, m.anchor) : implied_sector == "GOV" ? EntryState(s, m.anchor) : "";
    // (Martial law or a state of emergency with no agent: only where the sentence names it.)
    if (m.agentless_object) {
      c = !lc.empty() ? lc : in_state;
      if (c.empty()) return false;
    }
    // (One sent out of no state named is sent out by no known authority: "expelled from the
    // party".)
    if (sent_out && c.empty()) return false;
    // (Then the one state the document names: "The Russian activist was charged with treason",
    // alone, is charged by Russia's courts.)
    if (c.empty()) c = !lc.empty()         ? lc
                       : !in_state.empty() ? in_state
                       : !ds_.dateline_country.empty() ? ds_.dateline_country
                       : !ds_.dominant_country.empty() ? ds_.dominant_country
                                                        : ds_.sole_country;
    if (c.empty()) return false;
    const std::string who = implied_sector == "COP" ? "police" : implied_sector == "JUD" ? "courts" : "government";
    srcs.push_back(UnnamedActor(c, implied_sector, "(the " + who + ", not named)"));
    note = "source not named: the " + who + " of " + c;
  }
  // "Gunmen killed a French aid worker in Somalia": a state named after "in" following the
  // act, in its clause, is where it happens: the country of a source group that names none
  // (not the event's location, which is a place of the gazetteer).
  std::string src_lc = lc.empty() ? in_state : lc;
  if (src_sector.empty()) src_sector = LeadersOfList(s, src_m);
  if (tgt_sector.empty()) tgt_sector = LeadersOfList(s, tgt_m);
  for (int k : src_m) srcs.push_back(Actor(s, k, src_sector, src_lc, &entries, &note, tgt_m));
  for (int k : m.also) srcs.push_back(Actor(s, k, p.sector, src_lc, &entries, &note));
  if (doc_speaker_source && srcs.empty()) {
    srcs.push_back(SpeakerActor(k_, doc_.speaker));
    srcs.back().text = "(the speaker)";
    entries.push_back("speaker " + doc_.speaker + " (the document's speaker says it)");
  }
  // "HARARE - The United States called on the government to release ...": in a story with a
  // dateline, a state named alone as the source is the other side of a state institution it
  // acts on, no clue to that institution's state (the dateline's decides).
  std::vector<int> bare_state_srcs;
  for (int k : src_m)
    if (!ds_.dateline_country.empty() && s.mentions[k].kind == actors::ActorMention::Kind::kState && s.mentions[k].actor.sector.empty() &&
        !s.mentions[k].actor.country.empty())
      bare_state_srcs.push_back(k);
  for (int k : tgt_m) {
    tgts.push_back(Actor(s, k, tgt_sector, lc, &entries, &note, bare_state_srcs,
                         Violent(act) && !p.nominal ? src_m : std::vector<int>{}));
    // "deported 11 Uighurs to China", "repatriated 300 refugees to Myanmar": people of no stated
    // country sent away (174) to a state named right after them ("to" and the state's name)
    // are sent home, people of that state (a state of their own in the sentence, "Cambodian
    // workers", wins).
    if (act.code.compare(0, 3, "174") == 0 && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
        s.mentions[k].actor.country.empty()) {
      const int e = s.mention_range[k].end;
      const int q = e + 1 < s.size() && s.lower[e] == "to" ? s.mention_at[e + 1] : -1;
      if (q >= 0 && s.mention_range[q].first == e + 1 && s.mentions[q].kind == actors::ActorMention::Kind::kState &&
          s.mentions[q].actor.code == s.mentions[q].actor.country && k_.state_codes.count(s.mentions[q].actor.country)) {
        ActorRef& tb = tgts.back();
        tb.country = s.mentions[q].actor.country;
        tb.code = tb.country + tb.sector;
        if (!note.empty()) note += "; ";
        note += "country of '" + tb.text + "' from the state they were sent to";
      }
    }
    if (m.goods_target && !tgts.back().country.empty() && s.mentions[k].kind == actors::ActorMention::Kind::kAgent) {
      tgts.back().code = tgts.back().country;  // "bought Russian tanks": Russia, not its forces
      tgts.back().sector.clear();
    }
    // "The Bosnian Serb army shelled Sarajevo": a capital that violence is done to is the city,
    // a place of its state, not its government (the metonymy of "Washington said").
    // (Not when every source is of that state: a group fighting at home acts on its government.)
    bool home = !src_m.empty();
    for (int q : src_m) home = home && s.mentions[q].actor.country == tgts.back().country;
    if (Violent(act) && s.mentions[k].kind == actors::ActorMention::Kind::kCapital && tgt_sector.empty() &&
        tgts.back().country.size() == 3 && !home) {
      tgts.back().code = tgts.back().country;
      tgts.back().sector.clear();
    }
    // "signed a truce with separatists in Minsk", "a peace deal with rebels in Nairobi": armed
    // non-state groups (REB, INS, SEP) that a state's cooperation (roots 03-08) reaches "in" the
    // capital of another state meet it there: the capital is the place, not their home, and
    // they are the source state's own (lex25-019-A). Only when every source is of that one
    // state; "separatists in Donetsk" (no capital) keep the place's state.
    if (const std::string r = act.code.substr(0, 2);
        In(r, {"03", "04", "05", "06", "07", "08"}) && !src_m.empty() && tgt_sector.empty()) {
      const auto& am = s.mentions[k];
      std::string home_state = s.mentions[src_m[0]].actor.country;
      for (int q : src_m)
        if (s.mentions[q].actor.country != home_state) home_state.clear();
      ActorRef& t = tgts.back();
      if (am.kind == actors::ActorMention::Kind::kAgent && In(t.sector, {"REB", "INS", "SEP"}) &&
          home_state.size() == 3 && home_state != t.country &&
          CapitalAfterIn(s, k, k_.lexicon.place_list) == t.country) {
        t.country = home_state;
        t.code = home_state + t.sector;
        if (!note.empty()) note += "; ";
        note += "target met in another state's capital: the source state's own " + t.sector;
      }
    }
  }
  // "Anti-American protesters burned flags", "anti-government demonstrators marched through
  // Nairobi": a protest (root 14) by a group named "anti-X" is aimed at X (a state's adjective
  // or name), "anti-government" / "anti-regime" at the protesters' own government, when the
  // sentence names no other target (none, or only a bare state that is the source's own, as
  // the place marched through). One source only (of a known state for "anti-government").
  if (act.code.compare(0, 2, "14") == 0 && src_m.size() == 1 && srcs.size() == 1) {
    bool place_only = true;
    for (const auto& t : tgts) place_only = place_only && t.code == t.country && t.country == srcs[0].country;
    const int f = s.mention_range[src_m[0]].first;
    static const std::string kNone;
    const std::string& w = f > 0 ? s.lower[f - 1] : kNone;
    if (place_only && w.size() > 5 && w.compare(0, 5, "anti-") == 0) {
      const std::string x = w.substr(5);
      std::optional<ActorRef> aimed;
      if ((x == "government" || x == "regime") && srcs[0].country.size() == 3) {
        aimed = UnnamedActor(srcs[0].country, "GOV", "(the government the protesters oppose)");
      } else if (k_.actors) {
        const std::string written(doc_.Text(s.TokenSpan(f - 1, f)));  // "Anti-American": as written
        const auto r = k_.actors->Resolve(written.substr(5), doc_.date);
        if (r.found && r.actor.country.size() == 3 && r.actor.code == r.actor.country && r.actor.country != srcs[0].country)
          aimed = UnnamedActor(r.actor.country, "", "(" + written.substr(5) + ", whom the protest opposes)");
      }
      if (aimed) {
        tgts.assign(1, *aimed);
        tgt_m.clear();
        if (!note.empty()) note += "; ";
        note += "target from '" + w + "' before the protesters";
      }
    }
  }
  if (pronoun_actor && tgts.empty()) {
    tgts.push_back(*pronoun_actor);
    entries.insert(entries.end(), pronoun_entries.begin(), pronoun_entries.end());
    if (!note.empty()) note += "; ";
    note += "target '" + (!rejected_object.empty() ? rejected_object
                                                    : s.lower[m.pronoun_target >= 0 ? m.pronoun_target : sf.pronoun_at]) +
            "' stands for " + pronoun_actor->text + (rejected_object.empty() ? " of the previous sentence" : ", its author");
  }
  // "killed 23 people ... when they blew themselves up in Tel Aviv": a group of people reached
  // past a count or qualifiers whose country the context does not give names no side of a
  // dyad; the act is coded without a target (and may be the same act told twice, below). A
  // noun event names an act only together with its sides: none is coded ("a major offensive
  // against ethnic Albanian guerrillas" by no one the sentence names).
  if (group_target && !m.passive) {
    bool any_country = false;
    for (const auto& t : tgts) any_country = any_country || !t.country.empty();
    if (!any_country && p.nominal) return false;
    if (!any_country) tgts.clear(), tgt_m.clear();
  }
  if (m.targets.empty() && !tgts.empty() && !m.passive) {
    // An object found after the match that is the source itself (or its own state) is no
    // target: the event stays target-less rather than being dropped as self-directed.
    std::vector<ActorRef> kept;
    for (const auto& t : tgts) {
      bool self = false;
      for (const auto& a : srcs)
        self = self || a.code == t.code ||
               (!a.country.empty() && a.country == t.country && (t.code == t.country || a.code == a.country));
      if (!self) kept.push_back(t);
    }
    tgts = std::move(kept);
  }
  // "Riot police fired tear gas at the crowd. They arrested opposition leader Kizza Besigye",
  // "Residents protested after they briefly arrested a young bride" (U.S. troops named
  // before): "they" right before an act of custody or force (roots 17-20; auxiliaries and
  // adverbs may stand between) is, by role fit, a plural force ("police", troops: COP, MIL, SPY;
  // for violence also an armed group or gunmen) named before it, even when another group is
  // nearer or the sentence's subject: the first such force of this sentence, else of the
  // previous sentence, else of the one before (ForceAntecedent). A source that is itself a
  // force stays.
  if (!m.passive) {
    const std::string r = act.code.substr(0, 2);
    const bool custody = r == "17";
    int they = m.first - 1;
    while (they >= 0 && (In(s.lower[they], {"had", "have", "has", "were", "then", "later", "also", "again",
                                              "reportedly", "allegedly", "briefly", "quickly", "subsequently"}) ||
                         (s.lower[they].size() > 4 && s.lower[they].compare(s.lower[they].size() - 2, 2, "ly") == 0)))
      --they;
    bool fits = !srcs.empty();
    for (const auto& a : srcs) fits = fits && ForceSector(a.sector, custody);
    std::optional<std::pair<ActorRef, std::vector<std::string>>> found;
    if ((custody || Violent(act)) && they >= 0 && s.lower[they] == "they" && (they == 0 || s.lower[they - 1] != "that") &&
        !fits && (found = ForceAntecedent(s, ds_, they, custody))) {
      auto& [ante, ante_entries] = *found;
      if (ante.country.empty()) {
        const std::string c = !ds_.dominant_country.empty() ? ds_.dominant_country
                              : loc && !loc->country.empty() ? loc->country
                              : ds_.last_location ? ds_.last_location->country
                                                  : std::string();
        if (!c.empty()) ante.country = c, ante.code = c + ante.sector;
      }
      srcs = {ante};
      src_m.clear();
      entries.insert(entries.end(), ante_entries.begin(), ante_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'they': the force named before (" + ante.text + ")";
    }
  }
  bool agentless_passive = m.passive && src_m.empty();  // violence only (above)
  // A subject "it" the sentence does not resolve, right before the verb, stands for the last
  // state or body named (DocState::last_body) in this sentence or the one before, never for a
  // person (else it is a thing: no source); "he", "she", "they", and an
  // "it" further from the verb, for the last source.
  // The verb's own subject: auxiliaries and adverbs at most between ("It will help", not "it
  // would be inappropriate ... to hold"; for a source shared with an earlier verb, that verb's).
  // After a sentence that told a joint document signed, such an "it" is that document: its
  // signers.
  const bool it_subject = sf.pronoun && sf.pronoun_at >= 0 && s.lower[sf.pronoun_at] == "it";
  bool it_adjacent = it_subject;
  const int it_verb = sf.shared_with >= 0 ? matches[sf.shared_with].first : m.first;  // (a shared source)
  for (int t = sf.pronoun_at + 1; it_adjacent && t < it_verb; ++t)
    it_adjacent = In(s.lower[t], {"will", "would", "has", "had", "have", "is", "was", "also", "then", "later",
                                  "could", "can", "may", "might", "should", "must", "did", "does", "not",
                                  "further", "again", "already", "strongly", "sharply", "firmly"});
  if (srcs.empty() && it_adjacent && !agentless_passive) {
    if (ds_.signers_sentence >= 0 && ds_.signers_sentence == s.index - 1) {
      srcs = ds_.signers;
      entries.insert(entries.end(), ds_.signers_entries.begin(), ds_.signers_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'it': the document the previous sentence has signed by " + srcs[0].text + " and " +
              srcs[1].text;
    } else if (ds_.last_body && ds_.last_body_sentence >= s.index - 1) {
      srcs.push_back(*ds_.last_body);
      entries.insert(entries.end(), ds_.last_body_entries.begin(), ds_.last_body_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from 'it': the last state or body named (" + ds_.last_body->text + ")";
    }
  } else if (int said_by = srcs.empty() && src_m.empty() && !m.passive ? FirstPersonQuoteSpeaker(s, m.first) : -1;
             said_by >= 0) {
    // '"We arrested two activists," the Kenyan police chief said': "we" or "I" as the subject
    // inside a quote that opens the sentence is its speaker named after it.
    srcs.push_back(Actor(s, said_by, "", src_lc, &entries, &note));
    if (!note.empty()) note += "; ";
    note += "source from a first person in a quote: its speaker";
  } else if (std::optional<std::pair<ActorRef, std::vector<std::string>>> person;
             srcs.empty() && sf.pronoun && sf.pronoun_at >= 0 && !m.passive &&
             In(s.lower[sf.pronoun_at], {"he", "she"}) && (!ds_.last_source || !IsPersonRef(*ds_.last_source)) &&
             (person = PreviousPerson(ds_))) {
    // "The opposition accused the President of ... He denied the charge": a subject "he" or
    // "she" whose last source is no person (a state, body or group) is the first person, or
    // actor named by a singular title, of the previous sentence, else of the one before.
    srcs.push_back(person->first);
    entries.insert(entries.end(), person->second.begin(), person->second.end());
    if (!note.empty()) note += "; ";
    note += "source from '" + s.lower[sf.pronoun_at] + "': the person named before (" + person->first.text + ")";
  } else if (srcs.empty() && (sf.pronoun || m.passive) && !agentless_passive && ds_.last_source) {
    srcs.push_back(*ds_.last_source);
    entries.insert(entries.end(), ds_.last_source_entries.begin(), ds_.last_source_entries.end());
    if (!note.empty()) note += "; ";
    note += "source from a pronoun: the last source named (" + ds_.last_source->text + ")";
  }
  bool generic_source = !srcs.empty();
  for (int k : src_m)
    generic_source = generic_source && s.mentions[k].kind == actors::ActorMention::Kind::kAgent &&
                     s.mentions[k].actor.country.empty();
  // The speaker's side: a person of no code or country (AddUnknownPersonMentions) whose act a
  // state or body with a code reports, and whom the document introduced by an office ("told
  // Ambassador Georgy Zinoviev ... The Russian embassy said Zinoviev had rejected the
  // protest"), acts for that body: its code, country and sector.
  if (sf.speaker >= 0 && src_m.size() == 1 && srcs.size() == 1 && srcs[0].code.empty() && srcs[0].country.empty() &&
      !srcs[0].name.empty() && s.mentions[sf.speaker].kind != actors::ActorMention::Kind::kPerson &&
      !s.mentions[sf.speaker].actor.country.empty() &&
      IntroducedByOffice(doc_.text, srcs[0].name, s.sentence->span.end)) {
    const ActorRef& body = s.mentions[sf.speaker].actor;
    srcs[0].code = body.code;
    srcs[0].country = body.country;
    srcs[0].sector = body.sector;
    entries.insert(entries.end(), s.mentions[sf.speaker].entries.begin(), s.mentions[sf.speaker].entries.end());
    if (!note.empty()) note += "; ";
    note += "'" + srcs[0].text + "', introduced by an office, acts for the speaker (" + body.text + ")";
  }
  // "The two leaders signed ...", "Kim said the two leaders had decided ...", "the three
  // countries held ...": a group named earlier (RefersToGroup) as the subject right before the
  // verb is the document's last group of that size (DocState::last_group), whatever source
  // was found further left (a speaker).
  group_source = false;
  {
    int group_at = -1;
    char group_kind = 0;
    const int count = m.also.empty() && !m.passive ? RefersToGroup(s, m.first, &group_at, &group_kind) : 0;
    bool left = true;  // every source found stands left of the group's words
    for (int k : src_m) left = left && s.mention_range[k].end <= group_at;
    std::vector<ActorRef> group;
    if (count > 0 && static_cast<int>(ds_.last_group.size()) == count && (srcs.empty() || generic_source || left) &&
        NameGroup(ds_.last_group, group_kind, &group)) {
      srcs = std::move(group);
      src_m.clear();
      group_source = true;
      entries.insert(entries.end(), ds_.last_group_entries.begin(), ds_.last_group_entries.end());
      if (!note.empty()) note += "; ";
      note += "source from '" + std::string(doc_.Text(s.TokenSpan(group_at, m.first))) + "': the group named before (";
      for (size_t g = 0; g < srcs.size(); ++g) note += (g ? ", " : "") + srcs[g].text;
      note += ")";
    }
  }
  // Violence with no perpetrator named ("three soldiers were killed by a roadside bomb near
  // Basra", "a car bomb explosion killed ...") in a named place: an unidentified armed force
  // (CAMEO UAF) of the place's state, as CAMEO coders code it. Needs a victim or the place.
  // A subject the words name but the knowledge base lacks ("Coalition aircraft conducted a
  // strike", "Coalition nations which have conducted strikes") is no unidentified force.
  if (srcs.empty() && Violent(act) && NamedUnknownDoer(s, m.first)) return false;
  // "Boko Haram militants attacked a school in Chibok. More than 200 students were
  // abducted": violence told in the passive with no agent, done to people named in its
  // sentence, right after a sentence that names an armed group (rebels, insurgents, gunmen:
  // REB, INS, UAF) as its first actor is that group's. (A group named with no state, "Gunmen",
  // is of the document's dominant state, else of its latest place.)
  if (srcs.empty() && Violent(act) && !p.nominal && m.passive && !tgts.empty() && !ds_.prev_mentions.empty()) {
    const auto& [kind, group] = ds_.prev_mentions.front();
    ActorRef a = group;
    if (a.country.empty())
      a.country = !ds_.dominant_country.empty() ? ds_.dominant_country
                  : ds_.last_location           ? ds_.last_location->country
                                                : std::string();
    if (a.code.empty() || a.code == a.sector) a.code = a.country + a.sector;
    if ((ArmedGroupSector(a.sector) || SectorBase(a.sector) == "UAF") && !a.country.empty() &&
        kind != actors::ActorMention::Kind::kPerson) {
      srcs.push_back(a);
      entries.insert(entries.end(), ds_.prev_mention_entries.front().begin(), ds_.prev_mention_entries.front().end());
      if (!note.empty()) note += "; ";
      note += "no agent named: the armed group that opens the previous sentence (" + a.text + ")";
    }
  }
  // (The act as told: violence announced with no perpetrator named, "a bomb will kill", is
  // rewritten to a threat only below, once there is a source.)
  if (srcs.empty() && Violent(act) && !p.nominal && loc && loc->span.size() > 0 && !loc->country.empty() &&
      (!m.passive || !tgt_m.empty())) {
    srcs.push_back(UnnamedActor(loc->country, "UAF", "(unidentified, in " + std::string(doc_.Text(loc->span)) + ")"));
    if (!note.empty()) note += "; ";
    note += "no perpetrator named: an unidentified armed force of the place (" + loc->name + ")";
  }
  // Passive violence with no agent and no gazetteer place, but a state named after "in" in the
  // act's clause ("Two aid workers were kidnapped in Somalia"): the unidentified armed force
  // of that state, as for a named place above.
  if (srcs.empty() && Violent(act) && !p.nominal && m.passive && !tgt_m.empty() && !loc &&
      src_lc.size() == 3 && k_.state_codes.count(src_lc)) {
    srcs.push_back(UnnamedActor(src_lc, "UAF", "(unidentified, in " + src_lc + ")"));
    if (!note.empty()) note += "; ";
    note += "no perpetrator named: an unidentified armed force of the state the act happens in";
  }
  // No place either, and a thing as the subject ("A minefield explosion killed two Iraqi
  // youths"): the victims' own state, where such violence is most often done. ("Three US
  // soldiers were killed", with no agent, subject or place, stays uncoded.)
  if (srcs.empty() && Violent(act) && !p.nominal && !m.passive && !loc && !tgts.empty()) {
    std::string c = tgts.front().country;
    for (const auto& t : tgts) c = t.country == c ? c : "";
    if (c.size() == 3 && k_.state_codes.count(c)) {
      srcs.push_back(UnnamedActor(c, "UAF", "(unidentified)"));
      if (!note.empty()) note += "; ";
      note += "no perpetrator or place named: an unidentified armed force of the victims' state";
    }
  }
  if (srcs.empty()) return false;
  return true;
}

// Step of CodeMatch after its actors (the match has a source): the targets a place implies (a
// destination, a place visited or attacked, a state acting in a place, an implied target of a
// protest or a meeting), whether the target is a place or an organisation, and a territory then
// part of another state. Returns false when the match is dropped: a meeting (04x) with no one
// to meet.
bool SentenceCoder::ImpliedTargets(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                   SentenceCoding* st, EventDraft* d) {
  const int n = s.size();
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& note = d->note;
  auto& agreed_together = d->agreed_together;
  auto& place_target = d->place_target;
  auto& org_target = d->org_target;
  auto& visit_place_of = d->visit_place_of;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  // A DEST place is the target too (its country).
  bool dest_place_target = false;
  auto state_of_place = [&](const Location& l) {  // the place's state, told by the place's words
    ActorRef t;
    t.code = t.country = l.country;
    t.text = std::string(doc_.Text(l.span));
    t.span = l.span;
    return t;
  };
  // Adds gazetteer place `ph`'s state as a target unless the place has no state or is the
  // state of a source; *pl is the place either way. Returns whether a target was added.
  auto add_foreign_place = [&](int ph, Location* pl) {
    *pl = PlaceLocation(s, ph);
    if (pl->country.empty()) return false;
    for (const auto& a : srcs)
      if (a.country == pl->country) return false;
    tgts.push_back(state_of_place(*pl));
    return true;
  };
  if (m.dest_place >= 0 && tgts.empty()) {
    Location dl = PlaceLocation(s, m.dest_place);
    if (!dl.country.empty()) {
      tgts.push_back(state_of_place(dl));
      // "Russian troops shelled Grozny", "police sealed off Srebrenica": force or coercion
      // (15-20) on a place is done to the place's people, so a part of the place's own state
      // doing it is no self-directed act (as for a place after "in", below); a visit home or a
      // withdrawal from one's own place still is.
      const std::string root = act.code.substr(0, 2);
      dest_place_target = root == "15" || root == "17" || root == "18" || root == "19" || root == "20";
      // "fired missiles at Tel Aviv and Dhahran", "struck Khost and Khartoum": the places
      // coordinated after it are targets too, one each of another state. "travelled to Bonn
      // and Warsaw": a visit (042) to places of two states is a visit to each, located in its
      // own place (a place of a source's own state adds none: "flew to Moscow and home").
      const bool visit = act.code == "042" && !m.passive;
      for (int j = s.places[m.dest_place].end, ph = m.dest_place; (dest_place_target || visit) && j + 1 < s.size();) {
        if (s.lower[j] == ",") ++j;
        if (j < s.size() && (s.lower[j] == "and" || s.lower[j] == "or")) ++j;
        if (j == s.places[ph].end) break;  // no connector
        if (j < s.size() && s.lower[j] == "the") ++j;
        int q = j < s.size() ? s.place_at[j] : -1;
        if (q < 0 || s.places[q].first != j) break;
        Location ql = PlaceLocation(s, q);
        bool seen = ql.country.empty();
        for (const ActorRef& t0 : tgts) seen = seen || t0.country == ql.country;
        if (visit)
          for (const ActorRef& a : srcs) seen = seen || a.country == ql.country;
        if (!seen) {
          tgts.push_back(state_of_place(ql));
          if (visit) visit_place_of.emplace_back(ql.country, ql);
        }
        ph = q;
        j = s.places[q].end;
      }
    }
  }
  // "beefed up security along the Gaza border", "massed troops along the border with
  // Kosovo": a show of force (15) with no target is aimed at the state of the gazetteer place
  // that names the border (right before "border", or right after "border with").
  if (tgts.empty() && !m.passive && act.code.compare(0, 2, "15") == 0) {
    for (int j = m.end; j < s.size() && j <= m.end + 6; ++j) {
      if (In(s.lower[j], {",", ";", ".", "and", "but"})) break;
      if (s.lower[j] != "border" && s.lower[j] != "borders" && s.lower[j] != "frontier") continue;
      int ph = j > 0 ? s.place_at[j - 1] : -1;
      if (ph < 0 || s.places[ph].end != j) {
        ph = j + 2 < s.size() && s.lower[j + 1] == "with" ? s.place_at[j + 2] : -1;
        if (ph >= 0 && s.places[ph].first != j + 2) ph = -1;
      }
      Location pl;
      if (ph >= 0) add_foreign_place(ph, &pl);
      break;
    }
  }
  // "Gaza was shelled by Israeli tanks": force (15-20) in the passive whose subject is a
  // gazetteer place, no actor, is done to the place's state (as on a DEST place), not the
  // agent's own; the place is the event's location.
  if (m.passive && tgts.empty() && !p.one_sided && Violent(act)) {
    int t = m.anchor - 1;
    while (t > 0 && (In(s.lower[t], {"was", "were", "is", "are", "been", "being", "has", "have", "had", "also",
                                      "repeatedly", "heavily", "again", "reportedly"})))
      --t;
    int ph = t >= 0 && t < m.anchor - 1 ? s.place_at[t] : -1;
    Location pl;
    if (ph >= 0 && s.places[ph].end == t + 1 && s.mention_at[t] < 0 && add_foreign_place(ph, &pl)) {
      dest_place_target = true;
      if (!loc) loc = pl;  // (and where it happened)
    }
  }
  // "Israeli aircraft bombed Beirut airport", "shelled Kabul": force (18-20) on a capital named
  // as the target happens there, as on a gazetteer place named as the destination (above).
  if (!loc && !m.passive && Violent(act)) {
    for (int k : tgt_m) {
      if (k < 0 || s.mentions[k].kind != actors::ActorMention::Kind::kCapital) continue;
      int ph = s.place_at[s.mention_range[k].first];
      if (ph >= 0 && s.places[ph].first == s.mention_range[k].first) {
        loc = PlaceLocation(s, ph);
        break;
      }
    }
  }
  // Capitals named as destination ("visit Beijing"): the country, not its government.
  if (!m.targets.empty() && act.code == "042" && !m.passive) {
    for (size_t t = 0; t < tgts.size(); ++t)
      if (s.mentions[m.targets[t]].kind == actors::ActorMention::Kind::kCapital) {
        tgts[t].code = tgts[t].country;
        tgts[t].sector.clear();
      }
  }
  // "visit military and civilian factories": a visit to things of no named country is a visit
  // to the country they are in (below), not to the military or civilians.
  if (act.code == "042" && !m.passive) {
    std::vector<ActorRef> kept;
    for (size_t t = 0; t < tgts.size(); ++t) {
      bool agent = t < tgt_m.size() && s.mentions[tgt_m[t]].kind == actors::ActorMention::Kind::kAgent;
      if (!agent) {
        kept.push_back(tgts[t]);
      } else if (!s.mentions[tgt_m[t]].actor.country.empty()) {  // "toured a Samsung plant": KOR
        ActorRef c = tgts[t];
        c.code = c.country;
        c.sector.clear();
        kept.push_back(c);
      }
    }
    tgts = std::move(kept);
  }
  if (tgts.empty() && act.code == "042") {
    std::optional<Location> where = loc ? loc : ds_.last_location;
    if (!where && !ds_.dateline_country.empty()) {
      // Nothing named: the dateline's country ("PYONGYANG, June 19 - Putin arrived ...").
      Location dl;
      dl.country = ds_.dateline_country;
      dl.name = "the dateline";
      where = dl;
    }
    if (where && !where->country.empty()) {
      ActorRef t;
      t.code = where->country;
      t.country = where->country;
      t.text = where->name;
      tgts.push_back(t);
      if (!loc) {
        if (!note.empty()) note += "; ";
        note += where->name == "the dateline" ? std::string("destination from the dateline")
                                               : "destination from an earlier sentence (" + where->name + ")";
      }
    }
  }
  // An act with no target done in a named place ("opened an embassy in Tehran", "arrested 100
  // Palestinians in Hebron", "lifted a state of emergency in West Darfur"): the state the
  // place belongs to is what the act is done to, as CAMEO/PLOVER code it. A state's own act at
  // home keeps that target only when the source is a part of the state (its government,
  // police, opposition: SDNGOV -> SDN), never the bare state itself, and the act is one done
  // to people (below). Not for statements and
  // appeals (01/02: where something is said is no target), meetings and visits (04: handled
  // above), nor one-sided or reciprocal patterns.
  // "North Korea fired two missiles ... Japan condemned the launch", "The test was condemned by
  // ...": a reaction (criticism 11x, rejection 12x) aimed at a definite noun of an act, with no
  // target otherwise, is aimed at who did the act the document last told of that kind, in this
  // sentence or an earlier one (a coded event of a root the noun can take up again), when that
  // is not the reacting side's own state. Every source of the latest such sentence is one. So
  // is a denial (016) of "the claims / allegations / accusations": it answers the accuser
  // ("Moldova accused Russia ..., and the Kremlin denied the claims": RUS -> MDA, news25), and
  // praise (051) of "the decision / the move": it approves of who made it ("France would
  // withdraw its troops from Niger, and the junta hailed the decision": NER -> FRA).
  if (tgts.empty() && !p.one_sided && !p.mutual && !srcs.empty() &&
      (act.code.compare(0, 2, "11") == 0 || act.code.compare(0, 2, "12") == 0 || act.code == "016" ||
       act.code == "051")) {
    int noun = -1;
    if (!m.passive) {
      noun = DefiniteActNoun(s, m.first + 1);
      // "..., a move Beijing denounced as bullying", ", a decision Netanyahu condemned": an
      // act noun in apposition to the clause before, which the reacting subject's reduced
      // relative clause is about, is aimed at who did that clause's act (tgt26).
      int f = src_m.empty() ? -1 : s.mention_range[src_m.front()].first;
      for (int q : src_m) f = std::min(f, s.mention_range[q].first);
      if (noun < 0 && f >= 3 && f < m.first && AnaphoricActRoots(s.lower[f - 1]) &&
          In(s.lower[f - 2], {"a", "the"}) && s.lower[f - 3] == ",")
        noun = f - 1;
    } else {
      // The passive's subject: "the test was (widely) condemned".
      int j = m.first - 1;
      while (j >= 0 && (s.lower[j] == "was" || s.lower[j] == "were" || s.lower[j] == "been" ||
                        s.lower[j] == "has" || s.lower[j] == "have" || s.lower[j] == "had" ||
                        s.lower[j] == "is" || s.lower[j] == "are" || s.lower[j] == "widely" ||
                        s.lower[j] == "strongly" || s.lower[j] == "sharply" || s.lower[j] == "also"))
        --j;
      for (int d = j - 1; d >= 0 && d >= j - 4 && noun < 0; --d)
        if (DefiniteActNoun(s, d) == j) noun = j;
    }
    if (noun >= 0) {
      const std::vector<std::string>& roots = *AnaphoricActRoots(s.lower[noun]);
      std::vector<ActorRef> doers;
      int at = -1;
      for (auto x = events->rbegin(); x != events->rend(); ++x) {
        if (x->doc_hash != doc_.hash || (at >= 0 && x->sentence != at)) break;
        if (std::find(roots.begin(), roots.end(), x->root) == roots.end() || x->source.code.empty()) continue;
        // (At home, a group outside the state's institutions reacting to what one of them did
        // is no reaction to its own act: "Police arrested dozens of activists. The opposition
        // condemned the arrests" -> YEMOPP -> YEMCOP.)
        // Nor is a state institution reacting to what a group outside them did: "Boko Haram
        // militants killed 30 villagers. The army condemned the attacks" -> NGAMIL -> NGAREB; "The
        // opposition accused the President ... He denied the charge" -> ZWEGOV -> ZWEOPP.
        const bool institution_did = x->source.code != x->source.country && !OutsideStateSector(x->source.sector);
        const bool outsider_did = OutsideStateSector(x->source.sector);
        bool own = false;
        for (const auto& a : srcs)
          own = own || (!a.country.empty() && a.country == x->source.country &&
                        !(institution_did && OutsideStateSector(a.sector)) &&
                        !(outsider_did && IsInstitution(a.sector)));
        if (own) continue;
        at = x->sentence;
        bool seen = false;
        for (const auto& d : doers) seen = seen || d.code == x->source.code;
        if (!seen) doers.push_back(x->source);
      }
      if (!doers.empty()) {
        tgts = doers;
        if (!note.empty()) note += "; ";
        note += "target: who did what '" + std::string(s.lower[noun]) + "' takes up again (" + doers.front().text +
                (at == s.index ? ", this sentence)" : ", sentence " + std::to_string(at + 1) + ")");
      }
    }
  }
  // "Biden and Xi agreed to resume military contacts", "India and Pakistan agreed to a
  // ceasefire": sides of two or more states that agree, with nobody else named, agree with each
  // other (every ordered pair below), also where they agree ("in Moscow" is no target); so do
  // sides that agree to do the act ("agreed in Beijing on Friday to restore relations"). Not one
  // state's several actors.
  bool agreed_to = s.lemma[m.anchor] == "agree";
  if (!agreed_to && m.anchor >= 2 && s.lower[m.anchor - 1] == "to")
    for (int t = m.anchor - 2; t >= 0 && t >= m.anchor - 9 && !agreed_to; --t) {
      if (s.IsBoundary(t) || s.lower[t] == ",") break;
      agreed_to = s.lemma[t] == "agree";
    }
  agreed_together = agreed_to && srcs.size() >= 2;
  for (size_t a = 1; a < srcs.size() && agreed_together; ++a)
    agreed_together = !srcs[a].country.empty() && srcs[a].country != srcs[0].country;
  // "pledged $400 million in aid to Gaza", "lifted its blockade of Gaza": an act with no target
  // whose match ends at (or right before) "to/of/on/against/toward" and a gazetteer place is
  // done to the place's state, as a DEST place's is; not statements, appeals and meetings (01,
  // 02, 04), one-sided or reciprocal acts, nor a place of the source's own state.
  if (tgts.empty() && !p.one_sided && !p.mutual && !m.folded_mutual && !agreed_together && !m.passive && !srcs.empty() &&
      act.code.compare(0, 2, "01") != 0 && act.code.compare(0, 2, "02") != 0 &&
      act.code.compare(0, 2, "04") != 0) {
    auto toward = [&](int t) {
      return t >= 0 && t < n && In(s.lower[t], {"to", "of", "on", "against", "toward", "towards"});
    };
    int q = toward(m.end - 1) && m.end - 1 >= m.verb_first + 1 ? m.end : toward(m.end) ? m.end + 1 : -1;
    if (q >= 0 && q < n && s.lower[q] == "the") ++q;
    int ph = q >= 0 && q < n ? s.place_at[q] : -1;
    Location pl;
    if (ph >= 0 && s.places[ph].first == q && s.mention_at[q] < 0 && add_foreign_place(ph, &pl)) {
      if (!note.empty()) note += "; ";
      note += "target from the place (" + pl.name + ")";
    } else if (ph >= 0 && s.places[ph].first == q && s.mention_at[q] < 0 && q == m.end + 1 &&
               s.lower[m.end] == "of" && IsPlacePartNoun(s.lower[m.end - 1]) &&
               In(act.code.substr(0, 2), {"15", "17", "18", "19", "20"}) && !pl.country.empty()) {
      // "shelled rebel-held districts of Aleppo": force on a part of a place is done to the
      // place's people, so a part of the place's own state doing it is no self-directed act
      // (as on a DEST place); the place is where it happened.
      bool part_of_state = true;
      for (const auto& a : srcs) part_of_state = part_of_state && a.code != a.country;
      if (part_of_state) {
        tgts.push_back(state_of_place(pl));
        dest_place_target = true;
        if (!loc) loc = pl;
        if (!note.empty()) note += "; ";
        note += "target from the place (" + pl.name + ")";
      }
    }
  }
  place_target = dest_place_target;
  std::optional<Location> where_done = loc;
  if (!where_done) {
    // A state named after "in" ("demonstrated on Tuesday in Serbia") is a mention, not a
    // gazetteer place: the same, within the clause after the match.
    for (int j = m.end; j < n && j < std::max(m.end, m.folded_end) + kMaxPlaceDistance; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == "," || s.speech_end[j] >= 0) break;
      if (s.lower[j] != "in" && s.lower[j] != "inside" && s.lower[j] != "throughout" && s.lower[j] != "across")
        continue;
      // "in southeastern Turkey"; "in the town of Cizre in southeastern Turkey": a phrase
      // that names no state may be narrowed by a later one.
      int q = j + 1;
      // (A direction that begins a name, "East Timor", "South Korea", is no modifier.)
      while (q < n && (s.lower[q] == "the" ||
                       (IsDirectionWord(s.lower[q]) &&
                        !(s.mention_at[q] >= 0 && s.mention_range[s.mention_at[q]].first == q))))
        ++q;
      int k = q < n ? s.mention_at[q] : -1;
      if (k >= 0 && s.mention_range[k].first == q && s.mentions[k].kind == actors::ActorMention::Kind::kState &&
          !s.mentions[k].actor.country.empty()) {
        Location l;
        l.span = s.TokenSpan(q, s.mention_range[k].end);
        l.name = std::string(doc_.Text(l.span));
        l.country = s.mentions[k].actor.country;
        where_done = l;
        break;
      }
      if (k >= 0) break;  // "in Russian custody": a mention that is no state ends the search
    }
  }
  // "Martial law was declared in Thailand": the state a measure with no agent is declared in
  // is where it happens too, at country level (weak25).
  if (m.agentless_object && !loc && !country_loc && where_done && k_.lexicon.countries.count(where_done->country))
    country_loc = CountryLocation(k_.lexicon.countries.at(where_done->country), where_done->span);
  if (tgts.empty() && where_done && where_done->span.size() > 0 && !where_done->country.empty() && !p.one_sided && !p.mutual && !m.folded_mutual && !agreed_together &&
      !m.passive && act.code.compare(0, 2, "01") != 0 && act.code.compare(0, 2, "02") != 0 &&
      act.code.compare(0, 2, "04") != 0) {
    // At home only acts done to a place's people: concessions (08), threats (13), protests
    // (14), mobilisation (15), coercion and violence (17-20); "offered to dismantle the
    // Yongbyon complex" is no act on North Korea. These are kinds of act, so this reads the
    // act's code: "is prepared to impose martial law in X" (pattern 030) is a threat (13x),
    // and "will hold talks in X" (final 036, known only later) is still a meeting (04).
    const std::string root = act.code.substr(0, 2);
    // (Not a military de-escalation, 087x: "declared a ceasefire in south Lebanon" is toward
    // an opponent, not the people of the place.)
    bool domestic_ok = (root == "08" && act.code.compare(0, 3, "087") != 0) || root == "13" ||
                       root == "14" || root == "15" || root == "17" || root == "18" || root == "19" ||
                       root == "20";
    // An intent (03x) of a group outside the state's institutions (opposition, rebels,
    // civilians) at home is toward the state ("opposition leaders agreed to postpone the
    // demonstration in Baku" -> AZE); the government's own ("offered to dismantle the Yongbyon
    // complex") is not.
    bool home = false;
    // "fighting alongside Russian forces in the Kursk region": beside the place's own state,
    // not against it.
    for (int j = m.end; j + 1 < n && j < m.end + kMaxPlaceDistance && !home; ++j) {
      if (s.IsBoundary(j) || s.lower[j] == ",") break;
      int k = s.mention_at[j + 1];
      home = (s.lower[j] == "alongside" || s.lower[j] == "beside") && k >= 0 &&
             s.mentions[k].actor.country == where_done->country;
    }
    for (const auto& a : srcs)
      home = home || (a.country == where_done->country &&
                      (a.code == a.country || !(domestic_ok || (root == "03" && OutsideStateSector(a.sector)))));
    if (!home) {
      ActorRef t;
      t.code = where_done->country;
      t.country = where_done->country;
      t.text = std::string(doc_.Text(where_done->span));
      t.span = where_done->span;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target from the place (" + where_done->name + ")";
    }
  }
  // "Seven opposition parties in Nepal have organized a general strike": a protest (14) by
  // groups of one state outside its institutions, aimed at no one and in no place named, is
  // aimed at their state (as one in a named place of it is, above).
  if (tgts.empty() && !m.passive && !p.one_sided && act.code.compare(0, 2, "14") == 0 && !srcs.empty()) {
    std::string c = srcs.front().country;
    for (const auto& a : srcs)
      if (a.country != c || !OutsideStateSector(a.sector)) c.clear();
    if (c.size() == 3 && k_.state_codes.count(c)) {
      ActorRef t;
      t.code = c;
      t.country = c;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target: the protesters' own state";
    }
  }
  // "DHAKA - Protesters set fire to polling centres", "The rebels seized the town of
  // Rutshuru": an act done to people (13-15, 17-20) by groups of the dateline's state outside
  // its institutions, or by its police or courts, aimed at no one and in no place the sentence names, is aimed at that
  // state (as one in a named place of it is, above).
  if (tgts.empty() && !where_done && !loc && !country_loc && !m.passive && !p.one_sided && !p.mutual &&
      !m.folded_mutual && !agreed_together && !srcs.empty() && !ds_.dateline_country.empty() &&
      In(act.code.substr(0, 2), {"13", "14", "15", "17", "18", "19", "20"})) {
    bool all = true;
    // (Police and courts act at home too: "Police banned all political rallies in the capital".)
    for (const auto& a : srcs)
      all = all && a.country == ds_.dateline_country &&
            (OutsideStateSector(a.sector) || SectorBase(a.sector) == "COP" || SectorBase(a.sector) == "JUD");
    if (all && k_.state_codes.count(ds_.dateline_country)) {
      ActorRef t;
      t.code = ds_.dateline_country;
      t.country = ds_.dateline_country;
      tgts.push_back(t);
      place_target = true;
      if (!note.empty()) note += "; ";
      note += "target: the dateline's state, the source's own";
    }
  }

  // is why this reads the act's code.
  if (tgts.empty() && act.code.compare(0, 2, "04") == 0 && !((p.mutual || m.folded_mutual) && srcs.size() >= 2)) return false;
  // "Russian troops shelled Chechen villages", "Chinese police raided Tibetan monasteries": a
  // state's adjective before a noun of places names places of that state (a region's adjective
  // is filed under its state), as "villages in Chechnya" does: the act is done to the state as
  // one in a named place is (above), so a part of the state acting on it is no self-directed
  // act; the bare state acting on its own places still is.
  if (!place_target)
    for (int k : tgt_m)
      if (StateAdjectiveBeforePlaces(s, k)) place_target = true;
  org_target = false;
  for (int k : tgt_m) org_target = org_target || StateNameOpensOrganisation(s, k);
  // "NATO bombed Kosovo" (1999): force used on a territory named alone that was then part of
  // another state (data/gazetteer/part_of.txt) is used on that state, in a place of it, so a
  // part of that state acting on it ("Serbian forces attacked Kosovo") is no self-directed act.
  if (In(act.code.substr(0, 2), {"15", "18", "19", "20"}))
    for (auto& t : tgts) {
      if (t.code != t.country || !t.sector.empty() || !k_.state_codes.count(t.country)) continue;
      const std::string st = k_.lexicon.StateOn(t.country, ds_.date);
      if (st.empty() || st == t.country) continue;
      if (!note.empty()) note += "; ";
      note += "target '" + t.text + "' was part of " + st + " on the date";
      t.country = t.code = st;
      place_target = true;
    }
  // Modality and date.
  return true;
}

// Step of CodeMatch after its actors and places: the act's modality (planned, possible, negated)
// and its cue, whether it is told in the progressive, its date and the date's cue and precision,
// the code chosen for it (rules on the verb and its context), an announced act's intent, a denial
// and its denier; sets the document's latest place from the act's. Returns false when the match
// is dropped: a back-referenced act coded only as dated history, ... (each `return false`).
bool SentenceCoder::ModalityDateAndCode(const SentenceView& s, size_t mi, const std::vector<Event>* events,
                                        SentenceCoding* st, EventDraft* d) {
  const int n = s.size();
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  auto& code = d->code;
  auto& sf = d->sf;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& note = d->note;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  auto& mod = d->mod;
  auto& mod_cue = d->mod_cue;
  auto& progressive = d->progressive;
  auto& announced_code = d->announced_code;
  auto& announced_cue = d->announced_cue;
  auto& denied_act = d->denied_act;
  auto& denier = d->denier;
  auto& denier_unknown = d->denier_unknown;
  auto& date = d->date;
  auto& date_cue = d->date_cue;
  auto& date_precision = d->date_precision;
  std::vector<std::vector<int>>& match_targets = st->match_targets;
  bool& set_location = st->set_location;
  bool future = false;
  int scope = std::max(sf.scope_begin, 0);
  mod = sf.syntax_modality ? FindModalityAt(s, sf.modality_tokens, m.anchor, &mod_cue, &future)
                                    : FindModality(s, scope, m.anchor, &mod_cue, &future);
  if (mod == Modality::kPossible) future = true;  // what may happen lies ahead
  // "Xi Jinping to visit North Korea this week", "U.S. to impose sanctions on Turkey": a
  // headline's "to" right after the source that opens the sentence, with no verb before it,
  // announces the act (planned, as "is to").
  if (mod == Modality::kActual && !p.nominal && m.anchor == m.verb_first && m.anchor >= 2 &&
      s.lower[m.anchor - 1] == "to" && !sf.mentions.empty()) {
    const auto& r = s.mention_range[sf.mentions.front()];
    int f = r.first;
    while (f > 0 && IsDeterminerWord(s.lower[f - 1])) --f;
    if (f == 0 && r.end == m.anchor - 1) {
      mod = Modality::kPlanned;
      mod_cue = "to";
      future = true;
    }
  }
  // "No sitting U.S. president has ever met a North Korean leader", "Neither Seoul nor Tokyo
  // sent ministers": a source that "no"/"neither"/"nor" quantifies (up to two plain words
  // between, "no sitting") did not act; the cue stands before the source, outside the scan
  // above. So is an act whose pattern words hold "no" ("sent no troops", "imposed no new
  // sanctions"): nothing of the kind was done.
  for (int t = m.verb_first + 1; t < m.verb_end && mod != Modality::kNegated; ++t)
    if (s.lower[t] == "no") {
      mod = Modality::kNegated;
      mod_cue = std::string(doc_.Text(s.TokenSpan(t, t + 1)));
    }
  if (mod != Modality::kNegated && !m.passive && !sf.mentions.empty()) {
    int f = s.mention_range[sf.mentions.front()].first;
    for (int j = f - 1; j >= 0 && j >= f - 3; --j) {
      const std::string& w = s.lower[j];
      if (w == "no" || w == "neither" || w == "nor") {
        mod = Modality::kNegated;
        mod_cue = std::string(doc_.Text(s.TokenSpan(j, j + 1)));
        break;
      }
      if (s.mention_at[j] >= 0 || s.place_at[j] >= 0 || s.IsBoundary(j) || w.empty() || !(w[0] >= 'a' && w[0] <= 'z') ||
          In(w, {"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "with", "by", "that", "which", "who"}))
        break;
    }
  }
  // An intent's date is the intended act's. This reads the pattern's code, the wording: "is
  // prepared to impose martial law on Monday" dates forward though its act is a threat (13x);
  // "threatened to" (130) does not.
  // The forward look is the intended act's only: a date standing before the infinitive ("agreed
  // on Monday to resume talks", "on Monday pledged to send aid") dates the intent itself, which
  // is past when the intent is told as done (below, at the date).
  bool intent_future = false;
  if (p.cameo->code.compare(0, 2, "03") == 0 && !future) future = intent_future = true;
  if (p.nominal && mod == Modality::kActual) {
    // "the highly anticipated ... visit", "upcoming talks": the clause before the noun.
    int from = std::max(0, m.first - 10);
    for (int j = m.first - 1; j > from; --j)
      if (s.lower[j] == ",") {  // only the noun's own clause: "if X is attacked, during Y's visit"
        from = j + 1;
        break;
      }
    mod = FindModality(s, from, m.first, &mod_cue, &future);
  }
  // "Kim is making a rare appearance at a parade": the present progressive may announce what
  // is coming; with a future date it is planned, else the document decides (below, Code).
  progressive = false;
  if (!p.nominal && mod == Modality::kActual && m.anchor == m.verb_first) {
    const std::string& w = s.lower[m.anchor];
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0) {
      int q = m.anchor - 1;
      while (q >= 0 && s.lower[q].size() > 3 && s.lower[q].compare(s.lower[q].size() - 2, 2, "ly") == 0) --q;
      progressive = q >= 0 && (s.lower[q] == "is" || s.lower[q] == "are" || s.lower[q] == "am" ||
                               s.lower[q] == "'s" || s.lower[q] == "'re");
    }
  }
  if (progressive) future = true;
  // "He is set to travel to Tokyo on Sunday for talks with Kishida": an act named after "for"
  // that follows a planned or possible visit of the sentence is its purpose, as uncertain as
  // the visit (the cue stands too far before it to be read).
  bool purpose_of_announced = false;  // the purpose of a visit coded as announced (036)
  if (mod == Modality::kActual && m.first >= 2 &&
      (s.lower[m.first - 1] == "for" || (s.lower[m.first - 2] == "for" && IsDeterminerWord(s.lower[m.first - 1])))) {
    for (auto x = events->rbegin(); x != events->rend(); ++x) {
      if (x->sentence != s.index || x->doc_hash != doc_.hash) break;
      // (A visit announced is coded as the intent, 036, actual: its purpose is as planned.)
      const bool announced_visit =
          x->cameo == "036" && (x->why.announced_code == "042" || x->why.announced_code == "043");
      if ((((x->cameo == "042" || x->cameo == "043") &&
            (x->modality == Modality::kPlanned || x->modality == Modality::kPossible)) ||
           announced_visit) &&
          x->why.verb.end <= s.TokenSpan(m.first, m.first + 1).begin) {
        mod = announced_visit ? Modality::kPlanned : x->modality;
        mod_cue = x->why.modality_cue;
        if (announced_visit) {
          mod_cue = x->why.announced_cue;
          purpose_of_announced = true;
        }
        future = true;
        if (!note.empty()) note += "; ";
        note += "the purpose of a " + std::string(ModalityName(mod)) + " visit";
        break;
      }
    }
  }
  date = s.doc->date ? s.doc->date->ToString() : "";
  date_precision = 'd';
  {
    const std::vector<DateExpression>& exprs = s.dates;
    int best = -1, best_dist = kMaxDateDistance + 1;
    for (size_t e = 0; e < exprs.size(); ++e) {
      if (s.mention_at[exprs[e].first] >= 0) continue;
      // "last year's agreement": the date belongs to a noun, not to the event.
      if (exprs[e].end < n && (s.lower[exprs[e].end] == "'s" || s.lower[exprs[e].end] == "\xe2\x80\x99s")) continue;
      int dist = exprs[e].first >= m.anchor ? exprs[e].first - m.end : m.anchor - exprs[e].end;
      if (dist < 0) dist = 0;
      // "since assuming leadership in 2011" dates something else.
      bool since = false;
      int lo = std::min(exprs[e].first, m.anchor), hi = std::max(exprs[e].first, m.anchor);
      for (int t = lo; t < hi && !since; ++t) since = s.lower[t] == "since" || s.IsBoundary(t);
      // "for the first time since 2017", "since the Vladivostok summit four years ago": a
      // date inside a since-phrase dates the earlier event, never this one.
      for (int t = exprs[e].first - 1; t >= 0 && t >= exprs[e].first - 5 && !since; --t) {
        if (s.lower[t] == "," || s.IsBoundary(t)) break;
        since = s.lower[t] == "since";
      }
      // "Russia, which on Monday recalled its ambassador, attacked Ukraine": a date inside a
      // relative clause dates the clause's own act, not the main clause's, and the reverse.
      if (!since && RelativeClauseAt(s, exprs[e].first) != RelativeClauseAt(s, m.anchor)) since = true;
      // "demand an apology from Japan for its colonial rule from 1910 to 1945": a year or month
      // after the match and behind a "for" phrase dates that phrase's noun, not the event.
      if (!since && exprs[e].first >= m.end && DatePrecision(exprs[e]) != 'd') {
        for (int t = m.end; t < exprs[e].first && !since; ++t) since = s.lower[t] == "for";
      }
      if (!since && dist < best_dist) {
        best_dist = dist;
        best = static_cast<int>(e);
      }
    }
    // "On Thursday, Xi and Putin signed ... and criticised ...": a date opening the sentence
    // (before its first comma) dates every event of the sentence.
    if (best < 0) {
      for (size_t e = 0; e < exprs.size() && best < 0; ++e) {
        int f = exprs[e].first;
        bool opening = f == 0 || (f == 1 && (s.lower[0] == "on" || s.lower[0] == "in"));
        if (opening && exprs[e].end < n && s.lower[exprs[e].end] == "," && exprs[e].end < m.first)
          best = static_cast<int>(e);
      }
    }
    if (best >= 0) {
      // "this year" (and "later this year") is the whole year: year precision, like "in 1996",
      // not the document's day (Event::date_precision says the day stands for the year).
      // "Britain's decision on Monday to expel": a day between "decision" and its infinitive
      // dates the decision, which is past, not the act decided.
      int before = exprs[best].first - 1;
      if (before >= 0 && s.lower[before] == "on") --before;
      const bool dates_decision = before >= 0 && (s.lower[before] == "decision" || s.lower[before] == "decisions") &&
                                  exprs[best].end < n && s.lower[exprs[best].end] == "to";
      // "agreed in Cairo on Monday to resume talks", "on Monday pledged to send aid": an actual
      // intent's date that stands before the intent's infinitive "to" dates the intent (the
      // latest such day); one after it ("pledged to send aid on Monday") the intended act.
      bool dates_intent = intent_future && mod == Modality::kActual;
      for (int t = std::min(m.anchor + 1, exprs[best].first); t < exprs[best].first && dates_intent; ++t)
        if (s.lower[t] == "to") dates_intent = false;
      // "Iran said on Monday it would host talks", "told Israel on Monday it would": a date
      // right after a saying verb (and the one told), before the act's clause, dates the saying,
      // which is past.
      bool dates_saying = false;
      if (exprs[best].end <= m.first) {
        int cue_end = exprs[best].first;
        if (cue_end > 0 && s.lower[cue_end - 1] == "on") --cue_end;
        if (cue_end > 0 && s.mention_at[cue_end - 1] >= 0 && s.mention_range[s.mention_at[cue_end - 1]].end == cue_end)
          cue_end = s.mention_range[s.mention_at[cue_end - 1]].first;
        for (int j = cue_end - 1; j >= 0 && j >= cue_end - 3 && !dates_saying; --j)
          dates_saying = s.speech_end[j] == cue_end;
      }
      if (auto d = ResolveDate(exprs[best], s.doc->date,
                               !dates_decision && !dates_intent && !dates_saying && (future || mod == Modality::kPlanned))) {
        date = d->ToString();
        date_cue = std::string(doc_.Text(s.TokenSpan(exprs[best].first, exprs[best].end)));
        date_precision = DatePrecision(exprs[best]);
      }
    }
  }
  // "Putin last visited Pyongyang in 2000": a year or month alone dates the event to that
  // period, not to its first day (Event::date_precision; the note says it in words), and one
  // before the document's own period is a past reference, background to the news.
  bool past_reference = false;
  if (!date_cue.empty() && date_precision != 'd') {
    if (!note.empty()) note += "; ";
    note += std::string("date precision: ") + (date_precision == 'y' ? "year" : "month") + " ('" + date_cue +
            "'; " + date + " stands for the whole " + (date_precision == 'y' ? "year" : "month") + ")";
    if (s.doc->date) {
      std::string doc_period = s.doc->date->ToString().substr(0, date_precision == 'y' ? 4 : 7);
      past_reference = date.substr(0, doc_period.size()) < doc_period;
      if (past_reference) note += "; past reference";
    }
  }
  // A back-referenced act is coded only as dated history ("switched off in 2018 after the first
  // summit"); any other date near it is the news's, not its own.
  if (!past_reference && BackReferencedActNoun(s, m)) {
    match_targets[mi].clear();  // (no target for a later act joined to it)
    return false;
  }
  if (progressive && !date_cue.empty() && s.doc->date && date > s.doc->date->ToString()) {
    mod = Modality::kPlanned;
    mod_cue = "present progressive with a future date";
  }
  // An act the actor announces is coded as the announcement: a coercive act it will do is a
  // threat (13x), cooperation it will give is an intent (03x), as for "offered to" and
  // "threatened to" above; a coercive act it may do if something happens is a threat too.
  // Visits, hosting and signing stay planned (042/043/057).
  code = &act;
  // "Two British journalists were expelled from Iraq", "expelled Palestinian workers": expelling
  // people who are not a state's officials or forces deports them (174); diplomats and troops
  // stay 166.
  if (act.code == "166" && s.lemma[m.anchor] == "expel" && !tgt_m.empty()) {
    bool people = true;
    for (int k : tgt_m) {
      const auto& a = s.mentions[k];
      bool plain = PluralDemonym(s, k) ||
                   ((a.kind == actors::ActorMention::Kind::kAgent || a.kind == actors::ActorMention::Kind::kPerson) &&
                    !a.actor.sector.empty() && !IsInstitution(a.actor.sector));
      people = people && plain;
    }
    if (const CameoCode* deport = people ? k_.ontology.Find("174") : nullptr) code = deport;
  }
  // "Stone-throwing crowds attacked Indian soldiers", "an angry mob attacked the embassy":
  // violence (18x, 19x) done by a crowd, a mob, rioters or protesters is a violent protest, a
  // riot (145), not unconventional or military force: no armed group does it.
  if ((act.code.compare(0, 2, "18") == 0 || act.code.compare(0, 2, "19") == 0) && !m.passive && !src_m.empty()) {
    bool crowd = true;
    for (int k : src_m) {
      const auto& a = s.mentions[k];
      const std::string& head = s.lower[s.mention_range[k].end - 1];
      crowd = crowd && a.kind == actors::ActorMention::Kind::kAgent &&
              In(head, {"crowd", "crowds", "mob", "mobs", "rioters", "protesters", "protestors", "demonstrators"});
    }
    if (const CameoCode* riot = crowd ? k_.ontology.Find("145") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "violence by a crowd: " + code->code + " coded as 145";
      code = riot;
    }
  }
  // "China protested against Japan's textbook revisions": a state or its government protesting
  // complains officially (114, CAMEO's "Complain officially"); demonstrations (14x) are by
  // people outside a state's institutions. Only the word "protest": "Egypt boycotted ..." stays.
  if (act.code.compare(0, 2, "14") == 0 && act.code.size() == 3 && act.code <= "141" && !m.passive &&
      s.lemma[m.anchor] == "protest" && !srcs.empty() &&
      (s.lower[m.anchor] == "protested" || s.lower[m.anchor] == "protesting" ||
       (m.anchor > 0 && s.lower[m.anchor] == "protests" && s.mention_at[m.anchor - 1] >= 0) ||
       (m.anchor > 0 && s.lower[m.anchor] == "protest" &&
        In(s.lower[m.anchor - 1], {"to", "will", "would", "did", "could", "may", "might"})))) {
    // (A bare "protest" or "protests" otherwise is mostly the noun, "a violence free protest
    // demonstration", "bracing for a wave of protests".)
    // (People named by a demonym, "Palestinians protested", "thousands of Serbs protested",
    // demonstrate: 140.)
    bool official = true;
    for (int k : src_m) {
      const auto& entries = s.mentions[k].entries;
      bool demonym = !entries.empty() && entries.front().find(" demonym '") != std::string::npos;
      official = official && !PluralDemonym(s, k) && !demonym;
    }
    for (const auto& a : srcs)
      official = official && !a.country.empty() && k_.state_codes.count(a.country) &&
                 (a.sector.empty() || SectorBase(a.sector) == "GOV");
    if (const CameoCode* cc = official ? k_.ontology.Find("114") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "a state's protest: " + code->code + " coded as 114";
      code = cc;
    }
  }
  // "demonstrated in Baghdad for the resignation of the prime minister", "rallied to demand the
  // resignation of X", "protested, calling for X to step down": a demonstration (140/141) whose
  // stated purpose is a leader's removal demonstrates for leadership change (CAMEO 1411; its
  // demand 1041 is the same purpose told as a demand). The purpose ("for", "demand", "calling
  // for", "urging", "seeking") stands at most six words before the removal word, both within
  // fifteen words after the act, in its sentence and outside reported speech.
  if ((code->code == "140" || code->code == "141") && !m.passive) {
    int purpose = -1;
    bool removal = false;
    for (int t = m.verb_end; t < s.size() && t < m.verb_end + 15 && !removal; ++t) {
      if (s.IsBoundary(t) || s.lower[t] == ";" || s.speech_end[t] >= 0) break;
      const std::string& w = s.lower[t];
      if (w == "for" || s.lemma[t] == "demand" || w == "urging" || w == "seeking" || w == "calling") purpose = t;
      bool removal_word = In(w, {"resignation", "ouster", "removal", "overthrow", "downfall", "resign"}) ||
                          (In(w, {"step", "stand"}) && t + 1 < s.size() && s.lower[t + 1] == "down");
      removal = removal_word && purpose >= 0 && t - purpose <= 6;
    }
    if (const CameoCode* cc = removal ? k_.ontology.Find("1411") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "a demonstration for a leader's removal: " + code->code + " coded as 1411";
      code = cc;
      // With no one named as its target ("for the resignation of the prime minister"), the
      // leadership to go is the government of the demonstrators' state (one state for all).
      std::string c = srcs.empty() ? "" : srcs.front().country;
      for (const auto& a : srcs)
        if (a.country != c) c.clear();
      if (tgts.empty() && c.size() == 3 && k_.state_codes.count(c)) {
        tgts.push_back(UnnamedActor(c, "GOV", "(the government of " + c + ")"));
        note += "; target: the government of the demonstrators' state";
      }
    }
  }
  // (Talks told as a noun that are announced, "will travel to Tokyo for talks with X", are
  // the intent to meet as the verb is.)
  const bool announced_talks = p.nominal && mod == Modality::kPlanned && code->code.compare(0, 2, "04") == 0 &&
                               (IntentCue(mod_cue) || ScheduleCue(mod_cue));
  if (!m.passive && (!p.nominal || purpose_of_announced || announced_talks) &&
      (mod == Modality::kPlanned || mod == Modality::kPossible)) {
    // "may/might/could ... if/unless", "is expected to impose sanctions unless ...": a coercive
    // act held out on a condition is a threat, whatever the cue.
    bool conditional = false;
    if (mod == Modality::kPlanned || LowerWord(mod_cue) == "may" || LowerWord(mod_cue) == "might" ||
        LowerWord(mod_cue) == "could")
      for (int t = std::max(m.end, m.folded_end); t < n && !conditional; ++t) {
        if (s.IsBoundary(t) || s.speech_end[t] >= 0) break;
        conditional = s.lower[t] == "if" || s.lower[t] == "unless";
      }
    // "asked whether Russia would help": a question, not an announcement; "Japan said China
    // would attack": another's forecast, not the actor's own word.
    bool question = false;
    if (sf.speaker >= 0 && !srcs.empty()) {
      const auto& sp = s.mentions[sf.speaker].actor;
      question = sp.code != srcs.front().code &&
                 (sp.country.empty() || sp.country != srcs.front().country);
    }
    for (int t = std::max(0, m.anchor - 8); t < m.anchor && !question; ++t)
      question = s.lower[t] == "whether" || (s.lower[t] == "if" && mod == Modality::kPlanned);
    std::string c;
    if (!question && (conditional || (mod == Modality::kPlanned && IntentCue(mod_cue)))) c = ThreatCode(code->code);
    // A meeting, visit, hosting or talks announced or scheduled ("will meet X in Geneva on
    // Tuesday", "is to visit Y", "is due to hold talks with Z") is the intent to meet (036,
    // 039 for mediation), actual, dated and placed as the meeting: the codebook's 036 ("future
    // commitments to meet"; its example "will visit Albania in June"), the CAMEO verb
    // dictionary's "will / is to / due to / scheduled to meet|visit" and the PLOVER gold agree
    // (docs/audit/conv28.md). Signing keeps its own code, planned.
    const bool meeting = code->code.compare(0, 2, "04") == 0 &&
                         (IntentCue(mod_cue) || ScheduleCue(mod_cue));
    if (!question && c.empty() && mod == Modality::kPlanned && (IntentCue(mod_cue) || meeting) &&
        code->code != "057")
      c = IntentCode(code->code);
    if (const CameoCode* cc = c.empty() ? nullptr : k_.ontology.Find(c)) {
      if (!note.empty()) note += "; ";
      note += "announced (" + mod_cue + "): " + code->code + " coded as " + cc->code;
      announced_code = code->code;
      announced_cue = mod_cue;
      code = cc;
      mod = Modality::kActual;
    } else if (!question && code->code.compare(0, 2, "13") == 0) {
      // "will retaliate if India strikes", "would stop cooperating unless ...": a pattern that
      // codes the conditional announcement as a threat already (its match may hold the "if");
      // the threat is made (actual).
      bool cond_in = conditional;
      for (int t = m.anchor + 1; t < n && !cond_in; ++t) {
        if (s.IsBoundary(t) || s.speech_end[t] >= 0) break;
        cond_in = s.lower[t] == "if" || s.lower[t] == "unless";
      }
      if (cond_in) {
        if (!note.empty()) note += "; ";
        note += "threat on a condition (" + mod_cue + "): actual";
        mod = Modality::kActual;
      }
    }
  }
  // "arrived in Moscow for talks with Putin", "after talks with Russia": the verb pattern "talk
  // with" (040) read at the noun "talks" after a preposition tells talks as a noun, which are a
  // negotiation (046, as the nominal patterns "talks with TGT" code them in fast mode).
  // ("Following talks with X, S said": right after "after/following", the parser may read a
  // participle, but "talks" there is the noun too: a verb would need its subject between.)
  if (!p.nominal && code->code == "040" && s.lower[m.anchor] == "talks" &&
      (ParsedNounAfterPreposition(s, m.anchor) ||
       (m.anchor > 0 && In(s.lower[m.anchor - 1], {"after", "following"})))) {
    if (const CameoCode* cc = k_.ontology.Find("046")) {
      if (!note.empty()) note += "; ";
      note += "talks told as a noun: 040 coded as 046";
      code = cc;
    }
  }
  // "Syria refused to attend the conference", "refused to send aid": refusing a cooperative act
  // is a rejection (12x, actual), as "refused to meet" is by its own pattern; "declined to" and
  // "did not" stay negated acts.
  if (!m.passive && !p.nominal && mod == Modality::kNegated) {
    std::string cue = LowerWord(mod_cue);
    // "said it would not recognize Israel", "will never accept the plan": a refusal declared
    // for the future (will/would/shall + not/never right before the act's word) rejects too.
    int a = m.verb_first;
    bool declared = a >= 2 && (s.lower[a - 1] == "not" || s.lower[a - 1] == "n't" || s.lower[a - 1] == "never") &&
                    In(s.lower[a - 2], {"will", "would", "wo", "shall"});
    if (declared || cue == "refused to" || cue == "refuses to" || cue == "refuse to" || cue == "has refused to" ||
        cue == "have refused to") {
      if (const CameoCode* cc = k_.ontology.Find(RefusalCode(code->code))) {
        if (!note.empty()) note += "; ";
        note += "refused (" + mod_cue + "): " + code->code + " coded as " + cc->code;
        code = cc;
        mod = Modality::kActual;
        // "refused to attend the talks in Geneva": the place "in/at" is where, not whom.
        if (m.dest_place >= 0 && m.targets.empty()) {
          int f = s.places[m.dest_place].first;
          while (f > 0 && s.lower[f - 1] == "the") --f;
          if (f > 0 && (s.lower[f - 1] == "in" || s.lower[f - 1] == "at")) {
            tgts.clear();
            if (!loc) loc = PlaceLocation(s, m.dest_place);
          }
        }
      }
    }
  }
  // "Israel denied that it had attacked the ship", "Rwanda denied sending troops to Congo": the
  // act denied stays, negated, and the denial is an event of its own (016 deny responsibility,
  // actual) by the act's source to the act's target (the one it would have been done to, as
  // "denied any role in the bombing in Buenos Aires" is a denial to Argentina).
  denied_act = mod == Modality::kNegated && !p.nominal && IsDenialCue(mod_cue);
  // The denier is the subject of the denial verb, not the act's doer: "Moscow denied that
  // Russian troops had crossed into Ukraine" is Russia's denial (RUS), not its troops'
  // (RUSMIL); "The minister denied that Chinese troops had crossed into India" names no state
  // that denies, so no denial is coded (the act stays negated). A denier of the act's target's
  // state denies the doer's act to the doer. No named subject ("it denied"): the act's source.
  denier_unknown = false;
  if (denied_act) {
    int d = -1;
    for (int t = std::min(m.first, s.size()) - 1; t >= 0 && d < 0; --t)
      if (IsDenialWord(s.lower[t])) d = t;
    for (int j = d - 1; d >= 0 && j >= 0 && j >= d - 6; --j) {
      if (s.IsBoundary(j) || s.lower[j] == "," || s.lower[j] == "that") break;
      if (s.mention_at[j] < 0) continue;
      std::vector<std::string> ents;
      std::string note;
      ActorRef a = Actor(s, s.mention_at[j], "", "", &ents, &note);
      if (a.country.empty()) denier_unknown = true;
      else denier = a;
      break;
    }
  }
  // "NATO's air strikes on Serb positions were welcomed by the Bosnian government", "the EU's
  // decision to lift the embargo was welcomed by China": a welcome whose passive subject is an
  // act of the target (its possessor, or an actor qualifying the act's noun) approves of the
  // act (051); nobody is hosted (043 is for people and delegations).
  if (m.passive && code->code == "043" && !tgt_m.empty()) {
    int t = s.mention_range[tgt_m.front()].end;
    if (t < n && (s.lower[t] == "'s" || s.lower[t] == "\u2019s" || s.lower[t] == "'")) ++t;
    bool act_noun = false;
    for (int j = t; j < n && j < t + 3 && j < m.first && !act_noun; ++j) {
      if (s.mention_at[j] >= 0 || s.IsBoundary(j)) break;
      act_noun = In(s.lower[j], {"decision", "decisions", "move", "moves", "step", "steps", "strike", "strikes",
                                 "airstrike", "airstrikes", "raid", "raids", "offer", "proposal", "proposals",
                                 "plan", "initiative", "announcement", "withdrawal", "pullout", "agreement",
                                 "deal", "effort", "efforts", "pledge", "call", "statement", "ceasefire",
                                 "truce", "release", "intervention", "action", "measures", "reforms", "vote"});
    }
    if (const CameoCode* cc = act_noun ? k_.ontology.Find("051") : nullptr) {
      if (!note.empty()) note += "; ";
      note += "an act welcomed: 043 coded as 051";
      code = cc;
    }
  }
  // A visit to the country of the place named before ("in Beijing" ... "his visit to China"),
  // undated: the same place.
  if (!loc && act.code == "042" && date_cue.empty() && ds_.last_location && tgts.size() == 1 &&
      tgts[0].country == ds_.last_location->country && !tgts[0].country.empty()) {
    loc = ds_.last_location;
    loc->span = Span{};
  }
  // A visit to a state named alone ("visited Italy", "will visit Japan", the latter coded as
  // the intent, 036): the place is the country, at country level.
  const bool visit = code->code == "042" || code->code == "043" ||
                     (code->code == "036" && (act.code == "042" || act.code == "043"));
  if (!loc && !country_loc && visit && m.targets.size() == 1 &&
      tgts.size() == 1) {
    const int k = m.targets[0];
    const auto& am = s.mentions[k];
    if (am.kind == actors::ActorMention::Kind::kState && am.actor.code == am.actor.country &&
        am.actor.country == tgts[0].country && !am.actor.country.empty() && k_.lexicon.countries.count(am.actor.country)) {
      country_loc = CountryLocation(k_.lexicon.countries.at(am.actor.country),
                                    s.TokenSpan(s.mention_range[k].first, s.mention_range[k].end));
    }
  }
  if (loc && loc->span.size() > 0) {
    ds_.last_location = loc;
    set_location = true;
  }
  return true;
}

// Last step of CodeMatch: writes the draft out as events, one per source/target pair (both
// directions for a reciprocal act, every ordered pair of a group that meets or agrees), with
// modality, date, place and provenance; then remembers the act's source for a later pronoun or
// "it". Drops the match (no event) when a meeting has nobody to meet. May modify the draft.
void SentenceCoder::EmitEvents(const SentenceView& s, EventDraft* d, std::vector<Event>* events) {
  const PatternMatch& m = *d->m;
  const Pattern& p = *d->p;
  const CameoCode& act = *d->act;
  const CameoCode* code = d->code;
  auto& sf = d->sf;
  auto& src_m = d->src_m;
  auto& tgt_m = d->tgt_m;
  auto& srcs = d->srcs;
  auto& tgts = d->tgts;
  auto& entries = d->entries;
  auto& note = d->note;
  auto& implied_sector = d->implied_sector;
  auto& posture_target = d->posture_target;
  auto& group_source = d->group_source;
  auto& agreed_together = d->agreed_together;
  auto& place_target = d->place_target;
  auto& org_target = d->org_target;
  auto& visit_place_of = d->visit_place_of;
  auto& loc = d->loc;
  auto& country_loc = d->country_loc;
  auto& mod = d->mod;
  auto& mod_cue = d->mod_cue;
  auto& progressive = d->progressive;
  auto& announced_code = d->announced_code;
  auto& announced_cue = d->announced_cue;
  auto& denied_act = d->denied_act;
  auto& denier = d->denier;
  auto& denier_unknown = d->denier_unknown;
  auto& date = d->date;
  auto& date_cue = d->date_cue;
  auto& date_precision = d->date_precision;
  std::string speaker = sf.speaker >= 0 ? s.mentions[sf.speaker].actor.text : "";

  // Pairs.
  std::vector<std::pair<const ActorRef*, const ActorRef*>> pairs;
  if (p.one_sided && !posture_target) {
    for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
  } else if (tgts.empty()) {
    // A group named earlier that meets, agrees or cooperates (03x-06x: "the two leaders
    // signed a plan") does so with each other: every ordered pair, as a `mutual` pattern.
    const int root = act.code.size() >= 2 ? (act.code[0] - '0') * 10 + (act.code[1] - '0') : 0;
    if (p.mutual || agreed_together || (m.folded_mutual && srcs.size() >= 2) || (group_source && root >= 3 && root <= 6)) {
      if (srcs.size() < 2) return;  // "X met" with nobody: not an event
      for (const auto& a : srcs)
        for (const auto& b : srcs)
          if (&a != &b) pairs.emplace_back(&a, &b);
    } else {
      for (const auto& a : srcs) pairs.emplace_back(&a, nullptr);
    }
  } else {
    for (const auto& a : srcs)
      for (const auto& b : tgts) pairs.emplace_back(&a, &b);
    // "talks between X and Y", "the Bush-Putin summit" (a reciprocal act with both sides in
    // slots): both directions.
    if (p.mutual && (p.HasSlot(PatternElement::Kind::kSource) || p.HasSlot(PatternElement::Kind::kPair)) && !m.passive)
      for (const auto& b : tgts)
        for (const auto& a : srcs) pairs.emplace_back(&b, &a);
  }
  Span verb = s.TokenSpan(m.verb_first, m.verb_end);
  // Remember the sides of a meeting or agreement for a later "the two leaders", or the
  // members of a compound source (two to four) for "the three countries".
  // (Every member needs a code and a country: "attending the G20 summit" names no side.)
  if (!pairs.empty() && !group_source && mod != Modality::kNegated) {
    // (A visit's or an attendance's other side is a place or a gathering, not a party: 042/043.)
    const bool meeting = pairs.front().second && act.code != "042" && act.code != "043" &&
                         (act.code.compare(0, 2, "04") == 0 || act.code.compare(0, 2, "05") == 0);
    if (meeting || srcs.size() >= 2) {
      std::vector<ActorRef> group;
      bool fits = true;
      auto add = [&](const ActorRef& a) {
        fits = fits && !a.code.empty() && !a.country.empty();
        for (const auto& g : group)
          if (g.code == a.code) return;
        group.push_back(a);
      };
      for (const auto& a : srcs) add(a);
      if (meeting)
        for (const auto& b : tgts) add(b);
      if (fits && group.size() >= 2 && group.size() <= 4) {
        ds_.last_group = std::move(group);
        ds_.last_group_entries = entries;
      }
    }
  }
  if (act.code == "057" && srcs.size() >= 2 && mod == Modality::kActual) {
    ds_.signers = srcs;
    ds_.signers_entries = entries;
    ds_.signers_sentence = s.index;
  }
  for (auto [a, b] : pairs) {
    // Two people of one code outside the state's institutions ("Hillary Clinton criticized
    // Donald Trump": USAELI both) are two actors.
    // Nor are a former office-holder a noun names and a person named ("the former Minister for
    // Justice accused Brice Hortefeux": FRAELI both).
    auto unnamed_elite = [](const ActorRef* x, const ActorRef* y) {
      return x->name.empty() && !y->name.empty() && SectorBase(x->sector) == "ELI" && SectorBase(y->sector) == "ELI";
    };
    const bool two_people = b && ((!a->name.empty() && !b->name.empty() && a->name != b->name &&
                                   !a->sector.empty() && !IsInstitution(a->sector)) ||
                                  unnamed_elite(a, b) || unnamed_elite(b, a));
    // A state's code with a name the knowledge base lacks ("Italy's Five Star Movement", "Italy's
    // Giuseppe Verdi") is a party, group or person of that state, not the state: it acts on its
    // own state's institutions and they on it.
    auto named_of_state = [](const ActorRef* x) { return x->code == x->country && !x->name.empty(); };
    if (b && !two_people && (a->code == b->code || (!a->country.empty() && a->country == b->country &&
                                      ((b->code == b->country && !named_of_state(b)) ||
                                       (a->code == a->country && !named_of_state(a) &&
                                        !OutsideStateSector(b->sector) && !NamedCompany(*b))))) &&
        !((place_target || org_target) && a->code != a->country && a->code != b->code) &&
        // "Tibetan monks protested against Chinese rule": a group outside the state's
        // institutions does act on its own state (CHNREL -> CHN), as the place rule has it.
        !(b->code == b->country && !a->sector.empty() && !IsInstitution(a->sector) && a->code != b->code &&
          act.code.compare(0, 2, "04") != 0) &&
        // "Thousands of Sudanese protested against the army": a state does not protest, so a
        // protest (14) whose source is the bare state is its people's, against a part of it.
        !(act.code.compare(0, 2, "14") == 0 && a->code == a->country && b->code != b->country))
      continue;  // an actor does not act on itself; a visit home is not a visit
    // (A state does act on a group of its own outside its institutions: "Turkey will allow
    // Turkish Kurd refugees to return home" is TUR -> TURREF.)
    // A person of no code (AddUnknownPersonMentions: code "", a name) takes part only when
    // named in this sentence, not reached through a pronoun, and facing an actor with a code
    // that this sentence names and that is no place: "Sergei Tikhanovsky criticised Russia",
    // "detained Ales Bialiatski"; not "Montalvo had read an article which attacked defectors",
    // nor "gave Mohamed the option to come to" New York.
    auto unknown = [](const ActorRef* x) { return x && x->code.empty() && !x->name.empty(); };
    auto in_sentence = [&](const ActorRef* x) {
      return x->span.size() > 0 && x->span.begin >= s.sentence->span.begin && x->span.end <= s.sentence->span.end;
    };
    if (unknown(a) || unknown(b)) {
      const ActorRef* person = unknown(a) ? a : b;
      const ActorRef* other = person == a ? b : a;
      // (The police or courts a passive implies are named by no words: "Montalvo was arrested".)
      if (!in_sentence(person) || !other || other->code.empty() || (!in_sentence(other) && implied_sector.empty()) ||
          place_target ||
          m.dest_place >= 0 || (person == a && sf.pronoun))
        continue;
    }
    Event e;
    e.doc_id = doc_.id;
    e.doc_hash = doc_.hash;
    e.sentence = s.index;
    e.sentence_span = s.sentence->span;
    e.doc_date = s.doc->date ? s.doc->date->ToString() : "";
    e.date = date;
    e.date_precision = DatePrecisionFromLetter(date_precision);
    e.source = *a;
    if (b) e.target = *b;
    // A person of no code in a story about one state (the document's dominant state) is of
    // that state, as people of no stated nationality in domestic news are: "Montalvo was
    // arrested" in a story on Los Angeles police is USACOP -> USA.
    std::string person_note;
    auto of_home_state = [&](ActorRef* r) {
      // (Not in a speech: there the dominant state is the speaker's own, "we", and the people
      // it names are mostly foreign.)
      if (!r->code.empty() || r->name.empty() || ds_.dominant_country.empty() || !doc_.speaker.empty()) return;
      r->country = ds_.dominant_country;
      r->code = r->country;
      person_note = "country of '" + r->text + "' from the document's dominant state";
    };
    of_home_state(&e.source);
    if (e.target) of_home_state(&*e.target);
    // A person of no code that a state's police or courts act on, in a document with no
    // dominant state, is of that state ("A court in Istanbul sentenced Osman Kavala", "Police
    // in Dakar arrested Ousmane Sonko": TURJUD -> TUR), as people of no stated nationality in
    // domestic news are (the GUM table's guideline). Only the target, only police and courts
    // (not armies or governments, which act on foreigners as often), only a state's code.
    if (e.target && e.target->code.empty() && !e.target->name.empty() && doc_.speaker.empty() &&
        e.source.country.size() == 3 && k_.state_codes.count(e.source.country) &&
        (SectorBase(e.source.sector) == "COP" || SectorBase(e.source.sector) == "JUD")) {
      e.target->country = e.source.country;
      e.target->code = e.target->country;
      person_note = "country of '" + e.target->text + "' from the police or court acting on them";
    }
    const CameoCode* cp = code;
    // The source is a state's armed forces, or a state named as the actor ("US Predator
    // attacks have killed ..."), which acts through them.
    const bool state_force = a->country.size() == 3 && k_.state_codes.count(a->country) &&
                             (a->sector == "MIL" || a->code == a->country);
    // "Israeli troops killed three militants": violence of no particular kind (180) done by a
    // state's armed forces is conventional military force (CAMEO 19: organised armed forces;
    // 18 is unconventional violence).
    if (cp->code == "180" && state_force)
      if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
    // "PKK rebels killed 12 Turkish soldiers": violence of no particular kind by an armed
    // non-state group (rebels, insurgents, separatists, unidentified gunmen) on a state's
    // armed forces or police is also 190. The CAMEO 1.1b3 codebook codes "killings of any
    // kind when the weapons used are not specified" as 190 (its example: a policeman killed
    // in an attack on a patrol by Kosovo Albanians) and keeps 180 for crude weapons used on
    // people (militiamen with machetes on a refugee camp); every probe gold agrees (conv26.md).
    // So it holds only when the sentence names no weapon: a bomb, mine or explosive device
    // (183), a knife or machete (180) keep the violence unconventional.
    if (cp->code == "180" && b && (b->sector == "MIL" || b->sector == "COP") &&
        (a->sector.compare(0, 3, "REB") == 0 || a->sector.compare(0, 3, "INS") == 0 ||
         a->sector.compare(0, 3, "SEP") == 0 || a->sector.compare(0, 3, "UAF") == 0)) {
      static const std::unordered_set<std::string_view> kWeapons = {
          "bomb", "bomber", "bombing", "explosive", "explosion", "device", "mine", "landmine",
          "grenade", "knife", "machete", "axe", "stone", "rock", "suicide", "blast",
          "bombs", "bombers", "explosives", "devices", "mines", "landmines", "grenades",
          "knives", "machetes", "axes", "stones", "rocks", "blasts"};
      bool weapon_named = false;
      for (const std::string& w : s.lower) weapon_named = weapon_named || kWeapons.count(w) > 0;
      if (!weapon_named)
        if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
    }
    // "Britain expelled four Russian diplomats": diplomats expelled or declared persona non
    // grata are a reduction of diplomatic relations (161). The CAMEO 1.1b3 codebook says so
    // three times (the notes of 161, 166 and 174); 166 stays for other groups (conv26.md (e)).
    // Here the target's own words name the envoys; patterns that name them apart from the
    // target ("expel * diplomats from TGT") are 161 in data/coder/verbs.txt.
    if (cp->code == "166" && b) {
      const std::string t = LowerWord(b->text);
      const bool envoy = t.find("diplomat") != std::string::npos || t.find("ambassador") != std::string::npos ||
                         t.find("envoy") != std::string::npos || t.find("consul") != std::string::npos ||
                         t.find("attach") != std::string::npos || t.find("chargé") != std::string::npos;
      if (envoy)
        if (const CameoCode* dip = k_.ontology.Find("161")) cp = dip;
    }
    // "Turkish warplanes bombed Kurdish rebel bases": bombing (183, "non-military bombing")
    // by a state or its armed forces is the use of aerial weapons (195).
    // So is bombing by an intergovernmental organisation ("NATO bombed Kosovo": its members'
    // air forces; no organisation sets off car bombs).
    if (cp->code == "183" && s.lemma[m.anchor] == "bomb" &&
        (state_force || (a->code.compare(0, 3, "IGO") == 0 && a->country.empty())))
      if (const CameoCode* air = k_.ontology.Find("195")) cp = air;
    // "US aircraft attacked Libya", "helicopter gunships fired on villages", "warplanes killed
    // 20 people": force by an air arm (a military source named as aircraft) of no particular
    // kind (180, 190), small arms (193) or bombing (183) is the use of aerial weapons (195):
    // the codebook's 195 ("when both aerial and other small types of weapons are used, this
    // code takes precedence"; its example "Soviet aircraft including helicopter gunships
    // killed 46 Afghan civilians") and 183's note. Heavy weapons (194: "helicopters and tanks
    // shelled") stay.
    if ((cp->code == "180" || cp->code == "183" || cp->code == "190" || cp->code == "193") && a->sector == "MIL") {
      static const std::unordered_set<std::string_view> kAir = {
          "aircraft",  "warplane", "warplanes", "jet",       "jets",    "helicopter", "helicopters",
          "gunship",   "gunships", "bomber",    "bombers",   "plane",   "planes",     "fighter-bomber",
          "fighter-bombers", "drone", "drones"};
      bool air = false;
      std::istringstream words(LowerWord(a->text));
      for (std::string w; words >> w && !air;) air = kAir.count(w) > 0;
      if (air)
        if (const CameoCode* aerial = k_.ontology.Find("195")) cp = aerial;
    }
    // "Ethiopian forces clashed with Eritrean troops": a clash (145, violent protest) where
    // either side is an armed force (military, rebels, insurgents, separatists, militias) or
    // a state is armed fighting (190); "students clashed with police" stays a riot.
    if (cp->code == "145" && s.lemma[m.anchor] == "clash") {
      auto armed = [](const ActorRef& r) {
        return r.sector == "MIL" || r.sector == "REB" || r.sector == "INS" || r.sector == "SEP" ||
               r.sector == "UAF" || (!r.country.empty() && r.code == r.country);
      };
      if (armed(*a) || (b && armed(*b))) {
        if (const CameoCode* mil = k_.ontology.Find("190")) cp = mil;
      } else if (a->sector == "COP") {
        // "Riot police clashed with protesters": the police's side of a clash with unarmed
        // people is violent repression (175), not a riot of their own.
        if (const CameoCode* rep = k_.ontology.Find("175")) cp = rep;
      }
    }
    // "Rioters torched cars and looted shops", "protesters beat a policeman": property burnt,
    // looted or destroyed and beatings by a crowd (rioters, protesters, demonstrators, a mob)
    // are a violent protest (145, PLOVER PROTEST/riot), not a state's or a group's seizure or
    // violence (1712, 171, 182).
    if ((cp->code == "1712" || cp->code == "171" || cp->code == "182") &&
        (a->sector == "OPP" || a->sector == "CVL" || a->sector == "EDU" || a->sector == "LAB")) {
      std::string w = LowerWord(a->text);
      if (w.find("riot") != std::string::npos || w.find("protest") != std::string::npos ||
          w.find("demonstrat") != std::string::npos || w.find("mob") != std::string::npos ||
          w.find("crowd") != std::string::npos)
        if (const CameoCode* riot = k_.ontology.Find("145")) cp = riot;
    }
    // "NATO peacekeeping troops arrived in Bosnia": peacekeepers arriving in a place are
    // deployed there, the provision of peacekeeping (074), not a visit.
    if (cp->code == "042" && LowerWord(a->text).find("peacekeep") != std::string::npos)
      if (const CameoCode* pk = k_.ontology.Find("074")) cp = pk;
    // So are a state's forces "sent by" it ("Troops sent by Chad arrived in Bamako"); leaders
    // and ministers arriving stay visits (042).
    if (cp->code == "042" && SectorBase(a->sector) == "MIL") {
      bool sent = false;
      for (int j = 0; j + 1 < m.first && !sent; ++j)
        sent = In(s.lower[j], {"sent", "dispatched", "deployed"}) && s.lower[j + 1] == "by";
      if (sent)
        if (const CameoCode* pk = k_.ontology.Find("074")) cp = pk;
    }
    const CameoCode& c = *cp;
    e.cameo = c.code;
    e.root = c.code.substr(0, 2);
    e.plover = c.plover;
    e.goldstein = c.goldstein;
    e.quad_class = c.quad_class;
    e.modality = mod;
    e.location = loc ? loc : country_loc;
    // "Indian troops shelled villages in Kashmir": a place shared by several states that the
    // document leaves open (PlaceLocation) is in the state of the event's actors when they are
    // all of one of its states.
    if (e.location && e.location->country.empty())
      for (const auto& h : s.places) {
        if (h.place < 0) continue;
        const auto& pl = k_.lexicon.place_list[h.place];
        if (pl.shared.empty() || pl.name != e.location->name) continue;
        const std::string& ac = a->country;
        if (std::find(pl.shared.begin(), pl.shared.end(), ac) != pl.shared.end() && (!b || b->country == ac))
          e.location->country = ac;
        break;
      }
    // "DHAKA, Jan 5 - Police opened fire on opposition activists": an act at home (source, and
    // target if any, of the dateline's state) with no place named happens in the dateline's
    // state, at country level.
    if (!e.location && !ds_.dateline_country.empty() && a->country == ds_.dateline_country &&
        (!b || b->country == ds_.dateline_country) && k_.lexicon.countries.count(ds_.dateline_country))
      e.location = CountryLocation(k_.lexicon.countries.at(ds_.dateline_country), Span{});
    if (b)
      for (const auto& [c, l] : visit_place_of)
        if (c == b->country) e.location = l;
    // "U.S. jets bombed Iraq", "fired missiles at Israel": force on a state named alone (not
    // "a Greek tanker") happens in that state, at country level, when no place is named.
    // (Kosovo in 1999, a target of Serbia's: the territory, in the state of the date.)
    if (!e.location && b && Violent(c) && b->code == b->country && k_.lexicon.countries.count(b->country))
      for (int k : tgt_m) {
        const std::string& mc = s.mentions[k].actor.code;
        if ((mc != b->country && k_.lexicon.StateOn(mc, ds_.date) != b->country) || !StateNamedAlone(s, k) ||
            !k_.lexicon.countries.count(mc))
          continue;
        e.location = CountryLocation(k_.lexicon.countries.at(mc),
                                     s.TokenSpan(s.mention_range[k].first, s.mention_range[k].end));
        e.location->country = b->country;
        break;
      }
    // "attacked targets in Syria and Lebanon": one event per state, each in its own state (the
    // state coordinated after the place: "and/or/," right before it).
    if (!loc && country_loc && b && b->code == b->country && b->country != country_loc->country &&
        k_.lexicon.countries.count(b->country))
      for (size_t k = 0; k < s.mentions.size(); ++k) {
        const int f = s.mention_range[k].first;
        if (s.mentions[k].kind != actors::ActorMention::Kind::kState || s.mentions[k].actor.code != b->country ||
            f < 1 || !In(s.lower[f - 1], {"and", "or", ","}) || s.TokenSpan(f, f + 1).begin < country_loc->span.end)
          continue;
        e.location = CountryLocation(k_.lexicon.countries.at(b->country), s.TokenSpan(f, s.mention_range[k].end));
        break;
      }
    e.text = std::string(doc_.Text(s.sentence->span));
    e.why.verb = verb;
    e.why.pattern = p.where;
    e.why.entries = entries;
    e.why.modality_cue = mod == Modality::kActual ? "" : mod_cue;
    e.why.date_cue = date_cue;
    e.why.speaker = speaker;
    e.why.note = note.empty() || person_note.empty() ? note + person_note : note + "; " + person_note;
    e.why.announced_code = announced_code;
    e.why.announced_cue = announced_cue;
    // One event per (code, source, target) in a sentence: "Kim ... Kim Jong Un" or two
    // patterns for the same act would otherwise give the same event (and id) twice. The
    // events of this sentence are the last ones appended.
    bool dup = false;
    for (auto x = events->rbegin(); x != events->rend() && !dup; ++x) {
      if (x->sentence != e.sentence || x->doc_hash != e.doc_hash) break;
      dup = x->cameo == e.cameo && x->source.code == e.source.code && (x->modality == e.modality || p.nominal) &&
            (x->target ? x->target->code : "") == (e.target ? e.target->code : "");
    }
    if (dup) continue;
    e.id = EventId(doc_.hash, s.index, verb, e.source.code, e.target ? e.target->code : "", e.cameo);
    if (progressive && mod == Modality::kActual) ds_.progressive.push_back(events->size());
    Event denial;
    const CameoCode* deny = denied_act && !denier_unknown ? k_.ontology.Find("016") : nullptr;
    if (deny) {
      denial = e;
      if (denier) {
        if (denial.target && denial.target->country == denier->country)
          denial.target = denial.source.country != denier->country ? std::optional<ActorRef>(denial.source) : std::nullopt;
        denial.source = *denier;
      }
    }
    events->push_back(std::move(e));
    if (deny) {
      bool seen = false;
      for (auto x = events->rbegin(); x != events->rend() && !seen; ++x) {
        if (x->sentence != denial.sentence || x->doc_hash != denial.doc_hash) break;
        // (One denial by one denier a sentence: "denied reports that its jets had bombed a
        // hospital in Aleppo" has the report's 016 already; with no target of its own it is
        // aimed at the denied act's.)
        seen = x->cameo == "016" && x->source.code == denial.source.code;
        if (seen && !x->target && denial.target) x->target = denial.target;
      }
      if (!seen) {
        denial.cameo = deny->code;
        denial.root = deny->code.substr(0, 2);
        denial.plover = deny->plover;
        denial.goldstein = deny->goldstein;
        denial.quad_class = deny->quad_class;
        denial.modality = Modality::kActual;
        denial.location.reset();
        denial.why.modality_cue.clear();
        denial.why.note = "the denial of the act (" + mod_cue + ")";
        denial.id = EventId(doc_.hash, s.index, verb, denial.source.code,
                            denial.target ? denial.target->code : "", denial.cameo);
        events->push_back(std::move(denial));
      }
    }
  }
  if (!srcs.empty() && !srcs.front().name.empty()) {
    ds_.last_source = srcs.front();
    ds_.last_source_entries.clear();
    for (int k : src_m) {
      const auto& en = s.mentions[k].entries;
      ds_.last_source_entries.insert(ds_.last_source_entries.end(), en.begin(), en.end());
    }
  }
  // The antecedent of a later "it": this act's single source when a state or body, else its
  // speaker when one ("The Russian embassy said ...").
  {
    int body = src_m.size() == 1 && BodyMention(s, src_m.front()) ? src_m.front()
               : src_m.empty() && sf.speaker >= 0 && BodyMention(s, sf.speaker) ? sf.speaker
                                                                                : -1;
    if (body >= 0) {
      ds_.last_body = s.mentions[body].actor;
      ds_.last_body_sentence = s.index;
      ds_.last_body_entries = s.mentions[body].entries;
    }
  }
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

// The actor of Document::speaker: "FRA" (a state), "FRAGOV" (a state's sector), "IGOUNO".
ActorRef SpeakerActor(const CoderKnowledge& k, const std::string& code) {
  ActorRef a;
  if (code.empty()) return a;
  a.code = code;
  std::string c = code.substr(0, 3);
  bool state = k.state_codes.count(c) > 0 || (k.state_codes.empty() && code.size() == 3);
  if (state) {
    a.country = c;
    a.sector = code.substr(3);
  }
  return a;
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
