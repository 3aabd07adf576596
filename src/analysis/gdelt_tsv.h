// A small reader of the normalized GDELT 1.0 TSV (58 columns with a header) for the analysis
// validation and benchmark; the product's importer is `entente import gdelt`. Header-only so
// the test and the benchmark share it without putting it into the analysis library.
#ifndef ENTENTE_ANALYSIS_GDELT_TSV_H_
#define ENTENTE_ANALYSIS_GDELT_TSV_H_

#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/line_reader.h"
#include "entente/analysis.h"
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

// Reads rows (gzip-compressed or plain); a malformed line is an error naming its line number.
inline Result<std::vector<GdeltRow>> ReadGdeltTsv(const std::string& path) {
  auto reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  LineReader& in = **reader;
  std::vector<GdeltRow> rows;
  std::map<std::string, int> col;
  std::vector<std::string> fields;
  auto split = [&fields](std::string_view s) {
    fields.assign(1, std::string());
    for (char c : s) {
      if (c == '\t') {
        fields.emplace_back();
      } else {
        fields.back().push_back(c);
      }
    }
  };
  std::string_view line;
  while (in.Next(&line)) {
    split(line);
    if (in.line_number() == 1) {
      for (size_t i = 0; i < fields.size(); ++i) col[fields[i]] = static_cast<int>(i);
      for (const char* need : {"GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode",
                               "EventCode", "QuadClass", "GoldsteinScale", "ActionGeo_FullName"}) {
        if (!col.count(need)) return Status::Corruption(path + ":1: header lacks column " + need);
      }
      continue;
    }
    if (fields.size() < col.size()) {
      return Status::Corruption(path + ":" + std::to_string(in.line_number()) + ": " +
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
  if (!in.status().ok()) return in.status();
  return rows;
}

// Adds every row to `t` as an actual event between its two country codes.
inline void AddGdeltRows(const std::vector<GdeltRow>& rows, EventTable* t) {
  for (const GdeltRow& r : rows) {
    t->AddRaw(r.id, r.source, r.target, r.day, r.cameo, r.goldstein, r.quad, Modality::kActual, r.location, true);
  }
}

}  // namespace entente::testing

#endif  // ENTENTE_ANALYSIS_GDELT_TSV_H_
