"""Security headers for the public site."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy (no inline or third-party scripts) on the site's own
    pages and the published guide (whose inline scripts the build moves into files). The
    Wagtail and Django admins are left to their own headers."""

    EXEMPT = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(f"{k} {v}" for k, v in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT) and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
