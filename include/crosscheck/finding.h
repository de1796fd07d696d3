// Findings: claims, the facts they line up under, and source scores.
//
// Flow: rules turn values in sentences into Claims; compare groups claims by
// fact key into FactFindings (contradiction | agreement | single); score
// rates each source. The Report holds all of it and is what report writers
// (JSON "crosscheck.report/1", Markdown) print.
#ifndef CROSSCHECK_FINDING_H_
#define CROSSCHECK_FINDING_H_

#include <optional>
#include <string>
#include <vector>

#include "crosscheck/status.h"
#include "crosscheck/value.h"

namespace crosscheck {

enum class Severity { kInfo = 0, kPossible = 1, kHigh = 2 };
std::string_view SeverityName(Severity severity);
// Parses "high", "possible", "info"; false on anything else.
bool ParseSeverity(std::string_view text, Severity* out);

// An editor's decision on a finding or a claim, from a waiver file.
struct Waiver {
  std::string status;  // "reviewed" or "not_applicable"
  std::string reason;
  std::string by;      // who decided; may be empty
  std::string origin;  // waivers.yaml:line:col
};

// One value stated by one source about one fact.
struct Claim {
  std::string source;      // source id
  std::string fact_id;     // rule fact id, e.g. "moved_year"
  std::string subject;     // entity id, e.g. "mek"
  std::string key;         // "mek.moved_year"
  std::string label;       // "year MEK moved to its current home"
  std::string rule;        // "generic/moved_year"
  Value value;             // as found (offsets into Document::text)
  ValueKind fact_kind = ValueKind::kCount;  // the kind the fact compares in
  double lo = 0, hi = 0;   // value in the fact's kind (a date's year for a year fact)
  std::string text;        // the value's words: "some 1000"
  std::string sentence;    // the whole sentence
  size_t start = 0, end = 0;                    // byte offsets in the original file
  size_t sentence_start = 0, sentence_end = 0;  // same, for the sentence
  std::string attributed_to;  // speaker, "" when the sentence has none
  bool headline = false;
  // Set by a claim waiver: the claim is listed but takes no part in deciding
  // whether its fact is contradicted.
  std::optional<Waiver> waiver;
};

// An editor's review of a finding, from a store (`crosscheck review`).
struct Review {
  // confirmed | dismissed | needs-work, or "stale": reviewed, but the
  // finding's evidence changed since, so the decision no longer holds.
  std::string status;
  std::string note;
  std::string by;
  std::string at;  // ISO 8601 UTC
};

struct ValueGroup {
  std::string display;  // "2016", "about 1,000", "vague: 2,000 or more"
  ValueKind kind = ValueKind::kCount;
  double lo = 0, hi = 0;  // as stated (see value.h); compare widens "about"
  std::string unit;
  Qualifier qualifier = Qualifier::kExact;
  std::vector<Claim> claims;
  std::vector<int> conflicts;  // groups of the same fact that cannot both hold
};

enum class FactStatus { kContradiction, kAgreement, kSingle };
std::string_view FactStatusName(FactStatus status);

struct FactFinding {
  std::string key;
  std::string label;
  FactStatus status = FactStatus::kSingle;
  Severity severity = Severity::kInfo;
  std::string note;  // why the severity is what it is
  std::vector<ValueGroup> values;
  int independent_sources = 0;  // sources that are not copies of another
  std::optional<Waiver> waiver;  // reported as waived, never hidden
  std::optional<Review> review;  // store runs only
};

struct WithinSourceFinding {
  std::string source;
  std::string finding;
  Severity severity = Severity::kPossible;
  std::vector<Claim> claims;
  std::optional<Review> review;  // store runs only
};

struct Evidence {
  std::string text;    // what was seen, e.g. "byline: Anas Samir"
  std::string detail;  // a quote or kind, may be empty
  size_t start = 0, end = 0;  // byte offsets in the original file; 0,0 = none
};

struct ScoreComponent {
  std::string name;      // consistency, independence, hygiene, transparency
  double value = 0;      // in [0, 1]
  double weight = 0;
  std::vector<Evidence> evidence;
};

// One block of an article as it was read (the HTML report's "article as
// read" view), in the coordinates of the document's text, which is where a
// claim's `value.start`/`value.end` point.
struct ReadingBlock {
  std::string kind;          // "title", "byline", "dateline", "body" or "clutter"
  std::string clutter_kind;  // for clutter: "spam_links", "advertisement", ...
  size_t start = 0;          // offset of `text` in the document's text
  std::string text;
};

struct SourceReport {
  std::string id;
  std::string title;
  std::string path;
  std::string outlet;
  std::string byline;
  std::string url;        // as the manifest or JSONL line gives it; may be ""
  std::string published;  // ISO date, year, or ""
  int score = 0;          // 0-100
  std::vector<ScoreComponent> components;
  std::string copy_of;    // "" when independent
  double copy_overlap = 0;
  int claims = 0;
  std::vector<Evidence> clutter;
  // The article's blocks: only with CheckOptions::keep_reading (the text of
  // every article is otherwise not kept); never in JSON or a store.
  std::vector<ReadingBlock> reading;
};

struct Report {
  std::vector<SourceReport> sources;
  std::vector<FactFinding> facts;  // contradictions first, then by key
  std::vector<WithinSourceFinding> within_source;
  std::vector<std::string> warnings;  // "path:line: message"
  std::vector<std::string> errors;    // inputs named on the command line that failed
  std::vector<std::string> rule_packs;
};

// A report's sources one at a time, in the report's order, from where they
// wait (CheckStreamed() keeps them in a temporary file): a big corpus's
// sources are never all in memory, and `check --format json` writes each
// as it comes.
class SourceStream {
 public:
  virtual ~SourceStream() = default;
  virtual size_t size() const = 0;
  // The i-th source, as Report::sources[i] would hold it. Safe to call from
  // several threads at once.
  virtual StatusOr<SourceReport> Get(size_t i) const = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_FINDING_H_
