/*
 * Remedy's small enhancements for every page. Every page works without it; it only adds:
 *
 * - the phone menu as a real button: without this script the "Menu" link opens the section
 *   list through its #site-nav anchor (CSS :target); with it, a button toggles the list,
 *   Escape or a tap elsewhere closes it;
 * - pages opened from file:// (a site copied to a disk): links and forms point at folders
 *   (causes/, search/), which a web server answers with their index.html but a browser shows
 *   as a folder listing. Here they are pointed at the index.html in the folder, on load and,
 *   for links added later (search results, the troubleshooter's bar), when they are followed.
 *   A build made with `[build] portable = true` needs none of this: its links name their files.
 *
 * Plain ES5 with no build step, no inline styles (the pages' CSP allows none).
 */
(function () {
  'use strict';

  var doc = document;

  // ---- file:// links ----
  if (window.location.protocol === 'file:') {
    // The address of a page in a folder: the folder's index.html, query and fragment kept.
    var toFile = function (address) {
      var url;
      try { url = new URL(address, doc.baseURI); } catch (e) { return null; }
      if (url.protocol !== 'file:' || url.pathname.slice(-1) !== '/') return null;
      url.pathname += 'index.html';
      return url.href;
    };
    var fixLink = function (link) {
      var raw = link.getAttribute('href');
      if (raw === null || raw.charAt(0) === '#') return;
      var fixed = toFile(link.href);
      if (fixed) link.href = fixed;
    };
    var fixForm = function (form) {
      var fixed = toFile(form.action);
      if (fixed) form.action = fixed;
    };
    Array.prototype.forEach.call(doc.querySelectorAll('a[href]'), fixLink);
    Array.prototype.forEach.call(doc.forms, fixForm);
    // Links and forms made after loading: fixed as they are used, before the browser follows
    // them (the capture phase runs before any default action).
    doc.addEventListener('click', function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
      if (link) fixLink(link);
    }, true);
    doc.addEventListener('submit', function (event) {
      if (event.target && event.target.tagName === 'FORM') fixForm(event.target);
    }, true);
  }

  // ---- the phone menu ----
  var header = doc.querySelector('.site-header');
  var opener = doc.querySelector('.menu-button');
  var nav = doc.getElementById('site-nav');
  if (!header || !opener || !nav) return;
  var button = doc.createElement('button');
  button.type = 'button';
  button.className = opener.className;
  button.setAttribute('aria-controls', 'site-nav');
  button.setAttribute('aria-expanded', 'false');
  while (opener.firstChild) button.appendChild(opener.firstChild);
  opener.parentNode.replaceChild(button, opener);
  header.classList.add('has-menu-button');

  function setOpen(open) {
    header.classList.toggle('menu-open', open);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  button.addEventListener('click', function () {
    var open = !header.classList.contains('menu-open');
    setOpen(open);
    if (open) {
      var first = nav.querySelector('a');
      if (first) first.focus();
    }
  });
  var close = nav.querySelector('.menu-close a');
  if (close) {
    close.addEventListener('click', function (event) {
      event.preventDefault();
      setOpen(false);
      button.focus();
    });
  }
  doc.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && header.classList.contains('menu-open')) {
      setOpen(false);
      button.focus();
    }
  });
  doc.addEventListener('click', function (event) {
    if (header.classList.contains('menu-open') && !nav.contains(event.target) &&
        !button.contains(event.target)) {
      setOpen(false);
    }
  });
})();
