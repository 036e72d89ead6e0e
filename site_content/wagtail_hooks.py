"""Admin screens for site-wide records: outgoing email (what is waiting, retrying or failed)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import OutgoingEmail


class AdminsMayLook(ModelPermissionPolicy):
    """Superusers may look (addresses are personal data); nobody edits or deletes here. The
    message bodies, which hold storytellers' private links, are never shown."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = "Outgoing email"
    add_to_admin_menu = True
    menu_order = 950
    list_display = ["subject", "to", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]


register_permission_policy(OutgoingEmail, AdminsMayLook(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email():
    return OutgoingEmailViewSet("outgoing_email")
