// The agent desk. Plain JavaScript, no framework, nothing from outside this origin.
// Every piece of customer or agent text is put on the page with textContent, never as HTML.
"use strict";

const TEXTS = {
  ru: {
    title: "Рабочее место оператора", language: "Язык", logout: "Выйти",
    login_title: "Вход для операторов", login: "Логин", password: "Пароль", sign_in: "Войти",
    queue: "Очередь", queue_empty: "Очередь пуста.", choose_case: "Выберите обращение в очереди.",
    claim: "Взять в работу", summary: "Сводка", chat: "Переписка", send: "Отправить",
    canned: "Шаблоны ответов…", notes: "Внутренние заметки", add_note: "Добавить заметку",
    escalate: "Передать", close: "Закрыть обращение",
    escalate_note: "Заметка для коллег", resolution: "Решение (обязательно)",
    reply_placeholder: "Сообщение клиенту…", note_placeholder: "Видно только операторам",
    bad_credentials: "Неверный логин или пароль.",
    locked: "Слишком много неудачных попыток. Попробуйте через {s} с.",
    already_claimed: "Обращение уже взял оператор {owner}.",
    not_owner: "Обращение ведёт оператор {owner}.",
    case_closed: "Обращение закрыто.", not_claimed: "Сначала возьмите обращение в работу.",
    login_required: "Сессия истекла, войдите снова.", network: "Нет связи с сервером.",
    new_case: "Новое обращение", typing: "Клиент печатает…",
    online: "в сети", offline: "нет связи",
    state_waiting: "ждёт", state_assigned: "в работе", state_ticket: "заявка", state_closed: "закрыто",
    priority_high: "срочно", priority_normal: "обычный", agent: "оператор", waiting: "ждёт {m} мин",
    customer: "Клиент", bot: "Бот", system: "Система",
    kind_note: "заметка", kind_resolution: "решение", kind_escalation: "передано",
    empty_text: "Заполните поле.", text_too_long: "Слишком длинный текст.",
    not_your_group: "Обращение другой группы.", invalid_group: "Выберите группу.",
    csrf_failed: "Обновите страницу и повторите.", case_not_found: "Обращение не найдено.",
  },
  en: {
    title: "Agent desk", language: "Language", logout: "Log out",
    login_title: "Agent sign-in", login: "Login", password: "Password", sign_in: "Sign in",
    queue: "Queue", queue_empty: "The queue is empty.", choose_case: "Choose a case in the queue.",
    claim: "Claim", summary: "Summary", chat: "Conversation", send: "Send",
    canned: "Canned replies…", notes: "Internal notes", add_note: "Add note",
    escalate: "Escalate", close: "Close case",
    escalate_note: "Note for colleagues", resolution: "Resolution (required)",
    reply_placeholder: "Message to the customer…", note_placeholder: "Visible to agents only",
    bad_credentials: "Wrong login or password.",
    locked: "Too many failed attempts. Try again in {s} s.",
    already_claimed: "{owner} has already claimed this case.",
    not_owner: "{owner} is handling this case.",
    case_closed: "The case is closed.", not_claimed: "Claim the case first.",
    login_required: "Your session has expired; please sign in again.", network: "No connection to the server.",
    new_case: "New case", typing: "The customer is typing…",
    online: "online", offline: "offline",
    state_waiting: "waiting", state_assigned: "assigned", state_ticket: "ticket", state_closed: "closed",
    priority_high: "urgent", priority_normal: "normal", agent: "agent", waiting: "waiting {m} min",
    customer: "Customer", bot: "Bot", system: "System",
    kind_note: "note", kind_resolution: "resolution", kind_escalation: "escalated",
    empty_text: "Please fill in the field.", text_too_long: "The text is too long.",
    not_your_group: "The case belongs to another group.", invalid_group: "Choose a group.",
    csrf_failed: "Reload the page and try again.", case_not_found: "There is no such case.",
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: "ru", me: null, cases: [], current: null, socket: null, seen: new Set(), typingTimer: null, typingOn: false };

function t(key, values) {
  let s = (TEXTS[state.lang] && TEXTS[state.lang][key]) || TEXTS.en[key] || key;
  for (const [name, value] of Object.entries(values || {})) s = s.replace("{" + name + "}", String(value));
  return s;
}

function applyTexts() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("reply").placeholder = t("reply_placeholder");
  $("note").placeholder = t("note_placeholder");
  $("escalate-note").placeholder = t("escalate_note");
  $("resolution").placeholder = t("resolution");
  $("connection").textContent = state.socket && state.socket.readyState === 1 ? t("online") : t("offline");
  if (state.me) { renderQueue(); fillCanned(); }
}

async function api(path, body) {
  const options = { method: body === undefined ? "GET" : "POST", credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    if (state.me) options.headers["X-CSRF-Token"] = state.me.csrf;
    options.body = JSON.stringify(body);
  }
  try {
    const response = await fetch(path, options);
    const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : {};
    return { ok: response.ok, status: response.status, data };
  } catch (error) {
    return { ok: false, status: 0, data: { error: { code: "network" } } };
  }
}

function errorText(result) {
  const error = (result.data && result.data.error) || {};
  if (result.status === 0) return t("network");
  if (error.code === "locked") return t("locked", { s: error.retry_after });
  if (error.code === "invalid_credentials") return t("bad_credentials");
  if (TEXTS.en[error.code]) return t(error.code, { owner: error.owner || "" });
  return error.message || String(result.status);
}

function showLogin() {
  state.me = null;
  $("login-view").hidden = false;
  $("desk-view").hidden = true;
  $("logout").hidden = true;
  $("who").textContent = "";
  if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
}

function showDesk(me) {
  state.me = me;
  $("login-view").hidden = true;
  $("desk-view").hidden = false;
  $("logout").hidden = false;
  $("who").textContent = me.name + " · " + me.groups.join(", ");
  const groups = $("escalate-group");
  groups.replaceChildren();
  for (const group of me.all_groups) groups.appendChild(new Option(group, group));
  fillCanned();
  connect();
  loadQueue();
}

function fillCanned() {
  const select = $("canned");
  const first = select.options[0];
  select.replaceChildren(first);
  (state.me.canned || []).forEach((reply, index) => select.appendChild(new Option(reply.title, String(index))));
}

async function loadQueue() {
  const result = await api("/desk/api/cases");
  if (result.status === 401) return showLogin();
  if (!result.ok) return;
  state.cases = result.data.cases;
  renderQueue();
}

function renderQueue() {
  const list = $("queue");
  list.replaceChildren();
  $("queue-empty").hidden = state.cases.length > 0;
  for (const item of state.cases) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.case = String(item.id);
    if (state.current && state.current.id === item.id) button.className = "selected";
    const head = document.createElement("strong");
    head.textContent = item.ticket + " · " + (item.customer_name || "—");
    const priority = document.createElement("span");
    priority.className = item.priority;
    priority.textContent = " " + t("priority_" + item.priority);
    const meta = document.createElement("div");
    meta.className = "muted";
    const owner = item.agent ? " · " + item.agent.name : "";
    meta.textContent = t("state_" + item.state) + " · " + item.group + " · " + (item.topic || "—") + owner +
      " · " + t("waiting", { m: Math.floor(item.waiting_seconds / 60) });
    button.append(head, priority, meta);
    button.addEventListener("click", () => openCase(item.id));
    li.appendChild(button);
    list.appendChild(li);
  }
}

async function openCase(id) {
  const result = await api("/desk/api/cases/" + id);
  if (result.status === 401) return showLogin();
  if (!result.ok) { $("case-error").textContent = errorText(result); return; }
  const switched = !state.current || state.current.id !== id;
  state.current = result.data.case;
  const item = state.current;
  $("case-empty").hidden = true;
  $("case").hidden = false;
  $("case-error").textContent = "";
  $("case-title").textContent = item.ticket + " · " + (item.customer_name || "—");
  $("case-meta").textContent = [t("state_" + item.state), item.group, t("priority_" + item.priority),
    item.language, item.agent ? t("agent") + ": " + item.agent.name : ""].filter(Boolean).join(" · ");
  $("summary").textContent = item.summary_text;
  if (switched) { state.seen = new Set(); $("transcript").replaceChildren(); $("typing").hidden = true; }
  for (const message of result.data.transcript) addMessage(message);
  const notes = $("notes");
  notes.replaceChildren();
  for (const note of item.notes) {
    const li = document.createElement("li");
    li.textContent = "[" + t("kind_" + note.kind) + "] " + note.author + ": " + note.text;
    notes.appendChild(li);
  }
  const mine = item.state === "assigned" && item.agent && item.agent.login === state.me.login;
  $("claim").hidden = !(item.state === "waiting" || item.state === "ticket");
  for (const form of ["reply-form", "escalate-form", "close-form"]) {
    for (const control of $(form).elements) control.disabled = !mine;
  }
  renderQueue();
}

function addMessage(message) {
  if (state.seen.has(message.id)) return;
  state.seen.add(message.id);
  const li = document.createElement("li");
  li.className = message.author;
  const who = document.createElement("span");
  who.className = "who";
  const time = message.ts ? new Date(message.ts).toLocaleTimeString() : "";
  who.textContent = (message.author === "agent" ? message.agent_name || t("agent") : t(message.author)) + " · " + time;
  const body = document.createElement("span");
  body.textContent = message.text;
  li.append(who, body);
  $("transcript").appendChild(li);
  $("transcript").scrollTop = $("transcript").scrollHeight;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const socket = new WebSocket(scheme + location.host + "/ws/desk");
  state.socket = socket;
  socket.onopen = () => { applyTexts(); loadQueue(); };
  socket.onmessage = (event) => onFrame(JSON.parse(event.data));
  socket.onclose = () => {
    $("connection").textContent = t("offline");
    if (state.me && state.socket === socket) setTimeout(() => state.me && connect(), 2000);
  };
}

function onFrame(frame) {
  if (frame.type === "case_new") { notifyNewCase(frame.case); loadQueue(); }
  else if (frame.type === "case_updated") {
    loadQueue();
    if (state.current && state.current.id === frame.case.id) openCase(frame.case.id);
  } else if (frame.type === "message" && state.current && state.current.id === frame.case) {
    addMessage(frame.message);
    if (frame.message.author === "customer") $("typing").hidden = true;
  } else if (frame.type === "typing" && state.current && state.current.id === frame.case) {
    $("typing").textContent = t("typing");
    $("typing").hidden = !frame.on;
  }
}

function notifyNewCase(item) {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.1;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch (error) { /* no sound available: the queue still updates */ }
  if ("Notification" in window && Notification.permission === "granted") {
    new Notification(t("new_case"), { body: item.ticket + " · " + (item.customer_name || "") + " · " + item.group });
  }
}

function sendTyping(on) {
  if (!state.current || !state.socket || state.socket.readyState !== 1 || state.typingOn === on) return;
  state.typingOn = on;
  state.socket.send(JSON.stringify({ type: "typing", case: state.current.id, on }));
}

async function act(path, body, after) {
  const result = await api(path, body);
  if (result.status === 401) return showLogin();
  if (!result.ok) { $("case-error").textContent = errorText(result); return; }
  $("case-error").textContent = "";
  if (after) after(result.data);
  await openCase(state.current.id);
}

function caseUrl(action) { return "/desk/api/cases/" + state.current.id + "/" + action; }

function wire() {
  state.lang = localStorage.getItem("desk-lang") || (navigator.language.startsWith("ru") ? "ru" : "en");
  $("lang").value = state.lang;
  $("lang").addEventListener("change", () => { state.lang = $("lang").value; localStorage.setItem("desk-lang", state.lang); applyTexts(); if (state.current) openCase(state.current.id); });
  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if ("Notification" in window && Notification.permission === "default") Notification.requestPermission();
    const result = await api("/desk/api/login", { login: $("login").value, password: $("password").value });
    $("password").value = "";
    if (!result.ok) { $("login-error").textContent = errorText(result); return; }
    $("login-error").textContent = "";
    showDesk(result.data);
  });
  $("logout").addEventListener("click", async () => { await api("/desk/api/logout", {}); showLogin(); });
  $("claim").addEventListener("click", () => act(caseUrl("claim"), {}));
  $("reply").addEventListener("input", () => {
    sendTyping(true);
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(() => sendTyping(false), 3000);
  });
  $("canned").addEventListener("change", () => {
    const reply = state.me.canned[Number($("canned").value)];
    if (reply) $("reply").value = state.current && state.current.language === "en" ? reply.en : reply.ru;
    $("canned").value = "";
  });
  $("reply-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("reply").value.trim();
    if (!text) return;
    const clientId = "d-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    act(caseUrl("messages"), { text, client_id: clientId }, (data) => { addMessage(data.message); $("reply").value = ""; sendTyping(false); });
  });
  $("note-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("note").value.trim();
    if (text) act(caseUrl("notes"), { text }, () => { $("note").value = ""; });
  });
  $("escalate-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(caseUrl("escalate"), { group: $("escalate-group").value, note: $("escalate-note").value }, () => { $("escalate-note").value = ""; });
  });
  $("close-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(caseUrl("close"), { resolution: $("resolution").value }, () => { $("resolution").value = ""; });
  });
  setInterval(() => { if (state.me) renderQueue(); }, 60000);
}

async function start() {
  wire();
  applyTexts();
  const result = await api("/desk/api/me");
  if (result.ok) showDesk(result.data); else showLogin();
}

document.addEventListener("DOMContentLoaded", start);
