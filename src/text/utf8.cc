#include "text/utf8.h"

#include <cstring>

namespace entente::text {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// For an ill-formed sequence starting at v[i]: how many bytes form its maximal subpart
// (Unicode 15, section 3.9), and whether that subpart was cut short by the end of `v`.
size_t MaximalSubpart(std::string_view v, size_t i, bool* truncated) {
  const unsigned char c = static_cast<unsigned char>(v[i]);
  *truncated = false;
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t k = 1;
  for (int j = 0; j < need; ++j, ++k) {
    if (i + k >= v.size()) {
      *truncated = true;
      return k;
    }
    const unsigned char b = static_cast<unsigned char>(v[i + k]);
    if (b < lo || b > hi) return k;
    lo = 0x80;
    hi = 0xBF;
  }
  return k;  // complete and valid: callers never ask for this
}

}  // namespace

void Utf8Repairer::Feed(std::string_view data, std::string* out) {
  std::string joined;
  std::string_view v = data;
  if (!pending_.empty()) {
    joined = pending_;
    joined.append(data);
    pending_.clear();
    v = joined;
  }
  size_t i = 0;
  if (!started_) {
    if (v.size() < 3 && std::string_view("\xEF\xBB\xBF").substr(0, v.size()) == v && !v.empty()) {
      pending_.assign(v);  // might be the start of a BOM; decide with more bytes
      return;
    }
    started_ = true;
    if (v.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  }
  const size_t n = v.size();
  size_t run = i;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, v.data() + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(v[i]) < 0x80) {
      ++i;
      continue;
    }
    int len;
    DecodeUtf8(v.data(), n, i, &len);
    if (len > 1) {
      i += len;
      continue;
    }
    bool truncated;
    size_t sub = MaximalSubpart(v, i, &truncated);
    out->append(v.substr(run, i - run));
    if (truncated) {  // may complete in the next chunk
      pending_.assign(v.substr(i));
      offset_ += static_cast<int64_t>(i);
      return;
    }
    out->append(kReplacement);
    Bad(offset_ + static_cast<int64_t>(i));
    i += sub;
    run = i;
  }
  out->append(v.substr(run, n - run));
  offset_ += static_cast<int64_t>(n);
}

void Utf8Repairer::Finish(std::string* out) {
  if (pending_.empty()) return;
  if (!started_) {  // a short input that is a prefix of a BOM: it is just bad bytes
    started_ = true;
  }
  out->append(kReplacement);
  Bad(offset_);
  offset_ += static_cast<int64_t>(pending_.size());
  pending_.clear();
}

std::string RepairUtf8(std::string_view data, int64_t* bad_sequences, int64_t* first_bad_offset) {
  Utf8Repairer r;
  std::string out;
  out.reserve(data.size());
  r.Feed(data, &out);
  r.Finish(&out);
  if (bad_sequences) *bad_sequences = r.bad_sequences();
  if (first_bad_offset) *first_bad_offset = r.first_bad_offset();
  return out;
}

}  // namespace entente::text
