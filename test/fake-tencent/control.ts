// The one client of the fake server's `/_fake/*` endpoints, for tests, the bench and the e2e run
// alike, whether the server runs in-process or as a child process.

import type { FakeApp, FaultConfig, ScriptedAnswer } from './config';
import type { AccountProfile } from './services/account';
import type { MailboxMessage } from './services/message';
import type { ConversationMessage } from './services/message/history';
import type { Presence } from './services/user/presence';
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

	async subscribers(sdkAppId: number, officialAccount: string): Promise<string[]> {
		return (
			(await this.post('subscribers', { sdkAppId, officialAccount })) as { subscribers: string[] }
		).subscribers;
	}

	/** An official account as the server holds it, live or destroyed: profile, subscribers (with custom strings), messages. */
	async officialAccount(
		sdkAppId: number,
		officialAccount: string,
	): Promise<Record<string, unknown>> {
		return (await this.post('official-account', { sdkAppId, officialAccount })) as Record<
			string,
			unknown
		>;
	}

	/** A group as the server holds it, live or destroyed: profile, members, messages. */
	async group(sdkAppId: number, groupId: string): Promise<Record<string, unknown>> {
		return (await this.post('group', { sdkAppId, groupId })) as Record<string, unknown>;
	}

	/** An account of the app, or null when it does not exist. */
	async account(sdkAppId: number, userId: string): Promise<AccountProfile | null> {
		return (
			(await this.post('account', { sdkAppId, userId })) as { account: AccountProfile | null }
		).account;
	}

	/** The one-to-one messages a user has received, oldest first. */
	async mailbox(sdkAppId: number, userId: string): Promise<MailboxMessage[]> {
		return ((await this.post('mailbox', { sdkAppId, userId })) as { messages: MailboxMessage[] })
			.messages;
	}

	/** The one-to-one conversation of two users, oldest first, with what was recalled. */
	async conversation(sdkAppId: number, a: string, b: string): Promise<ConversationMessage[]> {
		return (
			(await this.post('conversation', { sdkAppId, a, b })) as { messages: ConversationMessage[] }
		).messages;
	}

	async setPresence(sdkAppId: number, userId: string, presence: Presence): Promise<void> {
		await this.post('presence', { sdkAppId, userId, presence });
	}

	/** An account's profile tags, or null when it does not exist. */
	async profile(sdkAppId: number, userId: string): Promise<Record<string, string | number> | null> {
		return (
			(await this.post('profile', { sdkAppId, userId })) as {
				profile: Record<string, string | number> | null;
			}
		).profile;
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
