#!/usr/bin/env python3
"""Join docs/audit/gum-news-gold.tsv with the GUM Wikinews news CoNLL-U files into the JSON Lines
gold of `entente eval` (docs/accuracy.md, "JSON Lines gold format"), on stdout.

    python3 scripts/gum-gold.py NEWS_DIR docs/audit/gum-news-gold.tsv [--split dev|test|all] > gum.jsonl
    build/entente eval --gold gum.jsonl

Whole articles (the coder sees each article as one document, as `entente code` does in use):

    python3 scripts/gum-gold.py NEWS_DIR docs/audit/gum-news-gold.tsv --articles > articles.jsonl
    build/entente code articles.jsonl > events.jsonl
    python3 scripts/gum-gold.py NEWS_DIR docs/audit/gum-news-gold.tsv --score events.jsonl [--split dev|test]

--articles writes one JSON Lines document per article (id = file name, its date, the sentences
as paragraphs); --score maps each coded event to the GUM sentence holding its words (by byte
offset) and scores the events against the table: an event is right when its CAMEO root, source
country (the first three letters of the code: ISO3 or IGO/NGO/...) and target country (or no
target on both sides) equal a gold event's of that sentence; also the root alone per sentence
(category). Every prediction counts, whatever its modality (the gold has none).

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


def key(code):
    return code[:3] if code and code != "-" else ""


def articles(files):
    for path in files:
        name = os.path.basename(path)[: -len(".conllu")]
        date, sentences = read_conllu(path)
        yield name, date, sentences


def write_articles(files):
    for name, date, sentences in articles(files):
        doc = {"id": name, "date": date, "text": "\n\n".join(sentences)}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


def score(files, rows, events_path, split):
    starts = {}  # article -> byte offset of each sentence (sentence n at index n - 1)
    parts = {}
    for index, (name, date, sentences) in enumerate(articles(files)):
        parts[name] = "dev" if index % 2 == 0 else "test"
        offsets, at = [], 0
        for text in sentences:
            offsets.append(at)
            at += len(text.encode("utf-8")) + 2
        starts[name] = offsets
    predicted = {}
    with open(events_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            name = e["doc_id"]
            if name not in starts or (split != "all" and parts[name] != split):
                continue
            at = e["why"]["verb"][0] if e.get("why") and e["why"].get("verb") else e["sentence_span"][0]
            n = sum(1 for o in starts[name] if o <= at)
            t = e.get("target") or {}
            predicted.setdefault((name, n), []).append((e["root"], key(e["source"].get("code", "")), key(t.get("code", ""))))
    gold = {}
    for (name, n), evs in rows.items():
        if split != "all" and parts.get(name) != split:
            continue
        for _, _, ev in evs:
            root = ev.get("root") or ev["cameo"][:2]
            src = (ev["source"] or {}).get("country", "")
            tgt = (ev["target"] or {}).get("country", "")
            gold.setdefault((name, n), []).append((root, src, tgt))
    tp = fp = fn = ctp = cfp = cfn = 0
    for k in set(gold) | set(predicted):
        g, p = list(gold.get(k, [])), list(dict.fromkeys(predicted.get(k, [])))
        for x in p:
            if x in g:
                tp += 1
                g.remove(x)
            else:
                fp += 1
        fn += len(g)
        groots, proots = {x[0] for x in gold.get(k, [])}, {x[0] for x in p}
        ctp += len(groots & proots)
        cfp += len(proots - groots)
        cfn += len(groots - proots)

    def prf(a, b, c):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, f1 = prf(tp, fp, fn)
    cp, cr, cf = prf(ctp, cfp, cfn)
    print(f"GUM news, whole articles ({split}): events {tp + fp} coded, {tp + fn} gold")
    print(f"  root + source + target countries: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn})")
    print(f"  category (root per sentence): precision {cp:.3f}  recall {cr:.3f}  F1 {cf:.3f}  "
          f"(tp {ctp}, fp {cfp}, fn {cfn})")


def main(argv):
    if "--articles" in argv or "--score" in argv:
        split = argv[argv.index("--split") + 1] if "--split" in argv else "all"
        news_dir, table = argv[1], argv[2]
        files = sorted(glob.glob(os.path.join(news_dir, "GUM_news_*.conllu")))
        if not files:
            sys.exit(f"{news_dir}: no GUM_news_*.conllu files")
        if "--articles" in argv:
            write_articles(files)
        else:
            score(files, read_table(table), argv[argv.index("--score") + 1], split)
        return 0
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
