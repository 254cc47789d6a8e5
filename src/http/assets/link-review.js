// The link review page's keys and buttons (src/http/links/review-page.ts): j/k move, a accept,
// r reject, u undo the last decision made here. The write token is entered once and kept in
// sessionStorage (this tab only); decisions go to POST /links/decisions.
(() => {
  const list = document.getElementById('links');
  if (!list) return;
  const cards = [...list.querySelectorAll('article.link')];
  const message = document.getElementById('message');
  const tokenInput = document.getElementById('token');
  const tokenState = document.getElementById('token-state');
  const KEY = 'libkg-write-token';
  const done = [];
  let current = 0;

  const say = (text, error = false) => {
    message.textContent = text;
    message.classList.toggle('error', error);
  };
  const showToken = () => {
    tokenState.textContent = sessionStorage.getItem(KEY) ? 'token set for this tab' : 'no token yet';
  };
  document.getElementById('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (tokenInput.value) sessionStorage.setItem(KEY, tokenInput.value);
    tokenInput.value = '';
    showToken();
    say('');
  });
  showToken();

  const select = (i) => {
    if (!cards.length) return;
    current = Math.max(0, Math.min(cards.length - 1, i));
    for (const [k, c] of cards.entries()) c.classList.toggle('current', k === current);
    cards[current].scrollIntoView({ block: 'nearest' });
  };

  const show = (card, status, by) => {
    card.classList.remove('review', 'accepted', 'rejected');
    card.classList.add(status);
    card.dataset.status = status;
    card.querySelector('.state').textContent = by ? `${status} (${by})` : status;
  };

  async function post(card, decision) {
    const token = sessionStorage.getItem(KEY);
    if (!token) {
      say('Enter a write token first.', true);
      tokenInput.focus();
      return false;
    }
    const res = await fetch(list.dataset.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ spec: list.dataset.spec, source: card.dataset.source, target: card.dataset.target, decision }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status === 401) {
        sessionStorage.removeItem(KEY);
        showToken();
      }
      say(`${decision} failed: ${body.detail ?? body.title ?? res.status}`, true);
      return false;
    }
    show(card, body.status, body.by);
    say(`${decision}: ${body.status}`);
    return true;
  }

  async function decide(decision) {
    const card = cards[current];
    if (!card) return;
    const before = card.dataset.status;
    if (await post(card, decision)) {
      done.push({ card, before });
      select(current + 1);
    }
  }

  async function undo() {
    const last = done.at(-1);
    if (!last) return say('Nothing to undo.');
    if (await post(last.card, 'undo')) {
      done.pop();
      select(cards.indexOf(last.card));
    }
  }

  cards.forEach((card, i) => {
    card.querySelector('button.accept').addEventListener('click', () => {
      select(i);
      void decide('accept');
    });
    card.querySelector('button.reject').addEventListener('click', () => {
      select(i);
      void decide('reject');
    });
  });

  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = { j: () => select(current + 1), k: () => select(current - 1), a: () => decide('accept'), r: () => decide('reject'), u: () => undo() };
    const act = actions[e.key];
    if (!act) return;
    e.preventDefault();
    void act();
  });
  select(0);
})();
