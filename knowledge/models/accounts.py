"""Staff accounts and their roles."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.models.base import Base, new_id, string_enum, utc_now


class Role(enum.StrEnum):
    STAFF = "staff"
    HELPLINE = "helpline"
    COMMISSIONER = "commissioner"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STAFF: "Staff",
    Role.HELPLINE: "Helpline (Community Knowledge Officer)",
    Role.COMMISSIONER: "Commissioner",
    Role.ADMIN: "Administrator",
}


class User(Base):
    """A member of staff who signs in. Holds their work email and name, nothing clinical."""

    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the id in the session cookie: changing it ends every session of this account
    # (password changed or reset, account disabled).
    session_token: Mapped[str] = mapped_column(String(36), default=new_id)
    # Demo accounts have published passwords: production refuses to start while any exist.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    role_grants: Mapped[list["RoleGrant"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.role_grants)

    @roles.setter
    def roles(self, roles: set[Role] | frozenset[Role]) -> None:
        keep = [grant for grant in self.role_grants if grant.role in roles]
        have = {grant.role for grant in keep}
        self.role_grants = keep + [RoleGrant(role=role) for role in roles if role not in have]

    def has_any_role(self, *roles: Role | str) -> bool:
        return bool(self.roles & {Role(r) for r in roles})

    # Flask-Login's user protocol, without importing it into the models.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.enabled

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}.{self.session_token}"


class SignInThrottle(Base):
    """Failed sign-ins counted per email address typed, whether or not an account has it, so an
    unknown address and a real account are locked out alike (no telling which exist).

    Keyed by a keyed hash of the address: strangers' typing is never stored as typed. Attempts
    are charged *before* the password is checked, in one UPDATE, so parallel guesses cannot
    slip past the limit."""

    __tablename__ = "sign_in_throttle"

    email_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RoleGrant(Base):
    __tablename__ = "role_grant"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(string_enum(Role), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_grants")
