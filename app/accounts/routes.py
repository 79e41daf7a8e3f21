"""Sign-in, sign-out, invitations, password resets and one's own account."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from ..core.forms import flash_errors, select_choices
from ..core.i18n import LANGUAGE_COOKIE, language_names
from ..core.urls import same_site_path
from ..extensions import db, limiter, login_manager
from . import services, sessions
from .blueprint import bp
from .forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    ResetRequestForm,
    SetPasswordForm,
)

login_manager.login_view = "accounts.login"
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str):
    """Flask-Login's loader: the account of a session that is still open on the server."""
    return sessions.load_session_user(user_id)


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_rate_limit() -> str:
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def _submitted_email_and_source() -> str:
    # Per address AND source: someone who knows the address cannot lock its owner out, and
    # the per-source limit still holds against guessing many addresses.
    return f"login:{get_remote_address()}:" + services.normalise_email(request.form.get("email",
                                                                                      ""))


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in."""
    return same_site_path(target, url_for("core.index"))


def _language_choices():
    return select_choices(current_app.config["LANGUAGES"].items())


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
@limiter.limit(_account_rate_limit, methods=["POST"], key_func=_submitted_email_and_source,
               deduct_when=lambda response: response.status_code != 302)
def login():
    """Sign in; the same message whether the e-mail or the password was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("core.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            sessions.start_session(user, remember=form.remember.data)
            login_user(user, remember=form.remember.data)
            services.record_login(user)
            db.session.commit()
            return redirect(_safe_next(form.next.data))
        flash(_("The e-mail address or password is not correct."), "error")
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out: the session ends on the server, so no copy of its cookies works any more."""
    sessions.end_session(current_user)
    db.session.commit()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"])
def forgot_password():
    """Ask for a reset link; the answer never tells whether the account exists."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account exists for that address, we have sent it a link to reset the "
                "password. The link works for %(minutes)d minutes.",
                minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from an e-mailed link."""
    return _password_from_token(token, "password-reset", services.reset_password,
                                _("Your password has been changed. You can sign in now."))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """An invited person sets their password and is signed in."""
    return _password_from_token(token, "invitation", services.accept_invitation,
                                _("Welcome! Your account is ready."))


def _password_from_token(token: str, purpose: str, operation, success: str):
    user = services.check_token(token, purpose)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = operation(token, form.password.data)
        except services.PasswordRejected as exc:
            form.password.errors.append(exc.message)
        else:
            sessions.start_session(user)
            db.session.commit()
            logout_user()
            login_user(user)
            flash(success, "success")
            return redirect(url_for("core.index"))
    return render_template("accounts/set_password.html", form=form, user=user, purpose=purpose)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """One's own account: name, language, time zone, organisations."""
    form = ProfileForm(obj=current_user)
    form.preferred_language.choices = _language_choices()
    if form.validate_on_submit():
        services.update_profile(current_user, display_name=form.display_name.data,
                                preferred_language=form.preferred_language.data,
                                timezone=form.timezone.data)
        db.session.commit()
        flash(_("Your account has been saved."), "success")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form)


@bp.post("/language")
def set_language():
    """The header's language switcher: remembered in a cookie, and on the account if any."""
    form = LanguageForm()
    form.language.choices = select_choices(language_names())
    back = form.back.data or url_for("core.index")
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(back)
    if current_user.is_authenticated:
        services.set_language(current_user, form.language.data)
        db.session.commit()
    response = redirect(back)
    response.set_cookie(LANGUAGE_COOKIE, form.language.data, max_age=365 * 24 * 3600,
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
                        httponly=True, samesite="Lax")
    return response


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data,
                                     form.password.data)
        except services.WrongPassword as exc:
            form.current_password.errors.append(exc.message)
        except services.PasswordRejected as exc:
            form.password.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            flash(_("Every other session of your account has been signed out."), "info")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/change_password.html", form=form)


@bp.post("/account/sessions/end")
@login_required
def sign_out_everywhere():
    """End every session of one's account, on every device, this one included."""
    sessions.end_other_sessions(current_user, keep_current=False)
    db.session.commit()
    logout_user()
    flash(_("You have been signed out on every device."), "info")
    return redirect(url_for("accounts.login"))
