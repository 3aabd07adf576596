#!/usr/bin/env bash
# The dashboard as a person sees it: ingest the demo corpus (fast mode), start `entente serve`
# on a free loopback port, render http://127.0.0.1:PORT/ in headless Chromium and check that the
# rendered page shows what the CLI reports for the same store (summary, blocs, first event row,
# timeline, briefing). Then takes a screenshot.
#
# usage: dashboard_test.sh ENTENTE_BINARY SOURCE_DIR
# Exit status 0 pass, 1 fail, 77 skipped (no Chromium). Every step is bounded by `timeout`;
# the server is killed on exit whatever happens. ENTENTE_SCREENSHOT=FILE keeps the screenshot.
set -u

ENTENTE=${1:?usage: dashboard_test.sh ENTENTE_BINARY SOURCE_DIR}
SRC=${2:?usage: dashboard_test.sh ENTENTE_BINARY SOURCE_DIR}

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "SKIP: chromium is not installed (Debian: apt-get install -y chromium)"
  exit 77
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
expect_in_dom() {  # TEXT WHAT
  if grep -qF -- "$1" "$WORK/dom.html"; then echo "ok: $2 ($1)"; else fail "$2: '$1' not in the rendered page"; fi
}

DB="$WORK/demo.db"
if ! timeout 300 "$ENTENTE" ingest "$SRC/corpus/demo" --db "$DB" --fast --quiet; then
  echo "FAIL: entente ingest of the demo corpus failed"
  exit 1
fi

timeout 600 "$ENTENTE" serve --db "$DB" --port 0 --host 127.0.0.1 --fast --quiet \
  > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER_PID=$!
URL=""
for _ in $(seq 300); do
  URL=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*/\).*|\1|p' "$WORK/serve.out" | head -n 1)
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "FAIL: entente serve did not start"
  cat "$WORK/serve.err"
  exit 1
fi
echo "server at $URL"

# What the CLI says about the same store.
DOCS=$("$ENTENTE" stats --db "$DB" --format json | sed -n 's/^ *"documents": *\([0-9]*\).*/\1/p')
# "dates:       2000 (year) .. 2025-09-03": each end at the precision it is known to.
DATES=$("$ENTENTE" stats --db "$DB" | sed -n 's/^dates: *\(.*\) \.\. \(.*\)$/\1 to \2/p')
"$ENTENTE" blocs --db "$DB" --format jsonl > "$WORK/blocs.jsonl" 2>/dev/null
LAST_WINDOW=$(sed -n 's/.*"window":"\([^"]*\)".*/\1/p' "$WORK/blocs.jsonl" | sort | tail -n 1)
FIRST_JSON=$("$ENTENTE" events --db "$DB" --format jsonl | head -n 1)
FIRST_EVENT=$(printf '%s' "$FIRST_JSON" | sed -n 's/.*[{,]"id":"\([^"]*\)".*/\1/p')
# Its date as precise as it is known ("2000 (year)" for "last visited Pyongyang in 2000"), not
# the stored first day of the year, which reads as a day the text never gave.
FIRST_DATE=$(printf '%s' "$FIRST_JSON" | sed -n 's/.*"date":"\([^"]*\)".*/\1/p')
case $(printf '%s' "$FIRST_JSON" | sed -n 's/.*"date_precision":"\([^"]*\)".*/\1/p') in
  year) FIRST_DATE="${FIRST_DATE:0:4} (year)" ;;
  month) FIRST_DATE="${FIRST_DATE:0:7} (month)" ;;
esac

BROWSER_FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --virtual-time-budget=10000)
timeout 120 "$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$(mktemp -d -p "$WORK")" \
  --dump-dom "$URL" > "$WORK/dom.html" 2> "$WORK/chromium.err"
if [ ! -s "$WORK/dom.html" ]; then
  echo "FAIL: chromium rendered nothing"
  tail -n 20 "$WORK/chromium.err"
  exit 1
fi

SHOWN_DOCS=$(sed -n 's|.*<dd id="sum-documents">\([0-9,]*\)</dd>.*|\1|p' "$WORK/dom.html" | tr -d ,)
[ -n "$DOCS" ] && [ "$SHOWN_DOCS" = "$DOCS" ] && echo "ok: summary shows $DOCS documents" ||
  fail "summary shows '$SHOWN_DOCS' documents, the store has '$DOCS'"
SHOWN_DATES=$(sed -n 's|.*<dd id="sum-dates">\([^<]*\)</dd>.*|\1|p' "$WORK/dom.html")
[ -n "$DATES" ] && [ "$SHOWN_DATES" = "$DATES" ] && echo "ok: summary shows dates $DATES" ||
  fail "summary shows dates '$SHOWN_DATES', the CLI says '$DATES'"
[ -n "$LAST_WINDOW" ] || fail "the CLI found no blocs in the demo store"
while read -r name; do
  expect_in_dom "<h3>$name</h3>" "bloc of $LAST_WINDOW"
done < <(grep "\"window\":\"$LAST_WINDOW\"" "$WORK/blocs.jsonl" | sed -n 's/.*"bloc":"\([^"]*\)".*/\1/p')
# Each bloc card shows the events between its members (the CLI's count) and a "weak" badge on
# every member the CLI lists as thin (UKR in Russia's 2025 bloc on one ceasefire event).
while read -r line; do
  name=$(printf '%s' "$line" | sed -n 's/.*"bloc":"\([^"]*\)".*/\1/p')
  events=$(printf '%s' "$line" | sed -n 's/.*"cohesion":[^,]*,"events":\([0-9]*\).*/\1/p')
  shown=$(grep -o "<h3>$name</h3>.*" "$WORK/dom.html" | grep -o 'class="bloc-events">[0-9]*' | head -n 1 | sed 's/.*>//')
  [ -n "$events" ] && [ "$shown" = "$events" ] && echo "ok: bloc $name shows $events events between members" ||
    fail "bloc $name shows '$shown' events between members, the CLI says '$events'"
  for thin in $(printf '%s' "$line" | grep -o '"state":"[A-Z]*","thin":true' | sed 's/"state":"\([A-Z]*\)".*/\1/'); do
    expect_in_dom "<span class=\"member thin\" title=\"$thin:" "weak badge on $thin in $name"
  done
done < <(grep "\"window\":\"$LAST_WINDOW\"" "$WORK/blocs.jsonl")
# Pairs without events between them (the demo's 2025 window has many, e.g. BRA-MNG) are hatched
# and say what their score is.
expect_in_dom 'class="indirect"' "heatmap cell without direct events"
expect_in_dom 'no events between them: similarity of their relations to others only' "its tooltip"
[ -n "$FIRST_EVENT" ] || fail "the CLI lists no event"
expect_in_dom "<tr data-event-id=\"$FIRST_EVENT\"" "first event row"
SHOWN_DATE=$(grep -o "<tr data-event-id=\"$FIRST_EVENT\"[^>]*><td class=\"nowrap\">[^<]*</td>" "$WORK/dom.html" |
  head -n 1 | sed 's|.*<td class="nowrap">\([^<]*\)</td>|\1|')
[ -n "$FIRST_DATE" ] && [ "$SHOWN_DATE" = "$FIRST_DATE" ] && echo "ok: first event dated $FIRST_DATE" ||
  fail "first event row shows the date '$SHOWN_DATE', the CLI says '$FIRST_DATE'"
expect_in_dom "Cooperation and conflict between PRK and RUS" "dyad timeline"
expect_in_dom 'class="heatmap"' "alignment heatmap"
expect_in_dom "Alignment briefing" "briefing"
expect_in_dom 'class="forecast-model">Model:' "forecast model line"
if grep -q 'class="error"' "$WORK/dom.html"; then
  fail "the page shows an error: $(grep -o 'Could not load[^<]*' "$WORK/dom.html" | head -n 3)"
fi

SHOT=${ENTENTE_SCREENSHOT:-$WORK/dashboard.png}
timeout 120 "$CHROMIUM" "${BROWSER_FLAGS[@]}" --user-data-dir="$(mktemp -d -p "$WORK")" \
  --screenshot="$SHOT" --window-size=1280,1600 "$URL" > /dev/null 2>> "$WORK/chromium.err"
if [ -s "$SHOT" ] && [ "$(head -c 4 "$SHOT" | tail -c 3)" = "PNG" ]; then
  echo "ok: screenshot $SHOT"
else
  fail "no screenshot"
fi

if [ "$FAILED" -ne 0 ]; then
  echo "server log:"; tail -n 20 "$WORK/serve.err"
  exit 1
fi
echo "dashboard renders the store's data"
