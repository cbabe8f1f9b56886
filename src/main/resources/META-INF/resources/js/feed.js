// The live feed of processed records: newest first, at most CAP rows, each record shown once.
import { el, num, time } from './dom.js';
import { api } from './auth.js';

export const CAP = 100;

const shown = new Set();

function id(record) {
    return `${record.partition}/${record.offset}`;
}

function row(record, fresh) {
    return el('tr', { class: fresh ? 'fresh' : null, 'data-partition': record.partition, 'data-offset': record.offset,
            'data-key': record.key ?? '' },
        el('td', {}, record.partition),
        el('td', { class: 'num' }, num(record.offset)),
        el('td', {}, record.key ?? '∅'),
        el('td', { title: new Date(record.timestamp).toISOString() }, time(record.timestamp)),
        el('td', { class: 'value' }, JSON.stringify(record.value)));
}

/** Adds records (oldest first) at the top of the feed, skipping any already shown, and trims it to CAP rows. */
export function addRecords(records, fresh = true) {
    const body = document.querySelector('#feed tbody');
    for (const record of records) {
        if (shown.has(id(record))) continue;
        shown.add(id(record));
        body.prepend(row(record, fresh));
    }
    while (body.rows.length > CAP) {
        const last = body.rows[body.rows.length - 1];
        shown.delete(`${last.dataset.partition}/${last.dataset.offset}`);
        last.remove();
    }
    document.getElementById('feed-count').textContent = String(body.rows.length);
}

const pending = [];
let flushScheduled = false;

/**
 * Queues a streamed record; the queue is drawn at most five times a second, so that a fast producer costs the page
 * one layout per flush instead of one per record.
 */
export function queueRecord(record) {
    pending.push(record);
    if (!flushScheduled) {
        flushScheduled = true;
        setTimeout(() => {
            flushScheduled = false;
            addRecords(pending.splice(0));
        }, 200);
    }
}

/** Fills the feed from GET /kafka/feed (newest first), for a page that just (re)connected. */
export async function loadRecent() {
    const response = await api('/kafka/feed');
    if (!response.ok) return;
    const newestFirst = await response.json();
    addRecords(newestFirst.reverse(), false);
}
