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

Result<std::unique_ptr<Annotator>> Annotator::Load(const std::string& models_dir) {
  ModelBytes bytes;
  std::pair<const char*, std::string*> files[] = {{kTaggerFile, &bytes.tagger},
                                                  {kLemmatizerFile, &bytes.lemmatizer},
                                                  {kParserFile, &bytes.parser},
                                                  {kNerFile, &bytes.ner}};
  for (auto& [file, out] : files) {
    std::string path = (std::filesystem::path(models_dir) / file).string();
    Result<std::string> r = ReadFileBytes(path);
    if (!r.ok()) return r.status();
    *out = std::move(r.value());
  }
  return LoadFromBytes(bytes, models_dir);
}

Result<std::unique_ptr<Annotator>> Annotator::LoadFromBytes(const ModelBytes& bytes,
                                                            const std::string& origin) {
  std::unique_ptr<Annotator> a(new Annotator());
  auto name = [&](const char* f) { return (std::filesystem::path(origin) / f).string(); };
  auto t = Tagger::Load(bytes.tagger, name(kTaggerFile));
  if (!t.ok()) return t.status();
  a->tagger_ = std::move(t.value());
  auto l = Lemmatizer::Load(bytes.lemmatizer, name(kLemmatizerFile));
  if (!l.ok()) return l.status();
  a->lemmatizer_ = std::move(l.value());
  auto p = Parser::Load(bytes.parser, name(kParserFile));
  if (!p.ok()) return p.status();
  a->parser_ = std::move(p.value());
  auto e = EntityTagger::Load(bytes.ner, name(kNerFile));
  if (!e.ok()) return e.status();
  a->ner_ = std::move(e.value());
  return a;
}

Status Annotator::Annotate(Document* doc) const {
  std::vector<WordAtoms> atoms;
  std::vector<int> tags, heads, labels, ents;
  std::vector<uint64_t> tag_hashes;
  std::vector<uint64_t> xpos_hash(tagger_->tags.size());
  for (size_t i = 0; i < xpos_hash.size(); ++i) xpos_hash[i] = HashString(tagger_->tags[i].xpos);
  const auto& ent_labels = EntityTagger::Labels();
  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    const Sentence& s = doc->sentences[si];
    if (s.end_token > doc->tokens.size() || s.first_token > s.end_token)
      return Status::InvalidArgument("sentence " + std::to_string(si) + " of document '" +
                                     doc->id + "' has an out-of-range token range");
    const int n = static_cast<int>(s.size());
    if (n == 0) continue;
    atoms.resize(n);
    for (int i = 0; i < n; ++i) {
      const Span sp = doc->tokens[s.first_token + i].span;
      if (sp.end > doc->text.size() || sp.begin > sp.end)
        return Status::InvalidArgument("token " + std::to_string(s.first_token + i) +
                                       " of document '" + doc->id + "' has an out-of-range span");
      atoms[i] = ComputeAtoms(doc->Text(sp));
    }
    tagger_->Tag(atoms, &tags);
    tag_hashes.resize(n);
    for (int i = 0; i < n; ++i) tag_hashes[i] = xpos_hash[tags[i]];
    parser_->Parse(atoms, tag_hashes, &heads, &labels);
    ner_->Tag(atoms, tag_hashes, &ents);
    for (int i = 0; i < n; ++i) {
      Token& tok = doc->tokens[s.first_token + i];
      const Tagger::TagName& tn = tagger_->tags[tags[i]];
      tok.upos = tn.upos;
      tok.xpos = tn.xpos;
      tok.lemma = lemmatizer_->Lemmatize(doc->Text(tok.span), tn.xpos);
      tok.head = heads[i];
      tok.deprel = heads[i] < 0 ? "root" : parser_->labels[labels[i]];
      tok.ner = ent_labels[ents[i]];
    }
  }
  return Status::OK();
}

}  // namespace entente::nlp
