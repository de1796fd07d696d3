// Values: what the normalize stage finds in text.
//
// Every value is an interval [lo, hi] (both inclusive) with a qualifier and
// the byte span of the words it came from. Unbounded ends are -inf / +inf.
// The interval states what the text states: "some 1000" is 1000..1000 with
// qualifier approx; "more than 30" is 30..inf with qualifier more_than (the
// qualifier says the bound itself is excluded); "fewer than 3 million" is
// -inf..3e6; "thousands" is 2000..inf, vague. How wide "about" is, is decided
// where values are compared (compare/comparer.h).
//   numbers (count, ordinal, percent, money, quantity, duration): lo/hi are
//     numbers in the canonical unit;
//   year: lo/hi are years (2016, 2016);
//   date, daterange: lo/hi are civil day numbers (days since 1970-01-01,
//     see DaysFromCivil), so "July 2022" is [2022-07-01, 2022-07-31].
#ifndef CROSSCHECK_VALUE_H_
#define CROSSCHECK_VALUE_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace crosscheck {

enum class ValueKind {
  kCount,
  kOrdinal,
  kPercent,
  kMoney,
  kQuantity,
  kYear,
  kDate,
  kDateRange,
  kDuration,
};

enum class Qualifier {
  kExact,
  kApprox,     // about, some, around, an estimated
  kMoreThan,   // more than, over
  kAtLeast,    // at least
  kFewerThan,  // fewer than, less than, under
  kAtMost,     // up to, at most
  kVague,      // thousands, dozens, hundreds of
};

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

struct Value {
  size_t start = 0;  // byte offsets into the text given to the normalizer;
  size_t end = 0;    // end exclusive
  ValueKind kind = ValueKind::kCount;
  double lo = 0;
  double hi = 0;
  Qualifier qualifier = Qualifier::kExact;
  // Canonical unit: "" for plain numbers and calendar kinds; "m", "km",
  // "m3", "h", "day", "year", "USD", "GBP", "EUR", "%"...
  std::string unit;
  // For calendar kinds: the year (or the whole date) came from the reference
  // date rather than the text ("July 15", "last year").
  bool resolved_from_reference = false;
};

// The date relative expressions resolve against (usually the publication
// date). year == 0 means unknown; month/day == 0 mean unknown at that grain.
struct ReferenceDate {
  int year = 0;
  int month = 0;
  int day = 0;
  bool known() const { return year != 0; }
};

std::string_view KindName(ValueKind kind);
std::string_view QualifierName(Qualifier qualifier);
bool IsCalendarKind(ValueKind kind);  // year, date, daterange

// Proleptic Gregorian calendar helpers (Howard Hinnant's algorithms).
int64_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(int64_t days, int* year, int* month, int* day);
int DaysInMonth(int year, int month);
std::string IsoDate(int64_t days);  // "2022-07-15"

}  // namespace crosscheck

#endif  // CROSSCHECK_VALUE_H_
