#!/usr/bin/env python3
"""Draw a sample of coded events for a precision audit by hand.

usage: audit-sample.py EVENTS.jsonl MODULUS > sample.txt

EVENTS.jsonl is `entente code` output (JSON Lines). Keeps the events whose id, read as a
hexadecimal number, is divisible by MODULUS (about one in MODULUS). An event id is a hash of
the document, the words and the coding, so two codings of the same text (before and after a
change) draw the same events wherever they agree: only the events a change adds or removes
need a new judgement. Prints each with its id, document, sentence, CAMEO code, PLOVER
category, modality, source and target (text=code), the words of the pattern and the sentence.
The id is what a judgement file (docs/audit/*.tsv) refers to.
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, modulus = sys.argv[1], int(sys.argv[2])
    k = 0
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        e = json.loads(line)
        if int(e["id"], 16) % modulus:
            continue
        text, start = e["text"], e["sentence_span"][0]
        verb = e["why"]["verb"]
        words = text[verb[0] - start:verb[1] - start] if verb and verb[1] > verb[0] else ""
        words, text = " ".join(words.split()), " ".join(text.split())  # one line each
        src, tgt = e["source"], e.get("target") or {}
        print(f"#{k} {e['id']} {e['doc_id']} s{e['sentence']} {e['cameo']} {e['plover']} {e['modality']}")
        src_text = " ".join((src.get("text") or "").split())
        tgt_text = " ".join((tgt.get("text") or "").split()) if tgt else None
        print(f"  SRC {src_text}={src.get('code')}  TGT {tgt_text}={tgt.get('code')}  VERB [{words}]")
        print(f"  {text}")
        k += 1


if __name__ == "__main__":
    main()
