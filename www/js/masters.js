// The マスター tab: the master releases the engine has loaded (the default catalogue built from
// data/masters, and any added here), and adding newer ones as users download them: the SSK
// 医薬品マスター (y_ALL*.zip, or change files y_*.csv), the MHLW 一般名処方マスタ (XLSX or CSV), the
// MHLW 後発医薬品 list (CSV), the SSK 診療行為 / コメント masters. ZIP and XLSX files go through
// the on-demand unpack module. Files stay in this page's memory; the UKE tab's worker is given
// the same files (ctx.masters), and claims are judged against the release in force on their date.
import { h, replace } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { loadOrder } from './master-load.js';

const KINDS = ['ssk-drug', 'mhlw-ippanmei', 'mhlw-ge', 'ssk-procedure', 'ssk-comment'];

addStrings({
  ja: {
    'm.title': '医薬品マスター等',
    'm.intro': '判定に使うマスターの版です。診療日に施行されている版が使われます。支払基金・厚生労働省からダウンロードしたファイル（ZIP・XLSX・CSV）をそのまま追加できます。ファイルはこのブラウザの外に送信されません。',
    'm.loaded': '読み込み済みの版',
    'm.col.kind': '種類',
    'm.col.release': '版（日付）',
    'm.col.source': 'ファイル',
    'm.col.rows': '行数',
    'm.add': 'マスターを追加',
    'm.drop': 'マスターファイルをここにドロップするか、選択してください（複数可。変更ファイルは日付順に適用します）。',
    'm.kind': '種類',
    'm.kind.auto': 'ファイル名から判断',
    'm.release': '版の日付（空欄ならファイル名から）',
    'm.load': '読み込む',
    'm.loading': '読み込み中…',
    'm.ok': '読み込みました',
    'm.failed': '読み込めませんでした（マスターは変更していません）',
    'm.unpacked.zip': 'ZIPを展開',
    'm.unpacked.xlsx': 'XLSXを変換',
    'm.drugs': '医薬品',
    'm.none': 'ファイルを選択してください。',
    'kind.ssk-drug': '医薬品マスター（支払基金）',
    'kind.mhlw-ippanmei': '一般名処方マスタ（厚労省）',
    'kind.mhlw-ge': '後発医薬品に関する情報（厚労省）',
    'kind.ssk-procedure': '医科診療行為マスター（支払基金）',
    'kind.ssk-comment': 'コメントマスター（支払基金）',
    'kind.catalog': '既定カタログ',
  },
  en: {
    'm.title': 'Drug and other masters',
    'm.intro': 'The master releases used for judging; a claim uses the release in force on its date. Add files exactly as downloaded from SSK or MHLW (ZIP, XLSX or CSV). Files never leave this browser.',
    'm.loaded': 'Loaded releases',
    'm.col.kind': 'Kind',
    'm.col.release': 'Release',
    'm.col.source': 'File',
    'm.col.rows': 'Rows',
    'm.add': 'Add a master',
    'm.drop': 'Drop master files here or pick them (several at once; change files are applied in date order).',
    'm.kind': 'Kind',
    'm.kind.auto': 'from the file name',
    'm.release': 'Release date (empty: from the file name)',
    'm.load': 'Load',
    'm.loading': 'loading…',
    'm.ok': 'loaded',
    'm.failed': 'not loaded (the masters are unchanged)',
    'm.unpacked.zip': 'ZIP unpacked',
    'm.unpacked.xlsx': 'XLSX converted',
    'm.drugs': 'drugs',
    'm.none': 'Pick a file first.',
    'kind.ssk-drug': 'drug master (SSK)',
    'kind.mhlw-ippanmei': '一般名処方マスタ (MHLW)',
    'kind.mhlw-ge': 'generic drug list (MHLW)',
    'kind.ssk-procedure': 'procedure master (SSK)',
    'kind.ssk-comment': 'comment master (SSK)',
    'kind.catalog': 'default catalogue',
  },
});

/** mount(panel, ctx): ctx.santei = the engine; ctx.releases = the releases loaded so far;
 * ctx.masters = files added here, in load order (the UKE worker loads them too). */
export function mount(panel, ctx) {
  const { santei } = ctx;
  ctx.masters = ctx.masters || [];
  const log = []; // {name, ok, text, detail}
  const state = { files: [] };

  const input = h('input', { type: 'file', id: 'master-file', multiple: true, accept: '.zip,.xlsx,.csv,.bin' });
  const kind = h('select', { id: 'master-kind' });
  const release = h('input', { type: 'date', id: 'master-release' });
  const load = h('button', { type: 'button', id: 'master-load', class: 'primary' });
  const status = h('p', { id: 'master-status', role: 'status', 'aria-live': 'polite' });
  const releases = h('div', { id: 'master-releases' });
  const results = h('ul', { id: 'master-results', class: 'master-results' });
  const drop = h('div', { class: 'master-drop', id: 'master-drop', tabindex: '0' });

  input.addEventListener('change', () => {
    state.files = [...input.files];
    status.textContent = state.files.map((f) => f.name).join(', ');
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    state.files = [...(e.dataTransfer?.files ?? [])];
    run();
  });
  load.addEventListener('click', () => run());

  async function run() {
    if (!state.files.length) {
      status.textContent = t('m.none');
      return;
    }
    load.disabled = true;
    const files = loadOrder(santei, state.files);
    for (const file of files) {
      status.textContent = `${file.name}: ${t('m.loading')}`;
      const opts = { name: file.name };
      if (kind.value) opts.kind = kind.value;
      if (release.value) opts.release = release.value;
      const r = await santei.loadMasterFile(file, opts);
      if (r.status === 'ok') {
        ctx.releases = r.releases;
        ctx.masters.push({ file, options: opts });
        log.unshift({ name: file.name, ok: true, r });
      } else {
        log.unshift({ name: file.name, ok: false, r });
      }
    }
    status.textContent = '';
    state.files = [];
    input.value = '';
    load.disabled = false;
    document.dispatchEvent(new CustomEvent('santei:masters-changed'));
    draw();
  }

  function resultItem({ name, ok, r }) {
    if (ok) {
      const how = r.unpacked ? ` · ${t(`m.unpacked.${r.unpacked.from}`)}` : '';
      return h('li', { class: 'ok', dataset: { file: name } },
        h('strong', {}, name), ` — ${t('m.ok')}: ${t(`kind.${r.kind}`)} ${r.release ?? ''} · ${r.drugs} ${t('m.drugs')}${how}`);
    }
    return h('li', { class: 'error', dataset: { file: name } },
      h('strong', {}, name), ` — ${t('m.failed')}`,
      h('ul', {}, (r.errors ?? []).map((e) => h('li', {}, h('code', {}, e.code), ' ', e.path ? `[${e.path}] ` : '', e.message))));
  }

  function draw() {
    const chosen = kind.value;
    replace(kind,
      h('option', { value: '' }, t('m.kind.auto')),
      KINDS.map((k) => h('option', { value: k }, `${t(`kind.${k}`)} (${k})`)));
    kind.value = chosen;
    load.textContent = t('m.load');
    const rels = ctx.releases ?? [];
    replace(releases, rels.length
      ? h('table', { class: 'master-table' },
        h('thead', {}, h('tr', {}, ['m.col.kind', 'm.col.release', 'm.col.source', 'm.col.rows'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, rels.map((m) => h('tr', { dataset: { kind: m.kind, release: m.release } },
          h('td', {}, t(`kind.${m.kind}`), ' ', h('code', {}, m.kind)),
          h('td', { class: 'date' }, m.release),
          h('td', {}, m.source ?? ''),
          h('td', { class: 'num' }, m.rows ?? '')))))
      : h('p', {}, '—'));
    replace(drop, h('p', {}, t('m.drop')), input);
    replace(results, log.map(resultItem));
  }

  replace(panel,
    h('h2', { dataset: { i18n: 'm.title' } }, t('m.title')),
    h('p', { class: 'intro', dataset: { i18n: 'm.intro' } }, t('m.intro')),
    h('h3', { dataset: { i18n: 'm.loaded' } }, t('m.loaded')),
    releases,
    h('h3', { dataset: { i18n: 'm.add' } }, t('m.add')),
    drop,
    h('div', { class: 'master-options' },
      h('label', {}, h('span', { dataset: { i18n: 'm.kind' } }, t('m.kind')), kind),
      h('label', {}, h('span', { dataset: { i18n: 'm.release' } }, t('m.release')), release),
      load),
    status,
    results);
  draw();
  onLangChange(draw);
}
