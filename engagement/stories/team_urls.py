"""The inquiry team's pages: /workspace/inquiries/<page_id>/... (namespace ``inquiries``)."""

from django.urls import path

from engagement.stories.views import team

app_name = "inquiries"

urlpatterns = [
    path("", team.analysis, name="analysis"),
    path("stories/", team.story_list, name="stories"),
    path("stories/new/", team.story_add, name="story_new"),
    path("stories/<id:pk>/", team.story_detail, name="story"),
    path("stories/<id:pk>/<str:field>/", team.story_file, name="story_file"),
    path("themes/", team.theme_add, name="theme_add"),
    path("propositions/", team.proposition_add, name="proposition_add"),
    path("propositions/<id:pk>/action/", team.proposition_action, name="proposition_action"),
    path("report/", team.report, name="report"),
    path("stories.csv", team.stories_csv, name="csv"),
    path("letters/", team.letters, name="letters"),
]
