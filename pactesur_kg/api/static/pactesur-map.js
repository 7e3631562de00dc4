/* The map of a place on its linked-data page: a marker at its point, a scale, and the tiles of
   the configured tile server if there is one (data-tiles); without it, a plain background, so
   the page asks no other host for anything. */
(function () {
  "use strict";
  const element = document.getElementById("map");
  if (!element || !window.L) return;
  const point = [Number(element.dataset.lat), Number(element.dataset.lon)];
  const map = L.map(element, { center: point, zoom: 12, scrollWheelZoom: false });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("map-plain");
  }
  L.control.scale({ imperial: false }).addTo(map);
  const label = element.dataset.label || "";
  const marker = L.marker(point, { title: label, alt: label }).addTo(map);
  const popup = document.createElement("span");
  popup.textContent = label;
  marker.bindPopup(popup);
  window.pactesurMap = { map: map, marker: marker };
})();
