// Article extraction from saved news pages, with gumbo's HTML5 parser.
//
// Metadata comes from one walk over the whole tree: title from og:title, else <title>, else the
// first <h1>; the publication date from the first parseable of the usual meta tags
// (article:published_time, og:published_time, datePublished, date, pubdate, dc.date,
// parsely-pub-date, ...), then JSON-LD "datePublished", then the first <time datetime>; the URL
// from <link rel=canonical> or og:url; the source from og:site_name.
//
// The body comes from a content root: the <article> with the most paragraph text, else <main>
// (or role=main), else the element that directly holds the most <p> text, else <body>. Inside
// the root, nav, script, style, header, footer, aside, form, menus, figures and elements whose
// class/id/role name boilerplate ("share", "related", "newsletter", ...) are skipped, and only
// text inside paragraph-like elements (p, h2-h6, li, blockquote, pre, dd) is kept when the root
// has any; each becomes a paragraph, and paragraphs are joined with blank lines.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/reader_internal.h"

namespace entente::text {
namespace {

constexpr int kMaxDepth = 400;  // deeper nesting is ignored (pathological pages)

const char* Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MENU: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_MATH: case GUMBO_TAG_INPUT:
      return true;
    default:
      return false;
  }
}

// class, id or role naming page furniture rather than story text.
bool IsBoilerplate(const GumboNode* n) {
  static const char* kWords[] = {
      "nav",       "navbar",   "navigation", "menu",     "share",     "sharing",  "social",
      "related",   "comment",  "comments",   "advert",   "ad",        "ads",      "advertisement",
      "promo",     "newsletter", "cookie",   "cookies",  "subscribe", "breadcrumb", "breadcrumbs",
      "sidebar",   "footer",   "popup",      "modal",    "masthead",
  };
  static const char* kRoles[] = {"navigation", "banner", "contentinfo", "complementary", "menu",
                                 "menubar", "search", "dialog"};
  if (const char* role = Attr(n, "role")) {
    std::string r = Lower(role);
    for (const char* k : kRoles)
      if (r == k) return true;
  }
  if (const char* hidden = Attr(n, "aria-hidden"); hidden && Lower(hidden) == "true") return true;
  for (const char* attr : {"class", "id"}) {
    const char* v = Attr(n, attr);
    if (!v) continue;
    std::string s = Lower(v);
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
      size_t j = i;
      while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
      if (j > i) {
        std::string_view w(s.data() + i, j - i);
        for (const char* k : kWords)
          if (w == k) return true;
      }
      i = j;
    }
  }
  return false;
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsContentTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD:
      return true;
    default:
      return false;
  }
}

// Collects paragraphs: white space collapsed, block elements as paragraph boundaries.
class TextCollector {
 public:
  explicit TextCollector(bool content_only) : content_only_(content_only) {}

  void Walk(const GumboNode* n, bool in_content, int depth) {
    if (depth > kMaxDepth) return;
    switch (n->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
        if (in_content || !content_only_) Add(n->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE: break;
      default: return;
    }
    const GumboTag tag = n->v.element.tag;
    if (depth > 0 && (IsSkippedTag(tag) || IsBoilerplate(n))) return;  // never the root itself
    if (tag == GUMBO_TAG_H1 && content_only_) return;  // the title, kept apart
    if (tag == GUMBO_TAG_BR) {
      Flush();
      return;
    }
    const bool block = IsBlock(tag);
    if (block) Flush();
    const bool content = in_content || IsContentTag(tag);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      Walk(static_cast<const GumboNode*>(kids.data[i]), content, depth + 1);
    if (block) Flush();
  }

  std::string Finish() {
    Flush();
    return std::move(out_);
  }

 private:
  void Add(const char* s) {
    for (; *s; ++s) {
      const unsigned char c = static_cast<unsigned char>(*s);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        space_ = true;
        continue;
      }
      if (space_ && !para_.empty()) para_.push_back(' ');
      space_ = false;
      para_.push_back(static_cast<char>(c));
    }
  }
  void Flush() {
    space_ = false;
    if (para_.empty()) return;
    if (!out_.empty()) out_ += "\n\n";
    out_ += para_;
    para_.clear();
  }
  bool content_only_;
  bool space_ = false;
  std::string para_, out_;
};

std::string NodeText(const GumboNode* n) {
  TextCollector c(false);
  c.Walk(n, true, 0);
  std::string s = c.Finish();
  for (char& ch : s)
    if (ch == '\n') ch = ' ';
  return s;
}

void FindDatePublished(const nlohmann::json& j, std::string* out, int depth = 0) {
  if (!out->empty() || depth > 20) return;
  if (j.is_object()) {
    auto it = j.find("datePublished");
    if (it != j.end() && it->is_string()) {
      *out = it->get<std::string>();
      return;
    }
    for (const auto& [k, v] : j.items()) FindDatePublished(v, out, depth + 1);
  } else if (j.is_array()) {
    for (const auto& v : j) FindDatePublished(v, out, depth + 1);
  }
}

// Everything the metadata walk finds.
struct PageFacts {
  std::vector<std::pair<int, std::string>> meta_dates;  // (priority, value)
  std::string og_title, title, h1, canonical, og_url, site_name, ld_date, time_date;
  std::vector<const GumboNode*> articles, mains, paragraphs;
  const GumboNode* body = nullptr;
};

int MetaDatePriority(const std::string& key) {
  static const char* kKeys[] = {
      "article:published_time", "og:published_time", "og:article:published_time",
      "datepublished",          "article.published", "date",
      "pubdate",                "publishdate",       "publish-date",
      "dc.date",                "dc.date.issued",    "dcterms.created",
      "dcterms.date",           "parsely-pub-date",  "sailthru.date",
      "publication_date",       "citation_publication_date",
  };
  for (size_t i = 0; i < std::size(kKeys); ++i)
    if (key == kKeys[i]) return static_cast<int>(i);
  return -1;
}

void Survey(const GumboNode* n, PageFacts* f, int depth) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  const GumboTag tag = n->v.element.tag;
  switch (tag) {
    case GUMBO_TAG_META: {
      const char* key = Attr(n, "property");
      if (!key) key = Attr(n, "name");
      if (!key) key = Attr(n, "itemprop");
      const char* content = Attr(n, "content");
      if (!content) content = Attr(n, "datetime");
      if (key && content) {
        std::string k = Lower(key);
        if (k == "og:title" && f->og_title.empty()) f->og_title = content;
        if (k == "og:url" && f->og_url.empty()) f->og_url = content;
        if (k == "og:site_name" && f->site_name.empty()) f->site_name = content;
        if (int p = MetaDatePriority(k); p >= 0) f->meta_dates.emplace_back(p, content);
      }
      break;
    }
    case GUMBO_TAG_LINK:
      if (const char* rel = Attr(n, "rel"); rel && Lower(rel) == "canonical" && f->canonical.empty())
        if (const char* href = Attr(n, "href")) f->canonical = href;
      break;
    case GUMBO_TAG_TITLE:
      if (f->title.empty()) f->title = NodeText(n);
      break;
    case GUMBO_TAG_H1:
      if (f->h1.empty()) f->h1 = NodeText(n);
      break;
    case GUMBO_TAG_TIME:
      if (const char* dt = Attr(n, "datetime"); dt && f->time_date.empty()) f->time_date = dt;
      break;
    case GUMBO_TAG_SCRIPT:
      if (const char* type = Attr(n, "type"); type && Lower(type) == "application/ld+json" &&
                                              f->ld_date.empty() && n->v.element.children.length) {
        const GumboNode* t = static_cast<const GumboNode*>(n->v.element.children.data[0]);
        if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA) {
          nlohmann::json j = nlohmann::json::parse(t->v.text.text, nullptr, false);
          if (!j.is_discarded()) FindDatePublished(j, &f->ld_date);
        }
      }
      return;
    case GUMBO_TAG_ARTICLE: f->articles.push_back(n); break;
    case GUMBO_TAG_MAIN: f->mains.push_back(n); break;
    case GUMBO_TAG_P: f->paragraphs.push_back(n); break;
    case GUMBO_TAG_BODY: f->body = n; break;
    default:
      if (const char* role = Attr(n, "role"); role && Lower(role) == "main") f->mains.push_back(n);
      break;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    Survey(static_cast<const GumboNode*>(kids.data[i]), f, depth + 1);
}

bool Contains(const GumboNode* ancestor, const GumboNode* n) {
  for (; n; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

std::string Trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

HtmlArticle ExtractHtml(std::string_view html) {
  HtmlArticle a;
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  PageFacts f;
  Survey(out->root, &f, 0);

  a.title = Trimmed(!f.og_title.empty() ? f.og_title : !f.title.empty() ? f.title : f.h1);
  a.url = !f.canonical.empty() ? f.canonical : f.og_url;
  a.source = f.site_name;
  std::stable_sort(f.meta_dates.begin(), f.meta_dates.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [p, v] : f.meta_dates)
    if ((a.date = Date::Parse(v))) break;
  if (!a.date && !f.ld_date.empty()) a.date = Date::Parse(f.ld_date);
  if (!a.date && !f.time_date.empty()) a.date = Date::Parse(f.time_date);

  // The content root.
  std::vector<size_t> ptext(f.paragraphs.size());
  for (size_t i = 0; i < f.paragraphs.size(); ++i) ptext[i] = NodeText(f.paragraphs[i]).size();
  auto ptext_in = [&](const GumboNode* root) {
    size_t total = 0;
    for (size_t i = 0; i < f.paragraphs.size(); ++i)
      if (Contains(root, f.paragraphs[i])) total += ptext[i];
    return total;
  };
  const GumboNode* root = nullptr;
  size_t best = 0;
  for (const GumboNode* art : f.articles) {
    size_t t = ptext_in(art);
    if (!root || t > best) {
      root = art;
      best = t;
    }
  }
  if (!root && !f.mains.empty()) root = f.mains.front();
  if (!root && !f.paragraphs.empty()) {
    std::vector<std::pair<const GumboNode*, size_t>> parents;
    for (size_t i = 0; i < f.paragraphs.size(); ++i) {
      const GumboNode* p = f.paragraphs[i]->parent;
      auto it = std::find_if(parents.begin(), parents.end(), [&](auto& x) { return x.first == p; });
      if (it == parents.end()) {
        parents.emplace_back(p, ptext[i]);
      } else {
        it->second += ptext[i];
      }
    }
    auto top = std::max_element(parents.begin(), parents.end(),
                                [](auto& x, auto& y) { return x.second < y.second; });
    if (top != parents.end() && top->second > 0) root = top->first;
  }
  if (!root) root = f.body ? f.body : out->root;
  const bool has_paragraphs = ptext_in(root) > 0;
  TextCollector c(has_paragraphs);
  c.Walk(root, false, 0);
  a.text = c.Finish();
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return a;
}

std::string HtmlFragmentToText(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) {
    // Plain text: only collapse white space, keeping blank lines as paragraph breaks.
    std::string out;
    size_t newlines = 0;
    bool space = false;
    for (char c : html) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
        if (c == '\n') ++newlines;
        space = true;
        continue;
      }
      if (space && !out.empty()) out += newlines >= 2 ? "\n\n" : " ";
      space = false;
      newlines = 0;
      out.push_back(c);
    }
    return out;
  }
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  TextCollector c(false);
  c.Walk(out->root, true, 0);
  std::string text = c.Finish();
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return text;
}

}  // namespace entente::text
