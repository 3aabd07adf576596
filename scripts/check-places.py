#!/usr/bin/env python3
"""Check the ambiguity rules of data/gazetteer/places.txt against the repository's own files.

    python3 scripts/check-places.py [--words FILE ...] [--root DIR]

A gazetteer row turns its name (and each alias) into a location of its country wherever the
name is written with a capital, so a name may not also be something else the coder reads.
Names are compared as the actor index folds them (src/actors/fold.h: lower case, accents off,
hyphens split, periods inside words dropped). A row's name or alias is an ERROR when it is

  (Capital rows are not checked: the loader skips them, states.txt being their source.)
  1. a phrase of another state's reading in data/actors/states.txt (name, formal, historical,
     adjective, demonym, alias, metonym, person_name of a state or a [region]), or the capital
     of a different state (a capital row of the same state repeats states.txt on purpose);
  2. a name, alias or short name of a person in data/actors/people/*.txt;
  3. a name, alias, short name, noun or title in data/actors/organisations.txt or agents.txt;
  4. the name or alias of a row of another country in places.txt (a name shared by two states);
  5. a common English word that opens sentences with a capital: the built-in list COMMON_WORDS
     below, and with --words, any one-word name whose lower-case form occurs in lower case at
     least MIN_LOWER times, and more often than capitalised, in the given text (CoNLL-U `# text =` lines or plain text).

A row whose comment says `kept: REASON` was reviewed: its findings are printed as NOTEs.
A WARNING (not a failure) is a one-word name that is the first name of a person in the people
files ("Victoria", "Virginia"): places.txt keeps some of these on purpose and says why.
Exit status 1 when there is an error, else 0. Standard library only.
"""
import argparse
import collections
import glob
import os
import re
import sys
import unicodedata

MIN_LOWER = 5

# Capitalised at a sentence start these are ordinary words; as place names they are left out.
COMMON_WORDS = {
    "mobile", "reading", "nice", "split", "bath", "van", "batman", "pale", "jos", "delta",
    "plateau", "rivers", "buffalo", "mesa", "aurora", "providence", "flint", "acre", "para",
    "riverside", "garland", "victoria", "orange", "independence", "concord", "liberty",
    "eugene", "florence", "charlotte", "paradise", "enterprise", "hope", "union", "mercy",
    "java", "surrey", "regina", "dover", "deal", "wells", "march", "best", "man", "mail",
    "sale", "bury", "goole", "hull", "crewe", "sandwich", "kota", "bor", "wau",
}

STATE_KEYS = {"name", "formal", "historical", "adjective", "demonym", "alias", "metonym",
              "person_name"}
ORG_KEYS = {"name", "alias", "short", "noun", "title"}
DATE_SUFFIX = re.compile(r"\s+\d{4}(-\d\d(-\d\d)?)?\.\.(\d{4}(-\d\d(-\d\d)?)?)?\s*$")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    s = re.sub(r"[-\u2010\u2011\u2013]", " ", s)
    s = re.sub(r"['\u2018\u2019\u02bc]", " ' ", s)
    s = re.sub(r"(?<=\w)\.|\.(?=\w)", "", s)
    s = re.sub(r"([^\w\s'])", r" \1 ", s)
    return " ".join(s.split())


def values(line):
    """key, [values] of a `key = a | b  # comment` record line, or None."""
    line = line.split("#", 1)[0]
    if "=" not in line:
        return None
    key, val = line.split("=", 1)
    out = []
    for v in val.split("|"):
        v = DATE_SUFFIX.sub("", v.strip()).strip()
        if v and v != "-":
            out.append(v)
    return key.strip(), out


def read_records(path):
    """Yields (kind, id, key, value, line number) for every value of a record file."""
    kind = rid = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = re.match(r"\s*\[(\w+)\s+([^\]]+)\]", line)
            if m:
                kind, rid = m.group(1), m.group(2).strip()
                continue
            kv = values(line)
            if kv and kind:
                for v in kv[1]:
                    yield kind, rid, kv[0], v, n


def read_places(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            cols = [c.strip() for c in body.split("|")]
            names = [cols[0]] + [a.strip() for a in (cols[5] if len(cols) > 5 else "").split(";")
                                 if a.strip()]
            comment = line.split("#", 1)[1] if "#" in line else ""
            rows.append({"line": n, "country": cols[1], "kind": cols[4], "names": names,
                         "kept": "kept:" in comment})
    return rows


def word_counts(paths):
    """Lower-case and capitalised occurrences of each lower-cased word."""
    counts, caps = collections.Counter(), collections.Counter()
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            conllu = p.endswith(".conllu")
            for line in f:
                if conllu:
                    if not line.startswith("# text ="):
                        continue
                    line = line[len("# text ="):]
                for w in re.findall(r"[A-Za-z]+", line):
                    if w.islower():
                        counts[w] += 1
                    elif w[0].isupper() and w[1:].islower():
                        caps[w.lower()] += 1
    return counts, caps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".")
    ap.add_argument("--words", nargs="*", default=[])
    args = ap.parse_args()
    root = args.root
    actors = os.path.join(root, "data", "actors")
    places = read_places(os.path.join(root, "data", "gazetteer", "places.txt"))

    other = collections.defaultdict(list)  # folded phrase -> readings
    capitals = collections.defaultdict(set)  # folded capital -> state codes
    for kind, rid, key, v, n in read_records(os.path.join(actors, "states.txt")):
        if key == "capital":
            capitals[fold(v)].add(rid)
        elif key in STATE_KEYS:
            other[fold(v)].append((rid, f"states.txt:{n} {kind} {rid} {key}"))
    first_names = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(actors, "people", "*.txt"))):
        for kind, rid, key, v, n in read_records(path):
            if key in ("name", "alias", "short"):
                other[fold(v)].append((None, f"{os.path.basename(path)}:{n} person {rid} {key}"))
                if key == "name" and " " in v:
                    first_names[fold(v.split()[0])].append(f"{os.path.basename(path)}:{n} {v}")
    for base in ("organisations.txt", "agents.txt"):
        for kind, rid, key, v, n in read_records(os.path.join(actors, base)):
            if key in ORG_KEYS:
                other[fold(v)].append((None, f"{base}:{n} {kind} {rid} {key}"))
    lower, caps_seen = word_counts(args.words) if args.words else (collections.Counter(),) * 2

    by_name = collections.defaultdict(set)
    for r in places:
        for name in r["names"]:
            by_name[fold(name)].add(r["country"])

    errors = warnings = 0
    seen = set()
    for r in places:
        if r["kind"] == "capital":  # not read by the loader: states.txt names every capital
            continue
        for name in r["names"]:
            f = fold(name)
            where = f"places.txt:{r['line']} {name!r} ({r['country']} {r['kind']})"
            problems = []
            readings = [w for owner, w in other.get(f, []) if owner != r["country"]]
            if readings:
                problems.append("also " + "; ".join(readings[:3]))
            caps = capitals.get(f, set()) - {r["country"]}
            if caps:
                problems.append("capital of " + ", ".join(sorted(caps)) + " in states.txt")
            if len(by_name[f]) > 1 and (f, r["country"]) not in seen:
                problems.append("listed for " + ", ".join(sorted(by_name[f])) + " in places.txt")
            if f in COMMON_WORDS:
                problems.append("a common English word (COMMON_WORDS)")
            elif " " not in f and lower[f] >= MIN_LOWER and lower[f] > caps_seen[f]:
                problems.append(f"'{f}' occurs {lower[f]} times in lower case in --words text, "
                                f"{caps_seen[f]} capitalised")
            seen.add((f, r["country"]))
            for p in problems:
                if r["kept"]:
                    print(f"NOTE {where}: {p} (kept, reason on the row)")
                else:
                    print(f"ERROR {where}: {p}")
                    errors += 1
            if not problems and " " not in f and f in first_names:
                print(f"WARNING {where}: first name of {first_names[f][0]}")
                warnings += 1
    names = sum(len(r["names"]) for r in places)
    print(f"{len(places)} rows, {names} names: {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
