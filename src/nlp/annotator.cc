#include "nlp/annotator.h"

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

Result<std::unique_ptr<Annotator>> Annotator::Load(const std::string& models_dir,
                                                   const AnnotatorOptions& options) {
  ModelBytes bytes;
  const char* parser_file = options.accurate ? kAccurateParserFile : kParserFile;
  std::pair<const char*, std::string*> files[] = {{kTaggerFile, &bytes.tagger},
                                                  {kLemmatizerFile, &bytes.lemmatizer},
                                                  {parser_file, &bytes.parser},
                                                  {kNerFile, &bytes.ner}};
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
  std::unique_ptr<Annotator> a(new Annotator());
  auto name = [&](const char* f) { return (std::filesystem::path(origin) / f).string(); };
  auto t = Tagger::Load(bytes.tagger, name(kTaggerFile));
  if (!t.ok()) return t.status();
  a->tagger_ = std::move(t.value());
  auto l = Lemmatizer::Load(bytes.lemmatizer, name(kLemmatizerFile));
  if (!l.ok()) return l.status();
  a->lemmatizer_ = std::move(l.value());
  auto p = Parser::Load(bytes.parser, name(options.accurate ? kAccurateParserFile : kParserFile));
  if (!p.ok()) return p.status();
  a->parser_ = std::move(p.value());
  a->beam_width_ = options.accurate ? kAccurateBeamWidth : 1;
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
  for (size_t si = 0; si < doc->sentences.size(); ++si)
    if (Status st = CompleteSentence(doc, &t, si); !st.ok()) return st;
  return Status::OK();
}

Status Annotator::TagAndLemmatize(Document* doc, TaggedDocument* t) const {
  const size_t ns = doc->sentences.size();
  t->atoms.resize(doc->tokens.size());
  t->tags.assign(doc->tokens.size(), 0);
  t->tagged.assign(ns, false);
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

Status Annotator::CompleteSentence(Document* doc, TaggedDocument* t, size_t si) const {
  if (si >= doc->sentences.size() || si >= t->tagged.size() || !t->tagged[si])
    return Status::InvalidArgument("CompleteSentence: sentence " + std::to_string(si) +
                                   " of document '" + doc->id + "' was not tagged");
  const Sentence& s = doc->sentences[si];
  const int n = static_cast<int>(s.size());
  if (n == 0) return Status::OK();
  t->sentence_atoms.assign(t->atoms.begin() + s.first_token, t->atoms.begin() + s.end_token);
  t->tag_hashes.resize(n);
  for (int i = 0; i < n; ++i) t->tag_hashes[i] = xpos_hash_[t->tags[s.first_token + i]];
  if (beam_width_ > 1) {
    parser_->ParseBeam(t->sentence_atoms, t->tag_hashes, beam_width_, &t->heads, &t->labels);
  } else {
    parser_->Parse(t->sentence_atoms, t->tag_hashes, &t->heads, &t->labels);
  }
  ner_->Tag(t->sentence_atoms, t->tag_hashes, &t->ents);
  const auto& ent_labels = EntityTagger::Labels();
  for (int i = 0; i < n; ++i) {
    Token& tok = doc->tokens[s.first_token + i];
    const Tagger::TagName& tn = tagger_->tags[t->tags[s.first_token + i]];
    tok.upos = tn.upos;
    tok.xpos = tn.xpos;
    tok.head = t->heads[i];
    tok.deprel = t->heads[i] < 0 ? "root" : parser_->labels[t->labels[i]];
    tok.ner = ent_labels[t->ents[i]];
  }
  return Status::OK();
}

}  // namespace entente::nlp
