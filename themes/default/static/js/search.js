/*!
 * Remedy search engine: the browser side of Remedy's symptom search, without any page UI
 * (that is search-ui.js, loaded after this file). Plain JavaScript, no build step, no
 * dependencies; it runs in the page (every page loads it) and in Node (tests).
 *
 * It follows the query spec written once in src/search/query.rs (words, exact/prefix/typo
 * variants, impacts, ranking) over the browser index that src/search/export.rs writes into
 * search/ (format described there). The analysis is src/search/analysis/ itself, compiled to
 * WebAssembly: the manifest carries the module of its index's language (so pages need
 * 'wasm-unsafe-eval' in their Content-Security-Policy). The constants of the query spec come
 * from the manifest, never from this file.
 *
 * API: window.Remedy.search(query, {limit}) -> Promise of [{slug, kind, kindTitle, title, url,
 * score, excerpt, highlights}], best first; window.Remedy.ready() -> Promise that the manifest
 * is loaded; window.Remedy.kinds() -> the site's kinds once it is. Node:
 * require('search.js').createEngine({load}) gives the same search over a loader of your own.
 *
 * The index's files are scripts (so that search works from file:// URLs, where fetch is not
 * allowed): each pushes its data onto globalThis.RemedySearch, and the engine asks for one by
 * adding a script element.
 */
(function (root, factory) {
  var api = factory(root);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else api.start(root);
})(typeof globalThis !== 'undefined' ? globalThis : this, function (root) {
  'use strict';

  // ---- data files: every file pushes its data onto globalThis.RemedySearch ----------------------

  var receiver = null;
  function dispatch(item) {
    if (receiver) receiver(item);
  }
  function installQueue() {
    var queue = root.RemedySearch;
    var early = Array.isArray(queue) ? queue : [];
    root.RemedySearch = { push: function () { for (var i = 0; i < arguments.length; i++) dispatch(arguments[i]); } };
    early.forEach(dispatch);
  }

  // ---- base64 VLQ ------------------------------------------------------------------------------

  var DIGIT = new Int8Array(128).fill(-1);
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach(function (c, i) {
    DIGIT[c.charCodeAt(0)] = i;
  });

  function Reader(text) {
    this.text = text;
    this.at = 0;
  }
  Reader.prototype.number = function () {
    var value = 0, shift = 0, digit;
    do {
      digit = DIGIT[this.text.charCodeAt(this.at++)];
      if (digit < 0 || digit === undefined) throw new Error('bad search index data');
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
    } while (digit & 32);
    return value;
  };
  Reader.prototype.chars = function (count) {
    var s = this.text.substr(this.at, count);
    this.at += count;
    return s;
  };
  Reader.prototype.gaps = function () {
    var count = this.number(), out = new Array(count), previous = -1;
    for (var i = 0; i < count; i++) {
      previous = previous + 1 + this.number();
      out[i] = previous;
    }
    return out;
  };

  // ---- analysis: src/search/analysis/ compiled to WebAssembly (wasm/src/lib.rs) --------------
  // The manifest carries the module of its index's language, base64; the engine instantiates it
  // once per analysis id and asks it for query words and for the terms of a text to highlight.
  // There is no analysis in JavaScript: the browser makes the terms the index was made with.

  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
  var decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;
  var ROLES = { R: 'required', O: 'optional', U: 'unfinished' };

  function Analysis(exports) { this.exports = exports; }
  /** Calls an analysis function on `text` and returns its answer's lines. */
  Analysis.prototype.call = function (name, text, flag) {
    var e = this.exports, bytes = encoder.encode(text);
    var at = e.input(bytes.length);
    new Uint8Array(e.memory.buffer, at, bytes.length).set(bytes);
    var length = e[name](bytes.length, flag || 0);
    var lines = decoder.decode(new Uint8Array(e.memory.buffer, e.output(), length)).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  /** The words of a query: [{typed, term, code, role}], role 'required' | 'optional' | 'unfinished'. */
  Analysis.prototype.queryWords = function (text, keepLast) {
    return this.call('query_words', text, keepLast ? 1 : 0).map(function (line) {
      var fields = line.split('\t');
      return { typed: fields[1], term: fields[2], code: line.charAt(1) === '1', role: ROLES[line.charAt(0)] };
    });
  };
  /** The terms indexed for a text: [{term, start, end}], offsets in UTF-16 units. */
  Analysis.prototype.indexTerms = function (text) {
    return this.call('index_terms', text).map(function (line) {
      var fields = line.split('\t');
      return { start: Number(fields[0]), end: Number(fields[1]), term: fields[2] };
    });
  };
  Analysis.prototype.id = function () { return this.call('id', '').join(''); };

  function decodeBase64(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** The analysis a manifest names, instantiated; refused unless it is the one the index was made with. */
  function instantiateAnalysis(spec) {
    if (!spec || !spec.module || typeof WebAssembly !== 'object' || !encoder || !decoder) {
      return Promise.reject(new Error('search needs WebAssembly and the analysis module of its index'));
    }
    return WebAssembly.instantiate(decodeBase64(spec.module), {}).then(function (result) {
      var analysis = new Analysis(result.instance.exports);
      if (analysis.id() !== spec.id) {
        throw new Error('the search analysis module (' + analysis.id() + ') is not the one the index was made with (' +
          spec.id + '): rebuild the modules with wasm/build.sh');
      }
      return analysis;
    });
  }

  /**
   * Where `text` holds one of `terms`: [[start, end], ...] in UTF-16 offsets, one per word whose
   * index terms meet the set.
   */
  function highlights(text, terms, analysis) {
    var ranges = [];
    analysis.indexTerms(text).forEach(function (t) {
      var last = ranges[ranges.length - 1];
      if (last && last[0] === t.start) return;
      if (terms.has(t.term)) ranges.push([t.start, t.end]);
    });
    return ranges;
  }
  function charCount(s) { var n = 0; for (var c of s) n += c ? 1 : 0; return n; }

  /** Code point order, which is the byte order of the index's terms. */
  function compare(a, b) {
    if (a === b) return 0;
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    if (i >= a.length && j >= b.length) return 0;
    return i >= a.length ? -1 : 1;
  }
  function startsWith(s, prefix) { return s.lastIndexOf(prefix, 0) === 0; }

  /** Optimal string alignment distance between code point arrays, or -1 above limit. */
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return -1;
    var width = b.length + 1, before = new Array(width).fill(0), previous = [], current = new Array(width).fill(0);
    for (var k = 0; k < width; k++) previous.push(k);
    for (var i = 1; i <= a.length; i++) {
      current[0] = i;
      var rowMin = i;
      for (var j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
        current[j] = best;
        if (best < rowMin) rowMin = best;
      }
      if (rowMin > limit) return -1;
      var t = before; before = previous; previous = current; current = t;
    }
    return previous[b.length] <= limit ? previous[b.length] : -1;
  }

  // ---- the engine ------------------------------------------------------------------------------

  function createEngine(options) {
    var load = options.load;
    var manifest = null, manifestPromise = null;
    var pending = {};         // file path -> {resolve, reject}
    var shards = {};          // shard number -> {terms: sorted array, entries: Map}
    var rich = {};            // rich id -> entry
    var info = {};            // doc -> [slug, kindIndex, title, summary]
    var wordLists = {};       // first code point -> [{term, df}]
    var files = {};           // file path -> Promise
    var scale = null;

    function receive(item) {
      var type = item[0];
      if (type === 'manifest') {
        manifest = item[1];
        var low = manifest.scale[0], ratio = Math.log(manifest.scale[1] / manifest.scale[0]);
        scale = function (level) { return low * Math.exp((level - 1) / 65534 * ratio); };
        settle('manifest.js');
        return;
      }
      if (!manifest || item[1] !== manifest.build) {
        var stale = new Error('the search index changed since its manifest was loaded');
        stale.stale = true;
        fail(pathOf(type, item[2]), stale);
        return;
      }
      if (type === 'terms') { shards[item[2]] = decodeShard(item[3]); settle(pathOf('terms', item[2])); }
      else if (type === 'rich') {
        var reader = new Reader(item[3]);
        rich[item[2]] = decodeEntry(reader, '');
        item[4].forEach(function (record) { info[record[0]] = record.slice(1); });
        settle(pathOf('rich', item[2]));
      } else if (type === 'words') {
        var words = new Reader(item[3]), list = [], previous = '';
        while (words.at < item[3].length) {
          var entry = decodeEntry(words, previous);
          list.push(entry);
          previous = entry.term;
        }
        wordLists[item[2]] = list;
        settle(pathOf('words', item[2]));
      } else if (type === 'docs') {
        var first = item[2] * manifest.infoBlock;
        item[3].forEach(function (record, i) { info[first + i] = record; });
        settle(pathOf('docs', item[2]));
      }
    }
    function pathOf(type, id) {
      if (type === 'words') return 'w/' + id.toString(16) + '.js';
      return (type === 'terms' ? 't/' : type === 'rich' ? 'r/' : 'd/') + id + '.js';
    }
    function settle(path) { var p = pending[path]; if (p) { delete pending[path]; p.resolve(); } }
    function fail(path, error) { var p = pending[path]; if (p) { delete pending[path]; p.reject(error); } }

    // Data files are asked for with the build they must come from, so no cache can hand out
    // a file of another build under the same URL; the manifest, after a stale file, with a
    // fresh query string.
    var manifestTag = '';
    function urlOf(path) {
      return path === 'manifest.js' ? path + manifestTag : path + '?b=' + manifest.build;
    }
    function fetchFile(path) {
      if (files[path]) return files[path];
      var promise = new Promise(function (resolve, reject) {
        pending[path] = { resolve: resolve, reject: reject };
        receiver = receive;
        Promise.resolve(load(urlOf(path))).then(function () {
          // A file that loaded but pushed nothing for this path is not ours.
          fail(path, new Error('search index file ' + path + ' is missing its data'));
        }, function (error) { fail(path, error); });
      });
      files[path] = promise;
      promise.catch(function () { delete files[path]; });
      return promise;
    }

    // The analysis of the manifest's index, instantiated once per analysis id.
    var analysis = null, analysisOf = { id: null, promise: null };
    function ready() {
      if (!manifestPromise) {
        manifestPromise = fetchFile('manifest.js').then(function () {
          var spec = manifest.analysis || {};
          if (analysisOf.id !== spec.id || !analysisOf.promise) {
            analysisOf = { id: spec.id, promise: instantiateAnalysis(spec) };
            analysisOf.promise.catch(function () { analysisOf = { id: null, promise: null }; });
          }
          return analysisOf.promise;
        }).then(function (instance) {
          analysis = instance;
          return manifest;
        });
        manifestPromise.catch(function () { manifestPromise = null; });
      }
      return manifestPromise;
    }

    // One term entry (export.rs, "Encoding"). `previous` is the term before it in its shard.
    function decodeEntry(reader, previous) {
      var shared = reader.number();
      var suffix = reader.chars(reader.number());
      var entry = { term: previous.slice(0, shared) + suffix, df: reader.number() };
      var flags = reader.number();
      if (flags & 1) { entry.stub = true; return entry; }
      var headLength = reader.number(), docs = new Array(headLength), levels = new Array(headLength);
      var level = 65535, doc = 0;
      for (var i = 0; i < headLength; i++) {
        var decrease = reader.number();
        level -= decrease;
        doc = (decrease === 0 && i > 0) ? doc + 1 + reader.number() : reader.number();
        docs[i] = doc;
        levels[i] = level;
      }
      entry.docs = docs;
      entry.levels = levels;
      if (flags & 2) {
        entry.complement = reader.number() === 1;
        entry.tailLevel = reader.number();
        entry.tail = reader.gaps();
      }
      entry.codes = reader.gaps();
      return entry;
    }
    function decodeShard(payload) {
      var reader = new Reader(payload), terms = [], entries = new Map(), previous = '';
      while (reader.at < payload.length) {
        var entry = decodeEntry(reader, previous);
        terms.push(entry.term);
        entries.set(entry.term, entry);
        previous = entry.term;
      }
      return { terms: terms, entries: entries };
    }

    // Shard numbers whose terms may start with `prefix` (or equal `term` when exact).
    function shardOf(term) {
      var first = manifest.shards, lo = 0, hi = first.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (compare(first[mid], term) <= 0) lo = mid; else hi = mid - 1;
      }
      return lo;
    }
    function shardsWithPrefix(prefix) {
      var out = [shardOf(prefix)];
      for (var n = out[0] + 1; n < manifest.shards.length && startsWith(manifest.shards[n], prefix); n++) out.push(n);
      return out;
    }
    function loadShards(numbers) {
      return Promise.all(numbers.map(function (n) { return fetchFile('t/' + n + '.js'); }));
    }

    // The dictionary as query.rs sees it, once the right shards are loaded.
    function stub(term) {
      var shard = shards[shardOf(term)];
      return shard ? shard.entries.get(term) : undefined;
    }
    function withPrefix(prefix) {
      var out = [];
      shardsWithPrefix(prefix).forEach(function (n) {
        var shard = shards[n], terms = shard.terms, lo = 0, hi = terms.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (compare(terms[mid], prefix) < 0) lo = mid + 1; else hi = mid; }
        for (var i = lo; i < terms.length && startsWith(terms[i], prefix); i++) out.push(shard.entries.get(terms[i]));
      });
      return out;
    }

    // Section 2 of the spec: the variants of each word. Loads the shards it needs.
    function plan(text) {
      var q = manifest.query;
      var unfinished = manifest.options.prefix && !/\s$/u.test(text);
      var words = analysis.queryWords(text, unfinished);
      var exactShards = [];
      words.forEach(function (w) {
        if (w.role !== 'unfinished' && !(w.term in manifest.rich)) exactShards.push(shardOf(w.term));
      });
      return loadShards(unique(exactShards)).then(function () {
        return Promise.all(words.map(function (w, i) {
          var last = unfinished && i + 1 === words.length;
          var variants = [];
          if (w.role !== 'unfinished' && (w.term in manifest.rich || stub(w.term))) {
            variants.push({ term: w.term, weight: 1, exact: true });
          }
          var typedChars = charCount(w.typed);
          var step = Promise.resolve();
          if (last && (variants.length === 0 || w.role === 'unfinished') && typedChars >= q.minPrefixChars) {
            step = loadShards(shardsWithPrefix(w.typed)).then(function () {
              var found = withPrefix(w.typed).filter(function (e) { return w.role === 'unfinished' || e.term !== w.term; });
              found.sort(function (a, b) { return b.df - a.df || compare(a.term, b.term); });
              found.slice(0, q.maxPrefixTerms).forEach(function (e) {
                variants.push({ term: e.term, weight: typedChars / charCount(e.term), exact: false });
              });
            });
          }
          return step.then(function () {
            var allowed = typedChars >= q.fuzzyTwoEditsFrom ? 2 : typedChars >= q.fuzzyOneEditFrom ? 1 : 0;
            if (variants.length > 0 || !manifest.options.fuzzy || w.code || w.role === 'unfinished' || allowed === 0) return;
            var code = w.term.codePointAt(0), first = String.fromCodePoint(code);
            if (manifest.wordLists.indexOf(first) < 0) return;
            return fetchFile('w/' + code.toString(16) + '.js').then(function () {
              var target = Array.from(w.term), found = [];
              wordLists[code].forEach(function (e) {
                var d = editDistance(target, Array.from(e.term), allowed);
                if (d > 0) found.push({ d: d, df: e.df, term: e.term });
              });
              found.sort(function (a, b) { return a.d - b.d || b.df - a.df || compare(a.term, b.term); });
              var kept = found.slice(0, q.maxTypoTerms);
              return loadShards(unique(kept.filter(function (f) { return !(f.term in manifest.rich); })
                .map(function (f) { return shardOf(f.term); }))).then(function () {
                kept.forEach(function (f) {
                  variants.push({ term: f.term, weight: f.d === 1 ? q.typoWeightOne : q.typoWeightTwo, exact: false });
                });
              });
            });
          }).then(function () {
            return { word: w, required: w.role === 'required', variants: variants };
          });
        }));
      });
    }

    // The postings of a variant's term: from its rich file or its shard.
    function entryOf(term) {
      if (term in manifest.rich) return fetchFile('r/' + manifest.rich[term] + '.js').then(function () { return rich[manifest.rich[term]]; });
      return Promise.resolve(stub(term));
    }

    // An entry's impacts as numbers, and its tail as a list of documents, made once.
    function values(e) {
      if (!e.values) {
        e.values = new Float64Array(e.levels.length);
        for (var i = 0; i < e.levels.length; i++) e.values[i] = scale(e.levels[i]);
      }
      return e.values;
    }
    function tailDocs(e) {
      if (!e.tailDocs) {
        if (!e.complement) {
          e.tailDocs = e.tail;
        } else {
          var n = manifest.docs, skip = new Uint8Array(n), out = [], i;
          for (i = 0; i < e.docs.length; i++) skip[e.docs[i]] = 1;
          for (i = 0; i < e.tail.length; i++) skip[e.tail[i]] = 1;
          for (i = 0; i < n; i++) if (!skip[i]) out.push(i);
          e.tailDocs = out;
        }
        e.tailValue = scale(e.tailLevel);
      }
      return e.tailDocs;
    }

    var work = null;
    function workspace(n) {
      if (!work || work.n !== n) {
        work = { n: n, score: new Float64Array(n), words: new Uint16Array(n), codes: new Uint16Array(n),
          matched: new Uint8Array(n), best: new Float64Array(n) };
      }
      return work;
    }

    // Sections 3 and 4 of the spec: score, then the best `limit` by rule 4.
    function rank(planned, limit) {
      var terms = [];
      planned.forEach(function (p) { p.variants.forEach(function (v) { terms.push(v.term); }); });
      return Promise.all(unique(terms).map(entryOf)).then(function (loaded) {
        var entries = {};
        loaded.forEach(function (e) { entries[e.term] = e; });
        var w = workspace(manifest.docs);
        var score = w.score, words = w.words, codes = w.codes, matched = w.matched, best = w.best;
        var touched = [], i, doc;
        planned.forEach(function (p) {
          if (p.variants.length === 0) return;
          var seen = [];
          p.variants.forEach(function (v) {
            var e = entries[v.term], weight = v.weight, docs = e.docs, vals = values(e), value;
            for (i = 0; i < docs.length; i++) {
              doc = docs[i];
              value = weight * vals[i];
              if (best[doc] === 0) seen.push(doc);
              if (value > best[doc]) best[doc] = value;
            }
            if (e.tail) {
              var tail = tailDocs(e);
              value = weight * e.tailValue;
              for (i = 0; i < tail.length; i++) {
                doc = tail[i];
                if (best[doc] === 0) seen.push(doc);
                if (value > best[doc]) best[doc] = value;
              }
            }
          });
          for (i = 0; i < seen.length; i++) {
            doc = seen[i];
            if (!matched[doc]) { matched[doc] = 1; touched.push(doc); }
            score[doc] += best[doc];
            if (p.required) words[doc] += 1;
            best[doc] = 0;
          }
          if (p.word.code && p.variants[0] && p.variants[0].exact) {
            entries[p.variants[0].term].codes.forEach(function (d) { if (matched[d]) codes[d] += 1; });
          }
        });
        function before(a, b) {
          return codes[a] !== codes[b] ? codes[a] > codes[b]
            : words[a] !== words[b] ? words[a] > words[b]
              : score[a] !== score[b] ? score[a] > score[b] : a < b;
        }
        // The best `limit`, kept sorted as they come.
        var top = [];
        for (i = 0; i < touched.length; i++) {
          doc = touched[i];
          if (top.length === limit && !before(doc, top[limit - 1])) continue;
          var at = top.length;
          while (at > 0 && before(doc, top[at - 1])) at--;
          top.splice(at, 0, doc);
          if (top.length > limit) top.pop();
        }
        var out = top.map(function (d) { return { doc: d, score: score[d] }; });
        for (i = 0; i < touched.length; i++) {
          doc = touched[i];
          score[doc] = 0; words[doc] = 0; codes[doc] = 0; matched[doc] = 0;
        }
        return out;
      });
    }

    function unique(list) {
      return list.filter(function (x, i) { return list.indexOf(x) === i; });
    }

    function describe(results, terms) {
      var missing = [];
      results.forEach(function (r) {
        if (!info[r.doc]) missing.push(Math.floor(r.doc / manifest.infoBlock));
      });
      return Promise.all(unique(missing).map(function (b) { return fetchFile('d/' + b + '.js'); })).then(function () {
        return results.map(function (r) {
          var d = info[r.doc], kind = manifest.kinds[d[1]] || ['', '', ''];
          return {
            slug: d[0],
            kind: kind[0],
            kindTitle: kind[1],
            title: d[2],
            url: manifest.basePath + d[0] + '/',
            score: r.score,
            excerpt: d[3],
            highlights: {
              title: highlights(d[2], terms, analysis),
              excerpt: highlights(d[3], terms, analysis)
            }
          };
        });
      });
    }

    function attempt(query, limit) {
      return ready().then(function () {
        return plan(String(query));
      }).then(function (planned) {
        var terms = new Set();
        planned.forEach(function (p) { p.variants.forEach(function (v) { terms.add(v.term); }); });
        return rank(planned, limit).then(function (ranked) { return describe(ranked, terms); });
      });
    }
    // Forgets everything loaded, so the next query starts from a fresh manifest.
    function reset() {
      manifest = null;
      manifestPromise = null;
      shards = {};
      rich = {};
      info = {};
      wordLists = {};
      files = {};
      work = null;
      manifestTag = '?r=' + Date.now();
    }
    function search(query, opts) {
      var limit = (opts && opts.limit) || 10;
      return attempt(query, limit).catch(function (error) {
        if (!error || !error.stale) throw error;
        reset();
        return attempt(query, limit);
      });
    }

    return {
      search: search,
      ready: ready,
      /** The analysed words of a query, for highlighting. */
      words: function (query) {
        return ready().then(function () {
          return analysis.queryWords(String(query), true);
        });
      },
      /** The kinds of the site: [[name, title, dir], ...]. */
      kinds: function () { return manifest ? manifest.kinds : []; },
      stats: function () { return { files: Object.keys(files) }; }
    };
  }

  // ---- in the page: the engine over script elements, as window.Remedy -----------------------

  function start(window) {
    var document = window.document;
    if (!document) return;
    installQueue();
    var siteRoot = new URL(document.documentElement.getAttribute('data-root') || './', document.baseURI);
    var searchBase = new URL('search/', siteRoot).href;
    var engine = createEngine({
      load: function (path) {
        return new Promise(function (resolve, reject) {
          var element = document.createElement('script');
          element.src = searchBase + path;
          element.async = true;
          element.onload = function () { element.remove(); resolve(); };
          element.onerror = function () { element.remove(); reject(new Error('could not load ' + path)); };
          document.head.appendChild(element);
        });
      }
    });
    window.Remedy = window.Remedy || {};
    window.Remedy.search = function (query, opts) { return engine.search(query, opts); };
    window.Remedy.ready = function () { return engine.ready(); };
    window.Remedy.kinds = function () { return engine.kinds(); };
  }

  return {
    createEngine: createEngine,
    installQueue: installQueue,
    analysis: { instantiate: instantiateAnalysis, editDistance: editDistance, compare: compare },
    start: start
  };
});
