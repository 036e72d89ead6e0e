"""Teams, invitations and working groups (namespace ``people``)."""

from django.urls import path

from engagement.people.views import group_actions, groups, invitations, team

app_name = "people"

urlpatterns = [
    path("invitations/<token:token>/", invitations.accept, name="accept"),
    path("invitations/<id:pk>/withdraw/", team.withdraw, name="withdraw"),
    path("programme/<slug:slug>/invite/", team.invite_csv, name="invite_csv"),
    path("programme/<slug:slug>/groups/", groups.group_list, name="groups"),
    path("programme/<slug:slug>/groups/new/", groups.group_new, name="group_new"),
    path("groups/<id:pk>/", groups.group_home, name="group"),
    path("groups/<id:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<id:pk>/members/", groups.group_members, name="group_members"),
    path(
        "groups/<id:pk>/members/<id:member_pk>/remove/",
        groups.group_remove,
        name="group_remove",
    ),
    path("groups/<id:pk>/close/", groups.group_close, name="group_close"),
    path("groups/<id:pk>/files/<id:note_pk>/", groups.note_file, name="group_file"),
    path("groups/<id:pk>/actions/new/", group_actions.action_form, name="group_action_new"),
    path(
        "groups/<id:pk>/actions/<id:action_pk>/edit/",
        group_actions.action_form,
        name="group_action_edit",
    ),
    path(
        "groups/<id:pk>/actions/<id:action_pk>/done/",
        group_actions.action_done,
        name="group_action_done",
    ),
    path("<slug:slug>/team/", team.team, name="team"),
    path("<slug:slug>/team/<id:pk>/remove/", team.remove_member, name="remove_member"),
]
