// The upload forms: drop files on the box (on the check form the draft into the file field,
// spreadsheets into the annex field; on the batch form all of them), show what was chosen, and say
// the upload is running once it is sent.
// Plain DOM code, served as a file (the Content-Security-Policy allows no inline script).
var zhuanbao = (function () {
  "use strict";

  function put(input, files) {
    var list = new DataTransfer();
    files.forEach(function (f) { list.items.add(f); });
    input.files = list.files;
  }

  // the drop box `drop` hands the files dropped on it to `take`; the form says it is busy once sent
  function uploadForm(form, drop, take) {
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      take(Array.prototype.slice.call(e.dataTransfer.files));
    });
    form.addEventListener("submit", function () {
      document.getElementById("submit").disabled = true;
      document.getElementById("busy").hidden = false;
    });
  }

  return { put: put, uploadForm: uploadForm };
})();

(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) { return; }
  var file = document.getElementById("file");
  var annex = document.getElementById("annex");
  var sheet = /\.(xlsx|xlsm|xls|et|ods|csv)$/i;

  function show(input, target) {
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    document.getElementById(target).textContent = names.join("、");
  }

  file.addEventListener("change", function () { show(file, "file-chosen"); });
  annex.addEventListener("change", function () { show(annex, "annex-chosen"); });
  zhuanbao.uploadForm(form, document.getElementById("drop"), function (dropped) {
    var sheets = dropped.filter(function (f) { return sheet.test(f.name); });
    var drafts = dropped.filter(function (f) { return !sheet.test(f.name); });
    if (drafts.length) { zhuanbao.put(file, drafts.slice(0, 1)); show(file, "file-chosen"); }
    if (sheets.length) { zhuanbao.put(annex, sheets); show(annex, "annex-chosen"); }
  });
})();

// The batch form: many files (or .zip archives) at once.
(function () {
  "use strict";
  var form = document.getElementById("batch-form");
  if (!form) { return; }
  var files = document.getElementById("files");

  function show() {
    var names = Array.prototype.map.call(files.files, function (f) { return f.name; });
    document.getElementById("files-chosen").textContent =
      names.length ? names.length + " 个文件：" + names.join("、") : "";
  }

  files.addEventListener("change", show);
  zhuanbao.uploadForm(form, document.getElementById("drop"), function (dropped) {
    zhuanbao.put(files, dropped);
    show();
  });
})();

// A batch's progress: asks GET /api/batch/{id} twice a second and updates the bar and the counts
// (text only: textContent, never markup); once the batch has ended the page is loaded again with
// its downloads and laggards, drawn by the server.
(function () {
  "use strict";
  var batch = document.getElementById("batch");
  if (!batch) { return; }
  var state = batch.getAttribute("data-state");
  if (state !== "queued" && state !== "running") { return; }
  var url = batch.getAttribute("data-status");

  function set(id, text) { document.getElementById(id).textContent = text; }

  function update(p) {
    var bar = document.getElementById("bar");
    bar.max = p.files;
    bar.value = p.done;
    set("percent", p.percent + "%");
    set("done", p.done);
    set("files", p.files);
    set("pages", p.pages);
    set("errors", p.errors);
    set("elapsed", p.elapsed_seconds);
    set("eta", p.eta_seconds === null ? "—" : Math.round(p.eta_seconds) + " 秒");
    var list = document.getElementById("failed");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    p.failed.forEach(function (f) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = f.file;
      item.appendChild(code);
      item.appendChild(document.createTextNode("：" + f.reason));
      list.appendChild(item);
    });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.state === "queued" || p.state === "running") {
          update(p);
          window.setTimeout(poll, 500);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
