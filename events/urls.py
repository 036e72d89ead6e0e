from django.urls import path

from .views import organisers, public

app_name = "events"

urlpatterns = [
    path("<id:page_id>/register/", public.register, name="register"),
    path("<id:page_id>/register/emailed/", public.emailed, name="emailed"),
    path("<id:page_id>/calendar.ics", public.event_ics, name="ics"),
    path("<id:page_id>/attendees/", organisers.attendees, name="attendees"),
    path("<id:page_id>/record/", organisers.record, name="record"),
    path("<id:page_id>/suggest/", public.suggest_topic, name="suggest"),
    path("mine/", public.mine, name="mine"),
    path("registration/<token:token>/", public.registration, name="registration"),
    path("in/<slug:slug>/", public.event_list, name="list"),
    path("in/<slug:slug>/calendar.ics", public.owner_feed, name="feed"),
]
