"""The archive's outlets, found by the name a page prints or by the host of its address."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from ...model import Actor, url_problem
from ...text import fold


def name_key(text: str) -> str:
    """How names and markers are compared: typography folded, case ignored, a leading 'the' dropped."""
    key = fold(text).casefold().strip(" :|-")
    return key[4:] if key.startswith("the ") else key


class Outlets:
    """The archive's outlets, found by name or alias, and by the host of an address in `links`."""

    def __init__(self, actors: Iterable[Actor]):
        self.names: dict[str, str] = {}
        hosts: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}
        for actor in actors:
            self.display[actor.id] = actor.name
            if actor.kind != "outlet":
                continue
            for name in (actor.name, *actor.aliases):
                self.names.setdefault(name_key(name), actor.id)
            for link in actor.links:
                hosts.setdefault(site_host(link), set()).add(actor.id)
        # A host shared by two outlets (an encyclopaedia both link to) says nothing.
        self.hosts = {host: ids.pop() for host, ids in hosts.items() if len(ids) == 1 and host}

    def by_name(self, text: str | None) -> str | None:
        """The outlet's id if `text` is its name or an alias ("New York Times" finds "The ...")."""
        return self.names.get(name_key(text)) if text else None

    def by_url(self, url: str | None) -> str | None:
        """The outlet whose site serves `url`, or None."""
        host = site_host(url) if url else ""
        while host:
            if host in self.hosts:
                return self.hosts[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


def site_host(url: str) -> str:
    """The host of `url`, lower case, without a leading "www."; "" for an address that breaks
    the URL rule (`model.url_problem`), which the archive never holds but a saved page may."""
    if url_problem(url):
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
