"""Typed SQLAlchemy models, one module per domain. Importing this package registers them all."""

from knowledge.models.accounts import Role, RoleGrant, SignInThrottle, User
from knowledge.models.audit import AuditEvent, AuditLogIsAppendOnly
from knowledge.models.curation import (
    ServiceVersion,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    SuggestionTopic,
)
from knowledge.models.directory import (
    Accessibility,
    Area,
    AreaKind,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from knowledge.models.search_log import ZeroResultSearch

__all__ = [
    "Accessibility",
    "Area",
    "AreaKind",
    "AuditEvent",
    "AuditLogIsAppendOnly",
    "Contact",
    "CostOption",
    "Language",
    "Location",
    "Organisation",
    "Phone",
    "PublicationState",
    "Role",
    "RoleGrant",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceStatus",
    "ServiceVersion",
    "SignInThrottle",
    "Suggestion",
    "SuggestionKind",
    "SuggestionState",
    "SuggestionTopic",
    "Taxonomy",
    "TaxonomyTerm",
    "User",
    "ZeroResultSearch",
]
