// Waivers: an editor's decisions on findings, kept in a YAML file.
//
//   waivers:
//     - finding: mek.moved_year          # a fact key: the whole finding
//       status: reviewed                 # reviewed | not_applicable
//       reason: Sources date different transfers.
//       by: A. Editor                    # optional
//     - claim: {finding: mek.member_count, source: exit-news-second-attack,
//               text: some 1000}         # text optional: the value's words
//       status: not_applicable
//       reason: Counts only the compound near Tirana.
//
// A waived finding is reported as waived, never hidden, and does not trip
// --fail-on. A not_applicable claim stays listed but takes no part in
// deciding whether its fact is contradicted. A waiver that matches nothing is
// reported, so a decision whose evidence changed does not go unseen.
#ifndef CROSSCHECK_ENGINE_COMPARE_WAIVERS_H_
#define CROSSCHECK_ENGINE_COMPARE_WAIVERS_H_

#include <string>
#include <vector>

#include "crosscheck/finding.h"
#include "crosscheck/status.h"

namespace crosscheck {

struct WaiverRule {
  Waiver waiver;
  std::string finding;  // fact key; required
  std::string source;   // claim waivers: the source id
  std::string text;     // claim waivers: the value's words, optional
  bool claim = false;   // a claim waiver, not a finding waiver
};

// Loads waiver files; every error in every file, as "file:line:col: message".
StatusOr<std::vector<WaiverRule>> LoadWaivers(const std::vector<std::string>& paths);

// Marks the claims that claim waivers match (before comparison).
// Returns, per rule, whether it matched anything.
void WaiveClaims(const std::vector<WaiverRule>& rules, std::vector<Claim>* claims,
                 std::vector<bool>* used);
// Marks the findings that finding waivers match (after comparison).
void WaiveFindings(const std::vector<WaiverRule>& rules,
                   std::vector<FactFinding>* findings, std::vector<bool>* used);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_COMPARE_WAIVERS_H_
