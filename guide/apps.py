from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = "Guide"

    def ready(self):
        from engagement.core.usage import register_usage_provider
        from site_content.demo import register_demo_loader

        from . import demo, trace

        register_usage_provider(trace.entry_usages)
        register_usage_provider(trace.story_usages)
        register_demo_loader(20, "practice examples and the guide", demo.load)
