// The throughput chart: two polylines (raw_events, processed_events) over the last minute, drawn as plain SVG.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 150;
const PAD = { left: 44, right: 8, top: 10, bottom: 18 };
const WINDOW_MS = 60000;

function svg(tag, attributes = {}) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
}

/** Draws the rates ([{at, raw, processed}], oldest first) ending at `now` into `container`. */
export function drawThroughput(container, rates, now) {
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
        'aria-label': 'Records per second on raw_events and processed_events over the last minute' });
    const plotW = WIDTH - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const max = Math.max(1, ...rates.map(r => Math.max(r.raw, r.processed)));
    const top = niceCeiling(max);
    const x = at => PAD.left + plotW * (1 - Math.min(WINDOW_MS, Math.max(0, now - at)) / WINDOW_MS);
    const y = value => PAD.top + plotH * (1 - value / top);

    for (const fraction of [0, 0.5, 1]) {
        const gy = PAD.top + plotH * (1 - fraction);
        root.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: gy, y2: gy, class: 'axis' }));
        const label = svg('text', { x: PAD.left - 6, y: gy + 3, 'text-anchor': 'end', class: 'grid-label' });
        label.textContent = formatRate(top * fraction);
        root.append(label);
    }
    for (const [seconds, anchor] of [[60, 'start'], [30, 'middle'], [0, 'end']]) {
        const label = svg('text', { x: x(now - seconds * 1000), y: HEIGHT - 4, 'text-anchor': anchor, class: 'grid-label' });
        label.textContent = seconds === 0 ? 'now' : `−${seconds} s`;
        root.append(label);
    }
    const recent = rates.filter(r => now - r.at <= WINDOW_MS * 1.5);
    if (recent.length === 0) {
        const empty = svg('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, 'text-anchor': 'middle', class: 'empty' });
        empty.textContent = 'waiting for a second snapshot';
        root.append(empty);
    }
    for (const series of ['raw', 'processed']) {
        // Each rate holds over its period: a step line from the previous sample's time to this one's.
        const points = [];
        let previousAt = null;
        for (const rate of recent) {
            if (previousAt !== null) points.push(`${x(previousAt).toFixed(1)},${y(rate[series]).toFixed(1)}`);
            points.push(`${x(rate.at).toFixed(1)},${y(rate[series]).toFixed(1)}`);
            previousAt = rate.at;
        }
        if (points.length) root.append(svg('polyline', { points: points.join(' '), class: series }));
    }
    container.replaceChildren(root);
}

function niceCeiling(value) {
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 5, 10]) {
        if (value <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
}

export function formatRate(value) {
    return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 0 : 1);
}
