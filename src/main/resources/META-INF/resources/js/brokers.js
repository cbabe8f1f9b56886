// Dev mode only: the dev cluster's brokers with a stop and a start button each (GET and POST /dev/brokers), so a
// learner stops a broker and watches, in the topic tables, its leaderships move and the in-sync replicas shrink.
// The section stays hidden unless /kafka/dev-cluster says the service runs a dev cluster of several brokers:
// /dev/brokers exists in dev mode only, and a single dev broker (controller and broker in one) cannot be stopped
// without stopping Kafka.
import { el, replace } from './dom.js';
import { api } from './auth.js';

const REFRESH_MS = 3000;
const $ = id => document.getElementById(id);
let busy = false;

async function brokers() {
    const response = await api('/dev/brokers');
    return response.ok ? response.json() : null;
}

function partitions(names) {
    return el('td', { class: 'num', title: names.join(', ') || 'none' }, names.length);
}

function render(list) {
    replace($('dev-brokers-table').tBodies[0], list.map(broker => el('tr', { 'data-broker': broker.id },
        el('td', {}, broker.id),
        el('td', { class: 'num' }, broker.port),
        el('td', {}, el('span', { class: `pill${broker.running ? ' running' : ''}` },
            broker.running ? 'running' : 'stopped')),
        partitions(broker.leads),
        partitions(broker.in_sync),
        el('td', {}, el('button', { type: 'button', 'data-action': broker.running ? 'stop' : 'start',
            disabled: busy, 'aria-label': `${broker.running ? 'Stop' : 'Start'} broker ${broker.id}` },
        broker.running ? 'Stop' : 'Start')))));
}

async function act(id, action) {
    const status = $('dev-brokers-status');
    busy = true;
    document.querySelectorAll('#dev-brokers-table button').forEach(button => { button.disabled = true; });
    status.className = 'status-line';
    status.textContent = `${action === 'stop' ? 'Stopping' : 'Starting'} broker ${id}…`;
    try {
        const response = await api(`/dev/brokers/${id}/${action}`, { method: 'POST' });
        if (response.ok) {
            busy = false;
            render(await response.json());
            status.textContent = action === 'stop'
                ? `Broker ${id} stopped: its partitions have new leaders, and it left their in-sync replicas.`
                : `Broker ${id} started: it catches up and rejoins the in-sync replicas within seconds.`;
        } else {
            const problem = await response.json().catch(() => ({ title: response.statusText }));
            status.className = 'status-line problem';
            status.textContent = `${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`;
        }
    } catch (failure) {
        status.className = 'status-line problem';
        status.textContent = `The service did not answer: ${failure}`;
    } finally {
        busy = false;
        refresh();
    }
}

async function refresh() {
    if (busy) return;
    try {
        const list = await brokers();
        if (list && !busy) render(list);
    } catch {
        // Offline: the connection badge says so; the table stays as it was.
    }
}

async function setUp() {
    const cluster = await api('/kafka/dev-cluster').then(response => response.ok ? response.json() : null)
        .catch(() => null);
    if (!cluster || cluster.brokers < 2) return;
    const list = await brokers().catch(() => null);
    if (!list) return;
    $('dev-brokers').hidden = false;
    render(list);
    $('dev-brokers-table').addEventListener('click', event => {
        const button = event.target.closest('button[data-action]');
        if (button) act(button.closest('tr').dataset.broker, button.dataset.action);
    });
    setInterval(refresh, REFRESH_MS);
}

setUp();
