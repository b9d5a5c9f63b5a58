"""Reading a page in a test: its status and the content it must show, checked every time."""


def read_page(http, url, *expected: str, status: int = 200, data=None) -> str:
    """GET `url` and return its body, after checking the status and that every `expected`
    text is on it (so a query budget is never met by an error page)."""
    response = http.get(url, data)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    body = response.content.decode()
    missing = [text for text in expected if text not in body]
    assert not missing, f"{url} does not show {missing}"
    return body
