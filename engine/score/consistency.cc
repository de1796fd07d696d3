#include "engine/score/consistency.h"

#include "engine/ingest/text_util.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace crosscheck {
namespace {

std::string GroupValue(size_t g) { return "g" + std::to_string(g); }

// A possible contradiction: both sides may hold.
bool Possible(const FactFinding& f) {
  return f.status == FactStatus::kContradiction && f.severity == Severity::kPossible;
}

// Whether groups g and h of `f` can both hold: compare's verdict, and every
// side of a possible contradiction.
bool Compatible(const FactFinding& f, size_t g, size_t h) {
  const std::vector<int>& conflicts = f.values[g].conflicts;
  return Possible(f) ||
         std::find(conflicts.begin(), conflicts.end(), static_cast<int>(h)) == conflicts.end();
}

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
  auto votes = [&](const Claim& c) { return !c.waiver && !copies.count(c.source); };
  // Items: facts that two independent sources speak to.
  std::vector<const FactFinding*> items;
  ClaimTable table;
  for (const FactFinding& f : facts) {
    std::set<std::string> independent;
    for (const ValueGroup& g : f.values)
      for (const Claim& c : g.claims)
        if (votes(c)) independent.insert(c.source);
    if (independent.size() < 2) continue;
    items.push_back(&f);
    for (size_t g = 0; g < f.values.size(); ++g) {
      for (const Claim& c : f.values[g].claims)
        if (votes(c)) table.Add(c.source, f.key, GroupValue(g));
      for (size_t h = g + 1; h < f.values.size(); ++h)
        if (Compatible(f, g, h)) table.AddCompatible(f.key, GroupValue(g), GroupValue(h));
    }
  }
  std::map<std::string, SourceConsistency> out;
  if (items.empty()) return out;
  table.Finish(FuseTolerance());
  const FuseResult fused = Fuse(table, FuseMethod::kAccu, options);

  for (const FactFinding* f : items) {
    const auto item = static_cast<size_t>(table.FindItem(f->key));
    // Each group's value id; -1 for a group only copies state.
    std::vector<int64_t> value_of(f->values.size(), -1);
    size_t chosen_group = 0;
    for (uint32_t v = table.item_first(item); v < table.item_first(item + 1); ++v) {
      const size_t g = std::stoul(table.value(v).text.substr(1));
      value_of[g] = v;
      if (v == fused.chosen[item]) chosen_group = g;
    }
    // That what group g states holds: the probability of its value plus
    // that of every group compatible with it ("thousands" holds when 3,000
    // is true).
    auto probability = [&](size_t g) {
      double p = 0;
      for (size_t h = 0; h < f->values.size(); ++h)
        if (value_of[h] >= 0 && (h == g || Compatible(*f, g, h)))
          p += fused.confidence[static_cast<size_t>(value_of[h])];
      return std::min(1.0, p);
    };
    std::set<std::string> backers;
    for (const Claim& c : f->values[chosen_group].claims)
      if (votes(c)) backers.insert(c.source);
    const std::string& best = f->values[chosen_group].display;

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
      sc.reliability += p;  // the sum until the end
      const size_t g = claims.front().first;
      const Claim& c = *claims.front().second;
      Evidence e;
      e.text = f->key + ": says " + f->values[g].display;
      if (groups.count(chosen_group)) {
        e.text += ", the value truth discovery prefers";
      } else if (Possible(*f)) {
        e.text += "; truth discovery prefers " + best +
                  ", but this is a possible contradiction: both may hold";
      } else if (Compatible(*f, g, chosen_group)) {
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
  // Accu's accuracy: the mean, with prior_claims pseudo-claims at accu_initial.
  for (auto& [source, sc] : out)
    sc.reliability = (sc.reliability + options.prior_claims * options.accu_initial) /
                     (sc.compared + options.prior_claims);
  return out;
}

}  // namespace crosscheck
