"""Generated pages as light Markdown plus HTML blocks, for a fast Markdown pass."""

from __future__ import annotations

import marshal
import re
import zlib

_BLOCK_PLACEHOLDER = re.compile(r'<div data-la-block="(\d+)"></div>')


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Split a generated page into light Markdown and the HTML blocks it holds.

    Generated pages are HTML blocks between a few Markdown headings. Python-Markdown would parse
    every tag of those blocks only to pass them through unchanged, which is most of the cost of
    a build; the plugin gives it the light Markdown, with each block replaced by a placeholder,
    and puts the blocks back into the HTML (`restore_html_blocks`). Same output, less work.
    """
    blocks: list[str] = []
    parts = markdown.split("\n\n")
    for index, part in enumerate(parts):
        if part.startswith("<") and index:  # index 0 holds the front matter
            parts[index] = f'<div data-la-block="{len(blocks)}"></div>'
            blocks.append(part.rstrip("\n"))
    return "\n\n".join(parts), blocks


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    """Put the HTML blocks that `stash_html_blocks` took out back in place."""
    return _BLOCK_PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)


def packed(blocks: list[str]) -> bytes:
    """HTML blocks in a compact form, to wait in memory until their page is converted: a large
    site's blocks, kept as strings, were most of a build's memory."""
    return zlib.compress(marshal.dumps(blocks), 1)


def unpacked(data: bytes) -> list[str]:
    """The blocks that `packed` packed."""
    blocks = marshal.loads(zlib.decompress(data))
    assert isinstance(blocks, list)
    return blocks
