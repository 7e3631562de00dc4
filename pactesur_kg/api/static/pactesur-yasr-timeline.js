/*
 * A YASR plugin drawing the rows of a SELECT result on a timeline (an SVG drawn here, no library):
 * the first column whose values are dates (literals typed xsd:date, xsd:dateTime, xsd:gYear or
 * xsd:gYearMonth); each row is a dot at its date with a label: the first other column holding a
 * literal (e.g. ?label), else the first other column; the dot links to the row's first IRI.
 * Labels go in lanes so that they do not overlap, like the timelines of the pages for people.
 * Registered as "pactesurTimeline"; the query page loads it after YASGUI.
 */
(function () {
  "use strict";

  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const DATE_TYPES = new Set(["date", "dateTime", "gYear", "gYearMonth"].map((name) => XSD + name));
  // the year, month and day of a date, a date-time, a year or a year and month (time zones ignored)
  const DATE = /^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?\s*$/;
  const BASE = "https://w3id.org/pactesur/";
  const SVG = "http://www.w3.org/2000/svg";
  const MARGIN = 16;
  const LANE = 18;
  const CHARACTER = 6.2; // the width of a character of the labels at their size, near enough
  const LABEL_CHARACTERS = 42;
  const DAY = 24 * 3600 * 1000;

  /** The time (ms since 1970, UTC) of a binding holding a date, else null. */
  function timeOf(binding) {
    if (!binding || binding.type === "uri" || binding.type === "bnode") return null;
    if (!binding.datatype || !DATE_TYPES.has(binding.datatype)) return null;
    const found = DATE.exec(String(binding.value));
    if (!found) return null;
    const time = Date.UTC(Number(found[1]), found[2] ? Number(found[2]) - 1 : 0, found[3] ? Number(found[3]) : 1);
    return Number.isFinite(time) ? time : null;
  }

  function dateColumn(variables, bindings) {
    return variables.find((variable) => bindings.some((row) => timeOf(row[variable]) !== null));
  }

  /** The column naming a row: the first other one holding a literal, else the first other one. */
  function labelColumn(variables, bindings, column) {
    const others = variables.filter((variable) => variable !== column);
    const literal = others.find((variable) =>
      bindings.some((row) => row[variable] && (row[variable].type === "literal" || row[variable].type === "typed-literal")),
    );
    return literal !== undefined ? literal : others[0];
  }

  function shortName(binding, prefixes) {
    if (!binding) return "";
    const value = String(binding.value);
    if (binding.type !== "uri") return value;
    for (const [prefix, namespace] of Object.entries(prefixes || {})) {
      if (namespace && value.startsWith(namespace)) return prefix + ":" + value.substring(namespace.length);
    }
    return value;
  }

  function short(label) {
    return label.length <= LABEL_CHARACTERS ? label : label.substring(0, LABEL_CHARACTERS - 1).trimEnd() + "…";
  }

  /** Where a row's dot links to: its first IRI, as a path on this server when it is the project's. */
  function linkOf(row, variables) {
    const variable = variables.find((name) => row[name] && row[name].type === "uri");
    if (variable === undefined) return null;
    const iri = String(row[variable].value);
    return iri.startsWith(BASE) ? iri.substring(BASE.length - 1) : iri;
  }

  function element(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function message(text) {
    const paragraph = document.createElement("p");
    paragraph.className = "pactesur-chart-message";
    paragraph.textContent = text;
    return paragraph;
  }

  /** The dated rows placed in lanes (each gets its x, lane and anchor), sorted by date. */
  function place(items, width) {
    items.sort((a, b) => a.time - b.time);
    const first = Date.UTC(new Date(items[0].time).getUTCFullYear(), 0, 1);
    const last = Date.UTC(new Date(items[items.length - 1].time).getUTCFullYear() + 1, 0, 1);
    const usable = width - 2 * MARGIN;
    const x = (time) => MARGIN + (usable * (time - first)) / (last - first);
    const lanes = []; // where each lane is free again
    for (const item of items) {
      item.x = x(item.time);
      const needed = short(item.label).length * CHARACTER + 10;
      // a label that would run past the right edge goes to the left of its dot
      item.anchor = item.x + needed > width ? "end" : "start";
      const from = item.anchor === "end" ? item.x - needed : item.x - 5;
      let lane = lanes.findIndex((free) => free <= from);
      if (lane < 0) {
        lanes.push(-Infinity);
        lane = lanes.length - 1;
      }
      lanes[lane] = item.anchor === "end" ? item.x + 5 : item.x + needed;
      item.lane = lane;
    }
    return { lanes: lanes.length, first: first, last: last, x: x };
  }

  class PactesurTimeline {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Timeline";
      this.priority = 3;
      this.marks = 0;
    }

    getIcon() {
      const svg = element("svg", { viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true" });
      svg.appendChild(element("path", { d: "M1 12h14v1.5H1z", fill: "currentColor" }));
      for (const at of [3, 8, 12]) svg.appendChild(element("circle", { cx: at, cy: at === 8 ? 5 : 8, r: 2, fill: "currentColor" }));
      const wrapper = document.createElement("div");
      wrapper.appendChild(svg);
      return wrapper;
    }

    canHandleResults() {
      const results = this.yasr.results;
      if (!results || typeof results.getBindings !== "function") return false;
      const bindings = results.getBindings() || [];
      const variables = (results.getVariables && results.getVariables()) || [];
      return dateColumn(variables, bindings) !== undefined;
    }

    draw() {
      this.marks = 0;
      const target = this.yasr.resultsEl;
      const results = this.yasr.results;
      const bindings = (results && results.getBindings()) || [];
      const variables = (results && results.getVariables()) || [];
      const column = dateColumn(variables, bindings);
      if (column === undefined) {
        target.appendChild(message("No column of dates (xsd:date, xsd:dateTime, xsd:gYear) to draw: add one to the SELECT."));
        return;
      }
      const nameColumn = labelColumn(variables, bindings, column);
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      const items = [];
      for (const row of bindings) {
        const time = timeOf(row[column]);
        if (time === null) continue;
        const date = String(row[column].value);
        const label = nameColumn !== undefined && row[nameColumn] ? shortName(row[nameColumn], prefixes) : date;
        items.push({ time: time, date: date, label: label, href: linkOf(row, variables) });
      }
      const width = Math.max(600, Math.floor(target.clientWidth || 880));
      const layout = place(items, width);
      const axis = 22 + layout.lanes * LANE;
      const height = axis + 26;
      const svg = element("svg", {
        class: "pactesur-results-timeline",
        viewBox: `0 0 ${width} ${height}`,
        width: width,
        height: height,
        role: "img",
        "aria-label": `Timeline of ?${column}` + (nameColumn !== undefined ? ` by ?${nameColumn}` : ""),
      });
      const axisGroup = element("g", { class: "axis" });
      axisGroup.appendChild(element("line", { x1: MARGIN, y1: axis, x2: width - MARGIN, y2: axis }));
      const firstYear = new Date(layout.first).getUTCFullYear();
      const lastYear = new Date(layout.last).getUTCFullYear();
      // one tick a year, or fewer when there are many years
      const step = Math.max(1, Math.ceil((lastYear - firstYear) / Math.max(1, Math.floor(width / 48))));
      for (let year = firstYear; year <= lastYear; year += step) {
        const at = layout.x(Date.UTC(year, 0, 1));
        axisGroup.appendChild(element("line", { x1: at, y1: axis, x2: at, y2: axis + 5 }));
        if (year < lastYear) {
          const middle = layout.x(Date.UTC(year, 0, 1) + (step * 365.25 * DAY) / 2);
          axisGroup.appendChild(element("text", { x: middle, y: axis + 18, "text-anchor": "middle" }, String(year)));
        }
      }
      svg.appendChild(axisGroup);
      for (const item of items) {
        const y = 16 + item.lane * LANE;
        const text = short(item.label);
        const mark = element("g", { class: "mark" });
        mark.appendChild(element("title", {}, `${item.date}: ${item.label}`));
        mark.appendChild(element("line", { x1: item.x, y1: y, x2: item.x, y2: axis }));
        mark.appendChild(element("circle", { cx: item.x, cy: y, r: 4.5 }));
        mark.appendChild(element("text", { x: item.anchor === "end" ? item.x - 7 : item.x + 7, y: y + 4, "text-anchor": item.anchor }, text));
        if (item.href) {
          const link = element("a", { href: item.href });
          link.appendChild(mark);
          svg.appendChild(link);
        } else {
          svg.appendChild(mark);
        }
      }
      const wrapper = document.createElement("div");
      wrapper.className = "pactesur-results-timeline-wrapper";
      wrapper.appendChild(svg);
      target.appendChild(wrapper);
      if (items.length < bindings.length) {
        target.appendChild(message(`${items.length} of ${bindings.length} rows have a date on the timeline.`));
      }
      this.marks = items.length;
    }
  }

  const Yasr = window.Yasr || (window.Yasgui && window.Yasgui.Yasr);
  if (Yasr) Yasr.registerPlugin("pactesurTimeline", PactesurTimeline);
})();
