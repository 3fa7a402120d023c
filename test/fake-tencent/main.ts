// Runs the fake server as its own process: `node main.js [port]`. Prints `listening <url>` once
// ready; apps, faults and scripted answers are set through `/_fake/*` (see control.ts).

import { FakeTencentServer } from './FakeTencentServer';

const server = new FakeTencentServer();
void server
	.start(Number(process.argv[2] ?? 0))
	.then((url) => process.stdout.write(`listening ${url}\n`));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
