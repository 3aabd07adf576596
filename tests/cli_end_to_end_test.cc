// The entente binary as a user runs it: exit statuses, ingest idempotence, the stateless path,
// store queries and bad input. Runs build/entente (ENTENTE_BINARY) in fast mode so that the
// result does not depend on the trained models (their own tests cover them), except for the
// commands that exist only with them (parse, actors unknown) and the check that the plain and
// the AVX2 scoring of those models agree.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/testutil.h"
#include "entente/event.h"

namespace entente {
namespace {

using testing::SourceDir;
using testing::TempDir;

struct CliRun {
  int status = -1;
  std::string out;
};

std::string Binary() {
  const char* b = std::getenv("ENTENTE_BINARY");
  return b ? b : SourceDir() + "/build/entente";
}

// Runs `entente ARGS` with stderr to `err_file` (if given); returns exit status and stdout.
CliRun Entente(const std::string& args, const std::string& stdin_file = "", std::string* err = nullptr) {
  std::string errf = TempDir() + "/stderr";
  std::string cmd = Binary() + " " + args + (stdin_file.empty() ? " < /dev/null" : " < " + stdin_file) +
                    " 2> " + errf;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  if (err) *err = testing::ReadFileOrDie(errf);
  return r;
}

std::string Write(const std::string& name, const std::string& text, const std::string& dir = TempDir()) {
  std::string p = dir + "/" + name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

// Every row of every entente table, as text, for comparing two stores.
std::string DumpTables(const std::string& db) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  for (const char* table : {"documents", "sentences", "events"}) {
    std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1, 2";
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* t = sqlite3_column_text(st, i);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += '\t';
      }
      out += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

TEST(CliTest, HelpAndUsageErrors) {
  EXPECT_EQ(Entente("--help").status, 0);
  CliRun help = Entente("ingest --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--db"), std::string::npos);
  EXPECT_EQ(Entente("no-such-command").status, 2);
  EXPECT_EQ(Entente("ingest --no-such-flag x").status, 2);
  EXPECT_EQ(Entente("events --since yesterday").status, 2);
}

TEST(CliTest, IngestingTheDemoCorpusTwiceYieldsTheSameDatabase) {
  std::string dir = TempDir();
  std::string db = dir + "/demo.db";
  CliRun first = Entente("ingest " + SourceDir() + "/corpus/demo --fast --quiet --db " + db);
  ASSERT_EQ(first.status, 0);
  std::string before = DumpTables(db);
  ASSERT_FALSE(before.empty());
  std::string err;
  CliRun second = Entente("ingest " + SourceDir() + "/corpus/demo --fast --db " + db, "", &err);
  EXPECT_EQ(second.status, 0) << err;
  EXPECT_NE(second.out.find("0 new"), std::string::npos) << second.out;
  EXPECT_EQ(DumpTables(db), before);

  // The store answers queries about what was ingested.
  CliRun ev = Entente("events --db " + db + " --dyad PRK,RUS --format jsonl");
  EXPECT_EQ(ev.status, 0);
  std::istringstream lines(ev.out);
  std::string line;
  int n = 0;
  std::string some_id;
  while (std::getline(lines, line)) {
    Event e;
    std::string why;
    ASSERT_TRUE(FromJson(line, &e, &why)) << why;
    ASSERT_TRUE(e.target.has_value());
    bool prk_rus = (e.source.country == "PRK" && e.target->country == "RUS") ||
                   (e.source.country == "RUS" && e.target->country == "PRK");
    EXPECT_TRUE(prk_rus) << line;
    some_id = e.id;
    ++n;
  }
  EXPECT_GT(n, 5);
  CliRun explain = Entente("explain " + some_id + " --db " + db);
  EXPECT_EQ(explain.status, 0);
  EXPECT_NE(explain.out.find("sentence:"), std::string::npos);
  EXPECT_EQ(Entente("explain no-such-id --db " + db).status, 1);
  CliRun stats = Entente("stats --db " + db + " --format json");
  EXPECT_EQ(stats.status, 0);
  EXPECT_NE(stats.out.find("\"documents\": 107"), std::string::npos) << stats.out;

  // The forecast names the model behind its numbers; --model forces one, a bad name is a usage error.
  CliRun forecast = Entente("forecast --db " + db + " --window year");
  EXPECT_EQ(forecast.status, 0);
  EXPECT_NE(forecast.out.find("model: "), std::string::npos) << forecast.out;
  CliRun forced = Entente("forecast --db " + db + " --window year --model frequency");
  EXPECT_EQ(forced.status, 0);
  EXPECT_NE(forced.out.find("frequency"), std::string::npos) << forced.out;
  EXPECT_EQ(Entente("forecast --db " + db + " --model oracle").status, 2);
  // Every forecast row says how many windows of history it rests on (at least the one with
  // the dyad's first event).
  CliRun rows = Entente("forecast --db " + db + " --window year --format jsonl");
  ASSERT_EQ(rows.status, 0);
  std::istringstream row_lines(rows.out);
  int forecasts = 0;
  for (std::string line; std::getline(row_lines, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_GE(j.at("history_windows").get<int>(), 1) << line;
    ++forecasts;
  }
  EXPECT_GT(forecasts, 0);
}

TEST(CliTest, CodeWritesJsonLinesCsvAndReadsStdin) {
  std::string art = Write("a.txt",
                          "Title: Test\nDate: 2019-06-30\n\nNorth Korean leader Kim Jong Un met U.S. President "
                          "Donald Trump at Panmunjom on Sunday.\n");
  CliRun j = Entente("code --fast " + art);
  ASSERT_EQ(j.status, 0);
  Event e;
  std::string why;
  ASSERT_TRUE(FromJson(j.out.substr(0, j.out.find('\n')), &e, &why)) << j.out;
  EXPECT_EQ(e.doc_date, "2019-06-30");
  EXPECT_FALSE(e.cameo.empty());
  CliRun csv = Entente("code --fast --format csv " + art);
  EXPECT_EQ(csv.status, 0);
  EXPECT_EQ(csv.out.rfind("id,doc_id,", 0), 0u);
  CliRun in = Entente("code --fast -", art);
  EXPECT_EQ(in.status, 0);
  // Same events from stdin; only the document id ("stdin" vs the file name) differs.
  Event from_stdin;
  ASSERT_TRUE(FromJson(in.out.substr(0, in.out.find('\n')), &from_stdin, &why)) << in.out;
  EXPECT_EQ(from_stdin.doc_id, "stdin");
  EXPECT_EQ(from_stdin.id, e.id);
  EXPECT_EQ(std::count(in.out.begin(), in.out.end(), '\n'), std::count(j.out.begin(), j.out.end(), '\n'));
}

// `entente parse` annotates every sentence, also those that cannot yield an event (the coding
// pipeline parses only sentences where a pattern matches; see PipelineOptions::annotate_all).
TEST(CliTest, ParseWritesEverySentencesSyntax) {
  std::string art = Write("p.txt",
                          "Title: Weather\nDate: 2019-06-30\n\nThe weather in Seoul was fine on Sunday. "
                          "Kim Jong Un met Donald Trump at Panmunjom.\n");
  // The default greedy parser and --accurate (the beam-search parser) both give full trees.
  for (const char* flag : {"", " --accurate"}) {
    std::string err;
    CliRun r = Entente("parse " + art + flag, "", &err);
    ASSERT_EQ(r.status, 0) << flag << ": " << err;
    int tokens = 0, roots = 0;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> col;
      std::istringstream fields(line);
      for (std::string f; std::getline(fields, f, '\t');) col.push_back(f);
      ASSERT_EQ(col.size(), 10u) << line;
      ++tokens;
      EXPECT_NE(col[3], "_") << "no UPOS: " << line;
      EXPECT_NE(col[6], "_") << "no head: " << line;
      if (col[6] == "0") ++roots;
    }
    EXPECT_GE(tokens, 15) << flag;
    EXPECT_EQ(roots, 2) << flag;  // one root per sentence
  }
  // --accurate chooses a parser of syntax mode, so with --fast it is a usage error.
  EXPECT_EQ(Entente("code --fast --accurate " + art).status, 2);
}

// The AVX2 paths of the model scorer (src/nlp/weights.cc) and the plain ones that a CPU without
// AVX2 runs must give the same tags, trees, entities and events. ENTENTE_NO_AVX2 forces the
// plain paths; on a CPU without AVX2 both runs take them and the test still holds.
TEST(CliTest, PlainAndVectorScoringGiveTheSameOutput) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/corpus/demo")) {
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 12u);
  files.resize(12);
  std::string args;
  for (const std::string& f : files) args += " " + f;
  for (const std::string& cmd : {"parse" + args, "parse --accurate" + args, "code" + args}) {
    std::string err;
    CliRun vector = Entente(cmd, "", &err);
    ASSERT_EQ(vector.status, 0) << cmd << ": " << err;
    ASSERT_EQ(setenv("ENTENTE_NO_AVX2", "1", 1), 0);
    CliRun plain = Entente(cmd, "", &err);
    unsetenv("ENTENTE_NO_AVX2");
    ASSERT_EQ(plain.status, 0) << cmd << ": " << err;
    EXPECT_GT(vector.out.size(), 1000u) << cmd;
    EXPECT_TRUE(vector.out == plain.out) << cmd << ": outputs differ";
  }
}

TEST(CliTest, ActorsUnknownListsNamesTheKnowledgeBaseLacks) {
  std::string dir = TempDir() + "/unknown";
  std::filesystem::create_directories(dir);
  Write("a.txt", "Date: 2024-06-19\n\nEgyptian activist Ahmed Hassan met Russian President Vladimir Putin in "
                 "Moscow on Tuesday.\n", dir);
  Write("b.txt", "Date: 2024-06-20\n\nEgyptian activist Ahmed Hassan criticised Israel on Wednesday.\n", dir);
  std::string err;
  CliRun r = Entente("actors unknown " + dir + " --json", "", &err);
  ASSERT_EQ(r.status, 0) << err;
  std::istringstream in(r.out);
  std::string line;
  ASSERT_TRUE(std::getline(in, line)) << r.out;
  nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["name"], "Ahmed Hassan") << line;
  EXPECT_EQ(j["type"], "PER");
  EXPECT_EQ(j["count"], 2);
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["countries"][0]["country"], "EGY") << line;
  EXPECT_EQ(j["countries"][0]["sentences"], 2);
  // Putin, Russia, Moscow and Israel are known: nothing else is listed.
  EXPECT_FALSE(std::getline(in, line)) << r.out;
  // The table for people, and the usage errors.
  CliRun table = Entente("actors unknown " + dir);
  EXPECT_EQ(table.status, 0);
  EXPECT_NE(table.out.find("Ahmed Hassan"), std::string::npos) << table.out;
  // --type keeps one kind of name: there is no organisation to list.
  CliRun orgs = Entente("actors unknown " + dir + " --type ORG --json");
  EXPECT_EQ(orgs.status, 0);
  EXPECT_EQ(orgs.out, "");
  EXPECT_EQ(Entente("actors unknown " + dir + " --type GPE").status, 2);
  EXPECT_EQ(Entente("actors unknown").status, 2);
  EXPECT_EQ(Entente("actors unknown " + dir + " --limit many").status, 2);
}

TEST(CliTest, BadInputIsReportedAndTheRestIsRead) {
  std::string dir = TempDir();
  Write("good.txt", "Date: 2024-06-19\n\nRussian President Vladimir Putin visited Pyongyang.\n", dir);
  Write("bin.txt", std::string("\x7f" "ELF\0\0\0\0\x01\x02\x03", 12) + std::string(4000, '\0'), dir);
  Write("empty.txt", "", dir);
  Write("lines.jsonl", "{\"id\":\"a\",\"text\":\"Japan protested to China.\",\"date\":\"2023-01-02\"}\n{broken\n"
                       "{\"id\":\"b\",\"text\":\"Seoul condemned Pyongyang.\",\"date\":\"2023-01-03\"}\n",
        dir);
  std::string db = dir + "/x.db";
  std::string err;
  CliRun r = Entente("ingest " + dir + "/good.txt " + dir + "/bin.txt " + dir +
                      "/empty.txt " + dir + "/lines.jsonl /no/such/file --fast --db " + db,
                  "", &err);
  EXPECT_EQ(r.status, 1) << err;
  EXPECT_NE(err.find("bin.txt"), std::string::npos) << err;
  EXPECT_NE(err.find("lines.jsonl:2"), std::string::npos) << err;
  EXPECT_NE(err.find("/no/such/file"), std::string::npos) << err;
  CliRun stats = Entente("stats --db " + db + " --format json");
  EXPECT_NE(stats.out.find("\"documents\": 3"), std::string::npos) << stats.out;
}

// A .gz cut short is read up to the damage and reported with its byte; it is neither an input
// rejected whole nor a bad record, and used to end in exit status 0 and no word in the summary.
TEST(CliTest, TruncatedGzipIsAnErrorAndWhatCameBeforeIsStored) {
  std::string dir = TempDir() + "/trunc";
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  const std::string whole = SourceDir() + "/corpus/demo/006_kim-xi-dalian.txt";
  ASSERT_EQ(std::system(("gzip -c " + whole + " | head -c 200 > " + dir + "/cut.txt.gz").c_str()), 0);
  std::string err;
  CliRun r = Entente("ingest " + dir + "/cut.txt.gz --fast --db " + dir + "/x.db", "", &err);
  EXPECT_EQ(r.status, 1) << r.out << err;
  EXPECT_NE(err.find("cut.txt.gz: byte "), std::string::npos) << err;
  EXPECT_NE(r.out.find("1 input(s) cut short by a read error"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 new"), std::string::npos) << r.out;  // the part before the damage
  EXPECT_EQ(Entente("code " + dir + "/cut.txt.gz --fast", "", &err).status, 1) << err;
  EXPECT_EQ(Entente("code " + whole + " --fast", "", &err).status, 0) << err;
}

// `align --help` says what the score is: the S-score similarity by default (docs/analysis.md),
// not the weighted mix of affinity, similarity and co-participation it once claimed.
TEST(CliTest, AnalysisHelpSaysWhatTheColumnsAre) {
  CliRun help = Entente("align --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out.find("0.5 affinity"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("score = the S-score similarity"), std::string::npos) << help.out;
  // forecast's evidence column is often empty; the help says why.
  CliRun fc = Entente("forecast --help");
  EXPECT_NE(fc.out.find("evidence = its events in the\nlast window"), std::string::npos) << fc.out;
}

// The summary counts the inputs read, not those rejected whole; each command's help lists only
// the flags it uses and its usage line shows the defaults (user30's walkthrough).
TEST(CliTest, SummaryAndHelpSayWhatTheCommandDoes) {
  std::string dir = TempDir() + "/inputs";
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  std::string good = Write("good.jsonl",
                           "{\"id\":\"a\",\"date\":\"2012-01-01\",\"text\":\"China and Russia signed a trade "
                           "agreement on Monday.\"}\n", dir);
  std::string bad = Write("noise.txt", std::string("abc\0def\0", 8), dir);
  std::string err;
  CliRun r = Entente("ingest " + good + " " + bad + " --fast --db " + dir + "/x.db", "", &err);
  EXPECT_EQ(r.status, 1) << r.out << err;
  EXPECT_NE(r.out.find("read 1 document from 1 input:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 input(s) rejected"), std::string::npos) << r.out;
  // dyads and forecast draw no random numbers: no --seed.
  for (const char* cmd : {"dyads", "forecast"}) {
    CliRun help = Entente(std::string(cmd) + " --help");
    EXPECT_EQ(help.out.find("--seed"), std::string::npos) << help.out;
  }
  EXPECT_EQ(Entente("dyads --seed 2 --db " + dir + "/x.db", "", &err).status, 2) << err;
  EXPECT_NE(Entente("blocs --help").out.find("--seed"), std::string::npos);
  CliRun fc = Entente("forecast --help");
  EXPECT_NE(fc.out.find("[--window year]"), std::string::npos) << fc.out;
}

// On the demo corpus: some window shares only two states with the one before (2021 with 2019
// today; which one depends on the coder's dates), so no ARI with the previous window is printed
// for it (it would read 1.00), and UKR, in Russia's 2025 bloc on one ceasefire event, is listed
// as thin with its count.
TEST(CliTest, BlocsSayWhenEvidenceIsThin) {
  std::string db = TempDir() + "/blocs.db";
  ASSERT_EQ(Entente("ingest " + SourceDir() + "/corpus/demo --fast --quiet --db " + db).status, 0);
  CliRun t = Entente("blocs --db " + db + " --bootstrap 0");
  ASSERT_EQ(t.status, 0);
  std::istringstream lines(t.out);
  std::string line;
  bool few = false, ukr = false;
  while (std::getline(lines, line)) {
    few |= line.find("too few states (2)") != std::string::npos;
    if (line.rfind("2025", 0) == 0 && line.find("RUS") < line.find("UKR"))
      ukr |= line.find("UKR 1 event") != std::string::npos;
  }
  EXPECT_TRUE(few) << t.out;
  EXPECT_TRUE(ukr) << t.out;
  CliRun j = Entente("blocs --db " + db + " --bootstrap 0 --format jsonl");
  EXPECT_NE(j.out.find("\"previous_window_common_states\":2"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("{\"events\":1,\"occasions\":0,\"state\":\"UKR\",\"thin\":true}"), std::string::npos)
      << j.out;
  // The briefing's parade-guest-list bloc (every pair "no events between them") says so.
  CliRun brief = Entente("brief --db " + db + " --bootstrap 0");
  EXPECT_NE(brief.out.find("Weak: no events between its members, only shared occasions"), std::string::npos)
      << brief.out;
}

TEST(CliTest, ImportAndExportGdelt) {
  std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found; skipping data test";
  std::string db = TempDir() + "/g.db";
  CliRun r = Entente("import gdelt " + shared + "/gdelt2-export-samples/20191024143000.export.CSV --quiet --db " + db);
  EXPECT_EQ(r.status, 0);
  CliRun g = Entente("events --db " + db + " --format gdelt");
  EXPECT_EQ(std::count(g.out.begin(), g.out.end(), '\n'), 2111);
  CliRun again = Entente("import gdelt " + shared + "/gdelt2-export-samples/20191024143000.export.CSV --db " + db);
  EXPECT_NE(again.out.find("imported 0 new"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace entente
