// Tests of coder/lazy_syntax.h and of PipelineOptions::annotate_all: syntax mode parsing on
// demand must code exactly the events (every field, provenance included) that annotating
// every sentence codes, on the demo corpus, the coder golden files and the first speeches of the
// UN General Debate corpus (with their speakers, so first-person mentions are exercised).
#include "coder/lazy_syntax.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "base/testutil.h"
#include "coder/knowledge_impl.h"
#include "entente/pipeline.h"
#include "entente/reader.h"
#include "text/ungd_reader.h"

namespace entente {
namespace {

namespace fs = std::filesystem;

// The reference the lazy finder is checked against: records the sentences where `inner`
// matches a pattern, and matches nothing itself, so no token is consumed and every (word,
// pattern) pair the real run could try is tried.
class RecordingFinder : public coder::ArgumentFinder {
 public:
  RecordingFinder(const coder::ArgumentFinder& inner, std::vector<bool>* hit)
      : inner_(inner), hit_(*hit) {}
  bool MatchPattern(const coder::SentenceView& s, const coder::Pattern& pattern, int anchor,
                    coder::PatternMatch* out) const override {
    const size_t si = static_cast<size_t>(s.index);
    if (si < hit_.size() && !hit_[si]) {
      coder::PatternMatch m;
      if (inner_.MatchPattern(s, pattern, anchor, &m)) hit_[si] = true;
    }
    return false;
  }
  coder::SourceFinding FindSource(const coder::SentenceView& s, const coder::PatternMatch& m,
                                  const std::vector<coder::PatternMatch>& earlier) const override {
    return inner_.FindSource(s, m, earlier);  // never reached: no match is accepted
  }

 private:
  const coder::ArgumentFinder& inner_;
  std::vector<bool>& hit_;
};

// One flag per sentence of `doc` (segmented, with the lemmas the real run sees; its parse is
// not read): true when some pattern matches in it under the window finder. A superset of the
// sentences the lazy finder completes (it also tries words inside accepted matches).
std::vector<bool> SentencesNeedingSyntax(const coder::CoderKnowledge& k, const Document& doc) {
  static const std::unique_ptr<coder::ArgumentFinder> window = coder::NewWindowArgumentFinder();
  std::vector<bool> hit(doc.sentences.size(), false);
  RecordingFinder recorder(*window, &hit);
  std::vector<Event> none;
  coder::DocumentCoder(k, recorder).Code(doc, &none);
  return hit;
}

Result<std::unique_ptr<Pipeline>> OpenSyntax(bool annotate_all,
                                             const std::vector<std::string>& dicts = {},
                                             bool parse_roles = true) {
  PipelineOptions o;
  o.fast = false;
  o.annotate_all = annotate_all;
  o.parse_roles = parse_roles;
  o.knowledge.root = testing::SourceDir();
  o.knowledge.dicts = dicts;
  return Pipeline::Open(o);
}

bool HaveModels() { return fs::exists(testing::SourceDir() + "/models/parser.model"); }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The documents of tests/golden/coder/*.txt: "S DATE | TEXT" lines, "doc = PATH" and
// "speaker = CODE" (the golden file format of golden_test.cc; expectations are ignored here).
std::vector<Document> GoldenDocs() {
  std::vector<Document> docs;
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(testing::SourceDir() + "/tests/golden/coder"))
    if (f.path().extension() == ".txt") files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::istringstream in(testing::ReadFileOrDie(file));
    std::string raw;
    int line = 0;
    while (std::getline(in, raw)) {
      ++line;
      std::string l = Trim(raw);
      if (l.rfind("S ", 0) == 0 && l.find(" | ") != std::string::npos) {
        Document d;
        std::string rest = l.substr(2);
        size_t bar = rest.find(" | ");
        d.date = Date::Parse(Trim(rest.substr(0, bar)));
        d.text = rest.substr(bar + 3);
        d.id = fs::path(file).filename().string() + ":" + std::to_string(line);
        docs.push_back(std::move(d));
      } else if (l.rfind("doc = ", 0) == 0) {
        int n = 0;
        Status st = ReadDocuments(
            {testing::SourceDir() + "/" + Trim(l.substr(6))}, ReadOptions{},
            [&](Document& d) {
              if (n++ == 0) docs.push_back(std::move(d));
              return Status::OK();
            },
            nullptr);
        EXPECT_TRUE(st.ok() && n > 0) << file << ":" << line << ": cannot read " << l;
      } else if (l.rfind("speaker = ", 0) == 0 && !docs.empty()) {
        docs.back().speaker = Trim(l.substr(10));
      }
    }
  }
  return docs;
}

std::vector<Document> DemoDocs() {
  std::vector<Document> docs;
  Status st = ReadDocuments(
      {testing::SourceDir() + "/corpus/demo"}, ReadOptions{},
      [&](Document& d) {
        docs.push_back(std::move(d));
        return Status::OK();
      },
      nullptr);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return docs;
}

// The first speeches of the UN General Debate corpus, whole, until they hold `min_sentences`
// sentences, segmented, each with its country as speaker. Empty when the file is absent; a
// damaged file fails the test.
std::vector<Document> UngdcDocs(const std::string& shared, size_t min_sentences) {
  auto docs =
      text::ReadUngdDocuments(shared + "/" + std::string(text::kUngdCorpusFile), min_sentences);
  if (docs.ok()) return std::move(docs).value();
  EXPECT_EQ(docs.status().code(), Status::Code::kNotFound) << docs.status().ToString();
  return {};
}

struct Comparison {
  size_t sentences = 0, skipped = 0, events = 0;
};

// Codes every document with both pipelines and compares the full event JSON, event by event.
// Also checks what consumers see: lemmas everywhere, a parse only in the sentences parsed on
// demand, entity tags only where the coder asked for them (and then those of full annotation);
// and that the sentences parsed on demand are among those SentencesNeedingSyntax picks.
Comparison CompareModes(const Pipeline& filtered, const Pipeline& all,
                        const std::vector<Document>& docs) {
  const auto& k =
      static_cast<const coder::KnowledgeBaseImpl&>(filtered.knowledge()).coder_knowledge();
  Comparison c;
  for (const Document& original : docs) {
    Document a = original, b = original;
    std::vector<Event> ea, eb;
    Status sa = filtered.Process(&a, &ea), sb = all.Process(&b, &eb);
    EXPECT_TRUE(sa.ok()) << original.id << ": " << sa.ToString();
    EXPECT_TRUE(sb.ok()) << original.id << ": " << sb.ToString();
    EXPECT_EQ(ea.size(), eb.size()) << original.id;
    for (size_t i = 0; i < std::min(ea.size(), eb.size()); ++i)
      EXPECT_EQ(ToJson(ea[i]), ToJson(eb[i])) << original.id << " event " << i;
    c.events += eb.size();
    c.sentences += a.sentences.size();
    Document unparsed = b;  // every lemma, no parse
    for (Token& t : unparsed.tokens) {
      t.upos.clear();
      t.xpos.clear();
      t.deprel.clear();
      t.ner.clear();
      t.head = -1;
    }
    const std::vector<bool> need = SentencesNeedingSyntax(k, unparsed);
    for (size_t si = 0; si < a.sentences.size(); ++si) {
      if (a.sentences[si].size() > 0 && !a.tokens[a.sentences[si].first_token].upos.empty()) {
        EXPECT_TRUE(need[si]) << original.id << " sentence " << si << " parsed but needs no syntax";
      }
    }
    for (const Sentence& s : a.sentences) {
      if (s.size() == 0) continue;
      const bool skipped = a.tokens[s.first_token].upos.empty();
      c.skipped += skipped;
      for (uint32_t t = s.first_token; t < s.end_token; ++t) {
        // Lemmas are always those of full annotation; tags only where the sentence was parsed.
        EXPECT_EQ(a.tokens[t].lemma, b.tokens[t].lemma) << original.id << " token " << t;
        if (skipped) {
          EXPECT_TRUE(a.tokens[t].upos.empty() && a.tokens[t].deprel.empty());
          EXPECT_EQ(a.tokens[t].head, -1);
          // Entity tags only where the coder asked for them (DocumentCoder), then as in full.
          if (!a.tokens[t].ner.empty()) {
            EXPECT_EQ(a.tokens[t].ner, b.tokens[t].ner);
          }
        } else {
          EXPECT_EQ(a.tokens[t].upos, b.tokens[t].upos);
          EXPECT_EQ(a.tokens[t].head, b.tokens[t].head);
          EXPECT_EQ(a.tokens[t].deprel, b.tokens[t].deprel);
          if (!a.tokens[t].ner.empty()) {
            EXPECT_EQ(a.tokens[t].ner, b.tokens[t].ner);
          }
        }
      }
    }
  }
  return c;
}

class LazySyntaxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveModels()) GTEST_SKIP() << "no models/";
    auto f = OpenSyntax(false);
    auto a = OpenSyntax(true);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    filtered_ = std::move(f).value();
    all_ = std::move(a).value();
  }
  std::unique_ptr<Pipeline> filtered_, all_;
};

TEST_F(LazySyntaxTest, OnlySentencesWithAPatternMatchNeedSyntax) {
  const auto& k =
      static_cast<const coder::KnowledgeBaseImpl&>(filtered_->knowledge()).coder_knowledge();
  Document d;
  d.text = "Kim Jong Un met Xi Jinping in Beijing. Thank you, Mr. President. The weather was fine.";
  SegmentDocument(&d);
  ASSERT_EQ(d.sentences.size(), 3u);
  std::vector<bool> need = SentencesNeedingSyntax(k, d);
  ASSERT_EQ(need.size(), 3u);
  EXPECT_TRUE(need[0]);   // "met" with two actors: a meeting
  EXPECT_FALSE(need[1]);  // courtesy, no act
  EXPECT_FALSE(need[2]);
  // The pipeline parses the first sentence only; the others keep lemmas and no tags.
  std::vector<Event> events;
  ASSERT_TRUE(filtered_->Process(&d, &events).ok());
  EXPECT_FALSE(events.empty());
  EXPECT_FALSE(d.tokens[d.sentences[0].first_token].upos.empty());
  EXPECT_TRUE(d.tokens[d.sentences[1].first_token].upos.empty());
  EXPECT_FALSE(d.tokens[d.sentences[1].first_token].lemma.empty());
}

// ParseSkipsPattern on a hand-annotated sentence: "the nuclear talks resumed".
TEST(ParseSkipsPatternTest, VerbPatternsOnParsedNounsOnly) {
  Document d;
  d.text = "the nuclear talks resumed";
  SegmentDocument(&d);
  ASSERT_EQ(d.sentences.size(), 1u);
  ASSERT_EQ(d.tokens.size(), 4u);
  const char* upos[] = {"DET", "ADJ", "NOUN", "VERB"};
  for (int i = 0; i < 4; ++i) d.tokens[i].upos = upos[i];
  coder::SentenceView v;
  v.doc = &d;
  v.sentence = &d.sentences[0];
  coder::Pattern verb2, verb1, noun;
  verb2.weight = 2;
  verb1.weight = 1;
  noun.weight = 1;
  noun.nominal = true;
  EXPECT_TRUE(coder::ParseSkipsPattern(v, verb2, 2));   // noun after an adjective
  EXPECT_TRUE(coder::ParseSkipsPattern(v, verb1, 2));   // one-word verb pattern on a noun
  EXPECT_FALSE(coder::ParseSkipsPattern(v, noun, 2));   // nominal patterns are for nouns
  EXPECT_FALSE(coder::ParseSkipsPattern(v, verb2, 3));  // a verb
  d.tokens[1].upos = "VERB";
  EXPECT_FALSE(coder::ParseSkipsPattern(v, verb2, 2));  // noun after a verb, two-word pattern
  EXPECT_TRUE(coder::ParseSkipsPattern(v, verb1, 2));
  d.tokens[1].upos = "PRON";
  d.tokens[1].deprel = "nmod:poss";
  EXPECT_TRUE(coder::ParseSkipsPattern(v, verb2, 2));  // "their talks"
  d.tokens[2].upos.clear();                            // unparsed: never skips
  EXPECT_FALSE(coder::ParseSkipsPattern(v, verb1, 2));
}

// Sentences whose first window match is at a word the parse makes a noun (the coder decided what
// to try there before the sentence was parsed): the same events as with every sentence parsed.
TEST_F(LazySyntaxTest, FirstMatchOnAParsedNounCodesAsFullAnnotation) {
  const char* texts[] = {
      "Iran and Russia held nuclear talks with China on Monday. The weather was fine.",
      "Thank you. Military threats against Israel by Iran worried Washington.",
      "Russian protests against France grew on Tuesday, and Paris condemned Moscow.",
      "The talks between Japan and China resumed. Their visit to Seoul ended. Kim Jong Un met Xi "
      "Jinping.",
      "Diplomatic pressure on Syria mounted as Turkey restart talks with Damascus.",
  };
  std::vector<Document> docs;
  for (const char* t : texts) {
    Document d;
    d.id = t;
    d.text = t;
    d.date = Date{2019, 5, 1};
    docs.push_back(std::move(d));
  }
  Comparison c = CompareModes(*filtered_, *all_, docs);
  EXPECT_GT(c.events, 0u);
  EXPECT_GT(c.skipped, 0u);
}

TEST_F(LazySyntaxTest, SameEventsAsFullAnnotationOnDemoCorpus) {
  Comparison c = CompareModes(*filtered_, *all_, DemoDocs());
  EXPECT_GT(c.events, 0u);
  EXPECT_GT(c.skipped, 0u);
  std::printf("demo corpus: %zu sentences, %zu not parsed, %zu events\n", c.sentences, c.skipped,
              c.events);
}

TEST_F(LazySyntaxTest, SameEventsAsFullAnnotationOnGoldenFiles) {
  std::vector<Document> docs = GoldenDocs();
  ASSERT_FALSE(docs.empty());
  Comparison c = CompareModes(*filtered_, *all_, docs);
  EXPECT_GT(c.events, 0u);
  std::printf("golden files: %zu documents, %zu sentences, %zu not parsed, %zu events\n",
              docs.size(), c.sentences, c.skipped, c.events);
}

TEST_F(LazySyntaxTest, SameEventsAsFullAnnotationOnUngdc) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::vector<Document> docs = UngdcDocs(shared, 600);
  if (docs.empty()) GTEST_SKIP() << "UN General Debate corpus not readable under " << shared;
  // The same speeches without a speaker (as the benchmark codes them): no first-person actors.
  for (size_t i = 0, n = docs.size(); i < n; ++i) {
    docs.push_back(docs[i]);
    docs.back().speaker.clear();
  }
  Comparison c = CompareModes(*filtered_, *all_, docs);
  EXPECT_GT(c.skipped, 0u);
  std::printf("UNGD: %zu speeches, %zu sentences, %zu not parsed, %zu events\n", docs.size(),
              c.sentences, c.skipped, c.events);
}

// PipelineOptions::parse_roles picks the argument finder: a pipeline codes exactly what the
// DocumentCoder codes with the dependency finder (parse_roles, the default) or the window finder
// (without) on the same fully annotated document. (Until the sixteenth session the finder was
// chosen in the same call that moved the annotator away, so every pipeline used the window
// finder.)
TEST_F(LazySyntaxTest, ParseRolesChoosesTheDependencyFinder) {
  auto w = OpenSyntax(true, {}, /*parse_roles=*/false);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  const Pipeline& window_roles = *w.value();
  const auto& k = static_cast<const coder::KnowledgeBaseImpl&>(all_->knowledge()).coder_knowledge();
  const std::unique_ptr<coder::ArgumentFinder> window = coder::NewWindowArgumentFinder();
  const std::unique_ptr<coder::ArgumentFinder> dependency = coder::NewDependencyArgumentFinder();
  auto json = [](const std::vector<Event>& events) {
    std::string all;
    for (const Event& e : events) all += ToJson(e) + "\n";
    return all;
  };
  size_t differ = 0;
  for (const Document& original : GoldenDocs()) {
    Document a = original, b = original;
    std::vector<Event> by_default, by_window_roles, by_window, by_dependency;
    ASSERT_TRUE(all_->Process(&a, &by_default).ok()) << original.id;
    ASSERT_TRUE(window_roles.Process(&b, &by_window_roles).ok()) << original.id;
    coder::DocumentCoder(k, *window).Code(a, &by_window);
    coder::DocumentCoder(k, *dependency).Code(a, &by_dependency);
    EXPECT_EQ(json(by_default), json(by_dependency)) << original.id;
    EXPECT_EQ(json(by_window_roles), json(by_window)) << original.id;
    differ += json(by_window) != json(by_dependency);
  }
  EXPECT_GT(differ, 0u) << "no golden document tells the two finders apart";
  std::printf("golden files: the finders code %zu documents differently\n", differ);
}

// With PETRARCH's verb patterns and discards (--dict) the set of anchors and discards changes;
// the lazy finder must follow it.
TEST_F(LazySyntaxTest, SameEventsAsFullAnnotationWithDictPatterns) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::string dir = shared + "/petrarch2-dictionaries-and-tests/dictionaries/";
  std::vector<std::string> dicts = {dir + "CAMEO.verbpatterns.150430.txt",
                                    dir + "Phoenix.discards.txt"};
  for (const auto& d : dicts)
    if (!fs::exists(d)) GTEST_SKIP() << d << " not found";
  auto f = OpenSyntax(false, dicts);
  auto a = OpenSyntax(true, dicts);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  std::vector<Document> docs = DemoDocs();
  for (Document& d : UngdcDocs(shared, 300)) docs.push_back(std::move(d));
  Comparison c = CompareModes(*f.value(), *a.value(), docs);
  EXPECT_GT(c.events, 0u);
  std::printf("--dict PETRARCH: %zu sentences, %zu not parsed, %zu events\n", c.sentences,
              c.skipped, c.events);
}

}  // namespace
}  // namespace entente
