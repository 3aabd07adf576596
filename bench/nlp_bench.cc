// NLP throughput on one core: tagging + parsing (the speed target, >= 150k tokens/s), each
// model alone, and the full Annotator (adds lemmas and entities), over EWT dev sentences with
// gold tokenisation.
// Run: build/bench/nlp_bench  (needs models/ and ../shared/data beside the repository;
// ENTENTE_NLP_MODELS=DIR benchmarks the models in DIR instead of models/;
// ENTENTE_NLP_HOT_BYTES, below, applies to BM_TagAndParse, BM_TagOnly and BM_ParseOnly).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "nlp/annotator.h"
#include "nlp/conllu.h"
#include "nlp/hash.h"
#include "nlp/ner.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/word_atoms.h"

namespace {

using namespace entente;
using namespace entente::nlp;

std::string Root() {
  const char* s = std::getenv("ENTENTE_SOURCE_DIR");
  if (s && *s) return s;
#ifdef ENTENTE_BENCH_SOURCE_DIR
  return ENTENTE_BENCH_SOURCE_DIR;
#else
  return std::filesystem::current_path().string();
#endif
}

// BM_TagAndParse needs the tagger and parser only; BM_AnnotateAll all four models.
struct Fixture {
  std::unique_ptr<Tagger> tagger;
  std::unique_ptr<Parser> parser;
  std::unique_ptr<EntityTagger> ner;  // BM_EntitiesOnly (skipped when absent)
  std::unique_ptr<Annotator> annotator;
  Document doc;
  size_t tokens = 0;
  bool ok = false;
  Fixture() {
    const char* m = std::getenv("ENTENTE_NLP_MODELS");
    const std::string dir = m && *m ? std::string(m) : Root() + "/models";
    std::string dev = (std::filesystem::path(Root()).parent_path() / "shared/data/ud-english-ewt/en_ewt-ud-dev.conllu").string();
    auto sents = ReadConlluFile(dev);
    auto tb = ReadFileBytes(dir + "/tagger.model");
    auto pb = ReadFileBytes(dir + "/parser.model");
    Result<std::unique_ptr<Tagger>> t = tb.ok() ? Tagger::Load(tb.value(), dir + "/tagger.model")
                                                : Result<std::unique_ptr<Tagger>>(tb.status());
    Result<std::unique_ptr<Parser>> p = pb.ok() ? Parser::Load(pb.value(), dir + "/parser.model")
                                                : Result<std::unique_ptr<Parser>>(pb.status());
    if (!t.ok() || !p.ok() || !sents.ok()) {
      std::cerr << "nlp_bench: needs models/ and ../shared/data: "
                << (!t.ok() ? t.status() : !p.ok() ? p.status() : sents.status()).ToString() << "\n";
      return;
    }
    tagger = std::move(t.value());
    parser = std::move(p.value());
    // ENTENTE_NLP_HOT_BYTES=N rebuilds the tagger's and parser's hot indexes (weights.h) with N
    // bytes each (0: none), to measure what they are worth; results are the same.
    if (const char* hb = std::getenv("ENTENTE_NLP_HOT_BYTES")) {
      const size_t bytes = std::strtoull(hb, nullptr, 10);
      tagger->weights.SetHotBytes(bytes);
      parser->weights.SetHotBytes(bytes);
      parser->label_weights.SetHotBytes(bytes);
    }
    if (auto eb = ReadFileBytes(dir + "/ner.model"); eb.ok()) {
      auto e = EntityTagger::Load(eb.value(), dir + "/ner.model");
      if (e.ok()) ner = std::move(e.value());
      else std::cerr << "nlp_bench: BM_EntitiesOnly skipped: " << e.status().ToString() << "\n";
    }
    auto a = Annotator::Load(dir);
    if (a.ok()) annotator = std::move(a.value());
    else std::cerr << "nlp_bench: BM_AnnotateAll skipped: " << a.status().ToString() << "\n";
    doc = SentencesToDocument(sents.value());
    tokens = doc.tokens.size();
    ok = true;
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

// The fixture, or nullptr after marking the benchmark skipped when models or data are missing.
Fixture* Ready(benchmark::State& state) {
  Fixture& f = F();
  if (f.ok) return &f;
  state.SkipWithError("models or data missing");
  return nullptr;
}

// The hash of each tag's XPOS, the parser's tag feature, by tag index.
std::vector<uint64_t> XposHashes(const Tagger& tagger) {
  std::vector<uint64_t> h;
  for (const auto& t : tagger.tags) h.push_back(HashString(t.xpos));
  return h;
}

// Tags sentence `s` of the fixture's document: its atoms and the XPOS hash of each tag (the
// parser's input). `tags` is scratch.
void TagSentence(const Fixture& f, const Sentence& s, const std::vector<uint64_t>& xpos_hash,
                 std::vector<WordAtoms>* atoms, std::vector<uint64_t>* th, std::vector<int>* tags) {
  atoms->resize(s.size());
  for (uint32_t i = 0; i < s.size(); ++i) (*atoms)[i] = ComputeAtoms(f.doc.TokenText(s.first_token + i));
  f.tagger->Tag(*atoms, tags);
  th->resize(tags->size());
  for (size_t i = 0; i < tags->size(); ++i) (*th)[i] = xpos_hash[(*tags)[i]];
}

// Tagging and parsing as the Annotator does them over a document: every sentence is tagged
// first, then every sentence is parsed (each model's hot rows stay in the cache for a while;
// compare BM_TagAndParseOneByOne).
void BM_TagAndParse(benchmark::State& state) {
  Fixture* fp = Ready(state);
  if (!fp) return;
  Fixture& f = *fp;
  const Tagger& tagger = *f.tagger;
  const Parser& parser = *f.parser;
  const std::vector<uint64_t> xpos_hash = XposHashes(tagger);
  const size_t ns = f.doc.sentences.size();
  std::vector<std::vector<WordAtoms>> atoms(ns);
  std::vector<std::vector<uint64_t>> th(ns);
  std::vector<int> tags, heads, labels;
  for (auto _ : state) {
    for (size_t si = 0; si < ns; ++si) TagSentence(f, f.doc.sentences[si], xpos_hash, &atoms[si], &th[si], &tags);
    for (size_t si = 0; si < ns; ++si) {
      parser.Parse(atoms[si], th[si], &heads, &labels);
      benchmark::DoNotOptimize(heads.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_TagAndParse)->Unit(benchmark::kMillisecond);

// The same one sentence at a time (tag it, parse it; BM_TagAndParse before 2026-11-30), as
// on-demand parsing interleaves the two models.
void BM_TagAndParseOneByOne(benchmark::State& state) {
  Fixture* fp = Ready(state);
  if (!fp) return;
  Fixture& f = *fp;
  const Tagger& tagger = *f.tagger;
  const Parser& parser = *f.parser;
  const std::vector<uint64_t> xpos_hash = XposHashes(tagger);
  std::vector<WordAtoms> atoms;
  std::vector<int> tags, heads, labels;
  std::vector<uint64_t> th;
  for (auto _ : state) {
    for (const Sentence& s : f.doc.sentences) {
      TagSentence(f, s, xpos_hash, &atoms, &th, &tags);
      parser.Parse(atoms, th, &heads, &labels);
      benchmark::DoNotOptimize(heads.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_TagAndParseOneByOne)->Unit(benchmark::kMillisecond);

// The two halves of BM_TagAndParse on their own (atoms and tags computed once, outside the
// timed loop), to see where the time goes.
struct Prepared {
  std::vector<std::vector<WordAtoms>> atoms;
  std::vector<std::vector<uint64_t>> tag_hashes;
};

const Prepared& P() {
  static const Prepared p = [] {
    Prepared p;
    Fixture& f = F();
    if (!f.ok) return p;
    const std::vector<uint64_t> xpos_hash = XposHashes(*f.tagger);
    std::vector<int> tags;
    for (const Sentence& s : f.doc.sentences) {
      std::vector<WordAtoms> atoms;
      std::vector<uint64_t> th;
      TagSentence(f, s, xpos_hash, &atoms, &th, &tags);
      p.atoms.push_back(std::move(atoms));
      p.tag_hashes.push_back(std::move(th));
    }
    return p;
  }();
  return p;
}

void BM_TagOnly(benchmark::State& state) {
  Fixture* fp = Ready(state);
  if (!fp) return;
  Fixture& f = *fp;
  const Prepared& p = P();
  std::vector<int> tags;
  for (auto _ : state) {
    for (const auto& atoms : p.atoms) {
      f.tagger->Tag(atoms, &tags);
      benchmark::DoNotOptimize(tags.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_TagOnly)->Unit(benchmark::kMillisecond);

void BM_ParseOnly(benchmark::State& state) {
  Fixture* fp = Ready(state);
  if (!fp) return;
  Fixture& f = *fp;
  const Prepared& p = P();
  std::vector<int> heads, labels;
  for (auto _ : state) {
    for (size_t i = 0; i < p.atoms.size(); ++i) {
      f.parser->Parse(p.atoms[i], p.tag_hashes[i], &heads, &labels);
      benchmark::DoNotOptimize(heads.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

// The entity tagger on its own (the Annotator runs it on every sentence after the parser).
void BM_EntitiesOnly(benchmark::State& state) {
  Fixture& f = F();
  if (!f.ok || !f.ner) {
    state.SkipWithError("models or data missing");
    return;
  }
  const Prepared& p = P();
  std::vector<int> ents;
  for (auto _ : state) {
    for (size_t i = 0; i < p.atoms.size(); ++i) {
      f.ner->Tag(p.atoms[i], p.tag_hashes[i], &ents);
      benchmark::DoNotOptimize(ents.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_EntitiesOnly)->Unit(benchmark::kMillisecond);

void BM_AnnotateAll(benchmark::State& state) {
  Fixture& f = F();
  if (!f.ok || !f.annotator) {
    state.SkipWithError("models or data missing");
    return;
  }
  Document doc = f.doc;
  for (auto _ : state) {
    Status s = f.annotator->Annotate(&doc);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_AnnotateAll)->Unit(benchmark::kMillisecond);

}  // namespace
