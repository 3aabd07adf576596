#include "entente/reader.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "base/testutil.h"
#include "entente/pipeline.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

void Write(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// Reads inputs, keeping documents, diagnostics and stats.
struct ReadRun {
  std::vector<Document> docs;
  std::vector<Diagnostic> diags;
  ReadStats stats;
  Status status;

  int Count(Diagnostic::Level level) const {
    int n = 0;
    for (const auto& d : diags) n += d.level == level;
    return n;
  }
  const Diagnostic* Find(const std::string& needle) const {
    for (const auto& d : diags)
      if (d.ToString().find(needle) != std::string::npos) return &d;
    return nullptr;
  }
  std::string All() const {
    std::string s;
    for (const auto& d : diags) s += d.ToString() + "\n";
    return s;
  }
};

ReadRun ReadFiles(const std::vector<std::string>& inputs, ReadOptions opts = {}) {
  ReadRun r;
  opts.sink = [&](const Diagnostic& d) { r.diags.push_back(d); };
  r.status = ReadDocuments(inputs, opts,
                           [&](Document& d) {
                             r.docs.push_back(d);
                             return Status::OK();
                           },
                           &r.stats);
  return r;
}

ReadRun ReadMem(const std::string& data, const std::string& name, ReadOptions opts = {}) {
  ReadRun r;
  opts.sink = [&](const Diagnostic& d) { r.diags.push_back(d); };
  r.status = ReadBuffer(data, name, opts,
                        [&](Document& d) {
                          r.docs.push_back(d);
                          return Status::OK();
                        },
                        &r.stats);
  return r;
}

// --- Plain text ---

TEST(TextReader, HeaderIsParsedAndNotPartOfText) {
  const std::string dir = testing::TempDir();
  Write(dir + "/a.txt",
        "TITLE: Kim goes to Beijing\ndate: 2025-09-03T08:00:00Z\nSource: Reuters\nUrl: "
        "https://example.com/x\n\nBEIJING (Reuters) - Kim arrived.\n\nXi met him.\n");
  ReadRun r = ReadFiles({dir + "/a.txt"});
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.docs.size(), 1u) << r.All();
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "a.txt");
  EXPECT_EQ(d.path, dir + "/a.txt");
  EXPECT_EQ(d.title, "Kim goes to Beijing");
  EXPECT_EQ(d.source, "Reuters");
  EXPECT_EQ(d.url, "https://example.com/x");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(d.date->ToString(), "2025-09-03");
  EXPECT_EQ(d.text, "BEIJING (Reuters) - Kim arrived.\n\nXi met him.");
  EXPECT_EQ(d.hash, ContentHash(d.title, d.text));
  EXPECT_EQ(r.Count(Diagnostic::Level::kWarning), 0) << r.All();
  EXPECT_EQ(r.stats.inputs, 1);
  EXPECT_EQ(r.stats.documents, 1);
  EXPECT_GT(r.stats.bytes, 0);
}

TEST(TextReader, SpeakerHeaderAndJsonField) {
  const std::string dir = testing::TempDir();
  Write(dir + "/s.txt", "Speaker: FRA\nDate: 2015-09-28\n\nWe call on all parties to talk.\n");
  Write(dir + "/s.jsonl",
        "{\"id\": \"x\", \"speaker\": \"BRA\", \"text\": \"Our country stands ready.\"}\n"
        "{\"id\": \"y\", \"text\": \"No speaker here.\"}\n");
  ReadRun r = ReadFiles({dir + "/s.txt", dir + "/s.jsonl"});
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.docs.size(), 3u) << r.All();
  EXPECT_EQ(r.docs[0].speaker, "FRA");
  EXPECT_EQ(r.docs[0].text, "We call on all parties to talk.");
  EXPECT_EQ(r.docs[1].speaker, "BRA");
  EXPECT_EQ(r.docs[2].speaker, "");
}

TEST(TextReader, HeaderEndsAtFirstNonHeaderLine) {
  ReadRun r = ReadMem("Title: T\nThe story starts here: no blank line.\n", "x.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].title, "T");
  EXPECT_EQ(r.docs[0].text, "The story starts here: no blank line.");
}

TEST(TextReader, MissingDateWarnsOncePerFile) {
  ReadRun r = ReadMem("Just a story.\n", "story.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_FALSE(r.docs[0].date.has_value());
  EXPECT_EQ(r.Count(Diagnostic::Level::kWarning), 1);
  EXPECT_NE(r.Find("no date"), nullptr) << r.All();

  ReadOptions opts;
  opts.default_date = Date{2025, 9, 3};
  r = ReadMem("Just a story.\n", "story.txt", opts);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, (Date{2025, 9, 3}));
  EXPECT_NE(r.Find("default date 2025-09-03"), nullptr) << r.All();
}

TEST(TextReader, DateFromFileNameAndBadDateHeader) {
  ReadRun r = ReadMem("Story.\n", "000_founding_2025-08-28.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, (Date{2025, 8, 28}));
  r = ReadMem("Date: sometime soon\n\nStory.\n", "y.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_FALSE(r.docs[0].date.has_value());
  const Diagnostic* d = r.Find("unrecognised Date header");
  ASSERT_NE(d, nullptr) << r.All();
  EXPECT_EQ(d->line, 1);
}

TEST(TextReader, InvalidUtf8IsRepairedWithOneWarning) {
  std::string body = "Kim met Xi \xff in Beij\xc3ing and \x80 Moscow.";
  ReadRun r = ReadMem(body, "bad.txt");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "Kim met Xi \uFFFD in Beij\uFFFDing and \uFFFD Moscow.");
  const Diagnostic* d = r.Find("invalid UTF-8");
  ASSERT_NE(d, nullptr) << r.All();
  EXPECT_EQ(d->byte, 11);
  EXPECT_NE(d->message.find("3 bad sequences"), std::string::npos);
  int utf8_warnings = 0;
  for (const auto& x : r.diags) utf8_warnings += x.message.find("UTF-8") != std::string::npos;
  EXPECT_EQ(utf8_warnings, 1);
}

TEST(TextReader, EmptyFilesGiveWarningAndNoDocument) {
  const std::string dir = testing::TempDir();
  Write(dir + "/empty.txt", "");
  Write(dir + "/blank.txt", " \n\n \t\n");
  Write(dir + "/header_only.txt", "Title: Nothing\nDate: 2025-01-01\n");
  ReadRun r = ReadFiles({dir});
  EXPECT_TRUE(r.docs.empty());
  EXPECT_EQ(r.Count(Diagnostic::Level::kWarning), 3) << r.All();
  EXPECT_NE(r.Find("empty.txt: warning: empty file"), nullptr) << r.All();
  EXPECT_TRUE(r.stats.rejected.empty());
}

TEST(TextReader, BinaryFilesAreRejected) {
  const std::string dir = testing::TempDir();
  Write(dir + "/nul.txt", std::string("abc\0def\0ghi", 11));
  Write(dir + "/ctl.dat", std::string(100, '\x01') + "text");
  Write(dir + "/z.gz", "\x1f\x8b\x08\x00rest");
  Write(dir + "/u16.txt", "\xFF\xFEK\0i\0m\0");
  Write(dir + "/ok.txt", "A real story.");
  ReadRun r = ReadFiles({dir});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "ok.txt");
  EXPECT_EQ(r.stats.rejected.size(), 4u);
  EXPECT_EQ(r.Count(Diagnostic::Level::kError), 4) << r.All();
  EXPECT_NE(r.Find("nul.txt: error: skipped: binary data (NUL bytes)"), nullptr) << r.All();
  EXPECT_NE(r.Find("z.gz: error: cannot read: gzip"), nullptr) << r.All();  // a broken gzip file
  EXPECT_NE(r.Find("UTF-16"), nullptr);
  EXPECT_NE(r.Find("control bytes"), nullptr);
}

// A gzip file is read inflated; its name without ".gz" decides the format.
TEST(TextReader, GzipFilesAreReadInflated) {
  const std::string dir = testing::TempDir();
  const std::string records = "{\"id\":\"a\",\"text\":\"Kim met Xi.\"}\n{\"id\":\"b\",\"text\":\"Putin met Kim.\"}\n";
  gzFile gz = gzopen((dir + "/news.jsonl.gz").c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, records.data(), static_cast<unsigned>(records.size())), static_cast<int>(records.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  ReadRun r = ReadFiles({dir + "/news.jsonl.gz"});
  ASSERT_EQ(r.docs.size(), 2u) << r.All();
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].text, "Putin met Kim.");
  EXPECT_TRUE(r.stats.rejected.empty());
}

// A gzip file cut short is read up to the damage, reported as an error and counted in
// ReadStats::cut_short (neither a rejected input nor a bad record).
TEST(TextReader, TruncatedGzipIsCountedAsCutShort) {
  const std::string dir = testing::TempDir();
  std::string records;
  for (int i = 0; i < 400; ++i)
    records += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"Report " + std::to_string(i * 7919 % 1000) +
               ": Kim met Xi on day " + std::to_string(i) + ".\"}\n";
  const std::string whole = dir + "/whole.jsonl.gz";
  gzFile gz = gzopen(whole.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, records.data(), static_cast<unsigned>(records.size())), static_cast<int>(records.size()));
  ASSERT_EQ(gzclose(gz), Z_OK);
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Write(dir + "/cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
  ReadRun r = ReadFiles({dir + "/cut.jsonl.gz"});
  EXPECT_GT(r.docs.size(), 0u) << r.All();
  EXPECT_LT(r.docs.size(), 400u) << r.All();
  EXPECT_EQ(r.stats.cut_short, 1) << r.All();
  EXPECT_TRUE(r.stats.rejected.empty());
  EXPECT_NE(r.Find("cut.jsonl.gz: "), nullptr) << r.All();
  EXPECT_EQ(ReadFiles({whole}).stats.cut_short, 0);
}

// A 50 MB file on one line is read in parts of at most max_document_bytes, cut at sentence
// boundaries, without holding the file in memory.
TEST(TextReader, HugeSingleLineFileIsStreamedInParts) {
  const std::string path = testing::TempDir() + "/huge.txt";
  const size_t target = 50u << 20;
  size_t written = 0;
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::string block;
    for (int i = 0; written + block.size() < target; ++i) {
      block += (i == 0 && written == 0 ? "" : " ");
      block += "Kim met Xi in Beijing on day " + std::to_string(i) + " of the long summit.";
      if (block.size() > (1 << 16)) {
        std::fwrite(block.data(), 1, block.size(), f);
        written += block.size();
        block.clear();
      }
    }
    std::fwrite(block.data(), 1, block.size(), f);
    written += block.size();
    std::fclose(f);
  }
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  ReadOptions opts;  // default max_document_bytes: 4 MiB
  size_t parts = 0, total = 0, max_seen = 0;
  bool ids_ok = true, cuts_ok = true;
  opts.sink = [](const Diagnostic&) {};
  Status st = ReadDocuments({path}, opts,
                            [&](Document& d) {
                              ++parts;
                              ids_ok &= d.id == "huge.txt#part" + std::to_string(parts);
                              cuts_ok &= d.text.substr(0, 8) == "Kim met " && d.text.back() == '.';
                              total += d.text.size();
                              max_seen = std::max(max_seen, d.text.size());
                              return Status::OK();
                            },
                            nullptr);
  getrusage(RUSAGE_SELF, &after);
  ASSERT_TRUE(st.ok());
  EXPECT_GE(parts, written / opts.max_document_bytes + 1);
  EXPECT_LE(max_seen, opts.max_document_bytes);
  EXPECT_TRUE(ids_ok);
  EXPECT_TRUE(cuts_ok);
  // Every byte is in a part except the single space trimmed at each cut.
  EXPECT_EQ(total + (parts - 1), written);
  // Peak memory grows by far less than the file size (ru_maxrss is in KiB). AddressSanitizer
  // keeps freed memory in quarantine, so the bound means nothing there.
#ifndef __SANITIZE_ADDRESS__
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 40 * 1024);
#endif
}

TEST(TextReader, PartsCutAtParagraphsWhenPossible) {
  ReadOptions opts;
  opts.max_document_bytes = 100;
  std::string text;
  for (int i = 0; i < 10; ++i) text += "Paragraph " + std::to_string(i) + " has some words in it.\n\n";
  ReadRun r = ReadMem(text, "p.txt", opts);
  ASSERT_GE(r.docs.size(), 4u);
  for (const Document& d : r.docs) {
    EXPECT_LE(d.text.size(), 100u);
    EXPECT_EQ(d.text.substr(0, 10), "Paragraph ");
  }
  // No break anywhere: hard cuts, still never inside a UTF-8 sequence.
  std::string solid;
  for (int i = 0; i < 300; ++i) solid += "é";
  r = ReadMem(solid, "solid.txt", opts);
  size_t total = 0;
  for (const Document& d : r.docs) {
    total += d.text.size();
    EXPECT_EQ(d.text.size() % 2, 0u);
  }
  EXPECT_EQ(total, solid.size());
}

// --- JSON Lines ---

TEST(JsonlReader, ReadsRecordsAndReportsMalformedLines) {
  const std::string dir = testing::TempDir();
  Write(dir + "/news.jsonl",
        "{\"id\":\"r1\",\"date\":\"2025-09-03T10:00:00Z\",\"source\":\"Yonhap\",\"url\":\"u\","
        "\"title\":\"T1\",\"text\":\"Kim met Xi.\"}\n"
        "{\"text\": \"broken\n"
        "\n"
        "{\"text\":\"No id, no date.\"}\n"
        "{\"title\":\"no text\"}\n"
        "[1,2]\n"
        "{\"text\":\"Last \\u00e9 one.\",\"date\":\"not a date\"}\r\n");
  ReadRun r = ReadFiles({dir + "/news.jsonl"});
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.docs.size(), 3u) << r.All();
  EXPECT_EQ(r.docs[0].id, "r1");
  EXPECT_EQ(r.docs[0].title, "T1");
  EXPECT_EQ(r.docs[0].source, "Yonhap");
  EXPECT_EQ(r.docs[0].url, "u");
  EXPECT_EQ(r.docs[0].date, (Date{2025, 9, 3}));
  EXPECT_EQ(r.docs[0].text, "Kim met Xi.");
  EXPECT_EQ(r.docs[1].id, "news.jsonl#3");  // third record (blank lines do not count)
  EXPECT_EQ(r.docs[2].id, "news.jsonl#6");
  EXPECT_EQ(r.docs[2].text, "Last é one.");
  EXPECT_EQ(r.stats.errors, 3);
  const Diagnostic* bad = r.Find("news.jsonl:2: error: malformed JSON");
  ASSERT_NE(bad, nullptr) << r.All();
  EXPECT_NE(r.Find("news.jsonl:5: error: missing \"text\""), nullptr) << r.All();
  EXPECT_NE(r.Find("news.jsonl:6: error: expected a JSON object"), nullptr) << r.All();
  EXPECT_NE(r.Find("news.jsonl:7: warning: unrecognised date"), nullptr) << r.All();
  EXPECT_NE(r.Find("2 documents have no date"), nullptr) << r.All();
}

// A record of the UN General Debate corpus: the country speaks, the speech is dated 15 September
// of its year, its file name is the id; our own fields win where given.
TEST(JsonlReader, ReadsTheUnGeneralDebateLayout) {
  ReadRun r = ReadMem(
      "{\"country\":\"FRA\",\"session\":42,\"year\":1987,\"file\":\"FRA_42_1987.txt\",\"text\":\"We condemn it.\"}\n"
      "{\"country\":\"FRA\",\"session\":42,\"year\":1987,\"file\":\"f\",\"id\":\"mine\",\"speaker\":\"IGOUNO\","
      "\"date\":\"1987-09-22\",\"text\":\"We meet.\"}\n"
      "{\"country\":\"FRA\",\"year\":1987,\"text\":\"No session: not the corpus layout.\"}\n",
      "ungd.jsonl");
  ASSERT_EQ(r.docs.size(), 3u) << r.All();
  EXPECT_EQ(r.docs[0].id, "FRA_42_1987.txt");
  EXPECT_EQ(r.docs[0].speaker, "FRA");
  EXPECT_EQ(r.docs[0].date, (Date{1987, 9, 15}));
  EXPECT_EQ(r.docs[1].id, "mine");
  EXPECT_EQ(r.docs[1].speaker, "IGOUNO");
  EXPECT_EQ(r.docs[1].date, (Date{1987, 9, 22}));
  EXPECT_EQ(r.docs[2].speaker, "");
  EXPECT_FALSE(r.docs[2].date.has_value());
}

TEST(JsonlReader, OverlongLineIsAnErrorForThatLineOnly) {
  ReadOptions opts;
  opts.max_document_bytes = 64;  // line limit 256 bytes
  std::string data = "{\"text\":\"first\"}\n{\"text\":\"" + std::string(5000, 'x') +
                     "\"}\n{\"text\":\"third\"}\n";
  ReadRun r = ReadMem(data, "long.jsonl", opts);
  ASSERT_EQ(r.docs.size(), 2u) << r.All();
  EXPECT_EQ(r.docs[1].text, "third");
  EXPECT_EQ(r.docs[1].id, "long.jsonl#3");
  EXPECT_NE(r.Find("long.jsonl:2: byte 17: error: line longer than 256 bytes"), nullptr) << r.All();
  EXPECT_EQ(r.stats.errors, 1);
}

TEST(JsonlReader, InvalidUtf8InsideStrings) {
  ReadRun r = ReadMem("{\"text\":\"ok\"}\n{\"text\":\"bad \xff here\"}\n", "u.jsonl");
  ASSERT_EQ(r.docs.size(), 2u) << r.All();
  EXPECT_EQ(r.docs[1].text, "bad \uFFFD here");
  const Diagnostic* d = r.Find("invalid UTF-8");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->line, 2);
  EXPECT_EQ(d->byte, 27);
}

// --- HTML ---

const char kPage[] = R"(<!DOCTYPE html>
<html><head>
<title>Kim to attend parade | Example News</title>
<meta property="og:title" content="Kim to attend Beijing parade">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-09-02T09:30:00+09:00">
<link rel="canonical" href="https://example.com/kim-parade">
<style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script>
</head><body>
<header><nav><ul><li>Home</li><li>World</li></ul></nav></header>
<div class="share-bar">Share on Twitter</div>
<article>
  <header><h1>Kim to attend Beijing parade</h1><p class="byline">By Jane Doe</p></header>
  <p>BEIJING (Reuters) - North Korean leader <a href="/kim">Kim Jong Un</a> will attend a
     parade &mdash; his first in six years.</p>
  <figure><img src="x.jpg"><figcaption>Kim in 2019.</figcaption></figure>
  <aside>Related: other story</aside>
  <h2>Security</h2>
  <p>Xi Jinping&#8217;s government said &quot;all is ready&quot;.<br>Details followed.</p>
  <div class="newsletter"><p>Sign up for our newsletter</p></div>
  <form><p>Comment here</p></form>
</article>
<footer><p>Copyright 2025</p></footer>
</body></html>)";

TEST(HtmlReader, ExtractsArticleTextAndMetadata) {
  ReadRun r = ReadMem(kPage, "page.html");
  ASSERT_EQ(r.docs.size(), 1u) << r.All();
  const Document& d = r.docs[0];
  EXPECT_EQ(d.title, "Kim to attend Beijing parade");
  EXPECT_EQ(d.url, "https://example.com/kim-parade");
  EXPECT_EQ(d.source, "Example News");
  EXPECT_EQ(d.date, (Date{2025, 9, 2}));
  EXPECT_EQ(d.text,
            "BEIJING (Reuters) - North Korean leader Kim Jong Un will attend a parade — his first "
            "in six years.\n\nSecurity\n\nXi Jinping’s government said \"all is ready\".\n\n"
            "Details followed.");
  EXPECT_EQ(r.Count(Diagnostic::Level::kWarning), 0) << r.All();
}

TEST(HtmlReader, DateSources) {
  const char* jsonld = R"(<html><head><title>T</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
{"@type":"NewsArticle","datePublished":"2024-06-19T01:00:00Z"}]}</script></head>
<body><main><p>Putin visited Pyongyang.</p></main></body></html>)";
  ReadRun r = ReadMem(jsonld, "a.htm");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, (Date{2024, 6, 19}));
  EXPECT_EQ(r.docs[0].text, "Putin visited Pyongyang.");
  EXPECT_EQ(r.docs[0].title, "T");

  const char* timed = R"(<html><body><div id="story"><h1>Headline</h1>
<time datetime="2023-09-13">Sept 13</time><p>Kim met Putin at Vostochny.</p>
<p>They toured the site.</p></div><div><p>x</p></div></body></html>)";
  r = ReadMem(timed, "b.html");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, (Date{2023, 9, 13}));
  EXPECT_EQ(r.docs[0].title, "Headline");
  EXPECT_EQ(r.docs[0].text, "Kim met Putin at Vostochny.\n\nThey toured the site.");

  const char* meta_variants = R"(<html><head><meta name="parsely-pub-date" content="2022-02-24">
<meta name="dc.date" content="garbage"></head><body><p>Text.</p></body></html>)";
  r = ReadMem(meta_variants, "c.html");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, (Date{2022, 2, 24}));
}

TEST(HtmlReader, PageWithoutTextAndTooLargePage) {
  ReadRun r = ReadMem("<html><body><nav>Menu</nav><script>x()</script></body></html>", "e.html");
  EXPECT_TRUE(r.docs.empty());
  EXPECT_NE(r.Find("no article text"), nullptr) << r.All();

  const std::string path = testing::TempDir() + "/big.html";
  {
    std::ofstream out(path, std::ios::binary);
    out << "<html><body>";
    std::string p = "<p>" + std::string(1000, 'a') + "</p>\n";
    for (size_t n = 0; n < (65u << 20); n += p.size()) out << p;
  }
  r = ReadFiles({path});
  EXPECT_TRUE(r.docs.empty());
  EXPECT_NE(r.Find("larger than 64 MiB"), nullptr) << r.All();
  EXPECT_EQ(r.stats.rejected.size(), 1u);
}

// --- Feeds ---

const char kRss[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example World News</title>
  <link>https://example.com</link>
  <item>
    <title>Kim arrives in Beijing</title>
    <link>https://example.com/1</link>
    <pubDate>Tue, 02 Sep 2025 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;Kim Jong Un &amp;amp; his delegation arrived.&lt;/p&gt;&lt;p&gt;Xi greeted them.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Parade&nbsp;held</title>
    <dc:date>2025-09-03</dc:date>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The parade marked 80 years&mdash;with <b>Putin</b> present.</p>]]></content:encoded>
  </item>
  <item><title>Title only</title></item>
</channel></rss>)";

TEST(FeedReader, Rss) {
  ReadRun r = ReadMem(kRss, "world.rss");
  ASSERT_EQ(r.docs.size(), 3u) << r.All();
  EXPECT_EQ(r.docs[0].id, "world.rss#1");
  EXPECT_EQ(r.docs[0].title, "Kim arrives in Beijing");
  EXPECT_EQ(r.docs[0].url, "https://example.com/1");
  EXPECT_EQ(r.docs[0].source, "Example World News");
  EXPECT_EQ(r.docs[0].date, (Date{2025, 9, 2}));
  EXPECT_EQ(r.docs[0].text, "Kim Jong Un & his delegation arrived.\n\nXi greeted them.");
  EXPECT_EQ(r.docs[1].id, "world.rss#2");
  EXPECT_EQ(r.docs[1].title, "Parade\u00a0held");
  EXPECT_EQ(r.docs[1].date, (Date{2025, 9, 3}));
  EXPECT_EQ(r.docs[1].text, "The parade marked 80 years—with Putin present.");
  EXPECT_EQ(r.docs[2].text, "Title only");
  EXPECT_NE(r.Find("the document has no date"), nullptr) << r.All();
}

TEST(FeedReader, Atom) {
  const char* atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Atom News</title>
  <entry>
    <title>Summit ends</title>
    <link rel="self" href="https://example.com/self"/>
    <link rel="alternate" href="https://example.com/e1"/>
    <id>urn:1</id>
    <updated>2025-09-05T00:00:00Z</updated>
    <published>2025-09-04T10:00:00Z</published>
    <summary>The summit ended.</summary>
  </entry>
  <entry>
    <title type="html">Kim &amp;amp; Xi</title>
    <updated>2025-09-06T00:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First para.</p><p>Second para.</p></div></content>
  </entry>
</feed>)";
  ReadRun r = ReadMem(atom, "feed.atom");
  ASSERT_EQ(r.docs.size(), 2u) << r.All();
  EXPECT_EQ(r.docs[0].url, "https://example.com/e1");
  EXPECT_EQ(r.docs[0].date, (Date{2025, 9, 4}));
  EXPECT_EQ(r.docs[0].text, "The summit ended.");
  EXPECT_EQ(r.docs[0].source, "Atom News");
  EXPECT_EQ(r.docs[1].title, "Kim & Xi");
  EXPECT_EQ(r.docs[1].date, (Date{2025, 9, 6}));
  EXPECT_EQ(r.docs[1].text, "First para.\n\nSecond para.");
}

TEST(FeedReader, MalformedXmlKeepsEarlierItems) {
  const char* broken = "<rss><channel><item><title>A</title><description>One.</description></item>\n"
                       "<item><title>B</title>\n<description>Two.</descr></item></channel></rss>";
  ReadRun r = ReadMem(broken, "b.xml");
  ASSERT_EQ(r.docs.size(), 1u) << r.All();
  EXPECT_EQ(r.docs[0].text, "One.");
  const Diagnostic* d = r.Find("XML error");
  ASSERT_NE(d, nullptr) << r.All();
  EXPECT_EQ(d->line, 3);
  EXPECT_EQ(r.stats.errors, 1);

  r = ReadMem("<?xml version=\"1.0\"?><note><to>x</to></note>", "note.xml");
  EXPECT_TRUE(r.docs.empty());
  EXPECT_NE(r.Find("not an RSS or Atom feed (root element <note>)"), nullptr) << r.All();
  EXPECT_EQ(r.stats.rejected.size(), 1u);
}

// --- Detection, directories, stdin, failures ---

TEST(Detection, ByExtensionContentAndOverride) {
  const std::string dir = testing::TempDir();
  Write(dir + "/a_noext", "{\"text\":\"json by content\"}\n");
  Write(dir + "/b_noext", "<!DOCTYPE html><html><body><p>html by content</p></body></html>");
  Write(dir + "/c_noext", "<?xml version=\"1.0\"?><rss><channel><item><description>feed by "
                          "content</description></item></channel></rss>");
  Write(dir + "/d_noext", "plain by content");
  Write(dir + "/e.ndjson", "{\"text\":\"ndjson\"}");
  ReadRun r = ReadFiles({dir});
  ASSERT_EQ(r.docs.size(), 5u) << r.All();
  EXPECT_EQ(r.docs[0].text, "json by content");
  EXPECT_EQ(r.docs[1].text, "html by content");
  EXPECT_EQ(r.docs[2].text, "feed by content");
  EXPECT_EQ(r.docs[3].text, "plain by content");
  EXPECT_EQ(r.docs[4].text, "ndjson");

  ReadOptions text_only;
  text_only.format = InputFormat::kText;
  r = ReadMem("{\"text\":\"x\"}", "f.jsonl", text_only);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text, "{\"text\":\"x\"}");
}

TEST(Detection, UnknownFormatIsAnError) {
  const std::string dir = testing::TempDir();
  Write(dir + "/x.data", "<foo>bar</foo>");
  Write(dir + "/y.json", "[{\"text\":\"array\"}]");
  Write(dir + "/z.pdf", "plain text pretending");
  ReadRun r = ReadFiles({dir});
  EXPECT_TRUE(r.docs.empty());
  EXPECT_EQ(r.stats.rejected.size(), 3u);
  EXPECT_EQ(r.Count(Diagnostic::Level::kError), 3) << r.All();
  EXPECT_NE(r.Find("x.data: error: unknown format (markup"), nullptr) << r.All();
  EXPECT_NE(r.Find("JSON array"), nullptr) << r.All();
  EXPECT_NE(r.Find("unsupported file type .pdf"), nullptr) << r.All();
}

TEST(Directories, RecursiveSortedSkippingHidden) {
  const std::string dir = testing::TempDir();
  Write(dir + "/b/2.txt", "two");
  Write(dir + "/b/10.txt", "ten");
  Write(dir + "/a.txt", "a");
  Write(dir + "/c/d/e.txt", "e");
  Write(dir + "/.hidden/x.txt", "hidden");
  Write(dir + "/.git", "x");
  ReadRun r = ReadFiles({dir});
  std::vector<std::string> ids;
  for (const auto& d : r.docs) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "10.txt", "2.txt", "e.txt"}));
  EXPECT_EQ(r.stats.inputs, 4);
  EXPECT_EQ(r.docs[1].path, dir + "/b/10.txt");
}

TEST(Failures, MissingInputs) {
  const std::string dir = testing::TempDir();
  Write(dir + "/f.txt", "story");
  ReadRun r = ReadFiles({dir + "/missing.txt", dir + "/f.txt/sub", dir + "/f.txt"});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.rejected.size(), 2u);
  EXPECT_NE(r.Find("missing.txt: error: cannot open"), nullptr) << r.All();
  EXPECT_EQ(r.stats.inputs, 1);
}

TEST(Failures, PermissionDenied) {
  const std::string dir = testing::TempDir();
  if (geteuid() == 0) GTEST_SKIP() << "running as root: permissions cannot make a file unreadable";
  Write(dir + "/locked/x.txt", "x");
  Write(dir + "/secret.txt", "x");
  fs::permissions(dir + "/locked", fs::perms::none);
  fs::permissions(dir + "/secret.txt", fs::perms::none);
  ReadRun r = ReadFiles({dir + "/locked", dir + "/secret.txt"});
  fs::permissions(dir + "/locked", fs::perms::owner_all);
  EXPECT_TRUE(r.docs.empty());
  EXPECT_EQ(r.stats.rejected.size(), 2u) << r.All();
  EXPECT_NE(r.Find("cannot read directory"), nullptr) << r.All();
}

TEST(Failures, ReadErrorMidFile) {
  // /proc/self/mem opens but every read at offset 0 fails (EIO).
  if (!fs::exists("/proc/self/mem")) GTEST_SKIP();
  ReadRun r = ReadFiles({"/proc/self/mem"});
  EXPECT_TRUE(r.docs.empty());
  EXPECT_EQ(r.stats.rejected.size(), 1u) << r.All();
  EXPECT_NE(r.Find("cannot read"), nullptr) << r.All();
}

TEST(Stdin, DashReadsStandardInput) {
  const std::string path = testing::TempDir() + "/in.txt";
  Write(path, "Title: From stdin\n\nPiped story.");
  ASSERT_NE(std::freopen(path.c_str(), "rb", stdin), nullptr);
  ReadRun r = ReadFiles({"-"});
  ASSERT_EQ(r.docs.size(), 1u) << r.All();
  EXPECT_EQ(r.docs[0].path, "-");
  EXPECT_EQ(r.docs[0].id, "stdin");
  EXPECT_EQ(r.docs[0].title, "From stdin");
  EXPECT_EQ(r.docs[0].text, "Piped story.");
}

TEST(Consumer, ErrorStopsReading) {
  const std::string dir = testing::TempDir();
  Write(dir + "/1.txt", "one");
  Write(dir + "/2.txt", "two");
  int calls = 0;
  ReadOptions opts;
  Status st = ReadDocuments({dir}, opts,
                            [&](Document&) {
                              ++calls;
                              return Status::IOError("disk full");
                            },
                            nullptr);
  EXPECT_EQ(st.code(), Status::Code::kIOError);
  EXPECT_EQ(calls, 1);
  calls = 0;
  st = ReadBuffer(kRss, "f.rss", opts,
                  [&](Document&) {
                    ++calls;
                    return Status::Internal("stop");
                  },
                  nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInternal);
  EXPECT_EQ(calls, 1);
}

TEST(ReaderThenSegmenter, SpansMatchReadText) {
  ReadRun r = ReadMem(kPage, "page.html");
  ASSERT_EQ(r.docs.size(), 1u);
  Document d = r.docs[0];
  SegmentDocument(&d);
  ASSERT_FALSE(d.sentences.empty());
  EXPECT_EQ(d.Text(d.sentences[0].span), "BEIJING (Reuters) -");
}

}  // namespace
}  // namespace entente
