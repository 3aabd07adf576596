// Every state code in data/actors/states.txt is checked against Debian's iso-codes package
// (ISO 3166-1), and every ISO 3166-1 entry has a state record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "actors/record_reader.h"
#include "base/testutil.h"

namespace entente::actors {
namespace {

constexpr const char* kIsoJson = "/usr/share/iso-codes/json/iso_3166-1.json";
// Entities we code that ISO 3166-1 does not list, each explained in states.txt.
const std::set<std::string> kNotInIso = {"XKX", "SUN", "YUG", "DDR", "YMD"};  // Kosovo; former states

TEST(IsoCodesTest, StateCodesMatchIso3166) {
  if (!std::filesystem::exists(kIsoJson)) GTEST_SKIP() << kIsoJson << " not found (install iso-codes)";
  std::ifstream in(kIsoJson);
  nlohmann::json iso = nlohmann::json::parse(in);
  std::map<std::string, std::string> alpha3_to_2;
  for (const auto& c : iso["3166-1"]) alpha3_to_2[c["alpha_3"].get<std::string>()] = c["alpha_2"].get<std::string>();
  ASSERT_GT(alpha3_to_2.size(), 240u);

  auto text = ReadTextFile(testing::SourceDir() + "/data/actors/states.txt");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  std::set<std::string> ours;
  int errors = ParseRecords(*text, "data/actors/states.txt", nullptr, [&](Record&& r) {
    if (r.kind != "state") return;
    ours.insert(r.id);
    if (kNotInIso.count(r.id)) return;
    auto it = alpha3_to_2.find(r.id);
    if (it == alpha3_to_2.end()) {
      ADD_FAILURE() << r.Where() << ": state " << r.id << " is not an ISO 3166-1 alpha-3 code";
      return;
    }
    const RecordField* iso2 = r.First("iso2");
    ASSERT_NE(iso2, nullptr) << r.Where() << ": state " << r.id << " has no iso2";
    EXPECT_EQ(iso2->value, it->second) << r.Where() << ": iso2 of " << r.id;
  });
  EXPECT_EQ(errors, 0);
  for (const auto& [a3, a2] : alpha3_to_2) EXPECT_TRUE(ours.count(a3)) << "ISO 3166-1 " << a3 << " has no state record";
}

}  // namespace
}  // namespace entente::actors
