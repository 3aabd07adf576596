// Word clusters: lower-cased, digit-normalised word (WordAtoms::norm) -> cluster id, induced from
// raw text by InduceClusters (clusters_train.h) and stored inside the parser and entity-tagger
// models that use them as features. Immutable after loading; Lookup is const and thread-safe.
#ifndef ENTENTE_NLP_WORD_CLUSTERS_H_
#define ENTENTE_NLP_WORD_CLUSTERS_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "entente/status.h"
#include "nlp/model_format.h"
#include "nlp/word_atoms.h"

namespace entente::nlp {

class WordClusters {
 public:
  static constexpr uint64_t kUnknown = 0xFFFF;  // words outside the clustered vocabulary

  bool empty() const { return map_.empty(); }
  size_t size() const { return map_.size(); }
  void Set(uint64_t norm_hash, uint16_t cluster) { map_[norm_hash] = cluster; }
  uint64_t Lookup(uint64_t norm_hash) const {
    auto it = map_.find(norm_hash);
    return it == map_.end() ? kUnknown : it->second;
  }
  // Per word of a sentence.
  void LookupAll(const std::vector<WordAtoms>& atoms, std::vector<uint64_t>* out) const {
    out->resize(atoms.size());
    for (size_t i = 0; i < atoms.size(); ++i) (*out)[i] = Lookup(atoms[i].norm);
  }

  // Text file: "word TAB cluster" lines (what InduceClusters writes). Errors name file:line.
  static Result<WordClusters> ReadFile(const std::string& path);
  void Serialize(ByteWriter* w) const;
  bool Deserialize(ByteReader* r);

 private:
  std::unordered_map<uint64_t, uint16_t> map_;
};

}  // namespace entente::nlp

#endif  // ENTENTE_NLP_WORD_CLUSTERS_H_
