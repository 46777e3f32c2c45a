// The claim builder: a form over a plain claim object. Every edit updates the object and calls
// onChange(claim); fields left empty are removed, so "not stated" stays absent (the engine then
// names the missing fact instead of guessing). Fields the form does not show (admission,
// injections, history, prescription flags, other drug facts) are kept as they were.
import { h } from './dom.js';
import { t } from './i18n.js';

// ---- field kinds ---------------------------------------------------------------------------

const TRI = [['', 'tri.unknown'], ['true', 'tri.yes'], ['false', 'tri.no']];

const F = {
  text: (key, label, extra = {}) => ({ key, label, kind: 'text', ...extra }),
  date: (key, label) => ({ key, label, kind: 'date' }),
  int: (key, label) => ({ key, label, kind: 'int' }),
  dec: (key, label) => ({ key, label, kind: 'decimal' }),
  tri: (key, label) => ({ key, label, kind: 'select', options: TRI }),
  select: (key, label, values, prefix, blank = true) => ({
    key, label, kind: 'select',
    options: [...(blank ? [['', 'opt.none']] : []), ...values.map((v) => [v, `${prefix}.${v}`])],
  }),
};

const BASIC = [
  F.date('serviceDate', 'f.serviceDate'),
  F.select('setting', 'f.setting', ['outpatient', 'inpatient'], 'f.setting'),
];
const FACILITY = [
  F.select('kind', 'f.facility.kind', ['clinic', 'hospital'], 'f.facility.kind'),
  F.int('licensedBeds', 'f.facility.licensedBeds'),
  F.tri('genericNamePrescribingNotice', 'f.facility.genericNamePrescribingNotice'),
  F.tri('specialPharmacyRelationship', 'f.facility.specialPharmacyRelationship'),
  F.tri('pharmacistOnDuty', 'f.facility.pharmacistOnDuty'),
];
const PATIENT = [
  F.date('birthDate', 'f.patient.birthDate'),
  F.select('usualDispensing', 'f.patient.usualDispensing', ['outside', 'inhouse'], 'f.dispensing'),
];
const RX = [
  F.text('id', 'f.rx.id'),
  F.select('dispensing', 'f.dispensing', ['outside', 'inhouse'], 'f.dispensing', false),
  F.tri('emergency', 'f.rx.emergency'),
  F.tri('refill', 'f.rx.refill'),
];
const DRUG = [
  F.text('name', 'f.item.name', { wide: true }),
  F.text('code', 'f.item.code', { pattern: '[0-9]{9}', inputmode: 'numeric' }),
  F.text('genericCode', 'f.item.genericCode'),
  F.text('genericName', 'f.item.genericName'),
  F.select('route', 'f.item.route', ['internal', 'external', 'injection'], 'f.item.route'),
  F.tri('hasGeneric', 'f.item.hasGeneric'),
  { key: 'additionFlag', label: 'f.item.additionFlag', kind: 'select', options: [['', 'opt.none'], ['1,2', '1,2'], ['1', '1'], ['none', 'none']], raw: true },
  F.dec('unitPrice', 'f.item.unitPrice'),
];
const DRUG_BIO = [
  F.tri('biologic', 'f.item.biologic'),
  F.tri('biosimilar', 'f.item.biosimilar'),
  F.tri('hasBiosimilar', 'f.item.hasBiosimilar'),
];
const ITEM = [
  F.select('writtenAs', 'f.item.writtenAs', ['generic', 'brand'], 'f.item.writtenAs'),
  F.select('use', 'f.item.use', ['regular', 'prn', 'temporary'], 'f.item.use'),
  F.int('days', 'f.item.days'),
  F.dec('dailyQuantity', 'f.item.dailyQuantity'),
  F.text('doseGroup', 'f.item.doseGroup'),
];
const ITEM_BIO = [F.tri('biosimilarIndicated', 'f.item.biosimilarIndicated')];
const REMARK = [F.text('code', 'f.remark.code'), F.text('text', 'f.remark.text', { wide: true })];
const BILLED = [F.text('code', 'f.billed.code'), F.dec('points', 'f.billed.points'), F.date('date', 'f.billed.date'), F.int('count', 'f.billed.count')];

// ---- reading and writing one field ---------------------------------------------------------

function toInput(field, v) {
  if (v === undefined || v === null) return '';
  if (field.kind === 'select' && typeof v === 'boolean') return String(v);
  return String(v);
}

function fromInput(field, s) {
  if (s === '') return undefined;
  if (field.kind === 'select') return s === 'true' ? true : s === 'false' ? false : s;
  if (field.kind === 'int') {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s; // keep what was typed: the engine names the error
  }
  return s;
}

/** Extensions called for every drug row: fn(rowElement, {item, path, update(patchOfDrug)}). */
const itemExtensions = [];
export function registerItemExtension(fn) {
  itemExtensions.push(fn);
}

/** The form for `claim`; edits mutate it and call onChange(claim). Returns the root element. */
export function buildForm(claim, onChange) {
  const root = h('div', { class: 'claim-form' });
  const changed = () => onChange(claim);
  const rerender = () => {
    root.replaceWith(buildForm(claim, onChange));
    changed();
  };

  function input(obj, field, path) {
    const id = `f-${path.join('-')}`;
    const value = toInput(field, obj[field.key]);
    const common = {
      id,
      dataset: { path: path.join('.') },
      onchange: update,
      oninput: update,
    };
    let el;
    if (field.kind === 'select') {
      el = h('select', common, field.options.map(([v, label]) =>
        h('option', { value: v, selected: v === value }, field.raw && v ? label : t(label))));
      // an unknown value from pasted JSON stays visible
      if (value && !field.options.some(([v]) => v === value)) el.append(h('option', { value, selected: true }, value));
    } else {
      el = h('input', {
        ...common,
        type: field.kind === 'date' ? 'date' : field.kind === 'int' ? 'number' : 'text',
        min: field.kind === 'int' ? '0' : null,
        step: field.kind === 'int' ? '1' : null,
        inputmode: field.inputmode ?? (field.kind === 'decimal' ? 'decimal' : null),
        autocomplete: 'off',
        value,
      });
    }
    function update() {
      const v = fromInput(field, el.value);
      if (v === undefined) delete obj[field.key];
      else obj[field.key] = v;
      changed();
    }
    return h('div', { class: `field${field.wide ? ' wide' : ''}` }, h('label', { for: id }, t(field.label)), el);
  }

  const fields = (obj, list, path) => h('div', { class: 'fields' }, list.map((f) => input(obj, f, [...path, f.key])));
  const obj = (key) => {
    if (!claim[key] || typeof claim[key] !== 'object' || Array.isArray(claim[key])) claim[key] = {};
    return claim[key];
  };
  const arr = (o, key) => {
    if (!Array.isArray(o[key])) o[key] = [];
    return o[key];
  };
  const removeBtn = (list, i, label) => h('button', {
    type: 'button', class: 'remove', 'aria-label': `${t('btn.remove')} ${label}`,
    onclick: () => { list.splice(i, 1); rerender(); },
  }, t('btn.remove'));

  root.append(
    h('fieldset', { class: 'basic' }, h('legend', {}, t('sec.basic')), fields(claim, BASIC, [])),
    h('fieldset', { class: 'facility' }, h('legend', {}, t('sec.facility')), fields(obj('facility'), FACILITY, ['facility'])),
    h('fieldset', { class: 'patient' }, h('legend', {}, t('sec.patient')), fields(obj('patient'), PATIENT, ['patient'])),
  );

  const rxs = arr(claim, 'prescriptions');
  rxs.forEach((rx, i) => {
    const items = arr(rx, 'items');
    const itemRows = items.map((item, j) => {
      if (!item.drug || typeof item.drug !== 'object') item.drug = {};
      const path = ['prescriptions', i, 'items', j];
      const row = h('div', { class: 'item', dataset: { item: String(j) } },
        h('div', { class: 'item-head' }, h('span', { class: 'item-no' }, `${j + 1}`), removeBtn(items, j, `${i + 1}-${j + 1}`)),
        fields(item.drug, DRUG, [...path, 'drug']),
        fields(item, ITEM, path),
        h('details', { class: 'bio', open: DRUG_BIO.some((f) => f.key in item.drug) || 'biosimilarIndicated' in item },
          h('summary', {}, `${t('f.item.biologic')} / ${t('f.item.biosimilar')}`),
          fields(item.drug, DRUG_BIO, [...path, 'drug']),
          fields(item, ITEM_BIO, path)));
      for (const ext of itemExtensions) {
        try {
          ext(row, { item, path, update: (patch) => { Object.assign(item.drug, patch); rerender(); } });
        } catch (e) {
          console.warn('item extension failed', e);
        }
      }
      return row;
    });
    root.append(h('fieldset', { class: 'rx', dataset: { rx: String(i) } },
      h('legend', {}, `${t('sec.rx')} ${i + 1}`),
      h('div', { class: 'rx-head' }, fields(rx, RX, ['prescriptions', i]), removeBtn(rxs, i, `${t('sec.rx')} ${i + 1}`)),
      h('div', { class: 'items' }, h('h4', {}, t('sec.items')), itemRows),
      h('button', { type: 'button', class: 'add add-item', onclick: () => {
        items.push({ drug: {}, writtenAs: 'generic', use: 'regular' });
        rerender();
      } }, t('btn.add.item'))));
  });
  root.append(h('button', { type: 'button', class: 'add add-rx', onclick: () => {
    rxs.push({ id: `rx-${rxs.length + 1}`, dispensing: 'outside', items: [{ drug: {}, writtenAs: 'generic', use: 'regular' }] });
    rerender();
  } }, t('btn.add.rx')));

  const listSection = (key, spec, legend, addLabel, cls) => {
    const list = arr(claim, key);
    return h('fieldset', { class: cls }, h('legend', {}, t(legend)),
      list.map((r, i) => h('div', { class: 'row' }, fields(r, spec, [key, i]), removeBtn(list, i, `${t(legend)} ${i + 1}`))),
      h('button', { type: 'button', class: `add add-${cls}`, onclick: () => { list.push({}); rerender(); } }, t(addLabel)));
  };
  root.append(
    listSection('remarks', REMARK, 'sec.remarks', 'btn.add.remark', 'remarks'),
    listSection('billed', BILLED, 'sec.billed', 'btn.add.billed', 'billed'),
  );
  return root;
}

/** A copy of the claim without the empty containers the form adds for editing. */
export function tidy(claim) {
  const c = structuredClone(claim);
  for (const k of ['facility', 'patient']) {
    if (c[k] && typeof c[k] === 'object' && !Array.isArray(c[k]) && Object.keys(c[k]).length === 0) delete c[k];
  }
  for (const k of ['remarks', 'billed']) {
    if (Array.isArray(c[k]) && c[k].length === 0) delete c[k];
  }
  return c;
}

/** A fresh claim to start from. */
export function blankClaim(date) {
  return {
    serviceDate: date,
    facility: { kind: 'clinic', genericNamePrescribingNotice: true },
    prescriptions: [{ id: 'rx-1', dispensing: 'outside', items: [{ drug: {}, writtenAs: 'generic', use: 'regular' }] }],
  };
}
