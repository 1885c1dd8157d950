"""The survey tables: surveys, their questions, respondents and answers.

A respondent is stored under a pseudonym (``R001``…, in file order) only: the
respondent-id column of the export is used to refuse duplicates during the
import and is not stored, and columns the question map marks identifying
(e-mail, IP address, name) are never stored at all. A question marked
identifying (a department in a small office, say) is stored, flagged, and
left out of every export.

Answers hold text: a code for single-choice and Likert questions, a JSON list
of codes for multiple choice, a decimal number as text, or free text; a
missing answer has ``value`` NULL and its reason in ``missing``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sistercities.registry.models import Base, Place


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Survey(Base):
    """One imported survey, optionally linked to the place whose staff or residents answered."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    source_file: Mapped[str] = mapped_column(String(500))
    source_sha256: Mapped[str] = mapped_column(String(64))
    respondent_count: Mapped[int] = mapped_column(Integer)
    min_cell: Mapped[int] = mapped_column(Integer, default=5)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    place: Mapped[Place | None] = relationship()
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="survey", order_by="SurveyQuestion.position", cascade="all, delete-orphan"
    )


class SurveyQuestion(Base):
    """A question: its map entry (text, type, value labels, missing codes)."""

    __tablename__ = "survey_questions"
    __table_args__ = (UniqueConstraint("survey_id", "key", name="uq_survey_questions_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    source_column: Mapped[str | None] = mapped_column(String(500))
    labels: Mapped[list[Any]] = mapped_column(JSON)
    missing: Mapped[list[Any]] = mapped_column(JSON)
    options: Mapped[list[Any]] = mapped_column(JSON)
    delimiter: Mapped[str | None] = mapped_column(String(10))
    identifying: Mapped[bool] = mapped_column(Boolean, default=False)

    survey: Mapped[Survey] = relationship(back_populates="questions")


class SurveyRespondent(Base):
    """A respondent, known only by a pseudonym."""

    __tablename__ = "survey_respondents"
    __table_args__ = (
        UniqueConstraint("survey_id", "pseudonym", name="uq_survey_respondents_pseudonym"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    pseudonym: Mapped[str] = mapped_column(String(20))


class SurveyAnswer(Base):
    """One respondent's answer to one question (see the module docstring for ``value``)."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        UniqueConstraint("respondent_id", "question_id", name="uq_survey_answers_cell"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("survey_respondents.id", ondelete="CASCADE")
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str | None] = mapped_column(Text)
    missing: Mapped[str | None] = mapped_column(String(200))
