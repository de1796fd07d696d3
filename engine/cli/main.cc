// crosscheck: the command line. Thin: flags -> library call -> exit code.
//   0 done; 1 findings at or above --fail-on; 2 bad usage or input.
#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <signal.h>
#include <unistd.h>

#include <atomic>

#include "crosscheck/checker.h"
#include "crosscheck/run.h"
#include "engine/checker/rule_tester.h"
#include "engine/rules/rule_set.h"
#include "engine/ingest/date_parser.h"
#include "engine/ingest/reader.h"
#include "engine/normalize/normalizer.h"
#include "engine/report/explain.h"
#include "engine/report/exports.h"
#include "engine/report/fuse_report.h"
#include "engine/report/report_writer.h"
#include "engine/report/run_report.h"
#include "engine/report/values_jsonl.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitBusy = 3;  // run: another run holds the store

// Writes what `write` writes to `path` through a temporary file, so a
// reader never sees half a report. A path that exists and is not a regular
// file (/dev/null, a FIFO, /dev/stdout) is written in place: renaming over
// it would replace the device with a file. `write` returns false, saying
// why, when it could not make what it writes; the file is then left as it
// was.
using WriteTo = std::function<bool(std::ostream&, std::string* why)>;
bool WriteFileAtomically(const std::string& path, const WriteTo& write, std::string* error) {
  std::error_code status_error;
  const std::filesystem::file_status st = std::filesystem::status(path, status_error);
  if (!status_error && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    std::ofstream out(path, std::ios::binary);
    if (!write(out, error)) return false;
    out.flush();
    if (!out) {
      *error = "cannot write " + path;
      return false;
    }
    return true;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      *error = "cannot write " + tmp;
      return false;
    }
    if (!write(out, error)) {
      out.close();
      std::remove(tmp.c_str());
      return false;
    }
    out.flush();
    if (!out) {
      *error = "cannot write " + tmp + " (disk full?)";
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    *error = "cannot rename " + tmp + " to " + path + ": " + ec.message();
    return false;
  }
  return true;
}

// --spill-memory's default: CheckOptions' own.
const size_t kDefaultSpillMib = crosscheck::CheckOptions().spill_memory >> 20;

// The options of a check from the command line's.
crosscheck::CheckOptions CheckOptionsOf(const std::vector<std::string>& rules,
                                        const std::vector<std::string>& waivers,
                                        bool keep_reading, int jobs,
                                        size_t spill_mib = kDefaultSpillMib) {
  crosscheck::CheckOptions options;
  options.jobs = jobs;
  options.spill_memory = spill_mib << 20;
  options.rule_paths = rules;
  options.waiver_paths = waivers;
  options.keep_reading = keep_reading;
  return options;
}

// Prints the report's warnings and errors; false when it has errors.
bool Warn(const crosscheck::Report& report) {
  for (const std::string& w : report.warnings) std::cerr << "warning: " << w << "\n";
  for (const std::string& e : report.errors) std::cerr << "error: " << e << "\n";
  return report.errors.empty();
}

// Runs the check; prints warnings and errors to stderr. Empty when the run
// failed or an input named on the command line was bad.
std::optional<crosscheck::Report> CheckAndWarn(const std::vector<std::string>& paths,
                                               const std::vector<std::string>& rules,
                                               const std::vector<std::string>& waivers,
                                               bool keep_reading = false,
                                               int jobs = 0,
                                               size_t spill_mib = kDefaultSpillMib) {
  crosscheck::StatusOr<crosscheck::Report> report =
      crosscheck::Check(paths, CheckOptionsOf(rules, waivers, keep_reading, jobs, spill_mib));
  if (!report.ok()) {
    std::cerr << "crosscheck: " << report.status().message() << "\n";
    return std::nullopt;
  }
  if (!Warn(*report)) return std::nullopt;
  return std::move(report).value();
}

// The same with the sources read back one at a time (CheckStreamed()).
std::optional<crosscheck::StreamedReport> CheckStreamedAndWarn(
    const std::vector<std::string>& paths, const std::vector<std::string>& rules,
    const std::vector<std::string>& waivers, int jobs, size_t spill_mib) {
  crosscheck::StatusOr<crosscheck::StreamedReport> checked = crosscheck::CheckStreamed(
      paths, CheckOptionsOf(rules, waivers, /*keep_reading=*/false, jobs, spill_mib));
  if (!checked.ok()) {
    std::cerr << "crosscheck: " << checked.status().message() << "\n";
    return std::nullopt;
  }
  if (!Warn(checked->report)) return std::nullopt;
  return std::move(checked).value();
}

// Writes what `write` writes to stdout, or atomically to `path`; false
// (after saying why) when the file cannot be written.
bool EmitWith(const std::string& path, const WriteTo& write) {
  std::string error;
  if (path.empty() || path == "-") {
    const bool written = write(std::cout, &error);
    std::cout.flush();
    if (written) return true;
  } else if (WriteFileAtomically(path, write, &error)) {
    return true;
  }
  std::cerr << "crosscheck: " << error << "\n";
  return false;
}

bool Emit(const std::string& path, const std::string& text) {
  return EmitWith(path, [&](std::ostream& out, std::string*) {
    out << text;
    return true;
  });
}

// The sources' files, so SARIF regions get lines and columns; a file that
// is gone (a store run's inbox moves on) or changed is left out or not
// matched, and its regions keep byte offsets only.
std::map<std::string, std::string> SourceFiles(const crosscheck::Report& report) {
  std::map<std::string, std::string> files;
  for (const crosscheck::SourceReport& s : report.sources) {
    if (files.count(s.path)) continue;
    std::ifstream in(s.path, std::ios::binary);
    if (!in) continue;
    files[s.path].assign(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

// The report in one of the formats `check --format` names.
std::string FormatReport(const crosscheck::Report& report, std::string_view format) {
  if (format == "md") return crosscheck::WriteMarkdownReport(report);
  if (format == "html") return crosscheck::WriteHtmlReport(report);
  if (format == "sarif") {
    const std::map<std::string, std::string> files = SourceFiles(report);
    return crosscheck::WriteSarifReport(report, &files);
  }
  if (format == "claimreview") return crosscheck::WriteClaimReviewJsonLd(report);
  if (format == "claims") return crosscheck::WriteClaimsJsonl(report);
  return crosscheck::WriteJsonReport(report);
}

// `run --report FILE`: the format its extension names (JSON otherwise).
std::string_view FormatOfPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot);
  if (ext == ".md") return "md";
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".sarif") return "sarif";
  if (ext == ".jsonld") return "claimreview";
  if (ext == ".jsonl") return "claims";
  return "json";
}

int RunCheck(const std::vector<std::string>& paths,
             const std::vector<std::string>& rules,
             const std::vector<std::string>& waivers, const std::string& format,
             const std::string& out_path, const std::string& fail_on, int jobs,
             size_t spill_mib) {
  // JSON goes out as it is made, each source read back from where the check
  // set it aside: a big corpus's sources are never all in memory.
  std::optional<crosscheck::StreamedReport> checked;
  std::optional<crosscheck::Report> held;
  if (format == "json") {
    checked = CheckStreamedAndWarn(paths, rules, waivers, jobs, spill_mib);
  } else {
    held = CheckAndWarn(paths, rules, waivers, /*keep_reading=*/format == "html", jobs,
                        spill_mib);
  }
  if (!checked && !held) return kExitBadInput;
  const crosscheck::Report* report = checked ? &checked->report : &*held;
  if ((checked ? checked->sources->size() : held->sources.size()) == 0) {
    std::cerr << "crosscheck: no articles found (.txt, .md, .html, .jsonl)\n";
    return kExitBadInput;
  }
  const bool written =
      checked ? EmitWith(out_path,
                         [&](std::ostream& out, std::string* why) {
                           const crosscheck::Status status = crosscheck::WriteJsonReport(
                               *report, *checked->sources,
                               [&](std::string_view piece) {
                                 out.write(piece.data(),
                                           static_cast<std::streamsize>(piece.size()));
                               },
                               jobs);
                           if (!status.ok()) *why = status.message();
                           return status.ok();
                         })
              : Emit(out_path, FormatReport(*report, format));
  if (!written) return kExitBadInput;
  if (!fail_on.empty()) {
    crosscheck::Severity level;
    crosscheck::ParseSeverity(fail_on, &level);
    // A waived finding has been decided by an editor: it does not fail a run.
    for (const crosscheck::FactFinding& f : report->facts)
      if (f.status == crosscheck::FactStatus::kContradiction && f.severity >= level &&
          !f.waiver)
        return kExitFindings;
  }
  return kExitOk;
}

// A one-line progress display on stderr, redrawn at most ten times a second;
// nothing when stderr is not a terminal (cron, CI, a log file).
std::function<void(const crosscheck::RunProgress&)> ProgressDisplay() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [last](const crosscheck::RunProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.done != p.total && now - *last < std::chrono::milliseconds(100)) return;
    *last = now;
    std::fprintf(stderr, "\r\033[K%s %zu/%zu", p.stage, p.done, p.total);
    if (p.done == p.total) std::fputc('\n', stderr);
  };
}

struct RunFlags {
  std::string store;
  std::vector<std::string> inbox, rules, waivers;
  std::string format = "md", out, report, fail_on;
  bool reanalyse = false;
  int wait_seconds = 0;
  size_t batch = 128;
  int jobs = 0;
};

crosscheck::RunOptions OptionsOf(const RunFlags& flags) {
  crosscheck::RunOptions options;
  options.store = flags.store;
  options.inbox = flags.inbox;
  options.check.rule_paths = flags.rules;
  options.check.waiver_paths = flags.waivers;
  options.reanalyse = flags.reanalyse;
  options.lock_wait_ms = flags.wait_seconds * 1000;
  options.batch = flags.batch;
  options.check.jobs = flags.jobs;
  options.progress = ProgressDisplay();
  return options;
}

// `run --store S --inbox DIR`: the new articles into the store, then what
// changed since the previous run.
int RunStoreCommand(const RunFlags& flags) {
  crosscheck::StatusOr<crosscheck::RunResult> result = crosscheck::RunStore(OptionsOf(flags));
  if (!result.ok()) {
    std::cerr << "crosscheck: " << result.status().message() << "\n";
    return result.status().code() == crosscheck::StatusCode::kFailedPrecondition
               ? kExitBusy
               : kExitBadInput;
  }
  for (const std::string& w : result->report.warnings) std::cerr << "warning: " << w << "\n";
  for (const std::string& e : result->report.errors) std::cerr << "error: " << e << "\n";
  if (!flags.report.empty() &&
      !Emit(flags.report, FormatReport(result->report, FormatOfPath(flags.report))))
    return kExitBadInput;
  if (!Emit(flags.out, flags.format == "json" ? crosscheck::WriteRunJson(*result)
                                              : crosscheck::WriteRunMarkdown(*result)))
    return kExitBadInput;
  if (!result->report.errors.empty()) return kExitBadInput;
  if (!flags.fail_on.empty()) {
    crosscheck::Severity level;
    crosscheck::ParseSeverity(flags.fail_on, &level);
    for (const crosscheck::FindingChange& c : result->changes) {
      crosscheck::Severity severity;
      if (c.kind == crosscheck::FindingChange::Kind::kGone ||
          !crosscheck::ParseSeverity(c.level, &severity) || severity < level)
        continue;
      // A decision that still holds (the evidence is unchanged) is settled.
      if (c.review == "dismissed" || c.review == "confirmed") continue;
      return kExitFindings;
    }
  }
  return kExitOk;
}

std::atomic<bool> g_stop{false};

// `watch DIR --store S`: a run now and after every burst of new articles,
// each run's changes on stdout (JSON: one line per run), until SIGINT or
// SIGTERM, which end the watch after the current run.
int RunWatch(const RunFlags& flags, int settle_ms) {
  crosscheck::WatchOptions options;
  options.run = OptionsOf(flags);
  options.settle_ms = settle_ms;
  options.stop = &g_stop;
  struct sigaction sa {};
  sa.sa_handler = [](int) { g_stop = true; };
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  const crosscheck::Status status = crosscheck::WatchInbox(
      options, [&](crosscheck::StatusOr<crosscheck::RunResult> result) {
        if (!result.ok()) {
          std::cerr << "crosscheck: " << result.status().message() << "\n";
          return;
        }
        for (const std::string& w : result->report.warnings)
          std::cerr << "warning: " << w << "\n";
        for (const std::string& e : result->report.errors) std::cerr << "error: " << e << "\n";
        if (flags.format == "json") {
          std::cout << crosscheck::WriteRunJson(*result, /*indent=*/-1);
        } else {
          std::cout << crosscheck::WriteRunMarkdown(*result) << "\n";
        }
        std::cout.flush();
      });
  if (!status.ok()) {
    std::cerr << "crosscheck: " << status.message() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

int RunReview(const crosscheck::ReviewRequest& request) {
  crosscheck::StatusOr<crosscheck::Review> review = crosscheck::ReviewFinding(request);
  if (!review.ok()) {
    std::cerr << "crosscheck: " << review.status().message() << "\n";
    return kExitBadInput;
  }
  std::cout << request.finding << ": " << review->status << " by " << review->by << " at "
            << review->at << "\n";
  return kExitOk;
}

// `explain SOURCE PATH...`: the check, then how one source's score was
// reached.
int RunExplain(const std::string& source, const std::vector<std::string>& paths,
               const std::vector<std::string>& rules,
               const std::vector<std::string>& waivers, const std::string& format) {
  std::optional<crosscheck::Report> report = CheckAndWarn(paths, rules, waivers);
  if (!report) return kExitBadInput;
  std::string ids;
  for (const crosscheck::SourceReport& s : report->sources) {
    if (s.id == source) {
      std::cout << (format == "json" ? crosscheck::WriteSourceJson(s)
                                     : crosscheck::WriteExplanation(s));
      return kExitOk;
    }
    if (ids.size() < 400) ids += (ids.empty() ? "" : ", ") + s.id;
  }
  std::cerr << "crosscheck: no source '" << crosscheck::EscapeTerminal(source) << "' among the "
            << report->sources.size() << " sources read"
            << (ids.empty() ? "" : ": " + crosscheck::EscapeTerminal(ids)) << "\n";
  return kExitBadInput;
}

// `rules lint`: load and validate. `rules test`: also run the examples.
int RunRules(bool test, const std::vector<std::string>& paths) {
  std::vector<std::string> packs = paths;
  if (packs.empty()) packs.push_back(crosscheck::DefaultRulesDir());
  crosscheck::StatusOr<crosscheck::RuleSet> rules = crosscheck::LoadRuleSet(packs);
  if (!rules.ok()) {
    std::cerr << rules.status().message() << "\n";
    return kExitBadInput;
  }
  size_t examples = 0, without = 0;
  for (const crosscheck::FactDef& f : rules->facts()) {
    examples += f.examples.size();
    if (f.examples.empty()) ++without;
  }
  std::cout << "rules: " << rules->packs().size() << " packs, "
            << rules->entities().size() << " entities, " << rules->facts().size()
            << " facts, " << examples << " examples";
  if (without > 0) std::cout << " (" << without << " facts without examples)";
  std::cout << "\n";
  if (!test) return kExitOk;
  crosscheck::StatusOr<crosscheck::RuleTestReport> report =
      crosscheck::TestRuleExamples(*rules);
  if (!report.ok()) {
    std::cerr << report.status().message() << "\n";
    return kExitBadInput;
  }
  for (const crosscheck::ExampleResult& r : report->results) {
    if (r.passed) continue;
    std::cout << r.example->origin << ": FAIL " << r.fact->id << ": "
              << (r.example->must_match ? "" : "not_example: ") << r.message << "\n";
  }
  for (const crosscheck::FactDef* f : report->never_fire) {
    std::cout << f->origin << ": FAIL " << f->id << " never fires"
              << (f->examples.empty() ? " (no examples)" : "") << "\n";
  }
  const size_t facts = rules->facts().size();
  std::cout << report->passed << " passed, " << report->failed << " failed; coverage "
            << (facts - report->never_fire.size()) << "/" << facts << " facts fire\n";
  return report->ok() ? kExitOk : kExitFindings;
}

}  // namespace

// fuse refuses a claims or gold file larger than this (the Flight,
// Population and Book claims are a few MB).
constexpr size_t kMaxFuseInputBytes = size_t{1} << 30;

// `crosscheck fuse`: truth discovery over TSV claims.
int RunFuse(const std::string& input, const std::string& gold_path,
            const std::string& tolerance_spec, const std::string& method_name,
            const std::string& format, const std::string& out_path,
            const std::vector<std::string>& params) {
  crosscheck::FuseOptions options;
  for (const std::string& p : params)
    if (crosscheck::Status st = crosscheck::SetFuseOption(p, &options); !st.ok()) {
      std::cerr << "crosscheck fuse: " << st.message() << "\n";
      return kExitBadInput;
    }
  crosscheck::FuseTolerance tolerance;
  if (crosscheck::Status st = crosscheck::ParseFuseTolerance(tolerance_spec, &tolerance);
      !st.ok()) {
    std::cerr << "crosscheck fuse: --tolerance " << st.message() << "\n";
    return kExitBadInput;
  }
  std::vector<crosscheck::FuseMethod> methods;
  if (method_name == "all") {
    methods = {crosscheck::FuseMethod::kVote, crosscheck::FuseMethod::kTruthFinder,
               crosscheck::FuseMethod::kAccu, crosscheck::FuseMethod::kAccuCopy};
  } else {
    crosscheck::FuseMethod m;
    crosscheck::ParseFuseMethod(method_name, &m);  // CLI11 checked the name
    methods = {m};
  }
  auto read = [](const std::string& path, auto* table) -> bool {
    // The bytes pass the gate articles pass (no UTF-16, NUL or invalid
    // UTF-8), so a binary file is refused naming its line, not read as
    // claims of garbage.
    crosscheck::StatusOr<std::string> bytes =
        crosscheck::internal::ReadWholeFile(path, kMaxFuseInputBytes);
    if (!bytes.ok()) {
      // The message starts with "path: ".
      std::cerr << "crosscheck fuse: cannot read " << bytes.status().message() << "\n";
      return false;
    }
    if (auto problem = crosscheck::internal::CheckContent(*bytes, /*empty_ok=*/true)) {
      std::cerr << "crosscheck fuse: " << path << ":" << problem->line << ": "
                << problem->message << "\n";
      return false;
    }
    std::istringstream in(std::move(bytes).value());
    if (crosscheck::Status st = table->Read(in, path); !st.ok()) {
      std::cerr << "crosscheck fuse: " << st.message() << "\n";
      return false;
    }
    return true;
  };
  crosscheck::ClaimTable table;
  if (!read(input, &table)) return kExitBadInput;
  table.Finish(tolerance);
  if (table.claim_count() == 0) {
    std::cerr << "crosscheck fuse: " << input << ": no claims\n";
    return kExitBadInput;
  }
  std::optional<crosscheck::GoldTable> gold;
  if (!gold_path.empty()) {
    gold.emplace();
    if (!read(gold_path, &*gold)) return kExitBadInput;
  }
  std::vector<crosscheck::FuseRun> runs;
  // The summary goes to stdout, unless the JSON report does.
  std::ostream& summary = format == "json" && out_path.empty() ? std::cerr : std::cout;
  for (const crosscheck::FuseMethod m : methods) {
    crosscheck::FuseRun run;
    const auto start = std::chrono::steady_clock::now();
    run.result = crosscheck::Fuse(table, m, options);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (gold) run.gold = crosscheck::ScoreAgainstGold(table, run.result, *gold);
    summary << crosscheck::FuseSummaryLine(run);
    runs.push_back(std::move(run));
  }
  if (gold && runs.front().gold->unmatched > 0)
    std::cerr << "crosscheck fuse: " << runs.front().gold->unmatched << " gold items of "
              << gold_path << " have no claims (left out of the precision)\n";
  if (format == "json" || !out_path.empty()) {
    if (!Emit(out_path, crosscheck::FuseReportJson(table, tolerance, runs)))
      return kExitBadInput;
  }
  return kExitOk;
}

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write fails with EFBIG, which the
  // store and the report writers turn into a message; the default SIGXFSZ
  // would kill the process without one.
  signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "crosscheck: finds where news articles about one story contradict each "
      "other (years, dates, counts, quantities) and scores every source.\n\n"
      "Example:\n  crosscheck check examples/corpus --format md\n"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "crosscheck 0.1.0");

  CLI::App* check = app.add_subcommand(
      "check",
      "Read articles (.txt .md .html .jsonl files, or folders of them, with an "
      "optional sources.yaml beside them) and write a contradiction report.");
  std::vector<std::string> paths, rules, waivers;
  std::string format = "json", out_path, fail_on;
  check->add_option("PATH", paths, "Article files or folders")->required();
  check->add_option("--rules", rules,
                    "Rule pack folder or file (repeatable). Default: the shipped "
                    "packs (generic and story packs)");
  check->add_option("--waivers", waivers,
                    "Waiver file (repeatable): editors' decisions on findings "
                    "and claims, reported as waived");
  check->add_option("--format", format,
                    "Report format: json, md, html (one self-contained page), "
                    "sarif (SARIF 2.1.0), claimreview (schema.org JSON-LD of "
                    "reviewed findings) or claims (JSON Lines, one claim a line)")
      ->check(CLI::IsMember({"json", "md", "html", "sarif", "claimreview", "claims"}));
  check->add_option("--out", out_path, "Write the report here (default: stdout)");
  int jobs = 0;
  check->add_option("--jobs,-j", jobs,
                    "Threads for the per-article stages (default 0: every core); "
                    "the report is the same whatever the number")
      ->check(CLI::Range(0, 1024));
  size_t spill_mib = kDefaultSpillMib;
  check->add_option("--spill-memory", spill_mib,
                    "MiB of what the check sets aside between its passes (the "
                    "analysed articles) kept in memory (default " +
                        std::to_string(kDefaultSpillMib) +
                        "); the rest goes to a temporary file in $TMPDIR")
      ->check(CLI::Range(size_t{0}, size_t{1} << 20));
  check->add_option("--fail-on", fail_on,
                    "Exit 1 when a contradiction of this severity or higher is "
                    "found: high, possible or info")
      ->check(CLI::IsMember({"high", "possible", "info"}));

  CLI::App* explain = app.add_subcommand(
      "explain",
      "Check the articles, then print how one source's score was reached: "
      "each component's value, weight and points, and its evidence.");
  std::string explain_source, explain_format = "text";
  std::vector<std::string> explain_paths, explain_rules, explain_waivers;
  explain->add_option("SOURCE", explain_source, "Source id (file name without extension, "
                                                "manifest or JSONL id)")
      ->required();
  explain->add_option("PATH", explain_paths, "Article files or folders")->required();
  explain->add_option("--rules", explain_rules, "Rule pack folder or file (repeatable)");
  explain->add_option("--waivers", explain_waivers, "Waiver file (repeatable)");
  explain->add_option("--format", explain_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  CLI::App* values = app.add_subcommand(
      "values",
      "Find and normalise the numbers, dates and quantities in text: reads "
      "JSON lines {\"id\", \"text\", \"reference\"} on stdin and writes "
      "{\"id\", \"values\": [...]} lines on stdout.");
  bool jsonl = false, text_mode = false;
  std::string reference;
  auto* jsonl_flag = values->add_flag(
      "--jsonl", jsonl,
      "Read JSON lines {\"id\", \"text\", \"reference\"}; write one "
      "{\"id\", \"values\"} line per input line");
  auto* text_flag = values->add_flag(
      "--text", text_mode,
      "Read plain text; write one {\"start\", \"values\"} line per paragraph "
      "that has values (offsets into the whole input)");
  jsonl_flag->excludes(text_flag);
  values->add_option("--reference", reference,
                     "With --text: the date relative expressions resolve "
                     "against (YYYY-MM-DD)");

  CLI::App* fuse = app.add_subcommand(
      "fuse",
      "Truth discovery: read claims as TSV (source<TAB>item<TAB>value), choose "
      "the true value of every item and score every source (vote, "
      "truthfinder, accu, accucopy with copy detection)");
  std::string fuse_input, fuse_gold, fuse_tolerance, fuse_method = "accucopy",
      fuse_format = "text", fuse_out;
  fuse->add_option("--input", fuse_input, "Claims TSV: source<TAB>item<TAB>value")->required();
  fuse->add_option("--gold", fuse_gold, "Gold TSV: item<TAB>value; prints the precision");
  fuse->add_option("--tolerance", fuse_tolerance,
                   "When values are the same claim, e.g. time=10m,number=1% "
                   "(number=5 is absolute). Default: exact");
  fuse->add_option("--method", fuse_method, "vote, truthfinder, accu, accucopy or all")
      ->check(CLI::IsMember({"vote", "truthfinder", "accu", "accucopy", "all"}));
  fuse->add_option("--format", fuse_format,
                   "text: one summary line per method; json: the whole report "
                   "(chosen values, reliabilities, copy pairs)")
      ->check(CLI::IsMember({"text", "json"}));
  fuse->add_option("--out", fuse_out, "Write the JSON report here");
  std::vector<std::string> fuse_params;
  fuse->add_option("--param", fuse_params,
                   "Method parameter name=value (repeatable): accu_false_values, "
                   "prior_claims, copy_rate, tf_gamma... (see engine/score/truth.h)");

  CLI::App* run = app.add_subcommand(
      "run",
      "Add the inbox's new articles to a store, check everything stored, and "
      "report what changed since the previous run (for cron). Exit 3 when "
      "another run holds the store");
  RunFlags run_flags;
  run->add_option("--store", run_flags.store,
                  "SQLite file (created if missing) or postgresql://... URL")
      ->required();
  run->add_option("--inbox", run_flags.inbox,
                  "Article files or folders to add (repeatable; none: only re-check)");
  run->add_option("--rules", run_flags.rules, "Rule pack folder or file (repeatable)");
  run->add_option("--waivers", run_flags.waivers, "Waiver file (repeatable)");
  run->add_option("--format", run_flags.format, "md or json: the changes")
      ->check(CLI::IsMember({"md", "json"}));
  run->add_option("--out", run_flags.out, "Write the changes here instead of stdout");
  run->add_option("--report", run_flags.report,
                  "Also write the whole report here, in the format its extension "
                  "names: .md, .html, .sarif, .jsonld (ClaimReview), .jsonl "
                  "(claims); else JSON");
  run->add_option("--fail-on", run_flags.fail_on,
                  "Exit 1 when a new or changed finding (not settled by a review) "
                  "reaches this severity: high, possible or info")
      ->check(CLI::IsMember({"high", "possible", "info"}));
  run->add_flag("--reanalyse", run_flags.reanalyse,
                "Analyse every stored article again (after upgrading crosscheck)");
  run->add_option("--wait", run_flags.wait_seconds,
                  "SQLite: wait this many seconds for another run to finish");
  run->add_option("--batch", run_flags.batch,
                  "PostgreSQL: articles a worker claims at a time (default 128)")
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  run->add_option("--jobs,-j", run_flags.jobs,
                  "Threads for the per-article stages (default 0: every core)")
      ->check(CLI::Range(0, 1024));

  CLI::App* watch = app.add_subcommand(
      "watch",
      "Run now, then again whenever articles land in DIR (inotify), one run per "
      "burst; each run's changes on stdout (JSON: one line per run) until "
      "SIGINT or SIGTERM");
  RunFlags watch_flags;
  watch_flags.wait_seconds = 60;  // an ad-hoc run beside the watch: wait for it
  int settle_seconds = 2;
  watch->add_option("DIR", watch_flags.inbox, "The inbox folder")->required()->expected(1);
  watch->add_option("--store", watch_flags.store, "SQLite file or postgresql:// URL")
      ->required();
  watch->add_option("--rules", watch_flags.rules, "Rule pack folder or file (repeatable)");
  watch->add_option("--waivers", watch_flags.waivers, "Waiver file (repeatable)");
  watch->add_option("--format", watch_flags.format, "md or json")
      ->check(CLI::IsMember({"md", "json"}));
  watch->add_option("--settle", settle_seconds,
                    "Seconds without a new file that end a burst (default 2)")
      ->check(CLI::Range(0, 3600));

  CLI::App* review = app.add_subcommand(
      "review", "Record an editor's decision on a finding of the latest run");
  crosscheck::ReviewRequest review_request;
  review->add_option("FINDING", review_request.finding,
                     "Finding key, as a run's report shows it (e.g. mek.moved_year)")
      ->required();
  review->add_option("--store", review_request.store, "The store")->required();
  review->add_option("--status", review_request.status, "confirmed, dismissed or needs-work")
      ->required()
      ->check(CLI::IsMember({"confirmed", "dismissed", "needs-work"}));
  review->add_option("--note", review_request.note, "Why");
  review->add_option("--by", review_request.by, "Who decided")->required();

  CLI::App* rules_cmd = app.add_subcommand(
      "rules", "Work on rule packs: lint (validate) or test (run their examples)");
  rules_cmd->require_subcommand(1);
  std::vector<std::string> rule_paths;
  CLI::App* lint = rules_cmd->add_subcommand(
      "lint", "Load and validate rule packs; every error as file:line:column");
  lint->add_option("PATH", rule_paths, "Rule pack folders or files (default: shipped packs)");
  CLI::App* test = rules_cmd->add_subcommand(
      "test",
      "Run the examples inside rule files; fails a failing example and a fact "
      "that never fires. Exit 0 all pass, 1 failures, 2 broken packs");
  test->add_option("PATH", rule_paths, "Rule pack folders or files (default: shipped packs)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (check->parsed())
    return RunCheck(paths, rules, waivers, format, out_path, fail_on, jobs, spill_mib);
  if (lint->parsed()) return RunRules(false, rule_paths);
  if (run->parsed()) return RunStoreCommand(run_flags);
  if (review->parsed()) return RunReview(review_request);
  if (watch->parsed()) return RunWatch(watch_flags, settle_seconds * 1000);
  if (explain->parsed())
    return RunExplain(explain_source, explain_paths, explain_rules, explain_waivers,
                      explain_format);
  if (fuse->parsed())
    return RunFuse(fuse_input, fuse_gold, fuse_tolerance, fuse_method, fuse_format, fuse_out,
                   fuse_params);
  if (test->parsed()) return RunRules(true, rule_paths);
  if (values->parsed()) {
    std::ios::sync_with_stdio(false);
    const crosscheck::Normalizer normalizer;
    if (text_mode) {
      crosscheck::ReferenceDate ref;
      if (!reference.empty() && !crosscheck::internal::ParseIsoDate(reference, &ref)) {
        std::cerr << "crosscheck: --reference " << reference
                  << ": not a date (YYYY-MM-DD)\n";
        return kExitBadInput;
      }
      crosscheck::FdText text;
      if (!text.Load(0)) {
        std::cerr << "crosscheck: cannot read standard input\n";
        return kExitBadInput;
      }
      // The gate of every article (empty input is fine: no values).
      if (auto problem = crosscheck::internal::CheckContent(text.view(), /*empty_ok=*/true)) {
        std::cerr << "crosscheck values: <stdin>:" << problem->line << ": "
                  << problem->message << "\n";
        return kExitBadInput;
      }
      crosscheck::RunValuesText(normalizer, text.view(), std::cout, ref);
      std::cout.flush();
      return kExitOk;
    }
    if (!jsonl) {
      std::cerr << "crosscheck values: give --jsonl or --text\n";
      return kExitBadInput;
    }
    const size_t bad =
        crosscheck::RunValuesJsonl(normalizer, std::cin, std::cout, std::cerr);
    std::cout.flush();
    return bad == 0 ? kExitOk : kExitBadInput;
  }
  return kExitBadInput;
}
