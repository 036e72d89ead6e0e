from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from engagement.programme.views.consultations import you_said

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("workspace/", include("engagement.urls")),
    path("events/", include("events.urls")),
    path("stories/", include("engagement.stories.public_urls")),
    path("you-said-we-did/<slug:slug>/<int:pk>/", you_said, name="you_said_public"),
    path("", include("guide.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree; this must stay last.
urlpatterns += [path("", include(wagtail_urls))]
