import { useRef, useState } from 'preact/hooks';
import { ApiError, explain, graphql } from '../api';
import { CreateScenarioDocument } from '../generated/graphql';
import { asWorkloadInput } from '../workload-fields';
import { ErrorLine } from './ErrorLine';

interface Props {
  apiKey: string;
  workload: Record<string, unknown>;
  readOnly: boolean;
  onError: (e: unknown) => void;
  onSaved?: (id: string) => void;
}

export function parseTags(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** "Save": asks a scenario name (tags and a description optional), then createScenario. */
export function SaveScenario({ apiKey, workload, readOnly, onError, onSaved }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [description, setDescription] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  const open = () => {
    setError('');
    setFieldErrors({});
    setSaved('');
    dialog.current?.showModal();
  };

  const save = async () => {
    if (!name.trim()) {
      setFieldErrors({ name: 'Give the scenario a name (1 to 200 characters)' });
      document.getElementById('save-name')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setFieldErrors({});
    try {
      const res = await graphql(apiKey, CreateScenarioDocument, {
        input: {
          name: name.trim(),
          tags: parseTags(tags),
          description: description.trim() || null,
          workload: asWorkloadInput(workload),
        },
      });
      dialog.current?.close();
      setSaved(`Saved “${res.createScenario.name}” (version ${res.createScenario.version}); it is in Scenarios.`);
      setName('');
      setTags('');
      setDescription('');
      onSaved?.(res.createScenario.id);
    } catch (e) {
      onError(e);
      const fields: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const f of e.fields) {
          const key = f.field
            .replace(/^input\./, '')
            .split('.')[0]
            .replace(/\[\d+\]$/, '');
          if (key === 'name' || key === 'tags' || key === 'description') fields[key] ??= f.message;
        }
      }
      setFieldErrors(fields);
      setError(explain(e, 'save the scenario'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        disabled={readOnly}
        aria-describedby={readOnly ? 'readonly-note' : undefined}
      >
        Save
      </button>
      {readOnly && (
        <span id="readonly-note" class="hint">
          Saving needs an editor key; this one is read-only.
        </span>
      )}
      {saved && (
        <p class="ok" role="status">
          {saved}
        </p>
      )}
      <dialog ref={dialog} aria-labelledby="save-title" class="dialog">
        <form
          method="dialog"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2 id="save-title">Save as a scenario</h2>
          <div class={`field${fieldErrors.name ? ' invalid' : ''}`}>
            <label for="save-name">Scenario name (required)</label>
            <input
              id="save-name"
              type="text"
              maxLength={200}
              value={name}
              required
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={fieldErrors.name ? 'save-name-error' : undefined}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            {fieldErrors.name && (
              <p id="save-name-error" class="field-error">
                {fieldErrors.name}
              </p>
            )}
          </div>
          <div class={`field${fieldErrors.tags ? ' invalid' : ''}`}>
            <label for="save-tags">Tags (optional)</label>
            <input
              id="save-tags"
              type="text"
              value={tags}
              aria-describedby={fieldErrors.tags ? 'save-tags-error save-tags-hint' : 'save-tags-hint'}
              aria-invalid={fieldErrors.tags ? true : undefined}
              onInput={(e) => setTags(e.currentTarget.value)}
            />
            <p id="save-tags-hint" class="hint">
              Separated by commas or spaces; each 1–40 of a–z 0–9 . _ : -
            </p>
            {fieldErrors.tags && (
              <p id="save-tags-error" class="field-error">
                {fieldErrors.tags}
              </p>
            )}
          </div>
          <div class="field">
            <label for="save-description">Description (optional)</label>
            <textarea
              id="save-description"
              rows={3}
              maxLength={2000}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </div>
          <ErrorLine error={error} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Save scenario
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
