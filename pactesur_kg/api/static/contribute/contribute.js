// /contribute: the form made from the shapes is written as Turtle here, in the page, and shown
// before it is sent; pasted or uploaded RDF is sent as it is. "Check" asks POST /validate (no
// token, nothing kept); "Submit" sends POST /contributions with the account's token.
(function () {
  "use strict";

  const c = window.pactesurContribute;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const form = document.getElementById("resource-form");
  const outcome = document.getElementById("outcome");

  // lower-case ASCII words joined by hyphens, as the graph's IRIs are
  function slugOf(text) {
    const folded = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  function literal(text) {
    const escaped = text
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t");
    return '"' + escaped + '"';
  }

  function iriTerm(iri) {
    const short = c.compact(iri);
    return short === iri ? "<" + iri.replace(/[<>"{}|^`\\\s]/g, encodeURIComponent) + ">" : short;
  }

  // the datatype of a date-or-month value: the first of the field's datatypes it is written in
  function dateType(value, datatypes) {
    const forms = { date: /^\d{4}-\d{2}-\d{2}$/, gYearMonth: /^\d{4}-\d{2}$/, gYear: /^\d{4}$/ };
    for (const datatype of datatypes) {
      const local = datatype.slice(XSD.length);
      if (datatype.startsWith(XSD) && forms[local] && forms[local].test(value)) return datatype;
    }
    return datatypes[0] || XSD + "date";
  }

  function term(field, row, value) {
    const control = field.dataset.control;
    const datatypes = (field.dataset.datatypes || "").split(" ").filter(Boolean);
    if (control === "resource" || control === "url" || control === "iri") return iriTerm(value);
    if (control === "date") return literal(value) + "^^" + iriTerm(XSD + "date");
    if (control === "date-or-month") return literal(value) + "^^" + iriTerm(dateType(value, datatypes));
    if (control === "integer" || control === "decimal") {
      const datatype = datatypes[0] || XSD + (control === "integer" ? "integer" : "decimal");
      return literal(value) + "^^" + iriTerm(datatype);
    }
    const language = row.querySelector("[data-language]");
    if (language) return literal(value) + "@" + language.value;
    if (datatypes.length) return literal(value) + "^^" + iriTerm(datatypes[0]);
    return literal(value);
  }

  function englishLabel() {
    const field = form.querySelector('fieldset[data-path="http://www.w3.org/2000/01/rdf-schema#label"]');
    if (!field) return "";
    for (const row of field.querySelectorAll(".value")) {
      const value = row.querySelector("[data-value]").value.trim();
      const language = row.querySelector("[data-language]");
      if (value && (!language || language.value === "en")) return value;
    }
    return "";
  }

  // The form's resource as Turtle, and its IRI ("" while it has no English label).
  function formTurtle() {
    const slug = slugOf(englishLabel());
    if (!slug) return { iri: "", turtle: "" };
    const iri = form.dataset.namespace + slug;
    const statements = [["a", iriTerm(form.dataset.class)]];
    for (const field of form.querySelectorAll("fieldset.field")) {
      const values = [];
      for (const row of field.querySelectorAll(".value")) {
        const value = row.querySelector("[data-value]").value.trim();
        if (value) values.push(term(field, row, value));
      }
      if (values.length) statements.push([iriTerm(field.dataset.path), values.join(" ,\n        ")]);
    }
    const body = iriTerm(iri) + "\n    " + statements.map((s) => s[0] + " " + s[1]).join(" ;\n    ") + " .\n";
    const used = new Set();
    for (const match of body.matchAll(/(?:^|[\s,;])([a-z][a-z0-9]*):/g)) used.add(match[1]);
    const prefixes = Object.entries(c.config.prefixes)
      .filter(([name]) => used.has(name))
      .map(([name, namespace]) => "@prefix " + name + ": <" + namespace + "> .\n")
      .join("");
    return { iri: iri, turtle: prefixes + "\n" + body };
  }

  function refreshPreview() {
    const made = formTurtle();
    document.getElementById("minted").textContent = made.iri || "(" + c.say("iri_pending") + ")";
    document.getElementById("preview").textContent = made.turtle;
  }

  // -- more values for a field ----------------------------------------------------------

  function relabel(field) {
    const name = field.dataset.name;
    field.querySelectorAll(".value").forEach((row, index) => {
      const n = index + 1;
      const control = row.querySelector("[data-value]");
      const ident = field.querySelector(".value [data-value]").id.replace(/-\d+$/, "") + "-" + n;
      control.id = ident;
      row.querySelector("label[for]").setAttribute("for", ident);
      row.querySelector("label[for]").textContent = c.say("value_label", { name: name, n: n });
      const language = row.querySelector("[data-language]");
      if (language) {
        language.id = ident + "-lang";
        const label = row.querySelectorAll("label[for]")[1];
        label.setAttribute("for", language.id);
        label.textContent = c.say("value_language", { name: name, n: n });
      }
      const remove = row.querySelector("button.remove-value");
      if (remove) remove.textContent = c.say("remove_value", { name: name, n: n });
    });
  }

  function addValue(field) {
    const first = field.querySelector(".value");
    const row = first.cloneNode(true);
    row.querySelectorAll("[data-value]").forEach((control) => {
      control.value = "";
      control.removeAttribute("required");
    });
    const remove = c.element("button", { type: "button", class: "remove-value" });
    remove.addEventListener("click", () => {
      row.remove();
      relabel(field);
      refreshPreview();
      field.querySelector("button.add-value").focus();
    });
    row.append(remove);
    field.querySelector(".values").append(row);
    relabel(field);
    row.querySelector("[data-value]").focus();
  }

  form.querySelectorAll("fieldset.field button.add-value").forEach((button) => {
    button.addEventListener("click", () => addValue(button.closest("fieldset")));
  });
  form.addEventListener("input", refreshPreview);
  form.addEventListener("change", refreshPreview);

  // -- tabs -------------------------------------------------------------------------------

  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function choose(tab) {
    for (const other of tabs) {
      const chosen = other === tab;
      other.setAttribute("aria-selected", String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
    }
    tab.focus();
  }
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => choose(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) choose(tabs[(index + step + tabs.length) % tabs.length]);
      if (event.key === "Home") choose(tabs[0]);
      if (event.key === "End") choose(tabs[tabs.length - 1]);
    });
  });
  const pasteFormat = document.getElementById("paste-format");
  document.getElementById("upload").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const byName = { ttl: "text/turtle", nt: "application/n-triples", jsonld: "application/ld+json", json: "application/ld+json", rdf: "application/rdf+xml", xml: "application/rdf+xml", ru: "application/sparql-update" };
    const guessed = byName[file.name.split(".").pop().toLowerCase()];
    if (guessed) pasteFormat.value = guessed;
    file.text().then((text) => {
      document.getElementById("paste").value = text;
    });
  });

  // -- check and submit -------------------------------------------------------------------

  // What would be sent: the active tab's text and media type, or a message saying what is missing.
  function contribution() {
    if (document.getElementById("tab-paste").getAttribute("aria-selected") === "true") {
      return { body: document.getElementById("paste").value, type: pasteFormat.value };
    }
    const made = formTurtle();
    if (!made.iri) return { missing: c.say("iri_needs_label") };
    return { body: made.turtle, type: "text/turtle" };
  }

  function show(message, report, kind) {
    outcome.replaceChildren();
    if (message) outcome.append(c.element("p", { class: kind || "note", text: message }));
    if (report) outcome.append(c.reportElement(report));
  }

  // a 400's message, with the line and column where the server could not read on
  function unreadable(body) {
    const where = body && body.line ? " (" + c.say("at_position", { line: body.line, column: body.column || 1 }) + ")" : "";
    return c.say("unreadable", { message: ((body && body.message) || "") + where });
  }

  const language = c.config.language;
  const checkButton = document.getElementById("check");
  const submitButton = document.getElementById("submit");

  checkButton.addEventListener("click", async () => {
    const sent = contribution();
    if (sent.missing) return show(sent.missing, null, "fails");
    if (sent.type === "application/sparql-update") return show(c.say("update_check"));
    show(c.say("checking"));
    const answer = await c.call("POST", "/validate?lang=" + language, {
      headers: { "Content-Type": sent.type },
      body: sent.body,
    });
    if (answer.status === 200) return show("", answer.body);
    if (answer.status === 400) return show(unreadable(answer.body), null, "fails");
    show(c.problem(answer), null, "fails");
  });

  submitButton.addEventListener("click", async () => {
    if (!c.token()) {
      show(c.say("token_missing"), null, "fails");
      document.getElementById("token").focus();
      return;
    }
    const sent = contribution();
    if (sent.missing) return show(sent.missing, null, "fails");
    show(c.say("submitting"));
    const message = document.getElementById("message").value.trim();
    const query = "?lang=" + language + (message ? "&message=" + encodeURIComponent(message) : "");
    submitButton.disabled = true;
    const answer = await c.call("POST", "/contributions" + query, {
      headers: { "Content-Type": sent.type },
      body: sent.body,
      withToken: true,
    });
    submitButton.disabled = false;
    if (answer.status === 201) return show(c.say("submitted", { id: answer.body.id }), answer.body.report, "conforms");
    if (answer.status === 422) return show(c.say("refused"), answer.body.report, "fails");
    if (answer.status === 400) return show(unreadable(answer.body), null, "fails");
    show(c.problem(answer), null, "fails");
  });

  c.setUpToken(null);
  refreshPreview();
})();
