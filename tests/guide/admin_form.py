"""What the practice example's admin form posts: its list fields as Wagtail list blocks."""

import json


def list_data(prefix: str, items: list) -> dict:
    data = {f"{prefix}-count": str(len(items))}
    for i, item in enumerate(items):
        data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i)})
        data[f"{prefix}-{i}-id"] = ""
        if isinstance(item, dict):
            data.update({f"{prefix}-{i}-value-{k}": v for k, v in item.items()})
        else:
            data[f"{prefix}-{i}-value"] = item
    return data


def example_data(example, **changes) -> dict:
    """The edit form's post for ``example``, with ``changes`` (lists as Python lists)."""
    values = {
        "guide": example.guide_id,
        "title": example.title,
        "key": example.key,
        "theme": example.theme_id,
        "order": example.order,
        "organisations": example.organisations,
        "approach": example.approach,
        "outcomes": example.outcomes,
        "further_information": example.further_information,
        "links": example.links,
        "contacts": example.contacts,
        "publish_contacts": "on" if example.publish_contacts else "",
        "tags": example.tags,
        "locality": example.locality_id or "",
        **changes,
    }
    data = {}
    for name, value in values.items():
        if name in ("organisations", "links", "contacts", "tags"):
            data.update(list_data(name, json.loads(json.dumps(value))))
        elif value != "":
            data[name] = value
    return data
