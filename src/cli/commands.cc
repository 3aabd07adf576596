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
const FlagSpec kAccurate{"accurate", false,
                         "parse with three parsers that vote (two beam parsers and the greedy one): ~1.6 UAS more, slower"};
const FlagSpec kWindowRoles{"window-roles", false,
                            "sources and targets from the word window alone, without the parse's corrections"};
const FlagSpec kDict{"dict", true, "also load a TABARI/PETRARCH dictionary file (repeatable)", "FILE"};
const FlagSpec kNoBuiltinActors{"no-builtin-actors", false,
                                "name actors only with the --dict actor/agent dictionaries, not data/actors"};
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

    const std::vector<FlagSpec> kAnalysisFlags = {
        kDb,
        {"since", true, "event date on or after", "YYYY-MM-DD"},
        {"until", true, "event date on or before", "YYYY-MM-DD"},
        {"window", true, "day, week, month, quarter or year (default year)", "UNIT"},
        {"count", true, "events (default: one per event group) or mentions", "WHAT"},
        {"modality", true, "actual (default), planned, possible or negated", "M"},
        {"origin", true, "only events of this origin (entente, gdelt, icews)", "NAME"},
        {"country", true, "only rows involving this state (ISO alpha-3)", "ISO3"},
    };
    // Only for the commands that draw random numbers (bootstrap, community detection): dyads and
    // forecast are deterministic and do not take it.
    const FlagSpec kSeed{"seed", true, "random seed for bootstrap and community detection (default 1)", "N"};

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
       {kDb, kInputFormat, {"format", true, "same as --input-format", "FMT"}, kDate, kFast, kAccurate, kWindowRoles,
        kDict, kNoBuiltinActors, kHome, kQuiet},
       RunIngest},
      {"code", "code news to events on stdout, no database",
       "entente code [FILE...|-] [--format jsonl|csv|tsv|gdelt|plover] [--explain] [flags]",
       "The stateless path: reads like ingest (stdin when no file is given) and writes one event\n"
       "per line as JSON Lines (default; fields in docs/output.md), CSV or TSV. --explain prints\n"
       "each event readably with its words marked and the entries and pattern that fired.\n"
       "--dict FILE loads a TABARI/PETRARCH dictionary; its kind comes from the file name (verbs,\n"
       "actors, agents, discards, issues). Verb patterns are added to ours; actors (with their\n"
       "[CODE >YYMMDD] date restrictions, resolved on the article date) and agents are matched\n"
       "beside data/actors, ours first where both know a phrase. --no-builtin-actors uses the\n"
       "dictionaries' actors and agents in place of data/actors. Malformed entries are reported\n"
       "as file:line: reason and skipped.",
       {{"format", true, "jsonl (default), csv, tsv, gdelt (GDELT 2.0 columns) or plover", "FMT"},
        {"explain", false, "print each event readably instead"},
        kInputFormat, kDate, kFast, kAccurate, kWindowRoles, kDict, kNoBuiltinActors, kHome},
       RunCode},
      {"events", "list stored events with filters",
       "entente events [--db FILE] [filters] [--format table|jsonl|csv|tsv|gdelt|plover]",
       "Prints stored events in date order. Filters combine with AND. --format gdelt writes the\n"
       "61 tab-separated GDELT 2.0 event columns in the official order; --format plover writes\n"
       "PLOVER JSON Lines.",
       With({kDb, {"format", true, "table (default), jsonl, csv, tsv, gdelt or plover", "FMT"}, kHome},
            kEventFilters),
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
       {{"date", true, "resolve as of this date (default: latest roles)", "YYYY-MM-DD"}, kHome, kDict,
        kNoBuiltinActors},
       RunActorsResolve},
      {"actors unknown", "names in news the knowledge base does not know yet",
       "entente actors unknown FILE|DIR... [--type PER|ORG|LOC] [--min-count N] [--limit N] [--json]",
       "Reads the news like `code`, finds people, organisations and places with the entity tagger\n"
       "(models/; not in fast mode) and lists those that no actor or gazetteer place covers, most\n"
       "frequent first, with the countries named in the same sentences (a hint for the record's\n"
       "country) and the first sentence each was seen in. Candidates for data/actors and\n"
       "data/gazetteer (docs/knowledge-format.md).",
       {kHome, kDict, kNoBuiltinActors, kInputFormat, kDate,
        {"type", true, "only this entity type: PER, ORG or LOC (repeatable)", "TYPE"},
        {"min-count", true, "only names seen at least N times (default 1)", "N"},
        {"limit", true, "at most N names, 0 for all (default 50)", "N"},
        {"json", false, "JSON Lines: name, type, count, documents, countries, example"}},
       RunActorsUnknown},
      {"dict check", "validate the knowledge files",
       "entente dict check [--home DIR] [--dict FILE...]",
       "Reports every malformed line as file:line: reason. Exit status 1 when any error is found.",
       {kHome, kDict},
       RunDictCheck},
      {"import", "import GDELT or ICEWS event files into the store",
       "entente import gdelt|icews FILE... [--db FILE]",
       "GDELT 1.0 (57/58 columns) and 2.0 (61 columns) exports with or without a header, extra\n"
       "index columns, quoted fields and NA; ICEWS event tables (tab-separated, with header).\n"
       "Plain, .gz, .zip or .tar.gz. Imported events land beside coded ones, marked with their\n"
       "origin; an event id already stored is skipped. Malformed rows are reported by file and\n"
       "line (the first 20 shown) and counted; the rest imports.",
       {kDb, kHome, kQuiet},
       RunImport},
      {"train", "train a tagger, lemmatizer, parser or entity tagger",
       "entente train tagger|lemmatizer|parser|ner --train FILE... --out models/NAME.model [flags]\n"
       "       entente train clusters --text FILE... --out clusters.txt [--classes 256] [--vocabulary 20000]\n"
       "       entente train casing --text FILE... --out casing.txt [--vocabulary 50000] [--min-count 5]\n"
       "       entente train hot --train FILE... --out models   (last: orders the tagger's, parser's and entity tagger's hot features)",
       "Reproducible: the same files and seed give a byte-identical model. The parser and the\n"
       "entity tagger need a trained tagger (--tagger) to tag their training data; the parser\n"
       "should be trained on jackknifed tags (--jackknife 4). Word clusters (train clusters) are\n"
       "features of all four; the casing profile (train casing) is the entity tagger's (--casing). `train hot` runs last, on the folder holding the tagger, parser and\n"
       "entity tagger: it rewrites each with the features it looks up most often first (a speed order; the\n"
       "weights and outputs do not change). The commands that made the committed models are in\n"
       "docs/accuracy.md.",
       {{"train", true, "training file (repeatable)", "FILE"},
        {"dev", true, "held-out file scored after each epoch (repeatable)", "FILE"},
        {"out", true, "model file to write", "FILE"},
        {"tagger", true, "tagger model for parser/ner training data", "FILE"},
        {"iterations", true, "perceptron epochs (default 8)", "N"},
        {"seed", true, "random seed (default 1)", "N"},
        {"jackknife", true, "parser: k-fold jackknifed tags", "K"},
        {"prune", true, "drop weights smaller than this", "X"},
        {"clusters", true, "word clusters file used as features", "FILE"},
        {"casing", true, "ner: casing profile used as features (from train casing)", "FILE"},
        {"min-count", true, "casing: fewer occurrences are left out (default 5)", "N"},
        {"beam", true, "parser: train globally with a beam of W (parser-beam.model: 8; default 1, greedy)", "W"},
        {"update", true, "parser with --beam: early (default) or max-violation", "RULE"},
        {"reverse", false, "parser: read right to left"},
        {"punct-last", false, "parser with --reverse: read the final punctuation last (parser-beam-r2l.model: both)"},
        {"gazetteer", true, "ner: knowledge file whose names become features (repeatable)", "FILE"},
        {"text", true, "clusters: raw text, JSON Lines (.gz) or CoNLL-U (repeatable)", "FILE"},
        {"classes", true, "clusters: number of classes (default 256)", "N"},
        {"vocabulary", true, "clusters: words clustered (default 20000); casing: words profiled (default 50000)", "N"},
        {"date", true, "date stored in the model header (default today, UTC)", "YYYY-MM-DD"},
        {"data", true, "training-data description stored in the header (default the file names)", "TEXT"},
        kQuiet},
       RunTrain},
      {"parse", "tag and parse news, writing CoNLL-U", "entente parse [FILE...|-] [flags]",
       "Segments, tags, lemmatizes, parses and finds entities with the trained models in\n"
       "models/, writing one CoNLL-U block per sentence (entities in MISC).",
       {kInputFormat, kDate, kAccurate, kHome},
       RunParse},
      {"eval-nlp", "score the trained models against a gold file",
       "entente eval-nlp --gold FILE.conllu|FILE.iob2 [--models DIR]",
       "CoNLL-U gold gives UPOS, XPOS, lemma, UAS and LAS; UNER IOB2 gold gives entity\n"
       "precision, recall and F1.",
       {{"gold", true, "gold file", "FILE"}, {"models", true, "models folder (default models/)", "DIR"}, kAccurate,
        kHome},
       RunEvalNlp},
        {"dyads", "event counts per ordered pair of states and window",
         "entente dyads [--db FILE] [--window year] [--format table|jsonl|csv] [flags]",
         "Counts by quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material\n"
         "conflict) and the Goldstein sum and mean of the chosen modality (actual by default), with\n"
         "the counts of actual, planned, possible and negated events side by side, never summed.",
         With(kAnalysisFlags, {{"format", true, "table (default), jsonl or csv", "FMT"}}), RunDyads},
        {"align", "alignment between every pair of states per window",
         "entente align [--db FILE] [--window year] [--bootstrap 200] [--format ...] [flags]",
         "score = the S-score similarity of the two states' affinity portfolios, with a bootstrap\n"
         "5-95% interval over events (low, high); affinity (their own events) and copart (shared\n"
         "occasions) are printed beside it, not mixed in. Definitions in docs/analysis.md.",
         With(kAnalysisFlags, {{"format", true, "table (default), jsonl or csv", "FMT"},
                               {"bootstrap", true, "resamples for the interval (default 200; 0 = none)", "N"}, kSeed}),
         RunAlign},
        {"blocs", "communities of aligned states per window (Leiden)",
         "entente blocs [--db FILE] [--window year] [--bootstrap 100] [flags]",
         "Blocs on the alignment graph, named by their core members, with cohesion, bootstrap\n"
         "stability and the adjusted Rand index against the previous window (prev_ari; 'too few\n"
         "states (N)' when fewer than 4 states are in both windows). thin = members tied to the rest\n"
         "of the bloc by fewer than 3 direct events and shared occasions, with their counts.",
         With(kAnalysisFlags, {{"format", true, "table (default), jsonl or csv", "FMT"},
                               {"bootstrap", true, "resamples for stability (default 100; 0 = none)", "N"},
                               {"method", true, "modularity (default) or signed (docs/analysis.md)", "M"}, kSeed}),
         RunBlocs},
        {"shifts", "largest changes of alignment between consecutive windows",
         "entente shifts [--db FILE] [--window year] [--top 10] [--bootstrap 100] [flags]",
         "Each shift lists the events that drove it. Supported shifts (bootstrap intervals of\n"
         "the two windows apart, at least 3 direct events or shared occasions, 2 in each\n"
         "window) come first; the other changes follow, marked 'no' and never worded as a\n"
         "rise or fall (docs/analysis.md).",
         With(kAnalysisFlags, {{"format", true, "table (default), jsonl or csv", "FMT"},
                               {"top", true, "how many shifts (default 10)", "N"},
                               {"bootstrap", true, "resamples for the intervals (default 100; 0 = none)", "N"}, kSeed}),
         RunShifts},
        {"forecast", "expected cooperation, conflict and meetings per dyad next window",
         "entente forecast [--db FILE] [--window year] [--top 20] [--model auto] [flags]",
         "A Poisson regression on lagged and decayed dyad counts and two baselines (persistence,\n"
         "frequency) are backtested on the last windows (log-likelihood, MAE, Brier). With --model\n"
         "auto the counts come from the model with the best log-likelihood and P(meeting) from the\n"
         "better Brier of regression and frequency; the 'model:' line says which and why.\n"
         "Columns: history = windows since the dyad's first event; evidence = its events in the\n"
         "last window (empty when it had none there).",
         With(kAnalysisFlags, {{"format", true, "table (default), jsonl or csv", "FMT"},
                               {"top", true, "how many dyads (default 20)", "N"},
                               {"model", true, "auto (default), regression, frequency or persistence", "NAME"}}),
         RunForecast},
        {"brief", "a briefing on blocs, shifts and forecasts with event ids",
         "entente brief [--db FILE] [--window year] [--format markdown|json] [flags]",
         "Markdown (default) or JSON; every claim is followed by the ids of the events behind it\n"
         "(see them with `entente explain ID`).",
         With(kAnalysisFlags, {{"format", true, "markdown (default) or json", "FMT"},
                               {"bootstrap", true, "resamples for bloc stability (default 100)", "N"}, kSeed}),
         RunBrief},
        {"group", "group stored event mentions into events",
         "entente group [--db FILE] [--dry-run]",
         "Assigns every stored mention the id of the first mention of the same real-world event\n"
         "(rule in docs/analysis.md) so later analyses count events, not reports.",
         {kDb, {"dry-run", false, "report the grouping without writing it"}},
         RunGroup},
        {"eval", "score coding against gold records",
         "entente eval --gold FILE|plover:FILE [--dict FILE]... [--parse given|own] [--json]\n"
         "       entente eval --gold plover:FILE --write-gold OUT.jsonl",
         "Codes every gold record and compares the (source, target, code) triples with the gold.\n"
         "FILE is a PETRARCH validation XML (*.xml: coded with the TABARI-style coder and the\n"
         "dictionaries its <Environment> names, or --dict files, over the given Treebank parses),\n"
         "a JSON Lines gold file (docs/accuracy.md), or plover:PATH for PLOVER_GSR_CAMEO.json, read\n"
         "directly; the last two are coded with the entente pipeline. Prints records, exact-match\n"
         "rate, triple precision/recall/F1, root- and PLOVER-level F1, actor country and sector\n"
         "accuracy, a confusion table of roots (or PLOVER categories), error kinds, and the worst\n"
         "cases with the pattern that fired. --write-gold converts the gold to JSON Lines and stops.",
         {{"gold", true, "gold file: *.xml, *.jsonl, or plover:PATH", "FILE"},
          kDict,
          kNoBuiltinActors,
          {"parse", true, "given (default: the records' Treebank parses) or own", "WHICH"},
          {"json", false, "print the report as JSON"},
          {"worst", true, "how many worst cases to show (default 10)", "N"},
          {"failures", false, "list every failing record with its category"},
          {"write-gold", true, "write the gold as JSON Lines to FILE and stop", "FILE"},
          kFast, kAccurate, kWindowRoles, kHome},
         RunEval},
        {"serve", "serve the HTTP API and the dashboard over a store",
         "entente serve [--db FILE|URL] [--port 8080] [--host 127.0.0.1] [flags]",
         "Answers JSON at /api/... (stats, events, dyads, align, blocs, shifts, forecast, brief,\n"
         "code; docs/api.md) and serves the dashboard at /. The store is opened read-only; analyses\n"
         "are cached for --cache-seconds. Listens on loopback unless --host says otherwise; --port 0\n"
         "picks a free port. The address is printed on stdout. Stops on Ctrl-C or SIGTERM.",
         {kDb,
          {"port", true, "TCP port (default 8080; 0 = any free port)", "N"},
          {"host", true, "address to listen on (default 127.0.0.1)", "ADDR"},
          {"web", true, "folder of dashboard files (default: found automatically)", "DIR"},
          {"cache-seconds", true, "reuse loaded events and analyses this long (default 60)", "N"},
          {"no-code", false, "do not load the coder; POST /api/code answers 503"},
          kFast, kDict, kHome, kQuiet},
         RunServe},
  };
  return kCommands;
}

}  // namespace entente::cli
