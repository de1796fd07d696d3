#include "engine/ingest/date_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck {
namespace internal {
namespace {

struct DateCase {
  const char* text;
  int year, month, day;  // year 0: not a date line
};

void PrintTo(const DateCase& c, std::ostream* os) { *os << c.text; }

class DateLineTest : public testing::TestWithParam<DateCase> {};

TEST_P(DateLineTest, Parses) {
  const DateCase& c = GetParam();
  ReferenceDate d;
  const bool ok = ParseDateLine(c.text, &d);
  ASSERT_EQ(ok, c.year != 0) << c.text;
  if (!ok) return;
  EXPECT_EQ(d.year, c.year) << c.text;
  EXPECT_EQ(d.month, c.month) << c.text;
  EXPECT_EQ(d.day, c.day) << c.text;
}

constexpr DateCase kDateCases[] = {
    {"22 Sep 2022 9:15 p.m", 2022, 9, 22},
    {"22 September 2022", 2022, 9, 22},
    {"Sep 22, 2022", 2022, 9, 22},
    {"Sept. 22, 2022", 2022, 9, 22},
    {"September 22nd, 2022 at 10:05 GMT", 2022, 9, 22},
    {"Thursday, 22 Sep 2022", 2022, 9, 22},
    {"Published: 7 September 2022", 2022, 9, 7},
    {"Updated on Jan 29, 2023 10am", 2023, 1, 29},
    {"2022-09-07", 2022, 9, 7},
    {"2022-09-07T10:00:00Z", 2022, 9, 7},
    {"31 Feb 2022", 0, 0, 0},
    {"22 Sep 2022 was a Thursday", 0, 0, 0},
    {"The attack began in September 2022.", 0, 0, 0},
    {"Anas Samir", 0, 0, 0},
    {"", 0, 0, 0},
};

INSTANTIATE_TEST_SUITE_P(All, DateLineTest, testing::ValuesIn(kDateCases),
                         [](const auto& info) {
                           return "Case" + std::to_string(info.index);
                         });

TEST(DateParserTest, IsoDateGrains) {
  ReferenceDate d;
  ASSERT_TRUE(ParseIsoDate("2022", &d));
  EXPECT_EQ(d.year, 2022);
  EXPECT_EQ(d.month, 0);
  ASSERT_TRUE(ParseIsoDate("2022-09", &d));
  EXPECT_EQ(d.month, 9);
  EXPECT_EQ(d.day, 0);
  ASSERT_TRUE(ParseIsoDate("2022-09-07T10:00:00+02:00", &d));
  EXPECT_EQ(d.day, 7);
  EXPECT_FALSE(ParseIsoDate("2022-13-01", &d));
  EXPECT_FALSE(ParseIsoDate("2022-02-30", &d));
  EXPECT_FALSE(ParseIsoDate("22-09-07", &d));
  EXPECT_FALSE(ParseIsoDate("2022-09-07x", &d));
  EXPECT_FALSE(ParseIsoDate("next year", &d));
}

TEST(DateParserTest, MonthNames) {
  EXPECT_EQ(MonthFromName("Sep"), 9);
  EXPECT_EQ(MonthFromName("Sept."), 9);
  EXPECT_EQ(MonthFromName("september"), 9);
  EXPECT_EQ(MonthFromName("May"), 5);
  EXPECT_EQ(MonthFromName("Ma"), 0);
  EXPECT_EQ(MonthFromName("Septembre"), 0);
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
