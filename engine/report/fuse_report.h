// The report of `crosscheck fuse`: per method, the value chosen for every
// item, every source's reliability, the copy pairs found and, with gold
// values, the precision. JSON (crosscheck.fuse/1) and one summary line per
// method (TSV: method, name, correct, total, precision, seconds).
#ifndef CROSSCHECK_ENGINE_REPORT_FUSE_REPORT_H_
#define CROSSCHECK_ENGINE_REPORT_FUSE_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/score/truth.h"

namespace crosscheck {

struct FuseRun {
  FuseResult result;
  double seconds = 0;               // the method alone, matrices built
  std::optional<GoldScore> gold;    // with --gold
};

// "method\t<name>\t<correct>\t<total>\t<precision>\t<seconds>\n"; "-" for
// the gold columns without gold.
std::string FuseSummaryLine(const FuseRun& run);

std::string FuseReportJson(const ClaimTable& table, const FuseTolerance& tolerance,
                           const std::vector<FuseRun>& runs);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_FUSE_REPORT_H_
