#include "interop/line_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>

#include <cstdio>
#include <cstring>
#include <algorithm>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente::interop {

namespace {
// Buffers kept between gzip files of one thread (up to 64 MB each), so inflating the next file
// does not pay page faults for fresh memory again.
constexpr size_t kSpareMaxBytes = size_t{64} << 20;
thread_local std::string spare_in, spare_out;
}  // namespace

LineReader::~LineReader() {
  if (a_) archive_read_free(a_);
  // The spare keeps its size too: the next InflateGzip then resizes it without zero-filling
  // megabytes it is about to overwrite.
  if (in_memory_ && buf_.capacity() <= kSpareMaxBytes) spare_out.swap(buf_);
}

namespace {

// A plain gzip file (not a tar inside) at most this large when decompressed is inflated whole
// with libdeflate, ~2x faster than libarchive's zlib stream; larger ones, and anything
// libdeflate refuses (a truncated or damaged file, whose readable lines should still be
// imported), go through libarchive in bounded memory.
constexpr size_t kWholeGzipMaxBytes = size_t{512} << 20;

// Reads `path` whole when it is a gzip file; false when it is not (or cannot be read).
bool ReadGzipFile(const std::string& path, std::string* data) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char magic[3] = {0, 0, 0};
  bool gz = std::fread(magic, 1, 3, f) == 3 && magic[0] == 0x1f && magic[1] == 0x8b && magic[2] == 8;
  if (gz && std::fseek(f, 0, SEEK_END) == 0) {
    long size = std::ftell(f);
    gz = size > 18 && static_cast<size_t>(size) <= kWholeGzipMaxBytes && std::fseek(f, 0, SEEK_SET) == 0;
    if (gz) {
      data->resize(static_cast<size_t>(size));
      gz = std::fread(data->data(), 1, data->size(), f) == data->size();
    }
  } else {
    gz = false;
  }
  std::fclose(f);
  return gz;
}

// Inflates every member of the gzip data `in` into *out; false when libdeflate cannot (damage,
// truncation, more than kWholeGzipMaxBytes).
bool InflateGzip(const std::string& in, std::string* out) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  if (!d) return false;
  uint32_t isize;  // the last member's size mod 2^32: a first guess
  std::memcpy(&isize, in.data() + in.size() - 4, 4);
  size_t cap = std::max<size_t>({static_cast<size_t>(isize) + 1, in.size() * 4, 1 << 16});
  out->resize(std::min(cap, kWholeGzipMaxBytes));
  size_t in_pos = 0, out_pos = 0;
  bool ok = true;
  while (ok && in_pos < in.size()) {
    size_t used_in = 0, used_out = 0;
    libdeflate_result r = libdeflate_gzip_decompress_ex(d, in.data() + in_pos, in.size() - in_pos,
                                                        out->data() + out_pos, out->size() - out_pos,
                                                        &used_in, &used_out);
    if (r == LIBDEFLATE_SUCCESS) {
      in_pos += used_in;
      out_pos += used_out;
    } else if (r == LIBDEFLATE_INSUFFICIENT_SPACE && out->size() < kWholeGzipMaxBytes) {
      out->resize(std::min(out->size() * 2, kWholeGzipMaxBytes));
    } else {
      ok = false;
    }
  }
  libdeflate_free_decompressor(d);
  out->resize(ok ? out_pos : 0);
  return ok;
}

// A tar archive has "ustar" at byte 257 of its first header.
bool LooksLikeTar(const std::string& data) {
  return data.size() >= 262 && std::memcmp(data.data() + 257, "ustar", 5) == 0;
}

}  // namespace

Status LineReader::Open(const std::string& path) {
  path_ = path;
  {
    std::string& gz = spare_in;
    buf_.swap(spare_out);
    const bool whole = ReadGzipFile(path, &gz) && InflateGzip(gz, &buf_) && !LooksLikeTar(buf_);
    if (gz.capacity() > kSpareMaxBytes) std::string().swap(gz);
    if (whole) {
      // The whole member is in buf_: Fill() has nothing more to add.
      in_memory_ = true;
      ++member_;
      return Status::OK();
    }
    buf_.clear();
    if (buf_.capacity() <= kSpareMaxBytes) spare_out.swap(buf_);
    buf_.clear();
  }
  a_ = archive_read_new();
  archive_read_support_filter_all(a_);
  archive_read_support_format_zip(a_);
  archive_read_support_format_tar(a_);
  archive_read_support_format_raw(a_);  // plain and .gz files: one member
  if (archive_read_open_filename(a_, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    status_ = Status::IOError(path + ": " + archive_error_string(a_));
    return status_;
  }
  if (!NextEntry()) return status_.ok() ? Status::IOError(path + ": empty archive") : status_;
  return Status::OK();
}

bool LineReader::NextEntry() {
  struct archive_entry* entry;
  int r = archive_read_next_header(a_, &entry);
  if (r == ARCHIVE_EOF) return false;
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
    status_ = Status::IOError(path_ + ": " + archive_error_string(a_));
    return false;
  }
  entry_open_ = true;
  ++member_;
  line_number_ = 0;
  const char* name = archive_entry_pathname(entry);
  member_name_ = name ? name : "";
  multi_ = archive_format(a_) != ARCHIVE_FORMAT_RAW;
  return true;
}

std::string LineReader::where() const {
  return multi_ ? path_ + "[" + member_name_ + "]" : path_;
}

// Appends the next block of the current member (or the next member) to buf_.
bool LineReader::Fill() {
  if (in_memory_) return false;
  while (true) {
    if (pending_entry_) {
      pending_entry_ = false;
      if (!NextEntry()) return false;
    }
    if (!entry_open_) return false;
    const void* block;
    size_t size;
    la_int64_t offset;
    int r = archive_read_data_block(a_, &block, &size, &offset);
    if (r == ARCHIVE_EOF) {
      entry_open_ = false;
      if (pos_ < buf_.size() && buf_.back() != '\n') buf_.push_back('\n');  // member without final newline
      if (pos_ < buf_.size()) {
        pending_entry_ = true;  // hand out the rest of this member first
        return true;
      }
      if (!NextEntry()) return false;
      continue;
    }
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      status_ = Status::IOError(path_ + ": " + archive_error_string(a_));
      entry_open_ = false;
      return false;
    }
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    buf_.append(static_cast<const char*>(block), size);
    return true;
  }
}

bool LineReader::Next(std::string_view* line) {
  while (true) {
    size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      std::string_view l(buf_.data() + pos_, nl - pos_);
      pos_ = nl + 1;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      ++line_number_;
      *line = l;
      return true;
    }
    if (!Fill()) {
      if (pos_ < buf_.size()) {  // last line without newline
        std::string_view l(buf_.data() + pos_, buf_.size() - pos_);
        pos_ = buf_.size();
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        ++line_number_;
        *line = l;
        return true;
      }
      return false;
    }
  }
}

namespace {

// Appends the `delim`-separated fields of `line` to *out in one pass over its bytes (16 at a
// time with SSE2), without allocating once *out has grown to the widest row seen.
void SplitPlain(std::string_view line, char delim, std::vector<std::string_view>* out) {
  const char* p = line.data();
  const size_t n = line.size();
  size_t start = 0, i = 0;
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delim);
  for (; i + 16 <= n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, d)));
    while (mask) {
      size_t k = i + static_cast<size_t>(__builtin_ctz(mask));
      out->emplace_back(p + start, k - start);
      start = k + 1;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == delim) {
      out->emplace_back(p + start, i - start);
      start = i + 1;
    }
  }
  out->emplace_back(p + start, n - start);
}

}  // namespace

void SplitFields(std::string_view line, char delim, bool quotes, std::vector<std::string_view>* out,
                 std::string* scratch) {
  out->clear();
  if (!quotes || line.find('"') == std::string_view::npos) {
    SplitPlain(line, delim, out);
    return;
  }
  // Quoted fields: unescape into scratch; views point into scratch, so reserve up front.
  scratch->clear();
  scratch->reserve(line.size() + 1);
  std::vector<std::pair<size_t, size_t>> ranges;
  size_t i = 0;
  while (true) {
    size_t begin = scratch->size();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            scratch->push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        scratch->push_back(line[i++]);
      }
      while (i < line.size() && line[i] != delim) scratch->push_back(line[i++]);
    } else {
      while (i < line.size() && line[i] != delim) scratch->push_back(line[i++]);
    }
    ranges.emplace_back(begin, scratch->size() - begin);
    if (i >= line.size()) break;
    ++i;  // delimiter
  }
  for (auto [b, n] : ranges) out->push_back(std::string_view(*scratch).substr(b, n));
}

}  // namespace entente::interop
