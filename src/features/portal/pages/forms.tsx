import type { ReactNode } from 'react';
import type { FieldError } from '../../../platform/errors/errors.js';

/** Form pieces shared by the public forms: an error summary linked to its fields, labelled fields with hints and errors. */
export type Values = Record<string, string>;

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="err-h" tabIndex={-1} id="errors">
      <h2 id="err-h">提交未成功，请修改以下 {errors.length} 处</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.field && e.field !== 'form' ? <a href={`#f-${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  values: Values;
  errors: FieldError[];
  required?: boolean;
  hint?: string;
  children?: (p: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
  type?: string;
  autoComplete?: string;
  textarea?: boolean;
}

export function Field({ name, label, values, errors, required, hint, children, type = 'text', autoComplete, textarea }: FieldProps) {
  const id = `f-${name}`;
  const err = errors.find((e) => e.field === name);
  const describedBy = [hint && `${id}-hint`, err && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${err ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req">（必填）</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {err && (
        <p className="field-error" id={`${id}-err`}>
          {err.message}
        </p>
      )}
      {children ? (
        children({ id, describedBy, invalid: !!err })
      ) : textarea ? (
        <textarea id={id} name={name} rows={5} required={required} aria-describedby={describedBy} aria-invalid={err ? true : undefined} defaultValue={values[name] ?? ''} />
      ) : (
        <input id={id} name={name} type={type} required={required} autoComplete={autoComplete} aria-describedby={describedBy} aria-invalid={err ? true : undefined} defaultValue={values[name] ?? ''} />
      )}
    </div>
  );
}

export function Select({ name, options, values, id, describedBy, invalid }: { name: string; options: Record<string, string>; values: Values; id: string; describedBy?: string; invalid: boolean }) {
  return (
    <select id={id} name={name} required aria-describedby={describedBy} aria-invalid={invalid || undefined} defaultValue={values[name] ?? ''}>
      <option value="">请选择</option>
      {Object.entries(options).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </select>
  );
}


/** The public steps of a case or message, oldest first, as the person who filed it sees them. */
export function Timeline({ events }: { events: { on: string; label: string; detail: string }[] }) {
  return (
    <>
      <h3>办理过程</h3>
      <ol className="timeline">
        {events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.on}>{e.on}</time> {e.label}
            {e.detail && <p>{e.detail}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The number and 查询码 shown after a submission, large enough to copy down. */
export function ReceiptCodes({ numberLabel, receiptNo, code }: { numberLabel: string; receiptNo: string; code: string }) {
  return (
    <dl className="facts big">
      <div>
        <dt>{numberLabel}</dt>
        <dd>{receiptNo}</dd>
      </div>
      <div>
        <dt>查询码</dt>
        <dd>{code}</dd>
      </div>
    </dl>
  );
}
