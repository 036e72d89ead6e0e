from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from accounts.rights import register_contributor
        from site_content.demo import register_demo_loader
        from site_content.privacy import register_record

        from . import demo, rights
        from .privacy import REGISTRATION, TOPIC

        register_contributor("events", rights.EventData())
        register_contributor("event_topics", rights.TopicData())

        from accounts.retention import register_retention_rule

        register_retention_rule("event_needs", rights.wipe_old_event_needs)
        register_retention_rule("ended_registrations", rights.delete_old_ended_registrations)
        register_retention_rule(
            "unconfirmed_registrations", rights.delete_unconfirmed_registrations
        )
        register_retention_rule("topic_names", rights.forget_old_topic_names)
        register_demo_loader(30, "events", demo.load)
        register_record(REGISTRATION)
        register_record(TOPIC)

        from datetime import timedelta

        from site_content.background.periodic import register_periodic

        from .tasks import expire_event_offers

        register_periodic(
            expire_event_offers, every=timedelta(minutes=5),
            what="moves a lapsed waiting-list offer on to the next person",
        )  # fmt: skip
