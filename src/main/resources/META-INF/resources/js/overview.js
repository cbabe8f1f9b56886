// Renders one /kafka/overview snapshot: cluster line, broker banner, topics, groups, kept/dropped counts, chart.
import { el, num, time, duration, bytes, replace } from './dom.js';
import { drawThroughput, formatRate } from './chart.js';

const $ = id => document.getElementById(id);

export function renderOverview(overview) {
    renderBroker(overview.broker, overview.taken_at);
    renderTopics(overview.topics);
    renderGroups(overview.groups);
    renderCounts(overview.events);
    renderThroughput(overview.throughput, overview.taken_at);
    $('taken-at').textContent = time(overview.taken_at);
}

function renderBroker(broker, takenAt) {
    const banner = $('broker-banner');
    if (broker.reachable) {
        banner.hidden = true;
        $('cluster').textContent = `cluster ${broker.cluster_id} · brokers ${broker.nodes.join(', ')}`
            + (broker.controller === null ? '' : ` · controller ${broker.controller}`);
    } else {
        banner.hidden = false;
        banner.textContent = `Kafka is not reachable (${broker.error}). `
            + (broker.last_good_at ? `Showing the last good snapshot, from ${time(broker.last_good_at)}.`
                : 'No snapshot yet.') + ` Last tried ${time(takenAt)}.`;
        $('cluster').textContent = 'broker unreachable';
    }
}

function fact(label, value, key) {
    return el('span', { 'data-fact': key }, `${label} `, el('b', {}, value));
}

function renderTopics(topics) {
    replace($('topics'), topics.map(topic => el('article', { class: 'card', 'data-topic': topic.name,
            'aria-label': `topic ${topic.name}` },
        el('div', { class: 'topic-head' }, el('h3', {}, topic.name),
            el('span', { class: 'pill' }, topic.cleanup_policy)),
        el('div', { class: 'facts' },
            fact('partitions', topic.partition_count, 'partitions'),
            fact('replication factor', topic.replication_factor, 'replication-factor'),
            fact('min.insync.replicas', num(topic.min_insync_replicas), 'min-insync-replicas'),
            fact('cleanup.policy', topic.cleanup_policy, 'cleanup-policy'),
            el('span', { 'data-fact': 'retention-ms', 'data-value': topic.retention_ms, title: `${topic.retention_ms} ms` },
                'retention.ms ', el('b', {}, duration(topic.retention_ms))),
            fact('retention.bytes', bytes(topic.retention_bytes), 'retention-bytes')),
        el('table', { class: 'compact' },
            el('thead', {}, el('tr', {}, ['partition', 'leader', 'replicas', 'in-sync replicas', 'start', 'end', 'records']
                .map((h, i) => el('th', { scope: 'col', class: i >= 4 ? 'num' : null }, h)))),
            el('tbody', {}, topic.partitions.map(p => partitionRow(p)))))));
}

function partitionRow(p) {
    const isr = p.replicas.map(id => p.out_of_sync.includes(id)
        ? el('span', { class: 'out-of-sync', title: `replica ${id} is out of sync` }, `${id}✕`)
        : el('span', {}, String(id)));
    const separated = isr.flatMap((node, i) => i === 0 ? [node] : [', ', node]);
    return el('tr', { 'data-partition': p.partition },
        el('td', {}, p.partition),
        el('td', { 'data-field': 'leader' }, p.leader === null ? el('span', { class: 'out-of-sync' }, 'none') : p.leader),
        el('td', { 'data-field': 'replicas' }, p.replicas.join(', ')),
        el('td', { 'data-field': 'isr', 'data-value': p.isr.join(',') }, separated,
            p.out_of_sync.length ? el('span', { class: 'out-of-sync' }, ' (out of sync)') : null),
        el('td', { class: 'num', 'data-field': 'start' }, num(p.start_offset)),
        el('td', { class: 'num', 'data-field': 'end', 'data-value': p.end_offset }, num(p.end_offset)),
        el('td', { class: 'num', 'data-field': 'records' }, p.records_approximate
            ? el('span', { class: 'approx', title: 'compacted topic: end − start counts records compaction removed too' },
                `≈ ${num(p.records)}`)
            : num(p.records)));
}

function renderGroups(groups) {
    if (groups.length === 0) {
        replace($('groups'), el('p', { class: 'dim' }, 'No consumer group reads these topics yet.'));
        return;
    }
    replace($('groups'), groups.map(group => el('article', { class: 'card', 'data-group': group.group_id,
            'aria-label': `consumer group ${group.group_id}` },
        el('div', { class: 'topic-head' }, el('h3', {}, group.group_id),
            el('span', { class: `pill ${group.state}` }, group.state)),
        el('div', { class: 'facts' }, fact('members', group.members, 'members'),
            el('span', { 'data-fact': 'total-lag' }, 'total lag ', el('b', {}, num(group.total_lag)))),
        el('table', { class: 'compact' },
            el('thead', {}, el('tr', {}, ['topic', 'partition', 'committed', 'end', 'lag', 'consumer']
                .map((h, i) => el('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null }, h)))),
            el('tbody', {}, group.partitions.map(p => el('tr', { 'data-topic': p.topic, 'data-partition': p.partition },
                el('td', {}, p.topic),
                el('td', {}, p.partition),
                el('td', { class: 'num', 'data-field': 'committed' }, num(p.committed)),
                el('td', { class: 'num', 'data-field': 'end' }, num(p.end_offset)),
                el('td', { class: `num${p.lag > 0 ? ' lag-high' : ''}`, 'data-field': 'lag',
                    title: p.lag === null ? 'nothing committed on this partition' : null }, num(p.lag)),
                el('td', { class: 'dim' }, p.consumer ?? '—'))))))));
}

function renderCounts(events) {
    const entries = Object.entries(events);
    let kept = 0;
    let dropped = 0;
    const rows = entries.map(([type, counts]) => {
        kept += counts.kept;
        dropped += counts.dropped;
        return el('tr', { 'data-event-type': type }, el('th', { scope: 'row' }, type),
            el('td', { class: 'num', 'data-field': 'kept' }, num(counts.kept)),
            el('td', { class: 'num', 'data-field': 'dropped' }, num(counts.dropped)));
    });
    replace($('counts').tBodies[0], rows.length ? rows
        : el('tr', {}, el('td', { colspan: 3, class: 'dim' }, 'no raw event processed yet')));
    $('kept-total').textContent = num(kept);
    $('dropped-total').textContent = num(dropped);
}

function renderThroughput(rates, takenAt) {
    drawThroughput($('throughput-chart'), rates, takenAt);
    const last = rates[rates.length - 1];
    $('rate-raw').textContent = last ? formatRate(last.raw) : '—';
    $('rate-processed').textContent = last ? formatRate(last.processed) : '—';
}
