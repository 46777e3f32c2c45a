// A243-2 バイオ後続品使用体制加算: an admission form. The user enters the admission (dates, base
// fee, the biologics used with dates and indication, what was already billed) and the facility's
// filing; the engine's `evaluate` answers which day (R6 入院初日 / R8 退院の日) may bill 100 points,
// or why not, with the findings and their citations. No inline style (CSP style-src 'self').

const BASE_FEES = [
  ['A100', 'A100 一般病棟入院基本料'],
  ['A101', 'A101 療養病棟入院基本料'],
  ['A102', 'A102 結核病棟入院基本料'],
  ['A103', 'A103 精神病棟入院基本料'],
  ['A104', 'A104 特定機能病院入院基本料'],
  ['A105', 'A105 専門病院入院基本料'],
  ['A106', 'A106 障害者施設等入院基本料'],
  ['A108', 'A108 有床診療所入院基本料'],
  ['A300', 'A300 救命救急入院料 (特定入院料)'],
];
const KINDS = [
  ['bs', 'バイオ後続品 / biosimilar'],
  ['orig', '先行バイオ医薬品 (BSあり) / originator with a biosimilar'],
  ['other', 'その他 (BSなし) / other'],
];
const INDICATION = [['', '不明 / unknown'], ['yes', 'BS適応あり / indicated'], ['no', 'BS適応なし / not indicated']];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function select(name, options, value) {
  const s = el('select', { name });
  for (const [v, t] of options) s.append(el('option', { value: v, text: t, selected: v === value }));
  return s;
}

/** The claim the form describes (exported for tests). */
export function claimFromForm(form) {
  const v = (n) => form.elements[n]?.value?.trim() ?? '';
  const admission = {
    admissionDate: v('admissionDate'),
    baseFee: v('baseFee'),
    biologicsUsed: [],
  };
  if (v('dischargeDate')) admission.dischargeDate = v('dischargeDate');
  if (admission.baseFee === 'A106') admission.specifiedBaseFee = form.elements.specifiedBaseFee.checked;
  if (v('alreadyBilled')) admission.alreadyBilled = [{ code: '190833910', date: v('alreadyBilled') }];
  for (const row of form.querySelectorAll('tr.bio-use')) {
    const q = (n) => row.querySelector(`[name="${n}"]`)?.value?.trim() ?? '';
    if (!q('useDate')) continue;
    const kind = q('kind');
    const drug = { name: q('drugName') || '(名称未入力)', biologic: true };
    if (kind === 'bs') drug.biosimilar = true;
    if (kind === 'orig') { drug.biosimilar = false; drug.hasBiosimilar = true; }
    if (kind === 'other') { drug.biosimilar = false; drug.hasBiosimilar = false; }
    const use = { drug, date: q('useDate') };
    if (q('indicated') === 'yes') use.biosimilarIndicated = true;
    if (q('indicated') === 'no') use.biosimilarIndicated = false;
    admission.biologicsUsed.push(use);
  }
  const filings = v('filedSince') ? [{ item: 'A243-2', since: v('filedSince') }] : [];
  return {
    serviceDate: v('serviceDate') || admission.dischargeDate || admission.admissionDate,
    setting: 'inpatient',
    facility: { kind: 'hospital', filings },
    admission,
  };
}

/** Mounts the admission form in `root`; `engine` = {evaluate}. Returns {run}. */
export function mountAdmissionForm(root, engine) {
  const form = el('form', { class: 'bio-form', id: 'bio-admission-form' });
  const useRows = el('tbody');
  const addRow = (name = '', kind = 'bs', date = '', ind = '') => {
    const tr = el('tr', { class: 'bio-use' },
      el('td', {}, el('input', { name: 'drugName', value: name, 'aria-label': '薬剤名' })),
      el('td', {}, select('kind', KINDS, kind)),
      el('td', {}, el('input', { type: 'date', name: 'useDate', value: date, 'aria-label': '使用日' })),
      el('td', {}, select('indicated', INDICATION, ind)));
    useRows.append(tr);
  };
  addRow('トラスツズマブBS点滴静注用150mg', 'bs', '2026-06-08');
  const add = el('button', { type: 'button', id: 'bio-add-use', text: '＋ 使用を追加 / add a use' });
  add.addEventListener('click', () => addRow());
  form.append(
    el('fieldset', {},
      el('legend', { text: '入院 / admission' }),
      el('label', {}, '入院日 ', el('input', { type: 'date', name: 'admissionDate', value: '2026-06-03', required: true })),
      el('label', {}, '退院日 ', el('input', { type: 'date', name: 'dischargeDate', value: '2026-06-20' })),
      el('label', {}, '請求の診療日 (空欄=退院日) ', el('input', { type: 'date', name: 'serviceDate' })),
      el('label', {}, '入院基本料 ', select('baseFee', BASE_FEES, 'A100')),
      el('label', {}, el('input', { type: 'checkbox', name: 'specifiedBaseFee' }), ' A106 特定入院基本料'),
      el('label', {}, 'A243-2 届出日 ', el('input', { type: 'date', name: 'filedSince', value: '2024-06-01' })),
      el('label', {}, '改定前に算定済み (日付) ', el('input', { type: 'date', name: 'alreadyBilled' }))),
    el('fieldset', {},
      el('legend', { text: '入院中に使用したバイオ医薬品 / biologics used' }),
      el('table', { class: 'bio-uses' },
        el('thead', {}, el('tr', {}, el('th', { text: '薬剤' }), el('th', { text: '種類' }), el('th', { text: '使用日' }), el('th', { text: '適応' }))),
        useRows),
      add),
    el('button', { type: 'submit', id: 'bio-admission-check', text: '判定 / evaluate' }),
  );
  const out = el('div', { class: 'bio-results', id: 'bio-admission-results', 'aria-live': 'polite' });
  root.append(form, out);

  function run() {
    const res = engine.evaluate(claimFromForm(form));
    out.replaceChildren();
    if (res.status !== 'ok') {
      out.append(el('p', { class: 'bio-error', role: 'alert', text: res.errors.map((e) => `${e.code}: ${e.message} (${e.path})`).join('; ') }));
      out.dataset.status = 'error';
      return res;
    }
    out.dataset.status = 'ok';
    const a243 = res.lines.filter((l) => l.item === 'A243-2');
    out.append(el('p', {
      class: a243.length ? 'bio-outcome bio-outcome-eligible' : 'bio-outcome bio-outcome-ineligible',
      'data-lines': a243.map((l) => `${l.date}:${l.points}`).join(','),
      text: a243.length
        ? `A243-2 バイオ後続品使用体制加算 ${a243[0].points} 点 — ${a243[0].date} (${res.revision})`
        : `A243-2 は算定しません (${res.revision})`,
    }));
    const ul = el('ul', { class: 'bio-findings' });
    for (const f of res.findings.filter((x) => x.code.startsWith('A243-2') || x.code.startsWith('drug.'))) {
      const li = el('li', { class: `bio-f-${f.outcome}`, 'data-code': f.code, text: f.message.ja });
      const cites = f.basis.map((b) => `${b.doc} ${b.at}${b.law ? ` (${b.law})` : ''}`).join('; ');
      if (cites) li.append(el('small', { class: 'bio-cite', text: ` — ${cites}` }));
      ul.append(li);
    }
    out.append(ul);
    return res;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  return { run };
}
