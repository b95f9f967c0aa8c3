"""Live articles: a change in `knowledge/` is searchable within a minute, without a restart.

The watcher polls file sizes and modification times (cheap, works on every file system), waits one
more poll so a half-saved file is not built, then runs `python -m retrieval build` in a child
process: the encoder's memory is freed afterwards, and the build writes a complete new index beside
the old one and switches the `current` link only when it is done, so the action server (which
picks up a new build by itself) always has a whole index to serve. A broken article is skipped by
the build and reported here with its file and line.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.common.file_snapshot import snapshot

log = logging.getLogger("supervisor.content")


class ArticleWatcher:
    def __init__(
        self,
        kb: Path,
        index_dir: Path,
        env: Mapping[str, str] | None = None,
        poll_seconds: float = 3.0,
    ) -> None:
        self._kb = kb
        self._index_dir = index_dir
        self._env = {**os.environ, **(env or {})}
        self._poll = poll_seconds
        self._seen = snapshot(kb)
        self.builds = 0

    async def run(self) -> None:
        """Poll forever; cancel the task to stop."""
        while True:
            await asyncio.sleep(self._poll)
            await self.check_once()

    async def check_once(self) -> bool:
        """Rebuild if the articles changed and then stayed put for one poll; True if built."""
        current = snapshot(self._kb)
        if current == self._seen:
            return False
        await asyncio.sleep(self._poll)
        settled = snapshot(self._kb)
        if settled != current:
            return False  # still being written; the next poll looks again
        self._seen = settled
        return await self.rebuild()

    async def rebuild(self) -> bool:
        log.info("content.articles.changed kb=%s: rebuilding the search index", self._kb)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "retrieval",
            "build",
            "--kb",
            str(self._kb),
            "--index",
            str(self._index_dir),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._env,
        )
        out, err = await process.communicate()
        for line in err.decode(errors="replace").splitlines():
            if line.startswith("skipped "):
                log.warning("content.article.skipped %s", line.removeprefix("skipped "))
        if process.returncode != 0:
            tail = err.decode(errors="replace").strip().splitlines()[-5:]
            log.error(
                "content.articles.build_failed exit=%s; the previous index keeps serving:\n%s",
                process.returncode,
                "\n".join(tail),
            )
            return False
        self.builds += 1
        log.info("content.articles.live %s", out.decode(errors="replace").strip())
        return True
