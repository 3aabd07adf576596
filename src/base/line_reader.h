// LineReader: the one reader of line-oriented input (GDELT and ICEWS tables, UN debates, vote
// tables), holding one block of input and the longest line in memory.
//
// Layering: line splitting, line numbers and error messages live here, once. Where the bytes
// come from is a ByteSource. base itself reads plain and gzip files (zlib, LineReader::Open);
// a stage that needs more formats implements ByteSource and hands it to the LineReader
// constructor: interop adds zip and tar archives (libarchive) and whole-file gzip inflation
// (libdeflate) in interop/line_reader.h, so base does not depend on those libraries and every
// caller gets the same lines, numbering and errors whatever the source.
#ifndef ENTENTE_BASE_LINE_READER_H_
#define ENTENTE_BASE_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "entente/status.h"

namespace entente {

// Bytes in one or more members (the files inside an archive; a plain file is one member).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Starts the next member (the first call starts the first) and sets *name to its name, ""
  // for the only member of a plain or gzip file. False when there are no more members, or on
  // an error (then status() is not OK).
  virtual bool NextMember(std::string* name) = 0;
  // Sets *block to the next bytes of the current member, valid until the next call. False at
  // the end of the member, or on an error (then status() is not OK).
  virtual bool Read(std::string_view* block) = 0;
  // OK, or what went wrong, without path or line (LineReader adds them).
  virtual const Status& status() const = 0;
};

// Not thread-safe; one reader per thread.
class LineReader {
 public:
  // Opens a plain or gzip file (zlib passes an uncompressed file through unchanged); NotFound
  // "<path>: cannot open: <reason>" when it cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  // Reads the lines of `source`; `path` names it in where() and in errors.
  LineReader(std::string path, std::unique_ptr<ByteSource> source);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets `line` to the next line without its "\n" (or "\r\n"); it stays valid until the next
  // call. The last line of a member is returned even without a final newline. Returns false at
  // the end of the input and on a read error; status() tells the two apart. After a read error
  // the incomplete line it interrupted is not returned.
  bool Next(std::string_view* line);

  // OK, or after a read error the source's error code with the message
  // "<where()>: line N: <what>" (N: the line being read when it happened; for gzip files a
  // truncated or damaged stream is Corruption).
  const Status& status() const { return status_; }
  // 1-based number of the line Next last returned within the current member (0 before the first).
  int64_t line_number() const { return line_number_; }
  // Members started so far (1 for a plain file); changes when a zip/tar member starts.
  int member() const { return member_; }
  const std::string& path() const { return path_; }
  // "path" for a plain or gzip file, "path[member name]" inside an archive.
  std::string where() const;

 private:
  void SetError();

  std::string path_;
  std::unique_ptr<ByteSource> source_;
  std::string_view block_;  // the current block; [pos_, end) not yet returned
  size_t pos_ = 0;
  std::string carry_;  // a line that crosses blocks
  std::string member_name_;
  bool in_member_ = false, done_ = false;
  int member_ = 0;
  int64_t line_number_ = 0;
  Status status_;
};

}  // namespace entente

#endif  // ENTENTE_BASE_LINE_READER_H_
