"""/workspace/: each domain's pages under its own namespace. The locality workspace's
``<slug>/`` routes come last, so the fixed prefixes before them are never read as a slug."""

from django.urls import include, path

urlpatterns = [
    path("programme/<slug:slug>/", include("engagement.programme.urls")),
    path("", include("engagement.panels.urls")),
    path("inquiries/<id:page_id>/", include("engagement.stories.team_urls")),
    path("", include("engagement.people.urls")),
    path("", include("engagement.workspace.urls")),
]
