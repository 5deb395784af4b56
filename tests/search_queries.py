"""The measured query set: what a reader types, and where the answer is.

Each query runs on a library of two publications (the 2021 plan, translated, and the
second-plan fixture, Chinese only) in the edition where a reader would type it. A query is a
hit when one of its answers is among the first five results shown (the definition card
included). ``test_search_quality.py`` runs them; the README reports hit@5 per kind.

An answer is a URL from the site's root; one ending in ``*`` is any URL that starts so.
"""

from __future__ import annotations

P = "cnipa-2021-work-plan"
Q = "second-plan"

# (kind, edition, query, answers)
QUERIES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # Chinese terms and phrases on the Chinese edition.
    ("term", "", "知识产权保护中心", (f"{P}/s3/#s3.p3",)),
    ("term", "", "专利审查指南", (f"{P}/s3/#s3.p2",)),
    ("term", "", "海牙协定", (f"{P}/s7/#s7.p1", f"{Q}/s4/#s4.p1")),
    ("term", "", "地理标志", (f"{P}/s3/#s3.p3", f"{P}/s3/#s3.p2", f"{Q}/s7/#s7.p1")),
    ("term", "", "技术与创新支持中心", (f"{P}/s6/#s6.p1",)),
    ("term", "", "专利转化", (f"{Q}/s2/#s2.p1", f"{P}/s5/#s5.p1")),
    ("term", "", "质押融资", (f"{Q}/s2/#s2.p2",)),
    ("term", "", "蓝天专项行动", (f"{P}/s6/#s6.p2", f"{Q}/s6/#s6.p1")),
    ("phrase", "", "疫情防控", (f"{P}/s8/#s8.p2",)),
    ("phrase", "", "商标恶意注册", (f"{P}/s4/#s4.p2",)),
    ("phrase", "", "知识产权宣传周", (f"{P}/s8/#s8.p2", f"{Q}/s8/#s8.p1")),
    ("term", "", "专利导航", (f"{P}/s5/#s5.p2",)),
    ("phrase", "", "压缩审查周期", (f"{Q}/s3/#s3.p1",)),
    ("phrase", "", "培训骨干", (f"{Q}/s9/#s9.p1",)),
    # Japanese on the Japanese edition.
    ("term", "ja/", "ハーグ協定", (f"ja/{P}/s7/#s7.p1",)),
    ("term", "ja/", "地理的表示", (f"ja/{P}/s3/#s3.p3", f"ja/{P}/s3/#s3.p2", f"ja/{P}/s5/#s5.p2")),
    ("term", "ja/", "知的財産権保護センター", (f"ja/{P}/s3/#s3.p3",)),
    ("term", "ja/", "専利審査指南", (f"ja/{P}/s3/#s3.p2",)),
    ("term", "ja/", "グリーンチャネル", (f"ja/{P}/s4/#s4.p1",)),
    ("phrase", "ja/", "商標の悪意ある登録", (f"ja/{P}/s4/#s4.p2",)),
    ("phrase", "ja/", "感染症対策", (f"ja/{P}/s8/#s8.p2",)),
    ("term", "ja/", "専利ナビゲーション", (f"ja/{P}/s5/#s5.p2",)),
    ("phrase", "ja/", "知的財産権 強国", (f"ja/{P}/s2/#s2.p1", f"ja/{P}/s2/#s2.title")),
    ("term", "ja/", "特許", (f"ja/{P}/s4/#s4.p1", f"ja/{P}/s3/#s3.p2", "ja/glossary/#patent")),
    ("term", "ja/", "WIPO", (f"ja/{P}/s7/#s7.p1", "ja/glossary/#wipo")),
    # Chinese typed on the Japanese and English editions (the original stands there).
    ("chinese", "ja/", "知识产权保护中心", (f"ja/{P}/s3/#s3.p3",)),
    ("chinese", "ja/", "专利导航", (f"ja/{P}/s5/#s5.p2",)),
    ("chinese", "ja/", "质押融资", (f"ja/{Q}/s2/#s2.p2",)),
    ("chinese", "en/", "海牙协定", (f"en/{P}/s7/#s7.p1", f"en/{Q}/s4/#s4.p1")),
    ("chinese", "en/", "专利转化", (f"en/{Q}/s2/#s2.p1", f"en/{P}/s5/#s5.p1")),
    ("chinese", "en/", "知识产权 强国", (f"en/{P}/s2/#s2.p1", f"en/{P}/s2/#s2.title")),
    ("chinese", "en/", "压缩审查周期", (f"en/{Q}/s3/#s3.p1",)),
    # English words and phrases.
    ("phrase", "en/", "Hague Agreement", (f"en/{P}/s7/#s7.p1",)),
    ("phrase", "en/", "geographical indications", (f"en/{P}/s3/#s3.p2", f"en/{P}/s3/#s3.p3")),
    ("phrase", "en/", "Technology and Innovation Support Centers", (f"en/{P}/s6/#s6.p1",)),
    ("phrase", "en/", "patent navigation", (f"en/{P}/s5/#s5.p2",)),
    ("term", "en/", "trademark", (f"en/{P}/s4/#s4.p2", f"en/{P}/s4/#s4.p1", f"en/{P}/s3/#s3.p2")),
    ("term", "en/", "patents", (f"en/{P}/s4/#s4.p1", f"en/{P}/s3/#s3.p2", f"en/{P}/s5/#s5.p1")),
    ("phrase", "en/", "bad-faith trademark registrations", (f"en/{P}/s4/#s4.p2",)),
    ("phrase", "en/", "epidemic prevention and control", (f"en/{P}/s8/#s8.p2",)),
    ("phrase", "en/", "open licensing", (f"en/{P}/s5/#s5.p1",)),
    ("phrase", "en/", "IP protection centers", (f"en/{P}/s3/#s3.p3",)),
    ("phrase", "en/", "Belt and Road", (f"en/{P}/s7/#s7.p1",)),
    ("phrase", "en/", "green channel", (f"en/{P}/s4/#s4.p1",)),
    ("term", "en/", "SAMR", ("en/glossary/#samr", f"en/{P}/s3/#s3.p3")),
    ("phrase", "en/", "Blue Sky campaign", (f"en/{P}/s6/#s6.p2", f"en/{Q}/s6/#s6.p1")),
    ("phrase", "en/", "Olympic symbols", (f"en/{P}/s3/#s3.p3",)),
    ("phrase", "en/", "trademark law", (f"en/{P}/s3/#s3.p2",)),
    ("phrase", "en/", "专利 navigation", (f"en/{P}/s5/#s5.p2",)),
    ("phrase", "", "奥林匹克标志", (f"{P}/s3/#s3.p3",)),
    # What the issue saw: a short term crowded out by the glossary (any paragraph of the plan will do).
    ("term", "en/", "IP", (f"en/{P}/s*",)),
    ("term", "en/", "patents", (f"en/{P}/s*",)),
    # The last word while it is being typed.
    ("prefix", "", "知识产权保护中", (f"{P}/s3/#s3.p3",)),
    ("prefix", "", "海牙协", (f"{P}/s7/#s7.p1", f"{Q}/s4/#s4.p1")),
    ("prefix", "ja/", "ハーグ協", (f"ja/{P}/s7/#s7.p1",)),
    ("prefix", "ja/", "グリーンチャ", (f"ja/{P}/s4/#s4.p1",)),
    ("prefix", "en/", "geograph", (f"en/{P}/s3/#s3.p2", f"en/{P}/s3/#s3.p3", f"en/{P}/s7/#s7.p1")),
    ("prefix", "en/", "trade", (f"en/{P}/s4/#s4.p2", f"en/{P}/s4/#s4.p1", f"en/{P}/s3/#s3.p2")),
    ("prefix", "en/", "navig", (f"en/{P}/s5/#s5.p2",)),
    ("prefix", "en/", "arbitra", (f"en/{P}/s3/#s3.p3",)),
    ("prefix", "en/", "epidemic prev", (f"en/{P}/s8/#s8.p2",)),
    # Typing mistakes in Latin words of five letters or more.
    ("typo", "en/", "Hauge", (f"en/{P}/s7/#s7.p1",)),
    ("typo", "en/", "geografical indications", (f"en/{P}/s3/#s3.p2", f"en/{P}/s3/#s3.p3")),
    ("typo", "en/", "trademrak", (f"en/{P}/s4/#s4.p2", f"en/{P}/s4/#s4.p1", f"en/{P}/s3/#s3.p2")),
    ("typo", "en/", "arbitraton", (f"en/{P}/s3/#s3.p3",)),
    ("typo", "en/", "epidemc", (f"en/{P}/s8/#s8.p2",)),
    ("typo", "en/", "patent navigaton", (f"en/{P}/s5/#s5.p2",)),
    ("typo", "en/", "rural revitalisation", (f"en/{P}/s5/#s5.p2",)),
    ("typo", "en/", "IP protection centres", (f"en/{P}/s3/#s3.p3",)),
    ("typo", "ja/", "Hauge", (f"ja/{P}/s7/#s7.p1", "ja/glossary/#hague-agreement")),
    # Pinyin of the glossary's terms, with or without tones and spaces, on every edition.
    ("pinyin", "", "zhuanli", ("glossary/#patent",)),
    ("pinyin", "", "haiya xieding", ("glossary/#hague-agreement",)),
    ("pinyin", "", "dili biaozhi", ("glossary/#geographical-indication",)),
    ("pinyin", "", "zhishichanquan baohu zhongxin", ("glossary/#ip-protection-center",)),
    ("pinyin", "ja/", "zhuān lì", ("ja/glossary/#patent",)),
    ("pinyin", "ja/", "zhi shi chan quan", ("ja/glossary/#intellectual-property",)),
    ("pinyin", "en/", "zhuanli", ("en/glossary/#patent",)),
    ("pinyin", "en/", "dìlǐ biāozhì", ("en/glossary/#geographical-indication",)),
    # Kana readings of the glossary's terms.
    ("kana", "ja/", "せんり", ("ja/glossary/#patent",)),
    ("kana", "ja/", "ちてきざいさんけん", ("ja/glossary/#intellectual-property",)),
    ("kana", "ja/", "ちりてきひょうじ", ("ja/glossary/#geographical-indication",)),
    # Full-width, half-width and case.
    ("width", "", "ＣＮＩＰＡ", ("glossary/#cnipa",)),
    ("width", "ja/", "ﾊｰｸﾞ協定", (f"ja/{P}/s7/#s7.p1",)),
    ("width", "en/", "ＷＩＰＯ", (f"en/{P}/s7/#s7.p1", "en/glossary/#wipo")),
    ("width", "en/", "HAGUE AGREEMENT", (f"en/{P}/s7/#s7.p1",)),
]
