// compare: lines up claims by fact key and decides what they say together.
//
// Claims with the same key (subject.fact) form a FactFinding. Claims with the
// same interval and qualifier share a ValueGroup. Two groups contradict when
// their intervals, widened by the fact's tolerance, cannot overlap, and the
// groups hold claims of two different sources; a source that contradicts
// itself gives a WithinSourceFinding instead. When every side of a
// contradiction is attributed to a different speaker, the finding is
// downgraded to "possible": the sources may report different people.
#ifndef CROSSCHECK_ENGINE_COMPARE_COMPARER_H_
#define CROSSCHECK_ENGINE_COMPARE_COMPARER_H_

#include <map>
#include <string>
#include <vector>

#include "crosscheck/finding.h"
#include "engine/rules/matcher.h"
#include "engine/rules/rule_set.h"

namespace crosscheck {

// How wide an approximation is when compared: "about 1,000" covers 900..1,100.
inline constexpr double kApproxRelative = 0.1;

// The interval a value group stands for when it is compared: an
// approximation widened by kApproxRelative, the bound of more_than /
// fewer_than excluded, then the fact's tolerance (`fact` may be null).
struct Interval {
  double lo = 0, hi = 0;
  bool lo_open = false, hi_open = false;
};
Interval ComparedInterval(const ValueGroup& group, const FactDef* fact);
bool Overlap(const Interval& a, const Interval& b);

struct CompareResult {
  std::vector<FactFinding> facts;  // contradictions first
  std::vector<WithinSourceFinding> within_source;
};

// `copy_of` maps a source id to the source it copies (absent: independent).
CompareResult CompareClaims(const std::vector<Claim>& claims,
                            const RuleSet& rules,
                            const std::map<std::string, std::string>& copy_of);

// A source that dates an event one way and places another date relative to
// it in a way that cannot hold ("July 23, a week before" an attack it dates
// July 15) gets a WithinSourceFinding. The event's date is the day-precision
// date the same source gives most often for that entity.
std::vector<WithinSourceFinding> CheckRelativeDates(
    const std::vector<RelativeDate>& relative, const std::vector<Claim>& claims);

// "2016", "about 1,000", "thousands (2,000 or more)", "2022-07-15".
std::string DisplayValue(ValueKind kind, double lo, double hi,
                         Qualifier qualifier, const std::string& unit);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPARE_COMPARER_H_
