#include "engine/compare/comparer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace crosscheck {
namespace {

std::string FormatNumber(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  if (std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", x);
    // Thousands separators.
    std::string s = buf;
    const bool negative = !s.empty() && s[0] == '-';
    std::string digits = negative ? s.substr(1) : s;
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return (negative ? "-" : "") + out;
  }
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

// The number the qualifier was applied to.
double Nominal(double lo, double hi, Qualifier q) {
  return q == Qualifier::kFewerThan || q == Qualifier::kAtMost ? hi : lo;
}

// Sources of the claims that count (a waived claim does not).
std::set<std::string> SourcesOf(const ValueGroup& g) {
  std::set<std::string> out;
  for (const Claim& c : g.claims)
    if (!c.waiver) out.insert(c.source);
  return out;
}

// The one speaker of a group, or "" when a claim has none or they differ.
std::string SoleSpeaker(const ValueGroup& g) {
  std::string speaker;
  for (const Claim& c : g.claims) {
    if (c.waiver) continue;
    if (c.attributed_to.empty()) return "";
    if (speaker.empty()) speaker = c.attributed_to;
    else if (speaker != c.attributed_to) return "";
  }
  return speaker;
}

}  // namespace

Interval ComparedInterval(const ValueGroup& g, const FactDef* fact) {
  Interval r{g.lo, g.hi, false, false};
  if (!IsCalendarKind(g.kind)) {
    if (g.qualifier == Qualifier::kApprox) {
      r.lo = g.lo - kApproxRelative * std::fabs(g.lo);
      r.hi = g.hi + kApproxRelative * std::fabs(g.hi);
    }
    r.lo_open = g.qualifier == Qualifier::kMoreThan;
    r.hi_open = g.qualifier == Qualifier::kFewerThan;
  }
  if (fact != nullptr) {
    // An unbounded end stays unbounded (and 0 * inf would be NaN).
    auto widen = [&](double x) {
      if (std::isinf(x)) return 0.0;
      return fact->tolerance_absolute + fact->tolerance_relative * std::fabs(x);
    };
    const double wl = widen(r.lo), wh = widen(r.hi);
    if (wl > 0) r.lo_open = false;
    if (wh > 0) r.hi_open = false;
    r.lo -= wl;
    r.hi += wh;
  }
  return r;
}

bool Overlap(const Interval& a, const Interval& b) {
  auto below = [](double hi, bool hi_open, double lo, bool lo_open) {
    return hi < lo || (hi == lo && (hi_open || lo_open));
  };
  return !below(a.hi, a.hi_open, b.lo, b.lo_open) &&
         !below(b.hi, b.hi_open, a.lo, a.lo_open);
}

std::string DisplayValue(ValueKind kind, double lo, double hi,
                         Qualifier qualifier, const std::string& unit) {
  const std::string u = unit.empty() ? "" : (unit == "%" ? "%" : " " + unit);
  if (kind == ValueKind::kYear) {
    if (std::isinf(lo) || std::isinf(hi)) {
      if (std::isinf(lo) && std::isinf(hi)) return "any year";
      return std::isinf(lo) ? "until " + std::to_string(static_cast<long long>(hi))
                            : "from " + std::to_string(static_cast<long long>(lo));
    }
    if (lo == hi) return std::to_string(static_cast<long long>(lo));
    return std::to_string(static_cast<long long>(lo)) + "-" +
           std::to_string(static_cast<long long>(hi));
  }
  if (kind == ValueKind::kDate || kind == ValueKind::kDateRange) {
    if (std::isinf(lo) || std::isinf(hi)) {
      if (std::isinf(lo) && std::isinf(hi)) return "any date";
      return std::isinf(lo) ? "until " + IsoDate(static_cast<int64_t>(hi))
                            : "from " + IsoDate(static_cast<int64_t>(lo));
    }
    if (lo == hi) return IsoDate(static_cast<int64_t>(lo));
    return IsoDate(static_cast<int64_t>(lo)) + ".." +
           IsoDate(static_cast<int64_t>(hi));
  }
  const double n = Nominal(lo, hi, qualifier);
  switch (qualifier) {
    case Qualifier::kExact:
      if (lo == hi) return FormatNumber(lo) + u;
      return FormatNumber(lo) + "-" + FormatNumber(hi) + u;
    case Qualifier::kApprox: return "about " + FormatNumber(n) + u;
    case Qualifier::kMoreThan: return "more than " + FormatNumber(n) + u;
    case Qualifier::kAtLeast: return "at least " + FormatNumber(n) + u;
    case Qualifier::kFewerThan: return "fewer than " + FormatNumber(n) + u;
    case Qualifier::kAtMost: return "up to " + FormatNumber(n) + u;
    case Qualifier::kVague:
      return "vague: " + FormatNumber(lo) + " or more" + u;
  }
  return FormatNumber(lo) + u;
}

CompareResult CompareClaims(const std::vector<Claim>& claims,
                            const RuleSet& rules,
                            const std::map<std::string, std::string>& copy_of) {
  CompareResult result;
  std::map<std::string, std::vector<const Claim*>> by_key;
  for (const Claim& c : claims) by_key[c.key].push_back(&c);
  for (const auto& [key, group] : by_key) {
    const FactDef* fact = rules.FindFact(group.front()->fact_id);
    FactFinding finding;
    finding.key = key;
    finding.label = group.front()->label;
    // Value groups: same interval, qualifier and unit.
    std::map<std::tuple<double, double, int, std::string>, size_t> index;
    for (const Claim* c : group) {
      const auto k = std::make_tuple(c->lo, c->hi,
                                     static_cast<int>(c->value.qualifier),
                                     c->value.unit);
      auto it = index.find(k);
      if (it == index.end()) {
        ValueGroup g;
        g.kind = c->fact_kind;
        g.lo = c->lo;
        g.hi = c->hi;
        g.unit = c->value.unit;
        g.qualifier = IsCalendarKind(c->fact_kind) ? Qualifier::kExact
                                                   : c->value.qualifier;
        g.display = DisplayValue(g.kind, g.lo, g.hi, g.qualifier, g.unit);
        it = index.emplace(k, finding.values.size()).first;
        finding.values.push_back(std::move(g));
      }
      finding.values[it->second].claims.push_back(*c);
    }
    std::sort(finding.values.begin(), finding.values.end(),
              [](const ValueGroup& a, const ValueGroup& b) {
                return std::tie(a.lo, a.hi) < std::tie(b.lo, b.hi);
              });
    std::set<std::string> sources;
    for (const Claim* c : group)
      if (!c->waiver) sources.insert(c->source);
    for (const std::string& s : sources) {
      auto it = copy_of.find(s);
      if (it == copy_of.end() || !sources.count(it->second))
        ++finding.independent_sources;
    }
    // Pairs of groups that cannot both hold.
    bool contradiction = false;
    bool all_by_different_speakers = true;
    std::set<std::string> self_contradicting;
    std::vector<std::set<std::string>> group_sources;  // once per group
    for (const ValueGroup& g : finding.values) group_sources.push_back(SourcesOf(g));
    for (size_t i = 0; i < finding.values.size(); ++i) {
      for (size_t j = i + 1; j < finding.values.size(); ++j) {
        const ValueGroup& a = finding.values[i];
        const ValueGroup& b = finding.values[j];
        if (Overlap(ComparedInterval(a, fact), ComparedInterval(b, fact))) continue;
        const std::set<std::string>& sa = group_sources[i];
        const std::set<std::string>& sb = group_sources[j];
        if (sa.empty() || sb.empty()) continue;  // every claim of a side waived
        // £64m and $120m may be one sum: without exchange rates, values in
        // different units are not compared.
        if (a.unit != b.unit) continue;
        bool cross = false;
        for (const std::string& x : sa)
          for (const std::string& y : sb) {
            if (x != y) cross = true;
            else self_contradicting.insert(x);
          }
        finding.values[i].conflicts.push_back(static_cast<int>(j));
        finding.values[j].conflicts.push_back(static_cast<int>(i));
        if (!cross) continue;
        contradiction = true;
        const std::string speaker_a = SoleSpeaker(a), speaker_b = SoleSpeaker(b);
        if (speaker_a.empty() || speaker_b.empty() || speaker_a == speaker_b)
          all_by_different_speakers = false;
      }
    }
    for (const std::string& s : self_contradicting) {
      WithinSourceFinding w;
      w.source = s;
      w.severity = Severity::kPossible;
      std::string values;
      for (const ValueGroup& g : finding.values) {
        for (const Claim& c : g.claims) {
          if (c.source != s) continue;
          w.claims.push_back(c);
          if (values.find(g.display) == std::string::npos)
            values += (values.empty() ? "" : " and ") + g.display;
        }
      }
      w.finding = "gives " + values + " for " + finding.label;
      result.within_source.push_back(std::move(w));
    }
    if (contradiction) {
      finding.status = FactStatus::kContradiction;
      finding.severity = fact ? fact->severity : Severity::kHigh;
      if (fact) finding.note = fact->message;
      if (all_by_different_speakers && finding.severity == Severity::kHigh) {
        finding.severity = Severity::kPossible;
        std::string who;
        for (const ValueGroup& g : finding.values) {
          who += (who.empty() ? "" : "; ") + SoleSpeaker(g) + ": " + g.display;
        }
        finding.note = "each side comes from a different speaker (" + who +
                       "): the sources may report different people's claims";
      }
    } else {
      finding.status = sources.size() > 1 ? FactStatus::kAgreement
                                          : FactStatus::kSingle;
      finding.severity = Severity::kInfo;
    }
    result.facts.push_back(std::move(finding));
  }
  std::stable_sort(result.facts.begin(), result.facts.end(),
                   [](const FactFinding& a, const FactFinding& b) {
                     if (a.status != b.status) return a.status < b.status;
                     if (a.severity != b.severity) return a.severity > b.severity;
                     return a.key < b.key;
                   });
  return result;
}

std::vector<WithinSourceFinding> CheckRelativeDates(
    const std::vector<RelativeDate>& relative, const std::vector<Claim>& claims) {
  std::vector<WithinSourceFinding> out;
  for (const RelativeDate& r : relative) {
    // The event's day-precision dates in the same source, most common first.
    std::map<int64_t, std::vector<const Claim*>> dates;
    for (const Claim& c : claims) {
      if (c.source != r.anchor.source || c.subject != r.entity) continue;
      if (c.value.kind != ValueKind::kDate || c.value.lo != c.value.hi) continue;
      dates[static_cast<int64_t>(c.value.lo)].push_back(&c);
    }
    if (dates.empty()) continue;
    auto best = dates.begin();
    for (auto it = dates.begin(); it != dates.end(); ++it)
      if (it->second.size() > best->second.size()) best = it;
    const int64_t implied = static_cast<int64_t>(r.anchor.lo) + r.offset_days;
    const int64_t tolerance =
        std::max<int64_t>(1, std::llabs(r.offset_days) / 4);
    if (std::llabs(implied - best->first) <= tolerance) continue;
    WithinSourceFinding w;
    w.source = r.anchor.source;
    w.severity = Severity::kPossible;
    w.finding = "puts " + r.anchor.text + " (" +
                IsoDate(static_cast<int64_t>(r.anchor.lo)) + ") " + r.phrase +
                ", which would date it " + IsoDate(implied) +
                ", but the same article dates it " + IsoDate(best->first);
    w.claims.push_back(r.anchor);
    w.claims.push_back(*best->second.front());
    out.push_back(std::move(w));
  }
  return out;
}

std::string_view FactStatusName(FactStatus status) {
  switch (status) {
    case FactStatus::kContradiction: return "contradiction";
    case FactStatus::kAgreement: return "agreement";
    case FactStatus::kSingle: return "single";
  }
  return "single";
}

}  // namespace crosscheck
