// Vernier live monitor: one EventSource, uPlot charts, cards with the alert rules' status.
// Everything shown is text set through textContent: figures from the server never become markup.
(function () {
  'use strict';

  var S = {
    points: [], capacity: 100, rules: [], active: [], history: [], run: null,
    received: 0, lastSeq: 0, lastUpdate: 0, charts: {}
  };
  var HISTORY_ROWS = 200;

  function $(id) { return document.getElementById(id); }
  function text(el, s) { if (el) { el.textContent = s; } }
  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) { return '–'; }
    var a = Math.abs(v);
    if (digits !== undefined) { return v.toFixed(digits); }
    if (v === 0) { return '0'; }
    if (a >= 1000) { return Math.round(v).toLocaleString('en-US'); }
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return v.toFixed(1); }
    if (a >= 1) { return v.toFixed(2); }
    return v.toFixed(3);
  }
  function clock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }
  function mb(bytes) { return bytes === null || bytes === undefined ? null : bytes / 1048576; }

  // ---- charts --------------------------------------------------------------------------------
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; }
  function chart(id, series, range) {
    var el = $(id);
    var data = [[]];
    series.forEach(function () { data.push([]); });
    var opts = {
      width: Math.max(300, el.clientWidth || 440),
      height: 210,
      series: [{}].concat(series.map(function (s) {
        return {
          label: s.label, stroke: s.color, width: s.width || 2, fill: s.fill, dash: s.dash, spanGaps: false,
          value: function (u, v) { return num(v); }
        };
      })),
      scales: { x: { time: true }, y: { range: range || fromZero } },
      axes: [{ stroke: '#6b7785', grid: { stroke: '#eef2f6' } },
             { stroke: '#6b7785', grid: { stroke: '#eef2f6' }, size: 58 }],
      cursor: { drag: { x: false, y: false } }
    };
    var u = new uPlot(opts, data, el);
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        var w = el.clientWidth;
        if (w > 0 && w !== u.width) { u.setSize({ width: w, height: 210 }); }
      }).observe(el);
    }
    return u;
  }

  function makeCharts() {
    S.charts.throughput = chart('chart-throughput', [
      { label: 'committed', color: '#2563eb', fill: 'rgba(37,99,235,0.08)' },
      { label: 'target', color: '#94a3b8', width: 1, dash: [5, 5] }]);
    S.charts.latency = chart('chart-latency', [
      { label: 'p50', color: '#16a34a' },
      { label: 'p95', color: '#f59e0b' },
      { label: 'p99', color: '#dc2626' }]);
    S.charts.cpu = chart('chart-cpu', [
      { label: 'process CPU', color: '#7c3aed', fill: 'rgba(124,58,237,0.08)' }], [0, 100]);
    S.charts.memory = chart('chart-memory', [
      { label: 'heap used', color: '#0891b2', fill: 'rgba(8,145,178,0.08)' }]);
  }

  function column(key, scale) {
    return S.points.map(function (p) {
      var v = p[key];
      return v === null || v === undefined ? null : (scale ? scale(v) : v);
    });
  }

  function drawCharts() {
    var xs = S.points.map(function (p) { return p.epochMillis / 1000; });
    S.charts.throughput.setData([xs, column('throughputOpsPerSecond'), column('targetOpsPerSecond')]);
    S.charts.latency.setData([xs, column('p50Ms'), column('p95Ms'), column('p99Ms')]);
    S.charts.cpu.setData([xs, column('cpuPercent')]);
    S.charts.memory.setData([xs, column('heapUsedBytes', mb)]);
    Object.keys(S.charts).forEach(function (k) {
      $('chart-' + k).dataset.points = String(xs.length);
    });
  }

  // ---- points --------------------------------------------------------------------------------
  function addPoints(list) {
    var changed = false;
    list.forEach(function (p) {
      if (p.seq > S.lastSeq) {
        S.points.push(p);
        S.lastSeq = p.seq;
        S.received++;
        changed = true;
      }
    });
    if (S.points.length > S.capacity) { S.points.splice(0, S.points.length - S.capacity); }
    if (changed) {
      S.lastUpdate = Date.now();
      var last = S.points[S.points.length - 1];
      if (S.run && last.source === 'run' && (last.phase !== S.run.phase || last.warmup !== S.run.warmup)) {
        // a run's points say whether it is warming up; the run event only says when a phase starts
        S.run.phase = last.phase;
        S.run.warmup = last.warmup;
        drawRun();
      }
      drawCharts();
      drawCards();
    }
  }

  function latest(pred) {
    for (var i = S.points.length - 1; i >= 0; i--) { if (pred(S.points[i])) { return S.points[i]; } }
    return null;
  }

  function drawCards() {
    var traffic = latest(function (p) { return p.source !== 'idle'; });
    var any = S.points.length ? S.points[S.points.length - 1] : null;
    var t = traffic || {};
    var r = any || {};
    card('throughput', num(t.throughputOpsPerSecond),
      t.targetOpsPerSecond != null ? 'target ' + num(t.targetOpsPerSecond) + ' ops/s' :
        (t.committed != null ? num(t.committed, 0) + ' committed in ' + num(t.intervalSeconds) + ' s' : ''));
    card('latency_p95', num(t.p95Ms), t.p50Ms != null ? 'p50 ' + num(t.p50Ms) + ' ms' : '');
    card('latency_p99', num(t.p99Ms), t.maxMs != null ? 'max ' + num(t.maxMs) + ' ms' : '');
    card('error_rate', num(t.errorRatePercent), t.errors != null ? num(t.errors, 0) + ' failed' +
      (t.inFlight != null ? ', ' + num(t.inFlight, 0) + ' in flight' : '') : '');
    card('cpu', num(r.cpuPercent), '');
    card('memory', num(r.memoryPercent), r.heapUsedBytes != null ? num(mb(r.heapUsedBytes)) + ' MB of ' +
      num(mb(r.heapMaxBytes)) + ' MB' : '');
  }

  function card(metric, value, detail) {
    var el = document.querySelector('.card[data-metric="' + metric + '"]');
    if (!el) { return; }
    text(el.querySelector('.num'), value);
    text(el.querySelector('.detail'), detail);
  }

  // ---- rules and alerts ----------------------------------------------------------------------
  var ORDER = { OK: 0, PENDING: 1, INFO: 2, WARNING: 3, CRITICAL: 4 };
  function ruleLevel(r) { return r.status === 'FIRING' ? r.severity : r.status; }

  function drawRules() {
    document.querySelectorAll('.card').forEach(function (el) {
      var metric = el.dataset.metric;
      var mine = S.rules.filter(function (r) { return r.metric === metric; });
      el.className = 'card';
      var pill = el.querySelector('.pill');
      var rule = el.querySelector('.rule');
      if (!mine.length) { text(pill, 'no rule'); text(rule, ''); return; }
      var worst = mine.reduce(function (a, b) { return ORDER[ruleLevel(b)] > ORDER[ruleLevel(a)] ? b : a; });
      var level = ruleLevel(worst);
      el.classList.add('st-' + level.toLowerCase());
      text(pill, level === 'OK' ? 'OK' : level === 'PENDING' ? 'pending' : level.toLowerCase());
      text(rule, worst.name + ': ' + worst.condition + (mine.length > 1 ? ' (+' + (mine.length - 1) + ')' : ''));
    });
    var body = document.querySelector('#rules tbody');
    body.textContent = '';
    S.rules.forEach(function (r) {
      var tr = document.createElement('tr');
      [r.name, r.label + ' ' + r.condition, r.severity + (r.abortOnFail ? ' · aborts' : '')].forEach(function (c) {
        var td = document.createElement('td'); td.textContent = c; tr.appendChild(td);
      });
      var td = document.createElement('td');
      var pill = document.createElement('span');
      var level = ruleLevel(r);
      pill.className = 'pill st-' + level.toLowerCase();
      pill.textContent = r.status === 'PENDING' ? 'pending ' + num(r.pendingSeconds, 0) + ' s' :
        r.status === 'FIRING' ? 'firing' : 'OK';
      td.appendChild(pill); tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function drawAlerts() {
    var list = $('active-alerts');
    list.textContent = '';
    if (!S.active.length) {
      var none = document.createElement('li'); none.className = 'muted'; none.textContent = 'none';
      list.appendChild(none);
    }
    S.active.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'sev-' + a.severity;
      li.textContent = a.severity + ' · ' + a.rule + ': ' + valueText(a) + ' (' + a.condition + ') since ' +
        clock(a.epochMillis);
      list.appendChild(li);
    });
    var body = document.querySelector('#alert-history tbody');
    body.textContent = '';
    var rows = S.history.slice(-HISTORY_ROWS).reverse();
    rows.forEach(function (a) {
      var tr = document.createElement('tr');
      tr.className = a.status;
      tr.dataset.alertId = String(a.alertId);
      [clock(a.epochMillis), a.severity, a.rule,
        a.status + (a.activeSeconds != null ? ' after ' + num(a.activeSeconds, 1) + ' s' : ''),
        valueText(a), a.condition, a.source].forEach(function (c) {
        var td = document.createElement('td'); td.textContent = c; tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $('alert-history-empty').hidden = rows.length > 0;
  }

  function valueText(a) {
    return a.value === null || a.value === undefined ? 'no data' : num(a.value) + (a.unit === '%' ? ' %' : ' ' + a.unit);
  }

  function onAlert(a) {
    S.history.push(a);
    if (S.history.length > 1000) { S.history.shift(); }
    if (a.status === 'firing') {
      S.active.push(a);
    } else {
      S.active = S.active.filter(function (x) { return x.alertId !== a.alertId; });
    }
    drawAlerts();
  }

  // ---- run -----------------------------------------------------------------------------------
  function drawRun() {
    var r = S.run;
    if (!r) { return; }
    text($('title'), r.title);
    document.title = r.title + ' · live monitor';
    text($('suite'), r.suite || '–');
    text($('scenario'), r.scenario || '–');
    text($('feeds'), r.feeds && r.feeds.length ? r.feeds.join(', ') : 'resources only');
    var phase = $('phase');
    var running = r.phase;
    phase.className = 'badge' + (running ? (r.warmup ? ' warmup' : '') : ' idle');
    text(phase, running ? r.phase.toLowerCase() + (r.warmup ? ' · warm-up' : '') :
      (r.lastPhase ? 'between phases (last: ' + r.lastPhase.toLowerCase() + ')' : 'idle'));
    if (r.tuningStep) { $('tuning').hidden = false; text($('tuning-text'), r.tuningStep); }
    var list = $('events');
    list.textContent = '';
    var events = (r.events || []).slice().reverse();
    if (!events.length) {
      var none = document.createElement('li'); none.className = 'muted'; none.textContent = 'none yet';
      list.appendChild(none);
    }
    events.slice(0, 30).forEach(function (e) {
      var li = document.createElement('li');
      li.className = e.kind;
      var k = document.createElement('span'); k.className = 'kind'; k.textContent = e.kind;
      li.appendChild(k);
      li.appendChild(document.createTextNode(clock(e.epochMillis) + ' ' + e.text));
      list.appendChild(li);
    });
  }

  // ---- stream --------------------------------------------------------------------------------
  function connection(state, label) {
    $('conn-dot').className = 'dot ' + state;
    text($('conn'), label);
  }

  function connect() {
    var es = new EventSource('api/stream');
    es.addEventListener('init', function (e) {
      var d = JSON.parse(e.data);
      S.run = d.run;
      S.capacity = d.run.historyCapacity || 100;
      S.rules = d.alerts.rules;
      S.active = d.alerts.active;
      S.history = d.alerts.history;
      drawRun(); drawRules(); drawAlerts();
      addPoints(d.points);
      connection('live', 'live');
    });
    es.addEventListener('point', function (e) { addPoints([JSON.parse(e.data)]); });
    es.addEventListener('rules', function (e) { S.rules = JSON.parse(e.data); drawRules(); });
    es.addEventListener('alert', function (e) { onAlert(JSON.parse(e.data)); });
    es.addEventListener('run', function (e) { S.run = JSON.parse(e.data); drawRun(); });
    es.onopen = function () { connection('live', 'live'); };
    es.onerror = function () { connection('down', 'reconnecting…'); };
  }

  setInterval(function () {
    if (S.lastUpdate) { text($('updated'), 'updated ' + Math.round((Date.now() - S.lastUpdate) / 1000) + ' s ago'); }
  }, 1000);

  // what a browser test reads
  window.vernierDashboard = {
    received: function () { return S.received; },
    lastSeq: function () { return S.lastSeq; },
    chartPoints: function (name) { return S.charts[name] ? S.charts[name].data[0].length : -1; },
    chartLast: function (name, series) {
      var d = S.charts[name] && S.charts[name].data[series || 1];
      return d && d.length ? d[d.length - 1] : null;
    },
    historyRules: function () {
      return Array.prototype.map.call(document.querySelectorAll('#alert-history tbody tr'),
        function (tr) { return tr.children[2].textContent + '|' + tr.className; });
    },
    cardStatus: function (metric) {
      return document.querySelector('.card[data-metric="' + metric + '"]').className;
    }
  };

  makeCharts();
  drawCards();
  connect();
})();
