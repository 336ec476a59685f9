// Child process of the lock and data-folder tests: opens a PGlite data folder the way the server does
// (openDatabase: the checks, the lock, the worker), prints {"event":"open","pid":…} and keeps it open until SIGTERM
// (closes, exits 0) or SIGKILL. A refused open prints the error on stderr and exits 2, as the command line does.
import { openDatabase } from '../../src/core/db/index.js';

const dir = process.argv[2];
try {
  const database = await openDatabase({ dataDir: dir });
  const keep = setInterval(() => {}, 60_000);
  // The handler is in place before the parent hears "open" (which may send SIGTERM at once).
  process.once('SIGTERM', () => {
    clearInterval(keep);
    void database.close().then(() => process.exit(0));
  });
  process.stdout.write(JSON.stringify({ event: 'open', pid: process.pid }) + '\n');
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
