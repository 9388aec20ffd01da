/*
 * Leak Archive: site search in a copy of the site opened straight from disk (file://).
 *
 * Material runs its search (lunr) in a Web Worker and, on file://, reads the index from
 * search/search_index.js with a <script> element. Chromium refuses Web Workers on file://, so the
 * offline build (mkdocs.offline.yml) also writes Material's worker script wrapped in a function,
 * beside it as <name>.page.js. This stand-in for `Worker` loads that file with <script src>, which
 * file:// allows, and runs it in the page, passing messages as a worker would. Nothing is fetched
 * and nothing leaves the disk. Over http(s) this file does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("Leak Archive: cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  // Messages are copied, as between a worker and a page, so neither side shares objects.
  var copy = typeof structuredClone === "function"
    ? structuredClone
    : function (data) { return JSON.parse(JSON.stringify(data)); };

  class PageWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      var worker = this;
      var href = new URL(String(url), document.baseURI).href;
      var scope = new EventTarget(); // the worker's global scope
      scope.postMessage = function (data) {
        var event = new MessageEvent("message", { data: copy(data) });
        setTimeout(function () {
          if (typeof worker.onmessage === "function") worker.onmessage(event);
          worker.dispatchEvent(event);
        });
      };
      scope.importScripts = function () {
        window.lunr = window.lunr || scope.lunr; // lunr's language files extend the global lunr
        return Array.prototype.reduce.call(arguments, function (done, src) {
          return done.then(function () { return load(new URL(src, href).href); });
        }, Promise.resolve());
      };
      this._scope = scope;
      this._ready = load(href.replace(/(\.min)?\.js$/, ".page.js")).then(function () {
        window.__leakarchiveSearchWorker(
          scope, scope.addEventListener.bind(scope), scope.postMessage, scope.importScripts
        );
      });
      this._ready.catch(function (error) {
        console.warn(error);
        var event = new ErrorEvent("error", { message: String(error) });
        if (typeof worker.onerror === "function") worker.onerror(event);
        worker.dispatchEvent(event);
      });
    }

    postMessage(data) {
      var scope = this._scope;
      var event = new MessageEvent("message", { data: copy(data) });
      this._ready.then(function () { scope.dispatchEvent(event); });
    }

    terminate() {
      this._scope = new EventTarget();
    }
  }

  window.Worker = PageWorker;
})();
