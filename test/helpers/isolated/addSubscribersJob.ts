// One Add Subscribers job in a process of its own, as one n8n worker runs it: its own limiters,
// its own connection to Redis. Input: one JSON argument { account, count, credentials }; output:
// one line RESULT { error?, outputItems, added, hints, departures }: `departures` are the moments
// (ms since the epoch, on this machine's clock, which every process shares) at which the limiters
// let an add_subscriber call go, retries included.
import { COMMANDS } from '../../../nodes/TencentChat/actions/resources';
import { observeClient } from '../../../nodes/TencentChat/client';
import { runNode } from '../engine';
import { addSubscribersParameters } from '../fixtures';

interface Job {
	account: string;
	count: number;
	credentials: Record<string, string | number | boolean>;
}

async function main(): Promise<void> {
	const { account, count, credentials } = JSON.parse(process.argv[2]) as Job;
	const items = Array.from({ length: count / 100 }, (_, item) => ({
		officialAccount: account,
		subscribers: Array.from({ length: 100 }, (__, n) => `${account.slice(-1)}${item * 100 + n}`),
	}));
	const departures: number[] = [];
	observeClient((event) => {
		if (event.kind === 'sent' && event.command === COMMANDS.addSubscribers.name)
			departures.push(performance.timeOrigin + performance.now());
	});
	const { output, error, run } = await runNode({
		parameters: addSubscribersParameters(),
		items,
		credentials,
		watchForLeaks: false,
	});
	const added = output.filter((item) => item.json.status === 'added').length;
	const hints = (run.data.resultData.runData['Tencent Chat']?.[0]?.hints ?? []).map(
		(hint) => hint.message,
	);
	process.stdout.write(
		`RESULT ${JSON.stringify({ error: error?.message, outputItems: output.length, added, hints, departures })}\n`,
	);
	process.exit(0);
}

void main();
