from django.urls import path

from . import panel_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.index, name="index"),
    path("programme/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("programme/<slug:slug>/dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path("panels/", panel_views.panel_list, name="panels"),
    path("panels/<slug:slug>/", panel_views.panel_detail, name="panel"),
    path("panels/<slug:slug>/rounds/new/", panel_views.round_new, name="round_new"),
    path("panels/<slug:slug>/involvement/", panel_views.involvement_report, name="involvement"),
    path("panels/<slug:slug>/my-involvement/", panel_views.my_involvement, name="my_involvement"),
    path("reviews/<int:pk>/", panel_views.round_detail, name="round"),
    path("reviews/<int:pk>/document/", panel_views.round_document, name="round_document"),
    path("reviews/<int:pk>/answers.csv", panel_views.round_csv, name="round_csv"),
    path("reviews/<int:pk>/feedback/", panel_views.give_feedback, name="feedback"),
    path("reviews/<int:pk>/points/<int:answer_pk>/", panel_views.respond, name="respond"),
    path("reviews/<int:pk>/publish/", panel_views.publish, name="publish_round"),
    path("reviews/<int:pk>/you-said-we-did/", panel_views.you_said, name="you_said"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/plan/", views.plan_edit, name="plan"),
    path("<slug:slug>/log/", views.entry_list, name="log"),
    path("<slug:slug>/log/new/", views.entry_create, name="entry_new"),
    path("<slug:slug>/log/<int:pk>/", views.entry_detail, name="entry"),
    path("<slug:slug>/log/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/actions/", views.action_list, name="actions"),
    path("<slug:slug>/actions/new/", views.action_form, name="action_new"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.action_form, name="action_edit"),
    path("<slug:slug>/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("<slug:slug>/milestones/", views.milestones, name="milestones"),
]
