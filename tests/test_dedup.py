"""Duplicates: exact copies under other URLs, near duplicates across sources, across runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from aggregator.store import ArticleStore, dedup
from tests.conftest import ROOT

STORY = (
    "Sáng 12-10, tại xã Mẫu Sơn, Ban Quản lý khu du lịch tổ chức lễ khai mạc mùa du lịch mới với nhiều "
    "hoạt động văn hóa đặc sắc của đồng bào Dao và Tày. Theo Ban tổ chức, năm nay khu du lịch đón khoảng "
    "hai mươi nghìn lượt khách, tăng gần một phần ba so với cùng kỳ. Các hộ dân làm dịch vụ lưu trú được "
    "tập huấn kỹ năng đón khách, giữ gìn vệ sinh môi trường và bảo tồn nghề dệt thổ cẩm truyền thống. "
    "Dịp này, chính quyền xã cũng ra mắt tuyến đường bê tông mới dẫn lên đỉnh núi, rút ngắn thời gian "
    "di chuyển cho du khách và bà con trồng chè, trồng đào trên núi."
)
EDITED = (
    "(TTXVN) - Sáng 12-10, tại xã Mẫu Sơn, Ban Quản lý khu du lịch tổ chức lễ khai mạc mùa du lịch mới với "
    "nhiều hoạt động văn hóa đặc sắc của đồng bào Dao và Tày. Theo Ban tổ chức, năm nay khu du lịch đón "
    "khoảng hai mươi nghìn lượt khách, tăng gần một phần ba so với cùng kỳ. Các hộ dân làm dịch vụ lưu trú "
    "được tập huấn kỹ năng đón khách, giữ gìn vệ sinh môi trường và bảo tồn nghề dệt thổ cẩm truyền thống."
)
OTHER = (
    "Chiều 14-10, Sở Nông nghiệp tỉnh kiểm tra tiến độ thu hoạch lúa mùa tại các cánh đồng mẫu lớn ở phía "
    "nam. Năng suất bình quân đạt hơn sáu tấn mỗi héc-ta, giá bán ổn định nhờ hợp đồng bao tiêu với doanh "
    "nghiệp. Ngành chức năng khuyến cáo nông dân làm đất sớm cho vụ đông, ưu tiên giống ngô chịu rét và "
    "rau màu ngắn ngày, đồng thời theo dõi sát diễn biến thời tiết để chủ động phòng chống rét đậm."
)


def article(article_id: str, title: str, body: str, *, source: str = "baolangson", **extra: str) -> dict:
    row = {
        "id": article_id,
        "url": f"https://{source}.vn/{article_id}.html",
        "source": source,
        "title": title,
        "body": body,
        "content_hash": f"{article_id}-hash",
        "published": "2026-10-12T09:00:00+07:00",
    }
    return row | extra


def cluster_of(store: ArticleStore, article_id: str) -> str:
    return store.db.execute("select cluster_id from articles where id = ?", [article_id]).fetchone()[0]


def test_signature_is_stable_across_processes() -> None:
    code = "from aggregator.store import dedup; print(dedup.signature('lễ hội xuống đồng ở xã Mẫu Sơn').tolist())"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs != {""}


def test_edited_copy_is_similar() -> None:
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(EDITED)) >= dedup.THRESHOLD


def test_different_story_is_not_similar() -> None:
    assert dedup.similarity(dedup.signature(STORY), dedup.signature(OTHER)) < dedup.THRESHOLD


def test_diacritics_and_case_do_not_matter() -> None:
    plain = "sang 12-10, tai xa mau son, ban quan ly khu du lich to chuc le khai mac"
    accented = "Sáng 12-10, tại xã Mẫu Sơn, Ban Quản lý khu du lịch tổ chức lễ khai mạc"
    assert np.array_equal(dedup.signature(plain), dedup.signature(accented))


def test_buckets_are_one_per_band() -> None:
    assert len(set(dedup.buckets(dedup.signature(STORY)))) == dedup.BANDS


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "articles.db"


def test_republished_story_joins_the_first_cluster_in_a_later_run(db: Path) -> None:
    with ArticleStore(db) as first_run:
        first_run.save_articles([article("a1", "Mẫu Sơn khai mạc mùa du lịch", STORY)])
    with ArticleStore(db) as second_run:  # a new process: only the database carries the state
        result = second_run.save_articles(
            [article("b1", "Khai mạc mùa du lịch Mẫu Sơn", EDITED, source="baocaobang")]
        )
        assert (result.clustered, cluster_of(second_run, "b1")) == (1, "a1")


def test_unrelated_story_keeps_its_own_cluster(db: Path) -> None:
    with ArticleStore(db) as store:
        store.save_articles([article("a1", "Mẫu Sơn khai mạc mùa du lịch", STORY)])
        store.save_articles([article("c1", "Thu hoạch lúa mùa", OTHER)])
        assert cluster_of(store, "c1") == "c1"


def test_copies_within_one_batch_cluster_together(db: Path) -> None:
    with ArticleStore(db) as store:
        store.save_articles(
            [
                article("a1", "Mẫu Sơn khai mạc", STORY),
                article("b1", "Khai mạc ở Mẫu Sơn", EDITED, source="baocaobang"),
            ]
        )
        assert cluster_of(store, "b1") == "a1"


def test_revision_keeps_the_cluster(db: Path) -> None:
    with ArticleStore(db) as store:
        store.save_articles([article("a1", "Mẫu Sơn khai mạc", STORY)])
        store.save_articles([article("b1", "Khai mạc ở Mẫu Sơn", EDITED, source="baocaobang")])
        store.save_articles(
            [
                article(
                    "b1",
                    "Khai mạc ở Mẫu Sơn (cập nhật)",
                    EDITED + " Thêm một câu.",
                    source="baocaobang",
                    content_hash="b1-v2",
                )
            ]
        )
        assert cluster_of(store, "b1") == "a1"


def test_exact_copy_under_another_url_is_an_alias(db: Path) -> None:
    with ArticleStore(db) as store:
        store.save_articles([article("a1", "Mẫu Sơn khai mạc", STORY, content_hash="same")])
        result = store.save_articles([article("a2", "Mẫu Sơn khai mạc", STORY, content_hash="same")])
        aliases = store.db.execute("select url, article_id from article_urls").fetchall()
        assert (result.duplicates, store.count(), aliases) == (
            1,
            1,
            [("https://baolangson.vn/a2.html", "a1")],
        )


def test_exact_copy_in_another_paper_is_kept_and_clustered(db: Path) -> None:
    with ArticleStore(db) as store:
        store.save_articles([article("a1", "Mẫu Sơn khai mạc", STORY, content_hash="same")])
        store.save_articles(
            [article("b1", "Mẫu Sơn khai mạc", STORY, content_hash="same", source="baocaobang")]
        )
        assert (store.count(), cluster_of(store, "b1")) == (2, "a1")


def test_candidate_lookup_uses_the_bucket_index(db: Path) -> None:
    with ArticleStore(db) as store:
        plan = store.db.execute(
            "explain query plan select article from lsh_buckets where bucket in (1, 2)"
        ).fetchall()
        assert "PRIMARY KEY" in " ".join(str(step) for step in plan)


def test_a_chain_within_one_batch_joins_the_first_cluster(db: Path) -> None:
    """S stored; then A (a copy of S) and B (a copy of A) in one batch: all one cluster."""
    longer = STORY + " Buổi lễ kết thúc bằng đêm hát then, đàn tính bên bếp lửa của bà con."
    with ArticleStore(db) as store:
        store.save_articles([article("s1", "Mẫu Sơn khai mạc mùa du lịch", STORY)])
        store.save_articles(
            [
                article("a1", "Khai mạc mùa du lịch", longer, source="baocaobang"),
                article("b1", "Mùa du lịch Mẫu Sơn", longer + " Tin, ảnh: T.H", source="baohungyen"),
            ]
        )
        assert {cluster_of(store, "a1"), cluster_of(store, "b1")} == {"s1"}
