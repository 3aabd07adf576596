// Self-describing model files for the nlp stage (docs: the comment below is the format spec).
//
// Layout (all integers little-endian):
//   bytes 0..7   magic "ENTNLPM\x1a"
//   u32          format version (kModelFormatVersion); a reader refuses newer versions
//   u32          model kind (ModelKind)
//   u64          fingerprint of the feature-template list compiled into the code that wrote it
//   str          training data names (u32 length + bytes)
//   str          training date "YYYY-MM-DD"
//   u64          payload length, then the payload (kind-specific, see each model's .cc)
//   u64          checksum of the payload (HashString)
// Version history: 1 = first release; 2 = 16-bit quantised, delta-coded weight tables
// (SparseWeights; version-1 tables still load) and the parser's separate label classifier;
// 3 = the parser's payload ends with its direction byte (0 left to right, 1 right to left;
// version-2 parsers are left to right). Other kinds' payloads are unchanged from version 2.
#ifndef ENTENTE_NLP_MODEL_FORMAT_H_
#define ENTENTE_NLP_MODEL_FORMAT_H_

#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"

namespace entente::nlp {

inline constexpr char kModelMagic[8] = {'E', 'N', 'T', 'N', 'L', 'P', 'M', '\x1a'};
inline constexpr uint32_t kModelFormatVersion = 3;

enum class ModelKind : uint32_t { kTagger = 1, kLemmatizer = 2, kParser = 3, kNer = 4 };
std::string_view ModelKindName(ModelKind kind);

struct ModelHeader {
  uint32_t version = kModelFormatVersion;
  ModelKind kind = ModelKind::kTagger;
  uint64_t fingerprint = 0;
  std::string training_data;  // e.g. "UD_English-EWT train"
  std::string date;           // "YYYY-MM-DD"
};

// Fingerprint of a template list: a model trained with one list cannot be loaded by code
// compiled with another.
uint64_t TemplateFingerprint(const char* const* names, size_t count);

// Appends little-endian values to a byte string.
class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Raw(&v, 2); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void F32(float v) { Raw(&v, 4); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads what ByteWriter wrote; every read is bounds-checked. After a failed read ok() is false
// and all further reads return zeros.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  uint8_t U8() { uint8_t v = 0; Raw(&v, 1); return v; }
  uint16_t U16() { uint16_t v = 0; Raw(&v, 2); return v; }
  uint32_t U32() { uint32_t v = 0; Raw(&v, 4); return v; }
  uint64_t U64() { uint64_t v = 0; Raw(&v, 8); return v; }
  float F32() { float v = 0; Raw(&v, 4); return v; }
  std::string Str() {
    uint32_t n = U32();
    if (!ok_ || n > data_.size() - pos_) { ok_ = false; return {}; }
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  void Raw(void* p, size_t n) {
    if (!ok_ || n > data_.size() - pos_) { ok_ = false; return; }
    std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
  }
  // Checks a count read from the file against the bytes left (each item >= item_size bytes).
  bool Plausible(uint64_t count, size_t item_size) {
    if (count > (data_.size() - pos_) / (item_size ? item_size : 1)) ok_ = false;
    return ok_;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Serialises header + payload.
std::string EncodeModel(const ModelHeader& header, std::string_view payload);

// Parses a model file's bytes. `name` (a path or "<memory>") is used in error messages.
// Errors: Corruption for wrong magic, truncation or bad checksum; Unsupported for a newer
// format version; InvalidArgument for the wrong kind or a fingerprint mismatch.
Status DecodeModel(std::string_view bytes, const std::string& name, ModelKind expected_kind,
                   uint64_t expected_fingerprint, ModelHeader* header, std::string* payload);

// Reads a whole stream into memory.
Result<std::string> ReadAll(std::istream& in, const std::string& name);
Result<std::string> ReadFileBytes(const std::string& path);
Status WriteFileBytes(const std::string& path, std::string_view bytes);

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_MODEL_FORMAT_H_
