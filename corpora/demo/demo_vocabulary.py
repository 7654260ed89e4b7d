"""Word lists for the demo corpus: themes, keyword variants, journals, names, classic references.

Everything the generator plants is declared here, so a reader can see the
planted structure without reading the sampling code.  Keywords are given in
their *normalised* form (NFKC, case-folded, single spaces), which is also the
form used in ``truth.json``; each has the raw spellings that appear in the
exported files, with relative weights.  A raw spelling whose normalised form
differs from the canonical keyword is a thesaurus entry (``variant ->
canonical``) that the cleaning step must apply.

All records are synthetic.  Names, titles, DOIs (prefix 10.5555, the DOI test
prefix), WoS accession numbers and Scopus EIDs of the demo records are made
up.  Only the classic cited references (Costanza 1997, Daily 1997, ...) are
real publications, cited with their real metadata.
"""
from __future__ import annotations

# ----------------------------------------------------------------------------------------------
# English keyword themes (WoS DE, Scopus "Author Keywords")
# ----------------------------------------------------------------------------------------------
# theme id -> (label, [(canonical keyword, [(raw spelling, weight), ...]), ...]); the first keywords
# of a theme are the most frequent (Zipf-like weights by rank).
THEMES_EN: dict[str, tuple[str, list[tuple[str, list[tuple[str, float]]]]]] = {
    "vr": ("value realization of ecological products", [
        ("ecological products", [("ecological products", 6), ("Ecological products", 3), ("ecological product", 1)]),
        ("value realization", [("value realization", 6), ("Value realization", 3), ("value realisation", 1)]),
        ("ecological civilization", [("ecological civilization", 6), ("Ecological civilization", 3),
                                     ("ecological civilisation", 1)]),
        ("green development", [("green development", 7), ("Green development", 3)]),
        ("two mountains theory", [("two mountains theory", 5), ("Two Mountains Theory", 3),
                                  ("two mountains concept", 2)]),
        ("ecological industrialization", [("ecological industrialization", 7), ("Ecological industrialization", 3)]),
        ("market mechanism", [("market mechanism", 6), ("market mechanisms", 2), ("Market mechanism", 2)]),
        ("property rights", [("property rights", 7), ("property right", 3)]),
        ("ecotourism", [("ecotourism", 6), ("Ecotourism", 2), ("eco-tourism", 2)]),
    ]),
    "carbon": ("carbon sinks and carbon trading", [
        ("carbon sink", [("carbon sink", 6), ("Carbon sink", 3), ("carbon sinks", 1)]),
        ("forest carbon sink", [("forest carbon sink", 6), ("Forest carbon sink", 2), ("forest carbon sinks", 2)]),
        ("carbon trading", [("carbon trading", 5), ("Carbon trading", 2), ("carbon emission trading", 2),
                            ("emissions trading", 1)]),
        ("carbon sequestration", [("carbon sequestration", 7), ("Carbon sequestration", 3)]),
        ("blue carbon", [("blue carbon", 6), ("Blue carbon", 2), ("ocean carbon sink", 2)]),
        ("carbon market", [("carbon market", 6), ("Carbon market", 2), ("carbon markets", 2)]),
        ("carbon peak", [("carbon peak", 6), ("carbon peaking", 2), ("Carbon peak", 2)]),
        ("carbon offset", [("carbon offset", 6), ("carbon offsets", 4)]),
        ("redd+", [("REDD+", 8), ("REDD plus", 2)]),
        # Planted keyword burst: only case variants, so the burst is found with or without the thesaurus.
        ("carbon neutrality", [("carbon neutrality", 6), ("Carbon neutrality", 3), ("Carbon Neutrality", 1)]),
    ]),
    "pes": ("ecological compensation and payments for ecosystem services", [
        ("ecological compensation", [("ecological compensation", 5), ("Ecological compensation", 2),
                                     ("eco-compensation", 2), ("Eco-compensation", 1)]),
        ("payment for ecosystem services", [("payment for ecosystem services", 4), ("Payment for ecosystem services", 2),
                                            ("payments for ecosystem services", 2), ("PES", 1),
                                            ("payment for environmental services", 1)]),
        ("watershed ecological compensation", [("watershed ecological compensation", 7),
                                               ("basin ecological compensation", 3)]),
        ("compensation standard", [("compensation standard", 6), ("compensation standards", 4)]),
        ("willingness to pay", [("willingness to pay", 5), ("Willingness to pay", 2), ("willingness-to-pay", 2),
                                ("WTP", 1)]),
        ("transaction costs", [("transaction costs", 7), ("transaction cost", 3)]),
        ("conditionality", [("conditionality", 8), ("Conditionality", 2)]),
        ("horizontal compensation", [("horizontal compensation", 8), ("Horizontal compensation", 2)]),
        ("contingent valuation", [("contingent valuation", 6), ("contingent valuation method", 2), ("CVM", 2)]),
    ]),
    "esv": ("ecosystem service valuation and GEP accounting", [
        ("ecosystem services", [("ecosystem services", 5), ("Ecosystem services", 3), ("ecosystem service", 1),
                                ("Ecosystem Services", 1)]),
        ("ecosystem service value", [("ecosystem service value", 6), ("ecosystem services value", 2), ("ESV", 2)]),
        ("natural capital", [("natural capital", 7), ("Natural capital", 3)]),
        ("land use change", [("land use change", 5), ("land-use change", 3), ("Land use change", 2)]),
        ("invest model", [("InVEST model", 6), ("InVEST", 4)]),
        ("ecological accounting", [("ecological accounting", 7), ("Ecological accounting", 3)]),
        ("valuation", [("valuation", 7), ("Valuation", 3)]),
        ("benefit transfer", [("benefit transfer", 8), ("Benefit transfer", 2)]),
        # Planted keyword burst: only case variants.
        ("gross ecosystem product", [("gross ecosystem product", 6), ("Gross ecosystem product", 3),
                                     ("Gross Ecosystem Product", 1)]),
    ]),
    "liv": ("rural livelihoods and poverty alleviation", [
        ("rural livelihoods", [("rural livelihoods", 6), ("rural livelihood", 2), ("Rural livelihoods", 2)]),
        ("livelihood capital", [("livelihood capital", 8), ("Livelihood capital", 2)]),
        ("rural revitalization", [("rural revitalization", 6), ("Rural revitalization", 2),
                                  ("rural revitalisation", 2)]),
        ("smallholders", [("smallholders", 6), ("smallholder farmers", 4)]),
        ("household income", [("household income", 7), ("Household income", 3)]),
        ("community participation", [("community participation", 8), ("Community participation", 2)]),
        ("common prosperity", [("common prosperity", 7), ("Common prosperity", 3)]),
        # Planted keyword burst: only case variants.
        ("poverty alleviation", [("poverty alleviation", 6), ("Poverty alleviation", 3), ("Poverty Alleviation", 1)]),
    ]),
}

# Keywords that belong to no theme (they co-occur with all of them); not part of the clusters.
GENERIC_EN = [("china", [("China", 9), ("china", 1)]),
              ("sustainable development", [("sustainable development", 7), ("Sustainable development", 3)]),
              ("policy", [("policy", 6), ("Policy", 4)])]
# Stop-word-like keywords the stop list must remove.
STOPWORDS_EN = [("research", [("research", 7), ("Research", 3)]),
                ("analysis", [("analysis", 7), ("Analysis", 3)]),
                ("study", [("study", 10)]),
                ("review", [("review", 6), ("Review", 4)])]

# Keywords Plus (WoS ID) vocabulary per theme, upper case as WoS writes it.
KEYWORDS_PLUS = {
    "vr": ["ECOSYSTEM SERVICES", "GREEN DEVELOPMENT", "GOVERNANCE", "MARKET", "CHINA", "VALUATION", "TOURISM",
           "PROPERTY-RIGHTS", "INSTITUTIONS", "URBANIZATION"],
    "carbon": ["CARBON STORAGE", "FOREST", "EMISSIONS", "CLIMATE-CHANGE", "SEQUESTRATION", "BIOMASS", "CHINA",
               "MARKET", "PRICE", "MANGROVE"],
    "pes": ["PAYMENTS", "CONSERVATION", "ENVIRONMENTAL SERVICES", "PROGRAMS", "WATER", "INCENTIVES", "COSTA-RICA",
            "DESIGN", "EFFICIENCY", "CHINA"],
    "esv": ["ECOSYSTEM SERVICES", "LAND-USE CHANGE", "VALUATION", "BIODIVERSITY", "TRADE-OFFS", "IMPACTS", "CHINA",
            "DYNAMICS", "SCENARIOS", "FRAMEWORK"],
    "liv": ["POVERTY", "LIVELIHOODS", "PAYMENTS", "HOUSEHOLDS", "PARTICIPATION", "CHINA", "IMPACTS", "INCOME",
            "FORESTS", "LAND"],
}

# ----------------------------------------------------------------------------------------------
# Chinese keyword themes (CNKI K1 / %K)
# ----------------------------------------------------------------------------------------------
THEMES_ZH: dict[str, tuple[str, list[tuple[str, list[tuple[str, float]]]]]] = {
    "zh_vr": ("生态产品价值实现", [
        ("生态产品价值实现", [("生态产品价值实现", 8), ("生态产品价值转化", 2)]),
        ("生态产品", [("生态产品", 10)]),
        ("两山理论", [("两山理论", 5), ("“两山”理论", 3), ("绿水青山就是金山银山", 2)]),
        ("生态文明", [("生态文明", 7), ("生态文明建设", 3)]),
        ("生态产业化", [("生态产业化", 10)]),
        ("绿色发展", [("绿色发展", 10)]),
        ("市场化机制", [("市场化机制", 7), ("市场化", 3)]),
        ("生态旅游", [("生态旅游", 10)]),
        ("自然资源产权", [("自然资源产权", 7), ("产权制度", 3)]),
    ]),
    "zh_carbon": ("碳汇与碳交易", [
        ("碳汇", [("碳汇", 10)]),
        ("森林碳汇", [("森林碳汇", 7), ("林业碳汇", 3)]),
        ("碳交易", [("碳交易", 6), ("碳排放权交易", 4)]),
        ("海洋碳汇", [("海洋碳汇", 7), ("蓝碳", 3)]),
        ("碳市场", [("碳市场", 10)]),
        ("碳达峰", [("碳达峰", 10)]),
        ("碳储量", [("碳储量", 10)]),
        ("ccer", [("CCER", 7), ("ＣＣＥＲ", 3)]),
        # Planted keyword burst (no variants).
        ("碳中和", [("碳中和", 10)]),
    ]),
    "zh_pes": ("生态补偿", [
        ("生态补偿", [("生态补偿", 7), ("生态补偿机制", 3)]),
        ("流域生态补偿", [("流域生态补偿", 10)]),
        ("横向生态补偿", [("横向生态补偿", 10)]),
        ("补偿标准", [("补偿标准", 6), ("生态补偿标准", 4)]),
        ("支付意愿", [("支付意愿", 10)]),
        ("重点生态功能区", [("重点生态功能区", 10)]),
        ("转移支付", [("转移支付", 6), ("生态转移支付", 4)]),
        ("生态保护红线", [("生态保护红线", 10)]),
    ]),
    "zh_esv": ("生态系统服务价值与GEP核算", [
        ("生态系统服务价值", [("生态系统服务价值", 6), ("生态服务价值", 3), ("生态系统服务功能价值", 1)]),
        ("生态系统生产总值", [("生态系统生产总值", 5), ("GEP", 2), ("ＧＥＰ", 1), ("生态系统生产总值（GEP）", 2)]),
        ("价值核算", [("价值核算", 10)]),
        ("当量因子法", [("当量因子法", 10)]),
        ("土地利用变化", [("土地利用变化", 7), ("土地利用/覆被变化", 3)]),
        ("invest模型", [("InVEST模型", 7), ("ＩｎＶＥＳＴ模型", 3)]),
        ("自然资源资产", [("自然资源资产", 10)]),
        ("生态系统服务", [("生态系统服务", 10)]),
    ]),
    "zh_liv": ("乡村振兴与生态扶贫", [
        ("乡村振兴", [("乡村振兴", 7), ("乡村振兴战略", 3)]),
        ("生态扶贫", [("生态扶贫", 10)]),
        ("生计资本", [("生计资本", 10)]),
        ("共同富裕", [("共同富裕", 10)]),
        ("脱贫攻坚", [("脱贫攻坚", 10)]),
        ("生态移民", [("生态移民", 10)]),
        ("农户生计", [("农户生计", 10)]),
        # Planted keyword burst (no variants).
        ("精准扶贫", [("精准扶贫", 10)]),
    ]),
}
GENERIC_ZH = [("高质量发展", [("高质量发展", 10)]), ("可持续发展", [("可持续发展", 10)])]
STOPWORDS_ZH = [("研究", [("研究", 10)]), ("对策", [("对策", 10)]), ("问题", [("问题", 10)]),
                ("现状", [("现状", 10)]), ("启示", [("启示", 10)])]

# Optional zh <-> en aliases (normalised forms) so that 生态产品 and "ecological products" can be one node.
ALIASES_ZH_EN = [
    ("生态产品", "ecological products"), ("生态产品价值实现", "value realization"),
    ("生态文明", "ecological civilization"), ("绿色发展", "green development"), ("两山理论", "two mountains theory"),
    ("生态产业化", "ecological industrialization"), ("生态旅游", "ecotourism"), ("碳汇", "carbon sink"),
    ("森林碳汇", "forest carbon sink"), ("海洋碳汇", "blue carbon"), ("碳交易", "carbon trading"),
    ("碳市场", "carbon market"), ("碳中和", "carbon neutrality"), ("碳达峰", "carbon peak"),
    ("生态补偿", "ecological compensation"), ("补偿标准", "compensation standard"), ("支付意愿", "willingness to pay"),
    ("横向生态补偿", "horizontal compensation"), ("生态系统服务价值", "ecosystem service value"),
    ("生态系统生产总值", "gross ecosystem product"), ("土地利用变化", "land use change"),
    ("invest模型", "invest model"), ("生态系统服务", "ecosystem services"), ("乡村振兴", "rural revitalization"),
    ("共同富裕", "common prosperity"), ("生计资本", "livelihood capital"), ("精准扶贫", "poverty alleviation"),
]

# ----------------------------------------------------------------------------------------------
# Titles and abstracts
# ----------------------------------------------------------------------------------------------
PLACES_EN = ["Lishui, Zhejiang Province", "Nanping, Fujian Province", "Fuzhou, Jiangxi Province", "Guizhou Province",
             "the Three-River Headwaters Region", "the Yangtze River Economic Belt", "the Yellow River Basin",
             "Hainan Province", "Pu'er, Yunnan Province", "Inner Mongolia", "the Qilian Mountains",
             "Wuyishan National Park", "Shenzhen", "Chongqing", "Sichuan Province", "the Loess Plateau",
             "Qinghai Province", "Enshi, Hubei Province", "Guangxi", "Huangshan, Anhui Province", "Anji County",
             "the Qinling Mountains", "Northeast China's state forests", "the Taihu Lake Basin",
             "the Dongting Lake region", "Costa Rica", "Mexico", "Vietnam", "Kenya", "the Mekong Delta",
             "the Beijing-Tianjin-Hebei region", "Fujian coastal waters", "the Pearl River Delta", "Xinjiang"]
RIVERS_EN = ["Xin'an River", "Chishui River", "Dongjiang River", "Minjiang River", "Tingjiang-Hanjiang River",
             "Miyun Reservoir", "Luanhe River", "Weihe River", "Jiulong River"]
ANGLES_EN = ["a multi-scale analysis", "a policy review", "a panel data analysis", "a spatial econometric approach",
             "lessons from pilot zones", "a comparative case study", "a household survey", "a system dynamics model",
             "a difference-in-differences analysis", "a scenario analysis", "an institutional perspective",
             "a stakeholder analysis"]
OUTCOMES_EN = ["household income", "green innovation", "land use efficiency", "rural revitalization",
               "carbon emission reduction", "regional inequality", "forest cover", "water quality",
               "local employment"]
PERIODS_EN = ["1990-2015", "2000-2015", "2000-2020", "2005-2020", "2010-2020", "1995-2018", "2000-2018"]
PROGRAMS_EN = ["the Sloping Land Conversion Program", "the Grain for Green Program",
               "the Natural Forest Protection Program", "ecological migration", "the ecological ranger program",
               "grassland ecological subsidies"]
SECTORS_EN = ["forestry", "grassland management", "coastal wetlands", "agriculture", "urban green space"]

TITLE_TEMPLATES_EN = {
    "vr": ["Value realization of ecological products in {place}: {angle}",
           "Pathways to realize the value of ecological products: evidence from {place}",
           "Market mechanisms for ecological product value realization in {place}",
           "How does ecological product value realization affect {outcome}? Evidence from {place}",
           "Ecological industrialization and green development in {place}",
           "The two mountains theory in practice: {angle} of {place}",
           "Property rights and the value of ecological products in {place}",
           "Ecotourism as a route to ecological product value realization in {place}"],
    "carbon": ["Forest carbon sink potential and carbon trading in {place}",
               "Blue carbon accounting for coastal wetlands in {place}",
               "Carbon market design and offset credits for {sector} in {place}",
               "Spatiotemporal dynamics of carbon sequestration in {place}, {period}",
               "Can carbon trading promote {outcome}? Evidence from {place}",
               "Carbon sink value realization in {place}: {angle}",
               "Carbon offsets from {sector} under the double carbon goals: {angle}"],
    "pes": ["Payment for ecosystem services and {outcome} in {place}",
            "Designing ecological compensation standards for the {river} basin",
            "Willingness to pay for watershed ecological compensation in the {river} basin",
            "Transaction costs and conditionality in payments for ecosystem services: {angle}",
            "Horizontal ecological compensation between upstream and downstream regions of the {river}",
            "Ecological compensation in {place}: {angle}",
            "Contingent valuation of ecological compensation for {sector} in {place}"],
    "esv": ["Gross ecosystem product accounting for {place}",
            "Ecosystem service value changes driven by land use change in {place}, {period}",
            "Mapping ecosystem services with the InVEST model in {place}",
            "Natural capital accounting and ecosystem service valuation in {place}: {angle}",
            "Benefit transfer for ecosystem service valuation in {place}",
            "Trade-offs among ecosystem services in {place}, {period}"],
    "liv": ["Ecological compensation, rural livelihoods and poverty alleviation in {place}",
            "Livelihood capital of smallholders in {place} after {program}",
            "Rural revitalization through ecological products: {angle} of {place}",
            "Does payment for ecosystem services reduce poverty? Household evidence from {place}",
            "Community participation and household income under {program} in {place}",
            "Common prosperity and ecological protection in {place}: {angle}"],
}

ABSTRACT_OPENERS_EN = {
    "vr": "Realizing the value of ecological products is central to turning ecological advantages into economic ones.",
    "carbon": "Terrestrial and ocean carbon sinks are essential to the carbon peaking and carbon neutrality goals.",
    "pes": "Ecological compensation and payments for ecosystem services reward land users for conserving ecosystems.",
    "esv": "Valuing ecosystem services makes the contribution of nature to human well-being visible to decision makers.",
    "liv": "Conservation programmes affect the livelihoods of rural households that depend on natural resources.",
}
ABSTRACT_METHODS_EN = ["panel data of {n} counties", "a survey of {n} households", "remote sensing data and the InVEST model",
                       "interviews with {n} stakeholders", "a spatial econometric model of {n} cities",
                       "a choice experiment with {n} respondents", "land use data for {n} grid cells"]
ABSTRACT_CLOSERS_EN = ["The results inform the design of differentiated policies.",
                       "We discuss implications for policy design and future research.",
                       "The findings support market-based instruments combined with government regulation.",
                       "Policy makers should strengthen monitoring, property rights and benefit sharing."]

PLACES_ZH = ["浙江丽水", "福建南平", "江西抚州", "贵州", "三江源地区", "长江经济带", "黄河流域", "海南", "云南普洱",
             "内蒙古", "祁连山", "武夷山国家公园", "深圳", "重庆", "四川", "黄土高原", "青海", "湖北恩施", "广西",
             "安徽黄山", "浙江安吉", "陕西秦岭", "东北国有林区", "太湖流域", "洞庭湖区", "京津冀地区", "福建沿海",
             "粤港澳大湾区", "新疆", "宁夏"]
RIVERS_ZH = ["新安江", "赤水河", "东江", "闽江", "汀江—韩江", "密云水库上游", "渭河", "九龙江", "滦河"]
TITLE_TEMPLATES_ZH = {
    "zh_vr": ["{place}生态产品价值实现路径研究", "生态产品价值实现的{mech}：以{place}为例",
              "“两山”理论视角下{place}生态产品价值转化模式探析", "生态产业化与{place}绿色发展的耦合协调分析",
              "{place}生态产品价值实现的{issue}", "自然资源产权制度改革与{place}生态产品价值实现"],
    "zh_carbon": ["碳中和目标下{place}森林碳汇交易机制研究", "{place}海洋碳汇核算与价值实现",
                  "全国碳市场背景下林业碳汇项目开发的{issue}", "“双碳”目标下{place}碳储量时空演变及驱动因素",
                  "{place}碳汇生态产品价值实现的{mech}"],
    "zh_pes": ["{river}流域横向生态补偿标准测算", "基于支付意愿的{place}生态补偿标准研究",
               "重点生态功能区转移支付的生态补偿效应——以{place}为例", "{place}生态补偿机制的{issue}",
               "{river}流域生态补偿的{mech}"],
    "zh_esv": ["{place}生态系统生产总值（GEP）核算研究", "{period}{place}土地利用变化对生态系统服务价值的影响",
               "基于InVEST模型的{place}生态系统服务评估", "基于当量因子法的{place}生态系统服务价值时空演变",
               "{place}自然资源资产价值核算的{mech}"],
    "zh_liv": ["生态扶贫对{place}农户生计资本的影响", "乡村振兴背景下{place}生态产品价值实现与共同富裕",
               "精准扶贫与生态补偿的协同机制：{place}的经验", "生态移民农户生计转型研究——以{place}为例",
               "{place}脱贫攻坚与乡村振兴有效衔接的{issue}"],
}
MECHS_ZH = ["实现机制", "市场化路径", "政策体系", "模式比较", "制度设计", "实践模式"]
ISSUES_ZH = ["问题与对策", "困境与出路", "实践探索", "现实挑战", "理论逻辑与实践路径"]
PERIODS_ZH = ["2000—2020年", "1990—2015年", "2005—2020年", "2010—2020年", "2000—2018年"]
ABSTRACT_OPENERS_ZH = {
    "zh_vr": "生态产品价值实现是践行“绿水青山就是金山银山”理念的关键路径。",
    "zh_carbon": "碳汇是实现碳达峰碳中和目标的重要基于自然的解决方案。",
    "zh_pes": "生态补偿是调节生态保护者与受益者利益关系的重要制度安排。",
    "zh_esv": "生态系统服务价值核算为生态保护成效评估和生态产品价值实现提供了基础。",
    "zh_liv": "生态保护与农户生计改善的协同是欠发达生态地区高质量发展的核心问题。",
}
ABSTRACT_METHODS_ZH = ["面板数据模型", "问卷调查与结构方程模型", "InVEST模型与情景分析", "当量因子法",
                       "双重差分模型", "案例比较分析", "耦合协调度模型"]
ABSTRACT_CLOSERS_ZH = ["研究可为完善相关政策提供参考。", "研究结论可为区域生态保护与高质量发展提供决策依据。",
                       "建议健全市场化、多元化的价值实现机制。", "应加强监测评估与利益共享机制建设。"]

# ----------------------------------------------------------------------------------------------
# People and places
# ----------------------------------------------------------------------------------------------
SURNAMES_PINYIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu", "Xu", "Sun", "Ma",
                   "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Deng",
                   "Feng", "Han", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang",
                   "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Jin"]
GIVEN_SYLLABLES = ["Wei", "Fang", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Juan",
                   "Tao", "Ming", "Chao", "Xiu", "Xia", "Ping", "Gang", "Hui", "Hong", "Hai", "Bo", "Lin", "Ying",
                   "Yu", "Xin", "Rui", "Kai", "Hao", "Yun", "Lan", "Feng", "Dan", "Jian", "Zhi", "Qing", "Shan",
                   "Xue", "Mei", "Na", "Ting", "Wen", "Bin", "Hua", "Long", "Peng", "Zhen", "Yi"]
WESTERN_NAMES = [("Smith", "Rachel"), ("Muller", "Jonas"), ("Garcia", "Lucia"), ("Brown", "Thomas"),
                 ("Kumar", "Anil"), ("Nguyen", "Thi Lan"), ("Ochieng", "Peter"), ("Jones", "Sarah"),
                 ("Schneider", "Katrin"), ("Lopez", "Andres"), ("Taylor", "Mark"), ("Bakker", "Eva")]
SURNAMES_ZH = list("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐邓冯韩曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏卢丁任沈姚金")
GIVEN_ZH = list("伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚辉红海波琳颖宇鑫睿凯浩云兰峰丹建志青珊雪梅娜婷文斌华龙鹏振毅晨")

# (WoS C1 address, Scopus affiliation) pairs; the WoS form uses WoS abbreviations.
INSTITUTIONS = [
    ("Chinese Acad Sci, Inst Geog Sci & Nat Resources Res, Beijing 100101, Peoples R China.",
     "Institute of Geographic Sciences and Natural Resources Research, Chinese Academy of Sciences, Beijing, 100101, China"),
    ("Univ Chinese Acad Sci, Beijing 100049, Peoples R China.",
     "University of Chinese Academy of Sciences, Beijing, 100049, China"),
    ("Beijing Normal Univ, Sch Environm, Beijing 100875, Peoples R China.",
     "School of Environment, Beijing Normal University, Beijing, 100875, China"),
    ("Chinese Acad Sci, Res Ctr Ecoenvironm Sci, State Key Lab Urban & Reg Ecol, Beijing 100085, Peoples R China.",
     "State Key Laboratory of Urban and Regional Ecology, Research Center for Eco-Environmental Sciences, Chinese Academy of Sciences, Beijing, 100085, China"),
    ("Peking Univ, Coll Urban & Environm Sci, Beijing 100871, Peoples R China.",
     "College of Urban and Environmental Sciences, Peking University, Beijing, 100871, China"),
    ("Renmin Univ China, Sch Environm & Nat Resources, Beijing 100872, Peoples R China.",
     "School of Environment and Natural Resources, Renmin University of China, Beijing, 100872, China"),
    ("Zhejiang Univ, Sch Publ Affairs, Hangzhou 310058, Peoples R China.",
     "School of Public Affairs, Zhejiang University, Hangzhou, 310058, China"),
    ("Nanjing Forestry Univ, Coll Econ & Management, Nanjing 210037, Peoples R China.",
     "College of Economics and Management, Nanjing Forestry University, Nanjing, 210037, China"),
    ("Beijing Forestry Univ, Sch Econ & Management, Beijing 100083, Peoples R China.",
     "School of Economics and Management, Beijing Forestry University, Beijing, 100083, China"),
    ("Fujian Agr & Forestry Univ, Coll Econ & Management, Fuzhou 350002, Peoples R China.",
     "College of Economics and Management, Fujian Agriculture and Forestry University, Fuzhou, 350002, China"),
    ("Jiangxi Univ Finance & Econ, Sch Econ, Nanchang 330013, Peoples R China.",
     "School of Economics, Jiangxi University of Finance and Economics, Nanchang, 330013, China"),
    ("Sun Yat Sen Univ, Sch Geog & Planning, Guangzhou 510275, Peoples R China.",
     "School of Geography and Planning, Sun Yat-sen University, Guangzhou, 510275, China"),
    ("Wuhan Univ, Sch Resource & Environm Sci, Wuhan 430079, Peoples R China.",
     "School of Resource and Environmental Sciences, Wuhan University, Wuhan, 430079, China"),
    ("Lanzhou Univ, Coll Earth & Environm Sci, Lanzhou 730000, Peoples R China.",
     "College of Earth and Environmental Sciences, Lanzhou University, Lanzhou, 730000, China"),
    ("Xiamen Univ, Coll Environm & Ecol, Xiamen 361102, Peoples R China.",
     "College of the Environment and Ecology, Xiamen University, Xiamen, 361102, China"),
    ("Northwest A&F Univ, Coll Econ & Management, Yangling 712100, Peoples R China.",
     "College of Economics and Management, Northwest A&F University, Yangling, 712100, China"),
    ("Ocean Univ China, Sch Econ, Qingdao 266100, Peoples R China.",
     "School of Economics, Ocean University of China, Qingdao, 266100, China"),
    ("Sichuan Univ, Coll Architecture & Environm, Chengdu 610065, Peoples R China.",
     "College of Architecture and Environment, Sichuan University, Chengdu, 610065, China"),
]
INSTITUTIONS_FOREIGN = [
    ("Stanford Univ, Nat Capital Project, Stanford, CA 94305 USA.",
     "Natural Capital Project, Stanford University, Stanford, 94305, CA, United States"),
    ("Ctr Int Forestry Res CIFOR, Bogor 16115, Indonesia.",
     "Center for International Forestry Research (CIFOR), Bogor, 16115, Indonesia"),
    ("Univ Bonn, Ctr Dev Res ZEF, D-53113 Bonn, Germany.",
     "Center for Development Research (ZEF), University of Bonn, Bonn, 53113, Germany"),
    ("Australian Natl Univ, Crawford Sch Publ Policy, Canberra, ACT 2601, Australia.",
     "Crawford School of Public Policy, Australian National University, Canberra, 2601, ACT, Australia"),
    ("Wageningen Univ, Environm Syst Anal Grp, NL-6708 PB Wageningen, Netherlands.",
     "Environmental Systems Analysis Group, Wageningen University, Wageningen, 6708 PB, Netherlands"),
]
INSTITUTIONS_ZH = ["中国科学院地理科学与资源研究所", "中国科学院大学", "北京师范大学环境学院", "中国科学院生态环境研究中心",
                   "北京大学城市与环境学院", "中国人民大学环境学院", "浙江大学公共管理学院", "南京林业大学经济管理学院",
                   "北京林业大学经济管理学院", "福建农林大学经济与管理学院", "江西财经大学经济学院",
                   "中山大学地理科学与规划学院", "武汉大学资源与环境科学学院", "兰州大学资源环境学院",
                   "厦门大学环境与生态学院", "西北农林科技大学经济管理学院", "中国海洋大学经济学院", "丽水学院生态学院",
                   "生态环境部环境规划院", "中国林业科学研究院林业科技信息研究所"]

# ----------------------------------------------------------------------------------------------
# Journals where the demo records are published (citing journals)
# ----------------------------------------------------------------------------------------------
# key -> SO, J9, JI, ISSN, eISSN, publisher, city, address, WC, SC, Scopus source title, Scopus abbrev, base year, base volume
JOURNALS_EN = {
    "ecoser": ("ECOSYSTEM SERVICES", "ECOSYST SERV", "Ecosyst. Serv.", "2212-0416", "", "ELSEVIER", "AMSTERDAM",
               "RADARWEG 29, 1043 NX AMSTERDAM, NETHERLANDS", "Ecology; Environmental Sciences; Environmental Studies",
               "Environmental Sciences & Ecology", "Ecosystem Services", "Ecosyst. Serv.", 2012, 1),
    "ecolecon": ("ECOLOGICAL ECONOMICS", "ECOL ECON", "Ecol. Econ.", "0921-8009", "1873-6106", "ELSEVIER",
                 "AMSTERDAM", "RADARWEG 29, 1043 NX AMSTERDAM, NETHERLANDS",
                 "Ecology; Economics; Environmental Sciences; Environmental Studies",
                 "Environmental Sciences & Ecology; Business & Economics", "Ecological Economics", "Ecol. Econ.",
                 1989, 1),
    "lup": ("LAND USE POLICY", "LAND USE POLICY", "Land Use Pol.", "0264-8377", "1873-5754", "ELSEVIER SCI LTD",
            "OXFORD", "THE BOULEVARD, LANGFORD LANE, KIDLINGTON, OXFORD OX5 1GB, OXON, ENGLAND",
            "Environmental Studies", "Environmental Sciences & Ecology", "Land Use Policy", "Land Use Policy",
            1984, 1),
    "jclepro": ("JOURNAL OF CLEANER PRODUCTION", "J CLEAN PROD", "J. Clean Prod.", "0959-6526", "1879-1786",
                "ELSEVIER SCI LTD", "OXFORD", "125 London Wall, London, ENGLAND",
                "Green & Sustainable Science & Technology; Engineering, Environmental; Environmental Sciences",
                "Science & Technology - Other Topics; Engineering; Environmental Sciences & Ecology",
                "Journal of Cleaner Production", "J. Clean. Prod.", 1993, 1),
    "stoten": ("SCIENCE OF THE TOTAL ENVIRONMENT", "SCI TOTAL ENVIRON", "Sci. Total Environ.", "0048-9697",
               "1879-1026", "ELSEVIER", "AMSTERDAM", "RADARWEG 29, 1043 NX AMSTERDAM, NETHERLANDS",
               "Environmental Sciences", "Environmental Sciences & Ecology", "Science of the Total Environment",
               "Sci. Total Environ.", 1972, 1),
    "sustain": ("SUSTAINABILITY", "SUSTAINABILITY-BASEL", "Sustainability", "", "2071-1050", "MDPI", "BASEL",
                "ST ALBAN-ANLAGE 66, CH-4052 BASEL, SWITZERLAND",
                "Green & Sustainable Science & Technology; Environmental Sciences; Environmental Studies",
                "Science & Technology - Other Topics; Environmental Sciences & Ecology",
                "Sustainability (Switzerland)", "Sustainability", 2009, 1),
    "ecolind": ("ECOLOGICAL INDICATORS", "ECOL INDIC", "Ecol. Indic.", "1470-160X", "1872-7034", "ELSEVIER",
                "AMSTERDAM", "RADARWEG 29, 1043 NX AMSTERDAM, NETHERLANDS", "Environmental Sciences",
                "Environmental Sciences & Ecology", "Ecological Indicators", "Ecol. Indic.", 2001, 1),
    "forpol": ("FOREST POLICY AND ECONOMICS", "FOREST POLICY ECON", "Forest Policy Econ.", "1389-9341",
               "1872-7050", "ELSEVIER", "AMSTERDAM", "RADARWEG 29, 1043 NX AMSTERDAM, NETHERLANDS",
               "Economics; Forestry", "Business & Economics; Forestry", "Forest Policy and Economics",
               "For. Policy Econ.", 2000, 1),
    "jenvman": ("JOURNAL OF ENVIRONMENTAL MANAGEMENT", "J ENVIRON MANAGE", "J. Environ. Manage.", "0301-4797",
                "1095-8630", "ACADEMIC PRESS LTD- ELSEVIER SCIENCE LTD", "LONDON",
                "24-28 OVAL RD, LONDON NW1 7DX, ENGLAND", "Environmental Sciences",
                "Environmental Sciences & Ecology", "Journal of Environmental Management", "J. Environ. Manage.",
                1973, 1),
    "worlddev": ("WORLD DEVELOPMENT", "WORLD DEV", "World Dev.", "0305-750X", "1873-5991",
                 "PERGAMON-ELSEVIER SCIENCE LTD", "OXFORD",
                 "THE BOULEVARD, LANGFORD LANE, KIDLINGTON, OXFORD OX5 1GB, ENGLAND", "Development Studies; Economics",
                 "Development Studies; Business & Economics", "World Development", "World Dev.", 1973, 1),
    "cbm": ("CARBON BALANCE AND MANAGEMENT", "CARBON BAL MANAGE", "Carbon Balanc. Manag.", "", "1750-0680",
            "BMC", "LONDON", "CAMPUS, 4 CRINAN ST, LONDON N1 9XW, ENGLAND", "Environmental Sciences",
            "Environmental Sciences & Ecology", "Carbon Balance and Management", "Carbon Balance Manage.", 2006, 1),
    "erl": ("ENVIRONMENTAL RESEARCH LETTERS", "ENVIRON RES LETT", "Environ. Res. Lett.", "1748-9326", "",
            "IOP Publishing Ltd", "BRISTOL", "TEMPLE CIRCUS, TEMPLE WAY, BRISTOL BS1 6BE, ENGLAND",
            "Environmental Sciences; Meteorology & Atmospheric Sciences",
            "Environmental Sciences & Ecology; Meteorology & Atmospheric Sciences", "Environmental Research Letters",
            "Environ. Res. Lett.", 2006, 1),
}
# English-language journals published in China: indexed by WoS and carried by CNKI (the CNKI~WoS overlap).
# key -> (... as above ..., CNKI CN number)
JOURNALS_CN_EN = {
    "jre": ("JOURNAL OF RESOURCES AND ECOLOGY", "J RESOUR ECOL", "J. Resour. Ecol.", "1674-764X", "",
            "JOURNAL RESOURCES & ECOLOGY", "BEIJING", "11A DATUN RD, CHAOYANG DIST, BEIJING, 100101, PEOPLES R CHINA",
            "Ecology; Environmental Sciences", "Environmental Sciences & Ecology", "Journal of Resources and Ecology",
            "J. Resour. Ecol.", 2010, 1, "11-5885/Q"),
    "jgs": ("JOURNAL OF GEOGRAPHICAL SCIENCES", "J GEOGR SCI", "J. Geogr. Sci.", "1009-637X", "1861-9568",
            "SCIENCE PRESS", "BEIJING", "16 DONGHUANGCHENGGEN NORTH ST, BEIJING 100717, PEOPLES R CHINA",
            "Geography, Physical", "Physical Geography", "Journal of Geographical Sciences", "J. Geogr. Sci.", 2001,
            11, "11-4546/P"),
    "cgs": ("CHINESE GEOGRAPHICAL SCIENCE", "CHINESE GEOGR SCI", "Chin. Geogr. Sci.", "1002-0063", "1993-064X",
            "SCIENCE PRESS", "BEIJING", "16 DONGHUANGCHENGGEN NORTH ST, BEIJING 100717, PEOPLES R CHINA",
            "Environmental Sciences; Geography, Physical", "Environmental Sciences & Ecology; Physical Geography",
            "Chinese Geographical Science", "Chin. Geogr. Sci.", 1991, 1, "22-1174/P"),
    "jfr": ("JOURNAL OF FORESTRY RESEARCH", "J FORESTRY RES", "J. For. Res.", "1007-662X", "1993-0607",
            "NORTHEAST FORESTRY UNIV", "HARBIN", "NO 26 HEXING RD, XIANGFANG DIST, HARBIN, 150040, PEOPLES R CHINA",
            "Forestry", "Forestry", "Journal of Forestry Research", "J. For. Res.", 1990, 1, "23-1409/S"),
}
# Theme -> citing journals with weights.
THEME_JOURNALS = {
    "vr": [("ecoser", 2), ("sustain", 3), ("jclepro", 2), ("lup", 2), ("ecolind", 2), ("ecolecon", 1)],
    "carbon": [("stoten", 2), ("jclepro", 3), ("cbm", 2), ("erl", 2), ("forpol", 2), ("sustain", 2)],
    "pes": [("ecolecon", 3), ("ecoser", 2), ("lup", 2), ("worlddev", 1), ("forpol", 2), ("jenvman", 2)],
    "esv": [("ecoser", 3), ("ecolind", 3), ("stoten", 2), ("sustain", 2), ("ecolecon", 1), ("lup", 1)],
    "liv": [("worlddev", 2), ("lup", 3), ("forpol", 2), ("ecolecon", 1), ("jenvman", 2), ("sustain", 2)],
}

# Chinese journals (CNKI): name, ISSN, CN
JOURNALS_ZH = [("生态学报", "1000-0933", "11-2031/Q"), ("资源科学", "1007-7588", "11-3868/N"),
               ("中国人口·资源与环境", "1002-2104", "37-1196/N"), ("自然资源学报", "1000-3037", "11-1912/N"),
               ("生态经济", "1671-4407", "53-1193/F"), ("地理学报", "0375-5444", "11-1856/P"),
               ("经济地理", "1000-8462", "43-1126/K"), ("中国土地科学", "1001-8158", "11-2640/F"),
               ("生态学杂志", "1000-4890", "21-1148/Q"), ("农业经济问题", "1000-6389", "11-1208/F"),
               ("中国环境管理", "1674-6252", "11-5890/X"), ("林业经济", "1673-5919", "11-1179/F")]

# ----------------------------------------------------------------------------------------------
# Cited references
# ----------------------------------------------------------------------------------------------
# Cited journals for the generated part of the reference pool:
# J9 -> (full title as Scopus writes it, first year, refs per year in the pool, theme affinity)
CITED_JOURNALS = {
    "ECOSYST SERV": ("Ecosystem Services", 2012, 3, ("esv", "vr", "pes")),
    "ECOL ECON": ("Ecological Economics", 1992, 2, ("pes", "esv", "liv")),
    "LAND USE POLICY": ("Land Use Policy", 1995, 1.5, ("liv", "vr", "pes")),
    "J CLEAN PROD": ("Journal of Cleaner Production", 2000, 2, ("carbon", "vr")),
    "SCI TOTAL ENVIRON": ("Science of the Total Environment", 2000, 2, ("esv", "carbon")),
    "ECOL INDIC": ("Ecological Indicators", 2003, 1.5, ("esv", "vr")),
    "J ENVIRON MANAGE": ("Journal of Environmental Management", 1995, 1, ("pes", "esv")),
    "WORLD DEV": ("World Development", 1995, 1, ("liv", "pes")),
    "FOREST POLICY ECON": ("Forest Policy and Economics", 2000, 1, ("carbon", "pes", "liv")),
    "GLOBAL ENVIRON CHANG": ("Global Environmental Change", 1995, 0.7, ("esv", "carbon")),
    "P NATL ACAD SCI USA": ("Proceedings of the National Academy of Sciences of the United States of America", 1995,
                            0.7, ("esv", "carbon", "liv")),
    "NAT SUSTAIN": ("Nature Sustainability", 2018, 1, ("esv", "vr", "carbon")),
    "CARBON BAL MANAGE": ("Carbon Balance and Management", 2006, 1, ("carbon",)),
    "ENVIRON RES LETT": ("Environmental Research Letters", 2006, 1, ("carbon", "esv")),
    "ACTA ECOL SIN": ("Acta Ecologica Sinica", 1995, 1.2, ("esv", "pes", "vr")),
    "J NAT RESOUR": ("Journal of Natural Resources", 1995, 1, ("esv", "vr", "pes")),
    "CHINA POPUL RESOUR": ("China Population Resources and Environment", 1995, 1, ("vr", "pes", "liv")),
    "J GEOGR SCI": ("Journal of Geographical Sciences", 2001, 0.7, ("esv", "liv")),
    "SUSTAINABILITY-BASEL": ("Sustainability (Switzerland)", 2009, 1, ("vr", "liv", "carbon")),
}

# Classic references, real metadata.  key -> dict.
# "authors": Scopus-style author list; "wos": the CR string as WoS writes it;
# "variants": other WoS spellings of the same reference (written in some records).
CLASSIC_REFERENCES = {
    "costanza1997": dict(
        wos="Costanza R, 1997, NATURE, V387, P253, DOI 10.1038/387253a0",
        variants=["Costanza R, 1997, NATURE, V387, P253"],
        authors=["Costanza R.", "d'Arge R.", "de Groot R.", "Farber S.", "Grasso M.", "Hannon B.", "Limburg K.",
                 "Naeem S.", "O'Neill R.V.", "Paruelo J.", "Raskin R.G.", "Sutton P.", "van den Belt M."],
        title="The value of the world's ecosystem services and natural capital", source="Nature", j9="NATURE",
        year=1997, volume="387", issue="6630", pages="253-260", doi="10.1038/387253a0", themes=("esv", "vr", "pes")),
    "daily1997": dict(
        wos="Daily GC, 1997, NATURES SERVICES SOC",
        variants=["Daily G.C., 1997, NATURES SERVICES SOC"],
        authors=["Daily G.C."], title="Nature's Services: Societal Dependence on Natural Ecosystems", source="",
        j9="NATURES SERVICES SOC", year=1997, volume="", issue="", pages="", doi="", themes=("esv", "pes")),
    "mea2005": dict(
        wos="Millennium Ecosystem Assessment, 2005, EC HUM WELL BEING SY", variants=[],
        authors=["Millennium Ecosystem Assessment"], title="Ecosystems and Human Well-being: Synthesis", source="",
        j9="EC HUM WELL BEING SY", year=2005, volume="", issue="", pages="", doi="", themes=("esv", "pes", "liv")),
    "degroot2002": dict(
        wos="de Groot RS, 2002, ECOL ECON, V41, P393, DOI 10.1016/S0921-8009(02)00089-7",
        variants=["De Groot RS, 2002, ECOL ECON, V41, P393, DOI 10.1016/S0921-8009(02)00089-7"],
        authors=["de Groot R.S.", "Wilson M.A.", "Boumans R.M.J."],
        title="A typology for the classification, description and valuation of ecosystem functions, goods and services",
        source="Ecological Economics", j9="ECOL ECON", year=2002, volume="41", issue="3", pages="393-408",
        doi="10.1016/S0921-8009(02)00089-7", themes=("esv",)),
    "engel2008": dict(
        wos="Engel S, 2008, ECOL ECON, V65, P663, DOI 10.1016/j.ecolecon.2008.03.011", variants=[],
        authors=["Engel S.", "Pagiola S.", "Wunder S."],
        title="Designing payments for environmental services in theory and practice: An overview of the issues",
        source="Ecological Economics", j9="ECOL ECON", year=2008, volume="65", issue="4", pages="663-674",
        doi="10.1016/j.ecolecon.2008.03.011", themes=("pes",)),
    "wunder2015": dict(
        wos="Wunder S, 2015, ECOL ECON, V117, P234, DOI 10.1016/j.ecolecon.2014.08.016", variants=[],
        authors=["Wunder S."], title="Revisiting the concept of payments for environmental services",
        source="Ecological Economics", j9="ECOL ECON", year=2015, volume="117", issue="", pages="234-243",
        doi="10.1016/j.ecolecon.2014.08.016", themes=("pes",)),
    "muradian2010": dict(
        wos="Muradian R, 2010, ECOL ECON, V69, P1202, DOI 10.1016/j.ecolecon.2009.11.006", variants=[],
        authors=["Muradian R.", "Corbera E.", "Pascual U.", "Kosoy N.", "May P.H."],
        title="Reconciling theory and practice: An alternative conceptual framework for understanding payments for environmental services",
        source="Ecological Economics", j9="ECOL ECON", year=2010, volume="69", issue="6", pages="1202-1208",
        doi="10.1016/j.ecolecon.2009.11.006", themes=("pes",)),
    "fisher2009": dict(
        wos="Fisher B, 2009, ECOL ECON, V68, P643, DOI 10.1016/j.ecolecon.2008.09.014", variants=[],
        authors=["Fisher B.", "Turner R.K.", "Morling P."],
        title="Defining and classifying ecosystem services for decision making", source="Ecological Economics",
        j9="ECOL ECON", year=2009, volume="68", issue="3", pages="643-653", doi="10.1016/j.ecolecon.2008.09.014",
        themes=("esv",)),
    "pagiola2005": dict(
        wos="Pagiola S, 2005, WORLD DEV, V33, P237, DOI 10.1016/j.worlddev.2004.07.011", variants=[],
        authors=["Pagiola S.", "Arcenas A.", "Platais G."],
        title="Can payments for environmental services help reduce poverty? An exploration of the issues and the evidence to date from Latin America",
        source="World Development", j9="WORLD DEV", year=2005, volume="33", issue="2", pages="237-253",
        doi="10.1016/j.worlddev.2004.07.011", themes=("liv", "pes")),
    "liu2008": dict(
        wos="Liu JG, 2008, P NATL ACAD SCI USA, V105, P9477, DOI 10.1073/pnas.0706436105", variants=[],
        authors=["Liu J.", "Li S.", "Ouyang Z.", "Tam C.", "Chen X."],
        title="Ecological and socioeconomic effects of China's policies for ecosystem services",
        source="Proceedings of the National Academy of Sciences of the United States of America",
        j9="P NATL ACAD SCI USA", year=2008, volume="105", issue="28", pages="9477-9482",
        doi="10.1073/pnas.0706436105", themes=("liv", "pes", "esv")),
    "pan2011": dict(
        wos="Pan YD, 2011, SCIENCE, V333, P988, DOI 10.1126/science.1201609", variants=[],
        authors=["Pan Y.", "Birdsey R.A.", "Fang J.", "Houghton R.", "Kauppi P.E."],
        title="A large and persistent carbon sink in the world's forests", source="Science", j9="SCIENCE",
        year=2011, volume="333", issue="6045", pages="988-993", doi="10.1126/science.1201609", themes=("carbon",)),
    "mcleod2011": dict(
        wos="Mcleod E, 2011, FRONT ECOL ENVIRON, V9, P552, DOI 10.1890/110004", variants=[],
        authors=["Mcleod E.", "Chmura G.L.", "Bouillon S.", "Salm R.", "Bjork M."],
        title="A blueprint for blue carbon: Toward an improved understanding of the role of vegetated coastal habitats in sequestering CO2",
        source="Frontiers in Ecology and the Environment", j9="FRONT ECOL ENVIRON", year=2011, volume="9",
        issue="10", pages="552-560", doi="10.1890/110004", themes=("carbon",)),
    "bryan2018": dict(
        wos="Bryan BA, 2018, NATURE, V559, P193, DOI 10.1038/s41586-018-0280-2", variants=[],
        authors=["Bryan B.A.", "Gao L.", "Ye Y.", "Sun X.", "Connor J.D."],
        title="China's response to a national land-system sustainability emergency", source="Nature", j9="NATURE",
        year=2018, volume="559", issue="7713", pages="193-204", doi="10.1038/s41586-018-0280-2",
        themes=("esv", "vr")),
    "lu2018": dict(
        wos="Lu F, 2018, P NATL ACAD SCI USA, V115, P4039, DOI 10.1073/pnas.1700294115", variants=[],
        authors=["Lu F.", "Hu H.", "Sun W.", "Zhu J.", "Liu G."],
        title="Effects of national ecological restoration projects on carbon sequestration in China from 2001 to 2010",
        source="Proceedings of the National Academy of Sciences of the United States of America",
        j9="P NATL ACAD SCI USA", year=2018, volume="115", issue="16", pages="4039-4044",
        doi="10.1073/pnas.1700294115", themes=("carbon",)),
    "costanza2017": dict(
        wos="Costanza R, 2017, ECOSYST SERV, V28, P1, DOI 10.1016/j.ecoser.2017.09.008", variants=[],
        authors=["Costanza R.", "de Groot R.", "Braat L.", "Kubiszewski I.", "Fioramonti L."],
        title="Twenty years of ecosystem services: How far have we come and how far do we still need to go?",
        source="Ecosystem Services", j9="ECOSYST SERV", year=2017, volume="28", issue="", pages="1-16",
        doi="10.1016/j.ecoser.2017.09.008", themes=("esv", "vr")),
    # --- the references with planted bursts ---
    "fang2001": dict(
        wos="Fang JY, 2001, SCIENCE, V292, P2320, DOI 10.1126/science.1058629", variants=[],
        authors=["Fang J.", "Chen A.", "Peng C.", "Zhao S.", "Ci L."],
        title="Changes in forest biomass carbon storage in China between 1949 and 1998", source="Science",
        j9="SCIENCE", year=2001, volume="292", issue="5525", pages="2320-2322", doi="10.1126/science.1058629",
        themes=("carbon",)),
    "wunder2005": dict(
        wos="Wunder S, 2005, PAYMENTS ENV SERVICE", variants=[],
        authors=["Wunder S."], title="Payments for environmental services: Some nuts and bolts",
        source="CIFOR Occasional Paper", j9="PAYMENTS ENV SERVICE", year=2005, volume="42", issue="", pages="",
        doi="", themes=("pes", "liv")),
    "piao2009": dict(
        wos="Piao SL, 2009, NATURE, V458, P1009, DOI 10.1038/nature07944", variants=[],
        authors=["Piao S.", "Fang J.", "Ciais P.", "Peylin P.", "Huang Y."],
        title="The carbon balance of terrestrial ecosystems in China", source="Nature", j9="NATURE", year=2009,
        volume="458", issue="7241", pages="1009-1013", doi="10.1038/nature07944", themes=("carbon",)),
    "costanza2014": dict(
        wos="Costanza R, 2014, GLOBAL ENVIRON CHANG, V26, P152, DOI 10.1016/j.gloenvcha.2014.04.002", variants=[],
        authors=["Costanza R.", "de Groot R.", "Sutton P.", "van der Ploeg S.", "Anderson S.J."],
        title="Changes in the global value of ecosystem services", source="Global Environmental Change",
        j9="GLOBAL ENVIRON CHANG", year=2014, volume="26", issue="1", pages="152-158",
        doi="10.1016/j.gloenvcha.2014.04.002", themes=("esv",)),
    "ouyang2016": dict(
        wos="Ouyang ZY, 2016, SCIENCE, V352, P1455, DOI 10.1126/science.aaf2295", variants=[],
        authors=["Ouyang Z.", "Zheng H.", "Xiao Y.", "Polasky S.", "Liu J."],
        title="Improvements in ecosystem services from investments in natural capital", source="Science",
        j9="SCIENCE", year=2016, volume="352", issue="6292", pages="1455-1459", doi="10.1126/science.aaf2295",
        themes=("esv", "vr")),
}

# Reference titles for generated cited references, by theme.
CITED_TITLE_TEMPLATES = {
    "vr": ["Ecological product value realization in {place}", "Green development and ecological products in {place}",
           "Market-based instruments for ecological products", "Institutional design for ecological product markets"],
    "carbon": ["Forest carbon sequestration in {place}", "Carbon trading and emission reduction in {place}",
               "Blue carbon storage in coastal ecosystems of {place}", "Carbon sink dynamics in {place}"],
    "pes": ["Payments for ecosystem services in {place}", "Ecological compensation standards in {place}",
            "Conditionality and additionality of payments for ecosystem services",
            "Watershed compensation between upstream and downstream regions in {place}"],
    "esv": ["Ecosystem service valuation in {place}", "Land use change and ecosystem services in {place}",
            "Gross ecosystem product accounting in {place}", "Natural capital accounting at the regional scale"],
    "liv": ["Conservation programmes and rural livelihoods in {place}", "Poverty alleviation through conservation in {place}",
            "Household responses to ecological restoration in {place}", "Livelihood diversification in {place}"],
}
