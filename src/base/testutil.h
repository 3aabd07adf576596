// Helpers shared by tests: where the source tree and ../shared data are.
#ifndef ENTENTE_BASE_TESTUTIL_H_
#define ENTENTE_BASE_TESTUTIL_H_

#include <gtest/gtest.h>

#include <string>

namespace entente::testing {

// The repository root (tests run with it as working directory).
std::string SourceDir();
// ../shared/data, or "" when absent. Use ENTENTE_REQUIRE_SHARED to skip.
std::string SharedDataDir();
// A fresh empty directory under the system temp dir, removed at process exit.
std::string TempDir();
std::string ReadFileOrDie(const std::string& path);

}  // namespace entente::testing

// Skips the current test with a message when ../shared/data is absent.
#define ENTENTE_REQUIRE_SHARED(var)                                                  \
  std::string var = ::entente::testing::SharedDataDir();                             \
  if (var.empty()) GTEST_SKIP() << "../shared/data not found; skipping data test"

#endif  // ENTENTE_BASE_TESTUTIL_H_
