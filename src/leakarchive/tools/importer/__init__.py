"""`leakarchive import`: a saved web page (HTML) or copied page text -> an article draft.

The draft is an article file like any other (`leakarchive validate` reads it): the verbatim text
below the front matter, its checksum, and every field the page shows (title, date, publisher,
authors, language), each with a comment saying where it came from. What needs an editor's
judgement is left in comments: the actors of the archive that the text names, candidate quotes
with the speaker named nearby, and every line removed from the page as clutter.

Getting the article out of the page:

- HTML goes through trafilatura, a maintained main-text extractor, which drops navigation,
  bylines, figure captions, asides, comment threads and footers. It works on the saved file
  alone and makes no network request. Its whitespace and control-character cleaning would also
  delete the zero-width non-joiner (U+200C) that Persian spelling needs ("می‌دهد" would become
  "میدهد"), so that character and the zero-width joiner are swapped for placeholder letters
  before extraction and restored after it.
- Plain text (what a reader gets by selecting a page and copying it) gets a careful heuristic,
  the same one that cleans up trafilatura's output: the lines before the article (site header,
  breadcrumbs, headline, byline, date, captions) go; inside it, "Image..." captions, lone
  outlet-name lines, advertisement markers and "Read more: ..." links go; from a "Latest news",
  "Must read", "You might also like" or "Related" block on, everything goes.

Lines are only ever kept whole or removed whole (an "Image" marker glued to the front of a
paragraph is the one thing cut from a kept line): no word of the article is changed or moved.
Paragraphs are separated by one blank line, as in every archived article.

The modules, in the order a page goes through them: reading.py (bytes -> a SavedPage: text and
metadata), outlets.py (the archive's outlets, by name and by site), lines.py (what each line of
a page is), cleaning.py (which lines are the article), quotes.py (candidate quotes and their
speakers), language.py, article.py (the draft's fields and where each came from), comments.py
(the blocks of comments for the editor) and command.py (the command line). The file itself is
written by tools/draft.py, shared with `leakarchive new`.
"""
