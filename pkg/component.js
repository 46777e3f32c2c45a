// <santei-claim-check>: one tag that evaluates a claim and shows the lines, points, findings and
// citations (Japanese by default, English with lang="en"), and tells the host by DOM events.
//
//   <script type="module">import 'santei/component';</script>
//   <santei-claim-check claim='{"serviceDate":"2026-06-10", ...}'></santei-claim-check>
//
// Strict-CSP safe: the shadow root is styled by a constructable stylesheet (adoptedStyleSheets),
// never by <style> elements or style="" attributes, and the DOM is built with textContent (no
// innerHTML), so claim text cannot inject markup. No global CSS: everything is in the shadow root.
// Styling hooks: CSS custom properties (--santei-*) and ::part() names listed in README.md.
import * as santei from './web.js';

export * from './web.js';

const CSS = `
:host {
  display: block;
  font-family: var(--santei-font-family, system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif);
  font-size: var(--santei-font-size, 14px);
  line-height: 1.5;
  color: var(--santei-color, #1f2328);
  background: var(--santei-background, #ffffff);
  border: 1px solid var(--santei-border, #d0d7de);
  border-radius: var(--santei-radius, 6px);
  padding: var(--santei-spacing, 12px);
  box-sizing: border-box;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
h2 { font-size: 1.1em; margin: 0 0 .5em; }
h3 { font-size: 1em; margin: 1em 0 .4em; }
.summary { display: flex; flex-wrap: wrap; gap: .4em 1.5em; align-items: baseline; }
.summary dt { color: var(--santei-muted, #57606a); font-size: .85em; }
.summary dd { margin: 0; font-weight: 600; }
.summary div { display: flex; gap: .5em; align-items: baseline; }
.total dd { font-size: 1.4em; color: var(--santei-accent, #0b57d0); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid var(--santei-border, #d0d7de); vertical-align: top; }
th { font-weight: 600; font-size: .85em; color: var(--santei-muted, #57606a); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nw { white-space: nowrap; }
code { font-family: var(--santei-mono, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace); font-size: .9em; }
ul { margin: 0; padding: 0; list-style: none; }
.finding { border-left: 4px solid var(--santei-border, #d0d7de); padding: .4em .6em; margin: .4em 0; background: var(--santei-finding-background, #f6f8fa); }
.finding.eligible { border-left-color: var(--santei-eligible, #1a7f37); }
.finding.ineligible { border-left-color: var(--santei-ineligible, #cf222e); }
.finding.needs_review { border-left-color: var(--santei-review, #9a6700); }
.badge { display: inline-block; font-size: .8em; font-weight: 600; padding: 0 .5em; border-radius: 999px; border: 1px solid currentColor; margin-right: .4em; }
.badge.eligible { color: var(--santei-eligible, #1a7f37); }
.badge.ineligible { color: var(--santei-ineligible, #cf222e); }
.badge.needs_review { color: var(--santei-review, #9a6700); }
.badge.sev { color: var(--santei-muted, #57606a); }
.message { margin: .2em 0; }
.cite { color: var(--santei-muted, #57606a); font-size: .85em; }
.cite li::before { content: "§ "; }
.missing, .hint { font-size: .9em; margin-top: .2em; }
.error { color: var(--santei-ineligible, #cf222e); }
.muted { color: var(--santei-muted, #57606a); }
footer { margin-top: 1em; padding-top: .5em; border-top: 1px solid var(--santei-border, #d0d7de); color: var(--santei-muted, #57606a); font-size: .8em; }
`;

const TEXT = {
  ja: {
    title: '算定チェック',
    loading: '読み込み中…',
    noClaim: '請求データがありません。',
    revision: '改定',
    serviceDate: '診療日',
    total: '合計点数',
    points: '点',
    lines: '算定できる項目',
    noLines: '算定できる項目はありません。',
    cols: ['コード', '項目', '名称', '点数', '回数', '算定日', '処方', '根拠'],
    findings: '判定',
    noFindings: '指摘事項はありません。',
    outcome: { eligible: '算定可', ineligible: '算定不可', needs_review: '要確認' },
    severity: { info: '情報', warning: '注意', error: '誤り' },
    missing: '不足している情報',
    hint: 'ヒント',
    billed: '請求予定との照合',
    billedCols: ['コード', '請求予定', '算定', '判定'],
    error: '入力エラー',
    footer: 'santei',
    revisions: '対応改定',
    masters: 'マスター',
    none: 'なし',
    releases: (n) => `${n}版`,
    from: '〜',
    badJson: 'claim 属性が JSON ではありません',
  },
  en: {
    title: 'Claim check',
    loading: 'Loading…',
    noClaim: 'No claim.',
    revision: 'Revision',
    serviceDate: 'Date of service',
    total: 'Total points',
    points: 'pts',
    lines: 'Billable lines',
    noLines: 'Nothing billable.',
    cols: ['Code', 'Item', 'Name', 'Points', 'Count', 'Date', 'Rx', 'Basis'],
    findings: 'Findings',
    noFindings: 'No findings.',
    outcome: { eligible: 'Eligible', ineligible: 'Ineligible', needs_review: 'Needs review' },
    severity: { info: 'info', warning: 'warning', error: 'error' },
    missing: 'Missing facts',
    hint: 'Hint',
    billed: 'Billed vs. expected',
    billedCols: ['Code', 'Billed', 'Expected', 'Finding'],
    error: 'Input error',
    footer: 'santei',
    revisions: 'Revisions',
    masters: 'Masters',
    none: 'none',
    releases: (n) => `${n} releases`,
    from: '–',
    badJson: 'the claim attribute is not JSON',
  },
};

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** createElement with attributes (never `style`) and children (strings become text nodes). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function citation(b) {
  return h('li', { part: 'citation' }, `${b.doc} ${b.at}`, b.law ? [' (', h('code', {}, b.law), ')'] : null);
}

const BaseElement = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class SanteiClaimCheck extends BaseElement {
  static observedAttributes = ['claim', 'lang'];

  #claim = null;
  #claimError = null;
  #result = null;
  #version = null;
  #loading = false;
  #seq = 0;
  #scheduled = false;
  #initOptions;

  constructor(initOptions) {
    super();
    this.#initOptions = initOptions || {};
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
  }

  get claim() {
    return this.#claim;
  }

  set claim(value) {
    this.#claimError = null;
    if (typeof value === 'string') {
      this.#readJson(value);
    } else {
      this.#claim = value ?? null;
    }
    this.#schedule();
  }

  get result() {
    return this.#result;
  }

  get versionInfo() {
    return this.#version;
  }

  connectedCallback() {
    this.#render();
    this.#schedule();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === 'claim') {
      this.#claimError = null;
      if (value === null) this.#claim = null;
      else this.#readJson(value);
      this.#schedule();
    } else {
      this.#render();
    }
  }

  /** Evaluates the current claim now; resolves to the envelope sent in the event. */
  async evaluate() {
    const seq = ++this.#seq;
    this.#loading = true;
    this.#render();
    const ready = await santei.init(this.#initOptions);
    if (seq !== this.#seq) return this.#result;
    this.#loading = false;
    if (ready.status !== 'ok') {
      this.#result = ready;
    } else {
      this.#version = santei.version();
      if (this.#claimError) this.#result = this.#claimError;
      else if (this.#claim === null) this.#result = null;
      else this.#result = santei.evaluate(this.#claim);
    }
    this.#render();
    const r = this.#result;
    if (r) {
      const type = r.status === 'ok' ? 'santei-evaluated' : 'santei-error';
      this.dispatchEvent(new CustomEvent(type, { detail: r, bubbles: true, composed: true }));
    }
    return r;
  }

  #readJson(text) {
    try {
      this.#claim = JSON.parse(text);
    } catch (e) {
      this.#claim = null;
      this.#claimError = {
        status: 'error',
        errors: [{ code: 'invalid_json', message: `${this.#t().badJson}: ${e.message}`, path: '' }],
      };
    }
  }

  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.evaluate();
    });
  }

  #lang() {
    return (this.getAttribute('lang') || 'ja').toLowerCase().startsWith('en') ? 'en' : 'ja';
  }

  #t() {
    return TEXT[this.#lang()];
  }

  #render() {
    const root = this.shadowRoot;
    if (!root) return;
    const t = this.#t();
    const lang = this.#lang();
    const r = this.#result;
    const body = h('div', { part: 'container', lang, 'aria-live': 'polite', 'aria-busy': this.#loading });
    body.append(h('h2', { part: 'title' }, t.title));
    if (this.#loading && !r) {
      body.append(h('p', { part: 'loading', class: 'muted', role: 'status' }, t.loading));
    } else if (!r) {
      body.append(h('p', { part: 'empty', class: 'muted' }, t.noClaim));
    } else if (r.status !== 'ok') {
      body.append(this.#errors(r, t));
    } else {
      body.append(this.#evaluation(r, t, lang));
    }
    body.append(this.#footer(t));
    root.replaceChildren(body);
  }

  #errors(r, t) {
    return h(
      'section',
      { part: 'error', class: 'error', role: 'alert' },
      h('h3', {}, t.error),
      h(
        'ul',
        {},
        (r.errors || []).map((e) =>
          h('li', { part: 'error-item' }, h('code', {}, e.code), e.path ? [' ', h('code', {}, e.path)] : null, ': ', e.message),
        ),
      ),
    );
  }

  #evaluation(r, t, lang) {
    const frag = document.createDocumentFragment();
    frag.append(
      h(
        'dl',
        { part: 'summary', class: 'summary' },
        h('div', {}, h('dt', {}, t.serviceDate), h('dd', { part: 'service-date' }, r.serviceDate)),
        h('div', {}, h('dt', {}, t.revision), h('dd', { part: 'revision' }, r.revision)),
        h('div', { class: 'total' }, h('dt', {}, t.total), h('dd', { part: 'total' }, `${r.totalPoints} ${t.points}`)),
      ),
    );
    const lines = r.lines || [];
    frag.append(
      h(
        'section',
        { part: 'lines' },
        h('h3', {}, t.lines),
        lines.length === 0
          ? h('p', { class: 'muted' }, t.noLines)
          : h(
              'table',
              { part: 'lines-table' },
              h('thead', {}, h('tr', {}, t.cols.map((c) => h('th', { scope: 'col' }, c)))),
              h(
                'tbody',
                {},
                lines.map((l) =>
                  h(
                    'tr',
                    { part: 'line', 'data-item': l.item, 'data-code': l.code },
                    h('td', { class: 'nw' }, h('code', {}, l.code)),
                    h('td', { class: 'nw' }, l.item),
                    h('td', {}, l.nameJa),
                    h('td', { class: 'num', part: 'points' }, l.points),
                    h('td', { class: 'num' }, l.count),
                    h('td', { class: 'nw' }, l.date),
                    h('td', { class: 'nw' }, l.prescriptionId || ''),
                    h('td', {}, h('ul', { class: 'cite' }, (l.basis || []).map(citation))),
                  ),
                ),
              ),
            ),
      ),
    );
    const findings = r.findings || [];
    frag.append(
      h(
        'section',
        { part: 'findings' },
        h('h3', {}, t.findings),
        findings.length === 0
          ? h('p', { class: 'muted' }, t.noFindings)
          : h(
              'ul',
              {},
              findings.map((f) =>
                h(
                  'li',
                  { part: `finding finding-${f.outcome}`, class: `finding ${f.outcome}`, 'data-code': f.code },
                  h('span', { part: 'outcome', class: `badge ${f.outcome}` }, t.outcome[f.outcome] || f.outcome),
                  h('span', { part: 'severity', class: 'badge sev' }, t.severity[f.severity] || f.severity),
                  h('code', { part: 'finding-code' }, f.code),
                  f.prescriptionId ? [' ', h('span', { part: 'finding-rx', class: 'muted' }, f.prescriptionId)] : null,
                  h('p', { part: 'message', class: 'message' }, (f.message && f.message[lang]) || ''),
                  (f.missingFacts || []).length
                    ? h(
                        'div',
                        { part: 'missing', class: 'missing' },
                        `${t.missing}: `,
                        h(
                          'ul',
                          {},
                          f.missingFacts.map((m) => h('li', {}, h('code', {}, m.path), ' ', (m.message && m.message[lang]) || '')),
                        ),
                      )
                    : null,
                  f.hint ? h('div', { part: 'hint', class: 'hint' }, `${t.hint}: ${f.hint[lang] || ''}`) : null,
                  h('ul', { class: 'cite' }, (f.basis || []).map(citation)),
                ),
              ),
            ),
      ),
    );
    const billed = r.billedCheck || [];
    if (billed.length) {
      frag.append(
        h(
          'section',
          { part: 'billed-check' },
          h('h3', {}, t.billed),
          h(
            'table',
            {},
            h('thead', {}, h('tr', {}, t.billedCols.map((c) => h('th', { scope: 'col' }, c)))),
            h(
              'tbody',
              {},
              billed.map((b) =>
                h(
                  'tr',
                  { part: 'billed-line' },
                  h('td', {}, h('code', {}, b.code)),
                  h('td', { class: 'num' }, b.billed ?? '—'),
                  h('td', { class: 'num' }, b.expected ?? '—'),
                  h('td', {}, h('code', {}, b.finding)),
                ),
              ),
            ),
          ),
        ),
      );
    }
    return frag;
  }

  #footer(t) {
    const v = this.#version;
    if (!v || v.status !== 'ok') return h('footer', { part: 'footer' }, t.footer);
    const revs = (v.revisions || []).map((x) => `${x.id} (${x.from}${t.from}${x.until})`).join(', ');
    // Masters: one entry per name with its latest release (and how many releases are loaded).
    const byName = new Map();
    for (const m of v.masters || []) {
      const list = byName.get(m.name) || [];
      list.push(String(m.release));
      byName.set(m.name, list);
    }
    const masters =
      [...byName].map(([name, rel]) => {
        const latest = rel.sort().at(-1);
        return rel.length > 1 ? `${name} ${latest} (${t.releases(rel.length)})` : `${name} ${latest}`;
      }).join(', ') || t.none;
    const info = santei.packageInfo();
    const wasm = info && info.wasm ? `wasm sha256:${info.wasm.sha256.slice(0, 12)}` : '';
    return h(
      'footer',
      { part: 'footer' },
      h('span', { part: 'version' }, `${v.name || 'santei'} ${v.version}`),
      ' · ',
      h('span', { part: 'revisions' }, `${t.revisions}: ${revs}`),
      ' · ',
      h('span', { part: 'masters', title: (v.masters || []).map((m) => `${m.name} ${m.release}`).join('\n') }, `${t.masters}: ${masters}`),
      wasm ? [' · ', h('span', { part: 'provenance' }, wasm)] : null,
    );
  }
}

/** Registers the element (once) under `name`; `options` are passed to init() (wasmUrl, catalog…). */
export function defineSanteiClaimCheck(name = 'santei-claim-check', options) {
  if (typeof customElements === 'undefined') return SanteiClaimCheck;
  const existing = customElements.get(name);
  if (existing) return existing;
  const cls = options ? class extends SanteiClaimCheck { constructor() { super(options); } } : SanteiClaimCheck;
  customElements.define(name, cls);
  return cls;
}

defineSanteiClaimCheck();
