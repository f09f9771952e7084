"""Product analytics: a thin wrapper over the vendor's HTTP API."""
import os

import requests

ANALYTICS_URL = os.environ.get("ANALYTICS_URL", "https://analytics.example.com/v1/track")


def track(event: str, order_id: str) -> None:
    requests.post(ANALYTICS_URL, json={"event": event, "order": order_id}, timeout=2).raise_for_status()
