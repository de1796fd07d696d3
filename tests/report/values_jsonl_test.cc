#include "engine/report/values_jsonl.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/normalize/normalizer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

std::vector<Json> Lines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(Json::parse(line));
  return out;
}

const Json* ValueWithText(const Json& line, const std::string& text) {
  for (const Json& v : line["values"])
    if (v["text"] == text) return &v;
  return nullptr;
}

TEST(ValuesJsonlTest, OneLinePerInputInOrderWithTheEncoding) {
  const Normalizer normalizer;
  std::istringstream in(
      "{\"id\": \"a\", \"text\": \"Since 2013, some 1000 members and more than a "
      "thousand informants; thousands left on July 15.\", \"reference\": "
      "\"2022-09-07T10:00:00\"}\n"
      "\n"
      "{\"id\": 7, \"text\": \"nothing here\"}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunValuesJsonl(normalizer, in, out, err), 0u);
  EXPECT_EQ(err.str(), "");
  const std::vector<Json> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u);  // the blank line gives none
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_EQ(lines[1]["id"], 7);
  EXPECT_TRUE(lines[1]["values"].empty());

  const Json& a = lines[0];
  // A year is a calendar kind: ISO dates, both ends inclusive.
  const Json* year = ValueWithText(a, "2013");
  ASSERT_NE(year, nullptr) << a.dump();
  EXPECT_EQ((*year)["kind"], "year");
  EXPECT_EQ((*year)["lo"], "2013-01-01");
  EXPECT_EQ((*year)["hi"], "2013-12-31");
  EXPECT_TRUE((*year)["unit"].is_null());
  // An approximation keeps its number.
  const Json* some = ValueWithText(a, "some 1000");
  ASSERT_NE(some, nullptr) << a.dump();
  EXPECT_EQ((*some)["lo"], 1000);
  EXPECT_EQ((*some)["hi"], 1000);
  EXPECT_EQ((*some)["qualifier"], "approx");
  // A comparative keeps its bound; the open end is null.
  const Json* more = ValueWithText(a, "more than a thousand");
  ASSERT_NE(more, nullptr) << a.dump();
  EXPECT_EQ((*more)["lo"], 1000);
  EXPECT_TRUE((*more)["hi"].is_null());
  EXPECT_EQ((*more)["qualifier"], "more_than");
  const Json* vague = ValueWithText(a, "thousands");
  ASSERT_NE(vague, nullptr) << a.dump();
  EXPECT_EQ((*vague)["lo"], 2000);
  EXPECT_TRUE((*vague)["hi"].is_null());
  EXPECT_EQ((*vague)["qualifier"], "vague");
  // A partial date resolves against the reference.
  const Json* date = ValueWithText(a, "July 15");
  ASSERT_NE(date, nullptr) << a.dump();
  EXPECT_EQ((*date)["kind"], "date");
  EXPECT_EQ((*date)["lo"], "2022-07-15");
  // Offsets are bytes of the text.
  const std::string text = "Since 2013, some 1000";
  EXPECT_EQ((*some)["start"], 12);
  EXPECT_EQ((*some)["end"], 21);
  EXPECT_EQ(text.substr(12, 9), "some 1000");
}

TEST(ValuesJsonlTest, OffsetsAreUtf8Bytes) {
  const Normalizer normalizer;
  std::istringstream in("{\"id\": \"u\", \"text\": \"Caf\\u00e9 \\u2014 \\u00a3522,000 paid\"}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunValuesJsonl(normalizer, in, out, err), 0u);
  const std::vector<Json> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u);
  const Json* money = ValueWithText(lines[0], "\xC2\xA3" "522,000");
  ASSERT_NE(money, nullptr) << lines[0].dump();
  // "Café — " is 4 + 1 + 1 + 3 + 1 = 10 bytes (é 2 bytes, — 3 bytes).
  EXPECT_EQ((*money)["start"], 10);
  EXPECT_EQ((*money)["end"], 10 + 2 + 7);
  EXPECT_EQ((*money)["unit"], "GBP");
}

TEST(ValuesJsonlTest, BadLinesKeepTheOutputAligned) {
  const Normalizer normalizer;
  std::istringstream in(
      "{\"id\": \"ok\", \"text\": \"in 2016\"}\n"
      "{\"id\": \"trunc\", \"text\": \"in 20\n"
      "[1, 2]\n"
      "{\"id\": \"notext\"}\n"
      "{\"id\": \"badref\", \"text\": \"in 2016\", \"reference\": \"Tuesday\"}\n"
      "{\"id\": \"last\", \"text\": \"in 2017\"}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunValuesJsonl(normalizer, in, out, err), 4u);
  const std::vector<Json> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0]["values"].size(), 1u);
  for (size_t i = 1; i <= 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(lines[i]["values"].empty());
    EXPECT_TRUE(lines[i].contains("error"));
  }
  EXPECT_EQ(lines[3]["id"], "notext");
  EXPECT_EQ(lines[5]["id"], "last");
  EXPECT_EQ(lines[5]["values"][0]["lo"], "2017-01-01");
  const std::string messages = err.str();
  EXPECT_NE(messages.find("stdin:2: invalid JSON"), std::string::npos) << messages;
  EXPECT_NE(messages.find("stdin:3: not a JSON object"), std::string::npos) << messages;
  EXPECT_NE(messages.find("stdin:4: no \"text\" string"), std::string::npos) << messages;
  EXPECT_NE(messages.find("stdin:5: \"reference\""), std::string::npos) << messages;
}

TEST(ValuesJsonlTest, TextModeGivesOffsetsIntoTheWholeInput) {
  const Normalizer normalizer;
  const std::string text = "Nothing.\n\nIn 2016 some 1000 left.\n\nNo values.";
  std::ostringstream out;
  RunValuesText(normalizer, text, out, ReferenceDate{2022, 9, 23});
  const std::vector<Json> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u);  // only paragraphs with values
  EXPECT_EQ(lines[0]["start"], 10);
  const Json* some = ValueWithText(lines[0], "some 1000");
  ASSERT_NE(some, nullptr);
  const size_t start = (*some)["start"];
  EXPECT_EQ(text.substr(start, 9), "some 1000");
}

}  // namespace
}  // namespace crosscheck
