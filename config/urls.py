from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.sessions import still_here
from accounts.wagtail_users import AccountView
from engagement.programme.views.consultations import you_said
from site_content.views import document_password, page_password, security_policy, security_txt

urlpatterns = [
    # Passwords change in one place, allauth's (it signs other sessions out and is audited).
    path(
        "django-admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path("django-admin/", admin.site.urls),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("security/", security_policy, name="security_policy"),
    # The Wagtail admin's own password form still signs people in when posted to, even when
    # it is told to use another sign-in page: every admin sign-in goes to allauth's instead.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path(
        "admin/account/",
        never_cache(require_admin_access(AccountView.as_view())),
        name="wagtailadmin_account",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # A private collection's password form, limited like the sign-in (Wagtail's own has no
    # limit); the path converters are Wagtail's, so no other spelling of an id reaches it.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/still-here/", still_here, name="still_here"),
    path("accounts/", include("allauth.urls")),
    path("workspace/", include("engagement.urls")),
    path("events/", include("events.urls")),
    path("stories/", include("engagement.stories.public_urls")),
    path("you-said-we-did/<slug:slug>/<id:pk>/", you_said, name="you_said_public"),
    path("", include("guide.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Pictures only, as nginx serves in production: documents go through Wagtail's view,
    # which keeps a private collection's password or sign-in rule.
    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=Path(settings.MEDIA_ROOT) / "images"
    )

# Wagtail serves every other path from the page tree; this must stay last. Its own password
# form for private pages (`_util/login/`, Django's LoginView with no rate limit and no second
# factor) is replaced by the one sign-in, allauth's; its form for a page's own password is
# limited like the sign-in.
urlpatterns += [
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path(
        # <int:>, as Wagtail's own route: any id that reaches Wagtail's view comes here.
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]

# "Not found" in the site's layout; a form sent to a record deleted meanwhile gets back what
# was typed.
handler404 = "site_content.views.page_not_found"
