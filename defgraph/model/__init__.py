"""The domain model: articles, extracted records with evidence, and value types."""
from defgraph.model.article import Article
from defgraph.model.facts import (
    DEAL_TYPES, ENTITY_TYPES, EVENT_TYPES, STATUSES, Attribute, Claim, Entity, Event, Extraction,
    Mention, Quote, Role, Span, TimeExpression, Transfer, Turn,
)
from defgraph.model.values import DateValue, Money, Quantity

__all__ = [
    "Article", "Attribute", "Claim", "DEAL_TYPES", "DateValue", "ENTITY_TYPES", "EVENT_TYPES", "Entity",
    "Event", "Extraction", "Mention", "Money", "Quantity", "Quote", "Role", "STATUSES", "Span",
    "TimeExpression", "Transfer", "Turn",
]
