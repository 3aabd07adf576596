// A one-line progress bar on stderr (documents/s, events, time left). Only draws on a
// terminal; in a pipe it stays silent. Redraws at most ten times a second.
#ifndef ENTENTE_CLI_PROGRESS_H_
#define ENTENTE_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>

namespace entente::cli {

class Progress {
 public:
  // `total_bytes` of input, 0 when unknown (no time left is shown then).
  Progress(bool enabled, int64_t total_bytes);
  ~Progress();
  void Update(int64_t documents, int64_t events, int64_t bytes);
  void Done();

 private:
  void Draw(bool final);
  bool enabled_;
  int64_t total_bytes_;
  int64_t documents_ = 0, events_ = 0, bytes_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace entente::cli

#endif  // ENTENTE_CLI_PROGRESS_H_
