// Reader for the UN General Debate corpus (Jankin, Baturo and Dasandi) in the form kept in
// ../shared/data: gzip-compressed JSON Lines, one speech a line,
//   {"country": "ARG", "session": 1, "year": 1946, "file": "ARG_01_1946.txt", "text": "..."}
// Used by the tests and benchmarks that code real speeches. A malformed record is an error
// naming file and line, not skipped: the corpus is fixed, so a bad line means a damaged copy.
#ifndef ENTENTE_TEXT_UNGD_READER_H_
#define ENTENTE_TEXT_UNGD_READER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/line_reader.h"
#include "entente/document.h"
#include "entente/status.h"

namespace entente::text {

// The corpus file, relative to the shared data directory (testing::SharedDataDir()).
inline constexpr std::string_view kUngdCorpusFile =
    "un-general-debate-corpus/ungdc_1946-2024.jsonl.gz";

struct UngdSpeech {
  std::string country;  // the speaking state's code as in the corpus ("ARG", "FRA")
  int session = 0;      // General Assembly session, 1 in 1946
  int year = 0;
  std::string file;     // the corpus's own name for the speech ("ARG_01_1946.txt")
  std::string text;
};

// Reads speeches one at a time. Not thread-safe.
class UngdReader {
 public:
  // NotFound naming `path` when it cannot be opened.
  static Result<std::unique_ptr<UngdReader>> Open(const std::string& path);

  // Fills `speech` with the next record. Returns false at the end of the file and on an error,
  // which status() then reports: a read error, or a line that is not a JSON object with the
  // five fields of the right types ("<path>:<line>: ..."). Blank lines are skipped.
  bool Next(UngdSpeech* speech);
  // The JSON line of the speech Next last returned, valid until the next call.
  std::string_view line() const { return line_; }
  const Status& status() const { return status_; }

 private:
  explicit UngdReader(std::unique_ptr<LineReader> lines) : lines_(std::move(lines)) {}
  std::unique_ptr<LineReader> lines_;
  std::string_view line_;
  Status status_;
};

// The date a speech of `year` is given: 15 September (the debate opens in the second half of
// September; the corpus records only the year).
inline Date UngdSpeechDate(int year) { return Date{year, 9, 15}; }

// The speech as a Document: id = file, speaker = country (so "we", "my country" resolve to the
// speaking state), date = UngdSpeechDate(year), hash = ContentHash("", text), path = `path`.
// Not segmented.
Document ToDocument(UngdSpeech speech, const std::string& path = "");

// The first speeches of the corpus at `path`, in file order, as segmented Documents: whole
// speeches until their sentences add up to at least `min_sentences`. An error when the file
// cannot be read or a record is malformed.
Result<std::vector<Document>> ReadUngdDocuments(const std::string& path, size_t min_sentences);

}  // namespace entente::text

#endif  // ENTENTE_TEXT_UNGD_READER_H_
