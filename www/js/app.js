// santei page: loads the package's browser entry (pkg/web.js, the same package Node and portals
// use) as static files, then mounts the tabs. No server logic and no network beyond same-origin
// static files. The page starts with the lean engine (pkg/web/santei_bg.wasm: the claim, masters
// and rules tabs); the 施設基準・入院 tab upgrades it to the full module (pkg/full) when opened,
// and the UKE tab's worker loads the full module itself (ARCHITECTURE.md, Size budget).
//
// Adding a tab (small edit): a button + panel in index.html (data-tab="x", id="tab-x"), and a
// line in TABS below naming the module that exports mount(panel, ctx).
import * as santei from '../../pkg/web.js';
import { h, replace } from './dom.js';
import { t, initLang, setLang, getLang, applyI18n } from './i18n.js';

const TABS = {
  claim: './claim.js',
  uke: './uke.js', // UKE file check (uke helper)
  facility: './facility.js', // facility standard + admission (bio helper)
  masters: './masters.js', // loaded master releases; add newer ones as downloaded
  rules: './rules.js',
};

/** Hooks other parts fill in; see ctx.hooks in claim.js. */
const hooks = {
  // drugSearch(el, {addItem(drugRef, writtenAs), getDate()}): the drug search in the builder.
  drugSearch: (el, { addItem, getDate }) => {
    if (!el) return;
    import('./drug-search.js').then(({ mountDrugSearch }) => mountDrugSearch(el, {
      searchDrugs: santei.searchDrugs,
      getDate,
      onPick: (item) => item && addItem(item.drug, item.writtenAs),
    }));
  },
};

// ---- HOOK: default drug catalogue (master helper) ------------------------------------------
// Called once after the engine is initialised and before any tab mounts: the default catalogue
// (pkg/catalog/santei-catalog.bin, built from data/masters by `npm run build:catalog`) is
// fetched only when pkg/meta.js says the package ships one, so a build without it makes no
// failing request. A failure leaves the engine without masters (claims then need inline facts).
async function loadDefaultCatalogue(engine) {
  try {
    const meta = (await import('../../pkg/meta.js')).default;
    if (!meta || !meta.catalog) return { loaded: false, reason: 'no catalogue in pkg/' };
    const res = await fetch(new URL(`../../pkg/${meta.catalog.file}`, import.meta.url));
    if (!res.ok) return { loaded: false, reason: `HTTP ${res.status}` };
    const r = engine.loadMaster('catalog', new Uint8Array(await res.arrayBuffer()), undefined, meta.catalog.file);
    if (r.status !== 'ok') return { loaded: false, reason: r.errors?.[0]?.message, releases: [] };
    return { loaded: true, reason: '', releases: r.releases };
  } catch (e) {
    console.warn('the default drug catalogue could not be loaded', e);
    return { loaded: false, reason: String(e) };
  }
}
// ---------------------------------------------------------------------------------------------

const mounted = new Set();
let ctx;

async function showTab(id) {
  if (!(id in TABS)) id = 'claim';
  for (const b of document.querySelectorAll('[data-tab]')) {
    const on = b.dataset.tab === id;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
  }
  for (const p of document.querySelectorAll('[data-tab-panel]')) p.hidden = p.id !== `tab-${id}`;
  const panel = document.getElementById(`tab-${id}`);
  if (!panel || mounted.has(id)) return;
  mounted.add(id);
  const path = TABS[id];
  if (!path) {
    replace(panel, h('p', { class: 'placeholder', dataset: { i18n: 'tab.placeholder' } }, t('tab.placeholder')));
    return;
  }
  const mod = await import(path);
  await mod.mount(panel, ctx);
}

function showVersion() {
  const v = santei.version();
  const el = document.getElementById('version');
  if (!el || v.status !== 'ok') return;
  const revs = v.revisions.map((r) => `${r.id} ${r.from}〜${r.until}`).join(' / ');
  const masters = v.masters.map((m) => `${m.name} ${m.release}`).join(', ');
  el.textContent = `santei ${v.version} · ${revs}${masters ? ` · ${masters}` : ''}`;
}

async function main() {
  initLang();
  document.getElementById('lang-toggle')?.addEventListener('click', () => setLang(getLang() === 'ja' ? 'en' : 'ja'));
  for (const b of document.querySelectorAll('[data-tab]')) {
    b.addEventListener('click', () => {
      history.replaceState(null, '', `#${b.dataset.tab}`);
      showTab(b.dataset.tab);
    });
  }
  // The catalogue is loaded below, by the page, for the releases it lists (ctx.releases).
  const started = await santei.init({ catalog: false });
  if (started.status !== 'ok') throw new Error(started.errors?.[0]?.message ?? 'santei did not start');
  const catalogue = await loadDefaultCatalogue(santei);
  document.getElementById('app-status').hidden = true;
  // releases: what the engine has loaded (the マスター tab adds to it; pkg/web.js keeps them
  // across the upgrade to the full module); masters: the files added there, in load order, which
  // the UKE worker (its own engine) loads too.
  ctx = { santei, hooks, releases: catalogue.releases ?? [], masters: [] };
  document.addEventListener('santei:masters-changed', showVersion);
  showVersion();
  applyI18n();
  await showTab(location.hash.slice(1) || 'claim');
  document.body.dataset.status = 'ready';
}

main().catch((e) => {
  document.body.dataset.status = 'failed';
  const msg = document.getElementById('app-status');
  if (msg) {
    msg.hidden = false;
    msg.textContent = `${t('app.loadFailed')}: ${e?.message ?? e}`;
  }
  console.error(e);
});
