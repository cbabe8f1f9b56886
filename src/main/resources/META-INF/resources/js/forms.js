// The publish form (POST /events, with the partition preview) and the generator controls.
import { el, num, replace } from './dom.js';
import { api } from './auth.js';

const $ = id => document.getElementById(id);

async function problemOf(response) {
    try {
        return await response.json();
    } catch {
        return { title: response.statusText, status: response.status };
    }
}

function showProblem(container, problem) {
    container.className = 'result problem';
    replace(container,
        el('strong', {}, `${problem.status ?? ''} ${problem.title ?? 'Request failed'}`.trim()),
        problem.detail ? el('div', {}, problem.detail) : null,
        problem.violations?.length
            ? el('ul', {}, problem.violations.map(v => el('li', {}, el('code', {}, v.field), ': ', v.message)))
            : null);
}

let previewRequest = 0;

async function preview() {
    const key = $('pub-user').value;
    const target = $('pub-preview');
    const mine = ++previewRequest;
    if (!key) {
        target.textContent = 'An event without a user is refused.';
        delete target.dataset.partition;
        return;
    }
    try {
        const response = await api(`/kafka/partition?key=${encodeURIComponent(key)}`);
        if (mine !== previewRequest || !response.ok) return;
        const answer = await response.json();
        target.dataset.partition = answer.partition;
        replace(target, 'Key ', el('b', {}, answer.key), ' goes to partition ', el('b', {}, answer.partition),
            ` of ${answer.partitions} (murmur2 of the key, modulo the partition count).`);
    } catch {
        // Offline: the connection badge says so; the preview stays as it was.
    }
}

async function publish(event) {
    event.preventDefault();
    const result = $('publish-result');
    const body = { user: $('pub-user').value, is_premium: $('pub-premium').checked, event_type: $('pub-type').value };
    $('pub-send').disabled = true;
    try {
        const response = await api('/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body) });
        if (response.status === 202) {
            const accepted = (await response.json()).events[0];
            result.className = 'result ok';
            result.dataset.partition = accepted.partition;
            result.dataset.offset = accepted.offset;
            replace(result, 'Stored in raw_events partition ', el('b', { id: 'published-partition' }, accepted.partition),
                ' at offset ', el('b', { id: 'published-offset' }, accepted.offset), '.',
                el('div', { class: 'dim' }, `event_id ${accepted.event_id}`));
        } else {
            delete result.dataset.partition;
            delete result.dataset.offset;
            showProblem(result, await problemOf(response));
        }
    } catch (failure) {
        showProblem(result, { title: 'The service did not answer', detail: String(failure) });
    } finally {
        $('pub-send').disabled = false;
    }
}

/** A refused start or stop (a 403 for a caller who is no operator) stays shown until the next click. */
let generatorRefused = false;

export function renderGenerator(status) {
    const state = $('generator-state');
    state.textContent = status.running ? 'running' : 'stopped';
    state.className = `pill${status.running ? ' running' : ''}`;
    $('gen-start').disabled = false;
    $('gen-stop').disabled = !status.running;
    if (generatorRefused) return;
    $('generator-status').className = 'status-line';
    $('generator-status').textContent = `${num(status.sent)} sent, ${num(status.failed)} failed · `
        + `${status.count === 0 ? 'unbounded' : `${num(status.count)} events`} every ${status.interval_ms} ms`
        + (status.seed === undefined || status.seed === null ? '' : ` · seed ${status.seed}`);
}

export async function refreshGenerator() {
    try {
        const response = await api('/generator');
        if (response.ok) renderGenerator(await response.json());
    } catch {
        // Offline: shown by the connection badge.
    }
}

async function generator(action) {
    const query = new URLSearchParams();
    if (action === 'start') {
        query.set('count', $('gen-count').value || '0');
        query.set('interval_ms', $('gen-interval').value || '200');
        if ($('gen-seed').value) query.set('seed', $('gen-seed').value);
    }
    const response = await api(`/generator/${action}?${query}`, { method: 'POST' });
    generatorRefused = !response.ok;
    if (response.ok) {
        renderGenerator(await response.json());
    } else {
        showProblem($('generator-status'), await problemOf(response));
    }
}

export function setUpForms() {
    let timer = null;
    $('pub-user').addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(preview, 150);
    });
    $('publish-form').addEventListener('submit', publish);
    $('generator-form').addEventListener('submit', event => {
        event.preventDefault();
        generator('start');
    });
    $('gen-stop').addEventListener('click', () => generator('stop'));
    preview();
    refreshGenerator();
}
