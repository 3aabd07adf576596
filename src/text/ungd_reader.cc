#include "text/ungd_reader.h"

#include <nlohmann/json.hpp>

#include "entente/pipeline.h"

namespace entente::text {

Result<std::unique_ptr<UngdReader>> UngdReader::Open(const std::string& path) {
  auto lines = LineReader::Open(path);
  if (!lines.ok()) return lines.status();
  return std::unique_ptr<UngdReader>(new UngdReader(std::move(lines).value()));
}

bool UngdReader::Next(UngdSpeech* speech) {
  if (!status_.ok()) return false;
  std::string_view line;
  do {
    if (!lines_->Next(&line)) {
      status_ = lines_->status();
      return false;
    }
  } while (line.find_first_not_of(" \t") == std::string_view::npos);
  auto fail = [&](const std::string& what) {
    status_ = Status::Corruption(lines_->path() + ":" + std::to_string(lines_->line_number()) +
                                 ": " + what);
    return false;
  };
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fail("not valid JSON");
  if (!j.is_object()) return fail("not a JSON object");
  auto string_field = [&](const char* key, std::string* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    *out = std::move(it->get_ref<std::string&>());
    return true;
  };
  auto int_field = [&](const char* key, int* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    *out = it->get<int>();
    return true;
  };
  if (!string_field("country", &speech->country)) return fail("\"country\" missing or not a string");
  if (!int_field("session", &speech->session)) return fail("\"session\" missing or not an integer");
  if (!int_field("year", &speech->year)) return fail("\"year\" missing or not an integer");
  if (!string_field("file", &speech->file)) return fail("\"file\" missing or not a string");
  if (!string_field("text", &speech->text)) return fail("\"text\" missing or not a string");
  line_ = line;
  return true;
}

Document ToDocument(UngdSpeech speech, const std::string& path) {
  Document d;
  d.id = std::move(speech.file);
  d.speaker = std::move(speech.country);
  d.date = UngdSpeechDate(speech.year);
  d.text = std::move(speech.text);
  d.hash = ContentHash("", d.text);
  d.path = path;
  return d;
}

Result<std::vector<Document>> ReadUngdDocuments(const std::string& path, size_t min_sentences) {
  auto reader = UngdReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<Document> docs;
  size_t sentences = 0;
  UngdSpeech speech;
  while (sentences < min_sentences && (*reader)->Next(&speech)) {
    docs.push_back(ToDocument(std::move(speech), path));
    SegmentDocument(&docs.back());
    sentences += docs.back().sentences.size();
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  return docs;
}

}  // namespace entente::text
