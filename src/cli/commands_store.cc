// events, stats, explain, search: read what the store holds.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "cli/date_range.h"
#include "cli/output.h"

namespace entente::cli {

namespace {

Result<std::unique_ptr<Store>> OpenForReading(const Flags& flags) {
  return Store::Open(DbUrl(flags), CliStoreOptions(/*read_only=*/true));
}

bool ParseFilter(const Flags& flags, EventFilter* f, std::string* error) {
  f->actor = flags.Get("actor");
  f->country = flags.Get("country");
  f->code = flags.Get("code");
  f->root = flags.Get("root");
  f->origin = flags.Get("origin");
  if (flags.Has("dyad")) {
    std::string d = flags.Get("dyad");
    size_t comma = d.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == d.size()) {
      *error = "--dyad wants two codes separated by a comma, e.g. PRK,CHN";
      return false;
    }
    f->dyad = std::make_pair(d.substr(0, comma), d.substr(comma + 1));
  }
  for (const char* name : {"since", "until"}) {
    if (!flags.Has(name)) continue;
    auto d = Date::Parse(flags.Get(name));
    if (!d) {
      *error = std::string("--") + name + " wants YYYY-MM-DD, got '" + flags.Get(name) + "'";
      return false;
    }
    (std::string(name) == "since" ? f->since : f->until) = d;
  }
  if (flags.Has("modality")) {
    auto m = ParseModality(flags.Get("modality"));
    if (!m) {
      *error = "--modality must be actual, planned, possible or negated";
      return false;
    }
    f->modality = m;
  }
  if (flags.Has("limit")) {
    try {
      f->limit = std::stoll(flags.Get("limit"));
    } catch (...) {
      *error = "--limit wants a number";
      return false;
    }
  }
  return true;
}

}  // namespace

int RunEvents(const Command& self, const Flags& flags) {
  EventFilter filter;
  std::string error;
  if (!ParseFilter(flags, &filter, &error)) {
    PrintError(self.name, error);
    return 2;
  }
  OutputFormat format;
  std::unique_ptr<EventExporter> exporter;
  if (!EventOutputFormat(self, flags, "table", {"table", "jsonl", "csv", "tsv", "gdelt", "plover"}, &format,
                         &exporter))
    return 2;
  auto store = OpenForReading(flags);
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  EventWriter writer(std::cout, format, exporter.get());
  Status st = (*store)->ForEachEvent(filter, [&](const Event& e) {
    writer.Write(e);
    return true;
  });
  writer.Finish();
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  return 0;
}

int RunStats(const Command& self, const Flags& flags) {
  std::string format = flags.Get("format", "table");
  if (format != "table" && format != "json") {
    PrintError(self.name, "--format must be table or json");
    return 2;
  }
  auto store = OpenForReading(flags);
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  auto stats = (*store)->Stats();
  if (!stats.ok()) {
    PrintError(self.name, stats.status().ToString());
    return 1;
  }
  const StoreStats& s = *stats;
  const ShownDateRange range = StoredDateRange(s);
  if (format == "json") {
    nlohmann::json j;
    j["documents"] = s.documents;
    j["sentences"] = s.sentences;
    j["events"] = s.events;
    j["event_groups"] = s.event_groups;
    j["first_date"] = s.first_date ? s.first_date->ToString() : "";
    j["last_date"] = s.last_date ? s.last_date->ToString() : "";
    // How exactly each end is known (a year-precision event is stored at 1 January).
    j["first_date_precision"] = std::string(DatePrecisionName(range.first_precision));
    j["last_date_precision"] = std::string(DatePrecisionName(range.last_precision));
    auto pairs = [](const std::vector<std::pair<std::string, int64_t>>& v) {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, n] : v) o[k] = n;
      return o;
    };
    j["by_origin"] = pairs(s.by_origin);
    j["by_root"] = pairs(s.by_root);
    j["by_modality"] = pairs(s.by_modality);
    j["top_actors"] = pairs(s.top_actors);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "store:       " << DbUrl(flags) << "\n"
            << "documents:   " << s.documents << "\n"
            << "sentences:   " << s.sentences << "\n"
            << "events:      " << s.events << "\n"
            << "dates:       " << range.first << " .. " << range.last << "\n";
  auto section = [](const char* title, const std::vector<std::pair<std::string, int64_t>>& v) {
    if (v.empty()) return;
    std::cout << "\n" << title << "\n";
    Table t({"", "events"});
    for (const auto& [k, n] : v) t.Add({k, std::to_string(n)});
    t.Print(std::cout);
  };
  section("by origin", s.by_origin);
  section("by CAMEO root", s.by_root);
  section("by modality", s.by_modality);
  section("most active actors", s.top_actors);
  return 0;
}

int RunExplain(const Command& self, const Flags& flags) {
  if (flags.positional().size() != 1) {
    PrintError(self.name, "give exactly one event id\nusage: " + self.usage);
    return 2;
  }
  auto store = OpenForReading(flags);
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  auto e = (*store)->GetEvent(flags.positional()[0]);
  if (!e.ok()) {
    PrintError(self.name, e.status().ToString());
    return 1;
  }
  ExplainEvent(std::cout, *e, StdoutIsTerminal() && !flags.Has("no-color"));
  return 0;
}

int RunSearch(const Command& self, const Flags& flags) {
  if (flags.positional().empty()) {
    PrintError(self.name, "no query given\nusage: " + self.usage);
    return 2;
  }
  std::string query;
  for (const auto& p : flags.positional()) query += (query.empty() ? "" : " ") + p;
  int64_t limit = 20;
  try {
    if (flags.Has("limit")) limit = std::stoll(flags.Get("limit"));
  } catch (...) {
    PrintError(self.name, "--limit wants a number");
    return 2;
  }
  auto store = OpenForReading(flags);
  if (!store.ok()) {
    PrintError(self.name, store.status().ToString());
    return 1;
  }
  int64_t n = 0;
  Status st = (*store)->SearchSentences(query, limit, [&](const std::string& doc, int idx, const std::string& text) {
    std::cout << doc << "#" << idx << "\t" << text << "\n";
    ++n;
    return true;
  });
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  if (n == 0) std::cerr << "no sentence matches\n";
  return 0;
}

}  // namespace entente::cli
