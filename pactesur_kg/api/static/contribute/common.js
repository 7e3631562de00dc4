// What the contribution pages share: their configuration, the account's token (kept in this
// tab's sessionStorage, sent as an Authorization header, never a cookie), requests to the
// workflow's routes and the drawing of a validation report. Everything the server answers is
// written with textContent, never as markup.
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("contribute-config").textContent);
  const words = config.words;
  const TOKEN_KEY = "pactesur-contribution-token";

  function say(key, values) {
    let text = words[key] || key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function element(tag, attributes, children) {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "text") made.textContent = value;
      else made.setAttribute(name, value);
    }
    for (const child of children || []) made.append(child);
    return made;
  }

  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function showTokenState() {
    document.getElementById("token-state").textContent = say(token() ? "token_set" : "token_unset");
  }

  function setUpToken(onChange) {
    const form = document.getElementById("token-form");
    const input = document.getElementById("token");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const given = input.value.trim();
      if (given) window.sessionStorage.setItem(TOKEN_KEY, given);
      input.value = "";
      showTokenState();
      if (onChange) onChange();
    });
    document.getElementById("token-forget").addEventListener("click", () => {
      window.sessionStorage.removeItem(TOKEN_KEY);
      showTokenState();
      if (onChange) onChange();
    });
    showTokenState();
  }

  // A request to this server; the answer's JSON body (or null) with its status.
  async function call(method, path, options) {
    const headers = Object.assign({ Accept: "application/json" }, (options && options.headers) || {});
    if (options && options.withToken) headers.Authorization = "Bearer " + token();
    let response;
    try {
      response = await fetch(path, { method: method, headers: headers, body: options && options.body, credentials: "omit" });
    } catch (error) {
      return { status: 0, body: { message: String(error) } };
    }
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      body = null;
    }
    return { status: response.status, body: body };
  }

  function problem(answer) {
    if (answer.status === 0) return say("unreachable", { message: answer.body.message });
    if (answer.status === 401) return say("token_refused");
    const message = (answer.body && answer.body.message) || "";
    return say("failed", { status: answer.status, message: message });
  }

  function compact(iri) {
    let best = null;
    for (const [prefix, namespace] of Object.entries(config.prefixes)) {
      if (iri.startsWith(namespace) && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(iri.slice(namespace.length))) {
        if (!best || namespace.length > best[1].length) best = [prefix, namespace];
      }
    }
    return best ? best[0] + ":" + iri.slice(best[1].length) : iri;
  }

  // A validation report (POST /validate's or a contribution's) as a summary and a list.
  function reportElement(report, headingLevel) {
    const box = element("div", { class: "report" });
    const summary = report.conforms
      ? report.warnings
        ? say("conforms_warnings", report)
        : say("conforms")
      : say("violations", report);
    box.append(element("p", { class: report.conforms ? "conforms" : "fails", text: summary }));
    if (report.results && report.results.length) {
      const list = element("ul", { class: "results" });
      for (const result of report.results) {
        const where = [];
        if (result.path) where.push(compact(result.path));
        if (result.focus) where.push(compact(result.focus));
        if (result.line) where.push(say("at_line", { line: result.line }));
        const item = element("li", { class: (result.severity || "").toLowerCase() }, [
          element("strong", { text: result.severity + ": " }),
          document.createTextNode(result.message || ""),
        ]);
        if (where.length) item.append(element("span", { class: "where", text: " (" + where.join(", ") + ")" }));
        if (result.hint) item.append(element("span", { class: "hint", text: " " + result.hint }));
        list.append(item);
      }
      box.append(list);
    }
    return box;
  }

  window.pactesurContribute = {
    config: config,
    say: say,
    element: element,
    token: token,
    setUpToken: setUpToken,
    call: call,
    problem: problem,
    compact: compact,
    reportElement: reportElement,
  };
})();
