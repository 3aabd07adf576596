// The entente dashboard: plain JavaScript over the JSON API (docs/api.md), no libraries.
// Every section loads on its own, so one failing request leaves the rest readable. Text from
// the server is always inserted as text nodes (never as HTML).
'use strict';

// ---------------------------------------------------------------------------------------------
// Small helpers.

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function $(id) { return document.getElementById(id); }

function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

function fmt(n, digits = 2) {
  return typeof n === 'number' && isFinite(n) ? n.toFixed(digits) : '–';
}

function signed(n, digits = 2) {
  return (n > 0 ? '+' : n < 0 ? '−' : '') + Math.abs(n).toFixed(digits);
}

// A stored date ("2000-01-01") as precise as it is known: "2000" (year), "2000-01" (month).
function atPrecision(date, precision) {
  if (precision === 'year') return date.slice(0, 4) + ' (year)';
  if (precision === 'month') return date.slice(0, 7) + ' (month)';
  return date;
}
function note(text) { return el('p', { class: 'note' }, text); }

function errorBox(err) { return el('p', { class: 'error', role: 'alert' }, 'Could not load: ' + err.message); }

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const url = path + (q.toString() ? '?' + q : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const type = res.headers.get('Content-Type') || '';
  const body = type.startsWith('application/json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(body && body.error ? body.error : res.status + ' ' + res.statusText);
  return body;
}

// Loads one section: shows errors in place of its content.
async function section(bodyId, load) {
  const body = $(bodyId);
  try {
    await load(body);
  } catch (err) {
    fill(body, errorBox(err));
  }
}

const state = {
  window: 'year',
  period: '',            // window label for alignment and blocs; '' = latest
  stats: null,
  eventOffset: 0,
  eventFilters: {},
};

// A button that opens an event's provenance.
function eventLink(id, label) {
  return el('button', { type: 'button', class: 'linklike event-link', 'data-event-id': id,
                        onclick: () => openEvent(id) }, label || id);
}

// ---------------------------------------------------------------------------------------------
// Summary.

async function loadSummary() {
  const s = await api('/api/stats');
  state.stats = s;
  $('sum-documents').textContent = s.documents.toLocaleString('en');
  $('sum-events').textContent = s.events.toLocaleString('en');
  $('sum-dates').textContent = s.first_date
    ? atPrecision(s.first_date, s.first_date_precision) + ' to ' + atPrecision(s.last_date, s.last_date_precision)
    : 'none';
  $('sum-actors').textContent = s.top_actors.slice(0, 5).map((a) => a.name).join(', ') || '–';
}

// ---------------------------------------------------------------------------------------------
// Dyad timeline: an SVG bar chart of cooperation against conflict.

// Every window label from `first` to `last` for year, quarter and month windows (so gaps show).
function labelsBetween(first, last, unit) {
  const out = [];
  const parse = (l) => unit === 'year' ? [+l, 0] : unit === 'quarter' ? [+l.slice(0, 4), +l.slice(5) - 1]
                                                                      : [+l.slice(0, 4), +l.slice(5, 7) - 1];
  const per = unit === 'year' ? 1 : unit === 'quarter' ? 4 : 12;
  let [y, k] = parse(first);
  const [ly, lk] = parse(last);
  while ((y < ly || (y === ly && k <= lk)) && out.length < 2000) {
    out.push(unit === 'year' ? String(y) : unit === 'quarter' ? y + 'Q' + (k + 1)
                                                              : y + '-' + String(k + 1).padStart(2, '0'));
    if (++k === per) { k = 0; ++y; }
  }
  return out;
}

function timelineChart(rows, a, b) {
  const W = 900, H = 260, left = 44, right = 12, top = 16, bottom = 48;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.coop, r.conflict)));
  const plotW = W - left - right, plotH = H - top - bottom;
  const step = plotW / rows.length, bar = Math.max(2, Math.min(28, step * 0.38));
  const y = (v) => top + plotH - (v / max) * plotH;
  const tickEvery = Math.ceil(rows.length / 16);
  const ticks = [];
  const nice = max <= 5 ? 1 : Math.ceil(max / 5);
  for (let v = 0; v <= max; v += nice) ticks.push(v);
  const title = 'Cooperation and conflict between ' + a + ' and ' + b;
  return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'tl-title tl-desc' },
    svg('title', { id: 'tl-title' }, title),
    svg('desc', { id: 'tl-desc' }, rows.map((r) => `${r.label}: ${r.coop} cooperative, ${r.conflict} conflictual`).join('; ')),
    ticks.map((v) => svg('g', {},
      svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, v))),
    rows.map((r, i) => {
      const x = left + i * step + step / 2;
      return svg('g', {},
        svg('rect', { x: x - bar, y: y(r.coop), width: bar, height: y(0) - y(r.coop), class: 'bar-coop' },
          svg('title', {}, `${r.label}: ${r.coop} cooperative`)),
        svg('rect', { x: x, y: y(r.conflict), width: bar, height: y(0) - y(r.conflict), class: 'bar-conflict' },
          svg('title', {}, `${r.label}: ${r.conflict} conflictual`)),
        i % tickEvery === 0
          ? svg('text', { x, y: H - bottom + 16, class: 'axis', 'text-anchor': 'middle' }, r.label) : []);
    }),
    svg('line', { x1: left, x2: W - right, y1: y(0), y2: y(0), class: 'baseline' }),
    svg('g', { transform: `translate(${left}, ${H - 14})` },
      svg('rect', { x: 0, y: -9, width: 12, height: 12, class: 'bar-coop' }),
      svg('text', { x: 18, y: 1, class: 'legend' }, 'cooperation (quad classes 1–2)'),
      svg('rect', { x: 250, y: -9, width: 12, height: 12, class: 'bar-conflict' }),
      svg('text', { x: 268, y: 1, class: 'legend' }, 'conflict (quad classes 3–4)')));
}

async function loadTimeline() {
  await section('timeline-body', async (body) => {
    const a = $('dyad-a').value.trim().toUpperCase(), b = $('dyad-b').value.trim().toUpperCase();
    const d = await api('/api/dyads', { dyad: a + ',' + b, window: state.window });
    const by = new Map();
    for (const r of d.rows) {
      const w = by.get(r.window) || { label: r.window, coop: 0, conflict: 0, goldstein: 0, events: [] };
      w.coop += r.verbal_coop + r.material_coop;
      w.conflict += r.verbal_conflict + r.material_conflict;
      w.goldstein += r.goldstein_sum;
      w.events.push(...r.top_events);
      by.set(r.window, w);
    }
    if (by.size === 0) {
      fill(body, note('No events between ' + a + ' and ' + b + ' in this store. ' + (d.note || '')));
      return;
    }
    const present = [...by.keys()].sort();
    const labels = labelsBetween(present[0], present[present.length - 1], state.window);
    const rows = labels.map((l) => by.get(l) || { label: l, coop: 0, conflict: 0, goldstein: 0, events: [] });
    const table = el('table', { class: 'data' },
      el('caption', {}, 'Events between ' + a + ' and ' + b + ' per ' + state.window),
      el('thead', {}, el('tr', {}, ['Window', 'Cooperation', 'Conflict', 'Goldstein sum', 'Strongest events']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.filter((r) => r.coop + r.conflict > 0).map((r) => el('tr', {},
        el('th', { scope: 'row' }, r.label), el('td', { class: 'num' }, r.coop), el('td', { class: 'num' }, r.conflict),
        el('td', { class: 'num' }, fmt(r.goldstein, 1)),
        el('td', {}, r.events.slice(0, 3).map((id) => eventLink(id)))))));
    fill(body, el('figure', {}, timelineChart(rows, a, b),
      el('figcaption', {}, `${a}–${b}: ${rows.reduce((s, r) => s + r.coop, 0)} cooperative and ` +
        `${rows.reduce((s, r) => s + r.conflict, 0)} conflictual events (actual, one per event).`)),
      el('details', {}, el('summary', {}, 'Show the numbers'), table));
  });
}

// ---------------------------------------------------------------------------------------------
// Alignment heatmap (an HTML table with coloured cells) and the blocs of the same window.

function scoreColor(s) {
  // −1 red, 0 white, +1 blue, interpolated in RGB.
  const t = Math.max(-1, Math.min(1, s));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const [r, g, bl] = t >= 0 ? [mix(255, 33, t), mix(255, 102, t), mix(255, 172, t)]
                            : [mix(255, 202, -t), mix(255, 0, -t), mix(255, 32, -t)];
  return `rgb(${r}, ${g}, ${bl})`;
}

async function loadAlignment() {
  await section('alignment-body', async (body) => {
    const d = await api('/api/align', { window: state.window, states: 12, bootstrap: 0 });
    const periods = d.windows.map((w) => w.window);
    const select = $('period');
    const keep = state.period && periods.includes(state.period) ? state.period : '';
    select.replaceChildren(el('option', { value: '' }, 'latest'),
      ...periods.slice().reverse().map((p) => el('option', { value: p }, p)));
    select.value = keep;
    state.period = keep;
    if (!d.windows.length) {
      fill(body, note(d.note || 'No alignment: no events between states.'));
      $('alignment-period').textContent = '';
      return;
    }
    const w = keep ? d.windows.find((x) => x.window === keep) : d.windows[d.windows.length - 1];
    $('alignment-period').textContent = '(' + w.window + ')';
    const states = w.states.map((s) => s.state);
    const cell = new Map();
    for (const p of w.pairs) { cell.set(p.a + ',' + p.b, p); cell.set(p.b + ',' + p.a, p); }
    const table = el('table', { class: 'heatmap' },
      el('caption', {}, `Alignment in ${w.window} among the ${states.length} most active states (${w.events} events)`),
      el('thead', {}, el('tr', {}, el('td', {}), states.map((s) => el('th', { scope: 'col' }, s)))),
      el('tbody', {}, states.map((r) => el('tr', {}, el('th', { scope: 'row' }, r), states.map((c) => {
        if (r === c) return el('td', { class: 'self', 'aria-label': r }, '');
        const p = cell.get(r + ',' + c);
        if (!p) return el('td', { class: 'empty', 'aria-label': `${r} and ${c}: no data` }, '·');
        const tip = `${r}–${c}: score ${fmt(p.score)}; affinity ${fmt(p.affinity)}, similarity ` +
          `${fmt(p.similarity)}, co-participation ${fmt(p.copart)}; ${p.events} direct events`;
        // No events between the two: the score is how alike their relations to others are, not a
        // relation of their own. Hatched and faded so it does not read like a pair with many events.
        if (!p.direct) {
          const why = 'no events between them: similarity of their relations to others only' +
            (p.occasions ? ` (and ${p.occasions} shared occasion${p.occasions === 1 ? '' : 's'})` : '');
          return el('td', { style: `background-color:${scoreColor(p.score)}`, class: 'indirect',
                            title: `${tip}. ${why}`, 'aria-label': `${tip}. ${why}` }, fmt(p.score));
        }
        return el('td', { style: `background:${scoreColor(p.score)}`, title: tip, 'aria-label': tip,
                          class: Math.abs(p.score) > 0.55 ? 'strong' : '' }, fmt(p.score));
      })))));
    fill(body, el('div', { class: 'scroll' }, table),
      el('p', { class: 'scale', 'aria-hidden': 'true' },
        el('span', { style: `background:${scoreColor(-1)}`, class: 'strong' }, '−1 opposed'),
        el('span', { style: `background:${scoreColor(0)}` }, '0'),
        el('span', { style: `background:${scoreColor(1)}`, class: 'strong' }, '+1 aligned'),
        el('span', { style: `background-color:${scoreColor(0.6)}`, class: 'indirect' },
          'hatched: no events between them')),
      el('details', {}, el('summary', {}, 'Show the pairs with their parts'),
        el('div', { class: 'scroll' }, el('table', { class: 'data' },
          el('caption', {}, `Pairs in ${w.window}, most aligned first`),
          el('thead', {}, el('tr', {}, ['Pair', 'Score', 'Affinity', 'Similarity', 'Co-participation', 'Direct events']
            .map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, w.pairs.slice().sort((x, y) => y.score - x.score).map((p) => el('tr', {},
            el('th', { scope: 'row' }, p.a + '–' + p.b), el('td', { class: 'num' }, fmt(p.score)),
            el('td', { class: 'num' }, fmt(p.affinity)), el('td', { class: 'num' }, fmt(p.similarity)),
            el('td', { class: 'num' }, fmt(p.copart)), el('td', { class: 'num' }, p.events))))))));
  });
}

async function loadBlocs() {
  await section('blocs-body', async (body) => {
    const d = await api('/api/blocs', { window: state.window, at: state.period });
    const withBlocs = d.windows.filter((w) => w.blocs.length);
    if (!withBlocs.length) {
      $('blocs-period').textContent = '';
      fill(body, note(d.note || 'No bloc: no two states are positively aligned in this window.'));
      return;
    }
    const w = withBlocs[withBlocs.length - 1];
    $('blocs-period').textContent = '(' + w.window + ')';
    // Each member with its direct events (and shared occasions) with the rest of the bloc; a
    // member held by thin evidence (one ceasefire event, one guest list) gets a "weak" badge.
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const evidence = (m) => plural(m.events, 'event') + (m.occasions ? ', ' + plural(m.occasions, 'shared occasion') : '');
    const cards = w.blocs.map((b) => {
      const thin = b.member_evidence.filter((m) => m.thin);
      return el('li', { class: 'bloc' },
        el('h3', {}, b.name),
        el('p', { class: 'members' }, b.member_evidence.flatMap((m, i) => [i ? ' · ' : '',
          el('span', { class: m.thin ? 'member thin' : 'member',
                       title: `${m.state}: ${evidence(m)} with the other members in ${w.window}` },
            m.state, el('small', {}, ` ${m.events}`), m.thin ? el('span', { class: 'badge' }, 'weak') : null)])),
        b.events === 0 ? el('p', { class: 'weak' },
          'Weak: no events between its members, only shared occasions (together at one place and day).')
          : thin.length ? el('p', { class: 'weak' }, 'Weak: ' +
            thin.map((m) => `${m.state} on ${evidence(m)}`).join('; ') + ' with the other members.') : null,
        el('dl', { class: 'facts' },
          el('div', {}, el('dt', {}, 'Cohesion'), el('dd', {}, fmt(b.cohesion))),
          el('div', {}, el('dt', {}, 'Stability'), el('dd', {}, b.stability === null ? 'not computed' : fmt(b.stability))),
          el('div', {}, el('dt', {}, 'Events'), el('dd', { class: 'bloc-events' }, b.events))));
    });
    const meta = [`Modularity ${fmt(w.modularity)}`];
    if (w.bootstrap_ari !== null) meta.push(`agreement with bootstrap replicates (ARI) ${fmt(w.bootstrap_ari)}`);
    if (w.previous_ari !== null) {
      meta.push(`agreement with the previous window (ARI) ${fmt(w.previous_ari)}`);
    } else if (w.previous_common_states > 0) {
      meta.push(`agreement with the previous window not computed: only ${w.previous_common_states} states ` +
        `in both windows (${w.min_common_states} needed)`);
    }
    fill(body, el('ul', { class: 'blocs' }, cards),
      w.unaligned.length ? el('p', {}, 'Unaligned: ' + w.unaligned.join(', ')) : null,
      el('p', { class: 'hint' }, 'The number after each member: its direct events with the other members. ' +
        meta.join('; ') + '.'));
  });
}

// ---------------------------------------------------------------------------------------------
// Shifts and forecast.

// Supported shifts (bootstrap intervals apart, enough events) in one table; the changes the
// evidence does not support in a second, muted one, without rise/fall arrows.
async function loadShifts() {
  await section('shifts-body', async (body) => {
    const d = await api('/api/shifts', { window: state.window, top: 10 });
    if (!d.shifts.length) { fill(body, note(d.note || 'No shifts.')); return; }
    const score = (v, lo, hi, boot) => boot ? `${fmt(v)} [${fmt(lo)}, ${fmt(hi)}]` : fmt(v);
    const counts = (s) => `${s.from_events} → ${s.to_events}` +
      (s.from_occasions + s.to_occasions ? ` (+${s.from_occasions + s.to_occasions} occasions)` : '');
    const table = (rows, caption, supported) => el('div', { class: 'scroll' }, el('table', { class: 'data' + (supported ? '' : ' unsupported') },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ['Pair', 'From [interval]', 'To [interval]', 'Change', 'Events',
        ...(supported ? [] : ['Why not a shift']), 'Events that moved it']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((s) => el('tr', { 'data-supported': String(s.supported) },
        el('th', { scope: 'row' }, s.a + '–' + s.b),
        el('td', {}, `${score(s.from, s.from_low, s.from_high, s.bootstrapped)} (${s.from_window})`),
        el('td', {}, `${score(s.to, s.to_low, s.to_high, s.bootstrapped)} (${s.to_window})`),
        supported
          ? el('td', { class: 'num ' + (s.delta >= 0 ? 'up' : 'down') }, (s.delta >= 0 ? '▲ ' : '▼ ') + signed(s.delta))
          : el('td', { class: 'num' }, signed(s.delta)),
        el('td', { class: 'num' }, counts(s)),
        ...(supported ? [] : [el('td', {}, s.caveat)]),
        el('td', {}, s.drivers.length ? s.drivers.slice(0, 4).map((id) => eventLink(id)) : '–'))))));
    const sup = d.shifts.filter((s) => s.supported), uns = d.shifts.filter((s) => !s.supported);
    const parts = [];
    if (d.note) parts.push(note(d.note));
    parts.push(sup.length
      ? table(sup, `Shifts the evidence supports: ${Math.round(100 * d.interval)}% bootstrap intervals of the two windows apart, at least ${d.min_evidence} events, ${d.min_window_evidence} in each window`, true)
      : note(`No supported shift: no change has its bootstrap intervals apart and at least ${d.min_evidence} events, ${d.min_window_evidence} in each window.`));
    if (uns.length) parts.push(table(uns, 'Changes the evidence does not support (not trends)', false));
    fill(body, parts);
  });
}

async function loadForecast() {
  await section('forecast-body', async (body) => {
    const d = await api('/api/forecast', { window: state.window, top: 10 });
    $('forecast-period').textContent = d.forecast_window ? '(' + d.forecast_window + ')' : '';
    const parts = [];
    if (d.note) parts.push(note(d.note));
    if (d.model_reason) parts.push(el('p', { class: 'forecast-model' }, 'Model: ' + d.model_reason));
    if (d.dyads.length) {
      parts.push(el('div', { class: 'scroll' }, el('table', { class: 'data' },
        el('caption', {}, 'Expected events in the next window, most active dyads first'),
        el('thead', {}, el('tr', {}, ['Source', 'Target', 'Cooperative', 'Conflictual', 'P(meeting)', 'Recent evidence']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, d.dyads.map((f) => el('tr', {},
          el('td', {}, f.source), el('td', {}, f.target), el('td', { class: 'num' }, fmt(f.coop, 1)),
          el('td', { class: 'num' }, fmt(f.conflict, 1)), el('td', { class: 'num' }, fmt(f.p_meeting)),
          el('td', {}, f.evidence.slice(0, 3).map((id) => eventLink(id)))))))));
    }
    if (d.backtest.length) {
      parts.push(el('p', { class: 'hint' }, 'Backtest (mean per dyad-window): ' + d.backtest.map((b) =>
        `${b.model} log-likelihood ${fmt(b.loglik, 3)}, MAE ${fmt(b.mae, 3)}`).join('; ') + '.'));
    }
    fill(body, parts.length ? parts : note('No forecast.'));
  });
}

// ---------------------------------------------------------------------------------------------
// Events with filters, and the provenance dialog.

function actorLabel(a) {
  if (!a) return '–';
  return a.name ? `${a.code} (${a.name})` : a.code || a.text || '–';
}

async function loadEvents() {
  await section('events-body', async (body) => {
    const f = state.eventFilters;
    const params = { limit: f.limit || 25, offset: state.eventOffset, root: f.root, since: f.since,
                     until: f.until, modality: f.modality };
    if (f.country && f.other) params.dyad = f.country + ',' + f.other;
    else if (f.country || f.other) params.country = f.country || f.other;
    const d = await api('/api/events', params);
    $('events-prev').disabled = state.eventOffset === 0;
    $('events-next').disabled = !d.more;
    $('events-range').textContent = d.count ? `events ${d.offset + 1}–${d.offset + d.count}` : '';
    if (!d.count) { fill(body, note('No events match these filters.')); return; }
    fill(body, el('div', { class: 'scroll' }, el('table', { class: 'data events' },
      el('caption', {}, 'Stored events in date order; choose a sentence to see why it was coded'),
      el('thead', {}, el('tr', {}, ['Date', 'Source', 'Event', 'Target', 'Modality', 'Sentence']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, d.events.map((e) => el('tr', { 'data-event-id': e.id, class: 'q' + e.quad_class },
        el('td', { class: 'nowrap' }, e.date ? atPrecision(e.date, e.date_precision) : '–'),
        el('td', {}, actorLabel(e.source)),
        el('td', {}, el('span', { class: 'code' }, e.cameo), ' ', e.plover),
        el('td', {}, actorLabel(e.target)),
        el('td', {}, e.modality),
        el('td', {}, eventLink(e.id, e.text ? (e.text.length > 140 ? e.text.slice(0, 137) + '…' : e.text)
                                           : '(imported, no sentence)'))))))));
  });
}

// The sentence with its source, verb, target and location marked.
function sentence(segments, text) {
  if (!segments || !segments.length) return el('p', { class: 'sentence' }, text || '(no sentence: imported event)');
  return el('p', { class: 'sentence' }, segments.map((s) => s.role
    ? el('mark', { class: 'role-' + s.role }, s.text, el('span', { class: 'visually-hidden' }, ` [${s.role}]`))
    : s.text));
}

const legend = () => el('p', { class: 'legend-line', 'aria-hidden': 'true' },
  ['source', 'verb', 'target', 'location'].map((r) => el('mark', { class: 'role-' + r }, r)));

function eventFacts(e) {
  const rows = [
    ['Id', e.id], ['Date', e.date ? atPrecision(e.date, e.date_precision) : '–'], ['Document', `${e.doc_id || '–'} (${e.doc_date || 'no date'})`],
    ['Source', actorLabel(e.source)], ['Target', actorLabel(e.target)],
    ['Event', `${e.cameo} ${e.plover}`], ['Goldstein', fmt(e.goldstein, 1)], ['Quad class', e.quad_class],
    ['Modality', e.modality + (e.why.modality_cue ? ` (“${e.why.modality_cue}”)` : '')],
    ['Location', e.location ? `${e.location.name} ${e.location.country}` : '–'],
    ['Date cue', e.why.date_cue || '(document date)'], ['Reported by', e.why.speaker || '–'],
    ['Pattern', e.why.pattern || '–'], ['Origin', e.origin],
  ];
  if (e.why.note) rows.push(['Note', e.why.note]);
  return el('dl', { class: 'event-facts' }, rows.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))),
    e.why.entries && e.why.entries.length
      ? el('div', {}, el('dt', {}, 'Knowledge used'), el('dd', {}, el('ul', {}, e.why.entries.map((x) => el('li', {}, x)))))
      : null);
}

let dialogOpener = null;
async function openEvent(id) {
  const dialog = $('event-dialog');
  const body = $('event-dialog-body');
  dialogOpener = document.activeElement;
  fill(body, el('p', { class: 'loading' }, 'Loading…'));
  $('event-dialog-h').textContent = 'Event ' + id;
  if (!dialog.open) dialog.showModal();
  try {
    const e = await api('/api/events/' + encodeURIComponent(id));
    $('event-dialog-h').textContent = `${e.source.code || '?'} → ${e.target ? e.target.code : '–'}: ${e.plover || e.cameo}`;
    fill(body, sentence(e.segments, e.text), legend(), eventFacts(e));
  } catch (err) {
    fill(body, errorBox(err));
  }
  $('event-dialog-close').focus();
}

function closeEvent() {
  $('event-dialog').close();
}

// ---------------------------------------------------------------------------------------------
// The briefing: a small Markdown renderer for what MakeBriefing writes (headings, paragraphs,
// lists, tables); event ids become links to their provenance.

function inline(text) {
  const out = [];
  const re = /\b([0-9a-f]{16})\b|\*\*([^*]+)\*\*/g;
  let last = 0, m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] ? eventLink(m[1]) : el('strong', {}, m[2]));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function renderMarkdown(md) {
  const lines = md.split('\n');
  const out = [];
  let i = 0;
  const cells = (l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) { ++i; continue; }
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) {
      // The page has h1 and section h2s: briefing headings start at h3.
      out.push(el('h' + Math.min(6, h[1].length + 2), {}, inline(h[2])));
      ++i;
    } else if (line.trim().startsWith('|')) {
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(lines[i++]);
      const head = cells(rows[0]);
      const bodyRows = rows.slice(1).filter((r) => !/^\|?\s*:?-{2,}/.test(r.trim()));
      out.push(el('div', { class: 'scroll' }, el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, head.map((c) => el('th', { scope: 'col' }, inline(c))))),
        el('tbody', {}, bodyRows.map((r) => el('tr', {}, cells(r).map((c) => el('td', {}, inline(c)))))))));
    } else if (/^\s*[-*]\s+/.test(line)) {
      const items = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) items.push(lines[i++].replace(/^\s*[-*]\s+/, ''));
      out.push(el('ul', {}, items.map((t) => el('li', {}, inline(t)))));
    } else {
      const para = [];
      while (i < lines.length && lines[i].trim() && !/^(#|\||\s*[-*]\s)/.test(lines[i])) para.push(lines[i++]);
      if (!para.length) para.push(lines[i++]);
      out.push(el('p', {}, inline(para.join(' '))));
    }
  }
  return out;
}

async function loadBrief() {
  await section('brief-body', async (body) => {
    const md = await api('/api/brief', { window: state.window });
    fill(body, renderMarkdown(typeof md === 'string' ? md : JSON.stringify(md)));
  });
}

// ---------------------------------------------------------------------------------------------
// The coder form.

async function codeText(ev) {
  ev.preventDefault();
  const form = ev.target;
  const body = $('code-body');
  fill(body, el('p', { class: 'loading' }, 'Coding…'));
  try {
    const res = await fetch('/api/code', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: form.text.value, date: form.date.value || null }),
    });
    const d = await res.json();
    if (!res.ok) throw new Error(d.error || res.statusText);
    if (!d.events.length) { fill(body, note(`No event found in ${d.sentences} sentence(s).`)); return; }
    fill(body, el('p', {}, `${d.events.length} event(s) in ${d.sentences} sentence(s):`), legend(),
      el('ol', { class: 'coded' }, d.events.map((e) => el('li', {},
        el('p', { class: 'coded-head' }, `${e.date ? atPrecision(e.date, e.date_precision) : 'no date'}: ${actorLabel(e.source)} → ${actorLabel(e.target)}: `,
          el('span', { class: 'code' }, e.cameo), ` ${e.plover} (${e.modality}, Goldstein ${fmt(e.goldstein, 1)})`),
        sentence(e.segments, e.text)))));
  } catch (err) {
    fill(body, el('p', { class: 'error', role: 'alert' }, 'Could not code: ' + err.message));
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring.

function loadAnalyses() {
  return Promise.all([loadTimeline(), loadAlignment().then(loadBlocs), loadShifts(), loadForecast(), loadBrief()]);
}

function readEventFilters(form) {
  const f = Object.fromEntries(new FormData(form).entries());
  for (const k of ['country', 'other']) f[k] = (f[k] || '').trim().toUpperCase();
  return f;
}

function init() {
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('window').addEventListener('change', (e) => { state.window = e.target.value; state.period = ''; loadAnalyses(); });
  $('period').addEventListener('change', (e) => { state.period = e.target.value; loadAlignment().then(loadBlocs); });
  $('dyad-form').addEventListener('submit', (e) => { e.preventDefault(); loadTimeline(); });
  const filters = $('event-filters');
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    state.eventFilters = readEventFilters(filters);
    state.eventOffset = 0;
    loadEvents();
  });
  filters.addEventListener('reset', () => setTimeout(() => {
    state.eventFilters = readEventFilters(filters);
    state.eventOffset = 0;
    loadEvents();
  }));
  $('events-prev').addEventListener('click', () => {
    state.eventOffset = Math.max(0, state.eventOffset - (+state.eventFilters.limit || 25));
    loadEvents();
  });
  $('events-next').addEventListener('click', () => {
    state.eventOffset += +state.eventFilters.limit || 25;
    loadEvents();
  });
  $('event-dialog-close').addEventListener('click', closeEvent);
  $('event-dialog').addEventListener('close', () => { if (dialogOpener && dialogOpener.focus) dialogOpener.focus(); });
  $('event-dialog').addEventListener('click', (e) => { if (e.target === e.currentTarget) closeEvent(); });
  $('code-form').addEventListener('submit', codeText);
  state.eventFilters = readEventFilters(filters);

  loadSummary().catch((err) => { $('sum-documents').textContent = 'unavailable'; $('sum-dates').replaceChildren(errorBox(err)); });
  loadAnalyses();
  loadEvents();
  // #event=ID opens that event's provenance (links can point at an event).
  const openFromHash = () => {
    const m = /^#event=([^&]+)$/.exec(location.hash);
    if (m) openEvent(decodeURIComponent(m[1]));
  };
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
}

document.addEventListener('DOMContentLoaded', init);
