// Sentra's few behaviours, wired by data- attributes (the CSP forbids inline scripts).
document.addEventListener("DOMContentLoaded", () => {
  // A select that submits its form when changed (the language switch).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // A button that checks the same choice for every row of its form (attendance: everyone
  // present): <button type="button" data-mark-all="present">.
  document.querySelectorAll("[data-mark-all]").forEach((button) => {
    button.addEventListener("click", () => {
      button.form.querySelectorAll(`input[type=radio][value="${button.dataset.markAll}"]`)
        .forEach((radio) => { radio.checked = true; });
    });
  });
  // A link to a page that this page also holds folded (<a href="/notes/new/" data-opens="add-note">):
  // with JavaScript it unfolds the part here and puts the cursor in it; without, it is a link.
  document.querySelectorAll("a[data-opens]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.dataset.opens);
      if (!target) return;
      event.preventDefault();
      if (target.tagName === "DETAILS") target.open = true;
      target.scrollIntoView({ block: "start" });
      target.querySelector("textarea, input:not([type=hidden]), select")?.focus({ preventScroll: true });
    });
  });
  // "Select all" of a group of checkboxes: <fieldset>...<button data-check-all hidden>.
  // Hidden without JavaScript, where it could do nothing.
  document.querySelectorAll("button[data-check-all]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      button.closest("fieldset").querySelectorAll("input[type=checkbox]")
        .forEach((box) => { box.checked = true; });
    });
  });
  // Amounts in rupiah read with thousands dots (1.500.000) once typed; the server accepts
  // them with or without (sentra/inputs.py: RupiahField).
  document.querySelectorAll("input[data-rupiah]").forEach((input) => {
    input.addEventListener("change", () => {
      const typed = input.value.replace(/^\s*Rp\.?\s*/i, "").replace(/,0{1,2}$/, "").trim();
      if (!/^(\d+|\d{1,3}(\.\d{3})+)$/.test(typed)) return; // left for the server to explain
      input.value = typed.replace(/\./g, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    });
  });
  // Buttons that ask before acting: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
});

// Nothing typed is lost: forms with data-draft-key keep a copy of their text fields in
// this device's localStorage until the server confirms the save. Keys are
// "draft:<user>:<form>", so on a shared computer one user's draft is never restored into
// another's form, and logging out forgets every draft kept on the device.
(() => {
  const DRAFT_PREFIX = "draft:";
  const forgetDrafts = (legacyToo) => {
    Object.keys(window.localStorage).forEach((key) => {
      if (key.startsWith(DRAFT_PREFIX) || (legacyToo && key.startsWith("note-"))) {
        window.localStorage.removeItem(key);
      }
    });
  };
  // Drafts of an earlier version were kept per case only ("note-<case>"): never restore them.
  Object.keys(window.localStorage)
    .filter((key) => key.startsWith("note-"))
    .forEach((key) => window.localStorage.removeItem(key));
  document.addEventListener("submit", (event) => {
    if (event.target.matches("form[data-logout]")) forgetDrafts(true);
  });

  const fieldsOf = (form) =>
    form.querySelectorAll("textarea, input[type=text], input[type=number], input[type=datetime-local], select");

  const restore = (form) => {
    const raw = window.localStorage.getItem(form.dataset.draftKey);
    if (!raw) return;
    let draft;
    try { draft = JSON.parse(raw); } catch { return; }
    let restored = false;
    fieldsOf(form).forEach((field) => {
      if (field.name in draft && field.name !== "csrfmiddlewaretoken" && !field.value.trim() && draft[field.name]) {
        field.value = draft[field.name];
        restored = true;
      }
    });
    const notice = form.querySelector("[data-draft-restored]");
    if (restored && notice) notice.classList.remove("d-none");
  };

  const save = (form) => {
    const draft = {};
    fieldsOf(form).forEach((field) => { if (field.name) draft[field.name] = field.value; });
    window.localStorage.setItem(form.dataset.draftKey, JSON.stringify(draft));
  };

  const wire = (root) => {
    // The server confirmed a save: forget the draft (before the empty form that came back
    // with the confirmation is wired, so the saved text is not restored into it).
    // A form folded on its page (<details data-close-on-save="selector">) folds again
    // and the page shows what was saved.
    // Once each: htmx announces each piece of one answer (the form, the note out of band)
    // separately, and a later announcement must not fold a form opened again since.
    root.querySelectorAll("[data-note-saved]:not([data-handled])").forEach((element) => {
      element.dataset.handled = "1";
      window.localStorage.removeItem(element.dataset.noteSaved);
      const fold = element.closest("details[data-close-on-save]");
      if (!fold) return;
      fold.open = false;
      document.querySelector(fold.dataset.closeOnSave)?.scrollIntoView({ block: "center" });
    });
    root.querySelectorAll("form[data-draft-key]").forEach((form) => {
      if (form.dataset.draftWired) return;
      form.dataset.draftWired = "1";
      restore(form);
      form.addEventListener("input", () => save(form));
    });
  };

  document.addEventListener("DOMContentLoaded", () => wire(document));
  document.addEventListener("htmx:load", (event) => wire(event.detail.elt.parentElement || document));

  const showError = (event) => {
    const form = event.detail.elt.closest("form");
    const alert = form && form.querySelector("[data-save-error]");
    if (alert) alert.classList.remove("d-none");
  };
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest("form");
    const alert = form && form.querySelector("[data-save-error]");
    if (alert) alert.classList.add("d-none");
  });
})();

// Fields that follow a choice: a field whose input carries data-show-if="route=referral,report"
// (sentra/inputs.py: show_if) is shown only while the field named "route" holds one of those
// values; a ticked checkbox holds "on". Assessment questions say the same as
// data-show-if="q_other" data-show-if-values='["yes"]'. The server applies the same rule
// and ignores what a hidden field holds.
(() => {
  const valuesOf = (form, name) =>
    Array.from(form.querySelectorAll(`[name="${name}"]`))
      .filter((input) => !["radio", "checkbox"].includes(input.type) || input.checked)
      .map((input) => input.value);

  const conditionOf = (input) => {
    if (input.dataset.showIfValues) {
      return [input.dataset.showIf, JSON.parse(input.dataset.showIfValues)];
    }
    const at = input.dataset.showIf.indexOf("=");
    return [input.dataset.showIf.slice(0, at), input.dataset.showIf.slice(at + 1).split(",")];
  };

  const refresh = (form) => {
    form.querySelectorAll("[data-show-if]").forEach((input) => {
      const [name, wanted] = conditionOf(input);
      const shown = valuesOf(form, name).some((v) => wanted.includes(v));
      const wrapper = input.closest(".question") || input.closest("[id^=div_id_]") || input.parentElement;
      wrapper.hidden = !shown;
    });
  };

  const wire = (root) => {
    root.querySelectorAll("form").forEach((form) => {
      if (form.dataset.showIfWired || !form.querySelector("[data-show-if]")) return;
      form.dataset.showIfWired = "1";
      refresh(form);
      form.addEventListener("change", () => refresh(form));
    });
  };
  document.addEventListener("DOMContentLoaded", () => wire(document));
  document.addEventListener("htmx:load", (event) => wire(event.detail.elt.parentElement || document));
})();

// A form is sent once: its submit buttons are disabled while the request is in flight
// (the server also refuses a repeat: each form carries a one-time submission key).
(() => {
  const buttonsOf = (form) => form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  const busy = (form, on) => {
    buttonsOf(form).forEach((button) => {
      button.disabled = on;
      if (on) button.setAttribute("aria-busy", "true"); else button.removeAttribute("aria-busy");
    });
  };
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    if (form.hasAttribute("hx-post")) return; // htmx forms: see below
    // Disable after the browser has collected the clicked button's name and value.
    window.setTimeout(() => busy(form, true), 0);
  });
  // Coming back with the browser's back button shows the page as it was: usable again.
  window.addEventListener("pageshow", () => document.querySelectorAll("form").forEach((f) => busy(f, false)));
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest("form");
    if (form) busy(form, true);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt.closest("form");
    if (form) busy(form, false);
    // Saved and sent elsewhere (HX-Redirect), or a repeated submission whose first one was
    // saved: this form's draft is done with.
    const xhr = event.detail.xhr;
    const done = xhr && event.detail.successful &&
      (xhr.getResponseHeader("HX-Redirect") || xhr.getResponseHeader("X-Submission-Repeat"));
    if (form && done && form.dataset.draftKey) {
      window.localStorage.removeItem(form.dataset.draftKey);
    }
  });
})();

// Folded groups (<details class="fold" data-open-wide>) start open on a wide screen, where
// there is room for them; on a phone they stay folded under today's work.
// A filter box (includes/list_filter.html) narrows a long list as the user types.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(min-width: 992px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((d) => { d.open = true; });
  }
  document.querySelectorAll("[data-list-filter]").forEach((box) => {
    const list = document.getElementById(box.dataset.listFilter);
    const input = box.querySelector("input");
    if (!list || !input) return;
    box.hidden = false;
    input.addEventListener("input", () => {
      const wanted = input.value.trim().toLocaleLowerCase();
      list.querySelectorAll("li").forEach((row) => {
        row.hidden = wanted !== "" && !row.textContent.toLocaleLowerCase().includes(wanted);
      });
      list.querySelectorAll("details").forEach((group) => {
        if (wanted) group.open = true;
        group.hidden = wanted !== "" && !group.querySelector("li:not([hidden])");
      });
    });
  });
});

// Regions that scroll sideways: a section navigation fades at its right edge while more
// items hide there (data-scroll-hint), and a wide table's scroller can be reached and
// scrolled with the keyboard (it gets a tab stop and the name of its heading).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-scroll-hint]").forEach((nav) => {
    const update = () => {
      nav.classList.toggle("at-end", nav.scrollLeft + nav.clientWidth >= nav.scrollWidth - 4);
    };
    nav.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  });
  document.querySelectorAll(".table-responsive").forEach((scroller) => {
    if (scroller.scrollWidth <= scroller.clientWidth || scroller.hasAttribute("tabindex")) return;
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    const heading = scroller.closest("section, .card, main")?.querySelector("h1, h2, h3");
    if (heading) scroller.setAttribute("aria-label", heading.textContent.trim());
  });
});

// The case picker (casework/forms/picker.py): a case ticked among the search results joins
// the chosen ones, so the next search does not take it away; Enter in the search box
// searches instead of sending the form.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.matches?.("[data-picker-results] input[type=checkbox]") || !box.checked) return;
  const picker = box.closest("[data-case-picker]");
  const chosen = picker.querySelector("[data-picker-chosen]");
  const same = [...picker.querySelectorAll("input[type=checkbox]")].find(
    (other) => other !== box && other.value === box.value,
  );
  if (same) {
    same.checked = true;
    box.closest(".form-check").remove();
  } else {
    chosen.append(box.closest(".form-check"));
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches?.("[data-picker-search]")) {
    event.preventDefault();
    event.target.dispatchEvent(new Event("search"));
  }
});
