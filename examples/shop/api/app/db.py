"""Order storage."""
import os

from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

engine = create_engine(os.environ.get("DATABASE_URL", "postgresql://shop@db/shop"), pool_pre_ping=True)
Session = sessionmaker(engine)
Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)
    external_id = Column(String, nullable=False, unique=True)


class OrderEvent(Base):
    __tablename__ = "order_events"
    id = Column(Integer, primary_key=True)
    order_id = Column(String, nullable=False, index=True)
    kind = Column(String, nullable=False)


def customer_by_email(session, email: str):
    """Sign-in finds the customer by email; two racing sign-ups make two rows."""
    return session.query(Customer).filter(Customer.email == email).one_or_none()
