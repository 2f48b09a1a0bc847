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

  // The report arrives as a data: URL frame, which reads well without this script (its links to
  // its own sections work) but cannot be measured or printed from here. With the script it is
  // shown from the same HTML as <iframe srcdoc>: as tall as the report, printable, and with its
  // section links scrolling this page.
  var frame = document.getElementById("report");
  var print = document.getElementById("print");
  if (frame && window.TextDecoder) {
    var source = frame.getAttribute("src") || "";
    var comma = source.indexOf(",");
    var bytes = window.atob(source.slice(comma + 1));
    var codes = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i += 1) { codes[i] = bytes.charCodeAt(i); }
    var fit = function () {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = (doc.documentElement.scrollHeight + 4) + "px";
      }
    };
    var follow = function (event) {
      var doc = frame.contentDocument;
      var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (!doc || !link) { return; }
      var href = link.getAttribute("href");
      if (href.charAt(0) !== "#") { return; }
      // a srcdoc frame resolves "#x" against this page's address: scroll to it instead
      event.preventDefault();
      var target = doc.getElementById(decodeURIComponent(href.slice(1)));
      if (target) {
        if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
        target.scrollIntoView();
        target.focus({ preventScroll: true });
      }
    };
    frame.addEventListener("load", function () {
      var doc = frame.contentDocument;
      if (!doc || !frame.hasAttribute("srcdoc")) { return; }
      // links to sources open in a new tab instead of inside the frame
      Array.prototype.forEach.call(doc.querySelectorAll("a[href^='http']"), function (link) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      });
      doc.addEventListener("click", follow);
      fit();
      if (window.ResizeObserver && doc.body) { new window.ResizeObserver(fit).observe(doc.body); }
    });
    window.addEventListener("resize", fit);
    frame.srcdoc = new window.TextDecoder("utf-8").decode(codes);
    if (print) {
      print.parentNode.hidden = false;
      print.addEventListener("click", function () { frame.contentWindow.print(); });
    }
  }
}());
