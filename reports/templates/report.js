// crosscheck HTML report: the filters (severity, source, review status) and
// print. Inlined into every report and allowed by the page's
// Content-Security-Policy through its hash; it reads only data- attributes
// and never writes markup, only `hidden` and text.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var count = document.getElementById('filter-count');
  function value(id) { return document.getElementById(id).value; }
  function quotes(card, source) {
    return Array.prototype.some.call(card.querySelectorAll('.quote'), function (q) {
      return q.getAttribute('data-source') === source;
    });
  }
  function apply() {
    var severity = value('filter-severity');
    var source = value('filter-source');
    var status = value('filter-status');
    var shown = 0;
    cards.forEach(function (card) {
      var match = (!severity || card.getAttribute('data-severity') === severity) &&
          (!status || card.getAttribute('data-status') === status) &&
          (!source || quotes(card, source));
      card.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown + ' of ' + cards.length + ' findings shown';
  }
  if (form) {
    form.addEventListener('change', apply);
    form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    apply();
  }
  // Printed, every card and every folded section shows.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      d.setAttribute('data-was-open', d.open ? '1' : '');
      d.open = true;
    });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      d.open = d.getAttribute('data-was-open') === '1';
    });
  });
})();
