"""Figure records are stored with the generation (rag.index.figures_store): ingest writes figures.jsonl before it
publishes, an opened index reads them back once, and a generation without the file reads as no records."""

from __future__ import annotations

from pathlib import Path

import testenv

from rag.index.build import Index, ingest
from rag.index.figures_store import FILE, figures_of, read

TEXT = "2021年成都市国民经济和社会发展统计公报\n全年实现地区生产总值19917.0亿元，比上年增长8.6%。\n"


def test_ingest_stores_the_records_with_the_generation(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "c.txt").write_text(TEXT, encoding="utf-8")
    settings = testenv.settings(corpus_dir=corpus, data_dir=tmp_path / "data", env={"RAG_EMBEDDER": "hash"})
    ingest(settings)
    index = Index(settings)
    figs = figures_of(index)
    assert {(f.indicator, f.measure, f.value, f.unit, f.year) for f in figs} == {
        ("地区生产总值", "level", 19917.0, "亿元", 2021), ("地区生产总值", "growth", 8.6, "%", 2021)}
    assert figures_of(index) is figs  # loaded once
    gen = settings.data_dir / index.generation
    assert (gen / FILE).exists()
    (gen / FILE).unlink()
    assert read(gen) == []
