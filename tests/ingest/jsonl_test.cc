#include "engine/ingest/jsonl.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/ingest/ingest.h"
#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace internal {
namespace {

TEST(JsonlTest, ParsesGoodLinesAndReportsBadOnes) {
  const std::string content =
      "{\"id\": \"a1\", \"title\": \"T1\", \"outlet\": \"O\", \"byline\": "
      "\"B\", "
      "\"published\": \"2022-09-07\", \"url\": \"https://x.org/a\", "
      "\"text\": \"Hello. World.\"}\n"
      "\n"
      "{\"text\": \"truncated\n"
      "[1, 2]\n"
      "{\"title\": \"no body\"}\n"
      "{\"text\": 42}\n"
      "{\"published\": \"2022\", \"html\": \"<p>Caf&eacute;</p>\"}\n"
      "{\"published\": \"yesterday\", \"text\": \"x\"}\n"
      "   \n"
      "{\"published\": \"2022-09-07T10:00:00Z\", \"text\": \"Last.\"}";
  std::vector<JsonlRecord> records;
  std::vector<JsonlProblem> problems;
  ParseJsonl(content, &records, &problems);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(*records[0].overrides.id, "a1");
  EXPECT_EQ(*records[0].overrides.title, "T1");
  EXPECT_EQ(*records[0].overrides.outlet, "O");
  EXPECT_EQ(*records[0].overrides.byline, "B");
  EXPECT_EQ(*records[0].overrides.url, "https://x.org/a");
  EXPECT_EQ(records[0].overrides.published.day, 7);
  EXPECT_EQ(records[0].body, "Hello. World.");
  EXPECT_FALSE(records[0].is_html);
  EXPECT_EQ(records[1].line, 7u);
  EXPECT_TRUE(records[1].is_html);
  EXPECT_EQ(records[1].overrides.published.year, 2022);
  EXPECT_EQ(records[1].overrides.published.month, 0);
  EXPECT_EQ(records[2].line, 10u);
  EXPECT_EQ(records[2].overrides.published.month, 9);

  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].message.rfind("invalid JSON", 0), 0u)
      << problems[0].message;
  EXPECT_EQ(problems[1].line, 4u);
  EXPECT_EQ(problems[1].message, "not a JSON object");
  EXPECT_EQ(problems[2].line, 5u);
  EXPECT_EQ(problems[2].message, "no \"text\" or \"html\" field");
  EXPECT_EQ(problems[3].line, 6u);
  EXPECT_EQ(problems[3].message, "\"text\" must be a string");
  EXPECT_EQ(problems[4].line, 8u);
  EXPECT_NE(problems[4].message.find("yesterday"), std::string::npos);
}

TEST(JsonlTest, NulInDecodedTextIsRefused) {
  std::vector<JsonlRecord> records;
  std::vector<JsonlProblem> problems;
  ParseJsonl("{\"text\": \"a\\u0000b\"}\n", &records, &problems);
  EXPECT_TRUE(records.empty());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "NUL byte in the text");
}

TEST(JsonlTest, IngestMakesOneDocumentPerGoodLine) {
  const std::string dir = testutil::ScratchDir();
  const std::string path = testutil::WriteFile(
      dir, "feed.jsonl",
      "{\"title\": \"First story\", \"text\": \"First story\\nIt began. It "
      "ended.\"}\n"
      "not json at all\n"
      "{\"id\": \"custom\", \"outlet\": \"Exit News\", \"html\": "
      "\"<h1>Head</h1><p>Tom &amp; Jerry ran.</p><script>bad()</script>\"}\n");
  auto result = IngestPaths({path});
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->documents.size(), 2u);
  const Document& a = result->documents[0];
  EXPECT_EQ(a.id, "feed-1");
  EXPECT_EQ(a.path, path);
  EXPECT_EQ(a.line, 1u);
  EXPECT_EQ(a.format, "jsonl");
  EXPECT_EQ(a.title, "First story");
  EXPECT_EQ(a.text, "First story\nIt began. It ended.");
  EXPECT_EQ(
      testutil::SentenceTexts(a),
      (std::vector<std::string>{"First story", "It began.", "It ended."}));
  const Document& b = result->documents[1];
  EXPECT_EQ(b.id, "custom");
  EXPECT_EQ(b.line, 3u);
  EXPECT_EQ(b.outlet, "Exit News");
  EXPECT_EQ(b.title, "Head");
  EXPECT_EQ(b.text, "Head\n\nTom & Jerry ran.");
  EXPECT_EQ(b.text.find("bad()"), std::string::npos);
  // Offsets of an html line refer to the decoded html string.
  const std::string html =
      "<h1>Head</h1><p>Tom &amp; Jerry ran.</p><script>bad()</script>";
  const size_t jerry = b.text.find("Jerry");
  EXPECT_EQ(html.substr(b.OriginalOffset(jerry), 5), "Jerry");

  ASSERT_EQ(result->diagnostics.size(), 1u);
  const Diagnostic& d = result->diagnostics[0];
  EXPECT_EQ(d.level, Diagnostic::Level::kWarning);
  EXPECT_EQ(d.line, 2u);
  EXPECT_EQ(d.ToString().rfind(path + ":2: invalid JSON", 0), 0u)
      << d.ToString();
}

TEST(JsonlTest, LinesOverALimitAreRefusedNamingIt) {
  JsonlLimits limits;
  limits.max_line_bytes = 200;
  limits.max_text_line_bytes = 20;
  limits.max_html_depth = 3;
  const std::string content =
      "{\"text\": \"short\\nlines\"}\n"
      "{\"text\": \"one line of more than twenty bytes\"}\n"
      "{\"html\": \"<p>one paragraph of more than twenty bytes</p>\"}\n"
      "{\"html\": \"<div><div><div><div>deep</div></div></div></div>\"}\n"
      "{\"text\": \"" + std::string(300, 'x') + "\"}\n";
  std::vector<JsonlRecord> records;
  std::vector<JsonlProblem> problems;
  ParseJsonl(content, &records, &problems, limits);
  ASSERT_EQ(records.size(), 2u);  // HTML has no lines to limit
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].line, 3u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_EQ(problems[0].message,
            "\"text\": line 1 is 34 bytes long, over the limit of 20 bytes per line");
  EXPECT_EQ(problems[1].line, 4u);
  EXPECT_EQ(problems[1].message,
            "\"html\": HTML elements nested more than 3 deep at line 1 (the limit)");
  EXPECT_EQ(problems[2].line, 5u);
  EXPECT_EQ(problems[2].message, "line too large (312 bytes; limit 200 bytes for one article)");
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
