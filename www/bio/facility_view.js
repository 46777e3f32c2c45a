// A243-2 施設基準 (facility standard) view: the user enters or uploads (CSV) the last 12 months of
// 規格単位数量 per ingredient and sees, for R6 and R8 side by side, a bar chart of each ingredient's
// biosimilar share against its threshold with pass / fail / exempt / deemed and the shortfall.
//
// Plain SVG built with DOM calls: no external library, no inline style (the page runs under
// `style-src 'self'`): colours and sizes come from bio.css classes and SVG geometry attributes.
// The engine is passed in ({checkFacilityStandard, rules}); every call returns an envelope.

const SVG = 'http://www.w3.org/2000/svg';
const PREFIX = 'A243-2.std.share.';

const STATUS_TEXT = {
  pass: { ja: '達成', en: 'pass' },
  fail: { ja: '未達', en: 'fail' },
  exempt: { ja: '対象外(<50)', en: 'exempt (<50)' },
  deemed: { ja: 'みなし(経過措置)', en: 'deemed (transitional)' },
  not_listed: { ja: '対象成分外', en: 'not listed' },
};
const OUTCOME_TEXT = {
  eligible: '基準を満たす / meets',
  ineligible: '基準を満たさない / does not meet',
  needs_review: '要確認 / needs review',
};

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

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Every ingredient any rule set lists, from the engine's own rule catalogue (id, Japanese name). */
export function listedIngredients(rules) {
  const r = rules();
  if (!r || r.status !== 'ok') return [];
  return r.params
    .filter((p) => p.id.startsWith(PREFIX))
    .map((p) => ({ id: p.id.slice(PREFIX.length), name: p.name }));
}

/**
 * The bar chart of one result: one row per listed ingredient, the share as a bar, the threshold as
 * a marker, the status as a label. Returns an <svg> element (role="img", with a <title>).
 */
export function chart(result, caption) {
  const rows = result.ingredients.filter((i) => i.threshold !== null);
  const rowH = 26;
  const left = 150;
  const barW = 240;
  const top = 24;
  const width = left + barW + 280;
  const height = top + rows.length * rowH + 10;
  const root = svg('svg', {
    class: 'bio-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': caption,
    'data-revision': result.revision,
    'data-outcome': result.outcome,
  });
  root.append(svg('title', {}, caption));
  // axis: 0, 50, 80, 100 %
  for (const p of [0, 50, 80, 100]) {
    const x = left + (barW * p) / 100;
    root.append(svg('line', { class: 'bio-grid', x1: x, x2: x, y1: top - 6, y2: height - 6 }));
    root.append(svg('text', { class: 'bio-axis', x, y: top - 10, 'text-anchor': 'middle' }, `${p}%`));
  }
  rows.forEach((ing, i) => {
    const y = top + i * rowH;
    const g = svg('g', {
      class: `bio-row bio-${ing.status}`,
      'data-id': ing.id,
      'data-status': ing.status,
      'data-share': ing.share ?? '',
      'data-threshold': ing.threshold,
    });
    g.append(svg('text', { class: 'bio-name', x: left - 6, y: y + 15, 'text-anchor': 'end' }, ing.nameJa));
    g.append(svg('rect', { class: 'bio-track', x: left, y: y + 4, width: barW, height: 14 }));
    const share = ing.share === null ? 0 : Math.min(100, Number(ing.share));
    g.append(svg('rect', { class: 'bio-bar', x: left, y: y + 4, width: (barW * share) / 100, height: 14 }));
    const tx = left + (barW * Number(ing.threshold)) / 100;
    g.append(svg('line', { class: 'bio-threshold', x1: tx, x2: tx, y1: y + 1, y2: y + 21 }));
    const st = STATUS_TEXT[ing.status] ?? { ja: ing.status, en: ing.status };
    let label = `${ing.share === null ? '—' : `${ing.share}%`} / ${ing.threshold}% ${st.ja}`;
    if (ing.shortfall !== null && ing.status !== 'exempt') label += ` 不足 ${ing.shortfall}`;
    g.append(svg('text', { class: 'bio-label', x: left + barW + 8, y: y + 15 }, label));
    g.append(svg('title', {}, `${ing.nameJa} (${ing.id}): ${st.en}; total ${ing.total}`));
    root.append(g);
  });
  return root;
}

function parseCsvFile(file) {
  return file.text();
}

/**
 * Mounts the facility-standard view in `root`. `engine` = {checkFacilityStandard, rules}.
 * Returns {run} (re-check with the current inputs).
 */
export function mountFacilityView(root, engine) {
  const ingredients = listedIngredients(engine.rules);
  const form = el('form', { class: 'bio-form', id: 'bio-facility-form' });
  const r6Date = el('input', { type: 'date', id: 'bio-r6-date', value: '2026-05-31', required: true });
  const r8Date = el('input', { type: 'date', id: 'bio-r8-date', value: '2026-06-01', required: true });
  const filed = el('input', { type: 'date', id: 'bio-filed-since' });
  const uses = el('input', { type: 'number', id: 'bio-use-count', min: 0, step: 1 });
  const csv = el('input', { type: 'file', id: 'bio-csv', accept: '.csv,text/csv' });
  form.append(
    el('fieldset', {},
      el('legend', { text: '判定日・届出 / dates and filing' }),
      el('label', {}, 'R6 判定日 ', r6Date),
      el('label', {}, 'R8 判定日 ', r8Date),
      el('label', {}, 'A243-2 届出日 (空欄=なし) ', filed),
      el('label', {}, 'R6 使用回数 (直近1年) ', uses)),
  );
  const table = el('table', { class: 'bio-qty' });
  table.append(el('thead', {}, el('tr', {},
    el('th', { text: '成分 / ingredient' }),
    el('th', { text: '先行 規格単位数量' }),
    el('th', { text: 'バイオ後続品 規格単位数量' }))));
  const tbody = el('tbody');
  for (const ing of ingredients) {
    tbody.append(el('tr', { 'data-id': ing.id },
      el('th', { text: ing.name, scope: 'row' }),
      el('td', {}, el('input', { type: 'number', min: 0, step: 'any', name: `o-${ing.id}`, 'aria-label': `${ing.name} 先行` })),
      el('td', {}, el('input', { type: 'number', min: 0, step: 'any', name: `b-${ing.id}`, 'aria-label': `${ing.name} 後続` }))));
  }
  table.append(tbody);
  form.append(
    el('fieldset', {}, el('legend', { text: '成分ごとの数量 (直近12か月) / quantities, last 12 months' }), table),
    el('fieldset', {},
      el('legend', { text: 'CSV' }),
      el('p', { class: 'bio-help', text: '1 行目: ingredient,originator,biosimilar (または 成分,先行,後続)。読み込むと上の表に入ります。' }),
      csv),
    el('button', { type: 'submit', id: 'bio-facility-check', text: '判定 / check' }),
  );
  const out = el('div', { class: 'bio-results', id: 'bio-facility-results', 'aria-live': 'polite' });
  root.append(form, out);

  function quantities() {
    const list = [];
    for (const ing of ingredients) {
      const o = form.elements[`o-${ing.id}`].value.trim();
      const b = form.elements[`b-${ing.id}`].value.trim();
      if (o === '' && b === '') continue;
      list.push({ ingredient: ing.id, originator: o || '0', biosimilar: b || '0' });
    }
    return list;
  }

  function input(date) {
    const i = { date, ingredients: quantities() };
    i.filings = filed.value ? [{ item: 'A243-2', since: filed.value }] : [];
    if (uses.value !== '') i.useCount = Number(uses.value);
    return i;
  }

  function column(title, res) {
    const col = el('section', { class: 'bio-col' });
    col.append(el('h3', { text: title }));
    if (res.status !== 'ok') {
      col.append(el('p', { class: 'bio-error', role: 'alert', text: res.errors.map((e) => `${e.code}: ${e.message} (${e.path})`).join('; ') }));
      col.dataset.status = 'error';
      return col;
    }
    col.dataset.status = 'ok';
    col.dataset.outcome = res.outcome;
    col.append(el('p', { class: `bio-outcome bio-outcome-${res.outcome}`, text: `${res.revision} ${res.date}: ${OUTCOME_TEXT[res.outcome] ?? res.outcome}` }));
    col.append(chart(res, `${res.revision} ${res.date} バイオ後続品の割合`));
    const ul = el('ul', { class: 'bio-findings' });
    for (const f of res.findings) {
      ul.append(el('li', { class: `bio-f-${f.outcome}`, 'data-code': f.code, text: f.message.ja }));
    }
    col.append(ul);
    return col;
  }

  function run() {
    out.replaceChildren();
    const r6 = engine.checkFacilityStandard(input(r6Date.value));
    const r8 = engine.checkFacilityStandard(input(r8Date.value));
    const grid = el('div', { class: 'bio-side-by-side' });
    grid.append(column('R6 (令和6年度)', r6), column('R8 (令和8年度)', r8));
    out.append(grid);
    root.dataset.state = 'done';
    return { r6, r8 };
  }

  csv.addEventListener('change', async () => {
    const file = csv.files?.[0];
    if (!file) return;
    const text = await parseCsvFile(file);
    // Let the engine parse the CSV (same parser as the CLI); copy its quantities into the table.
    const res = engine.checkFacilityStandard({ date: r8Date.value || '2026-06-01', csv: text });
    if (res.status !== 'ok') {
      out.replaceChildren(el('p', { class: 'bio-error', role: 'alert', text: res.errors.map((e) => `${e.code}: ${e.message} (${e.path})`).join('; ') }));
      return;
    }
    for (const ing of res.ingredients) {
      const o = form.elements[`o-${ing.id}`];
      const b = form.elements[`b-${ing.id}`];
      if (!o || !b || ing.total === '0') continue;
      o.value = ing.originator;
      b.value = ing.biosimilar;
    }
    run();
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  return { run };
}
