/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Small DOM helpers of the page: element look-up, element building and tables. */

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page element #${id} is missing`);
  return node as T;
};

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

export function table(headers: string[], rows: (Node | string)[][], numeric: number[] = []): HTMLTableElement {
  const cell = (tag: 'th' | 'td', content: Node | string, i: number) =>
    h(tag, numeric.includes(i) ? { class: 'num' } : {}, content);
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...headers.map((header, i) => cell('th', header, i)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((content, i) => cell('td', content, i))))),
  );
}

/** A wide table scrolls inside its panel on a narrow screen instead of widening the page. */
export function scrollable(content: HTMLElement): HTMLElement {
  return h('div', { class: 'scroll' }, content);
}
