// Small DOM helpers: elements are built with textContent, never innerHTML, so record values cannot inject markup.

/** An element with attributes (class, data-*, title, ...) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === 'class') node.className = value;
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined) continue;
        node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

/** A number with thousands separators; "—" for null (nothing known, which is not 0). */
export function num(value) {
    return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** Local time of an epoch-millisecond timestamp, to the millisecond. */
export function time(ms) {
    if (!ms) return '—';
    const d = new Date(ms);
    const pad = (n, w = 2) => String(n).padStart(w, '0');
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A duration in milliseconds as Kafka's retention is usually read: "7 d", "12 h", "unlimited". */
export function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 0) return 'unlimited';
    const units = [['d', 86400000], ['h', 3600000], ['min', 60000], ['s', 1000]];
    for (const [unit, size] of units) {
        if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
    }
    return `${ms} ms`;
}

export function bytes(value) {
    if (value === null || value === undefined) return '—';
    if (value < 0) return 'unlimited';
    return `${num(value)} B`;
}

export function replace(container, ...children) {
    container.replaceChildren(...children.flat());
}
