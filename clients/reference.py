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

# Clusters added when the mapping became many-to-many (clients migration 0004): the
# ministry's directorates of social rehabilitation for "tuna sosial dan korban perdagangan
# orang" and for victims of drug abuse.
CLUSTERS_2026 = [
    (
        "social_tuna_trafficking",
        "Tuna sosial dan korban perdagangan orang",
        "Social tuna and trafficking victims",
    ),
    ("napza", "Korban penyalahgunaan NAPZA", "Victims of drug abuse (NAPZA)"),
]

ORANG_TERLANTAR = ("orang_terlantar", "Orang terlantar", "Neglected persons")

# Category code -> the clusters it falls into (admin-editable afterwards: ClusterMapping).
# No category of the ministry's list falls into "PPKS lainnya" unless it is one of the
# poverty and family categories that no directorate of rehabilitation owns.
CLUSTER_MAPPING = {
    "anak_balita_terlantar": ["children"],
    "anak_terlantar": ["children"],
    "abh": ["children"],
    "anak_jalanan": ["children", "social_tuna_trafficking"],
    "anak_disabilitas": ["children", "disability"],
    "anak_korban_kekerasan": ["children", "social_tuna_trafficking"],
    "anak_perlindungan_khusus": ["children"],
    "lansia_terlantar": ["elderly"],
    "penyandang_disabilitas": ["disability"],
    "tuna_susila": ["social_tuna_trafficking"],
    "gelandangan": ["social_tuna_trafficking"],
    "pengemis": ["social_tuna_trafficking"],
    "pemulung": ["social_tuna_trafficking"],
    "kelompok_minoritas": ["social_tuna_trafficking"],
    "bwblp": ["social_tuna_trafficking"],
    "odha": ["social_tuna_trafficking"],
    "korban_napza": ["napza"],
    "korban_trafficking": ["social_tuna_trafficking"],
    "korban_kekerasan": ["social_tuna_trafficking"],
    "pmbs": ["social_tuna_trafficking"],
    "korban_bencana_alam": ["disaster_emergency"],
    "korban_bencana_sosial": ["disaster_emergency"],
    "perempuan_rawan_sosial_ekonomi": ["other_ppks"],
    "fakir_miskin": ["other_ppks"],
    "keluarga_bermasalah": ["other_ppks"],
    "kat": ["other_ppks"],
    "orang_terlantar": ["social_tuna_trafficking"],
}

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
    # Before clients migration 0006 a category had one usual cluster (a foreign key).
    has_usual_cluster = _has_field(category_model, "cluster")
    for order, (code, name_id, name_en, cluster) in enumerate(PPKS_CATEGORIES):
        defaults = {"name_id": name_id, "name_en": name_en, "sort_order": order}
        if has_usual_cluster:
            defaults["cluster"] = clusters[cluster]
        category_model.objects.update_or_create(code=code, centre=None, defaults=defaults)
    for order, (code, name_id, name_en) in enumerate(DISABILITY_TYPES):
        disability_model.objects.update_or_create(
            code=code,
            centre=None,
            defaults={"name_id": name_id, "name_en": name_en, "sort_order": order},
        )
    try:
        apps.get_model("clients", "ClusterMapping")
    except LookupError:
        return  # the state of clients migration 0002: the mapping came later
    load_cluster_mapping(apps)


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def load_cluster_mapping(apps) -> None:
    """Add the 2026 clusters and "Orang terlantar", and map each ministry category to its
    clusters (idempotent; a centre's own categories keep the mapping their admin set)."""
    cluster_model = apps.get_model("clients", "AtensiCluster")
    category_model = apps.get_model("clients", "PPKSCategory")
    mapping_model = apps.get_model("clients", "ClusterMapping")
    start = len(CLUSTERS)
    for order, (code, name_id, name_en) in enumerate(CLUSTERS_2026, start=start):
        cluster_model.objects.update_or_create(
            code=code,
            centre=None,
            defaults={"name_id": name_id, "name_en": name_en, "sort_order": order},
        )
    # "PPKS lainnya" stays last.
    cluster_model.objects.filter(code="other_ppks", centre=None).update(sort_order=99)
    code, name_id, name_en = ORANG_TERLANTAR
    category_model.objects.update_or_create(
        code=code,
        centre=None,
        defaults={"name_id": name_id, "name_en": name_en, "sort_order": len(PPKS_CATEGORIES)},
    )
    clusters = {c.code: c for c in cluster_model.objects.filter(centre=None)}
    for category in category_model.objects.filter(centre=None, code__in=CLUSTER_MAPPING):
        for cluster_code in CLUSTER_MAPPING[category.code]:
            mapping_model.objects.get_or_create(category=category, cluster=clusters[cluster_code])
    if _has_field(category_model, "cluster"):
        # A centre's own category keeps the usual cluster its admin chose.
        for category in category_model.objects.exclude(centre=None).exclude(cluster=None):
            mapping_model.objects.get_or_create(category=category, cluster_id=category.cluster_id)
