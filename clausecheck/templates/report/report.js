(function () {
  "use strict";
  var panel = document.getElementById("filters");
  if (!panel) { return; }
  // the set-aside matches are not counted, and not filtered
  var findings = Array.prototype.slice.call(
    document.querySelectorAll("#conflicts article.finding, #missing article.finding, #protections article.finding"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.concern"));
  var boxes = Array.prototype.slice.call(panel.querySelectorAll("input[type=checkbox]"));
  var status = document.getElementById("filter-status");
  function chosen(name) {
    var set = {};
    boxes.forEach(function (box) { if (box.name === name && box.checked) { set[box.value] = true; } });
    return set;
  }
  function apply() {
    var severity = chosen("severity");
    var group = chosen("group");
    var shown = 0;
    findings.forEach(function (card) {
      var visible = severity[card.getAttribute("data-severity")] === true &&
        group[card.getAttribute("data-group")] === true;
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector("article.finding:not([hidden])") === null;
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings.";
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; });
    apply();
  });
  panel.hidden = false;
  apply();
}());
