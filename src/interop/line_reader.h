// Reads text lines from a plain, gzip or zip file (every member of a zip in turn) with
// libarchive, in bounded memory; a gzip file of at most 512 MB decompressed is inflated whole
// with libdeflate instead (faster; a damaged one falls back to libarchive, which returns the
// lines before the damage). Lines are returned without the newline (and without a CR).
#ifndef ENTENTE_INTEROP_LINE_READER_H_
#define ENTENTE_INTEROP_LINE_READER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/status.h"

struct archive;

namespace entente::interop {

class LineReader {
 public:
  LineReader() = default;
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  Status Open(const std::string& path);
  // Next line into *line (valid until the next call). False at the end or on error (see status()).
  bool Next(std::string_view* line);
  const Status& status() const { return status_; }
  // Line number within the current member (1-based).
  int64_t line_number() const { return line_number_; }
  // Counts members read so far (1 for a plain file); changes when a zip/tar member starts.
  int member() const { return member_; }
  // "path" for a plain or gzip file, "path[member name]" inside a zip or tar archive.
  std::string where() const;

 private:
  bool NextEntry();
  bool Fill();
  struct archive* a_ = nullptr;
  std::string path_;
  std::string buf_;
  size_t pos_ = 0;
  bool entry_open_ = false;
  bool eof_ = false;
  int64_t line_number_ = 0;
  int member_ = 0;
  std::string member_name_;
  bool multi_ = false;
  bool pending_entry_ = false;
  bool in_memory_ = false;  // a gzip file inflated whole into buf_
  Status status_;
};

// Splits a delimited line into fields. With `quotes`, fields may be "quoted" ("" is a quote).
void SplitFields(std::string_view line, char delim, bool quotes, std::vector<std::string_view>* out,
                 std::string* scratch);

}  // namespace entente::interop

#endif  // ENTENTE_INTEROP_LINE_READER_H_
