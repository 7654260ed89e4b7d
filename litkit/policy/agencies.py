"""Issuing agencies: names in Chinese and English, issuers from titles and signatures,
and the co-issuing network.

Chinese titles name their issuers before 关于 (``中共中央 国务院关于…``,
``国务院办公厅关于…``) or before 印发/转发/批转 (``中共中央办公厅 国务院办公厅印发《…》``).
The signature block (落款) at the end of a document repeats them above the date.
:data:`AGENCIES` gives each central agency an English name (the one its own
English website uses) so that figures can be labelled in either language.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

# Chinese name -> English name.  Keys are the names used in titles and signatures.
AGENCIES: dict[str, str] = {
    "中共中央": "CPC Central Committee",
    "中共中央办公厅": "General Office of the CPC Central Committee",
    "中国共产党全国代表大会": "CPC National Congress",
    "全国人民代表大会": "National People's Congress",
    "全国人民代表大会常务委员会": "Standing Committee of the National People's Congress",
    "国务院": "State Council",
    "国务院办公厅": "General Office of the State Council",
    "中央军事委员会": "Central Military Commission",
    "国家发展和改革委员会": "National Development and Reform Commission",
    "财政部": "Ministry of Finance",
    "自然资源部": "Ministry of Natural Resources",
    "生态环境部": "Ministry of Ecology and Environment",
    "环境保护部": "Ministry of Environmental Protection",
    "水利部": "Ministry of Water Resources",
    "农业农村部": "Ministry of Agriculture and Rural Affairs",
    "国家林业和草原局": "National Forestry and Grassland Administration",
    "国家林业局": "State Forestry Administration",
    "中国人民银行": "People's Bank of China",
    "国家市场监督管理总局": "State Administration for Market Regulation",
    "国家能源局": "National Energy Administration",
    "工业和信息化部": "Ministry of Industry and Information Technology",
    "住房和城乡建设部": "Ministry of Housing and Urban-Rural Development",
    "交通运输部": "Ministry of Transport",
    "科学技术部": "Ministry of Science and Technology",
    "国家统计局": "National Bureau of Statistics",
    "中国银行保险监督管理委员会": "China Banking and Insurance Regulatory Commission",
    "中国证券监督管理委员会": "China Securities Regulatory Commission",
    "国家乡村振兴局": "National Rural Revitalization Administration",
    "国务院国有资产监督管理委员会": "State-owned Assets Supervision and Administration Commission",
    "公安部": "Ministry of Public Security",
    "司法部": "Ministry of Justice",
    "商务部": "Ministry of Commerce",
    "审计署": "National Audit Office",
    "教育部": "Ministry of Education",
    "民政部": "Ministry of Civil Affairs",
    "应急管理部": "Ministry of Emergency Management",
    "文化和旅游部": "Ministry of Culture and Tourism",
    "国家卫生健康委员会": "National Health Commission",
    "海关总署": "General Administration of Customs",
    "国家税务总局": "State Taxation Administration",
    "中国气象局": "China Meteorological Administration",
    "国家国防科技工业局": "State Administration of Science, Technology and Industry for National Defence",
    "国家铁路局": "National Railway Administration",
    "中国民用航空局": "Civil Aviation Administration of China",
    "国家邮政局": "State Post Bureau",
    "国家外汇管理局": "State Administration of Foreign Exchange",
    "国家标准化管理委员会": "Standardization Administration of China",
    "国家认证认可监督管理委员会": "Certification and Accreditation Administration",
    "国家机关事务管理局": "National Government Offices Administration",
    "国家核安全局": "National Nuclear Safety Administration",
    "国家知识产权局": "China National Intellectual Property Administration",
    "最高人民法院": "Supreme People's Court",
    "最高人民检察院": "Supreme People's Procuratorate",
    "中华全国总工会": "All-China Federation of Trade Unions",
    "共青团中央": "Central Committee of the Communist Youth League",
    "全国妇联": "All-China Women's Federation",
    "国家开发银行": "China Development Bank",
}
ENGLISH_TO_CHINESE = {en.lower(): zh for zh, en in AGENCIES.items()}

# Short names used in titles (转发发展改革委…) -> full names.
ALIASES: dict[str, str] = {
    "发展改革委": "国家发展和改革委员会",
    "国家发展改革委": "国家发展和改革委员会",
    "发改委": "国家发展和改革委员会",
    "中办": "中共中央办公厅",
    "国办": "国务院办公厅",
    "人民银行": "中国人民银行",
    "央行": "中国人民银行",
    "林草局": "国家林业和草原局",
    "国家林草局": "国家林业和草原局",
    "市场监管总局": "国家市场监督管理总局",
    "全国人大": "全国人民代表大会",
    "全国人大常委会": "全国人民代表大会常务委员会",
    "中央军委": "中央军事委员会",
    "工业和信息化部": "工业和信息化部",
    "工信部": "工业和信息化部",
    "住房城乡建设部": "住房和城乡建设部",
    "科技部": "科学技术部",
    "银保监会": "中国银行保险监督管理委员会",
    "证监会": "中国证券监督管理委员会",
    "国资委": "国务院国有资产监督管理委员会",
    "能源局": "国家能源局",
    "卫生健康委": "国家卫生健康委员会",
    "国家卫生健康委": "国家卫生健康委员会",
    "税务总局": "国家税务总局",
    "气象局": "中国气象局",
    "统计局": "国家统计局",
    "国防科工局": "国家国防科技工业局",
    "民航局": "中国民用航空局",
    "国家铁路局": "国家铁路局",
    "邮政局": "国家邮政局",
    "标准委": "国家标准化管理委员会",
    "认监委": "国家认证认可监督管理委员会",
    "林业和草原局": "国家林业和草原局",
    "中国银保监会": "中国银行保险监督管理委员会",
    "中国证监会": "中国证券监督管理委员会",
    "国管局": "国家机关事务管理局",
    "知识产权局": "国家知识产权局",
    "国家乡村振兴局": "国家乡村振兴局",
}

# Issuer codes (发文机关代字) of the central documents this project meets -> issuers.
ISSUER_CODES: dict[str, tuple[str, ...]] = {
    "国发": ("国务院",),
    "国函": ("国务院",),
    "国发明电": ("国务院",),
    "国务院令": ("国务院",),
    "国办发": ("国务院办公厅",),
    "国办函": ("国务院办公厅",),
    "国办发明电": ("国务院办公厅",),
    "中发": ("中共中央", "国务院"),
    "中办发": ("中共中央办公厅", "国务院办公厅"),
    "厅字": ("中共中央办公厅", "国务院办公厅"),
    "环发": ("环境保护部",),
    "环办": ("生态环境部",),
    "环综合": ("生态环境部",),
    "环气候": ("生态环境部",),
    "发改环资": ("国家发展和改革委员会",),
    "发改西部": ("国家发展和改革委员会",),
    "发改振兴": ("国家发展和改革委员会",),
    "财建": ("财政部",),
    "财资环": ("财政部",),
}

# A name ends like an agency: the signature block is made of such lines.
_AGENCY_TAIL = re.compile(r"(中共中央|国务院|办公厅|委员会|部|局|署|院|银行|总局|中心|人民政府|常务委员会|大会|委|办)$")
_SEPARATORS = re.compile(r"[\s\u3000、，,;；/]+")
_VERBS = ("关于", "印发", "转发", "批转", "发布", "公布")


def normalise_agency(name: str) -> str:
    """Full Chinese name for a Chinese short name or an English name; else the name itself.

    >>> normalise_agency("发展改革委"), normalise_agency("State Council")
    ('国家发展和改革委员会', '国务院')
    """
    name = (name or "").strip()
    if name in AGENCIES:
        return name
    if name in ALIASES:
        return ALIASES[name]
    return ENGLISH_TO_CHINESE.get(name.lower(), name)


def english_name(name: str) -> str:
    """English name of an agency (the Chinese name when none is known)."""
    zh = normalise_agency(name)
    return AGENCIES.get(zh, zh)


def split_issuers(value) -> list[str]:
    """Split an issuer field into agency names (Chinese, full form).

    Separators: ``;``, ``；``, ``、``, ``/``, ``|``, full-width space, or ``" and "``/``&`` in English.

    >>> split_issuers("中共中央办公厅; 国务院办公厅")
    ['中共中央办公厅', '国务院办公厅']
    >>> split_issuers("General Office of the CPC Central Committee; General Office of the State Council")
    ['中共中央办公厅', '国务院办公厅']
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        text = str(value).strip()
        if not text or text.lower() == "nan":
            return []
        if re.search(r"[\u4e00-\u9fff]", text):
            parts = _SEPARATORS.split(text)
        else:
            parts = re.split(r"\s*[;|&]\s*|\s+and\s+(?=(?:the\s+)?[A-Z])", text)
    out = []
    for part in parts:
        name = normalise_agency(part)
        if name and name not in out:
            out.append(name)
    return out


def issuers_from_title(title: str) -> list[str]:
    """Issuers named at the start of a Chinese title; [] when the title names none.

    Examples
    --------
    >>> issuers_from_title("国务院关于印发2030年前碳达峰行动方案的通知")
    ['国务院']
    >>> issuers_from_title("中共中央 国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见")
    ['中共中央', '国务院']
    >>> issuers_from_title("中共中央办公厅 国务院办公厅印发《关于深化生态保护补偿制度改革的意见》")
    ['中共中央办公厅', '国务院办公厅']
    >>> issuers_from_title("国务院办公厅转发发展改革委等部门关于加快推行合同能源管理的通知")
    ['国务院办公厅']
    >>> issuers_from_title("关于建立健全生态产品价值实现机制的意见")
    []
    """
    title = (title or "").strip()
    cut = min((title.find(v) for v in _VERBS if title.find(v) > 0), default=-1)
    if cut <= 0:
        return []
    head = title[:cut]
    names = [normalise_agency(p) for p in _SEPARATORS.split(head) if p]
    # "国务院、中央军委关于…" and "中共中央 国务院关于…" list several issuers; anything that is not
    # an agency name (a place, a person) means the prefix is not an issuer list.
    if not names or not all(_AGENCY_TAIL.search(n) or n in AGENCIES for n in names):
        return []
    return list(dict.fromkeys(names))


def issuers_from_signature(text: str, tail_lines: int = 8) -> list[str]:
    """Issuers in the signature block: agency-name lines just above the final date.

    >>> issuers_from_signature("……抓好落实。\\n\\n国务院\\n2021年10月24日")
    ['国务院']
    >>> issuers_from_signature("正文\\n中共中央办公厅　国务院办公厅\\n2021年9月12日\\n")
    ['中共中央办公厅', '国务院办公厅']
    """
    from .dates import find_dates

    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    lines = lines[-tail_lines:]
    # Drop the trailing date line(s) and parenthesised notes such as （此件公开发布）.
    while lines and (find_dates(lines[-1]) or re.fullmatch(r"[（(].*[)）]", lines[-1])):
        lines.pop()
    issuers: list[str] = []
    for line in reversed(lines):
        parts = [p for p in _SEPARATORS.split(line) if p]
        if not parts or len(line) > 60 or not all(_AGENCY_TAIL.search(p) for p in parts):
            break
        issuers = [normalise_agency(p) for p in parts] + issuers
    return list(dict.fromkeys(issuers))


def issuers_from_history(lines: list[str]) -> list[str]:
    """The body that adopted a law or regulation, from its legislative history
    (:func:`litkit.policy.dates.legislative_history`): the NPC Standing Committee, the NPC, or the
    State Council (常务会议通过, 国务院令…公布).

    >>> issuers_from_history(["2009年12月26日 第十一届全国人民代表大会常务委员会第十二次会议《关于修改…的决定》修正"])
    ['全国人民代表大会常务委员会']
    >>> issuers_from_history(["2021年1月24日 中华人民共和国国务院令第736号公布"])
    ['国务院']
    """
    joined = "".join(lines)
    if "全国人民代表大会常务委员会" in joined:
        return ["全国人民代表大会常务委员会"]
    if "全国人民代表大会" in joined:
        return ["全国人民代表大会"]
    if "国务院" in joined:
        return ["国务院"]
    return []


def issuers_from_header(text: str, within: int = 300) -> list[str]:
    """Issuers in a document head (版头) such as ``生态环境部国家发展和改革委员会…文件``.

    Joint documents print their issuers' names one after another, often with
    nothing between them once the layout is flattened to text.  The part
    before 文件 is segmented by longest match against the known agency names
    (:data:`AGENCIES` and :data:`ALIASES`); if any part of it is not a known
    name, nothing is returned rather than a guess.

    >>> issuers_from_header("生态环境部国家发展和改革委员会财政部文件环综合〔2021〕1号关于…")
    ['生态环境部', '国家发展和改革委员会', '财政部']
    >>> issuers_from_header("某某研究会文件 关于…")
    []
    """
    head = (text or "")[:within]
    end = head.find("文件")
    if end <= 0:
        return []
    segment = re.sub(r"[\s\u3000、，,]+", "", head[:end])
    names = sorted(set(AGENCIES) | set(ALIASES), key=len, reverse=True)
    found, pos = [], 0
    while pos < len(segment):
        for name in names:
            if segment.startswith(name, pos):
                found.append(normalise_agency(name))
                pos += len(name)
                break
        else:
            return []
    return list(dict.fromkeys(found))


def issuers_from_code(code: str | None) -> list[str]:
    """Issuers implied by a 文号 issuer code (国办发 → 国务院办公厅); [] when unknown."""
    return list(ISSUER_CODES.get(code or "", ()))


def coissuing_edges(df: pd.DataFrame, issuers: str = "issuers") -> pd.DataFrame:
    """Agency pairs that issued documents together.

    Parameters
    ----------
    df : DataFrame
        One row per document with a list column ``issuers`` (a PolicyCorpus's ``df``).

    Returns
    -------
    DataFrame
        ``source, target, documents, doc_ids`` — one row per unordered pair
        (names sorted so the table is deterministic), ``documents`` the number of
        joint documents, ``doc_ids`` a ``;``-joined list.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "issuers": [["中共中央", "国务院"], ["国务院"]]})
    >>> coissuing_edges(d)[["source", "target", "documents"]].values.tolist()
    [['中共中央', '国务院', 1]]
    """
    pairs: dict[tuple[str, str], list[str]] = {}
    for row in df.itertuples(index=False):
        names = sorted(set(getattr(row, issuers) or []))
        for a, b in itertools.combinations(names, 2):
            pairs.setdefault((a, b), []).append(str(getattr(row, "doc_id", "")))
    rows = [
        {"source": a, "target": b, "documents": len(ids), "doc_ids": ";".join(sorted(ids))}
        for (a, b), ids in pairs.items()
    ]
    out = pd.DataFrame(rows, columns=["source", "target", "documents", "doc_ids"])
    return out.sort_values(
        ["documents", "source", "target"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def coissuing_network(df: pd.DataFrame, issuers: str = "issuers"):
    """Co-issuing network and its edge table.

    Returns
    -------
    (networkx.Graph, DataFrame)
        Nodes are agencies (attributes ``documents``: documents issued, alone or
        jointly; ``joint``: of those, issued with others; ``label_en``); edges
        carry ``weight`` = joint documents.  The DataFrame is :func:`coissuing_edges`.
    """
    import networkx as nx

    edges = coissuing_edges(df, issuers)
    graph = nx.Graph()
    counts: dict[str, list[int]] = {}
    for names in df[issuers]:
        names = sorted(set(names or []))
        for name in names:
            c = counts.setdefault(name, [0, 0])
            c[0] += 1
            c[1] += len(names) > 1
    for name in sorted(counts):
        graph.add_node(name, documents=counts[name][0], joint=counts[name][1], label_en=english_name(name))
    for row in edges.itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=int(row.documents))
    return graph, edges
