"""An offline map of China: the 34 provincial-level divisions as a tile grid.

One square per division, placed by hand so that neighbours stay neighbours (north at the
top, west on the left: 新疆 top left, 黑龙江 top right, 海南 and the two SARs at the
bottom).  Nothing is drawn from map data, nothing is fetched: the page is HTML and CSS.
The names are the full official names used by the gazetteer (GB/T 2260), with the short
name shown on the tile.
"""

from __future__ import annotations

# full name, short name, column, row (1-based CSS grid lines)
TILES: list[tuple[str, str, int, int]] = [
    ("黑龙江省", "黑龙江", 7, 1),
    ("内蒙古自治区", "内蒙古", 4, 2), ("北京市", "北京", 5, 2), ("辽宁省", "辽宁", 6, 2), ("吉林省", "吉林", 7, 2),
    ("新疆维吾尔自治区", "新疆", 1, 3), ("甘肃省", "甘肃", 2, 3), ("宁夏回族自治区", "宁夏", 3, 3),
    ("山西省", "山西", 4, 3), ("河北省", "河北", 5, 3), ("天津市", "天津", 6, 3),
    ("西藏自治区", "西藏", 1, 4), ("青海省", "青海", 2, 4), ("陕西省", "陕西", 3, 4), ("河南省", "河南", 4, 4),
    ("山东省", "山东", 5, 4),
    ("四川省", "四川", 2, 5), ("重庆市", "重庆", 3, 5), ("湖北省", "湖北", 4, 5), ("安徽省", "安徽", 5, 5),
    ("江苏省", "江苏", 6, 5), ("上海市", "上海", 7, 5),
    ("云南省", "云南", 2, 6), ("贵州省", "贵州", 3, 6), ("湖南省", "湖南", 4, 6), ("江西省", "江西", 5, 6),
    ("浙江省", "浙江", 6, 6),
    ("广西壮族自治区", "广西", 3, 7), ("广东省", "广东", 4, 7), ("福建省", "福建", 5, 7), ("台湾省", "台湾", 6, 7),
    ("海南省", "海南", 3, 8), ("澳门特别行政区", "澳门", 4, 8), ("香港特别行政区", "香港", 5, 8),
]
COLUMNS = max(t[2] for t in TILES)
ROWS = max(t[3] for t in TILES)

# Colour levels by number of cases: 0, 1, 2-3, 4-7, 8-15, 16 and more.
LEVELS = [(0, 0), (1, 1), (2, 3), (4, 7), (8, 15), (16, None)]


def level(n: int) -> int:
    for k, (lo, hi) in enumerate(LEVELS):
        if n >= lo and (hi is None or n <= hi):
            return k
    return 0


def level_label(k: int) -> str:
    lo, hi = LEVELS[k]
    if hi is None:
        return f"{lo} 个及以上"
    return f"{lo} 个" if lo == hi else f"{lo}–{hi} 个"


def tile_for(province: str) -> tuple[str, str, int, int] | None:
    """The tile of a province name (full name, or a short one such as 湖北 or 广西)."""
    for t in TILES:
        if province == t[0] or province == t[1]:
            return t
    return None
