"""A locality's private workspace and the programme dashboard (namespace ``workspace``)."""

from django.urls import path

from engagement.workspace.views import actions, dashboard, home, log, priorities

app_name = "workspace"

urlpatterns = [
    path("", home.index, name="index"),
    path("programme/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("programme/<slug:slug>/dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("<slug:slug>/", home.home, name="home"),
    path("<slug:slug>/plan/", home.plan_edit, name="plan"),
    path("<slug:slug>/priorities/", priorities.priority_list, name="priorities"),
    path("<slug:slug>/priorities/new/", priorities.priority_form, name="priority_new"),
    path("<slug:slug>/priorities/<id:pk>/", priorities.priority_form, name="priority_edit"),
    path(
        "<slug:slug>/priorities/<id:pk>/remove/",
        priorities.priority_remove,
        name="priority_remove",
    ),
    path("<slug:slug>/log/", log.entry_list, name="log"),
    path("<slug:slug>/log/new/", log.entry_create, name="entry_new"),
    path("<slug:slug>/log/<id:pk>/", log.entry_detail, name="entry"),
    path("<slug:slug>/log/<id:pk>/edit/", log.entry_edit, name="entry_edit"),
    path("<slug:slug>/files/<id:pk>/", log.attachment_download, name="attachment"),
    path("<slug:slug>/actions/", actions.action_list, name="actions"),
    path("<slug:slug>/actions/new/", actions.action_form, name="action_new"),
    path("<slug:slug>/actions/<id:pk>/edit/", actions.action_form, name="action_edit"),
    path("<slug:slug>/actions/<id:pk>/status/", actions.action_status, name="action_status"),
    path("<slug:slug>/milestones/", actions.milestones, name="milestones"),
    path(
        "<slug:slug>/milestones/<id:pk>/correct/",
        actions.milestone_correct,
        name="milestone_correct",
    ),
]
