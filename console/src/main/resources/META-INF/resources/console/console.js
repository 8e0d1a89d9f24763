'use strict';
/*
 * The Hypervisor console: a client of the public API on the gateway's own origin, and nothing else.
 * Views are chosen by the address's fragment (#/, #/clusters/ID, #/deployments/ID). Tokens live in memory only,
 * so a reload asks to sign in again; the access token is refreshed before it expires. Live parts follow the
 * API's event streams through fetch, because EventSource cannot send the Authorization header.
 */

const session = { accessToken: null, refreshToken: null, refreshTimer: null, user: null, refreshing: null };
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const PAGE_SIZE = 20;

/** Aborted whenever another view is shown: the old view's streams and timers stop with it. */
let leaving = new AbortController();

// ---------------------------------------------------------------- the API

/** A refusal from the API, carrying its problem+json. */
class Refused extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `the server answered ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

/** Calls the API with the session's token; a 401 refreshes the token once and asks again. */
async function api(path, { method = 'GET', body, signal } = {}) {
  const call = () => fetch(path, {
    method, signal,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let answer = await call();
  if (answer.status === 401 && session.refreshToken && await refresh()) {
    answer = await call();
  }
  if (answer.status === 401 && session.accessToken) {
    signOut('Your session ended; sign in again.');
  }
  const text = await answer.text();
  const json = text && (answer.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null;
  if (!answer.ok) {
    throw new Refused(json || {}, answer.status);
  }
  return json;
}

function headers(extra) {
  const all = { Accept: 'application/json', ...extra };
  if (session.accessToken) {
    all.Authorization = `Bearer ${session.accessToken}`;
  }
  return all;
}

async function signIn(username, password) {
  keep(await api('/api/v1/auth/login', { method: 'POST', body: { username, password } }));
  session.user = await api('/api/v1/users/me');
}

/** Keeps a token pair and plans its refresh when four fifths of the access token's life have passed. */
function keep(pair) {
  session.accessToken = pair.accessToken;
  session.refreshToken = pair.refreshToken;
  clearTimeout(session.refreshTimer);
  session.refreshTimer = setTimeout(refresh, Math.max(5, pair.expiresIn * 0.8) * 1000);
}

/**
 * Trades the refresh token for a new pair. A refresh token works once, so calls that need a refresh at the same
 * moment share one.
 */
function refresh() {
  if (!session.refreshing) {
    session.refreshing = (async () => {
      try {
        const answer = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
        if (!answer.ok) {
          return false;
        }
        keep(await answer.json());
        return true;
      } catch (e) {
        return false;
      } finally {
        session.refreshing = null;
      }
    })();
  }
  return session.refreshing;
}

function signOut(message) {
  const refreshToken = session.refreshToken;
  if (refreshToken) {
    fetch('/api/v1/auth/logout', {
      method: 'POST', headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ refreshToken }),
    }).catch(() => {});
  }
  clearTimeout(session.refreshTimer);
  Object.assign(session, { accessToken: null, refreshToken: null, user: null });
  signInView(message);
}

/**
 * Follows a server-sent event stream, calling onEvent with each event's envelope, and reconnects with
 * Last-Event-ID when the connection drops, until the view changes or untilEnded says the stream's end was final.
 */
async function follow(path, onEvent, signal, untilEnded = async () => false) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const answer = await fetch(path, {
        signal, headers: headers({ Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) }),
      });
      if (answer.status === 401 && await refresh()) {
        continue;
      }
      if (!answer.ok) {
        return;
      }
      const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer = (buffer + value).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event.data) {
            lastId = event.id || lastId;
            onEvent(JSON.parse(event.data));
          }
        }
      }
      if (await untilEnded()) {
        return;
      }
    } catch (e) {
      if (signal.aborted) {
        return;
      }
    }
    await pause(1000, signal);
  }
}

/** One event's lines: id, event and data fields; lines starting with a colon are keep-alive comments. */
function parseEvent(block) {
  const event = { id: null, data: '' };
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) {
      continue;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') {
      event.id = value;
    } else if (field === 'data') {
      event.data = event.data ? `${event.data}\n${value}` : value;
    }
  }
  return event;
}

function pause(millis, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, millis);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** Runs task at most once per interval, however often it is asked for: a busy stream does not flood the API. */
function coalesce(task, millis) {
  let planned = false;
  return () => {
    if (!planned) {
      planned = true;
      setTimeout(() => { planned = false; task(); }, millis);
    }
  };
}

// ---------------------------------------------------------------- building the page

/** Builds an element; attributes starting with "on" are listeners; children are nodes, text or absent. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...present(children));
  return element;
}

/** Replaces an element's children; as with h, children may be nested in arrays and absent ones are left out. */
function put(element, ...children) {
  element.replaceChildren(...present(children));
}

function present(children) {
  return children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false);
}

function show(...children) {
  const view = document.getElementById('view');
  put(view, children);
  const heading = view.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · Hypervisor`;
  }
  view.focus();
}

function table(caption, columns, rows) {
  return h('div', { class: 'scroll' }, h('table', {},
    h('caption', { class: 'muted', hidden: !caption }, caption || ''),
    h('thead', {}, h('tr', {}, columns.map(column =>
      h('th', { scope: 'col', class: column.number ? 'number' : null }, column.title)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(column =>
      h('td', { class: column.number ? 'number' : null }, column.cell(row))))))));
}

function statusBadge(status) {
  return h('span', { class: `status ${status}` }, status);
}

function when(instant) {
  return instant ? h('time', { datetime: instant }, new Date(instant).toLocaleString()) : '—';
}

function problemText(error) {
  return error instanceof Refused ? error.message : `the request did not reach the server (${error.message})`;
}

// ---------------------------------------------------------------- quantities

const MULTIPLIERS = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A Kubernetes quantity ("1500m", "16Gi", 2) as a number, to draw bars with. */
function amount(quantity) {
  if (typeof quantity === 'number') {
    return quantity;
  }
  const parts = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(quantity || '0'));
  return parts && parts[2] in MULTIPLIERS ? parseFloat(parts[1]) * MULTIPLIERS[parts[2]] : 0;
}

function resourcesText(resources) {
  if (!resources) {
    return '—';
  }
  return `${resources.cpu} cpu, ${resources.memory} memory${resources.gpu ? `, ${resources.gpu} gpu` : ''}`;
}

/** A resource's bar: what is allocated of the capacity, with the figures in words beside it. */
function resourceBar(cluster, resource) {
  const capacity = amount(cluster.capacity[resource]);
  const allocated = amount(cluster.allocated[resource]);
  const share = capacity > 0 ? Math.min(1, allocated / capacity) : 0;
  const label = `${resource}: ${cluster.allocated[resource]} allocated, ${cluster.available[resource]} available`
    + ` of ${cluster.capacity[resource]}`;
  const fill = h('div', { class: share >= 1 ? 'fill full' : 'fill' });
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  return h('div', { class: 'resource', 'data-resource': resource },
    h('div', { class: 'resource-head' },
      h('strong', {}, resource),
      h('span', { class: 'figures' }, `${cluster.allocated[resource]} allocated · ${cluster.available[resource]}`
        + ` available · ${cluster.capacity[resource]} capacity`)),
    h('div', {
      class: 'bar', role: 'meter', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': capacity,
      'aria-valuenow': allocated,
    }, fill));
}

// ---------------------------------------------------------------- views

function signInView(message) {
  document.getElementById('account').hidden = true;
  const problem = h('p', { class: 'problem', role: 'alert' }, message || '');
  const form = h('form', { class: 'fields narrow', id: 'sign-in' },
    h('label', {}, 'Username or email', h('input', { name: 'username', autocomplete: 'username', required: true })),
    h('label', {}, 'Password', h('input', {
      name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')),
    problem);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.textContent = '';
    try {
      await signIn(form.username.value, form.password.value);
      document.getElementById('who').textContent = session.user.username;
      document.getElementById('account').hidden = false;
      route();
    } catch (error) {
      problem.textContent = problemText(error);
    }
  });
  show(h('h1', {}, 'Sign in'), h('section', { class: 'card' }, form));
  form.username.focus();
}

async function homeView() {
  const [me, clusters] = await Promise.all([api('/api/v1/users/me'), api('/api/v1/clusters?limit=500')]);
  session.user = me;
  const sections = me.organizations.map(organization => {
    const own = clusters.items.filter(cluster => cluster.organizationId === organization.id);
    return h('section', { class: 'card', 'aria-labelledby': `org-${organization.id}` },
      h('h2', { id: `org-${organization.id}` }, organization.name, ' ',
        h('span', { class: 'muted' }, `(${organization.role.toLowerCase()})`)),
      own.length === 0 ? h('p', { class: 'muted' }, 'No clusters yet.') : table(null, [
        { title: 'Cluster', cell: cluster => h('a', { href: `#/clusters/${cluster.id}` }, cluster.name) },
        { title: 'CPU allocated / capacity', cell: cluster => `${cluster.allocated.cpu} / ${cluster.capacity.cpu}` },
        { title: 'Memory', cell: cluster => `${cluster.allocated.memory} / ${cluster.capacity.memory}` },
        { title: 'GPU', cell: cluster => `${cluster.allocated.gpu} / ${cluster.capacity.gpu}` },
      ], own));
  });
  show(h('h1', {}, 'Organizations and clusters'),
    sections.length ? sections : h('p', { class: 'card' }, 'You belong to no organization yet.'));
}

async function clusterView(clusterId) {
  const signal = leaving.signal;
  const parts = {
    capacity: h('section', { class: 'card', 'aria-labelledby': 'capacity-title' }),
    queues: h('section', { class: 'card', 'aria-labelledby': 'queues-title', id: 'queues', hidden: true }),
    pending: h('section', { class: 'card', 'aria-labelledby': 'pending-title', id: 'pending' }),
    running: h('section', { class: 'card', 'aria-labelledby': 'running-title', id: 'running' }),
  };
  const cursors = [null];
  let page = 0;
  let queueNames = [];
  const heading = h('h1', {}, 'Cluster');

  const drawCapacity = async () => {
    const cluster = await api(`/api/v1/clusters/${clusterId}`);
    heading.textContent = cluster.name;
    put(parts.capacity, h('h2', { id: 'capacity-title' }, 'Capacity'),
      ['cpu', 'memory', 'gpu'].map(resource => resourceBar(cluster, resource)));
  };
  const drawQueues = async () => {
    const queues = await api(`/api/v1/clusters/${clusterId}/queues`);
    queueNames = queues.items.map(queue => queue.name);
    parts.queues.hidden = queues.items.length === 0;
    put(parts.queues, h('h2', { id: 'queues-title' }, 'Queues'), table(null, [
      { title: 'Queue', cell: queue => queue.default ? `${queue.name} (default)` : queue.name },
      { title: 'Quota', cell: queue => resourcesText(queue.quota) },
      { title: 'Usage', cell: queue => resourcesText(queue.usage) },
      { title: 'Borrowed', cell: queue => resourcesText(queue.borrowed) },
      { title: 'Share', number: true, cell: queue => queue.share.toFixed(2) },
      { title: 'Running', number: true, cell: queue => String(queue.running) },
      { title: 'Pending', number: true, cell: queue => String(queue.pending) },
    ], queues.items));
  };
  const drawPending = async () => {
    const cursor = cursors[page];
    const answer = await api(`/api/v1/clusters/${clusterId}/queue?limit=${PAGE_SIZE}`
      + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''));
    cursors[page + 1] = answer.nextCursor;
    const first = page * PAGE_SIZE + 1;
    put(parts.pending, h('h2', { id: 'pending-title' }, 'Pending'),
      h('p', { class: 'muted', id: 'pending-total' }, `${answer.total} waiting`
        + (answer.items.length ? `; showing ${first}–${first + answer.items.length - 1}` : '')),
      answer.items.length === 0 ? null : table(null, [
        { title: 'Position', number: true, cell: waiting => String(waiting.pending?.position ?? '') },
        { title: 'Name', cell: waiting => h('a', { href: `#/deployments/${waiting.id}` }, waiting.name) },
        { title: 'Queue', cell: waiting => waiting.queue || '—' },
        { title: 'Priority', cell: waiting => waiting.priority },
        { title: 'Reason', cell: waiting => waiting.pending?.reason || '' },
        { title: 'Why', cell: waiting => waiting.pending?.message || '' },
      ], answer.items),
      h('div', { class: 'pager' },
        h('button', {
          type: 'button', class: 'secondary', disabled: page === 0,
          onclick: () => { page -= 1; drawPending(); },
        }, 'Previous page'),
        h('button', {
          type: 'button', class: 'secondary', disabled: !answer.nextCursor,
          onclick: () => { page += 1; drawPending(); },
        }, 'Next page')));
  };
  const drawRunning = async () => {
    const answer = await api(`/api/v1/deployments?clusterId=${clusterId}&status=RUNNING&limit=100`);
    put(parts.running, h('h2', { id: 'running-title' }, 'Running'),
      answer.items.length === 0 ? h('p', { class: 'muted' }, 'Nothing runs here now.') : table(null, [
        { title: 'Name', cell: running => h('a', { href: `#/deployments/${running.id}` }, running.name) },
        { title: 'Queue', cell: running => running.queue || '—' },
        { title: 'Priority', cell: running => running.priority },
        { title: 'Resources', cell: running => resourcesText(running.resources) },
        { title: 'Started', cell: running => when(running.startedAt) },
      ], answer.items));
  };
  const drawAll = () => Promise.all([drawCapacity(), drawQueues(), drawPending(), drawRunning()]);

  await drawAll();
  show(heading, h('p', {}, h('a', { href: '#/' }, '← Organizations and clusters')),
    h('div', { class: 'grid' }, parts.capacity, submitForm(clusterId, () => queueNames)),
    parts.queues, parts.pending, parts.running);
  const redraw = coalesce(() => drawAll().catch(() => {}), 300);
  follow(`/api/v1/clusters/${clusterId}/events`, redraw, signal);
}

/** The submission form: Preview asks for a dry run, Submit submits and shows the new deployment. */
function submitForm(clusterId, queueNames) {
  const outcome = h('div', { class: 'outcome', role: 'status', id: 'submit-outcome' });
  const queueSelect = h('select', { name: 'queue' });
  const form = h('form', { class: 'fields', id: 'submit' },
    h('label', {}, 'Name', h('input', { name: 'name', required: true, maxlength: 100 })),
    h('label', {}, 'Image', h('input', { name: 'image', required: true, placeholder: 'registry/team/job:1.0' })),
    h('label', {}, 'CPU', h('input', { name: 'cpu', required: true, value: '1', placeholder: '500m or 2' })),
    h('label', {}, 'Memory', h('input', { name: 'memory', required: true, value: '1Gi' })),
    h('label', {}, 'GPU', h('input', { name: 'gpu', type: 'number', min: 0, step: 1, value: 0 })),
    h('label', {}, 'Priority', h('select', { name: 'priority' },
      ['LOW', 'MEDIUM', 'HIGH'].map(priority => h('option', { selected: priority === 'MEDIUM' }, priority)))),
    h('label', {}, 'Queue', queueSelect),
    h('label', {}, 'Labels (key=value, one a line)', h('textarea', { name: 'labels', rows: 2 })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'preview', onclick: () => preview() }, 'Preview'),
      h('button', { type: 'submit' }, 'Submit')),
    outcome);
  const fillQueues = () => {
    const names = queueNames();
    put(queueSelect, h('option', { value: '' }, names.length ? 'the default queue' : 'none'),
      names.map(name => h('option', { value: name }, name)));
    queueSelect.disabled = names.length === 0;
  };
  fillQueues();
  queueSelect.addEventListener('focus', fillQueues);

  const request = () => {
    const labels = {};
    form.labels.value.split('\n').map(line => line.trim()).filter(Boolean).forEach(line => {
      const equals = line.indexOf('=');
      labels[equals < 0 ? line : line.slice(0, equals).trim()] = equals < 0 ? '' : line.slice(equals + 1).trim();
    });
    return {
      name: form.name.value.trim(), clusterId, image: form.image.value.trim(), priority: form.priority.value,
      resources: { cpu: form.cpu.value.trim(), memory: form.memory.value.trim(), gpu: Number(form.gpu.value || 0) },
      ...(form.queue.value ? { queue: form.queue.value } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
    };
  };
  const refusal = error => {
    const fields = (error.problem?.errors || []).map(field => `${field.field} ${field.message}`).join('; ');
    put(outcome, h('span', { class: 'problem' }, `Refused: ${problemText(error)}`
      + (fields ? ` (${fields})` : '')));
  };
  const preview = async () => {
    if (!form.reportValidity()) {
      return;
    }
    try {
      const answer = await api('/api/v1/deployments?dryRun=true', { method: 'POST', body: request() });
      put(outcome, dryRunText(answer));
    } catch (error) {
      refusal(error);
    }
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const created = await api('/api/v1/deployments', { method: 'POST', body: request() });
      location.hash = `#/deployments/${created.id}`;
    } catch (error) {
      refusal(error);
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'submit-title' }, h('h2', { id: 'submit-title' }, 'Submit'),
    form);
}

function dryRunText(answer) {
  if (answer.wouldStart && answer.preempts.length === 0) {
    return h('p', { id: 'dry-run' }, 'Would start now.');
  }
  if (answer.wouldStart) {
    return h('p', { id: 'dry-run' }, `Would start now by preempting ${answer.preempts.length} deployment(s): `,
      answer.preempts.map((id, index) => [index ? ', ' : '', h('a', { href: `#/deployments/${id}` }, id)]));
  }
  return h('p', { id: 'dry-run' }, `Would wait: ${waitingText(answer.pending || {})}`);
}

/** Why a deployment waits, in one line: the reason, the server's sentence, its place, and when it may start. */
function waitingText(pending) {
  return `${pending.reason}: ${pending.message || ''}`
    + (pending.position ? ` Position ${pending.position} in the queue.` : '')
    + (pending.estimatedStartAt ? ` Estimated start ${new Date(pending.estimatedStartAt).toLocaleString()}.` : '');
}

async function deploymentView(deploymentId) {
  const signal = leaving.signal;
  const heading = h('h1', {}, 'Deployment');
  const facts = h('section', { class: 'card', 'aria-labelledby': 'facts-title' });
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const seen = new Set();
  let deployment = null;

  const drawFacts = async () => {
    deployment = await api(`/api/v1/deployments/${deploymentId}`);
    heading.textContent = deployment.name;
    const pending = deployment.pending;
    const cancel = h('button', {
      type: 'button', class: 'danger', id: 'cancel', onclick: async () => {
        cancel.disabled = true;
        try {
          await api(`/api/v1/deployments/${deploymentId}/cancel`, { method: 'POST' });
          await drawFacts();
        } catch (error) {
          facts.append(h('p', { class: 'problem', role: 'alert' }, problemText(error)));
          cancel.disabled = false;
        }
      },
    }, 'Cancel deployment');
    put(facts, h('h2', { id: 'facts-title' }, 'Details'), h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', { id: 'status' }, statusBadge(deployment.status)),
      pending ? [h('dt', {}, 'Waiting'), h('dd', { id: 'pending-reason' }, waitingText(pending))] : null,
      h('dt', {}, 'Cluster'), h('dd', {}, h('a', { href: `#/clusters/${deployment.clusterId}` }, deployment.clusterId)),
      deployment.queue ? [h('dt', {}, 'Queue'), h('dd', {}, deployment.queue)] : null,
      h('dt', {}, 'Priority'), h('dd', {}, deployment.priority),
      h('dt', {}, 'Image'), h('dd', {}, deployment.image),
      h('dt', {}, 'Resources'), h('dd', {}, resourcesText(deployment.resources)),
      h('dt', {}, 'Submitted'), h('dd', {}, when(deployment.createdAt)),
      h('dt', {}, 'Started'), h('dd', {}, when(deployment.startedAt)),
      h('dt', {}, 'Finished'), h('dd', {}, when(deployment.finishedAt)),
      h('dt', {}, 'Preemptions'), h('dd', {}, String(deployment.preemptions ?? 0)),
      h('dt', {}, 'Id'), h('dd', {}, deployment.id)),
    FINAL.has(deployment.status) ? null : h('div', { class: 'actions' }, cancel));
  };
  const redraw = coalesce(() => drawFacts().catch(() => {}), 200);
  const onEvent = envelope => {
    if (seen.has(envelope.id)) {
      return;
    }
    seen.add(envelope.id);
    timeline.append(h('li', { 'data-type': envelope.type }, when(envelope.time), h('strong', {},
      envelope.type.replace(/^Deployment/, '')), eventDetail(envelope.data)));
    redraw();
  };

  await drawFacts();
  show(heading, h('p', {}, h('a', { href: `#/clusters/${deployment.clusterId}` }, '← Cluster')), facts,
    h('section', { class: 'card', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline'),
      timeline));
  // The stream replays the deployment's events so far, then follows; it ends after a final status.
  follow(`/api/v1/deployments/${deploymentId}/events`, onEvent, signal, async () => {
    await drawFacts().catch(() => {});
    return FINAL.has(deployment.status);
  });
}

function eventDetail(data) {
  const words = [data.reason, data.message, data.status].filter(Boolean);
  return words.length ? ` — ${words.join(': ')}` : '';
}

function notFoundView() {
  show(h('h1', {}, 'Nothing here'), h('p', {}, h('a', { href: '#/' }, 'Organizations and clusters')));
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^#\/clusters\/([0-9a-fA-F-]{36})$/, clusterView],
  [/^#\/deployments\/([0-9a-fA-F-]{36})$/, deploymentView],
  [/^(#\/?)?$/, homeView],
];

async function route() {
  leaving.abort();
  leaving = new AbortController();
  if (!session.accessToken) {
    signInView();
    return;
  }
  const found = ROUTES.map(([pattern, view]) => [pattern.exec(location.hash), view]).find(([match]) => match);
  if (!found) {
    notFoundView();
    return;
  }
  const [match, view] = found;
  try {
    await view(match[1]);
  } catch (error) {
    if (session.accessToken) {
      show(h('h1', {}, 'Could not load this page'), h('p', { class: 'problem', role: 'alert' }, problemText(error)),
        h('p', {}, h('a', { href: '#/' }, 'Organizations and clusters')));
    }
  }
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
  route();
});
