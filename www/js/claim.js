// The 請求チェック tab: examples, the claim builder (form) and a JSON editor, and the result.
import { h, replace } from './dom.js';
import { t, pick, onLangChange } from './i18n.js';
import { buildForm, tidy, blankClaim } from './claim-form.js';
import { renderEvaluation } from './render.js';

const EXAMPLES_INDEX = new URL('../examples/index.json', import.meta.url);

async function loadExamples() {
  const res = await fetch(EXAMPLES_INDEX);
  if (!res.ok) throw new Error(`examples/index.json: HTTP ${res.status}`);
  const list = await res.json();
  return Promise.all(list.map(async (e) => {
    const r = await fetch(new URL(e.file, EXAMPLES_INDEX));
    if (!r.ok) throw new Error(`examples/${e.file}: HTTP ${r.status}`);
    return { ...e, claim: await r.json() };
  }));
}

/** Mount the tab into `panel`. ctx.santei is the initialised package. */
export async function mount(panel, ctx) {
  const { evaluate } = ctx.santei;
  let claim = blankClaim('2026-06-02');
  let mode = 'form';
  let lastResult = null;
  let examples = [];

  const exampleSelect = h('select', { id: 'example-select', dataset: { testid: 'examples' } });
  const formHost = h('div', { id: 'claim-form-host' });
  const jsonText = h('textarea', {
    id: 'claim-json', spellcheck: 'false', rows: 24, dataset: { testid: 'json' },
    'aria-describedby': 'claim-json-help',
  });
  const jsonHelp = h('p', { id: 'claim-json-help', class: 'muted' });
  const jsonMsg = h('p', { class: 'json-msg', role: 'status' });
  const jsonHost = h('div', { id: 'claim-json-host', hidden: true }, jsonHelp, jsonText, jsonMsg);
  const result = h('div', { id: 'claim-result', 'aria-live': 'polite', dataset: { testid: 'result' } });
  const modeButtons = ['form', 'json'].map((m) => h('button', {
    type: 'button', role: 'tab', class: 'mode', id: `mode-${m}`, dataset: { mode: m },
    onclick: () => setMode(m),
  }));
  const evalButton = h('button', { type: 'button', class: 'primary', id: 'evaluate', onclick: () => run() });
  const resetButton = h('button', { type: 'button', id: 'reset', onclick: () => {
    claim = blankClaim(claim.serviceDate ?? '2026-06-02');
    exampleSelect.value = '';
    showForm();
    run();
  } });
  const exampleNote = h('p', { class: 'example-note muted' });

  function showForm() {
    replace(formHost, buildForm(claim, () => { syncJson(); run(); }));
  }
  function syncJson() {
    jsonText.value = JSON.stringify(tidy(claim), null, 2);
    jsonMsg.textContent = '';
  }
  function setMode(m) {
    if (m === 'form' && mode === 'json') {
      let parsed;
      try {
        parsed = JSON.parse(jsonText.value);
      } catch {
        jsonMsg.textContent = t('json.invalid');
        return;
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        jsonMsg.textContent = t('json.invalid');
        return;
      }
      claim = parsed;
      showForm();
    }
    if (m === 'json') syncJson();
    mode = m;
    formHost.hidden = m !== 'form';
    jsonHost.hidden = m !== 'json';
    for (const b of modeButtons) b.setAttribute('aria-selected', String(b.dataset.mode === m));
  }
  /** Evaluate what the user sees: the form's claim, or the JSON text exactly as pasted. */
  function run() {
    lastResult = evaluate(mode === 'json' ? jsonText.value : JSON.stringify(tidy(claim)));
    draw();
  }
  function draw() {
    replace(result, h('h2', {}, t('res.title')), renderEvaluation(lastResult));
    panel.dataset.resultStatus = lastResult?.status ?? 'none';
  }
  function labels() {
    for (const b of modeButtons) b.textContent = t(`mode.${b.dataset.mode}`);
    evalButton.textContent = t('btn.evaluate');
    resetButton.textContent = t('btn.reset');
    jsonHelp.textContent = t('json.help');
    replace(exampleSelect, h('option', { value: '' }, t('input.example.choose')),
      examples.map((e, i) => h('option', { value: String(i) }, pick(e.title))));
    const sel = exampleSelect.dataset.selected;
    exampleSelect.value = sel ?? '';
    exampleNote.textContent = sel ? pick(examples[Number(sel)]?.note) : '';
  }
  exampleSelect.addEventListener('change', () => {
    const e = examples[Number(exampleSelect.value)];
    if (!exampleSelect.value || !e) return;
    exampleSelect.dataset.selected = exampleSelect.value;
    exampleNote.textContent = pick(e.note);
    claim = structuredClone(e.claim);
    showForm();
    syncJson();
    run();
  });

  replace(panel,
    h('div', { class: 'claim-layout' },
      h('section', { class: 'input-panel', 'aria-labelledby': 'input-title' },
        h('h2', { id: 'input-title', dataset: { i18n: 'input.title' } }, t('input.title')),
        h('div', { class: 'toolbar' },
          h('label', { for: 'example-select', dataset: { i18n: 'input.example' } }, t('input.example')),
          exampleSelect,
          h('div', { class: 'modes', role: 'tablist' }, modeButtons),
          resetButton, evalButton),
        exampleNote,
        // Drug search (master helper) mounts here: ctx.hooks.drugSearch(el, {addItem}).
        h('div', { id: 'drug-search', class: 'drug-search', dataset: { hook: 'drug-search' } }),
        formHost, jsonHost),
      result));

  onLangChange(() => {
    labels();
    if (mode === 'form') showForm();
    draw();
  });

  try {
    examples = await loadExamples();
  } catch (e) {
    console.warn('examples could not be loaded', e);
  }
  ctx.hooks?.drugSearch?.(panel.querySelector('#drug-search'), {
    getDate: () => claim.serviceDate,
    addItem: (drug, writtenAs = 'generic') => {
      const rx = claim.prescriptions?.[0];
      if (!rx) return;
      (rx.items ??= []).push({ drug, writtenAs, use: 'regular' });
      showForm();
      syncJson();
      run();
    },
  });
  labels();
  setMode('form');
  showForm();
  syncJson();
  if (examples.length) {
    exampleSelect.value = '0';
    exampleSelect.dispatchEvent(new Event('change'));
  } else {
    run();
  }
}
