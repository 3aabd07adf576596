// Readers: input discovery (files, directories in sorted order, stdin), format detection,
// binary/empty checks, and the streaming plain-text and JSON Lines readers. HTML and feeds are
// in html_reader.cc and feed_reader.cc.
//
// A file in gzip format is read inflated (zlib's gzread; "speeches.jsonl.gz" is detected as
// JSON Lines); gzip data on stdin is rejected. Every input is first sniffed: its first 8 KiB
// decide whether it is empty, binary (magic numbers, NUL bytes, or more than 10% control
// bytes) and, unless ReadOptions::format says, which format it is (extension first, then
// content). Plain text and JSON Lines are then
// streamed in 1 MiB chunks so memory stays bounded whatever the file size: plain text is cut
// into parts of at most max_document_bytes at a paragraph, sentence or space boundary, and a
// JSON line longer than 4 * max_document_bytes is skipped with an error. Invalid UTF-8 is
// repaired to U+FFFD everywhere, with one warning per file naming the first bad byte.
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "entente/reader.h"
#include "text/reader_internal.h"
#include "text/ungd_reader.h"
#include "text/utf8.h"

namespace entente {
namespace text {

void InputContext::Report(Diagnostic::Level level, int64_t line, int64_t byte,
                          std::string message) const {
  if (!options->sink) return;
  Diagnostic d;
  d.level = level;
  d.file = path;
  d.line = line;
  d.byte = byte;
  d.message = std::move(message);
  options->sink(d);
}

Status InputContext::Emit(Document& doc) {
  doc.path = path;
  if (!doc.date) {
    ++undated;
    if (options->default_date) doc.date = options->default_date;
  }
  doc.hash = ContentHash(doc.title, doc.text);
  ++stats->documents;
  return (*consume)(doc);
}

std::optional<Date> DateFromFileName(std::string_view name) {
  for (size_t i = 0; i + 10 <= name.size(); ++i) {
    if (name[i + 4] != '-' || name[i + 7] != '-') continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) continue;
    if (i + 10 < name.size() && std::isdigit(static_cast<unsigned char>(name[i + 10]))) continue;
    if (auto d = Date::Parse(name.substr(i, 10))) return d;
  }
  return std::nullopt;
}

namespace {

using Level = Diagnostic::Level;
constexpr size_t kSniffBytes = 8192;
constexpr size_t kChunkBytes = 1u << 20;

// Bytes from a FILE* or from memory, with the sniffed head served first.
class Input {
 public:
  explicit Input(FILE* f) : file_(f) {}
  // A file opened with gzopen: gzip data is inflated, anything else passes through unchanged.
  explicit Input(gzFile gz) : gz_(gz) {}
  explicit Input(std::string_view mem) : mem_(mem) {}

  // Reads up to n bytes; 0 at the end or on error (then error() is set).
  size_t Read(char* buf, size_t n) {
    if (head_pos_ < head_.size()) {
      size_t k = std::min(n, head_.size() - head_pos_);
      std::memcpy(buf, head_.data() + head_pos_, k);
      head_pos_ += k;
      return k;
    }
    return RawRead(buf, n);
  }
  // Reads the first bytes, which Read() will return again.
  const std::string& Sniff() {
    head_.resize(kSniffBytes);
    size_t got = 0;
    while (got < kSniffBytes) {
      size_t k = RawRead(head_.data() + got, kSniffBytes - got);
      if (k == 0) break;
      got += k;
    }
    head_.resize(got);
    return head_;
  }
  // Reads everything that is left into *out, failing beyond `limit` bytes.
  bool ReadAll(std::string* out, size_t limit) {
    char buf[1 << 16];
    for (;;) {
      size_t k = Read(buf, sizeof buf);
      if (k == 0) return true;
      if (out->size() + k > limit) return false;
      out->append(buf, k);
    }
  }
  bool error() const { return !error_.empty(); }
  const std::string& error_message() const { return error_; }
  int64_t bytes() const { return bytes_; }

 private:
  size_t RawRead(char* buf, size_t n) {
    size_t k = 0;
    if (gz_) {
      int got = gzread(gz_, buf, static_cast<unsigned>(std::min<size_t>(n, 1u << 30)));
      int code = Z_OK;
      const char* why = got <= 0 ? gzerror(gz_, &code) : nullptr;
      if (got < 0 || (got == 0 && code != Z_OK)) {  // Z_BUF_ERROR: the gzip data ends early
        error_ = code == Z_ERRNO ? std::strerror(errno) : std::string("gzip: ") + (why && *why ? why : "corrupt data");
        got = 0;
      }
      k = static_cast<size_t>(got);
    } else if (file_) {
      k = std::fread(buf, 1, n, file_);
      if (k == 0 && std::ferror(file_)) error_ = std::strerror(errno);
    } else {
      k = std::min(n, mem_.size() - mem_pos_);
      std::memcpy(buf, mem_.data() + mem_pos_, k);
      mem_pos_ += k;
    }
    bytes_ += static_cast<int64_t>(k);
    return k;
  }
  FILE* file_ = nullptr;
  gzFile gz_ = nullptr;
  std::string_view mem_;
  size_t mem_pos_ = 0;
  std::string head_;
  size_t head_pos_ = 0;
  std::string error_;
  int64_t bytes_ = 0;
};

// An input whose reading failed part way (Input::error after some bytes): an error at `line`
// and the input's count in ReadStats::cut_short; what came before stays read.
void ReportCutShort(const Input& in, int64_t line, InputContext* ctx) {
  ctx->Report(Level::kError, line, in.bytes(), "read error: " + in.error_message());
  ++ctx->stats->cut_short;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Why `head` is not text, or "" when it looks like text.
std::string BinaryReason(std::string_view head) {
  struct Magic {
    std::string_view bytes;
    const char* what;
  };
  static const Magic kMagic[] = {
      {"\x1f\x8b", "gzip-compressed data; decompress it first"},
      {"PK\x03\x04", "a ZIP archive (or an office document)"},
      {"%PDF", "a PDF document"},
      {"\x89PNG", "a PNG image"},
      {"\xFF\xD8\xFF", "a JPEG image"},
      {"GIF8", "a GIF image"},
      {"\xFD" "7zXZ", "xz-compressed data"},
      {"\x7F" "ELF", "an executable"},
      {"\xFF\xFE", "UTF-16 text; convert it to UTF-8"},
      {"\xFE\xFF", "UTF-16 text; convert it to UTF-8"},
  };
  for (const Magic& m : kMagic)
    if (head.substr(0, m.bytes.size()) == m.bytes) return m.what;
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return "binary data (NUL bytes)";
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
      ++control;
  }
  if (control * 10 > head.size()) return "binary data (mostly control bytes)";
  return "";
}

enum class Detected { kText, kJsonl, kHtml, kFeed, kUnknown };

Detected FromFormat(InputFormat f) {
  switch (f) {
    case InputFormat::kText: return Detected::kText;
    case InputFormat::kJsonl: return Detected::kJsonl;
    case InputFormat::kHtml: return Detected::kHtml;
    case InputFormat::kFeed: return Detected::kFeed;
    case InputFormat::kAuto: break;
  }
  return Detected::kUnknown;
}

Detected SniffContent(std::string_view head, std::string* why) {
  std::string_view s = head;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  s = Trim(s);
  if (s.empty()) return Detected::kText;
  if (s[0] == '{') return Detected::kJsonl;
  if (s[0] == '[') {
    *why = "a JSON array; expected JSON Lines (one object per line)";
    return Detected::kUnknown;
  }
  if (s[0] == '<') {
    std::string low = Lower(s);
    if (low.find("<rss") != std::string::npos || low.find("<feed") != std::string::npos ||
        low.find("<rdf:rdf") != std::string::npos)
      return Detected::kFeed;
    if (low.find("<!doctype html") != std::string::npos || low.find("<html") != std::string::npos)
      return Detected::kHtml;
    *why = "markup that is neither HTML nor an RSS/Atom feed";
    return Detected::kUnknown;
  }
  return Detected::kText;
}

Detected DetectFormat(const std::string& name, std::string_view head, std::string* why) {
  std::string ext = Lower(std::filesystem::path(name).extension().string());
  if (ext == ".txt" || ext == ".text") return Detected::kText;
  if (ext == ".jsonl" || ext == ".ndjson") return Detected::kJsonl;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Detected::kHtml;
  if (ext == ".xml" || ext == ".rss" || ext == ".atom") return Detected::kFeed;
  static const char* kUnsupported[] = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls",
                                       ".xlsx", ".ppt", ".pptx", ".csv", ".tsv"};
  for (const char* u : kUnsupported) {
    if (ext == u) {
      *why = "unsupported file type " + ext;
      return Detected::kUnknown;
    }
  }
  return SniffContent(head, why);
}

void WarnUtf8(const InputContext& ctx, int64_t bad, int64_t first, int64_t line = 0) {
  if (bad == 0) return;
  ctx.Report(Level::kWarning, line, first,
             "invalid UTF-8: " + std::to_string(bad) +
                 (bad == 1 ? " bad sequence" : " bad sequences") + " replaced by U+FFFD");
}

// --- Plain text ---

// Where to end a part of at most `max` bytes of `v` (v.size() > max): after a blank line,
// else after a sentence end, else at a space, in the second half of the window if possible;
// else at the last UTF-8 character boundary.
size_t FindCut(std::string_view v, size_t max) {
  const size_t half = max / 2;
  size_t p = v.rfind("\n\n", max - 2);
  if (p != std::string_view::npos && p >= half) return p + 2;
  for (size_t i = max - 1; i > half; --i) {
    const char c = v[i];
    if ((c == ' ' || c == '\n') && (v[i - 1] == '.' || v[i - 1] == '?' || v[i - 1] == '!'))
      return i + 1;
  }
  for (size_t i = max - 1; i > 0; --i)
    if (v[i] == ' ' || v[i] == '\n' || v[i] == '\t') return i + 1;
  size_t cut = max;
  while (cut > 1 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Parses the "Key: value" header at the start of `buf`; returns where the body starts.
size_t ParseTextHeader(std::string_view buf, bool at_eof, Document* doc, std::string* date_text,
                       int64_t* date_line, int64_t* body_line) {
  size_t pos = 0;
  int64_t line = 1;
  bool any = false;
  while (pos < buf.size()) {
    size_t eol = buf.find('\n', pos);
    if (eol == std::string_view::npos) {
      if (!at_eof) break;
      eol = buf.size();
    }
    std::string_view l = buf.substr(pos, eol - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (Trim(l).empty()) {
      if (any) {
        pos = std::min(buf.size(), eol + 1);
        ++line;
      }
      break;
    }
    size_t colon = l.find(':');
    if (colon == std::string_view::npos || colon > 8) break;
    std::string key = Lower(Trim(l.substr(0, colon)));
    std::string value(Trim(l.substr(colon + 1)));
    if (key == "title") {
      doc->title = value;
    } else if (key == "date") {
      *date_text = value;
      *date_line = line;
    } else if (key == "source") {
      doc->source = value;
    } else if (key == "url") {
      doc->url = value;
    } else if (key == "speaker") {
      doc->speaker = value;
    } else {
      break;
    }
    any = true;
    pos = std::min(buf.size(), eol + 1);
    ++line;
  }
  *body_line = line;
  return any ? pos : 0;
}

Status ReadText(Input& in, InputContext* ctx) {
  const size_t max = std::max<size_t>(ctx->options->max_document_bytes, 64);
  Utf8Repairer repair;
  std::string buf;  // repaired text; the part not yet emitted starts at `pos`
  size_t pos = 0;
  std::vector<char> chunk(kChunkBytes);
  Document meta;
  bool header_done = false, eof = false;
  int parts = 0;
  std::string date_text;
  int64_t date_line = 0, body_line = 1;

  auto emit = [&](std::string_view body, int part) -> Status {
    body = Trim(body);
    if (body.empty()) return Status::OK();
    Document doc;
    doc.id = part > 0 ? ctx->name + "#part" + std::to_string(part) : ctx->name;
    doc.title = meta.title;
    doc.source = meta.source;
    doc.url = meta.url;
    doc.speaker = meta.speaker;
    doc.date = meta.date;
    doc.text.assign(body);
    return ctx->Emit(doc);
  };

  while (!eof) {
    size_t k = in.Read(chunk.data(), chunk.size());
    if (k == 0) {
      eof = true;
      repair.Finish(&buf);
      if (in.error()) ReportCutShort(in, 0, ctx);
    } else {
      repair.Feed(std::string_view(chunk.data(), k), &buf);
    }
    if (!header_done && (eof || buf.size() >= kSniffBytes)) {
      header_done = true;
      pos = ParseTextHeader(buf, eof, &meta, &date_text, &date_line, &body_line);
      if (!date_text.empty()) {
        meta.date = Date::Parse(date_text);
        if (!meta.date)
          ctx->Report(Level::kWarning, date_line, -1, "unrecognised Date header '" + date_text + "'");
      }
      if (!meta.date && date_text.empty()) meta.date = DateFromFileName(ctx->name);
    }
    if (!header_done) continue;
    while (buf.size() - pos > max) {
      std::string_view rest(buf.data() + pos, buf.size() - pos);
      size_t cut = FindCut(rest, max);
      ENTENTE_RETURN_IF_ERROR(emit(rest.substr(0, cut), ++parts));
      pos += cut;
    }
    if (pos > 0 && pos >= buf.size() / 2) {
      buf.erase(0, pos);
      pos = 0;
    }
  }
  WarnUtf8(*ctx, repair.bad_sequences(), repair.first_bad_offset());
  std::string_view rest(buf.data() + pos, buf.size() - pos);
  if (parts == 0 && Trim(rest).empty()) {
    ctx->Report(Level::kWarning, body_line, -1, "no text (empty file or header only); no document");
    return Status::OK();
  }
  return emit(rest, parts > 0 ? parts + 1 : 0);
}

// --- JSON Lines ---

std::string JsonErrorText(const char* what) {
  std::string s(what);
  // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> "column 5: ..."
  size_t p = s.find("column ");
  if (p != std::string::npos) return s.substr(p);
  p = s.find("] ");
  return p == std::string::npos ? s : s.substr(p + 2);
}

Status ProcessJsonLine(std::string_view raw, int64_t line_no, int64_t line_offset, int64_t item,
                       InputContext* ctx, bool* utf8_warned) {
  int64_t bad = 0, first = -1;
  std::string repaired;
  std::string_view line = raw;
  // Cheap check first: only lines with bytes >= 0x80 can be ill-formed.
  bool high = false;
  for (unsigned char c : raw)
    if (c >= 0x80) {
      high = true;
      break;
    }
  if (high) {
    repaired = RepairUtf8(raw, &bad, &first);
    if (bad > 0) {
      if (!*utf8_warned) WarnUtf8(*ctx, bad, line_offset + first, line_no);
      *utf8_warned = true;
      line = repaired;
    }
  }
  auto reject = [&](const std::string& why) {
    ctx->Report(Level::kError, line_no, -1, why);
    ++ctx->stats->errors;
    return Status::OK();
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    return reject("malformed JSON: " + JsonErrorText(e.what()));
  }
  if (!j.is_object()) return reject("expected a JSON object");
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) return reject("missing \"text\" string");
  Document doc;
  doc.text = text->get<std::string>();
  if (Trim(doc.text).empty()) {
    ctx->Report(Level::kWarning, line_no, -1, "empty \"text\"; no document");
    return Status::OK();
  }
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return "";
  };
  doc.id = str("id");
  if (doc.id.empty()) doc.id = ctx->name + "#" + std::to_string(item);
  doc.title = str("title");
  doc.source = str("source");
  doc.url = str("url");
  doc.speaker = str("speaker");
  std::string date = str("date");
  if (!date.empty()) {
    doc.date = Date::Parse(date);
    if (!doc.date) ctx->Report(Level::kWarning, line_no, -1, "unrecognised date '" + date + "'");
  }
  // The UN General Debate corpus layout ({"country","session","year","file","text"}, the file
  // in ../shared/data): read as ToDocument reads it (the speaking state is the speaker, the date
  // UngdSpeechDate, the corpus's file name the id). Fields of our own layout win where given.
  auto year = j.find("year");
  if (j.contains("session") && year != j.end() && year->is_number_integer()) {
    const std::string country = str("country");
    if (doc.speaker.empty() && country.size() == 3) doc.speaker = country;
    if (date.empty()) doc.date = UngdSpeechDate(year->get<int>());
    if (!j.contains("id") && !str("file").empty()) doc.id = str("file");
  }
  return ctx->Emit(doc);
}

Status ReadJsonl(Input& in, InputContext* ctx) {
  const size_t limit = std::max<size_t>(ctx->options->max_document_bytes, 64) * 4;
  std::vector<char> chunk(kChunkBytes);
  std::string line;
  bool overlong = false, utf8_warned = false;
  int64_t line_no = 0, item = 0, offset = 0, line_offset = 0;
  auto finish_line = [&]() -> Status {
    ++line_no;
    if (overlong) {
      ++item;
      ctx->Report(Level::kError, line_no, line_offset,
                  "line longer than " + std::to_string(limit) + " bytes; skipped");
      ++ctx->stats->errors;
    } else {
      std::string_view l = line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (!Trim(l).empty()) {
        ++item;
        ENTENTE_RETURN_IF_ERROR(ProcessJsonLine(l, line_no, line_offset, item, ctx, &utf8_warned));
      }
    }
    line.clear();
    overlong = false;
    return Status::OK();
  };
  for (;;) {
    size_t k = in.Read(chunk.data(), chunk.size());
    if (k == 0) break;
    std::string_view c(chunk.data(), k);
    size_t p = 0;
    while (p < c.size()) {
      size_t nl = c.find('\n', p);
      size_t end = nl == std::string_view::npos ? c.size() : nl;
      if (!overlong) {
        if (line.size() + (end - p) > limit) {
          overlong = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(c.substr(p, end - p));
        }
      }
      if (nl == std::string_view::npos) break;
      ENTENTE_RETURN_IF_ERROR(finish_line());
      line_offset = offset + static_cast<int64_t>(nl) + 1;
      p = nl + 1;
    }
    offset += static_cast<int64_t>(k);
  }
  if (in.error()) ReportCutShort(in, line_no + 1, ctx);
  if (!line.empty() || overlong) ENTENTE_RETURN_IF_ERROR(finish_line());
  if (item == 0) ctx->Report(Level::kWarning, 0, -1, "no JSON records; no document");
  return Status::OK();
}

// --- HTML and feeds: read whole ---

bool ReadMarkup(Input& in, InputContext* ctx, const char* what, std::string* out) {
  std::string raw;
  if (!in.ReadAll(&raw, kMaxMarkupBytes)) {
    ctx->Report(Level::kError, 0, -1,
                std::string(what) + " file larger than " + std::to_string(kMaxMarkupBytes >> 20) +
                    " MiB; skipped");
    ctx->stats->rejected.push_back(ctx->path);
    return false;
  }
  if (in.error()) ReportCutShort(in, 0, ctx);
  int64_t bad = 0, first = -1;
  *out = RepairUtf8(raw, &bad, &first);
  WarnUtf8(*ctx, bad, first);
  return true;
}

Status ReadHtml(Input& in, InputContext* ctx) {
  std::string html;
  if (!ReadMarkup(in, ctx, "HTML", &html)) return Status::OK();
  HtmlArticle a = ExtractHtml(html);
  if (Trim(a.text).empty()) {
    ctx->Report(Level::kWarning, 0, -1, "no article text found in the HTML page; no document");
    return Status::OK();
  }
  Document doc;
  doc.id = ctx->name;
  doc.title = std::move(a.title);
  doc.url = std::move(a.url);
  doc.source = std::move(a.source);
  doc.date = a.date ? a.date : DateFromFileName(ctx->name);
  doc.text = std::move(a.text);
  return ctx->Emit(doc);
}

Status ReadFeedInput(Input& in, InputContext* ctx) {
  std::string xml;
  if (!ReadMarkup(in, ctx, "feed", &xml)) return Status::OK();
  return ReadFeed(xml, ctx);
}

// Reads one opened input of any format.
Status ReadInput(Input& in, const std::string& path, const std::string& name,
                 const ReadOptions& options, const std::function<Status(Document&)>& consume,
                 ReadStats* stats) {
  InputContext ctx;
  ctx.path = path;
  ctx.name = name;
  ctx.options = &options;
  ctx.stats = stats;
  ctx.consume = &consume;
  ++stats->inputs;
  const std::string& head = in.Sniff();
  Status st;
  if (head.empty()) {
    if (in.error()) {
      ctx.Report(Level::kError, 0, -1, "cannot read: " + in.error_message());
      stats->rejected.push_back(path);
    } else {
      ctx.Report(Level::kWarning, 0, -1, "empty file; no document");
    }
    stats->bytes += in.bytes();
    return st;
  }
  std::string why = BinaryReason(head);
  if (!why.empty()) {
    ctx.Report(Level::kError, 0, -1, "skipped: " + why);
    stats->rejected.push_back(path);
    stats->bytes += in.bytes();
    return st;
  }
  // "speeches.jsonl.gz" is detected as "speeches.jsonl" (ReadPath inflates gzip files).
  std::string plain = name;
  if (plain.size() > 3 && Lower(plain.substr(plain.size() - 3)) == ".gz") plain.resize(plain.size() - 3);
  Detected fmt = options.format == InputFormat::kAuto ? DetectFormat(plain, head, &why)
                                                      : FromFormat(options.format);
  switch (fmt) {
    case Detected::kText: st = ReadText(in, &ctx); break;
    case Detected::kJsonl: st = ReadJsonl(in, &ctx); break;
    case Detected::kHtml: st = ReadHtml(in, &ctx); break;
    case Detected::kFeed: st = ReadFeedInput(in, &ctx); break;
    case Detected::kUnknown:
      ctx.Report(Level::kError, 0, -1, "unknown format (" + why + "); use --format to choose one");
      stats->rejected.push_back(path);
      break;
  }
  stats->bytes += in.bytes();
  if (ctx.undated > 0) {
    std::string n = ctx.undated == 1 ? "the document has" : std::to_string(ctx.undated) + " documents have";
    ctx.Report(Level::kWarning, 0, -1,
               options.default_date ? n + " no date; using the default date " + options.default_date->ToString()
                                    : n + " no date; kept without one");
  }
  return st;
}

Status ReadPath(const std::string& path, const ReadOptions& options,
                const std::function<Status(Document&)>& consume, ReadStats* stats) {
  // gzopen reads gzip files inflated and other files unchanged; lines and bytes in diagnostics
  // count the inflated text.
  errno = 0;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    Diagnostic d{Level::kError, path, 0, -1,
                 std::string("cannot open: ") + (errno ? std::strerror(errno) : "out of memory")};
    if (options.sink) options.sink(d);
    stats->rejected.push_back(path);
    return Status::OK();
  }
  gzbuffer(f, 1 << 17);
  Input in(f);
  Status st = ReadInput(in, path, std::filesystem::path(path).filename().string(), options, consume, stats);
  gzclose(f);
  return st;
}

// Regular files under `dir`, depth first, entries sorted by name; hidden entries (".git") and
// symbolic links to directories are skipped. Unreadable directories are reported.
void ListFiles(const std::filesystem::path& dir, const ReadOptions& options, ReadStats* stats,
               std::vector<std::string>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
  if (ec) {
    Diagnostic d{Level::kError, dir.string(), 0, -1, "cannot read directory: " + ec.message()};
    if (options.sink) options.sink(d);
    stats->rejected.push_back(dir.string());
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().string() < b.path().filename().string();
            });
  for (const auto& e : entries) {
    const std::string fname = e.path().filename().string();
    if (!fname.empty() && fname[0] == '.') continue;
    std::error_code ec2;
    if (e.is_symlink(ec2) && e.is_directory(ec2)) continue;
    if (e.is_directory(ec2)) {
      ListFiles(e.path(), options, stats, out);
    } else {
      out->push_back(e.path().string());  // non-regular files fail loudly when opened
    }
  }
}

}  // namespace
}  // namespace text

Status ReadDocuments(const std::vector<std::string>& inputs, const ReadOptions& options,
                     const std::function<Status(Document&)>& consume, ReadStats* stats) {
  namespace fs = std::filesystem;
  ReadStats local;
  if (!stats) stats = &local;
  for (const std::string& input : inputs) {
    if (input == "-") {
      text::Input in(stdin);
      ENTENTE_RETURN_IF_ERROR(text::ReadInput(in, "-", "stdin", options, consume, stats));
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      Diagnostic d{Diagnostic::Level::kError, input, 0, -1,
                   "cannot open: " + (ec ? ec.message() : std::string("no such file or directory"))};
      if (options.sink) options.sink(d);
      stats->rejected.push_back(input);
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      text::ListFiles(input, options, stats, &files);
      for (const std::string& f : files)
        ENTENTE_RETURN_IF_ERROR(text::ReadPath(f, options, consume, stats));
    } else {
      ENTENTE_RETURN_IF_ERROR(text::ReadPath(input, options, consume, stats));
    }
  }
  return Status::OK();
}

Status ReadBuffer(std::string_view data, const std::string& name, const ReadOptions& options,
                  const std::function<Status(Document&)>& consume, ReadStats* stats) {
  ReadStats local;
  if (!stats) stats = &local;
  text::Input in(data);
  return text::ReadInput(in, name, std::filesystem::path(name).filename().string(), options,
                         consume, stats);
}

}  // namespace entente
