#!/usr/bin/env python3
"""Join docs/audit/gum-news-gold.tsv with the GUM Wikinews news CoNLL-U files into the JSON Lines
gold of `entente eval` (docs/accuracy.md, "JSON Lines gold format"), on stdout.

    python3 scripts/gum-gold.py NEWS_DIR docs/audit/gum-news-gold.tsv [--split dev|test|all] > gum.jsonl
    build/entente eval --gold gum.jsonl

NEWS_DIR holds GUM_news_*.conllu (../shared/data/gum-wikinews-interviews-speeches/news). Every
sentence (`# text = ` line) of every file is one record, id FILE#N (N from 1 within the file),
dated by the file's `# meta::dateCreated`; sentences without a row in the table have no events.
Split: files in alphabetical order, alternately DEV (1st, 3rd, ...) and TEST (2nd, 4th, ...).
The table's anchor must occur in its sentence, else the script stops (exit 1) naming the row:
the table and the text would be out of step.
"""
import glob
import json
import os
import sys

ORG_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")


def actor(code):
    if code in ("", "-"):
        return None
    if code[:3] in ORG_PREFIXES:
        return {"country": code[:3]}
    a = {"country": code[:3]}
    if len(code) > 3:
        a["sector"] = code[3:6]
    return a


def read_conllu(path):
    date, sentences = "", []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# meta::dateCreated") and not date:
                date = line.split("=", 1)[1].strip()
            elif line.startswith("# text = "):
                sentences.append(line[len("# text = "):].rstrip("\n"))
    return date, sentences


def read_table(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                header_seen = True
                if cols[0] == "file":
                    continue
            if len(cols) != 6:
                sys.exit(f"{path}:{no}: expected 6 tab-separated columns, got {len(cols)}")
            name, sent, anchor, source, target, cameo = cols
            event = {"source": actor(source), "target": actor(target)}
            if len(cameo) == 2:
                event["root"] = cameo
            else:
                event["cameo"] = cameo
            rows.setdefault(("GUM_news_" + name, int(sent)), []).append((no, anchor, event))
    return rows


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--split")]
    split = "all"
    for i, a in enumerate(argv):
        if a.startswith("--split="):
            split = a.split("=", 1)[1]
        elif a == "--split" and i + 1 < len(argv):
            split = argv[i + 1]
            args.remove(split)
    if len(args) != 2 or split not in ("dev", "test", "all"):
        sys.exit(__doc__)
    news_dir, table = args
    rows = read_table(table)
    files = sorted(glob.glob(os.path.join(news_dir, "GUM_news_*.conllu")))
    if not files:
        sys.exit(f"{news_dir}: no GUM_news_*.conllu files")
    used = set()
    out = sys.stdout
    for index, path in enumerate(files):
        name = os.path.basename(path)[: -len(".conllu")]
        part = "dev" if index % 2 == 0 else "test"
        date, sentences = read_conllu(path)
        for n, text in enumerate(sentences, 1):
            events = []
            for no, anchor, event in rows.get((name, n), []):
                if anchor not in text:
                    sys.exit(f"{table}:{no}: anchor {anchor!r} not in {name} sentence {n}")
                events.append(event)
            used.add((name, n))
            if split != "all" and part != split:
                continue
            record = {"id": f"{name}#{n}", "text": text, "date": date, "events": events}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    for key in rows:
        if key not in used:
            sys.exit(f"{table}: {key[0]} has no sentence {key[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
