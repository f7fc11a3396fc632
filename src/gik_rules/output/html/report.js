// The page of `gik-rules check --format html`: charts, the report list and each report's
// tables, drawn from the JSON in #gik-data. Report text is hostile: every string from the
// data reaches the DOM through textContent or setAttribute on inert attributes, never
// through innerHTML, and no URL is ever built from it.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("gik-data").textContent);
  var EN = D.english;
  var T = EN ? {
    rule: "Findings by rule", organ: "Findings by organ", severity: "Findings by severity",
    year: "Findings by report year", none: "no findings", unknownOrgan: "(organ unknown)",
    unknownYear: "unknown", reports: "Reports", filter: "filter: path, organ, year…",
    allSev: "any severity", clean: "no findings", unread: "not read", allRules: "any rule",
    allYears: "any year", key: "report", org: "organ", yr: "year", variant: "form",
    e: "errors", w: "warnings", i: "infos", nr: "rules not run", showing: "showing ",
    of: " of ", matching: " matching (", total: " reports in all)", more: "show more",
    findings: "Findings", noFindings: "No findings.", skipped: "Skipped rules",
    notRead: "could not look", notApplicable: "does not apply", dismissed: "Dismissed findings",
    noBaseline: "No finding is dismissed (no review baseline applied, or it dismisses none of these).",
    noDismissed: "None.", noteDismissed: function (n) { return n + " finding(s) were dismissed by the review baseline: listed apart with each report, not counted above."; },
    tables: "Tables", notReadReport: "The report could not be read: there are no tables.",
    capped: "Tables are not included for this report (the page carries them for the first ",
    capped2: " reports with findings only).", noTablesClean: "Tables are included only for reports with findings.",
    tableNotRead: "This table was not read from the report.", unknownVariant: "Form variant unknown: cells by id.",
    expected: "expected ", actual: "actual ", skipsTitle: "Skipped rules in this run",
    skipsNote: "“could not look”: the rule applies but what it reads is missing, so these reports were not fully checked. “does not apply”: not meant for the report's form or year.",
    code: "rule", kind: "why", reason: "reason", count: "reports", pick: "Click a report in the list to see its tables and findings.",
    orgRest: "other organs", noteCap: function (k, l, m) { return "Tables are included for " + k + " reports with findings (errors first, then by key; limit " + l + "); " + m + " more reports with findings list their findings only."; },
    noteOrg: function (k, n) { return "The organ chart names the 25 organs with most findings; the other " + k + " organs (" + n + " findings) are one bar."; },
    noteUnread: function (n) { return n + " report(s) could not be read."; },
    noteSkip: function (n) { return n + " report(s) had rules that could not look at them (see “Skipped rules”)."; },
    summary: function (s) { return s.reports + " reports, " + s.with_findings + " with findings: " + s.errors + " errors, " + s.warnings + " warnings, " + s.infos + " infos"; },
    indTitle: "Indicators over the run", indNote: "Each indicator over the reports that have it (ratios of the tables' figures; the change of new applications against the organ's report of the year before, where the run holds it). The box spans the middle half, the line is the median.",
    indName: "indicator", indN: "reports", indMin: "min", indQ1: "Q1", indMed: "median", indQ3: "Q3", indMax: "max", indNone: "No report has an indicator.",
    indReport: "Indicators", indMedian: "run median ", indNoValue: "—"
  } : {
    rule: "按规则统计问题", organ: "按机关统计问题", severity: "按严重程度统计问题",
    year: "按报告年度统计问题", none: "没有问题", unknownOrgan: "（机关不详）",
    unknownYear: "不详", reports: "报告列表", filter: "筛选：路径、机关、年度…",
    allSev: "全部严重程度", clean: "没有问题", unread: "未能读取", allRules: "全部规则",
    allYears: "全部年度", key: "报告", org: "机关", yr: "年度", variant: "格式",
    e: "错误", w: "警告", i: "提示", nr: "未检查规则", showing: "显示 ",
    of: " / ", matching: " 份符合条件（共 ", total: " 份报告）", more: "显示更多",
    findings: "问题", noFindings: "没有问题。", skipped: "跳过的规则",
    notRead: "无法检查", notApplicable: "不适用", dismissed: "已排除的问题",
    noBaseline: "没有被排除的问题（未使用审核基线 baseline，或基线未排除其中任何问题）。",
    noDismissed: "无。", noteDismissed: function (n) { return n + " 个问题已被审核基线排除：在各报告中单独列出，不计入统计。"; },
    tables: "表格", notReadReport: "报告未能读取，没有表格。",
    capped: "本报告未附表格（页面只为前 ", capped2: " 份有问题的报告附上表格）。",
    noTablesClean: "只为有问题的报告附上表格。", tableNotRead: "报告中未读取到此表。",
    unknownVariant: "表格格式不详，按单元格编号列出。",
    expected: "应为 ", actual: "填报 ", skipsTitle: "本次检查跳过的规则",
    skipsNote: "“无法检查”：规则适用，但所需内容缺失（如表格未读取），这些报告没有被完整检查；“不适用”：规则不针对该报告的格式或年度。",
    code: "规则", kind: "类别", reason: "原因", count: "报告数", pick: "点击列表中的报告，查看其表格和问题。",
    orgRest: "其他机关", noteCap: function (k, l, m) { return "表格只附于 " + k + " 份有问题的报告（先含错误的，再按名称排序；上限 " + l + " 份）；另外 " + m + " 份有问题的报告只列出问题，不附表格。"; },
    noteOrg: function (k, n) { return "机关图只列出问题最多的 25 个机关；其余 " + k + " 个机关（共 " + n + " 个问题）合为一条。"; },
    noteUnread: function (n) { return n + " 份报告未能读取。"; },
    noteSkip: function (n) { return n + " 份报告有规则无法检查（见“跳过的规则”）。"; },
    summary: function (s) { return "共 " + s.reports + " 份报告，" + s.with_findings + " 份有问题：错误 " + s.errors + " 个，警告 " + s.warnings + " 个，提示 " + s.infos + " 个"; },
    indTitle: "指标分布", indNote: "各项指标在本次检查的报告中的分布（按表格数字计算的比率；申请量同比变化需有同一机关上一年度的报告）。方框为中间一半，竖线为中位数。",
    indName: "指标", indN: "报告数", indMin: "最小", indQ1: "下四分位", indMed: "中位数", indQ3: "上四分位", indMax: "最大", indNone: "没有报告可计算指标。",
    indReport: "指标", indMedian: "本次中位数 ", indNoValue: "—"
  };
  var SEVS = ["error", "warning", "info"];
  var SEV_NAME = EN ? { error: "error", warning: "warning", info: "info" } : { error: "错误", warning: "警告", info: "提示" };
  var PAGE = 500;
  var NS = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function svg(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  // the review baseline's dismissed findings are in r.dismissed, never in r.findings
  function live(r) { return r.findings; }
  // a label cut to about `px` pixels: wide (CJK) characters count 13, others 7.5
  function clip(s, px) {
    var out = "", used = 0;
    for (var ch of String(s)) {
      used += ch.charCodeAt(0) > 0x2e7f ? 13 : 7.5;
      if (used > px - 13) { return out + "…"; }
      out += ch;
    }
    return out;
  }

  D.reports.forEach(function (r, i) {
    r.i = i;
    r.nr = r.skipped.filter(function (s) { return D.reasons[s[1]][0] === "not-read"; }).length;
    r.text = [r.key, r.source, r.organ, r.variant || "", r.year === null ? "" : String(r.year)].join("\n").toLowerCase();
  });
  var state = { q: "", sev: "", rule: "", year: "", sort: "e", dir: -1, shown: PAGE, selected: null };

  // ---- summary and notes
  var s = D.summary;
  document.getElementById("summary").textContent = T.summary(s);
  var notes = document.getElementById("notes");
  function note(text, warn) { add(notes, el("li", warn ? "warn" : "", text)); }
  if (D.detail.left_out > 0) { note(T.noteCap(D.detail.kept, D.detail.limit, D.detail.left_out), true); }
  if (D.charts.organ_rest[0] > 0) { note(T.noteOrg(D.charts.organ_rest[0], D.charts.organ_rest[1])); }
  if (s.unread > 0) { note(T.noteUnread(s.unread), true); }
  var partly = D.reports.filter(function (r) { return r.nr > 0; }).length;
  if (partly > 0) { note(T.noteSkip(partly), true); }
  note(s.dismissed ? T.noteDismissed(s.dismissed) : T.noBaseline);

  // ---- charts: horizontal bars, one <g class="bar"> per bar
  function barChart(id, title, items) {
    var box = document.getElementById("chart-" + id);
    add(box, el("h2", "", title));
    var shown = items.filter(function (it) { return it.value > 0; });
    if (!shown.length) { add(box, el("p", "empty", T.none)); return; }
    // drawn at the box's own width, so that text is not scaled down
    var W = Math.max(360, box.clientWidth - 24), LW = Math.min(260, Math.round(W * 0.4)), H = 22, max = Math.max.apply(null, shown.map(function (it) { return it.value; }));
    var root = add(box, svg("svg", { viewBox: "0 0 " + W + " " + (shown.length * H + 4), role: "img" }));
    root.setAttribute("aria-label", title);
    shown.forEach(function (it, n) {
      var g = add(root, svg("g", { "class": "bar", tabindex: 0, "data-value": it.value }));
      g.setAttribute("data-label", it.label);
      add(g, svg("title")).textContent = it.label + ": " + it.value;
      var y = n * H + 2;
      add(g, svg("rect", { x: 0, y: y, width: W, height: H, "class": "hit" }));
      add(g, svg("text", { x: LW - 6, y: y + 15, "text-anchor": "end" })).textContent = clip(it.label, LW - 10);
      var width = Math.max(1, Math.round((it.value / max) * (W - LW - 70)));
      add(g, svg("rect", { x: LW, y: y + 2, width: width, height: H - 6, "class": it.cls }));
      add(g, svg("text", { x: LW + width + 5, y: y + 15, "class": "count" })).textContent = String(it.value);
      if (it.pick) {
        g.addEventListener("click", it.pick);
        g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { it.pick(); } });
      }
    });
  }
  // every box first: a box's width depends on how many share the row
  ["rule", "organ", "severity", "year"].forEach(function (id) {
    add(document.getElementById("charts"), el("div", "chart")).id = "chart-" + id;
  });
  function pick(field, value) { return function () { state[field] = value; syncFilters(); refresh(); }; }
  barChart("rule", T.rule, D.charts.rule.map(function (r) {
    return { label: r[0] + " " + r[1], value: r[3], cls: "sev-" + r[2], pick: pick("rule", r[0]) };
  }));
  var organs = D.charts.organ.map(function (o) {
    return { label: o[0] || T.unknownOrgan, value: o[1], cls: "sev-none", pick: o[0] ? pick("q", o[0]) : null };
  });
  if (D.charts.organ_rest[0] > 0) {
    organs.push({ label: T.orgRest + " (" + D.charts.organ_rest[0] + ")", value: D.charts.organ_rest[1], cls: "sev-none" });
  }
  barChart("organ", T.organ, organs);
  barChart("severity", T.severity, D.charts.severity.map(function (v) {
    return { label: SEV_NAME[v[0]], value: v[1], cls: "sev-" + v[0], pick: pick("sev", v[0]) };
  }));
  barChart("year", T.year, D.charts.year.map(function (v) {
    return { label: v[0] || T.unknownYear, value: v[1], cls: "sev-none", pick: pick("year", v[0] || "?") };
  }));

  // ---- indicators over the run: one row per indicator, with a box plot
  var IND = D.indicators, MEDIAN = {};
  function pct(v, kind) {
    if (v === null || v === undefined) { return T.indNoValue; }
    var t = (v * 100).toFixed(1) + "%";
    return kind === "change" && v > 0 ? "+" + t : t;
  }
  (function () {
    var box = document.getElementById("indicators");
    add(box, el("h2", "", T.indTitle));
    if (!IND.spread.length) { add(box, el("p", "muted", T.indNone)); return; }
    add(box, el("p", "muted", T.indNote));
    var t = add(box, el("table", "form cell-list"));
    t.id = "indicator-table";
    var head = add(t, el("tr"));
    [T.indName, T.indN, T.indMin, T.indQ1, T.indMed, T.indQ3, T.indMax, ""].forEach(function (h) { add(head, el("th", "header", h)); });
    IND.spread.forEach(function (x) {
      var kind = x[2];
      MEDIAN[x[0]] = x[6];
      var tr = add(t, el("tr"));
      tr.setAttribute("data-indicator", x[0]);
      add(tr, el("th", "", x[1]));
      add(tr, el("td", "", x[3]));
      [4, 5, 6, 7, 8].forEach(function (k) { add(tr, el("td", "", pct(x[k], kind))); });
      // the box plot, on [0, 1] for a ratio and on the values' own range for a change
      var lo = kind === "change" ? Math.min(x[4], 0) : 0, hi = kind === "change" ? Math.max(x[8], 0) : 1;
      var W = 220, span = hi - lo || 1, at = function (v) { return 4 + (W - 8) * (v - lo) / span; };
      var cell = add(tr, el("td", "plot"));
      var g = add(cell, svg("svg", { width: W, height: 18, viewBox: "0 0 " + W + " 18", role: "img" }));
      g.setAttribute("aria-label", x[1]);
      add(g, svg("line", { x1: at(x[4]), x2: at(x[8]), y1: 9, y2: 9, "class": "whisker" }));
      add(g, svg("rect", { x: at(x[5]), y: 3, width: Math.max(at(x[7]) - at(x[5]), 1), height: 12, "class": "iqr" }));
      add(g, svg("line", { x1: at(x[6]), x2: at(x[6]), y1: 2, y2: 16, "class": "median" }));
    });
  })();

  // ---- the list
  document.getElementById("list-title").textContent = T.reports;
  var filters = document.getElementById("filters");
  var q = add(filters, el("input"));
  q.type = "search"; q.id = "filter-text"; q.placeholder = T.filter; q.setAttribute("aria-label", T.filter);
  function select(id, options) {
    var sel = add(filters, el("select"));
    sel.id = id;
    options.forEach(function (o) { var opt = add(sel, el("option", "", o[1])); opt.value = o[0]; });
    return sel;
  }
  var sevSel = select("filter-severity", [["", T.allSev]].concat(SEVS.map(function (v) { return [v, SEV_NAME[v]]; }), [["clean", T.clean], ["unread", T.unread]]));
  var ruleSel = select("filter-rule", [["", T.allRules]].concat(D.charts.rule.map(function (r) { return [r[0], r[0] + " " + r[1]]; })));
  var years = {};
  D.reports.forEach(function (r) { years[r.year === null ? "?" : String(r.year)] = true; });
  var yearSel = select("filter-year", [["", T.allYears]].concat(Object.keys(years).sort().map(function (y) { return [y, y === "?" ? T.unknownYear : y]; })));
  function syncFilters() { q.value = state.q; sevSel.value = state.sev; ruleSel.value = state.rule; yearSel.value = state.year; }
  q.addEventListener("input", function () { state.q = q.value; state.shown = PAGE; refresh(); });
  sevSel.addEventListener("change", function () { state.sev = sevSel.value; state.shown = PAGE; refresh(); });
  ruleSel.addEventListener("change", function () { state.rule = ruleSel.value; state.shown = PAGE; refresh(); });
  yearSel.addEventListener("change", function () { state.year = yearSel.value; state.shown = PAGE; refresh(); });

  function organText(r) { return r.organ || (r.read ? T.unknownOrgan : T.unread); }
  var COLS = [
    ["key", T.key, function (r) { return r.key; }],
    ["organ", T.org, organText],
    ["year", T.yr, function (r) { return r.year === null ? -1 : r.year; }],
    ["variant", T.variant, function (r) { return r.variant || ""; }],
    ["e", T.e, function (r) { return r.n[0]; }],
    ["w", T.w, function (r) { return r.n[1]; }],
    ["i", T.i, function (r) { return r.n[2]; }],
    ["nr", T.nr, function (r) { return r.nr; }]
  ];
  var table = document.getElementById("reports");
  var headRow = add(table.tHead, el("tr"));
  COLS.forEach(function (c) {
    var th = add(headRow, el("th", "", c[1]));
    th.setAttribute("data-col", c[0]);
    th.tabIndex = 0;
    function sortBy() {
      if (state.sort === c[0]) { state.dir = -state.dir; } else { state.sort = c[0]; state.dir = c[0] === "key" || c[0] === "organ" || c[0] === "variant" ? 1 : -1; }
      refresh();
    }
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { sortBy(); } });
  });
  function matches(r) {
    if (state.q && r.text.indexOf(state.q.toLowerCase()) < 0) { return false; }
    if (state.sev === "clean" && live(r).length) { return false; }
    if (state.sev === "unread" && r.read) { return false; }
    if (SEVS.indexOf(state.sev) >= 0 && !live(r).some(function (f) { return f.sev === state.sev; })) { return false; }
    if (state.rule && !live(r).some(function (f) { return f.code === state.rule; })) { return false; }
    if (state.year && (r.year === null ? "?" : String(r.year)) !== state.year) { return false; }
    return true;
  }
  function compare(a, b) {
    var get = COLS.filter(function (c) { return c[0] === state.sort; })[0][2];
    var x = get(a), y = get(b);
    var c = typeof x === "number" ? x - y : (x < y ? -1 : x > y ? 1 : 0);
    return c !== 0 ? c * state.dir : (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }
  function num(v, cls) { return el("td", "num " + (v ? cls : "zero"), v); }
  function refresh() {
    Array.prototype.forEach.call(headRow.children, function (th) {
      if (th.getAttribute("data-col") === state.sort) { th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending"); } else { th.removeAttribute("aria-sort"); }
    });
    var rows = D.reports.filter(matches).sort(compare);
    var body = table.tBodies[0];
    body.replaceChildren();
    rows.slice(0, state.shown).forEach(function (r) {
      var tr = add(body, el("tr", r.i === state.selected ? "selected" : ""));
      tr.setAttribute("data-index", r.i);
      tr.tabIndex = 0;
      var key = add(tr, el("td", "key", r.key));
      key.title = r.key;
      add(tr, el("td", "", organText(r)));
      add(tr, el("td", "", r.year === null ? "" : r.year));
      add(tr, el("td", "", r.variant || ""));
      add(tr, num(r.n[0], "n-error"));
      add(tr, num(r.n[1], "n-warning"));
      add(tr, num(r.n[2], "n-info"));
      add(tr, num(r.nr, "n-warning"));
      tr.addEventListener("click", function () { show(r); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { show(r); } });
    });
    document.getElementById("list-count").textContent = T.showing + Math.min(state.shown, rows.length) + T.of + rows.length + T.matching + D.reports.length + T.total;
    var more = document.getElementById("more");
    more.hidden = rows.length <= state.shown;
    more.textContent = T.more;
  }
  document.getElementById("more").addEventListener("click", function () { state.shown += PAGE; refresh(); });

  // ---- one report
  function marks(findings) {
    // cell id -> the worst severity of the findings located on it ("fail"), and the cells
    // the findings involve ("involved")
    var fail = {}, involved = {};
    findings.forEach(function (f) {
      if (f.cell && (!fail[f.cell] || SEVS.indexOf(f.sev) < SEVS.indexOf(fail[f.cell]))) { fail[f.cell] = f.sev; }
      (f.cells || []).forEach(function (c) { involved[c] = true; });
    });
    return { fail: fail, involved: involved };
  }
  function formTable(parent, layout, cells, read, mk) {
    var t = add(parent, el("table", "form"));
    t.setAttribute("data-table", layout.id);
    add(t, el("caption", "", layout.title));
    if (read.indexOf(layout.id) < 0) { add(parent, el("p", "warn", T.tableNotRead)); }
    layout.rows.forEach(function (row) {
      var tr = add(t, el("tr"));
      row.forEach(function (c) {
        var text = c[0], kind = c[1], cid = c[4], td;
        if (kind === "value") {
          var cell = cells[cid];
          td = add(tr, el("td", cell ? cell[1] : "blank", cell ? cell[0] : ""));
          td.setAttribute("data-cell", cid);
          td.title = cid;
          if (mk.fail[cid]) { td.classList.add("fail"); if (mk.fail[cid] !== "error") { td.classList.add("warning-only"); } } else if (mk.involved[cid]) { td.classList.add("involved"); }
        } else {
          td = add(tr, el("th", kind, text));
          if (kind === "label") { td.scope = "row"; }
        }
        if (c[2] > 1) { td.rowSpan = c[2]; }
        if (c[3] > 1) { td.colSpan = c[3]; }
      });
    });
  }
  function cellList(parent, cells, mk) {
    var t = add(parent, el("table", "form cell-list"));
    Object.keys(cells).sort().forEach(function (cid) {
      var tr = add(t, el("tr"));
      add(tr, el("th", "", cid));
      var td = add(tr, el("td", cells[cid][1], cells[cid][0]));
      td.setAttribute("data-cell", cid);
      if (mk.fail[cid]) { td.classList.add("fail"); } else if (mk.involved[cid]) { td.classList.add("involved"); }
    });
  }
  function focus(box, li, f) {
    box.querySelectorAll(".focus").forEach(function (e) { e.classList.remove("focus"); });
    li.classList.add("focus");
    var first = null;
    [f.cell].concat(f.cells || []).forEach(function (cid) {
      if (!cid) { return; }
      box.querySelectorAll("td[data-cell]").forEach(function (td) {
        if (td.getAttribute("data-cell") === cid) { td.classList.add("focus"); first = first || td; }
      });
    });
    if (first) { first.scrollIntoView({ block: "nearest" }); }
  }
  function findingList(parent, findings, box) {
    var ul = add(parent, el("ul", "findings"));
    findings.forEach(function (f) {
      var li = add(ul, el("li", f.sev));
      li.tabIndex = 0;
      add(li, el("span", "code sev-" + f.sev, f.code));
      var rule = D.rules[f.code];
      add(li, el("span", "muted", (rule && rule.name ? rule.name + " · " : "") + SEV_NAME[f.sev]));
      add(li, el("div", "msg", f.msg));
      var where = f.where || "";
      if (f.exp !== undefined || f.act !== undefined) {
        where += (where ? " · " : "") + (f.exp !== undefined ? T.expected + f.exp : "") + (f.exp !== undefined && f.act !== undefined ? ", " : "") + (f.act !== undefined ? T.actual + f.act : "");
      }
      if (where) { add(li, el("span", "where", where)); }
      if (f.legal) { add(li, el("span", "legal", f.legal)); }
      if (f.comment) { add(li, el("span", "legal", "— " + f.comment)); }
      li.addEventListener("click", function () { focus(box, li, f); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { focus(box, li, f); } });
    });
  }
  function show(r) {
    state.selected = r.i;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) { tr.classList.toggle("selected", Number(tr.getAttribute("data-index")) === r.i); });
    var box = document.getElementById("detail");
    box.replaceChildren();
    box.setAttribute("data-key", r.key);
    add(box, el("h2", "", r.key));
    add(box, el("p", "meta", [r.organ || T.unknownOrgan, r.year === null ? T.unknownYear : r.year, r.variant || ""].join(" · ")));
    if (r.source && r.source !== r.key) { add(box, el("p", "meta", r.source)); }
    var grid = add(box, el("div", "detail-grid"));
    var main = add(grid, el("div", "tables"));
    var side = add(grid, el("div", "side"));
    var found = live(r);
    add(side, el("h3", "", T.findings + " (" + found.length + ")"));
    if (found.length) { findingList(side, found, box); } else { add(side, el("p", "muted", T.noFindings)); }
    var dis = add(side, el("div", "dismissed"));
    add(dis, el("h3", "", T.dismissed + " (" + r.dismissed.length + ")"));
    if (r.dismissed.length) { findingList(dis, r.dismissed, box); } else { add(dis, el("p", "muted", T.noDismissed)); }
    var inds = add(side, el("div", "indicators"));
    add(inds, el("h3", "", T.indReport));
    var mine = {};
    Object.keys(r.ind || {}).forEach(function (k) { mine[k] = r.ind[k]; });
    var changes = IND.changes[r.key] || {};
    Object.keys(changes).forEach(function (k) { mine[k] = changes[k]; });
    var ul2 = add(inds, el("ul", "indlist"));
    IND.names.forEach(function (x) {
      var v = mine[x[0]];
      if (!v) { return; }
      var li = add(ul2, el("li"));
      li.setAttribute("data-indicator", x[0]);
      add(li, el("b", "", x[1] + " "));
      add(li, el("span", "", v[0] === null ? T.indNoValue : pct(v[0], x[2])));
      add(li, el("span", "muted", v[0] === null ? " (" + v[1] + ")" : " (" + v[1] + (x[2] === "change" ? " ← " : "/") + v[2] + ") · " + T.indMedian + pct(MEDIAN[x[0]], x[2])));
    });
    var sk = add(side, el("div", "skipped"));
    add(sk, el("h3", "", T.skipped + " (" + r.skipped.length + ")"));
    var ul = add(sk, el("ul", "skiplist"));
    r.skipped.slice().sort(function (a, b) { return (D.reasons[a[1]][0] === "not-read" ? 0 : 1) - (D.reasons[b[1]][0] === "not-read" ? 0 : 1); }).forEach(function (x) {
      var reason = D.reasons[x[1]];
      var li = add(ul, el("li", reason[0] === "not-read" ? "warn" : ""));
      add(li, el("b", "", x[0] + " "));
      add(li, el("span", "kind", "[" + (reason[0] === "not-read" ? T.notRead : T.notApplicable) + "] "));
      add(li, el("span", "", reason[1]));
    });
    add(main, el("h3", "", T.tables));
    var t = D.tables[r.key];
    var mk = marks(found);
    if (!r.read) { add(main, el("p", "warn", T.notReadReport)); }
    else if (t && D.layouts[r.variant]) { D.layouts[r.variant].forEach(function (layout) { formTable(main, layout, t.cells, t.read, mk); }); }
    else if (t) { add(main, el("p", "warn", T.unknownVariant)); cellList(main, t.cells, mk); }
    else if (found.length) { add(main, el("p", "warn", T.capped + D.detail.limit + T.capped2)); }
    else { add(main, el("p", "muted", T.noTablesClean)); }
  }

  // ---- skipped rules of the run
  (function () {
    var box = document.getElementById("skips");
    add(box, el("h2", "", T.skipsTitle));
    add(box, el("p", "muted", T.skipsNote));
    if (!D.skips.length) { add(box, el("p", "muted", "—")); return; }
    var t = add(box, el("table", "form cell-list"));
    t.id = "skip-table";
    var head = add(t, el("tr"));
    [T.code, T.kind, T.reason, T.count].forEach(function (h) { add(head, el("th", "header", h)); });
    D.skips.slice().sort(function (a, b) {
      var ka = D.reasons[a[1]][0] === "not-read" ? 0 : 1, kb = D.reasons[b[1]][0] === "not-read" ? 0 : 1;
      return ka - kb || b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    }).forEach(function (x) {
      var reason = D.reasons[x[1]];
      var tr = add(t, el("tr", reason[0] === "not-read" ? "warn" : ""));
      var rule = D.rules[x[0]];
      add(tr, el("th", "", x[0] + (rule && rule.name ? " " + rule.name : "")));
      add(tr, el("td", "", reason[0] === "not-read" ? T.notRead : T.notApplicable));
      add(tr, el("td", "left", reason[1]));
      add(tr, el("td", "", x[2]));
    });
  })();

  document.getElementById("detail").appendChild(el("p", "muted", T.pick));
  refresh();
  var firstWith = D.reports.slice().sort(compare)[0];
  if (firstWith && live(firstWith).length) { show(firstWith); }
}());
