"""Experts-by-experience panels and their review rounds (namespace ``panels``)."""

from django.urls import path

from engagement.panels import views

app_name = "panels"

urlpatterns = [
    path("panels/", views.panel_list, name="list"),
    path("panels/<slug:slug>/", views.panel_detail, name="detail"),
    path("panels/<slug:slug>/rounds/new/", views.round_new, name="round_new"),
    path("panels/<slug:slug>/involvement/", views.involvement_report, name="involvement"),
    path("panels/<slug:slug>/my-involvement/", views.my_involvement, name="my_involvement"),
    path("reviews/<id:pk>/", views.round_detail, name="round"),
    path("reviews/<id:pk>/document/", views.round_document, name="round_document"),
    path("reviews/<id:pk>/answers.csv", views.round_csv, name="round_csv"),
    path("reviews/<id:pk>/feedback/", views.give_feedback, name="feedback"),
    path("reviews/<id:pk>/points/<id:answer_pk>/", views.respond, name="respond"),
    path("reviews/<id:pk>/publish/", views.publish, name="publish_round"),
    path("reviews/<id:pk>/you-said-we-did/", views.you_said, name="you_said"),
]
