// Lookup tables under data/interop/: FIPS 10-4 <-> ISO alpha-3, ICEWS sectors -> CAMEO sectors.
#ifndef ENTENTE_INTEROP_TABLES_H_
#define ENTENTE_INTEROP_TABLES_H_

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entente/reader.h"
#include "entente/status.h"

namespace entente::interop {

struct Tables {
  std::unordered_map<std::string, std::string> fips_to_iso3, iso3_to_fips;
  std::vector<std::pair<std::string, std::string>> icews_sectors;  // in priority order
  // The CAMEO sector for a comma-separated ICEWS sector list, "" when none matches.
  std::string SectorFor(std::string_view icews_sectors) const;
};

Result<Tables> LoadTables(const std::string& root, const DiagnosticSink& sink);

}  // namespace entente::interop

#endif  // ENTENTE_INTEROP_TABLES_H_
