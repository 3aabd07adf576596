// Archive input for LineReader (base/line_reader.h, which explains the layering): plain, gzip,
// zip and tar files (every member of a zip or tar in turn) through libarchive, in bounded
// memory; a gzip file of at most 512 MB decompressed is inflated whole with libdeflate instead
// (faster; a damaged one falls back to libarchive, which returns the lines before the damage).
// Also the field splitter of the importers.
#ifndef ENTENTE_INTEROP_LINE_READER_H_
#define ENTENTE_INTEROP_LINE_READER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/line_reader.h"
#include "entente/status.h"

namespace entente::interop {

// A LineReader over `path` (plain, gzip, zip or tar). IOError "<path>: <reason>" when the file
// cannot be opened or holds no member; read errors later come from the reader's status() as
// "<where>: line N: <reason>". where() names a zip or tar member as "path[member]".
Result<std::unique_ptr<LineReader>> OpenLines(const std::string& path);

// Splits a delimited line into fields. With `quotes`, fields may be "quoted" ("" is a quote).
void SplitFields(std::string_view line, char delim, bool quotes, std::vector<std::string_view>* out,
                 std::string* scratch);

}  // namespace entente::interop

#endif  // ENTENTE_INTEROP_LINE_READER_H_
