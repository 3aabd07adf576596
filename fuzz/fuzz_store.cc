// Fuzz target: the SQLite store (src/store/sqlite_store.cc, chunks.cc) opening a damaged file.
// The input is a whole store file image (seeds in corpus/store are small real stores: coded
// documents, chunked imports, rows); it is written to a temporary file and opened read-only,
// then every read path runs: ForEachEvent without and with filters (row and chunk merge,
// summaries), GetEvent of the ids seen and of an unknown one, Stats, SearchSentences. Then the
// same image is opened read-write (schema checks, migrations, repair of an interrupted bulk
// import, quick_check) and an import and a document are appended, which reads the id index of
// every chunk. Contract under test: each call returns OK or an error Status whose message names
// the file; never a crash, a hang, unbounded memory or a sanitizer report.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "entente/store.h"

namespace {

std::string db_path;

void Write(const std::string& path, const uint8_t* data, size_t size) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// An error must say which file it is about.
void Check(const entente::Status& st, const char* what) {
  if (st.ok() || st.message().find(db_path) != std::string::npos) return;
  std::fprintf(stderr, "%s: error without the file name: %s\n", what, st.ToString().c_str());
  __builtin_trap();
}

void ReadAll(entente::Store& store) {
  std::vector<std::string> ids;
  Check(store.ForEachEvent(entente::EventFilter{}, [&ids](const entente::Event& e) {
          if (ids.size() < 8) ids.push_back(e.id);
          return ids.size() < 5000;
        }),
        "ForEachEvent");
  entente::EventFilter f;
  f.country = "RUS";
  f.since = entente::Date::Parse("2019-01-01");
  f.root = "04";
  f.limit = 50;
  Check(store.ForEachEvent(f, [](const entente::Event&) { return true; }), "ForEachEvent(filter)");
  entente::EventFilter g;
  g.origin = "gdelt";
  g.modality = entente::Modality::kPlanned;
  Check(store.ForEachEvent(g, [](const entente::Event&) { return true; }), "ForEachEvent(origin)");
  ids.push_back("no-such-event");
  for (const auto& id : ids) {
    auto e = store.GetEvent(id);
    if (!e.ok() && e.status().code() != entente::Status::Code::kNotFound) Check(e.status(), "GetEvent");
  }
  auto stats = store.Stats();
  if (!stats.ok()) Check(stats.status(), "Stats");
  Check(store.SearchSentences("summit OR talks", 20, [](const std::string&, int, const std::string&) { return true; }),
        "SearchSentences");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return 0;
  if (db_path.empty()) db_path = "/tmp/entente-fuzz-store-" + std::to_string(getpid()) + ".db";
  Write(db_path, data, size);
  {
    entente::StoreOptions ro;
    ro.read_only = true;
    auto store = entente::Store::Open(db_path, ro);
    if (store.ok()) {
      ReadAll(**store);
    } else {
      Check(store.status(), "Open(read-only)");
    }
  }
  Write(db_path, data, size);
  {
    entente::StoreOptions rw;
    rw.lock_timeout_ms = 0;
    auto store = entente::Store::Open(db_path, rw);
    if (!store.ok()) {
      Check(store.status(), "Open(read-write)");
      return 0;
    }
    std::vector<entente::Event> events(3);
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].id = "gdelt:fuzz-" + std::to_string(i);
      events[i].date = "2020-01-0" + std::to_string(i + 1);
      events[i].source.code = events[i].source.country = "RUS";
      events[i].cameo = "042";
      events[i].root = "04";
      events[i].origin = "gdelt";
    }
    auto added = (*store)->AddEvents(events);
    if (!added.ok()) Check(added.status(), "AddEvents");
    entente::Document doc;
    doc.id = "fuzz";
    doc.text = "Russia and China met.";
    entente::Sentence sentence;
    sentence.span = entente::Span{0, static_cast<uint32_t>(doc.text.size())};
    doc.sentences.push_back(sentence);
    auto r = (*store)->AddDocument(doc, {});
    if (!r.ok()) Check(r.status(), "AddDocument");
    Check((*store)->Flush(), "Flush");
    ReadAll(**store);
  }
  return 0;
}
