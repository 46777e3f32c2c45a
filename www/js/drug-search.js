// 薬剤検索 — drug search for the claim builder.
//
// Type a name (カナ・ひらがな・漢字、部分一致) or a code (レセ電 9 桁, YJ, 一般名コード); pick a
// result to put the drug into the claim by code. A 【般】 result (一般名処方マスタ) is put in as
// {genericCode} written by generic name; a product as {code}. Facts come from the engine's loaded
// catalogue (`searchDrugs(query, date, limit)`), as of the claim's date of service.
//
// Pure helpers (`describeHit`, `drugItemFor`) are tested in Node (tests/node/drug_search.test.mjs);
// `mountDrugSearch` wires them to the DOM with no framework and no innerHTML of data.

const ROUTE_JA = { internal: '内服', external: '外用', injection: '注射' };

/** Japanese labels for the flags of one search result (`{drug, notation, masters}`). */
export function describeHit(hit) {
  const d = (hit && hit.drug) || {};
  const badges = [];
  if (d.biosimilar === true) badges.push({ key: 'biosimilar', ja: 'バイオ後続品' });
  else if (d.hasBiosimilar === true) badges.push({ key: 'has-biosimilar', ja: '先行バイオ（BSあり）' });
  else if (d.biologic === true) badges.push({ key: 'biologic', ja: '生物学的製剤' });
  if (d.generic === true && d.biosimilar !== true) badges.push({ key: 'generic', ja: '後発品' });
  else if (d.generic === false && d.hasGeneric === true && d.biologic !== true) {
    badges.push({ key: 'has-generic', ja: '先発品（後発品あり）' });
  } else if (d.generic === false && d.hasGeneric === false) badges.push({ key: 'no-generic', ja: '先発品（後発品なし）' });
  if (d.additionFlag === '1,2') badges.push({ key: 'addition-1-2', ja: '一般名処方加算1・2' });
  else if (d.additionFlag === '1') badges.push({ key: 'addition-1', ja: '一般名処方加算1のみ' });
  else if (d.additionFlag === 'none') badges.push({ key: 'addition-none', ja: '加算対象外' });
  if (d.narcoticEtc === true) badges.push({ key: 'narcotic', ja: '麻薬・向精神薬等' });
  const price = d.unitPrice ? `${d.unitPrice}円/${d.unit || '単位'}` : '';
  const codes = [d.code && `レセ電 ${d.code}`, d.yj && `YJ ${d.yj}`, d.genericCode && `一般名 ${d.genericCode}`]
    .filter(Boolean)
    .join(' · ');
  const releases = (hit && hit.masters ? hit.masters : []).map((m) => `${m.name} ${m.release}`).join(', ');
  return {
    title: d.name || d.genericCode || d.code || '',
    notation: hit && hit.notation ? hit.notation : '',
    genericName: d.genericName || '',
    route: ROUTE_JA[d.route] || '',
    price,
    codes,
    badges,
    releases,
  };
}

/** The claim item for a chosen result: by code (or 一般名コード for a 【般】 entry). */
export function drugItemFor(hit, writtenAs) {
  const d = (hit && hit.drug) || {};
  if (d.code) {
    return { drug: { code: d.code }, writtenAs: writtenAs || 'brand' };
  }
  if (d.genericCode) {
    return { drug: { genericCode: d.genericCode }, writtenAs: 'generic' };
  }
  return null;
}

function el(doc, tag, attrs = {}, text) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Mounts the search box into `container`.
 * @param {HTMLElement} container
 * @param {{searchDrugs: Function, getDate?: () => string|undefined, onPick: (item: object, hit: object) => void,
 *          limit?: number}} options
 * @returns {{search: (q: string) => object[], destroy: () => void}}
 */
export function mountDrugSearch(container, { searchDrugs, getDate, onPick, limit = 20 }) {
  const doc = container.ownerDocument;
  const box = el(doc, 'div', { class: 'drug-search', role: 'search' });
  const label = el(doc, 'label', { for: 'drug-search-input' }, '薬剤検索（名称・カナ・コード） / Drug search');
  const input = el(doc, 'input', {
    id: 'drug-search-input',
    type: 'search',
    autocomplete: 'off',
    placeholder: '例: がすたー、ファモチジン、610406079',
    'aria-controls': 'drug-search-results',
  });
  const status = el(doc, 'p', { class: 'drug-search-status', 'aria-live': 'polite' });
  const list = el(doc, 'ul', { id: 'drug-search-results', class: 'drug-search-results' });
  box.append(label, input, status, list);
  container.append(box);

  let timer = null;
  let last = [];
  const render = (hits, env) => {
    list.replaceChildren();
    if (env && env.status !== 'ok') {
      status.textContent = `検索できません: ${(env.errors && env.errors[0] && env.errors[0].message) || ''}`;
      return;
    }
    status.textContent = input.value.trim() === '' ? '' : `${hits.length} 件${env && env.date ? `（${env.date} 時点）` : ''}`;
    for (const hit of hits) {
      const info = describeHit(hit);
      const li = el(doc, 'li');
      const main = el(doc, 'div', { class: 'drug-search-main' });
      main.append(el(doc, 'strong', {}, info.title));
      if (info.notation && info.notation !== info.title) main.append(el(doc, 'span', { class: 'notation' }, ` ${info.notation}`));
      const sub = el(doc, 'div', { class: 'drug-search-sub' },
        [info.genericName, info.route, info.price, info.codes].filter(Boolean).join(' · '));
      const badges = el(doc, 'div', { class: 'drug-search-badges' });
      for (const b of info.badges) badges.append(el(doc, 'span', { class: `badge badge-${b.key}` }, b.ja));
      const actions = el(doc, 'div', { class: 'drug-search-actions' });
      if (hit.drug && hit.drug.code) {
        const brand = el(doc, 'button', { type: 'button' }, '銘柄名で追加');
        brand.addEventListener('click', () => onPick(drugItemFor(hit, 'brand'), hit));
        actions.append(brand);
      }
      if (hit.drug && hit.drug.genericCode) {
        const gen = el(doc, 'button', { type: 'button' }, '一般名で追加');
        gen.addEventListener('click', () => onPick(
          hit.drug.code ? drugItemFor(hit, 'generic') : drugItemFor(hit), hit));
        actions.append(gen);
      }
      li.append(main, sub, badges, actions);
      if (info.releases) li.title = `マスター: ${info.releases}`;
      list.append(li);
    }
  };
  const search = (q) => {
    const query = String(q ?? '').trim();
    if (query === '') {
      last = [];
      render(last);
      return last;
    }
    const env = searchDrugs(query, getDate ? getDate() || undefined : undefined, limit);
    last = env && env.status === 'ok' ? env.results : [];
    render(last, env);
    return last;
  };
  const onInput = () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 150);
  };
  input.addEventListener('input', onInput);
  return {
    search,
    destroy() {
      clearTimeout(timer);
      input.removeEventListener('input', onInput);
      box.remove();
    },
  };
}
