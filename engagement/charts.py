"""Server-rendered SVG bar charts. Built in Python (not template loops) because a dashboard
draws hundreds of bars; every chart is labelled for screen readers by its caption."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW, LABEL_W, BAR_W, PAD = 28, 190, 300, 80


def _number(value) -> str:
    if value is None:
        return "not reported"
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(
    items: list[tuple[str, object]],
    *,
    labelledby: str,
    target=None,
    bar_class: str = "bar",
) -> SafeString:
    """A horizontal bar per item; an optional dashed line marks a target."""
    values = [float(v) for _, v in items if v is not None]
    top = max([*values, float(target or 0), 1.0])
    height = max(len(items), 1) * ROW + 24
    width = LABEL_W + BAR_W + PAD
    parts = [
        f'<svg role="img" aria-labelledby="{escape(labelledby)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart" focusable="false">'
    ]
    for i, (label, value) in enumerate(items):
        y = i * ROW
        w = 0 if value is None else round(float(value) / top * BAR_W, 1)
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + 18}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="{bar_class}" x="{LABEL_W}" y="{y + 4}" width="{w}" height="20"></rect>'
            f'<text x="{LABEL_W + w + 6}" y="{y + 18}">{_number(value)}</text>'
        )
    if target is not None:
        x = LABEL_W + round(float(target) / top * BAR_W, 1)
        parts.append(
            f'<line class="target" x1="{x}" x2="{x}" y1="0" y2="{height - 20}"></line>'
            f'<text x="{x}" y="{height - 4}" text-anchor="middle">target {_number(target)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped
