"""One way for workspace views to load what the URL names and refuse unless allowed."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def guarded(load, check, *, param: str, missing: str = "Nothing here"):
    """A view decorator: ``load(key)`` finds the object the URL's ``param`` names (or None);
    the view runs only when ``check(user, obj)`` allows it, and gets the object instead of
    the key. Everyone else gets the same 404, so nothing says the object exists."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if param in kwargs:
                key = kwargs.pop(param)
            else:
                key, *args = args
            obj = load(key)
            if obj is None or not check(request.user, obj):
                raise Http404(missing)
            return view(request, obj, *args, **kwargs)

        return wrapped

    return decorator
