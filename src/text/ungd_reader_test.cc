#include "text/ungd_reader.h"

#include <zlib.h>

#include <regex>

#include "base/testutil.h"

namespace entente::text {
namespace {

void WriteGzip(const std::string& path, const std::string& data) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, data.data(), static_cast<unsigned>(data.size())), static_cast<int>(data.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
}

const char kTwoSpeeches[] =
    R"({"country": "ARG", "session": 1, "year": 1946, "file": "ARG_01_1946.txt", "text": "We speak. Peace matters."})"
    "\n\n"
    R"({"country": "FRA", "session": 2, "year": 1947, "file": "FRA_02_1947.txt", "text": "Nous parlons."})"
    "\n";

TEST(UngdReaderTest, ReadsRecordsAndTheirLines) {
  std::string path = testing::TempDir() + "/ungd.jsonl.gz";
  WriteGzip(path, kTwoSpeeches);
  auto reader = UngdReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  UngdSpeech s;
  ASSERT_TRUE((*reader)->Next(&s));
  EXPECT_EQ(s.country, "ARG");
  EXPECT_EQ(s.session, 1);
  EXPECT_EQ(s.year, 1946);
  EXPECT_EQ(s.file, "ARG_01_1946.txt");
  EXPECT_EQ(s.text, "We speak. Peace matters.");
  EXPECT_EQ((*reader)->line().substr(0, 19), R"({"country": "ARG", )");
  ASSERT_TRUE((*reader)->Next(&s));  // the blank line between is skipped
  EXPECT_EQ(s.country, "FRA");
  EXPECT_EQ(s.text, "Nous parlons.");
  EXPECT_FALSE((*reader)->Next(&s));
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
}

TEST(UngdReaderTest, DocumentsCarrySpeakerDateAndSentences) {
  std::string path = testing::TempDir() + "/ungd.jsonl.gz";
  WriteGzip(path, kTwoSpeeches);
  auto one = ReadUngdDocuments(path, 1);  // the first speech already has enough sentences
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  const Document& d = (*one)[0];
  EXPECT_EQ(d.id, "ARG_01_1946.txt");
  EXPECT_EQ(d.speaker, "ARG");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(d.date->ToString(), "1946-09-15");
  EXPECT_EQ(d.hash, ContentHash("", d.text));
  EXPECT_EQ(d.path, path);
  EXPECT_EQ(d.sentences.size(), 2u);
  auto all = ReadUngdDocuments(path, 1000);  // fewer sentences than asked: every speech
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 2u);
}

TEST(UngdReaderTest, MalformedRecordNamesFileAndLine) {
  struct Case {
    std::string second_line, message;
  };
  const Case cases[] = {
      {"{\"country\": \"ARG\", \"session\": 1, \"year\": 1946, \"file\": \"f\"", "not valid JSON"},
      {"[1, 2]", "not a JSON object"},
      {R"({"country": "ARG", "session": 1, "year": "1946", "file": "f", "text": "t"})", "\"year\""},
      {R"({"country": "ARG", "session": 1, "year": 1946, "file": "f"})", "\"text\""},
      {R"({"country": 32, "session": 1, "year": 1946, "file": "f", "text": "t"})", "\"country\""},
  };
  std::string path = testing::TempDir() + "/bad.jsonl.gz";
  for (const Case& c : cases) {
    WriteGzip(path, std::string(kTwoSpeeches).substr(0, std::string(kTwoSpeeches).find('\n') + 1) +
                        c.second_line + "\n");
    auto reader = UngdReader::Open(path);
    ASSERT_TRUE(reader.ok());
    UngdSpeech s;
    EXPECT_TRUE((*reader)->Next(&s));
    EXPECT_FALSE((*reader)->Next(&s)) << c.second_line;
    const Status& st = (*reader)->status();
    EXPECT_EQ(st.code(), Status::Code::kCorruption) << c.second_line;
    EXPECT_NE(st.message().find(path + ":2: "), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(c.message), std::string::npos) << st.message();
    EXPECT_FALSE((*reader)->Next(&s));  // stays failed
    EXPECT_FALSE(ReadUngdDocuments(path, 1000).ok());
  }
}

TEST(UngdReaderTest, MissingFileIsNotFound) {
  auto reader = UngdReader::Open(testing::TempDir() + "/none.jsonl.gz");
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
}

// The real corpus: the first speeches follow its naming scheme (file "<country>_<session,
// two digits>_<year>.txt", the first session in 1946) and have text.
TEST(UngdReaderTest, RealCorpusRecordsAreConsistent) {
  ENTENTE_REQUIRE_SHARED(shared);
  auto reader = UngdReader::Open(shared + "/" + std::string(kUngdCorpusFile));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  UngdSpeech s;
  int n = 0;
  const std::regex country("[A-Z]{2,3}");
  while (n < 300 && (*reader)->Next(&s)) {
    ++n;
    EXPECT_TRUE(std::regex_match(s.country, country)) << s.file;
    EXPECT_EQ(s.year, 1945 + s.session) << s.file;
    char expected_file[64];
    std::snprintf(expected_file, sizeof expected_file, "%s_%02d_%d.txt", s.country.c_str(),
                  s.session, s.year);
    EXPECT_EQ(s.file, expected_file);
    EXPECT_GT(s.text.size(), 100u) << s.file;
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  EXPECT_EQ(n, 300);
}

}  // namespace
}  // namespace entente::text
