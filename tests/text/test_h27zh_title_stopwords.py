"""Chinese title formulas are not topic words (H27ZH).

CSSCI co-citation clusters were labelled "#6 探究" with label terms "探究; 科技创新; 及其", and the
CNKI keyword map's label terms held 还是 and 及其: function words and title formulas of Chinese
article titles (……及其影响, ……还是……, 以……为例, 探究……) that ``word_stoplist("zh")`` lacked.
"""

import litkit
from litkit.text import text_terms, word_stoplist

FORMULAS = ["及其", "还是", "如何", "为例", "一种", "浅谈", "浅析", "试论", "初探", "探究", "展望", "面向"]


def test_title_formulas_are_chinese_stop_words():
    stop = word_stoplist("zh")
    assert [w for w in FORMULAS if w not in stop] == []


def test_title_terms_keep_the_topic_and_drop_the_formula():
    assert text_terms("生态产品价值实现机制研究——以浙江丽水为例") == ["生态产品价值实现", "机制", "浙江", "丽水"]
    terms = text_terms("财政补贴对企业创新的影响及其作用机制：探究与展望")
    assert "财政补贴" in terms and "机制" in terms
    assert not set(terms) & set(FORMULAS)


def test_cssci_cocitation_cluster_labels_are_topic_words(shared_corpora):
    files = sorted((shared_corpora / "cssci").glob("*.txt"))
    corpus = litkit.read([f for f in files if f.name != "PROVENANCE.txt"])
    net = litkit.cocitation(corpus, unit="reference")
    table = net.clusters
    words = set()
    for column in ("label", "label_llr", "label_tfidf", "label_mi"):
        for cell in table[column].dropna():
            words.update(w.strip() for w in str(cell).split(";"))
    assert not words & set(FORMULAS), sorted(words & set(FORMULAS))
    # the cluster of 柳卸林 2018 and 陈劲's book is named by its topic, not by a title formula (创新生态系统
    # since CSSCI's page-less papers are keyed by issue, H27CSSCI: the network and its clusters changed)
    member = table[table["top_members"].str.contains("柳卸林, 2018")]
    assert len(member) == 1 and member["label"].iloc[0] == "创新生态系统"


def test_a_keyword_beginning_with_a_preposition_does_not_glue_it_to_title_terms():
    """One CNKI record's keyword "基于用户体验" entered jieba's dictionary, and every title
    "基于用户体验的…" gave the term 基于用户体验 instead of 用户体验 (16 of the RefWorks titles)."""
    import pandas as pd

    from litkit.text import field_terms

    df = pd.DataFrame(
        {
            "DE": [["基于用户体验", "交互设计"], ["用户体验"]],
            "TI": ["基于用户体验的交互设计研究", "基于用户体验的汽车虚拟评审系统研究"],
        }
    )
    terms = field_terms(df, ("TI",))
    assert "用户体验" in terms[0] and "用户体验" in terms[1]
    assert not [t for ts in terms for t in ts if t.startswith("基于")]


def test_cnki_title_map_counts_user_experience_once_per_title(shared_corpora):
    corpus = litkit.read(shared_corpora / "cnki-refworks" / "CNKI.txt")
    net = litkit.cooccurrence(corpus, field="TI", min_occurrence=2, top_n=None)
    terms = dict(zip(net.keywords["keyword"], net.keywords["occurrences"]))
    assert "基于用户体验" not in terms
    assert terms["用户体验"] >= 41
