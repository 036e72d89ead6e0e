"""Telling a story, no account needed: /stories/... (namespace ``stories``)."""

from django.urls import path

from engagement.stories import views

app_name = "stories"

urlpatterns = [
    path("<int:page_id>/tell/", views.tell, name="tell"),
    path("<int:page_id>/thank-you/", views.thanks, name="thanks"),
    path("<int:page_id>/paper-form/", views.paper_form, name="paper_form"),
    path("mine/<str:token>/", views.mine, name="mine"),
]
