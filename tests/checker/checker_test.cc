// crosscheck::Check() (engine/checker/checker.cc): it lists the files and
// reads each in its first pass, on every thread. What it reports about the
// files (which were refused and why, in which order, and the source ids
// made unique) must be what ingest reports when it reads every file itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/checker.h"
#include "engine/ingest/ingest.h"
#include "engine/report/report_writer.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string Story(int year) {
  return "Dam report\n\nBy A. Writer\n\nThe Brenna Dam, built in " + std::to_string(year) +
         ", holds water above Castelnor.\n";
}

// Articles on both sides of the listing-order/path-order seam, bad files
// among them and ids that repeat (see the test below).
void WriteSeamCorpus(const fs::path& dir) {
  // Folders are read depth first in name order, but articles are kept in
  // path order: "a-b.txt" comes after the folder "a" when listed and before
  // it by path ('-' < '/'). Bad files on both sides, ids that repeat (a bad
  // file's id must not count), a manifest's id, a JSONL file read at once.
  Write(dir / "in" / "a" / "report.txt", std::string("\x00\x01\x02 binary", 10));
  Write(dir / "in" / "a" / "story.txt", Story(1958));
  Write(dir / "in" / "a-b.txt", "");  // empty
  Write(dir / "in" / "b" / "report.txt", Story(1962));
  Write(dir / "in" / "c" / "report.txt", Story(1958));
  Write(dir / "in" / "c" / "latin1.txt", "Title\n\nCaf\xE9 au lait.\n");
  Write(dir / "in" / "c" / "story.txt", Story(1962));
  Write(dir / "in" / "d" / "sources.yaml", "articles:\n  - file: named.txt\n    id: report\n");
  Write(dir / "in" / "d" / "named.txt", Story(1960));
  Write(dir / "in" / "e" / "wire.jsonl",
        "{\"id\": \"story\", \"text\": \"Dam report\\n\\nThe dam was built in 1961.\"}\n"
        "{\"text\": 5}\n");
  Write(dir / "in" / "z.txt", std::string("Title\n\n") + std::string(70000, 'x') + "\n");
}

TEST(CheckTest, FilesReadOnTheWayReportAsFilesReadFirst) {
  const fs::path dir = fs::path(testing::TempDir()) / "crosscheck_check_deferred";
  fs::remove_all(dir);
  WriteSeamCorpus(dir);

  IngestOptions read_first;  // what `check` did before it read on the way
  read_first.keep_inputs = true;
  read_first.analyse = false;
  StatusOr<IngestResult> ingested = IngestPaths({(dir / "in").string()}, read_first);
  ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  std::vector<std::string> want_ids, want_warnings;
  for (const Document& d : ingested->documents) want_ids.push_back(d.id);
  for (const Diagnostic& d : ingested->diagnostics)
    if (d.level == Diagnostic::Level::kWarning) want_warnings.push_back(d.ToString());
  // The case is only worth something with refusals and renamed ids.
  ASSERT_GE(want_warnings.size(), 5u);
  ASSERT_NE(std::find(want_ids.begin(), want_ids.end(), "report-2"), want_ids.end());

  for (const int jobs : {1, 2, 4}) {
    SCOPED_TRACE("jobs " + std::to_string(jobs));
    CheckOptions options;
    options.jobs = jobs;
    StatusOr<Report> report = Check({(dir / "in").string()}, options);
    ASSERT_TRUE(report.ok()) << report.status().message();
    std::vector<std::string> ids;
    for (const SourceReport& s : report->sources) ids.push_back(s.id);
    EXPECT_EQ(ids, want_ids);
    std::vector<std::string> warnings(report->warnings.begin(),
                                      report->warnings.begin() +
                                          std::min(report->warnings.size(), want_warnings.size()));
    EXPECT_EQ(warnings, want_warnings);
    EXPECT_TRUE(report->errors.empty());
    // Claims carry the id the article ended with.
    for (const FactFinding& f : report->facts)
      for (const ValueGroup& g : f.values)
        for (const Claim& c : g.claims)
          EXPECT_NE(std::find(ids.begin(), ids.end(), c.source), ids.end()) << c.source;
  }
  fs::remove_all(dir);
}

// Long articles, each set aside in several of the 64 KiB pieces the check
// holds in memory.
void WriteLongCorpus(const fs::path& dir) {
  for (int i = 0; i < 12; ++i) {
    std::string text = "Dam report " + std::to_string(i) + "\n\n";
    for (int s = 0; s < 400; ++s)
      text += "The Brenna Dam, built in " + std::to_string(1900 + (i * 7 + s) % 97) +
              ", held " + std::to_string(1000 + s * 13) + " tonnes above Castelnor. ";
    Write(dir / "long" / ("story-" + std::to_string(i) + ".txt"), text + "\n");
  }
}

// check --format json reads each source back from where it set it aside as
// it writes it: the same bytes as the report held in memory, whether what
// is set aside stays in memory, goes to the temporary file, or is split
// between the two (spill_memory 0, a few KB, the default). The long corpus
// sets aside articles bigger than the pieces memory holds them in. The seam corpus
// puts the sources in another order than the articles were read in and
// leaves refused files out; the example corpus has copies and shared facts,
// so each source is finished with the corpus's components.
TEST(CheckTest, StreamedSourcesMakeTheSameReport) {
  const fs::path dir = fs::path(testing::TempDir()) / "crosscheck_check_streamed";
  fs::remove_all(dir);
  WriteSeamCorpus(dir);
  WriteLongCorpus(dir);
  const std::string examples = std::string(CROSSCHECK_SOURCE_DIR) + "/examples/corpus";
  for (const std::string& corpus : {(dir / "in").string(), (dir / "long").string(), examples}) {
    std::string first;  // the first report's bytes: every other must match
    for (const int jobs : {1, 2})
    for (const size_t memory : {size_t{0}, size_t{6000}, CheckOptions().spill_memory}) {
      SCOPED_TRACE(corpus + ", jobs " + std::to_string(jobs) + ", memory " +
                   std::to_string(memory));
      CheckOptions options;
      options.jobs = jobs;
      options.spill_memory = memory;
      StatusOr<Report> held = Check({corpus}, options);
      ASSERT_TRUE(held.ok()) << held.status().message();
      if (first.empty()) first = WriteJsonReport(*held);
      EXPECT_EQ(WriteJsonReport(*held), first);
      StatusOr<StreamedReport> streamed = CheckStreamed({corpus}, options);
      ASSERT_TRUE(streamed.ok()) << streamed.status().message();
      EXPECT_TRUE(streamed->report.sources.empty());
      ASSERT_EQ(streamed->sources->size(), held->sources.size());
      std::string bytes;
      const Status written = WriteJsonReport(
          streamed->report, *streamed->sources, [&](std::string_view piece) { bytes += piece; },
          jobs);
      ASSERT_TRUE(written.ok()) << written.message();
      EXPECT_EQ(bytes, WriteJsonReport(*held));
      // The corpus's part is there: copies and consistency from the others.
      if (corpus == examples) {
        bool copy = false, consistency = false;
        for (const SourceReport& s : held->sources) {
          copy = copy || !s.copy_of.empty();
          consistency = consistency || (!s.components.empty() &&
                                        s.components[0].evidence[0].text.rfind("reliability", 0) == 0);
        }
        EXPECT_TRUE(copy);
        EXPECT_TRUE(consistency);
      }
    }
  }
  CheckOptions reading;
  reading.keep_reading = true;
  EXPECT_FALSE(CheckStreamed({examples}, reading).ok());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace crosscheck
