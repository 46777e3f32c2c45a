// The UKE tab: drop or pick a レセプト電算 file; it is checked in a Web Worker (js/uke-worker.js)
// with a progress bar; results show as a sortable, filterable table of receipts, each with its
// findings, and export as CSV or JSON. `mountUke(element)` builds the tab inside `element`.

const PAGE = 200;
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function csvCell(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV row per finding (and one per receipt without findings), UTF-8 with a BOM for Excel. */
export function toCsv(report) {
  const head = ['receiptNumber', 'nameKana', 'serviceMonth', 'receiptLine', 'code', 'outcome', 'severity', 'date', 'line', 'messageJa', 'messageEn', 'basis'];
  const rows = [head];
  for (const r of report.receipts) {
    const base = [r.receiptNumber, r.nameKana ?? '', r.serviceMonth ?? '', r.line];
    if (!r.findings.length) rows.push([...base, '', '', '', '', '', '', '', '']);
    for (const f of r.findings) {
      const basis = f.basis.map((b) => `${b.doc} ${b.at}${b.law ? ` (${b.law})` : ''}`).join('; ');
      rows.push([...base, f.code, f.outcome, f.severity, f.date ?? '', f.line ?? '', f.message.ja, f.message.en, basis]);
    }
  }
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function mountUke(root, ctx = {}) {
  const state = { report: null, sortKey: 'line', sortDir: 1, shown: PAGE, fileName: 'receipts' };
  const input = el('input', { type: 'file', id: 'uke-file', accept: '.UKE,.uke,.csv,.CSV,application/octet-stream' });
  const drop = el('div', { class: 'uke-drop', id: 'uke-drop', tabindex: '0' },
    el('p', { text: 'レセプト電算ファイル（RECEIPTC.UKE）をここにドロップするか、選択してください。ファイルはこのコンピュータの外に送信されません。' }),
    el('p', { text: 'Drop a レセプト電算 (UKE) file here or pick one. The file never leaves this computer.' }),
    input);
  const progress = el('progress', { id: 'uke-progress', max: '1', value: '0', hidden: '' });
  const status = el('p', { id: 'uke-status', role: 'status', 'aria-live': 'polite' });
  const filter = el('input', { type: 'search', id: 'uke-filter', placeholder: '絞り込み（番号・氏名・コード） / filter', 'aria-label': 'filter' });
  const severity = el('select', { id: 'uke-severity', 'aria-label': 'severity' },
    el('option', { value: '', text: 'すべて / all' }),
    el('option', { value: 'any', text: '指摘あり / with findings' }),
    el('option', { value: 'error', text: 'エラー / errors' }),
    el('option', { value: 'warning', text: '警告以上 / warnings+' }));
  const csvBtn = el('button', { type: 'button', id: 'uke-csv', disabled: '' }, 'CSV');
  const jsonBtn = el('button', { type: 'button', id: 'uke-json', disabled: '' }, 'JSON');
  const summary = el('div', { id: 'uke-summary' });
  const cols = [
    ['receiptNumber', 'レセプト番号'], ['nameKana', 'カナ氏名'], ['serviceMonth', '診療年月'],
    ['line', '行'], ['maxSeverity', '重要度'], ['count', '指摘'], ['codes', 'コード'],
  ];
  const thead = el('thead', {}, el('tr', {}, ...cols.map(([k, label]) =>
    el('th', { 'data-key': k, scope: 'col', tabindex: '0', onclick: () => sortBy(k), onkeydown: (e) => { if (e.key === 'Enter') sortBy(k); } }, label))));
  const tbody = el('tbody');
  const table = el('table', { id: 'uke-table', class: 'uke-table', hidden: '' }, thead, tbody);
  const more = el('button', { type: 'button', id: 'uke-more', hidden: '' }, 'さらに表示 / show more');
  root.append(drop, progress, status, el('div', { class: 'uke-tools' }, filter, severity, csvBtn, jsonBtn), summary, table, more);

  let worker = null;
  function check(file) {
    if (worker) worker.terminate();
    state.fileName = (file.name || 'receipts').replace(/\.[^.]*$/, '');
    state.report = null;
    table.hidden = true;
    more.hidden = true;
    csvBtn.disabled = true;
    jsonBtn.disabled = true;
    summary.textContent = '';
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `${file.name}: 読み込み中… / reading…`;
    worker = new Worker(new URL('./uke-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === 'progress') {
        progress.max = Math.max(1, m.total);
        progress.value = m.done;
        status.textContent = `${m.done} / ${m.total} 件 点検中… / checking…`;
      } else if (m.type === 'result') {
        progress.value = progress.max;
        show(m.report, file.name);
        worker.terminate();
        worker = null;
      } else if (m.type === 'failed') {
        status.textContent = `エラー / error: ${m.message}`;
      }
    };
    worker.onerror = (e) => { status.textContent = `エラー / error: ${e.message}`; };
    // Masters added on the マスター tab go to the worker too (as files: it loads them itself).
    const masters = (ctx.masters ?? []).map((m) => ({ file: m.file, options: m.options }));
    file.arrayBuffer().then((buf) => worker.postMessage({ type: 'check', bytes: buf, masters }, [buf]));
  }

  function show(report, name) {
    if (report.status !== 'ok') {
      progress.hidden = true;
      const e = report.errors?.[0] ?? {};
      status.textContent = `${name}: 読み込めません / cannot read (${e.code}): ${e.message}`;
      root.dataset.state = 'error';
      return;
    }
    state.report = report;
    for (const r of report.receipts) {
      r.count = r.findings.length;
      r.codes = [...new Set(r.findings.map((f) => f.code))].join(' ');
    }
    const s = report.summary;
    status.textContent = `${name}: ${s.receipts} 件のレセプト、指摘あり ${s.withFindings} 件（エラー ${s.withErrors} 件）、読めない行 ${s.malformedLines.length}`;
    summary.replaceChildren(
      el('ul', {}, ...Object.entries(s.byCode).map(([c, n]) => el('li', {}, el('code', { text: c }), ` ${n}`))),
      s.malformedLines.length
        ? el('details', {}, el('summary', { text: `読めない行 / malformed lines (${s.malformedLines.length})` }),
          el('ul', {}, ...s.malformedLines.slice(0, 500).map((p) => el('li', { text: `line ${p.line}: ${p.code} — ${p.message}` }))))
        : null);
    csvBtn.disabled = false;
    jsonBtn.disabled = false;
    state.shown = PAGE;
    table.hidden = false;
    root.dataset.state = 'done';
    render();
  }

  function rows() {
    const q = filter.value.trim().toLowerCase();
    const sev = severity.value;
    let list = state.report ? state.report.receipts : [];
    if (sev === 'any') list = list.filter((r) => r.count > 0);
    else if (sev === 'error') list = list.filter((r) => r.maxSeverity === 'error');
    else if (sev === 'warning') list = list.filter((r) => (SEVERITY_RANK[r.maxSeverity] ?? 0) >= 2);
    if (q) {
      list = list.filter((r) => `${r.receiptNumber} ${r.nameKana ?? ''} ${r.codes} ${r.serviceMonth ?? ''}`.toLowerCase().includes(q));
    }
    const k = state.sortKey;
    const val = (r) => (k === 'maxSeverity' ? SEVERITY_RANK[r[k]] ?? 0 : k === 'receiptNumber' ? Number(r[k]) || 0 : r[k] ?? '');
    return [...list].sort((a, b) => (val(a) < val(b) ? -1 : val(a) > val(b) ? 1 : 0) * state.sortDir);
  }

  function render() {
    const list = rows();
    const frag = document.createDocumentFragment();
    for (const r of list.slice(0, state.shown)) {
      const tr = el('tr', { class: `sev-${r.maxSeverity ?? 'none'}`, 'data-receipt': r.receiptNumber },
        el('td', { text: r.receiptNumber }), el('td', { text: r.nameKana ?? '' }), el('td', { text: r.serviceMonth ?? '' }),
        el('td', { text: String(r.line) }), el('td', { text: r.maxSeverity ?? '' }), el('td', { text: String(r.count) }),
        el('td', {}, r.count
          ? el('details', {}, el('summary', { text: r.codes }),
            el('ul', {}, ...r.findings.map((f) => el('li', { class: `sev-${f.severity}` },
              el('strong', { text: `${f.severity} ${f.code}` }),
              f.date ? ` ${f.date}` : '', f.line ? ` (L${f.line})` : '',
              el('div', { text: f.message.ja }), el('div', { class: 'en', text: f.message.en }),
              f.basis.length ? el('div', { class: 'basis', text: f.basis.map((b) => `${b.doc} ${b.at}${b.law ? ` — ${b.law}` : ''}`).join('; ') }) : null,
              ...(f.missingFacts ?? []).map((m) => el('div', { class: 'missing', text: `要確認: ${m.message.ja}` }))))))
          : ''));
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    more.hidden = list.length <= state.shown;
    for (const th of thead.querySelectorAll('th')) {
      th.setAttribute('aria-sort', th.dataset.key === state.sortKey ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    }
    table.dataset.rows = String(list.length);
  }

  function sortBy(k) {
    state.sortDir = state.sortKey === k ? -state.sortDir : 1;
    state.sortKey = k;
    render();
  }

  input.addEventListener('change', () => { if (input.files[0]) check(input.files[0]); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) check(f);
  });
  filter.addEventListener('input', () => { state.shown = PAGE; render(); });
  severity.addEventListener('change', () => { state.shown = PAGE; render(); });
  more.addEventListener('click', () => { state.shown += PAGE * 5; render(); });
  csvBtn.addEventListener('click', () => state.report && download(`${state.fileName}-santei.csv`, 'text/csv;charset=utf-8', toCsv(state.report)));
  jsonBtn.addEventListener('click', () => state.report && download(`${state.fileName}-santei.json`, 'application/json', JSON.stringify(state.report, null, 1)));
  return { check };
}

/** The tab hook of js/app.js: mount(panel, ctx). */
export function mount(panel, ctx) {
  if (!document.querySelector('link[data-uke-css]')) {
    const link = el('link', { rel: 'stylesheet', href: new URL('../css/uke.css', import.meta.url).href, 'data-uke-css': '' });
    document.head.append(link);
  }
  const root = el('div', { id: 'uke-root' });
  panel.append(root);
  return mountUke(root, ctx);
}

const standalone = document.getElementById('uke-root');
if (standalone) mountUke(standalone);
