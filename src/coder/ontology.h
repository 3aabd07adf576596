// The CAMEO/PLOVER ontology: data/ontology/cameo.txt (every CAMEO code with its Goldstein
// weight, quad class, PLOVER category and name) and data/ontology/plover.txt (the PLOVER
// categories). Immutable after loading.
#ifndef ENTENTE_CODER_ONTOLOGY_H_
#define ENTENTE_CODER_ONTOLOGY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "entente/knowledge.h"
#include "entente/reader.h"

namespace entente::coder {

class Ontology {
 public:
  // Parses plover.txt text (categories) then cameo.txt text. Malformed rows (bad code, a
  // Goldstein value outside -10..10, a quad class that is not 1..4 or disagrees with the code's
  // root, an unknown PLOVER category, a duplicate code) go to `sink` as file:line: reason and are
  // skipped. Returns the error count.
  int Load(std::string_view plover_text, const std::string& plover_file, std::string_view cameo_text,
           const std::string& cameo_file, const DiagnosticSink& sink);
  // nullptr when unknown.
  const CameoCode* Find(std::string_view code) const;
  size_t size() const { return codes_.size(); }
  size_t plover_size() const { return plover_.size(); }

 private:
  std::unordered_map<std::string, CameoCode> codes_;
  std::unordered_map<std::string, int> plover_;  // category -> quad class
};

}  // namespace entente::coder

#endif  // ENTENTE_CODER_ONTOLOGY_H_
