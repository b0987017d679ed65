// Builds the add-in bundle once, before any browser test file: a production build can take
// minutes on a busy 2-core machine, longer than a test file's own setup may wait.
import { ensureBuilt } from './helpers';

export default function globalSetup(): void {
  ensureBuilt();
}
