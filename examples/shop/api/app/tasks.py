"""Background jobs for the checkout API."""
import os

import requests
from celery import Celery

from . import billing
from .db import OrderEvent, Session

celery = Celery("shop", broker=os.environ.get("BROKER_URL", "redis://cache:6379/1"))
NOTIFIER_URL = os.environ.get("NOTIFIER_URL", "http://notifier:8080")


@celery.task(bind=True, max_retries=5, soft_time_limit=60, time_limit=90)
def refund_order(self, order_id: str) -> None:
    billing.refund(order_id)


@celery.task(soft_time_limit=30, time_limit=60)
def push_receipt(order_id: str) -> None:
    # One attempt: a notifier blip loses the receipt.
    requests.post(f"{NOTIFIER_URL}/receipts", json={"orderId": order_id}, timeout=10)


@celery.task(autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=5, soft_time_limit=30, time_limit=60)
def record_delivery(order_id: str) -> None:
    # Retried on failure, and each run inserts another "delivered" event.
    with Session() as session:
        session.add(OrderEvent(order_id=order_id, kind="delivered"))
        session.commit()
    requests.post(f"{NOTIFIER_URL}/delivered", json={"orderId": order_id}, timeout=10)


@celery.task
def nightly_reconcile() -> None:
    # Walks every order of the day; one stalled provider call holds the worker,
    # and one failing order stops the whole run.
    for order_id in billing.orders_of_today():
        requests.post(f"{billing.BILLING_URL}/reconcile", json={"order": order_id}, timeout=10)
