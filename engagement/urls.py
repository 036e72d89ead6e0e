from django.urls import path

from . import panel_views, story_views, views

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
    path("inquiries/<int:page_id>/", story_views.analysis, name="inquiry"),
    path("inquiries/<int:page_id>/stories/", story_views.story_list, name="inquiry_stories"),
    path("inquiries/<int:page_id>/stories/new/", story_views.story_add, name="inquiry_story_new"),
    path(
        "inquiries/<int:page_id>/stories/<int:pk>/",
        story_views.story_detail,
        name="inquiry_story",
    ),
    path(
        "inquiries/<int:page_id>/stories/<int:pk>/<str:field>/",
        story_views.story_file,
        name="inquiry_story_file",
    ),
    path("inquiries/<int:page_id>/themes/", story_views.theme_add, name="inquiry_theme_add"),
    path(
        "inquiries/<int:page_id>/propositions/",
        story_views.proposition_add,
        name="inquiry_proposition_add",
    ),
    path(
        "inquiries/<int:page_id>/propositions/<int:pk>/action/",
        story_views.proposition_action,
        name="inquiry_proposition_action",
    ),
    path("inquiries/<int:page_id>/report/", story_views.report, name="inquiry_report"),
    path("inquiries/<int:page_id>/stories.csv", story_views.stories_csv, name="inquiry_csv"),
    path("inquiries/<int:page_id>/letters/", story_views.letters, name="inquiry_letters"),
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
