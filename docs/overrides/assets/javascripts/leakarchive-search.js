/*
 * Leak Archive: the site's search box on Pagefind (leakarchive plugin option `search: pagefind`).
 *
 * Material's search fetches one index of the whole site (search/search_index.json, tens of MB on a
 * large archive) before it shows a result. With `search: pagefind` the theme leaves Material's
 * search form unnamed, so Material's bundle fetches no index, and this script, loaded before the
 * bundle, does one of two things:
 *
 * - Opened from disk (file://), where Chromium refuses fetch() and so Pagefind cannot run, it names
 *   the form "search": Material's own search runs as in the offline copy (see
 *   leakarchive-file.js and leakarchive/postbuild.py).
 * - Over http(s), it answers the queries typed in Material's search dialog with Pagefind
 *   (pagefind/pagefind.js, made by the build), which fetches only the pieces of its index a query
 *   needs. Material still owns the dialog: opening and closing it, the focus, Escape, the arrow
 *   keys and Enter. This script only fills in the results, in Material's markup, each titled with
 *   its kind ("Actor: ...") and showing a passage that matches.
 *
 * Nothing is fetched until the search box gets the focus, and nothing from outside the site.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-leakarchive-search]");
  if (!form) return;
  if (location.protocol === "file:") {
    form.setAttribute("name", "search");
    return;
  }
  if (form.getAttribute("data-leakarchive-search") !== "pagefind") return;

  var PAGE = 10; // results shown at once; more as the reader scrolls to the last
  var DELAY = 100; // ms after the last key before searching
  var EXCERPT_WORDS = 30;

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href); // the site's root
  var translations = config.translations || {};
  var input = form.querySelector(".md-search__input");
  var result = document.querySelector("[data-md-component=search-result]");
  if (!input || !result) return;
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var scroller = result.closest(".md-search__scrollwrap");

  // Material starts its search worker (lunr) on every page, though it will never be given an
  // index: in its place, a worker that does nothing and costs no request. Other workers run.
  var materialWorker = new URL(config.search, document.baseURI).href;
  var NativeWorker = window.Worker;
  if (typeof NativeWorker === "function") {
    var IdleWorker = class extends EventTarget {
      constructor() {
        super();
        this.onmessage = null;
        this.onerror = null;
      }
      postMessage() {}
      terminate() {}
    };
    var SiteWorker = function (url, options) {
      if (new URL(String(url), document.baseURI).href === materialWorker) return new IdleWorker();
      return new NativeWorker(url, options);
    };
    SiteWorker.prototype = NativeWorker.prototype;
    window.Worker = SiteWorker;
  }

  function text(key, count) {
    var value = translations[key] || "";
    return count === undefined ? value : value.replace("#", String(count));
  }

  // Pagefind, loaded once, when the reader first goes to the search box.
  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      var bundle = new URL("pagefind/", base);
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        return module
          .options({ basePath: bundle.pathname, baseUrl: base.pathname, excerptLength: EXCERPT_WORDS })
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next query
    }
    return pagefind;
  }

  // A passage of Pagefind's: text where "<" and ">" are escaped and matches are in <mark>. Put in
  // as text, never as HTML: the marks become <mark> elements (around the word, not the
  // punctuation Pagefind marks with it), all else text nodes.
  var WORD = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u;
  function excerpt(target, passage) {
    var parts = String(passage || "").split(/<mark>([\s\S]*?)<\/mark>/);
    parts.forEach(function (part, index) {
      var plain = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (index % 2) {
        var word = WORD.exec(plain);
        var mark = document.createElement("mark");
        mark.textContent = word[2] || plain;
        target.append(word[2] ? word[1] : "", mark, word[2] ? word[3] : "");
      } else if (plain) {
        target.append(plain);
      }
    });
  }

  // Where a result opens: at the quote or note whose words matched (an element of the text with
  // an id, `#quote-3`), not at the top of the page. Pagefind gives each result the word positions
  // of its matches and each element with an id ("anchor") with its first word's position and its
  // text; the passage is the highlighted element holding the most matches, the page if none does.
  function passageUrl(data) {
    var best = null;
    var most = 0;
    (data.anchors || []).forEach(function (anchor) {
      if (/^h[1-6]$/i.test(anchor.element) || !anchor.text) return;
      var start = anchor.location;
      var end = start + anchor.text.split(/\s+/).filter(Boolean).length;
      var inside = (data.locations || []).filter(function (at) { return at >= start && at < end; }).length;
      if (inside > most) {
        best = anchor;
        most = inside;
      }
    });
    return best ? data.url.split("#")[0] + "#" + encodeURIComponent(best.id) : data.url;
  }

  // One result in Material's markup (its styles, and its keyboard handling, which moves through
  // the links and opens the best-scored result on Enter).
  function item(data, score) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = passageUrl(data);
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.setAttribute("data-md-score", score.toFixed(2));
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.dir = "auto";
    var kind = data.meta && data.meta.kind;
    var name = (data.meta && data.meta.title) || data.url;
    title.textContent = kind ? kind + ": " + name : name;
    var passage = document.createElement("p");
    passage.dir = "auto";
    excerpt(passage, data.excerpt);
    article.append(icon, title, passage);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  var ticket = 0; // the latest query; answers to older ones are dropped
  var timer = 0;
  var more = null; // watches the last result shown, to show the next ones

  function clear(message) {
    if (more) more.disconnect();
    more = null;
    meta.textContent = message;
    list.replaceChildren();
  }

  async function details(results, start) {
    var page = results.slice(start, start + PAGE);
    var found = await Promise.all(page.map(function (r) { return r.data(); }));
    return found.map(function (data, index) { return item(data, page[index].score); });
  }

  function showMore(results, shown, own) {
    if (more) more.disconnect();
    more = null;
    if (shown >= results.length || typeof IntersectionObserver !== "function") return;
    more = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      more.disconnect();
      more = null;
      details(results, shown).then(function (items) {
        if (own !== ticket) return;
        list.append.apply(list, items);
        showMore(results, shown + items.length, own);
      }, function (error) { console.warn("Leak Archive search:", error); });
    }, { root: scroller });
    more.observe(list.lastElementChild);
  }

  async function run(query, own) {
    try {
      var engine = await loadPagefind();
      // Spellings that must not matter (see leakarchive-fold.js), folded as in the index.
      var search = await engine.search(window.leakarchiveFold ? window.leakarchiveFold(query) : query);
      if (own !== ticket) return;
      var results = (search && search.results) || [];
      var items = await details(results, 0);
      if (own !== ticket) return;
      // Count, then results, in one go: what the reader sees always belongs together.
      if (!results.length) meta.textContent = text("search.result.none");
      else if (results.length === 1) meta.textContent = text("search.result.one");
      else meta.textContent = text("search.result.other", results.length);
      list.replaceChildren.apply(list, items);
      showMore(results, items.length, own);
    } catch (error) {
      if (own !== ticket) return;
      clear("Search is not available: " + (error && error.message ? error.message : error));
      console.warn("Leak Archive search:", error);
    }
  }

  function update() {
    clearTimeout(timer);
    var query = input.value.trim();
    var own = ++ticket;
    if (!query) {
      clear(text("search.result.placeholder"));
      return;
    }
    timer = setTimeout(function () { run(query, own); }, DELAY);
  }

  clear(text("search.result.placeholder"));
  input.addEventListener("focus", function () {
    loadPagefind().catch(function (error) { console.warn("Leak Archive search:", error); });
    if (input.value.trim() && !list.firstElementChild) update(); // a query given in the URL (?q=)
  });
  input.addEventListener("input", update);
  form.addEventListener("reset", function () { setTimeout(update); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
