#include "nlp/word_clusters.h"

#include <algorithm>
#include <fstream>

namespace entente::nlp {

Result<WordClusters> WordClusters::ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open cluster file");
  WordClusters c;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    size_t tab = line.rfind('\t');
    char* end = nullptr;
    long id = tab == std::string::npos ? -1 : std::strtol(line.c_str() + tab + 1, &end, 10);
    if (tab == 0 || id < 0 || id >= 0xFFFF || end == line.c_str() + tab + 1 || *end != '\0')
      return Status::InvalidArgument(path + ":" + std::to_string(lineno) +
                                     ": expected 'word TAB cluster-number'");
    c.Set(ComputeAtoms(std::string_view(line).substr(0, tab)).norm, static_cast<uint16_t>(id));
  }
  return c;
}

void WordClusters::Serialize(ByteWriter* w) const {
  std::vector<std::pair<uint64_t, uint16_t>> v(map_.begin(), map_.end());
  std::sort(v.begin(), v.end());
  w->U64(v.size());
  for (const auto& [k, c] : v) {
    w->U64(k);
    w->U16(c);
  }
}

bool WordClusters::Deserialize(ByteReader* r) {
  uint64_t n = r->U64();
  if (!r->ok() || !r->Plausible(n, 10)) return false;
  map_.clear();
  map_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r->U64();
    map_[k] = r->U16();
  }
  return r->ok();
}

}  // namespace entente::nlp
