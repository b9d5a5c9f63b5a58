"""Sentra settings: one file, driven by environment variables, secure by default.

Every variable is listed in `.env.example`. Without any environment the app refuses to
start (no SECRET_KEY outside DEBUG); `DEBUG=1` gives the quick start: SQLite and
in-process tasks.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "sentra",
    "clients",
    "casework",
    "assessments",
    "residence",
    "activities",
    "reports",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed (static files come compressed from WhiteNoise, above): why this
    # is safe despite BREACH is in docs/performance.md, "Page weight".
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sentra.sessions.AbsoluteLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sentra.middleware.CentreTimezoneMiddleware",
    "sentra.middleware.InputBoundsMiddleware",
    "sentra.middleware.OneSubmissionMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sentra.mfa.MultiFactorMiddleware",
]

ROOT_URLCONF = "sentra.urls"
WSGI_APPLICATION = "sentra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sentra.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite for the quick start; DATABASE_URL=postgres://... in production and in CI.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is checked before each request reuses it: after a PostgreSQL restart
# the first request reconnects instead of failing with a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] != 0
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if IS_POSTGRES:
    # Client search matches misspelt names with the indexable `%>` operator of pg_trgm,
    # whose threshold is a setting of the session (clients/search.py: search_clients).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c pg_trgm.word_similarity_threshold=0.4"
    )
    # A database host that does not answer fails the request in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )

# Reports and exports may read from a streaming replica (sentra/replica.py); in tests the
# alias mirrors the primary, so the routing runs without a second server.
if env.str("REPORTS_DATABASE_URL", default=""):
    _replica = env.db("REPORTS_DATABASE_URL")
    DATABASES["reports"] = {
        **DATABASES["default"],  # the same options (timeouts, trigram threshold)
        **{key: _replica[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")},
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["sentra.replica.ReportsRouter"]

# --- Auth, sessions, lockout ------------------------------------------------------------
AUTH_USER_MODEL = "sentra.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# 30 minutes idle: the cookie is renewed on every request, so only inactivity expires it.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# However active, a sign-in ends after this long (sentra.sessions.AbsoluteLifetimeMiddleware):
# a session cookie taken from a shared computer is not good forever.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"

# Multi-factor sign-in (TOTP with recovery codes, django-otp): required for supervisors and
# admins in production. Accounts marked `mfa_exempt` (only seed_demo marks its demo accounts)
# sign in with their password alone. Social workers may turn it on for themselves.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Sentra"

# Failed sign-ins are throttled per username AND source address (sentra/logins.py), with
# waits that double, never a lock: an attacker cannot lock staff out, and staff of one
# centre (one NAT address) do not hold each other back. After LOGIN_FAILURE_LIMIT failures
# of a pair it waits 30 s, doubling up to LOGIN_LOCKOUT_MINUTES; LOGIN_ALERT_THRESHOLD
# failures of one username in a day (from anywhere) tell the centre's admins.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
LOGIN_ALERT_THRESHOLD = env.int("LOGIN_ALERT_THRESHOLD", default=10)

# --- HTTPS and security headers ----------------------------------------------------------
# Secure by default: with DEBUG off, HTTPS redirect, HSTS (a year, subdomains, preload)
# and secure cookies are on without any variable, so `check --deploy` is clean with only
# DEBUG, SECRET_KEY and ALLOWED_HOSTS. A centre that runs Sentra on a LAN without TLS must
# say so explicitly with ALLOW_PLAIN_HTTP=1 (see docs/operations.md for the risk: passwords
# and session cookies then cross the network readable by anyone on it). The individual
# variables below still override either default.
PLAIN_HTTP = DEBUG or env.bool("ALLOW_PLAIN_HTTP", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not PLAIN_HTTP)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not PLAIN_HTTP)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if PLAIN_HTTP else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere: behaviour lives in static/js, configuration in data- attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Language and time -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Static and private files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded case documents and generated reports are never under a public URL: they live
# in PRIVATE_STORAGE_ROOT and are served only by views that re-check access.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", default=str(BASE_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Email ---------------------------------------------------------------------------------
# Password-reset mails carry a token that lets anyone who reads it take over the account:
# in production they never go to the console (and so to the server log). Without EMAIL_URL
# a production server drops mails and logs only that one was dropped (sentra.mail).
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "sentra.mail.UnconfiguredEmailBackend",
)
if not DEBUG and EMAIL_BACKEND.endswith(("console.EmailBackend", "filebased.EmailBackend")):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND would write password-reset tokens to the log; set EMAIL_URL instead."
    )
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="sentra@localhost")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

# --- Celery --------------------------------------------------------------------------------
# Without a broker, tasks run in-process so the quick start needs nothing installed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or env.str("REDIS_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Socket timeouts so a hung Redis cannot hang a web request that publishes a task; the
# visibility timeout is above the hard time limit so a running task is not redelivered.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "visibility_timeout": CELERY_TASK_TIME_LIMIT * 2,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
# A web request publishes once, on its own connection, with these timeouts and no retry
# (reports.services.publish): a slow or frozen Redis costs a request at most this long.
PUBLISH_TIMEOUT_SECONDS = env.float("PUBLISH_TIMEOUT_SECONDS", default=0.3)
# PDFs are heavy: they have their own queue so light tasks never wait behind them.
CELERY_TASK_ROUTES = {
    "reports.tasks.generate_report_task": {"queue": "reports"},
    "reports.tasks.refresh_summaries_task": {"queue": "bulk"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BEAT_SCHEDULE = {
    "sweep-report-runs": {"task": "reports.tasks.sweep_report_runs_task", "schedule": 60.0},
    # /healthz shows how long ago this last ran: beat, broker and a worker all alive.
    "scheduler-heartbeat": {"task": "sentra.tasks.heartbeat_task", "schedule": 30.0},
    "monthly-reports": {
        "task": "reports.tasks.monthly_reports_task",
        # Every hour of the first three days of the month: idempotent, so a missed run
        # (server down on the 1st) is caught up.
        "schedule": crontab(minute=15, day_of_month="1-3"),
    },
    # The dashboard's closed periods counted again, so late entries show the next morning.
    "refresh-summaries": {
        "task": "reports.tasks.refresh_summaries_task",
        "schedule": crontab(minute=45, hour=1),
    },
    # UU PDP retention: closed cases past the centre's period are anonymised nightly.
    "anonymise-due": {
        "task": "privacy.tasks.anonymise_due_task",
        "schedule": crontab(minute=30, hour=2),
    },
}
# A report run whose worker is silent this long is taken over by another worker.
REPORT_LEASE_SECONDS = env.int("REPORT_LEASE_SECONDS", default=300)

# --- Forms and messages ----------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # django.server would log query strings; search forms use POST, but be safe.
        "django.server": {"level": "WARNING"},
    },
}
