"""Wagtail's user screens with the rule of accounts/powers.py in their forms: a power the
person signed in may not give is refused on its own field, and what they typed stays."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.admin.views import account as wagtail_account
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_views

from . import powers

REFUSED = {
    "is_superuser": "Only a superuser may make someone an administrator. Nothing was saved.",
    "groups": "Only a superuser may add someone to a group. Nothing was saved.",
}


class PowersForm:
    """Mixed into Wagtail's user forms; ``actor`` is the person signed in."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if "last_name" in self.fields:
            # As on the site's sign-up: not everyone has a last name, and none is invented.
            self.fields["last_name"].required = False

    def clean(self):
        cleaned = super().clean()
        pk = self.instance.pk
        account = get_user_model().objects.get(pk=pk) if pk else None  # as saved, not as typed
        for power in powers.powers_asked(self.actor, account, self.data):
            if power in self.fields:  # the form saves no other power
                self.add_error(power, REFUSED[power])
        return cleaned


class UserCreationForm(PowersForm, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(PowersForm, wagtail_forms.UserEditForm):
    pass


class ActorMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}


class CreateView(ActorMixin, wagtail_views.CreateView):
    pass


class EditView(ActorMixin, wagtail_views.EditView):
    pass


class UserViewSet(wagtail_views.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    # An account is one person: a copy of it (their name, email and groups filled in on a new
    # account) has no use, and Wagtail's copy screen would not pass through PowersForm.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class AccountView(wagtail_account.AccountView):
    """Wagtail's account page without its profile picture: that upload skipped the site's
    file checks (size, content, virus scan, metadata), and the picture would be served from
    nowhere (only /media/images/ is)."""

    def get_panels(self):
        return [
            panel
            for panel in super().get_panels()
            if not isinstance(panel, wagtail_account.AvatarSettingsPanel)
        ]
