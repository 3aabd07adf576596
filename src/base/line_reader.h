// LineReader: a text file read line by line, gzip-compressed or plain (zlib passes an
// uncompressed file through unchanged), holding one buffer and the longest line in memory.
#ifndef ENTENTE_BASE_LINE_READER_H_
#define ENTENTE_BASE_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "entente/status.h"

namespace entente {

// Not thread-safe; one reader per thread.
class LineReader {
 public:
  // Opens `path`; NotFound "<path>: cannot open: <reason>" when it cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets `line` to the next line without its "\n" (or "\r\n"); it stays valid until the next
  // call. A last line without a final newline is returned too. Returns false at the end of the
  // file and on a read error; status() tells the two apart.
  bool Next(std::string_view* line);

  // OK, or Corruption "<path>: line N: <zlib message>" after a read error (a truncated or
  // damaged gzip stream); N is the line being read when it happened.
  const Status& status() const { return status_; }
  // 1-based number of the line Next last returned (0 before the first).
  int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

 private:
  LineReader(std::string path, void* file);
  bool Fill();  // reads the next chunk into buf_; false at the end or on error

  std::string path_;
  void* file_;         // gzFile (kept opaque so callers need not include zlib.h)
  std::string buf_;    // the current chunk; [pos_, len_) not yet returned
  size_t pos_ = 0, len_ = 0;
  std::string carry_;  // a line that crosses chunks
  bool eof_ = false;
  int64_t line_number_ = 0;
  Status status_;
};

}  // namespace entente

#endif  // ENTENTE_BASE_LINE_READER_H_
