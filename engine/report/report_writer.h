// report: the Report as JSON (schema "crosscheck.report/1"), Markdown or HTML.
//
// Article text is hostile: the Markdown writer escapes every piece of it
// (HTML metacharacters as entities, Markdown syntax with backslashes), so a
// page that renders the Markdown shows the text, never runs it.
#ifndef CROSSCHECK_ENGINE_REPORT_REPORT_WRITER_H_
#define CROSSCHECK_ENGINE_REPORT_REPORT_WRITER_H_

#include <functional>
#include <string>
#include <string_view>

#include "crosscheck/finding.h"

namespace crosscheck {

std::string WriteJsonReport(const Report& report);
// The same bytes handed to `sink` a piece at a time (the sources a few
// hundred at a time, made on `jobs` threads; the rest about 1 MiB at a
// time), so that writing a big corpus's report to a file needs no copy of
// it in memory.
void WriteJsonReport(const Report& report,
                     const std::function<void(std::string_view)>& sink, int jobs);
// The same with the sources from `sources`, not report.sources, each read
// as it is written. An error from the stream stops the output there (what
// went to `sink` is then no whole report) and is returned.
Status WriteJsonReport(const Report& report, const SourceStream& sources,
                       const std::function<void(std::string_view)>& sink, int jobs);
std::string WriteMarkdownReport(const Report& report);
// One self-contained HTML file (html_report.cc); sources' `reading` blocks,
// when present, make its "article as read" view.
std::string WriteHtmlReport(const Report& report);

// Where the claim's words start in its sentence: where the byte offsets put
// them when they are there, else their first occurrence (an HTML article's
// entities make the offsets differ); npos when the sentence lacks them.
size_t ValueOffsetInSentence(const Claim& claim);

// Escapes text for Markdown: &, <, > as entities; \ ` * _ [ ] ( ) # | ! and
// leading +/- with a backslash; newlines become spaces.
std::string EscapeMarkdown(std::string_view text);
// "**Review: dismissed** by Ana at 2026-11-21T10:00:00Z: note", escaped.
std::string ReviewLine(const Review& review);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_REPORT_WRITER_H_
