// Renders santei envelopes: lines, total, findings (with basis, values used, missing facts and
// hints), billed check, and error envelopes. Reusable by every tab (UKE reports, admissions).
import { h } from './dom.js';
import { t, pick } from './i18n.js';

/** "R08 通知 F400 (12) · law/r08-tsuchi-ika.txt L20036" */
export function basisText(b) {
  return [b.doc, b.at].filter(Boolean).join(' ') + (b.law ? ` · law/${b.law}` : '');
}

function basisList(basis) {
  return h('ul', { class: 'basis' }, (basis ?? []).map((b) => h('li', {}, h('cite', {}, basisText(b)))));
}

function table(cls, heads, rows) {
  return h('table', { class: cls },
    h('thead', {}, h('tr', {}, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows));
}

export function renderLines(lines) {
  if (!lines?.length) return h('p', { class: 'muted', dataset: { testid: 'no-lines' } }, t('res.noLines'));
  return table('lines', ['col.code', 'col.item', 'col.name', 'col.points', 'col.count', 'col.date', 'col.rx', 'col.basis'],
    lines.map((l) => h('tr', { dataset: { item: l.item } },
      h('td', { class: 'code' }, l.code || '—'),
      h('td', { class: 'item' }, l.item),
      h('td', {}, l.nameJa),
      h('td', { class: 'num points' }, l.points),
      h('td', { class: 'num' }, String(l.count)),
      h('td', { class: 'date' }, l.date),
      h('td', {}, l.prescriptionId ?? ''),
      h('td', {}, basisList(l.basis)))));
}

export function renderFinding(f) {
  return h('li', { class: `finding outcome-${f.outcome} severity-${f.severity}`, dataset: { code: f.code, outcome: f.outcome } },
    h('div', { class: 'finding-head' },
      h('span', { class: `badge outcome-${f.outcome}` }, t(`outcome.${f.outcome}`)),
      h('span', { class: `badge severity-${f.severity}` }, t(`severity.${f.severity}`)),
      h('code', { class: 'finding-code' }, f.code),
      f.prescriptionId ? h('span', { class: 'muted' }, f.prescriptionId) : null),
    h('p', { class: 'finding-message' }, pick(f.message)),
    f.basis?.length ? h('div', { class: 'finding-basis' }, h('h4', {}, t('finding.basis')), basisList(f.basis)) : null,
    f.used?.length ? h('div', { class: 'finding-used' }, h('h4', {}, t('finding.used')),
      h('ul', {}, f.used.map((u) => h('li', {}, h('code', {}, u.param), ` = ${u.value} ${u.unit} (${u.from}〜)`)))) : null,
    f.missingFacts?.length ? h('div', { class: 'finding-missing' }, h('h4', {}, t('finding.missing')),
      h('ul', {}, f.missingFacts.map((m) => h('li', {}, h('code', {}, m.path), ' ', pick(m.message))))) : null,
    f.hint ? h('p', { class: 'finding-hint' }, h('strong', {}, `${t('finding.hint')}: `), pick(f.hint)) : null);
}

export function renderFindings(findings) {
  if (!findings?.length) return h('p', { class: 'muted', dataset: { testid: 'no-findings' } }, t('res.noFindings'));
  return h('ul', { class: 'findings' }, findings.map(renderFinding));
}

export function renderBilledCheck(rows) {
  return table('billed-check', ['col.code', 'col.billed', 'col.expected', 'col.finding'],
    rows.map((r) => h('tr', {},
      h('td', { class: 'code' }, r.code),
      h('td', { class: 'num' }, r.billed ?? '—'),
      h('td', { class: 'num' }, r.expected ?? '—'),
      h('td', {}, h('code', {}, r.finding)))));
}

export function renderErrors(errors) {
  return h('div', { class: 'errors', role: 'alert', dataset: { testid: 'errors' } },
    h('h3', {}, t('res.errors')),
    table('errors-table', ['col.code', 'col.path', 'col.message'],
      (errors ?? []).map((e) => h('tr', { dataset: { code: e.code } },
        h('td', {}, h('code', {}, e.code)),
        h('td', { class: 'path' }, h('code', {}, e.path || '(root)')),
        h('td', {}, e.message)))));
}

function rawJson(envelope) {
  return h('details', { class: 'raw' }, h('summary', {}, t('res.raw')),
    h('pre', {}, JSON.stringify(envelope, null, 2)));
}

/** The whole result panel for one evaluation envelope. */
export function renderEvaluation(env) {
  if (!env) return h('p', { class: 'muted' }, t('res.empty'));
  if (env.status !== 'ok') {
    return h('div', { class: 'result result-error', dataset: { status: 'error' } },
      h('p', { class: 'status status-error' }, t('res.error')),
      renderErrors(env.errors), rawJson(env));
  }
  return h('div', { class: 'result result-ok', dataset: { status: 'ok' } },
    h('dl', { class: 'summary' },
      h('div', {}, h('dt', {}, t('res.serviceDate')), h('dd', { class: 'service-date' }, env.serviceDate)),
      h('div', {}, h('dt', {}, t('res.revision')), h('dd', { class: 'revision' }, env.revision)),
      h('div', { class: 'total' }, h('dt', {}, t('res.total')),
        h('dd', {}, h('output', { class: 'total-points', dataset: { testid: 'total' } }, env.totalPoints), ` ${t('res.points')}`))),
    h('section', {}, h('h3', {}, t('res.lines')), renderLines(env.lines)),
    h('section', {}, h('h3', {}, t('res.findings')), renderFindings(env.findings)),
    env.billedCheck?.length ? h('section', {}, h('h3', {}, t('res.billedCheck')), renderBilledCheck(env.billedCheck)) : null,
    rawJson(env));
}
