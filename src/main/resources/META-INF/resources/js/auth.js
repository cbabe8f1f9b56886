// Signing in on the page: HTTP Basic or a bearer token, typed into a small box in the top bar, kept in sessionStorage
// (gone with the tab) and sent as Authorization on every call the page makes. Calls go with credentials 'omit': a
// 401's WWW-Authenticate challenge then never opens the browser's own sign-in dialog (the Fetch standard prompts only
// for requests that include credentials), and the page shows the problem instead.
import { el, replace } from './dom.js';

const STORE = 'clickstream.authorization';
const streams = new Set();
const $ = id => document.getElementById(id);

function stored() {
    try {
        return JSON.parse(sessionStorage.getItem(STORE));
    } catch {
        return null;
    }
}

/** fetch() with the signed-in caller's Authorization header, if any, and never the browser's own credentials. */
export function api(url, options = {}) {
    const headers = new Headers(options.headers);
    const caller = stored();
    if (caller) headers.set('Authorization', caller.authorization);
    return fetch(url, { ...options, headers, credentials: 'omit' });
}

/**
 * What console.js needs of an EventSource (onopen, onmessage, onerror, readyState), read with fetch: EventSource
 * cannot send an Authorization header. Any end of the stream closes it for good; console.js then opens a new one.
 */
export class AuthorizedEventSource {
    static CLOSED = 2;

    constructor(url) {
        this.readyState = 0;
        this.aborter = new AbortController();
        streams.add(this);
        this.read(url).catch(() => {}).finally(() => {
            this.readyState = AuthorizedEventSource.CLOSED;
            streams.delete(this);
            this.onerror?.();
        });
    }

    close() {
        this.aborter.abort();
    }

    async read(url) {
        const response = await api(url, { headers: { Accept: 'text/event-stream' }, signal: this.aborter.signal });
        if (response.status === 401 || response.status === 403) {
            showRefusal(await response.json().catch(() => ({ status: response.status, title: response.statusText })));
        }
        if (!response.ok || !response.body) return;
        this.readyState = 1;
        this.onopen?.();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            buffer = (buffer + chunk.value).replace(/\r\n?/g, '\n');
            // A hand-written reader of the SSE wire format, as no library is loaded from elsewhere: an event is its
            // data: lines, up to a blank line; comments and other fields are skipped.
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                const data = buffer.slice(0, end).split('\n').filter(line => line.startsWith('data:'))
                    .map(line => line.slice(line.startsWith('data: ') ? 6 : 5));
                buffer = buffer.slice(end + 2);
                if (data.length) this.onmessage?.({ data: data.join('\n') });
            }
        }
    }
}

function showRefusal(problem) {
    const line = $('auth-problem');
    line.hidden = false;
    line.textContent = `${problem.status ?? ''} ${problem.title ?? ''}: ${problem.detail ?? 'reading needs credentials'}`;
}

/** New credentials (or none): streams reopen with them, and the box says who is signed in. */
function changed() {
    $('auth-problem').hidden = true;
    streams.forEach(stream => stream.close());
    render();
}

function signIn(event) {
    event.preventDefault();
    const scheme = $('auth-scheme').value;
    const secret = $('auth-secret').value;
    const user = $('auth-user').value;
    // Basic: base64 of the UTF-8 bytes of user:password.
    const authorization = scheme === 'basic'
        ? `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${secret}`)))}`
        : `Bearer ${secret.trim().replace(/^Bearer\s+/i, '')}`;
    sessionStorage.setItem(STORE, JSON.stringify({ authorization, who: scheme === 'basic' ? user : 'bearer token' }));
    changed();
}

function signOut() {
    sessionStorage.removeItem(STORE);
    changed();
}

function render() {
    const caller = stored();
    const box = $('auth');
    if (caller) {
        replace(box, el('span', { id: 'auth-who' }, `signed in: ${caller.who}`),
            el('button', { type: 'button', id: 'auth-sign-out' }, 'Sign out'));
        $('auth-sign-out').addEventListener('click', signOut);
        return;
    }
    const form = el('form', { id: 'auth-form' },
        el('select', { id: 'auth-scheme', 'aria-label': 'How to sign in' },
            el('option', { value: 'basic' }, 'user'), el('option', { value: 'bearer' }, 'token')),
        el('input', { id: 'auth-user', 'aria-label': 'User', placeholder: 'user', autocomplete: 'username' }),
        el('input', { id: 'auth-secret', 'aria-label': 'Password or token', placeholder: 'password',
            type: 'password', autocomplete: 'current-password' }),
        el('button', { type: 'submit', id: 'auth-sign-in' }, 'Sign in'));
    replace(box, form);
    $('auth-scheme').addEventListener('change', () => {
        const basic = $('auth-scheme').value === 'basic';
        $('auth-user').hidden = !basic;
        $('auth-secret').placeholder = basic ? 'password' : 'bearer token';
    });
    form.addEventListener('submit', signIn);
}

/** The sign-in box, in the top bar, with a line for a read the service refused. */
export function setUpSignIn() {
    document.querySelector('.topbar').append(el('div', { id: 'auth', class: 'auth' }),
        el('p', { id: 'auth-problem', class: 'auth-problem', role: 'alert', hidden: true }));
    render();
}
