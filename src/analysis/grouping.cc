// Grouping event mentions into events.
//
// Several reports (and several sentences of one report) describe the same real-world event.
// Mentions arrive in date order; each is compared with the recent mentions of the same dyad
// key, and joins the group of the first compatible one, else starts a group named by its own
// id. Two mentions are compatible when all hold:
//   * same dyad key: source and target countries (or actor codes for non-state actors), in
//     order, except for symmetric codes (root 04 other than 045 mediate, root 06, and 057 sign
//     a formal agreement), whose key is the unordered pair, so "A visits B" (042) meets
//     "B hosts A" (043);
//   * same modality (a planned visit is a different claim from the visit);
//   * dates at most GroupingOptions::day_window days apart (planned_day_window for planned or
//     possible mentions);
//   * same CAMEO root, and either the same 3-digit base code, or similar wording (Jaccard of
//     the content-word sets of the two sentences >= min_jaccard), or the same named location.
// Imported mentions (origin gdelt/icews) are event records already and form their own groups;
// so does a mention dated only by month or year (Event::date_precision), which has no day.
// Linking is single-link: a mention compatible with any member joins that member's group.
#include <algorithm>
#include <cctype>
#include <numeric>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/internal.h"
#include "entente/analysis.h"

namespace entente {

namespace {

struct Candidate {
  int64_t day = 0;
  int modality = 0;
  std::string code3, root, location, group;
  std::vector<uint64_t> tokens;  // sorted, unique
};

bool SymmetricCode(const std::string& cameo) {
  if (cameo.size() < 2) return false;
  std::string root = cameo.substr(0, 2);
  if (root == "04") return cameo.compare(0, 3, "045") != 0;
  if (root == "06") return true;
  return cameo.compare(0, 3, "057") == 0;
}

std::string SideKey(const ActorRef& a) {
  if (!a.country.empty()) return a.country;
  return a.code;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

std::vector<uint64_t> ContentTokens(std::string_view text) {
  static const std::unordered_set<std::string> kStop = {
      "the",  "and",   "for",  "with",  "that",  "said", "was",   "were",  "has",  "have",
      "his",  "her",   "its",  "from",  "this",  "will", "would", "their", "they", "after",
      "are",  "had",   "been", "but",   "not",   "who",  "which", "also",  "about", "into",
      "than", "on",    "over", "says",  "told",  "while", "when", "there", "other", "more"};
  std::vector<uint64_t> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3 && !kStop.count(w)) out.push_back(Fnv1a(w));
    w.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

struct MentionGrouper::Impl {
  GroupingOptions options;
  std::unordered_map<std::string, std::vector<Candidate>> recent;
  int64_t adds = 0;
  int64_t last_day = INT64_MIN;
};

MentionGrouper::MentionGrouper(const GroupingOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
MentionGrouper::~MentionGrouper() = default;

std::string MentionGrouper::Add(const Event& e) {
  Impl& s = *impl_;
  if (!s.options.group_imported && !e.origin.empty() && e.origin != "entente") return e.id;
  auto date = Date::Parse(e.date);
  // Only a month or year known: no day to compare within day_window, so its own group.
  if (!date || e.date_precision != DatePrecision::kDay || e.cameo.size() < 2) return e.id;
  const int64_t day = date->Days();
  const int max_window = std::max(s.options.day_window, s.options.planned_day_window);
  std::string src = SideKey(e.source);
  std::string tgt = e.target ? SideKey(*e.target) : std::string();
  if (src.empty() && tgt.empty()) return e.id;
  bool sym = SymmetricCode(e.cameo);
  if (sym && tgt < src) std::swap(src, tgt);
  std::string key = src + "|" + tgt + (sym ? "|s" : "|d");

  // Forget old mentions now and then so memory follows the last few days only.
  if (++s.adds % 4096 == 0) {
    for (auto it = s.recent.begin(); it != s.recent.end();) {
      auto& v = it->second;
      v.erase(std::remove_if(v.begin(), v.end(),
                             [&](const Candidate& c) { return c.day < day - max_window; }),
              v.end());
      it = v.empty() ? s.recent.erase(it) : std::next(it);
    }
  }

  Candidate me;
  me.day = day;
  me.modality = static_cast<int>(e.modality);
  me.code3 = e.cameo.substr(0, std::min<size_t>(3, e.cameo.size()));
  me.root = e.root.empty() ? e.cameo.substr(0, 2) : e.root;
  if (e.location && !e.location->name.empty()) me.location = e.location->name;
  me.tokens = ContentTokens(e.text);
  const bool vague = e.modality == Modality::kPlanned || e.modality == Modality::kPossible;
  const int window = vague ? s.options.planned_day_window : s.options.day_window;

  auto& cands = s.recent[key];
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) { return c.day < day - max_window; }),
              cands.end());
  for (const Candidate& c : cands) {
    if (c.modality != me.modality || c.root != me.root) continue;
    if (std::llabs(c.day - day) > window) continue;
    bool same = c.code3 == me.code3 ||
                (!me.location.empty() && c.location == me.location) ||
                Jaccard(c.tokens, me.tokens) >= s.options.min_jaccard;
    if (same) {
      me.group = c.group;
      break;
    }
  }
  if (me.group.empty()) me.group = e.id;
  std::string group = me.group;
  cands.push_back(std::move(me));
  return group;
}

std::vector<std::string> GroupMentions(const std::vector<Event>& events,
                                       const GroupingOptions& options) {
  std::vector<size_t> order(events.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return events[a].date < events[b].date;
  });
  MentionGrouper g(options);
  std::vector<std::string> out(events.size());
  for (size_t i : order) out[i] = g.Add(events[i]);
  return out;
}

}  // namespace entente
