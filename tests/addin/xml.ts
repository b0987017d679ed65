// A strict little XML reader for the manifest test: fails on anything not well-formed
// (unclosed or mismatched tags, bad attributes, duplicate attributes, stray '<' or '&', "--"
// in a comment).
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(s: string, where: number): void {
  if (/[<]/.test(s)) throw new Error(`stray '<' at ${where}`);
  if (/&/.test(s.replace(ENTITY, ''))) throw new Error(`bad entity at ${where}`);
}

export function parseXml(src: string): XmlNode {
  let i = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  if (src.startsWith('\ufeff')) i = 1;
  const decl = /^<\?xml[^?]*\?>/.exec(src.slice(i));
  if (decl) i += decl[0].length;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt === -1 ? src.length : lt);
    if (text.trim()) {
      if (!stack.length) throw new Error(`text outside the root at ${i}`);
      checkText(text, i);
      stack[stack.length - 1]!.text += text;
    }
    if (lt === -1) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      if (end === -1) throw new Error('unclosed comment');
      // XML 1.0: "--" may not occur inside a comment.
      if (src.slice(i + 4, end + 1).includes('--')) throw new Error(`"--" in a comment at ${i}`);
      i = end + 3;
      continue;
    }
    const close = new RegExp(`^</(${NAME})\\s*>`).exec(src.slice(i));
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== close[1]) throw new Error(`mismatched </${close[1]}> at ${i}`);
      i += close[0].length;
      continue;
    }
    const open = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`).exec(src.slice(i));
    if (!open) throw new Error(`malformed tag at ${i}: ${src.slice(i, i + 40)}`);
    const attrs: Record<string, string> = {};
    for (const m of open[2]!.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
      if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} at ${i}`);
      const v = m[2] ?? m[3] ?? '';
      checkText(v, i);
      attrs[m[1]!] = v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
    const node: XmlNode = { name: open[1]!, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(node);
    else if (root) throw new Error('second root element');
    else root = node;
    if (!open[3]) stack.push(node);
    i += open[0].length;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

export function walk(n: XmlNode, f: (n: XmlNode, parent: XmlNode | null) => void, parent: XmlNode | null = null): void {
  f(n, parent);
  for (const c of n.children) walk(c, f, n);
}

export function child(n: XmlNode, name: string): XmlNode {
  const c = n.children.find((x) => x.name === name);
  if (!c) throw new Error(`<${n.name}> has no <${name}>`);
  return c;
}
