// Validates crosscheck's exports against the schemas in reports/schemas/.
//
//   node tests/browser/validate_exports.mjs --binary build/crosscheck --corpus DIR [--waivers FILE]
//
// Runs `crosscheck check DIR --format sarif`, `--format claimreview` and
// `--format claims` (and `--format json`, to know what the exports must hold),
// validates each output with ajv, and checks the counts against the JSON
// report: one SARIF result per contradiction and per within-source finding,
// one ClaimReview per side of every decided finding, one claims line per
// claim. Before that it checks that the validator can fail: documents broken
// on purpose must be rejected. Exit status 0 when everything holds, 1 on any
// schema error or count mismatch, 2 on bad usage.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Ajv from "ajv";
import addFormats from "ajv-formats";

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaDir = path.resolve(here, "../../reports/schemas");

function usage(message) {
  console.error(`validate_exports: ${message}`);
  console.error(
    "usage: node tests/browser/validate_exports.mjs --binary PATH --corpus DIR [--waivers FILE]");
  process.exit(2);
}

function parseArgs(argv) {
  const args = { waivers: [] };
  for (let i = 0; i < argv.length; ++i) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) usage(`${flag} needs a value`);
    if (flag === "--binary") args.binary = value;
    else if (flag === "--corpus") args.corpus = value;
    else if (flag === "--waivers") args.waivers.push(value);
    else usage(`unknown argument ${flag}`);
    ++i;
  }
  if (!args.binary || !args.corpus) usage("--binary and --corpus are required");
  return args;
}

function loadSchema(name) {
  return JSON.parse(readFileSync(path.join(schemaDir, name), "utf8"));
}

// One ajv for all three schemas. The SARIF schema uses keywords ajv's strict
// mode rejects (e.g. "default" beside "$ref"), hence strict: false; and its
// language patterns end in "]?$", a stray bracket that a regular expression
// with the u flag refuses, hence unicodeRegExp: false (JSON Schema's
// patterns are ECMA-262 regular expressions, which allow it).
function compileValidators() {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return {
    ajv,
    sarif: ajv.compile(loadSchema("sarif-schema-2.1.0.json")),
    claimreview: ajv.compile(loadSchema("claimreview.schema.json")),
    claims: ajv.compile(loadSchema("claims.schema.json")),
  };
}

const failures = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

// The validator must be able to say no; otherwise a green run means nothing.
function selfCheck(v) {
  const driver = { tool: { driver: { name: "crosscheck" } } };
  const sarif = (results) => ({ version: "2.1.0", runs: [{ ...driver, results }] });
  const work = { "@type": "CreativeWork", identifier: "a" };
  const review = (item, rating) => [{
    "@context": "https://schema.org", "@type": "ClaimReview", claimReviewed: "x",
    itemReviewed: { "@type": "Claim", firstAppearance: item, appearance: [work] },
    ...(rating ? { reviewRating: rating } : {}),
  }];
  const rating = { "@type": "Rating", alternateName: "Needs work", ratingExplanation: "e" };
  const cases = [
    ["sarif", v.sarif, sarif([]), true],
    ["sarif without version", v.sarif, { runs: sarif([]).runs }, false],
    ["sarif with a wrong level", v.sarif, sarif([{ message: { text: "m" }, level: "fatal" }]),
     false],
    // The Committee Specification's schema spelt it "state"; 2.1.0 final says "status".
    ["sarif suppression with state", v.sarif,
     sarif([{ message: { text: "m" }, suppressions: [{ kind: "external", state: "accepted" }] }]),
     false],
    ["claimreview", v.claimreview, review(work, rating), true],
    ["claimreview without reviewRating", v.claimreview, review(work, null), false],
    ["claimreview with a javascript: url", v.claimreview,
     review({ ...work, url: "javascript:alert(1)" }, rating), false],
    ["claims line without key", v.claims, { source: "a", text: "1962" }, false],
  ];
  for (const [name, validate, doc, expected] of cases) {
    const got = validate(doc);
    if (got !== expected) {
      const said = (ok) => (ok ? "accepted" : "rejected");
      fail(`self-check: ${name} was ${said(got)}, expected ${said(expected)}`);
    }
  }
  console.log(`self-check: ${cases.length} documents, the broken ones rejected`);
}

function runCheck(args, format) {
  const argv = ["check", args.corpus, "--format", format];
  for (const w of args.waivers) argv.push("--waivers", w);
  const r = spawnSync(args.binary, argv, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) usage(`cannot run ${args.binary}: ${r.error.message}`);
  if (r.status !== 0) {
    fail(`${args.binary} ${argv.join(" ")} exited ${r.status}: ${r.stderr.trim()}`);
    return null;
  }
  return r.stdout;
}

function parseJson(what, text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${what}: not JSON: ${e.message}`);
    return null;
  }
}

function validate(v, validator, what, doc) {
  if (validator(doc)) return true;
  fail(`${what}: ${v.ajv.errorsText(validator.errors, { separator: "\n  " })}`);
  return false;
}

// What the exports must hold, counted from the crosscheck.report/1 JSON.
function expectations(report) {
  const contradictions = report.facts.filter((f) => f.status === "contradiction");
  let reviews = 0;
  for (const f of report.facts)
    if (f.waiver || f.review) reviews += f.values.filter((g) => g.claims.length > 0).length;
  for (const w of report.within_source) if (w.review) reviews += w.claims.length;
  let claims = 0;
  for (const f of report.facts) for (const g of f.values) claims += g.claims.length;
  return { results: contradictions.length + report.within_source.length, reviews, claims };
}

function checkSarif(v, text, want) {
  const doc = parseJson("sarif", text);
  if (doc === null || !validate(v, v.sarif, "sarif", doc)) return;
  const results = doc.runs[0].results;
  if (results.length !== want.results)
    fail(`sarif: ${results.length} results, the JSON report has ${want.results} findings`);
  for (const r of results) {
    if (!r.locations || r.locations.length !== 1) fail(`sarif: result ${r.ruleId} has no location`);
  }
  console.log(`sarif: valid against sarif-schema-2.1.0.json, ${results.length} results`);
}

function checkClaimReview(v, text, want) {
  // JSON-LD is pasted into <script> elements: no raw "<" may appear.
  if (text.includes("<")) fail("claimreview: a raw '<' in the output (must be \\u003c)");
  const doc = parseJson("claimreview", text);
  if (doc === null || !validate(v, v.claimreview, "claimreview", doc)) return;
  if (doc.length !== want.reviews)
    fail(`claimreview: ${doc.length} ClaimReviews, expected ${want.reviews} ` +
         "(one per side of each decided finding)");
  console.log(`claimreview: valid against claimreview.schema.json, ${doc.length} ClaimReviews`);
}

function checkClaims(v, text, want) {
  if (text !== "" && !text.endsWith("\n")) fail("claims: the last line has no newline");
  const lines = text === "" ? [] : text.slice(0, -1).split("\n");
  let bad = 0;
  lines.forEach((line, i) => {
    const doc = parseJson(`claims line ${i + 1}`, line);
    if (doc === null || !validate(v, v.claims, `claims line ${i + 1}`, doc)) ++bad;
  });
  if (lines.length !== want.claims)
    fail(`claims: ${lines.length} lines, the JSON report has ${want.claims} claims`);
  console.log(`claims: ${lines.length - bad} of ${lines.length} lines valid against ` +
              "claims.schema.json");
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const v = compileValidators();
  selfCheck(v);

  const json = runCheck(args, "json");
  const report = json === null ? null : parseJson("json report", json);
  if (report === null) process.exit(1);
  const want = expectations(report);
  console.log(`report: ${report.sources.length} sources, ${want.results} findings, ` +
              `${want.reviews} reviewed sides, ${want.claims} claims`);
  if (want.claims === 0) fail("the corpus gives no claims: nothing to validate");

  const sarif = runCheck(args, "sarif");
  if (sarif !== null) checkSarif(v, sarif, want);
  const claimreview = runCheck(args, "claimreview");
  if (claimreview !== null) checkClaimReview(v, claimreview, want);
  const claims = runCheck(args, "claims");
  if (claims !== null) checkClaims(v, claims, want);

  if (failures.length > 0) {
    console.error(`validate_exports: ${failures.length} failure(s)`);
    process.exit(1);
  }
  console.log("validate_exports: all exports valid");
}

main();
