/// <reference types="office-js" />
// What office-js-helpers' host detection did, in a few lines over Office.onReady: inside Excel
// the pane works on the open workbook; anywhere else (no office.js, office.js outside Office,
// or Office that never answers) it works on files.
import type { HostMode } from './shell';

export async function detectHost(g: { Office?: typeof Office } = globalThis as { Office?: typeof Office }, timeoutMs = 5000): Promise<HostMode> {
  if (!g.Office?.onReady) return 'standalone';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    g.Office.onReady().catch(() => null),
    new Promise<null>((r) => {
      timer = setTimeout(() => r(null), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return info && info.host === g.Office.HostType.Excel ? 'excel' : 'standalone';
}
