"""Server-rendered SVG bar charts. Built in Python (not template loops) because a dashboard
draws hundreds of bars; every chart is labelled for screen readers by its caption."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from site_content.formatting import plain_number

ROW, LABEL_W, BAR_W, PAD = 28, 190, 300, 80


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
            f'<text x="{LABEL_W + w + 6}" y="{y + 18}">{plain_number(value)}</text>'
        )
    if target is not None:
        x = LABEL_W + round(float(target) / top * BAR_W, 1)
        parts.append(
            f'<line class="target" x1="{x}" x2="{x}" y1="0" y2="{height - 20}"></line>'
            f'<text x="{x}" y="{height - 4}" text-anchor="middle">'
            f"target {plain_number(target)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


def stakeholder_map_svg(people, *, labelledby: str) -> SafeString:
    """Interest (across) against influence (up), 1 to 5, in four labelled quarters. Each
    person is a numbered dot; the table beside the map gives the numbers' names."""
    size, margin = 360, 50
    cell = size / 5
    parts = [
        f'<svg role="img" aria-labelledby="{escape(labelledby)}" viewBox="0 0 {size + margin} '
        f'{size + margin}" width="{size + margin}" height="{size + margin}" class="chart" '
        'focusable="false">'
    ]
    half = margin + size / 2
    for x, y, label in (
        (margin + size / 4, 18, "Keep satisfied"),
        (margin + 3 * size / 4, 18, "Manage closely"),
        (margin + size / 4, size - 8, "Monitor"),
        (margin + 3 * size / 4, size - 8, "Keep informed"),
    ):
        parts.append(f'<text x="{x}" y="{y}" text-anchor="middle" class="quarter">{label}</text>')
    parts.append(
        f'<rect x="{margin}" y="0" width="{size}" height="{size}" fill="none" stroke="#0b0c0c">'
        f'</rect><line x1="{half}" x2="{half}" y1="0" y2="{size}" stroke="#505a5f"></line>'
        f'<line x1="{margin}" x2="{margin + size}" y1="{size / 2}" y2="{size / 2}" '
        'stroke="#505a5f"></line>'
        f'<text x="{margin + size / 2}" y="{size + 35}" text-anchor="middle">Interest →</text>'
        f'<text x="14" y="{size / 2}" text-anchor="middle" transform="rotate(-90 14 {size / 2})">'
        "Influence →</text>"
    )
    spread: dict[tuple[int, int], int] = {}
    for n, person in enumerate(people, start=1):
        key = (person.interest, person.influence)
        k = spread.get(key, 0)
        spread[key] = k + 1
        x = margin + (person.interest - 0.5) * cell + (k % 3 - 1) * 16
        y = size - (person.influence - 0.5) * cell + (k // 3) * 16
        shape = "champion" if person.is_champion else "dot"
        parts.append(
            f'<circle class="{shape}" cx="{x}" cy="{y}" r="11"></circle>'
            f'<text x="{x}" y="{y + 4}" text-anchor="middle" class="dot-label">{n}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped or fixed
