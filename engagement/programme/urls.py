"""Running the programme: /workspace/programme/<slug>/... (namespace ``programme``)."""

from django.urls import path

from engagement.programme.views import consultations, overview, projects, reports, stakeholders

app_name = "programme"

urlpatterns = [
    path("manage/", overview.overview, name="overview"),
    path("benefits/new/", overview.benefit_edit, name="benefit_new"),
    path("benefits/<id:pk>/", overview.benefit_edit, name="benefit_edit"),
    path("tranches/new/", overview.tranche_edit, name="tranche_new"),
    path("tranches/<id:pk>/", overview.tranche_edit, name="tranche_edit"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", projects.project_new, name="project_new"),
    path("projects/<id:pk>/", projects.project_detail, name="project"),
    path("projects/<id:pk>/edit/", projects.project_edit, name="project_edit"),
    path("register/", projects.register, name="register"),
    path("register/new/", projects.register_edit, name="register_new"),
    path("register/<id:pk>/", projects.register_edit, name="register_edit"),
    path("register/<id:pk>/raise/", projects.register_raise, name="register_raise"),
    path("register/<id:pk>/action/", projects.register_action, name="register_action"),
    path("stakeholders/", stakeholders.stakeholders, name="stakeholders"),
    path("stakeholders/new/", stakeholders.stakeholder_edit, name="stakeholder_new"),
    path("stakeholders/<id:pk>/", stakeholders.stakeholder_edit, name="stakeholder_edit"),
    path("comms/new/", stakeholders.comms_edit, name="comms_new"),
    path("comms/<id:pk>/", stakeholders.comms_edit, name="comms_edit"),
    path("board-reports/", reports.report_list, name="board_reports"),
    path("board-reports/new/", reports.report_new, name="board_report_new"),
    path("board-reports/<id:pk>/", reports.report_detail, name="board_report"),
    path("consultations/", consultations.consultations, name="consultations"),
    path("consultations/new/", consultations.consultation_new, name="consultation_new"),
    path("consultations/<id:pk>/", consultations.consultation_detail, name="consultation"),
    path(
        "consultations/<id:pk>/points/<id:point_pk>/",
        consultations.point_respond,
        name="point_respond",
    ),
]
