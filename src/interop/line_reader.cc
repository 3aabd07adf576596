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

namespace {

// The bytes of an archive or of a gzip file inflated whole, for LineReader.
class ArchiveSource final : public ByteSource {
 public:
  ~ArchiveSource() override {
    if (a_) archive_read_free(a_);
    // The spare keeps its size too: the next InflateGzip then resizes it without zero-filling
    // megabytes it is about to overwrite.
    if (in_memory_ && whole_.capacity() <= kSpareMaxBytes) spare_out.swap(whole_);
  }

  // IOError "<path>: <reason>" when `path` cannot be read or has no member.
  Status Open(const std::string& path) {
    {
      std::string& gz = spare_in;
      whole_.swap(spare_out);
      const bool whole = ReadGzipFile(path, &gz) && InflateGzip(gz, &whole_) && !LooksLikeTar(whole_);
      if (gz.capacity() > kSpareMaxBytes) std::string().swap(gz);
      if (whole) {
        in_memory_ = true;
        return Status::OK();
      }
      whole_.clear();
      if (whole_.capacity() <= kSpareMaxBytes) spare_out.swap(whole_);
      whole_.clear();
    }
    a_ = archive_read_new();
    archive_read_support_filter_all(a_);
    archive_read_support_format_zip(a_);
    archive_read_support_format_tar(a_);
    archive_read_support_format_raw(a_);  // plain and .gz files: one member
    if (archive_read_open_filename(a_, path.c_str(), 1 << 16) != ARCHIVE_OK)
      return Status::IOError(path + ": " + archive_error_string(a_));
    // The first member is opened now, so a file that is not readable fails here.
    if (!NextEntry(&first_name_)) return Status::IOError(path + ": " + (status_.ok() ? "empty archive" : status_.message()));
    first_pending_ = true;
    return Status::OK();
  }

  bool NextMember(std::string* name) override {
    if (in_memory_) {
      if (started_) return false;
      started_ = true;
      name->clear();
      return true;
    }
    if (first_pending_) {
      first_pending_ = false;
      *name = first_name_;
      return true;
    }
    return NextEntry(name);
  }

  bool Read(std::string_view* block) override {
    if (in_memory_) {
      if (given_) return false;
      given_ = true;
      *block = whole_;
      return true;
    }
    const void* data;
    size_t size;
    la_int64_t offset;
    int r = archive_read_data_block(a_, &data, &size, &offset);
    if (r == ARCHIVE_EOF) return false;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      status_ = Status::IOError(archive_error_string(a_));
      return false;
    }
    *block = std::string_view(static_cast<const char*>(data), size);
    return true;
  }

  const Status& status() const override { return status_; }

 private:
  // Opens the next archive entry; its name is "" in a plain or gzip file (raw format).
  bool NextEntry(std::string* name) {
    struct archive_entry* entry;
    int r = archive_read_next_header(a_, &entry);
    if (r == ARCHIVE_EOF) return false;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      status_ = Status::IOError(archive_error_string(a_));
      return false;
    }
    const char* n = archive_entry_pathname(entry);
    if (archive_format(a_) == ARCHIVE_FORMAT_RAW) name->clear();
    else name->assign(n ? n : "");
    return true;
  }

  struct archive* a_ = nullptr;
  std::string whole_;       // a gzip file inflated whole (in_memory_)
  bool in_memory_ = false, started_ = false, given_ = false;
  bool first_pending_ = false;
  std::string first_name_;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<LineReader>> OpenLines(const std::string& path) {
  auto source = std::make_unique<ArchiveSource>();
  if (Status s = source->Open(path); !s.ok()) return s;
  return std::make_unique<LineReader>(path, std::move(source));
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
