"""Reference lists: the §5.2 service-item catalogue and the life-and-health industry segments.

Seeded by a data migration and re-ensured by `load_demo` (transactional tests flush migration data).
"""

from __future__ import annotations

SERVICE_ITEMS = [
    # code, Chinese (§5.2 wording), English, consulting item, needs a patent agency licence
    ("information_analysis", "信息分析", "Information analysis", True, False),
    ("patent_mining", "专利挖掘", "Patent mining", False, True),
    ("high_value_patents", "高价值专利培育", "High-value patent cultivation", False, True),
    ("application_drafting", "专利申请文件撰写", "Patent application drafting", False, True),
    ("application_prosecution", "专利申请流程服务", "Patent application procedures", False, True),
    ("management_system", "制度建设", "Management system building", True, False),
    ("pledge_financing", "知识产权质押融资", "IP pledge financing", True, False),
    ("patent_operation", "专利运营", "Patent operation", True, False),
    ("enforcement", "维权保护", "Rights enforcement", False, False),
    ("strategy", "战略规划", "Strategic planning", True, False),
    ("training", "人才培养", "Talent training", True, False),
]

SEGMENTS = [
    ("生物医药", "Biopharmaceuticals"),
    ("医疗器械", "Medical devices"),
    ("体外诊断", "In-vitro diagnostics"),
    ("健康服务", "Health services"),
    ("中医药", "Traditional Chinese medicine"),
    ("数字医疗", "Digital health"),
    ("医药研发外包", "Contract research (CRO/CDMO)"),
]


def ensure(service_item_model, segment_model) -> None:
    """Create missing entries, keep edited ones (admins may rename or extend the lists)."""
    for position, (code, zh, en, consulting, licence) in enumerate(SERVICE_ITEMS):
        service_item_model.objects.get_or_create(
            code=code,
            defaults={"name_zh": zh, "name_en": en, "is_consulting": consulting,
                      "requires_patent_licence": licence, "position": position},
        )
    for position, (zh, en) in enumerate(SEGMENTS):
        segment_model.objects.get_or_create(name_zh=zh, defaults={"name_en": en, "position": position})
