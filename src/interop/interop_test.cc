#include <gtest/gtest.h>
#include <zlib.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "base/testutil.h"
#include "entente/interop.h"
#include "interop/import_internal.h"
#include "interop/line_reader.h"

namespace entente {
namespace {

using testing::SharedDataDir;
using testing::SourceDir;
using testing::TempDir;

struct Collected {
  std::vector<Event> events;
  std::vector<Diagnostic> diags;
  ImportStats stats;
};

Collected Import(EventSource src, const std::vector<std::string>& files, size_t batch_size = 20000) {
  Collected c;
  ImportOptions o;
  o.root = SourceDir();
  o.batch_size = batch_size;
  o.sink = [&](const Diagnostic& d) { c.diags.push_back(d); };
  Status s = ImportEvents(src, files, o, [&](std::vector<Event>& b) {
    for (auto& e : b) c.events.push_back(e);
    return Status::OK();
  }, &c.stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

std::string Row(const std::vector<std::string>& f, char d = '\t') {
  std::string s;
  for (size_t i = 0; i < f.size(); ++i) s += (i ? std::string(1, d) : "") + f[i];
  return s;
}

// A GDELT 1.0 row with `n` fields (57 or 58).
std::vector<std::string> V1(const std::string& id, size_t n) {
  std::vector<std::string> f(58);
  f[0] = id; f[1] = "20130105"; f[2] = "201301"; f[3] = "2013"; f[4] = "2013.0137";
  f[5] = "RUS"; f[6] = "RUSSIA"; f[7] = "RUS";
  f[15] = "GEOGOV"; f[16] = "GEORGIA"; f[17] = "GEO"; f[22] = "GOV";
  f[25] = "1"; f[26] = "042"; f[27] = "042"; f[28] = "04"; f[29] = "1"; f[30] = "1.9";
  f[31] = "4"; f[32] = "1"; f[33] = "4"; f[34] = "2.5";
  f[49] = "1"; f[50] = "Tbilisi, Georgia"; f[51] = "GG"; f[52] = "GG"; f[53] = "41.72"; f[54] = "44.79"; f[55] = "-1";
  f[56] = "20130106";
  f[57] = "http://example.org/a";
  f.resize(n);  // fewer fields make a malformed row
  return f;
}

std::string Write(const std::string& name, const std::string& text) {
  std::string p = TempDir() + "/" + name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

TEST(GdeltImportTest, ReadsBothLayoutsHeadersIndexColumnsAndReportsBadRows) {
  std::string text = Row({"GLOBALEVENTID", "SQLDATE", "MonthYear"}) + "\n" + Row(V1("100", 57)) + "\n" +
                     Row(V1("101", 58)) + "\n" + "5\t" + Row(V1("102", 58)) + "\n" + "garbage\tline\n" +
                     Row(V1("103", 40)) + "\n";
  Collected c = Import(EventSource::kGdelt, {Write("g.tsv", text)});
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.stats.malformed, 2);
  ASSERT_EQ(c.diags.size(), 2u);
  EXPECT_EQ(c.diags[0].line, 5);
  EXPECT_EQ(c.diags[1].line, 6);
  EXPECT_NE(c.diags[1].message.find("found 40"), std::string::npos) << c.diags[1].message;
  const Event& e = c.events[0];
  EXPECT_EQ(e.id, "gdelt:100");
  EXPECT_EQ(e.date, "2013-01-05");
  EXPECT_EQ(e.source.country, "RUS");
  ASSERT_TRUE(e.target.has_value());
  EXPECT_EQ(e.target->code, "GEOGOV");
  EXPECT_EQ(e.target->sector, "GOV");
  EXPECT_EQ(e.cameo, "042");
  EXPECT_EQ(e.quad_class, 1);
  EXPECT_DOUBLE_EQ(e.goldstein, 1.9);
  ASSERT_TRUE(e.location.has_value());
  EXPECT_EQ(e.location->country, "GEO");  // FIPS GG -> ISO GEO
  EXPECT_EQ(c.events[1].doc_id, "http://example.org/a");
  EXPECT_EQ(c.events[2].id, "gdelt:102");  // leading index column skipped
  EXPECT_EQ(e.origin, "gdelt");
}

TEST(GdeltImportTest, QuotedCsvNaAndGzip) {
  auto f = V1("200", 58);
  f[6] = "\"RUSSIA, FEDERATION\"";
  f[16] = "NA";
  f[50] = "\"Tbilisi, Georgia\"";
  std::string csv = Row(f, ',') + "\n";
  std::string p = TempDir() + "/g.csv.gz";
  gzFile gz = gzopen(p.c_str(), "wb");
  gzwrite(gz, csv.data(), static_cast<unsigned>(csv.size()));
  gzclose(gz);
  Collected c = Import(EventSource::kGdelt, {p});
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].source.name, "RUSSIA, FEDERATION");
  EXPECT_EQ(c.events[0].target->name, "");
}

// Gzip files are inflated whole (libdeflate): several members read as one text, a bad row is
// reported with its line, and a truncated file still yields the rows before the damage (read
// again through libarchive's stream) and an error naming the file.
TEST(GdeltImportTest, GzipMembersBadRowsAndTruncation) {
  std::string part1, part2;
  for (int i = 0; i < 300; ++i) part1 += Row(V1(std::to_string(1000 + i), 58)) + "\n";
  part2 = Row(V1("2000", 40)) + "\n";
  for (int i = 0; i < 200; ++i) part2 += Row(V1(std::to_string(3000 + i), 57)) + "\n";
  std::string p = TempDir() + "/multi.tsv.gz";
  for (const std::string* part : {&part1, &part2}) {  // two gzip members, appended
    gzFile gz = gzopen(p.c_str(), part == &part1 ? "wb" : "ab");
    gzwrite(gz, part->data(), static_cast<unsigned>(part->size()));
    gzclose(gz);
  }
  Collected c = Import(EventSource::kGdelt, {p});
  EXPECT_EQ(c.events.size(), 500u);
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.diags[0].line, 301);
  EXPECT_EQ(c.diags[0].file, p);
  EXPECT_EQ(c.events.back().id, "gdelt:3199");

  // Truncated: the first member whole, the second cut in the middle.
  std::string bytes = testing::ReadFileOrDie(p);
  std::string cut = Write("cut.tsv.gz", bytes.substr(0, bytes.size() - 300));
  Collected t = Import(EventSource::kGdelt, {cut});
  EXPECT_GE(t.events.size(), 300u);
  EXPECT_LT(t.events.size(), 500u);
  int read_errors = 0;  // besides the bad rows (one cut in half): the damage, with the file's name
  for (const auto& d : t.diags)
    if (d.file == cut && d.message.find("found") == std::string::npos) ++read_errors;
  EXPECT_EQ(read_errors, 1);
}

// Decimal fields (Goldstein, latitude, longitude) go through a fast path for plain decimals;
// every value must be bit for bit what std::from_chars gives.
TEST(GdeltImportTest, DecimalsParseExactly) {
  std::mt19937_64 rng(5);
  std::vector<std::string> values = {"0", "-0", "-0.0", ".5", "-.5", "5.", "007.250", "1e3", "123456789012345",
                                     "1234567890123456", "0.0000000000000000000001", "-9.999999999999999",
                                     "41.7219999999999", "0.1", "0.3", "2.675", "-2.36220472440945"};
  for (int i = 0; i < 3000; ++i) {
    std::string v = rng() % 3 == 0 ? "-" : "";
    int len = 1 + static_cast<int>(rng() % 19);
    int dot = static_cast<int>(rng() % (len + 1));
    for (int k = 0; k < len; ++k) {
      if (k == dot) v += '.';
      v += static_cast<char>('0' + rng() % 10);
    }
    values.push_back(v);
  }
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    auto f = V1(std::to_string(500000 + i), 58);
    f[30] = values[i];
    text += Row(f) + "\n";
  }
  Collected c = Import(EventSource::kGdelt, {Write("dec.tsv", text)});
  ASSERT_EQ(c.events.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    std::string_view s = values[i];
    double want = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
    if (ec != std::errc() || end != s.data() + s.size()) want = 0;  // unparsable: goldstein stays 0
    EXPECT_EQ(std::memcmp(&want, &c.events[i].goldstein, sizeof want), 0)
        << values[i] << ": " << c.events[i].goldstein << " vs " << want;
  }
}

TEST(GdeltImportTest, UnreadableFileIsRejectedNotFatal) {
  Collected c = Import(EventSource::kGdelt, {"/nonexistent/file.csv"});
  EXPECT_EQ(c.events.size(), 0u);
  EXPECT_EQ(c.stats.rejected.size(), 1u);
}

// The importer refills the same Event objects batch after batch: nothing of a previous row may
// leak into the next, whatever the batch size, and a consumer may take the vector away.
TEST(GdeltImportTest, ReusedEventsCarryNothingOver) {
  auto bare = V1("301", 58);
  for (size_t i : {15, 16, 17, 22, 50}) bare[i] = "";  // no target, no location
  bare[57] = "";
  std::string text = Row(V1("300", 58)) + "\n" + Row(bare) + "\n" + Row(V1("302", 40)) + "\n" +
                     Row(V1("303", 57)) + "\n" + Row(bare) + "\n";
  std::string p = Write("reuse.tsv", text);
  Collected one = Import(EventSource::kGdelt, {p}, 1);
  Collected two = Import(EventSource::kGdelt, {p}, 2);
  Collected all = Import(EventSource::kGdelt, {p});
  ASSERT_EQ(all.events.size(), 4u);
  EXPECT_EQ(all.stats.malformed, 1);
  EXPECT_FALSE(all.events[1].target.has_value());
  EXPECT_FALSE(all.events[1].location.has_value());
  EXPECT_EQ(all.events[1].doc_id, "");
  EXPECT_TRUE(all.events[2].target.has_value());
  EXPECT_FALSE(all.events[3].target.has_value());
  for (const Collected* c : {&one, &two}) {
    ASSERT_EQ(c->events.size(), all.events.size());
    for (size_t i = 0; i < all.events.size(); ++i) EXPECT_EQ(ToJson(c->events[i]), ToJson(all.events[i]));
  }
  // A consumer that moves the batch out gets every event once, all complete.
  std::vector<std::vector<Event>> taken;
  ImportOptions o;
  o.root = SourceDir();
  o.batch_size = 3;
  ImportStats stats;
  ASSERT_TRUE(ImportEvents(EventSource::kGdelt, {p}, o, [&](std::vector<Event>& b) {
    taken.push_back(std::move(b));
    return Status::OK();
  }, &stats).ok());
  ASSERT_EQ(taken.size(), 2u);
  ASSERT_EQ(taken[1].size(), 1u);
  EXPECT_EQ(ToJson(taken[0][1]), ToJson(all.events[1]));
  EXPECT_EQ(ToJson(taken[1][0]), ToJson(all.events[3]));
}

// The vectorised splitter agrees with a byte-by-byte split on every length and delimiter
// position around its 16-byte blocks, including empty and trailing fields.
TEST(SplitFieldsTest, MatchesNaiveSplit) {
  std::vector<std::string_view> got;
  std::string scratch;
  for (size_t len = 0; len <= 40; ++len)
    for (size_t seed = 0; seed < 8; ++seed) {
      std::string line(len, 'x');
      for (size_t i = 0; i < len; ++i)
        if ((i * 7 + seed * 3) % (seed + 2) == 0) line[i] = '\t';
      std::vector<std::string> want(1);
      for (char ch : line) {
        if (ch == '\t') want.emplace_back();
        else want.back().push_back(ch);
      }
      interop::SplitFields(line, '\t', false, &got, &scratch);
      ASSERT_EQ(got.size(), want.size()) << "len " << len << " seed " << seed;
      for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i]) << "len " << len << " field " << i;
    }
}

TEST(GdeltImportTest, ResetEventRestoresDefaults) {
  Event e;
  e.id = "gdelt:1";
  e.doc_id = "http://example.org/a-rather-long-document-address";
  e.doc_hash = "abc";
  e.sentence = 4;
  e.sentence_span = {1, 9};
  e.doc_date = e.date = "2013-01-05";
  e.date_precision = DatePrecision::kYear;
  e.source = ActorRef{"RUSGOV", "RUS", "GOV", "Russia", "the Russian government", {3, 7}};
  e.target = e.source;
  e.cameo = "042";
  e.root = "04";
  e.plover = "CONSULT";
  e.goldstein = 1.9;
  e.quad_class = 1;
  e.modality = Modality::kPlanned;
  e.location = Location{"Tbilisi", "GEO", 41.7, 44.8, {2, 5}, ""};
  e.text = "Russia consulted Georgia.";
  e.why.verb = {1, 2};
  e.why.pattern = "p";
  e.why.entries = {"x"};
  e.why.modality_cue = "will";
  e.why.date_cue = "today";
  e.why.speaker = "he";
  e.why.note = "gdelt IsRootEvent=1";
  e.origin = "gdelt";
  e.group = "g1";
  interop::ResetEvent(&e);
  const Event fresh;
  EXPECT_EQ(ToJson(e), ToJson(fresh));
  EXPECT_EQ(e.doc_hash, fresh.doc_hash);
  EXPECT_EQ(e.group, fresh.group);
  EXPECT_EQ(e.origin, fresh.origin);
  EXPECT_EQ(e.sentence_span, fresh.sentence_span);
  EXPECT_EQ(e.source.span, fresh.source.span);
  EXPECT_EQ(e.why.verb, fresh.why.verb);
  EXPECT_EQ(e.date_precision, DatePrecision::kDay);
}

// GDELT rows carry days: every imported event has day precision, also in a batch reused after
// an event of year precision.
TEST(GdeltImportTest, ImportedDatesAreDays) {
  std::string p = Write("days.tsv", Row(V1("400", 58)) + "\n" + Row(V1("401", 58)) + "\n");
  ImportOptions o;
  o.root = SourceDir();
  o.batch_size = 1;
  ImportStats stats;
  int seen = 0;
  ASSERT_TRUE(ImportEvents(EventSource::kGdelt, {p}, o, [&](std::vector<Event>& b) {
    for (Event& e : b) {
      EXPECT_EQ(e.date_precision, DatePrecision::kDay) << e.id;
      EXPECT_EQ(e.date, "2013-01-05");
      e.date_precision = DatePrecision::kYear;  // the importer must reset it for the next row
      ++seen;
    }
    return Status::OK();
  }, &stats).ok());
  EXPECT_EQ(seen, 2);
}

// The exports: GDELT keeps the date (its columns have no precision); PLOVER JSON, which allows
// extra keys, says "datePrecision" when the date stands for a month or year, and nothing for a day.
TEST(ExportTest, DatePrecisionInPloverAndGdelt) {
  auto ex = EventExporter::Create(SourceDir());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  Event e;
  e.id = "0123456789abcdef";
  e.date = "2000-01-01";
  e.source = ActorRef{"RUSGOV", "RUS", "GOV", "", "Putin", {}};
  e.target = ActorRef{"PRK", "PRK", "", "", "Pyongyang", {}};
  e.cameo = "042";
  e.root = "04";
  e.plover = "CONSULT/visit";
  auto plover = [&](const Event& ev) {
    std::ostringstream out;
    (*ex)->WritePlover(ev, out);
    return out.str();
  };
  auto gdelt_date = [&](const Event& ev) {
    std::ostringstream out;
    (*ex)->WriteGdelt(ev, out);
    std::string row = out.str();
    size_t a = row.find('\t');
    return row.substr(a + 1, row.find('\t', a + 1) - a - 1);
  };
  EXPECT_EQ(plover(e).find("datePrecision"), std::string::npos) << plover(e);
  std::string day_gdelt = gdelt_date(e);
  e.date_precision = DatePrecision::kYear;
  EXPECT_NE(plover(e).find("\"datePrecision\":\"year\""), std::string::npos) << plover(e);
  EXPECT_NE(plover(e).find("\"date\":\"2000-01-01\""), std::string::npos) << plover(e);
  e.date_precision = DatePrecision::kMonth;
  EXPECT_NE(plover(e).find("\"datePrecision\":\"month\""), std::string::npos) << plover(e);
  EXPECT_EQ(gdelt_date(e), "20000101");
  EXPECT_EQ(gdelt_date(e), day_gdelt);
}

TEST(GdeltImportTest, RealSamples) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::string dir = shared + "/gdelt2-export-samples/";
  Collected v2 = Import(EventSource::kGdelt, {dir + "20191024143000.export.CSV"});
  EXPECT_EQ(v2.events.size(), 2111u);
  EXPECT_EQ(v2.stats.malformed, 0);
  Collected v2_small = Import(EventSource::kGdelt, {dir + "20191024143000.export.CSV"}, 5);
  ASSERT_EQ(v2_small.events.size(), v2.events.size());
  for (size_t i = 0; i < v2.events.size(); ++i) ASSERT_EQ(ToJson(v2_small.events[i]), ToJson(v2.events[i])) << i;
  Collected v1 = Import(EventSource::kGdelt, {dir + "gdelt1_dailyupdate_20160728_sample.tsv"});
  EXPECT_EQ(v1.events.size() + v1.stats.malformed, v1.stats.rows);
  EXPECT_GT(v1.events.size(), 700u * 9 / 10);
  Collected sub = Import(EventSource::kGdelt, {dir + "gdelt2_subset_20201113.csv"});
  EXPECT_GT(sub.events.size(), 1000u);
  EXPECT_EQ(sub.stats.malformed, 0) << (sub.diags.empty() ? "" : sub.diags[0].ToString());
  Collected geo = Import(EventSource::kGdelt, {shared + "/gdelt1-georgia-2011-2013/monthly_raw_csv.tar.gz"});
  EXPECT_GT(geo.events.size(), 100000u);
  EXPECT_LT(geo.stats.malformed, geo.stats.rows / 100) << (geo.diags.empty() ? "" : geo.diags[0].ToString());
}

TEST(GdeltExportTest, RoundTripFieldByField) {
  ENTENTE_REQUIRE_SHARED(shared);
  std::string path = shared + "/gdelt2-export-samples/20191024143000.export.CSV";
  Collected c = Import(EventSource::kGdelt, {path});
  auto ex = EventExporter::Create(SourceDir());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  std::ostringstream out;
  for (const auto& e : c.events) (*ex)->WriteGdelt(e, out);
  // Compare with the original rows column by column, for the columns entente models.
  std::ifstream orig(path);
  std::istringstream mine(out.str());
  std::string a, b, scratch, scratch2;
  std::vector<std::string_view> fa, fb;
  const std::vector<size_t> kModelled = {0,  1,  2,  3,  5,  6,  7,  12, 15, 16, 17, 22, 25, 26, 27, 28,
                                         29, 31, 32, 33, 34, 51, 52, 53, 54, 55, 58, 59, 60};
  int rows = 0, mismatches = 0;
  while (std::getline(orig, a) && std::getline(mine, b)) {
    interop::SplitFields(a, '\t', false, &fa, &scratch);
    interop::SplitFields(b, '\t', false, &fb, &scratch2);
    ASSERT_EQ(fb.size(), 61u);
    for (size_t col : kModelled)
      if (fa[col] != fb[col]) {
        if (++mismatches < 5) ADD_FAILURE() << "row " << rows << " column " << col << ": '" << fa[col] << "' vs '" << fb[col] << "'";
      }
    // Numbers compare as numbers.
    for (size_t col : {30, 56, 57})
      if (!fa[col].empty()) {
        EXPECT_DOUBLE_EQ(std::stod(std::string(fa[col])), std::stod(std::string(fb[col])));
      }
    ++rows;
  }
  EXPECT_EQ(rows, 2111);
  EXPECT_EQ(mismatches, 0);
}

TEST(IcewsImportTest, ReadsRealSamples) {
  ENTENTE_REQUIRE_SHARED(shared);
  Collected c = Import(EventSource::kIcews, {shared + "/icews/icews_events.2018.sample.tab",
                                             shared + "/icews/icews_sample_from_rda.tsv"});
  EXPECT_EQ(c.stats.rows, 3705 + 4993);
  EXPECT_EQ(c.stats.malformed, 0) << (c.diags.empty() ? "" : c.diags[0].ToString());
  const Event& e = c.events[0];
  EXPECT_EQ(e.id, "icews:32889836");
  EXPECT_EQ(e.date, "2018-06-01");
  EXPECT_EQ(e.cameo, "040");
  EXPECT_EQ(e.source.sector, "GOV");  // "Executive,Foreign Ministry,Government"
  EXPECT_EQ(e.target->sector, "MIL");
  EXPECT_EQ(e.origin, "icews");
  // Small batches (refilled Event objects) give the same events.
  Collected small = Import(EventSource::kIcews, {shared + "/icews/icews_events.2018.sample.tab",
                                                 shared + "/icews/icews_sample_from_rda.tsv"}, 7);
  ASSERT_EQ(small.events.size(), c.events.size());
  for (size_t i = 0; i < c.events.size(); ++i) ASSERT_EQ(ToJson(small.events[i]), ToJson(c.events[i])) << i;
}

TEST(IcewsImportTest, RejectsNonIcewsTable) {
  Collected c = Import(EventSource::kIcews, {Write("x.tsv", "a\tb\n1\t2\n")});
  EXPECT_EQ(c.events.size(), 0u);
  EXPECT_EQ(c.stats.rejected.size(), 1u);
}

}  // namespace
}  // namespace entente
