#include "cli/flags.h"

#include <algorithm>

namespace entente::cli {

bool Flags::Parse(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                  std::string* error) {
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a == "-" || a.size() < 2 || a[0] != '-' ) {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string body = a.substr(a[1] == '-' ? 2 : 1);
    std::string value;
    bool has_inline = false;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      value = body.substr(eq + 1);
      body = body.substr(0, eq);
      has_inline = true;
    }
    auto it = std::find_if(specs.begin(), specs.end(), [&](const FlagSpec& s) { return s.name == body; });
    if (it == specs.end()) {
      *error = "unknown flag '" + a + "'";
      return false;
    }
    if (it->takes_value) {
      if (!has_inline) {
        if (i + 1 >= args.size()) {
          *error = "flag --" + body + " needs a value";
          return false;
        }
        value = args[++i];
      }
    } else if (has_inline) {
      *error = "flag --" + body + " takes no value";
      return false;
    }
    values_.emplace(body, value);
  }
  return true;
}

std::string Flags::Get(const std::string& name, const std::string& def) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return def;
  auto last = range.second;
  --last;
  return last->second;
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

std::string FlagHelp(const std::vector<FlagSpec>& specs) {
  std::string out;
  for (const auto& s : specs) {
    std::string left = "  --" + s.name + (s.takes_value ? " " + s.value_name : "");
    if (left.size() < 26) left.resize(26, ' ');
    else left += "  ";
    out += left + s.help + "\n";
  }
  return out;
}

}  // namespace entente::cli
