/**
 * The search page's suggestion box, served by libkg (`/search/suggest.js`; no inline script, no CDN).
 * An ARIA combobox: suggestions as the user types (from /search/suggest), Up/Down to move, Enter to
 * search for the one chosen, Escape to close; a click does the same as Enter.
 */
export const SUGGEST_SCRIPT = `(() => {
  const input = document.querySelector('form.search input[name=q]');
  const endpoint = input && input.form && input.form.dataset.suggest;
  if (!input || !endpoint) return;
  const list = document.createElement('ul');
  list.id = 'suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  input.insertAdjacentElement('afterend', list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'suggestions');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');
  let items = [];
  let active = -1;
  let timer;
  let asked = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    list.replaceChildren(...items.map((label, i) => {
      const li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.textContent = label;
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      return li;
    }));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', 'suggestion-' + active);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (i) => {
    input.value = items[i];
    close();
    input.form.requestSubmit();
  };
  const ask = async () => {
    const q = input.value;
    if (q.trim().length < 2) return close();
    const mine = ++asked;
    try {
      const r = await fetch(endpoint + '?q=' + encodeURIComponent(q), { headers: { accept: 'application/x-suggestions+json' } });
      const body = await r.json();
      if (mine !== asked) return;
      items = Array.isArray(body[1]) ? body[1] : [];
      active = -1;
      render();
    } catch {
      close();
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(ask, 120); });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = items.length;
      active = e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n;
      render();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
})();
`;
