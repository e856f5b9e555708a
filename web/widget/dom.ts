type Prop = string | number | boolean | null | undefined | ((event: Event) => void);
type Child = Node | string | null | undefined | false;

/**
 * `h('label', {class: 'f', for: 'x'}, 'Email')`: an element with attributes, `on…` listeners and children.
 * Text is always set as text, never parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, Prop> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}
