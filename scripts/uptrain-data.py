#!/usr/bin/env python3
"""Unlabelled text for uptraining the greedy parser, and the selection of its automatic parses.

Uptraining (Petrov et al. 2010): `entente parse --accurate` (three parsers vote) parses raw
text; the greedy parser is then trained on gold EWT + GUM plus these parses
(`nlp_train_tool train parser ... --auto-train FILE`). docs/accuracy.md, "uptraining the greedy
parser", has the full recipe. Both steps are deterministic.

  uptrain-data.py text OUT_DIR
      writes OUT_DIR/ungdc.jsonl (UN General Debate speeches of 1990-2010 except 2011's
      held-out session, every 8th record of those years in file order) and OUT_DIR/crossner.jsonl
      (the CrossNER politics train and dev sentences, one record each, tokens joined by spaces).
      The demo articles (corpus/demo/*.txt) are parsed as they are.
  uptrain-data.py select [--every K] [--agree GREEDY.conllu] [--max N] ACCURATE.conllu > OUT
      keeps the sentences of 5-40 words, no word of them over 30 characters, each text once
      (first occurrence), then every K-th of these (default 1); with --agree only those whose
      heads and relations are the same in GREEDY.conllu (the same input parsed without
      --accurate, so the same sentences in the same order); at most N (default all).
"""
import gzip
import json
import os
import sys

S = '/work/shared/data'


def text(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    with gzip.open(f'{S}/un-general-debate-corpus/ungdc_1946-2024.jsonl.gz', 'rt') as f, \
            open(f'{out_dir}/ungdc.jsonl', 'w') as out:
        i = 0
        for line in f:
            rec = json.loads(line)
            if not (1990 <= rec['year'] <= 2010):
                continue
            if i % 8 == 0:
                out.write(line if line.endswith('\n') else line + '\n')
                n += 1
            i += 1
    print(f'ungdc: {n} speeches', file=sys.stderr)
    n = 0
    with open(f'{out_dir}/crossner.jsonl', 'w') as out:
        for split in ('train', 'dev'):
            toks = []
            for line in open(f'{S}/ner-crossner-politics/{split}.txt', encoding='utf-8'):
                line = line.rstrip('\n')
                if line:
                    toks.append(line.split('\t')[0])
                    continue
                if toks:
                    n += 1
                    out.write(json.dumps({'id': f'crossner-{split}-{n}', 'text': ' '.join(toks)}) + '\n')
                    toks = []
            if toks:
                n += 1
                out.write(json.dumps({'id': f'crossner-{split}-{n}', 'text': ' '.join(toks)}) + '\n')
    print(f'crossner: {n} sentences', file=sys.stderr)


def sentences(path):
    block = []
    # surrogateescape: parses made before the lemmatizer fix (Lemmatizer::Fits) can hold a
    # lemma cut inside a UTF-8 character
    for line in open(path, encoding='utf-8', errors='surrogateescape'):
        line = line.rstrip('\n')
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def words(block):
    return [l.split('\t') for l in block if not l.startswith('#') and l.split('\t')[0].isdigit()]


def select(args):
    every, agree, limit = 1, None, None
    while args and args[0].startswith('--'):
        if args[0] == '--every':
            every = int(args[1])
        elif args[0] == '--agree':
            agree = args[1]
        elif args[0] == '--max':
            limit = int(args[1])
        else:
            sys.exit(f'unknown flag {args[0]}')
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    greedy = sentences(agree) if agree else None
    seen = set()
    kept = candidates = 0
    for block in sentences(args[0]):
        other = next(greedy) if greedy else None
        w = words(block)
        if other is not None:
            ow = words(other)
            if [x[1] for x in ow] != [x[1] for x in w]:
                sys.exit('the greedy parse does not hold the same sentences')
        if not (5 <= len(w) <= 40) or any(len(x[1]) > 30 for x in w):
            continue
        key = ' '.join(x[1] for x in w)
        if key in seen:
            continue
        seen.add(key)
        candidates += 1
        if (candidates - 1) % every:
            continue
        if other is not None and [(x[6], x[7]) for x in ow] != [(x[6], x[7]) for x in w]:
            continue
        sys.stdout.write('\n'.join(block) + '\n\n')
        kept += 1
        if limit and kept >= limit:
            break
    print(f'select: {candidates} candidate sentences, {kept} kept', file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'text':
        text(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == 'select':
        sys.stdout.reconfigure(errors='surrogateescape')
        select(sys.argv[2:])
    else:
        sys.exit(__doc__)
