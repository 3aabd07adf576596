// Each table maps a prefix of the act's CAMEO code to the announcement's code. A table is
// searched in order and the first entry whose prefix begins the act's code wins, so a subcode
// (three digits) is listed before its chapter (two digits), which then stands for the chapter's
// other codes. An act whose code no entry begins has no such counterpart ("").
#include "coder/announced_codes.h"

#include <cstddef>
#include <string_view>

namespace entente::coder {

namespace {

struct AnnouncedCode {
  std::string_view prefix;  // of the act's CAMEO code
  std::string_view code;    // the announcement's CAMEO code
  // Keep the act's fourth digit when its code has exactly four ("1721" -> "1321").
  bool keep_fourth_digit = false;
};

// Intents (03x) to meet or mediate (04), cooperate diplomatically (05) or materially (06),
// give aid (07) and yield (08).
constexpr AnnouncedCode kIntentCodes[] = {
    {"045", "039"},  {"04", "036"},   {"05", "032"},   {"06", "031"},   {"071", "0331"},
    {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},   {"081", "0351"},
    {"082", "0352"}, {"083", "034"},  {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
    {"087", "0356"}, {"08", "035"},
};

// Threats (13x) to protest (14), sanction (16), coerce (17) and use force (18-20).
constexpr AnnouncedCode kThreatCodes[] = {
    {"14", "133"},   {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},
    {"165", "135"},  {"166", "136"},  {"16", "131"},   {"172", "132", true},
    {"173", "137"},  {"174", "137"},  {"175", "137"},  {"17", "130"},   {"18", "1383"},
    {"191", "1381"}, {"192", "1382"}, {"19", "1384"},  {"204", "1385"}, {"20", "1383"},
};

// Refusals (12x) of meeting (04), diplomatic (05) or material (06) cooperation, aid (07) and
// yielding (08).
constexpr AnnouncedCode kRefusalCodes[] = {
    {"04", "125"},  {"05", "120"},  {"061", "1211"}, {"062", "1212"}, {"06", "121"},
    {"07", "122"},  {"081", "1241"}, {"082", "1242"}, {"083", "123"},  {"084", "1243"},
    {"085", "1244"}, {"086", "1245"}, {"087", "1246"}, {"08", "124"},
};

// The code of the first entry of `table` whose prefix begins `act`; "" when none does.
template <size_t N>
std::string AnnouncedAs(const AnnouncedCode (&table)[N], const std::string& act) {
  for (const AnnouncedCode& e : table) {
    if (act.compare(0, e.prefix.size(), e.prefix) != 0) continue;
    std::string code(e.code);
    if (e.keep_fourth_digit && act.size() == 4) code += act[3];
    return code;
  }
  return "";
}

}  // namespace

std::string IntentCode(const std::string& act) { return AnnouncedAs(kIntentCodes, act); }

std::string ThreatCode(const std::string& act) { return AnnouncedAs(kThreatCodes, act); }

std::string RefusalCode(const std::string& act) { return AnnouncedAs(kRefusalCodes, act); }

}  // namespace entente::coder
