#!/bin/bash
# Retrains models/ner.model from the repository's data (run after a change to data/actors,
# data/gazetteer or data/ner: the entity tagger stores the name lists it was trained with).
# Reproduces the committed model byte for byte from the same data (docs/accuracy.md, NLP).
#
# usage: scripts/train-ner.sh [WORK_DIR]     (run from the repository root, after a build)
# Reads ../shared/data; writes WORK_DIR (default /tmp/entente-ner): clusters.txt, casing.txt and
# tagger.full (kept for reruns), ner.full, and models/ (a copy of models/ with the new entity
# tagger, hot orders rewritten). Copy WORK_DIR/models/ner.model to models/ to adopt it.
set -euo pipefail
T=${NLP_TRAIN_TOOL:-build/src/nlp/nlp_train_tool}
S=../shared/data; D=$S/ud-english-ewt; U=$S/ner-uner/English-EWT; A=data/actors
O=${1:-/tmp/entente-ner}
mkdir -p "$O"
GUM_TRAIN=(); GUM_TEXT=()
for f in $S/gum-wikinews-interviews-speeches/{news,interview,speech}/*.conllu; do
  GUM_TRAIN+=(--train "$f"); GUM_TEXT+=(--text "$f")
done
PEOPLE=(); for f in $A/people/*.txt; do PEOPLE+=(--gazetteer "$f"); done
[ -f "$O/clusters.txt" ] || $T clusters --text $D/en_ewt-ud-train.conllu "${GUM_TEXT[@]}" \
  --text $S/un-general-debate-corpus/ungdc_1946-2024.jsonl.gz --classes 256 --vocabulary 20000 \
  --iterations 4 --out "$O/clusters.txt"
[ -f "$O/casing.txt" ] || $T casing --text $D/en_ewt-ud-train.conllu "${GUM_TEXT[@]}" \
  --text $S/un-general-debate-corpus/ungdc_1946-2024.jsonl.gz --out "$O/casing.txt"
[ -f "$O/tagger.full" ] || $T train tagger --train $D/en_ewt-ud-train.conllu "${GUM_TRAIN[@]}" \
  --dev $D/en_ewt-ud-dev.conllu --iterations 7 --clusters "$O/clusters.txt" --date 2025-11-29 \
  --out "$O/tagger.full"
$T train ner --train $U/en_ewt-ud-dev.iob2 --train $U/en_ewt-ud-test.iob2 \
  --train $U/en_ewt-ud-dev.iob2 --train $U/en_ewt-ud-test.iob2 \
  --train data/ner/ewt-train.entities --train data/ner/crossner-train.entities \
  --train data/ner/crossner-dev.entities --train data/ner/crossner-test.entities \
  --train data/ner/gum.entities --gazetteer $A/states.txt --gazetteer $A/organisations.txt \
  --gazetteer $A/agents.txt "${PEOPLE[@]}" --gazetteer data/gazetteer/places.txt \
  --gazetteer data/ner/countryinfo.names --tagger "$O/tagger.full" --clusters "$O/clusters.txt" \
  --casing "$O/casing.txt" --iterations 10 --date 2026-11-30 --out "$O/ner.full"
rm -rf "$O/models" && cp -r models "$O/models"
$T prune "$O/ner.full" "$O/models/ner.model" 1.0
$T train hot --train $D/en_ewt-ud-train.conllu "${GUM_TRAIN[@]}" --out "$O/models"
