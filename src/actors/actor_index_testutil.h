// Test helpers shared by the actor index tests (actor_index_test.cc, actor_dictionary_test.cc):
// the hand-written mini knowledge tree and a diagnostic collector. Test-only; include from
// tests alone.
#ifndef ENTENTE_ACTORS_ACTOR_INDEX_TESTUTIL_H_
#define ENTENTE_ACTORS_ACTOR_INDEX_TESTUTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/testutil.h"
#include "entente/reader.h"

namespace entente::actors::testutil {

// The mini knowledge tree (tests/golden/actors/mini) under the source directory.
inline std::string MiniRoot() { return testing::SourceDir() + "/tests/golden/actors/mini"; }

// Collects the diagnostics sent to its Sink().
struct Collected {
  std::vector<Diagnostic> diags;
  DiagnosticSink Sink() {
    return [this](const Diagnostic& d) { diags.push_back(d); };
  }
  int Errors() const {
    int n = 0;
    for (const Diagnostic& d : diags) n += d.level == Diagnostic::Level::kError;
    return n;
  }
  bool Has(std::string_view file_suffix, int line, std::string_view fragment) const {
    for (const Diagnostic& d : diags)
      if (d.line == line && d.file.size() >= file_suffix.size() &&
          d.file.compare(d.file.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0 &&
          d.message.find(fragment) != std::string::npos)
        return true;
    return false;
  }
  std::string All() const {
    std::string s;
    for (const Diagnostic& d : diags) s += d.ToString() + "\n";
    return s;
  }
};

}  // namespace entente::actors::testutil

#endif  // ENTENTE_ACTORS_ACTOR_INDEX_TESTUTIL_H_
