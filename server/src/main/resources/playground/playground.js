// The Huashu playground: asks POST /v1/suggest and POST /v1/lint-reply and shows their JSON,
// with an API key (asked for once the API answers 401) when the server has keys.
// Plain DOM code, no library. Text from the server is only ever set with textContent (never
// innerHTML), so a question or a corpus entry holding markup shows as the text it is.
"use strict";

(function () {
  const DECISIONS = {
    MATCH: "直接回答：一个意图足够确定",
    CLARIFY: "反问澄清：几个意图难分高下，请顾客确认",
    FALLBACK: "转人工：没有足够把握的意图",
  };
  const EMOTIONS = { CALM: "平静", DISSATISFIED: "不满", ANXIOUS: "焦虑", ANGRY: "愤怒" };
  const SIGNALS = {
    word: "词语",
    emoji: "表情",
    punctuation: "标点",
    repetition: "重复",
    waiting: "等待",
    model: "模型",
  };
  const ADVICE = {
    ESCALATE: "升级",
    VERIFY_IDENTITY: "核实身份",
    CREATE_TICKET: "创建工单",
    CHECK: "核查",
    RELATED: "相关",
  };
  const RULES = {
    "negative-phrase": "负面话术",
    jargon: "术语",
    "vague-time": "时间模糊",
    "missing-condition": "缺少条件",
    "no-empathy": "缺少共情",
  };

  const $ = (id) => document.getElementById(id);

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function clear(node) {
    node.replaceChildren();
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // The API key: a server started with --keys asks for one on /v1/*. It is kept in this tab's
  // sessionStorage only (gone when the tab closes) and sent as "Authorization: Bearer KEY".

  const KEY_STORAGE = "huashu.apiKey";

  function storedKey() {
    try {
      return window.sessionStorage.getItem(KEY_STORAGE) || "";
    } catch (e) {
      return ""; // Storage disabled: the key lives in the field only.
    }
  }

  function currentKey() {
    return $("api-key").value.trim() || storedKey();
  }

  function saveKey(event) {
    event.preventDefault();
    const key = $("api-key").value.trim();
    try {
      if (key) {
        window.sessionStorage.setItem(KEY_STORAGE, key);
      } else {
        window.sessionStorage.removeItem(KEY_STORAGE);
      }
    } catch (e) {
      // Storage disabled: the field still holds the key for this page.
    }
    $("key-form").classList.remove("needed");
    $("key-status").textContent = key ? "已保存（仅本标签页）" : "已清除";
  }

  /** The API answered 401: show the key field and say why. */
  function askForKey(sent) {
    $("key-form").hidden = false;
    $("key-form").classList.add("needed");
    $("key-status").textContent = sent ? "密钥无效，请重新输入" : "本服务需要 API 密钥，请输入后保存";
    $("api-key").focus();
  }

  /** Posts JSON; resolves to {status, body} with the body parsed when it is JSON. */
  async function postJson(path, payload) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const key = currentKey();
    if (key) {
      headers.Authorization = "Bearer " + key;
    }
    const response = await fetch(path, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(payload),
    });
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    updateKbVersion(response.headers.get("Huashu-KB-Version"));
    if (response.status === 401) {
      askForKey(Boolean(key));
    }
    return { status: response.status, body: body };
  }

  /** A problem (RFC 9457) or any other failed answer, as one line for the reader. */
  function describeFailure(status, body) {
    if (body && typeof body === "object") {
      const title = body.title || "HTTP " + status;
      return title + (body.detail ? "：" + body.detail : "");
    }
    return "HTTP " + status;
  }

  function updateKbVersion(version) {
    if (version) {
      $("kb-version").textContent = version;
      $("kb-version").dataset.value = version;
    }
  }

  function percent(value) {
    return (100 * value).toFixed(1) + "%";
  }

  // Asking: POST /v1/suggest, one message or a conversation.

  let conversationId = null;
  let lastQuestion = "";

  function newConversationId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return "playground-" + window.crypto.randomUUID();
    }
    return "playground-" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function resetConversation() {
    conversationId = $("conversation").checked ? newConversationId() : null;
    clear($("turns"));
    show($("turns"), false);
    show($("new-conversation"), $("conversation").checked);
  }

  async function ask(event) {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) {
      return;
    }
    const payload = { question: question };
    if (conversationId) {
      payload.conversation_id = conversationId;
    }
    $("ask-button").disabled = true;
    $("result").setAttribute("aria-busy", "true");
    show($("ask-error"), false);
    try {
      const { status, body } = await postJson("/v1/suggest", payload);
      if (status !== 200) {
        $("ask-error").textContent = "出错了：" + describeFailure(status, body);
        show($("ask-error"), true);
        return;
      }
      lastQuestion = question;
      renderResult(body);
      if (conversationId) {
        addTurn(body);
        $("question").value = "";
      }
    } catch (e) {
      $("ask-error").textContent = "无法连接服务：" + e.message;
      show($("ask-error"), true);
    } finally {
      $("ask-button").disabled = false;
      $("result").setAttribute("aria-busy", "false");
    }
  }

  function addTurn(result) {
    const top = result.suggestions.length > 0 ? result.suggestions[0].intent : "—";
    $("turns").append(
      el(
        "li",
        { className: "turn" },
        el("span", { className: "turn-question" }, result.question),
        el("span", { className: "badge decision-" + result.decision }, result.decision),
        el("code", {}, top)
      )
    );
    show($("turns"), true);
  }

  function renderResult(r) {
    const decision = $("decision");
    decision.textContent = r.decision;
    decision.dataset.decision = r.decision;
    decision.className = "decision decision-" + r.decision;
    $("decision-meaning").textContent = DECISIONS[r.decision] || "";
    $("reason").textContent = r.reason;
    show($("reason"), Boolean(r.reason));

    renderReply($("reply"), r.reply);
    $("unfilled").textContent = r.unfilled.length
      ? "待填写：" + r.unfilled.join("、") + "（消息里没有给出，发送前请补上）"
      : "";
    show($("unfilled"), r.unfilled.length > 0);

    renderEmotion(r.emotion);
    renderFacts(r.facts);

    const advice = clear($("advice"));
    for (const a of r.advice) {
      advice.append(
        el(
          "li",
          { "data-kind": a.kind },
          el("span", { className: "badge" }, ADVICE[a.kind] || a.kind),
          " ",
          a.message
        )
      );
    }
    show($("advice-block"), r.advice.length > 0);

    const list = clear($("suggestions"));
    r.suggestions.forEach((s, i) => list.append(renderSuggestion(s, i === 0)));
    show($("no-suggestions"), r.suggestions.length === 0);

    const also = clear($("also"));
    r.also.forEach((s) => also.append(renderSuggestion(s, false)));
    show($("also-block"), r.also.length > 0);

    $("echo-question").textContent = r.question;
    $("echo-normalized").textContent = r.normalized;
    updateKbVersion(r.kb_version);
    show($("result"), true);

    // The draft checker answers this message by default.
    $("draft-message").value = r.question;
    $("draft-intent").value = r.decision === "MATCH" ? r.suggestions[0].intent : "";
  }

  /** The reply, with its unfilled {slots} marked so that nobody sends them as they are. */
  function renderReply(target, text) {
    clear(target);
    const slot = /\{[^{}]+\}/g;
    let at = 0;
    for (const m of text.matchAll(slot)) {
      target.append(text.slice(at, m.index), el("span", { className: "slot" }, m[0]));
      at = m.index + m[0].length;
    }
    target.append(text.slice(at));
    target.dataset.text = text;
  }

  function renderEmotion(emotion) {
    const label = $("emotion-label");
    label.textContent = (EMOTIONS[emotion.label] || emotion.label) + " " + emotion.label;
    label.dataset.label = emotion.label;
    $("emotion-intensity").value = emotion.intensity;
    $("emotion-intensity-value").textContent = emotion.intensity;
    const signals = clear($("emotion-signals"));
    for (const s of emotion.signals) {
      signals.append(
        el(
          "li",
          { "data-kind": s.kind },
          el("span", { className: "badge" }, SIGNALS[s.kind] || s.kind),
          " ",
          el("q", {}, s.text),
          " → " + (EMOTIONS[s.label] || s.label) + "，权重 " + s.weight
        )
      );
    }
  }

  function renderFacts(facts) {
    const list = clear($("facts"));
    const entries = Object.entries(facts);
    for (const [name, value] of entries) {
      list.append(el("dt", {}, name), el("dd", {}, value));
    }
    show($("no-facts"), entries.length === 0);
  }

  function renderSuggestion(s, top) {
    const why = s.why;
    const details = el(
      "details",
      top ? { open: "" } : {},
      el("summary", {}, "诊断与方案"),
      field("问题诊断", el("p", { className: "diagnosis" }, s.diagnosis)),
      field("解决方案", el("ol", { className: "solution" }, ...s.solution.map((step) => el("li", {}, step)))),
      field("风险提示", el("p", { className: "risk-tip" }, s.risk_tip)),
      field(
        "负责部门",
        el(
          "p",
          { className: "department" },
          s.department,
          s.collaborators.length ? "（协作：" + s.collaborators.join("、") + "）" : ""
        )
      ),
      s.must_mention.length
        ? field("必须说明", el("p", { className: "must-mention" }, s.must_mention.join("、")))
        : null,
      field(
        "依据 why",
        el(
          "ul",
          { className: "why" },
          el("li", {}, "命中词语：" + (why.matched_terms.length ? why.matched_terms.join("、") : "（无）")),
          el("li", {}, "最相近的例句：", el("q", {}, why.nearest_example), "（相似度 " + why.similarity + "）"),
          el("li", {}, "分类器概率 " + why.classifier_probability + "，检索得分 " + why.retrieval_score)
        )
      )
    );
    return el(
      "li",
      { className: "suggestion" + (top ? " top" : ""), "data-intent": s.intent },
      el(
        "div",
        { className: "suggestion-head" },
        el("span", { className: "intent-name" }, s.name),
        " ",
        el("code", { className: "intent-id" }, s.intent),
        " ",
        el("span", { className: "category" }, s.category + " · " + s.scene),
        el(
          "span",
          { className: "confidence", "data-value": String(s.confidence) },
          el("meter", { min: "0", max: "1", value: String(s.confidence), "aria-label": "置信度" }),
          " 置信度 " + percent(s.confidence)
        )
      ),
      details
    );
  }

  function field(label, value) {
    return el("div", { className: "field" }, el("h4", {}, label), value);
  }

  // The draft checker: POST /v1/lint-reply.

  async function lint(event) {
    event.preventDefault();
    const draft = $("draft").value;
    if (!draft.trim()) {
      return;
    }
    const payload = { draft: draft };
    const intent = $("draft-intent").value.trim();
    const message = $("draft-message").value.trim();
    if (intent) {
      payload.intent = intent;
    }
    if (message) {
      payload.shopper_message = message;
    }
    $("lint-button").disabled = true;
    $("draft-status").textContent = "检查中…";
    try {
      const { status, body } = await postJson("/v1/lint-reply", payload);
      if (status !== 200) {
        clear($("findings"));
        show($("draft-marked"), false);
        $("draft-status").textContent = "出错了：" + describeFailure(status, body);
        return;
      }
      renderDraftReport(draft, body);
    } catch (e) {
      $("draft-status").textContent = "无法连接服务：" + e.message;
    } finally {
      $("lint-button").disabled = false;
    }
  }

  /**
   * The draft with each finding's span marked. Findings may overlap (no-empathy covers the whole
   * draft, a negative phrase a part of it), so the text is cut at every start and end and each
   * piece carries the rules that cover it; a finding with start == end (a missing condition) is a
   * caret at its place. Offsets are UTF-16 indices, as JavaScript's strings are.
   */
  function renderDraftReport(draft, report) {
    const findings = report.findings;
    const marked = clear($("draft-marked"));
    const cuts = new Set([0, draft.length]);
    findings.forEach((f) => {
      cuts.add(Math.min(f.start, draft.length));
      cuts.add(Math.min(f.end, draft.length));
    });
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length; i++) {
      const at = points[i];
      findings.forEach((f, n) => {
        if (f.start === f.end && Math.min(f.start, draft.length) === at) {
          marked.append(
            el(
              "span",
              { className: "caret rule-" + f.rule, "data-rule": f.rule, "data-finding": String(n + 1), title: f.message },
              "⁁" + (n + 1)
            )
          );
        }
      });
      if (i + 1 === points.length) {
        break;
      }
      const piece = draft.slice(at, points[i + 1]);
      const covering = findings
        .map((f, n) => ({ f: f, n: n + 1 }))
        .filter((c) => c.f.start < c.f.end && c.f.start <= at && points[i + 1] <= c.f.end);
      if (covering.length === 0) {
        marked.append(piece);
      } else {
        marked.append(
          el(
            "mark",
            {
              className: covering.map((c) => "rule-" + c.f.rule).join(" "),
              "data-rule": covering.map((c) => c.f.rule).join(" "),
              "data-finding": covering.map((c) => c.n).join(" "),
              title: covering.map((c) => c.f.message).join("\n"),
            },
            piece
          )
        );
      }
    }
    show(marked, true);

    const list = clear($("findings"));
    findings.forEach((f, n) => {
      list.append(
        el(
          "li",
          { className: "finding rule-" + f.rule, "data-rule": f.rule, "data-start": String(f.start), "data-end": String(f.end) },
          el("span", { className: "badge" }, (RULES[f.rule] || f.rule) + " " + f.rule),
          " ",
          f.start < f.end ? el("q", { className: "span" }, draft.slice(f.start, f.end)) : null,
          " ",
          el("span", { className: "message" }, f.message),
          f.suggestion ? el("div", { className: "suggestion-text" }, "建议：" + f.suggestion) : null
        )
      );
    });
    $("draft-status").textContent = findings.length
      ? "发现 " + findings.length + " 处问题"
      : "没有发现问题，可以发送";
    $("draft-status").dataset.findings = String(findings.length);
    updateKbVersion(report.kb_version);
  }

  // Wiring the forms.

  async function loadVersion() {
    try {
      const response = await fetch("/healthz", { headers: { Accept: "application/json" } });
      const body = await response.json();
      updateKbVersion(body.kb_version);
    } catch (e) {
      // The version shows with the first answer then.
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("ask-form").addEventListener("submit", ask);
    $("draft-form").addEventListener("submit", lint);
    $("draft").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.isComposing) {
        $("draft-form").requestSubmit();
      }
    });
    $("use-reply").addEventListener("click", () => {
      $("draft").value = $("reply").dataset.text || "";
      $("draft").focus();
    });
    $("conversation").addEventListener("change", resetConversation);
    $("new-conversation").addEventListener("click", resetConversation);
    $("key-form").addEventListener("submit", saveKey);
    if (storedKey()) {
      $("api-key").value = storedKey();
      $("key-form").hidden = false;
    }
    document.body.dataset.ready = "true";
    loadVersion();
  });
})();
