// Entry of the task pane and the standalone page: inside Excel the pane works on the open
// workbook; anywhere else (office.js absent, or loaded outside Office) it works on files.
import { defaultConfig } from '../../lib/config';
import { addin as t } from '../../lib/locale/ja';
import { OfficeApp } from './app-office';
import { StandaloneApp } from './app-standalone';
import { initialView, Shell, type HostMode } from './shell';

/** What office-js-helpers' host detection did, in a few lines over Office.onReady. */
export async function detectHost(timeoutMs = 5000): Promise<HostMode> {
  const g = globalThis as { Office?: typeof Office };
  if (!g.Office?.onReady) return 'standalone';
  const info = await Promise.race([
    g.Office.onReady().catch(() => null),
    new Promise<null>((r) => setTimeout(() => r(null), timeoutMs)),
  ]);
  return info && info.host === g.Office.HostType.Excel ? 'excel' : 'standalone';
}

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  root.textContent = t.starting;
  const mode = await detectHost();
  const shell = new Shell(root, mode, initialView(location.search));
  const config = defaultConfig();
  if (mode === 'excel') await new OfficeApp(config, shell).start();
  else new StandaloneApp(config, shell).start();
  document.body.dataset.ready = mode;
}

void main();
