#include "base/testutil.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace entente::testing {

namespace fs = std::filesystem;

std::string SourceDir() {
  if (const char* s = std::getenv("ENTENTE_SOURCE_DIR"); s && *s) return s;
  return fs::current_path().string();
}

std::string SharedDataDir() {
  if (const char* s = std::getenv("ENTENTE_SHARED"); s && *s)
    return fs::exists(fs::path(s) / "data") ? (fs::path(s) / "data").string() : "";
  fs::path p = fs::path(SourceDir()).parent_path() / "shared" / "data";
  std::error_code ec;
  return fs::exists(p, ec) ? p.string() : "";
}

std::string TempDir() {
  static int counter = 0;
  fs::path p = fs::temp_directory_path() /
               ("entente_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  static struct Cleaner {
    std::vector<fs::path> paths;
    ~Cleaner() {
      std::error_code ec;
      for (auto& x : paths) fs::remove_all(x, ec);
    }
  } cleaner;
  cleaner.paths.push_back(p);
  return p.string();
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace entente::testing
