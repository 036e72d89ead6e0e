"""Telling a story, no account needed: /stories/... (namespace ``stories``)."""

from django.urls import path

from engagement.stories.views import public

app_name = "stories"

urlpatterns = [
    path("<id:page_id>/tell/", public.tell, name="tell"),
    path("<id:page_id>/thank-you/", public.thanks, name="thanks"),
    path("<id:page_id>/paper-form/", public.paper_form, name="paper_form"),
    path("mine/<token:token>/", public.mine, name="mine"),
]
