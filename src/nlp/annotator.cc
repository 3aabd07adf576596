#include "nlp/annotator.h"

#include <algorithm>
#include <filesystem>

#include "nlp/hash.h"
#include "nlp/lemmatizer.h"
#include "nlp/model_format.h"
#include "nlp/ner.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/word_atoms.h"

namespace entente::nlp {

Annotator::Annotator() = default;
Annotator::~Annotator() = default;

namespace {

// One parser of the accurate combination: its file, where its bytes go, beam width and weight,
// in combination order (the first breaks ties).
struct AccurateParser {
  const char* file;
  std::string ModelBytes::*bytes;
  int beam_width;
  double weight;
};

std::vector<AccurateParser> AccurateParsers(const AnnotatorOptions& o) {
  std::vector<AccurateParser> out;
  const AccurateParser all[] = {
      {Annotator::kAccurateParserFile, &ModelBytes::parser_beam, Annotator::kAccurateBeamWidth,
       o.beam_weight},
      {Annotator::kAccurateR2lParserFile, &ModelBytes::parser_r2l, Annotator::kAccurateBeamWidth,
       o.r2l_weight},
      {Annotator::kParserFile, &ModelBytes::parser, 1, o.greedy_weight}};
  for (const AccurateParser& p : all)
    if (p.weight != 0) out.push_back(p);
  return out;
}

Status CheckWeights(const AnnotatorOptions& o) {
  for (double w : {o.beam_weight, o.r2l_weight, o.greedy_weight})
    if (!(w >= 0 && w <= 1e6))  // also NaN
      return Status::InvalidArgument("AnnotatorOptions: parser weights must be in [0, 1e6]");
  if (AccurateParsers(o).empty())
    return Status::InvalidArgument("AnnotatorOptions: accurate with every parser weight 0");
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Annotator>> Annotator::Load(const std::string& models_dir,
                                                   const AnnotatorOptions& options) {
  if (options.accurate) ENTENTE_RETURN_IF_ERROR(CheckWeights(options));
  ModelBytes bytes;
  std::vector<std::pair<const char*, std::string*>> files = {
      {kTaggerFile, &bytes.tagger}, {kLemmatizerFile, &bytes.lemmatizer}};
  if (!options.accurate) files.push_back({kParserFile, &bytes.parser});
  files.push_back({kNerFile, &bytes.ner});
  if (options.accurate)
    for (const AccurateParser& p : AccurateParsers(options))
      files.push_back({p.file, &(bytes.*p.bytes)});
  for (auto& [file, out] : files) {
    std::string path = (std::filesystem::path(models_dir) / file).string();
    Result<std::string> r = ReadFileBytes(path);
    if (!r.ok()) return r.status();
    *out = std::move(r.value());
  }
  return LoadFromBytes(bytes, models_dir, options);
}

Result<std::unique_ptr<Annotator>> Annotator::LoadFromBytes(const ModelBytes& bytes,
                                                            const std::string& origin,
                                                            const AnnotatorOptions& options) {
  if (options.accurate) ENTENTE_RETURN_IF_ERROR(CheckWeights(options));
  std::unique_ptr<Annotator> a(new Annotator());
  auto name = [&](const char* f) { return (std::filesystem::path(origin) / f).string(); };
  auto t = Tagger::Load(bytes.tagger, name(kTaggerFile));
  if (!t.ok()) return t.status();
  a->tagger_ = std::move(t.value());
  auto l = Lemmatizer::Load(bytes.lemmatizer, name(kLemmatizerFile));
  if (!l.ok()) return l.status();
  a->lemmatizer_ = std::move(l.value());
  std::vector<AccurateParser> parsers =
      options.accurate ? AccurateParsers(options)
                       : std::vector<AccurateParser>{{kParserFile, &ModelBytes::parser, 1, 1.0}};
  for (const AccurateParser& p : parsers) {
    auto r = Parser::Load(bytes.*p.bytes, name(p.file));
    if (!r.ok()) return r.status();
    ParserRun run;
    run.parser = std::move(r.value());
    run.beam_width = p.beam_width;
    run.weight = p.weight;
    run.vote_units = VoteUnits(p.weight);
    a->parsers_.push_back(std::move(run));
  }
  if (a->parsers_.size() > 1) {  // label ids of the combination: the union by name
    for (ParserRun& run : a->parsers_) {
      for (const std::string& label : run.parser->labels) {
        auto it = std::find(a->combined_labels_.begin(), a->combined_labels_.end(), label);
        run.label_map.push_back(static_cast<int>(it - a->combined_labels_.begin()));
        if (it == a->combined_labels_.end()) a->combined_labels_.push_back(label);
      }
    }
  }
  for (const ParserRun& run : a->parsers_) a->total_vote_units_ += run.vote_units;
  for (size_t p = 0; p < a->parsers_.size(); ++p)
    if (a->parsers_[p].beam_width == 1) a->run_order_.push_back(static_cast<int>(p));
  for (size_t p = 0; p < a->parsers_.size(); ++p)
    if (a->parsers_[p].beam_width != 1) a->run_order_.push_back(static_cast<int>(p));
  auto e = EntityTagger::Load(bytes.ner, name(kNerFile));
  if (!e.ok()) return e.status();
  a->ner_ = std::move(e.value());
  a->xpos_hash_.resize(a->tagger_->tags.size());
  for (size_t i = 0; i < a->xpos_hash_.size(); ++i)
    a->xpos_hash_[i] = HashString(a->tagger_->tags[i].xpos);
  return a;
}

Status Annotator::Annotate(Document* doc) const {
  TaggedDocument t;
  if (Status st = TagAndLemmatize(doc, &t); !st.ok()) return st;
  // One model at a time over the whole document (tagger, parser, entity tagger), so that each
  // model's hot rows stay in the cache; the sentences are independent, so the order of the
  // calls changes no result.
  for (size_t si = 0; si < doc->sentences.size(); ++si)
    if (Status st = ParseSentence(doc, &t, si); !st.ok()) return st;
  for (size_t si = 0; si < doc->sentences.size(); ++si)
    if (Status st = TagEntities(doc, &t, si); !st.ok()) return st;
  return Status::OK();
}

Status Annotator::TagAndLemmatize(Document* doc, TaggedDocument* t) const {
  const size_t ns = doc->sentences.size();
  t->atoms.resize(doc->tokens.size());
  t->tags.assign(doc->tokens.size(), 0);
  t->tagged.assign(ns, false);
  t->entities.assign(ns, false);
  for (size_t si = 0; si < ns; ++si) {
    const Sentence& s = doc->sentences[si];
    if (s.end_token > doc->tokens.size() || s.first_token > s.end_token)
      return Status::InvalidArgument("sentence " + std::to_string(si) + " of document '" + doc->id +
                                     "' has an out-of-range token range");
    const int n = static_cast<int>(s.size());
    if (n == 0) {
      t->tagged[si] = true;
      continue;
    }
    for (int i = 0; i < n; ++i) {
      const Span sp = doc->tokens[s.first_token + i].span;
      if (sp.end > doc->text.size() || sp.begin > sp.end)
        return Status::InvalidArgument("token " + std::to_string(s.first_token + i) +
                                       " of document '" + doc->id + "' has an out-of-range span");
      t->atoms[s.first_token + i] = ComputeAtoms(doc->Text(sp));
    }
    t->sentence_atoms.assign(t->atoms.begin() + s.first_token, t->atoms.begin() + s.end_token);
    tagger_->Tag(t->sentence_atoms, &t->sentence_tags);
    for (int i = 0; i < n; ++i) {
      Token& tok = doc->tokens[s.first_token + i];
      t->tags[s.first_token + i] = t->sentence_tags[i];
      tok.lemma =
          lemmatizer_->Lemmatize(doc->Text(tok.span), tagger_->tags[t->sentence_tags[i]].xpos);
    }
    t->tagged[si] = true;
  }
  return Status::OK();
}

// Checks that sentence `si` was tagged (`what` names the caller in the error) and fills the
// scratch atoms and tag hashes of its words; false for an empty sentence.
Result<bool> Annotator::LoadSentence(const char* what, const Document& doc, TaggedDocument* t, size_t si) const {
  if (si >= doc.sentences.size() || si >= t->tagged.size() || !t->tagged[si])
    return Status::InvalidArgument(std::string(what) + ": sentence " + std::to_string(si) + " of document '" +
                                   doc.id + "' was not tagged");
  const Sentence& s = doc.sentences[si];
  const int n = static_cast<int>(s.size());
  if (n == 0) return false;
  t->sentence_atoms.assign(t->atoms.begin() + s.first_token, t->atoms.begin() + s.end_token);
  t->tag_hashes.resize(n);
  for (int i = 0; i < n; ++i) t->tag_hashes[i] = xpos_hash_[t->tags[s.first_token + i]];
  return true;
}

void Annotator::WriteEntities(Document* doc, TaggedDocument* t, size_t si) const {
  const Sentence& s = doc->sentences[si];
  ner_->Tag(t->sentence_atoms, t->tag_hashes, &t->ents);
  const auto& ent_labels = EntityTagger::Labels();
  for (size_t i = 0; i < s.size(); ++i) doc->tokens[s.first_token + i].ner = ent_labels[t->ents[i]];
  t->entities[si] = true;
}

Status Annotator::TagEntities(Document* doc, TaggedDocument* t, size_t si) const {
  auto loaded = LoadSentence("TagEntities", *doc, t, si);
  if (!loaded.ok()) return loaded.status();
  if (loaded.value() && !t->entities[si]) WriteEntities(doc, t, si);
  return Status::OK();
}

Status Annotator::ParseSentence(Document* doc, TaggedDocument* t, size_t si) const {
  auto loaded = LoadSentence("ParseSentence", *doc, t, si);
  if (!loaded.ok()) return loaded.status();
  if (!loaded.value()) return Status::OK();
  const Sentence& s = doc->sentences[si];
  const int n = static_cast<int>(s.size());
  const std::vector<std::string>* label_names = &parsers_[0].parser->labels;
  if (parsers_.size() == 1) {
    const ParserRun& run = parsers_[0];
    if (run.beam_width > 1) {
      run.parser->ParseBeam(t->sentence_atoms, t->tag_hashes, run.beam_width, &t->heads,
                            &t->labels);
    } else {
      run.parser->Parse(t->sentence_atoms, t->tag_hashes, &t->heads, &t->labels);
    }
  } else {
    const size_t k = parsers_.size();
    t->parse_heads.resize(k);
    t->parse_labels.resize(k);
    std::vector<WeightedParse> votes(k);
    // Weights in CombineParses' integer units, so the early stop's comparison is its own.
    int64_t remaining = total_vote_units_, agreed = 0;
    int first = -1;  // the first parser run; the others are compared with it
    bool unanimous = true, done = false;
    for (int p : run_order_) {
      const ParserRun& run = parsers_[p];
      std::vector<int>& labels = t->parse_labels[p];
      if (run.beam_width > 1) {
        run.parser->ParseBeam(t->sentence_atoms, t->tag_hashes, run.beam_width,
                              &t->parse_heads[p], &labels);
      } else {
        run.parser->Parse(t->sentence_atoms, t->tag_hashes, &t->parse_heads[p], &labels);
      }
      for (int& l : labels) l = run.label_map[l];
      votes[p] = {&t->parse_heads[p], &labels, run.weight};
      remaining -= run.vote_units, agreed += run.vote_units;
      if (first < 0) {
        first = p;
      } else {
        unanimous = unanimous && t->parse_heads[p] == t->parse_heads[first] &&
                    t->parse_labels[p] == t->parse_labels[first];
      }
      if (unanimous && agreed > remaining) {  // the rest cannot outvote (top of annotator.h)
        t->heads = t->parse_heads[first];
        t->labels = t->parse_labels[first];
        done = true;
        break;
      }
    }
    if (!done) CombineParses(n, votes, &t->heads, &t->labels, &t->combine);
    label_names = &combined_labels_;
  }
  for (int i = 0; i < n; ++i) {
    Token& tok = doc->tokens[s.first_token + i];
    const Tagger::TagName& tn = tagger_->tags[t->tags[s.first_token + i]];
    tok.upos = tn.upos;
    tok.xpos = tn.xpos;
    tok.head = t->heads[i];
    tok.deprel = t->heads[i] < 0 ? "root" : (*label_names)[t->labels[i]];
  }
  return Status::OK();
}

}  // namespace entente::nlp
