#include "engine/ingest/manifest.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace internal {
namespace {

TEST(ManifestTest, ParsesEntries) {
  auto m = ParseManifest(
      "articles:\n"
      "  - file: a.txt\n"
      "    id: alpha\n"
      "    title: \"A title\"\n"
      "    outlet: RT EN\n"
      "    published: 2022-09-22\n"
      "    notes: whatever\n"
      "  - file: b.txt\n"
      "    title: null\n"
      "    byline: Anas Samir\n"
      "    published_year: 2023\n"
      "    dateline: TIRANA, Albania\n"
      "    url: https://example.org/b\n",
      "dir/sources.yaml");
  ASSERT_TRUE(m.ok()) << m.status().message();
  const ManifestEntry* a = m->Find("a.txt");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->line, 2u);
  EXPECT_EQ(*a->overrides.id, "alpha");
  EXPECT_EQ(*a->overrides.title, "A title");
  EXPECT_EQ(*a->overrides.outlet, "RT EN");
  EXPECT_EQ(a->overrides.published.day, 22);
  const ManifestEntry* b = m->Find("b.txt");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->overrides.title.has_value());
  EXPECT_EQ(*b->overrides.title, "");  // null: no title
  EXPECT_FALSE(b->overrides.id.has_value());
  EXPECT_EQ(b->overrides.published.year, 2023);
  EXPECT_EQ(b->overrides.published.month, 0);
  EXPECT_EQ(*b->overrides.dateline, "TIRANA, Albania");
  EXPECT_EQ(m->Find("c.txt"), nullptr);
}

TEST(ManifestTest, ParsesTheCorpusManifest) {
  std::ifstream in(testutil::CorpusDir() + "/sources.yaml");
  if (!in) GTEST_SKIP() << "corpus not found";
  std::stringstream ss;
  ss << in.rdbuf();
  auto m = ParseManifest(ss.str(), "sources.yaml");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->entries.size(), 5u);
  EXPECT_EQ(*m->Find("rt-investigation.txt")->overrides.outlet, "RT EN");
}

struct BadCase {
  const char* yaml;
  const char* message;  // expected full message
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.message; }

class ManifestErrorTest : public testing::TestWithParam<BadCase> {};

TEST_P(ManifestErrorTest, NamesLineAndColumn) {
  auto m = ParseManifest(GetParam().yaml, "d/sources.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(), GetParam().message);
}

constexpr BadCase kBadCases[] = {
    {"articles:\n  - file: a.txt\n    title: [1, 2\n",
     "d/sources.yaml:4:1: end of sequence flow not found"},
    {"articles:\n  - file: a.txt\n   title: x\n",
     "d/sources.yaml:3:4: end of sequence not found"},
    {"articles:\n  - file: [a.txt]\n",
     "d/sources.yaml:2:11: 'file' must be a string"},
    {"articles:\n  - file: ../etc/passwd\n",
     "d/sources.yaml:2:11: 'file' must name a file inside the folder, not "
     "'../etc/passwd'"},
    {"articles:\n  - file: /etc/passwd\n",
     "d/sources.yaml:2:11: 'file' must name a file inside the folder, not "
     "'/etc/passwd'"},
    {"articles:\n  - title: x\n", "d/sources.yaml:2:5: entry has no 'file'"},
    {"articles:\n  - file: a.txt\n    tilte: x\n",
     "d/sources.yaml:3:5: unknown key 'tilte'"},
    {"articles:\n  - file: a.txt\n    published: 2022-13-01\n",
     "d/sources.yaml:3:16: 'published' must be a date YYYY-MM-DD, not "
     "'2022-13-01'"},
    {"articles:\n  - file: a.txt\n    published_year: soon\n",
     "d/sources.yaml:3:21: 'published_year' must be a year like 2022, not "
     "'soon'"},
    {"articles: a.txt\n", "d/sources.yaml:1:11: 'articles' must be a list"},
    {"- a.txt\n", "d/sources.yaml:1:1: expected a mapping with 'articles:'"},
    {"articles:\n  - file: a.txt\n  - file: a.txt\n",
     "d/sources.yaml:3:5: 'a.txt' is listed twice"},
};

INSTANTIATE_TEST_SUITE_P(All, ManifestErrorTest, testing::ValuesIn(kBadCases),
                         [](const auto& info) {
                           return "Case" + std::to_string(info.index);
                         });

}  // namespace
}  // namespace internal
}  // namespace crosscheck
