def test_home_page_anonymous(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in" in response.data


def test_login_and_home(client, login_as, admin):
    login_as(admin)
    response = client.get("/")
    assert b"Welcome, Ada Admin" in response.data
