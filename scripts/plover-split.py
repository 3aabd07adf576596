#!/usr/bin/env python3
"""Splits the PLOVER gold records (PLOVER_GSR_CAMEO.json) into the DEV and TEST sets of
docs/accuracy.md: records whose id ends in an even number are DEV, odd ones TEST. The
DOCUMENT header record goes to both. Writes OUT_DIR/plover-dev.json
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
    for r in records:
        m = re.search(r"(\d+)$", str(r.get("id", "")))
        if not m or r.get("event") == "DOCUMENT":
            dev.append(r)
            test.append(r)
        elif int(m.group(1)) % 2 == 0:
            dev.append(r)
        else:
            test.append(r)
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, part in (("plover-dev.json", dev), ("plover-test.json", test)):
        with open(os.path.join(sys.argv[2], name), "w", encoding="utf-8") as f:
            json.dump(part, f)
    print(f"DEV {len(dev)} records, TEST {len(test)} records -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
