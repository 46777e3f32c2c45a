// Tiny DOM helpers: build elements from data without innerHTML, so no claim text is ever parsed
// as markup (and the page runs under a strict CSP with no inline scripts or styles).

/**
 * h('tr', {class: 'x', dataset: {field: 'a'}, onclick: fn}, child, 'text', [more])
 * Attributes: class, dataset, on<event> handlers, properties that exist on the element
 * (value, checked, disabled, ...), anything else as an attribute. null/undefined/false skip.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replace an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
