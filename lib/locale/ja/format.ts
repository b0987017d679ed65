// What every catalogue shares: rendering a template, shortening cell text, severity names.

export const severityLabel = { error: 'エラー', warning: '警告', info: '情報' } as const;

/** Renders "{name}" placeholders; unknown ones stay visible so a gap shows in review. */
export function format(template: string, data: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = data[k];
    return v === undefined ? m : String(v);
  });
}

/** Shortens cell text for a message: one line, at most n characters. */
export function excerpt(text: string, n = 30): string {
  const one = text.replace(/\s+/gu, ' ').trim();
  const chars = [...one];
  return chars.length <= n ? one : `${chars.slice(0, n).join('')}…`;
}
