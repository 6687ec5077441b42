"use strict";
(function () {
  var D = JSON.parse(document.getElementById("du-lieu").textContent);
  var S = D.s, L = D.labels;
  var PAGE = 100;
  var PNAME = {};
  D.periods.forEach(function (p) { PNAME[p[0]] = p[1]; });
  function s(i) { return S[i]; }
  function label(prefix, code) { return L[prefix + code] || code; }
  var SEV = ["Lỗi", "Cảnh báo", "Thông tin"];
  var STATE = ["Đúng hạn", "Muộn", "Chưa rõ đúng hạn", "Chưa gửi", "Gửi, không thuộc diện phải gửi", "Không phải gửi"];
  // ent: [period, subject, id, name, second, owner, category, level, status, unit, unit name, file, sheet, row, commendation stages (bits)]
  var ENT = [
    ["Kỳ", function (r) { return D.periods[r[0]][1]; }, "nw"],
    ["Đối tượng", function (r) { return r[1] ? "Điển hình" : "Mô hình"; }],
    ["Mã", function (r) { return s(r[2]); }, "nw"],
    ["Tên", function (r) { return s(r[3]); }, "w"],
    ["Loại mô hình / chức vụ", function (r) { return s(r[4]); }],
    ["Đơn vị thực hiện / nơi công tác", function (r) { return s(r[5]); }],
    ["Cấp", function (r) { return label("l:", s(r[7])); }, "nw"],
    ["Tình trạng", function (r) { return label("st:", s(r[8])); }],
    ["Đơn vị báo cáo", function (r) { return s(r[10]); }, "w"],
    ["File", function (r) { return s(r[11]); }, "file"],
    ["Sheet", function (r) { return s(r[12]); }],
    ["Dòng", function (r) { return r[13]; }]
  ];
  // units: [period, unit, name, kind, file, state, days late, models, exemplars]
  var UNITS = [
    ["Kỳ", function (r) { return D.periods[r[0]][1]; }],
    ["Mã đơn vị", function (r) { return s(r[1]); }],
    ["Đơn vị", function (r) { return s(r[2]); }],
    ["Loại đơn vị", function (r) { return s(r[3]); }],
    ["Tình hình gửi", function (r) { return STATE[r[5]] + (r[5] === 1 ? " " + r[6] + " ngày" : ""); }],
    ["Mô hình", function (r) { return r[7]; }],
    ["Điển hình", function (r) { return r[8]; }],
    ["File", function (r) { return s(r[4]); }, "file"]
  ];
  // fin: [severity, code, period, unit, file, sheet, row, message]
  var FIN = [
    ["Mức độ", function (r) { return SEV[r[0]]; }],
    ["Mã", function (r) { return s(r[1]); }],
    ["Kỳ", function (r) { return PNAME[s(r[2])] || s(r[2]); }, "nw"],
    ["Đơn vị", function (r) { return s(r[3]); }],
    ["File", function (r) { return s(r[4]); }, "file"],
    ["Sheet", function (r) { return s(r[5]); }],
    ["Dòng", function (r) { return r[6] || ""; }],
    ["Nội dung", function (r) { return r[7]; }, "w"]
  ];
  var SETS = {
    ent: { name: "Mô hình, điển hình", rows: D.ent, cols: ENT },
    units: { name: "Đơn vị", rows: D.units, cols: UNITS },
    fin: { name: "Vấn đề", rows: D.fin, cols: FIN }
  };
  function pid(r) { return D.periods[r[0]][0]; }
  // The rows a figure stands for: the same equalities the page was written with.
  function select(q) {
    if (q.d === "bm") {
      return D.bm.filter(function (x) { return x[0] === q.b && x[1] === q.t; })
        .map(function (x) { return D.ent[x[2]]; });
    }
    var rows = SETS[q.d].rows;
    return rows.filter(function (r) {
      if (q.d === "ent") {
        return (q.p === undefined || pid(r) === q.p) && (q.sj === undefined || r[1] === q.sj) &&
          (q.st === undefined || s(r[8]) === q.st) && (q.l === undefined || s(r[7]) === q.l) &&
          (q.c === undefined || s(r[6]) === q.c) && (q.u === undefined || s(r[9]) === q.u) &&
          (q.cs === undefined || (r[14] & q.cs) !== 0);
      }
      if (q.d === "units") {
        return (q.p === undefined || pid(r) === q.p) && (q.k === undefined || s(r[3]) === q.k) &&
          (q.rs === undefined || q.rs.indexOf(r[5]) >= 0) && (q.u === undefined || s(r[1]) === q.u);
      }
      return (q.p === undefined || s(r[2]) === q.p) && (q.sev === undefined || r[0] === q.sev);
    });
  }
  // Search ignores case and diacritics: "ha noi" finds "Hà Nội".
  function fold(t) {
    return String(t).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  var view = { set: "ent", q: null, title: "", rows: D.ent, keys: null, sort: -1, dir: 1, page: 0, find: "" };
  var $ = function (id) { return document.getElementById(id); };
  function cols() { return SETS[view.set].cols; }
  function shown() {
    var rows = view.rows;
    if (view.find) {
      if (!view.keys) {
        var c = cols();
        view.keys = rows.map(function (r) { return fold(c.map(function (x) { return x[1](r); }).join(" ")); });
      }
      var words = fold(view.find).split(/\s+/).filter(Boolean);
      rows = rows.filter(function (r, i) {
        var k = view.keys[i];
        return words.every(function (w) { return k.indexOf(w) >= 0; });
      });
    }
    if (view.sort >= 0) {
      var get = cols()[view.sort][1], dir = view.dir;
      rows = rows.slice().sort(function (a, b) {
        var x = get(a), y = get(b);
        if (typeof x === "number" && typeof y === "number") { return (x - y) * dir; }
        return collator.compare(String(x), String(y)) * dir;
      });
    }
    return rows;
  }
  function draw() {
    var c = cols(), rows = shown();
    var head = document.createElement("tr");
    c.forEach(function (col, j) {
      var th = document.createElement("th");
      th.textContent = col[0];
      th.setAttribute("scope", "col");
      if (j === view.sort) { th.setAttribute("aria-sort", view.dir > 0 ? "ascending" : "descending"); }
      th.addEventListener("click", function () {
        view.dir = view.sort === j ? -view.dir : 1;
        view.sort = j;
        view.page = 0;
        draw();
      });
      head.appendChild(th);
    });
    var thead = $("bang").tHead;
    thead.textContent = "";
    thead.appendChild(head);
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    view.page = Math.min(view.page, pages - 1);
    var body = document.createElement("tbody");
    rows.slice(view.page * PAGE, (view.page + 1) * PAGE).forEach(function (r) {
      var tr = document.createElement("tr");
      c.forEach(function (col) {
        var td = document.createElement("td");
        var v = col[1](r);
        td.textContent = v;
        if (typeof v === "number") { td.className = "n"; } else if (col[2]) { td.className = col[2]; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $("bang").replaceChild(body, $("bang").tBodies[0]);
    $("dem").textContent = rows.length.toLocaleString("vi-VN") + " dòng";
    $("dem").setAttribute("data-count", String(rows.length));
    $("trang").textContent = "Trang " + (view.page + 1) + " / " + pages;
    $("truoc").disabled = view.page === 0;
    $("sau").disabled = view.page + 1 >= pages;
    var loc = $("loc");
    loc.textContent = "";
    if (view.q) {
      var chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = view.title;
      var off = document.createElement("button");
      off.type = "button";
      off.textContent = "Bỏ lọc";
      off.addEventListener("click", function () { open(view.set, null, ""); });
      loc.appendChild(chip);
      loc.appendChild(off);
    }
    Array.prototype.forEach.call($("tabs").children, function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-set") === view.set));
    });
  }
  function open(set, q, title) {
    view.set = set;
    view.q = q;
    view.title = title;
    view.rows = q ? select(q) : SETS[set].rows;
    view.keys = null;
    view.sort = -1;
    view.page = 0;
    draw();
  }
  Object.keys(SETS).forEach(function (k) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = SETS[k].name;
    b.setAttribute("data-set", k);
    b.addEventListener("click", function () { open(k, null, ""); });
    $("tabs").appendChild(b);
  });
  $("tim").addEventListener("input", function () { view.find = this.value; view.page = 0; draw(); });
  $("truoc").addEventListener("click", function () { view.page -= 1; draw(); });
  $("sau").addEventListener("click", function () { view.page += 1; draw(); });
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-q]") : null;
    if (!el) { return; }
    e.preventDefault();
    var q = JSON.parse(el.getAttribute("data-q"));
    open(q.d === "bm" ? "ent" : q.d, q, el.getAttribute("data-t") || "");
    $("chi-tiet").scrollIntoView();
  });
  // The period chosen: its part of the page shown, the others hidden.
  var ky = $("ky");
  function choose(id) {
    Array.prototype.forEach.call(document.querySelectorAll(".per"), function (d) {
      d.hidden = d.getAttribute("data-p") !== id;
    });
  }
  if (ky) {
    ky.addEventListener("change", function () { choose(ky.value); });
    choose(ky.value);
  }
  open("ent", null, "");
})();
