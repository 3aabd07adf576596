// Fuzz target: the model loaders (tagger, lemmatizer, parser, entity tagger) on damaged model
// files. A random file fails the magic or the checksum at once, so the input is applied as edits
// to the payload of a real model from models/, which is then re-encoded with a valid checksum:
// what a bug in a training run, or a crafted file, could hand the loader. Contract under test:
// every such file loads or fails with an error status, never a crash, a hang, an allocation
// beyond the file's size or a sanitizer report.
// Input: byte 0 picks the model; then records of 5 bytes (u32 offset into the payload, new byte
// value); a record with offset 0xFFFFFFFF truncates the payload at the next u32 instead.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "nlp/lemmatizer.h"
#include "nlp/model_format.h"
#include "nlp/ner.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

namespace {

using entente::nlp::ModelHeader;

struct RealModel {
  ModelHeader header;
  std::string payload;
};

// A model of models/ as header and payload (DecodeModel checks it as the loaders do; its kind
// and fingerprint are taken from the file itself, bytes 12-23 of nlp/model_format.h's layout).
RealModel ReadModel(const char* file) {
  auto bytes = entente::nlp::ReadFileBytes(std::string(ENTENTE_FUZZ_SOURCE_DIR) + "/models/" + file);
  if (!bytes.ok() || bytes.value().size() < 24) __builtin_trap();  // models/ itself must be readable
  uint32_t kind;
  uint64_t fingerprint;
  std::memcpy(&kind, bytes.value().data() + 12, 4);
  std::memcpy(&fingerprint, bytes.value().data() + 16, 8);
  RealModel m;
  if (!entente::nlp::DecodeModel(bytes.value(), file, static_cast<entente::nlp::ModelKind>(kind), fingerprint,
                                 &m.header, &m.payload)
           .ok())
    __builtin_trap();
  return m;
}

RealModel models[4];

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  models[0] = ReadModel("lemmatizer.model");
  models[1] = ReadModel("tagger.model");
  models[2] = ReadModel("ner.model");
  models[3] = ReadModel("parser.model");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const RealModel& m = models[data[0] % 4];
  std::string payload = m.payload;
  for (size_t i = 1; i + 5 <= size; i += 5) {
    uint32_t offset;
    std::memcpy(&offset, data + i, 4);
    if (offset == 0xFFFFFFFFu && i + 9 <= size) {
      uint32_t keep;
      std::memcpy(&keep, data + i + 5, 4);
      payload.resize(std::min<size_t>(payload.size(), keep));
      i += 4;
      continue;
    }
    if (!payload.empty()) payload[offset % payload.size()] = static_cast<char>(data[i + 4]);
  }
  const std::string bytes = entente::nlp::EncodeModel(m.header, payload);
  switch (data[0] % 4) {
    case 0: (void)entente::nlp::Lemmatizer::Load(bytes, "fuzz.model"); break;
    case 1: (void)entente::nlp::Tagger::Load(bytes, "fuzz.model"); break;
    case 2: (void)entente::nlp::EntityTagger::Load(bytes, "fuzz.model"); break;
    default: (void)entente::nlp::Parser::Load(bytes, "fuzz.model"); break;
  }
  return 0;
}
