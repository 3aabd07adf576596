// The command table: names, help texts and flags of every command.
#include "cli/commands.h"

#include <iostream>

namespace entente::cli {

void PrintError(const std::string& command, const std::string& message) {
  std::cerr << "entente " << command << ": " << message << "\n";
}

namespace {

const FlagSpec kDb{"db", true, "SQLite file (default entente.db) or postgresql:// URL", "FILE|URL"};
const FlagSpec kHome{"home", true, "folder holding data/ and models/ (default: found automatically)", "DIR"};
const FlagSpec kFast{"fast", false, "dictionary-and-pattern coding only, without trained syntax"};
const FlagSpec kDict{"dict", true, "also load a TABARI/PETRARCH dictionary file (repeatable)", "FILE"};
const FlagSpec kInputFormat{"input-format", true, "auto (default), text, jsonl, html or feed", "FMT"};
const FlagSpec kDate{"date", true, "date for documents that carry none", "YYYY-MM-DD"};
const FlagSpec kQuiet{"quiet", false, "no progress bar and no summary"};

std::vector<FlagSpec> With(std::vector<FlagSpec> a, const std::vector<FlagSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<FlagSpec> kEventFilters = {
    {"actor", true, "source or target code or name contains TEXT", "TEXT"},
    {"country", true, "either side is this country (ISO alpha-3)", "ISO3"},
    {"dyad", true, "events between two countries, either direction", "A,B"},
    {"code", true, "CAMEO code prefix (e.g. 04 or 042)", "CODE"},
    {"root", true, "CAMEO root (two digits)", "NN"},
    {"since", true, "event date on or after", "YYYY-MM-DD"},
    {"until", true, "event date on or before", "YYYY-MM-DD"},
    {"modality", true, "actual, planned, possible or negated", "M"},
    {"origin", true, "entente, gdelt or icews", "NAME"},
    {"limit", true, "at most N events", "N"},
};

}  // namespace

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      {"ingest", "read news and store documents, sentences and events",
       "entente ingest PATH... [--db FILE] [flags]",
       "Reads files, directories (recursively) or - (stdin): plain text with optional Title:/Date:/\n"
       "Source:/URL: header lines, JSON Lines ({\"id\",\"date\",\"source\",\"url\",\"title\",\"text\"}),\n"
       "saved HTML pages, RSS 2.0 and Atom feeds. Each document is coded and stored with its\n"
       "sentences and events in one transaction; a document already stored (same content) is\n"
       "skipped, so ingesting twice changes nothing. On a terminal a progress bar shows\n"
       "documents/s, events and the time left. --format is accepted as --input-format here.",
       {kDb, kInputFormat, {"format", true, "same as --input-format", "FMT"}, kDate, kFast, kDict, kHome,
        kQuiet},
       RunIngest},
      {"code", "code news to events on stdout, no database",
       "entente code [FILE...|-] [--format jsonl|csv|tsv] [--explain] [flags]",
       "The stateless path: reads like ingest (stdin when no file is given) and writes one event\n"
       "per line as JSON Lines (default; fields in docs/output.md), CSV or TSV. --explain prints\n"
       "each event readably with its words marked and the entries and pattern that fired.",
       {{"format", true, "jsonl (default), csv or tsv", "FMT"},
        {"explain", false, "print each event readably instead"},
        kInputFormat, kDate, kFast, kDict, kHome},
       RunCode},
      {"events", "list stored events with filters",
       "entente events [--db FILE] [filters] [--format table|jsonl|csv|tsv]",
       "Prints stored events in date order. Filters combine with AND.",
       With({kDb, {"format", true, "table (default), jsonl, csv or tsv", "FMT"}}, kEventFilters),
       RunEvents},
      {"stats", "summarise the store", "entente stats [--db FILE] [--format table|json]",
       "Counts of documents, sentences and events; date range; events by origin, CAMEO root and\n"
       "modality; the most active actors.",
       {kDb, {"format", true, "table (default) or json", "FMT"}},
       RunStats},
      {"explain", "show why an event was coded", "entente explain EVENT_ID [--db FILE]",
       "Prints the event, its sentence with source, verb and target marked, and the knowledge\n"
       "entries and pattern that produced it.",
       {kDb, {"no-color", false, "never colour the output"}},
       RunExplain},
      {"search", "full-text search over stored sentences",
       "entente search QUERY [--db FILE] [--limit N]",
       "SQLite FTS5 query syntax (words, \"phrases\", AND/OR/NOT, prefix*).",
       {kDb, {"limit", true, "at most N sentences (default 20)", "N"}},
       RunSearch},
      {"actors resolve", "show how a phrase resolves to an actor on a date",
       "entente actors resolve \"TEXT\" [--date YYYY-MM-DD]",
       "Explains each step: the names matched, the roles held on the date, the code built.",
       {{"date", true, "resolve as of this date (default: latest roles)", "YYYY-MM-DD"}, kHome, kDict},
       RunActorsResolve},
      {"dict check", "validate the knowledge files",
       "entente dict check [--home DIR] [--dict FILE...]",
       "Reports every malformed line as file:line: reason. Exit status 1 when any error is found.",
       {kHome, kDict},
       RunDictCheck},
  };
  return kCommands;
}

}  // namespace entente::cli
