#include "base/line_reader.h"

#include <zlib.h>

#include <fstream>
#include <vector>

#include "base/testutil.h"

namespace entente {
namespace {

void WritePlain(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

void WriteGzip(const std::string& path, const std::string& data) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, data.data(), static_cast<unsigned>(data.size())), static_cast<int>(data.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

struct ReadAll {
  std::vector<std::string> lines;
  std::vector<int64_t> numbers;
  Status status;
};

ReadAll Read(const std::string& path) {
  ReadAll r;
  auto reader = LineReader::Open(path);
  if (!reader.ok()) {
    r.status = reader.status();
    return r;
  }
  std::string_view line;
  while ((*reader)->Next(&line)) {
    r.lines.emplace_back(line);
    r.numbers.push_back((*reader)->line_number());
  }
  r.status = (*reader)->status();
  return r;
}

// Lines of every awkward kind: empty, CRLF, one longer than the reader's 1 MiB chunk (so it
// crosses chunks), and a last line without a newline.
std::string Sample(std::vector<std::string>* expected) {
  std::string long_line(3u << 20, 'x');
  long_line[12345] = 'y';
  *expected = {"first", "", "crlf", long_line, "after long", "no newline"};
  return "first\n\ncrlf\r\n" + long_line + "\nafter long\nno newline";
}

TEST(LineReaderTest, PlainAndGzipReadTheSameLines) {
  std::string dir = testing::TempDir();
  std::vector<std::string> expected;
  std::string data = Sample(&expected);
  WritePlain(dir + "/a.txt", data);
  WriteGzip(dir + "/a.txt.gz", data);
  for (const std::string& path : {dir + "/a.txt", dir + "/a.txt.gz"}) {
    ReadAll r = Read(path);
    ASSERT_TRUE(r.status.ok()) << path << ": " << r.status.ToString();
    ASSERT_EQ(r.lines.size(), expected.size()) << path;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(r.lines[i], expected[i]) << path << " line " << i + 1;
      EXPECT_EQ(r.numbers[i], static_cast<int64_t>(i + 1));
    }
  }
}

TEST(LineReaderTest, EmptyFileHasNoLinesAndFinalNewlineAddsNone) {
  std::string dir = testing::TempDir();
  WritePlain(dir + "/empty.txt", "");
  ReadAll r = Read(dir + "/empty.txt");
  EXPECT_TRUE(r.status.ok());
  EXPECT_TRUE(r.lines.empty());
  WriteGzip(dir + "/two.gz", "a\nb\n");
  r = Read(dir + "/two.gz");
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.lines, (std::vector<std::string>{"a", "b"}));
}

TEST(LineReaderTest, MissingFileIsNotFoundNamingThePath) {
  std::string path = testing::TempDir() + "/nope.gz";
  ReadAll r = Read(path);
  EXPECT_EQ(r.status.code(), Status::Code::kNotFound);
  EXPECT_NE(r.status.message().find(path), std::string::npos) << r.status.message();
}

TEST(LineReaderTest, TruncatedGzipIsCorruptionNamingPathAndLine) {
  std::string dir = testing::TempDir();
  std::string data;
  for (int i = 0; i < 20000; ++i) data += "line " + std::to_string(i * 7919 % 10007) + "\n";
  WriteGzip(dir + "/full.gz", data);
  std::string gz = testing::ReadFileOrDie(dir + "/full.gz");
  ASSERT_GT(gz.size(), 100u);
  WritePlain(dir + "/cut.gz", gz.substr(0, gz.size() / 2));
  ReadAll r = Read(dir + "/cut.gz");
  EXPECT_EQ(r.status.code(), Status::Code::kCorruption) << r.status.ToString();
  EXPECT_NE(r.status.message().find(dir + "/cut.gz: line "), std::string::npos) << r.status.message();
  EXPECT_LT(r.lines.size(), 20000u);
  for (size_t i = 0; i < r.lines.size(); ++i) {
    ASSERT_EQ(r.lines[i], "line " + std::to_string(static_cast<int>(i) * 7919 % 10007));
  }
}

// A source of members given as strings, each served in blocks of `block` bytes; fails with
// `error` instead of serving member `fail_member`'s block `fail_block`.
class StringsSource final : public ByteSource {
 public:
  StringsSource(std::vector<std::pair<std::string, std::string>> members, size_t block)
      : members_(std::move(members)), block_(block) {}
  int fail_member = -1, fail_block = -1;
  bool NextMember(std::string* name) override {
    if (++current_ >= static_cast<int>(members_.size())) return false;
    *name = members_[current_].first;
    offset_ = 0;
    blocks_ = 0;
    return true;
  }
  bool Read(std::string_view* block) override {
    const std::string& data = members_[current_].second;
    if (current_ == fail_member && blocks_ == fail_block) {
      status_ = Status::IOError("disk on fire");
      return false;
    }
    if (offset_ >= data.size()) return false;
    *block = std::string_view(data).substr(offset_, block_);
    offset_ += block->size();
    ++blocks_;
    return true;
  }
  const Status& status() const override { return status_; }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
  size_t block_;
  int current_ = -1;
  size_t offset_ = 0;
  int blocks_ = 0;
  Status status_;
};

// Lines of several members, in blocks of every small size: lines crossing blocks, members
// without a final newline, empty members, line numbers per member and where() per member.
TEST(LineReaderTest, SourceMembersAndBlocks) {
  for (size_t block = 1; block <= 7; ++block) {
    auto* src = new StringsSource({{"a.tsv", "one\r\ntwo\nthree"}, {"empty", ""}, {"b.tsv", "\nfour\n"}}, block);
    LineReader r("x.zip", std::unique_ptr<ByteSource>(src));
    std::vector<std::string> got;
    std::string_view line;
    while (r.Next(&line))
      got.push_back(r.where() + ":" + std::to_string(r.line_number()) + ":" + std::to_string(r.member()) + ":" +
                    std::string(line));
    EXPECT_TRUE(r.status().ok()) << r.status().ToString();
    EXPECT_EQ(got, (std::vector<std::string>{"x.zip[a.tsv]:1:1:one", "x.zip[a.tsv]:2:1:two", "x.zip[a.tsv]:3:1:three",
                                             "x.zip[b.tsv]:1:3:", "x.zip[b.tsv]:2:3:four"}))
        << "block " << block;
  }
}

// A read error keeps the source's code and names member and line; the line it cut is dropped.
TEST(LineReaderTest, SourceErrorNamesWhereAndLine) {
  auto* src = new StringsSource({{"", "ok\nok\npart"}, {"", "never"}}, 3);
  src->fail_member = 0;
  src->fail_block = 3;  // after "ok\no", "k\np", "art": the fourth block
  LineReader r("f.gz", std::unique_ptr<ByteSource>(src));
  std::vector<std::string> got;
  std::string_view line;
  while (r.Next(&line)) got.emplace_back(line);
  EXPECT_EQ(got, (std::vector<std::string>{"ok", "ok"}));
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_EQ(r.status().message(), "f.gz: line 3: disk on fire");
  EXPECT_FALSE(r.Next(&line));
}

}  // namespace
}  // namespace entente
