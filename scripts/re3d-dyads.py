#!/usr/bin/env python3
"""Score coded events against the actor relations annotated in re3d (docs/accuracy.md, "re3d").

re3d (dstl/re3d, in ../shared/data/re3d) annotates relations between entities in government and
military text; five of its relation types are dyadic stances an event coder should find:
FightingAgainst and Dislikes (conflict), AlliesOf and Likes (cooperation), CommWith (contact,
either sign). This script does not copy re3d into the repository; it reads it where it is.

usage:
  re3d-dyads.py input RE3D_DIR [--split all|dev|test] > docs.jsonl
      the documents as entente JSON Lines input ({"id", "text", "speaker"}; no title, so that
      event spans are offsets into re3d's text). The speaker is the publisher (SPEAKERS below):
      in a press release "we" and "the Foreign Secretary" are the publisher's. No dates: give
      `entente code --date 2016-06-01` (the releases are of 2014-2017).
  re3d-dyads.py score RE3D_DIR EVENTS.jsonl [--split all|dev|test] [--misses N]
      EVENTS.jsonl is `entente code docs.jsonl` output. Prints recall of the relations (a coded
      event whose source and target words overlap the relation's two entities, in either
      direction), the sign agreement of the found ones, and per type.

Scored: relations of those types whose two entities are both of an actor type (Organisation,
Person, Nationality, Location); "strikes -> mortar team" (a Weapon) is no dyad of actors.

Split: documents ordered by id, alternately dev and test (dev first).

A relation is found when some event of the same document has its source span overlapping one
entity of the relation and its target span overlapping the other. Its sign is right when the
event's quad class is cooperative (1-2) for AlliesOf/Likes and conflictual (3-4) for
FightingAgainst/Dislikes (CommWith: any). Directed types (Likes, Dislikes, FightingAgainst) also
report whether the event's source is the relation's source. Entity spans are character offsets;
event spans are byte offsets of the UTF-8 text; both are mapped to characters here.
"""
import glob
import json
import os
import sys

TYPES = {
    "FightingAgainst": "conflict",
    "Dislikes": "conflict",
    "AlliesOf": "cooperation",
    "Likes": "cooperation",
    "CommWith": "any",
}


# The publisher of each re3d subset, as the speaker of its documents (none for Wikipedia).
SPEAKERS = {
    "australian-department-of-foreign-affairs": "AUSGOV",
    "centcom": "USAMIL",
    "delegation-of-the-european-union-to-syria": "IGOEUREEC",
    "uk-government": "GBRGOV",
    "us-state-department": "USAGOV",
}


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def documents(root, split):
    docs = []
    for f in sorted(glob.glob(os.path.join(root, "*", "documents.json"))):
        subset = os.path.basename(os.path.dirname(f))
        for d in read_jsonl(f):
            d["speaker"] = SPEAKERS.get(subset, "")
            docs.append(d)
    docs.sort(key=lambda d: d["_id"])
    if split == "all":
        return docs
    want = 0 if split == "dev" else 1
    return [d for i, d in enumerate(docs) if i % 2 == want]


# Entity types that can be a side of a political event; relations whose two entities both have
# one of them are scored (not "strikes -> mortar team": Weapon, Vehicle, MilitaryPlatform, ...).
ACTOR_TYPES = {"Organisation", "Person", "Nationality", "Location"}
PRONOUNS = {"we", "our", "us", "they", "their", "them", "he", "his", "him", "she", "her", "it", "its",
            "i", "my", "me"}


def relations(root, ids):
    """The scored relations of documents `ids`, each with "pronoun" set when an end is one."""
    types = {}
    for f in sorted(glob.glob(os.path.join(root, "*", "entities.json"))):
        for e in read_jsonl(f):
            types[(e["documentId"], e["begin"], e["end"])] = e["type"]
    rels = []
    for f in sorted(glob.glob(os.path.join(root, "*", "relations.json"))):
        for r in read_jsonl(f):
            if r["documentId"] not in ids or r["type"] not in TYPES:
                continue
            a = types.get((r["documentId"], r["sourceBegin"], r["sourceEnd"]))
            b = types.get((r["documentId"], r["targetBegin"], r["targetEnd"]))
            if a not in ACTOR_TYPES or b not in ACTOR_TYPES:
                continue
            r["pronoun"] = r["source"].lower() in PRONOUNS or r["target"].lower() in PRONOUNS
            rels.append(r)
    return rels


def byte_to_char(text):
    """Map from UTF-8 byte offset to character offset (length len(bytes) + 1)."""
    m = []
    for i, ch in enumerate(text):
        m.extend([i] * len(ch.encode("utf-8")))
    m.append(len(text))
    return m


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("input", "score"):
        sys.exit(__doc__)
    mode, root = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    split, misses = "all", 0
    if "--split" in args:
        split = args[args.index("--split") + 1]
    if "--misses" in args:
        misses = int(args[args.index("--misses") + 1])
    docs = documents(root, split)
    if mode == "input":
        for d in docs:
            rec = {"id": d["_id"], "text": d["text"]}
            if d["speaker"]:
                rec["speaker"] = d["speaker"]
            print(json.dumps(rec, ensure_ascii=False))
        return
    events_path = args[0]
    by_id = {d["_id"]: d for d in docs}
    maps = {i: byte_to_char(d["text"]) for i, d in by_id.items()}
    events = {}
    for e in read_jsonl(events_path):
        if e["doc_id"] not in by_id or not e.get("target") or not e["target"].get("span"):
            continue
        m = maps[e["doc_id"]]
        s, t = e["source"].get("span"), e["target"]["span"]
        if not s:
            continue
        events.setdefault(e["doc_id"], []).append(
            (m[s[0]], m[s[1]], m[t[0]], m[t[1]], e["quad_class"], e["cameo"], e["text"]))
    rels = relations(root, set(by_id))
    stats = {}
    missed = []
    for r in rels:
        kind = TYPES[r["type"]]
        st = stats.setdefault(r["type"], {"n": 0, "found": 0, "sign": 0, "direction": 0})
        st["n"] += 1
        a = (r["sourceBegin"], r["sourceEnd"])
        b = (r["targetBegin"], r["targetEnd"])
        best = None
        for (s0, s1, t0, t1, quad, cameo, text) in events.get(r["documentId"], []):
            forward = overlaps(s0, s1, *a) and overlaps(t0, t1, *b)
            backward = overlaps(s0, s1, *b) and overlaps(t0, t1, *a)
            if not (forward or backward):
                continue
            sign = kind == "any" or (kind == "cooperation") == (quad in (1, 2))
            score = (sign, forward)
            if best is None or score > best:
                best = score
        if best is None:
            missed.append(r)
            continue
        st["found"] += 1
        st["sign"] += best[0]
        st["direction"] += best[1]
    named = [r for r in rels if not r["pronoun"]]
    named_found = sum(1 for r in named if r not in missed)
    total = {"n": 0, "found": 0, "sign": 0, "direction": 0}
    print(f"re3d relations ({split}: {len(docs)} documents, {sum(len(v) for v in events.values())} "
          "coded events with a source and a target)")
    print(f"{'type':16} {'relations':>9} {'found':>6} {'recall':>7} {'sign right':>10} {'source first':>12}")
    for t in TYPES:
        st = stats.get(t, {"n": 0, "found": 0, "sign": 0, "direction": 0})
        for k in total:
            total[k] += st[k]
        rec = st["found"] / st["n"] if st["n"] else 0
        print(f"{t:16} {st['n']:9} {st['found']:6} {rec:7.3f} {st['sign']:10} {st['direction']:12}")
    rec = total["found"] / total["n"] if total["n"] else 0
    sign = total["sign"] / total["found"] if total["found"] else 0
    print(f"{'all':16} {total['n']:9} {total['found']:6} {rec:7.3f} {total['sign']:10} {total['direction']:12}")
    print(f"recall {rec:.3f}; sign right among found {sign:.3f}; relations of two named actors (no "
          f"pronoun end): {named_found}/{len(named)} found ({named_found / max(1, len(named)):.3f})")
    for r in missed[:misses]:
        text = by_id[r["documentId"]]["text"]
        lo = max(0, min(r["sourceBegin"], r["targetBegin"]) - 60)
        hi = min(len(text), max(r["sourceEnd"], r["targetEnd"]) + 60)
        print(f"MISS {r['type']}: {r['source']} -> {r['target']} | ...{text[lo:hi]}...".replace("\n", " "))


if __name__ == "__main__":
    main()
