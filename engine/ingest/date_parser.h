// Publication dates as pages print them.
//
//   ParseIsoDate("2022-09-07T10:00:00Z") -> 2022-09-07;  "2022" -> year only
//   ParseDateLine("22 Sep 2022 9:15 p.m") -> 2022-09-22
//
// Pure functions; thread-safe.
#ifndef CROSSCHECK_ENGINE_INGEST_DATE_PARSER_H_
#define CROSSCHECK_ENGINE_INGEST_DATE_PARSER_H_

#include <string_view>

#include "crosscheck/value.h"

namespace crosscheck {
namespace internal {

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" and an ISO datetime starting with a
// full date ("2022-09-07T10:00:00+02:00": the time is ignored). Returns false
// (and leaves *date alone) on anything else or on an impossible date.
bool ParseIsoDate(std::string_view s, ReferenceDate* date);

// Parses a line that is only a date: an ISO date, "22 Sep 2022", "22
// September 2022", "Sep 22, 2022", "Sept. 22, 2022", optionally after a
// weekday ("Thursday, ") or "Published"/"Updated"/"Posted" (with ":" or
// "on"), optionally followed by a time ("9:15 p.m", "21:15", "10am", "GMT").
// Any other word makes it not a date line. Returns false on failure.
bool ParseDateLine(std::string_view line, ReferenceDate* date);

// Month number (1-12) of an English month name or abbreviation ("Sep",
// "Sept", "September", any case), or 0.
int MonthFromName(std::string_view word);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_DATE_PARSER_H_
