// Issue #7.3: the component under a strict Content-Security-Policy, as a hospital portal would
// serve it: `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
// Asserts: the claim is evaluated (property and JSON attribute, ja and en), zero console errors,
// zero CSP violations, zero requests to any other origin (counted in the browser and at the
// server), the component's styles apply (constructable stylesheet) and the host's do not leak in.
// A control shows the policy is really enforced: a <style> element in a shadow root is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, STRICT_CSP, serve, launch, watchedPage } from './portal_lib.mjs';

const built = existsSync(path.join(ROOT, 'pkg/web/santei_bg.wasm')) && existsSync(path.join(ROOT, 'pkg/meta.js'));
let server;
let browser;

before(async () => {
  assert.ok(built, 'pkg/ is not built: run `npm run build` first');
  server = await serve(ROOT, { headers: { 'Content-Security-Policy': STRICT_CSP } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function assertSameOrigin(urls, origin) {
  const foreign = urls.filter((u) => !u.startsWith(`${origin}/`));
  assert.deepEqual(foreign, [], 'requests to another origin');
}

test('strict CSP: the component evaluates claims with no console error and no foreign request', async () => {
  const { page, seen } = await watchedPage(browser.context);
  const before = server.requests.length;
  const resp = await page.goto(`${server.url}/tests/browser/fixtures/csp/index.html`);
  assert.equal(resp.headers()['content-security-policy'], STRICT_CSP);
  await page.waitForSelector('body[data-status="done"]', { timeout: 20000 });

  const events = await page.evaluate(() => window.__events);
  const byId = Object.fromEntries(events.map((e) => [e.id, e]));
  assert.equal(byId['by-property'].type, 'santei-evaluated');
  assert.equal(byId['by-property'].detail.status, 'ok');
  assert.equal(byId['by-property'].detail.revision, 'R08');
  assert.equal(byId['by-attribute'].type, 'santei-evaluated');
  assert.equal(byId['by-attribute'].detail.revision, 'R06');
  assert.equal(byId.bad.type, 'santei-error');
  assert.equal(byId.bad.detail.status, 'error');
  assert.equal(byId.bad.detail.errors[0].code, 'date_not_covered');

  // What a person sees, read through the open shadow roots.
  const view = await page.evaluate(() => {
    const read = (id) => {
      const el = document.getElementById(id);
      const root = el.shadowRoot;
      const q = (s) => root.querySelector(s);
      return {
        title: q('[part~="title"]')?.textContent,
        total: q('[part~="total"]')?.textContent,
        lines: [...root.querySelectorAll('[part~="line"]')].map((tr) => tr.dataset.item),
        cite: q('[part~="lines"] [part~="citation"]')?.textContent,
        footer: q('[part~="footer"]')?.textContent,
        error: q('[part~="error"]')?.textContent,
        styleElements: root.querySelectorAll('style').length,
        sheets: root.adoptedStyleSheets.length,
        hostBorder: getComputedStyle(el).borderTopStyle,
        totalColor: q('[part~="total"]') && getComputedStyle(q('[part~="total"]')).color,
        thColor: q('th') && getComputedStyle(q('th')).color,
        footerStyle: getComputedStyle(q('[part~="footer"]')).fontStyle,
      };
    };
    return {
      prop: read('by-property'),
      attr: read('by-attribute'),
      bad: read('bad'),
      bodyFont: getComputedStyle(document.body).fontFamily,
      h1Border: getComputedStyle(document.querySelector('h1')).borderTopStyle,
      violations: window.__cspViolations,
    };
  });
  assert.equal(view.prop.title, '算定チェック');
  assert.match(view.prop.total, /^\d+ 点$/);
  assert.ok(view.prop.lines.length >= 1, 'at least one line');
  assert.match(view.prop.cite, /R08 告示/);
  assert.match(view.prop.footer, /santei \d+\.\d+\.\d+/);
  assert.match(view.prop.footer, /R06 \(2024-06-01/);
  assert.match(view.prop.footer, /R08 \(2026-06-01/);
  assert.match(view.prop.footer, /マスター/);
  assert.equal(view.attr.title, 'Claim check');
  assert.match(view.attr.total, /^\d+ pts$/);
  assert.match(view.attr.footer, /Revisions: R06/);
  assert.match(view.bad.error, /date_not_covered/);
  // Styled by an adopted stylesheet, with no <style> element; the host's CSS custom property
  // and ::part() reach in, the host's plain selectors (th, body color) do not, and the
  // component's :host border does not leak onto the page.
  assert.equal(view.prop.styleElements, 0);
  assert.equal(view.prop.sheets, 1);
  assert.equal(view.prop.hostBorder, 'solid');
  assert.equal(view.prop.totalColor, 'rgb(1, 2, 3)');
  assert.notEqual(view.prop.thColor, 'rgb(255, 0, 0)');
  assert.equal(view.prop.footerStyle, 'italic');
  assert.equal(view.h1Border, 'none');
  assert.match(view.bodyFont, /serif/);

  const consoleErrors = seen.console.filter((m) => m.type === 'error');
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(seen.errors, [], 'page errors');
  assert.deepEqual(seen.failed, [], 'failed requests');
  assert.deepEqual(view.violations, [], 'CSP violations');
  assertSameOrigin(seen.requests, server.url);
  const served = server.requests.slice(before).map((r) => r.path);
  assert.ok(served.includes('/pkg/web/santei_bg.wasm'), 'the wasm came from the same origin');
  // The server also sees the browser's own /favicon.ico request, which pages do not report.
  const pageSaw = seen.requests.map((u) => new URL(u).pathname);
  assert.deepEqual(served.filter((p) => p !== "/favicon.ico").sort(), pageSaw.sort(), "browser and server count the same requests");
  assert.ok(served.every((p) => p === "/favicon.ico" || p.startsWith("/pkg/") || p.startsWith("/tests/browser/fixtures/csp/")), served.join(" "));

  // The default drug catalogue: fetched from beside the package when it ships one, never
  // requested (no 404 in the console) when it does not.
  const info = await page.evaluate(() => window.__packageInfo());
  const catalogRequests = served.filter((p) => p.includes('/catalog/'));
  if (info.catalog) {
    assert.equal(info.init.catalog.loaded, true, JSON.stringify(info.init.catalog));
    assert.deepEqual(catalogRequests, ['/pkg/catalog/santei-catalog.bin']);
  } else {
    assert.equal(info.init.catalog.loaded, false);
    assert.deepEqual(catalogRequests, []);
  }
  assert.match(view.prop.footer, /wasm sha256:[0-9a-f]{12}/);

  // Control: the policy is enforced — an inline <style> in a shadow root is refused.
  const refused = await page.evaluate(async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const root = el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = 'p { color: rgb(9, 9, 9); }';
    const p = document.createElement('p');
    root.append(style, p);
    await new Promise((r) => setTimeout(r, 50));
    return { color: getComputedStyle(p).color, violations: window.__cspViolations.length };
  });
  assert.notEqual(refused.color, 'rgb(9, 9, 9)', 'style-src self blocks <style> in shadow roots');
  assert.ok(refused.violations >= 1);
  await page.close();
});

test('iframe: a portal on one origin embeds santei served from another with the strict CSP', async () => {
  const portal = await serve(ROOT, {
    headers: { 'Content-Security-Policy': `default-src 'self'; script-src 'self'; frame-src ${server.url}` },
  });
  try {
    const { page, seen } = await watchedPage(browser.context);
    const frame = `${server.url}/tests/browser/fixtures/csp/frame.html`;
    await page.goto(`${portal.url}/tests/browser/fixtures/csp/host.html?frame=${encodeURIComponent(frame)}`);
    await page.waitForSelector('body[data-status="santei-evaluated"]', { timeout: 20000 });
    const msgs = await page.evaluate(() => window.__messages);
    const done = msgs.find((m) => m.type === 'santei-evaluated');
    assert.equal(done.detail.status, 'ok');
    assert.equal(done.detail.revision, 'R08');
    const framed = page.frames().find((f) => f.url().startsWith(frame));
    const footer = await framed.evaluate(
      () => document.getElementById('framed').shadowRoot.querySelector('[part~="footer"]').textContent,
    );
    assert.match(footer, /santei \d+\.\d+\.\d+/);
    assert.deepEqual(seen.console.filter((m) => m.type === 'error'), [], 'console errors');
    assert.deepEqual(seen.errors, [], 'page errors');
    assert.deepEqual(await framed.evaluate(() => window.__cspViolations), [], 'CSP violations in the frame');
    const foreign = seen.requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith(`${portal.url}/`));
    assert.deepEqual(foreign, [], 'requests to a third origin');
    assert.ok(seen.requests.includes(`${server.url}/pkg/web/santei_bg.wasm`), 'the wasm from the santei origin');
    assert.ok(!seen.requests.some((u) => u.startsWith(portal.url) && u.includes('/pkg/')), 'nothing of santei from the portal');
    await page.close();
  } finally {
    await portal.close();
  }
});

test('strict CSP: the wasm from a URL the host chooses; calls before init() answer not_initialized', async () => {
  const { page, seen } = await watchedPage(browser.context);
  await page.goto(`${server.url}/tests/browser/fixtures/csp/url.html`);
  await page.waitForSelector('body[data-status="done"]', { timeout: 20000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.early.status, 'error');
  assert.equal(r.early.errors[0].code, 'not_initialized');
  assert.equal(r.ready.status, 'ok');
  assert.deepEqual(r.again, r.ready, 'init() is idempotent');
  assert.equal(r.detail.revision, 'R06');
  const wasm = seen.requests.filter((u) => u.includes('.wasm'));
  assert.deepEqual(wasm, [`${server.url}/pkg/web/santei_bg.wasm?served-by=host`]);
  assert.deepEqual(seen.console.filter((m) => m.type === 'error'), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test('strict CSP: wasm inlined (santei/inline), no .wasm request, no catalogue', async () => {
  const { page, seen } = await watchedPage(browser.context);
  await page.goto(`${server.url}/tests/browser/fixtures/csp/inline.html`);
  await page.waitForSelector('body[data-status="done"]', { timeout: 20000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.ready.status, 'ok');
  assert.equal(r.ready.catalog.loaded, false);
  assert.equal(r.detail.status, 'ok');
  assert.deepEqual(r.direct, r.detail, 'the element and a direct call agree');
  assert.equal(r.info.target, 'web');
  assert.equal(r.info.ready, true);
  assert.deepEqual(seen.console.filter((m) => m.type === 'error'), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assertSameOrigin(seen.requests, server.url);
  assert.ok(!seen.requests.some((u) => u.endsWith('.wasm')), 'no .wasm request');
  await page.close();
});
