"""Background jobs for the checkout API."""
import os

from celery import Celery

from . import billing

celery = Celery("shop", broker=os.environ.get("BROKER_URL", "redis://cache:6379/1"))


@celery.task(bind=True, max_retries=5, soft_time_limit=60, time_limit=90)
def refund_order(self, order_id: str) -> None:
    billing.refund(order_id)


@celery.task
def nightly_reconcile() -> None:
    # Walks every order of the day; one stalled provider call holds the worker.
    for order_id in billing.orders_of_today():
        billing.reconcile(order_id)
