// The website chat: deep-chat talking to Rasa's REST channel.
// No third-party requests, no cookies, no localStorage: the conversation id and
// the transcript live in sessionStorage (this tab only) and are wiped by
// "Clear conversation" and by the quick exit, which also delete it from the server.

const config = JSON.parse(document.getElementById('helper-config').textContent);
const params = new URLSearchParams(location.search);
const framed = window.parent !== window;
const embedded = framed && params.get('embed') === '1';
const KEYS = { sender: 'helper.sender', transcript: 'helper.transcript', active: 'helper.lastActive' };

let exitUrl = config.exitUrl;
if (embedded) {
  // The embedding page may choose its own neutral site and title (see embed.js).
  const exit = params.get('exit');
  if (exit && /^https?:\/\//i.test(exit)) exitUrl = exit;
  const title = (params.get('title') || '').trim().slice(0, 80);
  if (title) document.querySelector('.site-name').textContent = title;
  document.documentElement.classList.add('embedded');
}

// ---------------------------------------------------------------- quick exit

// Deletes the conversation from the server too (channels/forget.py). Fire and forget:
// leaving must never wait for the network.
function forgetOnServer() {
  const sender = readStore(KEYS.sender, null);
  if (!sender) return;
  try {
    fetch(config.webhook, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sender, message: '/forget_conversation' }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      keepalive: true,
    }).catch(() => { /* offline: the retention job deletes it later */ });
  } catch { /* as above */ }
}

function quickExit(event) {
  if (event) event.preventDefault();
  forgetOnServer();
  memory.clear();
  try { sessionStorage.clear(); } catch { /* storage blocked: only memory held the conversation */ }
  document.title = '';
  document.body.replaceChildren();
  if (!embedded) {
    location.replace(exitUrl);
    return;
  }
  // embed.js on the embedding page takes the whole page away; if it is not
  // there, leave from the top window ourselves, or at least from this frame.
  try { window.parent.postMessage({ type: 'helper:quick-exit', url: exitUrl }, '*'); } catch { /* ignore */ }
  setTimeout(() => {
    try { window.top.location.replace(exitUrl); } catch { location.replace(exitUrl); }
  }, 300);
}

document.getElementById('quick-exit').addEventListener('click', quickExit);
if (embedded) {
  window.parent.postMessage({ type: 'helper:ready', url: exitUrl }, '*');
  // Esc pressed on the embedding page: embed.js asks this frame to wipe the conversation and leave.
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data && event.data.type === 'helper:quick-exit-request') quickExit();
  });
}
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.isComposing) quickExit(event);
}, true);

// ---------------------------------------------------------------- storage

// sessionStorage, or memory when the browser refuses it (e.g. a third-party
// frame with third-party storage blocked): then the chat lasts as long as the page.
const memory = new Map();
function session() {
  try { return window.sessionStorage; } catch { return null; }
}

function readStore(key, fallback) {
  try {
    const s = session();
    const value = s ? s.getItem(key) : (memory.has(key) ? memory.get(key) : null);
    return value === null ? fallback : JSON.parse(value);
  } catch { return fallback; }
}

function writeStore(key, value) {
  const text = JSON.stringify(value);
  memory.set(key, text);
  try { const s = session(); if (s) s.setItem(key, text); } catch { /* full: memory keeps it */ }
}

function forget(key) {
  memory.delete(key);
  try { const s = session(); if (s) s.removeItem(key); } catch { /* ignore */ }
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function startConversation() {
  for (const key of Object.values(KEYS)) forget(key);
  writeStore(KEYS.sender, newId());
  writeStore(KEYS.transcript, []);
}

function record(entry) {
  const transcript = readStore(KEYS.transcript, []);
  transcript.push(entry);
  writeStore(KEYS.transcript, transcript);
  writeStore(KEYS.active, Date.now());
}

// A conversation left longer than Rasa's session expiry starts again, as on the server.
const lastActive = readStore(KEYS.active, 0);
if (!readStore(KEYS.sender, null) || (lastActive && Date.now() - lastActive > config.sessionMinutes * 60000)) {
  startConversation();
}

// ---------------------------------------------------------------- rendering

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => (
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// Bare http(s) links, without the punctuation that ends a sentence around them.
function linkify(text) {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/gi)) {
    let url = match[0];
    while (/[.,;:!?'"\]]$/.test(url) || (url.endsWith(')') && (url.match(/\(/g) || []).length < (url.match(/\)/g) || []).length)) {
      url = url.slice(0, -1);
    }
    out += escapeHtml(text.slice(last, match.index));
    out += `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(url)}<span class="visually-hidden"> (opens in a new tab)</span></a>`;
    last = match.index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

// Rasa's text: paragraphs, "- " bullet lists and "1. " numbered lists.
function renderText(text) {
  const html = [];
  for (const block of String(text).split(/\n{2,}/)) {
    let list = null;
    let para = [];
    const flushPara = () => { if (para.length) html.push(`<p>${para.join('<br>')}</p>`); para = []; };
    const flushList = () => { if (list) html.push(`<${list.tag}${list.start}>${list.items.join('')}</${list.tag}>`); list = null; };
    for (const line of block.split('\n')) {
      const bullet = line.match(/^\s*[-•*]\s+(.*)$/);
      const number = line.match(/^\s*(\d+)[.)]\s+(.*)$/);
      const tag = bullet ? 'ul' : number ? 'ol' : null;
      if (tag) {
        flushPara();
        if (!list || list.tag !== tag) {
          flushList();
          list = { tag, start: number && number[1] !== '1' ? ` start="${Number(number[1])}"` : '', items: [] };
        }
        list.items.push(`<li>${linkify(bullet ? bullet[1] : number[2])}</li>`);
      } else if (line.trim()) {
        flushList();
        para.push(linkify(line));
      }
    }
    flushPara();
    flushList();
  }
  return html.join('');
}

function renderButtons(buttons) {
  const items = buttons.filter((b) => b && b.title).map((b) => (
    `<button type="button" class="rasa-button" data-payload="${escapeHtml(b.payload || b.title)}">${escapeHtml(b.title)}</button>`));
  return items.length ? `<div class="rasa-buttons" role="group" aria-label="Suggested replies">${items.join('')}</div>` : '';
}

function renderChecklist(checklist) {
  const title = checklist.title || 'Your checklist';
  const steps = checklist.steps.map((s) => `<li>${renderText(s).replace(/^<p>([\s\S]*)<\/p>$/, '$1')}</li>`).join('');
  return `<section class="checklist" aria-label="${escapeHtml(title)}">`
    + `<h3 class="checklist-title">${escapeHtml(title)}</h3>`
    + `<ol class="checklist-steps">${steps}</ol>`
    + '<button type="button" class="checklist-print">Print / save as PDF</button>'
    + '</section>';
}

const isChecklist = (m) => m && m.custom && m.custom.checklist && Array.isArray(m.custom.checklist.steps);

// One bot turn (Rasa's list of messages) as deep-chat messages.
function toChatMessages(replies) {
  const out = [];
  replies.forEach((m, i) => {
    if (isChecklist(m)) {
      out.push({ role: 'ai', html: renderChecklist(m.custom.checklist) });
      return;
    }
    let text = m.text || '';
    const next = replies[i + 1];
    // The checklist comes twice: as numbered text, then as the custom payload. Show the list once.
    if (isChecklist(next) && text.startsWith(`${next.custom.checklist.title || ''}:`)) text = '';
    const html = (text ? renderText(text) : '') + (m.buttons && m.buttons.length ? renderButtons(m.buttons) : '');
    if (html) out.push({ role: 'ai', html });
  });
  return out;
}

function historyMessages() {
  const messages = [];
  for (const entry of readStore(KEYS.transcript, [])) {
    if (entry.role === 'user') messages.push({ role: 'user', text: entry.text });
    else if (entry.role === 'bot') messages.push(...toChatMessages(entry.messages || []));
  }
  return messages;
}

// ---------------------------------------------------------------- announcements

const announcer = document.getElementById('announcer');
function announce(text) {
  // Emptied first so the same words said twice are still read out.
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 100);
}

function announceReplies(replies) {
  const text = replies.filter((m) => !isChecklist(m)).map((m) => m.text).filter(Boolean).join('\n');
  if (text) announce(`Helper: ${text}`);
}

const unavailable = () => (
  `Sorry, the helper isn't answering right now. Please try again in a minute. `
  + `If you're in danger now, call ${config.emergencyPhone}. Samaritans are free on ${config.samaritansPhone}, day or night.`);

// ---------------------------------------------------------------- talking to Rasa

async function ask(message) {
  const response = await fetch(config.webhook, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sender: readStore(KEYS.sender, null), message }),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  // 429: too many messages too fast; its body is the kind reply, shown like any other.
  if (!response.ok && response.status !== 429) throw new Error(`Rasa answered ${response.status}`);
  const replies = await response.json();
  if (!Array.isArray(replies)) throw new Error('unexpected reply');
  record({ role: 'bot', messages: replies });
  announceReplies(replies);
  return replies;
}

// A button's click sends its title to deep-chat (shown as the person's message);
// the handler then sends the button's payload to Rasa instead of the title.
let pendingButton = null;

async function handler(body, signals) {
  const typed = (body && body.messages && body.messages[0] && body.messages[0].text) || '';
  let message = typed;
  if (pendingButton && pendingButton.title === typed) message = pendingButton.payload;
  pendingButton = null;
  if (!readStore(KEYS.sender, null)) startConversation();
  record({ role: 'user', text: typed });
  try {
    const messages = toChatMessages(await ask(message));
    await signals.onResponse(messages.length ? messages : [{ role: 'ai', text: "I'm here. Could you say that another way?" }]);
  } catch {
    announce(unavailable());
    await signals.onResponse({ role: 'ai', html: `<p class="notice">${escapeHtml(unavailable())}</p>` });
  }
}

// ---------------------------------------------------------------- the widget

const printArea = document.getElementById('print-area');

function printChecklist(event) {
  const section = event.target.closest('.checklist');
  if (!section) return;
  const heading = document.createElement('h1');
  heading.textContent = section.querySelector('.checklist-title').textContent;
  const list = document.importNode(section.querySelector('.checklist-steps'), true);
  const note = document.createElement('p');
  note.textContent = document.querySelector('.danger-line').textContent;
  printArea.replaceChildren(heading, list, note);
  window.print();
}

function onButton(event) {
  const button = event.target.closest('.rasa-button');
  if (!button) return;
  pendingButton = { title: button.textContent, payload: button.dataset.payload };
  chat.submitUserMessage({ text: button.textContent });
}

const PALETTE = { text: '#1f2a2e', accent: '#1d5c57', soft: '#e6f0ee', border: '#cfdcd9', focus: '#b4430c' };

// Styles inside deep-chat's shadow root, for the HTML this script renders.
const SHADOW_CSS = `
  .html-message, .text-message { font-size: 1rem; line-height: 1.5; }
  p { margin: 0 0 0.6em; } p:last-child { margin-bottom: 0; }
  ul, ol { margin: 0.2em 0 0.6em; padding-left: 1.4em; } li { margin: 0.25em 0; }
  a { color: ${PALETTE.accent}; text-decoration: underline; overflow-wrap: anywhere; }
  a:hover { text-decoration-thickness: 2px; }
  .rasa-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
  .rasa-button, .checklist-print {
    font: inherit; font-size: 0.95rem; line-height: 1.3; cursor: pointer; text-align: left;
    min-height: 44px; padding: 0.55rem 0.9rem; border-radius: 1.4rem;
    color: ${PALETTE.accent}; background: #fff; border: 2px solid ${PALETTE.accent};
  }
  .rasa-button:hover, .checklist-print:hover { background: ${PALETTE.soft}; }
  .checklist-print { color: #fff; background: ${PALETTE.accent}; margin-top: 0.5rem; }
  .checklist-print:hover { background: #174b47; }
  a:focus-visible, button:focus-visible, [role="button"]:focus-visible, #text-input:focus-visible {
    outline: 3px solid ${PALETTE.focus}; outline-offset: 2px;
  }
  .checklist-title { font-size: 1.1rem; margin: 0 0 0.4rem; }
  .checklist-steps { padding-left: 1.6em; }
  .checklist-steps li { margin: 0.5em 0; padding-left: 0.2em; }
  .notice { color: #7a2e0e; }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
  }
`;

let chat;
let greeted = false;

async function greet() {
  try {
    const messages = toChatMessages(await ask('/greet'));
    for (const message of messages) chat.addMessage(message);
  } catch {
    announce(unavailable());
    chat.addMessage({ role: 'ai', html: `<p class="notice">${escapeHtml(unavailable())}</p>` });
  }
}

// deep-chat's own controls, made clearer for screen readers and keyboards.
// deep-chat may rebuild its inner elements, so this runs again whenever they change.
function improveAccessibility() {
  const root = chat.shadowRoot;
  if (!root) return;
  const input = root.getElementById('text-input');
  if (input && !input.hasAttribute('aria-multiline')) {
    input.setAttribute('role', 'textbox');
    input.setAttribute('aria-multiline', 'true');
  }
  for (const button of root.querySelectorAll('.input-button:not([aria-label])')) {
    button.setAttribute('aria-label', 'Send');
  }
  const messages = root.getElementById('messages');
  if (messages && !messages.hasAttribute('role')) {
    messages.setAttribute('role', 'log');
    messages.setAttribute('aria-label', 'Conversation');
    // The visually-hidden announcer reads new messages out; the log itself stays quiet so nothing is read twice.
    messages.setAttribute('aria-live', 'off');
    messages.setAttribute('tabindex', '0');
  }
}

function clearConversation() {
  forgetOnServer();
  startConversation();
  pendingButton = null;
  printArea.replaceChildren();
  chat.clearMessages();
  announce('Conversation cleared. A new conversation has started.');
  greet();
}

async function mount() {
  await customElements.whenDefined('deep-chat');
  chat = document.createElement('deep-chat');
  chat.id = 'chat';
  // A font other than deep-chat's default stops it asking Google Fonts for Inter.
  chat.style.fontFamily = getComputedStyle(document.body).fontFamily;
  chat.style.display = 'block';
  chat.style.width = '100%';
  chat.connect = { handler };
  chat.requestBodyLimits = { maxMessages: 1 };
  chat.history = historyMessages();
  chat.chatStyle = {
    width: '100%', height: '100%', border: '0px solid transparent', borderRadius: '0', backgroundColor: '#ffffff',
    fontFamily: chat.style.fontFamily, fontSize: '1rem', color: PALETTE.text,
  };
  chat.messageStyles = {
    default: {
      shared: { bubble: { maxWidth: '88%', padding: '0.7rem 0.9rem', borderRadius: '1rem', lineHeight: '1.5', fontSize: '1rem' } },
      user: { bubble: { backgroundColor: PALETTE.accent, color: '#ffffff' } },
      ai: { bubble: { backgroundColor: '#f3efe9', color: PALETTE.text } },
    },
    html: {
      shared: { bubble: { maxWidth: '88%', padding: '0.7rem 0.9rem', borderRadius: '1rem', lineHeight: '1.5', fontSize: '1rem' } },
      ai: { bubble: { backgroundColor: '#f3efe9', color: PALETTE.text } },
    },
  };
  chat.textInput = {
    characterLimit: 1000,
    placeholder: { text: 'Type your message', style: { color: '#5b6669' } },
    styles: {
      container: { border: `2px solid ${PALETTE.border}`, borderRadius: '1.2rem', backgroundColor: '#ffffff', boxShadow: 'none', width: 'calc(100% - 7rem)' },
      focus: { border: `2px solid ${PALETTE.accent}` },
      text: { fontSize: '1rem', color: PALETTE.text, padding: '0.6rem 0.8rem' },
    },
  };
  const sendButton = (background) => ({
    container: { default: { backgroundColor: background, borderRadius: '50%', width: '2.5rem', height: '2.5rem', padding: '0.5rem', boxSizing: 'border-box', marginLeft: '0.5rem', marginRight: '0.75rem' } },
    svg: { styles: { default: { filter: 'brightness(0) invert(1)' } } },
  });
  chat.submitButtonStyles = { position: 'outside-end', submit: sendButton(PALETTE.accent), disabled: sendButton('#7d9f9b') };
  chat.errorMessages = { displayServiceErrorMessages: false, overrides: { default: unavailable() } };
  chat.auxiliaryStyle = SHADOW_CSS;
  chat.onComponentRender = () => {
    if (greeted) return;
    greeted = true;
    improveAccessibility();
    new MutationObserver(improveAccessibility).observe(chat.shadowRoot, { childList: true, subtree: true });
    // One listener for every button the bot's messages hold, old and new.
    chat.shadowRoot.addEventListener('click', (event) => {
      if (event.target.closest('.rasa-button')) onButton(event);
      else if (event.target.closest('.checklist-print')) printChecklist(event);
    });
    if (!readStore(KEYS.transcript, []).length) greet();
  };
  const slot = document.getElementById('chat-slot');
  slot.replaceChildren(chat);
  document.getElementById('clear-conversation').addEventListener('click', clearConversation);
}

mount();
