import pytest


@pytest.fixture(autouse=True)
def shared_session_logged_out(seal_token):
    """PKCS#11 login is per process: keep the shared session logged out around each test."""
    seal_token.session.logout()
    yield
    seal_token.session.logout()
