"""Consumes order events published by the storefront."""
import json

import pika

from .main import save_event


def on_event(ch, method, properties, body):
    # Acked first: if save_event fails, the event is gone for good.
    ch.basic_ack(delivery_tag=method.delivery_tag)
    event = json.loads(body)
    save_event(event["order_id"], event)


def consume(connection: pika.BlockingConnection) -> None:
    channel = connection.channel()
    channel.queue_declare(queue="order-events", durable=True)
    channel.basic_consume(queue="order-events", on_message_callback=on_event)
    channel.start_consuming()
