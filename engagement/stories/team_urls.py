"""The inquiry team's pages: /workspace/inquiries/<page_id>/... (namespace ``inquiries``)."""

from django.urls import path

from engagement.stories import views

app_name = "inquiries"

urlpatterns = [
    path("", views.analysis, name="analysis"),
    path("stories/", views.story_list, name="stories"),
    path("stories/new/", views.story_add, name="story_new"),
    path("stories/<int:pk>/", views.story_detail, name="story"),
    path("stories/<int:pk>/<str:field>/", views.story_file, name="story_file"),
    path("themes/", views.theme_add, name="theme_add"),
    path("propositions/", views.proposition_add, name="proposition_add"),
    path("propositions/<int:pk>/action/", views.proposition_action, name="proposition_action"),
    path("report/", views.report, name="report"),
    path("stories.csv", views.stories_csv, name="csv"),
    path("letters/", views.letters, name="letters"),
]
