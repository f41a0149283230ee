/*!
 * Remedy English stemmer: a hand port of the Snowball English stemmer exactly as the Rust crate
 * frostem 1.20260821.8 generates it (Snowball 3.x "english", the stemmer tantivy 0.27 uses), so the
 * browser search stems exactly like the index. Sources mirrored, in frostem's src/:
 *   snowball_env.rs              -> Env below (same method names)
 *   among.rs                     -> [string, substring_i, result] arrays (English has no among functions)
 *   algorithms/english_stemmer.rs -> r_shortv() and stem_env() (same labels, variables, order)
 *   stemmer.rs (Stemmer::stem)   -> stem()
 * Change this file only together with the frostem version pinned in Cargo.toml; the parity test
 * (tests/js/stemmer_parity.js) compares it word by word against the Rust side.
 *
 * Units: the Rust env works on UTF-8 byte offsets. So does this port: a word is turned into a
 * "byte string" (one JS char per UTF-8 byte, codes 0..255), stemmed, and decoded again.
 * All-ASCII words (the usual case) are their own byte string and skip the conversion.
 *
 * Input contract (same as frostem): one token, already lower-cased. tantivy's pipeline lower-cases
 * per code point (char::to_lowercase, no final-sigma rule) before the stemmer; stem() does not.
 *
 * Copyright (c) 2001, Dr Martin Porter; (c) 2004,2005, Richard Boulton; (c) 2013, Yoshiki
 * Shibukawa; (c) 2006-2025, Olly Betts; (c) 2026, frostem contributors. All rights reserved.
 * Redistribution and use in source and binary forms, with or without modification, are permitted
 * provided that the following conditions are met: 1. Redistributions of source code must retain
 * the above copyright notice, this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice, this list of
 * conditions and the following disclaimer in the documentation and/or other materials provided
 * with the distribution. 3. Neither the name of the Snowball project nor the names of its
 * contributors may be used to endorse or promote products derived from this software without
 * specific prior written permission.
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
 * IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
 * FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR
 * CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
 * DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
 * WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY
 * WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.RemedyStemmer = api;
})(typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // ---- snowball_env.rs: SnowballEnv --------------------------------------------------------

  function Env(bytes) {            // SnowballEnv::create
    this.current = bytes;
    this.cursor = 0;
    this.limit = bytes.length;
    this.limit_backward = 0;
    this.bra = 0;
    this.ket = 0;
  }
  var E = Env.prototype;

  // str::is_char_boundary on the UTF-8 bytes.
  E.is_char_boundary = function (i) {
    var n = this.current.length;
    return i === 0 || i === n || (i < n && (this.current.charCodeAt(i) & 0xc0) !== 0x80);
  };
  // The code point starting at byte i: `current[i..].chars().next()`.
  E.char_at = function (i) {
    var s = this.current, c = s.charCodeAt(i);
    if (c < 0x80) return c;
    var n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    c &= 0x3f >> n;
    while (n--) c = (c << 6) | (s.charCodeAt(++i) & 0x3f);
    return c;
  };
  E.replace_s = function (bra, ket, s) {
    var adjustment = s.length - (ket - bra);
    this.current = this.current.slice(0, bra) + s + this.current.slice(ket);
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
    return adjustment;
  };
  // Every literal in the English stemmer is ASCII, so its length in bytes is s.length.
  E.eq_s = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!this.current.startsWith(s, this.cursor)) return false;
    this.cursor += s.length;
    while (!this.is_char_boundary(this.cursor)) this.cursor++;
    return true;
  };
  E.eq_s_b = function (s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    if (!this.is_char_boundary(this.cursor - s.length) ||
        !this.current.startsWith(s, this.cursor - s.length)) return false;
    this.cursor -= s.length;
    return true;
  };
  E.slice_from = function (s) {
    this.replace_s(this.bra, this.ket, s);
    this.ket = this.bra + s.length;
  };
  E.slice_del = function () { this.slice_from(''); };
  E.next_char = function () {
    this.cursor++;
    while (!this.is_char_boundary(this.cursor)) this.cursor++;
  };
  E.previous_char = function () {
    this.cursor--;
    while (!this.is_char_boundary(this.cursor)) this.cursor--;
  };
  E.hop = function (delta) {
    var res = this.cursor;
    while (delta > 0) {
      delta--;
      if (res >= this.limit) return false;
      res++;
      while (res < this.limit && !this.is_char_boundary(res)) res++;
    }
    this.cursor = res;
    return true;
  };
  E.hop_back = function (delta) {
    var res = this.cursor;
    while (delta > 0) {
      delta--;
      if (res <= this.limit_backward) return false;
      res--;
      while (res > this.limit_backward && !this.is_char_boundary(res)) res--;
    }
    this.cursor = res;
    return true;
  };

  // Groupings: bitfield over code points min..max, least significant bit first.
  function inG(g, min, max, ch) {
    if (ch > max || ch < min) return false;
    ch -= min;
    return (g[ch >> 3] & (1 << (ch & 7))) !== 0;
  }
  E.in_grouping = function (g, min, max) {
    if (this.cursor >= this.limit || !inG(g, min, max, this.char_at(this.cursor))) return false;
    this.next_char();
    return true;
  };
  E.go_in_grouping = function (g, min, max) {
    while (this.cursor < this.limit) {
      if (!inG(g, min, max, this.char_at(this.cursor))) return true;
      this.next_char();
    }
    return false;
  };
  E.in_grouping_b = function (g, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    var c = this.cursor;
    this.previous_char();
    if (!inG(g, min, max, this.char_at(this.cursor))) { this.cursor = c; return false; }
    return true;
  };
  E.go_in_grouping_b = function (g, min, max) {
    while (this.cursor > this.limit_backward) {
      var c = this.cursor;
      this.previous_char();
      if (!inG(g, min, max, this.char_at(this.cursor))) { this.cursor = c; return true; }
    }
    return false;
  };
  E.out_grouping = function (g, min, max) {
    if (this.cursor >= this.limit || inG(g, min, max, this.char_at(this.cursor))) return false;
    this.next_char();
    return true;
  };
  E.go_out_grouping = function (g, min, max) {
    while (this.cursor < this.limit) {
      if (inG(g, min, max, this.char_at(this.cursor))) return true;
      this.next_char();
    }
    return false;
  };
  E.out_grouping_b = function (g, min, max) {
    if (this.cursor <= this.limit_backward) return false;
    var c = this.cursor;
    this.previous_char();
    if (!inG(g, min, max, this.char_at(this.cursor))) return true;
    this.cursor = c;
    return false;
  };
  E.go_out_grouping_b = function (g, min, max) {
    while (this.cursor > this.limit_backward) {
      var c = this.cursor;
      this.previous_char();
      if (inG(g, min, max, this.char_at(this.cursor))) { this.cursor = c; return true; }
    }
    return false;
  };

  // find_among / find_among_b: binary search over a sorted among table, comparing bytes.
  // Entries are [s, substring_i, result]; English among strings are ASCII (bytes = char codes).
  E.find_among = function (v) {
    var i = 0, j = v.length, c = this.cursor, l = this.limit;
    var common_i = 0, common_j = 0, first_key_inspected = false, w;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j);
      w = v[k];
      for (var lvar = common; lvar < w[0].length; lvar++) {
        if (c + common === l) { diff = -1; break; }
        diff = this.current.charCodeAt(c + common) - w[0].charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    for (;;) {
      w = v[i];
      if (common_i >= w[0].length) { this.cursor = c + w[0].length; return w[2]; }
      i = w[1];
      if (i < 0) return 0;
    }
  };
  E.find_among_b = function (v) {
    var i = 0, j = v.length, c = this.cursor, lb = this.limit_backward;
    var common_i = 0, common_j = 0, first_key_inspected = false, w;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j);
      w = v[k];
      for (var lvar = w[0].length - common - 1; lvar >= 0; lvar--) {
        if (c - common === lb) { diff = -1; break; }
        diff = this.current.charCodeAt(c - common - 1) - w[0].charCodeAt(lvar);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; common_j = common; } else { i = k; common_i = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    for (;;) {
      w = v[i];
      if (common_i >= w[0].length) { this.cursor = c - w[0].length; return w[2]; }
      i = w[1];
      if (i < 0) return 0;
    }
  };

  // ---- english_stemmer.rs: tables ------------------------------------------------------------

  var A_0 = [['arsen', -1, -1], ['commun', -1, -1], ['emerg', -1, -1], ['gener', -1, -1],
    ['inter', -1, -1], ['later', -1, -1], ['organ', -1, -1], ['past', -1, -1], ['univers', -1, -1]];
  var A_1 = [["'", -1, 1], ["'s'", 0, 1], ["'s", -1, 1]];
  var A_2 = [['ied', -1, 2], ['s', -1, 3], ['ies', 1, 2], ['sses', 1, 1], ['ss', 1, -1], ['us', 1, -1]];
  var A_3 = [['succ', -1, 1], ['proc', -1, 1], ['exc', -1, 1]];
  var A_4 = [['even', -1, 2], ['cann', -1, 2], ['inn', -1, 2], ['earr', -1, 2], ['herr', -1, 2],
    ['out', -1, 2], ['y', -1, 1]];
  var A_5 = [['', -1, -1], ['ed', 0, 2], ['eed', 1, 1], ['ing', 0, 3], ['edly', 0, 2], ['eedly', 4, 1],
    ['ingly', 0, 2]];
  var A_6 = [['', -1, 3], ['bb', 0, 2], ['dd', 0, 2], ['ff', 0, 2], ['gg', 0, 2], ['bl', 0, 1],
    ['mm', 0, 2], ['nn', 0, 2], ['pp', 0, 2], ['rr', 0, 2], ['at', 0, 1], ['tt', 0, 2], ['iz', 0, 1]];
  var A_7 = [['anci', -1, 3], ['enci', -1, 2], ['ogi', -1, 14], ['li', -1, 16], ['bli', 3, 12],
    ['abli', 4, 4], ['alli', 3, 8], ['fulli', 3, 9], ['lessli', 3, 15], ['ousli', 3, 10],
    ['entli', 3, 5], ['aliti', -1, 8], ['biliti', -1, 12], ['iviti', -1, 11], ['tional', -1, 1],
    ['ational', 14, 7], ['alism', -1, 8], ['ation', -1, 7], ['ization', 17, 6], ['izer', -1, 6],
    ['ator', -1, 7], ['iveness', -1, 11], ['fulness', -1, 9], ['ousness', -1, 10], ['ogist', -1, 13]];
  var A_8 = [['icate', -1, 4], ['ative', -1, 6], ['alize', -1, 3], ['iciti', -1, 4], ['ical', -1, 4],
    ['tional', -1, 1], ['ational', 5, 2], ['ful', -1, 5], ['ness', -1, 5]];
  var A_9 = [['ic', -1, 1], ['ance', -1, 1], ['ence', -1, 1], ['able', -1, 1], ['ible', -1, 1],
    ['ate', -1, 1], ['ive', -1, 1], ['ize', -1, 1], ['iti', -1, 1], ['al', -1, 1], ['ism', -1, 1],
    ['ion', -1, 2], ['er', -1, 1], ['ous', -1, 1], ['ant', -1, 1], ['ent', -1, 1], ['ment', 15, 1],
    ['ement', 16, 1]];
  var A_10 = [['e', -1, 1], ['l', -1, 2]];
  var A_11 = [['andes', -1, -1], ['atlas', -1, -1], ['bias', -1, -1], ['cosmos', -1, -1],
    ['early', -1, 6], ['gently', -1, 4], ['howe', -1, -1], ['idly', -1, 3], ['news', -1, -1],
    ['only', -1, 7], ['singly', -1, 8], ['skies', -1, 2], ['skis', -1, 1], ['sky', -1, -1],
    ['ugly', -1, 5]];

  // Replacement strings of the `match among_var` arms that are plain slice_from calls.
  var R_11 = [, 'ski', 'sky', 'idl', 'gentl', 'ugli', 'earli', 'onli', 'singl'];
  var R_7 = [, 'tion', 'ence', 'ance', 'able', 'ent', 'ize', 'ate', 'al', 'ful', 'ous', 'ive', 'ble',
    'og', , 'less'];
  var R_8 = [, 'tion', 'ate', 'al', 'ic'];

  var G_aeo = [17, 64];
  var G_v = [17, 65, 16, 1];
  var G_v_WXY = [1, 17, 65, 208, 1];
  var G_valid_LI = [55, 141, 2];

  // The generated code's quick pre-checks before find_among(_b): byte b must lie in 0x60..0x7f
  // and have its bit set in mask. True means "cannot match".
  function miss(b, mask) { return b >> 5 !== 3 || ((mask >> (b & 0x1f)) & 1) === 0; }

  // ---- english_stemmer.rs: r_shortv ----------------------------------------------------------

  function r_shortv(env) {
    lab0: {
      var v_1 = env.limit - env.cursor;
      lab1: {
        if (!env.out_grouping_b(G_v_WXY, 89, 121)) break lab1;
        if (!env.in_grouping_b(G_v, 97, 121)) break lab1;
        if (!env.out_grouping_b(G_v, 97, 121)) break lab1;
        break lab0;
      }
      env.cursor = env.limit - v_1;
      lab2: {
        if (!env.out_grouping_b(G_v, 97, 121)) break lab2;
        if (!env.in_grouping_b(G_v, 97, 121)) break lab2;
        if (env.cursor > env.limit_backward) break lab2;
        break lab0;
      }
      env.cursor = env.limit - v_1;
      if (!env.eq_s_b('past')) return false;
    }
    return true;
  }

  // ---- english_stemmer.rs: stem ------------------------------------------------------------
  // Labels (lab0, lab16, ...) and variables (v_1, ...) are those of the Rust source; a Rust
  // `'labN: loop { ...; break 'labN; }` block is a JS labelled block `labN: { ... }`.

  function stem_env(env) {
    var among_var, b_Y_found = false, i_p1, i_p2, c;
    lab0: {
      var v_1 = env.cursor;
      // Exceptional whole words (A_11).
      lab1: {
        env.bra = env.cursor;
        if (env.cursor + 2 >= env.limit || miss(env.current.charCodeAt(env.cursor + 2), 42750482)) break lab1;
        among_var = env.find_among(A_11);
        if (among_var === 0) break lab1;
        env.ket = env.cursor;
        if (env.cursor < env.limit) break lab1;
        if (among_var > 0) env.slice_from(R_11[among_var]);
        break lab0;
      }
      env.cursor = v_1;
      // lab2/lab3: words of fewer than 3 characters are left alone.
      if (!env.hop(3)) break lab0;
      env.cursor = v_1;

      // lab4: prelude. Drop a leading apostrophe; initial y and y after a vowel become Y.
      b_Y_found = false;
      var v_2 = env.cursor;
      lab5: {
        env.bra = env.cursor;
        if (!env.eq_s("'")) break lab5;
        env.ket = env.cursor;
        env.slice_del();
      }
      env.cursor = v_2;
      var v_3 = env.cursor;
      lab6: {
        env.bra = env.cursor;
        if (!env.eq_s('y')) break lab6;
        env.ket = env.cursor;
        env.slice_from('Y');
        b_Y_found = true;
      }
      env.cursor = v_3;
      var v_4 = env.cursor;
      replab8: for (;;) {
        var v_5 = env.cursor;
        lab9: {
          golab10: for (;;) {
            var v_6 = env.cursor;
            lab11: {
              if (!env.in_grouping(G_v, 97, 121)) break lab11;
              env.bra = env.cursor;
              if (!env.eq_s('y')) break lab11;
              env.ket = env.cursor;
              env.cursor = v_6;
              break golab10;
            }
            env.cursor = v_6;
            if (env.cursor >= env.limit) break lab9;
            env.next_char();
          }
          env.slice_from('Y');
          b_Y_found = true;
          continue replab8;
        }
        env.cursor = v_5;
        break;
      }
      env.cursor = v_4;

      // lab12: mark regions p1 and p2 (A_0: special prefixes that fix p1).
      i_p1 = env.limit;
      i_p2 = env.limit;
      var v_7 = env.cursor;
      lab13: {
        lab14: {
          var v_8 = env.cursor;
          lab15: {
            if (env.cursor + 3 >= env.limit || miss(env.current.charCodeAt(env.cursor + 3), 5513250)) break lab15;
            if (env.find_among(A_0) === 0) break lab15;
            break lab14;
          }
          env.cursor = v_8;
          if (!env.go_out_grouping(G_v, 97, 121)) break lab13;
          env.next_char();
          if (!env.go_in_grouping(G_v, 97, 121)) break lab13;
          env.next_char();
        }
        i_p1 = env.cursor;
        if (!env.go_out_grouping(G_v, 97, 121)) break lab13;
        env.next_char();
        if (!env.go_in_grouping(G_v, 97, 121)) break lab13;
        env.next_char();
        i_p2 = env.cursor;
      }
      env.cursor = v_7;

      // Backward mode from here.
      env.limit_backward = env.cursor;
      env.cursor = env.limit;

      // lab16: Step_1a (lab17: apostrophe suffixes, A_1; then A_2).
      var v_9 = env.limit - env.cursor;
      lab16: {
        var v_10 = env.limit - env.cursor;
        lab17: {
          env.ket = env.cursor;
          c = env.current.charCodeAt(env.cursor - 1);
          if (env.cursor <= env.limit_backward || (c !== 39 && c !== 115)) {
            env.cursor = env.limit - v_10;
            break lab17;
          }
          if (env.find_among_b(A_1) === 0) {
            env.cursor = env.limit - v_10;
            break lab17;
          }
          env.bra = env.cursor;
          env.slice_del();
        }
        env.ket = env.cursor;
        c = env.current.charCodeAt(env.cursor - 1);
        if (env.cursor <= env.limit_backward || (c !== 100 && c !== 115)) break lab16;
        among_var = env.find_among_b(A_2);
        if (among_var === 0) break lab16;
        env.bra = env.cursor;
        switch (among_var) {
          case 1:
            env.slice_from('ss');
            break;
          case 2: // lab18/lab19
            var v_11 = env.limit - env.cursor;
            if (env.hop_back(2)) {
              env.slice_from('i');
            } else {
              env.cursor = env.limit - v_11;
              env.slice_from('ie');
            }
            break;
          case 3:
            if (env.cursor <= env.limit_backward) break lab16;
            env.previous_char();
            if (!env.go_out_grouping_b(G_v, 97, 121)) break lab16;
            env.previous_char();
            env.slice_del();
            break;
        }
      }
      env.cursor = env.limit - v_9;

      // lab20: Step_1b (A_5 suffixes; A_3 succ/proc/exc; A_4 ing exceptions; A_6 undoubling).
      var v_12 = env.limit - env.cursor;
      lab20: {
        env.ket = env.cursor;
        if (env.cursor - 1 <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 33554576)) among_var = -1;
        else among_var = env.find_among_b(A_5);
        env.bra = env.cursor;
        lab21: {
          var v_13 = env.limit - env.cursor;
          lab22: {
            switch (among_var) {
              case 1:
                var v_14 = env.limit - env.cursor;
                lab23: {
                  if (i_p1 > env.cursor) break lab23;
                  lab24: {
                    var v_15 = env.limit - env.cursor;
                    lab25: {
                      if (env.cursor - 2 <= env.limit_backward || env.current.charCodeAt(env.cursor - 1) !== 99) break lab25;
                      if (env.find_among_b(A_3) === 0) break lab25;
                      if (env.cursor > env.limit_backward) break lab25;
                      break lab24;
                    }
                    env.cursor = env.limit - v_15;
                    env.slice_from('ee');
                  }
                }
                env.cursor = env.limit - v_14;
                break;
              case 2:
                break lab22;
              case 3:
                if (env.cursor <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 34881536)) break lab22;
                among_var = env.find_among_b(A_4);
                if (among_var === 0) break lab22;
                switch (among_var) {
                  case 1:
                    var v_16 = env.limit - env.cursor;
                    if (!env.out_grouping_b(G_v, 97, 121)) break lab22;
                    if (env.cursor > env.limit_backward) break lab22;
                    env.cursor = env.limit - v_16;
                    env.bra = env.cursor;
                    env.slice_from('ie');
                    break;
                  case 2:
                    if (env.cursor > env.limit_backward) break lab22;
                    break;
                }
                break;
            }
            break lab21;
          }
          env.cursor = env.limit - v_13;
          var v_17 = env.limit - env.cursor;
          if (!env.go_out_grouping_b(G_v, 97, 121)) break lab20;
          env.previous_char();
          env.cursor = env.limit - v_17;
          env.slice_del();
          env.ket = env.cursor;
          env.bra = env.cursor;
          var v_18 = env.limit - env.cursor;
          if (env.cursor - 1 <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 68514004)) among_var = 3;
          else among_var = env.find_among_b(A_6);
          switch (among_var) {
            case 1:
              env.slice_from('e');
              break lab20;
            case 2:
              var v_19 = env.limit - env.cursor;
              lab26: {
                if (!env.in_grouping_b(G_aeo, 97, 111)) break lab26;
                if (env.cursor > env.limit_backward) break lab26;
                break lab20;
              }
              env.cursor = env.limit - v_19;
              break;
            case 3:
              if (env.cursor !== i_p1) break lab20;
              var v_20 = env.limit - env.cursor;
              if (!r_shortv(env)) break lab20;
              env.cursor = env.limit - v_20;
              env.slice_from('e');
              break lab20;
          }
          env.cursor = env.limit - v_18;
          env.ket = env.cursor;
          if (env.cursor <= env.limit_backward) break lab20;
          env.previous_char();
          env.bra = env.cursor;
          env.slice_del();
        }
      }
      env.cursor = env.limit - v_12;

      // lab27: Step_1c, y/Y after a non-vowel (not at the start) -> i.
      var v_21 = env.limit - env.cursor;
      lab27: {
        env.ket = env.cursor;
        if (!env.eq_s_b('y') && !env.eq_s_b('Y')) break lab27;
        env.bra = env.cursor;
        if (!env.out_grouping_b(G_v, 97, 121)) break lab27;
        if (env.cursor <= env.limit_backward) break lab27;
        env.slice_from('i');
      }
      env.cursor = env.limit - v_21;

      // lab30: Step_2 (A_7), in R1.
      var v_22 = env.limit - env.cursor;
      lab30: {
        env.ket = env.cursor;
        if (env.cursor - 1 <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 1864192)) break lab30;
        among_var = env.find_among_b(A_7);
        if (among_var === 0) break lab30;
        env.bra = env.cursor;
        if (i_p1 > env.cursor) break lab30;
        if (among_var === 14) {
          if (!env.eq_s_b('l')) break lab30;
          env.slice_from('og');
        } else if (among_var === 16) {
          if (!env.in_grouping_b(G_valid_LI, 99, 116)) break lab30;
          env.slice_del();
        } else if (among_var > 0) {
          env.slice_from(R_7[among_var]);
        }
      }
      env.cursor = env.limit - v_22;

      // lab31: Step_3 (A_8), in R1 (ative: R2).
      var v_23 = env.limit - env.cursor;
      lab31: {
        env.ket = env.cursor;
        if (env.cursor - 2 <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 528928)) break lab31;
        among_var = env.find_among_b(A_8);
        if (among_var === 0) break lab31;
        env.bra = env.cursor;
        if (i_p1 > env.cursor) break lab31;
        if (among_var === 5) {
          env.slice_del();
        } else if (among_var === 6) {
          if (i_p2 > env.cursor) break lab31;
          env.slice_del();
        } else if (among_var > 0) {
          env.slice_from(R_8[among_var]);
        }
      }
      env.cursor = env.limit - v_23;

      // lab32: Step_4 (A_9), in R2.
      var v_24 = env.limit - env.cursor;
      lab32: {
        env.ket = env.cursor;
        if (env.cursor - 1 <= env.limit_backward || miss(env.current.charCodeAt(env.cursor - 1), 1864232)) break lab32;
        among_var = env.find_among_b(A_9);
        if (among_var === 0) break lab32;
        env.bra = env.cursor;
        if (i_p2 > env.cursor) break lab32;
        if (among_var === 1) {
          env.slice_del();
        } else if (among_var === 2) { // lab33/lab34: -ion after s or t
          if (!env.eq_s_b('s') && !env.eq_s_b('t')) break lab32;
          env.slice_del();
        }
      }
      env.cursor = env.limit - v_24;

      // lab35: Step_5 (A_10): final e, final ll.
      var v_25 = env.limit - env.cursor;
      lab35: {
        env.ket = env.cursor;
        c = env.current.charCodeAt(env.cursor - 1);
        if (env.cursor <= env.limit_backward || (c !== 101 && c !== 108)) break lab35;
        among_var = env.find_among_b(A_10);
        if (among_var === 0) break lab35;
        env.bra = env.cursor;
        if (among_var === 1) {
          lab36: {
            if (i_p2 <= env.cursor) break lab36; // lab37
            if (i_p1 > env.cursor) break lab35;
            var v_26 = env.limit - env.cursor;
            if (r_shortv(env)) break lab35; // lab38
            env.cursor = env.limit - v_26;
          }
          env.slice_del();
        } else if (among_var === 2) {
          if (i_p2 > env.cursor) break lab35;
          if (!env.eq_s_b('l')) break lab35;
          env.slice_del();
        }
      }
      env.cursor = env.limit - v_25;
      env.cursor = env.limit_backward;

      // lab39: postlude, Y -> y.
      var v_27 = env.cursor;
      if (b_Y_found) {
        replab40: for (;;) {
          var v_28 = env.cursor;
          lab41: {
            golab42: for (;;) {
              var v_29 = env.cursor;
              lab43: {
                env.bra = env.cursor;
                if (!env.eq_s('Y')) break lab43;
                env.ket = env.cursor;
                env.cursor = v_29;
                break golab42;
              }
              env.cursor = v_29;
              if (env.cursor >= env.limit) break lab41;
              env.next_char();
            }
            env.slice_from('y');
            continue replab40;
          }
          env.cursor = v_28;
          break;
        }
      }
      env.cursor = v_27;
    }
    return true;
  }

  // ---- stemmer.rs: Stemmer::stem -------------------------------------------------------------

  var encoder, decoder;
  function stem(word) {
    word = String(word);
    var ascii = !/[^\x00-\x7f]/.test(word), bytes = word;
    if (!ascii) {
      encoder = encoder || new TextEncoder();
      var utf8 = encoder.encode(word);
      bytes = '';
      for (var j = 0; j < utf8.length; j++) bytes += String.fromCharCode(utf8[j]);
    }
    var env = new Env(bytes);
    stem_env(env);
    if (ascii) return env.current;
    decoder = decoder || new TextDecoder();
    var out = new Uint8Array(env.current.length);
    for (var i = 0; i < out.length; i++) out[i] = env.current.charCodeAt(i);
    return decoder.decode(out);
  }

  return { stem: stem };
});
