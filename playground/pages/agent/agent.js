// The agent console: the agent side of the playground through its agent API (GET /agent/sessions
// polled every second; one POST per action).
const $ = (id) => document.getElementById(id);
const FAULT_KINDS = [
  'http500', 'http502', 'http503', 'timeout', 'drop', 'http429', 'plain403', 'malformedJson', 'truncatedJson', 'slow',
  'gmsStatusCode1', 'gmsStatusCode2', 'nexusInvalidSession', 'nexusNumericIndex', 'duplicate', 'outOfOrder', 'socketClose', 'socketTerminate', 'missHeartbeats',
];
let sessions = [];
let selected;

const api = async (method, path, body) => {
  const init = { method, headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/agent${path}`, init);
  const json = await response.json();
  if (!response.ok) throw new Error(json.message ?? response.statusText);
  return json;
};
const act = (action, body = {}) =>
  selected && api('POST', `/sessions/${selected}/${action}`, body).then(refresh, (error) => alert(`${action}: ${error.message}`));

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function renderList() {
  const visible = sessions.filter((s) => $('show-ended').checked || s.status !== 'ended').reverse();
  $('sessions').replaceChildren(
    ...visible.map((s) => {
      const item = el(
        'li',
        { className: s.id === selected ? 'selected' : '' },
        el('div', {}, s.customer.name, el('span', { className: `badge ${s.status}`, textContent: s.status })),
        el('div', { className: 'meta', textContent: `${s.transport} · ${new Date(s.createdAt).toLocaleTimeString()} · ${s.transcript.length} events` }),
      );
      item.addEventListener('click', () => {
        selected = s.id;
        render();
      });
      return item;
    }),
  );
}

function describe(session, event) {
  const who = session.participants.find((p) => p.id === event.participantId);
  const name = who?.name ?? 'system';
  switch (event.kind) {
    case 'message': return [who?.role ?? 'system', name, event.text];
    case 'join': return ['system', '', `${name} (${who?.role}) joined`];
    case 'leave': return ['system', '', `${name} left`];
    case 'typing-start': return ['system', '', `${name} is typing${event.text ? `: ${event.text}` : ''}`];
    case 'typing-stop': return ['system', '', `${name} stopped typing`];
    case 'push-url': return [who?.role ?? 'system', name, `🔗 ${event.text}`];
    case 'file-uploaded': return [who?.role ?? 'system', name, `📎 ${event.text}`];
    default: return ['system', '', `${event.kind}${event.text ? `: ${event.text}` : ''}`];
  }
}

function renderDetail() {
  const session = sessions.find((s) => s.id === selected);
  $('detail').hidden = !session;
  if (!session) return;
  $('title').textContent = `${session.customer.name} · ${session.transport} · ${session.status}`;
  $('participants').textContent = session.participants.filter((p) => p.state === 'connected').map((p) => `${p.name} (${p.role})`).join(', ');
  const atBottom = $('transcript').scrollTop + $('transcript').clientHeight >= $('transcript').scrollHeight - 4;
  $('transcript').replaceChildren(
    ...session.transcript.map((event) => {
      const [kind, who, text] = describe(session, event);
      return el('div', { className: `line ${kind === 'customer' ? 'client' : kind}` }, who ? el('span', { className: 'who', textContent: who }) : '', text,
        el('span', { className: 'time', textContent: new Date(event.time).toLocaleTimeString() }));
    }),
  );
  if (atBottom) $('transcript').scrollTop = $('transcript').scrollHeight;
  $('draft').textContent = session.draft ? `customer is typing: ${session.draft}` : '';
  const rows = { ...Object.fromEntries(Object.entries(session.customer).map(([k, v]) => [`customer.${k}`, v])), ...prefixed('userData', session.userData), ...prefixed('customFields', session.customFields), ...prefixed('meta', session.meta) };
  $('data').replaceChildren(...Object.entries(rows).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: String(v) })]));
}
const prefixed = (prefix, record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [`${prefix}.${k}`, v]));

function render() {
  renderList();
  renderDetail();
}

async function refresh() {
  try {
    sessions = await api('GET', '/sessions');
    const faults = await api('GET', '/faults');
    $('faults').textContent = faults.rules.length ? faults.rules.map((r) => `${r.kind}${r.route ? `@${r.route}` : ''}×${r.count}`).join(', ') : 'no active faults';
    $('refresh-status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    render();
  } catch (error) {
    $('refresh-status').textContent = `refresh failed: ${error.message}`;
  }
}

$('fault-kind').replaceChildren(...FAULT_KINDS.map((kind) => el('option', { textContent: kind })));
$('fault').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = Object.fromEntries(new FormData(e.target));
  const rule = { kind: form.kind, count: form.count === 'Infinity' ? 'Infinity' : Number(form.count || 1), ...(form.route ? { route: form.route } : {}) };
  api('POST', '/faults', rule).then(refresh, (error) => alert(error.message));
});
$('clear-faults').addEventListener('click', () => api('DELETE', '/faults').then(refresh));
$('show-ended').addEventListener('change', render);
$('join').addEventListener('click', () => act('join', { name: $('name').value, role: $('role').value }));
$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  typing = false;
  act('messages', { text });
});
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    $('say').requestSubmit();
  }
});
let typing = false;
$('text').addEventListener('input', () => {
  const now = $('text').value !== '';
  if (now !== typing) {
    typing = now;
    act('typing', { typing: now });
  }
});
$('push-url').addEventListener('click', () => {
  const url = prompt('URL to push', 'https://example.com/help');
  if (url) act('push-url', { url });
});
$('notice').addEventListener('click', () => {
  const text = prompt('System notice', 'This chat is recorded.');
  if (text) act('notice', { text });
});
$('send-file').addEventListener('click', () => {
  const file = $('file').files[0];
  if (!file) return;
  const form = new FormData();
  form.set('file', file);
  act('files', form).then(() => ($('file').value = ''));
});
$('leave').addEventListener('click', () => act('leave'));
$('end').addEventListener('click', () => act('end'));

refresh();
setInterval(refresh, 1000);
