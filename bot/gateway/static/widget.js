/* LightMarket support chat widget (docs/protocol.md, customer websocket).
 * Embed with one tag: <script src="https://HOST/widget.js" async data-lang="ru"></script>
 * Options (data- attributes): server, lang, title, subtitle, color, greeting, name, email,
 * position (right|left), transport (auto|polling).
 * No dependencies. Text from the bot, agents and customers only ever reaches the page through
 * textContent and DOM nodes: nothing is ever parsed as HTML. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || window.LightChat) return;

  // Filled in by the gateway when it serves this file (the longest message it accepts).
  const MAX_CHARS = Number("__LM_MAX_CHARS__") || 2000;
  const BACKOFF_BASE_MS = 500;
  const BACKOFF_MAX_MS = 20000;
  const FAILURES_BEFORE_POLLING = 3;
  const PING_EVERY_MS = 25000;
  const PONG_WAIT_MS = 10000;
  const HELLO_WAIT_MS = 10000;
  const SLOW_SEND_MS = 15000;
  const TYPING_MAX_MS = 30000;
  const LINK_SCHEMES = ["http:", "https:", "mailto:", "tel:"];

  const TEXTS = {
    ru: {
      title: "Поддержка Лайтмаркета",
      subtitle: "Обычно отвечаем за минуту",
      agentSubtitle: "Оператор {name}",
      greeting: "Здравствуйте! Чем можем помочь?",
      open: "Открыть чат поддержки",
      openUnread: "Открыть чат поддержки, непрочитанных сообщений: {n}",
      close: "Свернуть чат",
      hideBanner: "Скрыть объявление",
      newChat: "Новый разговор",
      newChatDone: "Начат новый разговор.",
      erase: "Удалить переписку",
      eraseConfirm: "Удалить эту переписку? Восстановить её будет нельзя, а помощник забудет разговор.",
      erased: "Переписка удалена.",
      placeholder: "Напишите сообщение…",
      inputLabel: "Ваше сообщение",
      send: "Отправить",
      log: "Сообщения чата",
      you: "Вы",
      bot: "Помощник",
      agent: "оператор",
      sending: "отправляется…",
      failed: "Не отправлено.",
      retry: "Повторить",
      reconnecting: "Нет связи с сервером, переподключаемся…",
      polling: "Работаем в режиме совместимости.",
      typingBot: "Помощник печатает…",
      typingAgent: "{name} печатает…",
      article: "Статья из справки",
      readArticle: "Читать статью",
      newTab: "(откроется в новой вкладке)",
      quickReplies: "Варианты ответа",
      tooLong: "Сообщение длиннее {limit} символов — сократите его, пожалуйста, или разбейте на части.",
      counter: "{n} из {limit}",
      said: "{who}: {text}",
      errors: {
        message_too_long: "Сообщение слишком длинное. Сократите его, пожалуйста.",
        empty_message: "Сообщение пустое. Напишите, пожалуйста, ваш вопрос.",
        rate_limited: "Слишком много сообщений подряд. Подождите несколько секунд и повторите.",
        bot_unavailable: "Помощник временно не может ответить. Ваше сообщение сохранено — попробуйте через пару минут или оставьте здесь email или телефон, и сотрудник поддержки свяжется с вами.",
        other: "Что-то пошло не так. Попробуйте, пожалуйста, ещё раз.",
      },
    },
    en: {
      title: "LightMarket support",
      subtitle: "We usually reply within a minute",
      agentSubtitle: "{name}, support agent",
      greeting: "Hello! How can we help?",
      open: "Open the support chat",
      openUnread: "Open the support chat, unread messages: {n}",
      close: "Minimise the chat",
      hideBanner: "Hide this notice",
      newChat: "New conversation",
      newChatDone: "A new conversation has started.",
      erase: "Delete this conversation",
      eraseConfirm: "Delete this conversation? It can't be restored, and the assistant will forget it.",
      erased: "The conversation has been deleted.",
      placeholder: "Type a message…",
      inputLabel: "Your message",
      send: "Send",
      log: "Chat messages",
      you: "You",
      bot: "Assistant",
      agent: "support agent",
      sending: "sending…",
      failed: "Not sent.",
      retry: "Retry",
      reconnecting: "No connection to the server, reconnecting…",
      polling: "Running in compatibility mode.",
      typingBot: "The assistant is typing…",
      typingAgent: "{name} is typing…",
      article: "Help article",
      readArticle: "Read the article",
      newTab: "(opens in a new tab)",
      quickReplies: "Suggested replies",
      tooLong: "The message is over {limit} characters. Please shorten it or split it into parts.",
      counter: "{n} of {limit}",
      said: "{who}: {text}",
      errors: {
        message_too_long: "The message is too long. Please shorten it.",
        empty_message: "The message is empty. Please type your question.",
        rate_limited: "Too many messages in a row. Please wait a few seconds and try again.",
        bot_unavailable: "The assistant can't answer right now. Your message is saved — try again in a couple of minutes, or leave your email or phone here and a member of our support team will get back to you.",
        other: "Something went wrong. Please try again.",
      },
    },
  };

  // ---- options -------------------------------------------------------------------------------

  function readOptions(tag) {
    const data = tag.dataset;
    const pageLang = (document.documentElement.lang || "").toLowerCase();
    const lang = (data.lang || pageLang).toLowerCase().startsWith("en") ? "en" : "ru";
    const server = (data.server || new URL(tag.src, location.href).origin).replace(/\/+$/, "");
    return {
      server,
      lang,
      title: data.title || TEXTS[lang].title,
      subtitle: data.subtitle || TEXTS[lang].subtitle,
      // What the page set itself stays as it is when the labels follow the customer's language.
      ownTitle: Boolean(data.title),
      ownSubtitle: Boolean(data.subtitle),
      color: data.color || "",
      greeting: data.greeting === undefined ? TEXTS[lang].greeting : data.greeting,
      name: data.name || "",
      email: data.email || "",
      position: data.position === "left" ? "left" : "right",
      polling: data.transport === "polling",
    };
  }

  const options = readOptions(script);
  let T = TEXTS[options.lang];

  // ---- the customer's language: the labels follow it once they write ------------------------
  // The page's language until the customer writes; then the language of what they write, by the
  // rules of the bot's own guesser (retrieval/language.py) in small: words, not letters; a word
  // with a Cyrillic letter is Russian; Latin words vote when they are common English words or
  // common Russian words typed in Latin ("privet, ne prihodit kod" is Russian); words with digits,
  // "@" or "/" and "ok" say nothing. The bot answers in the same language.
  const ENGLISH_WORDS = new Set(
    ("the a an i you my me is are was it to of in on for with and or not no yes do does did can " +
      "could how what where when why which who this that have has order hi hello hey thanks thank " +
      "please help want need get got card payment account delivery refund return app code password " +
      "again still just will would there your from at by be but if so about any some cant dont " +
      "didnt doesnt isnt im ive its whats wrong working work sign log arrived item money back").split(" "),
  );
  const RUSSIAN_LATIN_WORDS = new Set(
    ("privet zdravstvuyte zdravstvuite zdrasti zdraste dobryi dobriy den spasibo spasib pozhaluysta " +
      "pozhalujsta pozhalusta zakaz zakaza zakazal zakazala ne net da kak gde chto pochemu kogda mne " +
      "menya u ya moy moi moya moe eto est uzhe eshe eshche dostavka dostavku oplata oplatit oplatu " +
      "vozvrat vernut kod prilozhenie hochu mogu nuzhno nado tovar dengi karta kartu parol akkaunt " +
      "voiti voyti vojti prishel prishlo prihodit rabotaet pomogite podskazhite skolko mozhno nomer " +
      "zdes tut vy vas vam ili esli kuda kurer ochen tolko sejchas seychas ne rabotaet problema vopros " +
      "spisali spisalis zabyl zabyla otmenit poluchil poluchila pochta kakoy kakoi kakaya").split(" "),
  );

  function guessLanguage(text) {
    let russian = 0;
    let english = 0;
    for (const raw of text.toLowerCase().split(/\s+/)) {
      if (!raw || /[\d@/]/.test(raw)) continue;
      const word = raw.replace(/[^a-zа-яё']/g, "").replace(/'/g, "");
      if (!word || word === "ok" || word === "ок" || word === "okay") continue;
      if (/[а-яё]/.test(word)) russian += 1;
      else if (RUSSIAN_LATIN_WORDS.has(word)) russian += 1;
      else if (ENGLISH_WORDS.has(word)) english += 1;
    }
    if (!russian && !english) return null;
    return russian >= english ? "ru" : "en";
  }

  function useLanguage(lang) {
    const before = TEXTS[options.lang];
    options.lang = lang;
    T = TEXTS[lang];
    if (!options.ownTitle) options.title = T.title;
    if (!options.ownSubtitle) options.subtitle = T.subtitle;
    if (options.greeting === before.greeting) options.greeting = T.greeting;
  }
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));

  // ---- small DOM helpers ---------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    close: "M6 6l12 12M18 6L6 18",
    fresh: "M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4",
    erase: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
    send: "M3 11l18-8-8 18-2-8-8-2z",
  };

  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function randomHex(bytes) {
    const values = crypto.getRandomValues(new Uint8Array(bytes));
    return Array.from(values, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const newConversationId = () => "w-" + randomHex(16);
  const newClientId = () => "c-" + randomHex(10);

  // ---- safe Markdown subset: **bold**, *italic* / _italic_, [text](url), bare links, lists ----

  const INLINE =
    /\*\*([^*]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)|(^|[^\w*])\*([^*\n]+)\*|(^|[^\w])_([^_\n]+)_/g;

  function safeUrl(raw) {
    try {
      const url = new URL(raw, location.href);
      return LINK_SCHEMES.includes(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function link(href, label) {
    const a = el("a", "lm-link", label);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function inline(text, parent) {
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      let start = match.index;
      let node;
      if (match[1] !== undefined) {
        node = el("strong");
        inline(match[1], node);
      } else if (match[2] !== undefined) {
        const href = safeUrl(match[3]);
        node = href ? link(href, match[2]) : document.createTextNode(match[0]);
      } else if (match[4] !== undefined) {
        // A sentence's full stop or closing bracket is not part of the link.
        const url = match[4].replace(/[.,;:!?)»"']+$/, "");
        const href = safeUrl(url);
        node = href ? link(href, url) : document.createTextNode(url);
        parent.append(text.slice(last, start), node);
        last = start + url.length;
        continue;
      } else {
        const lead = match[5] !== undefined ? match[5] : match[7];
        const body = match[5] !== undefined ? match[6] : match[8];
        start += lead.length;
        node = el("em");
        inline(body, node);
      }
      parent.append(text.slice(last, start), node);
      last = match.index + match[0].length;
    }
    parent.append(text.slice(last));
  }

  function markdown(text) {
    const out = document.createDocumentFragment();
    let list = null;
    let paragraph = null;
    for (const line of String(text).split(/\r?\n/)) {
      const item = /^\s*(?:([-*•])|(\d+)[.)])\s+(.*)$/.exec(line);
      if (item) {
        const kind = item[1] ? "UL" : "OL";
        if (!list || list.tagName !== kind) {
          list = el(kind.toLowerCase(), "lm-md-list");
          out.appendChild(list);
        }
        const li = el("li");
        inline(item[3], li);
        list.appendChild(li);
        paragraph = null;
        continue;
      }
      list = null;
      if (!line.trim()) {
        paragraph = null;
        continue;
      }
      if (paragraph) paragraph.appendChild(el("br"));
      else paragraph = out.appendChild(el("p", "lm-md-p"));
      inline(line, paragraph);
    }
    return out;
  }

  // ---- session in localStorage: the conversation id, the last message seen, open or not ------

  const STORE_KEY = "lm-chat:" + options.server;

  function loadSession() {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {};
    } catch (error) {
      saved = {};
    }
    const valid = typeof saved.conversation === "string" && /^w-[0-9a-f]{32}$/.test(saved.conversation);
    return {
      conversation: valid ? saved.conversation : newConversationId(),
      seen: valid && Number.isInteger(saved.seen) ? saved.seen : 0,
      open: Boolean(saved.open),
      lang: saved.lang === "ru" || saved.lang === "en" ? saved.lang : null,
    };
  }

  function saveSession() {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(session));
    } catch (error) {
      // Private mode or a full quota: the chat works, it just won't survive a reload.
    }
  }

  const session = loadSession();
  saveSession();
  if (session.lang && session.lang !== options.lang) useLanguage(session.lang);

  // ---- colours: the customer's brand colour with a text colour that keeps WCAG AA -----------

  function luminance(hex) {
    const m = /^#?([0-9a-f]{6})$/i.exec(hex);
    if (!m) return null;
    const channels = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function textOn(hex) {
    const l = luminance(hex);
    if (l === null) return null;
    const onWhite = 1.05 / (l + 0.05);
    const onDark = (l + 0.05) / (luminance("#111111") + 0.05);
    return onWhite >= onDark ? "#ffffff" : "#111111";
  }

  // ---- the view ------------------------------------------------------------------------------

  const host = el("div");
  host.id = "lightchat";
  host.hidden = true; // shown once the stylesheet has loaded: no flash of unstyled content
  const root = host.attachShadow({ mode: "open" });
  const sheet = el("link");
  sheet.rel = "stylesheet";
  sheet.href = options.server + "/widget.css";
  root.appendChild(sheet);
  if (textOn(options.color)) {
    host.style.setProperty("--lm-brand", options.color);
    host.style.setProperty("--lm-on-brand", textOn(options.color));
  }

  const shell = el("div", "lm-root lm-" + options.position);
  shell.lang = options.lang;
  const launcher = el("button", "lm-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-controls", "lm-panel");
  const badge = el("span", "lm-badge");
  badge.hidden = true;
  badge.setAttribute("aria-hidden", "true");
  launcher.append(icon("chat"), badge);

  const panel = el("section", "lm-panel");
  panel.id = "lm-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "lm-title");

  const header = el("header", "lm-header");
  const avatar = el("span", "lm-avatar");
  avatar.setAttribute("aria-hidden", "true");
  avatar.appendChild(icon("chat"));
  const heading = el("div", "lm-heading");
  const title = el("h2", "lm-title", options.title);
  title.id = "lm-title";
  const subtitle = el("p", "lm-subtitle", options.subtitle);
  heading.append(title, subtitle);
  const freshButton = el("button", "lm-icon-button lm-new");
  freshButton.type = "button";
  freshButton.title = T.newChat;
  freshButton.setAttribute("aria-label", T.newChat);
  freshButton.appendChild(icon("fresh"));
  const eraseButton = el("button", "lm-icon-button lm-erase");
  eraseButton.type = "button";
  eraseButton.title = T.erase;
  eraseButton.setAttribute("aria-label", T.erase);
  eraseButton.appendChild(icon("erase"));
  const closeButton = el("button", "lm-icon-button lm-close");
  closeButton.type = "button";
  closeButton.title = T.close;
  closeButton.setAttribute("aria-label", T.close);
  closeButton.appendChild(icon("close"));
  header.append(avatar, heading, eraseButton, freshButton, closeButton);

  const banner = el("div", "lm-banner");
  banner.hidden = true;
  banner.setAttribute("role", "status");
  const bannerText = el("p", "lm-banner-text");
  const bannerClose = el("button", "lm-banner-close");
  bannerClose.type = "button";
  bannerClose.title = T.hideBanner;
  bannerClose.setAttribute("aria-label", T.hideBanner);
  bannerClose.appendChild(icon("close"));
  banner.append(bannerText, bannerClose);
  const status = el("p", "lm-status");
  status.setAttribute("role", "status");
  status.hidden = true;

  const log = el("div", "lm-log");
  log.tabIndex = 0; // scrollable with the keyboard
  log.setAttribute("aria-label", T.log);
  const list = el("ol", "lm-list");
  const typing = el("p", "lm-typing");
  typing.hidden = true;
  typing.append(el("span", "lm-dots"), el("span", "lm-typing-text"));
  log.append(list, typing);

  const composer = el("form", "lm-composer");
  composer.noValidate = true;
  const inputId = "lm-input";
  const label = el("label", "lm-sr", T.inputLabel);
  label.htmlFor = inputId;
  const input = el("textarea", "lm-input");
  input.id = inputId;
  input.rows = 1;
  input.placeholder = T.placeholder;
  const sendButton = el("button", "lm-send");
  sendButton.type = "submit";
  sendButton.setAttribute("aria-label", T.send);
  sendButton.appendChild(icon("send"));
  const note = el("p", "lm-note");
  note.setAttribute("role", "alert");
  note.hidden = true;
  composer.append(label, input, sendButton, note);

  const announcer = el("div", "lm-sr");
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("aria-atomic", "false");

  panel.append(header, banner, status, log, composer, announcer);
  shell.append(panel, launcher);
  root.appendChild(shell);

  sheet.addEventListener("load", () => {
    host.hidden = false;
    performance.mark("lightchat:launcher-visible");
  });
  sheet.addEventListener("error", () => console.warn("lightchat: widget.css did not load"));
  (document.body || document.documentElement).appendChild(host);

  // ---- messages ------------------------------------------------------------------------------

  const AUTHORS = ["customer", "bot", "agent", "system"];
  const shown = new Map(); // message id -> its list item
  const outbox = new Map(); // client id -> {id, text, payload, item, state, sentAt}
  let maxId = 0;
  let mode = "bot";
  let agentName = "";
  let typingTimer = 0;

  function validMessage(m) {
    return (
      m && typeof m === "object" && Number.isInteger(m.id) && AUTHORS.includes(m.author) &&
      typeof m.text === "string"
    );
  }

  function timeOf(ts) {
    const when = ts ? new Date(ts) : new Date();
    if (Number.isNaN(when.getTime())) return null;
    const node = el("time", "lm-time", when.toLocaleTimeString(options.lang, { hour: "2-digit", minute: "2-digit" }));
    node.dateTime = when.toISOString();
    return node;
  }

  function articleCard(article) {
    const card = el("div", "lm-card");
    card.appendChild(el("p", "lm-card-label", T.article));
    const href = safeUrl(article.url || "");
    const heading = el("p", "lm-card-title");
    heading.appendChild(href ? link(href, article.title || href) : document.createTextNode(article.title || ""));
    card.appendChild(heading);
    if (article.excerpt) card.appendChild(el("p", "lm-card-excerpt", article.excerpt));
    if (href) {
      const more = link(href, T.readArticle + " →");
      more.classList.add("lm-card-link");
      more.setAttribute("aria-label", `${T.readArticle}: ${article.title || ""} ${T.newTab}`);
      card.appendChild(more);
    }
    return card;
  }

  function bubbleContent(message) {
    const body = el("div", "lm-bubble");
    if (message.author === "customer") {
      body.textContent = message.text; // the customer's own words: plain text, always
    } else if (message.article && typeof message.article === "object") {
      const lead = message.text.split("\n")[0];
      if (lead && lead !== message.article.title) body.appendChild(markdown(lead));
      body.appendChild(articleCard(message.article));
    } else {
      body.appendChild(markdown(message.text));
    }
    return body;
  }

  function whoSaid(message) {
    if (message.author === "customer") return T.you;
    if (message.author === "agent") return message.agent_name || T.agent;
    return T.bot;
  }

  function render(message) {
    const item = el("li", "lm-msg lm-" + message.author);
    if (message.kind) item.classList.add("lm-kind-" + message.kind);
    if (message.author === "agent") {
      item.appendChild(el("p", "lm-author", `${message.agent_name || ""} · ${T.agent}`));
    }
    item.appendChild(bubbleContent(message));
    const meta = el("p", "lm-meta");
    const time = timeOf(message.ts);
    if (time) meta.appendChild(time);
    item.appendChild(meta);
    item.lmMessage = message;
    return item;
  }

  function place(item, id) {
    // Keep id order; messages not yet stored (no id) stay at the bottom.
    let after = list.lastElementChild;
    while (after && (after.lmId === undefined || after.lmId > id)) after = after.previousElementSibling;
    list.insertBefore(item, after ? after.nextElementSibling : list.firstElementChild);
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function scrollDown(force) {
    if (force || nearBottom()) log.scrollTop = log.scrollHeight;
  }

  function addMessage(message, live) {
    if (!validMessage(message)) {
      console.warn("lightchat: ignored a malformed message", message);
      return;
    }
    if (shown.has(message.id)) return;
    const stick = nearBottom();
    const pending = message.client_id ? outbox.get(message.client_id) : null;
    const local = message.client_id ? list.querySelector(`[data-client-id="${CSS.escape(message.client_id)}"]`) : null;
    if (local) {
      // Our own message, now stored: it becomes the stored one in its place.
      if (pending) outbox.delete(message.client_id);
      local.remove();
    }
    const item = render(message);
    item.lmId = message.id;
    if (message.client_id) item.dataset.clientId = message.client_id;
    shown.set(message.id, item);
    place(item, message.id);
    if (message.article) mergeIntoCard(item, message.article);
    maxId = Math.max(maxId, message.id);
    clearGreeting();
    refreshButtons();
    if (message.author !== "customer") {
      if (message.author !== "system") setTyping(null);
      if (live) announce(`${whoSaid(message)}: ${message.text}`);
      countUnread();
      performance.mark("lightchat:shown", { detail: { id: message.id, author: message.author } });
    }
    scrollDown(stick || message.author === "customer");
  }

  // Rasa sends an article answer as a text with the link, then the card: show the card alone,
  // led by the text's first line (it may say the article is in the other language).
  function mergeIntoCard(item, article) {
    const prev = item.previousElementSibling;
    const said = prev && prev.lmMessage && prev.lmMessage.author === "bot" ? prev.lmMessage.text : "";
    if (!article.url || !said.includes(article.url)) return;
    prev.hidden = true;
    const lead = el("p", "lm-md-p lm-lead");
    inline(said.split("\n")[0], lead);
    item.querySelector(".lm-bubble").prepend(lead);
  }

  function announce(text) {
    const line = el("p", null, text.slice(0, 500));
    announcer.appendChild(line);
    while (announcer.childElementCount > 3) announcer.firstElementChild.remove();
  }

  // Quick replies live on the latest message only: older ones no longer make sense.
  function refreshButtons() {
    for (const old of list.querySelectorAll(".lm-buttons")) old.remove();
    const last = list.lastElementChild;
    const message = last && last.lmMessage;
    if (!message || message.author === "customer" || !Array.isArray(message.buttons)) return;
    const buttons = message.buttons.filter((b) => b && typeof b.title === "string" && b.title);
    if (!buttons.length) return;
    const row = el("div", "lm-buttons");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", T.quickReplies);
    for (const b of buttons) {
      const button = el("button", "lm-chip", b.title);
      button.type = "button";
      if (b.payload === "/affirm") button.classList.add("lm-yes");
      if (b.payload === "/deny") button.classList.add("lm-no");
      button.addEventListener("click", () => {
        row.remove();
        const payload = typeof b.payload === "string" && b.payload.startsWith("/") ? b.payload : null;
        submit(b.title, payload);
        input.focus();
      });
      row.appendChild(button);
    }
    last.insertBefore(row, last.lastElementChild);
  }

  let greetingItem = null;

  function showGreeting() {
    if (!options.greeting || list.childElementCount) return;
    greetingItem = render({ author: "bot", text: options.greeting, ts: null });
    greetingItem.classList.add("lm-greeting");
    list.appendChild(greetingItem);
  }

  function clearGreeting() {
    if (greetingItem) greetingItem.remove();
    greetingItem = null;
  }

  function setTyping(frame) {
    clearTimeout(typingTimer);
    const on = frame && frame.on;
    typing.hidden = !on;
    if (!on) return;
    const who = frame.who === "agent" ? fill(T.typingAgent, { name: frame.name || agentName || T.agent }) : T.typingBot;
    typing.lastElementChild.textContent = who;
    typingTimer = setTimeout(() => setTyping(null), TYPING_MAX_MS);
    scrollDown();
  }

  function setMode(newMode, agent) {
    mode = newMode === "agent" ? "agent" : "bot";
    agentName = mode === "agent" && agent && typeof agent.name === "string" ? agent.name : "";
    subtitle.textContent = agentName ? fill(T.agentSubtitle, { name: agentName }) : options.subtitle;
    avatar.textContent = "";
    if (agentName) avatar.textContent = agentName.slice(0, 1).toUpperCase();
    else avatar.appendChild(icon("chat"));
  }

  function showNote(text) {
    note.textContent = text || "";
    note.hidden = !text;
  }

  function labelButton(button, text) {
    button.title = text;
    button.setAttribute("aria-label", text);
  }

  // The customer wrote in another language than the labels': every label of the widget follows.
  function followCustomer(text) {
    const lang = guessLanguage(text);
    if (!lang) return;
    if (session.lang !== lang) {
      session.lang = lang;
      saveSession();
    }
    if (lang === options.lang) return;
    useLanguage(lang);
    shell.lang = lang;
    title.textContent = options.title;
    setMode(mode, agentName ? { name: agentName } : null);
    labelButton(freshButton, T.newChat);
    labelButton(eraseButton, T.erase);
    labelButton(closeButton, T.close);
    labelButton(bannerClose, T.hideBanner);
    log.setAttribute("aria-label", T.log);
    label.textContent = T.inputLabel;
    input.placeholder = T.placeholder;
    sendButton.setAttribute("aria-label", T.send);
    countUnread();
    loadBanners();
  }

  // ---- sending: every message has a client id; it stays in the outbox until acknowledged ----

  function pendingItem(entry) {
    const item = render({ author: "customer", text: entry.text, ts: null });
    item.dataset.clientId = entry.id;
    item.classList.add("lm-pending");
    item.lastElementChild.textContent = T.sending;
    return item;
  }

  function markFailed(entry, reason) {
    entry.state = "failed";
    const meta = entry.item.lastElementChild;
    entry.item.classList.remove("lm-pending");
    entry.item.classList.add("lm-failed");
    meta.textContent = "";
    meta.append(el("span", "lm-failed-text", reason ? `${T.failed} ${reason}` : T.failed));
    const retry = el("button", "lm-retry", T.retry);
    retry.type = "button";
    retry.addEventListener("click", () => {
      entry.state = "queued";
      entry.sentAt = Date.now();
      entry.sentOn = null;
      entry.item.classList.remove("lm-failed");
      entry.item.classList.add("lm-pending");
      meta.textContent = T.sending;
      outbox.set(entry.id, entry);
      transport.flush();
      input.focus();
    });
    meta.appendChild(retry);
  }

  function acked(clientId, id) {
    const entry = outbox.get(clientId);
    if (!entry) return;
    outbox.delete(clientId);
    if (shown.has(id)) {
      entry.item.remove();
      return;
    }
    entry.item.classList.remove("lm-pending", "lm-failed");
    entry.item.lmId = id;
    entry.item.lmMessage = { id, author: "customer", text: entry.text };
    shown.set(id, entry.item);
    maxId = Math.max(maxId, id);
    const meta = entry.item.lastElementChild;
    meta.textContent = "";
    meta.appendChild(timeOf(null));
  }

  function submit(text, payload) {
    const body = text.trim();
    if (!body) return false;
    if (body.length > MAX_CHARS) {
      showNote(fill(T.tooLong, { limit: MAX_CHARS }));
      return false;
    }
    showNote("");
    if (!payload) followCustomer(body); // a button's title is the bot's words, not the customer's
    const entry = { id: newClientId(), text: body, payload, state: "queued", sentAt: Date.now() };
    entry.item = pendingItem(entry);
    clearGreeting();
    list.appendChild(entry.item);
    outbox.set(entry.id, entry);
    refreshButtons();
    scrollDown(true);
    performance.mark("lightchat:send", { detail: { client_id: entry.id } });
    transport.flush();
    return true;
  }

  // Messages that wait too long are shown as failed with a retry; they stay queued all the same.
  setInterval(() => {
    for (const entry of outbox.values()) {
      if (entry.state !== "failed" && Date.now() - entry.sentAt > SLOW_SEND_MS) markFailed(entry);
    }
  }, 1000);

  function refused(clientId, code, fallback) {
    const text = T.errors[code] || fallback || T.errors.other;
    const entry = clientId ? outbox.get(clientId) : null;
    if (entry && code !== "bot_unavailable") {
      outbox.delete(clientId);
      markFailed(entry, text);
    } else {
      showNote(text);
    }
  }

  // ---- frames from the gateway (the same shapes over the websocket and long polling) --------

  function onFrame(frame) {
    if (!frame || typeof frame !== "object" || typeof frame.type !== "string") {
      console.warn("lightchat: ignored a malformed frame", frame);
      return;
    }
    switch (frame.type) {
      case "history":
        if (!Array.isArray(frame.messages)) break;
        for (const m of frame.messages) addMessage(m, false);
        setMode(frame.mode, frame.agent);
        if (!list.childElementCount) showGreeting();
        break;
      case "message":
        addMessage(frame.message, true);
        break;
      case "ack":
        if (typeof frame.client_id === "string" && Number.isInteger(frame.id)) acked(frame.client_id, frame.id);
        break;
      case "typing":
        if (frame.who !== "bot" && frame.who !== "agent") break;
        // The bot's own processing time, between the gateway's typing on and off (bench/widget.py).
        performance.mark("lightchat:typing", { detail: { who: frame.who, on: Boolean(frame.on) } });
        setTyping(frame);
        break;
      case "agent_joined":
        if (typeof frame.name === "string") setMode("agent", { name: frame.name });
        break;
      case "agent_left":
        setMode("bot", null);
        setTyping(null);
        break;
      case "banner":
        showBanner({ id: "", text: typeof frame.text === "string" ? frame.text : "" });
        break;
      case "error":
        refused(frame.client_id, frame.code, typeof frame.message === "string" ? frame.message : "");
        break;
      case "pong":
        break;
      default:
        console.warn("lightchat: ignored an unknown frame", frame.type);
    }
  }

  function setStatus(text) {
    status.textContent = text || "";
    status.hidden = !text;
  }

  const metadata = () => {
    const data = { page: location.href.slice(0, 500), language: options.lang };
    if (options.name) data.name = options.name;
    if (options.email) data.email = options.email;
    return data;
  };

  const backoff = (attempt) => {
    // Exponential with jitter, so a restarted gateway is not hit by every page at once.
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  // ---- websocket transport with reconnect; long polling when websockets stay blocked --------

  function socketTransport() {
    let socket = null;
    let ready = false;
    let attempt = 0;
    let failures = 0;
    let httpWorks = false;
    let retryTimer = 0;
    let pingTimer = 0;
    let deadTimer = 0;
    let stopped = false;

    function send(frame) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    }

    // Each queued message once per connection; a resend after a reconnect carries the same
    // client id, so the gateway acknowledges it without storing or answering it twice.
    function flush() {
      if (!ready) return;
      for (const entry of outbox.values()) {
        if (entry.sentOn === socket) continue;
        entry.sentOn = socket;
        const frame = { type: "message", client_id: entry.id, text: entry.text };
        if (entry.payload) frame.payload = entry.payload;
        send(frame);
      }
    }

    function connect() {
      clearTimeout(retryTimer);
      if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) return;
      const url = options.server.replace(/^http/, "ws") + "/ws/chat";
      const current = new WebSocket(url);
      socket = current;
      let greeted = false;
      const helloTimer = setTimeout(() => current.close(), HELLO_WAIT_MS);
      current.onopen = () => {
        current.send(JSON.stringify({ type: "hello", conversation: session.conversation, after: maxId, metadata: metadata() }));
      };
      current.onmessage = (event) => {
        clearTimeout(deadTimer);
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (error) {
          console.warn("lightchat: ignored a frame that is not JSON");
          return;
        }
        if (frame && frame.type === "history" && !greeted) {
          greeted = true;
          ready = true;
          attempt = 0;
          failures = 0;
          httpWorks = false;
          clearTimeout(helloTimer);
          setStatus("");
          onFrame(frame);
          flush();
          return;
        }
        onFrame(frame);
      };
      current.onclose = () => {
        clearTimeout(helloTimer);
        if (socket !== current) return;
        ready = false;
        socket = null;
        setTyping(null);
        if (stopped) return;
        setStatus(T.reconnecting);
        failures = greeted ? 0 : failures + 1;
        if (failures < FAILURES_BEFORE_POLLING) retryTimer = setTimeout(connect, backoff(attempt++));
        else if (httpWorks) switchTransport(pollingTransport());
        else probeHttp();
      };
    }

    // Websockets failing while plain HTTP works means a proxy blocks them: one more websocket
    // try, then polling. If HTTP fails too the gateway is down: keep trying the websocket.
    function probeHttp() {
      fetch(options.server + "/health", { mode: "no-cors", cache: "no-store" }).then(
        () => {
          httpWorks = true;
          connect();
        },
        () => {
          failures = 0;
          retryTimer = setTimeout(connect, backoff(attempt++));
        },
      );
    }

    pingTimer = setInterval(() => {
      if (!ready) return;
      send({ type: "ping" });
      deadTimer = setTimeout(() => socket && socket.close(), PONG_WAIT_MS);
    }, PING_EVERY_MS);

    return {
      start: connect,
      flush,
      send,
      wake() {
        if (!socket) connect();
      },
      restart() {
        ready = false;
        const old = socket;
        socket = null;
        if (old) old.close();
        attempt = 0;
        connect();
      },
      stop() {
        stopped = true;
        clearInterval(pingTimer);
        clearTimeout(retryTimer);
        if (socket) socket.close();
      },
    };
  }

  function pollingTransport() {
    let stopped = false;
    let attempt = 0;
    let generation = 0;
    let retryTimer = 0;
    let draining = false;

    async function poll(current) {
      let wait = 0; // the first call answers at once: history, mode and agent
      while (!stopped && current === generation) {
        const url = `${options.server}/api/chat/updates?conversation=${encodeURIComponent(session.conversation)}&after=${maxId}&wait=${wait}`;
        try {
          const response = await fetch(url, { cache: "no-store" });
          if (!response.ok) throw new Error("HTTP " + response.status);
          const data = await response.json();
          if (current !== generation) return;
          setStatus(T.polling);
          attempt = 0;
          onFrame({ type: "history", messages: data.messages, mode: data.mode, agent: data.agent });
          if (outbox.size) flush();
          wait = 25;
        } catch (error) {
          if (current !== generation) return;
          setStatus(T.reconnecting);
          await new Promise((resolve) => {
            retryTimer = setTimeout(resolve, backoff(attempt++));
          });
        }
      }
    }

    async function post(entry) {
      setTyping({ type: "typing", who: mode === "agent" ? "agent" : "bot", on: mode !== "agent" });
      const body = { sender: session.conversation, message: entry.text, client_id: entry.id, metadata: metadata() };
      if (entry.payload) body.payload = entry.payload;
      try {
        const response = await fetch(options.server + "/api/chat", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const data = await response.json().catch(() => ({}));
        if (response.ok) {
          acked(data.ack.client_id, data.ack.id);
          for (const m of data.messages || []) addMessage(m, true);
        } else if (response.status === 503) {
          // Stored all the same (the ack says so); the bot answers when it is back.
          if (data.ack) acked(data.ack.client_id, data.ack.id);
          else outbox.delete(entry.id);
          // A contact left while the bot is down comes back as a stored notice (a ticket).
          const notices = (data.messages || []).filter(validMessage);
          for (const m of notices) addMessage(m, true);
          if (!notices.length) refused(null, "bot_unavailable");
        } else {
          const error = data.error || {};
          refused(entry.id, error.code, error.message);
        }
        return true;
      } catch (error) {
        setStatus(T.reconnecting); // stays in the outbox and goes with the next flush
        return false;
      } finally {
        setTyping(null);
      }
    }

    // One POST at a time, in the customer's order; a network failure leaves the rest queued.
    async function flush() {
      if (draining) return;
      draining = true;
      try {
        for (const entry of [...outbox.values()]) {
          if (stopped || !(await post(entry))) break;
        }
      } finally {
        draining = false;
      }
    }

    function start() {
      clearTimeout(retryTimer);
      generation += 1;
      poll(generation);
    }

    return {
      start,
      flush,
      send() {}, // typing needs the websocket
      wake() {},
      restart: start,
      stop() {
        stopped = true;
        clearTimeout(retryTimer);
      },
    };
  }

  let transport = options.polling ? pollingTransport() : socketTransport();

  function switchTransport(next) {
    transport.stop();
    transport = next;
    transport.start();
  }

  // ---- open, close, unread -------------------------------------------------------------------

  function countUnread() {
    if (!panel.hidden) {
      session.seen = maxId;
      saveSession();
    }
    let unread = 0;
    for (const [id, item] of shown) {
      if (id > session.seen && item.lmMessage.author !== "customer" && !item.hidden) unread += 1;
    }
    badge.textContent = unread > 9 ? "9+" : String(unread);
    badge.hidden = unread === 0;
    launcher.setAttribute("aria-label", unread ? fill(T.openUnread, { n: unread }) : T.open);
  }

  function openPanel(focus) {
    panel.hidden = false;
    shell.classList.add("lm-open");
    launcher.setAttribute("aria-expanded", "true");
    session.open = true;
    countUnread();
    scrollDown(true);
    if (focus) input.focus();
  }

  function closePanel() {
    panel.hidden = true;
    shell.classList.remove("lm-open");
    launcher.setAttribute("aria-expanded", "false");
    session.open = false;
    saveSession();
    launcher.focus();
  }

  function resetConversation(conversation) {
    session.conversation = conversation;
    session.seen = 0;
    saveSession();
    shown.clear();
    outbox.clear();
    maxId = 0;
    list.textContent = "";
    setMode("bot", null);
    setTyping(null);
    showNote("");
    showGreeting();
    transport.restart();
  }

  // ---- announcements: a notice the support team published, closable, remembered as closed ---

  const DISMISSED_KEY = "lm-dismissed:" + options.server;
  let banners = [];

  function dismissed() {
    try {
      const ids = JSON.parse(localStorage.getItem(DISMISSED_KEY) || "[]");
      return Array.isArray(ids) ? ids : [];
    } catch (error) {
      return [];
    }
  }

  function showBanner(item) {
    bannerText.textContent = item.text;
    banner.dataset.id = item.id;
    banner.hidden = !item.text;
  }

  function nextBanner() {
    const closed = dismissed();
    showBanner(banners.find((b) => !closed.includes(b.id)) || { id: "", text: "" });
  }

  async function loadBanners() {
    try {
      const response = await fetch(options.server + "/api/announcements?lang=" + options.lang);
      const body = response.ok ? await response.json() : {};
      banners = (Array.isArray(body.announcements) ? body.announcements : []).filter(
        (b) => b && typeof b.id === "string" && typeof b.text === "string",
      );
      nextBanner();
    } catch (error) {
      // No banner is better than a broken chat.
    }
  }

  bannerClose.addEventListener("click", () => {
    const id = banner.dataset.id;
    if (id) {
      try {
        localStorage.setItem(DISMISSED_KEY, JSON.stringify(dismissed().concat(id).slice(-50)));
      } catch (error) {
        // Private mode: closed for this page only.
      }
      banners = banners.filter((b) => b.id !== id);
    }
    nextBanner();
  });

  // ---- customer typing (reaches the agent only) ----------------------------------------------

  let typingSent = false;
  let typingIdle = 0;

  function customerTyping(on) {
    clearTimeout(typingIdle);
    if (on) typingIdle = setTimeout(() => customerTyping(false), 3000);
    if (on === typingSent || mode !== "agent") return;
    typingSent = on;
    transport.send({ type: "typing", on });
  }

  // ---- events --------------------------------------------------------------------------------

  launcher.addEventListener("click", () => (panel.hidden ? openPanel(true) : closePanel()));
  closeButton.addEventListener("click", closePanel);
  freshButton.addEventListener("click", () => {
    resetConversation(newConversationId());
    announce(T.newChatDone);
    input.focus();
  });
  // The customer's right to erase: here and in the bot's memory (DELETE /api/chat), then a fresh start.
  eraseButton.addEventListener("click", async () => {
    if (!window.confirm(T.eraseConfirm)) return;
    const url = `${options.server}/api/chat?conversation=${encodeURIComponent(session.conversation)}`;
    let problem = T.errors.other;
    try {
      const response = await fetch(url, { method: "DELETE" });
      if (response.ok) {
        resetConversation(newConversationId());
        showNote(T.erased);
        return;
      }
      const error = ((await response.json().catch(() => ({}))).error || {}).messages || {};
      problem = error[options.lang] || problem;
    } catch (error) {
      // offline: the generic text
    }
    showNote(problem);
  });
  shell.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      closePanel();
    }
  });
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit(input.value, null)) {
      input.value = "";
      customerTyping(false);
      resize();
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  function resize() {
    input.style.height = "";
    if (input.value) input.style.height = Math.min(input.scrollHeight + 3, 120) + "px";
  }

  input.addEventListener("input", () => {
    resize();
    const length = input.value.trim().length;
    if (length > MAX_CHARS) showNote(fill(T.tooLong, { limit: MAX_CHARS }));
    else if (length > MAX_CHARS * 0.9) showNote(fill(T.counter, { n: length, limit: MAX_CHARS }));
    else showNote("");
    customerTyping(length > 0);
  });

  // Another tab started a new conversation: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORE_KEY) return;
    const other = loadSession();
    if (other.conversation !== session.conversation) resetConversation(other.conversation);
  });
  window.addEventListener("online", () => transport.wake());
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) transport.wake();
  });

  setMode("bot", null);
  countUnread();
  if (session.open) openPanel(false);
  else launcher.setAttribute("aria-expanded", "false");
  transport.start();
  loadBanners();

  window.LightChat = {
    open: () => openPanel(true),
    close: closePanel,
    conversation: () => session.conversation,
  };
})();
