// Shared harness for browser tests: a static server on 127.0.0.1 (the `santei serve` binary,
// else python3 -m http.server), Debian's headless Chromium through playwright-core, and a page
// wrapper that records every console error, page error, failed request, HTTP status >= 400 and
// request to another origin — a test fails if any happened. See tests/browser/README.md.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'test-results');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  // Nothing but 127.0.0.1 resolves: the page must not reach the network.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

function santeiBin() {
  const c = [process.env.SANTEI_BIN, join(ROOT, 'target/debug/santei'), join(ROOT, 'target/release/santei')];
  return c.find((p) => p && existsSync(p)) ?? null;
}

/**
 * Start a static server for the repository root on a random port: {origin, kind, stop()}.
 * SANTEI_SERVER=python forces python3 -m http.server (no CSP header then).
 */
export async function startServer() {
  const bin = process.env.SANTEI_SERVER === 'python' ? null : santeiBin();
  const [cmd, args, re, kind] = bin
    ? [bin, ['serve', '--port', '0', '--root', ROOT], /http:\/\/127\.0\.0\.1:(\d+)/, 'santei serve']
    : ['python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', ROOT, '0'], /port (\d+)/, 'python3 http.server'];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${kind} did not start: ${buf}`)), 15000);
    const onData = (d) => {
      buf += d;
      const m = buf.match(re);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${kind} exited ${code}: ${buf}`)); });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    kind,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}

/** Launch headless Chromium with a fresh profile: {context, close()}. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'santei-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    locale: 'ja-JP',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Open a page that records problems: console errors, uncaught errors, failed requests,
 * responses >= 400, and any request that is not to `origin` (those are also blocked).
 */
export async function openPage(context, origin) {
  const page = await context.newPage();
  const problems = [];
  // Passive: route interception can stall parallel fetches. Other hosts cannot resolve anyway
  // (--host-resolver-rules in CHROMIUM_ARGS); any attempt is recorded here.
  page.on('request', (r) => {
    const url = r.url();
    if (!(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:'))) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const f = r.failure()?.errorText ?? '';
    if (!problems.some((p) => p.includes(r.url()))) problems.push(`request failed: ${r.url()} ${f}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/** Everything a page test needs; call `done()` in a finally block. */
export async function setup() {
  const server = await startServer();
  const browser = await launchBrowser();
  const { page, problems } = await openPage(browser.context, server.origin);
  return {
    server, browser, page, problems,
    url: (path) => `${server.origin}${path}`,
    done: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Save a full-page screenshot to test-results/<name>.png; returns the path. */
export async function screenshot(page, name) {
  await mkdir(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Go to the page and wait until app.js says ready (body[data-status="ready"]). */
export async function gotoReady(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-status="ready"], body[data-status="failed"]', { timeout: 20000 });
  const status = await page.getAttribute('body', 'data-status');
  if (status !== 'ready') throw new Error(`page did not start: ${await page.textContent('#app-status')}`);
  return res;
}
