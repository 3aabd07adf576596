#include "cli/progress.h"

#include <cstdio>

namespace entente::cli {

Progress::Progress(bool enabled, int64_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { Done(); }

void Progress::Update(int64_t documents, int64_t events, int64_t bytes) {
  documents_ = documents;
  events_ = events;
  bytes_ = bytes;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  Draw(false);
}

void Progress::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? documents_ / secs : 0;
  char eta[32] = "--:--";
  if (total_bytes_ > 0 && bytes_ > 0 && !final) {
    double left = secs * (static_cast<double>(total_bytes_) / bytes_ - 1.0);
    if (left < 0) left = 0;
    int s = static_cast<int>(left);
    std::snprintf(eta, sizeof eta, "%02d:%02d", s / 60, s % 60);
  }
  int width = 24, filled = 0;
  if (total_bytes_ > 0) filled = static_cast<int>(width * std::min(1.0, static_cast<double>(bytes_) / total_bytes_));
  if (final) filled = width;
  char bar[32];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
  bar[width] = 0;
  std::fprintf(stderr, "\r[%s] %lld docs  %.1f docs/s  %lld events  %s %s\033[K", bar,
               static_cast<long long>(documents_), rate, static_cast<long long>(events_),
               final ? "done" : "left", final ? "" : eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Done() {
  if (!enabled_ || !drawn_) return;
  Draw(true);
  std::fputc('\n', stderr);
  drawn_ = false;
  enabled_ = false;
}

}  // namespace entente::cli
