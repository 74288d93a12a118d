// The modern demo: a chat page on the ES module build of webchat-rx, as an app would write it.
import { createWebChatService, localStorageStorage } from '/dist/browser/webchat-rx.mjs';

const origin = location.origin;
// The playground serves all three protocols; the page picks one (remembered across reloads).
const configs = {
  'gms-v2': { dataURL: `${origin}/genesys/2/chat/customer-support` },
  // contract.md §2.1 cometD.*: the Bayeux endpoint, the service channel and the file API.
  'gms-v2-cometd': {
    cometD: { enabled: true, cometURL: `${origin}/genesys/cometd`, channel: '/service/chatV2/customer-support', apiURL: `${origin}/genesys/2/chat-ntf` },
  },
  'nexus-v3': {
    transport: { type: 'pureengage-v3-rest', dataURL: `${origin}/nexus/v3/chat/sessions`, endpoint: 'GlobalChatSwitchboard', headers: { 'x-api-key': 'playground-key' } },
  },
  'purecloud-v2': {
    transport: {
      type: 'purecloud-v2-sockets',
      dataURL: origin,
      deploymentKey: 'playground',
      orgGuid: 'playground',
      interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
    },
  },
};

const $ = (id) => document.getElementById(id);
const transport = new URLSearchParams(location.search).get('transport') ?? localStorage.getItem('playground.transport') ?? 'gms-v2';
$('transport').value = transport in configs ? transport : 'gms-v2';
$('transport').addEventListener('change', (e) => {
  localStorage.setItem('playground.transport', e.target.value);
  location.search = `?transport=${e.target.value}`;
});

// Cookies do not stick on localhost: keep the session in localStorage, one key space per transport
// so switching transports does not restore the other one's chat.
const backing = localStorageStorage();
const storage = {
  get: (name) => backing.get(`${$('transport').value}:${name}`),
  set: (name, value) => backing.set(`${$('transport').value}:${name}`, value),
  remove: (name) => backing.remove(`${$('transport').value}:${name}`),
};
const chat = createWebChatService(configs[$('transport').value], { storage });
window.chat = chat; // for the curious, in devtools

const log = (text) => {
  const line = document.createElement('div');
  line.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('log').append(line);
  $('log').scrollTop = $('log').scrollHeight;
};
// Secrets (secureKey, tokens, JWTs) never reach the log, not even the on-screen one.
const secret = /secureKey|token|jwt|clientToken|WebSocketUrl|eventStreamUri/i;
const redact = (data) => JSON.stringify(data, (key, value) => (secret.test(key) && value ? '…' : value));
const fail = (what) => (error) => log(`${what} rejected: ${typeof error === 'string' ? error : redact(error)}`);
chat.events$.subscribe(({ event, data }) => {
  if (event === 'messageReceived' || event === 'ajaxResponse') return;
  log(`${event}${data && Object.keys(data).length ? ` ${redact(data).slice(0, 120)}` : ''}`);
});

chat.state$.subscribe((state) => {
  $('status').textContent = `${state.mode} · ${state.sessionState} · ${state.connectionState}`;
  const active = state.sessionActive;
  $('start-panel').hidden = active;
  for (const id of ['message', 'send', 'end', 'file', 'upload']) $(id).disabled = !active;
  $('upload').hidden = $('file').hidden = !state.capabilities?.fileUpload;
});

chat.on('agentTypingStarted').subscribe((message) => ($('typing').textContent = `${message.from.name} is typing…`));
chat.on('agentTypingStopped').subscribe(() => ($('typing').textContent = ''));
chat.on('ended').subscribe(() => ($('typing').textContent = ''));

const line = (kind, who, text) => {
  const div = document.createElement('div');
  div.className = `line ${kind}`;
  if (who) {
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = who;
    div.append(name);
  }
  div.append(text);
  $('transcript').append(div);
  $('transcript').scrollTop = $('transcript').scrollHeight;
  return div;
};

const link = (href, text = href) => Object.assign(document.createElement('a'), { href, textContent: text, target: '_blank', rel: 'noopener' });

chat.messages$.subscribe((message) => {
  const who = message.from.name;
  const kind = message.from.type.toLowerCase();
  switch (message.type) {
    case 'Message':
      line(kind, who, message.text);
      break;
    case 'ParticipantJoined':
      line('system', '', `${who} joined`);
      break;
    case 'ParticipantLeft':
      line('system', '', `${who} left`);
      break;
    case 'PushUrl':
      line(kind, who, link(message.text));
      break;
    case 'FileUploaded': {
      const details = { ...message.userData, ...message.fileDetails };
      const fileId = details['file-id'] ?? details.fileId;
      const name = details['file-name'] ?? details.fileName ?? 'a file';
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: `download ${name}` });
      button.addEventListener('click', () => chat.downloadFile({ fileId, fileName: name }).subscribe({ error: fail('downloadFile') }));
      line(kind, who, button);
      break;
    }
    case 'TypingStarted':
    case 'TypingStopped':
      break; // shown by the typing line instead
    default:
      line('system', '', `${message.type}${message.text ? `: ${message.text}` : ''}`);
  }
});

$('start').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = Object.fromEntries(new FormData(e.target));
  $('transcript').textContent = '';
  chat.startChat({ nickname: form.nickname, email: form.email, subject: form.subject, userData: { page: 'modern demo' } }).subscribe({ error: fail('startChat') });
});

chat.registerTypingPreviewInput({ input: $('message') }).subscribe({ error: fail('registerTypingPreviewInput') });

const send = () => {
  const message = $('message').value.trim();
  if (!message) return;
  $('message').value = '';
  chat.sendMessage({ message }).subscribe({ error: fail('sendMessage') });
};
$('compose').addEventListener('submit', (e) => {
  e.preventDefault();
  send();
});
$('message').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    send();
  }
});
$('upload').addEventListener('click', () => {
  if (!$('file').files.length) return;
  chat.sendFile({ files: $('file') }).subscribe({ next: () => ($('file').value = ''), error: fail('sendFile') });
});
$('end').addEventListener('click', () => chat.endChat().subscribe({ error: fail('endChat') }));
window.addEventListener('pagehide', () => chat.destroy());
