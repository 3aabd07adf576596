// RSS 2.0, RSS 1.0 (RDF) and Atom feeds with expat. Element names are matched by local name
// (namespace-aware parsing), so "content:encoded", "dc:date" and Atom's elements are found
// whatever prefix a feed uses. Each <item>/<entry> becomes a document: title, link (Atom:
// rel=alternate href), date (pubDate / published, else dc:date, else updated), text (the
// content / content:encoded, else description / summary, else the title) with HTML tags
// stripped and entities decoded by HtmlFragmentToText. HTML named entities that XML does not
// define (&nbsp;, &mdash; in sloppy feeds) are accepted: a foreign DTD is declared so expat
// reports them as skipped entities, and they are passed on to the HTML decoder as written.
#include <expat.h>

#include <string>
#include <vector>

#include "text/reader_internal.h"

namespace entente::text {
namespace {

using Level = Diagnostic::Level;

std::string_view LocalName(const XML_Char* name) {
  std::string_view s(name);
  size_t p = s.rfind('\x01');
  return p == std::string_view::npos ? s : s.substr(p + 1);
}

struct Item {
  std::string title, link, text_content, text_summary;
  std::string date_primary, date_dc, date_updated;
  int64_t line = 0;
};

class FeedParser {
 public:
  explicit FeedParser(InputContext* ctx) : ctx_(ctx) {}

  Status Parse(std::string_view data) {
    XML_Parser p = XML_ParserCreateNS(nullptr, '\x01');
    if (!p) return Status::Internal("cannot create an XML parser");
    parser_ = p;
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, &FeedParser::OnStart, &FeedParser::OnEnd);
    XML_SetCharacterDataHandler(p, &FeedParser::OnText);
    XML_SetSkippedEntityHandler(p, &FeedParser::OnSkippedEntity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE);
    XML_UseForeignDTD(p, XML_TRUE);
    XML_SetExternalEntityRefHandler(p, &FeedParser::OnExternalEntity);
    const XML_Status st = XML_Parse(p, data.data(), static_cast<int>(data.size()), XML_TRUE);
    if (!consume_status_.ok()) {
      XML_ParserFree(p);
      return consume_status_;
    }
    if (st == XML_STATUS_ERROR && !not_feed_) {
      ctx_->Report(Level::kError, XML_GetCurrentLineNumber(p), XML_GetCurrentByteIndex(p),
                   std::string("XML error: ") + XML_ErrorString(XML_GetErrorCode(p)) +
                       (items_ > 0 ? "; items before it were read" : ""));
      ++ctx_->stats->errors;
    }
    XML_ParserFree(p);
    if (not_feed_) {
      ctx_->Report(Level::kError, 1, -1,
                   "not an RSS or Atom feed (root element <" + root_name_ + ">)");
      ctx_->stats->rejected.push_back(ctx_->path);
    } else if (items_ == 0 && st != XML_STATUS_ERROR) {
      ctx_->Report(Level::kWarning, 0, -1, "feed has no items; no document");
    }
    return Status::OK();
  }

 private:
  static void OnStart(void* ud, const XML_Char* name, const XML_Char** attrs) {
    static_cast<FeedParser*>(ud)->Start(LocalName(name), attrs);
  }
  static void OnEnd(void* ud, const XML_Char* name) {
    static_cast<FeedParser*>(ud)->End(LocalName(name));
  }
  static void OnText(void* ud, const XML_Char* s, int len) {
    auto* self = static_cast<FeedParser*>(ud);
    if (self->capture_) self->capture_->append(s, static_cast<size_t>(len));
  }
  // The foreign DTD (and any external entity) is "read" as empty: nothing is ever loaded, but
  // expat then treats undeclared entities as skipped rather than as errors.
  static int OnExternalEntity(XML_Parser parser, const XML_Char* context, const XML_Char*,
                              const XML_Char*, const XML_Char*) {
    XML_Parser ext = XML_ExternalEntityParserCreate(parser, context, nullptr);
    if (!ext) return XML_STATUS_ERROR;
    const XML_Status st = XML_Parse(ext, "", 0, XML_TRUE);
    XML_ParserFree(ext);
    return st == XML_STATUS_ERROR ? XML_STATUS_ERROR : XML_STATUS_OK;
  }
  static void OnSkippedEntity(void* ud, const XML_Char* name, int is_parameter) {
    auto* self = static_cast<FeedParser*>(ud);
    if (!is_parameter && self->capture_) {
      self->capture_->push_back('&');
      self->capture_->append(name);
      self->capture_->push_back(';');
    }
  }

  void Start(std::string_view name, const XML_Char** attrs) {
    ++depth_;
    if (depth_ == 1) {
      root_name_ = std::string(name);
      if (name != "rss" && name != "feed" && name != "RDF") {
        not_feed_ = true;
        XML_StopParser(parser_, XML_FALSE);
      }
      atom_ = name == "feed";
    }
    if (capture_) {  // markup inside a captured field (Atom type="xhtml")
      capture_->append("<").append(name).append(">");
      return;
    }
    if (!in_item_) {
      if (name == "item" || name == "entry") {
        in_item_ = true;
        item_depth_ = depth_;
        item_ = Item();
        item_.line = XML_GetCurrentLineNumber(parser_);
      } else if (name == "title" && channel_title_.empty() && depth_ <= 3) {
        Capture(&channel_title_);
      }
      return;
    }
    if (depth_ != item_depth_ + 1) return;
    if (name == "title") {
      Capture(&item_.title);
    } else if (name == "link") {
      if (atom_) {
        std::string href, rel;
        for (int i = 0; attrs[i]; i += 2) {
          std::string_view k = LocalName(attrs[i]);
          if (k == "href") href = attrs[i + 1];
          if (k == "rel") rel = attrs[i + 1];
        }
        if ((rel.empty() || rel == "alternate") && item_.link.empty()) item_.link = href;
      } else if (item_.link.empty()) {
        Capture(&item_.link);
      }
    } else if (name == "pubDate" || name == "published" || name == "issued") {
      Capture(&item_.date_primary);
    } else if (name == "date") {
      Capture(&item_.date_dc);
    } else if (name == "updated" || name == "modified") {
      Capture(&item_.date_updated);
    } else if (name == "encoded" || name == "content") {
      Capture(&item_.text_content);
    } else if (name == "description" || name == "summary") {
      Capture(&item_.text_summary);
    }
  }

  void End(std::string_view name) {
    if (capture_ && depth_ > capture_depth_) {
      capture_->append("</").append(name).append(">");
    } else if (capture_ && depth_ == capture_depth_) {
      capture_ = nullptr;
    }
    if (in_item_ && depth_ == item_depth_) {
      in_item_ = false;
      FinishItem();
    }
    --depth_;
  }

  void Capture(std::string* field) {
    field->clear();
    capture_ = field;
    capture_depth_ = depth_;
  }

  void FinishItem() {
    if (!consume_status_.ok()) return;
    ++items_;
    Document doc;
    doc.id = ctx_->name + "#" + std::to_string(items_);
    doc.title = HtmlFragmentToText(item_.title);
    doc.url = HtmlFragmentToText(item_.link);
    doc.source = HtmlFragmentToText(channel_title_);
    doc.text = HtmlFragmentToText(item_.text_content);
    if (doc.text.empty()) doc.text = HtmlFragmentToText(item_.text_summary);
    if (doc.text.empty()) doc.text = doc.title;
    if (doc.text.empty()) {
      ctx_->Report(Level::kWarning, item_.line, -1, "item without title or text; no document");
      return;
    }
    for (const std::string* d : {&item_.date_primary, &item_.date_dc, &item_.date_updated}) {
      std::string v = HtmlFragmentToText(*d);
      if (v.empty()) continue;
      doc.date = Date::Parse(v);
      if (doc.date) break;
      ctx_->Report(Level::kWarning, item_.line, -1, "unrecognised date '" + v + "'");
    }
    Status st = ctx_->Emit(doc);
    if (!st.ok()) {
      consume_status_ = st;
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  InputContext* ctx_;
  XML_Parser parser_ = nullptr;
  int depth_ = 0;
  bool atom_ = false, not_feed_ = false, in_item_ = false;
  int item_depth_ = 0, capture_depth_ = 0;
  std::string* capture_ = nullptr;
  std::string root_name_, channel_title_;
  Item item_;
  int64_t items_ = 0;
  Status consume_status_;
};

}  // namespace

Status ReadFeed(std::string_view data, InputContext* ctx) {
  FeedParser parser(ctx);
  return parser.Parse(data);
}

}  // namespace entente::text
