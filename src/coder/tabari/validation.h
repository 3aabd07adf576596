// The PETRARCH validation-suite XML (PETR.UnitTest.records.xml): an <Environment> naming the
// dictionaries, then <Sentences> holding <Sentence date id category> records with gold
// <EventCoding sourcecode targetcode eventcode> (or noevents="True" / error="..."), <Text> and
// a Treebank <Parse>. <Config option value> elements between records change coder options for
// the records that follow.
#ifndef ENTENTE_CODER_TABARI_VALIDATION_H_
#define ENTENTE_CODER_TABARI_VALIDATION_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "coder/tabari/dictionaries.h"
#include "entente/status.h"

namespace entente::tabari {

struct GoldCoding {
  std::string source, target, code;
};

struct ValidationRecord {
  std::string id;
  std::string category;
  DateNum date = 0;
  std::string text;   // whitespace collapsed
  std::string parse;  // as written
  std::vector<GoldCoding> gold;
  bool noevents = false;
  std::string error;  // "bad_input_parse", "storydiscard", ... (empty when none)
  std::map<std::string, std::string> config;  // options in force (lower-case names and values)
  int line = 0;
};

struct ValidationSuite {
  std::map<std::string, std::string> environment;  // "Verbfile" -> "PETR.Validate.verbs.txt"
  std::vector<ValidationRecord> records;
};

// Parses the XML. InvalidArgument "file:line: reason" when it is not well-formed XML or a
// <Sentence> lacks an id; records with a bad date are kept with date 0 and reported in
// `problems`.
Result<ValidationSuite> ReadValidationXml(std::string_view xml, const std::string& file,
                                          std::vector<Problem>* problems);

}  // namespace entente::tabari

#endif  // ENTENTE_CODER_TABARI_VALIDATION_H_
