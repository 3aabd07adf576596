#include "base/line_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace entente {
namespace {

constexpr size_t kChunkBytes = 1u << 20;

// A plain or gzip file through zlib's gz* functions: one member, read 1 MiB at a time.
class GzipFileSource final : public ByteSource {
 public:
  explicit GzipFileSource(gzFile f) : file_(f) { buf_.resize(kChunkBytes); }
  ~GzipFileSource() override { gzclose(file_); }

  bool NextMember(std::string* name) override {
    if (started_) return false;
    started_ = true;
    name->clear();
    return true;
  }

  bool Read(std::string_view* block) override {
    if (eof_ || !status_.ok()) return false;
    int got = gzread(file_, buf_.data(), static_cast<unsigned>(buf_.size()));
    int code = Z_OK;
    const char* msg = got > 0 ? nullptr : gzerror(file_, &code);
    // A truncated stream is not a gzread error: it returns what it could, then 0 with Z_BUF_ERROR.
    if (got < 0 || code != Z_OK) {
      status_ = Status::Corruption(code == Z_ERRNO ? std::strerror(errno) : (msg && *msg ? msg : "read error"));
      return false;
    }
    if (got == 0) {
      eof_ = true;
      return false;
    }
    *block = std::string_view(buf_.data(), static_cast<size_t>(got));
    return true;
  }

  const Status& status() const override { return status_; }

 private:
  gzFile file_;
  std::string buf_;
  bool started_ = false, eof_ = false;
  Status status_;
};

// `s` with its code and the message `message`.
Status WithMessage(const Status& s, std::string message) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(std::move(message));
    case Status::Code::kNotFound: return Status::NotFound(std::move(message));
    case Status::Code::kIOError: return Status::IOError(std::move(message));
    case Status::Code::kCorruption: return Status::Corruption(std::move(message));
    case Status::Code::kUnsupported: return Status::Unsupported(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  errno = 0;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    return Status::NotFound(path + ": cannot open: " +
                            (errno ? std::strerror(errno) : "out of memory"));
  }
  gzbuffer(f, kChunkBytes);
  return std::make_unique<LineReader>(path, std::make_unique<GzipFileSource>(f));
}

LineReader::LineReader(std::string path, std::unique_ptr<ByteSource> source)
    : path_(std::move(path)), source_(std::move(source)) {}

LineReader::~LineReader() = default;

std::string LineReader::where() const {
  return member_name_.empty() ? path_ : path_ + "[" + member_name_ + "]";
}

void LineReader::SetError() {
  status_ = WithMessage(source_->status(), where() + ": line " + std::to_string(line_number_ + 1) + ": " +
                                               source_->status().message());
}

bool LineReader::Next(std::string_view* line) {
  if (!status_.ok() || done_) return false;
  carry_.clear();
  bool partial = false;  // carry_ holds the start of a line (possibly empty before a "\r")
  for (;;) {
    if (pos_ < block_.size()) {
      const char* start = block_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', block_.size() - pos_));
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
      carry_.append(start, block_.size() - pos_);
      pos_ = block_.size();
      partial = true;
    }
    if (in_member_) {
      if (source_->Read(&block_)) {
        pos_ = 0;
        continue;
      }
      block_ = {};
      pos_ = 0;
      in_member_ = false;
      if (!source_->status().ok()) {
        SetError();
        return false;
      }
    }
    if (partial) {
      *line = carry_;  // the last line of the member, without a final newline
      break;
    }
    if (!source_->NextMember(&member_name_)) {
      if (!source_->status().ok()) SetError();
      done_ = true;
      return false;
    }
    in_member_ = true;
    ++member_;
    line_number_ = 0;
  }
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  ++line_number_;
  return true;
}

}  // namespace entente
