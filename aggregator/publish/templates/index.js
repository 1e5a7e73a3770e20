(function () {
  "use strict";
  var form = document.getElementById("filters");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var items = Array.prototype.slice.call(document.querySelectorAll("#articles > li"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  function apply() {
    var shown = 0;
    items.forEach(function (li) {
      var ok = selects.every(function (s) { return !s.value || li.getAttribute("data-" + s.name) === s.value; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " bài";
    empty.hidden = shown > 0;
    var hash = selects.filter(function (s) { return s.value; })
      .map(function (s) { return s.name + "=" + encodeURIComponent(s.value); }).join("&");
    if (hash !== location.hash.slice(1)) {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }
  function fromHash() {
    var wanted = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) { wanted[kv[0]] = decodeURIComponent(kv[1]); }
    });
    selects.forEach(function (s) {
      var value = wanted[s.name] || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
    apply();
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  window.addEventListener("hashchange", fromHash);
  form.hidden = false;
  fromHash();
})();
