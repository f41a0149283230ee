/*!
 * Remedy search UI: the search field in every page's header and the search page, over the
 * engine that search.js puts at window.Remedy (both scripts are deferred, search.js first).
 * Plain JavaScript, no build step, no dependencies.
 *
 * The header's search field (#search-input, on every page) shows the best results under it
 * as the reader types; on the search page (#search-results) the results fill the page and
 * follow ?q=. Keyboard: `/` or Ctrl/Cmd+K focuses the field, arrows move through the
 * results, Enter opens one, Esc closes the list.
 *
 * Everything from content reaches the DOM through textContent or element creation, never as
 * HTML.
 */
(function (window) {
  'use strict';

  var POPUP_RESULTS = 8;
  var PAGE_RESULTS = 20;

  var document = window.document;
  var remedy = window.Remedy;
  if (!document || !remedy || !remedy.search) return;
  var html = document.documentElement;
  var siteRoot = new URL(html.getAttribute('data-root') || './', document.baseURI);

  var input = document.getElementById('search-input');
  var page = document.getElementById('search-results');
  if (!input) return;
  var form = input.form;
  var fileMode = window.location.protocol === 'file:';

  // The page's strings for the search box (the theme's `[script.search]` in the page's
  // language, from the `remedy-strings` data block): text(key, values) fills `{name}`
  // placeholders, plural(key, count, values) picks `key_one` or `key_other` as the language does.
  var strings = (function () {
    var block = document.getElementById('remedy-strings');
    try {
      return block ? JSON.parse(block.textContent) : {};
    } catch (e) {
      return {};
    }
  })();
  var texts = strings.search || {};
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(strings.language || 'en') : null;
  function text(key, values) {
    var template = texts.hasOwnProperty(key) ? texts[key] : '[' + key + ']';
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function plural(key, count, values) {
    var category = pluralRules ? pluralRules.select(count) : (count === 1 ? 'one' : 'other');
    var form = key + '_' + category;
    if (!texts.hasOwnProperty(form)) form = key + '_other';
    var all = { count: count };
    for (var name in values || {}) all[name] = values[name];
    return text(form, all);
  }

  function href(slug) {
    return new URL(slug + '/' + (fileMode ? 'index.html' : ''), siteRoot).href;
  }
  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Text with the given ranges wrapped in <mark>, built from text nodes only.
  function marked(name, className, text, ranges) {
    var e = element(name, className), at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) e.appendChild(document.createTextNode(text.slice(at, r[0])));
      e.appendChild(element('mark', null, text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) e.appendChild(document.createTextNode(text.slice(at)));
    return e;
  }

  var popup = null;
  if (!page) {
    popup = element('div', 'search-popup');
    popup.id = 'search-popup';
    popup.hidden = true;
    form.appendChild(popup);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', 'search-list');
  }
  if (page) input.setAttribute('aria-controls', 'search-list');
  var container = page || popup;
  // Says how many results there are to screen readers (the search page's results are in
  // a live region already).
  var status = null;
  if (popup) {
    status = element('p', 'visually-hidden');
    status.setAttribute('role', 'status');
    form.appendChild(status);
  }
  function announce(text) { if (status) status.textContent = text; }
  var options = [];
  var active = -1;

  function setActive(index) {
    if (options.length === 0) { active = -1; return; }
    if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
    active = index < 0 ? -1 : Math.min(index, options.length - 1);
    if (active >= 0) {
      options[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function open() {
    if (!popup) return;
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
  function close() {
    if (!popup) return;
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function kindLink(name) {
    var kinds = remedy.kinds();
    for (var i = 0; i < kinds.length; i++) if (kinds[i][0] === name) return kinds[i];
    return null;
  }
  function renderEmpty(query) {
    var box = element('div', 'search-empty');
    box.appendChild(element('p', 'search-empty-title', text('no_results_for', { query: query })));
    box.appendChild(element('p', null, text('no_results_help')));
    var help = [kindLink('faq'), kindLink('guide')].filter(Boolean);
    // The troubleshooter walks from what the reader sees to a fix, no search words needed.
    var troubleshooter = html.getAttribute('data-troubleshooter');
    if (troubleshooter) help.unshift(['troubleshoot', text('troubleshooter_link'), troubleshooter.replace(/\/$/, '')]);
    if (help.length) {
      box.appendChild(element('p', null, text('no_results_more')));
      var list = element('ul', 'search-empty-links');
      help.forEach(function (kind) {
        var item = element('li');
        var link = element('a', 'kind-' + kind[0], kind[1]);
        link.href = new URL(kind[2] + '/' + (fileMode ? 'index.html' : ''), siteRoot).href;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }
  function render(query, results) {
    container.textContent = '';
    container.setAttribute('data-query', query);
    options = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (results.length === 0) {
      container.appendChild(renderEmpty(query));
      announce(text('no_results'));
      return;
    }
    announce(plural('announce_results', results.length));
    var list = element(page ? 'ol' : 'div', 'search-hits');
    list.id = 'search-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', text('results_label'));
    results.forEach(function (r, i) {
      // The link itself is the option: an option must not hold an interactive element.
      var item = element(page ? 'li' : 'div', 'search-hit kind-' + r.kind.replace(/[^a-z0-9_-]/gi, ''));
      item.setAttribute('role', 'none');
      var link = element('a', 'search-hit-link');
      link.id = 'search-hit-' + i;
      link.setAttribute('role', 'option');
      link.setAttribute('aria-selected', 'false');
      link.href = href(r.slug);
      link.tabIndex = -1;
      link.appendChild(element('span', 'kind-label search-hit-kind', r.kindTitle || r.kind));
      link.appendChild(marked('span', 'search-hit-title', r.title, r.highlights.title));
      if (r.excerpt) link.appendChild(marked('span', 'search-hit-excerpt', r.excerpt, r.highlights.excerpt));
      item.appendChild(link);
      item.addEventListener('mousemove', function () { if (active !== i) setActive(i); });
      list.appendChild(item);
      options.push(link);
    });
    container.appendChild(list);
    if (page) {
      var count = element('p', 'search-count', plural('results_for', results.length, { query: query }));
      container.insertBefore(count, list);
    }
  }
  function renderFailure() {
    container.textContent = '';
    options = [];
    container.appendChild(element('p', 'search-empty', text('load_failed')));
  }

  var sequence = 0, timer = 0;
  function run(query) {
    var mine = ++sequence;
    if (!query.trim()) {
      container.textContent = '';
      container.removeAttribute('data-query');
      options = [];
      announce('');
      close();
      return;
    }
    remedy.search(query, { limit: page ? PAGE_RESULTS : POPUP_RESULTS }).then(function (results) {
      if (mine !== sequence) return;
      render(query.trim(), results);
      if (document.activeElement === input || page) open();
    }, function (error) {
      if (mine !== sequence) return;
      renderFailure();
      open();
      if (window.console) window.console.error(error);
    });
  }
  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 60);
    if (page) {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set('q', input.value); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url.href);
    }
  }

  input.addEventListener('input', schedule);
  input.addEventListener('focus', function () {
    remedy.ready().catch(function () {});
    if (popup && options.length) open();
  });
  input.addEventListener('keydown', function (event) {
    var visible = page || (popup && !popup.hidden);
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      open();
      setActive(visible ? active + 1 : 0);
    } else if (event.key === 'ArrowUp' && options.length && visible) {
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === 'Enter') {
      if (visible && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].href;
      } else if (page) {
        event.preventDefault();
        window.clearTimeout(timer);
        run(input.value);
      }
    } else if (event.key === 'Escape') {
      if (popup && !popup.hidden) { event.preventDefault(); close(); }
      else if (!page) input.blur();
    }
  });
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var editing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === '/' && !editing && !event.ctrlKey && !event.metaKey && !event.altKey) ||
        ((event.ctrlKey || event.metaKey) && (event.key === 'k' || event.key === 'K'))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  document.addEventListener('mousedown', function (event) {
    if (popup && !form.contains(event.target)) close();
  });
  form.addEventListener('focusout', function (event) {
    if (popup && !form.contains(event.relatedTarget)) close();
  });

  if (page) {
    var query = new URL(window.location.href).searchParams.get('q') || '';
    if (query) {
      input.value = query;
      run(query);
    }
  }
})(window);
