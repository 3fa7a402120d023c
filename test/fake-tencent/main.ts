/**
 * Runs the fake server as its own process: `node main.js [port]`. Prints `listening <url>` once
 * ready; apps and faults are set through the `/_fake/*` control endpoints.
 */
import { FakeTencentServer } from './FakeTencentServer';

const server = new FakeTencentServer();
void server.start(Number(process.argv[2] ?? 0)).then((url) => process.stdout.write(`listening ${url}\n`));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
