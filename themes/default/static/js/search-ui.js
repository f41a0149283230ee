/*!
 * Remedy search UI: the search field in every page's header and the search page, over the
 * engine that search.js puts at window.Remedy (both scripts are deferred, search.js first).
 * Plain JavaScript, no build step, no dependencies.
 *
 * The header's search field (#search-input, on every page but the search page) shows the best
 * results under it as the reader types, with a "See all N results" link to the search page at
 * the end. On the search page (#search-results) the page's own large field (#search-input
 * there) fills the page with results and follows ?q=, ?kind= and ?tag=; when the site offers
 * filters ([search] filters), chips under the field narrow the results by kind and tag.
 * Keyboard: `/` or Ctrl/Cmd+K focuses the field, arrows move through the results, Enter opens
 * one, Esc closes the list.
 *
 * When a word of the query matches nothing in the site (Remedy.query's `unmatched`), both say
 * so above the closest results ("No article mentions “viber”") and offer the troubleshooter,
 * instead of presenting the rest as answers.
 *
 * Every word the reader sees comes from the page's strings (the theme's `[script.search]` in the
 * page's language, see text() below), and the kind labels from the site's kinds.
 *
 * Everything from content or the query reaches the DOM through textContent or element
 * creation, never as HTML.
 */
(function (window) {
  'use strict';

  var POPUP_RESULTS = 8;
  var PAGE_RESULTS = 20;
  // Unmatched words shorter than this are not worth a notice (a stray letter or number).
  var NOTICE_MIN_CHARS = 3;

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
  var filterBox = page ? document.getElementById('search-filters') : null;

  // The page's strings for the search box (the theme's `[script.search]` in the page's
  // language, from the `remedy-strings` data block): text(key, values) fills `{name}`
  // placeholders, plural(key, count, values) picks `key_one` or `key_other` as the language does,
  // and pieces(key, values) fills them with elements too (a link, words in bold).
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
  function template(key) {
    return Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : '[' + key + ']';
  }
  function text(key, values) {
    return template(key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function pluralKey(key, count) {
    var form = key + '_' + (pluralRules ? pluralRules.select(count) : (count === 1 ? 'one' : 'other'));
    return Object.prototype.hasOwnProperty.call(texts, form) ? form : key + '_other';
  }
  function withCount(count, values) {
    var all = { count: count };
    for (var name in values || {}) all[name] = values[name];
    return all;
  }
  function plural(key, count, values) {
    return text(pluralKey(key, count), withCount(count, values));
  }
  // The string as a fragment: a placeholder whose value is a DOM node takes the node, any other
  // value its text. The placeholders are those of the string itself, never of a value.
  function pieces(key, values) {
    var out = document.createDocumentFragment();
    template(key).split(/\{(\w+)\}/).forEach(function (part, i) {
      if (i % 2 === 0) {
        if (part) out.appendChild(document.createTextNode(part));
      } else if (values && Object.prototype.hasOwnProperty.call(values, part)) {
        var value = values[part];
        out.appendChild(value && value.nodeType ? value : document.createTextNode(String(value)));
      } else {
        out.appendChild(document.createTextNode('{' + part + '}'));
      }
    });
    return out;
  }
  // "a, b or c" with the language's separators; each item text or a node.
  function orList(items) {
    var out = document.createDocumentFragment();
    items.forEach(function (item, i) {
      if (i > 0) out.appendChild(document.createTextNode(i + 1 === items.length ? text('list_or') : text('list_separator')));
      out.appendChild(item.nodeType ? item : document.createTextNode(item));
    });
    return out;
  }

  function href(path) {
    return new URL(path + '/' + (fileMode ? 'index.html' : ''), siteRoot).href;
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
  function quoted(words) { return text('quoted', { text: words }); }

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
  // The troubleshooter's path, or null when the site has none.
  function troubleshooterPath() {
    var path = html.getAttribute('data-troubleshooter');
    return path ? path.replace(/\/$/, '') : null;
  }
  function renderEmpty(query) {
    var box = element('div', 'search-empty');
    box.appendChild(element('p', 'search-empty-title', text('no_results_for', { query: query })));
    box.appendChild(element('p', null, filtersChosen() ? text('no_results_help_filtered') : text('no_results_help')));
    var help = [kindLink('faq'), kindLink('guide')].filter(Boolean);
    // The troubleshooter walks from what the reader sees to a fix, no search words needed.
    var troubleshooter = troubleshooterPath();
    if (troubleshooter) help.unshift(['troubleshoot', text('troubleshooter_link'), troubleshooter]);
    if (help.length) {
      box.appendChild(element('p', null, text('no_results_more')));
      var list = element('ul', 'search-empty-links');
      help.forEach(function (kind) {
        var item = element('li');
        var link = element('a', 'kind-' + kind[0], kind[1]);
        link.href = href(kind[2]);
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }
  // "No article mentions “viber”": the words no article holds, above the closest results.
  function renderNotice(words) {
    var box = element('div', 'search-notice');
    var title = element('p', 'search-notice-title');
    title.appendChild(pieces('notice_title', {
      words: orList(words.map(function (word) { return element('strong', null, quoted(word)); }))
    }));
    box.appendChild(title);
    var next = element('p', null, text('notice_closest'));
    var troubleshooter = troubleshooterPath();
    if (troubleshooter) {
      var link = element('a', 'search-notice-link', text('notice_troubleshooter_link'));
      link.href = href(troubleshooter);
      next.appendChild(document.createTextNode(' '));
      next.appendChild(pieces('notice_troubleshooter', { link: link }));
    }
    box.appendChild(next);
    return box;
  }
  // The search page's address for a query (and the chosen filters).
  function pageUrl(query) {
    var url = new URL('search/' + (fileMode ? 'index.html' : ''), siteRoot);
    url.searchParams.set('q', query);
    return url.href;
  }
  function option(link, i) {
    link.id = 'search-hit-' + i;
    link.setAttribute('role', 'option');
    link.setAttribute('aria-selected', 'false');
    link.tabIndex = -1;
    options.push(link);
  }
  function render(query, answer) {
    var results = answer.results;
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
    var missing = (answer.unmatched || []).filter(function (w) { return w.length >= NOTICE_MIN_CHARS; });
    if (missing.length) container.appendChild(renderNotice(missing));
    announce(missing.length
      ? plural('announce_unmatched', answer.total, { words: orList(missing).textContent })
      : plural('announce_results', answer.total));
    var list = element(page ? 'ol' : 'div', 'search-hits');
    list.id = 'search-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', text('results_label'));
    results.forEach(function (r, i) {
      // The link itself is the option: an option must not hold an interactive element.
      var item = element(page ? 'li' : 'div', 'search-hit kind-' + r.kind.replace(/[^a-z0-9_-]/gi, ''));
      item.setAttribute('role', 'none');
      var link = element('a', 'search-hit-link');
      link.href = href(r.slug);
      option(link, i);
      link.appendChild(element('span', 'kind-label search-hit-kind', r.kindSingular || r.kindTitle || r.kind));
      link.appendChild(marked('span', 'search-hit-title', r.title, r.highlights.title));
      if (r.excerpt) link.appendChild(marked('span', 'search-hit-excerpt', r.excerpt, r.highlights.excerpt));
      item.appendChild(link);
      item.addEventListener('mousemove', function () { if (active !== i) setActive(i); });
      list.appendChild(item);
    });
    if (popup) {
      // The last option opens the search page with every result.
      var more = element('div', 'search-all');
      more.setAttribute('role', 'none');
      var all = element('a', 'search-all-link', plural('see_all_results', answer.total));
      all.href = pageUrl(query);
      option(all, results.length);
      more.appendChild(all);
      more.addEventListener('mousemove', function () { if (active !== results.length) setActive(results.length); });
      list.appendChild(more);
    }
    container.appendChild(list);
    if (page) {
      var filters = filterNames();
      var count = element('p', 'search-count', (filters
        ? plural('results_for_in', answer.total, { query: query, filters: filters })
        : plural('results_for', answer.total, { query: query })) +
        (answer.total > results.length ? text('showing_best', { shown: results.length }) : ''));
      container.insertBefore(count, list);
      if (answer.total > results.length) {
        var button = element('button', 'search-more', text('show_more'));
        button.type = 'button';
        button.addEventListener('click', function () {
          pageLimit += PAGE_RESULTS;
          run(input.value);
        });
        container.appendChild(button);
      }
    }
  }
  function renderFailure(error) {
    container.textContent = '';
    options = [];
    var message = error && /offers no/.test(String(error.message)) ? text('filter_failed') : text('load_failed');
    container.appendChild(element('p', 'search-empty', message));
  }

  // ---- filters (search page) -------------------------------------------------------------------

  var chosen = { kind: [], tags: [] };
  var pageLimit = PAGE_RESULTS;
  if (page) {
    var params = new URL(window.location.href).searchParams;
    chosen.kind = params.getAll('kind');
    chosen.tags = params.getAll('tag');
  }
  function filtersChosen() { return chosen.kind.length + chosen.tags.length > 0; }
  function currentFilters() {
    return filtersChosen() ? { kind: chosen.kind.slice(), tags: chosen.tags.slice() } : undefined;
  }
  // The chosen filters as the count line names them ("Fixes, iPhone"), or '' for none.
  function filterNames() {
    if (!filtersChosen()) return '';
    var kinds = remedy.kinds(), names = [];
    chosen.kind.forEach(function (k) {
      var kind = kinds.filter(function (x) { return x[0] === k || x[2] === k; })[0];
      names.push(kind ? kind[1] : k);
    });
    return names.concat(chosen.tags).join(text('list_separator'));
  }
  function syncUrl() {
    var url = new URL(window.location.href);
    if (input.value) url.searchParams.set('q', input.value); else url.searchParams.delete('q');
    url.searchParams.delete('kind');
    url.searchParams.delete('tag');
    chosen.kind.forEach(function (k) { url.searchParams.append('kind', k); });
    chosen.tags.forEach(function (t) { url.searchParams.append('tag', t); });
    window.history.replaceState(null, '', url.href);
  }
  function renderFilters() {
    if (!filterBox || !remedy.filters) return;
    var offered = remedy.filters();
    var groups = [];
    if (offered.kind && offered.kind.length > 1) {
      groups.push({ name: 'kind', label: text('filter_kind'), values: offered.kind.map(function (k) { return { value: k.name, text: k.title, also: k.dir }; }) });
    }
    if (offered.tags && offered.tags.length) {
      groups.push({ name: 'tags', label: text('filter_tags'), values: offered.tags.map(function (t) { return { value: t.name, text: t.name }; }) });
    }
    filterBox.textContent = '';
    if (!groups.length) { filterBox.hidden = true; return; }
    groups.forEach(function (group) {
      var row = element('div', 'search-filter-group');
      row.setAttribute('role', 'group');
      var label = element('span', 'search-filter-label', group.label);
      label.id = 'search-filter-' + group.name;
      row.setAttribute('aria-labelledby', label.id);
      row.appendChild(label);
      var list = element('ul', 'search-chips');
      group.values.forEach(function (v) {
        var item = element('li');
        var chip = element('button', 'search-chip', v.text);
        chip.type = 'button';
        chip.setAttribute('data-filter', group.name);
        chip.setAttribute('data-value', v.value);
        var on = chosen[group.name].some(function (x) {
          return x === v.value || x === v.also || (group.name === 'tags' && x.toLowerCase() === v.value.toLowerCase());
        });
        chip.setAttribute('aria-pressed', on ? 'true' : 'false');
        chip.addEventListener('click', function () {
          var now = chip.getAttribute('aria-pressed') !== 'true';
          chip.setAttribute('aria-pressed', now ? 'true' : 'false');
          chosen[group.name] = chosen[group.name].filter(function (x) {
            return !(x === v.value || x === v.also || (group.name === 'tags' && x.toLowerCase() === v.value.toLowerCase()));
          });
          if (now) chosen[group.name].push(v.value);
          pageLimit = PAGE_RESULTS;
          syncUrl();
          if (input.value.trim()) run(input.value);
        });
        item.appendChild(chip);
        list.appendChild(item);
      });
      row.appendChild(list);
      filterBox.appendChild(row);
    });
    filterBox.hidden = false;
  }

  // ---- running queries -------------------------------------------------------------------------

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
    var ask = remedy.query
      ? remedy.query(query, { limit: page ? pageLimit : POPUP_RESULTS, filters: page ? currentFilters() : undefined })
      : remedy.search(query, { limit: page ? pageLimit : POPUP_RESULTS }).then(function (results) {
        return { results: results, unmatched: [], total: results.length };
      });
    ask.then(function (answer) {
      if (mine !== sequence) return;
      render(query.trim(), answer);
      if (document.activeElement === input || page) open();
    }, function (error) {
      if (mine !== sequence) return;
      renderFailure(error);
      open();
      if (window.console) window.console.error(error);
    });
  }
  function schedule() {
    window.clearTimeout(timer);
    pageLimit = PAGE_RESULTS;
    timer = window.setTimeout(function () { run(input.value); }, 60);
    if (page) syncUrl();
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
    if (filterBox) remedy.ready().then(renderFilters, function () {});
    var query = new URL(window.location.href).searchParams.get('q') || '';
    if (query) {
      input.value = query;
      run(query);
    }
  }
})(window);
