"""Extensions, created unbound and attached to the app in the factory."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from knowledge.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
# Per-IP limits by default key; the sign-in route adds a per-account key. Storage comes from
# RATELIMIT_STORAGE_URI: memory for one process, a shared store (redis://…) for several.
limiter = Limiter(key_func=get_remote_address)
