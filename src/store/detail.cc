// The `detail` of a SQLite event (schema v3, table event_details): the fields no filter touches,
// packed into one JSON object so an event binds 20 values instead of 36 (docs/schema.md lists
// the keys). Written and read by hand rather than through a JSON library: this runs once per
// imported or read event and a general DOM costs several times more than the row itself.
//
// Writer: keys in a fixed order, default values (empty string, -1 sentence, [0,0] span, absent
// target/location) omitted; strings escaped as JSON requires (", \, control characters), other
// bytes copied unchanged so every std::string round-trips exactly; doubles in the shortest form
// that reads back to the same value (std::to_chars). Reader: a small recursive-descent JSON
// parser that accepts any valid JSON object (whitespace, \uXXXX escapes, keys in any order,
// unknown keys skipped), so a row written by SQLite's json_object() or by hand also reads.
#include <cctype>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "store/store_internal.h"

namespace entente::store_internal {
namespace {

// Index of the first byte at or after `i` that JSON requires to be escaped (a control
// character, '"' or '\\'), or s.size(). Checks 16 bytes at a time with SSE2.
size_t NextToEscape(std::string_view s, size_t i) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Control characters: unsigned v < 0x20, i.e. max(v, 0x20) != v.
    __m128i ctrl = _mm_xor_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, space), v), _mm_set1_epi8(-1));
    __m128i hit = _mm_or_si128(ctrl, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

void AppendEscaped(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = NextToEscape(s, 0); i < s.size(); i = NextToEscape(s, i + 1)) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(u, 6);
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendDouble(double v, std::string* out) {
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact round trip
  out->append(buf, r.ptr);
}

// Appends `,"key":` (the comma unless first in the object).
void Key(std::string_view key, bool* first, std::string* out) {
  char buf[40];  // keys are short literals
  size_t n = 0;
  if (!*first) buf[n++] = ',';
  *first = false;
  buf[n++] = '"';
  std::memcpy(buf + n, key.data(), key.size());
  n += key.size();
  buf[n++] = '"';
  buf[n++] = ':';
  out->append(buf, n);
}

void Str(const char* key, std::string_view v, bool* first, std::string* out) {
  if (v.empty()) return;
  Key(key, first, out);
  AppendEscaped(v, out);
}

void SpanField(const char* key, const Span& s, bool* first, std::string* out) {
  if (s.begin == 0 && s.end == 0) return;
  Key(key, first, out);
  out->push_back('[');
  AppendInt(s.begin, out);
  out->push_back(',');
  AppendInt(s.end, out);
  out->push_back(']');
}

// {"sector":..,"text":..,"span":[b,e]}: the actor fields that are not columns.
void ActorDetail(const char* key, const ActorRef& a, bool* first, std::string* out) {
  if (a.sector.empty() && a.text.empty() && a.span.begin == 0 && a.span.end == 0) return;
  Key(key, first, out);
  out->push_back('{');
  bool f = true;
  Str("sector", a.sector, &f, out);
  Str("text", a.text, &f, out);
  SpanField("span", a.span, &f, out);
  out->push_back('}');
}

// ---- reader ----------------------------------------------------------------------------

class Parser {
 public:
  explicit Parser(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  bool ok() const { return ok_; }
  bool Fail() { return ok_ = false; }

  void Ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }
  bool Eat(char c) {
    Ws();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    Ws();
    return p_ == end_;
  }
  // Next non-blank character, without consuming it (0 at the end).
  char Peek() {
    Ws();
    return p_ < end_ ? *p_ : 0;
  }

  // Calls on_key(key) for each member of an object; on_key must consume the value.
  template <class F>
  bool Object(F&& on_key) {
    if (!Eat('{')) return Fail();
    if (Eat('}')) return true;
    std::string key;
    do {
      if (!String(&key) || !Eat(':')) return Fail();
      if (!on_key(key) || !ok_) return Fail();
    } while (Eat(','));
    return Eat('}') || Fail();
  }

  bool String(std::string* out) {
    out->clear();
    if (!Eat('"')) return Fail();
    const char* run = p_;
    while (p_ < end_) {
      char c = *p_;
      if (c == '"') {
        out->append(run, p_ - run);
        ++p_;
        return true;
      }
      if (c != '\\') {
        ++p_;
        continue;
      }
      out->append(run, p_ - run);
      if (++p_ >= end_) return Fail();
      char e = *p_++;
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(&cp)) return Fail();
          if (cp >= 0xd800 && cp < 0xdc00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
            p_ += 2;
            uint32_t lo;
            if (!Hex4(&lo) || lo < 0xdc00 || lo >= 0xe000) return Fail();
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default: return Fail();
      }
      run = p_;
    }
    return Fail();  // unterminated
  }

  bool Int(int64_t* v) {
    Ws();
    auto r = std::from_chars(p_, end_, *v);
    if (r.ec != std::errc()) return Fail();
    p_ = r.ptr;
    return true;
  }
  bool Double(double* v) {
    Ws();
    auto r = std::from_chars(p_, end_, *v);
    if (r.ec != std::errc()) return Fail();
    p_ = r.ptr;
    return true;
  }
  bool SpanValue(Span* s) {
    int64_t b, e;
    if (!Eat('[') || !Int(&b) || !Eat(',') || !Int(&e) || !Eat(']')) return Fail();
    *s = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    return true;
  }
  // `null` (true, consumed) or anything else (false, untouched).
  bool Null() {
    Ws();
    if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
      p_ += 4;
      return true;
    }
    return false;
  }
  // A string, or null as "".
  bool StringOrNull(std::string* out) {
    if (Null()) {
      out->clear();
      return true;
    }
    return String(out);
  }

  // Skips any JSON value.
  bool Skip(int depth = 0) {
    if (depth > 64) return Fail();
    char c = Peek();
    if (c == '"') {
      std::string tmp;
      return String(&tmp);
    }
    if (c == '{') return Object([&](const std::string&) { return Skip(depth + 1); });
    if (c == '[') {
      ++p_;
      if (Eat(']')) return true;
      do {
        if (!Skip(depth + 1)) return false;
      } while (Eat(','));
      return Eat(']') || Fail();
    }
    // number, true, false, null
    const char* start = p_;
    while (p_ < end_ && (std::isalnum(static_cast<unsigned char>(*p_)) || *p_ == '-' || *p_ == '+' ||
                         *p_ == '.'))
      ++p_;
    return p_ > start || Fail();
  }

 private:
  bool Hex4(uint32_t* cp) {
    if (end_ - p_ < 4) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return false;
    }
    *cp = v;
    return true;
  }
  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }

  const char* p_;
  const char* end_;
  bool ok_ = true;
};

bool ParseActor(Parser& p, ActorRef* a) {
  return p.Object([&](const std::string& k) {
    if (k == "sector") return p.StringOrNull(&a->sector);
    if (k == "text") return p.StringOrNull(&a->text);
    if (k == "span") return p.Null() || p.SpanValue(&a->span);
    return p.Skip();
  });
}

bool ParseWhy(Parser& p, Provenance* w) {
  return p.Object([&](const std::string& k) {
    if (k == "verb") return p.Null() || p.SpanValue(&w->verb);
    if (k == "pattern") return p.StringOrNull(&w->pattern);
    if (k == "entries") {
      if (p.Null()) return true;
      if (!p.Eat('[')) return p.Fail();
      if (p.Eat(']')) return true;
      do {
        w->entries.emplace_back();
        if (!p.String(&w->entries.back())) return false;
      } while (p.Eat(','));
      return p.Eat(']') || p.Fail();
    }
    if (k == "modality_cue") return p.StringOrNull(&w->modality_cue);
    if (k == "date_cue") return p.StringOrNull(&w->date_cue);
    if (k == "speaker") return p.StringOrNull(&w->speaker);
    if (k == "note") return p.StringOrNull(&w->note);
    return p.Skip();
  });
}

}  // namespace

void AppendEventDetail(const Event& e, std::string* out) {
  out->push_back('{');
  bool first = true;
  if (e.sentence != -1) {
    Key("sentence", &first, out);
    AppendInt(e.sentence, out);
  }
  SpanField("sentence_span", e.sentence_span, &first, out);
  Str("doc_date", e.doc_date, &first, out);
  ActorDetail("source", e.source, &first, out);
  if (e.target) ActorDetail("target", *e.target, &first, out);
  if (e.location) {
    Key("location", &first, out);
    out->push_back('{');
    bool f = true;
    Key("name", &f, out);  // always present: marks the location
    AppendEscaped(e.location->name, out);
    Str("country", e.location->country, &f, out);
    Key("lat", &f, out);
    AppendDouble(e.location->lat, out);
    Key("lon", &f, out);
    AppendDouble(e.location->lon, out);
    SpanField("span", e.location->span, &f, out);
    Str("kind", e.location->kind, &f, out);
    out->push_back('}');
  }
  Str("text", e.text, &first, out);
  const Provenance& w = e.why;
  if (!(w.verb.begin == 0 && w.verb.end == 0 && w.pattern.empty() && w.entries.empty() &&
        w.modality_cue.empty() && w.date_cue.empty() && w.speaker.empty() && w.note.empty())) {
    Key("why", &first, out);
    out->push_back('{');
    bool f = true;
    SpanField("verb", w.verb, &f, out);
    Str("pattern", w.pattern, &f, out);
    if (!w.entries.empty()) {
      Key("entries", &f, out);
      out->push_back('[');
      for (size_t i = 0; i < w.entries.size(); ++i) {
        if (i) out->push_back(',');
        AppendEscaped(w.entries[i], out);
      }
      out->push_back(']');
    }
    Str("modality_cue", w.modality_cue, &f, out);
    Str("date_cue", w.date_cue, &f, out);
    Str("speaker", w.speaker, &f, out);
    Str("note", w.note, &f, out);
    out->push_back('}');
  }
  out->push_back('}');
}

bool ParseEventDetail(std::string_view json, Event* e) {
  Parser p(json);
  ActorRef target_detail;
  bool ok = p.Object([&](const std::string& k) {
    if (k == "sentence") {
      int64_t v;
      if (!p.Int(&v)) return false;
      e->sentence = static_cast<int>(v);
      return true;
    }
    if (k == "sentence_span") return p.Null() || p.SpanValue(&e->sentence_span);
    if (k == "doc_date") return p.StringOrNull(&e->doc_date);
    if (k == "source") return p.Null() || ParseActor(p, &e->source);
    if (k == "target") return p.Null() || ParseActor(p, &target_detail);
    if (k == "location") {
      if (p.Null()) return true;
      Location l;
      bool r = p.Object([&](const std::string& lk) {
        if (lk == "name") return p.StringOrNull(&l.name);
        if (lk == "country") return p.StringOrNull(&l.country);
        if (lk == "lat") return p.Double(&l.lat);
        if (lk == "lon") return p.Double(&l.lon);
        if (lk == "span") return p.Null() || p.SpanValue(&l.span);
        if (lk == "kind") return p.StringOrNull(&l.kind);
        return p.Skip();
      });
      if (r) e->location = std::move(l);
      return r;
    }
    if (k == "text") return p.StringOrNull(&e->text);
    if (k == "why") return p.Null() || ParseWhy(p, &e->why);
    return p.Skip();
  });
  if (e->target) {
    e->target->sector = std::move(target_detail.sector);
    e->target->text = std::move(target_detail.text);
    e->target->span = target_detail.span;
  }
  return ok && p.ok() && p.AtEnd();
}

}  // namespace entente::store_internal
