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

}  // namespace
}  // namespace entente
