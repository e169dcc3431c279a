"""Settings for SIZI, read from the environment with safe development defaults.

One module for every environment (healthchecks style): development runs with no
variables set (SQLite, console e-mail, DEBUG on); production sets DEBUG=0 plus
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. See `.env.example` for every variable.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """Return an environment variable read as a boolean ("1", "true", "yes", "on")."""
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    """Return an environment variable read as an integer."""
    return int(os.environ.get(name, default))


def envsecret(name: str, default: str = "") -> str:
    """Return a secret from NAME, or from the file named by NAME_FILE (Docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envlist(name: str, default: str) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = envbool("DEBUG", "1")
TESTING = envbool("SIZI_TESTING", "0")

_DEV_SECRET = "django-insecure-development-only-key-do-not-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = envsecret("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_NAME = "SIZI"

# Shared cache: Redis when configured (every app server then shares the rate
# limits), otherwise this process's memory (the office PC runs one process).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-ninja: the REST API; listed so its Swagger UI is served from its own
    # static files (never a CDN).
    "ninja",
    # SIZI apps, in the order of the ZI process (imports point left only).
    "sizi.core",
    "sizi.units",
    "sizi.plans",
    "sizi.evidence",
    "sizi.surveys",
    "sizi.cases",
    "sizi.integrity",
    "sizi.lke",
    "sizi.api",
    "sizi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sizi.units.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sizi.core.middleware.ContentSecurityPolicyMiddleware",
    # After the CSP middleware in this list, so that its page gets the header.
    "sizi.core.middleware.MethodNotAllowedPageMiddleware",
    # Lockout after repeated failed logins; must stay last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sizi.urls"
WSGI_APPLICATION = "sizi.wsgi.application"

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
                "sizi.core.context_processors.site",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "sizi.core.templatetags.sizi",
            ],
        },
    }
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'sizi.sqlite3'}"
        ),
        # Persistent connections (checked before reuse) outside development:
        # a new PostgreSQL connection per request caps a server near 200 req/s.
        conn_max_age=envint("DB_CONN_MAX_AGE", "0" if DEBUG else "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One office PC, one process: WAL and a busy timeout keep writers from failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # secure_delete: deleted rows (purged WBS reports) are zeroed on disk.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA secure_delete=ON;"
            ),
        }
    )
    # Tests use a file, not Django's shared in-memory database: browser tests
    # send concurrent requests to a threaded live server, and only a file gets
    # the same WAL locking and busy timeout as the office PC (an in-memory
    # shared cache fails at once with "database table is locked"). One file
    # per test process, so that two runs side by side never share it.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME",
        os.path.join(tempfile.gettempdir(), f"sizi-test-{os.getpid()}.sqlite3"),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is slow by design; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor sign-in (docs/keamanan-akun.md): administrators must use it. The
# test suite signs administrators in without it unless a test asks for it.
TWO_FACTOR_REQUIRED_FOR_ADMINS = envbool(
    "TWO_FACTOR_REQUIRED_FOR_ADMINS", "0" if TESTING else "1"
)
OTP_TOTP_ISSUER = "SIZI"
LOGIN_REDIRECT_URL = "units:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Optional sign-in through the institution's OpenID Connect provider (SSO),
# on only when its client id is set (docs/keamanan-akun.md). People are matched
# to existing accounts by e-mail or user name; no account is ever created.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = envsecret("OIDC_RP_CLIENT_SECRET")
OIDC_OP_NAME = os.environ.get("OIDC_OP_NAME", "SSO instansi")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", "10")
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
        )
        if not globals()[name]
    ]
    if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")) and not OIDC_OP_JWKS_ENDPOINT:
        _missing.append("OIDC_OP_JWKS_ENDPOINT")
    if _missing:
        raise RuntimeError(f"OIDC_RP_CLIENT_ID is set; also set {', '.join(_missing)}.")
    AUTHENTICATION_BACKENDS.append("sizi.units.oidc.SiziOIDCBackend")

# Lockout: AXES_FAILURE_LIMIT failed logins for one username from one address lock it for
# AXES_COOLOFF_MINUTES (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ADMIN = True
# Behind a reverse proxy, count the proxies so that lockout sees the client's
# address (X-Forwarded-For, right-most entries are the trusted proxies).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LANGUAGE_CODE = "id"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sizi.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Private storage for uploaded files: never under a public URL. Files are served
# only through permission-checked views. S3-compatible storage when configured.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private")
)
# A PRIVATE_MEDIA_ROOT shared by several app servers (NFS...): no deploy warning.
PRIVATE_MEDIA_SHARED = envbool("PRIVATE_MEDIA_SHARED", "0")
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET and importlib.util.find_spec("boto3") is None:
    # Fail at start, not at the first upload (boto3 is a dependency of SIZI).
    raise RuntimeError(
        "S3_BUCKET is set but boto3 is not installed: pip install boto3 "
        "(a dependency of SIZI: reinstall with make install or pip install -e .)."
    )
if S3_BUCKET:
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": envsecret("S3_ACCESS_KEY") or None,
            "secret_key": envsecret("S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _private_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SIZI <sizi@localhost>")

# Background work (django-tasks): the database backend by default, so the
# office PC needs no other service; `manage.py worker` runs the tasks and the
# periodic commands. See docs/background-jobs.md.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
RQ_BACKEND = "django_tasks_rq.RQBackend"
if TASKS_BACKEND == RQ_BACKEND:
    # Several app servers: tasks go to Redis and any number of RQ workers
    # (`manage.py rqworker`) take them; one `manage.py worker --schedule-only`
    # runs the daily commands and recovers stopped jobs.
    if not REDIS_URL:
        raise RuntimeError(
            "TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL "
            "(e.g. redis://127.0.0.1:6379/0)."
        )
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {
            "URL": REDIS_URL,
            # Long exports and packs: an RQ job is stopped after this many seconds.
            "DEFAULT_TIMEOUT": envint("RQ_JOB_TIMEOUT", "1800"),
        }
    }
JOB_RESULT_HOURS = envint("JOB_RESULT_HOURS", "72")
JOB_STALE_MINUTES = envint("JOB_STALE_MINUTES", "10")
JOB_MAX_ATTEMPTS = envint("JOB_MAX_ATTEMPTS", "2")
# (name, management command, time of day in Asia/Jakarta); empty with cron.
PERIODIC_COMMANDS: list[tuple[str, str, str]] = (
    []
    if envbool("PERIODIC_FROM_CRON", "0")
    else [
        ("verify_audit", "verify_audit", "01:15"),
        ("verify_evidence", "verify_evidence", "01:30"),
        ("purge_plan_imports", "purge_plan_imports", "01:45"),
        ("purge_lke_imports", "purge_lke_imports", "01:50"),
        ("purge_survey_imports", "purge_survey_imports", "01:52"),
        ("purge_jobs", "purge_jobs", "01:55"),
        ("purge_wbs_reports", "purge_wbs_reports", "02:00"),
        ("send_plan_reminders", "send_plan_reminders", "06:00"),
        ("send_evidence_reminders", "send_evidence_reminders", "06:05"),
        ("send_case_reminders", "send_case_reminders", "06:10"),
        ("send_gratification_reminders", "send_gratification_reminders", "06:15"),
        ("send_statement_reminders", "send_statement_reminders", "06:20"),
        # after the reminders, so the day's reminders are in the digest
        ("send_notification_digest", "send_notification_digest", "06:30"),
    ]
)

# Security headers; the strict ones switch on with DEBUG off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "sizi.core.views.csrf_failure"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
    SECURE_HSTS_PRELOAD = (
        envbool("SECURE_HSTS_PRELOAD", "1") and SECURE_HSTS_SECONDS > 0
    )
    # Only the single-PC edition (`make run`, plain HTTP on the office network)
    # turns this off; every HTTPS deployment keeps secure cookies.
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "1")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # WBS requests never reach a log with their request, body or traceback.
    "filters": {
        "redact_wbs": {"()": "sizi.cases.wbs.logfilter.RedactWbsRequests"},
        # A refused request (403, 404, 405) is logged as one line, without traceback.
        "quiet_refusals": {"()": "sizi.core.logfilters.QuietRefusals"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_wbs"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # The worker polls every second; its "starting"/"no more tasks" lines
        # are not news. Task failures are logged by sizi.core.jobs.
        "django_tasks_db": {"level": "WARNING"},
        # Also on the loggers themselves, before any handler Django adds by default.
        "django.request": {"filters": ["redact_wbs", "quiet_refusals"]},
        "django.security.csrf": {"filters": ["redact_wbs"]},
    },
}

# --- Evidence (bukti fisik) uploads -------------------------------------------
# Allowed types are checked by content (sizi/evidence/validation.py), keys among:
# pdf docx xlsx pptx doc xls ppt jpg png webp gif mp4 webm zip.
EVIDENCE_ALLOWED_TYPES = envlist(
    "EVIDENCE_ALLOWED_TYPES", "pdf,docx,xlsx,pptx,doc,xls,ppt,jpg,png,webp,mp4"
)
EVIDENCE_MAX_UPLOAD_SIZE = envint("EVIDENCE_MAX_UPLOAD_SIZE", str(50 * 1024 * 1024))
# ZIP containers (.docx/.xlsx/.pptx too) are refused when they would expand beyond
# this size or ratio, or hold too many entries (zip bomb), read from the directory.
EVIDENCE_MAX_UNCOMPRESSED_SIZE = envint(
    "EVIDENCE_MAX_UNCOMPRESSED_SIZE", str(500 * 1024 * 1024)
)
EVIDENCE_MAX_COMPRESSION_RATIO = envint("EVIDENCE_MAX_COMPRESSION_RATIO", "200")
EVIDENCE_MAX_ARCHIVE_ENTRIES = envint("EVIDENCE_MAX_ARCHIVE_ENTRIES", "10000")
EVIDENCE_MAX_FILES_PER_UPLOAD = envint("EVIDENCE_MAX_FILES_PER_UPLOAD", "20")
# Uploads above 2 MB stream to a temporary file on disk, never into memory;
# the non-file part of a form may be at most 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = envint(
    "FILE_UPLOAD_MAX_MEMORY_SIZE", str(2 * 1024 * 1024)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2621440))
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_PERMISSIONS = 0o640
# Open evidence requests due within this many days are in the reminder e-mails.
EVIDENCE_REMINDER_DAYS_AHEAD = envint("EVIDENCE_REMINDER_DAYS_AHEAD", "3")
# Upload handlers that also compute each file's SHA-256 while it streams in
# (sizi/evidence/uploads.py); otherwise Django's two default handlers.
FILE_UPLOAD_HANDLERS = [
    "sizi.evidence.uploads.HashingMemoryFileUploadHandler",
    "sizi.evidence.uploads.HashingTemporaryFileUploadHandler",
]

# --- Whistleblowing system (WBS) ---------------------------------------------
# The master key that seals every report's data key: 32 bytes, URL-safe base64,
# from the environment or a file (`make run` writes var/wbs_key). Never in the
# database. Without it the WBS refuses reports when DEBUG is off (check cases.W001).
WBS_ENCRYPTION_KEY = envsecret("WBS_ENCRYPTION_KEY")
# scrypt's cost for receipt hashes (2^14 ~ 16 MiB and ~50 ms per look-up).
WBS_RECEIPT_SCRYPT_N = envint("WBS_RECEIPT_SCRYPT_N", str(2**8 if TESTING else 2**14))
WBS_MAX_ATTACHMENT_SIZE = envint("WBS_MAX_ATTACHMENT_SIZE", str(10 * 1024 * 1024))
