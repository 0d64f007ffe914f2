// digest-lint HTML report: filters, tooltips, jumps and n/p navigation.
// It reads the page's own elements only and never parses text as HTML.
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var byId = {};
  var parts = {};
  var items = {};
  findings.forEach(function (f) { byId[f.id] = f; parts[f.id] = []; });
  document.querySelectorAll(".finding-part").forEach(function (p) {
    var list = parts[p.getAttribute("data-part-of")];
    if (list) { list.push(p); }
  });
  document.querySelectorAll(".item[data-target]").forEach(function (li) {
    items[li.getAttribute("data-target")] = li;
  });
  var tip = document.getElementById("tip");
  var fileSelect = document.getElementById("filter-file");
  var counter = document.getElementById("filter-count");
  var current = null;

  // The sticky filter bar's height: the finding lists stick below it.
  var bar = document.getElementById("filters");
  function measureBar() {
    var height = bar ? bar.offsetHeight : 0;
    document.documentElement.style.setProperty("--filters-h", height + "px");
  }
  measureBar();
  window.addEventListener("resize", measureBar);

  function highlights(id) { return [byId[id]].concat(parts[id] || []); }
  function articleOf(el) { return el.closest(".article"); }
  function isShown(f) {
    var article = articleOf(f);
    return !f.classList.contains("is-filtered") && !(article && article.hidden);
  }
  function checkedValues(name) {
    var values = {};
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { values[box.value] = true; }
    });
    return values;
  }

  // ------------------------------------------------------------ filters
  function applyFilters() {
    var severities = checkedValues("severity");
    var rules = checkedValues("rule");
    var file = fileSelect ? fileSelect.value : "";
    var shown = 0;
    var visibleIn = {};
    findings.forEach(function (f) {
      var article = articleOf(f);
      var on = severities[f.getAttribute("data-severity")] === true &&
        rules[f.getAttribute("data-code")] === true &&
        (file === "" || (article && article.id === file));
      highlights(f.id).forEach(function (el) { el.classList.toggle("is-filtered", !on); });
      var li = items[f.id];
      if (li) { li.hidden = !on; }
      if (on) {
        shown += 1;
        if (article) { visibleIn[article.id] = true; }
      }
    });
    document.querySelectorAll(".article").forEach(function (article) {
      article.hidden = visibleIn[article.id] !== true;
    });
    if (counter) {
      counter.textContent = "表示中 " + shown + " / " + findings.length + " 件";
    }
    if (current && !isShown(current)) { select(null); }
    hideTip();
  }
  document.querySelectorAll('.filters input[type="checkbox"]').forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  if (fileSelect) { fileSelect.addEventListener("change", applyFilters); }
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      document.querySelectorAll('.filters input[type="checkbox"]').forEach(function (box) {
        box.checked = true;
      });
      if (fileSelect) { fileSelect.value = ""; }
      applyFilters();
    });
  }

  // ------------------------------------------------------------ selection
  function select(f, how) {
    if (current) {
      highlights(current.id).forEach(function (el) { el.classList.remove("is-current"); });
      if (items[current.id]) { items[current.id].classList.remove("is-current"); }
    }
    current = f;
    if (!f) { return; }
    var li = items[f.id];
    highlights(f.id).forEach(function (el) { el.classList.add("is-current"); });
    if (li) { li.classList.add("is-current"); }
    if (how && how.scrollText) {
      var target = f.closest(".doc") ? f : (li || f);
      target.scrollIntoView({ block: "center" });
      target.classList.remove("flash");
      void target.offsetWidth;
      target.classList.add("flash");
      f.focus({ preventScroll: true });
    }
    if (li && how && how.scrollList) {
      var side = li.closest(".side");
      if (side) {
        var top = li.offsetTop - side.offsetTop;
        if (top < side.scrollTop || top + li.offsetHeight > side.scrollTop + side.clientHeight) {
          side.scrollTop = Math.max(0, top - side.clientHeight / 3);
        }
      }
    }
    if (how && how.tip) { showTip([f.id], f.getBoundingClientRect()); }
  }

  document.querySelectorAll(".jump").forEach(function (button) {
    button.addEventListener("click", function () {
      var f = byId[button.getAttribute("data-target")];
      if (f && isShown(f)) { select(f, { scrollText: true, tip: true }); }
    });
  });

  function coveringIds(el) {
    var ids = [];
    for (var node = el; node && !node.classList.contains("doc"); node = node.parentElement) {
      var id = null;
      if (node.classList.contains("finding")) { id = node.id; }
      else if (node.classList.contains("finding-part")) { id = node.getAttribute("data-part-of"); }
      if (id && byId[id] && isShown(byId[id]) && ids.indexOf(id) < 0) { ids.push(id); }
    }
    return ids;
  }
  function highlightAt(target) {
    return target && target.closest ? target.closest(".doc .finding, .doc .finding-part") : null;
  }

  document.addEventListener("click", function (event) {
    var el = highlightAt(event.target);
    if (!el) { return; }
    var ids = coveringIds(el);
    if (ids.length) { select(byId[ids[0]], { scrollList: true }); }
  });

  // ------------------------------------------------------------ tooltip
  function showTip(ids, rect) {
    if (!tip) { return; }
    tip.replaceChildren();
    ids.forEach(function (id) {
      var li = items[id];
      if (!li) { return; }
      var entry = document.createElement("div");
      entry.className = "tip-entry";
      var head = li.querySelector(".tip-head");
      var detail = li.querySelector(".detail");
      if (head) { entry.appendChild(head.cloneNode(true)); }
      if (detail) { entry.appendChild(detail.cloneNode(true)); }
      tip.appendChild(entry);
    });
    if (!tip.childElementCount) { hideTip(); return; }
    tip.hidden = false;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight - 8) { top = Math.max(8, rect.top - height - 6); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { if (tip) { tip.hidden = true; } }

  document.addEventListener("mouseover", function (event) {
    var el = highlightAt(event.target);
    if (!el) { return; }
    var rects = el.getClientRects();
    var rect = el.getBoundingClientRect();
    for (var i = 0; i < rects.length; i += 1) {
      if (event.clientY >= rects[i].top && event.clientY <= rects[i].bottom) { rect = rects[i]; break; }
    }
    showTip(coveringIds(el), rect);
  });
  document.addEventListener("mouseout", function (event) {
    if (highlightAt(event.target) && !highlightAt(event.relatedTarget)) { hideTip(); }
  });
  window.addEventListener("scroll", function () { if (!current) { hideTip(); } }, { passive: true });

  // ------------------------------------------------------------ n / p
  function step(direction) {
    var shown = findings.filter(isShown);
    if (!shown.length) { return; }
    var at = current ? shown.indexOf(current) : -1;
    var next;
    if (at < 0) {
      next = direction > 0 ? shown[0] : shown[shown.length - 1];
    } else {
      next = shown[(at + direction + shown.length) % shown.length];
    }
    select(next, { scrollText: true, scrollList: true, tip: true });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === "n") { event.preventDefault(); step(1); }
    else if (event.key === "p") { event.preventDefault(); step(-1); }
    else if (event.key === "Escape") { hideTip(); select(null); }
  });
})();
