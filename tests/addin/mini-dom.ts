// The little of the DOM the task pane's code uses (createElement, text nodes, children,
// attributes, listeners), so jest can run the real OfficeApp and Shell without a browser.
class MiniText {
  parentNode: MiniElement | null = null;
  constructor(public textContent: string) {}
}

export class MiniElement {
  parentNode: MiniElement | null = null;
  childNodes: (MiniElement | MiniText)[] = [];
  attributes = new Map<string, string>();
  listeners = new Map<string, ((e: unknown) => void)[]>();
  className = '';
  hidden = false;
  checked = false;
  value = '';
  files: unknown = null;
  constructor(readonly tagName: string) {}
  setAttribute(k: string, v: string): void {
    this.attributes.set(k, v);
  }
  getAttribute(k: string): string | null {
    return this.attributes.get(k) ?? null;
  }
  addEventListener(type: string, f: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  appendChild<T extends MiniElement | MiniText>(c: T): T {
    c.parentNode = this;
    this.childNodes.push(c);
    return c;
  }
  removeChild<T extends MiniElement | MiniText>(c: T): T {
    this.childNodes = this.childNodes.filter((x) => x !== c);
    c.parentNode = null;
    return c;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  replaceWith(c: MiniElement): void {
    const p = this.parentNode;
    if (!p) return;
    c.parentNode = p;
    p.childNodes = p.childNodes.map((x) => (x === this ? c : x));
    this.parentNode = null;
  }
  /** A link's click is a download in the pane (shared/files.ts): recorded for the tests. */
  click(): void {
    const a = this as unknown as { href?: string; download?: string };
    if (this.tagName === 'a' && a.download) clickedLinks.push({ href: a.href ?? '', download: a.download });
    for (const f of this.listeners.get('click') ?? []) f({ target: this });
  }
  get firstChild(): MiniElement | MiniText | null {
    return this.childNodes[0] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    this.childNodes = [];
    if (v) this.appendChild(new MiniText(v));
  }
  /** Depth-first search by an attribute's value (data-testid, role…). */
  find(attr: string, value: string): MiniElement | null {
    for (const c of this.childNodes) {
      if (!(c instanceof MiniElement)) continue;
      if (c.getAttribute(attr) === value) return c;
      const deeper = c.find(attr, value);
      if (deeper) return deeper;
    }
    return null;
  }
}

/** Links clicked with a download name, oldest first (cleared by installMiniDom). */
export const clickedLinks: { href: string; download: string }[] = [];

/** Installs globalThis.document; returns a function that removes it. */
export function installMiniDom(): () => void {
  const g = globalThis as { document?: unknown };
  const before = g.document;
  clickedLinks.length = 0;
  g.document = {
    createElement: (tag: string) => new MiniElement(tag),
    createTextNode: (text: string) => new MiniText(text),
    body: new MiniElement('body'),
  };
  return () => {
    g.document = before;
  };
}
