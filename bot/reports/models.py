"""The reports table: one row per Open311 service request."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, Integer, String, Text

from bot.platform.db import Base, utcnow


class ServiceRequest(Base):
    """A resident's report (an Open311 service request)."""

    __tablename__ = "service_requests"
    __table_args__ = {"sqlite_autoincrement": True}

    id = Column(Integer, primary_key=True)
    service_request_id = Column(String(32), unique=True, nullable=True, index=True)
    service_code = Column(String(32), nullable=False, index=True)
    status = Column(String(32), nullable=False, default="open", index=True)
    status_notes = Column(Text, nullable=True)
    description = Column(Text, nullable=False, default="")
    address_string = Column(Text, nullable=True)  # the location as the resident gave it
    location_normalized = Column(Text, nullable=True)  # one line: "SE Steele St & SE 80th Ave"
    location_street = Column(String(128), nullable=True)
    location_cross_street = Column(String(128), nullable=True)
    location_quadrant = Column(String(4), nullable=True)
    location_landmark = Column(String(128), nullable=True)
    lat = Column(Float, nullable=True)
    long = Column(Float, nullable=True)
    media_url = Column(Text, nullable=True)
    attributes = Column(JSON, nullable=False, default=dict)
    language = Column(String(8), nullable=False, default="en")
    channel = Column(String(16), nullable=False, default="api")
    conversation_id = Column(String(64), nullable=True, index=True)
    #: The resident's message whose turn filed this report: a turn tried again finds it instead of filing twice.
    inbound_message_id = Column(Integer, nullable=True, unique=True, index=True)
    contact_id = Column(Integer, ForeignKey("contacts.id"), nullable=True)
    agency_responsible = Column(String(128), nullable=True)
    requested_datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    updated_datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
