// Fuzz target: the GDELT and ICEWS importers (entente import). Contract under test: any file
// gives events and counted, reported malformed rows, never a crash, a hang or a sanitizer
// report. The first byte picks the source; the rest is written to a file and imported.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "entente/interop.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/entente-fuzz-import-" + std::to_string(getpid()) + ".tsv";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  entente::ImportOptions options;
  int64_t reported = 0;
  options.sink = [&](const entente::Diagnostic&) { ++reported; };
  options.batch_size = 7;
  entente::ImportStats stats;
  int64_t events = 0;
  (void)entente::ImportEvents(
      (data[0] & 1) ? entente::EventSource::kIcews : entente::EventSource::kGdelt, {path}, options,
      [&](std::vector<entente::Event>& batch) {
        events += static_cast<int64_t>(batch.size());
        return entente::Status::OK();
      },
      &stats);
  // Every row is an event or a reported malformed row.
  if (stats.events != events || stats.malformed > reported) __builtin_trap();
  return 0;
}
