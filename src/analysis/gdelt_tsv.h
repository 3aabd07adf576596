// A small reader of the normalized GDELT 1.0 TSV (58 columns with a header) for the analysis
// validation and benchmark; the product's importer is `entente import gdelt`. Header-only so
// the test and the benchmark share it without putting zlib into the analysis library.
#ifndef ENTENTE_ANALYSIS_GDELT_TSV_H_
#define ENTENTE_ANALYSIS_GDELT_TSV_H_

#include <zlib.h>

#include <map>
#include <string>
#include <vector>

#include "entente/date.h"
#include "entente/status.h"

namespace entente::testing {

struct GdeltRow {
  std::string id, source, target, cameo;  // CAMEO country codes (~ISO3), possibly empty
  int64_t day = 0;
  double goldstein = 0;
  int quad = 0;
  std::string location;
};

// Reads rows; a malformed line is an error naming its line number.
inline Result<std::vector<GdeltRow>> ReadGdeltTsv(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::IOError(path + ": cannot open");
  std::vector<GdeltRow> rows;
  std::map<std::string, int> col;
  std::string line;
  char buf[1 << 16];
  int64_t lineno = 0;
  auto split = [](const std::string& s) {
    std::vector<std::string> out(1);
    for (char c : s) {
      if (c == '\t') {
        out.emplace_back();
      } else if (c != '\n' && c != '\r') {
        out.back().push_back(c);
      }
    }
    return out;
  };
  while (gzgets(f, buf, sizeof buf)) {
    line = buf;
    while (!line.empty() && line.back() != '\n' && gzgets(f, buf, sizeof buf)) line += buf;
    ++lineno;
    auto fields = split(line);
    if (lineno == 1) {
      for (size_t i = 0; i < fields.size(); ++i) col[fields[i]] = static_cast<int>(i);
      for (const char* need : {"GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode",
                               "EventCode", "QuadClass", "GoldsteinScale", "ActionGeo_FullName"}) {
        if (!col.count(need)) {
          gzclose(f);
          return Status::Corruption(path + ":1: header lacks column " + need);
        }
      }
      continue;
    }
    if (fields.size() < col.size()) {
      gzclose(f);
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": " +
                                std::to_string(fields.size()) + " fields, expected " + std::to_string(col.size()));
    }
    GdeltRow r;
    r.id = "gdelt:" + fields[col["GLOBALEVENTID"]];
    auto d = Date::Parse(fields[col["SQLDATE"]]);
    if (!d) continue;
    r.day = d->Days();
    r.source = fields[col["Actor1CountryCode"]];
    r.target = fields[col["Actor2CountryCode"]];
    r.cameo = fields[col["EventCode"]];
    r.quad = std::atoi(fields[col["QuadClass"]].c_str());
    r.goldstein = std::atof(fields[col["GoldsteinScale"]].c_str());
    r.location = fields[col["ActionGeo_FullName"]];
    rows.push_back(std::move(r));
  }
  gzclose(f);
  return rows;
}

}  // namespace entente::testing

#endif  // ENTENTE_ANALYSIS_GDELT_TSV_H_
