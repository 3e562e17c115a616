"""Is a user agent a bot? Asked of the maintained crawler-user-agents list.

The ``crawler-user-agents`` package (MIT, github.com/monperrus/crawler-user-agents)
keeps ~1,500 patterns of crawlers, scrapers, monitors and HTTP libraries up
to date. A log repeats the same few user agents, so answers are cached.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=16384)
def is_bot(user_agent: str) -> bool:
    """Whether the user agent is a crawler; an empty one (``-``) counts as one."""
    agent = user_agent.strip()
    if not agent or agent == "-":
        return True
    import crawleruseragents  # noqa: PLC0415 - only when a log is read

    return crawleruseragents.is_crawler(agent)
