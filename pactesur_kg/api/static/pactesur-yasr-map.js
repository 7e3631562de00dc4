/*
 * A YASR plugin drawing the points of a SELECT result on a map (Leaflet, served from /static,
 * over the offline basemap of pactesur-map.js or the configured tiles): the first column whose
 * values are WKT points (geo:wktLiteral, or plain literals reading as POINT(lon lat)); each
 * marker is named after the first other column of its row and links to the row's IRI.
 * Registered as "pactesurMap"; the query page loads it after YASGUI, Leaflet and pactesur-map.js.
 */
(function () {
  "use strict";

  const WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";
  const NUMBER = "([-+]?\\d+(?:\\.\\d+)?)";
  const POINT = new RegExp("^\\s*(?:<[^>]*>\\s*)?POINT\\s*\\(\\s*" + NUMBER + "\\s+" + NUMBER + "\\s*\\)\\s*$", "i");
  const BASE = "https://w3id.org/pactesur/";

  /** [latitude, longitude] of a binding holding a WKT point, else null. */
  function pointOf(binding) {
    if (!binding || binding.type === "uri" || binding.type === "bnode") return null;
    if (binding.datatype && binding.datatype !== WKT) return null;
    const found = POINT.exec(String(binding.value));
    if (!found) return null;
    const longitude = Number(found[1]);
    const latitude = Number(found[2]);
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
    return [latitude, longitude];
  }

  function pointColumn(variables, bindings) {
    return variables.find((variable) => bindings.some((row) => pointOf(row[variable]) !== null));
  }

  function message(text) {
    const element = document.createElement("p");
    element.className = "pactesur-chart-message";
    element.textContent = text;
    return element;
  }

  /** The popup of a row: its name, linking to its page when it is an IRI. */
  function popupOf(binding, point) {
    const text = binding ? String(binding.value) : point[0].toFixed(4) + ", " + point[1].toFixed(4);
    if (!binding || binding.type !== "uri") {
      const span = document.createElement("span");
      span.textContent = text;
      return span;
    }
    const link = document.createElement("a");
    link.href = binding.value.startsWith(BASE) ? binding.value.substring(BASE.length - 1) : binding.value;
    link.textContent = text;
    return link;
  }

  class PactesurMap {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Map";
      this.priority = 4;
      this.map = undefined;
    }

    getIcon() {
      const svgNs = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(svgNs, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "16");
      svg.setAttribute("height", "16");
      svg.setAttribute("aria-hidden", "true");
      const pin = document.createElementNS(svgNs, "path");
      pin.setAttribute("d", "M8 1a5 5 0 0 0-5 5c0 4 5 9 5 9s5-5 5-9a5 5 0 0 0-5-5zm0 7a2 2 0 1 1 0-4 2 2 0 0 1 0 4z");
      pin.setAttribute("fill", "currentColor");
      svg.appendChild(pin);
      const wrapper = document.createElement("div");
      wrapper.appendChild(svg);
      return wrapper;
    }

    canHandleResults() {
      const results = this.yasr.results;
      if (!results || typeof results.getBindings !== "function") return false;
      const bindings = results.getBindings() || [];
      const variables = (results.getVariables && results.getVariables()) || [];
      return pointColumn(variables, bindings) !== undefined;
    }

    draw() {
      this.destroy();
      const target = this.yasr.resultsEl;
      const results = this.yasr.results;
      const bindings = (results && results.getBindings()) || [];
      const variables = (results && results.getVariables()) || [];
      const column = pointColumn(variables, bindings);
      if (column === undefined) {
        target.appendChild(message("No column of WKT points (geo:asWKT) to map: add one to the SELECT."));
        return;
      }
      if (!window.L || !window.pactesurMapKit) {
        target.appendChild(message("The map library did not load."));
        return;
      }
      const nameColumn = variables.find((variable) => variable !== column);
      const element = document.createElement("div");
      element.className = "pactesur-results-map";
      element.style.height = "420px";
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", "Map of ?" + column);
      target.appendChild(element);
      const map = L.map(element, { scrollWheelZoom: false, minZoom: 2, maxZoom: 18 });
      window.pactesurMapKit.background(map, element);
      L.control.scale({ imperial: false }).addTo(map);
      const group = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40 }) : L.featureGroup();
      const points = [];
      for (const row of bindings) {
        const point = pointOf(row[column]);
        if (!point) continue;
        points.push(point);
        const name = nameColumn ? row[nameColumn] : undefined;
        const icon = L.divIcon({ className: "pin pin-result", iconSize: [16, 16] });
        const title = name ? String(name.value) : "";
        group.addLayer(L.marker(point, { icon: icon, title: title }).bindPopup(popupOf(name, point)));
      }
      map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 9 });
      group.addTo(map);
      if (points.length < bindings.length) {
        target.appendChild(message(`${points.length} of ${bindings.length} rows have a point on the map.`));
      }
      this.map = map;
      this.markers = points.length;
    }

    destroy() {
      if (this.map) {
        this.map.remove();
        this.map = undefined;
      }
    }
  }

  const Yasr = window.Yasr || (window.Yasgui && window.Yasgui.Yasr);
  if (Yasr) Yasr.registerPlugin("pactesurMap", PactesurMap);
})();
