// Fuzz target: the readers of our knowledge files (data/actors, data/coder: ontology, verb
// patterns, lemmatizer exceptions, modality cues, discards, date words, places). Contract under
// test: any text gives entries and file:line diagnostics, never a crash, a hang or a sanitizer
// report; the actor index built from it resolves phrases. The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "actors/actor_index.h"
#include "actors/record_reader.h"
#include "coder/lemmatizer.h"
#include "coder/lexicon.h"
#include "coder/ontology.h"
#include "coder/patterns.h"
#include "entente/date.h"

namespace {

std::string ReadRepoFile(const std::string& path) {
  auto text = entente::actors::ReadTextFile(std::string(ENTENTE_FUZZ_SOURCE_DIR) + "/" + path);
  if (!text.ok()) __builtin_trap();  // the repository's own files must be readable
  return std::move(text).value();
}

const entente::coder::Ontology& RealOntology() {
  static const entente::coder::Ontology* o = [] {
    auto* o = new entente::coder::Ontology;
    o->Load(ReadRepoFile("data/ontology/plover.txt"), "plover.txt", ReadRepoFile("data/ontology/cameo.txt"),
            "cameo.txt", [](const entente::Diagnostic&) {});
    return o;
  }();
  return *o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 50000) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  int64_t diagnostics = 0;
  entente::DiagnosticSink sink = [&](const entente::Diagnostic& d) { diagnostics += !d.message.empty(); };
  switch (data[0] % 8) {
    case 0: {  // actors: any record kind; then resolve the text's first line as a phrase
      std::string states = ReadRepoFile("data/actors/states.txt");
      auto index = entente::actors::ActorIndex::LoadFromTexts(
          {{"states.txt", states}, {"fuzz.txt", std::string(text)}}, sink);
      std::string_view phrase = text.substr(0, std::min<size_t>(text.find('\n'), 200));
      (void)index->Resolve(phrase, entente::Date::Parse("2020-05-01"));
      (void)index->Resolve(phrase, std::nullopt);
      break;
    }
    case 1: {
      entente::coder::Ontology o;
      o.Load(text, "plover.txt", ReadRepoFile("data/ontology/cameo.txt"), "cameo.txt", sink);
      entente::coder::Ontology o2;
      o2.Load(ReadRepoFile("data/ontology/plover.txt"), "plover.txt", text, "cameo.txt", sink);
      break;
    }
    case 2: {
      entente::coder::PatternSet patterns;
      entente::coder::Lemmatizer lemmatizer;
      patterns.Load(text, "verbs.txt", RealOntology(), &lemmatizer, sink);
      break;
    }
    case 3: {
      entente::coder::Lemmatizer lemmatizer;
      lemmatizer.LoadIrregular(text, "irregular.txt", sink);
      (void)lemmatizer.Lemma("went");
      break;
    }
    case 4: {
      entente::coder::Lexicon lex;
      lex.LoadModality(text, "modality.txt", sink);
      break;
    }
    case 5: {
      entente::coder::Lexicon lex;
      lex.LoadDiscards(text, "discards.txt", sink);
      break;
    }
    case 6: {
      entente::coder::Lexicon lex;
      lex.LoadDates(text, "dates.txt", sink);
      break;
    }
    default: {
      entente::coder::Lexicon lex;
      lex.LoadPlaces(text, "places.txt", sink, [](const std::string& c) { return c.size() == 3; });
      break;
    }
  }
  return 0;
}
