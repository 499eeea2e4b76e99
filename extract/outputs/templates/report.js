// The indicators tables: filter by campaign, status, unit and text; sort by a header click.
// Plain DOM code, no library: it runs from a file:// page with no network.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function applyFilters(box) {
    var table = document.getElementById(box.getAttribute("data-for"));
    var want = {};
    box.querySelectorAll("[data-filter]").forEach(function (el) {
      want[el.getAttribute("data-filter")] = el.value.trim();
    });
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var units = (row.getAttribute("data-units") || "").split(";");
      var ok = (!want.campaign || row.getAttribute("data-campaign") === want.campaign) &&
               (!want.status || row.getAttribute("data-status") === want.status) &&
               (!want.unit || units.indexOf(want.unit) >= 0) &&
               (!want.text || row.textContent.indexOf(want.text) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    }
    box.querySelector(".shown-count").textContent = "显示 " + shown + " / " + rows.length + " 项";
  }

  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[index];
      return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), order;
      if (numeric) {
        // empty values last whichever way
        if (x === "" || y === "") { return (x === "") - (y === ""); }
        order = parseFloat(x) - parseFloat(y);
      } else {
        order = collator.compare(x, y);
      }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  document.querySelectorAll(".filters").forEach(function (box) {
    box.addEventListener("input", function () { applyFilters(box); });
    box.addEventListener("change", function () { applyFilters(box); });
    applyFilters(box);
  });
  document.querySelectorAll("table.indicators").forEach(function (table) {
    table.tHead.addEventListener("click", function (event) {
      var th = event.target.closest("th");
      if (th) { sortBy(table, th); }
    });
  });
})();
