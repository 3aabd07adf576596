// Readers and statistics shared by the analysis validation tests (test-only, header-only):
// UN General Assembly vote agreement, ICEWS temporal-knowledge-graph splits with actor names
// resolved by the KnowledgeBase, Spearman correlation with a bootstrap over dyads.
#ifndef ENTENTE_ANALYSIS_VALIDATION_DATA_H_
#define ENTENTE_ANALYSIS_VALIDATION_DATA_H_

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/internal.h"
#include "base/line_reader.h"
#include "entente/analysis.h"
#include "entente/knowledge.h"

namespace entente::testing {

inline std::string NormName(const std::string& s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// ISO2 -> ISO3 from data/actors/states.txt (the un_votes country_code column is ISO2).
inline std::map<std::string, std::string> LoadIso2(const std::string& states_txt) {
  std::map<std::string, std::string> by_iso2;
  std::ifstream in(states_txt);
  std::string line, cur;
  while (std::getline(in, line)) {
    if (line.rfind("[state ", 0) == 0) {
      cur = line.substr(7, 3);
      continue;
    }
    size_t eq = line.find('=');
    if (cur.empty() || eq == std::string::npos || line[0] == '#') continue;
    std::string key = line.substr(0, line.find_first_of(" =")), val = line.substr(eq + 1);
    size_t b = val.find_first_not_of(' ');
    val = b == std::string::npos ? "" : val.substr(b);
    if (key == "iso2") by_iso2[val] = cur;
  }
  return by_iso2;
}

using DyadKey = std::pair<std::string, std::string>;  // ISO3, first < second
inline DyadKey MakeDyad(const std::string& x, const std::string& y) {
  return x < y ? DyadKey{x, y} : DyadKey{y, x};
}

struct VoteData {
  std::map<DyadKey, double> agreement;  // share of identical votes over roll calls both voted
  // Cohen's kappa of the same votes: (agreement - chance) / (1 - chance), chance from each
  // state's own shares of yes/no/abstain on the common roll calls (0 when chance is 1).
  std::map<DyadKey, double> kappa;
  int roll_calls = 0;
  int states = 0;
  std::set<std::string> unmapped;       // ISO2 codes not in states.txt
};

// UN GA vote agreement per unordered pair of states over the roll calls dated in `year`:
// identical votes (yes, no, abstain) / roll calls both voted on (absences are not in the
// data); pairs with fewer than `min_common` common roll calls are left out.
inline VoteData VoteAgreement(const std::string& data, const std::map<std::string, std::string>& iso2,
                              int year, int min_common = 10) {
  VoteData out;
  std::set<int> rcids;
  std::ifstream rc(data + "/un-votes/un_roll_calls.csv");
  std::string line;
  std::getline(rc, line);
  while (std::getline(rc, line)) {
    // rcid,session,importantvote,date,...
    std::stringstream ss(line);
    std::string rcid, session, imp, date;
    std::getline(ss, rcid, ',');
    std::getline(ss, session, ',');
    std::getline(ss, imp, ',');
    std::getline(ss, date, ',');
    if (date.rfind(std::to_string(year), 0) == 0) rcids.insert(std::atoi(rcid.c_str()));
  }
  out.roll_calls = static_cast<int>(rcids.size());
  std::map<std::string, std::map<int, char>> votes;  // ISO3 -> rcid -> y/n/a
  auto reader = LineReader::Open(data + "/un-votes/un_votes.csv.gz");
  std::string_view l;
  while (reader.ok() && (*reader)->Next(&l)) {
    int rcid = std::atoi(std::string(l.substr(0, l.find(','))).c_str());
    if (!rcids.count(rcid)) continue;
    // rcid,"country","country_code","vote"
    std::vector<std::string> q;
    size_t p = 0;
    while ((p = l.find('"', p)) != std::string::npos) {
      size_t e = l.find('"', p + 1);
      if (e == std::string::npos) break;
      q.emplace_back(l.substr(p + 1, e - p - 1));
      p = e + 1;
    }
    if (q.size() < 3 || q[2].empty()) continue;
    auto it = iso2.find(q[1]);
    if (it == iso2.end()) {
      out.unmapped.insert(q[1]);
      continue;
    }
    votes[it->second][rcid] = q[2][0];
  }
  out.states = static_cast<int>(votes.size());
  for (auto a = votes.begin(); a != votes.end(); ++a) {
    for (auto b = std::next(a); b != votes.end(); ++b) {
      int both = 0, same = 0;
      std::map<char, int> ca, cb;
      for (const auto& [rcid, v] : a->second) {
        auto w = b->second.find(rcid);
        if (w == b->second.end()) continue;
        ++both;
        same += v == w->second;
        ++ca[v], ++cb[w->second];
      }
      if (both < min_common) continue;
      double po = static_cast<double>(same) / both, pe = 0;
      for (const auto& [c, k] : ca) pe += static_cast<double>(k) / both * (cb.count(c) ? cb[c] : 0) / both;
      out.agreement[{a->first, b->first}] = po;
      out.kappa[{a->first, b->first}] = pe < 1 - 1e-12 ? (po - pe) / (1 - pe) : 0;
    }
  }
  return out;
}

inline std::vector<std::string> ReadIdFile(const std::string& path) {
  std::vector<std::string> names;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    size_t id = std::stoul(line.substr(tab + 1));
    if (names.size() <= id) names.resize(id + 1);
    names[id] = line.substr(0, tab);
  }
  return names;
}

struct Quad {
  int s, r, o, t;
};

// "s r o t [extra]" lines (whitespace separated).
inline std::vector<Quad> ReadQuads(const std::string& path) {
  std::vector<Quad> q;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    Quad x;
    if (ss >> x.s >> x.r >> x.o >> x.t) q.push_back(x);
  }
  return q;
}

// CAMEO code, Goldstein value and quad class per ICEWS relation name, matched on the CAMEO
// event names of cameo-gdelt-lookups.
struct RelationCode {
  std::string code;
  double goldstein = 0;
  int quad = 0;
};

inline std::vector<RelationCode> MapRelations(const std::string& data, const std::vector<std::string>& rels) {
  std::map<std::string, std::string> code_of;  // normalized description -> code
  std::map<std::string, double> gold;
  std::ifstream ec(data + "/cameo-gdelt-lookups/CAMEO.eventcodes.txt"),
      gs(data + "/cameo-gdelt-lookups/CAMEO.goldsteinscale.txt");
  std::string line;
  while (std::getline(ec, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string code = line.substr(0, tab), desc = line.substr(tab + 1);
    size_t ns = desc.find(", not specified below");
    if (ns != std::string::npos) desc = desc.substr(0, ns);
    std::string n = NormName(desc);
    auto it = code_of.find(n);
    if (it == code_of.end() || code.size() > it->second.size()) code_of[n] = code;  // prefer 3-digit
  }
  while (std::getline(gs, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) gold[line.substr(0, tab)] = std::atof(line.c_str() + tab + 1);
  }
  std::vector<RelationCode> out(rels.size());
  for (size_t i = 0; i < rels.size(); ++i) {
    auto it = code_of.find(NormName(rels[i]));
    if (it == code_of.end()) continue;
    out[i].code = it->second;
    out[i].goldstein = gold.count(it->second) ? gold[it->second] : 0;
    int root = std::atoi(it->second.substr(0, 2).c_str());
    out[i].quad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
  }
  return out;
}

// Resolves ICEWS entity names to a state (ISO3) with the KnowledgeBase, as of `date`:
// underscores become spaces; "Citizen_(India)" resolves by the parenthesised name; otherwise
// the whole name ("Barack Obama" -> USA, "China" -> CHN). Memoised per entity.
class EntityResolver {
 public:
  EntityResolver(const KnowledgeBase& kb, const std::vector<std::string>& names)
      : kb_(kb), names_(names), cache_(names.size()), done_(names.size(), 0) {}
  const std::string& Country(int entity, const std::optional<Date>& date) {
    if (entity < 0 || static_cast<size_t>(entity) >= names_.size()) return empty_;
    if (done_[entity]) return cache_[entity];
    done_[entity] = 1;
    std::string name = names_[entity];
    std::replace(name.begin(), name.end(), '_', ' ');
    std::string country;
    size_t open = name.rfind('(');
    if (open != std::string::npos && name.back() == ')') {
      ActorResolution r = kb_.Resolve(name.substr(open + 1, name.size() - open - 2), date);
      if (r.found) country = r.actor.country;
    }
    if (country.empty()) {
      ActorResolution r = kb_.Resolve(name, date);
      if (r.found) country = r.actor.country;
    }
    cache_[entity] = country;
    resolved_ += !country.empty();
    return cache_[entity];
  }
  int resolved() const { return resolved_; }

 private:
  const KnowledgeBase& kb_;
  const std::vector<std::string>& names_;
  std::vector<std::string> cache_;
  std::vector<char> done_;
  std::string empty_;
  int resolved_ = 0;
};

inline std::vector<double> Ranks(const std::vector<double>& v) {
  std::vector<size_t> idx(v.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && v[idx[j]] == v[idx[i]]) ++j;
    for (size_t k = i; k < j; ++k) r[idx[k]] = (i + j - 1) / 2.0 + 1;
    i = j;
  }
  return r;
}

// Spearman rank correlation (ties averaged); 0 when either side is constant or empty.
inline double Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() < 2 || x.size() != y.size()) return 0;
  auto rx = Ranks(x), ry = Ranks(y);
  double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / rx.size();
  double my = std::accumulate(ry.begin(), ry.end(), 0.0) / ry.size();
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my), sxx += (rx[i] - mx) * (rx[i] - mx), syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

struct Correlation {
  double rho = 0, low = 0, high = 0;  // point and 5-95% bootstrap interval over dyads
  size_t n = 0;
};

inline Correlation SpearmanWithInterval(const std::vector<double>& x, const std::vector<double>& y,
                                        int replicates = 200, uint64_t seed = 1) {
  Correlation c;
  c.n = x.size();
  c.rho = c.low = c.high = Spearman(x, y);
  if (x.size() < 3) return c;
  Rng rng(seed);
  std::vector<double> reps, xs(x.size()), ys(x.size());
  for (int r = 0; r < replicates; ++r) {
    for (size_t i = 0; i < x.size(); ++i) {
      size_t k = rng.Next() % x.size();
      xs[i] = x[k], ys[i] = y[k];
    }
    reps.push_back(Spearman(xs, ys));
  }
  std::sort(reps.begin(), reps.end());
  c.low = reps[static_cast<size_t>(0.05 * (replicates - 1))];
  c.high = reps[static_cast<size_t>(0.95 * (replicates - 1))];
  return c;
}

inline std::string Describe(const Correlation& c) {
  return Fixed(c.rho, 3) + " [" + Fixed(c.low, 3) + ", " + Fixed(c.high, 3) + "] (" + std::to_string(c.n) +
         " dyads)";
}

// Per dyad-year with vote agreement: the alignment components and the votes.
struct DyadYear {
  int year = 0;
  std::string a, b;
  double affinity = 0, similarity = 0, copart = 0, score = 0, votes = 0;
  double votes_kappa = 0;  // Cohen's kappa of the votes
  int64_t events = 0;
  int third = 0;
  int partners = 0;  // states a or b has direct events with (the activity of the dyad)
};

// Which vote dyads the alignment covers (MatchVotes fills it): every dyad with votes, those
// whose two states both have events in the year's window (these all get a score, directly
// related or not), and those with direct events. Dyads with a state absent from the events
// have no score; they are counted, never silently dropped.
struct Coverage {
  int64_t vote_dyads = 0, both_in_window = 0, scored = 0, with_events = 0;
};

inline std::vector<DyadYear> MatchVotes(const std::vector<WindowAlignment>& windows,
                                        const std::map<int, VoteData>& votes, Coverage* coverage = nullptr) {
  std::vector<DyadYear> out;
  Coverage cov;
  for (const WindowAlignment& w : windows) {
    int year = std::atoi(w.label.c_str());
    auto vy = votes.find(year);
    if (vy == votes.end()) continue;
    std::set<std::string> present(w.states.begin(), w.states.end());
    cov.vote_dyads += static_cast<int64_t>(vy->second.agreement.size());
    for (const auto& [k, v] : vy->second.agreement) cov.both_in_window += present.count(k.first) && present.count(k.second);
    std::vector<int> degree(w.states.size(), 0);
    for (const PairAlignment& p : w.pairs) {
      if (p.events > 0) ++degree[p.a], ++degree[p.b];
    }
    for (const PairAlignment& p : w.pairs) {
      DyadKey key = MakeDyad(w.states[p.a], w.states[p.b]);
      auto it = vy->second.agreement.find(key);
      if (it == vy->second.agreement.end()) continue;
      DyadYear d;
      d.year = year, d.a = w.states[p.a], d.b = w.states[p.b];
      d.affinity = p.affinity, d.similarity = p.similarity, d.copart = p.copart, d.score = p.score;
      d.votes = it->second, d.events = p.events, d.third = p.third_states;
      d.votes_kappa = vy->second.kappa.at(key);
      d.partners = degree[p.a] + degree[p.b];
      ++cov.scored;
      cov.with_events += p.events > 0;
      out.push_back(d);
    }
  }
  if (coverage) *coverage = cov;
  return out;
}

inline std::string DescribeCoverage(const Coverage& c) {
  return std::to_string(c.vote_dyads) + " dyad-years with votes, " + std::to_string(c.both_in_window) +
         " with both states in the events (" + std::to_string(c.scored) + " scored), " +
         std::to_string(c.with_events) + " with direct events; " +
         std::to_string(c.vote_dyads - c.scored) + " unscored (a state without events)";
}

// Spearman correlation of x and y after the ranks of both are regressed on the ranks of z
// (partial rank correlation): what x says about y beyond z.
inline double PartialSpearman(const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<double>& z) {
  if (x.size() < 4) return 0;
  auto rx = Ranks(x), ry = Ranks(y), rz = Ranks(z);
  auto residual = [&](const std::vector<double>& a) {
    double ma = std::accumulate(a.begin(), a.end(), 0.0) / a.size();
    double mz = std::accumulate(rz.begin(), rz.end(), 0.0) / rz.size();
    double sza = 0, szz = 0;
    for (size_t i = 0; i < a.size(); ++i) sza += (rz[i] - mz) * (a[i] - ma), szz += (rz[i] - mz) * (rz[i] - mz);
    double b = szz > 0 ? sza / szz : 0;
    std::vector<double> r(a.size());
    for (size_t i = 0; i < a.size(); ++i) r[i] = a[i] - ma - b * (rz[i] - mz);
    return r;
  };
  auto ex = residual(rx), ey = residual(ry);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < ex.size(); ++i) sxy += ex[i] * ey[i], sxx += ex[i] * ex[i], syy += ey[i] * ey[i];
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

// Spearman rho of each measure with vote agreement, with a 5-95% bootstrap interval over dyads.
struct MeasureReport {
  Correlation score, affinity, similarity, copart;
  Correlation inactivity;  // -(partners of a + partners of b): the activity confound
  Correlation score_kappa;  // the score against the kappa of the votes instead of agreement
  double score_beyond_activity = 0;  // partial rho of score and votes given inactivity
};

inline MeasureReport Correlate(const std::vector<DyadYear>& dy, int64_t min_events) {
  std::vector<double> sc, af, si, co, v, vk, ac;
  for (const DyadYear& d : dy) {
    if (d.events < min_events) continue;
    sc.push_back(d.score), af.push_back(d.affinity), si.push_back(d.similarity), co.push_back(d.copart);
    v.push_back(d.votes), vk.push_back(d.votes_kappa), ac.push_back(-d.partners);
  }
  MeasureReport r{SpearmanWithInterval(sc, v), SpearmanWithInterval(af, v), SpearmanWithInterval(si, v),
                  SpearmanWithInterval(co, v), SpearmanWithInterval(ac, v), SpearmanWithInterval(sc, vk), 0};
  r.score_beyond_activity = PartialSpearman(sc, v, ac);
  return r;
}

inline void PrintReport(const std::string& tag, const MeasureReport& r) {
  std::cout << tag << ": alignment " << Describe(r.score) << "; affinity "
            << Describe(r.affinity) << "; similarity " << Describe(r.similarity) << "; copart "
            << Describe(r.copart) << "; inactivity " << Fixed(r.inactivity.rho, 3)
            << "; alignment beyond inactivity (partial) " << Fixed(r.score_beyond_activity, 3)
            << "; alignment vs vote kappa " << Describe(r.score_kappa) << "\n";
}

}  // namespace entente::testing

#endif  // ENTENTE_ANALYSIS_VALIDATION_DATA_H_
