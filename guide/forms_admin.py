"""The practice example's admin form: the publish flag's change is recorded with who made it."""

from wagtail.admin.forms import WagtailAdminModelForm


class PracticeExampleAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        user = getattr(self, "for_user", None)
        if user is not None:
            self.instance.record_flag(user.get_full_name() or user.get_username())
        return super().save(commit=commit)
