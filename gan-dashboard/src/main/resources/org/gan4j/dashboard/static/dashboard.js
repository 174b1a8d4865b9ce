// gan4j serve: keeps a run page current by polling its JSON ("/api/run/<path>?from=<byte offset>"),
// which returns only the metrics.csv rows written since the last poll. Curves are drawn with uPlot.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) {
    return;
  }
  var api = live.getAttribute("data-api");
  var poll = parseInt(live.getAttribute("data-poll"), 10) || 2000;
  var MAX_POINTS = 2000; // drawn per series; older points are thinned, the newest always kept
  var offset = 0;
  var rows = []; // [iteration, d_loss, g_loss, d_real, d_fake]
  var grid = document.getElementById("grid");
  var gridVersion = null;
  var evaluations = -1;

  function chart(element, labels, colours) {
    var series = [{label: "iteration"}];
    for (var i = 0; i < labels.length; i++) {
      series.push({label: labels[i], stroke: colours[i], width: 1.5, spanGaps: true});
    }
    var width = Math.min(620, Math.max(320, window.innerWidth / 2 - 40));
    return new uPlot({width: width, height: 280, series: series, scales: {x: {time: false}}},
        [[]].concat(labels.map(function () { return []; })), element);
  }

  var losses = chart(document.getElementById("losses"), ["D loss", "G loss"], ["#c0392b", "#2471a3"]);
  var scores = chart(document.getElementById("scores"), ["D(x)", "D(G(z))"], ["#1e8449", "#af601a"]);

  function thinned(columns) {
    var n = rows.length;
    var step = Math.max(1, Math.ceil(n / MAX_POINTS));
    var out = columns.map(function () { return []; });
    for (var i = 0; i < n; i += step) {
      push(out, columns, rows[i]);
    }
    if (n > 0 && (n - 1) % step !== 0) {
      push(out, columns, rows[n - 1]);
    }
    return out;
  }

  function push(out, columns, row) {
    for (var c = 0; c < columns.length; c++) {
      out[c].push(row[columns[c]]);
    }
  }

  function text(id, value) {
    var e = document.getElementById(id);
    if (e && e.textContent !== String(value)) {
      e.textContent = value;
    }
  }

  function update(data) {
    text("status", data.status);
    document.getElementById("status").className = "status-" + data.status;
    text("iteration", data.iteration);
    text("updated", new Date().toLocaleTimeString());
    if (data.offset < offset) {
      rows = []; // the run was started again
    }
    offset = data.offset;
    if (data.rows.length > 0) {
      rows = rows.concat(data.rows);
      losses.setData(thinned([0, 1, 2]));
      scores.setData(thinned([0, 3, 4]));
    }
    if (data.grid && data.gridVersion !== gridVersion) {
      gridVersion = data.gridVersion;
      grid.src = data.grid + "?v=" + encodeURIComponent(data.gridVersion);
      grid.alt = "latest sample grid " + data.gridName;
      grid.hidden = false;
      text("grid-name", "(" + data.gridName + ")");
    }
    if (data.evaluations.length !== evaluations) {
      evaluations = data.evaluations.length;
      var body = document.querySelector("#evaluations tbody");
      body.textContent = "";
      data.evaluations.forEach(function (row) {
        var tr = document.createElement("tr");
        row.forEach(function (cell) {
          var td = document.createElement("td");
          td.textContent = cell;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    }
    return data.more || data.status === "running" || data.status === "unknown";
  }

  function tick() {
    if (document.hidden) {
      setTimeout(tick, poll); // nothing to draw for a hidden tab
      return;
    }
    fetch(api + "?from=" + offset, {cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var again = update(data);
        setTimeout(tick, data.more ? 0 : again ? poll : poll * 5);
      })
      .catch(function () { setTimeout(tick, poll * 2); });
  }

  tick();
})();
