#include "nlp/model_format.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include "nlp/hash.h"

namespace entente::nlp {

std::string_view ModelKindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::kTagger: return "tagger";
    case ModelKind::kLemmatizer: return "lemmatizer";
    case ModelKind::kParser: return "parser";
    case ModelKind::kNer: return "ner";
  }
  return "unknown";
}

uint64_t TemplateFingerprint(const char* const* names, size_t count) {
  uint64_t h = HashString("entente-nlp-templates");
  for (size_t i = 0; i < count; ++i) h = Mix(h, HashString(names[i]));
  return h;
}

std::string EncodeModel(const ModelHeader& header, std::string_view payload) {
  ByteWriter w;
  w.Raw(kModelMagic, sizeof(kModelMagic));
  w.U32(header.version);
  w.U32(static_cast<uint32_t>(header.kind));
  w.U64(header.fingerprint);
  w.Str(header.training_data);
  w.Str(header.date);
  w.U64(payload.size());
  w.Raw(payload.data(), payload.size());
  w.U64(HashString(payload));
  return std::move(w.bytes());
}

Status DecodeModel(std::string_view bytes, const std::string& name, ModelKind expected_kind,
                   uint64_t expected_fingerprint, ModelHeader* header, std::string* payload) {
  if (bytes.size() < sizeof(kModelMagic) ||
      std::memcmp(bytes.data(), kModelMagic, sizeof(kModelMagic)) != 0)
    return Status::Corruption(name + ": not an entente nlp model (bad magic bytes)");
  ByteReader r(bytes.substr(sizeof(kModelMagic)));
  ModelHeader h;
  h.version = r.U32();
  uint32_t kind = r.U32();
  h.fingerprint = r.U64();
  if (!r.ok()) return Status::Corruption(name + ": truncated model header");
  if (h.version > kModelFormatVersion || h.version == 0)
    return Status::Unsupported(name + ": model format version " + std::to_string(h.version) +
                               " is not supported (this build reads up to version " +
                               std::to_string(kModelFormatVersion) + ")");
  h.kind = static_cast<ModelKind>(kind);
  if (kind != static_cast<uint32_t>(expected_kind))
    return Status::InvalidArgument(name + ": model kind is '" +
                                   std::string(ModelKindName(h.kind)) + "' (" +
                                   std::to_string(kind) + "), expected '" +
                                   std::string(ModelKindName(expected_kind)) + "'");
  if (h.fingerprint != expected_fingerprint)
    return Status::InvalidArgument(
        name + ": feature-template fingerprint mismatch (model was trained with a different " +
        std::string(ModelKindName(expected_kind)) + " feature extractor; retrain it)");
  h.training_data = r.Str();
  h.date = r.Str();
  uint64_t n = r.U64();
  if (!r.ok() || !r.Plausible(n, 1)) return Status::Corruption(name + ": truncated model");
  std::string p(n, '\0');
  r.Raw(p.data(), n);
  uint64_t checksum = r.U64();
  if (!r.ok()) return Status::Corruption(name + ": truncated model payload");
  if (checksum != HashString(p)) return Status::Corruption(name + ": model checksum mismatch");
  if (!r.at_end()) return Status::Corruption(name + ": trailing bytes after model");
  *header = std::move(h);
  *payload = std::move(p);
  return Status::OK();
}

Result<std::string> ReadAll(std::istream& in, const std::string& name) {
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(name + ": read error");
  return ss.str();
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  return ReadAll(in, path);
}

Status WriteFileBytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(path + ": cannot open for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IOError(path + ": write failed");
  return Status::OK();
}

}  // namespace entente::nlp
