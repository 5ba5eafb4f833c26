"""HTTP content negotiation: picking the media type a client prefers among those offered."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def _parse(accept: str) -> list[_Range]:
    ranges = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        ranges.append(_Range(kind, sub, q, order))
    return ranges


def choose(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the ``Accept`` header ranks highest, or None if it accepts none.

    A missing or empty header accepts anything: the first offered type (the server's default)
    wins. Ties go to the client's own order, then to the server's order.
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for position, media_type in enumerate(offered):
        matching = [(r.matches(media_type), r) for r in ranges if r.matches(media_type) >= 0]
        if not matching:
            continue
        specificity, rng = max(matching, key=lambda item: item[0])
        if rng.q <= 0:
            continue
        # Higher q first, then exact matches before wildcards, then client order, then ours.
        key = (rng.q, specificity, -rng.order, -position)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen
