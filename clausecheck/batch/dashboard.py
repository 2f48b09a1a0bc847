"""``index.html``: the batch at a glance, one self-contained page (inline CSS and JS, hashed CSP).

Every string from a contract, a file name or a rule goes through jinja2's autoescape. Sorting and
filtering are small inline JS over native buttons, inputs and selects (keyboard-operable); with JS
off the controls stay hidden and every row is shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..model import SEVERITIES
from ..render.html import content_security_policy
from ..render.summary import load_concerns
from ..render.templates import environment, template_asset
from .recurring import Group

if TYPE_CHECKING:
    from .runner import BatchResult

TEMPLATE = "batch/index.html.j2"
LEVELS = (*SEVERITIES, "none")


@dataclass(frozen=True)
class Row:
    """One checked contract as the dashboard shows it."""

    rel: str
    verdict: str
    level: str
    to_raise: int
    concerns: dict[str, list[Any]]
    parties: list[str]
    pages: int
    format: str
    html: str | None
    json: str | None
    caveat: str | None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Row:
        outputs = record.get("outputs", {})
        return cls(rel=record["rel"], verdict=record["verdict"], level=record["level"],
                   to_raise=record["to_raise"], concerns=record["concerns"], parties=record["parties"],
                   pages=record["pages"], format=record["format"], html=outputs.get("html"),
                   json=outputs.get("json"), caveat=record.get("caveat"))


@dataclass(frozen=True)
class ConcernTotal:
    """A concern across the batch: how many contracts raise it, with how many findings."""

    id: str
    group: str
    question: str
    contracts: int
    findings: int
    high: int


def render_dashboard(rows: list[Row], failed: list[tuple[str, str]], recurring: list[Group],
                     result: BatchResult) -> str:
    """The dashboard page."""
    css, js = template_asset("batch", "dashboard.css"), template_asset("batch", "dashboard.js")
    concerns = load_concerns()
    ids = list(concerns.concerns) + sorted({c for r in rows for c in r.concerns} - set(concerns.concerns))
    totals = _totals(rows, ids, concerns)
    return environment().get_template(TEMPLATE).render(
        css=css, js=js, csp=content_security_policy(css, js), rows=rows, failed=failed,
        recurring=recurring, result=result, concern_ids=ids, totals=totals,
        group_name=concerns.group_name, levels=LEVELS, version=__version__,
        level_counts=Counter(r.level for r in rows), links={r.rel: r.html for r in rows if r.html},
    )


def _totals(rows: list[Row], ids: list[str], concerns: Any) -> list[ConcernTotal]:
    totals = []
    for cid in ids:
        hits = [r.concerns[cid] for r in rows if cid in r.concerns]
        known = concerns.concerns.get(cid)
        totals.append(ConcernTotal(
            id=cid, group=known.group if known else "", question=known.question if known else "",
            contracts=len(hits), findings=sum(h[0] for h in hits),
            high=sum(1 for h in hits if h[1] == "high"),
        ))
    return totals
