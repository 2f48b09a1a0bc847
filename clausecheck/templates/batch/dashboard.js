(function () {
  "use strict";
  var table = document.getElementById("contracts-table");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var text = document.getElementById("f-text");
  var level = document.getElementById("f-level");
  var concern = document.getElementById("f-concern");
  var count = document.getElementById("f-count");
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent; }
    return numeric ? parseFloat(raw) || 0 : raw.toLowerCase();
  }

  heads.forEach(function (head, index) {
    var button = head.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var numeric = head.getAttribute("data-type") === "num";
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = value(a, index, numeric), y = value(b, index, numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        if (order === 0) { order = value(a, 0, false) < value(b, 0, false) ? -1 : 1; return order; }
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });

  function filter() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = row.getAttribute("data-text");
      var ok = words.every(function (w) { return haystack.indexOf(w) !== -1; });
      ok = ok && (!level.value || row.getAttribute("data-level") === level.value);
      ok = ok && (!concern.value || (" " + row.getAttribute("data-concerns") + " ").indexOf(" " + concern.value + " ") !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " contracts";
  }
  [text, level, concern].forEach(function (control) {
    control.addEventListener("input", filter);
    control.addEventListener("change", filter);
  });
  filter();
}());
