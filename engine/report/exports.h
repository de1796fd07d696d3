// exports: the Report in formats other tools read.
//
//   SARIF 2.1.0    so a CI system annotates the article files where sources
//                  contradict each other (one result per contradiction and
//                  per within-source finding);
//   ClaimReview    schema.org JSON-LD for the findings an editor decided on,
//                  for fact-check pages and search engines;
//   claims JSONL   every claim of every fact, one JSON object a line, for
//                  downstream tools.
//
// Article text is hostile. Every writer builds its output with a JSON
// library (never by pasting text), and the ClaimReview writer escapes <, >
// and & as \u003c \u003e \u0026, because JSON-LD is pasted into a
// <script type="application/ld+json"> element, where "</script>" inside a
// string would end the element. The schemas the outputs follow are in
// reports/schemas/.
#ifndef CROSSCHECK_ENGINE_REPORT_EXPORTS_H_
#define CROSSCHECK_ENGINE_REPORT_EXPORTS_H_

#include <map>
#include <string>

#include "crosscheck/finding.h"

namespace crosscheck {

// A SARIF 2.1.0 log with one run. Results: one per FactFinding whose status
// is kContradiction (ruleId: its claims' rule) and one per within-source
// finding (ruleId "within-source"); level error|warning|note for severity
// high|possible|info. The first claim of the first side is the location,
// every other claim a related location. Waived and reviewed findings carry
// their decision in suppressions and properties.
//
// `files` maps a source path (SourceReport::path) to the bytes of that file;
// may be null. A region always has byteOffset/byteLength; where the file is
// given and its bytes at [start, end) are the claim's text, the region also
// has startLine/startColumn/endLine/endColumn (1-based, columns in UTF-16
// code units, run.columnKind "utf16CodeUnits"). Sources read from .jsonl
// files get no region: their offsets point into the line's text field, not
// into the file (see crosscheck/document.h).
std::string WriteSarifReport(const Report& report,
                             const std::map<std::string, std::string>* files);

// A JSON array of schema.org ClaimReview objects: one per side (value group)
// of every fact finding with a Review or a Waiver, and one per claim of every
// within-source finding with a Review. "[]" when nothing was reviewed.
std::string WriteClaimReviewJsonLd(const Report& report);

// JSON Lines: one object per claim of every fact (every status), each line
// ending in "\n"; "" for a report without facts. Fields: source, key, label,
// rule, text, sentence, start, end, kind, lo, hi, unit, qualifier, display,
// attributed_to, headline, waiver, status, severity (reports/schemas/
// claims.schema.json).
std::string WriteClaimsJsonl(const Report& report);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_EXPORTS_H_
