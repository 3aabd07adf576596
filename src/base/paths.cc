#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "entente/pipeline.h"

namespace entente {

namespace fs = std::filesystem;

std::string FindResourceRoot() {
  if (const char* home = std::getenv("ENTENTE_HOME"); home && *home) return home;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "entente";
    if (fs::exists(share / "data", ec)) return share.string();
  }
  if (fs::exists(fs::path(ENTENTE_INSTALL_DATADIR) / "data", ec) &&
      !fs::exists(fs::path(ENTENTE_SOURCE_DATADIR) / "data", ec))
    return ENTENTE_INSTALL_DATADIR;
  return ENTENTE_SOURCE_DATADIR;
}

}  // namespace entente
