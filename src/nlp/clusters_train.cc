#include "nlp/clusters_train.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "nlp/conllu.h"
#include "nlp/model_format.h"

namespace entente::nlp {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// WordAtoms::norm's string: ASCII lower case, digits -> '0'.
std::string Norm(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9') c = '0';
  }
  return s;
}

// Calls `fn` with every line of a (possibly gzip-compressed) file.
Status ForEachLine(const std::string& path, bool gz,
                   const std::function<Status(std::string_view, int64_t)>& fn) {
  if (!gz) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open");
    std::string line;
    int64_t n = 0;
    while (std::getline(in, line)) ENTENTE_RETURN_IF_ERROR(fn(line, ++n));
    return Status::OK();
  }
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::NotFound(path + ": cannot open");
  std::string pending;
  std::vector<char> buf(1 << 20);
  int64_t n = 0;
  Status st;
  while (st.ok()) {
    int got = gzread(f, buf.data(), static_cast<unsigned>(buf.size()));
    if (got < 0) {
      st = Status::Corruption(path + ": gzip read error");
      break;
    }
    if (got == 0) break;
    pending.append(buf.data(), static_cast<size_t>(got));
    size_t start = 0, nl;
    while (st.ok() && (nl = pending.find('\n', start)) != std::string::npos) {
      st = fn(std::string_view(pending).substr(start, nl - start), ++n);
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  if (st.ok() && !pending.empty()) st = fn(pending, ++n);
  gzclose(f);
  return st;
}

// Calls `fn` with every token sequence of a text file, normalised (Norm) when `normalise`,
// else as written.
Status ForEachSequence(const std::string& path,
                       const std::function<void(const std::vector<std::string>&)>& fn,
                       bool normalise = true) {
  std::vector<std::string> tokens;
  if (EndsWith(path, ".conllu")) {
    auto r = ReadConlluFile(path);
    if (!r.ok()) return r.status();
    for (const ConlluSentence& s : r.value()) {
      tokens.clear();
      for (const ConlluWord& w : s.words) tokens.push_back(normalise ? Norm(w.form) : w.form);
      fn(tokens);
    }
    return Status::OK();
  }
  const bool json = EndsWith(path, ".jsonl.gz") || EndsWith(path, ".jsonl");
  auto each_text_line = [&](std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      SplitRawText(text.substr(start, nl - start), &tokens);
      if (normalise)
        for (std::string& t : tokens) t = Norm(t);
      if (!tokens.empty()) fn(tokens);
      start = nl + 1;
    }
  };
  return ForEachLine(path, EndsWith(path, ".gz"), [&](std::string_view line, int64_t n) {
    if (!json) {
      each_text_line(line);
      return Status::OK();
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return Status::OK();
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": not a JSON object");
    auto it = j.find("text");
    if (it != j.end() && it->is_string()) each_text_line(it->get_ref<const std::string&>());
    return Status::OK();
  });
}

// F(x) = x log x, tabulated for small counts.
class XLogX {
 public:
  XLogX() : table_(1 << 22) {
    for (size_t i = 1; i < table_.size(); ++i) table_[i] = Direct(static_cast<int64_t>(i));
  }
  double operator()(int64_t x) const {
    return x >= 0 && static_cast<size_t>(x) < table_.size() ? table_[x] : Direct(x);
  }

 private:
  static double Direct(int64_t x) {
    return x > 0 ? static_cast<double>(x) * std::log(static_cast<double>(x)) : 0.0;
  }
  std::vector<double> table_;
};

}  // namespace

void SplitRawText(std::string_view line, std::vector<std::string>* tokens) {
  tokens->clear();
  static const char* const kQuotes[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99"};
  auto edge_punct = [&](std::string_view w, bool front) -> size_t {
    if (w.empty()) return 0;
    char c = front ? w.front() : w.back();
    if (std::string_view(".,;:!?\"()[]{}'").find(c) != std::string_view::npos) return 1;
    for (const char* q : kQuotes)
      if (w.size() >= 3 && (front ? w.substr(0, 3) : w.substr(w.size() - 3)) == q) return 3;
    return 0;
  };
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    std::string_view w = line.substr(i, j - i);
    i = j;
    std::vector<std::string> tail;
    for (size_t k; (k = edge_punct(w, true)) > 0 && w.size() > k;) {
      tokens->emplace_back(w.substr(0, k));
      w.remove_prefix(k);
    }
    for (size_t k; (k = edge_punct(w, false)) > 0 && w.size() > k;) {
      // Keep the final period of an abbreviation with inner periods ("U.S.").
      if (k == 1 && w.back() == '.' && w.substr(0, w.size() - 1).find('.') != std::string_view::npos) break;
      tail.emplace_back(w.substr(w.size() - k));
      w.remove_suffix(k);
    }
    std::string_view clitic;
    for (std::string_view c : {"'s", "n't", "'re", "'ve", "'ll", "'m", "'d", "\xe2\x80\x99s"})
      if (w.size() > c.size() && EndsWith(w, c)) {
        clitic = w.substr(w.size() - c.size());
        w.remove_suffix(c.size());
        break;
      }
    if (!w.empty()) tokens->emplace_back(w);
    if (!clitic.empty()) tokens->emplace_back(clitic);
    for (size_t k = tail.size(); k-- > 0;) tokens->push_back(tail[k]);
  }
}

Status InduceClusters(const ClusterOptions& o) {
  if (o.text.empty()) return Status::InvalidArgument("clusters: no text files given (--text)");
  if (o.out.empty()) return Status::InvalidArgument("clusters: no output path given (--out)");
  if (o.classes < 2 || o.classes > 65535 || o.vocabulary < o.classes || o.iterations < 0)
    return Status::InvalidArgument("clusters: need 2 <= classes <= 65535, vocabulary >= classes");
  // Pass 1: word counts.
  std::unordered_map<std::string, int64_t> counts;
  int64_t tokens = 0;
  for (const std::string& p : o.text)
    ENTENTE_RETURN_IF_ERROR(ForEachSequence(p, [&](const std::vector<std::string>& seq) {
      for (const std::string& w : seq) ++counts[w];
      tokens += static_cast<int64_t>(seq.size());
    }));
  std::vector<std::pair<std::string, int64_t>> vocab(counts.begin(), counts.end());
  counts.clear();
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (vocab.size() > static_cast<size_t>(o.vocabulary)) vocab.resize(o.vocabulary);
  const int V = static_cast<int>(vocab.size());
  const int C = std::min(o.classes, V);
  std::unordered_map<std::string, int> id;
  for (int i = 0; i < V; ++i) id[vocab[i].first] = i;
  if (o.log) *o.log << "clusters: " << tokens << " tokens, " << V << " words, " << C << " classes" << std::endl;
  // Pass 2: bigram counts (as sorted codes u * V + v).
  std::vector<uint64_t> codes;
  for (const std::string& p : o.text)
    ENTENTE_RETURN_IF_ERROR(ForEachSequence(p, [&](const std::vector<std::string>& seq) {
      int prev = -1;
      for (const std::string& w : seq) {
        auto it = id.find(w);
        int cur = it == id.end() ? -1 : it->second;
        if (prev >= 0 && cur >= 0) codes.push_back(static_cast<uint64_t>(prev) * V + cur);
        prev = cur;
      }
    }));
  std::sort(codes.begin(), codes.end());
  struct Nb { int w; int64_t n; };
  std::vector<std::vector<Nb>> right(V), left(V);
  std::vector<int64_t> self(V, 0), out_n(V, 0), in_n(V, 0);
  for (size_t i = 0; i < codes.size();) {
    size_t j = i;
    while (j < codes.size() && codes[j] == codes[i]) ++j;
    int u = static_cast<int>(codes[i] / V), v = static_cast<int>(codes[i] % V);
    int64_t n = static_cast<int64_t>(j - i);
    out_n[u] += n;
    in_n[v] += n;
    if (u == v) {
      self[u] += n;
    } else {
      right[u].push_back({v, n});
      left[v].push_back({u, n});
    }
    i = j;
  }
  codes.clear();
  codes.shrink_to_fit();
  // Class statistics.
  std::vector<int> cls(V);
  for (int w = 0; w < V; ++w) cls[w] = w % C;
  std::vector<int64_t> N(static_cast<size_t>(C) * C, 0), NL(C, 0), NR(C, 0);
  auto at = [&](int c, int d) -> int64_t& { return N[static_cast<size_t>(c) * C + d]; };
  for (int w = 0; w < V; ++w) {
    for (const Nb& nb : right[w]) at(cls[w], cls[nb.w]) += nb.n;
    at(cls[w], cls[w]) += self[w];
    NL[cls[w]] += out_n[w];
    NR[cls[w]] += in_n[w];
  }
  std::vector<int64_t> r(C, 0), l(C, 0);
  std::vector<int> rnz, lnz;
  const XLogX F;
  for (int it = 0; it < o.iterations; ++it) {
    int moved = 0;
    for (int w = 0; w < V; ++w) {
      rnz.clear();
      lnz.clear();
      for (const Nb& nb : right[w]) {
        int d = cls[nb.w];
        if (r[d] == 0) rnz.push_back(d);
        r[d] += nb.n;
      }
      for (const Nb& nb : left[w]) {
        int d = cls[nb.w];
        if (l[d] == 0) lnz.push_back(d);
        l[d] += nb.n;
      }
      const int a = cls[w];
      for (int d : rnz) at(a, d) -= r[d];
      for (int d : lnz) at(d, a) -= l[d];
      at(a, a) -= self[w];
      NL[a] -= out_n[w];
      NR[a] -= in_n[w];
      int best = a;
      double best_gain = -1e300;
      for (int c = 0; c < C; ++c) {
        double g = 0;
        for (int d : rnz)
          if (d != c) g += F(at(c, d) + r[d]) - F(at(c, d));
        for (int d : lnz)
          if (d != c) g += F(at(d, c) + l[d]) - F(at(d, c));
        g += F(at(c, c) + r[c] + l[c] + self[w]) - F(at(c, c));
        g -= F(NL[c] + out_n[w]) - F(NL[c]);
        g -= F(NR[c] + in_n[w]) - F(NR[c]);
        if (g > best_gain + 1e-9 || (c == a && g >= best_gain - 1e-9)) {
          best_gain = g;
          best = c;
        }
      }
      for (int d : rnz) at(best, d) += r[d];
      for (int d : lnz) at(d, best) += l[d];
      at(best, best) += self[w];
      NL[best] += out_n[w];
      NR[best] += in_n[w];
      cls[w] = best;
      moved += best != a;
      for (int d : rnz) r[d] = 0;
      for (int d : lnz) l[d] = 0;
    }
    if (o.log) {
      double ll = 0;
      for (int64_t x : N) ll += F(x);
      for (int c = 0; c < C; ++c) ll -= F(NL[c]) + F(NR[c]);
      *o.log << "clusters iteration " << (it + 1) << ": " << moved << " words moved, objective "
             << ll << std::endl;
    }
  }
  std::string text;
  for (int w = 0; w < V; ++w) text += vocab[w].first + "\t" + std::to_string(cls[w]) + "\n";
  return WriteFileBytes(o.out, text);
}

namespace {
// True for a token after which the next word may be capitalised for position alone.
bool OpensSentence(std::string_view t) {
  static const std::string_view kOpen[] = {".", "?", "!", ":", ";", "\"", "'", "(", "[", "-",
                                           "--", "\xE2\x80\x9C", "\xE2\x80\x98", "..."};
  return std::find(std::begin(kOpen), std::end(kOpen), t) != std::end(kOpen);
}
}  // namespace

int CasingBucket(int64_t capitalised, int64_t lower) {
  const double share = static_cast<double>(capitalised) / static_cast<double>(capitalised + lower);
  static const double kBounds[] = {0.02, 0.2, 0.5, 0.8, 0.98};
  int b = 0;
  while (b < 5 && share >= kBounds[b]) ++b;
  return b;
}

Status CountCasing(const CasingOptions& o) {
  if (o.text.empty()) return Status::InvalidArgument("casing: no text files given (--text)");
  if (o.out.empty()) return Status::InvalidArgument("casing: no output path given (--out)");
  if (o.vocabulary < 1 || o.min_count < 1)
    return Status::InvalidArgument("casing: need vocabulary >= 1 and min-count >= 1");
  struct Count { int64_t cap = 0, lower = 0; };
  std::unordered_map<std::string, Count> counts;
  for (const std::string& p : o.text)
    ENTENTE_RETURN_IF_ERROR(ForEachSequence(
        p,
        [&](const std::vector<std::string>& seq) {
          for (size_t i = 1; i < seq.size(); ++i) {
            const std::string& w = seq[i];
            if (OpensSentence(seq[i - 1]) || w.empty()) continue;
            const char c = w[0];
            if (c >= 'A' && c <= 'Z') ++counts[Norm(w)].cap;
            else if (c >= 'a' && c <= 'z') ++counts[Norm(w)].lower;
          }
        },
        /*normalise=*/false));
  std::vector<std::pair<std::string, Count>> v;
  for (auto& [w, c] : counts)
    if (c.cap + c.lower >= o.min_count) v.emplace_back(w, c);
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    const int64_t na = a.second.cap + a.second.lower, nb = b.second.cap + b.second.lower;
    return na != nb ? na > nb : a.first < b.first;
  });
  if (v.size() > static_cast<size_t>(o.vocabulary)) v.resize(o.vocabulary);
  if (o.log) *o.log << "casing: " << counts.size() << " words seen, " << v.size() << " kept\n";
  std::string text;
  for (const auto& [w, c] : v) text += w + "\t" + std::to_string(CasingBucket(c.cap, c.lower)) + "\n";
  return WriteFileBytes(o.out, text);
}

}  // namespace entente::nlp
