// The upload form: drop files on the box (the draft into the file field, spreadsheets into the
// annex field), show what was chosen, and say the check is running once it is sent.
// Plain DOM code, served as a file (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) { return; }
  var drop = document.getElementById("drop");
  var file = document.getElementById("file");
  var annex = document.getElementById("annex");
  var sheet = /\.(xlsx|xlsm|xls|et|ods|csv)$/i;

  function show(input, target) {
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    document.getElementById(target).textContent = names.join("、");
  }

  function put(input, files) {
    var list = new DataTransfer();
    files.forEach(function (f) { list.items.add(f); });
    input.files = list.files;
  }

  file.addEventListener("change", function () { show(file, "file-chosen"); });
  annex.addEventListener("change", function () { show(annex, "annex-chosen"); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    var dropped = Array.prototype.slice.call(e.dataTransfer.files);
    var sheets = dropped.filter(function (f) { return sheet.test(f.name); });
    var drafts = dropped.filter(function (f) { return !sheet.test(f.name); });
    if (drafts.length) { put(file, drafts.slice(0, 1)); show(file, "file-chosen"); }
    if (sheets.length) { put(annex, sheets); show(annex, "annex-chosen"); }
  });
  form.addEventListener("submit", function () {
    document.getElementById("submit").disabled = true;
    document.getElementById("busy").hidden = false;
  });
})();
