/*
 * Remedy's troubleshooter, in the browser. The pages under /troubleshoot/ work without it:
 * a page per symptom, with its causes and their fixes. This script adds what needs a reader's
 * state, and nothing else:
 *
 * - on the troubleshooter's index, the symptoms become checkboxes: pick several and the causes
 *   are ranked by how many of the chosen symptoms they explain, then by weight (the order the
 *   page lists them in), those explaining none hidden; `?symptoms=a,b` preselects. A filter box
 *   narrows the symptoms to those whose words start with what the reader types (the ones
 *   behind "more" included; those become checkboxes when first shown, so a troubleshooter
 *   with thousands of symptoms is ready at once). Every tick shows its effect: on a wide screen the causes stand
 *   beside the symptoms (CSS); on a phone a bar at the bottom of the screen says how many
 *   causes the ticks point at, names the most likely one and leads down to them;
 * - on the index of a troubleshooter too large to list every cause (`data-causes-from="pages"`,
 *   past `[troubleshooter] index-causes`), the causes of a ticked symptom are read from the
 *   symptom's own page, once per page (a cause the page lists only as a link, past
 *   `[troubleshooter] page-causes`, counts alike and is shown by its title and summary until
 *   another ticked symptom's page brings its fixes); opened from file://, where a page cannot
 *   read another, the symptoms stay links to their pages;
 * - on every troubleshooter page, each fix gets a "Tried it" checkbox, kept in localStorage
 *   per site, and each cause says how many of its fixes are left; once every fix shown has
 *   been tried, the "Still stuck?" box is pointed out;
 * - on a print view, a button that prints it.
 *
 * Every word it shows comes from the page's `remedy-strings` data block (the theme's
 * `[script.troubleshoot]` strings in the page's language), plural forms picked by the
 * browser's Intl.PluralRules for that language.
 *
 * The ranking rule is the one src/troubleshooter.rs documents. Plain ES5 with no build step,
 * no inline styles (the pages' CSP allows none), nothing sent anywhere.
 */
(function () {
  'use strict';

  var root = document.documentElement.getAttribute('data-root') || '';
  var siteKey = 'remedy-troubleshooter:' + new URL(root || './', location.href).href;

  var memory = {};
  function load(name) {
    try {
      var text = window.localStorage.getItem(siteKey + ':' + name);
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return memory[name] || null;
    }
  }
  function save(name, value) {
    memory[name] = value;
    try {
      window.localStorage.setItem(siteKey + ':' + name, JSON.stringify(value));
    } catch (e) { /* private mode or file:// without storage: keep it for this page */ }
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }
  // The page's strings for this script: text(key, values) fills `{name}` placeholders;
  // plural(key, count, values) picks `key_one` or `key_other` as the language does.
  var strings = (function () {
    var block = document.getElementById('remedy-strings');
    try {
      return block ? JSON.parse(block.textContent) : {};
    } catch (e) {
      return {};
    }
  })();
  var texts = strings.troubleshoot || {};
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(strings.language || 'en') : null;
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function text(key, values) {
    return fill(texts.hasOwnProperty(key) ? texts[key] : '[' + key + ']', values);
  }
  function plural(key, count, values) {
    var category = pluralRules ? pluralRules.select(count) : (count === 1 ? 'one' : 'other');
    var form = key + '_' + category;
    if (!texts.hasOwnProperty(form)) form = key + '_other';
    var all = { count: count };
    for (var name in values || {}) all[name] = values[name];
    return text(form, all);
  }
  // The words of a text for the filter: lower case, apostrophes dropped.
  function words(text) {
    return text.toLowerCase().replace(/['\u2019]/g, '').split(/[^a-z0-9\u00c0-\uffff]+/)
      .filter(function (word) { return word; });
  }

  var container = document.getElementById('troubleshooter');
  var checklist = document.querySelector('.checklist');
  if (checklist) addPrintButton(checklist);
  if (!container) return;

  var status = element('p', 'ts-status');
  status.id = 'ts-status';
  status.setAttribute('role', 'status');
  var causesSection = container.querySelector('.ts-causes');
  var causesHeading = causesSection && causesSection.querySelector('h2');
  var causeList = causesSection && causesSection.querySelector('.cause-blocks');
  var causeBlocks = causeList ? Array.prototype.slice.call(causeList.children) : [];
  var stuck = document.getElementById('still-stuck');
  if (causesHeading) causesHeading.parentNode.insertBefore(status, causesHeading.nextSibling);

  // A large troubleshooter's index: its causes come from the symptoms' pages.
  var onDemand = container.getAttribute('data-causes-from') === 'pages';
  var onDemandLead = container.querySelector('.ts-on-demand');
  var headingText = causesHeading ? causesHeading.textContent : '';
  var pageOf = {};    // symptom slug -> the URL of its page
  var causesOf = {};  // symptom slug -> its causes' slugs, once its page is read
  var failed = {};    // symptom slug -> true if its page could not be read
  var reading = {};   // symptom slug -> true while its page is being read
  var known = {};     // cause slug -> 'full' once its block is on this page, 'brief' for a link's
  if (onDemand && causesSection && !causeList) {
    causeList = element('ol', 'cause-blocks');
    causesSection.appendChild(causeList);
  }
  causeBlocks.forEach(function (block) { known[block.getAttribute('data-cause')] = 'full'; });
  // A symptom's page past `page-causes` lists its less likely causes as links: its status
  // counts them among its causes, as its lead does, though their fixes are on their pages.
  var linkedCauses = causesSection ? causesSection.querySelectorAll('.ts-more-causes .cause-link').length : 0;

  // Fixes the reader has tried, shared by every page of the site.
  var tried = {};
  (load('tried') || []).forEach(function (slug) { tried[slug] = true; });
  var triedBoxes = [];
  each(container.querySelectorAll('.fix-item'), addTried);
  function addTried(item) {
    var slug = item.getAttribute('data-fix');
    var link = item.querySelector('a');
    var box = element('input', 'ts-tried');
    box.type = 'checkbox';
    box.id = 'ts-tried-' + triedBoxes.length;
    box.value = slug;
    var label = element('label', 'ts-tried-label', text('tried_it'));
    label.htmlFor = box.id;
    var hidden = element('span', 'visually-hidden', ': ' + (link ? link.textContent : slug));
    label.appendChild(hidden);
    var wrap = element('span', 'ts-tried-control');
    wrap.appendChild(box);
    wrap.appendChild(label);
    item.appendChild(wrap);
    box.addEventListener('change', function () {
      if (box.checked) tried[slug] = true; else delete tried[slug];
      save('tried', Object.keys(tried).sort());
      update();
    });
    triedBoxes.push(box);
  }

  // The symptoms, as checkboxes, on the index page.
  var chosen = {};
  var symptomBoxes = [];
  var symptomItems = container.querySelectorAll('.ts-symptoms li[data-symptom]');
  // Opened from file://, a page cannot read another: the symptoms stay links to their pages.
  if (onDemand && location.protocol === 'file:') symptomItems = [];
  var clear = null, bar = null, barCount = null, barTop = null;
  var causesInView = false, barWanted = false;
  if (symptomItems.length) {
    var fromQuery = new URLSearchParams(location.search).get('symptoms');
    var initial = fromQuery !== null ? fromQuery.split(',') : (load('chosen') || []);
    initial.forEach(function (slug) { if (slug) chosen[slug] = true; });
    // Behind "more", a symptom becomes a checkbox when first shown (unless it is ticked): a
    // large troubleshooter keeps thousands there, and the page is ready without making them.
    each(symptomItems, function (item) {
      if (!item.closest('.ts-more-symptoms') || chosen[item.getAttribute('data-symptom')]) {
        pickable(item);
      }
    });
    each(container.querySelectorAll('.ts-more-symptoms'), function (more) {
      more.addEventListener('toggle', function () {
        if (more.open) each(more.querySelectorAll('li[data-symptom]:not(.ts-pickable)'), pickable);
      });
    });
    addTools();
    addBar();
    document.body.classList.add('ts-interactive');
  }

  // A symptom's chip as a checkbox and its label.
  function pickable(item) {
    var slug = item.getAttribute('data-symptom');
    var link = item.querySelector('a');
    var box = element('input', 'ts-pick');
    box.type = 'checkbox';
    box.id = 'ts-pick-' + slug;
    box.value = slug;
    box.checked = !!chosen[slug];
    var label = element('label', null, link ? link.textContent : slug);
    label.htmlFor = box.id;
    if (link) pageOf[slug] = link.href;
    item.textContent = '';
    item.appendChild(box);
    item.appendChild(label);
    item.classList.add('ts-pickable');
    // A symptom ticked before (saved, or in the address) is shown, even from behind "more".
    var more = item.closest('details');
    if (box.checked && more) more.open = true;
    box.addEventListener('change', function () {
      if (box.checked) chosen[slug] = true; else delete chosen[slug];
      save('chosen', Object.keys(chosen));
      remember();
      update();
    });
    symptomBoxes.push(box);
  }

  var forget = element('button', 'ts-forget', text('forget_tried'));
  forget.type = 'button';
  forget.addEventListener('click', function () {
    tried = {};
    save('tried', []);
    triedBoxes.forEach(function (box) { box.checked = false; });
    update();
  });
  function placeForget() {
    if (causesSection && triedBoxes.length && !forget.parentNode) causesSection.appendChild(forget);
  }
  placeForget();

  // The hint, the filter box and "Clear", above the symptoms.
  function addTools() {
    var lead = container.querySelector('.ts-symptoms h2');
    var hint = element('p', 'ts-hint', text('hint'));
    var tools = element('div', 'ts-tools');
    var filter = element('div', 'ts-filter');
    var input = element('input');
    input.type = 'search';
    input.id = 'ts-filter-input';
    input.placeholder = text('filter_placeholder');
    input.autocomplete = 'off';
    input.spellcheck = false;
    var label = element('label', 'visually-hidden', text('filter_label'));
    label.htmlFor = input.id;
    filter.appendChild(label);
    filter.appendChild(input);
    clear = element('button', 'ts-clear', text('clear_ticks'));
    clear.type = 'button';
    clear.addEventListener('click', function () {
      chosen = {};
      symptomBoxes.forEach(function (box) { box.checked = false; });
      save('chosen', []);
      remember();
      update();
    });
    tools.appendChild(filter);
    tools.appendChild(clear);
    var noMatch = element('p', 'ts-no-match');
    noMatch.hidden = true;
    lead.parentNode.insertBefore(hint, lead.nextSibling);
    hint.parentNode.insertBefore(tools, hint.nextSibling);
    lead.parentNode.appendChild(noMatch);
    input.addEventListener('input', function () { narrow(input.value, noMatch); });
  }

  // Shows only the symptoms whose words start with every word typed (ticked ones stay).
  function narrow(typedText, noMatch) {
    var typed = words(typedText);
    var shown = 0;
    each(symptomItems, function (item) {
      var box = item.querySelector('input');
      // The label's text, or the link's while the chip waits behind "more".
      var own = words(item.textContent);
      var match = typed.every(function (word) {
        return own.some(function (other) { return other.indexOf(word) === 0; });
      });
      item.hidden = !(match || (box && box.checked));
      if (match) shown++;
    });
    each(container.querySelectorAll('.ts-more-symptoms'), function (more) {
      if (typed.length) {
        if (!more.hasAttribute('data-was-open')) more.setAttribute('data-was-open', more.open ? 'yes' : 'no');
        more.open = true;
      } else if (more.hasAttribute('data-was-open')) {
        more.open = more.getAttribute('data-was-open') === 'yes';
        more.removeAttribute('data-was-open');
      }
    });
    each(container.querySelectorAll('.ts-group'), function (group) {
      group.hidden = !group.querySelector('li[data-symptom]:not([hidden])');
    });
    noMatch.textContent = '';
    noMatch.hidden = !typed.length || shown > 0;
    if (!noMatch.hidden) {
      noMatch.appendChild(document.createTextNode(text('no_symptom_matches', { text: typedText.trim() }) + ' '));
      var form = document.querySelector('form[role="search"]');
      if (form) {
        var url = new URL(form.getAttribute('action') || '', location.href);
        url.search = '?q=' + encodeURIComponent(typedText.trim());
        var search = element('a', null, text('search_for_it'));
        search.href = url.href;
        noMatch.appendChild(search);
        noMatch.appendChild(document.createTextNode('.'));
      }
    }
  }

  // The phone's bar: what the ticks found, the most likely cause, and a way down to them.
  function addBar() {
    if (!causesSection) return;
    bar = element('div', 'ts-bar');
    bar.hidden = true;
    var barText = element('p', 'ts-bar-text');
    barCount = element('span', 'ts-bar-count');
    barTop = element('span', 'ts-bar-top');
    barText.appendChild(barCount);
    barText.appendChild(barTop);
    var show = element('a', 'ts-bar-show', text('show'));
    show.href = '#' + causesSection.id;
    show.appendChild(element('span', 'visually-hidden', ' ' + text('show_hidden')));
    bar.appendChild(barText);
    bar.appendChild(show);
    container.appendChild(bar);
    // Once the causes are on screen, the bar has nothing to add.
    if ('IntersectionObserver' in window) {
      new IntersectionObserver(function (entries) {
        causesInView = entries[0].isIntersecting;
        showBar();
      }).observe(causesSection);
    }
  }
  function showBar() {
    if (!bar) return;
    bar.hidden = !barWanted || causesInView;
    document.body.classList.toggle('ts-bar-shown', !bar.hidden);
  }

  function remember() {
    var list = Object.keys(chosen).filter(function (slug) {
      return document.getElementById('ts-pick-' + slug);
    });
    try {
      var url = new URL(location.href);
      if (list.length) url.searchParams.set('symptoms', list.join(','));
      else url.searchParams.delete('symptoms');
      history.replaceState(null, '', url.href);
    } catch (e) { /* file:// may refuse: the selection is still saved */ }
  }

  // How many chosen symptoms each cause explains.
  function counts() {
    var found = {};
    each(symptomItems, function (item) {
      var slug = item.getAttribute('data-symptom');
      if (!chosen[slug]) return;
      var causes = onDemand ? causesOf[slug] || [] : item.getAttribute('data-causes').split(' ');
      causes.forEach(function (cause) {
        if (cause) found[cause] = (found[cause] || 0) + 1;
      });
    });
    return found;
  }

  // Reads the page of each chosen symptom not read yet: its causes, and the blocks of those
  // not on this page, put in display order. The pages are in this page's folder, so the
  // blocks' relative links hold as they are.
  function readChosenPages() {
    Object.keys(chosen).forEach(function (slug) {
      if (!pageOf[slug] || causesOf[slug] || failed[slug] || reading[slug]) return;
      reading[slug] = true;
      container.setAttribute('data-loading', 'true');
      fetch(pageOf[slug], { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      }).then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var list = [];
        var entries = page.querySelectorAll(
          '#ts-causes .cause-block[data-cause], #ts-causes .cause-link[data-cause]');
        each(entries, function (entry) {
          var cause = entry.getAttribute('data-cause');
          list.push(cause);
          var full = entry.classList.contains('cause-block');
          if (!known[cause]) {
            addBlock(full ? document.importNode(entry, true) : briefBlock(entry));
          } else if (full && known[cause] === 'brief') {
            replaceBlock(document.importNode(entry, true));
          }
        });
        causesOf[slug] = list;
      }).catch(function () {
        failed[slug] = true;
      }).then(function () {
        delete reading[slug];
        if (!Object.keys(reading).length) container.removeAttribute('data-loading');
        update();
      });
    });
  }

  // Adds a cause's block where display order puts it (weight, then title, then slug; the
  // order src/troubleshooter.rs lists causes in), with "Tried it" boxes on its fixes.
  function addBlock(block) {
    known[block.getAttribute('data-cause')] = block.classList.contains('cause-brief') ? 'brief' : 'full';
    var at = 0;
    while (at < causeBlocks.length && displayOrder(causeBlocks[at], block) < 0) at++;
    causeBlocks.splice(at, 0, block);
    causeList.appendChild(block);
    each(block.querySelectorAll('.fix-item'), addTried);
    placeForget();
  }
  // A cause a symptom's page lists as a link: a block with its title and summary, no fixes.
  function briefBlock(entry) {
    var block = element('li', 'cause-block cause-brief');
    block.setAttribute('data-cause', entry.getAttribute('data-cause'));
    block.setAttribute('data-weight', entry.getAttribute('data-weight'));
    var title = element('h3', 'cause-title');
    title.appendChild(document.importNode(entry.querySelector('a'), true));
    block.appendChild(title);
    var summary = entry.querySelector('.cause-link-summary');
    if (summary) block.appendChild(element('p', 'cause-summary', summary.textContent));
    return block;
  }
  // Puts a cause's full block where its brief one was (the same place in display order).
  function replaceBlock(block) {
    var cause = block.getAttribute('data-cause');
    for (var at = 0; at < causeBlocks.length; at++) {
      if (causeBlocks[at].getAttribute('data-cause') !== cause) continue;
      block.hidden = causeBlocks[at].hidden;
      causeList.replaceChild(block, causeBlocks[at]);
      causeBlocks[at] = block;
    }
    known[cause] = 'full';
    each(block.querySelectorAll('.fix-item'), addTried);
    placeForget();
  }
  function displayOrder(a, b) {
    var weight = Number(a.getAttribute('data-weight')) - Number(b.getAttribute('data-weight'));
    return weight || byCodePoint(titleOf(a), titleOf(b)) ||
      byCodePoint(a.getAttribute('data-cause'), b.getAttribute('data-cause'));
  }
  function titleOf(block) {
    var title = block.querySelector('.cause-title');
    return title ? title.textContent : '';
  }
  // Compares as Rust compares strings, by code point (JavaScript's < compares UTF-16 units,
  // which puts characters past U+FFFF before U+E000-U+FFFF).
  function byCodePoint(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = unit(a.charCodeAt(i)), y = unit(b.charCodeAt(i));
      if (x !== y) return x - y;
    }
    return a.length - b.length;
  }
  function unit(code) {
    if (code >= 0xd800 && code < 0xe000) return code + 0x2000;
    return code >= 0xe000 ? code - 0x800 : code;
  }

  function update() {
    if (onDemand) readChosenPages();
    triedBoxes.forEach(function (box) {
      box.checked = !!tried[box.value];
      box.closest('.fix-item').classList.toggle('is-tried', box.checked);
    });
    var picked = symptomItems.length ? Object.keys(chosen).filter(function (slug) {
      return document.getElementById('ts-pick-' + slug);
    }).length : 0;
    var explained = counts();
    var ranked = causeBlocks.map(function (block, index) {
      return { block: block, index: index, count: explained[block.getAttribute('data-cause')] || 0 };
    });
    if (picked) {
      ranked.sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    }
    var shown = 0, left = 0, total = 0, first = null;
    ranked.forEach(function (entry) {
      var block = entry.block;
      var visible = onDemand ? entry.count > 0 : !picked || entry.count > 0;
      block.hidden = !visible;
      causeList.appendChild(block);
      var note = block.querySelector('.ts-explains');
      if (picked && visible) {
        if (!note) {
          note = element('p', 'ts-explains');
          block.insertBefore(note, block.children[1]);
        }
        note.textContent = plural('explains', picked, { explained: entry.count });
      } else if (note) {
        note.parentNode.removeChild(note);
      }
      var fixes = block.querySelectorAll('.fix-item');
      var open = 0;
      each(fixes, function (item) { if (!item.classList.contains('is-tried')) open++; });
      var progress = block.querySelector('.ts-left');
      if (fixes.length) {
        if (!progress) {
          progress = element('p', 'ts-left');
          block.querySelector('.fix-list').insertAdjacentElement('afterend', progress);
        }
        progress.textContent = open === 0
          ? text('tried_every_fix')
          : plural('fixes_left', open) + (open < fixes.length ? ' ' + plural('tried_count', fixes.length - open) : '');
      }
      if (visible) {
        if (!first) first = block;
        shown++;
        left += open;
        total += fixes.length;
      }
    });
    if (causesHeading && symptomItems.length) {
      causesHeading.textContent = picked ? text('likely_causes') : onDemand ? headingText : text('all_causes');
    }
    if (onDemandLead && symptomItems.length) {
      // Ticking replaces the page's "open what you see"; the link to every cause stays until
      // causes are shown.
      onDemandLead.hidden = picked > 0;
      var leadText = onDemandLead.querySelector('.ts-on-demand-text');
      if (leadText) leadText.hidden = true;
    }
    var said;
    var waiting = onDemand && Object.keys(reading).length > 0;
    if (onDemand && !picked) {
      said = symptomItems.length ? text('pick_to_load') : '';
    } else if (waiting && !shown) {
      said = text('loading_causes');
    } else if (symptomItems.length && !picked) {
      said = text('pick_to_rank') + ' ' + plural('causes_listed', shown);
    } else {
      var parts = {
        causes: plural('likely_cause_count', shown + linkedCauses),
        symptoms: plural('symptom_count', picked),
        fixes: plural('fixes_left', left)
      };
      said = text(picked ? 'status_picked' : 'status', parts);
    }
    var allTried = total > 0 && left === 0;
    if (allTried && stuck) said += ' ' + text('all_tried');
    status.textContent = said;
    if (onDemand) sayFailures();
    if (stuck) stuck.classList.toggle('is-highlighted', allTried);
    forget.hidden = Object.keys(tried).length === 0;
    if (clear) clear.hidden = !picked;
    if (bar) {
      barCount.textContent = plural('likely_cause_count', shown);
      barTop.textContent = '';
      var top = first && first.querySelector('.cause-title a');
      if (top) {
        barTop.appendChild(document.createTextNode(text('most_likely') + ' '));
        var link = element('a', null, top.textContent);
        link.href = top.href;
        barTop.appendChild(link);
      }
      barWanted = picked > 0;
      showBar();
    }
  }

  // Names each ticked symptom whose page could not be read, with a link to that page.
  function sayFailures() {
    Object.keys(chosen).forEach(function (slug) {
      if (!failed[slug]) return;
      var box = document.getElementById('ts-pick-' + slug);
      var label = box && box.nextSibling;
      status.appendChild(document.createTextNode(' ' + text('causes_load_failed', {
        symptom: label ? label.textContent : slug
      }) + ' '));
      var link = element('a', null, text('open_its_page'));
      link.href = pageOf[slug];
      status.appendChild(link);
    });
  }

  function addPrintButton(page) {
    var button = element('button', 'print-button', text('print'));
    button.type = 'button';
    button.addEventListener('click', function () { window.print(); });
    var header = page.querySelector('.page-header');
    header.appendChild(button);
  }

  update();
  container.setAttribute('data-ready', 'true');
})();
