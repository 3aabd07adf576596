#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace entente::text {
namespace {

TEST(Utf8, ValidTextUnchanged) {
  int64_t bad = -1, first = -2;
  const std::string s = "Kim’s “visit” — 北京 🙂";
  EXPECT_EQ(RepairUtf8(s, &bad, &first), s);
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(first, -1);
}

TEST(Utf8, EachBadSequenceBecomesOneReplacement) {
  int64_t bad = 0, first = 0;
  // stray continuation, overlong, surrogate, truncated 3-byte sequence, invalid lead byte
  std::string out = RepairUtf8("a\x80" "b\xC0\xAF" "c\xED\xA0\x80" "d\xE2\x82" "e\xFF", &bad, &first);
  EXPECT_EQ(out, "a\uFFFD" "b\uFFFD\uFFFD" "c\uFFFD\uFFFD\uFFFD" "d\uFFFD" "e\uFFFD");
  EXPECT_EQ(first, 1);
  EXPECT_EQ(bad, 8);
}

TEST(Utf8, StreamingAcrossChunkBoundaries) {
  const std::string s = "Ελλάδα’s 🙂 \xff end";
  for (size_t split = 0; split <= s.size(); ++split) {
    Utf8Repairer r;
    std::string out;
    r.Feed(std::string_view(s).substr(0, split), &out);
    r.Feed(std::string_view(s).substr(split), &out);
    r.Finish(&out);
    EXPECT_EQ(out, "Ελλάδα’s 🙂 \uFFFD end") << split;
    EXPECT_EQ(r.bad_sequences(), 1);
    EXPECT_EQ(r.first_bad_offset(), static_cast<int64_t>(s.find('\xff')));
  }
}

TEST(Utf8, BomDroppedAndTruncatedEnd) {
  int64_t bad = 0;
  EXPECT_EQ(RepairUtf8("\xEF\xBB\xBFhi", &bad, nullptr), "hi");
  EXPECT_EQ(RepairUtf8("hi\xF0\x9F", &bad, nullptr), "hi\uFFFD");
  EXPECT_EQ(bad, 1);
}

TEST(Utf8, Decode) {
  int len;
  EXPECT_EQ(DecodeUtf8("\xE2\x80\x99", 3, 0, &len), 0x2019u);
  EXPECT_EQ(len, 3);
  EXPECT_EQ(DecodeUtf8("\xE2\x80", 2, 0, &len), 0xFFFDu);
  EXPECT_EQ(len, 1);
  std::string s;
  AppendUtf8(0x1F642, &s);
  EXPECT_EQ(s, "🙂");
}

}  // namespace
}  // namespace entente::text
