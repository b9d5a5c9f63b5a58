"""Reading a page in a test: its status and the content it must show, checked every time."""

from html.parser import HTMLParser


def read_page(http, url, *expected: str, status: int = 200, data=None) -> str:
    """GET `url` and return its body, after checking the status and that every `expected`
    text is on it (so a query budget is never met by an error page)."""
    response = http.get(url, data)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    body = response.content.decode()
    missing = [text for text in expected if text not in body]
    assert not missing, f"{url} does not show {missing}"
    return body


class _FormReader(HTMLParser):
    """The fields a browser would send from the forms of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    fields.setdefault(name, []).append(attrs.get("value", "on"))
                return
            fields.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                fields.setdefault(self._select, []).append(value)
                self._select_chosen = True

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.forms[-1]["fields"].setdefault(self._select, []).append(self._select_first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            values = self.forms[-1]["fields"][self._textarea]
            values[-1] += data.removeprefix("\n") if not values[-1] else data


def form_data(body: str, having: str = "version") -> dict:
    """What a browser would send from the first form of `body` that has a field named
    `having` (one value per field, a list where several are chosen)."""
    reader = _FormReader()
    reader.feed(body)
    for form in reader.forms:
        if having in form["fields"]:
            return {
                name: values[0] if len(values) == 1 else values
                for name, values in form["fields"].items()
            }
    raise AssertionError(f"No form with a field {having!r} on the page")
