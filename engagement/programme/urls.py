"""Running the programme: /workspace/programme/<slug>/... (namespace ``programme``)."""

from django.urls import path

from engagement.programme import views

app_name = "programme"

urlpatterns = [
    path("manage/", views.overview, name="overview"),
    path("benefits/new/", views.benefit_edit, name="benefit_new"),
    path("benefits/<int:pk>/", views.benefit_edit, name="benefit_edit"),
    path("tranches/new/", views.tranche_edit, name="tranche_new"),
    path("tranches/<int:pk>/", views.tranche_edit, name="tranche_edit"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("register/", views.register, name="register"),
    path("register/new/", views.register_edit, name="register_new"),
    path("register/<int:pk>/", views.register_edit, name="register_edit"),
    path("register/<int:pk>/raise/", views.register_raise, name="register_raise"),
    path("register/<int:pk>/action/", views.register_action, name="register_action"),
    path("stakeholders/", views.stakeholders, name="stakeholders"),
    path("stakeholders/new/", views.stakeholder_edit, name="stakeholder_new"),
    path("stakeholders/<int:pk>/", views.stakeholder_edit, name="stakeholder_edit"),
    path("comms/new/", views.comms_edit, name="comms_new"),
    path("comms/<int:pk>/", views.comms_edit, name="comms_edit"),
    path("board-reports/", views.report_list, name="board_reports"),
    path("board-reports/new/", views.report_new, name="board_report_new"),
    path("board-reports/<int:pk>/", views.report_detail, name="board_report"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/points/<int:point_pk>/",
        views.point_respond,
        name="point_respond",
    ),
]
