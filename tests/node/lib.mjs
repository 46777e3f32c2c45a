// Shared helpers for the Node tests: the golden case files, a key-order-independent JSON form,
// the hand-written `expect` check (the same as tests/golden.rs), and the native CLI.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CASES = join(ROOT, 'tests', 'cases');

/** Every tests/cases/**\/*.json, sorted, as {file, case}. */
export function loadCases(dir = CASES) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push({ file: relative(dir, p), case: JSON.parse(readFileSync(p, 'utf8')) });
    }
  };
  walk(dir);
  return out;
}

/** JSON text with object keys sorted at every level (serde_json::Value's order). */
export function canonical(v) {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]))
      : x);
}

/** Check a case's hand-written `expect` against an envelope; returns the mismatches. */
export function checkExpect(expect, actual) {
  const bad = [];
  const status = expect.status ?? 'ok';
  if (actual.status !== status) return [`status: expected ${status}, got ${actual.status}`];
  for (const e of expect.errors ?? []) {
    const found = (actual.errors ?? []).some((x) => x.code === e.code && (e.path === undefined || x.path === e.path));
    if (!found) bad.push(`error ${JSON.stringify(e)} not in ${JSON.stringify(actual.errors)}`);
  }
  if ('totalPoints' in expect && actual.totalPoints !== expect.totalPoints) {
    bad.push(`totalPoints: expected ${expect.totalPoints}, got ${actual.totalPoints}`);
  }
  if ('revision' in expect && actual.revision !== expect.revision) {
    bad.push(`revision: expected ${expect.revision}, got ${actual.revision}`);
  }
  if (Array.isArray(expect.lines)) {
    const got = (actual.lines ?? []).map((l) => `${l.item} ${l.date} ${l.points}x${l.count}`);
    const want = expect.lines.map((l) => `${l.item} ${l.date ?? actual.serviceDate} ${l.points}x${l.count ?? 1}`);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      bad.push(`lines:\n  expected ${JSON.stringify(want)}\n  got      ${JSON.stringify(got)}`);
    }
  }
  const findings = actual.findings ?? [];
  for (const f of expect.findings ?? []) {
    const ok = findings.some((x) => x.code === f.code
      && (f.outcome === undefined || x.outcome === f.outcome)
      && (f.severity === undefined || x.severity === f.severity));
    if (!ok) bad.push(`finding ${JSON.stringify(f)} missing; got ${JSON.stringify(findings.map((x) => `${x.code}=${x.outcome}`))}`);
  }
  for (const code of expect.absentFindings ?? []) {
    if (findings.some((x) => x.code === code)) bad.push(`finding ${code} must be absent`);
  }
  return bad;
}

/** The native CLI binary (SANTEI_BIN, else target/debug or target/release), or null. */
export function nativeBin() {
  const candidates = [process.env.SANTEI_BIN, join(ROOT, 'target/debug/santei'), join(ROOT, 'target/release/santei')];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/**
 * What a golden case gives: `claim` (evaluate), `claims` (evaluatePatient) or `facility`
 * (checkFacilityStandard) — the package function and the CLI command for each.
 */
export const CASE_KINDS = {
  claim: { fn: 'evaluate', cli: 'evaluate' },
  claims: { fn: 'evaluatePatient', cli: 'patient' },
  facility: { fn: 'checkFacilityStandard', cli: 'facility' },
};

/** The kind of a golden case (a key of CASE_KINDS), or undefined. */
export const kindOf = (c) => Object.keys(CASE_KINDS).find((k) => k in c);

/**
 * The native `santei evaluate -` output of each claim, computed with one `santei batch -` run
 * (one process instead of one per claim: each start of the debug binary loads the default
 * catalogue, ~0.5 s). A batch result is the claim's own evaluation as long as it is `ok`; an
 * error result has its paths prefixed `[i]`, so those claims (and the first, which checks the
 * CLI's own printing) are run one by one. Texts of batch results are re-serialised with
 * JSON.stringify (the CLI prints compact JSON, which the per-claim runs check byte for byte).
 */
export function nativeEvaluateAll(bin, claims) {
  const batch = JSON.parse(runNative(bin, ['batch', '-'], JSON.stringify(claims)));
  if (batch.status !== 'ok' || batch.results.length !== claims.length) {
    throw new Error(`santei batch gave ${batch.status} for ${claims.length} claims`);
  }
  return batch.results.map((r, i) => (r.status === 'ok' && i > 0
    ? JSON.stringify(r)
    : runNative(bin, ['evaluate', '-'], JSON.stringify(claims[i]))));
}

/** Run `santei <args>` with `input` on stdin; returns stdout without the final newline. */
export function runNative(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`santei ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}
