// A Meilisearch of one test's own, for tests that stop and resume it (the shared one serves every
// test file at once). Prints one JSON line, with the Meilisearch process id, when it answers;
// SIGTERM stops it.
//
//   MEILI_MASTER_KEY=… node test/harness/own-meili.mjs <dir> <port>   (secrets never on a command line)
import { startMeili } from '../../tools/stack/services.mjs';

const [dir, port] = process.argv.slice(2);
const masterKey = process.env.MEILI_MASTER_KEY;
const meili = await startMeili({ dir, port: Number(port), masterKey, logFile: `${dir}/meili.log` });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  meili.child.kill('SIGCONT');
  await meili.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdout.write(`${JSON.stringify({ ready: true, url: meili.url, pid: meili.child.pid })}\n`);
