// actors resolve, actors unknown and dict check: look into the knowledge base.
#include <algorithm>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/common.h"

namespace entente::cli {

int RunActorsResolve(const Command& self, const Flags& flags) {
  if (flags.positional().empty()) {
    PrintError(self.name, "no phrase given\nusage: " + self.usage);
    return 2;
  }
  std::string phrase;
  for (const auto& p : flags.positional()) phrase += (phrase.empty() ? "" : " ") + p;
  std::optional<Date> date;
  if (flags.Has("date")) {
    date = Date::Parse(flags.Get("date"));
    if (!date) {
      PrintError(self.name, "--date wants YYYY-MM-DD");
      return 2;
    }
  }
  DiagnosticCounter diag;
  KnowledgeOptions ko;
  ko.root = flags.Get("home");
  ko.dicts = flags.GetAll("dict");
  ko.own_actors = !flags.Has("no-builtin-actors");
  if (!ko.own_actors && ko.dicts.empty()) {
    PrintError(self.name, "--no-builtin-actors needs --dict with an actor or agent dictionary");
    return 2;
  }
  auto kb = KnowledgeBase::Load(ko, diag.Sink(/*quiet_warnings=*/true));
  if (!kb.ok()) {
    PrintError(self.name, kb.status().ToString());
    return 1;
  }
  ActorResolution r = (*kb)->Resolve(phrase, date);
  std::cout << "phrase: " << phrase << "\n"
            << "date:   " << (date ? date->ToString() : std::string("(none: latest roles)")) << "\n";
  if (!r.found) {
    std::cout << "result: no actor found\n";
  } else {
    std::cout << "result: " << r.actor.code;
    if (!r.actor.name.empty()) std::cout << "  " << r.actor.name;
    std::cout << "  (country " << (r.actor.country.empty() ? "-" : r.actor.country) << ", sector "
              << (r.actor.sector.empty() ? "-" : r.actor.sector) << ")\n";
  }
  if (!r.explanation.empty()) {
    std::cout << "why:\n";
    for (const auto& line : r.explanation) std::cout << "  - " << line << "\n";
  }
  return r.found ? 0 : 1;
}

namespace {

// One unknown name over all documents read.
struct NameTally {
  std::string type, text;
  int64_t count = 0;
  int64_t documents = 0;
  int64_t last_document = -1;           // ordinal of the last document counted
  std::map<std::string, int64_t> countries;  // alpha-3 -> sentences naming it beside the name
  std::string example_document, example_sentence;
};

// The countries of a tally, most often named first: "EGY 9, USA 2".
std::vector<std::pair<std::string, int64_t>> RankedCountries(const NameTally& t) {
  std::vector<std::pair<std::string, int64_t>> v(t.countries.begin(), t.countries.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

}  // namespace

int RunActorsUnknown(const Command& self, const Flags& flags) {
  if (flags.positional().empty()) {
    PrintError(self.name, "no input given\nusage: " + self.usage);
    return 2;
  }
  int64_t min_count = 1, limit = 50;
  try {
    if (flags.Has("min-count")) min_count = std::stoll(flags.Get("min-count"));
    if (flags.Has("limit")) limit = std::stoll(flags.Get("limit"));
  } catch (const std::exception&) {
    PrintError(self.name, "--min-count and --limit want a number");
    return 2;
  }
  std::vector<std::string> types;  // --type: the entity types to list (default all)
  for (const auto& t : flags.GetAll("type")) {
    if (t != "PER" && t != "ORG" && t != "LOC") {
      PrintError(self.name, "--type wants PER, ORG or LOC, got '" + t + "'");
      return 2;
    }
    types.push_back(t);
  }
  ReadOptions ropts;
  int exit_status = 0;
  auto pipeline = OpenPipeline(self, flags, /*format_is_input=*/false, /*need_syntax=*/false, &ropts, &exit_status);
  if (!pipeline) return exit_status;
  std::map<std::pair<std::string, std::string>, NameTally> tallies;
  int64_t documents = 0, failed = 0, names_found = 0;
  std::vector<UnknownName> names;
  ReadStats stats;
  Status st = ReadDocuments(flags.positional(), ropts, [&](Document& doc) -> Status {
    ++documents;
    names.clear();
    if (Status s = pipeline->FindUnknownNames(&doc, &names); !s.ok()) {
      ++failed;
      PrintError(self.name, doc.path + " (" + doc.id + "): " + s.ToString());
      return s.code() == Status::Code::kUnsupported ? s : Status::OK();
    }
    for (const auto& u : names) {
      if (!types.empty() && std::find(types.begin(), types.end(), u.type) == types.end()) continue;
      ++names_found;
      NameTally& t = tallies[{u.type, u.text}];
      if (t.count == 0) {
        t.type = u.type;
        t.text = u.text;
        t.example_document = doc.id;
        t.example_sentence = std::string(doc.Text(doc.sentences[u.sentence].span));
      }
      ++t.count;
      if (t.last_document != documents) ++t.documents, t.last_document = documents;
      for (const auto& c : u.countries) ++t.countries[c];
    }
    return Status::OK();
  }, &stats);
  for (const auto& r : stats.rejected) PrintError(self.name, "rejected input: " + r);
  if (!st.ok()) {
    PrintError(self.name, st.ToString());
    return 1;
  }
  std::vector<const NameTally*> ranked;
  for (const auto& [key, t] : tallies)
    if (t.count >= min_count) ranked.push_back(&t);
  std::stable_sort(ranked.begin(), ranked.end(), [](const NameTally* a, const NameTally* b) {
    return a->count != b->count ? a->count > b->count : a->documents > b->documents;
  });
  if (limit > 0 && static_cast<int64_t>(ranked.size()) > limit) ranked.resize(static_cast<size_t>(limit));
  if (flags.Has("json")) {
    for (const NameTally* t : ranked) {
      nlohmann::json countries = nlohmann::json::array();
      for (const auto& [c, n] : RankedCountries(*t)) countries.push_back({{"country", c}, {"sentences", n}});
      nlohmann::json j = {{"name", t->text},          {"type", t->type},
                          {"count", t->count},        {"documents", t->documents},
                          {"countries", countries},   {"example", {{"document", t->example_document},
                                                                   {"sentence", t->example_sentence}}}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  } else {
    Table table({"count", "docs", "type", "name", "countries named beside it", "first seen"});
    for (const NameTally* t : ranked) {
      std::string cs;
      int shown = 0;
      for (const auto& [c, n] : RankedCountries(*t)) {
        if (shown++ == 3) break;
        cs += (cs.empty() ? "" : ", ") + c + " " + std::to_string(n);
      }
      table.Add({std::to_string(t->count), std::to_string(t->documents), t->type, t->text, cs.empty() ? "-" : cs,
                 t->example_document + ": " + t->example_sentence});
    }
    table.Print(std::cout, 60);
    std::cout << names_found << " unknown name mention" << (names_found == 1 ? "" : "s") << ", " << tallies.size()
              << " distinct, in " << documents << " document" << (documents == 1 ? "" : "s");
    if (ranked.size() < tallies.size()) std::cout << " (" << ranked.size() << " shown)";
    std::cout << "\n";
  }
  return (stats.rejected.empty() && stats.errors == 0 && stats.cut_short == 0 && failed == 0) ? 0 : 1;
}

int RunDictCheck(const Command& self, const Flags& flags) {
  DiagnosticCounter diag;
  KnowledgeOptions ko;
  ko.root = flags.Get("home");
  ko.dicts = flags.GetAll("dict");
  int errors = CheckKnowledge(ko, diag.Sink());
  if (errors == 0) {
    std::cout << "knowledge files are valid";
    if (*diag.warnings) std::cout << " (" << *diag.warnings << " warnings)";
    std::cout << "\n";
    return 0;
  }
  std::cout << errors << " error" << (errors == 1 ? "" : "s") << " in the knowledge files\n";
  return 1;
}

}  // namespace entente::cli
