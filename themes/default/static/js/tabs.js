// Remedy default theme: content tabs, written in Markdown as `=== "Label"` blocks.
//
// Without this script every tab's panel shows, one after the other, each under its label
// (`p.tab-label`). With it, each tab set (`div.tabs` of `div.tab-panel`s) becomes the WAI-ARIA
// tabs pattern: a `tablist` of buttons before the panels, one panel shown at a time, the arrow
// keys, Home and End moving between tabs (and showing them), Tab moving into the panel.
// Picking a tab picks the tab with the same label in every other tab set of the page ("Mac"
// everywhere), and the choice is remembered in localStorage for the next pages. A link to
// something inside a hidden panel shows that panel. Printing shows every panel with its label
// (style.css). Loaded only on pages that have tabs. Its one word, the name of a tab without a
// label, comes from the page's `remedy-strings` data block (`[script.tabs]` in the theme's
// strings).
(function () {
  'use strict';

  // "Tab 2" in the page's language.
  function tabName(number) {
    var texts = {};
    try {
      var block = document.getElementById('remedy-strings');
      texts = (block && JSON.parse(block.textContent).tabs) || {};
    } catch (e) { /* no strings: the key shows */ }
    return (texts.tab || '[tab]').replace('{number}', String(number));
  }

  var STORAGE_KEY = 'remedy-tabs';
  var REMEMBERED = 10;

  // The labels picked before, most recent first.
  function remembered() {
    try {
      var labels = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
      return Array.isArray(labels)
        ? labels.filter(function (label) { return typeof label === 'string'; })
        : [];
    } catch (e) {
      return [];
    }
  }

  function remember(label) {
    var labels = [label].concat(remembered().filter(function (l) { return l !== label; }));
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(labels.slice(0, REMEMBERED)));
    } catch (e) { /* storage may be off (private windows, file://) */ }
  }

  var sets = [];

  function show(set, index, focus) {
    set.tabs.forEach(function (tab, i) {
      var selected = i === index;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
      set.panels[i].hidden = !selected;
    });
    if (focus) set.tabs[index].focus();
  }

  // Shows the tab `label` in every set that has one.
  function pick(label) {
    sets.forEach(function (set) {
      var index = set.labels.indexOf(label);
      if (index >= 0) show(set, index, false);
    });
    remember(label);
  }

  function build(root, number) {
    var panels = Array.prototype.filter.call(root.children, function (child) {
      return child.classList.contains('tab-panel');
    });
    if (!panels.length) return null;
    var list = document.createElement('div');
    list.className = 'tab-list';
    list.setAttribute('role', 'tablist');
    var set = { root: root, tabs: [], panels: panels, labels: [] };
    panels.forEach(function (panel, i) {
      var label = panel.querySelector('.tab-label');
      var text = label ? label.textContent.trim() : tabName(i + 1);
      if (!panel.id) panel.id = 'tabs-js-' + number + '-' + (i + 1);
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.id = panel.id + '-tab';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      tab.textContent = text;
      tab.addEventListener('click', function () {
        show(set, i, false);
        pick(text);
      });
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      list.appendChild(tab);
      set.tabs.push(tab);
      set.labels.push(text);
    });
    list.addEventListener('keydown', function (event) {
      var current = set.tabs.indexOf(document.activeElement);
      if (current < 0) return;
      var last = set.tabs.length - 1;
      var next = {
        ArrowRight: current === last ? 0 : current + 1,
        ArrowLeft: current === 0 ? last : current - 1,
        Home: 0,
        End: last
      }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      show(set, next, true);
      pick(set.labels[next]);
    });
    root.insertBefore(list, root.firstChild);
    root.classList.add('tabs-ready');
    return set;
  }

  // Shows the panels that hold the element the address points at.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var shown = false;
    sets.forEach(function (set) {
      set.panels.forEach(function (panel, i) {
        if (panel.hidden && panel !== target && panel.contains(target)) {
          show(set, i, false);
          shown = true;
        }
      });
    });
    if (shown && target.scrollIntoView) target.scrollIntoView();
  }

  Array.prototype.forEach.call(document.querySelectorAll('.tabs'), function (root, n) {
    var set = build(root, n + 1);
    if (set) sets.push(set);
  });
  var preferred = remembered();
  sets.forEach(function (set) {
    var index = 0;
    for (var i = 0; i < preferred.length; i++) {
      var found = set.labels.indexOf(preferred[i]);
      if (found >= 0) {
        index = found;
        break;
      }
    }
    show(set, index, false);
  });
  reveal();
  window.addEventListener('hashchange', reveal);
})();
