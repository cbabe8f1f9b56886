// The console page: two Server-Sent Event streams (the Kafka overview, the processed records) that reconnect by
// themselves, and the forms. The badge says "live" while both streams are open, "reconnecting" otherwise.
import { renderOverview } from './overview.js';
import { queueRecord, loadRecent, CAP } from './feed.js';
import { setUpForms, refreshGenerator } from './forms.js';
import { AuthorizedEventSource, setUpSignIn } from './auth.js';

const RETRY_MS = 2000;
const open = { overview: false, feed: false };
let everLive = false;

function showConnection() {
    const badge = document.getElementById('connection');
    const live = open.overview && open.feed;
    everLive ||= live;
    const state = live ? 'live' : everLive ? 'reconnecting' : 'connecting';
    badge.className = `connection ${state}`;
    document.getElementById('connection-text').textContent = state;
    badge.title = live ? 'Receiving live updates' : 'The service is not answering; retrying every few seconds';
}

/**
 * A stream that comes back by itself: once it ends (the service restarting answers 503, a 401 before signing in),
 * a new one is made, with the credentials of the moment.
 */
function stream(name, url, onMessage, onOpen) {
    const source = new AuthorizedEventSource(url);
    source.onopen = () => {
        open[name] = true;
        showConnection();
        onOpen?.();
    };
    source.onmessage = event => onMessage(JSON.parse(event.data));
    source.onerror = () => {
        open[name] = false;
        showConnection();
        if (source.readyState === AuthorizedEventSource.CLOSED) {
            setTimeout(() => stream(name, url, onMessage, onOpen), RETRY_MS);
        }
    };
}

document.getElementById('feed-cap').textContent = String(CAP);
setUpSignIn();
setUpForms();
showConnection();
stream('overview', '/kafka/overview/stream', overview => {
    renderOverview(overview);
    refreshGenerator();
});
stream('feed', '/kafka/feed/stream', queueRecord, () => {
    loadRecent();
    refreshGenerator();
});
