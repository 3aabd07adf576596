// Damaged store files against the entente binary: a real store coded from demo articles is
// truncated, has bytes flipped in its header and pages, is replaced by an empty file, a file
// that is not SQLite, a store of a newer schema, a read-only file, a folder, or is locked by
// another connection; then every command that reads or writes a store runs on it. Contract: no
// crash and no hang (each run is killed after kTimeoutSeconds by the harness; no timing is
// asserted), a failing command exits 1 with one line naming the file and what is wrong, a
// damaged file is never written into, and a write that fails mid-way keeps what was stored
// before (transactions).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/testutil.h"

namespace entente {
namespace {

namespace fs = std::filesystem;
using testing::SourceDir;
using testing::TempDir;

constexpr int kTimeoutSeconds = 20;

struct CliRun {
  int status = -1;  // exit status; 128 + signal when killed (137: the harness's timeout)
  std::string out, err;
};

std::string Binary() {
  const char* b = std::getenv("ENTENTE_BINARY");
  return b ? b : SourceDir() + "/build/entente";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Runs `env entente ARGS` under timeout(1), stdin from /dev/null.
CliRun Entente(const std::string& args, const std::string& env = "") {
  static int n = 0;
  const std::string errf = TempDir() + "/stderr-" + std::to_string(++n);
  const std::string cmd = env + " timeout -s KILL " + std::to_string(kTimeoutSeconds) + " " + Binary() + " " +
                          args + " < /dev/null 2> " + errf;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t got;
  while ((got = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  r.err = ReadFile(errf);
  return r;
}

std::string Demo(const std::string& names) { return SourceDir() + "/corpus/demo/" + names; }

// A sound store of five demo articles, built once per process; its bytes and a GDELT export of
// its events (an import file that is known to be good).
struct Base {
  std::string db, bytes, gdelt;
};
const Base& Sound() {
  static const Base* base = [] {
    auto* b = new Base;
    b->db = TempDir() + "/sound.db";
    CliRun r = Entente("ingest --fast --quiet " + Demo("00[0-4]_*.txt") + " --db " + b->db);
    EXPECT_EQ(r.status, 0) << r.err;
    b->bytes = ReadFile(b->db);
    CliRun g = Entente("events --format gdelt --db " + b->db);
    EXPECT_EQ(g.status, 0) << g.err;
    b->gdelt = TempDir() + "/events.gdelt.csv";
    WriteFile(b->gdelt, g.out);
    return b;
  }();
  return *base;
}

// The store's events, one line each, from SQLite directly (not through entente).
std::vector<std::string> EventIds(const std::string& db) {
  std::vector<std::string> ids;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, "SELECT id FROM events ORDER BY id", -1, &st, nullptr) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW) ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return ids;
}

// The first column of the first row of `sql` on a file opened read-only, or the error.
std::string Query(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      result = sqlite3_errmsg(h);
    } else {
      int rc = sqlite3_step(st);
      const unsigned char* text = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : nullptr;
      result = rc == SQLITE_ROW ? (text ? reinterpret_cast<const char*>(text) : "NULL") : sqlite3_errmsg(h);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return result;
}

// PRAGMA quick_check on a file: "ok" or the first problem.
std::string QuickCheck(const std::string& db) { return Query(db, "PRAGMA quick_check(1)"); }

void Exec(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n" << sql;
  sqlite3_free(err);
  sqlite3_close(h);
}

// Every way a command opens and reads a store; `writes` for the ones that write into it. The
// analysis commands (dyads, align, blocs, shifts, forecast, brief) share one loader
// (LoadEvents over ForEachEvent): dyads and brief stand for them all.
struct StoreCommand {
  std::string args;
  bool writes;
};
std::vector<StoreCommand> Commands() {
  return {{"stats", false},
          {"events --limit 5", false},
          {"events --format jsonl", false},
          {"explain no-such-event", false},
          {"search summit", false},
          {"dyads", false},
          {"brief", false},
          {"group", true},
          {"ingest --fast --quiet " + Demo("01[0-1]_*.txt"), true},
          {"import gdelt --quiet " + Sound().gdelt, true}};
}

// The first word of a command line.
std::string Name(const std::string& args) { return args.substr(0, args.find(' ')); }

// Runs every command on a fresh copy of `bytes` (or what `make` leaves at the path) and checks
// the contract: exit 0 or 1, never killed; a failure is reported on stderr as
// "entente CMD: ...FILE...". Returns the runs by command.
std::vector<CliRun> RunAll(const std::string& label, const std::string& bytes) {
  std::vector<CliRun> runs;
  const std::string db = TempDir() + "/damaged-" + label + ".db";
  for (const auto& c : Commands()) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(db + suffix);
    WriteFile(db, bytes);
    CliRun r = Entente(c.args + " --db " + db);
    const std::string what = label + ": entente " + c.args;
    EXPECT_TRUE(r.status == 0 || r.status == 1) << what << ": exit " << r.status << (r.status == 137 ? " (hung)" : "")
                                                << "\n" << r.err;
    if (r.status == 1) {
      EXPECT_NE(r.err.find(db), std::string::npos) << what << ": the error does not name the file:\n" << r.err;
      EXPECT_EQ(r.err.rfind("entente " + Name(c.args) + ": ", 0), 0u) << what << ":\n" << r.err;
    }
    runs.push_back(std::move(r));
  }
  return runs;
}

// A damaged file that quick_check sees as damaged is never written into: every writing
// command fails (and names the file). A read may succeed when it does not touch the damage.
void ExpectNoWriteIntoDamage(const std::string& label, const std::string& bytes, const std::vector<CliRun>& runs) {
  const std::string probe = TempDir() + "/probe-" + label + ".db";
  WriteFile(probe, bytes);
  const std::string check = QuickCheck(probe);
  if (check == "ok") return;
  const auto commands = Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    if (commands[i].writes) {
      EXPECT_EQ(runs[i].status, 1) << label << ": entente " << commands[i].args
                                   << " wrote into a damaged file (quick_check: " << check << ")";
    }
  }
}

void Truncated(const std::vector<size_t>& sizes) {
  const std::string& b = Sound().bytes;
  for (size_t size : sizes) {
    const std::string label = "truncated-" + std::to_string(size);
    auto runs = RunAll(label, b.substr(0, size));
    ExpectNoWriteIntoDamage(label, b.substr(0, size), runs);
  }
}
TEST(StoreDamage, TruncatedInTheHeaderPage) { Truncated({50, 100, 4096}); }
TEST(StoreDamage, TruncatedAfterTheHeaderPage) { Truncated({16384, 16384 + 100, 3 * 16384}); }
TEST(StoreDamage, TruncatedLater) {
  const size_t n = Sound().bytes.size();
  Truncated({n / 2, n - 16384, n - 1});
}

// The magic string, page size, file format versions, reserved bytes, page count, schema
// cookie, schema format, text encoding.
void HeaderBytesFlipped(const std::vector<size_t>& offsets) {
  for (size_t at : offsets) {
    std::string b = Sound().bytes;
    b[at] = static_cast<char>(b[at] ^ 0x5a);
    const std::string label = "header-" + std::to_string(at);
    auto runs = RunAll(label, b);
    ExpectNoWriteIntoDamage(label, b, runs);
    if (at == 0 || at == 16) {
      for (const auto& r : runs) EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << label << r.err;
    }
  }
}
TEST(StoreDamage, HeaderBytesFlippedMagicAndPageSize) { HeaderBytesFlipped({0, 15, 16}); }
TEST(StoreDamage, HeaderBytesFlippedVersionsAndReserve) { HeaderBytesFlipped({18, 19, 20}); }
TEST(StoreDamage, HeaderBytesFlippedCounts) { HeaderBytesFlipped({28, 40}); }
TEST(StoreDamage, HeaderBytesFlippedFormats) { HeaderBytesFlipped({44, 56}); }

// Each variant damages one page (schema page, a b-tree page, the last page) with 16 flips;
// size_t(-1) damages 24 random bytes over the whole file.
void PageBytesFlipped(const std::vector<size_t>& targets) {
  const std::string& sound = Sound().bytes;
  const size_t page = 16384;
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  for (size_t t : targets) {
    std::string b = sound;
    for (int i = 0; i < (t == size_t(-1) ? 24 : 16); ++i) {
      const size_t at = t == size_t(-1) ? 100 + next() % (b.size() - 100) : t * page + 100 + next() % (page - 100);
      b[at] = static_cast<char>(b[at] ^ (1 + next() % 255));
    }
    const std::string label = t == size_t(-1) ? "flips-anywhere" : "page-" + std::to_string(t + 1);
    auto runs = RunAll(label, b);
    ExpectNoWriteIntoDamage(label, b, runs);
  }
}
TEST(StoreDamage, PageBytesFlippedFirstPages) { PageBytesFlipped({0, 1, 2}); }
TEST(StoreDamage, PageBytesFlippedLaterPages) {
  const size_t pages = Sound().bytes.size() / 16384;
  PageBytesFlipped({pages / 2, pages - 1, size_t(-1)});
}

void ZeroedPages(const std::vector<size_t>& which) {
  const std::string& sound = Sound().bytes;
  const size_t page = 16384;
  for (size_t p : which) {
    std::string b = sound;
    std::fill(b.begin() + p * page, b.begin() + (p + 1) * page, '\0');
    const std::string label = "zero-page-" + std::to_string(p + 1);
    auto runs = RunAll(label, b);
    ExpectNoWriteIntoDamage(label, b, runs);
  }
}
TEST(StoreDamage, ZeroedFirstPages) { ZeroedPages({1, 2}); }
TEST(StoreDamage, ZeroedLaterPages) {
  const size_t pages = Sound().bytes.size() / 16384;
  ZeroedPages({pages / 3, pages / 2, pages - 1});
}

TEST(StoreDamage, EmptyFileAndNotSqlite) {
  auto empty = RunAll("empty", "");
  const auto commands = Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    if (commands[i].writes) continue;  // an empty file is an empty database: writing makes a store
    EXPECT_EQ(empty[i].status, 1) << commands[i].args;
    EXPECT_NE(empty[i].err.find("empty file"), std::string::npos) << empty[i].err;
  }
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Title: not a store\nthis is a news article, not a database\n";
  for (const auto& r : RunAll("text", text)) {
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << r.err;
  }
}

TEST(StoreDamage, NewerSchemaAndOtherDatabases) {
  const std::string newer = TempDir() + "/newer.db";
  WriteFile(newer, Sound().bytes);
  Exec(newer, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  for (const auto& r : RunAll("newer", ReadFile(newer))) {
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("schema version 99 is newer"), std::string::npos) << r.err;
  }
  const std::string other = TempDir() + "/other.db";
  Exec(other, "CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  for (const auto& r : RunAll("other", ReadFile(other))) {
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("not an entente store"), std::string::npos) << r.err;
  }
  EXPECT_EQ(ReadFile(other).size() % 512, 0u);  // and it was not touched (still one table)
}

TEST(StoreDamage, DirectoryInItsPlace) {
  const std::string dir = TempDir() + "/a-folder.db";
  fs::create_directories(dir);
  for (const auto& c : Commands()) {
    CliRun r = Entente(c.args + " --db " + dir);
    EXPECT_EQ(r.status, 1) << c.args;
    EXPECT_NE(r.err.find(dir + ": is a directory"), std::string::npos) << c.args << ": " << r.err;
  }
  CliRun s = Entente("serve --quiet --no-code --port 0 --db " + dir);
  EXPECT_EQ(s.status, 1);
  EXPECT_NE(s.err.find(dir + ": is a directory"), std::string::npos) << s.err;
}

// serve opens the store before it listens: a damaged file ends it at once with the reason.
TEST(StoreDamage, ServeRefusesWhatItCannotOpen) {
  const std::string& sound = Sound().bytes;
  std::string header = sound;
  header[0] = 'X';
  const std::string newer = TempDir() + "/serve-newer.db";
  WriteFile(newer, sound);
  Exec(newer, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty file"}, {"just text\n", "not a SQLite database"}, {header, "not a SQLite database"},
      {sound.substr(0, 4096), "damaged store file"}, {ReadFile(newer), "newer"}};
  int n = 0;
  for (const auto& [bytes, message] : cases) {
    const std::string db = TempDir() + "/serve-" + std::to_string(++n) + ".db";
    WriteFile(db, bytes);
    CliRun r = Entente("serve --quiet --no-code --port 0 --db " + db);
    EXPECT_EQ(r.status, 1) << message;
    EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

// chattr +i (immutable, even for root), else chmod 0444 for other users; false when neither
// makes the file unwritable.
bool MakeReadOnly(const std::string& path) {
  if (geteuid() != 0) return chmod(path.c_str(), 0444) == 0;
  return std::system(("chattr +i " + path + " 2>/dev/null").c_str()) == 0;
}
void MakeWritable(const std::string& path) {
  if (geteuid() == 0) (void)std::system(("chattr -i " + path + " 2>/dev/null").c_str());
  chmod(path.c_str(), 0644);
}

TEST(StoreDamage, ReadOnlyFile) {
  const std::string db = TempDir() + "/readonly.db";
  WriteFile(db, Sound().bytes);
  if (!MakeReadOnly(db)) GTEST_SKIP() << "cannot make a file read-only here (root without chattr)";
  for (const auto& c : Commands()) {
    CliRun r = Entente(c.args + " --db " + db);
    if (c.writes) {
      EXPECT_EQ(r.status, 1) << c.args;
      EXPECT_NE(r.err.find(db + ": cannot write"), std::string::npos) << c.args << ": " << r.err;
    } else {
      EXPECT_TRUE(r.status == 0 || (r.status == 1 && c.args.rfind("explain", 0) == 0)) << c.args << ": " << r.err;
    }
  }
  MakeWritable(db);
  EXPECT_EQ(ReadFile(db), Sound().bytes);
}

// Another connection holds the write lock (rollback-journal mode, as the file is at rest: an
// exclusive lock blocks readers too). With ENTENTE_LOCK_TIMEOUT=0.2 every command gives up
// with the reason; with the default timeout a lock released after half a second is waited for.
TEST(StoreDamage, LockedByAnotherConnection) {
  const std::string db = TempDir() + "/locked.db";
  WriteFile(db, Sound().bytes);
  const auto before = EventIds(db);
  ASSERT_FALSE(before.empty());
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('lock-test', 'x')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  for (const auto& c : Commands()) {
    if (c.args.rfind("events --format", 0) == 0) continue;  // the same open as events --limit
    CliRun r = Entente(c.args + " --db " + db, "ENTENTE_LOCK_TIMEOUT=0.2");
    EXPECT_EQ(r.status, 1) << c.args << ": " << r.err;
    EXPECT_NE(r.err.find(db), std::string::npos) << c.args << ": " << r.err;
    EXPECT_NE(r.err.find("locked"), std::string::npos) << c.args << ": " << r.err;
  }
  // Released after half a second: a writer with the default timeout waits and succeeds.
  std::thread release([h] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
  });
  CliRun r = Entente("ingest --fast --quiet " + Demo("010_*.txt") + " --db " + db);
  release.join();
  sqlite3_close(h);
  EXPECT_EQ(r.status, 0) << r.err;
  const auto after = EventIds(db);
  for (const auto& id : before) EXPECT_TRUE(std::binary_search(after.begin(), after.end(), id)) << id;
  EXPECT_GT(after.size(), before.size());
}

// A write that fails mid-way (a trigger refuses one document, then one import chunk) exits 1
// naming the file; what was stored before, and the documents of the run before the failing one,
// are still there.
TEST(StoreDamage, AppendFailingMidwayKeepsWhatWasStored) {
  const std::string db = TempDir() + "/midway.db";
  WriteFile(db, Sound().bytes);
  const auto before = EventIds(db);
  ASSERT_FALSE(before.empty());
  Exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.doc_id LIKE '013%' "
           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  CliRun r = Entente("ingest --fast --quiet " + Demo("01[0-5]_*.txt") + " --db " + db);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("injected failure"), std::string::npos) << r.err;
  auto after = EventIds(db);
  for (const auto& id : before) EXPECT_TRUE(std::binary_search(after.begin(), after.end(), id)) << id;
  CliRun docs = Entente("stats --format json --db " + db);
  EXPECT_EQ(docs.status, 0) << docs.err;
  EXPECT_NE(docs.out.find("\"documents\": 8"), std::string::npos) << docs.out;  // 5 + 010..012
  Exec(db, "DROP TRIGGER refuse");

  // An import into chunks refused at its first chunk: nothing of it is stored, nothing lost.
  const auto before_import = EventIds(db);
  Exec(db, "CREATE TRIGGER refuse_chunk BEFORE INSERT ON event_chunks BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  CliRun imp = Entente("import gdelt --quiet " + Sound().gdelt + " --db " + db);
  EXPECT_EQ(imp.status, 1) << imp.err;
  EXPECT_NE(imp.err.find(db), std::string::npos) << imp.err;
  EXPECT_EQ(EventIds(db), before_import);
  Exec(db, "DROP TRIGGER refuse_chunk");
  CliRun ok = Entente("import gdelt --quiet " + Sound().gdelt + " --db " + db);
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(QuickCheck(db), "ok");
}

// A writer killed at any moment (SIGKILL during an ingest) leaves a store that opens, reads,
// holds everything stored before and accepts the next ingest.
TEST(StoreDamage, KilledWriterLeavesASoundStore) {
  const std::string db = TempDir() + "/killed.db";
  WriteFile(db, Sound().bytes);
  const auto before = EventIds(db);
  for (int delay_ms : {150, 400}) {
    const std::string cmd = "timeout -s KILL " + std::to_string(delay_ms / 1000.0) + " " + Binary() +
                            " ingest --fast --quiet " + Demo("") + " --db " + db + " > /dev/null 2>&1";
    (void)std::system(cmd.c_str());
    CliRun s = Entente("stats --db " + db);
    EXPECT_EQ(s.status, 0) << s.err;
    const auto after = EventIds(db);
    for (const auto& id : before) EXPECT_TRUE(std::binary_search(after.begin(), after.end(), id)) << id;
  }
  CliRun r = Entente("ingest --fast --quiet " + Demo("02[0-2]_*.txt") + " --db " + db);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(QuickCheck(db), "ok");
}

// A writer killed inside a transaction leaves a WAL (which a read-only connection can recover
// itself) or a hot rollback journal (which it cannot: "attempt to write a readonly database").
// Read-only commands read both: every committed row, nothing of the unfinished transaction.
TEST(StoreDamage, ReadOnlyOpenRecoversAfterAKilledWriter) {
  for (const char* mode : {"WAL", "DELETE"}) {
    const std::string db = TempDir() + "/killed-" + mode + ".db";
    WriteFile(db, Sound().bytes);
    const auto before = EventIds(db);
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
      sqlite3* h = nullptr;
      if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) _exit(2);
      const std::string sql = std::string("PRAGMA journal_mode = ") + mode +
                              "; INSERT INTO meta VALUES ('committed', 'x'); BEGIN; "
                              "INSERT INTO meta VALUES ('unfinished', 'y'); DELETE FROM meta WHERE key = 'committed';";
      if (sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(3);
      // Spill the unfinished transaction to the file (a hot journal in DELETE mode).
      if (std::string(mode) == "DELETE" &&
          sqlite3_exec(h, "PRAGMA cache_spill = 1; PRAGMA cache_size = 1;", nullptr, nullptr, nullptr) != SQLITE_OK)
        _exit(4);
      std::string big = "INSERT INTO meta VALUES ('pad', '" + std::string(1 << 20, 'p') + "');";
      if (sqlite3_exec(h, big.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) _exit(5);
      raise(SIGKILL);
    }
    int st = 0;
    ASSERT_EQ(waitpid(child, &st, 0), child);
    ASSERT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) << mode << " child exit " << WEXITSTATUS(st);
    const std::string journal = db + (std::string(mode) == "WAL" ? "-wal" : "-journal");
    ASSERT_TRUE(fs::exists(journal)) << journal;

    CliRun s = Entente("stats --db " + db);
    EXPECT_EQ(s.status, 0) << mode << ": " << s.err;
    EXPECT_FALSE(fs::exists(db + "-journal")) << mode;  // rolled back
    EXPECT_EQ(EventIds(db), before) << mode;
    EXPECT_EQ(Query(db, "SELECT group_concat(key) FROM meta WHERE key IN ('committed', 'unfinished', 'pad')"),
              "committed") << mode;
    EXPECT_EQ(QuickCheck(db), "ok") << mode;
  }
}

}  // namespace
}  // namespace entente
