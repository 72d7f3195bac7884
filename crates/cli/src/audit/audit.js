// nblint audit page: the table of reports (sortable, filterable,
// paginated) and each report's findings, rendered when opened.
// Data: the JSON in #nblint-data (crates/cli/src/audit/mod.rs). No network.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('nblint-data').textContent);
  var T = D.t;
  var RULES = D.rules;
  var REPORTS = D.reports;
  var SEV = { e: 'error', w: 'warning', i: 'info' };
  var S = {
    q: '', year: '', format: '', sev: '', rule: '',
    sort: 'total', dir: -1, page: 0, size: 100, open: new Set()
  };

  REPORTS.forEach(function (r) {
    r.total = r.e + r.w + r.i;
    r.hay = (r.path + ' ' + r.agency + ' ' + (r.year || '') + ' ' +
      r.counts.map(function (c) { return RULES[c[0]].id; }).join(' ')).toLowerCase();
  });

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') n.textContent = attrs[k];
        else if (k === 'class') n.className = attrs[k];
        else n.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return n;
  }
  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return String(vars[k]); });
  }
  function formatLabel(f) {
    return f === '' ? T.no_report : (T['fmt_' + f] || f);
  }

  // Columns of the report table.
  var COLS = [
    { key: 'open', label: '', sort: null },
    { key: 'path', label: T.file, sort: function (a, b) {
      return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
    } },
    { key: 'agency', label: T.agency, sort: function (a, b) {
      return a.agency.localeCompare(b.agency, 'zh');
    } },
    { key: 'year', label: T.year, num: true, sort: function (a, b) {
      return (a.year || 0) - (b.year || 0);
    } },
    { key: 'format', label: T.format, sort: function (a, b) {
      return a.format < b.format ? -1 : a.format > b.format ? 1 : 0;
    } },
    { key: 'e', label: T.errors, num: true, sort: function (a, b) { return a.e - b.e; } },
    { key: 'w', label: T.warnings, num: true, sort: function (a, b) { return a.w - b.w; } },
    { key: 'i', label: T.infos, num: true, sort: function (a, b) { return a.i - b.i; } },
    { key: 'total', label: T.total, num: true, sort: function (a, b) { return a.total - b.total; } },
    { key: 'rules', label: T.rules, sort: function (a, b) { return a.counts.length - b.counts.length; } }
  ];
  var byPath = COLS[1].sort;

  // Controls.
  function select(id, label, options, value) {
    var s = el('select', { id: id, 'aria-label': label });
    options.forEach(function (o) {
      var opt = el('option', { value: o[0], text: o[1] });
      if (String(o[0]) === String(value)) opt.selected = true;
      s.appendChild(opt);
    });
    return s;
  }
  function distinct(f) {
    var seen = new Map();
    REPORTS.forEach(function (r) { seen.set(f(r), true); });
    return Array.from(seen.keys());
  }
  var years = distinct(function (r) { return r.year === null ? '' : String(r.year); })
    .sort().reverse();
  var formats = distinct(function (r) { return r.format; }).sort();
  var controls = document.getElementById('controls');
  var q = el('input', { type: 'search', id: 'q', placeholder: T.filter, 'aria-label': T.filter });
  var ySel = select('f-year', T.year, [['', T.all_years]].concat(years.map(function (y) {
    return [y === '' ? '?' : y, y === '' ? T.unknown : y];
  })), '');
  var fSel = select('f-format', T.format, [['', T.all_formats]].concat(formats.map(function (f) {
    return [f === '' ? '-' : f, formatLabel(f)];
  })), '');
  var sSel = select('f-sev', T.severity, [['', T.any_severity], ['e', T.has_error],
    ['w', T.has_warning], ['i', T.has_info], ['clean', T.clean]], '');
  var rSel = select('f-rule', T.rule, [['', T.all_rules]].concat(RULES.map(function (r, i) {
    return [String(i), r.id + ' (' + r.total + ')'];
  })), '');
  var zSel = select('f-size', T.per_page, [['50', '50'], ['100', '100'], ['500', '500'],
    ['0', T.all]], '100');
  controls.appendChild(q);
  [ySel, fSel, sSel, rSel].forEach(function (s) { controls.appendChild(s); });
  controls.appendChild(el('label', { class: 'size' }, [T.per_page + ' ', zSel]));

  var timer = null;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { S.q = q.value.trim().toLowerCase(); S.page = 0; render(); }, 120);
  });
  function onSelect(sel, key) {
    sel.addEventListener('change', function () { S[key] = sel.value; S.page = 0; render(); });
  }
  onSelect(ySel, 'year'); onSelect(fSel, 'format'); onSelect(sSel, 'sev'); onSelect(rSel, 'rule');
  zSel.addEventListener('change', function () { S.size = +zSel.value; S.page = 0; render(); });

  // Header.
  var table = document.getElementById('report-table');
  var headRow = el('tr');
  COLS.forEach(function (c) {
    var th = el('th', { 'data-key': c.key, class: c.num ? 'num' : '' });
    if (c.sort) {
      var b = el('button', { type: 'button', class: 'sort', text: c.label });
      b.addEventListener('click', function () {
        if (S.sort === c.key) S.dir = -S.dir;
        else { S.sort = c.key; S.dir = c.num ? -1 : 1; }
        render();
      });
      th.appendChild(b);
    } else {
      th.appendChild(el('span', { class: 'visually-hidden', text: T.show_findings }));
    }
    headRow.appendChild(th);
  });
  table.tHead.appendChild(headRow);
  var tbody = table.tBodies[0];

  function matches(r) {
    if (S.q && r.hay.indexOf(S.q) < 0) return false;
    if (S.year && (r.year === null ? '?' : String(r.year)) !== S.year) return false;
    if (S.format && (r.format === '' ? '-' : r.format) !== S.format) return false;
    if (S.sev === 'e' && !r.e) return false;
    if (S.sev === 'w' && !r.w) return false;
    if (S.sev === 'i' && !r.i) return false;
    if (S.sev === 'clean' && r.total) return false;
    if (S.rule !== '') {
      var k = +S.rule;
      if (!r.counts.some(function (c) { return c[0] === k; })) return false;
    }
    return true;
  }
  function visible() {
    var col = COLS.filter(function (c) { return c.key === S.sort; })[0] || COLS[8];
    var rows = REPORTS.filter(matches);
    rows.sort(function (a, b) { return col.sort(a, b) * S.dir || byPath(a, b); });
    return rows;
  }

  function sevBadge(code) {
    return el('span', { class: 'badge sev-' + code, text: T[SEV[code]] });
  }
  function reportRow(r) {
    var open = S.open.has(r.id);
    var tog = el('button', {
      type: 'button', class: 'toggle', 'aria-expanded': open ? 'true' : 'false',
      'aria-controls': 'f' + r.id, title: T.show_findings, text: open ? '▾' : '▸'
    });
    tog.addEventListener('click', function () { toggle(r, tr); });
    var link = el('a', { href: '#r' + r.id,
      text: r.path + (r.page ? ' ' + T.pdf_page.replace('{n}', r.page) : ':' + r.line) });
    var chips = el('td', { class: 'chips' });
    r.counts.forEach(function (c) {
      var rule = RULES[c[0]];
      var chip = el('button', { type: 'button', class: 'chip', title: rule.summary || rule.id },
        [rule.id + ': ', el('b', { text: String(c[1]) })]);
      chip.addEventListener('click', function () {
        S.rule = String(c[0]); rSel.value = S.rule; S.page = 0; render();
      });
      chips.appendChild(chip);
    });
    var tr = el('tr', { class: 'report' + (r.total ? '' : ' clean'), id: 'r' + r.id, 'data-id': r.id }, [
      el('td', {}, [tog]),
      el('td', { class: 'path' }, [link]),
      el('td', { class: 'agency', text: r.agency || '—' }),
      el('td', { class: 'num', text: r.year === null ? '—' : String(r.year) }),
      el('td', { text: formatLabel(r.format) }),
      el('td', { class: 'num' + (r.e ? ' sev-e-text' : ''), text: String(r.e) }),
      el('td', { class: 'num' + (r.w ? ' sev-w-text' : ''), text: String(r.w) }),
      el('td', { class: 'num', text: String(r.i) }),
      el('td', { class: 'num', text: String(r.total) }),
      chips
    ]);
    return tr;
  }
  function findingsRow(r) {
    var td = el('td', { colspan: String(COLS.length) });
    if (!r.findings.length) {
      td.appendChild(el('p', { class: 'muted', text: T.no_findings }));
    } else {
      var t = el('table', { class: 'findings' });
      t.appendChild(el('thead', {}, [el('tr', {}, [
        el('th', { class: 'num', text: T.line }), el('th', { text: T.severity }),
        el('th', { text: T.rule }), el('th', { text: T.message }), el('th', { text: T.excerpt })
      ])]));
      var body = el('tbody');
      r.findings.forEach(function (f) {
        // [line, column, rule, severity, message, help, before, text, after, page]
        var msg = el('td', { class: 'message' }, [f[4]]);
        if (f[5]) msg.appendChild(el('div', { class: 'help', text: f[5] }));
        var mark = f[7] === '' ? el('mark', { class: 'empty', text: '‸' }) : el('mark', { text: f[7] });
        body.appendChild(el('tr', { class: 'finding sev-' + f[3] }, [
          el('td', { class: 'num', text: f[9] ? T.pdf_page.replace('{n}', f[9]) : f[0] + ':' + f[1] }),
          el('td', {}, [sevBadge(f[3])]),
          el('td', {}, [el('code', { text: RULES[f[2]].id })]),
          msg,
          el('td', { class: 'excerpt' }, [el('code', { class: 'excerpt' }, [f[6], mark, f[8]])])
        ]));
      });
      t.appendChild(body);
      td.appendChild(t);
    }
    return el('tr', { class: 'findings-row', id: 'f' + r.id }, [td]);
  }
  function toggle(r, tr) {
    var b = tr.querySelector('button.toggle');
    if (S.open.has(r.id)) {
      S.open.delete(r.id);
      var f = document.getElementById('f' + r.id);
      if (f) f.remove();
      b.textContent = '▸'; b.setAttribute('aria-expanded', 'false');
    } else {
      S.open.add(r.id);
      tr.after(findingsRow(r));
      b.textContent = '▾'; b.setAttribute('aria-expanded', 'true');
    }
  }

  var pager = document.getElementById('pager');
  var shown = document.getElementById('shown');
  function render() {
    var rows = visible();
    var size = S.size || rows.length || 1;
    var pages = Math.max(1, Math.ceil(rows.length / size));
    if (S.page >= pages) S.page = pages - 1;
    var slice = rows.slice(S.page * size, S.page * size + size);
    var frag = document.createDocumentFragment();
    slice.forEach(function (r) {
      frag.appendChild(reportRow(r));
      if (S.open.has(r.id)) frag.appendChild(findingsRow(r));
    });
    tbody.replaceChildren(frag);
    shown.textContent = fmt(T.shown, { n: rows.length, total: REPORTS.length });
    table.setAttribute('data-rows', String(rows.length));
    Array.prototype.forEach.call(headRow.children, function (th) {
      if (th.getAttribute('data-key') === S.sort) {
        th.setAttribute('aria-sort', S.dir < 0 ? 'descending' : 'ascending');
      } else th.removeAttribute('aria-sort');
    });
    pager.replaceChildren();
    if (pages > 1) {
      var prev = el('button', { type: 'button', text: '‹ ' + T.prev });
      var next = el('button', { type: 'button', text: T.next + ' ›' });
      prev.disabled = S.page === 0;
      next.disabled = S.page >= pages - 1;
      prev.addEventListener('click', function () { S.page--; render(); });
      next.addEventListener('click', function () { S.page++; render(); });
      pager.append(prev, el('span', { text: fmt(T.page, { p: S.page + 1, pages: pages }) }), next);
    }
  }

  // #r12 opens report 12 (on its page, filters cleared if they hide it);
  // #rule=ID filters by a rule.
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    var m = /^r(\d+)$/.exec(h);
    if (m) {
      var id = +m[1];
      var r = REPORTS[id];
      if (!r) return;
      if (!matches(r)) {
        S.q = ''; S.year = ''; S.format = ''; S.sev = ''; S.rule = '';
        q.value = ''; ySel.value = ''; fSel.value = ''; sSel.value = ''; rSel.value = '';
      }
      var rows = visible();
      var size = S.size || rows.length || 1;
      S.page = Math.floor(rows.indexOf(r) / size);
      S.open.add(id);
      render();
      var tr = document.getElementById('r' + id);
      if (tr) tr.scrollIntoView({ block: 'start' });
      return;
    }
    if (h.indexOf('rule=') === 0) {
      var k = RULES.findIndex(function (x) { return x.id === h.slice(5); });
      if (k >= 0) {
        S.rule = String(k); rSel.value = S.rule; S.page = 0; render();
        document.getElementById('reports').scrollIntoView({ block: 'start' });
      }
    }
  }
  window.addEventListener('hashchange', fromHash);

  // The server-rendered tables (totals per rule) sort on a header click.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (t) {
    var ths = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      var b = el('button', { type: 'button', class: 'sort', text: th.textContent });
      th.replaceChildren(b);
      b.addEventListener('click', function () {
        var num = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
        if (!num && !th.hasAttribute('aria-sort')) dir = 1;
        Array.prototype.forEach.call(ths, function (x) { x.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir < 0 ? 'descending' : 'ascending');
        var rows = Array.prototype.slice.call(t.tBodies[0].rows);
        rows.sort(function (a, b) {
          var x = a.cells[col] ? a.cells[col].textContent : '';
          var y = b.cells[col] ? b.cells[col].textContent : '';
          var c = num ? (+x) - (+y) : x.localeCompare(y, 'zh');
          return c * dir;
        });
        t.tBodies[0].append.apply(t.tBodies[0], rows);
      });
    });
  });

  render();
  if (location.hash) fromHash();
  document.documentElement.setAttribute('data-ready', 'true');
})();
