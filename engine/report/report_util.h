// Small pieces the report writers share: JSON values as the report
// contract prints them, and URLs that are safe to hand on.
#ifndef CROSSCHECK_ENGINE_REPORT_REPORT_UTIL_H_
#define CROSSCHECK_ENGINE_REPORT_REPORT_UTIL_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "crosscheck/finding.h"
#include "crosscheck/value.h"

namespace crosscheck::internal {

// Length of the well-formed UTF-8 sequence at text[i] (2 to 4), or 0 for
// anything else: ASCII, a stray continuation byte, an overlong form, a
// surrogate, a code point beyond U+10FFFF or a sequence cut short.
size_t Utf8Length(std::string_view text, size_t i);

// A value's bound as "crosscheck.report/1" prints it: dates (kDate,
// kDateRange) as ISO strings, an unbounded end as null, whole numbers as
// integers, others as doubles.
nlohmann::ordered_json JsonBound(ValueKind kind, double x);
// null for "", else the string.
nlohmann::ordered_json JsonNullable(const std::string& s);

// Bytes outside the URI unreserved set (A-Z a-z 0-9 - . _ ~) and `keep` as
// %XX.
std::string PercentEncode(std::string_view bytes, std::string_view keep);

// `url` when it is an http or https URL (scheme in any case), with bytes a
// URI may not hold (spaces, quotes, non-ASCII) percent-encoded; "" for any
// other scheme: a javascript: or data: URL from a manifest must never become
// a link.
std::string WebUrl(std::string_view url);

// What a corroborated fact says and who says it: its values joined
// ("1962, 1962-05") and the sources of its claims, sorted. Views into `fact`.
struct Corroboration {
  std::string values;
  std::set<std::string_view> sources;
};
Corroboration Corroborate(const FactFinding& fact);

}  // namespace crosscheck::internal

#endif  // CROSSCHECK_ENGINE_REPORT_REPORT_UTIL_H_
