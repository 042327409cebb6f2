"""One pipeline: load → checked (report, type, findings) → render → output steps.

A model built or changed in code is checked like a loaded one before it is
printed; a render right after a load does not check it again.
"""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest

import baocao
import baocao.plugin
from baocao import api, batch
from baocao.errors import OutputError
from baocao.loai.ke_hoach.model import KeHoach
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
from baocao.outputs import DOCX, Output, prepare

from conftest import BAC_KAN, EXAMPLES
from docx_reading import texts


def _with_ho_ngheo(report: BaoCaoRaSoatHoNgheo, so_ho: int) -> BaoCaoRaSoatHoNgheo:
    ho = report.ket_qua.ho_ngheo.model_copy(update={"so_ho": so_ho})
    return report.model_copy(update={"ket_qua": report.ket_qua.model_copy(update={"ho_ngheo": ho})})


def test_a_figure_changed_with_model_copy_is_checked_before_printing() -> None:
    # model_copy skips pydantic's validators: before, the body printed 240 hộ and
    # the appendix 242, with no error.
    changed = _with_ho_ngheo(baocao.load(BAC_KAN, BaoCaoRaSoatHoNgheo), 240)
    with pytest.raises(baocao.DataError) as caught:
        baocao.render(changed)
    [finding] = caught.value.findings
    assert (finding.code, finding.path) == ("khong-khop-bieu", "ket_qua.ho_ngheo.so_ho")
    assert finding.file is None and finding.line is None  # built in code: no file
    assert str(finding).startswith("<dữ liệu>: ket_qua.ho_ngheo.so_ho: ghi 240 ")


def test_a_value_of_the_wrong_type_set_in_code_is_a_data_error() -> None:
    changed = baocao.load(BAC_KAN).model_copy(update={"so": "mười hai"})
    with pytest.raises(baocao.DataError) as caught:
        baocao.render(changed)
    assert [(f.path, f.code) for f in caught.value.findings] == [("so", "kieu-so-nguyen")]


def test_the_consistency_rules_run_on_models_changed_in_code() -> None:
    # A báo cáo numbered as a kế hoạch: the frame's rule, not a pydantic validator.
    changed = baocao.load(BAC_KAN).model_copy(update={"ky_hieu": "KH-UBND"})
    with pytest.raises(baocao.DataError) as caught:
        baocao.render(changed)
    assert [f.code for f in caught.value.findings] == ["ky-hieu-sai-loai"]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_rechecking_a_valid_model_gives_the_same_model(example: Path) -> None:
    report = baocao.load(example)
    copy = report.model_copy()  # another object: not remembered, so checked again
    checked = api.check(copy)
    assert checked.report == report and type(checked.report) is type(report)
    assert checked.report_type.name == report.loai


def test_a_model_built_in_code_renders_like_the_loaded_one(bac_kan_docx: bytes) -> None:
    loaded = baocao.load(BAC_KAN)
    built = BaoCaoRaSoatHoNgheo.model_validate(loaded.model_dump())
    assert baocao.render(built) == bac_kan_docx


class _Counting:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = api.consistency_problems

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(api, "consistency_problems", counted)


def test_a_render_right_after_a_load_does_not_check_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = _Counting(monkeypatch)
    report = baocao.load(BAC_KAN)
    assert rules.calls == 1
    baocao.render(report)
    baocao.render(report)
    assert rules.calls == 1


def test_a_model_changed_in_place_is_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    report = baocao.load(BAC_KAN, BaoCaoRaSoatHoNgheo)
    rules = _Counting(monkeypatch)
    assert report.bieu_tong_hop is not None
    report.bieu_tong_hop.dong.pop()  # a frozen model's lists stay mutable
    with pytest.raises(baocao.DataError) as caught:
        baocao.render(report)
    assert {f.code for f in caught.value.findings} == {"khong-khop-bieu"}
    assert rules.calls == 1  # the rules compare section III with the computed table totals


def test_remembered_checks_go_with_their_model() -> None:
    gc.collect()
    before = len(api._MEMO)
    report = baocao.load(BAC_KAN)
    assert len(api._MEMO) == before + 1
    del report
    gc.collect()
    assert len(api._MEMO) == before


def test_another_registry_resolves_the_type_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from baocao.registry import Registry

    report = baocao.load(BAC_KAN)
    with pytest.raises(baocao.DataError) as caught:
        baocao.render(report, registry=Registry())  # knows no type
    assert [f.code for f in caught.value.findings] == ["loai-khong-ro"]


# --- load narrowed to a model class -------------------------------------------------------------------

def test_load_narrows_to_the_model_class() -> None:
    report = baocao.load(BAC_KAN, BaoCaoRaSoatHoNgheo)
    assert isinstance(report, BaoCaoRaSoatHoNgheo) and report.ket_qua.ho_ngheo.so_ho == 242
    assert isinstance(baocao.load(BAC_KAN, baocao.plugin.VanBanHanhChinh), BaoCaoRaSoatHoNgheo)


def test_load_with_another_types_model_points_at_loai() -> None:
    with pytest.raises(baocao.DataError) as caught:
        baocao.load(BAC_KAN, KeHoach)
    [finding] = caught.value.findings
    assert finding.code == "sai-loai" and finding.path == "loai" and finding.line is not None
    assert "«ra-soat-ho-ngheo»" in finding.message and "«ke-hoach»" in finding.message


# --- output steps ---------------------------------------------------------------------------------------

class _TextOutput:
    """A format of this test's own: the document's lines as plain text."""

    suffix = ".txt"

    def prepare(self) -> None:
        return None

    def write(self, document: bytes, target: Path) -> Path:
        path = target.with_suffix(self.suffix)
        path.write_text("\n".join(texts(document)), encoding="utf-8")
        return path


def test_batch_writes_every_output_step(tmp_path: Path) -> None:
    steps: list[Output] = [DOCX, _TextOutput()]
    outcome = batch.render_one(str(BAC_KAN), str(tmp_path / "bao-cao.docx"), outputs=steps)
    assert outcome.ok, outcome.error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx", "bao-cao.txt"]
    assert "BÁO CÁO" in (tmp_path / "bao-cao.txt").read_text(encoding="utf-8").splitlines()


def test_a_step_that_cannot_run_stops_before_any_work(tmp_path: Path) -> None:
    class Missing(_TextOutput):
        def prepare(self) -> None:
            raise OutputError("thiếu công cụ")

    with pytest.raises(OutputError):
        prepare([DOCX, Missing()])
    with pytest.raises(OutputError):
        batch.main([str(BAC_KAN)], tmp_path / "out", workers=1, template=None,
                   outputs=[DOCX, Missing()], quiet=True, out=io.StringIO())
    assert not (tmp_path / "out").exists()


def test_the_docx_step_writes_what_render_returns(tmp_path: Path, bac_kan_docx: bytes) -> None:
    target = tmp_path / "bao-cao.docx"
    assert DOCX.write(bac_kan_docx, target) == target
    assert target.read_bytes() == bac_kan_docx
