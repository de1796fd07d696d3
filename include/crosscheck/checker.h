// The whole pipeline in one call: ingest -> normalize -> rules -> compare ->
// score, over files and folders of articles.
//
//   CheckOptions options;
//   options.rule_paths = {"rules/generic"};
//   StatusOr<Report> report = Check({"articles/"}, options);
//
// A Status error means the run could not happen (a missing path, a broken
// rule pack or manifest). Problems with single articles are warnings in the
// report; an article named directly that cannot be read is in report.errors.
#ifndef CROSSCHECK_CHECKER_H_
#define CROSSCHECK_CHECKER_H_

#include <memory>
#include <string>
#include <vector>

#include "crosscheck/finding.h"
#include "crosscheck/status.h"

namespace crosscheck {

struct CheckOptions {
  // Rule pack folders or files; empty = the shipped packs (DefaultRulesDir()).
  std::vector<std::string> rule_paths;
  size_t max_file_bytes = size_t{256} << 20;
  // Waiver files (engine/compare/waivers.h): editors' decisions on findings.
  std::vector<std::string> waiver_paths;
  // Keep each article's blocks in SourceReport::reading (the HTML report
  // shows them); costs the corpus's text in memory.
  bool keep_reading = false;
  // Threads for the per-article stages (analysis, claims); 0 = every core.
  // The report is the same whatever the count.
  int jobs = 0;
  // Bytes of what a check sets aside between its two passes (the analysed
  // articles, about three times their text) kept in memory; the rest goes
  // to a temporary file in $TMPDIR. CheckStreamed()'s sources wait in
  // memory up to a quarter of it. The report is the same whatever it is.
  size_t spill_memory = size_t{16} << 20;
};

StatusOr<Report> Check(const std::vector<std::string>& paths,
                       const CheckOptions& options = {});

// A report whose sources are read back one at a time.
struct StreamedReport {
  Report report;  // without sources: they are in `sources`
  std::unique_ptr<SourceStream> sources;
};

// Check() for a report that is written as it is made (`check --format
// json`): each source waits in a temporary file, not in memory, until it is
// read from `sources`, so memory does not grow with the sources (about
// 2.5 KB each). The same report as Check() gives. REQUIRES: not
// options.keep_reading (the articles' blocks are for the HTML report).
StatusOr<StreamedReport> CheckStreamed(const std::vector<std::string>& paths,
                                       const CheckOptions& options = {});

}  // namespace crosscheck

#endif  // CROSSCHECK_CHECKER_H_
