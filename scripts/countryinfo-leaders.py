#!/usr/bin/env python3
"""Convert the <Leaders> blocks of CountryInfo.txt into our person records.

Usage: scripts/countryinfo-leaders.py [CountryInfo.txt] [--root REPO] [--report FILE]

Input: CountryInfo.120116.txt (Schrodt 2012, CC BY-SA 3.0; rulers.org data). Output:
  data/actors/people/leaders-1960-2011.txt   new person records (rewritten on every run), and
  role lines added to existing records in data/actors/people/*.txt, each marked with the trailing
  comment `# countryinfo` (a rerun removes the marked lines first, so two runs give the same bytes).

Rules (kept deliberately simple):
 1. Parsing. Inside <Leaders>, a line `<Tag>` opens a section (broken closers such as a second
    `<President>` just open an empty one). An entry line is NAME [terms...] [B:..] [D:..] # comment;
    `{A}{B}` lists synonyms (A is the name, the rest aliases); a term is `[YYYYMMDD - YYYYMMDD]` or
    `[>YYYYMMDD]` (open). Terms with a code (`[YUGGOV 1981..]`), impossible dates or end < start are
    skipped and counted. `(ACTING`, `(1ST TIME`, `, BARON ...`, quoted nicknames are cut from names;
    `= X` after the terms is an alias. Bytes that are not UTF-8 are decoded as Latin-1. Entry lines
    after a closing tag belong to the section just closed (FJI); blocks of entries without a
    <CountryCode> (the islands at the end of the file) are skipped.
 2. Names. Title case; particles de, da, das, do, dos, del, della, di, du, la, le, van, von, der,
    den, ter, bin, ibn, bint, el, y, e lower case when not first; `AL` joins the next word as `al-X`;
    Arabic articles (al-, as-, el-, ...) and d'/l' are lower case inside a name, and a name with an
    article gets the alias without it (Anwar as-Sadat -> Anwar Sadat; the short is Sadat);
    Roman numerals stay upper case; `Mc` is kept; honorifics dropped at the start (SIR, SHEIKH, DR,
    GENERAL, COLONEL, KING, QUEEN, PRINCE, DATO', SERI, TUN, RATU, LYONPO, ...); a backquote (ayn) is
    dropped.
    Spanish-speaking states: a name of 3+ words without particles whose second-to-last word is not
    a known given name gets the alias "first word + second-to-last word" (Kjell Laugerud Garcia ->
    Kjell Laugerud) and that word is the surname for `short`; when it is a given name and the name
    has 3 words, the alias is first + last word (Alejandro Agustin Lanusse -> Alejandro Lanusse)
    and the last word the surname; otherwise (4+ words) no short. A middle initial is left out in
    an alias (Gerald R. Ford -> Gerald Ford). Portuguese names are left alone (the
    usual surname is the last).
 3. Posts (sector GOV). Presidents, kings, queens, emirs, sultans, chairmen of presidencies /
    councils of state / presidiums / military councils, heads of state -> head_of_state; prime
    ministers, premiers, chancellors, chief ministers, chairmen of councils of ministers, heads of
    government -> head_of_government; communist party first/general secretaries and Gaddafi's
    "leader of the revolution" -> leader; collective bodies (juntas, councils without chairman) -> `-`.
    Skipped: governors(-general), administrators, (high) commissioners, residents, representatives,
    captains-regent, Andorra's co-princes and syndics, vice-presidents, occupation commanders:
    they are no head of the state's own government (or, for San Marino and Andorra, rotate or are
    foreign heads of state), and news does not call them the country's leader.
    Presidential systems: a president (tag starting "President") of a state whose block lists no
    head_of_government post at all also gets head_of_government for the same interval (the
    convention of our region files).
 4. Countries. The KSV block is skipped (a copy of Kiribati's, as its own comment says). The
    CountryInfo code must be a state of ours (data/actors/states.txt); KSV -> XKX,
    TMP -> TLS; every other unknown code (dependent territories, BIHSPR, CHNTIB ...) is skipped and
    counted. RUS: all sections except the plural <Presidents> / <Prime ministers> are Soviet -> SUN.
    SRB: the federal sections (Tito, collective presidency, League of Communists presidium, federal
    executive council) -> YUG; the FRY presidents 1992-2006 -> SRB head_of_state (our convention);
    the FRY prime ministers and the Serbian presidents before Tadic -> SRB post `-`; Serbian
    republic-level sections before 1991 -> skipped. DEU: the GDR sections -> skipped. Roles of a
    former state end at its end date.
 5. Dates. Terms are used exactly. An open term `[>D]` ends where the next holder of the same post
    in the same block starts (if later), else at 2011-12-16 (the first public version of the file).
 6. Existing records win. A CountryInfo person is an existing person when one of its names folds
    (case, accents, hyphens, periods) to a name/alias of a record with a role in the same country,
    or when such a record holds the same post in an overlapping interval and shares the surname.
    Then only the parts of its roles not covered by that record's roles of the same post are added
    (to the existing record). A name of an existing record of another country only (the British
    monarch in the Commonwealth realms) is skipped. Every new role is also cut where another
    person holds the same post in the same country (a shared hand-over day is allowed); leftovers
    under 15 days are dropped. States whose 2000-2025 coverage is complete (listed in the region
    files' first lines) get no new role after 1999-12-31 (those files hold complete 2000-2025
    coverage with their own conventions for acting holders).
 7. short (the surname alone) only when: at least 4 letters, not a word of
    /usr/share/dict/words in any case (common words and common English names: Jones, Torres; the
    few leaders the dictionary knows for themselves, Brezhnev, Nixon, are listed in
    DICT_KNOWS_THE_LEADER), not a phrase (name, alias, short, adjective, capital, place ...) of any
    other record in data/actors or data/gazetteer, not a given (first) name of any person, and the
    surname of exactly one leader of the file; never for states whose names put the family name
    first, have no family names, or whose leaders are called by the given name or a patronymic
    (CHN TWN HKG MAC PRK KOR VNM MMR KHM LAO MNG THA IDN ETH ERI ISL). Aliases that collide with
    any other phrase are dropped; a new person's name that collides with another record's phrase gets no alias/short and
    is reported.
"""

import collections
import datetime
import os
import re
import sys
import unicodedata

DEFAULT_INPUT = '/work/shared/data/country-leaders-countryinfo/CountryInfo.120116.txt'
OUTPUT = 'data/actors/people/leaders-1960-2011.txt'
MARK = '# countryinfo'
FILE_DATE = datetime.date(2011, 12, 16)
COVERAGE_FROM = datetime.date(2000, 1, 1)
FAR = datetime.date(9999, 12, 31)
MIN_DAYS = 15

# Family name first, no family names, patronymics or given-name usage in news: no short name.
NO_SHORT = set('CHN TWN HKG MAC PRK KOR VNM MMR KHM LAO MNG THA IDN ETH ERI ISL'.split())
# Surnames in /usr/share/dict/words only because of the leader (kept as short names anyway).
DICT_KNOWS_THE_LEADER = set('brezhnev kosygin andropov chernenko gromyko nixon eisenhower truman senghor '
                            'pahlavi meir waldheim sankara inonu brandt sadat allende bhutto'.split())
SKIP_BLOCKS = {'KSV': "a copy of Kiribati's (the file's own comment says so)"}
CODE_MAP = {'KSV': 'XKX', 'TMP': 'TLS'}
SPANISH = set('ARG BOL CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY PER URY VEN ESP GNQ'.split())
PARTICLES = set('de da das do dos del della di du la le van von der den ter bin ibn bint el y e'.split())
HONORIFICS = set("SIR SHEIKH SHAIKH SHEIK DR DR. GENERAL GEN. COLONEL COL. MAJOR CAPTAIN LT. LIEUTENANT "
                 "BRIGADIER MARSHAL FIELD ADMIRAL KING QUEEN PRINCE PRINCESS DATO' DATO DATUK SERI TUN "
                 "TAN SRI DAME LORD MOULAY AYATOLLAH HOJATOLISLAM HOJATOLESLAM RATU LYONPO".split())
ROMAN = re.compile(r'^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$')


def fold(s):
  s = unicodedata.normalize('NFKD', s)
  s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
  s = re.sub(r"[-‐‑]", ' ', s).replace('.', '')
  return ' '.join(s.split())


def parse_date(s):
  try:
    return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
  except ValueError:
    return None


def iso_from(d, partial_end=False):
  return d.isoformat()


def parse_iso(s, end):
  parts = s.split('-')
  y = int(parts[0])
  if len(parts) == 3:
    return datetime.date(y, int(parts[1]), int(parts[2]))
  if len(parts) == 2:
    m = int(parts[1])
    if not end:
      return datetime.date(y, m, 1)
    nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)
  return datetime.date(y, 12, 31) if end else datetime.date(y, 1, 1)


def parse_interval(s):
  a, b = s.split('..')
  return (parse_iso(a, False) if a else datetime.date(1, 1, 1), parse_iso(b, True) if b else FAR)


# ---------------------------------------------------------------------------------------- names

def clean_raw_name(raw):
  raw = raw.replace('`', '').replace('"', ' " ')
  raw = re.sub(r'"[^"]*"', ' ', raw)
  raw = re.split(r'\(|,', raw)[0]
  return raw


ARTICLES = ('al-', 'el-', 'as-', 'ad-', 'an-', 'ar-', 'ash-', 'at-', 'az-')


def make_name(raw):
  """CountryInfo name (AGOSTINHO_NETO_) -> news form (Agostinho Neto); None when empty."""
  words = [w for w in re.split(r'[_\s]+', clean_raw_name(raw)) if w]
  while words and words[0].upper() in HONORIFICS and len(words) > 1:
    words.pop(0)
  out = []
  i = 0
  while i < len(words):
    w = words[i]
    lw = w.lower()
    if lw == 'al' and i + 1 < len(words) and out:
      out.append('al-' + cap_word(words[i + 1]))
      i += 2
      continue
    if out and lw in PARTICLES:
      out.append(lw)
    elif ROMAN.match(w.upper()) and out:
      out.append(w.upper())
    else:
      c = cap_word(w)
      if out:  # an article or d' inside a name is lower case: Anwar as-Sadat, Giscard d'Estaing
        for a in ARTICLES:
          if c.lower().startswith(a) and len(c) > len(a):
            c = a + c[len(a):]
        if re.match(r"^[DL]'[A-Z]", c):
          c = c[0].lower() + c[1:]
      out.append(c)
    i += 1
  name = ' '.join(out).strip()
  return name or None


def cap_word(w):
  def cap(p):
    if not p:
      return p
    lp = p.lower()
    if lp.startswith('mc') and len(lp) > 3:
      return 'Mc' + lp[2].upper() + lp[3:]
    if lp.startswith("'"):
      return "'" + cap(p[1:])
    if re.match(r"^[a-z]'[a-z]", lp):  # O'Neill, D'Estaing, N'Tchama
      return lp[0].upper() + "'" + lp[2].upper() + lp[3:]
    if re.match(r'^[a-z]\.$', lp):
      return lp.upper()
    return lp[0].upper() + lp[1:]
  for a in ARTICLES:
    if w.lower().startswith(a) and len(w) > len(a):
      return a.capitalize() + cap_word(w[len(a):])
  return '-'.join(cap(p) for p in w.split('-'))


def surname_of(name):
  last = name.split()[-1]
  for a in ARTICLES:
    if last.startswith(a) and len(last) > len(a):
      return last[len(a):]
  return last


def without_articles(name):
  """Anwar as-Sadat -> Anwar Sadat (None when nothing changes)."""
  w = name.split()
  out = [w[0]] + [next((x[len(a):] for a in ARTICLES if x.startswith(a) and len(x) > len(a)), x) for x in w[1:]]
  return ' '.join(out) if out != w else None


# ------------------------------------------------------------------------------------- posts

def post_of(tag):
  t = tag.lower().replace('_', ' ')
  skip = ['governor', 'administrator', 'commissioner', 'resident', 'representative', 'captains-regent',
          'coprince', 'syndic', 'vice-president', 'occupation', 'high representative', 'kalon tripa',
          'government business', 'lieutenant']
  if any(re.search(r'\b' + re.escape(s), t) for s in skip):
    return None
  if ('secretar' in t and ('communist' in t or 'central committee' in t or t.startswith('general secretar')
                           or t.startswith('first secretar'))) or 'communist party of china' in t \
      or 'league of communists' in t or 'leader of the revolution' in t:
    return 'leader'
  hog = ['prime minister', 'premier', 'chancellor', 'chief minister', 'council of ministers',
         "people's commissars", 'head of government', 'heads of government', 'chiefs of government',
         'government leaders', 'cabinet chiefs', 'executive yuan', 'federal executive council',
         "general people's committee", 'ministers of state', 'operative management',
         'provisional government', 'executive council', 'government council']
  if any(s in t for s in hog) and not t.startswith('president of the provisional'):
    return 'head_of_government'
  collective = ['political bureau', 'junta', 'council of state', 'high state committee', 'presidential council',
                'presidential commission', 'council of deputies']
  if any(s in t for s in collective) and not re.match(r'(chairm|presidents? |head)', t):
    return '-'
  return 'head_of_state'


# ----------------------------------------------------------------------------------- reading

TERM = re.compile(r'\[([^\]]*)\]')


def parse_entry(body):
  """One entry line -> list of (names, terms, bad_terms, acting)."""
  comment = ''
  if '#' in body:
    body, comment = body.split('#', 1)
  acting = 'ACTING' in body.upper() or 'ACTING' in comment.upper()
  persons = []
  pos = 0
  cur = None
  pending_terms = []
  bad = 0
  for m in TERM.finditer(body + ' '):
    text = body[pos:m.start()]
    pos = m.end()
    handle_text(text, persons, pending_terms)
    inner = m.group(1).strip()
    if inner.startswith('B:') or inner.startswith('D:'):
      continue
    t = parse_term(inner)
    if t is None:
      bad += 1
      continue
    if persons:
      persons[-1][1].append(t)
    else:
      pending_terms.append(t)
  handle_text(body[pos:], persons, pending_terms)
  return [(p[0], p[1], acting) for p in persons if p[1]], bad


def handle_text(text, persons, pending_terms):
  text = text.strip().strip('?').strip(')').strip()
  if not text:
    return
  if text.startswith('='):
    names = split_names(text[1:])
    if persons and names:
      persons[-1][0].extend(names)
    return
  names = split_names(text)
  if not names:
    return
  if persons and not persons[-1][1]:
    persons[-1][0].extend(names)  # `{A} {B}`: more synonyms before the first term
    return
  if pending_terms:
    persons.append([names, list(pending_terms)])
    pending_terms.clear()
  elif persons and not re.search(r'[_{}]', text) and len(names) == 1 and ' ' not in text:
    return  # a stray word after the terms (OMAR_BONGO_ [..] ONDIMBA): ignored
  else:
    persons.append([names, []])


def split_names(text):
  if '{' in text or '}' in text:
    parts = re.findall(r'[{}]?([^{}]+)[{}]?', text)
  else:
    parts = [text]
  out = []
  for p in parts:
    p = p.strip()
    if not p:
      continue
    n = make_name(p)
    if n and re.search(r'[A-Za-z]{2}', n) and n not in out:
      out.append(n)
  return out


def parse_term(inner):
  m = re.fullmatch(r'(\d{8})\s*-\s*(\d{8})', inner)
  if m:
    a, b = parse_date(m.group(1)), parse_date(m.group(2))
    if a is None or b is None or b < a:
      return None
    return (a, b, False)
  m = re.fullmatch(r'>\s*(\d{8})', inner)
  if m:
    a = parse_date(m.group(1))
    return None if a is None else (a, None, True)
  return None


def read_lines(path, stats=None):
  """The file's lines; a line that is not UTF-8 is decoded as Latin-1 (counted in `stats`)."""
  lines = []
  for raw in open(path, 'rb').read().split(b'\n'):
    try:
      lines.append(raw.decode('utf-8'))
    except UnicodeDecodeError:
      lines.append(raw.decode('latin-1'))
      if stats is not None:
        stats['lines not UTF-8 (read as Latin-1)'] += 1
  return lines


def read_countryinfo(path, stats):
  lines = read_lines(path, stats)
  blocks = []  # (code, [(tag, occurrence, lineno, names, terms, acting)])
  code = None
  in_leaders = False
  tag = closed = None
  occ = {}
  for no, line in enumerate(lines, 1):
    s = line.strip()
    if s == '<Country>':
      code = None  # the last entries of the file have no code (islands): their blocks are skipped
      continue
    m = re.match(r'<CountryCode>(\w+)</CountryCode>', s)
    if m:
      code = m.group(1)
      continue
    if re.fullmatch(r'<Leaders>', s):
      in_leaders = True
      blocks.append((code, []))
      occ = {}
      tag = closed = None
      continue
    if re.fullmatch(r'</Leaders>', s):
      in_leaders = False
      continue
    if not in_leaders or not s or s.startswith('#'):
      continue
    if s.startswith('</'):
      closed, tag = tag, None
      continue
    if s.startswith('<'):
      tag = s[1:s.index('>')] if '>' in s else s[1:]
      occ[tag] = occ.get(tag, 0) + 1
      continue
    if tag is None and closed is not None:
      tag = closed  # FJI: the prime ministers follow `</Chief minister>` without a tag of their own
      stats['entry lines after a closing tag (read as that section)'] += 1
    elif tag is None:
      stats['entry lines outside a section (skipped)'] += 1
      continue
    persons, bad = parse_entry(s)
    stats['terms unreadable (code inside, bad date, end before start)'] += bad
    if not persons:
      stats['entry lines without a usable term'] += 1
    for names, terms, acting in persons:
      blocks[-1][1].append((tag, occ[tag], no, names, terms, acting))
  return blocks


# ---------------------------------------------------------------------------- our records

def strip_comment(v):
  m = re.search(r'(^|[ \t])#', v)
  return v[:m.start()].rstrip() if m else v.rstrip()


def read_records(path, text=None):
  """-> list of dict(kind, id, fields[(key, value, lineno)], line, last (line of the last field))."""
  if text is None:
    text = open(path, encoding='utf-8').read()
  recs = []
  cur = None
  for no, line in enumerate(text.split('\n'), 1):
    s = line.strip()
    if not s or s.startswith('#'):
      continue
    m = re.match(r'^\[(\w+) ([A-Z0-9_]+)\]', s)
    if m:
      cur = {'kind': m.group(1), 'id': m.group(2), 'fields': [], 'line': no, 'last': no, 'file': path}
      recs.append(cur)
      continue
    if cur is not None and '=' in s:
      k, v = s.split('=', 1)
      cur['fields'].append((k.strip(), strip_comment(v.strip()), no))
      cur['last'] = no
  return recs


def phrases_of(rec, keys):
  out = []
  for k, v, _ in rec['fields']:
    if k in keys:
      for item in v.split(' | '):
        item = item.strip()
        item = re.sub(r'\s+\d{4}(-\d\d){0,2}\.\.(\d{4}(-\d\d){0,2})?$', '', item)
        item = re.sub(r'\s+\.\.\d{4}(-\d\d){0,2}$', '', item)
        item = item.split(' : ')[0].strip()
        if item:
          out.append(item)
  return out


def roles_of(rec):
  out = []
  for k, v, _ in rec['fields']:
    if k != 'role':
      continue
    w = v.split()
    if len(w) < 3:
      continue
    iv = parse_interval(w[3]) if len(w) > 3 else (datetime.date(1, 1, 1), FAR)
    out.append((w[0], w[2], iv[0], iv[1]))
  return out


# ----------------------------------------------------------------------------------- logic

def subtract(segs, a, b, keep_ends=True):
  """Remove [a+1, b-1] from each segment (a shared hand-over day stays), or [a, b] if not keep_ends."""
  lo = a + datetime.timedelta(days=1) if a > datetime.date(1, 1, 1) and keep_ends else a
  hi = b - datetime.timedelta(days=1) if b < FAR and keep_ends else b
  out = []
  for s, e in segs:
    if e < lo or s > hi:
      out.append((s, e))
      continue
    if s < lo:
      out.append((s, lo - datetime.timedelta(days=1)))
    if e > hi:
      out.append((hi + datetime.timedelta(days=1), e))
  return out


def main(argv):
  root = '.'
  src = DEFAULT_INPUT
  report = None
  args = list(argv[1:])
  while args:
    a = args.pop(0)
    if a == '--root':
      root = args.pop(0)
    elif a == '--report':
      report = args.pop(0)
    else:
      src = a
  os.chdir(root)
  stats = collections.Counter()
  log = []

  states = {}
  for r in read_records('data/actors/states.txt'):
    if r['kind'] == 'state':
      end = None
      for k, v, _ in r['fields']:
        if k == 'name':
          m = re.search(r'\.\.(\d{4}-\d\d-\d\d)$', v)
          if m:
            end = datetime.date.fromisoformat(m.group(1))
      states[r['id']] = end

  people_dir = 'data/actors/people'
  people_files = sorted(f for f in os.listdir(people_dir) if f.endswith('.txt') and f != os.path.basename(OUTPUT))
  covered = set()
  file_text = {}
  for f in people_files:
    p = os.path.join(people_dir, f)
    text = open(p, encoding='utf-8').read()
    # drop our own marked lines from an earlier run
    kept = [l for l in text.split('\n') if not l.rstrip().endswith(MARK)]
    file_text[p] = '\n'.join(kept)
    first = kept[0] if kept else ''
    m = re.search(r'\(([A-Z, ]+)\)', first)
    if m and f != 'international.txt':
      covered.update(c.strip() for c in m.group(1).split(','))
  tmp_records = []
  for p, text in file_text.items():
    tmp_records.extend(read_records(p, text))
  people = [r for r in tmp_records if r['kind'] == 'person']
  other_recs = []
  for f in ['states.txt', 'organisations.txt', 'agents.txt']:
    other_recs.extend(read_records(os.path.join('data/actors', f)))

  # every phrase of our files: folded -> set of owners
  phrase_owner = {}
  def own(ph, owner):
    phrase_owner.setdefault(fold(ph), set()).add(owner)
  for r in other_recs:
    for ph in phrases_of(r, {'name', 'alias', 'formal', 'historical', 'adjective', 'demonym', 'capital',
                             'metonym', 'noun', 'title', 'prefixed'}):
      own(ph, r['kind'] + ':' + r['id'])
  for line in open('data/gazetteer/places.txt', encoding='utf-8'):
    line = line.split('#')[0]
    cols = [c.strip() for c in line.split('|')]
    if len(cols) >= 5:
      own(cols[0], 'place:' + cols[0])
      if len(cols) > 5:
        for a in cols[5].split(';'):
          if a.strip():
            own(a.strip(), 'place:' + cols[0])
  given = set()
  our_surnames = set()
  for r in people:
    for ph in phrases_of(r, {'name', 'alias'}):
      if len(ph.split()) > 1:
        our_surnames.add(fold(surname_of(ph)))
    for ph in phrases_of(r, {'name', 'alias', 'short'}):
      own(ph, 'person:' + r['id'])
    for ph in phrases_of(r, {'name'}):
      w = ph.split()
      if len(w) > 1:
        given.add(fold(w[0]))
  english = set()
  for w in open('/usr/share/dict/words', encoding='utf-8', errors='replace'):
    w = w.strip()
    if w and not w.endswith("'s"):
      english.add(fold(w))
  english -= DICT_KNOWS_THE_LEADER

  blocks = read_countryinfo(src, stats)

  # ---- entries -> (country, post, from, to, acting) per CountryInfo person
  ci = {}  # key (block code, folded name) -> dict
  order = []
  for code, entries in blocks:
    if not entries:
      continue
    if code is None:
      stats['entries skipped: block of an entry without a CountryCode'] += sum(len(e[4]) for e in entries)
      continue
    if code in SKIP_BLOCKS:
      stats['entries skipped: %s block is %s' % (code, SKIP_BLOCKS[code])] += sum(len(e[4]) for e in entries)
      continue
    has_hog = any(post_of(t) == 'head_of_government' for t, *_ in entries)
    # next start per (tag-post) for open terms
    for idx, (tag, occ, no, names, terms, acting) in enumerate(entries):
      post = post_of(tag)
      country = CODE_MAP.get(code, code)
      tl = tag.lower()
      if code == 'RUS' and tag not in ('Presidents', 'Prime ministers'):
        country = 'SUN'
      if code == 'DEU' and tl.startswith('chairmen of the council of'):
        stats['entries skipped: GDR (not a state of ours)'] += len(terms)
        continue
      if code == 'SRB':
        if 'league of communists' in tl and 'presidium' in tl or 'collective presidency' in tl or \
            'federal executive' in tl or tag == 'President':
          country = 'YUG'
        elif tag == 'Presidents' and occ == 2:
          post = 'head_of_state'
        elif tag == 'Prime ministers' and occ == 2:
          post = '-'
        elif tag == 'Presidents' and occ == 1:
          post = '-'
        elif tag == 'Prime ministers' and occ == 1:
          post = 'head_of_government'
        else:
          stats['entries skipped: Serbian republic-level office before 1991'] += len(terms)
          continue
      if post is None:
        stats['entries skipped: governors, administrators, representatives, co-princes, captains-regent'] += len(terms)
        continue
      if country not in states:
        stats['entries skipped: CountryInfo code not a state of ours (%s)' % code] += len(terms)
        continue
      # open terms end where the next holder of the same section starts
      starts = sorted(t[0] for (tg, oc, _, _, ts, _) in entries if tg == tag and oc == occ for t in ts)
      key = fold(names[0])
      if key in ci and ci[key]['code'] != code:
        log.append('same name in two CountryInfo blocks, one person: %s (%s, %s)' % (names[0], ci[key]['code'], code))
      if key not in ci:
        ci[key] = {'names': [], 'roles': [], 'code': code, 'line': no}
        order.append(key)
      p = ci[key]
      for n in names:
        if n not in p['names']:
          p['names'].append(n)
      for a, b, open_ in terms:
        if open_:
          later = [s for s in starts if s > a]
          b = later[0] if later else FILE_DATE
          if b < a:
            b = a
        end = states.get(country)
        if end is not None:
          if a > end:
            stats['terms dropped: after the end of a former state'] += 1
            continue
          b = min(b, end)
        posts = [post]
        if post == 'head_of_state' and tl.startswith('president') and not has_hog and \
            not re.search(r'presidium|presidency|council|assembly|commission', tl):
          posts.append('head_of_government')
        for ps in posts:
          p['roles'].append((country, ps, a, b, acting))
        stats['terms read'] += 1

  # ---- match with existing people
  by_phrase = {}
  for r in people:
    for ph in phrases_of(r, {'name', 'alias', 'short'}):
      by_phrase.setdefault(fold(ph), []).append(r)
  holders = {}  # (country, post) -> [(from, to, person id)]
  for r in people:
    for c, ps, a, b in roles_of(r):
      if ps != '-':
        holders.setdefault((c, ps), []).append((a, b, r['id']))

  additions = {}  # existing id -> [role lines]
  new_people = []
  surname_count = {}
  for key in order:
    p = ci[key]
    countries = {c for c, *_ in p['roles']}
    match = None
    other_country = False
    for n in p['names']:
      for r in by_phrase.get(fold(n), []):
        rc = {c for c, *_ in roles_of(r)}
        dc = {v.split()[0] for k, v, _ in r['fields'] if k == 'default'}
        if (rc | dc) & (countries | {'RUS'} if 'SUN' in countries else countries):
          match = r
        else:
          other_country = True
      if match:
        break
    if match is None:
      sn = fold(surname_of(p['names'][0]))
      for c, ps, a, b, _ in p['roles']:
        for (ha, hb, hid) in holders.get((c, ps), []):
          if min(b, hb) > max(a, ha):
            r = next(x for x in people if x['id'] == hid)
            names = phrases_of(r, {'name', 'alias', 'short'})
            if any(sn in fold(x).split() for x in names):
              match = r
              break
        if match:
          break
    if match is None and other_country:
      stats['people skipped: name of an existing person of another country'] += 1
      log.append('skip (other country): %s %s' % (p['code'], p['names'][0]))
      continue
    p['match'] = match
    # cut roles
    kept = []
    ours = {x[0] for x in roles_of(match)} if match is not None else set()
    for c, ps, a, b, acting in p['roles']:
      if match is not None and c not in ours and c not in ('SUN', 'YUG'):
        stats['roles skipped: existing person, a country their record has no role in'] += 1
        log.append('skip role (country new to an existing record): %s %s %s' % (match['id'], c, ps))
        continue
      segs = [(a, b)]
      if match is not None:
        for rc, rps, ra, rb in roles_of(match):
          if rc == c and (rps == ps or ps == '-'):
            segs = subtract(segs, ra, rb, keep_ends=False)
      if c in covered:
        segs = [(s, min(e, COVERAGE_FROM - datetime.timedelta(days=1))) for s, e in segs if s < COVERAGE_FROM]
      if ps != '-':
        for (ha, hb, hid) in holders.get((c, ps), []):
          if match is not None and hid == match['id']:
            continue
          before = segs
          segs = subtract(segs, ha, hb)
          if segs != before:
            stats['roles cut where another person of ours holds the post'] += 1
      for s, e in segs:
        if (e - s).days < 1 and (b - a).days >= 1:
          continue  # the hand-over day left over by a cut
        if (e - s).days + 1 < MIN_DAYS and (s, e) != (a, b):
          stats['role parts under %d days dropped after cutting' % MIN_DAYS] += 1
          log.append('dropped part: %s %s %s %s..%s of %s..%s' % (p['names'][0], c, ps, s, e, a, b))
          continue
        kept.append((c, ps, s, e, acting))
    # merge duplicates / adjacent identical roles
    kept = sorted(set(kept), key=lambda x: (x[2], x[0], x[1] != 'head_of_state', x[1], x[3]))
    merged = []
    for r in kept:
      if merged and merged[-1][:2] == r[:2] and r[2] <= merged[-1][3] + datetime.timedelta(days=1):
        last = merged[-1]
        merged[-1] = (last[0], last[1], last[2], max(last[3], r[3]), last[4] and r[4])
      else:
        merged.append(r)
    p['kept'] = merged
    if match is not None:
      if merged:
        additions.setdefault(match['id'], []).extend(merged)
        stats['roles added to existing records'] += len(merged)
      else:
        stats['existing people with nothing to add'] += 1
      continue
    if not merged:
      stats['people skipped: no role left after cutting'] += 1
      continue
    if len(p['names'][0].split()) < 2:
      stats['people skipped: one-word name (Johnson, Albert)'] += 1
      log.append('skip (one-word name): %s %s' % (p['code'], p['names'][0]))
      continue
    new_people.append(p)
  # surname counts over all leaders of the file (new and matched)
  for key in order:
    p = ci[key]
    surname_count[fold(surname_of(p['names'][0]))] = surname_count.get(fold(surname_of(p['names'][0])), 0) + 1
  all_ci_given = set()
  for key in order:
    w = ci[key]['names'][0].split()
    if len(w) > 1:
      all_ci_given.add(fold(w[0]))

  # ---- write new records
  ids = {r['id'] for r in tmp_records if r['kind'] == 'person'}
  new_phr = {}
  for p in new_people:
    for n in p['names'][:1]:
      new_phr.setdefault(fold(n), []).append(p)
  out = []
  out.append('# People: heads of state and government 1960-2011 of every state, from CountryInfo.txt.')
  out.append('#')
  out.append('# Generated by scripts/countryinfo-leaders.py from CountryInfo.120116.txt (Philip A. Schrodt, The')
  out.append('# Event Data Project, Penn State, 2012; leaders from rulers.org), licensed CC BY-SA 3.0')
  out.append('# (https://creativecommons.org/licenses/by-sa/3.0/); this file is a derived work under the same')
  out.append('# licence. Do not edit by hand: change the script (its docstring states every rule) and rerun it.')
  out.append('# People already in the other region files are not repeated here: their missing roles were added')
  out.append('# to their records there, marked `# countryinfo`.')
  out.append('#')
  out.append('# Record format: docs/knowledge-format.md (kind `person`). Conventions used in this file:')
  out.append('#  - Sector GOV. Posts: head_of_state, head_of_government, leader (communist party first or')
  out.append('#    general secretary); `-` for members of collective bodies (juntas) and a few Yugoslav/Serbian')
  out.append('#    offices. Governors(-general), administrators and captains-regent are not included.')
  out.append('#  - In presidential systems without a prime minister the president has both a head_of_state and a')
  out.append('#    head_of_government role for the same interval.')
  out.append('#  - Terms are CountryInfo\'s, unchanged; a term open in CountryInfo ("in office at the last')
  out.append('#    update") ends when its successor took office, else on 2011-12-16; `# acting` marks holders')
  out.append('#    CountryInfo calls acting. Soviet offices are SUN, federal Yugoslav offices YUG.')
  out.append('#  - Names are CountryInfo\'s (ASCII, no diacritics) in the usual English news form.')
  out.append('#  - No coverage claim: CountryInfo is known to contain errors, particularly for small states.')
  out.append('')
  short_given = 0
  name_collisions = 0
  for p in sorted(new_people, key=lambda p: (p['kept'][0][0], p['kept'][0][2], p['names'][0])):
    name = p['names'][0]
    country = p['kept'][0][0]
    words = name.split()
    base = re.sub(r'[^A-Z0-9]+', '_', unicodedata.normalize('NFKD', surname_of(name) + ' ' + ' '.join(words[:-1])).encode('ascii', 'ignore').decode().upper()).strip('_')
    pid = base or 'PERSON'
    if pid in ids:
      pid = base + '_' + country
    k = 2
    while pid in ids:
      pid = '%s_%s_%d' % (base, country, k)
      k += 1
    ids.add(pid)
    fname = fold(name)
    clash = (phrase_owner.get(fname, set())) or len(new_phr.get(fname, [])) > 1
    aliases = []
    surname = surname_of(name)
    if country in SPANISH and len(words) >= 3 and not any(w.lower() in PARTICLES or w.startswith('al-') for w in words[1:]):
      pen = words[-2]
      if fold(pen) not in given and fold(pen) not in all_ci_given:
        aliases.append(words[0] + ' ' + pen)
        surname = pen
      elif len(words) == 3:  # Jose Maria Aznar, Alejandro Agustin Lanusse: two given names
        aliases.append(words[0] + ' ' + words[-1])
      else:
        surname = ''  # which word is the surname is unclear: no short
    elif country in SPANISH and len(words) >= 3:
      surname = ''
    for n in p['names']:
      if without_articles(n):
        aliases.append(without_articles(n))
      w = n.split()
      if len(w) >= 3 and any(re.fullmatch(r'[A-Z]\.', x) for x in w[1:-1]):
        aliases.append(' '.join(x for x in w if not re.fullmatch(r'[A-Z]\.', x)))  # Gerald Ford
    for n in p['names'][1:]:
      aliases.append(n)
    good_alias = []
    for a in aliases:
      fa = fold(a)
      if fa == fname or a in good_alias:
        continue
      if phrase_owner.get(fa) or len(new_phr.get(fa, [])) > 0 or any(fa == fold(x) for q in new_people if q is not p for x in q['names']):
        stats['aliases dropped: collide with another phrase'] += 1
        continue
      good_alias.append(a)
    short = None
    fs = fold(surname)
    if country not in NO_SHORT and not clash and len(fs) >= 4 and ' ' not in fs and fs not in english and not phrase_owner.get(fs) \
        and fs not in given and fs not in all_ci_given and fs not in our_surnames \
        and surname_count.get(fs, 0) == (1 if surname == surname_of(name) else 0) and fs != fname:
      if surname != surname_of(name):  # Spanish: first surname must be unique too
        if sum(1 for q in new_people if fold(q['names'][0]).split()[-2:-1] == [fs] or fold(surname_of(q['names'][0])) == fs) > 1:
          fs = None
      if fs:
        short = surname
    if clash:
      name_collisions += 1
      log.append('name collides with another phrase: %s (%s)' % (name, ', '.join(sorted(phrase_owner.get(fname, set())) or ['another new person'])))
    out.append('[person %s]' % pid)
    out.append('name = %s' % name)
    if good_alias and not clash:
      out.append('alias = %s' % ' | '.join(good_alias))
    if short:
      out.append('short = %s' % short)
      short_given += 1
    for c, ps, a, b, acting in p['kept']:
      out.append(('role = %s GOV %s %s..%s' % (c, ps, a.isoformat(), b.isoformat())) + ('   # acting' if acting else ''))
    out.append('')
  with open(OUTPUT, 'w', encoding='utf-8') as fh:
    fh.write('\n'.join(out).rstrip('\n') + '\n')

  # ---- add roles to existing records (after the record's last field line)
  by_file = {}
  for r in people:
    if r['id'] in additions:
      by_file.setdefault(r['file'], []).append(r)
  for path in sorted(file_text):
    lines = file_text[path].split('\n')
    for r in sorted(by_file.get(path, []), key=lambda r: -r['last']):
      new = ['role = %s GOV %s %s..%s   %s%s' % (c, ps, a.isoformat(), b.isoformat(), 'acting ' if acting else '', MARK)
             for c, ps, a, b, acting in additions[r['id']]]
      lines[r['last']:r['last']] = new
    text = '\n'.join(lines)
    with open(path, 'w', encoding='utf-8') as fh:
      fh.write(text)

  stats['new people'] = len(new_people)
  stats['existing people given roles'] = len(additions)
  stats['short names given'] = short_given
  stats['new names colliding with another phrase (no alias/short)'] = name_collisions
  lines = ['%s: %d' % (k, v) for k, v in sorted(stats.items())]
  if report:
    with open(report, 'w') as fh:
      fh.write('\n'.join(lines + [''] + log) + '\n')
  print('\n'.join(lines))
  return 0


if __name__ == '__main__':
  sys.exit(main(sys.argv))
