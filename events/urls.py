from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<id:page_id>/register/", views.register, name="register"),
    path("<id:page_id>/register/emailed/", views.emailed, name="emailed"),
    path("<id:page_id>/calendar.ics", views.event_ics, name="ics"),
    path("<id:page_id>/attendees/", views.attendees, name="attendees"),
    path("<id:page_id>/record/", views.record, name="record"),
    path("<id:page_id>/suggest/", views.suggest_topic, name="suggest"),
    path("mine/", views.mine, name="mine"),
    path("registration/<token:token>/", views.registration, name="registration"),
    path("in/<slug:slug>/", views.event_list, name="list"),
    path("in/<slug:slug>/calendar.ics", views.owner_feed, name="feed"),
]
