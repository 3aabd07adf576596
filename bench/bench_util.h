// Helpers shared by the benchmarks (header-only; each benchmark is its own binary).
#ifndef ENTENTE_BENCH_BENCH_UTIL_H_
#define ENTENTE_BENCH_BENCH_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace entente::bench {

// The repository root (ENTENTE_BENCH_SOURCE_DIR, set by bench/CMakeLists.txt).
inline std::string SourceDir() { return ENTENTE_BENCH_SOURCE_DIR; }

// The shared data directory: $ENTENTE_SHARED/data when ENTENTE_SHARED is set, else
// ../shared/data beside the repository (as testing::SharedDataDir() finds it for tests).
// The directory may not exist; benchmarks skip with a message when their file is absent.
inline std::string SharedDataDir() {
  namespace fs = std::filesystem;
  if (const char* s = std::getenv("ENTENTE_SHARED"); s && *s) return (fs::path(s) / "data").string();
  return (fs::path(SourceDir()).parent_path() / "shared" / "data").string();
}

}  // namespace entente::bench

#endif  // ENTENTE_BENCH_BENCH_UTIL_H_
