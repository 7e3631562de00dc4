// /review: the pending contributions with their diff and report; a curator accepts (with an
// optional comment) or rejects (with a reason). The queue is read again after each decision.
(function () {
  "use strict";

  const c = window.pactesurContribute;
  const language = c.config.language;
  const queue = document.getElementById("queue");
  const status = document.getElementById("queue-status");

  function valueText(statement) {
    const value = statement.value;
    if (value.type === "uri") return statement.valueLabel || c.compact(value.value);
    if (value.type === "bnode") return "_:" + value.value;
    if (value["xml:lang"]) return value.value + " @" + value["xml:lang"];
    if (value.datatype) return value.value + " (" + c.compact(value.datatype) + ")";
    return value.value;
  }

  function statementList(statements) {
    const list = c.element("ul", { class: "statements" });
    for (const statement of statements) {
      const property = statement.propertyLabel || c.compact(statement.property);
      const item = c.element("li", {}, [c.element("span", { class: "property", text: property + ": " })]);
      const text = valueText(statement);
      if (statement.value.type === "uri" && statement.valueLabel) {
        item.append(c.element("span", { text: text + " " }), c.element("code", { text: c.compact(statement.value.value) }));
      } else {
        item.append(c.element("span", { class: statement.value.type, text: text }));
      }
      list.append(item);
    }
    return list;
  }

  function diffElement(diff) {
    const box = c.element("div", { class: "diff" });
    box.append(c.element("p", { text: c.say("statements", diff) }));
    for (const entry of diff.resources || []) {
      const iri = entry.resource.value;
      box.append(
        c.element("h4", {}, [
          c.element("span", { text: (entry.label || c.compact(iri)) + " " }),
          c.element("code", { text: c.compact(iri) }),
        ]),
      );
      if (entry.added.length) {
        box.append(c.element("p", { class: "added", text: c.say("added") }), statementList(entry.added));
      }
      if (entry.removed.length) {
        box.append(c.element("p", { class: "removed", text: c.say("removed") }), statementList(entry.removed));
      }
    }
    return box;
  }

  function decisionForms(record, article) {
    const id = record.id;
    const accept = c.element("form", { class: "decision" });
    const commentId = "comment-" + id;
    const comment = c.element("input", { id: commentId, type: "text", size: "50" });
    accept.append(
      c.element("label", { for: commentId, text: c.say("comment_label") }),
      comment,
      c.element("button", { type: "submit", text: c.say("accept") }),
    );
    accept.addEventListener("submit", async (event) => {
      event.preventDefault();
      const query = "?lang=" + language + (comment.value.trim() ? "&comment=" + encodeURIComponent(comment.value.trim()) : "");
      const answer = await c.call("POST", "/contributions/" + encodeURIComponent(id) + "/accept" + query, { withToken: true });
      if (answer.status === 200) return load(c.say("accepted", { id: id }));
      decisionFailed(answer, id, article);
    });
    const reject = c.element("form", { class: "decision" });
    const reasonId = "reason-" + id;
    const reason = c.element("input", { id: reasonId, type: "text", size: "50", required: "required" });
    reject.append(
      c.element("label", { for: reasonId, text: c.say("reason_label") }),
      reason,
      c.element("button", { type: "submit", text: c.say("reject") }),
    );
    reject.setAttribute("novalidate", "novalidate");
    reject.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        status.textContent = c.say("reason_missing");
        reason.setAttribute("aria-invalid", "true");
        reason.focus();
        return;
      }
      const query = "?lang=" + language + "&reason=" + encodeURIComponent(reason.value.trim());
      const answer = await c.call("POST", "/contributions/" + encodeURIComponent(id) + "/reject" + query, { withToken: true });
      if (answer.status === 200) return load(c.say("rejected", { id: id }));
      decisionFailed(answer, id, article);
    });
    return [accept, reject];
  }

  function decisionFailed(answer, id, article) {
    if (answer.status === 403) {
      status.textContent = c.say("forbidden");
      return;
    }
    if (answer.status === 409) {
      status.textContent = c.say("conflict", { id: id, message: (answer.body && answer.body.message) || "" });
      const report = answer.body && (answer.body.report || (answer.body.details && answer.body.details.report));
      if (report) article.append(c.reportElement(report));
      return;
    }
    status.textContent = c.problem(answer);
  }

  function contributionElement(record) {
    const article = c.element("article", { class: "contribution", "aria-labelledby": "contribution-" + record.id });
    article.append(
      c.element("h3", { id: "contribution-" + record.id, text: c.say("contribution", { id: record.id }) }),
      c.element("p", { text: c.say("submitted_by", record) }),
      c.element("p", { class: "message", text: record.message || c.say("no_message") }),
    );
    if (record.diff) article.append(diffElement(record.diff));
    if (record.report) {
      article.append(c.element("h4", { text: c.say("report_heading") }), c.reportElement(record.report));
    }
    article.append(...decisionForms(record, article));
    return article;
  }

  // Read the queue again; ``done`` is what the last action did, said first.
  async function load(done) {
    queue.replaceChildren();
    if (!c.token()) {
      status.textContent = (done ? done + " " : "") + c.say("token_missing");
      return;
    }
    status.textContent = c.say("loading");
    const listed = await c.call("GET", "/contributions?status=pending&lang=" + language, { withToken: true });
    if (listed.status !== 200) {
      status.textContent = c.problem(listed);
      return;
    }
    const summaries = listed.body.contributions.slice().sort((a, b) => (a.id < b.id ? -1 : 1));
    const records = await Promise.all(
      summaries.map((s) => c.call("GET", "/contributions/" + encodeURIComponent(s.id) + "?lang=" + language, { withToken: true })),
    );
    for (const answer of records) {
      if (answer.status === 200) queue.append(contributionElement(answer.body));
    }
    const count = summaries.length ? c.say("queue_count", { count: summaries.length }) : c.say("queue_empty");
    status.textContent = (done ? done + " " : "") + count;
  }

  document.getElementById("refresh").addEventListener("click", () => load(""));
  c.setUpToken(() => load(""));
  load("");
})();
