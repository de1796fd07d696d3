#include "engine/ingest/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace {

using testutil::ScratchDir;
using testutil::WriteFile;

struct BadFile {
  const char* name;
  std::string bytes;
  size_t line;
  const char* message;
};

std::vector<BadFile> BadFiles() {
  return {
      {"empty.txt", "", 0, "empty file"},
      {"binary.txt", std::string("one\ntwo\n\x01\x02", 10) + '\0' + "x", 3,
       "binary file (NUL byte at line 3)"},
      {"latin1.txt", "Title\nCaf\xE9 au lait\n", 2,
       "invalid UTF-8 at line 2, column 4 (byte 0xE9)"},
      {"utf16.txt", std::string("\xFF\xFEH\0i\0", 6), 1,
       "UTF-16 text is not supported; convert to UTF-8"},
      {"huge.txt", std::string(2000, 'a'), 0,
       "file too large (2000 bytes; limit 1000)"},
  };
}

IngestOptions SmallLimit() {
  IngestOptions options;
  options.max_file_bytes = 1000;
  return options;
}

TEST(IngestTest, BadFileNamedDirectlyIsAnError) {
  const std::string dir = ScratchDir();
  for (const BadFile& bad : BadFiles()) {
    const std::string path = WriteFile(dir, bad.name, bad.bytes);
    auto result = IngestPaths({path}, SmallLimit());
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_TRUE(result->documents.empty()) << bad.name;
    ASSERT_EQ(result->diagnostics.size(), 1u) << bad.name;
    const Diagnostic& d = result->diagnostics[0];
    EXPECT_EQ(d.level, Diagnostic::Level::kError) << bad.name;
    EXPECT_EQ(d.path, path);
    EXPECT_EQ(d.line, bad.line) << bad.name;
    EXPECT_EQ(d.message, bad.message) << bad.name;
  }
}

TEST(IngestTest, BadFileInAFolderIsAWarningAndTheRestGoOn) {
  const std::string dir = ScratchDir();
  for (const BadFile& bad : BadFiles()) WriteFile(dir, bad.name, bad.bytes);
  WriteFile(dir, "good.txt", "A Good Headline Here Today\n\nIt is fine.\n");
  auto result = IngestPaths({dir}, SmallLimit());
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->documents.size(), 1u);
  EXPECT_EQ(result->documents[0].id, "good");
  ASSERT_EQ(result->diagnostics.size(), BadFiles().size());
  for (const Diagnostic& d : result->diagnostics) {
    EXPECT_EQ(d.level, Diagnostic::Level::kWarning) << d.ToString();
  }
  // Sorted by file name: binary, empty, huge, latin1, utf16.
  EXPECT_EQ(result->diagnostics[0].ToString(),
            dir + "/binary.txt:3: binary file (NUL byte at line 3)");
  EXPECT_EQ(
      result->diagnostics[3].ToString(),
      dir + "/latin1.txt:2: invalid UTF-8 at line 2, column 4 (byte 0xE9)");
  EXPECT_EQ(result->diagnostics[1].ToString(), dir + "/empty.txt: empty file");
}

TEST(IngestTest, MissingPathIsNotFound) {
  const std::string dir = ScratchDir();
  auto result = IngestPaths({dir + "/nope.txt"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find(dir + "/nope.txt"),
            std::string::npos);
}

TEST(IngestTest, FoldersAreReadWithSubfoldersInOrder) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "b.md", "# Bee\n\nText about bees.\n");
  WriteFile(dir, "a.txt", "Ay\n\nText.\n");
  WriteFile(dir, "c.htm", "<h1>Sea</h1><p>Water.</p>");
  WriteFile(dir, "README", "not an article");
  WriteFile(dir, "expected.yaml", "x: 1\n");
  WriteFile(dir, "photo.jpg", "\xFF\xD8\xFF");
  std::filesystem::create_directories(dir + "/sub");
  WriteFile(dir + "/sub", "deep.txt", "Deep\n\nRead too.\n");
  std::filesystem::create_directories(dir + "/.git");
  WriteFile(dir + "/.git", "hidden.txt", "Hidden\n\nNever read.\n");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::vector<std::string> ids;
  for (const Document& d : result->documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "deep"}));
  EXPECT_EQ(result->documents[1].format, "md");
  EXPECT_EQ(result->documents[1].title, "Bee");
  EXPECT_EQ(result->documents[2].format, "html");
  EXPECT_EQ(result->documents[2].title, "Sea");
  std::vector<std::string> notes;
  for (const Diagnostic& d : result->diagnostics) {
    EXPECT_EQ(d.level, Diagnostic::Level::kNote);
    notes.push_back(d.ToString());
  }
  EXPECT_EQ(notes, (std::vector<std::string>{
                       dir + "/README: skipped (not an article format)",
                       dir + "/expected.yaml: skipped (not an article format)",
                       dir + "/photo.jpg: skipped (not an article format)"}));
}

TEST(IngestTest, SymlinkLoopIsReadOnce) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "a.txt", "Ay\n\nText.\n");
  std::filesystem::create_directories(dir + "/sub");
  std::filesystem::create_directory_symlink(dir, dir + "/sub/loop");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->documents.size(), 1u);
  bool noted = false;
  for (const Diagnostic& d : result->diagnostics)
    noted |= d.ToString() == dir + "/sub/loop: skipped (folder already read)";
  EXPECT_TRUE(noted);
}

TEST(IngestTest, RepeatedSourceIdGetsASuffix) {
  const std::string dir = ScratchDir();
  std::filesystem::create_directories(dir + "/one");
  std::filesystem::create_directories(dir + "/two");
  WriteFile(dir + "/one", "report.txt", "One\n\nText.\n");
  WriteFile(dir + "/two", "report.txt", "Two\n\nText.\n");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->documents.size(), 2u);
  EXPECT_EQ(result->documents[0].id, "report");
  EXPECT_EQ(result->documents[1].id, "report-2");
  ASSERT_EQ(result->diagnostics.size(), 1u);
  EXPECT_EQ(result->diagnostics[0].level, Diagnostic::Level::kWarning);
  EXPECT_NE(result->diagnostics[0].message.find("duplicate source id 'report'"),
            std::string::npos);
}

TEST(IngestTest, ManifestOverridesWhatIngestFound) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "sources.yaml",
            "articles:\n"
            "  - file: story.txt\n"
            "    id: the-story\n"
            "    title: \"Stated Title\"\n"
            "    outlet: Stated Outlet\n"
            "    byline: Stated Author\n"
            "    url: https://example.org/s\n"
            "    published: 2022-09-11\n"
            "  - file: notitle.txt\n"
            "    title: null\n"
            "    published_year: 2023\n");
  WriteFile(
      dir, "story.txt",
      "Found Title \xE2\x80\x94 Found Outlet\n\n22 Sep 2022\n\nBody text.\n");
  WriteFile(dir, "notitle.txt", "Short Line Without Period\n\nBody here.\n");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->diagnostics.empty());  // sources.yaml is not "skipped"
  ASSERT_EQ(result->documents.size(), 2u);
  const Document& n = result->documents[0];
  EXPECT_EQ(n.id, "notitle");
  EXPECT_EQ(n.title, "");
  EXPECT_EQ(n.published.year, 2023);
  for (const Block& b : n.blocks) EXPECT_NE(b.kind, BlockKind::kTitle);
  for (const Sentence& s : n.sentences) EXPECT_FALSE(s.headline);
  const Document& s = result->documents[1];
  EXPECT_EQ(s.id, "the-story");
  EXPECT_EQ(s.title, "Stated Title");
  EXPECT_EQ(s.outlet, "Stated Outlet");
  EXPECT_EQ(s.byline, "Stated Author");
  EXPECT_EQ(s.url, "https://example.org/s");
  EXPECT_EQ(s.published.month, 9);
  EXPECT_EQ(s.published.day, 11);

  // The folder's manifest also applies to a file named directly.
  auto direct = IngestPaths({dir + "/story.txt"});
  ASSERT_TRUE(direct.ok());
  ASSERT_EQ(direct->documents.size(), 1u);
  EXPECT_EQ(direct->documents[0].id, "the-story");
}

TEST(IngestTest, BrokenManifestStopsTheRun) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "a.txt", "Title\n\nBody.\n");
  WriteFile(dir, "sources.yaml", "articles:\n  - file: ../../a.txt\n");
  auto result = IngestPaths({dir});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            dir +
                "/sources.yaml:2:11: 'file' must name a file inside the "
                "folder, not '../../a.txt'");
  WriteFile(dir, "sources.yaml", "articles:\n  - file: a.txt\n    title: [x\n");
  result = IngestPaths({dir});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message().rfind(dir + "/sources.yaml:4:1: ", 0), 0u)
      << result.status().message();
}

TEST(IngestTest, ManifestNamingAMissingFileWarns) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "a.txt", "Title\n\nBody.\n");
  WriteFile(dir, "sources.yaml",
            "articles:\n  - file: a.txt\n  - file: gone.txt\n");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->diagnostics.size(), 1u);
  EXPECT_EQ(result->diagnostics[0].ToString(),
            dir + "/sources.yaml:3: 'gone.txt' is listed but does not exist");
}

TEST(IngestTest, Utf8BomIsSkippedAndOffsetsStayFileOffsets) {
  const std::string content =
      "\xEF\xBB\xBFHeadline Words Here Today\n\nIt began. It ended.\n";
  auto doc = ParseArticle(content, "txt", "bom.txt", "");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->title, "Headline Words Here Today");
  EXPECT_EQ(doc->text.substr(0, 8), "Headline");
  ASSERT_EQ(doc->sentences.size(), 3u);
  for (const Sentence& s : doc->sentences) {
    const std::string_view text = doc->Slice(s.span);
    EXPECT_EQ(content.substr(doc->OriginalOffset(s.span.start), text.size()),
              text);
  }
}

TEST(IngestTest, ParseArticleRefusesBadInputNamingPathAndLine) {
  auto empty = ParseArticle("", "txt", "x.txt", "x");
  EXPECT_EQ(empty.status().message(), "x.txt: empty file");
  auto binary = ParseArticle(std::string_view("a\n\0", 3), "txt", "x.txt", "x");
  EXPECT_EQ(binary.status().message(),
            "x.txt:2: binary file (NUL byte at line 2)");
  auto latin = ParseArticle("\xE9", "html", "x.html", "x");
  EXPECT_EQ(latin.status().message(),
            "x.html:1: invalid UTF-8 at line 1, column 1 (byte 0xE9)");
  auto format = ParseArticle("text", "pdf", "x.pdf", "x");
  EXPECT_EQ(format.status().code(), StatusCode::kInvalidArgument);
}

TEST(IngestTest, TextOffsetsAreIdentity) {
  auto doc =
      ParseArticle("Title Line Here Now\n\nBody one.\n", "txt", "t.txt", "id");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->id, "id");
  EXPECT_TRUE(doc->offsets.empty());
  EXPECT_EQ(doc->OriginalOffset(21), 21u);
  EXPECT_EQ(doc->text, "Title Line Here Now\n\nBody one.\n");
}

TEST(IngestTest, ClutterNeverYieldsSentences) {
  auto doc = ParseArticle(
      "Headline For The Story\n\nReal sentence here.\n\n- Advertisement -\n\n"
      "Leave a Reply\n\nGreat post. Visit my site.\n",
      "txt", "c.txt", "c");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(testutil::SentenceTexts(*doc),
            (std::vector<std::string>{"Headline For The Story",
                                      "Real sentence here."}));
}

TEST(IngestTest, DuplicateIdsWarn) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "a.txt", "Title\n\nBody.\n");
  WriteFile(dir, "a.md", "# Title\n\nBody.\n");
  auto result = IngestPaths({dir});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->documents.size(), 2u);
  ASSERT_EQ(result->diagnostics.size(), 1u);
  EXPECT_NE(result->diagnostics[0].message.find("duplicate source id 'a'"),
            std::string::npos);
}

TEST(IngestTest, ArticleAndLineLimitsAreErrorsNamingTheLimit) {
  const std::string dir = ScratchDir();
  IngestOptions options;
  options.max_article_bytes = 100;
  options.max_line_bytes = 30;
  const std::string big = WriteFile(dir, "big.txt", "Title\n\n" + std::string(120, 'a') + "\n");
  const std::string long_line =
      WriteFile(dir, "long.md", "Title\n\nShort line.\n" + std::string(40, 'b') + "\n");
  // A .jsonl file may be larger than one article; each line may not.
  const std::string feed = WriteFile(
      dir, "feed.jsonl",
      "{\"id\": \"a\", \"text\": \"The dam was built in 1962.\"}\n"
      "{\"id\": \"b\", \"text\": \"The dam was built in 1958.\"}\n"
      "{\"id\": \"c\", \"text\": \"" + std::string(100, 'c') + "\"}\n");
  auto result = IngestPaths({big, long_line, feed}, options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->documents.size(), 2u);
  std::vector<std::string> messages;
  for (const Diagnostic& d : result->diagnostics) messages.push_back(d.ToString());
  EXPECT_EQ(messages, (std::vector<std::string>{
                          big + ": file too large (128 bytes; limit 100)",
                          long_line + ":4: line 4 is 40 bytes long, over the limit of 30 bytes "
                                      "per line",
                          feed + ":3: line too large (123 bytes; limit 100 bytes for one "
                                 "article)"}));
}

TEST(IngestTest, ParseArticleRefusesALineOverTheLimit) {
  auto doc = ParseArticle("Title\n\n" + std::string(internal::kMaxLineBytes + 1, 'a') + "\n", "txt",
                          "x.txt", "x");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "x.txt:3: line 3 is 65537 bytes long, over the limit of 65536 bytes per line");
}

}  // namespace
}  // namespace crosscheck
