"""The name of each kind of entity in the site's languages, apart from `i18n` to keep it
short; `i18n` adds them to its tables as `kind_<kind>` (used by the "what changed" page)."""

from __future__ import annotations

KIND_LABELS: dict[str, tuple[str, str]] = {
    "question": ("Question", "问题"),
    "principle": ("Principle", "原则"),
    "step": ("Buying step", "购买步骤"),
    "stage": ("Stage", "阶段"),
    "skill": ("Skill", "技能"),
    "tool": ("Tool", "工具"),
    "lever": ("Lever", "杠杆"),
    "play": ("Play", "打法"),
    "metric": ("Metric", "指标"),
    "cadence": ("Cadence", "节奏"),
    "tier": ("Tier", "客户分层"),
    "diagnostic": ("Diagnostic", "诊断"),
    "path": ("Onboarding path", "入职路径"),
    "role": ("Buyer role", "买方角色"),
    "objection": ("Objection", "异议"),
    "story": ("Story", "案例"),
    "competitor": ("Competitor", "竞争对手"),
    "form": ("Form", "表单"),
    "forecast": ("Forecast category", "预测类别"),
    "approval": ("Approval", "审批"),
    "fact": ("Fact", "数据"),
    "term": ("Term", "术语"),
}
"""The name of each kind of entity (en, zh), as `t("kind_<kind>")`."""
