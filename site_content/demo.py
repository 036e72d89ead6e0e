"""A registry of demo loaders. Each app registers its own (in AppConfig.ready), so the single
``load_demo`` command can load everything without this app importing the others."""

from collections.abc import Callable

_LOADERS: list[tuple[int, str, Callable]] = []


def register_demo_loader(order: int, name: str, loader: Callable) -> None:
    """``loader(stdout)`` must be idempotent: running it twice changes nothing."""
    if all(n != name for _, n, _ in _LOADERS):
        _LOADERS.append((order, name, loader))


def demo_loaders() -> list[tuple[str, Callable]]:
    return [(name, loader) for _, name, loader in sorted(_LOADERS, key=lambda x: x[0])]
