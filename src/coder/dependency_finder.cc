// DependencyArgumentFinder: sources, targets and modality from the dependency parse (the nlp
// stage's Token::head / deprel / upos), used when the models are loaded (not --fast).
//
// Patterns are matched exactly as in the window finder (the knowledge files do not change);
// the parse then decides the roles:
//   - source: the subject of the event verb (nsubj). Without one, the verb borrows it from the
//     verb it depends on: a coordinated verb ("said ... and warned": conj), a controlled
//     infinitive ("agreed to meet": xcomp), a participle adjunct ("signed a treaty, pledging":
//     advcl); a relative clause ("Kim, who arrived": acl:relcl) takes the noun it modifies. A
//     relative pronoun subject is that noun too. Coordinated subjects (conj) give one source
//     each; an apposition ("Kim Jong Un, North Korea's leader,") or a possessor ("Seoul's
//     security council") stands for a subject that is no actor itself.
//   - passive: a verb with nsubj:pass / aux:pass is passive; its subject becomes the target and
//     the agent is the obl (or obl:agent) introduced by "by".
//   - target: when the pattern's target slot stayed empty, the verb's object (obj, iobj) or an
//     oblique introduced by with/to/against/on/at/toward/into/from; coordinated objects each.
//   - reported speech: an event verb that is the complement (ccomp) of a saying verb keeps the
//     saying verb's subject as why.speaker; a pronoun subject of the complement is the speaker.
//   - modality: only cue words attached to the verb (aux, advmod, the verbs it is the xcomp of
//     and their auxiliaries: "is expected to sign", "did not attack", "refused to meet") count,
//     so a "could" in a neighbouring clause no longer leaks.
// Where the parse gives nothing (no subject found, nominal events, unparsed sentences) the window
// finder's answer is used.
#include <algorithm>

#include "coder/argument_finder.h"
#include "coder/word_sets.h"

namespace entente::coder {

namespace {

// Read access to the parse of one sentence.
class Parse {
 public:
  explicit Parse(const SentenceView& s) : s_(s) {
    base_ = s.sentence ? s.sentence->first_token : 0;
    n_ = s.size();
    ok_ = n_ > 0 && s.doc && base_ + n_ <= s.doc->tokens.size() && !Tok(0).deprel.empty();
  }
  bool ok() const { return ok_; }
  const Token& Tok(int i) const { return s_.doc->tokens[base_ + i]; }
  int Head(int i) const {
    int h = Tok(i).head;
    return h >= 0 && h < n_ && h != i ? h : -1;
  }
  const std::string& Rel(int i) const { return Tok(i).deprel; }
  bool RelIs(int i, const char* r) const { return Rel(i) == r; }
  bool RelStarts(int i, const char* r) const { return Rel(i).rfind(r, 0) == 0; }
  const std::string& Upos(int i) const { return Tok(i).upos; }
  std::vector<int> Children(int h) const {
    std::vector<int> c;
    for (int i = 0; i < n_; ++i)
      if (Head(i) == h) c.push_back(i);
    return c;
  }
  // The case marker (preposition) of a nominal, lower-cased; empty when none.
  std::string CaseOf(int i) const {
    for (int c : Children(i))
      if (RelIs(c, "case")) return s_.lower[c];
    return "";
  }

 private:
  const SentenceView& s_;
  uint32_t base_ = 0;
  int n_ = 0;
  bool ok_ = false;
};

bool IsSpeechVerb(const std::string& lemma) {
  return In(lemma, {"say", "tell", "announce", "state", "declare", "claim", "report", "add", "note", "confirm",
                    "write", "suggest", "insist", "believe", "think", "argue", "stress", "assert"});
}

bool IsRelativePronoun(const std::string& w) { return In(w, {"who", "which", "that", "whom", "whose"}); }
bool IsPersonalPronoun(const std::string& w) { return In(w, {"he", "she", "it", "they", "we"}); }

class DependencyFinder : public ArgumentFinder {
 public:
  DependencyFinder() : window_(NewWindowArgumentFinder()) {}

  bool MatchPattern(const SentenceView& s, const Pattern& p, int anchor, PatternMatch* out) const override;
  SourceFinding FindSource(const SentenceView& s, const PatternMatch& m,
                           const std::vector<PatternMatch>& earlier) const override;

 private:
  // Actor mentions standing for the nominal headed by `head` (conj expanded when `conj`).
  void MentionsOf(const Parse& p, const SentenceView& s, int head, bool conj, std::vector<int>* out,
                  std::string* sector) const;
  int EventVerb(const Parse& p, const SentenceView& s, const PatternMatch& m) const;

  std::unique_ptr<ArgumentFinder> window_;
};

void AddUnique(std::vector<int>* v, int k) {
  if (k >= 0 && std::find(v->begin(), v->end(), k) == v->end()) v->push_back(k);
}

void DependencyFinder::MentionsOf(const Parse& p, const SentenceView& s, int head, bool conj, std::vector<int>* out,
                                  std::string* sector) const {
  if (head < 0) return;
  size_t before = out->size();
  if (s.mention_at[head] >= 0) {
    AddUnique(out, s.mention_at[head]);
  } else {
    // The nominal's own modifiers: compounds, flat names, adjectives ("North Korean leader"),
    // possessors ("Seoul's council"), appositions ("the sister of ..., Kim Yo Jong"), and "of"
    // phrases after a leader noun ("leaders of Iran and Cuba": their governments).
    static const char* const kLeader[] = {"leader", "head", "president", "delegation", "representative",
                                          "official", "government", "minister", "envoy"};
    bool leader = false;
    for (const char* w : kLeader) leader = leader || s.lemma[head] == w;
    std::vector<int> kids = p.Children(head);
    for (const char* rel : {"compound", "flat", "amod", "nmod:poss", "appos", "nmod"}) {
      for (int c : kids) {
        if (!p.RelIs(c, rel)) continue;
        if (std::string(rel) == "nmod") {
          std::string cs = p.CaseOf(c);
          if (cs != "of" || !leader) continue;
          if (sector) *sector = "GOV";
        }
        int k = s.mention_at[c];
        if (k < 0) {
          // "Russia's Vladimir Putin": the name may head its own little phrase.
          for (int g : p.Children(c))
            if ((p.RelIs(g, "compound") || p.RelIs(g, "flat")) && s.mention_at[g] >= 0) k = s.mention_at[g];
        }
        if (k >= 0) {
          AddUnique(out, k);
          if (std::string(rel) == "nmod") {
            for (int cc : p.Children(c))
              if (p.RelIs(cc, "conj")) AddUnique(out, s.mention_at[cc]);
          }
          break;
        }
      }
      if (out->size() > before) break;
    }
  }
  if (!conj) return;
  for (int c : p.Children(head))
    if (p.RelIs(c, "conj")) MentionsOf(p, s, c, false, out, nullptr);
}

// The verb of the event: the anchor when it is a verb, else the verb governing the anchor
// ("held talks": the pattern anchor is "hold"; "set to make an appearance": "make").
int DependencyFinder::EventVerb(const Parse& p, const SentenceView& s, const PatternMatch& m) const {
  int v = m.anchor;
  for (int step = 0; step < 2 && v >= 0; ++step) {
    const std::string& u = p.Upos(v);
    if (u == "VERB" || u == "AUX") return v;
    v = p.Head(v);
  }
  return -1;
}

bool DependencyFinder::MatchPattern(const SentenceView& s, const Pattern& pat, int anchor, PatternMatch* out) const {
  if (!window_->MatchPattern(s, pat, anchor, out)) return false;
  Parse p(s);
  if (!p.ok() || pat.nominal) return true;
  int v = EventVerb(p, s, *out);
  if (v < 0) return true;
  std::vector<int> kids = p.Children(v);
  // Passive from the parse.
  bool passive = false;
  for (int c : kids) passive = passive || p.RelIs(c, "nsubj:pass") || p.RelIs(c, "aux:pass");
  // "citizens abducted by North Korea": a participle modifying an actor's noun (acl) with an agent
  // after "by" is passive too; the noun it modifies is the subject (FindSource), the one acted on.
  // (A noun that is no actor, "a claim questioned by experts", is left alone, as in the window.)
  if (!passive && p.RelIs(v, "acl") && s.lower[v] != s.lemma[v] && p.Head(v) >= 0 && s.mention_at[p.Head(v)] >= 0)
    for (int c : kids) passive = passive || ((p.RelIs(c, "obl:agent") || p.RelIs(c, "obl")) && p.CaseOf(c) == "by");
  if (passive && !out->passive && out->targets.empty()) out->passive = true;
  if (out->passive && out->sources.empty()) {
    for (int c : kids)
      if ((p.RelIs(c, "obl:agent") || p.RelIs(c, "obl")) && p.CaseOf(c) == "by") {
        std::string sector;
        MentionsOf(p, s, c, true, &out->sources, &sector);
      }
  }
  // Targets the window could not reach ("fired missiles at cities across Ukraine" aside): the
  // verb's object or the right oblique, when the pattern has a target slot left empty.
  // "condemned North Korea's transfer of missiles and Moscow's use of them": the window found the
  // first object; the parse adds the coordinated ones.
  if (!out->targets.empty() && !out->passive) {
    for (int c : kids) {
      if (!p.RelIs(c, "obj")) continue;
      std::vector<int> objs;
      MentionsOf(p, s, c, true, &objs, nullptr);
      if (std::find(objs.begin(), objs.end(), out->targets.front()) == objs.end()) continue;
      for (int k : objs) AddUnique(&out->targets, k);
    }
  }
  bool wants_target = pat.HasSlot(PatternElement::Kind::kTarget);
  bool has_dest = pat.HasSlot(PatternElement::Kind::kDest);
  // A pattern without a target slot that is not one-sided ("condemn", "criticize"): its direct
  // object when that is an actor.
  if (!wants_target && !has_dest && !pat.one_sided && !out->passive && out->targets.empty()) {
    for (int c : kids)
      if (p.RelIs(c, "obj")) MentionsOf(p, s, c, true, &out->targets, nullptr);
    for (auto it = out->targets.begin(); it != out->targets.end();) {
      bool used = std::find(out->sources.begin(), out->sources.end(), *it) != out->sources.end();
      it = used ? out->targets.erase(it) : it + 1;
    }
  }
  if (wants_target && !out->passive && out->targets.empty() && out->dest_place < 0 && !pat.one_sided) {
    std::vector<int> found;
    for (int c : kids) {
      if (p.RelIs(c, "obj") || p.RelIs(c, "iobj")) MentionsOf(p, s, c, true, &found, nullptr);
    }
    if (found.empty()) {
      for (int c : kids) {
        if (!p.RelStarts(c, "obl")) continue;
        std::string cs = p.CaseOf(c);
        if (In(cs, {"with", "to", "against", "on", "at", "toward", "towards", "into", "for"}))
          MentionsOf(p, s, c, true, &found, nullptr);
      }
    }
    for (int k : found) {
      bool used = std::find(out->sources.begin(), out->sources.end(), k) != out->sources.end();
      int f = s.mention_range[k].first;
      if (!used && !(f > 0 && s.IsLocativePreposition(f - 1) && s.lower[f - 1] != "to")) out->targets.push_back(k);
    }
  }
  return true;
}

SourceFinding DependencyFinder::FindSource(const SentenceView& s, const PatternMatch& m,
                                           const std::vector<PatternMatch>& earlier) const {
  Parse p(s);
  if (!p.ok() || m.pattern->nominal) return window_->FindSource(s, m, earlier);
  int v0 = EventVerb(p, s, m);
  if (v0 < 0) return window_->FindSource(s, m, earlier);

  SourceFinding f;
  f.syntax_modality = true;
  // Modality cues attached to the verb, and to the verbs it is the xcomp of.
  {
    int v = v0;
    for (int depth = 0; depth < 3 && v >= 0; ++depth) {
      if (depth > 0) f.modality_tokens.push_back(v);
      for (int c : p.Children(v))
        if (p.RelStarts(c, "aux") || p.RelIs(c, "advmod") || p.RelIs(c, "cop") || p.RelIs(c, "neg") ||
            p.RelIs(c, "mark"))
          f.modality_tokens.push_back(c);
      if (!p.RelIs(v, "xcomp")) break;
      v = p.Head(v);
    }
  }
  // Subject: the verb's own, else borrowed along conj / xcomp / advcl, or the noun a relative
  // clause modifies.
  int v = v0, subj = -1;
  bool passive = m.passive;
  for (int hops = 0; hops < 4 && v >= 0 && subj < 0; ++hops) {
    for (int c : p.Children(v)) {
      if (p.RelIs(c, "nsubj") || p.RelIs(c, "nsubj:pass")) {
        subj = c;
        break;
      }
    }
    if (subj >= 0) break;
    if (p.RelStarts(v, "acl")) {
      subj = p.Head(v);  // "Kim, who arrived ..." / "leaders attending the parade"
      break;
    }
    if (p.RelIs(v, "conj") || p.RelIs(v, "xcomp") || p.RelIs(v, "advcl")) {
      v = p.Head(v);
      continue;
    }
    break;
  }
  if (subj >= 0 && IsRelativePronoun(s.lower[subj])) {
    int rel_verb = p.Head(subj);
    if (rel_verb >= 0 && p.RelStarts(rel_verb, "acl")) subj = p.Head(rel_verb);
  }
  // Reported speech: the event verb (or the verb it was coordinated with) is the complement of a
  // saying verb.
  int speech_subject_verb = -1;
  {
    int c = v0;
    for (int hops = 0; hops < 3 && c >= 0; ++hops) {
      int h = p.Head(c);
      if (h < 0) break;
      if ((p.RelIs(c, "ccomp") || p.RelIs(c, "parataxis")) && IsSpeechVerb(s.lemma[h])) {
        speech_subject_verb = h;
        break;
      }
      if (!(p.RelIs(c, "conj") || p.RelIs(c, "xcomp"))) break;
      c = h;
    }
  }
  if (speech_subject_verb >= 0) {
    for (int c : p.Children(speech_subject_verb))
      if (p.RelIs(c, "nsubj")) {
        std::vector<int> who;
        MentionsOf(p, s, c, false, &who, nullptr);
        if (!who.empty()) f.speaker = who.front();
      }
  }
  if (subj >= 0) {
    if (IsPersonalPronoun(s.lower[subj]) && s.mention_at[subj] < 0) {  // ("we" of a known speaker is a mention)
      // "South Korea said it would terminate ...": the speaker; else as the window resolves it.
      if (f.speaker >= 0 && s.lower[subj] != "he" && s.lower[subj] != "she") {
        f.mentions.push_back(f.speaker);
      } else if (f.speaker >= 0 && s.mentions[f.speaker].kind == actors::ActorMention::Kind::kPerson) {
        f.mentions.push_back(f.speaker);
      }
    } else {
      MentionsOf(p, s, subj, true, &f.mentions, &f.sector_override);
    }
    f.scope_begin = subj + 1;
  }
  // A subject that an earlier match took as its target: share that match's source ("X met Y
  // and praised Z" is X praising), as the window finder does.
  if (!f.mentions.empty()) {
    for (size_t e = 0; e < earlier.size(); ++e) {
      const auto& em = earlier[e];
      if (!em.passive && std::find(em.targets.begin(), em.targets.end(), f.mentions.front()) != em.targets.end() &&
          p.RelIs(v0, "conj")) {
        SourceFinding shared;
        shared.shared_with = static_cast<int>(e);
        shared.syntax_modality = true;
        shared.modality_tokens = f.modality_tokens;
        return shared;
      }
    }
  }
  if (f.mentions.empty()) {
    // Nothing from the parse: the window finder's answer, with the syntax modality kept.
    SourceFinding w = window_->FindSource(s, m, earlier);
    w.syntax_modality = true;
    w.modality_tokens = f.modality_tokens;
    if (w.speaker < 0) w.speaker = f.speaker;
    return w;
  }
  (void)passive;
  if (f.speaker >= 0 && std::find(f.mentions.begin(), f.mentions.end(), f.speaker) != f.mentions.end() &&
      f.mentions.size() == 1) {
    // The speaker reporting its own act ("South Korea said it would ...") stays the speaker.
  }
  return f;
}

}  // namespace

std::unique_ptr<ArgumentFinder> NewDependencyArgumentFinder() { return std::make_unique<DependencyFinder>(); }

}  // namespace entente::coder
