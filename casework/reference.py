"""The ministry's service catalogue per ATENSI component, loaded by a data migration;
centre admins add their own entries in the app."""

# (component, code, Indonesian, English, is vocational training)
CATALOGUE = [
    ("decent_living", "food_shelter", "Makan dan tempat tinggal", "Food and shelter", False),
    ("decent_living", "clothing", "Sandang", "Clothing", False),
    ("decent_living", "identity_documents", "Dokumen kependudukan", "Identity documents", False),
    (
        "decent_living",
        "health_access",
        "Akses layanan kesehatan",
        "Access to health services",
        False,
    ),
    ("decent_living", "education_access", "Akses pendidikan", "Access to education", False),
    ("care", "childcare", "Pengasuhan anak", "Childcare", False),
    ("care", "elderly_care", "Perawatan lansia", "Care of the elderly", False),
    ("family", "family_mediation", "Mediasi keluarga", "Family mediation", False),
    ("family", "reunification", "Reunifikasi keluarga", "Family reunification", False),
    ("family", "foster_family", "Keluarga pengganti", "Foster / substitute family", False),
    ("therapy", "counselling", "Konseling", "Counselling", False),
    ("therapy", "physiotherapy", "Fisioterapi", "Physiotherapy", False),
    ("therapy", "religious_guidance", "Bimbingan keagamaan", "Religious guidance", False),
    ("therapy", "group_therapy", "Terapi kelompok", "Group therapy", False),
    ("vocational", "sewing_training", "Pelatihan menjahit", "Sewing training", True),
    ("vocational", "salon_training", "Pelatihan salon", "Salon training", True),
    ("vocational", "business_capital", "Bantuan modal usaha", "Business capital", False),
    (
        "vocational",
        "starter_package",
        "Paket usaha (bantuan stimulan)",
        "Starter package (tools or materials)",
        False,
    ),
    ("assistance", "cash_assistance", "Bantuan tunai", "Cash assistance", False),
    ("assistance", "goods_assistance", "Bantuan barang", "Goods", False),
    ("accessibility", "assistive_device", "Alat bantu", "Assistive device", False),
    (
        "accessibility",
        "sign_interpreter",
        "Juru bahasa isyarat",
        "Sign-language interpreter",
        False,
    ),
]


def load(apps) -> None:
    service_type = apps.get_model("casework", "ServiceType")
    for component, code, name_id, name_en, training in CATALOGUE:
        service_type.objects.update_or_create(
            centre=None,
            code=code,
            defaults={
                "component": component,
                "name_id": name_id,
                "name_en": name_en,
                "is_training": training,
            },
        )
