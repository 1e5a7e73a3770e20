"""The canned queries the datasette plugin offers on a baotinh database.

Each reads through the store's indexes, so it answers within datasette's time limit at a million
articles: ``search`` walks the full-text index from the newest stored match (as ``baotinh
search`` does), ``latest_per_source`` seeks each paper's newest article, ``near_duplicates`` looks
at the clusters of the newest 5,000 articles.
"""

from __future__ import annotations

from typing import Any

SEARCH = """
select a.published, a.source_name, a.province, a.title, a.url, a.summary
from articles a
where a.rowid in (
  select rowid from articles_fts
  where articles_fts match baotinh_match(:words, :province)
  order by rowid desc limit 2000
)
and a.sort_time >= baotinh_day_start(:since)
order by a.sort_time desc
limit 100
"""

LATEST_PER_SOURCE = """
with recursive papers(source) as (
  select min(source) from articles
  union all
  select (select source from articles where source > papers.source order by source limit 1)
  from papers where papers.source is not null
)
select a.source_name, a.province, a.published, a.title, a.url
from papers
join articles a on a.rowid = (
  select rowid from articles where source = papers.source order by sort_time desc limit 1
)
order by a.sort_time desc
"""

NEAR_DUPLICATES = """
with recent as (
  select distinct cluster_id from (
    select cluster_id from articles order by sort_time desc limit 5000
  ) where cluster_id is not null
)
select
  (select title from articles f where f.cluster_id = recent.cluster_id order by f.sort_time limit 1) as story,
  min(a.published) as first_published,
  count(*) as articles,
  count(distinct a.source) as papers,
  group_concat(a.source_name, ', ') as paper_names,
  recent.cluster_id
from recent
join articles a on a.cluster_id = recent.cluster_id
group by recent.cluster_id
having count(*) > 1
order by max(a.sort_time) desc
limit 100
"""

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search": {
        "sql": SEARCH.strip(),
        "title": "Tìm bài báo",
        "description": 'Từ khóa (bỏ qua dấu và đ; OR, "cụm từ", -loại trừ), tỉnh (cả tên tỉnh cũ '
        "trước 2025), từ ngày (YYYY-MM-DD, có thể để trống). Mới nhất trước, tối đa 100 bài.",
        "params": ["words", "province", "since"],
    },
    "latest_per_source": {
        "sql": LATEST_PER_SOURCE.strip(),
        "title": "Bài mới nhất của mỗi báo",
        "description": "Mỗi báo một dòng: bài mới nhất của báo đó.",
    },
    "near_duplicates": {
        "sql": NEAR_DUPLICATES.strip(),
        "title": "Tin gần trùng",
        "description": "Câu chuyện được nhiều bài (thường của nhiều báo) đăng lại, trong 5.000 bài mới nhất.",
    },
}
