'use strict';
// Scores `crosscheck values --jsonl` on whole peer suites, with the rules the
// peers' own scripts apply to them (../shared/peers/dates_eval.js and
// numbers_eval.js), so the figures sit beside the peers' published ones:
//   1. Recognizers-Text English DateTimeModel.json, every case: case accuracy
//      (a case with >= 1 dated entity passes when every dated entity is
//      overlapped by one of our outputs carrying an accepted date, and no
//      output overlaps nothing expected; lib.scoreRtDateOutputs), negatives
//      clean. RT itself: 563/724 = 77.8%.
//   2. Duckling time_en.json, day-grain non-latent non-holiday cases: our first
//      output's lo is the expected date. Best peer (RT): 160/264 = 60.6%.
//   3. Duckling numeral_en.json: our first number (count, quantity, money,
//      percent) in text order is a point equal to the value (lenient).
//      Best peer (RT): 81/105 = 77.1%.
// Our outputs: date, daterange and year values carry their lo date; duration
// values are outputs without a date (as in score_crosscheck.js).
//
// usage: node scripts/eval_values.js [--bin build/crosscheck] [--shared ../shared]
//          [--fails N] [--json OUT]
// Exit status 0 when it ran (the figures are the result), 2 when it could not.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const root = path.resolve(__dirname, '..');
const bin = path.resolve(opt('--bin', path.join(root, 'build', 'crosscheck')));
const shared = path.resolve(opt('--shared', path.join(root, '..', 'shared')));
const showFails = +opt('--fails', '0');
const jsonOut = opt('--json', null);

let L;
try {
  L = require(path.join(shared, 'peers', 'lib.js'));
} catch (e) {
  console.error(`eval_values: cannot load ${shared}/peers/lib.js: ${e.message}`);
  process.exit(2);
}

const DATE_KINDS = new Set(['date', 'daterange', 'year']);
const NUMBER_KINDS = new Set(['count', 'quantity', 'money', 'percent']);

// UTF-8 byte offset -> UTF-16 index, for one text.
function byteToUtf16(text) {
  const map = new Map();
  let bytes = 0;
  let units = 0;
  map.set(0, 0);
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8');
    units += ch.length;
    map.set(bytes, units);
  }
  return b => (map.has(b) ? map.get(b) : null);
}

// ---- the cases --------------------------------------------------------------
const items = [];
const rtFile = 'DateTime/English/DateTimeModel.json';
const rtCases = L.loadJson(path.join(L.RT_SPECS, rtFile));
rtCases.forEach((tc, i) => items.push({
  suite: 'rt', id: `rt#${i}`, tc, text: tc.Input,
  reference: (tc.Context && tc.Context.ReferenceDateTime) || null,
}));
const time = L.loadJson(path.join(L.DUCKLING_DIR, 'time_en.json'));
time.cases.forEach((c, i) => {
  const x = c.expected;
  if (x.grain !== 'day' || !(x.kind === 'datetime' || x.kind === 'interval')) return;
  if (c.with_latent || x.holiday) return;
  items.push({ suite: 'time', id: `time#${i}`, text: c.input,
    want: (x.kind === 'datetime' ? x.value : x.from).slice(0, 10),
    reference: time.meta.references[c.reference].reference_time });
});
const numeral = L.loadJson(path.join(L.DUCKLING_DIR, 'numeral_en.json'));
numeral.cases.forEach((c, i) => items.push({ suite: 'numeral', id: `numeral#${i}`, text: c.input,
  want: c.expected.value, reference: null }));

// ---- one run of our program -------------------------------------------------
const input = items.map(it => JSON.stringify(it.reference ? { id: it.id, text: it.text, reference: it.reference }
  : { id: it.id, text: it.text })).join('\n') + '\n';
const run = spawnSync(bin, ['values', '--jsonl'], { input, maxBuffer: 1 << 30 });
if (run.error || !run.stdout || !run.stdout.length) {
  console.error(`eval_values: ${bin} values --jsonl did not run: ${run.error || run.stderr}`);
  process.exit(2);
}
const lines = run.stdout.toString('utf8').split('\n').filter(Boolean);
if (lines.length !== items.length) {
  console.error(`eval_values: ${items.length} cases in, ${lines.length} lines out`);
  process.exit(2);
}
lines.forEach((line, i) => {
  const o = JSON.parse(line);
  if (o.id !== items[i].id) throw new Error(`line ${i + 1}: id ${o.id}, want ${items[i].id}`);
  items[i].values = o.values || [];
});

// Our values as date outputs {s, e (inclusive UTF-16), text, dates}.
function dateOutputs(it) {
  const at = byteToUtf16(it.text);
  const out = [];
  for (const v of it.values) {
    if (!DATE_KINDS.has(v.kind) && v.kind !== 'duration') continue;
    const s = at(v.start), e = at(v.end);
    if (s === null || e === null || e <= s) continue;
    out.push({ s, e: e - 1, text: v.text,
      dates: DATE_KINDS.has(v.kind) && typeof v.lo === 'string' ? [v.lo] : null });
  }
  return out;
}

// ---- scoring ----------------------------------------------------------------
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) + '%' : '-');
const res = { rt: { scored: 0, pass: 0, negatives: 0, negClean: 0, fails: [] },
  time: { n: 0, pass: 0, fails: [] }, numeral: { n: 0, pass: 0, fails: [] } };
for (const it of items) {
  if (it.suite === 'rt') {
    const out = dateOutputs(it);
    const r = L.scoreRtDateOutputs(it.tc, out);
    if (r.negative) {
      res.rt.negatives++;
      if (r.pass) res.rt.negClean++;
      else res.rt.fails.push({ id: it.id, text: it.text, why: 'negative, got ' + out.map(o => o.text).join(', ') });
      continue;
    }
    if (!r.entities.length) continue;  // nothing dated to score (RT's rule)
    res.rt.scored++;
    if (r.pass) res.rt.pass++;
    else {
      res.rt.fails.push({ id: it.id, text: it.text, ref: it.reference,
        why: r.entities.filter(x => !x.matched).map(x => `miss "${x.text}" want ${x.want.join('|')}`)
          .concat(r.fps.map(f => `fp "${f.text}"`)).join('; ') +
          ' | got ' + out.map(o => `"${o.text}"=${(o.dates || ['-']).join('|')}`).join(', ') });
    }
  } else if (it.suite === 'time') {
    res.time.n++;
    const out = dateOutputs(it).sort((a, b) => a.s - b.s);
    const got = out.length && out[0].dates ? out[0].dates[0] : null;
    if (got === it.want) res.time.pass++;
    else res.time.fails.push({ id: it.id, text: it.text, why: `want ${it.want} got ${got}` });
  } else {
    res.numeral.n++;
    const nums = it.values.filter(v => NUMBER_KINDS.has(v.kind))
      .sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
    const first = nums[0];
    const ok = first && first.lo !== null && first.lo === first.hi && L.numEq(first.lo, it.want);
    if (ok) res.numeral.pass++;
    else res.numeral.fails.push({ id: it.id, text: it.text,
      why: `want ${it.want} got ${first ? first.text + '=' + first.lo + '..' + first.hi : 'nothing'}` });
  }
}

console.log(`crosscheck values on whole peer suites (${bin})`);
console.log('suite'.padEnd(44), 'ours'.padStart(16), '   best peer');
console.log('RT English DateTimeModel.json, case accuracy'.padEnd(44),
  `${res.rt.pass}/${res.rt.scored} ${pct(res.rt.pass, res.rt.scored)}`.padStart(16), '   RT 563/724 = 77.8%');
console.log('  negatives clean'.padEnd(44), `${res.rt.negClean}/${res.rt.negatives}`.padStart(16), '   RT 65/67');
console.log('Duckling time, day grain'.padEnd(44),
  `${res.time.pass}/${res.time.n} ${pct(res.time.pass, res.time.n)}`.padStart(16), '   RT 160/264 = 60.6%');
console.log('Duckling numerals, lenient'.padEnd(44),
  `${res.numeral.pass}/${res.numeral.n} ${pct(res.numeral.pass, res.numeral.n)}`.padStart(16), '   RT 81/105 = 77.1%');
if (showFails) {
  for (const k of ['rt', 'time', 'numeral']) {
    for (const f of res[k].fails.slice(0, showFails)) console.log(`FAIL ${f.id} ${JSON.stringify(f.text).slice(0, 90)} ${f.why.slice(0, 300)}`);
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(res, null, 1));
