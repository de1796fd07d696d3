// What a store run changed (crosscheck/run.h), as JSON (schema
// "crosscheck.run/1") or Markdown. Article text is escaped as in
// report_writer.h.
#ifndef CROSSCHECK_ENGINE_REPORT_RUN_REPORT_H_
#define CROSSCHECK_ENGINE_REPORT_RUN_REPORT_H_

#include <string>

#include "crosscheck/run.h"

namespace crosscheck {

// One line per result with indent -1 (what `watch` streams).
std::string WriteRunJson(const RunResult& result, int indent = 2);
std::string WriteRunMarkdown(const RunResult& result);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_RUN_REPORT_H_
