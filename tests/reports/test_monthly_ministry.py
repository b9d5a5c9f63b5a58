"""The monthly report in the ministry's shape: Indonesian labels, people counted once,
tables that add up, and the three files (PDF, XLSX, CSV) an admin sends."""

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from unittest import mock

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from casework.models import Case, ServiceType
from casework.models.cases import AccessRoute, Approach
from casework.models.plans import Component
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from casework.services.service_records import record_service
from clients.models import AtensiCluster, Consent, DisabilityType, PPKSCategory
from reports import rendering, spreadsheets
from reports.monthly import build_monthly_report, build_report
from reports.monthly.base import PEOPLE
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE, Period
from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db
THIS_MONTH = timezone.localdate().replace(day=1)
INTERNAL_CODES = {
    *Component.values,
    *AccessRoute.values,
    *Approach.values,
    *Stage.values,
    "L",
    "P",
    "0-5",
    "6-12",
    "60+",
}
# Every query the monthly report of one centre reads, at most (a count that grows with the
# data is a query per row somewhere).
QUERY_BUDGET = 51


@pytest.fixture
def served(centre, worker, supervisor):
    """Four people this month: a girl of 8 (neglected child, Jakarta Pusat, two clusters:
    children from her category and disability chosen by hand), a man of 30, a woman of
    70 (elderly), and a man with no date of birth and no category; one service each for
    two of them."""
    neglected = PPKSCategory.objects.get(code="anak_terlantar", centre=None)
    elderly = PPKSCategory.objects.get(code="lansia_terlantar", centre=None)
    today = timezone.localdate()
    people = [
        ClientFactory(
            centre=centre,
            registered_by=worker,
            sex="P",
            birth_date=today - timedelta(days=8 * 365 + 10),
            category=neglected,
            province_code="31",
            regency_code="3171",
        ),
        ClientFactory(
            centre=centre, registered_by=worker, birth_date=today - timedelta(days=30 * 366)
        ),
        ClientFactory(
            centre=centre,
            registered_by=worker,
            sex="P",
            birth_date=today - timedelta(days=70 * 366),
            category=elderly,
        ),
        ClientFactory(centre=centre, registered_by=worker, birth_date=None),
    ]
    people[0].clusters.add(AtensiCluster.objects.get(code="disability", centre=None))
    cases = [open_case_for(person, worker, supervisor) for person in people]
    Case.objects.filter(pk=cases[1].pk).update(approaches=[Approach.FAMILY])
    cash = ServiceType.objects.get(code="cash_assistance", centre=None)
    for case, amount in [(cases[0], 1200000), (cases[0], 300000), (cases[2], 50000)]:
        record_service(
            by=worker,
            case=case,
            data={"service_type": cash, "amount": amount, "provider_staff": worker},
        )
    return cases


def test_every_table_about_people_totals_the_people_served(centre, served):
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    people_tables = [t for t in report.tables if t.counts == PEOPLE]
    assert {t.key for t in people_tables} >= {
        "categories",
        "clusters",
        "age",
        "approach",
        "province",
        "regency",
        "disability",
    }
    for table in people_tables:
        assert table.total[-1] == report.figures["clients_served"] == 4, table.key
    for table in report.tables:
        if table.total and table.counts != PEOPLE:
            # Other totals add up their rows (a person column is counted, not summed).
            for index, value in enumerate(table.total):
                if isinstance(value, int) and table.key != "services" or index == 2:
                    assert value == sum(row[index] for row in table.rows), table.key
    clusters = report.table("clusters")
    assert dict(map(tuple, clusters.rows)) == {
        "Children": 1,
        "Persons with disabilities": 1,
        "Elderly": 1,
        "No ATENSI cluster": 2,
    }
    assert "1 people belong to more than one group" in clusters.note
    assert sum(row[1] for row in clusters.rows) == 5 and clusters.total[1] == 4


def test_groups_are_in_reading_order_and_people_are_counted_per_person(centre, served):
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    ages = [row[0] for row in report.table("age").rows]
    assert ages == ["6–12 years", "18–59 years", "60 years and over", "Date of birth unknown"]
    assert report.table("age").rows[0] == ["6–12 years", 0, 1, 1]
    assert report.table("categories").total == ["Total people served", 2, 2, 4]
    assert dict(map(tuple, report.table("approach").rows)) == {
        "Residential": 3,
        "Family-based": 1,
    }
    regencies = dict(map(tuple, report.table("regency").rows))
    assert regencies["Kota Administrasi Jakarta Pusat (Daerah Khusus Ibukota Jakarta)"] == 1
    services = report.table("services")
    assert services.rows == [["Social aid and social assistance", "Cash assistance", 3, 2, 1550000]]
    assert report.table("components").total[1] == 2
    residents = dict(map(tuple, report.table("residents").rows))
    assert "Residents at the start of the period" in residents


@pytest.mark.indonesian
def test_the_xlsx_is_in_indonesian_with_formats_and_frozen_headers(centre, served):
    with translation.override("id"):
        report = build_monthly_report(centre=centre, month=THIS_MONTH)
        workbook = load_workbook(io.BytesIO(spreadsheets.monthly_xlsx(report)))
    assert workbook.sheetnames[0] == "Ringkasan"
    assert "Layanan" in workbook.sheetnames and "Kelompok umur" in workbook.sheetnames
    assert len(workbook.sheetnames) == len(report.tables) + 1
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A3", sheet.title
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert value not in INTERNAL_CODES, (sheet.title, value)
    services = workbook["Layanan"]
    assert services["A3"].value == "Bantuan sosial dan asistensi sosial"
    assert services["E3"].value == 1550000 and services["E3"].number_format == "#,##0"
    summary = {r[0]: r[1] for r in workbook["Ringkasan"].iter_rows(min_row=3, values_only=True)}
    assert summary["Orang yang dilayani"] == 4


@pytest.mark.indonesian
def test_the_csv_files_use_semicolons_decimal_commas_and_a_bom(centre, served):
    with translation.override("id"):
        report = build_monthly_report(centre=centre, month=THIS_MONTH)
        archive = zipfile.ZipFile(io.BytesIO(spreadsheets.monthly_csv_zip(report, language="id")))
    names = archive.namelist()
    assert names[0] == "00_ringkasan.csv" and len(names) == len(report.tables) + 1
    raw = archive.read(next(n for n in names if n.endswith("_layanan.csv")))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Komponen", "Layanan", "Kali", "Orang", "Nilai (Rp)"]
    assert rows[1] == ["Bantuan sosial dan asistensi sosial", "Bantuan tunai", "3", "2", "1550000"]
    assert rows[2][0] == "Total" and rows[2][4] == "1550000"
    for name in names:
        for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";"):
            assert not set(row) & INTERNAL_CODES, (name, row)
    age = archive.read(next(n for n in names if n.endswith("_kelompok-umur.csv")))
    age_rows = list(csv.reader(io.StringIO(age.decode("utf-8-sig")), delimiter=";"))
    assert age_rows[-1] == ["Jumlah orang yang dilayani", "2", "2", "4"]


def test_one_csv_writer_guards_formulas_and_writes_decimal_commas():
    from sentra.csvfile import csv_bytes

    content = csv_bytes([["=1+1", "-2", 12.5, 3, "+x", "@y", "\tz", "Budi"]], language="id")
    row = next(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert row == ["'=1+1", "'-2", "12,5", "3", "'+x", "'@y", "'\tz", "Budi"]
    english = csv_bytes([[12.5]], language="en").decode("utf-8-sig")
    assert english.strip() == "12.5"


def test_quarters_and_the_year_to_date_cover_their_months():
    november = date(2026, 11, 1)
    quarter = Period.of(QUARTER, november)
    assert (quarter.first, quarter.end) == (date(2026, 10, 1), date(2027, 1, 1))
    assert quarter.previous() == Period(QUARTER, date(2026, 7, 1), date(2026, 10, 1))
    ytd = Period.of(YEAR_TO_DATE, november)
    assert (ytd.first, ytd.end) == (date(2026, 1, 1), date(2026, 12, 1))
    assert ytd.previous().first == date(2025, 1, 1) and ytd.previous().end == date(2025, 12, 1)
    assert Period.of(MONTH, date(2026, 1, 15)).previous().first == date(2025, 12, 1)
    with translation.override("id"):
        assert quarter.label == "Triwulan IV 2026"
        assert ytd.label == "Januari–November 2026"


def test_a_quarter_counts_what_its_months_count(centre, served):
    month = build_monthly_report(centre=centre, month=THIS_MONTH)
    quarter = build_report(centre=centre, period=Period.of(QUARTER, THIS_MONTH))
    assert quarter.figures == month.figures
    assert [t.key for t in quarter.tables] == [t.key for t in month.tables]


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")


@needs_poppler
@pytest.mark.indonesian
def test_the_monthly_pdf_is_ready_to_sign(centre, served, admin):
    from sentra.models import Centre

    Centre.objects.filter(pk=centre.pk).update(
        head_name="Dra. Siti Rahmawati, M.Si.",
        head_nip="196805121990032001",
        head_title="Kepala Sentra",
        address="Jl. Sudirman 12, Jakarta",
        phone="021-555-1234",
    )
    centre.refresh_from_db()
    with translation.override("id"):
        report = build_monthly_report(centre=centre, month=THIS_MONTH)
        html = rendering.render_html(
            "reports/pdf/monthly_report.html",
            rendering.monthly_report_context(report, prepared_by=admin),
        )
        pdf = rendering.html_to_pdf(html)
        period = report.period.label
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for expected in [
        "LAPORAN BULANAN",
        period,
        "Jl. Sudirman 12, Jakarta",
        "Dra. Siti Rahmawati, M.Si.",
        "NIP 196805121990032001",
        "Disiapkan oleh",
        admin.full_name,
        "Bantuan sosial dan asistensi sosial",
        "1.550.000",
        "Jumlah orang yang dilayani",
    ]:
        assert expected in text, expected
    assert "decent_living" not in text and "assistance" not in text


def test_every_category_of_a_person_counts_and_gives_its_cluster(centre, worker, supervisor):
    """Other categories count like the primary one and bring their clusters; disability types
    count too; someone not served counts nowhere, whatever their record says."""
    neglected = PPKSCategory.objects.get(code="anak_terlantar", centre=None)
    elderly = PPKSCategory.objects.get(code="lansia_terlantar", centre=None)
    physical = DisabilityType.objects.get(code="fisik", centre=None)
    both = ClientFactory(centre=centre, registered_by=worker, category=neglected)
    both.other_categories.add(elderly)
    both.disability_types.add(physical)
    old = ClientFactory(centre=centre, registered_by=worker, category=elderly)
    for person in (both, old):
        open_case_for(person, worker, supervisor)
    not_served = ClientFactory(centre=centre, registered_by=worker, category=neglected)
    not_served.other_categories.add(elderly)
    not_served.disability_types.add(physical)
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    categories = report.table("categories")
    assert {row[0]: row[-1] for row in categories.rows} == {
        "Neglected children": 1,
        "Neglected elderly": 2,
    }
    assert categories.total[-1] == 2 and categories.note.startswith("1 people")
    clusters = report.table("clusters")
    assert dict(map(tuple, clusters.rows)) == {"Children": 1, "Elderly": 2}
    assert clusters.note.startswith("1 people")
    assert dict(map(tuple, report.table("disability").rows)) == {
        "Physical disability": 1,
        "No disability recorded": 1,
    }


def test_stage_days_average_the_stages_left_by_real_moves(centre, worker, supervisor):
    """Moves made through the service, a month ago: access left after 3 days, engagement
    after 5; the stage the case is in has not been left and does not count."""
    last_month = (THIS_MONTH - timedelta(days=1)).replace(day=1)
    opened = datetime.combine(last_month + timedelta(days=1), time(12), tzinfo=UTC)
    client = ClientFactory(centre=centre, registered_by=worker)
    with mock.patch("django.utils.timezone.now", return_value=opened):
        Consent.objects.create(
            client=client,
            purpose=Consent.Purpose.SERVICES,
            given_by=Consent.GivenBy.CLIENT,
            recorded_by=worker,
        )
        case = open_case_for(client, worker, supervisor)
    for days, stage in [(3, Stage.ENGAGEMENT), (8, Stage.ASSESSMENT)]:
        with mock.patch("django.utils.timezone.now", return_value=opened + timedelta(days=days)):
            move_case_to_stage(by=worker, case=case, to_stage=stage)
    report = build_monthly_report(centre=centre, month=last_month)
    assert report.table("stage_days").rows == [
        ["Access facilitation", 3.0],
        ["Initial approach and agreement", 5.0],
    ]


def test_the_report_reads_as_many_queries_whatever_its_people(
    centre, served, worker, supervisor, django_assert_max_num_queries
):
    """Every table reads its figures in a fixed number of queries: none per person, per
    category, per service or per stage move."""
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        build_monthly_report(centre=centre, month=THIS_MONTH)
    elderly = PPKSCategory.objects.get(code="lansia_terlantar", centre=None)
    cash = ServiceType.objects.get(code="cash_assistance", centre=None)
    for _n in range(3):
        person = ClientFactory(centre=centre, registered_by=worker, category=elderly)
        person.other_categories.add(PPKSCategory.objects.get(code="anak_terlantar", centre=None))
        person.clusters.add(AtensiCluster.objects.get(code="disability", centre=None))
        person.disability_types.add(DisabilityType.objects.get(code="fisik", centre=None))
        case = open_case_for(person, worker, supervisor)
        record_service(
            by=worker, case=case, data={"service_type": cash, "amount": 1, "provider_staff": worker}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        report = build_monthly_report(centre=centre, month=THIS_MONTH)
    assert report.figures["clients_served"] == 7
