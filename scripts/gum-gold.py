#!/usr/bin/env python3
"""Join a hand-made gold table of news events with the news text it was made on, into the JSON
Lines gold of `entente eval` (docs/accuracy.md, "JSON Lines gold format"), on stdout; or write
the documents for `entente code` and score its events. Four corpora, one code:

  --corpus gum (default)  TEXT is NEWS_DIR with GUM_news_*.conllu
                          (../shared/data/gum-wikinews-interviews-speeches/news), the table
                          docs/audit/gum-news-gold.tsv; each file one document dated by its
                          `# meta::dateCreated`; files in alphabetical order.
  --corpus pud            TEXT is UNER English-PUD's iob2 file
                          (../shared/data/ner-uner/English-PUD/en_pud-ud-test.iob2), the table
                          docs/audit/pud-news-gold.tsv; each news document (`# newdoc id = n...`;
                          the w... Wikipedia ones are left out) one document, dated by the
                          table's `#date<TAB>DOC<TAB>YYYY-MM-DD` rows; documents in file order.
  --corpus ewt            TEXT is UD English EWT: its directory (../shared/data/ud-english-ewt, every
                          *.conllu in it) or one or more .conllu files joined by commas; the table
                          docs/audit/ewt-news-gold.tsv. The documents are those the table names in
                          `#doc<TAB>DOC` rows (DOC = the full `# newdoc id`), in the table's order;
                          each dated by the YYYYMMDD after `_ENG_` in its id, or by a `#date` row.
  --corpus ungd           TEXT is the UN General Debate corpus (../shared/data/un-general-debate-corpus/
                          ungdc_1946-2024.jsonl.gz: one JSON object a line, `file` and `text`), the
                          table docs/audit/ungd-news-gold.tsv. The documents are the speeches the
                          table names in `#doc<TAB>FILE` rows (e.g. UKR_77_2022.txt), in the table's
                          order; each dated by a `#date` row, else the opening day of its session
                          (session S opens in September of year 1945 + S; 77 -> 2022-09-20).
                          A document is not the whole speech: only the paragraphs (lines of `text`,
                          numbered from 1, empty lines not counted) that a
                          `#para<TAB>FILE<TAB>N,M,...` row names, in ascending order, split into
                          sentences by ungd_sentences (end punctuation, then space, then a capital
                          or opening quote; not after a title or initial such as "Mr." or "U.S.").
                          Sentences are numbered from 1 over the selected paragraphs in order.
                          --articles gives each speech `speaker` = its country (the file name's
                          first three letters), as `entente code` reads the corpus itself, so
                          "we" and "my Government" are the speaking state's; the per-sentence
                          gold of `entente eval` has no speaker (its format has none).

    python3 scripts/gum-gold.py TEXT TABLE [--corpus gum|pud|ewt|ungd] [--split dev|test|all] > gold.jsonl
    build/entente eval --gold gold.jsonl

Whole documents (the coder sees each article as one document, as `entente code` does in use):

    python3 scripts/gum-gold.py TEXT TABLE [--corpus C] --articles > articles.jsonl
    build/entente code articles.jsonl > events.jsonl
    python3 scripts/gum-gold.py TEXT TABLE [--corpus C] --score events.jsonl [--split dev|test] [--errors]

--articles writes one JSON Lines document per article (id = file name or newdoc id, its date, the
sentences as paragraphs); --score maps each coded event to the sentence holding its words (by byte
offset) and scores the events against the table: an event is right when its CAMEO root, source
country (the first three letters of the code: ISO3 or IGO/NGO/...) and target country (or no
target on both sides) equal a gold event's of that sentence; also the root alone per sentence
(category). Every prediction counts, whatever its modality (the gold has none). --errors then
lists every sentence whose coded events differ from the gold: the text, the gold triples, the
coded events (code, source and target codes, the pattern that fired) and the false positives
and negatives of the triple score.

Every sentence (`# text = ` line) of every document is one record, id DOC#N (N from 1 within the
document); sentences without a row in the table have no events. Split: documents in the order
above (for ewt the `#doc` rows' order), alternately DEV (1st, 3rd, ...) and TEST (2nd, 4th, ...). The table's anchor must occur in
its sentence, else the script stops (exit 1) naming the row: the table and the text would be out
of step.
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


def read_table(path, prefix):
    """Rows keyed by (document, sentence number), the `#date` rows (document -> date), the
    documents of the `#doc` rows in table order and the `#para` rows (document -> sorted
    paragraph numbers)."""
    rows, dates, listed, paras = {}, {}, [], {}
    with open(path, encoding="utf-8") as f:
        header_seen = False
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#date\t"):
                cols = line.split("\t")
                if len(cols) != 3:
                    sys.exit(f"{path}:{no}: expected #date<TAB>document<TAB>YYYY-MM-DD")
                dates[prefix + cols[1]] = cols[2]
                continue
            if line.startswith("#doc\t"):
                cols = line.split("\t")
                if len(cols) != 2:
                    sys.exit(f"{path}:{no}: expected #doc<TAB>document")
                listed.append(prefix + cols[1])
                continue
            if line.startswith("#para\t"):
                cols = line.split("\t")
                if len(cols) != 3 or not all(x.strip().isdigit() for x in cols[2].split(",")):
                    sys.exit(f"{path}:{no}: expected #para<TAB>document<TAB>N,M,...")
                paras.setdefault(prefix + cols[1], set()).update(int(x) for x in cols[2].split(","))
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                header_seen = True
                if cols[0] in ("file", "doc"):
                    continue
            if len(cols) != 6:
                sys.exit(f"{path}:{no}: expected 6 tab-separated columns, got {len(cols)}")
            name, sent, anchor, source, target, cameo = cols
            event = {"source": actor(source), "target": actor(target)}
            if len(cameo) == 2:
                event["root"] = cameo
            else:
                event["cameo"] = cameo
            rows.setdefault((prefix + name, int(sent)), []).append((no, anchor, event))
    return rows, dates, listed, {k: sorted(v) for k, v in paras.items()}


def key(code):
    return code[:3] if code and code != "-" else ""


def gum_documents(news_dir, dates, listed, paras):
    files = sorted(glob.glob(os.path.join(news_dir, "GUM_news_*.conllu")))
    if not files:
        sys.exit(f"{news_dir}: no GUM_news_*.conllu files")
    for path in files:
        name = os.path.basename(path)[: -len(".conllu")]
        date, sentences = read_conllu(path)
        yield name, date, sentences


def pud_documents(iob2, dates, listed, paras):
    """The news documents of an iob2 file with `# newdoc id = ` and `# text = ` comment lines."""
    docs = []
    with open(iob2, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc id = "):
                docs.append((line.split("=", 1)[1].strip(), []))
            elif line.startswith("# text = ") and docs:
                docs[-1][1].append(line[len("# text = "):].rstrip("\n"))
    docs = [d for d in docs if d[0].startswith("n")]
    if not docs:
        sys.exit(f"{iob2}: no news documents (# newdoc id = n...)")
    for name, sentences in docs:
        if name not in dates:
            sys.exit(f"{iob2}: document {name} has no #date row in the table")
        yield name, dates[name], sentences


def ewt_documents(text, dates, listed, paras):
    """The documents named by the table's `#doc` rows, from CoNLL-U files with `# newdoc id = `."""
    if os.path.isdir(text):
        paths = sorted(glob.glob(os.path.join(text, "*.conllu")))
    else:
        paths = text.split(",")
    found = {}
    for path in paths:
        name = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# newdoc id = "):
                    name = line.split("=", 1)[1].strip()
                    if name in found:
                        sys.exit(f"{path}: document {name} occurs twice")
                    found[name] = []
                elif line.startswith("# text = ") and name is not None:
                    found[name].append(line[len("# text = "):].rstrip("\n"))
    if not listed:
        sys.exit("the table names no documents (#doc<TAB>DOC rows)")
    for name in listed:
        if name not in found:
            sys.exit(f"{text}: no document {name}")
        date = dates.get(name)
        if date is None:
            stamp = name.split("_ENG_", 1)[1][:8] if "_ENG_" in name else ""
            if len(stamp) != 8 or not stamp.isdigit():
                sys.exit(f"document {name}: no _ENG_YYYYMMDD in its id and no #date row")
            date = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"
        yield name, date, found[name]


ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "Nos.", "Mt.", "H.E.", "U.S.", "U.N.", "Jr.",
                 "e.g.", "i.e.", "vs.", "Art.", "Res.")


def ungd_sentences(paragraph):
    """The sentences of one paragraph: a split after `.`, `!` or `?` (and any closing quotes or
    brackets) followed by white space and an upper-case letter, digit or opening quote, unless the
    word ending there is a single capital letter (an initial) or one of ABBREVIATIONS."""
    out, start, i, n = [], 0, 0, len(paragraph)
    while i < n:
        if paragraph[i] in ".!?":
            j = i + 1
            while j < n and paragraph[j] in "\"'”’)]":
                j += 1
            k = j
            while k < n and paragraph[k].isspace():
                k += 1
            if k > j and k < n and (paragraph[k].isupper() or paragraph[k].isdigit() or paragraph[k] in "\"“‘"):
                word = paragraph[start:i + 1].split()[-1] if paragraph[start:i + 1].split() else ""
                word = word.lstrip("(\"“‘")
                initial = len(word) == 2 and word[0].isupper()
                if not initial and word not in ABBREVIATIONS:
                    out.append(paragraph[start:j].strip())
                    start = k
                    i = k
                    continue
        i += 1
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def ungd_documents(corpus, dates, listed, paras):
    """The speeches named by the table's `#doc` rows, each the sentences of its `#para` paragraphs."""
    import gzip
    if not listed:
        sys.exit("the table names no documents (#doc<TAB>FILE rows)")
    wanted, found = set(listed), {}
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("file") in wanted:
                found[d["file"]] = d
    for name in listed:
        if name not in found:
            sys.exit(f"{corpus}: no speech {name}")
        if name not in paras:
            sys.exit(f"document {name}: no #para row in the table")
        d = found[name]
        paragraphs = [p.strip() for p in d["text"].split("\n") if p.strip()]
        sentences = []
        for no in paras[name]:
            if not 1 <= no <= len(paragraphs):
                sys.exit(f"document {name}: no paragraph {no} (it has {len(paragraphs)})")
            sentences.extend(ungd_sentences(paragraphs[no - 1]))
        date = dates.get(name) or f"{1945 + int(d['session'])}-09-20"
        yield name, date, sentences


# corpus -> (document reader, table prefix of document names, label of the --score report,
# the speaking state of a document name for --articles or None)
CORPORA = {
    "gum": (gum_documents, "GUM_news_", "GUM news, whole articles", None),
    "pud": (pud_documents, "", "PUD news, whole documents", None),
    "ewt": (ewt_documents, "", "EWT weblogs, whole documents", None),
    "ungd": (ungd_documents, "", "UN General Debate statements, selected paragraphs", lambda name: name[:3]),
}


def write_articles(docs, speaker=None):
    for name, date, sentences in docs:
        doc = {"id": name, "date": date, "text": "\n\n".join(sentences)}
        if speaker:
            doc["speaker"] = speaker(name)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


def score(docs, rows, events_path, split, label, errors=False):
    starts = {}  # article -> byte offset of each sentence (sentence n at index n - 1)
    parts = {}
    texts = {}
    for index, (name, date, sentences) in enumerate(docs):
        parts[name] = "dev" if index % 2 == 0 else "test"
        offsets, at = [], 0
        for text in sentences:
            offsets.append(at)
            at += len(text.encode("utf-8")) + 2
        starts[name] = offsets
        texts[name] = sentences
    predicted = {}
    coded = {}  # (article, n) -> readable lines of the coded events, for --errors
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
            coded.setdefault((name, n), []).append(
                f"{e.get('cameo', e['root'])} {e['source'].get('code', '') or '?'} -> {t.get('code', '') or '-'}"
                f" [{e.get('modality', '')}] {(e.get('why') or {}).get('pattern', '')}")
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
    wrong = {}  # (article, n) -> (false positives, false negatives) of the triple score
    for k in set(gold) | set(predicted):
        g, p = list(gold.get(k, [])), list(dict.fromkeys(predicted.get(k, [])))
        fps = []
        for x in p:
            if x in g:
                tp += 1
                g.remove(x)
            else:
                fp += 1
                fps.append(x)
        fn += len(g)
        if fps or g:
            wrong[k] = (fps, g)
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
    print(f"{label} ({split}): events {tp + fp} coded, {tp + fn} gold")
    print(f"  root + source + target countries: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn})")
    print(f"  category (root per sentence): precision {cp:.3f}  recall {cr:.3f}  F1 {cf:.3f}  "
          f"(tp {ctp}, fp {cfp}, fn {cfn})")
    if not errors:
        return
    order = {name: i for i, name in enumerate(starts)}

    def triple(x):
        return f"{x[0]} {x[1] or '?'} -> {x[2] or '-'}"

    for name, n in sorted(wrong, key=lambda k: (order[k[0]], k[1])):
        fps, fns = wrong[(name, n)]
        print(f"\n{name}#{n} ({parts[name]}): {texts[name][n - 1]}")
        for _, anchor, ev in rows.get((name, n), []):
            src, tgt = ev["source"] or {}, ev["target"] or {}
            print(f"  gold:  {ev.get('cameo') or ev.get('root')} "
                  f"{src.get('country', '?')}{src.get('sector', '')} -> "
                  f"{(tgt.get('country', '') + tgt.get('sector', '')) or '-'}  ({anchor})")
        for c in coded.get((name, n), []):
            print(f"  coded: {c}")
        for x in fps:
            print(f"  false positive: {triple(x)}")
        for x in fns:
            print(f"  false negative: {triple(x)}")


def option(argv, name):
    """The value after `name` (or of `name=VALUE`) in argv, removing both from argv; None if absent."""
    for i, a in enumerate(argv):
        if a.startswith(name + "="):
            del argv[i]
            return a.split("=", 1)[1]
        if a == name and i + 1 < len(argv):
            value = argv[i + 1]
            del argv[i:i + 2]
            return value
    return None


def main(argv):
    argv = list(argv)
    corpus = option(argv, "--corpus") or "gum"
    if corpus not in CORPORA:
        sys.exit(f"--corpus {corpus}: expected one of {', '.join(CORPORA)}")
    reader, prefix, label, speaker = CORPORA[corpus]
    if "--articles" in argv or "--score" in argv:
        split = argv[argv.index("--split") + 1] if "--split" in argv else "all"
        text, table = argv[1], argv[2]
        rows, dates, listed, paras = read_table(table, prefix)
        docs = list(reader(text, dates, listed, paras))
        if "--articles" in argv:
            write_articles(docs, speaker)
        else:
            score(docs, rows, argv[argv.index("--score") + 1], split, label, "--errors" in argv)
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
    text, table = args
    rows, dates, listed, paras = read_table(table, prefix)
    docs = reader(text, dates, listed, paras)
    used = set()
    out = sys.stdout
    for index, (name, date, sentences) in enumerate(docs):
        part = "dev" if index % 2 == 0 else "test"
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
