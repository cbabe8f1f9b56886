// The processor's controls: pause and resume its consumer (POST /processor/pause, /resume), to watch
// analytics-group's lag grow while it is paused and fall back to 0 once it resumes.
import { api } from './auth.js';

const $ = id => document.getElementById(id);

function render(status) {
    const state = $('processor-state');
    state.textContent = status.paused ? 'paused' : 'consuming';
    state.className = `pill${status.paused ? '' : ' running'}`;
    $('processor-pause').disabled = status.paused;
    $('processor-resume').disabled = !status.paused;
    $('processor-status').textContent = status.paused
        ? `Paused on ${status.paused_partitions.join(', ')}: analytics-group's lag grows with every raw event.`
        : 'Reading raw_events in analytics-group.';
}

async function call(method, path) {
    try {
        const response = await api(path, { method });
        const body = await response.json();
        if (response.ok) {
            render(body);
        } else {
            $('processor-status').textContent = `${body.status} ${body.title}: ${body.detail ?? ''}`;
        }
    } catch {
        // Offline: the connection badge says so.
    }
}

$('processor-pause').addEventListener('click', () => call('POST', '/processor/pause'));
$('processor-resume').addEventListener('click', () => call('POST', '/processor/resume'));
call('GET', '/processor');
