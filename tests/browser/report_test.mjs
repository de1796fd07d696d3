#!/usr/bin/env node
// The HTML report (`crosscheck check PATH --format html`) in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core), asserted against the DOM contract that
// engine/report/html_report.cc follows:
//   a. the report of ../shared/corpus/albania-2022: every contradiction of expected.yaml is a
//      card with its sides and quoting sources, cards render the JSON report of the same run,
//      the sources table, the "article as read" view;
//   b. the severity/source/status filters hide exactly the cards that do not match;
//   c. no request leaves the page and the console stays free of errors (CSP violations);
//   d. a hostile corpus (tests/browser/hostile/) renders as text: no script runs, no event
//      attribute, no javascript: URL, the hostile strings appear verbatim;
//   e. screenshots of the example corpus's report at desktop and phone widths into --out-dir,
//      and the print stylesheet hides the filters.
//
// Usage: node tests/browser/report_test.mjs --binary build/crosscheck --shared ../shared
//                                           --out-dir reports/examples [--chromium PATH] [--keep]
// Prints one line per check; exits 1 when any check fails, 2 on bad usage.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const args = { binary: null, shared: null, outDir: null, chromium: '/usr/bin/chromium', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--binary') args.binary = value();
    else if (a === '--shared') args.shared = value();
    else if (a === '--out-dir') args.outDir = value();
    else if (a === '--chromium') args.chromium = value();
    else if (a === '--keep') args.keep = true;
    else if (a === '-h' || a === '--help') usage(null);
    else usage(`unknown argument ${a}`);
  }
  if (!args.binary || !args.shared || !args.outDir) usage('--binary, --shared and --out-dir are required');
  args.binary = path.resolve(args.binary);
  args.shared = path.resolve(args.shared);
  args.outDir = path.resolve(args.outDir);
  return args;
}

function usage(message) {
  if (message) console.error(`report_test: ${message}`);
  console.error('usage: node tests/browser/report_test.mjs --binary build/crosscheck --shared ../shared ' +
                '--out-dir reports/examples [--chromium /usr/bin/chromium] [--keep]');
  process.exit(message ? 2 : 0);
}

const args = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- a tiny runner
let passed = 0;
const failures = [];

function fail(name, error) {
  const message = (error && error.message) ? error.message : String(error);
  failures.push(`${name}: ${message.split('\n')[0]}`);
  console.log(`FAIL  ${name}\n      ${message.split('\n').join('\n      ')}`);
}

async function check(name, fn) {
  try {
    const note = await fn();
    passed++;
    console.log(`ok    ${name}${note ? `  (${note})` : ''}`);
    return true;
  } catch (error) {
    fail(name, error);
    return false;
  }
}

function note(text) {
  console.log(`note  ${text}`);
}

class CheckError extends Error {}

function assert(condition, message) {
  if (!condition) throw new CheckError(message);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckError(`${what}: expected ${e}, got ${a}`);
}

// ---------------------------------------------------------------- helpers
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-browser-'));

function runBinary(cliArgs) {
  const r = spawnSync(args.binary, cliArgs, { encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
  if (r.error) throw new CheckError(`${args.binary} ${cliArgs.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new CheckError(`${path.basename(args.binary)} ${cliArgs.join(' ')} exited ${r.status}` +
                         `${r.signal ? ` (signal ${r.signal})` : ''}: ${(r.stderr || '').trim()}`);
  }
  return r;
}

// YAML files of ../shared and the corpora are read by python3-yaml (a project dependency
// that scripts/setup.sh installs; ../shared/tools/eval_report.py reads expected.yaml the same way).
function readYaml(file) {
  const r = spawnSync('python3', ['-c',
    'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), sys.stdout, default=str)', file],
  { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new CheckError(`cannot read ${file} with python3-yaml: ${r.error ? r.error.message : r.stderr.trim()}`);
  }
  return JSON.parse(r.stdout);
}

function manifestIds(file) {
  const manifest = readYaml(file);
  return (manifest.articles || []).map((a) => a.id || path.basename(a.file).replace(/\.[^.]*$/, ''));
}

function numbersIn(text) {
  return (String(text).match(/\d[\d,]*(?:\.\d+)?/g) || []).map((t) => Number(t.replace(/,/g, '')));
}

const SEVERITIES = ['high', 'possible', 'info'];
const STATUSES = ['unreviewed', 'confirmed', 'dismissed', 'needs-work', 'stale', 'waived'];

let browser = null;
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Opens a report file in a fresh context and records what could betray a leak: every request
// (of any page or worker of the context), console errors and warnings, uncaught exceptions,
// CSP violation events, popups and dialogs.
async function openReport(file, contextOptions = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...contextOptions });
  const log = { requests: [], console: [], pageErrors: [], popups: [], dialogs: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ` +
                                  `at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  page.on('popup', (p) => log.popups.push(p.url()));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, log, url };
}

async function assertQuiet(report, what) {
  const { page, log, url } = report;
  const problems = [];
  const other = log.requests.filter((r) => r !== url);
  if (other.length) problems.push(`requests other than the report itself: ${other.join(', ')}`);
  else if (log.requests.length !== 1) problems.push(`expected exactly one request (${url}), saw ${JSON.stringify(log.requests)}`);
  const violations = await page.evaluate(() => window.__cspViolations || []);
  if (violations.length) problems.push(`CSP violations: ${violations.join('; ')}`);
  if (log.console.length) problems.push(`console messages: ${log.console.join('; ')}`);
  if (log.pageErrors.length) problems.push(`uncaught errors: ${log.pageErrors.join('; ')}`);
  if (log.popups.length || log.dialogs.length) problems.push(`popups ${JSON.stringify(log.popups)}, dialogs ${JSON.stringify(log.dialogs)}`);
  assert(problems.length === 0, `${what}:\n${problems.join('\n')}`);
}

// The cards as the page shows them: data attributes, sources of their quotes, visibility.
async function readCards(page) {
  return page.$$eval('article.card', (cards) => cards.map((c) => ({
    id: c.id,
    fact: c.getAttribute('data-fact'),
    severity: c.getAttribute('data-severity'),
    status: c.getAttribute('data-status'),
    within: c.classList.contains('within'),
    sources: [...new Set([...c.querySelectorAll('.quote')].map((q) => q.getAttribute('data-source')))],
    hidden: c.hidden,
    visible: c.checkVisibility({ checkVisibilityCSS: true }) && c.getClientRects().length > 0,
  })));
}

async function selectOptions(page, id) {
  return page.$$eval(`#${id} option`, (os) => os.map((o) => ({ value: o.value, text: o.textContent })));
}

// b. Filters: every single choice of every select, one combination, then a reset.
async function filterChecks(page, label) {
  const selects = { severity: 'filter-severity', source: 'filter-source', status: 'filter-status' };
  const cards = await readCards(page);

  await check(`${label}: filters: three selects in form#filters, the contract's options`, async () => {
    assert(await page.locator('form#filters').count() === 1, 'no form#filters');
    for (const id of Object.values(selects)) {
      assert(await page.locator(`form#filters select#${id}`).count() === 1, `no select#${id} inside form#filters`);
    }
    assertEqual((await selectOptions(page, 'filter-severity')).map((o) => o.value), ['', ...SEVERITIES],
                '#filter-severity option values');
    assertEqual((await selectOptions(page, 'filter-status')).map((o) => o.value), ['', ...STATUSES],
                '#filter-status option values');
    const sourceOptions = (await selectOptions(page, 'filter-source')).map((o) => o.value);
    const rows = await page.$$eval('table.sources tr[data-source]', (trs) => trs.map((t) => t.getAttribute('data-source')));
    assertEqual(sourceOptions[0], '', 'first #filter-source option (all)');
    assertEqual([...sourceOptions.slice(1)].sort(), [...rows].sort(), '#filter-source options vs source table rows');
    assert(cards.length > 0, 'no article.card in the report');
    assert(cards.every((c) => c.visible && !c.hidden), 'some cards are hidden before any filter is chosen');
  });

  const choose = async (choice) => {
    for (const [key, id] of Object.entries(selects)) {
      await page.selectOption(`#${id}`, choice[key] || '');
    }
  };
  const expectVisible = (card, choice) =>
    (!choice.severity || card.severity === choice.severity) &&
    (!choice.status || card.status === choice.status) &&
    (!choice.source || card.sources.includes(choice.source));

  let discriminating = 0;
  const verify = async (choice) => {
    await choose(choice);
    const now = await readCards(page);
    const wrong = [];
    for (const c of now) {
      const want = expectVisible(c, choice);
      if (want !== c.visible || want === c.hidden) {
        wrong.push(`${c.id} (${c.fact}; severity ${c.severity}, status ${c.status}, sources ${c.sources.join(',')}): ` +
                   `${want ? 'should show' : 'should hide'} but hidden=${c.hidden} visible=${c.visible}`);
      }
    }
    const shown = now.filter((c) => c.visible).length;
    if (shown > 0 && shown < now.length) discriminating++;
    const counter = (await page.locator('output#filter-count').textContent()) || '';
    const m = counter.match(/(\d+)\s+of\s+(\d+)/);
    if (!m || Number(m[1]) !== shown || Number(m[2]) !== now.length) {
      wrong.push(`output#filter-count says ${JSON.stringify(counter.trim())}, cards shown ${shown} of ${now.length}`);
    }
    assert(wrong.length === 0, `with ${JSON.stringify(choice)}:\n${wrong.join('\n')}`);
    return shown;
  };

  for (const [key, id] of Object.entries(selects)) {
    await check(`${label}: filter ${key}: each choice hides exactly the non-matching cards`, async () => {
      const values = (await selectOptions(page, id)).map((o) => o.value).filter((v) => v !== '');
      const counts = [];
      for (const v of values) counts.push(`${v}:${await verify({ [key]: v })}`);
      await verify({});
      return counts.join(' ');
    });
  }

  await check(`${label}: filters combine (severity AND source AND status)`, async () => {
    // The most selective pair that still shows a card, so the conjunction is exercised.
    let best = null;
    for (const severity of SEVERITIES) {
      for (const source of new Set(cards.flatMap((c) => c.sources))) {
        const n = cards.filter((c) => expectVisible(c, { severity, source })).length;
        if (n > 0 && (!best || n < best.n)) best = { severity, source, n };
      }
    }
    assert(best, 'no card to combine filters on');
    const status = cards.find((c) => expectVisible(c, best)).status;
    await verify({ severity: best.severity, source: best.source, status });
    await verify({ severity: best.severity, source: best.source, status: STATUSES.find((s) => s !== status) });
  });

  await check(`${label}: resetting the filters shows every card again`, async () => {
    await verify({ severity: 'high' });
    await verify({});
    let now = await readCards(page);
    assert(now.every((c) => c.visible && !c.hidden), 'cards still hidden after choosing "all" again');
    // A reset button is not in the contract; when the form has one, it must work too.
    const reset = page.locator('form#filters button[type="reset"], form#filters input[type="reset"]');
    if (await reset.count() === 0) return 'no reset button';
    await verify({ severity: 'high', status: 'unreviewed' });
    await reset.first().click();
    await page.waitForFunction(() => [...document.querySelectorAll('article.card')].every((c) => !c.hidden), null, { timeout: 5000 })
      .catch(() => {});
    now = await readCards(page);
    assert(now.every((c) => c.visible && !c.hidden), 'cards still hidden after the reset button');
    for (const id of Object.values(selects)) assertEqual(await page.locator(`#${id}`).inputValue(), '', `#${id} after the reset button`);
    await verify({});
    return 'and by the reset button';
  });

  await check(`${label}: some filter choice hides a card and keeps another (the test can fail)`, async () => {
    assert(discriminating > 0, 'no choice of any filter split the cards into shown and hidden: the filter checks prove nothing here');
    return `${discriminating} splitting choices`;
  });
}

// The writer's own inline script: exactly one, no src, its sha256 named by the CSP meta.
async function scriptAndCsp(page) {
  const info = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script')].map((s) => ({ src: s.getAttribute('src'), type: s.type, text: s.textContent })),
    csp: [...document.querySelectorAll('meta[http-equiv]')]
      .filter((m) => m.getAttribute('http-equiv').toLowerCase() === 'content-security-policy')
      .map((m) => m.getAttribute('content')),
    cspInHead: !!document.head.querySelector('meta[http-equiv="Content-Security-Policy" i]'),
  }));
  assert(info.csp.length === 1, `expected one Content-Security-Policy meta, found ${info.csp.length}`);
  assert(info.cspInHead, 'the Content-Security-Policy meta is not in <head>');
  const directives = Object.fromEntries(info.csp[0].split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v]; }));
  assertEqual(directives['default-src'], ["'none'"], "CSP default-src");
  assertEqual(directives['img-src'], ['data:'], 'CSP img-src');
  assert(info.scripts.length === 1, `expected exactly one <script>, found ${info.scripts.length}`);
  const [script] = info.scripts;
  assert(script.src === null, `the report's script has src=${script.src}`);
  const hash = `'sha256-${createHash('sha256').update(script.text, 'utf8').digest('base64')}'`;
  const scriptSrc = directives['script-src'] || directives['default-src'];
  assert(scriptSrc.includes(hash), `CSP script-src ${JSON.stringify(scriptSrc)} does not name the script's hash ${hash}`);
  assert(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'"),
         `CSP script-src allows unsafe code: ${scriptSrc.join(' ')}`);
  return { script: script.text, csp: info.csp[0] };
}

// No event attribute, no element that loads or runs anything, no URL but http(s) links,
// fragments and data: images; external links open with rel="noopener noreferrer".
async function assertInert(page) {
  const found = await page.evaluate(() => {
    const out = [];
    const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'srcset',
                      'data', 'ping', 'cite', 'codebase', 'manifest', 'srcdoc', 'lowsrc', 'dynsrc'];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) out.push(`<${el.localName}> has ${a.name}=${JSON.stringify(a.value)}`);
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(?:(?:java|vb|live)script:|data:text)/.test(v) && !name.startsWith('data-')) {
          out.push(`<${el.localName}> ${a.name}=${JSON.stringify(a.value)}`);
        }
        if (urlAttrs.includes(name)) {
          const ok = (name === 'href' && (/^https?:\/\//i.test(a.value) || a.value.startsWith('#'))) ||
                     ((name === 'src') && /^data:image\//i.test(a.value)) ||
                     (name === 'cite' && /^https?:\/\//i.test(a.value));
          if (!ok) out.push(`<${el.localName}> ${a.name}=${JSON.stringify(a.value)} (not http(s), # or data:image)`);
        }
      }
    }
    for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, base, link, ' +
                                                'meta[http-equiv="refresh" i], textarea, noscript, template, portal')) {
      out.push(`element <${el.localName}> present`);
    }
    for (const el of document.querySelectorAll('form')) if (el.id !== 'filters') out.push(`<form id=${JSON.stringify(el.id)}>`);
    const styles = document.querySelectorAll('style');
    if (styles.length > 1 || (styles.length === 1 && styles[0].parentElement !== document.head)) {
      out.push(`${styles.length} <style> elements (the report has one, in <head>)`);
    }
    for (const el of document.querySelectorAll('a[href^="http" i]')) {
      const rel = (el.getAttribute('rel') || '').split(/\s+/);
      if (!rel.includes('noopener') || !rel.includes('noreferrer')) out.push(`<a href=${JSON.stringify(el.getAttribute('href'))}> rel=${JSON.stringify(el.getAttribute('rel'))}`);
    }
    return out;
  });
  assert(found.length === 0, found.join('\n'));
}

// ---------------------------------------------------------------- a. albania-2022
async function albaniaSuite() {
  const corpus = path.join(args.shared, 'corpus', 'albania-2022');
  const ok = await check('albania: ../shared/corpus/albania-2022 is present', async () => {
    assert(fs.existsSync(path.join(corpus, 'expected.yaml')),
           `${corpus}/expected.yaml not found: --shared must name the shared folder (the CI clone has it ` +
           'beside the repository as ../shared); the albania checks cannot run without it');
  });
  if (!ok) return null;

  const htmlFile = path.join(tmp, 'albania.html');
  const jsonFile = path.join(tmp, 'albania.json');
  let expected; let json; let sourceIds;
  if (!await check('albania: crosscheck check --format html and --format json', async () => {
    runBinary(['check', corpus, '--format', 'html', '--out', htmlFile]);
    runBinary(['check', corpus, '--format', 'json', '--out', jsonFile]);
    json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    expected = readYaml(path.join(corpus, 'expected.yaml'));
    sourceIds = manifestIds(path.join(corpus, 'sources.yaml'));
    return `${fs.statSync(htmlFile).size} bytes of HTML`;
  })) return null;

  const report = await openReport(htmlFile, { viewport: { width: 1280, height: 900 } });
  const { page } = report;
  let ownScript = null;

  await check('albania: loads with no request but its own file:// URL and no console error', async () => {
    await assertQuiet(report, 'after load');
  });

  await check('albania: no on* attribute, no foreign element, no URL but http(s), # or data:image', () => assertInert(page));

  await check('albania: one inline script, hashed in a default-src \'none\' CSP meta', async () => {
    ownScript = await scriptAndCsp(page);
  });

  const cards = await readCards(page);
  const contradictionCards = await page.$$eval('#contradictions article.card', (cs) => cs.map((c) => c.id));

  await check('albania: every card has an id fact-N, data-fact, a known data-severity and data-status', async () => {
    assert(contradictionCards.length > 0, 'no article.card inside section#contradictions');
    const bad = cards.filter((c) => !/^fact-\d+$/.test(c.id || '') && !c.within || !c.fact ||
                              !SEVERITIES.includes(c.severity) || !STATUSES.includes(c.status));
    assert(bad.length === 0, `cards with bad attributes: ${JSON.stringify(bad)}`);
    const ids = cards.map((c) => c.id).filter(Boolean);
    assert(new Set(ids).size === ids.length, `duplicate card ids: ${ids}`);
    return `${contradictionCards.length} contradiction cards, ${cards.length - contradictionCards.length} within-source`;
  });

  // The cards' structure: label, key, severity and status spans, sides, quotes.
  const dom = await page.$$eval('#contradictions article.card, #within article.card', (cs) => cs.map((c) => ({
    id: c.id,
    fact: c.getAttribute('data-fact'),
    label: c.querySelector('h3.fact-label')?.textContent.trim() ?? null,
    key: c.querySelector('code.fact-key')?.textContent ?? null,
    severityText: c.querySelector('span.severity')?.textContent ?? null,
    statusText: c.querySelector('span.status')?.textContent ?? null,
    sides: [...c.querySelectorAll('div.side')].map((s) => ({
      value: s.getAttribute('data-value'),
      h4: s.querySelector('h4.value')?.textContent.trim() ?? null,
      quotes: [...s.querySelectorAll('li.quote')].map((q) => ({
        source: q.getAttribute('data-source'),
        sourceText: q.querySelector('span.source')?.textContent ?? null,
        speaker: q.querySelector('span.speaker')?.textContent ?? null,
        copy: q.querySelector('span.copy')?.textContent ?? null,
        sentence: q.querySelector('blockquote.sentence')?.textContent ?? null,
        marks: [...q.querySelectorAll('blockquote.sentence mark.value')].map((m) => m.textContent),
      })),
    })),
    quotesOutsideSides: [...c.querySelectorAll('li.quote')].filter((q) => !q.closest('div.side')).length,
  })));
  const byFact = new Map(dom.map((c) => [c.fact, c]));

  await check('albania: every card has a label, its key, severity and status text, sides with quotes', async () => {
    const problems = [];
    for (const c of dom) {
      if (!c.label) problems.push(`${c.id}: no h3.fact-label text`);
      if (!c.id.startsWith('fact-') && !c.fact.startsWith('within/')) problems.push(`${c.id}: odd id`);
      if (!c.fact.startsWith('within/') && c.key !== c.fact) problems.push(`${c.id}: code.fact-key ${JSON.stringify(c.key)} != data-fact ${c.fact}`);
      if (!c.severityText) problems.push(`${c.id}: no span.severity`);
      if (!c.statusText) problems.push(`${c.id}: no span.status`);
      if (!c.fact.startsWith('within/') && c.sides.length < 2) problems.push(`${c.id}: ${c.sides.length} div.side (a contradiction has at least two)`);
      for (const s of c.sides) {
        if (!s.value || s.h4 !== s.value) problems.push(`${c.id}: side data-value ${JSON.stringify(s.value)} vs h4.value ${JSON.stringify(s.h4)}`);
        if (s.quotes.length === 0) problems.push(`${c.id}: side ${s.value} has no li.quote`);
        for (const q of s.quotes) {
          if (!q.source || q.sourceText !== q.source) problems.push(`${c.id}: quote data-source ${JSON.stringify(q.source)} vs span.source ${JSON.stringify(q.sourceText)}`);
          if (!q.sentence) problems.push(`${c.id}: quote of ${q.source} has no blockquote.sentence`);
          if (q.marks.length === 0 || q.marks.some((m) => !m.trim())) problems.push(`${c.id}: quote of ${q.source} has no non-empty mark.value`);
        }
      }
    }
    assert(problems.length === 0, problems.join('\n'));
  });

  // Every expected contradiction: a card with its sides and quoting sources (matched like
  // ../shared/tools/eval_report.py: a card holding a source of every side, each side's value
  // shown by a side quoting one of its sources, no side mixing two expected sides).
  const used = new Set();
  for (const exp of expected.contradictions || []) {
    const sides = Object.entries(exp.sides).map(([label, srcs]) => ({ label: String(label), sources: srcs.map(String) }));
    await check(`albania: card for "${exp.fact}"`, async () => {
      const reasons = [];
      let hit = null;
      for (const c of dom.filter((d) => !d.fact.startsWith('within/'))) {
        if (used.has(c.fact)) continue;
        const why = [];
        for (const side of sides) {
          const quoted = c.sides.filter((s) => s.quotes.some((q) => side.sources.includes(q.source)));
          if (quoted.length === 0) { why.push(`no quote of ${side.sources.join('/')}`); continue; }
          const wanted = numbersIn(side.label);
          if (wanted.length && !quoted.some((s) => numbersIn(s.value).some((n) => wanted.includes(n)))) {
            why.push(`side "${side.label}" not shown (its sources are under ${quoted.map((s) => s.value).join(', ')})`);
          }
          const missing = side.sources.filter((src) => !c.sides.some((s) => s.quotes.some((q) => q.source === src)));
          if (missing.length) why.push(`side "${side.label}": ${missing.join(', ')} not quoted`);
        }
        for (const s of c.sides) {
          const mixed = sides.filter((side) => s.quotes.some((q) => side.sources.includes(q.source)));
          if (mixed.length > 1) why.push(`side ${s.value} mixes ${mixed.map((m) => `"${m.label}"`).join(' and ')}`);
        }
        if (exp.severity && why.length === 0) {
          const card = cards.find((k) => k.fact === c.fact);
          if (card.severity !== exp.severity) why.push(`data-severity ${card.severity}, expected ${exp.severity}`);
        }
        if (why.length === 0) { hit = c; break; }
        reasons.push(`${c.id} ${c.fact}: ${why.join('; ')}`);
      }
      assert(hit, `no card matches: sides ${JSON.stringify(exp.sides)}\n${reasons.join('\n')}`);
      used.add(hit.fact);
      return `${hit.id} ${hit.fact}: ${hit.sides.map((s) => `${s.value} [${s.quotes.map((q) => q.source).join(' ')}]`).join(' | ')}`;
    });
  }

  for (const w of expected.within_source || []) {
    await check(`albania: within-source card for ${w.source}`, async () => {
      const c = dom.find((d) => d.fact === `within/${w.source}`);
      assert(c, `no card data-fact="within/${w.source}" (within cards: ${dom.filter((d) => d.fact.startsWith('within/')).map((d) => d.fact).join(', ') || 'none'})`);
      const inWithin = await page.locator(`#within article.card.within[data-fact="within/${w.source}"]`).count();
      assert(inWithin === 1, 'the within-source card is not an article.card.within inside section#within');
      const all = await page.$$eval(`#within article.card[data-fact="within/${w.source}"] li.quote`, (qs) => qs.map((q) => q.getAttribute('data-source')));
      assert(all.length >= 2 && all.every((s) => s === w.source), `quotes of the within card: ${JSON.stringify(all)}`);
      return `${c.id || c.fact}: ${all.length} quotes`;
    });
  }

  for (const [copy, original] of Object.entries((expected.sources || {}).copies || {})) {
    await check(`albania: quotes of ${copy} say it copies ${original}`, async () => {
      const quotes = dom.flatMap((c) => c.sides.flatMap((s) => s.quotes)).filter((q) => q.source === copy);
      assert(quotes.length > 0, `no quote of ${copy}`);
      const bad = quotes.filter((q) => !q.copy || !q.copy.includes(original));
      assert(bad.length === 0, `${bad.length} of ${quotes.length} quotes of ${copy} lack span.copy naming ${original} ` +
             `(got ${JSON.stringify(bad.map((q) => q.copy))})`);
      const others = dom.flatMap((c) => c.sides.flatMap((s) => s.quotes)).filter((q) => q.copy && q.source !== copy);
      assert(others.length === 0 || others.every((q) => (json.sources.find((s) => s.id === q.source) || {}).copy_of),
             `span.copy on quotes of sources that copy nobody: ${others.map((q) => q.source).join(', ')}`);
      return `${quotes.length} quotes`;
    });
  }

  // The cards render the JSON report of the same run, in order, claim by claim.
  await check('albania: the cards render the JSON report: facts, severities, sides, quotes, marks, speakers', async () => {
    const facts = json.facts.filter((f) => f.status === 'contradiction');
    const domFacts = dom.filter((d) => !d.fact.startsWith('within/')).map((d) => d.fact);
    assertEqual(domFacts, facts.map((f) => f.key), 'contradiction cards in report order');
    const norm = (s) => String(s).replace(/\s+/g, ' ').trim();
    const problems = [];
    for (const f of facts) {
      const c = byFact.get(f.key);
      const card = cards.find((k) => k.fact === f.key);
      if (card.severity !== f.severity) problems.push(`${f.key}: data-severity ${card.severity}, JSON ${f.severity}`);
      if (norm(c.label) !== norm(f.label)) problems.push(`${f.key}: label ${JSON.stringify(c.label)}, JSON ${JSON.stringify(f.label)}`);
      if (c.sides.length !== f.values.length) { problems.push(`${f.key}: ${c.sides.length} sides, JSON ${f.values.length} values`); continue; }
      f.values.forEach((v, i) => {
        const s = c.sides[i];
        if (s.value !== v.display) problems.push(`${f.key}: side ${i} data-value ${JSON.stringify(s.value)}, JSON ${JSON.stringify(v.display)}`);
        if (s.quotes.length !== v.claims.length) { problems.push(`${f.key} ${v.display}: ${s.quotes.length} quotes, JSON ${v.claims.length} claims`); return; }
        v.claims.forEach((claim, j) => {
          const q = s.quotes[j];
          const where = `${f.key} ${v.display} quote ${j}`;
          if (q.source !== claim.source) problems.push(`${where}: source ${q.source}, JSON ${claim.source}`);
          if (norm(q.sentence) !== norm(claim.sentence)) problems.push(`${where}: sentence ${JSON.stringify(q.sentence)}, JSON ${JSON.stringify(claim.sentence)}`);
          if (!q.marks.includes(claim.text)) problems.push(`${where}: mark.value ${JSON.stringify(q.marks)}, JSON text ${JSON.stringify(claim.text)}`);
          if (claim.attributed_to && !(q.speaker || '').includes(claim.attributed_to)) problems.push(`${where}: span.speaker ${JSON.stringify(q.speaker)}, JSON attributed_to ${JSON.stringify(claim.attributed_to)}`);
          if (!claim.attributed_to && q.speaker) problems.push(`${where}: span.speaker ${JSON.stringify(q.speaker)} but JSON has no attribution`);
        });
      });
    }
    assert(problems.length === 0, problems.join('\n'));
    const speakers = dom.flatMap((c) => c.sides.flatMap((s) => s.quotes)).filter((q) => q.speaker).length;
    return `${facts.length} facts, ${speakers} attributed quotes`;
  });

  await check('albania: the glance counts sources, contradictions by severity and review status', async () => {
    const counts = await page.$$eval('header#glance dl.counts dd[data-count]', (dds) =>
      Object.fromEntries(dds.map((d) => [d.getAttribute('data-count'), d.textContent.trim()])));
    const h1 = await page.locator('header#glance h1').textContent().catch(() => '');
    assert(h1 && h1.trim(), 'header#glance has no h1 text');
    for (const k of ['sources', ...SEVERITIES, 'reviewed', 'unreviewed']) assert(/^\d+$/.test(counts[k] || ''), `dd[data-count="${k}"] is ${JSON.stringify(counts[k])}`);
    assertEqual(Number(counts.sources), sourceIds.length, 'data-count="sources" vs sources.yaml');
    const contra = cards.filter((c) => !c.within);
    for (const sev of SEVERITIES) {
      const n = contra.filter((c) => c.severity === sev).length;
      assertEqual(Number(counts[sev]), n, `data-count="${sev}" vs contradiction cards of that severity`);
    }
    if ('within' in counts) assertEqual(Number(counts.within), cards.length - contra.length, 'data-count="within" vs within-source cards');
    assertEqual(Number(counts.reviewed) + Number(counts.unreviewed), cards.length, 'reviewed + unreviewed vs cards');
    assertEqual(Number(counts.unreviewed), cards.filter((c) => c.status === 'unreviewed').length, 'unreviewed vs cards with data-status=unreviewed');
    return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  });

  await check('albania: the source table has one row per source of sources.yaml, scores and components as in the JSON', async () => {
    const rows = await page.$$eval('section#sources table.sources tr[data-source]', (trs) => trs.map((tr) => ({
      id: tr.getAttribute('data-source'),
      score: tr.querySelector('td.score')?.textContent.trim() ?? null,
      rects: [...tr.querySelectorAll('svg.bars rect[data-component]')].map((r) => r.getAttribute('data-component')),
      svgInline: !!tr.querySelector('svg.bars'),
    })));
    assertEqual(rows.map((r) => r.id).sort(), [...sourceIds].sort(), 'tr[data-source] rows vs sources.yaml');
    const details = await page.$$eval('section#sources details.component[data-component]', (ds) => ds.map((d) => ({
      component: d.getAttribute('data-component'),
      source: d.closest('[data-source]')?.getAttribute('data-source') ?? null,
      summary: d.querySelector('summary')?.textContent ?? '',
      evidence: d.querySelectorAll('ul li').length,
    })));
    const problems = [];
    for (const r of rows) {
      const s = json.sources.find((x) => x.id === r.id);
      if (!/^\d{1,3}$/.test(r.score || '') || Number(r.score) > 100) problems.push(`${r.id}: td.score ${JSON.stringify(r.score)}`);
      else if (Number(r.score) !== Math.round(s.score)) problems.push(`${r.id}: td.score ${r.score}, JSON ${s.score}`);
      const names = s.components.map((c) => c.name);
      if (!r.svgInline) problems.push(`${r.id}: no svg.bars`);
      assertEqual(r.rects, names, `${r.id}: svg.bars rect[data-component]`);
      const mine = details.filter((d) => d.source === r.id);
      if (mine.length) {
        assertEqual(mine.map((d) => d.component), names, `${r.id}: details.component`);
      }
    }
    assertEqual(details.length, json.sources.reduce((n, s) => n + s.components.length, 0), 'details.component count (one per source and component)');
    const empty = details.filter((d) => !d.summary.includes(d.component) || d.evidence === 0);
    assert(empty.length === 0, `components without a summary naming them or without evidence: ${empty.map((d) => `${d.source}/${d.component}`).join(', ')}`);
    assert(problems.length === 0, problems.join('\n'));
    return `${rows.length} rows, ${details.length} components`;
  });

  await check('albania: a component expands to its evidence', async () => {
    const d = page.locator('section#sources details.component').first();
    assert(!(await d.evaluate((el) => el.open)), 'the first component is open before a click');
    const li = d.locator('ul li').first();
    assert(!(await li.isVisible()), 'evidence visible while the component is closed');
    await d.locator('summary').click();
    assert(await d.evaluate((el) => el.open), 'clicking the summary did not open the component');
    assert(await li.isVisible(), 'evidence not visible after opening the component');
    await d.locator('summary').click();
  });

  await check('albania: the article-as-read view: blocks, clutter greyed, claim marks for every quoted claim', async () => {
    const views = await page.$$eval('section#articles details.reading', (ds) => ds.map((d) => {
      const blocks = [...d.querySelectorAll('p.block')];
      return {
        source: d.getAttribute('data-source'),
        kinds: blocks.map((b) => b.getAttribute('data-kind')),
        clutter: blocks.filter((b) => b.getAttribute('data-kind') === 'clutter').map((b) => b.getAttribute('data-clutter')),
        marks: [...d.querySelectorAll('mark.claim')].map((m) => ({ fact: m.getAttribute('data-fact'), text: m.textContent })),
      };
    }));
    assertEqual(views.map((v) => v.source).sort(), [...sourceIds].sort(), 'details.reading per source');
    const problems = [];
    for (const v of views) {
      if (!v.kinds.includes('body')) problems.push(`${v.source}: no body block`);
      const unknown = v.kinds.filter((k) => !['title', 'byline', 'dateline', 'body', 'clutter'].includes(k));
      if (unknown.length) problems.push(`${v.source}: blocks of unknown data-kind ${unknown.join(', ')}`);
      // expected.yaml: every page's clutter is found.
      if (v.clutter.length === 0) problems.push(`${v.source}: no clutter block`);
      if (v.clutter.some((c) => !c)) problems.push(`${v.source}: a clutter block without data-clutter`);
    }
    for (const f of json.facts.filter((x) => x.status === 'contradiction')) {
      for (const val of f.values) {
        for (const claim of val.claims) {
          const v = views.find((x) => x.source === claim.source);
          if (v && !v.marks.some((m) => m.fact === f.key && m.text === claim.text)) {
            problems.push(`${claim.source}: no mark.claim[data-fact="${f.key}"] reading ${JSON.stringify(claim.text)}`);
          }
        }
      }
    }
    const grey = await page.evaluate(() => {
      const clutter = document.querySelector('section#articles p.block[data-kind="clutter"]');
      const body = document.querySelector('section#articles p.block[data-kind="body"]');
      if (!clutter || !body) return null;
      const cs = getComputedStyle(clutter); const bs = getComputedStyle(body);
      return { clutter: [cs.color, cs.opacity, cs.backgroundColor], body: [bs.color, bs.opacity, bs.backgroundColor] };
    });
    if (!grey) problems.push('no clutter or body block to compare');
    else if (JSON.stringify(grey.clutter) === JSON.stringify(grey.body)) problems.push(`clutter blocks look like body blocks: ${JSON.stringify(grey)}`);
    assert(problems.length === 0, problems.join('\n'));
    return `${views.length} views, ${views.reduce((n, v) => n + v.clutter.length, 0)} clutter blocks, ` +
           `${views.reduce((n, v) => n + v.marks.length, 0)} claim marks`;
  });

  await filterChecks(page, 'albania');

  await check('albania: still no request and no console error after the interaction', async () => {
    await assertQuiet(report, 'after filtering and expanding');
  });

  await report.context.close();
  return ownScript;
}

// ---------------------------------------------------------------- d. hostile corpus
async function hostileSuite(ownScript) {
  const corpus = path.join(here, 'hostile');
  const htmlFile = path.join(tmp, 'hostile.html');
  let json;
  if (!await check('hostile: crosscheck check tests/browser/hostile --format html (and json)', async () => {
    runBinary(['check', corpus, '--format', 'html', '--out', htmlFile]);
    json = JSON.parse(runBinary(['check', corpus, '--format', 'json']).stdout);
    const contradictions = json.facts.filter((f) => f.status === 'contradiction');
    assert(contradictions.length > 0, 'the hostile corpus yields no contradiction, so no card with hostile sentences renders');
    return `${contradictions.length} contradiction(s), sources ${json.sources.map((s) => JSON.stringify(s.id)).join(' ')}`;
  })) return;

  const report = await openReport(htmlFile, { viewport: { width: 1280, height: 900 } });
  const { page } = report;
  const xss = () => page.evaluate(() => typeof window.__xss === 'undefined' ? 'undefined' : String(window.__xss));

  await check('hostile: window.__xss is unset after load', async () => {
    assertEqual(await xss(), 'undefined', 'window.__xss');
  });

  await check('hostile: no on* attribute, no foreign element, no URL but http(s), # or data:image', () => assertInert(page));

  await check('hostile: the only <script> is the report\'s own (same text as the albania report\'s, hash in the CSP)', async () => {
    const mine = await scriptAndCsp(page);
    if (ownScript) assert(mine.script === ownScript.script, 'the script differs from the one in the albania report');
    else note('no albania report to compare the script with');
  });

  await check('hostile: every claim sentence renders verbatim as the text of its blockquote', async () => {
    const sentences = await page.$$eval('#contradictions li.quote', (qs) => qs.map((q) => ({
      source: q.getAttribute('data-source'),
      text: q.querySelector('blockquote.sentence')?.textContent ?? null,
      sourceText: q.querySelector('span.source')?.textContent ?? null,
    })));
    const problems = [];
    for (const f of json.facts.filter((x) => x.status === 'contradiction')) {
      for (const v of f.values) {
        for (const c of v.claims) {
          const mine = sentences.filter((s) => s.source === c.source);
          if (!mine.length) problems.push(`no li.quote with data-source=${JSON.stringify(c.source)}`);
          else if (!mine.some((q) => q.text === c.sentence)) {
            problems.push(`${JSON.stringify(c.source)}: no blockquote reads ${JSON.stringify(c.sentence)}; they read ${JSON.stringify(mine.map((q) => q.text))}`);
          }
          for (const q of mine) {
            if (q.sourceText !== c.source) problems.push(`span.source ${JSON.stringify(q.sourceText)} != ${JSON.stringify(c.source)}`);
          }
        }
      }
    }
    assert(problems.length === 0, problems.join('\n'));
  });

  const literal = {
    'a script tag in a claim sentence': { selector: '#contradictions blockquote.sentence', text: '<script>window.__xss=1</script>' },
    'an img onerror in a claim sentence': { selector: '#contradictions blockquote.sentence', text: '<img src=x onerror="window.__xss=1">' },
    'closing textarea, comment and CDATA ends in a claim sentence': { selector: '#contradictions blockquote.sentence', text: '</textarea> --> ]]>' },
    'an event attribute in a claim sentence': { selector: '#contradictions blockquote.sentence', text: 'the gate <b onmouseover="window.__xss=1">failed</b>, the sheriff' },
    'a style element in a claim sentence': { selector: '#contradictions blockquote.sentence', text: '<style>*{display:none}</style>' },
    'both quote characters in a claim sentence': { selector: '#contradictions blockquote.sentence', text: 'citing "records" and the mayor\'s \'notes\'' },
    'the hostile source id as a filter option': { selector: '#filter-source option', text: '<img src=x onerror=window.__xss=1>' },
    'the hostile source id in the source table': { selector: 'section#sources table.sources', text: '<img src=x onerror=window.__xss=1>' },
    'entities of a .txt article stay undecoded (&lt;script&gt; &#x3c;b&#x3e; &amp;lt;)': { selector: 'section#articles', text: '&lt;script&gt; and &#x3c;b&#x3e; and &amp;lt; verbatim' },
    'entities of an .html article decode once (<b>spillway</b>, &lt;fine&gt;)': { selector: 'section#articles', text: 'the <b>spillway</b> was &lt;fine&gt; and that "nothing" had changed' },
    'an svg onload in a .txt article': { selector: 'section#articles', text: '<svg onload="window.__xss=1">' },
    'a javascript: link in a .txt article': { selector: 'section#articles', text: '<a href="javascript:window.__xss=1">here</a>' },
    'a hostile manifest title': { selector: 'body', text: 'Korvel \u202e<script>window.__xss=1</script> "archive" \'copy\'' },
    'a hostile JSONL title': { selector: 'body', text: 'Korvel Dam <script>window.__xss=1</script> "quoted" \'single\' \u202edesrever' },
  };
  for (const [what, { selector, text }] of Object.entries(literal)) {
    await check(`hostile: verbatim text: ${what}`, async () => {
      const texts = await page.$$eval(selector, (els) => els.map((e) => e.textContent));
      assert(texts.length > 0, `nothing matches ${selector}`);
      assert(texts.some((t) => t.includes(text)), `${JSON.stringify(text)} is not text of any ${selector}`);
    });
  }

  await check('hostile: the hostile source id survives as an attribute value (tr, quote, option)', async () => {
    const id = '<img src=x onerror=window.__xss=1>';
    const found = await page.evaluate((want) => ({
      rows: [...document.querySelectorAll('tr[data-source]')].filter((e) => e.getAttribute('data-source') === want).length,
      quotes: [...document.querySelectorAll('li.quote')].filter((e) => e.getAttribute('data-source') === want).length,
      options: [...document.querySelectorAll('#filter-source option')].filter((e) => e.value === want).length,
      readings: [...document.querySelectorAll('details.reading')].filter((e) => e.getAttribute('data-source') === want).length,
    }), id);
    assert(found.rows === 1 && found.quotes >= 1 && found.options === 1 && found.readings === 1, JSON.stringify(found));
  });

  // A right-to-left override reorders everything after it up to the end of its isolating
  // element (a <bdi>, an element with dir=, unicode-bidi: isolate or plaintext; browsers
  // isolate blocks like <p>). So the text from each U+202E to the end of that element must
  // be article text (a string of the corpus or of the JSON report), never the report's own
  // words, or an article could make "2024-05-03" show as "30-50-4202".
  await check('hostile: U+202E renders as text and cannot reorder the report\'s own words', async () => {
    const decode = (t) => t.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);
    const norm = (t) => t.replace(/\s+/g, ' ').trim();
    const haystack = [];
    const collect = (v) => {
      if (typeof v === 'string') haystack.push(norm(v));
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(json);
    for (const f of fs.readdirSync(corpus)) {
      const raw = fs.readFileSync(path.join(corpus, f), 'utf8');
      haystack.push(norm(raw), norm(decode(raw)));
      if (f.endsWith('.jsonl')) raw.split('\n').filter(Boolean).forEach((l) => collect(JSON.parse(l)));
    }
    const found = await page.evaluate(() => {
      const hits = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.data.indexOf('\u202e');
        if (at < 0) continue;
        let scope = n.parentElement;
        for (; scope && scope !== document.body; scope = scope.parentElement) {
          const ub = getComputedStyle(scope).unicodeBidi;
          if (scope.localName === 'bdi' || scope.hasAttribute('dir') || /isolate|plaintext/.test(ub)) break;
        }
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(scope, scope.childNodes.length);
        hits.push({ scope: `${scope.localName}${scope.className ? '.' + scope.className : ''}`, after: range.toString() });
      }
      return hits;
    });
    assert(found.length > 0, 'no text node holds U+202E (the hostile corpus has several)');
    const leaks = found.filter((h) => !haystack.some((t) => t.includes(norm(h.after))));
    assert(leaks.length === 0, `U+202E reorders report text after it in ${leaks.length} of ${found.length} places ` +
      '(wrap each piece of article text in <bdi> or an element with unicode-bidi: isolate):\n' +
      leaks.map((h) => `in ${h.scope}: ${JSON.stringify(h.after)}`).join('\n'));
    return `${found.length} text nodes, isolated by ${[...new Set(found.map((h) => h.scope))].join(', ')}`;
  });

  await check('hostile: clicking every summary and every filter choice runs nothing', async () => {
    const n = await page.locator('summary').count();
    for (let i = 0; i < n; i++) {
      const s = page.locator('summary').nth(i);
      if (await s.isVisible()) await s.click({ timeout: 5000 });
      else await s.evaluate((el) => el.click());
    }
    for (const id of ['filter-severity', 'filter-source', 'filter-status']) {
      for (const o of await selectOptions(page, id)) await page.selectOption(`#${id}`, o.value);
      await page.selectOption(`#${id}`, '');
    }
    await page.mouse.move(10, 10);
    for (const m of await page.locator('mark, a, blockquote').all()) {
      if (await m.isVisible()) await m.hover({ timeout: 5000 }).catch(() => {});
    }
    assertEqual(await xss(), 'undefined', 'window.__xss after interaction');
    return `${n} summaries`;
  });

  await filterChecks(page, 'hostile');

  await check('hostile: no request but the report itself and no console error', async () => {
    assertEqual(await xss(), 'undefined', 'window.__xss at the end');
    await assertQuiet(report, 'hostile report');
  });
  await report.context.close();
}

// ---------------------------------------------------------------- e. screenshots and print
async function exampleSuite() {
  const corpus = path.join(repo, 'examples', 'corpus');
  const htmlFile = path.join(args.outDir, 'example-report.html');
  if (!await check('example: crosscheck check examples/corpus --format html --out <out-dir>/example-report.html', async () => {
    fs.mkdirSync(args.outDir, { recursive: true });
    runBinary(['check', corpus, '--format', 'html', '--out', htmlFile]);
    return path.relative(process.cwd(), htmlFile);
  })) return;

  const noOverflow = async (page, width) => {
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert(m.scroll <= Math.max(m.client, width) + 1, `the page is ${m.scroll}px wide in a ${width}px viewport (horizontal scrolling)`);
  };

  const desktop = await openReport(htmlFile, { viewport: { width: 1280, height: 800 } });
  await check('example: no on* attribute, no foreign element, no URL but http(s), # or data:image', () => assertInert(desktop.page));

  await check('example: desktop 1280 wide, full page screenshot to report-desktop.png', async () => {
    await noOverflow(desktop.page, 1280);
    const file = path.join(args.outDir, 'report-desktop.png');
    await desktop.page.screenshot({ path: file, fullPage: true });
    await assertQuiet(desktop, 'desktop');
    return `${fs.statSync(file).size} bytes`;
  });

  await check('example: print media hides the filters and shows every card', async () => {
    const { page } = desktop;
    await page.emulateMedia({ media: 'print' });
    const state = await page.evaluate(() => ({
      filters: document.querySelector('form#filters')?.checkVisibility({ checkVisibilityCSS: true }) ?? null,
      cards: [...document.querySelectorAll('article.card')].map((c) => c.checkVisibility({ checkVisibilityCSS: true })),
    }));
    assert(state.filters === false, `form#filters is ${state.filters === null ? 'missing' : 'visible'} in print`);
    assert(state.cards.length > 0 && state.cards.every(Boolean), `cards hidden in print: ${JSON.stringify(state.cards)}`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 5000, `page.pdf() gave ${pdf.length} bytes`);
    await page.emulateMedia({ media: 'screen' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    return `${pages} A4 page(s) of PDF, ${pdf.length} bytes`;
  });
  await desktop.context.close();

  const phone = await openReport(htmlFile, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await check('example: phone 390x844 @2x screenshot to report-phone.png, no horizontal scrolling', async () => {
    const file = path.join(args.outDir, 'report-phone.png');
    await phone.page.screenshot({ path: file });
    await noOverflow(phone.page, 390);
    const small = await phone.page.evaluate(() => [...document.querySelectorAll('blockquote.sentence, td, h3, p.block')]
      .filter((e) => e.checkVisibility() && parseFloat(getComputedStyle(e).fontSize) < 12).length);
    assert(small === 0, `${small} text elements below 12px on a phone`);
    await assertQuiet(phone, 'phone');
    return `${fs.statSync(file).size} bytes`;
  });
  await phone.context.close();
}

// ---------------------------------------------------------------- main
const started = Date.now();
let exitCode = 0;
try {
  if (!fs.existsSync(args.binary)) usage(`no crosscheck binary at ${args.binary}`);
  if (!fs.existsSync(args.chromium)) {
    fail('chromium', new Error(`${args.chromium} not found: scripts/setup.sh installs Debian's chromium package`));
  } else {
    browser = await chromium.launch({ executablePath: args.chromium, args: chromiumArgs, timeout: 60000 });
    console.log(`note  ${args.chromium} ${browser.version()}, playwright-core, temp ${tmp}`);
    const ownScript = await albaniaSuite();
    await hostileSuite(ownScript);
    await exampleSuite();
  }
} catch (error) {
  fail('report_test (unexpected)', error.stack || error);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    console.log(`\nreport_test: ${failures.length} failed, ${passed} passed in ${seconds} s`);
    for (const f of failures) console.log(`  - ${f}`);
    exitCode = 1;
  } else {
    console.log(`\nreport_test: all ${passed} checks passed in ${seconds} s`);
  }
}
process.exit(exitCode);
