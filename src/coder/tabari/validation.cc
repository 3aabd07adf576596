// Expat-driven reader: element handlers keep the current record and collect character data
// for <Text>, <Parse> and the <Environment> children.
#include "coder/tabari/validation.h"

#include <expat.h>

#include <cctype>
#include <cstring>

namespace entente::tabari {

namespace {

struct State {
  XML_Parser parser = nullptr;
  std::string file;
  std::vector<Problem>* problems = nullptr;
  ValidationSuite suite;
  std::map<std::string, std::string> config;
  bool in_env = false;
  bool in_record = false;
  ValidationRecord rec;
  std::string text;  // character data of the element being collected
  bool collecting = false;
  std::string error;
};

std::string Attr(const XML_Char** atts, const char* name) {
  for (int i = 0; atts[i]; i += 2)
    if (std::strcmp(atts[i], name) == 0) return atts[i + 1];
  return "";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void XMLCALL Start(void* data, const XML_Char* name, const XML_Char** atts) {
  auto* st = static_cast<State*>(data);
  std::string n = name;
  int line = static_cast<int>(XML_GetCurrentLineNumber(st->parser));
  if (n == "Environment") {
    st->in_env = true;
  } else if (n == "Config") {
    std::string opt = Lower(Attr(atts, "option")), val = Lower(Attr(atts, "value"));
    if (opt.empty()) {
      st->problems->push_back({st->file, line, "<Config> without option"});
    } else {
      st->config[opt] = val;
    }
  } else if (n == "Sentence") {
    st->in_record = true;
    st->rec = ValidationRecord();
    st->rec.line = line;
    st->rec.id = Attr(atts, "id");
    st->rec.category = Attr(atts, "category");
    st->rec.config = st->config;
    std::string date = Attr(atts, "date");
    auto d = ParseDictDate(date);
    if (d) {
      st->rec.date = *d;
    } else {
      st->problems->push_back({st->file, line, "bad date '" + date + "' in <Sentence>"});
    }
    if (st->rec.id.empty()) {
      st->error = st->file + ":" + std::to_string(line) + ": <Sentence> without id";
      XML_StopParser(st->parser, XML_FALSE);
    }
  } else if (n == "EventCoding" && st->in_record) {
    std::string noev = Lower(Attr(atts, "noevents"));
    std::string err = Attr(atts, "error");
    if (noev == "true") {
      st->rec.noevents = true;
    } else if (!err.empty()) {
      st->rec.error = err;
    } else {
      GoldCoding g{Attr(atts, "sourcecode"), Attr(atts, "targetcode"), Attr(atts, "eventcode")};
      if (g.code.empty()) {
        st->problems->push_back({st->file, line, "<EventCoding> without eventcode in " + st->rec.id});
      } else {
        st->rec.gold.push_back(g);
      }
    }
  }
  if (n == "Text" || n == "Parse" || (st->in_env && n != "Environment" && n != "Config")) {
    st->collecting = true;
    st->text.clear();
  }
}

void XMLCALL End(void* data, const XML_Char* name) {
  auto* st = static_cast<State*>(data);
  std::string n = name;
  if (n == "Environment") {
    st->in_env = false;
  } else if (st->in_env && st->collecting) {
    st->suite.environment[n] = Collapse(st->text);
  } else if (n == "Text" && st->in_record) {
    st->rec.text = Collapse(st->text);
  } else if (n == "Parse" && st->in_record) {
    st->rec.parse = st->text;
  } else if (n == "Sentence" && st->in_record) {
    st->suite.records.push_back(std::move(st->rec));
    st->in_record = false;
  }
  st->collecting = false;
}

void XMLCALL Chars(void* data, const XML_Char* s, int len) {
  auto* st = static_cast<State*>(data);
  if (st->collecting) st->text.append(s, static_cast<size_t>(len));
}

}  // namespace

Result<ValidationSuite> ReadValidationXml(std::string_view xml, const std::string& file,
                                          std::vector<Problem>* problems) {
  State st;
  st.file = file;
  st.problems = problems;
  st.parser = XML_ParserCreate(nullptr);
  if (st.parser == nullptr) return Status::Internal("cannot create XML parser");
  XML_SetUserData(st.parser, &st);
  XML_SetElementHandler(st.parser, Start, End);
  XML_SetCharacterDataHandler(st.parser, Chars);
  XML_Status ok = XML_Parse(st.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  std::string err;
  if (!st.error.empty()) {
    err = st.error;
  } else if (ok != XML_STATUS_OK) {
    err = file + ":" + std::to_string(XML_GetCurrentLineNumber(st.parser)) + ": " +
          XML_ErrorString(XML_GetErrorCode(st.parser));
  }
  XML_ParserFree(st.parser);
  if (!err.empty()) return Status::InvalidArgument(err);
  return std::move(st.suite);
}

}  // namespace entente::tabari
