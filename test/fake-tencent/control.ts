// The one client of the fake server's `/_fake/*` endpoints, for tests, the bench and the e2e run
// alike, whether the server runs in-process or as a child process.

import type { FakeApp, FaultConfig, ScriptedAnswer } from './config';
import type { InspectionArgs, InspectionName, InspectionResult } from './services';
import type { FakeStats } from './stats';

export class FakeServerControl {
	constructor(readonly url: string) {}

	async addApp(app: FakeApp): Promise<void> {
		await this.post('apps', app);
	}

	/** Replaces the faults (unset ones back to their defaults); a seed makes the rolls repeatable. */
	async setFaults(faults: Partial<FaultConfig>, seed?: number): Promise<void> {
		await this.post('faults', { faults, seed });
	}

	async script(...answers: ScriptedAnswer[]): Promise<void> {
		await this.post('script', { answers });
	}

	async setClockOffset(offsetSeconds: number): Promise<void> {
		await this.post('clock', { offsetSeconds });
	}

	async stats(): Promise<FakeStats> {
		return (await this.post('stats')) as FakeStats;
	}

	async resetStats(): Promise<void> {
		await this.post('reset-stats');
	}

	/** `server.inspect` of a server in another process: what a module's inspection reads (or sets) of an app. */
	async inspect<Name extends InspectionName>(
		name: Name,
		sdkAppId: number,
		...args: InspectionArgs<Name>
	): Promise<InspectionResult<Name>> {
		const answer = (await this.post('inspect', { inspection: name, sdkAppId, args })) as {
			result: InspectionResult<Name>;
		};
		return answer.result;
	}

	/** Every UserSig the server was sent, for leak checks across processes. */
	async userSigsSeen(): Promise<string[]> {
		return ((await this.post('user-sigs')) as { userSigs: string[] }).userSigs;
	}

	private async post(path: string, body: object = {}): Promise<unknown> {
		const response = await fetch(`${this.url}/_fake/${path}`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
		const answer: unknown = await response.json();
		if (!response.ok)
			throw new Error(
				`fake server control ${path}: HTTP ${response.status} ${JSON.stringify(answer)}`,
			);
		return answer;
	}
}
