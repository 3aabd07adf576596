#include "base/line_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace entente {
namespace {

constexpr size_t kChunkBytes = 1u << 20;

gzFile Gz(void* f) { return static_cast<gzFile>(f); }

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  errno = 0;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    return Status::NotFound(path + ": cannot open: " +
                            (errno ? std::strerror(errno) : "out of memory"));
  }
  gzbuffer(f, kChunkBytes);
  return std::unique_ptr<LineReader>(new LineReader(path, f));
}

LineReader::LineReader(std::string path, void* file) : path_(std::move(path)), file_(file) {
  buf_.resize(kChunkBytes);
}

LineReader::~LineReader() { gzclose(Gz(file_)); }

bool LineReader::Fill() {
  int got = gzread(Gz(file_), buf_.data(), static_cast<unsigned>(buf_.size()));
  int code = Z_OK;
  const char* msg = got > 0 ? nullptr : gzerror(Gz(file_), &code);
  // A truncated stream is not a gzread error: it returns what it could, then 0 with Z_BUF_ERROR.
  if (got < 0 || code != Z_OK) {
    std::string what = code == Z_ERRNO ? std::strerror(errno) : (msg && *msg ? msg : "read error");
    status_ = Status::Corruption(path_ + ": line " + std::to_string(line_number_ + 1) + ": " + what);
    return false;
  }
  pos_ = 0;
  len_ = static_cast<size_t>(got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::Next(std::string_view* line) {
  if (!status_.ok()) return false;
  carry_.clear();
  bool partial = false;  // carry_ holds the start of a line (possibly empty before a "\r")
  for (;;) {
    if (pos_ < len_) {
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      if (nl) {
        size_t n = static_cast<size_t>(nl - start);
        pos_ += n + 1;
        if (partial) {
          carry_.append(start, n);
          *line = carry_;
        } else {
          *line = std::string_view(start, n);
        }
        break;
      }
      carry_.append(start, len_ - pos_);
      pos_ = len_;
      partial = true;
    }
    if (eof_ || !Fill()) {
      if (!status_.ok() || !partial) return false;
      *line = carry_;  // the last line, without a final newline
      break;
    }
  }
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  ++line_number_;
  return true;
}

}  // namespace entente
