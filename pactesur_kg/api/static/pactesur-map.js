/* The maps of the pages: Leaflet over an offline basemap (country borders and coastlines of
   Natural Earth, from /static/world-atlas/), or over the tiles of the configured tile server
   when there is one (data-tiles); no other host is ever asked for anything.

   - #map (the linked-data page of a place): one marker at data-lat, data-lon;
   - .pactesur-map (the pages for people): the markers of the JSON in #<id>-points
     ([{lat, lon, label, href, kind}]), each linking to its page, grouped into clusters where
     they are many and close together (Leaflet.markercluster, when loaded). */
(function () {
  "use strict";
  if (!window.L) return;

  const BASEMAP = "/static/world-atlas/countries-50m.json";
  let basemap = null; // one download for every map of the page

  function countries() {
    if (!basemap) {
      basemap = fetch(BASEMAP)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
    }
    return basemap;
  }

  /* The tiles of the tile server if configured, else the basemap under everything else. */
  function background(map, element) {
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 19 }).addTo(map);
      return;
    }
    element.classList.add("map-plain");
    if (!window.topojson) return;
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150;
    countries().then((topology) => {
      if (!topology || !topology.objects || !topology.objects.countries) return;
      const land = window.topojson.feature(topology, topology.objects.countries);
      L.geoJSON(land, {
        pane: "basemap",
        interactive: false,
        style: { color: "#7b8794", weight: 0.8, fillColor: "#f5f2e9", fillOpacity: 1 },
      }).addTo(map);
      map.attributionControl.addAttribution("Natural Earth");
    });
  }

  function placeMap(element) {
    const point = [Number(element.dataset.lat), Number(element.dataset.lon)];
    const map = L.map(element, { center: point, zoom: 12, scrollWheelZoom: false });
    background(map, element);
    L.control.scale({ imperial: false }).addTo(map);
    const label = element.dataset.label || "";
    const marker = L.marker(point, { title: label, alt: label }).addTo(map);
    const popup = document.createElement("span");
    popup.textContent = label;
    marker.bindPopup(popup);
    return { map: map, marker: marker };
  }

  function popupOf(point) {
    const link = document.createElement("a");
    link.href = point.href;
    link.textContent = point.label;
    return link;
  }

  function pointsMap(element) {
    const data = document.getElementById(element.id + "-points");
    if (!data) return null;
    const points = JSON.parse(data.textContent);
    // the clusters need the bounds of the zoom: without tiles, the map has none of its own
    const map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5, minZoom: 2, maxZoom: 18 });
    background(map, element);
    L.control.scale({ imperial: false }).addTo(map);
    const group = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40 }) : L.featureGroup();
    const markers = points.map((point) => {
      const icon = L.divIcon({ className: "pin pin-" + point.kind, iconSize: [16, 16] });
      const marker = L.marker([point.lat, point.lon], { icon: icon, title: point.label, alt: point.label });
      marker.bindPopup(popupOf(point));
      group.addLayer(marker);
      return marker;
    });
    const bounds = L.latLngBounds(points.map((point) => [point.lat, point.lon]));
    map.fitBounds(bounds.pad(0.15), { maxZoom: 9 });
    group.addTo(map);
    return { map: map, markers: markers, group: group };
  }

  // for the other scripts of the service that draw maps (the map view of the query page's results)
  window.pactesurMapKit = { background: background };

  const place = document.getElementById("map");
  if (place && place.dataset.lat) window.pactesurMap = placeMap(place);
  window.pactesurMaps = {};
  document.querySelectorAll(".pactesur-map").forEach((element) => {
    const drawn = pointsMap(element);
    if (drawn) window.pactesurMaps[element.id] = drawn;
  });
})();
