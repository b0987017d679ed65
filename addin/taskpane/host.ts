/// <reference types="office-js" />
// What office-js-helpers' host detection did, in a few lines over Office.onReady: inside Excel
// the pane works on the open workbook; anywhere else (no office.js, office.js outside Office,
// or Office that never answers) it works on files. A page Office itself opened (its URL
// carries _host_Info) that waits over 5 s says so and keeps waiting: turning into the browser
// version inside Excel would only confuse.
import type { HostMode } from './shell';

/** Office opens task panes with `_host_Info=Excel$…` in the URL (and keeps it in sessionStorage). */
export function openedByOffice(search: string = globalThis.location?.search ?? '', stored: string | null = safeStored()): boolean {
  return /[?&]_host_Info=/i.test(search) || (stored !== null && stored !== '');
}

function safeStored(): string | null {
  try {
    return globalThis.sessionStorage?.getItem('hostInfoValue') ?? null;
  } catch {
    return null;
  }
}

export async function detectHost(
  g: { Office?: typeof Office } = globalThis as { Office?: typeof Office },
  timeoutMs = 5000,
  slow?: { inOffice: boolean; onSlow: () => void },
): Promise<HostMode> {
  if (!g.Office?.onReady) return 'standalone';
  const ready = g.Office.onReady().catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let info = await Promise.race([
    ready,
    new Promise<'late'>((r) => {
      timer = setTimeout(() => r('late'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (info === 'late') {
    if (!slow?.inOffice) return 'standalone';
    slow.onSlow();
    info = await ready;
  }
  return info && info.host === g.Office.HostType.Excel ? 'excel' : 'standalone';
}
