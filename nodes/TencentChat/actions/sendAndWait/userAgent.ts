// Chat clients, mail scanners and crawlers fetch a link as soon as it is sent, to preview it: such
// a GET must not count as the person's answer. n8n's own Send and Wait ignores approval GETs from
// bots and from requests with no User-Agent at all (a preview service's); this list holds the
// words their User-Agents carry. A chat app's own in-app browser (WeChat's MicroMessenger,
// Telegram-Android, LinkedInApp) is a person's, and does not match.

const AUTOMATED =
	/bot\b|bot\/|crawl|spider|slurp|preview|facebookexternalhit|embedly|whatsapp\/|teams\/|headless|phantomjs|python-requests|python-urllib|aiohttp|httpx|curl\/|wget\/|go-http-client|okhttp|java\/|apache-httpclient|node-fetch|axios|undici|libwww|scrapy|feedfetcher|validator|lighthouse|pingdom|uptimerobot|scanner|safelinks|barracuda|mimecast|proofpoint/i;
/** Phones whose model name ends in "bot", as it appears in their browsers' User-Agent. */
const PHONE_MODELS = /\bcubot\b/gi;

/** Whether a request with this User-Agent is a machine's, not a person's browser. */
export function isAutomatedRequest(userAgent: string | string[] | undefined): boolean {
	const value = Array.isArray(userAgent) ? userAgent.join(' ') : userAgent;
	if (value === undefined || value.trim() === '') return true;
	return AUTOMATED.test(value.replace(PHONE_MODELS, ''));
}
