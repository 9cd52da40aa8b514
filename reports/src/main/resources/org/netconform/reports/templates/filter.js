// The report's filter, better with JavaScript: find rows by ID or text, show only failing rows, show one
// target's column. Without it, the filter bar's links (failures.html, area-*.html, target-*.html) do the same.
(function () {
  var bar = document.querySelector('.js-only');
  if (!bar) { return; }
  bar.hidden = false;
  var find = document.getElementById('find');
  var failing = document.getElementById('only-failing');
  var target = document.getElementById('only-target');
  var names = {};
  document.querySelectorAll('table.matrix thead th.target').forEach(function (th) { names[th.textContent] = true; });
  Object.keys(names).sort().forEach(function (n) {
    var o = document.createElement('option'); o.value = n; o.textContent = n; target.appendChild(o);
  });
  function bad(td) {
    return /o-(fail|error|non-strict)/.test(td.className) || td.querySelector('.differs') !== null;
  }
  function apply() {
    var q = find.value.trim().toLowerCase();
    var t = target.value;
    document.querySelectorAll('table.matrix').forEach(function (table) {
      var heads = Array.prototype.slice.call(table.querySelectorAll('thead th'));
      var keep = heads.map(function (th, i) { return i < 3 || !t || th.textContent === t; });
      heads.forEach(function (th, i) { th.hidden = !keep[i]; });
      var shown = 0;
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        var cells = Array.prototype.slice.call(tr.children);
        cells.forEach(function (td, i) { td.hidden = !keep[i]; });
        var visible = cells.filter(function (td, i) { return i >= 3 && keep[i]; });
        var ok = (!q || tr.textContent.toLowerCase().indexOf(q) >= 0)
          && (!failing.checked || visible.some(bad)) && visible.length > 0;
        tr.hidden = !ok;
        if (ok) { shown++; }
      });
      var title = table.previousElementSibling;
      table.hidden = shown === 0;
      if (title && title.tagName === 'H4') { title.hidden = shown === 0; }
    });
  }
  [find, failing, target].forEach(function (e) { e.addEventListener('input', apply); e.addEventListener('change', apply); });
})();
