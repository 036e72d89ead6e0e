from django.urls import path, re_path

from . import views

app_name = "guide"

urlpatterns = [
    path("practice-examples/", views.example_index, name="examples"),
    path("practice-examples/themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("practice-examples/<slug:key>/", views.example_detail, name="example"),
    re_path(r"^guide/(?P<path>.*)$", views.published_guide, name="published"),
]
