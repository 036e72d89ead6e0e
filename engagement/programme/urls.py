"""Running the programme: /workspace/programme/<slug>/... (namespace ``programme``)."""

from django.urls import path

from engagement.programme.views import consultations, overview, projects, reports, stakeholders

app_name = "programme"

urlpatterns = [
    path("manage/", overview.overview, name="overview"),
    path("benefits/new/", overview.benefit_edit, name="benefit_new"),
    path("benefits/<int:pk>/", overview.benefit_edit, name="benefit_edit"),
    path("tranches/new/", overview.tranche_edit, name="tranche_new"),
    path("tranches/<int:pk>/", overview.tranche_edit, name="tranche_edit"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", projects.project_new, name="project_new"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("register/", projects.register, name="register"),
    path("register/new/", projects.register_edit, name="register_new"),
    path("register/<int:pk>/", projects.register_edit, name="register_edit"),
    path("register/<int:pk>/raise/", projects.register_raise, name="register_raise"),
    path("register/<int:pk>/action/", projects.register_action, name="register_action"),
    path("stakeholders/", stakeholders.stakeholders, name="stakeholders"),
    path("stakeholders/new/", stakeholders.stakeholder_edit, name="stakeholder_new"),
    path("stakeholders/<int:pk>/", stakeholders.stakeholder_edit, name="stakeholder_edit"),
    path("comms/new/", stakeholders.comms_edit, name="comms_new"),
    path("comms/<int:pk>/", stakeholders.comms_edit, name="comms_edit"),
    path("board-reports/", reports.report_list, name="board_reports"),
    path("board-reports/new/", reports.report_new, name="board_report_new"),
    path("board-reports/<int:pk>/", reports.report_detail, name="board_report"),
    path("consultations/", consultations.consultations, name="consultations"),
    path("consultations/new/", consultations.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path(
        "consultations/<int:pk>/points/<int:point_pk>/",
        consultations.point_respond,
        name="point_respond",
    ),
]
