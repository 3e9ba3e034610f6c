import { Alert, List } from '@mantine/core';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/** Holds the last server error of a form; `field(path)` gives the message to show beside an input. */
export function useServerErrors() {
  const [error, setError] = useState<ApiError | null>(null);
  const field = useCallback((path: string) => error?.fields?.[path]?.message, [error]);
  const capture = useCallback((e: unknown) => {
    setError(e instanceof ApiError ? e : new ApiError(0, 'unexpected', String((e as Error)?.message ?? e)));
  }, []);
  return { error, setError, field, capture, clear: useCallback(() => setError(null), []) };
}

/**
 * A form's submit: busy while the request runs, the server's error kept for the fields (and the
 * input with it: nothing is reset on a refusal).
 */
export function useFormSubmit(onSubmit: () => Promise<void>) {
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      await onSubmit();
    } catch (err) {
      errors.capture(err);
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, submit };
}

/**
 * The form-level message. Field errors the form shows beside inputs are listed in `shown`; any other
 * field error (a path the form has no input for) is listed here so nothing is silently lost.
 */
export function ErrorAlert({ error, shown = [], labels = {} }: { error: ApiError | null; shown?: string[]; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!error) return null;
  const rest = Object.entries(error.fields ?? {}).filter(([k]) => !shown.includes(k));
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert" data-testid="form-error">
      {error.message}
      {rest.length > 0 && (
        <List size="sm" mt={4}>
          {rest.map(([k, v]) => (
            <List.Item key={k}>
              {labels[k] ?? k}: {v.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
