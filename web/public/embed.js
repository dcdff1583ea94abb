/*
 * Puts the helper chat on another site: paste one script tag, e.g.
 *
 *   <script src="https://helper.example.org/embed.js" data-title="Get help" defer></script>
 *
 * Options (all optional), as data- attributes on that script tag:
 *   data-title        the chat's title (default "Helper")
 *   data-button-text  the text of the button that opens the chat (default "Talk to the helper")
 *   data-exit-url     where "Leave this site quickly" and Esc go (default: the helper server's EXIT_URL)
 *   data-position     "right" (default) or "left"
 *   data-open         "true" to open the chat when the page loads
 *
 * The chat runs in a frame served by the helper's own server, so the embedding
 * site never sees the conversation and the helper's server must list the site
 * in FRAME_ANCESTORS. The quick exit leaves the whole page, not just the frame.
 */
(() => {
  const script = document.currentScript;
  if (!script || window.__helperEmbedLoaded) return;
  window.__helperEmbedLoaded = true;

  const origin = new URL(script.src, location.href).origin;
  const data = script.dataset;
  const title = (data.title || 'Helper').slice(0, 80);
  const buttonText = data.buttonText || 'Talk to the helper';
  const exitUrl = /^https?:\/\//i.test(data.exitUrl || '') ? data.exitUrl : '';
  const side = data.position === 'left' ? 'left' : 'right';

  const host = document.createElement('div');
  host.setAttribute('data-helper-embed', '');
  const root = host.attachShadow({ mode: 'open' });
  const css = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .launcher, .close {
      font: 600 1rem/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
      cursor: pointer; border: 0; min-height: 48px;
    }
    .launcher {
      position: fixed; bottom: 1rem; ${side}: 1rem; z-index: 2147483000;
      padding: 0.75rem 1.1rem; border-radius: 1.5rem; color: #fff; background: #1d5c57;
      box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
    }
    .launcher:hover { background: #174b47; }
    .panel {
      position: fixed; bottom: 1rem; ${side}: 1rem; z-index: 2147483001;
      width: min(26rem, calc(100vw - 2rem)); height: min(44rem, calc(100vh - 2rem));
      display: flex; flex-direction: column; background: #fff; border-radius: 1rem; overflow: hidden;
      box-shadow: 0 4px 24px rgba(0, 0, 0, 0.3);
    }
    .panel[hidden] { display: none; }
    .bar { display: flex; justify-content: flex-end; background: #1d5c57; }
    .close { color: #fff; background: transparent; padding: 0 1rem; }
    .close:hover { text-decoration: underline; }
    iframe { flex: 1; width: 100%; border: 0; }
    :focus-visible { outline: 3px solid #b4430c; outline-offset: 2px; }
    @media (max-width: 30em) {
      .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
    }
  `;
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.textContent = buttonText;
  launcher.setAttribute('aria-expanded', 'false');

  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);

  const bar = document.createElement('div');
  bar.className = 'bar';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.textContent = 'Close chat';
  bar.appendChild(close);
  panel.appendChild(bar);

  let frame = null;
  // The exit URL the helper's server chose, told by the frame when it loads.
  let frameExitUrl = '';
  let leaving = false;
  function open() {
    if (!frame) {
      // Loaded on first open only: nothing is sent to the helper before someone asks for it.
      const src = new URL('/', origin);
      src.searchParams.set('embed', '1');
      src.searchParams.set('title', title);
      if (exitUrl) src.searchParams.set('exit', exitUrl);
      frame = document.createElement('iframe');
      frame.title = title;
      frame.src = src.href;
      frame.referrerPolicy = 'no-referrer';
      frame.allow = 'clipboard-write';
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function hide() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }
  function leave(url) {
    // The page's own history entry is replaced, so Back does not come back here.
    leaving = true;
    host.remove();
    location.replace(url || frameExitUrl || 'https://www.bbc.co.uk/weather');
  }

  launcher.addEventListener('click', open);
  close.addEventListener('click', hide);
  window.addEventListener('message', (event) => {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    const message = event.data || {};
    const url = /^https?:\/\//i.test(message.url || '') ? message.url : '';
    if (message.type === 'helper:ready' && url) frameExitUrl = url;
    if (message.type === 'helper:quick-exit') leave(exitUrl || url || frameExitUrl);
  });
  // Esc on the embedding page leaves too, while the chat is open (inside the frame the chat handles it).
  // The frame is asked to wipe its conversation first; it answers with helper:quick-exit at once.
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.isComposing || panel.hidden || !frame || leaving) return;
    event.preventDefault();
    leaving = true;
    frame.contentWindow.postMessage({ type: 'helper:quick-exit-request' }, origin);
    setTimeout(() => leave(exitUrl || frameExitUrl || 'https://www.bbc.co.uk/weather'), 400);
  }, true);

  root.append(launcher, panel);
  const mount = () => {
    document.body.appendChild(host);
    if (data.open === 'true') open();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
