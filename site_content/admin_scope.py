"""One guard for the Wagtail admin's record screens: a viewset that names a ``scope`` (a
callable ``scope(user, queryset) -> queryset``) lists, opens, edits, deletes, copies and
bulk-acts on only the records that scope returns for the person asking. The rule itself (who
sees which programme's records) lives with the domain; this is only where every screen of
the viewset is made to pass it."""

from __future__ import annotations

import re

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.views.generic.models import IndexView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, and on top of them the scope: an instance outside it is
    refused whatever the model permission says (bulk actions, copy and preview ask this)."""

    def __init__(self, model, scope, actions=None):
        super().__init__(model)
        self.scope = scope
        self.actions = actions  # None: every action the model permissions give

    def user_has_permission(self, user, action):
        if self.actions is not None and action not in self.actions:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def _in_scope(self, user, instance) -> bool:
        return self.scope(user, self.model._default_manager.filter(pk=instance.pk)).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and self._in_scope(
            user, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and self._in_scope(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return self.scope(user, super().instances_user_has_permission_for(user, action))

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(user, super().instances_user_has_any_permission_for(user, actions))


VALID_ID = re.compile(r"[0-9]{1,18}")


def pages_in_chooser(user, pages):
    """What Wagtail's page chooser lists (browsing and searching) to ``user``: to a
    superuser every page; to anyone else what is public anyway (live, not made private) and
    the pages they may work on, with their ancestors. A draft's or a private page's title
    is not shown to someone who may not open it."""
    if user.is_superuser:
        return pages
    from django.db.models import Q
    from wagtail.models import Page
    from wagtail.permission_policies.pages import PagePermissionPolicy

    public = Page.objects.live().public().values("pk")
    theirs = PagePermissionPolicy().explorable_instances(user).values("pk")
    return pages.filter(Q(pk__in=public) | Q(pk__in=theirs))


def narrow_choices(fields, user, scope) -> None:
    """Every choice field of a form or filter offers only what the person may reach: records
    of a scoped model through that model's own scope, anything else through
    ``scope.related`` (pages and people)."""
    for field in fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        policy = policy_registry.get_by_type(queryset.model)
        if isinstance(policy, ScopedPermissionPolicy):
            field.queryset = policy.scope(user, queryset)
        elif hasattr(scope, "related"):
            field.queryset = scope.related(user, queryset)


def _with_related(queryset, related):
    # Not select_related() with no names: that would follow every foreign key.
    return queryset.select_related(*related) if related else queryset


def _scoped_chooser_view(view_class, scope, related=()):
    """A chooser view (list, results, chosen, chosen several) that offers and returns only
    what ``scope`` allows; its rows come with ``related`` (what their names read)."""
    members = {}
    if hasattr(view_class, "get_object_list"):
        members["get_object_list"] = lambda view: _with_related(
            scope(view.request.user, super(scoped, view).get_object_list()), related
        )
    if hasattr(view_class, "get_objects"):
        members["get_objects"] = lambda view, pks: scope(
            view.request.user, super(scoped, view).get_objects(pks)
        )
    if hasattr(view_class, "get_object") and not hasattr(view_class, "get_object_list"):
        members["get_object"] = lambda view, pk: scope(
            view.request.user, view.model_class.objects.filter(pk=pk)
        ).get()
    if not members:
        return view_class
    scoped = type(f"Scoped{view_class.__name__}", (view_class,), members)
    return scoped


class ScopedViewSetMixin:
    """Mix into a SnippetViewSet or ModelViewSet and set ``scope``. Its chooser (the modal
    other screens pick these records in) is scoped the same way."""

    scope = None
    actions = None  # e.g. ("view", "change", "delete"): no "add" screen for these records
    # The records each row of the listing and the chooser names (its columns and its title),
    # fetched with the rows rather than one query a row.
    list_select_related = ()

    @property
    def chooser_viewset(self):
        scope, related = self.scope, self.list_select_related
        base = self.chooser_viewset_class

        class ScopedChooserViewSet(base):
            def construct_view(self, view_class, **kwargs):
                return super().construct_view(
                    _scoped_chooser_view(view_class, scope, related), **kwargs
                )

            def get_urlpatterns(self):
                # Records are made on their own screens, which keep their rules, never from
                # inside a chooser.
                return [p for p in super().get_urlpatterns() if p.name != "create"]

        return ScopedChooserViewSet(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
        )

    def _scoped_view_class(self, view_class):
        viewset = self
        members = {}
        if issubclass(view_class, IndexView):
            members["get_base_queryset"] = lambda view: _with_related(
                viewset.scope(view.request.user, super(scoped, view).get_base_queryset()),
                viewset.list_select_related,
            )

            def filters(view):
                filterset = view_class.filters.func(view)
                if filterset is not None:
                    narrow_choices(filterset.form.fields, view.request.user, viewset.scope)
                return filterset

            members["filters"] = cached_property(filters)
        if hasattr(view_class, "get_form"):

            def get_form(view, *args, **kwargs):
                form = super(scoped, view).get_form(*args, **kwargs)
                narrow_choices(form.fields, view.request.user, viewset.scope)
                return form

            members["get_form"] = get_form
        if not members:
            return view_class
        scoped = type(f"Scoped{view_class.__name__}", (view_class,), members)
        return scoped

    def on_register(self):
        register_permission_policy(
            self.model, ScopedPermissionPolicy(self.model, self.scope, self.actions)
        )
        super().on_register()

    def construct_view(self, view_class, **kwargs):
        viewset = self
        view = super().construct_view(self._scoped_view_class(view_class), **kwargs)

        def scoped(request, *args, **kw):
            # Every screen about one record (edit, delete, inspect, history, usage, copy,
            # revisions...) is reached with its pk: outside the scope it does not exist.
            pk = kw.get("pk")
            if pk is not None:
                found = viewset.model._default_manager.filter(pk=unquote(str(pk)))
                if not viewset.scope(request.user, found).exists():
                    raise Http404
            return view(request, *args, **kw)

        scoped.__name__ = getattr(view, "__name__", "scoped")
        scoped.view_class = getattr(view, "view_class", None)
        return scoped


class AdminScopeMiddleware:
    """The Wagtail admin screens that list records across models rather than through a
    viewset: bulk actions (their confirmation names every record asked for) stop at the
    scope of each record's model; the site history is for superusers alone (it quotes
    every logged record's title); a snippet chooser of a model with no scope is for those
    who may work with that model; chooser addresses take only ids; the page chooser opens
    only at a page it would list (``pages_in_chooser``); the move screen's confirmation only
    for a move the person may make; the admin API's page actions, which skip every
    screen's checks, are closed."""

    BULK = re.compile(r"^/admin/bulk/(?P<app>[\w]+)/(?P<model>[\w]+)/[\w-]+/")
    SNIPPET_CHOOSER = re.compile(r"^/admin/snippets/choose/(?P<app>\w+)/(?P<model>\w+)/")
    PAGES_CHOSEN = "/admin/choose-page/chosen-multiple/"
    HISTORY = "/admin/reports/site-history/"
    CHOSEN = re.compile(r"^/admin/.*/chosen-multiple/")
    CHOSEN_ONE = re.compile(r"^/admin/.*/chosen/(?P<pk>[^/]*)/$")
    # Any number of digits, as Wagtail's own routes take them ("00036" is page 36).
    PAGE_CHOOSER = re.compile(r"^/admin/choose-page/(?P<pk>[0-9]+)/$")
    # The admin API's page actions (copy, publish, create an alias, move, delete...) run none
    # of the checks the admin's screens make through their hooks; no screen uses them.
    API_ACTION = re.compile(r"^/admin/api/[\w-]+/pages/[^/]+/action/")
    # Wagtail's "move this page here?" screen asks no permission before it names both pages.
    MOVE_CONFIRM = re.compile(r"^/admin/pages/(?P<pk>[0-9]+)/move/(?P<to>[0-9]+)/confirm/$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if path.startswith(self.HISTORY) and not (user and user.is_superuser):
            raise Http404
        if self.API_ACTION.match(path):
            raise Http404  # every change to a page goes through its screen
        match = self.BULK.match(path)
        if match and user is not None and user.is_authenticated:
            self._check_bulk(request, user, match["app"], match["model"])
        if self.CHOSEN.match(path) and any(
            not VALID_ID.fullmatch(i) for i in request.GET.getlist("id")
        ):
            raise Http404
        if path.startswith(self.PAGES_CHOSEN) and _roots_among(request.GET.getlist("id")):
            raise Http404  # the tree's root is no page to choose (Wagtail fails on it)
        match = self.SNIPPET_CHOOSER.match(path)
        if match and user and user.is_authenticated and not _may_choose(user, *match.groups()):
            raise Http404
        browse = self.PAGE_CHOOSER.match(path)
        if browse and user and user.is_authenticated and not self._may_browse(user, browse["pk"]):
            raise Http404  # the page chooser opened at a page it would not list
        move = self.MOVE_CONFIRM.match(path)
        if move and user and user.is_authenticated and not _may_move(user, *move.groups()):
            raise Http404  # it would name a page, and where to, that they may not move
        one = self.CHOSEN_ONE.match(path)
        if one and not VALID_ID.fullmatch(one["pk"]):  # every chooser here picks by number
            raise Http404
        return self.get_response(request)

    @staticmethod
    def _may_browse(user, pk) -> bool:
        from wagtail.models import Page

        pk = _page_id(pk)
        return pk is not None and pages_in_chooser(user, Page.objects.filter(pk=pk)).exists()

    def _check_bulk(self, request, user, app, model_name):
        from django.apps import apps

        ids = request.GET.getlist("id") + request.POST.getlist("id")
        # An id is 1 to 18 digits, nothing else (no spaces, no signs: the database would read
        # " 1" or "+1" as 1 and the check below would not).
        if any(i != "all" and not VALID_ID.fullmatch(i) for i in ids):
            raise Http404
        try:
            model = apps.get_model(app, model_name)
        except LookupError:
            return
        policy = policy_registry.get_by_type(model)
        if user.is_superuser or not isinstance(policy, ScopedPermissionPolicy):
            return
        if "all" in ids:
            raise Http404  # "every record" is not a scope; choose them in the list instead
        wanted = set(ids)
        found = policy.scope(user, model._default_manager.filter(pk__in=wanted)).count()
        if found != len(wanted):
            raise Http404


def _page_id(digits: str) -> int | None:
    """A page id written in the address, however many noughts lead it; None when it is
    larger than any id the database can hold."""
    number = int(digits)
    return number if number < 2**63 else None


def _may_move(user, pk, to) -> bool:
    from wagtail.models import Page

    pk, to = _page_id(pk), _page_id(to)
    if pk is None or to is None:
        return False
    pages = Page.objects.in_bulk([pk, to])
    page, destination = pages.get(pk), pages.get(to)
    if page is None or destination is None:
        return False
    return page.permissions_for_user(user).can_move_to(destination)


def _roots_among(ids) -> bool:
    from wagtail.models import Page

    return Page.objects.filter(pk__in=ids, depth=1).exists()


def _may_choose(user, app, model_name) -> bool:
    """A snippet chooser lists and returns records of its model: a model with a scope offers
    only what the scope allows (see ScopedViewSetMixin); any other, only to people who may
    work with that model at all."""
    from django.apps import apps

    try:
        model = apps.get_model(app, model_name)
    except LookupError:
        return True  # Wagtail answers "not found" itself
    policy = policy_registry.get_by_type(model)
    if user.is_superuser or isinstance(policy, ScopedPermissionPolicy):
        return True
    return policy.user_has_any_permission(user, {"add", "change", "delete", "view"})
