"""The user model: a person signs in with their email address; there are no usernames."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from accounts.names import WrittenInLetters


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Email is the login."""

    username = None
    email = models.EmailField("email address", unique=True)
    first_name = models.CharField(
        "first name", max_length=150, blank=True, validators=[WrittenInLetters("the first name")]
    )
    last_name = models.CharField(
        "last name", max_length=150, blank=True, validators=[WrittenInLetters("the last name")]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.display_name

    def clean(self):
        """Every form that edits an account (Django's admin, Wagtail's user editor) keeps
        addresses in lower case, so one address cannot belong to two accounts in two
        spellings (the unique check that follows then compares like with like)."""
        super().clean()
        self.email = self.email.strip().lower()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


class AuditEvent(models.Model):
    """Something that must be accountable: sign-ins, role changes, exports. Never edited."""

    SIGN_IN, SIGN_IN_FAILED = "sign_in", "sign_in_failed"
    ROLE_CHANGE, EXPORT, ERASURE = "role_change", "export", "erasure"
    CONSENT, MODERATION, SAFEGUARDING = "consent", "moderation", "safeguarding"
    KIND_CHOICES = [
        (SIGN_IN, "Signed in"),
        (SIGN_IN_FAILED, "Sign-in failed"),
        (ROLE_CHANGE, "Role changed"),
        (EXPORT, "Data exported"),
        (ERASURE, "Person erased"),
        (CONSENT, "Consent changed"),
        (MODERATION, "Story moderated"),
        (SAFEGUARDING, "Safeguarding decision"),
    ]
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.actor_label} ({self.at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events cannot be changed.")
        return super().save(*args, **kwargs)
