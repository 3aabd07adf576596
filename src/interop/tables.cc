#include "interop/tables.h"

#include "actors/record_reader.h"
#include "entente/pipeline.h"

namespace entente::interop {

std::string Tables::SectorFor(std::string_view list) const {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= list.size()) {
    size_t p = list.find(',', start);
    if (p == std::string_view::npos) p = list.size();
    parts.push_back(actors::Trim(list.substr(start, p - start)));
    start = p + 1;
  }
  for (const auto& [name, code] : icews_sectors)
    for (auto part : parts)
      if (part == name) return code;
  return "";
}

Result<Tables> LoadTables(const std::string& root_in, const DiagnosticSink& sink) {
  std::string root = root_in.empty() ? FindResourceRoot() : root_in;
  Tables t;
  std::string fips_path = root + "/data/interop/fips.txt";
  auto fips = actors::ReadTextFile(fips_path);
  if (!fips.ok()) return fips.status();
  actors::ParseTable(*fips, "data/interop/fips.txt", 3, sink, [&](actors::TableRow&& r) {
    t.fips_to_iso3[r.columns[0]] = r.columns[1];
    t.iso3_to_fips.emplace(r.columns[1], r.columns[0]);
  });
  auto sectors = actors::ReadTextFile(root + "/data/interop/icews-sectors.txt");
  if (!sectors.ok()) return sectors.status();
  actors::ParseTable(*sectors, "data/interop/icews-sectors.txt", 2, sink, [&](actors::TableRow&& r) {
    t.icews_sectors.emplace_back(r.columns[0], r.columns[1]);
  });
  return t;
}

}  // namespace entente::interop
