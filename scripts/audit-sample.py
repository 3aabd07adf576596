#!/usr/bin/env python3
"""Draw a fixed random sample of coded events for a precision audit by hand.

usage: audit-sample.py EVENTS.jsonl N SEED > sample.txt

EVENTS.jsonl is `entente code` output (JSON Lines). Prints N events drawn with
random.Random(SEED), in input order, each with its id, document, sentence, CAMEO code,
PLOVER category, modality, source and target (text=code), the words of the pattern and
the sentence. The id is what a judgement file (docs/audit/*.tsv) refers to.
"""
import json
import random
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    events = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    picked = sorted(random.Random(seed).sample(range(len(events)), min(n, len(events))))
    for k, i in enumerate(picked):
        e = events[i]
        text, start = e["text"], e["sentence_span"][0]
        verb = e["why"]["verb"]
        words = text[verb[0] - start:verb[1] - start] if verb and verb[1] > verb[0] else ""
        src, tgt = e["source"], e.get("target") or {}
        print(f"#{k} {e['id']} {e['doc_id']} s{e['sentence']} {e['cameo']} {e['plover']} {e['modality']}")
        print(f"  SRC {src.get('text')}={src.get('code')}  TGT {tgt.get('text')}={tgt.get('code')}  VERB [{words}]")
        print(f"  {text}")


if __name__ == "__main__":
    main()
