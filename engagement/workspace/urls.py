"""A locality's private workspace and the programme dashboard (namespace ``workspace``)."""

from django.urls import path

from engagement.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.index, name="index"),
    path("programme/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("programme/<slug:slug>/dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
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
