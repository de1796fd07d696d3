#include "engine/score/consistency.h"

#include "engine/ingest/text_util.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace crosscheck {
namespace {

std::string GroupValue(size_t g) { return "g" + std::to_string(g); }

std::string Probability(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", p);
  return buf;
}

std::string Join(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}


}  // namespace

FuseOptions ArticleFuseOptions() {
  FuseOptions o;
  o.prior_claims = 1;
  o.accu_initial = 0.8;
  return o;
}

std::map<std::string, SourceConsistency> FuseFindings(
    const std::vector<FactFinding>& facts,
    const std::map<std::string, CopyRelation>& copies,
    const FuseOptions& options) {
  // A possible contradiction: both sides may hold.
  auto possible_fact = [](const FactFinding& f) {
    return f.status == FactStatus::kContradiction && f.severity == Severity::kPossible;
  };
  // Items: facts that two independent sources speak to.
  std::vector<const FactFinding*> items;
  ClaimTable table;
  for (const FactFinding& f : facts) {
    std::set<std::string> independent;
    for (const ValueGroup& g : f.values)
      for (const Claim& c : g.claims)
        if (!c.waiver && !copies.count(c.source)) independent.insert(c.source);
    if (independent.size() < 2) continue;
    items.push_back(&f);
    const bool possible = possible_fact(f);
    for (size_t g = 0; g < f.values.size(); ++g) {
      for (const Claim& c : f.values[g].claims)
        if (!c.waiver && !copies.count(c.source)) table.Add(c.source, f.key, GroupValue(g));
      const std::vector<int>& conflicts = f.values[g].conflicts;
      for (size_t h = g + 1; h < f.values.size(); ++h)
        if (possible || std::find(conflicts.begin(), conflicts.end(),
                                  static_cast<int>(h)) == conflicts.end())
          table.AddCompatible(f.key, GroupValue(g), GroupValue(h));
    }
  }
  std::map<std::string, SourceConsistency> out;
  if (items.empty()) return out;
  table.Finish(FuseTolerance());
  const FuseResult fused = Fuse(table, FuseMethod::kAccu, options);

  std::map<std::string, double> sums;
  for (const FactFinding* f : items) {
    const int64_t item = table.FindItem(f->key);
    if (item < 0) continue;
    const uint32_t first = table.item_first(static_cast<size_t>(item));
    const uint32_t last = table.item_first(static_cast<size_t>(item) + 1);
    // That what group g states holds: the probability of its value plus
    // that of every group compatible with it ("thousands" holds when 3,000
    // is true). A group only copies state has no value of its own.
    auto value_of = [&](size_t g) -> int64_t {
      for (uint32_t v = first; v < last; ++v)
        if (table.value(v).text == GroupValue(g)) return v;
      return -1;
    };
    auto probability = [&](size_t g) {
      double p = 0;
      for (size_t h = 0; h < f->values.size(); ++h) {
        const int64_t v = value_of(h);
        if (v < 0) continue;
        const std::vector<int>& conflicts = f->values[g].conflicts;
        const bool compatible =
            h == g || possible_fact(*f) ||
            std::find(conflicts.begin(), conflicts.end(), static_cast<int>(h)) == conflicts.end();
        if (compatible) p += fused.confidence[static_cast<size_t>(v)];
      }
      return std::min(1.0, p);
    };
    const uint32_t chosen = fused.chosen[static_cast<size_t>(item)];
    size_t chosen_group = 0;
    for (size_t g = 0; g < f->values.size(); ++g)
      if (table.value(chosen).text == GroupValue(g)) chosen_group = g;
    std::set<std::string> backers;
    for (const Claim& c : f->values[chosen_group].claims)
      if (!c.waiver && !copies.count(c.source)) backers.insert(c.source);
    const bool possible = possible_fact(*f);

    // Each source once per fact: the mean over the groups it states.
    std::map<std::string, std::vector<std::pair<size_t, const Claim*>>> stated;
    for (size_t g = 0; g < f->values.size(); ++g)
      for (const Claim& c : f->values[g].claims)
        if (!c.waiver) stated[c.source].emplace_back(g, &c);
    for (const auto& [source, claims] : stated) {
      std::set<size_t> groups;
      for (const auto& gc : claims) groups.insert(gc.first);
      double p = 0;
      for (size_t g : groups) p += probability(g);
      p /= static_cast<double>(groups.size());
      SourceConsistency& sc = out[source];
      ++sc.compared;
      sums[source] += p;
      const size_t g = claims.front().first;
      const Claim& c = *claims.front().second;
      const std::string& mine = f->values[g].display;
      const std::string& best = f->values[chosen_group].display;
      const std::vector<int>& conflicts = f->values[g].conflicts;
      Evidence e;
      e.text = f->key + ": says " + mine;
      if (groups.count(chosen_group)) {
        e.text += ", the value truth discovery prefers";
      } else if (possible) {
        e.text += "; truth discovery prefers " + best +
                  ", but this is a possible contradiction: both may hold";
      } else if (std::find(conflicts.begin(), conflicts.end(),
                           static_cast<int>(chosen_group)) == conflicts.end()) {
        e.text += ", compatible with " + best + ", the value truth discovery prefers";
      } else {
        e.text += "; truth discovery prefers " + best;
      }
      e.text += " (probability that it holds " + Probability(p) + "; " + best +
                " stated by " + Join(backers) + ")";
      if (copies.count(source))
        e.text += "; a copy of " + copies.at(source).original + ", so it does not vote";
      e.detail = internal::Excerpt(c.sentence, 200);
      e.start = c.start;
      e.end = c.end;
      sc.evidence.push_back(std::move(e));
    }
  }
  for (auto& [source, sc] : out)
    sc.reliability = (sums[source] + options.prior_claims * options.accu_initial) /
                     (sc.compared + options.prior_claims);
  return out;
}

}  // namespace crosscheck
