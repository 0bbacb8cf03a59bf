/* Vernier HTML report renderer: draws the charts described in #vernier-data with uPlot.
   Every number it draws is also in the table beside the chart, so the report reads without it. */
(function () {
  'use strict';
  var spec = JSON.parse(document.getElementById('vernier-data').textContent);
  var drawn = [];
  var plots = [];

  function fmt(v) {
    if (v == null || isNaN(v)) { return '\u2013'; }
    var a = Math.abs(v);
    if (a >= 1000) { return v.toFixed(0); }
    if (a >= 100) { return v.toFixed(1); }
    if (a >= 1) { return v.toFixed(2); }
    return v.toPrecision(3);
  }

  function percentileLabel(v) {
    if (v <= 1) { return '0%'; }
    var p = 100 * (1 - 1 / v);
    var s = p.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
    return s + '%';
  }

  function decorations(c) {
    var xs = c.x.values;
    function clear(u) {
      var ctx = u.ctx, b = u.bbox;
      (c.bands || []).forEach(function (band) {
        var x0 = Math.max(b.left, u.valToPos(band.from, 'x', true));
        var x1 = Math.min(b.left + b.width, u.valToPos(band.to, 'x', true));
        ctx.save();
        ctx.fillStyle = 'rgba(128,128,128,0.18)';
        ctx.fillRect(x0, b.top, Math.max(0, x1 - x0), b.height);
        ctx.fillStyle = '#555';
        ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
        ctx.fillText(band.label, x0 + 4 * devicePixelRatio, b.top + 14 * devicePixelRatio);
        ctx.restore();
      });
    }
    function draw(u) {
      var ctx = u.ctx, b = u.bbox, r = devicePixelRatio;
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.left, b.top, b.width, b.height);
      ctx.clip();
      ctx.font = (11 * r) + 'px sans-serif';
      (c.markers || []).forEach(function (m, i) {
        var x = u.valToPos(m.x, 'x', true);
        ctx.strokeStyle = '#b00020';
        ctx.lineWidth = 1.5 * r;
        ctx.setLineDash([5 * r, 4 * r]);
        ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#b00020';
        ctx.fillText(m.label, x + 4 * r, b.top + (14 + 13 * (i % 3)) * r);
      });
      (c.hlines || []).forEach(function (h) {
        var y = u.valToPos(h.y, h.axis || 'y', true);
        ctx.strokeStyle = '#b00020';
        ctx.lineWidth = 1.5 * r;
        ctx.setLineDash([8 * r, 4 * r]);
        ctx.beginPath(); ctx.moveTo(b.left, y); ctx.lineTo(b.left + b.width, y); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#b00020';
        ctx.fillText(h.label, b.left + 6 * r, y - 4 * r);
      });
      (c.errorBars || []).forEach(function (e) {
        var s = c.series[e.series];
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 2 * r;
        for (var i = 0; i < xs.length; i++) {
          if (e.low[i] == null || e.high[i] == null) { continue; }
          var x = u.valToPos(xs[i], 'x', true);
          var y0 = u.valToPos(e.low[i], s.axis, true), y1 = u.valToPos(e.high[i], s.axis, true);
          ctx.beginPath();
          ctx.moveTo(x, y0); ctx.lineTo(x, y1);
          ctx.moveTo(x - 6 * r, y0); ctx.lineTo(x + 6 * r, y0);
          ctx.moveTo(x - 6 * r, y1); ctx.lineTo(x + 6 * r, y1);
          ctx.stroke();
        }
      });
      ctx.restore();
    }
    return { drawClear: [clear], draw: [draw] };
  }

  /** The data's range on one axis, widened to its whiskers and limit lines, from 0 for bars. */
  function yRange(c, axis) {
    var bars = c.series.some(function (s) { return s.style === 'bars' && s.axis === axis; });
    return function (u, min, max) {
      var lo = min, hi = max;
      (c.errorBars || []).forEach(function (e) {
        if (c.series[e.series].axis !== axis) { return; }
        e.low.concat(e.high).forEach(function (v) {
          if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        });
      });
      (c.hlines || []).forEach(function (h) {
        if ((h.axis || 'y') === axis) { lo = Math.min(lo, h.y); hi = Math.max(hi, h.y); }
      });
      if (lo == null || hi == null) { return [0, 1]; }
      if (bars) { lo = Math.min(0, lo); }
      if (lo === hi) { lo -= Math.abs(lo) * 0.1 + 1; hi += Math.abs(hi) * 0.1 + 1; }
      var pad = (hi - lo) * 0.06;
      return [bars && lo === 0 ? 0 : lo - pad, hi + pad];
    };
  }

  function options(c, width) {
    var cats = c.x.categories;
    var xScale = { time: false };
    if (c.x.log) { xScale.distr = 3; xScale.log = 10; }
    if (cats) { xScale.range = [-0.5, cats.length - 0.5]; }
    var series = [{ label: c.x.label, value: function (u, v) {
      return cats ? (cats[Math.round(v)] || '') : c.x.percentile ? percentileLabel(v) : fmt(v);
    } }];
    c.series.forEach(function (s) {
      var o = { label: s.label, stroke: s.color, width: 2, scale: s.axis, spanGaps: true,
        value: function (u, v) { return fmt(v); }, points: { show: false } };
      if (s.style === 'dash') { o.dash = [6, 4]; }
      if (s.style === 'step') { o.paths = uPlot.paths.stepped({ align: 1 }); }
      if (s.style === 'points') {
        o.paths = function () { return null; };
        o.points = { show: true, size: 9, width: 2, fill: s.color, stroke: s.color };
      }
      if (s.style === 'bars') {
        o.paths = uPlot.paths.bars({ size: [c.barWidth || 0.8, Infinity], align: 0 });
        o.fill = s.color;
        o.spanGaps = false;
      }
      series.push(o);
    });
    var xAxis = { label: c.x.label, stroke: '#333', grid: { stroke: '#eee' } };
    if (cats) {
      xAxis.splits = function () { return cats.map(function (_, i) { return i; }); };
      xAxis.values = function (u, sp) { return sp.map(function (i) { return cats[i] || ''; }); };
    } else if (c.x.percentile) {
      xAxis.splits = function (u) {
        var max = u.scales.x.max, out = [];
        for (var v = 1; v <= max * 1.0001; v *= 10) { out.push(v); }
        return out;
      };
      xAxis.values = function (u, sp) { return sp.map(percentileLabel); };
    }
    if (!cats && !c.x.log) {
      var xs = c.x.values, extra = [];
      (c.bands || []).forEach(function (b) { extra.push(b.from, b.to); });
      (c.markers || []).forEach(function (m) { extra.push(m.x); });
      if (extra.length) {
        xScale.range = function (u, min, max) {
          return [Math.min.apply(null, [min].concat(extra)), Math.max.apply(null, [max].concat(extra))];
        };
      }
    }
    var scales = { x: xScale, y: { auto: true, range: yRange(c, 'y') } };
    if (c.y.log) { scales.y = { distr: 3, log: 10 }; }
    var axes = [xAxis, { label: c.y.label, scale: 'y', stroke: '#333', grid: { stroke: '#eee' }, size: 60 }];
    if (c.y2) {
      scales.y2 = { auto: true, range: yRange(c, 'y2') };
      axes.push({ label: c.y2.label, scale: 'y2', side: 1, stroke: '#333', grid: { show: false }, size: 60 });
    }
    return { width: width, height: 280, series: series, scales: scales, axes: axes,
      legend: { show: true }, cursor: { drag: { x: false, y: false } }, hooks: decorations(c) };
  }

  spec.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    try {
      var width = Math.max(320, Math.floor(el.getBoundingClientRect().width) || 600);
      var data = [c.x.values].concat(c.series.map(function (s) { return s.values; }));
      var u = new uPlot(options(c, width), data, el);
      plots.push({ el: el, u: u });
      var points = 0;
      c.series.forEach(function (s) { s.values.forEach(function (v) { if (v != null) { points++; } }); });
      drawn.push({ id: c.id, kind: c.kind, series: c.series.length, points: points,
        color: c.series.length ? c.series[0].color : null });
      el.setAttribute('data-drawn', 'true');
    } catch (e) {
      console.error('chart ' + c.id + ' failed: ' + e);
    }
  });

  window.addEventListener('resize', function () {
    plots.forEach(function (p) {
      p.u.setSize({ width: Math.max(320, Math.floor(p.el.getBoundingClientRect().width)), height: 280 });
    });
  });
  window.vernierReport = { format: spec.format, charts: drawn, expected: spec.charts.length, ready: true };
})();
