/*
 * Leak Archive: the reader's tools on article, actor and leak pages.
 *
 * - On a wide screen, each quote's and note's card (<div class="la-side" role="note">, written after the
 *   paragraph where its passage begins) is set in the margin beside its passage; cards never
 *   overlap, and a card and its passage light up together.
 * - On a narrow screen, tapping a highlight, or the small "+" button after it (Enter or Space),
 *   opens its card at the foot of the screen; Close, Escape or a second tap closes it and gives
 *   the focus back to the button, the page left where it was.
 * - "Link" (and a heading's "¶") copies the address of a quote, note or heading; "Copy" copies
 *   a citation, to which the date of access is added.
 *
 * Without this script everything is still there and in reading order: each card follows its
 * paragraph, and the citations are plain text. It works opened from disk (file://) too.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("la-js");
  var WIDE = window.matchMedia("(min-width: 60em)");
  var GAP = 12; // pixels between two cards in the margin

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  // The element of the page's body with this id, made (and set up) the first time it is asked for.
  function bodyElement(id, tag, className, attributes, setUp) {
    var element = byId(id);
    if (element) return element;
    element = document.createElement(tag);
    element.id = id;
    element.className = className;
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    document.body.appendChild(element);
    if (setUp) setUp(element);
    return element;
  }

  function announce(message) {
    var status = bodyElement("la-status", "p", "la-visually-hidden", { role: "status" });
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copy(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function flash(control, label) {
    var before = control.getAttribute("data-la-label") || control.textContent;
    control.setAttribute("data-la-label", before);
    control.textContent = label;
    window.setTimeout(function () { control.textContent = before; }, 1600);
  }

  /* --- cards in the margin (wide screens) ------------------------------------------------ */

  function cardsOf(text) {
    return Array.prototype.slice.call(text.querySelectorAll(".la-side[data-for]"));
  }

  function place(text) {
    var cards = cardsOf(text);
    if (!WIDE.matches) {
      text.classList.remove("la-placed");
      text.style.minHeight = "";
      cards.forEach(function (card) { card.style.top = ""; });
      return;
    }
    text.classList.add("la-placed");
    var origin = text.getBoundingClientRect().top;
    var bottom = 0;
    cards.forEach(function (card) {
      var mark = byId(card.getAttribute("data-for"));
      if (!mark) return;
      var top = Math.max(mark.getBoundingClientRect().top - origin, bottom);
      card.style.top = Math.round(top) + "px";
      bottom = top + card.offsetHeight + GAP;
    });
    text.style.minHeight = bottom ? Math.ceil(bottom) + "px" : "";
  }

  function pairUp(mark, card) {
    function on() { mark.classList.add("la-active"); card.classList.add("la-active"); }
    function off() { mark.classList.remove("la-active"); card.classList.remove("la-active"); }
    [mark, card].forEach(function (element) {
      element.addEventListener("mouseenter", on);
      element.addEventListener("mouseleave", off);
      element.addEventListener("focusin", on);
      element.addEventListener("focusout", off);
    });
  }

  /* --- cards opened from their highlight (narrow screens) ---------------------------------- */

  var open = null; // {opener, panel}: the button that opened the card

  function closeCard() {
    if (!open) return;
    var opener = open.opener;
    open.panel.hidden = true;
    open.panel.innerHTML = "";
    opener.setAttribute("aria-expanded", "false");
    open = null;
    opener.focus({ preventScroll: true });
  }

  function openCard(opener, card) {
    if (open && open.opener === opener) { closeCard(); return; }
    if (open) closeCard();
    var attributes = { role: "dialog", "aria-modal": "false", tabindex: "-1" };
    var panel = bodyElement("la-card", "div", "la-card md-typeset", attributes, function (made) {
      made.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { event.preventDefault(); closeCard(); }
      });
    });
    panel.innerHTML = "";
    panel.setAttribute("aria-label", card.getAttribute("aria-label") || "Note");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "la-card__close";
    close.textContent = "Close";
    close.addEventListener("click", closeCard);
    var body = document.createElement("div");
    body.className = "la-card__body";
    Array.prototype.forEach.call(card.childNodes, function (child) {
      body.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(body.querySelectorAll("[id]"), function (element) {
      element.removeAttribute("id"); // ids stay unique: the card keeps its own
    });
    panel.appendChild(close); // first: the focus lands on it, and Tab goes on into the card
    panel.appendChild(body);
    panel.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    open = { opener: opener, panel: panel };
    wireTools(panel);
    close.focus({ preventScroll: true });
  }

  /* A highlight holds links (the names in it), so it cannot be a button itself: a small button
     after it opens its card, and a tap anywhere on the highlight does the same. */
  function opener(mark, card, last) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "la-open la-open--" + (card.classList.contains("la-side--quote") ? "quote" : "note");
    button.textContent = "+";
    button.setAttribute("aria-label", card.getAttribute("aria-label") || "Note");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "la-card");
    button.addEventListener("click", function () { openCard(button, card); });
    last.parentNode.insertBefore(button, last.nextSibling);
    return button;
  }

  function setUpMarks(text) {
    cardsOf(text).forEach(function (card) {
      var mark = byId(card.getAttribute("data-for"));
      if (!mark) return;
      pairUp(mark, card);
      var pieces = text.querySelectorAll('mark[data-anchor="' + mark.id + '"]');
      var button = opener(mark, card, pieces[pieces.length - 1]);
      Array.prototype.forEach.call(pieces, function (piece) {
        piece.addEventListener("click", function (event) {
          if (WIDE.matches || event.target.closest("a")) return; // a name in the quote stays a link
          event.preventDefault();
          openCard(button, card);
        });
      });
    });
    function narrow() {
      // On a phone the buttons are the stops for Tab; the highlights, reached by links, are not.
      cardsOf(text).forEach(function (card) {
        var mark = byId(card.getAttribute("data-for"));
        if (mark) mark.tabIndex = WIDE.matches ? 0 : -1;
      });
      if (WIDE.matches) closeCard();
    }
    narrow();
    var replace = function () { narrow(); place(text); };
    if (WIDE.addEventListener) WIDE.addEventListener("change", replace);
    else WIDE.addListener(replace);
  }

  /* --- links and citations -------------------------------------------------------------- */

  function wireTools(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("a.la-permalink, a.headerlink"), function (link) {
      if (link.getAttribute("data-la-wired")) return;
      link.setAttribute("data-la-wired", "1");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", url);
        copy(url, function (ok) {
          var message = ok ? "Link copied" : "Link: " + url;
          if (link.classList.contains("la-permalink")) flash(link, ok ? "Copied" : "Link");
          announce(message);
        });
      });
    });
  }

  /* Each section heading gets a link to copy (the build writes none: the Markdown headings of
     every page stay plain text for search and tests). */
  function headingLinks() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      if (heading.querySelector(".headerlink")) return;
      var link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + heading.id;
      link.textContent = "¶";
      link.setAttribute("aria-label", "Copy the link to the section " + heading.textContent.trim());
      heading.appendChild(link);
    });
  }

  function today() {
    var now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The citation as the reader will paste it: the site's address where the build knew none,
     and the date of access. */
  function completed(pre) {
    var format = pre.getAttribute("data-format");
    var text = pre.textContent;
    var path = pre.getAttribute("data-la-path");
    if (path && /^https?:$/.test(window.location.protocol)) {
      var rootUrl = new URL(pre.getAttribute("data-la-root") || "./", window.location.href).href;
      text = text.split(path).join(rootUrl + path);
    }
    var t = today();
    if (format === "bibtex") {
      return text.replace(/\n\}\s*$/, ",\n  urldate = {" + t.y + "-" + pad(t.m) + "-" + pad(t.d) + "}\n}");
    }
    if (format === "csl-json") {
      try {
        var items = JSON.parse(text);
        items.forEach(function (item) { item.accessed = { "date-parts": [[t.y, t.m, t.d]] }; });
        return "[\n  " + items.map(function (item) { return JSON.stringify(item); }).join(",\n  ") + "\n]";
      } catch (error) {
        return text;
      }
    }
    return text + " Accessed " + t.d + " " + MONTHS[t.m - 1] + " " + t.y + ".";
  }

  function setUpCitations() {
    Array.prototype.forEach.call(document.querySelectorAll("pre.la-cite-text"), function (pre) {
      pre.textContent = completed(pre);
      pre.removeAttribute("data-la-path");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "la-copy";
      button.textContent = "Copy";
      var label = pre.getAttribute("aria-label");
      if (label) button.setAttribute("aria-label", "Copy " + label);
      button.addEventListener("click", function () {
        copy(pre.textContent, function (ok) {
          flash(button, ok ? "Copied" : "Select and copy");
          announce(ok ? "Citation copied" : "Select the citation to copy it");
        });
      });
      pre.parentNode.insertBefore(button, pre.nextSibling);
    });
  }

  /* A link to a citation (#cite-quote-...) opens its <details>. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = byId(id);
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function start() {
    var texts = document.querySelectorAll(".la-text");
    Array.prototype.forEach.call(texts, function (text) {
      setUpMarks(text);
      place(text);
      window.addEventListener("resize", function () { place(text); });
      window.addEventListener("load", function () { place(text); });
      if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { place(text); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) closeCard();
    });
    headingLinks();
    wireTools(document);
    setUpCitations();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
