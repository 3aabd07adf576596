#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/testutil.h"
#include "entente/pipeline.h"
#include "entente/reader.h"

namespace entente::text {
namespace {

namespace fs = std::filesystem;

Document Segment(std::string text) {
  Document d;
  d.text = std::move(text);
  SegmentDocument(&d);
  return d;
}

std::vector<std::string> TokenTexts(const Document& d) {
  std::vector<std::string> out;
  for (size_t i = 0; i < d.tokens.size(); ++i) out.emplace_back(d.TokenText(i));
  return out;
}

std::vector<std::string> SentenceTexts(const Document& d) {
  std::vector<std::string> out;
  for (const Sentence& s : d.sentences) out.emplace_back(d.Text(s.span));
  return out;
}

const Token* Find(const Document& d, std::string_view text) {
  for (size_t i = 0; i < d.tokens.size(); ++i)
    if (d.TokenText(i) == text) return &d.tokens[i];
  return nullptr;
}

// Structural invariants every segmentation must satisfy.
void CheckInvariants(const Document& d) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Span s = d.tokens[i].span;
    ASSERT_LT(s.begin, s.end) << "empty token " << i;
    ASSERT_LE(prev_end, s.begin) << "overlapping token " << i;
    ASSERT_LE(s.end, d.text.size());
    for (char c : d.TokenText(i)) ASSERT_FALSE(c == ' ' || c == '\n' || c == '\t') << "token " << i;
    prev_end = s.end;
  }
  uint32_t next = 0;
  for (const Sentence& s : d.sentences) {
    ASSERT_EQ(s.first_token, next);
    ASSERT_LT(s.first_token, s.end_token);
    ASSERT_LE(s.size(), kMaxSentenceTokens);
    ASSERT_EQ(s.span.begin, d.tokens[s.first_token].span.begin);
    ASSERT_EQ(s.span.end, d.tokens[s.end_token - 1].span.end);
    next = s.end_token;
  }
  ASSERT_EQ(next, d.tokens.size());
}

// The golden format: "# key: value" lines for the metadata, then one line per sentence with its
// tokens separated by " | ".
std::string Render(const Document& d) {
  std::string out;
  out += "# title: " + d.title + "\n";
  out += "# date: " + (d.date ? d.date->ToString() : std::string("none")) + "\n";
  auto dl = FindDateline(d);
  out += "# dateline: " + (dl ? std::string(d.Text(*dl)) : std::string("none")) + "\n";
  for (const Sentence& s : d.sentences) {
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      if (t > s.first_token) out += " | ";
      out += d.TokenText(t);
    }
    out += "\n";
  }
  return out;
}

Document ReadOne(const std::string& content, const std::string& name) {
  ReadOptions opts;
  opts.format = InputFormat::kText;
  std::vector<Document> docs;
  Status st = ReadBuffer(content, name, opts,
                         [&](Document& d) {
                           docs.push_back(d);
                           return Status::OK();
                         },
                         nullptr);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(docs.size(), 1u) << name;
  return docs.empty() ? Document() : docs[0];
}

void CheckGolden(const std::string& input_path, const std::string& expected_path) {
  SCOPED_TRACE(input_path);
  Document d = ReadOne(testing::ReadFileOrDie(input_path), fs::path(input_path).filename().string());
  SegmentDocument(&d);
  CheckInvariants(d);
  const std::string got = Render(d);
  const char* update = std::getenv("ENTENTE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path
                                         << " (regenerate with ENTENTE_UPDATE_GOLDEN=1, then review)";
  EXPECT_EQ(got, testing::ReadFileOrDie(expected_path)) << "golden mismatch for " << input_path;
}

TEST(SegmenterGolden, AllCases) {
  const fs::path dir = fs::path(testing::SourceDir()) / "tests" / "golden" / "text";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  ASSERT_GE(inputs.size(), 12u);
  for (const fs::path& p : inputs) {
    fs::path expected = p;
    expected.replace_extension(".expected");
    CheckGolden(p.string(), expected.string());
  }
}

// The founding article of the project (seed of the demo corpus), read from ../shared.
TEST(SegmenterGolden, FoundingArticle) {
  ENTENTE_REQUIRE_SHARED(data);
  const fs::path seed = fs::path(data).parent_path() / "seed" / "000_881ff68d8f0366df.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << seed << " not found";
  CheckGolden(seed.string(), (fs::path(testing::SourceDir()) / "tests" / "golden" / "text" /
                              "founding_article.expected").string());
}

TEST(Segmenter, EmptyAndBlank) {
  EXPECT_TRUE(Segment("").tokens.empty());
  Document d = Segment(" \n\n\t ");
  EXPECT_TRUE(d.tokens.empty());
  EXPECT_TRUE(d.sentences.empty());
}

TEST(Segmenter, OffsetsPointIntoText) {
  Document d = Segment("  Kim met Xi.\n\nThey talked.");
  CheckInvariants(d);
  EXPECT_EQ(TokenTexts(d), (std::vector<std::string>{"Kim", "met", "Xi", ".", "They", "talked", "."}));
  EXPECT_EQ(SentenceTexts(d), (std::vector<std::string>{"Kim met Xi.", "They talked."}));
  EXPECT_EQ(d.tokens[0].span.begin, 2u);
}

TEST(Segmenter, Flags) {
  Document d = Segment("The U.S. and NATO met in Beijing's hall (at 3.5) with Mr. Kim.");
  const Token* us = Find(d, "U.S.");
  ASSERT_NE(us, nullptr);
  EXPECT_TRUE(us->flags & Token::kAbbreviation);
  EXPECT_TRUE(us->flags & Token::kAllCaps);
  EXPECT_TRUE(us->flags & Token::kCapitalized);
  EXPECT_TRUE(us->flags & Token::kSpaceBefore);
  const Token* nato = Find(d, "NATO");
  EXPECT_TRUE(nato->flags & Token::kAllCaps);
  const Token* the = Find(d, "The");
  EXPECT_TRUE(the->flags & Token::kCapitalized);
  EXPECT_FALSE(the->flags & Token::kAllCaps);
  EXPECT_TRUE(the->flags & Token::kSpaceBefore);  // start of text counts as space
  const Token* s = Find(d, "'s");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->flags & Token::kSpaceBefore);
  EXPECT_EQ(Find(d, "3.5")->kind, TokenKind::kNumber);
  EXPECT_EQ(Find(d, "(")->kind, TokenKind::kPunct);
  EXPECT_FALSE(Find(d, ")")->flags & Token::kSpaceBefore);
  EXPECT_TRUE(Find(d, "Mr.")->flags & Token::kAbbreviation);
  EXPECT_FALSE(Find(d, "met")->flags & (Token::kCapitalized | Token::kAllCaps | Token::kAbbreviation));
  Document sym = Segment("Prices rose $5 + 3% = more €.");
  EXPECT_EQ(Find(sym, "$")->kind, TokenKind::kSymbol);
  EXPECT_EQ(Find(sym, "+")->kind, TokenKind::kSymbol);
  EXPECT_EQ(Find(sym, "€")->kind, TokenKind::kSymbol);
  EXPECT_EQ(Find(sym, "%")->kind, TokenKind::kPunct);  // Unicode Po, as in ICU
}

TEST(Segmenter, VeryLongSentenceIsCapped) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "word ";
  Document d = Segment(text);
  CheckInvariants(d);
  ASSERT_EQ(d.tokens.size(), 10000u);
  ASSERT_EQ(d.sentences.size(), 10000u / kMaxSentenceTokens);
  for (const Sentence& s : d.sentences) EXPECT_EQ(s.size(), kMaxSentenceTokens);
}

TEST(Segmenter, NoLetters) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "12 -- ** ";
  Document d = Segment(text);
  CheckInvariants(d);
  EXPECT_EQ(d.tokens.size(), 15000u);
  EXPECT_GE(d.sentences.size(), 15u);
}

TEST(Segmenter, InvalidUtf8DoesNotCrash) {
  std::string text = "Kim\xff\xfe met \xe2\x80 Xi.\xc3";
  Document d = Segment(text);
  CheckInvariants(d);
  EXPECT_FALSE(d.tokens.empty());
  EXPECT_EQ(d.TokenText(0), "Kim");
}

TEST(Segmenter, PathologicalInputsStayLinear) {
  // Long runs that exercise look-ahead rules (dotted abbreviations, e-mail, URLs).
  std::string a, b, c;
  for (int i = 0; i < 200000; ++i) a += "a.";
  for (int i = 0; i < 100000; ++i) b += "x@y";
  c = "http://" + std::string(1 << 20, 'z');
  for (const std::string* t : {&a, &b, &c}) {
    Document d = Segment(*t);
    CheckInvariants(d);
  }
}

TEST(Segmenter, SentenceEndInsideQuotes) {
  Document d = Segment("He said: \"We will go.\" Then he left.");
  EXPECT_EQ(SentenceTexts(d), (std::vector<std::string>{"He said: \"We will go.\"", "Then he left."}));
  d = Segment("\"Will we go?\" he asked. Nobody knew.");
  EXPECT_EQ(SentenceTexts(d),
            (std::vector<std::string>{"\"Will we go?\" he asked.", "Nobody knew."}));
}

TEST(Segmenter, ResegmentingIsIdempotent) {
  Document d = Segment("One. Two.");
  SegmentDocument(&d);
  EXPECT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.tokens.size(), 4u);
}

TEST(Dateline, Variants) {
  struct Case {
    const char* text;
    const char* place;  // nullptr: no dateline
  } cases[] = {
      {"BEIJING (Reuters) - Kim arrived.", "BEIJING"},
      {"SEOUL, Sept. 3 (Yonhap) -- The ministry said.", "SEOUL"},
      {"KYIV, Ukraine (AP) — Russia launched drones.", "KYIV"},
      {"NEW YORK — The council met.", "NEW YORK"},
      {"Beijing (Xinhua) -- Chinese officials said.", "Beijing"},
      {"Headline here\nBy Jane Doe\nWASHINGTON - The U.S. said.", "WASHINGTON"},
      {"KIM — THE MAN BEHIND THE MASK", nullptr},
      {"Beijing - the capital of China - hosted.", nullptr},
      {"The U.S. (Washington) said no.", nullptr},
      {"The International Labor Office (ILO) said wages fell.", nullptr},
      {"The Asia-Pacific Economic Cooperation (APEC) forum opened.", nullptr},
      {"Geneva (ILO) warned of job losses.", nullptr},
      {"GENEVA (Reuters) Diplomats met.", "GENEVA"},
      {"Kim met Xi in Beijing.", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Document d = Segment(c.text);
    auto span = FindDateline(d);
    if (!c.place) {
      EXPECT_FALSE(span.has_value()) << d.Text(*span);
      continue;
    }
    ASSERT_TRUE(span.has_value());
    EXPECT_EQ(d.Text(*span), c.place);
    // The dateline is a sentence of its own and the story starts the next one.
    bool own = false;
    for (const Sentence& s : d.sentences)
      if (s.span.begin == span->begin && d.Text(s.span).size() < 40) own = true;
    EXPECT_TRUE(own);
    // Without tokens FindDateline tokenizes a copy and finds the same span.
    Document raw;
    raw.text = c.text;
    auto again = FindDateline(raw);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, *span);
  }
}

// A dateline's day within two days of the document's date dates the document (a feed's date
// may be a day off the story's); farther off, or without a day, the document keeps its date.
TEST(Dateline, DayDatesTheDocument) {
  struct Case {
    const char* text;
    const char* date;  // the document's date before
    const char* after;
  } cases[] = {
      {"BEIJING, March 28 (Reuters) - Kim met Xi.", "2018-03-29", "2018-03-28"},
      {"SEOUL, Sept. 19 (Yonhap) -- Moon met Kim.", "2018-09-18", "2018-09-19"},
      {"LONDON, 31 December (Reuters) - Talks ended.", "2019-01-01", "2018-12-31"},
      {"BEIJING, March 28 (Reuters) - Kim met Xi.", "2018-03-28", "2018-03-28"},
      {"BEIJING, March 20 (Reuters) - Kim met Xi.", "2018-03-28", "2018-03-28"},  // a week off
      {"BEIJING (Reuters) - Kim met Xi on March 27.", "2018-03-28", "2018-03-28"},  // not the dateline
      {"Kim met Xi in Beijing, March 27 (Reuters) - no.", "2018-03-28", "2018-03-28"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Document d;
    d.text = c.text;
    d.date = Date::Parse(c.date);
    SegmentDocument(&d);
    ASSERT_TRUE(d.date.has_value());
    EXPECT_EQ(d.date->ToString(), c.after);
  }
  Document undated;
  undated.text = "BEIJING, March 28 (Reuters) - Kim met Xi.";
  SegmentDocument(&undated);
  EXPECT_FALSE(undated.date.has_value());  // a day without a year dates nothing
}

}  // namespace
}  // namespace entente::text
