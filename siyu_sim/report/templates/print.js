// Fit charts to the paper when printing (Chromium fires beforeprint for its print dialog and
// for print-to-PDF alike), back to the window afterwards. A chart's size on paper: html.py.
(function () {
  function plots() { return document.querySelectorAll('.js-plotly-plot'); }
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not(.folded)').forEach(function (d) { d.open = true; });
    plots().forEach(function (p) {
      if (!p.dataset.screenHeight) { p.dataset.screenHeight = p._fullLayout.height; }
      var height = Math.min(+p.dataset.screenHeight, +p.closest('.figure').dataset.printHeight);
      p.parentElement.style.height = height + 'px';  // the box plotly.py sized, not only the drawing
      Plotly.relayout(p, {width: {{ print_width }}, height: height});
    });
  });
  window.addEventListener('afterprint', function () {
    plots().forEach(function (p) {
      p.parentElement.style.height = p.dataset.screenHeight + 'px';
      Plotly.relayout(p, {width: null, height: +p.dataset.screenHeight, autosize: true});
    });
  });
})();
