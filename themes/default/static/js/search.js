/*!
 * Remedy search engine: the browser side of Remedy's symptom search. Plain JavaScript, no build
 * step, no dependencies; it runs in the page (every page loads it) and in Node (tests). The page
 * UI over it is the second part of this file (one script, so a page and a first query need one
 * request for both); under Node it does nothing.
 *
 * It follows the query spec written once in src/search/query.rs (words, exact/prefix/typo
 * variants, synonym slots, impacts, ranking) over the browser index that src/search/export.rs
 * writes into search/ (format described there). The analysis is src/search/analysis/ itself,
 * compiled to WebAssembly: the manifest carries the module of its index's language (so pages
 * need 'wasm-unsafe-eval' in their Content-Security-Policy). The constants of the query spec,
 * and the site's query lexicon (synonym phrases analysed by the same code at build time) and
 * filter data, come from the manifest, never from this file.
 *
 * API: window.Remedy.query(query, {limit, filters}) -> Promise of {query, results, unmatched,
 * total}: the best `limit` results (default 10) [{slug, kind, kindTitle, kindSingular, title,
 * url, score, excerpt, highlights}], the query's words that no article holds (as typed), and how
 * many articles match in all; `filters` is {kind: [name or folder, ...], tags: [tag, ...]}
 * (any value of a filter, every filter given; only those the site offers under [search]
 * filters). window.Remedy.search(query, opts) -> Promise of the results array alone.
 * window.Remedy.ready() -> Promise that the manifest is loaded; window.Remedy.kinds() -> the
 * site's kinds once it is, window.Remedy.strings() -> what the search box says (the theme's
 * [script.search] in the site's language); window.Remedy.filters() -> what the site offers to filter by, with
 * counts. Node: require('search.js').createEngine({load}) gives the same over a loader of your
 * own.
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
  // The manifest carries the module of its index's language, as text (decodeModule); the engine instantiates it
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

  // The module's bytes from the manifest's text (src/search/export/module.rs, "Text encoding"):
  // one character of ALPHABET for each of the `common` byte values (hex, most frequent first),
  // two for every other value, the k-th of them in value order.
  var ALPHABET = ' !#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
  function decodeModule(module) {
    var common = [], others = [], isCommon = new Uint8Array(256), rank = new Int16Array(128).fill(-1), i;
    for (i = 0; i < module.common.length; i += 2) common.push(parseInt(module.common.substr(i, 2), 16));
    common.forEach(function (b) { isCommon[b] = 1; });
    for (i = 0; i < 256; i++) if (!isCommon[i]) others.push(i);
    for (i = 0; i < ALPHABET.length; i++) rank[ALPHABET.charCodeAt(i)] = i;
    var text = module.text, bytes = new Uint8Array(text.length), length = 0;
    for (i = 0; i < text.length; i++) {
      var first = rank[text.charCodeAt(i)];
      if (first < 0 || first === undefined) throw new Error('bad search analysis module');
      if (first < common.length) {
        bytes[length++] = common[first];
      } else {
        var second = rank[text.charCodeAt(++i)];
        var value = others[(first - common.length) * ALPHABET.length + second];
        if (second < 0 || value === undefined) throw new Error('bad search analysis module');
        bytes[length++] = value;
      }
    }
    return bytes.subarray(0, length);
  }

  /** The analysis a manifest names, instantiated; refused unless it is the one the index was made with. */
  function instantiateAnalysis(spec) {
    if (!spec || !spec.module || !spec.module.text || typeof WebAssembly !== 'object' || !encoder || !decoder) {
      return Promise.reject(new Error('search needs WebAssembly and the analysis module of its index'));
    }
    return new Promise(function (resolve) { resolve(decodeModule(spec.module)); }).then(function (bytes) {
      return WebAssembly.instantiate(bytes, {});
    }).then(function (result) {
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
    var tagDocs = null;       // the gaps of each tag's articles (f/tags.js), in manifest order
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
      } else if (type === 'tags') {
        tagDocs = item[3];
        settle(pathOf('tags', item[2]));
      } else if (type === 'docs') {
        var first = item[2] * manifest.infoBlock;
        item[3].forEach(function (record, i) { info[first + i] = record; });
        settle(pathOf('docs', item[2]));
      }
    }
    function pathOf(type, id) {
      if (type === 'words') return 'w/' + id.toString(16) + '.js';
      if (type === 'tags') return 'f/tags.js';
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
      var prominent = new Uint8Array(headLength);
      var level = 65535, doc = 0;
      for (var i = 0; i < headLength; i++) {
        var decrease = reader.number();
        level -= decrease;
        var place = reader.number();
        doc = (decrease === 0 && i > 0) ? doc + 1 + (place >> 1) : place >> 1;
        docs[i] = doc;
        levels[i] = level;
        prominent[i] = place & 1;
      }
      entry.docs = docs;
      entry.levels = levels;
      entry.prominent = prominent;
      entry.everywhere = (flags & 4) !== 0;
      if (flags & 2) {
        entry.complement = reader.number() === 1;
        entry.tailLevel = reader.number();
        entry.tail = reader.gaps();
        entry.tailProminent = reader.gaps();
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

    // Sections 2 and 2a of the spec: the variants of each word, the slots and the unmatched
    // words. Loads the shards it needs.
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
          if (w.role !== 'unfinished' && holds(w.term)) {
            variants.push({ term: w.term, weight: 1, exact: true });
          }
          var digits = w.code && variants.length === 0 ? trailingDigits(w.typed) : null;
          var split = digits === null ? Promise.resolve() : loadShards(digits in manifest.rich ? [] : [shardOf(digits)]).then(function () {
            if (holds(digits)) variants.push({ term: digits, weight: 1, exact: false, digits: true });
          });
          var typedChars = charCount(w.typed);
          var step = split.then(function () {
            if (!(last && (variants.length === 0 || w.role === 'unfinished') && typedChars >= q.minPrefixChars)) return;
            return loadShards(shardsWithPrefix(w.typed)).then(function () {
              var found = withPrefix(w.typed).filter(function (e) { return w.role === 'unfinished' || e.term !== w.term; });
              found.sort(function (a, b) { return b.df - a.df || compare(a.term, b.term); });
              found.slice(0, q.maxPrefixTerms).forEach(function (e) {
                variants.push({ term: e.term, weight: typedChars / charCount(e.term), exact: false });
              });
            });
          });
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
            var required = w.role === 'required' && !isFiller(w.typed) &&
              !(/^[0-9]+$/.test(w.typed) && w.typed.length < q.minRequiredNumberDigits);
            return { word: w, required: required, variants: variants };
          });
        }));
      }).then(function (planned) {
        var slots = synonymSlots(planned);
        var terms = [];
        slots.forEach(function (slot) {
          slot.alternatives.forEach(function (terms_) { terms.push.apply(terms, terms_); });
        });
        return loadShards(unique(terms.filter(function (t) { return !(t in manifest.rich); }).map(shardOf))).then(function () {
          var unmatched = [];
          slots.forEach(function (slot) {
            slot.alternatives = slot.alternatives.filter(function (terms_) { return terms_.every(holds); });
            if (slot.alternatives.length > 0) return;
            for (var i = slot.start; i < slot.end; i++) {
              if (planned[i].required && planned[i].variants.length === 0) unmatched.push(planned[i].word.typed);
            }
          });
          return { words: planned, slots: slots, unmatched: unmatched };
        });
      });
    }

    // The digits ending a word of letters then enough digits: '9006' of 'error9006' (query.rs).
    function trailingDigits(typed) {
      var m = /^(\p{Alphabetic}+)([0-9]+)$/u.exec(typed);
      return m && m[2].length >= manifest.query.minRequiredNumberDigits ? m[2] : null;
    }

    // Whether the dictionary holds a term (its shard loaded, unless it is rich).
    function holds(term) { return term in manifest.rich || !!stub(term); }

    // ---- the lexicon (src/search/lexicon): filler words and synonym rules ----------------------

    var lexicon = null;
    function theLexicon() {
      if (!lexicon || lexicon.manifest !== manifest) {
        var source = manifest.lexicon || { fillers: [], synonyms: { phrases: [], rules: [] } };
        var phrases = source.synonyms.phrases, rules = new Map(), longest = 0;
        source.synonyms.rules.forEach(function (rule) {
          var from = phrases[rule[0]];
          rules.set(from, rule[1].map(function (to) { return phrases[to].split(' '); }));
          longest = Math.max(longest, from.split(' ').length);
        });
        lexicon = { manifest: manifest, fillers: new Set(source.fillers), rules: rules, longest: longest };
      }
      return lexicon;
    }
    function isFiller(typed) { return theLexicon().fillers.has(typed); }

    // Section 2a: the slots of the planned words, left to right, longest rule first. Each slot
    // is {start, end, alternatives: [[term, ...], ...], standsIn} over the planned words.
    function synonymSlots(planned) {
      var lex = theLexicon(), slots = [], at = 0;
      while (at < planned.length) {
        var slot = { start: at, end: at + 1, alternatives: [], standsIn: false };
        for (var length = Math.min(lex.longest, planned.length - at); length >= 1; length--) {
          var key = planned.slice(at, at + length).map(function (p) { return p.word.term; }).join(' ');
          var found = lex.rules.get(key);
          if (found) {
            slot.end = at + length;
            slot.alternatives = found.map(function (terms) { return terms.slice(); });
            slot.standsIn = length > 1 || planned.slice(at, at + length).some(function (p) {
              return p.required && !(p.variants[0] && p.variants[0].exact);
            });
            break;
          }
        }
        at = slot.end;
        slots.push(slot);
      }
      return slots;
    }

    // ---- filters ([search] filters, carried in the manifest) -----------------------------------

    // The documents the filters let through, as a Uint8Array mask, or null when none is given.
    // `filters` is {kind: [name or folder, ...], tags: [tag, ...]}: any of the values of one
    // filter, all of the filters given.
    function allowedDocs(filters) {
      if (!filters) return null;
      var n = manifest.docs, allow = null, offered = manifest.filters || {};
      function narrow(mask) {
        if (!allow) { allow = mask; return; }
        for (var i = 0; i < n; i++) allow[i] = allow[i] & mask[i];
      }
      var kinds = filters.kind || [];
      if (!Array.isArray(kinds)) kinds = [kinds];
      if (kinds.length) {
        if (!offered.kind) throw new Error('this site offers no `kind` filter');
        var mask = new Uint8Array(n), doc = 0;
        offered.kind.forEach(function (run) {
          var kind = manifest.kinds[run[0]] || [];
          var wanted = kinds.some(function (k) { return k === kind[0] || k === kind[2]; });
          if (wanted) mask.fill(1, doc, doc + run[1]);
          doc += run[1];
        });
        narrow(mask);
      }
      var tags = filters.tags || [];
      if (!Array.isArray(tags)) tags = [tags];
      if (tags.length) {
        if (!offered.tags) throw new Error('this site offers no `tags` filter');
        var wantedTags = tags.map(function (t) { return String(t).trim().toLowerCase(); });
        var tagMask = new Uint8Array(n);
        offered.tags.forEach(function (tag, i) {
          if (wantedTags.indexOf(tag[0].toLowerCase()) < 0) return;
          new Reader(tagDocs[i]).gaps().forEach(function (d) { tagMask[d] = 1; });
        });
        narrow(tagMask);
      }
      return allow;
    }

    // What the site offers to filter by, with counts: {kind: [{name, title, singular, dir,
    // count}], tags: [{name, count}]}, each present only when the site offers it.
    function offeredFilters() {
      var out = {}, offered = manifest.filters || {};
      if (offered.kind) {
        var counts = {};
        offered.kind.forEach(function (run) { counts[run[0]] = (counts[run[0]] || 0) + run[1]; });
        out.kind = manifest.kinds.map(function (k, i) {
          return { name: k[0], title: k[1], dir: k[2], singular: k[3] || k[1], count: counts[i] || 0 };
        }).filter(function (k) { return k.count > 0; });
      }
      if (offered.tags) {
        out.tags = offered.tags.map(function (tag) {
          return { name: tag[0], count: tag[1] };
        });
      }
      return out;
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
          matched: new Uint8Array(n), best: new Float64Array(n), slotScore: new Float64Array(n),
          slotWords: new Uint16Array(n), slotSeen: new Uint8Array(n), altBest: new Float64Array(n),
          altHit: new Uint8Array(n), held: new Uint16Array(n), sum: new Float64Array(n),
          front: new Uint8Array(n), altFront: new Uint8Array(n),
          heldFront: new Uint16Array(n) };
      }
      return work;
    }

    // Calls visit(doc, impact, prominent) for every document holding an entry's term;
    // `prominent` is 1 when the document holds it in a prominent field (rule 4.2).
    function eachPosting(e, visit) {
      var docs = e.docs, vals = values(e), flags = e.prominent, i;
      for (i = 0; i < docs.length; i++) visit(docs[i], vals[i], flags[i]);
      if (e.tail) {
        var tail = tailDocs(e), front = e.tailProminent, at = 0;
        for (i = 0; i < tail.length; i++) {
          while (at < front.length && front[at] < tail[i]) at++;
          visit(tail[i], e.tailValue, e.everywhere || (at < front.length && front[at] === tail[i]) ? 1 : 0);
        }
      }
    }

    // Sections 3 and 4 of the spec: score by slot, then the best `limit` by rule 4 among the
    // documents `allow` lets through (all when null). Gives {ranked: [{doc, score}], total}.
    function rank(planned, limit, allow) {
      var terms = [];
      planned.words.forEach(function (p) { p.variants.forEach(function (v) { terms.push(v.term); }); });
      planned.slots.forEach(function (slot) {
        slot.alternatives.forEach(function (list) { terms.push.apply(terms, list); });
      });
      return Promise.all(unique(terms).map(entryOf)).then(function (loaded) {
        var entries = {};
        loaded.forEach(function (e) { entries[e.term] = e; });
        var w = workspace(manifest.docs), synonymWeight = manifest.query.synonymWeight;
        var prominentWord = manifest.query.prominentWord, otherWord = manifest.query.otherWord;
        var score = w.score, words = w.words, codes = w.codes, matched = w.matched, best = w.best;
        var slotScore = w.slotScore, slotWords = w.slotWords, slotSeen = w.slotSeen;
        var altBest = w.altBest, altHit = w.altHit, held = w.held, sum = w.sum;
        var front = w.front, altFront = w.altFront, heldFront = w.heldFront;
        var touched = [], i, doc;
        planned.slots.forEach(function (slot) {
          var inSlot = [], required = 0;
          function enter(d) { if (!slotSeen[d]) { slotSeen[d] = 1; inSlot.push(d); } }
          for (var k = slot.start; k < slot.end; k++) {
            var p = planned.words[k];
            if (p.required) required += 1;
            if (p.variants.length === 0) continue;
            var seen = [];
            p.variants.forEach(function (v) {
              var weight = v.weight;
              eachPosting(entries[v.term], function (d, impact, prominent) {
                var value = weight * impact;
                if (best[d] === 0) seen.push(d);
                if (value > best[d]) best[d] = value;
                if (prominent) front[d] = 1;
              });
            });
            for (i = 0; i < seen.length; i++) {
              doc = seen[i];
              enter(doc);
              slotScore[doc] += best[doc];
              if (p.required) slotWords[doc] += front[doc] ? prominentWord : otherWord;
              best[doc] = 0;
              front[doc] = 0;
            }
          }
          slot.alternatives.forEach(function (list) {
            var holding = [];
            list.forEach(function (term) {
              eachPosting(entries[term], function (d, impact, prominent) {
                if (held[d] === 0) holding.push(d);
                held[d] += 1;
                heldFront[d] += prominent;
                sum[d] += impact;
              });
            });
            for (i = 0; i < holding.length; i++) {
              doc = holding[i];
              if (held[doc] === list.length) {
                var value = synonymWeight * sum[doc];
                if (!altHit[doc] || value > altBest[doc]) altBest[doc] = value;
                altHit[doc] = 1;
                if (heldFront[doc] === list.length) altFront[doc] = 1;
                enter(doc);
              }
              held[doc] = 0;
              heldFront[doc] = 0;
              sum[doc] = 0;
            }
          });
          for (i = 0; i < inSlot.length; i++) {
            doc = inSlot[i];
            var value = slotScore[doc], count = slotWords[doc];
            if (altHit[doc]) {
              if (altBest[doc] > value) value = altBest[doc];
              if (slot.standsIn) {
                var standing = required * (altFront[doc] ? prominentWord : otherWord);
                if (standing > count) count = standing;
              }
            }
            if (!matched[doc]) { matched[doc] = 1; touched.push(doc); }
            score[doc] += value;
            words[doc] += count;
            slotScore[doc] = 0; slotWords[doc] = 0; slotSeen[doc] = 0; altBest[doc] = 0; altHit[doc] = 0;
            altFront[doc] = 0;
          }
        });
        planned.words.forEach(function (p) {
          if (p.word.code && p.variants[0] && (p.variants[0].exact || p.variants[0].digits)) {
            entries[p.variants[0].term].codes.forEach(function (d) { if (matched[d]) codes[d] += 1; });
          }
        });
        function before(a, b) {
          return codes[a] !== codes[b] ? codes[a] > codes[b]
            : words[a] !== words[b] ? words[a] > words[b]
              : score[a] !== score[b] ? score[a] > score[b] : a < b;
        }
        // The best `limit`, kept sorted as they come.
        var top = [], total = 0;
        for (i = 0; i < touched.length; i++) {
          doc = touched[i];
          if (allow && !allow[doc]) continue;
          total += 1;
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
        return { ranked: out, total: total };
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
          var d = info[r.doc], kind = manifest.kinds[d[1]] || ['', '', '', ''];
          return {
            slug: d[0],
            kind: kind[0],
            kindTitle: kind[1],
            kindSingular: kind[3] || kind[1],
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

    // The articles of each tag are fetched (f/tags.js) only for a search with a tag chosen.
    function filterData(filters) {
      var tags = filters && filters.tags;
      var chosen = Array.isArray(tags) ? tags.length > 0 : tags !== undefined && tags !== null;
      return chosen && (manifest.filters || {}).tags ? fetchFile(pathOf('tags', 0)) : null;
    }

    function attempt(query, limit, filters) {
      return ready().then(function () { return filterData(filters); }).then(function () {
        var allow = allowedDocs(filters);
        return plan(String(query)).then(function (planned) {
          var terms = new Set();
          planned.words.forEach(function (p) { p.variants.forEach(function (v) { terms.add(v.term); }); });
          planned.slots.forEach(function (slot) {
            slot.alternatives.forEach(function (list) { list.forEach(function (t) { terms.add(t); }); });
          });
          return rank(planned, limit, allow).then(function (found) {
            return describe(found.ranked, terms).then(function (results) {
              return { query: String(query), results: results, unmatched: planned.unmatched, total: found.total };
            });
          });
        });
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
    // The answer to a query: {query, results, unmatched, total}.
    function query(text, opts) {
      var limit = (opts && opts.limit) || 10, filters = opts && opts.filters;
      return attempt(text, limit, filters).catch(function (error) {
        if (!error || !error.stale) throw error;
        reset();
        return attempt(text, limit, filters);
      });
    }
    function search(text, opts) {
      return query(text, opts).then(function (answer) { return answer.results; });
    }

    return {
      query: query,
      search: search,
      ready: ready,
      /** What the site offers to filter by, once the manifest is loaded. */
      filters: function () { return manifest ? offeredFilters() : {}; },
      /** The analysed words of a query, for highlighting. */
      words: function (query) {
        return ready().then(function () {
          return analysis.queryWords(String(query), true);
        });
      },
      /** The kinds of the site: [[name, title, dir, singular], ...]. */
      kinds: function () { return manifest ? manifest.kinds : []; },
      /** What the search box says, in the site's language (the theme's [script.search]). */
      strings: function () { return manifest && manifest.strings ? manifest.strings : {}; },
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
    window.Remedy.query = function (query, opts) { return engine.query(query, opts); };
    window.Remedy.filters = function () { return engine.filters(); };
    window.Remedy.ready = function () { return engine.ready(); };
    window.Remedy.kinds = function () { return engine.kinds(); };
    window.Remedy.strings = function () { return engine.strings(); };
  }

  return {
    createEngine: createEngine,
    installQueue: installQueue,
    analysis: { instantiate: instantiateAnalysis, decodeModule: decodeModule, editDistance: editDistance, compare: compare },
    start: start
  };
});

/*!
 * Remedy search UI: the search field in every page's header and the search page, over the
 * engine above, which has put itself at window.Remedy by now. Under Node (no window) it does
 * nothing.
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

  // The strings of the search box (the theme's `[script.search]` in the page's language): the
  // index's manifest carries them, as it is loaded before anything is shown; the page's
  // `remedy-strings` data block carries what is said when the index cannot load (and any
  // string a theme's pages carry themselves, which wins). text(key, values) fills `{name}`
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
  function tableWith(key) {
    if (Object.prototype.hasOwnProperty.call(texts, key)) return texts;
    var loaded = remedy.strings ? remedy.strings() : {};
    return Object.prototype.hasOwnProperty.call(loaded, key) ? loaded : null;
  }
  function template(key) {
    var table = tableWith(key);
    return table ? table[key] : '[' + key + ']';
  }
  function text(key, values) {
    return template(key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function pluralKey(key, count) {
    var form = key + '_' + (pluralRules ? pluralRules.select(count) : (count === 1 ? 'one' : 'other'));
    return tableWith(form) ? form : key + '_other';
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
})(typeof window !== 'undefined' ? window : {});
