// A small command-line flag parser: `--name value`, `--name=value`, boolean `--name`, and
// positional arguments. Unknown flags are usage errors (exit status 2).
#ifndef ENTENTE_CLI_FLAGS_H_
#define ENTENTE_CLI_FLAGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace entente::cli {

struct FlagSpec {
  std::string name;      // without dashes
  bool takes_value = true;
  std::string help;      // one line
  std::string value_name = "VALUE";
};

class Flags {
 public:
  // Parses args (after the command words). On error returns false and sets *error.
  bool Parse(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
             std::string* error);
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& def = "") const;
  std::vector<std::string> GetAll(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::multimap<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// "  --name VALUE   help" lines for usage text.
std::string FlagHelp(const std::vector<FlagSpec>& specs);

}  // namespace entente::cli

#endif  // ENTENTE_CLI_FLAGS_H_
