// The ルール一覧 tab: every dated parameter and finding text in this build, from rules().
import { h, replace } from './dom.js';
import { t, onLangChange, getLang } from './i18n.js';
import { basisText } from './render.js';

export function mount(panel, ctx) {
  const r = ctx.santei.rules();
  const draw = () => {
    if (r.status !== 'ok') {
      replace(panel, h('pre', {}, JSON.stringify(r, null, 2)));
      return;
    }
    replace(panel,
      h('h2', {}, t('rules.title')),
      h('h3', {}, t('rules.params')),
      h('table', { class: 'rules-params' },
        h('thead', {}, h('tr', {}, ['col.param', 'col.name', 'col.value', 'col.period', 'col.basis'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, r.params.flatMap((p) => p.values.map((v, i) => h('tr', {},
          i === 0 ? h('td', { rowspan: p.values.length }, h('code', {}, p.id)) : null,
          i === 0 ? h('td', { rowspan: p.values.length }, p.name) : null,
          h('td', { class: 'num' }, `${v.value} ${p.unit}`),
          h('td', { class: 'date' }, `${v.from} – ${v.until}`),
          h('td', {}, h('cite', {}, basisText(v)), v.quote ? h('q', {}, v.quote) : null)))))),
      h('h3', {}, t('rules.findings')),
      h('dl', { class: 'rules-findings' }, r.findings.flatMap((f) => [
        h('dt', {}, h('code', {}, f.code)),
        h('dd', {}, getLang() === 'en' ? f.en : f.ja),
      ])));
  };
  draw();
  onLangChange(draw);
}
