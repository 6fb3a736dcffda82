"""Where an indicator's name ends in a question: before a measure or a time word (社零增速, GDP去年), a place (城镇新增就业
陕西省…), a verb asking its figure (固投干了多少) or an adverb (居民收入又是多少); never inside a longer word."""

from __future__ import annotations

import re
from functools import lru_cache

_ENDS_NAME = re.compile(r"^(?:$|[\s\d，,。；;：:、？?！!（(）)]|多少|是|有|的|怎|如何|排|去年|今年|上年|前年|情况|呢|和|与|及|比|占|在|达|"
                        r"现在|目前|这|那|咋|啥|吗|多|几|到|全年|上半年|下半年|前三季度|[一二三四]季度|"
                        r"增|降|涨|同比|完成|实现|目标|预期|计划|总量|规模|总额|为|年|各|分别|能|到|了|快|慢|高|低|第|位|"
                        r"一共|总共|合计|累计|大概|大约|超|破|突破|跨|全[国省市区州县]|实际|名义|预计|力争|确保|具体|哪|里头|里面|当中|总?盘子|体量|(?:里|中)(?=[，,、？?\s]|哪|有|的|是))")  # CPI里哪几类 (not 中位数, 里程)
# "城镇新增就业陕西省2025年…": a place after the name ends it (a place's name has no 值, 额, 量… of a measure)
_PLACE_NEXT = re.compile(r"(?:(?![值额量率数入出资产品业费])[\u4e00-\u9fff]){2,8}?(?:省|自治区|市|州|地区|盟|县|区)(?:20\d\d|去年|今年|前年|的|是|有|\d|$)")
_SET = re.compile(r"^(?:定|订|设定|确定|制定|提出)[的了]")  # "社零定的目标", "固投定了多少": the target set for it
_VERB_ASK = re.compile(r"^[\u4e00-\u9fff]{1,2}?[了到出成]?(?:多少|几)")  # "固投干了多少", "社零弄到多少"


def name_ends(rest: str) -> bool:
    if _ENDS_NAME.match(rest) or _PLACE_NEXT.match(rest):
        return True
    if rest[:1] == "额" and rest[1:2] != "度" and name_ends(rest[1:]):
        return True  # "固定资产投资额与…": the amount of the thing named (not 额度)
    if _SET.match(rest):
        return True
    tag = _first_tag(rest[:6])  # cut once per name found, and once per distinct head (a hot path: every name match)
    return tag == "d" or tag == "v" and bool(_VERB_ASK.match(rest))


@lru_cache(maxsize=4096)
def _first_tag(head: str) -> str:
    """jieba's tag of the first word after a name: a verb asking its figure (干了多少, 做到多少) or an adverb (又是多少,
    还有多少) says the name has ended."""
    import jieba.posseg

    first = next(iter(jieba.posseg.cut(head)), None)
    return first.flag if first is not None else ""
