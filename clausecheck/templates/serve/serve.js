(function () {
  "use strict";
  // The page works without this script: it adds drag-and-drop, focus on a problem, a busy
  // message while checking, and on the report page a Print button and a frame as tall as the report.
  var problem = document.getElementById("problem");
  if (problem) { problem.focus(); }

  var form = document.getElementById("check-form");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("chosen");
  function showChosen() {
    if (chosen && input.files && input.files.length) {
      chosen.textContent = "Chosen: " + input.files[0].name;
    }
  }
  if (form && input && drop) {
    input.addEventListener("change", showChosen);
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) {
        event.preventDefault();
        drop.classList.add("dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("dragover"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        showChosen();
      }
    });
    form.addEventListener("submit", function () {
      var button = document.getElementById("submit");
      var status = document.getElementById("status");
      if (status) { status.textContent = "Checking the contract. This can take a few seconds."; }
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
    // coming Back to this page from the browser's cache: ready for another file
    window.addEventListener("pageshow", function () {
      var button = document.getElementById("submit");
      var status = document.getElementById("status");
      if (button) { button.disabled = false; }
      if (status) { status.textContent = ""; }
    });
  }

  var frame = document.getElementById("report");
  var print = document.getElementById("print");
  if (frame) {
    var fit = function () {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = (doc.documentElement.scrollHeight + 4) + "px";
      }
    };
    var ready = function () {
      var doc = frame.contentDocument;
      if (!doc) { return; }
      // links to sources open in a new tab instead of inside the frame
      Array.prototype.forEach.call(doc.querySelectorAll("a[href^='http']"), function (link) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      });
      fit();
      if (window.ResizeObserver && doc.body) { new window.ResizeObserver(fit).observe(doc.body); }
    };
    frame.addEventListener("load", ready);
    if (frame.contentDocument && frame.contentDocument.readyState === "complete") { ready(); }
    window.addEventListener("resize", fit);
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { frame.contentWindow.print(); });
    }
  }
}());
