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
    reply_placeholder: "Сообщение клиенту… Enter — отправить, Shift+Enter — новая строка", note_placeholder: "Видно только операторам",
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
    reply_placeholder: "Message to the customer… Enter sends, Shift+Enter starts a new line", note_placeholder: "Visible to agents only",
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
  if (state.view === "analytics") showAnalytics();
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

// ---- the case view: what the customer needs, readable in five seconds. The problem in the
// customer's own words, the facts as fields, topic, intent and group, the articles the bot offered
// with the customer's verdicts; the conversation itself is shown once, below, as the chat. -------

const CASE_TEXTS = {
  ru: {
    case_problem: "Проблема (словами клиента)", case_no_problem: "Клиент не описал проблему.",
    case_name: "Имя", case_email: "Email", case_phone: "Телефон", case_order: "Номер заказа",
    case_version: "Версия приложения", case_tried: "Что уже пробовал", case_topic: "Тема",
    case_intent: "Намерение", case_group: "Группа", case_reason: "Причина передачи",
    case_channel: "Канал", case_page: "Страница",
    case_articles: "Статьи, которые предлагал бот", case_no_articles: "Бот статей не предлагал.",
    case_article: "Статья", case_verdict: "Ответ клиента",
    case_verdict_helpful: "помогла", case_verdict_not_helpful: "не помогла", case_verdict_none: "без ответа",
    case_reason_requested: "клиент попросил оператора", case_reason_low_confidence: "бот не понял вопрос",
    case_reason_not_helpful: "ответы бота не помогли", case_reason_complaint: "жалоба",
    case_reason_negative: "недовольство клиента", case_reason_always_human: "тема только для оператора",
    topic_account: "аккаунт и вход", topic_contacts: "контакты", topic_orders: "заказы",
    topic_payment: "оплата", topic_product: "товары", topic_returns: "возвраты",
    topic_technical: "технические вопросы", topic_process: "без темы", topic_smalltalk: "без темы",
  },
  en: {
    case_problem: "Problem (customer's words)", case_no_problem: "The customer did not describe the problem.",
    case_name: "Name", case_email: "Email", case_phone: "Phone", case_order: "Order number",
    case_version: "App version", case_tried: "Already tried", case_topic: "Topic",
    case_intent: "Intent", case_group: "Group", case_reason: "Why handed over",
    case_channel: "Channel", case_page: "Page",
    case_articles: "Articles the bot offered", case_no_articles: "The bot offered no articles.",
    case_article: "Article", case_verdict: "Customer's answer",
    case_verdict_helpful: "helped", case_verdict_not_helpful: "did not help", case_verdict_none: "no answer",
    case_reason_requested: "customer asked for a person", case_reason_low_confidence: "the bot did not understand",
    case_reason_not_helpful: "the bot's answers did not help", case_reason_complaint: "complaint",
    case_reason_negative: "unhappy customer", case_reason_always_human: "topic handled by people only",
    topic_account: "account and sign-in", topic_contacts: "contacts", topic_orders: "orders",
    topic_payment: "payment", topic_product: "products", topic_returns: "returns",
    topic_technical: "technical", topic_process: "no topic", topic_smalltalk: "no topic",
  },
};
for (const lang of Object.keys(CASE_TEXTS)) Object.assign(TEXTS[lang], CASE_TEXTS[lang]);

// Shown only when known; every other field shows "—" when empty, so the agent sees what is missing.
const OPTIONAL_FIELDS = new Set(["app_version", "page"]);

function isWebLink(url) { return typeof url === "string" && /^https?:\/\//i.test(url); }

function linkOrText(url, text) {
  if (!isWebLink(url)) return document.createTextNode(text || url || "—");
  const link = document.createElement("a");
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.textContent = text || url;
  return link;
}

function topicText(topic) {
  if (!topic) return null;
  const name = TEXTS.en["topic_" + topic] ? t("topic_" + topic) : topic;
  return name === topic ? topic : name + " (" + topic + ")";
}

function intentText(intent) {
  if (!intent || !intent.name) return null;
  return intent.name + (typeof intent.confidence === "number" ? " (" + intent.confidence.toFixed(2) + ")" : "");
}

function renderSummary(item) {
  const record = item.summary || {};
  const customer = record.customer || {};
  const problem = $("case-problem");
  problem.textContent = record.problem || t("case_no_problem");
  problem.classList.toggle("muted", !record.problem);
  const fields = [
    ["name", "case_name", customer.name],
    ["email", "case_email", customer.email],
    ["phone", "case_phone", customer.phone],
    ["order_number", "case_order", customer.order_number],
    ["app_version", "case_version", customer.app_version],
    ["tried", "case_tried", record.tried],
    ["topic", "case_topic", topicText(record.topic)],
    ["intent", "case_intent", intentText(record.intent)],
    ["group", "case_group", item.group],
    ["reason", "case_reason", TEXTS.en["case_reason_" + item.reason] ? t("case_reason_" + item.reason) : item.reason],
    ["channel", "case_channel", record.channel],
    ["page", "case_page", record.page ? linkOrText(record.page) : null],
  ];
  const list = $("case-fields");
  list.replaceChildren();
  for (const [field, label, value] of fields) {
    if (!value && OPTIONAL_FIELDS.has(field)) continue;
    const term = document.createElement("dt");
    term.textContent = t(label);
    const detail = document.createElement("dd");
    detail.dataset.field = field;
    if (value instanceof Node) detail.appendChild(value);
    else detail.textContent = value || "—";
    if (!value) detail.className = "muted";
    list.append(term, detail);
  }
  const articles = record.articles || [];
  const table = $("case-articles");
  table.replaceChildren();
  table.hidden = articles.length === 0;
  $("case-no-articles").hidden = articles.length > 0;
  if (!articles.length) return;
  const head = table.createTHead().insertRow();
  for (const key of ["case_article", "case_verdict"]) {
    const cell = document.createElement("th");
    cell.textContent = t(key);
    head.appendChild(cell);
  }
  const body = table.createTBody();
  for (const article of articles) {
    const row = body.insertRow();
    row.insertCell().appendChild(linkOrText(article.url, article.title || article.id));
    const verdict = row.insertCell();
    verdict.className = "verdict " + (article.verdict || "none");
    verdict.textContent = t("case_verdict_" + (article.verdict || "none"));
  }
}

async function openCase(id) {
  const result = await api("/desk/api/cases/" + id);
  if (result.status === 401) return showLogin();
  if (!result.ok) { $("case-error").textContent = errorText(result); return; }
  // Another case, or the same one in another desk language: the chat is drawn afresh.
  const switched = !state.current || state.current.id !== id || state.chatLang !== state.lang;
  state.chatLang = state.lang;
  state.current = result.data.case;
  const item = state.current;
  $("case-empty").hidden = true;
  $("case").hidden = false;
  $("case-error").textContent = "";
  $("case-title").textContent = item.ticket + " · " + (item.customer_name || "—");
  $("case-meta").textContent = [t("state_" + item.state), item.group, t("priority_" + item.priority),
    item.language, item.agent ? t("agent") + ": " + item.agent.name : ""].filter(Boolean).join(" · ");
  renderSummary(item);
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

// ---- analytics: the figures of a period with what each one counts, trends as plain SVG charts
// (patterns and labels, not colour alone), intents and articles by name, and the unanswered
// questions grouped by meaning (computed in the background by the gateway) -----------------

const ANALYTICS_TEXTS = {
  ru: {
    analytics: "Аналитика", queue_view: "Очередь", date_from: "С", date_to: "По", show: "Показать",
    export_csv: "Скачать CSV (по разговорам)", period_shown: "Период: {from} — {to}, шаг графиков: {step}",
    step_day: "день", step_week: "неделя", step_month: "месяц", what_counts: "Что здесь считается",
    conversations: "Разговоров", resolved: "Решено ботом", unresolved: "Не решено",
    handoff_rate: "Передано оператору", not_answered: "Вопросы без ответа", csat: "CSAT",
    first_response: "Время до первого ответа", resolution: "Время до решения", of: "{n} из {total}",
    resolved_split: "подтверждено {c} · предположительно {a}", questions_of: "{n} из {total} вопросов",
    csat_of: "оценок 4–5: {n} из {total} · средняя {mean} / 5", median_p90: "медиана {m} · 90 %: {p}",
    cases_n: "обращений: {n}", still_open: "ещё открыто: {n}", questions_n: "вопросов: {n}",
    in_conversations: "в разговорах: {n}", csat_legend: "доля оценок 4–5",
    help_conversations: "Разговоры, начатые в выбранном периоде (дни по UTC). Все остальные цифры страницы считаются по этим же разговорам, даже если передача или оценка были позже.",
    help_resolved: "Без передачи оператору, и клиент подтвердил (ответил «да, помогло» на статью, поблагодарил после ответа или поставил 4–5) — «подтверждено»; или получил ответ по теме поддержки и ушёл: без «нет», без вопроса без ответа и без новой просьбы после ответа — «предположительно». Оценка 1–2 решением не считается никогда.",
    help_unresolved: "Всё остальное без передачи оператору: последний вопрос остался без ответа, клиент сказал «нет», ушёл после уточняющего вопроса или ушёл, не получив ответа по теме поддержки.",
    help_handoff: "Разговоры, в которых открыто обращение к оператору; причина — у первого обращения. Разговор с двумя обращениями считается один раз.",
    help_not_answered: "Доля вопросов клиентов, оставшихся без ответа. Вопрос — любое сообщение, кроме ответа на вопрос бота (да/нет после статьи, выбор варианта, оценка, ответы в форме передачи). Без ответа: бот сказал, что ответа нет (или не смог прочитать сообщение); бот потерял нить; статью оценили «нет»; после уточняющего вопроса статью не выбрали; бот ответил наугад — намерение nlu_fallback или уверенность ниже {g} (порог запасного ответа плюс 0,2). Ответы из справки оцениваются порогами поиска статей, а не уверенностью намерения.",
    help_csat: "Доля оценок 4 и 5 среди оценок разговоров периода (у разговора учитывается последняя оценка) и средняя оценка.",
    help_first_response: "От передачи до момента, когда оператор взял обращение (клиент видит, что оператор подключился). Медиана и 90-й процентиль по первым обращениям разговоров.",
    help_resolution: "От передачи до закрытия обращения оператором. Медиана и 90-й процентиль; открытые обращения не входят.",
    chart_outcomes: "Разговоры по исходу", chart_handoffs: "Передачи оператору по причинам",
    chart_csat: "CSAT: доля оценок 4–5", no_data: "Нет данных за этот период.", no_ratings: "Оценок нет.",
    numbers: "Числа графика", step: "Шаг", total: "Всего", ratings_n: "оценок: {n}",
    resolved_confirmed: "решено, подтверждено", resolved_assumed: "решено, предположительно",
    handed_off: "передано оператору", unresolved_outcome: "не решено",
    why_unanswered: "Почему вопросы остались без ответа", reason_no_answer: "бот сказал, что ответа нет",
    reason_fallback: "бот потерял нить", reason_rated_no: "статью оценили «нет»",
    reason_clarify_abandoned: "после уточнения статью не выбрали", reason_guessed: "бот ответил наугад",
    handoffs: "Передачи оператору", top_intents: "Частые темы", articles: "Статьи справки",
    ratings: "Оценки клиентов", unanswered: "Вопросы без ответа, сгруппированные по смыслу",
    reason: "Причина", intent: "Тема", count: "Сколько", share: "Доля", article: "Статья",
    shown: "Показана", helpful: "Помогла", not_helpful: "Не помогла", score: "Оценка",
    intent_nlu_fallback: "Бот не распознал тему", example: "например: «{e}»",
    questions: "вопросов: {n}", draft_article: "Черновик статьи", draft_examples: "Добавить как примеры",
    copy: "Копировать", download: "Скачать", copied: "Скопировано.",
    computing: "Группирую вопросы… Это делается в фоне, цифры выше уже точные.",
    computed_at: "Сгруппировано {t}.", updating: "Обновляю группы…", nothing_unanswered: "Вопросов без ответа нет.",
    cluster_failed: "Не удалось сгруппировать вопросы; причина — в журнале шлюза.",
    example_conversations: "Разговоры:", conversation_n: "разговор {n}", hide: "Скрыть",
    form_hidden: "(ответ в форме передачи скрыт)", truncated: "Показаны первые 60 сообщений.",
    invalid_date: "Проверьте даты.", date_end_before_start: "Конец периода раньше начала — начало должно быть не позже конца.",
    date_too_long: "Период может быть не длиннее десяти лет.", date_not_a_date: "Введите даты в формате ГГГГ-ММ-ДД, с 1970 по 2999 год.",
    conversation_not_found: "Этот разговор удалён или больше не входит в группы.",
    sec: "{n} с", min: "{n} мин", hour: "{h} ч {m} мин", day: "{d} дн {h} ч",
    reason_requested: "клиент попросил", reason_low_confidence: "бот не понял",
    reason_not_helpful: "ответы не помогли", reason_complaint: "жалоба",
    reason_negative: "недовольство", reason_always_human: "только оператор",
  },
  en: {
    analytics: "Analytics", queue_view: "Queue", date_from: "From", date_to: "To", show: "Show",
    export_csv: "Download CSV (one row per conversation)", period_shown: "Period: {from} to {to}, chart step: {step}",
    step_day: "day", step_week: "week", step_month: "month", what_counts: "What is counted here",
    conversations: "Conversations", resolved: "Resolved by the bot", unresolved: "Unresolved",
    handoff_rate: "Handed off to an agent", not_answered: "Questions not answered", csat: "CSAT",
    first_response: "First response time", resolution: "Time to resolution", of: "{n} of {total}",
    resolved_split: "confirmed {c} · assumed {a}", questions_of: "{n} of {total} questions",
    csat_of: "rated 4-5: {n} of {total} · average {mean} / 5", median_p90: "median {m} · 90%: {p}",
    cases_n: "cases: {n}", still_open: "still open: {n}", questions_n: "questions: {n}",
    in_conversations: "in conversations: {n}", csat_legend: "share of ratings 4-5",
    help_conversations: "Conversations that started in the chosen period (UTC days). Every other figure on the page counts these same conversations, even when a handoff or a rating came later.",
    help_resolved: "No handoff, and the customer confirmed it (said yes to “Did this help?”, thanked the bot after an answer, or rated 4-5): confirmed; or got an answer on a support topic and left, with no “no”, no unanswered question and no new request after it: assumed. A rating of 1-2 never counts as resolved.",
    help_unresolved: "Everything else without a handoff: the last question went unanswered, the customer said no, left at a clarifying question, or left without an answer on a support topic.",
    help_handoff: "Conversations in which a case for a person was opened, under the reason of the first case. A conversation with two cases counts once.",
    help_not_answered: "The share of the customers' questions that got no answer. A question is any message except a reply to the bot's own question (yes/no after an article, a choice, a rating, answers in the handoff form). Not answered: the bot said it had no answer (or could not read the message); it lost the thread; the article was rated “no”; no article was chosen after a clarifying question; or the bot guessed: the intent was nlu_fallback or its confidence was under {g} (the fallback threshold plus 0.2). Answers from the help articles are judged by the article search's own thresholds, not by the intent's confidence.",
    help_csat: "The share of 4 and 5 among the ratings of the period's conversations (a conversation's latest rating counts), and the average rating.",
    help_first_response: "From the handoff to the moment an agent claimed the case (the customer sees the agent join). Median and 90th percentile over the conversations' first cases.",
    help_resolution: "From the handoff to the agent closing the case. Median and 90th percentile; cases still open are not included.",
    chart_outcomes: "Conversations by outcome", chart_handoffs: "Handoffs by reason",
    chart_csat: "CSAT: share of ratings 4-5", no_data: "No data for this period.", no_ratings: "No ratings.",
    numbers: "The chart's numbers", step: "Step", total: "Total", ratings_n: "ratings: {n}",
    resolved_confirmed: "resolved, confirmed", resolved_assumed: "resolved, assumed",
    handed_off: "handed off", unresolved_outcome: "unresolved",
    why_unanswered: "Why questions went unanswered", reason_no_answer: "the bot said it had no answer",
    reason_fallback: "the bot lost the thread", reason_rated_no: "the article was rated “no”",
    reason_clarify_abandoned: "no article chosen after a clarifying question", reason_guessed: "the bot guessed",
    handoffs: "Handoffs to agents", top_intents: "Top topics", articles: "Help articles",
    ratings: "Customer ratings", unanswered: "Unanswered questions, grouped by meaning",
    reason: "Reason", intent: "Topic", count: "Count", share: "Share", article: "Article",
    shown: "Shown", helpful: "Helpful", not_helpful: "Not helpful", score: "Rating",
    intent_nlu_fallback: "The bot did not recognise the topic", example: "e.g. “{e}”",
    questions: "{n} questions", draft_article: "Draft an article", draft_examples: "Add as intent examples",
    copy: "Copy", download: "Download", copied: "Copied.",
    computing: "Grouping the questions… This runs in the background; the figures above are final.",
    computed_at: "Grouped at {t}.", updating: "Updating the groups…", nothing_unanswered: "No unanswered questions.",
    cluster_failed: "The questions could not be grouped; the gateway's log says why.",
    example_conversations: "Conversations:", conversation_n: "conversation {n}", hide: "Hide",
    form_hidden: "(answer in the handoff form hidden)", truncated: "The first 60 messages are shown.",
    invalid_date: "Please check the dates.", date_end_before_start: "The end of the range is before its start: the start must not be later than the end.",
    date_too_long: "A range can be at most ten years long.", date_not_a_date: "Enter dates as YYYY-MM-DD, from 1970 to 2999.",
    conversation_not_found: "This conversation has been erased or is no longer in the groups.",
    sec: "{n} s", min: "{n} min", hour: "{h} h {m} min", day: "{d} d {h} h",
    reason_requested: "customer asked", reason_low_confidence: "bot did not understand",
    reason_not_helpful: "answers did not help", reason_complaint: "complaint",
    reason_negative: "unhappy customer", reason_always_human: "people-only topic",
  },
};
for (const lang of Object.keys(ANALYTICS_TEXTS)) Object.assign(TEXTS[lang], ANALYTICS_TEXTS[lang]);

const OUTCOME_SERIES = ["resolved_confirmed", "resolved_assumed", "unresolved", "handed_off"];
const NOT_ANSWERED_REASONS = ["no_answer", "fallback", "rated_no", "clarify_abandoned", "guessed"];
// Fill patterns: each series differs by its pattern, not only by its colour.
const PATTERNS = [
  { kind: "solid", color: "#1f5fbf" }, { kind: "diagonal", color: "#2e7d32" },
  { kind: "dots", color: "#8a5a00" }, { kind: "cross", color: "#c62828" },
  { kind: "horizontal", color: "#6a1b9a" }, { kind: "vertical", color: "#00695c" },
  { kind: "grid", color: "#37474f" },
];
const SVG_NS = "http://www.w3.org/2000/svg";

function percent(rate) { return rate === null || rate === undefined ? "—" : (rate * 100).toFixed(1) + " %"; }

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  if (s < 60) return t("sec", { n: s });
  if (s < 3600) return t("min", { n: Math.round(s / 60) });
  if (s < 86400) return t("hour", { h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) });
  return t("day", { d: Math.floor(s / 86400), h: Math.round((s % 86400) / 3600) });
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svg(tag, attributes, parent) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

function dayLabel(iso, step, long) {
  const date = new Date(iso + "T00:00:00Z");
  const locale = state.lang === "ru" ? "ru-RU" : "en-GB";
  const options = step === "month" ? { month: "short", year: long ? "numeric" : "2-digit" } : { day: "numeric", month: "short" };
  if (long && step !== "month") options.year = "numeric";
  return date.toLocaleDateString(locale, { ...options, timeZone: "UTC" });
}

function fillTable(table, headers, rows) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const key of headers) head.appendChild(el("th", t(key)));
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const value of row) {
      const cell = line.insertCell();
      if (value instanceof Node) cell.appendChild(value); else cell.textContent = String(value);
    }
  }
}

// ---- charts: stacked bars and a line, drawn as SVG with a legend inside the picture ---------

function addPatterns(root, prefix) {
  const defs = svg("defs", {}, root);
  PATTERNS.forEach((pattern, index) => {
    const tile = svg("pattern", { id: prefix + index, width: 8, height: 8, patternUnits: "userSpaceOnUse" }, defs);
    svg("rect", { width: 8, height: 8, fill: pattern.kind === "solid" ? pattern.color : "#ffffff" }, tile);
    const line = { stroke: pattern.color, "stroke-width": 2 };
    const paths = {
      diagonal: ["M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6"], cross: ["M0,8 L8,0", "M0,0 L8,8"],
      horizontal: ["M0,4 L8,4"], vertical: ["M4,0 L4,8"], grid: ["M0,4 L8,4", "M4,0 L4,8"],
    }[pattern.kind] || [];
    for (const d of paths) svg("path", { d, ...line }, tile);
    if (pattern.kind === "dots") svg("circle", { cx: 4, cy: 4, r: 2, fill: pattern.color }, tile);
  });
}

function niceMax(value) {
  // Four grid steps of a round, whole size: 8, 40, 100, 2000…
  const raw = Math.max(1, value / 4);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = factor * power;
    if (step >= raw && Number.isInteger(step)) return step * 4;
  }
  return 40 * power;
}

function legend(root, series, prefix, width) {
  let x = 44, y = 14;
  for (const [index, item] of series.entries()) {
    const size = 22 + item.label.length * 7;
    if (x + size > width - 8) { x = 44; y += 18; }
    svg("rect", { x, y: y - 10, width: 14, height: 12, fill: "url(#" + prefix + index + ")", stroke: PATTERNS[index].color }, root);
    svg("text", { x: x + 18, y, "font-size": 12, fill: "#1d2330" }, root).textContent = item.label;
    x += size + 14;
  }
  return y + 14;
}

function chartFrame(container, title, prefix) {
  container.replaceChildren();
  const root = svg("svg", { viewBox: "0 0 760 300", role: "img", "aria-label": title, class: "chart", width: "100%" });
  svg("title", {}, root).textContent = title;
  addPatterns(root, prefix);
  container.appendChild(root);
  return root;
}

function axes(root, top, max, suffix) {
  const bottom = 262, left = 44, right = 752;
  for (let i = 0; i <= 4; i++) {
    const y = bottom - (bottom - top) * i / 4;
    svg("line", { x1: left, x2: right, y1: y, y2: y, stroke: i ? "#dde2ea" : "#5b6475" }, root);
    const value = Math.round(max * i / 4 * 10) / 10;
    svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#5b6475" }, root).textContent = value + (suffix || "");
  }
  return { bottom, left, right };
}

function xLabels(root, buckets, step, frame, slot) {
  const every = Math.max(1, Math.ceil(buckets.length / 10));
  buckets.forEach((bucket, index) => {
    if (index % every) return;
    const x = frame.left + slot * (index + 0.5);
    svg("text", { x, y: frame.bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "#5b6475" }, root).textContent = dayLabel(bucket.start, step);
  });
}

function noData(root, message) {
  svg("text", { x: 380, y: 150, "text-anchor": "middle", "font-size": 16, fill: "#5b6475" }, root).textContent = message;
}

function stackedBars(container, title, buckets, series, step, prefix) {
  const root = chartFrame(container, title, prefix);
  const top = legend(root, series, prefix, 760) + 8;
  const totals = buckets.map((b) => series.reduce((sum, s) => sum + s.value(b), 0));
  if (!totals.some((n) => n > 0)) { noData(root, t("no_data")); return; }
  const max = niceMax(Math.max(...totals));
  const frame = axes(root, top, max);
  const slot = (frame.right - frame.left) / buckets.length;
  const width = Math.max(1, slot * 0.72);
  buckets.forEach((bucket, index) => {
    let y = frame.bottom;
    const x = frame.left + slot * index + (slot - width) / 2;
    series.forEach((item, s) => {
      const value = item.value(bucket);
      if (!value) return;
      const height = (frame.bottom - top) * value / max;
      y -= height;
      const bar = svg("rect", { x, y, width, height, fill: "url(#" + prefix + s + ")", stroke: PATTERNS[s].color, "stroke-width": 1 }, root);
      svg("title", {}, bar).textContent = dayLabel(bucket.start, step, true) + " · " + item.label + ": " + value;
    });
    if (totals[index] && buckets.length <= 31) {
      svg("text", { x: x + width / 2, y: y - 4, "text-anchor": "middle", "font-size": 11, fill: "#1d2330" }, root).textContent = totals[index];
    }
  });
  xLabels(root, buckets, step, frame, slot);
}

function csatLine(container, title, buckets, step, prefix) {
  const root = chartFrame(container, title, prefix);
  const top = legend(root, [{ label: t("csat_legend") }], prefix, 760) + 8;
  if (!buckets.some((b) => b.ratings > 0)) { noData(root, t("no_ratings")); return; }
  const frame = axes(root, top, 100, " %");
  const slot = (frame.right - frame.left) / buckets.length;
  // A step without ratings has no point, and the line breaks there.
  const points = buckets.map((bucket, index) => bucket.ratings
    ? { bucket, x: frame.left + slot * (index + 0.5), y: frame.bottom - (frame.bottom - top) * bucket.csat }
    : null);
  const path = points.map((p, index) => p ? (points[index - 1] ? "L" : "M") + p.x.toFixed(1) + "," + p.y.toFixed(1) : "");
  svg("path", { d: path.filter(Boolean).join(" "), fill: "none", stroke: PATTERNS[0].color, "stroke-width": 2 }, root);
  points.forEach((p) => {
    if (!p) return;
    const { bucket, x, y } = p;
    const point = svg("circle", { cx: x, cy: y, r: 4, fill: "#ffffff", stroke: PATTERNS[0].color, "stroke-width": 2 }, root);
    svg("title", {}, point).textContent = dayLabel(bucket.start, step, true) + " · " + percent(bucket.csat) + " · " + t("of", { n: bucket.satisfied, total: bucket.ratings });
    if (buckets.length <= 31) {
      svg("text", { x, y: y - 8, "text-anchor": "middle", "font-size": 11, fill: "#1d2330" }, root).textContent = Math.round(bucket.csat * 100) + " %";
    }
  });
  xLabels(root, buckets, step, frame, slot);
}

function chartNumbers(details, step, buckets, columns) {
  const table = el("table");
  fillTable(table, ["step", ...columns.map((c) => c.key)], buckets.map((b) => [dayLabel(b.start, step, true), ...columns.map((c) => c.value(b))]));
  for (const [index, column] of columns.entries()) table.tHead.rows[0].cells[index + 1].textContent = column.label;
  details.replaceChildren(el("summary", t("numbers")), table);
}

function drawCharts(data) {
  const step = data.period.step;
  const buckets = data.trends;
  const outcomes = OUTCOME_SERIES.map((name) => ({ key: name, label: t(name === "unresolved" ? "unresolved_outcome" : name), value: (b) => b[name] }));
  stackedBars($("chart-outcomes"), t("chart_outcomes"), buckets, outcomes, step, "p-out-");
  chartNumbers($("chart-outcomes-numbers"), step, buckets, [...outcomes, { key: "total", label: t("total"), value: (b) => b.conversations }]);
  const reasons = [...new Set(buckets.flatMap((b) => Object.keys(b.handoffs_by_reason)))].sort();
  const handoffs = reasons.slice(0, PATTERNS.length).map((reason) => ({ key: reason, label: reasonLabel(reason), value: (b) => b.handoffs_by_reason[reason] || 0 }));
  stackedBars($("chart-handoffs"), t("chart_handoffs"), buckets, handoffs, step, "p-hand-");
  chartNumbers($("chart-handoffs-numbers"), step, buckets, handoffs);
  csatLine($("chart-csat"), t("chart_csat"), buckets, step, "p-csat-");
  chartNumbers($("chart-csat-numbers"), step, buckets, [
    { key: "csat", label: t("csat"), value: (b) => percent(b.csat) },
    { key: "satisfied", label: "4–5", value: (b) => b.satisfied },
    { key: "ratings", label: t("ratings"), value: (b) => b.ratings },
  ]);
}

function reasonLabel(reason) { return TEXTS.en["reason_" + reason] ? t("reason_" + reason) : reason; }

// ---- the page: figures, tables, charts, then the question groups -------------------------

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

function figure(id, text, n, total) {
  const node = $(id);
  node.textContent = text;
  if (n !== undefined) node.dataset.n = String(n);
  if (total !== undefined) node.dataset.total = String(total);
}

function timeFigure(id, times) {
  figure(id, duration(times.median_seconds), times.count);
  $(id + "-detail").textContent = times.count
    ? t("median_p90", { m: duration(times.median_seconds), p: duration(times.p90_seconds) }) + " · " + t("cases_n", { n: times.count })
    : t("cases_n", { n: 0 });
}

function intentCell(item) {
  const cell = el("span");
  cell.title = item.intent;
  cell.appendChild(el("span", item.intent === "nlu_fallback" ? t("intent_nlu_fallback") : item.description || item.intent));
  const example = item.example && (item.example[state.lang] || item.example.ru || item.example.en);
  if (example) cell.appendChild(el("small", " · " + t("example", { e: example }), "muted"));
  return cell;
}

function articleCell(item) {
  const linked = item.url && /^https?:\/\//.test(item.url);
  const cell = el(linked ? "a" : "span", item.title || item.article);
  if (linked) { cell.href = item.url; cell.target = "_blank"; cell.rel = "noopener noreferrer"; }
  cell.title = item.article;
  return cell;
}

function share(part, whole) { return whole ? percent(part / whole) : "—"; }

function renderAnalytics(data) {
  const n = data.conversations;
  const o = data.outcomes, q = data.questions, h = data.handoffs, c = data.csat;
  $("analytics-period").textContent = t("period_shown", {
    from: dayLabel(data.period.from, "day", true), to: dayLabel(data.period.to, "day", true), step: t("step_" + data.period.step),
  });
  figure("a-conversations", String(n), n);
  $("a-conversations-detail").textContent = t("questions_n", { n: q.total });
  const resolved = o.resolved_confirmed + o.resolved_assumed;
  figure("a-resolved", percent(data.rates.resolved), resolved, n);
  $("a-resolved-detail").textContent = t("of", { n: resolved, total: n }) + " · " + t("resolved_split", { c: o.resolved_confirmed, a: o.resolved_assumed });
  $("a-resolved-detail").dataset.confirmed = String(o.resolved_confirmed);
  $("a-resolved-detail").dataset.assumed = String(o.resolved_assumed);
  figure("a-unresolved", percent(data.rates.unresolved), o.unresolved, n);
  $("a-unresolved-detail").textContent = t("of", { n: o.unresolved, total: n });
  figure("a-handoff-rate", percent(h.rate), h.conversations, n);
  $("a-handoff-rate-detail").textContent = t("of", { n: h.conversations, total: n }) + " · " + t("still_open", { n: h.still_open });
  figure("a-not-answered", percent(q.not_answered_rate), q.not_answered, q.total);
  $("a-not-answered-detail").textContent = t("questions_of", { n: q.not_answered, total: q.total }) + " · " + t("in_conversations", { n: q.conversations_with_unanswered });
  $("help-not-answered").textContent = t("help_not_answered", { g: data.guess_below });
  figure("a-csat", percent(c.csat), c.satisfied, c.count);
  $("a-csat-detail").textContent = t("csat_of", { n: c.satisfied, total: c.count, mean: c.mean === null ? "—" : c.mean });
  timeFigure("a-first-response", h.first_response);
  timeFigure("a-resolution", h.resolution);
  for (const summary of document.querySelectorAll("#analytics-view .help > summary")) summary.setAttribute("aria-label", t("what_counts"));
  fillTable($("a-not-answered-reasons"), ["reason", "count", "share"],
    NOT_ANSWERED_REASONS.map((r) => [t("reason_" + r), q.by_reason[r], share(q.by_reason[r], q.not_answered)]));
  fillTable($("a-handoffs"), ["reason", "count", "share"],
    Object.entries(h.by_reason).map(([reason, count]) => [reasonLabel(reason), count, share(count, h.conversations)]));
  fillTable($("a-intents"), ["intent", "count", "share"], data.top_intents.map((i) => [intentCell(i), i.count, percent(i.share)]));
  fillTable($("a-articles"), ["article", "shown", "helpful", "not_helpful"], data.articles.map((a) => [articleCell(a), a.shown, a.helpful, a.not_helpful]));
  fillTable($("a-ratings"), ["score", "count"], Object.entries(c.distribution));
  drawCharts(data);
}

function dateProblem(result) {
  const error = (result.data && result.data.error) || {};
  return error.code === "invalid_date" ? t("date_" + (error.problem || "not_a_date")) : errorText(result);
}

// applyTexts calls this (the language changed, the desk's socket reconnected): the figures already
// loaded are drawn again in the current language; the gateway is asked only for a new period.
function showAnalytics() {
  defaultDates();
  const current = state.analytics;
  if (!current || current.query !== periodQuery()) return loadAnalytics();
  if (current.data) renderAnalytics(current.data);
  if (current.groups) renderGroups(current, current.groups, true);
}

async function loadAnalytics() {
  defaultDates();
  const from = $("analytics-from").value, to = $("analytics-to").value;
  delete $("analytics-view").dataset.ready;
  if (from && to && to < from) { $("analytics-error").textContent = t("date_end_before_start"); return; }
  const query = periodQuery();
  const current = { query, data: null, groups: null, clustersAt: undefined };
  state.analytics = current;
  performance.mark("desk:analytics-asked");
  const result = await api("/desk/api/analytics" + query);
  if (state.analytics !== current) return;  // another period was asked for meanwhile
  if (result.status === 401) return showLogin();
  if (!result.ok) { $("analytics-error").textContent = dateProblem(result); return; }
  $("analytics-error").textContent = "";
  $("analytics-csv").href = "/desk/api/analytics/export.csv" + query;
  current.data = result.data;
  renderAnalytics(result.data);
  loadUnanswered(current);
}

async function loadUnanswered(current) {
  const result = await api("/desk/api/analytics/unanswered" + current.query);
  if (state.analytics !== current || state.view !== "analytics") return;
  if (result.status === 401) return showLogin();
  if (!result.ok) { $("a-unanswered-status").textContent = errorText(result); return; }
  current.groups = result.data;
  renderGroups(current, result.data, false);
  if (result.data.status === "computing" || result.data.updating) setTimeout(() => loadUnanswered(current), 1000);
  else {
    // Everything shown: figures, charts and groups (bench/analytics.py reads the measure).
    performance.measure("desk:analytics-shown", "desk:analytics-asked");
    $("analytics-view").dataset.ready = current.query;
  }
}

function renderGroups(current, data, again) {
  const status = $("a-unanswered-status");
  if (data.status === "computing") {
    status.textContent = t("computing");
    $("a-unanswered").replaceChildren();
  } else if (data.status === "failed") {
    status.textContent = t("cluster_failed");
  } else {
    const at = new Date(data.computed_at).toLocaleString(state.lang === "ru" ? "ru-RU" : "en-GB");
    status.textContent = (data.clusters.length ? "" : t("nothing_unanswered") + " ") + t("computed_at", { t: at }) + (data.updating ? " " + t("updating") : "");
    if (again || current.clustersAt !== data.computed_at) {
      current.clustersAt = data.computed_at;
      $("a-unanswered").replaceChildren(...data.clusters.map((cluster) => clusterItem(cluster, current.query)));
    }
  }
}

function clusterItem(cluster, query) {
  const item = el("li");
  const count = el("span", " · " + t("questions", { n: cluster.count }), "muted");
  const examples = el("ul");
  for (const example of cluster.examples) examples.appendChild(el("li", example));
  const draft = el("div", null, "draft");
  const buttons = el("p");
  const drafts = [["draft_article", cluster.article_draft, "article.md"], ["draft_examples", cluster.examples_draft, "examples.yml"]];
  for (const [key, text, file] of drafts) {
    const button = el("button", t(key));
    button.type = "button";
    button.addEventListener("click", () => showDraft(draft, text, file));
    buttons.appendChild(button);
  }
  item.append(el("strong", cluster.examples[0]), count, examples);
  if (cluster.conversations.length) {
    const links = el("p", t("example_conversations") + " ", "conversations");
    const box = el("div", null, "example");
    cluster.conversations.forEach((ref, index) => {
      const link = el("a", t("conversation_n", { n: index + 1 }));
      link.href = "#conversation-" + ref;
      link.title = ref;
      link.addEventListener("click", (event) => { event.preventDefault(); showConversation(box, query, ref); });
      links.append(link, " ");
    });
    item.append(links, box);
  }
  item.append(buttons, draft);
  return item;
}

async function showConversation(box, query, ref) {
  const result = await api("/desk/api/analytics/unanswered" + query + "&conversation=" + encodeURIComponent(ref));
  if (!result.ok) { box.replaceChildren(el("p", errorText(result), "error")); return; }
  const conversation = result.data.conversation;
  const list = el("ol", null, "transcript");
  for (const message of conversation.messages) {
    const line = el("li", null, message.author);
    const when = message.ts ? new Date(message.ts).toLocaleString(state.lang === "ru" ? "ru-RU" : "en-GB") : "";
    line.append(el("span", t(message.author) + " · " + when, "who"), el("span", message.hidden ? t("form_hidden") : message.text, message.hidden ? "muted" : ""));
    list.appendChild(line);
  }
  const hide = el("button", t("hide"));
  hide.type = "button";
  hide.addEventListener("click", () => box.replaceChildren());
  box.replaceChildren(list, ...(conversation.truncated ? [el("p", t("truncated"), "muted")] : []), hide);
}

function showDraft(box, text, file) {
  const pre = el("pre", text);
  const copy = el("button", t("copy"));
  copy.type = "button";
  const done = el("span", "", "muted");
  done.setAttribute("role", "status");
  copy.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(text); done.textContent = t("copied"); } catch (error) {
      window.getSelection().selectAllChildren(pre);
    }
  });
  const download = el("a", t("download"), "button");
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
  // Enter sends, Shift+Enter starts a new line, as in every chat tool; Enter that confirms an
  // input method's composition (Chinese, Japanese…) is left to the input method.
  $("reply").addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    $("reply-form").requestSubmit();
  });
  $("reply-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("reply").value.trim();
    if (!text || state.sending) return;
    state.sending = true;
    const clientId = "d-" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    try {
      await act(caseUrl("messages"), { text, client_id: clientId }, (data) => { addMessage(data.message); $("reply").value = ""; sendTyping(false); });
    } finally { state.sending = false; }
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
