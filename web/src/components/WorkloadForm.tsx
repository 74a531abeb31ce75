import type { ComponentChildren } from 'preact';
import { type RegionChoice, regionLabel } from '../api';
import {
  type FieldGroup,
  type FormValues,
  GROUP_TITLES,
  keptFields,
  WORKLOAD_FIELDS,
  type WorkloadField,
} from '../workload-fields';

interface Props {
  values: FormValues;
  errors: Record<string, string>;
  busy: boolean;
  onChange: (values: FormValues) => void;
  onSubmit: () => void;
  onReset: () => void;
  submitLabel?: string;
  /** The regions the service knows (GET /v1/regions): the Region field becomes a choice among them. */
  regions?: RegionChoice[];
}

function bounds(f: WorkloadField): string {
  const parts: string[] = [];
  if (f.exclusiveMinimum !== undefined) parts.push(`> ${f.exclusiveMinimum}`);
  else if (f.minimum !== undefined) parts.push(`≥ ${f.minimum}`);
  if (f.maximum !== undefined) parts.push(`≤ ${f.maximum.toLocaleString('en-US')}`);
  if (f.defaultValue !== undefined && f.kind !== 'boolean') parts.push(`default ${String(f.defaultValue)}`);
  return parts.join(', ');
}

function Field({
  f,
  values,
  errors,
  onChange,
  regions,
}: {
  f: WorkloadField;
  values: FormValues;
  errors: Record<string, string>;
  onChange: Props['onChange'];
  regions?: RegionChoice[];
}) {
  const id = `field-${f.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = errors[f.name];
  const describedBy = error ? `${errorId} ${hintId}` : hintId;
  const set = (v: string | boolean) => onChange({ ...values, [f.name]: v });
  const value = values[f.name];
  const hint = [f.description, bounds(f)].filter(Boolean).join(' ');
  if (f.kind === 'boolean') {
    return (
      <div class={`field check${error ? ' invalid' : ''}`}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          aria-describedby={describedBy}
          onChange={(e) => set(e.currentTarget.checked)}
        />
        <label for={id}>{f.label}</label>
        <p id={hintId} class="hint">
          {f.description}
        </p>
        {error && (
          <p id={errorId} class="field-error">
            {error}
          </p>
        )}
      </div>
    );
  }
  // The region: a list of the regions the service knows, once it has answered (else a text field).
  const regionChoices = f.name === 'region' && regions && regions.length > 0 ? regions : null;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {f.label}
        {f.unit && <span class="unit"> ({f.unit})</span>}
        {f.required && <span class="req"> (required)</span>}
      </label>
      {regionChoices || f.kind === 'enum' ? (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => set(e.currentTarget.value)}
        >
          {regionChoices ? (
            <>
              <option value="">{`default (${String(f.defaultValue ?? 'us-east-1')})`}</option>
              {typeof value === 'string' && value !== '' && !regionChoices.some((r) => r.region === value) && (
                <option value={value}>{value} (not in the service's list)</option>
              )}
              {regionChoices.map((r) => (
                <option key={r.region} value={r.region}>
                  {regionLabel(r)}
                </option>
              ))}
            </>
          ) : (
            <>
              <option value="">
                {f.defaultValue !== undefined ? `default (${String(f.defaultValue)})` : 'not set'}
              </option>
              {f.choices?.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </>
          )}
        </select>
      ) : f.kind === 'list' ? (
        <textarea
          id={id}
          rows={2}
          spellcheck={false}
          autocomplete="off"
          value={typeof value === 'string' ? value : ''}
          placeholder={f.example}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => set(e.currentTarget.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={f.kind === 'integer' ? 'numeric' : f.kind === 'number' ? 'decimal' : 'text'}
          autocomplete="off"
          value={typeof value === 'string' ? value : ''}
          placeholder={f.defaultValue !== undefined ? String(f.defaultValue) : ''}
          required={f.required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
      <p id={hintId} class="hint">
        {hint}
      </p>
    </div>
  );
}

function Group({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset>
      <legend>{title}</legend>
      <div class="fields">{children}</div>
    </fieldset>
  );
}

const MAIN_GROUPS: FieldGroup[] = ['volume', 'consumers', 'shape', 'needs'];

export function WorkloadForm({
  values,
  errors,
  busy,
  onChange,
  onSubmit,
  onReset,
  submitLabel = 'Evaluate',
  regions,
}: Props) {
  const fieldsOf = (group: FieldGroup) =>
    WORKLOAD_FIELDS.filter((f) => f.group === group).map((f) => (
      <Field key={f.name} f={f} values={values} errors={errors} onChange={onChange} regions={regions} />
    ));
  const tuningHasError = WORKLOAD_FIELDS.some((f) => f.group === 'tuning' && errors[f.name]);
  return (
    <form
      class="workload"
      aria-labelledby="workload-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="workload-title">Workload</h2>
      <p class="hint">
        Preset with the decision guide's example: 100 GB/day, two consumer applications, steady, 24 h retention. 1 GB =
        1,024 MB.
      </p>
      {MAIN_GROUPS.map((g) => (
        <Group key={g} title={GROUP_TITLES[g]}>
          {fieldsOf(g)}
        </Group>
      ))}
      {Object.keys(keptFields(values)).length > 0 && (
        <p class="hint" role="note">
          Kept as saved (the form has no input for them): {Object.keys(keptFields(values)).join(', ')}.
        </p>
      )}
      <details class="tuning" open={tuningHasError || undefined}>
        <summary>{GROUP_TITLES.tuning}</summary>
        <div class="fields">{fieldsOf('tuning')}</div>
      </details>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onReset}>
          Reset to the guide's example
        </button>
      </div>
    </form>
  );
}
