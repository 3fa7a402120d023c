import { writeFileSync } from 'node:fs';

// A chart of calls per sliding second over a run, against Tencent's limit: an SVG written by hand,
// so that the bench needs no plotting library.

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 16, top: 28, bottom: 40 };

/** Calls in the second before each 10 ms step, from the first call to the last. */
function slidingCounts(times: number[], windowMs = 1000, stepMs = 10): Array<[number, number]> {
	const sorted = [...times].sort((a, b) => a - b);
	const start = sorted[0];
	const end = sorted[sorted.length - 1];
	const points: Array<[number, number]> = [];
	let from = 0;
	let to = 0;
	for (let at = start; at <= end + stepMs; at += stepMs) {
		while (to < sorted.length && sorted[to] <= at) to++;
		while (from < to && sorted[from] <= at - windowMs) from++;
		points.push([(at - start) / 1000, to - from]);
	}
	return points;
}

export function writeCallsChart(path: string, times: number[], limit: number, title: string): void {
	if (times.length === 0) return;
	const points = slidingCounts(times);
	const maxX = Math.max(...points.map(([x]) => x), 1);
	const maxY = Math.ceil((limit * 1.25) / 50) * 50;
	const x = (value: number) => MARGIN.left + (value / maxX) * (WIDTH - MARGIN.left - MARGIN.right);
	const y = (value: number) =>
		HEIGHT - MARGIN.bottom - (value / maxY) * (HEIGHT - MARGIN.top - MARGIN.bottom);
	const line = points
		.map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
		.join('');
	const yTicks = Array.from({ length: maxY / 50 + 1 }, (_, i) => i * 50);
	const xTicks = Array.from({ length: Math.floor(maxX) + 1 }, (_, i) => i);
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${MARGIN.left}" y="16" font-size="13">${title}</text>
${yTicks.map((tick) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/><text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`).join('\n')}
${xTicks.map((tick) => `<text x="${x(tick)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${tick} s</text>`).join('\n')}
<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(limit)}" y2="${y(limit)}" stroke="#d33" stroke-dasharray="6 4"/>
<text x="${WIDTH - MARGIN.right}" y="${y(limit) - 6}" text-anchor="end" fill="#d33">Tencent's limit: ${limit} calls in any second</text>
<path d="${line}" fill="none" stroke="#2463eb" stroke-width="1.5"/>
<text x="${MARGIN.left}" y="${HEIGHT - 6}">calls the service let through in the second before each moment (sliding window), from the first call</text>
</svg>
`;
	writeFileSync(path, svg);
}
