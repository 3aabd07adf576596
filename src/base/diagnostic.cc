#include "entente/reader.h"

namespace entente {

std::string Diagnostic::ToString() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) out += ":" + std::to_string(line);
  if (byte >= 0) out += ": byte " + std::to_string(byte);
  switch (level) {
    case Level::kInfo: out += ": note: "; break;
    case Level::kWarning: out += ": warning: "; break;
    case Level::kError: out += ": error: "; break;
  }
  out += message;
  return out;
}

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl" || name == "json") return InputFormat::kJsonl;
  if (name == "html") return InputFormat::kHtml;
  if (name == "feed" || name == "rss" || name == "atom") return InputFormat::kFeed;
  return std::nullopt;
}

}  // namespace entente
