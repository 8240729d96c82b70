"use strict";
// The Kayas console: type a command, see the plan and its confidence, say yes or no to what
// waits for it, see the results and this server's history. Everything shown is built with
// textContent (never innerHTML): a plan's text cannot become markup.
//
// The token: `kayas serve --console-url` prints http://HOST:PORT/#token=..., a fragment the
// browser never sends to any server. The page moves it into sessionStorage (this tab only,
// gone when the tab closes) and removes it from the address bar; without it the page asks.
(() => {
  const KEY = "kayas-token";
  const $ = (id) => document.getElementById(id);
  let token = null;
  let tools = new Map();
  let lastHistory = 0;
  let countdown = null;

  // ---------------------------------------------------------------- the token

  function tokenFromFragment() {
    const m = location.hash.match(/(?:^#|&)token=([A-Za-z0-9_-]+)/);
    if (m) {
      sessionStorage.setItem(KEY, m[1]);
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function askForToken(message) {
    sessionStorage.removeItem(KEY);
    token = null;
    $("app").hidden = true;
    $("forget").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    setStatus("token needed", "warn");
    $("token").focus();
  }

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(method, path, body) {
    const headers = { Authorization: "Bearer " + token };
    const init = { method, headers, cache: "no-store", credentials: "omit", redirect: "error" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new ApiError("the server cannot be reached (is kayas serve running?)", 0);
    }
    let data;
    try { data = await res.json(); } catch (e) { data = { error: "HTTP " + res.status + " (not JSON)" }; }
    if (res.status === 401) {
      askForToken("The server did not accept that token.");
      throw new ApiError(data.error || "unauthorized", 401);
    }
    if (!res.ok) throw new ApiError((data && data.error) || "HTTP " + res.status, res.status);
    return data;
  }

  // ---------------------------------------------------------------- building blocks

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("data-") || k === "role" || k.startsWith("aria-")) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  function short(value, width) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length <= width ? text : text.slice(0, width - 1) + "…";
  }

  function setStatus(text, kind) {
    const s = $("status");
    s.textContent = text;
    s.className = kind || "";
  }

  function badge(status) {
    return el("span", { class: "badge " + status, "data-status": status }, status);
  }

  function confidenceView(confidence) {
    if (confidence === null || confidence === undefined) return el("span", { class: "confidence" }, "confidence: not given");
    const pct = Math.round(confidence * 100);
    return el("span", { class: "confidence" }, "confidence ",
      el("meter", { min: 0, max: 1, low: 0.5, high: 0.8, optimum: 1, value: confidence }), " " + pct + " %");
  }

  function planTable(calls, results) {
    if (!calls.length) return el("p", { class: "empty" }, "The plan is empty: no tool for that.");
    const byIndex = new Map((results || []).map((r) => [r.index, r]));
    const head = el("tr", {}, el("th", {}, "#"), el("th", {}, "tool"), el("th", {}, "arguments"),
      results ? el("th", {}, "result") : null);
    const rows = calls.map((call, i) => {
      const info = tools.get(call.tool);
      const r = byIndex.get(i);
      return el("tr", { "data-index": String(i) },
        el("td", {}, String(i)),
        el("td", {}, call.tool, info && info.destructive ? el("span", { class: "destructive" }, "destructive") : null),
        el("td", {}, el("code", {}, short(call.args, 160))),
        results ? el("td", {}, r ? badge(r.status) : "", r ? " " : "", r ? el("code", {}, resultText(r)) : "") : null);
    });
    return el("table", { class: "plan" }, el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function resultText(r) {
    if (r.error) return r.error;
    if (r.status === "ok") return short(r.result, 200);
    return "";
  }

  // ---------------------------------------------------------------- showing answers

  function show(...nodes) {
    if (countdown) { clearInterval(countdown); countdown = null; }
    $("result").replaceChildren(...nodes);
  }

  function showError(err) {
    const busy = err.status === 503 ? " Try again in a moment." : "";
    show(el("p", { class: "error", role: "alert" }, err.message + busy));
  }

  function showPlan(outcome) {
    const runIt = el("button", { type: "button", class: "primary" }, "Run this plan");
    runIt.addEventListener("click", () => act(() => api("POST", "/run", { plan: outcome.calls }), showReport));
    show(el("article", { class: "card", "data-kind": "plan" },
      el("h3", {}, "Plan ", confidenceView(outcome.confidence), outcome.confident ? null : el("span", { class: "badge unsure" }, "unsure")),
      el("p", { class: "understood" }, outcome.understood || "nothing"),
      planTable(outcome.calls),
      el("p", { class: "timings" }, timingsText(outcome.timings)),
      outcome.calls.length ? runIt : null));
    refreshHistory();
  }

  function showReport(report) {
    const card = el("article", { class: "card", "data-kind": "report", "data-status": report.status },
      el("h3", {}, badge(report.status), " ", confidenceView(report.confidence)),
      el("p", { class: "message" }, report.message),
      planTable(report.plan, report.results.length ? report.results : null),
      el("p", { class: "timings" }, timingsText(report.timings)));
    if (report.confirmation) card.append(confirmBox(report));
    show(card);
    refreshHistory();
  }

  function confirmBox(report) {
    const c = report.confirmation;
    const expires = Date.now() + c.expires_in_s * 1000;
    const left = el("span", { class: "expires" }, "");
    const yes = el("button", { type: "button", class: "primary danger", id: "confirm" },
      c.reason === "destructive" ? "Confirm and run" : "Yes, run it");
    const no = el("button", { type: "button", id: "cancel" }, "Cancel");
    yes.addEventListener("click", () => act(() => api("POST", "/confirm/" + encodeURIComponent(c.id)), showReport));
    no.addEventListener("click", () => act(() => api("POST", "/cancel/" + encodeURIComponent(c.id)), (r) => {
      show(el("article", { class: "card", "data-kind": "cancelled" }, el("p", { class: "message" }, r.message)));
      refreshHistory();
    }));
    const tick = () => {
      const s = Math.max(0, Math.round((expires - Date.now()) / 1000));
      left.textContent = s > 0 ? "expires in " + s + " s" : "expired: plan it again";
      if (s <= 0) { yes.disabled = true; clearInterval(countdown); }
    };
    const box = el("div", { class: "confirm-box", role: "group", "aria-label": "confirmation" },
      el("p", {}, c.reason === "destructive"
        ? "Nothing has run yet. The marked calls are destructive."
        : "Nothing has run yet: the brain is not sure this is what you meant."),
      yes, " ", no, " ", left);
    setTimeout(() => { tick(); countdown = setInterval(tick, 1000); }, 0);
    return box;
  }

  function timingsText(t) {
    if (!t) return "";
    const parts = [];
    if (t.plan_ms !== undefined) parts.push("planned in " + t.plan_ms + " ms");
    if (t.forwards !== undefined) parts.push(t.forwards + (t.forwards === 1 ? " forward pass" : " forward passes"));
    if (t.run_ms !== undefined) parts.push("ran in " + t.run_ms + " ms");
    return parts.join(", ");
  }

  // ---------------------------------------------------------------- history

  async function refreshHistory() {
    let data;
    try { data = await api("GET", "/history?since=" + lastHistory); } catch (e) { return; }
    const list = $("history");
    for (const entry of data.entries) {
      lastHistory = Math.max(lastHistory, entry.id);
      const when = new Date(entry.at * 1000).toLocaleTimeString();
      list.prepend(el("li", { "data-kind": entry.kind, "data-status": entry.status },
        el("time", {}, when), " ", el("span", { class: "kind" }, entry.kind), " ", badge(entry.status), " ",
        entry.command ? el("q", {}, entry.command) : el("span", { class: "kind" }, "(a plan)"), " ", el("span", { class: "message" }, entry.message)));
    }
  }

  // ---------------------------------------------------------------- actions

  async function act(request, render) {
    const buttons = document.querySelectorAll("#app button");
    buttons.forEach((b) => { b.disabled = true; });
    setStatus("working…", "busy");
    try {
      render(await request());
      setStatus("connected", "ok");
    } catch (err) {
      if (err.status !== 401) { showError(err); setStatus("connected", "ok"); }
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  async function start() {
    try {
      const list = await api("GET", "/tools");
      tools = new Map(list.map((t) => [t.name, t]));
    } catch (err) {
      if (err.status !== 401) setStatus(err.message, "error");
      return;
    }
    $("login").hidden = true;
    $("app").hidden = false;
    $("forget").hidden = false;
    setStatus("connected", "ok");
    await refreshHistory();
    $("command").focus();
  }

  document.addEventListener("DOMContentLoaded", () => {
    tokenFromFragment();
    token = sessionStorage.getItem(KEY);
    $("token-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const value = $("token").value.trim();
      if (!value) return;
      sessionStorage.setItem(KEY, value);
      token = value;
      $("token").value = "";
      start();
    });
    $("forget").addEventListener("click", () => askForToken("The token was forgotten by this tab."));
    $("command-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const command = $("command").value.trim();
      if (command) act(() => api("POST", "/run", { command }), showReport);
    });
    $("plan").addEventListener("click", () => {
      const command = $("command").value.trim();
      if (command) act(() => api("POST", "/plan", { command }), showPlan);
    });
    if (token) start(); else askForToken("");
  });
})();
