#include "coder/ontology.h"

#include <cctype>
#include <cstdlib>

#include "actors/record_reader.h"

namespace entente::coder {

namespace {
bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}
bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}
// The quad class CAMEO gives a root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4.
int QuadOfRoot(int root) { return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4; }
}  // namespace

int Ontology::Load(std::string_view plover_text, const std::string& plover_file,
                   std::string_view cameo_text, const std::string& cameo_file,
                   const DiagnosticSink& sink) {
  int errors = 0;
  errors += actors::ParseTable(plover_text, plover_file, 3, sink, [&](actors::TableRow&& r) {
    int quad = std::atoi(r.columns[1].c_str());
    if (r.columns[0].empty() || quad < 1 || quad > 4) {
      actors::ReportError(sink, r.file, r.line, "bad PLOVER row (category | quad_class 1..4 | description)");
      ++errors;
      return;
    }
    plover_[r.columns[0]] = quad;
  });
  errors += actors::ParseTable(cameo_text, cameo_file, 5, sink, [&](actors::TableRow&& r) {
    auto fail = [&](const std::string& why) {
      actors::ReportError(sink, r.file, r.line, why);
      ++errors;
    };
    CameoCode c;
    c.code = r.columns[0];
    if (!AllDigits(c.code) || c.code.size() < 2 || c.code.size() > 4) return fail("bad CAMEO code '" + c.code + "'");
    int root = std::atoi(c.code.substr(0, 2).c_str());
    if (root < 1 || root > 20) return fail("CAMEO root out of 01..20 in '" + c.code + "'");
    if (!ParseDouble(r.columns[1], &c.goldstein) || c.goldstein < -10 || c.goldstein > 10)
      return fail("bad Goldstein value '" + r.columns[1] + "' (want -10..10)");
    c.quad_class = std::atoi(r.columns[2].c_str());
    if (c.quad_class < 1 || c.quad_class > 4) return fail("bad quad_class '" + r.columns[2] + "'");
    if (c.quad_class != QuadOfRoot(root))
      return fail("quad_class " + r.columns[2] + " disagrees with root " + c.code.substr(0, 2));
    c.plover = r.columns[3];
    std::string category = c.plover.substr(0, c.plover.find('/'));
    if (!plover_.empty() && !plover_.count(category))
      return fail("unknown PLOVER category '" + category + "'");
    c.name = r.columns[4];
    if (codes_.count(c.code)) return fail("duplicate CAMEO code '" + c.code + "'");
    codes_.emplace(c.code, std::move(c));
  });
  return errors;
}

const CameoCode* Ontology::Find(std::string_view code) const {
  auto it = codes_.find(std::string(code));
  return it == codes_.end() ? nullptr : &it->second;
}

}  // namespace entente::coder
