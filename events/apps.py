from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from site_content.demo import register_demo_loader

        from . import demo

        register_demo_loader(30, "events", demo.load)
