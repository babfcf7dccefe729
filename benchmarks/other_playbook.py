"""A second, independent large playbook: Chinese, long Markdown, nine uneven stages.

    .venv/bin/python benchmarks/other_playbook.py OUT_DIR --skills 1300 [--seed 7]

Written from the contract (`CONTENT_MODEL.md`, `docs/format.md`), not from
`scale_playbook.py`, so that the scale benchmark can be checked on a playbook of another
shape than the one it was tuned on (issue 11: "re-measured on playbooks generated
independently of your script"). Where `scale_playbook` grows the English starter with
short one-line fields, this one writes every area from scratch, in Chinese:

- nine stages whose tasks use the skills unevenly (a few stages hold most of them, some
  skills serve two stages), with entry and exit criteria, evidence, CRM fields, forms;
- skills with long Markdown fields (paragraphs, lists, bold, tables, external links,
  `[[skill:…]]`, `[[play:…]]`, `[[term:…]]` links) and `[[fact:…]]` in plain-text fields;
- plays, objections, buying roles, customer stories and battlecards in proportion to the
  skills; 24 worksheets with other scales, knockouts and `see` lists; 8 forms using every
  field kind; three onboarding paths; values, management and relationships;
- a glossary of 640 Chinese terms (some with aliases and ids) built from the same words
  the text is written with, so the terms really occur in every page.

Everything is drawn from a seeded random generator: the same seed and size give the same
files. The folder written is the content folder (it holds `playbook.yml`).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml  # PyYAML (MkDocs' own dependency): the files are data, dumped, not templated

MODIFIERS = (
    "客户", "商机", "预算", "决策", "采购", "合同", "价格", "方案", "价值", "风险",
    "续约", "交付", "试点", "渠道", "行业", "竞争", "需求", "关系", "成功", "增长",
    "利润", "漏斗", "预测", "谈判", "审批", "安全", "集成", "培训", "上线", "数据",
    "回款", "线索",
)  # fmt: skip
HEADS = (
    "分析", "评估", "计划", "指标", "模型", "流程", "地图", "清单", "周期", "阶段",
    "会议", "报告", "策略", "标准", "信号", "档案", "矩阵", "路径", "节奏", "框架",
)  # fmt: skip
SPECIAL_TERMS = (
    ("ICP 评分", "理想客户画像的打分，满分 100。"),
    ("MEDDICC", "一种商机资格审查方法：指标、经济决策人、决策标准、决策流程、痛点、支持者、竞争。"),
    ("关键决策人", "对预算和最终签约拥有否决权的人。"),
    ("内部支持者", "在客户内部愿意并能够推动我们方案的人。"),
    ("现状竞争", "客户选择什么都不做，维持原样。"),
    ("联合行动计划", "双方共同签字确认的、到签约为止的行动时间表。"),
    ("POC", "概念验证：在客户环境里证明方案可行的短期项目。"),
    ("ARR", "年度经常性收入。"),
)
VERBS = ("确认", "推动", "记录", "复盘", "量化", "对齐", "更新", "澄清", "验证", "拆解", "跟进",
         "排序")
PEOPLE = ("客户的财务负责人", "采购经理", "业务部门负责人", "IT 架构师", "首席执行官",
          "我们的售前顾问", "销售经理", "法务", "最终用户", "项目经理")
CONNECT = ("因此", "同时", "另外", "在此之前", "如果做不到", "换句话说", "更重要的是", "最后")
CATEGORIES = ("开拓", "资格审查", "需求挖掘", "方案呈现", "价值证明", "商务谈判", "关系经营",
              "客户成功", "内部协同", "数据与预测", "行业专长")
STAGES = (
    ("lead", "线索培育", 1), ("qualify", "资格审查", 3), ("discover", "需求挖掘", 9),
    ("diagnose", "问题诊断", 14), ("design", "方案设计", 6), ("prove", "价值验证", 4),
    ("propose", "提交建议书", 2), ("negotiate", "商务谈判", 5), ("close", "签约交接", 1),
)
"""Id, title and weight: how much of the skill library each stage's tasks use."""
BUYING_STEPS = (("aware", "意识到问题"), ("explore", "探索方案"), ("choose", "比较并选择"),
                ("commit", "承诺与采购"))
FORECASTS = (("pipeline", "管道"), ("best-case", "最佳情况"), ("commit", "承诺"),
             ("closed", "已签约"))
TOOLS = ("crm", "cpq", "call-recorder", "proposal-builder", "roi-calculator", "data-room",
         "e-sign", "forecast-board")
WORKSHEETS = 24
FORMS = 8
FACTS = 30
PATHS = 3
REVIEWED = datetime.date(2025, 3, 1)


class Writer:
    """Chinese sentences, paragraphs and Markdown drawn from one seeded generator."""

    def __init__(self, seed: int, skill_ids: list[str], links: dict[str, list[str]]) -> None:
        self.rng = random.Random(seed)
        self.skill_ids = skill_ids
        self.links = links  # kind → ids that `[[kind:id]]` may name

    def term(self) -> str:
        """A glossary word: a compound, now and then a special term or an alias."""
        r = self.rng
        roll = r.random()
        if roll < 0.03:
            return r.choice(SPECIAL_TERMS)[0]
        return r.choice(MODIFIERS) + r.choice(HEADS) + ("工作" if roll > 0.97 else "")

    def fact(self) -> str:
        fact = f"fact-{self.rng.randrange(FACTS):02d}"
        return f"[[fact:{fact}]]"

    def sentence(self, refs: bool = True) -> str:
        """One sentence; with `refs`, sometimes a `[[fact:…]]`."""
        r = self.rng
        forms: list[Callable[[], str]] = [
            lambda: f"在{self.term()}之前，先和{r.choice(PEOPLE)}{r.choice(VERBS)}{self.term()}",
            lambda: f"{r.choice(CONNECT)}，{self.term()}决定了{self.term()}能否{r.choice(VERBS)}",
            lambda: f"用{self.term()}{r.choice(VERBS)}{self.term()}和{self.term()}之间的差距",
            lambda: f"{r.choice(PEOPLE)}最关心的是{self.term()}，而不是{self.term()}",
            lambda: f"每次{self.term()}都要{r.choice(VERBS)}{self.term()}，并写进{self.term()}",
            lambda: f"不要在没有{self.term()}的情况下{r.choice(VERBS)}{self.term()}",
            lambda: f"{self.term()}一旦落后于{self.term()}，"
            f"{r.choice(PEOPLE)}就会重新{r.choice(VERBS)}",
        ]
        text = r.choice(forms)()
        if refs and r.random() < 0.12:
            text += f"（目标：{self.fact()}）"
        return text + r.choice("。。。！")

    def sentences(self, low: int, high: int, refs: bool = True) -> str:
        return "".join(self.sentence(refs) for _ in range(self.rng.randint(low, high)))

    def plain(self, low: int = 1, high: int = 2) -> str:
        """A plain-text field: sentences, with `[[fact:…]]` now and then."""
        return self.sentences(low, high)

    def name(self, low: int = 1, high: int = 2) -> str:
        """A name of a thing (title, term, question): no references allowed."""
        return "与".join(self.term() for _ in range(self.rng.randint(low, high)))

    def link(self) -> str:
        r = self.rng
        kind = r.choice(sorted(self.links))
        target = r.choice(self.links[kind])
        if r.random() < 0.3:
            return f"[[{kind}:{target}|{self.term()}]]"
        return f"[[{kind}:{target}]]"

    def markdown(self, paragraphs: int) -> str:
        """Long Markdown: paragraphs with bold and links, a list, sometimes a table."""
        r = self.rng
        parts: list[str] = []
        for p in range(paragraphs):
            said = [self.sentence() for _ in range(r.randint(3, 6))]
            said[r.randrange(len(said))] = f"**{self.term()}**是关键：" + self.sentence()
            if r.random() < 0.6:
                said.append(f"参见{self.link()}。")
            if r.random() < 0.2:
                page = r.randrange(9999)
                said.append(f"详见[{self.term()}手册](https://intranet.example.com/wiki/{page})。")
            # a long Chinese paragraph written over two lines, as authors do
            middle = len(said) // 2
            parts.append("".join(said[:middle]) + "\n" + "".join(said[middle:]))
            if p == 0 or r.random() < 0.4:
                marker = "1." if r.random() < 0.5 else "-"
                items = [f"{marker} **{self.term()}**：{self.sentence()}"
                         for _ in range(r.randint(3, 6))]
                parts.append("\n".join(items))
        if r.random() < 0.15:
            rows = [f"| {self.term()} | {self.term()} | {self.fact()} |" for _ in range(3)]
            parts.append("| 环节 | 产出 | 标准 |\n| --- | --- | --- |\n" + "\n".join(rows))
        return "\n\n".join(parts) + "\n"

    def items(self, low: int, high: int, make: Callable[[], Any]) -> list[Any]:
        return [make() for _ in range(self.rng.randint(low, high))]


def literal_strings(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Multi-line text as a `|` block, as authors write Markdown; one line as usual."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(str, literal_strings)


def dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def entity(w: Writer, id_: str, title: str, **fields: Any) -> dict[str, Any]:
    """The common entity fields, some of them only now and then."""
    data: dict[str, Any] = {"id": id_, "title": title}
    if w.rng.random() < 0.5:
        data["summary"] = w.plain()
    data.update(fields)
    if w.rng.random() < 0.3:
        data["owner"] = w.rng.choice(PEOPLE)
        data["last_reviewed"] = REVIEWED - datetime.timedelta(days=w.rng.randrange(300))
    if w.rng.random() < 0.3:
        data["tags"] = [w.rng.choice(CATEGORIES) for _ in range(2)]
    return data


def stage_skills(skill_ids: list[str], rng: random.Random) -> dict[str, list[str]]:
    """Each skill to a stage drawn by the stages' weights; one in eight to a second one."""
    ids = [stage for stage, _, _ in STAGES]
    weights = [weight for _, _, weight in STAGES]
    used: dict[str, list[str]] = {stage: [] for stage in ids}
    for skill in skill_ids:
        first = rng.choices(ids, weights)[0]
        used[first].append(skill)
        if rng.random() < 0.125:
            second = rng.choice(ids)
            if second != first:
                used[second].append(skill)
    return used


def write(folder: Path, skills: int, seed: int = 7) -> None:
    """The whole playbook, `skills` skills, into `folder` (see the module docstring)."""
    rng = random.Random(seed)
    cats = [f"c{c:02d}" for c in range(len(CATEGORIES))]
    skill_ids = [f"{rng.choice(cats)}-skill-{n:04d}" for n in range(skills)]
    plays = [f"play-{p:03d}" for p in range(max(3, skills // 9))]
    objections = [f"obj-{o:03d}" for o in range(max(3, skills // 8))]
    stories = [f"story-{s:03d}" for s in range(max(3, skills // 40))]
    competitors = [f"rival-{c:02d}" for c in range(12)]
    terms = [m + h for m in MODIFIERS for h in HEADS]
    rng.shuffle(terms)
    terms = terms[:632]
    term_ids = {t: f"term-{i:03d}" for i, t in enumerate(terms) if i % 5 == 0}
    w = Writer(seed, skill_ids, {
        "skill": skill_ids, "play": plays, "objection": objections, "story": stories,
        "competitor": competitors, "term": sorted(term_ids.values()),
        "stage": [s for s, _, _ in STAGES],
    })
    dump(folder / "playbook.yml", {
        "name": "华东区企业销售手册", "language": "zh", "company": "远山软件",
        "owner": "销售运营部", "review_every_days": 3650,
        "summary": "我们如何在大型企业客户中发现、赢得并扩大商机。",
    })
    write_foundation(folder, w)
    write_process(folder, w, stage_skills(skill_ids, rng))
    for n, skill in enumerate(skill_ids):
        write_skill(folder / "skills" / f"{skill}.yml", w, skill, n)
    write_strategy(folder, w, plays)
    write_deal_areas(folder, w, objections, stories, competitors)
    for k in range(WORKSHEETS):
        write_worksheet(folder / "diagnostics" / f"check-{k:02d}.yml", w, k)
    for k in range(FORMS):
        write_form(folder / "forms" / f"form-{k}.yml", w, k)
    write_onboarding(folder, w)
    write_glossary(folder, w, terms, term_ids)
    dump(folder / "facts.yml", {"facts": [
        entity(w, f"fact-{f:02d}", f"{w.term()}门槛", value=rng.choice([15, 30, 60, 70, "A 级"]),
               unit=rng.choice(["天", "%", "分", "万元"]))
        for f in range(FACTS)
    ]})


def write_foundation(folder: Path, w: Writer) -> None:
    dump(folder / "values.yml", {
        "summary": w.markdown(1),
        "questions": [
            {"id": f"q{k}", "question": f"我们如何看待{w.name()}？", "answer": w.markdown(2),
             "implications": w.items(2, 4, w.plain)}
            for k in range(6)
        ],
        "principles": [entity(w, f"value-{k}", w.name(), body=w.markdown(1)) for k in range(8)],
        "anti_patterns": [{"title": w.name(), "why": w.plain()} for _ in range(5)],
    })
    metrics = [f"metric-{k:02d}" for k in range(14)]
    dump(folder / "management.yml", {
        "summary": w.markdown(1),
        "principles": [entity(w, f"manage-{k}", w.name(), body=w.markdown(1)) for k in range(5)],
        "metrics": [
            entity(w, m, f"{w.term()}率", kind="vanity" if k % 5 == 4 else "core",
                   formula=f"{w.term()} ÷ {w.term()}", target=w.fact(), why=w.plain())
            for k, m in enumerate(metrics)
        ],
        "cadences": [
            entity(w, f"cadence-{k}", f"{w.term()}例会", frequency=w.rng.choice(["每周", "每月"]),
                   agenda=w.items(3, 6, w.plain), metrics=w.rng.sample(metrics, 3))
            for k in range(4)
        ],
        "forecast_categories": [entity(w, f, t, definition=w.plain(2, 3)) for f, t in FORECASTS],
        "approvals": [
            entity(w, f"approval-{k}", f"{w.term()}审批", rules=[
                {"when": f"折扣超过 {10 * (r + 1)} %", "approver": w.rng.choice(PEOPLE)}
                for r in range(3)])
            for k in range(3)
        ],
    })
    dump(folder / "relationships.yml", {
        "summary": w.markdown(1),
        "principles": [entity(w, f"bond-{k}", w.name(), body=w.markdown(1)) for k in range(4)],
        "tiers": [
            entity(w, f"tier-{k}", f"{'ABC'[k]} 类客户", criteria=w.items(2, 4, w.plain),
                   cadence="每季度", success_plan=w.items(3, 5, w.plain))
            for k in range(3)
        ],
        "health_signals": [{"title": w.name(), "kind": "negative" if k % 3 else "positive"}
                           for k in range(9)],
    })
    dump(folder / "tools.yml", {"tools": [
        entity(w, t, f"{w.term()}工具", purpose=w.plain(),
               **({"url": f"https://tools.example.com/{t}"} if k % 2 else {}))
        for k, t in enumerate(TOOLS)
    ]})


def write_process(folder: Path, w: Writer, used: dict[str, list[str]]) -> None:
    r = w.rng
    steps = [s for s, _ in BUYING_STEPS]
    stages = []
    for s, (stage, title, _) in enumerate(STAGES):
        skills, tasks = used[stage], list[dict[str, Any]]()
        start = 0
        while start < len(skills) or not tasks:
            size = r.randint(5, 60)
            task: dict[str, Any] = {"title": f"{r.choice(VERBS)}{w.term()}",
                                    "skills": skills[start:start + size]}
            if r.random() < 0.5:
                task["tools"] = r.sample(TOOLS, 2)
            if r.random() < 0.3:
                task["forms"] = [f"form-{r.randrange(FORMS)}"]
            if r.random() < 0.6:
                task["body"] = w.markdown(1)
            tasks.append(task)
            start += size
        stages.append(entity(
            w, stage, title, goal=w.plain(), buyer_step=steps[s * len(steps) // len(STAGES)],
            body=w.markdown(2),
            entry_criteria=w.items(1, 3, w.plain),
            exit_criteria=[w.plain() if k % 2 else {"text": w.plain(), "evidence": w.plain()}
                           for k in range(r.randint(2, 5))],
            key_behaviors=w.items(2, 5, w.plain), tasks=tasks,
            typical_days=7 + 3 * s, max_days=20 + 5 * s, win_probability=5 + 10 * s,
            forecast=FORECASTS[min(3, s // 3)][0],
            crm_fields=[f"{w.term()}字段" for _ in range(r.randint(1, 5))],
        ))
    dump(folder / "process.yml", {
        "summary": w.markdown(1),
        "buying_process": [entity(w, s, t, buyer_actions=w.items(2, 4, w.plain))
                           for s, t in BUYING_STEPS],
        "stages": stages,
    })


def write_skill(path: Path, w: Writer, skill: str, n: int) -> None:
    r = w.rng
    data = entity(
        w, skill, f"{w.name(1, 2)}（{n}）",
        category=CATEGORIES[int(skill[1:3])],
        body=w.markdown(r.randint(2, 4)),
        techniques=[{"title": f"{r.choice(VERBS)}{w.term()}", "body": w.markdown(r.randint(1, 3))}
                    for _ in range(r.randint(2, 5))],
        questions_to_ask=[f"您怎么看{w.term()}和{w.term()}的关系？"
                          for _ in range(r.randint(3, 7))],
        common_mistakes=w.items(2, 5, w.plain),
        practice=w.items(1, 4, w.plain),
    )
    data.setdefault("summary", w.plain())
    dump(path, data)


def write_strategy(folder: Path, w: Writer, plays: list[str]) -> None:
    dump(folder / "strategy.yml", {
        "summary": w.markdown(2),
        "levers": [
            entity(w, f"lever-{k}", f"提升{w.term()}", body=w.markdown(1),
                   tactics=w.items(3, 5, w.plain), metrics=[f"metric-{k:02d}"])
            for k in range(5)
        ],
        "plays": [
            entity(w, p, f"{w.name()}打法", when=w.plain(), body=w.markdown(w.rng.randint(1, 2)),
                   steps=w.items(3, 7, w.plain),
                   stages=w.rng.sample([s for s, _, _ in STAGES], w.rng.randint(1, 3)))
            for p in plays
        ],
    })


def write_deal_areas(folder: Path, w: Writer, objections: list[str], stories: list[str],
                     competitors: list[str]) -> None:
    r = w.rng
    stage_ids = [s for s, _, _ in STAGES]
    dump(folder / "objections.yml", {"objections": [
        entity(w, o, f"“我们{w.term()}不够，{w.term()}也没定。”", meaning=w.plain(1, 3),
               response=w.markdown(r.randint(1, 3)), stages=r.sample(stage_ids, 2),
               stories=r.sample(stories, min(2, len(stories))))
        for o in objections
    ]})
    dump(folder / "proof.yml", {"stories": [
        entity(w, s, f"{w.term()}提升的故事", customer=f"客户{k}号", industry=r.choice(CATEGORIES),
               problem=w.plain(1, 3), body=w.markdown(1), public=k % 3 == 0,
               quote=w.sentence(False),
               results=[{"metric": w.term(), "before": f"{r.randint(10, 50)} 天",
                         "after": f"{r.randint(3, 9)} 天"} for _ in range(r.randint(1, 3))])
        for k, s in enumerate(stories)
    ]})
    kinds = ["status-quo", "in-house"] + ["vendor"] * (len(competitors) - 2)
    dump(folder / "competition.yml", {"competitors": [
        entity(w, c, "维持现状" if kind == "status-quo" else f"{w.term()}厂商{k}", kind=kind,
               strengths=w.items(2, 5, w.plain), weaknesses=w.items(2, 5, w.plain),
               landmines=[f"您如何{r.choice(VERBS)}{w.term()}？" for _ in range(3)],
               how_we_win=w.markdown(2), stories=r.sample(stories, min(2, len(stories))))
        for k, (c, kind) in enumerate(zip(competitors, kinds, strict=True))
    ]})
    dump(folder / "buyers.yml", {"summary": w.markdown(1), "roles": [
        entity(w, f"role-{k}", person, typical_titles=[person, f"{w.term()}总监"],
               cares_about=w.items(2, 4, w.plain), questions_to_ask=w.items(2, 4, w.plain),
               win_with=w.items(2, 4, w.plain), objections=r.sample(objections, 3))
        for k, person in enumerate(PEOPLE[:8])
    ]})


def write_worksheet(path: Path, w: Writer, k: int) -> None:
    r = w.rng
    low, high = ((1, 4), (0, 10), (1, 5))[k % 3]
    sections = []
    for s in range(r.randint(3, 6)):
        questions: list[dict[str, Any]] = []
        for q in range(r.randint(3, 8)):
            question: dict[str, Any] = {"id": f"s{s}-q{q}",
                                        "text": f"{w.term()}已经{r.choice(VERBS)}？"}
            if q % 3 == 0:
                question["weight"] = r.choice([0.5, 2, 3])
            if q == 0 and s == 0:
                question["knockout"] = True
            if r.random() < 0.3:
                question["see"] = [f"skill:{r.choice(w.skill_ids)}", "process"]
            questions.append(question)
        sections.append(entity(w, f"s{s}", w.name(), questions=questions, advice=w.markdown(1)))
    cuts = sorted(r.sample(range(10, 95, 5), r.randint(2, 4)))
    edges = [0, *cuts, 100]
    bands = [{"min": a, "max": b, "label": f"{'一二三四五'[i]}级", "advice": w.markdown(1)}
             for i, (a, b) in enumerate(itertools.pairwise(edges))]
    dump(path, entity(
        w, path.stem, f"{w.name()}自查表", audience=r.choice(PEOPLE), instructions=w.markdown(1),
        scale={"min": low, "max": high, "labels": {low: "完全没有", high: "完全做到"}},
        stages=r.sample([s for s, _, _ in STAGES], 2), sections=sections, bands=bands,
    ))


def write_form(path: Path, w: Writer, k: int) -> None:
    r = w.rng
    kinds = ["text", "long-text", "date", "number", "choice", "check", "table"]
    sections = []
    for s in range(r.randint(2, 4)):
        fields: list[dict[str, Any]] = []
        for f in range(r.randint(3, 7)):
            kind = kinds[(s + f) % len(kinds)]
            field: dict[str, Any] = {"id": f"s{s}-f{f}", "label": f"{w.term()}", "kind": kind}
            if kind == "choice":
                field["options"] = [w.term() for _ in range(3)]
            if kind == "table":
                field["columns"] = ["事项", "负责人", "日期"]
                field["rows"] = r.randint(3, 8)
            if r.random() < 0.4:
                field["help"] = w.plain(1, 1)
            if r.random() < 0.3:
                field["required"] = True
            fields.append(field)
        sections.append({"title": w.name(), "fields": fields})
    dump(path, entity(w, path.stem, f"{w.name()}表", purpose=w.plain(),
                      stages=[STAGES[k % len(STAGES)][0]], sections=sections))


def write_onboarding(folder: Path, w: Writer) -> None:
    r = w.rng
    stage_ids = [s for s, _, _ in STAGES]
    dump(folder / "onboarding.yml", {"summary": w.markdown(1), "paths": [
        entity(w, f"path-{p}", f"{w.term()}新人路径", body=w.markdown(1), steps=[
            {"title": w.name(), "week": week,
             "read": [f"stage:{r.choice(stage_ids)}", f"skill:{r.choice(w.skill_ids)}",
                      r.choice(["values", "glossary", "strategy"])],
             "do": w.items(2, 4, w.plain), "checkpoint": w.plain(1, 1)}
            for week in range(1, r.randint(6, 12))
        ])
        for p in range(PATHS)
    ]})


def write_glossary(folder: Path, w: Writer, terms: list[str], term_ids: dict[str, str]) -> None:
    entries: list[dict[str, Any]] = []
    for t in terms:
        entry: dict[str, Any] = {"term": t, "definition": w.plain(1, 2)}
        if t in term_ids:
            entry = {"id": term_ids[t], **entry}
        if w.rng.random() < 0.15:
            entry["aliases"] = [f"{t}工作"]
        entries.append(entry)
    entries += [{"term": t, "definition": d} for t, d in SPECIAL_TERMS]
    dump(folder / "glossary.yml", {"summary": w.markdown(1), "terms": entries})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the content folder to write (must not exist)")
    parser.add_argument("--skills", type=int, default=1300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists")
    write(args.out, args.skills, args.seed)
    print(f"wrote {args.out} ({args.skills} skills)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
