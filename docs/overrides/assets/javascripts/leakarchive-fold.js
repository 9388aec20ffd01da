/*
 * Leak Archive: spellings that must not matter to search, folded away in what is indexed and in
 * what is typed, with either search engine.
 *
 * Persian is written with the zero-width non-joiner (U+200C, "خامنه‌ای") or without it, and with
 * Arabic or Persian forms of two letters (ي/ی, ى/ی, ك/ک) depending on the keyboard; the kashida
 * (U+0640) only stretches a word. `leakarchiveFold` removes the first and last, and writes the
 * Persian letter for the Arabic ones. The same rules are `text.fold_for_search` in Python, which
 * folds the pages Pagefind indexes; leakarchive-search.js folds Pagefind's queries with this.
 *
 * For Material's lunr search (the offline copy, `mkdocs serve`, `search: lunr`), this wraps the
 * `Worker` that Material's bundle starts: the index it sends to its search worker (message type 0)
 * and each query (type 2) are folded on the way. It must load after leakarchive-file.js, which
 * stands in for `Worker` on file://, and before Material's bundle.
 */
(function () {
  "use strict";

  var FOLDS = /[\u200c\u0640\u064a\u0649\u0643]/g;
  var LETTERS = { "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9" };

  function fold(text) {
    return typeof text === "string" ? text.replace(FOLDS, function (c) { return LETTERS[c] || ""; }) : text;
  }
  window.leakarchiveFold = fold;

  function folded(message) {
    if (!message || typeof message !== "object") return message;
    if (message.type === 2) return { type: 2, data: fold(message.data) };
    if (message.type === 0 && message.data && Array.isArray(message.data.docs)) {
      var docs = message.data.docs.map(function (doc) {
        var copy = Object.assign({}, doc);
        copy.title = fold(doc.title);
        copy.text = fold(doc.text);
        return copy;
      });
      return { type: 0, data: Object.assign({}, message.data, { docs: docs }) };
    }
    return message;
  }

  var Inner = window.Worker;
  if (typeof Inner !== "function") return;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js$/;
  function FoldingWorker(url, options) {
    var worker = new Inner(url, options);
    if (SEARCH_WORKER.test(new URL(String(url), document.baseURI).pathname)) {
      var post = worker.postMessage.bind(worker);
      worker.postMessage = function (message, transfer) { return post(folded(message), transfer); };
    }
    return worker;
  }
  FoldingWorker.prototype = Inner.prototype;
  window.Worker = FoldingWorker;
})();
