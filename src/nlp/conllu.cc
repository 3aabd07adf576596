#include "nlp/conllu.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace entente::nlp {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      cols.push_back(line.substr(start));
      return cols;
    }
    cols.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool ParseInt(std::string_view s, int* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string Field(std::string_view s) { return std::string(s); }

}  // namespace

Result<std::vector<ConlluSentence>> ReadConllu(std::istream& in, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  std::vector<int> raw_heads;
  std::vector<int> head_lines;
  bool in_sentence = false;
  std::string line;
  int lineno = 0;
  auto err = [&](int ln, const std::string& msg) {
    return Status::InvalidArgument(name + ":" + std::to_string(ln) + ": " + msg);
  };
  auto finish = [&]() -> Status {
    if (!in_sentence) return Status::OK();
    if (cur.words.empty()) return err(cur.line, "sentence has no words");
    int n = static_cast<int>(cur.words.size());
    for (int i = 0; i < n; ++i) {
      if (!cur.words[i].has_head) continue;
      if (raw_heads[i] > n)
        return err(head_lines[i], "HEAD " + std::to_string(raw_heads[i]) +
                                      " is beyond the last word (" + std::to_string(n) + ")");
      cur.words[i].head = raw_heads[i] - 1;
    }
    for (const ConlluMultiword& m : cur.multiwords)
      if (m.last >= n) return err(cur.line, "multiword token range beyond the last word");
    out.push_back(std::move(cur));
    cur = ConlluSentence();
    raw_heads.clear();
    head_lines.clear();
    in_sentence = false;
    return Status::OK();
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      ENTENTE_RETURN_IF_ERROR(finish());
      continue;
    }
    if (!in_sentence) {
      in_sentence = true;
      cur.line = lineno;
    }
    if (line[0] == '#') {
      std::string_view c(line);
      c.remove_prefix(1);
      if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
      cur.comments.emplace_back(c);
      continue;
    }
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() != 10)
      return err(lineno, "expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    std::string_view id = cols[0];
    size_t dash = id.find('-');
    size_t dot = id.find('.');
    if (dash != std::string_view::npos) {
      int a = 0, b = 0;
      if (!ParseInt(id.substr(0, dash), &a) || !ParseInt(id.substr(dash + 1), &b) || a < 1 || b < a)
        return err(lineno, "malformed multiword token id '" + std::string(id) + "'");
      if (a != static_cast<int>(cur.words.size()) + 1)
        return err(lineno, "multiword token '" + std::string(id) + "' does not start at the next word");
      cur.multiwords.push_back({a - 1, b - 1, Field(cols[1]), Field(cols[9])});
      continue;
    }
    if (dot != std::string_view::npos) {
      int a = 0, b = 0;
      if (!ParseInt(id.substr(0, dot), &a) || !ParseInt(id.substr(dot + 1), &b) || a < 0 || b < 1)
        return err(lineno, "malformed empty node id '" + std::string(id) + "'");
      ++cur.empty_nodes;
      continue;
    }
    int n = 0;
    if (!ParseInt(id, &n)) return err(lineno, "malformed word id '" + std::string(id) + "'");
    if (n != static_cast<int>(cur.words.size()) + 1)
      return err(lineno, "word id " + std::to_string(n) + " out of sequence (expected " +
                             std::to_string(cur.words.size() + 1) + ")");
    if (cols[1].empty()) return err(lineno, "empty FORM");
    ConlluWord w;
    w.form = Field(cols[1]);
    w.lemma = Field(cols[2]);
    w.upos = Field(cols[3]);
    w.xpos = Field(cols[4]);
    w.feats = Field(cols[5]);
    w.deprel = Field(cols[7]);
    w.deps = Field(cols[8]);
    w.misc = Field(cols[9]);
    int head = 0;
    if (cols[6] == "_") {
      w.has_head = false;
    } else if (!ParseInt(cols[6], &head) || head < 0) {
      return err(lineno, "malformed HEAD '" + std::string(cols[6]) + "'");
    } else if (head == n) {
      return err(lineno, "word " + std::to_string(n) + " is its own head");
    }
    raw_heads.push_back(head);
    head_lines.push_back(lineno);
    cur.words.push_back(std::move(w));
  }
  if (in.bad()) return Status::IOError(name + ": read error");
  ENTENTE_RETURN_IF_ERROR(finish());
  return out;
}

Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  return ReadConllu(in, path);
}

Document SentencesToDocument(const std::vector<ConlluSentence>& sentences) {
  Document doc;
  for (const ConlluSentence& s : sentences) {
    if (!doc.text.empty()) doc.text += '\n';
    Sentence sent;
    sent.first_token = static_cast<uint32_t>(doc.tokens.size());
    sent.span.begin = static_cast<uint32_t>(doc.text.size());
    for (size_t i = 0; i < s.words.size(); ++i) {
      if (i > 0) doc.text += ' ';
      Token t;
      t.span.begin = static_cast<uint32_t>(doc.text.size());
      doc.text += s.words[i].form;
      t.span.end = static_cast<uint32_t>(doc.text.size());
      t.flags = Token::kSpaceBefore;
      doc.tokens.push_back(std::move(t));
    }
    sent.span.end = static_cast<uint32_t>(doc.text.size());
    sent.end_token = static_cast<uint32_t>(doc.tokens.size());
    doc.sentences.push_back(sent);
  }
  return doc;
}

Status WriteConllu(const Document& doc, std::ostream& out) {
  auto field = [](const std::string& s) -> std::string_view {
    return s.empty() ? std::string_view("_") : std::string_view(s);
  };
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    out << "# sent_id = " << (doc.id.empty() ? "s" : doc.id) << '-' << (si + 1) << '\n';
    std::string text(doc.Text(s.span));
    for (char& c : text)
      if (c == '\n' || c == '\r') c = ' ';
    out << "# text = " << text << '\n';
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      std::string form(doc.TokenText(i));
      for (char& c : form)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
      std::string misc;
      if (i + 1 < s.end_token && doc.tokens[i + 1].span.begin == t.span.end) misc = "SpaceAfter=No";
      if (!t.ner.empty() && t.ner != "O") misc += (misc.empty() ? "" : "|") + ("NER=" + t.ner);
      out << (i - s.first_token + 1) << '\t' << field(form) << '\t' << field(t.lemma) << '\t'
          << field(t.upos) << '\t' << field(t.xpos) << "\t_\t";
      if (t.deprel.empty() && t.head < 0) out << '_';
      else out << (t.head + 1);
      out << '\t' << field(t.deprel) << "\t_\t" << field(misc) << '\n';
    }
    out << '\n';
  }
  if (!out) return Status::IOError("write failed while writing CoNLL-U");
  return Status::OK();
}

}  // namespace entente::nlp
