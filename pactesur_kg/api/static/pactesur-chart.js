/*
 * A YASR plugin drawing a bar chart of a SELECT result with Chart.js (served from /static/chartjs).
 * Labels: the first column. Values: the first other column whose bound values are all numbers
 * (literals typed xsd:integer, xsd:decimal, xsd:double, ... or plain strings that read as numbers).
 * Registered as "pactesurChart"; the page loads this file after YASGUI and Chart.js.
 */
(function () {
  "use strict";

  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC_TYPES = new Set(
    [
      "integer", "decimal", "double", "float", "int", "long", "short", "byte",
      "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
      "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    ].map((name) => XSD + name),
  );
  const STRING_TYPES = new Set([XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"]);
  const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  const MAX_BARS = 1000;

  /** The number a binding holds, or null when it holds none. */
  function numberOf(binding) {
    if (!binding || binding.type === "uri" || binding.type === "bnode") return null;
    const text = String(binding.value).trim();
    if (binding.datatype && NUMERIC_TYPES.has(binding.datatype)) {
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    }
    if (binding.datatype && !STRING_TYPES.has(binding.datatype)) return null;
    if (!NUMBER_PATTERN.test(text)) return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  /** The first column after the label column whose bound values are all numbers. */
  function numericColumn(variables, bindings) {
    for (const variable of variables.slice(1)) {
      let bound = 0;
      let numeric = true;
      for (const row of bindings) {
        const binding = row[variable];
        if (!binding) continue;
        bound += 1;
        if (numberOf(binding) === null) {
          numeric = false;
          break;
        }
      }
      if (numeric && bound > 0) return variable;
    }
    return undefined;
  }

  function labelOf(binding, prefixes) {
    if (!binding) return "";
    if (binding.type === "uri") {
      for (const [prefix, namespace] of Object.entries(prefixes || {})) {
        if (namespace && binding.value.startsWith(namespace)) {
          return prefix + ":" + binding.value.substring(namespace.length);
        }
      }
    }
    return String(binding.value);
  }

  function message(text) {
    const element = document.createElement("p");
    element.className = "pactesur-chart-message";
    element.textContent = text;
    return element;
  }

  class PactesurChart {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Chart";
      this.priority = 5;
      this.chart = undefined;
    }

    getIcon() {
      const svgNs = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(svgNs, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "16");
      svg.setAttribute("height", "16");
      svg.setAttribute("aria-hidden", "true");
      for (const [x, y, height] of [[1, 9, 6], [6, 4, 11], [11, 7, 8]]) {
        const bar = document.createElementNS(svgNs, "rect");
        bar.setAttribute("x", String(x));
        bar.setAttribute("y", String(y));
        bar.setAttribute("width", "4");
        bar.setAttribute("height", String(height));
        bar.setAttribute("fill", "currentColor");
        svg.appendChild(bar);
      }
      const wrapper = document.createElement("div");
      wrapper.appendChild(svg);
      return wrapper;
    }

    canHandleResults() {
      const results = this.yasr.results;
      if (!results || typeof results.getBindings !== "function") return false;
      const bindings = results.getBindings();
      const variables = results.getVariables ? results.getVariables() : [];
      return Array.isArray(bindings) && Array.isArray(variables) && variables.length > 0;
    }

    draw() {
      this.destroy();
      const target = this.yasr.resultsEl;
      const results = this.yasr.results;
      const bindings = (results && results.getBindings()) || [];
      const variables = (results && results.getVariables()) || [];
      if (bindings.length === 0) {
        target.appendChild(message("The query returned no rows: there is nothing to chart."));
        return;
      }
      const valueColumn = numericColumn(variables, bindings);
      if (valueColumn === undefined) {
        target.appendChild(
          message(
            "No numeric column to chart. The chart draws the first column as labels against the first " +
              "other column whose values are numbers (for example a COUNT): add one to the SELECT.",
          ),
        );
        return;
      }
      if (typeof window.Chart !== "function") {
        target.appendChild(message("The chart library did not load."));
        return;
      }
      const rows = bindings.slice(0, MAX_BARS);
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      const labelColumn = variables[0];
      const container = document.createElement("div");
      container.className = "pactesur-chart";
      container.style.position = "relative";
      container.style.height = "420px";
      const canvas = document.createElement("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `Bar chart of ?${valueColumn} by ?${labelColumn}`);
      container.appendChild(canvas);
      target.appendChild(container);
      if (bindings.length > rows.length) {
        target.appendChild(message(`Showing the first ${rows.length} of ${bindings.length} rows.`));
      }
      this.chart = new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: rows.map((row) => labelOf(row[labelColumn], prefixes)),
          datasets: [
            {
              label: "?" + valueColumn,
              data: rows.map((row) => numberOf(row[valueColumn])),
              backgroundColor: "rgba(54, 120, 180, 0.6)",
              borderColor: "rgb(54, 120, 180)",
              borderWidth: 1,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { title: { display: true, text: "?" + labelColumn } },
            y: { beginAtZero: true, title: { display: true, text: "?" + valueColumn } },
          },
        },
      });
    }

    destroy() {
      if (this.chart) {
        this.chart.destroy();
        this.chart = undefined;
      }
    }
  }

  const Yasr = window.Yasr || (window.Yasgui && window.Yasgui.Yasr);
  if (Yasr) Yasr.registerPlugin("pactesurChart", PactesurChart);
})();
