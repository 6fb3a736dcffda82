"""Owns the model-written 总体评价 of a 督查通报 (rag.summary.bulletin), verified like every answer.

The model sees only the bulletin's own computed facts (rule, overview sentences, behind counts per unit)
through the prompt files prompts/bulletin.*.txt, in the chain shape of rag.ask.llm (ChatPromptTemplate |
chat model | StrOutputParser). Its paragraph is kept only when every number in it is one of those facts
(counts, shares, the 序时进度 rule: the bulletin's own figures, not a figure quoted from some row); otherwise, or when the call fails, it is dropped with a warning and the paragraph
assembled from the counts stays."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.ask import llm, prompts
from rag.settings import Settings
from rag.status.quantities import numbers_in, same_number

if TYPE_CHECKING:
    from rag.summary.bulletin import Bulletin

__all__ = ["facts", "model_evaluation", "unsupported_numbers"]

MAX_EVALUATION = 300  # characters: a longer reply is not the one paragraph asked for
PREFIX = "总体评价："


def facts(b: Bulletin) -> str:
    """What the model may use: the bulletin's own sentences and per-unit counts."""
    units = [f"{u}：未达到或部分未达到序时进度{len(v)}项" for u, v in b.by_unit()]
    return "\n".join([b.rule, *b.overview(), *units])


def unsupported_numbers(text: str, source: str) -> list[str]:
    """Numbers in `text` that are not numbers of `source` (the bulletin's facts given to the model)."""
    have = numbers_in(source)
    return [q.raw for q in numbers_in(text) if not any(same_number(q, h) for h in have)]


def _ask(b: Bulletin, settings: Settings, model: Any) -> str:
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate

    system, user = prompts.load("bulletin.system"), prompts.load("bulletin.user")
    values = {"facts": "\n".join(llm.sanitize(line) for line in facts(b).splitlines())}
    user.check(values)
    template = ChatPromptTemplate.from_messages([("system", system.template), ("human", user.template)])
    runnable = template | (model or llm.chat_model(settings)) | StrOutputParser()
    return str(runnable.invoke(values))


def model_evaluation(b: Bulletin, settings: Settings, *, model: Any = None) -> tuple[str, list[str]]:
    """(the model's 总体评价, warnings); "" when it failed or used a number the bulletin does not have.
    `model` replaces ChatOpenAI (tests pass a scripted fake)."""
    try:
        reply = _ask(b, settings, model)
    except Exception as e:  # any model failure: the paragraph assembled from the counts stays
        return "", [f"模型撰写总体评价失败（{type(e).__name__}: {str(e)[:80]}），已改用按统计数字生成的段落"]
    text = next((p.strip() for p in reply.split("\n") if p.strip()), "").strip("*# ")
    if not text or len(text) > MAX_EVALUATION:
        return "", [f"模型撰写的总体评价为空或过长（{len(text)}字），已改用按统计数字生成的段落"]
    text = text if text.startswith(PREFIX) else PREFIX + text.removeprefix("总体评价").lstrip("：: ")
    bad = unsupported_numbers(text, facts(b))
    if bad:
        return "", [f"模型撰写的总体评价含有通报中没有的数字（{'、'.join(bad[:5])}），已删去并改用按统计数字生成的段落"]
    return text, []
