#include "crosscheck/value.h"

#include <cstdio>

namespace crosscheck {

std::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kCount:
      return "count";
    case ValueKind::kOrdinal:
      return "ordinal";
    case ValueKind::kPercent:
      return "percent";
    case ValueKind::kMoney:
      return "money";
    case ValueKind::kQuantity:
      return "quantity";
    case ValueKind::kYear:
      return "year";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kDateRange:
      return "daterange";
    case ValueKind::kDuration:
      return "duration";
  }
  return "count";
}

std::string_view QualifierName(Qualifier qualifier) {
  switch (qualifier) {
    case Qualifier::kExact:
      return "exact";
    case Qualifier::kApprox:
      return "approx";
    case Qualifier::kMoreThan:
      return "more_than";
    case Qualifier::kAtLeast:
      return "at_least";
    case Qualifier::kFewerThan:
      return "fewer_than";
    case Qualifier::kAtMost:
      return "at_most";
    case Qualifier::kVague:
      return "vague";
  }
  return "exact";
}

bool IsCalendarKind(ValueKind kind) {
  return kind == ValueKind::kYear || kind == ValueKind::kDate ||
         kind == ValueKind::kDateRange;
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  *month = m;
  *day = d;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

std::string IsoDate(int64_t days) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace crosscheck
