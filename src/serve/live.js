// Remedy dev server: live reload and the problems overlay. Injected only by `remedy serve`.
(function () {
  'use strict';
  var scrollKey = 'remedy-scroll:' + location.pathname;
  try {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      var y = parseInt(saved, 10) || 0;
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === 'complete') restore();
      else window.addEventListener('load', restore);
    }
  } catch (e) { /* storage may be disabled */ }

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/_remedy/live.css';
  document.head.appendChild(style);

  var overlay = null;
  function showProblems(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'remedy-problems';
      overlay.setAttribute('role', 'alert');
      var title = document.createElement('p');
      title.className = 'remedy-problems-title';
      title.textContent = 'This save has problems. The page shows the last good build.';
      overlay.appendChild(title);
      overlay.appendChild(document.createElement('pre'));
      document.body.appendChild(overlay);
    }
    overlay.querySelector('pre').textContent = text;
  }
  function hideProblems() {
    if (overlay) {
      overlay.parentNode.removeChild(overlay);
      overlay = null;
    }
  }
  // A rebuild concerns this page when it rewrote the page, or a file the page shows (an
  // image of the article's folder).
  function concerns(paths) {
    var here = location.pathname;
    var shown = {};
    Array.prototype.forEach.call(document.images, function (image) {
      try { shown[new URL(image.currentSrc || image.src, location.href).pathname] = true; } catch (e) { /* ignore */ }
    });
    return paths.some(function (path) {
      return path === '*' || path === here || here === path + 'index.html' || shown[path] === true;
    });
  }

  var source = new EventSource('/_remedy/events');
  source.addEventListener('reload', function (event) {
    hideProblems();
    if (!concerns(JSON.parse(event.data).paths)) return;
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  });
  source.addEventListener('problems', function (event) {
    showProblems(JSON.parse(event.data).text);
  });
  source.addEventListener('ok', hideProblems);
  window.RemedyLive = { source: source };
})();
