"""The demo programme: one loader per domain, registered in ``EngagementConfig.ready``."""
