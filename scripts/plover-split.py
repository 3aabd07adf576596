#!/usr/bin/env python3
"""Splits the PLOVER gold records (PLOVER_GSR_CAMEO.json) into the DEV and TEST sets of
docs/accuracy.md: records whose id ends in an even number are DEV, odd ones TEST. The
DOCUMENT header record (documentation, not an event; `entente eval` skips it) goes to both, so
each file holds one record more than the number of gold records it counts. Writes OUT_DIR/plover-dev.json
and OUT_DIR/plover-test.json in the source's own layout, for `entente eval --gold plover:FILE`.

usage: scripts/plover-split.py PLOVER_GSR_CAMEO.json OUT_DIR
"""
import json
import os
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        records = json.load(f)
    dev, test = [], []
    headers = 0
    for r in records:
        m = re.search(r"(\d+)$", str(r.get("id", "")))
        if r.get("event") == "DOCUMENT":
            headers += 1
            dev.append(r)
            test.append(r)
        elif not m:
            sys.exit(f"{sys.argv[1]}: record {r.get('id')!r} has no trailing number to split on")
        elif int(m.group(1)) % 2 == 0:
            dev.append(r)
        else:
            test.append(r)
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, part in (("plover-dev.json", dev), ("plover-test.json", test)):
        with open(os.path.join(sys.argv[2], name), "w", encoding="utf-8") as f:
            json.dump(part, f)
    print(f"DEV {len(dev) - headers} gold records, TEST {len(test) - headers} gold records"
          f" (+{headers} DOCUMENT header in each file, not an event) -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
