// Dated roles: which role a person holds on a date (RoleOn, preferring the post and country
// the text names), the last role that ended before it (for "former"), the actor a role stands
// for (ApplyRole: an organisation post gives the organisation's code) and a person's home
// state (HomeCountry). Contracts at the declarations (actor_index_internal.h). Pure functions
// of the loaded records; thread-safe.
#include <string>
#include <string_view>

#include "actors/actor_index_internal.h"

namespace entente::actors::internal {

const Role* ActorIndexImpl::RoleOn(const PersonRec& p, const Date& d, std::string_view post,
                                   std::string_view country) const {
  const Role* best = nullptr;
  int best_score = -1;
  for (const Role& r : p.roles) {
    if (!r.interval.Contains(d)) continue;
    int score = 0;
    if (!post.empty() && r.post == post) score += 4;
    if (!country.empty() && r.country == country) score += 2;
    if (!best || score > best_score ||
        (score == best_score && r.interval.from.value_or(Date{1, 1, 1}) > best->interval.from.value_or(Date{1, 1, 1}))) {
      best = &r;
      best_score = score;
    }
  }
  return best;
}

const Role* ActorIndexImpl::LastRoleBefore(const PersonRec& p, const Date& d) const {
  const Role* best = nullptr;
  for (const Role& r : p.roles) {
    if (!r.interval.EndsBefore(d)) continue;
    if (!best || *r.interval.to > *best->interval.to) best = &r;
  }
  return best;
}

void ActorIndexImpl::ApplyRole(const Role& r, ActorRef* a) const {
  if (r.org >= 0) {
    const OrgRec& o = orgs_[r.org];
    a->code = o.code;
    a->country = o.country;
    a->sector = o.sector;
  } else {
    a->country = r.country;
    a->sector = r.sector;
  }
}

std::string ActorIndexImpl::HomeCountry(const PersonRec& p, const Date& d) const {
  if (!p.default_country.empty()) return p.default_country;
  const Role* best = nullptr;
  for (const Role& r : p.roles) {
    if (r.org >= 0 || !state_index_.count(r.country)) continue;
    const Date from = r.interval.from.value_or(Date{1, 1, 1});
    if (from > d) continue;
    if (!best || from > best->interval.from.value_or(Date{1, 1, 1})) best = &r;
  }
  if (best) return best->country;
  for (const Role& r : p.roles)
    if (r.org < 0 && state_index_.count(r.country)) return r.country;
  return std::string();
}

}  // namespace entente::actors::internal
