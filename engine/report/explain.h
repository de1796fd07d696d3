// explain: how one source's score was reached, for `crosscheck explain`.
//
// The text form lists each component's value, weight and contribution to
// the total, then every piece of evidence with its byte span. Article text
// goes to a terminal here, so control characters and bidirectional
// overrides are shown as escapes, never sent raw.
#ifndef CROSSCHECK_ENGINE_REPORT_EXPLAIN_H_
#define CROSSCHECK_ENGINE_REPORT_EXPLAIN_H_

#include <string>
#include <string_view>

#include "crosscheck/finding.h"

namespace crosscheck {

std::string WriteExplanation(const SourceReport& source);

// The source's JSON object, as in the crosscheck.report/1 "sources" list.
std::string WriteSourceJson(const SourceReport& source);

// C0 and C1 controls and DEL as \xNN, bidirectional controls (U+200E,
// U+200F, U+202A..U+202E, U+2066..U+2069) as \u{NNNN}; bytes that are
// not UTF-8 as \xNN. Everything else unchanged.
std::string EscapeTerminal(std::string_view text);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_EXPLAIN_H_
