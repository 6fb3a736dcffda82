"""The parts of a headline written in prose: a communiqué's "居民消费价格比上年上涨0.3%。其中，衣着类价格上涨3.6%，…
食品烟酒类价格下降0.4%" holds, in the sentence opening 其中 right after the headline's, the growth of each of its
classes. Movers lists those whose sign is asked when no table of the place holds them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rag.ingest.figures import Figure

MIN_PARTS = 2  # a 其中 sentence naming one part is a detail (其中城镇…), not the classes of the headline


def _opens_parts(f: Figure) -> bool:
    return f.text.lstrip("，, ").startswith("其中")


def prose_parts(figures: Sequence[Figure], place: str, named: Collection[str],
                years: Sequence[int]) -> tuple[Figure, list[Figure]] | None:
    """(headline, its parts) of the latest (or the asked) year's prose headline of a named indicator, or None."""
    heads = [f for f in figures if f.source != "table" and f.place == place and f.measure == "growth"
             and f.indicator in named and f.stance == "actual" and (not years or f.year in years)
             and not _opens_parts(f)]
    for head in sorted(heads, key=lambda f: (-(f.year or 0), f.doc, f.paragraph or 0)):
        same = [f for f in figures if f.doc == head.doc and f.row_id == head.row_id and f.measure == "growth"
                and f.source != "table"]
        at = next((i for i, f in enumerate(same) if f.text == head.text), None)
        if at is None:
            continue
        later = [f for f in same[at:] if f.text != head.text]
        nxt = later[0].text if later else ""
        parts = [f for f in later if f.text == nxt and _opens_parts(f) and f.indicator != head.indicator]
        if len({f.words for f in parts}) >= MIN_PARTS:
            return head, parts
    return None
