from django.urls import path, re_path

from . import views

app_name = "guide"

urlpatterns = [
    path("practice-examples/", views.example_index, name="examples"),
    path("practice-examples/<slug:guide>/", views.guide_examples, name="guide_examples"),
    path("practice-examples/<slug:guide>/themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("practice-examples/<slug:guide>/<slug:key>/", views.example_detail, name="example"),
    path("guides/", views.guide_list, name="list"),
    re_path(
        r"^guides/(?P<slug>[-a-zA-Z0-9_]+)/(?P<path>.*)$",
        views.published_guide,
        name="published",
    ),
    re_path(r"^guide/(?P<path>.*)$", views.default_published, name="default"),
]
