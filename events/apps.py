from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from accounts.rights import register_contributor
        from site_content.demo import register_demo_loader

        from . import demo, rights

        register_contributor("events", rights.EventData())
        register_demo_loader(30, "events", demo.load)
