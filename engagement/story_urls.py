from django.urls import path

from . import story_views

app_name = "stories"

urlpatterns = [
    path("<int:page_id>/tell/", story_views.tell, name="tell"),
    path("<int:page_id>/thank-you/", story_views.thanks, name="thanks"),
    path("<int:page_id>/paper-form/", story_views.paper_form, name="paper_form"),
    path("mine/<str:token>/", story_views.mine, name="mine"),
]
