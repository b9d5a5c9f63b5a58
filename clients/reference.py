"""The ministry's reference lists (docs/domain.md), loaded by a data migration.

Codes are stable: reports and imports use them. Centres may add their own entries.
"""

CLUSTERS = [
    ("children", "Anak", "Children"),
    ("elderly", "Lanjut usia", "Elderly"),
    ("disability", "Penyandang disabilitas", "Persons with disabilities"),
    ("disaster_emergency", "Korban bencana dan kedaruratan", "Disaster and emergency victims"),
    ("other_ppks", "PPKS lainnya", "Other PPKS"),
]

# (code, Indonesian, English, usual cluster)
PPKS_CATEGORIES = [
    ("anak_balita_terlantar", "Anak balita terlantar", "Neglected toddlers", "children"),
    ("anak_terlantar", "Anak terlantar", "Neglected children", "children"),
    ("abh", "Anak berhadapan dengan hukum (ABH)", "Children in conflict with the law", "children"),
    ("anak_jalanan", "Anak jalanan", "Street children", "children"),
    ("anak_disabilitas", "Anak dengan disabilitas", "Children with disabilities", "children"),
    (
        "anak_korban_kekerasan",
        "Anak korban tindak kekerasan atau perlakuan salah",
        "Child victims of violence or mistreatment",
        "children",
    ),
    (
        "anak_perlindungan_khusus",
        "Anak yang memerlukan perlindungan khusus",
        "Children needing special protection",
        "children",
    ),
    ("lansia_terlantar", "Lanjut usia terlantar", "Neglected elderly", "elderly"),
    ("penyandang_disabilitas", "Penyandang disabilitas", "Persons with disabilities", "disability"),
    ("tuna_susila", "Tuna susila", "Sex workers", "other_ppks"),
    ("gelandangan", "Gelandangan", "Homeless people", "other_ppks"),
    ("pengemis", "Pengemis", "Beggars", "other_ppks"),
    ("pemulung", "Pemulung", "Scavengers", "other_ppks"),
    ("kelompok_minoritas", "Kelompok minoritas", "Minority groups", "other_ppks"),
    ("bwblp", "Bekas warga binaan lembaga pemasyarakatan", "Former prisoners", "other_ppks"),
    ("odha", "Orang dengan HIV/AIDS (ODHA)", "People living with HIV/AIDS", "other_ppks"),
    ("korban_napza", "Korban penyalahgunaan NAPZA", "Victims of drug abuse (NAPZA)", "other_ppks"),
    ("korban_trafficking", "Korban perdagangan orang", "Trafficking victims", "other_ppks"),
    ("korban_kekerasan", "Korban tindak kekerasan", "Victims of violence", "other_ppks"),
    (
        "pmbs",
        "Pekerja migran bermasalah sosial",
        "Migrant workers with social problems",
        "other_ppks",
    ),
    (
        "korban_bencana_alam",
        "Korban bencana alam",
        "Natural-disaster victims",
        "disaster_emergency",
    ),
    (
        "korban_bencana_sosial",
        "Korban bencana sosial",
        "Social-disaster victims",
        "disaster_emergency",
    ),
    (
        "perempuan_rawan_sosial_ekonomi",
        "Perempuan rawan sosial ekonomi",
        "Socio-economically vulnerable women",
        "other_ppks",
    ),
    ("fakir_miskin", "Fakir miskin", "The poor", "other_ppks"),
    (
        "keluarga_bermasalah",
        "Keluarga bermasalah sosial psikologis",
        "Families with social-psychological problems",
        "other_ppks",
    ),
    ("kat", "Komunitas adat terpencil", "Remote indigenous communities", "other_ppks"),
]

DISABILITY_TYPES = [
    ("fisik", "Disabilitas fisik", "Physical disability"),
    ("intelektual", "Disabilitas intelektual", "Intellectual disability"),
    ("mental", "Disabilitas mental (psikososial)", "Mental (psychosocial) disability"),
    ("sensorik_netra", "Disabilitas sensorik netra", "Visual impairment"),
    ("sensorik_rungu_wicara", "Disabilitas sensorik rungu/wicara", "Hearing or speech impairment"),
    ("ganda", "Disabilitas ganda (multi)", "Multiple disabilities"),
]


def load(apps) -> None:
    """Create or update the ministry's entries (idempotent)."""
    cluster_model = apps.get_model("clients", "AtensiCluster")
    category_model = apps.get_model("clients", "PPKSCategory")
    disability_model = apps.get_model("clients", "DisabilityType")
    clusters = {}
    for order, (code, name_id, name_en) in enumerate(CLUSTERS):
        clusters[code], _ = cluster_model.objects.update_or_create(
            code=code,
            centre=None,
            defaults={"name_id": name_id, "name_en": name_en, "sort_order": order},
        )
    for order, (code, name_id, name_en, cluster) in enumerate(PPKS_CATEGORIES):
        category_model.objects.update_or_create(
            code=code,
            centre=None,
            defaults={
                "name_id": name_id,
                "name_en": name_en,
                "sort_order": order,
                "cluster": clusters[cluster],
            },
        )
    for order, (code, name_id, name_en) in enumerate(DISABILITY_TYPES):
        disability_model.objects.update_or_create(
            code=code,
            centre=None,
            defaults={"name_id": name_id, "name_en": name_en, "sort_order": order},
        )
