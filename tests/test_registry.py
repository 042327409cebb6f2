"""The registry: checks at registration, entry points (faked, never installed), clashes."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import baocao
from baocao import cli
from baocao.errors import DataError, PluginError, TemplateError
from baocao.registry import PluginWarning, Registry, ReportType, default_registry, load_plugins
from baocao.templates_build import builtin_types

import plugin_fixtures
from docx_reading import texts


class FakeDistribution(metadata.Distribution):
    """An installed distribution that exists only in memory: a name and entry points."""

    def __init__(self, name: str, entry_points: dict[str, str]) -> None:
        self._name = name
        lines = "".join(f"{key} = {value}\n" for key, value in entry_points.items())
        self._files = {
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
            "entry_points.txt": f"[baocao.reports]\n{lines}",
        }

    def read_text(self, filename: str) -> str | None:
        return self._files.get(filename)

    def locate_file(self, path: Any) -> Path:
        return Path(path)


def entry_points(*dists: FakeDistribution) -> list[metadata.EntryPoint]:
    return [ep for dist in dists for ep in dist.entry_points]


def registry_with(*dists: FakeDistribution) -> Registry:
    registry = Registry()
    for report_type in builtin_types():
        registry.register(report_type)
    registry.add_plugins(load_plugins(entry_points(*dists)))
    return registry


def messages(caught: Iterable[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]


GOOD = FakeDistribution("baocao-thong-bao", {"thong-bao": "plugin_fixtures:thong_bao"})


def test_each_builtin_entry_point_is_named_as_its_type() -> None:
    """default_registry imports a built-in type when its name is first asked for, by its
    entry point's name: the two must agree."""
    own = [ep for ep in metadata.entry_points(group="baocao.reports") if ep.dist and ep.dist.name == "baocao"]
    assert own and all(load_plugins([ep])[0].name == ep.name for ep in own)


def test_a_command_imports_only_the_type_it_asks_for() -> None:
    code = ("import sys; from baocao.registry import default_registry; "
            "default_registry().get('cong-van'); "
            "print(sorted(m for m in sys.modules if m.startswith('baocao.loai.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[2] for name in ast.literal_eval(result.stdout)}
    assert "cong_van" in loaded and "ra_soat_ho_ngheo" not in loaded and "ke_hoach" not in loaded


def test_a_plugin_is_registered_under_its_distribution_name() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        registry = registry_with(GOOD)
    report_type = registry.get("thong-bao")
    assert report_type.package == "baocao-thong-bao"
    assert report_type.model is plugin_fixtures.ThongBao
    assert [t.name for t in registry] == [t.name for t in sorted(registry, key=lambda t: t.name)]
    assert {"ra-soat-ho-ngheo", "thong-bao"} <= {t.name for t in registry}


def test_an_entry_point_may_name_the_type_itself() -> None:
    dist = FakeDistribution("goi-khac", {"thong-bao": "plugin_fixtures:THONG_BAO"})
    assert registry_with(dist).get("thong-bao").title == "Thông báo (bản khác)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("khong_co_mo_dun:x", "ModuleNotFoundError"),
        ("plugin_fixtures:khong_co", "AttributeError"),
        ("plugin_fixtures:not_a_type", "không phải một baocao.ReportType"),
        ("plugin_fixtures:raises", "lỗi trong gói"),
    ],
)
def test_a_broken_plugin_is_a_warning_naming_it_and_the_rest_work(value: str, expected: str) -> None:
    broken = FakeDistribution("baocao-hong", {"loai-hong": value})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = registry_with(broken, GOOD)
    [message] = messages(caught)
    assert "«loai-hong»" in message and "«baocao-hong»" in message and expected in message
    assert "thong-bao" in registry and "ra-soat-ho-ngheo" in registry


def test_a_plugin_whose_model_pydantic_cannot_build_is_a_warning_when_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """baocao's blocks build their validators when first used (defer_build); a plugin's
    model is still built when the plugin loads, so a broken one is refused then, as it
    was when pydantic failed while the plugin's module was imported."""
    (tmp_path / "baocao_mo_hinh_hong.py").write_text(textwrap.dedent("""\
        from typing import Literal

        import plugin_fixtures
        from baocao.plugin import ReportType


        class KhongCoLuocDo:
            pass


        class Model(plugin_fixtures.ThongBao):
            loai: Literal["mo-hinh-hong"] = "mo-hinh-hong"
            la: KhongCoLuocDo


        def report_type():
            return ReportType(name="mo-hinh-hong", title="Hỏng", model=Model,
                              template=plugin_fixtures.THONG_BAO.template)
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    broken = FakeDistribution("baocao-hong", {"mo-hinh-hong": "baocao_mo_hinh_hong:report_type"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = registry_with(broken, GOOD)
    [message] = messages(caught)
    assert message.startswith("bỏ qua loại báo cáo «mo-hinh-hong» của gói «baocao-hong»: "
                              "PydanticSchemaGenerationError: ")
    assert "mo-hinh-hong" not in registry and "thong-bao" in registry


def test_a_plugin_cannot_take_a_builtin_name() -> None:
    thief = FakeDistribution("baocao-gia", {"ra-soat-ho-ngheo": "plugin_fixtures:ra_soat_ho_ngheo"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = registry_with(thief, GOOD)
    [message] = messages(caught)
    assert "«baocao-gia»" in message and "«baocao»" in message and "«ra-soat-ho-ngheo»" in message
    assert registry.get("ra-soat-ho-ngheo").package == "baocao"
    assert registry.get("thong-bao").package == "baocao-thong-bao"


def test_two_plugins_with_one_name_are_both_refused_naming_both(tmp_path: Path) -> None:
    other = FakeDistribution("baocao-thong-bao-2", {"thong-bao": "plugin_fixtures:THONG_BAO"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = registry_with(GOOD, other)
    [message] = messages(caught)
    assert "«baocao-thong-bao»" in message and "«baocao-thong-bao-2»" in message
    assert registry.clashes() == {"thong-bao": ["baocao-thong-bao", "baocao-thong-bao-2"]}
    with pytest.raises(PluginError, match="baocao-thong-bao-2"):
        registry.get("thong-bao")
    data = tmp_path / "tb.yaml"
    data.write_text("loai: thong-bao\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        baocao.load(data, registry=registry)
    [finding] = error.value.findings
    assert finding.line == 1 and "baocao-thong-bao-2" in finding.message
    # The other types keep working.
    assert registry.get("ra-soat-ho-ngheo").package == "baocao"


def test_a_plugin_template_with_an_unknown_variable_is_refused_with_a_warning() -> None:
    dist = FakeDistribution("baocao-bien-la", {"bien-la": "plugin_fixtures:unknown_variable"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry = registry_with(dist)
    [message] = messages(caught)
    assert "«so_lieu_khong_co»" in message and "«baocao-bien-la»" in message
    assert "bien-la" not in registry


def test_registration_checks_the_model_and_the_template(tmp_path: Path) -> None:
    template = plugin_fixtures.thong_bao().template

    class NotAReport(BaseModel):
        loai: str = "x"

    cases: list[tuple[ReportType, str]] = [
        (ReportType("x", "X", NotAReport, template), "VanBanHanhChinh"),  # type: ignore[arg-type]
        (ReportType("Thong Bao", "X", plugin_fixtures.ThongBao, template), "không hợp lệ"),
        (ReportType("khac", "X", plugin_fixtures.ThongBao, template), "«thong-bao»"),
        (ReportType("thong-bao", "X", plugin_fixtures.ThongBao, tmp_path / "none.docx"), "không tìm thấy"),
    ]
    for report_type, expected in cases:
        with pytest.raises(PluginError, match=expected):
            Registry().register(report_type)


def test_registering_one_name_twice_names_both_packages() -> None:
    registry = Registry()
    registry.register(plugin_fixtures.thong_bao())
    with pytest.raises(PluginError) as error:
        registry.register(plugin_fixtures.replace_package(plugin_fixtures.THONG_BAO, "goi-b"))
    assert "«goi-b»" in str(error.value) and "«baocao»" in str(error.value)


def test_templates_command_lists_types_titles_and_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    other = FakeDistribution("baocao-thong-bao-2", {"thong-bao": "plugin_fixtures:THONG_BAO"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        registry = registry_with(GOOD, other)
    monkeypatch.setattr("baocao.registry._default", registry)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["templates"], stdout=out, stderr=err) == 0
    lines = out.getvalue().splitlines()
    assert any(line.startswith("ra-soat-ho-ngheo ") and "[baocao]" in line for line in lines)
    assert any(line.startswith("thong-bao ") and "baocao-thong-bao, baocao-thong-bao-2" in line
               for line in lines)


def test_cli_prints_plugin_warnings_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = FakeDistribution("baocao-hong", {"loai-hong": "khong_co_mo_dun:x"})
    monkeypatch.setattr("baocao.registry._default", None)
    monkeypatch.setattr("baocao.registry.load_plugins",
                        lambda: load_plugins(entry_points(broken, GOOD)))
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["templates"], stdout=out, stderr=err) == 0
    assert err.getvalue().startswith(
        "baocao: cảnh báo: bỏ qua loại báo cáo «loai-hong» của gói «baocao-hong»")
    assert "thong-bao" in out.getvalue()
    monkeypatch.setattr("baocao.registry._default", None)


def test_the_installed_default_registry_has_every_builtin() -> None:
    names = {t.name for t in default_registry()}
    assert {t.name for t in builtin_types()} <= names
    assert all(default_registry().get(t.name).package == "baocao" for t in builtin_types())


def test_a_plugin_type_renders(tmp_path: Path) -> None:
    registry = registry_with(GOOD)
    data = tmp_path / "tb.yaml"
    data.write_text(textwrap.dedent("""\
        loai: thong-bao
        co_quan: {ten: [Ủy ban nhân dân, xã Mỹ Thanh], ten_goi_tat: UBND xã, viet_tat: UBND}
        ky_hieu: TB-UBND
        dia_danh: Mỹ Thanh
        ngay: 2024-03-05
        trich_yeu: Lịch tiếp công dân tháng 3 năm 2024
        noi_dung: ["UBND xã **thông báo** lịch tiếp công dân."]
        noi_nhan: {danh_sach: [Các thôn]}
        nguoi_ky: {tham_quyen: TM., thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn A}
        """), encoding="utf-8")
    rendered = baocao.render(baocao.load(data, registry=registry), registry=registry)
    assert rendered is not None
    lines = texts(rendered)
    assert "THÔNG BÁO" in lines and "UBND xã thông báo lịch tiếp công dân." in lines


def test_check_template_errors_are_template_errors() -> None:
    report_type = plugin_fixtures.thong_bao()
    with pytest.raises(TemplateError, match=r"hong\.docx: không đọc được mẫu"):
        baocao.registry.check_template(report_type, b"not a zip", "hong.docx")


@pytest.mark.parametrize("report_type", builtin_types(), ids=lambda t: t.name)
def test_builtin_templates_pass_the_check_default_registry_skips(report_type: ReportType) -> None:
    """default_registry trusts the built-in templates (for speed); this is why it may."""
    baocao.registry.check_template(report_type, report_type.template_bytes(), report_type.name)


@pytest.mark.parametrize("report_type", builtin_types(), ids=lambda t: t.name)
def test_variables_found_as_docxtpl_finds_them(
    report_type: ReportType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docxtpl import DocxTemplate
    from jinja2 import meta

    from baocao.engine import make_environment

    data = report_type.template_bytes()
    expected = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(
        jinja_env=make_environment())
    found: list[set[str]] = []
    original = meta.find_undeclared_variables

    def spy(tree: Any) -> set[str]:
        found.append(original(tree))
        return found[-1]

    monkeypatch.setattr("baocao.registry.meta.find_undeclared_variables", spy)
    baocao.registry.check_template(report_type, data, report_type.name)
    assert found == [expected] and expected
