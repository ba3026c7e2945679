// The least-privilege recommendation in the credential's native format, with copy and download.
import { getText, describe } from './api.js';
import { h, fill, add, notice } from './dom.js';

const LABELS = {
  'aws-iam': 'AWS IAM policy (JSON)',
  'k8s-role': 'Kubernetes Role (YAML)',
  'gcp-role': 'GCP custom role',
  'gateway-routes': 'Gateway route list',
  json: 'Generic JSON',
};

export function recommendationPanel(credentialId, rec) {
  const section = h('section', { class: 'panel', id: 'recommendation', 'aria-labelledby': 'rec-title' },
    h('h2', { id: 'rec-title' }, 'Least-privilege recommendation'));
  if (!rec) {
    section.append(notice('This server does not compute a recommendation (the credential view has no "recommendation").'));
    return section;
  }
  const formats = [...new Set([...(rec.formats ?? []), 'json'])];
  const select = h('select', { id: 'rec-format' }, formats.map((f) => h('option', { value: f }, LABELS[f] ?? f)));
  const doc = h('pre', { id: 'rec-document', class: 'document', tabindex: 0, 'aria-label': 'Recommended policy' });
  const said = h('span', { class: 'muted small', role: 'status', id: 'rec-status' });
  const copy = h('button', { type: 'button', id: 'rec-copy', disabled: true }, 'Copy');
  const download = h('button', { type: 'button', id: 'rec-download', disabled: true }, 'Download');
  let current = null;

  async function load() {
    copy.disabled = true;
    download.disabled = true;
    fill(said, 'Loading…');
    try {
      current = await getText(`/api/v1/credentials/${encodeURIComponent(credentialId)}/recommendation`, { format: select.value });
      fill(doc, current.text);
      fill(said, '');
      copy.disabled = false;
      download.disabled = false;
    } catch (e) {
      current = null;
      fill(doc, '');
      fill(said, describe('Recommendation', e));
    }
  }

  copy.addEventListener('click', async () => {
    if (await copyText(current.text, doc)) fill(said, 'Copied to the clipboard.');
    else fill(said, 'The browser refused the clipboard: the policy is selected, press Ctrl+C.');
  });
  download.addEventListener('click', () => {
    const a = h('a', { href: URL.createObjectURL(new Blob([current.text], { type: current.type })),
      download: current.filename ?? `${credentialId.replace(/[^A-Za-z0-9._-]+/g, '_')}-${select.value}.txt` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  });
  select.addEventListener('change', load);

  const diff = rec.diff ?? {};
  add(section,
    h('p', {}, 'Platform ', h('strong', {}, rec.platform ?? 'generic'), ': keep what was used, remove what never was.'),
    h('div', { class: 'diff' },
      diffList('Keep (used)', diff.keep, 'keep'),
      diffList('Remove (granted, never used)', diff.remove, 'remove'),
      diffList('Add (used outside the grants)', diff.add, 'add')),
    rec.note ? h('p', { class: 'muted small' }, rec.note) : null,
    h('div', { class: 'toolbar' }, h('label', { for: select.id }, 'Format'), select, copy, download, said),
    doc);
  load();
  return section;
}

function diffList(title, items, cls) {
  return h('div', { class: `diff-${cls}` }, h('h3', {}, title),
    items && items.length ? h('ul', {}, items.map((i) => h('li', {}, h('code', {}, i)))) : h('p', { class: 'muted' }, 'none'));
}

/** Clipboard API first; where the browser refuses it, the text is selected so that Ctrl+C copies it. */
async function copyText(text, el) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return false;
  }
}
