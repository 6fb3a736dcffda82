"""The model reviews only rows the rules leave unknown; labels are validated and marked model-made.
Uses scripted fake chat models (langchain_core's FakeListChatModel)."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rag.ask import llm
from rag.domain import Row, Status
from rag.settings import Settings
from rag.status.review import review_unknown

S = Settings.from_env({}, openai_model="scripted", openai_base_url="http://127.0.0.1:9/v1", llm_retries=0)


def _st(label: str, n: int) -> Status:
    row = Row("x.txt", n, "钱塘区", "t", "2023", "progress_row", f"序号{n}｜目标任务：建设公园｜进展情况：已开园",
              task="建设公园", progress="已开园")
    return Status(row, label, "规则")  # type: ignore[arg-type]


def _reviewer(fake):
    return lambda text: llm.review_status(text, S, model=fake)


def test_scripted_model_reviews_only_unknown_rows_and_is_marked():
    fake = FakeListChatModel(responses=['{"status": "done", "reason": "进展写明已开园"}'])
    out, warns = review_unknown([_st("behind", 1), _st("unknown", 2)], _reviewer(fake))
    assert out[0].status == "behind" and not out[0].by_model
    assert out[1].status == "done" and out[1].by_model and out[1].reason.startswith("模型复核")
    assert not warns


def test_scripted_junk_reply_keeps_the_rule_label_with_a_warning():
    fake = FakeListChatModel(responses=["the the the banana"])
    out, warns = review_unknown([_st("unknown", 3)], _reviewer(fake))
    assert out[0].status == "unknown" and not out[0].by_model and warns
