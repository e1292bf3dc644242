// Casebook search worker: answers Material's own search box from the sharded index
// that overrides/hooks/casebook_site.py writes (scripts/casebook/search_index.py says
// what the files hold and why). It speaks Material's worker protocol (SETUP, READY,
// QUERY, RESULT), so the reader keeps Material's box and result list.
//
// It runs as a real Web Worker over http, and inside Material's iframe shim from disk
// (file://), where importScripts adds <script> tags and returns a promise: every load
// is awaited, which works both ways.
"use strict";
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 30;
  var MAX_TAGS = 5;
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("[" + CJK + "]+|[0-9a-z]+", "g");
  var ASCII = /^[0-9a-z]+$/;
  // Query words are separated by spaces and punctuation (quotes included: “三先三后”).
  var SEPARATOR = /[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/;

  var manifest = null;
  var termShards = {};
  var docShards = {};
  var base = null;
  var latest = 0;
  var chain = Promise.resolve();

  self.__cbManifest = function (m) { manifest = m; };
  self.__cbTerms = function (k, t) { termShards[k] = t; };
  self.__cbDocs = function (k, d) { docShards[k] = d; };

  function ownUrl() {
    // In the iframe shim this file is the iframe's first <script src>.
    if (typeof document !== "undefined" && document.querySelector) {
      var script = document.querySelector("script[src]");
      if (script) return script.src;
    }
    return self.location.href;
  }

  function indexBase() {
    var url = ownUrl();
    var version = /[?&]v=([0-9a-f]+)/.exec(url);
    if (!version) throw new Error("casebook search: no index version in " + url);
    // This file is <site>/assets/javascripts/casebook-search.js.
    return new URL("../../search/" + version[1] + "/", url).href;
  }

  function load(paths) {
    var urls = paths.map(function (p) { return base + p; });
    return urls.length ? Promise.resolve(importScripts.apply(self, urls)) : Promise.resolve();
  }

  function fnv1a(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  // The index terms of one query word: Chinese bigrams and ASCII/digit words, as the
  // build cut the pages. A lone Chinese character is kept as it is (it matches nothing
  // in the index, so the word is reported missing instead of silently widening).
  function termsOf(word) {
    var out = [];
    var runs = word.match(TOKEN) || [];
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r];
      if (ASCII.test(run)) { out.push(run); continue; }
      var chars = Array.from(run);
      if (chars.length === 1) { out.push(run); continue; }
      for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    }
    return out;
  }

  function queryWords(query) {
    var seen = {};
    return normalise(query).split(SEPARATOR).filter(function (w) {
      if (!w || seen[w]) return false;
      seen[w] = true;
      return termsOf(w).length > 0;
    }).slice(0, 32);  // one bit per word in a document's mask
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Escaped text with every occurrence of a query word in <mark> (Material renders
  // the result's title, text and tags as HTML).
  function highlight(text, words) {
    var plain = normalise(text);
    var marks = new Array(text.length + 1).fill(0);
    var usable = plain.length === text.length;  // NFKC kept the positions
    if (usable) {
      for (var w = 0; w < words.length; w++) {
        for (var at = plain.indexOf(words[w]); at >= 0; at = plain.indexOf(words[w], at + 1)) {
          marks[at] += 1;
          marks[at + words[w].length] -= 1;
        }
      }
    }
    var out = "", depth = 0, open = false;
    for (var i = 0; i <= text.length; i++) {
      depth += marks[i];
      if (open && depth <= 0) { out += "</mark>"; open = false; }
      if (!open && depth > 0) { out += "<mark>"; open = true; }
      if (i < text.length) out += escapeHtml(text[i]);
    }
    return out;
  }

  function search(query) {
    var words = queryWords(query);
    if (!words.length || !manifest) return Promise.resolve({ items: [] });
    var wordTerms = words.map(termsOf);
    var needed = {};
    wordTerms.forEach(function (list) {
      list.forEach(function (t) { needed[fnv1a(t) % manifest.terms] = true; });
    });
    var missing = Object.keys(needed).filter(function (k) { return !(k in termShards); });
    return load(missing.map(function (k) { return "t/" + k + ".js"; })).then(function () {
      var n = manifest.n;
      var score = new Float64Array(n);
      var full = new Uint8Array(n);   // query words whose every term the document holds
      var mask = new Uint32Array(n);  // which ones (bit i: word i)
      wordTerms.forEach(function (list, w) {
        var count = new Uint8Array(n);
        var distinct = Array.from(new Set(list));
        distinct.forEach(function (t) {
          var posting = termShards[fnv1a(t) % manifest.terms][t];
          if (!posting) return;
          var df = posting.length / 2;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          for (var i = 0, doc = 0; i < posting.length; i += 2) {
            doc += posting[i];
            score[doc] += idf * posting[i + 1];
            count[doc] += 1;
          }
        });
        for (var d = 0; d < n; d++) {
          if (count[d] === distinct.length) { full[d] += 1; mask[d] |= 1 << w; }
        }
      });
      var best = 0;
      for (var d = 0; d < n; d++) if (full[d] > best) best = full[d];
      var hits = [];  // every hit holds the most query words any page holds
      for (d = 0; d < n; d++) if (score[d] > 0 && full[d] === best) hits.push(d);
      hits.sort(function (a, b) { return score[b] - score[a] || a - b; });
      var top = hits.slice(0, MAX_RESULTS);
      var per = manifest.docs;
      var shards = Array.from(new Set(top.map(function (doc) { return Math.floor(doc / per); })))
        .filter(function (k) { return !(k in docShards); });
      return load(shards.map(function (k) { return "d/" + k + ".js"; })).then(function () {
        return { items: top.map(function (doc) { return item(doc, words, mask[doc], score[doc]); })
          .sort(function (a, b) { return b[0].score - a[0].score; }) };
      });
    });
  }

  // One result in Material's shape: a list holding the page (no sections).
  function item(doc, words, mask, score) {
    var row = docShards[Math.floor(doc / manifest.docs)][doc % manifest.docs];
    var location = row[0], title = row[1], text = row[2], tags = row[3] || [];
    // The place (tags[0], "" when none), then the methods that hold a query word, then
    // the others: five shown.
    var named = function (t) { return words.some(function (w) { return normalise(t).indexOf(w) >= 0; }); };
    tags = tags.slice(0, 1).concat(tags.slice(1).filter(named), tags.slice(1).filter(function (t) { return !named(t); }))
      .filter(Boolean).slice(0, MAX_TAGS);
    var terms = {};
    var verbatim = 0;
    var header = normalise(title + " " + tags.join(" "));
    words.forEach(function (w, i) {
      terms[w] = (mask & (1 << i)) !== 0;
      if (header.indexOf(w) >= 0) verbatim += 1;
    });
    // A word found as it is in the title or a tag (not only as scattered bigrams)
    // lifts the page among the pages that hold every word.
    var rank = score * (1 + 0.5 * verbatim);
    return [{
      location: location,
      title: highlight(title, words),
      text: highlight(text, words),
      tags: tags.map(function (t) { return highlight(t, words); }),
      score: rank,
      terms: terms
    }];
  }

  function handle(message) {
    switch (message.type) {
      case SETUP:
        base = indexBase();
        return load(["manifest.js"]).then(function () { return { type: READY }; });
      case QUERY:
        return search(message.data).then(function (data) { return { type: RESULT, data: data }; });
      default:
        return Promise.reject(new TypeError("casebook search: unknown message " + message.type));
    }
  }

  addEventListener("message", function (event) {
    var message = event.data;
    var mine = message && message.type === QUERY ? ++latest : latest;
    chain = chain.then(function () {
      // A query typed over by a newer one is not answered: its result would replace
      // the newer one's on screen.
      if (message && message.type === QUERY && mine !== latest) return null;
      return handle(message).then(null, function (error) {
        console.warn(error);
        return message && message.type === QUERY ? { type: RESULT, data: { items: [] } } : { type: READY };
      });
    }).then(function (reply) { if (reply) postMessage(reply); });
  });
})();
