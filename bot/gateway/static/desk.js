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
    analytics: "Аналитика", queue_view: "Очередь", date_from: "С", date_to: "По", show: "Показать",
    export_csv: "Скачать CSV", conversations: "Разговоров", containment: "Решено ботом",
    fallback: "Бот не нашёл ответа", rating_mean: "Средняя оценка", handoffs: "Передачи оператору",
    top_intents: "Частые темы", articles: "Статьи", ratings: "Оценки клиентов",
    unanswered: "Вопросы без ответа", reason: "Причина", intent: "Намерение", count: "Сколько",
    share: "Доля", article: "Статья", shown: "Показана", helpful: "Помогла", not_helpful: "Не помогла",
    score: "Оценка", questions: "вопросов: {n}", draft_article: "Черновик статьи",
    draft_examples: "Добавить как примеры", copy: "Копировать", download: "Скачать",
    copied: "Скопировано.", computing: "Группирую вопросы…", nothing_unanswered: "Вопросов без ответа нет.",
    invalid_date: "Проверьте даты: начало не позже конца, период не длиннее 366 дней.", of: "{n} из {total}",
    reason_requested: "клиент попросил", reason_low_confidence: "бот не понял",
    reason_not_helpful: "ответы не помогли", reason_complaint: "жалоба",
    reason_negative: "недовольство", reason_always_human: "только оператор",
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
    analytics: "Analytics", queue_view: "Queue", date_from: "From", date_to: "To", show: "Show",
    export_csv: "Download CSV", conversations: "Conversations", containment: "Resolved by the bot",
    fallback: "Bot had no answer", rating_mean: "Average rating", handoffs: "Handoffs to agents",
    top_intents: "Top intents", articles: "Articles", ratings: "Customer ratings",
    unanswered: "Unanswered questions", reason: "Reason", intent: "Intent", count: "Count",
    share: "Share", article: "Article", shown: "Shown", helpful: "Helpful", not_helpful: "Not helpful",
    score: "Rating", questions: "{n} questions", draft_article: "Draft an article",
    draft_examples: "Add as intent examples", copy: "Copy", download: "Download",
    copied: "Copied.", computing: "Grouping the questions…", nothing_unanswered: "No unanswered questions.",
    invalid_date: "Check the dates: the start no later than the end, at most 366 days.", of: "{n} of {total}",
    reason_requested: "customer asked", reason_low_confidence: "bot did not understand",
    reason_not_helpful: "answers did not help", reason_complaint: "complaint",
    reason_negative: "unhappy customer", reason_always_human: "people-only topic",
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: "ru", view: "queue", me: null, cases: [], current: null, socket: null, seen: new Set(), typingTimer: null, typingOn: false };

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
  $("nav").textContent = t(state.view === "queue" ? "analytics" : "queue_view");
  if (state.me) { renderQueue(); fillCanned(); }
  if (state.view === "analytics") loadAnalytics();
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
  $("nav").hidden = true;
  $("analytics-view").hidden = true;
  state.view = "queue";
  $("who").textContent = "";
  if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
}

function showDesk(me) {
  state.me = me;
  $("login-view").hidden = true;
  $("desk-view").hidden = false;
  $("logout").hidden = false;
  $("nav").hidden = false;
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

// ---- analytics: numbers of a period, and the unanswered questions grouped by meaning -----

function percent(rate) { return rate === null ? "—" : (rate * 100).toFixed(1) + " %"; }

function fillTable(table, headers, rows) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const key of headers) { const cell = document.createElement("th"); cell.textContent = t(key); head.appendChild(cell); }
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const value of row) line.insertCell().textContent = String(value);
  }
}

function showView(view) {
  state.view = view;
  $("desk-view").hidden = view !== "queue";
  $("analytics-view").hidden = view !== "analytics";
  applyTexts();
}

function periodQuery() {
  return "?from=" + encodeURIComponent($("analytics-from").value) + "&to=" + encodeURIComponent($("analytics-to").value);
}

function defaultDates() {
  if ($("analytics-to").value) return;
  const today = new Date();
  const start = new Date(today.getTime() - 29 * 86400000);
  $("analytics-to").value = today.toISOString().slice(0, 10);
  $("analytics-from").value = start.toISOString().slice(0, 10);
}

async function loadAnalytics() {
  defaultDates();
  const query = periodQuery();
  $("analytics-csv").href = "/desk/api/analytics/export.csv" + query;
  const result = await api("/desk/api/analytics" + query);
  if (result.status === 401) return showLogin();
  if (!result.ok) {
    $("analytics-error").textContent = errorText(result);
    return;
  }
  $("analytics-error").textContent = "";
  const data = result.data;
  $("a-conversations").textContent = String(data.conversations);
  $("a-containment").textContent = percent(data.containment_rate) + " · " + t("of", { n: data.contained, total: data.conversations });
  $("a-fallback").textContent = percent(data.fallback_rate) + " · " + t("of", { n: data.fallback_turns, total: data.customer_turns });
  $("a-rating").textContent = data.ratings.mean === null ? "—" : data.ratings.mean + " / 5 (" + data.ratings.count + ")";
  fillTable($("a-handoffs"), ["reason", "count"], Object.entries(data.handoffs_by_reason).map(([reason, n]) => [TEXTS.en["reason_" + reason] ? t("reason_" + reason) : reason, n]));
  fillTable($("a-intents"), ["intent", "count", "share"], data.top_intents.map((i) => [i.intent, i.count, percent(i.share)]));
  fillTable($("a-articles"), ["article", "shown", "helpful", "not_helpful"], data.articles.map((a) => [a.article, a.shown, a.helpful, a.not_helpful]));
  fillTable($("a-ratings"), ["score", "count"], Object.entries(data.ratings.distribution));
  loadUnanswered(query);
}

async function loadUnanswered(query) {
  $("a-unanswered").replaceChildren();
  $("a-unanswered-status").textContent = t("computing");
  const result = await api("/desk/api/analytics/unanswered" + query);
  if (!result.ok) { $("a-unanswered-status").textContent = errorText(result); return; }
  const clusters = result.data.clusters;
  $("a-unanswered-status").textContent = clusters.length ? "" : t("nothing_unanswered");
  for (const cluster of clusters) $("a-unanswered").appendChild(clusterItem(cluster));
}

function clusterItem(cluster) {
  const item = document.createElement("li");
  const title = document.createElement("strong");
  title.textContent = cluster.examples[0];
  const count = document.createElement("span");
  count.className = "muted";
  count.textContent = " · " + t("questions", { n: cluster.count });
  const examples = document.createElement("ul");
  for (const example of cluster.examples) {
    const line = document.createElement("li");
    line.textContent = example;
    examples.appendChild(line);
  }
  const draft = document.createElement("div");
  draft.className = "draft";
  const buttons = document.createElement("p");
  const drafts = [["draft_article", cluster.article_draft, "article.md"], ["draft_examples", cluster.examples_draft, "examples.yml"]];
  for (const [key, text, file] of drafts) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t(key);
    button.addEventListener("click", () => showDraft(draft, text, file));
    buttons.appendChild(button);
  }
  item.append(title, count, examples, buttons, draft);
  return item;
}

function showDraft(box, text, file) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = t("copy");
  const done = document.createElement("span");
  done.className = "muted";
  done.setAttribute("role", "status");
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(text); done.textContent = t("copied"); } catch (error) {
      window.getSelection().selectAllChildren(pre);
    }
  });
  const download = document.createElement("a");
  download.className = "button";
  download.textContent = t("download");
  download.download = file;
  download.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  box.replaceChildren(pre, copy, download, done);
}

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
  $("nav").addEventListener("click", () => showView(state.view === "queue" ? "analytics" : "queue"));
  $("analytics-form").addEventListener("submit", (event) => { event.preventDefault(); loadAnalytics(); });
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
