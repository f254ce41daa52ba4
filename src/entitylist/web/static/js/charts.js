/* The charts page: Chart.js (vendored, see vendor/chart.js.LICENSE.md) over the data the page carries. */
(function () {
  "use strict";
  var palette = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d", "#4b5563"];

  var narrow = window.matchMedia("(max-width: 40rem)").matches;

  function shortLabel(label) {
    /* On a phone the legend has no room for a label's parenthesis; the table below gives it whole. */
    return narrow ? label.replace(/\s*\(.*\)$/, "") : label;
  }

  function yearChart(canvasId, years, series) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: years.map(String),
        datasets: series.map(function (s, i) {
          return { label: shortLabel(s.label), data: s.counts, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
      }
    });
  }

  function rulesChart(canvasId, rules) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) { return; }
    var kinds = [["added", "Added", palette[0]], ["modified", "Modified", palette[1]], ["removed", "Removed", palette[2]]];
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rules.map(function (r) { return [r.rule, r.effective_date]; }),
        datasets: kinds.map(function (k) {
          return { label: k[1], data: rules.map(function (r) { return r[k[0]]; }), backgroundColor: k[2] };
        })
      },
      options: {
        indexAxis: "y",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
      }
    });
  }

  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = "#1f2933";
    yearChart("chart-country", data.years, data.by_country);
    yearChart("chart-reason", data.years, data.by_reason);
    rulesChart("chart-rules", data.largest_rules);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
